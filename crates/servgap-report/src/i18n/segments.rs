//! Words of the segment detail (`analyze --by`): item gap tables per segment, the
//! heat map and the post-hoc pairs, in English and Polish (issue 12, item 7).

use super::Lang;

/// Fixed labels of the segment detail.
#[derive(Debug)]
pub struct SegmentLabels {
    /// Heading of the item × segment gap matrix.
    pub h_item_gaps: &'static str,
    /// Heading of the per-segment item detail table.
    pub h_item_detail: &'static str,
    /// Heading of the post-hoc tables.
    pub h_pairs: &'static str,
    /// Column: the pair of segments.
    pub col_pair: &'static str,
    /// Column: difference of means.
    pub col_difference: &'static str,
    /// Column: mean of E (or of the subtrahend battery).
    pub col_mean_of: &'static str,
    /// Method name of Games–Howell.
    pub games_howell: &'static str,
    /// Method name of Dunn's test with Holm adjustment.
    pub dunn_holm: &'static str,
    /// Column: Dunn's Holm-adjusted p.
    pub col_p_holm_pairs: &'static str,
    /// Mark of a significant shortfall, explained.
    pub legend_shortfall: &'static str,
    /// Mark of a significant surplus, explained.
    pub legend_surplus: &'static str,
    /// Column: the mark of a pair that differs.
    pub col_differs: &'static str,
    /// Column: an item's significant shortfall (▼) or surplus (▲) mark.
    pub col_item_mark: &'static str,
    /// A pair that differs, explained.
    pub legend_pair_differs: &'static str,
}

const EN: SegmentLabels = SegmentLabels {
    h_item_gaps: "Item gaps by segment",
    h_item_detail: "Items by segment in detail",
    h_pairs: "Pairwise comparisons between segments",
    col_pair: "Segments",
    col_difference: "Difference",
    col_mean_of: "Mean",
    games_howell: "Games–Howell",
    dunn_holm: "Dunn, Holm-adjusted",
    col_p_holm_pairs: "p (Holm)",
    legend_shortfall:
        "▼ significant shortfall: mean below 0, paired-t p Holm-adjusted over the segment’s items below 0.05",
    legend_surplus: "▲ significant surplus: mean above 0, same test",
    col_differs: "Differs",
    col_item_mark: "Significant shortfall or surplus",
    legend_pair_differs: "● the pair differs (adjusted p below 0.05)",
};

const PL: SegmentLabels = SegmentLabels {
    h_item_gaps: "Luki pozycji według segmentów",
    h_item_detail: "Pozycje według segmentów — szczegóły",
    h_pairs: "Porównania parami między segmentami",
    col_pair: "Segmenty",
    col_difference: "Różnica",
    col_mean_of: "Średnia",
    games_howell: "Games–Howell",
    dunn_holm: "Dunn, korekta Holma",
    col_p_holm_pairs: "p (Holm)",
    legend_shortfall: "▼ istotny niedobór: średnia poniżej 0, p testu t dla par skorygowane metodą Holma względem pozycji segmentu poniżej 0,05",
    legend_surplus: "▲ istotna nadwyżka: średnia powyżej 0, ten sam test",
    col_differs: "Różnią się",
    col_item_mark: "Istotny niedobór lub nadwyżka",
    legend_pair_differs: "● para się różni (skorygowane p poniżej 0,05)",
};

