//! Messages about numbers and files say what is wrong: a limit and that it was exceeded, a
//! suggestion that itself reads, the figures at fault, the byte of bad UTF-8.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a failed unwrap is a failed test"
)]

use par_index::{Decimal, Evidence, RuleSet, evaluate};

/// Evidence whose leaf `1` has `numerator` written as `raw` (JSON text).
fn numerator(raw: &str) -> Result<Evidence, String> {
    let text = format!(
        r#"{{"unit":{{"name":"A","level":"commune"}},"period":{{"year":2024}},
"evidence":{{"1":{{"numerator":{raw},"denominator":5}}}}}}"#
    );
    Evidence::from_json_str(&text).map_err(|e| e.to_string())
}

#[test]
fn an_integer_past_the_limit_says_the_limit_and_that_it_is_exceeded() {
    // 35 digits: past 79228162514264337593543950335, the largest decimal (29 digits).
    let err = numerator("12345678901234567890123456789012345").unwrap_err();
    assert!(!err.contains("float"), "{err}");
    assert!(err.contains("79228162514264337593543950335"), "{err}");
    assert!(err.contains("exceeds"), "{err}");
}

#[test]
fn the_integer_minus_zero_is_zero() {
    let ev = numerator("-0").unwrap();
    assert_eq!(ev.evidence["1"].numerator, Some(Decimal::ZERO));
}

#[test]
fn a_float_too_small_for_a_decimal_suggests_nothing_unreadable() {
    // 1e-30 has 30 decimal places; a decimal holds 28, so "0.000…001" would not read either.
    let err = numerator("1e-30").unwrap_err();
    assert!(err.contains("28 decimal places"), "{err}");
    let suggested = err.split('"').nth(1);
    if let Some(s) = suggested {
        assert!(par_index::scoring::parse_decimal(s).is_ok(), "{err}");
    }
}

#[test]
fn the_decimal_maximum_as_an_integer_is_not_misquoted() {
    // 79228162514264337593543950335 is past u64: JSON hands it over as a float, whose digits
    // (79228162514264340000000000000) are not those written. The message must not suggest them.
    let err = numerator("79228162514264337593543950335").unwrap_err();
    assert!(!err.contains("79228162514264340000000000000"), "{err}");
    assert!(err.contains("as a string"), "{err}");
    // Written as a string, it reads exactly.
    let ev = numerator(r#""79228162514264337593543950335""#).unwrap();
    assert_eq!(ev.evidence["1"].numerator, Some(Decimal::MAX));
}

#[test]
fn a_string_with_too_many_digits_says_what_a_decimal_holds() {
    let err = numerator(r#""12345678901234567890123456789012345""#).unwrap_err();
    assert!(err.contains("79228162514264337593543950335"), "{err}");
    assert!(err.contains("exceeds"), "{err}");
    let err = numerator(r#""0.000000000000000000000000000001""#).unwrap_err();
    assert!(err.contains("28 decimal places"), "{err}");
}

#[test]
fn a_ratio_of_three_over_zero_says_what_is_wrong_with_the_figures() {
    let rs = RuleSet::from_toml_str(include_str!("fixtures/cycle.toml")).unwrap();
    let text = include_str!("fixtures/cycle.evidence.json").replace(
        r#""1.2": { "numerator": 34, "denominator": 36 }"#,
        r#""1.2": { "numerator": 3, "denominator": 0 }"#,
    );
    let err = evaluate(&rs, &Evidence::from_json_str(&text).unwrap())
        .unwrap_err()
        .to_string();
    assert!(err.contains(r#"evidence["1.2"]"#), "{err}");
    assert!(err.contains("denominator `0`"), "{err}");
    assert!(err.contains("numerator `3`"), "{err}");
    assert!(err.contains("nothing"), "{err}");
    assert!(!err.contains("is above the denominator"), "{err}");
}

#[test]
fn invalid_utf8_in_a_rule_set_file_gives_its_byte_and_line() {
    let dir = std::env::temp_dir().join(format!("par-index-messages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ruleset.toml");
    // Line 2, after `title = "` (9 bytes): the bad byte is at offset 9 + 9 = 18.
    std::fs::write(&file, b"id = \"x\"\ntitle = \"\xff\"\n").unwrap();
    let err = RuleSet::from_path(&file).unwrap_err().to_string();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(err.contains("ruleset.toml"), "{err}");
    assert!(err.contains("byte 18"), "{err}");
    assert!(err.contains("line 2"), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
}

#[test]
fn an_error_in_a_dotted_key_points_at_the_key_line() {
    let base =
        "id = \"x\"\ntitle = \"x\"\nlevel = \"commune\"\nyears = { from = 2024 }\nscale = 100\n";
    // Line 6: `document.number` is an integer where a string belongs.
    let err = RuleSet::from_toml_str(&format!("{base}document.number = 5\nareas = []\n"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("document.number (line 6)"), "{err}");
    // Line 7: the dotted key `a.b` extends the integer `a`: a syntax error at the key, column 1.
    let err = RuleSet::from_toml_str(&format!("{base}a = 1\na.b = 2\n"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 7, column 1"), "{err}");
}
