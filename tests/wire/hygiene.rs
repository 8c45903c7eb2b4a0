//! Derived code uses absolute paths only: it compiles in a `no_implicit_prelude` module and next
//! to user types named like the standard ones.

#[allow(dead_code)]
mod shadowed {
    #![no_implicit_prelude]

    // User types that shadow what generated code might name unqualified.
    pub struct Result;
    pub struct Option;
    pub struct Some;
    pub struct Ok;
    pub struct Value;
    pub struct String;
    pub struct Vec;
    pub struct Error;

    #[derive(::awso::AwsShape)]
    pub struct Shape {
        pub r#type: ::std::option::Option<::std::string::String>,
        pub r#match: ::std::string::String,
        pub list: ::std::vec::Vec<i32>,
    }

    #[derive(::awso::AwsShape)]
    pub enum Kind {
        A,
        #[aws(unknown)]
        Unknown(::std::string::String),
    }

    #[derive(::awso::AwsShape)]
    pub enum Union {
        A(i32),
        #[aws(unknown)]
        Unknown,
    }

    #[derive(::awso::AwsShape, ::core::fmt::Debug)]
    #[aws(error)]
    pub struct Oops {
        pub message: ::std::option::Option<::std::string::String>,
    }

    #[derive(::awso::AwsShape, ::core::fmt::Debug)]
    #[aws(errors)]
    pub enum Errors {
        Oops(Oops),
        #[aws(unknown)]
        Unknown {
            code: ::std::string::String,
            message: ::std::option::Option<::std::string::String>,
        },
    }
}

#[test]
fn raw_identifiers_lose_their_prefix() {
    use awso::AwsShape;
    let s = shadowed::Shape {
        r#type: Some("t".into()),
        r#match: "m".into(),
        list: vec![1],
    };
    assert_eq!(
        s.to_json().to_string(),
        r#"{"List":[1],"Match":"m","Type":"t"}"#
    );
}

/// A member typed with `Self` (a recursive shape) reads back: the derive's member visitor
/// names the type instead.
#[derive(awso::AwsShape, Debug, PartialEq)]
struct Node {
    value: i32,
    next: Option<Box<Self>>,
    children: Option<Vec<Self>>,
}

#[test]
fn members_typed_with_self_read_back() {
    use awso::AwsShape;
    let leaf = |value| Node {
        value,
        next: None,
        children: None,
    };
    let n = Node {
        value: 1,
        next: Some(Box::new(leaf(2))),
        children: Some(vec![leaf(3)]),
    };
    assert_eq!(
        awso::json::from_slice::<Node>(&awso::json::to_vec(&n)).unwrap(),
        n
    );
    assert_eq!(
        Node::of_xml(&awso::xml::to_xml_tree(&n).unwrap()).unwrap(),
        n
    );
}
