//! Writes the printable annex of a set as XLSX: `print-annex IN OUT.xlsx [FORM.xlsx]`, where
//! IN is a set (`ruleset.toml`) or an annex (`.csv`, `.xlsx`) to import first; with a third
//! path, also the self-assessment form. Used by `scripts/render-annex-png.sh`.

use std::path::Path;

use par_index_annex::{ImportOptions, export_annex_xlsx, export_form_xlsx, import_path};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(output)) = (args.first(), args.get(1)) else {
        return Err("usage: print-annex IN(.toml|.csv|.xlsx) OUT.xlsx [FORM.xlsx]".into());
    };
    let input = Path::new(input);
    let set: par_index::criteria::RuleSetDef = if input.extension().is_some_and(|e| e == "toml") {
        toml::from_str(&std::fs::read_to_string(input)?)?
    } else {
        import_path(input, &ImportOptions::default())?.set
    };
    std::fs::write(output, export_annex_xlsx(&set)?)?;
    if let Some(form) = args.get(2) {
        std::fs::write(form, export_form_xlsx(&set, None)?)?;
    }
    Ok(())
}
