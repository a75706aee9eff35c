//! Codec benchmarks on the bridge stream (`../shared/bench/stream.bin`, 29 292 v15 messages;
//! `CTI_BENCH_STREAM=FILE` reads another). `cargo bench --bench codec`.
//!
//! - `decode_stream`: every message framed and decoded with `Message::decode_with` (each
//!   floating field validated and handed over in one pass), every fixed field read through its
//!   typed view.
//! - `decode_stream_two_pass`: the same with `Message::decode`, then a second walk over the
//!   floating fields.
//! - `decode_stream_iter`: the two-pass way through the `Decoder::messages` iterator.
//! - `decode_stream_values`: the same, and every floating value parsed as its tag's type.
//! - `encode_stream`: every decoded message written back, header included.
//! - `frame_stream`: framing alone (headers, lengths, limits).
//! - `memcpy_stream`: the stream copied into another buffer, the yardstick for the others.

#[path = "common/stream.rs"]
mod stream;
#[path = "common/visit.rs"]
mod visit;

use cti_proto::wire::{Decoder, Message, Status, Version};
use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};
use std::sync::OnceLock;
use visit::Depth;

fn main() {
    divan::main();
}

/// The benchmark stream, read once.
fn stream() -> &'static [u8] {
    static STREAM: OnceLock<Vec<u8>> = OnceLock::new();
    STREAM.get_or_init(stream::read)
}

fn messages() -> usize {
    Decoder::default().messages(stream()).count()
}

/// Times `pass` over the stream, checking each pass against a first one, and that first one
/// against the two-pass way, so every variant is seen to visit the same values.
fn bench_decode(bencher: Bencher, pass: fn(&Decoder, &[u8], Depth) -> visit::Visit, depth: Depth) {
    let decoder = Decoder::default();
    let expected = pass(&decoder, stream(), depth);
    assert_eq!(
        expected,
        visit::visit_stream_two_pass(&decoder, stream(), depth)
    );
    bencher
        .counter(BytesCount::new(stream().len()))
        .counter(ItemsCount::new(messages()))
        .bench(|| assert_eq!(pass(&decoder, black_box(stream()), depth), expected));
}

#[divan::bench(name = "decode_stream")]
fn decode_stream(bencher: Bencher) {
    bench_decode(bencher, visit::visit_stream, Depth::Walk);
}

#[divan::bench(name = "decode_stream_two_pass")]
fn decode_stream_two_pass(bencher: Bencher) {
    bench_decode(bencher, visit::visit_stream_two_pass, Depth::Walk);
}

#[divan::bench(name = "decode_stream_iter")]
fn decode_stream_iter(bencher: Bencher) {
    bench_decode(bencher, visit::visit_stream_iter, Depth::Walk);
}

#[divan::bench(name = "decode_stream_values")]
fn decode_stream_values(bencher: Bencher) {
    bench_decode(bencher, visit::visit_stream, Depth::Values);
}

#[divan::bench(name = "encode_stream")]
fn encode_stream(bencher: Bencher) {
    let decoded: Vec<Message<'static>> = Decoder::default()
        .messages(stream())
        .collect::<Result<_, _>>()
        .expect("benchmark stream decodes");
    let mut out = vec![0u8; stream().len()];
    let encode_all = |out: &mut [u8]| {
        let mut at = 0;
        for m in black_box(&decoded) {
            at += m
                .encode(Version::V15, &mut out[at..])
                .expect("room for every message");
        }
        at
    };
    // Byte-exact re-encoding is what makes the figure comparable to decoding the same bytes.
    assert_eq!(encode_all(&mut out), stream().len());
    assert_eq!(out, stream());
    bencher
        .counter(BytesCount::new(stream().len()))
        .counter(ItemsCount::new(decoded.len()))
        .bench_local(|| black_box(encode_all(&mut out)));
}

#[divan::bench(name = "frame_stream")]
fn frame_stream(bencher: Bencher) {
    let decoder = Decoder::default();
    let count = messages();
    bencher
        .counter(BytesCount::new(stream().len()))
        .counter(ItemsCount::new(count))
        .bench(|| {
            let mut buf = black_box(stream());
            let mut n = 0;
            while let Ok(Status::Complete(frame)) = decoder.frame(buf) {
                black_box(&frame);
                buf = &buf[frame.total_len()..];
                n += 1;
            }
            assert_eq!(n, count);
        });
}

#[divan::bench(name = "memcpy_stream")]
fn memcpy_stream(bencher: Bencher) {
    let mut out = vec![0u8; stream().len()];
    bencher
        .counter(BytesCount::new(stream().len()))
        .counter(ItemsCount::new(messages()))
        .bench_local(|| {
            out.copy_from_slice(black_box(stream()));
            black_box(&mut out);
        });
}
