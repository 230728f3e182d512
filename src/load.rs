//! Reading rule sets from TOML: parse, keep the line of every value, refuse floats, collect
//! unknown fields, then hand the model to [`validate`](crate::criteria::validate).

use std::borrow::Cow;
use std::collections::HashMap;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{IssueCode, LoadError, ValidationIssue};
use crate::limits::Limits;
use crate::model::RuleSetDef;
use crate::path::{DataPath, Segment};

/// Where each value of a file is: its line, from 1, by path.
///
/// Lines are wanted only for issues, so the map is built on the first question, by parsing the
/// text once more; a file that loads clean never pays for it.
#[derive(Debug)]
pub(crate) struct LineMap<'t> {
    text: &'t str,
    lines: std::cell::OnceCell<HashMap<DataPath, usize>>,
}

impl<'t> LineMap<'t> {
    fn new(text: &'t str) -> Self {
        LineMap {
            text,
            lines: std::cell::OnceCell::new(),
        }
    }

    /// The line of `path`, or of its nearest ancestor that has one.
    pub(crate) fn line_of(&self, path: &DataPath) -> Option<usize> {
        let lines = self.lines.get_or_init(|| all_lines(self.text));
        let mut p = Some(path.clone());
        while let Some(cur) = p {
            if let Some(line) = lines.get(&cur) {
                return Some(*line);
            }
            p = cur.parent();
        }
        None
    }
}

/// The line of every key and array item of `text`, by path.
fn all_lines(text: &str) -> HashMap<DataPath, usize> {
    let index = LineIndex::new(text);
    let mut lines = HashMap::new();
    if let Ok(root) = DeTable::parse(text) {
        lines_of_table(root.get_ref(), &DataPath::root(), &index, &mut lines);
    }
    lines
}

fn lines_of_table(
    table: &DeTable<'_>,
    path: &DataPath,
    index: &LineIndex,
    lines: &mut HashMap<DataPath, usize>,
) {
    for (key, value) in table {
        let p = path.key(key.get_ref().as_ref());
        lines.insert(p.clone(), index.line(key.span().start));
        lines_of_value(value, &p, index, lines);
    }
}

fn lines_of_value(
    value: &Spanned<DeValue<'_>>,
    path: &DataPath,
    index: &LineIndex,
    lines: &mut HashMap<DataPath, usize>,
) {
    match value.get_ref() {
        DeValue::Table(t) => lines_of_table(t, path, index, lines),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let p = path.index(i);
                lines.insert(p.clone(), index.line(item.span().start));
                lines_of_value(item, &p, index, lines);
            }
        }
        _ => {}
    }
}

/// A path during the walk, linked to its parent on the stack: a [`DataPath`] is built only
/// when an issue needs one.
#[derive(Debug, Clone, Copy)]
struct Here<'p> {
    parent: Option<&'p Here<'p>>,
    step: Step<'p>,
}

#[derive(Debug, Clone, Copy)]
enum Step<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl Here<'_> {
    fn to_path(self) -> DataPath {
        let base = self.parent.map_or_else(DataPath::root, |p| p.to_path());
        match self.step {
            Step::Root => base,
            Step::Key(k) => base.key(k),
            Step::Index(i) => base.index(i),
        }
    }
}

/// Byte offset → line and column, from 1.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The line of a byte offset, from 1.
    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = text
            .get(start..offset.min(text.len()))
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// Whether the text is a set that extends another: a top-level `extends` key.
pub(crate) fn extends_another(text: &str, limits: &Limits) -> bool {
    text.len() <= limits.max_file_bytes
        && text.contains("extends")
        && DeTable::parse(text)
            .is_ok_and(|t| t.get_ref().iter().any(|(k, _)| k.get_ref() == "extends"))
}

