//! The Wireshark dissector generated from the codec's tables: the committed `dissector/cti.lua`
//! must be what the generator writes today, and tshark running it must show every message with
//! the field values the Rust decoder gives for the same bytes.
//!
//! The tshark tests need `tshark` and `text2pcap` (Debian: `apt-get install tshark`). Without
//! them they print why and pass, unless `CTI_REQUIRE_TSHARK` is set (CI sets it), in which case
//! a missing tool is a failure.

#[path = "../dissector/gen.rs"]
mod gen;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use cti_proto::wire::codes::*;
use cti_proto::wire::session::*;
use cti_proto::wire::tag::{self, FloatType, TagSpec};
use cti_proto::wire::{
    kind, Bool, Decoder, FieldKind, FixedSpec, FloatSpec, Floating, FloatingWriter, GroupSpec,
    InvokeId, Kind, Message, MessageSpec, MessageType, Names, RawMessage, Scalar, Status, Str,
    Time, Version, HEADER_LEN,
};

use gen::{Model, Named};

const LUA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/dissector/cti.lua");

// ---------------------------------------------------------------------------------------------
// The committed file is current.

#[test]
fn committed_dissector_matches_the_tables() {
    let want = Model::of_crate().lua();
    let have = std::fs::read_to_string(LUA).unwrap_or_default();
    if have != want {
        let line = have
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| have.lines().count().min(want.lines().count()));
        panic!(
            "dissector/cti.lua is stale (first difference at line {}): regenerate it with \
             `cargo run --example gen-dissector -- dissector/cti.lua`",
            line + 1
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Field naming, on made-up tables that exercise every merge rule.

static ONE: &[(u32, &str)] = &[(0, "ZERO"), (1, "ONE")];
static OTHER: &[(u32, &str)] = &[(0, "NONE"), (1, "FIRST")];
static BITS: &[(u32, &str)] = &[(1, "A_BIT"), (2, "B_BIT"), (3, "BOTH")];
static TEST_TAGS: &[TagSpec] = &[
    TagSpec::new(1, "STATE", FloatType::String, 10),
    TagSpec::new(2, "COUNT", FloatType::Int, 4),
    TagSpec::new(3, "OTHER_ID", FloatType::UShort, 2),
    TagSpec::new(4, "AGENT_LABEL", FloatType::String, 8),
];

const fn fixed(name: &'static str, scalar: Scalar, names: Names) -> FixedSpec {
    FixedSpec::new(name, FieldKind::new(scalar, names))
}

static TEST_MESSAGES: &[MessageSpec] = &[
    MessageSpec::new(
        1,
        "FIRST",
        &[
            fixed("State", Scalar::U16, Names::Enum(ONE)),
            fixed("Count", Scalar::U32, Names::None),
            fixed("Flags", Scalar::U32, Names::Mask(BITS)),
            fixed("Type", Scalar::U8, Names::None),
        ],
        &[
            FloatSpec::new(3, "OtherID", false),
            FloatSpec::new(4, "Label", false),
        ],
        &[],
    ),
    MessageSpec::new(
        2,
        "SECOND",
        &[
            fixed("State", Scalar::U32, Names::Enum(OTHER)),
            fixed("Count", Scalar::U32, Names::None),
            fixed("Flags", Scalar::U16, Names::Mask(BITS)),
        ],
        &[FloatSpec::new(1, "State", false)],
        &[GroupSpec::new(
            "Counts",
            &[FloatSpec::new(2, "Count", true)],
        )],
    ),
];

/// Every field the Lua registers, checked to be distinct.
fn distinct_fields(lua: &str) -> Vec<&str> {
    let mut all: Vec<&str> = lua
        .split("ProtoField.")
        .skip(1)
        .filter_map(|s| s.split('"').nth(1))
        .collect();
    let n = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), n, "two fields share a filter name");
    all
}

