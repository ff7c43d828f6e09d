//! Values in their unit for people (durations, shares, counts).

/// A duration for people: `45 s`, `12.5 min`, `3.4 h`, `5.98 d`.
pub fn human_duration(seconds: f64) -> String {
    if seconds < 120.0 {
        format!("{seconds:.0} s")
    } else if seconds < 5400.0 {
        format!("{:.1} min", seconds / 60.0)
    } else if seconds < 172_800.0 {
        format!("{:.1} h", seconds / 3600.0)
    } else {
        format!("{:.2} d", seconds / 86_400.0)
    }
}

/// A value in its unit for people.
pub fn human_value(unit: &str, v: f64) -> String {
    match unit {
        "seconds" => human_duration(v),
        "share" => format!("{:.1} %", 100.0 * v),
        "tickets" => format!("{v:.0}"),
        _ => format!("{v:.1}"),
    }
}
