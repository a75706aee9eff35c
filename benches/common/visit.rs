//! The "full typed decode" workload shared by `examples/perf.rs` and `benches/codec.rs`: decode
//! every message of a stream, read every fixed field through its typed view and parse every
//! floating field as its tag's type, folding everything into a checksum so nothing can be
//! optimised away.

use cti_proto::wire::tag::{self, FloatType};
use cti_proto::wire::{kind, Decoder, Floating, Kind, Message, Status};

/// What one pass over a stream saw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Visit {
    /// Messages decoded.
    pub messages: u64,
    /// Floating fields walked.
    pub fields: u64,
    /// A fold of every fixed and floating value.
    pub checksum: u64,
}

/// How far a pass goes into each floating field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// Walk every field (tag and data, already validated by decode).
    Walk,
    /// Also parse every value as its tag's type, as an accessor would.
    Values,
}

/// Decodes every message of `stream` and visits all its fields. Panics on a decode error: the
/// benchmark stream is well formed, and a failure must not be timed as a fast pass.
///
/// Each message is framed, decoded with `Message::decode` and read where it was decoded. Moving
/// it first (as a `for` loop over `Decoder::messages` does) costs a copy of the message that
/// the processor must read back from stores still in flight; [`visit_stream_iter`] measures
/// that way.
pub fn visit_stream(decoder: &Decoder, stream: &[u8], depth: Depth) -> Visit {
    let mut v = Visit::default();
    let mut rest = stream;
    while !rest.is_empty() {
        let frame = match decoder.frame(rest) {
            Ok(Status::Complete(frame)) => frame,
            other => panic!("benchmark stream does not frame: {other:?}"),
        };
        rest = &rest[frame.total_len()..];
        let decoded = Message::decode(frame.header.message_type, frame.body, decoder.version);
        let m = match &decoded {
            Ok(m) => m,
            Err(e) => panic!("benchmark stream does not decode: {e:?}"),
        };
        v.messages += 1;
        let floating = visit_fixed(m, &mut v);
        match depth {
            Depth::Walk => walk_floating(floating, &mut v),
            Depth::Values => visit_floating(floating, &mut v),
        }
    }
    v
}

/// [`visit_stream`] through the `Decoder::messages` iterator.
#[allow(dead_code)] // Not every user of this module measures both ways.
pub fn visit_stream_iter(decoder: &Decoder, stream: &[u8], depth: Depth) -> Visit {
    let mut v = Visit::default();
    let mut messages = decoder.messages(stream);
    for m in messages.by_ref() {
        let m = m.unwrap_or_else(|e| panic!("benchmark stream does not decode: {e:?}"));
        v.messages += 1;
        let floating = visit_fixed(&m, &mut v);
        match depth {
            Depth::Walk => walk_floating(floating, &mut v),
            Depth::Values => visit_floating(floating, &mut v),
        }
    }
    assert!(messages.remainder().is_empty(), "trailing bytes in stream");
    v
}

#[inline(always)]
fn mix(v: &mut Visit, x: u64) {
    v.checksum = v.checksum.rotate_left(5) ^ x;
}

