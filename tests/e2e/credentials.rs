//! The credentials providers end to end: STS AssumeRole and AssumeRoleWithWebIdentity
//! against moto; IMDSv2 against moto's instance-metadata responses (delivered to moto's
//! loopback port with the `Host` IMDS has), and on loopback servers that follow AWS's
//! documented protocols where moto has no such piece (IPv6 mode, a rejected token, 5xx
//! answers, silence); the ECS/EKS container endpoint and the SSO portal and OIDC on loopback
//! servers that follow AWS's documented protocols; the bad-input errors; executors kept free
//! of blocking work; secrets kept out of every `Debug` and `Display`. Every test builds its
//! providers on an explicit environment (never the process's, but for `from_env`, under the
//! environment lock), with IMDS disabled or delivered to loopback: nothing here reaches
//! 169.254.169.254 or fd00:ec2::254.

use crate::moto::Moto;

mod botocore;
use awso::credentials::{
    block_on, default_chain, imds, provide_blocking, BlockingHttp, BlockingWork, BoxFuture,
    CredentialsError, ExpiringCredentials, HttpClient, ProfileProvider, ProvideCredentials,
    ProviderConfig, SharedHttp,
};
use awso::profile::ProfileFiles;
use awso::transport::{ProxyConfig, UreqTransport};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// A request a loopback server received.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

