//! The user agent names the target OS and the compiler version, as the SDKs' do.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_else(|_| "other".into());
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|v| v.split_whitespace().nth(1).map(str::to_owned))
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=AWSO_TARGET_OS={os}");
    println!("cargo:rustc-env=AWSO_RUSTC_VERSION={version}");
    println!("cargo:rerun-if-changed=build.rs");
}
