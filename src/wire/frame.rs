//! Framing: the 8-byte header and the incremental decoder that cuts a byte stream into messages.

use super::{DecodeError, Message, Version};
use core::fmt;

/// Size of the message header (MHDR): MessageLength and MessageType, 4 bytes each.
pub const HEADER_LEN: usize = 8;

/// A message type number (spec §2). Unknown numbers are kept, never an error.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MessageType(pub u32);

impl MessageType {
    /// The spec's name of this type (`"OPEN_CONF"`), or `None` for a type the catalogue does not
    /// know.
    #[must_use]
    pub fn name(self) -> Option<&'static str> {
        super::catalogue::spec_of(self).map(|s| s.name)
    }
}

impl fmt::Debug for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "MessageType({})", self.0),
        }
    }
}

impl fmt::Display for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "UNKNOWN({})", self.0),
        }
    }
}

#[cfg(feature = "defmt")]
impl defmt::Format for MessageType {
    fn format(&self, f: defmt::Formatter) {
        match self.name() {
            Some(n) => defmt::write!(f, "{=str}", n),
            None => defmt::write!(f, "UNKNOWN({=u32})", self.0),
        }
    }
}

/// The message header (MHDR, spec §1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Header {
    /// MessageLength: the length of the body only, **excluding** these 8 bytes.
    pub length: u32,
    /// MessageType.
    pub message_type: MessageType,
}

impl Header {
    /// Reads a header from the first 8 bytes of `buf`, or `None` if it is shorter.
    #[inline]
    #[must_use]
    pub fn parse(buf: &[u8]) -> Option<Header> {
        let (h, _) = buf.split_first_chunk::<HEADER_LEN>()?;
        let [a, b, c, d, e, f, g, i] = *h;
        Some(Header {
            length: u32::from_be_bytes([a, b, c, d]),
            message_type: MessageType(u32::from_be_bytes([e, f, g, i])),
        })
    }

    /// The header's bytes.
    #[must_use]
    pub fn to_bytes(self) -> [u8; HEADER_LEN] {
        let [a, b, c, d] = self.length.to_be_bytes();
        let [e, f, g, i] = self.message_type.0.to_be_bytes();
        [a, b, c, d, e, f, g, i]
    }

    /// The whole message's length, header included.
    #[must_use]
    pub fn total_len(self) -> usize {
        HEADER_LEN.saturating_add(self.length as usize)
    }
}

/// The outcome of decoding from a buffer that may hold only part of a message: httparse's
/// "partial is a status, not an error".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub enum Status<T> {
    /// A whole message was there.
    Complete(T),
    /// The buffer ends inside a message: at least `needed` more bytes must arrive first.
    Partial {
        /// Bytes still missing (after the header is in, exactly the missing part of the body).
        needed: usize,
    },
}

/// One whole message cut from a stream, not yet decoded beyond its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Frame<'a> {
    /// The header.
    pub header: Header,
    /// The body: exactly `header.length` bytes.
    pub body: &'a [u8],
}

impl<'a> Frame<'a> {
    /// The whole message's length, header included: how far to advance in the stream.
    #[must_use]
    pub fn total_len(&self) -> usize {
        HEADER_LEN + self.body.len()
    }
}

/// Cuts a byte stream into messages and decodes them. It holds only settings, so one decoder
/// serves any number of streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct Decoder {
    /// The protocol version: chooses one- or two-byte floating tags.
    pub version: Version,
    /// The longest message accepted, header included. Longer lengths are rejected from the header
    /// alone. The default, 12 500, is v24's documented maximum; v15 documents 4329 but some of
    /// its own per-message maxima exceed it (spec §1.5, §8 #7), so the receive side is lenient.
    pub max_message_len: usize,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder {
            version: Version::V15,
            max_message_len: Decoder::DEFAULT_MAX_MESSAGE_LEN,
        }
    }
}

impl Decoder {
    /// Default receive limit, header included.
    pub const DEFAULT_MAX_MESSAGE_LEN: usize = 12_500;

    /// A decoder for `version` with the default receive limit.
    #[must_use]
    pub fn new(version: Version) -> Self {
        Decoder {
            version,
            ..Decoder::default()
        }
    }

    /// The largest MessageLength (body only) accepted.
    #[must_use]
    pub fn max_body_len(&self) -> usize {
        self.max_message_len.saturating_sub(HEADER_LEN)
    }

    /// Checks a header against the receive limit.
    #[inline]
    pub fn check_header(&self, header: Header) -> Result<(), DecodeError> {
        if header.length as usize > self.max_body_len() {
            return Err(DecodeError::Oversize {
                length: header.length,
                limit: u32::try_from(self.max_body_len()).unwrap_or(u32::MAX),
            });
        }
        Ok(())
    }

    /// Cuts the first message from `buf`. An oversize length is an error as soon as the 8 header
    /// bytes are in.
    #[inline]
    pub fn frame<'a>(&self, buf: &'a [u8]) -> Result<Status<Frame<'a>>, DecodeError> {
        let Some(header) = Header::parse(buf) else {
            return Ok(Status::Partial {
                needed: HEADER_LEN - buf.len(),
            });
        };
        self.check_header(header)?;
        let rest = buf.get(HEADER_LEN..).unwrap_or_default();
        let len = header.length as usize;
        match rest.get(..len) {
            Some(body) => Ok(Status::Complete(Frame { header, body })),
            None => Ok(Status::Partial {
                needed: len - rest.len(),
            }),
        }
    }

    /// Decodes the first message in `buf`; on success also returns how many bytes it took.
    #[inline]
    pub fn decode<'a>(&self, buf: &'a [u8]) -> Result<Status<(Message<'a>, usize)>, DecodeError> {
        Ok(match self.frame(buf)? {
            Status::Complete(frame) => {
                let msg = Message::decode(frame.header.message_type, frame.body, self.version)?;
                Status::Complete((msg, frame.total_len()))
            }
            Status::Partial { needed } => Status::Partial { needed },
        })
    }

    /// Iterates over the whole messages in `buf`. The iterator stops at the first incomplete
    /// message (see [`Messages::remainder`]) or yields the first error and then stops.
    #[must_use]
    pub fn messages<'a>(&self, buf: &'a [u8]) -> Messages<'a> {
        Messages {
            decoder: *self,
            buf,
            failed: false,
        }
    }
}

/// Iterator over the messages in a buffer; see [`Decoder::messages`].
#[derive(Clone, Debug)]
pub struct Messages<'a> {
    decoder: Decoder,
    buf: &'a [u8],
    failed: bool,
}

impl<'a> Messages<'a> {
    /// The bytes not consumed: an incomplete last message, or the bytes from a malformed one on.
    #[must_use]
    pub fn remainder(&self) -> &'a [u8] {
        self.buf
    }
}

impl<'a> Iterator for Messages<'a> {
    type Item = Result<Message<'a>, DecodeError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.buf.is_empty() {
            return None;
        }
        match self.decoder.decode(self.buf) {
            Ok(Status::Complete((msg, used))) => {
                self.buf = self.buf.get(used..).unwrap_or_default();
                Some(Ok(msg))
            }
            Ok(Status::Partial { .. }) => None,
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}
