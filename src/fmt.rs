//! Logging shim: `trace!`, `debug!` and `warn!` go to `defmt` when the `defmt` feature is on and
//! compile to nothing otherwise, so the host build carries no logging code at all.

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

// Without defmt the arguments are still evaluated by reference, so a variable used only in a log
// line does not turn into an "unused" warning.
#[cfg(not(feature = "defmt"))]
macro_rules! trace {
    ($fmt:literal $(, $arg:expr)* $(,)?) => {{ $( let _ = &$arg; )* }};
}
#[cfg(not(feature = "defmt"))]
macro_rules! debug {
    ($fmt:literal $(, $arg:expr)* $(,)?) => {{ $( let _ = &$arg; )* }};
}
#[cfg(not(feature = "defmt"))]
macro_rules! warn {
    ($fmt:literal $(, $arg:expr)* $(,)?) => {{ $( let _ = &$arg; )* }};
}
