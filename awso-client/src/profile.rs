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
//! As the AWS SDKs and Tools shared-configuration reference describes it (and its
//! cross-SDK parser tests pin it); where botocore reads a file differently, awso follows the
//! reference:
//!
//! - `[section]` headers: in the config file `[profile name]`, `[default]` (replaced by
//!   `[profile default]` when both are there), `[sso-session name]`, `[services name]`; in
//!   the credentials file `[name]`. Others (`[name]` in the config file, `[profile name]`
//!   in the credentials file, names with characters outside `A-Za-z0-9_-/.%@:+`) are
//!   ignored. A `#` or `;` after the `]` starts a comment.
//! - `key = value` lines: keys case-insensitive, both trimmed; `#` and `;` start a comment
//!   at the start of a line, or after a space or tab (`key = value # note`; `a#b` is a
//!   value). botocore keeps such comments in the value.
//! - Indented lines continue the setting above: after `key =` with nothing after it they
//!   are its sub-properties (`s3 =` then `  addressing_style = path`); after a value they
//!   are appended to it on a new line.
//! - A section repeated in a file is merged, and a key repeated is the last one written
//!   (botocore refuses both); a profile in both files is merged, the credentials file
//!   winning key by key.
//! - Malformed lines (a setting before any section, a line without `=`, a header without
//!   `]`) are reported by [`ProfileSet::problems`] with the file and line, never the text.

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

/// The contents of the shared config and credentials files (`None`: no such file), and where
/// they were read from.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ProfileFiles {
    /// The config file (`~/.aws/config`, or `AWS_CONFIG_FILE`).
    pub config: Option<String>,
    /// The credentials file (`~/.aws/credentials`, or `AWS_SHARED_CREDENTIALS_FILE`).
    pub credentials: Option<String>,
    /// Where the config file is (named in errors); `None` for text from elsewhere.
    pub config_path: Option<PathBuf>,
    /// Where the credentials file is (named in errors); `None` for text from elsewhere.
    pub credentials_path: Option<PathBuf>,
}

impl std::fmt::Debug for ProfileFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The credentials file holds secrets: show only whether the files exist.
        f.debug_struct("ProfileFiles")
            .field("config", &self.config.as_ref().map(|_| "..."))
            .field("credentials", &self.credentials.as_ref().map(|_| "..."))
            .field("config_path", &self.config_path)
            .field("credentials_path", &self.credentials_path)
            .finish()
    }
}

