//! Any bytes, decoded as a stream in v15 and in v20: no panic, and every message that decodes
//! re-encodes to exactly the bytes it came from in that version, and survives a trip through the
//! other tag format.

#![no_main]

use cti_proto::wire::{Decoder, Message, Status, Version};
use libfuzzer_sys::fuzz_target;

fn encode(m: &Message<'_>, version: Version) -> Vec<u8> {
    let mut out = vec![0u8; m.encoded_len(version)];
    let n = m
        .encode(version, &mut out)
        .expect("a decoded message encodes");
    assert_eq!(n, out.len(), "encoded_len is exact");
    out
}

fuzz_target!(|data: &[u8]| {
    for (version, other) in [(Version::V15, Version::V20), (Version::V20, Version::V15)] {
        let decoder = Decoder::new(version);
        let mut rest = data;
        loop {
            match decoder.decode(rest) {
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
                    if typed && m.encode(other, &mut out).is_ok() {
                        match Decoder::new(other).decode(&out) {
                            Ok(Status::Complete((m2, n))) => {
                                assert_eq!(n, out.len());
                                assert_eq!(encode(&m2, version), bytes);
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
