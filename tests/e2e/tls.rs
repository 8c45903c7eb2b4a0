//! HTTPS through both clients' default transports (ureq, blocking; reqwest, async on tokio;
//! the `rustls` feature) against moto serving the test certificate of `tests/tls/`: the
//! clients trust it only through `AWS_CA_BUNDLE`, refuse it otherwise, and S3 keys that need escaping round-trip over it (this moto does not check
//! signatures, so keys that moto's signature check mishandles are used here).

use crate::moto;

use crate::s3;
use crate::sts;

use awso::blocking::Client;
use awso::operation::OperationError;
use awso::transport::UreqTransport;
use std::path::Path;
use sts::common::{blocking, on_tokio};

#[test]
fn https_with_a_ca_bundle() {
    let moto = moto::Moto::start_tls();
    assert!(moto.url.starts_with("https://127.0.0.1:"));

    // Not trusted by default: the test CA is not a Mozilla root. The failure is not retried.
    let untrusted = Client::new(awso::Credentials::new("AKID", "secret", None), "us-east-1")
        .with_endpoint(&moto.url)
        .call::<sts::GetCallerIdentity>(&sts::GetCallerIdentityInput {})
        .expect_err("an unknown issuer must be refused");
    match &untrusted {
        OperationError::Dispatch(e) => {
            assert!(e.to_string().contains("UnknownIssuer"), "{e}");
        }
        other => panic!("expected a transport error, got {other}"),
    }
    let untrusted = on_tokio(
        awso::Client::new(awso::Credentials::new("AKID", "secret", None), "us-east-1")
            .with_endpoint(&moto.url)
            .call::<sts::GetCallerIdentity>(&sts::GetCallerIdentityInput {}),
    )
    .expect_err("an unknown issuer must be refused");
    assert!(
        matches!(untrusted, OperationError::Dispatch(_)),
        "{untrusted}"
    );

    // A bad bundle is an error, not an empty trust store.
    assert!(UreqTransport::new(None, Some(b"not PEM")).is_err());

    // Trusted through AWS_CA_BUNDLE, as the AWS SDKs read it. (One test in this file, so
    // nothing else reads the environment meanwhile.)
    let _environment = moto.point_environment_here("AKIDEXAMPLE", "secret");
    let ca = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tls/ca.pem");
    std::env::set_var("AWS_CA_BUNDLE", &ca);
    let keys = [
        "docs/ünïcödé/ключ 🦀.txt",
        "docs/a+b=c&d:e@f,g;h$i!j'k(l)m*n~o.bin",
        "docs/%41%2F..//double",
    ];
    let mut expected: Vec<_> = keys.iter().map(|k| k.to_string()).collect();
    expected.sort();
    let check = |me: sts::GetCallerIdentityOutput, report: s3::Report| {
        assert_eq!(me.account.as_deref(), Some("123456789012"));
        assert_eq!(report.listed, expected);
        assert_eq!(
            report.object.body.as_ref().and_then(|b| b.as_bytes()),
            Some(&awso::byte_stream::Bytes::from_static(s3::CONTENT))
        );
    };
    let client = Client::from_env().expect("a blocking client from the environment");
    let me = blocking(sts::run(&client)).expect("GetCallerIdentity over HTTPS");
    let report = blocking(s3::run(&client, "awso-tls", &keys)).expect("S3 over HTTPS");
    check(me, report);
    let client = awso::Client::from_env().expect("an async client from the environment");
    let (me, report) = on_tokio(async {
        let me = sts::run(&client)
            .await
            .expect("GetCallerIdentity over HTTPS");
        let report = s3::run(&client, "awso-tls-async", &keys)
            .await
            .expect("S3 over HTTPS");
        (me, report)
    });
    check(me, report);

    std::env::set_var(
        "AWS_CA_BUNDLE",
        std::env::temp_dir().join("awso-no-such-ca-bundle.pem"),
    );
    let err = Client::from_env().expect_err("a CA bundle that cannot be read");
    assert!(err.to_string().contains("CA bundle"), "{err}");
    let err = awso::Client::from_env().expect_err("a CA bundle that cannot be read");
    assert!(err.to_string().contains("CA bundle"), "{err}");
    drop(moto);
}
