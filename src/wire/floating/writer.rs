//! [`FloatingWriter`]: builds a floating part into a caller's buffer, and the field header
//! writer shared with re-encoding.

use super::field::Floating;
use super::kinds::{Kind, Tag};
use crate::wire::codec::Writer;
use crate::wire::{EncodeError, Version};

pub(super) fn put_field_header(
    w: &mut Writer<'_>,
    version: Version,
    tag: u16,
    len: usize,
) -> Result<(), EncodeError> {
    if version.wide_tags() {
        let l = u16::try_from(len).map_err(|_| EncodeError::FieldTooLong { tag, length: len })?;
        w.u16(tag);
        w.u16(l);
    } else {
        let t = u8::try_from(tag).map_err(|_| EncodeError::TagTooLarge { tag })?;
        let l = u8::try_from(len).map_err(|_| EncodeError::FieldTooLong { tag, length: len })?;
        w.u8(t);
        w.u8(l);
    }
    Ok(())
}

/// Builds a floating part into a caller's buffer, for messages that are to be sent.
#[derive(Debug)]
pub struct FloatingWriter<'b> {
    w: Writer<'b>,
    version: Version,
}

impl<'b> FloatingWriter<'b> {
    /// A writer of `version`-format fields into `buf`.
    #[must_use]
    pub fn new(buf: &'b mut [u8], version: Version) -> Self {
        FloatingWriter {
            w: Writer::new(buf),
            version,
        }
    }

    /// Appends a field of `tag`'s type.
    pub fn put<K: Kind>(
        &mut self,
        tag: Tag<K>,
        value: K::Value<'_>,
    ) -> Result<&mut Self, EncodeError> {
        put_field_header(&mut self.w, self.version, tag.id, K::len(&value))?;
        K::write(&value, &mut self.w);
        self.fits()
    }

    /// Appends the field if there is a value.
    pub fn put_opt<K: Kind>(
        &mut self,
        tag: Tag<K>,
        value: Option<K::Value<'_>>,
    ) -> Result<&mut Self, EncodeError> {
        match value {
            Some(v) => self.put(tag, v),
            None => Ok(self),
        }
    }

    /// Appends a field with raw data, for tags the table does not know.
    pub fn put_raw(&mut self, tag: u16, data: &[u8]) -> Result<&mut Self, EncodeError> {
        put_field_header(&mut self.w, self.version, tag, data.len())?;
        self.w.bytes(data);
        self.fits()
    }

    fn fits(&mut self) -> Result<&mut Self, EncodeError> {
        if self.w.fits() {
            Ok(self)
        } else {
            Err(EncodeError::BufferTooSmall {
                needed: self.w.position(),
            })
        }
    }

    /// The fields written so far.
    #[must_use]
    pub fn finish(self) -> Floating<'b> {
        let len = self.w.position();
        let bytes: &'b [u8] = self.w.into_inner();
        Floating::trusted(bytes.get(..len).unwrap_or_default(), self.version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::tag;

    #[test]
    fn written_fields_parse_back() {
        let mut buf = [0u8; 32];
        let mut w = FloatingWriter::new(&mut buf, Version::V15);
        w.put(tag::CLIENT_ID, "ab".into())
            .unwrap()
            .put(tag::SKILL_GROUP_PRIORITY, 3)
            .unwrap()
            .put_opt(tag::AGENT_ID, None)
            .unwrap();
        let f = w.finish();
        assert_eq!(f.bytes(), [1, 3, b'a', b'b', 0, 64, 2, 0, 3]);
        assert_eq!(Floating::parse(f.bytes(), Version::V15), Ok(f));
    }

    #[test]
    fn one_byte_tags_and_lengths_are_enforced_below_v20() {
        let mut buf = [0u8; 300];
        let mut w = FloatingWriter::new(&mut buf, Version::V15);
        assert_eq!(
            w.put_raw(256, &[]).err(),
            Some(EncodeError::TagTooLarge { tag: 256 })
        );
        assert_eq!(
            w.put_raw(250, &[0; 256]).err(),
            Some(EncodeError::FieldTooLong {
                tag: 250,
                length: 256
            })
        );
        let mut small = [0u8; 3];
        let mut w = FloatingWriter::new(&mut small, Version::V15);
        assert_eq!(
            w.put_raw(250, &[1, 2]).err(),
            Some(EncodeError::BufferTooSmall { needed: 4 })
        );
    }
}
