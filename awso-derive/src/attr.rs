//! `#[aws(...)]` attributes: parsed into [`Attrs`], one per container, field or variant.
//!
//! One parser serves the three levels; each key says where it may appear, so a misplaced key
//! gets a message naming where it belongs, and an unknown one a did-you-mean.

use crate::case::{RenameRule, RULES};
use crate::ctxt::Ctxt;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitInt, LitStr};

/// Where an attribute is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Level {
    Container,
    Field,
    Variant,
}

impl Level {
    fn describe(self) -> &'static str {
        match self {
            Level::Container => "a type",
            Level::Field => "a field",
            Level::Variant => "a variant",
        }
    }
}

const C: u8 = 1;
const F: u8 = 2;
const V: u8 = 4;

/// Every key, with the levels it is allowed at.
const KEYS: &[(&str, u8)] = &[
    ("rename", C | F | V),
    ("rename_all", C),
    ("json_name", F | V),
    ("xml_name", C | F | V),
    ("query_name", F | V),
    ("item_name", F | V),
    ("key_name", F | V),
    ("value_name", F | V),
    ("xml_namespace", C | F),
    ("item_namespace", F | V),
    ("key_namespace", F | V),
    ("value_namespace", F | V),
    ("items", F | V),
    ("timestamp_format", F | V),
    ("flattened", F),
    ("xml_attribute", F),
    ("sensitive", C | F | V),
    ("required", F),
    ("default", F),
    ("unknown", V),
    ("value", V),
    ("error", C),
    ("errors", C),
    ("crate", C),
    ("header", F),
    ("prefix_headers", F),
    ("label", F),
    ("query", F),
    ("query_params", F),
    ("payload", F),
    ("response_code", F),
    ("host_label", F),
    ("media_type", F),
    ("length", C | F),
    ("range", C | F),
    ("pattern", C | F),
    ("idempotency_token", F),
];

fn bit(level: Level) -> u8 {
    match level {
        Level::Container => C,
        Level::Field => F,
        Level::Variant => V,
    }
}

/// A string value with the span of its literal.
#[derive(Clone, Debug)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// `#[aws(error(code = "...", status = 400, fault = "client", query_code = "..."))]`
#[derive(Clone, Debug, Default)]
pub struct ErrorAttr {
    pub code: Option<String>,
    pub status: Option<u16>,
    pub server_fault: Option<bool>,
    pub query_code: Option<String>,
}

/// `#[aws(xml_namespace(uri = "...", prefix = "..."))]`
#[derive(Clone, Debug)]
pub struct Namespace {
    pub uri: String,
    pub prefix: Option<String>,
}

