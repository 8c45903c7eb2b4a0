//! One table of scenarios (config files plus environment) resolved by botocore's credential
//! resolver and by awso's default chain: the same credentials and region. Roles are
//! assumed from a loopback STS (`AWS_ENDPOINT_URL_STS`) that answers deterministic
//! credentials made of what it was sent (role, session name, external id, duration, and the
//! signing key or web identity token), so equal credentials mean equal requests.
//!
//! Where botocore differs from the other AWS SDKs and the AWS SDKs and Tools shared
//! configuration reference, awso follows the reference; those rows carry `reference` (the
//! answer the reference gives) and the difference, and botocore's answer is only shown:
//!
//! - botocore ignores `AWS_REGION` (it reads `AWS_DEFAULT_REGION` only);
//! - botocore lets `AWS_DEFAULT_PROFILE` beat `AWS_PROFILE`; the reference has `AWS_PROFILE`
//!   only;
//! - botocore keeps `# note` and `; note` after a value in the value; the reference makes
//!   them comments when a space or tab comes before them;
//! - botocore refuses a section or a key written twice in one file; the reference merges
//!   the sections and keeps the last value;
//! - botocore lets whichever of `[default]` and `[profile default]` comes last win; the
//!   reference has `[profile default]` win;
//! - botocore does not trim the blanks inside the brackets (`[ profile dev ]`), reads
//!   quoted names (`[profile "dev"]`), gives `[DEFAULT]`'s settings to every profile, and
//!   accepts `key : value`; the reference trims, ignores the quoted and `[DEFAULT]`
//!   sections (their names are not identifiers, or not `default`), and rejects the line
//!   without `=`;
//! - botocore never reads the region from IMDS (tested in `imds_v2_...` instead: no IMDS
//!   here).

use super::{providers, Home, Loopback, Seen};
use awso::credentials::{default_chain, provide_blocking};
use awso::profile::ProfileFiles;
use std::collections::BTreeMap;

