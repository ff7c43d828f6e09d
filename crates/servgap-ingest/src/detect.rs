//! Header detection: which column holds which answer of the instrument.
//!
//! Headers are compared case-insensitively, ignoring spaces, underscores,
//! dashes and dots, so `E1`, `e_1`, `E-01` and `e 1` are the same header. The
//! recognised families (each match says which one fired):
//!
//! | family | examples |
//! |---|---|
//! | battery prefix + item | `E1`…`E22`, `P1`, `e_1`, `E01`, `exp1`, `perc1`, `expectation_1`, `perception_1`, `min1`/`des1`/`per1`, `A1`/`D1`/`P1` |
//! | item + battery suffix | `Q1_E`, `Q1_P`, `q1e`, `item1_exp` |
//! | LimeSurvey dual scale | `Q1[SQ001][1]` (scale 1 = E, 2 = P), `Q1_SQ001_0` / `Q1_SQ001_1` (0 = E, 1 = P) |
//! | LimeSurvey array per battery | `E[SQ001]`, `P[SQ001]`, `E_SQ001` |
//! | importance points | `imp_tangibles`, `importance_<dimension id>`, `points_<dimension id>`, `imp1` (dimension number) |
//! | overall | `overall`, `overall_sat`, `overall_satisfaction`, `satisfaction` |
//! | respondent id | `id`, `respondent_id`, `response_id`, `ResponseId`, `Response ID` |
//!
//! Item ids that are numbers match numerically (`E01` is item `1`); other ids
//! match literally after the same normalisation (`E_rel2` is item `rel2`).

use servgap_core::instrument::{Battery, Instrument};

use crate::IngestError;

/// A place in a respondent's answers that a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    /// The rating of item `item` (index into the instrument's items) in one battery.
    Rating {
        /// Item index.
        item: usize,
        /// Battery.
        battery: Battery,
    },
    /// Importance points of dimension `dimension` (index).
    Importance {
        /// Dimension index.
        dimension: usize,
    },
    /// The overall-satisfaction answer.
    Overall,
    /// The respondent identifier.
    Id,
    /// The segment (group) column.
    Segment,
}

impl Slot {
    /// Human-readable name, e.g. `item 3 E`, `importance tangibles`, `overall`.
    pub fn describe(&self, instrument: &Instrument) -> String {
        match *self {
            Slot::Rating { item, battery } => {
                let id = instrument.items().get(item).map_or("?", |i| i.id.as_str());
                format!("item {id} {}", battery.code())
            }
            Slot::Importance { dimension } => {
                let id = instrument.dimensions().get(dimension).map_or("?", |d| d.id.as_str());
                format!("importance {id}")
            }
            Slot::Overall => "overall".to_owned(),
            Slot::Id => "respondent id".to_owned(),
            Slot::Segment => "segment".to_owned(),
        }
    }
}

/// One column matched to a slot, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMatch {
    /// Column index (0-based).
    pub column: usize,
    /// The header text.
    pub header: String,
    /// The slot it fills.
    pub slot: Slot,
    /// Why, e.g. "E1 matched pattern `E<item>`".
    pub reason: String,
}

/// The outcome of matching a header row against an instrument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// Matched columns, in column order.
    pub matches: Vec<ColumnMatch>,
    /// Columns that matched nothing: `(index, header)`.
    pub ignored: Vec<(usize, String)>,
    /// Slots the instrument asks for that no column filled (ratings, plus
    /// importance and overall when the instrument has them).
    pub missing: Vec<Slot>,
}

/// Normalises a header: lowercase, without spaces, underscores, dashes and dots.
pub(crate) fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '\t' | '\u{feff}'))
        .flat_map(char::to_lowercase)
        .collect()
}

const EXPECTED: [&str; 7] = ["e", "exp", "expect", "expected", "expectation", "expectations", "ex"];
const PERCEIVED: [&str; 7] = ["p", "per", "perc", "perceived", "perception", "perceptions", "perf"];
const MINIMUM: [&str; 5] = ["a", "min", "minimum", "adequate", "adeq"];
const DESIRED: [&str; 3] = ["d", "des", "desired"];
const ITEM_PREFIX: [&str; 4] = ["q", "item", "i", "x"];

fn battery_aliases(battery: Battery) -> &'static [&'static str] {
    match battery {
        Battery::Expected => &EXPECTED,
        Battery::Perceived => &PERCEIVED,
        Battery::Minimum => &MINIMUM,
        Battery::Desired => &DESIRED,
    }
}

