//! Markdown (`.md`, `.markdown`) sources: optional front matter, then the
//! text with the Markdown syntax removed by a careful line-based stripper
//! (no extra dependency).
//!
//! Front matter is YAML-like between `---` lines (or TOML-like between
//! `+++` lines), with `title`, `date`, `source`, and `tags`/`keywords` (an
//! inline `[a, b]` list, a comma-separated string or `- item` lines); values
//! may be quoted. Other keys are ignored.
//!
//! The title is the front-matter title, else the first level-1 heading
//! (`# …` or a `===` underline), else the first line; a heading or line
//! used as the title is not repeated in the body.
//!
//! Stripping: headings, list items, table rows and block quotes become
//! their own paragraphs without their markers; emphasis markers (`*`, `_`,
//! `~~`) and inline code backticks are removed; `[text](url)` and
//! `[text][ref]` become `text`; images, reference definitions, footnote
//! marks, HTML tags and comments are dropped; fenced code is kept as text.

use super::metadata::{parse_date, split_keywords};
use super::Parsed;

/// Parse a Markdown file.
pub(super) fn parse(text: &str) -> Parsed {
    let (front, body) = split_front_matter(text);
    let mut blocks = strip_markdown(body);

    let mut title = front.title.unwrap_or_default();
    if title.is_empty() {
        if let Some(i) = blocks.iter().position(|b| b.level == Some(1)) {
            title = blocks.remove(i).text;
        } else if let Some(first) = blocks.first_mut() {
            let (line, rest) = first.text.split_once('\n').unwrap_or((&first.text, ""));
            title = line.to_string();
            first.text = rest.to_string();
        }
    }
    Parsed {
        title,
        paragraphs: blocks.into_iter().map(|b| b.text).collect(),
        date: front.date.as_deref().and_then(parse_date),
        source: front.source,
        keywords: front.keywords,
        filters: front.filters,
    }
}

// --------------------------------------------------------- front matter

#[derive(Debug, Default)]
struct FrontMatter {
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    keywords: Vec<String>,
    filters: Vec<(String, String)>,
}

/// Front matter (if the file starts with a `---` or `+++` line and has a
/// closing one) and the rest of the text.
fn split_front_matter(text: &str) -> (FrontMatter, &str) {
    let first_line = text.lines().next().unwrap_or("").trim_end();
    let (delim, sep) = match first_line {
        "---" => ("---", ':'),
        "+++" => ("+++", '='),
        _ => return (FrontMatter::default(), text),
    };
    // Byte offsets of every line, to cut the body after the closing line.
    let mut offset = 0;
    let mut lines = Vec::new();
    for line in text.split_inclusive('\n') {
        lines.push((offset, line));
        offset += line.len();
    }
    let close = lines.iter().skip(1).position(|(_, l)| {
        let l = l.trim_end();
        l == delim || (delim == "---" && l == "...")
    });
    let Some(close) = close.map(|i| i + 1) else {
        return (FrontMatter::default(), text);
    };
    let (close_offset, close_line) = lines[close];
    let body = &text[close_offset + close_line.len()..];
    let front_lines: Vec<&str> = lines[1..close].iter().map(|(_, l)| l.trim_end()).collect();
    (parse_front_matter(&front_lines, sep), body)
}

fn parse_front_matter(lines: &[&str], sep: char) -> FrontMatter {
    let mut fm = FrontMatter::default();
    let mut list_key: Option<String> = None;
    for line in lines {
        let trimmed = line.trim();
        if let Some(item) = trimmed.strip_prefix("- ") {
            if matches!(list_key.as_deref(), Some("tags" | "keywords")) {
                let k = unquote(item);
                if !k.is_empty() && !fm.keywords.contains(&k) {
                    fm.keywords.push(k);
                }
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once(sep) else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        list_key = Some(key.clone());
        match key.as_str() {
            "title" => fm.title = Some(unquote(value)).filter(|v| !v.is_empty()),
            "date" | "published" => fm.date = Some(unquote(value)).filter(|v| !v.is_empty()),
            "source" => fm.source = Some(unquote(value)).filter(|v| !v.is_empty()),
            "tags" | "keywords" => {
                let inner = value.trim_start_matches('[').trim_end_matches(']');
                for k in split_keywords(inner) {
                    let k = unquote(&k);
                    if !k.is_empty() && !fm.keywords.contains(&k) {
                        fm.keywords.push(k);
                    }
                }
            }
            // Site-declared filters: `filter_author: Ahmad` → (author, Ahmad).
            k => {
                let value = unquote(value);
                if let Some(name) = k.strip_prefix("filter_").filter(|n| !n.is_empty()) {
                    if !value.is_empty() {
                        fm.filters.push((name.to_string(), value));
                    }
                }
            }
        }
    }
    fm
}

/// Remove one pair of matching quotes.
fn unquote(v: &str) -> String {
    let v = v.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return v[1..v.len() - 1].trim().to_string();
        }
    }
    v.to_string()
}

