//! Built-in instruments: the 22-item SERVQUAL in its 1991 structure, the 1994
//! three-column form and the perceptions-only SERVPERF; and for the gap study
//! ([`staff`]) the management survey (`management22`, `management-factors`) and the
//! employee survey (`employee`).
//!
//! All three share the same 22 items and the five RATER dimensions of
//! Parasuraman, Berry & Zeithaml (1991), "Refinement and reassessment of the
//! SERVQUAL scale", *J. Retailing* 67(4):420–450:
//!
//! | dimension        | items  |
//! |------------------|--------|
//! | `tangibles`      | 1–4    |
//! | `reliability`    | 5–9    |
//! | `responsiveness` | 10–13  |
//! | `assurance`      | 14–17  |
//! | `empathy`        | 18–22  |
//!
//! The statements are servgap's own wording of each item's topic, in English
//! (`en`) and Polish (`pl`); the published SERVQUAL wording is not reproduced.
//! Each statement is neutral about "the company", so the same text serves the
//! expectation battery ("an excellent company …") and the perception battery
//! ("this company …"); the questionnaire header supplies the frame.
//!
//! # Examples
//!
//! ```
//! use servgap_core::builtin;
//!
//! let sq = builtin::servqual22();
//! assert_eq!(sq.items().len(), 22);
//! assert_eq!(sq.dimensions()[1].id, "reliability");
//! assert_eq!(builtin::builtin("servperf22").map(|i| i.items().len()), Some(22));
//! ```

use crate::instrument::{Dimension, Format, Instrument, InstrumentSpec, Item, Localized, Scale};

pub mod staff;
#[cfg(test)]
mod tests;

pub use staff::{
    employee, management22, management_factors, scale_role, Effect, ScaleRole, EMPLOYEE, MANAGEMENT22,
    MANAGEMENT_FACTORS,
};

/// Identifier of [`servqual22`].
pub const SERVQUAL22: &str = "servqual22";
/// Identifier of [`servqual22_three_column`].
pub const SERVQUAL22_THREE_COLUMN: &str = "servqual22-3col";
/// Identifier of [`servperf22`].
pub const SERVPERF22: &str = "servperf22";

const IDS: [&str; 6] =
    [SERVQUAL22, SERVQUAL22_THREE_COLUMN, SERVPERF22, MANAGEMENT22, MANAGEMENT_FACTORS, EMPLOYEE];

/// Text of one dimension: id, then English and Polish name and description.
struct DimensionText {
    id: &'static str,
    name_en: &'static str,
    name_pl: &'static str,
    description_en: &'static str,
    description_pl: &'static str,
}

/// The five RATER dimensions in questionnaire order.
const DIMENSIONS: [DimensionText; 5] = [
    DimensionText {
        id: "tangibles",
        name_en: "Tangibles",
        name_pl: "Materialność",
        description_en: "How the physical side of the service looks: premises, equipment, staff and printed or digital materials.",
        description_pl: "Wygląd materialnej strony usługi: pomieszczeń, wyposażenia, personelu oraz materiałów drukowanych i elektronicznych.",
    },
    DimensionText {
        id: "reliability",
        name_en: "Reliability",
        name_pl: "Niezawodność",
        description_en: "Delivering the promised service dependably and without mistakes.",
        description_pl: "Świadczenie obiecanej usługi w sposób rzetelny i bezbłędny.",
    },
    DimensionText {
        id: "responsiveness",
        name_en: "Responsiveness",
        name_pl: "Reagowanie",
        description_en: "Readiness to help customers and to serve them quickly.",
        description_pl: "Gotowość do pomocy klientom i do szybkiej obsługi.",
    },
    DimensionText {
        id: "assurance",
        name_en: "Assurance",
        name_pl: "Pewność",
        description_en: "The knowledge and courtesy of staff and their ability to earn customers' trust.",
        description_pl: "Wiedza i uprzejmość pracowników oraz ich umiejętność budzenia zaufania klientów.",
    },
    DimensionText {
        id: "empathy",
        name_en: "Empathy",
        name_pl: "Empatia",
        description_en: "Care for customers and attention to each of them as an individual.",
        description_pl: "Troska o klientów i indywidualne podejście do każdego z nich.",
    },
];

/// Text of one item: index into [`DIMENSIONS`], English and Polish statement.
struct ItemText {
    dimension: usize,
    en: &'static str,
    pl: &'static str,
}

const TANGIBLES: usize = 0;
const RELIABILITY: usize = 1;
const RESPONSIVENESS: usize = 2;
const ASSURANCE: usize = 3;
const EMPATHY: usize = 4;

