//! The bodies of the fuzz targets, one function per target. Each takes arbitrary bytes, feeds
//! them to one family of awso entry points, and panics only on a bug: a panic inside awso, or
//! a broken invariant checked here (two paths disagreeing, a value that does not survive its
//! own serialization). Errors from bad input are expected and ignored.
//!
//! Shared by the libFuzzer binaries (`fuzz/fuzz_targets/*.rs`) and the main crate's
//! `tests/wire/fuzz_corpus.rs`, which runs the regression inputs and the checked-in corpus through
//! them as ordinary tests.

#![allow(dead_code)]

#[path = "shapes.rs"]
pub mod shapes;

use awso::cbor::{Cbor, CborOptions};
use awso::{AwsShape, Blob, Timestamp, TimestampFormat, Xml};
use shapes::{AttributeValue, Record, Strict, XmlRecord};

/// A fuzz target: bytes in, a panic on a bug.
pub type Target = fn(&[u8]);

/// Every target, by name (the directory names under `fuzz/corpus` and `fuzz/regressions`).
pub const TARGETS: &[(&str, Target)] = &[
    ("json_direct", json_direct),
    ("json_tree", json_tree),
    ("xml_direct", xml_direct),
    ("xml_tree", xml_tree),
    ("error_codes", error_codes),
    ("timestamps", timestamps),
    ("base64", base64),
    ("cbor_direct", cbor_direct),
    ("cbor_tree", cbor_tree),
];

/// Asserts two parsed values are the same, comparing their JSON forms (which write `NaN` as
/// a string, so NaN members compare equal, and order maps).
fn assert_same<T: AwsShape + std::fmt::Debug>(a: &T, b: &T, what: &str) {
    let (ja, jb) = (a.to_json(), b.to_json());
    assert!(ja == jb, "{what} disagree:\n{a:?}\n{b:?}");
}

/// Asserts two values are equal, exactly: `==` (timestamps to the nanosecond, which the JSON
/// forms `assert_same` compares would hide), unless a NaN makes `==` false; and the same
/// JSON forms (which compare NaNs).
fn assert_equal<T: AwsShape + PartialEq + std::fmt::Debug>(a: &T, b: &T, what: &str) {
    assert_same(a, b, what);
    assert!(
        a == b || format!("{a:?}").contains("NaN"),
        "{what} are not equal:\n{a:?}\n{b:?}"
    );
}

/// Whether a value holds a union's unit `Unknown` variant (a member the model does not know),
/// which has no wire form of its own: it writes as an empty union and cannot be read back.
/// Judged on the `Debug` text (string and int enums print `Unknown(..)` and write back fine);
/// a string that happens to hold `Unknown` only skips a check.
fn has_unknown_union<T: std::fmt::Debug>(v: &T) -> bool {
    let text = format!("{v:?}");
    text.match_indices("Unknown")
        .any(|(i, m)| !text[i + m.len()..].starts_with('('))
}

/// A value read back from its own JSON must be the same value, exactly (`==`: timestamps to
/// the nanosecond, so a reader keeping more precision than the writer writes is caught).
fn json_reparses<T: AwsShape + PartialEq + std::fmt::Debug>(v: &T) {
    if has_unknown_union(v) {
        return;
    }
    let bytes = awso::json::to_vec(v);
    let back: T = awso::json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "own JSON does not parse: {e}\n{}",
            String::from_utf8_lossy(&bytes)
        )
    });
    assert_equal(v, &back, "value and its JSON round trip");
}

/// `awso::json::from_slice` on the JSON shapes; whatever parses must survive `to_vec`
/// exactly.
pub fn json_direct(data: &[u8]) {
    if let Ok(v) = awso::json::from_slice::<Record>(data) {
        json_reparses(&v);
    }
    if let Ok(v) = awso::json::from_slice::<AttributeValue>(data) {
        json_reparses(&v);
    }
    if let Ok(v) = awso::json::from_slice::<Strict>(data) {
        json_reparses(&v);
    }
    if let Ok(v) = awso::json::from_slice::<Vec<Option<AttributeValue>>>(data) {
        json_reparses(&v);
    }
}

