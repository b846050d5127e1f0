//! The codes of the findings kakunin raises itself while reading and loading (rules of kind
//! `structure`), with the message variants and labels each code may use.

/// A finding kakunin's reader, loader, discovery or waiver review raises on its own. Each has a
/// rule file `rules/<id>.yaml` of kind `structure` holding its texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    FileUnreadable,
    InputLimit,
    InputPath,
    YamlSyntax,
    NotKakuninDocument,
    PackStructure,
    WrongType,
    DuplicateKey,
    UnknownKey,
    MissingField,
    InvalidValue,
    PlaceholderValue,
    DuplicateId,
    UnresolvedReference,
    WaiverExpired,
    WaiverUnused,
    ComparisonOperand,
}

impl Code {
    pub const ALL: [Code; 17] = [
        Code::FileUnreadable,
        Code::InputLimit,
        Code::InputPath,
        Code::YamlSyntax,
        Code::NotKakuninDocument,
        Code::PackStructure,
        Code::WrongType,
        Code::DuplicateKey,
        Code::UnknownKey,
        Code::MissingField,
        Code::InvalidValue,
        Code::PlaceholderValue,
        Code::DuplicateId,
        Code::UnresolvedReference,
        Code::WaiverExpired,
        Code::WaiverUnused,
        Code::ComparisonOperand,
    ];

    /// The rule id, as findings, waivers and `rules:` switches name it.
    pub fn id(self) -> &'static str {
        match self {
            Code::FileUnreadable => "file-unreadable",
            Code::InputLimit => "input-limit",
            Code::InputPath => "input-path",
            Code::YamlSyntax => "yaml-syntax",
            Code::NotKakuninDocument => "not-kakunin-document",
            Code::PackStructure => "pack-structure",
            Code::WrongType => "wrong-type",
            Code::DuplicateKey => "duplicate-key",
            Code::UnknownKey => "unknown-key",
            Code::MissingField => "missing-field",
            Code::InvalidValue => "invalid-value",
            Code::PlaceholderValue => "placeholder-value",
            Code::DuplicateId => "duplicate-id",
            Code::UnresolvedReference => "unresolved-reference",
            Code::WaiverExpired => "waiver-expired",
            Code::WaiverUnused => "waiver-unused",
            Code::ComparisonOperand => "comparison-operand",
        }
    }

    pub fn from_id(id: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.id() == id)
    }

    /// How early in the chain of causes this code's findings stand: what cannot be read (0),
    /// then keys nobody reads (1), then values and references (2). Findings of rules come after
    /// all of them ([`cause_stage`]).
    pub fn stage(self) -> u8 {
        match self {
            Code::FileUnreadable
            | Code::InputLimit
            | Code::InputPath
            | Code::YamlSyntax
            | Code::NotKakuninDocument
            | Code::PackStructure
            | Code::DuplicateKey => 0,
            Code::UnknownKey => 1,
            Code::WrongType
            | Code::MissingField
            | Code::InvalidValue
            | Code::PlaceholderValue
            | Code::DuplicateId
            | Code::UnresolvedReference => 2,
            Code::WaiverExpired | Code::WaiverUnused | Code::ComparisonOperand => 3,
        }
    }

    /// The message variants this code's findings may carry; its rule file defines exactly these.
    pub fn variants(self) -> &'static [&'static str] {
        match self {
            Code::FileUnreadable => &[
                "binary",
                "input_missing",
                "io",
                "not_file",
                "outside_pack",
                "utf16",
                "utf8",
            ],
            Code::InputLimit => &[
                "alias_expansions",
                "depth",
                "documents",
                "file_bytes",
                "findings",
                "nodes",
                "pack_bytes",
                "string_length",
            ],
            Code::InputPath => &[
                "name",
                "special",
                "symlink",
                "symlink_broken",
                "symlink_loop",
                "symlink_outside",
                "vcs_dir",
            ],
            Code::NotKakuninDocument => &[
                "api_version",
                "empty",
                "not_mapping",
                "unknown_kind",
                "unknown_kind_suggestion",
            ],
            Code::PackStructure => &["misplaced", "missing", "second"],
            Code::WrongType => &["key", "null", "quote"],
            Code::UnknownKey => &["suggestion"],
            Code::InvalidValue => &[
                "country",
                "date",
                "duration",
                "enum",
                "enum_suggestion",
                "id",
                "item_id",
                "negative",
                "no_such_day",
                "percent",
                "time",
            ],
            Code::PlaceholderValue => &["blank", "empty", "placeholder"],
            Code::UnresolvedReference => &["suggestion", "wrong_target"],
            Code::WaiverUnused => &["no_pack", "no_pack_suggestion"],
            Code::ComparisonOperand => &["overflow", "type"],
            Code::YamlSyntax
            | Code::MissingField
            | Code::DuplicateKey
            | Code::DuplicateId
            | Code::WaiverExpired => &[],
        }
    }

    /// The `{placeholders}` this code's findings fill (in some of its variants).
    pub fn args(self) -> &'static [&'static str] {
        match self {
            Code::FileUnreadable | Code::InputPath | Code::YamlSyntax => &["detail", "path"],
            Code::InputLimit => &["count", "key", "limit", "size"],
            Code::NotKakuninDocument => &["kinds", "suggestion", "value"],
            Code::PackStructure => &[],
            Code::WrongType => &["expected", "found", "quoted"],
            Code::DuplicateKey => &["key"],
            Code::UnknownKey => &["key", "suggestion"],
            Code::MissingField => &["field"],
            Code::InvalidValue => &["allowed", "days", "month", "suggestion", "value", "year"],
            Code::PlaceholderValue => &["field", "value"],
            Code::DuplicateId => &["id"],
            Code::UnresolvedReference => &["actual", "expected", "id", "suggestion"],
            Code::WaiverExpired => &["approved_by", "expires", "pack", "rule"],
            Code::WaiverUnused => &["pack", "rule", "suggestion"],
            Code::ComparisonOperand => &["entity", "rule", "today", "value"],
        }
    }

    /// The labels of the related locations this code's findings may carry.
    pub fn labels(self) -> &'static [&'static str] {
        match self {
            Code::DuplicateKey | Code::DuplicateId | Code::PackStructure => &["first"],
            Code::UnresolvedReference => &["defined"],
            _ => &[],
        }
    }
}

/// The stage of a finding of rule `id` in the chain of causes: the loader's own codes by
/// [`Code::stage`], every other rule after them. Output lists causes first.
pub fn cause_stage(id: &str) -> u8 {
    Code::from_id(id).map_or(3, Code::stage)
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn ids_are_distinct_and_read_back() {
        for code in Code::ALL {
            assert_eq!(Code::from_id(code.id()), Some(code));
        }
        assert_eq!(Code::from_id("sla-present"), None);
    }
}
