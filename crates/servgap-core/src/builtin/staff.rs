//! The management and employee surveys of the gap study (Zeithaml, Berry & Parasuraman
//! 1988, "Communication and control processes in the delivery of service quality",
//! *J. Marketing* 52(2):35–48), in servgap's own English and Polish wording.
//!
//! * [`management22`]: the 22 SERVQUAL topics phrased as "customers expect …", answered
//!   by managers *as they believe customers would*, with the 100-point allocation as
//!   managers believe customers would make it (gap 1 = manager-predicted E − customer E).
//! * [`management_factors`]: the gap-1 and gap-2 factor scales answered by managers.
//! * [`employee`]: self-rated conformance to standards (gap 3), promise accuracy (gap 4)
//!   and the gap-3 and gap-4 factor scales answered by contact employees.
//!
//! # Why factor scales are dimensions
//!
//! A factor scale is a multi-item 1–7 agree–disagree scale. A perceptions-only
//! [`Instrument`] whose dimensions are the scales expresses exactly that, so the existing
//! reader, statistics (scale means, Cronbach's alpha), TOML export and customisation
//! apply unchanged. What an instrument cannot say (which gap a scale belongs to and
//! whether it widens or narrows it) is kept beside it, keyed by the scale's dimension
//! id, in [`scale_role`]: a customised instrument keeps the roles of the ids it keeps.
//! The management expectation battery has one rating per item (the prediction), held as
//! the single rating column of a perceptions-only instrument for the same reason.

use crate::instrument::{Dimension, Format, Instrument, InstrumentSpec, Item, Localized, Scale};

use super::{DIMENSIONS, ITEMS};

/// Identifier of [`management22`].
pub const MANAGEMENT22: &str = "management22";
/// Identifier of [`management_factors`].
pub const MANAGEMENT_FACTORS: &str = "management-factors";
/// Identifier of [`employee`].
pub const EMPLOYEE: &str = "employee";

/// Whether a higher factor score makes its gap smaller or larger (ZBP 1988 propositions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// A higher score is expected to narrow the gap (sign −).
    Narrows,
    /// A higher score is expected to widen the gap (sign +).
    Widens,
}

/// What a scale of the staff surveys measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleRole {
    /// A direct, self-rated measure of gap `gap` (conformance for 3, promise accuracy for 4).
    Measure {
        /// Gap number, 1–4.
        gap: u8,
    },
    /// A contributing factor of gap `gap`.
    Factor {
        /// Gap number, 1–4.
        gap: u8,
        /// Expected direction of its association with the gap.
        effect: Effect,
    },
}

/// One scale: dimension id, role, English and Polish name and description, three statements.
struct ScaleText {
    id: &'static str,
    role: ScaleRole,
    name: (&'static str, &'static str),
    description: (&'static str, &'static str),
    items: [(&'static str, &'static str); 3],
}

const fn factor(gap: u8, effect: Effect) -> ScaleRole {
    ScaleRole::Factor { gap, effect }
}