/// `serde_json` then `of_json`; when the direct path also succeeds, both must agree (exactly:
/// doubles too, and a repeated key means its last value on both paths). Compared by JSON form,
/// not `==`: a `Document` object read through `serde_json::Value` has its keys sorted.
pub fn json_tree(data: &[u8]) {
    let Ok(tree) = awso::serde_json::from_slice::<awso::serde_json::Value>(data) else {
        return;
    };
    if let Ok(v) = Record::of_json(&tree) {
        if let Ok(d) = awso::json::from_slice::<Record>(data) {
            assert_same(&v, &d, "tree and direct JSON parses");
        }
        let _ = v.to_json();
    }
    if let Ok(v) = AttributeValue::of_json(&tree) {
        if let Ok(d) = awso::json::from_slice::<AttributeValue>(data) {
            assert_same(&v, &d, "tree and direct JSON parses");
        }
    }
    let _ = Strict::of_json(&tree);
}

/// `awso::xml::from_str` / `from_str_query` / `from_str_ec2` (and `of_string`) on the XML
/// shapes; what parses must survive `to_xml` exactly. `of_string` must read what
/// `from_str_query` reads when the body is an awsQuery envelope (a `…Response` root with a
/// `…Result` child, as the tree's `unwrap_envelope` finds it), else what `from_str_ec2` reads:
/// the same value, or both an error.
pub fn xml_direct(data: &[u8]) {
    let _ = awso::xml::from_slice::<XmlRecord>(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(v) = awso::xml::from_str::<XmlRecord>(text) {
        xml_reparses(&v);
    }
    let query = awso::xml::from_str_query::<XmlRecord>(text);
    if let Ok(v) = &query {
        xml_reparses(v);
    }
    let ec2 = awso::xml::from_str_ec2::<XmlRecord>(text);
    let detected = XmlRecord::of_string(text);
    let envelope = match Xml::parse(text) {
        Ok(tree) => awso::xml::unwrap_envelope(&tree, awso::xml::Envelope::QueryResult).is_some(),
        // Not XML (or past a limit): no reader may read it, except an empty body, which every
        // envelope reads as an empty element (outputs without body members).
        Err(_) if text.trim().is_empty() => return,
        Err(e) => {
            for (path, r) in [
                ("of_string", &detected),
                ("from_str_query", &query),
                ("from_str_ec2", &ec2),
            ] {
                if let Ok(v) = r {
                    panic!("Xml::parse fails ({e}) but {path} reads {v:?}");
                }
            }
            return;
        }
    };
    let (expected, path) = if envelope {
        (query, "from_str_query")
    } else {
        (ec2, "from_str_ec2")
    };
    match (&detected, &expected) {
        (Ok(d), Ok(x)) => assert_equal(d, x, &format!("of_string and {path}")),
        (Err(_), Err(_)) => {}
        (Ok(d), Err(e)) => panic!("of_string reads {d:?}, {path} fails: {e}"),
        (Err(e), Ok(x)) => panic!("{path} reads {x:?}, of_string fails: {e}"),
    }
}

/// A value read back from its own XML must be the same value, up to what XML cannot say:
/// an empty flattened list or map is no element at all, so it reads back absent.
fn xml_reparses(v: &XmlRecord) {
    if has_unknown_union(v) {
        return;
    }
    let text = v.to_xml();
    let back: XmlRecord = awso::xml::from_str(&text)
        .unwrap_or_else(|e| panic!("own XML does not parse: {e}\n{text}"));
    let mut expected = v.clone();
    drop_empty_flattened(&mut expected);
    assert_equal(&expected, &back, "value and its XML round trip");
}

/// Sets empty flattened lists and maps to `None`, everywhere in `v`.
fn drop_empty_flattened(v: &mut XmlRecord) {
    fn item(i: &mut shapes::XmlItem) {
        none_if_empty(&mut i.tags, Vec::is_empty);
    }
    fn none_if_empty<T>(slot: &mut Option<T>, empty: impl Fn(&T) -> bool) {
        if slot.as_ref().is_some_and(empty) {
            *slot = None;
        }
    }
    none_if_empty(&mut v.entries, Vec::is_empty);
    none_if_empty(&mut v.flat_numbers, Vec::is_empty);
    none_if_empty(&mut v.kvp, std::collections::HashMap::is_empty);
    none_if_empty(&mut v.children, Vec::is_empty);
    v.items.iter_mut().flatten().for_each(item);
    v.entries.iter_mut().flatten().for_each(item);
    v.settings
        .iter_mut()
        .flat_map(|m| m.values_mut())
        .for_each(item);
    v.children
        .iter_mut()
        .flatten()
        .for_each(drop_empty_flattened);
    if let Some(next) = &mut v.next {
        drop_empty_flattened(next);
    }
    if let Some(shapes::XmlChoice::Nested(n)) = &mut v.choice {
        drop_empty_flattened(n);
    }
}

/// `Xml::parse` then `of_xml`; when the direct path also succeeds, both must agree.
pub fn xml_tree(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(xml) = Xml::parse(text) else {
        return;
    };
    let _ = xml.child("Error");
    let _ = xml.attribute("xsi:type");
    let _ = awso::xml::unwrap_envelope(&xml, awso::xml::Envelope::Detect);
    if let Ok(v) = XmlRecord::of_xml(&xml) {
        if let Ok(d) = awso::xml::from_str::<XmlRecord>(text) {
            assert_equal(&v, &d, "tree and direct XML parses");
        }
    }
    // The awsQuery envelope: the tree's result element reads as `from_str_query` reads the
    // text, and `of_string` reads what the tree's `Detect` envelope holds (when both read: the
    // streaming reader needs a map entry's key before its value, the tree looks ahead).
    if let Some(result) = awso::xml::unwrap_envelope(&xml, awso::xml::Envelope::QueryResult) {
        if let (Ok(t), Ok(d)) = (
            XmlRecord::of_xml(result),
            awso::xml::from_str_query::<XmlRecord>(text),
        ) {
            assert_equal(&t, &d, "tree and direct awsQuery parses");
        }
    }
    if let Some(element) = awso::xml::unwrap_envelope(&xml, awso::xml::Envelope::Detect) {
        if let (Ok(t), Ok(d)) = (XmlRecord::of_xml(element), XmlRecord::of_string(text)) {
            assert_equal(&t, &d, "tree (detected envelope) and of_string");
        }
    }
}

/// Splits fuzz input into a header (`data[0]` bytes long, absent if `data[0] == 0`) and a body.
fn header_and_body(data: &[u8]) -> (Option<String>, &[u8]) {
    match data.split_first() {
        None => (None, data),
        Some((&0, rest)) => (None, rest),
        Some((&n, rest)) => {
            let n = usize::from(n).min(rest.len());
            let (h, b) = rest.split_at(n);
            (Some(String::from_utf8_lossy(h).into_owned()), b)
        }
    }
}

/// The error-code finders: JSON and XML error bodies, code normalisation, the
/// `x-amzn-query-error` header, and header list splitting.
pub fn error_codes(data: &[u8]) {
    let (header, body) = header_and_body(data);
    let header = header.as_deref();
    if let Some(code) = awso::json::error_code_from_slice(header, body) {
        check_normalized(&code);
    }
    if let Ok(xml) = awso::xml::XmlErrorResponse::parse(body, header) {
        if let Some(code) = &xml.code {
            check_normalized(code);
        }
    }
    let text = String::from_utf8_lossy(data);
    check_normalized(awso::error_code::normalize(&text));
    if let Some(code) = awso::error_code::from_query_error_header(&text) {
        assert!(!code.is_empty() && !code.contains(';'), "{code:?}");
    }
    header_lists(&text);
}

/// The text as the value of three list members bound to headers (strings, HTTP dates,
/// numbers), read through a restJson1 response: whatever is read must be what the header said
/// once written back.
fn header_lists(text: &str) {
    use awso::operation::Operation;
    let Ok(value) = awso::http::HeaderValue::from_str(text) else {
        return;
    };
    let mut response = awso::http::Response::new(&b""[..]);
    for name in ["x-strings", "x-dates", "x-numbers"] {
        response.headers_mut().insert(name, value.clone());
    }
    if let Ok(output) = shapes::HeaderLists::response(response) {
        let strings = output.strings.unwrap_or_default();
        assert!(
            strings.len() <= text.matches(',').count() + 1,
            "{strings:?}"
        );
        for item in &strings {
            assert_eq!(item.trim(), item, "items are trimmed: {item:?}");
        }
        for date in output.dates.iter().flatten() {
            let again = date.fmt(TimestampFormat::HttpDate);
            assert_eq!(
                awso::Timestamp::parse_http_date(&again).ok(),
                Some(*date),
                "{again:?}"
            );
        }
    }
}

/// A normalised code has nothing left to normalise.
fn check_normalized(code: &str) {
    assert!(
        !code.contains(':') && !code.contains('#'),
        "not normalised: {code:?}"
    );
    assert_eq!(
        awso::error_code::normalize(code),
        code,
        "normalise is not idempotent"
    );
}

/// The three timestamp parsers on text, and `from_epoch_f64` on the first 8 bytes as f64
/// bits. Whatever parses must format in every format, and the formatted text must parse back
/// to a value that formats the same.
pub fn timestamps(data: &[u8]) {
    if let Ok(bytes) = <[u8; 8]>::try_from(data.get(..8).unwrap_or_default()) {
        let f = f64::from_bits(u64::from_le_bytes(bytes));
        if let Ok(t) = Timestamp::from_epoch_f64(f) {
            let _ = t.as_epoch_f64();
            formats_stably(t);
        }
    }
    // The JSON reader's shortcut for epoch seconds: when it reads the text, it must give
    // what reading the text as an f64 gives.
    if let Some(t) = Timestamp::from_short_epoch_decimal(data) {
        let text = std::str::from_utf8(data).expect("accepted text is ASCII");
        let f: f64 = text
            .parse()
            .unwrap_or_else(|e| panic!("{text:?} read as a timestamp but is not a number: {e}"));
        assert_eq!(Timestamp::from_epoch_f64(f), Ok(t), "{text:?}");
        formats_stably(t);
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [
        TimestampFormat::DateTime,
        TimestampFormat::HttpDate,
        TimestampFormat::EpochSeconds,
    ] {
        if let Ok(t) = Timestamp::parse(text, format) {
            formats_stably(t);
            reads_back_in(t, format);
        }
    }
}

/// `t`, read by some reader, formats in every format; the text parses back to the instant
/// `t` is in that format's precision (`floor_to`), exactly, and formats the same again.
fn formats_stably(t: Timestamp) {
    for format in [
        TimestampFormat::DateTime,
        TimestampFormat::HttpDate,
        TimestampFormat::EpochSeconds,
    ] {
        let s = t.fmt(format);
        let back = Timestamp::parse(&s, format)
            .unwrap_or_else(|e| panic!("{format} text {s:?} of {t:?} does not parse: {e}"));
        assert_eq!(back.fmt(format), s, "{format} of {t:?} is not stable");
        assert_eq!(
            back,
            t.floor_to(format),
            "{format} text {s:?} of {t:?} reads back differently"
        );
    }
    // What a reader gives is already at millisecond precision, the finest any format writes:
    // it round-trips through every millisecond format and through CBOR's float64.
    assert_eq!(
        t.floor_to(TimestampFormat::EpochSeconds),
        t,
        "{t:?} read finer than milliseconds"
    );
    assert_eq!(
        Timestamp::from_epoch_f64(t.as_epoch_f64()),
        Ok(t),
        "{t:?} through f64"
    );
}

/// What `format` reads, it writes back unchanged: parsing the text it writes gives the same
/// instant.
fn reads_back_in(t: Timestamp, format: TimestampFormat) {
    let s = t.fmt(format);
    assert_eq!(
        Timestamp::parse(&s, format),
        Ok(t),
        "{format}: {t:?} written as {s:?}"
    );
}

/// `Blob::from_base64`; what decodes must encode and decode to the same bytes.
pub fn base64(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(blob) = Blob::from_base64(text) {
        let encoded = blob.to_base64();
        let back = Blob::from_base64(&encoded).expect("own base64 decodes");
        assert_eq!(back, blob);
    }
}

/// The CBOR form of `v` with every map's entries sorted by their encoded keys, so values
/// holding `HashMap`s (whose iteration order differs between two equal maps) compare by
/// their bytes. Bytes compare floats bit for bit (NaN equals itself, -0.0 differs from 0.0).
fn canonical_cbor<T: AwsShape>(v: &T) -> Vec<u8> {
    fn sort(c: Cbor) -> Cbor {
        match c {
            Cbor::Array(items) => Cbor::Array(items.into_iter().map(sort).collect()),
            Cbor::Map(entries) => {
                let mut entries: Vec<(Vec<u8>, Cbor, Cbor)> = entries
                    .into_iter()
                    .map(|(k, v)| (k.to_vec(), k, sort(v)))
                    .collect();
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                Cbor::Map(entries.into_iter().map(|(_, k, v)| (k, v)).collect())
            }
            Cbor::Tag(t, item) => Cbor::Tag(t, Box::new(sort(*item))),
            c => c,
        }
    }
    let bytes = awso::cbor::to_vec(v);
    let tree = Cbor::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("own CBOR does not decode as a tree: {e}\n{bytes:02x?}"));
    sort(tree).to_vec()
}

/// Asserts two values read from CBOR are the same: the same canonical CBOR bytes (exact
/// floats, NaN included) and, unless a NaN is involved, `==` (which also compares timestamps
/// to the nanosecond, finer than the float64 seconds on the wire for large instants).
fn assert_same_cbor<T: AwsShape + PartialEq + std::fmt::Debug>(a: &T, b: &T, what: &str) {
    assert!(
        canonical_cbor(a) == canonical_cbor(b) && (a == b || format!("{a:?}").contains("NaN")),
        "{what} disagree:\n{a:?}\n{b:?}"
    );
}

/// A value read back from its own CBOR must be the same value, exactly.
fn cbor_reparses<T: AwsShape + PartialEq + std::fmt::Debug>(v: &T) {
    if has_unknown_union(v) {
        return;
    }
    let bytes = awso::cbor::to_vec(v);
    let back: T = awso::cbor::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("own CBOR does not parse: {e}\n{bytes:02x?}"));
    assert_same_cbor(v, &back, "value and its CBOR round trip");
}

