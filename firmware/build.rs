//! Links the firmware for the lm3s6965 (memory.x) and turns the spec §9 captures of the crate's
//! golden tests (`../tests/golden.rs`) into byte arrays, so the firmware checks exactly the bytes
//! the host tests check, with no second copy to drift.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

const GOLDEN: &str = "../tests/golden.rs";

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::copy("memory.x", out.join("memory.x")).expect("copy memory.x into OUT_DIR");
    println!("cargo:rustc-link-search={}", out.display());
    println!("cargo:rerun-if-changed=memory.x");
    println!("cargo:rerun-if-changed={GOLDEN}");

    let golden = fs::read_to_string(GOLDEN).expect("read ../tests/golden.rs");
    fs::write(out.join("captures.rs"), captures(&golden)).expect("write captures.rs");
}

/// `pub const CAPTURES: &[Capture]` from golden.rs: its `CAPTURES` table of `("NAME", type,
/// CONST)` rows, each CONST a `const CONST: &str = "hex…";` of the same file.
fn captures(golden: &str) -> String {
    let table_start = golden
        .find("const CAPTURES")
        .expect("golden.rs has a CAPTURES table");
    let table = &golden[table_start..];
    let table = &table[table.find("= &[").expect("CAPTURES = &[ … ];")..];
    let table = &table[..table.find("];").expect("CAPTURES table ends with `];`")];
    let mut out = String::from("pub const CAPTURES: &[Capture] = &[\n");
    let mut rows = 0;
    for row in table.split('(').skip(1) {
        let row = &row[..row.find(')').expect("a CAPTURES row closes")];
        let fields: Vec<&str> = row.split(',').map(str::trim).collect();
        let [name, ty, konst] = fields[..] else {
            panic!("CAPTURES row is not (name, type, const): {row}")
        };
        let bytes = hex(const_str(golden, konst));
        let mut list = String::new();
        for b in &bytes {
            write!(list, "{b:#04x},").expect("writing to a String");
        }
        writeln!(
            out,
            "    Capture {{ name: {name}, message_type: {ty}, bytes: &[{list}] }},"
        )
        .expect("writing to a String");
        rows += 1;
    }
    assert!(rows > 0, "CAPTURES table of {GOLDEN} has no rows");
    out.push_str("];\n");
    out
}

/// The string literal of `const NAME: &str = "…";`.
fn const_str<'a>(golden: &'a str, name: &str) -> &'a str {
    let decl = format!("const {name}: &str =");
    let at = golden
        .find(&decl)
        .unwrap_or_else(|| panic!("{GOLDEN} declares no `{decl}`"));
    let rest = &golden[at + decl.len()..];
    let open = rest.find('"').expect("string literal opens") + 1;
    let len = rest[open..].find('"').expect("string literal closes");
    &rest[open..open + len]
}

fn hex(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(digits.len().is_multiple_of(2), "odd number of hex digits");
    digits
        .chunks(2)
        .map(|pair| {
            let pair = std::str::from_utf8(pair).expect("ASCII");
            u8::from_str_radix(pair, 16).unwrap_or_else(|_| panic!("not hex: {pair}"))
        })
        .collect()
}
