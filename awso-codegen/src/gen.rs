//! The generator: from a [`Model`] and the operations asked for to Rust source with
//! `#[derive(AwsShape)]` types, errors enums, `awso::service!` / `awso::operation!`, and the
//! `awso::paginator!` / `awso::waiter!` declarations of the model's paginators and waiters.

use crate::docs;
use crate::error::{suggest, Error};
use crate::json::Json;
use crate::model::{paginator_paths, whole_number, Model};
use crate::names::{field_ident, type_ident, unique, RESERVED_TYPES};
use awso_case::RenameRule;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

/// An AWS wire protocol, as `awso::service!` names it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Protocol {
    /// `awsJson1_0`
    AwsJson1_0,
    /// `awsJson1_1`
    AwsJson1_1,
    /// `restJson1`
    RestJson1,
    /// `restXml`
    RestXml,
    /// `awsQuery`
    AwsQuery,
    /// `ec2Query`
    Ec2Query,
    /// `rpcv2Cbor`
    RpcV2Cbor,
}

impl Protocol {
    /// The protocol of botocore name `name` (`json`, `rest-json`, `rest-xml`, `query`, `ec2`,
    /// `smithy-rpc-v2-cbor`); `json_version` picks awsJson 1.0 or 1.1.
    pub fn from_botocore(name: &str, json_version: Option<&str>) -> Option<Protocol> {
        Some(match name {
            "json" if json_version == Some("1.0") => Protocol::AwsJson1_0,
            "json" => Protocol::AwsJson1_1,
            "rest-json" => Protocol::RestJson1,
            "rest-xml" => Protocol::RestXml,
            "query" => Protocol::AwsQuery,
            "ec2" => Protocol::Ec2Query,
            "smithy-rpc-v2-cbor" => Protocol::RpcV2Cbor,
            _ => return None,
        })
    }

    /// The variant of `awso::operation::Protocol`.
    pub fn variant(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "AwsJson1_0",
            Protocol::AwsJson1_1 => "AwsJson1_1",
            Protocol::RestJson1 => "RestJson1",
            Protocol::RestXml => "RestXml",
            Protocol::AwsQuery => "AwsQuery",
            Protocol::Ec2Query => "Ec2Query",
            Protocol::RpcV2Cbor => "RpcV2Cbor",
        }
    }

    /// The Smithy name (`awsJson1_1`, `restXml`, ...).
    pub fn smithy_name(self) -> &'static str {
        match self {
            Protocol::AwsJson1_0 => "awsJson1_0",
            Protocol::AwsJson1_1 => "awsJson1_1",
            Protocol::RestJson1 => "restJson1",
            Protocol::RestXml => "restXml",
            Protocol::AwsQuery => "awsQuery",
            Protocol::Ec2Query => "ec2Query",
            Protocol::RpcV2Cbor => "rpcv2Cbor",
        }
    }

    fn rest(self) -> bool {
        matches!(self, Protocol::RestJson1 | Protocol::RestXml)
    }

    /// Whether XML and query names (`xml_name`, `item_name`, `flattened`, ...) apply.
    fn xml(self) -> bool {
        matches!(
            self,
            Protocol::RestXml | Protocol::AwsQuery | Protocol::Ec2Query
        )
    }
}

/// What to generate, and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// The operations, by model name; empty for every operation of the model.
    pub operations: Vec<String>,
    /// The protocol, by botocore name (`json`, `rest-xml`, ...), when the model offers several;
    /// default: the model's first.
    pub protocol: Option<String>,
    /// The map type: `BTreeMap` or `HashMap` (imported from `std::collections`), or a path
    /// such as `::indexmap::IndexMap`.
    pub map_type: String,
    /// Make every member an `Option` (required ones marked `required`), for values built
    /// member by member, as the conformance cases do.
    pub all_optional: bool,
    /// Derives besides `AwsShape`, `Debug` (or `AwsDebug`) and, where every member allows it,
    /// `Default`. A type holding an `awso::ByteStream` (a streaming payload) leaves out those
    /// a stream cannot have: `PartialEq`, `Eq`, `PartialOrd`, `Ord`, `Hash`, `Copy`.
    pub derives: Vec<String>,
    /// Write the model's documentation as doc comments.
    pub docs: bool,
    /// Write the model's constraints (`length`, `range`, `pattern`).
    pub constraints: bool,
    /// Leave out operations that use a shape awso cannot express (they are listed in
    /// [`Generated::skipped`]) instead of failing.
    pub skip_unsupported: bool,
    /// Name a flattened list's XML items as the services send them: by the list member's
    /// `locationName` when it has one (botocore's parser; SimpleDB's `<Attribute>`), where
    /// the Smithy rules name them by the structure member. Off for the Smithy test suites.
    pub service_xml_names: bool,
    /// The rpcv2Cbor service shape name (`/service/{Name}/operation/...`); default the
    /// model's `targetPrefix`.
    pub service_shape: Option<String>,
    /// Lines of the header comment (`//! ` is added); empty for none.
    pub header: Vec<String>,
    /// Write the `awso::paginator!` of every operation that has one.
    pub paginators: bool,
    /// Write the `awso::waiter!` of every waiter on the operations generated.
    pub waiters: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            operations: Vec::new(),
            protocol: None,
            map_type: "BTreeMap".into(),
            all_optional: false,
            derives: vec!["Clone".into(), "PartialEq".into()],
            docs: true,
            constraints: true,
            skip_unsupported: false,
            service_xml_names: true,
            service_shape: None,
            header: Vec::new(),
            paginators: true,
            waiters: true,
        }
    }
}

/// A generated structure member or union variant.
#[derive(Debug, Clone)]
pub struct Field {
    /// The member name in the model.
    pub member: String,
    /// The Rust field or variant identifier.
    pub ident: String,
    /// The target shape.
    pub shape: String,
    /// Held in a `Box` (it is part of a cycle).
    pub boxed: bool,
    /// An `Option` (structure members only).
    pub optional: bool,
}

/// The errors enum of one operation.
#[derive(Debug, Clone)]
pub struct ErrorsEnum {
    /// Its identifier.
    pub ident: String,
    /// (error shape, variant identifier)
    pub variants: Vec<(String, String)>,
}

/// The Rust names the generator chose, for code written against the generated types.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// The service's type.
    pub service: String,
    /// The operations generated, in order.
    pub operations: Vec<String>,
    /// Shape name -> type identifier, for every generated type.
    pub types: HashMap<String, String>,
    /// Structure or union shape -> its fields or variants.
    pub fields: HashMap<String, Vec<Field>>,
    /// String enum shape -> (value, variant identifier).
    pub enum_variants: HashMap<String, Vec<(String, String)>>,
    /// Operation -> its errors enum.
    pub errors: HashMap<String, ErrorsEnum>,
    /// The empty structure standing for an absent input or output, when one is needed.
    pub empty: Option<String>,
    /// The operations given an `awso::paginator!`.
    pub paginators: Vec<String>,
    /// The waiters written: (type identifier, operation), by name.
    pub waiters: Vec<(String, String)>,
}

/// What [`generate`] made.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The Rust source (not yet run through rustfmt; see [`crate::format`]).
    pub source: String,
    /// The names chosen.
    pub names: Names,
    /// Model traits left out because awso has no attribute for them, one line each.
    pub warnings: Vec<String>,
    /// Operations left out under [`Options::skip_unsupported`], with the reason.
    pub skipped: Vec<(String, String)>,
}

/// Kinds of shapes that become types of their own.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TypeKind {
    Struct,
    Union,
    StringEnum,
    IntEnum,
}

/// The `rename_all` rules an enum may take, in the order ties are broken: as written (the
/// derive's default for variants; PascalCase names variants the same way) first.
const VARIANT_RULES: [RenameRule; 8] = [
    RenameRule::None,
    RenameRule::ScreamingSnakeCase,
    RenameRule::LowerCase,
    RenameRule::UpperCase,
    RenameRule::CamelCase,
    RenameRule::SnakeCase,
    RenameRule::KebabCase,
    RenameRule::ScreamingKebabCase,
];

/// Operations left out, with the reason.
type Skipped = Vec<(String, String)>;

/// An operation's input, output and error shapes.
type Roots = (Option<String>, Option<String>, Vec<String>);

struct Gen<'m> {
    model: &'m Model,
    opts: &'m Options,
    proto: Protocol,
    names: Names,
    warnings: BTreeSet<String>,
    /// Shapes read from responses (reachable from outputs and errors).
    read_side: HashSet<String>,
    /// Per type: whether it implements `Default`.
    defaults: HashMap<String, bool>,
    /// Enums and unions that a required response member targets: they get a `Default`
    /// (their unknown variant) so that the member can be filled when a response leaves it
    /// out.
    corrected: HashSet<String>,
    uses: BTreeSet<&'static str>,
    /// Structures and unions holding an `awso::ByteStream` (a streaming payload), directly
    /// or in a member: they cannot derive `PartialEq` and the like.
    streams: HashSet<String>,
    /// The waiters to write: (operation, declaration).
    waiter_decls: Vec<(String, String)>,
}

