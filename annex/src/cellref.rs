//! Cell references checked against Excel's limits before a workbook reaches calamine.
//!
//! calamine 0.35 turns a reference such as `A1` into a row and a column with unchecked
//! arithmetic (`col * 26 + …`, `row * 10 + …`): a reference with 7 or more letters or 10 or
//! more digits overflows a `u32`, which panics in a build with overflow checks and wraps to a
//! wrong cell otherwise. Excel itself stops at column `XFD` (3 letters) and row 1,048,576
//! (7 digits), so a reference longer than that is refused here, with the part and the
//! reference named, before calamine reads the file.

use std::io::{Cursor, Read};

use crate::AnnexError;

/// The most a part of the workbook may hold once decompressed (256 MiB): a sheet that large
/// is far past any annex, and the check reads the part whole.
const MAX_PART_BYTES: u64 = 256 << 20;

/// Letters and digits at most in one cell reference: column `XFD`, row `1048576`.
const MAX_LETTERS: usize = 3;
const MAX_DIGITS: usize = 7;

/// Checks every `r`, `ref` and `sqref` attribute of the worksheets and tables of an XLSX
/// workbook. A file that is not a ZIP archive passes (calamine then reports it).
pub(crate) fn check_cell_refs(bytes: &[u8]) -> Result<(), AnnexError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().to_string();
        let scanned = (name.starts_with("xl/worksheets/") || name.starts_with("xl/tables/"))
            && name.ends_with(".xml");
        if !scanned {
            continue;
        }
        // What was read is scanned even when the read fails (a bad checksum shows only at
        // the end of a part, after calamine would have parsed it).
        let mut xml = Vec::new();
        let read = part.take(MAX_PART_BYTES + 1).read_to_end(&mut xml);
        if let Some(bad) = first_bad_ref(&xml) {
            return Err(AnnexError::Xlsx(format!(
                "`{name}`: tham chiếu ô `{bad}` vượt giới hạn của Excel (cột XFD, dòng 1.048.576) \
                 (a cell reference beyond Excel's last column and row)"
            )));
        }
        read.map_err(|e| AnnexError::Xlsx(format!("`{name}`: {e}")))?;
        if xml.len() as u64 > MAX_PART_BYTES {
            return Err(AnnexError::Xlsx(format!(
                "`{name}` vượt quá 256 MiB khi giải nén (a part larger than 256 MiB once decompressed)"
            )));
        }
    }
    Ok(())
}

/// The first reference attribute value (`r`, `ref`, `sqref`) with a cell reference longer than
/// Excel allows, as text.
fn first_bad_ref(xml: &[u8]) -> Option<String> {
    let mut i = 0;
    while let Some(eq) = xml.get(i..)?.iter().position(|&b| b == b'=') {
        let at = i + eq;
        i = at + 1;
        if !is_ref_attribute(xml.get(..at)?) {
            continue;
        }
        let quote = *xml.get(at + 1)?;
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let rest = xml.get(at + 2..)?;
        let end = rest.iter().position(|&b| b == quote).unwrap_or(rest.len());
        let value = rest.get(..end)?;
        if value.split(|&b| b == b':' || b == b' ').any(too_long) {
            return Some(String::from_utf8_lossy(value).chars().take(40).collect());
        }
    }
    None
}

/// Whether the text before an `=` ends with the attribute name `r`, `ref` or `sqref` preceded
/// by XML white space.
fn is_ref_attribute(before: &[u8]) -> bool {
    ["r", "ref", "sqref"].iter().any(|name| {
        before.strip_suffix(name.as_bytes()).is_some_and(|head| {
            head.last()
                .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        })
    })
}

/// Whether a reference made of letters then digits has more of either than Excel allows.
/// Anything else is left to calamine, which refuses it.
fn too_long(cell: &[u8]) -> bool {
    let letters = cell.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = cell
        .get(letters..)
        .unwrap_or_default()
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    letters > MAX_LETTERS || digits > MAX_DIGITS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_limits_pass_and_one_more_is_refused() {
        assert_eq!(first_bad_ref(br#"<c r="XFD1048576"><v>1</v></c>"#), None);
        assert_eq!(first_bad_ref(br#"<dimension ref="A1:XFD1048576"/>"#), None);
        assert_eq!(
            first_bad_ref(br#"<c r="AAAA1"/>"#).as_deref(),
            Some("AAAA1")
        );
        assert_eq!(
            first_bad_ref(b"<row r='12345678'>").as_deref(),
            Some("12345678")
        );
        assert_eq!(
            first_bad_ref(br#"<mergeCell ref="A1:BBBBBBB2"/>"#).as_deref(),
            Some("A1:BBBBBBB2")
        );
        assert_eq!(
            first_bad_ref(br#"<selection sqref="A1 B2 CCCC3"/>"#).as_deref(),
            Some("A1 B2 CCCC3")
        );
    }

    #[test]
    fn other_attributes_are_not_references() {
        // `s` (style), `t` (type) and a name ending in `r` are not cell references.
        assert_eq!(
            first_bad_ref(br#"<c s="ABCDEFGH" t="str" attr="AAAAAAAAAA1"/>"#),
            None
        );
    }
}
