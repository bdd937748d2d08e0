//! HTML escaping: the one definition that templates (as tera's escape function), SVG text of
//! charts and the ids the link check reads all use, so every attribute and text is escaped the
//! same way.

/// Escapes text for HTML text and quoted attributes. Unlike tera's default it leaves `/`
/// alone, so URLs in the output stay readable.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Most text needs no escape at all: copy the runs between special bytes whole (every
    // special character is ASCII, so a run always ends on a character boundary).
    let mut run_start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[run_start..at]);
        out.push_str(entity);
        run_start = at + 1;
    }
    out.push_str(&text[run_start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_html_escapes_the_five_specials_and_keeps_every_other_character() {
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("plain / text"), "plain / text");
        assert_eq!(
            escape_html(r#"<a href="x">'R&D'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;R&amp;D&#39;&lt;/a&gt;"
        );
        // Runs of multi-byte characters on both sides of a special one stay whole.
        assert_eq!(escape_html("één&ß€>"), "één&amp;ß€&gt;");
        assert_eq!(escape_html("&&"), "&amp;&amp;");
    }
}
