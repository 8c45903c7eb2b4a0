//! `credential_process`: a command that prints credentials as JSON (`Version` 1,
//! `AccessKeyId`, `SecretAccessKey`, optional `SessionToken` and `Expiration`).
//!
//! The command runs through the shell (`sh -c`; `cmd /C` on Windows), as the SDKs run it;
//! its standard error goes to ours, so a login prompt reaches the user.

use super::{Credentials, CredentialsError, ExpiringCredentials};
use awso_derive::AwsShape;
use awso_runtime::Timestamp;

/// The JSON a credential process prints.
#[derive(AwsShape, Clone, Default)]
#[aws(crate = "awso_runtime")]
struct ProcessOutput {
    version: Option<i32>,
    access_key_id: Option<String>,
    #[aws(sensitive)]
    secret_access_key: Option<String>,
    #[aws(sensitive)]
    session_token: Option<String>,
    #[aws(timestamp_format = "date-time")]
    expiration: Option<Timestamp>,
}

/// Runs `command` and reads the credentials it prints; `provider` names the profile in
/// errors.
pub fn run(command: &str, provider: &str) -> Result<ExpiringCredentials, CredentialsError> {
    let mut cmd = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd.exe");
        c.args(["/C", command]);
        c
    } else {
        let mut c = std::process::Command::new("sh");
        c.args(["-c", command]);
        c
    };
    let output = cmd
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| {
            CredentialsError::failed(
                provider,
                format!("cannot run credential_process: {e}; check the command in the profile"),
            )
        })?;
    if !output.status.success() {
        return Err(CredentialsError::failed(
            provider,
            format!(
                "credential_process exited with {}; run the command by hand to see why",
                output.status
            ),
        ));
    }
    parse(&output.stdout, provider)
}

/// Reads the JSON a credential process printed.
pub fn parse(stdout: &[u8], provider: &str) -> Result<ExpiringCredentials, CredentialsError> {
    // The parse error is not quoted: it could carry part of a secret.
    let bad = |what: &str| {
        CredentialsError::failed(
            provider,
            format!(
                "credential_process printed {what}; it must print JSON with \"Version\": 1, \
                 \"AccessKeyId\", \"SecretAccessKey\" and optionally \"SessionToken\" and \
                 \"Expiration\" (ISO 8601)"
            ),
        )
    };
    let out: ProcessOutput = awso_runtime::json::from_slice(stdout)
        .map_err(|_| bad("something that is not that JSON"))?;
    if out.version != Some(1) {
        return Err(bad("a document without \"Version\": 1"));
    }
    let (Some(id), Some(secret)) = (out.access_key_id, out.secret_access_key) else {
        return Err(bad("a document without AccessKeyId or SecretAccessKey"));
    };
    Ok(ExpiringCredentials::new(
        Credentials::new(id, secret, out.session_token),
        out.expiration.map(Into::into),
        format!("{provider}: credential_process"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn process_json() {
        let c = parse(
            br#"{"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "SECRET",
                "SessionToken": "TOKEN", "Expiration": "2030-01-02T03:04:05Z"}"#,
            "profile p",
        )
        .unwrap();
        assert_eq!(
            c.credentials,
            Credentials::new("AKID", "SECRET", Some("TOKEN".into()))
        );
        assert_eq!(
            c.expiry,
            Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_893_553_445))
        );
        let c = parse(
            br#"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S"}"#,
            "p",
        )
        .unwrap();
        assert_eq!(c.expiry, None);
        for bad in [
            &br#"{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "SECRET"}"#[..],
            br#"{"Version": 1, "AccessKeyId": "A"}"#,
            br#"not json SECRET"#,
            b"",
        ] {
            let e = parse(bad, "profile p").unwrap_err().to_string();
            assert!(e.contains("profile p") && !e.contains("SECRET"), "{e}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn process_runs_and_fails_clearly() {
        let c = run(
            r#"printf '{"Version":1,"AccessKeyId":"AK","SecretAccessKey":"S"}'"#,
            "profile p",
        )
        .unwrap();
        assert_eq!(c.credentials.access_key_id, "AK");
        let e = run("exit 3", "profile p").unwrap_err().to_string();
        assert!(e.contains("exited") && e.contains("profile p"), "{e}");
        let e = run("echo '{bad'", "profile p").unwrap_err().to_string();
        assert!(e.contains("JSON"), "{e}");
    }
}