/// The gap-1 and gap-2 factor scales answered by managers.
const MANAGEMENT_SCALES: [ScaleText; 7] = [
    ScaleText {
        id: "marketing-research-orientation",
        role: factor(1, Effect::Narrows),
        name: ("Marketing research orientation", "Orientacja na badania rynku"),
        description: (
            "How much the organisation learns about customers and uses what it learns.",
            "Na ile organizacja poznaje klientów i korzysta z tej wiedzy.",
        ),
        items: [
            ("We regularly collect information about what our customers expect.", "Regularnie zbieramy informacje o tym, czego oczekują nasi klienci."),
            ("What we learn from customer research is used when decisions are made.", "Wnioski z badań klientów wykorzystujemy przy podejmowaniu decyzji."),
            ("Managers here often talk with customers directly.", "Kierownicy w naszej organizacji często rozmawiają bezpośrednio z klientami."),
        ],
    },
    ScaleText {
        id: "upward-communication",
        role: factor(1, Effect::Narrows),
        name: ("Upward communication", "Komunikacja w górę"),
        description: (
            "How well what contact staff know about customers reaches managers.",
            "Na ile wiedza pracowników pierwszej linii o klientach dociera do kierownictwa.",
        ),
        items: [
            ("Front-line staff tell managers about customers' problems and requests.", "Pracownicy pierwszej linii informują kierownictwo o problemach i prośbach klientów."),
            ("Managers ask front-line staff for their view of service quality.", "Kierownicy pytają pracowników pierwszej linii o zdanie na temat jakości obsługi."),
            ("Managers meet front-line staff face to face regularly.", "Kierownicy regularnie spotykają się osobiście z pracownikami pierwszej linii."),
        ],
    },
    ScaleText {
        id: "levels-of-management",
        role: factor(1, Effect::Widens),
        name: ("Levels of management", "Liczba szczebli zarządzania"),
        description: (
            "How many layers stand between contact staff and top management.",
            "Ile szczebli dzieli pracowników pierwszej linii od najwyższego kierownictwa.",
        ),
        items: [
            ("Information passes through many levels before it reaches top management.", "Informacja przechodzi przez wiele szczebli, zanim dotrze do najwyższego kierownictwa."),
            ("There are too many layers between front-line staff and top management.", "Między pracownikami pierwszej linii a zarządem jest zbyt wiele szczebli."),
            ("Decisions about service take a long time to travel down the hierarchy.", "Decyzje dotyczące obsługi długo przechodzą w dół hierarchii."),
        ],
    },
    ScaleText {
        id: "management-commitment",
        role: factor(2, Effect::Narrows),
        name: ("Management commitment to service quality", "Zaangażowanie kierownictwa w jakość usług"),
        description: (
            "Whether managers give service quality priority, resources and recognition.",
            "Czy kierownictwo nadaje jakości usług priorytet, zasoby i uznanie.",
        ),
        items: [
            ("Management treats service quality as a top priority.", "Kierownictwo traktuje jakość usług jako najwyższy priorytet."),
            ("Money and time are set aside specifically to improve service quality.", "Na poprawę jakości usług przeznacza się osobne środki i czas."),
            ("Managers who improve service quality are recognised and rewarded.", "Kierownicy, którzy poprawiają jakość usług, są doceniani i nagradzani."),
        ],
    },
    ScaleText {
        id: "goal-setting",
        role: factor(2, Effect::Narrows),
        name: ("Goal-setting", "Wyznaczanie celów"),
        description: (
            "Whether service goals are specific, based on customers and reviewed.",
            "Czy cele dotyczące obsługi są konkretne, oparte na potrzebach klientów i sprawdzane.",
        ),
        items: [
            ("We have specific, written goals for service quality.", "Mamy konkretne, spisane cele dotyczące jakości usług."),
            ("Our service goals are based on what customers expect.", "Nasze cele dotyczące obsługi wynikają z oczekiwań klientów."),
            ("We review our performance against the service goals regularly.", "Regularnie porównujemy nasze wyniki z celami dotyczącymi obsługi."),
        ],
    },
    ScaleText {
        id: "task-standardisation",
        role: factor(2, Effect::Narrows),
        name: ("Task standardisation", "Standaryzacja zadań"),
        description: (
            "How far routine service tasks follow measurable standards, procedures and technology.",
            "Na ile rutynowe zadania obsługi opierają się na mierzalnych standardach, procedurach i technologii.",
        ),
        items: [
            ("Technology is used to make routine service tasks consistent.", "Wykorzystujemy technologię, aby rutynowe zadania obsługi były wykonywane jednolicie."),
            ("Routine tasks follow written procedures.", "Rutynowe zadania wykonujemy według spisanych procedur."),
            ("Our service standards are stated in measurable terms such as times or shares.", "Nasze standardy obsługi są wyrażone mierzalnie, na przykład w czasie lub odsetkach."),
        ],
    },
    ScaleText {
        id: "perception-of-feasibility",
        role: factor(2, Effect::Narrows),
        name: ("Perception of feasibility", "Przekonanie o wykonalności"),
        description: (
            "Whether managers believe customers' expectations can be met.",
            "Czy kierownictwo wierzy, że oczekiwania klientów da się spełnić.",
        ),
        items: [
            ("We have the capabilities to meet what customers expect.", "Mamy możliwości, by spełnić oczekiwania klientów."),
            ("Our systems allow us to deliver the service customers expect.", "Nasze systemy pozwalają świadczyć usługę, jakiej oczekują klienci."),
            ("Meeting customers' expectations is possible at a reasonable cost.", "Spełnienie oczekiwań klientów jest możliwe przy rozsądnych kosztach."),
        ],
    },
];

