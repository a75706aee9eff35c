//! The floating-part validator and field readers are tuned for speed (a branch-free rule table,
//! eight-byte NUL scans). These properties hold them to a plain reading of spec §1.3: the same
//! verdict, the same error with the same offset, the same fields and the same values.

use cti_proto::wire::tag::{self, FloatType};
use cti_proto::wire::{kind, DecodeError, Floating, FloatingField, Kind, Version};
use quickcheck::{Arbitrary, Gen};
use quickcheck_macros::quickcheck;

/// A field as a test generates it: a tag and data shaped for the tag's type most of the time,
/// and anything at all otherwise.
#[derive(Clone, Debug)]
struct Field {
    tag: u16,
    data: Vec<u8>,
}

impl Arbitrary for Field {
    fn arbitrary(g: &mut Gen) -> Self {
        let tag = if bool::arbitrary(g) {
            // Tags of every type the table has, and unknown ones.
            u16::from(u8::arbitrary(g))
        } else {
            *g.choose(&[1, 2, 7, 24, 62, 82, 83, 124, 150, 200, 255, 256, 4000])
                .unwrap()
        };
        let mut data: Vec<u8> = Vec::arbitrary(g);
        data.truncate(usize::from(u8::arbitrary(g) % 48));
        // Printable bytes with the odd NUL, so strings are mostly well formed.
        for b in data.iter_mut() {
            *b = if *b < 16 { 0 } else { b'!' + *b % 90 };
        }
        if u8::arbitrary(g) % 4 != 0 {
            match tag::type_of(tag) {
                Some(FloatType::String) => {
                    data.retain(|&b| b != 0 || bool::arbitrary(g));
                    data.push(0);
                }
                Some(FloatType::UChar) => data.resize(1, 7),
                Some(FloatType::UShort) => data.resize(2, 7),
                Some(FloatType::UInt | FloatType::Int | FloatType::Time) => data.resize(4, 7),
                Some(FloatType::Num) => data.resize(*g.choose(&[1, 2, 4]).unwrap(), 7),
                Some(FloatType::NamedVar | FloatType::NamedArray) => {
                    data.retain(|&b| b != 0);
                    let cut = data.len() / 2;
                    data.insert(cut, 0);
                    data.push(0);
                    if tag::type_of(tag) == Some(FloatType::NamedArray) {
                        data.insert(0, 3);
                    }
                }
                _ => {}
            }
        }
        Field { tag, data }
    }
}

fn encode(fields: &[Field], wide: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for f in fields {
        if wide {
            out.extend_from_slice(&f.tag.to_be_bytes());
            out.extend_from_slice(&(f.data.len() as u16).to_be_bytes());
        } else {
            out.push(f.tag as u8);
            out.push(f.data.len() as u8);
        }
        out.extend_from_slice(&f.data);
    }
    out
}

/// `name\0value\0`, read the obvious way.
fn split_named(data: &[u8]) -> Option<(&[u8], &[u8])> {
    let n = data.iter().position(|&b| b == 0)?;
    let rest = &data[n + 1..];
    let (&last, value) = rest.split_last()?;
    (last == 0 && !value.contains(&0)).then_some((&data[..n], value))
}

/// The validator of spec §1.3, one field at a time with a type dispatch: the fields on success.
fn reference(bytes: &[u8], wide: bool) -> Result<Vec<(u16, &[u8])>, DecodeError> {
    let mut fields = Vec::new();
    reference_prefix(bytes, wide, &mut fields)?;
    Ok(fields)
}

/// [`reference`], collecting the valid fields into `fields` up to the first fault.
fn reference_prefix<'a>(
    bytes: &'a [u8],
    wide: bool,
    fields: &mut Vec<(u16, &'a [u8])>,
) -> Result<(), DecodeError> {
    let hdr = if wide { 4 } else { 2 };
    let mut pos = 0;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        if rest.len() < hdr {
            return Err(DecodeError::TruncatedFieldHeader { offset: pos });
        }
        let (tag, len) = if wide {
            (
                u16::from_be_bytes([rest[0], rest[1]]),
                usize::from(u16::from_be_bytes([rest[2], rest[3]])),
            )
        } else {
            (u16::from(rest[0]), usize::from(rest[1]))
        };
        if rest.len() < hdr + len {
            return Err(DecodeError::FieldOverrun {
                offset: pos,
                tag,
                length: len,
                available: rest.len() - hdr,
            });
        }
        let data = &rest[hdr..hdr + len];
        let bad_length = DecodeError::BadFieldLength {
            offset: pos,
            tag,
            length: len,
        };
        let bad_named = DecodeError::BadNamedVariable { offset: pos, tag };
        match tag::type_of(tag) {
            Some(FloatType::String) if data.last() != Some(&0) => {
                return Err(DecodeError::UnterminatedString { offset: pos, tag })
            }
            Some(FloatType::UChar) if len != 1 => return Err(bad_length),
            Some(FloatType::UShort) if len != 2 => return Err(bad_length),
            Some(FloatType::UInt | FloatType::Int | FloatType::Time) if len != 4 => {
                return Err(bad_length)
            }
            Some(FloatType::Num) if !matches!(len, 1 | 2 | 4) => return Err(bad_length),
            Some(FloatType::NamedVar) if split_named(data).is_none() => return Err(bad_named),
            Some(FloatType::NamedArray) if data.is_empty() || split_named(&data[1..]).is_none() => {
                return Err(bad_named)
            }
            _ => {}
        }
        fields.push((tag, data));
        pos += hdr + len;
    }
    Ok(())
}

