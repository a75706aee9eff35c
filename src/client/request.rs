//! Requests that build themselves: typed builders for the requests an agent desktop or a CTI
//! bridge sends, with counts filled in, spec defaults in the fixed part and every string checked
//! against its field's maximum.
//!
//! A builder borrows its strings and small values and writes itself straight into the caller's
//! buffer (it implements [`Encode`]): no allocation and no temporary. The header and fixed part
//! are written by the message's own view in [`crate::wire`] (so the layout has one source of
//! truth), the floating part by [`FloatingWriter`] in the version's tag format. The InvokeID is
//! left 0: [`Session::send`](super::Session::send) writes a fresh one and returns it.
//!
//! Required fields are constructor arguments; optional ones are chainable methods. Counts
//! (NumSkillGroups, NumNamedVariables, NumNamedArrays) are computed from what was added. A string
//! longer than its field's maximum (spec §4; ECC names 32 and values 210 characters, named data
//! 2000 bytes a message, spec §1.4), or one holding a NUL (which would end it early on the wire),
//! is [`EncodeError::FieldTooLong`] when the request is encoded or sent: never a panic, never
//! silently cut. Setters that can be handed an impossible value (a call variable outside 1–10,
//! more than 10 skill groups) return a [`RequestError`] instead.
//!
//! ```
//! use cti_proto::client::request::SetAgentState;
//! use cti_proto::client::{Config, Event, Outcome, Session};
//! use cti_proto::wire::codes::AgentState;
//! use cti_proto::wire::MessageType;
//! use cti_proto::Instant;
//!
//! let mut session = Session::new(&Config::new("desk-1", b""), Instant::ZERO).unwrap();
//! let open_req = session.poll_transmit().unwrap().len();
//! session.advance_transmit(open_req);
//! // The server's OPEN_CONF (InvokeID 1, as OPEN_REQ had).
//! let open_conf = [0, 0, 0, 26, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
//!     0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
//! assert_eq!(session.handle_receive(Instant::from_millis(3), &open_conf), open_conf.len());
//! assert!(matches!(session.poll_event(), Some(Event::Opened(_))));
//!
//! // Agent 1001 at instrument 1001 on peripheral 5000 becomes available.
//! let ready = SetAgentState::new(5000, "1001", AgentState::AVAILABLE)
//!     .agent_id("1001")
//!     .agent_password("1234");
//! let now = Instant::from_millis(10);
//! let id = session.send(now, &ready)?;
//! let bytes = session.poll_transmit().unwrap();
//! assert_eq!(&bytes[4..8], &[0, 0, 0, 38]); // SET_AGENT_STATE_REQ
//! assert_eq!(&bytes[8..12], &id.0.to_be_bytes()); // the InvokeID send chose
//! let n = bytes.len();
//! session.advance_transmit(n);
//!
//! // SET_AGENT_STATE_CONF with that InvokeID.
//! let mut conf = [0, 0, 0, 4, 0, 0, 0, 39, 0, 0, 0, 0];
//! conf[8..].copy_from_slice(&id.0.to_be_bytes());
//! assert_eq!(session.handle_receive(Instant::from_millis(20), &conf), conf.len());
//! match session.poll_event() {
//!     Some(Event::Completed { invoke_id, request, outcome: Outcome::Conf(_) }) => {
//!         assert_eq!(invoke_id, id);
//!         assert_eq!(request, MessageType::SET_AGENT_STATE_REQ);
//!     }
//!     other => panic!("{other:?}"),
//! }
//! # Ok::<(), cti_proto::client::SendError>(())
//! ```

use core::fmt;

use crate::wire::agent::{QueryAgentStateReq, SetAgentStateReq};
use crate::wire::codes::{
    AgentState, AgentStateMask, AgentWorkMode, CallMsgMask, CallType, ConnectionDeviceIdType,
    DeviceIdType, ForcedFlag,
};
use crate::wire::control::{
    AnswerCallReq, ClearCallReq, ClearConnectionReq, ConferenceCallReq, HoldCallReq, MakeCallReq,
    ReleaseCallReq, RetrieveCallReq, SetCallDataReq, TransferCallReq,
};
use crate::wire::monitor::{MonitorStartReq, MonitorStopReq};
use crate::wire::{
    kind, tag, Bool, Encode, EncodeError, Floating, FloatingWriter, InvokeId, Kind, MessageType,
    Str, Tag, Version, HEADER_LEN,
};

/// NULL_CALL_ID (spec §5.11): no call.
const NULL_CALL_ID: u32 = 0xFFFF_FFFF;
/// NULL_CALLTYPE (spec §5.11): no call type.
const NULL_CALLTYPE: CallType = CallType(0xFFFF);
/// The most skill groups SET_AGENT_STATE_REQ carries (spec §3.18).
pub const MAX_LOGIN_SKILL_GROUPS: usize = 10;
/// The longest ECC variable name, in bytes without the NUL (spec §1.4).
pub const MAX_ECC_NAME: usize = 32;
/// The longest ECC variable value, in bytes without the NUL (spec §1.4).
pub const MAX_ECC_VALUE: usize = 210;
/// The most bytes of NamedVariable and NamedArray data one message carries (spec §1.4; the
/// server answers more with E_CTI_TOO_MUCH_DATA). Counted as the fields' data lengths.
pub const MAX_NAMED_DATA: usize = 2000;

/// A value a builder's setter cannot take. (Strings that are too long are reported when the
/// request is encoded, as [`EncodeError::FieldTooLong`].)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "defmt", derive(defmt::Format))]
#[non_exhaustive]
pub enum RequestError {
    /// Call variables are numbered 1 to 10 (CallVariable1–CallVariable10, tags 13–22).
    CallVariableIndex {
        /// The index given.
        index: u8,
    },
    /// SET_AGENT_STATE_REQ carries at most [`MAX_LOGIN_SKILL_GROUPS`] skill groups (spec §3.18).
    TooManySkillGroups {
        /// How many were given.
        count: usize,
    },
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            RequestError::CallVariableIndex { index } => {
                write!(f, "call variable {index} does not exist (1 to 10)")
            }
            RequestError::TooManySkillGroups { count } => write!(
                f,
                "{count} skill groups given, at most {MAX_LOGIN_SKILL_GROUPS} allowed"
            ),
        }
    }
}

impl core::error::Error for RequestError {}

// ----- how a builder writes itself -----