#[test]
fn one_field_per_name_with_width_neutral_integers_and_suffixes_for_other_classes() {
    let m = Model::new(TEST_MESSAGES, TEST_TAGS);
    let abbrev = |id: u32, i: usize| {
        let f = &m.message(id).unwrap().fixed[i];
        m.fields[f.field].abbrev.clone()
    };
    // Same name, same class: one field, whatever the message.
    assert_eq!(abbrev(1, 0), "cti.state");
    assert_eq!(abbrev(2, 0), "cti.state");
    assert_eq!(abbrev(1, 1), abbrev(2, 1));
    // A structural name gets a suffix.
    assert_eq!(abbrev(1, 3), "cti.type_field");
    let state = m.fields.iter().find(|f| f.abbrev == "cti.state").unwrap();
    // USHORT in one message, UINT in the other: uint32, and the enumerations differ, so the
    // names are per use, not in the field.
    assert_eq!(state.width, None);
    assert_eq!(state.shared, Named::None);
    let uses: Vec<Named> = [1, 2]
        .map(|id| m.message(id).unwrap().fixed[0].names)
        .into();
    assert!(matches!(uses[..], [Named::Enum(a), Named::Enum(b)] if a != b));
    // The same mask table everywhere: shared, with one flag per single bit (BOTH is not one).
    let flags = m.fields.iter().find(|f| f.abbrev == "cti.flags").unwrap();
    assert!(matches!(flags.shared, Named::Mask(_)) && flags.hex);
    let bits: Vec<&str> = flags.bits.iter().map(|b| b.abbrev.as_str()).collect();
    assert_eq!(bits, ["cti.flags.a_bit", "cti.flags.b_bit"]);
    // Floating "State" is text while "State" was first a number: its own field.
    assert_eq!(m.floating_field(2, 1).unwrap().abbrev, "cti.state_str");
    // The group member "Count" is INT: signed, its own field.
    assert_eq!(m.floating_field(2, 2).unwrap().abbrev, "cti.count_int");
    // Layout name first; outside layouts, a tag's first layout name.
    assert_eq!(m.floating_field(1, 3).unwrap().abbrev, "cti.other_id");
    assert_eq!(m.floating_field(1, 1).unwrap().abbrev, "cti.state_str");
    assert_eq!(m.floating_field(2, 4).unwrap().abbrev, "cti.label");
    // No field is made for a tag's own name when a layout names it.
    assert!(m.fields.iter().all(|f| f.abbrev != "cti.agent_label"));
    assert!(m.floating_field(1, 99).is_none());
    // The Lua names the per-use enumerations and the mask.
    let lua = m.lua();
    let all = distinct_fields(&lua);
    assert!(all.contains(&"cti.type") && all.contains(&"cti.type_field"));
    assert!(lua.contains("F[1] = ProtoField.uint32(\"cti.state\", \"State\", base.DEC)"));
    assert!(lua.contains(", e = VS["), "{lua}");
    assert!(lua.contains(", m = VM["), "{lua}");
}

#[test]
fn crate_fields_have_unique_names_and_every_message_is_described() {
    let lua = Model::of_crate().lua();
    let all = distinct_fields(&lua);
    for spec in cti_proto::wire::MESSAGES {
        assert!(lua.contains(&format!(
            "MESSAGES[{}] = {{ name = \"{}\"",
            spec.id, spec.name
        )));
    }
    for t in tag::TAGS {
        assert!(lua.contains(&format!("TAGS[{}] = {{", t.tag)));
    }
    for name in [
        "cti.invoke_id",
        "cti.agent_state",
        "cti.pg_status",
        "cti.client_id",
    ] {
        assert!(all.contains(&name), "{name}");
    }
}