/// Parses TOML text into the model, with the line of every value and every issue that can be
/// found before semantic validation (floats, unknown fields, one wrong type).
pub(crate) fn parse_toml<'t, T: serde::de::DeserializeOwned>(
    text: &'t str,
    limits: &Limits,
) -> Result<(T, LineMap<'t>, Vec<ValidationIssue>), LoadError> {
    if text.len() > limits.max_file_bytes {
        return Err(too_large(&text.len().to_string(), limits));
    }
    let index = LineIndex::new(text);
    let mut root = DeTable::parse(text).map_err(|e| syntax(text, &index, &e))?;
    let lines = LineMap::new(text);
    let mut issues = Vec::new();
    walk(&mut root, &index, &mut issues, limits);
    if issues.iter().any(|i| i.code == IssueCode::Limit) {
        return Err(LoadError::Invalid { file: None, issues });
    }
    let mut ignored = Vec::new();
    // Most files are well formed: read them without tracking the path, and read again with
    // the path only to report a problem (the same reading, so the same problem).
    let result = match deserialize::<T>(root, &mut ignored, false) {
        Ok(def) => Ok(def),
        Err(_) => {
            ignored.clear();
            let mut again = DeTable::parse(text).map_err(|e| syntax(text, &index, &e))?;
            walk(&mut again, &index, &mut Vec::new(), limits);
            deserialize::<T>(again, &mut ignored, true)
        }
    };
    for path in ignored {
        let field = match path.segments().last() {
            Some(Segment::Key(k)) => k.clone(),
            _ => String::new(),
        };
        let mut issue = ValidationIssue::new(
            path,
            IssueCode::UnknownField,
            format!("unknown field `{field}`"),
        );
        issue.line = lines.line_of(&issue.path);
        issues.push(issue);
    }
    match result {
        Ok(def) => Ok((def, lines, issues)),
        Err((path, inner)) => {
            let line = lines
                .line_of(&path)
                .or_else(|| inner.span().map(|s| index.line_col(text, s.start).0));
            let mut issue =
                ValidationIssue::new(path, IssueCode::WrongType, first_line(inner.message()));
            issue.line = line;
            issues.push(issue);
            sort_issues(&mut issues);
            Err(LoadError::Invalid { file: None, issues })
        }
    }
}

/// The syntax error `e` of `text`, at its line and column.
fn syntax(text: &str, index: &LineIndex, e: &toml::de::Error) -> LoadError {
    let (line, column) = e.span().map_or((1, 1), |s| index.line_col(text, s.start));
    LoadError::Syntax {
        file: None,
        line,
        column,
        message: first_line(e.message()),
    }
}

/// Checks the limits of the parsed file and turns its floats into their text, each with an
/// issue.
fn walk(
    root: &mut Spanned<DeTable<'_>>,
    index: &LineIndex,
    issues: &mut Vec<ValidationIssue>,
    limits: &Limits,
) {
    let mut walker = Walker {
        index,
        issues,
        limits,
    };
    let here = Here {
        parent: None,
        step: Step::Root,
    };
    walker.table(root.get_mut(), here, 0);
}

/// Reads the parsed file as a `T`, recording the fields nothing reads in `ignored`; with the
/// path of the first problem when `track`, which costs a string per key read.
fn deserialize<T: serde::de::DeserializeOwned>(
    root: Spanned<DeTable<'_>>,
    ignored: &mut Vec<DataPath>,
    track: bool,
) -> Result<T, (DataPath, toml::de::Error)> {
    let span = root.span();
    let value = Spanned::new(span, DeValue::Table(root.into_inner()));
    let de = toml::de::ValueDeserializer::from(value);
    let mut on_ignored = |p: serde_ignored::Path<'_>| ignored.push(ignored_path(&p));
    let de = serde_ignored::Deserializer::new(de, &mut on_ignored);
    if track {
        serde_path_to_error::deserialize(de).map_err(|e| (DataPath::from(e.path()), e.into_inner()))
    } else {
        T::deserialize(de).map_err(|e| (DataPath::root(), e))
    }
}

/// The error for a file of `bytes` bytes, past `max_file_bytes`.
pub(crate) fn too_large(bytes: &str, limits: &Limits) -> LoadError {
    LoadError::Invalid {
        file: None,
        issues: vec![ValidationIssue::new(
            DataPath::root(),
            IssueCode::Limit,
            format!(
                "the file has {bytes} bytes, more than the limit `max_file_bytes` of {}",
                limits.max_file_bytes
            ),
        )],
    }
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

pub(crate) fn sort_issues(issues: &mut [ValidationIssue]) {
    issues.sort_by(|a, b| {
        a.line
            .unwrap_or(usize::MAX)
            .cmp(&b.line.unwrap_or(usize::MAX))
            .then_with(|| a.path.cmp(&b.path))
    });
}

fn ignored_path(p: &serde_ignored::Path<'_>) -> DataPath {
    match p {
        serde_ignored::Path::Root => DataPath::root(),
        serde_ignored::Path::Seq { parent, index } => ignored_path(parent).index(*index),
        serde_ignored::Path::Map { parent, key } => ignored_path(parent).key(key.clone()),
        serde_ignored::Path::Some { parent }
        | serde_ignored::Path::NewtypeStruct { parent }
        | serde_ignored::Path::NewtypeVariant { parent } => ignored_path(parent),
    }
}

struct Walker<'a> {
    index: &'a LineIndex,
    issues: &'a mut Vec<ValidationIssue>,
    limits: &'a Limits,
}