/// Where a builder's floating fields go: measured for `encoded_len`, or written by `encode`.
/// One list of fields per builder serves both, so the two cannot disagree.
trait Sink {
    /// True when values are checked against their limits (when writing; measuring never fails).
    const CHECK: bool;
    /// One field.
    fn put<K: Kind>(&mut self, tag: Tag<K>, value: K::Value<'_>) -> Result<(), EncodeError>;
}

/// Adds up the floating part's length.
struct Measure {
    version: Version,
    len: usize,
}

impl Sink for Measure {
    const CHECK: bool = false;
    fn put<K: Kind>(&mut self, _tag: Tag<K>, value: K::Value<'_>) -> Result<(), EncodeError> {
        self.len += self.version.float_header_len() + K::len(&value);
        Ok(())
    }
}

/// Writes the floating part.
struct Put<'w, 'b>(&'w mut FloatingWriter<'b>);

impl Sink for Put<'_, '_> {
    const CHECK: bool = true;
    fn put<K: Kind>(&mut self, tag: Tag<K>, value: K::Value<'_>) -> Result<(), EncodeError> {
        self.0.put(tag, value).map(|_| ())
    }
}

/// A builder: its message type, its fixed part (written by the message's view) and its
/// floating fields (handed to a [`Sink`]).
trait Build {
    /// Size of the fixed part in `version`, from the message's view.
    fn fixed_len(version: Version) -> usize;
    /// The message type.
    const MESSAGE_TYPE: MessageType;
    /// Hands every floating field to `s`, in wire order.
    fn floating<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError>;
    /// Writes header and fixed part (the header's length counting the fixed part only).
    fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError>;
}

fn encoded_len_of<B: Build>(b: &B, version: Version) -> usize {
    let mut m = Measure { version, len: 0 };
    // Measuring checks nothing, so it cannot fail.
    let _ = b.floating(&mut m);
    HEADER_LEN + B::fixed_len(version) + m.len
}

/// Writes the floating part into its place in `out`, then header and fixed part in front of it,
/// then sets MessageLength.
fn encode_into<B: Build>(b: &B, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
    let needed = encoded_len_of(b, version);
    let Some(out) = out.get_mut(..needed) else {
        return Err(EncodeError::BufferTooSmall { needed });
    };
    let Some((head, tail)) = out.split_at_mut_checked(HEADER_LEN + B::fixed_len(version)) else {
        return Err(EncodeError::BufferTooSmall { needed });
    };
    let mut w = FloatingWriter::new(tail, version);
    b.floating(&mut Put(&mut w))?;
    let floating_len = w.finish().bytes().len();
    let fixed = b.head(version, head)?;
    let body = u32::try_from(B::fixed_len(version) + floating_len)
        .map_err(|_| EncodeError::BufferTooSmall { needed })?;
    if let Some(length) = head.get_mut(..4) {
        length.copy_from_slice(&body.to_be_bytes());
    }
    Ok(fixed + floating_len)
}

macro_rules! impl_encode {
    ($($B:ty),* $(,)?) => { $(
        impl Encode for $B {
            fn message_type(&self) -> MessageType {
                <$B as Build>::MESSAGE_TYPE
            }
            /// 0: [`Session::send`](super::Session::send) writes a fresh one.
            fn invoke_id(&self) -> Option<InvokeId> {
                Some(InvokeId(0))
            }
            fn encoded_len(&self, version: Version) -> usize {
                encoded_len_of(self, version)
            }
            fn encode(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
                encode_into(self, version, out)
            }
        }
    )* };
}

/// A count for a fixed USHORT field. Counts are bounded by the checks made while writing (a
/// message of more than 65 535 fields could not be written anyway).
fn count(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The v15 maximum data length of `tag` (strings include the NUL), from the tag table (spec §4).
fn max_len(tag: u16) -> usize {
    match tag::spec(tag) {
        Some(s) if s.max > 0 => usize::from(s.max),
        _ => usize::MAX,
    }
}

/// The error for a field whose data cannot be sent as given.
fn too_long(tag: u16, length: usize) -> EncodeError {
    EncodeError::FieldTooLong { tag, length }
}

/// Text for a STRING field: within `max` bytes with its NUL, and without a NUL of its own.
fn check_text(tag: u16, text: &str, max: usize) -> Result<(), EncodeError> {
    let length = text.len() + 1;
    if length > max || text.as_bytes().contains(&0) {
        return Err(too_long(tag, length));
    }
    Ok(())
}

/// An optional STRING field.
fn text<S: Sink>(s: &mut S, t: Tag<kind::String>, value: Option<&str>) -> Result<(), EncodeError> {
    let Some(v) = value else { return Ok(()) };
    if S::CHECK {
        check_text(t.id, v, max_len(t.id))?;
    }
    s.put(t, Str::from(v))
}

// ----- shared parts -----

/// One call's connection at a device, as call events name it: ConnectionCallID,
/// ConnectionDeviceIDType and ConnectionDeviceID. Copy them from the event that reported the
/// call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Connection<'a> {
    call_id: u32,
    device_id_type: ConnectionDeviceIdType,
    device_id: &'a str,
}

impl<'a> Connection<'a> {
    /// The connection of call `call_id` at device `device_id`, of type CONNECTION_ID_STATIC
    /// (spec §5.12: a device ID that stays the same from call to call, such as an extension; no
    /// source gives a default, set the event's type with [`Connection::device_id_type`]).
    pub fn new(call_id: u32, device_id: &'a str) -> Self {
        Connection {
            call_id,
            device_id_type: ConnectionDeviceIdType::STATIC,
            device_id,
        }
    }

    /// The ConnectionDeviceIDType the event gave (spec §5.12).
    #[must_use]
    pub fn device_id_type(mut self, device_id_type: ConnectionDeviceIdType) -> Self {
        self.device_id_type = device_id_type;
        self
    }
}

/// A skill group to log into with SET_AGENT_STATE_REQ: SkillGroupNumber (tag 62, INT) and
/// SkillGroupPriority (tag 64, USHORT) (spec §3.18).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SkillGroup {
    /// SkillGroupNumber.
    pub number: i32,
    /// SkillGroupPriority (0: the agent's configured priority).
    pub priority: u16,
}

impl SkillGroup {
    /// Skill group `number` at `priority`.
    pub const fn new(number: i32, priority: u16) -> Self {
        SkillGroup { number, priority }
    }
}

/// The call-data block (spec §3.10): what MAKE_CALL_REQ, TRANSFER_CALL_REQ,
/// CONFERENCE_CALL_REQ and SET_CALL_DATA_REQ carry about a call, in the layout's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct CallData<'a> {
    ani: Option<&'a str>,
    user_to_user_info: Option<&'a [u8]>,
    dnis: Option<&'a str>,
    dialed_number: Option<&'a str>,
    caller_entered_digits: Option<&'a str>,
    router_call_key_day: Option<u32>,
    router_call_key_call_id: Option<u32>,
    router_call_key_sequence_number: Option<u32>,
    call_variables: [Option<&'a str>; 10],
    call_wrapup_data: Option<&'a str>,
    named_variables: &'a [(&'a str, &'a str)],
    named_arrays: &'a [(&'a str, u8, &'a str)],
}

impl CallData<'_> {
    /// NumNamedVariables.
    fn num_named_variables(&self) -> u16 {
        count(self.named_variables.len())
    }

    /// NumNamedArrays.
    fn num_named_arrays(&self) -> u16 {
        count(self.named_arrays.len())
    }

    fn write<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        text(s, tag::ANI, self.ani)?;
        if let Some(uui) = self.user_to_user_info {
            if S::CHECK && uui.len() > max_len(tag::UUI.id) {
                return Err(too_long(tag::UUI.id, uui.len()));
            }
            s.put(tag::UUI, uui)?;
        }
        text(s, tag::DNIS, self.dnis)?;
        text(s, tag::DIALED_NUMBER, self.dialed_number)?;
        text(s, tag::CED, self.caller_entered_digits)?;
        if let Some(v) = self.router_call_key_day {
            s.put(tag::ROUTER_CALL_KEY_DAY, v)?;
        }
        if let Some(v) = self.router_call_key_call_id {
            s.put(tag::ROUTER_CALL_KEY_CALLID, v)?;
        }
        if let Some(v) = self.router_call_key_sequence_number {
            s.put(tag::ROUTER_CALL_KEY_SEQUENCE_NUM, v)?;
        }
        for (t, v) in CALL_VARIABLES.iter().zip(self.call_variables) {
            text(s, *t, v)?;
        }
        text(s, tag::CALL_WRAPUP_DATA, self.call_wrapup_data)?;
        let mut total = 0;
        for &(name, value) in self.named_variables {
            let length = name.len() + value.len() + 2;
            if S::CHECK {
                total += length;
                check_named(tag::NAMED_VARIABLE.id, name, value, length, total)?;
            }
            s.put(
                tag::NAMED_VARIABLE,
                crate::wire::NamedVar {
                    name: Str::from(name),
                    value: Str::from(value),
                },
            )?;
        }
        for &(name, index, value) in self.named_arrays {
            let length = name.len() + value.len() + 3;
            if S::CHECK {
                total += length;
                check_named(tag::NAMED_ARRAY.id, name, value, length, total)?;
            }
            s.put(
                tag::NAMED_ARRAY,
                crate::wire::NamedArray {
                    index,
                    name: Str::from(name),
                    value: Str::from(value),
                },
            )?;
        }
        Ok(())
    }
}

/// CallVariable1–CallVariable10 (tags 13–22).
const CALL_VARIABLES: [Tag<kind::String>; 10] = [
    tag::CALL_VAR_1,
    tag::CALL_VAR_2,
    tag::CALL_VAR_3,
    tag::CALL_VAR_4,
    tag::CALL_VAR_5,
    tag::CALL_VAR_6,
    tag::CALL_VAR_7,
    tag::CALL_VAR_8,
    tag::CALL_VAR_9,
    tag::CALL_VAR_10,
];

