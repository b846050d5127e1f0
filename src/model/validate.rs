//! Checks one document against the v1 schema tables, collecting every problem, the ids it
//! defines, the references it makes and the evidence paths it names.

use super::issue::Issue;
use super::schema::{Obj, Target, Ty};
use super::values;
use crate::model::code::Code;
use crate::yaml::{Node, Span, Value};

/// Lists where `[]` is itself the answer ("none"): a prime vendor with no subcontractors says so
/// with an empty `prime_scope.subcontractors`. Rules still see such a list as listing nothing.
const MAY_BE_EMPTY: &[&str] = &["prime_scope.subcontractors"];

/// A reference made by a field, to be resolved once the whole pack is loaded.
#[derive(Debug, Clone)]
pub struct RefUse {
    pub id: String,
    pub target: Target,
    pub file: usize,
    pub span: Span,
    pub path: String,
    /// The checklist item the referring field serves.
    pub item: Option<&'static str>,
}

/// An evidence path named by a field.
#[derive(Debug, Clone)]
pub struct EvidenceUse {
    pub value: String,
    pub file: usize,
    pub span: Span,
    pub path: String,
}

/// What validating documents found, gathered over a pack.
#[derive(Debug, Default)]
pub struct Validation {
    pub issues: Vec<Issue>,
    pub refs: Vec<RefUse>,
    pub evidence: Vec<EvidenceUse>,
}

/// Validates one document body against its kind's fields.
pub struct Validator<'a> {
    pub out: &'a mut Validation,
    pub file: usize,
    pub text: &'a str,
    /// The checklist item of the innermost mapping being checked that serves one.
    pub item: Option<&'static str>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

