//! Builds the Wireshark Lua dissector `dissector/cti.lua` from the codec's own tables
//! (`wire::MESSAGES`, `wire::tag::TAGS`), so the dissector cannot drift from the Rust decoder.
//!
//! Shared by `examples/gen-dissector.rs`, which writes the file, and `tests/dissector.rs`, which
//! fails when the committed file is stale and compares tshark's output with the Rust decoder.
//!
//! Field naming: every spec field name becomes a filterable field `cti.<snake_case>` (snake case
//! as `heck` writes it, as `ctidump --json` does). All uses of one name share one field:
//! unsigned integers of different widths share a width-neutral `uint32`; a use whose value class
//! differs from the first use's (signed, text, bytes, named variable) gets a suffixed field
//! (`_int`, `_str`, `_bytes`, `_var`, `_array`). Enumeration names go into the field's value
//! table when every use agrees on them, otherwise each use appends its own names to the label.
//! A known tag outside a message's layout is shown in the field of its first use in a layout,
//! or in a field named after the tag when no layout has it.
#![allow(dead_code)]

use std::fmt::Write;

use cti_proto::wire::tag::{FloatType, TagSpec};
use cti_proto::wire::{Decoder, Message, MessageSpec, MessageType, Names, Scalar, Version};
use heck::ToSnakeCase;

/// The names Rust prints for a BOOL (`Bool`'s `Debug`).
pub const BOOL_NAMES: &[(u32, &str)] = &[(0, "false"), (1, "true")];

/// Abbreviations the dissector uses for its own structural fields; spec names that would
/// collide get a `_field` suffix.
const RESERVED: &[&str] = &[
    "length", "type", "body", "unknown", "field", "var", "expert",
];

/// The value class of a field: uses of one class can share a Wireshark field.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Family {
    /// UCHAR, USHORT, UINT, BOOL, TIME and the length-typed numbers.
    Unsigned,
    /// INT.
    Signed,
    /// STRING.
    Text,
    /// UNSPEC.
    Bytes,
    /// NAMEDVAR.
    NamedVar,
    /// NAMEDARRAY.
    NamedArray,
}

impl Family {
    fn suffix(self) -> &'static str {
        match self {
            Family::Unsigned => "uint",
            Family::Signed => "int",
            Family::Text => "str",
            Family::Bytes => "bytes",
            Family::NamedVar => "var",
            Family::NamedArray => "array",
        }
    }

    /// The family of a floating field's value type.
    pub fn of_tag(ty: FloatType) -> Family {
        match ty {
            FloatType::String => Family::Text,
            FloatType::Unspec => Family::Bytes,
            FloatType::Int => Family::Signed,
            FloatType::NamedVar => Family::NamedVar,
            FloatType::NamedArray => Family::NamedArray,
            FloatType::UChar
            | FloatType::UShort
            | FloatType::UInt
            | FloatType::Time
            | FloatType::Num => Family::Unsigned,
            // A value type added later: shown as bytes until the generator knows it.
            _ => Family::Bytes,
        }
    }
}

/// Value names as the dissector shows them.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Named {
    /// A plain number.
    None,
    /// One name per value (index into [`Model::tables`]).
    Enum(usize),
    /// One name per bit (index into [`Model::tables`]).
    Mask(usize),
}

/// One bit of a mask field, as a boolean subfield.
#[derive(Clone, Debug)]
pub struct Bit {
    /// Lua index of the subfield.
    pub index: usize,
    /// `cti.<field>.<bit name>`.
    pub abbrev: String,
    /// The spec's name of the bit.
    pub label: String,
    /// The bit.
    pub bit: u32,
}

/// One Wireshark field (ProtoField).
#[derive(Clone, Debug)]
pub struct Field {
    /// Lua index.
    pub index: usize,
    /// Filter name, `cti.<snake_case>`.
    pub abbrev: String,
    /// Label: the spec's name at the first use.
    pub label: String,
    /// Value class.
    pub family: Family,
    /// Byte width when all unsigned uses agree on one, else `None` (shown as `uint32`).
    pub width: Option<usize>,
    /// Names shared by every use (in the field's value table), or [`Named::None`].
    pub shared: Named,
    /// Whether some use is a mask (shown in hex).
    pub hex: bool,
    /// Boolean subfields, when every use shares one mask table.
    pub bits: Vec<Bit>,
}

/// One fixed field of a message.
#[derive(Clone, Debug)]
pub struct FixedUse {
    /// The spec name.
    pub name: &'static str,
    /// Index into [`Model::fields`].
    pub field: usize,
    /// Wire layout.
    pub scalar: Scalar,
    /// This use's value names.
    pub names: Named,
    /// The first protocol version with the field (0: every version).
    pub since: u32,
    /// The first version without it, if one dropped it.
    pub until: Option<u32>,
}

