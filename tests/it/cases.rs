//! The bad-input cases of the content format: each one, run through `opvolg check`, must exit
//! 1 and name the file, line and column of the problem with a useful message. Valid edge cases
//! (BOM, CRLF, stray files, a single point, huge and negative values) must pass.

use crate::support::Site;

const R1: &str = "content/recommendations/R1.md";
const R2: &str = "content/recommendations/R2.md";
const AMV: &str = "data/indicators/amv-ter-apel.json";
const NLA: &str = "data/indicators/nla-inspecties.json";
const TOPIC: &str = "content/topics/zorg.md";
const RESPONSE: &str = "content/documents/beleidsreactie-2023-05-25.md";

struct Case {
    name: &'static str,
    edit: fn(&Site),
    /// `path:line:column` of the first error.
    at: &'static str,
    says: &'static str,
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

const CASES: &[Case] = &[
    Case {
        name: "TOML syntax error",
        edit: |s| s.edit(R1, "title = \"Bied", "title = Bied"),
        at: "content/recommendations/R1.md:3:9",
        says: "missing opening quote",
    },
    Case {
        name: "JSON syntax error",
        edit: |s| s.edit(AMV, "\"unit\": \"amv\",", "\"unit\": \"amv\""),
        at: "data/indicators/amv-ter-apel.json:5:3",
        says: "expected `,` or `}`",
    },
    Case {
        name: "front matter not closed",
        edit: |s| s.write(TOPIC, "+++\ntitle = \"Zorg\"\nbody\n"),
        at: "content/topics/zorg.md:1:1",
        says: "front matter is not closed",
    },
    Case {
        name: "wrong type",
        edit: |s| s.edit(R1, "response = \"partially_accepted\"", "response = [1]"),
        at: "content/recommendations/R1.md:7:12",
        says: "expected a text (in quotes), found a list",
    },
    Case {
        name: "missing required field",
        edit: |s| s.edit(RESPONSE, "kind = \"response\"\n", ""),
        at: "content/documents/beleidsreactie-2023-05-25.md:2:1",
        says: "the required field `kind` is missing",
    },
    Case {
        name: "missing required JSON field",
        edit: |s| s.edit(AMV, "\"unit\": \"amv\",", ""),
        at: "data/indicators/amv-ter-apel.json:1:1",
        says: "the required field `unit` is missing",
    },
    Case {
        name: "unknown field, with suggestion",
        edit: |s| s.edit(TOPIC, "title = ", "titel = "),
        at: "content/topics/zorg.md:2:1",
        says: "did you mean `title`?",
    },
    Case {
        name: "unknown state",
        edit: |s| s.edit(R1, "state = \"in_progress\"", "state = \"in-progress\""),
        at: "content/recommendations/R1.md:31:9",
        says: "did you mean \"in_progress\"?",
    },
    Case {
        name: "unknown response",
        edit: |s| {
            s.edit(
                R1,
                "response = \"partially_accepted\"",
                "response = \"partial\"",
            )
        },
        at: "content/recommendations/R1.md:7:12",
        says: "unknown response \"partial\"; expected one of: accepted,",
    },
    Case {
        name: "unknown kind",
        edit: |s| s.edit(RESPONSE, "kind = \"response\"", "kind = \"respons\""),
        at: "content/documents/beleidsreactie-2023-05-25.md:4:8",
        says: "did you mean \"response\"?",
    },
    Case {
        name: "unknown provenance",
        edit: |s| s.edit(AMV, "\"illustrative\"", "\"illustrated\""),
        at: "data/indicators/amv-ter-apel.json:7:17",
        says: "unknown provenance \"illustrated\"",
    },
    Case {
        name: "unknown chart",
        edit: |s| s.edit(AMV, "\"chart\": \"line\"", "\"chart\": \"pie\""),
        at: "data/indicators/amv-ter-apel.json:8:12",
        says: "unknown chart \"pie\"; expected one of: line, bar",
    },
    Case {
        name: "unknown direction",
        edit: |s| s.edit(AMV, "\"at_most\"", "\"atmost\""),
        at: "data/indicators/amv-ter-apel.json:11:18",
        says: "did you mean \"at_most\"?",
    },
    Case {
        name: "duplicate recommendation id (case)",
        edit: |s| {
            s.write(
                "content/recommendations/r1.md",
                &s.read(R1).replace("id = \"R1\"", "id = \"r1\""),
            )
        },
        at: "content/recommendations/r1.md:2:6",
        says: "duplicate id \"r1\"",
    },
    Case {
        name: "duplicate indicator id (case)",
        edit: |s| {
            s.write(
                "data/indicators/AMV-TER-APEL.json",
                &s.read(AMV)
                    .replace("\"id\": \"amv-ter-apel\"", "\"id\": \"AMV-TER-APEL\""),
            )
        },
        at: "data/indicators/amv-ter-apel.json:2:9",
        says: "duplicate id \"amv-ter-apel\"",
    },
    Case {
        name: "indicator id differs from file",
        edit: |s| s.edit(AMV, "\"id\": \"amv-ter-apel\"", "\"id\": \"amv-terapel\""),
        at: "data/indicators/amv-ter-apel.json:2:9",
        says: "differs from the file name",
    },
    Case {
        name: "missing indicator",
        edit: |s| s.edit(R1, "[\"kinderen-in-cno\",", "[\"kinderen-cno\","),
        at: "content/recommendations/R1.md:9:15",
        says: "did you mean \"kinderen-in-cno\"?",
    },
    Case {
        name: "missing document",
        edit: |s| {
            s.edit(
                R1,
                "source = \"brief-inspecties-2023-05-03\"",
                "source = \"brief-inspecties\"",
            )
        },
        at: "content/recommendations/R1.md:4:10",
        says: "unknown document \"brief-inspecties\"",
    },
    Case {
        name: "missing topic",
        edit: |s| s.edit(R1, "\"leefomstandigheden-cno\"", "\"leefomstandigheden\""),
        at: "content/recommendations/R1.md:6:11",
        says: "unknown topic \"leefomstandigheden\"",
    },
    Case {
        name: "missing anchor in response_ref",
        edit: |s| {
            s.edit(
                R1,
                "response_ref = \"beleidsreactie-2023-05-25#",
                "response_ref = \"beleidsreactie-2023-05-25#x",
            )
        },
        at: "content/recommendations/R1.md:8:43",
        says: "has no heading with anchor \"xleefomstandigheden-cno\"",
    },
    Case {
        name: "missing document in a status ref",
        edit: |s| {
            s.edit(
                R1,
                "ref = \"beleidsreactie-2023-05-25\"\n",
                "ref = \"beleidsreactie\"\n",
            )
        },
        at: "content/recommendations/R1.md:33:7",
        says: "unknown document \"beleidsreactie\"",
    },
    Case {
        name: "impossible TOML date",
        edit: |s| s.edit(R1, "due = 2023-07-01", "due = 2023-02-30"),
        at: "content/recommendations/R1.md:14:7",
        says: "invalid date",
    },
    Case {
        name: "impossible date string",
        edit: |s| s.edit(R1, "due = 2023-07-01", "due = \"2023-02-30\""),
        at: "content/recommendations/R1.md:14:7",
        says: "\"2023-02-30\" is not a day in the calendar",
    },
    Case {
        name: "malformed date",
        edit: |s| s.edit(R1, "due = 2023-07-01", "due = \"1 juli 2023\""),
        at: "content/recommendations/R1.md:14:7",
        says: "expected YYYY-MM-DD",
    },
    Case {
        name: "date-time instead of date",
        edit: |s| s.edit(R1, "due = 2023-07-01", "due = 2023-07-01T10:00:00"),
        at: "content/recommendations/R1.md:14:7",
        says: "found the date-time",
    },
    Case {
        name: "impossible quarter",
        edit: |s| {
            s.edit(
                "data/indicators/verhuizingen-kinderen.json",
                "\"2023-Q1\"",
                "\"2023-Q5\"",
            )
        },
        at: "data/indicators/verhuizingen-kinderen.json:19:19",
        says: "\"2023-Q5\" is not a real day, month, quarter or half year",
    },
    Case {
        name: "malformed period",
        edit: |s| s.edit(AMV, "\"2023-01\"", "\"jan 2023\""),
        at: "data/indicators/amv-ter-apel.json:19:19",
        says: "expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY",
    },
    Case {
        name: "deadline: impossible month",
        edit: |s| s.edit(R1, "due = 2023-07-01", "due = \"2023-13\""),
        at: "content/recommendations/R1.md:14:7",
        says: "\"2023-13\" is not a real day, month, quarter or half year",
    },
    Case {
        name: "deadline: impossible quarter",
        edit: |s| s.edit(R1, "due = 2023-07-01", "due = \"2023-Q0\""),
        at: "content/recommendations/R1.md:14:7",
        says: "\"2023-Q0\" is not a real day, month, quarter or half year",
    },
    Case {
        name: "deadline: impossible half year",
        edit: |s| s.edit(R1, "due = 2023-07-01", "due = \"2023-H3\""),
        at: "content/recommendations/R1.md:14:7",
        says: "\"2023-H3\" is not a real day, month, quarter or half year",
    },
    Case {
        name: "deadline: a year as a number",
        edit: |s| s.edit(R1, "due = 2023-07-01", "due = 2023"),
        at: "content/recommendations/R1.md:14:7",
        says: "expected a date like 2023-05-25, or a period in quotes like \"2023-05\"",
    },
    Case {
        name: "deadline: in words",
        edit: |s| s.edit(R1, "due = 2023-07-01", "due = \"zomer 2023\""),
        at: "content/recommendations/R1.md:14:7",
        says: "\"zomer 2023\" is not a date; expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY",
    },
    Case {
        name: "deadline: month without quotes",
        edit: |s| s.edit(R1, "due = 2023-07-01", "due = 2023-07"),
        at: "content/recommendations/R1.md:14:7",
        says: "put a month, quarter, half year or year in quotes: \"2023-07\"",
    },
    Case {
        name: "previous deadline: impossible month",
        edit: |s| {
            s.edit(
                R1,
                "previous_due = 2024-01-01",
                "previous_due = \"2024-00\"",
            )
        },
        at: "content/recommendations/R1.md:25:16",
        says: "\"2024-00\" is not a real day, month, quarter or half year",
    },
    Case {
        name: "revision that moves nothing: no deadline before and none after",
        edit: |s| {
            s.edit(R1, "due = 2024-12-31\n", "");
            s.edit(R1, "previous_due = 2024-01-01\n", "");
        },
        at: "content/recommendations/R1.md:23:8",
        says: "this revision has no previous_due and the deadline after it is not given either",
    },
    Case {
        name: "target date: impossible quarter",
        edit: |s| s.edit(AMV, "\"by\": \"2024-01-01\"", "\"by\": \"2024-Q9\""),
        at: "data/indicators/amv-ter-apel.json:12:11",
        says: "\"2024-Q9\" is not a real day, month, quarter or half year",
    },
    Case {
        name: "figure qualifier: unknown, with suggestion",
        edit: |s| {
            s.edit(
                AMV,
                "{ \"date\": \"2023-01\", \"value\": 452 }",
                "{ \"date\": \"2023-01\", \"value\": 452, \"qualifier\": \"more-than\" }",
            )
        },
        at: "data/indicators/amv-ter-apel.json:19:57",
        says: "unknown qualifier \"more-than\"; expected one of: at_least, more_than, about, less_than, at_most, provisional, estimated",
    },
    Case {
        name: "figure note: not a text",
        edit: |s| {
            s.edit(
                AMV,
                "{ \"date\": \"2023-01\", \"value\": 452 }",
                "{ \"date\": \"2023-01\", \"value\": 452, \"note\": 5 }",
            )
        },
        at: "data/indicators/amv-ter-apel.json:19:52",
        says: "expected a text (in quotes), or null, found the number 5",
    },
    Case {
        name: "prefix: not a text",
        edit: |s| {
            s.edit(
                AMV,
                "\"unit\": \"amv\",",
                "\"unit\": \"amv\", \"prefix\": [\"€\"],",
            )
        },
        at: "data/indicators/amv-ter-apel.json:4:28",
        says: "expected a text (in quotes), or null, found a list",
    },
    Case {
        name: "response change: back to pending",
        edit: |s| {
            s.edit(
                R1,
                "\n[[commitments]]",
                "\n[[response_changes]]\ndate = 2023-12-01\nresponse = \"pending\"\nreason = \"r\"\nref = \"voortgangsbrief-2023-12-15\"\n\n[[commitments]]",
            )
        },
        at: "content/recommendations/R1.md:13:12",
        says: "an answer that was given cannot become `pending` again",
    },
    Case {
        name: "response change: the same answer again",
        edit: |s| {
            s.edit(
                R1,
                "\n[[commitments]]",
                "\n[[response_changes]]\ndate = 2023-12-01\nresponse = \"partially_accepted\"\nreason = \"r\"\nref = \"voortgangsbrief-2023-12-15\"\n\n[[commitments]]",
            )
        },
        at: "content/recommendations/R1.md:13:12",
        says: "the answer is already `partially_accepted` before this change: nothing changed",
    },
    Case {
        name: "response change: without a reason",
        edit: |s| {
            s.edit(
                R1,
                "\n[[commitments]]",
                "\n[[response_changes]]\ndate = 2023-12-01\nresponse = \"withdrawn\"\nreason = \" \"\nref = \"voortgangsbrief-2023-12-15\"\n\n[[commitments]]",
            )
        },
        at: "content/recommendations/R1.md:14:10",
        says: "the reason is empty: an answer never changes without a reason",
    },
    Case {
        name: "response change: after as_of",
        edit: |s| {
            s.edit(
                R1,
                "\n[[commitments]]",
                "\n[[response_changes]]\ndate = 2099-12-01\nresponse = \"withdrawn\"\nreason = \"r\"\nref = \"voortgangsbrief-2023-12-15\"\n\n[[commitments]]",
            )
        },
        at: "content/recommendations/R1.md:12:8",
        says: "is after the reporting date as_of = 2024-06-30",
    },
    Case {
        name: "response change: unknown document",
        edit: |s| {
            s.edit(
                R1,
                "\n[[commitments]]",
                "\n[[response_changes]]\ndate = 2023-12-01\nresponse = \"withdrawn\"\nreason = \"r\"\nref = \"statement\"\n\n[[commitments]]",
            )
        },
        at: "content/recommendations/R1.md:15:7",
        says: "unknown document \"statement\"",
    },
    Case {
        name: "reply: unknown anchor",
        edit: |s| {
            s.edit(
                R1,
                "indicators = [",
                "reply_ref = \"voortgangsbrief-2023-12-15#nawoord\"\nindicators = [",
            )
        },
        at: "content/recommendations/R1.md:9:41",
        says: "document \"voortgangsbrief-2023-12-15\" has no heading with anchor \"nawoord\"",
    },
    Case {
        name: "milestone next to figures",
        edit: |s| {
            s.edit(
                AMV,
                "\"series\": [",
                "\"milestone\": { \"text\": \"Terug naar 55\" },\n  \"series\": [",
            )
        },
        at: "data/indicators/amv-ter-apel.json:15:16",
        says: "an indicator has either figures (`series`) or a `milestone`, not both",
    },
    Case {
        name: "milestone checks out of order",
        edit: |s| {
            s.write(
                "data/indicators/commissaris.json",
                "{\n  \"id\": \"commissaris\",\n  \"title\": \"Commissaris\",\n  \"description\": \"d\",\n  \"source\": { \"name\": \"JenV\" },\n  \"provenance\": \"official\",\n  \"milestone\": { \"text\": \"benoemd\", \"checks\": [\n    { \"date\": \"2024-03-01\", \"met\": false, \"note\": \"n\" },\n    { \"date\": \"2024-01-01\", \"met\": true, \"note\": \"n\" }\n  ] }\n}\n",
            )
        },
        at: "data/indicators/commissaris.json:9:15",
        says: "checks must be in date order, oldest first: 2024-01-01 is before the check above it",
    },
    Case {
        name: "milestone: impossible date",
        edit: |s| {
            s.write(
                "data/indicators/commissaris.json",
                "{\n  \"id\": \"commissaris\",\n  \"title\": \"Commissaris\",\n  \"description\": \"d\",\n  \"source\": { \"name\": \"JenV\" },\n  \"provenance\": \"official\",\n  \"milestone\": { \"text\": \"benoemd\", \"by\": \"2024-H0\" }\n}\n",
            )
        },
        at: "data/indicators/commissaris.json:7:43",
        says: "\"2024-H0\" is not a real day, month, quarter or half year",
    },
    Case {
        name: "CSV figures: decimal comma",
        edit: |s| figures_in_csv(s, "periode;waarde\r\n2023-01;24,4\r\n"),
        at: "data/indicators/uitgaven.csv:1:1",
        says: "unknown column `periode`",
    },
    Case {
        name: "CSV figures: a decimal comma in a value",
        edit: |s| figures_in_csv(s, "date;value\r\n2023-01;24\r\n2023-02;24,4\r\n"),
        at: "data/indicators/uitgaven.csv:3:9",
        says: "\"24,4\" is not a number",
    },
    Case {
        name: "CSV figures: impossible month",
        edit: |s| figures_in_csv(s, "date,value\n2023-13,5\n"),
        at: "data/indicators/uitgaven.csv:2:1",
        says: "\"2023-13\" is not a date",
    },
    Case {
        name: "CSV figures: quarter out of order",
        edit: |s| figures_in_csv(s, "date,value\n2023-Q2,5\n2023-Q1,6\n"),
        at: "data/indicators/uitgaven.csv:3:1",
        says: "2023-Q1 is not after the line before it of this series (2023-Q2)",
    },
    Case {
        name: "CSV figures: unknown qualifier",
        edit: |s| figures_in_csv(s, "date,value,qualifier\n2023-01,5,circa\n"),
        at: "data/indicators/uitgaven.csv:2:11",
        says: "unknown qualifier \"circa\"",
    },
    Case {
        name: "CSV figures: no value column",
        edit: |s| figures_in_csv(s, "date,series\n2023-01,a\n"),
        at: "data/indicators/uitgaven.csv:1:1",
        says: "the header line lacks the column `value`",
    },
    Case {
        name: "CSV figures: after as_of",
        edit: |s| figures_in_csv(s, "date,value\n2023-01,5\n2030,6\n"),
        at: "data/indicators/uitgaven.csv:3:1",
        says: "the figure for 2030, which begins on 2030-01-01 is after the reporting date",
    },
    Case {
        name: "CSV figures without an indicator",
        edit: |s| s.write("data/indicators/los.csv", "date,value\n2023-01,5\n"),
        at: "data/indicators/los.csv:1:1",
        says: "figures without an indicator: there is no data/indicators/los.json",
    },
    Case {
        name: "CSV figures beside figures in the data file",
        edit: |s| {
            s.write(
                "data/indicators/amv-ter-apel.csv",
                "date,value\n2023-01,5\n",
            )
        },
        at: "data/indicators/amv-ter-apel.csv:1:1",
        says: "amv-ter-apel has its figures in its data file already",
    },
    Case {
        name: "indicator without figures anywhere",
        edit: |s| {
            figures_in_csv(s, "date,value\n2023-01,5\n");
            s.remove("data/indicators/uitgaven.csv");
        },
        at: "data/indicators/uitgaven.json:1:1",
        says: "an indicator needs its figures: `series` in this file, or a file data/indicators/<id>.csv beside it",
    },
    Case {
        name: "part of an unknown recommendation",
        edit: |s| s.edit(R2, "topics = [", "part_of = \"R11\"\ntopics = ["),
        at: "content/recommendations/R2.md:6:11",
        says: "unknown recommendation \"R11\"",
    },
    Case {
        name: "part of itself",
        edit: |s| s.edit(R2, "topics = [", "part_of = \"R2\"\ntopics = ["),
        at: "content/recommendations/R2.md:6:11",
        says: "a recommendation cannot be a part of itself",
    },
    Case {
        name: "status history out of order",
        edit: |s| s.edit(R1, "date = 2023-12-15", "date = 2023-01-15"),
        at: "content/recommendations/R1.md:36:8",
        says: "status entries must be in date order",
    },
    Case {
        name: "status after as_of",
        edit: |s| s.edit(R1, "date = 2024-05-01\nstate", "date = 2024-07-01\nstate"),
        at: "content/recommendations/R1.md:42:8",
        says: "after the reporting date as_of = 2024-06-30",
    },
    Case {
        name: "a deadline moved after as_of",
        edit: |s| {
            s.edit(
                R1,
                "date = 2024-05-01\nprevious_due",
                "date = 2024-07-01\nprevious_due",
            )
        },
        at: "content/recommendations/R1.md:24:8",
        says: "a deadline moved on 2024-07-01 is after the reporting date as_of = 2024-06-30",
    },
    Case {
        name: "deadline revisions out of order",
        edit: |s| {
            s.edit(
                R2,
                "date = 2024-05-01\nprevious_due",
                "date = 2023-11-01\nprevious_due",
            )
        },
        at: "content/recommendations/R2.md:37:8",
        says: "revisions must be in date order, oldest first: 2023-11-01 is before the revision above it (2023-12-15)",
    },
    Case {
        name: "a revision that does not move the deadline",
        edit: |s| s.edit(R2, "previous_due = 2024-03-31", "previous_due = 2024-09-30"),
        at: "content/recommendations/R2.md:38:16",
        says: "previous_due 2024-09-30 is the deadline that replaced it: the deadline did not move",
    },
    Case {
        name: "a moved deadline without a reason",
        edit: |s| {
            s.edit(
                R1,
                "reason = \"Illustratief: eerst",
                "# reason = \"Illustratief: eerst",
            )
        },
        at: "content/recommendations/R1.md:23:1",
        says: "reason",
    },
    Case {
        name: "a moved deadline with an empty reason",
        edit: |s| {
            s.edit(
                R1,
                "reason = \"Illustratief: eerst moeten er voldoende kleinschalige opvangplekken voor amv elders in het land komen.\"",
                "reason = \"  \"",
            )
        },
        at: "content/recommendations/R1.md:26:10",
        says: "the reason is empty: a deadline never moves without a reason",
    },
    Case {
        name: "a deadline moved after the commitment was done",
        edit: |s| {
            s.edit(
                R1,
                "due = 2024-12-31\nref",
                "due = 2024-12-31\ndone = 2024-03-01\nref",
            )
        },
        at: "content/recommendations/R1.md:25:8",
        says: "the deadline was moved on 2024-05-01, after the commitment was done on 2024-03-01",
    },
    Case {
        name: "a revision that refers to an unknown document",
        edit: |s| {
            s.edit(
                R1,
                "ref = \"voortgangsbrief-2024-05-01#amv",
                "ref = \"voortgangsbrief-2024-06-01#amv",
            )
        },
        at: "content/recommendations/R1.md:27:7",
        says: "unknown document \"voortgangsbrief-2024-06-01\"",
    },
    Case {
        name: "no series",
        edit: |s| replace_series(s, AMV, "[]"),
        at: "data/indicators/amv-ter-apel.json:15:13",
        says: "an indicator needs at least one series",
    },
    Case {
        name: "empty series",
        edit: |s| replace_series(s, NLA, "[{\"name\": \"leeg\", \"points\": []}]"),
        at: "data/indicators/nla-inspecties.json:9:23",
        says: "series \"leeg\" has no points",
    },
    Case {
        name: "commitment done after the reporting date",
        edit: |s| {
            s.edit(
                "content/recommendations/R2.md",
                "done = 2023-07-04",
                "done = 2024-08-01",
            )
        },
        at: "content/recommendations/R2.md:15:8",
        says: "commitment done on 2024-08-01 is after the reporting date as_of = 2024-06-30",
    },
    Case {
        // Without the error, the real section would silently move to -2 and citations of it
        // would land on the new one.
        name: "explicit anchor that another heading gets from its text",
        edit: |s| {
            s.edit(
                RESPONSE,
                "## Leefomstandigheden CNO",
                "## Bijlage {#leefomstandigheden-cno}\n\nTekst.\n\n## Leefomstandigheden CNO",
            )
        },
        at: "content/documents/beleidsreactie-2023-05-25.md:32:1",
        says: "is also the anchor of the heading \"Leefomstandigheden CNO\"",
    },
    Case {
        // The error names the repeated point, not the first one with the same date.
        name: "a date given twice",
        edit: |s| {
            s.edit(
                AMV,
                "\"2023-02\", \"value\": 431",
                "\"2023-01\", \"value\": 431",
            )
        },
        at: "data/indicators/amv-ter-apel.json:20:19",
        says: "point \"2023-01\" in series \"Ter Apel\" is not after the point before it",
    },
    Case {
        // The same date occurs in the first series; the error points at the second series.
        name: "points out of order in a later series",
        edit: |s| {
            replace_series(
                s,
                NLA,
                "[{\"name\": \"een\", \"points\": [{\"date\": \"2023-01\", \"value\": 1}, {\"date\": \"2023-02\", \"value\": 2}]}, {\"name\": \"twee\", \"points\": [{\"date\": \"2023-02\", \"value\": 1}, {\"date\": \"2023-01\", \"value\": 2}]}]",
            )
        },
        at: "data/indicators/nla-inspecties.json:9:179",
        says: "point \"2023-01\" in series \"twee\" is not after the point before it",
    },
    Case {
        name: "series of nulls only",
        edit: |s| {
            replace_series(
                s,
                NLA,
                "[{\"name\": \"leeg\", \"points\": [{\"date\": \"2023\", \"value\": null}]}]",
            )
        },
        at: "data/indicators/nla-inspecties.json:9:23",
        says: "has only null values",
    },
    Case {
        name: "NaN",
        edit: |s| s.edit(AMV, "\"value\": 452", "\"value\": NaN"),
        at: "data/indicators/amv-ter-apel.json:19:39",
        says: "expected value",
    },
    Case {
        name: "Infinity",
        edit: |s| s.edit(AMV, "\"value\": 452", "\"value\": 1e999"),
        at: "data/indicators/amv-ter-apel.json:19:39",
        says: "number out of range: 1e999 is beyond the largest number a figure can hold",
    },
    Case {
        name: "number as string",
        edit: |s| s.edit(AMV, "\"value\": 452", "\"value\": \"452\""),
        at: "data/indicators/amv-ter-apel.json:19:39",
        says: "expected a number, or null for a gap, found the text \"452\"",
    },
    Case {
        name: "not UTF-8",
        edit: |s| {
            std::fs::write(s.root().join(TOPIC), b"+++\ntitle = \"Zorg \xff\"\n+++\n").unwrap()
        },
        at: "content/topics/zorg.md:2:15",
        says: "not valid UTF-8",
    },
    Case {
        name: "empty Markdown file",
        edit: |s| s.write(TOPIC, ""),
        at: "content/topics/zorg.md:1:1",
        says: "front matter is missing",
    },
    Case {
        name: "empty JSON file",
        edit: |s| s.write(AMV, ""),
        at: "data/indicators/amv-ter-apel.json:1:1",
        says: "EOF while parsing",
    },
    Case {
        name: "a page size too small to be a page",
        edit: |s| {
            let settings = s.read("site.toml");
            s.write(
                "site.toml",
                &format!("{settings}\n[lists]\npage_size = 5\n"),
            );
        },
        at: "site.toml:21:13",
        says: "page_size must be a whole number of rows from 10 to 10000, not 5",
    },
    Case {
        name: "a feed of no entries",
        edit: |s| {
            let settings = s.read("site.toml");
            s.write("site.toml", &format!("{settings}\n[feed]\nlimit = 2.5\n"));
        },
        at: "site.toml:21:9",
        says: "limit must be a whole number of entries from 1 to 100000, not 2.5",
    },
    Case {
        name: "template syntax error",
        edit: |s| {
            s.edit(
                "themes/default/templates/topic.html",
                "{% endblock main %}",
                "{% endblock main",
            )
        },
        at: "themes/default/templates/topic.html:13:1",
        says: "template syntax error",
    },
    Case {
        name: "unknown template variable",
        edit: |s| {
            s.edit(
                "themes/default/templates/topic.html",
                "{{ page.title }}</h1>",
                "{{ page.titel }}</h1>",
            )
        },
        at: "themes/default/templates/topic.html:5:8",
        says: "unknown variable `page.titel`",
    },
    Case {
        name: "missing theme",
        edit: |s| s.edit("site.toml", "theme = \"default\"", "theme = \"fancy\""),
        at: "site.toml:4:9",
        says: "the theme \"fancy\" does not exist: there is no folder themes/fancy/",
    },
    Case {
        name: "missing theme, with the word theme in the title above it",
        edit: |s| {
            s.edit(
                "site.toml",
                "title = \"Opvolging",
                "title = \"Het theme van de opvolging",
            );
            s.edit("site.toml", "theme = \"default\"", "theme = \"fancy\"")
        },
        at: "site.toml:4:9",
        says: "the theme \"fancy\" does not exist",
    },
    Case {
        name: "unknown provenance, with a title \"provenance\" above it",
        edit: |s| {
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
        at: "data/indicators/amv-ter-apel.json:7:17",
        says: "unknown provenance \"illustrated\"",
    },
    Case {
        name: "id with path characters",
        edit: |s| s.edit(R1, "id = \"R1\"", "id = \"../R1\""),
        at: "content/recommendations/R1.md:2:6",
        says: "\"../R1\" is not a valid id",
    },
    Case {
        name: "file name with a space",
        edit: |s| {
            s.write(
                "content/topics/zorg en welzijn.md",
                "+++\ntitle = \"x\"\n+++\n",
            )
        },
        at: "content/topics/zorg en welzijn.md:1:1",
        says: "is not a valid id",
    },
    Case {
        name: "link to a page that does not exist",
        edit: |s| append_to_r1(s, "See [R9](R9.md)."),
        at: "content/recommendations/R1.md:55:5",
        says: "the link \"R9.md\" points to content/recommendations/R9.md, which does not exist",
    },
    Case {
        name: "link to a page that does not exist, suggestion",
        edit: |s| append_to_r1(s, "[R2](R22.md)"),
        at: "content/recommendations/R1.md:55:1",
        says: "did you mean \"R2.md\"?",
    },
    Case {
        name: "link from the content root to a page that does not exist",
        edit: |s| append_to_r1(s, "[R9](@/recommendations/R9.md)"),
        at: "content/recommendations/R1.md:55:1",
        says: "points to content/recommendations/R9.md, which does not exist",
    },
    Case {
        name: "link from the content root that leaves content/",
        edit: |s| append_to_r1(s, "[settings](@/../site.toml)"),
        at: "content/recommendations/R1.md:55:1",
        says: "the link \"@/../site.toml\" leaves the content folder",
    },
    Case {
        name: "link to a heading a document does not have",
        edit: |s| {
            append_to_r1(
                s,
                "[onderwijs](../documents/beleidsreactie-2023-05-25.md#toegang-tot-onderwys)",
            )
        },
        at: "content/recommendations/R1.md:55:1",
        says: "did you mean #toegang-tot-onderwijs?",
    },
    Case {
        name: "link to a generated page that does not exist",
        edit: |s| append_to_r1(s, "[R9](../recommendations/R9.html)"),
        at: "content/recommendations/R1.md:55:1",
        says: "points to content/recommendations/R9.html, which does not exist",
    },
    Case {
        name: "link to a section a generated page does not have",
        edit: |s| append_to_r1(s, "[toezeggingen](R2.html#commitmnets)"),
        at: "content/recommendations/R1.md:55:1",
        says: "the link goes to #commitmnets on recommendations/R2.html, but that page has no element with that id",
    },
    Case {
        name: "same-page anchor that does not exist",
        edit: |s| append_to_r1(s, "[hierboven](#reactie-van-het-kabinnet)"),
        at: "content/recommendations/R1.md:55:1",
        says: "did you mean #reactie-van-het-kabinet?",
    },
    Case {
        name: "image that does not exist",
        edit: |s| append_to_r1(s, "![Figuur 1](figuur1.png)"),
        at: "content/recommendations/R1.md:55:1",
        says: "the link \"figuur1.png\" points to content/recommendations/figuur1.png, which does not exist",
    },
    Case {
        name: "link that climbs out of the site folder",
        edit: |s| append_to_r1(s, "[x](../../../etc/passwd)"),
        at: "content/recommendations/R1.md:55:1",
        says: "points outside the site folder",
    },
    Case {
        name: "link to a file that is not part of the site",
        edit: |s| append_to_r1(s, "[instellingen](../../site.toml)"),
        at: "content/recommendations/R1.md:55:1",
        says: "points to site.toml, which is not part of the site",
    },
    Case {
        name: "link to an indicator that does not exist",
        edit: |s| append_to_r1(s, "[amv](../../data/indicators/amv-terapel.json)"),
        at: "content/recommendations/R1.md:55:1",
        says: "did you mean the indicator \"amv-ter-apel\"",
    },
    Case {
        name: "link to a file type browsers run",
        edit: |s| {
            s.write("content/recommendations/extra.html", "<p>x</p>");
            append_to_r1(s, "[extra](extra.html)")
        },
        at: "content/recommendations/R1.md:55:1",
        says: "points to a .html file, which would be published without any of opvolg's checks",
    },
    Case {
        name: "link that starts with a slash",
        edit: |s| append_to_r1(s, "[R2](/recommendations/R2.html)"),
        at: "content/recommendations/R1.md:55:1",
        says: "starts with /, so where it leads depends on where the site is published",
    },
    Case {
        name: "link to a folder",
        edit: |s| append_to_r1(s, "[alle](../recommendations/)"),
        at: "content/recommendations/R1.md:55:1",
        says: "points to a folder; opened from disk, a folder does not show its index page",
    },
    Case {
        name: "image under content/static",
        edit: |s| {
            s.write("content/static/logo.png", "png");
            append_to_r1(s, "![logo](../static/logo.png)")
        },
        at: "content/recommendations/R1.md:55:1",
        says: "static/ in the output belongs to the theme",
    },
    Case {
        name: "a text where a list belongs",
        edit: |s| {
            s.edit(
                "content/recommendations/R3.md",
                "topics = [\"onderwijs\"]",
                "topics = \"onderwijs\"",
            )
        },
        at: "content/recommendations/R3.md:6:10",
        says: "hint: write a list: [\"onderwijs\"]",
    },
    Case {
        name: "a decimal comma in JSON",
        edit: |s| s.edit(AMV, "\"value\": 452 }", "\"value\": 452,5 }"),
        at: "data/indicators/amv-ter-apel.json:19:43",
        says: "write numbers with a decimal point, not a comma",
    },
    Case {
        name: "a number in quotes with a decimal comma",
        edit: |s| s.edit(AMV, "\"value\": 452 }", "\"value\": \"45,2\" }"),
        at: "data/indicators/amv-ter-apel.json:19:39",
        says: "write it without quotes and with a decimal point: 45.2",
    },
    Case {
        name: "a figure dated after the reporting date",
        edit: |s| {
            s.edit(
                AMV,
                "{ \"date\": \"2024-06\", \"value\": 121 }",
                "{ \"date\": \"2024-06\", \"value\": 121 },\n        { \"date\": \"2024-07\", \"value\": 99 }",
            )
        },
        at: "data/indicators/amv-ter-apel.json:37:19",
        says: "the figure for 2024-07, which begins on 2024-07-01 is after the reporting date as_of = 2024-06-30",
    },
    Case {
        name: "an answered recommendation without response_ref",
        edit: |s| {
            s.edit(
                "content/recommendations/R3.md",
                "response_ref = \"beleidsreactie-2023-05-25#reactie-op-de-bevindingen-en-conclusies\"\n",
                "",
            )
        },
        at: "content/recommendations/R3.md:7:12",
        says: "the field `response_ref` is missing: where is the answer?",
    },
    Case {
        name: "base_url that is not a full address",
        edit: |s| {
            s.edit(
                "site.toml",
                "base_url = \"https://opvolging.example.org/kinderen-in-de-noodopvang/\"",
                "base_url = \"www.example.org\"",
            )
        },
        at: "site.toml:5:12",
        says: "base_url \"www.example.org\" is not the full address of a website",
    },
    Case {
        name: "a link that leads out of the site folder",
        edit: |s| {
            let outside = std::env::temp_dir().join("opvolg-test-outside-topic.md");
            std::fs::write(&outside, "+++\ntitle = \"x\"\n+++\n").unwrap();
            std::os::unix::fs::symlink(outside, s.root().join("content/topics/linked.md")).unwrap();
        },
        at: "content/topics/linked.md",
        says: "outside the site folder; opvolg reads nothing outside it",
    },
    Case {
        name: "an anchor in opvolg's own namespace",
        edit: |s| {
            s.edit(
                RESPONSE,
                "## Tot slot {#tot-slot}",
                "## Tot slot {#_tot-slot}",
            )
        },
        at: "content/documents/beleidsreactie-2023-05-25.md:58:1",
        says: "starts with '_', which marks the ids opvolg gives sections, charts and footnotes; write {#tot-slot}",
    },
    Case {
        name: "heading attributes that are not one anchor",
        edit: |s| {
            s.edit(
                RESPONSE,
                "## Tot slot {#tot-slot}",
                "## Tot slot {#Tot slot}",
            )
        },
        at: "content/documents/beleidsreactie-2023-05-25.md:58:1",
        says: "write {#tot-slot}",
    },
    Case {
        name: "an unknown text in a translation table",
        edit: |s| {
            s.edit(
                "themes/default/i18n/nl.toml",
                "dashboard = \"Overzicht\"",
                "dashbord = \"Overzicht\"",
            )
        },
        at: "themes/default/i18n/nl.toml:12:1",
        says: "unknown text [ui] dashbord",
    },
    Case {
        name: "a translation table with a text opvolg does not know",
        edit: |s| {
            s.edit(
                "themes/default/i18n/nl.toml",
                "dashboard = \"Overzicht\"\n",
                "dashboard = \"Overzicht\"\ndashbord = \"x\"\n",
            )
        },
        at: "themes/default/i18n/nl.toml:13:1",
        says: "unknown text [ui] dashbord",
    },
];

#[test]
fn every_bad_input_case_names_file_line_and_column_and_exits_1() {
    let mut failures = Vec::new();
    for case in CASES {
        let site = Site::example();
        (case.edit)(&site);
        let out = site.run(&["check"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let located = stderr.contains(&format!("┌─ {}\n", case.at));
        if out.status.code() != Some(1) || !located || !stderr.contains(case.says) {
            failures.push(format!(
                "--- {} (exit {:?}):\n{stderr}",
                case.name,
                out.status.code()
            ));
        }
        assert!(!site.output().exists(), "{}: check wrote output", case.name);
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

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