/// Writes the Rust source for the operations `options` names.
pub fn generate(model: &Model, options: &Options) -> Result<Generated, Error> {
    let proto = choose_protocol(model, options.protocol.as_deref())?;
    let mut g = Gen {
        model,
        opts: options,
        proto,
        names: Names::default(),
        warnings: BTreeSet::new(),
        read_side: HashSet::new(),
        streams: HashSet::new(),
        defaults: HashMap::new(),
        corrected: HashSet::new(),
        uses: BTreeSet::new(),
        waiter_decls: Vec::new(),
    };
    let (ops, skipped) = g.select_operations()?;
    let reachable = g.reachable_shapes(&ops)?;
    g.assign_names(&ops, &reachable)?;
    let source = g.write(&ops, &reachable)?;
    Ok(Generated {
        source,
        names: g.names,
        warnings: g.warnings.into_iter().collect(),
        skipped,
    })
}

fn choose_protocol(model: &Model, asked: Option<&str>) -> Result<Protocol, Error> {
    let m = &model.metadata;
    let offered: Vec<&str> = match m.get("protocols") {
        Some(Json::Array(p)) if !p.is_empty() => p.iter().filter_map(Json::as_str).collect(),
        _ => m.str("protocol").into_iter().collect(),
    };
    let name = match asked {
        Some(a) if offered.contains(&a) || offered.is_empty() => a,
        Some(a) => {
            return Err(Error::Other(format!(
                "the model does not offer protocol {a:?}; it offers {}",
                offered.join(", ")
            )))
        }
        None => offered
            .iter()
            .copied()
            .find(|p| Protocol::from_botocore(p, None).is_some())
            .ok_or_else(|| Error::NotAModel {
                source: model.source.clone(),
                reason: format!("no protocol awso knows among {offered:?}"),
            })?,
    };
    Protocol::from_botocore(name, m.str("jsonVersion")).ok_or_else(|| {
        Error::Other(format!(
            "unknown protocol {name:?}; awso speaks json, rest-json, rest-xml, query, ec2, smithy-rpc-v2-cbor"
        ))
    })
}

