#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| awso_fuzz::targets::cbor_tree(data));
