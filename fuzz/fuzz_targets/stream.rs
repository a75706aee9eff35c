//! Incremental framing equals one-shot decoding, however the stream is cut. The first byte picks
//! the version (bit 7) and how many chunk sizes follow (low 4 bits); each size byte is a chunk of
//! 1 to 256 bytes, used in turn; the rest is the stream.

#![no_main]

use cti_proto::wire::{DecodeError, Decoder, Message, Status, Version};
use libfuzzer_sys::fuzz_target;

fn bytes(m: &Message<'_>, version: Version) -> Vec<u8> {
    let mut out = vec![0u8; m.encoded_len(version)];
    m.encode(version, &mut out)
        .expect("a decoded message encodes");
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let version = if head & 0x80 != 0 {
        Version::V20
    } else {
        Version::V15
    };
    let (sizes, stream) = rest.split_at(usize::from(head & 0x0f).min(rest.len()));
    let decoder = Decoder::new(version);

    // One shot.
    let mut whole: Vec<Result<Vec<u8>, DecodeError>> = Vec::new();
    let mut it = decoder.messages(stream);
    for m in it.by_ref() {
        whole.push(m.map(|m| bytes(&m, version)));
    }
    let left = it.remainder().len();

    // Chunk by chunk, through a receive buffer.
    let mut got: Vec<Result<Vec<u8>, DecodeError>> = Vec::new();
    let mut buf: Vec<u8> = Vec::new();
    let mut pos = 0;
    let mut i = 0;
    'feed: while pos < stream.len() {
        let n = match sizes.get(i % sizes.len().max(1)) {
            Some(&s) => usize::from(s) + 1,
            None => stream.len(),
        };
        let end = (pos + n).min(stream.len());
        buf.extend_from_slice(&stream[pos..end]);
        pos = end;
        i += 1;
        loop {
            match decoder.decode(&buf) {
                Ok(Status::Complete((m, used))) => {
                    got.push(Ok(bytes(&m, version)));
                    buf.drain(..used);
                }
                Ok(Status::Partial { needed }) => {
                    assert!(needed > 0);
                    break;
                }
                Err(e) => {
                    got.push(Err(e));
                    break 'feed;
                }
            }
        }
    }
    assert_eq!(got, whole);
    if !matches!(got.last(), Some(Err(_))) {
        assert_eq!(buf.len(), left);
    }
});
