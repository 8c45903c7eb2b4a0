//! Static descriptions of structures, unions and their members, written by the derive and read
//! by the protocol code. All protocol rules are applied by the runtime from these facts.

use crate::time::TimestampFormat;

/// What a described shape is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeKind {
    /// A structure: any subset of its members is present.
    Structure,
    /// A union (tagged union): exactly one member is present.
    Union,
}

/// An XML namespace declaration (`xmlns` or `xmlns:prefix`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlNamespace {
    /// The namespace URI.
    pub uri: &'static str,
    /// The prefix, if the declaration is `xmlns:prefix`.
    pub prefix: Option<&'static str>,
}

/// Whether an error is the caller's fault or the service's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The request was wrong (HTTP 4xx by default).
    Client,
    /// The service failed (HTTP 5xx by default).
    Server,
}

/// What makes a structure an error shape (`#[aws(error(...))]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorInfo {
    /// The error code the service sends (`GameSessionFullException`).
    pub code: &'static str,
    /// The HTTP status the service sends it with.
    pub status: u16,
    /// Client or server fault.
    pub fault: Fault,
    /// The awsQuery error code, for awsQuery-compatible services
    /// (`AWS.SimpleQueueService.NonExistentQueue`).
    pub query_code: Option<&'static str>,
}

/// What kind of value a type is, where the HTTP layer needs to know (payload members).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ValueKind {
    /// A structure.
    Structure,
    /// A union (an unset union payload sends no body, unlike a structure).
    Union,
    /// A string or string enum (`text/plain` as a payload).
    Text,
    /// A blob (`application/octet-stream` as a payload).
    Blob,
    /// A document.
    Document,
    /// Anything else.
    #[default]
    Other,
}

/// Where a member travels in an HTTP message (the REST protocols' HTTP bindings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpBinding {
    /// In the body (the default; the only location in awsJson and the query protocols).
    #[default]
    Body,
    /// In the header of this name (`httpHeader`).
    Header(&'static str),
    /// A map whose entries are the headers starting with this prefix (`httpPrefixHeaders`).
    PrefixHeaders(&'static str),
    /// The label of this name in the URI template (`httpLabel`): `{Name}` or greedy `{Name+}`.
    Label(&'static str),
    /// The query string parameter of this name (`httpQuery`).
    Query(&'static str),
    /// A map of further query string parameters (`httpQueryParams`).
    QueryParams,
    /// The whole body (`httpPayload`): a structure, a blob, a string or a document.
    Payload,
    /// The HTTP status code of a response (`httpResponseCode`).
    ResponseCode,
}

/// One member of a structure or union.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// The member name (`PlayerSessionId`): the key in JSON and CBOR, the element in XML.
    pub name: &'static str,
    /// The key in restJson1 bodies when it differs from `name` (`jsonName`).
    pub json_name: Option<&'static str>,
    /// The XML element or attribute name, and awsQuery key, when it differs (`xmlName`).
    pub xml_name: Option<&'static str>,
    /// The ec2Query key when it differs (`ec2QueryName`).
    pub query_name: Option<&'static str>,
    /// The element name of a list's items in XML and awsQuery (default `member`).
    pub item_name: Option<&'static str>,
    /// The element name of a map's keys in XML and awsQuery (default `key`).
    pub key_name: Option<&'static str>,
    /// The element name of a map's values in XML and awsQuery (default `value`).
    pub value_name: Option<&'static str>,
    /// How timestamps in this member are written, when not the protocol's default.
    pub timestamp_format: Option<TimestampFormat>,
    /// A flattened list or map (XML and query).
    pub flattened: bool,
    /// Serialized as an XML attribute of the enclosing element.
    pub xml_attribute: bool,
    /// An XML namespace declared on this member's element.
    pub xml_namespace: Option<XmlNamespace>,
    /// An XML namespace declared on each list item element, or each map value element.
    pub item_namespace: Option<XmlNamespace>,
    /// An XML namespace declared on each map key element.
    pub key_namespace: Option<XmlNamespace>,
    /// How the items of a list, or the values of a map, are themselves named in XML and
    /// query when they are lists or maps (`item_name`, `key_name`, ... one level down;
    /// `#[aws(items(...))]`).
    pub items: Option<&'static Member>,
    /// The member must be present (not an `Option`).
    pub required: bool,
    /// The value must never be shown (`Debug` redacts it).
    pub sensitive: bool,
    /// Where the member travels in the REST protocols.
    pub location: HttpBinding,
    /// The member also fills the label of its name in the operation's host prefix
    /// (`hostLabel`), besides travelling where `location` says.
    pub host_label: bool,
    /// The media type of a string sent in a header (`mediaType`; JSON values are base64).
    pub media_type: Option<&'static str>,
    /// The kind of the member's type (set for payload members).
    pub kind: ValueKind,
    /// `"Name":` with `name` escaped as a JSON string, written by the derive so JSON writers
    /// copy member keys instead of escaping them; empty to escape at run time.
    #[doc(hidden)]
    pub json_prefix: &'static str,
    /// The same for the restJson1 key, when `json_name` is set (else `json_prefix` serves).
    #[doc(hidden)]
    pub rest_json_prefix: &'static str,
}

impl Member {
    /// A member with only a name; the derive sets the rest with struct-update syntax.
    pub const DEFAULT: Member = Member {
        name: "",
        json_name: None,
        xml_name: None,
        query_name: None,
        item_name: None,
        key_name: None,
        value_name: None,
        timestamp_format: None,
        flattened: false,
        xml_attribute: false,
        xml_namespace: None,
        item_namespace: None,
        key_namespace: None,
        items: None,
        required: false,
        sensitive: false,
        location: HttpBinding::Body,
        host_label: false,
        media_type: None,
        kind: ValueKind::Other,
        json_prefix: "",
        rest_json_prefix: "",
    };

    /// Whether the member is bound to something other than the body when HTTP bindings apply.
    #[inline]
    pub fn is_bound(&self) -> bool {
        !matches!(self.location, HttpBinding::Body)
    }

    /// `"Key":` of this member in a JSON body, pre-escaped, when the derive wrote it.
    #[inline]
    pub fn json_prefix(&self, use_json_name: bool) -> Option<&'static str> {
        let p = if use_json_name && self.json_name.is_some() {
            self.rest_json_prefix
        } else {
            self.json_prefix
        };
        (!p.is_empty()).then_some(p)
    }

    /// The key of this member in a JSON body, honouring `jsonName` when asked to.
    #[inline]
    pub fn json_key(&self, use_json_name: bool) -> &'static str {
        match self.json_name {
            Some(n) if use_json_name => n,
            _ => self.name,
        }
    }
}

