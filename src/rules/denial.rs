//! denial: a party rejects a claim.
//!
//! Sense checks by tag (see lexicons/denials.txt): `@claim`, `@verb`,
//! `@falsity`, `@rebuttal`. Quotations count: a quoted rebuttal is a denial.

use super::Signal;
use crate::finding::Category;
use crate::sentence::{capitalised, word_list, Sentence, WordList, Words};
use super::attribution::{Kind, Source};

const CLAIM_WORDS: WordList = word_list![
    "claim", "claims", "allegation", "allegations", "accusation", "accusations", "report",
    "reports", "reporting", "suggestion", "suggestions", "finding", "findings", "charge", "charges",
    "criticism", "criticisms", "assertion", "assertions", "account", "accounts", "story", "stories",
    "figures", "rumour", "rumours", "rumor", "rumors", "notion", "characterisation",
    "characterization", "premise", "version", "conclusion", "conclusions", "evidence", "testimony",
    "theory", "speculation", "that", "assessment", "analysis", "statistics", "numbers", "data",
    "article", "insinuation", "insinuations", "interpretation", "description", "portrayal",
    "depiction", "verdict", "estimate", "estimates", "impression", "wrongdoing", "count", "counts",
    "tally", "total", "figure", "talk",
];
/// Words after a single verb of rejection that show another sense
/// ("dismissed in 2019", "rejected by the board").
const NOT_OBJECT: WordList = word_list![
    "in", "from", "on", "after", "by", "last", "for", "over", "at", "following", "without", "when",
    "because", "earlier", "outright", "immediately",
];

const VERB_NEXT: WordList = word_list![
    "the", "that", "this", "these", "those", "his", "her", "their", "its", "any", "a", "an",
    "claims", "allegations", "reports", "figures", "findings", "suggestions", "accounts", "some",
];
const NOT_VERB_BEFORE: WordList = word_list![
    "the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "hotly", "fiercely",
    "long", "most", "highly", "bitterly", "any", "no", "every", "each",
];
const SPEAKING: WordList = word_list![
    "said", "says", "say", "claimed", "claims", "claim", "insisted", "insists", "called", "calls",
    "described", "describes", "branded", "brands", "dismissed", "labelled", "labeled", "told",
    "denied", "maintained", "maintains", "wrote", "tweeted", "posted", "responded", "replied",
    "added", "argued", "argues", "stated", "declared", "rejected", "protested", "countered",
    "retorted", "hit", "slammed", "blasted", "insisting", "saying", "calling", "describing",
];
/// Objects that are proposals, not claims: rejecting them is no denial.
const PROPOSALS: WordList = word_list![
    "idea", "plan", "plans", "proposal", "proposals", "scheme", "offer", "bid", "policy", "move",
    "measure", "pledge", "request", "call", "calls", "demand", "demands", "deal", "bill", "bills",
    "amendment", "amendments", "motion", "budget", "law", "treaty", "contract", "settlement",
    "candidate", "nominee", "nomination",
];
/// Words that make a source a document: its "never" reports a finding, not a rebuttal.
const DOCUMENT_SOURCES: WordList = word_list![
    "report", "study", "review", "audit", "survey", "data", "figures", "documents", "records",
    "analysis", "inquiry", "investigation", "filing", "filings", "memo", "letter", "minutes",
];
/// Acts a speaker denies with "never": "I never saw those invoices".
const REBUTTED_ACTS: WordList = word_list![
    "met", "saw", "received", "took", "taken", "discussed", "said", "asked", "paid", "knew",
    "spoke", "spoken", "signed", "authorised", "authorized", "ordered", "agreed", "promised",
    "accepted", "lied", "hid", "touched", "threatened", "sent", "wrote", "written", "approved",
    "told", "offered", "made", "did", "was", "were", "had", "hidden", "concealed", "misled",
    "deceived", "covered", "steal", "stole", "stolen", "take", "lie", "cheat", "cheated", "leak",
    "leaked", "hide", "mislead", "pay", "know", "meet", "see", "ask", "sign", "order", "authorise",
    "authorize", "approve", "receive", "accept", "threaten", "touch", "harass", "harassed", "bribe",
    "bribed", "falsify", "falsified", "fabricate", "fabricated", "plagiarise", "plagiarize",
    "plagiarised", "plagiarized", "copy", "copied", "break", "broke", "abuse", "abused", "attack",
    "attacked", "do",
];
/// What is refused, not rebutted: "denied an application", "denied the firm's request".
const REQUESTS: WordList = word_list![
    "request", "requests", "application", "applications", "permission", "bail", "entry", "access",
    "visa", "visas", "appeal", "appeals", "motion", "bid", "licence", "license", "parole", "asylum",
    "petition", "exemption", "waiver", "extension", "refund", "passage", "admission", "approval",
    "accreditation", "credentials", "permit", "permits", "licences", "licenses", "funding",
    "tickets", "registration",
];
/// Modals before "never": a prediction or a rule, not a rebuttal ("might never be built").
const MODALS: WordList = word_list![
    "might", "may", "could", "would", "will", "should", "must", "can", "shall",
];
const NEGATIONS: WordList = word_list![
    "not", "never", "no", "nothing", "nobody", "none", "n't", "innocent", "wrong",
];