fn battery_of(word: &str, batteries: &[Battery]) -> Option<Battery> {
    batteries.iter().copied().find(|b| battery_aliases(*b).contains(&word))
}

/// Splits `abc123def` into (`abc`, `123`, `def`); `None` unless it has exactly that shape.
fn letters_digits_letters(s: &str) -> Option<(&str, &str, &str)> {
    let a = s.find(|c: char| c.is_ascii_digit())?;
    let rest = &s[a..];
    let b = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (digits, tail) = rest.split_at(b);
    let prefix = &s[..a];
    let ok = prefix.chars().all(|c| c.is_ascii_lowercase()) && tail.chars().all(|c| c.is_ascii_lowercase());
    ok.then_some((prefix, digits, tail))
}

/// Index of the item whose id equals `key`: numerically for numeric ids, literally otherwise.
fn item_by_key(instrument: &Instrument, key: &str) -> Option<usize> {
    let numeric: Option<u64> = key.parse().ok();
    instrument.items().iter().position(|item| match (numeric, item.id.trim().parse::<u64>()) {
        (Some(a), Ok(b)) => a == b,
        _ => normalise(&item.id) == key,
    })
}

/// Trailing digits of a LimeSurvey subquestion code (`SQ001` → `001`), or the whole code normalised.
fn subquestion_key(code: &str) -> String {
    let digits = code.trim_start_matches(|c: char| !c.is_ascii_digit());
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        digits.to_owned()
    } else {
        normalise(code)
    }
}

/// Matches one header; returns the slot and the name of the pattern that fired.
pub(crate) fn match_header(header: &str, instrument: &Instrument) -> Option<(Slot, &'static str)> {
    let batteries = instrument.batteries();
    let raw = header.trim().to_lowercase();

    // LimeSurvey code headings with brackets: `Q1[SQ001][1]`, `E[SQ001]`.
    if let Some(open) = raw.find('[') {
        let title = &raw[..open];
        let groups: Vec<&str> =
            raw[open..].split(']').filter(|g| !g.is_empty()).map(|g| g.trim_start_matches('[')).collect();
        match groups.as_slice() {
            [sq, scale] if batteries.len() >= 2 => {
                let k = match *scale {
                    "1" => 0,
                    "2" => 1,
                    "3" => 2,
                    _ => return None,
                };
                let battery = *batteries.get(k)?;
                let item = item_by_key(instrument, &subquestion_key(sq))?;
                return Some((
                    Slot::Rating { item, battery },
                    "LimeSurvey dual scale `<question>[SQ<item>][<scale>]`",
                ));
            }
            [sq] => {
                let battery = battery_of(&normalise(title), batteries)?;
                let item = item_by_key(instrument, &subquestion_key(sq))?;
                return Some((Slot::Rating { item, battery }, "LimeSurvey array `<battery>[SQ<item>]`"));
            }
            _ => return None,
        }
    }

    // LimeSurvey expression-manager codes: `Q1_SQ001_0`, `E_SQ001`.
    let parts: Vec<&str> = raw.split('_').collect();
    if let [_, sq, scale] = parts.as_slice() {
        if sq.starts_with("sq") && batteries.len() >= 2 {
            if let Ok(k) = scale.parse::<usize>() {
                let battery = *batteries.get(k)?;
                let item = item_by_key(instrument, &subquestion_key(sq))?;
                return Some((
                    Slot::Rating { item, battery },
                    "LimeSurvey dual scale `<question>_SQ<item>_<scale>`",
                ));
            }
        }
    }
    if let [title, sq] = parts.as_slice() {
        if sq.starts_with("sq") {
            if let Some(battery) = battery_of(title, batteries) {
                let item = item_by_key(instrument, &subquestion_key(sq))?;
                return Some((Slot::Rating { item, battery }, "LimeSurvey array `<battery>_SQ<item>`"));
            }
        }
    }

    let norm = normalise(header);
    if norm.is_empty() {
        return None;
    }

    match norm.as_str() {
        "overall" | "overallsat" | "overallsatisfaction" | "satisfaction" | "overallquality" => {
            if instrument.overall().is_some() {
                return Some((Slot::Overall, "overall `overall`/`overall_sat`/`satisfaction`"));
            }
            return None;
        }
        "id" | "respondentid" | "responseid" | "respid" | "respondent" | "caseid" => {
            return Some((Slot::Id, "respondent id `id`/`respondent_id`/`response_id`"));
        }
        _ => {}
    }

    // Importance: `imp_<dimension id>`, `importance_<dimension id>`, `points_<dimension id>`, `imp<n>`.
    if instrument.has_importance() {
        for prefix in ["importance", "points", "imp", "pts", "weight"] {
            if let Some(rest) = norm.strip_prefix(prefix) {
                if rest.is_empty() {
                    continue;
                }
                let by_id = instrument.dimensions().iter().position(|d| normalise(&d.id) == rest);
                let by_number = rest
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=instrument.dimensions().len()).contains(n))
                    .map(|n| n - 1);
                if let Some(dimension) = by_id.or(by_number) {
                    return Some((
                        Slot::Importance { dimension },
                        "importance `imp_<dimension>`/`importance_<dimension>`/`points_<dimension>`",
                    ));
                }
            }
        }
    }

    // Numeric items: prefix letters, digits, suffix letters.
    if let Some((prefix, digits, suffix)) = letters_digits_letters(&norm) {
        if suffix.is_empty() {
            if let Some(battery) = battery_of(prefix, batteries) {
                let item = item_by_key(instrument, digits)?;
                return Some((Slot::Rating { item, battery }, prefix_pattern(battery)));
            }
        } else if ITEM_PREFIX.contains(&prefix) {
            if let Some(battery) = battery_of(suffix, batteries) {
                let item = item_by_key(instrument, digits)?;
                return Some((Slot::Rating { item, battery }, "`Q<item>_<battery>` (e.g. Q1_E, q1e)"));
            }
        }
    }

    // Non-numeric item ids: `<battery alias><id>` or `<id><battery alias>`.
    for battery in batteries {
        for alias in battery_aliases(*battery) {
            if let Some(rest) = norm.strip_prefix(alias) {
                if let Some(item) =
                    instrument.items().iter().position(|i| !i.id.is_empty() && normalise(&i.id) == rest)
                {
                    return Some((Slot::Rating { item, battery: *battery }, "`<battery>_<item id>`"));
                }
            }
            if let Some(rest) = norm.strip_suffix(alias) {
                if let Some(item) =
                    instrument.items().iter().position(|i| !i.id.is_empty() && normalise(&i.id) == rest)
                {
                    return Some((Slot::Rating { item, battery: *battery }, "`<item id>_<battery>`"));
                }
            }
        }
    }
    None
}

