//! The contract between opvolg and the search script (the theme's `search.js`): the script's
//! own rule of words, run in node as it is shipped in the search page, folds and cuts texts
//! as opvolg's index does; the search page's Content-Security-Policy allows exactly its
//! script, whatever base.html a theme has, and a base.html that writes a policy of its own is
//! a warning on it. (That search works in a browser: `browser.rs`.)

use crate::support::{Site, repo};
use opvolg::render::search_index::{file_key, fold, words};
use std::process::Command;

/// Texts where folding and cutting can go wrong: Greek sigmas, decomposed and precomposed
/// accents, ligatures, Dutch ij, German ß, Turkish İ and ı, circled letters and digits, numbers
/// of other scripts, CJK, Hangul, scripts with combining vowel signs, emoji, hyphens,
/// apostrophes and spaces of every kind.
const TEXTS: &[&str] = &[
    "ΟΔΟΣ",
    "οδος",
    "Η ΟΔΟΣ ΤΗΣ ΠΟΛΗΣ, η οδός της πόλης",
    "ΣΑΣ Σ σ ς ΣΣ",
    "Ὀδυσσεύς ΐ",
    "cafe\u{301} café CAFE\u{301} CAFÉ",
    "e\u{301}e\u{301}n Één een",
    "A\u{30a}ngstro\u{308}m Ångström \u{212b}ngström \u{212a}elvin \u{2126}",
    "IJsselmeer ĳs Ĳssel ij",
    "Straße STRASSE ẞ straße",
    "İstanbul ISTANBUL ıi İ",
    "Ⓐ ⓑ ⒞ 🅐 Ⓐⓑ-Ⓒ ① ⑳",
    "R1 R10 2023-Q4 1.5% 3,14 ½ x² H₂O ٣٤ ۵ Ⅻ ⅻ",
    "东京都 東京 中华人民共和国 日本語のテキスト 한국어",
    "👍🏽 emoji 🇳🇱 1️⃣ #️⃣ 👨‍👩‍👧 ❤️x",
    "Veiligheidsregio's, AMV-Ter Apel — 'quoted' ‘curly’ “double” l'école co-operatie",
    "soft\u{ad}hyphen non\u{2011}breaking zero\u{200b}width nb\u{a0}sp tab\there",
    "ﬁnance ǅemal ǈ ǋ ß ŉ",
    "Ёлка ЁЛКА Tiếng Việt हिन्दी ภาษาไทย العربية עִבְרִית",
    "",
    "   --- !!! ...",
];

/// What the script's rule of words makes of each of [`TEXTS`], run by node on the script as
/// the example's search page has it.
#[derive(serde::Deserialize)]
struct ScriptWords {
    fold: String,
    words: Vec<String>,
    keys: Vec<String>,
    /// The words of the text as shown, cut for marking hits, then folded.
    shown: Vec<String>,
}

/// The search page's inline script.
fn search_script(html: &str) -> &str {
    html.split_once("<script>")
        .and_then(|(_, s)| s.split_once("</script>"))
        .map(|(s, _)| s)
        .expect("the search page has its script")
}

/// The rule of words of the search script: from the comment that starts it to the one that
/// ends it.
fn rule_of_words(script: &str) -> &str {
    let start = script
        .find("/* -- the rule of words --")
        .expect("search.js marks where its rule of words starts");
    let end = script
        .find("/* -- end of the rule of words -- */")
        .expect("search.js marks where its rule of words ends");
    &script[start..end]
}

