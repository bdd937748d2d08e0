//! HTML escaping: the one definition that templates (as tera's escape function), SVG text of
//! charts and the ids the link check reads all use, so every attribute and text is escaped the
//! same way.

/// Escapes text for HTML text and quoted attributes. Unlike tera's default it leaves `/`
/// alone, so URLs in the output stay readable.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_pieces(text, |piece| out.push_str(piece));
    out
}

/// [`escape_html`] written straight into the output: tera's escape function
/// ([`tera::EscapeFn`]), so a page's text is not copied into a string of its own first.
pub fn escape_html_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    escape_pieces(text, |piece| {
        if result.is_ok() {
            result = out.write_all(piece.as_bytes());
        }
    });
    result
}

/// Hands `text` escaped to `put`, piece by piece. Most text needs no escape at all: the runs
/// between special bytes go whole (every special character is ASCII, so a run always ends on
/// a character boundary).
fn escape_pieces<'t>(text: &'t str, mut put: impl FnMut(&'t str)) {
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
        if run_start < at {
            put(&text[run_start..at]);
        }
        put(entity);
        run_start = at + 1;
    }
    if run_start < text.len() {
        put(&text[run_start..]);
    }
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

    #[test]
    fn escaping_into_a_writer_gives_the_same_text() {
        for text in [
            "",
            "plain / text",
            r#"<a href="x">'R&D'</a>"#,
            "één&ß€>",
            "&&",
        ] {
            let mut out = Vec::new();
            escape_html_to(text, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), escape_html(text));
        }
    }
}
