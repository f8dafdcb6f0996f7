//! hedged: cues in the writer's own voice that keep a distance.
//!
//! Sense checks by tag (see lexicons/hedges.txt): `@modal`, `@evidence`,
//! `@attributive`, `@weak`. Cues inside quotation marks are skipped.

use super::Signal;
use crate::finding::Category;
use crate::sentence::{capitalised, word_list, Sentence, WordList};

const PERMITTED: WordList = word_list![
    "you", "visitors", "residents", "members", "customers", "passengers", "applicants", "students",
    "pupils", "guests", "users", "participants", "readers", "anyone", "drivers", "tenants",
    "players", "entrants", "candidates", "staff", "employees", "shoppers", "fans", "parents",
    "holders", "subscribers", "owners", "investors", "shareholders", "patients", "clients",
    "borrowers", "savers", "buyers", "homeowners",
];
const ABILITY_BEFORE: WordList = word_list![
    "so", "if", "before", "until", "when", "whenever", "how", "what", "where", "who", "whatever",
    "wherever", "than", "anything", "everything", "nothing", "all", "best", "whom", "which",
    "nobody", "anyone", "someone", "everyone",
];
const ABILITY_VERBS: WordList = word_list![
    "see", "hear", "feel", "smell", "swim", "read", "write", "speak", "walk", "afford", "remember",
    "barely", "hardly", "only", "never", "not", "no", "scarcely", "just", "do", "already", "recall",
    "ride", "sing", "dance", "cook", "often", "easily", "always", "sometimes",
];
/// People named by their legal role: "the alleged victim" names, it does not hedge.
const LEGAL_ROLES: &[&str] = &[
    "victim", "victims", "perpetrator", "perpetrators", "attacker", "attackers", "offender",
    "offenders", "killer", "killers", "gunman", "murderer", "rapist", "thief", "abuser",
    "fraudster", "ringleader", "assailant", "accomplice", "co-conspirator", "suspect", "suspects",
    "smuggler", "smugglers", "trafficker", "traffickers", "hacker", "hackers", "spy", "spies",
    "gang", "leader", "leaders", "arsonist", "thieves", "robbers", "robber", "dealer", "dealers",
];
/// Words after which "the alleged X" is a name for the matter in hand:
/// prepositions, and verbs of looking into it ("detectives investigating
/// the alleged fraud").
const NAMING_WORDS: WordList = word_list![
    "into", "about", "over", "regarding", "concerning", "on", "of", "for", "after", "following",
    "investigating", "investigate", "investigated", "probing", "probe", "examining", "reviewing",
    "how", "why", "when", "where", "whether", "to", "with",
];
/// Verbs that, after "may", grant permission rather than hedge.
const PERMISSION_VERBS: WordList = word_list![
    "watch", "enter", "redeem", "bring", "apply", "leave", "use", "attend", "park", "visit", "keep",
    "choose", "submit", "register", "request", "wear", "vote", "join", "borrow", "collect", "book",
    "pay", "opt", "access", "view", "travel", "stay", "speak", "ask", "sit", "bid", "appeal",
    "withdraw", "nominate", "camp", "fish", "photograph", "film", "switch", "cancel", "delete",
    "unsubscribe", "exchange", "renew", "download", "buy", "purchase", "contact", "call", "email",
    "phone", "rely",
];
const BE: WordList = word_list![
    "is", "are", "was", "were", "be", "been", "being", "'s", "’s", "isn't", "wasn't", "aren't",
    "weren't",
];
const DOCUMENTS: WordList = word_list![
    "counts", "move", "decision", "vote", "result", "announcement", "shift", "change", "data",
    "evidence", "study", "studies", "research", "results", "figures", "poll", "polls", "survey",
    "findings", "analysis", "report", "records", "trend", "numbers", "signs", "this", "which", "it",
    "model", "models", "tests", "documents", "footage", "images", "papers",
];

