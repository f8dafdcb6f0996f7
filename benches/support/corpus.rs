//! A deterministic generator of news-like English for the benchmarks: a
//! small template grammar over a fixed vocabulary, driven by a seeded
//! SplitMix64, so every run and every machine gets the same bytes. It mixes
//! plain reporting with hedges, denials, attributions, vague sources,
//! straight and curly quotes, numbers, headings and the odd emoji.

/// The generator's random numbers (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

const FIRST: &[&str] = &[
    "Tomas", "Adela", "Petr", "Ilse", "Marta", "Jonas", "Lena", "Samuel", "Noor", "Ravi", "Elena", "Kofi", "Yusuf",
    "Clara", "Dmitri", "Amara", "Hugo", "Ines", "Kenji", "Sofia",
];
const LAST: &[&str] = &[
    "Reyne", "Voss", "Haslo", "Marchetti", "Okafor", "Lindqvist", "Brandt", "Costa", "Nakamura", "Alvarez", "Mensah",
    "Kowalski", "Dubois", "Haddad", "Petrov", "Silva", "Oyelaran", "Novak", "Fischer", "Quinn",
];
const TITLES: &[&str] = &[
    "Finance Minister", "Interior Minister", "Mayor", "Senator", "Dr", "Ms", "Mr", "Judge", "Chief Executive",
    "Councillor", "Professor", "Governor",
];
const ORGS: &[&str] = &[
    "the Interior Ministry", "the city council", "Harbor Logistics", "the central bank", "the transport union",
    "the Defence Ministry", "Northline Energy", "the port authority", "the regional hospital", "the tax office",
    "the election commission", "Meridian Holdings", "the water board", "the football club", "the school district",
];
const SOURCES: &[&str] = &[
    "officials", "police", "the ministry", "two people familiar with the matter", "a senior aide",
    "court documents", "a company statement", "prosecutors", "the auditor", "local residents",
];
/// (base, past, past participle)
const VERBS: &[(&str, &str, &str)] = &[
    ("approve", "approved", "approved"),
    ("sign", "signed", "signed"),
    ("block", "blocked", "blocked"),
    ("fund", "funded", "funded"),
    ("delay", "delayed", "delayed"),
    ("award", "awarded", "awarded"),
    ("review", "reviewed", "reviewed"),
    ("cancel", "cancelled", "cancelled"),
    ("back", "backed", "backed"),
    ("hide", "hid", "hidden"),
    ("leak", "leaked", "leaked"),
    ("take", "took", "taken"),
    ("sell", "sold", "sold"),
    ("expand", "expanded", "expanded"),
    ("inspect", "inspected", "inspected"),
];
const OBJECTS: &[&str] = &[
    "the contract", "a €410 million dredging tender", "the annual budget", "new rules on short-term lets",
    "the merger", "plans for a second runway", "the pension reform", "a report on water quality",
    "the stadium deal", "funding for the night buses", "the tender documents", "a £2.3bn rescue package",
    "the hospital’s expansion", "emergency powers", "the border agreement", "the 3.5 per cent pay rise",
];
const TIMES: &[&str] = &[
    "on Tuesday", "last week", "in March", "earlier this year", "on Thursday evening", "after a late-night session",
    "in 2021", "before the election", "", "", "",
];
const PLACES: &[&str] = &[
    "in Port Selwyn", "near the border", "in the capital", "at the harbour", "in the northern districts",
    "outside the courthouse", "in Drenholm", "across the region",
];
const HEDGED: &[&str] = &[
    "{S} allegedly {past} {O} {T}.",
    "{S} reportedly {past} {O} {T}.",
    "{S} appears to have {pp} {O}.",
    "{S} is believed to have {pp} {O} {P}.",
    "{S} may have {pp} {O} {T}.",
    "{S} seemed to {base} {O} {P}.",
    "It is possible that {S} {past} {O}.",
    "{S} apparently {past} {O}, {SRC} said.",
    "The figures suggest that {S} could {base} {O} {T}.",
];
const DENIALS: &[&str] = &[
    "{S} denied any wrongdoing.",
    "{S} has denied that it {past} {O}.",
    "{S} dismissed the allegations as “{ADJ}”.",
    "{S} rejected claims that it had {pp} {O}.",
    "In a statement, {S} denied the report and called it \"{ADJ}\".",
    "{N} denies {ing} {O}.",
];
const UNSOURCED: &[&str] = &[
    "Critics say {S} {past} {O} {T}.",
    "It is clear that {S} {past} {O}.",
    "Everyone {P} knows how contracts are really won.",
    "Many believe {S} will {base} {O}.",
    "Some argue that {O} was a mistake from the start.",
    "Observers say the decision marks a turning point.",
    "There is no doubt {S} {past} {O}.",
];
const ATTRIBUTED: &[&str] = &[
    "{S} {past} {O} {T}, {SRC} said.",
    "According to {SRC}, {S} {past} {O} {P}.",
    "{N} told reporters that {S} had {pp} {O}.",
    "{S} {past} {O}, {N} said in a statement.",
    "{SRC} said {S} {past} {O} {T}.",
];
const QUOTES: &[&str] = &[
    "“We are not going to pretend this is an accident,” {N} said.",
    "“Our patience has limits,” {N} added.",
    "\"This was a fair and open process,\" said {N}.",
    "{N} said: “Nobody here has anything to hide.”",
    "“It is a fabrication,” {SRC} said of the claims about {O}.",
    "‘We will look at every option,’ {N} said.",
    "\"I don't know what they are talking about,\" {N} told the Courier.",
];
const FACTS: &[&str] = &[
    "{S} {past} {O} {T}.",
    "{S} {past} {O} {P} {T}.",
    "Shares in Harbor Logistics fell {NUM} per cent to ${PRICE} in early trading.",
    "The vote passed by {INT} to {INT2}.",
    "Work on {O} is due to begin in the spring.",
    "The hearing was adjourned until Monday.",
    "Turnout was {NUM} per cent, the lowest since 1998.",
    "{S} will {base} {O} {T}.",
];
const ADJS: &[&str] = &["baseless", "a fabrication", "politically motivated", "theatre for a domestic audience", "nonsense", "entirely false"];
const ING: &[&str] = &["taking", "approving", "hiding", "blocking", "leaking"];
const HEADINGS: &[&str] = &[
    "Leaked memo points to port contract",
    "What we know so far",
    "Council row deepens over budget 📰",
    "Ministry rejects border claims",
    "Analysis: a turning point for the harbour",
    "Live updates",
];
const EMOJI: &[&str] = &["📰", "👍", "🚢", "⚖️", "🔥"];

