//! The Smithy JSON AST of the official AWS models (github.com/aws/api-models-aws), turned
//! into botocore's form, so that one generator serves both.
//!
//! Shapes are named by their local name (`com.amazonaws.gamelift#PlayerSession` is
//! `PlayerSession`); prelude shapes (`smithy.api#String`) likewise, unless the service has a
//! shape of that name. Traits become botocore's keys: `required` the structure's `required`
//! list, the HTTP bindings `location`/`locationName`, `jsonName` or `xmlName` (by protocol)
//! `locationName`, `error` and `httpError` `exception`/`fault`/`error`, enums `enum` or
//! `intEnum`, and so on. `paginated` becomes the operation's paginator (merged with the
//! service's, as Smithy says) and `smithy.waiters#waitable` its waiters, in the forms of
//! `paginators-1.json` and `waiters-2.json`. A member's `default` is kept where clients honour
//! it: not on `@input` structures (whose members clients treat as optional) and not with
//! `@clientOptional`. Traits botocore has no key for are left out.

use crate::error::Error;
use crate::json::Json;
use crate::model::Model;
use std::collections::{HashMap, HashSet};

/// A [`Model`] from a Smithy JSON AST.
pub fn to_model(json: &Json, source: &str) -> Result<Model, Error> {
    let not_a_model = |reason: &str| Error::NotAModel {
        source: source.to_string(),
        reason: reason.to_string(),
    };
    let shapes = match json.get("shapes") {
        Some(Json::Object(shapes)) => shapes,
        _ => return Err(not_a_model("a Smithy AST without a \"shapes\" object")),
    };
    let services: Vec<&(String, Json)> = shapes
        .iter()
        .filter(|(_, s)| s.str("type") == Some("service"))
        .collect();
    let (service_id, service) = match services.as_slice() {
        [one] => (&one.0, &one.1),
        [] => return Err(not_a_model("a Smithy AST without a service shape")),
        _ => {
            return Err(not_a_model(
                "a Smithy AST with several services (awso-codegen reads one service's model)",
            ))
        }
    };
    let mut names = Names::default();
    for (id, _) in shapes {
        names.taken.insert(local(id).to_string());
    }
    let traits = service.at("traits");
    let protocol = Protocol::of(traits);
    let mut c = Converter {
        shapes,
        names,
        xml: protocol.is_some_and(|p| p.xml),
        out: Vec::new(),
        done: HashSet::new(),
        namespace: traits
            .get("smithy.api#xmlNamespace")
            .filter(|_| protocol.is_some_and(|p| p.botocore == "rest-xml"))
            .cloned(),
    };
    let mut operations = Vec::new();
    let mut paginators = Vec::new();
    let mut waiters = Vec::new();
    let service_paginated = traits.at("smithy.api#paginated");
    let service_errors: Vec<&str> = service
        .at("errors")
        .items()
        .iter()
        .filter_map(|e| e.str("target"))
        .collect();
    for (id, shape) in shapes {
        if shape.str("type") == Some("operation") {
            let op = c.operation(id, shape, &service_errors)?;
            let name = local(id).to_string();
            let t = shape.at("traits");
            if let Some(p) = t.get("smithy.api#paginated") {
                if let Some(p) = paginator(service_paginated, p) {
                    paginators.push((name.clone(), p));
                }
            }
            for (waiter, w) in t.at("smithy.waiters#waitable").members() {
                waiters.push((waiter.clone(), self::waiter(&name, w)));
            }
            operations.push((name, op));
        }
    }
    operations.sort_by(|a, b| a.0.cmp(&b.0));
    paginators.sort_by(|a, b| a.0.cmp(&b.0));
    waiters.sort_by(|a, b| a.0.cmp(&b.0));

    let mut metadata = Json::object();
    let service_name = local(service_id);
    if let Some(v) = service.str("version") {
        metadata.set("apiVersion", Json::string(v));
    }
    let aws = traits.at("aws.api#service");
    let sdk_id = aws.str("sdkId").unwrap_or(service_name);
    metadata.set("serviceId", Json::string(sdk_id));
    let endpoint_prefix = aws
        .str("endpointPrefix")
        .or_else(|| aws.str("arnNamespace"))
        .map(str::to_string)
        .unwrap_or_else(|| sdk_id.to_lowercase().replace(' ', ""));
    metadata.set("endpointPrefix", Json::string(endpoint_prefix.clone()));
    let signing = traits
        .at("aws.auth#sigv4")
        .str("name")
        .unwrap_or(&endpoint_prefix);
    metadata.set("signingName", Json::string(signing));
    if let Some(title) = traits.str("smithy.api#title") {
        metadata.set("serviceFullName", Json::string(title));
    }
    let protocols = Protocol::all(traits);
    if let Some(first) = protocols.first() {
        metadata.set("protocol", Json::string(first.botocore));
        if let Some(v) = first.json_version {
            metadata.set("jsonVersion", Json::string(v));
        }
    }
    metadata.set(
        "protocols",
        Json::Array(protocols.iter().map(|p| Json::string(p.botocore)).collect()),
    );
    metadata.set("targetPrefix", Json::string(service_name));
    if traits.get("aws.protocols#awsQueryCompatible").is_some() {
        metadata.set("awsQueryCompatible", Json::object());
    }
    if let Some(ns) = traits.at("smithy.api#xmlNamespace").str("uri") {
        metadata.set("xmlNamespace", Json::string(ns));
    }

    let mut botocore = Json::object();
    botocore.set("metadata", metadata);
    if let Some(doc) = traits.str("smithy.api#documentation") {
        botocore.set("documentation", Json::string(doc));
    }
    botocore.set("operations", Json::Object(operations));
    let mut out = std::mem::take(&mut c.out);
    out.sort_by(|a, b| a.0.cmp(&b.0));
    botocore.set("shapes", Json::Object(out));
    let mut model = Model::from_botocore(botocore, source)?;
    model.smithy = true;
    for (op, p) in paginators {
        crate::model::check_paginator(&p).map_err(|reason| Error::BadModel {
            at: format!("operation {op}, trait smithy.api#paginated"),
            reason,
        })?;
        model.paginators.push((op, p));
    }
    for (name, w) in waiters {
        crate::model::check_waiter(&w).map_err(|reason| Error::BadModel {
            at: format!("waiter {name} (smithy.waiters#waitable)"),
            reason,
        })?;
        model.waiters.push((name, w));
    }
    Ok(model)
}

