//! Code generation from the checked model. The output is small on purpose: a static shape
//! description, and `serialize`/`deserialize` bodies that hand each member to the runtime.

use crate::attr::{Attrs, Namespace};
use crate::check;
use crate::ctxt::Ctxt;
use crate::model::{Container, Data, Field, Variant};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{DeriveInput, Ident};

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let cont = Container::from_ast(&cx, input);
    if let Some(cont) = &cont {
        check::check(&cx, cont);
    }
    match (cx.check(), cont) {
        (Ok(()), Some(cont)) => wrap(&cont.attrs, expand(&cont)),
        (Err(e), cont) => {
            let mut out = e.to_compile_error();
            out.extend(fallback(input, cont.as_ref()));
            out
        }
        (Ok(()), None) => unreachable!("no model without an error"),
    }
}

fn krate(attrs: &Attrs) -> TokenStream {
    match &attrs.krate {
        Some(path) => quote!(#path::__private),
        None => quote!(::awso::__private),
    }
}

/// `const _: () = { ... };` keeps helper items out of the user's namespace.
fn wrap(attrs: &Attrs, body: TokenStream) -> TokenStream {
    let _ = attrs;
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            #body
        };
    }
}

/// After an error: the impls the rest of the user's code expects, with bodies that never run,
/// so the one real message is not buried under "trait not implemented" errors.
fn fallback(input: &DeriveInput, cont: Option<&Container>) -> TokenStream {
    if !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    let ident = &input.ident;
    let k = cont.map_or_else(|| quote!(::awso::__private), |c| krate(&c.attrs));
    let errors = cont.is_some_and(|c| matches!(c.data, Data::Errors(..)));
    let body = if errors {
        quote! {
            #[automatically_derived]
            impl #k::AwsError for #ident {
                fn error_deserialize<__D: #k::de::Deserializer>(_: &str, _: &mut __D) -> #k::Result<Self> {
                    ::core::panic!("AwsShape derive failed")
                }
                fn code(&self) -> &str { "" }
                fn message(&self) -> ::core::option::Option<&str> { ::core::option::Option::None }
                fn error_info(&self) -> ::core::option::Option<&'static #k::ErrorInfo> { ::core::option::Option::None }
                fn error_to_json(&self) -> #k::serde_json::Value { #k::serde_json::Value::Null }
            }
            impl ::core::fmt::Display for #ident {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result { ::core::result::Result::Ok(()) }
            }
            impl ::std::error::Error for #ident {}
        }
    } else {
        quote! {
            #[automatically_derived]
            impl #k::AwsShape for #ident {
                const NAME: &'static str = "";
                fn serialize<__S: #k::ser::Serializer>(&self, _: __S) -> __S::Ok {
                    ::core::panic!("AwsShape derive failed")
                }
                fn deserialize<__D: #k::de::Deserializer>(_: &mut __D) -> #k::Result<Self> {
                    ::core::panic!("AwsShape derive failed")
                }
            }
        }
    };
    quote!(const _: () = { #body };)
}

fn expand(cont: &Container) -> TokenStream {
    match &cont.data {
        Data::Struct(fields) => expand_struct(cont, fields),
        Data::Newtype(ty) => expand_newtype(cont, ty),
        Data::StringEnum(variants, unknown) => expand_string_enum(cont, variants, *unknown),
        Data::IntEnum(variants, unknown) => expand_int_enum(cont, variants, *unknown),
        Data::Union(variants, unknown) => expand_union(cont, variants, *unknown),
        Data::Errors(variants, unknown) => expand_errors(cont, variants, *unknown),
    }
}

fn opt_str(v: Option<&String>) -> TokenStream {
    match v {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

/// `"key":` with `key` escaped as a JSON string (RFC 8259: `"`, `\\` and control characters).
fn json_prefix(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 3);
    out.push('"');
    for c in key.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push_str("\":");
    out
}

fn namespace(k: &TokenStream, ns: Option<&Namespace>) -> TokenStream {
    match ns {
        Some(ns) => {
            let uri = &ns.uri;
            let prefix = opt_str(ns.prefix.as_ref());
            quote!(::core::option::Option::Some(#k::shape::XmlNamespace { uri: #uri, prefix: #prefix }))
        }
        None => quote!(::core::option::Option::None),
    }
}

/// A `Member` literal that sets only what differs from `Member::DEFAULT`.
fn member(k: &TokenStream, name: &str, attrs: &Attrs, required: bool) -> TokenStream {
    member_of(k, name, attrs, required, None)
}

/// A `Member` literal; `ty` (the member's value type) is needed for payload members, whose
/// kind the HTTP layer reads.
fn member_of(
    k: &TokenStream,
    name: &str,
    attrs: &Attrs,
    required: bool,
    ty: Option<&syn::Type>,
) -> TokenStream {
    let label = match &attrs.location {
        Some((_, Some(n), _)) => n.clone(),
        _ => name.to_owned(),
    };
    let mut parts = vec![quote!(name: #name)];
    if let Some(v) = &attrs.json_name {
        parts.push(quote!(json_name: ::core::option::Option::Some(#v)));
    }
    if !name.is_empty() {
        let plain = json_prefix(name);
        parts.push(quote!(json_prefix: #plain));
        if let Some(json_name) = &attrs.json_name {
            let rest = json_prefix(json_name);
            parts.push(quote!(rest_json_prefix: #rest));
        }
    }
    if let Some(v) = &attrs.xml_name {
        parts.push(quote!(xml_name: ::core::option::Option::Some(#v)));
    }
    for (key, v) in [
        ("query_name", &attrs.query_name),
        ("item_name", &attrs.item_name),
        ("key_name", &attrs.key_name),
        ("value_name", &attrs.value_name),
    ] {
        if let Some(v) = v {
            let key = format_ident!("{}", key);
            parts.push(quote!(#key: ::core::option::Option::Some(#v)));
        }
    }
    if let Some(v) = &attrs.timestamp_format {
        let f = match v.as_str() {
            "date-time" => quote!(DateTime),
            "http-date" => quote!(HttpDate),
            _ => quote!(EpochSeconds),
        };
        parts.push(quote!(timestamp_format: ::core::option::Option::Some(#k::TimestampFormat::#f)));
    }
    if attrs.flattened {
        parts.push(quote!(flattened: true));
    }
    if attrs.xml_attribute {
        parts.push(quote!(xml_attribute: true));
    }
    for (key, ns) in [
        ("xml_namespace", &attrs.xml_namespace),
        ("item_namespace", &attrs.item_namespace),
        ("key_namespace", &attrs.key_namespace),
    ] {
        if ns.is_some() {
            let key = format_ident!("{}", key);
            let ns = namespace(k, ns.as_ref());
            parts.push(quote!(#key: #ns));
        }
    }
    if let Some(items) = &attrs.items {
        let inner = member_of(k, "", items, false, None);
        parts.push(quote!(items: ::core::option::Option::Some(&#inner)));
    }
    if required || attrs.required {
        parts.push(quote!(required: true));
    }
    if attrs.sensitive {
        parts.push(quote!(sensitive: true));
    }
    if attrs.host_label {
        parts.push(quote!(host_label: true));
    }
    if let Some((kind, name, _)) = &attrs.location {
        let loc = match *kind {
            "header" => quote!(Header(#name)),
            "prefix_headers" => quote!(PrefixHeaders(#name)),
            "query" => quote!(Query(#name)),
            "label" => quote!(Label(#label)),
            "query_params" => quote!(QueryParams),
            "payload" => quote!(Payload),
            _ => quote!(ResponseCode),
        };
        parts.push(quote!(location: #k::shape::HttpBinding::#loc));
    }
    if let Some(v) = &attrs.media_type {
        parts.push(quote!(media_type: ::core::option::Option::Some(#v)));
    }
    if let (Some(("payload", _, _)), Some(ty)) = (&attrs.location, ty) {
        parts.push(quote!(kind: <#ty as #k::AwsShape>::KIND));
    }
    quote!(#k::Member { #(#parts,)* ..#k::Member::DEFAULT })
}

/// The `static __SHAPE` describing a structure or union.
fn shape_static(cont: &Container, union: bool, members: &[TokenStream]) -> TokenStream {
    let k = krate(&cont.attrs);
    let name = &cont.name;
    let mut parts = vec![quote!(name: #name), quote!(members: &[#(#members),*])];
    if union {
        parts.push(quote!(kind: #k::shape::ShapeKind::Union));
    }
    if let Some(x) = &cont.attrs.xml_name {
        parts.push(quote!(xml_name: ::core::option::Option::Some(#x)));
    }
    if cont.attrs.xml_namespace.is_some() {
        let ns = namespace(&k, cont.attrs.xml_namespace.as_ref());
        parts.push(quote!(xml_namespace: #ns));
    }
    if let Some(info) = error_info(cont) {
        parts.push(quote!(error: ::core::option::Option::Some(#info)));
    }
    quote! {
        static __SHAPE: #k::Shape = #k::Shape { #(#parts,)* ..#k::Shape::DEFAULT };
    }
}

/// The `ErrorInfo` literal of an error shape.
fn error_info(cont: &Container) -> Option<TokenStream> {
    let k = krate(&cont.attrs);
    let e = &cont.attrs.error.as_ref()?.value;
    let code = e.code.clone().unwrap_or_else(|| cont.name.clone());
    let server = e.server_fault.unwrap_or(e.status.is_some_and(|s| s >= 500));
    let status = e.status.unwrap_or(if server { 500 } else { 400 });
    let fault = if server {
        quote!(Server)
    } else {
        quote!(Client)
    };
    let query_code = opt_str(e.query_code.as_ref());
    Some(quote! {
        #k::ErrorInfo { code: #code, status: #status, fault: #k::Fault::#fault, query_code: #query_code }
    })
}

/// The checks of one value's constraints (`length`, `range`, `pattern`) on `value`.
fn constraints(k: &TokenStream, attrs: &Attrs, value: TokenStream) -> TokenStream {
    let opt = |b: Option<TokenStream>| match b {
        Some(t) => quote!(::core::option::Option::Some(#t)),
        None => quote!(::core::option::Option::None),
    };
    let mut out = TokenStream::new();
    if let Some((min, max)) = attrs.length {
        let (min, max) = (opt(min.map(|v| quote!(#v))), opt(max.map(|v| quote!(#v))));
        out.extend(quote!(__v.length(#value, #min, #max);));
    }
    if let Some((min, max)) = attrs.range {
        let (min, max) = (opt(min.map(|v| quote!(#v))), opt(max.map(|v| quote!(#v))));
        out.extend(quote!(__v.range(#value, #min, #max);));
    }
    if let Some(p) = &attrs.pattern {
        out.extend(quote! {
            static __PATTERN: #k::validate::Pattern = #k::validate::Pattern::new(#p);
            __v.pattern(#value, &__PATTERN);
        });
    }
    out
}

/// `validate_into` of a structure: each member's constraints, then the member's own.
fn validate_struct(k: &TokenStream, fields: &[Field]) -> TokenStream {
    let checks = fields.iter().map(|f| {
        let fi = f.ident;
        let name = &f.name;
        let own = constraints(k, &f.attrs, quote!(__x));
        let body = quote! {
            __v.member(#name, |__v| {
                #own
                #k::AwsShape::validate_into(__x, __v);
            });
        };
        if f.optional {
            let missing = f
                .attrs
                .required
                .then(|| quote!(else { __v.missing(#name); }));
            quote!(if let ::core::option::Option::Some(__x) = &self.#fi { #body } #missing)
        } else {
            quote!({ let __x = &self.#fi; #body })
        }
    });
    quote! {
        fn validate_into(&self, __v: &mut #k::validate::Validator) {
            #(#checks)*
        }
    }
}

fn expand_struct(cont: &Container, fields: &[Field]) -> TokenStream {
    let k = krate(&cont.attrs);
    let ident = cont.ident;
    let name = &cont.name;
    let members: Vec<_> = fields
        .iter()
        .map(|f| {
            member_of(
                &k,
                &f.name,
                &f.attrs,
                !f.optional && !f.attrs.default,
                Some(f.inner),
            )
        })
        .collect();
    let shape = shape_static(cont, false, &members);

    // XML writes attributes in the start tag, so attribute members go first.
    let mut order: Vec<usize> = (0..fields.len()).collect();
    order.sort_by_key(|&i| !fields[i].attrs.xml_attribute);
    let ser = order.iter().map(|&i| {
        let f = &fields[i];
        let fi = f.ident;
        if f.optional {
            quote! {
                if let ::core::option::Option::Some(__v) = &self.#fi {
                    #k::ser::StructureSerializer::member(&mut __st, &__SHAPE.members[#i], __v);
                }
            }
        } else {
            quote!(#k::ser::StructureSerializer::member(&mut __st, &__SHAPE.members[#i], &self.#fi);)
        }
    });

    let slots: Vec<Ident> = (0..fields.len())
        .map(|i| format_ident!("__f{}", i))
        .collect();
    let inits = fields.iter().zip(&slots).enumerate().map(|(i, (f, s))| {
        let fi = f.ident;
        if f.optional {
            quote!(#fi: #s)
        } else if f.attrs.default {
            quote!(#fi: #s.unwrap_or_default())
        } else {
            quote!(#fi: #k::de::required(#s, &__SHAPE, #i)?)
        }
    });
    let read = read_members(&k, ident, fields, &slots);
    let error_impls = cont
        .attrs
        .error
        .as_ref()
        .map(|_| error_shape_impls(cont, fields));
    let validate = validate_struct(&k, fields);
    let tokens = idempotency_tokens(&k, fields);
    let streaming = payload_stream(&k, fields);

    quote! {
        #shape
        #[automatically_derived]
        impl #k::AwsShape for #ident {
            const NAME: &'static str = #name;
            const KIND: #k::shape::ValueKind = #k::shape::ValueKind::Structure;
            const SHAPE: ::core::option::Option<&'static #k::Shape> = ::core::option::Option::Some(&__SHAPE);
            fn serialize<__S: #k::ser::Serializer>(&self, __s: __S) -> __S::Ok {
                let mut __st = #k::ser::Serializer::structure(__s, &__SHAPE);
                #(#ser)*
                #k::ser::StructureSerializer::end(__st)
            }
            fn deserialize<__D: #k::de::Deserializer>(__d: &mut __D) -> #k::Result<Self> {
                #read
                ::core::result::Result::Ok(#ident { #(#inits),* })
            }
            #validate
            #tokens
            #streaming
        }
        #error_impls
    }
}

/// For a structure with a payload member: whether it streams (the member's type is a
/// `ByteStream`, known only to the compiler: a constant of the type), and the methods the
/// client uses to take a streamed request body out of an input and to put a live response
/// body into an output. Nothing for other structures (the trait's defaults).
fn payload_stream(k: &TokenStream, fields: &[Field]) -> Option<TokenStream> {
    let f = fields
        .iter()
        .find(|f| matches!(f.attrs.location, Some(("payload", _, _))))?;
    let fi = f.ident;
    let ty = f.inner;
    let (get, set) = if f.optional {
        (
            quote! {
                match &self.#fi {
                    ::core::option::Option::Some(__v) => #k::AwsShape::payload_stream(__v),
                    ::core::option::Option::None => ::core::option::Option::None,
                }
            },
            quote!(self.#fi = ::core::option::Option::Some(__v);),
        )
    } else {
        (
            quote!(#k::AwsShape::payload_stream(&self.#fi)),
            quote!(self.#fi = __v;),
        )
    };
    Some(quote! {
        const STREAMING: bool = <#ty as #k::AwsShape>::STREAMING;
        fn payload_stream(&self) -> ::core::option::Option<#k::ByteStream> {
            if !<#ty as #k::AwsShape>::STREAMING {
                return ::core::option::Option::None;
            }
            #get
        }
        fn set_payload_stream(&mut self, __s: #k::ByteStream) {
            if let ::core::option::Option::Some(__v) = <#ty as #k::AwsShape>::from_payload_stream(__s) {
                #set
            }
        }
    })
}

/// The start of a structure's `deserialize`: a visitor holding one slot per member reads the
/// members the format finds, then `slots` are bound to what it read.
fn read_members(k: &TokenStream, ident: &Ident, fields: &[Field], slots: &[Ident]) -> TokenStream {
    if fields.is_empty() {
        return quote!(#k::de::Deserializer::structure(__d, &__SHAPE, &mut #k::de::NoMembers)?;);
    }
    let types = fields.iter().map(|f| own_type(f.inner, ident));
    let index = (0..fields.len()).map(syn::Index::from);
    let nones = fields.iter().map(|_| quote!(::core::option::Option::None));
    let lookup = json_member_index(
        k,
        fields
            .iter()
            .map(|f| (f.name.as_str(), f.attrs.json_name.as_deref())),
    );
    quote! {
        struct __Members(#(::core::option::Option<#types>),*);
        impl #k::de::MemberVisitor for __Members {
            fn member<__D: #k::de::Deserializer>(&mut self, __d: &mut __D, __i: usize) -> #k::Result<()> {
                match __i {
                    #(#index => #k::AwsShape::deserialize_into(&mut self.#index, __d),)*
                    _ => ::core::result::Result::Ok(()),
                }
            }
            #lookup
        }
        let mut __m = __Members(#(#nones),*);
        #k::de::Deserializer::structure(__d, &__SHAPE, &mut __m)?;
        let __Members(#(#slots),*) = __m;
    }
}

/// `MemberVisitor::json_member_index` as a `match` on the key's bytes (compiled to a switch on
/// the length, then on bytes), over each member's name, and, for restJson1, its `json_name`
/// where it has one. `members` are (name, json_name) in declaration order.
fn json_member_index<'a>(
    k: &TokenStream,
    members: impl Iterator<Item = (&'a str, Option<&'a str>)>,
) -> TokenStream {
    let members: Vec<_> = members.collect();
    let arms = |json_name: bool| {
        let arms = members.iter().enumerate().map(|(i, (name, json))| {
            let key = match json {
                Some(json) if json_name => json,
                _ => name,
            };
            let key = syn::LitByteStr::new(key.as_bytes(), proc_macro2::Span::call_site());
            quote!(#key => ::core::option::Option::Some(#i),)
        });
        quote! {
            match __key {
                #(#arms)*
                _ => ::core::option::Option::None,
            }
        }
    };
    let by_name = arms(false);
    let body = if members.iter().any(|(_, json)| json.is_some()) {
        let by_json_name = arms(true);
        quote!(if __json_name { #by_json_name } else { #by_name })
    } else {
        by_name
    };
    quote! {
        #[inline]
        #[allow(unreachable_patterns)]
        fn json_member_index(
            &self,
            _: &'static #k::Shape,
            __key: &[u8],
            __json_name: bool,
        ) -> ::core::option::Option<usize> {
            #body
        }
    }
}

/// `ty` with `Self` spelled as `ident`, for the items declared inside `deserialize` (where
/// `Self` would name the item itself).
fn own_type(ty: &syn::Type, ident: &Ident) -> TokenStream {
    fn replace(tokens: TokenStream, ident: &Ident) -> TokenStream {
        tokens
            .into_iter()
            .map(|t| match t {
                proc_macro2::TokenTree::Ident(i) if i == "Self" => {
                    let mut own = ident.clone();
                    own.set_span(i.span());
                    proc_macro2::TokenTree::Ident(own)
                }
                proc_macro2::TokenTree::Group(g) => {
                    let mut out =
                        proc_macro2::Group::new(g.delimiter(), replace(g.stream(), ident));
                    out.set_span(g.span());
                    proc_macro2::TokenTree::Group(out)
                }
                other => other,
            })
            .collect()
    }
    replace(quote!(#ty), ident)
}

/// `with_idempotency_tokens` for a structure with `#[aws(idempotency_token)]` members: a copy
/// with the unset ones filled, which the operation layer serializes instead of the input
/// (serialization itself stays pure). Needs `Clone`, as operation inputs derive.
fn idempotency_tokens(k: &TokenStream, fields: &[Field]) -> Option<TokenStream> {
    let tokens: Vec<_> = fields
        .iter()
        .filter(|f| f.optional && f.attrs.idempotency_token)
        .map(|f| f.ident)
        .collect();
    if tokens.is_empty() {
        return None;
    }
    let _ = k;
    Some(quote! {
        fn with_idempotency_tokens(
            &self,
            __token: &mut dyn ::core::ops::FnMut() -> ::std::string::String,
        ) -> ::core::option::Option<Self> {
            if #(self.#tokens.is_some())&&* {
                return ::core::option::Option::None;
            }
            let mut __filled = ::core::clone::Clone::clone(self);
            #(
                if __filled.#tokens.is_none() {
                    __filled.#tokens = ::core::option::Option::Some(__token());
                }
            )*
            ::core::option::Option::Some(__filled)
        }
    })
}

/// `AwsErrorShape`, `Display` and `Error` for a structure marked `#[aws(error)]`.
fn error_shape_impls(cont: &Container, fields: &[Field]) -> TokenStream {
    let k = krate(&cont.attrs);
    let ident = cont.ident;
    let info = error_info(cont);
    let message = fields.iter().find(|f| {
        f.name.eq_ignore_ascii_case("message") || f.name.eq_ignore_ascii_case("errormessage")
    });
    let message_body = match message {
        Some(f) => {
            let fi = f.ident;
            quote!(#k::AsMessage::as_message(&self.#fi))
        }
        None => quote!(::core::option::Option::None),
    };
    quote! {
        #[automatically_derived]
        impl #k::AwsErrorShape for #ident {
            const ERROR: #k::ErrorInfo = #info;
            fn message(&self) -> ::core::option::Option<&str> {
                #message_body
            }
        }
        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #k::fmt_error(__f, <Self as #k::AwsErrorShape>::ERROR.code, #k::AwsErrorShape::message(self))
            }
        }
        #[automatically_derived]
        impl ::std::error::Error for #ident {}
    }
}

fn expand_newtype(cont: &Container, ty: &syn::Type) -> TokenStream {
    let k = krate(&cont.attrs);
    let own = constraints(&k, &cont.attrs, quote!(__x));
    let ident = cont.ident;
    let name = &cont.name;
    let map_key = is_string(ty).then(|| {
        quote! {
            #[automatically_derived]
            impl #k::MapKey for #ident {
                fn key(&self) -> &str { &self.0 }
                fn from_key(__k: ::std::string::String) -> #k::Result<Self> { ::core::result::Result::Ok(#ident(__k)) }
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl #k::AwsShape for #ident {
            const NAME: &'static str = #name;
            const KIND: #k::shape::ValueKind = <#ty as #k::AwsShape>::KIND;
            #[inline]
            fn serialize<__S: #k::ser::Serializer>(&self, __s: __S) -> __S::Ok {
                #k::AwsShape::serialize(&self.0, __s)
            }
            #[inline]
            fn deserialize<__D: #k::de::Deserializer>(__d: &mut __D) -> #k::Result<Self> {
                ::core::result::Result::Ok(#ident(<#ty as #k::AwsShape>::deserialize(__d)?))
            }
            fn validate_into(&self, __v: &mut #k::validate::Validator) {
                let __x = &self.0;
                #own
                #k::AwsShape::validate_into(__x, __v);
            }
            const STREAMING: bool = <#ty as #k::AwsShape>::STREAMING;
            fn payload_stream(&self) -> ::core::option::Option<#k::ByteStream> {
                #k::AwsShape::payload_stream(&self.0)
            }
            fn from_payload_stream(__s: #k::ByteStream) -> ::core::option::Option<Self> {
                ::core::option::Option::map(<#ty as #k::AwsShape>::from_payload_stream(__s), #ident)
            }
        }
        #map_key
    }
}

fn is_string(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "String"))
}

fn expand_string_enum(
    cont: &Container,
    variants: &[Variant],
    unknown: Option<&Ident>,
) -> TokenStream {
    let k = krate(&cont.attrs);
    let ident = cont.ident;
    let name = &cont.name;
    let idents: Vec<_> = variants.iter().map(|v| v.ident).collect();
    let values: Vec<_> = variants.iter().map(|v| &v.name).collect();
    let key_unknown = unknown.map(|u| quote!(#ident::#u(__v) => __v,));
    let expected = format!(
        "one of {}",
        values
            .iter()
            .map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let (from_str_other, from_key_other) = match unknown {
        Some(u) => (
            quote!(__other => ::core::result::Result::Ok(#ident::#u(::std::borrow::ToOwned::to_owned(__other)))),
            quote!(_ => ::core::result::Result::Ok(#ident::#u(__k))),
        ),
        None => (
            quote!(_ => ::core::result::Result::Err(#k::Error::invalid(::std::format!("unknown {} value, expected {}", #name, #expected)))),
            quote!(_ => ::core::result::Result::Err(#k::Error::invalid(::std::format!("unknown {} value, expected {}", #name, #expected)))),
        ),
    };
    quote! {
        #[automatically_derived]
        impl #k::AwsShape for #ident {
            const NAME: &'static str = #name;
            const KIND: #k::shape::ValueKind = #k::shape::ValueKind::Text;
            fn serialize<__S: #k::ser::Serializer>(&self, __s: __S) -> __S::Ok {
                #k::ser::Serializer::enum_string(__s, #k::MapKey::key(self))
            }
            fn deserialize<__D: #k::de::Deserializer>(__d: &mut __D) -> #k::Result<Self> {
                #k::de::Deserializer::enum_string(__d, |__v| match __v {
                    #(#values => ::core::result::Result::Ok(#ident::#idents),)*
                    #from_str_other
                })
            }
        }
        #[automatically_derived]
        impl #k::MapKey for #ident {
            fn key(&self) -> &str {
                match self {
                    #(#ident::#idents => #values,)*
                    #key_unknown
                }
            }
            fn from_key(__k: ::std::string::String) -> #k::Result<Self> {
                match __k.as_str() {
                    #(#values => ::core::result::Result::Ok(#ident::#idents),)*
                    #from_key_other
                }
            }
        }
        #[automatically_derived]
        impl ::core::convert::AsRef<str> for #ident {
            fn as_ref(&self) -> &str {
                #k::MapKey::key(self)
            }
        }
    }
}

fn expand_int_enum(cont: &Container, variants: &[Variant], unknown: Option<&Ident>) -> TokenStream {
    let k = krate(&cont.attrs);
    let ident = cont.ident;
    let name = &cont.name;
    let idents: Vec<_> = variants.iter().map(|v| v.ident).collect();
    let values: Vec<_> = variants
        .iter()
        .map(|v| v.attrs.value.unwrap_or_default())
        .collect();
    let ser_unknown = unknown.map(|u| quote!(#ident::#u(__v) => *__v,));
    let other = match unknown {
        Some(u) => quote!(__other => #ident::#u(__other)),
        None => {
            quote!(_ => return ::core::result::Result::Err(#k::Error::invalid(::std::format!("unknown {} value", #name))))
        }
    };
    quote! {
        #[automatically_derived]
        impl #k::AwsShape for #ident {
            const NAME: &'static str = #name;
            fn serialize<__S: #k::ser::Serializer>(&self, __s: __S) -> __S::Ok {
                #k::ser::Serializer::int_enum(__s, match self {
                    #(#ident::#idents => #values,)*
                    #ser_unknown
                })
            }
            fn deserialize<__D: #k::de::Deserializer>(__d: &mut __D) -> #k::Result<Self> {
                ::core::result::Result::Ok(match #k::de::Deserializer::int_enum(__d)? {
                    #(#values => #ident::#idents,)*
                    #other
                })
            }
        }
    }
}

fn expand_union(cont: &Container, variants: &[Variant], unknown: Option<&Ident>) -> TokenStream {
    let k = krate(&cont.attrs);
    let ident = cont.ident;
    let name = &cont.name;
    let members: Vec<_> = variants
        .iter()
        .map(|v| member(&k, &v.name, &v.attrs, false))
        .collect();
    let shape = shape_static(cont, true, &members);
    let idents: Vec<_> = variants.iter().map(|v| v.ident).collect();
    let index: Vec<usize> = (0..variants.len()).collect();
    let ser_unknown = unknown.map(|u| quote!(#ident::#u => {}));
    let unknown_value = match unknown {
        Some(u) => quote!(|| ::core::option::Option::Some(#ident::#u)),
        None => quote!(|| ::core::option::Option::None),
    };
    let lookup = json_member_index(
        &k,
        variants
            .iter()
            .map(|v| (v.name.as_str(), v.attrs.json_name.as_deref())),
    );
    quote! {
        #shape
        #[automatically_derived]
        impl #k::AwsShape for #ident {
            const NAME: &'static str = #name;
            const KIND: #k::shape::ValueKind = #k::shape::ValueKind::Union;
            const SHAPE: ::core::option::Option<&'static #k::Shape> = ::core::option::Option::Some(&__SHAPE);
            fn serialize<__S: #k::ser::Serializer>(&self, __s: __S) -> __S::Ok {
                let mut __st = #k::ser::Serializer::structure(__s, &__SHAPE);
                match self {
                    #(#ident::#idents(__v) => #k::ser::StructureSerializer::member(&mut __st, &__SHAPE.members[#index], __v),)*
                    #ser_unknown
                }
                #k::ser::StructureSerializer::end(__st)
            }
            fn deserialize<__D: #k::de::Deserializer>(__d: &mut __D) -> #k::Result<Self> {
                struct __Member(::core::option::Option<#ident>);
                impl #k::de::MemberVisitor for __Member {
                    fn member<__D: #k::de::Deserializer>(&mut self, __d: &mut __D, __i: usize) -> #k::Result<()> {
                        self.0 = ::core::option::Option::Some(match __i {
                            #(#index => #ident::#idents(#k::AwsShape::deserialize(__d)?),)*
                            _ => return ::core::result::Result::Ok(()),
                        });
                        ::core::result::Result::Ok(())
                    }
                    #lookup
                }
                let mut __m = __Member(::core::option::Option::None);
                let __n = #k::de::Deserializer::structure(__d, &__SHAPE, &mut __m)?;
                #k::de::union(__m.0, __n, &__SHAPE, #unknown_value)
            }
            fn validate_into(&self, __v: &mut #k::validate::Validator) {
                match self {
                    #(#ident::#idents(__x) => __v.member(__SHAPE.members[#index].name, |__v| #k::AwsShape::validate_into(__x, __v)),)*
                    #ser_unknown
                }
            }
        }
    }
}

fn expand_errors(cont: &Container, variants: &[Variant], unknown: Option<&Ident>) -> TokenStream {
    let k = krate(&cont.attrs);
    let ident = cont.ident;
    let idents: Vec<_> = variants.iter().map(|v| v.ident).collect();
    // Each variant's type, spanned at the variant so an unimplemented `AwsErrorShape` points there.
    let tys: Vec<TokenStream> = variants
        .iter()
        .map(|v| {
            let ty = v.ty.expect("checked: one field");
            quote::quote_spanned!(syn::spanned::Spanned::span(ty) => #ty)
        })
        .collect();
    let (unknown_de, unknown_code, unknown_message, unknown_info, unknown_json) = match unknown {
        Some(u) => (
            quote! {
                ::core::result::Result::Ok(#ident::#u {
                    code: ::std::borrow::ToOwned::to_owned(__code),
                    message: #k::de::Deserializer::error_message(__d)?,
                })
            },
            quote!(#ident::#u { code, .. } => code,),
            quote!(#ident::#u { message, .. } => message.as_deref(),),
            quote!(#ident::#u { .. } => ::core::option::Option::None,),
            quote!(#ident::#u { code, message } => #k::json::unknown_error_to_json(code, message.as_deref()),),
        ),
        None => (
            quote! {
                ::core::result::Result::Err(#k::Error::invalid(::std::format!("unmodelled error code {}", __code)))
            },
            quote!(),
            quote!(),
            quote!(),
            quote!(),
        ),
    };
    quote! {
        #[automatically_derived]
        impl #k::AwsError for #ident {
            fn error_deserialize<__D: #k::de::Deserializer>(__code: &str, __d: &mut __D) -> #k::Result<Self> {
                let __code = #k::error_code::normalize(__code);
                #(
                    if #k::error_code::matches(&<#tys as #k::AwsErrorShape>::ERROR, __code) {
                        return ::core::result::Result::Ok(#ident::#idents(#k::de::root::<#tys, __D>(__d)?));
                    }
                )*
                #unknown_de
            }
            fn code(&self) -> &str {
                match self {
                    // A query-compatible service's error is known by its awsQuery code
                    // (what `x-amzn-query-error` carries and the SDKs report).
                    #(#ident::#idents(_) => {
                        let __info = &<#tys as #k::AwsErrorShape>::ERROR;
                        match __info.query_code {
                            ::core::option::Option::Some(__q) => __q,
                            ::core::option::Option::None => __info.code,
                        }
                    })*
                    #unknown_code
                }
            }
            fn message(&self) -> ::core::option::Option<&str> {
                match self {
                    #(#ident::#idents(__e) => <#tys as #k::AwsErrorShape>::message(__e),)*
                    #unknown_message
                }
            }
            fn error_info(&self) -> ::core::option::Option<&'static #k::ErrorInfo> {
                match self {
                    #(#ident::#idents(_) => ::core::option::Option::Some(&<#tys as #k::AwsErrorShape>::ERROR),)*
                    #unknown_info
                }
            }
            fn error_to_json(&self) -> #k::serde_json::Value {
                match self {
                    #(#ident::#idents(__e) => <#tys as #k::AwsErrorShape>::error_to_json(__e),)*
                    #unknown_json
                }
            }
        }
        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #k::fmt_error(__f, #k::AwsError::code(self), #k::AwsError::message(self))
            }
        }
        #[automatically_derived]
        impl ::std::error::Error for #ident {
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(#ident::#idents(__e) => ::core::option::Option::Some(<#tys as #k::AwsErrorShape>::as_error(__e)),)*
                    #[allow(unreachable_patterns)]
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}
