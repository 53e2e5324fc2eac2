//! Escaping text for HTML: the one implementation behind everything Fahras
//! puts into a page (excerpts in the browser, article pages at build time).
//! Depends on nothing.

/// `s` escaped for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s, false);
    out
}

/// Append `s` to `out`, escaping `& < > " '`. With `fold_spaces`, every run
/// of whitespace (newlines included) becomes one space, as an excerpt reads.
pub fn push_escaped(out: &mut String, s: &str, fold_spaces: bool) {
    let mut last_space = false;
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if fold_spaces && c.is_whitespace() => {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
                continue;
            }
            c => out.push(c),
        }
        last_space = false;
    }
}
