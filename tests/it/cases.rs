//! The bad-input cases of the content format: each one, run through `opvolg check`, must exit
//! 1 and name the file, line and column of the problem with a useful message. Each case is a
//! test of its own (`case!`), so a failure names it. Valid edge cases (BOM, CRLF, stray files,
//! a single point, huge and negative values) must pass.

use crate::support::Site;
use opvolg::paths::{Finder, IndicatorFile, List, Output, OutputKind};
use strum::IntoEnumIterator;

const R1: &str = "content/recommendations/R1.md";
const R2: &str = "content/recommendations/R2.md";
const AMV: &str = "data/indicators/amv-ter-apel.json";
const NLA: &str = "data/indicators/nla-inspecties.json";
const TOPIC: &str = "content/topics/zorg.md";
const RESPONSE: &str = "content/documents/beleidsreactie-2023-05-25.md";

/// One bad input: `edit` breaks the example site, and `opvolg check` must exit 1 with an
/// error at `at` (`path:line:column`, or a path alone for a problem of the whole file) that
/// says `says`, and write nothing. A test of its own per case, so a failure names its case and
/// `cargo test cases::` lists them all.
macro_rules! case {
    ($name:ident, $edit:expr, $at:expr, $says:expr $(,)?) => {
        #[test]
        fn $name() {
            bad_input($edit, $at, $says);
        }
    };
}

fn bad_input(edit: impl FnOnce(&Site), at: &str, says: &str) {
    let site = Site::example();
    edit(&site);
    let out = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("┌─ {at}\n")),
        "no error at {at}:\n{stderr}"
    );
    assert!(stderr.contains(says), "nothing says {says:?}:\n{stderr}");
    assert!(!site.output().exists(), "check wrote output");
}

/// Adds a paragraph at the end of R1's text: it starts on line 55, column 1.
fn append_to_r1(site: &Site, markdown: &str) {
    let text = site.read(R1);
    site.write(R1, &format!("{text}\n{markdown}\n"));
}

fn replace_series(site: &Site, rel: &str, series: &str) {
    let text = site.read(rel);
    let head = text.split("\"series\"").next().unwrap();
    site.write(rel, &format!("{head}\"series\": {series}}}"));
}

/// An indicator whose figures are in data/indicators/uitgaven.csv, written as `csv` (after a
/// byte-order mark, with semicolons, as a statistics office exports).
fn figures_in_csv(site: &Site, csv: &str) {
    site.write(
        "data/indicators/uitgaven.json",
        "{\n  \"id\": \"uitgaven\",\n  \"title\": \"Uitgaven\",\n  \"unit\": \"miljoen\",\n  \"prefix\": \"€\",\n  \"description\": \"d\",\n  \"source\": { \"name\": \"CBS\" },\n  \"provenance\": \"official\"\n}\n",
    );
    site.write("data/indicators/uitgaven.csv", &format!("\u{feff}{csv}"));
}

case!(
    toml_syntax_error,
    |s| s.edit(R1, "title = \"Bied", "title = Bied"),
    "content/recommendations/R1.md:3:9",
    "missing opening quote"
);

case!(
    json_syntax_error,
    |s| s.edit(AMV, "\"unit\": \"amv\",", "\"unit\": \"amv\""),
    "data/indicators/amv-ter-apel.json:5:3",
    "expected `,` or `}`"
);

case!(
    front_matter_not_closed,
    |s| s.write(TOPIC, "+++\ntitle = \"Zorg\"\nbody\n"),
    "content/topics/zorg.md:1:1",
    "front matter is not closed"
);

case!(
    wrong_type,
    |s| s.edit(R1, "response = \"partially_accepted\"", "response = [1]"),
    "content/recommendations/R1.md:7:12",
    "expected a text (in quotes), found a list"
);

case!(
    missing_required_field,
    |s| s.edit(RESPONSE, "kind = \"response\"\n", ""),
    "content/documents/beleidsreactie-2023-05-25.md:2:1",
    "the required field `kind` is missing"
);

case!(
    missing_required_json_field,
    |s| s.edit(AMV, "\"unit\": \"amv\",", ""),
    "data/indicators/amv-ter-apel.json:1:1",
    "the required field `unit` is missing"
);

case!(
    unknown_field_with_suggestion,
    |s| s.edit(TOPIC, "title = ", "titel = "),
    "content/topics/zorg.md:2:1",
    "did you mean `title`?"
);

case!(
    unknown_state,
    |s| s.edit(R1, "state = \"in_progress\"", "state = \"in-progress\""),
    "content/recommendations/R1.md:31:9",
    "did you mean \"in_progress\"?"
);

case!(
    unknown_response,
    |s| {
        s.edit(
            R1,
            "response = \"partially_accepted\"",
            "response = \"partial\"",
        )
    },
    "content/recommendations/R1.md:7:12",
    "unknown response \"partial\"; expected one of: accepted,"
);

case!(
    unknown_kind,
    |s| s.edit(RESPONSE, "kind = \"response\"", "kind = \"respons\""),
    "content/documents/beleidsreactie-2023-05-25.md:4:8",
    "did you mean \"response\"?"
);

case!(
    unknown_provenance,
    |s| s.edit(AMV, "\"illustrative\"", "\"illustrated\""),
    "data/indicators/amv-ter-apel.json:7:17",
    "unknown provenance \"illustrated\""
);

case!(
    unknown_chart,
    |s| s.edit(AMV, "\"chart\": \"line\"", "\"chart\": \"pie\""),
    "data/indicators/amv-ter-apel.json:8:12",
    "unknown chart \"pie\"; expected one of: line, bar"
);

case!(
    unknown_direction,
    |s| s.edit(AMV, "\"at_most\"", "\"atmost\""),
    "data/indicators/amv-ter-apel.json:11:18",
    "did you mean \"at_most\"?"
);

case!(
    duplicate_recommendation_id_case,
    |s| {
        s.write(
            "content/recommendations/r1.md",
            &s.read(R1).replace("id = \"R1\"", "id = \"r1\""),
        )
    },
    "content/recommendations/r1.md:2:6",
    "duplicate id \"r1\""
);

case!(
    duplicate_indicator_id_case,
    |s| {
        s.write(
            "data/indicators/AMV-TER-APEL.json",
            &s.read(AMV)
                .replace("\"id\": \"amv-ter-apel\"", "\"id\": \"AMV-TER-APEL\""),
        )
    },
    "data/indicators/amv-ter-apel.json:2:9",
    "duplicate id \"amv-ter-apel\""
);

