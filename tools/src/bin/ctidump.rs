//! ctidump: decodes a stream of CTI Server messages, hex or binary, from a file or standard
//! input, and prints one line per message, as text or JSON, each as soon as it is complete.
//!
//! ```text
//! ctidump [--hex|--binary] [--version N] [--json] [--list-types] [FILE]
//! ctidump --json examples/captures/session.hex
//! cargo run -p cti-tools --bin ctidump -- --json examples/captures/session.hex
//! ```
//!
//! Field names, value names and types all come from the codec's tables, so every message type
//! the catalogue knows is printed with its fields; others print as `UNKNOWN` with their body.

#![forbid(unsafe_code)]

use cti_tools::dump;

fn main() {
    env_logger::init();
    let code = dump::run(
        std::env::args_os().skip(1),
        &mut std::io::stdin().lock(),
        &mut std::io::BufWriter::new(std::io::stdout().lock()),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(code);
}
