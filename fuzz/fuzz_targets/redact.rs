//! `cxsite::aggregate::redact::redact`: never panics, and applying it twice changes nothing more
//! (the documented contract). One known bug is excluded so that the fuzzer looks for others:
//! a digit run right after a redacted ID number's final `X` (see tests/hostile,
//! `a_mobile_number_written_right_after_an_id_number_ending_in_x_is_redacted_too`).
#![no_main]

use cxsite::aggregate::redact::redact;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let once = redact(text);
    let chars: Vec<char> = text.chars().collect();
    let known_bug =
        chars.windows(2).any(|w| matches!(w[0], 'X' | 'x') && (w[1].is_ascii_digit() || ('０'..='９').contains(&w[1])));
    if !known_bug {
        assert_eq!(redact(&once), once, "redact is not idempotent on {text:?}");
    }
});