/// One message type.
#[derive(Clone, Debug)]
pub struct Msg {
    /// MessageType.
    pub id: u32,
    /// The spec's name.
    pub name: &'static str,
    /// The first protocol version with this type (0: every version). Below it the type is
    /// unknown, as it is to the codec's decoder: the body is shown raw.
    pub since: u32,
    /// The fixed part in wire order.
    pub fixed: Vec<FixedUse>,
    /// Floating fields of the layout: tag and index into [`Model::fields`].
    pub floating: Vec<(u16, usize)>,
    /// True when the codec keeps the body whole (no v15 layout known): shown as raw bytes.
    pub opaque: bool,
    /// True when the codec keeps a body that does not fit the layout whole instead of
    /// rejecting it (a layout it only infers): the dissector does the same.
    pub lenient: bool,
    /// Group members: tag, the group's name, and whether the tag starts a group.
    pub groups: Vec<(u16, &'static str, bool)>,
}

/// One row of the tag table with the field a tag outside any layout is shown in.
#[derive(Clone, Debug)]
pub struct TagUse {
    /// The tag.
    pub tag: u16,
    /// The tag's name.
    pub name: &'static str,
    /// The value type.
    pub ty: FloatType,
    /// Index into [`Model::fields`].
    pub field: usize,
}

/// Everything the Lua file is written from.
#[derive(Clone, Debug)]
pub struct Model {
    /// Every field, in first-use order.
    pub fields: Vec<Field>,
    /// Distinct name tables (enumerations and masks).
    pub tables: Vec<&'static [(u32, &'static str)]>,
    /// Every message type, in catalogue order.
    pub messages: Vec<Msg>,
    /// Every known tag.
    pub tags: Vec<TagUse>,
    /// Largest MessageLength (body) the Rust decoder accepts by default.
    pub max_body_len: usize,
}

/// One use of a field name, as collected from the tables.
struct Use {
    snake: String,
    label: &'static str,
    family: Family,
    width: Option<usize>,
    names: Names,
}

/// The snake-case filter name of a spec name, clear of the structural names.
pub fn snake(name: &str) -> String {
    let s = name.to_snake_case();
    if RESERVED.contains(&s.as_str()) {
        format!("{s}_field")
    } else {
        s
    }
}

fn scalar_use(name: &'static str, scalar: Scalar, names: Names) -> Use {
    let (family, names) = match scalar {
        Scalar::I32 => (Family::Signed, names),
        Scalar::Bool => (Family::Unsigned, Names::Enum(BOOL_NAMES)),
        _ => (Family::Unsigned, names),
    };
    Use {
        snake: snake(name),
        label: name,
        family,
        width: Some(scalar.size()),
        names,
    }
}

fn tag_use(name: &'static str, ty: FloatType) -> Use {
    let width = match ty {
        FloatType::UChar => Some(1),
        FloatType::UShort => Some(2),
        FloatType::UInt | FloatType::Int | FloatType::Time => Some(4),
        _ => None,
    };
    Use {
        snake: snake(name),
        label: name,
        family: Family::of_tag(ty),
        width,
        names: Names::None,
    }
}

