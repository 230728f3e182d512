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
/// use par_index::criteria::DataPath;
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

impl std::str::FromStr for DataPath {
    type Err = String;

    /// Reads a path back from its display form (`areas[2].rule`, `evidence["3.2.1"].numerator`,
    /// `(document)`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text == "(document)" {
            return Ok(DataPath::root());
        }
        if text.is_empty() {
            return Err("an empty text is not a path: the document itself is `(document)`".into());
        }
        let mut out = DataPath::root();
        let mut rest = text;
        while !rest.is_empty() {
            rest = read_segment(rest, &mut out).ok_or_else(|| format!("`{text}` is not a path"))?;
        }
        Ok(out)
    }
}

/// Reads one segment off the front of `rest` into `out`; `None` when it is malformed.
fn read_segment<'a>(rest: &'a str, out: &mut DataPath) -> Option<&'a str> {
    if let Some(inner) = rest.strip_prefix("[\"") {
        let (key, after) = read_quoted(inner)?;
        out.push(Segment::Key(key));
        return after.strip_prefix(']');
    }
    if let Some(inner) = rest.strip_prefix('[') {
        let end = inner.find(']')?;
        out.push(Segment::Index(inner.get(..end)?.parse().ok()?));
        return inner.get(end + 1..);
    }
    let rest = if out.is_root() {
        rest
    } else {
        rest.strip_prefix('.')?
    };
    let end = rest.find(['.', '[']).unwrap_or(rest.len());
    let key = rest.get(..end)?;
    is_identifier(key).then(|| out.push(Segment::Key(key.to_string())))?;
    rest.get(end..)
}

/// Reads a key quoted as `Debug` writes it, up to its closing quote.
fn read_quoted(text: &str) -> Option<(String, &str)> {
    let mut key = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((key, text.get(i + 1..)?)),
            '\\' => key.push(unescape(&mut chars)?),
            c => key.push(c),
        }
    }
    None
}

fn unescape(chars: &mut std::str::CharIndices<'_>) -> Option<char> {
    Some(match chars.next()?.1 {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        'u' => {
            let hex: String = chars
                .by_ref()
                .map(|(_, c)| c)
                .skip(1)
                .take_while(|c| *c != '}')
                .collect();
            char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
        }
        c => c,
    })
}

impl<'de> serde::Deserialize<'de> for DataPath {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
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

    #[test]
    fn reads_back_what_it_displays() {
        let paths = [
            DataPath::root(),
            DataPath::root()
                .key("areas")
                .index(2)
                .key("rule")
                .key("bands")
                .index(0),
            DataPath::root()
                .key("evidence")
                .key("3.2.1")
                .key("numerator"),
            DataPath::root().key("1.1"),
            DataPath::root()
                .key("units")
                .index(3)
                .key("evidence")
                .key("a \"b\" \\ c\nd"),
            DataPath::root().key("evidence").key("Thị xã Duyên Hải"),
            DataPath::root().key("x").key("\u{200b}"),
        ];
        for p in paths {
            let text = p.to_string();
            assert_eq!(text.parse::<DataPath>().as_ref(), Ok(&p), "{text}");
        }
        for bad in ["", "a..b", "[x]", "a[1", "[\"open", "a.[1]", "1a"] {
            assert!(bad.parse::<DataPath>().is_err(), "{bad:?}");
        }
    }
}
