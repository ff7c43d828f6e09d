//! Validation rules for survey answers, and a bounded, mergeable log of what broke them.

use std::collections::BTreeMap;

use super::accumulate::allocation_total;
use super::Respondent;
use crate::instrument::{Battery, Instrument};
use crate::partials::{check_at_most, inconsistent};
use crate::CoreError;

/// A rule a survey answer can break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// A row of a delimited file with more or fewer fields than the header (a stray
    /// delimiter, an unquoted decimal comma, a cut-off line): its values would land in the
    /// wrong columns, so the whole row is rejected. The value states both counts.
    FieldCount,
    /// A cell that is not a number (after decimal-comma handling and value labels).
    NotANumber,
    /// A number that is not a whole answer on the instrument's scale.
    OutOfScale,
    /// An empty rating cell.
    Blank,
    /// An item where some batteries were answered and others not (e.g. E without P).
    IncompletePair,
    /// An importance allocation whose points do not add up to 100.
    ImportanceSum,
    /// An importance allocation that is partly blank, negative or all zero.
    ImportanceInvalid,
    /// The same answer to every item of a battery.
    StraightLining,
    /// Minimum above desired on an item (an inverted zone of tolerance).
    InvertedZone,
    /// A respondent with no usable answer at all.
    EmptyResponse,
}

impl Rule {
    /// Every rule, in report order.
    pub const ALL: [Rule; 10] = [
        Rule::FieldCount,
        Rule::NotANumber,
        Rule::OutOfScale,
        Rule::Blank,
        Rule::IncompletePair,
        Rule::ImportanceSum,
        Rule::ImportanceInvalid,
        Rule::StraightLining,
        Rule::InvertedZone,
        Rule::EmptyResponse,
    ];

    /// Stable identifier used in JSON output and `--strict` messages.
    pub fn id(self) -> &'static str {
        match self {
            Rule::FieldCount => "field-count",
            Rule::NotANumber => "not-a-number",
            Rule::OutOfScale => "out-of-scale",
            Rule::Blank => "blank",
            Rule::IncompletePair => "incomplete-pair",
            Rule::ImportanceSum => "importance-sum",
            Rule::ImportanceInvalid => "importance-invalid",
            Rule::StraightLining => "straight-lining",
            Rule::InvertedZone => "inverted-zone",
            Rule::EmptyResponse => "empty-response",
        }
    }

    /// The rule with identifier `id` (see [`Rule::id`]).
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.id() == id)
    }

    /// What the rule demands, in one sentence.
    pub fn requirement(self) -> &'static str {
        match self {
            Rule::FieldCount => "every row must have as many fields as the header",
            Rule::NotANumber => "an answer must be a number",
            Rule::OutOfScale => "an answer must be a whole number on the instrument's scale",
            Rule::Blank => "every rating should be answered",
            Rule::IncompletePair => {
                "every battery of an item (E and P, or A, D and P) must be answered together"
            }
            Rule::ImportanceSum => "importance points must add up to 100",
            Rule::ImportanceInvalid => {
                "importance points must be given for every dimension, be non-negative and not all zero"
            }
            Rule::StraightLining => "a respondent should not give the same answer to every item of a battery",
            Rule::InvertedZone => "the minimum acceptable level must not exceed the desired level",
            Rule::EmptyResponse => "a respondent must answer at least one item",
        }
    }

    /// What the default (non-strict) policy does about it.
    pub fn default_action(self) -> &'static str {
        match self {
            Rule::FieldCount => "row rejected (not analysed)",
            Rule::NotANumber | Rule::OutOfScale => "cell treated as missing",
            Rule::Blank => "cell treated as missing",
            Rule::IncompletePair => "item left out for this respondent (pairwise deletion)",
            Rule::ImportanceSum => "weights renormalised to points / total",
            Rule::ImportanceInvalid => "respondent left out of the weighted score",
            Rule::StraightLining => "kept, flagged for review",
            Rule::InvertedZone => "kept; counted as an inverted zone, not below/inside/above",
            Rule::EmptyResponse => "respondent contributes nothing",
        }
    }
}

