//! The "full typed decode" workload shared by `examples/perf.rs` and `benches/codec.rs`: decode
//! every message of a stream, read every fixed field through its typed view and parse every
//! floating field as its tag's type, folding everything into a checksum so nothing can be
//! optimised away.

use cti_proto::wire::tag::{self, FloatType};
use cti_proto::wire::{
    kind, Decoder, FieldVisitor, Floating, FloatingField, Frame, Kind, Message, Status,
};

/// What one pass over a stream saw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Visit {
    /// Messages decoded.
    pub messages: u64,
    /// Floating fields walked.
    pub fields: u64,
    /// Sums of every fixed value, spread over [`LANES`] independent lanes: one instruction per
    /// value, and no long dependency chain that the decode has to wait for.
    pub fixed: [u64; LANES],
    /// Folds of every message's floating fields (each message's fields folded in order, in a
    /// register), message `n` into lane `n % LANES`. Apart from the fixed ones, so a pass that
    /// meets the floating fields first folds to the same values.
    pub floating: [u64; LANES],
}

/// Independent checksum lanes: value `i` of a message goes to lane `i % LANES`.
pub const LANES: usize = 4;

/// How far a pass goes into each floating field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// Walk every field (tag and data, as validated by decode).
    Walk,
    /// Also parse every value as its tag's type, as an accessor would.
    Values,
}

/// Decodes every message of `stream` and visits all its fields. Panics on a decode error: the
/// benchmark stream is well formed, and a failure must not be timed as a fast pass.
///
/// Each message is framed and decoded with `Message::decode_with`, which hands every floating
/// field over in the pass that validates it, and the typed message is read where it was
/// decoded. [`visit_stream_two_pass`] walks the floating fields again after decoding instead,
/// and [`visit_stream_iter`] also moves each message out of an iterator first.
pub fn visit_stream(decoder: &Decoder, stream: &[u8], depth: Depth) -> Visit {
    // One loop per depth, so the walk's closure is small enough to be inlined into every
    // type's field loop.
    match depth {
        Depth::Walk => one_pass(decoder, stream, walk_field),
        Depth::Values => one_pass(decoder, stream, value_field),
    }
}

#[inline(always)]
fn one_pass<F: Fn(u64, FloatingField<'_>) -> u64>(
    decoder: &Decoder,
    stream: &[u8],
    field: F,
) -> Visit {
    let mut v = Visit::default();
    let mut rest = stream;
    while !rest.is_empty() {
        let frame = frame(decoder, rest);
        rest = &rest[frame.total_len()..];
        let decoded = Message::decode_with(
            frame.header.message_type,
            frame.body,
            decoder.version,
            Walker {
                fields: 0,
                fold: 0,
                field: &field,
            },
        );
        let (m, walked) = match &decoded {
            Ok((m, walked)) => (m, walked),
            Err(e) => panic!("benchmark stream does not decode: {e:?}"),
        };
        mix(&mut v.floating, v.messages as usize, walked.fold);
        v.messages += 1;
        v.fields += walked.fields;
        visit_fixed(m, &mut v);
    }
    v
}

/// Counts and folds one message's floating fields as decode validates them.
struct Walker<'f, F> {
    fields: u64,
    fold: u64,
    field: &'f F,
}

impl<'a, F: Fn(u64, FloatingField<'_>) -> u64> FieldVisitor<'a> for Walker<'_, F> {
    #[inline(always)]
    fn field(&mut self, f: FloatingField<'a>) {
        self.fields += 1;
        self.fold = (self.field)(self.fold, f);
    }
}

/// [`visit_stream`] with `Message::decode`, then a second walk over each message's floating
/// fields.
#[allow(dead_code)] // Not every user of this module measures every way.
pub fn visit_stream_two_pass(decoder: &Decoder, stream: &[u8], depth: Depth) -> Visit {
    let mut v = Visit::default();
    let mut rest = stream;
    while !rest.is_empty() {
        let frame = frame(decoder, rest);
        rest = &rest[frame.total_len()..];
        let decoded = Message::decode(frame.header.message_type, frame.body, decoder.version);
        let m = match &decoded {
            Ok(m) => m,
            Err(e) => panic!("benchmark stream does not decode: {e:?}"),
        };
        let floating = visit_fixed(m, &mut v);
        visit_floating(floating, &mut v, depth);
        v.messages += 1;
    }
    v
}

