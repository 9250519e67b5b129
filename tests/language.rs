//! `--lang auto`: Portuguese told from English and Spanish, with a warning naming
//! the input when the detector is unsure or the text is in a language newsgraph
//! does not extract. The texts are short on purpose: news briefs and headlines are
//! where detection goes wrong.

use crate::cli::newsgraph;

/// (the language `extract --explain` read a text in, its standard error), the text
/// given as a file named `name` so that the warning can be seen to name it.
fn detect(text: &str, name: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, text).unwrap();
    let out = newsgraph(&dir.path().join("unused")).args(["extract", "--explain"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    // "# FILE (pt, published unknown)"
    let lang = stdout.lines().next().and_then(|l| l.rsplit_once(" (")).map(|(_, r)| r[..2].to_string());
    (lang.unwrap_or_default(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_short_portuguese_brief_is_read_as_portuguese() {
    // Counting Portuguese and English function words alone, this brief (no "de", "que",
    // "não") was read as English.
    let (lang, warnings) = detect("O Brasil condenou o ataque a Kiev.", "brief.txt");
    assert_eq!((lang.as_str(), warnings.as_str()), ("pt", ""));
    let (lang, warnings) = detect(
        "O governo angolano anunciou ontem que vai enviar médicos para as províncias do sul, afetadas pela seca.",
        "angola.txt",
    );
    assert_eq!((lang.as_str(), warnings.as_str()), ("pt", ""));
}

#[test]
fn english_is_read_as_english() {
    let (lang, warnings) = detect(
        "The foreign ministers of Ghana and Togo met in Accra on Tuesday to discuss border security.",
        "accra.txt",
    );
    assert_eq!((lang.as_str(), warnings.as_str()), ("en", ""));
}

#[test]
fn spanish_is_named_and_warned_about() {
    let (lang, warnings) = detect(
        "El gobierno de Colombia anunció el martes que enviará ayuda humanitaria a las regiones afectadas por las lluvias.",
        "bogota.txt",
    );
    assert_eq!(lang, "pt", "read in the nearer language");
    assert!(warnings.contains("bogota.txt: looks like Spanish, which newsgraph does not extract"), "{warnings}");
}

#[test]
fn an_unsure_guess_says_so() {
    // Three names and a verb: whatlang guesses, the function words cannot confirm.
    let (lang, warnings) = detect("Lula visitou Washington e Tóquio.", "lula.txt");
    assert_eq!(lang, "pt");
    assert!(warnings.contains("lula.txt: language unsure"), "{warnings}");
    let (lang, warnings) = detect("2025 — 12 345", "numbers.txt");
    assert_eq!(lang, "en");
    assert!(warnings.contains("numbers.txt: language not recognised; read as English"), "{warnings}");
}

#[test]
fn a_language_given_is_not_second_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let out = newsgraph(&dir.path().join("unused"))
        .args(["extract", "--explain", "--lang", "en", "-"])
        .write_stdin("El gobierno de Colombia anunció el martes que enviará ayuda.")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("# <stdin> (en,"));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}
