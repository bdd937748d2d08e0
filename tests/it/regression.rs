//! Regression tests, named after the issue that found the fault.

use crate::support::Site;

/// Issue 20: a title or code span with `<!--opvolg-` and multi-byte text after it made the
/// build cut a string inside a character (exit 101). Such text is content like any other: it
/// is shown as written.
#[test]
fn issue20_text_that_looks_like_an_internal_marker_is_shown_as_written() {
    let site = Site::fixture("minimal");
    site.edit(
        "content/recommendations/A-1.md",
        "title = \"A recommendation without indicators or commitments\"",
        "title = \"Zie <!--opvolg-chart:é€ en ééé…\"",
    );
    site.edit(
        "content/recommendations/A-1.md",
        "Body.",
        "Code: `<!--opvolg-chart:a--> ß` and <!--opvolg-ü",
    );
    site.build_ok();
    let page = site.page("recommendations/A-1.html");
    assert!(
        page.contains("Zie &lt;!--opvolg-chart:é€ en ééé…"),
        "{page}"
    );
    assert!(
        page.contains("<code>&lt;!--opvolg-chart:a--&gt; ß</code>"),
        "{page}"
    );
}

/// Issue 20: an exponent at the end of what an i64 holds overflowed a subtraction while the
/// figure's decimals were worked out.
#[test]
fn issue20_a_figure_with_the_largest_exponents_is_read() {
    let site = Site::fixture("minimal");
    let path = "data/indicators/single.json";
    let text = site.read(path);
    let value = text
        .split("\"value\":")
        .nth(1)
        .and_then(|rest| rest.split([',', '}']).next())
        .expect("a value in the fixture")
        .trim()
        .to_string();
    site.edit(path, &value, "1e-9223372036854775808");
    site.build_ok();
    assert!(site.page("indicators/single.html").contains("<table"));
}