case!(
    indicator_id_differs_from_file,
    |s| s.edit(AMV, "\"id\": \"amv-ter-apel\"", "\"id\": \"amv-terapel\""),
    "data/indicators/amv-ter-apel.json:2:9",
    "differs from the file name"
);

case!(
    missing_indicator,
    |s| s.edit(R1, "[\"kinderen-in-cno\",", "[\"kinderen-cno\","),
    "content/recommendations/R1.md:9:15",
    "did you mean \"kinderen-in-cno\"?"
);

case!(
    missing_document,
    |s| {
        s.edit(
            R1,
            "source = \"brief-inspecties-2023-05-03\"",
            "source = \"brief-inspecties\"",
        )
    },
    "content/recommendations/R1.md:4:10",
    "unknown document \"brief-inspecties\""
);

case!(
    missing_topic,
    |s| s.edit(R1, "\"leefomstandigheden-cno\"", "\"leefomstandigheden\""),
    "content/recommendations/R1.md:6:11",
    "unknown topic \"leefomstandigheden\""
);

case!(
    missing_anchor_in_response_ref,
    |s| {
        s.edit(
            R1,
            "response_ref = \"beleidsreactie-2023-05-25#",
            "response_ref = \"beleidsreactie-2023-05-25#x",
        )
    },
    "content/recommendations/R1.md:8:43",
    "has no heading with anchor \"xleefomstandigheden-cno\""
);

case!(
    missing_document_in_a_status_ref,
    |s| {
        s.edit(
            R1,
            "ref = \"beleidsreactie-2023-05-25\"\n",
            "ref = \"beleidsreactie\"\n",
        )
    },
    "content/recommendations/R1.md:33:7",
    "unknown document \"beleidsreactie\""
);

case!(
    impossible_toml_date,
    |s| s.edit(R1, "due = 2023-07-01", "due = 2023-02-30"),
    "content/recommendations/R1.md:14:7",
    "invalid date"
);

case!(
    impossible_date_string,
    |s| s.edit(R1, "due = 2023-07-01", "due = \"2023-02-30\""),
    "content/recommendations/R1.md:14:7",
    "\"2023-02-30\" is not a day in the calendar"
);

case!(
    malformed_date,
    |s| s.edit(R1, "due = 2023-07-01", "due = \"1 juli 2023\""),
    "content/recommendations/R1.md:14:7",
    "expected YYYY-MM-DD"
);

case!(
    date_time_instead_of_date,
    |s| s.edit(R1, "due = 2023-07-01", "due = 2023-07-01T10:00:00"),
    "content/recommendations/R1.md:14:7",
    "found the date-time"
);

case!(
    impossible_quarter,
    |s| {
        s.edit(
            "data/indicators/verhuizingen-kinderen.json",
            "\"2023-Q1\"",
            "\"2023-Q5\"",
        )
    },
    "data/indicators/verhuizingen-kinderen.json:19:19",
    "\"2023-Q5\" is not a real day, month, quarter or half year"
);

case!(
    malformed_period,
    |s| s.edit(AMV, "\"2023-01\"", "\"jan 2023\""),
    "data/indicators/amv-ter-apel.json:19:19",
    "expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY"
);

case!(
    deadline_impossible_month,
    |s| s.edit(R1, "due = 2023-07-01", "due = \"2023-13\""),
    "content/recommendations/R1.md:14:7",
    "\"2023-13\" is not a real day, month, quarter or half year"
);

case!(
    deadline_impossible_quarter,
    |s| s.edit(R1, "due = 2023-07-01", "due = \"2023-Q0\""),
    "content/recommendations/R1.md:14:7",
    "\"2023-Q0\" is not a real day, month, quarter or half year"
);

case!(
    deadline_impossible_half_year,
    |s| s.edit(R1, "due = 2023-07-01", "due = \"2023-H3\""),
    "content/recommendations/R1.md:14:7",
    "\"2023-H3\" is not a real day, month, quarter or half year"
);

case!(
    deadline_a_year_as_a_number,
    |s| s.edit(R1, "due = 2023-07-01", "due = 2023"),
    "content/recommendations/R1.md:14:7",
    "expected a date like 2023-05-25, or a period in quotes like \"2023-05\""
);

case!(
    deadline_in_words,
    |s| s.edit(R1, "due = 2023-07-01", "due = \"zomer 2023\""),
    "content/recommendations/R1.md:14:7",
    "\"zomer 2023\" is not a date; expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY"
);

case!(
    deadline_month_without_quotes,
    |s| s.edit(R1, "due = 2023-07-01", "due = 2023-07"),
    "content/recommendations/R1.md:14:7",
    "put a month, quarter, half year or year in quotes: \"2023-07\""
);

case!(
    previous_deadline_impossible_month,
    |s| {
        s.edit(
            R1,
            "previous_due = 2024-01-01",
            "previous_due = \"2024-00\"",
        )
    },
    "content/recommendations/R1.md:25:16",
    "\"2024-00\" is not a real day, month, quarter or half year"
);

case!(
    revision_that_moves_nothing_no_deadline_before_and_none_after,
    |s| {
        s.edit(R1, "due = 2024-12-31\n", "");
        s.edit(R1, "previous_due = 2024-01-01\n", "");
    },
    "content/recommendations/R1.md:23:8",
    "this revision has no previous_due and the deadline after it is not given either"
);

case!(
    target_date_impossible_quarter,
    |s| s.edit(AMV, "\"by\": \"2024-01-01\"", "\"by\": \"2024-Q9\""),
    "data/indicators/amv-ter-apel.json:12:11",
    "\"2024-Q9\" is not a real day, month, quarter or half year"
);

case!(
    decimals_more_than_a_figure_is_shown_with,
    |s| s.edit(
        AMV,
        "\"unit\": \"amv\",",
        "\"unit\": \"amv\", \"decimals\": 50,"
    ),
    "data/indicators/amv-ter-apel.json:4:30",
    "decimals must be a whole number from 0 to 30, not 50"
);

case!(
    decimals_beyond_what_the_record_holds,
    |s| s.edit(
        AMV,
        "\"unit\": \"amv\",",
        "\"unit\": \"amv\", \"decimals\": 300,"
    ),
    "data/indicators/amv-ter-apel.json:4:30",
    "decimals must be a whole number from 0 to 30, not 300"
);

