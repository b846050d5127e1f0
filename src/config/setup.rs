//! Getting a run ready: find and read the configuration (unless isolated), add the rule
//! directories it names to the catalog, and resolve it into a policy — or fail with every problem.

use super::{Failure, Problem, locate, parse, resolve};
use crate::discover::display_path;
use crate::i18n::{Lang, io_reason};
use crate::policy::Policy;
use crate::rules::catalog::Catalog;
use crate::source::SourceFile;
use crate::yaml::Span;
use std::path::{Path, PathBuf};

/// How a run finds its configuration.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub inputs: Vec<PathBuf>,
    pub cwd: PathBuf,
    /// `--config FILE`: used even when isolated.
    pub explicit: Option<PathBuf>,
    /// `--no-config`: built-in defaults only.
    pub no_config: bool,
    /// `--isolated`: ignore the user's configuration too (only `--config` applies).
    pub isolated: bool,
}

/// A catalog and a policy, ready for `check`.
#[derive(Debug)]
pub struct Prepared {
    pub catalog: Catalog,
    pub policy: Policy,
    /// The configuration file in use, as displayed.
    pub config: Option<String>,
    /// The user's configuration, found but not used (`--isolated`, `--no-config`).
    pub ignored: Vec<String>,
    /// Configuration files that came with the inputs (at or above an input, below the working
    /// directory's tree): never applied, always named.
    pub from_inputs: Vec<String>,
}

fn failure(subject: String, en: String, ja: String) -> Failure {
    Failure {
        sources: Vec::new(),
        problems: vec![Problem {
            file: None,
            span: Span::default(),
            path: String::new(),
            en,
            ja,
        }],
        subject,
    }
}

/// Which configuration file applies: `--config`, else the user's own (at or above the working
/// directory) unless `--no-config` or `--isolated`; and which found ones are not applied.
fn choose(request: &Request) -> Result<(Option<PathBuf>, Vec<PathBuf>), Failure> {
    let cwd = &request.cwd;
    if let Some(explicit) = &request.explicit {
        let path = locate::absolute(explicit, cwd);
        if !path.is_file() {
            let shown = display_path(&path, cwd);
            return Err(failure(
                shown.clone(),
                format!("configuration file `{shown}` does not exist"),
                format!("設定ファイル `{shown}` がありません"),
            ));
        }
        return Ok((Some(path), Vec::new()));
    }
    let user = locate::for_user(cwd);
    if request.no_config || request.isolated {
        return Ok((None, user.into_iter().collect()));
    }
    Ok((user, Vec::new()))
}

/// Reads the rule files of a directory, sorted by name.
fn rule_files(dir: &Path, cwd: &Path) -> std::io::Result<Vec<SourceFile>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml") && p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p)?;
            Ok(SourceFile::new(display_path(&p, cwd), p, text))
        })
        .collect()
}

/// Adds the rule directories of the configuration to the catalog; problems point into the
/// configuration (file 0: a missing directory) or into the rule files, which are appended to
/// `sources` and numbered from 1 on.
fn add_rule_dirs(
    config: &super::Config,
    catalog: &mut Catalog,
    cwd: &Path,
    sources: &mut Vec<SourceFile>,
    problems: &mut Vec<Problem>,
) {
    for (i, dir) in config.rule_dirs.iter().enumerate() {
        let path = config.dir.join(&dir.text);
        let files = match rule_files(&path, cwd) {
            Ok(files) => files,
            Err(e) => {
                problems.push(Problem::at(
                    dir.span,
                    format!("rule_dirs[{i}]"),
                    format!(
                        "cannot read rule directory `{}`: {}",
                        dir.text,
                        io_reason(&e, Lang::En)
                    ),
                    format!(
                        "ルールディレクトリ `{}` を読み込めません: {}",
                        dir.text,
                        io_reason(&e, Lang::Ja)
                    ),
                ));
                continue;
            }
        };
        let first = sources.len() + 1;
        let result = Catalog::from_sources(files.iter().map(|f| {
            let stem = f
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            (f.display.clone(), stem, f.text.as_str())
        }))
        .and_then(|extra| {
            if let Some(rule) = extra
                .rules()
                .iter()
                .find(|r| matches!(r.check, crate::rules::spec::Check::Structure))
            {
                return Err(vec![crate::rules::catalog::CatalogError {
                    file: files
                        .iter()
                        .find(|f| f.path.file_stem().is_some_and(|s| *s == *rule.id))
                        .map(|f| f.display.clone())
                        .unwrap_or_default(),
                    message: "`structure` checks are reported by kakunin's loader; a user rule needs another check kind".into(),
                    message_ja: "`structure` のチェックは kakunin の読み込み処理が報告するものです。独自のルールには別のチェック種別が必要です".into(),
                    offset: None,
                }]);
            }
            catalog.extend(extra)
        });
        if let Err(errors) = result {
            for e in errors {
                let index = files.iter().position(|f| {
                    f.display == e.file || f.path.file_stem().is_some_and(|s| *s == *e.file)
                });
                problems.push(Problem {
                    file: index.map(|j| first + j),
                    span: Span::new(e.offset.unwrap_or(0), 0),
                    path: String::new(),
                    en: format!("rule file: {}", e.message),
                    ja: format!("ルールファイルの誤り: {}", e.message_ja),
                });
            }
        }
        sources.extend(files);
    }
}