fn prefix_pattern(battery: Battery) -> &'static str {
    match battery {
        Battery::Expected => "`E<item>` (also e_1, E01, exp1, expectation_1)",
        Battery::Perceived => "`P<item>` (also p_1, P01, perc1, per1, perception_1)",
        Battery::Minimum => "`A<item>` (also min1, minimum_1)",
        Battery::Desired => "`D<item>` (also des1, desired_1)",
    }
}

/// The slots an instrument needs filled: every rating, then importance and overall when asked.
pub(crate) fn wanted_slots(instrument: &Instrument) -> Vec<Slot> {
    let mut slots = Vec::new();
    for item in 0..instrument.items().len() {
        for &battery in instrument.batteries() {
            slots.push(Slot::Rating { item, battery });
        }
    }
    if instrument.has_importance() {
        slots.extend((0..instrument.dimensions().len()).map(|dimension| Slot::Importance { dimension }));
    }
    if instrument.overall().is_some() {
        slots.push(Slot::Overall);
    }
    slots
}

/// Matches every header against the built-in patterns.
///
/// # Errors
/// [`IngestError::Ambiguous`] when two columns match the same slot; `path`
/// only labels the message.
pub fn detect_columns(
    headers: &[String],
    instrument: &Instrument,
    path: &std::path::Path,
) -> Result<Detection, IngestError> {
    let mut matches: Vec<ColumnMatch> = Vec::new();
    let mut ignored = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        match match_header(header, instrument) {
            Some((slot, pattern)) => {
                if let Some(previous) = matches.iter().find(|m| m.slot == slot) {
                    return Err(IngestError::Ambiguous {
                        path: path.to_owned(),
                        slot: slot.describe(instrument),
                        first: previous.header.clone(),
                        second: header.clone(),
                    });
                }
                let reason = format!("{} matched pattern {}", header.trim(), pattern);
                matches.push(ColumnMatch { column, header: header.clone(), slot, reason });
            }
            None => ignored.push((column, header.clone())),
        }
    }
    let missing =
        wanted_slots(instrument).into_iter().filter(|s| !matches.iter().any(|m| m.slot == *s)).collect();
    Ok(Detection { matches, ignored, missing })
}

#[cfg(test)]
mod tests;