fn bad(at: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::BadModel {
        at: at.into(),
        reason: reason.into(),
    }
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// `"A"` for one path, `["A", "B"]` for several (the forms `paginator!` takes).
fn paths_literal(paths: &[&str]) -> String {
    match paths {
        [one] => lit(one),
        many => format!(
            "[{}]",
            many.iter().map(|p| lit(p)).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The member an expression starts with, by the rule of `awso::paginate::leading_member`
/// (what `paginator!` and `waiter!` check at compile time): `Table` of `Table.TableStatus`;
/// `None` for a function call (`length(...)`) or a literal.
fn leading_member(expression: &str) -> Option<&str> {
    let end = expression
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(expression.len());
    if end == 0 || expression.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if expression[end..].trim_start_matches(' ').starts_with('(') {
        return None;
    }
    Some(&expression[..end])
}

/// A string literal that reads the same in Rust and in JSON (`waiter!` passes the text of its
/// `expected` literal on as JSON): `"` and `\` escaped, and the control characters both
/// languages escape alike; `None` for other control characters.
fn json_rust_literal(s: &str) -> Option<String> {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => return None,
            c => out.push(c),
        }
    }
    out.push('"');
    Some(out)
}

/// An acceptor's expected value as a `waiter!` literal: a string, a number or a boolean.
fn expected_literal(expected: &Json) -> Option<String> {
    match expected {
        Json::String(s) => json_rust_literal(s),
        Json::Bool(b) => Some(b.to_string()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl<'m> Gen<'m> {
    fn shape(&self, name: &str) -> Result<&'m Json, Error> {
        self.model
            .shape(name)
            .ok_or_else(|| bad(format!("shape {name}"), "referenced but not defined"))
    }

    fn kind(&self, name: &str) -> &'m str {
        self.model
            .shape(name)
            .and_then(|s| s.str("type"))
            .unwrap_or("")
    }

    fn type_kind(&self, name: &str) -> Option<TypeKind> {
        let s = self.model.shape(name)?;
        match s.str("type")? {
            "structure" if s.flag("document") => None,
            "structure" if s.flag("union") => Some(TypeKind::Union),
            "structure" => Some(TypeKind::Struct),
            "string" if !s.at("enum").items().is_empty() => Some(TypeKind::StringEnum),
            "integer" if !s.at("intEnum").members().is_empty() => Some(TypeKind::IntEnum),
            _ => None,
        }
    }

    fn is_aggregate(&self, name: &str) -> bool {
        matches!(
            self.type_kind(name),
            Some(TypeKind::Struct | TypeKind::Union)
        )
    }

    /// The shapes a shape refers to directly: member targets, list items, map keys and values.
    fn children(&self, name: &str) -> Result<Vec<(String, String)>, Error> {
        let s = self.shape(name)?;
        let mut out = Vec::new();
        let target = |m: &Json, what: &str| {
            m.str("shape")
                .map(str::to_string)
                .ok_or_else(|| bad(format!("shape {name}, {what}"), "no \"shape\""))
        };
        match s.str("type") {
            Some("structure") if !s.flag("document") => {
                for (member, m) in s.at("members").members() {
                    out.push((member.clone(), target(m, member)?));
                }
            }
            Some("list") => out.push(("member".into(), target(s.at("member"), "member")?)),
            Some("map") => {
                out.push(("key".into(), target(s.at("key"), "key")?));
                out.push(("value".into(), target(s.at("value"), "value")?));
            }
            _ => {}
        }
        Ok(out)
    }

    /// Whether member `member` of structure `owner`, targeting `target`, is a streaming
    /// payload: the structure's REST payload, a blob the model marks `streaming` (botocore's
    /// `"streaming": true` on the member, as S3's `Body`, or on the blob shape; Smithy's
    /// `smithy.api#streaming`). It becomes an `awso::ByteStream`, which the clients send and
    /// receive as a stream.
    fn stream_payload(&self, owner: &str, member: &str, target: &str) -> bool {
        let Some(s) = self.model.shape(owner) else {
            return false;
        };
        let Some(t) = self.model.shape(target) else {
            return false;
        };
        self.proto.rest()
            && s.str("payload") == Some(member)
            && t.str("type") == Some("blob")
            && (t.flag("streaming") || s.at("members").at(member).flag("streaming"))
    }

    /// Fills `streams`: the structures with a streaming payload, then every structure or
    /// union holding one of them (in a member, a list or a map).
    fn find_streams(&mut self, types: &[(String, TypeKind)]) {
        for (name, kind) in types {
            if *kind == TypeKind::Struct
                && self.names.fields[name]
                    .iter()
                    .any(|f| self.stream_payload(name, &f.member, &f.shape))
            {
                self.streams.insert(name.clone());
            }
        }
        let mut grew = !self.streams.is_empty();
        while grew {
            grew = false;
            for (name, kind) in types {
                if !matches!(kind, TypeKind::Struct | TypeKind::Union)
                    || self.streams.contains(name)
                {
                    continue;
                }
                let holds = self.names.fields[name].iter().any(|f| {
                    let mut shape = f.shape.as_str();
                    // Down lists and maps to what they hold (a bounded walk).
                    for _ in 0..16 {
                        if self.streams.contains(shape) {
                            return true;
                        }
                        let Some(s) = self.model.shape(shape) else {
                            return false;
                        };
                        shape = match s.str("type") {
                            Some("list") => s.at("member").str("shape").unwrap_or(""),
                            Some("map") => s.at("value").str("shape").unwrap_or(""),
                            _ => return false,
                        };
                    }
                    false
                });
                if holds {
                    self.streams.insert(name.clone());
                    grew = true;
                }
            }
        }
    }

    /// Why awso cannot express shape `name`, if it cannot.
    fn unsupported(&self, name: &str) -> Result<Option<String>, Error> {
        let s = self.shape(name)?;
        if s.flag("eventstream") {
            return Ok(Some("an event stream (awso has no event streams)".into()));
        }
        let kind = s.str("type").unwrap_or("");
        Ok(match kind {
            "structure" | "string" | "integer" | "long" | "short" | "byte" | "boolean"
            | "float" | "double" | "blob" | "timestamp" | "list" => None,
            "map" => {
                let key = s.at("key").str("shape").unwrap_or("");
                (self.kind(key) != "string").then(|| {
                    format!(
                        "a map with {} keys (awso maps have string keys)",
                        self.kind(key)
                    )
                })
            }
            "bigInteger" | "bigDecimal" => Some(format!(
                "a {kind} (awso has no arbitrary-precision numbers)"
            )),
            other => Some(format!("of type {other:?}, which awso does not know")),
        })
    }

    fn select_operations(&mut self) -> Result<(Vec<String>, Skipped), Error> {
        let all: Vec<&str> = self
            .model
            .operations()
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        let mut asked: Vec<String> = if self.opts.operations.is_empty() {
            all.iter().map(|s| s.to_string()).collect()
        } else {
            let mut asked = Vec::new();
            for name in &self.opts.operations {
                if !all.contains(&name.as_str()) {
                    return Err(Error::UnknownOperation {
                        name: name.clone(),
                        suggestions: suggest(name, all.iter().copied()),
                    });
                }
                asked.push(name.clone());
            }
            asked
        };
        asked.sort();
        asked.dedup();
        if asked.is_empty() {
            return Err(bad("operations", "the model has no operations"));
        }
        let mut ops = Vec::new();
        let mut skipped = Vec::new();
        for op in asked {
            match self.check_operation(&op)? {
                None => ops.push(op),
                Some((shape, reason)) if self.opts.skip_unsupported => {
                    skipped.push((op, format!("{shape}: {reason}")))
                }
                Some((shape, reason)) => {
                    return Err(Error::Unsupported {
                        operation: op,
                        shape,
                        reason,
                    })
                }
            }
        }
        if ops.is_empty() {
            return Err(Error::Other(format!(
                "no operation left to generate: {}",
                skipped
                    .iter()
                    .map(|(o, r)| format!("{o} ({r})"))
                    .collect::<Vec<_>>()
                    .join("; ")
            )));
        }
        Ok((ops, skipped))
    }

    /// The roots of an operation: (input, output, errors).
    fn roots(&self, op: &str) -> Result<Roots, Error> {
        let o = self
            .model
            .operation(op)
            .ok_or_else(|| bad(format!("operation {op}"), "missing"))?;
        let get = |k: &str| o.get(k).and_then(|x| x.str("shape")).map(str::to_string);
        let errors = o
            .at("errors")
            .items()
            .iter()
            .filter_map(|e| e.str("shape").map(str::to_string))
            .collect();
        Ok((get("input"), get("output"), errors))
    }

    /// The first shape reachable from `op` that awso cannot express, and why.
    fn check_operation(&self, op: &str) -> Result<Option<(String, String)>, Error> {
        let (input, output, errors) = self.roots(op)?;
        let mut stack: Vec<(String, String)> = input
            .into_iter()
            .chain(output)
            .chain(errors)
            .map(|s| (s.clone(), s))
            .collect();
        let mut seen = HashSet::new();
        while let Some((path, s)) = stack.pop() {
            if !seen.insert(s.clone()) {
                continue;
            }
            if let Some(reason) = self.unsupported(&s)? {
                return Ok(Some((path, reason)));
            }
            for (member, t) in self.children(&s)? {
                stack.push((format!("{s}.{member} ({t})"), t));
            }
        }
        Ok(None)
    }

    fn reachable_from(&self, roots: &[String], into: &mut BTreeSet<String>) -> Result<(), Error> {
        let mut stack: Vec<String> = roots.to_vec();
        while let Some(s) = stack.pop() {
            if !into.insert(s.clone()) {
                continue;
            }
            for (_, t) in self.children(&s)? {
                stack.push(t);
            }
        }
        Ok(())
    }

    fn reachable_shapes(&mut self, ops: &[String]) -> Result<BTreeSet<String>, Error> {
        let mut all = BTreeSet::new();
        let mut read = BTreeSet::new();
        for op in ops {
            let (input, output, errors) = self.roots(op)?;
            let read_roots: Vec<String> = output.into_iter().chain(errors).collect();
            self.reachable_from(&read_roots, &mut read)?;
            all.extend(read.iter().cloned());
            self.reachable_from(&input.into_iter().collect::<Vec<_>>(), &mut all)?;
        }
        self.read_side = read.into_iter().collect();
        Ok(all)
    }

    /// Whether aggregate `from` holds `to` inline (through structure and union members,
    /// not through lists or maps, which are on the heap already).
    fn reaches(&self, from: &str, to: &str) -> Result<bool, Error> {
        let mut seen = HashSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(s) = stack.pop() {
            if s == to {
                return Ok(true);
            }
            if !seen.insert(s.clone()) {
                continue;
            }
            for (_, t) in self.children(&s)? {
                if self.is_aggregate(&t) && self.kind(&s) == "structure" {
                    stack.push(t);
                }
            }
        }
        Ok(false)
    }

    fn assign_names(&mut self, ops: &[String], reachable: &BTreeSet<String>) -> Result<(), Error> {
        let mut used: HashSet<String> = RESERVED_TYPES.iter().map(|s| s.to_string()).collect();
        used.extend(ops.iter().cloned());
        let service_name = self
            .model
            .metadata
            .str("serviceId")
            .or_else(|| self.model.metadata.str("endpointPrefix"))
            .unwrap_or("Service");
        self.names.service = unique(&mut used, type_ident(service_name));
        self.names.operations = ops.to_vec();
        let mut inputs = HashSet::new();
        let mut outputs = HashSet::new();
        let mut need_empty = false;
        for op in ops {
            let (input, output, _) = self.roots(op)?;
            need_empty |= input.is_none() || output.is_none();
            inputs.extend(input);
            outputs.extend(output);
            let ident = unique(&mut used, format!("{op}Error"));
            self.names.errors.insert(
                op.clone(),
                ErrorsEnum {
                    ident,
                    variants: Vec::new(),
                },
            );
        }
        if need_empty {
            self.names.empty = Some(unique(&mut used, "Empty".into()));
        }
        for name in reachable {
            if self.type_kind(name).is_none() {
                continue;
            }
            let mut ident = type_ident(name);
            if used.contains(&ident) {
                let suffix = if inputs.contains(name) {
                    "Input"
                } else if outputs.contains(name) {
                    "Output"
                } else {
                    "Shape"
                };
                ident.push_str(suffix);
            }
            let ident = unique(&mut used, ident);
            self.names.types.insert(name.clone(), ident);
        }
        for op in ops {
            let (_, _, errors) = self.roots(op)?;
            let mut used = HashSet::from(["Unknown".to_string()]);
            let mut variants = Vec::new();
            for e in errors {
                if variants.iter().any(|(s, _)| *s == e) {
                    continue;
                }
                if self.type_kind(&e) != Some(TypeKind::Struct) {
                    return Err(bad(
                        format!("operation {op}"),
                        format!("error {e} is not a structure"),
                    ));
                }
                let v = unique(&mut used, self.names.types[&e].clone());
                variants.push((e, v));
            }
            if let Some(en) = self.names.errors.get_mut(op) {
                en.variants = variants;
            }
        }
        let types: Vec<(String, TypeKind)> = reachable
            .iter()
            .filter_map(|n| self.type_kind(n).map(|k| (n.clone(), k)))
            .collect();
        for (name, kind) in &types {
            match kind {
                TypeKind::Struct | TypeKind::Union => {
                    let s = self.shape(name)?;
                    let required: HashSet<&str> = s
                        .at("required")
                        .items()
                        .iter()
                        .filter_map(Json::as_str)
                        .collect();
                    let mut used = HashSet::new();
                    if *kind == TypeKind::Union {
                        used.insert("Unknown".to_string());
                    }
                    let mut fields = Vec::new();
                    for (member, target) in self.children(name)? {
                        let m = s.at("members").at(&member);
                        let boxed = self.is_aggregate(&target) && self.reaches(&target, name)?;
                        let base = if *kind == TypeKind::Union {
                            type_ident(&member)
                        } else {
                            field_ident(&member)
                        };
                        let ident = unique(&mut used, base);
                        // A streamed response body is an `Option<ByteStream>`: absent when the
                        // response has none, whatever the model requires.
                        let streamed_output = *kind == TypeKind::Struct
                            && self.read_side.contains(name)
                            && self.stream_payload(name, &member, &target);
                        let optional = self.opts.all_optional
                            || streamed_output
                            || m.flag("idempotencyToken")
                            || (!required.contains(member.as_str())
                                && !self.zero_default(name, &member, &target));
                        fields.push(Field {
                            member,
                            ident,
                            shape: target,
                            boxed,
                            optional,
                        });
                    }
                    self.names.fields.insert(name.clone(), fields);
                }
                TypeKind::StringEnum | TypeKind::IntEnum => {
                    let s = self.shape(name)?;
                    let mut used = HashSet::from(["Unknown".to_string()]);
                    let pairs: Vec<(String, String)> = if *kind == TypeKind::StringEnum {
                        let names = s.at("enumNames").items();
                        s.at("enum")
                            .items()
                            .iter()
                            .enumerate()
                            .filter_map(|(i, v)| {
                                let v = v.as_str()?;
                                let n = names.get(i).and_then(Json::as_str).unwrap_or(v);
                                Some((v.to_string(), n.to_string()))
                            })
                            .collect()
                    } else {
                        s.at("intEnum")
                            .members()
                            .iter()
                            .map(|(n, v)| (v.to_string(), n.clone()))
                            .collect()
                    };
                    let mut variants = Vec::new();
                    for (value, name) in pairs {
                        if variants.iter().any(|(v, _)| *v == value) {
                            continue;
                        }
                        let ident = unique(&mut used, type_ident(&name));
                        variants.push((value, ident));
                    }
                    self.names.enum_variants.insert(name.clone(), variants);
                }
            }
        }
        for (name, kind) in &types {
            if *kind != TypeKind::Struct || !self.read_side.contains(name) {
                continue;
            }
            for f in &self.names.fields[name] {
                if !f.optional
                    && matches!(
                        self.type_kind(&f.shape),
                        Some(TypeKind::StringEnum | TypeKind::IntEnum | TypeKind::Union)
                    )
                {
                    self.corrected.insert(f.shape.clone());
                }
            }
        }
        for (name, _) in &types {
            self.has_default(name, &mut HashSet::new());
        }
        self.find_streams(&types);
        if self.opts.waiters {
            self.prepare_waiters(ops, &mut used)?;
        }
        Ok(())
    }

    // ---------------------------------------------------------------------------------------
    // Paginators and waiters

    /// The member names of structure `shape`.
    fn member_names(&self, shape: &str) -> Result<Vec<&'m str>, Error> {
        Ok(self
            .shape(shape)?
            .at("members")
            .members()
            .iter()
            .map(|(n, _)| n.as_str())
            .collect())
    }

    /// The shape that a path of member names joined by dots (`Table.TableStatus`) leads to
    /// from structure `root`; `None` when `path` is any other expression or names a member
    /// that is not there.
    fn path_target(&self, root: &str, path: &str) -> Option<&'m str> {
        let mut shape = self.model.shape(root)?;
        let mut target = None;
        for name in path.split('.') {
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return None;
            }
            let t = shape.at("members").at(name).str("shape")?;
            shape = self.model.shape(t)?;
            target = Some(t);
        }
        target
    }

    /// The `awso::paginator!` of operation `op`, when the model has one that awso can
    /// declare; the reason is a warning otherwise.
    fn paginator_decl(&mut self, op: &str) -> Result<Option<String>, Error> {
        if !self.opts.paginators {
            return Ok(None);
        }
        let Some(p) = self.model.paginator(op) else {
            return Ok(None);
        };
        match self.check_paginator(op, p)? {
            Ok(decl) => Ok(Some(decl)),
            Err(reason) => {
                self.warnings
                    .insert(format!("{op}: paginator left out: {reason}"));
                Ok(None)
            }
        }
    }

    fn check_paginator(&mut self, op: &str, p: &Json) -> Result<Result<String, String>, Error> {
        let (input, output, _) = self.roots(op)?;
        let (Some(input), Some(output)) = (input, output) else {
            return Ok(Err("the operation has no input or no output".into()));
        };
        let input_members = self.member_names(&input)?;
        let output_members = self.member_names(&output)?;
        let input_token = paginator_paths(p, "input_token");
        let output_token = paginator_paths(p, "output_token");
        let more_results = paginator_paths(p, "more_results");
        let limit_key = paginator_paths(p, "limit_key");
        let result_key = paginator_paths(p, "result_key");
        if input_token.len() != output_token.len() {
            return Ok(Err(format!(
                "{} input tokens and {} output tokens (one of each, in the same order)",
                input_token.len(),
                output_token.len()
            )));
        }
        if more_results.len() > 1 || limit_key.len() > 1 {
            return Ok(Err("several more_results or limit_key".into()));
        }
        for t in input_token.iter().chain(&limit_key) {
            if !input_members.contains(t) {
                return Ok(Err(format!("{input} has no member {t}")));
            }
        }
        // The member each output expression starts with: what `paginator!` checks at compile
        // time.
        for e in output_token.iter().chain(&more_results).chain(&result_key) {
            if let Some(m) = leading_member(e) {
                if !output_members.contains(&m) {
                    return Ok(Err(format!("{output} has no member {m} (in `{e}`)")));
                }
            }
        }
        // awso's items are the lists of the result keys; botocore also totals numbers (DynamoDB
        // `Count`) and concatenates strings across pages.
        let (lists, totals): (Vec<&str>, Vec<&str>) = result_key.iter().partition(|k| {
            self.path_target(&output, k)
                .is_none_or(|t| self.kind(t) == "list")
        });
        let mut d = String::new();
        if !totals.is_empty() {
            let names = totals
                .iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let html = totals
                .iter()
                .map(|t| format!("<code>{t}</code>"))
                .collect::<Vec<_>>()
                .join(", ");
            let note = if totals.len() == 1 {
                format!("The model's result_key also has {html}, which is not a list: botocore totals it across pages; read it from each page.")
            } else {
                format!("The model's result_key also has {html}, which are not lists: botocore totals them across pages; read them from each page.")
            };
            for line in docs::markdown(&note, 96) {
                writeln!(d, "// {line}").ok();
            }
            let what = if totals.len() == 1 {
                "not a list"
            } else {
                "not lists"
            };
            self.warnings.insert(format!(
                "{op}: paginator result_key {names} left out ({what})"
            ));
        }
        writeln!(d, "awso::paginator! {{\n    {op} {{").ok();
        for (field, paths) in [
            ("input_token", &input_token),
            ("output_token", &output_token),
            ("more_results", &more_results),
            ("limit_key", &limit_key),
            ("result_key", &lists),
        ] {
            if !paths.is_empty() {
                writeln!(d, "        {field}: {},", paths_literal(paths)).ok();
            }
        }
        d.push_str("    }\n}\n\n");
        Ok(Ok(d))
    }

    /// Names and writes the waiters on operations `ops` that awso can declare; the others
    /// are warnings.
    fn prepare_waiters(&mut self, ops: &[String], used: &mut HashSet<String>) -> Result<(), Error> {
        let mut waiters: Vec<&(String, Json)> = self
            .model
            .waiters()
            .iter()
            .filter(|(_, w)| {
                w.str("operation")
                    .is_some_and(|op| ops.iter().any(|o| o == op))
            })
            .collect();
        waiters.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, w) in waiters {
            let op = w.str("operation").unwrap_or_default().to_string();
            let mut ident = type_ident(name);
            if used.contains(&ident) {
                ident.push_str("Waiter");
            }
            match self.waiter_decl(&op, w)? {
                Ok(body) => {
                    let ident = unique(used, ident);
                    let mut d = String::from("awso::waiter! {\n");
                    match w.str("description").or_else(|| w.str("documentation")) {
                        Some(doc) => self.doc(&mut d, 4, Some(doc)),
                        None => self.plain_doc(
                            &mut d,
                            4,
                            &format!("Polls [`{op}`] until one of its acceptors ends the wait."),
                        ),
                    }
                    writeln!(d, "    pub struct {ident}: {op} {{").ok();
                    d.push_str(&body);
                    d.push_str("    }\n}\n\n");
                    self.names.waiters.push((ident, op.clone()));
                    self.waiter_decls.push((op, d));
                }
                Err(reason) => {
                    self.warnings
                        .insert(format!("waiter {name} (on {op}) left out: {reason}"));
                }
            }
        }
        Ok(())
    }

    /// The fields of a `waiter!` on `op` (delays, attempts, acceptors), or why awso cannot
    /// declare it.
    fn waiter_decl(&self, op: &str, w: &Json) -> Result<Result<String, String>, Error> {
        let (_, output, _) = self.roots(op)?;
        let output_members = match &output {
            Some(o) => self.member_names(o)?,
            None => Vec::new(),
        };
        let mut d = String::new();
        let Some(delay) = w.get("delay").and_then(whole_number) else {
            return Ok(Err("no delay".into()));
        };
        writeln!(d, "        delay: {delay},").ok();
        if let Some(max) = w.get("maxDelay").and_then(whole_number) {
            if max != 120 {
                writeln!(d, "        max_delay: {max},").ok();
            }
        }
        match w.get("maxAttempts").and_then(whole_number) {
            Some(n) => writeln!(d, "        max_attempts: {n},").ok(),
            None => writeln!(
                d,
                "        // Bounded by the time the caller gives `wait`, as Smithy's waiters are.\n        max_attempts: u32::MAX,"
            )
            .ok(),
        };
        if w.at("acceptors").items().is_empty() {
            return Ok(Err("no acceptors".into()));
        }
        d.push_str("        acceptors: [\n");
        for (i, a) in w.at("acceptors").items().iter().enumerate() {
            let state = a.str("state").unwrap_or("");
            if !matches!(state, "success" | "failure" | "retry") {
                return Ok(Err(format!(
                    "acceptor {i}: state {state:?} is not success, failure or retry"
                )));
            }
            let expected = a.at("expected");
            let line = match a.str("matcher").unwrap_or("") {
                m @ ("path" | "pathAll" | "pathAny") => {
                    let Some(argument) = a.str("argument") else {
                        return Ok(Err(format!("acceptor {i}: {m} without an argument")));
                    };
                    if let Some(member) = leading_member(argument) {
                        if !output_members.contains(&member) {
                            return Ok(Err(format!(
                                "acceptor {i}: the output has no member {member} (in `{argument}`)"
                            )));
                        }
                    }
                    let Some(value) = expected_literal(expected) else {
                        return Ok(Err(format!(
                            "acceptor {i}: expected {expected} is not a string, number or boolean"
                        )));
                    };
                    format!("{state}: {m}({}) == {value}", lit(argument))
                }
                "status" => match whole_number(expected) {
                    Some(n) if (100..600).contains(&n) => format!("{state}: status({n})"),
                    _ => {
                        return Ok(Err(format!(
                            "acceptor {i}: status {expected} is not an HTTP status"
                        )))
                    }
                },
                "error" => match expected {
                    Json::Bool(b) => format!("{state}: error({b})"),
                    Json::String(code) => match json_rust_literal(code) {
                        Some(code) => format!("{state}: error({code})"),
                        None => {
                            return Ok(Err(format!("acceptor {i}: error code {expected}")))
                        }
                    },
                    _ => {
                        return Ok(Err(format!(
                            "acceptor {i}: error {expected} is not a code or a boolean"
                        )))
                    }
                },
                "inputOutput" => {
                    return Ok(Err(format!(
                        "acceptor {i} matches on the input and output together (inputOutput); awso's waiters read the output"
                    )))
                }
                other => {
                    return Ok(Err(format!(
                        "acceptor {i}: matcher {other:?} is not path, pathAll, pathAny, status or error"
                    )))
                }
            };
            writeln!(d, "            {line},").ok();
        }
        d.push_str("        ],\n");
        Ok(Ok(d))
    }

    /// Whether member `member` of `owner` has a model default (Smithy's `default` trait) that
    /// `#[aws(default)]` gives: the zero value of its type (`0`, `false`, `""`, `[]`, `{}`).
    /// Another default is a warning, and the member stays an `Option` (absent unless set).
    fn zero_default(&mut self, owner: &str, member: &str, target: &str) -> bool {
        let Some(default) = self
            .model
            .shape(owner)
            .and_then(|s| s.at("members").at(member).get("default"))
        else {
            return false;
        };
        let zero = match (self.type_kind(target), self.kind(target), default) {
            (Some(_), _, _) => false,
            (None, "boolean", Json::Bool(false)) => true,
            (None, "integer" | "long" | "short" | "byte" | "float" | "double", n) => {
                n.as_f64() == Some(0.0)
            }
            (None, "string" | "blob", Json::String(s)) => s.is_empty(),
            (None, "list", Json::Array(items)) => items.is_empty(),
            (None, "map", Json::Object(members)) => members.is_empty(),
            _ => false,
        };
        if !zero && default != &Json::Null {
            self.warnings.insert(format!(
                "{owner}.{member}: default {default} left out (#[aws(default)] gives the zero value of the type; the member stays an Option)"
            ));
        }
        zero
    }

    /// Whether a required member of `owner` is filled with its zero value when a response
    /// leaves it out: Smithy's client error correction, for every structure read from
    /// responses (a service, or a mock of it, may omit a member the model requires; the
    /// caller gets `""`, `0`, `false`, an empty collection or an unknown variant instead of
    /// a failed call).
    fn error_corrected(&self, owner: &str, f: &Field) -> bool {
        !f.optional && self.read_side.contains(owner) && self.defaults.get(&f.shape) != Some(&false)
    }

    /// Whether the type of shape `name` implements `Default` (derived where every member
    /// allows it).
    fn has_default(&mut self, name: &str, visiting: &mut HashSet<String>) -> bool {
        if let Some(&d) = self.defaults.get(name) {
            return d;
        }
        let d = match self.type_kind(name) {
            Some(TypeKind::Struct) => {
                if !visiting.insert(name.to_string()) {
                    return true;
                }
                let fields = self.names.fields.get(name).cloned().unwrap_or_default();
                let d = fields
                    .iter()
                    .all(|f| f.optional || self.has_default(&f.shape, visiting));
                visiting.remove(name);
                d
            }
            Some(_) => self.corrected.contains(name),
            None => true,
        };
        self.defaults.insert(name.to_string(), d);
        d
    }

    // ---------------------------------------------------------------------------------------
    // Types and attributes

    fn map_type(&mut self) -> String {
        match self.opts.map_type.as_str() {
            "BTreeMap" => {
                self.uses.insert("std::collections::BTreeMap");
                "BTreeMap".into()
            }
            "HashMap" => {
                self.uses.insert("std::collections::HashMap");
                "HashMap".into()
            }
            other => other.to_string(),
        }
    }

    /// The Rust type of a value of shape `name`.
    fn rust_type(&mut self, name: &str) -> Result<String, Error> {
        if let Some(t) = self.names.types.get(name) {
            return Ok(t.clone());
        }
        let s = self.shape(name)?;
        Ok(match s.str("type").unwrap_or("") {
            "structure" => {
                self.uses.insert("awso::Document");
                "Document".into()
            }
            "string" => "String".into(),
            "integer" => "i32".into(),
            "long" => "i64".into(),
            "short" => "i16".into(),
            "byte" => "i8".into(),
            "boolean" => "bool".into(),
            "float" => "f32".into(),
            "double" => "f64".into(),
            "blob" => {
                self.uses.insert("awso::Blob");
                "Blob".into()
            }
            "timestamp" => {
                self.uses.insert("awso::Timestamp");
                "Timestamp".into()
            }
            "list" => {
                let item = self.rust_type(s.at("member").str("shape").unwrap_or(""))?;
                if s.flag("sparse") {
                    format!("Vec<Option<{item}>>")
                } else {
                    format!("Vec<{item}>")
                }
            }
            "map" => {
                let value = self.rust_type(s.at("value").str("shape").unwrap_or(""))?;
                let map = self.map_type();
                if s.flag("sparse") {
                    format!("{map}<String, Option<{value}>>")
                } else {
                    format!("{map}<String, {value}>")
                }
            }
            other => return Err(bad(format!("shape {name}"), format!("type {other:?}"))),
        })
    }

    /// The timestamp format of a member targeting `shape` (directly or as the items of lists
    /// and values of maps).
    fn timestamp_format(&self, member: &Json, shape: &str) -> Option<&'static str> {
        let format = member.str("timestampFormat").or_else(|| {
            let mut s = shape;
            for _ in 0..8 {
                let sh = self.model.shape(s)?;
                match sh.str("type")? {
                    "timestamp" => return sh.str("timestampFormat"),
                    "list" => s = sh.at("member").str("shape")?,
                    "map" => s = sh.at("value").str("shape")?,
                    _ => return None,
                }
            }
            None
        })?;
        match format {
            "iso8601" => Some("date-time"),
            "rfc822" => Some("http-date"),
            "unixTimestamp" => Some("epoch-seconds"),
            _ => None,
        }
    }

    fn namespace_attr(key: &str, ns: &Json) -> Option<String> {
        let (uri, prefix) = match ns {
            Json::String(uri) => (uri.as_str(), None),
            other => (other.str("uri")?, other.str("prefix")),
        };
        Some(match prefix {
            Some(p) => format!("{key}(uri = {}, prefix = {})", lit(uri), lit(p)),
            None => format!("{key}(uri = {})", lit(uri)),
        })
    }

    /// `item_name`, `key_name`, `value_name` and their namespaces for a collection, and
    /// `items(...)` for a collection inside it.
    fn collection_attrs(&self, shape: &str, depth: usize) -> Vec<String> {
        let mut attrs = Vec::new();
        let Some(target) = self.model.shape(shape) else {
            return attrs;
        };
        let (parts, inner): (&[(&str, &str, &str)], &str) = match target.str("type") {
            Some("list") => (&[("member", "item_name", "item_namespace")], "member"),
            Some("map") => (
                &[
                    ("key", "key_name", "key_namespace"),
                    ("value", "value_name", "value_namespace"),
                ],
                "value",
            ),
            _ => return attrs,
        };
        for (part, name_attr, ns_attr) in parts {
            let x = target.at(part);
            if let Some(name) = x.str("locationName") {
                attrs.push(format!("{name_attr} = {}", lit(name)));
            }
            if let Some(ns) = x
                .get("xmlNamespace")
                .and_then(|n| Self::namespace_attr(ns_attr, n))
            {
                attrs.push(ns);
            }
        }
        if depth < 8 {
            if let Some(inner_shape) = target.at(inner).str("shape") {
                let names = self.collection_attrs(inner_shape, depth + 1);
                if !names.is_empty() {
                    attrs.push(format!("items({})", names.join(", ")));
                }
            }
        }
        attrs
    }

    /// `length`, `range` and `pattern` of a target shape.
    fn constraint_attrs(&mut self, owner: &str, member: &str, shape: &str) -> Vec<String> {
        let mut attrs = Vec::new();
        if !self.opts.constraints {
            return attrs;
        }
        let Some(s) = self.model.shape(shape) else {
            return attrs;
        };
        if self.type_kind(shape).is_some() {
            // Enums are checked by their variants, not by length or pattern.
            return attrs;
        }
        let num = |k: &str| s.get(k).and_then(Json::as_f64).map(|n| n.to_string());
        let bounds = |min: Option<String>, max: Option<String>| {
            let mut b = Vec::new();
            if let Some(m) = min {
                b.push(format!("min = {m}"));
            }
            if let Some(m) = max {
                b.push(format!("max = {m}"));
            }
            b.join(", ")
        };
        let (min, max) = (num("min"), num("max"));
        let kind = s.str("type").unwrap_or("");
        if min.is_some() || max.is_some() {
            match kind {
                "string" | "blob" | "list" | "map" => {
                    // A minimum length of 0 says nothing.
                    let min = min.filter(|m| m != "0");
                    if min.is_some() || max.is_some() {
                        attrs.push(format!("length({})", bounds(min, max)));
                    }
                }
                "integer" | "long" | "short" | "byte" | "float" | "double" => {
                    attrs.push(format!("range({})", bounds(min, max)));
                }
                _ => {}
            }
        }
        if let (Some(p), "string") = (s.str("pattern"), kind) {
            if regex_lite::Regex::new(p).is_ok() {
                attrs.push(format!("pattern = {}", lit(p)));
            } else {
                self.warnings.insert(format!(
                    "{owner}.{member}: pattern {p:?} left out (not in regex-lite syntax)"
                ));
            }
        }
        attrs
    }

    /// Whether values of `shape` are sensitive (the shape, or the items and values of a
    /// collection of scalars).
    fn sensitive(&self, shape: &str) -> bool {
        let mut s = shape;
        for _ in 0..8 {
            let Some(sh) = self.model.shape(s) else {
                return false;
            };
            if sh.flag("sensitive") {
                return true;
            }
            match sh.str("type") {
                Some("list") => s = sh.at("member").str("shape").unwrap_or(""),
                Some("map") => s = sh.at("value").str("shape").unwrap_or(""),
                _ => return false,
            }
        }
        false
    }

    /// The `#[aws(...)]` keys of a structure member or union variant.
    fn member_attrs(
        &mut self,
        owner: &str,
        payload: Option<&str>,
        f: &Field,
        union: bool,
        required: bool,
    ) -> Result<Vec<String>, Error> {
        let owner_shape = self.shape(owner)?;
        let m = owner_shape.at("members").at(&f.member);
        let target = self.shape(&f.shape)?;
        let kind = target.str("type").unwrap_or("");
        let mut attrs = Vec::new();
        let default_name = if union {
            f.ident.clone()
        } else {
            // The derive's default for fields.
            RenameRule::PascalCase.apply_to_field(&f.ident)
        };
        if default_name != f.member {
            attrs.push(format!("rename = {}", lit(&f.member)));
        }
        let location_name = m.str("locationName");
        if let Some(loc) = m.str("location") {
            let name = location_name.unwrap_or(&f.member);
            match loc {
                "header" => attrs.push(format!("header = {}", lit(name))),
                "headers" => attrs.push(format!("prefix_headers = {}", lit(name))),
                "querystring" if kind == "map" && location_name.is_none() => {
                    attrs.push("query_params".into())
                }
                "querystring" => attrs.push(format!("query = {}", lit(name))),
                "uri" => attrs.push(format!("label = {}", lit(name))),
                "statusCode" => attrs.push("response_code".into()),
                other => {
                    self.warnings
                        .insert(format!("{owner}.{}: location {other:?} left out", f.member));
                }
            }
        } else if let Some(name) = location_name.filter(|n| *n != f.member) {
            match self.proto {
                Protocol::RestJson1 => attrs.push(format!("json_name = {}", lit(name))),
                p if p.xml() => attrs.push(format!("xml_name = {}", lit(name))),
                _ => {}
            }
        }
        let flattened = m.flag("flattened") || target.flag("flattened");
        if self.proto.xml()
            && !union
            && flattened
            && location_name.is_none()
            && kind == "list"
            && self.opts.service_xml_names
            && self.read_side.contains(owner)
        {
            // botocore (and the services) name a flattened list's elements by the list
            // member's locationName: SimpleDB's `Attributes` are `<Attribute>` elements.
            if let Some(item) = target.at("member").str("locationName") {
                attrs.push(format!("xml_name = {}", lit(item)));
            }
        }
        if m.flag("hostLabel") {
            attrs.push("host_label".into());
        }
        if m.flag("idempotencyToken") && kind == "string" {
            attrs.push("idempotency_token".into());
        }
        if m.flag("jsonvalue") {
            attrs.push("media_type = \"application/json\"".into());
        }
        if self.proto == Protocol::Ec2Query {
            if let Some(q) = m.str("queryName") {
                attrs.push(format!("query_name = {}", lit(q)));
            }
        }
        if let Some(t) = self.timestamp_format(m, &f.shape) {
            attrs.push(format!("timestamp_format = {}", lit(t)));
        }
        if self.proto.xml() {
            attrs.extend(self.collection_attrs(&f.shape, 0));
            if union {
                for t in ["flattened", "xmlNamespace", "xmlAttribute"] {
                    if m.get(t)
                        .is_some_and(|v| !matches!(v, Json::Null | Json::Bool(false)))
                    {
                        self.warnings.insert(format!(
                            "{owner}.{}: {t} left out (awso has no {t} on union members)",
                            f.member
                        ));
                    }
                }
            } else {
                if flattened {
                    attrs.push("flattened".into());
                }
                if m.flag("xmlAttribute") {
                    attrs.push("xml_attribute".into());
                }
                let ns = m.get("xmlNamespace").or_else(|| {
                    (kind == "list")
                        .then(|| target.get("xmlNamespace"))
                        .flatten()
                });
                if let Some(ns) = ns.and_then(|n| Self::namespace_attr("xml_namespace", n)) {
                    attrs.push(ns);
                }
            }
        }
        if payload == Some(f.member.as_str()) && self.proto.rest() {
            attrs.push("payload".into());
        }
        attrs.extend(self.constraint_attrs(owner, &f.member, &f.shape));
        if self.sensitive(&f.shape) || m.flag("sensitive") {
            attrs.push("sensitive".into());
        }
        if required && f.optional && !union {
            attrs.push("required".into());
        }
        let model_default = !f.optional && self.zero_default(owner, &f.member, &f.shape);
        if !union && (model_default || self.error_corrected(owner, f)) {
            attrs.push("default".into());
        }
        Ok(attrs)
    }

    // ---------------------------------------------------------------------------------------
    // Writing

    fn doc(&self, out: &mut String, indent: usize, html: Option<&str>) {
        if !self.opts.docs {
            return;
        }
        let Some(html) = html else { return };
        let pad = " ".repeat(indent);
        for line in docs::markdown(html, 100usize.saturating_sub(indent + 4).max(40)) {
            if line.is_empty() {
                writeln!(out, "{pad}///").ok();
            } else {
                writeln!(out, "{pad}/// {line}").ok();
            }
        }
    }

    fn plain_doc(&self, out: &mut String, indent: usize, text: &str) {
        if self.opts.docs {
            writeln!(out, "{}/// {text}", " ".repeat(indent)).ok();
        }
    }

    /// The derives of a type; `streams`: it holds an `awso::ByteStream`, which has no
    /// equality, order, hash or `Copy`, so those of [`Options::derives`] are left out.
    fn derives(&self, debug: &str, default: bool, clone: bool, streams: bool) -> String {
        let mut d = vec!["AwsShape".to_string(), debug.to_string()];
        const NOT_FOR_STREAMS: [&str; 6] = ["PartialEq", "Eq", "PartialOrd", "Ord", "Hash", "Copy"];
        d.extend(
            self.opts
                .derives
                .iter()
                .filter(|x| !(streams && NOT_FOR_STREAMS.contains(&x.as_str())))
                .cloned(),
        );
        if clone && !d.iter().any(|x| x == "Clone") {
            // Filling an idempotency token clones the input.
            d.push("Clone".into());
        }
        if default {
            d.push("Default".into());
        }
        format!("#[derive({})]\n", d.join(", "))
    }

    fn write(&mut self, ops: &[String], reachable: &BTreeSet<String>) -> Result<String, Error> {
        let mut body = String::new();
        self.write_service(&mut body)?;
        for op in ops {
            self.write_operation(&mut body, op)?;
            if let Some(p) = self.paginator_decl(op)? {
                body.push_str(&p);
                self.names.paginators.push(op.clone());
            }
            for (o, w) in &self.waiter_decls {
                if o == op {
                    body.push_str(w);
                }
            }
        }
        for op in ops {
            self.write_errors_enum(&mut body, op)?;
        }
        if let Some(empty) = self.names.empty.clone() {
            self.plain_doc(
                &mut body,
                0,
                "No members: the input or output of an operation that has none.",
            );
            body.push_str(&self.derives("Debug", true, false, false));
            writeln!(body, "pub struct {empty} {{}}\n").ok();
        }
        let mut types: Vec<(String, String)> = reachable
            .iter()
            .filter_map(|n| self.names.types.get(n).map(|t| (t.clone(), n.clone())))
            .collect();
        types.sort();
        for (_, name) in types {
            match self.type_kind(&name) {
                Some(TypeKind::Struct) => self.write_struct(&mut body, &name)?,
                Some(TypeKind::Union) => self.write_union(&mut body, &name)?,
                Some(TypeKind::StringEnum) | Some(TypeKind::IntEnum) => {
                    self.write_enum(&mut body, &name)?
                }
                None => {}
            }
        }
        let mut out = String::new();
        for line in &self.opts.header {
            if line.is_empty() {
                out.push_str("//!\n");
            } else {
                writeln!(out, "//! {line}").ok();
            }
        }
        if !self.opts.header.is_empty() {
            out.push('\n');
        }
        let mut awso_uses: Vec<&str> = vec!["AwsShape"];
        let mut std_uses = Vec::new();
        for u in &self.uses {
            if let Some(x) = u.strip_prefix("awso::") {
                awso_uses.push(x);
            } else {
                std_uses.push(*u);
            }
        }
        awso_uses.sort();
        if awso_uses.len() == 1 {
            writeln!(out, "use awso::{};", awso_uses[0]).ok();
        } else {
            writeln!(out, "use awso::{{{}}};", awso_uses.join(", ")).ok();
        }
        for u in std_uses {
            writeln!(out, "use {u};").ok();
        }
        out.push('\n');
        out.push_str(&body);
        while out.ends_with("\n\n") {
            out.pop();
        }
        Ok(out)
    }

    fn write_service(&mut self, out: &mut String) -> Result<(), Error> {
        let m = &self.model.metadata;
        let name = m
            .str("serviceId")
            .or_else(|| m.str("endpointPrefix"))
            .unwrap_or("Service");
        let signing = m
            .str("signingName")
            .or_else(|| m.str("endpointPrefix"))
            .unwrap_or("");
        let prefix = m.str("endpointPrefix").unwrap_or(signing);
        let mut fields = vec![
            format!("name: {}", lit(name)),
            format!("protocol: Protocol::{}", self.proto.variant()),
        ];
        if let (Some(t), Protocol::AwsJson1_0 | Protocol::AwsJson1_1) =
            (m.str("targetPrefix"), self.proto)
        {
            fields.push(format!("target_prefix: {}", lit(t)));
        }
        fields.push(format!("api_version: {}", lit(self.model.api_version())));
        fields.push(format!("signing_name: {}", lit(signing)));
        fields.push(format!("endpoint_prefix: {}", lit(prefix)));
        if m.get("awsQueryCompatible").is_some() {
            fields.push("query_compatible: true".into());
        }
        if self.proto == Protocol::RpcV2Cbor {
            let shape = self
                .opts
                .service_shape
                .as_deref()
                .or_else(|| m.str("targetPrefix"))
                .unwrap_or(name);
            fields.push(format!("service_shape: {}", lit(shape)));
        }
        out.push_str("awso::service! {\n");
        let full = m.str("serviceFullName").unwrap_or(name);
        self.plain_doc(
            out,
            4,
            &format!("{full} over {}.", self.proto.smithy_name()),
        );
        if self
            .model
            .documentation
            .as_deref()
            .is_some_and(|d| !d.trim().is_empty())
        {
            self.plain_doc(out, 4, "");
            let d = self.model.documentation.clone();
            self.doc(out, 4, d.as_deref());
        }
        writeln!(out, "    pub struct {} {{", self.names.service).ok();
        for f in fields {
            writeln!(out, "        {f},").ok();
        }
        out.push_str("    }\n}\n\n");
        Ok(())
    }

    fn write_operation(&mut self, out: &mut String, op: &str) -> Result<(), Error> {
        let o = self
            .model
            .operation(op)
            .ok_or_else(|| bad(format!("operation {op}"), "missing"))?;
        let (input, output, _) = self.roots(op)?;
        let empty = self.names.empty.clone().unwrap_or_default();
        let input_ty = input.as_ref().map_or(empty.clone(), |s| {
            self.names.types.get(s).cloned().unwrap_or_default()
        });
        let output_ty = output.as_ref().map_or(empty, |s| {
            self.names.types.get(s).cloned().unwrap_or_default()
        });
        let errors = self.names.errors[op].ident.clone();
        let mut extra = String::new();
        if self.proto.rest() {
            let h = o.at("http");
            write!(
                extra,
                "; http({} {})",
                lit(h.str("method").unwrap_or("POST")),
                lit(h.str("requestUri").unwrap_or("/"))
            )
            .ok();
        }
        if let Some(p) = o.at("endpoint").str("hostPrefix") {
            write!(extra, "; host_prefix({})", lit(p)).ok();
        }
        let root = o
            .get("input")
            .and_then(|i| i.str("locationName").filter(|r| i.str("shape") != Some(*r)));
        if let (Protocol::RestXml, Some(r)) = (self.proto, root) {
            write!(extra, "; xml_root({})", lit(r)).ok();
        }
        let encodings: Vec<String> = o
            .at("requestcompression")
            .at("encodings")
            .items()
            .iter()
            .filter_map(Json::as_str)
            .map(lit)
            .collect();
        if !encodings.is_empty() {
            write!(extra, "; compress({})", encodings.join(", ")).ok();
        }
        // The legacy trait: a `Content-MD5`. With `httpChecksum` the flexible checksum (its
        // `request_checksum_required`) takes its place, as in the AWS SDKs.
        if o.flag("httpChecksumRequired") && o.at("httpChecksum").members().is_empty() {
            extra.push_str("; checksum(required)");
        }
        if input.is_none() {
            extra.push_str("; input(none)");
        }
        // Sent unsigned: botocore's `authtype: none` or `auth: [smithy.api#noAuth]` (STS
        // AssumeRoleWithWebIdentity), Smithy's `@auth([])` or `@optionalAuth`.
        let no_auth = o.str("authtype") == Some("none")
            || o.at("auth")
                .items()
                .iter()
                .filter_map(Json::as_str)
                .eq(["smithy.api#noAuth"]);
        if no_auth {
            extra.push_str("; auth(none)");
        }
        let checksum = self.http_checksum(op, o, input.as_deref())?;
        out.push_str("awso::operation! {\n");
        self.doc(out, 4, o.str("documentation"));
        writeln!(
            out,
            "    pub struct {op}: {}({input_ty}) -> {output_ty}, {errors}{extra}{checksum};\n}}\n",
            self.names.service
        )
        .ok();
        Ok(())
    }

    /// `; http_checksum { ... }` for an operation with the `httpChecksum` trait (flexible
    /// checksums), the model's keys in snake case; a member the input does not have is a
    /// warning and left out.
    fn http_checksum(&mut self, op: &str, o: &Json, input: Option<&str>) -> Result<String, Error> {
        let hc = o.at("httpChecksum");
        if hc.members().is_empty() {
            return Ok(String::new());
        }
        let members = match input {
            Some(i) => self.member_names(i)?,
            None => Vec::new(),
        };
        let mut keys = Vec::new();
        for (model, key) in [
            ("requestAlgorithmMember", "request_algorithm_member"),
            (
                "requestValidationModeMember",
                "request_validation_mode_member",
            ),
        ] {
            if let Some(m) = hc.str(model) {
                if members.contains(&m) {
                    keys.push(format!("{key}: {}", lit(m)));
                } else {
                    self.warnings.insert(format!(
                        "{op}: httpChecksum {model} {m:?} left out (the input has no such member)"
                    ));
                }
            }
        }
        if let Some(Json::Bool(required)) = hc.get("requestChecksumRequired") {
            keys.push(format!("request_checksum_required: {required}"));
        }
        let algorithms: Vec<String> = hc
            .at("responseAlgorithms")
            .items()
            .iter()
            .filter_map(Json::as_str)
            .map(lit)
            .collect();
        if !algorithms.is_empty() {
            keys.push(format!("response_algorithms: [{}]", algorithms.join(", ")));
        }
        if keys.is_empty() {
            return Ok(String::new());
        }
        let mut block = String::from(";\n    http_checksum {\n");
        for k in keys {
            writeln!(block, "        {k},").ok();
        }
        block.push_str("    }");
        Ok(block)
    }

    fn write_errors_enum(&mut self, out: &mut String, op: &str) -> Result<(), Error> {
        let en = self.names.errors[op].clone();
        self.plain_doc(out, 0, &format!("The errors of [`{op}`]."));
        out.push_str("#[derive(AwsShape, Debug)]\n#[aws(errors)]\n");
        writeln!(out, "pub enum {} {{", en.ident).ok();
        for (shape, variant) in &en.variants {
            let ty = &self.names.types[shape];
            let doc = self
                .model
                .shape(shape)
                .and_then(|s| s.str("documentation"))
                .map(|d| docs::first_sentence(d, 92))
                .unwrap_or_default();
            if doc.is_empty() {
                self.plain_doc(out, 4, &format!("See [`{ty}`]."));
            } else if self.opts.docs {
                for line in doc {
                    writeln!(out, "    /// {line}").ok();
                }
            }
            writeln!(out, "    {variant}({ty}),").ok();
        }
        self.plain_doc(out, 4, "An error code this model does not know.");
        out.push_str("    #[aws(unknown)]\n    Unknown {\n");
        self.plain_doc(out, 8, "The code, normalised.");
        out.push_str("        code: String,\n");
        self.plain_doc(out, 8, "The message, if the response had one.");
        out.push_str("        message: Option<String>,\n    },\n}\n\n");
        Ok(())
    }

    fn error_attr(&self, shape: &Json, name: &str, ident: &str) -> String {
        let mut keys = Vec::new();
        let e = shape.at("error");
        // The model's code is the one of the awsQuery protocol. An awsQuery-compatible
        // service speaking JSON or CBOR sends the shape name as its code (`__type`) and the
        // awsQuery code in the `x-amzn-query-error` header: the error answers to both.
        let query_compatible = self.model.metadata.get("awsQueryCompatible").is_some()
            && !matches!(self.proto, Protocol::AwsQuery | Protocol::Ec2Query);
        let (code, query_code) = match e.str("code") {
            Some(c) if query_compatible => (name, (c != name).then_some(c)),
            Some(c) => (c, None),
            None => (name, None),
        };
        if code != ident {
            keys.push(format!("code = {}", lit(code)));
        }
        if let Some(status) = e.get("httpStatusCode").and_then(Json::as_f64) {
            keys.push(format!("status = {status}"));
        }
        let server = shape.flag("fault") || matches!(e.get("senderFault"), Some(Json::Bool(false)));
        if server {
            keys.push("fault = \"server\"".into());
        }
        if let Some(q) = query_code {
            keys.push(format!("query_code = {}", lit(q)));
        }
        if keys.is_empty() {
            "error".into()
        } else {
            format!("error({})", keys.join(", "))
        }
    }

    /// `AwsDebug` when a member (or the type) is sensitive, `Debug` otherwise.
    fn debug_derive(&self, name: &str, sensitive_type: bool) -> &'static str {
        let any = sensitive_type
            || self.names.fields.get(name).is_some_and(|fields| {
                fields.iter().any(|f| {
                    self.sensitive(&f.shape)
                        || self
                            .model
                            .shape(name)
                            .is_some_and(|s| s.at("members").at(&f.member).flag("sensitive"))
                })
            });
        if any {
            "AwsDebug"
        } else {
            "Debug"
        }
    }

    fn container_attrs(&self, name: &str, ident: &str, s: &Json) -> Vec<String> {
        let mut c = Vec::new();
        if name != ident && !s.flag("exception") {
            c.push(format!("rename = {}", lit(name)));
        }
        if self.proto.xml() {
            if let Some(x) = s.str("locationName").filter(|x| *x != name) {
                c.push(format!("xml_name = {}", lit(x)));
            }
            if let Some(ns) = s
                .get("xmlNamespace")
                .and_then(|n| Self::namespace_attr("xml_namespace", n))
            {
                c.push(ns);
            }
        }
        if s.flag("exception") {
            c.push(self.error_attr(s, name, ident));
        }
        if s.flag("sensitive") {
            c.push("sensitive".into());
        }
        c
    }

    fn write_struct(&mut self, out: &mut String, name: &str) -> Result<(), Error> {
        let s = self.shape(name)?;
        let ident = self.names.types[name].clone();
        match s.str("documentation") {
            Some(d) => self.doc(out, 0, Some(d)),
            None => {
                if let Some(what) = self.io_role(name) {
                    self.plain_doc(out, 0, &what);
                }
            }
        }
        let debug = self.debug_derive(name, s.flag("sensitive"));
        if debug == "AwsDebug" {
            self.uses.insert("awso::AwsDebug");
        }
        let token = s
            .at("members")
            .members()
            .iter()
            .any(|(_, m)| m.flag("idempotencyToken"));
        out.push_str(&self.derives(
            debug,
            self.defaults.get(name).copied().unwrap_or(false),
            token,
            self.streams.contains(name),
        ));
        let container = self.container_attrs(name, &ident, s);
        if !container.is_empty() {
            writeln!(out, "#[aws({})]", container.join(", ")).ok();
        }
        let required: HashSet<&str> = s
            .at("required")
            .items()
            .iter()
            .filter_map(Json::as_str)
            .collect();
        let payload = s.str("payload");
        let fields = self.names.fields[name].clone();
        if fields.is_empty() {
            writeln!(out, "pub struct {ident} {{}}\n").ok();
            return Ok(());
        }
        writeln!(out, "pub struct {ident} {{").ok();
        for f in &fields {
            let m = s.at("members").at(&f.member);
            let attrs = self.member_attrs(
                name,
                payload,
                f,
                false,
                required.contains(f.member.as_str()),
            )?;
            self.doc(out, 4, m.str("documentation"));
            if !attrs.is_empty() {
                writeln!(out, "    #[aws({})]", attrs.join(", ")).ok();
            }
            let mut ty = if self.stream_payload(name, &f.member, &f.shape) {
                self.uses.insert("awso::ByteStream");
                "ByteStream".to_string()
            } else {
                self.rust_type(&f.shape)?
            };
            if f.boxed {
                ty = format!("Box<{ty}>");
            }
            if f.optional {
                ty = format!("Option<{ty}>");
            }
            writeln!(out, "    pub {}: {ty},", f.ident).ok();
        }
        out.push_str("}\n\n");
        Ok(())
    }

    /// "The input of [`Op`]." for a shape that is the input or output of generated
    /// operations.
    fn io_role(&self, name: &str) -> Option<String> {
        let mut inputs = Vec::new();
        let mut outputs = Vec::new();
        for op in &self.names.operations {
            let (i, o, _) = self.roots(op).ok()?;
            if i.as_deref() == Some(name) {
                inputs.push(format!("[`{op}`]"));
            }
            if o.as_deref() == Some(name) {
                outputs.push(format!("[`{op}`]"));
            }
        }
        match (inputs.is_empty(), outputs.is_empty()) {
            (false, true) => Some(format!("The input of {}.", inputs.join(", "))),
            (true, false) => Some(format!("The output of {}.", outputs.join(", "))),
            (false, false) => Some(format!(
                "The input of {} and the output of {}.",
                inputs.join(", "),
                outputs.join(", ")
            )),
            (true, true) => None,
        }
    }

    fn write_union(&mut self, out: &mut String, name: &str) -> Result<(), Error> {
        let s = self.shape(name)?;
        let ident = self.names.types[name].clone();
        self.doc(out, 0, s.str("documentation"));
        let debug = self.debug_derive(name, s.flag("sensitive"));
        if debug == "AwsDebug" {
            self.uses.insert("awso::AwsDebug");
        }
        out.push_str(&self.derives(debug, false, false, self.streams.contains(name)));
        let container = self.container_attrs(name, &ident, s);
        if !container.is_empty() {
            writeln!(out, "#[aws({})]", container.join(", ")).ok();
        }
        writeln!(out, "pub enum {ident} {{").ok();
        for f in self.names.fields[name].clone() {
            let m = s.at("members").at(&f.member);
            let attrs = self.member_attrs(name, None, &f, true, false)?;
            self.doc(out, 4, m.str("documentation"));
            if !attrs.is_empty() {
                writeln!(out, "    #[aws({})]", attrs.join(", ")).ok();
            }
            let mut ty = self.rust_type(&f.shape)?;
            if f.boxed {
                ty = format!("Box<{ty}>");
            }
            writeln!(out, "    {}({ty}),", f.ident).ok();
        }
        self.plain_doc(out, 4, "A member this model does not know.");
        out.push_str("    #[aws(unknown)]\n    Unknown,\n}\n\n");
        self.write_corrected_default(out, name, &ident, "Unknown");
        Ok(())
    }

    fn write_enum(&mut self, out: &mut String, name: &str) -> Result<(), Error> {
        let s = self.shape(name)?;
        let ident = self.names.types[name].clone();
        let int = self.type_kind(name) == Some(TypeKind::IntEnum);
        self.doc(out, 0, s.str("documentation"));
        let debug = if s.flag("sensitive") {
            self.uses.insert("awso::AwsDebug");
            "AwsDebug"
        } else {
            "Debug"
        };
        out.push_str(&self.derives(debug, false, false, false));
        let variants = self.names.enum_variants[name].clone();
        let mut container = Vec::new();
        if name != ident {
            container.push(format!("rename = {}", lit(name)));
        }
        let mut rule = RenameRule::None;
        if !int {
            // The rename_all rule that names the most variants right.
            let score = |r: RenameRule| {
                variants
                    .iter()
                    .filter(|(v, i)| r.apply_to_variant(i) == *v)
                    .count()
            };
            let mut best = score(RenameRule::None);
            for r in VARIANT_RULES {
                let sc = score(r);
                if sc > best {
                    best = sc;
                    rule = r;
                }
            }
            if let Some(a) = rule.name() {
                container.push(format!("rename_all = {}", lit(a)));
            }
        }
        if s.flag("sensitive") {
            container.push("sensitive".into());
        }
        if !container.is_empty() {
            writeln!(out, "#[aws({})]", container.join(", ")).ok();
        }
        writeln!(out, "pub enum {ident} {{").ok();
        let docs = s.at("enumDocs");
        for (i, (value, variant)) in variants.iter().enumerate() {
            if let Some(d) = docs.items().get(i).and_then(Json::as_str) {
                self.doc(out, 4, Some(d));
            }
            if int {
                writeln!(out, "    #[aws(value = {value})]").ok();
            } else if rule.apply_to_variant(variant) != *value {
                writeln!(out, "    #[aws(rename = {})]", lit(value)).ok();
            }
            writeln!(out, "    {variant},").ok();
        }
        self.plain_doc(out, 4, "A value this model does not know, kept as sent.");
        let unknown = if int { "i32" } else { "String" };
        writeln!(out, "    #[aws(unknown)]\n    Unknown({unknown}),\n}}\n").ok();
        let zero = if int {
            "Unknown(0)"
        } else {
            "Unknown(String::new())"
        };
        self.write_corrected_default(out, name, &ident, zero);
        Ok(())
    }

    /// `impl Default` for an enum or union that a required response member targets: the
    /// value a missing member gets (Smithy's client error correction: an unknown variant).
    fn write_corrected_default(&self, out: &mut String, name: &str, ident: &str, zero: &str) {
        if !self.corrected.contains(name) {
            return;
        }
        self.plain_doc(
            out,
            0,
            "The value of a required member a response leaves out (an unknown variant).",
        );
        writeln!(
            out,
            "impl Default for {ident} {{\n    fn default() -> Self {{\n        Self::{zero}\n    }}\n}}\n"
        )
        .ok();
    }
}
