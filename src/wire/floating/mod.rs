//! The floating part: tagged, length-prefixed fields after the fixed part (spec §1.3).
//!
//! Below version 20 a field is `tag: u8, len: u8, data`; from 20 on, `tag: u16, len: u16, data`.
//! `len` counts the data only, and a STRING's data includes its NUL. A message's floating part
//! is validated once, when it is decoded ([`Floating::parse`], or [`Floating::parse_with`], which
//! hands each field to a [`FieldVisitor`] as it goes): every field lies inside the body,
//! known numeric tags have their type's size, strings end in NUL. Accessors after that cannot fail.
//! Unknown tags are kept and skipped by length.

mod field;
mod group;
mod kinds;
mod strings;
mod validate;
mod visitor;
mod writer;

pub use field::{Floating, FloatingField, FloatingIter};
pub use group::{Group, GroupIter, GroupSpec, MAX_GROUP_MEMBERS};
pub use kinds::{kind, Kind, Tag};
pub use strings::{NamedArray, NamedVar, Str};
pub use visitor::FieldVisitor;
pub use writer::FloatingWriter;