pub(crate) fn check(s: &Sentence) -> Option<Signal> {
    let mut parts = Vec::new();
    for (entry, span) in s.hits_of(Category::Hedged) {
        if s.quoted(span) {
            continue;
        }
        let Some(wi) = s.word_index(span.start) else { continue };
        let last = s.word_index(span.end.saturating_sub(1)).unwrap_or(wi);
        let mut confidence = if entry.has_tag("weak") { 0.45 } else { 0.85 };
        if entry.has_tag("modal") && !epistemic_modal(s, wi) {
            continue;
        }
        if entry.has_tag("modal") {
            confidence = if s.word_is(wi, "could") { 0.6 } else { 0.7 };
        }
        if entry.has_tag("evidence") {
            if !evidential(s, wi) {
                continue;
            }
            confidence = 0.7;
        }
        if entry.has_tag("attributive") && last + 1 < s.words.len() && is_role(s.word(last + 1)) {
            continue;
        }
        // A thing named by what is alleged, as the object of a preposition
        // ("an investigation into the alleged discharge", "asked about the
        // alleged feud"): the sentence's claim does not rest on it.
        if entry.has_tag("attributive") && wi >= 2 && s.word_is(wi - 1, "the") && (s.word_in(wi - 2, &NAMING_WORDS) || !s.break_after(wi - 2) && !capitalised(s.word(wi - 2)) && s.lower(wi - 2).ends_with("ed")) {
            continue;
        }
        if entry.has_tag("reported") {
            if !after_be(s, wi) {
                continue;
            }
            // "were reported to the agency": a noun follows, not a verb.
            if s.word_in(last + 1, &word_list!["the", "a", "an", "his", "her", "their", "its", "police", "authorities", "officials", "him", "them", "us", "me"]) {
                continue;
            }
            confidence = 0.8;
        }
        if s.word_is(wi, "likely") && wi > 0 && s.word_in(wi - 1, &word_list!["more", "less", "times", "as", "twice", "cent"]) {
            continue; // a measured comparison, not a hedge
        }
        if entry.has_tag("attributive") {
            confidence = 0.65;
        }
        if entry.has_tag("linking") {
            if !describes(s, last + 1) {
                continue;
            }
            confidence = 0.7;
        }
        if entry.custom {
            confidence = 0.8;
        }
        parts.push((confidence, span, "hedge: '{}' — the writer does not vouch for this"));
    }
    Signal::combine(s.text, parts)
}

fn epistemic_modal(s: &Sentence, wi: usize) -> bool {
    let word = s.word(wi);
    if s.word_is(wi, "may") {
        // The month, or a surname.
        if capitalised(word) && (wi > 0 || s.words.get(1).is_some_and(|w| s.text[w.span].starts_with(|c: char| c.is_ascii_digit()))) {
            return false;
        }
        let mut next = wi + 1;
        while s.word_in(next, &word_list!["still", "also", "now", "yet", "even", "only", "already"]) {
            next += 1;
        }
        // "may have had", "may be": a guess about the past or a state, whoever the subject.
        let guess = s.word_in(next, &["be", "have", "well"]);
        if wi > 0 && s.word_in(wi - 1, &PERMITTED) && !guess {
            return false;
        }
        // A rule's own wording: "Under the contract, the label may release …".
        if under_rules(s, wi) {
            return false;
        }
        // Rules read as permission: "holders may redeem", "jurors may … but
        // must", "walkers may still use the path but should not …".
        let must = (0..s.words.len()).any(|i| s.word_in(i, &["must", "should"]));
        return !(s.word_in(next, &PERMISSION_VERBS) || must && !s.word_in(next, &["be", "have", "not", "well"]));
    }
    if s.word_is(wi, "might") {
        return !(wi > 0 && s.word_in(wi - 1, &word_list!["his", "her", "their", "its", "the", "military", "full", "all", "economic", "naval", "our"]));
    }
    // could
    // "could be heard laughing", "could be seen": what was perceived.
    if s.word_is(wi + 1, "be") && s.word_in(wi + 2, &word_list!["heard", "seen", "felt", "smelled", "smelt"]) {
        return false;
    }
    // "so that people could check it": a purpose, not a guess.
    if (wi.saturating_sub(4)..wi).any(|i| s.word_is(i, "so") && s.word_is(i + 1, "that")) {
        return false;
    }
    // "customers could return the products": a right, not a guess.
    if wi > 0 && s.word_in(wi - 1, &PERMITTED) && s.word_in(wi + 1, &PERMISSION_VERBS) {
        return false;
    }
    if under_rules(s, wi) {
        return false; // "Under the bill, the cabinet could remove …": a power
    }
    if wi > 0 && s.word_in(wi - 1, &ABILITY_BEFORE) {
        return false;
    }
    if s.word_in(wi + 1, &ABILITY_VERBS) {
        return false;
    }
    // "as fast as they could", "all it could": nothing follows, an ability.
    if s.break_after(wi) {
        return false;
    }
    // A limit on what was possible: "could reach only parts of the river".
    if s.word_in(wi + 2, &["only", "barely", "hardly", "scarcely"]) {
        return false;
    }
    true
}

