//! XML rules of restXml bodies, awsQuery / ec2Query responses and XML error envelopes, each
//! pinned by a small test, on both paths (streaming and the `Xml` tree), with shapes
//! hand-modelled from real services.

use crate::common;

use awso::xml::{self, Envelope, XmlErrorResponse, XmlOptions};
use awso::{AwsError, AwsShape, Blob, Document, ErrorKind, Timestamp, Xml};
use std::collections::{BTreeMap, HashMap};

/// A canonical form of an XML document: elements with sorted attributes, text trimmed where
/// an element has children (whitespace between elements is not content).
fn canon(text: &str) -> String {
    fn walk(x: &Xml, out: &mut String) {
        out.push('<');
        out.push_str(&x.name);
        let mut attrs: Vec<_> = x
            .attributes
            .iter()
            .map(|a| format!(" {}={:?}", a.name, a.value))
            .collect();
        attrs.sort();
        out.push_str(&attrs.concat());
        if let Some(ns) = &x.namespace {
            out.push_str(&format!(" ns={ns:?}"));
        }
        out.push('>');
        if x.children.is_empty() {
            out.push_str(&format!("{:?}", x.text));
        } else {
            for c in &x.children {
                walk(c, out);
            }
        }
        out.push_str("</>");
    }
    let x = Xml::parse(text).unwrap_or_else(|e| panic!("bad XML ({e}): {text}"));
    let mut out = String::new();
    walk(&x, &mut out);
    out
}

fn assert_xml_eq(actual: &str, expected: &str) {
    assert_eq!(
        canon(actual),
        canon(expected),
        "\nactual:   {actual}\nexpected: {expected}"
    );
}

/// Parses a restXml/ec2Query body both ways (streaming and tree), checks they agree.
fn parse<T: AwsShape + PartialEq + std::fmt::Debug>(text: &str) -> T {
    let direct: T = xml::from_str(text).unwrap_or_else(|e| panic!("direct: {e}"));
    let tree = T::of_xml(&Xml::parse(text).unwrap()).unwrap_or_else(|e| panic!("tree: {e}"));
    assert_eq!(direct, tree, "direct and tree parsing differ");
    let detected = T::of_string(text).unwrap_or_else(|e| panic!("of_string: {e}"));
    assert_eq!(direct, detected, "of_string differs");
    direct
}

/// Writes, checks the body against `expected` canonically, and reads it back.
fn round_trip<T: AwsShape + PartialEq + std::fmt::Debug>(v: &T, expected: &str) {
    let body = v.to_xml();
    assert_xml_eq(&body, expected);
    assert_eq!(&parse::<T>(&body), v, "read back of {body}");
}

/// The streaming error message, checking the tree path fails too.
fn parse_err<T: AwsShape + std::fmt::Debug>(text: &str) -> String {
    let direct = xml::from_str::<T>(text)
        .expect_err("should fail")
        .to_string();
    if let Ok(tree) = Xml::parse(text) {
        T::of_xml(&tree).expect_err("tree should fail too");
    }
    direct
}

// ---------------------------------------------------------------------------------------------
// Scalars, names and escaping

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "SimpleScalarPropertiesRequest", rename_all = "camelCase")]
struct Scalars {
    string_value: Option<String>,
    true_boolean_value: Option<bool>,
    false_boolean_value: Option<bool>,
    byte_value: Option<i8>,
    short_value: Option<i16>,
    integer_value: Option<i32>,
    long_value: Option<i64>,
    float_value: Option<f32>,
    #[aws(xml_name = "DoubleDribble")]
    double_value: Option<f64>,
}

#[test]
fn scalars_are_text_elements_named_by_xml_name() {
    let v = Scalars {
        string_value: Some("string".into()),
        true_boolean_value: Some(true),
        false_boolean_value: Some(false),
        byte_value: Some(1),
        short_value: Some(2),
        integer_value: Some(3),
        long_value: Some(4),
        float_value: Some(5.5),
        double_value: Some(6.5),
    };
    round_trip(
        &v,
        "<SimpleScalarPropertiesRequest>
            <stringValue>string</stringValue>
            <trueBooleanValue>true</trueBooleanValue>
            <falseBooleanValue>false</falseBooleanValue>
            <byteValue>1</byteValue>
            <shortValue>2</shortValue>
            <integerValue>3</integerValue>
            <longValue>4</longValue>
            <floatValue>5.5</floatValue>
            <DoubleDribble>6.5</DoubleDribble>
        </SimpleScalarPropertiesRequest>",
    );
}

#[test]
fn non_finite_floats_are_words() {
    for (f, word) in [
        (f64::INFINITY, "Infinity"),
        (f64::NEG_INFINITY, "-Infinity"),
    ] {
        let v = Scalars {
            float_value: Some(f as f32),
            double_value: Some(f),
            ..Default::default()
        };
        round_trip(
            &v,
            &format!("<SimpleScalarPropertiesRequest><floatValue>{word}</floatValue><DoubleDribble>{word}</DoubleDribble></SimpleScalarPropertiesRequest>"),
        );
    }
    let text = "<X><floatValue>NaN</floatValue><DoubleDribble>NaN</DoubleDribble></X>";
    let nan: Scalars = xml::from_str(text).unwrap();
    let tree = Scalars::of_xml(&Xml::parse(text).unwrap()).unwrap();
    assert!(tree.float_value.unwrap().is_nan() && tree.double_value.unwrap().is_nan());
    assert!(nan.float_value.unwrap().is_nan() && nan.double_value.unwrap().is_nan());
    assert!(Scalars {
        double_value: Some(f64::NAN),
        ..Default::default()
    }
    .to_xml()
    .contains("<DoubleDribble>NaN</DoubleDribble>"));
}

#[test]
fn text_is_escaped_and_whitespace_kept() {
    for s in [
        "<string>",
        "  string with white    space  ",
        "   ",
        "",
        "escaped data: &lt;\r\n",
        "a & b > c \"q\" 'a' \t tab",
        "Zoë 🎮",
    ] {
        let v = Scalars {
            string_value: Some(s.into()),
            ..Default::default()
        };
        let body = v.to_xml();
        assert_eq!(parse::<Scalars>(&body), v, "{body}");
    }
    let v = Scalars {
        string_value: Some("<string>".into()),
        ..Default::default()
    };
    assert_eq!(
        v.to_xml(),
        "<SimpleScalarPropertiesRequest><stringValue>&lt;string&gt;</stringValue></SimpleScalarPropertiesRequest>"
    );
    // SimpleScalarPropertiesComplexEscapes: references are resolved, CR survives as &#xD;.
    let v: Scalars = parse(
        "<SimpleScalarPropertiesResponse>
            <stringValue>escaped data: &amp;lt;&#xD;&#10;</stringValue>
        </SimpleScalarPropertiesResponse>",
    );
    assert_eq!(v.string_value.as_deref(), Some("escaped data: &lt;\r\n"));
}

#[test]
fn preamble_comments_and_cdata_are_ignored_between_members() {
    let v: Scalars = parse(
        r#"<?xml version = "1.0" encoding = "UTF-8"?>
<SimpleScalarPropertiesResponse>
    <![CDATA[characters representing CDATA]]>
    <stringValue>string</stringValue>
    <!--xml comment-->
</SimpleScalarPropertiesResponse>"#,
    );
    assert_eq!(v.string_value.as_deref(), Some("string"));
    let v: Scalars = parse("<X><stringValue><![CDATA[<b>&amp;</b>]]> and &lt;</stringValue></X>");
    assert_eq!(v.string_value.as_deref(), Some("<b>&amp;</b> and <"));
}

#[test]
fn empty_elements_are_empty_strings_not_absent() {
    let v: Scalars = parse("<X><stringValue/></X>");
    assert_eq!(v.string_value.as_deref(), Some(""));
    let v: Scalars = parse("<X><stringValue></stringValue></X>");
    assert_eq!(v.string_value.as_deref(), Some(""));
    let v = Scalars {
        string_value: Some(String::new()),
        ..Default::default()
    };
    round_trip(
        &v,
        "<SimpleScalarPropertiesRequest><stringValue></stringValue></SimpleScalarPropertiesRequest>",
    );
}

#[test]
fn unknown_elements_and_prefixes_are_ignored() {
    let v: Scalars = parse(
        r#"<r:X xmlns:r="urn:r"><Unknown><a><b/></a>text</Unknown><r:integerValue>7</r:integerValue></r:X>"#,
    );
    assert_eq!(v.integer_value, Some(7));
}

// ---------------------------------------------------------------------------------------------
// Timestamps and blobs

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "XmlTimestampsRequest", rename_all = "camelCase")]
struct Timestamps {
    normal: Option<Timestamp>,
    #[aws(timestamp_format = "date-time")]
    date_time: Option<Timestamp>,
    #[aws(timestamp_format = "epoch-seconds")]
    epoch_seconds: Option<Timestamp>,
    #[aws(timestamp_format = "http-date")]
    http_date: Option<Timestamp>,
    #[aws(timestamp_format = "http-date")]
    http_dates: Option<Vec<Timestamp>>,
}

#[test]
fn timestamps_are_date_time_unless_the_member_says() {
    let t = Timestamp::from_secs_nanos(1398796238, 0);
    let v = Timestamps {
        normal: Some(t),
        date_time: Some(t),
        epoch_seconds: Some(t),
        http_date: Some(t),
        http_dates: Some(vec![t]),
    };
    round_trip(
        &v,
        "<XmlTimestampsRequest>
            <normal>2014-04-29T18:30:38Z</normal>
            <dateTime>2014-04-29T18:30:38Z</dateTime>
            <epochSeconds>1398796238</epochSeconds>
            <httpDate>Tue, 29 Apr 2014 18:30:38 GMT</httpDate>
            <httpDates><member>Tue, 29 Apr 2014 18:30:38 GMT</member></httpDates>
        </XmlTimestampsRequest>",
    );
}

