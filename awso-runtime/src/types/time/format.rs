//! Writing a timestamp in the three formats, into a fixed buffer (no allocation).

use super::*;
pub(super) const SHORT_DAYS: [&[u8; 3]; 7] =
    [b"Sun", b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat"];
pub(super) const LONG_DAYS: [&[u8]; 7] = [
    b"Sunday",
    b"Monday",
    b"Tuesday",
    b"Wednesday",
    b"Thursday",
    b"Friday",
    b"Saturday",
];
pub(super) const MONTHS: [&[u8; 3]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// The longest text written: `Wed, 31 Dec -292277022657 23:59:59 GMT` and the like.
pub(super) const BUF_LEN: usize = 48;

/// A fixed stack buffer of ASCII text.
pub(super) struct Buf {
    pub(super) bytes: [u8; BUF_LEN],
    pub(super) len: usize,
}

impl Buf {
    pub(super) fn new() -> Self {
        Buf {
            bytes: [0; BUF_LEN],
            len: 0,
        }
    }

    /// Appends a byte; bytes past the capacity are dropped (never reached: every writer stays
    /// below `BUF_LEN`, which `fmt::Write` below reports as an error instead).
    pub(super) fn push(&mut self, b: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    pub(super) fn extend(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push(b);
        }
    }

    /// Two decimal digits of `v < 100`.
    pub(super) fn push_2(&mut self, v: u32) {
        self.push(b'0' + (v / 10 % 10) as u8);
        self.push(b'0' + (v % 10) as u8);
    }

    /// `v` in exactly `width` digits, zero-padded (`v < 10^width`).
    pub(super) fn push_padded(&mut self, v: u32, width: u32) {
        let mut place = 10u32.pow(width.saturating_sub(1));
        while place > 0 {
            self.push(b'0' + (v / place % 10) as u8);
            place /= 10;
        }
    }

    pub(super) fn push_u64(&mut self, v: u64) {
        self.extend(itoa::Buffer::new().format(v).as_bytes());
    }

    pub(super) fn push_i64(&mut self, v: i64) {
        self.extend(itoa::Buffer::new().format(v).as_bytes());
    }

    pub(super) fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }

    pub(super) fn as_str(&self) -> &str {
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
pub(super) fn push_year(buf: &mut Buf, year: i64) {
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
pub(super) fn push_time_of_day(buf: &mut Buf, second_of_day: u32) {
    buf.push_2(second_of_day / 3600);
    buf.push(b':');
    buf.push_2(second_of_day / 60 % 60);
    buf.push(b':');
    buf.push_2(second_of_day % 60);
}

/// `millis` (1..=999) as a fraction without trailing zeros: 120 is `12`, 5 is `005`.
pub(super) fn push_millis_trimmed(buf: &mut Buf, millis: u32) {
    buf.push(b'0' + (millis / 100) as u8);
    if millis % 100 != 0 {
        buf.push(b'0' + (millis / 10 % 10) as u8);
        if millis % 10 != 0 {
            buf.push(b'0' + (millis % 10) as u8);
        }
    }
}
