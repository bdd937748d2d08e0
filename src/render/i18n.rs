//! Interface text: the theme's translation table for the site's language, and the
//! language-dependent formatting of dates and numbers.
//!
//! Owns no strings itself: every word a reader sees comes from `themes/<theme>/i18n/<lang>.toml`.
//! Owns the typed list of every key (one enum per section): code looks texts up by it, and a
//! theme's table is checked against it when the theme is loaded, so a lookup cannot fail later
//! and a typo in a table is found at once.

use crate::date::{Date, Period};
use crate::diag::{Diagnostics, did_you_mean};
use crate::model::{
    ComplianceStatus, Direction, DocumentKind, Figure, FollowUpState, Keyed, Provenance, Qualifier,
    Response, TargetState,
};
use crate::parse::tree::{Node, Value};
use crate::source::SourceFile;
use serde::Serialize;

/// Declares one section of the translation table as a typed list of its keys (the variants
/// in snake_case). The same list is what code looks texts up by and what a theme's table is
/// checked against.
macro_rules! section {
    ($(#[$doc:meta])* $name:ident = $table:literal { $($key:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr)]
        #[strum(serialize_all = "snake_case")]
        pub enum $name { $($key),* }

        impl Text for $name {
            const SECTION: &'static str = $table;
        }
    };
}

/// A key of the translation table: its section, and its name as the variant's.
pub trait Text: Keyed {
    const SECTION: &'static str;
}

section! {
    /// `[ui]`: the words of the pages.
    Ui = "ui" {
        SkipLink, SiteNavigation, Dashboard, Recommendations, Indicators, Documents, Topics,
        AsOf, PublishedBy, GeneratedWith, Notice, Breadcrumb, Recommendation,
        RecommendationText, Id, Title, Response, CurrentState, LastChange, OpenCommitments,
        OverdueCommitments, Source, AddressedTo, ResponseLink, ResponseAwaited, ResponseIn,
        Commitments, Commitment, Owner, Due, Done, CommitmentStatus, CommitmentOpen,
        CommitmentDone, CommitmentDoneLate, CommitmentOverdue, PromisedIn, NoCommitments,
        StatusHistory, Date, State, Note, Reference, Charts, PerState, RecommendationsTable,
        IndicatorsTable, Indicator, LatestValue, Target, TargetState, NoTarget, Definition,
        Unit, Provenance, UsedBy, NotUsed, Downloads, DownloadCsv, DownloadJson, DataTable,
        Period, Value, NoValue, ShowData, IllustrativeWarning, ProvisionalWarning, Document,
        Kind, ReferenceNumber, Author, Original, Contents, CitedBy, CitedSources,
        RecommendationsInTopic, NoRecommendations, Count, Timeline, FollowUp, AllDocuments,
        AllIndicators, AllTopics, AllRecommendations, Footnotes, AllFigures, Checks, NoChecks,
        Milestones, PartOf, Parts, PartsSummary,
    }
}

section! {
    /// `[chart]`: titles, labels and text alternatives of charts.
    ChartText = "chart" {
        StateTitle, StateDesc, LineDesc, BarDesc, LatestDesc, TargetDesc, TargetDescUndated, Illustrative,
        IllustrativeDesc, TargetLine, Deadline, AsOfLine, TimelineTitle, TimelineDesc,
        TimelineDescOne, TimelineDescNone, TimelineLane,
        TimelineStatusLane, TimelineSummary, Promised, TimelineData,
    }
}

section! {
    /// `[history]`: reporting moments, what changed between them, moved deadlines.
    HistoryText = "history" {
        Moments, Moment, CurrentMoment, NotReported, Changed, Unchanged, NewSince,
        ChangesSince, ChangesUntil, NoChanges, NoPreviousMoment, StateChanges, Fulfilled,
        Passed, Moved, NewFigures, Targets, FirstReported, FulfilledOn, FulfilledLateOn, PassedOn,
        MovedFromTo,
        FiguresCount, OriginalDue, MovedTimes, Revisions, Reason, CommitmentNumber,
        ResponseChanges, ResponseChanged, ResponseHistory, Reply, NewFigure,
        ReportHeading, LatestReport, ComparedWith, StateHistory, FeedTitle,
    }
}

section! {
    /// `[open_data]`: the open-data page, and what every file and column holds.
    OpenDataText = "open_data" {
        Title, Intro, ExcelNote, CsvNote, JsonNote, FilesHeading, ColumnsOf, Column, Meaning,
        CodesHeading, Code, FooterLink, Rows, Workbook,
        FileRecommendations, FileCommitments, FileStatus, FileIndicators, FileSiteJson,
        FileSiteSchema,
        ColId, ColTitle, ColUrl, ColSource, ColAddressedTo, ColTopics, ColResponse,
        ColResponseRef, ColResponseChanges, ColState, ColStateDate, ColCommitments, ColCommitmentsOpen,
        ColCommitmentsOverdue, ColCommitmentsDone, ColRecommendation, ColNumber, ColText,
        ColOwner, ColDue, ColOriginalDue, ColDeadlineMoves, ColDeadlineHistory, ColDone,
        ColOverdue, ColRef, ColDate, ColNote, ColIndicator, ColUnit,
        ColSeries, ColPeriod, ColPeriodStart, ColValue, ColProvenance, ColQualifier, ColPointNote,
    }
}

section! {
    /// `[review]`: the review copy's banner and `review.html`.
    ReviewText = "review" {
        Banner, BannerLink, Title, Intro, NoFindings, Location, Count, StatusEntryOf,
        OverdueWithoutUpdate, OverdueWithoutUpdateWhy, OverdueWithoutUpdateDetail,
        Stale, StaleWhy, StaleDetail,
        OutdatedFigures, OutdatedFiguresWhy, OutdatedFiguresDetail,
        ImplementedTargetNotMet, ImplementedTargetNotMetWhy, ImplementedTargetNotMetDetail,
        MovedMoreThanOnce, MovedMoreThanOnceWhy, MovedMoreThanOnceDetail,
        NotOfficial, NotOfficialWhy, NotOfficialDetail,
        NoTarget, NoTargetWhy, NoTargetDetail,
        StatusWithoutSource, StatusWithoutSourceWhy, StatusWithoutSourceDetail,
    }
}

section! {
    /// `[dossier]`: the print dossier.
    DossierText = "dossier" {
        Title, Intro, PrintHint, Summary, RunningHead, PageOf, FooterLink, LinkedIndicators,
        TooLarge,
    }
}

section! {
    /// `[lists]`: long lists split into pages, the dashboard's summary of a large site, the
    /// register of commitments and the list of changes.
    ListsText = "lists" {
        Pages, Previous, Next, PageOf, Showing, Summary, PerTopic, PerOwner, Topic, Owner,
        Total, Open, Overdue, Done, OverdueCommitments, NoOverdue, RecentlyUpdated,
        PerTargetState, NoTarget, CompleteLists, AndMore, CommitmentsTitle, CommitmentsIntro,
        Owners, CommitmentsTable, ChangesTitle, AllChanges, ReportContinued, StatesAtMoment,
    }
}

section! {
    /// `[periods]`: a period or deadline less precise than a day, and a deadline not given.
    PeriodText = "periods" {
        Month, Quarter, FirstHalf, SecondHalf, Year, NoDeadline, NoDate,
    }
}

section! {
    /// `[preview]`: the live preview's own pages (`opvolg serve`) and its box of errors.
    PreviewText = "preview" {
        NotFoundTitle, NotFoundText, Home, ErrorsTitle, ErrorsLastValid, ErrorsReload,
        NoSiteTitle, NoSiteText, FailedTitle, FailedText,
    }
}

section! {
    /// `[search]`: the search page, the search box, the A–Z index and the filters.
    SearchText = "search" {
        Title, BoxLabel, Button, Intro, FieldLabel, NoScript, Loading, ResultsOne, ResultsMany,
        NoResults, More, Results, AzTitle, AzIntro, LetterTitle, OtherLetter, Filters, ByState,
        ByTopic, ByOwner, ByAddressee, StateTitle, OwnerTitle, AddresseeTitle, Entries,
        KindRecommendation, KindCommitment, KindSection, KindIndicator, KindDocument, KindTopic,
        KindOwner, KindAddressee,
    }
}

section! {
    /// `[accessibility]`: the accessibility statement (its compliance states included).
    AccessibilityText = "accessibility" {
        Link, Title, Intro, ScopeHeading, Scope, StatusHeading, Compliant, PartiallyCompliant,
        NotCompliant, NotAssessed, EvaluationHeading, EvaluatedOn, NotEvaluated,
        KnownIssuesHeading, NoKnownIssues, ContactHeading, Contact, NoContact,
        EnforcementHeading, Enforcement, PublisherFallback,
    }
}

/// The closed sets of the model whose values pages show, with their sections.
macro_rules! closed_set_texts {
    ($($set:ty => $section:literal),* $(,)?) => {$(
        impl Text for $set {
            const SECTION: &'static str = $section;
        }
    )*};
}

closed_set_texts! {
    Response => "response",
    FollowUpState => "state",
    TargetState => "target_state",
    Direction => "direction",
    Provenance => "provenance",
    DocumentKind => "kind",
    ComplianceStatus => "accessibility",
    Qualifier => "qualifier",
}

/// Every section of the table with its keys: what a theme's table must have, and all it may
/// have besides the free `[theme]` section.
fn sections() -> Vec<(&'static str, Vec<&'static str>)> {
    fn keys<T: Text>() -> (&'static str, Vec<&'static str>) {
        (T::SECTION, T::all().into_iter().map(Keyed::key).collect())
    }
    vec![
        keys::<Ui>(),
        keys::<ChartText>(),
        keys::<AccessibilityText>(),
        keys::<HistoryText>(),
        keys::<OpenDataText>(),
        keys::<ReviewText>(),
        keys::<DossierText>(),
        keys::<ListsText>(),
        keys::<PreviewText>(),
        keys::<SearchText>(),
        keys::<PeriodText>(),
        keys::<Response>(),
        keys::<FollowUpState>(),
        keys::<TargetState>(),
        keys::<Direction>(),
        keys::<Provenance>(),
        keys::<DocumentKind>(),
        keys::<Qualifier>(),
    ]
}

/// The keys at the top of the table, outside any section.
const TOP_LEVEL: [&str; 4] = [
    "months",
    "months_short",
    "decimal_separator",
    "thousands_separator",
];

/// A section a theme may fill with texts of its own templates (`t.theme.my_text`).
const THEME_SECTION: &str = "theme";

/// A loaded translation table.
#[derive(Debug, Clone, Serialize)]
pub struct Translations {
    #[serde(flatten)]
    table: toml::Table,
    #[serde(skip)]
    months: Vec<String>,
    #[serde(skip)]
    months_short: Vec<String>,
    #[serde(skip)]
    decimal: String,
    #[serde(skip)]
    thousands: String,
}

impl Translations {
    /// Parses a translation file and checks it against the typed list of keys: every key
    /// missing, and every key opvolg does not know (outside `[theme]`), is an error naming the
    /// file and the key.
    pub fn parse(file: &SourceFile, diags: &mut Diagnostics) -> Option<Translations> {
        Translations::layered(std::slice::from_ref(file), diags)
    }

    /// The texts of `layers` (the built-in table first): each later table replaces the texts
    /// it has, key by key, so a site's table holds only what it changes. Every key opvolg
    /// does not know is an error at its place, and so is a text the layers together lack.
    pub fn layered(layers: &[SourceFile], diags: &mut Diagnostics) -> Option<Translations> {
        let mut local = Diagnostics::default();
        let sections = sections();
        let mut table = toml::Table::new();
        for file in layers {
            let tree = match crate::parse::tree::from_toml(&file.text, 0) {
                Ok(tree) => tree,
                Err(err) => {
                    let at = err.span().map_or(0, |s| s.start);
                    local.error_at(&file.path, &file.text, at, err.message().trim().to_string());
                    continue;
                }
            };
            unknown_keys(file, &tree, &sections, &mut local);
            let Ok(layer) = toml::from_str::<toml::Table>(&file.text) else {
                continue;
            };
            merge(&mut table, layer);
        }
        let top = layers.last().map_or("i18n", |f| f.path.as_str());
        let mut lacks = |what: String| {
            local.error_in_file(top, format!("the translation table lacks {what}"));
        };
        for (section, keys) in &sections {
            for key in keys {
                let found = table
                    .get(*section)
                    .and_then(|s| s.get(*key))
                    .is_some_and(|v| v.is_str());
                if !found {
                    lacks(format!("the text [{section}] {key}"));
                }
            }
        }
        let list = |name: &str| -> Option<Vec<String>> {
            let items = table.get(name)?.as_array()?;
            let texts: Vec<String> = items
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect();
            (texts.len() == 12).then_some(texts)
        };
        let text = |name: &str| table.get(name).and_then(|v| v.as_str()).map(String::from);
        let months = list("months");
        let months_short = list("months_short");
        let decimal = text("decimal_separator");
        let thousands = text("thousands_separator");
        if months.is_none() {
            lacks("`months`, a list of 12 month names".into());
        }
        if months_short.is_none() {
            lacks("`months_short`, a list of 12 short month names".into());
        }
        if decimal.is_none() || thousands.is_none() {
            lacks("`decimal_separator` and `thousands_separator`".into());
        }
        let failed = local.has_errors();
        diags.extend(local);
        if failed {
            return None;
        }
        Some(Translations {
            table,
            months: months?,
            months_short: months_short?,
            decimal: decimal?,
            thousands: thousands?,
        })
    }

    /// The text of a key. Every key is in the table: `parse` checked the typed list.
    pub fn text<K: Text>(&self, key: K) -> &str {
        self.get(K::SECTION, key.key())
    }

    /// The text at `[section] key` (for keys known only at run time, such as `Label`'s).
    fn get<'a>(&'a self, section: &str, key: &'a str) -> &'a str {
        self.table
            .get(section)
            .and_then(|s| s.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or(key)
    }

    /// The text of `key` with its `{name}` placeholders filled in, in one pass: a value that
    /// itself contains `{name}` stays as it is.
    pub fn fill<K: Text>(&self, key: K, values: &[(&str, &str)]) -> String {
        fill_in(self.text(key), values)
    }

    /// "25 mei 2023" / "25 May 2023".
    pub fn date(&self, date: Date) -> String {
        format!(
            "{} {} {}",
            date.day(),
            self.months[date.month() as usize - 1],
            date.year()
        )
    }

    /// A period as precisely as it was written: "25 mei 2023", "juni 2025", "2e kwartaal
    /// 2025", "eerste helft 2025", "2025".
    pub fn period(&self, period: Period) -> String {
        let year = period.start().year().to_string();
        let (key, number) = match period {
            Period::Day(date) => return self.date(date),
            Period::Month { month, .. } => (PeriodText::Month, month),
            Period::Quarter { quarter, .. } => (PeriodText::Quarter, quarter),
            Period::Half { half: 1, .. } => (PeriodText::FirstHalf, 1),
            Period::Half { .. } => (PeriodText::SecondHalf, 2),
            Period::Year(_) => (PeriodText::Year, 0),
        };
        let month = match period {
            Period::Month { month, .. } => self.months[month as usize - 1].as_str(),
            _ => "",
        };
        self.fill(
            key,
            &[
                ("year", &year),
                ("month", month),
                ("quarter", &number.to_string()),
            ],
        )
    }

    /// A deadline or target date as written, or that none was given ("geen termijn").
    pub fn deadline(&self, deadline: Option<Period>) -> String {
        deadline.map_or_else(
            || self.text(PeriodText::NoDeadline).to_string(),
            |p| self.period(p),
        )
    }

    /// "mei 2023", for chart axes.
    pub fn month_year(&self, date: Date) -> String {
        format!(
            "{} {}",
            self.months_short[date.month() as usize - 1],
            date.year()
        )
    }

    /// A figure as it was written: with its decimals and the language's separators
    /// ("1.234,50"). Numbers too large to write out in full are written as powers of ten.
    pub fn figure(&self, figure: &Figure) -> String {
        self.format(figure.value, usize::from(figure.decimals))
    }

    /// A figure with the source's qualifier and the indicator's prefix: "meer dan €36",
    /// "36 (voorlopig)".
    pub fn qualified(
        &self,
        figure: &Figure,
        qualifier: Option<Qualifier>,
        prefix: Option<&str>,
    ) -> String {
        let number = format!("{}{}", prefix.unwrap_or(""), self.figure(figure));
        match qualifier {
            None => number,
            Some(q) if q.comes_first() => format!("{} {number}", self.text(q)),
            Some(q) => format!("{number} ({})", self.text(q)),
        }
    }

    /// A number for a chart's axis: at most two decimals, without trailing zeros ("1.234,5").
    /// A count, with the language's thousands separator: "10.000" / "10,000".
    pub fn count(&self, n: usize) -> String {
        self.format(n as f64, 0)
    }

    pub fn number(&self, value: f64) -> String {
        let text = self.format(value, 2);
        match text.rsplit_once(self.decimal.as_str()) {
            Some((whole, fraction)) if !text.contains('×') => {
                let fraction = fraction.trim_end_matches('0');
                if fraction.is_empty() {
                    whole.to_string()
                } else {
                    format!("{whole}{}{fraction}", self.decimal)
                }
            }
            _ => text,
        }
    }

    fn format(&self, value: f64, decimals: usize) -> String {
        if !value.is_finite() {
            // Validation lets no such value through; never print "inf" or "NaN" regardless.
            return "–".to_string();
        }
        // From 10^15 on, an f64 no longer holds every whole number: writing out all digits
        // would show digits that were never in the data.
        if value.abs() >= 1e15 {
            return self.power_of_ten(value);
        }
        let text = format!("{:.*}", decimals, value.abs());
        let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
        let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3);
        for (i, digit) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i) % 3 == 0 {
                grouped.push_str(&self.thousands);
            }
            grouped.push(digit);
        }
        let zero = text.bytes().all(|b| b == b'0' || b == b'.');
        let sign = if value < 0.0 && !zero { "-" } else { "" };
        if frac_part.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{}{frac_part}", self.decimal)
        }
    }

    /// "1,7 × 10³⁰⁸"
    fn power_of_ten(&self, value: f64) -> String {
        let text = format!("{value:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let superscript: String = exponent
            .chars()
            .map(|c| match c {
                '-' => '⁻',
                d => ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']
                    [d.to_digit(10).unwrap_or(0) as usize],
            })
            .collect();
        format!("{} × 10{superscript}", mantissa.replace('.', &self.decimal))
    }
}