#[test]
fn timestamps_parse_offsets_fractions_and_leniently() {
    let v: Timestamps = parse(
        "<X><normal>2019-12-16T22:48:18-01:00</normal><dateTime>2000-01-02T20:34:56.123Z</dateTime>\
         <epochSeconds>2014-04-29T18:30:38Z</epochSeconds></X>",
    );
    assert_eq!(v.normal, Some(Timestamp::from_secs_nanos(1576540098, 0)));
    assert_eq!(
        v.date_time,
        Some(Timestamp::from_secs_nanos(946845296, 123_000_000))
    );
    assert_eq!(
        v.epoch_seconds,
        Some(Timestamp::from_secs_nanos(1398796238, 0))
    );
    let e = parse_err::<Timestamps>("<X>\n<normal>yesterday</normal></X>");
    assert!(e.starts_with("XmlTimestampsRequest.normal: "), "{e}");
    assert!(e.ends_with("at line 2 column 1"), "{e}");
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "XmlBlobsRequest", rename_all = "camelCase")]
struct Blobs {
    data: Option<Blob>,
}

#[test]
fn blobs_are_base64_and_may_be_empty() {
    round_trip(
        &Blobs {
            data: Some(Blob::new(b"value".to_vec())),
        },
        "<XmlBlobsRequest><data>dmFsdWU=</data></XmlBlobsRequest>",
    );
    let v: Blobs = parse("<XmlEmptyBlobsResponse><data/></XmlEmptyBlobsResponse>");
    assert_eq!(v.data, Some(Blob::new(Vec::new())));
    let e = parse_err::<Blobs>("<X><data>!!!</data></X>");
    assert!(e.starts_with("XmlBlobsRequest.data: "), "{e}");
}

// ---------------------------------------------------------------------------------------------
// Lists, maps, attributes, namespaces: the restXml conformance shapes

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(rename_all = "camelCase")]
struct StructureListMember {
    #[aws(xml_name = "value")]
    a: Option<String>,
    #[aws(xml_name = "other")]
    b: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "XmlListsRequest", rename_all = "camelCase")]
struct XmlLists {
    string_list: Option<Vec<String>>,
    integer_list: Option<Vec<i32>>,
    boolean_list: Option<Vec<bool>>,
    timestamp_list: Option<Vec<Timestamp>>,
    nested_string_list: Option<Vec<Vec<String>>>,
    #[aws(xml_name = "renamed", item_name = "item")]
    renamed_list_members: Option<Vec<String>>,
    #[aws(flattened)]
    flattened_list: Option<Vec<String>>,
    #[aws(flattened, xml_name = "customName")]
    flattened_list2: Option<Vec<String>>,
    #[aws(xml_name = "myStructureList", item_name = "item")]
    structure_list: Option<Vec<StructureListMember>>,
    #[aws(flattened)]
    flattened_structure_list: Option<Vec<StructureListMember>>,
}

const XML_LISTS: &str = "<XmlListsRequest>
    <stringList><member>foo</member><member>bar</member></stringList>
    <integerList><member>1</member><member>2</member></integerList>
    <booleanList><member>true</member><member>false</member></booleanList>
    <timestampList><member>2014-04-29T18:30:38Z</member><member>2014-04-29T18:30:38Z</member></timestampList>
    <nestedStringList>
        <member><member>foo</member><member>bar</member></member>
        <member><member>baz</member><member>qux</member></member>
    </nestedStringList>
    <renamed><item>foo</item><item>bar</item></renamed>
    <flattenedList>hi</flattenedList>
    <flattenedList>bye</flattenedList>
    <customName>yep</customName>
    <customName>nope</customName>
    <myStructureList>
        <item><value>1</value><other>2</other></item>
        <item><value>3</value><other>4</other></item>
    </myStructureList>
    <flattenedStructureList><value>5</value><other>6</other></flattenedStructureList>
    <flattenedStructureList><value>7</value><other>8</other></flattenedStructureList>
</XmlListsRequest>";

fn xml_lists() -> XmlLists {
    let t = Timestamp::from_secs_nanos(1398796238, 0);
    let s = |a: &str, b: &str| StructureListMember {
        a: Some(a.into()),
        b: Some(b.into()),
    };
    XmlLists {
        string_list: Some(vec!["foo".into(), "bar".into()]),
        integer_list: Some(vec![1, 2]),
        boolean_list: Some(vec![true, false]),
        timestamp_list: Some(vec![t, t]),
        nested_string_list: Some(vec![
            vec!["foo".into(), "bar".into()],
            vec!["baz".into(), "qux".into()],
        ]),
        renamed_list_members: Some(vec!["foo".into(), "bar".into()]),
        flattened_list: Some(vec!["hi".into(), "bye".into()]),
        flattened_list2: Some(vec!["yep".into(), "nope".into()]),
        structure_list: Some(vec![s("1", "2"), s("3", "4")]),
        flattened_structure_list: Some(vec![s("5", "6"), s("7", "8")]),
    }
}

#[test]
fn lists_wrapped_renamed_nested_and_flattened() {
    round_trip(&xml_lists(), XML_LISTS);
}

#[test]
fn flattened_list_items_may_be_interleaved() {
    let v: XmlLists = parse(
        "<X><flattenedList>a</flattenedList><customName>x</customName>\
         <flattenedList>b</flattenedList><stringList/><flattenedList>c</flattenedList></X>",
    );
    assert_eq!(
        v.flattened_list,
        Some(vec!["a".into(), "b".into(), "c".into()])
    );
    assert_eq!(v.flattened_list2, Some(vec!["x".into()]));
    assert_eq!(v.string_list, Some(vec![]));
    // Errors name the index of the item among the list's items.
    let e = parse_err::<XmlLists>(
        "<X><flattenedStructureList/><integerList/><flattenedStructureList><value><a/></value></flattenedStructureList></X>",
    );
    assert!(
        e.starts_with("XmlListsRequest.flattenedStructureList[1].a: expected text, found element"),
        "{e}"
    );
}

#[test]
fn empty_lists_and_maps_are_empty_not_absent() {
    let v = XmlLists {
        string_list: Some(vec![]),
        ..Default::default()
    };
    round_trip(
        &v,
        "<XmlListsRequest><stringList></stringList></XmlListsRequest>",
    );
    let v: XmlLists = parse("<X><stringList/><integerList></integerList></X>");
    assert_eq!(v.string_list, Some(vec![]));
    assert_eq!(v.integer_list, Some(vec![]));
    let v: XmlMaps = parse("<X><myMap/></X>");
    assert_eq!(v.my_map, Some(HashMap::new()));
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(rename_all = "camelCase")]
struct Greeting {
    hi: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "XmlMapsRequest", rename_all = "camelCase")]
struct XmlMaps {
    my_map: Option<HashMap<String, Greeting>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "XmlMapsXmlNameRequest", rename_all = "camelCase")]
struct XmlMapsXmlName {
    #[aws(key_name = "Attribute", value_name = "Setting")]
    my_map: Option<BTreeMap<String, Greeting>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "FlattenedXmlMapWithXmlNameRequest", rename_all = "camelCase")]
struct FlatMap {
    #[aws(flattened, xml_name = "KVP", key_name = "K", value_name = "V")]
    my_map: Option<BTreeMap<String, String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "NestedXmlMapsRequest", rename_all = "camelCase")]
struct NestedMaps {
    nested_map: Option<BTreeMap<String, BTreeMap<String, String>>>,
    #[aws(flattened)]
    flat_nested_map: Option<BTreeMap<String, BTreeMap<String, String>>>,
}

#[test]
fn maps_wrapped_renamed_flattened_and_nested() {
    let g = |s: &str| Greeting { hi: Some(s.into()) };
    let v = XmlMaps {
        my_map: Some(HashMap::from([("foo".into(), g("there"))])),
    };
    round_trip(
        &v,
        "<XmlMapsRequest><myMap><entry><key>foo</key><value><hi>there</hi></value></entry></myMap></XmlMapsRequest>",
    );
    let v = XmlMapsXmlName {
        my_map: Some(BTreeMap::from([
            ("baz".into(), g("bye")),
            ("foo".into(), g("there")),
        ])),
    };
    round_trip(
        &v,
        "<XmlMapsXmlNameRequest><myMap>
            <entry><Attribute>baz</Attribute><Setting><hi>bye</hi></Setting></entry>
            <entry><Attribute>foo</Attribute><Setting><hi>there</hi></Setting></entry>
        </myMap></XmlMapsXmlNameRequest>",
    );
    let v = FlatMap {
        my_map: Some(BTreeMap::from([
            ("a".into(), "A".into()),
            ("b".into(), "B".into()),
        ])),
    };
    round_trip(
        &v,
        "<FlattenedXmlMapWithXmlNameRequest>
            <KVP><K>a</K><V>A</V></KVP>
            <KVP><K>b</K><V>B</V></KVP>
        </FlattenedXmlMapWithXmlNameRequest>",
    );
    let inner = BTreeMap::from([("bar".to_string(), "Bar".to_string())]);
    let v = NestedMaps {
        nested_map: Some(BTreeMap::from([("foo".into(), inner.clone())])),
        flat_nested_map: Some(BTreeMap::from([("foo".into(), inner)])),
    };
    round_trip(
        &v,
        "<NestedXmlMapsRequest>
            <nestedMap><entry><key>foo</key><value><entry><key>bar</key><value>Bar</value></entry></value></entry></nestedMap>
            <flatNestedMap><key>foo</key><value><entry><key>bar</key><value>Bar</value></entry></value></flatNestedMap>
        </NestedXmlMapsRequest>",
    );
}