/// A status, headers and a body.
pub type Reply = (u16, Vec<(&'static str, String)>, String);
type Handler = dyn Fn(&Seen) -> Reply + Send + Sync;

/// An HTTP/1.1 server on 127.0.0.1 answering with `handler`, one connection per request;
/// it records every request.
pub struct Loopback {
    pub url: String,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Loopback {
    pub fn start(handler: impl Fn(&Seen) -> (u16, String) + Send + Sync + 'static) -> Loopback {
        Loopback::start_on("127.0.0.1:0", handler)
    }

    /// On `addr` (`[::1]:0` for IPv6 loopback).
    pub fn start_on(
        addr: &str,
        handler: impl Fn(&Seen) -> (u16, String) + Send + Sync + 'static,
    ) -> Loopback {
        Loopback::replying(addr, move |r| {
            let (status, body) = handler(r);
            (status, Vec::new(), body)
        })
    }

    /// On `addr`, with headers in the replies.
    pub fn replying(
        addr: &str,
        handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static,
    ) -> Loopback {
        let listener = TcpListener::bind(addr).unwrap();
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
                    let (status, headers, body) = handler(&seen);
                    log.lock().unwrap().push(seen);
                    let headers: String = headers
                        .iter()
                        .map(|(k, v)| format!("{k}: {v}\r\n"))
                        .collect();
                    let _ = write!(
                        stream,
                        "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n{headers}\r\n{body}",
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
    let file = bad.path().join(".aws/config");
    assert!(
        e.contains(&format!(
            "{} line 3: expected `key = value`",
            file.display()
        )) && e.contains("profile files")
            && e.contains("fix the file")
            && !e.contains("SECRET"),
        "{e}"
    );
    let bad = Home::new(
        "malformed2",
        "",
        "[default]\n[default\naws_secret_access_key = SECRET\n",
    );
    let e = chain(&providers(&bad, &[NO_IMDS])).unwrap_err().to_string();
    let file = bad.path().join(".aws/credentials");
    assert!(
        e.contains(&format!(
            "{} line 2: a section header without",
            file.display()
        )) && !e.contains("SECRET"),
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

/// Delivers requests to a loopback address with the `Host` of their URL, as if that address
/// answered: IMDS's 169.254.169.254 (to moto, which serves instance metadata for that host)
/// and fd00:ec2::254 (to a loopback server), which the tests never contact.
#[derive(Debug, Clone)]
struct Deliver {
    to: std::net::SocketAddr,
    hosts: Arc<Mutex<Vec<String>>>,
}

impl Deliver {
    fn to(url: &str) -> Deliver {
        let addr = url.trim_start_matches("http://").trim_end_matches('/');
        Deliver {
            to: addr.parse().unwrap(),
            hosts: Arc::default(),
        }
    }

    fn exchange(
        &self,
        request: awso::http::Request<Vec<u8>>,
    ) -> awso::Result<awso::http::Response<Vec<u8>>> {
        let io = |e: std::io::Error| awso::Error::io("deliver", &e);
        let uri = request.uri().clone();
        let host = uri.authority().unwrap().as_str().to_owned();
        self.hosts.lock().unwrap().push(host.clone());
        let mut head = format!(
            "{} {} HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\ncontent-length: {}\r\n",
            request.method(),
            uri.path_and_query().map_or("/", |p| p.as_str()),
            request.body().len()
        );
        for (name, value) in request.headers() {
            if name != "content-length" && name != "host" {
                head.push_str(&format!("{name}: {}\r\n", value.to_str().unwrap()));
            }
        }
        head.push_str("\r\n");
        let mut stream = std::net::TcpStream::connect(self.to).map_err(io)?;
        stream.write_all(head.as_bytes()).map_err(io)?;
        stream.write_all(request.body()).map_err(io)?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).map_err(io)?;
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
        Ok(awso::http::Response::builder()
            .status(status)
            .body(raw[split + 4..].to_vec())
            .unwrap())
    }
}

impl HttpClient for Deliver {
    fn send(
        &self,
        request: awso::http::Request<Vec<u8>>,
    ) -> BoxFuture<'static, awso::Result<awso::http::Response<Vec<u8>>>> {
        let this = self.clone();
        Box::pin(async move { this.exchange(request) })
    }
}

/// Providers whose metadata requests go through `deliver`.
fn delivered(home: &Home, env: &[(&str, &str)], deliver: &Deliver) -> ProviderConfig {
    let map: BTreeMap<String, String> = env
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .chain([("HOME".into(), home.path().to_string_lossy().into_owned())])
        .collect();
    let files = ProfileFiles::load(&map).unwrap();
    let http = UreqTransport::new(Some(Duration::from_secs(5)), None)
        .unwrap()
        .with_proxies(ProxyConfig::default());
    ProviderConfig::new(
        map,
        files,
        SharedHttp::new(BlockingHttp(http)),
        SharedHttp::new(deliver.clone()),
    )
}

#[test]
fn imds_v2_credentials_and_region_against_moto() {
    let moto = Moto::start_unauthenticated();
    let deliver = Deliver::to(&moto.url);
    let home = Home::new("imds-moto", "", "");
    // Nothing names an endpoint: the requests are for http://169.254.169.254.
    let config = delivered(&home, &[], &deliver);
    let c = chain(&config).unwrap();
    assert_eq!(c.credentials.access_key_id, "test-key");
    assert_eq!(c.credentials.secret_access_key, "test-secret-key");
    assert_eq!(
        c.credentials.session_token.as_deref(),
        Some("test-session-token")
    );
    assert!(
        c.source.contains("IMDS: instance role default-role"),
        "{}",
        c.source
    );
    // moto's credentials expire a day after they are asked for.
    let left = c.expiry.unwrap().duration_since(SystemTime::now()).unwrap();
    assert!(left > Duration::from_secs(23 * 3600), "{left:?}");
    let region = block_on(imds::region(&config)).unwrap();
    assert_eq!(region, "us-east-1");
    let hosts = deliver.hosts.lock().unwrap().clone();
    assert!(
        !hosts.is_empty() && hosts.iter().all(|h| h == "169.254.169.254"),
        "{hosts:?}"
    );
    // `ec2_metadata_service_endpoint_mode = IPv4` in the profile names the same endpoint.
    let home = Home::new(
        "imds-moto-v4",
        "[default]\nec2_metadata_service_endpoint_mode = IPv4\n",
        "",
    );
    let c = chain(&delivered(&home, &[], &deliver)).unwrap();
    assert_eq!(c.credentials.access_key_id, "test-key");
}

/// An IMDSv2 server as AWS documents it: `PUT /latest/api/token` with a TTL header gives a
/// token; metadata `GET`s need it (401 without); the role list, the role's credentials and
/// the region. `reject` is the number of token requests to answer with 503 first.
fn imds_server(addr: &str, fail_tokens: u32) -> Loopback {
    let tokens = std::sync::atomic::AtomicU32::new(0);
    Loopback::start_on(addr, move |r| {
        let issued = tokens.load(std::sync::atomic::Ordering::SeqCst);
        match (r.method.as_str(), r.path.as_str()) {
            ("PUT", "/latest/api/token") => {
                if !r.headers.contains_key("x-aws-ec2-metadata-token-ttl-seconds") {
                    return (400, String::new());
                }
                let n = tokens.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
                if n <= fail_tokens {
                    (503, String::new())
                } else {
                    (200, format!("tok-{n}"))
                }
            }
            _ if r.headers.get("x-aws-ec2-metadata-token") != Some(&format!("tok-{issued}")) => {
                (401, String::new())
            }
            ("GET", "/latest/meta-data/iam/security-credentials/") => (200, "web-role\n".into()),
            ("GET", "/latest/meta-data/iam/security-credentials/web-role") => (
                200,
                r#"{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"ASIAIMDS","SecretAccessKey":"imdssecret","Token":"imdstoken","Expiration":"2099-01-01T00:00:00Z"}"#.into(),
            ),
            ("GET", "/latest/meta-data/placement/region") => (200, "ap-southeast-2".into()),
            _ => (404, String::new()),
        }
    })
}

#[test]
fn imds_v2_endpoint_override_on_ipv6_loopback_and_disabled() {
    let server = imds_server("[::1]:0", 0);
    assert!(server.url.starts_with("http://[::1]:"), "{}", server.url);
    let home = Home::new("imds", "", "");
    let config = providers(&home, &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url)]);
    let c = chain(&config).unwrap();
    assert_eq!(c.credentials.access_key_id, "ASIAIMDS");
    assert_eq!(c.credentials.session_token.as_deref(), Some("imdstoken"));
    assert_eq!(block_on(imds::region(&config)).unwrap(), "ap-southeast-2");
    let requests = server.requests();
    assert_eq!(requests[0].method, "PUT");
    assert_eq!(
        requests[0].headers["x-aws-ec2-metadata-token-ttl-seconds"],
        "21600"
    );
    // The same settings from the profile.
    let home = Home::new(
        "imds-profile",
        &format!(
            "[default]\nec2_metadata_service_endpoint = {}/\n",
            server.url
        ),
        "",
    );
    let c = chain(&providers(&home, &[])).unwrap();
    assert_eq!(c.credentials.access_key_id, "ASIAIMDS");

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
}

#[test]
fn imds_v2_ipv6_endpoint_mode() {
    // The requests go to http://[fd00:ec2::254], delivered to a server on [::1].
    let server = imds_server("[::1]:0", 0);
    let deliver = Deliver::to(&server.url.replace("http://", ""));
    let home = Home::new("imds-v6", "", "");
    let config = delivered(
        &home,
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6")],
        &deliver,
    );
    let c = chain(&config).unwrap();
    assert_eq!(c.credentials.access_key_id, "ASIAIMDS");
    let hosts = deliver.hosts.lock().unwrap().clone();
    assert!(hosts.iter().all(|h| h == "[fd00:ec2::254]"), "{hosts:?}");
    // From the profile too; a mode that is neither is an error naming the setting.
    let home = Home::new(
        "imds-v6-profile",
        "[default]\nec2_metadata_service_endpoint_mode = ipv6\n",
        "",
    );
    assert!(chain(&delivered(&home, &[], &deliver)).is_ok());
    let e = chain(&delivered(
        &home,
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5")],
        &deliver,
    ))
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("IMDS") && e.contains("IPv5") && e.contains("use IPv4 or IPv6"),
        "{e}"
    );
}

#[test]
fn imds_v2_retries_a_5xx_and_a_rejected_token_once() {
    // One 503 to the token request: asked again, then served.
    let server = imds_server("127.0.0.1:0", 1);
    let home = Home::new("imds-retry", "", "");
    let env = [("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url.as_str())];
    let c = chain(&providers(&home, &env)).unwrap();
    assert_eq!(c.credentials.access_key_id, "ASIAIMDS");
    let puts = |s: &Loopback| s.requests().iter().filter(|r| r.method == "PUT").count();
    assert_eq!(puts(&server), 2);
    // With one attempt configured, the 503 is the answer.
    let server = imds_server("127.0.0.1:0", 1);
    let e = chain(&providers(
        &home,
        &[
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url.as_str()),
            ("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "1"),
        ],
    ))
    .unwrap_err()
    .to_string();
    assert!(e.contains("IMDS") && e.contains("HTTP 503"), "{e}");
    assert_eq!(puts(&server), 1);

    // A token the service no longer knows (the instance restarted): a new one, once.
    let server = imds_server("127.0.0.1:0", 0);
    let config = providers(
        &home,
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url.as_str())],
    );
    let client = imds::ImdsClient::new(config);
    assert_eq!(block_on(client.region()).unwrap(), "ap-southeast-2");
    // The server forgets tok-1 by issuing tok-2 to someone else.
    let other = imds::ImdsClient::new(providers(
        &home,
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", server.url.as_str())],
    ));
    assert_eq!(block_on(other.region()).unwrap(), "ap-southeast-2");
    assert_eq!(block_on(client.region()).unwrap(), "ap-southeast-2");
    // tok-1, tok-2 for the other client, tok-3 after the 401.
    assert_eq!(puts(&server), 3);
    let rejected = server
        .requests()
        .iter()
        .filter(|r| {
            r.headers
                .get("x-aws-ec2-metadata-token")
                .map(String::as_str)
                == Some("tok-1")
        })
        .count();
    assert_eq!(rejected, 2);
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
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert!(
        e.contains("IMDS") && e.contains("AWS_EC2_METADATA_DISABLED"),
        "{e}"
    );

    // A listener that never answers: one timeout (a second) and no second attempt.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let connections = Arc::new(std::sync::atomic::AtomicU32::new(0));
    let counted = connections.clone();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in silent.incoming() {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            held.push(stream); // open, never answered
        }
    });
    let start = Instant::now();
    let e = chain(&providers(
        &home,
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url)],
    ))
    .unwrap_err()
    .to_string();
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_millis(2500),
        "{took:?}"
    );
    assert!(
        e.contains("no answer from") && e.contains("AWS_EC2_METADATA_DISABLED"),
        "{e}"
    );
    assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 1);
    // Attempts configured: every failure is tried again, each within the timeout.
    let start = Instant::now();
    let _ = chain(&providers(
        &home,
        &[
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url),
            ("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "2"),
        ],
    ))
    .unwrap_err();
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(1800) && took < Duration::from_millis(4000),
        "{took:?}"
    );
    assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 3);
    // A setting that is not a number names itself.
    let e = chain(&providers(
        &home,
        &[
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url),
            ("AWS_METADATA_SERVICE_TIMEOUT", "soon"),
        ],
    ))
    .unwrap_err()
    .to_string();
    assert!(e.contains("AWS_METADATA_SERVICE_TIMEOUT"), "{e}");
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

