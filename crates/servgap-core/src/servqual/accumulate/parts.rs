//! [`SurveyParts`]: the exact sums of a [`SurveyPartials`] as plain data, and the
//! checked way back. The field layout is documented in `docs/partials-format.md`.

use super::{AllocationGroup, Coverage, SurveyPartials};
use crate::instrument::Instrument;
use crate::partials::{
    check_at_most, check_count, check_len, check_range, inconsistent, CrossProductsParts, HistogramParts,
    MomentsParts, WideCrossProductsParts,
};
use crate::servqual::Comparison;
use crate::CoreError;

/// The exact integer sums of a survey aggregate ([`SurveyPartials`]), as named fields.
///
/// Orders: items and dimensions in instrument order; batteries (the variables of
/// every per-item and per-dimension cross-product) in the format's battery order
/// (E, P; A, D, P; or P); `differences` in [`Comparison::for_format`] order.
/// Ratings are reverse-keyed where the item says so. Scores of dimensions are
/// respondent means scaled by the common denominator `denominator` (L), so a
/// respondent who answered m of a dimension's items contributes `Σ answers · L/m`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyParts {
    /// Identifier of the instrument the sums were made with.
    pub instrument: String,
    /// Format identifier (`two-column`, `three-column`, `perceptions-only`).
    pub format: String,
    /// Lowest and highest answer of the rating scale.
    pub scale: (i16, i16),
    /// Coverage rule as a share: (numerator, denominator).
    pub coverage: (u32, u32),
    /// Common denominator L of the scaled dimension means.
    pub denominator: i128,
    /// Respondents folded in (every data row, answered or not).
    pub respondents: u64,
    /// Per item, in instrument order.
    pub items: Vec<ItemParts>,
    /// Per dimension, in instrument order.
    pub dimensions: Vec<DimensionParts>,
    /// Every rating (item-major, then battery) over respondents who answered all of them.
    pub full: CrossProductsParts,
    /// Per battery: every item's rating of respondents complete on that battery but not on all.
    pub full_battery_only: Vec<CrossProductsParts>,
    /// Overall (mean of dimension) scores of respondents scored on every dimension.
    pub overall: OverallParts,
    /// Importance allocations grouped by the respondent's point total, totals increasing.
    pub allocations: Vec<AllocationParts>,
    /// Overall-satisfaction answers.
    pub satisfaction: MomentsParts,
}

/// Sums of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemParts {
    /// Item identifier.
    pub id: String,
    /// Identifier of its dimension.
    pub dimension: String,
    /// The item's batteries, over respondents who answered every battery of it.
    pub complete: CrossProductsParts,
    /// Per comparison: counts of P − X over the same respondents.
    pub differences: Vec<HistogramParts>,
    /// Zone of tolerance (three-column only, else zeros): below, inside, above, inverted (A > D).
    pub zone: [u64; 4],
    /// (P, overall satisfaction) where both are present.
    pub with_overall: CrossProductsParts,
}

/// Sums of one dimension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionParts {
    /// Dimension identifier.
    pub id: String,
    /// Scaled respondent dimension means per battery, over respondents meeting the coverage rule.
    pub scores: WideCrossProductsParts,
    /// Per comparison: counts of the scaled P − X dimension score.
    pub differences: Vec<HistogramParts>,
    /// Zone positions of the respondent dimension means (three-column only, else zeros).
    pub zone: [u64; 4],
    /// Every rating of the dimension (item-major, then battery), over respondents complete on it.
    pub listwise: CrossProductsParts,
    /// Per battery: the dimension's ratings of respondents complete on that battery but not on all.
    pub battery_only: Vec<CrossProductsParts>,
}

/// Sums of the overall scores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverallParts {
    /// Per battery, Σ over dimensions of the scaled dimension means.
    pub unweighted: WideCrossProductsParts,
    /// Per comparison: counts of Σ over dimensions of the scaled P − X dimension scores.
    pub differences: Vec<HistogramParts>,
}

/// Respondents who allocated the same total of importance points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllocationParts {
    /// Their point total T (100 for a valid allocation).
    pub total: i64,
    /// Points per dimension.
    pub points: Vec<MomentsParts>,
    /// Per battery, Σ_d points_d · scaled dimension mean (respondents scored on every dimension).
    pub weighted: WideCrossProductsParts,
}

