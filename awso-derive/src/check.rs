//! Validation: what the attributes and declarations must satisfy together. Every problem is
//! reported at the token that causes it.

use crate::attr::Attrs;
use crate::case::RenameRule;
use crate::ctxt::Ctxt;
use crate::model::{Container, Data, Variant};
use quote::ToTokens;
use std::collections::HashMap;
use syn::{Fields, Type};

/// Decides what kind of shape an enum is, from its variants' forms.
pub fn classify_enum<'a>(
    cx: &Ctxt,
    attrs: &Attrs,
    rule: RenameRule,
    variants: Vec<(&'a syn::Variant, Attrs)>,
) -> Option<Data<'a>> {
    let mut unknown: Option<&'a syn::Variant> = None;
    let mut known = Vec::new();
    for (v, vattrs) in variants {
        if let Some(span) = vattrs.unknown {
            if unknown.is_some() {
                cx.error_at(span, "only one variant can be `#[aws(unknown)]`");
            } else {
                unknown = Some(v);
            }
        } else {
            known.push(Variant::new(v, vattrs, rule));
        }
    }
    let unknown_ident = unknown.map(|v| &v.ident);

    if attrs.errors.is_some() {
        for v in &known {
            if v.ty.is_none() {
                cx.error_spanned_by(
                    v.ident,
                    format!(
                        "a variant of an `#[aws(errors)]` enum wraps one error shape, like `{0}({0})`",
                        v.ident
                    ),
                );
            }
        }
        if let Some(u) = unknown {
            let ok = match &u.fields {
                Fields::Named(n) => {
                    let names: Vec<String> = n
                        .named
                        .iter()
                        .map(|f| f.ident.as_ref().map(|i| i.to_string()).unwrap_or_default())
                        .collect();
                    names == ["code", "message"]
                        && last_ident(&n.named[0].ty).as_deref() == Some("String")
                        && crate::model::option_inner(&n.named[1].ty).is_some()
                }
                _ => false,
            };
            if !ok {
                cx.error_spanned_by(
                    &u.fields,
                    "the `#[aws(unknown)]` variant of an errors enum must be `Unknown { code: String, message: Option<String> }`",
                );
            }
        }
        return Some(Data::Errors(known, unknown_ident));
    }

    if known.is_empty() {
        cx.error_at(
            unknown.map_or_else(proc_macro2::Span::call_site, |u| u.ident.span()),
            "an AWS enum needs at least one known variant",
        );
        return None;
    }

    if known.iter().all(|v| v.unit) {
        let int = known.iter().any(|v| v.attrs.value.is_some());
        if int {
            for v in &known {
                if v.attrs.value.is_none() {
                    cx.error_spanned_by(
                        v.ident,
                        "every variant of an int enum needs `#[aws(value = N)]`",
                    );
                }
            }
            let values = known
                .iter()
                .filter_map(|v| Some((v.attrs.value?.to_string(), v.ident)));
            check_distinct(cx, values, "value");
        } else {
            check_distinct(
                cx,
                known.iter().map(|v| (v.name.clone(), v.ident)),
                "enum value",
            );
        }
        let want = if int { "i32" } else { "String" };
        if let Some(u) = unknown {
            let ok = match &u.fields {
                Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                    last_ident(&f.unnamed[0].ty).as_deref() == Some(want)
                }
                _ => false,
            };
            if !ok {
                let what = if int { "an int" } else { "a string" };
                let tokens = match u.fields {
                    Fields::Unit => u.ident.to_token_stream(),
                    _ => u.fields.to_token_stream(),
                };
                cx.error_spanned_by(
                    tokens,
                    format!(
                        "the `#[aws(unknown)]` variant of {what} enum keeps the unknown value: `{}({want})`",
                        u.ident
                    ),
                );
            }
        }
        return Some(if int {
            Data::IntEnum(known, unknown_ident)
        } else {
            Data::StringEnum(known, unknown_ident)
        });
    }

    // A union: every known variant wraps one member value.
    let mut ok = true;
    for v in &known {
        if v.ty.is_none() {
            cx.error_spanned_by(
                v.ident,
                "mixed variants: an AWS enum has only unit variants (a string or int enum) or only one-field variants (a union)",
            );
            ok = false;
        }
        if v.attrs.value.is_some() {
            cx.error_spanned_by(v.ident, "`value` is for int enums, not union members");
        }
    }
    if let Some(u) = unknown {
        if !matches!(u.fields, Fields::Unit) {
            cx.error_spanned_by(
                &u.fields,
                format!(
                    "the `#[aws(unknown)]` variant of a union carries no data: `{}`",
                    u.ident
                ),
            );
        }
    }
    check_distinct(
        cx,
        known.iter().map(|v| (v.name.clone(), v.ident)),
        "member name",
    );
    ok.then_some(Data::Union(known, unknown_ident))
}

fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Reports every name used twice, at its second use.
fn check_distinct<'a>(
    cx: &Ctxt,
    names: impl Iterator<Item = (String, &'a syn::Ident)>,
    what: &str,
) {
    let mut seen = HashMap::new();
    for (name, ident) in names {
        if let Some(first) = seen.insert(name.clone(), ident) {
            cx.error_spanned_by(
                ident,
                format!("{what} `{name}` is already used by `{first}`"),
            );
        }
    }
}

/// Checks what the model must satisfy as a whole.
pub fn check(cx: &Ctxt, cont: &Container) {
    let generics = &cont.input.generics;
    if !generics.params.is_empty() || generics.where_clause.is_some() {
        cx.error_spanned_by(
            generics,
            "AwsShape cannot be derived for generic or lifetime-parameterised types; AWS shapes are concrete",
        );
    }
    let a = &cont.attrs;
    let is_struct = matches!(cont.data, Data::Struct(_));
    if let Some(e) = &a.error {
        if !is_struct {
            cx.error_at(
                e.span,
                "`error` marks a structure as an error shape; use it on a struct with named fields",
            );
        }
    }
    if let Some(span) = a.errors {
        if !matches!(cont.data, Data::Errors(..)) {
            cx.error_at(
                span,
                "`errors` marks an enum of error shapes; use it on an enum",
            );
        }
    }
    if !matches!(cont.data, Data::Newtype(_)) {
        for (set, key) in [
            (a.length.is_some(), "length"),
            (a.range.is_some(), "range"),
            (a.pattern.is_some(), "pattern"),
        ] {
            if set {
                cx.error_spanned_by(
                    cont.ident,
                    format!("`{key}` on a type constrains a newtype's value; put it on the fields of a structure"),
                );
            }
        }
    }
    if a.rename_all.is_some() && matches!(cont.data, Data::Newtype(_)) {
        cx.error_spanned_by(cont.ident, "`rename_all` has no effect on a newtype");
    }
    match &cont.data {
        Data::Struct(fields) => {
            for f in fields {
                check_type(cx, f.ty);
                if f.attrs.idempotency_token
                    && !(f.optional
                        && matches!(crate::check::last_ident(f.inner).as_deref(), Some("String")))
                {
                    cx.error_spanned_by(
                        f.ty,
                        "`idempotency_token` is for `Option<String>` members",
                    );
                }
                if f.attrs.default && f.optional {
                    cx.error_spanned_by(f.ty, "`default` is for required (non-Option) fields");
                }
                if f.attrs.flattened && f.attrs.xml_attribute {
                    cx.error_spanned_by(
                        f.ident,
                        "a member cannot be both `flattened` and an `xml_attribute`",
                    );
                }
            }
            check_distinct(
                cx,
                fields.iter().map(|f| (f.name.clone(), f.ident)),
                "member name",
            );
            check_http_bindings(cx, fields);
        }
        Data::Newtype(ty) => check_type(cx, ty),
        Data::Union(vs, _) => {
            for v in vs {
                if let Some(ty) = v.ty {
                    check_type(cx, ty);
                }
            }
        }
        Data::Errors(..) | Data::StringEnum(..) | Data::IntEnum(..) => {}
    }
}

