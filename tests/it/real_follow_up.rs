//! A real follow-up nobody here wrote (tests/fixtures/windrush: the UK Windrush Lessons Learned
//! Review, 2020–2025): undated and month- and quarter-precise commitments, a target without a
//! date, answers that change, the inspector's reply. What each page, the feed, the open data
//! and the dossier say about them.

use crate::support::Site;

fn built() -> Site {
    let site = Site::fixture("windrush");
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings.lines());
    site
}

/// The text of an HTML fragment without its tags, whitespace collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The table row with the id `id`, as text.
fn row(html: &str, id: &str) -> String {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no row {id}"));
    let end = html[start..]
        .find("</tr>")
        .map_or(html.len(), |e| start + e);
    text(&html[start..end])
}

#[test]
fn deadlines_are_shown_as_precisely_as_the_source_gives_them() {
    let site = built();
    let r2 = site.page("recommendations/R2.html");
    // "within six months" of March 2020: September 2020, kept on the 30th, so not late.
    let plan = row(&r2, "_commitment.2020-09");
    assert!(plan.contains("September 2020"), "{plan}");
    assert!(
        plan.contains("fulfilled") && !plan.contains("late"),
        "{plan}"
    );
    assert!(r2.contains("<time datetime=\"2020-09\">September 2020</time>"));
    // "in approximately 18 months' time": a quarter, which <time> has no form for.
    let visit = row(&r2, "_commitment.2021-Q3");
    assert!(visit.contains("Q3 2021"), "{visit}");
    assert!(!r2.contains("datetime=\"2021-Q3\""));
    // No date in the source: none on the page, and never overdue.
    let r9 = site.page("recommendations/R9.html");
    let commissioner = row(&r9, "_commitment.undated");
    assert!(commissioner.contains("no deadline set"), "{commissioner}");
    assert!(!commissioner.contains("overdue"), "{commissioner}");
    let register = text(&site.page("commitments/index.html"));
    assert!(!register.contains("overdue 1"), "{register}");
}

#[test]
fn a_target_without_a_date_is_never_missed() {
    let site = built();
    let page = text(&site.page("indicators/compensation-paid.html"));
    assert!(page.contains("Target: at least £120 million (cumulative), with no date set. State on 30 June 2025: not yet met."), "{page}");
    assert!(!page.contains("missed"), "{page}");
    // The periods of the figures in words, not as written in the data.
    assert!(page.contains("May 2025"), "{page}");
    assert!(!page.contains(">2025-05<"), "{page}");
}

#[test]
fn an_answer_that_changed_is_told_as_a_history_with_the_reply_after_it() {
    let site = built();
    let r10 = site.page("recommendations/R10.html");
    let body = text(&r10);
    assert!(body.contains("Government response withdrawn"), "{body}");
    assert!(body.contains(
        "30 September 2020 : accepted ( Accepting the recommendations (The response to the Windrush Lessons Learned Review: a comprehensive improvement plan) )"
    ), "{body}");
    assert!(body.contains(
        "26 January 2023 : withdrawn Reason: After considering officials' advice, not taken forward in its original format."
    ), "{body}");
    assert!(r10.contains("id=\"_response.2023-01-26\""));
    // Recommendation, then the answers, then the reply, then the commitments.
    let at = |needle: &str| {
        r10.find(needle)
            .unwrap_or_else(|| panic!("{needle} not on the page"))
    };
    assert!(at("Review the remit and role of the ICIBI") < at("The answer over time"));
    assert!(at("The answer over time") < at("Reply to the answer"));
    assert!(at("Reply to the answer") < at("id=\"_commitments\""));
    assert!(body.contains(
        "Reply to the answer 26 January 2023 , David Neal, Independent Chief Inspector of Borders and Immigration: Recommendation 10 (Role and remit review of ICIBI discontinued)"
    ), "{body}");
    assert!(row(&r10, "_status.2023-01-26").contains("dropped by decision"));
    // A recommendation whose answer never changed shows no history.
    assert!(
        !site
            .page("recommendations/R2.html")
            .contains("The answer over time")
    );
}