case!(
    decimals_below_none,
    |s| s.edit(
        AMV,
        "\"unit\": \"amv\",",
        "\"unit\": \"amv\", \"decimals\": -1,"
    ),
    "data/indicators/amv-ter-apel.json:4:30",
    "decimals must be a whole number from 0 to 30, not -1"
);

case!(
    figure_qualifier_unknown_with_suggestion,
    |s| {
        s.edit(
            AMV,
            "{ \"date\": \"2023-01\", \"value\": 452 }",
            "{ \"date\": \"2023-01\", \"value\": 452, \"qualifier\": \"more-than\" }",
        )
    },
    "data/indicators/amv-ter-apel.json:19:57",
    "unknown qualifier \"more-than\"; expected one of: at_least, more_than, about, less_than, at_most, provisional, estimated"
);

case!(
    figure_note_not_a_text,
    |s| {
        s.edit(
            AMV,
            "{ \"date\": \"2023-01\", \"value\": 452 }",
            "{ \"date\": \"2023-01\", \"value\": 452, \"note\": 5 }",
        )
    },
    "data/indicators/amv-ter-apel.json:19:52",
    "expected a text (in quotes), or null, found the number 5"
);

case!(
    prefix_not_a_text,
    |s| {
        s.edit(
            AMV,
            "\"unit\": \"amv\",",
            "\"unit\": \"amv\", \"prefix\": [\"€\"],",
        )
    },
    "data/indicators/amv-ter-apel.json:4:28",
    "expected a text (in quotes), or null, found a list"
);

case!(
    response_change_back_to_pending,
    |s| {
        s.edit(
            R1,
            "\n[[commitments]]",
            "\n[[response_changes]]\ndate = 2023-12-01\nresponse = \"pending\"\nreason = \"r\"\nref = \"voortgangsbrief-2023-12-15\"\n\n[[commitments]]",
        )
    },
    "content/recommendations/R1.md:13:12",
    "an answer that was given cannot become `pending` again"
);

case!(
    response_change_the_same_answer_again,
    |s| {
        s.edit(
            R1,
            "\n[[commitments]]",
            "\n[[response_changes]]\ndate = 2023-12-01\nresponse = \"partially_accepted\"\nreason = \"r\"\nref = \"voortgangsbrief-2023-12-15\"\n\n[[commitments]]",
        )
    },
    "content/recommendations/R1.md:13:12",
    "the answer is already `partially_accepted` before this change: nothing changed"
);

case!(
    response_change_without_a_reason,
    |s| {
        s.edit(
            R1,
            "\n[[commitments]]",
            "\n[[response_changes]]\ndate = 2023-12-01\nresponse = \"withdrawn\"\nreason = \" \"\nref = \"voortgangsbrief-2023-12-15\"\n\n[[commitments]]",
        )
    },
    "content/recommendations/R1.md:14:10",
    "the reason is empty: an answer never changes without a reason"
);

case!(
    response_change_after_as_of,
    |s| {
        s.edit(
            R1,
            "\n[[commitments]]",
            "\n[[response_changes]]\ndate = 2099-12-01\nresponse = \"withdrawn\"\nreason = \"r\"\nref = \"voortgangsbrief-2023-12-15\"\n\n[[commitments]]",
        )
    },
    "content/recommendations/R1.md:12:8",
    "is after the reporting date as_of = 2024-06-30"
);

case!(
    response_change_unknown_document,
    |s| {
        s.edit(
            R1,
            "\n[[commitments]]",
            "\n[[response_changes]]\ndate = 2023-12-01\nresponse = \"withdrawn\"\nreason = \"r\"\nref = \"statement\"\n\n[[commitments]]",
        )
    },
    "content/recommendations/R1.md:15:7",
    "unknown document \"statement\""
);

case!(
    reply_unknown_anchor,
    |s| {
        s.edit(
            R1,
            "indicators = [",
            "reply_ref = \"voortgangsbrief-2023-12-15#nawoord\"\nindicators = [",
        )
    },
    "content/recommendations/R1.md:9:41",
    "document \"voortgangsbrief-2023-12-15\" has no heading with anchor \"nawoord\""
);

case!(
    milestone_next_to_figures,
    |s| {
        s.edit(
            AMV,
            "\"series\": [",
            "\"milestone\": { \"text\": \"Terug naar 55\" },\n  \"series\": [",
        )
    },
    "data/indicators/amv-ter-apel.json:15:16",
    "an indicator has either figures (`series`) or a `milestone`, not both"
);

case!(
    milestone_checks_out_of_order,
    |s| {
        s.write(
            "data/indicators/commissaris.json",
            "{\n  \"id\": \"commissaris\",\n  \"title\": \"Commissaris\",\n  \"description\": \"d\",\n  \"source\": { \"name\": \"JenV\" },\n  \"provenance\": \"official\",\n  \"milestone\": { \"text\": \"benoemd\", \"checks\": [\n    { \"date\": \"2024-03-01\", \"met\": false, \"note\": \"n\" },\n    { \"date\": \"2024-01-01\", \"met\": true, \"note\": \"n\" }\n  ] }\n}\n",
        )
    },
    "data/indicators/commissaris.json:9:15",
    "checks must be in date order, oldest first: 2024-01-01 is before the check above it"
);

case!(
    milestone_impossible_date,
    |s| {
        s.write(
            "data/indicators/commissaris.json",
            "{\n  \"id\": \"commissaris\",\n  \"title\": \"Commissaris\",\n  \"description\": \"d\",\n  \"source\": { \"name\": \"JenV\" },\n  \"provenance\": \"official\",\n  \"milestone\": { \"text\": \"benoemd\", \"by\": \"2024-H0\" }\n}\n",
        )
    },
    "data/indicators/commissaris.json:7:43",
    "\"2024-H0\" is not a real day, month, quarter or half year"
);

case!(
    csv_figures_decimal_comma,
    |s| figures_in_csv(s, "periode;waarde\r\n2023-01;24,4\r\n"),
    "data/indicators/uitgaven.csv:1:1",
    "unknown column `periode`"
);

case!(
    csv_figures_a_decimal_comma_in_a_value,
    |s| figures_in_csv(s, "date;value\r\n2023-01;24\r\n2023-02;24,4\r\n"),
    "data/indicators/uitgaven.csv:3:9",
    "\"24,4\" is not a number"
);