impl Model {
    /// Builds the model from message and tag tables.
    pub fn new(messages: &[MessageSpec], tags: &'static [TagSpec]) -> Model {
        let tag_type = |t: u16| {
            tags.iter()
                .find(|s| s.tag == t)
                .map_or(FloatType::Unspec, |s| s.ty)
        };
        // Every use, in a fixed order: messages (fixed part, floating, groups), then tags.
        let mut uses: Vec<Use> = Vec::new();
        for m in messages {
            for f in m.fixed {
                uses.push(scalar_use(f.name, f.kind.scalar, f.kind.names));
            }
            for f in m.floating {
                uses.push(tag_use(f.name, tag_type(f.tag)));
            }
            for g in m.groups {
                for f in g.members {
                    uses.push(tag_use(f.name, tag_type(f.tag)));
                }
            }
        }
        // A tag outside a layout goes in the field of its first layout use, or its own.
        let layout_name = |tag: u16| {
            let mut all = messages.iter().flat_map(|m| {
                let groups = m.groups.iter().flat_map(|g| g.members.iter());
                m.floating.iter().chain(groups)
            });
            all.find(|f| f.tag == tag).map(|f| f.name)
        };
        for t in tags {
            uses.push(tag_use(layout_name(t.tag).unwrap_or(t.name), t.ty));
        }

        let mut model = Model {
            fields: Vec::new(),
            tables: Vec::new(),
            messages: Vec::new(),
            tags: Vec::new(),
            max_body_len: Decoder::default().max_body_len(),
        };
        // Resolve each use to a field, merging uses of one name and family.
        let mut primary: Vec<(String, Family)> = Vec::new();
        let mut per_field_names: Vec<Vec<Names>> = Vec::new();
        let mut resolved: Vec<usize> = Vec::new();
        for u in &uses {
            let first = match primary.iter().find(|(s, _)| *s == u.snake) {
                Some((_, fam)) => *fam,
                None => {
                    primary.push((u.snake.clone(), u.family));
                    u.family
                }
            };
            let abbrev = if u.family == first {
                format!("cti.{}", u.snake)
            } else {
                format!("cti.{}_{}", u.snake, u.family.suffix())
            };
            let idx = match model.fields.iter().position(|f| f.abbrev == abbrev) {
                Some(i) => {
                    let f = &mut model.fields[i];
                    if f.width != u.width {
                        f.width = None;
                    }
                    i
                }
                None => {
                    model.fields.push(Field {
                        index: 0,
                        abbrev,
                        label: u.label.to_string(),
                        family: u.family,
                        width: u.width,
                        shared: Named::None,
                        hex: false,
                        bits: Vec::new(),
                    });
                    per_field_names.push(Vec::new());
                    model.fields.len() - 1
                }
            };
            per_field_names[idx].push(u.names);
            resolved.push(idx);
        }
        for (i, names) in per_field_names.iter().enumerate() {
            let hex = names.iter().any(|n| matches!(n, Names::Mask(_)));
            let all_same = names.windows(2).all(|w| w[0] == w[1]);
            let shared = match names.first() {
                Some(&n) if all_same => model.named(n),
                _ => Named::None,
            };
            let field = &mut model.fields[i];
            field.hex = hex;
            field.shared = shared;
        }
        // Boolean subfields for masks every use agrees on.
        for i in 0..model.fields.len() {
            if let Named::Mask(t) = model.fields[i].shared {
                let mut bits: Vec<Bit> = Vec::new();
                for &(bit, name) in model.tables[t] {
                    if !bit.is_power_of_two() {
                        continue;
                    }
                    let mut abbrev = format!("{}.{}", model.fields[i].abbrev, snake(name));
                    if bits.iter().any(|b| b.abbrev == abbrev) {
                        abbrev = format!("{abbrev}_{bit:x}");
                    }
                    bits.push(Bit {
                        index: 0,
                        abbrev,
                        label: name.to_string(),
                        bit,
                    });
                }
                model.fields[i].bits = bits;
            }
        }
        // Lua indices: fields first, then their bits.
        let mut next = 1;
        for f in &mut model.fields {
            f.index = next;
            next += 1;
        }
        for f in &mut model.fields {
            for b in &mut f.bits {
                b.index = next;
                next += 1;
            }
        }

        let mut it = resolved.into_iter();
        let mut take = || it.next().unwrap_or_default();
        for m in messages {
            let fixed = m
                .fixed
                .iter()
                .map(|f| {
                    let names = match f.kind.scalar {
                        Scalar::Bool => Names::Enum(BOOL_NAMES),
                        _ => f.kind.names,
                    };
                    FixedUse {
                        name: f.name,
                        field: take(),
                        scalar: f.kind.scalar,
                        names: model.named(names),
                        since: f.since.0,
                        until: f.until.map(|v| v.0),
                    }
                })
                .collect();
            let mut floating: Vec<(u16, usize)> = Vec::new();
            for f in m.floating {
                floating.push((f.tag, take()));
            }
            let mut groups = Vec::new();
            for g in m.groups {
                for (i, f) in g.members.iter().enumerate() {
                    floating.push((f.tag, take()));
                    groups.push((f.tag, g.name, i == 0));
                }
            }
            model.messages.push(Msg {
                id: m.id,
                name: m.name,
                since: m.since.0,
                groups,
                fixed,
                floating,
                opaque: keeps_body_whole(m),
                lenient: keeps_misfit_whole(m),
            });
        }
        for t in tags {
            model.tags.push(TagUse {
                tag: t.tag,
                name: t.name,
                ty: t.ty,
                field: take(),
            });
        }
        model
    }

    /// The model of the crate's own tables.
    pub fn of_crate() -> Model {
        Model::new(cti_proto::wire::MESSAGES, cti_proto::wire::tag::TAGS)
    }

    /// Interns a name table.
    fn named(&mut self, names: Names) -> Named {
        let (table, mask) = match names {
            Names::None => return Named::None,
            Names::Enum(t) => (t, false),
            Names::Mask(t) => (t, true),
            // A kind of names added later: the number alone until the generator knows it.
            _ => return Named::None,
        };
        let i = match self.tables.iter().position(|t| *t == table) {
            Some(i) => i,
            None => {
                self.tables.push(table);
                self.tables.len() - 1
            }
        };
        if mask {
            Named::Mask(i)
        } else {
            Named::Enum(i)
        }
    }

    /// The message of type `id`.
    pub fn message(&self, id: u32) -> Option<&Msg> {
        self.messages.iter().find(|m| m.id == id)
    }

