//! Calendar dates and reporting periods.
//!
//! Owns parsing of the date forms the content format allows (`YYYY-MM-DD` everywhere; also
//! `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn` and `YYYY` for indicator points, deadlines and target
//! dates, which sources often give no more precisely) and rejects impossible ones
//! (2023-02-30, 2023-Q5). Pure: no clock, no IO. Validation of calendar arithmetic is
//! delegated to chrono rather than hand-written.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

impl Date {
    /// A day after every date of any content: "whenever".
    pub const MAX: Date = Date(NaiveDate::MAX);

    /// Builds a date from parts, or `None` when the day does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                let (year, month, day) = (number(y)?, number(m)?, number(d)?);
                Date::from_ymd(year as i32, month, day).ok_or(DateError::Impossible)
            }
            _ => Err(DateError::Malformed),
        }
    }

    /// The chrono value, for chart coordinates.
    pub fn naive(self) -> NaiveDate {
        self.0
    }

    /// The date `days` later (or earlier when negative), clamped to chrono's range.
    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// The same day `months` months earlier (the last day of that month when it is shorter:
    /// 31 August minus six months is 28 or 29 February).
    pub fn months_before(self, months: u32) -> Date {
        self.0
            .checked_sub_months(chrono::Months::new(months))
            .map_or(Date(NaiveDate::MIN), Date)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> u32 {
        self.0.month()
    }

    pub fn day(self) -> u32 {
        self.0.day()
    }

    /// Days since 1970-01-01; the x coordinate of charts.
    pub fn days_since_epoch(self) -> i64 {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid epoch");
        (self.0 - epoch).num_days()
    }

    /// Inverse of [`Date::days_since_epoch`], clamped to chrono's range.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid epoch");
        let clamped = days.clamp(-3_000_000, 3_000_000);
        Date(epoch + chrono::Duration::days(clamped))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // chrono's own Display writes the same as `format("%Y-%m-%d")` without parsing a
        // pattern on every call; dates are written hundreds of thousands of times in open data.
        fmt::Display::fmt(&self.0, f)
    }
}

/// A stretch of the calendar as a source gives it: a day, month, quarter, half year or year.
/// The reporting period of an indicator's figure, and the precision of a deadline or target
/// date ("June 2025" is `2025-06`: missed from 1 July 2025).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Day(Date),
    Month { year: i32, month: u32 },
    Quarter { year: i32, quarter: u32 },
    Half { year: i32, half: u32 },
    Year(i32),
}

impl Period {
    /// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn` or `YYYY`.
    pub fn parse(text: &str) -> Result<Period, DateError> {
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [y] if y.len() == 4 => Ok(Period::Year(number(y)? as i32)),
            [y, h] if y.len() == 4 && h.len() == 2 && h.starts_with('H') => {
                let half = number(&h[1..])?;
                if !(1..=2).contains(&half) {
                    return Err(DateError::Impossible);
                }
                Ok(Period::Half {
                    year: number(y)? as i32,
                    half,
                })
            }
            [y, q] if y.len() == 4 && q.len() == 2 && q.starts_with('Q') => {
                let quarter = number(&q[1..])?;
                if !(1..=4).contains(&quarter) {
                    return Err(DateError::Impossible);
                }
                Ok(Period::Quarter {
                    year: number(y)? as i32,
                    quarter,
                })
            }
            [y, m] if y.len() == 4 && m.len() == 2 => {
                let month = number(m)?;
                if !(1..=12).contains(&month) {
                    return Err(DateError::Impossible);
                }
                Ok(Period::Month {
                    year: number(y)? as i32,
                    month,
                })
            }
            [_, _, _] => Date::parse(text).map(Period::Day),
            _ => Err(DateError::Malformed),
        }
    }

    /// The first day of the period.
    pub fn start(self) -> Date {
        let (year, month, day) = match self {
            Period::Day(date) => return date,
            Period::Month { year, month } => (year, month, 1),
            Period::Quarter { year, quarter } => (year, (quarter - 1) * 3 + 1, 1),
            Period::Half { year, half } => (year, (half - 1) * 6 + 1, 1),
            Period::Year(year) => (year, 1, 1),
        };
        Date::from_ymd(year, month, day).expect("parsed periods start on a real day")
    }

    /// The last day of the period: the day on which its value is known in full.
    pub fn end(self) -> Date {
        match self {
            Period::Day(date) => date,
            Period::Month { year, month } => last_day_before(year, month + 1),
            Period::Quarter { year, quarter } => last_day_before(year, quarter * 3 + 1),
            Period::Half { year, half } => last_day_before(year, half * 6 + 1),
            Period::Year(year) => last_day_before(year, 13),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Day(date) => write!(f, "{date}"),
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Period::Half { year, half } => write!(f, "{year:04}-H{half}"),
            Period::Year(year) => write!(f, "{year:04}"),
        }
    }
}

/// The JSON Schema `format` of a day (what the shape checks of the content format read).
pub const DATE_FORMAT: &str = "date";
/// The JSON Schema `format` of a reporting period.
pub const PERIOD_FORMAT: &str = "period";

/// Written as `YYYY-MM-DD` (the content format and the open data).
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = <std::borrow::Cow<str>>::deserialize(deserializer)?;
        Date::parse(&text).map_err(|_| {
            serde::de::Error::custom(format!("\"{text}\" is not a day: expected YYYY-MM-DD"))
        })
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": DATE_FORMAT,
            "description": "A day: YYYY-MM-DD."
        })
    }
}

