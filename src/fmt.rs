//! Logging shim: `trace!`, `debug!` and `warn!` go to `defmt` when the `defmt` feature is on, to
//! the `log` facade when the `log` feature is on (and `defmt` is off), and compile to nothing
//! otherwise, so a build without either carries no logging code at all. Format strings must be
//! ones both accept: `{}` and `{:?}`, no defmt-only `{=u32}` hints.

#![allow(unused_macros)]

#[cfg(feature = "defmt")]
macro_rules! trace {
    ($($t:tt)*) => { defmt::trace!($($t)*) };
}
#[cfg(feature = "defmt")]
macro_rules! debug {
    ($($t:tt)*) => { defmt::debug!($($t)*) };
}
#[cfg(feature = "defmt")]
macro_rules! warn {
    ($($t:tt)*) => { defmt::warn!($($t)*) };
}

#[cfg(all(feature = "log", not(feature = "defmt")))]
macro_rules! trace {
    ($($t:tt)*) => { ::log::trace!(target: "cti_proto", $($t)*) };
}
#[cfg(all(feature = "log", not(feature = "defmt")))]
macro_rules! debug {
    ($($t:tt)*) => { ::log::debug!(target: "cti_proto", $($t)*) };
}
#[cfg(all(feature = "log", not(feature = "defmt")))]
macro_rules! warn {
    ($($t:tt)*) => { ::log::warn!(target: "cti_proto", $($t)*) };
}

// Without a logger the arguments are still evaluated by reference, so a variable used only in a
// log line does not turn into an "unused" warning.
#[cfg(not(any(feature = "defmt", feature = "log")))]
macro_rules! trace {
    ($fmt:literal $(, $arg:expr)* $(,)?) => {{ $( let _ = &$arg; )* }};
}
#[cfg(not(any(feature = "defmt", feature = "log")))]
macro_rules! debug {
    ($fmt:literal $(, $arg:expr)* $(,)?) => {{ $( let _ = &$arg; )* }};
}
#[cfg(not(any(feature = "defmt", feature = "log")))]
macro_rules! warn {
    ($fmt:literal $(, $arg:expr)* $(,)?) => {{ $( let _ = &$arg; )* }};
}