struct Row {
    name: &'static str,
    config: &'static str,
    credentials: &'static str,
    env: &'static [(&'static str, &'static str)],
    /// `Some((difference, outcome))`: botocore differs here and awso follows the reference,
    /// which gives `outcome`: the access key and region, or an error containing this text.
    reference: Option<(&'static str, Outcome)>,
}

/// What the reference resolves a row to.
#[derive(Debug)]
enum Outcome {
    Resolved(&'static str, Option<&'static str>),
    Error(&'static str),
}

const fn row(
    name: &'static str,
    config: &'static str,
    credentials: &'static str,
    env: &'static [(&'static str, &'static str)],
) -> Row {
    Row {
        name,
        config,
        credentials,
        env,
        reference: None,
    }
}

const fn differs(
    name: &'static str,
    config: &'static str,
    credentials: &'static str,
    env: &'static [(&'static str, &'static str)],
    difference: &'static str,
    outcome: Outcome,
) -> Row {
    Row {
        name,
        config,
        credentials,
        env,
        reference: Some((difference, outcome)),
    }
}

const ENV_KEYS: [(&str, &str); 2] = [
    ("AWS_ACCESS_KEY_ID", "AKIDENV"),
    ("AWS_SECRET_ACCESS_KEY", "secretenv"),
];
/// botocore signs STS calls only with a region.
const STS_REGION: (&str, &str) = ("AWS_DEFAULT_REGION", "us-east-1");
const PROCESS: &str = "[profile proc]\ncredential_process = printf '{\"Version\":1,\"AccessKeyId\":\"AKIDPROC\",\"SecretAccessKey\":\"secretproc\",\"SessionToken\":\"tokproc\",\"Expiration\":\"2099-01-01T00:00:00Z\"}'\n";

fn rows() -> Vec<Row> {
    vec![
        row("environment keys", "", "", &ENV_KEYS),
        row(
            "environment keys with a session token",
            "",
            "",
            &[ENV_KEYS[0], ENV_KEYS[1], ("AWS_SESSION_TOKEN", "tokenv")],
        ),
        row(
            "environment with the older AWS_SECURITY_TOKEN",
            "",
            "",
            &[ENV_KEYS[0], ENV_KEYS[1], ("AWS_SECURITY_TOKEN", "oldtok")],
        ),
        row(
            "environment beats the default profile",
            "[default]\nregion = eu-west-1\n",
            "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n",
            &ENV_KEYS,
        ),
        row("credentials file default", "", "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = secretdefault\n", &[]),
        row("config file default", "[default]\naws_access_key_id = AKIDCFG\naws_secret_access_key = secretcfg\nregion = us-west-2\n", "", &[]),
        row(
            "credentials file beats config file",
            "[default]\naws_access_key_id = AKIDCFG\naws_secret_access_key = secretcfg\n",
            "[default]\naws_access_key_id = AKIDCRED\naws_secret_access_key = secretcred\n",
            &[],
        ),
        row(
            "AWS_PROFILE from the credentials file",
            "[profile dev]\nregion = ap-south-1\n",
            "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = secretdev\naws_session_token = tokdev\n",
            &[("AWS_PROFILE", "dev")],
        ),
        row(
            "AWS_PROFILE from the config file",
            "[profile dev]\naws_access_key_id = AKIDDEVCFG\naws_secret_access_key = secretdevcfg\nregion = ca-central-1\n",
            "",
            &[("AWS_PROFILE", "dev")],
        ),
        row(
            "[profile default] in the config file",
            "[profile default]\naws_access_key_id = AKIDPD\naws_secret_access_key = secretpd\nregion = sa-east-1\n",
            "",
            &[],
        ),
        row("region from AWS_DEFAULT_REGION", "", "[default]\naws_access_key_id = A1\naws_secret_access_key = s1\n", &[("AWS_DEFAULT_REGION", "eu-central-1")]),
        row(
            "AWS_DEFAULT_REGION beats the profile's region",
            "[default]\nregion = us-west-1\n",
            "[default]\naws_access_key_id = A2\naws_secret_access_key = s2\n",
            &[("AWS_DEFAULT_REGION", "eu-north-1")],
        ),
        row(
            "comments, case and spacing",
            "# a comment\n; another\n[default]\nRegion=eu-west-3\n",
            "[default]\n  AWS_Access_Key_Id=AKIDCASE\naws_secret_access_key   =   secret/with+chars==\n",
            &[],
        ),
        row(
            "AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE",
            "[default]\nregion = nowhere-1\n",
            "",
            &[
                ("AWS_CONFIG_FILE", "{HOME}/alt-config"),
                ("AWS_SHARED_CREDENTIALS_FILE", "{HOME}/alt-credentials"),
            ],
        ),
        row("credential_process", PROCESS, "", &[("AWS_PROFILE", "proc")]),
        row(
            "static keys beat credential_process in one profile",
            "[profile mixed]\ncredential_process = false\n",
            "[mixed]\naws_access_key_id = AKIDMIXED\naws_secret_access_key = secretmixed\n",
            &[("AWS_PROFILE", "mixed")],
        ),
        row(
            "role_arn with a static source_profile",
            "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secretbase\n[profile r]\nrole_arn = arn:aws:iam::123456789012:role/one\nsource_profile = base\n",
            "",
            &[("AWS_PROFILE", "r"), STS_REGION],
        ),
        row(
            "role_arn with session name, external id and duration",
            "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secretbase\n[profile r]\nrole_arn = arn:aws:iam::123456789012:role/two\nsource_profile = base\nrole_session_name = named\nexternal_id = ext-42\nduration_seconds = 1800\n",
            "",
            &[("AWS_PROFILE", "r"), STS_REGION],
        ),
        row(
            "a chain of two roles",
            "[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secretbase\n[profile first]\nrole_arn = arn:aws:iam::123456789012:role/first\nsource_profile = base\n[profile second]\nrole_arn = arn:aws:iam::123456789012:role/second\nsource_profile = first\n",
            "",
            &[("AWS_PROFILE", "second"), STS_REGION],
        ),
        row(
            "a source profile's static keys beat its own role",
            "[profile both]\naws_access_key_id = AKIDBOTH\naws_secret_access_key = secretboth\nrole_arn = arn:aws:iam::123456789012:role/ignored\nsource_profile = both\n[profile top]\nrole_arn = arn:aws:iam::123456789012:role/top\nsource_profile = both\n",
            "",
            &[("AWS_PROFILE", "top"), STS_REGION],
        ),
        row(
            "source_profile naming itself",
            "[profile self]\naws_access_key_id = AKIDSELF\naws_secret_access_key = secretself\nrole_arn = arn:aws:iam::123456789012:role/self\nsource_profile = self\n",
            "",
            &[("AWS_PROFILE", "self"), STS_REGION],
        ),
        row(
            "role_arn in the profile beats its static keys",
            "[profile rk]\nrole_arn = arn:aws:iam::123456789012:role/rk\nsource_profile = base\naws_access_key_id = AKIDRK\naws_secret_access_key = secretrk\n[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = secretbase\n",
            "",
            &[("AWS_PROFILE", "rk"), STS_REGION],
        ),
        row(
            "role_arn with credential_source Environment",
            "[profile ce]\nrole_arn = arn:aws:iam::123456789012:role/ce\ncredential_source = Environment\n",
            "",
            &[("AWS_PROFILE", "ce"), ENV_KEYS[0], ENV_KEYS[1]],
        ),
        row(
            "role_arn sourced from a credential_process profile",
            "[profile proc]\ncredential_process = printf '{\"Version\":1,\"AccessKeyId\":\"AKIDPROC\",\"SecretAccessKey\":\"secretproc\"}'\n[profile rp]\nrole_arn = arn:aws:iam::123456789012:role/rp\nsource_profile = proc\n",
            "",
            &[("AWS_PROFILE", "rp"), STS_REGION],
        ),
        row(
            "web identity from the environment",
            "",
            "",
            &[
                ("AWS_WEB_IDENTITY_TOKEN_FILE", "{HOME}/token"),
                ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/irsa"),
                ("AWS_ROLE_SESSION_NAME", "pod-1"),
            ],
        ),
        row(
            "web identity from a profile",
            "[profile wi]\nrole_arn = arn:aws:iam::123456789012:role/wi\nweb_identity_token_file = {HOME}/token\nrole_session_name = wi-session\n",
            "",
            &[("AWS_PROFILE", "wi")],
        ),
        row(
            "the region of the selected profile",
            "[default]\nregion = us-east-2\n[profile other]\nregion = eu-south-1\n",
            "[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = secretother\n",
            &[("AWS_PROFILE", "other")],
        ),
        differs(
            "AWS_REGION beats AWS_DEFAULT_REGION",
            "",
            "",
            &[ENV_KEYS[0], ENV_KEYS[1], ("AWS_REGION", "eu-west-1"), ("AWS_DEFAULT_REGION", "us-west-2")],
            "botocore ignores AWS_REGION",
            Outcome::Resolved("AKIDENV", Some("eu-west-1")),
        ),
        differs(
            "AWS_PROFILE selects, AWS_DEFAULT_PROFILE is not read",
            "",
            "[p]\naws_access_key_id = AKIDP\naws_secret_access_key = sp\n[dp]\naws_access_key_id = AKIDDP\naws_secret_access_key = sdp\n",
            &[("AWS_PROFILE", "p"), ("AWS_DEFAULT_PROFILE", "dp")],
            "botocore lets AWS_DEFAULT_PROFILE beat AWS_PROFILE",
            Outcome::Resolved("AKIDP", None),
        ),
        // The files' syntax.
        row(
            "comment lines, and comments after a section header",
            "# c\n; c\n[default] # c\nregion = eu-west-1\n",
            "; c\n[default] ; c\n# c\naws_access_key_id = AKIDCMT\naws_secret_access_key = secretcmt\n",
            &[],
        ),
        row(
            "# and ; inside a value, with no blank before them, are the value",
            "[default]\nregion = eu-west-1\n",
            "[default]\naws_access_key_id = AKIDHASH\naws_secret_access_key = sec#ret;x\n",
            &[],
        ),
        row(
            "a nested block (s3 =) keeps its settings out of the profile",
            "[default]\ns3 =\n  region = wrong-1\n  # c\n  addressing_style = path\nregion = eu-west-1\n",
            "[default]\naws_access_key_id = AKIDNEST\naws_secret_access_key = secretnest\n",
            &[],
        ),
        row(
            "an indented line continues the value above",
            "",
            "[default]\naws_access_key_id = AKIDCONT\naws_secret_access_key = first\n  second\n",
            &[],
        ),
        row(
            "tabs and spaces around keys; a key with blanks inside is not read",
            "[default]\n\nregion\t=\teu-west-1\t\n",
            "[default]\naws_access_key_id\t=\tAKIDTAB\t\naws secret access key = wrong\naws_secret_access_key   =   secrettab\n",
            &[],
        ),
        row(
            "[default] then [profile default] in the config file",
            "[default]\nregion = us-west-1\n[profile default]\nregion = eu-west-1\n",
            "[default]\naws_access_key_id = AKIDPD2\naws_secret_access_key = secretpd2\n",
            &[],
        ),
        row(
            "[profile dev] in the credentials file is not profile dev",
            "",
            "[profile dev]\naws_access_key_id = AKIDWRONG\naws_secret_access_key = wrong\n[dev]\naws_access_key_id = AKIDDEV2\naws_secret_access_key = secretdev2\n",
            &[("AWS_PROFILE", "dev")],
        ),
        row(
            "[dev] in the config file is not profile dev",
            "[dev]\nregion = wrong-1\n[profile dev]\nregion = eu-west-1\n",
            "[dev]\naws_access_key_id = AKIDDEV3\naws_secret_access_key = secretdev3\n",
            &[("AWS_PROFILE", "dev")],
        ),
        row(
            "[services x] and [sso-session x] are not profiles",
            "[services dev]\nregion = wrong-1\n[sso-session dev]\nregion = wrong-2\n[profile dev]\nregion = eu-west-2\n",
            "[dev]\naws_access_key_id = AKIDDEV4\naws_secret_access_key = secretdev4\n",
            &[("AWS_PROFILE", "dev")],
        ),
        row(
            "a tab between profile and the name",
            "[profile\tdev]\nregion = eu-west-3\n",
            "[dev]\naws_access_key_id = AKIDDEV5\naws_secret_access_key = secretdev5\n",
            &[("AWS_PROFILE", "dev")],
        ),
        row(
            "the region in the credentials file",
            "",
            "[default]\naws_access_key_id = AKIDREG\naws_secret_access_key = secretreg\nregion = ap-northeast-1\n",
            &[],
        ),
        row(
            "Windows line endings",
            "[default]\r\nregion = eu-west-1\r\n",
            "[default]\r\naws_access_key_id = AKIDCRLF\r\naws_secret_access_key = secretcrlf\r\n",
            &[],
        ),
        differs(
            "a comment after a blank ends the value",
            "[default]\nregion = eu-west-1 # where we run\n",
            "[default]\naws_access_key_id = AKIDINL # note\naws_secret_access_key = secretinl ; note\n",
            &[],
            "botocore keeps the comment in the value",
            Outcome::Resolved("AKIDINL", Some("eu-west-1")),
        ),
        differs(
            "a section written twice in one file is merged",
            "[default]\nregion = eu-west-1\n[default]\noutput = json\n",
            "[default]\naws_access_key_id = AKIDTWICE\naws_secret_access_key = secrettwice\n",
            &[],
            "botocore refuses the file",
            Outcome::Resolved("AKIDTWICE", Some("eu-west-1")),
        ),
        differs(
            "a key written twice keeps the last value",
            "",
            "[default]\naws_access_key_id = AKIDOLD\naws_access_key_id = AKIDNEW\naws_secret_access_key = secretnew\n",
            &[],
            "botocore refuses the file",
            Outcome::Resolved("AKIDNEW", None),
        ),
        differs(
            "[profile default] before [default] in the config file",
            "[profile default]\nregion = eu-west-1\n[default]\nregion = us-west-1\n",
            "[default]\naws_access_key_id = AKIDPD3\naws_secret_access_key = secretpd3\n",
            &[],
            "botocore takes the section written last",
            Outcome::Resolved("AKIDPD3", Some("eu-west-1")),
        ),
        differs(
            "blanks inside the brackets are trimmed",
            "[  profile   dev  ]\nregion = eu-west-1\n",
            "[ dev ]\naws_access_key_id = AKIDBLANK\naws_secret_access_key = secretblank\n",
            &[("AWS_PROFILE", "dev")],
            "botocore finds no profile dev",
            Outcome::Resolved("AKIDBLANK", Some("eu-west-1")),
        ),
        differs(
            "a quoted profile name is not a profile",
            "[profile \"dev\"]\nregion = eu-west-1\n",
            "[dev]\naws_access_key_id = AKIDQUOTE\naws_secret_access_key = secretquote\n",
            &[("AWS_PROFILE", "dev")],
            "botocore reads the quoted name",
            Outcome::Resolved("AKIDQUOTE", None),
        ),
        differs(
            "[DEFAULT] is not a profile",
            "[DEFAULT]\nregion = eu-west-3\n[default]\n",
            "[default]\naws_access_key_id = AKIDUPPER\naws_secret_access_key = secretupper\n",
            &[],
            "botocore gives [DEFAULT]'s settings to every profile",
            Outcome::Resolved("AKIDUPPER", None),
        ),
        differs(
            "`key : value` is a malformed line",
            "[default]\nregion : eu-west-1\n",
            "[default]\naws_access_key_id = AKIDCOLON\naws_secret_access_key = secretcolon\n",
            &[],
            "botocore accepts `:` for `=`",
            Outcome::Error("config line 2: expected `key = value`"),
        ),
    ]
}

/// The loopback STS: credentials made of the request.
fn sts(r: &Seen) -> (u16, String) {
    let form: BTreeMap<String, String> = r
        .body
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect();
    let action = form.get("Action").cloned().unwrap_or_default();
    let role = form.get("RoleArn").cloned().unwrap_or_default();
    let role = role.rsplit('/').next().unwrap_or("");
    let session = form.get("RoleSessionName").cloned().unwrap_or_default();
    // Generated names differ by design (botocore-session-..., awso-...).
    let session = if session.starts_with("botocore-session-") || session.starts_with("awso-") {
        "generated".to_owned()
    } else {
        session
    };
    let caller = match form.get("WebIdentityToken") {
        Some(token) => format!("token:{token}"),
        None => r
            .headers
            .get("authorization")
            .and_then(|a| a.split("Credential=").nth(1))
            .and_then(|c| c.split('/').next())
            .unwrap_or("unsigned")
            .to_owned(),
    };
    let secret = format!(
        "{caller}|{}|{}",
        form.get("ExternalId").map_or("-", String::as_str),
        form.get("DurationSeconds").map_or("-", String::as_str)
    );
    let body = format!(
        "<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{action}Result>\
         <Credentials><AccessKeyId>ASIA{role}</AccessKeyId><SecretAccessKey>{secret}</SecretAccessKey>\
         <SessionToken>{session}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>\
         <AssumedRoleUser><AssumedRoleId>AROA:{session}</AssumedRoleId><Arn>arn:aws:sts::123456789012:assumed-role/{role}/{session}</Arn></AssumedRoleUser>\
         </{action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></{action}Response>"
    );
    (200, body)
}

/// Form decoding (`+` is a space, `%XX` a byte).
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Debug, PartialEq)]
struct Resolved {
    access_key: String,
    secret_key: String,
    token: Option<String>,
    region: Option<String>,
}

