//! The whole of `ctidump` but its `main`: arguments, input formats, the decoding loop, and the
//! text and JSON renderings. Everything is driven by the codec's tables (`wire::MESSAGES`,
//! `wire::tag::TAGS`), never by per-message code, so new message types show up by themselves.
//! Kept apart from `main` so the tests can run it in-process.

use cti_proto::wire::tag::{self, FloatType};
use cti_proto::wire::{
    kind, Decoder, Floating, Header, Kind, Message, MessageSpec, Names, Scalar, Status, Version,
    HEADER_LEN, MESSAGES,
};
use heck::ToSnakeCase;
use std::io::{self, Read, Write};

/// Printed for `--help` and after a usage error.
pub const USAGE: &str = "\
usage: ctidump [--hex|--binary] [--version N] [--json] [--list-types] [FILE]

Decodes a stream of whole CTI Server messages (8-byte header included) from FILE, or from
standard input when FILE is absent or '-', and prints one line per message.

  --hex          input is hex text; whitespace and '#' comments to the end of a line are ignored
  --binary       input is raw bytes
                 (default: hex if the input holds only hex digits and whitespace, else binary)
  --version N    protocol version: below 20 one-byte floating tags, 20 and up two-byte (default 15)
  --json         one JSON object per message instead of a line of text
  --list-types   print every known message type, one 'ID NAME' a line, and exit

Malformed or truncated input: the messages before it are printed, then an error naming the byte
offset goes to standard error and the exit status is 1.";

/// How the input is encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Hex if the input holds only hex digits and whitespace, else binary.
    Auto,
    /// Hex text.
    Hex,
    /// Raw bytes.
    Binary,
}

/// The parsed command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Input encoding.
    pub format: Format,
    /// Protocol version.
    pub version: Version,
    /// JSON output.
    pub json: bool,
    /// Print the type table and exit.
    pub list_types: bool,
    /// Print the usage and exit.
    pub help: bool,
    /// Input file; `None` for standard input.
    pub file: Option<String>,
}

/// Parses the arguments (without the program name).
pub fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        format: Format::Auto,
        version: Version::V15,
        json: false,
        list_types: false,
        help: false,
        file: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--hex" => o.format = Format::Hex,
            "--binary" => o.format = Format::Binary,
            "--json" => o.json = true,
            "--list-types" => o.list_types = true,
            "-h" | "--help" => o.help = true,
            "--version" => {
                let v = it.next().ok_or("--version needs a number")?;
                o.version = Version(parse_version(v)?);
            }
            s if s.starts_with("--version=") => {
                o.version = Version(parse_version(&s["--version=".len()..])?);
            }
            "-" => set_file(&mut o, a)?,
            s if s.starts_with('-') => return Err(format!("unknown option '{s}'")),
            _ => set_file(&mut o, a)?,
        }
    }
    Ok(o)
}

fn parse_version(s: &str) -> Result<u32, String> {
    s.parse()
        .map_err(|_| format!("--version needs a number, not '{s}'"))
}

fn set_file(o: &mut Options, f: &str) -> Result<(), String> {
    if o.file.is_some() {
        return Err("only one FILE may be given".into());
    }
    o.file = (f != "-").then(|| f.to_string());
    Ok(())
}

/// Runs ctidump: returns the exit status (0 fine, 1 bad input, 2 bad usage).
pub fn run(args: &[String], stdin: &mut dyn Read, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match run_inner(args, stdin, out, err) {
        Ok(code) => code,
        // Standard output went away (a closed pipe): nothing left to tell anyone.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(err, "ctidump: {e}");
            1
        }
    }
}

