//! Reading every JSON input the same strict way: a leading UTF-8 BOM is skipped, a key given
//! twice in one object is refused with both places, text after the value is refused, and every
//! problem carries its path, line and column.
//!
//! serde_json keeps the last of two equal keys in a map without a word; the scan here finds them
//! first, so that a leaf code given twice in evidence, or a change given twice in an appraisal
//! round, is never resolved silently.
//!
//! The same scan checks the [`Limits`] of the input before serde_json builds anything: size,
//! nesting, each string's length and the counts of the lists a caller names by path (`units`,
//! `units[*].appraisal.bonus`), so a hostile input is refused in memory bounded by the limits.

mod scan;

use std::borrow::Cow;
use std::collections::HashMap;

use serde::de::DeserializeOwned;

use crate::limits::Limits;
use crate::path::{DataPath, Segment};

/// A problem reading JSON: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonFault {
    /// The limit passed, when the fault is one.
    pub(crate) limit: Option<LimitHit>,
    /// The value at fault.
    pub(crate) path: DataPath,
    /// Line, from 1.
    pub(crate) line: usize,
    /// Column, from 1.
    pub(crate) column: usize,
    /// What is wrong, without the position.
    pub(crate) message: String,
}

/// A [`Limits`] field passed by an input: its name, the value found and the limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LimitHit {
    /// The field of [`Limits`], e.g. `max_batch_units`.
    pub(crate) name: &'static str,
    /// The value found (for a count, the first item past the limit).
    pub(crate) value: usize,
    /// The limit.
    pub(crate) max: usize,
}

/// Most items (array) or members (object) at one path: `["units", "[]", "appraisal",
/// "rounds"]` is `units[<any>].appraisal.rounds`.
pub(crate) struct Count {
    /// The path, `"[]"` standing for any index.
    pub(crate) at: &'static [&'static str],
    /// The [`Limits`] field.
    pub(crate) name: &'static str,
    /// The limit.
    pub(crate) max: usize,
}

/// The limits of one JSON input, checked by the scan before anything is built.
pub(crate) struct Bounds<'a> {
    /// Most bytes, and the [`Limits`] field that sets it.
    pub(crate) bytes: (usize, &'static str),
    /// Most objects and arrays open at once.
    pub(crate) nesting: usize,
    /// Longest string or key, in bytes as written.
    pub(crate) string_len: usize,
    /// Counts at given paths.
    pub(crate) counts: &'a [Count],
}

/// The deepest nesting any caller's limits allow: serde_json refuses deeper text anyway, and
/// the scan's memory grows with the square of the depth it keeps open.
pub(crate) const NESTING_CAP: usize = 128;

impl Bounds<'_> {
    /// The bounds of `limits` for a file (`max_file_bytes`), with no counts.
    pub(crate) fn file(limits: &Limits) -> Bounds<'static> {
        Bounds {
            bytes: (limits.max_file_bytes, "max_file_bytes"),
            nesting: limits.max_nesting.min(NESTING_CAP),
            string_len: limits.max_string_len,
            counts: &[],
        }
    }

    /// These bounds with counts.
    pub(crate) fn with_counts<'c>(self, counts: &'c [Count]) -> Bounds<'c> {
        Bounds { counts, ..self }
    }

    fn count_at(&self, path: &DataPath) -> Option<&Count> {
        self.counts.iter().find(|c| matches(path, c.at))
    }
}

/// Whether `path` is `pattern`, `"[]"` matching any index.
fn matches(path: &DataPath, pattern: &[&str]) -> bool {
    let segments = path.segments();
    segments.len() == pattern.len()
        && segments.iter().zip(pattern).all(|(s, p)| match s {
            Segment::Key(k) => k == p,
            Segment::Index(_) => *p == "[]",
        })
}

/// A fault for a limit passed at `path`; line and column of byte `at`.
fn limit_fault(text: &str, path: DataPath, at: usize, hit: LimitHit, what: &str) -> JsonFault {
    let (line, column) = line_column(text, at);
    let message = format!("{what}: more than the limit `{}` of {}", hit.name, hit.max);
    JsonFault {
        limit: Some(hit),
        path,
        line,
        column,
        message,
    }
}

