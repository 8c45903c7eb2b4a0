//! The `#[serde(with = ...)]` helpers a serde user writes for AWS values: epoch-second and
//! date-time timestamps and base64 blobs, converting to the same `awso::Timestamp` and bytes
//! as awso does, so both sides do the same work.

use awso::{Timestamp, TimestampFormat};
use base64::Engine as _;
use serde::de::{Error as _, Visitor};
use serde::{Deserializer, Serializer};
use std::fmt;

/// An optional timestamp as JSON epoch seconds (`1.732528861345E9`).
pub mod epoch_opt {
    use super::*;

    /// Writes the timestamp as a number of seconds (in CBOR, tagged 1 as rpcv2Cbor wants).
    pub fn serialize<S: Serializer>(v: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(t) if s.is_human_readable() => s.serialize_f64(t.as_epoch_f64()),
            Some(t) => s.serialize_some(&ciborium::tag::Required::<f64, 1>(t.as_epoch_f64())),
            None => s.serialize_none(),
        }
    }

    /// Reads a number of seconds.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        let secs: Option<f64> = serde::Deserialize::deserialize(d)?;
        secs.map(|s| Timestamp::from_epoch_f64(s).map_err(D::Error::custom))
            .transpose()
    }
}

struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = Timestamp;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date-time timestamp")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
        Timestamp::parse_date_time(v.trim()).map_err(E::custom)
    }
}

/// A timestamp as XML `date-time` text (`2018-05-08T16:46:19.000Z`).
pub mod date_time {
    use super::*;

    /// Writes the timestamp as date-time text.
    pub fn serialize<S: Serializer>(v: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.fmt(TimestampFormat::DateTime))
    }

    /// Reads date-time text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        d.deserialize_str(DateTimeVisitor)
    }
}

/// An optional timestamp as XML `date-time` text.
pub mod date_time_opt {
    use super::*;

    /// Writes the timestamp as date-time text.
    pub fn serialize<S: Serializer>(v: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(t) => s.serialize_str(&t.fmt(TimestampFormat::DateTime)),
            None => s.serialize_none(),
        }
    }

    /// Reads date-time text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        super::date_time::deserialize(d).map(Some)
    }
}

struct Base64Visitor;

impl Visitor<'_> for Base64Visitor {
    type Value = Vec<u8>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("base64 text")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
        base64::engine::general_purpose::STANDARD
            .decode(v)
            .map_err(E::custom)
    }
    // Binary formats (CBOR) carry the bytes themselves.
    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
        Ok(v.to_vec())
    }
    fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
        Ok(v)
    }
}

/// A blob as base64 text.
pub mod base64_bytes {
    use super::*;

    /// Writes the bytes as base64 (as bytes in binary formats such as CBOR).
    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(v))
        } else {
            s.serialize_bytes(v)
        }
    }

    /// Reads base64 text (bytes in binary formats).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        if d.is_human_readable() {
            d.deserialize_str(Base64Visitor)
        } else {
            d.deserialize_bytes(Base64Visitor)
        }
    }
}

/// An optional blob as base64 text.
pub mod base64_opt {
    use super::*;

    /// Writes the bytes as base64.
    pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(b) => s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(b)),
            None => s.serialize_none(),
        }
    }

    /// Reads base64 text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        d.deserialize_str(Base64Visitor).map(Some)
    }
}

/// A timestamp as epoch seconds (tagged 1 in CBOR), one element of a list.
struct Epoch(Timestamp);

impl serde::Serialize for Epoch {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_f64(self.0.as_epoch_f64())
        } else {
            ciborium::tag::Required::<f64, 1>(self.0.as_epoch_f64()).serialize(s)
        }
    }
}

impl<'de> serde::Deserialize<'de> for Epoch {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let secs = f64::deserialize(d)?;
        Timestamp::from_epoch_f64(secs)
            .map(Epoch)
            .map_err(D::Error::custom)
    }
}

/// An optional list of timestamps as epoch seconds (CloudWatch's `Timestamps`).
pub mod epoch_list_opt {
    use super::*;
    use serde::de::SeqAccess;

    /// Writes the timestamps as numbers of seconds.
    pub fn serialize<S: Serializer>(v: &Option<Vec<Timestamp>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(list) => s.collect_seq(list.iter().map(|t| Epoch(*t))),
            None => s.serialize_none(),
        }
    }

    struct ListVisitor;

    impl<'de> Visitor<'de> for ListVisitor {
        type Value = Vec<Timestamp>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of epoch seconds")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Timestamp>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(Epoch(t)) = seq.next_element()? {
                out.push(t);
            }
            Ok(out)
        }
    }

    struct OptionVisitor;

    impl<'de> Visitor<'de> for OptionVisitor {
        type Value = Option<Vec<Timestamp>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list of epoch seconds or null")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_seq(ListVisitor).map(Some)
        }
    }

    /// Reads a list of numbers of seconds.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Vec<Timestamp>>, D::Error> {
        d.deserialize_option(OptionVisitor)
    }
}