/// A structure or union, as the derive describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The shape name (the type name unless renamed).
    pub name: &'static str,
    /// Structure or union.
    pub kind: ShapeKind,
    /// The members, in declaration order.
    pub members: &'static [Member],
    /// The root element name in XML, when it differs from `name`.
    pub xml_name: Option<&'static str>,
    /// The XML namespace of the root element.
    pub xml_namespace: Option<XmlNamespace>,
    /// Set on error shapes.
    pub error: Option<ErrorInfo>,
}

impl Shape {
    /// A structure with only a name and members; the derive sets the rest.
    pub const DEFAULT: Shape = Shape {
        name: "",
        kind: ShapeKind::Structure,
        members: &[],
        xml_name: None,
        xml_namespace: None,
        error: None,
    };

    /// For an error shape: the message member, for a key that names the message in any of the
    /// ways AWS services spell it (`message`, `Message`, `errorMessage`) when the model spells
    /// it differently.
    pub fn error_message_member(&self, key: &str) -> Option<usize> {
        if self.error.is_none() || !matches!(key, "message" | "Message" | "errorMessage") {
            return None;
        }
        self.members.iter().position(|m| {
            !m.xml_attribute
                && (m.name.eq_ignore_ascii_case("message")
                    || m.name.eq_ignore_ascii_case("errormessage"))
        })
    }

    /// Finds the member whose key (`key_of`) equals `key`, trying `hint` first: members
    /// usually arrive in declaration order, so the common case is one comparison.
    #[inline]
    pub fn find_member(
        &self,
        key: &str,
        hint: usize,
        key_of: impl Fn(&Member) -> &'static str,
    ) -> Option<usize> {
        if let Some(m) = self.members.get(hint) {
            if key_of(m) == key {
                return Some(hint);
            }
        }
        self.members.iter().position(|m| key_of(m) == key)
    }
}