/// Where in a respondent's answers a finding points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// A rating cell: item index and battery.
    Rating {
        /// Item index.
        item: usize,
        /// Battery.
        battery: Battery,
    },
    /// An item as a whole.
    Item {
        /// Item index.
        item: usize,
    },
    /// All items of one battery.
    Battery(Battery),
    /// The importance points of a dimension.
    Importance {
        /// Dimension index.
        dimension: usize,
    },
    /// The importance block as a whole.
    Allocation,
    /// The overall-satisfaction answer.
    Overall,
    /// The whole response.
    Response,
    /// A column named by the reader (for cells not mapped to the instrument).
    Column(String),
}

/// One broken rule, at a data row (1-based, counting the header as row 1) and location.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// Data-file row, 1-based including header rows, as a spreadsheet shows it.
    pub row: u64,
    /// Where in the response.
    pub location: Location,
    /// The rule broken.
    pub rule: Rule,
    /// The offending value as text (cell content, sum of points, repeated answer …).
    pub value: String,
}

/// Checks the rules that need a whole response: incomplete pairs, importance
/// allocation, straight-lining, inverted zones and empty responses. Cell-level
/// rules (not a number, out of scale, blank) are the reader's; it has the text.
///
/// Findings are appended to `out` in a fixed order.
pub fn check_respondent(
    instrument: &Instrument,
    row: u64,
    respondent: &Respondent<'_>,
    out: &mut Vec<Finding>,
) {
    let batteries = instrument.batteries();
    let b = batteries.len();
    let cell = |i: usize, k: usize| respondent.ratings.get(i * b + k).copied().flatten();
    let format = instrument.format();
    let zone = format.battery_index(Battery::Minimum).zip(format.battery_index(Battery::Desired));
    let mut any = false;

    // A short rating slice leaves the last items unanswered: they add nothing here.
    for (i, cells) in respondent.ratings.chunks(b).take(instrument.items().len()).enumerate() {
        let answered = cells.iter().filter(|c| c.is_some()).count();
        any |= answered > 0;
        if answered > 0 && answered < b {
            let value = batteries
                .iter()
                .enumerate()
                .map(|(k, bat)| {
                    format!("{}={}", bat.code(), cell(i, k).map_or("blank".to_owned(), |v| v.to_string()))
                })
                .collect::<Vec<_>>()
                .join(", ");
            out.push(Finding {
                row,
                location: Location::Item { item: i },
                rule: Rule::IncompletePair,
                value,
            });
        }
        if let Some((Some(a), Some(d))) = zone.map(|(ka, kd)| (cell(i, ka), cell(i, kd))) {
            if a > d {
                out.push(Finding {
                    row,
                    location: Location::Item { item: i },
                    rule: Rule::InvertedZone,
                    value: format!("A={a} > D={d}"),
                });
            }
        }
    }
    if !any {
        out.push(Finding {
            row,
            location: Location::Response,
            rule: Rule::EmptyResponse,
            value: String::new(),
        });
        return;
    }

    // Straight-lining: every item of a battery answered, all with one value, on at least 4 items.
    let n_items = instrument.items().len();
    if n_items >= 4 {
        for (k, battery) in batteries.iter().enumerate() {
            let first = cell(0, k);
            if first.is_some() && (1..n_items).all(|i| cell(i, k) == first) {
                out.push(Finding {
                    row,
                    location: Location::Battery(*battery),
                    rule: Rule::StraightLining,
                    value: first.map_or(String::new(), |v| v.to_string()),
                });
            }
        }
    }

    if instrument.has_importance() {
        let dims = instrument.dimensions().len();
        let given = respondent.importance.iter().filter(|p| p.is_some()).count();
        if given > 0 {
            match allocation_total(respondent.importance, dims) {
                Some(total) => {
                    if total != 100 {
                        out.push(Finding {
                            row,
                            location: Location::Allocation,
                            rule: Rule::ImportanceSum,
                            value: total.to_string(),
                        });
                    }
                }
                None => {
                    let value = respondent
                        .importance
                        .iter()
                        .map(|p| p.map_or("blank".to_owned(), |v| v.to_string()))
                        .collect::<Vec<_>>()
                        .join(", ");
                    out.push(Finding {
                        row,
                        location: Location::Allocation,
                        rule: Rule::ImportanceInvalid,
                        value,
                    });
                }
            }
        }
    }
}

/// A bounded, mergeable record of findings: exact counts per rule, and the
/// `sample_limit` earliest findings per rule (ordered by row, then location), so
/// the kept samples do not depend on how the input was chunked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingLog {
    sample_limit: usize,
    counts: BTreeMap<Rule, u64>,
    samples: BTreeMap<Rule, Vec<Finding>>,
}

