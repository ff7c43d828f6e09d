//! The methods appendix, generated from the options actually used (`report.method`)
//! and the counts of the run; shared by the HTML and Markdown reports.

use crate::i18n::Lang;
use crate::model::AnalysisReport;

/// `(heading, paragraph)` pairs in the report's language.
pub fn paragraphs(report: &AnalysisReport, lang: Lang) -> Vec<(&'static str, String)> {
    let l = lang.labels();
    let m = &report.method;
    let mut out = Vec::new();
    let coverage = lang.percent(m.dimension_coverage);
    let covered = report.respondents.fully_covered;
    let total = report.respondents.total;
    out.push((
        l.m_missing,
        match lang {
            Lang::En => format!(
                "Items: pairwise deletion, so a respondent counts for an item when every rating of it is valid. \
                 Dimensions: a respondent's dimension score is the mean of their valid items and needs at least {coverage} \
                 of the dimension's items. Overall scores: only respondents scored on every dimension ({covered} of {total}). \
                 Reliability: listwise on each scale. The difference-score reliability r_DD takes every ingredient \
                 (α of P, α of the subtracted battery, the variances and r between the summed scales) from one sample: the \
                 respondents complete on every rating of the dimension; its n is shown. α, its Feldt interval and every \
                 correlation are left out, with the reason, below 3 respondents, with fewer than two items or without \
                 variance; r_DD is left out below −1 and marked when negative or based on fewer than 30 respondents. \
                 Invalid cells (not a number, out of scale, blank) count as missing; the data-quality section lists them."
            ),
            Lang::Pl => format!(
                "Pozycje: usuwanie parami – respondent jest uwzględniany w pozycji, gdy wszystkie jej oceny są poprawne. \
                 Wymiary: wynik respondenta w wymiarze to średnia jego poprawnych pozycji i wymaga co najmniej {coverage} \
                 pozycji wymiaru. Wyniki ogólne: tylko respondenci z wynikiem w każdym wymiarze ({covered} z {total}). \
                 Rzetelność: usuwanie wierszami (listwise) w każdej skali. Rzetelność wyniku różnicowego r_DD bierze \
                 wszystkie składniki (α P, α odejmowanej baterii, wariancje i r zsumowanych skal) z jednej próby: \
                 respondentów z kompletem ocen wymiaru; podajemy jej n. α, przedział Feldta i korelacje są pomijane, \
                 z podaniem powodu, przy mniej niż 3 respondentach, mniej niż dwóch pozycjach lub braku zmienności; \
                 r_DD jest pomijana poniżej −1 i oznaczana, gdy jest ujemna lub opiera się na mniej niż 30 respondentach. \
                 Niepoprawne komórki (nie liczba, poza skalą, puste) są traktowane jako braki danych; wymienia je sekcja \
                 jakości danych."
            ),
        },
    ));

    let level = lang.percent(m.confidence);
    let zeros = match (lang, m.wilcoxon_zero_method.as_str()) {
        (Lang::En, "pratt") => "zero differences ranked and then dropped (Pratt)",
        (Lang::En, _) => "zero differences dropped before ranking (Wilcoxon; R and scipy default)",
        (Lang::Pl, "pratt") => "zerowe różnice rangowane, a następnie pomijane (Pratt)",
        (Lang::Pl, _) => "zerowe różnice pomijane przed rangowaniem (Wilcoxon; domyślnie w R i scipy)",
    };
    let continuity = match (lang, m.wilcoxon_continuity) {
        (Lang::En, true) => "with a continuity correction of ½ (R default)",
        (Lang::En, false) => "without continuity correction (scipy default)",
        (Lang::Pl, true) => "z poprawką na ciągłość ½ (domyślnie w R)",
        (Lang::Pl, false) => "bez poprawki na ciągłość (domyślnie w scipy)",
    };
    let method = match (lang, m.wilcoxon_method.as_str()) {
        (Lang::En, "exact") => "exact p wherever possible",
        (Lang::En, "normal") => "normal approximation throughout",
        (Lang::En, _) => "exact p (permutation distribution with mid-ranks, ties and zeros included) up to 50 non-zero differences, normal approximation with tie correction above",
        (Lang::Pl, "exact") => "dokładne p wszędzie, gdzie to możliwe",
        (Lang::Pl, "normal") => "zawsze przybliżenie normalne",
        (Lang::Pl, _) => "dokładne p (rozkład permutacyjny z rangami średnimi, także przy wiązaniach i zerach) do 50 niezerowych różnic, powyżej przybliżenie normalne z poprawką na wiązania",
    };
    out.push((
        l.m_tests,
        match lang {
            Lang::En => format!(
                "Paired t test, two-sided, with t-based {level} confidence intervals of the mean difference. \
                 Wilcoxon signed-rank test: {zeros}, {continuity}, {method}. p-values are adjusted by Holm's step-down \
                 method (shown in the tables) and by Benjamini–Hochberg (in the JSON output), separately over the items \
                 and over the dimensions. A p-value below 1e-300 (where double precision underflows) is shown as \
                 \"< 1e-300\", never as 0."
            ),
            Lang::Pl => format!(
                "Test t dla prób zależnych, dwustronny, z {level} przedziałami ufności średniej różnicy opartymi na rozkładzie t. \
                 Test rangowanych znaków Wilcoxona: {zeros}, {continuity}, {method}. Wartości p są korygowane \
                 metodą krokową Holma (w tabelach) oraz Benjaminiego–Hochberga (w wyjściu JSON), osobno dla pozycji \
                 i dla wymiarów. Wartość p poniżej 1e-300 (granica podwójnej precyzji) jest podawana jako \
                 „< 1e-300”, nigdy jako 0."
            ),
        },
    ));

    out.push((
        l.m_effect_sizes,
        match lang {
            Lang::En => "Cohen's d_z = mean difference / SD of the differences (in the tables); d_av = mean difference / √((s²_P + s²_X)/2), signed; \
                         matched-pairs rank-biserial r = (R⁺ − R⁻)/(R⁺ + R⁻) (Kerby 2014), R± being the rank sums of the non-zero differences ranked among themselves, \
                         whatever the zero handling (as pingouin; under Pratt the JSON adds the variant on the Pratt ranks the test used). The benchmarks 0.2, 0.5 and 0.8 are conventions, not verdicts."
                .to_owned(),
            Lang::Pl => "d_z Cohena = średnia różnica / odchylenie standardowe różnic (w tabelach); d_av = średnia różnica / √((s²_P + s²_X)/2), ze znakiem; \
                         dwuseryjna korelacja rangowa dla par r = (R⁺ − R⁻)/(R⁺ + R⁻) (Kerby 2014), gdzie R± to sumy rang niezerowych różnic rangowanych między sobą, \
                         niezależnie od traktowania zer (jak w pingouin; przy metodzie Pratta JSON podaje też wariant na rangach Pratta użytych w teście). Progi 0,2, 0,5 i 0,8 są konwencją, a nie werdyktem."
                .to_owned(),
        },
    ));

    let weighted = report.overall.iter().any(|o| o.aggregation == "weighted");
    let renormalised = report.respondents.renormalised_allocations;
    out.push((
        l.m_weighting,
        match (lang, report.instrument.importance, weighted) {
            (Lang::En, _, true) => format!(
                "The weighted score uses each respondent's own importance points divided by their total \
                 (Parasuraman, Zeithaml & Berry 1990), on the same scale as the unweighted score. {} {} renormalised \
                 because the points did not total 100.",
                renormalised,
                lang.plural(renormalised, ("allocation was", "allocations were", "allocations were"))
            ),
            (Lang::Pl, _, true) => format!(
                "Wynik ważony wykorzystuje własne punkty ważności każdego respondenta podzielone przez ich sumę \
                 (Parasuraman, Zeithaml i Berry 1990), na tej samej skali co wynik nieważony. Przeskalowano {} \
                 punktów, które nie sumowały się do 100.",
                lang.count(renormalised, ("podział", "podziały", "podziałów"))
            ),
            (Lang::En, true, false) => "The instrument asks for importance points, but the data contain no usable allocation, so no weighted score is reported.".to_owned(),
            (Lang::Pl, true, false) => "Narzędzie zawiera podział punktów ważności, ale dane nie zawierają żadnego użytecznego podziału, więc wynik ważony nie jest podawany.".to_owned(),
            (Lang::En, false, false) => "The instrument has no importance block: scores are unweighted.".to_owned(),
            (Lang::Pl, false, false) => "Narzędzie nie zawiera bloku ważności: wyniki są nieważone.".to_owned(),
        },
    ));

    if let Some(ipa) = &report.ipa {
        let cut = lang.num(Some(ipa.performance_cut), 2);
        let crosshair = match (lang, m.ipa_crosshair.as_str()) {
            (Lang::En, "scale-midpoint") => format!("the midpoint of the answer scale ({cut})"),
            (Lang::En, _) => format!("the mean of the items' mean perceptions ({cut}, data-centred)"),
            (Lang::Pl, "scale-midpoint") => format!("środek skali odpowiedzi ({cut})"),
            (Lang::Pl, _) => {
                format!("średnia ze średnich percepcji pozycji ({cut}, wyśrodkowanie na danych)")
            }
        };
        out.push((
            l.m_ipa,
            match lang {
                Lang::En => format!(
                    "Performance is the item's mean perception; the performance crosshair is {crosshair}. Stated importance \
                     is dimension-level: the mean points given to the item's dimension, shared by all its items; its \
                     crosshair is the equal share of the allocation, 100 / number of dimensions. Derived importance is \
                     the Pearson r of the item's P with overall satisfaction ({} answers); its crosshair is the mean r \
                     over the items that have one (Martilla & James 1977). No derived importance and no quadrant rests \
                     on fewer than {} respondents: below that the standard error of r is about 0.19 or more (at n = 2, \
                     r is always ±1), too much to order items by importance.",
                    report.respondents.satisfaction_answers, ipa.min_n
                ),
                Lang::Pl => format!(
                    "Wykonanie to średnia percepcja pozycji; oś podziału wykonania to {crosshair}. Ważność deklarowana \
                     dotyczy wymiaru: to średnia liczba punktów przyznanych wymiarowi pozycji, wspólna dla wszystkich jego \
                     pozycji; jej oś podziału to równy udział, 100 / liczba wymiarów. Ważność pochodna to r Pearsona między \
                     P pozycji a ogólnym zadowoleniem (odpowiedzi: {}); jej oś podziału to średnie r pozycji, które je mają \
                     (Martilla i James 1977). Ważność pochodna i ćwiartki wymagają co najmniej {} respondentów: poniżej \
                     błąd standardowy r wynosi około 0,19 lub więcej (przy n = 2 r zawsze wynosi ±1), za dużo, by \
                     porządkować pozycje według ważności.",
                    report.respondents.satisfaction_answers, ipa.min_n
                ),
            },
        ));
    }

    let ns: Vec<u64> = report.items.iter().map(|i| i.n).collect();
    let (min, max) = (ns.iter().copied().min().unwrap_or(0), ns.iter().copied().max().unwrap_or(0));
    let short: Vec<String> =
        report.items.iter().filter(|i| i.n < max).map(|i| format!("{} (n = {})", i.id, i.n)).collect();
    out.push((
        l.m_coverage,
        match lang {
            Lang::En => {
                let mut text =
                    format!("n per item ranges from {min} to {max} of the {total} respondents read.");
                if !short.is_empty() {
                    text.push_str(&format!(" Items below {max}: {}.", lang.list(&short)));
                }
                text
            }
            Lang::Pl => {
                let mut text =
                    format!("n na pozycję wynosi od {min} do {max} spośród {total} wczytanych respondentów.");
                if !short.is_empty() {
                    text.push_str(&format!(" Pozycje poniżej {max}: {}.", lang.list(&short)));
                }
                text
            }
        },
    ));

    let reader: Vec<String> = report.input.reader.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    if !reader.is_empty() {
        out.push((l.m_reading, format!("{}.", reader.join("; "))));
    }
    out.push((
        l.m_software,
        match lang {
            Lang::En => format!(
                "servgap {}, report schema {}. All statistics are computed from exact integer sums, so the results do not depend on row order.",
                &report.servgap_version, report.schema
            ),
            Lang::Pl => format!(
                "servgap {}, schemat raportu {}. Wszystkie statystyki są liczone z dokładnych sum całkowitych, więc wyniki nie zależą od kolejności wierszy.",
                &report.servgap_version, report.schema
            ),
        },
    ));
    out.extend(segment_methods(report, lang));
    out
}

