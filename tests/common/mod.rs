//! Messages generated from the codec's own tables, for the property tests: any entry of
//! `wire::MESSAGES`, random fixed values of the right sizes, floating fields drawn from the
//! message's layout (plus other known tags and unknown ones) with valid data for each tag's type.
//! A reference encoder, written from the spec's description rather than with the codec, gives
//! the bytes the codec must agree with. Shrinking removes fields, shortens data and zeroes numbers.

#![allow(dead_code)]

use cti_proto::wire::tag::{self, FloatType};
use cti_proto::wire::{MessageSpec, Version, MESSAGES};
use quickcheck::{Arbitrary, Gen};

/// The data of one floating field, valid for its tag's type by construction.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    /// STRING: text without NUL (the NUL is added on the wire).
    Str(Vec<u8>),
    /// UNSPEC or an unknown tag: any bytes.
    Bytes(Vec<u8>),
    /// A number of `size` bytes (1, 2 or 4).
    Num(u32, usize),
    /// NAMEDVAR.
    NamedVar(Vec<u8>, Vec<u8>),
    /// NAMEDARRAY.
    NamedArray(u8, Vec<u8>, Vec<u8>),
}

/// Text without NUL bytes, up to `max` long.
fn text(g: &mut Gen, max: usize) -> Vec<u8> {
    let n = usize::arbitrary(g) % (max + 1);
    (0..n)
        .map(|_| match u8::arbitrary(g) {
            0 => b'0',
            b => b,
        })
        .collect()
}

fn mask(v: u32, size: usize) -> u32 {
    match size {
        1 => v & 0xff,
        2 => v & 0xffff,
        _ => v,
    }
}

impl Data {
    /// Random valid data for a tag of type `ty` (`None`: unknown tag).
    pub fn random(ty: Option<FloatType>, max: u16, g: &mut Gen) -> Data {
        // Strings within the tag's documented maximum (which counts the NUL), and short enough
        // to keep generated messages small.
        let limit = if max == 0 {
            40
        } else {
            usize::from(max - 1).min(40)
        };
        let num = |g: &mut Gen, size| Data::Num(mask(u32::arbitrary(g), size), size);
        match ty {
            Some(FloatType::String) => Data::Str(text(g, limit)),
            Some(FloatType::Unspec) | None => {
                let n = usize::arbitrary(g) % (limit + 1);
                Data::Bytes((0..n).map(|_| u8::arbitrary(g)).collect())
            }
            Some(FloatType::UChar) => num(g, 1),
            Some(FloatType::UShort) => num(g, 2),
            Some(FloatType::UInt | FloatType::Int | FloatType::Time) => num(g, 4),
            Some(FloatType::Num) => {
                let size = *g.choose(&[1, 2, 4]).unwrap_or(&4);
                num(g, size)
            }
            Some(FloatType::NamedVar) => Data::NamedVar(text(g, 32), text(g, 40)),
            Some(FloatType::NamedArray) => {
                Data::NamedArray(u8::arbitrary(g), text(g, 32), text(g, 40))
            }
            Some(other) => panic!("no generator for {other:?}"),
        }
    }

    /// The field's data as sent.
    pub fn bytes(&self) -> Vec<u8> {
        match self {
            Data::Str(t) => [&t[..], &[0]].concat(),
            Data::Bytes(b) => b.clone(),
            Data::Num(v, size) => v.to_be_bytes()[4 - size..].to_vec(),
            Data::NamedVar(n, v) => [&n[..], &[0], v, &[0]].concat(),
            Data::NamedArray(i, n, v) => [&[*i][..], n, &[0], v, &[0]].concat(),
        }
    }

    fn shrink(&self) -> Vec<Data> {
        let shorter = |t: &Vec<u8>| -> Vec<Vec<u8>> {
            t.shrink().filter(|s| !s.contains(&0)).collect::<Vec<_>>()
        };
        match self {
            Data::Str(t) => shorter(t).into_iter().map(Data::Str).collect(),
            Data::Bytes(b) => b.shrink().map(Data::Bytes).collect(),
            Data::Num(v, size) => v.shrink().map(|v| Data::Num(v, *size)).collect(),
            Data::NamedVar(n, v) => shorter(n)
                .into_iter()
                .map(|n| Data::NamedVar(n, v.clone()))
                .chain(shorter(v).into_iter().map(|v| Data::NamedVar(n.clone(), v)))
                .collect(),
            Data::NamedArray(i, n, v) => shorter(n)
                .into_iter()
                .map(|n| Data::NamedArray(*i, n, v.clone()))
                .chain(
                    shorter(v)
                        .into_iter()
                        .map(|v| Data::NamedArray(*i, n.clone(), v)),
                )
                .chain(
                    i.shrink()
                        .map(|i| Data::NamedArray(i, n.clone(), v.clone())),
                )
                .collect(),
        }
    }
}

/// One floating field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The tag.
    pub tag: u16,
    /// Its data.
    pub data: Data,
}

/// A message of one of the catalogue's types, as values.
#[derive(Clone, PartialEq)]
pub struct GenMessage {
    /// Index into `wire::MESSAGES`.
    pub spec: usize,
    /// One value per fixed field, already cut to the field's size.
    pub fixed: Vec<u32>,
    /// The floating fields, in wire order.
    pub floating: Vec<Field>,
}

