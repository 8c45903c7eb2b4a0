//! The fuzz targets (`fuzz/`, run with cargo-fuzz) as ordinary tests: every input under
//! `fuzz/regressions/<target>/` (crashes the fuzzers found, minimized) and the checked-in
//! corpus sample under `fuzz/corpus-min/<target>/` go through the same target functions, with
//! no libFuzzer. A target function panics only on a bug; errors from bad input are fine.
//!
//! Each bug the fuzzers found also has a test below pinning the fixed behaviour.

#[path = "../../fuzz/src/targets.rs"]
mod targets;

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files directly under `dir`, sorted (none if `dir` does not exist).
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.expect("readable directory entry").path())
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

fn target(name: &str) -> fn(&[u8]) {
    targets::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no fuzz target named {name}"))
        .1
}

/// Runs every file of `root/<target>/` through its target; returns how many ran.
fn run_tree(root: &Path) -> usize {
    let mut ran = 0;
    for dir in std::fs::read_dir(root)
        .expect("fuzz directory")
        .map(|e| e.unwrap().path())
    {
        if !dir.is_dir() {
            continue;
        }
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let f = target(&name);
        for file in files(&dir) {
            let data = std::fs::read(&file).unwrap();
            let result = std::panic::catch_unwind(|| f(&data));
            assert!(result.is_ok(), "{} panics (see above)", file.display());
            ran += 1;
        }
    }
    ran
}

#[test]
fn regressions_do_not_panic() {
    let ran = run_tree(&fuzz_dir().join("regressions"));
    assert!(ran > 0, "fuzz/regressions is empty");
}

#[test]
fn corpus_sample_does_not_panic() {
    let ran = run_tree(&fuzz_dir().join("corpus-min"));
    assert!(ran > 0, "fuzz/corpus-min is empty");
}

#[test]
fn every_target_has_a_corpus_sample() {
    for (name, _) in targets::TARGETS {
        let dir = fuzz_dir().join("corpus-min").join(name);
        assert!(!files(&dir).is_empty(), "no corpus sample for {name}");
    }
}

/// Fixed in 700cf36: a repeated key replaces a list (only flattened XML extends).
#[test]
fn json_duplicate_list_key_reads_the_same_on_both_paths() {
    let data =
        std::fs::read(fuzz_dir().join("regressions/json_tree/duplicate-list-key.json")).unwrap();
    let direct: targets::shapes::Record = awso::json::from_slice(&data).unwrap();
    let tree = <targets::shapes::Record as awso::AwsShape>::of_json(
        &awso::serde_json::from_slice(&data).unwrap(),
    )
    .unwrap();
    assert_eq!(direct.expires, tree.expires);
}

/// Fixed in 5efaa36: serde_json with `float_roundtrip`.
#[test]
fn json_doubles_read_the_same_on_both_paths() {
    let data = std::fs::read(fuzz_dir().join("regressions/json_tree/double-1.5e299.json")).unwrap();
    let direct: targets::shapes::Record = awso::json::from_slice(&data).unwrap();
    let tree = <targets::shapes::Record as awso::AwsShape>::of_json(
        &awso::serde_json::from_slice(&data).unwrap(),
    )
    .unwrap();
    assert_eq!(direct.consumed, Some(1.5e299));
    assert_eq!(tree.consumed, direct.consumed);
}

/// Found by `cbor_tree`: `0xf8 0x16`, simple value 22 in the two-byte form, which RFC 8949
/// (section 3.3) says is not well-formed. The tree decoder took it as a simple value and
/// wrote it back as `0xf6` (null), so `{_ "T": 0xf8 0x16}` read as a union's unknown member
/// on the direct path and as a union with no member on the tree path (and `{"Name": 0xf8
/// 0x16}` as an error and an empty `Record`). The tree decoder now rejects two-byte simple
/// values below 32.
#[test]
fn cbor_two_byte_simple_values_below_32_are_malformed() {
    use awso::cbor::Cbor;
    let data =
        std::fs::read(fuzz_dir().join("regressions/cbor_tree/two-byte-simple-null.cbor")).unwrap();
    assert_eq!(data, b"\xbf\x61T\xf8\x16\xff");
    assert!(Cbor::from_slice(&data).is_err());
    for n in 0..32u8 {
        assert!(Cbor::from_slice(&[0xf8, n]).is_err(), "0xf8 {n:#04x}");
    }
    assert_eq!(Cbor::from_slice(&[0xf8, 32]).unwrap(), Cbor::Simple(32));
    assert_eq!(Cbor::from_slice(&[0xf3]).unwrap(), Cbor::Simple(19));
    assert_eq!(Cbor::from_slice(&[0xf6]).unwrap(), Cbor::Null);
    let name = b"\xa1\x64Name\xf8\x16";
    assert!(Cbor::from_slice(name).is_err());
    assert!(awso::cbor::from_slice::<targets::shapes::Record>(name).is_err());
}

/// Found by `xml_direct` (a corpus input, under the invariant that what `Xml::parse` rejects
/// no reader reads): text before the root element (`x<Record>…`) was skipped by the
/// streaming readers, while the tree parser (and any conforming parser) rejects it.
#[test]
fn xml_text_before_the_root_is_a_syntax_error() {
    for name in ["text-before-root.xml", "text-before-root-original"] {
        let data = std::fs::read(fuzz_dir().join("regressions/xml_direct").join(name)).unwrap();
        let text = std::str::from_utf8(&data).unwrap();
        for e in [
            awso::xml::from_str::<targets::shapes::XmlRecord>(text).unwrap_err(),
            awso::xml::from_str_query::<targets::shapes::XmlRecord>(text).unwrap_err(),
            <targets::shapes::XmlRecord as awso::AwsShape>::of_string(text).unwrap_err(),
            awso::Xml::parse(text).unwrap_err(),
        ] {
            let m = e.to_string();
            assert!(
                m.contains("outside of the root") && m.contains("line 1 column 1"),
                "{m}"
            );
        }
    }
}

