//! The benchmark stream: `../shared/bench/stream.bin` next to the crate, or `CTI_BENCH_STREAM`.

use std::path::PathBuf;

/// Where the stream is read from.
pub fn path() -> PathBuf {
    std::env::var_os("CTI_BENCH_STREAM")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/stream.bin")
        })
}

/// The stream's bytes; panics with the path and the way to give another when it is missing.
#[allow(dead_code)] // The perf example reports a missing file without panicking.
pub fn read() -> Vec<u8> {
    let path = path();
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the benchmark stream {}: {e} (set CTI_BENCH_STREAM=FILE)",
            path.display()
        )
    })
}
