//! Interface text: the theme's translation table for the site's language, and the
//! language-dependent formatting of dates and numbers.
//!
//! Owns no strings itself: every word a reader sees comes from `themes/<theme>/i18n/<lang>.toml`.
//! Keys that Rust code needs are checked when the theme is loaded, so lookups cannot fail later.

use crate::date::Date;
use crate::diag::Diagnostics;
use crate::model::Figure;
use crate::load::SourceFile;
use serde::Serialize;

/// Keys the renderer itself looks up (templates' keys are checked by tera's strict mode).
const REQUIRED: &[(&str, &[&str])] = &[
    (
        "response",
        &["accepted", "partially_accepted", "rejected", "noted"],
    ),
    (
        "state",
        &[
            "open",
            "in_progress",
            "partially_implemented",
            "implemented",
            "not_implemented",
            "superseded",
        ],
    ),
    ("target_state", &["met", "not_met_yet", "missed", "no_data"]),
    ("direction", &["at_most", "at_least"]),
    ("provenance", &["official", "provisional", "illustrative"]),
    ("kind", &["report", "response", "progress", "other"]),
    (
        "chart",
        &[
            "state_title",
            "state_desc",
            "line_desc",
            "bar_desc",
            "latest_desc",
            "target_desc",
            "illustrative",
            "illustrative_desc",
            "target_line",
            "deadline",
            "as_of_line",
            "timeline_title",
            "timeline_desc",
            "timeline_status_lane",
            "timeline_summary",
            "promised",
        ],
    ),
    (
        "accessibility",
        &[
            "intro",
            "scope",
            "compliant",
            "partially_compliant",
            "not_compliant",
            "not_assessed",
            "publisher_fallback",
        ],
    ),
    (
        "ui",
        &[
            "commitment_open",
            "commitment_done",
            "commitment_done_late",
            "commitment_overdue",
            "no_value",
            "period",
            "value",
            "no_target",
        ],
    ),
];

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
    /// Parses a translation file and checks it has every key the renderer needs.
    pub fn parse(file: &SourceFile, diags: &mut Diagnostics) -> Option<Translations> {
        let table: toml::Table = match toml::from_str(&file.text) {
            Ok(table) => table,
            Err(err) => {
                let at = err.span().map_or(0, |s| s.start);
                diags.error_at(&file.path, &file.text, at, err.message().trim().to_string());
                return None;
            }
        };
        let mut local = Diagnostics::default();
        let mut missing = |what: String| {
            local.error_in_file(&file.path, format!("the translation table lacks {what}"));
        };
        for (section, keys) in REQUIRED {
            for key in *keys {
                let found = table
                    .get(*section)
                    .and_then(|s| s.get(*key))
                    .is_some_and(|v| v.is_str());
                if !found {
                    missing(format!("the text [{section}] {key}"));
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
            missing("`months`, a list of 12 month names".into());
        }
        if months_short.is_none() {
            missing("`months_short`, a list of 12 short month names".into());
        }
        if decimal.is_none() || thousands.is_none() {
            missing("`decimal_separator` and `thousands_separator`".into());
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

    /// The text at `[section] key`; the key itself if absent (cannot happen for checked keys).
    pub fn get<'a>(&'a self, section: &str, key: &'a str) -> &'a str {
        self.table
            .get(section)
            .and_then(|s| s.get(key))
            .and_then(|v| v.as_str())
            .unwrap_or(key)
    }

    /// `[section] key` with `{name}` placeholders replaced.
    pub fn fill(&self, section: &str, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(section, key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
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
    pub fn figure(&self, figure: Figure) -> String {
        self.format(figure.value, usize::from(figure.decimals))
    }

    /// A number for a chart's axis: at most two decimals, without trailing zeros ("1.234,5").
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
        format!(
            "{} × 10{superscript}",
            mantissa.replace('.', &self.decimal)
        )
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
            text,
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
        let figure = |value: f64, decimals: u8| Figure { value, decimals };
        assert_eq!(nl.figure(figure(51.5, 2)), "51,50");
        assert_eq!(en.figure(figure(0.0000001, 7)), "0.0000001");
        assert_eq!(en.figure(figure(-0.0000001, 2)), "0.00");
        assert_eq!(nl.figure(figure(1.7e308, 0)), "1,7 × 10³⁰⁸");
        assert_eq!(en.figure(figure(-2.5e-320, 30)), format!("0.{}", "0".repeat(30)));
        assert_eq!(en.figure(figure(f64::INFINITY, 0)), "–");
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
    }
}