/// The `#[aws(...)]` attributes of one item.
#[derive(Default)]
pub struct Attrs {
    pub rename: Option<Spanned<String>>,
    pub rename_all: Option<RenameRule>,
    pub json_name: Option<String>,
    pub xml_name: Option<String>,
    pub query_name: Option<String>,
    pub item_name: Option<String>,
    pub key_name: Option<String>,
    pub value_name: Option<String>,
    pub xml_namespace: Option<Namespace>,
    /// `item_namespace(...)` on a list or `value_namespace(...)` on a map.
    pub item_namespace: Option<Namespace>,
    /// `key_namespace(...)` on a map.
    pub key_namespace: Option<Namespace>,
    /// `items(...)`: how the items of a list (values of a map) name their own items.
    pub items: Option<Box<Attrs>>,
    pub timestamp_format: Option<String>,
    pub flattened: bool,
    pub xml_attribute: bool,
    pub sensitive: bool,
    pub required: bool,
    pub default: bool,
    pub unknown: Option<Span>,
    pub value: Option<i32>,
    pub error: Option<Spanned<ErrorAttr>>,
    pub errors: Option<Span>,
    pub krate: Option<syn::Path>,
    /// An HTTP binding: (kind, name, span).
    pub location: Option<(&'static str, Option<String>, Span)>,
    pub media_type: Option<String>,
    /// `length(min = .., max = ..)`
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `range(min = .., max = ..)`
    pub range: Option<(Option<f64>, Option<f64>)>,
    /// `pattern = ".."`
    pub pattern: Option<String>,
    /// `idempotency_token`: filled with a fresh UUID when unset.
    pub idempotency_token: bool,
    /// `host_label`: fills a label of the operation's host prefix (besides its binding).
    pub host_label: bool,
}

/// The closest known key to `word`, if one is close enough to be a likely typo.
fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

fn lit_str(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    meta.value()?.parse::<LitStr>()
}

/// Parses every `#[aws(...)]` among `attrs` for an item at `level`.
pub fn parse(cx: &Ctxt, attrs: &[Attribute], level: Level) -> Attrs {
    let mut out = Attrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("aws")) {
        if let syn::Meta::Path(_) = attr.meta {
            cx.error_spanned_by(attr, "expected `#[aws(...)]` with at least one key");
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            let Some(ident) = meta.path.get_ident() else {
                return Err(meta.error("expected a key such as `rename`"));
            };
            let key = ident.to_string();
            let Some(&(_, levels)) = KEYS.iter().find(|(k, _)| *k == key) else {
                let allowed = KEYS
                    .iter()
                    .filter(|(_, l)| l & bit(level) != 0)
                    .map(|(k, _)| *k);
                let msg = match did_you_mean(&key, allowed.clone()) {
                    Some(guess) => {
                        format!("unknown aws attribute `{key}`; did you mean `{guess}`?")
                    }
                    None => format!(
                        "unknown aws attribute `{key}`; expected one of: {}",
                        allowed.collect::<Vec<_>>().join(", ")
                    ),
                };
                cx.error_spanned_by(&meta.path, msg);
                return skip_value(&meta);
            };
            if levels & bit(level) == 0 {
                let places: Vec<_> = [Level::Container, Level::Field, Level::Variant]
                    .into_iter()
                    .filter(|l| levels & bit(*l) != 0)
                    .map(|l| l.describe())
                    .collect();
                cx.error_spanned_by(
                    &meta.path,
                    format!(
                        "`{key}` cannot be used on {}; it belongs on {}",
                        level.describe(),
                        places.join(" or ")
                    ),
                );
                return skip_value(&meta);
            }
            parse_key(cx, &mut out, &key, &meta)
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    out
}

/// Parses `(min = N, max = N)`; either bound may be left out, at least one is needed.
fn bounds(cx: &Ctxt, meta: &ParseNestedMeta, key: &str) -> syn::Result<(Option<f64>, Option<f64>)> {
    let (mut min, mut max) = (None, None);
    meta.parse_nested_meta(|inner| {
        let slot = if inner.path.is_ident("min") {
            &mut min
        } else if inner.path.is_ident("max") {
            &mut max
        } else {
            cx.error_spanned_by(&inner.path, "expected `min` or `max`");
            return skip_value(&inner);
        };
        let expr: syn::Expr = inner.value()?.parse()?;
        let (negative, lit) = match &expr {
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => (true, &*u.expr),
            e => (false, e),
        };
        let value = match lit {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(i),
                ..
            }) => i.base10_parse::<f64>()?,
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Float(f),
                ..
            }) => f.base10_parse::<f64>()?,
            _ => return Err(syn::Error::new_spanned(&expr, "expected a number")),
        };
        *slot = Some(if negative { -value } else { value });
        Ok(())
    })?;
    if min.is_none() && max.is_none() {
        cx.error_spanned_by(&meta.path, format!("`{key}` needs `min`, `max` or both"));
    }
    if let (Some(a), Some(b)) = (min, max) {
        if a > b {
            cx.error_spanned_by(&meta.path, format!("`{key}` has min > max"));
        }
    }
    Ok((min, max))
}

/// Consumes `= value` or `(...)` after a key that is being rejected, so parsing goes on.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| skip_value(&inner))?;
    }
    Ok(())
}

