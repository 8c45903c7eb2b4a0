//! Timestamps: the instant type of awso and the three Smithy wire formats.
//!
//! A [`Timestamp`] is seconds since the Unix epoch (negative before 1970) plus nanoseconds.
//! [`TimestampFormat`] names the formats of the Smithy `timestampFormat` trait; each can be
//! written ([`Timestamp::write`], [`Timestamp::write_bytes`], [`Timestamp::fmt`]) and parsed
//! ([`Timestamp::parse`]). The calendar is the proleptic Gregorian one, in UTC, computed with
//! Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms; no leap seconds are counted.
//!
//! # What is written
//!
//! | format | written as | sub-second part |
//! | --- | --- | --- |
//! | `date-time` | `2014-04-29T18:30:38Z`, `2000-01-02T20:34:56.123Z` | milliseconds, trailing zeros trimmed |
//! | `http-date` | `Tue, 29 Apr 2014 18:30:38 GMT` (RFC 9110 IMF-fixdate) | none |
//! | `epoch-seconds` | `1398796238`, `1398796238.123`, `-1.5` | milliseconds, trailing zeros trimmed |
//!
//! The Smithy specification gives `date-time` and `epoch-seconds` "optional millisecond
//! precision" and says finer values "SHOULD be truncated to fit millisecond precision", and
//! defines `http-date` as plain IMF-fixdate. Truncation is toward the past (the instant is
//! floored to the millisecond), so one instant reads the same in every format:
//! -0.0005 s is `1969-12-31T23:59:59.999Z` and `-0.001`.
//!
//! Years outside 0000–9999 cannot be written in these formats. A timestamp that far out (only
//! [`Timestamp::from_secs`] and friends can make one) is written with an ISO 8601 expanded year
//! (`+10000-01-01T00:00:00Z`, `-0001-...`) rather than a wrong date; the parsers reject it.
//!
//! # What is read
//!
//! Every parser yields instants from `0001-01-01T00:00:00Z` to `9999-12-31T23:59:59.999Z`
//! and rejects anything outside with an "out of range" error. Input is read as bytes: non-ASCII
//! input is an error, never a panic. Surrounding whitespace is not skipped (HTTP header values
//! arrive with optional whitespace already trimmed).
//!
//! - `date-time`: RFC 3339 `YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)`, with `t` and `z` accepted as
//!   RFC 3339 allows, a fraction of any length (digits past milliseconds are dropped), and offsets
//!   applied (`-00:00` is UTC). Fields are range-checked (month 01–12, day within the month,
//!   hour 00–23, minute 00–59, offset up to ±23:59). Second `60` is accepted only where RFC 3339
//!   allows a leap second, at 23:59:60 UTC on the last day of a month, and reads as
//!   23:59:59.999 so that it orders after every earlier instant of that second.
//! - `http-date`: IMF-fixdate, also with a fraction of any length before ` GMT` (Smithy
//!   deserializers must accept `Sun, 02 Jan 2000 20:34:56.000 GMT`; the fraction is dropped,
//!   as the format has whole seconds only), and the two obsolete
//!   forms RFC 9110 requires recipients to accept: RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`, a
//!   two-digit year 69–99 meaning 19xx and 00–68 meaning 20xx, as POSIX `%y` and Python do) and
//!   asctime (`Sun Nov  6 08:49:37 1994`). Names are case-sensitive, as RFC 9110 specifies.
//!   The day name must be a real day name but need not match the date: AWS SDKs ignore it, and
//!   a server's wrong weekday should not make a whole response unreadable.
//! - `epoch-seconds`: `-?digits[.digits]`; no `+`, exponent, `NaN` or `Infinity`. The value is
//!   floored to the millisecond (`1.0009` is 1.000 s, `-0.0001` is -0.001 s).
//!
//! # Precision: what is read is what is written
//!
//! Readers keep no more precision than the writers write: milliseconds for `date-time` and
//! `epoch-seconds` (in every body format: JSON numbers, CBOR tag 1 floats, XML and query text),
//! whole seconds for `http-date`, each floored as the writers floor. So a value read from a
//! body is written back unchanged and reads back equal (`from_slice(&to_vec(&x)) == x`);
//! `1700000000.184467` reads as `1700000000.184`. Where a reader accepts another format than
//! the member's (XML reads any of the three; JSON takes a number for any member), the instant
//! is floored to what the member's format can write ([`Timestamp::floor_to`]).
//!
//! Why milliseconds rather than writing every digit read: Smithy's design for timestamps
//! (smithy-lang/smithy `designs/defining-timestamps.md`) gives a timestamp a resolution of one
//! millisecond, says `date-time` and `epoch-seconds` values "more granular than millisecond
//! precision SHOULD be truncated to fit millisecond precision" and that `http-date` has
//! second precision; AWS services send milliseconds. The SDKs that read epoch seconds into a
//! finer type than milliseconds read them at millisecond precision too: the Go SDK v2
//! (smithy-go `ParseEpochSeconds`, `time.Unix(0, ms*1e6)`) and the Java SDK v2
//! (`DateUtils.parseUnixTimestampInstant`, `Instant.ofEpochMilli`), and both write
//! milliseconds, as botocore does in its millisecond mode (`_timestamp_unixtimestamp`,
//! `_timestamp_iso8601`); botocore's datetime keeps microseconds and smithy-rs nanoseconds on
//! read, but neither writes back all of it through every format (smithy-rs reads JSON epoch
//! seconds through an `f64`, so 19 significant digits cannot survive). Writing nanoseconds
//! would also make request bodies differ from every other SDK's for the same value, while
//! millisecond reading changes nothing AWS sends.

