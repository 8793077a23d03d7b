//! `cxsite::project::rule::parse`, the `when:` parser, and evaluation of what it accepts.
//! The input is `rule \0 cell \0 cell …`: the cells are the values of the rule's columns.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.split('\0');
    let rule = parts.next().unwrap_or("");
    let cells: Vec<&str> = parts.collect();
    match cxsite::project::rule::parse(rule) {
        Ok(r) => {
            let cell = |i: usize| cells.get(i).copied().unwrap_or("");
            let _ = r.eval(&cell);
        }
        Err(e) => {
            // The offset is a character position inside the rule (or just past its end).
            assert!(e.offset <= rule.chars().count(), "offset {} past the rule {rule:?}", e.offset);
            let _ = e.to_string();
        }
    }
});
