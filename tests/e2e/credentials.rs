//! The credentials providers end to end: STS AssumeRole and AssumeRoleWithWebIdentity
//! against moto; IMDSv2, the ECS/EKS container endpoint and the SSO portal and OIDC on
//! loopback servers that follow AWS's documented protocols; and the bad-input errors.
//! Every test builds its providers on an explicit environment (never the process's), with
//! IMDS disabled or pointed at loopback: nothing here reaches 169.254.169.254.

use crate::moto::Moto;

mod botocore;
use awso::credentials::{
    default_chain, provide_blocking, BlockingHttp, CredentialsError, ExpiringCredentials,
    ProfileProvider, ProviderConfig, SharedHttp,
};
use awso::profile::ProfileFiles;
use awso::transport::{ProxyConfig, UreqTransport};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A request a loopback server received.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

type Handler = dyn Fn(&Seen) -> (u16, String) + Send + Sync;

/// An HTTP/1.1 server on 127.0.0.1 answering with `handler`, one connection per request;
/// it records every request.
pub struct Loopback {
    pub url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Loopback {
    pub fn start(handler: impl Fn(&Seen) -> (u16, String) + Send + Sync + 'static) -> Loopback {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        let handler: Arc<Handler> = Arc::new(handler);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let handler = handler.clone();
                let log = log.clone();
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    if reader.read_line(&mut line).is_err() {
                        return;
                    }
                    let mut parts = line.split_whitespace();
                    let mut seen = Seen {
                        method: parts.next().unwrap_or("").to_owned(),
                        path: parts.next().unwrap_or("").to_owned(),
                        ..Seen::default()
                    };
                    loop {
                        let mut h = String::new();
                        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                            break;
                        }
                        if let Some((k, v)) = h.split_once(':') {
                            seen.headers
                                .insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
                        }
                    }
                    let len: usize = seen
                        .headers
                        .get("content-length")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let mut body = vec![0; len];
                    let _ = reader.read_exact(&mut body);
                    seen.body = String::from_utf8_lossy(&body).into_owned();
                    let (status, body) = handler(&seen);
                    log.lock().unwrap().push(seen);
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                });
            }
        });
        Loopback { url, seen }
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// A temporary home directory with `.aws/config` and `.aws/credentials`.
pub struct Home(pub PathBuf);