/// The text without a leading UTF-8 byte-order mark (Excel and Notepad write one).
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads `text` as a `T` within `bounds`: BOM skipped, duplicate keys and trailing text
/// refused, and every bound is checked by a scan of the text that builds nothing
/// of its size, before serde_json reads it.
pub(crate) fn read_within<T: DeserializeOwned>(
    text: &str,
    bounds: &Bounds<'_>,
) -> Result<T, JsonFault> {
    let (max, name) = bounds.bytes;
    if text.len() > max {
        let hit = LimitHit {
            name,
            value: text.len(),
            max,
        };
        let what = format!("the text has {} bytes", text.len());
        return Err(limit_fault("", DataPath::root(), 0, hit, &what));
    }
    let text = strip_bom(text);
    if let Some(fault) = scan::Scan::run(text, bounds) {
        return Err(fault);
    }
    // Most inputs are well formed: read them without tracking the path, and read again with
    // the path only to report a problem (the same reading, so the same problem).
    let mut de = serde_json::Deserializer::from_str(text);
    if let Ok(value) = T::deserialize(&mut de)
        && de.end().is_ok()
    {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let value = parsed.map_err(|e| {
        let path = DataPath::from(e.path());
        fault(path, &e.into_inner())
    })?;
    de.end().map_err(|e| JsonFault {
        limit: None,
        message: "trailing text after the JSON value: remove it".to_string(),
        ..fault(DataPath::root(), &e)
    })?;
    Ok(value)
}

fn fault(path: DataPath, e: &serde_json::Error) -> JsonFault {
    JsonFault {
        limit: None,
        path,
        line: e.line(),
        column: e.column(),
        message: clean_serde_message(&e.to_string()),
    }
}

/// One open object or array while finding where values start (a fault's position).
struct Frame {
    path: DataPath,
    object: bool,
    /// The key whose value comes next (objects), or the index of the next item (arrays).
    key: Option<String>,
    index: usize,
    expecting_key: bool,
}

impl Frame {
    fn new(path: DataPath, object: bool) -> Frame {
        Frame {
            path,
            object,
            key: None,
            index: 0,
            expecting_key: object,
        }
    }

    /// The path of the value that starts now inside this frame.
    fn child(&self) -> DataPath {
        match (self.object, &self.key) {
            (true, Some(k)) => self.path.key(k.clone()),
            (true, None) => self.path.clone(),
            (false, _) => self.path.index(self.index),
        }
    }
}

/// Line and column of the value at `path` in `text` (of its key, for an object member), or of
/// its nearest ancestor found; `None` when none is (or the text is not JSON).
pub(crate) fn position_of(text: &str, path: &DataPath) -> Option<(usize, usize)> {
    let text = strip_bom(text);
    let starts = value_starts(text);
    let mut target = Some(path.clone());
    while let Some(p) = target {
        if let Some(&at) = starts.get(&p) {
            return Some(line_column(text, at));
        }
        target = p.parent();
    }
    None
}

/// Where each key and array item of `text` starts, by path (the first of two equal keys).
fn value_starts(text: &str) -> HashMap<DataPath, usize> {
    let bytes = text.as_bytes();
    let mut out = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Whether the next value in the array on top of the stack has yet to start.
    let mut item_pending = false;
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if item_pending && !b.is_ascii_whitespace() && b != b']' {
            item_pending = false;
            if let Some(top) = stack.last().filter(|f| !f.object) {
                out.entry(top.child()).or_insert(at);
            }
        }
        match b {
            b'{' | b'[' => {
                let path = stack.last().map_or_else(DataPath::root, Frame::child);
                stack.push(Frame::new(path, b == b'{'));
                item_pending = b == b'[';
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.index += 1;
                    top.expecting_key = top.object;
                    item_pending = !top.object;
                }
            }
            b'"' => {
                let Some(end) = string_end(text, at) else {
                    break;
                };
                if let Some(top) = stack.last_mut().filter(|f| f.expecting_key) {
                    let key: Option<String> = text
                        .get(at..=end)
                        .and_then(|k| serde_json::from_str(k).ok());
                    if let Some(key) = key {
                        out.entry(top.path.key(key.clone())).or_insert(at);
                        top.key = Some(key);
                    }
                    top.expecting_key = false;
                }
                at = end;
            }
            _ => {}
        }
        at += 1;
    }
    out
}

