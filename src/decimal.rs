//! Exact decimals: strict reading from data files, explicit rounding, display.
//!
//! Every score, share and amount in par-index is a [`Decimal`]. Data files write decimals as
//! strings (`"0.5"`) or integers (`20`); a float such as `0.5` is refused, because a float has
//! already lost exactness before the engine sees it. Rounding is always explicit: see
//! [`RoundingMode`].

use std::fmt;
use std::ops::{Div, Rem};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a result is rounded to its number of decimal places.
///
/// The default is [`RoundingMode::HalfUp`]: `0.125` → `0.13`, `-0.125` → `-0.13`. Note that
/// `rust_decimal`'s own `round_dp` rounds half to even; par-index never calls it.
///
/// # Example
/// ```
/// use par_index::scoring::RoundingMode;
/// use rust_decimal::Decimal;
///
/// let x: Decimal = "0.125".parse()?;
/// assert_eq!(RoundingMode::HalfUp.round(x, 2).to_string(), "0.13");
/// assert_eq!(RoundingMode::HalfEven.round(x, 2).to_string(), "0.12");
/// assert_eq!(RoundingMode::Truncate.round("89.457".parse()?, 2).to_string(), "89.45");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Half away from zero ("làm tròn"): `0.125` → `0.13`.
    #[default]
    HalfUp,
    /// Half to even (banker's rounding): `0.125` → `0.12`, `0.135` → `0.14`.
    HalfEven,
    /// Toward zero (truncation): `89.457` → `89.45`.
    Truncate,
}

impl RoundingMode {
    /// Rounds `value` to `decimals` places with this mode.
    #[must_use]
    pub fn round(self, value: Decimal, decimals: u32) -> Decimal {
        let strategy = match self {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Truncate => RoundingStrategy::ToZero,
        };
        // Nothing to drop: most leaf points (0.5, 1, 0.25) come here, so skip the division.
        if value.scale() <= decimals {
            return value;
        }
        value.round_dp_with_strategy(decimals, strategy)
    }
}

impl fmt::Display for RoundingMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RoundingMode::HalfUp => "half_up",
            RoundingMode::HalfEven => "half_even",
            RoundingMode::Truncate => "truncate",
        })
    }
}

/// Parses a decimal written in plain form (`"81.25"`, `"-0.5"`, `"20"`), exactly.
///
/// Refuses more digits than a [`Decimal`] holds rather than rounding them away.
pub(crate) fn parse_plain(text: &str) -> Result<Decimal, String> {
    let t = text.trim();
    if t.is_empty() || t != text {
        return Err(format!("`{text}` is not a decimal number"));
    }
    if t.contains(['e', 'E', '_']) {
        return Err(format!(
            "`{text}` is not a plain decimal number: write digits and one `.`"
        ));
    }
    Decimal::from_str_exact(t).map_err(|_| why_not_decimal(t))
}

/// Why `t`, which `Decimal` refused, is not a decimal: past the largest one, more decimal
/// places than one holds, or not digits at all.
fn why_not_decimal(t: &str) -> String {
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !all_digits(int) || !all_digits(frac) {
        return format!("`{t}` is not a decimal number");
    }
    if Decimal::from_str_exact(int).is_err() {
        return format!(
            "`{t}` exceeds the largest decimal, {}: no score or count is that large",
            Decimal::MAX
        );
    }
    if frac.len() > MAX_DECIMAL_PLACES {
        return format!(
            "`{t}` has {} decimal places: a decimal holds at most {MAX_DECIMAL_PLACES} decimal places",
            frac.len()
        );
    }
    format!("`{t}` has more significant digits than a decimal holds (28): round it")
}

/// The most decimal places a [`Decimal`] holds.
const MAX_DECIMAL_PLACES: usize = 28;

/// Past this, serde_json hands an integer over as a float: its digits are lost.
const LARGEST_JSON_INTEGER: u64 = u64::MAX;

/// Writes a decimal without trailing zeros after the point (`0.50` → `0.5`, `20.00` → `20`).
pub(crate) fn plain(value: Decimal) -> String {
    Plain(value).to_string()
}

