//! Waivers: compliance exceptions written in the checking side's configuration. A waiver accepts
//! the findings of one rule in one pack (optionally below one field path) until it expires; an
//! expired waiver and a waiver that matched nothing are findings of their own.

use crate::finding::{Finding, Location, Waived};
use crate::i18n::Lang;
use crate::model::Pack;
use crate::model::code::Code;
use crate::model::issue::Issue;
use crate::rules::catalog::Catalog;
use crate::source::SourceFile;
use crate::yaml::Span;
use jiff::civil::Date;
use std::collections::BTreeSet;

/// One waiver, as resolved from the configuration.
#[derive(Debug, Clone)]
pub struct Waiver {
    pub rule: String,
    pub pack: String,
    /// A field path; the waiver then covers findings at it or below it.
    pub path: Option<String>,
    pub reason: String,
    pub approved_by: String,
    pub expires: Date,
    /// The waiver's `rule` value in the configuration (where findings about it point).
    pub span: Span,
    pub expires_span: Span,
}

/// Whether `path` is `base` or a field below it (`a.b` is below `a`, so is `a[0]`; `ab` is not).
fn within(path: &str, base: &str) -> bool {
    path.strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
}

impl Waiver {
    pub fn matches(&self, finding: &Finding) -> bool {
        finding.rule == self.rule
            && finding.pack == self.pack
            && self
                .path
                .as_deref()
                .is_none_or(|p| within(&finding.location.path, p))
    }

    /// A waiver holds through its `expires` day.
    pub fn expired(&self, today: Date) -> bool {
        today > self.expires
    }

    /// The record a waived finding carries.
    pub fn waived(&self, config: &SourceFile, index: usize) -> Waived {
        Waived {
            reason: self.reason.clone(),
            approved_by: self.approved_by.clone(),
            expires: self.expires.to_string(),
            location: Location::in_source(config, self.span, format!("waivers[{index}]")),
        }
    }
}

/// What a run knows when it reviews the waivers.
pub struct Review<'a> {
    /// Indexes of the waivers that matched a finding (expired ones included).
    pub used: &'a BTreeSet<usize>,
    /// Ids of the packs the run checked.
    pub packs: &'a BTreeSet<String>,
    /// Whether the run checked everything below the configuration's directory, so that a
    /// waiver for a pack that was not found names a pack that is not there.
    pub whole_scope: bool,
    /// Whether a rule ran (a waiver of a rule that did not run cannot be judged unused).
    pub ran: &'a dyn Fn(&str) -> bool,
    pub today: Date,
    pub lang: Lang,
}

/// Findings about the waivers themselves: expired ones (errors) and unused ones (warnings).
/// Waivers for packs this run did not look at are left alone.
pub fn review(
    waivers: &[Waiver],
    config: &SourceFile,
    catalog: &Catalog,
    review: &Review,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, waiver) in waivers.iter().enumerate() {
        let checked = review.packs.contains(&waiver.pack);
        // A pack id one typo away from a pack of this run is a waiver meant for it, whether or
        // not the run covers every pack.
        let near = (!checked)
            .then(|| {
                crate::model::issue::suggest(&waiver.pack, review.packs.iter().map(String::as_str))
            })
            .flatten();
        if !checked && !review.whole_scope && near.is_none() {
            continue;
        }
        let issue = if let Some(near) = near {
            Issue::new(Code::WaiverUnused, 0, waiver.span, format!("waivers[{i}]"))
                .variant("no_pack_suggestion")
                .arg("suggestion", near)
        } else if waiver.expired(review.today) {
            Issue::new(
                Code::WaiverExpired,
                0,
                waiver.expires_span,
                format!("waivers[{i}].expires"),
            )
        } else if !review.used.contains(&i) && (review.ran)(&waiver.rule) {
            let issue = Issue::new(Code::WaiverUnused, 0, waiver.span, format!("waivers[{i}]"));
            if checked {
                issue
            } else {
                issue.variant("no_pack")
            }
        } else {
            continue;
        };
        let issue = issue
            .arg("rule", waiver.rule.clone())
            .arg("pack", waiver.pack.clone())
            .arg("expires", waiver.expires.to_string())
            .arg("approved_by", waiver.approved_by.clone());
        let pack = Pack {
            root: config.path.parent().map(Into::into).unwrap_or_default(),
            id: waiver.pack.clone(),
            files: vec![SourceFile::new(
                config.display.clone(),
                config.path.clone(),
                config.text.clone(),
            )],
            docs: Vec::new(),
            validation: Default::default(),
        };
        out.push(catalog.finding(&issue, &pack, review.lang));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::within;

    #[test]
    fn field_paths_cover_what_is_below_them() {
        assert!(within("service_levels.availability", "service_levels"));
        assert!(within("parties[2].id", "parties"));
        assert!(within("parties", "parties"));
        assert!(!within("partiesx", "parties"));
        assert!(!within("", "parties"));
    }
}