case!(
    csv_figures_impossible_month,
    |s| figures_in_csv(s, "date,value\n2023-13,5\n"),
    "data/indicators/uitgaven.csv:2:1",
    "\"2023-13\" is not a date"
);

case!(
    csv_figures_quarter_out_of_order,
    |s| figures_in_csv(s, "date,value\n2023-Q2,5\n2023-Q1,6\n"),
    "data/indicators/uitgaven.csv:3:1",
    "2023-Q1 is not after the line before it of this series (2023-Q2)"
);

case!(
    csv_figures_unknown_qualifier,
    |s| figures_in_csv(s, "date,value,qualifier\n2023-01,5,circa\n"),
    "data/indicators/uitgaven.csv:2:11",
    "unknown qualifier \"circa\""
);

case!(
    csv_figures_no_value_column,
    |s| figures_in_csv(s, "date,series\n2023-01,a\n"),
    "data/indicators/uitgaven.csv:1:1",
    "the header line lacks the column `value`"
);

case!(
    csv_figures_after_as_of,
    |s| figures_in_csv(s, "date,value\n2023-01,5\n2030,6\n"),
    "data/indicators/uitgaven.csv:3:1",
    "the figure for 2030, which begins on 2030-01-01 is after the reporting date"
);

case!(
    csv_figures_without_an_indicator,
    |s| s.write("data/indicators/los.csv", "date,value\n2023-01,5\n"),
    "data/indicators/los.csv:1:1",
    "figures without an indicator: there is no data/indicators/los.json"
);

case!(
    csv_figures_beside_figures_in_the_data_file,
    |s| {
        s.write(
            "data/indicators/amv-ter-apel.csv",
            "date,value\n2023-01,5\n",
        )
    },
    "data/indicators/amv-ter-apel.csv:1:1",
    "amv-ter-apel has its figures in its data file already"
);

case!(
    indicator_without_figures_anywhere,
    |s| {
        figures_in_csv(s, "date,value\n2023-01,5\n");
        s.remove("data/indicators/uitgaven.csv");
    },
    "data/indicators/uitgaven.json:1:1",
    "an indicator needs its figures: `series` in this file, or a file data/indicators/<id>.csv beside it"
);

case!(
    part_of_an_unknown_recommendation,
    |s| s.edit(R2, "topics = [", "part_of = \"R11\"\ntopics = ["),
    "content/recommendations/R2.md:6:11",
    "unknown recommendation \"R11\""
);

case!(
    part_of_itself,
    |s| s.edit(R2, "topics = [", "part_of = \"R2\"\ntopics = ["),
    "content/recommendations/R2.md:6:11",
    "a recommendation cannot be a part of itself"
);

/// Makes recommendation `id` a part of `parent` (its `part_of` is on line 6, the value at
/// column 11).
fn part_of(site: &Site, id: &str, parent: &str) {
    site.edit(
        &format!("content/recommendations/{id}.md"),
        "topics = [",
        &format!("part_of = \"{parent}\"\ntopics = ["),
    );
}

case!(
    parts_of_each_other,
    |s| {
        part_of(s, "R1", "R2");
        part_of(s, "R2", "R1");
    },
    "content/recommendations/R2.md:6:11",
    "part_of makes a cycle: R2 is a part of R1, which is a part of R2"
);

/// A cycle of `part_of` has no top, so no page could list the parts under their whole: it is
/// an error at the `part_of` of every recommendation in it, each naming the whole cycle, and
/// not at a part of a recommendation in it, which is not in the cycle itself.
#[test]
fn a_cycle_of_parts_is_an_error_at_every_part_of_in_it() {
    let site = Site::example();
    part_of(&site, "R1", "R2");
    part_of(&site, "R2", "R3");
    part_of(&site, "R3", "R1");
    part_of(&site, "R4", "R1");
    let out = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for (id, cycle) in [
        (
            "R1",
            "R1 is a part of R2, which is a part of R3, which is a part of R1",
        ),
        (
            "R2",
            "R2 is a part of R3, which is a part of R1, which is a part of R2",
        ),
        (
            "R3",
            "R3 is a part of R1, which is a part of R2, which is a part of R3",
        ),
    ] {
        let error = format!(
            "error: part_of makes a cycle: {cycle}\n  ┌─ content/recommendations/{id}.md:6:11\n"
        );
        assert!(stderr.contains(&error), "{error}\n{stderr}");
    }
    assert!(!stderr.contains("R4.md:6"), "{stderr}");
    assert_eq!(
        stderr.matches("part_of makes a cycle").count(),
        3,
        "{stderr}"
    );
}

case!(
    status_history_out_of_order,
    |s| s.edit(R1, "date = 2023-12-15", "date = 2023-01-15"),
    "content/recommendations/R1.md:36:8",
    "status entries must be in date order"
);

case!(
    status_after_as_of,
    |s| s.edit(R1, "date = 2024-05-01\nstate", "date = 2024-07-01\nstate"),
    "content/recommendations/R1.md:42:8",
    "after the reporting date as_of = 2024-06-30"
);

case!(
    a_deadline_moved_after_as_of,
    |s| {
        s.edit(
            R1,
            "date = 2024-05-01\nprevious_due",
            "date = 2024-07-01\nprevious_due",
        )
    },
    "content/recommendations/R1.md:24:8",
    "a deadline moved on 2024-07-01 is after the reporting date as_of = 2024-06-30"
);

case!(
    deadline_revisions_out_of_order,
    |s| {
        s.edit(
            R2,
            "date = 2024-05-01\nprevious_due",
            "date = 2023-11-01\nprevious_due",
        )
    },
    "content/recommendations/R2.md:37:8",
    "revisions must be in date order, oldest first: 2023-11-01 is before the revision above it (2023-12-15)"
);

case!(
    a_revision_that_does_not_move_the_deadline,
    |s| s.edit(R2, "previous_due = 2024-03-31", "previous_due = 2024-09-30"),
    "content/recommendations/R2.md:38:16",
    "previous_due 2024-09-30 is the deadline that replaced it: the deadline did not move"
);

case!(
    a_moved_deadline_without_a_reason,
    |s| {
        s.edit(
            R1,
            "reason = \"Illustratief: eerst",
            "# reason = \"Illustratief: eerst",
        )
    },
    "content/recommendations/R1.md:23:1",
    "reason"
);