impl FindingLog {
    /// An empty log keeping at most `sample_limit` examples per rule.
    pub fn new(sample_limit: usize) -> Self {
        Self { sample_limit, counts: BTreeMap::new(), samples: BTreeMap::new() }
    }

    /// Records one finding.
    pub fn record(&mut self, finding: Finding) {
        *self.counts.entry(finding.rule).or_insert(0) += 1;
        let list = self.samples.entry(finding.rule).or_default();
        if list.len() < self.sample_limit {
            list.push(finding);
        } else if list.last().is_some_and(|last| finding < *last) {
            list.pop();
            let at = list.partition_point(|f| *f < finding);
            list.insert(at, finding);
            return;
        } else {
            return;
        }
        list.sort();
    }

    /// Adds another log's counts and samples.
    pub fn merge(&mut self, other: &FindingLog) {
        for (rule, count) in &other.counts {
            *self.counts.entry(*rule).or_insert(0) += count;
        }
        for (rule, list) in &other.samples {
            let mine = self.samples.entry(*rule).or_default();
            mine.extend(list.iter().cloned());
            mine.sort();
            mine.truncate(self.sample_limit);
        }
    }

    /// Number of findings of `rule`.
    pub fn count(&self, rule: Rule) -> u64 {
        self.counts.get(&rule).copied().unwrap_or(0)
    }

    /// Total number of findings.
    pub fn total(&self) -> u64 {
        self.counts.values().sum()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The kept examples of `rule`, earliest first.
    pub fn samples(&self, rule: Rule) -> &[Finding] {
        self.samples.get(&rule).map(Vec::as_slice).unwrap_or(&[])
    }

    /// `(rule, count)` for every rule with findings, in [`Rule::ALL`] order.
    pub fn counts(&self) -> impl Iterator<Item = (Rule, u64)> + '_ {
        self.counts.iter().map(|(r, c)| (*r, *c))
    }

    /// The earliest finding of all, if any.
    pub fn first(&self) -> Option<&Finding> {
        self.samples.values().filter_map(|l| l.first()).min()
    }
}

/// A [`FindingLog`] as plain data: exact counts per rule and the kept examples.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingLogParts {
    /// Most examples kept per rule.
    pub sample_limit: usize,
    /// `(rule, count)` for every rule with findings, in [`Rule::ALL`] order, counts > 0.
    pub counts: Vec<(Rule, u64)>,
    /// The kept examples: per rule (in [`Rule::ALL`] order) the earliest by row, then location.
    pub samples: Vec<Finding>,
}

impl FindingLog {
    /// The counts and kept examples as plain data.
    pub fn to_parts(&self) -> FindingLogParts {
        FindingLogParts {
            sample_limit: self.sample_limit,
            counts: self.counts().collect(),
            samples: self.samples.values().flatten().cloned().collect(),
        }
    }

    /// Rebuilds a log from its counts and examples.
    ///
    /// # Errors
    /// [`CoreError::PartsInconsistent`] when a rule is listed twice or with a count of 0,
    /// or a rule has more examples than its count or the sample limit.
    pub fn from_parts(parts: &FindingLogParts) -> Result<FindingLog, CoreError> {
        let mut log = FindingLog::new(parts.sample_limit);
        for &(rule, count) in &parts.counts {
            let field = format!("findings.counts[{}]", rule.id());
            if count == 0 {
                return Err(inconsistent(&field, "a listed rule must have a count above 0"));
            }
            if log.counts.insert(rule, count).is_some() {
                return Err(inconsistent(&field, "the rule is listed twice"));
            }
            log.samples.insert(rule, Vec::new());
        }
        for finding in &parts.samples {
            let field = format!("findings.samples[{}]", finding.rule.id());
            let Some(list) = log.samples.get_mut(&finding.rule) else {
                return Err(inconsistent(&field, "an example of a rule without a count"));
            };
            list.push(finding.clone());
        }
        for (rule, list) in &mut log.samples {
            let field = format!("findings.samples[{}]", rule.id());
            let limit = log.counts.get(rule).copied().unwrap_or(0).min(parts.sample_limit as u64);
            check_at_most(
                &field,
                "the number of examples",
                list.len() as u64,
                limit,
                "the count or the sample limit",
            )?;
            list.sort();
        }
        Ok(log)
    }
}