/// Conformance, promise accuracy and the gap-3 and gap-4 factor scales answered by contact employees.
const EMPLOYEE_SCALES: [ScaleText; 11] = [
    ScaleText {
        id: "conformance",
        role: ScaleRole::Measure { gap: 3 },
        name: ("Conformance to standards", "Zgodność ze standardami"),
        description: ("How far staff say they deliver to the service standards.", "Na ile pracownicy deklarują, że obsługują zgodnie ze standardami."),
        items: [
            ("I deliver service to the standards the company has set.", "Obsługuję klientów zgodnie ze standardami ustalonymi przez firmę."),
            ("I know which service standards apply to my work.", "Wiem, które standardy obsługi dotyczą mojej pracy."),
            ("Even when I am busy I keep to the service standards.", "Nawet gdy mam dużo pracy, trzymam się standardów obsługi."),
        ],
    },
    ScaleText {
        id: "promise-accuracy",
        role: ScaleRole::Measure { gap: 4 },
        name: ("Promise accuracy", "Rzetelność obietnic"),
        description: ("How far what the company promises matches what customers get.", "Na ile obietnice firmy odpowiadają temu, co klienci otrzymują."),
        items: [
            ("What our advertising and website promise matches the service customers get.", "Obietnice z naszych reklam i strony internetowej odpowiadają usłudze, którą otrzymują klienci."),
            ("Customers receive what our sales staff promise them.", "Klienci otrzymują to, co obiecują im nasi sprzedawcy."),
            ("I seldom have to explain to a customer why a promise was not kept.", "Rzadko muszę tłumaczyć klientowi, dlaczego obietnica nie została dotrzymana."),
        ],
    },
    ScaleText {
        id: "teamwork",
        role: factor(3, Effect::Narrows),
        name: ("Teamwork", "Praca zespołowa"),
        description: ("Whether staff work as a team to serve customers.", "Czy pracownicy działają zespołowo w obsłudze klientów."),
        items: [
            ("I feel part of a team in my unit.", "Czuję się częścią zespołu w mojej jednostce."),
            ("Colleagues help one another to serve customers well.", "Współpracownicy pomagają sobie nawzajem, aby dobrze obsłużyć klientów."),
            ("Everyone in my unit contributes to good service.", "Każdy w mojej jednostce przyczynia się do dobrej obsługi."),
        ],
    },
    ScaleText {
        id: "employee-job-fit",
        role: factor(3, Effect::Narrows),
        name: ("Employee–job fit", "Dopasowanie pracownika do stanowiska"),
        description: ("Whether staff have the skills and training their job needs.", "Czy pracownicy mają umiejętności i przeszkolenie potrzebne na stanowisku."),
        items: [
            ("I have the skills I need to do my job well.", "Mam umiejętności potrzebne, by dobrze wykonywać swoją pracę."),
            ("The company hires people who suit their jobs.", "Firma zatrudnia osoby dopasowane do swoich stanowisk."),
            ("I was trained well enough to serve customers.", "Zostałem przeszkolony wystarczająco, by obsługiwać klientów."),
        ],
    },
    ScaleText {
        id: "technology-job-fit",
        role: factor(3, Effect::Narrows),
        name: ("Technology–job fit", "Dopasowanie technologii do pracy"),
        description: ("Whether tools and systems help staff serve customers.", "Czy narzędzia i systemy pomagają pracownikom obsługiwać klientów."),
        items: [
            ("The tools and systems I use help me do my job well.", "Narzędzia i systemy, z których korzystam, pomagają mi dobrze wykonywać pracę."),
            ("I have the equipment I need to serve customers.", "Mam sprzęt potrzebny do obsługi klientów."),
            ("Our systems seldom slow me down when I serve a customer.", "Nasze systemy rzadko spowalniają mnie podczas obsługi klienta."),
        ],
    },
    ScaleText {
        id: "perceived-control",
        role: factor(3, Effect::Narrows),
        name: ("Perceived control", "Poczucie kontroli"),
        description: ("Whether staff feel able to solve customers' problems themselves.", "Czy pracownicy czują, że mogą sami rozwiązywać problemy klientów."),
        items: [
            ("I can solve most customers' problems myself.", "Większość problemów klientów mogę rozwiązać samodzielnie."),
            ("I have enough freedom to decide how to serve a customer.", "Mam wystarczającą swobodę w decydowaniu, jak obsłużyć klienta."),
            ("Things outside my control seldom stop me from serving customers well.", "Czynniki, na które nie mam wpływu, rzadko przeszkadzają mi w dobrej obsłudze klientów."),
        ],
    },
    ScaleText {
        id: "supervisory-control",
        role: factor(3, Effect::Narrows),
        name: ("Supervisory control systems", "Systemy nadzoru"),
        description: ("Whether staff are judged and rewarded on how they serve, not only on output.", "Czy pracowników ocenia się i nagradza za sposób obsługi, a nie tylko za ilość pracy."),
        items: [
            ("I am judged on how well I serve customers, not only on how much I do.", "Ocenia się mnie za jakość obsługi klientów, a nie tylko za ilość wykonanej pracy."),
            ("My supervisor gives me feedback on the quality of my service.", "Przełożony przekazuje mi uwagi na temat jakości mojej obsługi."),
            ("Serving customers well is rewarded here.", "Dobra obsługa klientów jest u nas nagradzana."),
        ],
    },
    ScaleText {
        id: "role-conflict",
        role: factor(3, Effect::Widens),
        name: ("Role conflict", "Konflikt ról"),
        description: ("Whether staff are pulled between customers, rules and managers.", "Czy pracownicy są rozdarci między klientami, przepisami a przełożonymi."),
        items: [
            ("Customers' requests and company rules often conflict.", "Prośby klientów często kłócą się z zasadami firmy."),
            ("I am expected to do more than I have time for.", "Oczekuje się ode mnie więcej, niż pozwala mi na to czas."),
            ("Different managers ask me for things that cannot all be done.", "Różni przełożeni oczekują ode mnie rzeczy, których nie da się pogodzić."),
        ],
    },
    ScaleText {
        id: "role-ambiguity",
        role: factor(3, Effect::Widens),
        name: ("Role ambiguity", "Niejasność roli"),
        description: ("Whether staff are unsure what is expected of them.", "Czy pracownicy nie są pewni, czego się od nich oczekuje."),
        items: [
            ("I am often unsure what my supervisor expects of me.", "Często nie jestem pewien, czego oczekuje ode mnie przełożony."),
            ("I do not always know which service standard applies to a task.", "Nie zawsze wiem, który standard obsługi dotyczy danego zadania."),
            ("I hear about new services only when customers ask about them.", "O nowych usługach dowiaduję się dopiero wtedy, gdy pytają o nie klienci."),
        ],
    },
    ScaleText {
        id: "horizontal-communication",
        role: factor(4, Effect::Narrows),
        name: ("Horizontal communication", "Komunikacja pozioma"),
        description: ("Whether operations, marketing, sales and branches tell one another what they do.", "Czy dział operacyjny, marketing, sprzedaż i oddziały informują się nawzajem o swoich działaniach."),
        items: [
            ("I learn about advertising campaigns before customers see them.", "Dowiaduję się o kampaniach reklamowych, zanim zobaczą je klienci."),
            ("Sales and marketing ask front-line staff what can realistically be delivered.", "Sprzedaż i marketing pytają pracowników pierwszej linii, co realnie da się zapewnić."),
            ("Customers get the same service in every branch and channel.", "Klienci otrzymują taką samą obsługę w każdym oddziale i kanale."),
        ],
    },
    ScaleText {
        id: "propensity-to-overpromise",
        role: factor(4, Effect::Widens),
        name: ("Propensity to overpromise", "Skłonność do składania nadmiernych obietnic"),
        description: ("Whether the company promises more than it can deliver.", "Czy firma obiecuje więcej, niż może zapewnić."),
        items: [
            ("We feel pressure to promise more than our competitors do.", "Odczuwamy presję, by obiecywać więcej niż konkurencja."),
            ("Our advertising promises more than we can deliver.", "Nasze reklamy obiecują więcej, niż możemy zapewnić."),
            ("Customers are promised things to close a sale.", "Klientom obiecuje się różne rzeczy, żeby zamknąć sprzedaż."),
        ],
    },
];