impl Home {
    pub fn new(tag: &str, config: &str, credentials: &str) -> Home {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("awso-cred-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".aws/sso/cache")).unwrap();
        std::fs::write(dir.join(".aws/config"), config).unwrap();
        std::fs::write(dir.join(".aws/credentials"), credentials).unwrap();
        Home(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Providers on `env` (plus `HOME`), the files of `home`, HTTP through ureq (trusting the
/// test CA, no proxy).
pub fn providers(home: &Home, env: &[(&str, &str)]) -> ProviderConfig {
    let mut map: BTreeMap<String, String> = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    map.insert("HOME".into(), home.path().to_string_lossy().into_owned());
    let files = ProfileFiles::load(&map).unwrap();
    let ca = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tls/ca.pem")).unwrap();
    let http = UreqTransport::new(Some(Duration::from_secs(5)), Some(&ca))
        .unwrap()
        .with_proxies(ProxyConfig::default());
    let metadata = UreqTransport::new(Some(Duration::from_secs(1)), None)
        .unwrap()
        .with_proxies(ProxyConfig::default());
    ProviderConfig::new(
        map,
        files,
        SharedHttp::new(BlockingHttp(http)),
        SharedHttp::new(BlockingHttp(metadata)),
    )
}

fn chain(config: &ProviderConfig) -> Result<ExpiringCredentials, CredentialsError> {
    provide_blocking(&default_chain(config))
}

const NO_IMDS: (&str, &str) = ("AWS_EC2_METADATA_DISABLED", "true");

#[test]
fn sts_assume_role_and_web_identity_against_moto() {
    let moto = Moto::start_tls();
    let config = "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = basesecret\n\
                  [profile role]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\n\
                  role_session_name = ci\nexternal_id = ext-1\nduration_seconds = 1800\n\
                  [profile chained]\nrole_arn = arn:aws:iam::123456789012:role/second\nsource_profile = role\n\
                  [profile fromenv]\nrole_arn = arn:aws:iam::123456789012:role/env\ncredential_source = Environment\n\
                  [profile wi]\nrole_arn = arn:aws:iam::123456789012:role/irsa\nweb_identity_token_file = TOKEN\n";
    let home = Home::new("moto", "", "");
    let token = home.path().join("token");
    std::fs::write(&token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2ln").unwrap();
    std::fs::write(
        home.path().join(".aws/config"),
        config.replace("TOKEN", &token.to_string_lossy()),
    )
    .unwrap();
    let base = [
        ("AWS_ENDPOINT_URL", moto.url.as_str()),
        ("AWS_REGION", "us-east-1"),
        NO_IMDS,
    ];
    let with = |extra: &[(&'static str, &str)]| {
        let mut env = base.to_vec();
        env.extend_from_slice(extra);
        providers(&home, &env)
    };

    let c = chain(&with(&[("AWS_PROFILE", "role")])).unwrap();
    assert!(c.credentials.access_key_id.starts_with("ASIA"), "{c:?}");
    assert!(c.credentials.session_token.is_some() && c.expiry.is_some());
    assert!(
        c.source
            .contains("assume role arn:aws:iam::123456789012:role/deploy"),
        "{}",
        c.source
    );
    assert!(
        c.source.contains("profile base: static keys"),
        "{}",
        c.source
    );

    let c = chain(&with(&[("AWS_PROFILE", "chained")])).unwrap();
    assert!(
        c.source.contains("role/second") && c.source.contains("role/deploy"),
        "{}",
        c.source
    );

    let c = chain(&with(&[
        ("AWS_PROFILE", "fromenv"),
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "envsecret"),
    ]))
    .unwrap();
    // The environment provider answers first: credential_source is for ProfileProvider.
    assert_eq!(c.credentials.access_key_id, "AKIDENV");
    let c = provide_blocking(&ProfileProvider::new(with(&[
        ("AWS_PROFILE", "fromenv"),
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "envsecret"),
    ])))
    .unwrap();
    assert!(
        c.source.contains("role/env") && c.source.contains("from environment"),
        "{}",
        c.source
    );

    let c = chain(&with(&[("AWS_PROFILE", "wi")])).unwrap();
    assert!(
        c.source
            .contains("web identity: role arn:aws:iam::123456789012:role/irsa"),
        "{}",
        c.source
    );

    let token_file = token.to_string_lossy().into_owned();
    let c = chain(&with(&[
        ("AWS_WEB_IDENTITY_TOKEN_FILE", &token_file),
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/eks"),
        ("AWS_ROLE_SESSION_NAME", "pod"),
    ]))
    .unwrap();
    assert!(c.credentials.access_key_id.starts_with("ASIA"), "{c:?}");
    assert!(c.source.contains("role/eks"), "{}", c.source);

    // The credentials sign calls: GetCallerIdentity as the assumed role.
    let client = awso::blocking::Client::new(awso::Credentials::new("x", "y", None), "us-east-1")
        .with_transport(
            UreqTransport::new(
                None,
                Some(
                    &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tls/ca.pem"))
                        .unwrap(),
                ),
            )
            .unwrap(),
        )
        .with_endpoint(&moto.url)
        .with_credentials_provider(awso::credentials::CachedProvider::new(
            Arc::new(default_chain(&with(&[("AWS_PROFILE", "role")]))),
            Arc::new(awso::SystemClock),
        ));
    let me = client
        .call::<crate::sts::GetCallerIdentity>(&crate::sts::GetCallerIdentityInput {})
        .unwrap();
    assert!(me.arn.unwrap_or_default().contains("deploy"));
}

#[test]
fn profile_errors_name_the_provider_and_what_to_do() {
    let config = "[profile mfa]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = k\nmfa_serial = arn:aws:iam::1:mfa/u\n\
                  [profile k]\naws_access_key_id = AKIDK\naws_secret_access_key = SECRETK\n\
                  [profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n\
                  [profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n\
                  [profile fails]\ncredential_process = sh -c 'echo SECRETOUT; exit 7'\n\
                  [profile badjson]\ncredential_process = echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": SECRETJSON'\n\
                  [profile both]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = k\ncredential_source = Environment\n\
                  [profile badsource]\nrole_arn = arn:aws:iam::1:role/x\ncredential_source = Laptop\n";
    let home = Home::new("errors", config, "");
    let err = |profile: &str| {
        chain(&providers(&home, &[("AWS_PROFILE", profile), NO_IMDS]))
            .unwrap_err()
            .to_string()
    };
    let e = err("mfa");
    assert!(e.contains("profile mfa") && e.contains("mfa_serial"), "{e}");
    let e = err("a");
    assert!(e.contains("cycle") && e.contains("a -> b -> a"), "{e}");
    let e = err("fails");
    assert!(
        e.contains("profile fails") && e.contains("exited") && !e.contains("SECRETOUT"),
        "{e}"
    );
    let e = err("badjson");
    assert!(
        e.contains("profile badjson") && e.contains("JSON") && !e.contains("SECRETJSON"),
        "{e}"
    );
    let e = err("both");
    assert!(e.contains("keep one"), "{e}");
    let e = err("badsource");
    assert!(e.contains("Laptop"), "{e}");
    let e = err("missing");
    assert!(
        e.contains("profile missing") && e.contains("AWS_PROFILE"),
        "{e}"
    );

    let bad = Home::new(
        "malformed",
        "[default]\naws_access_key_id = A\nthis line is SECRET garbage\n",
        "",
    );
    let e = chain(&providers(&bad, &[NO_IMDS])).unwrap_err().to_string();
    assert!(
        e.contains("config file line 3") && !e.contains("SECRET"),
        "{e}"
    );

    // Nothing anywhere: the chain says what each provider looked for.
    let empty = Home::new("empty", "", "");
    let e = chain(&providers(&empty, &[NO_IMDS]))
        .unwrap_err()
        .to_string();
    for what in [
        "environment",
        "web identity",
        "profile default",
        "container",
        "IMDS",
    ] {
        assert!(e.contains(what), "{what} in {e}");
    }
}

#[test]
fn imds_v2_session_token_role_and_credentials_and_region() {
    let server = Loopback::start(|r| {
        let token_ok = r
            .headers
            .get("x-aws-ec2-metadata-token")
            .map(String::as_str)
            == Some("tok-1");
        match (r.method.as_str(), r.path.as_str()) {
            ("PUT", "/latest/api/token") => {
                if r.headers.contains_key("x-aws-ec2-metadata-token-ttl-seconds") {
                    (200, "tok-1".into())
                } else {
                    (400, String::new())
                }
            }
            (_, _) if !token_ok => (401, String::new()),
            ("GET", "/latest/meta-data/iam/security-credentials/") => (200, "web-role\n".into()),
            ("GET", "/latest/meta-data/iam/security-credentials/web-role") => (
                200,
                r#"{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"ASIAIMDS","SecretAccessKey":"imdssecret","Token":"imdstoken","Expiration":"2099-01-01T00:00:00Z"}"#.into(),
            ),
            ("GET", "/latest/meta-data/placement/region") => (200, "ap-southeast-2".into()),
            _ => (404, String::new()),
        }
    });
    let home = Home::new("imds", "", "");
    let config = providers(&home, &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url)]);
    let c = chain(&config).unwrap();
    assert_eq!(c.credentials.access_key_id, "ASIAIMDS");
    assert_eq!(c.credentials.session_token.as_deref(), Some("imdstoken"));
    assert!(
        c.source.contains("IMDS: instance role web-role"),
        "{}",
        c.source
    );
    let region = awso::credentials::block_on(awso::credentials::imds::region(&config)).unwrap();
    assert_eq!(region, "ap-southeast-2");
    let requests = server.requests();
    assert_eq!(requests[0].method, "PUT");
    assert_eq!(
        requests[0].headers["x-aws-ec2-metadata-token-ttl-seconds"],
        "21600"
    );

    // Disabled: not asked at all.
    let before = server.requests().len();
    let config = providers(
        &home,
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url), NO_IMDS],
    );
    assert!(chain(&config)
        .unwrap_err()
        .to_string()
        .contains("AWS_EC2_METADATA_DISABLED"));
    assert_eq!(server.requests().len(), before);

    // IPv6 mode picks the IPv6 endpoint (checked without connecting to it).
    let c = awso::credentials::imds::ImdsClient::new(providers(
        &home,
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6")],
    ));
    assert_eq!(c.endpoint().unwrap(), "http://[fd00:ec2::254]");
}

#[test]
fn imds_unreachable_fails_fast_with_what_to_do() {
    // A closed loopback port stands in for a machine without IMDS.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let home = Home::new("noimds", "", "");
    let url = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    let e = chain(&providers(
        &home,
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url)],
    ))
    .unwrap_err()
    .to_string();
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    assert!(
        e.contains("IMDS") && e.contains("AWS_EC2_METADATA_DISABLED"),
        "{e}"
    );
}

