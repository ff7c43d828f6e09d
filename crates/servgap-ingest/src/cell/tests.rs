use super::*;

#[track_caller]
fn check(text: &str, decimal: Decimal, expected: Parsed) {
    let mut labels = ValueLabels::new();
    labels.insert("Strongly agree", LabelValue::Number(7));
    labels.insert("Don't know", LabelValue::Missing);
    assert_eq!(parse_text(trim(text.as_bytes()), decimal, &labels), expected, "cell {text:?}");
}

#[test]
fn cells() {
    use Parsed::*;
    let p = Decimal::Point;
    let c = Decimal::Comma;
    check("7", p, Whole(7));
    check(" 7 ", p, Whole(7));
    check("76.0", p, Whole(76));
    check("76.00", p, Whole(76));
    check("-3", p, Whole(-3));
    check("4.5", p, Fraction);
    check("4.", p, Whole(4));
    check("5,0", c, Whole(5));
    check("4,5", c, Fraction);
    check("5,0", p, NotANumber);
    check("", p, Blank);
    check("   ", p, Blank);
    check("abc", p, NotANumber);
    check("NaN", p, NotANumber);
    check("inf", p, NotANumber);
    check("1e1", p, Whole(10));
    check("strongly  AGREE", p, Whole(7));
    check("don't know", p, Missing);
    check("0x10", p, NotANumber);
}