/// The 22 topics phrased as what customers expect, in SERVQUAL item order.
const EXPECTATIONS: [(&str, &str); 22] = [
    (
        "Customers expect the company to use up-to-date equipment and technology.",
        "Klienci oczekują, że firma korzysta z nowoczesnego sprzętu i technologii.",
    ),
    (
        "Customers expect the company's premises to be pleasant and attractive.",
        "Klienci oczekują, że pomieszczenia firmy będą estetyczne i przyjemne.",
    ),
    (
        "Customers expect staff to be tidy and professionally presented.",
        "Klienci oczekują, że pracownicy będą mieli schludny i profesjonalny wygląd.",
    ),
    (
        "Customers expect leaflets, statements and letters to be clear and well designed.",
        "Klienci oczekują przejrzystych i starannie przygotowanych ulotek, zestawień i pism.",
    ),
    (
        "Customers expect the company to meet the deadlines it commits to.",
        "Klienci oczekują, że firma dotrzyma terminów, do których się zobowiązała.",
    ),
    (
        "Customers expect a real effort to sort out their problems.",
        "Klienci oczekują, że firma naprawdę postara się rozwiązać ich problem.",
    ),
    (
        "Customers expect the service to be right on the first attempt.",
        "Klienci oczekują, że usługa zostanie wykonana poprawnie za pierwszym razem.",
    ),
    (
        "Customers expect services to be delivered when the company said they would be.",
        "Klienci oczekują, że usługi zostaną wykonane w zapowiedzianym czasie.",
    ),
    (
        "Customers expect accurate records of their dealings, free of mistakes.",
        "Klienci oczekują dokładnej i bezbłędnej dokumentacji swoich spraw.",
    ),
    (
        "Customers expect to be told precisely when the service will be completed.",
        "Klienci oczekują, że usłyszą dokładny termin wykonania usługi.",
    ),
    (
        "Customers expect to be served without unnecessary delay.",
        "Klienci oczekują obsługi bez zbędnej zwłoki.",
    ),
    (
        "Customers expect staff to be consistently ready to help.",
        "Klienci oczekują, że pracownicy zawsze będą gotowi pomóc.",
    ),
    (
        "Customers expect staff to find time for their requests however busy they are.",
        "Klienci oczekują, że pracownicy znajdą czas na ich prośby nawet przy dużym obciążeniu.",
    ),
    (
        "Customers expect staff to behave in a way that gives them confidence.",
        "Klienci oczekują, że zachowanie pracowników będzie budzić zaufanie.",
    ),
    (
        "Customers expect to feel secure in their dealings with the company.",
        "Klienci oczekują, że będą czuć się bezpiecznie, załatwiając sprawy z firmą.",
    ),
    (
        "Customers expect staff to be polite at all times.",
        "Klienci oczekują, że pracownicy zawsze będą uprzejmi.",
    ),
    (
        "Customers expect staff to know enough to answer their questions.",
        "Klienci oczekują, że pracownicy będą mieli wiedzę potrzebną do odpowiedzi na ich pytania.",
    ),
    ("Customers expect to be treated as individuals.", "Klienci oczekują, że będą traktowani indywidualnie."),
    (
        "Customers expect opening hours that suit them.",
        "Klienci oczekują dogodnych dla siebie godzin otwarcia.",
    ),
    (
        "Customers expect staff to deal with them personally and attentively.",
        "Klienci oczekują osobistej i uważnej obsługi.",
    ),
    (
        "Customers expect the company to put their interests first.",
        "Klienci oczekują, że firmie będzie zależeć przede wszystkim na ich dobru.",
    ),
    (
        "Customers expect staff to understand what they specifically need.",
        "Klienci oczekują, że pracownicy zrozumieją ich konkretne potrzeby.",
    ),
];

