//! How the tools print a decoded message: as one line of text, or as one JSON object (the keys
//! of DESIGN's ctidump contract). `ctidump` prints every message with it and `cti-client --json`
//! prints each received message with the same functions, so both show the same fields.
//!
//! Both read the message through the core's [`MessageDump`] (its layout's fields, keys and
//! value names); the JSON is that view serialized by `serde_json`.

use std::io::{self, Write};

use cti_proto::wire::{
    DumpField, FieldValue, Hex, Lossy, Message, MessageDump, Version, HEADER_LEN,
};

/// The body (header excluded) of a decoded message `m`, encoded again into `buf`: the
/// session hands out views, and [`write_json`] and [`text_line`] render from the bytes. Empty
/// if the message cannot be encoded in `version`.
pub fn encoded_body<'b>(m: &Message<'_>, version: Version, buf: &'b mut Vec<u8>) -> &'b [u8] {
    buf.clear();
    buf.resize(m.encoded_len(version), 0);
    match m.encode(version, buf) {
        Ok(n) => buf.get(HEADER_LEN..n).unwrap_or_default(),
        Err(_) => &[],
    }
}

/// The message's fixed PeripheralID field, if its type has one and the body is read by its
/// layout.
pub fn peripheral_id(msg: &Message<'_>, body: &[u8], version: Version) -> Option<i64> {
    let dump = msg.dump(body, version);
    if dump.is_raw() {
        return None;
    }
    dump.fields()
        .filter(|f| f.tag().is_none())
        .find(|f| f.name().to_string() == "PeripheralID")
        .and_then(|f| match f.value() {
            FieldValue::Int(n) => Some(n),
            _ => None,
        })
}

/// Writes one message as a JSON object on one line, newline included.
pub fn write_json(
    out: &mut dyn Write,
    msg: &Message<'_>,
    body: &[u8],
    version: Version,
) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &msg.dump(body, version))?;
    writeln!(out)
}

/// One message as a line of text: `OPEN_CONF len=40 InvokeID=1 ServicesGranted=0x1c0296(...)`.
pub fn text_line(msg: &Message<'_>, body: &[u8], version: Version) -> String {
    let dump: MessageDump<'_> = msg.dump(body, version);
    let Some(spec) = dump.spec() else {
        return format!(
            "UNKNOWN({}) len={} body={}",
            msg.message_type().0,
            body.len(),
            Hex(body)
        );
    };
    if dump.is_raw() {
        return format!("{} len={} body={}", spec.name, body.len(), Hex(body));
    }
    let mut s = format!("{} len={}", spec.name, body.len());
    for f in dump.fields() {
        s.push_str(&format!(" {}=", f.name()));
        text_field(&mut s, &f);
    }
    s
}

/// A field's value, with the names of a mask's bits or an enumeration's value after it.
fn text_field(s: &mut String, f: &DumpField<'_>) {
    match (f.bit_names(), f.value()) {
        (Some(names), FieldValue::Int(n)) => {
            s.push_str(&format!("{n:#x}"));
            let mut parts: Vec<String> = names.map(str::to_string).collect();
            if !parts.is_empty() {
                if f.unnamed_bits() != 0 {
                    parts.push(format!("{:#x}", f.unnamed_bits()));
                }
                s.push_str(&format!("({})", parts.join("|")));
            }
        }
        (_, v) => {
            text_value(s, &v);
            if let Some(name) = f.value_name() {
                s.push_str(&format!("({name})"));
            }
        }
    }
}

fn text_value(s: &mut String, v: &FieldValue<'_>) {
    match v {
        FieldValue::Int(n) => s.push_str(&n.to_string()),
        FieldValue::Str(t) => quoted(s, t.as_bytes()),
        FieldValue::Bytes(b) => s.push_str(&format!("0x{}", Hex(b))),
        FieldValue::NamedVar(n) => {
            s.push_str("{name=");
            quoted(s, n.name.as_bytes());
            s.push_str(" value=");
            quoted(s, n.value.as_bytes());
            s.push('}');
        }
        FieldValue::NamedArray(n) => {
            s.push_str(&format!("{{index={} name=", n.index));
            quoted(s, n.name.as_bytes());
            s.push_str(" value=");
            quoted(s, n.value.as_bytes());
            s.push('}');
        }
        // A value kind added to the core later: shown as its JSON.
        v => s.push_str(&serde_json::to_string(v).unwrap_or_default()),
    }
}

/// A string as a JSON string literal (bytes that are not UTF-8 become U+FFFD), so a line of
/// text stays one line whatever the string holds.
fn quoted(s: &mut String, bytes: &[u8]) {
    s.push_str(&serde_json::Value::String(Lossy(bytes).to_string()).to_string());
}
