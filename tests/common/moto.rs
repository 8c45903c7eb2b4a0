//! A moto server (a local AWS) for the end-to-end tests: started on a free loopback port,
//! stopped on drop. moto comes from the tests' Python environment (`python.rs`).

#[path = "python.rs"]
pub mod python;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Holds the process environment for one test (see [`Moto::point_environment_here`]).
pub struct EnvironmentGuard(#[allow(dead_code)] MutexGuard<'static, ()>);

/// A running moto server.
pub struct Moto {
    child: Child,
    /// `http://127.0.0.1:PORT` (or `https://` for [`Moto::start_tls`]).
    pub url: String,
}

impl Moto {
    /// Plain HTTP; the first three requests are free of authentication and every later one
    /// must carry a valid SigV4 signature of a key created by them.
    pub fn start() -> Moto {
        Moto::spawn(&[], Some(3), "http")
    }

    /// Plain HTTP with no signature checks (moto's checks do not cover presigned URLs: a
    /// request without an `Authorization` header fails with a 500 once they are on).
    pub fn start_unauthenticated() -> Moto {
        Moto::spawn(&[], None, "http")
    }

    /// HTTPS with the test certificate of `tests/tls/` (no signature checks).
    pub fn start_tls() -> Moto {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tls");
        let cert = dir.join("server.pem");
        let key = dir.join("server.key");
        Moto::spawn(
            &["-c", cert.to_str().unwrap(), "-k", key.to_str().unwrap()],
            None,
            "https",
        )
    }

    fn spawn(extra: &[&str], free_requests: Option<u32>, scheme: &str) -> Moto {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free loopback port")
            .port();
        let mut command = Command::new(python::python());
        command
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if let Some(n) = free_requests {
            command.env("INITIAL_NO_AUTH_ACTION_COUNT", n.to_string());
        }
        let child = command.spawn().unwrap_or_else(|e| {
            panic!("cannot start moto from the tests' Python environment ({e})")
        });
        let moto = Moto {
            child,
            url: format!("{scheme}://127.0.0.1:{port}"),
        };
        // Wait for the port with bare TCP connects: every HTTP request counts against the
        // unauthenticated ones.
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            assert!(
                Instant::now() < deadline,
                "moto_server did not start within 30 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        moto
    }
}

impl Moto {
    /// Points `Client::from_env()` at this server with the given key, and at nothing else
    /// from the environment or `~/.aws` of the machine running the test. The environment is
    /// process-wide: the returned guard keeps other tests of the binary from changing it
    /// until it is dropped, so hold it for the rest of the test.
    #[must_use = "the environment stays this server's only while the guard lives"]
    pub fn point_environment_here(
        &self,
        access_key_id: &str,
        secret_access_key: &str,
    ) -> EnvironmentGuard {
        let guard = clean_environment();
        std::env::set_var("AWS_ENDPOINT_URL", &self.url);
        std::env::set_var("AWS_REGION", "us-east-1");
        std::env::set_var("AWS_ACCESS_KEY_ID", access_key_id);
        std::env::set_var("AWS_SECRET_ACCESS_KEY", secret_access_key);
        guard
    }
}

/// Takes the environment lock (see [`Moto::point_environment_here`]) and leaves no `AWS_*`
/// variable and no shared file: endpoints, regions and settings are what the test sets.
#[must_use = "the environment stays clean only while the guard lives"]
pub fn clean_environment() -> EnvironmentGuard {
    static ENVIRONMENT: Mutex<()> = Mutex::new(());
    let guard = ENVIRONMENT.lock().unwrap_or_else(|e| e.into_inner());
    for (name, _) in std::env::vars() {
        if name.starts_with("AWS_") {
            std::env::remove_var(name);
        }
    }
    let none = std::env::temp_dir().join("awso-no-such-aws-config");
    std::env::set_var("AWS_CONFIG_FILE", &none);
    std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", &none);
    // No test may reach the real instance metadata address (169.254.169.254) by asking
    // `from_env` for a region or credentials nothing else names; a test that wants IMDS
    // removes this and points AWS_EC2_METADATA_SERVICE_ENDPOINT at a loopback server.
    std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
    EnvironmentGuard(guard)
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
