use std::collections::BTreeSet;

use super::*;
use crate::instrument::Battery;

fn all() -> Vec<Instrument> {
    builtin_ids().iter().filter_map(|id| builtin(id)).collect()
}

/// The SERVQUAL family (the RATER structure with customer batteries).
fn servqual_family() -> Vec<Instrument> {
    vec![servqual22(), servqual22_three_column(), servperf22()]
}

#[test]
fn every_id_resolves_to_an_instrument_with_that_id() {
    assert_eq!(
        builtin_ids(),
        ["servqual22", "servqual22-3col", "servperf22", "management22", "management-factors", "employee"]
    );
    for id in builtin_ids() {
        let instrument = builtin(id).unwrap_or_else(|| panic!("no builtin `{id}`"));
        assert_eq!(instrument.id(), *id);
    }
    assert_eq!(all().len(), 6);
    assert!(builtin("servqual").is_none());
    assert!(builtin("SERVQUAL22").is_none());
}

#[test]
fn trusted_build_equals_validated_build() {
    for spec in [
        servqual22_spec(),
        servqual22_three_column_spec(),
        servperf22_spec(),
        staff::management22_spec(),
        staff::management_factors_spec(),
        staff::employee_spec(),
    ] {
        let checked = spec.clone().build();
        assert_eq!(checked, Ok(spec.build_trusted()));
    }
}

#[test]
fn dimensions_in_rater_order_with_4_5_4_4_5_items() {
    for instrument in servqual_family().into_iter().chain([management22()]) {
        let ids: Vec<&str> = instrument.dimensions().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]);
        let counts: Vec<usize> =
            (0..instrument.dimensions().len()).map(|d| instrument.items_of(d).len()).collect();
        assert_eq!(counts, [4, 5, 4, 4, 5], "{}", instrument.id());
    }
}

#[test]
fn items_are_numbered_1_to_22_and_grouped_as_in_1991() {
    let sq = servqual22();
    let ids: Vec<&str> = sq.items().iter().map(|i| i.id.as_str()).collect();
    let expected: Vec<String> = (1..=22).map(|n: u32| n.to_string()).collect();
    assert_eq!(ids, expected);
    let membership = [(0, 1..=4), (1, 5..=9), (2, 10..=13), (3, 14..=17), (4, 18..=22)];
    for (dimension, numbers) in membership {
        let got: Vec<&str> = sq.items_of(dimension).iter().map(|&i| sq.items()[i].id.as_str()).collect();
        let want: Vec<String> = numbers.map(|n: u32| n.to_string()).collect();
        assert_eq!(got, want);
    }
    assert!(sq.items().iter().all(|i| !i.reverse_keyed));
}

#[test]
fn ids_are_unique() {
    for instrument in all() {
        let items: BTreeSet<&str> = instrument.items().iter().map(|i| i.id.as_str()).collect();
        assert_eq!(items.len(), instrument.items().len());
        let dims: BTreeSet<&str> = instrument.dimensions().iter().map(|d| d.id.as_str()).collect();
        assert_eq!(dims.len(), instrument.dimensions().len());
    }
}

#[test]
fn every_text_exists_in_english_and_polish() {
    for instrument in all() {
        assert_eq!(instrument.complete_languages(), ["en", "pl"]);
        for lang in ["en", "pl"] {
            assert!(instrument.title().exact(lang).is_some_and(|t| !t.trim().is_empty()));
            for d in instrument.dimensions() {
                assert!(d.name.exact(lang).is_some_and(|t| !t.trim().is_empty()), "{}", d.id);
                assert!(d.description.exact(lang).is_some_and(|t| !t.trim().is_empty()), "{}", d.id);
            }
            for item in instrument.items() {
                let text = item.text.exact(lang).unwrap_or_default();
                assert!(text.ends_with('.'), "item {} ({lang}): {text}", item.id);
                assert!(text.starts_with(char::is_uppercase), "item {} ({lang}): {text}", item.id);
            }
        }
    }
}

#[test]
fn statements_are_distinct() {
    let sq = servqual22();
    for lang in ["en", "pl"] {
        let texts: BTreeSet<&str> = sq.items().iter().filter_map(|i| i.text.exact(lang)).collect();
        assert_eq!(texts.len(), 22, "{lang}");
    }
}

#[test]
fn polish_texts_use_polish_letters() {
    // Guards against an ASCII-only (diacritics stripped) copy.
    let sq = servqual22();
    let polish = "ąćęłńóśźż";
    let with_diacritics = sq
        .items()
        .iter()
        .filter_map(|i| i.text.exact("pl"))
        .filter(|t| t.chars().any(|c| polish.contains(c.to_lowercase().next().unwrap_or(c))))
        .count();
    assert!(with_diacritics >= 15, "only {with_diacritics} Polish statements have diacritics");
}