/// Reads every fixed field of the stream's message types; returns the floating part.
#[inline]
pub fn visit_fixed<'m, 'a>(m: &'m Message<'a>, v: &mut Visit) -> &'m Floating<'a> {
    match m {
        Message::AgentStateEvent(e) => {
            for x in [
                e.monitor_id,
                e.peripheral_id,
                e.session_id,
                u32::from(e.peripheral_type.0),
                u32::from(e.skill_group_state.0),
                e.state_duration,
                e.skill_group_number,
                e.skill_group_id,
                u32::from(e.skill_group_priority),
                u32::from(e.agent_state.0),
                u32::from(e.event_reason_code),
                e.mrd_id as u32,
                e.num_tasks,
                u32::from(e.agent_mode),
                e.max_task_limit,
                e.icm_agent_id as u32,
                e.agent_availability_status.0,
                u32::from(e.num_flt_skill_groups),
            ] {
                mix(v, x.into());
            }
            &e.floating
        }
        Message::BeginCallEvent(e) => {
            for x in [
                e.monitor_id,
                e.peripheral_id,
                u32::from(e.peripheral_type.0),
                u32::from(e.num_cti_clients),
                u32::from(e.num_named_variables),
                u32::from(e.num_named_arrays),
                u32::from(e.call_type.0),
                u32::from(e.connection_device_id_type.0),
                e.connection_call_id,
                u32::from(e.called_party_disposition),
            ] {
                mix(v, x.into());
            }
            &e.floating
        }
        Message::CallDataUpdateEvent(e) => {
            for x in [
                e.monitor_id,
                e.peripheral_id,
                u32::from(e.peripheral_type.0),
                u32::from(e.num_cti_clients),
                u32::from(e.num_named_variables),
                u32::from(e.num_named_arrays),
                u32::from(e.call_type.0),
                u32::from(e.connection_device_id_type.0),
                e.connection_call_id,
                u32::from(e.new_connection_device_id_type.0),
                e.new_connection_call_id,
                u32::from(e.called_party_disposition),
                e.campaign_id,
                e.query_rule_id,
            ] {
                mix(v, x.into());
            }
            &e.floating
        }
        Message::EndCallEvent(e) => {
            for x in [
                e.monitor_id,
                e.peripheral_id,
                u32::from(e.peripheral_type.0),
                u32::from(e.connection_device_id_type.0),
                e.connection_call_id,
            ] {
                mix(v, x.into());
            }
            &e.floating
        }
        Message::HeartbeatConf(e) => {
            mix(v, e.invoke_id.0.into());
            &e.floating
        }
        Message::SystemEvent(e) => {
            for x in [
                e.pg_status.0,
                e.icm_central_controller_time.0,
                e.system_event_id.0,
                e.system_event_arg1,
                e.system_event_arg2,
                e.system_event_arg3,
                u32::from(e.event_device_type.0),
            ] {
                mix(v, x.into());
            }
            &e.floating
        }
        other => panic!(
            "type outside the benchmark stream: {:?}",
            other.message_type()
        ),
    }
}

/// Walks every floating field: its tag and data.
#[inline]
pub fn walk_floating(floating: &Floating<'_>, v: &mut Visit) {
    for f in floating.iter() {
        v.fields += 1;
        mix(v, u64::from(f.tag) << 32 | f.data.len() as u64);
    }
}

/// Parses every floating field as the type its tag has in the tag table.
#[inline]
pub fn visit_floating(floating: &Floating<'_>, v: &mut Visit) {
    for f in floating.iter() {
        v.fields += 1;
        let x: u64 = match tag::type_of(f.tag) {
            Some(FloatType::String) => parsed::<kind::String>(f.data).len() as u64,
            Some(FloatType::UInt) => parsed::<kind::UInt>(f.data).into(),
            Some(FloatType::Int) => parsed::<kind::Int>(f.data) as u64,
            Some(FloatType::UShort) => parsed::<kind::UShort>(f.data).into(),
            Some(FloatType::UChar) => parsed::<kind::UChar>(f.data).into(),
            Some(FloatType::Time) => parsed::<kind::Time>(f.data).0.into(),
            Some(FloatType::Num) => parsed::<kind::Num>(f.data).into(),
            Some(FloatType::NamedVar) => {
                let n = parsed::<kind::NamedVar>(f.data);
                (n.name.len() + n.value.len()) as u64
            }
            Some(FloatType::NamedArray) => {
                let n = parsed::<kind::NamedArray>(f.data);
                (usize::from(n.index) + n.name.len() + n.value.len()) as u64
            }
            Some(FloatType::Unspec) | None => f.data.len() as u64,
        };
        mix(v, u64::from(f.tag) << 32 | x);
    }
}

/// A field that decode validated parses as its type; a `None` here would be a codec bug.
#[inline(always)]
fn parsed<K: Kind>(data: &[u8]) -> K::Value<'_> {
    K::parse(data).unwrap_or_else(|| panic!("validated field does not parse: {data:02x?}"))
}