fn run_script_words(rule: &str, texts: &[&str]) -> Vec<ScriptWords> {
    let dir = tempfile::tempdir().unwrap();
    let program = dir.path().join("words.js");
    std::fs::write(
        &program,
        format!(
            "\"use strict\";\n{rule}\nconst texts = {};\nprocess.stdout.write(JSON.stringify(texts.map((s) => ({{ fold: fold(s), words: split(s), keys: split(s).map(keyOf), shown: pieces(s).filter((_, i) => i % 2 === 1).map(fold).filter(Boolean) }}))));\n",
            serde_json::to_string(texts).unwrap()
        ),
    )
    .unwrap();
    let out = Command::new("node")
        .arg(&program)
        .output()
        .unwrap_or_else(|e| {
            panic!("this test needs node, which could not be run ({e}): install it as .ci/run does")
        });
    assert!(
        out.status.success(),
        "node failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Issue 25: opvolg and the script had different rules ("ΟΔΟΣ" was "οδος" to one and
/// "οδοσ" to the other; `Ⓐ` a letter to one and a separator to the other), so a query could
/// miss words the index has.
#[test]
#[cfg_attr(
    not(node),
    ignore = "needs node, which was not found when the tests were built: install node (then `touch build.rs`); `cargo test -- --ignored` runs it, and fails without node"
)]
fn the_search_script_folds_and_cuts_words_exactly_as_the_index_does() {
    let site = Site::example();
    site.build_ok();
    let html = site.page("search/index.html");
    let script = run_script_words(rule_of_words(search_script(&html)), TEXTS);
    assert_eq!(script.len(), TEXTS.len());
    let mut differ = Vec::new();
    for (text, js) in TEXTS.iter().zip(&script) {
        let folded = fold(text);
        let rust_words: Vec<String> = words(&folded).map(String::from).collect();
        let rust_keys: Vec<String> = rust_words.iter().map(|w| file_key(w).to_string()).collect();
        if js.fold != folded {
            differ.push(format!(
                "{text:?} folds to {:?} in the script, {folded:?} in opvolg",
                js.fold
            ));
        }
        if js.words != rust_words {
            differ.push(format!(
                "{text:?} has the words {:?} in the script, {rust_words:?} in opvolg",
                js.words
            ));
        }
        if js.keys != rust_keys {
            differ.push(format!(
                "{text:?}: words files {:?} in the script, {rust_keys:?} in opvolg",
                js.keys
            ));
        }
        if js.shown != rust_words {
            differ.push(format!(
                "{text:?} as shown has the words {:?} in the script, {rust_words:?} in opvolg",
                js.shown
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    // And the rule is the one the reference states, not merely the same mistake on both sides.
    let by_text = |text: &str| &script[TEXTS.iter().position(|t| *t == text).unwrap()];
    assert_eq!(by_text("ΟΔΟΣ").words, by_text("οδος").words);
    assert_eq!(by_text("ΟΔΟΣ").words, ["οδοσ"]);
    let accents = &by_text("cafe\u{301} café CAFE\u{301} CAFÉ").words;
    assert!(accents.iter().all(|w| w == "cafe"), "{accents:?}");
    assert_eq!(
        by_text("Ⓐ ⓑ ⒞ 🅐 Ⓐⓑ-Ⓒ ① ⑳").words,
        ["ⓐ", "ⓑ", "🅐", "ⓐⓑ", "ⓒ", "①", "⑳"]
    );
    assert_eq!(
        by_text("İstanbul ISTANBUL ıi İ").words,
        ["istanbul", "istanbul", "ıi", "i"]
    );
    assert_eq!(
        by_text("Veiligheidsregio's, AMV-Ter Apel — 'quoted' ‘curly’ “double” l'école co-operatie")
            .words,
        [
            "veiligheidsregio",
            "s",
            "amv",
            "ter",
            "apel",
            "quoted",
            "curly",
            "double",
            "l",
            "ecole",
            "co",
            "operatie"
        ]
    );
    assert_eq!(
        by_text("东京都 東京 中华人民共和国 日本語のテキスト 한국어").keys,
        ["_"; 5]
    );
    assert!(by_text("👍🏽 emoji 🇳🇱 1️⃣ #️⃣ 👨‍👩‍👧 ❤️x").words == ["emoji", "1", "x"]);
}

/// The policy in a page's meta element, its entities decoded.
fn policy_of(html: &str) -> String {
    let page = scraper::Html::parse_document(html);
    let selector =
        scraper::Selector::parse("meta[http-equiv=\"Content-Security-Policy\"]").unwrap();
    let metas: Vec<String> = page
        .select(&selector)
        .filter_map(|m| m.value().attr("content").map(String::from))
        .collect();
    assert_eq!(metas.len(), 1, "one policy: {metas:?}");
    metas[0].clone()
}

/// The policy that allows exactly `script` (by the hash of its text) and what it loads.
fn policy_allowing(script: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(script.as_bytes()));
    format!(
        "default-src 'none'; script-src 'sha256-{hash}' 'strict-dynamic'; style-src 'self' file:; font-src 'self' file:; img-src 'self' file:; base-uri 'none'; form-action 'self' file:"
    )
}

/// The built-in base.html with `from` replaced by `to` (which must be there).
fn base_html_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(repo().join("themes/default/templates/base.html")).unwrap();
    assert!(text.contains(from), "base.html lacks {from:?}");
    text.replacen(from, to, 1)
}

/// Issue 25: the policy is opvolg's, given to templates as `csp`: a theme's own base.html
/// (here: another body, and `csp` escaped) gets a search page whose policy allows exactly its
/// script, and the other pages a policy that allows none.
#[test]
fn a_base_html_of_a_theme_that_writes_csp_gets_a_search_page_that_allows_its_script() {
    let site = Site::fixture("minimal");
    let base =
        base_html_with("<body>", "<body class=\"plain\">").replace("{{ csp | safe }}", "{{ csp }}");
    site.write("themes/default/templates/base.html", &base);
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings.lines());
    let search = site.page("search/index.html");
    assert!(search.contains("<body class=\"plain\">"));
    assert!(search.contains("content=\"default-src &#39;none&#39;; script-src &#39;sha256-"));
    assert_eq!(policy_of(&search), policy_allowing(search_script(&search)));
    let index = policy_of(&site.page("index.html"));
    assert!(!index.contains("script-src"), "{index}");
}

/// Issue 25: a base.html copied before opvolg made the policy (it wrote its own, with a block
/// for the search page's script, which search.html no longer fills) makes a search page whose
/// script cannot run: a warning on base.html, where it writes the policy.
#[test]
fn a_base_html_that_writes_a_policy_of_its_own_is_a_warning_on_it() {
    let site = Site::fixture("minimal");
    let old = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; {% block script_src %}{% endblock script_src %}style-src 'self' file:; font-src 'self' file:; img-src 'self' file:; base-uri 'none'; form-action 'self' file:\">";
    let base = base_html_with(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{{ csp | safe }}\">",
        old,
    );
    site.write("themes/default/templates/base.html", &base);
    let report = site.build_ok();
    let warnings = report.warnings.lines();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let line = base.lines().position(|l| l.contains(old)).unwrap() + 1;
    assert!(
        warnings[0].starts_with(&format!(
            "themes/default/templates/base.html:{line}:19: warning: search/index.html does not carry the Content-Security-Policy that allows its script"
        )),
        "{warnings:?}"
    );
    assert!(warnings[0].contains("{{ csp }}"), "{warnings:?}");
}
