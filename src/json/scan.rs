//! The scan of a JSON text that finds a key given twice in one object and the first bound
//! passed, before serde_json reads the text.
//!
//! The scan builds nothing of the input's size and, on a clean input, allocates almost
//! nothing: an open object or array is a few counters, its keys are slices of the text (decoded
//! only when they hold an escape), and a path is built only for a fault. A key that comes after
//! the one before it, while all have, needs no search (JSON written from a sorted map, as an
//! evidence map of hundreds of leaf codes usually is); otherwise an object's keys are compared
//! one by one while it has few of them, and hashed past [`LINEAR_KEYS`].

use std::borrow::Cow;
use std::collections::HashMap;

use super::{Bounds, JsonFault, LimitHit, limit_fault, line_column, string_end, unquote};
use crate::path::DataPath;

/// The most keys of one object compared one by one; past it they are also hashed.
const LINEAR_KEYS: usize = 12;

/// How a value is reached from the object or array that holds it.
#[derive(Debug, Clone)]
enum Step<'t> {
    Key(Cow<'t, str>),
    Index(usize),
}

/// One open object or array.
#[derive(Debug)]
struct Open<'t> {
    /// How its parent reaches it; `None` for the outermost value.
    step: Option<Step<'t>>,
    object: bool,
    /// The key whose value comes next (objects).
    key: Option<Cow<'t, str>>,
    /// The index of the next item (arrays), or the members so far minus one (objects).
    index: usize,
    expecting_key: bool,
    /// The most items or members allowed, with the [`Limits`](crate::criteria::Limits) field that says so.
    max: Option<(usize, &'static str)>,
    /// Where this object's keys start in [`Scan::keys`].
    keys_from: usize,
    /// This object's keys by name, once it has more than [`LINEAR_KEYS`] and they are not all
    /// in ascending order.
    hashed: Option<HashMap<Cow<'t, str>, usize>>,
    /// True while every key so far came after the one before (in byte order), as in JSON
    /// written from a sorted map: a key after the last one cannot repeat an earlier one, so it
    /// is neither looked up nor hashed.
    ascending: bool,
}

impl<'t> Open<'t> {
    /// How the value that starts now inside this object or array is reached.
    fn child_step(&self) -> Option<Step<'t>> {
        if self.object {
            self.key.clone().map(Step::Key)
        } else {
            Some(Step::Index(self.index))
        }
    }
}

/// What one step of the scan gives: the offset it reached, or a fault (`None` when the text
/// is not JSON: serde_json then says where).
type Scanned = Result<usize, Option<JsonFault>>;

/// The state of a scan: the open objects and arrays (at most `bounds.nesting`) and the keys
/// of the open objects, innermost last.
pub(super) struct Scan<'t, 'b> {
    text: &'t str,
    bounds: &'b Bounds<'b>,
    stack: Vec<Open<'t>>,
    keys: Vec<(Cow<'t, str>, usize)>,
}

impl<'t, 'b> Scan<'t, 'b> {
    /// The first key given twice in one object, or the first bound passed, as a fault; `None`
    /// when there is none (or the text is not JSON: serde_json then says where).
    pub(super) fn run(text: &'t str, bounds: &'b Bounds<'b>) -> Option<JsonFault> {
        let mut scan = Scan {
            text,
            bounds,
            stack: Vec::new(),
            keys: Vec::new(),
        };
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&b) = bytes.get(at) {
            let step = match b {
                b'{' | b'[' => scan.open(at, b == b'{'),
                b'}' | b']' => scan.close(at),
                b',' => scan.next_item(at),
                b'"' => scan.string(at),
                _ => Ok(at),
            };
            match step {
                Ok(reached) => at = reached + 1,
                Err(fault) => return fault,
            }
        }
        None
    }

    /// The path of the innermost open object or array (the root when none is open).
    fn path(&self) -> DataPath {
        let mut path = DataPath::root();
        for open in &self.stack {
            path = match &open.step {
                Some(Step::Key(k)) => path.key(k.as_ref()),
                Some(Step::Index(i)) => path.index(*i),
                None => path,
            };
        }
        path
    }

    /// The path of the value that starts now inside the innermost object or array.
    fn child_path(&self) -> DataPath {
        let path = self.path();
        match self.stack.last().and_then(Open::child_step) {
            Some(Step::Key(k)) => path.key(k.as_ref()),
            Some(Step::Index(i)) => path.index(i),
            None => path,
        }
    }