mod calendar;
mod format;
mod parse;
#[cfg(test)]
mod tests;

use calendar::*;
use format::*;
use parse::*;

use crate::error::{Error, Result};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const NANOS_PER_SEC: u32 = 1_000_000_000;
const NANOS_PER_MILLI: u32 = 1_000_000;
const SECS_PER_DAY: i64 = 86_400;
/// `0001-01-01T00:00:00Z`, the earliest instant a parser returns.
const MIN_SECS: i64 = -62_135_596_800;
/// `9999-12-31T23:59:59Z`, the last whole second a parser returns.
const MAX_SECS: i64 = 253_402_300_799;

/// An instant, as AWS timestamps are: seconds since the Unix epoch (may be negative) plus
/// nanoseconds.
///
/// The nanoseconds always count forward from `secs`, so -1.5 s is `secs == -2`,
/// `nanos == 500_000_000`, and the derived ordering is chronological.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct Timestamp {
    secs: i64,
    /// Invariant: `nanos < 1_000_000_000`.
    nanos: u32,
}

/// The three timestamp formats of the Smithy `timestampFormat` trait.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum TimestampFormat {
    /// RFC 3339 date-time in UTC: `2014-04-29T18:30:38Z`.
    DateTime,
    /// RFC 9110 IMF-fixdate: `Tue, 29 Apr 2014 18:30:38 GMT`.
    HttpDate,
    /// Seconds since the Unix epoch as a decimal number: `1398796238`, `1398796238.123`.
    EpochSeconds,
}

impl TimestampFormat {
    /// The name the `timestampFormat` trait uses: `"date-time"`, `"http-date"` or
    /// `"epoch-seconds"`.
    pub const fn name(self) -> &'static str {
        match self {
            TimestampFormat::DateTime => "date-time",
            TimestampFormat::HttpDate => "http-date",
            TimestampFormat::EpochSeconds => "epoch-seconds",
        }
    }

    /// The format of a `timestampFormat` trait value, or `None` for an unknown name.
    pub fn from_name(s: &str) -> Option<Self> {
        match s {
            "date-time" => Some(TimestampFormat::DateTime),
            "http-date" => Some(TimestampFormat::HttpDate),
            "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
            _ => None,
        }
    }
}

impl fmt::Display for TimestampFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Timestamp {
    /// `1970-01-01T00:00:00Z`.
    pub const UNIX_EPOCH: Timestamp = Timestamp { secs: 0, nanos: 0 };

    /// The instant `secs` whole seconds after (or before, if negative) the Unix epoch.
    pub const fn from_secs(secs: i64) -> Self {
        Timestamp { secs, nanos: 0 }
    }