/// A tighter nesting limit only adds errors: what parses under it parses the same without it.
fn cbor_depth_limit_only_rejects<T: AwsShape + PartialEq + std::fmt::Debug>(data: &[u8]) {
    let shallow = CborOptions {
        max_depth: 4,
        ..CborOptions::default()
    };
    if let Ok(v) = awso::cbor::from_slice_with::<T>(data, &shallow) {
        let d: T = awso::cbor::from_slice(data)
            .unwrap_or_else(|e| panic!("parses at depth 4 but not at the default depth: {e}"));
        assert_same_cbor(&v, &d, "depth-4 and default-depth CBOR parses");
    }
}

/// `awso::cbor::from_slice` on the shapes of the JSON targets (rpcv2Cbor uses the same
/// shapes); what parses must survive `cbor::to_vec` + `from_slice` exactly. Also the
/// rpcv2Cbor error-code finder and the nesting limit option.
pub fn cbor_direct(data: &[u8]) {
    if let Ok(v) = awso::cbor::from_slice::<Record>(data) {
        cbor_reparses(&v);
    }
    if let Ok(v) = awso::cbor::from_slice::<AttributeValue>(data) {
        cbor_reparses(&v);
    }
    if let Ok(v) = awso::cbor::from_slice::<Strict>(data) {
        cbor_reparses(&v);
    }
    if let Ok(v) = awso::cbor::from_slice::<Vec<Option<AttributeValue>>>(data) {
        cbor_reparses(&v);
    }
    cbor_depth_limit_only_rejects::<Record>(data);
    if let Some(code) = awso::cbor::error_code_from_slice(data) {
        check_normalized(&code);
    }
}