#[test]
fn awso_and_botocore_resolve_the_same_credentials_and_region() {
    let server = Loopback::start(sts);
    let rows = rows();
    assert!(rows.iter().filter(|r| r.reference.is_none()).count() >= 25);
    let homes: Vec<Home> = rows
        .iter()
        .map(|r| {
            let home = Home::new("table", r.config, r.credentials);
            let h = home.path().to_string_lossy().into_owned();
            for file in [".aws/config", ".aws/credentials"] {
                let path = home.path().join(file);
                let text = std::fs::read_to_string(&path)
                    .unwrap()
                    .replace("{HOME}", &h);
                std::fs::write(path, text).unwrap();
            }
            std::fs::write(
                home.path().join("alt-config"),
                "[default]\nregion = il-central-1\n",
            )
            .unwrap();
            std::fs::write(
                home.path().join("alt-credentials"),
                "[default]\naws_access_key_id = AKIDALT\naws_secret_access_key = secretalt\n",
            )
            .unwrap();
            std::fs::write(home.path().join("token"), "web-identity-token-1").unwrap();
            home
        })
        .collect();
    let envs: Vec<BTreeMap<String, String>> = rows
        .iter()
        .zip(&homes)
        .map(|(r, home)| {
            let h = home.path().to_string_lossy().into_owned();
            let mut env: BTreeMap<String, String> = r
                .env
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.replace("{HOME}", &h)))
                .collect();
            env.insert("HOME".into(), h);
            env.insert("AWS_EC2_METADATA_DISABLED".into(), "true".into());
            env.insert("AWS_ENDPOINT_URL_STS".into(), server.url.clone());
            env.entry("AWS_DEFAULT_REGION".into())
                .or_insert_with(|| "".into());
            env.retain(|_, v| !v.is_empty());
            env
        })
        .collect();

    // botocore, all rows in one interpreter.
    let python = crate::moto::python::python();
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/botocore/credentials.py");
    let mut child = std::process::Command::new(python)
        .arg(script)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    serde_json::to_writer(child.stdin.take().unwrap(), &envs).unwrap();
    let out = child.wait_with_output().unwrap();
    let botocore: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();

    let mut failures = Vec::new();
    let mut differences = Vec::new();
    for ((r, env), boto) in rows.iter().zip(&envs).zip(&botocore) {
        let config = providers_on(env);
        let ours = provide_blocking(&default_chain(&config)).map(|c| Resolved {
            access_key: c.credentials.access_key_id,
            secret_key: c.credentials.secret_access_key,
            token: c.credentials.session_token,
            region: awso::profile::region_from(env, &ProfileFiles::load(env).unwrap().parse()),
        });
        let theirs = match boto.get("error") {
            Some(e) => Err(e.to_string()),
            None => Ok(Resolved {
                access_key: boto["access_key"].as_str().unwrap_or("").to_owned(),
                secret_key: boto["secret_key"].as_str().unwrap_or("").to_owned(),
                token: boto["token"].as_str().map(str::to_owned),
                region: boto["region"].as_str().map(str::to_owned),
            }),
        };
        match (&r.reference, &ours) {
            (Some((difference, outcome)), ours) => {
                let agrees = match (outcome, ours) {
                    (Outcome::Resolved(key, region), Ok(ours)) => {
                        ours.access_key == *key && ours.region.as_deref() == *region
                    }
                    (Outcome::Error(text), Err(e)) => e.to_string().contains(text),
                    _ => false,
                };
                if !agrees {
                    failures.push(format!(
                        "{}: awso {ours:?}, the reference says {outcome:?}",
                        r.name
                    ));
                }
                differences.push(format!("{} ({difference}): botocore {theirs:?}", r.name));
            }
            (None, Ok(ours)) if theirs.as_ref().ok() == Some(ours) => {}
            _ => failures.push(format!("{}: awso {ours:?}, botocore {theirs:?}", r.name)),
        }
    }
    eprintln!(
        "differences from botocore, as the reference says:\n  {}",
        differences.join("\n  ")
    );
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// Providers on exactly `env` (its HOME included).
fn providers_on(env: &BTreeMap<String, String>) -> awso::credentials::ProviderConfig {
    let home = env.get("HOME").cloned().unwrap_or_default();
    let pairs: Vec<(&str, &str)> = env
        .iter()
        .filter(|(k, _)| k.as_str() != "HOME")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let h = Home(std::path::PathBuf::from(home));
    let config = providers(&h, &pairs);
    std::mem::forget(h); // the table's own Home removes the directory
    config
}
