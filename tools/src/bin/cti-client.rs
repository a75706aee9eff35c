//! `cti-client`: a CTI Server client over TCP, one line per session event.
//!
//! ```text
//! cargo run --bin cti-client -- --server HOST:PORT [--server-b HOST:PORT] --client-id ID
//!     [--password PW] [--heartbeat SECS] [--services MASK] [--json] [--once]
//! ```
//!
//! A blocking std adapter around the sans-IO [`cti_proto::client::Session`]: TCP_NODELAY, linger 0 (a
//! failed session resets the connection, spec §6.1), read timeouts driven by `poll_timeout`.
//! Without `--once` it reconnects by the side A / side B schedule of spec §6.1; with `--once`
//! it exits after the first failure (status 2) or clean close (status 0).

use cti_tools::client as driver;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match driver::parse(&args) {
        Ok(opts) => driver::run(&opts, &mut std::io::stdout().lock()),
        Err(msg) => {
            eprintln!("cti-client: {msg}\n{}", driver::USAGE);
            1
        }
    };
    std::process::exit(code);
}