#[test]
fn mask_text_is_the_codec_mask_debug() {
    for v in [0u32, 1, 0x001c_0296, 0x8000_0001, 0x0000_4000, 0xffff_ffff] {
        assert_eq!(
            gen::mask_text(ServiceMask::NAMES, v),
            format!("{:?}", ServiceMask(v)),
            "{v:#x}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// tshark.

/// `true` when tshark and text2pcap run; otherwise prints why, and panics when CI requires them.
fn have_tshark() -> bool {
    let ok = |tool: &str| {
        Command::new(tool)
            .arg("-v")
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if ok("tshark") && ok("text2pcap") {
        return true;
    }
    let msg = "tshark or text2pcap not found (Debian: apt-get install tshark)";
    if std::env::var_os("CTI_REQUIRE_TSHARK").is_some() {
        panic!("{msg}, and CTI_REQUIRE_TSHARK is set: the dissector test cannot run");
    }
    eprintln!("{msg}: skipping this dissector test");
    false
}

/// One TCP segment of a recorded exchange.
struct Segment {
    /// True for client to server.
    to_server: bool,
    bytes: Vec<u8>,
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dissector");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Writes the segments as a pcap through text2pcap (client port 50000, server `port`).
fn pcap(name: &str, port: u16, segments: &[Segment]) -> PathBuf {
    let mut text = String::new();
    for s in segments {
        // text2pcap -D: "I" lines go from the first -T port to the second, "O" the other way.
        let dir = if s.to_server { 'I' } else { 'O' };
        for (i, chunk) in s.bytes.chunks(16).enumerate() {
            if i == 0 {
                write!(text, "{dir} ").unwrap();
            }
            write!(text, "{:06x}", i * 16).unwrap();
            for b in chunk {
                write!(text, " {b:02x}").unwrap();
            }
            text.push('\n');
        }
    }
    let txt = scratch(&format!("{name}.txt"));
    let out = scratch(&format!("{name}.pcap"));
    std::fs::write(&txt, text).unwrap();
    let run = Command::new("text2pcap")
        .args(["-q", "-D", "-T", &format!("50000,{port}")])
        .arg(&txt)
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "text2pcap failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// One field of tshark's PDML output.
#[derive(Debug, Clone)]
struct Shown {
    name: String,
    show: String,
    showname: String,
}

fn attr(line: &str, key: &str) -> Option<String> {
    let start = line.find(&format!(" {key}=\""))? + key.len() + 3;
    let end = start + line[start..].find('"')?;
    Some(
        line[start..end]
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

fn tshark(file: &Path, prefs: &[&str], args: &[&str]) -> String {
    let mut cmd = Command::new("tshark");
    cmd.arg("-X")
        .arg(format!("lua_script:{LUA}"))
        .arg("-r")
        .arg(file);
    for p in prefs {
        cmd.args(["-o", p]);
    }
    let out = cmd.args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "tshark failed: {stderr}");
    assert!(!stderr.contains("Lua Error"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!stdout.contains("Lua Error"), "{stdout}");
    stdout
}

/// Every CTI message tshark shows, in order, with its fields.
fn dissect(file: &Path, prefs: &[&str]) -> Vec<Vec<Shown>> {
    let pdml = tshark(file, prefs, &["-T", "pdml"]);
    let mut messages: Vec<Vec<Shown>> = Vec::new();
    let mut inside = false;
    for line in pdml.lines() {
        let line = line.trim_start();
        if line.starts_with("<proto name=\"cti\"") {
            messages.push(Vec::new());
            inside = true;
        } else if line.starts_with("</proto>") {
            inside = false;
        } else if inside && line.starts_with("<field ") {
            // Named fields, and text items (group headers) with an empty name.
            let mut shown = Shown {
                name: attr(line, "name").unwrap_or_default(),
                show: attr(line, "show").unwrap_or_default(),
                showname: attr(line, "showname").unwrap_or_default(),
            };
            if shown.name == "_ws.lua.text" {
                shown.name.clear();
                shown.show.clone_from(&shown.showname);
            }
            if shown.name.is_empty() || shown.name.starts_with("cti.") {
                messages.last_mut().unwrap().push(shown);
            }
        }
    }
    messages
}

/// The Info column of every frame.
fn info_column(file: &Path, prefs: &[&str]) -> Vec<String> {
    tshark(
        file,
        prefs,
        &[
            "-T",
            "fields",
            "-e",
            "_ws.col.Protocol",
            "-e",
            "_ws.col.Info",
        ],
    )
    .lines()
    .map(|l| l.to_string())
    .collect()
}

/// Bytes as tshark shows them.
fn hex(data: &[u8]) -> String {
    let v: Vec<String> = data.iter().map(|b| format!("{b:02x}")).collect();
    v.join(":")
}

/// `YYYY-MM-DD HH:MM:SS UTC` of a TIME (days to civil date, H. Hinnant's algorithm).
fn utc(secs: u32) -> String {
    let days = i64::from(secs / 86_400);
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// What the dissector must show for one field: filter name, value, and text its label must
/// contain (value names, date).
#[derive(Debug)]
struct Want {
    name: String,
    show: String,
    label: Option<String>,
    /// For masks: the value, to check the flag subfields.
    mask: Option<u32>,
}

fn want(name: &str, show: impl ToString) -> Want {
    Want {
        name: name.to_string(),
        show: show.to_string(),
        label: None,
        mask: None,
    }
}

/// The fields the Rust decoder gives for one whole message, in wire order.
fn expected<'a>(model: &Model, bytes: &'a [u8], version: Version) -> (Message<'a>, Vec<Want>) {
    let decoder = Decoder::new(version);
    let (message, used) = match decoder.decode(bytes) {
        Ok(Status::Complete(m)) => m,
        other => panic!("the Rust decoder rejects a test message: {other:?}"),
    };
    assert_eq!(used, bytes.len());
    let body = &bytes[HEADER_LEN..];
    let mut out = vec![
        want("cti.length", body.len()),
        want("cti.type", message.message_type().0),
    ];
    // Unknown types, and known ones whose body the codec keeps whole, show the body.
    // (A known type the codec could not fit to its layout also comes back raw.)
    let spec = match message {
        Message::Unknown(_) => None,
        _ => message.spec(),
    };
    let msg = spec.map(|s| {
        model
            .message(s.id)
            .expect("every catalogue type is in the model")
    });
    let (Some(spec), Some(msg)) = (spec, msg.filter(|m| !m.opaque)) else {
        if !body.is_empty() {
            out.push(want("cti.body", hex(body)));
        }
        return (message, out);
    };
    let values: Vec<_> = spec.fixed_values_in(body, version).collect();
    // The model lists every version's fields; the version's own are the ones shown.
    let uses: Vec<_> = spec
        .fixed
        .iter()
        .zip(&msg.fixed)
        .filter(|(f, _)| f.in_version(version))
        .map(|(_, u)| u)
        .collect();
    assert_eq!(values.len(), uses.len(), "the fixed part decoded above");
    for ((f, value), u) in values.into_iter().zip(uses) {
        let field = &model.fields[u.field];
        let show = match f.kind.scalar {
            Scalar::I32 => (value as i32).to_string(),
            _ => value.to_string(),
        };
        let show = if field.hex {
            let digits = field.width.unwrap_or(4) * 2;
            format!("0x{value:0digits$x}")
        } else {
            show
        };
        let mut w = want(&field.abbrev, show);
        match u.names {
            Named::Enum(t) => {
                w.label = Some(
                    model.tables[t]
                        .iter()
                        .find(|(v, _)| *v == value)
                        .map_or("nknown", |(_, n)| n)
                        .to_string(),
                );
            }
            Named::Mask(t) => {
                w.label = Some(format!("({}", gen::mask_text(model.tables[t], value)));
                w.mask = Some(value);
            }
            Named::None if f.kind.scalar == Scalar::Time => w.label = Some(utc(value)),
            Named::None => {}
        }
        out.push(w);
    }
    let floating =
        Floating::parse(&body[spec.fixed_len_in(version)..], version).expect("decoded above");
    let mut groups: Vec<(&str, usize)> = Vec::new();
    for field in floating.iter() {
        // A group's first member opens its next occurrence.
        if let Some(&(_, name, true)) = msg.groups.iter().find(|g| g.0 == field.tag) {
            let n = match groups.iter_mut().find(|g| g.0 == name) {
                Some(g) => {
                    g.1 += 1;
                    g.1
                }
                None => {
                    groups.push((name, 1));
                    1
                }
            };
            out.push(want("", format!("{name} [{n}]")));
        }
        let Some(f) = model.floating_field(spec.id, field.tag) else {
            out.push(want("cti.unknown", hex(field.data)));
            continue;
        };
        let d = field.data;
        let mut w = match tag::type_of(field.tag).unwrap() {
            FloatType::String => want(
                &f.abbrev,
                <kind::String as Kind>::parse(d).unwrap().to_str().unwrap(),
            ),
            FloatType::Unspec => {
                let mut w = want(&f.abbrev, hex(d));
                w.label = Some(hex(d).replace(':', ""));
                w
            }
            FloatType::Int => want(&f.abbrev, <kind::Int as Kind>::parse(d).unwrap()),
            FloatType::NamedVar => {
                let v = <kind::NamedVar as Kind>::parse(d).unwrap();
                want(&f.abbrev, format!("{}={}", v.name, v.value))
            }
            FloatType::NamedArray => {
                let v = <kind::NamedArray as Kind>::parse(d).unwrap();
                want(&f.abbrev, format!("{}[{}]={}", v.name, v.index, v.value))
            }
            FloatType::Time => {
                let v = <kind::Time as Kind>::parse(d).unwrap().0;
                let mut w = want(&f.abbrev, v);
                w.label = Some(utc(v));
                w
            }
            _ => want(&f.abbrev, <kind::Num as Kind>::parse(d).unwrap()),
        };
        if w.label.is_none() && !w.show.is_empty() {
            w.label = Some(w.show.clone());
        }
        out.push(w);
    }
    (message, out)
}

/// Checks tshark's messages against the Rust decoder's, message by message.
fn compare(model: &Model, stream: &[u8], version: Version, shown: &[Vec<Shown>]) -> usize {
    let mut off = 0;
    let mut count = 0;
    let mut fields = 0;
    while off < stream.len() {
        let len =
            HEADER_LEN + u32::from_be_bytes(stream[off..off + 4].try_into().unwrap()) as usize;
        let got = shown
            .get(count)
            .unwrap_or_else(|| panic!("tshark lacks message {count}"));
        fields += compare_message(model, &stream[off..off + len], version, got, count);
        off += len;
        count += 1;
    }
    assert_eq!(
        shown.len(),
        count,
        "tshark shows more messages than were sent"
    );
    fields
}

/// Experts that do not mean the message is malformed.
const NOTES: &[&str] = &[
    "cti.expert.unknown_type",
    "cti.expert.unknown_tag",
    "cti.expert.raw_fallback",
];

/// Checks what tshark shows for one message (the `count`th) against the Rust decoder; returns
/// the number of fields compared.
fn compare_message(
    model: &Model,
    bytes: &[u8],
    version: Version,
    got: &[Shown],
    count: usize,
) -> usize {
    {
        let (message, want) = expected(model, bytes, version);
        let what = format!("message {count} ({:?})", message.message_type());
        // Only notes: the Rust decoder accepts the message.
        let errors: Vec<&Shown> = got
            .iter()
            .filter(|s| s.name.starts_with("cti.expert.") && !NOTES.contains(&s.name.as_str()))
            .collect();
        assert!(errors.is_empty(), "{what}: {errors:?}");
        // Value fields are `cti.<name>`, group headers have no name; flags, tags and variable
        // parts are below them.
        let values: Vec<&Shown> = got
            .iter()
            .filter(|s| s.name.is_empty() || s.name.matches('.').count() == 1)
            .collect();
        let got_pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|s| (s.name.as_str(), s.show.as_str()))
            .collect();
        let want_pairs: Vec<(&str, &str)> = want
            .iter()
            .map(|w| (w.name.as_str(), w.show.as_str()))
            .collect();
        assert_eq!(got_pairs, want_pairs, "{what}");
        for (w, s) in want.iter().zip(&values) {
            if let Some(label) = &w.label {
                // Labels are cut at 240 characters: a long mask is checked up to there.
                let cut = s.showname.len() >= 230;
                let found = s.showname.contains(label.as_str())
                    || (cut
                        && s.showname.rsplit_once(" (").is_some_and(|(_, tail)| {
                            label.trim_start_matches('(').starts_with(tail)
                        }));
                assert!(
                    found,
                    "{what}: {} label {:?} lacks {label:?}",
                    w.name, s.showname
                );
            }
            if let Some(v) = w.mask {
                let field = model.fields.iter().find(|f| f.abbrev == w.name).unwrap();
                for b in &field.bits {
                    let flag = got.iter().find(|s| s.name == b.abbrev);
                    let flag = flag.unwrap_or_else(|| panic!("{what}: no {}", b.abbrev));
                    assert_eq!(flag.show == "1", v & b.bit != 0, "{what}: {}", b.abbrev);
                }
            }
        }
        // The typed view agrees: groups, InvokeID and the names its Debug prints.
        if let Message::OpenConf(m) = &message {
            let headers = values
                .iter()
                .filter(|s| s.show.starts_with("Peripherals ["))
                .count();
            assert_eq!(headers, m.peripherals().count(), "{what}");
        }
        if let Some(id) = message.invoke_id() {
            assert!(want_pairs.contains(&("cti.invoke_id", id.0.to_string().as_str())));
        }
        let debug = format!("{message:?}");
        for w in &want {
            if let (Some(label), None, true) = (&w.label, w.mask, w.name != "cti.type") {
                if label.chars().all(|c| c.is_ascii_uppercase() || c == '_') && label.len() > 2 {
                    assert!(
                        debug.contains(label.as_str()),
                        "{what}: {debug} lacks {label}"
                    );
                }
            }
        }
        want.len()
    }
}

/// Hex text (whitespace allowed) to bytes.
fn unhex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

// The spec's captures, shared with the golden tests (whose tests thus also run here).
#[path = "golden.rs"]
#[allow(dead_code)]
mod golden;

#[test]
fn tshark_shows_the_spec_captures_as_the_rust_decoder_does() {
    if !have_tshark() {
        return;
    }
    let model = Model::of_crate();
    // One capture per segment, server side A's port; then all in one segment on side B's.
    let captures: Vec<Vec<u8>> = golden::CAPTURES.iter().map(|c| unhex(c.2)).collect();
    let stream: Vec<u8> = captures.concat();
    let segments: Vec<Segment> = captures
        .iter()
        .map(|c| Segment {
            to_server: false,
            bytes: c.clone(),
        })
        .collect();
    let file = pcap("captures", 42027, &segments);
    let shown = dissect(&file, &[]);
    let fields = compare(&model, &stream, Version::V15, &shown);
    let info = info_column(&file, &[]);
    for (line, c) in info.iter().zip(golden::CAPTURES) {
        let name = MessageType(c.1)
            .name()
            .map_or(format!("UNKNOWN({})", c.1), str::to_string);
        assert_eq!(line, &format!("CTI\t{name}"));
    }
    let file = pcap(
        "captures-b",
        43027,
        &[Segment {
            to_server: false,
            bytes: stream.clone(),
        }],
    );
    let shown = dissect(&file, &[]);
    compare(&model, &stream, Version::V15, &shown);
    eprintln!(
        "{} spec captures, {fields} fields: tshark and the Rust decoder agree",
        captures.len()
    );
}

/// Encodes `m` in `version`.
fn enc(m: impl Into<Message<'static>>, version: Version) -> Vec<u8> {
    let m: Message<'static> = m.into();
    let mut out = vec![0u8; 1024];
    let n = m.encode(version, &mut out).unwrap();
    out.truncate(n);
    out
}

/// Builds a floating part into a leaked buffer (test data lives for the whole test).
fn floating(version: Version, build: impl FnOnce(&mut FloatingWriter<'_>)) -> Floating<'static> {
    let buf: &'static mut [u8] = Box::leak(vec![0u8; 512].into_boxed_slice());
    let mut w = FloatingWriter::new(buf, version);
    build(&mut w);
    w.finish()
}

/// A client↔server exchange made with the codec: (client bytes, server bytes) in send order.
fn exchange(v: Version) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let open_req = OpenReq {
        invoke_id: InvokeId(1),
        version_number: v.0,
        idle_timeout: 120,
        peripheral_id: 5000,
        services_requested: ServiceMask::CLIENT_CONTROL | ServiceMask::ALL_EVENTS,
        call_msg_mask: CallMsgMask::ALL,
        agent_state_mask: AgentStateMask::ALL,
        config_msg_mask: ConfigMsgMask(0),
        reserved1: 0,
        reserved2: 0,
        reserved3: 0,
        floating: floating(v, |w| {
            w.put(tag::CLIENT_ID, Str::from("bridge-1")).unwrap();
            w.put(tag::CLIENT_PASSWORD, &b"s3cret"[..]).unwrap();
            w.put(tag::AGENT_EXTENSION, Str::from("1000")).unwrap();
            w.put(tag::APP_PATH_ID, -2).unwrap();
        }),
    };
    let open_conf = OpenConf {
        invoke_id: InvokeId(1),
        services_granted: ServiceMask::CLIENT_CONTROL | ServiceMask(0x0200_0000),
        monitor_id: 7,
        pg_status: PgStatus(0),
        icm_central_controller_time: Time(1_700_000_000),
        peripheral_online: Bool::TRUE,
        peripheral_type: PeripheralType::ENTERPRISE_AGENT,
        agent_state: AgentState::AVAILABLE,
        department_id: Some(12),
        session_type: Some(SessionType::ACTIVE),
        floating: floating(v, |w| {
            w.put(tag::NUM_PERIPHERALS, 2).unwrap();
            w.put(tag::PERIPHERAL_ID, 5000).unwrap();
            w.put(tag::MULTI_LINE_AGENT_CONTROL, 0).unwrap();
            w.put(tag::PERIPHERAL_ID, 5001).unwrap();
            w.put(tag::MULTI_LINE_AGENT_CONTROL, 1).unwrap();
        }),
    };
    let system_event = SystemEvent {
        pg_status: PgStatus(0),
        icm_central_controller_time: Time(1_700_000_100),
        system_event_id: SystemEventId::PERIPHERAL_ONLINE,
        system_event_arg1: 5000,
        system_event_arg2: 0,
        system_event_arg3: 0,
        event_device_type: DeviceIdType::NONE,
        floating: floating(v, |w| {
            w.put(tag::TEXT, Str::from("peripheral \"PG1\" <online> & ready"))
                .unwrap();
            w.put(tag::EVENT_DEVICE_ID, Str::from("")).unwrap();
            // Known tags outside the layout, of every value type.
            w.put(tag::CTI_CLIENT_TIMESTAMP, Time(1_700_000_101))
                .unwrap();
            w.put(
                tag::NAMED_VARIABLE,
                cti_proto::wire::NamedVar {
                    name: Str::from("user.case"),
                    value: Str::from("42"),
                },
            )
            .unwrap();
            w.put(
                tag::NAMED_ARRAY,
                cti_proto::wire::NamedArray {
                    index: 3,
                    name: Str::from("user.items"),
                    value: Str::from("x"),
                },
            )
            .unwrap();
            w.put(tag::UUI, &[0xde, 0xad][..]).unwrap();
            w.put(tag::CALL_ORIGINATED_FROM, b'N').unwrap();
            w.put_raw(tag::CONFIG_AGENT_SKILL_TARGET_ID.id, &[0x12, 0x34])
                .unwrap();
            // A tag the table does not know.
            w.put_raw(240, &[1, 2, 3]).unwrap();
        }),
    };
    let report = ClientEventReportReq {
        invoke_id: InvokeId(3),
        state: ClientEventReportState(2),
        floating: floating(v, |w| {
            w.put(tag::OBJECT_NAME, Str::from("bridge")).unwrap();
            w.put(tag::TEXT, Str::from("ünïcode ok")).unwrap();
        }),
    };
    let unknown = RawMessage {
        message_type: MessageType(999),
        body: &[0xca, 0xfe, 0, 1],
    };
    let client = vec![
        enc(open_req, v),
        enc(
            HeartbeatReq {
                invoke_id: InvokeId(2),
                floating: Floating::EMPTY,
            },
            v,
        ),
        enc(report, v),
        enc(
            CloseReq {
                invoke_id: InvokeId(4),
                status: StatusCode::NO_ERROR,
                floating: Floating::EMPTY,
            },
            v,
        ),
    ];
    let server = vec![
        enc(open_conf, v),
        enc(
            HeartbeatConf {
                invoke_id: InvokeId(2),
                floating: Floating::EMPTY,
            },
            v,
        ),
        enc(system_event, v),
        enc(Message::Unknown(unknown), v),
        enc(
            ClientEventReportConf {
                invoke_id: InvokeId(3),
                floating: Floating::EMPTY,
            },
            v,
        ),
        enc(
            FailureEvent {
                status: StatusCode::CTI_SERVER_OFFLINE,
                floating: Floating::EMPTY,
            },
            v,
        ),
        enc(
            CloseConf {
                invoke_id: InvokeId(4),
                floating: Floating::EMPTY,
            },
            v,
        ),
    ];
    (client, server)
}

/// Cuts a side's messages into segments: the first message in three pieces (inside the header,
/// inside the body), then the rest two messages and a half at a time, so segments hold several
/// messages and messages straddle segments.
fn cut(messages: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let first = &messages[0];
    let mut out = vec![
        first[..5].to_vec(),
        first[5..20].to_vec(),
        first[20..].to_vec(),
    ];
    let rest: Vec<u8> = messages[1..].concat();
    let step = messages[1..].iter().map(Vec::len).sum::<usize>() * 2 / 5 + 1;
    out.extend(rest.chunks(step).map(<[u8]>::to_vec));
    out
}

fn run_exchange(version: Version, port: u16, prefs: &[&str]) {
    let model = Model::of_crate();
    let (client, server) = exchange(version);
    let (client_segs, server_segs) = (cut(&client), cut(&server));
    // Interleave: the client's OPEN_REQ, the server's OPEN_CONF, then alternate.
    let mut segments = Vec::new();
    let n = client_segs.len().max(server_segs.len());
    for i in 0..n {
        if let Some(c) = client_segs.get(i) {
            segments.push(Segment {
                to_server: true,
                bytes: c.clone(),
            });
        }
        if let Some(s) = server_segs.get(i) {
            segments.push(Segment {
                to_server: false,
                bytes: s.clone(),
            });
        }
    }
    let file = pcap(&format!("exchange-v{}", version.0), port, &segments);
    let shown = dissect(&file, prefs);
    // tshark shows messages in the frame that completes them; split its list by direction
    // using the direction of each CTI tree's frame, recovered from the segment order.
    let mut finished: Vec<(bool, usize)> = Vec::new(); // (to_server, messages completed)
    let (mut c_buf, mut s_buf) = (0usize, 0usize);
    let (mut c_done, mut s_done) = (0usize, 0usize);
    for seg in &segments {
        let (buf, done, msgs) = if seg.to_server {
            (&mut c_buf, &mut c_done, &client)
        } else {
            (&mut s_buf, &mut s_done, &server)
        };
        *buf += seg.bytes.len();
        let mut k = 0;
        while *done < msgs.len() && msgs[..=*done].iter().map(Vec::len).sum::<usize>() <= *buf {
            *done += 1;
            k += 1;
        }
        finished.push((seg.to_server, k));
    }
    let mut to_server: Vec<Vec<Shown>> = Vec::new();
    let mut to_client: Vec<Vec<Shown>> = Vec::new();
    let mut it = shown.into_iter();
    for &(dir, k) in &finished {
        for _ in 0..k {
            let m = it
                .next()
                .expect("tshark shows fewer messages than were sent");
            if dir {
                to_server.push(m);
            } else {
                to_client.push(m);
            }
        }
    }
    assert!(
        it.next().is_none(),
        "tshark shows more messages than were sent"
    );
    let a = compare(&model, &client.concat(), version, &to_server);
    let b = compare(&model, &server.concat(), version, &to_client);
    // The Info column names the messages each frame completes.
    let info = info_column(&file, prefs);
    assert_eq!(info.len(), segments.len());
    let (mut ci, mut si) = (client.iter(), server.iter());
    for (line, &(dir, k)) in info.iter().zip(&finished) {
        let names: Vec<String> = (0..k)
            .map(|_| {
                let m = if dir { ci.next() } else { si.next() }.unwrap();
                let t = u32::from_be_bytes(m[4..8].try_into().unwrap());
                MessageType(t)
                    .name()
                    .map_or(format!("UNKNOWN({t})"), str::to_string)
            })
            .collect();
        if k == 0 {
            assert!(!line.starts_with("CTI\t"), "{line}");
        } else {
            assert_eq!(line, &format!("CTI\t{}", names.join(", ")));
        }
    }
    eprintln!(
        "v{}: {} segments, {} messages, {} fields: tshark and the Rust decoder agree",
        version.0,
        segments.len(),
        client.len() + server.len(),
        a + b
    );
}

#[test]
fn tshark_reassembles_a_recorded_exchange_as_the_rust_decoder_decodes_it() {
    if !have_tshark() {
        return;
    }
    run_exchange(Version::V15, 42027, &[]);
}

#[test]
fn tshark_follows_the_version_and_port_preferences() {
    if !have_tshark() {
        return;
    }
    run_exchange(
        Version::V20,
        5000,
        &["cti.version:20", "cti.tcp_ports:5000"],
    );
}

/// A message from its type and body.
fn framed(message_type: u32, body: &[u8]) -> Vec<u8> {
    let mut m = (body.len() as u32).to_be_bytes().to_vec();
    m.extend(message_type.to_be_bytes());
    m.extend(body);
    m
}

#[test]
fn tshark_flags_what_the_rust_decoder_rejects() {
    if !have_tshark() {
        return;
    }
    // SYSTEM_EVENT's fixed part: PGStatus .. EventDeviceType.
    let fixed = unhex("00000000 5746cc1e 00000003 00001388 00000000 00000000 ffff");
    let with = |floating: &str| [fixed.clone(), unhex(floating)].concat();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "ShortBody",
            framed(4, &[0, 0, 0, 1, 0]),
            "cti.expert.short_body",
        ),
        (
            "TruncatedFieldHeader",
            framed(31, &with("07")),
            "cti.expert.truncated_field",
        ),
        (
            "FieldOverrun",
            framed(31, &with("0705 4142")),
            "cti.expert.field_overrun",
        ),
        (
            "UnterminatedString",
            framed(31, &with("0702 4142")),
            "cti.expert.bad_field",
        ),
        (
            "BadFieldLength",
            framed(31, &with("1802 0001")),
            "cti.expert.bad_field",
        ),
        (
            "BadNamedVariable",
            framed(31, &with("5203 610062")),
            "cti.expert.bad_field",
        ),
        (
            "Oversize",
            // MessageLength 65536, over the 12 500-byte limit: rejected from the header.
            unhex("00010000 0000001f 00000000"),
            "cti.expert.oversize",
        ),
    ];
    for (variant, bytes, expert) in &cases {
        let err = Decoder::default().decode(bytes).expect_err(variant);
        assert!(format!("{err:?}").starts_with(variant), "{err:?}");
        // Each on a connection of its own, so one failure does not run into the next.
        let file = pcap(
            &format!("malformed-{variant}"),
            42027,
            &[Segment {
                to_server: false,
                bytes: bytes.clone(),
            }],
        );
        let shown = dissect(&file, &[]);
        assert_eq!(shown.len(), 1, "{variant}");
        assert!(
            shown[0].iter().any(|s| s.name == *expert),
            "{variant}: tshark shows no {expert}: {:?}",
            shown[0]
        );
    }
}

#[test]
fn tshark_agrees_with_the_rust_decoder_on_random_messages_of_every_type() {
    if !have_tshark() {
        return;
    }
    // A fixed pseudo-random sequence (xorshift), so a failure reproduces.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut ids: Vec<u32> = cti_proto::wire::MESSAGES.iter().map(|m| m.id).collect();
    ids.push(999);
    // The stream is v15: one-byte tags, so the tags above 255 (v20 and later) cannot occur.
    let tags: Vec<_> = tag::TAGS.iter().filter(|t| t.tag <= 255).collect();
    let mut messages: Vec<Vec<u8>> = Vec::new();
    for _round in 0..30 {
        for &id in &ids {
            let fixed_len = cti_proto::wire::MESSAGES
                .iter()
                .find(|m| m.id == id)
                .map_or(0, |m| m.fixed_len());
            let mut body: Vec<u8> = (0..fixed_len).map(|_| next() as u8).collect();
            let mut lengths = Vec::new();
            // Floating fields of random known tags with data of the tag's type, and an
            // unknown tag now and then.
            for _ in 0..next() % 6 {
                let t = tags[next() as usize % tags.len()];
                let text = |n: u64| -> Vec<u8> { (0..n % 8).map(|k| b'a' + k as u8).collect() };
                let data: Vec<u8> = match t.ty {
                    FloatType::String => [text(next()), vec![0]].concat(),
                    FloatType::Unspec => text(next()),
                    FloatType::UChar => vec![next() as u8],
                    FloatType::UShort => (next() as u16).to_be_bytes().to_vec(),
                    FloatType::UInt | FloatType::Int | FloatType::Time => {
                        (next() as u32).to_be_bytes().to_vec()
                    }
                    FloatType::Num => {
                        [vec![1], vec![2, 3], vec![4, 5, 6, 7]][next() as usize % 3].clone()
                    }
                    FloatType::NamedVar => [text(next()), vec![0], text(next()), vec![0]].concat(),
                    FloatType::NamedArray => [
                        vec![next() as u8],
                        text(next()),
                        vec![0],
                        text(next()),
                        vec![0],
                    ]
                    .concat(),
                    other => panic!("no sample data for {other:?}"),
                };
                let tag = if next() % 8 == 0 { 240 } else { t.tag as u8 };
                lengths.push(body.len() + 1);
                body.extend([tag, data.len() as u8]);
                body.extend(data);
            }
            // One message in four is damaged: a field length changed or the body cut short.
            match next() % 8 {
                0 if !lengths.is_empty() => {
                    let at = lengths[next() as usize % lengths.len()];
                    body[at] = next() as u8;
                }
                1 => body.truncate(next() as usize % (body.len() + 1)),
                _ => {}
            }
            messages.push(framed(id, &body));
        }
    }
    let segments: Vec<Segment> = messages
        .concat()
        .chunks(97)
        .map(|c| Segment {
            to_server: false,
            bytes: c.to_vec(),
        })
        .collect();
    let file = pcap("random", 42027, &segments);
    // `tshark` fails the test on any Lua error.
    let shown = dissect(&file, &[]);
    assert_eq!(shown.len(), messages.len());
    // What the Rust decoder accepts, tshark shows the same; what it rejects, tshark flags.
    let model = Model::of_crate();
    let mut accepted = 0;
    for (i, (bytes, got)) in messages.iter().zip(&shown).enumerate() {
        match Decoder::default().decode(bytes) {
            Ok(_) => {
                compare_message(&model, bytes, Version::V15, got, i);
                accepted += 1;
            }
            Err(e) => {
                assert!(
                    got.iter()
                        .any(|s| s.name.starts_with("cti.expert.")
                            && !NOTES.contains(&s.name.as_str())),
                    "message {i}: the Rust decoder says {e:?}, tshark flags nothing: {got:?}"
                )
            }
        }
    }
    eprintln!(
        "{} random messages, {accepted} accepted by the Rust decoder and shown alike by tshark, \
         the rest flagged by both",
        messages.len()
    );
}