impl std::fmt::Debug for GenMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} fixed={:?} floating={:?} v15={}",
            self.spec().name,
            self.fixed,
            self.floating,
            hex(&self.encode(Version::V15))
        )
    }
}

/// Bytes as lowercase hex.
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Hex with whitespace to bytes (test fixtures only: panics on bad input).
pub fn unhex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// A tag number the tag table does not know (below 256, so v15 can carry it).
fn unknown_tag(g: &mut Gen) -> u16 {
    loop {
        let t = u16::from(u8::arbitrary(g));
        if tag::spec(t).is_none() {
            return t;
        }
    }
}

/// Every tag of `spec`'s floating layout, groups included.
pub fn layout_tags(spec: &MessageSpec) -> Vec<u16> {
    spec.floating
        .iter()
        .map(|f| f.tag)
        .chain(
            spec.groups
                .iter()
                .flat_map(|g| g.members.iter().map(|m| m.tag)),
        )
        // A generated message is written in every version, and versions before 20 have
        // one-byte tags: tags above 255 (all from v20 on) are left to the version tests.
        .filter(|&t| t < 256)
        .collect()
}

impl GenMessage {
    /// A random message of type `MESSAGES[spec]`.
    pub fn random(spec: usize, g: &mut Gen) -> GenMessage {
        let s = &MESSAGES[spec];
        let fixed = s
            .fixed
            .iter()
            .map(|f| mask(u32::arbitrary(g), f.kind.scalar.size()))
            .collect();
        let layout = layout_tags(s);
        let n = usize::arbitrary(g) % 9;
        let floating = (0..n)
            .map(|_| {
                let pick = u8::arbitrary(g) % 10;
                let tag = match (pick, g.choose(&layout)) {
                    (0..=6, Some(&t)) => t,
                    (7 | 8, _) => g
                        .choose(tag::TAGS)
                        .map(|t| t.tag)
                        .filter(|&t| t < 256)
                        .unwrap_or(1),
                    _ => unknown_tag(g),
                };
                let spec = tag::spec(tag);
                let data = Data::random(spec.map(|s| s.ty), spec.map_or(0, |s| s.max), g);
                Field { tag, data }
            })
            .collect();
        GenMessage {
            spec,
            fixed,
            floating,
        }
    }

    /// The message's layout.
    pub fn spec(&self) -> &'static MessageSpec {
        &MESSAGES[self.spec]
    }

    /// The body written field by field in `version`'s format (spec §1.1, §1.3).
    pub fn body(&self, version: Version) -> Vec<u8> {
        let mut body = Vec::new();
        for (f, v) in self.spec().fixed.iter().zip(&self.fixed) {
            // A field the version's layout does not have is not on the wire.
            if !f.in_version(version) {
                continue;
            }
            let size = f.kind.scalar.size();
            body.extend_from_slice(&v.to_be_bytes()[4 - size..]);
        }
        for f in &self.floating {
            let data = f.data.bytes();
            if version.0 >= 20 {
                body.extend_from_slice(&f.tag.to_be_bytes());
                body.extend_from_slice(&(data.len() as u16).to_be_bytes());
            } else {
                body.push(f.tag as u8);
                body.push(data.len() as u8);
            }
            body.extend_from_slice(&data);
        }
        body
    }

    /// The whole message, header included, in `version`'s format.
    pub fn encode(&self, version: Version) -> Vec<u8> {
        let body = self.body(version);
        let mut out = Vec::with_capacity(8 + body.len());
        out.extend_from_slice(&(body.len() as u32).to_be_bytes());
        out.extend_from_slice(&self.spec().id.to_be_bytes());
        out.extend_from_slice(&body);
        out
    }
}

impl Arbitrary for GenMessage {
    fn arbitrary(g: &mut Gen) -> Self {
        let spec = usize::arbitrary(g) % MESSAGES.len();
        GenMessage::random(spec, g)
    }

    /// Keeps the message type (the failing type is the point of a counterexample) and shrinks
    /// the content: fewer floating fields, shorter data, smaller numbers.
    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        let mut out = Vec::new();
        for i in 0..self.floating.len() {
            let mut m = self.clone();
            m.floating.remove(i);
            out.push(m);
        }
        for (i, f) in self.floating.iter().enumerate() {
            for d in f.data.shrink() {
                let mut m = self.clone();
                m.floating[i].data = d;
                out.push(m);
            }
        }
        for (i, v) in self.fixed.iter().enumerate() {
            for s in v.shrink() {
                let mut m = self.clone();
                m.fixed[i] = s;
                out.push(m);
            }
        }
        Box::new(out.into_iter())
    }
}

/// One message of every type in the catalogue, in table order: a property over this checks every
/// entry of `wire::MESSAGES`, however many there are. Shrinks to the failing ones.
#[derive(Clone, Debug)]
pub struct EveryType(pub Vec<GenMessage>);

impl Arbitrary for EveryType {
    fn arbitrary(g: &mut Gen) -> Self {
        EveryType(
            (0..MESSAGES.len())
                .map(|i| GenMessage::random(i, g))
                .collect(),
        )
    }

    fn shrink(&self) -> Box<dyn Iterator<Item = Self>> {
        Box::new(self.0.shrink().filter(|v| !v.is_empty()).map(EveryType))
    }
}
