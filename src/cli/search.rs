//! `fahras search`: query an index folder from the terminal.

use std::io::IsTerminal;
use std::process::ExitCode;

use super::{Error, SearchArgs};
use fahras::format::Index;
use fahras::search::{search, SearchOptions};

pub fn run(a: SearchArgs) -> Result<ExitCode, Error> {
    let index = Index::open(&a.index)?;
    let query = a.query.join(" ");
    let res = search(&index, &query, &SearchOptions { limit: a.limit })?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&res)?);
        return Ok(ExitCode::SUCCESS);
    }
    let tty = std::io::stdout().is_terminal();
    println!("{} result(s) for «{}»", res.total, res.query);
    for (i, h) in res.results.iter().enumerate() {
        println!();
        println!(
            "{}. {}  [{}]",
            i + 1,
            h.title,
            h.date.as_deref().unwrap_or("no date")
        );
        println!("   {}", h.url);
        println!("   {}", plain_excerpt(&h.excerpt, tty));
    }
    Ok(ExitCode::SUCCESS)
}

/// The excerpt's HTML as terminal text: marks shown in reverse video (or
/// between » « when not a terminal), entities decoded.
fn plain_excerpt(html: &str, tty: bool) -> String {
    let (on, off) = if tty {
        ("\x1b[7m", "\x1b[0m")
    } else {
        ("»", "«")
    };
    html.replace("<mark>", on)
        .replace("</mark>", off)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
