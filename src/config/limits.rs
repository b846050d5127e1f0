//! `limits:` in `kakunin.yaml`: how much one input file may make kakunin do. Each key is a
//! positive integer no higher than the limit's ceiling; see [`crate::limits`].

use super::reader::{Reader, join};
use crate::limits::Limit;
use crate::yaml::{Node, Value};

impl Reader {
    /// The limits the configuration sets, each with its value.
    pub(super) fn limits(&mut self, node: &Node, path: &str) -> Vec<(Limit, u64)> {
        let keys: Vec<&str> = Limit::ALL.iter().map(|l| l.key()).collect();
        let mut out = Vec::new();
        for entry in self.mapping(node, path, &keys) {
            let key = entry.key.as_str().unwrap_or_default();
            let Some(limit) = Limit::parse_key(key) else {
                continue;
            };
            let here = join(path, key);
            let ceiling = limit.ceiling();
            match entry.value.value {
                Value::Int(n) if n >= 1 && n.unsigned_abs() <= ceiling => {
                    out.push((limit, n.unsigned_abs()));
                }
                Value::Int(n) => self.problem(
                    entry.value.span,
                    &here,
                    format!("`{n}` is out of range: `{key}` is from 1 to {ceiling}"),
                    format!("`{n}` は範囲外です。`{key}` は 1 から {ceiling} までです"),
                ),
                _ => self.expected(&entry.value, &here, "a whole number", "整数"),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::config::parse::parse;
    use crate::limits::Limit;
    use crate::source::SourceFile;
    use std::path::{Path, PathBuf};

    fn read(text: &str) -> (Vec<(Limit, u64)>, Vec<String>) {
        let source = SourceFile::new("k.yaml".into(), PathBuf::from("k.yaml"), text.into());
        let (config, problems) = parse(source, Path::new("."));
        (config.limits, problems.into_iter().map(|p| p.en).collect())
    }

    #[test]
    fn limits_are_read_with_their_values() {
        let (limits, problems) = read("limits:\n  max_depth: 10\n  max_file_bytes: 1048576\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            limits,
            vec![(Limit::Depth, 10), (Limit::FileBytes, 1_048_576)]
        );
    }

    #[test]
    fn bad_limits_are_problems() {
        let (limits, problems) = read(
            "limits:\n  max_depth: 100000\n  max_nodes: 0\n  max_documents: lots\n  max_dept: 3\n",
        );
        assert!(limits.is_empty());
        assert_eq!(problems.len(), 4, "{problems:?}");
        let has = |text: &str| problems.iter().any(|p| p.contains(text));
        assert!(
            has("`100000` is out of range: `max_depth` is from 1 to 200"),
            "{problems:?}"
        );
        assert!(has("`0` is out of range"), "{problems:?}");
        assert!(has("expected a whole number"), "{problems:?}");
        assert!(has("did you mean `max_depth`"), "{problems:?}");
    }
}
