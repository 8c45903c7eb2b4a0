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
                    mantissa = mantissa.checked_mul(10)? + u64::from(b - b'0');
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
            (0, m != 0)
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

// ---------------------------------------------------------------------------------------------
// Calendar

/// A proleptic Gregorian date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Date {
    year: i64,
    month: u32,
    day: u32,
}

const fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

const fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap_year(year) => 29,
        _ => 28,
    }
}

/// Days from 1970-01-01 to `date` (Hinnant's `days_from_civil`). Needs a valid month and
/// `|year|` small enough not to overflow (the parsers give 0..=9999).
fn days_from_civil(date: Date) -> i64 {
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
fn civil_from_days(days: i64) -> Date {
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
fn split_days(secs: i64) -> (Date, u32) {
    (
        civil_from_days(secs.div_euclid(SECS_PER_DAY)),
        secs.rem_euclid(SECS_PER_DAY) as u32,
    )
}

/// `(secs, nanos)` from nanoseconds since the epoch, if within the years 0001–9999.
fn from_total_nanos(total: i128) -> Option<Timestamp> {
    let secs = i64::try_from(total.div_euclid(i128::from(NANOS_PER_SEC))).ok()?;
    let nanos = total.rem_euclid(i128::from(NANOS_PER_SEC)) as u32;
    in_range(Timestamp { secs, nanos })
}

fn in_range(t: Timestamp) -> Option<Timestamp> {
    (MIN_SECS..=MAX_SECS).contains(&t.secs).then_some(t)
}

// ---------------------------------------------------------------------------------------------
// Writing

const SHORT_DAYS: [&[u8; 3]; 7] = [b"Sun", b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat"];
const LONG_DAYS: [&[u8]; 7] = [
    b"Sunday",
    b"Monday",
    b"Tuesday",
    b"Wednesday",
    b"Thursday",
    b"Friday",
    b"Saturday",
];
const MONTHS: [&[u8; 3]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// The longest text written: `Wed, 31 Dec -292277022657 23:59:59 GMT` and the like.
const BUF_LEN: usize = 48;

/// A fixed stack buffer of ASCII text.
struct Buf {
    bytes: [u8; BUF_LEN],
    len: usize,
}

impl Buf {
    fn new() -> Self {
        Buf {
            bytes: [0; BUF_LEN],
            len: 0,
        }
    }

    /// Appends a byte; bytes past the capacity are dropped (never reached: every writer stays
    /// below `BUF_LEN`, which `fmt::Write` below reports as an error instead).
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    fn extend(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push(b);
        }
    }

    /// Two decimal digits of `v < 100`.
    fn push_2(&mut self, v: u32) {
        self.push(b'0' + (v / 10 % 10) as u8);
        self.push(b'0' + (v % 10) as u8);
    }

    /// `v` in exactly `width` digits, zero-padded (`v < 10^width`).
    fn push_padded(&mut self, v: u32, width: u32) {
        let mut place = 10u32.pow(width.saturating_sub(1));
        while place > 0 {
            self.push(b'0' + (v / place % 10) as u8);
            place /= 10;
        }
    }

    fn push_u64(&mut self, v: u64) {
        self.extend(itoa::Buffer::new().format(v).as_bytes());
    }

    fn push_i64(&mut self, v: i64) {
        self.extend(itoa::Buffer::new().format(v).as_bytes());
    }

    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    fn as_str(&self) -> &str {
        // Only ASCII is ever pushed.
        std::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }
}

impl fmt::Write for Buf {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if s.len() > BUF_LEN - self.len {
            return Err(fmt::Error);
        }
        self.extend(s.as_bytes());
        Ok(())
    }
}

/// A four-digit year, or an ISO 8601 expanded one (`+10000`, `-0001`) outside 0000–9999.
fn push_year(buf: &mut Buf, year: i64) {
    if (0..=9999).contains(&year) {
        buf.push_padded(year as u32, 4);
        return;
    }
    buf.push(if year < 0 { b'-' } else { b'+' });
    let magnitude = year.unsigned_abs();
    for _ in itoa::Buffer::new().format(magnitude).len()..4 {
        buf.push(b'0');
    }
    buf.push_u64(magnitude);
}

/// `hh:mm:ss` of a second of the day.
fn push_time_of_day(buf: &mut Buf, second_of_day: u32) {
    buf.push_2(second_of_day / 3600);
    buf.push(b':');
    buf.push_2(second_of_day / 60 % 60);
    buf.push(b':');
    buf.push_2(second_of_day % 60);
}

/// `millis` (1..=999) as a fraction without trailing zeros: 120 is `12`, 5 is `005`.
fn push_millis_trimmed(buf: &mut Buf, millis: u32) {
    buf.push(b'0' + (millis / 100) as u8);
    if millis % 100 != 0 {
        buf.push(b'0' + (millis / 10 % 10) as u8);
        if millis % 10 != 0 {
            buf.push(b'0' + (millis % 10) as u8);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// What is wrong with a timestamp, for an error message that does not repeat the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bad {
    Syntax,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Offset,
    Range,
}

fn out_of_range() -> Error {
    Error::invalid("timestamp out of range: expected a date from 0001-01-01 to 9999-12-31")
}

fn date_time_error(bad: Bad) -> Error {
    Error::invalid(match bad {
        Bad::Syntax => {
            "invalid date-time timestamp: expected RFC 3339 like 1985-04-12T23:20:50.52Z"
        }
        Bad::Month => "invalid date-time timestamp: expected a month from 01 to 12",
        Bad::Day => "invalid date-time timestamp: expected a day that exists in the month",
        Bad::Hour => "invalid date-time timestamp: expected an hour from 00 to 23",
        Bad::Minute => "invalid date-time timestamp: expected a minute from 00 to 59",
        Bad::Second => {
            "invalid date-time timestamp: expected a second from 00 to 59 \
             (60 only at 23:59:60 UTC on the last day of a month)"
        }
        Bad::Offset => "invalid date-time timestamp: expected a UTC offset up to +/-23:59",
        Bad::Range => return out_of_range(),
    })
}

fn http_date_error(bad: Bad) -> Error {
    Error::invalid(match bad {
        Bad::Syntax | Bad::Offset => {
            "invalid http-date timestamp: expected IMF-fixdate like Tue, 29 Apr 2014 18:30:38 GMT"
        }
        Bad::Month => "invalid http-date timestamp: expected a month name like Jan",
        Bad::Day => "invalid http-date timestamp: expected a day that exists in the month",
        Bad::Hour => "invalid http-date timestamp: expected an hour from 00 to 23",
        Bad::Minute => "invalid http-date timestamp: expected a minute from 00 to 59",
        Bad::Second => {
            "invalid http-date timestamp: expected a second from 00 to 59 \
             (60 only at 23:59:60 on the last day of a month)"
        }
        Bad::Range => return out_of_range(),
    })
}

fn epoch_error(bad: Bad) -> Error {
    match bad {
        Bad::Range => out_of_range(),
        _ => Error::invalid(
            "invalid epoch-seconds timestamp: expected decimal seconds \
             like 1398796238 or 1398796238.123",
        ),
    }
}

/// A cursor over the input bytes; every read is bounds-checked.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    /// Consumes `b`, or fails.
    fn expect(&mut self, b: u8) -> Result<(), Bad> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Bad::Syntax)
        }
    }

    /// Consumes `tag` if the input continues with it.
    fn eat(&mut self, tag: &[u8]) -> bool {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        if rest.starts_with(tag) {
            self.pos += tag.len();
            true
        } else {
            false
        }
    }

    /// Exactly `n` ASCII digits (`n <= 9`) as a number.
    fn digits(&mut self, n: usize) -> Result<u32, Bad> {
        let mut v = 0u32;
        for _ in 0..n {
            match self.next() {
                Some(b @ b'0'..=b'9') => v = v * 10 + u32::from(b - b'0'),
                _ => return Err(Bad::Syntax),
            }
        }
        Ok(v)
    }

    /// After a `.`: one or more digits as milliseconds (digits past the third dropped), and
    /// whether any dropped digit was not zero (for flooring negative values).
    fn fraction(&mut self) -> Result<(u32, bool), Bad> {
        let start = self.pos;
        let mut millis = 0u32;
        let mut place = 100u32;
        let mut dropped = false;
        while let Some(b @ b'0'..=b'9') = self.peek() {
            if place > 0 {
                millis += u32::from(b - b'0') * place;
                place /= 10;
            } else {
                dropped |= b != b'0';
            }
            self.pos += 1;
        }
        if self.pos == start {
            return Err(Bad::Syntax);
        }
        Ok((millis, dropped))
    }

    /// One of `names`, by index.
    fn one_of(&mut self, names: &[&[u8]]) -> Result<usize, Bad> {
        for (i, name) in names.iter().enumerate() {
            if self.eat(name) {
                return Ok(i);
            }
        }
        Err(Bad::Syntax)
    }

    fn finish(&self) -> Result<(), Bad> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(Bad::Syntax)
        }
    }
}

