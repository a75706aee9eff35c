//! Any bytes, decoded as a stream in v15 and in v20: no panic, and every message that decodes
//! re-encodes to exactly the bytes it came from in that version, and survives a trip through the
//! other tag format (where the other version lacks one of its fixed fields, the transcoded form
//! is stable instead). The one-pass `Message::decode_with` reaches the same verdict and hands over
//! exactly the floating fields of the message it returns.

#![no_main]

use cti_proto::wire::{DecodeError, Decoder, Floating, FloatingField, Message, Status, Version};
use libfuzzer_sys::fuzz_target;

fn encode(m: &Message<'_>, version: Version) -> Vec<u8> {
    let mut out = vec![0u8; m.encoded_len(version)];
    let n = m
        .encode(version, &mut out)
        .expect("a decoded message encodes");
    assert_eq!(n, out.len(), "encoded_len is exact");
    out
}

/// `decode_with` on the first message of `rest` against `decode`'s verdict `plain`.
fn check_one_pass<'a>(decoder: &Decoder, rest: &'a [u8], plain: &Result<Message<'a>, DecodeError>) {
    let Ok(Status::Complete(frame)) = decoder.frame(rest) else {
        return;
    };
    let mut handed: Vec<(u16, &'a [u8])> = Vec::new();
    let with = Message::decode_with(
        frame.header.message_type,
        frame.body,
        decoder.version,
        |f: FloatingField<'a>| handed.push((f.tag, f.data)),
    )
    .map(|(m, _)| m);
    assert_eq!(&with, plain);
    let Ok(m) = with else { return };
    let fields: Vec<(u16, &'a [u8])> = match m.spec() {
        Some(spec) if !spec.is_opaque() && !matches!(m, Message::Unknown(_)) => {
            let floating = Floating::parse(
                &frame.body[spec.fixed_len_in(decoder.version)..],
                decoder.version,
            )
            .expect("a decoded message's floating part parses");
            floating.iter().map(|f| (f.tag, f.data)).collect()
        }
        _ => Vec::new(),
    };
    assert_eq!(handed, fields);
}

fuzz_target!(|data: &[u8]| {
    for (version, other) in [(Version::V15, Version::V20), (Version::V20, Version::V15)] {
        let decoder = Decoder::new(version);
        let mut rest = data;
        loop {
            let plain = decoder.decode(rest);
            if let Ok(Status::Complete((m, _))) = &plain {
                check_one_pass(&decoder, rest, &Ok(*m));
            } else if let Err(e) = &plain {
                check_one_pass(&decoder, rest, &Err(*e));
            }
            match plain {
                Ok(Status::Complete((m, used))) => {
                    assert!(used >= 8 && used <= rest.len());
                    let bytes = &rest[..used];
                    assert_eq!(encode(&m, version), bytes);
                    // To the other format and back, where the other format can hold it (a v20
                    // tag above 255 or a field over 255 bytes has no v15 form). A body kept raw
                    // (unknown type, undocumented layout, or one that misfits an inferred
                    // layout) has no fields to re-tag: in the other format it means other things.
                    let typed = m.spec().is_some_and(|s| !s.is_opaque())
                        && !matches!(m, Message::Unknown(_));
                    let mut out = vec![0u8; m.encoded_len(other)];
                    // A fixed field this version has and the other lacks (DepartmentID from
                    // v19, say) is dropped on the way: then only the other form must be stable.
                    let lossless = m.spec().is_some_and(|s| {
                        s.fixed
                            .iter()
                            .all(|f| !f.in_version(version) || f.in_version(other))
                    });
                    if typed && m.encode(other, &mut out).is_ok() {
                        match Decoder::new(other).decode(&out) {
                            Ok(Status::Complete((m2, n))) => {
                                assert_eq!(n, out.len());
                                if lossless {
                                    assert_eq!(encode(&m2, version), bytes);
                                } else {
                                    assert_eq!(encode(&m2, other), out);
                                }
                            }
                            r => panic!("transcoded message does not decode: {r:?}"),
                        }
                    }
                    rest = &rest[used..];
                }
                Ok(Status::Partial { needed }) => {
                    assert!(needed > 0);
                    break;
                }
                Err(_) => break,
            }
        }
    }
});