    /// The instant `secs` whole seconds after the Unix epoch, checked against the range every
    /// parser accepts (years 0001 to 9999): what readers of integer epoch seconds use.
    pub fn from_secs_checked(secs: i64) -> Result<Self> {
        if (MIN_SECS..=MAX_SECS).contains(&secs) {
            Ok(Timestamp { secs, nanos: 0 })
        } else {
            Err(Error::invalid(
                "timestamp out of range: expected a year from 0001 to 9999",
            ))
        }
    }

    /// The instant `secs` seconds plus `nanos` nanoseconds after the Unix epoch.
    ///
    /// `nanos` of a second or more carry into the seconds; past `i64::MAX` seconds the result
    /// saturates at the last representable instant.
    pub fn from_secs_nanos(secs: i64, nanos: u32) -> Self {
        let carry = i64::from(nanos / NANOS_PER_SEC);
        match secs.checked_add(carry) {
            Some(secs) => Timestamp {
                secs,
                nanos: nanos % NANOS_PER_SEC,
            },
            None => Timestamp {
                secs: i64::MAX,
                nanos: NANOS_PER_SEC - 1,
            },
        }
    }

    /// The instant `ms` milliseconds after (or before, if negative) the Unix epoch.
    pub fn from_millis(ms: i64) -> Self {
        // rem_euclid(1000) is 0..=999, so the cast and product cannot overflow.
        Timestamp {
            secs: ms.div_euclid(1000),
            nanos: ms.rem_euclid(1000) as u32 * NANOS_PER_MILLI,
        }
    }

    /// Fractional epoch seconds, as a JSON body carries them (`1398796238.123`).
    ///
    /// The number is read as the shortest decimal that converts back to the same `f64` (the
    /// digits a JSON writer would have printed), floored to the millisecond (see the
    /// [module documentation](self) on precision), so `1398796238.123` is exactly 123 ms past
    /// the second although the nearest `f64` is 1398796238.12299990654. (smithy-rs's
    /// `DateTime::from_secs_f64` truncates the binary value and would give 122_999_906 ns;
    /// smithy-go's `ParseEpochSeconds` also reads milliseconds.)
    ///
    /// # Errors
    ///
    /// NaN, infinities, and values outside `0001-01-01T00:00:00Z` to
    /// `9999-12-31T23:59:59.999Z`.
    pub fn from_epoch_f64(secs: f64) -> Result<Self> {
        if !secs.is_finite() {
            return Err(Error::invalid(
                "invalid epoch-seconds timestamp: expected a finite number",
            ));
        }
        if !(MIN_SECS as f64..(MAX_SECS + 1) as f64).contains(&secs) {
            return Err(out_of_range());
        }
        // Within a millisecond of the epoch the floor is 0 or -1 ms; the cut also bounds the
        // number of leading zeros `Display` prints.
        if secs.abs() < 1e-4 {
            return Ok(if secs < 0.0 {
                Timestamp::from_millis(-1)
            } else {
                Timestamp::UNIX_EPOCH
            });
        }
        let mut buf = Buf::new();
        // `Display` for f64 prints the shortest round-trip digits, never an exponent; in this
        // range that is at most 1 + 12 + 1 + 27 bytes, well inside the buffer.
        fmt::write(&mut buf, format_args!("{secs}")).map_err(|_| out_of_range())?;
        let nanos = parse_decimal(buf.as_bytes()).map_err(epoch_error)?;
        from_total_nanos(nanos).ok_or_else(out_of_range)
    }