fn run_inner(
    args: &[String],
    stdin: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let opts = match parse_args(args) {
        Ok(o) => o,
        Err(msg) => {
            writeln!(err, "ctidump: {msg}\n{USAGE}")?;
            return Ok(2);
        }
    };
    if opts.help {
        writeln!(out, "{USAGE}")?;
        return Ok(0);
    }
    if opts.list_types {
        list_types(out)?;
        return Ok(0);
    }
    let mut raw = Vec::new();
    let read = match &opts.file {
        Some(path) => std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut raw)),
        None => stdin.read_to_end(&mut raw),
    };
    if let Err(e) = read {
        let name = opts.file.as_deref().unwrap_or("standard input");
        writeln!(err, "ctidump: cannot read {name}: {e}")?;
        return Ok(1);
    }
    let hex = match opts.format {
        Format::Hex => true,
        Format::Binary => false,
        Format::Auto => looks_like_hex(&raw),
    };
    let (bytes, lone_digit) = if hex {
        match parse_hex(&raw) {
            Ok(v) => v,
            Err(msg) => {
                writeln!(err, "ctidump: {msg}")?;
                return Ok(1);
            }
        }
    } else {
        (raw, false)
    };
    dump(&bytes, lone_digit, &opts, out, err)
}

/// `--list-types`: every known message type, by number.
fn list_types(out: &mut dyn Write) -> io::Result<()> {
    let mut specs: Vec<&MessageSpec> = MESSAGES.iter().collect();
    specs.sort_by_key(|s| s.id);
    for s in specs {
        writeln!(out, "{} {}", s.id, s.name)?;
    }
    Ok(())
}

/// The automatic choice: hex when every byte is a hex digit or whitespace.
pub fn looks_like_hex(input: &[u8]) -> bool {
    input
        .iter()
        .all(|b| b.is_ascii_hexdigit() || b.is_ascii_whitespace())
}

/// Hex text to bytes. Returns the bytes and whether a lone digit was left over at the end.
pub fn parse_hex(input: &[u8]) -> Result<(Vec<u8>, bool), String> {
    let mut bytes = Vec::with_capacity(input.len() / 2);
    let mut high: Option<u8> = None;
    let mut in_comment = false;
    let (mut line, mut col) = (1usize, 0usize);
    for &c in input {
        col += 1;
        if c == b'\n' {
            (line, col, in_comment) = (line + 1, 0, false);
            continue;
        }
        if in_comment || c.is_ascii_whitespace() {
            continue;
        }
        if c == b'#' {
            in_comment = true;
            continue;
        }
        let Some(d) = (c as char).to_digit(16) else {
            return Err(format!(
                "invalid hex input at line {line}, column {col}: {:?} is not a hex digit",
                c as char
            ));
        };
        match high.take() {
            Some(h) => bytes.push(h << 4 | d as u8),
            None => high = Some(d as u8),
        }
    }
    Ok((bytes, high.is_some()))
}

