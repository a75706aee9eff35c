//! The catalogue: every message type the codec knows, as one list. From it come the [`Message`]
//! enum, the decode dispatch and the table of specs that tools read.

use super::agent::*;
use super::arm::*;
use super::call::*;
use super::config::*;
use super::control::*;
use super::later::*;
use super::monitor::*;
use super::route::*;

use super::session::*;
use super::supervisor::*;
use super::{
    DecodeError, EncodeError, FieldVisitor, InvokeId, MessageSpec, MessageType, Version, HEADER_LEN,
};

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
        #[non_exhaustive]
        pub enum Message<'a> {
            $( $Name($Name<'a>), )*
            /// A type the catalogue does not know.
            Unknown(RawMessage<'a>),
        }

        const TABLE: &[MessageSpec] = &[ $( $Name::SPEC, )* ];

        impl<'a> Message<'a> {
            /// Decodes a body of type `message_type` as protocol `version` lays it out.
            /// Unknown types become [`Message::Unknown`], and so do a type introduced after
            /// `version` ([`MessageSpec::since`]: the number is unknown at that version, so it
            /// is kept raw, never rejected) and a body that does not fit an inferred layout
            /// ([`MessageSpec::is_inferred`]): there the error would more likely be ours than
            /// the peer's.
            #[inline]
            pub fn decode(
                message_type: MessageType,
                body: &'a [u8],
                version: Version,
            ) -> Result<Self, DecodeError> {
                Self::decode_with(message_type, body, version, ()).map(|(m, ())| m)
            }

            /// [`Message::decode`], handing each floating field to `visitor` as it is
            /// validated: a reader that wants every field (a bridge forwarding them, a dump)
            /// gets them in the one pass that validates them instead of walking them again.
            /// The visitor sees exactly the floating fields of the message returned, and comes
            /// back with it (see [`FieldVisitor`] for why it is moved); on an error it is
            /// dropped, having seen the fields before the bad one. A raw message has none.
            #[inline]
            pub fn decode_with<V: FieldVisitor<'a>>(
                message_type: MessageType,
                body: &'a [u8],
                version: Version,
                mut visitor: V,
            ) -> Result<(Self, V), DecodeError> {
                let raw = Message::Unknown(RawMessage { message_type, body });
                let m = match message_type.0 {
                    // A type introduced after the session's version does not exist there: its
                    // number is unknown to a peer of that version, so the body is kept raw
                    // rather than read with a layout that version does not have.
                    $( $Name::ID if version.0 < const { $Name::SPEC.since.0 } => raw, )*
                    // A doubtful layout may still fall back to raw, so its fields are handed
                    // over only once the whole body is known to fit.
                    $( $Name::ID if const { $Name::SPEC.is_inferred() } => {
                        match $Name::decode(body, version) {
                            Ok(m) => {
                                m.replay_floating(&mut visitor);
                                Message::$Name(m)
                            }
                            Err(_) => raw,
                        }
                    }
                    $Name::ID => {
                        let (m, v) = $Name::decode_with(body, version, visitor)?;
                        return Ok((Message::$Name(m), v));
                    } )*
                    _ => raw,
                };
                Ok((m, visitor))
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
                    // A raw body is not interpreted; see `invoke_id_of` for its leading bytes.
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
            impl Encode for $Name<'_> {
                fn message_type(&self) -> MessageType {
                    $Name::MESSAGE_TYPE
                }
                fn invoke_id(&self) -> Option<InvokeId> {
                    $Name::invoke_id(self)
                }
                fn encoded_len(&self, version: Version) -> usize {
                    $Name::encoded_len(self, version)
                }
                fn encode(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
                    $Name::encode(self, version, out)
                }
            }

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
    CallDeliveredEvent,
    CallEstablishedEvent,
    CallHeldEvent,
    CallRetrievedEvent,
    CallClearedEvent,
    CallConnectionClearedEvent,
    CallOriginatedEvent,
    CallFailedEvent,
    CallConferencedEvent,
    CallTransferredEvent,
    CallDivertedEvent,
    CallServiceInitiatedEvent,
    CallQueuedEvent,
    CallTranslationRouteEvent,
    BeginCallEvent,
    EndCallEvent,
    CallDataUpdateEvent,
    SetCallDataReq,
    SetCallDataConf,
    ReleaseCallReq,
    ReleaseCallConf,
    AgentStateEvent,
    SystemEvent,
    ClientEventReportReq,
    ClientEventReportConf,
    CallReachedNetworkEvent,
    ControlFailureConf,
    QueryAgentStateReq,
    QueryAgentStateConf,
    SetAgentStateReq,
    SetAgentStateConf,
    AlternateCallReq,
    AlternateCallConf,
    AnswerCallReq,
    AnswerCallConf,
    ClearCallReq,
    ClearCallConf,
    ClearConnectionReq,
    ClearConnectionConf,
    ConferenceCallReq,
    ConferenceCallConf,
    ConsultationCallReq,
    ConsultationCallConf,
    DeflectCallReq,
    DeflectCallConf,
    HoldCallReq,
    HoldCallConf,
    MakeCallReq,
    MakeCallConf,
    MakePredictiveCallReq,
    MakePredictiveCallConf,
    ReconnectCallReq,
    ReconnectCallConf,
    RetrieveCallReq,
    RetrieveCallConf,
    TransferCallReq,
    TransferCallConf,
    QueryDeviceInfoReq,
    QueryDeviceInfoConf,
    SnapshotCallReq,
    SnapshotCallConf,
    SnapshotDeviceReq,
    SnapshotDeviceConf,
    CallDequeuedEvent,
    SendDtmfSignalReq,
    SendDtmfSignalConf,
    MonitorStartReq,
    MonitorStartConf,
    MonitorStopReq,
    MonitorStopConf,
    ChangeMonitorMaskReq,
    ChangeMonitorMaskConf,
    ClientSessionOpenedEvent,
    ClientSessionClosedEvent,
    SessionMonitorStartReq,
    SessionMonitorStartConf,
    SessionMonitorStopReq,
    SessionMonitorStopConf,
    AgentPreCallEvent,
    AgentPreCallAbortEvent,
    UserMessageReq,
    UserMessageConf,
    UserMessageEvent,
    RegisterVariablesReq,
    RegisterVariablesConf,
    QueryAgentStatisticsReq,
    QueryAgentStatisticsConf,
    QuerySkillGroupStatisticsReq,
    QuerySkillGroupStatisticsConf,
    RtpStartedEvent,
    RtpStoppedEvent,
    SupervisorAssistReq,
    SupervisorAssistConf,
    SupervisorAssistEvent,
    EmergencyCallReq,
    EmergencyCallConf,
    EmergencyCallEvent,
    SuperviseCallReq,
    SuperviseCallConf,
    AgentTeamConfigReq,
    AgentTeamConfigConf,
    AgentTeamConfigEvent,
    SetAppDataReq,
    SetAppDataConf,
    AgentDeskSettingsReq,
    AgentDeskSettingsConf,
    ListAgentTeamReq,
    ListAgentTeamConf,
    MonitorAgentTeamStartReq,
    MonitorAgentTeamStartConf,
    MonitorAgentTeamStopReq,
    MonitorAgentTeamStopConf,
    BadCallReq,
    BadCallConf,
    SetDeviceAttributesReq,
    SetDeviceAttributesConf,
    RegisterServiceReq,
    RegisterServiceConf,
    UnregisterServiceReq,
    UnregisterServiceConf,
    StartRecordingReq,
    StartRecordingConf,
    StopRecordingReq,
    StopRecordingConf,
    MediaLoginReq,
    MediaLoginResp,
    MediaLogoutInd,
    MakeAgentRoutableInd,
    MakeAgentNotRoutableReq,
    MakeAgentNotRoutableResp,
    MakeAgentReadyInd,
    MakeAgentNotReadyReq,
    MakeAgentNotReadyResp,
    OfferTaskInd,
    OfferApplicationTaskReq,
    OfferApplicationTaskResp,
    StartTaskInd,
    StartApplicationTaskReq,
    StartApplicationTaskResp,
    PauseTaskInd,
    ResumeTaskInd,
    WrapupTaskInd,
    EndTaskInd,
    AgentMadeNotRoutableEvent,
    AgentInterruptAdvisoryEvent,
    AgentInterruptAcceptedInd,
    AgentInterruptUnacceptedInd,
    AgentInterruptDoneAdvisoryEvent,
    AgentInterruptDoneAcceptedInd,
    ChangeMaxTaskLimitReq,
    ChangeMaxTaskLimitResp,
    OverrideLimitReq,
    OverrideLimitResp,
    UpdateTaskContextInd,
    BeginAgentInitInd,
    AgentInitReq,
    AgentInitResp,
    EndAgentInitInd,
    TaskInitInd,
    AgentInitReadyEvent,
    GetPrecallMessagesReq,
    GetPrecallMessagesResp,
    AgentLegacyPreCallEvent,
    FailureResp,
    BeginTaskEvent,
    QueuedTaskEvent,
    DequeuedTaskEvent,
    OfferTaskEvent,
    StartTaskEvent,
    PauseTaskEvent,
    ResumeTaskEvent,
    WrapupTaskEvent,
    EndTaskEvent,
    TaskDataUpdateEvent,
    TaskMonitorStartReq,
    TaskMonitorStartConf,
    TaskMonitorStopReq,
    TaskMonitorStopConf,
    ChangeTaskMonitorMaskReq,
    ChangeTaskMonitorMaskConf,
    MaxTaskLifetimeExceededEvent,
    SetAppPathDataInd,
    TaskInitReq,
    TaskInitResp,
    RouteRegisterEvent,
    RouteRegisterReplyEvent,
    RouteRequestEvent,
    RouteSelect,
    RouteEnd,
    ConfigRequestKeyEvent,
    ConfigKeyEvent,
    ConfigRequestEvent,
    ConfigBeginEvent,
    ConfigEndEvent,
    ConfigServiceEvent,
    ConfigSkillGroupEvent,
    ConfigAgentEvent,
    ConfigDeviceEvent,
    CallAttributeChangeEvent,
    TeamConfigReq,
    TeamConfigEvent,
    TeamConfigConf,
    ConfigCallTypeEvent,
    CallTerminationEvent,
    CallAgentGreetingEvent,
    AgentGreetingControlReq,
    AgentGreetingControlConf,
    ConfigMrdEvent,
    GetAgentTasksReq,
    AgentTasksResp,
    SnapshotTaskReq,
    SnapshotTaskResp,
    ConfigPeripheralEvent,
    ConfigAgentDeskSettingsEvent,
    AgentTasksEvent,
    SnapshotTaskEvent,
    AgentTasksRequestEvent,
    AgentTasksEndEvent,
    DesktopConnectedInd,
    StartNetworkRecordingReq,
    StartNetworkRecordingConf,
    StopNetworkRecordingReq,
    StopNetworkRecordingConf,
    NetworkRecordingStartedEvent,
    NetworkRecordingEndedEvent,
    NetworkRecordingFailedEvent,
    NetworkRecordingTargetInfoEvent,
    ConfigTerminalEvent,
    StandbyActiveEvent,
    ActiveMaintenanceReq,
    ActiveMaintenanceResp,
    ActiveMaintenanceEvent,
    StoppingRequestsToThisSideInd,
    ConfigAgentServiceEvent,
    SetAgentServiceDataReq,
    SetAgentServiceDataConf,
}

/// A message that can be written: every typed message, [`Message`] and [`RawMessage`]. Senders
/// take `&impl Encode`, so a program that sends only a few types links only their encoders.
pub trait Encode {
    /// The message's type.
    fn message_type(&self) -> MessageType;
    /// The InvokeID of a request or confirmation.
    fn invoke_id(&self) -> Option<InvokeId>;
    /// Length of the whole message written in `version`'s format.
    fn encoded_len(&self, version: Version) -> usize;
    /// Writes the whole message into `out`; returns its length.
    fn encode(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError>;
}

impl Encode for Message<'_> {
    fn message_type(&self) -> MessageType {
        Message::message_type(self)
    }
    fn invoke_id(&self) -> Option<InvokeId> {
        Message::invoke_id(self)
    }
    fn encoded_len(&self, version: Version) -> usize {
        Message::encoded_len(self, version)
    }
    fn encode(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        Message::encode(self, version, out)
    }
}

impl Encode for RawMessage<'_> {
    fn message_type(&self) -> MessageType {
        self.message_type
    }
    fn invoke_id(&self) -> Option<InvokeId> {
        None
    }
    fn encoded_len(&self, _version: Version) -> usize {
        HEADER_LEN + self.body.len()
    }
    fn encode(&self, _version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        RawMessage::encode(self, out)
    }
}