impl Coverage {
    /// The share as (numerator, denominator).
    pub fn parts(self) -> (u32, u32) {
        (self.numerator, self.denominator)
    }
}

impl SurveyPartials {
    /// The exact sums as plain data; [`SurveyPartials::from_parts`] rebuilds an equal aggregate.
    pub fn to_parts(&self) -> SurveyParts {
        let instrument = &self.instrument;
        let items = self
            .items
            .iter()
            .zip(instrument.items())
            .map(|(item, def)| ItemParts {
                id: def.id.clone(),
                dimension: instrument.dimensions()[def.dimension].id.clone(),
                complete: item.complete.to_parts(),
                differences: item.differences.iter().map(|h| h.to_parts()).collect(),
                zone: item.zone,
                with_overall: item.with_overall.to_parts(),
            })
            .collect();
        let dimensions = self
            .dimensions
            .iter()
            .zip(instrument.dimensions())
            .map(|(dim, def)| DimensionParts {
                id: def.id.clone(),
                scores: dim.scores.to_parts(),
                differences: dim.differences.iter().map(|h| h.to_parts()).collect(),
                zone: dim.zone,
                listwise: dim.listwise.to_parts(),
                battery_only: dim.battery_only.iter().map(|c| c.to_parts()).collect(),
            })
            .collect();
        SurveyParts {
            instrument: instrument.id().to_string(),
            format: instrument.format().id().to_string(),
            scale: (instrument.scale().min(), instrument.scale().max()),
            coverage: self.coverage.parts(),
            denominator: self.denominator,
            respondents: self.respondents,
            items,
            dimensions,
            full: self.full.to_parts(),
            full_battery_only: self.full_battery_only.iter().map(|c| c.to_parts()).collect(),
            overall: OverallParts {
                unweighted: self.overall.unweighted.to_parts(),
                differences: self.overall.differences.iter().map(|h| h.to_parts()).collect(),
            },
            allocations: self
                .allocations
                .iter()
                .map(|(&total, group)| AllocationParts {
                    total,
                    points: group.points.iter().map(|m| m.to_parts()).collect(),
                    weighted: group.weighted.to_parts(),
                })
                .collect(),
            satisfaction: self.satisfaction.to_parts(),
        }
    }

    /// Rebuilds the aggregate of `instrument` from its exact sums (stored, or computed
    /// by an external engine), checking them first.
    ///
    /// Checked: the instrument, format, scale, item and dimension identifiers; the
    /// coverage rule and common denominator; the number of entries of every field;
    /// sums possible for values on the scale; histogram totals equal to the counts of
    /// their cross-products, histogram Σ value·count equal to the difference of the
    /// battery sums; zone counts adding up; no count above the respondents; importance
    /// points adding up to their group's total.
    ///
    /// # Errors
    /// [`CoreError::PartsMismatch`] when the sums were made for another instrument;
    /// [`CoreError::PartsShape`] when a field has the wrong number of entries;
    /// [`CoreError::PartsInconsistent`] naming the field and broken rule otherwise.
    pub fn from_parts(instrument: &Instrument, parts: &SurveyParts) -> Result<SurveyPartials, CoreError> {
        check_identity(instrument, parts)?;
        let (numerator, denominator) = parts.coverage;
        let coverage = Coverage::new(numerator, denominator).ok_or_else(|| {
            inconsistent("coverage", format!("{numerator}/{denominator} is not a share in (0, 1]"))
        })?;
        let mut out = SurveyPartials::new(instrument, coverage)?;
        if parts.denominator != out.denominator {
            return Err(inconsistent(
                "denominator",
                format!(
                    "is {}, but this instrument and coverage rule give {}",
                    parts.denominator, out.denominator
                ),
            ));
        }
        out.respondents = parts.respondents;
        out.load_items(parts)?;
        out.load_dimensions(parts)?;
        out.load_full(parts)?;
        out.load_overall(parts)?;
        out.load_allocations(parts)?;
        let overall_range = instrument.overall().map(|s| (i128::from(s.min()), i128::from(s.max())));
        out.satisfaction = crate::partials::Moments::from_parts(&parts.satisfaction)
            .map_err(|e| rename(e, "satisfaction"))?;
        let s = &parts.satisfaction;
        match overall_range {
            Some(range) => check_range("satisfaction", s.n, s.sum, s.sum_sq, range)?,
            None => check_count(
                "satisfaction",
                "n",
                s.n,
                0,
                "the overall-satisfaction answers the instrument asks",
            )?,
        }
        check_at_most("satisfaction", "n", s.n, parts.respondents, "the respondents")?;
        Ok(out)
    }