/// Lays `layer` over `table`: a section's texts key by key, anything else whole.
fn merge(table: &mut toml::Table, layer: toml::Table) {
    for (key, value) in layer {
        match (table.get_mut(&key), value) {
            (Some(toml::Value::Table(section)), toml::Value::Table(texts)) => {
                section.extend(texts);
            }
            (_, value) => {
                table.insert(key, value);
            }
        }
    }
}

/// Replaces each `{name}` of `template` by its value, reading the template once.
fn fill_in(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Keys the typed list does not have (outside the free `[theme]` section), at their place.
fn unknown_keys(
    file: &SourceFile,
    tree: &Node,
    sections: &[(&'static str, Vec<&'static str>)],
    diags: &mut Diagnostics,
) {
    let Value::Table(top) = &tree.value else {
        return;
    };
    let section_names = sections.iter().map(|(s, _)| *s);
    for field in top {
        let keys = sections
            .iter()
            .find(|(s, _)| *s == field.key)
            .map(|(_, k)| k);
        match (keys, &field.node.value) {
            (Some(keys), Value::Table(entries)) => {
                for entry in entries {
                    if !keys.contains(&entry.key.as_str()) {
                        diags.error_span(
                            &file.path,
                            &file.text,
                            entry.key_span.clone(),
                            format!("unknown text [{}] {}", field.key, entry.key),
                        );
                        diags.with_hint(match did_you_mean(&entry.key, keys.iter().copied()) {
                            Some(close) => format!("did you mean {close}? Texts of a theme's own templates go in [{THEME_SECTION}]"),
                            None => format!("texts of a theme's own templates go in [{THEME_SECTION}]"),
                        });
                    }
                }
            }
            _ if field.key == THEME_SECTION || TOP_LEVEL.contains(&field.key.as_str()) => {}
            _ => {
                diags.error_span(
                    &file.path,
                    &file.text,
                    field.key_span.clone(),
                    format!("unknown key `{}` in the translation table", field.key),
                );
                let known = section_names
                    .clone()
                    .chain(TOP_LEVEL)
                    .chain([THEME_SECTION]);
                diags.with_hint(match did_you_mean(&field.key, known) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("texts of a theme's own templates go in [{THEME_SECTION}]"),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled(lang: &str) -> Translations {
        let text = std::fs::read_to_string(format!(
            "{}/themes/default/i18n/{lang}.toml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let file = SourceFile {
            path: format!("{lang}.toml"),
            text: text.into(),
        };
        let mut diags = Diagnostics::default();
        let t = Translations::parse(&file, &mut diags);
        assert!(diags.is_empty(), "{:?}", diags.into_report().lines());
        t.unwrap()
    }

    fn keys(table: &toml::Table, prefix: &str, out: &mut Vec<String>) {
        for (k, v) in table {
            match v {
                toml::Value::Table(t) => keys(t, &format!("{prefix}{k}."), out),
                _ => out.push(format!("{prefix}{k}")),
            }
        }
    }

    #[test]
    fn bundled_languages_have_the_same_keys() {
        let (nl, en) = (bundled("nl"), bundled("en"));
        let (mut a, mut b) = (Vec::new(), Vec::new());
        keys(&nl.table, "", &mut a);
        keys(&en.table, "", &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn formats_dates_and_numbers_per_language() {
        let nl = bundled("nl");
        let en = bundled("en");
        let d = Date::parse("2023-05-25").unwrap();
        assert_eq!(nl.date(d), "25 mei 2023");
        assert_eq!(en.date(d), "25 May 2023");
        assert_eq!(nl.number(1234.5), "1.234,5");
        assert_eq!(en.number(1234.5), "1,234.5");
        assert_eq!(nl.number(-1234567.0), "-1.234.567");
        assert_eq!(nl.number(0.004), "0");
        assert_eq!(nl.number(55.0), "55");
        assert_eq!(nl.number(999_999_999_999_999.0), "999.999.999.999.999");
        assert_eq!(nl.number(1e15), "1 × 10¹⁵");
    }

    #[test]
    fn figures_are_shown_as_written_and_never_as_inf() {
        let (nl, en) = (bundled("nl"), bundled("en"));
        let figure = |value: f64, decimals: u8| Figure {
            value,
            decimals,
            written: String::new().into(),
        };
        assert_eq!(nl.figure(&figure(51.5, 2)), "51,50");
        assert_eq!(en.figure(&figure(0.0000001, 7)), "0.0000001");
        assert_eq!(en.figure(&figure(-0.0000001, 2)), "0.00");
        assert_eq!(nl.figure(&figure(1.7e308, 0)), "1,7 × 10³⁰⁸");
        assert_eq!(
            en.figure(&figure(-2.5e-320, 30)),
            format!("0.{}", "0".repeat(30))
        );
        assert_eq!(en.figure(&figure(f64::INFINITY, 0)), "–");
        assert_eq!(en.number(1.7e308), "1.7 × 10³⁰⁸");
        assert_eq!(nl.number(f64::NAN), "–");
    }

    #[test]
    fn missing_keys_are_reported() {
        let file = SourceFile {
            path: "themes/x/i18n/nl.toml".into(),
            text: "[response]\naccepted = \"ok\"\n".into(),
        };
        let mut diags = Diagnostics::default();
        assert!(Translations::parse(&file, &mut diags).is_none());
        let all = diags.into_report().diagnostics;
        assert!(all.iter().any(|d| d.message.contains("[state] open")));
        // Every key the code looks up is checked: those of the typed list.
        for key in [
            "[ui] follow_up",
            "[ui] cited_by",
            "[ui] data_table",
            "[chart] promised",
        ] {
            assert!(all.iter().any(|d| d.message.contains(key)), "{key}");
        }
    }

    #[test]
    fn unknown_keys_are_reported_where_they_are_written() {
        let nl = std::fs::read_to_string(format!(
            "{}/themes/default/i18n/nl.toml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let text = nl.replacen("[ui]\n", "[ui]\ndashbord = \"x\"\n", 1)
            + "\n[theme]\nmine = \"y\"\n[extra]\n";
        let file = SourceFile {
            path: "themes/x/i18n/nl.toml".into(),
            text: text.into(),
        };
        let mut diags = Diagnostics::default();
        assert!(Translations::parse(&file, &mut diags).is_none());
        let lines = diags.into_report().lines();
        assert_eq!(lines.len(), 2, "{lines:#?}");
        assert!(
            lines[0].contains("unknown text [ui] dashbord")
                && lines[0].contains("did you mean dashboard?")
        );
        assert!(lines[1].contains("unknown key `extra`"));
    }

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        assert_eq!(
            fill_in("{a} and {b}, {c}", &[("a", "{b}"), ("b", "2")]),
            "{b} and 2, {c}"
        );
    }
}