#[test]
fn container_credentials_with_authorization_token_and_file() {
    let server = Loopback::start(|r| {
        match r.headers.get("authorization").map(String::as_str) {
        Some("Bearer pod-token") | Some("ecs-token") => (
            200,
            r#"{"AccessKeyId":"ASIACONT","SecretAccessKey":"contsecret","Token":"conttoken","Expiration":"2099-01-01T00:00:00Z"}"#.into(),
        ),
        _ => (401, r#"{"code":"AccessDenied"}"#.into()),
    }
    });
    let home = Home::new("container", "", "");
    let token_file = home.path().join("eks-token");
    std::fs::write(&token_file, "Bearer pod-token\n").unwrap();
    let full = format!("{}/v1/credentials", server.url);
    let token_file = token_file.to_string_lossy().into_owned();
    let c = chain(&providers(
        &home,
        &[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &token_file),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong"),
            NO_IMDS,
        ],
    ))
    .unwrap();
    assert_eq!(c.credentials.access_key_id, "ASIACONT");
    assert!(c.expiry.is_some());
    let c = chain(&providers(
        &home,
        &[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ecs-token"),
            NO_IMDS,
        ],
    ))
    .unwrap();
    assert_eq!(c.credentials.session_token.as_deref(), Some("conttoken"));
    let e = chain(&providers(
        &home,
        &[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full), NO_IMDS],
    ))
    .unwrap_err()
    .to_string();
    assert!(e.contains("container") && e.contains("401"), "{e}");
    let e = chain(&providers(
        &home,
        &[
            (
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://example.com/creds",
            ),
            NO_IMDS,
        ],
    ))
    .unwrap_err()
    .to_string();
    assert!(e.contains("not allowed"), "{e}");
}