#[test]
fn the_feed_the_open_data_and_the_dossier_tell_the_changed_answers() {
    let site = built();
    let feed = site.page("feed.xml");
    assert!(
        feed.contains("<title>R3: Run reconciliation events with members of the Windrush generation — answer changed: accepted → withdrawn</title>"),
        "{feed}"
    );
    assert!(feed.contains("recommendations/R3.html#_response.2023-01-26"));
    // The latest figure, with its caveat and its note.
    assert!(
        feed.contains("<title>Windrush Compensation Scheme: compensation paid — new figure: more than £112 million (cumulative) (May 2025)</title>"),
        "{feed}"
    );
    assert!(feed.contains("Just over £112 million"), "{feed}");

    let mut reader =
        csv::Reader::from_path(site.output().join("open-data/recommendations.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let r9 = rows.iter().find(|r| &r[0] == "R9").unwrap();
    assert_eq!(&r9[column("response")], "withdrawn");
    assert_eq!(&r9[column("state")], "dropped");
    assert!(r9[column("response_changes")].starts_with("2023-01-26: withdrawn (Not taken forward"));

    let mut reader =
        csv::Reader::from_path(site.output().join("open-data/commitments.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let due = header.iter().position(|h| h == "due").unwrap();
    let dues: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[due].to_string())
        .collect();
    assert_eq!(dues, ["2020-09", "2021-Q3", "", "", ""]);

    let json: serde_json::Value = serde_json::from_str(&site.page("open-data/site.json")).unwrap();
    let r10 = json["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "R10")
        .unwrap();
    assert_eq!(r10["response"], "withdrawn");
    assert_eq!(r10["first_response"], "accepted");
    assert_eq!(r10["response_changes"][0]["date"], "2023-01-26");
    assert_eq!(r10["reply_ref"]["document"], "icibi-reply-2023-01-26");
    let r9 = json["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "R9")
        .unwrap();
    assert!(r9["commitments"][0]["due"].is_null());
    let ind = &json["indicators"][0];
    assert!(ind["target"].get("by").is_none(), "{ind}");

    let dossier = text(&site.page("dossier.html"));
    assert!(dossier.contains("The answer over time"), "{dossier}");
    assert!(dossier.contains("Reply to the answer"), "{dossier}");
}

/// Faults a real site showed (issue 18): each asserted where it showed.
#[test]
fn the_timeline_names_its_lanes_and_its_tables_as_the_page_does() {
    let site = built();
    let r2 = site.page("recommendations/R2.html");
    // Lanes by number, as the table above numbers them: no text cut off mid-word.
    assert!(r2.contains(">Commitment 1<") && r2.contains(">Commitment 2<"));
    assert!(!r2.contains("Publish a comprehensive im…"));
    // The note under the chart names the tables by their headings on the page.
    let body = text(&r2);
    assert!(
        body.contains("The dates and states of this timeline are in the tables Commitments and Progress above."),
        "{body}"
    );
    // No "Timeline of 0 commitments" or "of 1 commitments".
    let r10 = text(&site.page("recommendations/R10.html"));
    assert!(
        r10.contains("Timeline of the progress up to 30 June 2025; no commitments are recorded."),
        "{r10}"
    );
    let r3 = text(&site.page("recommendations/R3.html"));
    assert!(
        r3.contains("Timeline of one commitment with its due date"),
        "{r3}"
    );
    assert!(!r3.contains("1 commitments"), "{r3}");
}

#[test]
fn a_caveated_figure_keeps_its_caveat_wherever_it_is_shown() {
    let site = built();
    let page = text(&site.page("indicators/compensation-paid.html"));
    // The facts, the chart's description and the table, with the currency sign first.
    assert!(
        page.contains("Latest value more than £112 million (cumulative) (May 2025)"),
        "{page}"
    );
    assert!(
        page.contains("Latest value Paid: more than £112 (May 2025)."),
        "{page}"
    );
    assert!(
        page.contains("Period Paid (£ million (cumulative)) Note"),
        "{page}"
    );
    assert!(page.contains("May 2021 more than £24.4"), "{page}");
    assert!(
        page.contains("August 2021 £30.56 £30,564,647.94; the factsheet also says"),
        "{page}"
    );
    assert!(
        page.contains("Target at least £120 million (cumulative)"),
        "{page}"
    );
    // The list of indicators.
    let list = text(&site.page("indicators/index.html"));
    assert!(
        list.contains("more than £112 million (cumulative)"),
        "{list}"
    );
    // The downloads and the open data keep the code and the note next to the figure as written.
    let csv = site.page("indicators/compensation-paid.csv");
    assert!(
        csv.starts_with("indicator,series,period,value,unit,provenance,qualifier,note\n"),
        "{csv}"
    );
    assert!(
        csv.contains(
            "compensation-paid,Paid,2021-05,24.4,million (cumulative),official,more_than,\n"
        ),
        "{csv}"
    );
    let table = site.page("open-data/indicators.csv");
    assert!(
        table.contains(",more_than,\"\"\"Just over £112 million\"\", as reported by PA"),
        "{table}"
    );
    let json: serde_json::Value = serde_json::from_str(&site.page("open-data/site.json")).unwrap();
    let point = &json["indicators"][0]["series"][0]["points"][6];
    assert_eq!(point["qualifier"], "more_than");
    assert_eq!(json["indicators"][0]["prefix"], "£");
    // What changed since the last report (24 October 2024): the new figure, with its caveat.
    let dashboard = text(&site.page("index.html"));
    assert!(
        dashboard
            .contains("new figures: 1; latest: more than £112 million (cumulative) (May 2025)"),
        "{dashboard}"
    );
}

#[test]
fn a_target_in_words_is_judged_by_its_dated_checks() {
    let site = built();
    let page = text(&site.page("indicators/windrush-commissioner.html"));
    assert!(
        page.contains("Target The first Windrush Commissioner is in post, August 2025"),
        "{page}"
    );
    assert!(
        page.contains("Target state met (status as of 30 June 2025)"),
        "{page}"
    );
    assert!(
        page.contains("13 February 2025 not yet met Recruitment launched"),
        "{page}"
    );
    assert!(
        page.contains("19 June 2025 met Reverend Clive Foster"),
        "{page}"
    );
    // No chart, no unit, no "latest value" for a target without figures.
    assert!(!page.contains("Latest value"), "{page}");
    assert!(
        !site
            .page("indicators/windrush-commissioner.html")
            .contains("<svg")
    );
    // It became met after the last report: a change on the dashboard.
    let dashboard = text(&site.page("index.html"));
    assert!(
        dashboard.contains("A Windrush Commissioner in post : met"),
        "{dashboard}"
    );
    // The data file's record in site.json, with where it stands.
    let json: serde_json::Value = serde_json::from_str(&site.page("open-data/site.json")).unwrap();
    let ind = json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "windrush-commissioner")
        .unwrap();
    assert_eq!(ind["milestone"]["checks"][1]["met"], true);
    assert_eq!(ind["target_state"], "met");

    // Linked to a recommendation, it is listed with its state on the recommendation's page;
    // before its first check it is not yet met, and after its date without a check, missed.
    site.edit(
        "content/recommendations/R9.md",
        "topics = [",
        "indicators = [\"windrush-commissioner\"]\ntopics = [",
    );
    site.build_ok();
    let r9 = text(&site.page("recommendations/R9.html"));
    assert!(
        r9.contains("Targets in words A Windrush Commissioner in post : The first Windrush Commissioner is in post, August 2025 met"),
        "{r9}"
    );
    site.edit("site.toml", "as_of = 2025-06-30", "as_of = 2025-09-01");
    site.edit(
        "data/indicators/windrush-commissioner.json",
        "\"met\": true",
        "\"met\": false",
    );
    site.build_ok();
    let page = text(&site.page("indicators/windrush-commissioner.html"));
    assert!(page.contains("missed"), "{page}");
}

#[test]
fn a_recommendation_lists_its_parts_with_their_answers_and_states() {
    let site = built();
    let r10 = text(&site.page("recommendations/R10.html"));
    assert!(
        r10.contains("Parts 2 parts: 2 dropped by decision"),
        "{r10}"
    );
    assert!(
        r10.contains("R10a Consider giving the ICIBI more powers with regard to publishing reports withdrawn dropped by decision 26 January 2023"),
        "{r10}"
    );
    let part = text(&site.page("recommendations/R10b.html"));
    assert!(
        part.contains("Part of R10: Review the remit and role of the Independent Chief Inspector of Borders and Immigration"),
        "{part}"
    );
    let json: serde_json::Value = serde_json::from_str(&site.page("open-data/site.json")).unwrap();
    let r10a = json["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "R10a")
        .unwrap();
    assert_eq!(r10a["part_of"], "R10");
    // A part that changes shows on its parent's page at the next build.
    site.edit(
        "content/recommendations/R10a.md",
        "state = \"dropped\"",
        "state = \"implemented\"",
    );
    site.build_ok();
    let r10 = text(&site.page("recommendations/R10.html"));
    assert!(
        r10.contains("2 parts: 1 implemented, 1 dropped by decision"),
        "{r10}"
    );
}