// ------------------------------------------------------------ blocks

/// A paragraph of stripped text; lines inside it are joined by `\n` until
/// whitespace is collapsed later.
#[derive(Debug)]
struct Block {
    text: String,
    /// Heading level, for headings.
    level: Option<u8>,
}

#[derive(Default)]
struct Blocks {
    done: Vec<Block>,
    current: Vec<String>,
}

impl Blocks {
    fn push_line(&mut self, line: String) {
        self.current.push(line);
    }
    fn flush(&mut self) {
        if !self.current.is_empty() {
            let text = self.current.join("\n");
            self.current.clear();
            if !text.trim().is_empty() {
                self.done.push(Block { text, level: None });
            }
        }
    }
    fn push_block(&mut self, text: String, level: Option<u8>) {
        self.flush();
        if !text.trim().is_empty() {
            self.done.push(Block { text, level });
        }
    }
}

/// The text of a Markdown document as paragraphs, syntax removed.
fn strip_markdown(text: &str) -> Vec<Block> {
    let mut out = Blocks::default();
    let mut fence: Option<(char, usize)> = None;
    let mut in_comment = false;

    for raw in text.lines() {
        if let Some((c, n)) = fence {
            let t = raw.trim();
            if t.len() >= n && t.chars().all(|x| x == c) {
                fence = None;
                out.flush();
            } else {
                out.push_line(raw.trim_end().to_string());
            }
            continue;
        }
        if in_comment {
            if raw.contains("-->") {
                in_comment = false;
            }
            continue;
        }

        // Block quotes: drop the markers, keep the text.
        let mut line = raw.trim();
        while let Some(rest) = line.strip_prefix('>') {
            line = rest.trim_start();
        }

        if line.is_empty() {
            out.flush();
            continue;
        }
        if line.starts_with("<!--") {
            if !line.contains("-->") {
                in_comment = true;
            }
            continue;
        }
        if let Some(f) = fence_open(line) {
            out.flush();
            fence = Some(f);
            continue;
        }
        if let Some((level, heading)) = atx_heading(line) {
            out.push_block(strip_inline(heading), Some(level));
            continue;
        }
        if is_setext_underline(line) && !out.current.is_empty() {
            let level = if line.starts_with('=') { 1 } else { 2 };
            let text = out.current.join("\n");
            out.current.clear();
            out.push_block(text, Some(level));
            continue;
        }
        if is_thematic_break(line) {
            out.flush();
            continue;
        }
        if is_reference_definition(line) {
            continue;
        }
        if let Some(item) = list_item(line) {
            out.flush();
            out.push_line(strip_inline(item));
            continue;
        }
        if line.starts_with('|') {
            if !is_table_separator(line) {
                let cells: Vec<String> = line
                    .trim_matches('|')
                    .split('|')
                    .map(|c| strip_inline(c.trim()))
                    .filter(|c| !c.is_empty())
                    .collect();
                out.push_block(cells.join(" "), None);
            }
            continue;
        }
        out.push_line(strip_inline(line));
    }
    out.flush();
    out.done
}

/// A code fence opening: three or more backticks or tildes.
fn fence_open(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next().filter(|&c| c == '`' || c == '~')?;
    let n = line.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

/// `# Heading #` → (1, "Heading").
fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let n = line.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&n) {
        return None;
    }
    let rest = &line[n..];
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim();
    let rest = rest.trim_end_matches('#').trim_end();
    Some((n as u8, rest))
}

fn is_setext_underline(line: &str) -> bool {
    let c = line.chars().next();
    matches!(c, Some('=') | Some('-')) && line.chars().all(|x| Some(x) == c)
}

fn is_thematic_break(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let c = compact.chars().next();
    compact.chars().count() >= 3
        && matches!(c, Some('-') | Some('*') | Some('_'))
        && compact.chars().all(|x| Some(x) == c)
}

/// `[id]: https://…` (link reference definitions, also footnote text).
fn is_reference_definition(line: &str) -> bool {
    line.starts_with('[')
        && line
            .find("]:")
            .is_some_and(|i| !line[1..i].contains(['[', ']']) && !line.starts_with("[^"))
}