/// One named variable or array element of data `length`, `total` bytes of named data so far.
fn check_named(
    tag: u16,
    name: &str,
    value: &str,
    length: usize,
    total: usize,
) -> Result<(), EncodeError> {
    let nul = name.as_bytes().contains(&0) || value.as_bytes().contains(&0);
    if nul || name.len() > MAX_ECC_NAME || value.len() > MAX_ECC_VALUE {
        return Err(too_long(tag, length));
    }
    if total > MAX_NAMED_DATA {
        return Err(too_long(tag, total));
    }
    Ok(())
}

/// FacilityCode, AuthorizationCode and AccountCode: codes a dialing request may give the switch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct DialCodes<'a> {
    facility_code: Option<&'a str>,
    authorization_code: Option<&'a str>,
    account_code: Option<&'a str>,
}

impl DialCodes<'_> {
    fn write<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        text(s, tag::FACILITY_CODE, self.facility_code)?;
        text(s, tag::AUTHORIZATION_CODE, self.authorization_code)?;
        text(s, tag::ACCOUNT_CODE, self.account_code)
    }
}

/// How a call is placed (the fixed fields CallPlacementType … PostRoute of MAKE_CALL_REQ,
/// TRANSFER_CALL_REQ and CONFERENCE_CALL_REQ). Every field defaults to 0: "unspecified" for
/// the four enumerations, "the peripheral's default" for AlertRings, false for the BOOLs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Placement {
    call_placement_type: u16,
    call_manner_type: u16,
    alert_rings: u16,
    call_option: u16,
    facility_type: u16,
    answering_machine: u16,
    priority: bool,
    post_route: bool,
}

/// The setters of the call-data block, for a builder with a `call_data` field.
macro_rules! call_data_setters {
    () => {
        /// ANI (tag 8, STRING 40): the calling line ID.
        #[must_use]
        pub fn ani(mut self, ani: &'a str) -> Self {
            self.call_data.ani = Some(ani);
            self
        }

        /// UserToUserInfo (tag 9, UNSPEC 131): the ISDN user-to-user information.
        #[must_use]
        pub fn user_to_user_info(mut self, uui: &'a [u8]) -> Self {
            self.call_data.user_to_user_info = Some(uui);
            self
        }

        /// DNIS (tag 10, STRING 32).
        #[must_use]
        pub fn dnis(mut self, dnis: &'a str) -> Self {
            self.call_data.dnis = Some(dnis);
            self
        }

        /// DialedNumber (tag 11, STRING 40).
        #[must_use]
        pub fn dialed_number(mut self, dialed_number: &'a str) -> Self {
            self.call_data.dialed_number = Some(dialed_number);
            self
        }

        /// CallerEnteredDigits (tag 12, STRING 40).
        #[must_use]
        pub fn caller_entered_digits(mut self, digits: &'a str) -> Self {
            self.call_data.caller_entered_digits = Some(digits);
            self
        }

        /// RouterCallKeyDay (tag 72, UINT).
        #[must_use]
        pub fn router_call_key_day(mut self, day: u32) -> Self {
            self.call_data.router_call_key_day = Some(day);
            self
        }

        /// RouterCallKeyCallID (tag 73, UINT).
        #[must_use]
        pub fn router_call_key_call_id(mut self, call_id: u32) -> Self {
            self.call_data.router_call_key_call_id = Some(call_id);
            self
        }

        /// RouterCallKeySequenceNumber (tag 110, UINT).
        #[must_use]
        pub fn router_call_key_sequence_number(mut self, sequence_number: u32) -> Self {
            self.call_data.router_call_key_sequence_number = Some(sequence_number);
            self
        }

        /// CallVariable`index` (tags 13–22, STRING 41: 40 characters), `index` from 1 to 10;
        /// another index is [`RequestError::CallVariableIndex`]. Setting one twice keeps the
        /// last value.
        pub fn call_variable(mut self, index: u8, value: &'a str) -> Result<Self, RequestError> {
            let slot = usize::from(index)
                .checked_sub(1)
                .and_then(|i| self.call_data.call_variables.get_mut(i))
                .ok_or(RequestError::CallVariableIndex { index })?;
            *slot = Some(value);
            Ok(self)
        }

        /// CallWrapupData (tag 46, STRING 40).
        #[must_use]
        pub fn call_wrapup_data(mut self, wrapup: &'a str) -> Self {
            self.call_data.call_wrapup_data = Some(wrapup);
            self
        }

        /// The expanded call context variables, `(name, value)`, each a NamedVariable field
        /// (tag 82; names up to 32 characters, values up to 210); NumNamedVariables is their
        /// number. Replaces any given before. With the array elements at most 2000 bytes.
        #[must_use]
        pub fn named_variables(mut self, variables: &'a [(&'a str, &'a str)]) -> Self {
            self.call_data.named_variables = variables;
            self
        }

        /// The expanded call context array elements, `(name, index, value)`, each a NamedArray
        /// field (tag 83); NumNamedArrays is their number. Replaces any given before. Limits as
        /// for [`named_variables`](Self::named_variables).
        #[must_use]
        pub fn named_arrays(mut self, elements: &'a [(&'a str, u8, &'a str)]) -> Self {
            self.call_data.named_arrays = elements;
            self
        }
    };
}

/// The setters of the dialing codes, for a builder with a `dial_codes` field.
macro_rules! dial_code_setters {
    () => {
        /// FacilityCode (tag 51, STRING 40): a trunk access code, split extension or similar.
        #[must_use]
        pub fn facility_code(mut self, code: &'a str) -> Self {
            self.dial_codes.facility_code = Some(code);
            self
        }

        /// AuthorizationCode (tag 77, STRING 40).
        #[must_use]
        pub fn authorization_code(mut self, code: &'a str) -> Self {
            self.dial_codes.authorization_code = Some(code);
            self
        }

        /// AccountCode (tag 78, STRING 40).
        #[must_use]
        pub fn account_code(mut self, code: &'a str) -> Self {
            self.dial_codes.account_code = Some(code);
            self
        }
    };
}

/// The setters of the call placement fields, for a builder with a `placement` field.
macro_rules! placement_setters {
    () => {
        /// CallPlacementType (default 0, unspecified).
        #[must_use]
        pub fn call_placement_type(mut self, value: u16) -> Self {
            self.placement.call_placement_type = value;
            self
        }

        /// CallMannerType (default 0, unspecified).
        #[must_use]
        pub fn call_manner_type(mut self, value: u16) -> Self {
            self.placement.call_manner_type = value;
            self
        }

        /// AlertRings: how long the destination alerts, in rings (default 0: the peripheral's
        /// default, typically 10).
        #[must_use]
        pub fn alert_rings(mut self, rings: u16) -> Self {
            self.placement.alert_rings = rings;
            self
        }

        /// CallOption (default 0, unspecified).
        #[must_use]
        pub fn call_option(mut self, value: u16) -> Self {
            self.placement.call_option = value;
            self
        }

        /// FacilityType (default 0, unspecified).
        #[must_use]
        pub fn facility_type(mut self, value: u16) -> Self {
            self.placement.facility_type = value;
            self
        }

        /// AnsweringMachine (default 0, unspecified).
        #[must_use]
        pub fn answering_machine(mut self, value: u16) -> Self {
            self.placement.answering_machine = value;
            self
        }

        /// Priority (BOOL, default false).
        #[must_use]
        pub fn priority(mut self, priority: bool) -> Self {
            self.placement.priority = priority;
            self
        }

        /// PostRoute (BOOL, default false).
        #[must_use]
        pub fn post_route(mut self, post_route: bool) -> Self {
            self.placement.post_route = post_route;
            self
        }
    };
}

// ----- agent requests -----

