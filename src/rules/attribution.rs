//! Who says so: finds the source a sentence names.
//!
//! `@verb` cues take their subject (or, inverted, the name after them);
//! `@according` cues take the noun phrase after them; `@frame` cues mark a
//! named report by themselves. A source is vague when it is a crowd word.

use crate::finding::Category;
use crate::sentence::{capitalised, word_list, Sentence, WordList, Words};
use crate::span::Span;
use crate::text::WordSet;
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Named,
    Pronoun,
    Vague,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Source {
    /// Shared: a sentence's findings and the next sentences' pronouns name it.
    pub name: Rc<str>,
    pub kind: Kind,
    /// The attribution words ("said", "according to").
    pub cue: Span,
    /// Who: the subject or the noun phrase named.
    pub who: Span,
}

const PRONOUNS: WordList = word_list!["he", "she", "they", "it", "we", "i", "you"];
const SKIP_BEFORE_VERB: WordList = word_list![
    "has", "have", "had", "also", "later", "previously", "repeatedly", "then", "again", "once",
    "already", "since", "would", "will", "did", "does", "do", "separately", "publicly", "privately",
    "recently", "earlier", "yesterday", "today", "last", "night", "week", "on", "tuesday", "monday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "first", "subsequently", "initially",
    "originally", "always", "long", "still", "further", "too", "never", "not", "often", "sometimes",
    "widely", "commonly", "frequently",
];
const PASSIVE: WordList = word_list![
    "was", "were", "been", "being", "be", "is", "are", "am", "get", "got",
];
/// Verbs that take their subject after them: "…,” said Ms Hale."
const INVERTIBLE: WordList = word_list![
    "said", "says", "added", "adds", "wrote", "writes", "explained", "insisted", "argued", "warned",
    "noted", "replied", "admitted", "claimed", "told", "continued", "recalled",
];
const FINDERS: WordList = word_list!["found", "finds", "showed", "shows", "show"];
const DOCUMENTS: WordList = word_list![
    "report", "reports", "study", "studies", "survey", "surveys", "poll", "polls", "figures",
    "data", "inquiry", "audit", "analysis", "review", "research", "records", "documents",
    "document", "footage", "statistics", "census", "investigation", "trial", "tests", "results",
    "paper", "accounts", "filings", "minutes", "transcript", "emails", "letter", "memo", "register",
    "registry", "database", "list", "index", "ledger",
];

/// Finds the sentence's source, if it names one.
pub(crate) fn source(s: &Sentence, crowd: &WordSet) -> Option<Source> {
    let mut best: Option<Source> = None;
    for (entry, span) in s.hits_of(Category::Attributed) {
        if s.quoted(span) && !s.quoted_block {
            continue;
        }
        let found = if entry.has_tag("according") {
            according(s, span, crowd)
        } else if entry.has_tag("frame") {
            frame(s, span, crowd)
        } else {
            verb(s, span, crowd)
        };
        if let Some(src) = found {
            let better = match &best {
                None => true,
                Some(b) => rank(src.kind) > rank(b.kind),
            };
            if better {
                best = Some(src);
            }
        }
    }
    best
}

fn rank(k: Kind) -> u8 {
    match k {
        Kind::Vague => 0,
        Kind::Pronoun => 1,
        Kind::Named => 2,
    }
}

fn according(s: &Sentence, cue: Span, crowd: &WordSet) -> Option<Source> {
    let first = s.word_at_or_after(cue.end);
    let last = phrase_end(s, first, 8)?;
    let mut src = classify(s, first, last, cue, crowd);
    // "according to figures released under …", "according to prices in the
    // swaps market": data name their source; only people make a crowd.
    // "according to the register of accredited diplomats": a document, whoever it lists.
    let document = mentions(s, first, last, &DOCUMENTS);
    let crowd_word = (first..=last).any(|i| crowd.contains(s.lower(i)));
    let people = !document && (crowd_word || s.word_in(first, &QUANTIFIERS));
    if src.kind == Kind::Vague && !people {
        src.kind = Kind::Named;
    }
    // "according to a person familiar with the inquiry": a crowd word
    // anywhere in an unnamed phrase leaves it vague.
    if src.kind == Kind::Named && crowd_word && !document && !has_capital(s, first, last, crowd) {
        src.kind = Kind::Vague;
    }
    Some(src)
}