/// The keys `items(...)` takes: the names and namespaces one level down.
const ITEM_KEYS: &[&str] = &[
    "item_name",
    "key_name",
    "value_name",
    "item_namespace",
    "key_namespace",
    "value_namespace",
    "items",
];

/// Parses `(uri = "...", prefix = "...")` after a namespace key.
fn namespace(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    key: &str,
    span: Span,
) -> syn::Result<Option<Namespace>> {
    let mut uri = None;
    let mut prefix = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("uri") {
            uri = Some(lit_str(&inner)?.value());
        } else if inner.path.is_ident("prefix") {
            prefix = Some(lit_str(&inner)?.value());
        } else {
            cx.error_spanned_by(&inner.path, "expected `uri` or `prefix`");
            skip_value(&inner)?;
        }
        Ok(())
    })?;
    if uri.is_none() {
        cx.error_at(span, format!("`{key}` needs `uri = \"...\"`"));
    }
    Ok(uri.map(|uri| Namespace { uri, prefix }))
}

fn parse_key(cx: &Ctxt, out: &mut Attrs, key: &str, meta: &ParseNestedMeta) -> syn::Result<()> {
    let span = meta
        .path
        .get_ident()
        .map_or_else(Span::call_site, |i| i.span());
    match key {
        "rename" => {
            let s = lit_str(meta)?;
            out.rename = Some(Spanned {
                value: s.value(),
                span: s.span(),
            });
        }
        "rename_all" => {
            let s = lit_str(meta)?;
            match RenameRule::by_name(&s.value()) {
                Some(rule) => out.rename_all = Some(rule),
                None => {
                    let names = RULES.iter().map(|(n, _)| *n);
                    let msg = match did_you_mean(&s.value(), names.clone()) {
                        Some(g) => {
                            format!("unknown rename rule `{}`; did you mean `{g}`?", s.value())
                        }
                        None => format!(
                            "unknown rename rule `{}`; expected one of: {}",
                            s.value(),
                            names.collect::<Vec<_>>().join(", ")
                        ),
                    };
                    cx.error_spanned_by(&s, msg);
                }
            }
        }
        "json_name" => out.json_name = Some(lit_str(meta)?.value()),
        "xml_name" => out.xml_name = Some(lit_str(meta)?.value()),
        "query_name" => out.query_name = Some(lit_str(meta)?.value()),
        "item_name" => out.item_name = Some(lit_str(meta)?.value()),
        "key_name" => out.key_name = Some(lit_str(meta)?.value()),
        "value_name" => out.value_name = Some(lit_str(meta)?.value()),
        "timestamp_format" => {
            let s = lit_str(meta)?;
            const FORMATS: [&str; 3] = ["date-time", "http-date", "epoch-seconds"];
            if FORMATS.contains(&s.value().as_str()) {
                out.timestamp_format = Some(s.value());
            } else {
                let msg = match did_you_mean(&s.value(), FORMATS.into_iter()) {
                    Some(g) => format!("unknown timestamp format `{}`; did you mean `{g}`?", s.value()),
                    None => format!(
                        "unknown timestamp format `{}`; expected \"date-time\", \"http-date\" or \"epoch-seconds\"",
                        s.value()
                    ),
                };
                cx.error_spanned_by(&s, msg);
            }
        }
        "xml_namespace" => out.xml_namespace = namespace(cx, meta, key, span)?,
        "item_namespace" | "value_namespace" => {
            out.item_namespace = namespace(cx, meta, key, span)?;
        }
        "key_namespace" => out.key_namespace = namespace(cx, meta, key, span)?,
        "items" => {
            let mut items = Attrs::default();
            meta.parse_nested_meta(|inner| {
                let key = inner
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                if !ITEM_KEYS.contains(&key.as_str()) {
                    cx.error_spanned_by(
                        &inner.path,
                        format!(
                            "`{key}` cannot be used in `items(...)`; expected one of: {}",
                            ITEM_KEYS.join(", ")
                        ),
                    );
                    return skip_value(&inner);
                }
                parse_key(cx, &mut items, &key, &inner)
            })?;
            out.items = Some(Box::new(items));
        }
        "flattened" => out.flattened = true,
        "xml_attribute" => out.xml_attribute = true,
        "sensitive" => out.sensitive = true,
        "required" => out.required = true,
        "default" => out.default = true,
        "unknown" => out.unknown = Some(span),
        "errors" => out.errors = Some(span),
        "value" => out.value = Some(meta.value()?.parse::<LitInt>()?.base10_parse()?),
        "crate" => out.krate = Some(lit_str(meta)?.parse()?),
        "media_type" => out.media_type = Some(lit_str(meta)?.value()),
        "pattern" => out.pattern = Some(lit_str(meta)?.value()),
        "idempotency_token" => out.idempotency_token = true,
        "host_label" => out.host_label = true,
        "length" => {
            let (min, max) = bounds(cx, meta, key)?;
            let whole = |b: Option<f64>| {
                b.filter(|v| *v >= 0.0 && v.fract() == 0.0)
                    .map(|v| v as u64)
            };
            if min.is_some_and(|v| whole(Some(v)).is_none())
                || max.is_some_and(|v| whole(Some(v)).is_none())
            {
                cx.error_at(span, "`length` bounds are non-negative integers");
            }
            out.length = Some((whole(min), whole(max)));
        }
        "range" => out.range = Some(bounds(cx, meta, key)?),
        "header" | "prefix_headers" | "query" | "label" | "query_params" | "payload"
        | "response_code" => {
            let kind: &'static str = KEYS.iter().find(|(k, _)| *k == key).map_or("", |(k, _)| k);
            let name = if kind == "label" && meta.input.peek(syn::Token![=]) {
                Some(lit_str(meta)?.value())
            } else if matches!(kind, "header" | "prefix_headers" | "query") {
                let s = lit_str(meta)?;
                // An empty prefix is allowed: `prefix_headers = ""` binds every header.
                if s.value().is_empty() && kind != "prefix_headers" {
                    cx.error_spanned_by(&s, format!("`{kind}` needs a non-empty name"));
                }
                Some(s.value())
            } else {
                None
            };
            if let Some((other, _, _)) = &out.location {
                cx.error_at(
                    span,
                    format!("a member has one HTTP binding; it already has `{other}`"),
                );
            }
            out.location = Some((kind, name, span));
        }
        "error" => {
            let mut e = ErrorAttr::default();
            if meta.input.peek(syn::token::Paren) {
                meta.parse_nested_meta(|inner| {
                    let k = inner.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
                    match k.as_str() {
                        "code" => e.code = Some(lit_str(&inner)?.value()),
                        "query_code" => e.query_code = Some(lit_str(&inner)?.value()),
                        "status" => {
                            let lit = inner.value()?.parse::<LitInt>()?;
                            let status: u16 = lit.base10_parse()?;
                            if !(100..=599).contains(&status) {
                                cx.error_spanned_by(&lit, "HTTP status must be between 100 and 599");
                            }
                            e.status = Some(status);
                        }
                        "fault" => {
                            let s = lit_str(&inner)?;
                            match s.value().as_str() {
                                "client" => e.server_fault = Some(false),
                                "server" => e.server_fault = Some(true),
                                _ => cx.error_spanned_by(&s, "expected \"client\" or \"server\""),
                            }
                        }
                        _ => {
                            let keys = ["code", "status", "fault", "query_code"];
                            let msg = match did_you_mean(&k, keys.into_iter()) {
                                Some(g) => format!("unknown error key `{k}`; did you mean `{g}`?"),
                                None => format!("unknown error key `{k}`; expected code, status, fault or query_code"),
                            };
                            cx.error_spanned_by(&inner.path, msg);
                            skip_value(&inner)?;
                        }
                    }
                    Ok(())
                })?;
            }
            out.error = Some(Spanned { value: e, span });
        }
        _ => unreachable!("every key of KEYS is handled"),
    }
    Ok(())
}