/// `- item`, `* item`, `+ item`, `1. item`, `1) item`, with `[ ]`/`[x]`
/// task marks removed.
fn list_item(line: &str) -> Option<&str> {
    let rest = if let Some(r) = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("+ "))
    {
        r
    } else {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        let r = &line[digits..];
        r.strip_prefix(". ").or_else(|| r.strip_prefix(") "))?
    };
    let rest = rest.trim_start();
    for mark in ["[ ] ", "[x] ", "[X] "] {
        if let Some(r) = rest.strip_prefix(mark) {
            return Some(r);
        }
    }
    Some(rest)
}

fn is_table_separator(line: &str) -> bool {
    line.chars()
        .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

// ------------------------------------------------------------ inline

/// Remove inline Markdown syntax from one line.
pub(super) fn strip_inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '`' => {
                let n = run_len(&chars, i, '`');
                match find_backtick_close(&chars, i + n, n) {
                    Some(end) => {
                        let code: String = chars[i + n..end].iter().collect();
                        out.push_str(code.trim());
                        i = end + n;
                    }
                    None => {
                        out.extend(&chars[i..i + n]);
                        i += n;
                    }
                }
            }
            '!' if chars.get(i + 1) == Some(&'[') => match link_at(&chars, i + 1) {
                Some((_, end)) => i = end,
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '[' => {
                if chars.get(i + 1) == Some(&'^') {
                    // Footnote mark `[^1]`: dropped.
                    if let Some(close) = matching(&chars, i, '[', ']') {
                        i = close + 1;
                        continue;
                    }
                }
                match link_at(&chars, i) {
                    Some((text, end)) => {
                        out.push_str(&strip_inline(&text));
                        i = end;
                    }
                    None => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            '<' => match angle_at(&chars, i) {
                Some((keep, end)) => {
                    out.push_str(&keep);
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '*' | '_' | '~' => {
                let n = run_len(&chars, i, c);
                let prev = i.checked_sub(1).map(|j| chars[j]);
                let next = chars.get(i + n).copied();
                let space_or_none = |x: Option<char>| x.map_or(true, char::is_whitespace);
                let alnum = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
                let flanking = !(space_or_none(prev) && space_or_none(next));
                let is_marker = match c {
                    '*' => n <= 3 && flanking,
                    '_' => n <= 3 && flanking && !(alnum(prev) && alnum(next)),
                    _ => n == 2 && flanking,
                };
                if !is_marker {
                    out.extend(&chars[i..i + n]);
                }
                i += n;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn run_len(chars: &[char], i: usize, c: char) -> usize {
    chars[i..].iter().take_while(|&&x| x == c).count()
}

/// Start of a closing backtick run of exactly `n` backticks.
fn find_backtick_close(chars: &[char], from: usize, n: usize) -> Option<usize> {
    let mut j = from;
    while j < chars.len() {
        if chars[j] == '`' {
            let m = run_len(chars, j, '`');
            if m == n {
                return Some(j);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

/// Index of the bracket closing the one at `open`, nesting counted.
fn matching(chars: &[char], open: usize, o: char, c: char) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = open;
    while j < chars.len() {
        let x = chars[j];
        if x == '\\' {
            j += 2;
            continue;
        }
        if x == o {
            depth += 1;
        } else if x == c {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        }
        j += 1;
    }
    None
}

/// `[text](url)` or `[text][ref]` starting at `open`: the text and the
/// index after the link.
fn link_at(chars: &[char], open: usize) -> Option<(String, usize)> {
    let close = matching(chars, open, '[', ']')?;
    let text: String = chars[open + 1..close].iter().collect();
    match chars.get(close + 1) {
        Some('(') => {
            let end = matching(chars, close + 1, '(', ')')?;
            Some((text, end + 1))
        }
        Some('[') => {
            let end = matching(chars, close + 1, '[', ']')?;
            Some((text, end + 1))
        }
        _ => None,
    }
}

/// At a `<`: an autolink (`<https://…>` → the address), an HTML tag or
/// comment (dropped). `None` for a plain `<` ("a < b").
fn angle_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let rest: String = chars[i..].iter().take(5).collect();
    if rest.starts_with("<!--") {
        let s: String = chars[i..].iter().collect();
        let end = s.find("-->")?;
        return Some((String::new(), i + s[..end + 3].chars().count()));
    }
    let close = chars[i..].iter().position(|&c| c == '>')? + i;
    let inner: String = chars[i + 1..close].iter().collect();
    if inner.contains(char::is_whitespace) && !inner.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        return None;
    }
    let lower = inner.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        let addr = inner.strip_prefix("mailto:").unwrap_or(&inner).to_string();
        return Some((addr, close + 1));
    }
    let name = inner.strip_prefix('/').unwrap_or(&inner);
    let is_tag = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    is_tag.then(|| (String::new(), close + 1))
}