case!(
    a_moved_deadline_with_an_empty_reason,
    |s| {
        s.edit(
            R1,
            "reason = \"Illustratief: eerst moeten er voldoende kleinschalige opvangplekken voor amv elders in het land komen.\"",
            "reason = \"  \"",
        )
    },
    "content/recommendations/R1.md:26:10",
    "the reason is empty: a deadline never moves without a reason"
);

case!(
    a_deadline_moved_after_the_commitment_was_done,
    |s| {
        s.edit(
            R1,
            "due = 2024-12-31\nref",
            "due = 2024-12-31\ndone = 2024-03-01\nref",
        )
    },
    "content/recommendations/R1.md:25:8",
    "the deadline was moved on 2024-05-01, after the commitment was done on 2024-03-01"
);

case!(
    a_revision_that_refers_to_an_unknown_document,
    |s| {
        s.edit(
            R1,
            "ref = \"voortgangsbrief-2024-05-01#amv",
            "ref = \"voortgangsbrief-2024-06-01#amv",
        )
    },
    "content/recommendations/R1.md:27:7",
    "unknown document \"voortgangsbrief-2024-06-01\""
);

case!(
    no_series,
    |s| replace_series(s, AMV, "[]"),
    "data/indicators/amv-ter-apel.json:15:13",
    "an indicator needs at least one series"
);

case!(
    empty_series,
    |s| replace_series(s, NLA, "[{\"name\": \"leeg\", \"points\": []}]"),
    "data/indicators/nla-inspecties.json:9:23",
    "series \"leeg\" has no points"
);

case!(
    commitment_done_after_the_reporting_date,
    |s| {
        s.edit(
            "content/recommendations/R2.md",
            "done = 2023-07-04",
            "done = 2024-08-01",
        )
    },
    "content/recommendations/R2.md:15:8",
    "commitment done on 2024-08-01 is after the reporting date as_of = 2024-06-30"
);

// Without the error, the real section would silently move to -2 and citations of it
// would land on the new one.
case!(
    explicit_anchor_that_another_heading_gets_from_its_text,
    |s| {
        s.edit(
            RESPONSE,
            "## Leefomstandigheden CNO",
            "## Bijlage {#leefomstandigheden-cno}\n\nTekst.\n\n## Leefomstandigheden CNO",
        )
    },
    "content/documents/beleidsreactie-2023-05-25.md:32:1",
    "is also the anchor of the heading \"Leefomstandigheden CNO\""
);

// The error names the repeated point, not the first one with the same date.
case!(
    a_date_given_twice,
    |s| {
        s.edit(
            AMV,
            "\"2023-02\", \"value\": 431",
            "\"2023-01\", \"value\": 431",
        )
    },
    "data/indicators/amv-ter-apel.json:20:19",
    "point \"2023-01\" in series \"Ter Apel\" is not after the point before it"
);

// The same date occurs in the first series; the error points at the second series.
case!(
    points_out_of_order_in_a_later_series,
    |s| {
        replace_series(
            s,
            NLA,
            "[{\"name\": \"een\", \"points\": [{\"date\": \"2023-01\", \"value\": 1}, {\"date\": \"2023-02\", \"value\": 2}]}, {\"name\": \"twee\", \"points\": [{\"date\": \"2023-02\", \"value\": 1}, {\"date\": \"2023-01\", \"value\": 2}]}]",
        )
    },
    "data/indicators/nla-inspecties.json:9:179",
    "point \"2023-01\" in series \"twee\" is not after the point before it"
);

case!(
    series_of_nulls_only,
    |s| {
        replace_series(
            s,
            NLA,
            "[{\"name\": \"leeg\", \"points\": [{\"date\": \"2023\", \"value\": null}]}]",
        )
    },
    "data/indicators/nla-inspecties.json:9:23",
    "has only null values"
);

case!(
    nan,
    |s| s.edit(AMV, "\"value\": 452", "\"value\": NaN"),
    "data/indicators/amv-ter-apel.json:19:39",
    "expected value"
);

case!(
    infinity,
    |s| s.edit(AMV, "\"value\": 452", "\"value\": 1e999"),
    "data/indicators/amv-ter-apel.json:19:39",
    "number out of range: 1e999 is beyond the largest number a figure can hold"
);

case!(
    number_as_string,
    |s| s.edit(AMV, "\"value\": 452", "\"value\": \"452\""),
    "data/indicators/amv-ter-apel.json:19:39",
    "expected a number, or null for a gap, found the text \"452\""
);

case!(
    not_utf_8,
    |s| { std::fs::write(s.root().join(TOPIC), b"+++\ntitle = \"Zorg \xff\"\n+++\n").unwrap() },
    "content/topics/zorg.md:2:15",
    "not valid UTF-8"
);

case!(
    empty_markdown_file,
    |s| s.write(TOPIC, ""),
    "content/topics/zorg.md:1:1",
    "front matter is missing"
);

case!(
    empty_json_file,
    |s| s.write(AMV, ""),
    "data/indicators/amv-ter-apel.json:1:1",
    "EOF while parsing"
);

case!(
    a_page_size_too_small_to_be_a_page,
    |s| {
        let settings = s.read("site.toml");
        s.write(
            "site.toml",
            &format!("{settings}\n[lists]\npage_size = 5\n"),
        );
    },
    "site.toml:21:13",
    "page_size must be a whole number of rows from 10 to 10000, not 5"
);

case!(
    a_feed_of_no_entries,
    |s| {
        let settings = s.read("site.toml");
        s.write("site.toml", &format!("{settings}\n[feed]\nlimit = 2.5\n"));
    },
    "site.toml:21:9",
    "limit must be a whole number of entries from 1 to 100000, not 2.5"
);

case!(
    template_syntax_error,
    |s| {
        s.edit(
            "themes/default/templates/topic.html",
            "{% endblock main %}",
            "{% endblock main",
        )
    },
    "themes/default/templates/topic.html:12:13",
    "template syntax error: Unexpected end of input"
);

case!(
    unknown_template_variable,
    |s| {
        s.edit(
            "themes/default/templates/topic.html",
            "{{ page.title }}</h1>",
            "{{ page.titel }}</h1>",
        )
    },
    "themes/default/templates/topic.html:5:13",
    "Field `titel` is not defined. Available fields: body, pagination, recommendations, title"
);

case!(
    unknown_template_variable_in_a_component,
    |s| {
        s.edit(
            "themes/default/templates/macros.html",
            "{{ r.title }}</a></td>",
            "{{ r.titel }}</a></td>",
        )
    },
    "themes/default/templates/macros.html:24:42",
    "Field `titel` is not defined."
);

