//! Properties of the codec over messages generated from its own tables (see `common`): every
//! catalogue entry round-trips in v15 and v20 and transcodes between them; any split of a stream
//! decodes to the same messages; arbitrary and corrupted bytes never panic and errors end the
//! iteration instead of repeating.

mod common;

use common::{hex, EveryType, GenMessage};
use cti_proto::wire::{
    DecodeError, Decoder, EncodeError, Floating, InvokeId, Message, Status, Version, HEADER_LEN,
    MESSAGES,
};
use quickcheck::{Arbitrary, Gen, QuickCheck, TestResult};

/// Every version the tables hold (versions sheet: 13 to 25).
const VERSIONS: [Version; 13] = [
    Version(13),
    Version(14),
    Version(15),
    Version(16),
    Version(17),
    Version(18),
    Version(19),
    Version(20),
    Version(21),
    Version(22),
    Version(23),
    Version(24),
    Version(25),
];

/// Decodes exactly one whole message from `bytes`, or explains why not.
fn decode_one(bytes: &[u8], version: Version) -> Result<Message<'_>, String> {
    match Decoder::new(version).decode(bytes) {
        Ok(Status::Complete((m, used))) if used == bytes.len() => Ok(m),
        other => Err(format!("{version:?}: {} decoded as {other:?}", hex(bytes))),
    }
}

fn encode(m: &Message<'_>, version: Version) -> Result<Vec<u8>, String> {
    let mut out = vec![0u8; m.encoded_len(version)];
    let n = m
        .encode(version, &mut out)
        .map_err(|e| format!("{version:?}: encode failed: {e}"))?;
    out.truncate(n);
    Ok(out)
}

/// Round trip of one generated message in every version, and transcoding v15 → v20 → v15. In
/// a version older than the type it is unknown: kept raw, byte for byte.
fn round_trip(g: &GenMessage) -> Result<(), String> {
    let spec = g.spec();
    for v in VERSIONS {
        let bytes = g.encode(v);
        let m = decode_one(&bytes, v)?;
        if !spec.in_version(v) {
            let raw = matches!(m, Message::Unknown(r) if r.body == &bytes[HEADER_LEN..]);
            if !raw || encode(&m, v)? != bytes {
                return Err(format!("{v:?}: a type newer than the version gave {m:?}"));
            }
            continue;
        }
        if m.message_type().0 != spec.id || m.spec() != Some(spec) {
            return Err(format!("{v:?}: decoded as {:?}", m.message_type()));
        }
        if m.encoded_len(v) != bytes.len() {
            return Err(format!("{v:?}: encoded_len {}", m.encoded_len(v)));
        }
        let again = encode(&m, v)?;
        if again != bytes {
            return Err(format!("{v:?}: re-encoded as {}", hex(&again)));
        }
        // A buffer one byte short is refused with the exact size needed.
        let mut short = vec![0u8; bytes.len() - 1];
        let needed = bytes.len();
        if m.encode(v, &mut short) != Err(EncodeError::BufferTooSmall { needed }) {
            return Err(format!(
                "{v:?}: short buffer gave {:?}",
                m.encode(v, &mut short)
            ));
        }
        // The codec sees the generated fields, in order, with their data.
        let fields: Vec<(u16, Vec<u8>)> =
            Floating::parse(&bytes[HEADER_LEN + spec.fixed_len_in(v)..], v)
                .map_err(|e| format!("{v:?}: floating part: {e}"))?
                .iter()
                .map(|f| (f.tag, f.data.to_vec()))
                .collect();
        let want: Vec<(u16, Vec<u8>)> =
            g.floating.iter().map(|f| (f.tag, f.data.bytes())).collect();
        if fields != want {
            return Err(format!("{v:?}: floating fields {fields:?}"));
        }
        if let Some(i) = spec.fixed.iter().position(|f| f.name == "InvokeID") {
            if m.invoke_id() != Some(InvokeId(g.fixed[i])) {
                return Err(format!("{v:?}: invoke_id {:?}", m.invoke_id()));
            }
        }
    }
    if spec.is_opaque() || !spec.in_version(Version::V15) {
        // A body of unknown layout is kept as received: its fields cannot be re-tagged. A type
        // newer than v15 has no v15 form to transcode.
        return Ok(());
    }
    let v15 = g.encode(Version::V15);
    let m15 = decode_one(&v15, Version::V15)?;
    let as20 = encode(&m15, Version::V20)?;
    // A fixed field v15 does not have comes out of a v15 message as absent, written as 0.
    let mut widened = g.clone();
    for (f, v) in spec.fixed.iter().zip(widened.fixed.iter_mut()) {
        if !f.in_version(Version::V15) {
            *v = 0;
        }
    }
    if as20 != widened.encode(Version::V20) {
        return Err(format!("v15 → v20 gave {}", hex(&as20)));
    }
    let m20 = decode_one(&as20, Version::V20)?;
    let back = encode(&m20, Version::V15)?;
    if back != v15 {
        return Err(format!("v15 → v20 → v15 gave {}", hex(&back)));
    }
    Ok(())
}

