#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| awso_fuzz::targets::base64(data));