/// The token cache file as `aws sso login` writes it (`~/.aws/sso/cache/<sha1>.json`).
#[derive(awso::AwsShape, Debug, Clone, Default, PartialEq)]
#[aws(rename_all = "camelCase")]
struct TokenFile {
    access_token: Option<String>,
    #[aws(timestamp_format = "date-time")]
    expires_at: Option<awso::Timestamp>,
    refresh_token: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    #[aws(timestamp_format = "date-time")]
    registration_expires_at: Option<awso::Timestamp>,
    region: Option<String>,
    start_url: Option<String>,
}

/// A cached token of the `corp` session that expires at `expires_at`, with a registration
/// that expires at `registration` (`None`: no registration, so no refresh).
fn corp_token(access: &str, expires_at: SystemTime, registration: Option<SystemTime>) -> TokenFile {
    TokenFile {
        access_token: Some(access.into()),
        expires_at: Some(expires_at.into()),
        refresh_token: registration.map(|_| "HUSH-refresh-1".into()),
        client_id: registration.map(|_| "client-1".into()),
        client_secret: registration.map(|_| "HUSH-client-secret".into()),
        registration_expires_at: registration.map(Into::into),
        region: Some("eu-west-1".into()),
        start_url: Some("https://d-1.awsapps.com/start".into()),
    }
}

