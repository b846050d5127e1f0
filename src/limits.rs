//! The limits on what one input file may make kakunin do: their configuration keys, defaults and
//! ceilings, and how a file that goes past one is described. Packs are untrusted input; these
//! bound the time and memory any one file can take, and each breach is a finding on that file.

use crate::model::code::Code;
use crate::model::issue::Issue;
use crate::model::load::LoadOptions;
use crate::yaml::{Node, ParseLimits, Span, Value};

/// The stack of each thread that loads and checks packs. Parsing recurses once per level of
/// nesting, so this bounds [`Limit::Depth`]'s ceiling (a test parses a document nested to the
/// ceiling on a thread of this size); the standard 2 MiB would not hold 64 levels in a debug
/// build.
pub const WORKER_STACK_BYTES: usize = 16 * 1024 * 1024;

/// One configurable limit (`limits:` in `kakunin.yaml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Limit {
    /// Bytes of one file; a larger file is not read.
    FileBytes,
    /// YAML documents in one file.
    Documents,
    /// Nesting of mappings and sequences.
    Depth,
    /// YAML nodes (scalars, mappings, sequences) in one file.
    Nodes,
    /// Nodes that aliases (`*name`) may replay in one file ("billion laughs").
    AliasExpansions,
    /// Characters of one string (a longer one is cut there and reported).
    StringLength,
    /// Bytes of all the YAML files of one pack; files past it are not read.
    PackBytes,
    /// Findings reported for one file; the rest are counted in one finding.
    FindingsPerFile,
}

impl Limit {
    pub const ALL: [Limit; 8] = [
        Limit::FileBytes,
        Limit::Documents,
        Limit::Depth,
        Limit::Nodes,
        Limit::AliasExpansions,
        Limit::StringLength,
        Limit::PackBytes,
        Limit::FindingsPerFile,
    ];

