//! A small learned scorer for weasel wording: logistic regression over
//! hashed word unigrams and bigrams of a sentence.
//!
//! The rules find the cues a lexicon can list; this model scores the
//! wording the lists miss ("in some circles", "is generally held"). Its
//! weights are data (`model/weasel.bin`), produced by `claimlens train`
//! from gold files (`make train`), and it adds an `unsourced` finding only
//! where the rules found neither a hedge nor a source and the score is
//! high, at the `eager` sensitivity.
//!
//! Weight file: `CLW1`, then u32 bucket count (a power of two), f32 scale,
//! f32 bias (all little-endian), then one i8 per bucket (weight / scale).

use crate::error::Error;

const MAGIC: &[u8; 4] = b"CLW1";

/// Score from which the model alone flags a sentence the rules passed over
/// (shown at `eager`).
pub const ADD_THRESHOLD: f32 = 0.6;
/// Score from which such a finding is shown at the default, `balanced`.
pub const BALANCED_THRESHOLD: f32 = 0.9;

/// Words too common to explain a score to a reader: never shown as cues.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from",
    "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does",
    "did", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "i", "you",
    "his", "her", "their", "our", "my", "your", "him", "them", "us", "me", "who", "which", "what",
    "when", "where", "than", "then", "so", "if", "not", "no", "up", "out", "into", "about", "after",
    "before", "over", "went", "go", "got", "get", "will", "would", "can", "one", "two", "also",
    "there", "here", "all", "any", "more", "now", "year", "years", "last", "since", "s",
];

/// A trained scorer.
#[derive(Clone, Debug)]
pub struct Model {
    weights: Vec<f32>,
    bias: f32,
}