case!(
    unknown_filter,
    |s| {
        s.edit(
            "themes/default/templates/topic.html",
            "{{ page.title }}</h1>",
            "{{ page.title | shout }}</h1>",
        )
    },
    "themes/default/templates/topic.html:5:21",
    "template error: Unknown filter `shout`"
);

case!(
    unknown_component,
    |s| {
        s.edit(
            "themes/default/templates/topic.html",
            "{{<pagination ",
            "{{<paging ",
        )
    },
    "themes/default/templates/topic.html:10:27",
    "template error: Unknown component `paging`"
);

case!(
    a_tera_1_macro_import,
    |s| {
        s.edit(
            "themes/default/templates/topic.html",
            "{% extends \"base.html\" %}",
            "{% extends \"base.html\" %}{% import \"macros.html\" as m %}",
        )
    },
    "themes/default/templates/topic.html:1:29",
    "template syntax error: Unknown tag `import`"
);

case!(
    a_tera_1_macro_call,
    |s| {
        s.edit(
            "themes/default/templates/topic.html",
            "{{<pagination p={page.pagination} root={root} lists={t.lists}/>}}",
            "{{ m::pagination(p=page.pagination, root=root, lists=t.lists) }}",
        )
    },
    "themes/default/templates/topic.html:10:29",
    "template syntax error: Found `:` but expected }}."
);

case!(
    a_tera_1_macro_definition,
    |s| {
        s.edit(
            "themes/default/templates/macros.html",
            "{% component more(more, root) %}",
            "{% macro more(more, root) %}",
        )
    },
    "themes/default/templates/macros.html:213:4",
    "template syntax error: Unknown tag `macro`"
);

case!(
    missing_theme,
    |s| s.edit("site.toml", "theme = \"default\"", "theme = \"fancy\""),
    "site.toml:4:9",
    "the theme \"fancy\" does not exist: there is no folder themes/fancy/"
);

case!(
    missing_theme_with_the_word_theme_in_the_title_above_it,
    |s| {
        s.edit(
            "site.toml",
            "title = \"Opvolging",
            "title = \"Het theme van de opvolging",
        );
        s.edit("site.toml", "theme = \"default\"", "theme = \"fancy\"")
    },
    "site.toml:4:9",
    "the theme \"fancy\" does not exist"
);

case!(
    unknown_provenance_with_a_title_provenance_above_it,
    |s| {
        s.edit(
            AMV,
            "\"title\": \"Alleenstaande minderjarigen in Ter Apel\"",
            "\"title\": \"provenance\"",
        );
        s.edit(
            AMV,
            "\"provenance\": \"illustrative\"",
            "\"provenance\": \"illustrated\"",
        )
    },
    "data/indicators/amv-ter-apel.json:7:17",
    "unknown provenance \"illustrated\""
);

case!(
    id_with_path_characters,
    |s| s.edit(R1, "id = \"R1\"", "id = \"../R1\""),
    "content/recommendations/R1.md:2:6",
    "\"../R1\" is not a valid id"
);

case!(
    file_name_with_a_space,
    |s| {
        s.write(
            "content/topics/zorg en welzijn.md",
            "+++\ntitle = \"x\"\n+++\n",
        )
    },
    "content/topics/zorg en welzijn.md:1:1",
    "is not a valid id"
);

case!(
    link_to_a_page_that_does_not_exist,
    |s| append_to_r1(s, "See [R9](R9.md)."),
    "content/recommendations/R1.md:55:5",
    "the link \"R9.md\" points to content/recommendations/R9.md, which does not exist"
);

case!(
    link_to_a_page_that_does_not_exist_suggestion,
    |s| append_to_r1(s, "[R2](R22.md)"),
    "content/recommendations/R1.md:55:1",
    "did you mean \"R2.md\"?"
);

case!(
    link_from_the_content_root_to_a_page_that_does_not_exist,
    |s| append_to_r1(s, "[R9](@/recommendations/R9.md)"),
    "content/recommendations/R1.md:55:1",
    "points to content/recommendations/R9.md, which does not exist"
);

case!(
    link_from_the_content_root_that_leaves_content,
    |s| append_to_r1(s, "[settings](@/../site.toml)"),
    "content/recommendations/R1.md:55:1",
    "the link \"@/../site.toml\" leaves the content folder"
);

case!(
    link_to_a_heading_a_document_does_not_have,
    |s| {
        append_to_r1(
            s,
            "[onderwijs](../documents/beleidsreactie-2023-05-25.md#toegang-tot-onderwys)",
        )
    },
    "content/recommendations/R1.md:55:1",
    "did you mean #toegang-tot-onderwijs?"
);

case!(
    link_to_a_generated_page_that_does_not_exist,
    |s| append_to_r1(s, "[R9](../recommendations/R9.html)"),
    "content/recommendations/R1.md:55:1",
    "points to content/recommendations/R9.html, which does not exist"
);

case!(
    link_to_a_section_a_generated_page_does_not_have,
    |s| append_to_r1(s, "[toezeggingen](R2.html#commitmnets)"),
    "content/recommendations/R1.md:55:1",
    "the link goes to #commitmnets on recommendations/R2.html, but that page has no element with that id"
);

case!(
    same_page_anchor_that_does_not_exist,
    |s| append_to_r1(s, "[hierboven](#reactie-van-het-kabinnet)"),
    "content/recommendations/R1.md:55:1",
    "did you mean #reactie-van-het-kabinet?"
);

case!(
    image_that_does_not_exist,
    |s| append_to_r1(s, "![Figuur 1](figuur1.png)"),
    "content/recommendations/R1.md:55:1",
    "the link \"figuur1.png\" points to content/recommendations/figuur1.png, which does not exist"
);

case!(
    link_that_climbs_out_of_the_site_folder,
    |s| append_to_r1(s, "[x](../../../etc/passwd)"),
    "content/recommendations/R1.md:55:1",
    "points outside the site folder"
);

case!(
    link_to_a_file_that_is_not_part_of_the_site,
    |s| append_to_r1(s, "[instellingen](../../site.toml)"),
    "content/recommendations/R1.md:55:1",
    "points to site.toml, which is not part of the site"
);

case!(
    link_to_an_indicator_that_does_not_exist,
    |s| append_to_r1(s, "[amv](../../data/indicators/amv-terapel.json)"),
    "content/recommendations/R1.md:55:1",
    "did you mean the indicator \"amv-ter-apel\""
);