/// The 22 statements in questionnaire order; item `n` is `ITEMS[n - 1]`.
const ITEMS: [ItemText; 22] = [
    // Tangibles (1–4)
    ItemText {
        dimension: TANGIBLES,
        en: "The company uses up-to-date equipment and technology.",
        pl: "Firma korzysta z nowoczesnego sprzętu i technologii.",
    },
    ItemText {
        dimension: TANGIBLES,
        en: "The company's premises are pleasant and attractive to look at.",
        pl: "Pomieszczenia firmy są estetyczne i przyjemne dla oka.",
    },
    ItemText {
        dimension: TANGIBLES,
        en: "Staff are tidy and professionally presented.",
        pl: "Pracownicy mają schludny i profesjonalny wygląd.",
    },
    ItemText {
        dimension: TANGIBLES,
        en: "The company's materials, such as leaflets, statements and letters, are clear and well designed.",
        pl:
            "Materiały firmy, takie jak ulotki, zestawienia i pisma, są przejrzyste i starannie przygotowane.",
    },
    // Reliability (5–9)
    ItemText {
        dimension: RELIABILITY,
        en: "When the company commits to a deadline, it meets it.",
        pl: "Gdy firma zobowiąże się coś zrobić w określonym terminie, dotrzymuje go.",
    },
    ItemText {
        dimension: RELIABILITY,
        en: "When a customer has a problem, the company makes a real effort to sort it out.",
        pl: "Gdy klient ma problem, firma naprawdę stara się go rozwiązać.",
    },
    ItemText {
        dimension: RELIABILITY,
        en: "The company gets the service right on the first attempt.",
        pl: "Firma wykonuje usługę poprawnie już za pierwszym razem.",
    },
    ItemText {
        dimension: RELIABILITY,
        en: "The company delivers its services when it said it would.",
        pl: "Firma świadczy usługi w zapowiedzianym czasie.",
    },
    ItemText {
        dimension: RELIABILITY,
        en: "The company's records of customers and transactions are accurate and free of mistakes.",
        pl: "Dokumentacja firmy dotycząca klientów i transakcji jest dokładna i wolna od błędów.",
    },
    // Responsiveness (10–13)
    ItemText {
        dimension: RESPONSIVENESS,
        en: "Staff give customers a precise time for when the service will be completed.",
        pl: "Pracownicy podają klientom dokładny termin wykonania usługi.",
    },
    ItemText {
        dimension: RESPONSIVENESS,
        en: "Staff serve customers without unnecessary delay.",
        pl: "Pracownicy obsługują klientów bez zbędnej zwłoki.",
    },
    ItemText {
        dimension: RESPONSIVENESS,
        en: "Staff are consistently ready to help customers.",
        pl: "Pracownicy są zawsze gotowi pomóc klientom.",
    },
    ItemText {
        dimension: RESPONSIVENESS,
        en: "However busy they are, staff find time to respond to customers' requests.",
        pl: "Nawet przy dużym obciążeniu pracownicy znajdują czas, by odpowiedzieć na prośby klientów.",
    },
    // Assurance (14–17)
    ItemText {
        dimension: ASSURANCE,
        en: "The way staff behave gives customers confidence in the company.",
        pl: "Zachowanie pracowników budzi w klientach zaufanie do firmy.",
    },
    ItemText {
        dimension: ASSURANCE,
        en: "Customers can feel secure in their dealings and transactions with the company.",
        pl: "Klienci mogą czuć się bezpiecznie, załatwiając sprawy z firmą i zawierając z nią transakcje.",
    },
    ItemText {
        dimension: ASSURANCE,
        en: "Staff treat customers politely at all times.",
        pl: "Pracownicy zawsze odnoszą się do klientów uprzejmie.",
    },
    ItemText {
        dimension: ASSURANCE,
        en: "Staff know enough to answer customers' questions competently.",
        pl: "Pracownicy mają wiedzę pozwalającą rzetelnie odpowiadać na pytania klientów.",
    },
    // Empathy (18–22)
    ItemText {
        dimension: EMPATHY,
        en: "The company treats each customer as an individual.",
        pl: "Firma traktuje każdego klienta indywidualnie.",
    },
    ItemText {
        dimension: EMPATHY,
        en: "The company's opening hours suit all of its customers.",
        pl: "Godziny otwarcia firmy są dogodne dla wszystkich jej klientów.",
    },
    ItemText {
        dimension: EMPATHY,
        en: "Staff deal with customers in a personal and attentive way.",
        pl: "Pracownicy obsługują klientów w sposób osobisty i uważny.",
    },
    ItemText {
        dimension: EMPATHY,
        en: "The company genuinely puts its customers' interests first.",
        pl: "Firmie naprawdę zależy przede wszystkim na dobru klientów.",
    },
    ItemText {
        dimension: EMPATHY,
        en: "Staff understand what each customer specifically needs.",
        pl: "Pracownicy rozumieją konkretne potrzeby każdego klienta.",
    },
];

