//! `#[derive(AwsDebug)]`: `Debug` that prints `*** Sensitive Data Redacted ***` in place of
//! every `#[aws(sensitive)]` field or variant value (or the whole value, on a sensitive type).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Attribute, Data, DeriveInput, Fields};

/// Whether `#[aws(...)]` among `attrs` contains `sensitive`. Other keys are left to the
/// `AwsShape` derive, which validates them.
fn sensitive(attrs: &[Attribute]) -> bool {
    let mut found = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("aws")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("sensitive") {
                found = true;
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            } else if meta.input.peek(syn::token::Paren) {
                let content;
                syn::parenthesized!(content in meta.input);
                content.parse::<TokenStream>()?;
            }
            Ok(())
        });
    }
    found
}

/// `debug_struct`/`debug_tuple` calls for one set of fields, bound by `bindings`.
fn fields_debug(name: &str, fields: &Fields, redact_all: bool) -> (TokenStream, TokenStream) {
    let k = quote!(::awso::__private);
    match fields {
        Fields::Named(named) => {
            let idents: Vec<_> = named
                .named
                .iter()
                .map(|f| f.ident.clone().expect("named"))
                .collect();
            let entries = named.named.iter().zip(&idents).map(|(f, i)| {
                let label = i.to_string();
                let label = label.strip_prefix("r#").unwrap_or(&label).to_owned();
                if redact_all || sensitive(&f.attrs) {
                    quote!(.field(#label, &#k::Redacted))
                } else {
                    quote!(.field(#label, #i))
                }
            });
            (
                quote!({ #(#idents),* }),
                quote!(__f.debug_struct(#name) #(#entries)* .finish()),
            )
        }
        Fields::Unnamed(unnamed) => {
            let binds: Vec<_> = (0..unnamed.unnamed.len())
                .map(|i| format_ident!("__v{}", i))
                .collect();
            let entries = unnamed.unnamed.iter().zip(&binds).map(|(f, b)| {
                if redact_all || sensitive(&f.attrs) {
                    quote!(.field(&#k::Redacted))
                } else {
                    quote!(.field(#b))
                }
            });
            (
                quote!(( #(#binds),* )),
                quote!(__f.debug_tuple(#name) #(#entries)* .finish()),
            )
        }
        Fields::Unit => (quote!(), quote!(__f.write_str(#name))),
    }
}

pub fn derive(input: &DeriveInput) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let body = if sensitive(&input.attrs) {
        quote!(__f.write_str(::awso::REDACTED))
    } else {
        match &input.data {
            Data::Struct(s) => {
                let (pattern, debug) = fields_debug(&ident.to_string(), &s.fields, false);
                quote! {
                    let #ident #pattern = self;
                    #debug
                }
            }
            Data::Enum(e) => {
                let arms = e.variants.iter().map(|v| {
                    let vi = &v.ident;
                    let (pattern, debug) =
                        fields_debug(&vi.to_string(), &v.fields, sensitive(&v.attrs));
                    quote!(#ident::#vi #pattern => #debug,)
                });
                quote! {
                    match self { #(#arms)* }
                }
            }
            Data::Union(u) => {
                return syn::Error::new_spanned(
                    u.union_token,
                    "AwsDebug cannot be derived for unions",
                )
                .to_compile_error()
            }
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::fmt::Debug for #ident #ty_generics #where_clause {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        }
    }
}