/// An operation's `paginated` trait merged with the service's (the operation's members win),
/// in the form of `paginators-1.json`; `None` when it names no tokens (nothing to page).
fn paginator(service: &Json, operation: &Json) -> Option<Json> {
    let field = |key: &str| operation.get(key).or_else(|| service.get(key)).cloned();
    let mut p = Json::object();
    for (smithy, botocore) in [
        ("inputToken", "input_token"),
        ("outputToken", "output_token"),
        ("pageSize", "limit_key"),
        ("items", "result_key"),
    ] {
        if let Some(v) = field(smithy) {
            p.set(botocore, v);
        }
    }
    (p.get("input_token").is_some() && p.get("output_token").is_some()).then_some(p)
}

/// A waiter of the `smithy.waiters#waitable` trait of operation `op`, in the form of
/// `waiters-2.json`: `minDelay` (default 2) is `delay`, `maxDelay` (default 120) kept, no
/// `maxAttempts` (Smithy waiters are bounded by the caller's time, not a count). Matchers
/// become botocore's: `output` with `stringEquals` or `booleanEquals` is `path`,
/// `allStringEquals` `pathAll`, `anyStringEquals` `pathAny`; `success: true` is `error`
/// expecting `false` (no error), `errorType` is `error` with the code. An `inputOutput`
/// matcher (or anything else) keeps its own name, and the generator says it cannot express
/// it.
fn waiter(op: &str, w: &Json) -> Json {
    let mut out = Json::object();
    out.set("operation", Json::string(op));
    let number = |key: &str, default: u32| {
        w.get(key)
            .cloned()
            .unwrap_or_else(|| Json::Number(default.into()))
    };
    out.set("delay", number("minDelay", 2));
    out.set("maxDelay", number("maxDelay", 120));
    if let Some(d) = w.get("documentation") {
        out.set("description", d.clone());
    }
    let acceptors = w
        .at("acceptors")
        .items()
        .iter()
        .map(|a| {
            let mut b = Json::object();
            if let Some(state) = a.get("state") {
                b.set("state", state.clone());
            }
            let m = a.at("matcher");
            let (matcher, argument, expected) = if let Some(o) = m.get("output") {
                let expected = o.at("expected").clone();
                match o.str("comparator") {
                    Some("stringEquals") => ("path", o.get("path"), expected),
                    Some("booleanEquals") => {
                        let b = match expected.as_str() {
                            Some("true") => Json::Bool(true),
                            Some("false") => Json::Bool(false),
                            _ => expected,
                        };
                        ("path", o.get("path"), b)
                    }
                    Some("allStringEquals") => ("pathAll", o.get("path"), expected),
                    Some("anyStringEquals") => ("pathAny", o.get("path"), expected),
                    _ => ("output", None, expected),
                }
            } else if let Some(Json::Bool(success)) = m.get("success") {
                ("error", None, Json::Bool(!success))
            } else if let Some(e) = m.str("errorType") {
                ("error", None, Json::string(local(e)))
            } else {
                let kind = m.members().first().map_or("", |(k, _)| k.as_str());
                let kind = if kind == "inputOutput" {
                    "inputOutput"
                } else {
                    "unknown"
                };
                (kind, None, Json::Null)
            };
            b.set("matcher", Json::string(matcher));
            if let Some(arg) = argument {
                b.set("argument", arg.clone());
            }
            b.set("expected", expected);
            b
        })
        .collect();
    out.set("acceptors", Json::Array(acceptors));
    out
}