/// The AWS CLI names a token cache file by the SHA-1 of the session name (or, legacy, of
/// the start URL); these are Python's `hashlib.sha1(...).hexdigest()`.
fn sso_cache_name(key: &str) -> &'static str {
    match key {
        "corp" => "ee0bfd2552fbd840c02cc48b6e823320543c450f",
        "https://d-2.awsapps.com/start" => "1d47cd59199f5382ea3263cd651594c6f924286d",
        _ => unreachable!(),
    }
}

#[test]
fn sso_token_cache_oidc_refresh_and_portal() {
    let server = Loopback::start(|r| {
        if r.path.starts_with("/federation/credentials") {
            let ok = r.headers.get("x-amz-sso_bearer_token").map(String::as_str)
                == Some("fresh-token")
                || r.headers.get("x-amz-sso_bearer_token").map(String::as_str)
                    == Some("cached-token");
            if !ok {
                return (
                    401,
                    r#"{"message":"Session token not found or invalid"}"#.into(),
                );
            }
            assert!(
                r.path.contains("role_name=Admin") && r.path.contains("account_id=111122223333"),
                "{}",
                r.path
            );
            return (200, r#"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"ssosecret","sessionToken":"ssotoken","expiration":4102444800000}}"#.into());
        }
        if r.path == "/token" {
            assert!(
                r.body.contains("\"grantType\":\"refresh_token\""),
                "{}",
                r.body
            );
            return (200, r#"{"accessToken":"fresh-token","expiresIn":3600,"refreshToken":"next-refresh","tokenType":"Bearer"}"#.into());
        }
        (404, String::new())
    });
    let config = "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n\
                  [sso-session corp]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\n\
                  [profile legacy]\nsso_start_url = https://d-2.awsapps.com/start\nsso_region = eu-west-1\n\
                  sso_account_id = 111122223333\nsso_role_name = Admin\n";
    let home = Home::new("sso", config, "");
    let cache = home.path().join(".aws/sso/cache");
    let env = [
        ("AWS_ENDPOINT_URL_SSO", server.url.as_str()),
        ("AWS_ENDPOINT_URL_SSO_OIDC", server.url.as_str()),
        NO_IMDS,
    ];
    let with = |profile: &'static str| {
        let mut e = env.to_vec();
        e.push(("AWS_PROFILE", profile));
        providers(&home, &e)
    };
    // A valid cached token: straight to the portal.
    let session_file = cache.join(format!("{}.json", sso_cache_name("corp")));
    std::fs::write(&session_file, r#"{"accessToken":"cached-token","expiresAt":"2099-01-01T00:00:00Z","region":"eu-west-1","startUrl":"https://d-1.awsapps.com/start"}"#).unwrap();
    let c = chain(&with("sso")).unwrap();
    assert_eq!(c.credentials.access_key_id, "ASIASSO");
    assert!(
        c.source.contains("SSO account 111122223333 role Admin"),
        "{}",
        c.source
    );

    // Expired, with a registration: refreshed through OIDC, and written back.
    std::fs::write(&session_file, r#"{"accessToken":"old-token","expiresAt":"2020-01-01T00:00:00Z","refreshToken":"r1","clientId":"cid","clientSecret":"CLIENTSECRET","registrationExpiresAt":"2099-01-01T00:00:00Z","region":"eu-west-1","startUrl":"https://d-1.awsapps.com/start"}"#).unwrap();
    let c = chain(&with("sso")).unwrap();
    assert_eq!(c.credentials.secret_access_key, "ssosecret");
    let written = std::fs::read_to_string(&session_file).unwrap();
    assert!(
        written.contains("fresh-token") && written.contains("next-refresh"),
        "{written}"
    );
    assert!(server.requests().iter().any(|r| r.path == "/token"));

    // Legacy profile, expired token: no refresh, an error saying to log in.
    let legacy_file = cache.join(format!(
        "{}.json",
        sso_cache_name("https://d-2.awsapps.com/start")
    ));
    std::fs::write(&legacy_file, r#"{"accessToken":"SECRETTOKEN","expiresAt":"2020-01-01T00:00:00Z","region":"eu-west-1","startUrl":"https://d-2.awsapps.com/start"}"#).unwrap();
    let e = chain(&with("legacy")).unwrap_err().to_string();
    assert!(
        e.contains("profile legacy") && e.contains("expired") && e.contains("aws sso login"),
        "{e}"
    );
    assert!(!e.contains("SECRETTOKEN"), "{e}");
    // No cache file at all.
    std::fs::remove_file(&legacy_file).unwrap();
    let e = chain(&with("legacy")).unwrap_err().to_string();
    assert!(e.contains("aws sso login"), "{e}");
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let home = Home::new("debug", "[default]\naws_access_key_id = AKIDDBG\naws_secret_access_key = SECRETDBG\naws_session_token = TOKENDBG\n", "");
    let config = providers(&home, &[NO_IMDS]);
    let cached = awso::credentials::default_provider(&config);
    let c = provide_blocking(&cached).unwrap();
    for shown in [
        format!("{c:?}"),
        format!("{cached:?}"),
        format!("{config:?}"),
    ] {
        assert!(
            !shown.contains("SECRETDBG") && !shown.contains("TOKENDBG"),
            "{shown}"
        );
    }
}