    /// Opens the object or array at byte `at`, unless it is nested too deep.
    fn open(&mut self, at: usize, object: bool) -> Scanned {
        let depth = self.stack.len() + 1;
        if depth > self.bounds.nesting {
            let hit = LimitHit {
                name: "max_nesting",
                value: depth,
                max: self.bounds.nesting,
            };
            let what = format!("objects and arrays nested {depth} deep");
            let path = self.child_path();
            return Err(Some(limit_fault(self.text, path, at, hit, &what)));
        }
        let max = if self.bounds.counts.is_empty() {
            None
        } else {
            let count = self.bounds.count_at(&self.child_path());
            count.map(|c| (c.max, c.name))
        };
        self.stack.push(Open {
            step: self.stack.last().and_then(Open::child_step),
            object,
            key: None,
            index: 0,
            expecting_key: object,
            max,
            keys_from: self.keys.len(),
            hashed: None,
            ascending: true,
        });
        Ok(at)
    }

    /// Closes the innermost object or array, forgetting its keys.
    fn close(&mut self, at: usize) -> Scanned {
        if let Some(open) = self.stack.pop() {
            self.keys.truncate(open.keys_from);
        }
        Ok(at)
    }

    /// A comma: the next member or item of the innermost object or array, counted.
    fn next_item(&mut self, at: usize) -> Scanned {
        let Some(top) = self.stack.last_mut() else {
            return Ok(at);
        };
        top.index += 1;
        top.expecting_key = top.object;
        let index = top.index;
        match top.max {
            Some((max, name)) if !top.object && index >= max => {
                let hit = LimitHit {
                    name,
                    value: index + 1,
                    max,
                };
                let what = format!("{} items or more", index + 1);
                Err(Some(limit_fault(self.text, self.path(), at, hit, &what)))
            }
            _ => Ok(at),
        }
    }

    /// A string opening at byte `at`: refused past the length limit, recorded when it is a
    /// key.
    fn string(&mut self, at: usize) -> Scanned {
        let end = string_end(self.text, at).ok_or(None)?;
        let len = end - at - 1;
        let expecting_key = self.stack.last().is_some_and(|f| f.expecting_key);
        if len > self.bounds.string_len {
            let path = if expecting_key {
                self.path()
            } else {
                self.child_path()
            };
            let hit = LimitHit {
                name: "max_string_len",
                value: len,
                max: self.bounds.string_len,
            };
            let what = format!("a string of {len} bytes");
            return Err(Some(limit_fault(self.text, path, at, hit, &what)));
        }
        if expecting_key {
            let key = unquote(self.text.get(at..=end).ok_or(None)?).ok_or(None)?;
            if let Some(fault) = self.record_key(key, at) {
                return Err(Some(fault));
            }
        }
        Ok(end)
    }

    /// Records `key` at byte `at` in the innermost object; a fault when it was there already
    /// or the object has more members than allowed.
    fn record_key(&mut self, key: Cow<'t, str>, at: usize) -> Option<JsonFault> {
        let Scan { stack, keys, .. } = self;
        let top = stack.last_mut()?;
        top.expecting_key = false;
        let own = keys.get(top.keys_from..).unwrap_or_default();
        if !(top.ascending && own.last().is_none_or(|(last, _)| *last < key)) {
            top.ascending = false;
            if top.hashed.is_none() && own.len() > LINEAR_KEYS {
                top.hashed = Some(own.iter().cloned().collect());
            }
            let first = match &top.hashed {
                Some(hashed) => hashed.get(&key).copied(),
                None => own.iter().find(|(k, _)| *k == key).map(|&(_, at)| at),
            };
            if let Some(first) = first {
                return Some(self.duplicate(key, first, at));
            }
        }
        keys.push((key.clone(), at));
        let own = keys.get(top.keys_from..).unwrap_or_default();
        let members = own.len();
        if !top.ascending {
            match &mut top.hashed {
                Some(hashed) => {
                    hashed.insert(key.clone(), at);
                }
                None if members > LINEAR_KEYS => top.hashed = Some(own.iter().cloned().collect()),
                None => {}
            }
        }
        top.key = Some(key);
        match top.max {
            Some((max, name)) if members > max => {
                let hit = LimitHit {
                    name,
                    value: members,
                    max,
                };
                let what = format!("{members} members or more");
                Some(limit_fault(self.text, self.path(), at, hit, &what))
            }
            _ => None,
        }
    }

    /// The fault for `key` given at byte `at` in the innermost object, first given at byte
    /// `first`.
    fn duplicate(&self, key: Cow<'t, str>, first: usize, at: usize) -> JsonFault {
        let (l1, c1) = line_column(self.text, first);
        let (l2, c2) = line_column(self.text, at);
        JsonFault {
            limit: None,
            path: self.path().key(key.as_ref()),
            line: l2,
            column: c2,
            message: format!(
                "`{key}` is given twice in one object, at line {l1}, column {c1} and at line \
                 {l2}, column {c2}: keep one"
            ),
        }
    }
}
