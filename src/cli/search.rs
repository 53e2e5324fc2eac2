//! `fahras search`: query an index folder from the terminal.

use std::io::IsTerminal;
use std::process::ExitCode;

use super::{Error, SearchArgs};
use fahras::format::Index;
use fahras::search::{search, SearchOptions, Sort};

use super::SortArg;

pub fn run(a: SearchArgs) -> Result<ExitCode, Error> {
    let index = Index::open(&a.index)?;
    let query = a.query.join(" ");
    let mut filters: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in a.filters {
        match filters.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value),
            None => filters.push((name, vec![value])),
        }
    }
    let opts = SearchOptions {
        limit: a.limit,
        filters,
        sort: match a.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        },
        facets: a.facets,
    };
    let res = search(&index, &query, &opts)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&res)?);
        return Ok(ExitCode::SUCCESS);
    }
    let tty = std::io::stdout().is_terminal();
    println!("{} result(s) for «{}»", res.total, res.query);
    if !res.missing.is_empty() {
        println!("not in any document: {}", res.missing.join(", "));
    }
    if let Some(retry) = &res.retry {
        println!("try: {retry}");
    }
    for (i, h) in res.results.iter().enumerate() {
        println!();
        println!(
            "{}. {}  [{}]",
            i + 1,
            h.title,
            h.date.as_deref().unwrap_or("no date")
        );
        println!("   {}", h.url);
        if let Some(s) = &h.source {
            println!("   {s}");
        }
        println!("   {}", plain_excerpt(&h.excerpt, tty));
    }
    for f in res.facets.iter().filter(|f| !f.values.is_empty()) {
        println!();
        let values: Vec<String> = f
            .values
            .iter()
            .map(|v| {
                format!(
                    "{}{} ({})",
                    if v.selected { "*" } else { "" },
                    v.value,
                    v.count
                )
            })
            .collect();
        println!("{}: {}", f.name, values.join(", "));
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