fn frame(s: &Sentence, cue: Span, crowd: &WordSet) -> Option<Source> {
    let lower = crate::rules::cue_text(s.text, cue);
    if lower.ends_with(" for") {
        let first = s.word_at_or_after(cue.end);
        let last = phrase_end(s, first, 6)?;
        let mut src = classify(s, first, last, cue, crowd);
        src.name = format!("{} for {}", lower.trim_end_matches(" for"), src.name).into();
        return Some(src);
    }
    // "told reporters", "in a statement": the subject of the nearest verb
    // hit names who; the frame alone says a named report exists.
    let named = s
        .hits_of(Category::Attributed)
        .filter(|(e, _)| e.has_tag("verb"))
        .find_map(|(_, sp)| verb(s, sp, crowd));
    Some(match named {
        Some(src) => Source { cue, ..src },
        None => Source { name: lower.into(), kind: Kind::Named, cue, who: cue },
    })
}

fn verb(s: &Sentence, cue: Span, crowd: &WordSet) -> Option<Source> {
    let vi = s.word_index(cue.start)?;
    let verb_word = s.lower(vi);
    // "reports on social media say", "claims of fraud": nouns, not verbs.
    if ["reports", "claims", "shows", "says"].contains(&verb_word)
        && s.word_in(vi + 1, &word_list!["on", "from", "in", "of", "about", "say", "says", "said", "suggest", "suggested", "claim", "indicate", "have", "are", "were"])
    {
        return None;
    }
    // Walk back over auxiliaries and adverbs to the subject's last word.
    let mut j = vi;
    while j > 0 && !s.break_after(j - 1) && (s.word_in(j - 1, &SKIP_BEFORE_VERB) || s.word(j - 1).ends_with("ly")) {
        j -= 1;
    }
    if vi > 0 && s.word_is(vi - 1, "to") {
        return None; // "needless to say", "refused to say"
    }
    if verb_word.ends_with("ing") {
        while j > 0 && !s.break_after(j - 1) && s.word_in(j - 1, &word_list!["is", "are", "was", "were", "been", "be"]) {
            j -= 1;
        }
    }
    let participle = verb_word.ends_with("ed") || ["said", "told", "found", "shown", "thought", "written"].contains(&verb_word);
    if participle && j > 0 && !s.break_after(j - 1) && s.word_in(j - 1, &PASSIVE) {
        return None; // "he was told", "it is said"
    }
    if j > 0 && !s.break_after(j - 1) && s.word_in(j - 1, &word_list!["who", "which", "that", "whom", "and", "but", "or", "then"]) {
        // "a police source, who said …", "dismissed the letter and insisted …":
        // the subject is named before, by another verb.
        return None;
    }
    if let Some(src) = appositive(s, j, cue, crowd) {
        return Some(src);
    }
    // "Priya Mistry, who chairs the forum, said …", "Harbour Aid, a charity
    // that runs four centres, said …": the subject stands before a clause
    // or description set off by commas.
    let comma_only = |a: usize| a + 1 < s.words.len() && {
        let gap = &s.text[s.words[a].span.end..s.words[a + 1].span.start];
        gap.contains(',') && !gap.contains(['"', '“', '”', '‘', '(', ')'])
    };
    // "The Association of Hospital Doctors (AHD) said": step over the acronym.
    let gap = |a: usize| &s.text[s.words[a].span.end..s.words[a + 1].span.start];
    let acronym = j >= 2 && gap(j - 2).contains('(') && gap(j - 1).starts_with(')') && s.word(j - 1).chars().all(|c| c.is_ascii_uppercase());
    let j = if acronym { j - 1 } else { j };
    let subject = if j > 0 && (acronym || !s.break_after(j - 1)) {
        let last = j - 1;
        let mut first = last;
        // Five words, or up to ten while the phrase still opens with a
        // preposition ("The head of the Federal Infrastructure Agency").
        while first > 0
            && !s.break_after(first - 1)
            && (last - first < 5 || s.word_in(first, &word_list!["of", "for", "at", "in", "from", "on"]) && last - first < 10)
            && !s.word_in(first - 1, &word_list!["that", "and", "but", "as", "which", "who", "after", "when", "while", "because", "if"])
        {
            first -= 1;
        }
        if first > 0 && !s.break_after(first - 1) && s.word_in(first - 1, &["the", "a", "an"]) && last - first < 10 {
            first -= 1;
        }
        Some((first, last))
    } else if j > 2 && comma_only(j - 1) {
        // The nearest comma whose words before it are no clause of their own
        // (the description may hold a list: "which runs 14 food banks, three
        // youth centres and …").
        (j.saturating_sub(24)..j - 1).rev().filter(|&k| k > 0 && comma_only(k - 1)).find_map(|k| {
            if !(k..j - 1).all(|i| !s.break_after(i) || comma_only(i)) {
                return None;
            }
            let last = k - 1;
            let mut first = last;
            while first > 0 && !s.break_after(first - 1) && last - first < 5 {
                first -= 1;
            }
            let clause = (first..=last).any(|i| s.word_in(i, &word_list!["who", "which", "that", "whose", "whom"]));
            (!clause).then_some((first, last))
        })
    } else {
        None
    };
    if let Some((first, last)) = subject {
        // "Observers note that Mr Berg has never explained …": the subject of a
        // that-clause is reported content, not the sentence's source.
        if first > 0 && s.word_is(first - 1, "that") && s.hits_of(Category::Attributed).any(|(_, sp)| sp.end <= s.words[first].span.start) {
            return None;
        }
        // "none of his doctors has said …", "nobody said": no one is cited;
        // "Whatever the figures say, …": a concession, not a source.
        if s.word_in(first, &word_list!["none", "no", "nobody", "neither", "nor", "whatever", "whoever", "whichever", "however"]) {
            return None;
        }
        let src = classify(s, first, last, cue, crowd);
        // A bare plural is a crowd only as the one claiming, in a main clause:
        // not "rules announced on Thursday", not "…show that engineers warned".
        let only_plural = src.kind == Kind::Vague
            && bare_plural(s, first, last)
            && !s.word_in(first, &word_list!["some", "many", "several", "most", "few", "others"])
            && !(first..=last).any(|i| crowd.contains(s.lower(i)));
        if only_plural && (!CROWD_SPEECH.has(verb_word) || first > 0 && s.word_is(first - 1, "that")) {
            return None;
        }
        if FINDERS.has(verb_word) && src.kind == Kind::Named && !mentions(s, first, last, &DOCUMENTS) && !has_capital(s, first, last, crowd) {
            return None;
        }
        if FINDERS.has(verb_word) && src.kind != Kind::Named {
            return None;
        }
        return Some(src);
    }
    // Inverted: `…,” said Ms Hale.` / `, says the report.`
    if (j == 0 || s.break_after(j - 1)) && INVERTIBLE.has(verb_word) {
        let first = vi + 1;
        let last = phrase_end(s, first, 5)?;
        // Only a phrase that closes the clause: "…,” said Ms Hale." — not
        // "…, said the sirens had not sounded".
        if !s.break_after(last) {
            return None;
        }
        return Some(classify(s, first, last, cue, crowd));
    }
    None
}