/// The shared 22-item spec with the given identity, layout and scales.
///
/// Item ids are `"1"`..`"22"`; no item is reverse-keyed (the 1991 form words every item positively).
fn spec(id: &str, title: Localized, format: Format, scale: Scale, overall: Scale) -> InstrumentSpec {
    let dimensions = DIMENSIONS
        .iter()
        .map(|d| Dimension {
            id: d.id.to_owned(),
            name: Localized::new().with("en", d.name_en).with("pl", d.name_pl),
            description: Localized::new().with("en", d.description_en).with("pl", d.description_pl),
        })
        .collect();
    let items = ITEMS
        .iter()
        .zip(1..)
        .map(|(item, number): (&ItemText, u32)| Item {
            id: number.to_string(),
            dimension: item.dimension,
            reverse_keyed: false,
            text: Localized::new().with("en", item.en).with("pl", item.pl),
        })
        .collect();
    InstrumentSpec {
        id: id.to_owned(),
        title,
        format,
        scale,
        dimensions,
        items,
        importance: true,
        overall: Some(overall),
    }
}

fn servqual22_spec() -> InstrumentSpec {
    spec(
        SERVQUAL22,
        Localized::new()
            .with("en", "SERVQUAL-22: expected and perceived service quality")
            .with("pl", "SERVQUAL-22: oczekiwana i postrzegana jakość usług"),
        Format::TwoColumn,
        Scale::seven_point(),
        Scale::seven_point(),
    )
}

fn servqual22_three_column_spec() -> InstrumentSpec {
    spec(
        SERVQUAL22_THREE_COLUMN,
        Localized::new()
            .with("en", "SERVQUAL-22, three-column form: minimum, desired and perceived service")
            .with("pl", "SERVQUAL-22, wersja trzykolumnowa: poziom minimalny, pożądany i postrzegany"),
        Format::ThreeColumn,
        Scale::nine_point(),
        Scale::nine_point(),
    )
}

fn servperf22_spec() -> InstrumentSpec {
    spec(
        SERVPERF22,
        Localized::new()
            .with("en", "SERVPERF-22: perceived service performance")
            .with("pl", "SERVPERF-22: postrzegana jakość usług"),
        Format::PerceptionsOnly,
        Scale::seven_point(),
        Scale::seven_point(),
    )
}

/// SERVQUAL-22 in its 1991 structure (Parasuraman, Berry & Zeithaml 1991).
///
/// Id `servqual22`; five RATER dimensions with 4/5/4/4/5 items (ids `"1"`..`"22"`),
/// [`Format::TwoColumn`] (expectation E and perception P per item, gap G = P − E),
/// a 1–7 agreement scale, a 100-point importance allocation over the dimensions
/// and an overall-satisfaction item on 1–7. Texts in English and Polish.
///
/// # Examples
///
/// ```
/// use servgap_core::{builtin::servqual22, instrument::Format};
///
/// let sq = servqual22();
/// assert_eq!(sq.format(), Format::TwoColumn);
/// assert_eq!(sq.items_of(0).len(), 4); // tangibles
/// assert_eq!(sq.complete_languages(), ["en", "pl"]);
/// ```
pub fn servqual22() -> Instrument {
    servqual22_spec().build_trusted()
}

/// SERVQUAL-22 in the three-column format of PZB (1994b), "Alternative scales
/// for measuring service quality", *J. Retailing* 70(3):201–230.
///
/// Id `servqual22-3col`; the same items and dimensions as [`servqual22`], with
/// minimum A, desired D and perceived P per item (MSA = P − A, MSS = P − D,
/// zone of tolerance [A, D]) on a 1–9 scale, the importance allocation, and an
/// overall-satisfaction item on 1–9.
pub fn servqual22_three_column() -> Instrument {
    servqual22_three_column_spec().build_trusted()
}

/// SERVPERF-22: the SERVQUAL items rated for perception only (Cronin & Taylor 1992).
///
/// Id `servperf22`; the same items and dimensions as [`servqual22`], with
/// [`Format::PerceptionsOnly`] on 1–7, the importance allocation (for weighted
/// SERVPERF) and an overall-satisfaction item on 1–7.
pub fn servperf22() -> Instrument {
    servperf22_spec().build_trusted()
}

/// The built-in instrument with identifier `id`, or `None` if there is none.
///
/// See [`builtin_ids`] for the identifiers.
///
/// # Examples
///
/// ```
/// use servgap_core::builtin::builtin;
///
/// assert_eq!(builtin("servqual22-3col").map(|i| i.scale().max()), Some(9));
/// assert!(builtin("servqual97").is_none());
/// ```
pub fn builtin(id: &str) -> Option<Instrument> {
    match id {
        SERVQUAL22 => Some(servqual22()),
        SERVQUAL22_THREE_COLUMN => Some(servqual22_three_column()),
        SERVPERF22 => Some(servperf22()),
        MANAGEMENT22 => Some(management22()),
        MANAGEMENT_FACTORS => Some(management_factors()),
        EMPLOYEE => Some(employee()),
        _ => None,
    }
}

/// Identifiers accepted by [`builtin`]: `servqual22`, `servqual22-3col`, `servperf22`,
/// `management22`, `management-factors`, `employee`.
pub fn builtin_ids() -> &'static [&'static str] {
    &IDS
}
