//! The sentences of the eligibility rules (data/criteria.toml), filled from the thresholds in
//! force: a number as the value in force, a site list in the reader's words ("pancreatic or
//! duodenal"), so that a sentence never states a figure or a site the rule no longer uses.

pub use super::embedded::{CriterionText, Phrase, PreferenceText};

use super::embedded::{SITES_NONE, SITE_GROUPS, SITE_WORDS};
use super::schema::{Cites, Entry, Piece, Template, Text, INSTITUTION};
use super::{number, Knowledge};
use std::borrow::Cow;

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
    // The list as bits of SITE_WORDS (the build allows at most 32); a site without words (the
    // build and `validate` refuse one) is still named, never dropped.
    let mut listed = 0u32;
    let mut unnamed: Vec<&str> = Vec::new();
    for site in sites {
        match SITE_WORDS.iter().position(|(s, _)| s == site) {
            Some(i) => listed |= 1 << i,
            None => unnamed.push(site),
        }
    }
    // (reading position, words): a group reads where its first site would.
    let mut parts: Vec<(u32, &str)> = Vec::with_capacity(sites.len());
    let mut grouped = 0u32;
    // Groups in data order, the larger first: a group already named covers its sites.
    for (words, group) in SITE_GROUPS {
        if listed & !grouped & group == *group {
            parts.push((group.trailing_zeros(), words));
            grouped |= group;
        }
    }
    for (i, (_, words)) in (0u32..).zip(SITE_WORDS) {
        if (listed & !grouped) & (1 << i) != 0 {
            parts.push((i, words));
        }
    }
    parts.sort_by_key(|(at, _)| *at);
    let mut parts: Vec<&str> = parts.into_iter().map(|(_, words)| words).collect();
    parts.extend(unnamed);
    let Some((last, rest)) = parts.split_last() else {
        return SITES_NONE.to_owned();
    };
    let mut out = String::with_capacity(16 * parts.len());
    for (i, part) in rest.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(part);
    }
    if !rest.is_empty() {
        out.push_str(" or ");
    }
    out.push_str(last);
    out
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
        let t = which.template();
        let mut institution = false;
        let text = self.fill_template(t, false, &mut institution, rule);
        let source = match t.source {
            _ if institution => Cow::Borrowed(INSTITUTION),
            Cites::Citation(id) => Cow::Borrowed(id),
            Cites::Threshold(entry) => match entry(&self.thresholds) {
                Entry::Number(t) => t.source.clone(),
                Entry::Sites(set) => set.source.clone(),
            },
        };
        Said {
            id: t.id,
            text,
            source,
        }
    }

    /// A preference's text. It names a trial or guideline, so a number or site list the
    /// institution changed is marked as the institution's in it, as in a note.
    pub fn preference_text(&self, which: PreferenceText) -> Cow<'static, str> {
        self.fill_template(which.template(), true, &mut false, &|_| None)
    }

    /// `t`'s text filled; `institution` set when a threshold it states is the institution's.
    fn fill_template(
        &self,
        t: &Template,
        marked: bool,
        institution: &mut bool,
        rule: &dyn Fn(&str) -> Option<String>,
    ) -> Cow<'static, str> {
        if let [Piece::Text(text)] = t.pieces {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(96);
        for piece in t.pieces {
            match *piece {
                Piece::Text(text) => out.push_str(text),
                // A name the rule does not fill stays as written, as in a note.
                Piece::Rule(name) => {
                    if let Some(value) = rule(name) {
                        out.push_str(&value);
                    } else {
                        super::texts::push_unfilled(&mut out, name);
                    }
                }
                Piece::Threshold(entry) => {
                    let in_force = entry(&self.thresholds);
                    let own = in_force.source() == INSTITUTION;
                    *institution |= own;
                    match in_force {
                        Entry::Number(t) => {
                            out.push_str(&number(t.value));
                            if marked && own {
                                if let Entry::Number(builtin) = entry(&super::embedded::THRESHOLDS)
                                {
                                    super::texts::push_institution_mark(
                                        &mut out,
                                        &number(builtin.value),
                                    );
                                }
                            }
                        }
                        Entry::Sites(set) => {
                            out.push_str(&site_words(&set.sites));
                            if marked && own {
                                out.push_str(" (institution file)");
                            }
                        }
                    }
                }
            }
        }
        Cow::Owned(out)
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
            words(&["small-intestine", "colon", "lung"]),
            "small-intestinal, colonic or lung"
        );
        assert_eq!(
            words(&["small-intestine", "appendix", "lung"]),
            "midgut or lung"
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
