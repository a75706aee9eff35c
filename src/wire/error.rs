//! The codec's two error types: what is wrong with received bytes, and why a message could not
//! be written.

use super::MessageType;
use core::fmt;

/// Received bytes that do not form a valid message. Offsets count from the first byte of the
/// message's header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum DecodeError {
    /// The header announces a message longer than the receive limit. Detected from the 8-byte
    /// header alone, before any of the body is buffered.
    Oversize {
        /// MessageLength from the header (body only).
        length: u32,
        /// The largest body the decoder accepts.
        limit: u32,
    },
    /// The body is shorter than the message type's fixed part.
    ShortBody {
        /// The message type.
        message_type: MessageType,
        /// Body length from the header.
        length: usize,
        /// Size of the fixed part.
        fixed: usize,
    },
    /// A floating field's tag and length are cut off by the end of the body.
    TruncatedFieldHeader {
        /// Offset of the field.
        offset: usize,
    },
    /// A floating field's data runs past the end of the body.
    FieldOverrun {
        /// Offset of the field.
        offset: usize,
        /// Its tag.
        tag: u16,
        /// Its FieldLength.
        length: usize,
        /// Bytes left in the body after its tag and length.
        available: usize,
    },
    /// A STRING floating field whose last byte is not NUL.
    UnterminatedString {
        /// Offset of the field.
        offset: usize,
        /// Its tag.
        tag: u16,
    },
    /// A numeric floating field whose length is not its type's size.
    BadFieldLength {
        /// Offset of the field.
        offset: usize,
        /// Its tag.
        tag: u16,
        /// Its FieldLength.
        length: usize,
    },
    /// A NAMEDVAR or NAMEDARRAY field whose name and value are not two NUL-terminated strings
    /// filling the field exactly.
    BadNamedVariable {
        /// Offset of the field.
        offset: usize,
        /// Its tag.
        tag: u16,
    },
}

impl DecodeError {
    /// Offset of the offending bytes from the start of the message, where there is one.
    #[must_use]
    pub fn offset(&self) -> usize {
        match *self {
            DecodeError::Oversize { .. } => 0,
            DecodeError::ShortBody { .. } => super::HEADER_LEN,
            DecodeError::TruncatedFieldHeader { offset }
            | DecodeError::FieldOverrun { offset, .. }
            | DecodeError::UnterminatedString { offset, .. }
            | DecodeError::BadFieldLength { offset, .. }
            | DecodeError::BadNamedVariable { offset, .. } => offset,
        }
    }

    /// The same error with its offsets moved by `by` bytes.
    pub(crate) fn shifted(self, by: usize) -> Self {
        let mut e = self;
        match &mut e {
            DecodeError::Oversize { .. } | DecodeError::ShortBody { .. } => {}
            DecodeError::TruncatedFieldHeader { offset }
            | DecodeError::FieldOverrun { offset, .. }
            | DecodeError::UnterminatedString { offset, .. }
            | DecodeError::BadFieldLength { offset, .. }
            | DecodeError::BadNamedVariable { offset, .. } => *offset += by,
        }
        e
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DecodeError::Oversize { length, limit } => {
                write!(f, "message length {length} exceeds the limit of {limit} body bytes")
            }
            DecodeError::ShortBody { message_type, length, fixed } => write!(
                f,
                "{message_type} body of {length} bytes is shorter than its {fixed}-byte fixed part"
            ),
            DecodeError::TruncatedFieldHeader { offset } => {
                write!(f, "floating field header cut off at offset {offset}")
            }
            DecodeError::FieldOverrun { offset, tag, length, available } => write!(
                f,
                "floating field tag {tag} at offset {offset} has length {length} but only {available} bytes remain"
            ),
            DecodeError::UnterminatedString { offset, tag } => {
                write!(f, "string field tag {tag} at offset {offset} has no terminating NUL")
            }
            DecodeError::BadFieldLength { offset, tag, length } => write!(
                f,
                "numeric field tag {tag} at offset {offset} has invalid length {length}"
            ),
            DecodeError::BadNamedVariable { offset, tag } => write!(
                f,
                "named variable field tag {tag} at offset {offset} is not two NUL-terminated strings"
            ),
        }
    }
}

impl core::error::Error for DecodeError {}

/// A message that could not be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum EncodeError {
    /// The output buffer is too small; `needed` bytes would do.
    BufferTooSmall {
        /// Bytes the whole message needs.
        needed: usize,
    },
    /// A floating field's data does not fit its length byte(s) (255 bytes below version 20).
    FieldTooLong {
        /// The field's tag.
        tag: u16,
        /// Its data length.
        length: usize,
    },
    /// A tag above 255 cannot be written with the one-byte tags of versions below 20.
    TagTooLarge {
        /// The tag.
        tag: u16,
    },
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            EncodeError::BufferTooSmall { needed } => {
                write!(f, "output buffer too small: {needed} bytes needed")
            }
            EncodeError::FieldTooLong { tag, length } => {
                write!(
                    f,
                    "floating field tag {tag} of {length} bytes does not fit its length"
                )
            }
            EncodeError::TagTooLarge { tag } => {
                write!(
                    f,
                    "tag {tag} does not fit a one-byte tag (version below 20)"
                )
            }
        }
    }
}

impl core::error::Error for EncodeError {}