/// "The minister’s spokesman, Felix Brandt, dismissed …": a short name set
/// off by commas right before the verb.
fn appositive(s: &Sentence, j: usize, cue: Span, crowd: &WordSet) -> Option<Source> {
    if j < 2 || !s.text[s.words[j - 1].span.end..s.words[j].span.start].contains(',') {
        return None;
    }
    let last = j - 1;
    let mut first = last;
    while first > 0 && !s.break_after(first - 1) {
        first -= 1;
    }
    let opened_by_comma = first > 0 && s.text[s.words[first - 1].span.end..s.words[first].span.start].contains(',');
    let short = last - first < 4;
    let name = (first..=last).all(|i| capitalised(s.word(i)) || s.word_in(i, &word_list!["de", "van", "von", "al", "bin", "and"]));
    (opened_by_comma && short && name).then(|| classify(s, first, last, cue, crowd))
}

/// Last word index of a phrase starting at `first`, stopping at clause
/// punctuation or after `max` words.
fn phrase_end(s: &Sentence, first: usize, max: usize) -> Option<usize> {
    if first >= s.words.len() {
        return None;
    }
    let mut last = first;
    while last + 1 < s.words.len() && !s.break_after(last) && last + 1 - first < max && !s.word_in(last + 1, &word_list!["that", "said", "says", "told", "has", "have", "had", "was", "were", "is", "are", "will", "would", "on", "in", "last", "who", "which"]) {
        last += 1;
    }
    Some(last)
}

fn mentions<W: Words + ?Sized>(s: &Sentence, first: usize, last: usize, set: &W) -> bool {
    (first..=last).any(|i| s.word_in(i, set))
}

/// A capitalised word in the phrase, other than a sentence-initial
/// function word ("The", "Some") or a crowd word ("Critics").
fn has_capital(s: &Sentence, first: usize, last: usize, crowd: &WordSet) -> bool {
    (first..=last).any(|i| {
        let w = s.word(i);
        // The first word of a sentence or clause ("15:20 GMT — Several sites").
        let initial = i == 0 || s.break_after(i - 1);
        capitalised(w)
            && !crowd.contains(s.lower(i))
            && !(initial && s.word_in(i, &SENTENCE_INITIAL))
            // "Local firms", "Unconfirmed reports": a sentence-initial capital on a common word
            && !(initial && i < last && !capitalised(s.word(i + 1)))
            // "Negotiators say": a sentence-initial plural of people
            && !(initial && i == last && people_plural(w))
            // "analysts in Drenholm": a place, not who
            && !(i > first && s.word_in(i - 1, &word_list!["in", "across", "around", "throughout", "on", "of"]))
    })
}