    /// The key under `limits:` in the configuration.
    pub fn key(self) -> &'static str {
        match self {
            Limit::FileBytes => "max_file_bytes",
            Limit::Documents => "max_documents",
            Limit::Depth => "max_depth",
            Limit::Nodes => "max_nodes",
            Limit::AliasExpansions => "max_alias_expansions",
            Limit::StringLength => "max_string_length",
            Limit::PackBytes => "max_pack_bytes",
            Limit::FindingsPerFile => "max_findings_per_file",
        }
    }

    /// The message variant of rule `input-limit` for a breach of this limit.
    pub fn variant(self) -> &'static str {
        match self {
            Limit::FileBytes => "file_bytes",
            Limit::Documents => "documents",
            Limit::Depth => "depth",
            Limit::Nodes => "nodes",
            Limit::AliasExpansions => "alias_expansions",
            Limit::StringLength => "string_length",
            Limit::PackBytes => "pack_bytes",
            Limit::FindingsPerFile => "findings",
        }
    }

    pub fn parse_key(key: &str) -> Option<Limit> {
        Limit::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The highest value the configuration may set. The depth ceiling keeps the recursive
    /// parser and validator well inside a thread's stack; the others keep one file's work
    /// within what a workstation has.
    pub fn ceiling(self) -> u64 {
        match self {
            Limit::FileBytes => 256 * 1024 * 1024,
            Limit::Documents => 1_000_000,
            Limit::Depth => 200,
            Limit::Nodes => 50_000_000,
            Limit::AliasExpansions => 10_000_000,
            Limit::StringLength => 64 * 1024 * 1024,
            Limit::PackBytes => 4 * 1024 * 1024 * 1024,
            Limit::FindingsPerFile => 10_000_000,
        }
    }

    /// The built-in value.
    pub fn default_value(self) -> u64 {
        self.get(&LoadOptions::default())
    }

    /// What the limit counts, for the configuration's documentation and messages.
    pub fn unit(self) -> (&'static str, &'static str) {
        match self {
            Limit::FileBytes => ("bytes of one file", "1 ファイルのバイト数"),
            Limit::Documents => ("YAML documents in one file", "1 ファイル内の YAML 文書数"),
            Limit::Depth => (
                "levels of nested mappings and lists",
                "マッピングとリストの入れ子の深さ",
            ),
            Limit::Nodes => ("YAML nodes in one file", "1 ファイル内の YAML ノード数"),
            Limit::AliasExpansions => (
                "nodes replayed by aliases in one file",
                "1 ファイル内でエイリアスが展開するノード数",
            ),
            Limit::StringLength => ("characters of one string", "1 つの文字列の文字数"),
            Limit::PackBytes => (
                "bytes of all the YAML files of one pack",
                "1 パックの YAML ファイルの合計バイト数",
            ),
            Limit::FindingsPerFile => (
                "findings reported for one file",
                "1 ファイルについて報告する指摘の数",
            ),
        }
    }

    pub fn get(self, options: &LoadOptions) -> u64 {
        match self {
            Limit::FileBytes => options.max_file_bytes,
            Limit::PackBytes => options.max_pack_bytes,
            Limit::FindingsPerFile => options.max_findings_per_file as u64,
            _ => self.get_parse(&options.parse),
        }
    }

    /// The value of a parser limit (`max_file_bytes` is not one: 0).
    pub fn get_parse(self, p: &ParseLimits) -> u64 {
        match self {
            Limit::FileBytes | Limit::PackBytes | Limit::FindingsPerFile => 0,
            Limit::Documents => p.max_documents as u64,
            Limit::Depth => p.max_depth as u64,
            Limit::Nodes => p.max_nodes as u64,
            Limit::AliasExpansions => p.max_alias_expansions as u64,
            Limit::StringLength => p.max_string_length as u64,
        }
    }

    /// Sets the limit; the value is clamped to `1..=ceiling`.
    pub fn set(self, options: &mut LoadOptions, value: u64) {
        let value = value.clamp(1, self.ceiling());
        let small = usize::try_from(value).unwrap_or(usize::MAX);
        let p = &mut options.parse;
        match self {
            Limit::FileBytes => options.max_file_bytes = value,
            Limit::PackBytes => options.max_pack_bytes = value,
            Limit::FindingsPerFile => options.max_findings_per_file = small,
            Limit::Documents => p.max_documents = small,
            Limit::Depth => p.max_depth = small,
            Limit::Nodes => p.max_nodes = small,
            Limit::AliasExpansions => p.max_alias_expansions = small,
            Limit::StringLength => p.max_string_length = small,
        }
    }
}

/// Cuts every string (keys included) longer than `max_chars` characters to that length,
/// followed by `…`; returns the spans of the strings that were cut, in document order.
pub fn cap_strings(docs: &mut [Node], max_chars: usize) -> Vec<Span> {
    let mut cut = Vec::new();
    let mut stack: Vec<&mut Node> = docs.iter_mut().rev().collect();
    while let Some(node) = stack.pop() {
        match &mut node.value {
            Value::Str(s) => {
                if let Some((at, _)) = s.char_indices().nth(max_chars) {
                    s.truncate(at);
                    s.push('…');
                    cut.push(node.span);
                }
            }
            Value::Seq(items) => stack.extend(items.iter_mut().rev()),
            Value::Map(entries) => {
                for e in entries.iter_mut().rev() {
                    stack.push(&mut e.value);
                    stack.push(&mut e.key);
                }
            }
            _ => {}
        }
    }
    cut
}