/// The catalog with the rule directories named on the command line (`kakunin rules verify
/// DIR…`), read and checked as `rule_dirs:` would be; a problem points into its rule file.
pub fn with_rule_dirs(dirs: &[PathBuf], builtin: Catalog, cwd: &Path) -> Result<Catalog, Failure> {
    let config = super::Config {
        dir: cwd.to_path_buf(),
        rule_dirs: dirs
            .iter()
            .map(|d| super::Named {
                text: d.to_string_lossy().into_owned(),
                span: Span::default(),
            })
            .collect(),
        ..super::Config::default()
    };
    let mut catalog = builtin;
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    add_rule_dirs(&config, &mut catalog, cwd, &mut sources, &mut problems);
    if problems.is_empty() {
        return Ok(catalog);
    }
    let mut all = vec![SourceFile::new(
        "(command line)".into(),
        PathBuf::new(),
        String::new(),
    )];
    all.extend(sources);
    Err(Failure {
        sources: all,
        problems,
        subject: dirs
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// Finds, reads and resolves the configuration for a run.
pub fn prepare(request: &Request, builtin: Catalog) -> Result<Prepared, Failure> {
    let cwd = &request.cwd;
    let (chosen, ignored) = choose(request)?;
    let ignored = ignored.iter().map(|p| display_path(p, cwd)).collect();
    let from_inputs = locate::inside_inputs(&request.inputs, cwd)
        .iter()
        .map(|p| display_path(p, cwd))
        .collect();
    let Some(path) = chosen else {
        return Ok(Prepared {
            catalog: builtin,
            policy: Policy::default(),
            config: None,
            ignored,
            from_inputs,
        });
    };
    let shown = display_path(&path, cwd);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        failure(
            shown.clone(),
            format!(
                "cannot read configuration file: {}",
                io_reason(&e, Lang::En)
            ),
            format!("設定ファイルを読み込めません: {}", io_reason(&e, Lang::Ja)),
        )
    })?;
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let source = SourceFile::new(shown.clone(), path.clone(), text);
    let (mut config, mut problems) = parse::parse(source, &dir);
    let mut catalog = builtin;
    let mut sources = Vec::new();
    add_rule_dirs(&config, &mut catalog, cwd, &mut sources, &mut problems);
    let policy = match resolve::resolve(&config, &catalog, cwd) {
        Ok(policy) => Some(policy),
        Err(more) => {
            problems.extend(more);
            None
        }
    };
    match policy {
        Some(policy) if problems.is_empty() => Ok(Prepared {
            catalog,
            policy,
            config: Some(shown),
            ignored,
            from_inputs,
        }),
        _ => {
            let mut all = Vec::with_capacity(sources.len() + 1);
            all.extend(config.source.take());
            all.extend(sources);
            Err(Failure {
                sources: all,
                problems,
                subject: shown,
            })
        }
    }
}