impl Walker<'_> {
    fn line(&self, span: &std::ops::Range<usize>) -> usize {
        self.index.line(span.start)
    }

    fn table(&mut self, table: &mut DeTable<'_>, path: Here<'_>, depth: usize) {
        for (key, value) in table.iter_mut() {
            let here = Here {
                parent: Some(&path),
                step: Step::Key(key.get_ref().as_ref()),
            };
            self.value(value, here, depth + 1);
        }
    }

    fn value(&mut self, value: &mut Spanned<DeValue<'_>>, path: Here<'_>, depth: usize) {
        if depth > self.limits.toml_nesting() {
            if !self.issues.iter().any(|i| i.code == IssueCode::Limit) {
                let mut issue = ValidationIssue::new(
                    path.to_path(),
                    IssueCode::Limit,
                    format!(
                        "nesting deeper than the limit of {} levels of criteria",
                        self.limits.max_depth
                    ),
                );
                issue.line = Some(self.line(&value.span()));
                self.issues.push(issue);
            }
            return;
        }
        let line = self.line(&value.span());
        match value.get_mut() {
            DeValue::Table(t) => self.table(t, path, depth),
            DeValue::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    let here = Here {
                        parent: Some(&path),
                        step: Step::Index(i),
                    };
                    self.value(item, here, depth + 1);
                }
            }
            DeValue::Float(f) => {
                let text = f.as_str().to_string();
                let mut issue = ValidationIssue::new(
                    path.to_path(),
                    IssueCode::FloatDecimal,
                    format!(
                        "`{text}` is written as a float: write decimals as strings, e.g. \"{text}\""
                    ),
                );
                issue.line = Some(line);
                self.issues.push(issue);
                // Go on with the text as written so that every other problem is found too;
                // the load fails on the issue above whatever else happens.
                *value.get_mut() = DeValue::String(Cow::Owned(text));
            }
            DeValue::String(s) if s.len() > self.limits.max_string_len => {
                let mut issue = ValidationIssue::new(
                    path.to_path(),
                    IssueCode::Limit,
                    format!(
                        "a text of {} bytes, more than the limit of {}",
                        s.len(),
                        self.limits.max_string_len
                    ),
                );
                issue.line = Some(line);
                self.issues.push(issue);
            }
            DeValue::String(_)
            | DeValue::Integer(_)
            | DeValue::Boolean(_)
            | DeValue::Datetime(_) => {}
        }
    }
}

/// The file's text; a [`LoadError::Syntax`] at the first byte that is not UTF-8.
pub(crate) fn utf8(bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = e.as_bytes().get(..at).unwrap_or_default();
        let before = String::from_utf8_lossy(valid);
        let (line, column) = crate::json::line_column(&before, before.len());
        LoadError::Syntax {
            file: None,
            line,
            column,
            message: format!(
                "byte {at} is not UTF-8: save the file as UTF-8 (Vietnamese text in another \
                 encoding, such as Windows-1258 or TCVN3, is not read)"
            ),
        }
    })
}

/// Parses TOML text into the model without semantic validation, for tools that edit rule sets.
///
/// # Errors
/// [`LoadError::Syntax`] for malformed TOML; [`LoadError::Invalid`] for floats, unknown
/// fields and values of the wrong type.
///
/// # Example
/// ```
/// let def = par_index::criteria::load_str(r#"
/// id = "x"
/// title = "x"
/// level = "commune"
/// years = { from = 2024 }
/// scale = 100
/// document = { number = "1/QĐ" }
/// areas = []
/// "#)?;
/// assert_eq!(def.id, "x");
/// # Ok::<(), par_index::criteria::LoadError>(())
/// ```
pub fn load_str(text: &str) -> Result<RuleSetDef, LoadError> {
    let (def, _, mut issues) = parse_toml::<RuleSetDef>(text, &Limits::default())?;
    if issues.is_empty() {
        Ok(def)
    } else {
        sort_issues(&mut issues);
        Err(LoadError::Invalid { file: None, issues })
    }
}
