//! Pull sources of XML elements: raw text ([`SliceSource`](super::read::SliceSource), over
//! quick-xml events) and a parsed [`Xml`](super::Xml) tree
//! ([`TreeSource`](super::tree::TreeSource)). The XML protocol rules live once, in
//! [`XmlDeserializer`](super::XmlDeserializer), over either source.

use crate::error::Result;
use std::borrow::Cow;

/// A pull reader of XML elements.
///
/// The source is always inside some element (the *open* element), or at the document level
/// before the root. [`Source::next_child`] opens the next child element; [`Source::text`] and
/// [`Source::skip`] consume the rest of the open element, end tag included, so that its parent
/// is open again. Text between child elements, comments, processing instructions and CDATA
/// outside of values are ignored. Errors carry a byte offset where the source has one.
pub trait Source<'de> {
    /// Whether [`Source::offset`] means anything (false for a tree, which has no bytes).
    const LOCATED: bool = true;

    /// Opens the next child element of the open element and returns `true`; or consumes the
    /// open element's end tag and returns `false`. At the document level, opens the root
    /// element once, then returns `false`.
    fn next_child(&mut self) -> Result<bool>;

    /// The local name (prefix removed) of the element most recently opened.
    fn name(&self) -> &str;

    /// The value of an attribute of the element most recently opened, matched by qualified
    /// name (`xsi:type`) or, failing that, local name. Only meaningful right after
    /// [`Source::next_child`] returned `true`, before anything else is read.
    fn attribute(&self, name: &str) -> Result<Option<Cow<'_, str>>>;

    /// Consumes the rest of the open element and returns its text content, with entity and
    /// character references resolved and CDATA included. An element with child elements is
    /// an error.
    fn text(&mut self) -> Result<Cow<'de, str>>;

    /// Consumes the rest of the open element, whatever it holds.
    fn skip(&mut self) -> Result<()>;

    /// How many elements are open (0 at the document level).
    fn depth(&self) -> usize;

    /// The text of the open element's first child element named `name`, without consuming
    /// anything, where the source can look ahead (a tree can; a stream cannot, and returns
    /// `None`). Used for map entries whose value comes before their key.
    fn peek_child_text(&self, name: &str) -> Option<String> {
        let _ = name;
        None
    }

    /// Checks that nothing but whitespace, comments and processing instructions follows the
    /// root element.
    fn end(&mut self) -> Result<()>;

    /// The byte offset of the construct last read, for errors raised by the caller (0 where
    /// there is none).
    fn offset(&self) -> usize;
}