fn verdict(r: Result<(), String>) -> TestResult {
    match r {
        Ok(()) => TestResult::passed(),
        Err(e) => TestResult::error(e),
    }
}

#[test]
fn every_catalogue_type_round_trips_in_v15_and_v20_and_transcodes() {
    fn prop(all: EveryType) -> TestResult {
        verdict(all.0.iter().try_for_each(round_trip))
    }
    assert!(!MESSAGES.is_empty());
    QuickCheck::new()
        .tests(100)
        .quickcheck(prop as fn(EveryType) -> TestResult);
}

#[test]
fn any_generated_message_round_trips() {
    fn prop(m: GenMessage) -> TestResult {
        verdict(round_trip(&m))
    }
    QuickCheck::new()
        .tests(2000)
        .quickcheck(prop as fn(GenMessage) -> TestResult);
}

/// A stream of messages and the sizes of the chunks it arrives in.
#[derive(Clone, Debug)]
struct Chunked {
    version: Version,
    messages: Vec<GenMessage>,
    chunks: Vec<u8>,
}

impl Arbitrary for Chunked {
    fn arbitrary(g: &mut Gen) -> Self {
        let n = usize::arbitrary(g) % 12;
        Chunked {
            version: *g.choose(&VERSIONS).unwrap_or(&Version::V15),
            messages: (0..n).map(|_| GenMessage::arbitrary(g)).collect(),
            chunks: Vec::arbitrary(g),
        }
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        let s = self.clone();
        let fewer = self.messages.shrink().map({
            let s = s.clone();
            move |messages| Chunked {
                messages,
                ..s.clone()
            }
        });
        let chunks = self.chunks.shrink().map(move |chunks| Chunked {
            chunks,
            ..s.clone()
        });
        Box::new(fewer.chain(chunks))
    }
}

impl Chunked {
    fn stream(&self) -> Vec<u8> {
        self.messages
            .iter()
            .flat_map(|m| m.encode(self.version))
            .collect()
    }

    /// Chunk sizes, cycling through `chunks` (1 to 97 bytes each); the whole stream at once when
    /// there are none.
    fn pieces<'a>(&self, stream: &'a [u8]) -> Vec<&'a [u8]> {
        if self.chunks.is_empty() {
            return vec![stream];
        }
        let mut out = Vec::new();
        let mut rest = stream;
        let mut i = 0;
        while !rest.is_empty() {
            let n = (usize::from(self.chunks[i % self.chunks.len()]) % 97 + 1).min(rest.len());
            let (a, b) = rest.split_at(n);
            out.push(a);
            rest = b;
            i += 1;
        }
        out
    }
}

fn split_stream(c: &Chunked) -> Result<(), String> {
    let decoder = Decoder::new(c.version);
    let stream = c.stream();
    let expected: Vec<Vec<u8>> = c.messages.iter().map(|m| m.encode(c.version)).collect();

    // One shot.
    let mut whole = Vec::new();
    let mut it = decoder.messages(&stream);
    for m in it.by_ref() {
        whole.push(encode(
            &m.map_err(|e| format!("one shot: {e}"))?,
            c.version,
        )?);
    }
    if !it.remainder().is_empty() || whole != expected {
        return Err(format!("one shot gave {} messages", whole.len()));
    }

    // Incrementally, through a receive buffer.
    let mut buf: Vec<u8> = Vec::new();
    let mut got: Vec<Vec<u8>> = Vec::new();
    for piece in c.pieces(&stream) {
        buf.extend_from_slice(piece);
        loop {
            match decoder
                .decode(&buf)
                .map_err(|e| format!("incremental: {e}"))?
            {
                Status::Complete((m, used)) => {
                    got.push(encode(&m, c.version)?);
                    buf.drain(..used);
                }
                Status::Partial { needed } => {
                    // Exactly what is missing: of the header, then of the whole message.
                    let want = match expected.get(got.len()) {
                        _ if buf.len() < HEADER_LEN => HEADER_LEN - buf.len(),
                        Some(next) => next.len() - buf.len(),
                        None => return Err(format!("partial after the last message: {needed}")),
                    };
                    if needed != want {
                        return Err(format!("needed {needed}, {want} missing"));
                    }
                    break;
                }
            }
        }
    }
    if !buf.is_empty() || got != expected {
        return Err(format!(
            "incremental gave {} messages, {} bytes left",
            got.len(),
            buf.len()
        ));
    }
    Ok(())
}

