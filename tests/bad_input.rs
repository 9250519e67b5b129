//! Bad input, one test a case: each bad file or line is named on one line of
//! standard error, the exit code is 1 at the end, and the good article given beside
//! it is still stored. Legacy encodings are decoded, not refused.

use crate::cli::newsgraph;
use std::path::{Path, PathBuf};

const GOOD: &str = "Portugal criticou Espanha na terça-feira.\n";

/// A temporary directory holding `good.txt` and whatever a test adds.
struct Batch {
    dir: tempfile::TempDir,
}

impl Batch {
    fn new() -> Batch {
        let batch = Batch { dir: tempfile::tempdir().unwrap() };
        batch.write("good.txt", GOOD.as_bytes());
        batch
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// `ingest` of the paths: (exit code, standard error).
    fn ingest(&self, paths: &[&Path], args: &[&str]) -> (Option<i32>, String) {
        let out = newsgraph(&self.path("store")).arg("ingest").args(args).args(paths).output().unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    }

    /// Ingests good.txt and `bad`: `bad` gets exactly one line, which says `why`,
    /// the exit code is 1 and good.txt is stored.
    fn refuses(&self, bad: &Path, why: &str) {
        let (code, stderr) = self.ingest(&[&self.path("good.txt"), bad], &[]);
        assert_refused(code, &stderr, &bad.display().to_string(), why);
        assert!(stderr.contains("ingested 1 articles ("), "{stderr}");
    }
}

/// Exit code 1 and exactly one line of standard error naming `origin`, saying `why`.
fn assert_refused(code: Option<i32>, stderr: &str, origin: &str, why: &str) {
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains(origin)).collect();
    assert_eq!(lines.len(), 1, "one line about {origin} expected:\n{stderr}");
    assert!(lines[0].contains(why), "{:?} should say {why:?}", lines[0]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(code, Some(1), "{stderr}");
}

/// What `extract --format nquads` writes for a file.
fn extracted(file: &Path) -> String {
    let out = newsgraph(Path::new("unused")).args(["extract", "--format", "nquads", "--lang", "pt"]).arg(file).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn binary_junk_is_refused() {
    let batch = Batch::new();
    // Control codes without a NUL: valid UTF-8, not text.
    let junk: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 31 + 1) as u8).collect();
    let bad = batch.write("photo.txt", &junk);
    batch.refuses(&bad, "binary data");
}

#[test]
fn a_file_with_nul_bytes_is_refused() {
    let batch = Batch::new();
    let bad = batch.write("nul.txt", b"Portugal criticou Espanha.\0\0\0\x01\x02 mais texto.\n");
    batch.refuses(&bad, "NUL");
    // One NUL in a long text: too few control codes for binary data, refused for the NUL.
    let one =
        batch.write("one-nul.txt", b"Portugal criticou Espanha.\0 O governo de Lisboa apoiou a cimeira de Madrid.\n");
    batch.refuses(&one, "NUL");
}

#[test]
fn an_empty_file_is_refused() {
    let batch = Batch::new();
    let bad = batch.write("empty.txt", b"");
    batch.refuses(&bad, "empty article (no text)");
}

#[test]
fn a_whitespace_only_article_is_refused() {
    let batch = Batch::new();
    let bad = batch.write("blank.md", " \n\t\r\n\u{a0}\u{2003}\n".as_bytes());
    batch.refuses(&bad, "only whitespace");
    let lines = batch.write("blank.jsonl", b"{\"text\": \" \\n\\t \"}\n");
    batch.refuses(&lines, "empty \"text\"");
}

#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_is_refused() {
    // Permissions cannot make a file unreadable to root; reading /proc/self/mem
    // from its start fails (address 0 is not mapped) whoever runs the tests.
    let batch = Batch::new();
    batch.refuses(Path::new("/proc/self/mem"), "error");
}

