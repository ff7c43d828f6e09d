//! Integers as canonical decimal strings, so values beyond 2⁵³ survive any JSON reader.

use std::fmt::Display;
use std::str::FromStr;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An integer written as a decimal string: optional `-`, digits, no leading zeros, no `+`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dec<T>(pub T);

impl<T: Display> Serialize for Dec<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de, T: FromStr + Display> Deserialize<'de> for Dec<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.parse::<T>() {
            Ok(value) if value.to_string() == text => Ok(Dec(value)),
            _ => Err(D::Error::custom(format!(
                "`{text}` is not a canonical decimal integer in range (a string such as \"-12\")"
            ))),
        }
    }
}

/// Wraps each integer of a slice.
pub(crate) fn decs<T: Copy>(values: &[T]) -> Vec<Dec<T>> {
    values.iter().copied().map(Dec).collect()
}

/// Unwraps each integer of a slice.
pub(crate) fn undecs<T: Copy>(values: &[Dec<T>]) -> Vec<T> {
    values.iter().map(|d| d.0).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::Dec;

    #[test]
    fn integers_beyond_two_to_the_53_survive_as_strings() {
        for value in [i128::MIN, -(1 << 53) - 1, 0, (1 << 53) + 1, i128::MAX] {
            let text = serde_json::to_string(&Dec(value)).unwrap();
            assert_eq!(text, format!("\"{value}\""));
            assert_eq!(serde_json::from_str::<Dec<i128>>(&text).unwrap(), Dec(value));
        }
        let max = serde_json::to_string(&Dec(u128::MAX)).unwrap();
        assert_eq!(serde_json::from_str::<Dec<u128>>(&max).unwrap(), Dec(u128::MAX));
    }

    #[test]
    fn only_canonical_decimal_strings_are_read() {
        for text in ["\"012\"", "\"+3\"", "\"1e3\"", "\"\"", "\"-0\"", "12"] {
            assert!(serde_json::from_str::<Dec<i128>>(text).is_err(), "{text}");
        }
        let too_big = format!("\"{}\"", u128::MAX);
        let error = serde_json::from_str::<Dec<i64>>(&too_big).unwrap_err().to_string();
        assert_eq!(
            error,
            "`340282366920938463463374607431768211455` is not a canonical decimal integer in range (a string such as \"-12\")"
        );
    }
}