#[test]
fn map_errors_name_the_key_and_values_may_precede_keys_in_trees() {
    let e = parse_err::<XmlMaps>(
        "<X><myMap><entry><key>k1</key><value><hi><b/></hi></value></entry></myMap></X>",
    );
    assert!(e.starts_with("XmlMapsRequest.myMap[\"k1\"].hi: "), "{e}");
    let text = "<X><KVP><V>A</V><K>a</K></KVP></X>";
    let v = FlatMap::of_xml(&Xml::parse(text).unwrap()).unwrap();
    assert_eq!(v.my_map.unwrap()["a"], "A");
    // The streaming reader cannot look ahead: it says so instead of guessing.
    let e = xml::from_str::<FlatMap>(text).unwrap_err().to_string();
    assert!(
        e.contains("map entry value before or without its <K>"),
        "{e}"
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "XmlAttributesRequest")]
struct XmlAttributes {
    #[aws(rename = "foo")]
    foo: Option<String>,
    #[aws(xml_attribute, xml_name = "test")]
    attr: Option<String>,
    #[aws(xml_attribute, rename = "n")]
    number: Option<i32>,
}

#[test]
fn attributes_are_written_in_the_start_tag_and_escaped() {
    let v = XmlAttributes {
        foo: Some("hi".into()),
        attr: Some("test".into()),
        number: None,
    };
    assert_eq!(
        v.to_xml(),
        r#"<XmlAttributesRequest test="test"><foo>hi</foo></XmlAttributesRequest>"#
    );
    round_trip(
        &v,
        r#"<XmlAttributesRequest test="test"><foo>hi</foo></XmlAttributesRequest>"#,
    );
    let v = XmlAttributes {
        foo: Some("hi".into()),
        attr: Some("<test&mock>".into()),
        number: Some(3),
    };
    assert_eq!(
        v.to_xml(),
        r#"<XmlAttributesRequest test="&lt;test&amp;mock&gt;" n="3"><foo>hi</foo></XmlAttributesRequest>"#
    );
    // Newlines, tabs and CRs in attributes survive attribute-value normalisation.
    let v = XmlAttributes {
        attr: Some("a\r\nb\tc \"q\"".into()),
        ..Default::default()
    };
    assert_eq!(parse::<XmlAttributes>(&v.to_xml()), v);
    let e = parse_err::<XmlAttributes>(r#"<X n="three"/>"#);
    assert!(
        e.starts_with("XmlAttributesRequest.n: expected integer (i32), found text"),
        "{e}"
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "XmlNamespaceNested", xml_namespace(uri = "http://foo.com"))]
struct NamespaceNested {
    #[aws(rename = "foo", xml_namespace(uri = "http://baz.com", prefix = "baz"))]
    foo: Option<String>,
    #[aws(rename = "values", xml_namespace(uri = "http://qux.com"))]
    values: Option<Vec<String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "XmlNamespacesRequest", xml_namespace(uri = "http://foo.com"))]
struct Namespaces {
    #[aws(rename = "nested")]
    nested: Option<NamespaceNested>,
}

#[test]
fn namespaces_are_declared_where_the_shape_or_member_says() {
    let v = Namespaces {
        nested: Some(NamespaceNested {
            foo: Some("Foo".into()),
            values: Some(vec!["Bar".into(), "Baz".into()]),
        }),
    };
    assert_eq!(
        v.to_xml(),
        concat!(
            r#"<XmlNamespacesRequest xmlns="http://foo.com"><nested xmlns="http://foo.com">"#,
            r#"<foo xmlns:baz="http://baz.com">Foo</foo><values xmlns="http://qux.com">"#,
            "<member>Bar</member><member>Baz</member></values></nested></XmlNamespacesRequest>"
        )
    );
    assert_eq!(parse::<Namespaces>(&v.to_xml()), v);
    let tree = Xml::parse(&v.to_xml()).unwrap();
    assert_eq!(tree.namespace.as_deref(), Some("http://foo.com"));
    let values = tree.child("nested").unwrap().child("values").unwrap();
    assert_eq!(values.namespace.as_deref(), Some("http://qux.com"));
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(
    rename = "PayloadWithXmlNamespaceAndPrefix",
    xml_namespace(uri = "http://foo.com", prefix = "baz")
)]
struct PrefixedPayload {
    #[aws(rename = "name")]
    name: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(xml_name = "Hello")]
struct RenamedPayload {
    #[aws(rename = "name")]
    name: Option<String>,
}

#[test]
fn root_element_is_named_by_xml_name_with_its_namespace() {
    round_trip(
        &PrefixedPayload {
            name: Some("Phreddy".into()),
        },
        r#"<PayloadWithXmlNamespaceAndPrefix xmlns:baz="http://foo.com"><name>Phreddy</name></PayloadWithXmlNamespaceAndPrefix>"#,
    );
    round_trip(
        &RenamedPayload {
            name: Some("Phreddy".into()),
        },
        "<Hello><name>Phreddy</name></Hello>",
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(rename_all = "camelCase")]
enum XmlUnion {
    StringValue(String),
    StructValue(Greeting),
    ListValue(Vec<String>),
    #[aws(unknown)]
    Unknown,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "XmlUnionsRequest", rename_all = "camelCase")]
struct Unions {
    union_value: Option<XmlUnion>,
}

#[test]
fn unions_hold_exactly_one_member() {
    round_trip(
        &Unions {
            union_value: Some(XmlUnion::StructValue(Greeting {
                hi: Some("x".into()),
            })),
        },
        "<XmlUnionsRequest><unionValue><structValue><hi>x</hi></structValue></unionValue></XmlUnionsRequest>",
    );
    let v: Unions = parse("<X><unionValue><other>1</other></unionValue></X>");
    assert_eq!(v.union_value, Some(XmlUnion::Unknown));
    let e = parse_err::<Unions>(
        "<X><unionValue><stringValue>a</stringValue><listValue/></unionValue></X>",
    );
    assert!(e.contains("2 members set"), "{e}");
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(rename_all = "PascalCase")]
enum FooEnum {
    Foo,
    #[aws(rename = "0")]
    Zero,
    #[aws(unknown)]
    Unknown(String),
}

#[derive(AwsShape, Debug, Clone, Copy, PartialEq)]
enum IntEnum {
    #[aws(value = 1)]
    A,
    #[aws(value = 2)]
    B,
    #[aws(unknown)]
    Unknown(i32),
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "XmlEnumsRequest", rename_all = "camelCase")]
struct Enums {
    foo_enum1: Option<FooEnum>,
    foo_enum_list: Option<Vec<FooEnum>>,
    foo_enum_map: Option<BTreeMap<String, FooEnum>>,
    int_enum: Option<IntEnum>,
    int_enum_list: Option<Vec<IntEnum>>,
}