/// Written as in the content format: `2024`, `2024-H1`, `2024-Q2`, `2024-05` or `2024-05-31`.
impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Period, D::Error> {
        let text = <std::borrow::Cow<str>>::deserialize(deserializer)?;
        Period::parse(&text).map_err(|_| {
            serde::de::Error::custom(format!(
                "\"{text}\" is not a day, month, quarter, half year or year"
            ))
        })
    }
}

impl schemars::JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": PERIOD_FORMAT,
            "pattern": "^[0-9]{4}(-Q[1-4]|-H[12]|-[0-9]{2}(-[0-9]{2})?)?$",
            "description": "A period: a year (2024), a half year (2024-H1), a quarter (2024-Q2), a month (2024-05) or a day (2024-05-31)."
        })
    }
}

/// Why a date string was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not in one of the accepted forms.
    Malformed,
    /// In an accepted form, but the day, month or quarter does not exist.
    Impossible,
}

fn number(digits: &str) -> Result<u32, DateError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Malformed);
    }
    digits.parse().map_err(|_| DateError::Malformed)
}

/// The day before the first of `month` (which may be 13, meaning January next year).
fn last_day_before(year: i32, month: u32) -> Date {
    let first = if month > 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month, 1)
    };
    Date(
        first
            .expect("first of a month exists")
            .pred_opt()
            .expect("not the first day ever"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_before_keeps_the_day_or_takes_the_last_of_a_shorter_month() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(d("2024-06-30").months_before(6), d("2023-12-30"));
        assert_eq!(d("2024-08-31").months_before(6), d("2024-02-29"));
        assert_eq!(d("2024-01-15").months_before(12), d("2023-01-15"));
    }

    #[test]
    fn writes_every_date_as_chrono_does() {
        for days in [
            -3_000_000, -719_529, -719_528, -1, 0, 19_000, 2_932_896, 2_932_897, 3_000_000,
        ] {
            let date = Date::from_days_since_epoch(days);
            assert_eq!(
                date.to_string(),
                date.naive().format("%Y-%m-%d").to_string()
            );
        }
        assert_eq!(Date::from_ymd(7, 3, 9).unwrap().to_string(), "0007-03-09");
    }

    #[test]
    fn parses_days_and_rejects_impossible_ones() {
        assert_eq!(Date::parse("2023-05-25").unwrap().to_string(), "2023-05-25");
        assert_eq!(Date::parse("2024-02-29").unwrap().day(), 29);
        assert_eq!(Date::parse("2023-02-29"), Err(DateError::Impossible));
        assert_eq!(Date::parse("2023-02-30"), Err(DateError::Impossible));
        assert_eq!(Date::parse("2023-13-01"), Err(DateError::Impossible));
        assert_eq!(Date::parse("2023-5-25"), Err(DateError::Malformed));
        assert_eq!(Date::parse("25-05-2023"), Err(DateError::Malformed));
        assert_eq!(Date::parse("2023-05-2x"), Err(DateError::Malformed));
        assert_eq!(Date::parse("+202-05-25"), Err(DateError::Malformed));
        assert_eq!(Date::parse(""), Err(DateError::Malformed));
    }

    #[test]
    fn parses_periods() {
        assert_eq!(
            Period::parse("2023-Q2").unwrap(),
            Period::Quarter {
                year: 2023,
                quarter: 2
            }
        );
        assert_eq!(Period::parse("2023-Q5"), Err(DateError::Impossible));
        assert_eq!(Period::parse("2023-Q0"), Err(DateError::Impossible));
        assert_eq!(Period::parse("2023-00"), Err(DateError::Impossible));
        assert_eq!(Period::parse("2023-1"), Err(DateError::Malformed));
        assert_eq!(Period::parse("23"), Err(DateError::Malformed));
        assert_eq!(Period::parse("2023").unwrap(), Period::Year(2023));
        assert_eq!(Period::parse("2023-02-30"), Err(DateError::Impossible));
        let h2 = Period::Half {
            year: 2025,
            half: 2,
        };
        assert_eq!(Period::parse("2025-H2").unwrap(), h2);
        assert_eq!(Period::parse("2025-H3"), Err(DateError::Impossible));
        assert_eq!(Period::parse("2025-H"), Err(DateError::Malformed));
    }

    #[test]
    fn periods_have_start_and_end_days() {
        let q = Period::parse("2023-Q4").unwrap();
        assert_eq!(q.start().to_string(), "2023-10-01");
        assert_eq!(q.end().to_string(), "2023-12-31");
        let feb = Period::parse("2024-02").unwrap();
        assert_eq!(feb.end().to_string(), "2024-02-29");
        assert_eq!(
            Period::parse("2023").unwrap().end().to_string(),
            "2023-12-31"
        );
        assert_eq!(q.to_string(), "2023-Q4");
        let h = Period::parse("2025-H1").unwrap();
        assert_eq!(h.start().to_string(), "2025-01-01");
        assert_eq!(h.end().to_string(), "2025-06-30");
        assert_eq!(h.to_string(), "2025-H1");
    }

    #[test]
    fn epoch_days_round_trip() {
        let d = Date::parse("2023-05-25").unwrap();
        assert_eq!(Date::from_days_since_epoch(d.days_since_epoch()), d);
        assert_eq!(Date::parse("1970-01-02").unwrap().days_since_epoch(), 1);
    }
}