#[test]
fn any_split_of_a_stream_yields_the_same_messages() {
    fn prop(c: Chunked) -> TestResult {
        verdict(split_stream(&c))
    }
    QuickCheck::new()
        .tests(500)
        .quickcheck(prop as fn(Chunked) -> TestResult);
}

/// Bytes to throw at the decoder: pure noise, or a valid stream with some bytes overwritten and
/// perhaps cut short, so that the noise gets past the header checks.
#[derive(Clone, Debug)]
struct Garbage {
    version: Version,
    max_message_len: usize,
    bytes: Vec<u8>,
}

impl Arbitrary for Garbage {
    fn arbitrary(g: &mut Gen) -> Self {
        let version = *g.choose(&VERSIONS).unwrap_or(&Version::V15);
        let mut bytes: Vec<u8> = if bool::arbitrary(g) {
            Vec::arbitrary(g)
        } else {
            let n = usize::arbitrary(g) % 4 + 1;
            let mut s: Vec<u8> = (0..n)
                .flat_map(|_| GenMessage::arbitrary(g).encode(version))
                .collect();
            for _ in 0..usize::arbitrary(g) % 5 {
                let i = usize::arbitrary(g) % s.len();
                s[i] = u8::arbitrary(g);
            }
            s
        };
        if bool::arbitrary(g) && !bytes.is_empty() {
            let keep = usize::arbitrary(g) % bytes.len();
            bytes.truncate(keep);
        }
        let max_message_len = *g.choose(&[0, 8, 20, 64, 4329, 12_500]).unwrap_or(&12_500);
        Garbage {
            version,
            max_message_len,
            bytes,
        }
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        let s = self.clone();
        Box::new(
            self.bytes
                .shrink()
                .map(move |bytes| Garbage { bytes, ..s.clone() }),
        )
    }
}

fn garbage(c: &Garbage) -> Result<(), String> {
    let decoder = Decoder {
        version: c.version,
        max_message_len: c.max_message_len,
    };
    let bytes = &c.bytes[..];
    match decoder.decode(bytes) {
        Ok(Status::Complete((m, used))) => {
            if !(HEADER_LEN..=bytes.len()).contains(&used) {
                return Err(format!("used {used}"));
            }
            // Whatever decodes re-encodes to the same bytes.
            if encode(&m, c.version)? != bytes[..used] {
                return Err("re-encoding differs".into());
            }
        }
        Ok(Status::Partial { needed }) => {
            if needed == 0 {
                return Err("partial with nothing needed".into());
            }
        }
        Err(DecodeError::Oversize { length, limit }) => {
            if length as usize <= decoder.max_body_len() || limit as usize != decoder.max_body_len()
            {
                return Err(format!("oversize {length} over {limit}"));
            }
        }
        Err(e) => {
            // Offsets point inside the message that the header announces.
            let total = 8 + u32::from_be_bytes(bytes[..4].try_into().unwrap()) as usize;
            // (A ShortBody of an empty body points just past the header, at the missing part.)
            if e.offset() > total {
                return Err(format!("{e:?} lies outside a {total}-byte message"));
            }
        }
    }
    // The iterator makes progress on every item and stops after the first error.
    let mut it = decoder.messages(bytes);
    let mut consumed = 0;
    let mut items = 0;
    while let Some(item) = it.next() {
        items += 1;
        if items > bytes.len() / HEADER_LEN + 1 {
            return Err("the iterator does not advance".into());
        }
        match item {
            Ok(m) => consumed += m.encoded_len(c.version),
            Err(_) => {
                if it.next().is_some() {
                    return Err("items after an error".into());
                }
                return Ok(());
            }
        }
    }
    if consumed + it.remainder().len() != bytes.len() {
        return Err(format!(
            "consumed {consumed}, {} left",
            it.remainder().len()
        ));
    }
    Ok(())
}

#[test]
fn garbage_never_panics_and_errors_end_the_iteration() {
    fn prop(c: Garbage) -> TestResult {
        verdict(garbage(&c))
    }
    QuickCheck::new()
        .tests(3000)
        .quickcheck(prop as fn(Garbage) -> TestResult);
}
