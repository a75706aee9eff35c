//! The catalogue: every message type the codec knows, as one list. From it come the [`Message`]
//! enum, the decode dispatch and the table of specs that tools read.

use super::agent::*;
use super::call::*;
use super::session::*;
use super::{DecodeError, EncodeError, InvokeId, MessageSpec, MessageType, Version, HEADER_LEN};

/// A message of a type the catalogue does not know: kept whole, never an error (spec §6.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
pub struct RawMessage<'a> {
    /// The type from the header.
    pub message_type: MessageType,
    /// The body, as received.
    pub body: &'a [u8],
}

impl RawMessage<'_> {
    /// Writes header and body into `out`.
    pub fn encode(&self, out: &mut [u8]) -> Result<usize, EncodeError> {
        let total = HEADER_LEN + self.body.len();
        let Some(dst) = out.get_mut(..total) else {
            return Err(EncodeError::BufferTooSmall { needed: total });
        };
        let (h, b) = dst.split_at_mut(HEADER_LEN);
        let len = u32::try_from(self.body.len()).unwrap_or(u32::MAX);
        h.copy_from_slice(
            &super::Header {
                length: len,
                message_type: self.message_type,
            }
            .to_bytes(),
        );
        b.copy_from_slice(self.body);
        Ok(total)
    }
}

macro_rules! catalogue {
    ($( $Name:ident ),* $(,)?) => {
        /// Any message: a typed view for every known type, [`RawMessage`] for the rest.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[cfg_attr(feature = "defmt", derive(defmt::Format))]
        #[allow(missing_docs)]
        pub enum Message<'a> {
            $( $Name($Name<'a>), )*
            /// A type the catalogue does not know.
            Unknown(RawMessage<'a>),
        }

        const TABLE: &[MessageSpec] = &[ $( $Name::SPEC, )* ];

        impl<'a> Message<'a> {
            /// Decodes a body of type `message_type`. Unknown types become [`Message::Unknown`].
            #[inline]
            pub fn decode(
                message_type: MessageType,
                body: &'a [u8],
                version: Version,
            ) -> Result<Self, DecodeError> {
                Ok(match message_type.0 {
                    $( $Name::ID => Message::$Name($Name::decode(body, version)?), )*
                    _ => Message::Unknown(RawMessage { message_type, body }),
                })
            }

            /// The message's type.
            pub fn message_type(&self) -> MessageType {
                match self {
                    $( Message::$Name(_) => $Name::MESSAGE_TYPE, )*
                    Message::Unknown(m) => m.message_type,
                }
            }

            /// The InvokeID of a request or confirmation.
            pub fn invoke_id(&self) -> Option<InvokeId> {
                match self {
                    $( Message::$Name(m) => m.invoke_id(), )*
                    Message::Unknown(_) => None,
                }
            }

            /// Length of the whole message written in `version`'s format.
            pub fn encoded_len(&self, version: Version) -> usize {
                match self {
                    $( Message::$Name(m) => m.encoded_len(version), )*
                    Message::Unknown(m) => HEADER_LEN + m.body.len(),
                }
            }

            /// Writes the whole message into `out`; returns its length. An unknown message is
            /// written as received, whatever `version`.
            pub fn encode(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
                match self {
                    $( Message::$Name(m) => m.encode(version, out), )*
                    Message::Unknown(m) => m.encode(out),
                }
            }
        }

        $(
            impl<'a> From<$Name<'a>> for Message<'a> {
                fn from(m: $Name<'a>) -> Self {
                    Message::$Name(m)
                }
            }
        )*
    };
}

catalogue! {
    FailureConf,
    FailureEvent,
    OpenReq,
    OpenConf,
    HeartbeatReq,
    HeartbeatConf,
    CloseReq,
    CloseConf,
    BeginCallEvent,
    EndCallEvent,
    CallDataUpdateEvent,
    AgentStateEvent,
    SystemEvent,
    ClientEventReportReq,
    ClientEventReportConf,
    ControlFailureConf,
}

/// Every message type the catalogue knows, in type order.
pub static MESSAGES: &[MessageSpec] = TABLE;

/// Largest message type number indexed.
const MAX_INDEXED: usize = 512;

static INDEX: [u16; MAX_INDEXED] = {
    let mut idx = [u16::MAX; MAX_INDEXED];
    let mut i = 0;
    while i < TABLE.len() {
        idx[TABLE[i].id as usize] = i as u16;
        i += 1;
    }
    idx
};

/// The spec of a message type, if the catalogue knows it.
pub fn spec_of(t: MessageType) -> Option<&'static MessageSpec> {
    let i = *INDEX.get(usize::try_from(t.0).ok()?)?;
    TABLE.get(usize::from(i))
}

impl Message<'_> {
    /// The layout of this message's type, if known.
    pub fn spec(&self) -> Option<&'static MessageSpec> {
        spec_of(self.message_type())
    }
}