/// The role of the scale whose dimension id is `id` in [`management_factors`] or
/// [`employee`], or `None` for an id of neither (a scale a user added).
///
/// # Examples
///
/// ```
/// use servgap_core::builtin::{scale_role, Effect, ScaleRole};
///
/// assert_eq!(scale_role("role-conflict"), Some(ScaleRole::Factor { gap: 3, effect: Effect::Widens }));
/// assert_eq!(scale_role("conformance"), Some(ScaleRole::Measure { gap: 3 }));
/// assert_eq!(scale_role("mood"), None);
/// ```
pub fn scale_role(id: &str) -> Option<ScaleRole> {
    MANAGEMENT_SCALES.iter().chain(EMPLOYEE_SCALES.iter()).find(|s| s.id == id).map(|s| s.role)
}

fn localized((en, pl): (&str, &str)) -> Localized {
    Localized::new().with("en", en).with("pl", pl)
}

/// A perceptions-only 1–7 instrument whose dimensions are `scales`; item ids are
/// `<scale id>-<n>` (e.g. `teamwork-2`), column headers the same or `P_<item id>`.
fn scales_spec(id: &str, title: (&str, &str), scales: &[ScaleText]) -> InstrumentSpec {
    let dimensions = scales
        .iter()
        .map(|s| Dimension {
            id: s.id.to_owned(),
            name: localized(s.name),
            description: localized(s.description),
        })
        .collect();
    let items = scales
        .iter()
        .enumerate()
        .flat_map(|(d, s)| {
            s.items.iter().zip(1..).map(move |(&text, n): (&(&str, &str), u32)| Item {
                id: format!("{}-{n}", s.id),
                dimension: d,
                reverse_keyed: false,
                text: localized(text),
            })
        })
        .collect();
    InstrumentSpec {
        id: id.to_owned(),
        title: localized(title),
        format: Format::PerceptionsOnly,
        scale: Scale::seven_point(),
        dimensions,
        items,
        importance: false,
        overall: None,
    }
}