#[test]
fn a_missing_path_is_refused() {
    let batch = Batch::new();
    batch.refuses(&batch.path("no-such-article.txt"), "no such file or directory");
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_named_not_followed() {
    let batch = Batch::new();
    let dir = batch.path("archive");
    batch.write("archive/2024/a.txt", "A Espanha criticou Portugal ontem.\n".as_bytes());
    std::os::unix::fs::symlink("..", dir.join("2024/up")).unwrap();
    std::os::unix::fs::symlink("self.txt", dir.join("self.txt")).unwrap();
    std::os::unix::fs::symlink("gone.txt", dir.join("broken.txt")).unwrap();
    let (code, stderr) = batch.ingest(&[&batch.path("good.txt"), &dir], &[]);
    assert!(stderr.contains("ingested 2 articles (2 new"), "{stderr}");
    let named = |name: &str, why: &str| assert_refused(code, &stderr, &dir.join(name).display().to_string(), why);
    named("2024/up", "symbolic link loop");
    named("self.txt", "symbolic link");
    named("broken.txt", "broken symbolic link");
}

#[test]
fn a_half_written_json_line_or_one_without_text_is_refused() {
    let batch = Batch::new();
    let bad = batch.write(
        "feed.jsonl",
        b"{\"id\": \"1\", \"text\": \"O Chile criticou o Peru.\", \"lang\": \"pt\"}\n\
          {\"id\": \"2\", \"title\": \"O Peru critica o Chile\", \"lang\": \"pt\"}\n{\"id\": \"3\", \"text\": \"O Peru crit",
    );
    let (code, stderr) = batch.ingest(&[&bad], &[]);
    assert_refused(code, &stderr, "feed.jsonl:2", "no \"text\" field");
    assert_refused(code, &stderr, "feed.jsonl:3", "not a JSON article");
    assert!(stderr.contains("ingested 1 articles (1 new"), "{stderr}");
}

#[test]
fn invalid_published_dates_are_refused() {
    let batch = Batch::new();
    let bad = batch.write(
        "feed.jsonl",
        b"{\"text\": \"O Chile criticou o Peru.\", \"published\": \"2025-02-30\"}\n\
          {\"text\": \"O Peru criticou o Chile.\", \"published\": \"yesterday\"}\n\
          {\"text\": \"A Bolivia criticou o Chile.\", \"published\": \"2025-02-03T10:00:00Z\"}\n",
    );
    let (code, stderr) = batch.ingest(&[&bad], &["--lang", "pt"]);
    assert_refused(code, &stderr, "feed.jsonl:1", "invalid published date \"2025-02-30\"");
    assert_refused(code, &stderr, "feed.jsonl:2", "invalid published date \"yesterday\"");
    assert!(stderr.contains("ingested 1 articles (1 new"), "{stderr}");
    // On the command line the date is for the whole batch: a usage error.
    let (code, stderr) = batch.ingest(&[&batch.path("good.txt")], &["--published", "2025-13-01"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("--published \"2025-13-01\": expected a date as YYYY-MM-DD"), "{stderr}");
}

#[test]
fn an_unknown_lang_is_refused() {
    let batch = Batch::new();
    let (code, stderr) = batch.ingest(&[&batch.path("good.txt")], &["--lang", "klingon"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("--lang \"klingon\": expected pt, en or auto"), "{stderr}");
    let bad = batch.write("feed.jsonl", b"{\"text\": \"O Chile criticou o Peru.\", \"lang\": \"tlh\"}\n");
    batch.refuses(&bad, "feed.jsonl:1: unknown lang \"tlh\"");
}

#[test]
fn a_huge_text_file_is_refused_with_the_limit() {
    let batch = Batch::new();
    // 200 MB without writing them: a sparse file.
    let bad = batch.path("huge.txt");
    std::fs::File::create(&bad).unwrap().set_len(200_000_000).unwrap();
    // Refused by its size, before any of it is read.
    batch.refuses(&bad, "too large (190.7 MiB, over the 4 MiB limit for one article)");
    // Standard input has no size to look at: it is read up to the limit, no further.
    let out = newsgraph(&batch.path("store"))
        .args(["ingest", "-"])
        .write_stdin(vec![b'a'; newsgraph::input::MAX_ARTICLE_BYTES + 1])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_refused(out.status.code(), &stderr, "<stdin>", "over the 4 MiB limit for one article");
}

#[test]
fn a_huge_json_line_is_refused_and_the_next_lines_read() {
    let batch = Batch::new();
    let mut feed = b"{\"text\": \"O Chile criticou o Peru.\", \"lang\": \"pt\"}\n{\"text\": \"".to_vec();
    feed.extend(std::iter::repeat_n(b'a', newsgraph::input::MAX_ARTICLE_BYTES + 10));
    feed.extend(b"\"}\n{\"text\": \"O Peru criticou o Chile.\", \"lang\": \"pt\"}\n");
    let bad = batch.write("feed.jsonl", &feed);
    let (code, stderr) = batch.ingest(&[&bad], &[]);
    assert_refused(code, &stderr, "feed.jsonl:2", "over the 4 MiB limit");
    assert!(stderr.contains("ingested 2 articles (2 new"), "{stderr}");
}

#[test]
fn windows_1252_and_latin_1_are_decoded() {
    let batch = Batch::new();
    // "Ministério da Defesa critica São Tomé\n\nPortugal criticou Espanha na
    // terça-feira, disse o “ministro”." in Windows-1252 (curly quotes at 0x93, 0x94).
    let cp1252 = batch.write(
        "arquivo-1998.txt",
        b"Minist\xe9rio da Defesa critica S\xe3o Tom\xe9\n\nPortugal criticou Espanha na ter\xe7a-feira, disse o \x93ministro\x94.\n",
    );
    let quads = extracted(&cp1252);
    assert!(quads.contains("\"Minist\u{e9}rio da Defesa critica S\u{e3}o Tom\u{e9}\"@pt"), "{quads}");
    assert!(quads.contains("disse o \u{201c}ministro\u{201d}."), "{quads}");
    // ISO-8859-1 proper (no byte in 0x80–0x9F).
    let latin1 = batch.write("arquivo-1999.txt", b"A Espanha criticou Portugal na ter\xe7a-feira, em Bras\xedlia.\n");
    assert!(extracted(&latin1).contains("ter\u{e7}a-feira, em Bras\u{ed}lia."));
    let (code, stderr) = batch.ingest(&[&cp1252, &latin1], &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("ingested 2 articles (2 new"), "{stderr}");
}

#[test]
fn byte_order_marks_are_dropped_and_a_cut_last_character_too() {
    let batch = Batch::new();
    let utf8 = batch.write("bom.txt", "\u{feff}Espanha critica Portugal\n\nA Espanha criticou Portugal.\n".as_bytes());
    let quads = extracted(&utf8);
    assert!(quads.contains("<https://schema.org/headline> \"Espanha critica Portugal\"@pt"), "{quads}");
    let mut utf16 = vec![0xff, 0xfe];
    utf16
        .extend("Espanha critica Portugal\n\nA Espanha criticou Portugal.\n".encode_utf16().flat_map(u16::to_le_bytes));
    let utf16 = batch.write("utf16.txt", &utf16);
    assert_eq!(extracted(&utf16), quads.replace(&utf8.display().to_string(), &utf16.display().to_string()));
    // A download cut inside "ç" (0xC3 0xA7) is UTF-8 still, not Windows-1252 "Ã".
    let cut = batch.write("cut.txt", b"A Espanha criticou Portugal na ter\xc3\xa7a-feira. Ter\xc3");
    let quads = extracted(&cut);
    assert!(quads.contains("na ter\u{e7}a-feira.") && !quads.contains('\u{c3}'), "{quads}");
}

#[test]
fn a_file_that_is_not_json_lines_is_counted_not_flooded() {
    let batch = Batch::new();
    let mut feed = "id,text\n".repeat(50);
    feed.push_str("{\"text\": \"O Chile criticou o Peru.\", \"lang\": \"pt\"}\n");
    let bad = batch.write("export.jsonl", feed.as_bytes());
    let (code, stderr) = batch.ingest(&[&bad], &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stderr.lines().filter(|l| l.contains("not a JSON article")).count(), 20, "{stderr}");
    assert!(stderr.contains("export.jsonl: 30 more bad lines not shown"), "{stderr}");
    assert!(stderr.contains("ingested 1 articles (1 new, 0 replaced, 0 unchanged)") && stderr.contains("50 failed"));
}