/// SET_AGENT_STATE_REQ (38): logs an agent in or out or changes its state (spec §3.18).
/// Success comes as SET_AGENT_STATE_CONF and then AGENT_STATE_EVENT.
///
/// AgentInstrument is required (spec §3.18), so it is a constructor argument. Fixed-part
/// defaults (spec §3.18, §5.12): AgentWorkMode AWM_UNSPECIFIED (0), EventReasonCode 0 (none),
/// ForcedFlag FALSE (0), AgentServiceReq 0; NumSkillGroups is the number of
/// [`skill_groups`](Self::skill_groups). Later versions require AgentPassword for LOGIN and
/// LOGOUT; it is never shown by `Debug`, and the builder has no `PartialEq`, so that it is
/// never compared in variable time.
#[derive(Clone, Copy)]
pub struct SetAgentState<'a> {
    peripheral_id: u32,
    agent_state: AgentState,
    agent_work_mode: AgentWorkMode,
    event_reason_code: u16,
    forced_flag: ForcedFlag,
    agent_service_req: u32,
    agent_instrument: &'a str,
    agent_id: Option<&'a str>,
    agent_password: Option<&'a str>,
    position_id: Option<&'a str>,
    supervisor_id: Option<&'a str>,
    skill_groups: &'a [SkillGroup],
}

impl<'a> SetAgentState<'a> {
    /// Puts the agent at `agent_instrument` on peripheral `peripheral_id` into `agent_state`.
    pub fn new(peripheral_id: u32, agent_instrument: &'a str, agent_state: AgentState) -> Self {
        SetAgentState {
            peripheral_id,
            agent_state,
            agent_work_mode: AgentWorkMode::UNSPECIFIED,
            event_reason_code: 0,
            forced_flag: ForcedFlag::FALSE,
            agent_service_req: 0,
            agent_instrument,
            agent_id: None,
            agent_password: None,
            position_id: None,
            supervisor_id: None,
            skill_groups: &[],
        }
    }

    /// AgentWorkMode (default AWM_UNSPECIFIED).
    #[must_use]
    pub fn agent_work_mode(mut self, mode: AgentWorkMode) -> Self {
        self.agent_work_mode = mode;
        self
    }

    /// EventReasonCode: the reason for NOT_READY or LOGOUT (default 0, none).
    #[must_use]
    pub fn event_reason_code(mut self, code: u16) -> Self {
        self.event_reason_code = code;
        self
    }

    /// ForcedFlag (default FALSE).
    #[must_use]
    pub fn forced_flag(mut self, flag: ForcedFlag) -> Self {
        self.forced_flag = flag;
        self
    }

    /// AgentServiceReq (default 0; bit 0 asks for outbound support).
    #[must_use]
    pub fn agent_service_req(mut self, services: u32) -> Self {
        self.agent_service_req = services;
        self
    }

    /// AgentID (tag 5, STRING 12: 11 characters).
    #[must_use]
    pub fn agent_id(mut self, agent_id: &'a str) -> Self {
        self.agent_id = Some(agent_id);
        self
    }

    /// AgentPassword (tag 49, STRING 64). Never shown by `Debug`.
    #[must_use]
    pub fn agent_password(mut self, password: &'a str) -> Self {
        self.agent_password = Some(password);
        self
    }

    /// PositionID (tag 68, STRING 12).
    #[must_use]
    pub fn position_id(mut self, position_id: &'a str) -> Self {
        self.position_id = Some(position_id);
        self
    }

    /// SupervisorID (tag 69, STRING 12).
    #[must_use]
    pub fn supervisor_id(mut self, supervisor_id: &'a str) -> Self {
        self.supervisor_id = Some(supervisor_id);
        self
    }

    /// The skill groups to log into, at most [`MAX_LOGIN_SKILL_GROUPS`] (spec §3.18); more is
    /// [`RequestError::TooManySkillGroups`]. NumSkillGroups is their number.
    pub fn skill_groups(mut self, groups: &'a [SkillGroup]) -> Result<Self, RequestError> {
        if groups.len() > MAX_LOGIN_SKILL_GROUPS {
            return Err(RequestError::TooManySkillGroups {
                count: groups.len(),
            });
        }
        self.skill_groups = groups;
        Ok(self)
    }
}

/// Shown in place of a secret.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Debug for SetAgentState<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SetAgentState")
            .field("peripheral_id", &self.peripheral_id)
            .field("agent_state", &self.agent_state)
            .field("agent_work_mode", &self.agent_work_mode)
            .field("event_reason_code", &self.event_reason_code)
            .field("forced_flag", &self.forced_flag)
            .field("agent_service_req", &self.agent_service_req)
            .field("agent_instrument", &self.agent_instrument)
            .field("agent_id", &self.agent_id)
            .field("agent_password", &self.agent_password.map(|_| Redacted))
            .field("position_id", &self.position_id)
            .field("supervisor_id", &self.supervisor_id)
            .field("skill_groups", &self.skill_groups)
            .finish()
    }
}

impl Build for SetAgentState<'_> {
    fn fixed_len(version: Version) -> usize {
        SetAgentStateReq::fixed_len(version)
    }
    const MESSAGE_TYPE: MessageType = SetAgentStateReq::MESSAGE_TYPE;

    fn floating<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        text(s, tag::AGENT_INSTRUMENT, Some(self.agent_instrument))?;
        text(s, tag::AGENT_ID, self.agent_id)?;
        text(s, tag::AGENT_PASSWORD, self.agent_password)?;
        text(s, tag::POSITION_ID, self.position_id)?;
        text(s, tag::SUPERVISOR_ID, self.supervisor_id)?;
        for g in self.skill_groups {
            s.put(tag::SKILL_GROUP_NUMBER, g.number)?;
            s.put(tag::SKILL_GROUP_PRIORITY, g.priority)?;
        }
        Ok(())
    }

    fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        SetAgentStateReq {
            invoke_id: InvokeId(0),
            peripheral_id: self.peripheral_id,
            agent_state: self.agent_state,
            agent_work_mode: self.agent_work_mode,
            num_skill_groups: count(self.skill_groups.len()),
            event_reason_code: self.event_reason_code,
            forced_flag: self.forced_flag,
            agent_service_req: self.agent_service_req,
            floating: Floating::EMPTY,
        }
        .encode(version, out)
    }
}

/// QUERY_AGENT_STATE_REQ (36): asks for an agent's state and skill groups (spec §3.16).
///
/// At least one of ICMAgentID, AgentExtension, AgentID or AgentInstrument must be given (spec
/// §3.16), so each constructor takes one; the others can be added. Defaults: MRDID 0 and
/// ICMAgentID 0, as CTI OS sends them (spec §9, QUERY_AGENT_STATE_REQ).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueryAgentState<'a> {
    peripheral_id: u32,
    mrd_id: i32,
    icm_agent_id: i32,
    agent_extension: Option<&'a str>,
    agent_id: Option<&'a str>,
    agent_instrument: Option<&'a str>,
}

impl<'a> QueryAgentState<'a> {
    fn blank(peripheral_id: u32) -> Self {
        QueryAgentState {
            peripheral_id,
            mrd_id: 0,
            icm_agent_id: 0,
            agent_extension: None,
            agent_id: None,
            agent_instrument: None,
        }
    }

    /// The agent with AgentID `agent_id` (tag 5, STRING 12) on peripheral `peripheral_id`.
    pub fn by_agent_id(peripheral_id: u32, agent_id: &'a str) -> Self {
        Self::blank(peripheral_id).agent_id(agent_id)
    }

    /// The agent at AgentInstrument `instrument` (tag 6, STRING 64).
    pub fn by_agent_instrument(peripheral_id: u32, instrument: &'a str) -> Self {
        Self::blank(peripheral_id).agent_instrument(instrument)
    }

    /// The agent at AgentExtension `extension` (tag 4, STRING 16).
    pub fn by_agent_extension(peripheral_id: u32, extension: &'a str) -> Self {
        Self::blank(peripheral_id).agent_extension(extension)
    }

    /// The agent whose Skill Target ID is `icm_agent_id` (the fixed ICMAgentID).
    pub fn by_icm_agent_id(peripheral_id: u32, icm_agent_id: i32) -> Self {
        Self::blank(peripheral_id).icm_agent_id(icm_agent_id)
    }

    /// MRDID: the media routing domain (default 0).
    #[must_use]
    pub fn mrd_id(mut self, mrd_id: i32) -> Self {
        self.mrd_id = mrd_id;
        self
    }

