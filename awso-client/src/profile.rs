//! The environment and the shared AWS config and credentials files (`~/.aws/config`,
//! `~/.aws/credentials`), read as the AWS SDKs read them; and the region.
//!
//! Everything here takes its inputs explicitly, an [`Env`] for environment variables and
//! [`ProfileFiles`] for the files' contents, so it is testable without touching the real
//! environment; [`ProcessEnv`] and [`ProfileFiles::load`] are the thin wrappers that read the
//! real ones.
//!
//! # File format
//!
//! INI, as the AWS CLI and SDKs read it: `[section]` headers; `key = value` lines (keys
//! case-insensitive, values trimmed); whole-line comments starting with `#` or `;`, and
//! inline comments after a value when preceded by whitespace (`key = value # note`);
//! indented lines after a key with an empty value are its sub-properties
//! (`s3 =\n  endpoint_url = ...`). In the config file profiles are `[profile name]` (and
//! `[default]` or `[profile default]`), plus `[services name]` sections; in the credentials
//! file they are `[name]`. A profile found in both files is merged, the credentials file
//! winning. Sections repeated in a file are merged, later keys winning.

use std::collections::BTreeMap;
use std::path::PathBuf;

use awso_runtime::{Error, Result};

/// Looks up environment variables: the process environment ([`ProcessEnv`]), or anything
/// else in tests: closures `Fn(&str) -> Option<String>` and maps implement it.
pub trait Env {
    /// The value of `name`, if set.
    fn get(&self, name: &str) -> Option<String>;

    /// The value of `name`, if set and not empty (after trimming).
    fn get_non_empty(&self, name: &str) -> Option<String> {
        self.get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }
}

/// The real process environment.
#[derive(Clone, Copy, Debug, Default)]
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn get(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
}

impl<F: Fn(&str) -> Option<String>> Env for F {
    fn get(&self, name: &str) -> Option<String> {
        self(name)
    }
}

impl Env for BTreeMap<String, String> {
    fn get(&self, name: &str) -> Option<String> {
        BTreeMap::get(self, name).cloned()
    }
}

impl Env for BTreeMap<&str, &str> {
    fn get(&self, name: &str) -> Option<String> {
        BTreeMap::get(self, name).map(|v| (*v).to_owned())
    }
}

impl Env for std::collections::HashMap<String, String> {
    fn get(&self, name: &str) -> Option<String> {
        std::collections::HashMap::get(self, name).cloned()
    }
}

/// The contents of the shared config and credentials files (`None`: no such file).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ProfileFiles {
    /// The config file (`~/.aws/config`, or `AWS_CONFIG_FILE`).
    pub config: Option<String>,
    /// The credentials file (`~/.aws/credentials`, or `AWS_SHARED_CREDENTIALS_FILE`).
    pub credentials: Option<String>,
}

impl std::fmt::Debug for ProfileFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The credentials file holds secrets: show only whether the files exist.
        f.debug_struct("ProfileFiles")
            .field("config", &self.config.as_ref().map(|_| "..."))
            .field("credentials", &self.credentials.as_ref().map(|_| "..."))
            .finish()
    }
}

impl ProfileFiles {
    /// Reads the real files at the paths [`config_file_path`] and [`credentials_file_path`]
    /// give for `env`. A missing file is `None`; any other read error is an error.
    pub fn load(env: &impl Env) -> Result<ProfileFiles> {
        fn read(path: Option<PathBuf>) -> Result<Option<String>> {
            let Some(path) = path else { return Ok(None) };
            match std::fs::read_to_string(&path) {
                Ok(s) => Ok(Some(s)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(Error::message(format!(
                    "cannot read {}: {e}",
                    path.display()
                ))),
            }
        }
        Ok(ProfileFiles {
            config: read(config_file_path(env))?,
            credentials: read(credentials_file_path(env))?,
        })
    }

    /// Parses both files.
    pub fn parse(&self) -> ProfileSet {
        ProfileSet::parse(self.config.as_deref(), self.credentials.as_deref())
    }
}

/// The home directory: `HOME`, else `USERPROFILE`, else `HOMEDRIVE` + `HOMEPATH`.
pub fn home_dir(env: &impl Env) -> Option<PathBuf> {
    env.get_non_empty("HOME")
        .or_else(|| env.get_non_empty("USERPROFILE"))
        .or_else(|| Some(env.get_non_empty("HOMEDRIVE")? + &env.get_non_empty("HOMEPATH")?))
        .map(PathBuf::from)
}

fn expand_home(path: String, env: &impl Env) -> Option<PathBuf> {
    match path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\")) {
        Some(rest) => Some(home_dir(env)?.join(rest)),
        None if path == "~" => home_dir(env),
        None => Some(PathBuf::from(path)),
    }
}