impl Validator<'_> {
    /// Checks a mapping against `obj`. `anchor` is where a missing field is reported (the key
    /// that owns this mapping), `skip` are keys already handled by the caller.
    pub fn object(
        &mut self,
        node: &Node,
        obj: &'static Obj,
        path: &str,
        anchor: Span,
        skip: &[&str],
    ) {
        let outer = self.item;
        self.item = obj.item.or(outer);
        self.fields(node, obj, path, anchor, skip);
        self.item = outer;
    }

    fn fields(&mut self, node: &Node, obj: &'static Obj, path: &str, anchor: Span, skip: &[&str]) {
        let Some(entries) = node.as_map() else {
            self.wrong_type(node, &Ty::Obj(obj), path);
            return;
        };
        let mut seen: Vec<(&str, Span)> = Vec::with_capacity(entries.len());
        for entry in entries {
            let Some(key) = entry.key.as_str() else {
                self.push(
                    Issue::new(Code::WrongType, self.file, entry.key.span, path)
                        .variant("key")
                        .word(
                            "expected",
                            "text (a key is always text)",
                            "文字列（キーは常に文字列）",
                        ),
                );
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                let issue = Issue::new(
                    Code::DuplicateKey,
                    self.file,
                    entry.key.span,
                    join(path, key),
                )
                .arg("key", key)
                .related(self.file, *first, "first");
                self.push(issue);
                continue;
            }
            seen.push((key, entry.key.span));
            if skip.contains(&key) {
                continue;
            }
            let field_path = join(path, key);
            match obj.fields.iter().find(|f| f.name == key) {
                Some(field) => self.value(&entry.value, &field.ty, &field_path, entry.key.span),
                None => {
                    let known = obj.fields.iter().map(|f| f.name);
                    let suggestion = super::issue::suggest(key, known);
                    if obj.open && suggestion.is_none() {
                        // A free-form extra (`service_levels.offsite_backup_restore_test`) is
                        // still no value when it is blank.
                        self.placeholder(&entry.value, &Ty::FreeText, &field_path);
                        continue;
                    }
                    let mut issue =
                        Issue::new(Code::UnknownKey, self.file, entry.key.span, field_path)
                            .arg("key", key);
                    if let Some(s) = suggestion {
                        issue = issue.variant("suggestion").arg("suggestion", s);
                    }
                    self.push(issue);
                }
            }
        }
        for field in obj.fields.iter().filter(|f| f.required) {
            if !seen.iter().any(|(k, _)| *k == field.name) && !skip.contains(&field.name) {
                self.push(
                    Issue::new(
                        Code::MissingField,
                        self.file,
                        anchor,
                        join(path, field.name),
                    )
                    .arg("field", field.name),
                );
            }
        }
    }

    fn push(&mut self, issue: Issue) {
        self.out.issues.push(issue.cite_item(self.item));
    }

    fn source_text(&self, node: &Node) -> String {
        let end = node
            .span
            .offset
            .saturating_add(node.span.len)
            .min(self.text.len());
        self.text
            .get(node.span.offset.min(end)..end)
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    fn wrong_type(&mut self, node: &Node, expected: &Ty, path: &str) {
        let (en, ja) = type_words(expected);
        let mut issue =
            Issue::new(Code::WrongType, self.file, node.span, path).word("expected", en, ja);
        issue = match &node.value {
            Value::Null => issue.variant("null"),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) if accepts_text(expected) => issue
                .variant("quote")
                .arg("quoted", format!("\"{}\"", self.source_text(node))),
            other => {
                let (fen, fja) = other.type_words();
                issue.word("found", fen, fja)
            }
        };
        self.push(issue);
    }

    fn invalid(&mut self, node: &Node, variant: &'static str, path: &str) -> Issue {
        let value = node.scalar_text().unwrap_or_else(|| self.source_text(node));
        Issue::new(Code::InvalidValue, self.file, node.span, path)
            .variant(variant)
            .arg("value", value)
    }

    /// Checks a value of any type; `key_span` is the key that holds it (where absent fields point).
    pub fn value(&mut self, node: &Node, ty: &Ty, path: &str, key_span: Span) {
        self.placeholder(node, ty, path);
        match (ty, &node.value) {
            (Ty::Any, _) => {}
            (Ty::Obj(obj), Value::Map(_)) => self.object(node, obj, path, key_span, &[]),
            (Ty::List(item), Value::Seq(items)) => {
                for (i, child) in items.iter().enumerate() {
                    self.value(child, item, &format!("{path}[{i}]"), child.span);
                }
            }
            (Ty::ItemMap(item), Value::Map(entries)) => self.item_map(entries, item, path),
            (Ty::RefList(target) | Ty::RefOrList(target), Value::Seq(items)) => {
                for (i, child) in items.iter().enumerate() {
                    self.value(
                        child,
                        &Ty::Ref(*target),
                        &format!("{path}[{i}]"),
                        child.span,
                    );
                }
            }
            (Ty::RefOrList(target), Value::Str(_)) => {
                self.value(node, &Ty::Ref(*target), path, key_span)
            }
            (Ty::PartyOrJoint, Value::Str(s)) if s == "joint" => {}
            (Ty::PartyOrJoint, Value::Str(_)) => {
                self.value(node, &Ty::Ref(Target::Party), path, key_span)
            }
            (Ty::Str | Ty::Version, Value::Str(_)) => {}
            (Ty::FreeText, Value::Str(_) | Value::Int(_) | Value::Float(_)) => {}
            (Ty::Id, Value::Str(s)) => self.id(node, s, path),
            (Ty::Ref(target), Value::Str(s)) => self.out.refs.push(RefUse {
                id: s.clone(),
                target: *target,
                file: self.file,
                span: node.span,
                path: path.to_owned(),
                item: self.item,
            }),
            (Ty::Date, Value::Str(s)) => {
                if values::parse_date(s).is_none() {
                    let issue = match values::day_past_month_end(s) {
                        Some((year, month, days)) => self
                            .invalid(node, "no_such_day", path)
                            .arg("year", year.to_string())
                            .arg("month", month.to_string())
                            .arg("days", days.to_string()),
                        None => self.invalid(node, "date", path),
                    };
                    self.push(issue);
                }
            }
            (Ty::Time, Value::Str(s)) => {
                if values::parse_time(s).is_none() {
                    let issue = self.invalid(node, "time", path);
                    self.push(issue);
                }
            }
            (Ty::Duration, Value::Str(s)) => {
                if values::parse_duration(s).is_none() {
                    let issue = self.invalid(node, "duration", path);
                    self.push(issue);
                }
            }
            (Ty::Percent, Value::Int(_) | Value::Float(_)) => {
                let v = match node.value {
                    Value::Int(i) => i as f64,
                    Value::Float(f) => f,
                    _ => 0.0,
                };
                if !(0.0..=100.0).contains(&v) {
                    let issue = self.invalid(node, "percent", path);
                    self.push(issue);
                }
            }
            (Ty::Int, Value::Int(i)) if *i >= 0 => {}
            (Ty::Int, Value::Int(_)) => {
                let issue = self.invalid(node, "negative", path);
                self.push(issue);
            }
            (Ty::Bool, Value::Bool(_)) => {}
            (Ty::Enum(allowed), Value::Str(s)) => {
                if !allowed.contains(&s.as_str()) {
                    let mut issue = self
                        .invalid(node, "enum", path)
                        .arg("allowed", allowed.join(", "));
                    // A Japanese answer (`はい`) for the form's `yes`/`no`/`na`.
                    let word = values::answer_word(s).filter(|w| allowed.contains(w));
                    if let Some(best) =
                        word.or_else(|| super::issue::suggest(s, allowed.iter().copied()))
                    {
                        issue = issue.variant("enum_suggestion").arg("suggestion", best);
                    }
                    self.push(issue);
                }
            }
            (Ty::Path, Value::Str(s)) => self.out.evidence.push(EvidenceUse {
                value: s.clone(),
                file: self.file,
                span: node.span,
                path: path.to_owned(),
            }),
            (Ty::Country, Value::Str(s)) => {
                if !values::is_country(s) {
                    let issue = self.invalid(node, "country", path);
                    self.push(issue);
                }
            }
            _ => self.wrong_type(node, ty, path),
        }
    }

    /// A text left blank or as a placeholder (`""`, `TODO: 第◯条`, `未定`), or an empty list or
    /// mapping: reported wherever it stands, optional fields included, since rules treat it
    /// as absent. Typed values (ids, dates, words, paths) have their own findings instead.
    fn placeholder(&mut self, node: &Node, ty: &Ty, path: &str) {
        let variant = match (&node.value, ty) {
            (Value::Str(s), Ty::Str | Ty::Version | Ty::FreeText) if s.trim().is_empty() => "blank",
            (Value::Str(s), Ty::Str | Ty::Version | Ty::FreeText) if values::is_placeholder(s) => {
                "placeholder"
            }
            (Value::Seq(items), Ty::List(_) | Ty::RefList(_) | Ty::RefOrList(_))
                if items.is_empty() && !MAY_BE_EMPTY.contains(&path) =>
            {
                "empty"
            }
            (Value::Map(entries), Ty::Obj(_) | Ty::ItemMap(_)) if entries.is_empty() => "empty",
            _ => return,
        };
        let value = match &node.value {
            Value::Seq(_) => "[]".to_owned(),
            Value::Map(_) => "{}".to_owned(),
            _ => node.scalar_text().unwrap_or_default(),
        };
        self.push(
            Issue::new(Code::PlaceholderValue, self.file, node.span, path)
                .variant(variant)
                .arg("value", value)
                .arg("field", path),
        );
    }

    fn id(&mut self, node: &Node, id: &str, path: &str) {
        if !values::is_id(id) {
            let issue = self.invalid(node, "id", path);
            self.push(issue);
        }
    }

    fn item_map(&mut self, entries: &[crate::yaml::Entry], item: &Ty, path: &str) {
        let mut seen: Vec<(&str, Span)> = Vec::with_capacity(entries.len());
        for entry in entries {
            let Some(key) = entry.key.as_str() else {
                self.wrong_type(&entry.key, &Ty::Str, path);
                continue;
            };
            let child = format!("{path}.{key}");
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                let issue = Issue::new(Code::DuplicateKey, self.file, entry.key.span, child)
                    .arg("key", key)
                    .related(self.file, *first, "first");
                self.push(issue);
                continue;
            }
            seen.push((key, entry.key.span));
            if !values::is_item_id(key) {
                let issue = self.invalid(&entry.key, "item_id", &child);
                self.push(issue);
            }
            self.value(&entry.value, item, &child, entry.key.span);
        }
    }
}

