//! Peak memory of a 10,000-unit batch, held (`score_batch_with`) and streamed
//! (`score_batch_to_writer` into a sink), in bytes per unit: the growth of the peak resident
//! set (`VmHWM`), reset before each (Linux: `/proc/self/clear_refs`).

use std::path::Path;

use par_index::{
    Evidence, RuleSet, assessment::Appraisal, assessment::score_batch_to_writer,
    assessment::score_batch_with,
};

/// Bytes per unit: the batch's input, the peak of a held result, the peak of a streamed one.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Memory {
    pub(crate) input: Option<u64>,
    pub(crate) held: Option<u64>,
    pub(crate) streamed: Option<u64>,
}

/// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`).
fn status(field: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = text.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Resets the peak resident set to the current one; false where that is not possible.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// The peak growth of the resident set while `f` runs, per unit of the batch.
fn peak_per_unit<T>(f: impl FnOnce() -> T) -> Option<u64> {
    if !reset_peak() {
        return None;
    }
    let base = status("VmRSS:")?;
    let out = f();
    let peak = status("VmHWM:")?;
    drop(out);
    Some(peak.saturating_sub(base) / super::BATCH as u64)
}

/// Measures and prints the batch's memory. The streamed batch is measured first: memory
/// freed by the held result would stay in the heap and hide the streamed batch's peak.
pub(crate) fn report(fixture: &Path) -> Memory {
    let rs = RuleSet::from_toml_str(&super::read(fixture)).unwrap();
    let pool: Vec<Evidence> = (0..super::POOL as u64)
        .map(|s| super::synth::evidence(&rs, s))
        .collect();
    let before = status("VmRSS:");
    let batch = super::batch_of(&pool, &Appraisal::default());
    let input = before
        .zip(status("VmRSS:"))
        .map(|(a, b)| b.saturating_sub(a) / super::BATCH as u64);
    let two = super::threads(2);
    let streamed =
        peak_per_unit(|| score_batch_to_writer(&rs, &batch, &two, std::io::sink()).unwrap());
    let held = peak_per_unit(|| score_batch_with(&rs, &batch, &two).unwrap());
    let m = Memory {
        input,
        held,
        streamed,
    };
    println!("{}", describe(&m));
    m
}

/// The figures as one paragraph.
pub(crate) fn describe(m: &Memory) -> String {
    let show = |b: Option<u64>| b.map_or("not measured".to_string(), |b| format!("{b} B"));
    format!(
        "memory of a {}-unit batch, per unit (peak resident set growth): input {}, \
         score_batch held {}, streamed to a writer {}",
        super::BATCH,
        show(m.input),
        show(m.held),
        show(m.streamed)
    )
}