/// The text of a quoted key: borrowed as written when it has no escape (most keys), else
/// decoded.
fn unquote(quoted: &str) -> Option<Cow<'_, str>> {
    match quoted.get(1..quoted.len().saturating_sub(1)) {
        Some(plain) if !plain.contains('\\') => Some(Cow::Borrowed(plain)),
        _ => serde_json::from_str::<String>(quoted).ok().map(Cow::Owned),
    }
}

/// The byte offset of the closing quote of the string opening at `start`: the first quote
/// after an even number of backslashes (found with `memchr`, so a 50 MB string is crossed
/// in milliseconds).
fn string_end(text: &str, start: usize) -> Option<usize> {
    let mut from = start + 1;
    loop {
        let quote = from + memchr::memchr(b'"', text.as_bytes().get(from..)?)?;
        let before = text.get(start + 1..quote)?.as_bytes();
        let slashes = before.iter().rev().take_while(|&&b| b == b'\\').count();
        if slashes % 2 == 0 {
            return Some(quote);
        }
        from = quote + 1;
    }
}

/// Line and column (both from 1, the column in characters) of byte offset `at`.
pub(crate) fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// Strips serde's trailing " at line N column M" (we report the position ourselves).
pub(crate) fn clean_serde_message(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message).to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_duplicate(text: &str) -> Option<JsonFault> {
        scan::Scan::run(text, &Bounds::file(&Limits::default()))
    }

    #[test]
    fn keys_in_different_objects_are_not_duplicates() {
        let text = r#"{"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}],"s":"{\"x\":1,\"x\":2}"}"#;
        assert_eq!(find_duplicate(text), None);
    }

    #[test]
    fn a_duplicate_inside_an_array_item_has_the_item_path() {
        let fault = find_duplicate(r#"{"c":[{"x":1},{"x":2,"x":3}]}"#);
        assert_eq!(
            fault.map(|f| f.path.to_string()),
            Some("c[1].x".to_string())
        );
    }

    #[test]
    fn positions_of_keys_items_and_their_nearest_ancestor() {
        let text = "{\"a\": [1, {\"b\": 2}],\n \"c\": {\"d\": 3}}";
        let root = DataPath::root();
        assert_eq!(position_of(text, &root.key("a")), Some((1, 2)));
        // The first item starts right after `[` (column 8), the second after `, ` (column 11).
        assert_eq!(position_of(text, &root.key("a").index(0)), Some((1, 8)));
        assert_eq!(position_of(text, &root.key("a").index(1)), Some((1, 11)));
        assert_eq!(
            position_of(text, &root.key("a").index(1).key("b")),
            Some((1, 12))
        );
        assert_eq!(position_of(text, &root.key("c").key("d")), Some((2, 8)));
        // `c.e` is not there: its parent `c` is.
        assert_eq!(position_of(text, &root.key("c").key("e")), Some((2, 2)));
    }

    #[test]
    fn keys_with_escaped_quotes_and_backslashes_end_where_json_says() {
        // `a\"b` holds an escaped quote (one backslash: not the end); `c\\` ends with an
        // escaped backslash (two: the quote after them is the end). Columns 2, 13 and 23.
        let text = r#"{"a\"b": 1, "c\\": 2, "d": 3}"#;
        let root = DataPath::root();
        assert_eq!(position_of(text, &root.key("a\"b")), Some((1, 2)));
        assert_eq!(position_of(text, &root.key("c\\")), Some((1, 13)));
        assert_eq!(position_of(text, &root.key("d")), Some((1, 23)));
        // A text that is one string, starting at byte 0, has no keys.
        assert_eq!(position_of(r#""x""#, &root.key("x")), None);
    }

    #[test]
    fn malformed_text_is_left_to_serde_json() {
        assert_eq!(find_duplicate(r#"{"a": "unterminated"#), None);
        assert_eq!(find_duplicate("]]}}"), None);
    }
}