#[test]
fn formats_scales_and_extras() {
    let sq = servqual22();
    assert_eq!(sq.format(), Format::TwoColumn);
    assert_eq!(sq.batteries(), [Battery::Expected, Battery::Perceived]);
    assert_eq!((sq.scale().min(), sq.scale().max()), (1, 7));
    assert!(sq.has_importance());
    assert_eq!(sq.overall(), Some(Scale::seven_point()));
    assert_eq!(sq.rating_count(), 44);

    let three = servqual22_three_column();
    assert_eq!(three.format(), Format::ThreeColumn);
    assert_eq!((three.scale().min(), three.scale().max()), (1, 9));
    assert_eq!(three.overall(), Some(Scale::nine_point()));
    assert_eq!(three.rating_count(), 66);
    assert_eq!(three.items(), sq.items());
    assert_eq!(three.dimensions(), sq.dimensions());

    let perf = servperf22();
    assert_eq!(perf.format(), Format::PerceptionsOnly);
    assert_eq!(perf.scale(), Scale::seven_point());
    assert_eq!(perf.rating_count(), 22);
    assert_eq!(perf.items(), sq.items());
}

#[test]
fn const_scales_match_the_checked_constructor() {
    assert_eq!(Scale::new(1, 7), Ok(Scale::seven_point()));
    assert_eq!(Scale::new(1, 9), Ok(Scale::nine_point()));
}

#[test]
fn issue_14_management_battery_pairs_with_servqual22_by_item_and_dimension() {
    let managers = management22();
    let customers = servqual22();
    let ids = |i: &Instrument| i.items().iter().map(|it| (it.id.clone(), it.dimension)).collect::<Vec<_>>();
    assert_eq!(ids(&managers), ids(&customers));
    assert_eq!(managers.dimensions(), customers.dimensions());
    assert!(managers.has_importance(), "managers allocate the 100 points as customers would");
    assert_eq!(managers.overall(), None);
    assert_eq!(managers.batteries(), [Battery::Perceived], "one rating per item: the prediction");
    for item in managers.items() {
        let en = item.text.exact("en").unwrap_or_default();
        let pl = item.text.exact("pl").unwrap_or_default();
        assert!(en.starts_with("Customers expect"), "{en}");
        assert!(pl.starts_with("Klienci oczekują"), "{pl}");
    }
}

#[test]
fn issue_14_factor_scales_of_the_1988_model_with_their_gaps_and_signs() {
    let role = |id: &str| scale_role(id).unwrap_or_else(|| panic!("no role for {id}"));
    let managers: Vec<String> = management_factors().dimensions().iter().map(|d| d.id.clone()).collect();
    assert_eq!(
        managers,
        [
            "marketing-research-orientation",
            "upward-communication",
            "levels-of-management",
            "management-commitment",
            "goal-setting",
            "task-standardisation",
            "perception-of-feasibility"
        ]
    );
    let employees: Vec<String> = employee().dimensions().iter().map(|d| d.id.clone()).collect();
    assert_eq!(employees.len(), 11);
    assert_eq!(role("levels-of-management"), ScaleRole::Factor { gap: 1, effect: Effect::Widens });
    assert_eq!(role("perception-of-feasibility"), ScaleRole::Factor { gap: 2, effect: Effect::Narrows });
    assert_eq!(role("role-ambiguity"), ScaleRole::Factor { gap: 3, effect: Effect::Widens });
    assert_eq!(role("propensity-to-overpromise"), ScaleRole::Factor { gap: 4, effect: Effect::Widens });
    assert_eq!(role("promise-accuracy"), ScaleRole::Measure { gap: 4 });
    let gaps = |ids: &[String]| {
        ids.iter()
            .map(|id| match role(id) {
                ScaleRole::Factor { gap, .. } | ScaleRole::Measure { gap } => gap,
            })
            .collect::<BTreeSet<u8>>()
    };
    assert_eq!(gaps(&managers), BTreeSet::from([1, 2]));
    assert_eq!(gaps(&employees), BTreeSet::from([3, 4]));
    for instrument in [management_factors(), employee()] {
        assert_eq!(instrument.format(), Format::PerceptionsOnly);
        assert_eq!(instrument.scale(), Scale::seven_point());
        assert!((0..instrument.dimensions().len()).all(|d| instrument.items_of(d).len() == 3));
        assert_eq!(instrument.items()[0].id, format!("{}-1", instrument.dimensions()[0].id));
    }
}

#[test]
fn issue_14_staff_statements_are_distinct_and_polish() {
    for instrument in [management22(), management_factors(), employee()] {
        for lang in ["en", "pl"] {
            let texts: BTreeSet<&str> =
                instrument.items().iter().filter_map(|i| i.text.exact(lang)).collect();
            assert_eq!(texts.len(), instrument.items().len(), "{} {lang}", instrument.id());
        }
        let polish = "ąćęłńóśźż";
        let with = instrument
            .items()
            .iter()
            .filter_map(|i| i.text.exact("pl"))
            .filter(|t| t.to_lowercase().chars().any(|c| polish.contains(c)))
            .count();
        assert!(with * 2 >= instrument.items().len(), "{}: {with}", instrument.id());
    }
}