impl Lang {
    /// Fixed labels of the segment detail.
    pub fn segment_labels(self) -> &'static SegmentLabels {
        match self {
            Lang::En => &EN,
            Lang::Pl => &PL,
        }
    }

    /// Introduction of the item × segment matrix of `measure` (its short name).
    pub fn segment_items_intro(self, column: &str, measure: &str) -> String {
        match self {
            Lang::En => format!(
                "Each cell is a “{column}” segment’s mean {measure} for the item, from its own respondents; marks show where the item fails (▼) or exceeds (▲) significantly in that segment. The detail table below gives n, the means of both batteries, the interval and the adjusted p."
            ),
            Lang::Pl => format!(
                "Każda komórka to średnia wartość ({measure}) pozycji w segmencie „{column}”, z odpowiedzi jego respondentów; znaczniki pokazują, gdzie pozycja w tym segmencie istotnie zawodzi (▼) lub przewyższa standard (▲). Tabela szczegółów poniżej podaje n, średnie obu baterii, przedział i skorygowane p."
            ),
        }
    }

    /// Introduction of the post-hoc tables.
    pub fn segment_pairs_intro(self) -> &'static str {
        match self {
            Lang::En => "Which segments differ from which, for each dimension (and the overall score) where the omnibus test is significant: Games–Howell after Welch’s ANOVA (Welch’s t per pair, p from the studentized range, which already accounts for all pairs) and Dunn’s test after Kruskal–Wallis (tie-corrected mean ranks, p Holm-adjusted over the pairs). Difference is the first segment minus the second.",
            Lang::Pl => "Które segmenty różnią się od których, w każdym wymiarze (i wyniku ogólnym), w którym test ogólny jest istotny: Games–Howell po ANOVA Welcha (t Welcha dla każdej pary, p z rozkładu rozstępu studentyzowanego, który uwzględnia już wszystkie pary) oraz test Dunna po teście Kruskala–Wallisa (średnie rangi z poprawką na wiązania, p skorygowane metodą Holma względem par). Różnica to pierwszy segment minus drugi.",
        }
    }

    /// Scopes without pairwise comparisons because neither omnibus test is significant.
    pub fn segment_pairs_not_warranted(self, scopes: &[String]) -> String {
        let list = self.list(scopes);
        match self {
            Lang::En => format!(
                "No pairwise comparisons for {list}: neither Welch’s ANOVA nor Kruskal–Wallis is significant there, so no pair is tested."
            ),
            Lang::Pl => format!(
                "Brak porównań parami dla: {list} — ani ANOVA Welcha, ani test Kruskala–Wallisa nie są tam istotne, więc żadna para nie jest testowana."
            ),
        }
    }

    /// Pairs not computed: more tested segments than `limit`.
    pub fn segment_pairs_too_many(self, limit: usize) -> String {
        match self {
            Lang::En => format!(
                "Pairwise comparisons are computed for at most {limit} tested segments; this split has more, so only the omnibus tests are shown."
            ),
            Lang::Pl => format!(
                "Porównania parami są liczone dla najwyżej {limit} testowanych segmentów; ten podział ma ich więcej, więc pokazano tylko testy ogólne."
            ),
        }
    }

    /// Only the differing pairs are listed: `shown` of `total`.
    pub fn segment_pairs_filtered(self, shown: usize, total: usize) -> String {
        match self {
            Lang::En => format!(
                "With this many segments only the pairs that differ in at least one test are listed ({shown} of {total} pairs tested); the JSON report has them all."
            ),
            Lang::Pl => format!(
                "Przy tylu segmentach wymieniono tylko pary, które różnią się w co najmniej jednym teście ({shown} z {total} testowanych par); raport JSON zawiera wszystkie."
            ),
        }
    }

    /// A test whose omnibus result did not warrant one of the two post-hoc methods.
    pub fn segment_pairs_method_skipped(self, method: &str) -> String {
        match self {
            Lang::En => format!("– {method}: omnibus test not significant, pairs not tested"),
            Lang::Pl => format!("– {method}: test ogólny nieistotny, pary nietestowane"),
        }
    }

    /// Title of the heat map of `measure` (its name).
    pub fn segment_heatmap_title(self, measure: &str, column: &str, part: Option<(usize, usize)>) -> String {
        let suffix = part.map(|(i, n)| format!(" ({i}/{n})")).unwrap_or_default();
        match self {
            Lang::En => format!("{measure} per item and {column} segment{suffix}"),
            Lang::Pl => format!("{measure} według pozycji i segmentów: {column}{suffix}"),
        }
    }

    /// Description of the heat map.
    pub fn segment_heatmap_description(self, measure: &str, segments: &[String]) -> String {
        let list = self.list(segments);
        match self {
            Lang::En => format!(
                "A grid with one row per item and one column per segment ({list}). Each cell shows the segment’s mean {measure} for the item; its colour runs from orange (below 0, a shortfall) through white to purple (above 0). ▼ marks a significant shortfall and ▲ a significant surplus within the segment (Holm-adjusted p below 0.05); an empty grey cell has no mean."
            ),
            Lang::Pl => format!(
                "Siatka z wierszem dla każdej pozycji i kolumną dla każdego segmentu ({list}). Każda komórka pokazuje średnią wartość ({measure}) pozycji w segmencie; kolor przechodzi od pomarańczowego (poniżej 0, niedobór) przez biały do fioletowego (powyżej 0). ▼ oznacza istotny niedobór, a ▲ istotną nadwyżkę w segmencie (p skorygowane metodą Holma poniżej 0,05); pusta szara komórka nie ma średniej."
            ),
        }
    }

    /// Legend of the heat map's colour scale.
    pub fn segment_heatmap_scale(self) -> &'static str {
        match self {
            Lang::En => "mean, scale points",
            Lang::Pl => "średnia, punkty skali",
        }
    }
}
