//! ctidump: decodes a stream of CTI Server messages, hex or binary, from a file or standard
//! input, and prints one line per message, as text or JSON.
//!
//! ```text
//! cargo run --bin ctidump -- [--hex|--binary] [--version N] [--json] [--list-types] [FILE]
//! cargo run --bin ctidump -- --json examples/captures/session.hex
//! ```
//!
//! Field names, value names and types all come from the codec's tables, so every message type
//! the catalogue knows is printed with its fields; others print as `UNKNOWN` with their body.

use cti_tools::dump;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = dump::run(
        &args,
        &mut std::io::stdin().lock(),
        &mut std::io::BufWriter::new(std::io::stdout().lock()),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(code);
}