case!(
    link_to_a_file_type_browsers_run,
    |s| {
        s.write("content/recommendations/extra.html", "<p>x</p>");
        append_to_r1(s, "[extra](extra.html)")
    },
    "content/recommendations/R1.md:55:1",
    "points to a .html file, which would be published without any of opvolg's checks"
);

case!(
    link_that_starts_with_a_slash,
    |s| append_to_r1(s, "[R2](/recommendations/R2.html)"),
    "content/recommendations/R1.md:55:1",
    "starts with /, so where it leads depends on where the site is published"
);

case!(
    link_to_a_folder,
    |s| append_to_r1(s, "[alle](../recommendations/)"),
    "content/recommendations/R1.md:55:1",
    "points to a folder; opened from disk, a folder does not show its index page"
);

case!(
    image_under_content_static,
    |s| {
        s.write("content/static/logo.png", "png");
        append_to_r1(s, "![logo](../static/logo.png)")
    },
    "content/recommendations/R1.md:55:1",
    "static/ in the output belongs to the theme"
);

case!(
    attachment_at_the_path_of_the_feed,
    |s| {
        s.write("content/feed.xml", "<feed/>");
        append_to_r1(s, "[feed](../feed.xml)")
    },
    "content/recommendations/R1.md:55:1",
    "points to content/feed.xml, which would be published at feed.xml: the path of the Atom feed"
);

case!(
    attachment_at_the_path_of_the_open_data,
    |s| {
        s.write("content/open-data/site.json", "{}");
        append_to_r1(s, "[data](@/open-data/site.json)")
    },
    "content/recommendations/R1.md:55:1",
    "which would be published at open-data/site.json: the path of the open data's site.json"
);

case!(
    a_text_where_a_list_belongs,
    |s| {
        s.edit(
            "content/recommendations/R3.md",
            "topics = [\"onderwijs\"]",
            "topics = \"onderwijs\"",
        )
    },
    "content/recommendations/R3.md:6:10",
    "hint: write a list: [\"onderwijs\"]"
);

case!(
    a_decimal_comma_in_json,
    |s| s.edit(AMV, "\"value\": 452 }", "\"value\": 452,5 }"),
    "data/indicators/amv-ter-apel.json:19:43",
    "write numbers with a decimal point, not a comma"
);

case!(
    a_number_in_quotes_with_a_decimal_comma,
    |s| s.edit(AMV, "\"value\": 452 }", "\"value\": \"45,2\" }"),
    "data/indicators/amv-ter-apel.json:19:39",
    "write it without quotes and with a decimal point: 45.2"
);

case!(
    a_figure_dated_after_the_reporting_date,
    |s| {
        s.edit(
            AMV,
            "{ \"date\": \"2024-06\", \"value\": 121 }",
            "{ \"date\": \"2024-06\", \"value\": 121 },\n        { \"date\": \"2024-07\", \"value\": 99 }",
        )
    },
    "data/indicators/amv-ter-apel.json:37:19",
    "the figure for 2024-07, which begins on 2024-07-01 is after the reporting date as_of = 2024-06-30"
);

case!(
    an_answered_recommendation_without_response_ref,
    |s| {
        s.edit(
            "content/recommendations/R3.md",
            "response_ref = \"beleidsreactie-2023-05-25#reactie-op-de-bevindingen-en-conclusies\"\n",
            "",
        )
    },
    "content/recommendations/R3.md:7:12",
    "the field `response_ref` is missing: where is the answer?"
);

case!(
    base_url_that_is_not_a_full_address,
    |s| {
        s.edit(
            "site.toml",
            "base_url = \"https://opvolging.example.org/kinderen-in-de-noodopvang/\"",
            "base_url = \"www.example.org\"",
        )
    },
    "site.toml:5:12",
    "base_url \"www.example.org\" is not the full address of a website"
);

case!(
    a_link_that_leads_out_of_the_site_folder,
    |s| {
        let outside = std::env::temp_dir().join("opvolg-test-outside-topic.md");
        std::fs::write(&outside, "+++\ntitle = \"x\"\n+++\n").unwrap();
        std::os::unix::fs::symlink(outside, s.root().join("content/topics/linked.md")).unwrap();
    },
    "content/topics/linked.md",
    "outside the site folder; opvolg reads nothing outside it"
);

case!(
    an_anchor_in_opvolg_s_own_namespace,
    |s| {
        s.edit(
            RESPONSE,
            "## Tot slot {#tot-slot}",
            "## Tot slot {#_tot-slot}",
        )
    },
    "content/documents/beleidsreactie-2023-05-25.md:58:1",
    "starts with '_', which marks the ids opvolg gives sections, charts and footnotes; write {#tot-slot}"
);

case!(
    heading_attributes_that_are_not_one_anchor,
    |s| {
        s.edit(
            RESPONSE,
            "## Tot slot {#tot-slot}",
            "## Tot slot {#Tot slot}",
        )
    },
    "content/documents/beleidsreactie-2023-05-25.md:58:1",
    "write {#tot-slot}"
);

case!(
    an_unknown_text_in_a_translation_table,
    |s| {
        s.edit(
            "themes/default/i18n/nl.toml",
            "dashboard = \"Overzicht\"",
            "dashbord = \"Overzicht\"",
        )
    },
    "themes/default/i18n/nl.toml:12:1",
    "unknown text [ui] dashbord"
);

case!(
    a_translation_table_with_a_text_opvolg_does_not_know,
    |s| {
        s.edit(
            "themes/default/i18n/nl.toml",
            "dashboard = \"Overzicht\"\n",
            "dashboard = \"Overzicht\"\ndashbord = \"x\"\n",
        )
    },
    "themes/default/i18n/nl.toml:13:1",
    "unknown text [ui] dashbord"
);