// ------------------------------------------------------------------ segments (issue 12, item 7)

/// The segment paragraph of the methods appendix (only with `--by`): the omnibus
/// tests, the post-hoc pairs and the item marks.
fn segment_methods(report: &AnalysisReport, lang: Lang) -> Option<(&'static str, String)> {
    let view = report.segments.as_ref()?;
    let limit = view.max_posthoc_segments;
    let text = match lang {
        Lang::En => format!(
            "Segments (“{}”): each segment is analysed alone, as the whole survey is. Across segments, per dimension and \
             for the unweighted overall score, on the respondents' scores: Welch's ANOVA, the classic one-way ANOVA and \
             Kruskal–Wallis (tie-corrected), Welch and Kruskal–Wallis p Holm-adjusted over the dimensions. Post-hoc \
             pairs only where the omnibus test is significant (adjusted p < 0.05; unadjusted for the overall score) and \
             at most {limit} segments are tested: Games–Howell after Welch's ANOVA (Welch's t and df per pair, p from the \
             studentized range with k tested segments, computed by Gauss–Legendre quadrature as R's ptukey, which \
             controls the error over all pairs) and Dunn's test after Kruskal–Wallis (mean mid-ranks of the exact \
             scores, tie-corrected variance, two-sided normal p, Holm-adjusted over the pairs). Item tables per \
             segment: an item's gap is marked a significant shortfall (▼) or surplus (▲) when its paired-t p, \
             Holm-adjusted over the segment's items, is below 0.05.",
            view.column
        ),
        Lang::Pl => format!(
            "Segmenty („{}”): każdy segment jest analizowany osobno, tak jak całe badanie. Między segmentami, w każdym \
             wymiarze i dla nieważonego wyniku ogólnego, na wynikach respondentów: ANOVA Welcha, klasyczna \
             jednoczynnikowa ANOVA i test Kruskala–Wallisa (z poprawką na wiązania), p Welcha i Kruskala–Wallisa \
             skorygowane metodą Holma względem wymiarów. Porównania parami tylko tam, gdzie test ogólny jest istotny \
             (skorygowane p < 0,05; dla wyniku ogólnego nieskorygowane) i testowanych jest najwyżej {limit} segmentów: \
             Games–Howell po ANOVA Welcha (t i df Welcha dla każdej pary, p z rozkładu rozstępu studentyzowanego dla \
             k testowanych segmentów, liczone kwadraturą Gaussa–Legendre’a jak ptukey w R, co kontroluje błąd dla \
             wszystkich par) oraz test Dunna po teście Kruskala–Wallisa (średnie rangi dokładnych wyników, wariancja \
             z poprawką na wiązania, dwustronne p z rozkładu normalnego, korekta Holma względem par). Tabele pozycji \
             w segmentach: luka pozycji jest oznaczana jako istotny niedobór (▼) lub nadwyżka (▲), gdy p testu t dla \
             par, skorygowane metodą Holma względem pozycji segmentu, jest poniżej 0,05.",
            view.column
        ),
    };
    Some((lang.compare_labels().h_segments, text))
}
