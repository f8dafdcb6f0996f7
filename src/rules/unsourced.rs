//! unsourced: a contestable claim given as fact, with no source or only a
//! vague one.
//!
//! Checks by tag (see lexicons/unsourced.txt): `@crowd`, `@passive`,
//! `@judgement`, `@sweeping`, `@weak`. Words in quotation marks are the
//! speaker's; a sentence that names its source is not unsourced.

use super::attribution::{Kind, Source};
use super::Signal;
use crate::finding::Category;
use crate::sentence::{capitalised, word_list, Sentence, WordList};

/// Confidence of a generic weasel word on its own (shown at balanced).
const GENERIC: f32 = 0.5;

/// Auxiliaries and adverbs that may stand between a crowd and its saying
/// verb ("critics have long argued").
const FILLERS: WordList = word_list![
    "meanwhile", "however", "though", "instead", "have", "has", "had", "privately", "long",
    "widely", "also", "now", "still", "quietly", "openly", "increasingly", "would", "will", "may",
    "might", "could", "too",
];
/// Words that must follow the crowd (past any of the fillers) for it
/// to be the speaker, rather than merely mentioned.
const SPEAKING: WordList = word_list![
    "say", "says", "said", "argue", "argues", "argued", "claim", "claims", "claimed", "believe",
    "believes", "believed", "think", "thinks", "thought", "warn", "warns", "warned", "fear",
    "fears", "feared", "suspect", "suspects", "suspected", "agree", "agrees", "agreed", "insist",
    "insists", "insisted", "accuse", "accused", "suggest", "suggests", "suggested", "predict",
    "predicts", "predicted", "contend", "contends", "complain", "complained", "complains", "allege",
    "alleged", "maintain", "maintained", "worry", "worried", "feel", "feels", "felt", "expect",
    "expects", "expected", "noted", "describe", "described", "called", "regard", "consider",
    "considered", "questioned", "doubt", "doubted", "admit", "admitted", "acknowledge",
    "acknowledged", "reckon", "reckoned", "estimate", "estimated", "told", "see", "concede",
    "conceded", "note", "notes", "point", "points", "pointed", "put", "puts", "report", "reported",
    "hailed", "praised", "slammed", "blasted", "branded", "condemned", "criticised", "criticized",
    "attacked", "welcomed", "lambasted", "panned", "derided",
];

pub(crate) fn check(s: &Sentence, source: Option<&Source>, carried: bool) -> Option<Signal> {
    if s.is_question() || s.quoted_block {
        return None;
    }
    let named = source.is_some_and(|src| src.kind != Kind::Vague);
    let mut parts = Vec::new();
    if let Some(src) = source.filter(|src| src.kind == Kind::Vague && !s.quoted(src.who)) {
        parts.push((0.7, src.who, "vague source: '{}' does not say who"));
    }
    for (entry, span) in s.hits_of(Category::Unsourced) {
        if s.quoted(span) {
            continue;
        }
        let Some(wi) = s.word_index(span.start) else { continue };
        let last = s.word_index(span.end.saturating_sub(1)).unwrap_or(wi);
        if entry.has_tag("crowd") {
            // A named source covers its own clause: a vague crowd speaking
            // after a dash or semicolon ("… — a project friends say she
            // wanted") is a claim of its own.
            let own_clause = named && source.is_some_and(|src| {
                let (a, b) = if src.cue.end <= span.start { (src.cue.end, span.start) } else { (span.end, src.cue.start) };
                a < b && s.text[a..b].contains(['—', '–', ';'])
            });
            if named && !own_clause || parts.iter().any(|p: &(f32, crate::span::Span, &str)| p.1.overlaps(span)) {
                continue;
            }
            if !crowd_speaks(s, wi, last) {
                // Weasel position: opening a clause or after a preposition
                // ("some argue", "in some cases", "by many"), not an object
                // ("gave Russia some territory").
                let opener = wi == 0 || s.break_after(wi - 1) || s.word_in(wi - 1, &word_list!["in", "by", "for", "of", "among", "to", "and", "but", "while", "although", "that", "with", "from", "as"]);
                let estimate = s.lower(last + 1).starts_with(|c: char| c.is_ascii_digit());
                if s.word_in(wi, &["some", "many"]) && !carried && opener && !estimate {
                    parts.push((GENERIC, span, "vague quantity: '{}' does not say who or how many"));
                }
                continue;
            }
            let conf = if s.word_in(wi, &["officials", "sources", "a"]) { 0.6 } else { 0.75 };
            parts.push((conf, span, "vague source: '{}' does not say who"));
            continue;
        }
        if named {
            continue;
        }
        if entry.has_tag("generic") {
            // "considered deposing him": weighing an action, not an opinion.
            let weighing = s.lower(wi).starts_with("consider") && last + 1 < s.words.len() && s.lower(last + 1).ends_with("ing");
            if !carried && !weighing {
                parts.push((GENERIC, span, "vague attribution: '{}' does not say by whom"));
            }
            continue;
        }
        if entry.has_tag("passive") {
            if (last + 1..(last + 4).min(s.words.len())).any(|i| s.word_is(i, "by")) {
                continue;
            }
            parts.push((0.75, span, "no source named; '{}' does not say by whom"));
            continue;
        }
        let judgement = entry.has_tag("judgement") || entry.has_tag("sweeping");
        let mut conf: f32 = if entry.custom { 0.8 } else { 0.85 };
        if entry.has_tag("judgement") {
            conf = 0.6;
        }
        if entry.has_tag("sweeping") {
            conf = 0.4;
            // "Price wars never end well", "Relations have never recovered": a
            // general "never" is a sweeping claim in its own right; not a
            // person's story ("she never told anyone") or a past or modal one.
            // "has never been carried out": a passive record of a fact.
            let passive = s.word_is(last + 1, "been") && {
                let p = s.lower(last + 2);
                (p.ends_with("ed") || p.ends_with("en")) && !p.ends_with("ened") || ["done", "made", "built", "held", "paid", "seen", "found", "told", "given", "taken", "shown", "known", "sold", "set", "put", "run", "won", "lost"].contains(&p)
            };
            if s.word_is(wi, "never") && !passive && !(wi > 0 && s.word_in(wi - 1, &word_list!["he", "she", "i", "we", "they", "you", "had", "was", "were", "would", "could", "will", "may", "might", "it"])) {
                conf = 0.6;
            }
        }
        // "Of course, …", "No doubt, …": opening the sentence, set off by a
        // comma, the signal is the writer's own aside and counts in full.
        // "…, of course, …" in the middle counts too when nobody else is
        // cited and nothing is denied: then the aside is the writer's.
        let unattributed = source.is_none() && s.hits_of(Category::Denial).next().is_none();
        let set_off = wi == 0 || (unattributed && s.break_after(wi - 1));
        let aside = set_off && s.break_after(last) && !entry.has_tag("judgement");
        if entry.has_tag("weak") && !aside {
            conf = conf.min(0.45) - if entry.has_tag("judgement") { 0.05 } else { 0.0 };
        }
        if carried {
            conf -= 0.1;
        }
        let reason = if judgement {
            "a judgement ('{}') stated as fact, with no source"
        } else {
            "no source named; '{}' presents a contestable claim as settled"
        };
        parts.push((conf, span, reason));
    }
    if parts.is_empty() || is_credit(s) {
        return None;
    }
    Signal::combine(s.text, parts)
}

