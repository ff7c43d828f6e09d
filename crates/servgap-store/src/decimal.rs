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