    /// ICMAgentID: the agent's Skill Target ID (default 0).
    #[must_use]
    pub fn icm_agent_id(mut self, icm_agent_id: i32) -> Self {
        self.icm_agent_id = icm_agent_id;
        self
    }

    /// AgentExtension (tag 4, STRING 16).
    #[must_use]
    pub fn agent_extension(mut self, extension: &'a str) -> Self {
        self.agent_extension = Some(extension);
        self
    }

    /// AgentID (tag 5, STRING 12).
    #[must_use]
    pub fn agent_id(mut self, agent_id: &'a str) -> Self {
        self.agent_id = Some(agent_id);
        self
    }

    /// AgentInstrument (tag 6, STRING 64).
    #[must_use]
    pub fn agent_instrument(mut self, instrument: &'a str) -> Self {
        self.agent_instrument = Some(instrument);
        self
    }
}

impl Build for QueryAgentState<'_> {
    fn fixed_len(version: Version) -> usize {
        QueryAgentStateReq::fixed_len(version)
    }
    const MESSAGE_TYPE: MessageType = QueryAgentStateReq::MESSAGE_TYPE;

    fn floating<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        text(s, tag::AGENT_EXTENSION, self.agent_extension)?;
        text(s, tag::AGENT_ID, self.agent_id)?;
        text(s, tag::AGENT_INSTRUMENT, self.agent_instrument)
    }

    fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        QueryAgentStateReq {
            invoke_id: InvokeId(0),
            peripheral_id: self.peripheral_id,
            mrd_id: self.mrd_id,
            icm_agent_id: self.icm_agent_id,
            floating: Floating::EMPTY,
        }
        .encode(version, out)
    }
}

// ----- call control -----

/// MAKE_CALL_REQ (56): places a call from an agent's instrument (spec §3.21).
///
/// AgentInstrument and DialedNumber are required (spec §3.21), so they are constructor
/// arguments. The placement fields default to 0 (unspecified; AlertRings 0 is the peripheral's
/// default) and Priority and PostRoute to false; NumNamedVariables and NumNamedArrays count
/// what was added.
///
/// The fixed part ends with SkillGroupNumber from v14 on (versions sheet §3.8): 32 bytes in
/// v14 and later, 28 in v13, where it is not sent. It defaults to NULL_SKILL_GROUP
/// (0xFFFF_FFFF, "none", the value the events use for no skill group; no source gives a
/// default for this request); set it with [`MakeCall::skill_group_number`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MakeCall<'a> {
    peripheral_id: u32,
    skill_group_number: u32,
    placement: Placement,
    agent_instrument: &'a str,
    call_data: CallData<'a>,
    dial_codes: DialCodes<'a>,
}

impl<'a> MakeCall<'a> {
    /// Calls `dialed_number` from `agent_instrument` on peripheral `peripheral_id`.
    pub fn new(peripheral_id: u32, agent_instrument: &'a str, dialed_number: &'a str) -> Self {
        MakeCall {
            peripheral_id,
            skill_group_number: NULL_SKILL_GROUP,
            placement: Placement::default(),
            agent_instrument,
            call_data: CallData {
                dialed_number: Some(dialed_number),
                ..CallData::default()
            },
            dial_codes: DialCodes::default(),
        }
    }

    /// Sets SkillGroupNumber (v14 and later; not sent in v13).
    #[must_use]
    pub const fn skill_group_number(mut self, skill_group_number: u32) -> Self {
        self.skill_group_number = skill_group_number;
        self
    }

    placement_setters!();
    call_data_setters!();
    dial_code_setters!();
}

/// SkillGroupNumber's "no skill group" (spec §3.9).
const NULL_SKILL_GROUP: u32 = 0xFFFF_FFFF;

impl Build for MakeCall<'_> {
    fn fixed_len(version: Version) -> usize {
        MakeCallReq::fixed_len(version)
    }
    const MESSAGE_TYPE: MessageType = MakeCallReq::MESSAGE_TYPE;

    fn floating<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        text(s, tag::AGENT_INSTRUMENT, Some(self.agent_instrument))?;
        self.call_data.write(s)?;
        self.dial_codes.write(s)
    }

    fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        let p = self.placement;
        MakeCallReq {
            invoke_id: InvokeId(0),
            peripheral_id: self.peripheral_id,
            call_placement_type: p.call_placement_type,
            call_manner_type: p.call_manner_type,
            alert_rings: p.alert_rings,
            call_option: p.call_option,
            facility_type: p.facility_type,
            answering_machine: p.answering_machine,
            priority: Bool::from(p.priority),
            post_route: Bool::from(p.post_route),
            num_named_variables: self.call_data.num_named_variables(),
            num_named_arrays: self.call_data.num_named_arrays(),
            skill_group_number: Some(self.skill_group_number),
            floating: Floating::EMPTY,
        }
        .encode(version, out)
    }
}

/// Defines a builder for a request about one call at one device: InvokeID, PeripheralID,
/// ConnectionCallID, ConnectionDeviceIDType, then ConnectionDeviceID (required) and
/// AgentInstrument.
macro_rules! call_request_builder {
    ($(#[$doc:meta])* $B:ident => $View:ident) => {
        $(#[$doc])*
        ///
        /// ConnectionDeviceID is required (spec §3.21), so it is a constructor argument with
        /// ConnectionCallID. ConnectionDeviceIDType defaults to CONNECTION_ID_STATIC (spec
        /// §5.12; no source gives a default): set the type the call's event gave with
        /// `connection_device_id_type`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $B<'a> {
            peripheral_id: u32,
            connection_call_id: u32,
            connection_device_id_type: ConnectionDeviceIdType,
            connection_device_id: &'a str,
            agent_instrument: Option<&'a str>,
        }

        impl<'a> $B<'a> {
            /// The request for call `connection_call_id` at `connection_device_id`, on
            /// peripheral `peripheral_id`.
            pub fn new(
                peripheral_id: u32,
                connection_call_id: u32,
                connection_device_id: &'a str,
            ) -> Self {
                $B {
                    peripheral_id,
                    connection_call_id,
                    connection_device_id_type: ConnectionDeviceIdType::STATIC,
                    connection_device_id,
                    agent_instrument: None,
                }
            }

            /// ConnectionDeviceIDType (default CONNECTION_ID_STATIC).
            #[must_use]
            pub fn connection_device_id_type(mut self, t: ConnectionDeviceIdType) -> Self {
                self.connection_device_id_type = t;
                self
            }

            /// AgentInstrument (tag 6, STRING 64).
            #[must_use]
            pub fn agent_instrument(mut self, instrument: &'a str) -> Self {
                self.agent_instrument = Some(instrument);
                self
            }
        }

        impl Build for $B<'_> {
            fn fixed_len(version: Version) -> usize {
        $View::fixed_len(version)
    }
            const MESSAGE_TYPE: MessageType = $View::MESSAGE_TYPE;

            fn floating<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
                text(s, tag::CONNECTION_DEVID, Some(self.connection_device_id))?;
                text(s, tag::AGENT_INSTRUMENT, self.agent_instrument)
            }

            fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
                $View {
                    invoke_id: InvokeId(0),
                    peripheral_id: self.peripheral_id,
                    connection_call_id: self.connection_call_id,
                    connection_device_id_type: self.connection_device_id_type,
                    floating: Floating::EMPTY,
                }
                .encode(version, out)
            }
        }
    };
}

call_request_builder! {
    /// ANSWER_CALL_REQ (42): answers an alerting call (spec §3.21). The connection is the one
    /// CALL_DELIVERED_EVENT named.
    AnswerCall => AnswerCallReq
}

call_request_builder! {
    /// CLEAR_CALL_REQ (44): releases every party of a call (spec §3.21).
    ClearCall => ClearCallReq
}

call_request_builder! {
    /// CLEAR_CONNECTION_REQ (46): releases one party of a call, hanging up that device
    /// (spec §3.21).
    ClearConnection => ClearConnectionReq
}

