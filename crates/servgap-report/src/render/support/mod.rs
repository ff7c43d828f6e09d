//! What every printer shares: escaping and colours ([`markup`]), the HTML page shell
//! ([`page`]) and people-friendly units ([`units`]). Printers import this module,
//! never each other.

pub mod kpi_profile_tables;
pub mod kpi_tables;
pub mod markup;
pub mod page;
pub mod plain;
pub mod segment_tables;
pub mod units;
