//! The YAML loader: any bytes, as text, parse into nodes or a positioned error — never a panic.
#![no_main]

use kakunin::source::SourceFile;
use kakunin::yaml::{ParseLimits, parse_stream};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let source = SourceFile::new("f.yaml".into(), "f.yaml".into(), text);
    match parse_stream(&source.text, ParseLimits::default()) {
        Ok(docs) => {
            for doc in &docs {
                // Every span lies inside the text.
                assert!(doc.span.offset <= source.text.len());
            }
        }
        Err(e) => {
            if let Some(offset) = e.byte_offset {
                let _ = source.line_col(offset);
            }
            let _ = source.offset_of(e.line, e.column);
        }
    }
});
