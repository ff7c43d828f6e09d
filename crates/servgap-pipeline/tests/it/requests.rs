//! Request values.