/// The local name of a shape ID: `com.amazonaws.gamelift#PlayerSession` -> `PlayerSession`.
fn local(id: &str) -> &str {
    let name = id.rsplit_once('#').map_or(id, |(_, n)| n);
    // A member ID (`Shape$member`) names its shape here.
    name.split('$').next().unwrap_or(name)
}

#[derive(Clone, Copy)]
struct Protocol {
    trait_id: &'static str,
    botocore: &'static str,
    json_version: Option<&'static str>,
    xml: bool,
}

const PROTOCOLS: &[Protocol] = &[
    Protocol {
        trait_id: "aws.protocols#awsJson1_0",
        botocore: "json",
        json_version: Some("1.0"),
        xml: false,
    },
    Protocol {
        trait_id: "aws.protocols#awsJson1_1",
        botocore: "json",
        json_version: Some("1.1"),
        xml: false,
    },
    Protocol {
        trait_id: "aws.protocols#restJson1",
        botocore: "rest-json",
        json_version: None,
        xml: false,
    },
    Protocol {
        trait_id: "aws.protocols#restXml",
        botocore: "rest-xml",
        json_version: None,
        xml: true,
    },
    Protocol {
        trait_id: "aws.protocols#awsQuery",
        botocore: "query",
        json_version: None,
        xml: true,
    },
    Protocol {
        trait_id: "aws.protocols#ec2Query",
        botocore: "ec2",
        json_version: None,
        xml: true,
    },
    Protocol {
        trait_id: "smithy.protocols#rpcv2Cbor",
        botocore: "smithy-rpc-v2-cbor",
        json_version: None,
        xml: false,
    },
];

impl Protocol {
    /// The service's protocols, in the order of its traits.
    fn all(traits: &Json) -> Vec<Protocol> {
        traits
            .members()
            .iter()
            .filter_map(|(t, _)| PROTOCOLS.iter().find(|p| p.trait_id == t).copied())
            .collect()
    }

    fn of(traits: &Json) -> Option<Protocol> {
        Protocol::all(traits).first().copied()
    }
}

#[derive(Default)]
struct Names {
    /// Local names of the model's own shapes.
    taken: HashSet<String>,
    /// Shape ID -> botocore name, for prelude shapes renamed to avoid a clash.
    renamed: HashMap<String, String>,
}

struct Converter<'a> {
    shapes: &'a [(String, Json)],
    names: Names,
    /// Whether `xmlName` (not `jsonName`) gives `locationName`.
    xml: bool,
    out: Vec<(String, Json)>,
    done: HashSet<String>,
    /// The restXml service's `xmlNamespace`.
    namespace: Option<Json>,
}

fn flag(value: bool) -> Json {
    Json::Bool(value)
}

