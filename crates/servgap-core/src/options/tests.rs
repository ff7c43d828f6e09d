//! Each option's constructor and parser: the admissible range and the exact message.

use super::*;

#[track_caller]
fn message<T: fmt::Debug>(result: Result<T, CoreError>) -> String {
    match result {
        Ok(value) => format!("accepted {value:?}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn confidence_level_lies_strictly_between_one_half_and_one() {
    assert_eq!(ConfidenceLevel::new(0.9).map(ConfidenceLevel::get), Ok(0.9));
    assert_eq!("0.99".parse::<ConfidenceLevel>().map(ConfidenceLevel::get), Ok(0.99));
    assert_eq!(ConfidenceLevel::default().get(), 0.95);
    for bad in [0.5, 1.0, 1.5, f64::NAN, -0.95] {
        assert!(ConfidenceLevel::new(bad).is_err(), "{bad}");
    }
    assert_eq!(
        message("1.5".parse::<ConfidenceLevel>()),
        "confidence level `1.5` is invalid: expected a number between 0.5 and 1 (exclusive), e.g. 0.95"
    );
    assert_eq!(
        message("high".parse::<ConfidenceLevel>()),
        "confidence level `high` is invalid: expected a number between 0.5 and 1 (exclusive), e.g. 0.95"
    );
}

#[test]
fn coverage_share_is_an_exact_fraction_in_zero_one() {
    assert_eq!(Coverage::from_share(0.5), Ok(Coverage::new(500, 1000).unwrap_or_default()));
    assert_eq!("1".parse::<Coverage>().map(Coverage::share), Ok(1.0));
    assert_eq!(Coverage::from_share(0.0004).ok(), None, "rounds to zero thousandths");
    for bad in [0.0, 1.2, -0.5, f64::NAN] {
        assert!(Coverage::from_share(bad).is_err(), "{bad}");
    }
    assert_eq!(
        message("0".parse::<Coverage>()),
        "coverage share `0` is invalid: expected a share in (0, 1], e.g. 0.5 for half of the items"
    );
    assert_eq!(
        message("half".parse::<Coverage>()),
        "coverage share `half` is invalid: expected a share in (0, 1], e.g. 0.5"
    );
}

#[test]
fn example_limit_is_bounded() {
    assert_eq!(ExampleLimit::new(0).map(ExampleLimit::get), Ok(0));
    assert_eq!("1000".parse::<ExampleLimit>().map(ExampleLimit::get), Ok(1000));
    assert_eq!(ExampleLimit::default().get(), 20);
    assert_eq!(
        message(ExampleLimit::new(1001)),
        "example count `1001` is invalid: expected a whole number from 0 to 1000"
    );
    assert_eq!(
        message("-1".parse::<ExampleLimit>()),
        "example count `-1` is invalid: expected a whole number from 0 to 1000"
    );
}

#[test]
fn kpi_identifiers_parse_from_their_ids() {
    assert_eq!("week".parse::<Period>(), Ok(Period::Week));
    assert_eq!(
        message("year".parse::<Period>()),
        "reporting period `year` is invalid: expected day, week or month"
    );
    assert_eq!(" team".parse::<Dimension>(), Ok(Dimension::Team));
    assert_eq!(
        message("agent".parse::<Dimension>()),
        "ticket segment `agent` is invalid: expected channel, priority or team"
    );
    for kpi in DurationKpi::ALL {
        assert_eq!(kpi.id().parse::<DurationKpi>(), Ok(kpi));
    }
    assert_eq!(
        message("handle-time".parse::<DurationKpi>()),
        "duration kpi `handle-time` is invalid: expected one of first-response, next-response, \
         first-resolution, full-resolution, requester-wait"
    );
}