/// Decodes and prints every message of `bytes`; on bad input reports the absolute byte offset.
fn dump(
    bytes: &[u8],
    lone_digit: bool,
    opts: &Options,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<i32> {
    let decoder = Decoder::new(opts.version);
    let mut pos = 0usize;
    while let Some(rest) = bytes.get(pos..).filter(|r| !r.is_empty()) {
        match decoder.decode(rest) {
            Ok(Status::Complete((msg, used))) => {
                let body = rest.get(HEADER_LEN..used).unwrap_or_default();
                let line = if opts.json {
                    json_line(&msg, body, opts.version)
                } else {
                    text_line(&msg, body, opts.version)
                };
                writeln!(out, "{line}")?;
                pos += used;
            }
            Ok(Status::Partial { needed }) => {
                // The messages before the error appear before it, even through a buffer.
                out.flush()?;
                let have = rest.len();
                match Header::parse(rest) {
                    None => writeln!(
                        err,
                        "ctidump: error at byte offset {pos}: truncated message header: the input \
                         ends after {have} of its {HEADER_LEN} bytes ({needed} missing)"
                    )?,
                    Some(h) => writeln!(
                        err,
                        "ctidump: error at byte offset {pos}: truncated {} message: the input \
                         ends after {have} of its {} bytes ({needed} missing)",
                        h.message_type,
                        h.total_len()
                    )?,
                }
                if lone_digit {
                    writeln!(
                        err,
                        "ctidump: the hex input also has an odd number of digits"
                    )?;
                }
                return Ok(1);
            }
            Err(e) => {
                out.flush()?;
                let ty = Header::parse(rest).map(|h| h.message_type.to_string());
                writeln!(
                    err,
                    "ctidump: error at byte offset {} (offset {} of the malformed {} message \
                     starting at byte offset {pos}): {e}",
                    pos + e.offset(),
                    e.offset(),
                    ty.as_deref().unwrap_or("?"),
                )?;
                return Ok(1);
            }
        }
    }
    out.flush()?;
    if lone_digit {
        writeln!(
            err,
            "ctidump: error at byte offset {pos}: the hex input ends with a lone digit \
             (an odd number of hex digits)"
        )?;
        return Ok(1);
    }
    Ok(0)
}

/// A decoded value, before it is printed as text or JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Any integer field (INT signed, the rest unsigned).
    Num(i64),
    /// A STRING, without its NUL.
    Str(String),
    /// UNSPEC or unknown data.
    Bytes(Vec<u8>),
    /// NAMEDVAR / NAMEDARRAY: ordered members.
    Obj(Vec<(&'static str, Value)>),
}

/// What a fixed field's value means, from its `Names`.
#[derive(Clone, Debug, PartialEq)]
pub enum Meaning {
    /// A plain number.
    Plain,
    /// An enumeration value, with its name if it has one.
    Enum(Option<&'static str>),
    /// A bit mask: the names of its set bits, and the set bits that have none.
    Mask(Vec<&'static str>, u64),
}

/// One field of a message, in wire order.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The spec's name (`InvokeID`), the tag's name for a tag outside the layout, or `tag_N`.
    pub name: String,
    /// The JSON key: `name` in snake_case.
    pub key: String,
    /// The value.
    pub value: Value,
    /// True for floating fields that are group members or repeated: always a JSON array.
    pub list: bool,
    /// Value names (fixed fields only).
    pub meaning: Meaning,
}

/// The fields of a decoded message of a known type, generically from its spec: the fixed part
/// read by each field's scalar, then the floating fields in wire order.
pub fn fields(spec: &MessageSpec, body: &[u8], version: Version) -> Vec<Field> {
    let mut fields = Vec::new();
    // The message decoded, so the fixed part is all there.
    for (f, raw) in spec.fixed_values(body) {
        let v = match f.kind.scalar {
            Scalar::I32 => i64::from(raw as i32),
            _ => i64::from(raw),
        };
        let meaning = match f.kind.names {
            Names::Enum(names) => {
                Meaning::Enum(names.iter().find(|(n, _)| i64::from(*n) == v).map(|p| p.1))
            }
            Names::Mask(names) => {
                let bits = v as u64;
                let set: Vec<_> = names
                    .iter()
                    .filter(|(b, _)| *b != 0 && bits & u64::from(*b) == u64::from(*b))
                    .map(|p| p.1)
                    .collect();
                let named = names.iter().fold(0u64, |acc, (b, _)| acc | u64::from(*b));
                Meaning::Mask(set, bits & !named)
            }
            _ => Meaning::Plain,
        };
        fields.push(Field {
            name: f.name.to_string(),
            key: f.name.to_snake_case(),
            value: Value::Num(v),
            list: false,
            meaning,
        });
    }
    let rest = body.get(spec.fixed_len()..).unwrap_or_default();
    for (tag, data) in floating_fields(rest, version) {
        let (name, list) = match spec.floating_field(tag) {
            Some((name, list)) => (name.to_string(), list),
            None => match tag::name(tag) {
                Some(name) => (name.to_string(), false),
                None => (format!("tag_{tag}"), false),
            },
        };
        let mut key = name.to_snake_case();
        // A floating field never shadows a fixed one of the same name.
        if spec.fixed.iter().any(|f| f.name.to_snake_case() == key) {
            key = format!("flt_{key}");
        }
        fields.push(Field {
            name,
            key,
            value: float_value(tag, data),
            list,
            meaning: Meaning::Plain,
        });
    }
    fields
}

/// Splits a floating part (already validated by the decoder) into tags and data.
fn floating_fields(rest: &[u8], version: Version) -> Vec<(u16, &[u8])> {
    Floating::parse(rest, version)
        .map(|f| f.iter().map(|field| (field.tag, field.data)).collect())
        .unwrap_or_default()
}

/// A floating field's value by its tag's type; unknown tags and odd data stay bytes.
fn float_value(tag: u16, data: &[u8]) -> Value {
    let unsigned = |d: &[u8]| <kind::Num as Kind>::parse(d).map(|v| Value::Num(v.into()));
    let v = match tag::type_of(tag) {
        Some(FloatType::String) => <kind::String as Kind>::parse(data)
            .map(|s| Value::Str(String::from_utf8_lossy(s.as_bytes()).into_owned())),
        Some(FloatType::Int) => <kind::Int as Kind>::parse(data).map(|v| Value::Num(v.into())),
        Some(
            FloatType::UChar
            | FloatType::UShort
            | FloatType::UInt
            | FloatType::Time
            | FloatType::Num,
        ) => unsigned(data),
        Some(FloatType::NamedVar) => <kind::NamedVar as Kind>::parse(data).map(|n| {
            Value::Obj(vec![
                ("name", Value::Str(lossy(n.name.as_bytes()))),
                ("value", Value::Str(lossy(n.value.as_bytes()))),
            ])
        }),
        Some(FloatType::NamedArray) => <kind::NamedArray as Kind>::parse(data).map(|n| {
            Value::Obj(vec![
                ("index", Value::Num(n.index.into())),
                ("name", Value::Str(lossy(n.name.as_bytes()))),
                ("value", Value::Str(lossy(n.value.as_bytes()))),
            ])
        }),
        Some(FloatType::Unspec) | None => None,
        // A value type added later: shown as bytes until this tool knows it.
        Some(_) => None,
    };
    v.unwrap_or_else(|| Value::Bytes(data.to_vec()))
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// One message as a JSON object on one line.
pub fn json_line(msg: &Message<'_>, body: &[u8], version: Version) -> String {
    let mut s = String::new();
    let id = msg.message_type().0;
    match msg.spec() {
        Some(spec) if kept_whole(msg, spec) => {
            s.push_str("{\"type\":");
            json_str(&mut s, spec.name);
            s.push_str(&format!(
                ",\"type_id\":{id},\"len\":{},\"body_hex\":\"{}\"}}",
                body.len(),
                hex(body)
            ));
        }
        Some(spec) => {
            s.push_str("{\"type\":");
            json_str(&mut s, spec.name);
            s.push_str(&format!(
                ",\"type_id\":{id},\"len\":{},\"fields\":{{",
                body.len()
            ));
            json_fields(&mut s, &fields(spec, body, version));
            s.push_str("}}");
        }
        None => {
            s.push_str(&format!(
                "{{\"type\":\"UNKNOWN\",\"type_id\":{id},\"len\":{},\"body_hex\":\"{}\"}}",
                body.len(),
                hex(body)
            ));
        }
    }
    s
}

/// True for a known type whose body the codec keeps whole: its layout is not known for v15, or
/// the body does not fit a layout the codec only infers. Such a body is shown as bytes.
fn kept_whole(msg: &Message<'_>, spec: &MessageSpec) -> bool {
    spec.is_opaque() || matches!(msg, Message::Unknown(_))
}

/// The members of `"fields"`: one key per field name in order of first appearance; fields that
/// are lists, or that occur more than once, become arrays.
fn json_fields(s: &mut String, fields: &[Field]) {
    let mut keys: Vec<(&str, Vec<&Field>)> = Vec::new();
    for f in fields {
        match keys.iter_mut().find(|(k, _)| *k == f.key) {
            Some((_, v)) => v.push(f),
            None => keys.push((&f.key, vec![f])),
        }
    }
    let mut first = true;
    let mut member = |s: &mut String, key: &str| {
        if !first {
            s.push(',');
        }
        first = false;
        json_str(s, key);
        s.push(':');
    };
    for (key, group) in &keys {
        member(s, key);
        if group.len() > 1 || group.iter().any(|f| f.list) {
            s.push('[');
            for (i, f) in group.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                json_value(s, &f.value);
            }
            s.push(']');
        } else {
            json_value(s, &group[0].value);
        }
        // Fixed fields appear once, so their names follow their value.
        match &group[0].meaning {
            Meaning::Plain | Meaning::Enum(None) => {}
            Meaning::Enum(Some(name)) => {
                member(s, &format!("{key}_name"));
                json_str(s, name);
            }
            Meaning::Mask(names, _) => {
                member(s, &format!("{key}_names"));
                s.push('[');
                for (i, n) in names.iter().enumerate() {
                    if i > 0 {
                        s.push(',');
                    }
                    json_str(s, n);
                }
                s.push(']');
            }
        }
    }
}

fn json_value(s: &mut String, v: &Value) {
    match v {
        Value::Num(n) => s.push_str(&n.to_string()),
        Value::Str(t) => json_str(s, t),
        Value::Bytes(b) => json_str(s, &hex(b)),
        Value::Obj(members) => {
            s.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                json_str(s, k);
                s.push(':');
                json_value(s, v);
            }
            s.push('}');
        }
    }
}

/// A JSON string literal (RFC 8259 escaping).
fn json_str(s: &mut String, t: &str) {
    s.push('"');
    for c in t.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            c if (c as u32) < 0x20 => s.push_str(&format!("\\u{:04x}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// One message as a line of text: `OPEN_CONF len=40 InvokeID=1 ServicesGranted=0x1c0296(...)`.
pub fn text_line(msg: &Message<'_>, body: &[u8], version: Version) -> String {
    let Some(spec) = msg.spec() else {
        return format!(
            "UNKNOWN({}) len={} body={}",
            msg.message_type().0,
            body.len(),
            hex(body)
        );
    };
    if kept_whole(msg, spec) {
        return format!("{} len={} body={}", spec.name, body.len(), hex(body));
    }
    let mut s = format!("{} len={}", spec.name, body.len());
    for f in fields(spec, body, version) {
        s.push(' ');
        s.push_str(&f.name);
        s.push('=');
        match (&f.meaning, &f.value) {
            (Meaning::Mask(names, unknown), Value::Num(n)) => {
                s.push_str(&format!("{n:#x}"));
                let mut parts: Vec<String> = names.iter().map(|n| n.to_string()).collect();
                if *unknown != 0 && !names.is_empty() {
                    parts.push(format!("{unknown:#x}"));
                }
                if !names.is_empty() {
                    s.push_str(&format!("({})", parts.join("|")));
                }
            }
            (Meaning::Enum(Some(name)), v) => {
                text_value(&mut s, v);
                s.push_str(&format!("({name})"));
            }
            (_, v) => text_value(&mut s, v),
        }
    }
    s
}

fn text_value(s: &mut String, v: &Value) {
    match v {
        Value::Num(n) => s.push_str(&n.to_string()),
        Value::Str(t) => json_str(s, t),
        Value::Bytes(b) => s.push_str(&format!("0x{}", hex(b))),
        Value::Obj(members) => {
            s.push('{');
            for (i, (k, v)) in members.iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(k);
                s.push('=');
                text_value(s, v);
            }
            s.push('}');
        }
    }
}