const DEFINITE: WordList = word_list![
    "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your",
    "both", "all",
];

const QUANTIFIERS: WordList = word_list![
    "some", "many", "several", "most", "few", "others", "various", "numerous", "two", "three",
    "four", "a", "an", "one",
];

const SENTENCE_INITIAL: WordList = word_list![
    "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "some",
    "many", "most", "one", "several", "other", "others", "senior", "new", "latest", "but", "and",
];

fn classify(s: &Sentence, first: usize, last: usize, cue: Span, crowd: &WordSet) -> Source {
    let who = Span::new(s.words[first].span.start, s.words[last].span.end);
    let name = &s.text[who];
    let kind = if first == last && s.word_in(first, &PRONOUNS) {
        Kind::Pronoun
    } else if first == last && s.word_in(first, &word_list!["one", "another", "others", "some", "many", "several", "most"]) {
        Kind::Vague // "One, who worked there for six years, said …"
    } else if is_vague(s, first, last, crowd) {
        Kind::Vague
    } else {
        Kind::Named
    };
    let name = if kind == Kind::Pronoun { name.to_lowercase().into() } else { name.into() };
    Source { name, kind, cue, who }
}

/// A bare plural with no name or determiner: "Parents say", "local firms say".
/// A plural that names people by what they do ("negotiators",
/// "meteorologists", "economists"), even when it opens the sentence with a
/// capital; "Reuters" is a name.
fn people_plural(word: &str) -> bool {
    let ends = |suf: &str| word.len() > suf.len() + 3 && word.is_char_boundary(word.len() - suf.len()) && word[word.len() - suf.len()..].eq_ignore_ascii_case(suf);
    ["ers", "ors", "ists", "ians", "ants", "ents"].into_iter().any(ends) && !word.eq_ignore_ascii_case("reuters")
}

fn bare_plural(s: &Sentence, first: usize, last: usize) -> bool {
    let head = s.word(last);
    let plural = head.len() > 3 && head.ends_with('s') && !head.ends_with("ss");
    !s.word_in(first, &DEFINITE)
        && !DOCUMENTS.has(s.lower(last))
        && !s.word_in(last, &PARTIES)
        && plural
        && (!capitalised(head) || first == last && first == 0)
}

/// Plural parties to a case or an event, specific in context ("prosecutors said").
const PARTIES: WordList = word_list![
    "prosecutors", "detectives", "investigators", "officers", "firefighters", "paramedics",
    "jurors", "lawyers", "coastguards", "rescuers", "organisers", "organizers", "judges",
];

/// Verbs by which a crowd with no name claims something.
const CROWD_SPEECH: WordList = word_list![
    "say", "says", "said", "claim", "claims", "claimed", "argue", "argues", "argued", "believe",
    "believes", "believed", "fear", "fears", "feared", "warn", "warns", "warned", "think", "thinks",
    "insist", "insists", "insisted", "suggest", "suggests", "suggested", "told", "tell", "tells",
    "complain", "complained", "allege", "alleged", "accuse", "accused", "reporting", "report",
    "reported",
];

fn is_vague(s: &Sentence, first: usize, last: usize, crowd: &WordSet) -> bool {
    // "People close to Vale", "sources close to the minister": whoever they
    // are close to, they are not named.
    if (first + 1..last).any(|i| s.word_is(i, "close") && s.word_is(i + 1, "to")) && crowd.contains(s.lower(first)) {
        return true;
    }
    // A crowd word at the head stays a crowd: "Andrell’s critics", "Pakistani officials".
    if crowd.contains(s.lower(last)) {
        return true;
    }
    // A proper name makes it specific ("officials at the Treasury").
    // A proper possessive names someone ("Trump’s envoy"); "the firm’s plans" does not.
    let named = has_capital(s, first, last, crowd)
        || (first..=last).any(|i| capitalised(s.word(i)) && (s.word(i).ends_with("'s") || s.word(i).ends_with("’s")));
    if named {
        return false;
    }
    if bare_plural(s, first, last) {
        return true;
    }
    // "some", "many" make any crowd vague; "a"/"one" only a crowd word in the
    // singular ("a source", "one official"), not "a spokesman" or "a study".
    let quantified = s.word_in(first, &word_list!["some", "many", "several", "unnamed", "anonymous", "most", "few", "others", "various", "numerous", "no", "nobody", "everyone", "everybody", "anyone"]);
    quantified
        || (first..=last).any(|i| crowd.contains(s.lower(i)))
}
