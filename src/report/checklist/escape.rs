//! The one place pack text is made inert for the report: HTML escaping (text and attribute
//! values) and Markdown escaping (so that no Markdown or raw HTML in a pack takes effect).

use crate::report::terminal::is_unsafe;

/// Escapes text for HTML element content and quoted attribute values. Control characters other
/// than newline and tab, and bidirectional overrides, become U+FFFD, so nothing invisible
/// reaches the page and no text is shown reordered.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_unsafe(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown (CommonMark/GFM) inline content, table cells included: `&`, `<`
/// and `>` become entities so no raw HTML or entity survives, line breaks become spaces, and
/// the punctuation of emphasis, code, links, images, tables and autolinks (`:` and `.` break
/// `https://…`, `www.…` and e-mail autolinks) is backslash-escaped. Line-start syntax (`-`,
/// `+`, `=`, `1.`) needs no escape: the renderer never starts a line with pack text.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '.' | '!' | '|' | '~' | ':' => {
                out.push('\\');
                out.push(c);
            }
            c if is_unsafe(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_quotes_and_controls() {
        assert_eq!(
            html("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
        assert_eq!(html("a\"b&c"), "a&quot;b&amp;c");
        assert_eq!(html("</style>"), "&lt;/style&gt;");
        assert_eq!(html("x\u{1b}[2Jy\u{0}"), "x\u{FFFD}[2Jy\u{FFFD}");
        assert_eq!(html("病院\n第12条"), "病院\n第12条");
        assert_eq!(html("a\u{202e}b"), "a\u{FFFD}b");
    }

    #[test]
    fn markdown_neutralizes_links_html_and_table_pipes() {
        assert_eq!(
            markdown("[x](javascript:alert(1))"),
            "\\[x\\]\\(javascript\\:alert\\(1\\)\\)"
        );
        assert_eq!(markdown("<img src=x>"), "&lt;img src=x&gt;");
        assert_eq!(markdown("https://a.example"), "https\\://a\\.example");
        assert_eq!(markdown("a|b\nc"), "a\\|b c");
        assert_eq!(markdown("&amp;"), "&amp;amp;");
        assert_eq!(markdown("基本契約書 第12条"), "基本契約書 第12条");
        assert_eq!(markdown("x\u{1b}[2J\u{2066}y"), "x\u{FFFD}\\[2J\u{FFFD}y");
    }
}