/// `Cbor::from_slice` then `of_cbor`. When the bytes decode as a tree, the tree must encode
/// to bytes that decode to the same tree, and the tree and direct paths must agree: both read
/// a shape or both fail, and what they read is the same value, exactly. Also the tree's
/// diagnostic notation and its nesting limit.
pub fn cbor_tree(data: &[u8]) {
    if let Ok(shallow) = Cbor::from_slice_with_depth(data, 4) {
        let deep = Cbor::from_slice(data)
            .unwrap_or_else(|e| panic!("decodes at depth 4 but not at the default depth: {e}"));
        assert!(
            shallow.to_vec() == deep.to_vec(),
            "depth-4 and default-depth trees disagree"
        );
    }
    let Ok(tree) = Cbor::from_slice(data) else {
        return;
    };
    let _ = tree.to_diagnostic();
    let _ = tree.get("Item");
    let bytes = tree.to_vec();
    let again = Cbor::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("the tree's own encoding does not decode: {e}\n{tree}"));
    assert!(
        again.to_vec() == bytes,
        "the tree does not survive its encoding:\n{tree}\n{again}"
    );
    tree_and_direct_agree::<Record>(&tree, data);
    tree_and_direct_agree::<AttributeValue>(&tree, data);
    tree_and_direct_agree::<Strict>(&tree, data);
}

fn tree_and_direct_agree<T: AwsShape + PartialEq + std::fmt::Debug>(tree: &Cbor, data: &[u8]) {
    match (T::of_cbor(tree), awso::cbor::from_slice::<T>(data)) {
        (Ok(t), Ok(d)) => {
            assert_same_cbor(&t, &d, "tree and direct CBOR parses");
            let _ = t.to_cbor();
        }
        (Err(_), Err(_)) => {}
        (Ok(t), Err(e)) => panic!("the tree path reads {t:?}, the direct path fails: {e}"),
        (Err(e), Ok(d)) => panic!("the direct path reads {d:?}, the tree path fails: {e}"),
    }
}
