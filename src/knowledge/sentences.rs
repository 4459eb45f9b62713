//! The sentences of the eligibility rules (data/criteria.toml), filled from the thresholds in
//! force: a number as the value in force, a site list in the reader's words ("pancreatic or
//! duodenal"), so that a sentence never states a figure or a site the rule no longer uses.

pub use super::embedded::{CriterionText, Phrase, PreferenceText};

use super::embedded::{SITES_NONE, SITE_GROUPS, SITE_WORDS};
use super::schema::{Entry, Sentence, Text, INSTITUTION};
use super::{number, Knowledge};
use std::borrow::Cow;
use std::cell::Cell;

/// A criterion's sentence, filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub id: &'static str,
    pub text: Cow<'static, str>,
    /// Its citation id, or `institution` when a threshold it states is the institution's.
    pub source: Cow<'static, str>,
}

/// A list of sites in words, in the reading order of data/criteria.toml: a group whose every
/// site is listed is named as the group; "a", "a or b", "a, b or c".
pub fn site_words(sites: &[Text]) -> String {
    let listed = |site: &str| sites.iter().any(|s| s == site);
    let mut parts: Vec<&str> = Vec::with_capacity(sites.len());
    let mut grouped: Vec<&str> = Vec::new();
    for (words, group) in SITE_GROUPS {
        if group.iter().all(|site| listed(site)) {
            parts.push(words);
            grouped.extend_from_slice(group);
        }
    }
    for (site, words) in SITE_WORDS {
        if listed(site) && !grouped.contains(site) {
            parts.push(words);
        }
    }
    // A site without words (the build and `validate` refuse one) is still named, never dropped.
    for site in sites {
        if !SITE_WORDS.iter().any(|(s, _)| s == site) && !grouped.contains(&&**site) {
            parts.push(site);
        }
    }
    match parts.split_last() {
        None => SITES_NONE.to_owned(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Whether every primary site has its words (`Knowledge::validate`).
pub(super) fn words_for(site: &str) -> bool {
    SITE_WORDS.iter().any(|(s, _)| *s == site)
}

impl Phrase {
    /// The phrase with its `{name}` placeholders filled from `values`.
    pub fn with(self, values: &[(&str, &str)]) -> String {
        super::texts::fill(self.text(), |key| {
            values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (*v).to_owned())
        })
    }
}

impl Knowledge {
    /// A criterion's id, text and source, its `{section.key}` placeholders filled from the
    /// thresholds in force and its `{name}` ones by `rule`.
    pub fn criterion_text(
        &self,
        which: CriterionText,
        rule: &dyn Fn(&str) -> Option<String>,
    ) -> Said {
        let s = which.sentence();
        let institution = Cell::new(false);
        let text = self.fill_sentence(s, false, &institution, rule);
        let source = if institution.get() {
            Cow::Borrowed(INSTITUTION)
        } else {
            self.source_of(s)
        };
        Said {
            id: s.id,
            text,
            source,
        }
    }

    /// A preference's text. It names a trial or guideline, so a number or site list the
    /// institution changed is marked as the institution's in it, as in a note.
    pub fn preference_text(&self, which: PreferenceText) -> Cow<'static, str> {
        self.fill_sentence(which.sentence(), true, &Cell::new(false), &|_| None)
    }

    /// A sentence's source in force: its citation, or the source of the threshold it names.
    fn source_of(&self, s: &Sentence) -> Cow<'static, str> {
        let threshold = s
            .source
            .split_once('.')
            .and_then(|(section, key)| self.thresholds.entry(section, key));
        match threshold {
            Some(Entry::Number(t)) => t.source.clone(),
            Some(Entry::Sites(set)) => set.source.clone(),
            None => Cow::Borrowed(s.source),
        }
    }

    /// `s`'s text filled; `institution` set when a threshold it states is the institution's.
    fn fill_sentence(
        &self,
        s: &Sentence,
        marked: bool,
        institution: &Cell<bool>,
        rule: &dyn Fn(&str) -> Option<String>,
    ) -> Cow<'static, str> {
        if memchr::memchr(b'{', s.text.as_bytes()).is_none() {
            return Cow::Borrowed(s.text);
        }
        Cow::Owned(super::texts::fill(s.text, |key| {
            let Some((section, name)) = key.split_once('.') else {
                return rule(key);
            };
            let entry = self.thresholds.entry(section, name)?;
            let own = entry.source() == INSTITUTION;
            institution.set(institution.get() || own);
            Some(match entry {
                Entry::Number(t) if marked && own => {
                    let builtin = super::embedded::THRESHOLDS.number(key).unwrap_or(t.value);
                    format!(
                        "{} (institution file; built-in {})",
                        number(t.value),
                        number(builtin)
                    )
                }
                Entry::Number(t) => number(t.value),
                Entry::Sites(set) if marked && own => {
                    format!("{} (institution file)", site_words(&set.sites))
                }
                Entry::Sites(set) => site_words(&set.sites),
            })
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(sites: &[&'static str]) -> String {
        let sites: Vec<Text> = sites.iter().map(|s| Cow::Borrowed(*s)).collect();
        site_words(&sites)
    }

    #[test]
    fn a_site_list_reads_in_words() {
        assert_eq!(words(&["pancreas"]), "pancreatic");
        assert_eq!(words(&["duodenum", "pancreas"]), "pancreatic or duodenal");
        assert_eq!(
            words(&["small-intestine", "appendix", "lung"]),
            "small-intestinal, appendiceal or lung"
        );
        assert_eq!(words(&[]), SITES_NONE);
    }

    #[test]
    fn a_whole_group_is_named_as_the_group() {
        let gep = [
            "pancreas",
            "stomach",
            "duodenum",
            "small-intestine",
            "appendix",
            "colon",
            "rectum",
        ];
        assert_eq!(words(&gep), "GEP");
        let mut more = gep.to_vec();
        more.extend(["unknown", "thymus", "lung"]);
        assert_eq!(words(&more), "GEP, lung, thymic or unknown");
    }

    #[test]
    fn a_criterion_on_a_changed_list_names_the_sites_in_force_and_cites_the_institution() {
        let k = Knowledge::with_overrides(
            "site.toml",
            "[targeted]\nsunitinib_sites = [\"pancreas\", \"duodenum\"]\n",
        )
        .unwrap();
        let said = k.criterion_text(CriterionText::PancreaticPrimarySunitinib, &|_| None);
        assert_eq!(said.id, "pancreatic-primary");
        assert_eq!(said.text, "pancreatic or duodenal primary");
        assert_eq!(said.source, INSTITUTION);
        let builtin = Knowledge::builtin().unwrap();
        let said = builtin.criterion_text(CriterionText::PancreaticPrimarySunitinib, &|_| None);
        assert_eq!(said.text, "pancreatic primary");
        assert_eq!(said.source, "S33");
    }

    #[test]
    fn the_transplant_age_criterion_cites_the_threshold_it_decides_on() {
        let k = Knowledge::builtin().unwrap();
        let said = k.criterion_text(CriterionText::Age, &|_| None);
        let limit = &k.thresholds.transplant.age_limit;
        assert_eq!(said.text, format!("age below {} (US)", number(limit.value)));
        assert_eq!(said.source, limit.source);
        let k =
            Knowledge::with_overrides("site.toml", "[transplant]\nage_milan_max = 50\n").unwrap();
        // Milan's maximum is another threshold: changing it leaves the age criterion's source.
        assert_eq!(
            k.criterion_text(CriterionText::Age, &|_| None).source,
            limit.source
        );
        let k = Knowledge::with_overrides("site.toml", "[transplant]\nage_limit = 65\n").unwrap();
        let said = k.criterion_text(CriterionText::Age, &|_| None);
        assert_eq!(said.text, "age below 65 (US)");
        assert_eq!(said.source, INSTITUTION);
    }

    #[test]
    fn a_preference_marks_the_institution_s_figure_beside_the_trial_s_name() {
        let k = Knowledge::with_overrides("site.toml", "[ssa]\nki67_max = 12\n").unwrap();
        let text = k.preference_text(PreferenceText::SsaClarinet);
        assert!(
            text.contains("at most 12 (institution file; built-in 10) % (CLARINET"),
            "{text}"
        );
    }
}