/// The SSO portal and SSO OIDC on one loopback server, as AWS documents them:
/// `GetRoleCredentials` is `GET /federation/credentials?account_id=…&role_name=…` with the
/// access token in `x-amz-sso_bearer_token` (unsigned), answering
/// `{"roleCredentials":{…,"expiration":<epoch ms>}}` or 401 `UnauthorizedException`;
/// `CreateToken` is `POST /token` with the JSON `clientId`, `clientSecret`, `grantType`
/// (`refresh_token`) and `refreshToken` (unsigned), answering `accessToken`, `expiresIn`,
/// `refreshToken` and `tokenType`, or 400 `invalid_grant`. `oidc` says how `/token` answers:
/// 200, 400 or 500.
fn sso_server(oidc: Arc<std::sync::atomic::AtomicU16>) -> Loopback {
    let json = |status: u16, code: Option<&str>, body: &str| -> Reply {
        let mut headers = vec![("content-type", "application/json".to_owned())];
        if let Some(code) = code {
            headers.push((
                "x-amzn-errortype",
                format!("{code}:http://internal.amazon.com/"),
            ));
        }
        (status, headers, body.to_owned())
    };
    Loopback::replying("127.0.0.1:0", move |r| {
        if r.headers.contains_key("authorization") {
            return json(
                400,
                Some("InvalidRequestException"),
                r#"{"message":"these calls are not signed"}"#,
            );
        }
        if r.method == "GET" && r.path.starts_with("/federation/credentials?") {
            let token = r.headers.get("x-amz-sso_bearer_token").map(String::as_str);
            if !matches!(token, Some("cached-token" | "fresh-token" | "nearly-token")) {
                return json(
                    401,
                    Some("UnauthorizedException"),
                    r#"{"message":"Session token not found or invalid"}"#,
                );
            }
            let query: Vec<&str> = r.path.split_once('?').unwrap().1.split('&').collect();
            if !(query.contains(&"account_id=111122223333") && query.contains(&"role_name=Admin")) {
                return json(
                    403,
                    Some("ForbiddenException"),
                    r#"{"message":"No access"}"#,
                );
            }
            return json(
                200,
                None,
                r#"{"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"ssosecret","sessionToken":"ssotoken","expiration":4102444800000}}"#,
            );
        }
        if r.method == "POST" && r.path == "/token" {
            let body: serde_json::Value = serde_json::from_str(&r.body).unwrap_or_default();
            let expected = serde_json::json!({
                "clientId": "client-1",
                "clientSecret": "HUSH-client-secret",
                "grantType": "refresh_token",
                "refreshToken": "HUSH-refresh-1",
            });
            if body != expected
                || r.headers.get("content-type").map(String::as_str) != Some("application/json")
            {
                return json(
                    400,
                    Some("InvalidRequestException"),
                    r#"{"error":"invalid_request"}"#,
                );
            }
            return match oidc.load(std::sync::atomic::Ordering::SeqCst) {
                200 => json(
                    200,
                    None,
                    r#"{"accessToken":"fresh-token","expiresIn":3600,"refreshToken":"next-refresh","tokenType":"Bearer"}"#,
                ),
                // The service's own words, and a proxy's page that quotes the request.
                400 => json(
                    400,
                    Some("InvalidGrantException"),
                    r#"{"error":"invalid_grant","error_description":"Invalid refresh token provided"}"#,
                ),
                s => (
                    s,
                    Vec::new(),
                    "<html>proxy error for refreshToken=HUSH-refresh-1</html>".into(),
                ),
            };
        }
        json(404, None, "")
    })
}