/// HOLD_CALL_REQ (54): puts a call on hold (spec §3.21).
///
/// ConnectionDeviceID is required (spec §3.21), so it is a constructor argument with
/// ConnectionCallID. ConnectionDeviceIDType defaults to CONNECTION_ID_STATIC (spec §5.12; no
/// source gives a default) and Reservation to false.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HoldCall<'a> {
    peripheral_id: u32,
    connection_call_id: u32,
    connection_device_id_type: ConnectionDeviceIdType,
    reservation: bool,
    connection_device_id: &'a str,
    agent_instrument: Option<&'a str>,
}

impl<'a> HoldCall<'a> {
    /// Holds call `connection_call_id` at `connection_device_id` on peripheral `peripheral_id`.
    pub fn new(peripheral_id: u32, connection_call_id: u32, connection_device_id: &'a str) -> Self {
        HoldCall {
            peripheral_id,
            connection_call_id,
            connection_device_id_type: ConnectionDeviceIdType::STATIC,
            reservation: false,
            connection_device_id,
            agent_instrument: None,
        }
    }

    /// ConnectionDeviceIDType (default CONNECTION_ID_STATIC).
    #[must_use]
    pub fn connection_device_id_type(mut self, t: ConnectionDeviceIdType) -> Self {
        self.connection_device_id_type = t;
        self
    }

    /// Reservation (BOOL, default false): hold the call for a reservation.
    #[must_use]
    pub fn reservation(mut self, reservation: bool) -> Self {
        self.reservation = reservation;
        self
    }

    /// AgentInstrument (tag 6, STRING 64).
    #[must_use]
    pub fn agent_instrument(mut self, instrument: &'a str) -> Self {
        self.agent_instrument = Some(instrument);
        self
    }
}

impl Build for HoldCall<'_> {
    fn fixed_len(version: Version) -> usize {
        HoldCallReq::fixed_len(version)
    }
    const MESSAGE_TYPE: MessageType = HoldCallReq::MESSAGE_TYPE;

    fn floating<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        text(s, tag::CONNECTION_DEVID, Some(self.connection_device_id))?;
        text(s, tag::AGENT_INSTRUMENT, self.agent_instrument)
    }

    fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        HoldCallReq {
            invoke_id: InvokeId(0),
            peripheral_id: self.peripheral_id,
            connection_call_id: self.connection_call_id,
            connection_device_id_type: self.connection_device_id_type,
            reservation: Bool::from(self.reservation),
            floating: Floating::EMPTY,
        }
        .encode(version, out)
    }
}

/// RETRIEVE_CALL_REQ (62): takes a held call off hold (spec §3.21).
///
/// HeldConnectionDeviceID is required, so it is a constructor argument with
/// HeldConnectionCallID. HeldConnectionDeviceIDType defaults to CONNECTION_ID_STATIC (spec
/// §5.12; no source gives a default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetrieveCall<'a> {
    peripheral_id: u32,
    held_connection_call_id: u32,
    held_connection_device_id_type: ConnectionDeviceIdType,
    held_connection_device_id: &'a str,
    agent_instrument: Option<&'a str>,
}

impl<'a> RetrieveCall<'a> {
    /// Retrieves held call `held_connection_call_id` at `held_connection_device_id` on
    /// peripheral `peripheral_id`.
    pub fn new(
        peripheral_id: u32,
        held_connection_call_id: u32,
        held_connection_device_id: &'a str,
    ) -> Self {
        RetrieveCall {
            peripheral_id,
            held_connection_call_id,
            held_connection_device_id_type: ConnectionDeviceIdType::STATIC,
            held_connection_device_id,
            agent_instrument: None,
        }
    }

    /// HeldConnectionDeviceIDType (default CONNECTION_ID_STATIC).
    #[must_use]
    pub fn held_connection_device_id_type(mut self, t: ConnectionDeviceIdType) -> Self {
        self.held_connection_device_id_type = t;
        self
    }

    /// AgentInstrument (tag 6, STRING 64).
    #[must_use]
    pub fn agent_instrument(mut self, instrument: &'a str) -> Self {
        self.agent_instrument = Some(instrument);
        self
    }
}

impl Build for RetrieveCall<'_> {
    fn fixed_len(version: Version) -> usize {
        RetrieveCallReq::fixed_len(version)
    }
    const MESSAGE_TYPE: MessageType = RetrieveCallReq::MESSAGE_TYPE;

    fn floating<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        text(
            s,
            tag::HELD_CONN_DEVID,
            Some(self.held_connection_device_id),
        )?;
        text(s, tag::AGENT_INSTRUMENT, self.agent_instrument)
    }

    fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        RetrieveCallReq {
            invoke_id: InvokeId(0),
            peripheral_id: self.peripheral_id,
            held_connection_call_id: self.held_connection_call_id,
            held_connection_device_id_type: self.held_connection_device_id_type,
            floating: Floating::EMPTY,
        }
        .encode(version, out)
    }
}

/// RELEASE_CALL_REQ (28): tells the server the client is done with a call's data (spec §3.21).
///
/// ConnectionDeviceID identifies the call, so it is a constructor argument with
/// ConnectionCallID. ConnectionDeviceIDType defaults to CONNECTION_ID_STATIC (spec §5.12; no
/// source gives a default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReleaseCall<'a> {
    peripheral_id: u32,
    connection_device_id_type: ConnectionDeviceIdType,
    connection_call_id: u32,
    connection_device_id: &'a str,
}

impl<'a> ReleaseCall<'a> {
    /// Releases call `connection_call_id` at `connection_device_id` on peripheral
    /// `peripheral_id`.
    pub fn new(peripheral_id: u32, connection_call_id: u32, connection_device_id: &'a str) -> Self {
        ReleaseCall {
            peripheral_id,
            connection_device_id_type: ConnectionDeviceIdType::STATIC,
            connection_call_id,
            connection_device_id,
        }
    }

    /// ConnectionDeviceIDType (default CONNECTION_ID_STATIC).
    #[must_use]
    pub fn connection_device_id_type(mut self, t: ConnectionDeviceIdType) -> Self {
        self.connection_device_id_type = t;
        self
    }
}

impl Build for ReleaseCall<'_> {
    fn fixed_len(version: Version) -> usize {
        ReleaseCallReq::fixed_len(version)
    }
    const MESSAGE_TYPE: MessageType = ReleaseCallReq::MESSAGE_TYPE;

    fn floating<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        text(s, tag::CONNECTION_DEVID, Some(self.connection_device_id))
    }

    fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        ReleaseCallReq {
            invoke_id: InvokeId(0),
            peripheral_id: self.peripheral_id,
            connection_device_id_type: self.connection_device_id_type,
            connection_call_id: self.connection_call_id,
            floating: Floating::EMPTY,
        }
        .encode(version, out)
    }
}

/// The held side of a transfer or conference: a held call, or none for a single-step one, which
/// sends HeldConnectionCallID NULL_CALL_ID and HeldConnectionDeviceIDType CONNECTION_ID_NONE
/// (spec §5.11) and no HeldConnectionDeviceID.
fn held_fields<'a>(held: Option<Connection<'a>>) -> (u32, ConnectionDeviceIdType, Option<&'a str>) {
    match held {
        Some(c) => (c.call_id, c.device_id_type, Some(c.device_id)),
        None => (NULL_CALL_ID, ConnectionDeviceIdType::NONE, None),
    }
}

/// TRANSFER_CALL_REQ (64): transfers a call (spec §3.21).
///
/// [`TransferCall::new`] completes a consultative transfer: the `active` consult call and the
/// `held` original call. [`TransferCall::single_step`] transfers the active call straight to a
/// DialedNumber: HeldConnectionCallID is NULL_CALL_ID and HeldConnectionDeviceIDType
/// CONNECTION_ID_NONE (spec §5.11). Placement fields and counts as for [`MakeCall`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TransferCall<'a> {
    peripheral_id: u32,
    active: Connection<'a>,
    held: Option<Connection<'a>>,
    placement: Placement,
    agent_instrument: Option<&'a str>,
    call_data: CallData<'a>,
    dial_codes: DialCodes<'a>,
}

