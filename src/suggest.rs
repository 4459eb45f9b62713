//! "Did you mean …?": the nearest valid word to a mistyped one, scored as clap scores flags, so
//! that a profile key, a threshold or a cohort column is corrected the way a flag is.

/// The candidate closest to `word` (case ignored), if any is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // clap's own confidence for flag suggestions: below it, a suggestion is more noise than help.
    const CONFIDENCE: f64 = 0.7;
    let word = word.trim().to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro(&word, &candidate.to_lowercase());
        if score > CONFIDENCE && best.map_or(true, |(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `"; did you mean 'x'?"`, or nothing when no candidate is close.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    nearest(word, candidates).map_or_else(String::new, |c| format!("; did you mean '{c}'?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_words_are_suggested_and_far_ones_are_not() {
        let keys = ["ki67", "mitoses", "primary", "primary-resected"];
        assert_eq!(nearest("kii67", keys), Some("ki67"));
        assert_eq!(nearest("Primry", keys), Some("primary"));
        assert_eq!(nearest("mitosis", keys), Some("mitoses"));
        assert_eq!(nearest("zzzz", keys), None);
        assert_eq!(did_you_mean("zzzz", keys), "");
        assert_eq!(did_you_mean("kii67", keys), "; did you mean 'ki67'?");
    }
}