    /// The field a floating field with `tag` is shown in inside message `id`: the layout's
    /// field, else the tag's own, else `None` for a tag the table does not know.
    pub fn floating_field(&self, id: u32, tag: u16) -> Option<&Field> {
        let in_layout = self
            .message(id)
            .and_then(|m| m.floating.iter().find(|(t, _)| *t == tag));
        let i = match in_layout {
            Some(&(_, i)) => i,
            None => self.tags.iter().find(|t| t.tag == tag)?.field,
        };
        self.fields.get(i)
    }

    /// The tables some fixed field uses as masks (`mask`) or as enumerations.
    fn tables_used(&self, mask: bool) -> Vec<usize> {
        let uses = self.messages.iter().flat_map(|m| m.fixed.iter());
        uses.filter_map(|u| match u.names {
            Named::Mask(t) if mask => Some(t),
            Named::Enum(t) if !mask => Some(t),
            _ => None,
        })
        .collect()
    }

    /// Number of boolean subfields.
    pub fn bit_count(&self) -> usize {
        self.fields.iter().map(|f| f.bits.len()).sum()
    }

    /// The Lua dissector.
    pub fn lua(&self) -> String {
        let mut o = String::new();
        self.write_lua(&mut o).unwrap_or_default();
        o
    }

    fn write_lua(&self, o: &mut String) -> std::fmt::Result {
        let fixed_count: usize = self.messages.iter().map(|m| m.fixed.len()).sum();
        let float_count: usize = self.messages.iter().map(|m| m.floating.len()).sum();
        writeln!(
            o,
            "-- Wireshark dissector for the Cisco CTI Server protocol (GED-188).\n\
             -- Generated from the cti-proto codec tables by `cargo run --example gen-dissector`;\n\
             -- do not edit: a test fails when this file differs from the tables.\n\
             -- {} message types ({} fixed and {} floating fields), {} tags, {} filterable\n\
             -- fields and {} flag bits.\n",
            self.messages.len(),
            fixed_count,
            float_count,
            self.tags.len(),
            self.fields.len(),
            self.bit_count()
        )?;
        o.push_str(LUA_PROLOGUE);
        writeln!(
            o,
            "-- The Rust decoder's receive limit for MessageLength.\nlocal MAX_BODY_LEN = {}\n",
            self.max_body_len
        )?;

        // Enumerations as value tables, masks as ordered bit lists.
        for mask in [false, true] {
            let (table, comment) = if mask {
                (
                    "VM",
                    "Mask bits in the codec's order, for the text after a mask's value.",
                )
            } else {
                ("VS", "Enumeration names (spec §5).")
            };
            writeln!(o, "-- {comment}\nlocal {table} = {{}}")?;
            let used = self.tables_used(mask);
            for (i, t) in self.tables.iter().enumerate() {
                if !used.contains(&i) {
                    continue;
                }
                write!(o, "{table}[{}] = {{", i + 1)?;
                for (v, n) in t.iter() {
                    if mask {
                        write!(o, " {{ 0x{v:x}, {} }},", lua_str(n))?;
                    } else {
                        write!(o, " [{v}] = {},", lua_str(n))?;
                    }
                }
                writeln!(o, " }}")?;
            }
        }
        write!(o, "\nlocal MESSAGE_NAMES = {{")?;
        for m in &self.messages {
            write!(o, "\n  [{}] = {},", m.id, lua_str(m.name))?;
        }
        write!(o, "\n}}\n\nlocal TAG_NAMES = {{")?;
        for t in &self.tags {
            write!(o, "\n  [{}] = {},", t.tag, lua_str(t.name))?;
        }
        writeln!(o, "\n}}\n")?;

        writeln!(o, "-- Fields, one per spec field name.\nlocal F = {{}}")?;
        for f in &self.fields {
            let (ctor, extra) = match f.family {
                Family::Unsigned => {
                    let ctor = match f.width {
                        Some(1) => "uint8",
                        Some(2) => "uint16",
                        _ => "uint32",
                    };
                    let base = if f.hex { "base.HEX" } else { "base.DEC" };
                    let vs = match f.shared {
                        Named::Enum(t) => format!(", VS[{}]", t + 1),
                        _ => String::new(),
                    };
                    (ctor, format!(", {base}{vs}"))
                }
                Family::Signed => ("int32", ", base.DEC".to_string()),
                Family::Text | Family::NamedVar | Family::NamedArray => ("string", String::new()),
                Family::Bytes => ("bytes", String::new()),
            };
            writeln!(
                o,
                "F[{}] = ProtoField.{ctor}({}, {}{extra})",
                f.index,
                lua_str(&f.abbrev),
                lua_str(&f.label)
            )?;
        }
        for f in &self.fields {
            let bits = match f.width {
                Some(w) => w * 8,
                None => 32,
            };
            for b in &f.bits {
                writeln!(
                    o,
                    "F[{}] = ProtoField.bool({}, {}, {bits}, nil, 0x{:x})",
                    b.index,
                    lua_str(&b.abbrev),
                    lua_str(&b.label),
                    b.bit
                )?;
            }
        }
        writeln!(o, "\n-- Flag bits of mask fields.\nlocal BITS = {{}}")?;
        for f in &self.fields {
            if f.bits.is_empty() {
                continue;
            }
            let list: Vec<String> = f.bits.iter().map(|b| format!("F[{}]", b.index)).collect();
            writeln!(o, "BITS[F[{}]] = {{ {} }}", f.index, list.join(", "))?;
        }

        writeln!(
            o,
            "\n-- Message layouts: fixed fields {{ field, size, kind, e = own enum names, \
             m = mask names }}\n-- (kind: u unsigned, i signed, t time), floating fields by tag.\n\
             local MESSAGES = {{}}"
        )?;
        for m in &self.messages {
            // A type newer than the `version` preference is unknown there (`since`).
            let since = if m.since > 0 {
                format!(" since = {},", m.since)
            } else {
                String::new()
            };
            if m.opaque {
                writeln!(
                    o,
                    "MESSAGES[{}] = {{ name = {},{since} opaque = true }}",
                    m.id,
                    lua_str(m.name)
                )?;
                continue;
            }
            let lenient = if m.lenient { " lenient = true," } else { "" };
            writeln!(
                o,
                "MESSAGES[{}] = {{ name = {},{since}{lenient}",
                m.id,
                lua_str(m.name)
            )?;
            o.push_str("  fixed = {");
            for u in &m.fixed {
                let f = &self.fields[u.field];
                let kind = match u.scalar {
                    Scalar::I32 => "i",
                    Scalar::Time => "t",
                    _ => "u",
                };
                write!(
                    o,
                    "\n    {{ F[{}], {}, {}",
                    f.index,
                    u.scalar.size(),
                    lua_str(kind)
                )?;
                match u.names {
                    Named::Enum(t) if f.shared != u.names => write!(o, ", e = VS[{}]", t + 1)?,
                    Named::Mask(t) => write!(o, ", m = VM[{}]", t + 1)?,
                    _ => {}
                }
                // Version gates: the field is read only when the `version` preference has it.
                if u.since > 0 {
                    write!(o, ", s = {}", u.since)?;
                }
                if let Some(until) = u.until {
                    write!(o, ", u = {until}")?;
                }
                o.push_str(" },");
            }
            o.push_str(if m.fixed.is_empty() {
                "},\n"
            } else {
                "\n  },\n"
            });
            o.push_str("  float = {");
            for (tag, i) in &m.floating {
                write!(o, " [{tag}] = F[{}],", self.fields[*i].index)?;
            }
            o.push_str(" },\n");
            if !m.groups.is_empty() {
                o.push_str("  groups = {");
                for (tag, name, first) in &m.groups {
                    write!(o, " [{tag}] = {{ {}, {first} }},", lua_str(name))?;
                }
                o.push_str(" },\n");
            }
            o.push_str("}\n");
        }

        writeln!(
            o,
            "\n-- Every known tag: the field it is shown in outside a layout, and its type\n\
             -- (s STRING, x UNSPEC, 1 UCHAR, 2 USHORT, 4 UINT, i INT, t TIME, n 1/2/4-byte number,\n\
             -- v NAMEDVAR, a NAMEDARRAY).\nlocal TAGS = {{}}"
        )?;
        for t in &self.tags {
            let ty = match t.ty {
                FloatType::String => "s",
                FloatType::Unspec => "x",
                FloatType::UChar => "1",
                FloatType::UShort => "2",
                FloatType::UInt => "4",
                FloatType::Int => "i",
                FloatType::Time => "t",
                FloatType::Num => "n",
                FloatType::NamedVar => "v",
                FloatType::NamedArray => "a",
                // A value type added later: bytes until the generator knows it.
                _ => "x",
            };
            writeln!(
                o,
                "TAGS[{}] = {{ F[{}], {} }}",
                t.tag,
                self.fields[t.field].index,
                lua_str(ty)
            )?;
        }
        o.push('\n');
        o.push_str(LUA_ENGINE);
        Ok(())
    }
}