fn accepts_text(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::Str
            | Ty::Version
            | Ty::Id
            | Ty::Ref(_)
            | Ty::Date
            | Ty::Duration
            | Ty::Time
            | Ty::Path
            | Ty::Enum(_)
    )
}

/// How a type is named in messages, in English and Japanese.
pub fn type_words(ty: &Ty) -> (&'static str, &'static str) {
    match ty {
        Ty::Str | Ty::FreeText => ("a string", "文字列"),
        Ty::Version => (
            "a quoted version string such as \"6.0\"",
            "\"6.0\" のような引用符付きの版数",
        ),
        Ty::Id | Ty::Ref(_) | Ty::PartyOrJoint => ("an id string", "ID（文字列）"),
        Ty::RefList(_) => ("a list of ids", "ID のリスト"),
        Ty::RefOrList(_) => ("an id (or a list of ids)", "ID（または ID のリスト）"),
        Ty::Date => ("a date YYYY-MM-DD", "YYYY-MM-DD 形式の日付"),
        Ty::Time => ("a time HH:MM", "HH:MM 形式の時刻"),
        Ty::Duration => (
            "an ISO-8601 duration such as P1Y",
            "P1Y のような ISO-8601 期間",
        ),
        Ty::Percent => ("a number from 0 to 100", "0〜100 の数値"),
        Ty::Int => ("a whole number", "整数"),
        Ty::Bool => ("true or false", "true または false"),
        Ty::Enum(_) => ("one of the allowed words", "許可された値のいずれか"),
        Ty::Path => ("a relative file path", "相対ファイルパス"),
        Ty::Country => (
            "a two-letter country code such as JP",
            "JP のような 2 文字の国コード",
        ),
        Ty::Obj(_) => ("a mapping", "マッピング"),
        Ty::List(_) => ("a list", "リスト"),
        Ty::ItemMap(_) => (
            "a mapping of checklist item ids",
            "確認表項目 ID のマッピング",
        ),
        Ty::Any => ("any value", "任意の値"),
    }
}