/// The crowd at words `wi..=last` is the one speaking: a saying verb
/// follows within a few words (past auxiliaries and adverbs), or
/// "according to" precedes it.
fn crowd_speaks(s: &Sentence, wi: usize, last: usize) -> bool {
    // "Neither official would say …": nobody speaks.
    if wi > 0 && s.word_in(wi - 1, &["neither", "no", "nor", "not"]) {
        return false;
    }
    if wi >= 2 && s.word_is(wi - 2, "according") && s.word_is(wi - 1, "to") {
        return true;
    }
    // Someone's own people are no crowd: "lives with his parents".
    if wi > 0 && s.word_in(wi - 1, &word_list!["his", "her", "their", "my", "our", "your", "its"]) {
        return false;
    }
    // "some 5,400 addresses" is an estimate, not a crowd.
    if s.word_in(wi, &["some", "many"]) && last + 1 < s.words.len() && s.lower(last + 1).starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // A counted group is a quantity, not a crowd: "supplies about 16 million people".
    if wi > 0 && (s.lower(wi - 1).starts_with(|c: char| c.is_ascii_digit()) || s.word_in(wi - 1, &word_list!["million", "thousand", "hundred", "dozen", "dozens", "hundreds", "thousands", "millions", "billion"])) {
        return false;
    }
    // A proper name right after makes it specific: "critics including Senator Hale";
    // a place does not: "many in the village", "analysts in Drenholm".
    let mut i = last + 1;
    let mut steps = 0;
    let ends_to = s.word_is(last, "to");
    if (ends_to || s.word_in(i, &word_list!["in", "on", "of", "across", "around", "inside", "within", "among", "close"])) && !s.break_after(last) {
        if !ends_to {
            i += 1;
        }
        while i < s.words.len() && steps < 4 && !s.word_in(i, &SPEAKING) && !s.break_after(i - 1) {
            i += 1;
            steps += 1;
        }
        steps = 0;
    }
    while i < s.words.len() && steps < 5 {
        if s.break_after(i - 1) && steps == 0 && !s.text[s.words[i - 1].span.end..s.words[i].span.start].contains(',') {
            return false;
        }
        let w = s.word(i);
        if capitalised(w) && !s.word_in(i, &["i"]) {
            return false;
        }
        if s.word_in(i, &SPEAKING) {
            // "officials are said to": passive, the crowd is not speaking.
            return !(i > 0 && s.word_in(i - 1, &word_list!["is", "are", "was", "were", "been", "be"]));
        }
        if steps == 0 && s.word_in(wi, &["some", "many", "most", "several"]) && !capitalised(w) {
            // "some investors fear": one noun after the quantifier.
            i += 1;
            steps += 1;
            continue;
        }
        if !s.word_in(i, &FILLERS) && !s.word_in(i, &word_list!["in", "the", "of", "on", "at", "and", "other", "local", "many", "some", "senior", "close", "to", "government", "industry", "political", "privately", "publicly"]) {
            return false;
        }
        i += 1;
        steps += 1;
    }
    false
}

/// Bylines, picture credits and similar furniture.
fn is_credit(s: &Sentence) -> bool {
    let t = s.text[s.span].as_bytes();
    if t.len() >= 3 && t[..3].eq_ignore_ascii_case(b"by ") && s.words.len() <= 8 {
        return true;
    }
    // The marks anywhere in the sentence (ASCII case ignored), looked up by
    // their first letter.
    (0..t.len()).any(|i| {
        let rest = &t[i..];
        let at = |mark: &[u8]| rest.len() >= mark.len() && rest[..mark.len()].eq_ignore_ascii_case(mark);
        match t[i] | 0x20 {
            b'c' => at(b"credit:"),
            b'f' => at(b"featured image"),
            b'g' => at(b"getty images"),
            b'i' => at(b"image via") || at(b"image:"),
            b'o' => at(b"originally published"),
            b'p' => at(b"photo:") || at(b"photograph:") || at(b"picture:"),
            _ => false,
        }
    })
}