pub(crate) fn check(s: &Sentence, source: Option<&Source>) -> Option<Signal> {
    let mut parts = Vec::new();
    for (entry, span) in s.hits_of(Category::Denial) {
        let Some(wi) = s.word_index(span.start) else { continue };
        let last = s.word_index(span.end.saturating_sub(1)).unwrap_or(wi);
        let window = (last + 1)..(last + 9).min(s.words.len());
        let mut confidence = 0.9;
        // "deny accepting the bid", "denied that …": a denial, whatever follows.
        let gerund = s.lower(last + 1).ends_with("ing") || s.word_in(last + 1, &["that", "having", "any", "ever"]);
        if entry.has_tag("refusal") && !gerund {
            let object = (last + 1..(last + 5).min(s.words.len())).take_while(|&i| !s.word_in(i, &word_list!["that", "any", "claims", "allegations", "reports"]));
            if object.clone().any(|i| s.word_in(i, &REQUESTS)) {
                continue;
            }
        }
        if entry.has_tag("claim") {
            // "the dispute is ...": a noun after a determiner, not a verb.
            if wi == last && wi > 0 && s.word_in(wi - 1, &NOT_VERB_BEFORE) {
                continue;
            }
            if wi == last && s.word_in(last + 1, &NOT_OBJECT) {
                continue;
            }
            let falsity = s.hits_of(Category::Denial).any(|(e, _)| e.has_tag("falsity"));
            // "a claim the airline has repeatedly rejected": the claim may come first.
            let claim_before = (wi.saturating_sub(5)..wi).any(|i| s.word_in(i, &CLAIM_WORDS) && !s.word_is(i, "that"));
            let claim_at = window.clone().find(|&i| s.word_in(i, &CLAIM_WORDS)).or(claim_before.then_some(wi));
            // "the idea as a gimmick" is a proposal; "the idea that he lied" a claim.
            let proposal_at = window.clone().find(|&i| s.word_in(i, &PROPOSALS) && !(s.word_in(i, &["idea", "notion"]) && s.word_is(i + 1, "that")));
            let proposal_first = proposal_at.is_some_and(|p| claim_at.is_none_or(|c| p < c));
            if proposal_first || (!falsity && claim_at.is_none()) {
                continue;
            }
            confidence = 0.85;
        }
        if entry.has_tag("verb") {
            if wi > 0 && s.word_in(wi - 1, &NOT_VERB_BEFORE) {
                continue;
            }
            // "disputes the hacker's claim", "disputed Smith’s account": a possessive object.
            let possessive = last + 1 < s.words.len() && (s.lower(last + 1).ends_with("'s") || s.lower(last + 2).ends_with("'s"))
                && (last + 2..(last + 6).min(s.words.len())).any(|i| s.word_in(i, &CLAIM_WORDS));
            if !s.word_in(last + 1, &VERB_NEXT) && !s.word_in(last + 1, &CLAIM_WORDS) && !possessive {
                continue;
            }
            confidence = 0.8;
        }
        // "dismissed the idea as a gimmick" rejects a plan; "dismissed talk of a
        // deal as wishful thinking" rejects a claim about one.
        let gap_proposal = (wi + 1..last).find(|&i| s.word_in(i, &PROPOSALS));
        let gap_claim = (wi + 1..last).find(|&i| s.word_in(i, &CLAIM_WORDS) && !s.word_is(i, "that"));
        if entry.has_tag("claim-gap") && gap_proposal.is_some_and(|p| gap_claim.is_none_or(|c| p < c)) {
            continue;
        }
        if entry.has_tag("reported") {
            // A negation in the reported or quoted speech of a named party.
            let quoted = s.quoted(span) && !s.quoted_block;
            let Some(src) = source.filter(|src| src.kind != Kind::Vague) else { continue };
            if wi > 0 && s.word_in(wi - 1, &MODALS) {
                continue;
            }
            // "the work was sold in 1941 and never changed hands": a second
            // predicate of some earlier subject, not the speaker's rebuttal.
            if wi > 0 && s.word_in(wi - 1, &["and", "but", "or"]) {
                continue;
            }
            // "has never been wider": a comparison, not a rebuttal.
            if s.word_is(last + 1, "been") && (s.lower(last + 2).ends_with("er") || s.word_in(last + 2, &word_list!["more", "less", "so", "as", "this", "such"])) {
                continue;
            }
            // "records … were never recovered": a thing's fate, not a rebuttal.
            if wi >= 2 && s.word_in(wi - 1, &word_list!["was", "were", "is", "are", "been"]) && !s.word_in(wi - 2, &word_list!["i", "he", "she", "we", "they", "it", "had", "has", "have"]) {
                continue;
            }
            // "A 2022 report found that …", "According to the audit, … were
            // never presented": a document's findings rebut nobody.
            let cue_word = crate::rules::cue_text(s.text, src.cue);
            let document = src.name.split_whitespace().any(|w| DOCUMENT_SOURCES.has(&w.to_ascii_lowercase()));
            if document || ["found", "finds", "showed", "shows", "concluded", "revealed"].contains(&cue_word.as_str()) {
                continue;
            }
            // "… wrote that PaceLoop never noticed": a named third party's
            // failing is an accusation, not a rebuttal.
            let mut subject = wi;
            while subject > 0 && s.word_in(subject - 1, &word_list!["had", "has", "have", "did", "was", "were", "is", "are", "would"]) {
                subject -= 1;
            }
            if subject > 1 && capitalised(s.word(subject - 1)) && !s.word_in(subject - 1, &word_list!["i", "he", "she", "they", "we", "it"]) && !src.who.contains(s.words[subject - 1].span) {
                continue;
            }
            if !(src.cue.end <= span.start || quoted) {
                continue;
            }
            // Quoted "never" is as often a memory as a rebuttal ("I've never
            // seen the river so high"): shown at eager only.
            // A direct quotation counts when "never" denies a specific act
            // ("has never met this woman", "never once discussed").
            let direct = quoted && s.quotes.iter().any(|q| q.contains(span) && q.start <= s.span.start + 3);
            let act = (last + 1..(last + 3).min(s.words.len())).find(|&i| !s.word_in(i, &["once", "even", "ever", "actually"]));
            let denies_act = act.is_some_and(|i| s.word_in(i, &REBUTTED_ACTS));
            confidence = if direct && !denies_act { 0.45 } else { 0.55 };
        }
        if entry.has_tag("falsity") && wi == last {
            // A one-word verdict describes a thing ("a false imprint", "false
            // accounting") unless it is predicated or qualifies a claim.
            let after_determiner = wi > 0 && s.word_in(wi - 1, &word_list!["a", "an", "the", "of", "for", "with", "in", "suspected", "alleged", "possible", "potential", "so-called", "any"]);
            let modifies = last + 1 < s.words.len()
                && !s.break_after(last)
                && !s.word_in(last + 1, &CLAIM_WORDS)
                && !s.word_in(last + 1, &word_list!["of", "and", "or", "to", "that", "in", "from", "by", "information", "statement", "statements", "news"]);
            if after_determiner && modifies && !s.quoted(span) {
                continue;
            }
        }
        if entry.has_tag("falsity") {
            // Someone says it: a verb of saying ("found", "showed" report, they do not rebut).
            let spoken = (0..s.words.len()).any(|i| s.word_in(i, &SPEAKING));
            let quoted_reply = s.quoted(span) && !s.quoted_block && s.quotes.iter().any(|q| q.overlaps(s.span));
            let attributed_reply = quoted_reply && s.hits_of(Category::Attributed).next().is_some();
            if !(spoken || attributed_reply || s.quoted_block) {
                continue;
            }
            confidence = 0.75;
        }
        if entry.has_tag("rebuttal") {
            let negated = window.clone().any(|i| {
                s.word_in(i, &NEGATIONS) || s.word(i).ends_with("n't") || s.word(i).ends_with("n’t")
            });
            if !negated {
                continue;
            }
            confidence = 0.7;
        }
        if entry.custom {
            confidence = 0.8;
        }
        parts.push((confidence, span, "denial: '{}' — a party rejects a claim or an accusation"));
    }
    Signal::combine(s.text, parts)
}
