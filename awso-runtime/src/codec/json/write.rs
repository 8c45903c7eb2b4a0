//! Low-level JSON text writing into a `Vec<u8>`: strings, numbers, the AWS float strings.

/// Bytes that must be escaped inside a JSON string: 0 = copy as-is, else the escape letter
/// (`u` for `\u00XX`).
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Writes `s` as a quoted, escaped JSON string. Runs that need no escape are found eight
/// bytes at a time (the reader's scan: exactly the bytes `ESCAPE` marks) and copied whole.
#[inline]
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    loop {
        let (i, _) = super::read::find_special(bytes, start);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        out.extend_from_slice(bytes.get(start..i).unwrap_or_default());
        start = i + 1;
        let esc = ESCAPE[b as usize];
        if esc == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 0xf) as usize],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', esc]);
        }
    }
    out.extend_from_slice(bytes.get(start..).unwrap_or_default());
    out.push(b'"');
}

/// Writes an integer.
#[inline]
pub fn write_int<I: itoa::Integer>(out: &mut Vec<u8>, v: I) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

pub(crate) use crate::number::non_finite_name;

/// Writes a double: shortest round-trip digits, or the AWS string for NaN and infinities.
/// With `zmij`, serde_json's formatter: the digits `ryu` gives, a positive exponent signed
/// (`1e+16`), in fewer instructions.
#[inline]
pub fn write_f64(out: &mut Vec<u8>, v: f64) {
    match non_finite_name(v) {
        Some(name) => write_str(out, name),
        None => out.extend_from_slice(zmij::Buffer::new().format_finite(v).as_bytes()),
    }
}

/// Writes a float: shortest digits that round-trip as `f32`.
#[inline]
pub fn write_f32(out: &mut Vec<u8>, v: f32) {
    match non_finite_name(f64::from(v)) {
        Some(name) => write_str(out, name),
        None => out.extend_from_slice(ryu::Buffer::new().format_finite(v).as_bytes()),
    }
}

#[cfg(test)]
mod float_tests {
    /// Strings come out as serde_json writes them: random mixes of plain ASCII runs of every
    /// length, quotes, backslashes, every control byte, DEL and multi-byte characters.
    #[test]
    fn strings_are_escaped_as_serde_json_does() {
        let pieces = [
            "a",
            "plain run",
            "0123456789abcdef",
            "\"",
            "\\",
            "/",
            "\u{7f}",
            "é",
            "€",
            "😀",
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let mut s = String::new();
            let n = (state % 12) as usize;
            for _ in 0..n {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                match state % 4 {
                    0 => s.push(char::from((state >> 8) as u8 % 0x20)),
                    _ => s.push_str(pieces[(state >> 8) as usize % pieces.len()]),
                }
            }
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut ours = Vec::new();
            super::write_str(&mut ours, &s);
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(&s).unwrap()
            );
        }
    }

    /// `zmij` writes every double as `ryu` did (awso's output before), but for the `+` of a
    /// positive exponent (`1e+16`, as serde_json writes it now): random bit patterns, random
    /// short decimals, integers and the edges of the exponent forms.
    #[test]
    fn doubles_are_written_as_ryu_wrote_them() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            0.1,
            1e15,
            1e16,
            1e17,
            1e-5,
            1e-6,
            1e-7,
            1e21,
            1e22,
            1e23,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            1_732_060_800.0,
            123_456_789.012_345_6,
        ];
        for _ in 0..200_000 {
            let bits = next();
            values.push(f64::from_bits(bits));
            values.push((bits >> 11) as f64 / (1u64 << 53) as f64 * 100.0);
            values.push((bits % 1_000_000) as f64 / 1000.0);
            values.push((bits >> 20) as f64);
        }
        for v in values.into_iter().filter(|v| v.is_finite()) {
            let mut ours = Vec::new();
            super::write_f64(&mut ours, v);
            let ryu = ryu::Buffer::new().format_finite(v).to_owned();
            let ours = String::from_utf8(ours).unwrap();
            assert_eq!(ours.replace("e+", "e"), ryu, "{v:e}");
            assert_eq!(ours.parse::<f64>().unwrap().to_bits(), v.to_bits(), "{v:e}");
        }
    }
}