/// A decimal shown without trailing zeros after the point, as [`plain`] writes it, but
/// straight into a formatter or a serializer: no `String` is allocated (`rust_decimal` formats
/// into a buffer on the stack).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plain(pub(crate) Decimal);

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.precision().is_some() {
            return fmt::Display::fmt(&self.0.normalize(), f);
        }
        let mut buf = [0; DIGITS_BUF];
        let digits = trim_fraction(unsigned_digits(self.0, &mut buf));
        // `normalize` makes every zero positive: `-0.00` is written `0`.
        let positive = self.0.is_sign_positive() || self.0.is_zero();
        f.pad_integral(positive, "", digits)
    }
}

/// A decimal written as `rust_decimal`'s `{}` writes it (every digit of its scale: `1.50`),
/// but formatted faster: a mantissa that fits 64 bits, as every score and share does, is
/// divided as a `u64` rather than as three 32-bit words. A precision (`{:.2}`) is left to
/// `rust_decimal`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fast(pub(crate) Decimal);

impl fmt::Display for Fast {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.precision().is_some() {
            return fmt::Display::fmt(&self.0, f);
        }
        let mut buf = [0; DIGITS_BUF];
        let digits = unsigned_digits(self.0, &mut buf);
        f.pad_integral(self.0.is_sign_positive(), "", digits)
    }
}

/// Room for the most digits a decimal has (29, from its 96-bit mantissa, or 28 places and a
/// `0` before the point) and the point.
const DIGITS_BUF: usize = 32;

/// The digits of `value` without its sign, every digit of its scale kept and a `0` before
/// the point when there is no other (`0.05`), written into `buf` from its end.
fn unsigned_digits(value: Decimal, buf: &mut [u8; DIGITS_BUF]) -> &str {
    let scale = value.scale() as usize;
    let mut end = DIGITS_BUF;
    let mut put = |b: u8| {
        end = end.saturating_sub(1);
        if let Some(slot) = buf.get_mut(end) {
            *slot = b;
        }
    };
    let mut written = 0;
    let digit = |d: u8| {
        if written == scale && scale > 0 {
            put(b'.');
        }
        put(b'0' + d);
        written += 1;
        written > scale
    };
    let wide = value.mantissa().unsigned_abs();
    match u64::try_from(wide) {
        Ok(m) => each_digit(m, digit),
        Err(_) => each_digit(wide, digit),
    }
    buf.get(end..)
        .and_then(|b| std::str::from_utf8(b).ok())
        .unwrap_or("0")
}

/// Hands `digit` each decimal digit of `m`, the last first, until `m` runs out and `digit`
/// says it has had enough (the places of the scale and one before the point).
fn each_digit<T>(mut m: T, mut digit: impl FnMut(u8) -> bool)
where
    T: Copy + PartialEq + From<u8> + TryInto<u8> + Rem<Output = T> + Div<Output = T>,
{
    let (ten, zero) = (T::from(10), T::from(0));
    loop {
        let enough = digit((m % ten).try_into().unwrap_or(0));
        m = m / ten;
        if m == zero && enough {
            break;
        }
    }
}

/// `12.50` → `12.5`, `2.00` → `2`; digits without a point are left as they are.
fn trim_fraction(digits: &str) -> &str {
    if !digits.contains('.') {
        return digits;
    }
    digits.trim_end_matches('0').trim_end_matches('.')
}

impl Serialize for Plain {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Writes a decimal with exactly `decimals` places, padding with zeros (`81.2` → `81.20`).
pub(crate) fn fixed(value: Decimal, decimals: u32) -> String {
    let mut v = value;
    v.rescale(decimals);
    Fast(v).to_string()
}

/// The JSON Schema of a decimal in a data file: a string of digits or an integer.
#[derive(Debug)]
pub(crate) struct DecimalSchema;

impl JsonSchema for DecimalSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An exact decimal, written as a string (\"0.5\") or an integer; never a float.",
            "oneOf": [
                { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" },
                { "type": "integer" }
            ]
        })
    }
}

struct StrictVisitor;