impl<'a> Converter<'a> {
    fn find(&self, id: &str) -> Option<&'a Json> {
        let shapes: &'a [(String, Json)] = self.shapes;
        shapes.iter().find(|(i, _)| i == id).map(|(_, s)| s)
    }

    /// The botocore name of the shape `id`, converting it (and what it reaches) on first use.
    fn target(&mut self, id: &str) -> Result<String, Error> {
        let name = self.name_of(id);
        if self.done.insert(id.to_string()) {
            let shape = match self.find(id) {
                Some(s) => self.shape(id, s)?,
                None => prelude(id).ok_or_else(|| Error::BadModel {
                    at: format!("shape {id}"),
                    reason: "referenced but not defined (and not a Smithy prelude shape)".into(),
                })?,
            };
            self.out.push((name.clone(), shape));
        }
        Ok(name)
    }

    fn name_of(&mut self, id: &str) -> String {
        if let Some(n) = self.names.renamed.get(id) {
            return n.clone();
        }
        let name = local(id).to_string();
        if id.starts_with("smithy.api#") && self.names.taken.contains(&name) {
            let mut renamed = format!("Smithy{name}");
            while self.names.taken.contains(&renamed) {
                renamed.push('_');
            }
            self.names.taken.insert(renamed.clone());
            self.names.renamed.insert(id.to_string(), renamed.clone());
            return renamed;
        }
        name
    }

    fn operation(&mut self, id: &str, op: &Json, service_errors: &[&str]) -> Result<Json, Error> {
        let t = op.at("traits");
        let mut o = Json::object();
        o.set("name", Json::string(local(id)));
        let http = t.at("smithy.api#http");
        if let Some(method) = http.str("method") {
            let mut h = Json::object();
            h.set("method", Json::string(method));
            h.set("requestUri", Json::string(http.str("uri").unwrap_or("/")));
            if let Some(code) = http.get("code") {
                h.set("responseCode", code.clone());
            }
            o.set("http", h);
        }
        for key in ["input", "output"] {
            let Some(target) = op.at(key).str("target") else {
                continue;
            };
            if target == "smithy.api#Unit" {
                continue;
            }
            let name = self.target(target)?;
            let mut r = Json::object();
            r.set("shape", Json::string(name));
            if key == "input" && self.xml {
                if let Some(x) = self
                    .find(target)
                    .and_then(|s| s.at("traits").str("smithy.api#xmlName"))
                {
                    r.set("locationName", Json::string(x));
                }
            }
            o.set(key, r);
        }
        let mut errors = Vec::new();
        let own = op
            .at("errors")
            .items()
            .iter()
            .filter_map(|e| e.str("target"));
        for e in own.chain(service_errors.iter().copied()) {
            let name = self.target(e)?;
            let mut r = Json::object();
            r.set("shape", Json::string(name));
            if !errors.contains(&r) {
                errors.push(r);
            }
        }
        if !errors.is_empty() {
            o.set("errors", Json::Array(errors));
        }
        if let Some(d) = t.str("smithy.api#documentation") {
            o.set("documentation", Json::string(d));
        }
        if let Some(p) = t.at("smithy.api#endpoint").str("hostPrefix") {
            let mut e = Json::object();
            e.set("hostPrefix", Json::string(p));
            o.set("endpoint", e);
        }
        if t.get("smithy.api#httpChecksumRequired").is_some() {
            o.set("httpChecksumRequired", flag(true));
        }
        if let Some(c) = t.get("aws.protocols#httpChecksum") {
            o.set("httpChecksum", c.clone());
        }
        if let Some(c) = t.get("smithy.api#requestCompression") {
            o.set("requestcompression", c.clone());
        }
        if matches!(t.get("smithy.api#auth"), Some(Json::Array(a)) if a.is_empty())
            || t.get("smithy.api#optionalAuth").is_some()
        {
            o.set("authtype", Json::string("none"));
        }
        Ok(o)
    }

    fn shape(&mut self, id: &str, s: &Json) -> Result<Json, Error> {
        let kind = s.str("type").unwrap_or("");
        let t = s.at("traits");
        let mut out = Json::object();
        let botocore_type = match kind {
            "enum" => "string",
            "intEnum" => "integer",
            "union" | "structure" | "document" => "structure",
            "set" => "list",
            "service" | "operation" | "resource" => {
                return Err(Error::BadModel {
                    at: format!("shape {id}"),
                    reason: format!("a {kind} used as a member's target"),
                })
            }
            other => other,
        };
        out.set("type", Json::string(botocore_type));
        match kind {
            "structure" | "union" => {
                let mut members = Vec::new();
                let mut required = Vec::new();
                for (name, m) in s.at("members").members() {
                    let target = m.str("target").ok_or_else(|| Error::BadModel {
                        at: format!("shape {id}, member {name}"),
                        reason: "no \"target\"".into(),
                    })?;
                    let mt = m.at("traits");
                    if mt.get("smithy.api#required").is_some() {
                        required.push(Json::string(name.clone()));
                    }
                    if mt.get("smithy.api#httpPayload").is_some() {
                        out.set("payload", Json::string(name.clone()));
                    }
                    let mut member = self.member(target, mt)?;
                    // Clients treat every member of an `@input` structure as optional, and
                    // `@clientOptional` members too: their defaults are the service's. (A
                    // `@required` member stays required either way, as botocore has it: the
                    // client checks it before sending.)
                    let client_optional = mt.get("smithy.api#clientOptional").is_some();
                    let input = t.get("smithy.api#input").is_some();
                    match mt.get("smithy.api#default") {
                        Some(Json::Null) | None => {}
                        Some(_) if input || client_optional || kind != "structure" => {}
                        Some(value) => member.set("default", value.clone()),
                    }
                    if let Some(ns) = self.payload_namespace(target, mt, &member) {
                        member.set("xmlNamespace", ns);
                    }
                    members.push((name.clone(), member));
                }
                if !required.is_empty() && kind == "structure" {
                    out.set("required", Json::Array(required));
                }
                out.set("members", Json::Object(members));
                if kind == "union" {
                    out.set("union", flag(true));
                    if t.get("smithy.api#streaming").is_some() {
                        out.set("eventstream", flag(true));
                    }
                }
            }
            "document" => {
                out.set("document", flag(true));
            }
            "list" | "set" => {
                let m = s.at("member");
                let target = m.str("target").unwrap_or("smithy.api#String");
                let member = self.member(target, m.at("traits"))?;
                out.set("member", member);
            }
            "map" => {
                for part in ["key", "value"] {
                    let m = s.at(part);
                    let target = m.str("target").unwrap_or("smithy.api#String");
                    let member = self.member(target, m.at("traits"))?;
                    out.set(part, member);
                }
            }
            "enum" => {
                let values: Vec<Json> = s
                    .at("members")
                    .members()
                    .iter()
                    .map(|(name, m)| {
                        Json::string(
                            m.at("traits")
                                .str("smithy.api#enumValue")
                                .unwrap_or(name.as_str()),
                        )
                    })
                    .collect();
                out.set("enum", Json::Array(values));
            }
            "intEnum" => {
                let values: Vec<(String, Json)> = s
                    .at("members")
                    .members()
                    .iter()
                    .filter_map(|(name, m)| {
                        Some((
                            name.clone(),
                            m.at("traits").get("smithy.api#enumValue")?.clone(),
                        ))
                    })
                    .collect();
                out.set("intEnum", Json::Object(values));
            }
            _ => {}
        }
        // Smithy 1.0 enums: a string with the enum trait.
        if let Some(Json::Array(defs)) = t.get("smithy.api#enum") {
            let values: Vec<Json> = defs
                .iter()
                .filter_map(|d| d.str("value").map(Json::string))
                .collect();
            out.set("enum", Json::Array(values));
        }
        for (key, value) in t.members() {
            match key.as_str() {
                "smithy.api#documentation" => out.set("documentation", value.clone()),
                "smithy.api#sensitive" => out.set("sensitive", flag(true)),
                "smithy.api#sparse" => out.set("sparse", flag(true)),
                "smithy.api#streaming" if kind == "blob" => out.set("streaming", flag(true)),
                "smithy.api#pattern" => out.set("pattern", value.clone()),
                "smithy.api#length" | "smithy.api#range" => {
                    for bound in ["min", "max"] {
                        if let Some(n) = value.get(bound) {
                            out.set(bound, n.clone());
                        }
                    }
                }
                "smithy.api#timestampFormat" => {
                    if let Some(f) = value.as_str().and_then(timestamp_format) {
                        out.set("timestampFormat", Json::string(f));
                    }
                }
                "smithy.api#xmlName" if self.xml => out.set("locationName", value.clone()),
                "smithy.api#xmlNamespace" => out.set("xmlNamespace", value.clone()),
                "smithy.api#xmlFlattened" => out.set("flattened", flag(true)),
                "smithy.api#error" => {
                    out.set("exception", flag(true));
                    if value.as_str() == Some("server") {
                        out.set("fault", flag(true));
                    }
                }
                _ => {}
            }
        }
        if t.get("smithy.api#error").is_some() {
            let mut e = Json::object();
            if let Some(q) = t.get("aws.protocols#awsQueryError") {
                if let Some(code) = q.str("code") {
                    e.set("code", Json::string(code));
                }
                if let Some(status) = q.get("httpResponseCode") {
                    e.set("httpStatusCode", status.clone());
                }
            }
            if let Some(status) = t.get("smithy.api#httpError") {
                e.set("httpStatusCode", status.clone());
            }
            if e != Json::object() {
                e.set(
                    "senderFault",
                    flag(t.str("smithy.api#error") != Some("server")),
                );
                out.set("error", e);
            }
        }
        Ok(out)
    }

    /// The service's XML namespace for a structure sent as a restXml payload (botocore puts it
    /// on the member: S3's `<CreateBucketConfiguration xmlns="...">`).
    fn payload_namespace(&self, target: &str, traits: &Json, member: &Json) -> Option<Json> {
        let structure = self
            .find(target)
            .is_some_and(|s| matches!(s.str("type"), Some("structure" | "union")));
        let own = self
            .find(target)
            .is_some_and(|s| s.at("traits").get("smithy.api#xmlNamespace").is_some());
        (traits.get("smithy.api#httpPayload").is_some()
            && structure
            && !own
            && member.get("xmlNamespace").is_none())
        .then(|| self.namespace.clone())
        .flatten()
    }

    /// A structure member, list member or map key or value: its target and member traits.
    fn member(&mut self, target: &str, t: &Json) -> Result<Json, Error> {
        let name = self.target(target)?;
        let mut m = Json::object();
        m.set("shape", Json::string(name));
        for (key, value) in t.members() {
            match key.as_str() {
                "smithy.api#documentation" => m.set("documentation", value.clone()),
                "smithy.api#httpHeader" => {
                    m.set("location", Json::string("header"));
                    m.set("locationName", value.clone());
                }
                "smithy.api#httpPrefixHeaders" => {
                    m.set("location", Json::string("headers"));
                    m.set("locationName", value.clone());
                }
                "smithy.api#httpQuery" => {
                    m.set("location", Json::string("querystring"));
                    m.set("locationName", value.clone());
                }
                "smithy.api#httpQueryParams" => m.set("location", Json::string("querystring")),
                "smithy.api#httpLabel" => m.set("location", Json::string("uri")),
                "smithy.api#httpResponseCode" => m.set("location", Json::string("statusCode")),
                "smithy.api#jsonName" if !self.xml => m.set("locationName", value.clone()),
                "smithy.api#xmlName" if self.xml => m.set("locationName", value.clone()),
                "smithy.api#xmlAttribute" => m.set("xmlAttribute", flag(true)),
                "smithy.api#xmlFlattened" => m.set("flattened", flag(true)),
                "smithy.api#xmlNamespace" => m.set("xmlNamespace", value.clone()),
                "aws.protocols#ec2QueryName" => m.set("queryName", value.clone()),
                "smithy.api#idempotencyToken" => m.set("idempotencyToken", flag(true)),
                "smithy.api#hostLabel" => m.set("hostLabel", flag(true)),
                "smithy.api#sensitive" => m.set("sensitive", flag(true)),
                "smithy.api#timestampFormat" => {
                    if let Some(f) = value.as_str().and_then(timestamp_format) {
                        m.set("timestampFormat", Json::string(f));
                    }
                }
                _ => {}
            }
        }
        let json_header = self.find(target).is_some_and(|s| {
            s.at("traits").str("smithy.api#mediaType") == Some("application/json")
        });
        if json_header {
            m.set("jsonvalue", flag(true));
        }
        Ok(m)
    }
}

