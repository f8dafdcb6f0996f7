//! Visible text of an HTML page, as blocks.
//!
//! A small, forgiving tokenizer (no recursion, so deep nesting is safe):
//! skips `script`, `style`, `noscript`, `template`, `head` and comments,
//! turns block elements into block breaks, decodes character references
//! and collapses white space.

const SKIP: &[&str] = &["script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "textarea", "select", "button"];
const BLOCK: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "section",
    "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption", "table", "tr",
    "td", "th", "br", "hr", "pre", "dl", "dt", "dd", "form", "address", "details", "summary",
    "caption", "body", "html", "title",
];

/// Extracts the visible text of `html` as blocks (no block is empty).
pub fn blocks(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut skip: Option<String> = None;
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        if rest.starts_with('<') {
            let tag_end = match find_tag_end(rest) {
                Some(e) => e,
                None => {
                    // A lone '<': text.
                    if skip.is_none() {
                        current.push('<');
                    }
                    rest = &rest[1..];
                    continue;
                }
            };
            let inner = &rest[1..tag_end];
            rest = &rest[tag_end + 1..];
            let closing = inner.starts_with('/');
            let name: String = inner
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() {
                continue; // <!doctype>, <?xml?>
            }
            if let Some(s) = &skip {
                if closing && &name == s {
                    skip = None;
                }
                continue;
            }
            if !closing && SKIP.contains(&name.as_str()) && !inner.ends_with('/') {
                skip = Some(name);
                continue;
            }
            if BLOCK.contains(&name.as_str()) {
                flush(&mut current, &mut out);
            }
            continue;
        }
        let next = rest.find('<').unwrap_or(rest.len());
        if skip.is_none() {
            decode_into(&rest[..next], &mut current);
        }
        rest = &rest[next..];
    }
    flush(&mut current, &mut out);
    out
}

/// Index of the `>` closing the tag at the start of `s`, honouring quotes.
fn find_tag_end(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() < 2 || !(b[1].is_ascii_alphabetic() || b[1] == b'/' || b[1] == b'!' || b[1] == b'?') {
        return None;
    }
    let mut quote: Option<u8> = None;
    for (i, &c) in b.iter().enumerate().skip(1) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return Some(i),
            None => {}
        }
    }
    None
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    let collapsed = current.split(|c: char| c.is_whitespace() && c != '\u{a0}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_matches(|c: char| c.is_whitespace());
    if !trimmed.is_empty() {
        out.push(trimmed.to_string());
    }
    current.clear();
}

fn decode_into(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|e| e + 1);
        let decoded = end.filter(|&e| rest[e..].starts_with(';')).and_then(|e| entity(&rest[1..e]).map(|c| (c, e + 1)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "pound" => '£',
        "euro" => '€',
        "copy" => '©',
        "eacute" => 'é',
        "shy" => '\u{ad}',
        "thinsp" => '\u{2009}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_as_blocks() {
        let html = "<!doctype html><html><head><title>T</title><style>p{}</style></head><body><h1>Head&nbsp;line</h1>\n<p>One <b>bold</b>\n word &amp; “more”.</p><script>var x = '<p>';</script><!-- c --><p>Two &#x1F600; &#8212; x</p><noscript>no</noscript></body></html>";
        assert_eq!(blocks(html), ["Head\u{a0}line", "One bold word & “more”.", "Two 😀 — x"]);
    }

    #[test]
    fn deep_nesting_and_junk() {
        let html = "<div>".repeat(50_000) + "deep" + &"</div>".repeat(50_000) + "<p>a < b &bogus; c</p>";
        assert_eq!(blocks(&html), ["deep", "a < b &bogus; c"]);
    }
}