/// Issue 21: `of_string` read the root of an awsQuery response whose `…Result` element was
/// not the first child, and gave an empty value without an error.
#[test]
fn query_result_after_metadata_reads_the_same_on_every_path() {
    let data =
        std::fs::read(fuzz_dir().join("regressions/xml_direct/query-result-after-metadata.xml"))
            .unwrap();
    let text = std::str::from_utf8(&data).unwrap();
    let query: targets::shapes::XmlRecord = awso::xml::from_str_query(text).unwrap();
    let detected = <targets::shapes::XmlRecord as awso::AwsShape>::of_string(text).unwrap();
    assert_eq!(query.name.as_deref(), Some("a"));
    assert_eq!(detected, query);
}

/// Issue 21: attributes of the root were never looked at, so `<FooResponse a="1" b>` read.
#[test]
fn ill_formed_root_attribute_is_a_syntax_error() {
    let data =
        std::fs::read(fuzz_dir().join("regressions/xml_direct/ill-formed-root-attribute.xml"))
            .unwrap();
    let text = std::str::from_utf8(&data).unwrap();
    let e = awso::xml::from_str_query::<targets::shapes::XmlRecord>(text).unwrap_err();
    assert!(matches!(e.kind(), awso::ErrorKind::Syntax(_)), "{e}");
    assert!(e.to_string().contains("line 1 column 21"), "{e}");
    assert!(<targets::shapes::XmlRecord as awso::AwsShape>::of_string(text).is_err());
}

/// Issue 21: `1700000000.184467` read as 184,467 µs and was written back as `.184`, so the
/// value did not survive its own JSON. Readers now keep milliseconds (whole seconds for
/// http-date), what the writers write.
#[test]
fn json_sub_millisecond_timestamps_survive_their_own_json() {
    let data =
        std::fs::read(fuzz_dir().join("regressions/json_direct/sub-millisecond-timestamps.json"))
            .unwrap();
    let v: targets::shapes::Record = awso::json::from_slice(&data).unwrap();
    let ms = awso::Timestamp::from_millis(1_700_000_000_184);
    assert_eq!(v.created, Some(ms));
    assert_eq!(v.updated, Some(ms));
    assert_eq!(
        v.expires,
        Some(vec![awso::Timestamp::from_secs(1_700_000_000)])
    );
    let back: targets::shapes::Record = awso::json::from_slice(&awso::json::to_vec(&v)).unwrap();
    assert_eq!(back, v);
}

/// Found by `xml_direct` (run 2): a character reference to a character XML does not allow
/// (`&#20;`) inside an element the streaming reader skipped was never resolved, so the direct
/// paths read a body that `Xml::parse` rejects. Skipped content is now checked too (as
/// undefined entities `&bogus;` there, which were accepted the same way).
#[test]
fn xml_references_in_skipped_elements_are_checked() {
    for name in [
        "reference-in-skipped-element.xml",
        "reference-in-skipped-element-original",
    ] {
        let data = std::fs::read(fuzz_dir().join("regressions/xml_direct").join(name)).unwrap();
        let text = std::str::from_utf8(&data).unwrap();
        assert!(awso::Xml::parse(text).is_err());
        let e = <targets::shapes::XmlRecord as awso::AwsShape>::of_string(text).unwrap_err();
        assert!(matches!(e.kind(), awso::ErrorKind::Syntax(_)), "{e}");
    }
    let bogus = "<Record><Unknown>&bogus;</Unknown></Record>";
    assert!(awso::xml::from_str::<targets::shapes::XmlRecord>(bogus).is_err());
}

/// Found by `timestamps`: `-15E-1101` is -0.0 as an `f64` (epoch), but the JSON reader's
/// shortcut floored the exact decimal to -1 ms. The shortcut now leaves such tiny exponents
/// to the `f64` path.
#[test]
fn tiny_negative_epoch_seconds_read_as_their_f64() {
    let data =
        std::fs::read(fuzz_dir().join("regressions/timestamps/tiny-negative-exponent")).unwrap();
    assert_eq!(awso::Timestamp::from_short_epoch_decimal(&data), None);
    let v: targets::shapes::Record = awso::json::from_slice(b"{\"Created\":-15E-1101}").unwrap();
    assert_eq!(v.created, Some(awso::Timestamp::UNIX_EPOCH));
}

/// Found by `timestamps`: twenty digits of epoch seconds (`18446744073709551616`) overflowed
/// the shortcut's `u64` mantissa on the last digit's addition (its multiplication was checked):
/// a panic in builds with overflow checks, a wrapped value (then discarded) in release.
#[test]
fn epoch_seconds_past_u64_digits_are_an_error_not_a_panic() {
    for name in ["mantissa-overflow", "mantissa-overflow-original"] {
        let data = std::fs::read(fuzz_dir().join("regressions/timestamps").join(name)).unwrap();
        assert_eq!(awso::Timestamp::from_short_epoch_decimal(&data), None);
    }
    let e =
        awso::json::from_slice::<targets::shapes::Record>(b"{\"Created\":18446744073709551616.5}")
            .unwrap_err();
    assert!(e.to_string().contains("out of range"), "{e}");
}