    fn pairs(&self) -> Pairs {
        Pairs {
            comparisons: self.comparisons.clone(),
            subtrahends: self.subtrahends.clone(),
            perceived: self.perceived,
        }
    }

    /// Value range of one rating on the scale.
    fn rating_range(&self) -> (i128, i128) {
        let scale = self.instrument.scale();
        (i128::from(scale.min()), i128::from(scale.max()))
    }

    fn load_items(&mut self, parts: &SurveyParts) -> Result<(), CoreError> {
        check_len("items", self.items.len(), parts.items.len())?;
        let rating = self.rating_range();
        let b = self.instrument.batteries().len();
        let span = i128::from(self.instrument.scale().span());
        let overall = self.instrument.overall().map(|s| (i128::from(s.min()), i128::from(s.max())));
        let pairs = self.pairs();
        for (item, given) in self.items.iter_mut().zip(&parts.items) {
            let field = format!("items[{}]", given.id);
            let complete = format!("{field}.complete");
            item.complete.load(&given.complete, &complete, &vec![rating; b])?;
            let n = given.complete.n;
            check_at_most(&complete, "n", n, parts.respondents, "the respondents")?;
            let sums: Vec<i128> = given.complete.sums.iter().map(|&s| i128::from(s)).collect();
            load_differences(
                &mut item.differences,
                &given.differences,
                (&field, &pairs),
                (-span, span),
                (n, &complete, &sums),
            )?;
            check_zone(&format!("{field}.zone"), &given.zone, n, pairs.subtrahends.len() == 2)?;
            item.zone = given.zone;
            let with_overall = format!("{field}.with_overall");
            match overall {
                Some(o) => item.with_overall.load(&given.with_overall, &with_overall, &[rating, o])?,
                None => {
                    item.with_overall.load(&given.with_overall, &with_overall, &[])?;
                    check_count(
                        &with_overall,
                        "n",
                        given.with_overall.n,
                        0,
                        "the overall-satisfaction answers the instrument asks",
                    )?;
                }
            }
            check_at_most(&with_overall, "n", given.with_overall.n, parts.respondents, "the respondents")?;
        }
        Ok(())
    }

    fn load_dimensions(&mut self, parts: &SurveyParts) -> Result<(), CoreError> {
        check_len("dimensions", self.dimensions.len(), parts.dimensions.len())?;
        let (low, high) = self.rating_range();
        let rating = (low, high);
        let b = self.instrument.batteries().len();
        let l = self.denominator;
        let span = i128::from(self.instrument.scale().span());
        let pairs = self.pairs();
        for (d, (dim, given)) in self.dimensions.iter_mut().zip(&parts.dimensions).enumerate() {
            let field = format!("dimensions[{}]", given.id);
            let scores = format!("{field}.scores");
            dim.scores.load(&given.scores, &scores, &vec![(low * l, high * l); b])?;
            let n = given.scores.n;
            check_at_most(&scores, "n", n, parts.respondents, "the respondents")?;
            load_differences(
                &mut dim.differences,
                &given.differences,
                (&field, &pairs),
                (-span * l, span * l),
                (n, &scores, &given.scores.sums),
            )?;
            check_zone(&format!("{field}.zone"), &given.zone, n, pairs.subtrahends.len() == 2)?;
            dim.zone = given.zone;
            let k = self.instrument.items_of(d).len();
            let listwise = format!("{field}.listwise");
            dim.listwise.load(&given.listwise, &listwise, &vec![rating; k * b])?;
            check_len(&format!("{field}.battery_only"), b, given.battery_only.len())?;
            for (battery, (matrix, part)) in dim.battery_only.iter_mut().zip(&given.battery_only).enumerate()
            {
                let name = format!("{field}.battery_only[{battery}]");
                matrix.load(part, &name, &vec![rating; k])?;
                check_at_most(
                    &name,
                    "n plus the listwise n",
                    part.n + given.listwise.n,
                    parts.respondents,
                    "the respondents",
                )?;
            }
        }
        Ok(())
    }