/// FNV-1a, 64 bits: stable across platforms and builds.
fn fnv<P: AsRef<[u8]>>(parts: &[P]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (k, p) in parts.iter().enumerate() {
        if k > 0 {
            h ^= 0x20;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        for &b in p.as_ref() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
    }
    h
}

/// Lower-cased word tokens of a sentence (ASCII letters, digits and
/// inner apostrophes; other characters separate).
pub fn tokens(sentence: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in sentence.chars() {
        if c.is_alphanumeric() || (c == '\'' || c == '’') && !cur.is_empty() {
            cur.push(if c == '’' { '\'' } else { c.to_ascii_lowercase() });
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Tokens as [`tokens`] makes them, kept in one reusable buffer.
#[derive(Default)]
pub(crate) struct TokenBuf {
    /// The tokens' UTF-8 bytes, concatenated.
    text: Vec<u8>,
    ends: Vec<usize>,
}

impl TokenBuf {
    /// Fills the buffer with the tokens of `sentence`: ASCII bytes are
    /// handled one by one, other characters are decoded.
    fn fill(&mut self, sentence: &str) {
        self.text.clear();
        self.ends.clear();
        let b = sentence.as_bytes();
        let mut in_token = false;
        let mut i = 0;
        while i < b.len() {
            let (c, len) = if b[i] < 0x80 {
                (b[i] as char, 1)
            } else {
                let c = sentence[i..].chars().next().unwrap_or(' ');
                (c, c.len_utf8())
            };
            if c.is_alphanumeric() || (c == '\'' || c == '’') && in_token {
                if c.is_ascii() {
                    self.text.push(b[i].to_ascii_lowercase());
                } else if c == '’' {
                    self.text.push(b'\'');
                } else {
                    self.text.extend_from_slice(&b[i..i + len]);
                }
                in_token = true;
            } else if in_token {
                self.ends.push(self.text.len());
                in_token = false;
            }
            i += len;
        }
        if in_token {
            self.ends.push(self.text.len());
        }
    }

    fn get(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }
}

/// The hashed features of a token list: (bucket, sign) pairs.
pub(crate) fn features(tokens: &[String], buckets: usize) -> Vec<(usize, f32)> {
    let mask = (buckets - 1) as u64;
    let mut out = Vec::with_capacity(tokens.len() * 2);
    let mut push = |h: u64| out.push(((h & mask) as usize, if h >> 63 == 0 { 1.0 } else { -1.0 }));
    for (i, t) in tokens.iter().enumerate() {
        push(fnv(&["u", t]));
        if i + 1 < tokens.len() {
            push(fnv(&["b", t, &tokens[i + 1]]));
        }
    }
    if let Some(first) = tokens.first() {
        push(fnv(&["s", first]));
    }
    out
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Model {
    /// The model shipped with the crate.
    pub fn builtin() -> Model {
        Model::from_bytes(include_bytes!("model/weasel.bin")).expect("shipped model is valid")
    }

    /// Reads a weight file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        if bytes.len() < 16 || &bytes[..4] != MAGIC {
            return Err(Error::new("not a claimlens model file (bad header)"));
        }
        let word = |i: usize| [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]];
        let buckets = u32::from_le_bytes(word(4)) as usize;
        let scale = f32::from_le_bytes(word(8));
        let bias = f32::from_le_bytes(word(12));
        if !buckets.is_power_of_two() || bytes.len() != 16 + buckets || !scale.is_finite() || !bias.is_finite() {
            return Err(Error::new("model file is truncated or inconsistent"));
        }
        let weights = bytes[16..].iter().map(|&b| b as i8 as f32 * scale).collect();
        Ok(Model { weights, bias })
    }

    /// Writes the weights, quantised to one byte each.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        let mut out = Vec::with_capacity(16 + self.weights.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.weights.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&self.bias.to_le_bytes());
        out.extend(self.weights.iter().map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8 as u8));
        out
    }

    /// Probability that the sentence uses weasel or hedged wording.
    pub fn score(&self, sentence: &str) -> f32 {
        self.score_tokens(&tokens(sentence))
    }

    /// As [`Model::score`], on tokens from [`tokens`].
    pub fn score_tokens(&self, tokens: &[String]) -> f32 {
        let z: f32 = features(tokens, self.weights.len()).iter().map(|&(b, s)| self.weights[b] * s).sum();
        sigmoid(self.bias + z)
    }

    /// As [`Model::score`], tokenising into `buf` and summing the features
    /// as they are hashed: no allocation once `buf` has grown.
    pub(crate) fn score_with(&self, sentence: &str, buf: &mut TokenBuf) -> f32 {
        buf.fill(sentence);
        let mask = (self.weights.len() - 1) as u64;
        let weight = |h: u64| self.weights[(h & mask) as usize] * if h >> 63 == 0 { 1.0 } else { -1.0 };
        let n = buf.ends.len();
        let mut z = 0.0f32;
        for i in 0..n {
            z += weight(fnv(&[b"u", buf.get(i)]));
            if i + 1 < n {
                z += weight(fnv(&[b"b", buf.get(i), buf.get(i + 1)]));
            }
        }
        if n > 0 {
            z += weight(fnv(&[b"s", buf.get(0)]));
        }
        sigmoid(self.bias + z)
    }

    /// The tokens that push the score up most, strongest first.
    pub(crate) fn top_tokens<'t>(&self, tokens: &'t [String], n: usize) -> Vec<&'t str> {
        let mask = (self.weights.len() - 1) as u64;
        let mut scored: Vec<(f32, &str)> = tokens
            .iter()
            .map(|t| {
                let h = fnv(&["u", t]);
                let s = if h >> 63 == 0 { 1.0 } else { -1.0 };
                (self.weights[(h & mask) as usize] * s, t.as_str())
            })
            .filter(|(w, t)| *w > 0.0 && !FUNCTION_WORDS.contains(t) && !t.starts_with(|c: char| c.is_ascii_digit()))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.dedup_by(|a, b| a.1 == b.1);
        scored.into_iter().take(n).map(|(_, t)| t).collect()
    }

    /// Trains by stochastic gradient descent on (tokens, label) examples;
    /// deterministic for a given input order and seed.
    pub fn train(examples: &[(Vec<String>, bool)], buckets: usize, epochs: usize, seed: u64) -> Model {
        assert!(buckets.is_power_of_two());
        let mut m = Model { weights: vec![0.0; buckets], bias: 0.0 };
        let feats: Vec<Vec<(usize, f32)>> = examples.iter().map(|(t, _)| features(t, buckets)).collect();
        let positives = examples.iter().filter(|e| e.1).count().max(1) as f32;
        let negatives = (examples.len() as f32 - positives).max(1.0);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut state = seed | 1;
        let lambda = 1e-5f32;
        for epoch in 0..epochs {
            for i in (1..order.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                order.swap(i, (state % (i as u64 + 1)) as usize);
            }
            let lr = 0.2 / (1.0 + epoch as f32);
            for &i in &order {
                let y = if examples[i].1 { 1.0 } else { 0.0 };
                // Balance the classes so the threshold 0.5 means something.
                let weight = if examples[i].1 { 0.5 * examples.len() as f32 / positives } else { 0.5 * examples.len() as f32 / negatives };
                let z: f32 = m.bias + feats[i].iter().map(|&(b, s)| m.weights[b] * s).sum::<f32>();
                let g = (sigmoid(z) - y) * weight;
                m.bias -= lr * g;
                for &(b, s) in &feats[i] {
                    m.weights[b] -= lr * (g * s + lambda * m.weights[b]);
                }
            }
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffered_scoring_matches_token_scoring() {
        let m = Model::builtin();
        let mut buf = TokenBuf::default();
        for s in ["Some say the plan is widely seen as a failure.", "Don’t stop — 3.5% rise, isn't it?", "", "北京 😀 É"] {
            assert_eq!(m.score_with(s, &mut buf), m.score_tokens(&tokens(s)), "{s}");
        }
    }

    #[test]
    fn tokens_and_round_trip() {
        assert_eq!(tokens("It’s said, some 3 critics!"), ["it's", "said", "some", "3", "critics"]);
        let m = Model { weights: (0..64).map(|i| (i as f32 - 32.0) / 10.0).collect(), bias: -0.5 };
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert!((back.bias - m.bias).abs() < 1e-6);
        for (a, b) in m.weights.iter().zip(&back.weights) {
            assert!((a - b).abs() < 0.02);
        }
        assert!(Model::from_bytes(b"nope").is_err());
        assert!(Model::from_bytes(&m.to_bytes()[..40]).is_err());
    }

    #[test]
    fn learns_a_separable_toy_set() {
        let ex: Vec<(Vec<String>, bool)> = (0..200)
            .map(|i| {
                let pos = i % 2 == 0;
                let w = if pos { "reportedly" } else { "plainly" };
                (tokens(&format!("the {w} event number {i}")), pos)
            })
            .collect();
        let m = Model::train(&ex, 1 << 12, 5, 7);
        assert!(m.score("the reportedly odd event") > 0.7);
        assert!(m.score("the plainly odd event") < 0.3);
        assert_eq!(m.top_tokens(&tokens("the reportedly odd event"), 1), ["reportedly"]);
    }

    #[test]
    fn shipped_model_loads_and_scores_in_range() {
        let m = Model::builtin();
        let p = m.score("Some critics have long argued that the reform is widely considered a failure.");
        assert!((0.0..=1.0).contains(&p));
    }
}
