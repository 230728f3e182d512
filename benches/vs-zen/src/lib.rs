//! Support for the side-by-side benchmark of par-index against GoRules zen-engine
//! (`benches/vs_zen.rs`).
//!
//! [`jdm`] turns a par-index rule set into an equivalent JDM decision graph (zen-engine's JSON
//! format), converts par-index evidence into the input that graph reads, and generates the
//! seeded synthetic evidence both engines are timed on. [`floor`] is the lower bound the
//! numbers-only mode is also compared with: only the reads, comparisons and additions no
//! engine can skip.
//!
//! ```text
//! cd benches/vs-zen && cargo bench
//! ```

pub mod floor;
pub mod jdm;
