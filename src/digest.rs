//! Content hashes that tie a scorecard to the exact rule set and evidence it came from.
//!
//! A hash is the SHA-256, in lowercase hex, of a canonical serialization: the compact JSON
//! (`serde_json::to_vec`, no spaces) of the [`RuleSetDef`] or of the [`Evidence`]. Fields keep
//! the declaration order of their types, absent optional fields are left out, maps are sorted
//! by key and decimals are written without trailing zeros (`"0.50"` → `"0.5"`). So the hash
//! depends on what a file says, not on how it is laid out: comments, spacing, key order and
//! `0.50` versus `0.5` do not change it; any value that could change a score does.

use sha2::{Digest, Sha256};

use crate::evidence::Evidence;
use crate::model::RuleSetDef;

/// The SHA-256 of a rule set's canonical JSON, as 64 lowercase hex digits.
///
/// # Example
/// ```
/// let rs = par_index::RuleSet::from_toml_str(r#"
/// id = "demo"
/// title = "Demo"
/// level = "commune"
/// years = { from = 2024 }
/// scale = 1
/// document = { number = "1/QĐ" }
/// [[areas]]
/// code = "1"
/// title = "A"
/// max = "1.0"
/// provenance = { document = "1/QĐ", verified = false }
/// rule = { kind = "manual" }
/// "#)?;
/// let hash = par_index::criteria::digest::ruleset_sha256(rs.def());
/// assert_eq!(hash.len(), 64);
/// // The same content written differently hashes the same.
/// let mut def = rs.def().clone();
/// def.areas[0].max = "1".parse()?;
/// assert_eq!(par_index::criteria::digest::ruleset_sha256(&def), hash);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use]
pub fn ruleset_sha256(def: &RuleSetDef) -> String {
    sha256_json(def)
}

/// The SHA-256 of an evidence submission's canonical JSON, as 64 lowercase hex digits.
#[must_use]
pub fn evidence_sha256(ev: &Evidence) -> String {
    sha256_json(ev)
}

/// The canonical bytes that are hashed: compact JSON.
///
/// Serializing these types cannot fail (every map key is a string); should it ever, the
/// bytes are empty and the hash is that of nothing, which no real content has.
#[must_use]
pub fn canonical_json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// Streams the canonical JSON into the hash, without building it in memory first (the same
/// bytes as [`canonical_json`]: `serde_json` writes them the same way to a writer). Should
/// serialization fail, the hash is that of nothing, as for [`canonical_json`].
fn sha256_json<T: serde::Serialize>(value: &T) -> String {
    let mut hasher = Sha256::new();
    if serde_json::to_writer(&mut hasher, value).is_err() {
        hasher = Sha256::new();
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            out.push(char::from(
                *DIGITS.get(usize::from(nibble)).unwrap_or(&b'0'),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_of_known_digests() {
        // SHA-256 of the empty string and of "abc" (FIPS 180-2 test vectors).
        assert_eq!(
            hex(&Sha256::digest(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn streamed_hash_is_the_hash_of_the_canonical_bytes() {
        let ev = Evidence::from_json_str(
            r#"{"unit":{"name":"Thị xã Duyên Hải","level":"district"},"period":{"year":2023},
                "evidence":{"1.1":{"numerator":"13","denominator":16,"note":"13/16 = 81,25%"}}}"#,
        )
        .unwrap();
        let bytes = canonical_json(&ev);
        assert!(bytes.starts_with(r#"{"unit":{"name":"Thị xã Duyên Hải""#.as_bytes()));
        assert_eq!(evidence_sha256(&ev), hex(&Sha256::digest(&bytes)));
    }
}
