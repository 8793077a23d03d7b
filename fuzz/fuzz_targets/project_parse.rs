//! `cxsite::project::parse`: the YAML loader and validator of cxsite.yaml. Any text must give
//! a project or a located error, never a panic, a hang or unbounded memory.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // cxsite.yaml is read with read_to_string (non-UTF-8 is an I/O error before parsing) and
    // refused above 1 MiB, so only UTF-8 text of that size reaches the parser.
    let Ok(text) = std::str::from_utf8(data) else { return };
    if text.len() > 1 << 20 {
        return;
    }
    if let Err(e) = cxsite::project::parse(text, Path::new("/nonexistent/cxsite-fuzz")) {
        // Every error prints (the CLI prints them all).
        let _ = e.to_string();
    }
});