/// The broken-down fields of a parsed timestamp, before checking.
struct Fields {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
    /// Seconds east of UTC.
    offset: i64,
}

impl Fields {
    /// Range-checks the fields and converts them to an instant in the years 0001–9999.
    fn to_timestamp(&self) -> Result<Timestamp, Bad> {
        if !(1..=12).contains(&self.month) {
            return Err(Bad::Month);
        }
        if self.day == 0 || self.day > days_in_month(self.year, self.month) {
            return Err(Bad::Day);
        }
        if self.hour > 23 {
            return Err(Bad::Hour);
        }
        if self.minute > 59 {
            return Err(Bad::Minute);
        }
        let leap = self.second == 60;
        if self.second > 60 {
            return Err(Bad::Second);
        }
        let (second, nanos) = if leap {
            (59, NANOS_PER_SEC - NANOS_PER_MILLI)
        } else {
            (self.second, self.nanos)
        };
        let days = days_from_civil(Date {
            year: self.year,
            month: self.month,
            day: self.day,
        });
        let secs = days * SECS_PER_DAY + i64::from(self.hour * 3600 + self.minute * 60 + second)
            - self.offset;
        if leap {
            // Only 23:59:60 UTC on a month's last day can be a leap second.
            let last_second_of_day = secs.rem_euclid(SECS_PER_DAY) == SECS_PER_DAY - 1;
            let next_day = civil_from_days(secs.div_euclid(SECS_PER_DAY) + 1);
            if !last_second_of_day || next_day.day != 1 {
                return Err(Bad::Second);
            }
        }
        in_range(Timestamp { secs, nanos }).ok_or(Bad::Range)
    }
}

/// `YYYY-MM-DDThh:mm:ss[.frac](Z|±hh:mm)`.
fn date_time(bytes: &[u8]) -> Result<Timestamp, Bad> {
    let mut c = Cursor::new(bytes);
    let year = i64::from(c.digits(4)?);
    c.expect(b'-')?;
    let month = c.digits(2)?;
    c.expect(b'-')?;
    let day = c.digits(2)?;
    match c.next() {
        Some(b'T' | b't') => {}
        _ => return Err(Bad::Syntax),
    }
    let hour = c.digits(2)?;
    c.expect(b':')?;
    let minute = c.digits(2)?;
    c.expect(b':')?;
    let second = c.digits(2)?;
    let nanos = if c.peek() == Some(b'.') {
        c.pos += 1;
        c.fraction()?.0 * NANOS_PER_MILLI
    } else {
        0
    };
    let offset = match c.next() {
        Some(b'Z' | b'z') => 0,
        Some(sign @ (b'+' | b'-')) => {
            let hours = c.digits(2)?;
            c.expect(b':')?;
            let minutes = c.digits(2)?;
            if hours > 23 || minutes > 59 {
                return Err(Bad::Offset);
            }
            let offset = i64::from(hours * 3600 + minutes * 60);
            if sign == b'-' {
                -offset
            } else {
                offset
            }
        }
        _ => return Err(Bad::Syntax),
    };
    c.finish()?;
    Fields {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos,
        offset,
    }
    .to_timestamp()
}

/// IMF-fixdate, RFC 850 or asctime, told apart by the byte after the day name.
/// Whole seconds (a leap second reads as `23:59:59`), as http-date is written.
fn http_date(bytes: &[u8]) -> Result<Timestamp, Bad> {
    match bytes.get(3) {
        Some(b',') => imf_fixdate(bytes),
        Some(b' ') => asctime(bytes),
        _ => rfc850(bytes),
    }
    .map(|t| t.floor_to(TimestampFormat::HttpDate))
}

/// A month name, as 1..=12.
fn month(c: &mut Cursor<'_>) -> Result<u32, Bad> {
    let names: [&[u8]; 12] = MONTHS.map(|m| &m[..]);
    c.one_of(&names)
        .map(|i| i as u32 + 1)
        .map_err(|_| Bad::Month)
}

/// `hh:mm:ss`.
fn time_of_day(c: &mut Cursor<'_>) -> Result<(u32, u32, u32), Bad> {
    let hour = c.digits(2)?;
    c.expect(b':')?;
    let minute = c.digits(2)?;
    c.expect(b':')?;
    let second = c.digits(2)?;
    Ok((hour, minute, second))
}

/// `Sun, 06 Nov 1994 08:49:37[.frac] GMT`.
fn imf_fixdate(bytes: &[u8]) -> Result<Timestamp, Bad> {
    let mut c = Cursor::new(bytes);
    let short_days: [&[u8]; 7] = SHORT_DAYS.map(|d| &d[..]);
    c.one_of(&short_days)?;
    c.expect(b',')?;
    c.expect(b' ')?;
    let day = c.digits(2)?;
    c.expect(b' ')?;
    let month = month(&mut c)?;
    c.expect(b' ')?;
    let year = i64::from(c.digits(4)?);
    c.expect(b' ')?;
    let (hour, minute, second) = time_of_day(&mut c)?;
    // A fraction is accepted (Smithy requires it) and dropped: http-date has whole seconds.
    if c.peek() == Some(b'.') {
        c.pos += 1;
        c.fraction()?;
    }
    if !c.eat(b" GMT") {
        return Err(Bad::Syntax);
    }
    c.finish()?;
    Fields {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos: 0,
        offset: 0,
    }
    .to_timestamp()
}

/// `Sunday, 06-Nov-94 08:49:37 GMT`.
fn rfc850(bytes: &[u8]) -> Result<Timestamp, Bad> {
    let mut c = Cursor::new(bytes);
    c.one_of(&LONG_DAYS)?;
    c.expect(b',')?;
    c.expect(b' ')?;
    let day = c.digits(2)?;
    c.expect(b'-')?;
    let month = month(&mut c)?;
    c.expect(b'-')?;
    let yy = i64::from(c.digits(2)?);
    let year = if yy >= 69 { 1900 + yy } else { 2000 + yy };
    c.expect(b' ')?;
    let (hour, minute, second) = time_of_day(&mut c)?;
    if !c.eat(b" GMT") {
        return Err(Bad::Syntax);
    }
    c.finish()?;
    Fields {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos: 0,
        offset: 0,
    }
    .to_timestamp()
}

/// `Sun Nov  6 08:49:37 1994` (the day is two digits or a space and a digit).
fn asctime(bytes: &[u8]) -> Result<Timestamp, Bad> {
    let mut c = Cursor::new(bytes);
    let short_days: [&[u8]; 7] = SHORT_DAYS.map(|d| &d[..]);
    c.one_of(&short_days)?;
    c.expect(b' ')?;
    // A bad month here more likely means a mangled IMF-fixdate than a bad month name.
    let month = month(&mut c).map_err(|_| Bad::Syntax)?;
    c.expect(b' ')?;
    let day = if c.peek() == Some(b' ') {
        c.pos += 1;
        c.digits(1)?
    } else {
        c.digits(2)?
    };
    c.expect(b' ')?;
    let (hour, minute, second) = time_of_day(&mut c)?;
    c.expect(b' ')?;
    let year = i64::from(c.digits(4)?);
    c.finish()?;
    Fields {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos: 0,
        offset: 0,
    }
    .to_timestamp()
}

