//! The proleptic Gregorian calendar: days from and to civil dates, and the range AWS timestamps
//! keep (years 1 to 9999).

use super::*;
/// A proleptic Gregorian date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Date {
    pub(super) year: i64,
    pub(super) month: u32,
    pub(super) day: u32,
}

pub(super) const fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub(super) const fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap_year(year) => 29,
        _ => 28,
    }
}

/// Days from 1970-01-01 to `date` (Hinnant's `days_from_civil`). Needs a valid month and
/// `|year|` small enough not to overflow (the parsers give 0..=9999).
pub(super) fn days_from_civil(date: Date) -> i64 {
    let year = if date.month <= 2 {
        date.year - 1
    } else {
        date.year
    };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400; // [0, 399]
    let month = i64::from(date.month);
    let shifted_month = if month > 2 { month - 3 } else { month + 9 }; // March is 0
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(date.day) - 1; // [0, 365]
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` days after 1970-01-01 (Hinnant's `civil_from_days`). Any `days` derived
/// from an `i64` of seconds is fine: `|days| < 1.1e14`.
pub(super) fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468; // days since 0000-03-01
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097; // [0, 146096]
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153; // March is 0
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Date { year, month, day }
}

/// The date of an epoch second and the second of that day.
pub(super) fn split_days(secs: i64) -> (Date, u32) {
    (
        civil_from_days(secs.div_euclid(SECS_PER_DAY)),
        secs.rem_euclid(SECS_PER_DAY) as u32,
    )
}

/// `(secs, nanos)` from nanoseconds since the epoch, if within the years 0001–9999.
pub(super) fn from_total_nanos(total: i128) -> Option<Timestamp> {
    let secs = i64::try_from(total.div_euclid(i128::from(NANOS_PER_SEC))).ok()?;
    let nanos = total.rem_euclid(i128::from(NANOS_PER_SEC)) as u32;
    in_range(Timestamp { secs, nanos })
}

pub(super) fn in_range(t: Timestamp) -> Option<Timestamp> {
    (MIN_SECS..=MAX_SECS).contains(&t.secs).then_some(t)
}