impl serde::de::Visitor<'_> for StrictVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal written as a string, such as \"0.5\", or an integer")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_plain(v).map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Decimal, E> {
        Decimal::try_from_i128_with_scale(v, 0)
            .map_err(|_| E::custom(format!("`{v}` is too large for a decimal")))
    }

    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Decimal, E> {
        i128::try_from(v)
            .ok()
            .and_then(|v| Decimal::try_from_i128_with_scale(v, 0).ok())
            .ok_or_else(|| E::custom(format!("`{v}` is too large for a decimal")))
    }

    // A float is refused: it went through binary floating point before reaching us. The value
    // is only echoed back in the message.
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
        float_to_decimal(v).map_err(E::custom)
    }
}

/// What a number that reached us as a float is: `-0` (serde_json's reading of the integer `-0`)
/// is zero; an integer past 64 bits lost its digits on the way; anything else is a float.
fn float_to_decimal(v: f64) -> Result<Decimal, String> {
    if v == 0.0 && v.is_sign_negative() {
        return Ok(Decimal::ZERO);
    }
    #[expect(clippy::cast_precision_loss, reason = "only compared, as a bound")]
    let past_json_integers = v.abs() > LARGEST_JSON_INTEGER as f64;
    if v.is_finite() && v.fract() == 0.0 && past_json_integers {
        // The float nearest to the largest decimal may stand for it, written in full.
        let largest = rust_decimal::prelude::ToPrimitive::to_f64(&Decimal::MAX).unwrap_or(f64::MAX);
        if v.abs() > largest {
            return Err(format!(
                "a number of about `{v:e}` exceeds the largest decimal, {}: no score or count \
                 is that large",
                Decimal::MAX
            ));
        }
        return Err(format!(
            "an integer past {LARGEST_JSON_INTEGER} loses its last digits as a JSON number \
             (it reads as `{v:e}`): write it as a string of its digits"
        ));
    }
    let plain = v.to_string();
    if parse_plain(&plain).is_ok() {
        return Err(format!(
            "`{v}` is written as a float: write decimals as strings, e.g. \"{v}\""
        ));
    }
    Err(format!(
        "a number written as a float (read as `{v:e}`) has more than the {MAX_DECIMAL_PLACES} \
         decimal places a decimal holds: round it and write it as a string"
    ))
}

/// Serde helpers for a [`Decimal`] field: written as a string, read from a string or an
/// integer, never from a float.
pub(crate) mod strict {
    use super::{Decimal, StrictVisitor};

    pub(crate) fn serialize<S: serde::Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&super::Plain(*v))
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

/// Serde helpers for an optional [`Decimal`] field (see [`strict`]).
pub(crate) mod strict_opt {
    use super::{Decimal, StrictVisitor};

    #[expect(clippy::ref_option, reason = "serde's `with` passes `&Option<T>`")]
    pub(crate) fn serialize<S: serde::Serializer>(
        v: &Option<Decimal>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.collect_str(&super::Plain(*v)),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        d.deserialize_any(StrictVisitor).map(Some)
    }
}

/// The serde and JSON Schema form of a [`Decimal`] field, in one attribute:
/// `#[serde(with = "Dec")]` writes a string (`"0.5"`), reads a string or an integer (never a
/// float), and gives the field the schema of [`DecimalSchema`].
///
/// serde calls `Dec::serialize` / `Dec::deserialize`; schemars reads `with = "Dec"` as "this
/// field has the schema of `Dec`". A type rather than a module lets one attribute do both.
#[derive(Debug)]
pub(crate) struct Dec;

impl Dec {
    pub(crate) fn serialize<S: serde::Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        strict::serialize(v, s)
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        strict::deserialize(d)
    }
}

impl JsonSchema for Dec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        DecimalSchema::schema_name()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        DecimalSchema::json_schema(g)
    }
}

/// [`Dec`] for an optional field: `#[serde(default, with = "DecOpt", skip_serializing_if =
/// "Option::is_none")]`.
#[derive(Debug)]
pub(crate) struct DecOpt;

