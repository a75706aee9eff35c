//! How the tools print a decoded message: as one line of text, or as one JSON object (the keys
//! of DESIGN's ctidump contract). `ctidump` prints every message with it and `cti-client --json`
//! prints each received message with the same function, so both show the same fields.
//!
//! [`json_line`] is the one place that renders JSON: it is written by hand for now, with the key
//! names and order of the contract, and is the function to replace once the core's message views
//! serialize themselves.

use cti_proto::wire::tag::{self, FloatType};
use cti_proto::wire::{
    kind, Floating, Kind, Message, MessageSpec, Names, Scalar, Version, HEADER_LEN,
};
use heck::ToSnakeCase;

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
    for (f, raw) in spec.fixed_values_in(body, version) {
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
    let rest = body.get(spec.fixed_len_in(version)..).unwrap_or_default();
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

/// The body (header excluded) of a decoded message `m`, encoded again into `buf`: the
/// session hands out views, and [`json_line`] and [`text_line`] render from the bytes. Empty if
/// the message cannot be encoded in `version`.
pub fn encoded_body<'b>(m: &Message<'_>, version: Version, buf: &'b mut Vec<u8>) -> &'b [u8] {
    buf.clear();
    buf.resize(m.encoded_len(version), 0);
    match m.encode(version, buf) {
        Ok(n) => buf.get(HEADER_LEN..n).unwrap_or_default(),
        Err(_) => &[],
    }
}

/// One message as a JSON object on one line.
pub fn json_line(msg: &Message<'_>, body: &[u8], version: Version) -> String {
    let mut s = String::new();
    let id = msg.message_type().0;
    // A type newer than the version is unknown there (`Message::decode` keeps it raw).
    match msg.spec().filter(|s| s.in_version(version)) {
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

/// The message's fixed PeripheralID field, if its type has one.
pub fn peripheral_id(msg: &Message<'_>, body: &[u8], version: Version) -> Option<i64> {
    let spec = msg.spec().filter(|spec| !kept_whole(msg, spec))?;
    spec.fixed_values_in(body, version)
        .find(|(f, _)| f.name == "PeripheralID")
        .map(|(_, raw)| i64::from(raw))
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

/// Bytes as lowercase hex, two digits a byte.
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// One message as a line of text: `OPEN_CONF len=40 InvokeID=1 ServicesGranted=0x1c0296(...)`.
pub fn text_line(msg: &Message<'_>, body: &[u8], version: Version) -> String {
    let Some(spec) = msg.spec().filter(|s| s.in_version(version)) else {
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
