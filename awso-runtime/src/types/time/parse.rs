//! Reading the three formats: RFC 3339 date-times, the three HTTP-date forms, epoch seconds;
//! errors say what is wrong without repeating the input.

use super::*;
/// What is wrong with a timestamp, for an error message that does not repeat the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Bad {
    Syntax,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Offset,
    Range,
}

pub(super) fn out_of_range() -> Error {
    Error::invalid("timestamp out of range: expected a date from 0001-01-01 to 9999-12-31")
}

pub(super) fn date_time_error(bad: Bad) -> Error {
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

pub(super) fn http_date_error(bad: Bad) -> Error {
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

pub(super) fn epoch_error(bad: Bad) -> Error {
    match bad {
        Bad::Range => out_of_range(),
        _ => Error::invalid(
            "invalid epoch-seconds timestamp: expected decimal seconds \
             like 1398796238 or 1398796238.123",
        ),
    }
}

/// A cursor over the input bytes; every read is bounds-checked.
pub(super) struct Cursor<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, pos: 0 }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(super) fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        Some(b)
    }

    /// Consumes `b`, or fails.
    pub(super) fn expect(&mut self, b: u8) -> Result<(), Bad> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Bad::Syntax)
        }
    }

    /// Consumes `tag` if the input continues with it.
    pub(super) fn eat(&mut self, tag: &[u8]) -> bool {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        if rest.starts_with(tag) {
            self.pos += tag.len();
            true
        } else {
            false
        }
    }

    /// Exactly `n` ASCII digits (`n <= 9`) as a number.
    pub(super) fn digits(&mut self, n: usize) -> Result<u32, Bad> {
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
    pub(super) fn fraction(&mut self) -> Result<(u32, bool), Bad> {
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
    pub(super) fn one_of(&mut self, names: &[&[u8]]) -> Result<usize, Bad> {
        for (i, name) in names.iter().enumerate() {
            if self.eat(name) {
                return Ok(i);
            }
        }
        Err(Bad::Syntax)
    }

    pub(super) fn finish(&self) -> Result<(), Bad> {
        if self.pos == self.bytes.len() {
            Ok(())
        } else {
            Err(Bad::Syntax)
        }
    }
}

/// The broken-down fields of a parsed timestamp, before checking.
pub(super) struct Fields {
    pub(super) year: i64,
    pub(super) month: u32,
    pub(super) day: u32,
    pub(super) hour: u32,
    pub(super) minute: u32,
    pub(super) second: u32,
    pub(super) nanos: u32,
    /// Seconds east of UTC.
    pub(super) offset: i64,
}

impl Fields {
    /// Range-checks the fields and converts them to an instant in the years 0001–9999.
    pub(super) fn to_timestamp(&self) -> Result<Timestamp, Bad> {
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
pub(super) fn date_time(bytes: &[u8]) -> Result<Timestamp, Bad> {
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
pub(super) fn http_date(bytes: &[u8]) -> Result<Timestamp, Bad> {
    match bytes.get(3) {
        Some(b',') => imf_fixdate(bytes),
        Some(b' ') => asctime(bytes),
        _ => rfc850(bytes),
    }
    .map(|t| t.floor_to(TimestampFormat::HttpDate))
}

/// A month name, as 1..=12.
pub(super) fn month(c: &mut Cursor<'_>) -> Result<u32, Bad> {
    let names: [&[u8]; 12] = MONTHS.map(|m| &m[..]);
    c.one_of(&names)
        .map(|i| i as u32 + 1)
        .map_err(|_| Bad::Month)
}

/// `hh:mm:ss`.
pub(super) fn time_of_day(c: &mut Cursor<'_>) -> Result<(u32, u32, u32), Bad> {
    let hour = c.digits(2)?;
    c.expect(b':')?;
    let minute = c.digits(2)?;
    c.expect(b':')?;
    let second = c.digits(2)?;
    Ok((hour, minute, second))
}

/// `Sun, 06 Nov 1994 08:49:37[.frac] GMT`.
pub(super) fn imf_fixdate(bytes: &[u8]) -> Result<Timestamp, Bad> {
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
    http_date_fields(year, month, day, (hour, minute, second))
}

/// The instant of an HTTP-date's fields: always GMT, whole seconds.
fn http_date_fields(
    year: i64,
    month: u32,
    day: u32,
    (hour, minute, second): (u32, u32, u32),
) -> Result<Timestamp, Bad> {
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
pub(super) fn rfc850(bytes: &[u8]) -> Result<Timestamp, Bad> {
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
    http_date_fields(year, month, day, (hour, minute, second))
}

/// `Sun Nov  6 08:49:37 1994` (the day is two digits or a space and a digit).
pub(super) fn asctime(bytes: &[u8]) -> Result<Timestamp, Bad> {
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
    http_date_fields(year, month, day, (hour, minute, second))
}

/// `-?digits[.digits]` as nanoseconds since the epoch, floored to the millisecond;
/// `Bad::Range` for integer parts far past any supported year (after checking the whole syntax).
pub(super) fn parse_decimal(bytes: &[u8]) -> Result<i128, Bad> {
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
