//! Fuzz target: any bytes through the input readers, as each kind of file (text,
//! Markdown, HTML, JSON Lines, gzip of each, standard input). Every item must be an
//! article with text and no NUL, or an error naming the input; a panic fails.
//!
//! The input's length picks the kind; for a gzip kind, even lengths read the bytes
//! as they are (mostly corrupt streams) and odd lengths compress them first, so the
//! readers behind the decoder see the bytes too.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::input::{read_from, Defaults};
use std::io::{Cursor, Write};
use std::path::Path;

const NAMES: &[&str] = &["a.txt", "a.md", "a.html", "a.jsonl", "-", "a.txt.gz", "a.md.gz", "a.html.gz", "a.jsonl.gz"];

fuzz_target!(|data: &[u8]| {
    let name = NAMES[data.len() % NAMES.len()];
    let bytes = if name.ends_with(".gz") && data.len() % 2 == 1 {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(data).expect("in memory");
        encoder.finish().expect("in memory")
    } else {
        data.to_vec()
    };
    let origin = if name == "-" { "<stdin>" } else { name };
    for item in read_from(Box::new(Cursor::new(bytes)), Path::new(name), &Defaults::default()) {
        match item {
            Ok(article) => {
                assert!(!article.text.trim().is_empty() && !article.text.contains('\0'), "{article:?}");
                assert!(article.origin.starts_with(origin), "{article:?}");
            }
            Err(error) => assert!(error.to_string().starts_with(origin), "{error}"),
        }
    }
});