    fn load_full(&mut self, parts: &SurveyParts) -> Result<(), CoreError> {
        let rating = self.rating_range();
        let b = self.instrument.batteries().len();
        let items = self.instrument.items().len();
        self.full.load(&parts.full, "full", &vec![rating; items * b])?;
        check_at_most("full", "n", parts.full.n, parts.respondents, "the respondents")?;
        check_len("full-battery_only", b, parts.full_battery_only.len())?;
        for (battery, (matrix, part)) in
            self.full_battery_only.iter_mut().zip(&parts.full_battery_only).enumerate()
        {
            let name = format!("full-battery_only[{battery}]");
            matrix.load(part, &name, &vec![rating; items])?;
            check_at_most(
                &name,
                "n plus the full n",
                part.n + parts.full.n,
                parts.respondents,
                "the respondents",
            )?;
        }
        Ok(())
    }

    fn load_overall(&mut self, parts: &SurveyParts) -> Result<(), CoreError> {
        let (low, high) = self.rating_range();
        let b = self.instrument.batteries().len();
        let scale = self.denominator * self.dimensions.len() as i128;
        let span = i128::from(self.instrument.scale().span()) * scale;
        let given = &parts.overall;
        self.overall.unweighted.load(
            &given.unweighted,
            "overall.unweighted",
            &vec![(low * scale, high * scale); b],
        )?;
        let n = given.unweighted.n;
        for dim in &parts.dimensions {
            let of = format!("the n of dimensions[{}].scores", dim.id);
            check_at_most("overall.unweighted", "n", n, dim.scores.n, &of)?;
        }
        if parts.dimensions.is_empty() {
            check_at_most("overall.unweighted", "n", n, parts.respondents, "the respondents")?;
        }
        let pairs = self.pairs();
        load_differences(
            &mut self.overall.differences,
            &given.differences,
            ("overall", &pairs),
            (-span, span),
            (n, "overall.unweighted", &given.unweighted.sums),
        )
    }

    fn load_allocations(&mut self, parts: &SurveyParts) -> Result<(), CoreError> {
        if !self.instrument.has_importance() {
            check_len("allocations", 0, parts.allocations.len())?;
        }
        let dims = self.dimensions.len();
        let b = self.instrument.batteries().len();
        let (low, high) = self.rating_range();
        let mut previous: Option<i64> = None;
        for group in &parts.allocations {
            let field = format!("allocations[{}]", group.total);
            if group.total <= 0 {
                return Err(inconsistent(&field, format!("the point total {} is not positive", group.total)));
            }
            if previous.is_some_and(|p| group.total <= p) {
                return Err(inconsistent(&field, "point totals are not strictly increasing"));
            }
            previous = Some(group.total);
            check_len(&format!("{field}.points"), dims, group.points.len())?;
            let n = group.points.first().map_or(0, |m| m.n);
            if n == 0 {
                return Err(inconsistent(&field, "the group has no respondents"));
            }
            let total = i128::from(group.total);
            let mut points_sum: i128 = 0;
            let mut points = Vec::with_capacity(dims);
            for (d, m) in group.points.iter().enumerate() {
                let name = format!("{field}.points[{d}]");
                check_count(&name, "n", m.n, n, "the n of the group's first dimension")?;
                let moments = crate::partials::Moments::from_parts(m).map_err(|e| rename(e, &name))?;
                check_range(&name, m.n, m.sum, m.sum_sq, (0, total))?;
                points_sum += m.sum;
                points.push(moments);
            }
            let expected = total * i128::from(n);
            if points_sum != expected {
                return Err(inconsistent(
                    &format!("{field}.points"),
                    format!("the points add up to {points_sum}, but {n} respondents with {total} points each give {expected}"),
                ));
            }
            check_at_most(&field, "n", n, parts.respondents, "the respondents")?;
            let l = self.denominator;
            let mut weighted = crate::partials::WideCrossProducts::new(b);
            let name = format!("{field}.weighted");
            weighted.load(&group.weighted, &name, &vec![(low * l * total, high * l * total); b])?;
            check_at_most(&name, "n", group.weighted.n, n, "the group's respondents")?;
            self.allocations.insert(group.total, AllocationGroup { points, weighted });
        }
        Ok(())
    }
}