impl DecOpt {
    #[expect(clippy::ref_option, reason = "serde's `with` passes `&Option<T>`")]
    pub(crate) fn serialize<S: serde::Serializer>(
        v: &Option<Decimal>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        strict_opt::serialize(v, s)
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        strict_opt::deserialize(d)
    }
}

impl JsonSchema for DecOpt {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Option<DecimalSchema>>::schema_name()
    }

    fn inline_schema() -> bool {
        <Option<DecimalSchema>>::inline_schema()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Option<DecimalSchema>>::json_schema(g)
    }
}

/// [`Dec`] for a list of decimals: `#[serde(with = "DecVec")]`.
#[derive(Debug)]
pub(crate) struct DecVec;

impl DecVec {
    pub(crate) fn serialize<S: serde::Serializer>(v: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|d| Plain(*d)))
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<Decimal>, D::Error> {
        #[derive(Deserialize)]
        struct One(#[serde(with = "Dec")] Decimal);
        let list = Vec::<One>::deserialize(d)?;
        Ok(list.into_iter().map(|One(v)| v).collect())
    }
}

impl JsonSchema for DecVec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Vec<DecimalSchema>>::schema_name()
    }

    fn inline_schema() -> bool {
        <Vec<DecimalSchema>>::inline_schema()
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<DecimalSchema>>::json_schema(g)
    }
}

/// Parses a decimal from a string, the same way data files are read.
///
/// # Errors
/// Returns a message naming the text when it is not a plain decimal number.
///
/// # Example
/// ```
/// let x = par_index::scoring::parse_decimal("81.25")?;
/// assert_eq!(x.to_string(), "81.25");
/// assert!(par_index::scoring::parse_decimal("8.1e1").is_err());
/// # Ok::<(), par_index::Error>(())
/// ```
pub fn parse_decimal(text: &str) -> Result<Decimal, crate::Error> {
    parse_plain(text).map_err(|message| crate::Error::Decimal { message })
}