/// Keeps at most `max` issues per file — the first ones in the file — and returns, for each
/// file that had more, an `input-limit` issue counting the rest. Bounds the memory and output a
/// file of many broken entries can cause.
pub fn cap_findings(issues: &mut Vec<&Issue>, max: usize) -> Vec<Issue> {
    issues.sort_by(|a, b| (a.file, a.span.offset, &a.rule).cmp(&(b.file, b.span.offset, &b.rule)));
    let mut dropped: Vec<(usize, usize)> = Vec::new();
    let mut kept_in_file = 0;
    let mut file = usize::MAX;
    issues.retain(|issue| {
        if issue.file != file {
            file = issue.file;
            kept_in_file = 0;
        }
        kept_in_file += 1;
        if kept_in_file <= max {
            return true;
        }
        match dropped.last_mut() {
            Some((f, n)) if *f == file => *n += 1,
            _ => dropped.push((file, 1)),
        }
        false
    });
    let limit = Limit::FindingsPerFile;
    dropped
        .into_iter()
        .map(|(file, count)| {
            Issue::new(Code::InputLimit, file, Span::default(), "")
                .variant(limit.variant())
                .arg("count", count.to_string())
                .arg("limit", max.to_string())
                .arg("key", limit.key())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_defaults_are_within_the_ceilings() {
        for limit in Limit::ALL {
            assert_eq!(Limit::parse_key(limit.key()), Some(limit));
            assert!((1..=limit.ceiling()).contains(&limit.default_value()));
        }
    }

    #[test]
    fn set_clamps_to_the_ceiling() {
        let mut options = LoadOptions::default();
        Limit::Depth.set(&mut options, 1_000_000);
        assert_eq!(options.parse.max_depth, 200);
        Limit::Nodes.set(&mut options, 0);
        assert_eq!(options.parse.max_nodes, 1);
    }

    #[test]
    fn the_depth_ceiling_fits_in_a_worker_threads_stack() {
        // Parse and drop a document nested to the ceiling on a thread with the stack the
        // checking threads get, in the unoptimised test build (the one with the largest frames).
        let depth = Limit::Depth.ceiling() as usize;
        let text = format!("a: {}x{}\n", "[".repeat(depth - 1), "]".repeat(depth - 1));
        let worker = std::thread::Builder::new()
            .stack_size(WORKER_STACK_BYTES)
            .spawn(move || {
                let mut limits = ParseLimits {
                    max_depth: depth,
                    ..ParseLimits::default()
                };
                let mut docs = crate::yaml::parse_stream(&text, limits).map_err(|e| e.message)?;
                cap_strings(&mut docs, 1);
                limits.max_depth = depth - 1;
                let too_deep = crate::yaml::parse_stream(&text, limits).err();
                Ok::<_, String>(too_deep.and_then(|e| e.limit))
            })
            .expect("spawn");
        let result = worker.join().expect("no stack overflow");
        assert_eq!(result, Ok(Some(Limit::Depth)));
    }

    #[test]
    fn every_limit_is_documented_with_its_default_and_ceiling() {
        let doc = include_str!("../docs/untrusted-input.md");
        for limit in Limit::ALL {
            let row = doc
                .lines()
                .find(|l| l.starts_with(&format!("| `{}` |", limit.key())))
                .unwrap_or_else(|| panic!("no row for {} in docs/untrusted-input.md", limit.key()));
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            assert!(
                cells[2].starts_with(&limit.default_value().to_string()),
                "{row}"
            );
            assert!(cells[3].starts_with(&limit.ceiling().to_string()), "{row}");
        }
    }

    #[test]
    fn findings_are_capped_per_file_keeping_the_first_in_the_file() {
        let issue = |file, offset| Issue::of_check(file, Span::new(offset, 1), "");
        let owned = [
            issue(1, 50),
            issue(0, 9),
            issue(1, 10),
            issue(1, 30),
            issue(0, 1),
        ];
        let mut issues: Vec<&Issue> = owned.iter().collect();
        let over = cap_findings(&mut issues, 2);
        let kept: Vec<(usize, usize)> = issues.iter().map(|i| (i.file, i.span.offset)).collect();
        assert_eq!(kept, vec![(0, 1), (0, 9), (1, 10), (1, 30)]);
        assert_eq!(over.len(), 1);
        assert_eq!(over[0].file, 1);
        assert!(
            over[0]
                .args
                .iter()
                .any(|(k, v)| k == "count" && *v == crate::model::issue::Arg::Plain("1".into()))
        );
    }
}