/// Which message types a decoder turns into typed views; the others come out as
/// [`Message::Unknown`], raw. A session takes one as a type parameter, so a small device links
/// only the decoders it uses.
pub trait Catalogue {
    /// Decodes a body of type `message_type`.
    fn decode(
        message_type: MessageType,
        body: &[u8],
        version: Version,
    ) -> Result<Message<'_>, DecodeError>;
}

/// Every type the codec knows: [`Message::decode`]. The default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FullCatalogue;

impl Catalogue for FullCatalogue {
    #[inline]
    fn decode(
        message_type: MessageType,
        body: &[u8],
        version: Version,
    ) -> Result<Message<'_>, DecodeError> {
        Message::decode(message_type, body, version)
    }
}

/// Only what a CTI Server sends to manage a session (spec §3.1–3.8, §3.20): FAILURE_CONF,
/// FAILURE_EVENT, OPEN_CONF, HEARTBEAT_CONF, CLOSE_CONF, SYSTEM_EVENT, CLIENT_EVENT_REPORT_CONF
/// and CONTROL_FAILURE_CONF. Every other type is handed out raw (and so is not checked beyond
/// its header); confirmations still answer their requests by the InvokeID that leads their body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SessionCatalogue;

impl Catalogue for SessionCatalogue {
    fn decode(
        message_type: MessageType,
        body: &[u8],
        version: Version,
    ) -> Result<Message<'_>, DecodeError> {
        Ok(match message_type.0 {
            FailureConf::ID => Message::FailureConf(FailureConf::decode(body, version)?),
            FailureEvent::ID => Message::FailureEvent(FailureEvent::decode(body, version)?),
            OpenConf::ID => Message::OpenConf(OpenConf::decode(body, version)?),
            HeartbeatConf::ID => Message::HeartbeatConf(HeartbeatConf::decode(body, version)?),
            CloseConf::ID => Message::CloseConf(CloseConf::decode(body, version)?),
            SystemEvent::ID => Message::SystemEvent(SystemEvent::decode(body, version)?),
            ClientEventReportConf::ID => {
                Message::ClientEventReportConf(ClientEventReportConf::decode(body, version)?)
            }
            ControlFailureConf::ID => {
                Message::ControlFailureConf(ControlFailureConf::decode(body, version)?)
            }
            _ => Message::Unknown(RawMessage { message_type, body }),
        })
    }
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn ends_with(s: &str, suffix: &str) -> bool {
    let (s, x) = (s.as_bytes(), suffix.as_bytes());
    if s.len() < x.len() {
        return false;
    }
    let mut i = 0;
    while i < x.len() {
        if s[s.len() - x.len() + i] != x[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Words of the type bit sets: they cover every catalogued type (the highest is 284).
const SET_WORDS: usize = 9;

/// Types whose spec name ends in `_CONF`, as a bit set computed at compile time (so asking
/// costs no name table in the binary).
static CONFIRMATIONS: [u32; SET_WORDS] = {
    let mut bits = [0u32; SET_WORDS];
    let mut i = 0;
    while i < TABLE.len() {
        let s = &TABLE[i];
        assert!((s.id as usize) < SET_WORDS * 32, "type beyond the bit sets");
        if ends_with(s.name, "_CONF") {
            bits[(s.id / 32) as usize] |= 1 << (s.id % 32);
        }
        i += 1;
    }
    bits
};

/// Types whose first fixed field is the InvokeID (every REQ and CONF, spec §1.6).
static INVOKE_ID_FIRST: [u32; SET_WORDS] = {
    let mut bits = [0u32; SET_WORDS];
    let mut i = 0;
    while i < TABLE.len() {
        let s = &TABLE[i];
        if !s.fixed.is_empty() && str_eq(s.fixed[0].name, "InvokeID") {
            bits[(s.id / 32) as usize] |= 1 << (s.id % 32);
        }
        i += 1;
    }
    bits
};

fn bit(set: &[u32; SET_WORDS], t: MessageType) -> bool {
    let Ok(id) = usize::try_from(t.0) else {
        return false;
    };
    set.get(id / 32).is_some_and(|w| w & (1 << (id % 32)) != 0)
}

/// The first type number that may be newer than v15: every catalogued type below it is in
/// every version.
const FIRST_LATE: u32 = 251;

/// For each type from [`FIRST_LATE`] on, the version that introduced it (0 for a number the
/// catalogue does not know), computed at compile time.
static LATE_SINCE: [u8; SET_WORDS * 32 - FIRST_LATE as usize] = {
    let mut since = [0u8; SET_WORDS * 32 - FIRST_LATE as usize];
    let mut i = 0;
    while i < TABLE.len() {
        let s = &TABLE[i];
        if s.id >= FIRST_LATE {
            since[(s.id - FIRST_LATE) as usize] = s.since.0 as u8;
        } else {
            assert!(s.since.0 == 0, "a type below 251 is in every version");
        }
        i += 1;
    }
    since
};

/// True unless `t` is a catalogued type introduced after `version` ([`MessageSpec::since`]):
/// such a number is unknown to a peer of `version`. Costs a few dozen bytes, no name table.
#[must_use]
pub fn type_in_version(t: MessageType, version: Version) -> bool {
    let Some(i) = t.0.checked_sub(FIRST_LATE) else {
        return true;
    };
    let since = usize::try_from(i)
        .ok()
        .and_then(|i| LATE_SINCE.get(i))
        .map_or(0, |&s| u32::from(s));
    version.0 >= since
}

/// True for a confirmation: a `*_CONF` type, the positive or negative answer to a request.
#[must_use]
pub fn is_confirmation(t: MessageType) -> bool {
    bit(&CONFIRMATIONS, t)
}

/// True for a type whose body starts with an InvokeID: the requests and confirmations.
#[must_use]
pub fn has_invoke_id(t: MessageType) -> bool {
    bit(&INVOKE_ID_FIRST, t)
}

/// The InvokeID leading a body of type `t`, for the types that have one.
#[must_use]
pub fn invoke_id_of(t: MessageType, body: &[u8]) -> Option<InvokeId> {
    if !has_invoke_id(t) {
        return None;
    }
    let (id, _) = body.split_first_chunk::<4>()?;
    Some(InvokeId(u32::from_be_bytes(*id)))
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
#[must_use]
pub fn spec_of(t: MessageType) -> Option<&'static MessageSpec> {
    let i = *INDEX.get(usize::try_from(t.0).ok()?)?;
    TABLE.get(usize::from(i))
}

impl Message<'_> {
    /// The layout of this message's type, if the catalogue knows the type. A
    /// [`Message::Unknown`] of a known type is a body that did not fit an inferred layout
    /// ([`MessageSpec::is_inferred`]), its spec the layout it did not fit, or a type newer
    /// than the version it was decoded in ([`MessageSpec::in_version`]).
    #[must_use]
    pub fn spec(&self) -> Option<&'static MessageSpec> {
        spec_of(self.message_type())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The client-to-server types of the v15 table (spec §2) a session hands to the
    /// application, with 230 and 232 (sent by real v15 clients, spec §8 #4) and
    /// TEAM_CONFIG_REQ at 242.
    const CLIENT_REQUESTS: &[u32] = &[
        26, 28, 32, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 64, 78, 82, 84, 91, 93,
        95, 97, 101, 103, 107, 110, 112, 114, 118, 121, 124, 126, 129, 131, 133, 135, 137, 139,
        141, 143, 145, 147, 149, 151, 153, 154, 155, 157, 158, 160, 161, 163, 164, 166, 167, 168,
        169, 172, 173, 175, 176, 178, 180, 181, 182, 184, 185, 187, 201, 203, 205, 208, 209, 211,
        214, 215, 230, 232, 242, 249, // After v15 (versions sheet §4.1).
        255, 257, 267, 269, 283,
    ];

    /// The types whose v15 layout the spec marks as inferred (⚠).
    const INFERRED: &[u32] = &[
        16, 58, 78, 79, 84, 91, 99, 100, 107, 109, 110, 116, 117, 124, 129, 133, 134, 143, 147,
        148, 149, 230, 231, 232, 233, 234, 236, 237, 240,
    ];

    #[test]
    fn client_request_flags_are_the_spec_list() {
        let flagged: heapless::Vec<u32, 256> = MESSAGES
            .iter()
            .filter(|s| s.is_client_request())
            .map(|s| s.id)
            .collect();
        assert_eq!(flagged, CLIENT_REQUESTS);
        for t in [1, 2, 3, 4, 5, 6, 7, 8, 31, 37] {
            assert!(!spec_of(MessageType(t)).unwrap().is_client_request(), "{t}");
        }
    }

    #[test]
    fn inferred_flags_are_the_spec_list() {
        let flagged: heapless::Vec<u32, 256> = MESSAGES
            .iter()
            .filter(|s| s.is_inferred())
            .map(|s| s.id)
            .collect();
        assert_eq!(flagged, INFERRED);
        // An inferred layout is still a layout; an opaque type has none to infer.
        assert!(MESSAGES.iter().all(|s| !(s.is_inferred() && s.is_opaque())));
    }

    #[test]
    fn opaque_types_and_only_they_have_no_fixed_part() {
        for s in MESSAGES {
            assert_eq!(s.is_opaque(), s.fixed.is_empty(), "{}", s.name);
        }
    }
}