#[test]
fn enums_are_text() {
    let v = Enums {
        foo_enum1: Some(FooEnum::Foo),
        foo_enum_list: Some(vec![
            FooEnum::Foo,
            FooEnum::Zero,
            FooEnum::Unknown("X".into()),
        ]),
        foo_enum_map: Some(BTreeMap::from([("zero".into(), FooEnum::Zero)])),
        int_enum: Some(IntEnum::B),
        int_enum_list: Some(vec![IntEnum::A, IntEnum::Unknown(9)]),
    };
    round_trip(
        &v,
        "<XmlEnumsRequest><fooEnum1>Foo</fooEnum1>
            <fooEnumList><member>Foo</member><member>0</member><member>X</member></fooEnumList>
            <fooEnumMap><entry><key>zero</key><value>0</value></entry></fooEnumMap>
            <intEnum>2</intEnum><intEnumList><member>1</member><member>9</member></intEnumList>
        </XmlEnumsRequest>",
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct WithDocument {
    doc: Option<Document>,
}

#[test]
fn documents_are_not_supported_in_xml() {
    let e = parse_err::<WithDocument>("<X><Doc>1</Doc></X>");
    assert!(e.contains("documents are not supported in XML"), "{e}");
    let v = WithDocument {
        doc: Some(Document::Null),
    };
    assert!(xml::try_to_string(&v).is_err());
    assert!(xml::try_to_string(&Scalars::default()).is_ok());
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct RecursiveShape {
    name: Option<String>,
    nested: Option<Box<RecursiveShape>>,
}

#[test]
fn recursive_shapes() {
    let v = RecursiveShape {
        name: Some("a".into()),
        nested: Some(Box::new(RecursiveShape {
            name: Some("b".into()),
            nested: None,
        })),
    };
    round_trip(
        &v,
        "<RecursiveShape><Name>a</Name><Nested><Name>b</Name></Nested></RecursiveShape>",
    );
}

// ---------------------------------------------------------------------------------------------
// Real services: EC2 DescribeInstances (ec2Query)

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct InstanceState {
    #[aws(xml_name = "code")]
    code: Option<i32>,
    #[aws(xml_name = "name")]
    name: Option<InstanceStateName>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(rename_all = "kebab-case")]
enum InstanceStateName {
    Pending,
    Running,
    ShuttingDown,
    Terminated,
    Stopping,
    Stopped,
    #[aws(unknown)]
    Unknown(String),
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct Tag {
    #[aws(xml_name = "key")]
    key: Option<String>,
    #[aws(xml_name = "value")]
    value: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct Instance {
    #[aws(xml_name = "instanceId")]
    instance_id: Option<String>,
    #[aws(xml_name = "imageId")]
    image_id: Option<String>,
    #[aws(xml_name = "instanceState")]
    state: Option<InstanceState>,
    #[aws(xml_name = "instanceType")]
    instance_type: Option<String>,
    #[aws(xml_name = "launchTime")]
    launch_time: Option<Timestamp>,
    #[aws(xml_name = "tagSet", item_name = "item")]
    tags: Option<Vec<Tag>>,
    #[aws(xml_name = "ebsOptimized")]
    ebs_optimized: Option<bool>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct Reservation {
    #[aws(xml_name = "reservationId")]
    reservation_id: Option<String>,
    #[aws(xml_name = "ownerId")]
    owner_id: Option<String>,
    #[aws(xml_name = "instancesSet", item_name = "item")]
    instances: Option<Vec<Instance>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct DescribeInstancesOutput {
    #[aws(xml_name = "reservationSet", item_name = "item")]
    reservations: Option<Vec<Reservation>>,
    #[aws(xml_name = "nextToken")]
    next_token: Option<String>,
}

fn ec2_instance(i: usize, code: &str) -> String {
    format!(
        "<item><instanceId>i-{i:017x}</instanceId><imageId>ami-bff32ccc</imageId>\
         <instanceState><code>{code}</code><name>running</name></instanceState>\
         <privateDnsName>ip-10-0-0-157.us-east-2.compute.internal</privateDnsName>\
         <instanceType>t2.micro</instanceType><launchTime>2018-05-08T16:46:19.000Z</launchTime>\
         <placement><availabilityZone>us-east-2a</availabilityZone><tenancy>default</tenancy></placement>\
         <tagSet><item><key>Name</key><value>Server &amp; {i}</value></item></tagSet>\
         <ebsOptimized>false</ebsOptimized></item>"
    )
}

fn describe_instances(reservations: usize, bad: Option<(usize, usize)>) -> String {
    let mut body = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>8f7724cf-496f-496e-8fe3-example</requestId>
    <reservationSet>
"#,
    );
    for r in 0..reservations {
        body.push_str(&format!(
            "<item><reservationId>r-{r:017x}</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>"
        ));
        for i in 0..2 {
            let code = if bad == Some((r, i)) { "sixteen" } else { "16" };
            body.push_str(&ec2_instance(r * 2 + i, code));
        }
        body.push_str("</instancesSet></item>\n");
    }
    body.push_str("</reservationSet></DescribeInstancesResponse>");
    body
}

#[test]
fn ec2_describe_instances() {
    let v: DescribeInstancesOutput = parse(&describe_instances(5, None));
    let v2: DescribeInstancesOutput = xml::from_str_ec2(&describe_instances(5, None)).unwrap();
    assert_eq!(v, v2);
    let rs = v.reservations.unwrap();
    assert_eq!(rs.len(), 5);
    let i = &rs[3].instances.as_ref().unwrap()[1];
    assert_eq!(i.instance_id.as_deref(), Some("i-00000000000000007"));
    assert_eq!(
        i.state,
        Some(InstanceState {
            code: Some(16),
            name: Some(InstanceStateName::Running)
        })
    );
    assert_eq!(
        i.launch_time,
        Some(Timestamp::from_secs_nanos(1525797979, 0))
    );
    assert_eq!(
        i.tags.as_ref().unwrap()[0].value.as_deref(),
        Some("Server & 7")
    );
    assert_eq!(i.ebs_optimized, Some(false));
}

#[test]
fn errors_name_the_element_path_and_line() {
    let body = describe_instances(5, Some((3, 0)));
    let e = xml::from_str_ec2::<DescribeInstancesOutput>(&body).unwrap_err();
    assert_eq!(e.path_string(), "Reservations[3].Instances[0].State.Code");
    let s = e.to_string();
    assert!(
        s.starts_with(
            "DescribeInstancesOutput.Reservations[3].Instances[0].State.Code: expected integer (i32), found text at line 8 column 209"
        ),
        "{s}"
    );
    assert!(!s.contains("sixteen"), "values are never echoed: {s}");
    let tree = DescribeInstancesOutput::of_xml(&Xml::parse(&body).unwrap()).unwrap_err();
    assert_eq!(
        tree.path_string(),
        "Reservations[3].Instances[0].State.Code"
    );
}

// ---------------------------------------------------------------------------------------------
// S3 ListObjectsV2 (restXml): flattened Contents interleaved with CommonPrefixes, namespace

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct Object {
    key: Option<String>,
    last_modified: Option<Timestamp>,
    #[aws(rename = "ETag")]
    e_tag: Option<String>,
    size: Option<i64>,
    storage_class: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct CommonPrefix {
    prefix: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(
    xml_name = "ListBucketResult",
    xml_namespace(uri = "http://s3.amazonaws.com/doc/2006-03-01/")
)]
struct ListObjectsV2Output {
    is_truncated: Option<bool>,
    #[aws(flattened)]
    contents: Option<Vec<Object>>,
    name: Option<String>,
    prefix: Option<String>,
    max_keys: Option<i32>,
    #[aws(flattened)]
    common_prefixes: Option<Vec<CommonPrefix>>,
    key_count: Option<i32>,
    next_continuation_token: Option<String>,
}

const LIST_OBJECTS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
    <Name>bucket</Name>
    <Prefix/>
    <KeyCount>3</KeyCount>
    <MaxKeys>1000</MaxKeys>
    <IsTruncated>false</IsTruncated>
    <Contents>
        <Key>my-image.jpg</Key>
        <LastModified>2009-10-12T17:50:30.000Z</LastModified>
        <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
        <Size>434234</Size>
        <StorageClass>STANDARD</StorageClass>
    </Contents>
    <CommonPrefixes><Prefix>photos/</Prefix></CommonPrefixes>
    <Contents>
        <Key>my-third-image.jpg</Key>
        <LastModified>2009-10-12T17:50:30.000Z</LastModified>
        <ETag>&quot;1b2cf535f27731c974343645a3985328&quot;</ETag>
        <Size>64994</Size>
        <StorageClass>STANDARD_IA</StorageClass>
    </Contents>
    <CommonPrefixes><Prefix>videos/</Prefix></CommonPrefixes>
</ListBucketResult>"#;

#[test]
fn s3_list_objects_v2() {
    let v: ListObjectsV2Output = parse(LIST_OBJECTS);
    assert_eq!(v.name.as_deref(), Some("bucket"));
    assert_eq!(v.prefix.as_deref(), Some(""));
    assert_eq!(v.is_truncated, Some(false));
    let contents = v.contents.as_ref().unwrap();
    assert_eq!(contents.len(), 2);
    assert_eq!(
        contents[0].e_tag.as_deref(),
        Some("\"fba9dede5f27731c9771645a39863328\"")
    );
    assert_eq!(contents[1].size, Some(64994));
    let prefixes: Vec<_> = v
        .common_prefixes
        .as_ref()
        .unwrap()
        .iter()
        .map(|p| p.prefix.as_deref().unwrap())
        .collect();
    assert_eq!(prefixes, ["photos/", "videos/"]);
    // Written back: the namespace is declared on the root.
    let body = v.to_xml();
    assert!(
        body.starts_with(r#"<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#),
        "{body}"
    );
    assert_eq!(parse::<ListObjectsV2Output>(&body), v);
    assert_eq!(
        Xml::parse(LIST_OBJECTS).unwrap().namespace.as_deref(),
        Some("http://s3.amazonaws.com/doc/2006-03-01/")
    );
}

// ---------------------------------------------------------------------------------------------
// awsQuery: SQS ReceiveMessage, SNS ListTopics

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct Message {
    message_id: Option<String>,
    receipt_handle: Option<String>,
    #[aws(rename = "MD5OfBody")]
    md5_of_body: Option<String>,
    body: Option<String>,
    #[aws(
        xml_name = "Attribute",
        flattened,
        key_name = "Name",
        value_name = "Value"
    )]
    attributes: Option<HashMap<String, String>>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct ReceiveMessageResult {
    #[aws(xml_name = "Message", flattened)]
    messages: Option<Vec<Message>>,
}

const RECEIVE_MESSAGE: &str = r#"<ReceiveMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
  <ReceiveMessageResult>
    <Message>
      <MessageId>5fea7756-0ea4-451a-a703-a558b933e274</MessageId>
      <ReceiptHandle>MbZj6wDWli+JvwwJaBV+3dcjk2YW2vA3+STFFljTM8tJJg6HRG6PYSasuWXPJB+Cw</ReceiptHandle>
      <MD5OfBody>fafb00f5732ab283681e124bf8747ed1</MD5OfBody>
      <Body>This is a test message</Body>
      <Attribute><Name>SenderId</Name><Value>195004372649</Value></Attribute>
      <Attribute><Name>SentTimestamp</Name><Value>1238099229000</Value></Attribute>
    </Message>
  </ReceiveMessageResult>
  <ResponseMetadata>
    <RequestId>b6633655-283d-45b4-aee4-4e84e0ae6afa</RequestId>
  </ResponseMetadata>
</ReceiveMessageResponse>"#;

#[test]
fn sqs_receive_message_query_response() {
    let v: ReceiveMessageResult = xml::from_str_query(RECEIVE_MESSAGE).unwrap();
    let detected = ReceiveMessageResult::of_string(RECEIVE_MESSAGE).unwrap();
    assert_eq!(v, detected);
    let tree = Xml::parse(RECEIVE_MESSAGE).unwrap();
    let result = xml::unwrap_envelope(&tree, Envelope::QueryResult).unwrap();
    assert_eq!(ReceiveMessageResult::of_xml(result).unwrap(), v);
    let m = &v.messages.as_ref().unwrap()[0];
    assert_eq!(m.body.as_deref(), Some("This is a test message"));
    let attrs = m.attributes.as_ref().unwrap();
    assert_eq!(attrs["SenderId"], "195004372649");
    assert_eq!(attrs["SentTimestamp"], "1238099229000");
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct Topic {
    topic_arn: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct ListTopicsResult {
    topics: Option<Vec<Topic>>,
    next_token: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct EmptyOutput {}

#[test]
fn sns_list_topics_and_outputs_without_result() {
    let body = r#"<ListTopicsResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
  <ListTopicsResult>
    <Topics>
      <member><TopicArn>arn:aws:sns:us-east-1:123456789012:My-Topic</TopicArn></member>
      <member><TopicArn>arn:aws:sns:us-east-1:123456789012:Other</TopicArn></member>
    </Topics>
  </ListTopicsResult>
  <ResponseMetadata><RequestId>3f1478c7-33a9-11df-9540-99d0768312d3</RequestId></ResponseMetadata>
</ListTopicsResponse>"#;
    let v: ListTopicsResult = xml::from_str_query(body).unwrap();
    assert_eq!(v, ListTopicsResult::of_string(body).unwrap());
    assert_eq!(v.topics.as_ref().unwrap().len(), 2);
    // An operation without output members: no …Result element at all.
    let body = "<DeleteTopicResponse><ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></DeleteTopicResponse>";
    assert_eq!(
        xml::from_str_query::<EmptyOutput>(body).unwrap(),
        EmptyOutput {}
    );
}

// ---------------------------------------------------------------------------------------------
// Error envelopes

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(code = "ExpiredTokenException"))]
struct ExpiredTokenException {
    message: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(code = "RegionDisabledException", status = 403))]
struct RegionDisabledException {
    message: Option<String>,
}

#[derive(AwsShape, Debug, PartialEq)]
#[aws(errors)]
enum AssumeRoleError {
    ExpiredToken(ExpiredTokenException),
    RegionDisabled(RegionDisabledException),
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

#[test]
fn sts_error_response() {
    let body = br#"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>ExpiredTokenException</Code>
    <Message>The security token included in the request is expired</Message>
  </Error>
  <RequestId>4b3a6e7e-7d8c-11e9-a9a8-3f2e0f8d1f1c</RequestId>
</ErrorResponse>"#;
    let r = XmlErrorResponse::parse(body, None).unwrap();
    assert_eq!(r.code.as_deref(), Some("ExpiredTokenException"));
    assert_eq!(
        r.request_id.as_deref(),
        Some("4b3a6e7e-7d8c-11e9-a9a8-3f2e0f8d1f1c")
    );
    let e: AssumeRoleError = r.to_error().unwrap();
    assert_eq!(
        e,
        AssumeRoleError::ExpiredToken(ExpiredTokenException {
            message: Some("The security token included in the request is expired".into())
        })
    );
    assert_eq!(e.code(), "ExpiredTokenException");
    // The envelope or the <Error> element: both work.
    let error = xml::error_element(&r.body).unwrap();
    assert_eq!(
        AssumeRoleError::error_of_xml("ExpiredTokenException", error).unwrap(),
        e
    );
}

#[derive(AwsShape, Debug, PartialEq)]
#[aws(errors)]
enum Ec2Error {
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

#[test]
fn ec2_error_response() {
    let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>The instance ID 'i-1a2b3c4d' does not exist</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-example</RequestID></Response>"#;
    let r = XmlErrorResponse::parse(body, None).unwrap();
    assert_eq!(r.code.as_deref(), Some("InvalidInstanceID.NotFound"));
    assert_eq!(
        r.request_id.as_deref(),
        Some("ea966190-f9aa-478e-9ede-example")
    );
    let e: Ec2Error = r.to_error().unwrap();
    assert_eq!(
        e,
        Ec2Error::Unknown {
            code: "InvalidInstanceID.NotFound".into(),
            message: Some("The instance ID 'i-1a2b3c4d' does not exist".into())
        }
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(code = "NoSuchKey", status = 404))]
struct NoSuchKey {
    message: Option<String>,
    key: Option<String>,
}

#[derive(AwsShape, Debug, PartialEq)]
#[aws(errors)]
enum GetObjectError {
    NoSuchKey(NoSuchKey),
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

#[test]
fn s3_bare_error() {
    let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>NoSuchKey</Code>
  <Message>The resource you requested does not exist</Message>
  <Key>mykey</Key>
  <RequestId>4442587FB7D0A2F9</RequestId>
  <HostId>hostid</HostId>
</Error>"#;
    let r = XmlErrorResponse::parse(body, None).unwrap();
    assert_eq!(r.request_id.as_deref(), Some("4442587FB7D0A2F9"));
    let e: GetObjectError = r.to_error().unwrap();
    assert_eq!(
        e,
        GetObjectError::NoSuchKey(NoSuchKey {
            message: Some("The resource you requested does not exist".into()),
            key: Some("mykey".into()),
        })
    );
    // restXml errors can also come in the awsQuery envelope (the conformance cases do).
    let body = b"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Hi</Message></Error><RequestId>foo-id</RequestId></ErrorResponse>";
    let r = XmlErrorResponse::parse(body, None).unwrap();
    assert_eq!(
        r.to_error::<GetObjectError>().unwrap(),
        GetObjectError::Unknown {
            code: "AccessDenied".into(),
            message: Some("Hi".into())
        }
    );
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(error(query_code = "AWS.SimpleQueueService.NonExistentQueue"))]
struct QueueDoesNotExist {
    message: Option<String>,
}

#[derive(AwsShape, Debug, PartialEq)]
#[aws(errors)]
enum GetQueueUrlError {
    QueueDoesNotExist(QueueDoesNotExist),
    #[aws(unknown)]
    Unknown {
        code: String,
        message: Option<String>,
    },
}

#[test]
fn query_error_header_code_wins() {
    assert_eq!(
        awso::error_code::from_query_error_header("AWS.SimpleQueueService.NonExistentQueue;Sender"),
        Some("AWS.SimpleQueueService.NonExistentQueue")
    );
    assert_eq!(awso::error_code::from_query_error_header(""), None);
    let body = b"<ErrorResponse><Error><Type>Sender</Type><Code>QueueDoesNotExist</Code><Message>gone</Message></Error></ErrorResponse>";
    let r = XmlErrorResponse::parse(body, Some("AWS.SimpleQueueService.NonExistentQueue;Sender"))
        .unwrap();
    assert_eq!(
        r.code.as_deref(),
        Some("AWS.SimpleQueueService.NonExistentQueue")
    );
    assert_eq!(
        r.to_error::<GetQueueUrlError>().unwrap(),
        GetQueueUrlError::QueueDoesNotExist(QueueDoesNotExist {
            message: Some("gone".into())
        })
    );
    // Without the header, the body's code names the shape too.
    let r = XmlErrorResponse::parse(body, None).unwrap();
    assert!(matches!(
        r.to_error::<GetQueueUrlError>().unwrap(),
        GetQueueUrlError::QueueDoesNotExist(_)
    ));
}

// ---------------------------------------------------------------------------------------------
// restXml request bodies: S3 with namespaces and attributes

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct S3Tag {
    key: String,
    value: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(xml_namespace(uri = "http://s3.amazonaws.com/doc/2006-03-01/"))]
struct Tagging {
    #[aws(item_name = "Tag")]
    tag_set: Vec<S3Tag>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct Grantee {
    display_name: Option<String>,
    #[aws(rename = "ID")]
    id: Option<String>,
    #[aws(xml_attribute, xml_name = "xsi:type")]
    r#type: String,
    #[aws(rename = "URI")]
    uri: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct Grant {
    #[aws(xml_namespace(uri = "http://www.w3.org/2001/XMLSchema-instance", prefix = "xsi"))]
    grantee: Option<Grantee>,
    permission: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct Owner {
    display_name: Option<String>,
    #[aws(rename = "ID")]
    id: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
#[aws(xml_namespace(uri = "http://s3.amazonaws.com/doc/2006-03-01/"))]
struct AccessControlPolicy {
    #[aws(rename = "AccessControlList", item_name = "Grant")]
    grants: Option<Vec<Grant>>,
    owner: Option<Owner>,
}

#[test]
fn s3_request_bodies_with_namespaces_and_attributes() {
    let v = Tagging {
        tag_set: vec![S3Tag {
            key: "env".into(),
            value: "prod & <test>".into(),
        }],
    };
    assert_eq!(
        v.to_xml(),
        r#"<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><TagSet><Tag><Key>env</Key><Value>prod &amp; &lt;test&gt;</Value></Tag></TagSet></Tagging>"#
    );
    assert_eq!(parse::<Tagging>(&v.to_xml()), v);
    let v = AccessControlPolicy {
        grants: Some(vec![Grant {
            grantee: Some(Grantee {
                display_name: None,
                id: Some("abc".into()),
                r#type: "CanonicalUser".into(),
                uri: None,
            }),
            permission: Some("FULL_CONTROL".into()),
        }]),
        owner: Some(Owner {
            display_name: None,
            id: Some("abc".into()),
        }),
    };
    round_trip(
        &v,
        r#"<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
            <AccessControlList><Grant>
                <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>abc</ID></Grantee>
                <Permission>FULL_CONTROL</Permission>
            </Grant></AccessControlList>
            <Owner><ID>abc</ID></Owner>
        </AccessControlPolicy>"#,
    );
}

// ---------------------------------------------------------------------------------------------
// Bad input: errors, never panics

#[test]
fn malformed_xml_is_a_syntax_error_with_a_location() {
    assert!(Xml::parse("<X a=1/>").is_err());
    assert_eq!(xml::from_str::<Scalars>(" \n").unwrap(), Scalars::default());
    assert_eq!(
        xml::from_str_query::<EmptyOutput>("").unwrap(),
        EmptyOutput {}
    );
    for text in [
        "<X>",
        "<X><stringValue>a</X>",
        "<X></Y>",
        "<X><stringValue>a</stringValue></X><Y/>",
        "<X>&bogus;</X>",
        "<X><stringValue>&bogus;</stringValue></X>",
        "<X><stringValue>&#0;</stringValue></X>",
        "not xml",
        "<X><stringValue><![CDATA[open</stringValue></X>",
    ] {
        let e = xml::from_str::<Scalars>(text).expect_err(text);
        assert!(
            matches!(e.kind(), ErrorKind::Syntax(_) | ErrorKind::Type { .. }),
            "{text}: {e}"
        );
        assert!(Xml::parse(text).is_err(), "{text}");
        assert!(Scalars::of_string(text).is_err(), "{text}");
    }
    let e = xml::from_str::<Scalars>("<X>\n  <stringValue>a</X>").unwrap_err();
    assert!(e.to_string().contains("at line 2"), "{e}");
}

#[test]
fn entity_bombs_are_errors() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<X><stringValue>&lol3;</stringValue></X>"#;
    let e = xml::from_str::<Scalars>(bomb).unwrap_err();
    assert!(e.to_string().contains("DTD"), "{e}");
    assert!(Xml::parse(bomb).is_err());
    let external = r#"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><X><stringValue>&e;</stringValue></X>"#;
    assert!(xml::from_str::<Scalars>(external).is_err());
    assert!(Xml::parse(external).is_err());
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let text = format!(
        "<X><Unknown>{}{}</Unknown></X>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let e = xml::from_str::<Scalars>(&text).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::DepthLimit(128));
    assert!(Xml::parse(&text).is_err());
    let e = RecursiveShape::of_string(&format!(
        "<R>{}{}</R>",
        "<Nested>".repeat(depth),
        "</Nested>".repeat(depth)
    ))
    .unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::DepthLimit(128));
    // Configurable.
    let text = format!("<X>{}{}</X>", "<a>".repeat(200), "</a>".repeat(200));
    let options = XmlOptions {
        max_depth: 300,
        ..Default::default()
    };
    assert!(xml::from_slice_with::<Scalars>(text.as_bytes(), Envelope::Root, &options).is_ok());
    assert!(Xml::parse_with(text.as_bytes(), &options).is_ok());
    assert!(xml::from_str::<Scalars>(&text).is_err());
}

#[test]
fn size_limit_and_invalid_utf8() {
    let options = XmlOptions {
        max_size: 10,
        ..Default::default()
    };
    let e = xml::from_slice_with::<Scalars>(b"<X><stringValue/></X>", Envelope::Root, &options)
        .unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::SizeLimit(10));
    assert!(Xml::parse_with(b"<X><stringValue/></X>", &options).is_err());
    let e = xml::from_slice::<Scalars>(b"<X>\n<stringValue>\xff</stringValue></X>").unwrap_err();
    assert!(
        e.to_string().contains("invalid UTF-8 at line 2 column 14"),
        "{e}"
    );
}

#[test]
fn wrong_types_name_the_path() {
    for (text, path, expected) in [
        (
            "<X><integerValue>1.5</integerValue></X>",
            "SimpleScalarPropertiesRequest.integerValue",
            "expected integer (i32), found text",
        ),
        (
            "<X><integerValue></integerValue></X>",
            "SimpleScalarPropertiesRequest.integerValue",
            "expected integer (i32), found empty text",
        ),
        (
            "<X><byteValue>300</byteValue></X>",
            "SimpleScalarPropertiesRequest.byteValue",
            "number out of range for byte (i8)",
        ),
        (
            "<X><trueBooleanValue>yes</trueBooleanValue></X>",
            "SimpleScalarPropertiesRequest.trueBooleanValue",
            "expected boolean (true or false), found text",
        ),
        (
            "<X><floatValue>abc</floatValue></X>",
            "SimpleScalarPropertiesRequest.floatValue",
            "expected float, found text",
        ),
        (
            "<X><stringValue><a/></stringValue></X>",
            "SimpleScalarPropertiesRequest.stringValue",
            "expected text, found element",
        ),
    ] {
        let e = parse_err::<Scalars>(text);
        assert!(e.starts_with(&format!("{path}: {expected}")), "{text}: {e}");
    }
    let e = parse_err::<Enums>(
        "<X><intEnumList><member>1</member><member>x</member></intEnumList></X>",
    );
    assert!(
        e.starts_with("XmlEnumsRequest.intEnumList[1]: expected integer (i32)"),
        "{e}"
    );
    let e = parse_err::<Tagging>("<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>");
    assert!(
        e.starts_with("Tagging.TagSet[0]: missing required member Value"),
        "{e}"
    );
}

#[test]
fn garbage_never_panics() {
    // A cheap fuzz: every prefix and some mutations of real bodies.
    let bodies = [LIST_OBJECTS, RECEIVE_MESSAGE, XML_LISTS];
    for body in bodies {
        for end in (0..body.len()).filter(|i| body.is_char_boundary(*i)) {
            let cut = &body[..end];
            let _ = xml::from_str::<ListObjectsV2Output>(cut);
            let _ = xml::from_str_query::<ReceiveMessageResult>(cut);
            let _ = XmlLists::of_string(cut);
            let _ = Xml::parse(cut);
            let _ = XmlErrorResponse::parse(cut.as_bytes(), None);
        }
        for (i, _) in body.char_indices().step_by(7) {
            for junk in ["<", ">", "&", "/", "\"", "]]>", "<!--"] {
                let mut s = body.to_string();
                s.insert_str(i, junk);
                let _ = xml::from_str::<ListObjectsV2Output>(&s);
                let _ = XmlLists::of_string(&s);
                let _ = xml::from_str_query::<ReceiveMessageResult>(&s);
            }
        }
    }
}

#[test]
fn of_string_detects_the_query_envelope() {
    // A restXml output whose root happens to end in Response is read as it is.
    let v: Scalars = Scalars::of_string(
        "<SimpleScalarPropertiesResponse><stringValue>s</stringValue></SimpleScalarPropertiesResponse>",
    )
    .unwrap();
    assert_eq!(v.string_value.as_deref(), Some("s"));
    let v: Scalars = Scalars::of_string(
        "<OpResponse><OpResult><stringValue>q</stringValue></OpResult><ResponseMetadata/></OpResponse>",
    )
    .unwrap();
    assert_eq!(v.string_value.as_deref(), Some("q"));
    let v: Scalars = xml::from_str_query(
        "<OpResponse><ResponseMetadata/><OpResult><stringValue>q</stringValue></OpResult></OpResponse>",
    )
    .unwrap();
    assert_eq!(v.string_value.as_deref(), Some("q"));
}

/// `#[aws(xml_name)]`-free output with one member `A`, as the issue's examples read it.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename_all = "PascalCase")]
struct OneMember {
    a: Option<i32>,
}

/// Reads `body` on every path that knows the awsQuery envelope (and the tree's
/// `unwrap_envelope`), asserting they agree; returns what they read.
fn read_query_everywhere(body: &str) -> OneMember {
    let direct: OneMember = xml::from_str_query(body).unwrap_or_else(|e| panic!("{body}: {e}"));
    let detected = OneMember::of_string(body).unwrap_or_else(|e| panic!("{body}: {e}"));
    assert_eq!(
        direct, detected,
        "from_str_query and of_string differ on {body}"
    );
    let tree = Xml::parse(body).unwrap();
    for envelope in [Envelope::QueryResult, Envelope::Detect] {
        let result = xml::unwrap_envelope(&tree, envelope).expect(body);
        assert_eq!(
            OneMember::of_xml(result).unwrap(),
            direct,
            "{envelope:?}: {body}"
        );
    }
    direct
}

#[test]
fn query_result_element_is_found_wherever_it_is_among_the_children() {
    for body in [
        "<FooResponse><FooResult><A>1</A></FooResult><ResponseMetadata/></FooResponse>",
        // ResponseMetadata first: of_string used to read the root and give A = None.
        "<FooResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata><FooResult><A>1</A></FooResult></FooResponse>",
        // Anything before the result element.
        "<FooResponse><Other>x</Other><FooResult><A>1</A></FooResult></FooResponse>",
        "<FooResponse>\n  <!-- c --><?pi x?>\n  <FooResult><A>1</A></FooResult>\n</FooResponse>",
        // A result element of another name: both read it (the first one).
        "<FooResponse><BarResult><A>1</A></BarResult><FooResult><A>2</A></FooResult></FooResponse>",
        r#"<q:FooResponse xmlns:q="urn:q"><q:ResponseMetadata/><q:FooResult><q:A>1</q:A></q:FooResult></q:FooResponse>"#,
    ] {
        assert_eq!(read_query_everywhere(body).a, Some(1), "{body}");
    }
}

#[test]
fn query_response_without_result_element_is_an_error_unless_it_holds_only_metadata() {
    // Only ResponseMetadata (an operation without output members): an empty output, everywhere.
    for body in [
        "<DeleteFooResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteFooResponse>",
        "<DeleteFooResponse/>",
    ] {
        assert_eq!(xml::from_str_query::<OneMember>(body).unwrap(), OneMember::default());
        assert_eq!(OneMember::of_string(body).unwrap(), OneMember::default());
    }
    // Members but no …Result: awsQuery says what is missing, where; of_string, which has no
    // protocol, reads the ec2Query form, as from_str_ec2 does.
    let body = "<FooResponse>\n<A>1</A></FooResponse>";
    let e = xml::from_str_query::<OneMember>(body).unwrap_err();
    let m = e.to_string();
    assert!(
        m.contains("<FooResult>") && m.contains("at line 1 column 1"),
        "{m}"
    );
    assert_eq!(OneMember::of_string(body).unwrap().a, Some(1));
    assert_eq!(xml::from_str_ec2::<OneMember>(body).unwrap().a, Some(1));
    assert!(xml::unwrap_envelope(&Xml::parse(body).unwrap(), Envelope::QueryResult).is_none());
    // A root that is no …Response is no awsQuery envelope, even with a …Result child.
    let body = "<Foo><FooResult><A>1</A></FooResult></Foo>";
    let m = xml::from_str_query::<OneMember>(body)
        .unwrap_err()
        .to_string();
    assert!(
        m.contains("<…Response> root") && m.contains("line 1 column 1"),
        "{m}"
    );
    assert_eq!(OneMember::of_string(body).unwrap().a, None);
    assert!(xml::unwrap_envelope(&Xml::parse(body).unwrap(), Envelope::QueryResult).is_none());
}

#[test]
fn ill_formed_attributes_are_syntax_errors_with_line_and_column() {
    // (body, line, column of the offending byte)
    let cases: &[(&str, usize, usize)] = &[
        ("<FooResponse xmlns?><FooResult/></FooResponse>", 1, 19),
        (r#"<FooResponse a="1" b><FooResult/></FooResponse>"#, 1, 21),
        (r#"<FooResponse a="<"><FooResult/></FooResponse>"#, 1, 17),
        (r#"<FooResponse a="1"b="2"><FooResult/></FooResponse>"#, 1, 19),
        (r#"<FooResponse a=1><FooResult/></FooResponse>"#, 1, 16),
        (r#"<FooResponse a="1" a="2"><FooResult/></FooResponse>"#, 1, 20),
        (r#"<FooResponse a="&bogus;"><FooResult/></FooResponse>"#, 1, 17),
        (r#"<FooResponse a="x & y"><FooResult/></FooResponse>"#, 1, 19),
        (r#"<FooResponse a="&#1;"><FooResult/></FooResponse>"#, 1, 17),
        ("<FooResponse a=\"\u{1}\"><FooResult/></FooResponse>", 1, 17),
        (r#"<FooResponse 1a="1"><FooResult/></FooResponse>"#, 1, 14),
        // Below the root, in the result, and in an element that is skipped.
        ("<FooResponse>\n  <FooResult>\n    <A b>1</A></FooResult></FooResponse>", 3, 9),
        ("<FooResponse>\n  <ResponseMetadata x=\"<\"/><FooResult/></FooResponse>", 2, 24),
        ("<FooResponse><FooResult><Unknown><Deeper c=></Deeper></Unknown></FooResult></FooResponse>", 1, 44),
    ];
    for &(body, line, column) in cases {
        let at = format!("at line {line} column {column}");
        let errors = [
            ("from_str", xml::from_str::<OneMember>(body).map(drop)),
            (
                "from_slice",
                xml::from_slice::<OneMember>(body.as_bytes()).map(drop),
            ),
            (
                "from_str_query",
                xml::from_str_query::<OneMember>(body).map(drop),
            ),
            (
                "from_str_ec2",
                xml::from_str_ec2::<OneMember>(body).map(drop),
            ),
            ("of_string", OneMember::of_string(body).map(drop)),
            ("Xml::parse", Xml::parse(body).map(drop)),
            (
                "XmlErrorResponse::parse",
                XmlErrorResponse::parse(body.as_bytes(), None).map(drop),
            ),
        ];
        for (path, result) in errors {
            let e = result.expect_err(&format!("{path} accepted {body}"));
            assert!(
                matches!(e.kind(), ErrorKind::Syntax(_)),
                "{path}: {body}: {e}"
            );
            let m = e.to_string();
            assert!(
                m.contains("attribute") && m.contains(&at),
                "{path}: {body}: {m}, expected {at}"
            );
        }
    }
    // Well-formed attributes still read, on every path.
    for body in [
        "<FooResponse xmlns=\"urn:x\" a = '1'\tb=\n\"2\" ><FooResult><A>1</A></FooResult></FooResponse>",
        r#"<FooResponse a="&lt;&#x41;&amp;'" b='"' é·-.="3"><FooResult c:d="1"><A>1</A></FooResult></FooResponse>"#,
    ] {
        assert_eq!(read_query_everywhere(body).a, Some(1), "{body}");
    }
}

#[test]
fn character_references_to_characters_xml_does_not_allow_are_errors() {
    for text in [
        "<X><stringValue>&#1;</stringValue></X>",
        "<X><stringValue>&#xFFFE;</stringValue></X>",
    ] {
        assert!(
            matches!(
                xml::from_str::<Scalars>(text).unwrap_err().kind(),
                ErrorKind::Syntax(_)
            ),
            "{text}"
        );
        assert!(Xml::parse(text).is_err(), "{text}");
    }
    assert_eq!(
        xml::from_str::<Scalars>("<X><stringValue>&#9;&#x10000;</stringValue></X>")
            .unwrap()
            .string_value
            .as_deref(),
        Some("\t\u{10000}")
    );
}

/// One timestamp member per format.
#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename_all = "PascalCase")]
struct Times {
    at: Option<Timestamp>,
    #[aws(timestamp_format = "epoch-seconds")]
    es: Option<Timestamp>,
    #[aws(timestamp_format = "http-date")]
    hd: Option<Timestamp>,
}

#[test]
fn timestamps_read_no_more_precision_than_written() {
    // date-time and epoch-seconds: milliseconds, floored; http-date: whole seconds, also when
    // its text arrives in another format (the XML reader accepts any of the three).
    let ms = Timestamp::from_millis(1_700_000_000_184);
    let body = "<OpResponse><OpResult><At>2023-11-14T22:13:20.184467Z</At><Es>1700000000.184467</Es><Hd>2023-11-14T22:13:20.184Z</Hd></OpResult></OpResponse>";
    let v: Times = xml::from_str_query(body).unwrap();
    assert_eq!(
        v,
        Times {
            at: Some(ms),
            es: Some(ms),
            hd: Some(Timestamp::from_secs(1_700_000_000)),
        }
    );
    assert_eq!(Times::of_string(body).unwrap(), v);
    let written = v.to_xml();
    assert_eq!(
        written,
        "<Times><At>2023-11-14T22:13:20.184Z</At><Es>1700000000.184</Es><Hd>Tue, 14 Nov 2023 22:13:20 GMT</Hd></Times>"
    );
    assert_eq!(xml::from_str::<Times>(&written).unwrap(), v);
    let v: Times = xml::from_str("<Times><Hd>1700000000.999</Hd><Es>-0.0001</Es></Times>").unwrap();
    assert_eq!(v.hd, Some(Timestamp::from_secs(1_700_000_000)));
    assert_eq!(v.es, Some(Timestamp::from_millis(-1)));
    assert_eq!(xml::from_str::<Times>(&v.to_xml()).unwrap(), v);
}

#[test]
fn xml_tree_api() {
    let x = Xml::parse(
        r#"<a:Root xmlns:a="urn:a" id="1"><Child>t&amp;</Child><Child>u</Child></a:Root>"#,
    )
    .unwrap();
    assert_eq!(x.name, "Root");
    assert_eq!(x.prefix.as_deref(), Some("a"));
    assert_eq!(x.namespace.as_deref(), Some("urn:a"));
    assert_eq!(x.attribute("id"), Some("1"));
    assert_eq!(x.child_text("Child"), Some("t&"));
    assert_eq!(x.children_named("Child").count(), 2);
    let again = Xml::parse(&x.to_string()).unwrap();
    assert_eq!(again, x);
}

// ---------------------------------------------------------------------------------------------
// Cross-checks against botocore's parsers (the tests' Python, as tests/wire/botocore_crosscheck.rs)

/// botocore's parse of one response body, as JSON (timestamps as epoch seconds).
fn botocore(
    service: &str,
    operation: &str,
    protocol: &str,
    status: u16,
    body: &str,
) -> awso::serde_json::Value {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/botocore/parse_xml.py");
    let mut child = Command::new(common::python::python())
        .args([script, service, operation, protocol, &status.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run the tests' Python ({e})"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "parse_xml.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    awso::serde_json::from_slice(&out.stdout).expect("parse_xml.py prints JSON")
}

/// Checks that every member awso read is what botocore read (awso models a subset).
fn assert_subset(ours: &awso::serde_json::Value, theirs: &awso::serde_json::Value, path: &str) {
    use awso::serde_json::Value as J;
    match (ours, theirs) {
        (J::Object(a), J::Object(b)) => {
            for (k, v) in a {
                let t = b
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k}: botocore has no such member: {theirs}"));
                assert_subset(v, t, &format!("{path}.{k}"));
            }
        }
        (J::Array(a), J::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}: list lengths differ");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_subset(x, y, &format!("{path}[{i}]"));
            }
        }
        (J::Number(a), J::Number(b)) => {
            assert_eq!(a.as_f64(), b.as_f64(), "{path}");
        }
        _ => assert_eq!(ours, theirs, "{path}"),
    }
}

#[test]
fn ec2_describe_instances_matches_botocore() {
    let body = describe_instances(3, None);
    let ours: DescribeInstancesOutput = xml::from_str_ec2(&body).unwrap();
    let theirs = botocore("ec2", "DescribeInstances", "ec2", 200, &body);
    assert_subset(&ours.to_json(), &theirs, "DescribeInstancesOutput");
}

#[test]
fn s3_list_objects_v2_matches_botocore() {
    let ours: ListObjectsV2Output = xml::from_str(LIST_OBJECTS).unwrap();
    let theirs = botocore("s3", "ListObjectsV2", "rest-xml", 200, LIST_OBJECTS);
    assert_subset(&ours.to_json(), &theirs, "ListObjectsV2Output");
}

#[test]
fn sns_list_topics_matches_botocore() {
    let body = r#"<ListTopicsResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
  <ListTopicsResult>
    <Topics>
      <member><TopicArn>arn:aws:sns:us-east-1:123456789012:My-Topic</TopicArn></member>
      <member><TopicArn>arn:aws:sns:us-east-1:123456789012:Other &amp; more</TopicArn></member>
    </Topics>
    <NextToken>tok</NextToken>
  </ListTopicsResult>
  <ResponseMetadata><RequestId>3f1478c7-33a9-11df-9540-99d0768312d3</RequestId></ResponseMetadata>
</ListTopicsResponse>"#;
    let ours: ListTopicsResult = xml::from_str_query(body).unwrap();
    let theirs = botocore("sns", "ListTopics", "query", 200, body);
    assert_subset(&ours.to_json(), &theirs, "ListTopicsResult");
    assert_eq!(ours.next_token.as_deref(), Some("tok"));
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: String,
    expiration: Timestamp,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct AssumedRoleUser {
    assumed_role_id: String,
    arn: String,
}

#[derive(AwsShape, Debug, Clone, PartialEq)]
struct AssumeRoleResponse {
    credentials: Option<Credentials>,
    assumed_role_user: Option<AssumedRoleUser>,
    packed_policy_size: Option<i32>,
    source_identity: Option<String>,
}

#[test]
fn sts_assume_role_and_its_error_match_botocore() {
    let body = r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <SourceIdentity>Alice</SourceIdentity>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::123456789012:assumed-role/demo/TestAR</Arn>
      <AssumedRoleId>ARO123EXAMPLE123:TestAR</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <SessionToken>AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==</SessionToken>
      <Expiration>2019-11-09T13:34:41Z</Expiration>
    </Credentials>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
</AssumeRoleResponse>"#;
    let ours: AssumeRoleResponse = xml::from_str_query(body).unwrap();
    assert_eq!(ours, AssumeRoleResponse::of_string(body).unwrap());
    let theirs = botocore("sts", "AssumeRole", "query", 200, body);
    assert_subset(&ours.to_json(), &theirs, "AssumeRoleResponse");

    let error = r#"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error><Type>Sender</Type><Code>ExpiredTokenException</Code><Message>expired &lt;now&gt;</Message></Error>
  <RequestId>4b3a6e7e</RequestId>
</ErrorResponse>"#;
    let theirs = botocore("sts", "AssumeRole", "query", 400, error);
    let r = XmlErrorResponse::parse(error.as_bytes(), None).unwrap();
    assert_eq!(
        Some(r.code.as_deref().unwrap()),
        theirs["Error"]["Code"].as_str()
    );
    assert_eq!(
        Some(r.message.as_deref().unwrap()),
        theirs["Error"]["Message"].as_str()
    );
}

/// botocore's restXml request body for one S3 operation.
fn botocore_body(operation: &str, params: &str) -> String {
    let v = common::botocore_json(&[
        &common::script("serialize.py"),
        "s3",
        operation,
        "rest-xml",
        params,
    ]);
    v["body"].as_str().expect("a text body").to_owned()
}

#[test]
fn s3_request_bodies_match_botocore() {
    let v = AccessControlPolicy {
        grants: Some(vec![Grant {
            grantee: Some(Grantee {
                display_name: None,
                id: Some("abc".into()),
                r#type: "CanonicalUser".into(),
                uri: None,
            }),
            permission: Some("FULL_CONTROL".into()),
        }]),
        owner: Some(Owner {
            display_name: Some("me & <you>".into()),
            id: Some("abc".into()),
        }),
    };
    let theirs = botocore_body(
        "PutBucketAcl",
        r#"{"Bucket":"b","AccessControlPolicy":{"Grants":[{"Grantee":{"ID":"abc","Type":"CanonicalUser"},"Permission":"FULL_CONTROL"}],"Owner":{"DisplayName":"me & <you>","ID":"abc"}}}"#,
    );
    assert_xml_eq(&v.to_xml(), &theirs);
    let v = Tagging {
        tag_set: vec![
            S3Tag {
                key: "env".into(),
                // botocore writes a CR raw, which every XML parser turns into LF; awso
                // writes `&#xD;` so it survives (as the Smithy cases expect), so only LF here.
                value: "prod\n\"x\" \t".into(),
            },
            S3Tag {
                key: "team".into(),
                value: String::new(),
            },
        ],
    };
    let theirs = botocore_body(
        "PutBucketTagging",
        r#"{"Bucket":"b","Tagging":{"TagSet":[{"Key":"env","Value":"prod\n\"x\" \t"},{"Key":"team","Value":""}]}}"#,
    );
    assert_xml_eq(&v.to_xml(), &theirs);
}

// ---------------------------------------------------------------------------------------------
// Root element naming for the operations layer

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "PayloadWithXmlName", xml_name = "Hello")]
struct PayloadWithXmlName {
    #[aws(rename = "name")]
    name: Option<String>,
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
#[aws(rename = "NestedPayload")]
struct NestedPayload {
    #[aws(rename = "greeting")]
    greeting: Option<String>,
}

#[test]
fn operation_input_names_and_payload_members_name_the_root() {
    // An operation's input `locationName` names the root, unless the shape has an xml_name
    // (BodyWithXmlName).
    let v = NestedPayload {
        greeting: Some("hello".into()),
    };
    assert_eq!(
        xml::to_string_with_root(&v, "OpRequest"),
        "<OpRequest><greeting>hello</greeting></OpRequest>"
    );
    let p = PayloadWithXmlName {
        name: Some("Phreddy".into()),
    };
    assert_eq!(
        xml::to_string_with_root(&p, "OpRequest"),
        "<Hello><name>Phreddy</name></Hello>"
    );
    assert_eq!(
        xml::to_vec_with_root(&v, "R"),
        b"<R><greeting>hello</greeting></R>"
    );
}

#[test]
fn deep_hand_built_trees_drop_print_and_read_without_overflow() {
    let mut x = Xml::new("leaf");
    for _ in 0..200_000 {
        let mut parent = Xml::new("Nested");
        parent.children.push(x);
        x = parent;
    }
    let e = RecursiveShape::of_xml(&x).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::DepthLimit(128));
    assert!(x.to_string().starts_with("<Nested><Nested>"));
    drop(x);
}

// Names and namespaces one level down: list items, map keys and values, nested collections.

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Nested {
    /// A map of maps: the inner map's key and value elements are named by `items(...)`.
    #[aws(
        key_name = "OuterKey",
        items(key_name = "InnerKey", value_name = "InnerValue")
    )]
    maps: Option<BTreeMap<String, BTreeMap<String, String>>>,
    /// A list of lists, the inner items named and namespaced.
    #[aws(
        item_name = "row",
        item_namespace(uri = "https://rows.example.com"),
        items(
            item_name = "cell",
            item_namespace(uri = "https://cells.example.com", prefix = "c")
        )
    )]
    grid: Option<Vec<Vec<i32>>>,
    /// Namespaced map keys and values.
    #[aws(
        xml_name = "KVP",
        key_name = "K",
        value_name = "V",
        key_namespace(uri = "https://keys.example.com"),
        value_namespace(uri = "https://values.example.com")
    )]
    pairs: Option<BTreeMap<String, String>>,
}

#[test]
fn item_key_and_value_names_and_namespaces_one_level_down() {
    let v = Nested {
        maps: Some(BTreeMap::from([(
            "outer".to_string(),
            BTreeMap::from([("a".to_string(), "1".to_string())]),
        )])),
        grid: Some(vec![vec![1, 2], vec![3]]),
        pairs: Some(BTreeMap::from([("k".to_string(), "v".to_string())])),
    };
    let text = v.to_xml();
    assert_eq!(
        text,
        "<Nested>\
         <Maps><entry><OuterKey>outer</OuterKey><value>\
         <entry><InnerKey>a</InnerKey><InnerValue>1</InnerValue></entry>\
         </value></entry></Maps>\
         <Grid>\
         <row xmlns=\"https://rows.example.com\"><cell xmlns:c=\"https://cells.example.com\">1</cell><cell xmlns:c=\"https://cells.example.com\">2</cell></row>\
         <row xmlns=\"https://rows.example.com\"><cell xmlns:c=\"https://cells.example.com\">3</cell></row>\
         </Grid>\
         <KVP><entry><K xmlns=\"https://keys.example.com\">k</K><V xmlns=\"https://values.example.com\">v</V></entry></KVP>\
         </Nested>"
    );
    // Both read paths use the nested names too.
    assert_eq!(parse::<Nested>(&text), v);
    // The same names in awsQuery keys.
    let params = v.to_query();
    let keys: Vec<&str> = params.iter().map(|(k, _)| k).collect();
    assert!(
        keys.contains(&"Maps.entry.1.value.entry.1.InnerKey"),
        "{keys:?}"
    );
    assert!(keys.contains(&"Grid.row.1.cell.2"), "{keys:?}");
}

#[derive(AwsShape, Debug, Clone, PartialEq, Default)]
struct Ordered {
    #[aws(flattened)]
    tags: Option<indexmap::IndexMap<String, String>>,
}

#[test]
fn index_maps_keep_entry_order_in_every_format() {
    let tags: indexmap::IndexMap<String, String> = [("zeta", "1"), ("alpha", "2"), ("mid", "3")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let v = Ordered { tags: Some(tags) };
    let text = v.to_xml();
    assert_eq!(
        text,
        "<Ordered><Tags><key>zeta</key><value>1</value></Tags><Tags><key>alpha</key><value>2</value></Tags><Tags><key>mid</key><value>3</value></Tags></Ordered>"
    );
    let back = parse::<Ordered>(&text);
    let order = |o: &Ordered| o.tags.as_ref().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(order(&back), ["zeta", "alpha", "mid"]);
    assert_eq!(
        awso::json::to_string(&v),
        r#"{"Tags":{"zeta":"1","alpha":"2","mid":"3"}}"#
    );
    let from_json: Ordered = awso::json::from_str(r#"{"Tags":{"b":"1","a":"2"}}"#).unwrap();
    assert_eq!(order(&from_json), ["b", "a"]);
    let keys: Vec<String> = v.to_query().iter().map(|(k, _)| k.to_string()).collect();
    assert_eq!(keys[0], "Tags.1.key");
    assert_eq!(v.to_query().iter().next().unwrap().1, "zeta");
}
