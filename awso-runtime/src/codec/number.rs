//! Numbers as text, once for every format that writes or reads them as text: XML elements and
//! attributes, awsQuery/ec2Query values, HTTP header and query values (JSON writes the same
//! digits through [`non_finite_name`] and its own byte writer; its reader is its own, for
//! speed).
//!
//! Integers are plain decimal. Floats are the shortest digits that read back as the same
//! value (`ryu`), and NaN and the infinities are `NaN`, `Infinity` and `-Infinity`, the
//! names every AWS protocol uses.

use std::str::FromStr;

/// The AWS name of a non-finite float (`"NaN"`, `"Infinity"`, `"-Infinity"`).
#[inline]
pub(crate) fn non_finite_name(v: f64) -> Option<&'static str> {
    if v.is_nan() {
        Some("NaN")
    } else if v.is_infinite() {
        Some(if v > 0.0 { "Infinity" } else { "-Infinity" })
    } else {
        None
    }
}

/// A number whose text form can be lent to a closure without allocating.
pub(crate) trait NumberText: Copy {
    /// Calls `f` with this number's text.
    fn with_text<R>(self, f: impl FnOnce(&str) -> R) -> R;
}

macro_rules! int_text {
    ($($t:ty),*) => {$(
        impl NumberText for $t {
            #[inline]
            fn with_text<R>(self, f: impl FnOnce(&str) -> R) -> R {
                f(itoa::Buffer::new().format(self))
            }
        }
    )*};
}
int_text!(i8, i16, i32, i64, u64, usize);

impl NumberText for f64 {
    #[inline]
    fn with_text<R>(self, f: impl FnOnce(&str) -> R) -> R {
        match non_finite_name(self) {
            Some(name) => f(name),
            None => f(ryu::Buffer::new().format_finite(self)),
        }
    }
}

impl NumberText for f32 {
    /// The shortest digits that read back as this `f32` (`1.1`, not `1.100000023841858`).
    #[inline]
    fn with_text<R>(self, f: impl FnOnce(&str) -> R) -> R {
        match non_finite_name(f64::from(self)) {
            Some(name) => f(name),
            None => f(ryu::Buffer::new().format_finite(self)),
        }
    }
}

/// Why a text is not an integer of the wanted type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IntError {
    /// An integer, but outside the type's range.
    OutOfRange,
    /// Not an integer at all.
    NotAnInteger,
}

/// Reads an integer of type `T` from `text` (surrounding white space allowed).
pub(crate) fn parse_int<T: FromStr>(text: &str) -> Result<T, IntError> {
    let t = text.trim();
    t.parse::<T>().map_err(|_| {
        if !t.is_empty() && t.parse::<i128>().is_ok() {
            IntError::OutOfRange
        } else {
            IntError::NotAnInteger
        }
    })
}

/// Reads a float from `text` (surrounding white space allowed): a decimal number, or one of
/// the AWS names of NaN and the infinities. Rust's own spellings (`inf`, `nan`, `infinity`)
/// are not AWS's, and are refused.
pub(crate) fn parse_f64(text: &str) -> Option<f64> {
    match text.trim() {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        t if !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b)) =>
        {
            t.parse().ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_shortest_and_by_aws_names() {
        assert_eq!(1.1f32.with_text(str::to_owned), "1.1");
        assert_eq!(1e20f64.with_text(str::to_owned), "1e20");
        assert_eq!(f64::NAN.with_text(str::to_owned), "NaN");
        assert_eq!(f32::NEG_INFINITY.with_text(str::to_owned), "-Infinity");
        assert_eq!((-5i8).with_text(str::to_owned), "-5");
    }

    #[test]
    fn parsing_takes_aws_names_and_refuses_rusts() {
        assert_eq!(parse_f64(" 1.5e3 "), Some(1500.0));
        assert_eq!(parse_f64("-Infinity"), Some(f64::NEG_INFINITY));
        assert!(parse_f64("NaN").is_some_and(f64::is_nan));
        for bad in ["", "inf", "nan", "infinity", "1,5", "0x10"] {
            assert_eq!(parse_f64(bad), None, "{bad:?}");
        }
        assert_eq!(parse_int::<i8>(" 127 "), Ok(127));
        assert_eq!(parse_int::<i8>("128"), Err(IntError::OutOfRange));
        assert_eq!(parse_int::<i8>("1.0"), Err(IntError::NotAnInteger));
        assert_eq!(parse_int::<i8>(""), Err(IntError::NotAnInteger));
    }
}