/// `AWS_CONFIG_FILE` (a leading `~/` is the home directory), else `~/.aws/config`.
pub fn config_file_path(env: &impl Env) -> Option<PathBuf> {
    match env.get_non_empty("AWS_CONFIG_FILE") {
        Some(path) => expand_home(path, env),
        None => Some(home_dir(env)?.join(".aws").join("config")),
    }
}

/// `AWS_SHARED_CREDENTIALS_FILE` (a leading `~/` is the home directory), else
/// `~/.aws/credentials`.
pub fn credentials_file_path(env: &impl Env) -> Option<PathBuf> {
    match env.get_non_empty("AWS_SHARED_CREDENTIALS_FILE") {
        Some(path) => expand_home(path, env),
        None => Some(home_dir(env)?.join(".aws").join("credentials")),
    }
}

/// The selected profile: `AWS_PROFILE`, else `default`.
pub fn profile_name(env: &impl Env) -> String {
    env.get_non_empty("AWS_PROFILE")
        .unwrap_or_else(|| "default".to_owned())
}

/// One profile (or `[services]` section): its properties, keys lower-cased.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Profile {
    properties: BTreeMap<String, String>,
    sub_properties: BTreeMap<String, BTreeMap<String, String>>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Values may be secrets: keys only.
        f.debug_struct("Profile")
            .field("keys", &self.properties.keys().collect::<Vec<_>>())
            .field("sections", &self.sub_properties.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Profile {
    /// A property (`region`), if set and not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.properties
            .get(&key.to_ascii_lowercase())
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A sub-property (`s3` then `endpoint_url`), if set and not empty.
    pub fn get_sub(&self, key: &str, sub_key: &str) -> Option<&str> {
        self.sub_properties
            .get(&key.to_ascii_lowercase())?
            .get(&sub_key.to_ascii_lowercase())
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    fn merge(&mut self, other: &Profile) {
        for (k, v) in &other.properties {
            self.properties.insert(k.clone(), v.clone());
        }
        for (k, v) in &other.sub_properties {
            self.sub_properties
                .entry(k.clone())
                .or_default()
                .extend(v.iter().map(|(a, b)| (a.clone(), b.clone())));
        }
    }
}

/// The profiles and `[services]` sections of both files, merged.
#[derive(Clone, Default, Debug, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: BTreeMap<String, Profile>,
    services: BTreeMap<String, Profile>,
    sso_sessions: BTreeMap<String, Profile>,
    /// Lines neither a section header, a `key = value` nor a comment (`config line 3`).
    problems: Vec<String>,
}

#[derive(PartialEq)]
enum FileKind {
    Config,
    Credentials,
}

impl ProfileSet {
    /// Parses a config file and a credentials file (either may be absent).
    pub fn parse(config: Option<&str>, credentials: Option<&str>) -> ProfileSet {
        let mut set = ProfileSet::default();
        if let Some(config) = config {
            set.parse_file(config, FileKind::Config);
        }
        if let Some(credentials) = credentials {
            set.parse_file(credentials, FileKind::Credentials);
        }
        set
    }

    /// The named profile, if either file has it.
    pub fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.get(name)
    }

    /// The named `[services name]` section of the config file.
    pub fn services(&self, name: &str) -> Option<&Profile> {
        self.services.get(name)
    }

    /// The named `[sso-session name]` section of the config file.
    pub fn sso_session(&self, name: &str) -> Option<&Profile> {
        self.sso_sessions.get(name)
    }

    /// Where the files are malformed (`config file line 3`): lines that are neither a
    /// section header, a `key = value` nor a comment. The values are never quoted.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    fn parse_file(&mut self, text: &str, kind: FileKind) {
        // Sections of this file, merged over what earlier files gave once the file is read.
        let mut profiles: BTreeMap<String, Profile> = BTreeMap::new();
        let mut services: BTreeMap<String, Profile> = BTreeMap::new();
        let mut sso_sessions: BTreeMap<String, Profile> = BTreeMap::new();
        let file = match kind {
            FileKind::Config => "config file",
            FileKind::Credentials => "credentials file",
        };
        // Where `key = value` lines go now: None before any usable section.
        enum Target {
            Profile(String),
            Services(String),
            SsoSession(String),
            Ignored,
        }
        let mut target = Target::Ignored;
        // The key that indented lines are sub-properties of.
        let mut parent: Option<String> = None;
        for (number, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
                continue;
            }
            if trimmed.starts_with('[') {
                parent = None;
                let Some(end) = trimmed.find(']') else {
                    self.problems.push(format!(
                        "{file} line {}: a section header without `]`",
                        number + 1
                    ));
                    target = Target::Ignored;
                    continue;
                };
                let header = trimmed[1..end].trim();
                target = match kind {
                    FileKind::Credentials => Target::Profile(header.to_owned()),
                    FileKind::Config => {
                        let mut words = header.split_whitespace();
                        match (words.next(), words.next(), words.next()) {
                            (Some("default"), None, _) => Target::Profile("default".into()),
                            (Some("profile"), Some(name), None) => Target::Profile(name.into()),
                            (Some("services"), Some(name), None) => Target::Services(name.into()),
                            (Some("sso-session"), Some(name), None) => {
                                Target::SsoSession(name.into())
                            }
                            _ => Target::Ignored,
                        }
                    }
                };
                if let Target::Profile(name) = &target {
                    profiles.entry(name.clone()).or_default();
                }
                continue;
            }
            let section = match &target {
                Target::Profile(name) => profiles.entry(name.clone()).or_default(),
                Target::Services(name) => services.entry(name.clone()).or_default(),
                Target::SsoSession(name) => sso_sessions.entry(name.clone()).or_default(),
                Target::Ignored => {
                    if !trimmed.contains('=') {
                        self.problems
                            .push(format!("{file} line {}: not `key = value`", number + 1));
                    }
                    continue;
                }
            };
            let indented = line.starts_with([' ', '\t']);
            let Some((key, value)) = trimmed.split_once('=') else {
                self.problems
                    .push(format!("{file} line {}: not `key = value`", number + 1));
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = strip_inline_comment(value).trim().to_owned();
            match (&parent, indented) {
                (Some(parent_key), true) => {
                    section
                        .sub_properties
                        .entry(parent_key.clone())
                        .or_default()
                        .insert(key, value);
                }
                _ => {
                    parent = value.is_empty().then(|| key.clone());
                    section.properties.insert(key, value);
                }
            }
        }
        for (name, profile) in profiles {
            self.profiles.entry(name).or_default().merge(&profile);
        }
        for (name, section) in services {
            self.services.entry(name).or_default().merge(&section);
        }
        for (name, section) in sso_sessions {
            self.sso_sessions.entry(name).or_default().merge(&section);
        }
    }
}

