//! The core crate's error type.

/// Everything that can go wrong when building core values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CoreError {
    /// A scale whose minimum is not below its maximum, or with too many points.
    #[error("scale {min}..{max} is invalid: the minimum must be below the maximum and the scale may have at most 1001 points")]
    Scale {
        /// Lowest answer given.
        min: i16,
        /// Highest answer given.
        max: i16,
    },
    /// An identifier that is empty or only whitespace.
    #[error("{what} identifier is empty")]
    EmptyId {
        /// Which kind of identifier.
        what: &'static str,
    },
    /// An instrument without dimensions.
    #[error("instrument has no dimensions")]
    NoDimensions,
    /// An instrument without items.
    #[error("instrument has no items")]
    NoItems,
    /// Two dimensions or two items with the same identifier.
    #[error("{what} identifier `{id}` is used twice")]
    Duplicate {
        /// `dimension` or `item`.
        what: &'static str,
        /// The repeated identifier.
        id: String,
    },
    /// An item whose dimension index does not exist.
    #[error("item `{item}` refers to dimension #{index}, which does not exist")]
    UnknownDimension {
        /// Item identifier.
        item: String,
        /// The dimension index it names.
        index: usize,
    },
    /// A dimension that no item belongs to.
    #[error("dimension `{id}` has no items")]
    EmptyDimension {
        /// Dimension identifier.
        id: String,
    },
    /// A dimension with so many items that exact dimension means would overflow.
    #[error(
        "dimension `{id}` has {items} items, too many for exact scoring; split it into smaller dimensions"
    )]
    DimensionTooLarge {
        /// Dimension identifier.
        id: String,
        /// Its number of items.
        items: usize,
    },
    /// Two partial aggregates built for different instruments were merged.
    #[error("cannot merge partial aggregates of different shapes")]
    ShapeMismatch,
    /// A working interval that cannot be parsed or has equal start and end.
    #[error("working interval `{text}` is invalid: {reason}")]
    KpiInvalidInterval {
        /// The interval as given.
        text: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Two working intervals of a business calendar that overlap.
    #[error("working intervals on {weekday} overlap: `{first}` and `{second}`")]
    KpiOverlappingIntervals {
        /// The weekday on which they overlap.
        weekday: &'static str,
        /// One interval.
        first: String,
        /// The other interval.
        second: String,
    },
    /// A time-zone name that is not in the bundled IANA database.
    #[error("unknown time zone `{name}`: expected an IANA name such as Europe/Warsaw")]
    KpiUnknownTimeZone {
        /// The name as given.
        name: String,
    },
    /// A business calendar without any working interval in the week.
    #[error("business calendar has no working time on any weekday")]
    KpiNoWorkingTime,
    /// A ticket event timestamped before the ticket was created.
    #[error("ticket `{ticket}` has an event before its creation time")]
    KpiEventBeforeCreation {
        /// Ticket identifier.
        ticket: String,
    },
    /// Ticket events that are not sorted by time.
    #[error("events of ticket `{ticket}` are not in time order")]
    KpiEventsOutOfOrder {
        /// Ticket identifier.
        ticket: String,
    },
    /// A survey answer outside its scale.
    #[error("{survey} answer {score} is outside the scale {min}..={max}")]
    KpiScoreOutOfRange {
        /// `csat`, `nps` or `ces`.
        survey: &'static str,
        /// The answer given.
        score: i16,
        /// Lowest valid answer.
        min: i16,
        /// Highest valid answer.
        max: i16,
    },
    /// A CES answer on another scale than the engine's ([`crate::kpi::KpiOptions::ces_scale`]):
    /// one analysis has one CES scale, so means stay comparable.
    #[error(
        "ticket `{ticket}` has a CES answer on the {found} scale, but this analysis reads CES on {expected}"
    )]
    KpiCesScaleMismatch {
        /// Ticket identifier.
        ticket: String,
        /// The engine's scale (`1-5` or `1-7`).
        expected: &'static str,
        /// The answer's scale.
        found: &'static str,
    },
    /// A target whose minimum band lies on the better side of the target.
    #[error("target for {measure} has its minimum on the wrong side: when {direction} is better the minimum must not be better than the target")]
    KpiTargetBandInverted {
        /// The measure the target is for.
        measure: String,
        /// `higher` or `lower`.
        direction: &'static str,
    },
    /// A target or minimum that is NaN or infinite.
    #[error("target for {measure} is not a finite number")]
    KpiNonFiniteTarget {
        /// The measure the target is for.
        measure: String,
    },
    /// Pass-2 values of a coarse histogram bucket that do not add up to its pass-1 count
    /// (the data changed between the two passes).
    #[error("the second pass over the tickets did not see the same durations as the first; was the file changed while it was read?")]
    KpiRefinementMismatch,
    /// A quantile level outside 0..=1 or with a zero denominator.
    #[error("quantile level {numerator}/{denominator} is not between 0 and 1")]
    KpiInvalidQuantile {
        /// Numerator of the level.
        numerator: u32,
        /// Denominator of the level.
        denominator: u32,
    },
    /// An iCalendar holiday text that cannot be read.
    #[error("ical holidays, line {line}: {reason}")]
    KpiInvalidIcal {
        /// 1-based line number (after unfolding continuation lines, the line where the property starts).
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A definition profile name that servgap does not know.
    #[error(
        "unknown kpi definition profile `{name}`: expected servgap, zendesk, freshdesk, servicenow or zammad"
    )]
    KpiUnknownProfile {
        /// The name as given.
        name: String,
    },
    /// A ticket status name that is not one of the six canonical statuses.
    #[error("unknown ticket status `{name}`: expected new, open, pending, on-hold, solved or closed")]
    KpiUnknownStatus {
        /// The name as given.
        name: String,
    },
    /// A date or time computation that leaves the supported range (years −9999..=9999).
    #[error("{what} is outside the supported date range")]
    KpiTimeOutOfRange {
        /// What was being computed.
        what: &'static str,
    },
    /// An SLA target or reopen window that is zero or negative where a positive length is required.
    #[error("{what} must be a positive number of seconds")]
    KpiNonPositiveDuration {
        /// Which setting.
        what: &'static str,
    },
    /// An option value outside its admissible range or set (confidence level, coverage,
    /// example count, period, ...).
    #[error("{option} `{value}` is invalid: expected {expected}")]
    InvalidOption {
        /// The option, in words (e.g. `confidence level`).
        option: &'static str,
        /// The value as given.
        value: String,
        /// What is admissible.
        expected: String,
    },
    /// Partial sums (stored, or from an external engine) with the wrong number of entries.
    #[error("partial sums `{field}` have {found} entries, expected {expected}")]
    PartsShape {
        /// The field, as a path such as `items[T1].complete.sums`.
        field: String,
        /// Entries the instrument or options call for.
        expected: usize,
        /// Entries given.
        found: usize,
    },
    /// Partial sums made for another instrument, coverage rule or KPI setting.
    #[error("partial sums were made for a different {what}: expected `{expected}`, found `{found}`")]
    PartsMismatch {
        /// What differs, e.g. `instrument` or `item at position 3`.
        what: String,
        /// The value the instrument or options call for.
        expected: String,
        /// The value given.
        found: String,
    },
    /// Partial sums that break an invariant: counts that do not add up, impossible values.
    #[error("partial sums `{field}` are inconsistent: {rule}")]
    PartsInconsistent {
        /// The field, as a path such as `items[T1].differences.gap`.
        field: String,
        /// The broken rule, with the numbers involved.
        rule: String,
    },
    /// A target or minimum outside the range of its measure's unit (issue 11).
    #[error("target for {measure}: {value} is outside {range}")]
    KpiTargetOutOfRange {
        /// The measure the target is for.
        measure: String,
        /// The value given, in the measure's unit, as text.
        value: String,
        /// The admissible range in words, e.g. `the share range 0..=1`.
        range: &'static str,
    },
    /// A `ces-mean` target or minimum off the CES scale the analysis reads (issue 13: a
    /// target above 5 can never be met on a 1–5 scale).
    #[error("{measure} {key} {value} is off the CES scale {scale} of the analysis: on a 1–{high} scale a target must be in [1, {high}]")]
    KpiTargetOffCesScale {
        /// The measure (`ces-mean`).
        measure: String,
        /// `target` or `minimum`.
        key: &'static str,
        /// The value given, as text.
        value: String,
        /// The scale id, `1-5` or `1-7`.
        scale: &'static str,
        /// The scale's highest answer.
        high: i16,
    },
    /// More distinct values of one segment dimension than the run allows (issue 11).
    #[error(
        "more than {limit} distinct {dimension} values; raise the segment limit or leave {dimension} out of the segments"
    )]
    KpiTooManySegments {
        /// `channel`, `priority` or `team`.
        dimension: &'static str,
        /// The limit ([`crate::kpi::KpiOptions::max_segments`]).
        limit: usize,
    },
    /// Segments or waves to compare were scored with different instruments or coverage rules.
    #[error("cannot compare {what}: they were scored with different instruments or coverage rules")]
    Incomparable {
        /// What was compared, e.g. `the two waves`.
        what: &'static str,
    },
    /// A study object (unit, department, wave, standard, promise, qualitative gap) that
    /// breaks one of its rules (issue 14).
    #[error("{object} `{id}` {rule}")]
    StudyObject {
        /// `unit`, `department`, `wave`, `standard`, `promise`, `qualitative gap`, `study`.
        object: &'static str,
        /// Its identity as given.
        id: String,
        /// The rule broken, as a phrase following the id (e.g. `is defined twice`).
        rule: String,
    },
    /// A gap id that does not follow the spelling of `gap-study.md` (issue 14).
    #[error("gap id `{text}` is invalid: {rule}")]
    GapId {
        /// The id as given.
        text: String,
        /// What is wrong.
        rule: String,
    },
    /// A gap measure given inputs it cannot use (issue 14): mismatched lengths, an empty sample.
    #[error("{measure}: {rule}")]
    GapInput {
        /// Which measure, e.g. `gap 1 importance agreement`.
        measure: &'static str,
        /// What is wrong with its input.
        rule: String,
    },
}