/// Whether the codec keeps a type's body whole because its layout is unknown: such a type has
/// no fields, and its decoder accepts a body that is no valid floating part.
fn keeps_body_whole(spec: &MessageSpec) -> bool {
    spec.fixed.is_empty()
        && spec.floating.is_empty()
        && spec.groups.is_empty()
        && Message::decode(MessageType(spec.id), &[0xff], Version::V15).is_ok()
}

/// Whether the codec keeps a body that does not fit a type's layout as a raw message instead of
/// rejecting it: the layouts it only infers ([`MessageSpec::is_inferred`]).
fn keeps_misfit_whole(spec: &MessageSpec) -> bool {
    spec.is_inferred()
}

/// A Lua string literal.
fn lua_str(s: &str) -> String {
    let mut o = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if c.is_ascii_graphic() || c == ' ' => o.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(o, "\\{b:03}");
                }
            }
        }
    }
    o.push('"');
    o
}

/// How the dissector renders a mask's set bits next to its value: the names of the named bits
/// that are set, then any unnamed bits in hex, or `0` (as the codec's mask `Debug` does).
pub fn mask_text(table: &[(u32, &str)], v: u32) -> String {
    if v == 0 {
        return "0".to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut all = 0u32;
    for &(bit, name) in table {
        all |= bit;
        if bit != 0 && v & bit == bit {
            parts.push(name.to_string());
        }
    }
    if v & !all != 0 {
        parts.push(format!("{:#x}", v & !all));
    }
    parts.join(" | ")
}

const LUA_PROLOGUE: &str = r#"local cti = Proto("cti", "Cisco CTI Server Protocol")

cti.prefs.version = Pref.uint("Protocol version", 15,
  "Protocol version of the session (OPEN_REQ VersionNumber): below 20 floating fields have a "
  .. "one-byte tag and length, from 20 on two-byte ones")
cti.prefs.tcp_ports = Pref.range("TCP ports", "42027,43027",
  "TCP ports of the CTI Server (side A and side B)", 65535)

"#;

const LUA_ENGINE: &str = r#"-- Structural fields.
local H = {
  length = ProtoField.uint32("cti.length", "MessageLength", base.DEC),
  type = ProtoField.uint32("cti.type", "MessageType", base.DEC, MESSAGE_NAMES),
  body = ProtoField.bytes("cti.body", "Body"),
  tag = ProtoField.uint16("cti.field.tag", "Tag", base.DEC, TAG_NAMES),
  field_length = ProtoField.uint16("cti.field.length", "FieldLength", base.DEC),
  unknown = ProtoField.bytes("cti.unknown", "Unknown field"),
  var_index = ProtoField.uint8("cti.var.index", "VariableIndex", base.DEC),
  var_name = ProtoField.string("cti.var.name", "VariableName"),
  var_value = ProtoField.string("cti.var.value", "VariableValue"),
}

local E = {
  oversize = ProtoExpert.new("cti.expert.oversize", "MessageLength over the receive limit",
    expert.group.MALFORMED, expert.severity.ERROR),
  short_body = ProtoExpert.new("cti.expert.short_body", "Body shorter than the fixed part",
    expert.group.MALFORMED, expert.severity.ERROR),
  truncated = ProtoExpert.new("cti.expert.truncated_field", "Floating field header cut short",
    expert.group.MALFORMED, expert.severity.ERROR),
  overrun = ProtoExpert.new("cti.expert.field_overrun", "Floating field runs past the message",
    expert.group.MALFORMED, expert.severity.ERROR),
  bad_field = ProtoExpert.new("cti.expert.bad_field",
    "Floating field does not fit its type (length, STRING without its NUL, named variable shape)",
    expert.group.MALFORMED, expert.severity.ERROR),
  raw_fallback = ProtoExpert.new("cti.expert.raw_fallback",
    "Body does not fit this type's inferred layout: kept whole, as the codec keeps it",
    expert.group.UNDECODED, expert.severity.NOTE),
  unknown_type = ProtoExpert.new("cti.expert.unknown_type",
    "Message type not in the catalogue of the session's protocol version",
    expert.group.UNDECODED, expert.severity.NOTE),
  unknown_tag = ProtoExpert.new("cti.expert.unknown_tag", "Tag not in the tag table",
    expert.group.UNDECODED, expert.severity.NOTE),
}

do
  local all = {}
  for _, f in ipairs(F) do all[#all + 1] = f end
  for _, f in pairs(H) do all[#all + 1] = f end
  cti.fields = all
  local experts = {}
  for _, e in pairs(E) do experts[#experts + 1] = e end
  cti.experts = experts
end

local function time_text(v)
  return os.date("!%Y-%m-%d %H:%M:%S UTC", v)
end

-- 32-bit AND by arithmetic, so the file runs on every Lua Wireshark embeds (5.1 to 5.4).
local function band(a, b)
  local r, p = 0, 1
  for _ = 1, 32 do
    if a % 2 == 1 and b % 2 == 1 then r = r + p end
    a, b, p = math.floor(a / 2), math.floor(b / 2), p * 2
  end
  return r
end

-- The names of the set bits, then unnamed bits in hex (as the codec prints masks).
local function mask_text(bits, v)
  if v == 0 then return "0" end
  local parts, all = {}, 0
  for _, b in ipairs(bits) do
    local bit = b[1]
    all = all + bit - band(all, bit)
    if bit ~= 0 and band(v, bit) == bit then parts[#parts + 1] = b[2] end
  end
  local rest = v - band(v, all)
  if rest ~= 0 then parts[#parts + 1] = string.format("0x%x", rest) end
  return table.concat(parts, " | ")
end

local function add_fixed(t, fx, r)
  local field, kind = fx[1], fx[3]
  local v
  if kind == "i" then v = r:int() else v = r:uint() end
  local item = t:add(field, r, v)
  if kind == "t" then item:append_text(" (" .. time_text(v) .. ")") end
  if fx.e then item:append_text(" (" .. (fx.e[v] or "unknown") .. ")") end
  if fx.m then item:append_text(" (" .. mask_text(fx.m, v) .. ")") end
  local bits = BITS[field]
  if bits then
    for _, b in ipairs(bits) do item:add(b, r, v) end
  end
end

-- Splits "name\0value\0"; nil if the data is anything else.
local function split_named(raw)
  local z = raw:find("\0", 1, true)
  if not z or raw:sub(-1) ~= "\0" or z == #raw then return nil end
  local value = raw:sub(z + 1, -2)
  if value:find("\0", 1, true) then return nil end
  return raw:sub(1, z - 1), value
end

local NUM_LEN = {
  ["1"] = { [1] = true }, ["2"] = { [2] = true }, ["4"] = { [4] = true },
  i = { [4] = true }, t = { [4] = true }, n = { [1] = true, [2] = true, [4] = true },
}

-- The name and value of a NAMEDVAR ("v") or NAMEDARRAY ("a", with its index); nil if the data
-- is not one.
local function named(ty, data, len)
  local bytes = ""
  if len > 0 then bytes = data:raw() end
  local index
  if ty == "a" then
    if #bytes == 0 then return nil end
    index, bytes = bytes:byte(1), bytes:sub(2)
  end
  local name, value = split_named(bytes)
  if not name then return nil end
  return name, value, index
end

-- Whether a floating field's data is valid for its tag's type, as the codec checks it: STRING
-- ends with its NUL, numbers have their size, named variables their shape; unknown tags and
-- UNSPEC take anything.
local function field_ok(tag, data, len)
  local info = TAGS[tag]
  if not info then return true end
  local ty = info[2]
  if ty == "s" then return len > 0 and data(len - 1, 1):uint() == 0 end
  if ty == "x" then return true end
  if ty == "v" or ty == "a" then return named(ty, data, len) ~= nil end
  return NUM_LEN[ty][len] == true
end

-- Walks the floating part from `off`: calls `each(off, tag, flen)` for every whole field and
-- returns nil, or stops at the first field that does not fit and returns the expert for it.
local function walk_floating(tvb, off, each)
  local len = tvb:len()
  local hl = 2
  if cti.prefs.version >= 20 then hl = 4 end
  local half = hl / 2
  while off < len do
    if len - off < hl then return E.truncated, off end
    local tag = tvb(off, half):uint()
    local flen = tvb(off + half, half):uint()
    if off + hl + flen > len then return E.overrun, off end
    if not field_ok(tag, tvb(off + hl, flen), flen) then return E.bad_field, off end
    each(off, tag, flen, hl)
    off = off + hl + flen
  end
  return nil
end

-- Adds one floating field whose data (possibly empty and known to be valid) is `data`.
local function add_floating(t, tag, layout_field, data, len)
  local info = TAGS[tag]
  if not info then
    local item = t:add(H.unknown, data)
    item:append_text(" (tag " .. tag .. ")")
    item:add_proto_expert_info(E.unknown_tag)
    return item
  end
  local field, ty = layout_field or info[1], info[2]
  if ty == "s" then
    -- The text ends at the first NUL, as the codec reads it.
    local z = data:raw():find("\0", 1, true)
    local s = ""
    if z > 1 then s = data:range(0, z - 1):string(ENC_UTF_8) end
    return t:add(field, data, s)
  elseif ty == "x" then
    return t:add(field, data)
  elseif ty == "v" or ty == "a" then
    local name, value, index = named(ty, data, len)
    local text = name .. "=" .. value
    if index then text = name .. "[" .. index .. "]=" .. value end
    local item = t:add(field, data, text)
    if index then item:add(H.var_index, data(0, 1), index) end
    item:add(H.var_name, data, name)
    item:add(H.var_value, data, value)
    return item
  end
  local v
  if ty == "i" then v = data:int() else v = data:uint() end
  local item = t:add(field, data, v)
  if ty == "t" then item:append_text(" (" .. time_text(v) .. ")") end
  return item
end

-- Fields of a group go in a subtree per occurrence: a group starts at its first member's tag
-- and takes the members that follow until that tag comes again (as the codec groups them).
local function dissect_floating(tvb, off, t, spec)
  local open, counts = {}, {}
  local bad, at = walk_floating(tvb, off, function(foff, tag, flen, hl)
    local parent = t
    local g = spec.groups and spec.groups[tag]
    if g then
      local name, first = g[1], g[2]
      if first then
        counts[name] = (counts[name] or 0) + 1
        open[name] = { t:add(tvb(foff, hl + flen), name .. " [" .. counts[name] .. "]"), foff }
      end
      local cur = open[name]
      if cur then
        parent = cur[1]
        parent:set_len(foff + hl + flen - cur[2])
      end
    end
    local item = add_floating(parent, tag, spec.float[tag], tvb(foff + hl, flen), flen)
    item:add(H.tag, tvb(foff, hl / 2), tag)
    item:add(H.field_length, tvb(foff + hl / 2, hl / 2), flen)
  end)
  if bad then
    local item = t:add(H.unknown, tvb(at))
    item:add_proto_expert_info(bad)
  end
end

-- Whether the session's version (the `version` preference) has fixed field `fx`: fields
-- added after v13 carry the version that brought them (`s`), dropped ones the first without (`u`).
local function in_version(fx)
  local v = cti.prefs.version
  return (fx.s == nil or v >= fx.s) and (fx.u == nil or v < fx.u)
end

-- Whether a body fits its type's layout: the fixed part is whole and every floating field is.
local function fits(tvb, spec)
  local off = 8
  for _, fx in ipairs(spec.fixed) do
    if in_version(fx) then off = off + fx[2] end
  end
  if off > tvb:len() then return false end
  return walk_floating(tvb, off, function() end) == nil
end

-- One whole message (header and body) in `tvb`; returns its name for the Info column.
local function dissect_message(tvb, tree)
  local len = tvb:len()
  local mtype = tvb(4, 4):uint()
  local spec = MESSAGES[mtype]
  local name = MESSAGE_NAMES[mtype] or ("UNKNOWN(" .. mtype .. ")")
  -- A type introduced after the session's version is unknown at that version, as in the codec.
  if spec and spec.since and cti.prefs.version < spec.since then
    spec = nil
    name = "UNKNOWN(" .. mtype .. ")"
  end
  local t = tree:add(cti, tvb(), "CTI Server Protocol, " .. name)
  t:add(H.length, tvb(0, 4))
  t:add(H.type, tvb(4, 4))
  -- Unknown, known with no v15 layout, or not fitting a layout the codec only infers (it
  -- then keeps the message raw): the body as it is.
  local raw = not spec or spec.opaque or (spec.lenient and not fits(tvb, spec))
  if raw then
    if not spec then
      t:add_proto_expert_info(E.unknown_type)
    elseif not spec.opaque then
      t:add_proto_expert_info(E.raw_fallback)
    end
    if len > 8 then t:add(H.body, tvb(8)) end
    return name
  end
  local off = 8
  for _, fx in ipairs(spec.fixed) do
    if in_version(fx) then
      if off + fx[2] > len then
        t:add_proto_expert_info(E.short_body)
        if off < len then t:add(H.body, tvb(off)) end
        return name
      end
      add_fixed(t, fx, tvb(off, fx[2]))
      off = off + fx[2]
    end
  end
  dissect_floating(tvb, off, t, spec)
  return name
end

-- Cuts the TCP payload into messages: a message may span segments (desegmentation asks TCP
-- for the rest) and a segment may hold several messages.
function cti.dissector(tvb, pinfo, tree)
  local total = tvb:len()
  local off = 0
  local names = {}
  while off < total do
    local rest = total - off
    if rest < 8 then
      pinfo.desegment_offset = off
      pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT
      break
    end
    local body = tvb(off, 4):uint()
    if body > MAX_BODY_LEN then
      local t = tree:add(cti, tvb(off), "CTI Server Protocol, oversize message")
      t:add(H.length, tvb(off, 4)):add_proto_expert_info(E.oversize)
      names[#names + 1] = "[oversize MessageLength " .. body .. "]"
      off = total
      break
    end
    if rest < 8 + body then
      pinfo.desegment_offset = off
      pinfo.desegment_len = 8 + body - rest
      break
    end
    names[#names + 1] = dissect_message(tvb(off, 8 + body):tvb(), tree)
    off = off + 8 + body
  end
  if #names > 0 then
    local text = table.concat(names, ", ")
    if tostring(pinfo.cols.protocol) == "CTI" then
      pinfo.cols.info:append(", " .. text)
    else
      pinfo.cols.protocol = "CTI"
      pinfo.cols.info = text
    end
  end
  return total
end

-- (Re)registers on the configured ports.
local registered = nil
local function register_ports()
  local tcp = DissectorTable.get("tcp.port")
  if registered then tcp:remove(registered, cti) end
  registered = tostring(cti.prefs.tcp_ports)
  if registered ~= "" then tcp:add(registered, cti) end
end

function cti.prefs_changed()
  register_ports()
end

register_ports()
DissectorTable.get("tcp.port"):add_for_decode_as(cti)
"#;
