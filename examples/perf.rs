//! Decode throughput against memcpy on the same bytes, in one run.
//!
//! `cargo run --release --example perf [FILE]` (default: `$CTI_BENCH_STREAM`, else the bridge
//! stream `../shared/bench/stream.bin` next to the crate). Each workload is repeated for at least one
//! second after a warm-up; the best pass counts, so a busy machine slows the figures less.
//!
//! - `decode`: every message framed and decoded (`Decoder::frame`, `Message::decode_with`:
//!   every floating field validated and handed over in that one pass), every fixed field read
//!   through its typed view and every floating field's tag and length folded into a checksum
//!   compared with a first pass.
//! - `decode, then walk`: the same with `Message::decode` and a second walk over each message's
//!   floating fields, as a reader using only the typed view does.
//! - `decode + every value parsed`: `decode`, and every floating value parsed as its tag's type.
//! - `memcpy`: the same bytes copied into another buffer.
//!
//! The last line, `ratio_to_memcpy: X`, is `decode` throughput over memcpy throughput.

#[path = "../benches/common/stream.rs"]
mod stream;
#[path = "../benches/common/visit.rs"]
mod visit;

use cti_proto::wire::Decoder;
use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use visit::Depth;

/// How long each workload is repeated.
const MIN_TIME: Duration = Duration::from_secs(1);
/// At least this many timed passes, however long they take.
const MIN_PASSES: u32 = 5;

fn main() -> ExitCode {
    let path = match std::env::args_os().nth(1) {
        Some(p) => PathBuf::from(p),
        None => stream::path(),
    };
    let stream = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("perf: cannot read {}: {e}", path.display());
            eprintln!(
                "usage: cargo run --release --example perf [FILE] (or CTI_BENCH_STREAM=FILE)"
            );
            return ExitCode::FAILURE;
        }
    };
    let decoder = Decoder::default();
    let reference = visit::visit_stream(&decoder, &stream, Depth::Walk);
    let reference_values = visit::visit_stream(&decoder, &stream, Depth::Values);
    println!(
        "input: {} ({} bytes, {} messages, {} floating fields)",
        path.display(),
        stream.len(),
        reference.messages,
        reference.fields
    );

    println!(
        "size_of (this host): Session {} B, Session<4400, 1024, 8> {} B, ServerSession {} B, \
         Message {} B",
        std::mem::size_of::<cti_proto::client::Session>(),
        std::mem::size_of::<cti_proto::client::Session<4400, 1024, 8>>(),
        std::mem::size_of::<cti_proto::server::ServerSession>(),
        std::mem::size_of::<cti_proto::wire::Message<'static>>(),
    );

    let decode = measure(|| {
        let v = visit::visit_stream(&decoder, black_box(&stream), Depth::Walk);
        assert_eq!(v, reference);
    });
    let two_pass = measure(|| {
        let v = visit::visit_stream_two_pass(&decoder, black_box(&stream), Depth::Walk);
        assert_eq!(v, reference);
    });
    let values = measure(|| {
        let v = visit::visit_stream(&decoder, black_box(&stream), Depth::Values);
        assert_eq!(v, reference_values);
    });
    let mut copy = vec![0u8; stream.len()];
    let memcpy = measure(|| {
        copy.copy_from_slice(black_box(&stream));
        black_box(&mut copy);
    });

    let bytes = stream.len() as f64;
    let msgs = reference.messages as f64;
    report("decode", decode, bytes, msgs);
    report("decode, then walk", two_pass, bytes, msgs);
    report("decode + every value parsed", values, bytes, msgs);
    report("memcpy", memcpy, bytes, msgs);
    println!(
        "ratio_to_memcpy: {:.3}",
        memcpy.as_secs_f64() / decode.as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// The best time of one pass of `pass`, repeated for at least [`MIN_TIME`].
fn measure(mut pass: impl FnMut()) -> Duration {
    for _ in 0..3 {
        pass();
    }
    let start = Instant::now();
    let mut best = Duration::MAX;
    let mut passes = 0u32;
    while passes < MIN_PASSES || start.elapsed() < MIN_TIME {
        let t = Instant::now();
        pass();
        best = best.min(t.elapsed());
        passes += 1;
    }
    best
}

fn report(name: &str, pass: Duration, bytes: f64, msgs: f64) {
    let s = pass.as_secs_f64();
    println!(
        "{name:<28} {:>8.1} us/pass {:>11.0} messages/s {:>8.1} MB/s",
        s * 1e6,
        msgs / s,
        bytes / s / 1e6
    );
}