fn name(r: &mut Rng) -> String {
    if r.chance(60) {
        format!("{} {} {}", r.pick(TITLES), r.pick(FIRST), r.pick(LAST))
    } else {
        format!("{} {}", r.pick(FIRST), r.pick(LAST))
    }
}

fn subject(r: &mut Rng) -> String {
    if r.chance(50) {
        name(r)
    } else {
        r.pick(ORGS).to_string()
    }
}

fn source(r: &mut Rng) -> String {
    if r.chance(40) {
        name(r)
    } else {
        r.pick(SOURCES).to_string()
    }
}

/// Fills one template.
fn fill(r: &mut Rng, template: &str) -> String {
    let (base, past, pp) = VERBS[r.below(VERBS.len())];
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("closed placeholder");
        let word = match &rest[open + 1..close] {
            "S" => subject(r),
            "N" => name(r),
            "SRC" => source(r),
            "O" => r.pick(OBJECTS).to_string(),
            "T" => r.pick(TIMES).to_string(),
            "P" => r.pick(PLACES).to_string(),
            "base" => base.to_string(),
            "past" => past.to_string(),
            "pp" => pp.to_string(),
            "ADJ" => r.pick(ADJS).to_string(),
            "ing" => r.pick(ING).to_string(),
            "NUM" => format!("{}.{}", r.below(40), r.below(10)),
            "PRICE" => format!("{}.{:02}", 5 + r.below(90), r.below(100)),
            "INT" => (20 + r.below(40)).to_string(),
            "INT2" => r.below(20).to_string(),
            other => panic!("unknown placeholder {other}"),
        };
        out.push_str(&word);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    // Empty optional slots leave double or trailing spaces.
    let mut tidy = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for p in [" .", " ,"] {
        tidy = tidy.replace(p, &p[1..]);
    }
    // A sentence starts with a capital, after any opening quote.
    if let Some((i, c)) = tidy.char_indices().find(|(_, c)| c.is_alphabetic()) {
        if c.is_ascii_lowercase() {
            tidy[i..i + 1].make_ascii_uppercase();
        }
    }
    tidy
}

/// One sentence of a random kind.
pub fn sentence(r: &mut Rng) -> String {
    let list = match r.below(100) {
        0..=29 => FACTS,
        30..=49 => ATTRIBUTED,
        50..=61 => HEDGED,
        62..=69 => DENIALS,
        70..=77 => UNSOURCED,
        _ => QUOTES,
    };
    let template = r.pick(list);
    let mut s = fill(r, template);
    if r.chance(2) {
        s.push(' ');
        s.push_str(r.pick(EMOJI));
    }
    s
}

/// One paragraph: a heading now and then, otherwise 1–5 sentences.
pub fn paragraph(r: &mut Rng) -> String {
    if r.chance(4) {
        return r.pick(HEADINGS).to_string();
    }
    let n = 1 + r.below(5);
    (0..n).map(|_| sentence(r)).collect::<Vec<_>>().join(" ")
}

/// Paragraphs (blank-line separated) until the text is at least `bytes`
/// long. The same seed gives the same text; shorter texts are prefixes of
/// longer ones.
pub fn text(seed: u64, bytes: usize) -> String {
    let mut r = Rng::new(seed);
    let mut out = String::with_capacity(bytes + 1024);
    while out.len() < bytes {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&paragraph(&mut r));
    }
    out.push('\n');
    out
}

/// A small news page: site chrome around an article of 4–14 paragraphs.
pub fn html_page(seed: u64) -> String {
    let mut r = Rng::new(seed);
    let title = r.pick(HEADINGS);
    let mut body = String::new();
    for _ in 0..4 + r.below(11) {
        body.push_str("    <p>");
        body.push_str(&paragraph(&mut r));
        body.push_str("</p>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title} | The Courier</title>\n\
<style>body {{ font-family: Georgia, serif; }} nav a {{ margin: 0 1em; }}</style>\n</head>\n<body>\n\
<header><nav><a href=\"/\">Home</a><a href=\"/world\">World</a><a href=\"/business\">Business</a></nav></header>\n\
<main>\n  <article>\n    <h1>{title}</h1>\n    <p class=\"byline\">By {} and {}</p>\n{body}  </article>\n</main>\n\
<footer><p>© 2026 The Courier. All rights reserved.</p></footer>\n<script>window.dataLayer = [];</script>\n</body>\n</html>\n",
        name(&mut r),
        name(&mut r),
    )
}