pub(super) fn management22_spec() -> InstrumentSpec {
    let mut spec = super::servperf22_spec();
    spec.id = MANAGEMENT22.to_owned();
    spec.title = localized((
        "Management survey: what customers expect, as managers see it",
        "Ankieta kierownictwa: czego oczekują klienci w ocenie kierowników",
    ));
    spec.overall = None;
    for (item, &text) in spec.items.iter_mut().zip(EXPECTATIONS.iter()) {
        item.text = localized(text);
    }
    debug_assert_eq!(spec.items.len(), ITEMS.len());
    debug_assert_eq!(spec.dimensions.len(), DIMENSIONS.len());
    spec
}

pub(super) fn management_factors_spec() -> InstrumentSpec {
    scales_spec(
        MANAGEMENT_FACTORS,
        (
            "Management survey: the gap-1 and gap-2 factors (1988 extended gaps model)",
            "Ankieta kierownictwa: czynniki luk 1 i 2 (rozszerzony model luk z 1988 r.)",
        ),
        &MANAGEMENT_SCALES,
    )
}

pub(super) fn employee_spec() -> InstrumentSpec {
    scales_spec(
        EMPLOYEE,
        (
            "Employee survey: conformance, promise accuracy and the gap-3 and gap-4 factors",
            "Ankieta pracowników: zgodność ze standardami, rzetelność obietnic i czynniki luk 3 i 4",
        ),
        &EMPLOYEE_SCALES,
    )
}

/// The management expectation battery: the 22 SERVQUAL topics phrased as "customers
/// expect …", each answered 1–7 by a manager as they believe customers would, and the
/// 100-point allocation over the five dimensions as managers believe customers would
/// make it.
///
/// Id `management22`; item and dimension ids equal [`super::servqual22`]'s, so gap 1
/// pairs items by id. One rating per item (the prediction), held as the single rating
/// column of a [`Format::PerceptionsOnly`] instrument; no overall-satisfaction item.
pub fn management22() -> Instrument {
    management22_spec().build_trusted()
}

/// The management factor scales of the 1988 model, 1–7 agree–disagree, three items each:
/// marketing research orientation, upward communication, levels of management (gap 1);
/// management commitment, goal-setting, task standardisation, perception of feasibility (gap 2).
///
/// Id `management-factors`; dimensions are the scales ([`scale_role`] gives each one's gap and sign).
pub fn management_factors() -> Instrument {
    management_factors_spec().build_trusted()
}

/// The employee survey, 1–7 agree–disagree, three items per scale: conformance to
/// standards (gap 3) and promise accuracy (gap 4), then the factors teamwork,
/// employee–job fit, technology–job fit, perceived control, supervisory control
/// systems, role conflict, role ambiguity (gap 3), horizontal communication and
/// propensity to overpromise (gap 4).
///
/// Id `employee`; dimensions are the scales ([`scale_role`] gives each one's role).
pub fn employee() -> Instrument {
    employee_spec().build_trusted()
}