impl ProfileFiles {
    /// Reads the real files at the paths [`config_file_path`] and [`credentials_file_path`]
    /// give for `env`. A missing file is `None`; any other read error is an error.
    pub fn load(env: &impl Env) -> Result<ProfileFiles> {
        fn read(path: &Option<PathBuf>) -> Result<Option<String>> {
            let Some(path) = path else { return Ok(None) };
            match std::fs::read_to_string(path) {
                Ok(s) => Ok(Some(s)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(Error::message(format!(
                    "cannot read {}: {e}",
                    path.display()
                ))),
            }
        }
        let config_path = config_file_path(env);
        let credentials_path = credentials_file_path(env);
        Ok(ProfileFiles {
            config: read(&config_path)?,
            credentials: read(&credentials_path)?,
            config_path,
            credentials_path,
        })
    }

    /// Parses both files.
    pub fn parse(&self) -> ProfileSet {
        let name = |path: &Option<PathBuf>, default: &str| {
            path.as_ref()
                .map_or_else(|| default.to_owned(), |p| p.display().to_string())
        };
        let mut set = ProfileSet::default();
        if let Some(config) = &self.config {
            set.parse_file(
                config,
                FileKind::Config,
                &name(&self.config_path, "config file"),
            );
        }
        if let Some(credentials) = &self.credentials {
            set.parse_file(
                credentials,
                FileKind::Credentials,
                &name(&self.credentials_path, "credentials file"),
            );
        }
        set
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

/// One profile (or `[services]` / `[sso-session]` section): its properties, keys lower-cased,
/// and the sub-properties of those written as a nested block.
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
    /// A property (`region`), if set and not empty. Keys are case-insensitive.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.properties
            .get(&key.to_ascii_lowercase())
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A sub-property (`s3`, then `endpoint_url`), if set and not empty. The property's
    /// name is case-insensitive; the sub-property's is matched as written, as the reference
    /// and botocore match it.
    pub fn get_sub(&self, key: &str, sub_key: &str) -> Option<&str> {
        self.sub_properties
            .get(&key.to_ascii_lowercase())?
            .get(sub_key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// Sets `key` (lower-cased already) to `value`, replacing its sub-properties.
    fn set(&mut self, key: String, value: String) {
        self.sub_properties.remove(&key);
        self.properties.insert(key, value);
    }

    /// `other`'s properties over this one's, each property whole (its sub-properties too).
    fn merge(&mut self, other: Profile) {
        let Profile {
            properties,
            mut sub_properties,
        } = other;
        for (key, value) in properties {
            let sub = sub_properties.remove(&key);
            self.set(key.clone(), value);
            if let Some(sub) = sub {
                self.sub_properties.insert(key, sub);
            }
        }
    }
}

/// The profiles, `[services]` and `[sso-session]` sections of both files, merged.
#[derive(Clone, Default, Debug, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: BTreeMap<String, Profile>,
    services: BTreeMap<String, Profile>,
    sso_sessions: BTreeMap<String, Profile>,
    /// Malformed lines, each with its file and line number, never its text.
    problems: Vec<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum FileKind {
    Config,
    Credentials,
}

/// Where the lines of a file go: the section being read.
#[derive(Clone, PartialEq)]
enum Section {
    /// A profile: `[profile name]` or `[default]` in the config file, `[name]` in the
    /// credentials file.
    Profile(String),
    /// `[profile default]` in the config file, which replaces `[default]` there.
    PrefixedDefault,
    /// `[services name]`.
    Services(String),
    /// `[sso-session name]`.
    SsoSession(String),
    /// A section the SDKs ignore (`[foo]` in the config file, `[profile foo]` in the
    /// credentials file, names with characters outside `A-Za-z0-9_-/.%@:+`).
    Ignored,
}

/// Whitespace as the shared-config reference counts it: spaces and tabs only.
const BLANKS: [char; 2] = [' ', '\t'];

/// The reference's identifiers: profile, section and property names.
fn is_identifier(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-/.%@:+".contains(c))
}

/// The text before a comment: `#` or `;` anywhere (`after_blank` false: section headers) or
/// only after a space or tab (property lines), trimmed.
fn before_comment(line: &str, after_blank: bool) -> &str {
    let mut previous_blank = false;
    for (i, c) in line.char_indices() {
        if (c == '#' || c == ';') && (previous_blank || !after_blank) {
            return line[..i].trim_matches(BLANKS);
        }
        previous_blank = BLANKS.contains(&c);
    }
    line.trim_matches(BLANKS)
}

/// `key = value` (the key trimmed and not empty, the value trimmed), or what is wrong.
fn property_line(line: &str) -> std::result::Result<(&str, &str), &'static str> {
    let (key, value) = line
        .split_once('=')
        .ok_or("expected `key = value`, found no `=`")?;
    let key = key.trim_matches(BLANKS);
    if key.is_empty() {
        return Err("expected `key = value`, found no key before `=`");
    }
    Ok((key, value.trim_matches(BLANKS)))
}

impl ProfileSet {
    /// Parses a config file and a credentials file (either may be absent); errors name them
    /// `config file` and `credentials file` ([`ProfileFiles::parse`] names them by path).
    pub fn parse(config: Option<&str>, credentials: Option<&str>) -> ProfileSet {
        ProfileFiles {
            config: config.map(str::to_owned),
            credentials: credentials.map(str::to_owned),
            ..ProfileFiles::default()
        }
        .parse()
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

    /// Where the files are malformed, each as `<file> line <n>: <what is wrong>` (a setting
    /// before any section, a line without `=`, a section header without `]`, an indented
    /// line that continues nothing). The lines' text is never quoted: it may be a secret.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Reads one file as the AWS SDKs and Tools shared-configuration reference describes
    /// it:
    ///
    /// - lines starting with `#` or `;` are comments; blank lines are skipped;
    /// - `[name]` starts a section; anything after `]` that starts with `#` or `;` is a
    ///   comment; in the config file profiles are `[profile name]` and `[default]` (and
    ///   `[profile default]` replaces `[default]`), with `[sso-session name]` and
    ///   `[services name]` beside them; in the credentials file every section is a profile
    ///   named as written (`[profile name]` there is ignored); names are trimmed and must be
    ///   made of `A-Za-z0-9_-/.%@:+`, else the section is ignored;
    /// - `key = value`: the key case-insensitive, both trimmed, `#` or `;` after a space or
    ///   tab starts a comment (`a#b` is a value); a key repeated, in one section or in a
    ///   section repeated, is the last one written;
    /// - an indented line continues the property above: after `key =` with no value it is a
    ///   sub-property `name = value` (kept as written, comments included; an indented `#`
    ///   line there is a comment, as botocore reads it); after a value it is appended on a
    ///   new line.
    ///
    /// Where the reference rejects a file that botocore reads, awso reads it as botocore does,
    /// which never changes what a file the reference accepts means: a line continues the
    /// property above only when it is indented more than that property's line, so settings
    /// indented under their header are settings, and indented comment lines are comments.
    ///
    /// Sections of this file are merged over those of files read before it.
    fn parse_file(&mut self, text: &str, kind: FileKind, file: &str) {
        let mut profiles: BTreeMap<String, Profile> = BTreeMap::new();
        let mut prefixed_default: Option<Profile> = None;
        let mut services: BTreeMap<String, Profile> = BTreeMap::new();
        let mut sso_sessions: BTreeMap<String, Profile> = BTreeMap::new();
        let mut section: Option<Section> = None;
        // The property that more indented lines continue: its key, whether it takes
        // sub-properties (`key =` with no value), and its line's indentation.
        let mut property: Option<(String, bool, usize)> = None;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (number, line) in text.lines().enumerate() {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let problem = |what: &str| format!("{file} line {}: {what}", number + 1);
            if line.trim_matches(BLANKS).is_empty() || line.starts_with(['#', ';']) {
                continue;
            }
            if line.starts_with('[') {
                property = None;
                let header = before_comment(line, false);
                let Some(name) = header.strip_prefix('[').and_then(|h| h.strip_suffix(']')) else {
                    self.problems
                        .push(problem("a section header without its closing `]`"));
                    section = Some(Section::Ignored);
                    continue;
                };
                let named = classify(name, kind);
                // A section with nothing in it is still a profile.
                match &named {
                    Section::Profile(name) => {
                        profiles.entry(name.clone()).or_default();
                    }
                    Section::PrefixedDefault => {
                        prefixed_default.get_or_insert_with(Profile::default);
                    }
                    Section::Services(name) => {
                        services.entry(name.clone()).or_default();
                    }
                    Section::SsoSession(name) => {
                        sso_sessions.entry(name.clone()).or_default();
                    }
                    Section::Ignored => {}
                }
                section = Some(named);
                continue;
            }
            let Some(current) = &section else {
                self.problems.push(problem(
                    "a setting before any section header (`[default]`, `[profile name]`)",
                ));
                continue;
            };
            let target = match current {
                Section::Profile(name) => Some(profiles.entry(name.clone()).or_default()),
                Section::PrefixedDefault => {
                    Some(prefixed_default.get_or_insert_with(Profile::default))
                }
                Section::Services(name) => Some(services.entry(name.clone()).or_default()),
                Section::SsoSession(name) => Some(sso_sessions.entry(name.clone()).or_default()),
                Section::Ignored => None,
            };
            let indent = line.len() - line.trim_start_matches(BLANKS).len();
            let continues = property.as_ref().filter(|p| indent > p.2);
            if let Some((key, nested, _)) = continues {
                let continued = line.trim_matches(BLANKS);
                if *nested {
                    if continued.starts_with(['#', ';']) {
                        continue;
                    }
                    let (sub_key, sub_value) = match property_line(continued) {
                        Ok(kv) => kv,
                        Err(what) => {
                            self.problems
                                .push(problem(&format!("in a nested block, {what}")));
                            continue;
                        }
                    };
                    if let Some(t) = target {
                        t.sub_properties
                            .entry(key.clone())
                            .or_default()
                            .insert(sub_key.to_owned(), sub_value.to_owned());
                    }
                } else if let Some(value) = target.and_then(|t| t.properties.get_mut(key)) {
                    value.push('\n');
                    value.push_str(continued);
                }
                continue;
            }
            // An indented line that continues nothing: a setting or a comment, as botocore
            // reads it (the reference rejects it).
            if indent > 0 && line[indent..].starts_with(['#', ';']) {
                continue;
            }
            let (key, value) = match property_line(before_comment(line, true)) {
                Ok(kv) => kv,
                Err(what) => {
                    self.problems.push(problem(what));
                    property = None;
                    continue;
                }
            };
            let key = key.to_ascii_lowercase();
            property = Some((key.clone(), value.is_empty(), indent));
            // Keys outside the reference's characters are ignored (their lines still parse).
            if let (Some(t), true) = (target, is_identifier(&key)) {
                t.set(key, value.to_owned());
            }
        }
        if let Some(default) = prefixed_default {
            profiles.insert("default".to_owned(), default);
        }
        for (name, profile) in profiles {
            self.profiles.entry(name).or_default().merge(profile);
        }
        for (name, section) in services {
            self.services.entry(name).or_default().merge(section);
        }
        for (name, section) in sso_sessions {
            self.sso_sessions.entry(name).or_default().merge(section);
        }
    }
}

/// What a section header (between the brackets) names in a file of `kind`.
fn classify(header: &str, kind: FileKind) -> Section {
    let header = header.trim_matches(BLANKS);
    let (prefix, name) = match header.split_once(BLANKS) {
        Some((prefix, name)) => (Some(prefix), name.trim_matches(BLANKS)),
        None => (None, header),
    };
    if !is_identifier(name) {
        return Section::Ignored;
    }
    match (kind, prefix) {
        (FileKind::Config, None) if name == "default" => Section::Profile(name.to_owned()),
        (FileKind::Config, Some("profile")) if name == "default" => Section::PrefixedDefault,
        (FileKind::Config, Some("profile")) => Section::Profile(name.to_owned()),
        (FileKind::Config, Some("services")) => Section::Services(name.to_owned()),
        (FileKind::Config, Some("sso-session")) => Section::SsoSession(name.to_owned()),
        (FileKind::Credentials, None) => Section::Profile(name.to_owned()),
        _ => Section::Ignored,
    }
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
        assert_eq!(dev.get_sub("S3", "addressing_style"), Some("path"));
        // Sub-property names are matched as written (the reference, botocore).
        assert_eq!(dev.get_sub("s3", "Addressing_Style"), None);
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
    fn profile_credentials_file_wins_and_prefixed_sections_are_ignored_there() {
        let creds = "[default]\r\nregion = us-east-2\r\n[profile dev]\nregion = x\n[dev]\nregion=y";
        let set = ProfileSet::parse(Some(CONFIG), Some(creds));
        assert_eq!(
            set.profile("default").unwrap().get("region"),
            Some("us-east-2")
        );
        assert_eq!(set.profile("dev").unwrap().get("region"), Some("y"));
        assert_eq!(set.profile("dev").unwrap().get("output"), Some("text"));
        assert!(set.profile("profile dev").is_none());
        assert!(set.problems().is_empty(), "{:?}", set.problems());
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
        assert_eq!(before_comment("a#b ;c", true), "a#b");
        assert_eq!(before_comment("[a]#b", false), "[a]");
    }

    /// `(what the rule is, config file, credentials file, profiles as name: key=value;...,
    /// problems as line numbers)`; sub-properties show as `key.sub=value`.
    const RULES: &[(&str, &str, &str, &str, &[usize])] = &[
        ("comments: whole lines, after a header, after a blank in a value",
         "# c\n; c\n[profile a] # c\nk = v # c\nl = v ; c\n[profile b];c\n[profile c]#c\n", "",
         "a: k=v; l=v | b: | c:", &[]),
        ("a comment character without a blank before it is part of the value",
         "[profile a]\nk = v#x\nl = v;x\n", "", "a: k=v#x; l=v;x", &[]),
        ("keys and values trimmed of spaces and tabs, keys case-insensitive",
         "[profile a]\nKey \t=  \tvalue \t\n", "", "a: key=value", &[]),
        ("empty values and `=` inside values",
         "[profile a]\nk =\nl = a=b==\n", "", "a: k=; l=a=b==", &[]),
        ("section names trimmed, tabs between prefix and name",
         "[  profile   a  ]\n[profile\tb]\n", "[  c  ]\n", "a: | b: | c:", &[]),
        ("names outside A-Za-z0-9_-/.%@:+ are ignored, with their settings",
         "[profile a b]\nk = v\n[profile \"q\"]\nk = v\n[profile ok-/.%@:+_9]\n", "",
         "ok-/.%@:+_9:", &[]),
        ("invalid keys are ignored", "[profile a]\nin valid = v\nk = v\n", "", "a: k=v", &[]),
        ("config sections need a prefix but default; credentials sections must not have one",
         "[a]\nk = v\n[profilea]\nk = v\n[default]\nk = v\n", "[profile b]\nk = v\n[c]\nk = v\n",
         "c: k=v | default: k=v", &[]),
        ("[profile default] replaces [default] in the config file, before or after it",
         "[default]\nk = 1\nl = 1\n[profile default]\nk = 2\n[default]\nm = 1\n", "[default]\nn = 3\n",
         "default: k=2; n=3", &[]),
        ("sections repeated in a file merge, keys repeated keep the last",
         "[profile a]\nk = 1\nl = 1\n[profile a]\nK = 2\n", "", "a: k=2; l=1", &[]),
        ("a profile in both files: the credentials file wins key by key",
         "[profile a]\nk = 1\nl = 1\n", "[a]\nk = 2\n", "a: k=2; l=1", &[]),
        ("continuation lines append to the value, trimmed, comments kept",
         "[profile a]\nk = v\n  w # c\n\t x\nl = 1\n", "", "a: k=v\nw # c\nx; l=1", &[]),
        ("sub-properties, blank lines among them, indented comments skipped",
         "[profile a]\ns3 =\n  addressing_style = path # kept\n\n  # c\n  Endpoint_Url = http://x\nregion = r\n", "",
         "a: s3=; s3.Endpoint_Url=http://x; s3.addressing_style=path # kept; region=r", &[]),
        ("a property set again replaces its sub-properties whole",
         "[profile a]\ns3 =\n  x = 1\n[profile a]\ns3 =\n  y = 2\n", "", "a: s3=; s3.y=2", &[]),
        ("sso-session and services sections are not profiles",
         "[sso-session s]\nk = v\n[services s]\nk = v\n[sso-sessions]\nk = v\n", "", "", &[]),
        ("Windows line endings and a byte-order mark", "\u{feff}[profile a]\r\nk = v\r\n", "", "a: k=v", &[]),
        ("a setting before any section", "k = v\n[profile a]\n", "", "a:", &[1]),
        ("a line without `=`, and one with no key", "[profile a]\nk : v\n= v\nl = 1\n", "", "a: l=1", &[2, 3]),
        ("a header without `]`", "[profile a\nk = v\n[profile b]\nk = v\n", "", "b: k=v", &[1]),
        ("an indented line before any section, or one that is not a setting",
         "  x\n[profile a]\n  y\nk = v\n[profile a]\n  z\n", "", "a: k=v", &[1, 3, 6]),
        ("settings indented under their header, and their continuations (botocore)",
         "[profile a]\n  k = v\n  # c\n    w\n  l = 1\n  s3 =\n    x = 1\n", "",
         "a: k=v\nw; l=1; s3=; s3.x=1", &[]),
        ("a sub-property without `=`", "[profile a]\ns3 =\n  oops\n  x = 1\n", "", "a: s3=; s3.x=1", &[3]),
    ];

    fn shown(set: &ProfileSet) -> String {
        set.profiles
            .iter()
            .map(|(name, p)| {
                let mut items: Vec<String> = p
                    .properties
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                for (k, sub) in &p.sub_properties {
                    items.extend(sub.iter().map(|(s, v)| format!("{k}.{s}={v}")));
                }
                items.sort();
                format!("{name}: {}", items.join("; "))
                    .trim_end()
                    .to_owned()
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }

    #[test]
    fn profile_files_follow_the_shared_config_reference() {
        let mut failures = Vec::new();
        for (rule, config, credentials, profiles, problems) in RULES {
            let set = ProfileSet::parse(Some(config), Some(credentials));
            let lines: Vec<usize> = set
                .problems()
                .iter()
                .filter_map(|p| p.split(" line ").nth(1)?.split(':').next()?.parse().ok())
                .collect();
            // Profiles sorted by name as the set keeps them, settings sorted as `shown` does.
            let mut expected: Vec<String> = profiles
                .split(" | ")
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (name, items) = p.split_once(": ").unwrap_or((p.trim_end_matches(':'), ""));
                    let mut items: Vec<&str> = items
                        .split("; ")
                        .map(str::trim)
                        .filter(|i| !i.is_empty())
                        .collect();
                    items.sort();
                    format!("{name}: {}", items.join("; "))
                        .trim_end()
                        .to_owned()
                })
                .collect();
            expected.sort();
            if shown(&set) != expected.join(" | ") || lines != *problems {
                failures.push(format!(
                    "{rule}: got {:?} with problems at {lines:?}, expected {expected:?} at {problems:?}",
                    shown(&set)
                ));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        let set = ProfileSet::parse(Some(RULES[14].1), None);
        assert_eq!(set.sso_session("s").unwrap().get("k"), Some("v"));
        assert_eq!(set.services("s").unwrap().get("k"), Some("v"));
        assert!(set.sso_session("sso-sessions").is_none());
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
        assert_eq!(files.config_path.as_deref(), Some(cfg.as_path()));
        let shown = format!("{files:?}");
        assert!(
            shown.contains("config: Some(\"...\"), credentials: None")
                && !shown.contains("eu-north-1"),
            "{shown}"
        );
        // Problems name the file by its path.
        std::fs::write(
            &cfg,
            "[default]\nregion = eu-north-1\nno equals sign SECRET\n",
        )
        .unwrap();
        let files = ProfileFiles::load(&e).unwrap();
        let problems = files.parse().problems().to_vec();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with(&format!("{} line 3: ", cfg.display()))
                && !problems[0].contains("SECRET"),
            "{problems:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