#[test]
fn sso_token_cache_oidc_refresh_and_portal() {
    let oidc = Arc::new(std::sync::atomic::AtomicU16::new(200));
    let server = sso_server(oidc.clone());
    let config = "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n\
                  [sso-session corp]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\n\
                  [profile legacy]\nsso_start_url = https://d-2.awsapps.com/start\nsso_region = eu-west-1\n\
                  sso_account_id = 111122223333\nsso_role_name = Admin\n\
                  [profile wrongrole]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Nobody\n";
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
    let session_file = cache.join(format!("{}.json", sso_cache_name("corp")));
    let write =
        |token: &TokenFile| std::fs::write(&session_file, awso::json::to_vec(token)).unwrap();
    let read =
        || -> TokenFile { awso::json::from_slice(&std::fs::read(&session_file).unwrap()).unwrap() };
    // Whole seconds, as the cache files hold them.
    let now = SystemTime::UNIX_EPOCH
        + Duration::from_secs(
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_secs(),
        );
    let hour = Duration::from_secs(3600);
    let token_requests = || {
        server
            .requests()
            .iter()
            .filter(|r| r.path == "/token")
            .count()
    };

    // A valid cached token: straight to the portal.
    write(&corp_token("cached-token", now + hour, None));
    let c = chain(&with("sso")).unwrap();
    assert_eq!(c.credentials.access_key_id, "ASIASSO");
    assert_eq!(c.credentials.session_token.as_deref(), Some("ssotoken"));
    assert_eq!(
        c.expiry,
        Some(SystemTime::UNIX_EPOCH + Duration::from_millis(4_102_444_800_000))
    );
    assert!(
        c.source.contains("SSO account 111122223333 role Admin"),
        "{}",
        c.source
    );
    assert_eq!(token_requests(), 0);

    // Expired, with a registration that holds: refreshed through OIDC CreateToken, and the
    // new token written back over the old one, the rest of the file kept.
    let before = corp_token("old-token", now - hour, Some(now + 24 * hour));
    write(&before);
    let c = chain(&with("sso")).unwrap();
    assert_eq!(c.credentials.secret_access_key, "ssosecret");
    assert_eq!(token_requests(), 1);
    let after = read();
    let text = std::fs::read_to_string(&session_file).unwrap();
    let at = text.find("\"expiresAt\":\"").unwrap() + 13;
    let written = &text[at..at + 20];
    assert!(
        written.ends_with('Z') && written.as_bytes()[10] == b'T' && !written.contains('.'),
        "expiresAt as the AWS CLI writes it: {written}"
    );
    assert_eq!(after.access_token.as_deref(), Some("fresh-token"));
    assert_eq!(after.refresh_token.as_deref(), Some("next-refresh"));
    let expires = SystemTime::from(after.expires_at.unwrap());
    assert!(
        expires > now + hour - Duration::from_secs(60)
            && expires < now + hour + Duration::from_secs(60),
        "{expires:?}"
    );
    assert_eq!(
        TokenFile {
            access_token: None,
            expires_at: None,
            refresh_token: None,
            ..after.clone()
        },
        TokenFile {
            access_token: None,
            expires_at: None,
            refresh_token: None,
            ..before.clone()
        }
    );
    // The next call uses the written token without refreshing.
    chain(&with("sso")).unwrap();
    assert_eq!(token_requests(), 1);

    // Nearly expired and OIDC down: the token still works, so it is used.
    oidc.store(500, std::sync::atomic::Ordering::SeqCst);
    write(&corp_token(
        "nearly-token",
        now + Duration::from_secs(120),
        Some(now + 24 * hour),
    ));
    let c = chain(&with("sso")).unwrap();
    assert_eq!(c.credentials.access_key_id, "ASIASSO");
    assert_eq!(read().access_token.as_deref(), Some("nearly-token"));

    // Expired and the refresh refused: the error says to log in again, without secrets.
    oidc.store(400, std::sync::atomic::Ordering::SeqCst);
    write(&before);
    let e = chain(&with("sso")).unwrap_err().to_string();
    assert!(
        e.contains("profile sso")
            && e.contains("expired")
            && e.contains("refreshing it failed")
            && e.contains("InvalidGrantException (HTTP 400)")
            && e.contains("run `aws sso login --profile sso`"),
        "{e}"
    );
    assert!(!e.contains("HUSH"), "{e}");
    // An answer that is not the service's is named by its status, never quoted.
    oidc.store(502, std::sync::atomic::Ordering::SeqCst);
    let e = chain(&with("sso")).unwrap_err().to_string();
    assert!(e.contains("HTTP 502") && !e.contains("HUSH"), "{e}");

    // Expired, and the registration too: no refresh is tried.
    oidc.store(200, std::sync::atomic::Ordering::SeqCst);
    let asked = token_requests();
    write(&corp_token(
        "old-token",
        now - hour,
        Some(now - Duration::from_secs(1)),
    ));
    let e = chain(&with("sso")).unwrap_err().to_string();
    assert!(
        e.contains("has expired; run `aws sso login --profile sso`"),
        "{e}"
    );
    assert_eq!(token_requests(), asked);

    // The portal refuses the role: the error names the account and role.
    write(&corp_token("cached-token", now + hour, None));
    let e = chain(&with("wrongrole")).unwrap_err().to_string();
    assert!(
        e.contains("profile wrongrole")
            && e.contains("GetRoleCredentials")
            && e.contains("role Nobody")
            && e.contains("sso_role_name"),
        "{e}"
    );

    // Legacy profile, expired token: no refresh, an error saying to log in.
    let legacy_file = cache.join(format!(
        "{}.json",
        sso_cache_name("https://d-2.awsapps.com/start")
    ));
    std::fs::write(&legacy_file, r#"{"accessToken":"HUSH-legacy","expiresAt":"2020-01-01T00:00:00Z","region":"eu-west-1","startUrl":"https://d-2.awsapps.com/start"}"#).unwrap();
    let e = chain(&with("legacy")).unwrap_err().to_string();
    assert!(
        e.contains("profile legacy")
            && e.contains("expired")
            && e.contains("run `aws sso login --profile legacy`"),
        "{e}"
    );
    assert!(!e.contains("HUSH"), "{e}");
    // A cache file that is not JSON, and none at all.
    std::fs::write(&legacy_file, "{\"accessToken\": HUSH").unwrap();
    let e = chain(&with("legacy")).unwrap_err().to_string();
    assert!(e.contains("not valid JSON") && !e.contains("HUSH"), "{e}");
    std::fs::remove_file(&legacy_file).unwrap();
    let e = chain(&with("legacy")).unwrap_err().to_string();
    assert!(
        e.contains("no SSO token in") && e.contains("aws sso login --profile legacy"),
        "{e}"
    );
}

#[test]
fn credential_process_leaves_the_executor_free() {
    let home = Home::new(
        "offload",
        "[profile slow]\ncredential_process = sleep 1; printf '{\"Version\":1,\"AccessKeyId\":\"AKIDSLOW\",\"SecretAccessKey\":\"s\"}'\n",
        "",
    );
    let config = providers(&home, &[("AWS_PROFILE", "slow"), NO_IMDS]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    // Ticks of another task on the same (only) thread while the provider works.
    let ticks_during = |config: ProviderConfig| {
        runtime.block_on(async {
            let provider = ProfileProvider::new(config);
            let mut ticks = 0u32;
            let work = provider.provide_credentials();
            tokio::pin!(work);
            loop {
                tokio::select! {
                    c = &mut work => return (c.unwrap().credentials.access_key_id, ticks),
                    () = tokio::time::sleep(Duration::from_millis(20)) => ticks += 1,
                }
            }
        })
    };
    let (key, ticks) = ticks_during(config.clone());
    assert_eq!(key, "AKIDSLOW");
    assert!(ticks >= 25, "the executor ticked {ticks} times in a second");
    // Run on the polling thread instead, the other task waits for the whole second.
    let (_, ticks) = ticks_during(config.with_blocking_work(BlockingWork::Inline));
    assert!(ticks <= 2, "{ticks}");
}

#[test]
fn from_env_asks_imds_for_the_region_when_nothing_names_one() {
    let server = imds_server("127.0.0.1:0", 0);
    let _env = crate::moto::clean_environment();
    std::env::remove_var("AWS_EC2_METADATA_DISABLED");
    std::env::set_var("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url);
    std::env::set_var("AWS_ACCESS_KEY_ID", "AKIDENV");
    std::env::set_var("AWS_SECRET_ACCESS_KEY", "secretenv");
    let client = awso::blocking::Client::from_env().unwrap();
    assert_eq!(client.region(), "ap-southeast-2");
    // The async client, made inside a runtime with a single thread: the lookup needs none.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = runtime
        .block_on(async { awso::Client::from_env() })
        .unwrap();
    assert_eq!(client.region(), "ap-southeast-2");
    // A region anywhere else wins, and IMDS is not asked.
    let asked = server.requests().len();
    std::env::set_var("AWS_DEFAULT_REGION", "eu-west-1");
    assert_eq!(awso::Client::from_env().unwrap().region(), "eu-west-1");
    assert_eq!(server.requests().len(), asked);
    // No region anywhere, IMDS off: the error says what to set.
    std::env::remove_var("AWS_DEFAULT_REGION");
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    let e = awso::Client::from_env().unwrap_err().to_string();
    assert!(e.contains("no region") && e.contains("AWS_REGION"), "{e}");
}

#[test]
fn secrets_stay_out_of_debug_and_display() {
    // Every secret below has HUSH in it.
    let server = Loopback::start(|r| {
        match r.path.as_str() {
        "/garbage" => (200, r#"{"AccessKeyId": "A", "SecretAccessKey": HUSH-body}"#.into()),
        _ => (
            200,
            r#"{"AccessKeyId":"ASIACONT","SecretAccessKey":"HUSH-container","Token":"HUSH-ctoken","Expiration":"2099-01-01T00:00:00Z"}"#.into(),
        ),
    }
    });
    // No default profile: with no AWS_PROFILE the container provider answers.
    let config = "[profile static]\naws_access_key_id = AKIDDBG\naws_secret_access_key = HUSH-file\naws_session_token = HUSH-ftoken\n\
                  [profile proc]\ncredential_process = printf '{\"Version\":1,\"AccessKeyId\":\"AKIDPROC\",\"SecretAccessKey\":\"HUSH-proc\",\"SessionToken\":\"HUSH-ptoken\"}'\n\
                  [profile fails]\ncredential_process = sh -c 'echo HUSH-stdout; exit 3'\n\
                  [profile garbled]\ncredential_process = echo '{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":HUSH-json'\n\
                  [profile sso]\nsso_start_url = https://d-2.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 1\nsso_role_name = r\n";
    let home = Home::new("hush", config, "");
    let broken = Home::new("hush-broken", "", "[default]\nthis line is HUSH-garbage\n");
    std::fs::write(
        home.path().join(".aws/sso/cache").join(format!(
            "{}.json",
            sso_cache_name("https://d-2.awsapps.com/start")
        )),
        r#"{"accessToken":"HUSH-sso","expiresAt":"2020-01-01T00:00:00Z"}"#,
    )
    .unwrap();
    let token_file = home.path().join("container-token");
    std::fs::write(&token_file, "HUSH-auth").unwrap();
    let token_file = token_file.to_string_lossy().into_owned();
    let good = format!("{}/creds", server.url);
    let garbage = format!("{}/garbage", server.url);
    let env = [
        ("AWS_SECRET_ACCESS_KEY", "HUSH-env"),
        ("AWS_SESSION_TOKEN", "HUSH-etoken"),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "HUSH-auth2"),
        (
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            token_file.as_str(),
        ),
        NO_IMDS,
    ];
    let with = |extra: &[(&'static str, &str)]| {
        let mut e = env.to_vec();
        e.extend_from_slice(extra);
        providers(&home, &e)
    };
    let mut shown: Vec<(String, String)> = Vec::new();
    let mut show = |what: &str, text: String| shown.push((what.to_owned(), text));

    // Credentials as each provider hands them out, and the providers holding them.
    let credentials = awso::Credentials::new("AKID", "HUSH-static", Some("HUSH-stoken".into()));
    show("Credentials", format!("{credentials:?}"));
    let env_keys = with(&[("AWS_ACCESS_KEY_ID", "AKIDENV")]);
    let ok = |config: &ProviderConfig| provide_blocking(&default_chain(config)).unwrap();
    show("environment", format!("{:?}", ok(&env_keys)));
    show(
        "profile static keys",
        format!("{:?}", ok(&with(&[("AWS_PROFILE", "static")]))),
    );
    show(
        "credential_process",
        format!("{:?}", ok(&with(&[("AWS_PROFILE", "proc")]))),
    );
    let container = with(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &good)]);
    let from_container = ok(&container);
    assert_eq!(from_container.credentials.access_key_id, "ASIACONT");
    show("container", format!("{from_container:?}"));
    let cached = awso::credentials::default_provider(&env_keys);
    provide_blocking(&cached).unwrap();
    show("CachedProvider, filled", format!("{cached:?}"));
    show("ProviderConfig", format!("{env_keys:?}"));
    show("ChainProvider", format!("{:?}", default_chain(&env_keys)));
    show(
        "ProfileProvider",
        format!("{:?}", ProfileProvider::new(with(&[]))),
    );
    show(
        "ProfileFiles",
        format!("{:?}", ProfileFiles::load(&home_env(&home)).unwrap()),
    );
    let set = ProfileFiles::load(&home_env(&home)).unwrap().parse();
    show("ProfileSet", format!("{set:?}"));
    show("Profile", format!("{:?}", set.profile("static").unwrap()));
    let broken_set = ProfileFiles::load(&home_env(&broken)).unwrap().parse();
    show("ProfileSet, malformed", format!("{broken_set:?}"));
    let client = awso::Client::new(awso::Credentials::new("a", "b", None), "us-east-1")
        .with_credentials_provider(cached.clone());
    show("Client", format!("{client:?}"));
    let blocking = awso::blocking::Client::new(awso::Credentials::new("a", "b", None), "us-east-1")
        .with_credentials_provider(cached);
    show("blocking::Client", format!("{blocking:?}"));

    // Errors that had a secret at hand: Display and Debug.
    let mut failed = |what: &str, config: ProviderConfig| {
        let e = provide_blocking(&default_chain(&config)).unwrap_err();
        show(what, format!("{e} / {e:?}"));
    };
    failed(
        "credential_process exits 3",
        with(&[("AWS_PROFILE", "fails")]),
    );
    failed(
        "credential_process prints bad JSON",
        with(&[("AWS_PROFILE", "garbled")]),
    );
    failed("SSO token expired", with(&[("AWS_PROFILE", "sso")]));
    failed("malformed credentials file", providers(&broken, &env));
    failed(
        "container answers garbage",
        with(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", &garbage)]),
    );
    failed("nothing found, secrets in the environment", with(&[]));

    assert_eq!(shown.len(), 21);
    let leaks: Vec<String> = shown
        .iter()
        .filter(|(_, text)| text.contains("HUSH"))
        .map(|(what, text)| format!("{what}: {text}"))
        .collect();
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}

/// `HOME` of `home` only, as an environment.
fn home_env(home: &Home) -> BTreeMap<String, String> {
    [(
        "HOME".to_owned(),
        home.path().to_string_lossy().into_owned(),
    )]
    .into()
}
