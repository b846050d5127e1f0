//! The policy a run applies, resolved from the configuration: which rules run, at what severity,
//! with what parameters, per-path overrides, excluded paths, and waivers.

use crate::config::Level;
use crate::config::locate::absolute;
use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::rules::engine::RuleSettings;
use crate::source::SourceFile;
use crate::waiver::Waiver;
use globset::GlobSet;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Globs relative to a base directory (the configuration's).
#[derive(Debug, Clone)]
pub struct PathGlobs {
    pub base: PathBuf,
    pub set: GlobSet,
    pub patterns: Vec<String>,
}

impl PathGlobs {
    /// Whether `path` (relative to `cwd`, or absolute) is below the base and matches a glob.
    pub fn matches(&self, path: &Path, cwd: &Path) -> bool {
        let abs = absolute(path, cwd);
        abs.strip_prefix(&self.base).is_ok_and(|rel| {
            let text = rel.to_string_lossy().replace('\\', "/");
            !text.is_empty() && self.set.is_match(text.as_str())
        })
    }
}

/// Rule levels for the files that match some globs.
#[derive(Debug, Clone)]
pub struct PathOverride {
    pub globs: PathGlobs,
    pub levels: BTreeMap<String, Level>,
}

/// Everything the configuration decides for a run. The default is the built-in behaviour.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// The configuration file the policy comes from (waiver findings point into it).
    pub source: Option<Arc<SourceFile>>,
    pub lang: Option<Lang>,
    pub fail_on: Option<Severity>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// Rules switched off or given another severity.
    pub levels: BTreeMap<String, Level>,
    pub settings: RuleSettings,
    pub overrides: Vec<PathOverride>,
    pub exclude: Option<PathGlobs>,
    pub waivers: Vec<Waiver>,
    /// The extra rule directories, as written (relative to the configuration's directory).
    pub rule_dirs: Vec<String>,
    /// How much one input file may make the run do (`limits:`).
    pub limits: crate::model::load::LoadOptions,
    /// The line of the configuration each rule setting is written on.
    pub origins: crate::config::applied::Origins,
}

impl Policy {
    /// Whether the configuration lets a rule run (before any `--select`/`--ignore` flag).
    pub fn enables(&self, rule: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| s == rule))
            && !self.ignore.iter().any(|s| s == rule)
            && self.levels.get(rule) != Some(&Level::Off)
    }

    /// The level of a rule for a file: the rule's own severity (whether it runs at all was
    /// decided before, and flags may have overruled an `off`), then each matching override.
    fn level_for(&self, rule: &str, file: &str, cwd: &Path) -> Option<Level> {
        let mut level = self.levels.get(rule).copied().filter(|l| *l != Level::Off);
        for o in &self.overrides {
            if let Some(l) = o.levels.get(rule)
                && o.globs.matches(Path::new(file), cwd)
            {
                level = Some(*l);
            }
        }
        level
    }

    /// Applies severity overrides (dropping findings switched off for their path) and marks
    /// waived findings. Returns the indexes of the waivers that matched a finding.
    pub fn apply(
        &self,
        findings: &mut Vec<Finding>,
        cwd: &Path,
        today: jiff::civil::Date,
    ) -> Vec<usize> {
        if !self.levels.is_empty() || !self.overrides.is_empty() {
            findings.retain_mut(|f| match self.level_for(&f.rule, &f.location.file, cwd) {
                Some(Level::Off) => false,
                Some(Level::On(severity)) => {
                    f.severity = severity;
                    true
                }
                None => true,
            });
        }
        let mut used = Vec::new();
        let Some(source) = &self.source else {
            return used;
        };
        for finding in findings.iter_mut() {
            for (i, waiver) in self.waivers.iter().enumerate() {
                if !waiver.matches(finding) {
                    continue;
                }
                if !used.contains(&i) {
                    used.push(i);
                }
                if !waiver.expired(today) {
                    finding.waived = Some(waiver.waived(source, i));
                    break;
                }
            }
        }
        used
    }
}