/// [`visit_stream_two_pass`] through the `Decoder::messages` iterator.
#[allow(dead_code)] // Not every user of this module measures every way.
pub fn visit_stream_iter(decoder: &Decoder, stream: &[u8], depth: Depth) -> Visit {
    let mut v = Visit::default();
    let mut messages = decoder.messages(stream);
    for m in messages.by_ref() {
        let m = m.unwrap_or_else(|e| panic!("benchmark stream does not decode: {e:?}"));
        let floating = visit_fixed(&m, &mut v);
        visit_floating(floating, &mut v, depth);
        v.messages += 1;
    }
    assert!(messages.remainder().is_empty(), "trailing bytes in stream");
    v
}

/// The first message of `rest`, which must be whole.
#[inline(always)]
fn frame<'a>(decoder: &Decoder, rest: &'a [u8]) -> Frame<'a> {
    match decoder.frame(rest) {
        Ok(Status::Complete(frame)) => frame,
        other => panic!("benchmark stream does not frame: {other:?}"),
    }
}

#[inline(always)]
fn mix(lanes: &mut [u64; LANES], i: usize, x: u64) {
    let lane = &mut lanes[i % LANES];
    *lane = lane.rotate_left(5) ^ x;
}

/// Adds a message's fixed values into `v.fixed`, value `i` into lane `i % LANES`; the lanes are
/// copied out and back so they stay in registers meanwhile.
#[inline(always)]
fn fold_fixed<const N: usize>(v: &mut Visit, values: [u32; N]) {
    let mut lanes = v.fixed;
    for (i, x) in values.into_iter().enumerate() {
        let lane = &mut lanes[i % LANES];
        *lane = lane.wrapping_add(x.into());
    }
    v.fixed = lanes;
}

/// Reads every fixed field of the stream's message types; returns the floating part.
#[inline(always)]
pub fn visit_fixed<'m, 'a>(m: &'m Message<'a>, v: &mut Visit) -> &'m Floating<'a> {
    match m {
        Message::AgentStateEvent(e) => {
            fold_fixed(
                v,
                [
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
                ],
            );
            &e.floating
        }
        Message::BeginCallEvent(e) => {
            fold_fixed(
                v,
                [
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
                ],
            );
            &e.floating
        }
        Message::CallDataUpdateEvent(e) => {
            fold_fixed(
                v,
                [
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
                ],
            );
            &e.floating
        }
        Message::EndCallEvent(e) => {
            fold_fixed(
                v,
                [
                    e.monitor_id,
                    e.peripheral_id,
                    u32::from(e.peripheral_type.0),
                    u32::from(e.connection_device_id_type.0),
                    e.connection_call_id,
                ],
            );
            &e.floating
        }
        Message::HeartbeatConf(e) => {
            fold_fixed(v, [e.invoke_id.0]);
            &e.floating
        }
        Message::SystemEvent(e) => {
            fold_fixed(
                v,
                [
                    e.pg_status.0,
                    e.icm_central_controller_time.0,
                    e.system_event_id.0,
                    e.system_event_arg1,
                    e.system_event_arg2,
                    e.system_event_arg3,
                    u32::from(e.event_device_type.0),
                ],
            );
            &e.floating
        }
        other => panic!(
            "type outside the benchmark stream: {:?}",
            other.message_type()
        ),
    }
}

/// Visits every field of a decoded floating part.
#[inline]
pub fn visit_floating(floating: &Floating<'_>, v: &mut Visit, depth: Depth) {
    let mut fold = 0;
    for f in floating.iter() {
        v.fields += 1;
        fold = match depth {
            Depth::Walk => walk_field(fold, f),
            Depth::Values => value_field(fold, f),
        };
    }
    mix(&mut v.floating, v.messages as usize, fold);
}

/// Folds a field's tag and length into its message's `fold`.
#[inline(always)]
pub fn walk_field(fold: u64, f: FloatingField<'_>) -> u64 {
    fold.rotate_left(5) ^ (u64::from(f.tag) << 32 | f.data.len() as u64)
}

/// Folds a field's tag and its value, parsed as the type its tag has in the tag table, into its
/// message's `fold`.
#[inline(always)]
pub fn value_field(fold: u64, f: FloatingField<'_>) -> u64 {
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
        // UNSPEC, unknown tags, and value types added later: their length.
        Some(_) | None => f.data.len() as u64,
    };
    fold.rotate_left(5) ^ (u64::from(f.tag) << 32 | x)
}

/// A field that decode validated parses as its type; a `None` here would be a codec bug.
#[inline(always)]
fn parsed<K: Kind>(data: &[u8]) -> K::Value<'_> {
    K::parse(data).unwrap_or_else(|| panic!("validated field does not parse: {data:02x?}"))
}
