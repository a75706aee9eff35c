//! Reads the edges of a state diagram written in a module's docs, `From --TRIGGER--> To`, so a
//! test can compare them with the transition table the state machine moves by.

extern crate std;

use std::string::{String, ToString};
use std::vec::Vec;

/// Every `From --TRIGGER--> To` edge in `source`, in order.
pub(crate) fn edges(source: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for line in source.lines() {
        let mut rest = line;
        while let Some(arrow) = rest.find("-->") {
            let before = &rest[..arrow];
            let Some(open) = before.find(" --") else {
                break;
            };
            let from = before[..open].split_whitespace().last().unwrap_or("");
            let trigger = before[open + 3..].trim();
            let after = &rest[arrow + 3..];
            let to = after.split_whitespace().next().unwrap_or("");
            let to = to.trim_end_matches([',', '.', ';']);
            out.push((from.to_string(), trigger.to_string(), to.to_string()));
            rest = after;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_edges() {
        let e =
            edges("//!   Opening --OPEN_CONF--> Open\n//! x\n//!   Open --close()--> Closing, ok");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0], ("Opening".into(), "OPEN_CONF".into(), "Open".into()));
        assert_eq!(e[1], ("Open".into(), "close()".into(), "Closing".into()));
    }
}
