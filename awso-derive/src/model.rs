//! The derive's model of a shape: what the user declared, with attributes parsed and names
//! resolved. Built from `syn::DeriveInput`; read by `check` and `expand`.

use crate::attr::{self, Attrs, Level};
use crate::case::RenameRule;
use crate::ctxt::Ctxt;
use syn::{Data as SynData, DeriveInput, Fields, Ident, Type};

pub struct Container<'a> {
    pub ident: &'a Ident,
    pub attrs: Attrs,
    /// The shape name (type name unless renamed).
    pub name: String,
    pub data: Data<'a>,
    pub input: &'a DeriveInput,
}

pub enum Data<'a> {
    /// A structure with named fields (or none).
    Struct(Vec<Field<'a>>),
    /// `struct PortNumber(i32)`: serialized as its inner value.
    Newtype(&'a Type),
    /// An enum of unit variants: a string enum, with optional `Unknown(String)`.
    StringEnum(Vec<Variant<'a>>, Option<&'a Ident>),
    /// An enum of unit variants with `#[aws(value = N)]`: an int enum, `Unknown(i32)`.
    IntEnum(Vec<Variant<'a>>, Option<&'a Ident>),
    /// An enum of one-field variants: a union, with optional unit `Unknown`.
    Union(Vec<Variant<'a>>, Option<&'a Ident>),
    /// An `#[aws(errors)]` enum: one variant per error shape, optional
    /// `Unknown { code, message }`.
    Errors(Vec<Variant<'a>>, Option<&'a Ident>),
}

pub struct Field<'a> {
    pub ident: &'a Ident,
    pub attrs: Attrs,
    /// The member name on the wire.
    pub name: String,
    pub ty: &'a Type,
    /// `T` of `Option<T>`, or the type itself.
    pub inner: &'a Type,
    pub optional: bool,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub attrs: Attrs,
    /// The member name (unions), wire value (string enums) or nothing (errors).
    pub name: String,
    /// The wrapped type (unions, errors).
    pub ty: Option<&'a Type>,
    /// A variant without fields.
    pub unit: bool,
}

/// `T` when `ty` is `Option<T>` (also `std::option::Option<T>`, `core::option::Option<T>`).
pub fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(t)) if args.args.len() == 1 => Some(t),
        _ => None,
    }
}

fn unraw(ident: &Ident) -> String {
    let s = ident.to_string();
    s.strip_prefix("r#").map(str::to_owned).unwrap_or(s)
}

impl<'a> Container<'a> {
    pub fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Option<Container<'a>> {
        let attrs = attr::parse(cx, &input.attrs, Level::Container);
        let name = attrs
            .rename
            .as_ref()
            .map_or_else(|| unraw(&input.ident), |r| r.value.clone());
        let data = match &input.data {
            SynData::Struct(s) => match &s.fields {
                Fields::Named(named) => {
                    let rule = attrs.rename_all.unwrap_or(RenameRule::PascalCase);
                    Data::Struct(
                        named
                            .named
                            .iter()
                            .map(|f| {
                                let ident = f.ident.as_ref().expect("named field");
                                let fattrs = attr::parse(cx, &f.attrs, Level::Field);
                                let name = fattrs.rename.as_ref().map_or_else(
                                    || rule.apply_to_field(&unraw(ident)),
                                    |r| r.value.clone(),
                                );
                                let inner = option_inner(&f.ty);
                                Field {
                                    ident,
                                    attrs: fattrs,
                                    name,
                                    ty: &f.ty,
                                    inner: inner.unwrap_or(&f.ty),
                                    optional: inner.is_some(),
                                }
                            })
                            .collect(),
                    )
                }
                Fields::Unit => Data::Struct(Vec::new()),
                Fields::Unnamed(u) if u.unnamed.len() == 1 => {
                    let f = &u.unnamed[0];
                    let fattrs = attr::parse(cx, &f.attrs, Level::Field);
                    if fattrs.rename.is_some() || fattrs.flattened || fattrs.xml_attribute {
                        cx.error_spanned_by(f, "the field of a newtype takes no member attributes");
                    }
                    Data::Newtype(&f.ty)
                }
                Fields::Unnamed(u) => {
                    cx.error_spanned_by(
                        u,
                        "tuple structs with more than one field are not AWS shapes; name the fields",
                    );
                    return None;
                }
            },
            SynData::Enum(e) => {
                let rule = attrs.rename_all.unwrap_or(RenameRule::None);
                let variants: Vec<_> = e
                    .variants
                    .iter()
                    .map(|v| {
                        let vattrs = attr::parse(cx, &v.attrs, Level::Variant);
                        if let Some((_, expr)) = &v.discriminant {
                            cx.error_spanned_by(
                                expr,
                                "use `#[aws(value = N)]` for int enum values, not a discriminant",
                            );
                        }
                        (v, vattrs)
                    })
                    .collect();
                return Some(Container {
                    ident: &input.ident,
                    data: crate::check::classify_enum(cx, &attrs, rule, variants)?,
                    attrs,
                    name,
                    input,
                });
            }
            SynData::Union(u) => {
                cx.error_spanned_by(
                    u.union_token,
                    "Rust unions cannot derive AwsShape; an AWS union is an enum with one-field variants",
                );
                return None;
            }
        };
        Some(Container {
            ident: &input.ident,
            attrs,
            name,
            data,
            input,
        })
    }
}

impl<'a> Variant<'a> {
    pub fn new(v: &'a syn::Variant, attrs: Attrs, rule: RenameRule) -> Self {
        let name = attrs.rename.as_ref().map_or_else(
            || rule.apply_to_variant(&unraw(&v.ident)),
            |r| r.value.clone(),
        );
        let ty = match &v.fields {
            Fields::Unnamed(u) if u.unnamed.len() == 1 => Some(&u.unnamed[0].ty),
            _ => None,
        };
        Variant {
            ident: &v.ident,
            attrs,
            name,
            ty,
            unit: matches!(v.fields, Fields::Unit),
        }
    }
}