/// `Floating::parse_with`, collecting the fields it hands over.
#[allow(clippy::type_complexity)]
fn parse_collecting<'a>(
    bytes: &'a [u8],
    version: Version,
) -> (Result<Floating<'a>, DecodeError>, Vec<(u16, &'a [u8])>) {
    let mut handed = Vec::new();
    let with = Floating::parse_with(bytes, version, |x: FloatingField<'a>| {
        handed.push((x.tag, x.data))
    })
    .map(|(floating, _)| floating);
    (with, handed)
}

fn check_same(bytes: &[u8], wide: bool) -> bool {
    let version = if wide { Version::V20 } else { Version::V15 };
    let expected = reference(bytes, wide);
    // `parse_with` hands over the same fields as iterating a parsed part, on an error those
    // before the bad one, and reaches the same verdict.
    let (with, handed) = parse_collecting(bytes, version);
    if with.as_ref().err() != expected.as_ref().err() {
        eprintln!("{bytes:02x?}: parse_with gave {with:?}, want {expected:?}");
        return false;
    }
    let mut prefix = Vec::new();
    let _ = reference_prefix(bytes, wide, &mut prefix);
    if handed != prefix {
        eprintln!("{bytes:02x?}: parse_with handed {handed:?}, want {prefix:?}");
        return false;
    }
    match (Floating::parse(bytes, version), &expected) {
        (Ok(f), Ok(fields)) => {
            let got: Vec<(u16, &[u8])> = f.iter().map(|x| (x.tag, x.data)).collect();
            got == *fields
        }
        (Err(e), Err(want)) => e == *want,
        (got, want) => {
            eprintln!("{bytes:02x?}: got {got:?}, want {want:?}");
            false
        }
    }
}

#[quickcheck]
fn narrow_validation_matches_the_reference(fields: Vec<Field>, cut: usize) -> bool {
    let fields: Vec<Field> = fields.into_iter().filter(|f| f.tag < 256).collect();
    let bytes = encode(&fields, false);
    // The whole part, and a cut one (truncated headers and overruns).
    let cut = if bytes.is_empty() {
        0
    } else {
        cut % bytes.len()
    };
    check_same(&bytes, false) && check_same(&bytes[..cut], false)
}

#[quickcheck]
fn wide_validation_matches_the_reference(fields: Vec<Field>, cut: usize) -> bool {
    let bytes = encode(&fields, true);
    let cut = if bytes.is_empty() {
        0
    } else {
        cut % bytes.len()
    };
    check_same(&bytes, true) && check_same(&bytes[..cut], true)
}

/// A v20 field of any length up to 65 535: two-byte lengths with a non-zero high byte, and
/// strings and named variables far past the word-at-a-time paths' straight-line sizes.
#[quickcheck]
fn wide_long_fields_match_the_reference(
    before: Vec<Field>,
    tag: u16,
    len: u16,
    nuls: Vec<u16>,
    cut: usize,
) -> bool {
    let tag = *[7, 82, 83, 150, 223, 4000]
        .get(usize::from(tag) % 6)
        .unwrap();
    let len = usize::from(len) % 1200 + if len.is_multiple_of(7) { 60_000 } else { 0 };
    let mut data = vec![b'x'; len];
    for n in nuls.iter().take(3) {
        if len > 0 {
            data[usize::from(*n) % len] = 0;
        }
    }
    if len > 0 && nuls.len().is_multiple_of(2) {
        data[len - 1] = 0;
    }
    let mut fields = before;
    fields.truncate(3);
    fields.push(Field { tag, data });
    let bytes = encode(&fields, true);
    let cut = cut % bytes.len();
    check_same(&bytes, true) && check_same(&bytes[..cut], true)
}

#[quickcheck]
fn string_values_end_at_the_first_nul(data: Vec<u8>, zeros: Vec<u8>) -> bool {
    // Long runs without NUL and NULs at every offset of the eight-byte steps.
    let mut data: Vec<u8> = data.into_iter().map(|b| b | 1).collect();
    for z in zeros.iter().take(2) {
        if !data.is_empty() {
            let at = usize::from(*z) % data.len();
            data[at] = 0;
        }
    }
    let want = match data.split_last() {
        Some((0, text)) => Some(&text[..text.iter().position(|&b| b == 0).unwrap_or(text.len())]),
        _ => None,
    };
    <kind::String as Kind>::parse(&data).map(|s| s.as_bytes()) == want
}

#[quickcheck]
fn named_values_split_like_the_reference(data: Vec<u8>) -> bool {
    let data: Vec<u8> = data
        .into_iter()
        .map(|b| if b < 40 { 0 } else { b })
        .collect();
    let var =
        <kind::NamedVar as Kind>::parse(&data).map(|v| (v.name.as_bytes(), v.value.as_bytes()));
    let arr = <kind::NamedArray as Kind>::parse(&data)
        .map(|v| (v.index, v.name.as_bytes(), v.value.as_bytes()));
    let want_arr = data
        .split_first()
        .and_then(|(&i, rest)| split_named(rest).map(|(n, v)| (i, n, v)));
    var == split_named(&data) && arr == want_arr
}

#[test]
fn string_nul_found_at_every_offset_of_a_long_field() {
    for len in 1..40 {
        for at in 0..len {
            let mut data = vec![b'x'; len];
            data[at] = 0;
            data.push(0);
            let s = <kind::String as Kind>::parse(&data).unwrap();
            assert_eq!(s.len(), at, "len {len}, NUL at {at}");
        }
        let mut data = vec![b'x'; len];
        data.push(0);
        assert_eq!(<kind::String as Kind>::parse(&data).unwrap().len(), len);
    }
}