/// HTTP bindings: one payload at most, and then no other body member; maps where a map of
/// headers or query parameters is bound; an integer status code.
fn check_http_bindings(cx: &Ctxt, fields: &[crate::model::Field]) {
    let kind = |f: &crate::model::Field| f.attrs.location.as_ref().map(|(k, _, _)| *k);
    let payloads: Vec<_> = fields
        .iter()
        .filter(|f| kind(f) == Some("payload"))
        .collect();
    for extra in payloads.iter().skip(1) {
        cx.error_spanned_by(extra.ident, "only one member can be the `payload`");
    }
    if let Some(payload) = payloads.first() {
        for f in fields.iter().filter(|f| kind(f).is_none()) {
            cx.error_spanned_by(
                f.ident,
                format!(
                    "`{}` is the payload, so every other member must be bound to a header, label, query parameter or the status code",
                    payload.ident
                ),
            );
        }
    }
    for f in fields {
        match kind(f) {
            Some(k @ ("prefix_headers" | "query_params"))
                if !matches!(
                    last_ident(f.inner).as_deref(),
                    Some("HashMap" | "BTreeMap" | "IndexMap")
                ) =>
            {
                cx.error_spanned_by(
                    f.ty,
                    format!("`{k}` binds a map: use HashMap<String, _>, BTreeMap<String, _> or IndexMap<String, _>"),
                );
            }
            Some("response_code") if last_ident(f.inner).as_deref() != Some("i32") => {
                cx.error_spanned_by(f.ty, "`response_code` binds the HTTP status: use i32");
            }
            _ => {}
        }
    }
}

/// Rejects field types that no AWS shape maps to, with the type to use instead.
fn check_type(cx: &Ctxt, ty: &Type) {
    let msg = match ty {
        Type::Reference(_) => Some("references are not supported in AWS shapes; use an owned type (String, Vec<T>, Box<T>)"),
        Type::Tuple(t) if t.elems.is_empty() => Some("`()` is not an AWS shape; use an empty structure"),
        Type::Tuple(_) => Some("tuples are not AWS shapes; declare a structure with named members"),
        Type::Array(_) | Type::Slice(_) => Some("arrays are not AWS shapes; use Vec<T> for a list or awso::Blob for bytes"),
        Type::Ptr(_) | Type::BareFn(_) | Type::ImplTrait(_) | Type::TraitObject(_) | Type::Never(_) | Type::Infer(_) => {
            Some("this type cannot be an AWS shape")
        }
        Type::Path(p) => {
            let last = p.path.segments.last();
            let name = last.map(|s| s.ident.to_string()).unwrap_or_default();
            let m = match name.as_str() {
                "u8" => Some("`u8` is not an AWS type; use i8 for a byte, or awso::Blob for binary data"),
                "u16" | "u32" | "u64" | "u128" | "usize" | "isize" | "i128" => {
                    Some("AWS has no unsigned or 128-bit integers; use i32 (integer) or i64 (long)")
                }
                "char" => Some("`char` is not an AWS type; use String"),
                "str" => Some("`str` is not an AWS type; use String"),
                "Vec" if is_vec_u8(last) => Some("use awso::Blob for binary data, not Vec<u8>"),
                _ => None,
            };
            if m.is_none() {
                if let Some(syn::PathArguments::AngleBracketed(args)) = last.map(|s| &s.arguments) {
                    for arg in &args.args {
                        if let syn::GenericArgument::Type(t) = arg {
                            check_type(cx, t);
                        }
                    }
                }
            }
            m
        }
        Type::Paren(p) => {
            check_type(cx, &p.elem);
            None
        }
        Type::Group(g) => {
            check_type(cx, &g.elem);
            None
        }
        _ => None,
    };
    if let Some(m) = msg {
        cx.error_spanned_by(ty, format!("unsupported field type: {m}"));
    }
}

fn is_vec_u8(seg: Option<&syn::PathSegment>) -> bool {
    let Some(syn::PathArguments::AngleBracketed(args)) = seg.map(|s| &s.arguments) else {
        return false;
    };
    matches!(args.args.first(), Some(syn::GenericArgument::Type(Type::Path(p))) if p.path.is_ident("u8"))
}