fn timestamp_format(smithy: &str) -> Option<&'static str> {
    Some(match smithy {
        "date-time" => "iso8601",
        "http-date" => "rfc822",
        "epoch-seconds" => "unixTimestamp",
        _ => return None,
    })
}

/// A shape of the Smithy prelude, in botocore's form.
fn prelude(id: &str) -> Option<Json> {
    let name = id.strip_prefix("smithy.api#")?;
    let kind = match name {
        "String" => "string",
        "Blob" => "blob",
        "Boolean" | "PrimitiveBoolean" => "boolean",
        "Byte" | "PrimitiveByte" => "byte",
        "Short" | "PrimitiveShort" => "short",
        "Integer" | "PrimitiveInteger" => "integer",
        "Long" | "PrimitiveLong" => "long",
        "Float" | "PrimitiveFloat" => "float",
        "Double" | "PrimitiveDouble" => "double",
        "BigInteger" => "bigInteger",
        "BigDecimal" => "bigDecimal",
        "Timestamp" => "timestamp",
        "Document" => {
            let mut s = Json::object();
            s.set("type", Json::string("structure"));
            s.set("members", Json::object());
            s.set("document", flag(true));
            return Some(s);
        }
        "Unit" => {
            let mut s = Json::object();
            s.set("type", Json::string("structure"));
            s.set("members", Json::object());
            return Some(s);
        }
        _ => return None,
    };
    let mut s = Json::object();
    s.set("type", Json::string(kind));
    Some(s)
}