#[test]
fn valid_edge_cases_pass() {
    let site = Site::example();
    // A byte-order mark and CRLF line endings.
    let topic = site.read(TOPIC).replace('\n', "\r\n");
    std::fs::write(site.root().join(TOPIC), format!("\u{feff}{topic}")).unwrap();
    let r1 = site.read(R1).replace('\n', "\r\n");
    site.write(R1, &r1);
    // Stray and unlinked files only warn.
    site.write("content/notes.txt", "scratch");
    site.write("data/readme.md", "scratch");
    site.write("content/drafts/idea.md", "scratch");
    // A single point, a huge value and a negative one.
    replace_series(
        &site,
        NLA,
        "[{\"name\": \"een\", \"points\": [{\"date\": \"2024-Q1\", \"value\": -1.5e300}]}, {\"name\": \"twee\", \"points\": [{\"date\": \"2024-Q2\", \"value\": 1.7e308}]}]",
    );
    let out = site.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        stderr
            .matches("warning: this file is not part of the site")
            .count(),
        2,
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "warning: no page links to this file, so it is not published\n  ┌─ content/notes.txt"
        ),
        "{stderr}"
    );
    assert!(!site.output().join("notes.txt").exists());
    assert!(
        site.page("topics/zorg.html")
            .contains("<h1>Toegang tot zorg</h1>")
    );
    // Extreme figures are shown as powers of ten, never as inf or NaN.
    let page = site.page("indicators/nla-inspecties.html");
    assert!(page.contains("<img src=\"../indicators/nla-inspecties.svg\""));
    assert!(
        site.read("output/indicators/nla-inspecties.svg")
            .contains("× 10^")
    );
    assert!(page.contains("<td>-1,5 × 10³⁰⁰</td>"), "{page}");
    assert!(page.contains("<td>1,7 × 10³⁰⁸</td>"), "{page}");
    for never in ["NaN", ">inf", " inf", "-inf", "∞"] {
        assert!(!page.contains(never), "{never}");
    }
}

/// Examples of the paths of every kind of file opvolg publishes. The match is exhaustive, so
/// a new kind of output does not compile until it has examples here.
fn generated_paths(kind: OutputKind) -> Vec<Output> {
    let id = |s: &str| s.to_string();
    match kind {
        OutputKind::Dashboard => vec![Output::Dashboard],
        OutputKind::Accessibility => vec![Output::Accessibility],
        OutputKind::List => List::iter()
            .flat_map(|list| [Output::List(list, 1), Output::List(list, 2)])
            .collect(),
        OutputKind::Recommendation => vec![
            Output::Recommendation(id("R1")),
            Output::Recommendation(id("R99")),
        ],
        OutputKind::Indicator => vec![Output::Indicator(id("amv-ter-apel"))],
        OutputKind::IndicatorFile => IndicatorFile::iter()
            .flat_map(|file| {
                [
                    Output::IndicatorFile(id("amv-ter-apel"), file),
                    Output::IndicatorFile(id("nog-geen-indicator"), file),
                ]
            })
            .collect(),
        OutputKind::Document => vec![Output::Document(id("beleidsreactie-2023-05-25"))],
        OutputKind::Topic => vec![Output::Topic(id("zorg"), 1), Output::Topic(id("zorg"), 2)],
        OutputKind::OpenData => vec![Output::OpenData],
        OutputKind::DataFile => [
            "site.json",
            "site.schema.json",
            "status.csv",
            "indicators.xlsx",
        ]
        .map(|name| Output::DataFile(id(name)))
        .to_vec(),
        OutputKind::Dossier => vec![Output::Dossier],
        OutputKind::DossierCss => vec![Output::DossierCss],
        OutputKind::Review => vec![Output::Review],
        OutputKind::Feed => vec![Output::Feed],
        OutputKind::Sitemap => vec![Output::Sitemap],
        OutputKind::SitemapPart => vec![Output::SitemapPart(1), Output::SitemapPart(12)],
        OutputKind::Static => vec![
            Output::Static(id("charts.css")),
            Output::Static(id("logo.png")),
            Output::Static(id("fonts/opvolg-sans-regular.woff2")),
        ],
        // The one kind content may publish: checked to pass below.
        OutputKind::Attachment => vec![Output::Attachment(id("bijlagen/kaart.png"))],
        OutputKind::Search => vec![Output::Search],
        OutputKind::SearchIndex => vec![
            Output::SearchIndex(id("words-a.js")),
            Output::SearchIndex(id("entries-1.js")),
        ],
        OutputKind::Finder => vec![
            Output::Finder(Finder::Letter('a'), 1),
            Output::Finder(Finder::State(id("in_progress")), 2),
            Output::Finder(Finder::Owner(id("coa")), 1),
            Output::Finder(Finder::Addressee(id("coa")), 1),
        ],
    }
}

/// An attachment is published at its own path, so it may not take a path opvolg publishes a
/// file of its own at (two files at one path, and the output no longer the same from build
/// to build). Every kind of output is tried, each at the link that would publish it.
#[test]
fn an_attachment_at_a_path_opvolg_generates_is_an_error_at_its_link() {
    let site = Site::example();
    let mut links = Vec::new();
    let mut reserved: Vec<String> = OutputKind::iter()
        .flat_map(generated_paths)
        .inspect(|output| {
            assert_eq!(
                Output::of_path(&output.path()).as_ref(),
                Some(output),
                "{output:?} is not read back from its path"
            )
        })
        .filter(|output| !matches!(output, Output::Attachment(_)))
        .map(|output| output.path())
        .collect();
    // Paths in opvolg's folders that none of its files has, and a generated path in other
    // letters (one file on file systems that ignore case).
    reserved.extend(
        [
            "search/beelden/a.png",
            "open-data/oud/status.csv",
            "Feed.xml",
        ]
        .map(String::from),
    );
    for path in &reserved {
        site.write(&format!("content/{path}"), "x");
        links.push(format!("[bijlage](../{path})"));
    }
    append_to_r1(&site, &links.join("\n\n"));
    let out = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let mut unrefused = Vec::new();
    for (i, path) in reserved.iter().enumerate() {
        // Each link is a paragraph of its own, from line 55 on.
        let at = format!("┌─ {R1}:{}:1\n", 55 + 2 * i);
        let refused = stderr.split("error: ").any(|error| {
            error.contains(&at)
                && (error.contains(&format!("which would be published at {path}"))
                    || error.contains("which would be published without any of opvolg's checks"))
        });
        if !refused {
            unrefused.push(path.as_str());
        }
    }
    assert!(unrefused.is_empty(), "not refused: {unrefused:?}\n{stderr}");
    assert!(!site.output().exists());

    // At any other path, a file a page links to is published.
    let site = Site::example();
    for output in generated_paths(OutputKind::Attachment) {
        site.write(&format!("content/{}", output.path()), "png");
        append_to_r1(&site, &format!("![kaart](../{})", output.path()));
        site.build_ok();
        assert_eq!(site.page(&output.path()), "png");
    }
}