/// `value # comment` is `value`; `a#b` stays `a#b`.
fn strip_inline_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if (b == b'#' || b == b';') && i > 0 && bytes[i - 1].is_ascii_whitespace() {
            return &value[..i];
        }
    }
    value
}

/// The region: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the `region` of the selected
/// profile ([`profile_name`]) in the config file.
pub fn region_from(env: &impl Env, profiles: &ProfileSet) -> Option<String> {
    env.get_non_empty("AWS_REGION")
        .or_else(|| setting(env, profiles, "AWS_DEFAULT_REGION", "region"))
}

/// A setting from environment variable `var`, else key `key` of the selected profile.
pub fn setting(env: &impl Env, profiles: &ProfileSet, var: &str, key: &str) -> Option<String> {
    env.get_non_empty(var).or_else(|| {
        profiles
            .profile(&profile_name(env))?
            .get(key)
            .map(str::to_owned)
    })
}

/// [`region_from`] the real environment and files. A file that exists but cannot be read is
/// an error; no region anywhere is `Ok(None)`.
pub fn region() -> Result<Option<String>> {
    let files = ProfileFiles::load(&ProcessEnv)?;
    Ok(region_from(&ProcessEnv, &files.parse()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&'static str, &'static str)]) -> BTreeMap<&'static str, &'static str> {
        pairs.iter().copied().collect()
    }

    const CONFIG: &str = "\
# comment
; another
[default]
region = us-west-2
output=json

[profile dev]
region = eu-west-1   # inline comment
Aws_Access_Key_Id = AKIDCONFIG
s3 =
  endpoint_url = http://localhost:9000
  addressing_style = path
services = local

[profile  spaced  ]
region=ap-south-1

[not-a-profile]
region = nowhere

[services local]
dynamodb =
  endpoint_url = http://localhost:8000
