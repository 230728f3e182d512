//! A table of text cells, written as Markdown or as CSV (RFC 4180).

/// Column alignment in Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub(crate) header: Vec<(String, Align)>,
    pub(crate) rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn new(header: &[(&str, Align)]) -> Table {
        Table {
            header: header.iter().map(|(h, a)| ((*h).to_string(), *a)).collect(),
            rows: Vec::new(),
        }
    }

    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub(crate) fn markdown(&self) -> String {
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut out = String::new();
        let head: Vec<String> = self.header.iter().map(|(h, _)| cell(h)).collect();
        out.push_str(&format!("| {} |\n", head.join(" | ")));
        let rule: Vec<&str> = self
            .header
            .iter()
            .map(|(_, a)| match a {
                Align::Left => "---",
                Align::Right => "--:",
            })
            .collect();
        out.push_str(&format!("|{}|\n", rule.join("|")));
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out
    }

    pub(crate) fn csv(&self) -> String {
        // Spreadsheets read an ASCII minus; Markdown keeps the typographic one.
        let field = |s: &str| {
            let s = s.replace('−', "-");
            if s.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s
            }
        };
        let mut out = String::new();
        let head: Vec<String> = self.header.iter().map(|(h, _)| field(h)).collect();
        out.push_str(&head.join(","));
        out.push_str("\r\n");
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| field(c)).collect();
            out.push_str(&cells.join(","));
            out.push_str("\r\n");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_markdown_escapes() {
        let mut t = Table::new(&[("a", Align::Left), ("b", Align::Right)]);
        t.row(vec!["81,25".into(), "say \"hi\"".into()]);
        t.row(vec!["x|y".into(), "1".into()]);
        assert_eq!(t.csv(), "a,b\r\n\"81,25\",\"say \"\"hi\"\"\"\r\nx|y,1\r\n");
        assert_eq!(
            t.markdown(),
            "| a | b |\n|---|--:|\n| 81,25 | say \"hi\" |\n| x\\|y | 1 |\n"
        );
    }
}