impl FromStr for RoundingMode {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "half_up" => Ok(RoundingMode::HalfUp),
            "half_even" => Ok(RoundingMode::HalfEven),
            "truncate" => Ok(RoundingMode::Truncate),
            other => Err(format!(
                "`{other}` is not a rounding mode: expected `half_up`, `half_even` or `truncate`"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        parse_plain(s).unwrap_or_default()
    }

    /// Mantissas around every power of ten, of 2⁶⁴ (where the fast path ends) and the largest,
    /// each at every scale, of both signs, zero and negative zero among them.
    fn many_decimals() -> Vec<Decimal> {
        let mut mantissas: Vec<i128> = vec![0, 1, 5, 9, 10, 11, 99, 100, 101, 125, 8125];
        let mut p: i128 = 10;
        while p < (1 << 96) {
            mantissas.extend([p - 1, p, p + 1, p * 3 + 7]);
            p *= 10;
        }
        let two64 = i128::from(u64::MAX);
        mantissas.extend([two64 - 1, two64, two64 + 1, (1 << 96) - 1]);
        let mut out = Vec::new();
        for m in mantissas.into_iter().filter(|m| *m < (1 << 96)) {
            for scale in 0..=28 {
                for sign in [1, -1] {
                    if let Ok(v) = Decimal::try_from_i128_with_scale(sign * m, scale) {
                        out.push(v);
                    }
                }
            }
        }
        let mut negative_zero = Decimal::new(0, 2);
        negative_zero.set_sign_negative(true);
        out.push(negative_zero);
        out
    }

    /// The fast writers give what `rust_decimal` gives: `Fast` its `{}`, `Plain` that of the
    /// normalized value, with widths, alignment and signs honoured as `{}` honours them.
    #[test]
    fn fast_writers_match_rust_decimal() {
        let values = many_decimals();
        assert!(values.len() > 5_000, "{}", values.len());
        for v in values {
            assert_eq!(Fast(v).to_string(), v.to_string(), "{v:?}");
            assert_eq!(Plain(v).to_string(), v.normalize().to_string(), "{v:?}");
            assert_eq!(format!("{:>12}", Fast(v)), format!("{v:>12}"));
            assert_eq!(format!("{:+}", Plain(v)), format!("{:+}", v.normalize()));
            // A precision is handed to rust_decimal, which has room for 32 characters only
            // (`{:.3}` of a 29-digit value panics in rust_decimal 1.43; par-index never
            // formats a decimal with a precision).
            if v.abs() < Decimal::from(10_u64.pow(18)) {
                assert_eq!(format!("{:.3}", Fast(v)), format!("{v:.3}"));
                assert_eq!(
                    format!("{:<40.1}", Plain(v)),
                    format!("{:<40.1}", v.normalize())
                );
            }
        }
        // By hand: the scale's zeros kept, a zero before the point, the sign of -0 dropped
        // by `Plain` as `normalize` drops it.
        let mut negative_zero = Decimal::new(0, 2);
        negative_zero.set_sign_negative(true);
        for (v, fast, plain) in [
            (Decimal::new(150, 2), "1.50", "1.5"),
            (Decimal::new(5, 2), "0.05", "0.05"),
            (Decimal::new(-8125, 2), "-81.25", "-81.25"),
            (Decimal::new(2000, 2), "20.00", "20"),
            (Decimal::new(0, 3), "0.000", "0"),
            (negative_zero, "-0.00", "0"),
            (
                Decimal::MAX,
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
        ] {
            assert_eq!(
                (Fast(v).to_string(), plain_str(v)),
                (fast.to_string(), plain.to_string())
            );
        }
    }

    fn plain_str(v: Decimal) -> String {
        plain(v)
    }

    #[test]
    fn half_up_rounds_midpoints_away_from_zero() {
        for (x, want) in [
            ("0.125", "0.13"),
            ("0.135", "0.14"),
            ("-0.125", "-0.13"),
            ("83.3349", "83.33"),
            ("0.005", "0.01"),
        ] {
            assert_eq!(RoundingMode::HalfUp.round(d(x), 2).to_string(), want, "{x}");
        }
    }

    #[test]
    fn half_even_and_truncate_differ_from_half_up() {
        assert_eq!(
            RoundingMode::HalfEven.round(d("0.125"), 2).to_string(),
            "0.12"
        );
        assert_eq!(
            RoundingMode::HalfEven.round(d("0.135"), 2).to_string(),
            "0.14"
        );
        assert_eq!(
            RoundingMode::Truncate.round(d("0.129"), 2).to_string(),
            "0.12"
        );
        assert_eq!(
            RoundingMode::Truncate.round(d("-0.129"), 2).to_string(),
            "-0.12"
        );
    }

    #[test]
    fn plain_parsing_is_strict() {
        assert_eq!(d("81.25").to_string(), "81.25");
        assert_eq!(d("-0.5").to_string(), "-0.5");
        for bad in ["", " 1", "1 ", "1e3", "1_000", "abc", "1.2.3", "81,25"] {
            assert!(parse_plain(bad).is_err(), "{bad:?} should be refused");
        }
        // more digits than a Decimal holds are refused, not rounded
        assert!(parse_plain("0.12345678901234567890123456789012").is_err());
    }

    #[test]
    fn display_helpers() {
        assert_eq!(plain(d("0.50")), "0.5");
        assert_eq!(plain(d("20.00")), "20");
        assert_eq!(fixed(d("81.2"), 2), "81.20");
        assert_eq!(fixed(d("7"), 2), "7.00");
    }

    #[test]
    fn strict_serde_refuses_floats() {
        #[derive(Deserialize)]
        struct W {
            #[serde(with = "strict")]
            x: Decimal,
        }
        let ok: W = serde_json::from_str(r#"{"x": "0.1"}"#).unwrap_or(W { x: Decimal::MAX });
        assert_eq!(ok.x.to_string(), "0.1");
        let int: W = serde_json::from_str(r#"{"x": 20}"#).unwrap_or(W { x: Decimal::MAX });
        assert_eq!(int.x.to_string(), "20");
        let err = serde_json::from_str::<W>(r#"{"x": 0.1}"#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("written as a float"), "{err}");
    }
}