impl<'a> TransferCall<'a> {
    /// Transfers the `held` call to the party of the `active` (consult) call.
    pub fn new(peripheral_id: u32, active: Connection<'a>, held: Connection<'a>) -> Self {
        TransferCall {
            peripheral_id,
            active,
            held: Some(held),
            placement: Placement::default(),
            agent_instrument: None,
            call_data: CallData::default(),
            dial_codes: DialCodes::default(),
        }
    }

    /// Transfers the `active` call to `dialed_number` in one step.
    pub fn single_step(peripheral_id: u32, active: Connection<'a>, dialed_number: &'a str) -> Self {
        TransferCall {
            peripheral_id,
            active,
            held: None,
            placement: Placement::default(),
            agent_instrument: None,
            call_data: CallData {
                dialed_number: Some(dialed_number),
                ..CallData::default()
            },
            dial_codes: DialCodes::default(),
        }
    }

    /// AgentInstrument (tag 6, STRING 64).
    #[must_use]
    pub fn agent_instrument(mut self, instrument: &'a str) -> Self {
        self.agent_instrument = Some(instrument);
        self
    }

    placement_setters!();
    call_data_setters!();
    dial_code_setters!();
}

impl Build for TransferCall<'_> {
    fn fixed_len(version: Version) -> usize {
        TransferCallReq::fixed_len(version)
    }
    const MESSAGE_TYPE: MessageType = TransferCallReq::MESSAGE_TYPE;

    fn floating<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        text(s, tag::ACTIVE_CONN_DEVID, Some(self.active.device_id))?;
        text(s, tag::HELD_CONN_DEVID, held_fields(self.held).2)?;
        text(s, tag::AGENT_INSTRUMENT, self.agent_instrument)?;
        self.call_data.write(s)?;
        self.dial_codes.write(s)
    }

    fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        let (held_call_id, held_type, _) = held_fields(self.held);
        let p = self.placement;
        TransferCallReq {
            invoke_id: InvokeId(0),
            peripheral_id: self.peripheral_id,
            active_connection_call_id: self.active.call_id,
            held_connection_call_id: held_call_id,
            active_connection_device_id_type: self.active.device_id_type,
            held_connection_device_id_type: held_type,
            call_placement_type: p.call_placement_type,
            call_manner_type: p.call_manner_type,
            alert_rings: p.alert_rings,
            call_option: p.call_option,
            facility_type: p.facility_type,
            answering_machine: p.answering_machine,
            priority: Bool::from(p.priority),
            post_route: Bool::from(p.post_route),
            num_named_variables: self.call_data.num_named_variables(),
            num_named_arrays: self.call_data.num_named_arrays(),
            floating: Floating::EMPTY,
        }
        .encode(version, out)
    }
}

/// CONFERENCE_CALL_REQ (48): joins a held and an active call, or conferences a DialedNumber
/// into the active call in one step (spec §3.21).
///
/// As [`TransferCall`]: [`ConferenceCall::new`] takes the `active` (consult) and the `held`
/// call; [`ConferenceCall::single_step`] sends HeldConnectionCallID NULL_CALL_ID and
/// HeldConnectionDeviceIDType CONNECTION_ID_NONE (spec §5.11) with a DialedNumber.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConferenceCall<'a> {
    peripheral_id: u32,
    active: Connection<'a>,
    held: Option<Connection<'a>>,
    placement: Placement,
    agent_instrument: Option<&'a str>,
    call_data: CallData<'a>,
    dial_codes: DialCodes<'a>,
}

impl<'a> ConferenceCall<'a> {
    /// Conferences the `held` call with the `active` (consult) call.
    pub fn new(peripheral_id: u32, active: Connection<'a>, held: Connection<'a>) -> Self {
        ConferenceCall {
            peripheral_id,
            active,
            held: Some(held),
            placement: Placement::default(),
            agent_instrument: None,
            call_data: CallData::default(),
            dial_codes: DialCodes::default(),
        }
    }

    /// Conferences `dialed_number` into the `active` call in one step.
    pub fn single_step(peripheral_id: u32, active: Connection<'a>, dialed_number: &'a str) -> Self {
        ConferenceCall {
            peripheral_id,
            active,
            held: None,
            placement: Placement::default(),
            agent_instrument: None,
            call_data: CallData {
                dialed_number: Some(dialed_number),
                ..CallData::default()
            },
            dial_codes: DialCodes::default(),
        }
    }

    /// AgentInstrument (tag 6, STRING 64).
    #[must_use]
    pub fn agent_instrument(mut self, instrument: &'a str) -> Self {
        self.agent_instrument = Some(instrument);
        self
    }

    placement_setters!();
    call_data_setters!();
    dial_code_setters!();
}

impl Build for ConferenceCall<'_> {
    fn fixed_len(version: Version) -> usize {
        ConferenceCallReq::fixed_len(version)
    }
    const MESSAGE_TYPE: MessageType = ConferenceCallReq::MESSAGE_TYPE;

    fn floating<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        text(s, tag::HELD_CONN_DEVID, held_fields(self.held).2)?;
        text(s, tag::ACTIVE_CONN_DEVID, Some(self.active.device_id))?;
        text(s, tag::AGENT_INSTRUMENT, self.agent_instrument)?;
        self.call_data.write(s)?;
        self.dial_codes.write(s)
    }

    fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        let (held_call_id, held_type, _) = held_fields(self.held);
        let p = self.placement;
        ConferenceCallReq {
            invoke_id: InvokeId(0),
            peripheral_id: self.peripheral_id,
            held_connection_call_id: held_call_id,
            active_connection_call_id: self.active.call_id,
            held_connection_device_id_type: held_type,
            active_connection_device_id_type: self.active.device_id_type,
            call_placement_type: p.call_placement_type,
            call_manner_type: p.call_manner_type,
            alert_rings: p.alert_rings,
            call_option: p.call_option,
            facility_type: p.facility_type,
            answering_machine: p.answering_machine,
            priority: Bool::from(p.priority),
            post_route: Bool::from(p.post_route),
            num_named_variables: self.call_data.num_named_variables(),
            num_named_arrays: self.call_data.num_named_arrays(),
            floating: Floating::EMPTY,
        }
        .encode(version, out)
    }
}

/// SET_CALL_DATA_REQ (26): sets a call's variables, wrap-up data and expanded call context
/// (spec §3.21). Fields not sent are left as they are.
///
/// ConnectionDeviceID is required, so it is a constructor argument with ConnectionCallID.
/// Defaults: ConnectionDeviceIDType CONNECTION_ID_STATIC (spec §5.12; no source gives one),
/// CallType NULL_CALLTYPE 0xFFFF (spec §5.11), CalledPartyDisposition 0, CampaignID and
/// QueryRuleID 0 ("set to zero if not used", the v14 guide's words for both); the counts are
/// those of the named variables and arrays added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetCallData<'a> {
    peripheral_id: u32,
    connection_device_id_type: ConnectionDeviceIdType,
    connection_call_id: u32,
    call_type: CallType,
    called_party_disposition: u16,
    campaign_id: u32,
    query_rule_id: u32,
    connection_device_id: &'a str,
    customer_phone_number: Option<&'a str>,
    customer_account_number: Option<&'a str>,
    call_data: CallData<'a>,
}

impl<'a> SetCallData<'a> {
    /// Sets data of call `connection_call_id` at `connection_device_id` on peripheral
    /// `peripheral_id`.
    pub fn new(peripheral_id: u32, connection_call_id: u32, connection_device_id: &'a str) -> Self {
        SetCallData {
            peripheral_id,
            connection_device_id_type: ConnectionDeviceIdType::STATIC,
            connection_call_id,
            call_type: NULL_CALLTYPE,
            called_party_disposition: 0,
            campaign_id: 0,
            query_rule_id: 0,
            connection_device_id,
            customer_phone_number: None,
            customer_account_number: None,
            call_data: CallData::default(),
        }
    }

    /// ConnectionDeviceIDType (default CONNECTION_ID_STATIC).
    #[must_use]
    pub fn connection_device_id_type(mut self, t: ConnectionDeviceIdType) -> Self {
        self.connection_device_id_type = t;
        self
    }

    /// CallType (default NULL_CALLTYPE).
    #[must_use]
    pub fn call_type(mut self, call_type: CallType) -> Self {
        self.call_type = call_type;
        self
    }