[sso-session x]
sso_region = us-east-1
[profile dev]
output = text
";

    #[test]
    fn profile_parse_config() {
        let set = ProfileSet::parse(Some(CONFIG), None);
        let default = set.profile("default").unwrap();
        assert_eq!(default.get("region"), Some("us-west-2"));
        assert_eq!(default.get("output"), Some("json"));
        let dev = set.profile("dev").unwrap();
        assert_eq!(dev.get("region"), Some("eu-west-1"));
        assert_eq!(dev.get("aws_access_key_id"), Some("AKIDCONFIG"));
        assert_eq!(dev.get("output"), Some("text"));
        assert_eq!(dev.get("s3"), None);
        assert_eq!(
            dev.get_sub("s3", "endpoint_url"),
            Some("http://localhost:9000")
        );
        assert_eq!(dev.get_sub("S3", "Addressing_Style"), Some("path"));
        assert_eq!(dev.get("services"), Some("local"));
        assert_eq!(
            set.profile("spaced").unwrap().get("region"),
            Some("ap-south-1")
        );
        assert!(set.profile("not-a-profile").is_none());
        assert!(set.profile("x").is_none());
        assert_eq!(
            set.services("local")
                .unwrap()
                .get_sub("dynamodb", "endpoint_url"),
            Some("http://localhost:8000")
        );
        assert!(!format!("{dev:?}").contains("AKIDCONFIG"));
    }

    #[test]
    fn profile_credentials_file_wins_and_names_are_literal() {
        let creds = "[default]\r\nregion = us-east-2\r\n[profile dev]\nregion = x\n[dev]\nregion=y";
        let set = ProfileSet::parse(Some(CONFIG), Some(creds));
        assert_eq!(
            set.profile("default").unwrap().get("region"),
            Some("us-east-2")
        );
        assert_eq!(set.profile("dev").unwrap().get("region"), Some("y"));
        assert_eq!(set.profile("dev").unwrap().get("output"), Some("text"));
        assert_eq!(set.profile("profile dev").unwrap().get("region"), Some("x"));
    }

    #[test]
    fn profile_garbage_does_not_panic() {
        for text in [
            "[",
            "]",
            "[]",
            "=",
            "==",
            "[a\nb=c",
            " = \n  = ",
            "\u{feff}[x]\na=b",
            "a=b",
        ] {
            let _ = ProfileSet::parse(Some(text), Some(text));
        }
        assert_eq!(strip_inline_comment("a#b ;c"), "a#b ");
    }

    #[test]
    fn profile_region_order() {
        let set = ProfileSet::parse(Some(CONFIG), None);
        let e = env(&[("AWS_REGION", "r1"), ("AWS_DEFAULT_REGION", "r2")]);
        assert_eq!(region_from(&e, &set).as_deref(), Some("r1"));
        let e = env(&[("AWS_REGION", ""), ("AWS_DEFAULT_REGION", "r2")]);
        assert_eq!(region_from(&e, &set).as_deref(), Some("r2"));
        let e = env(&[]);
        assert_eq!(region_from(&e, &set).as_deref(), Some("us-west-2"));
        let e = env(&[("AWS_PROFILE", "dev")]);
        assert_eq!(region_from(&e, &set).as_deref(), Some("eu-west-1"));
        let e = env(&[("AWS_PROFILE", "missing")]);
        assert_eq!(region_from(&e, &set), None);
        assert_eq!(region_from(&e, &ProfileSet::default()), None);
    }

    #[test]
    fn profile_file_paths() {
        let e = env(&[("HOME", "/home/u")]);
        assert_eq!(
            config_file_path(&e),
            Some(PathBuf::from("/home/u/.aws/config"))
        );
        assert_eq!(
            credentials_file_path(&e),
            Some(PathBuf::from("/home/u/.aws/credentials"))
        );
        let e = env(&[
            ("HOME", "/home/u"),
            ("AWS_CONFIG_FILE", "~/cfg"),
            ("AWS_SHARED_CREDENTIALS_FILE", "/etc/creds"),
        ]);
        assert_eq!(config_file_path(&e), Some(PathBuf::from("/home/u/cfg")));
        assert_eq!(credentials_file_path(&e), Some(PathBuf::from("/etc/creds")));
        let e = env(&[("USERPROFILE", "C:\\Users\\u")]);
        assert!(config_file_path(&e).is_some());
        assert_eq!(config_file_path(&env(&[])), None);
        assert_eq!(profile_name(&env(&[])), "default");
        assert_eq!(profile_name(&env(&[("AWS_PROFILE", "dev")])), "dev");
    }

    #[test]
    fn profile_load_reads_given_paths_only() {
        let dir = std::env::temp_dir().join(format!("awso-profile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let cfg = dir.join("config");
        std::fs::write(&cfg, "[default]\nregion = eu-north-1\n").unwrap();
        let cfg_s = cfg.to_string_lossy().into_owned();
        let missing = dir.join("missing").to_string_lossy().into_owned();
        let e = |k: &str| match k {
            "AWS_CONFIG_FILE" => Some(cfg_s.clone()),
            "AWS_SHARED_CREDENTIALS_FILE" => Some(missing.clone()),
            _ => None,
        };
        let files = ProfileFiles::load(&e).unwrap();
        assert!(files.credentials.is_none());
        assert_eq!(
            region_from(&e, &files.parse()).as_deref(),
            Some("eu-north-1")
        );
        assert_eq!(
            format!("{files:?}"),
            "ProfileFiles { config: Some(\"...\"), credentials: None }"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
