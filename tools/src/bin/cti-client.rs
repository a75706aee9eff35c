//! `cti-client`: a CTI Server client over TCP, one line per session event.
//!
//! ```text
//! cti-client --server HOST:PORT [--server-b HOST:PORT] --client-id ID
//!     [--password PW | --password-file FILE] [--heartbeat SECS] [--services MASK] [--json] [--once]
//! ```
//!
//! Built on the crate's blocking driver, `cti_proto::blocking::Client`: TCP_NODELAY and
//! keepalive, linger 0 (a failed session resets the connection, spec §6.1), read timeouts
//! driven by the session's deadlines. The password may also come from `CTI_PASSWORD`. It
//! heartbeats every 30 s unless `--heartbeat` says otherwise (`-1`: never). Without `--once` it
//! reconnects by the side A / side B schedule of spec §6.1; with `--once` it exits after the
//! first failure (status 2) or clean close (status 0).

#![forbid(unsafe_code)]

use clap::Parser;
use cti_tools::client::{self, Args, Options};

fn main() {
    env_logger::init();
    let args = Args::parse();
    let code = match Options::from_args(args, cti_tools::password::env_password()) {
        Ok(opts) => client::run(&opts, &mut std::io::stdout().lock()),
        Err(msg) => {
            eprintln!("cti-client: {msg}");
            2
        }
    };
    std::process::exit(code);
}