    /// CalledPartyDisposition (default 0).
    #[must_use]
    pub fn called_party_disposition(mut self, disposition: u16) -> Self {
        self.called_party_disposition = disposition;
        self
    }

    /// CampaignID (default 0, not used).
    #[must_use]
    pub fn campaign_id(mut self, campaign_id: u32) -> Self {
        self.campaign_id = campaign_id;
        self
    }

    /// QueryRuleID (default 0, not used).
    #[must_use]
    pub fn query_rule_id(mut self, query_rule_id: u32) -> Self {
        self.query_rule_id = query_rule_id;
        self
    }

    /// CustomerPhoneNumber (tag 95, STRING 20).
    #[must_use]
    pub fn customer_phone_number(mut self, number: &'a str) -> Self {
        self.customer_phone_number = Some(number);
        self
    }

    /// CustomerAccountNumber (tag 96, STRING 32).
    #[must_use]
    pub fn customer_account_number(mut self, number: &'a str) -> Self {
        self.customer_account_number = Some(number);
        self
    }

    call_data_setters!();
}

impl Build for SetCallData<'_> {
    fn fixed_len(version: Version) -> usize {
        SetCallDataReq::fixed_len(version)
    }
    const MESSAGE_TYPE: MessageType = SetCallDataReq::MESSAGE_TYPE;

    fn floating<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        text(s, tag::CONNECTION_DEVID, Some(self.connection_device_id))?;
        text(s, tag::CUSTOMER_PHONE_NUMBER, self.customer_phone_number)?;
        text(
            s,
            tag::CUSTOMER_ACCOUNT_NUMBER,
            self.customer_account_number,
        )?;
        self.call_data.write(s)
    }

    fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        SetCallDataReq {
            invoke_id: InvokeId(0),
            peripheral_id: self.peripheral_id,
            connection_device_id_type: self.connection_device_id_type,
            connection_call_id: self.connection_call_id,
            num_named_variables: self.call_data.num_named_variables(),
            num_named_arrays: self.call_data.num_named_arrays(),
            call_type: self.call_type,
            called_party_disposition: self.called_party_disposition,
            campaign_id: self.campaign_id,
            query_rule_id: self.query_rule_id,
            floating: Floating::EMPTY,
        }
        .encode(version, out)
    }
}

// ----- monitors -----

/// MONITOR_START_REQ (93): starts a monitor on a call or on a device (spec §3.21); the
/// MONITOR_START_CONF carries the MonitorID that later events and MONITOR_STOP_REQ use.
///
/// [`MonitorStart::call`] monitors one call: MonitoredDeviceType is DEVID_NONE (spec §1.6: the
/// type of an absent device ID). [`MonitorStart::device`] monitors a device: ConnectionCallID is
/// NULL_CALL_ID and ConnectionDeviceIDType CONNECTION_ID_NONE (spec §5.11), MonitoredDeviceType
/// DEVID_DEVICE_IDENTIFIER (spec §5.12). The masks default to every event v15 defines:
/// CallMsgMask 0x0FFF_FFFF and AgentStateMask 0x3FF (spec §5.3, §5.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonitorStart<'a> {
    peripheral_id: u32,
    connection_call_id: u32,
    call_msg_mask: CallMsgMask,
    agent_state_mask: AgentStateMask,
    connection_device_id_type: ConnectionDeviceIdType,
    monitored_device_type: DeviceIdType,
    connection_device_id: Option<&'a str>,
    monitored_device_id: Option<&'a str>,
}

impl<'a> MonitorStart<'a> {
    /// Monitors call `connection_call_id` at `connection_device_id` on peripheral
    /// `peripheral_id` (ConnectionDeviceIDType CONNECTION_ID_STATIC unless set).
    pub fn call(
        peripheral_id: u32,
        connection_call_id: u32,
        connection_device_id: &'a str,
    ) -> Self {
        MonitorStart {
            peripheral_id,
            connection_call_id,
            call_msg_mask: CallMsgMask::ALL,
            agent_state_mask: AgentStateMask::ALL,
            connection_device_id_type: ConnectionDeviceIdType::STATIC,
            monitored_device_type: DeviceIdType::NONE,
            connection_device_id: Some(connection_device_id),
            monitored_device_id: None,
        }
    }

    /// Monitors device `monitored_device_id` (MonitoredDeviceID, tag 76) on peripheral
    /// `peripheral_id`.
    pub fn device(peripheral_id: u32, monitored_device_id: &'a str) -> Self {
        MonitorStart {
            peripheral_id,
            connection_call_id: NULL_CALL_ID,
            call_msg_mask: CallMsgMask::ALL,
            agent_state_mask: AgentStateMask::ALL,
            connection_device_id_type: ConnectionDeviceIdType::NONE,
            monitored_device_type: DeviceIdType::DEVICE_IDENTIFIER,
            connection_device_id: None,
            monitored_device_id: Some(monitored_device_id),
        }
    }

    /// CallMsgMask: the call events the monitor reports (default every v15 event).
    #[must_use]
    pub fn call_msg_mask(mut self, mask: CallMsgMask) -> Self {
        self.call_msg_mask = mask;
        self
    }

    /// AgentStateMask: the agent states the monitor reports (default every v15 state).
    #[must_use]
    pub fn agent_state_mask(mut self, mask: AgentStateMask) -> Self {
        self.agent_state_mask = mask;
        self
    }

    /// ConnectionDeviceIDType of a call monitor.
    #[must_use]
    pub fn connection_device_id_type(mut self, t: ConnectionDeviceIdType) -> Self {
        self.connection_device_id_type = t;
        self
    }

    /// MonitoredDeviceType of a device monitor.
    #[must_use]
    pub fn monitored_device_type(mut self, t: DeviceIdType) -> Self {
        self.monitored_device_type = t;
        self
    }
}

impl Build for MonitorStart<'_> {
    fn fixed_len(version: Version) -> usize {
        MonitorStartReq::fixed_len(version)
    }
    const MESSAGE_TYPE: MessageType = MonitorStartReq::MESSAGE_TYPE;

    fn floating<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        text(s, tag::CONNECTION_DEVID, self.connection_device_id)?;
        text(s, tag::MONITORED_DEVID, self.monitored_device_id)
    }

    fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        MonitorStartReq {
            invoke_id: InvokeId(0),
            peripheral_id: self.peripheral_id,
            connection_call_id: self.connection_call_id,
            call_msg_mask: self.call_msg_mask,
            agent_state_mask: self.agent_state_mask,
            connection_device_id_type: self.connection_device_id_type,
            monitored_device_type: self.monitored_device_type,
            floating: Floating::EMPTY,
        }
        .encode(version, out)
    }
}

/// MONITOR_STOP_REQ (95): stops the monitor MONITOR_START_CONF named (spec §3.21).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonitorStop {
    monitor_id: u32,
}

impl MonitorStop {
    /// Stops monitor `monitor_id`.
    pub fn new(monitor_id: u32) -> Self {
        MonitorStop { monitor_id }
    }
}

impl Build for MonitorStop {
    fn fixed_len(version: Version) -> usize {
        MonitorStopReq::fixed_len(version)
    }
    const MESSAGE_TYPE: MessageType = MonitorStopReq::MESSAGE_TYPE;

    fn floating<S: Sink>(&self, _s: &mut S) -> Result<(), EncodeError> {
        Ok(())
    }

    fn head(&self, version: Version, out: &mut [u8]) -> Result<usize, EncodeError> {
        MonitorStopReq {
            invoke_id: InvokeId(0),
            monitor_id: self.monitor_id,
            floating: Floating::EMPTY,
        }
        .encode(version, out)
    }
}

impl_encode!(
    SetAgentState<'_>,
    QueryAgentState<'_>,
    MakeCall<'_>,
    AnswerCall<'_>,
    ClearCall<'_>,
    ClearConnection<'_>,
    HoldCall<'_>,
    RetrieveCall<'_>,
    ReleaseCall<'_>,
    TransferCall<'_>,
    ConferenceCall<'_>,
    SetCallData<'_>,
    MonitorStart<'_>,
    MonitorStop,
);
