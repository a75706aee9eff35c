//! Writes the Wireshark Lua dissector generated from the codec's tables.
//!
//! `cargo run --example gen-dissector > dissector/cti.lua`, or with the output path as the one
//! argument: `cargo run --example gen-dissector -- dissector/cti.lua`.

#[path = "../dissector/gen.rs"]
mod gen;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let model = gen::Model::of_crate();
    let lua = model.lua();
    let result = match std::env::args_os().nth(1) {
        Some(path) => std::fs::write(&path, &lua).map(|()| {
            eprintln!(
                "wrote {} ({} message types, {} tags, {} fields, {} flag bits)",
                path.to_string_lossy(),
                model.messages.len(),
                model.tags.len(),
                model.fields.len(),
                model.bit_count()
            )
        }),
        None => std::io::stdout().lock().write_all(lua.as_bytes()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-dissector: {e}");
            ExitCode::FAILURE
        }
    }
}
