//! Reading every JSON input the same strict way: a leading UTF-8 BOM is skipped, a key given
//! twice in one object is refused with both places, text after the value is refused, and every
//! problem carries its path, line and column.
//!
//! serde_json keeps the last of two equal keys in a map without a word; the scan here finds them
//! first, so that a leaf code given twice in evidence, or a change given twice in an appraisal
//! round, is never resolved silently.

use std::collections::HashMap;

use serde::de::DeserializeOwned;

use crate::path::DataPath;

/// A problem reading JSON: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonFault {
    /// The value at fault.
    pub(crate) path: DataPath,
    /// Line, from 1.
    pub(crate) line: usize,
    /// Column, from 1.
    pub(crate) column: usize,
    /// What is wrong, without the position.
    pub(crate) message: String,
}

/// The text without a leading UTF-8 byte-order mark (Excel and Notepad write one).
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads `text` as a `T`: BOM skipped, duplicate keys and trailing text refused.
pub(crate) fn read<T: DeserializeOwned>(text: &str) -> Result<T, JsonFault> {
    let text = strip_bom(text);
    if let Some(fault) = find_duplicate(text) {
        return Err(fault);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    let value = parsed.map_err(|e| {
        let path = DataPath::from(e.path());
        fault(path, &e.into_inner())
    })?;
    de.end().map_err(|e| JsonFault {
        message: "trailing text after the JSON value: remove it".to_string(),
        ..fault(DataPath::root(), &e)
    })?;
    Ok(value)
}

fn fault(path: DataPath, e: &serde_json::Error) -> JsonFault {
    JsonFault {
        path,
        line: e.line(),
        column: e.column(),
        message: crate::error::clean_serde_message(&e.to_string()),
    }
}

/// One open object or array while scanning.
struct Frame {
    path: DataPath,
    /// Keys seen so far, with the byte offset of each; `None` for an array.
    keys: Option<HashMap<String, usize>>,
    /// The key whose value comes next (objects), or the index of the next item (arrays).
    key: Option<String>,
    index: usize,
    expecting_key: bool,
}

impl Frame {
    fn new(path: DataPath, object: bool) -> Frame {
        Frame {
            path,
            keys: object.then(HashMap::new),
            key: None,
            index: 0,
            expecting_key: object,
        }
    }

    /// The path of the value that starts now inside this frame.
    fn child(&self) -> DataPath {
        match (&self.keys, &self.key) {
            (Some(_), Some(k)) => self.path.key(k.clone()),
            (Some(_), None) => self.path.clone(),
            (None, _) => self.path.index(self.index),
        }
    }
}

/// The first key given twice in one object, as a fault naming both places; `None` when there
/// is none (or the text is not JSON: serde_json then says where).
fn find_duplicate(text: &str) -> Option<JsonFault> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        match b {
            b'{' | b'[' => {
                let path = stack.last().map_or_else(DataPath::root, Frame::child);
                stack.push(Frame::new(path, b == b'{'));
            }
            b'}' | b']' => {
                stack.pop();
            }
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.index += 1;
                    top.expecting_key = top.keys.is_some();
                }
            }
            b'"' => {
                let end = string_end(bytes, at)?;
                if let Some(top) = stack.last_mut().filter(|f| f.expecting_key) {
                    let key: String = serde_json::from_str(text.get(at..=end)?).ok()?;
                    if let Some(fault) = record_key(text, top, key, at) {
                        return Some(fault);
                    }
                }
                at = end;
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// Records `key` at byte `at` in the object `top`; a fault when it was there already.
fn record_key(text: &str, top: &mut Frame, key: String, at: usize) -> Option<JsonFault> {
    top.expecting_key = false;
    let keys = top.keys.as_mut()?;
    if let Some(&first) = keys.get(&key) {
        let (l1, c1) = line_column(text, first);
        let (l2, c2) = line_column(text, at);
        return Some(JsonFault {
            path: top.path.key(key.clone()),
            line: l2,
            column: c2,
            message: format!(
                "`{key}` is given twice in one object, at line {l1}, column {c1} and at line \
                 {l2}, column {c2}: keep one"
            ),
        });
    }
    keys.insert(key.clone(), at);
    top.key = Some(key);
    None
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
            if let Some(top) = stack.last().filter(|f| f.keys.is_none()) {
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
                    top.expecting_key = top.keys.is_some();
                    item_pending = top.keys.is_none();
                }
            }
            b'"' => {
                let Some(end) = string_end(bytes, at) else {
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

/// The byte offset of the closing quote of the string opening at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn malformed_text_is_left_to_serde_json() {
        assert_eq!(find_duplicate(r#"{"a": "unterminated"#), None);
        assert_eq!(find_duplicate("]]}}"), None);
    }
}
