//! Where in a rule set or an evidence file a value sits.

use std::fmt;

/// One step of a [`DataPath`]: a key of a table, or an index into an array.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A key of a table (object).
    Key(String),
    /// A position in an array, counted from 0.
    Index(usize),
}

/// The path to a value inside a data file, displayed the way a user would look it up:
/// `areas[2].criteria[1].rule.bands[0]`, `evidence["3.2.1"].numerator`.
///
/// Keys that are plain identifiers are joined with `.`; other keys (such as criterion codes,
/// which contain dots) are quoted in brackets.
///
/// # Example
/// ```
/// use par_index::DataPath;
///
/// let p = DataPath::root().key("areas").index(2).key("criteria").index(1).key("rule");
/// assert_eq!(p.to_string(), "areas[2].criteria[1].rule");
/// assert_eq!(DataPath::root().key("evidence").key("3.2.1").to_string(), r#"evidence["3.2.1"]"#);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DataPath {
    segments: Vec<Segment>,
}

impl DataPath {
    /// The empty path: the document itself.
    #[must_use]
    pub fn root() -> Self {
        DataPath::default()
    }

    /// This path extended by a table key.
    #[must_use]
    pub fn key(&self, key: impl Into<String>) -> Self {
        let mut p = self.clone();
        p.segments.push(Segment::Key(key.into()));
        p
    }

    /// This path extended by an array index.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut p = self.clone();
        p.segments.push(Segment::Index(index));
        p
    }

    /// The steps of the path, from the document down.
    #[must_use]
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Whether this is the document itself.
    #[must_use]
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// Whether `self` is `other` or lies inside it.
    #[must_use]
    pub fn starts_with(&self, other: &DataPath) -> bool {
        self.segments.starts_with(&other.segments)
    }

    /// The path one step up, or `None` at the root.
    #[must_use]
    pub fn parent(&self) -> Option<DataPath> {
        let (_, rest) = self.segments.split_last()?;
        Some(DataPath {
            segments: rest.to_vec(),
        })
    }

    pub(crate) fn push(&mut self, segment: Segment) {
        self.segments.push(segment);
    }
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl fmt::Display for DataPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str("(document)");
        }
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Key(k) if is_identifier(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Key(k) => write!(f, "[{k:?}]")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

impl serde::Serialize for DataPath {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl schemars::JsonSchema for DataPath {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DataPath".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "Path to a value in a data file, e.g. areas[2].criteria[1].rule.bands[0]"
        })
    }
}

impl From<&serde_path_to_error::Path> for DataPath {
    fn from(p: &serde_path_to_error::Path) -> Self {
        let mut out = DataPath::root();
        for s in p {
            match s {
                serde_path_to_error::Segment::Seq { index } => out.push(Segment::Index(*index)),
                serde_path_to_error::Segment::Map { key } => out.push(Segment::Key(key.clone())),
                serde_path_to_error::Segment::Enum { .. }
                | serde_path_to_error::Segment::Unknown => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_a_user_would_write_it() {
        let p = DataPath::root()
            .key("areas")
            .index(2)
            .key("criteria")
            .index(1)
            .key("rule")
            .key("bands")
            .index(0);
        assert_eq!(p.to_string(), "areas[2].criteria[1].rule.bands[0]");
        assert_eq!(
            DataPath::root()
                .key("evidence")
                .key("3.2.1")
                .key("numerator")
                .to_string(),
            "evidence[\"3.2.1\"].numerator"
        );
        assert_eq!(DataPath::root().to_string(), "(document)");
        assert_eq!(DataPath::root().key("1.1").to_string(), "[\"1.1\"]");
    }

    #[test]
    fn parent_and_prefix() {
        let p = DataPath::root().key("areas").index(0);
        assert_eq!(p.parent(), Some(DataPath::root().key("areas")));
        assert!(p.starts_with(&DataPath::root().key("areas")));
        assert!(!DataPath::root().key("areas").starts_with(&p));
        assert_eq!(DataPath::root().parent(), None);
    }
}
