//! Reading rule sets from TOML: parse, keep the line of every value, refuse floats, collect
//! unknown fields, then hand the model to [`validate`](crate::validate).

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{IssueCode, LoadError, ValidationIssue};
use crate::model::RuleSetDef;
use crate::path::{DataPath, Segment};
use crate::validate::validate_with_lines;
use crate::{Limits, RuleSet};

/// Where each value of a file is: its line, from 1, by path.
#[derive(Debug, Default)]
pub(crate) struct LineMap {
    lines: HashMap<DataPath, usize>,
}

impl LineMap {
    /// The line of `path`, or of its nearest ancestor that has one.
    pub(crate) fn line_of(&self, path: &DataPath) -> Option<usize> {
        let mut p = Some(path.clone());
        while let Some(cur) = p {
            if let Some(line) = self.lines.get(&cur) {
                return Some(*line);
            }
            p = cur.parent();
        }
        None
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

    fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = text
            .get(start..offset.min(text.len()))
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

/// Parses TOML text into the model, with the line of every value and every issue that can be
/// found before semantic validation (floats, unknown fields, one wrong type).
pub(crate) fn parse_toml(
    text: &str,
    limits: &Limits,
) -> Result<(RuleSetDef, LineMap, Vec<ValidationIssue>), LoadError> {
    if text.len() > limits.max_file_bytes {
        return Err(LoadError::Invalid {
            file: None,
            issues: vec![ValidationIssue::new(
                DataPath::root(),
                IssueCode::Limit,
                format!(
                    "the file has {} bytes, more than the limit of {}",
                    text.len(),
                    limits.max_file_bytes
                ),
            )],
        });
    }
    let index = LineIndex::new(text);
    let mut root = DeTable::parse(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| index.line_col(text, s.start));
        LoadError::Syntax {
            file: None,
            line,
            column,
            message: first_line(e.message()),
        }
    })?;
    let mut lines = LineMap::default();
    let mut issues = Vec::new();
    let mut walker = Walker {
        text,
        index: &index,
        lines: &mut lines,
        issues: &mut issues,
        limits,
    };
    walker.table(root.get_mut(), &DataPath::root(), 0);
    if issues.iter().any(|i| i.code == IssueCode::Limit) {
        return Err(LoadError::Invalid { file: None, issues });
    }
    let span = root.span();
    let value = Spanned::new(span, DeValue::Table(root.into_inner()));
    let de = toml::de::ValueDeserializer::from(value);
    let mut ignored = Vec::new();
    let mut on_ignored = |p: serde_ignored::Path<'_>| ignored.push(ignored_path(&p));
    let result: Result<RuleSetDef, _> =
        serde_path_to_error::deserialize(serde_ignored::Deserializer::new(de, &mut on_ignored));
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
        Err(e) => {
            let path = DataPath::from(e.path());
            let inner = e.into_inner();
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

struct Walker<'a, 'i> {
    text: &'i str,
    index: &'a LineIndex,
    lines: &'a mut LineMap,
    issues: &'a mut Vec<ValidationIssue>,
    limits: &'a Limits,
}

impl Walker<'_, '_> {
    fn line(&self, span: &std::ops::Range<usize>) -> usize {
        self.index.line_col(self.text, span.start).0
    }

    fn table(&mut self, table: &mut DeTable<'_>, path: &DataPath, depth: usize) {
        for (key, value) in table.iter_mut() {
            let p = path.key(key.get_ref().as_ref());
            let line = self.line(&key.span());
            self.lines.lines.insert(p.clone(), line);
            self.value(value, &p, depth + 1);
        }
    }

    fn value(&mut self, value: &mut Spanned<DeValue<'_>>, path: &DataPath, depth: usize) {
        if depth > self.limits.max_depth * 2 + 8 {
            if !self.issues.iter().any(|i| i.code == IssueCode::Limit) {
                let mut issue = ValidationIssue::new(
                    path.clone(),
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
                    let p = path.index(i);
                    let item_line = self.line(&item.span());
                    self.lines.lines.insert(p.clone(), item_line);
                    self.value(item, &p, depth + 1);
                }
            }
            DeValue::Float(f) => {
                let text = f.as_str().to_string();
                let mut issue = ValidationIssue::new(
                    path.clone(),
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
                    path.clone(),
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

/// Parses and validates TOML text into a [`RuleSet`].
pub(crate) fn ruleset_from_toml(text: &str, limits: &Limits) -> Result<RuleSet, LoadError> {
    let (def, lines, mut issues) = parse_toml(text, limits)?;
    match validate_with_lines(def, Some(&lines), limits) {
        Ok(rs) if issues.is_empty() => Ok(rs),
        Ok(_) => {
            sort_issues(&mut issues);
            Err(LoadError::Invalid { file: None, issues })
        }
        Err(more) => {
            issues.extend(more);
            sort_issues(&mut issues);
            Err(LoadError::Invalid { file: None, issues })
        }
    }
}

/// Reads a rule set from a `ruleset.toml` file, or from a folder that holds one.
pub(crate) fn ruleset_from_path(path: &Path, limits: &Limits) -> Result<RuleSet, LoadError> {
    let file = if path.is_dir() {
        path.join("ruleset.toml")
    } else {
        path.to_path_buf()
    };
    let text = std::fs::read_to_string(&file).map_err(|source| LoadError::Io {
        file: file.clone(),
        source,
    })?;
    ruleset_from_toml(&text, limits).map_err(|e| e.with_file(file))
}

/// Parses TOML text into the model without semantic validation, for tools that edit rule sets.
///
/// # Errors
/// [`LoadError::Syntax`] for malformed TOML; [`LoadError::Invalid`] for floats, unknown
/// fields and values of the wrong type.
///
/// # Example
/// ```
/// let def = par_index::load_str(r#"
/// id = "x"
/// title = "x"
/// level = "commune"
/// years = { from = 2024 }
/// scale = 100
/// document = { number = "1/QĐ" }
/// areas = []
/// "#)?;
/// assert_eq!(def.id, "x");
/// # Ok::<(), par_index::LoadError>(())
/// ```
pub fn load_str(text: &str) -> Result<RuleSetDef, LoadError> {
    let (def, _, mut issues) = parse_toml(text, &Limits::default())?;
    if issues.is_empty() {
        Ok(def)
    } else {
        sort_issues(&mut issues);
        Err(LoadError::Invalid { file: None, issues })
    }
}