/// Checks the instrument identity fields against `instrument`.
fn check_identity(instrument: &Instrument, parts: &SurveyParts) -> Result<(), CoreError> {
    let mismatch = |what: &str, expected: String, found: String| {
        if expected == found {
            Ok(())
        } else {
            Err(CoreError::PartsMismatch { what: what.to_string(), expected, found })
        }
    };
    mismatch("instrument", instrument.id().to_string(), parts.instrument.clone())?;
    mismatch("format", instrument.format().id().to_string(), parts.format.clone())?;
    let scale = instrument.scale();
    mismatch(
        "scale",
        format!("{}..={}", scale.min(), scale.max()),
        format!("{}..={}", parts.scale.0, parts.scale.1),
    )?;
    check_len("items", instrument.items().len(), parts.items.len())?;
    for (position, (item, given)) in instrument.items().iter().zip(&parts.items).enumerate() {
        let what = format!("item at position {}", position + 1);
        mismatch(&what, item.id.clone(), given.id.clone())?;
        let dimension = &instrument.dimensions()[item.dimension].id;
        mismatch(&format!("dimension of item {}", item.id), dimension.clone(), given.dimension.clone())?;
    }
    check_len("dimensions", instrument.dimensions().len(), parts.dimensions.len())?;
    for (position, (dim, given)) in instrument.dimensions().iter().zip(&parts.dimensions).enumerate() {
        mismatch(&format!("dimension at position {}", position + 1), dim.id.clone(), given.id.clone())?;
    }
    Ok(())
}

/// The comparisons of the format: P − X for each subtrahend battery X.
struct Pairs {
    comparisons: Vec<Comparison>,
    subtrahends: Vec<usize>,
    perceived: usize,
}

/// Loads the per-comparison histograms of one item, dimension or the overall score:
/// values in `range`, totals equal to `n` of `of`, and Σ value·count equal to
/// `sums[P] − sums[X]`, the difference of the battery sums of `of`.
fn load_differences(
    histograms: &mut [crate::partials::Histogram],
    given: &[HistogramParts],
    (field, pairs): (&str, &Pairs),
    range: (i128, i128),
    (n, of, sums): (u64, &str, &[i128]),
) -> Result<(), CoreError> {
    check_len(&format!("{field}.differences"), pairs.comparisons.len(), given.len())?;
    for ((histogram, part), (comparison, &s)) in
        histograms.iter_mut().zip(given).zip(pairs.comparisons.iter().zip(&pairs.subtrahends))
    {
        let name = format!("{field}.differences.{}", comparison.id());
        histogram.load(part, &name, Some(range))?;
        check_count(&name, "the total count", part.total(), n, &format!("the n of {of}"))?;
        let expected = sums[pairs.perceived] - sums[s];
        match part.weighted_sum() {
            Some(sum) if sum == expected => {}
            sum => {
                let sum = sum.map_or_else(|| "beyond 128 bits".to_string(), |s| s.to_string());
                return Err(inconsistent(
                    &name,
                    format!("Σ value·count is {sum}, but the battery sums of {of} differ by {expected}"),
                ));
            }
        }
    }
    Ok(())
}

/// Zone counts add up to `n` (three-column) or are all zero.
fn check_zone(field: &str, zone: &[u64; 4], n: u64, three_column: bool) -> Result<(), CoreError> {
    let total: u64 = zone.iter().sum();
    let expected = if three_column { n } else { 0 };
    if total == expected {
        return Ok(());
    }
    let why = if three_column {
        "the n of the cross-products"
    } else {
        "zero for a format without a zone of tolerance"
    };
    Err(inconsistent(field, format!("the zone counts add up to {total}, but must equal {why} ({expected})")))
}

/// Points a building block's error at `field`.
fn rename(error: CoreError, field: &str) -> CoreError {
    match error {
        CoreError::PartsInconsistent { rule, .. } => {
            CoreError::PartsInconsistent { field: field.to_string(), rule }
        }
        other => other,
    }
}