    /// The instant of a JSON number of at most 15 significant digits (`1732528861.345`,
    /// `1.732528861345E9`), or `None` for any other text (then read it as an `f64` with
    /// [`from_epoch_f64`](Self::from_epoch_f64)).
    ///
    /// Any decimal of 15 significant digits or fewer is recovered exactly from its nearest
    /// `f64` by shortest round-trip printing, so this gives what `from_epoch_f64` gives for the
    /// parsed number, without the binary round trip.
    pub fn from_short_epoch_decimal(text: &[u8]) -> Option<Self> {
        let (negative, rest) = match text.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, text),
        };
        let mut mantissa: u64 = 0;
        // Significant digits: from the first non-zero digit to the last.
        let (mut digits, mut zeros) = (0u32, 0u32);
        let mut frac_len: i32 = 0;
        let mut point = false;
        let mut any = false;
        let mut i = 0;
        while let Some(&b) = rest.get(i) {
            match b {
                b'0'..=b'9' => {
                    any = true;
                    mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                    if b == b'0' {
                        zeros += u32::from(digits > 0);
                    } else {
                        digits += zeros + 1;
                        zeros = 0;
                    }
                    frac_len += i32::from(point);
                }
                b'.' if !point => point = true,
                b'e' | b'E' => break,
                _ => return None,
            }
            i += 1;
        }
        if !any || digits > 15 {
            return None;
        }
        let mut exponent: i32 = 0;
        if i < rest.len() {
            let e = &rest[i + 1..];
            let (sign, e) = match e.split_first() {
                Some((b'-', e)) => (-1, e),
                Some((b'+', e)) => (1, e),
                _ => (1, e),
            };
            if e.is_empty() || e.len() > 4 || !e.iter().all(u8::is_ascii_digit) {
                return None;
            }
            exponent = sign * e.iter().fold(0i32, |n, d| n * 10 + i32::from(d - b'0'));
        }
        // milliseconds = mantissa * 10^scale, floored as every epoch-seconds reader floors.
        let scale = exponent - frac_len + 3;
        let m = i128::from(mantissa);
        let (millis, dropped) = if scale >= 0 {
            (
                m.checked_mul(10i128.checked_pow(u32::try_from(scale).ok()?)?)?,
                false,
            )
        } else if scale < -38 {
            // Tiny: the f64 may underflow to zero (`-15E-1101` is -0.0), so let it decide.
            return None;
        } else {
            let unit = 10i128.pow(scale.unsigned_abs());
            (m / unit, m % unit != 0)
        };
        let millis = if negative {
            -millis - i128::from(dropped)
        } else {
            millis
        };
        from_total_nanos(millis.checked_mul(i128::from(NANOS_PER_MILLI))?)
    }

    /// Whole seconds since the Unix epoch, rounded toward the past (-1.5 s gives -2).
    pub fn secs(self) -> i64 {
        self.secs
    }

    /// Nanoseconds past [`secs`](Self::secs), always below one second.
    pub fn subsec_nanos(self) -> u32 {
        self.nanos
    }

    /// This instant as `format` writes it: floored to the second for `http-date`, to the
    /// millisecond for `date-time` and `epoch-seconds`. What the readers give a member of
    /// `format` (see the [module documentation](self) on precision).
    #[inline]
    pub fn floor_to(self, format: TimestampFormat) -> Self {
        let nanos = match format {
            TimestampFormat::HttpDate => 0,
            _ => self.nanos - self.nanos % NANOS_PER_MILLI,
        };
        Timestamp {
            secs: self.secs,
            nanos,
        }
    }

    /// Seconds since the Unix epoch as the `f64` nearest to the exact instant.
    ///
    /// Exact decimal-to-binary rounding, so printing the result with the shortest round-trip
    /// digits (as `ryu` or `Display` do) gives back `1398796238.123` for 123 ms past that
    /// second.
    pub fn as_epoch_f64(self) -> f64 {
        if self.nanos == 0 {
            return self.secs as f64;
        }
        // "-?secs.nnnnnnnnn", parsed by the correctly rounding `f64::from_str`.
        let mut buf = Buf::new();
        let (negative, whole, frac) = if self.secs < 0 {
            // secs + nanos/1e9 = -((|secs| - 1) + (1e9 - nanos)/1e9); no overflow as secs < 0.
            (
                true,
                (self.secs + 1).unsigned_abs(),
                NANOS_PER_SEC - self.nanos,
            )
        } else {
            (false, self.secs.unsigned_abs(), self.nanos)
        };
        if negative {
            buf.push(b'-');
        }
        buf.push_u64(whole);
        buf.push(b'.');
        buf.push_padded(frac, 9);
        buf.as_str()
            .parse::<f64>()
            .unwrap_or(self.secs as f64 + f64::from(self.nanos) / 1e9)
    }

    /// The current time, from [`SystemTime::now`].
    pub fn now() -> Self {
        SystemTime::now().into()
    }

    /// Parses `s` in `format`.
    ///
    /// # Errors
    ///
    /// Text that is not a timestamp in `format`, or one outside the years 0001–9999.
    pub fn parse(s: &str, format: TimestampFormat) -> Result<Self> {
        match format {
            TimestampFormat::DateTime => Self::parse_date_time(s),
            TimestampFormat::HttpDate => Self::parse_http_date(s),
            TimestampFormat::EpochSeconds => Self::parse_epoch_seconds(s),
        }
    }

    /// Parses `s` in `format`, else in either of the other two formats (services send header
    /// and XML timestamps in another format now and then); a value read in another format
    /// keeps only the precision `format` writes (http-date: whole seconds).
    ///
    /// # Errors
    ///
    /// Text that is a timestamp in none of the formats: the error of `format`.
    pub fn parse_lenient(s: &str, format: TimestampFormat) -> Result<Self> {
        Self::parse(s, format).or_else(|e| {
            [
                TimestampFormat::DateTime,
                TimestampFormat::EpochSeconds,
                TimestampFormat::HttpDate,
            ]
            .into_iter()
            .filter(|f| *f != format)
            .find_map(|f| Self::parse(s, f).ok())
            .map(|t| t.floor_to(format))
            .ok_or(e)
        })
    }

    /// Parses an RFC 3339 date-time: `2014-04-29T18:30:38Z`, `2000-01-02T20:34:56.123Z`,
    /// `2019-12-17T00:48:18+01:00`. See the [module documentation](self) for the exact rules.
    ///
    /// # Errors
    ///
    /// Anything else, out-of-range fields (month 13, 30 February, hour 24, ...), and instants
    /// outside the years 0001–9999.
    pub fn parse_date_time(s: &str) -> Result<Self> {
        date_time(s.as_bytes()).map_err(date_time_error)
    }

    /// Parses an HTTP date: IMF-fixdate (`Tue, 29 Apr 2014 18:30:38 GMT`, also with fractional
    /// seconds), RFC 850 or asctime. See the [module documentation](self) for the exact rules.
    ///
    /// # Errors
    ///
    /// Anything else, out-of-range fields, and instants outside the years 0001–9999.
    pub fn parse_http_date(s: &str) -> Result<Self> {
        http_date(s.as_bytes()).map_err(http_date_error)
    }

    /// Parses decimal epoch seconds: `1398796238`, `-5`, `1398796238.123`.
    ///
    /// # Errors
    ///
    /// Anything but `-?digits[.digits]` (so no `+`, exponent, `NaN`, `Infinity`), and values
    /// outside the years 0001–9999.
    pub fn parse_epoch_seconds(s: &str) -> Result<Self> {
        let nanos = parse_decimal(s.as_bytes()).map_err(epoch_error)?;
        from_total_nanos(nanos).ok_or_else(|| epoch_error(Bad::Range))
    }

    /// This instant in `format`, as a new string.
    pub fn fmt(self, format: TimestampFormat) -> String {
        String::from(self.encode(format).as_str())
    }

    /// Appends this instant in `format` to `out`, allocating only if `out` must grow.
    pub fn write(self, format: TimestampFormat, out: &mut String) {
        out.push_str(self.encode(format).as_str());
    }

    /// Appends this instant in `format` to a byte buffer (for the JSON and XML writers),
    /// allocating only if `out` must grow.
    pub fn write_bytes(self, format: TimestampFormat, out: &mut Vec<u8>) {
        out.extend_from_slice(self.encode(format).as_bytes());
    }

    /// The text of this instant in `format`, on the stack.
    fn encode(self, format: TimestampFormat) -> Buf {
        let mut buf = Buf::new();
        match format {
            TimestampFormat::DateTime => self.encode_date_time(&mut buf),
            TimestampFormat::HttpDate => self.encode_http_date(&mut buf),
            TimestampFormat::EpochSeconds => self.encode_epoch_seconds(&mut buf),
        }
        buf
    }

    fn encode_date_time(self, buf: &mut Buf) {
        let (date, second_of_day) = split_days(self.secs);
        push_year(buf, date.year);
        buf.push(b'-');
        buf.push_2(date.month);
        buf.push(b'-');
        buf.push_2(date.day);
        buf.push(b'T');
        push_time_of_day(buf, second_of_day);
        let millis = self.nanos / NANOS_PER_MILLI;
        if millis != 0 {
            buf.push(b'.');
            push_millis_trimmed(buf, millis);
        }
        buf.push(b'Z');
    }

    fn encode_http_date(self, buf: &mut Buf) {
        let days = self.secs.div_euclid(SECS_PER_DAY);
        let (date, second_of_day) = split_days(self.secs);
        // 1970-01-01 was a Thursday; index 0 is Sunday.
        let weekday = (days.rem_euclid(7) + 4) % 7;
        buf.extend(SHORT_DAYS[weekday as usize]);
        buf.extend(b", ");
        buf.push_2(date.day);
        buf.push(b' ');
        buf.extend(MONTHS[(date.month - 1) as usize]);
        buf.push(b' ');
        push_year(buf, date.year);
        buf.push(b' ');
        push_time_of_day(buf, second_of_day);
        buf.extend(b" GMT");
    }

    fn encode_epoch_seconds(self, buf: &mut Buf) {
        let millis = self.nanos / NANOS_PER_MILLI;
        if millis == 0 {
            buf.push_i64(self.secs);
        } else if self.secs >= 0 {
            buf.push_u64(self.secs.unsigned_abs());
            buf.push(b'.');
            push_millis_trimmed(buf, millis);
        } else {
            // secs + millis/1000 = -((|secs| - 1) + (1000 - millis)/1000), e.g. -2 + 0.5 = -1.5.
            buf.push(b'-');
            buf.push_u64((self.secs + 1).unsigned_abs());
            buf.push(b'.');
            push_millis_trimmed(buf, 1000 - millis);
        }
    }
}

