//! Malformed input, one fixture per `DecodeError` variant: the exact variant, fields and offset
//! (counted from the message's first header byte), in v15 and v20. Plus the receive limit, which
//! is enforced from the 8-byte header alone.

mod common;

use common::unhex as hex;
use cti_proto::wire::{DecodeError, Decoder, MessageType, Status, Version};

fn error(h: &str, version: Version) -> DecodeError {
    let bytes = hex(h);
    match Decoder::new(version).decode(&bytes) {
        Err(e) => {
            // The iterator reports the same error once, then stops.
            let mut it = Decoder::new(version).messages(&bytes);
            assert_eq!(it.next(), Some(Err(e)));
            assert_eq!(it.next(), None);
            assert_eq!(it.remainder(), &bytes[..]);
            e
        }
        other => panic!("{h} decoded as {other:?}"),
    }
}

#[test]
fn oversize_is_rejected_from_the_header_alone() {
    // 12 493 body bytes announced, 12 492 allowed (12 500 with the header); nothing else present.
    let e = error("000030cd 00000004", Version::V15);
    assert_eq!(
        e,
        DecodeError::Oversize {
            length: 12_493,
            limit: 12_492
        }
    );
    assert_eq!(e.offset(), 0);
    // At the limit it is only incomplete.
    assert_eq!(
        Decoder::default().decode(&hex("000030cc 00000004")),
        Ok(Status::Partial { needed: 12_492 })
    );
    // A configured limit; the type does not matter, unknown ones included.
    let d = Decoder {
        version: Version::V15,
        max_message_len: 4329,
    };
    assert_eq!(
        d.frame(&hex("000010e2 0000ffff")),
        Err(DecodeError::Oversize {
            length: 4322,
            limit: 4321
        })
    );
    assert_eq!(
        d.decode(&hex("ffffffff 00000005")),
        Err(DecodeError::Oversize {
            length: u32::MAX,
            limit: 4321
        })
    );
}

#[test]
fn short_body() {
    // OPEN_CONF needs 26 fixed bytes; this one has 10.
    let e = error("0000000a 00000004 00000001 001c0296 0000", Version::V15);
    assert_eq!(
        e,
        DecodeError::ShortBody {
            message_type: MessageType::OPEN_CONF,
            length: 10,
            fixed: 26
        }
    );
    assert_eq!(e.offset(), 8);
    // An empty body of a type with a fixed part.
    assert_eq!(
        error("00000000 00000006", Version::V20),
        DecodeError::ShortBody {
            message_type: MessageType::HEARTBEAT_CONF,
            length: 0,
            fixed: 4
        }
    );
}

#[test]
fn truncated_field_header() {
    // HEARTBEAT_REQ, InvokeID 9, then one stray byte where a tag and length should be.
    let e = error("00000005 00000005 00000009 01", Version::V15);
    assert_eq!(e, DecodeError::TruncatedFieldHeader { offset: 12 });
    // In v20 a field header is four bytes: three are not enough.
    let e = error("00000007 00000005 00000009 000107", Version::V20);
    assert_eq!(e, DecodeError::TruncatedFieldHeader { offset: 12 });
    // After a good field.
    let e = error("00000009 00000021 00000007 0702 3100 07", Version::V15);
    assert_eq!(e, DecodeError::TruncatedFieldHeader { offset: 16 });
}

#[test]
fn field_overrun() {
    // SYSTEM_EVENT (26 fixed bytes), then Text announcing 10 bytes with 3 present.
    let e = error(
        "0000001f 0000001f 00000004 5746cc1e 00000003 00001388 00000000 00000000 ffff 070a 310032",
        Version::V15,
    );
    assert_eq!(
        e,
        DecodeError::FieldOverrun {
            offset: 34,
            tag: 7,
            length: 10,
            available: 3
        }
    );
    let e = error("0000000a 00000021 00000007 00e4 0004 0001", Version::V20);
    assert_eq!(
        e,
        DecodeError::FieldOverrun {
            offset: 12,
            tag: 228,
            length: 4,
            available: 2
        }
    );
}

#[test]
fn unterminated_string() {
    // CLIENT_EVENT_REPORT_REQ: ObjectName fine, Text "1x" without its NUL.
    let e = error(
        "0000000f 00000020 00000007 0000 4203 414200 0702 3178",
        Version::V15,
    );
    assert_eq!(e, DecodeError::UnterminatedString { offset: 19, tag: 7 });
    // An empty STRING field has no room for the NUL.
    let e = error("00000008 00000021 00000007 0001 0000", Version::V20);
    assert_eq!(e, DecodeError::UnterminatedString { offset: 12, tag: 1 });
}

#[test]
fn bad_field_length() {
    // OPEN_CONF with NumPeripherals (USHORT) three bytes long.
    let e = error(
        "0000001f 00000004 00000001 001c0296 00000000 00000004 5746cc1e 0000 0011 0009 e403 000100",
        Version::V15,
    );
    assert_eq!(
        e,
        DecodeError::BadFieldLength {
            offset: 34,
            tag: 228,
            length: 3
        }
    );
    // FltPeripheralID (UINT) of two bytes, v20.
    let e = error("0000000a 00000006 00000001 00d0 0002 1388", Version::V20);
    assert_eq!(
        e,
        DecodeError::BadFieldLength {
            offset: 12,
            tag: 208,
            length: 2
        }
    );
}

#[test]
fn bad_named_variable() {
    // NAMEDVAR "a\0b" without the value's NUL.
    let e = error("00000009 00000006 00000001 5203 610062", Version::V15);
    assert_eq!(
        e,
        DecodeError::BadNamedVariable {
            offset: 12,
            tag: 82
        }
    );
    // NAMEDARRAY with an index but only one string.
    let e = error("0000000b 00000006 00000001 0053 0003 01 6100", Version::V20);
    assert_eq!(
        e,
        DecodeError::BadNamedVariable {
            offset: 12,
            tag: 83
        }
    );
}

#[test]
fn a_malformed_message_after_good_ones_is_reported_after_them() {
    let bytes = hex("00000004 00000021 00000007 00000005 00000005 00000009 01");
    let mut it = Decoder::default().messages(&bytes);
    assert!(matches!(it.next(), Some(Ok(_))));
    assert_eq!(
        it.next(),
        Some(Err(DecodeError::TruncatedFieldHeader { offset: 12 }))
    );
    assert_eq!(it.next(), None);
    assert_eq!(it.remainder().len(), 13);
}

#[test]
fn unknown_wide_tags_are_kept_in_v20_and_refused_in_v15() {
    // HEARTBEAT_CONF with tag 300 (unknown): fine in v20, and cannot be written in v15.
    let bytes = hex("0000000a 00000006 00000001 012c 0002 abcd");
    let Ok(Status::Complete((m, 18))) = Decoder::new(Version::V20).decode(&bytes) else {
        panic!()
    };
    let mut out = [0u8; 64];
    assert_eq!(m.encode(Version::V20, &mut out), Ok(18));
    assert_eq!(&out[..18], &bytes[..]);
    assert_eq!(
        m.encode(Version::V15, &mut out),
        Err(cti_proto::wire::EncodeError::TagTooLarge { tag: 300 })
    );
}