/// Words that end a linking verb's description rather than start one.
const NOT_DESCRIPTION: WordList = word_list![
    "in", "on", "at", "before", "to", "for", "with", "as", "from", "after", "alongside", "during",
    "the", "a", "an", "his", "her", "their", "its", "our", "my", "live", "twice", "once", "again",
    "outside", "inside", "via", "by", "under", "that", "this", "here", "there", "today", "when",
];
/// Adjectives with no telling suffix that often follow "appeared".
const PLAIN_ADJECTIVES: WordList = word_list![
    "calm", "unaware", "aware", "keen", "ready", "unwell", "well", "fine", "tense", "content",
    "upbeat", "sure", "unsure", "confident", "likely", "unlikely", "close", "set", "poised",
    "determined", "happy", "unhappy", "relaxed", "tired", "weak", "strong", "frail", "uneasy",
];

/// Word `i` (past an adverb) starts a description: "appeared unshaken",
/// "seemed genuinely surprised", not "appeared in court".
fn describes(s: &Sentence, mut i: usize) -> bool {
    if s.lower(i).ends_with("ly") && !s.word_in(i, &["likely", "unlikely"]) {
        i += 1;
    }
    let w = s.lower(i);
    if w.is_empty() || s.word_in(i, &NOT_DESCRIPTION) || capitalised(s.word(i)) || w.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    s.word_in(i, &PLAIN_ADJECTIVES)
        || ["ed", "en", "ous", "ful", "ive", "able", "ible", "ent", "ant", "al", "ic", "less", "y"].iter().any(|suf| w.len() > suf.len() + 2 && w.ends_with(suf))
}

/// Texts that grant or limit rights; "under" one of them frames a rule.
const RULE_TEXTS: WordList = word_list![
    "rules", "rule", "law", "laws", "contract", "contracts", "terms", "regulations", "constitution",
    "act", "statute", "treaty", "agreement", "licence", "license", "bylaws", "code", "charter",
    "guidelines", "clause", "legislation", "lease", "bill", "procedure", "procedures", "policy",
    "protocol",
];

/// The sentence opens with "Under …" naming a rule text before word `wi`.
fn under_rules(s: &Sentence, wi: usize) -> bool {
    s.word_is(0, "under") && (1..wi.min(8)).any(|i| s.word_in(i, &RULE_TEXTS))
}

fn is_role(word: &str) -> bool {
    let possessive = ["'s", "'S", "’s", "’S"].into_iter().find_map(|p| word.strip_suffix(p));
    let bare = possessive.unwrap_or(word).trim_end_matches(['\'', '’']);
    LEGAL_ROLES.iter().any(|r| r.eq_ignore_ascii_case(bare))
}

/// True when a form of "be" precedes word `wi`, past adverbs ("is also said to").
fn after_be(s: &Sentence, wi: usize) -> bool {
    let mut j = wi;
    while j > 0 && !s.break_after(j - 1) {
        j -= 1;
        if s.word_in(j, &BE) {
            return true;
        }
        let w = s.word(j);
        if !(w.ends_with("ly") || s.word_in(j, &word_list!["also", "now", "still", "long", "not", "already", "further", "privately", "widely", "generally"])) {
            return false;
        }
    }
    false
}

fn evidential(s: &Sentence, wi: usize) -> bool {
    let next = wi + 1;
    // "Ms Quintero signalled that she would take part": an indication, not a statement.
    if s.lower(wi).starts_with("signal") && s.word_is(next, "that") {
        return true;
    }
    let doc_subject = (wi.saturating_sub(3)..wi).any(|i| s.word_in(i, &DOCUMENTS));
    if s.break_after(wi) {
        // "… what Mrs Hale suggests, the route …" proposes nothing; "…, records
        // suggest" at the end reads the evidence.
        return doc_subject && next >= s.words.len();
    }
    if next < s.words.len() {
        let n = s.lower(next);
        if n.ends_with("ing") || n == "to" {
            return false; // "suggested meeting", "suggested to me"
        }
    }
    let word = s.lower(wi);
    // "…, suggesting a closer race": a participle reading the facts before it.
    if word.ends_with("ing") {
        return true;
    }
    if doc_subject {
        return true;
    }
    // "A survey of 800 firms by the Confederation suggests that …": the
    // evidence may stand further back before a that-clause.
    if s.word_is(next, "that") && (wi.saturating_sub(10)..wi).any(|i| s.word_in(i, &DOCUMENTS)) {
        return true;
    }
    // Present tense without a person proposing something ("suggests a walk").
    !word.ends_with("ed") && !s.word_in(next, &word_list!["a", "an", "we", "you", "i", "that"])
}