impl From<SystemTime> for Timestamp {
    /// Saturates at the ends of the `i64` seconds range (no platform's clock reaches them).
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => match i64::try_from(after.as_secs()) {
                Ok(secs) => Timestamp {
                    secs,
                    nanos: after.subsec_nanos(),
                },
                Err(_) => Timestamp::from_secs_nanos(i64::MAX, NANOS_PER_SEC - 1),
            },
            Err(before) => {
                let before = before.duration();
                let mut secs = -i128::from(before.as_secs());
                let mut nanos = before.subsec_nanos();
                if nanos != 0 {
                    secs -= 1;
                    nanos = NANOS_PER_SEC - nanos;
                }
                match i64::try_from(secs) {
                    Ok(secs) => Timestamp { secs, nanos },
                    Err(_) => Timestamp::from_secs(i64::MIN),
                }
            }
        }
    }
}

impl From<Timestamp> for SystemTime {
    /// Saturates at the limits of the platform's `SystemTime` (on Windows, for example, it
    /// cannot go before 1601).
    fn from(t: Timestamp) -> Self {
        if t.secs >= 0 {
            let offset = Duration::new(t.secs.unsigned_abs(), t.nanos);
            UNIX_EPOCH
                .checked_add(offset)
                .unwrap_or_else(|| saturate(offset, |d| UNIX_EPOCH.checked_add(d)))
        } else {
            // |secs| seconds before the epoch, less the nanoseconds counted forward from there
            // (|secs| >= 1 > nanos, so the difference is never negative).
            let offset = Duration::from_secs(t.secs.unsigned_abs())
                .checked_sub(Duration::from_nanos(u64::from(t.nanos)))
                .unwrap_or_default();
            UNIX_EPOCH
                .checked_sub(offset)
                .unwrap_or_else(|| saturate(offset, |d| UNIX_EPOCH.checked_sub(d)))
        }
    }
}

/// The farthest `SystemTime` from the epoch, in one direction, that is no farther than `limit`.
fn saturate(limit: Duration, step: impl Fn(Duration) -> Option<SystemTime>) -> SystemTime {
    // Binary search on whole seconds; `step(0)` is the epoch and always exists.
    let (mut lo, mut hi) = (0u64, limit.as_secs());
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if step(Duration::from_secs(mid)).is_some() {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    step(Duration::from_secs(lo)).unwrap_or(UNIX_EPOCH)
}

impl fmt::Display for Timestamp {
    /// The `date-time` form: `2014-04-29T18:30:38Z`, `2000-01-02T20:34:56.123Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.encode(TimestampFormat::DateTime).as_str())
    }
}
