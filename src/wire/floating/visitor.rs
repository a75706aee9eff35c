//! [`FieldVisitor`]: what decode hands each floating field to as it validates it, so one pass
//! over the fields both checks and reads them.

use super::FloatingField;

/// Receives each floating field as decode validates it ([`Floating::parse_with`](crate::wire::Floating::parse_with),
/// [`Message::decode_with`](crate::wire::Message::decode_with)); every `FnMut(FloatingField)` closure
/// is one.
///
/// Decode takes a visitor by value and hands it back with the message. Kept in the decoder's
/// own frame, a visitor's state can stay in registers through the field loop; state behind a
/// reference (a closure capturing `&mut` of a local) is read and written back through memory
/// on every field (on the benchmark stream, a pass about 7 % slower).
pub trait FieldVisitor<'a> {
    /// One field, whole and valid.
    fn field(&mut self, field: FloatingField<'a>);
}

/// No visitor: what [`Floating::parse`](crate::wire::Floating::parse) and every `decode` use. One type for all of them, so
/// a microcontroller links one copy of the field loop, not one per message type.
impl<'a> FieldVisitor<'a> for () {
    #[inline(always)]
    fn field(&mut self, _field: FloatingField<'a>) {}
}

impl<'a, F: FnMut(FloatingField<'a>)> FieldVisitor<'a> for F {
    #[inline(always)]
    fn field(&mut self, field: FloatingField<'a>) {
        self(field)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Floating;
    use crate::wire::Version;

    #[test]
    fn a_closure_sees_every_field_in_wire_order() {
        // CLIENT_ID (1) "a", then an unknown tag 240 with two bytes.
        let bytes = [1, 2, b'a', 0, 240, 2, 9, 9];
        let mut seen = [0u16; 2];
        let mut n = 0;
        let (parsed, _visitor) =
            Floating::parse_with(&bytes, Version::V15, |f: super::FloatingField<'_>| {
                seen[n] = f.tag;
                n += 1;
            })
            .unwrap();
        assert_eq!(parsed.bytes().len(), 8);
        assert_eq!((n, seen), (2, [1, 240]));
    }
}