/// `-?digits[.digits]` as nanoseconds since the epoch, floored to the millisecond;
/// `Bad::Range` for integer parts far past any supported year (after checking the whole syntax).
fn parse_decimal(bytes: &[u8]) -> Result<i128, Bad> {
    /// Past this many whole seconds (about 3e15 years) nothing is in range.
    const HUGE: u64 = 100_000_000_000_000_000;
    let mut c = Cursor::new(bytes);
    let negative = c.eat(b"-");
    let start = c.pos;
    let mut whole = 0u64;
    while let Some(b @ b'0'..=b'9') = c.peek() {
        whole = (whole * 10 + u64::from(b - b'0')).min(HUGE);
        c.pos += 1;
    }
    if c.pos == start {
        return Err(Bad::Syntax);
    }
    let (mut millis, mut dropped) = (0u32, false);
    if c.peek() == Some(b'.') {
        c.pos += 1;
        (millis, dropped) = c.fraction()?;
    }
    c.finish()?;
    if whole >= HUGE {
        return Err(Bad::Range);
    }
    // Floored: a negative value with digits past the millisecond goes one millisecond down.
    let magnitude = i128::from(whole) * 1000 + i128::from(millis);
    let millis = if negative {
        -magnitude - i128::from(dropped)
    } else {
        magnitude
    };
    Ok(millis * i128::from(NANOS_PER_MILLI))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DT: TimestampFormat = TimestampFormat::DateTime;
    const HD: TimestampFormat = TimestampFormat::HttpDate;
    const ES: TimestampFormat = TimestampFormat::EpochSeconds;

    fn ts(secs: i64, nanos: u32) -> Timestamp {
        Timestamp::from_secs_nanos(secs, nanos)
    }

    #[test]
    fn short_decimals_read_as_their_f64_would() {
        // A deterministic sweep of decimals with up to 15 significant digits, of every
        // magnitude in range, both signs, with and without trailing zeros.
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut checked = 0;
        for i in 0..200_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = 1 + (x % 15) as usize;
            let mantissa = (x >> 8) % 10u64.pow(digits as u32);
            let text = format!("{mantissa:0digits$}");
            let point = 1 + (x >> 40) as usize % digits;
            let (int, frac) = text.split_at(digits - point);
            let int = if int.is_empty() { "0" } else { int };
            let zeros = "0".repeat((i % 3) as usize);
            let sign = if i % 2 == 0 { "" } else { "-" };
            let text = if i % 5 == 4 {
                // Scientific, as Java's Double.toString writes it (`1.732528861345E9`).
                let all = format!("{int}{frac}");
                let all = all.trim_start_matches('0');
                let all = if all.is_empty() { "0" } else { all };
                let exp = int.trim_start_matches('0').len() as i32 - 1;
                let exp = if int.trim_start_matches('0').is_empty() {
                    -((frac.len() - frac.trim_start_matches('0').len()) as i32) - 1
                } else {
                    exp
                };
                format!("{sign}{}.{}0{zeros}E{exp}", &all[..1], &all[1..])
            } else {
                format!("{sign}{int}.{frac}{zeros}")
            };
            let via_f64 = Timestamp::from_epoch_f64(text.parse().unwrap());
            match Timestamp::from_short_epoch_decimal(text.as_bytes()) {
                Some(t) => {
                    assert_eq!(Ok(t), via_f64, "{text}");
                    checked += 1;
                }
                None => assert!(via_f64.is_err(), "{text}: no short reading but {via_f64:?}"),
            }
        }
        assert!(checked > 150_000, "{checked}");
        // Not short: more than 15 significant digits.
        assert_eq!(
            Timestamp::from_short_epoch_decimal(b"1.5e9"),
            Some(ts(1_500_000_000, 0))
        );
        assert_eq!(
            Timestamp::from_short_epoch_decimal(b"1.732333752551E9"),
            Some(ts(1732333752, 551_000_000))
        );
        assert_eq!(
            Timestamp::from_short_epoch_decimal(b"-2.5E-10"),
            Some(ts(-1, 999_000_000))
        );
        assert_eq!(
            Timestamp::from_short_epoch_decimal(b"1732528861.3456789"),
            None
        );
        assert_eq!(
            Timestamp::from_short_epoch_decimal(b"1732528861.345"),
            Some(ts(1732528861, 345_000_000))
        );
    }

    fn message(e: &Error) -> String {
        e.to_string()
    }

    /// Whole-second vectors: (epoch seconds, date-time, http-date), from Python's `datetime`
    /// and `email.utils.format_datetime(dt, usegmt=True)`.
    const VECTORS: &[(i64, &str, &str)] = &[
        (0, "1970-01-01T00:00:00Z", "Thu, 01 Jan 1970 00:00:00 GMT"),
        (1, "1970-01-01T00:00:01Z", "Thu, 01 Jan 1970 00:00:01 GMT"),
        (-1, "1969-12-31T23:59:59Z", "Wed, 31 Dec 1969 23:59:59 GMT"),
        (59, "1970-01-01T00:00:59Z", "Thu, 01 Jan 1970 00:00:59 GMT"),
        (60, "1970-01-01T00:01:00Z", "Thu, 01 Jan 1970 00:01:00 GMT"),
        (
            -86400,
            "1969-12-31T00:00:00Z",
            "Wed, 31 Dec 1969 00:00:00 GMT",
        ),
        (
            86399,
            "1970-01-01T23:59:59Z",
            "Thu, 01 Jan 1970 23:59:59 GMT",
        ),
        (
            86400,
            "1970-01-02T00:00:00Z",
            "Fri, 02 Jan 1970 00:00:00 GMT",
        ),
        (
            951782400,
            "2000-02-29T00:00:00Z",
            "Tue, 29 Feb 2000 00:00:00 GMT",
        ),
        (
            951868800,
            "2000-03-01T00:00:00Z",
            "Wed, 01 Mar 2000 00:00:00 GMT",
        ),
        (
            951782399,
            "2000-02-28T23:59:59Z",
            "Mon, 28 Feb 2000 23:59:59 GMT",
        ),
        (
            -2203891200,
            "1900-03-01T00:00:00Z",
            "Thu, 01 Mar 1900 00:00:00 GMT",
        ),
        (
            -2203977600,
            "1900-02-28T00:00:00Z",
            "Wed, 28 Feb 1900 00:00:00 GMT",
        ),
        (
            -2208988800,
            "1900-01-01T00:00:00Z",
            "Mon, 01 Jan 1900 00:00:00 GMT",
        ),
        (
            -2208988801,
            "1899-12-31T23:59:59Z",
            "Sun, 31 Dec 1899 23:59:59 GMT",
        ),
        (
            946684799,
            "1999-12-31T23:59:59Z",
            "Fri, 31 Dec 1999 23:59:59 GMT",
        ),
        (
            946684800,
            "2000-01-01T00:00:00Z",
            "Sat, 01 Jan 2000 00:00:00 GMT",
        ),
        (
            1398796238,
            "2014-04-29T18:30:38Z",
            "Tue, 29 Apr 2014 18:30:38 GMT",
        ),
        (
            1576540098,
            "2019-12-16T23:48:18Z",
            "Mon, 16 Dec 2019 23:48:18 GMT",
        ),
        (
            946845296,
            "2000-01-02T20:34:56Z",
            "Sun, 02 Jan 2000 20:34:56 GMT",
        ),
        (
            1422172800,
            "2015-01-25T08:00:00Z",
            "Sun, 25 Jan 2015 08:00:00 GMT",
        ),
        (
            253402300799,
            "9999-12-31T23:59:59Z",
            "Fri, 31 Dec 9999 23:59:59 GMT",
        ),
        (
            -62135596800,
            "0001-01-01T00:00:00Z",
            "Mon, 01 Jan 0001 00:00:00 GMT",
        ),
        (
            -62135596799,
            "0001-01-01T00:00:01Z",
            "Mon, 01 Jan 0001 00:00:01 GMT",
        ),
        (
            68256000,
            "1972-03-01T00:00:00Z",
            "Wed, 01 Mar 1972 00:00:00 GMT",
        ),
        (
            -631152000,
            "1950-01-01T00:00:00Z",
            "Sun, 01 Jan 1950 00:00:00 GMT",
        ),
        (
            1234567890,
            "2009-02-13T23:31:30Z",
            "Fri, 13 Feb 2009 23:31:30 GMT",
        ),
        (
            2147483647,
            "2038-01-19T03:14:07Z",
            "Tue, 19 Jan 2038 03:14:07 GMT",
        ),
        (
            2147483648,
            "2038-01-19T03:14:08Z",
            "Tue, 19 Jan 2038 03:14:08 GMT",
        ),
        (
            -2147483648,
            "1901-12-13T20:45:52Z",
            "Fri, 13 Dec 1901 20:45:52 GMT",
        ),
        (
            4102444800,
            "2100-01-01T00:00:00Z",
            "Fri, 01 Jan 2100 00:00:00 GMT",
        ),
        (
            1709164800,
            "2024-02-29T00:00:00Z",
            "Thu, 29 Feb 2024 00:00:00 GMT",
        ),
        (
            1709251199,
            "2024-02-29T23:59:59Z",
            "Thu, 29 Feb 2024 23:59:59 GMT",
        ),
        (
            -12219292800,
            "1582-10-15T00:00:00Z",
            "Fri, 15 Oct 1582 00:00:00 GMT",
        ),
        (
            -12219292801,
            "1582-10-14T23:59:59Z",
            "Thu, 14 Oct 1582 23:59:59 GMT",
        ),
        (
            4107542400,
            "2100-03-01T00:00:00Z",
            "Mon, 01 Mar 2100 00:00:00 GMT",
        ),
        (
            -30610224000,
            "1000-01-01T00:00:00Z",
            "Wed, 01 Jan 1000 00:00:00 GMT",
        ),
        (
            -11644473600,
            "1601-01-01T00:00:00Z",
            "Mon, 01 Jan 1601 00:00:00 GMT",
        ),
        (
            1000000000,
            "2001-09-09T01:46:40Z",
            "Sun, 09 Sep 2001 01:46:40 GMT",
        ),
        (
            1500000000,
            "2017-07-14T02:40:00Z",
            "Fri, 14 Jul 2017 02:40:00 GMT",
        ),
        (
            1700000000,
            "2023-11-14T22:13:20Z",
            "Tue, 14 Nov 2023 22:13:20 GMT",
        ),
        (
            -1000000000,
            "1938-04-24T22:13:20Z",
            "Sun, 24 Apr 1938 22:13:20 GMT",
        ),
        (
            253402214400,
            "9999-12-31T00:00:00Z",
            "Fri, 31 Dec 9999 00:00:00 GMT",
        ),
        (
            13569465600,
            "2400-01-01T00:00:00Z",
            "Sat, 01 Jan 2400 00:00:00 GMT",
        ),
    ];

    #[test]
    fn whole_second_vectors_both_ways() {
        for &(secs, date_time, http_date) in VECTORS {
            let t = Timestamp::from_secs(secs);
            assert_eq!(t.fmt(DT), date_time);
            assert_eq!(t.fmt(HD), http_date);
            assert_eq!(t.fmt(ES), secs.to_string());
            assert_eq!(t.to_string(), date_time);
            assert_eq!(
                Timestamp::parse_date_time(date_time).unwrap(),
                t,
                "{date_time}"
            );
            assert_eq!(
                Timestamp::parse_http_date(http_date).unwrap(),
                t,
                "{http_date}"
            );
            assert_eq!(
                Timestamp::parse_epoch_seconds(&secs.to_string()).unwrap(),
                t
            );
        }
    }

    /// The serialized forms of the botocore protocol conformance cases
    /// (`/work/shared/protocol-tests/botocore/{input,output}/*.json`).
    #[test]
    fn conformance_case_forms() {
        let t = Timestamp::from_secs(1398796238);
        assert_eq!(t.fmt(DT), "2014-04-29T18:30:38Z");
        assert_eq!(t.fmt(HD), "Tue, 29 Apr 2014 18:30:38 GMT");
        assert_eq!(t.fmt(ES), "1398796238");
        let t = Timestamp::from_secs(1576540098);
        assert_eq!(t.fmt(DT), "2019-12-16T23:48:18Z");
        assert_eq!(t.fmt(HD), "Mon, 16 Dec 2019 23:48:18 GMT");
        assert_eq!(t.fmt(ES), "1576540098");
        assert_eq!(
            Timestamp::from_secs(1422172800).fmt(DT),
            "2015-01-25T08:00:00Z"
        );
        assert_eq!(
            Timestamp::from_secs(946845296).fmt(HD),
            "Sun, 02 Jan 2000 20:34:56 GMT"
        );
        for (s, secs) in [
            ("1970-01-01T00:00:01Z", 1),
            ("1970-01-01T00:00:02Z", 2),
            ("1970-01-01T00:00:03Z", 3),
        ] {
            assert_eq!(Timestamp::from_secs(secs).fmt(DT), s);
        }
        // Output cases: offsets and fractional seconds.
        for s in ["2019-12-17T00:48:18+01:00", "2019-12-16T22:48:18-01:00"] {
            assert_eq!(
                Timestamp::parse_date_time(s).unwrap(),
                Timestamp::from_secs(1576540098)
            );
        }
        let fractional = Timestamp::parse_date_time("2000-01-02T20:34:56.123Z").unwrap();
        assert_eq!(fractional, ts(946845296, 123_000_000));
        assert_eq!(
            Timestamp::from_epoch_f64(946845296.123).unwrap(),
            fractional
        );
        assert_eq!(fractional.fmt(DT), "2000-01-02T20:34:56.123Z");
    }

    #[test]
    fn fractional_vectors_both_ways() {
        // (secs, nanos, date-time, epoch-seconds); instants checked with Python's datetime.
        let cases: &[(i64, u32, &str, &str)] = &[
            (
                946845296,
                123_000_000,
                "2000-01-02T20:34:56.123Z",
                "946845296.123",
            ),
            (
                482196050,
                520_000_000,
                "1985-04-12T23:20:50.52Z",
                "482196050.52",
            ),
            (
                1700000000,
                500_000_000,
                "2023-11-14T22:13:20.5Z",
                "1700000000.5",
            ),
            (0, 1_000_000, "1970-01-01T00:00:00.001Z", "0.001"),
            (0, 10_000_000, "1970-01-01T00:00:00.01Z", "0.01"),
            (0, 999_000_000, "1970-01-01T00:00:00.999Z", "0.999"),
            (-1, 999_000_000, "1969-12-31T23:59:59.999Z", "-0.001"),
            (-1, 500_000_000, "1969-12-31T23:59:59.5Z", "-0.5"),
            (-2, 500_000_000, "1969-12-31T23:59:58.5Z", "-1.5"),
            (-1235, 433_000_000, "1969-12-31T23:39:25.433Z", "-1234.567"),
            (
                -2208988800,
                50_000_000,
                "1900-01-01T00:00:00.05Z",
                "-2208988799.95",
            ),
            (
                253402300799,
                999_000_000,
                "9999-12-31T23:59:59.999Z",
                "253402300799.999",
            ),
            (
                -62135596800,
                1_000_000,
                "0001-01-01T00:00:00.001Z",
                "-62135596799.999",
            ),
        ];
        for &(secs, nanos, date_time, epoch) in cases {
            let t = ts(secs, nanos);
            assert_eq!(t.fmt(DT), date_time);
            assert_eq!(t.fmt(ES), epoch);
            assert_eq!(
                Timestamp::parse_date_time(date_time).unwrap(),
                t,
                "{date_time}"
            );
            assert_eq!(Timestamp::parse_epoch_seconds(epoch).unwrap(), t, "{epoch}");
            // http-date carries whole seconds only.
            let http = t.fmt(HD);
            assert!(!http.contains('.'), "{http}");
            assert_eq!(
                Timestamp::parse_http_date(&http).unwrap(),
                Timestamp::from_secs(secs)
            );
        }
    }

    #[test]
    fn sub_millisecond_precision_is_truncated_toward_the_past() {
        let t = ts(1398796238, 123_456_789);
        assert_eq!(t.fmt(DT), "2014-04-29T18:30:38.123Z");
        assert_eq!(t.fmt(ES), "1398796238.123");
        assert_eq!(t.fmt(HD), "Tue, 29 Apr 2014 18:30:38 GMT");
        // Below a millisecond: nothing after the point.
        assert_eq!(ts(5, 999_999).fmt(DT), "1970-01-01T00:00:05Z");
        assert_eq!(ts(5, 999_999).fmt(ES), "5");
        // -0.0005 s floors to -0.001 s.
        let t = ts(-1, 999_500_000);
        assert_eq!(t.fmt(DT), "1969-12-31T23:59:59.999Z");
        assert_eq!(t.fmt(ES), "-0.001");
        assert_eq!(ts(-1, 999_999).fmt(ES), "-1");
        assert_eq!(ts(-1, 999_999).fmt(DT), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn write_appends_and_agrees_with_fmt() {
        let t = ts(946845296, 123_000_000);
        for format in [DT, HD, ES] {
            let mut s = String::from("x=");
            t.write(format, &mut s);
            assert_eq!(s, format!("x={}", t.fmt(format)));
            let mut v = b"y=".to_vec();
            t.write_bytes(format, &mut v);
            assert_eq!(v, format!("y={}", t.fmt(format)).into_bytes());
        }
    }

    #[test]
    fn years_outside_four_digits_are_written_expanded() {
        let year_10000 = Timestamp::from_secs(MAX_SECS + 1);
        assert_eq!(year_10000.fmt(DT), "+10000-01-01T00:00:00Z");
        assert_eq!(year_10000.fmt(HD), "Sat, 01 Jan +10000 00:00:00 GMT");
        let year_0 = Timestamp::from_secs(MIN_SECS - 1);
        assert_eq!(year_0.fmt(DT), "0000-12-31T23:59:59Z");
        let year_minus_1 = Timestamp::from_secs(MIN_SECS - 366 * SECS_PER_DAY - 1);
        assert_eq!(year_minus_1.fmt(DT), "-0001-12-31T23:59:59Z");
        // The extremes of i64 format without overflow or panic.
        for secs in [i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX - 1] {
            for nanos in [0, 1_000_000, NANOS_PER_SEC - 1] {
                let t = ts(secs, nanos);
                for format in [DT, HD, ES] {
                    let s = t.fmt(format);
                    assert!(s.len() < BUF_LEN, "{s}");
                    assert!(Timestamp::parse(&s, format).is_err(), "{s}");
                }
            }
        }
        assert_eq!(
            Timestamp::from_secs(i64::MIN).fmt(ES),
            "-9223372036854775808"
        );
        assert_eq!(ts(i64::MIN, 1_000_000).fmt(ES), "-9223372036854775807.999");
        assert_eq!(ts(i64::MAX, 1_000_000).fmt(ES), "9223372036854775807.001");
        assert_eq!(
            Timestamp::from_secs(i64::MAX).fmt(DT),
            "+292277026596-12-04T15:30:07Z"
        );
        assert_eq!(
            Timestamp::from_secs(i64::MIN).fmt(DT),
            "-292277022657-01-27T08:29:52Z"
        );
    }

    #[test]
    fn constructors() {
        assert_eq!(Timestamp::UNIX_EPOCH, Timestamp::default());
        assert_eq!(
            Timestamp::from_secs_nanos(1, 1_500_000_000),
            ts(2, 500_000_000)
        );
        assert_eq!(Timestamp::from_secs_nanos(-1, u32::MAX).secs(), 3);
        assert_eq!(
            Timestamp::from_secs_nanos(-1, u32::MAX).subsec_nanos(),
            294_967_295
        );
        assert_eq!(
            Timestamp::from_secs_nanos(i64::MAX, NANOS_PER_SEC),
            Timestamp::from_secs_nanos(i64::MAX, NANOS_PER_SEC - 1)
        );
        assert_eq!(Timestamp::from_millis(1500), ts(1, 500_000_000));
        assert_eq!(Timestamp::from_millis(-1500), ts(-2, 500_000_000));
        assert_eq!(Timestamp::from_millis(-1), ts(-1, 999_000_000));
        assert_eq!(Timestamp::from_millis(i64::MIN).secs(), i64::MIN / 1000 - 1);
        assert_eq!(Timestamp::from_millis(i64::MAX).subsec_nanos(), 807_000_000);
        assert!(ts(-2, 500_000_000) < ts(-1, 0));
        assert!(ts(-1, 999_999_999) < Timestamp::UNIX_EPOCH);
    }

    #[test]
    fn format_names() {
        for format in [DT, HD, ES] {
            assert_eq!(TimestampFormat::from_name(format.name()), Some(format));
            assert_eq!(format.to_string(), format.name());
        }
        assert_eq!(DT.name(), "date-time");
        assert_eq!(HD.name(), "http-date");
        assert_eq!(ES.name(), "epoch-seconds");
        assert_eq!(TimestampFormat::from_name("iso8601"), None);
        assert_eq!(TimestampFormat::from_name("Date-Time"), None);
    }

    #[test]
    fn epoch_f64_reads_the_printed_digits() {
        // (f64, secs, nanos); Python's datetime.fromtimestamp agrees to the millisecond.
        let cases: &[(f64, i64, u32)] = &[
            (1398796238.123, 1398796238, 123_000_000),
            (946845296.123, 946845296, 123_000_000),
            (1515531081.1234, 1515531081, 123_000_000),
            (1700000000.5, 1700000000, 500_000_000),
            (1.5, 1, 500_000_000),
            (-1.5, -2, 500_000_000),
            (0.001, 0, 1_000_000),
            (-0.001, -1, 999_000_000),
            (-1234.567, -1235, 433_000_000),
            (0.0, 0, 0),
            (-0.0, 0, 0),
            // Floored to the millisecond, as every reader does.
            (1e-7, 0, 0),
            (1.000000001, 1, 0),
            (0.123456789, 0, 123_000_000),
            (0.1239999999, 0, 123_000_000),
            (-0.1234567895, -1, 876_000_000),
            (-0.123, -1, 877_000_000),
            (4e-10, 0, 0),
            (-4e-10, -1, 999_000_000),
            (-5e-5, -1, 999_000_000),
            (-1e-300, -1, 999_000_000),
            (1e-300, 0, 0),
            (0.9999999999, 0, 999_000_000),
            (1398796238.0, 1398796238, 0),
            (253402300799.999, 253402300799, 999_000_000),
            (-62135596800.0, -62135596800, 0),
        ];
        for &(f, secs, nanos) in cases {
            assert_eq!(
                Timestamp::from_epoch_f64(f).unwrap(),
                ts(secs, nanos),
                "{f}"
            );
        }
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let e = Timestamp::from_epoch_f64(bad).unwrap_err();
            assert!(message(&e).contains("finite"), "{e}");
        }
        for out in [
            253402300800.0,
            -62135596801.0,
            1e300,
            -1e300,
            f64::MAX,
            f64::MIN,
        ] {
            let e = Timestamp::from_epoch_f64(out).unwrap_err();
            assert!(message(&e).contains("out of range"), "{e}");
        }
        assert_eq!(
            Timestamp::from_epoch_f64(253402300799.99997).unwrap(),
            ts(MAX_SECS, 999_000_000)
        );
    }

    #[test]
    fn as_epoch_f64_is_the_nearest_double() {
        assert_eq!(ts(1398796238, 123_000_000).as_epoch_f64(), 1398796238.123);
        assert_eq!(ts(-2, 500_000_000).as_epoch_f64(), -1.5);
        assert_eq!(ts(-1, 999_000_000).as_epoch_f64(), -0.001);
        assert_eq!(ts(0, 1).as_epoch_f64(), 1e-9);
        assert_eq!(Timestamp::from_secs(-5).as_epoch_f64(), -5.0);
        assert_eq!(ts(i64::MIN, 1).as_epoch_f64(), i64::MIN as f64);
        assert_eq!(ts(i64::MAX, 999_999_999).as_epoch_f64(), i64::MAX as f64);
        assert_eq!(
            ts(946845296, 123_000_000).as_epoch_f64().to_string(),
            "946845296.123"
        );
    }

    #[test]
    fn system_time_conversions() {
        let cases = [
            ts(0, 0),
            ts(1398796238, 123_456_789),
            ts(-1, 1),
            ts(-2, 500_000_000),
            ts(-62135596800, 0),
            ts(253402300799, 999_999_999),
        ];
        for t in cases {
            let system = SystemTime::from(t);
            assert_eq!(Timestamp::from(system), t);
        }
        assert_eq!(
            SystemTime::from(ts(-2, 500_000_000)),
            UNIX_EPOCH - Duration::from_millis(1500)
        );
        assert_eq!(Timestamp::from(UNIX_EPOCH + Duration::new(5, 7)), ts(5, 7));
        // Far beyond the platform's range: saturates, never panics.
        let _ = SystemTime::from(Timestamp::from_secs(i64::MAX));
        let _ = SystemTime::from(ts(i64::MIN, 1));
        let now = Timestamp::now();
        assert!(now > Timestamp::from_secs(1_700_000_000));
        assert!(now < Timestamp::from_secs(MAX_SECS));
    }

    #[test]
    fn date_time_accepts_rfc3339_variants() {
        let t = Timestamp::from_secs(1398796238);
        for s in [
            "2014-04-29T18:30:38Z",
            "2014-04-29t18:30:38z",
            "2014-04-29T18:30:38.000Z",
            "2014-04-29T18:30:38.0Z",
            "2014-04-29T18:30:38.000000000000Z",
            "2014-04-29T18:30:38+00:00",
            "2014-04-29T18:30:38-00:00",
            "2014-04-29T18:30:38.000+00:00",
            "2014-04-29T20:30:38+02:00",
            "2014-04-29T13:00:38-05:30",
            "2014-04-30T18:29:38+23:59",
            "2014-04-28T18:31:38-23:59",
        ] {
            assert_eq!(Timestamp::parse_date_time(s).unwrap(), t, "{s}");
        }
        // Offsets and fractions, checked with Python's datetime.fromisoformat.
        let cases: &[(&str, i64, u32)] = &[
            ("1996-12-19T16:39:57-08:00", 851042397, 0),
            ("1937-01-01T12:00:27.87+00:20", -1041337173, 870_000_000),
            ("0001-01-01T00:30:00+00:30", -62135596800, 0),
            // Digits past the millisecond are dropped.
            ("9999-12-31T23:59:59.999999Z", 253402300799, 999_000_000),
            ("9999-12-31T23:59:59.999999999Z", 253402300799, 999_000_000),
            (
                "9999-12-31T23:59:59.9999999999999Z",
                253402300799,
                999_000_000,
            ),
            ("2000-01-02T20:34:56.1Z", 946845296, 100_000_000),
            ("2000-01-02T20:34:56.000000001Z", 946845296, 0),
            ("2000-01-02T20:34:56.1239Z", 946845296, 123_000_000),
            ("2000-01-02T20:34:56.0000000009Z", 946845296, 0),
            ("1969-12-31T23:59:59.999Z", -1, 999_000_000),
            ("0000-12-31T23:00:00-01:00", -62135596800, 0),
        ];
        for &(s, secs, nanos) in cases {
            assert_eq!(
                Timestamp::parse_date_time(s).unwrap(),
                ts(secs, nanos),
                "{s}"
            );
        }
    }

    #[test]
    fn leap_seconds_map_to_the_last_millisecond() {
        let cases: &[(&str, i64)] = &[
            ("2016-12-31T23:59:60Z", 1483228799),
            ("2015-06-30T23:59:60Z", 1435708799),
            ("2016-12-31T23:59:60.5Z", 1483228799),
            ("2017-01-01T00:59:60+01:00", 1483228799),
            ("2016-12-31T15:59:60-08:00", 1483228799),
            ("2024-02-29T23:59:60Z", 1709251199),
        ];
        for &(s, secs) in cases {
            assert_eq!(
                Timestamp::parse_date_time(s).unwrap(),
                ts(secs, 999_000_000),
                "{s}"
            );
        }
        // http-date has whole seconds: a leap second is the last whole second of the day.
        assert_eq!(
            Timestamp::parse_http_date("Sat, 31 Dec 2016 23:59:60 GMT").unwrap(),
            ts(1483228799, 0)
        );
        for s in [
            "2016-12-30T23:59:60Z",
            "2016-12-31T23:58:60Z",
            "2016-12-31T22:59:60Z",
            "2016-12-31T23:59:60+01:00",
            "2024-02-28T23:59:60Z",
            "2016-12-31T23:59:61Z",
            "2016-12-31T23:59:99Z",
        ] {
            let e = Timestamp::parse_date_time(s).unwrap_err();
            assert!(message(&e).contains("second"), "{s}: {e}");
        }
        assert!(Timestamp::parse_http_date("Fri, 30 Dec 2016 23:59:60 GMT").is_err());
        // The last second of 9999 can be a leap second; the one before 0001 cannot be reached.
        assert_eq!(
            Timestamp::parse_date_time("9999-12-31T23:59:60Z").unwrap(),
            ts(MAX_SECS, 999_000_000)
        );
    }

    #[test]
    fn date_time_rejections() {
        let expect = |s: &str, what: &str| {
            let e = Timestamp::parse_date_time(s).unwrap_err();
            let m = message(&e);
            assert!(m.contains(what), "{s}: {m}");
            let without_example = m.replace("1985-04-12T23:20:50.52Z", "");
            assert!(
                s.is_empty() || !without_example.contains(s),
                "the message echoes the input: {m}"
            );
        };
        // Out-of-range fields.
        expect("2014-13-01T00:00:00Z", "month");
        expect("2014-00-01T00:00:00Z", "month");
        expect("2014-04-32T00:00:00Z", "day");
        expect("2014-04-31T00:00:00Z", "day");
        expect("2014-04-00T00:00:00Z", "day");
        expect("2014-02-30T00:00:00Z", "day");
        expect("2014-02-29T00:00:00Z", "day");
        expect("1900-02-29T00:00:00Z", "day");
        expect("2100-02-29T00:00:00Z", "day");
        expect("2014-04-29T24:00:00Z", "hour");
        expect("2014-04-29T99:00:00Z", "hour");
        expect("2014-04-29T18:60:00Z", "minute");
        expect("2014-04-29T18:30:61Z", "second");
        expect("2014-04-29T18:30:38+24:00", "offset");
        expect("2014-04-29T18:30:38+01:60", "offset");
        // Out of the years 0001-9999, also through an offset.
        expect("0000-01-01T00:00:00Z", "out of range");
        expect("0001-01-01T00:00:00+00:01", "out of range");
        expect("9999-12-31T23:59:59-00:01", "out of range");
        // Not RFC 3339 (the Smithy malformed-request cases and more).
        for s in [
            "",
            "Z",
            "2014",
            "2014-04-29",
            "2014-04-29T18:30:38",
            "2014-04-29T18:30:38.Z",
            "2014-04-29T18:30:38.",
            "2014-04-29T18:30:38.123",
            "2014-04-29T18:30:38ZZ",
            "2014-04-29T18:30:38Z ",
            " 2014-04-29T18:30:38Z",
            "2014-04-29T18:30:38 Z",
            "2014-04-29 18:30:38Z",
            "2014-04-29_18:30:38Z",
            "2014-4-29T18:30:38Z",
            "2014-04-9T18:30:38Z",
            "2014-04-29T8:30:38Z",
            "14-04-29T18:30:38Z",
            "+2014-04-29T18:30:38Z",
            "-2014-04-29T18:30:38Z",
            "20140-04-29T18:30:38Z",
            "2014-04-29T18:30:38,123Z",
            "2014-04-29T18:30:38.-1Z",
            "2014-04-29T18:30:38.1e3Z",
            "2014-04-29T18:30:38UTC",
            "2014-04-29T18:30:38GMT",
            "2014-04-29T18:30:38+0100",
            "2014-04-29T18:30:38+01",
            "2014-04-29T18:30:38+1:00",
            "2014-04-29T18:30:38+01:00Z",
            "1996-12-19T16:39:57+00",
            "1996-12-19T16:39:57+00Z",
            "1996-12-19T163957",
            "19961219T163957Z",
            "19961219T163957",
            "19961219T16:39:57Z",
            "19961219T16:39:57",
            "1996-12-19T16:39Z",
            "1996-12-19T16:39",
            "1996-12-19T1639",
            "1996-12-19T16Z",
            "1996-12-19T16",
            "1996-12-19 16:39:57Z",
            "2011-12-03T10:15:30+01:00[Europe/Paris]",
            "2014-04-29T18:30:38.１２Z",
            "２014-04-29T18:30:38Z",
            "2014-04-29T18:30:38Ｚ",
            "Tue, 29 Apr 2014 18:30:38 GMT",
            "1398796238",
        ] {
            expect(s, "expected RFC 3339");
        }
    }

    #[test]
    fn http_date_forms() {
        let t = Timestamp::from_secs(784111777);
        for s in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Sun Nov 06 08:49:37 1994",
            // The day name is not checked against the date.
            "Mon, 06 Nov 1994 08:49:37 GMT",
            "Monday, 06-Nov-94 08:49:37 GMT",
            "Mon Nov  6 08:49:37 1994",
        ] {
            assert_eq!(Timestamp::parse_http_date(s).unwrap(), t, "{s}");
        }
        // Fractional seconds, of any length, accepted and dropped (http-date writes whole
        // seconds, so that is all it reads).
        let cases: &[(&str, i64, u32)] = &[
            ("Tue, 29 Apr 2014 18:30:38.123 GMT", 1398796238, 0),
            ("Sun, 02 Jan 2000 20:34:56.000 GMT", 946845296, 0),
            ("Mon, 16 Dec 2019 23:48:18.52 GMT", 1576540098, 0),
            ("Mon, 16 Dec 2019 23:48:18.1 GMT", 1576540098, 0),
            ("Mon, 16 Dec 2019 23:48:18.999999999 GMT", 1576540098, 0),
            ("Mon, 16 Dec 2019 23:48:18.1234567891 GMT", 1576540098, 0),
            // RFC 850 years: 69-99 are 19xx, 00-68 are 20xx (POSIX %y, Python).
            ("Thursday, 01-Jan-70 00:00:00 GMT", 0, 0),
            ("Wednesday, 31-Dec-69 23:59:59 GMT", -1, 0),
            ("Saturday, 01-Jan-00 00:00:00 GMT", 946684800, 0),
            ("Sunday, 01-Jan-68 00:00:00 GMT", 3092601600, 0),
            ("Tuesday, 29-Feb-00 00:00:00 GMT", 951782400, 0),
            ("Thu Jan  1 00:00:00 1970", 0, 0),
            ("Fri Dec 31 23:59:59 9999", 253402300799, 0),
            ("Mon Jan  1 00:00:00 0001", -62135596800, 0),
        ];
        for &(s, secs, nanos) in cases {
            assert_eq!(
                Timestamp::parse_http_date(s).unwrap(),
                ts(secs, nanos),
                "{s}"
            );
        }
    }

    #[test]
    fn http_date_rejections() {
        let expect = |s: &str, what: &str| {
            let e = Timestamp::parse_http_date(s).unwrap_err();
            let m = message(&e);
            assert!(m.contains(what), "{s}: {m}");
            let without_example = m.replace("Tue, 29 Apr 2014 18:30:38 GMT", "");
            assert!(
                s.is_empty() || !without_example.contains(s),
                "the message echoes the input: {m}"
            );
        };
        expect("Tue, 32 Apr 2014 18:30:38 GMT", "day");
        expect("Tue, 31 Apr 2014 18:30:38 GMT", "day");
        expect("Tue, 00 Apr 2014 18:30:38 GMT", "day");
        expect("Tue, 29 Feb 1900 18:30:38 GMT", "day");
        expect("Tue, 29 Feb 2014 18:30:38 GMT", "day");
        expect("Tue, 29 Apr 2014 24:30:38 GMT", "hour");
        expect("Tue, 29 Apr 2014 18:60:38 GMT", "minute");
        expect("Tue, 29 Apr 2014 18:30:60 GMT", "second");
        expect("Tue, 29 Apr 2014 18:30:61 GMT", "second");
        expect("Tue, 29 Abr 2014 18:30:38 GMT", "month");
        expect("Tue, 29 apr 2014 18:30:38 GMT", "month");
        expect("Tue, 29 Apr 0000 18:30:38 GMT", "out of range");
        expect("Sun, 31 Dec 0000 23:59:59 GMT", "out of range");
        for s in [
            "",
            "GMT",
            "Tue, 29 Apr 2014 18:30:38",
            "Tue, 29 Apr 2014 18:30:38 UTC",
            "Tue, 29 Apr 2014 18:30:38 gmt",
            "Tue, 29 Apr 2014 18:30:38 +0000",
            "Tue, 29 Apr 2014 18:30:38 GMT ",
            " Tue, 29 Apr 2014 18:30:38 GMT",
            "Tue,  29 Apr 2014 18:30:38 GMT",
            "Tue, 29 Apr 2014 18:30:38  GMT",
            "Tue, 29 Apr 2014 18:30:38. GMT",
            "Tue, 29 Apr 2014 18:30:38.x GMT",
            "Tue, 29 Apr 2014 18:30 GMT",
            "Tue, 9 Apr 2014 18:30:38 GMT",
            "Tue, 29 Apr 14 18:30:38 GMT",
            "Tue, 29 Apr 20140 18:30:38 GMT",
            "Tue 29 Apr 2014 18:30:38 GMT",
            "Tus, 29 Apr 2014 18:30:38 GMT",
            "tue, 29 Apr 2014 18:30:38 GMT",
            "Tuesday, 29 Apr 2014 18:30:38 GMT",
            "Tue, 29-Apr-14 18:30:38 GMT",
            "Tues, 29-Apr-14 18:30:38 GMT",
            "Tuesday, 29-Apr-2014 18:30:38 GMT",
            "Tuesday, 29-Apr-14 18:30:38",
            "Tuesday, 29-Apr-14 18:30:38.5 GMT",
            "Tue Apr 29 18:30:38 2014 GMT",
            "Tue Apr 29 18:30:38 14",
            "Tue Apr   9 18:30:38 2014",
            "Tue Apr 9 18:30:38 2014",
            "Tue Apr 29 18:30:38.5 2014",
            "2014-04-29T18:30:38Z",
            "1398796238",
            "Tue, 29 Apr 2014 18:30:38 GMＴ",
            "Tue, ２9 Apr 2014 18:30:38 GMT",
        ] {
            expect(s, "expected IMF-fixdate");
        }
    }

    #[test]
    fn epoch_seconds_text() {
        let cases: &[(&str, i64, u32)] = &[
            ("1398796238", 1398796238, 0),
            ("-5", -5, 0),
            ("0", 0, 0),
            ("-0", 0, 0),
            ("-0.0", 0, 0),
            ("0007", 7, 0),
            ("1398796238.123", 1398796238, 123_000_000),
            // Floored to the millisecond.
            ("1515531081.1234", 1515531081, 123_000_000),
            ("1700000000.184467", 1700000000, 184_000_000),
            ("1.000000001", 1, 0),
            ("1.0000000019", 1, 0),
            ("-1.0000000019", -2, 999_000_000),
            ("-1.0010", -2, 999_000_000),
            ("-1.0011", -2, 998_000_000),
            ("-1.5", -2, 500_000_000),
            ("-0.001", -1, 999_000_000),
            ("-0.0001", -1, 999_000_000),
            ("253402300799.999999999", 253402300799, 999_000_000),
            ("-62135596800", -62135596800, 0),
        ];
        for &(s, secs, nanos) in cases {
            assert_eq!(
                Timestamp::parse_epoch_seconds(s).unwrap(),
                ts(secs, nanos),
                "{s}"
            );
            assert_eq!(Timestamp::parse(s, ES).unwrap(), ts(secs, nanos), "{s}");
        }
        for s in [
            "",
            "-",
            ".",
            "-.5",
            ".5",
            "5.",
            "+5",
            "1e9",
            "1E9",
            "1.5e3",
            "0x42",
            "NaN",
            "nan",
            "Infinity",
            "-Infinity",
            "inf",
            "1515531081ABC",
            "1515531081.123.456",
            "1 ",
            " 1",
            "1,5",
            "1_000",
            "--1",
            "1-",
            "1.-5",
            "1.+5",
            "１",
            "1.５",
        ] {
            let e = Timestamp::parse_epoch_seconds(s).unwrap_err();
            let m = message(&e);
            assert!(m.contains("expected decimal seconds"), "{s}: {m}");
        }
        for s in [
            "253402300800",
            "-62135596801",
            "-62135596800.5",
            // Floored to -62135596800.001, a millisecond before 0001-01-01.
            "-62135596800.0000000001",
            "9223372036854775807",
            "-9223372036854775808",
            "99999999999999999999999999999999999999999999999999",
            "-99999999999999999999999999999999999999999999999999.5",
        ] {
            let e = Timestamp::parse_epoch_seconds(s).unwrap_err();
            assert!(message(&e).contains("out of range"), "{s}: {e}");
        }
    }

    #[test]
    fn parse_dispatches_on_format() {
        let t = Timestamp::from_secs(1398796238);
        assert_eq!(Timestamp::parse("2014-04-29T18:30:38Z", DT).unwrap(), t);
        assert_eq!(
            Timestamp::parse("Tue, 29 Apr 2014 18:30:38 GMT", HD).unwrap(),
            t
        );
        assert_eq!(Timestamp::parse("1398796238", ES).unwrap(), t);
        assert!(Timestamp::parse("1398796238", DT).is_err());
        assert!(Timestamp::parse("2014-04-29T18:30:38Z", HD).is_err());
        assert!(Timestamp::parse("Tue, 29 Apr 2014 18:30:38 GMT", ES).is_err());
    }

    /// Every day from 0000-03-01 to 10000-03-01 against a naive day-by-day calendar.
    #[test]
    fn calendar_matches_naive_count() {
        let mut date = Date {
            year: 0,
            month: 3,
            day: 1,
        };
        let mut days = days_from_civil(date);
        assert_eq!(days, -719_468);
        assert_eq!(
            days_from_civil(Date {
                year: 1970,
                month: 1,
                day: 1
            }),
            0
        );
        while date.year < 10_000 || date.month < 3 {
            assert_eq!(days_from_civil(date), days, "{date:?}");
            assert_eq!(civil_from_days(days), date, "{days}");
            date.day += 1;
            if date.day > days_in_month(date.year, date.month) {
                date.day = 1;
                date.month += 1;
                if date.month > 12 {
                    date.month = 1;
                    date.year += 1;
                }
            }
            days += 1;
        }
        assert!(is_leap_year(2000) && is_leap_year(2024) && is_leap_year(0));
        assert!(!is_leap_year(1900) && !is_leap_year(2100) && !is_leap_year(2023));
        // Far outside: civil_from_days inverts days_from_civil without overflow.
        for days in [
            i64::MIN / SECS_PER_DAY - 1,
            i64::MAX / SECS_PER_DAY,
            -1_000_000_000,
        ] {
            assert_eq!(days_from_civil(civil_from_days(days)), days);
        }
    }

    /// A 64-bit linear congruential generator (Knuth's MMIX constants).
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 11) ^ (self.0 << 53)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    #[test]
    fn sweep_round_trips() {
        let mut rng = Lcg(0x5eed);
        let span = (MAX_SECS - MIN_SECS + 1) as u64;
        for i in 0..100_000 {
            let secs = match i % 4 {
                // Near the epoch, where negative values meet positive ones.
                0 => rng.below(2_000_001) as i64 - 1_000_000,
                _ => MIN_SECS + rng.below(span) as i64,
            };
            let nanos = match i % 3 {
                0 => 0,
                1 => rng.below(1000) as u32 * NANOS_PER_MILLI,
                _ => rng.below(u64::from(NANOS_PER_SEC)) as u32,
            };
            let t = ts(secs, nanos);
            let millis = ts(secs, nanos / NANOS_PER_MILLI * NANOS_PER_MILLI);
            let whole = Timestamp::from_secs(secs);
            // date-time and epoch-seconds keep milliseconds; http-date whole seconds.
            assert_eq!(
                Timestamp::parse_date_time(&t.fmt(DT)).unwrap(),
                millis,
                "{t:?}"
            );
            assert_eq!(
                Timestamp::parse_epoch_seconds(&t.fmt(ES)).unwrap(),
                millis,
                "{t:?}"
            );
            assert_eq!(
                Timestamp::parse_http_date(&t.fmt(HD)).unwrap(),
                whole,
                "{t:?}"
            );
            // The f64 path keeps milliseconds everywhere in range.
            assert_eq!(
                Timestamp::from_epoch_f64(millis.as_epoch_f64()).unwrap(),
                millis
            );
            // Lexicographic order of whole-second date-times is chronological order.
            let other = Timestamp::from_secs(MIN_SECS + rng.below(span) as i64);
            assert_eq!(whole.fmt(DT).cmp(&other.fmt(DT)), whole.cmp(&other));
            // Through SystemTime and back.
            assert_eq!(Timestamp::from(SystemTime::from(t)), t);
        }
    }

    #[test]
    fn sweep_random_input_never_panics() {
        let mut rng = Lcg(0xbad_5eed);
        let valid = [
            "2014-04-29T18:30:38.123+01:00",
            "Tue, 29 Apr 2014 18:30:38.123 GMT",
            "Tuesday, 29-Apr-14 18:30:38 GMT",
            "Tue Apr 29 18:30:38 2014",
            "-1398796238.123",
        ];
        let alphabet = b"0123456789-+:.,TtZz GMTuesdayApr\xc3\xa9\xff";
        let mut accepted = 0;
        for i in 0..100_000 {
            let bytes: Vec<u8> = if i % 2 == 0 {
                // Random bytes of random length.
                let len = rng.below(40) as usize;
                (0..len).map(|_| rng.next() as u8).collect()
            } else {
                // A valid string with a few bytes replaced, inserted or removed.
                let mut b = valid[i % valid.len()].as_bytes().to_vec();
                for _ in 0..=rng.below(3) {
                    let at = rng.below(b.len() as u64 + 1) as usize;
                    let byte = alphabet[rng.below(alphabet.len() as u64) as usize];
                    match rng.below(3) {
                        0 if at < b.len() => b[at] = byte,
                        1 if at < b.len() => {
                            b.remove(at);
                        }
                        _ => b.insert(at, byte),
                    }
                }
                b
            };
            let s = String::from_utf8_lossy(&bytes);
            for format in [DT, HD, ES] {
                if let Ok(t) = Timestamp::parse(&s, format) {
                    accepted += 1;
                    assert!((MIN_SECS..=MAX_SECS).contains(&t.secs()), "{s}");
                    assert!(t.subsec_nanos() < NANOS_PER_SEC);
                    // Whatever is accepted formats again and reads back the same.
                    let again = Timestamp::parse(&t.fmt(format), format).unwrap();
                    assert_eq!(again.secs(), t.secs(), "{s}");
                }
            }
            if let Ok(f) = std::str::from_utf8(&bytes).unwrap_or("").parse::<f64>() {
                let _ = Timestamp::from_epoch_f64(f);
            }
        }
        assert!(
            accepted > 1000,
            "the mutations should keep some inputs valid"
        );
        // Random f64 bit patterns.
        for _ in 0..100_000 {
            let f = f64::from_bits(rng.next());
            if let Ok(t) = Timestamp::from_epoch_f64(f) {
                assert!((MIN_SECS..=MAX_SECS).contains(&t.secs()), "{f}");
            }
        }
    }
}
