//! XML error responses: finding the code, message and request id in the three envelopes.
//!
//! - awsQuery: `<ErrorResponse><Error><Type/><Code/><Message/>…</Error><RequestId/></ErrorResponse>`
//! - ec2Query: `<Response><Errors><Error><Code/><Message/>…</Error></Errors><RequestID/></Response>`
//! - restXml: `<ErrorResponse><Error>…</Error></ErrorResponse>`, or a bare `<Error>` (S3, whose
//!   `RequestId` is inside it).
//!
//! The members of an error shape are the children of `<Error>`.

use super::{Xml, XmlOptions};
use crate::error::Result;
use crate::AwsError;

/// The `<Error>` element of an error response in any of the three envelopes, or `None` if
/// `xml` is none of them.
pub fn error_element(xml: &Xml) -> Option<&Xml> {
    match xml.name.as_str() {
        "Error" => Some(xml),
        // Some endpoints (moto among them) wrap awsQuery errors in `<Errors>` as ec2Query does.
        "ErrorResponse" | "Response" => xml
            .child("Error")
            .or_else(|| xml.child("Errors").and_then(|e| e.child("Error"))),
        _ => None,
    }
}

/// The error code, the way AWS clients find it: the code of an `x-amzn-query-error` header
/// (`Code;Sender`) when there is one, else the `<Code>` of the `<Error>` element; normalised
/// with [`crate::error_code::normalize`].
pub fn error_code<'a>(query_error_header: Option<&'a str>, xml: &'a Xml) -> Option<&'a str> {
    let raw = query_error_header
        .and_then(crate::error_code::from_query_error_header)
        .or_else(|| error_element(xml)?.child_text("Code"))?;
    let code = crate::error_code::normalize(raw);
    (!code.is_empty()).then_some(code)
}

/// The `<Message>` (or `<message>`) of the `<Error>` element.
pub fn error_message(xml: &Xml) -> Option<&str> {
    let e = error_element(xml)?;
    e.child_text("Message").or_else(|| e.child_text("message"))
}

/// The request id: `<RequestId>` (awsQuery, and inside S3's `<Error>`) or `<RequestID>`
/// (ec2Query).
pub fn request_id(xml: &Xml) -> Option<&str> {
    fn find(x: &Xml) -> Option<&str> {
        x.children
            .iter()
            .find(|c| c.name == "RequestId" || c.name == "RequestID")
            .map(|c| c.text.as_str())
    }
    find(xml).or_else(|| error_element(xml).and_then(find))
}

/// A parsed XML error response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlErrorResponse {
    /// The error code (see [`error_code`]), if any.
    pub code: Option<String>,
    /// The message, if any.
    pub message: Option<String>,
    /// The request id, if any.
    pub request_id: Option<String>,
    /// The whole body.
    pub body: Xml,
}

impl XmlErrorResponse {
    /// Parses an error response body; `query_error_header` is the `x-amzn-query-error`
    /// header, if the response had one.
    ///
    /// # Errors
    ///
    /// Malformed XML (see [`Xml::parse`]).
    pub fn parse(body: &[u8], query_error_header: Option<&str>) -> Result<Self> {
        let xml = Xml::parse_with(body, &XmlOptions::default())?;
        Ok(XmlErrorResponse {
            code: error_code(query_error_header, &xml).map(str::to_owned),
            message: error_message(&xml).map(str::to_owned),
            request_id: request_id(&xml).map(str::to_owned),
            body: xml,
        })
    }

    /// Reads the operation's error enum from this response (an `Unknown` variant for codes the
    /// enum does not model; an empty code if none was found).
    ///
    /// # Errors
    ///
    /// The `<Error>` element does not hold the error shape the code names.
    pub fn to_error<E: AwsError>(&self) -> Result<E> {
        E::error_of_xml(self.code.as_deref().unwrap_or(""), &self.body)
    }
}

/// Reads the error with the given code from an error response (any envelope) or its
/// `<Error>` element; what [`AwsError::error_of_xml`] does.
pub fn error_of_xml<E: AwsError>(code: &str, xml: &Xml) -> Result<E> {
    let element = error_element(xml).unwrap_or(xml);
    let mut d = super::XmlDeserializer::new(super::tree::TreeSource::new(element));
    d.open_root()?;
    E::error_deserialize(code, &mut d)
}
