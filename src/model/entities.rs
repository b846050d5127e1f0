//! The pack as collections of entities that rules select from, and field lookup on them
//! (`clauses.confidentiality.binds`, or `supplier->vendor_role` through a reference).

use super::schema::Kind;
use super::{Doc, Pack};
use crate::yaml::{Node, Span};
use serde::Deserialize;
use std::collections::HashMap;

/// The collections a rule can select from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    Pack,
    Parties,
    Components,
    Contracts,
    Slas,
    Risks,
    Checklists,
    ChecklistItems,
}

impl Collection {
    pub const ALL: &[Collection] = &[
        Collection::Pack,
        Collection::Parties,
        Collection::Components,
        Collection::Contracts,
        Collection::Slas,
        Collection::Risks,
        Collection::Checklists,
        Collection::ChecklistItems,
    ];

    /// The name rules write it by (`in: checklist_items`).
    pub fn name(self) -> &'static str {
        match self {
            Collection::Pack => "pack",
            Collection::Parties => "parties",
            Collection::Components => "components",
            Collection::Contracts => "contracts",
            Collection::Slas => "slas",
            Collection::Risks => "risks",
            Collection::Checklists => "checklists",
            Collection::ChecklistItems => "checklist_items",
        }
    }
}

/// One selectable thing: a document, a list item, or a checklist item entry.
#[derive(Debug)]
pub struct Entity<'a> {
    pub file: usize,
    pub node: &'a Node,
    /// Field path of `node` inside its document (`parties[2]`, `items.P2-A6`, or empty).
    pub path: String,
    /// Where findings about the entity as a whole point (its id, item key, or `kind`).
    pub anchor: Span,
    /// The map key of a checklist item.
    pub key: Option<&'a str>,
    /// The checklist record a checklist item belongs to (index into `Checklists`).
    pub parent: Option<usize>,
}

impl Entity<'_> {
    /// The entity's id, or its item key, for messages.
    pub fn label(&self) -> String {
        self.key
            .map(str::to_owned)
            .or_else(|| self.node.get("id").and_then(Node::scalar_text))
            .unwrap_or_else(|| self.path.clone())
    }
}

/// A place in a pack: a file, a span in it, and the field path there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub file: usize,
    pub span: Span,
    pub path: String,
}

/// The result of looking a field path up on an entity.
#[derive(Debug)]
pub enum Lookup<'a> {
    /// The value and where it is. `via` is the reference field of the entity's own document
    /// that the lookup followed (`prime_vendor` in `prime_vendor->vendor_role`), if any.
    Found {
        node: &'a Node,
        at: Site,
        via: Option<Site>,
    },
    /// A field on the way is absent: `at.path` is the first absent one, `at.span` the last key present.
    Missing { at: Site, via: Option<Site> },
    /// A reference on the way does not resolve (reported elsewhere), or a value has the wrong shape.
    Broken,
}

impl Lookup<'_> {
    /// Where a finding about this lookup belongs: in the entity's own document.
    pub fn site(&self) -> Option<&Site> {
        match self {
            Lookup::Found { at, via, .. } | Lookup::Missing { at, via } => {
                Some(via.as_ref().unwrap_or(at))
            }
            Lookup::Broken => None,
        }
    }
}

/// All entities of a pack, by collection, with an id index.
pub struct Index<'a> {
    pub pack: &'a Pack,
    collections: HashMap<Collection, Vec<Entity<'a>>>,
    by_id: HashMap<&'a str, (Collection, usize)>,
}

fn id_anchor(node: &Node) -> Span {
    node.get("id").map_or(node.span, |n| n.span)
}

impl<'a> Index<'a> {
    pub fn new(pack: &'a Pack) -> Self {
        let mut index = Index {
            pack,
            collections: HashMap::new(),
            by_id: HashMap::new(),
        };
        for doc in &pack.docs {
            index.add_doc(doc);
        }
        index
    }

    fn push(&mut self, collection: Collection, entity: Entity<'a>) {
        let list = self.collections.entry(collection).or_default();
        if collection != Collection::ChecklistItems
            && let Some(id) = entity.node.get("id").and_then(Node::as_str)
        {
            self.by_id.entry(id).or_insert((collection, list.len()));
        }
        list.push(entity);
    }

    fn add_doc(&mut self, doc: &'a Doc) {
        let kind_anchor = doc
            .node
            .entry("kind")
            .map_or(doc.node.span, |e| e.value.span);
        let whole = |anchor| Entity {
            file: doc.file,
            node: &doc.node,
            path: String::new(),
            anchor,
            key: None,
            parent: None,
        };
        let listed = |list: &'static str| {
            doc.node
                .get(list)
                .and_then(Node::as_seq)
                .unwrap_or_default()
                .iter()
                .enumerate()
                .map(move |(i, item)| Entity {
                    file: doc.file,
                    node: item,
                    path: format!("{list}[{i}]"),
                    anchor: id_anchor(item),
                    key: None,
                    parent: None,
                })
        };
        match doc.kind {
            Kind::ContractPack => self.push(Collection::Pack, whole(kind_anchor)),
            Kind::Parties => listed("parties").for_each(|e| self.push(Collection::Parties, e)),
            Kind::Systems => {
                listed("components").for_each(|e| self.push(Collection::Components, e))
            }
            Kind::Contract => self.push(Collection::Contracts, whole(id_anchor(&doc.node))),
            Kind::ServiceLevelAgreement => self.push(Collection::Slas, whole(id_anchor(&doc.node))),
            Kind::RiskManagement => self.push(Collection::Risks, whole(id_anchor(&doc.node))),
            Kind::ChecklistRecord => {
                let record = self.all(Collection::Checklists).len();
                self.push(Collection::Checklists, whole(id_anchor(&doc.node)));
                let items = doc
                    .node
                    .get("items")
                    .and_then(Node::as_map)
                    .unwrap_or_default();
                for entry in items {
                    let Some(key) = entry.key.as_str() else {
                        continue;
                    };
                    let item = Entity {
                        file: doc.file,
                        node: &entry.value,
                        path: format!("items.{key}"),
                        anchor: entry.key.span,
                        key: Some(key),
                        parent: Some(record),
                    };
                    self.push(Collection::ChecklistItems, item);
                }
            }
        }
    }

    pub fn all(&self, collection: Collection) -> &[Entity<'a>] {
        self.collections.get(&collection).map_or(&[], Vec::as_slice)
    }

    /// The entity an id names.
    pub fn by_id(&self, id: &str) -> Option<&Entity<'a>> {
        let (collection, i) = self.by_id.get(id)?;
        self.all(*collection).get(*i)
    }

    /// The pack's ContractPack entity, if it loaded.
    pub fn pack_entity(&self) -> Option<&Entity<'a>> {
        self.all(Collection::Pack).first()
    }

    /// Where a finding about `entity` at `field` belongs: the field's place in the entity's own
    /// document (the last key present when it is absent), else the entity itself.
    pub fn site_of(&self, entity: &Entity<'a>, field: Option<&str>) -> Site {
        field
            .and_then(|f| self.lookup(entity, f).site().cloned())
            .unwrap_or_else(|| Site {
                file: entity.file,
                span: entity.anchor,
                path: entity.path.clone(),
            })
    }

    /// Looks up a dotted field path on an entity; `a->b` follows the id in `a` to its entity.
    pub fn lookup(&self, entity: &Entity<'a>, path: &str) -> Lookup<'a> {
        let (here, rest) = match path.split_once("->") {
            Some((here, rest)) => (here, Some(rest)),
            None => (path, None),
        };
        let mut node = entity.node;
        let mut key_span = entity.anchor;
        let mut walked = entity.path.clone();
        let site = |span, path| Site {
            file: entity.file,
            span,
            path,
        };
        for segment in here.split('.').filter(|s| !s.is_empty()) {
            walked = if walked.is_empty() {
                segment.to_owned()
            } else {
                format!("{walked}.{segment}")
            };
            if node.as_map().is_none() {
                return Lookup::Broken;
            }
            match node.entry(segment) {
                // A blank or placeholder value (`""`, `TODO`, `[]`) is no value: rules see it absent.
                Some(entry) if !super::values::is_blank(&entry.value) => {
                    key_span = entry.key.span;
                    node = &entry.value;
                }
                Some(entry) => {
                    // Null points at its key; a blank value (`""`, `[]`) at itself.
                    let span = if entry.value.is_null() {
                        entry.key.span
                    } else {
                        entry.value.span
                    };
                    return Lookup::Missing {
                        at: site(span, walked),
                        via: None,
                    };
                }
                None => {
                    return Lookup::Missing {
                        at: site(key_span, walked),
                        via: None,
                    };
                }
            }
        }
        let Some(rest) = rest else {
            return Lookup::Found {
                node,
                at: site(node.span, walked),
                via: None,
            };
        };
        let Some(target) = node.as_str().and_then(|id| self.by_id(id)) else {
            return Lookup::Broken;
        };
        let reference = site(node.span, walked);
        match self.lookup(target, rest) {
            Lookup::Found { node, at, via } => Lookup::Found {
                node,
                at,
                via: Some(via.unwrap_or(reference)),
            },
            Lookup::Missing { at, via } => Lookup::Missing {
                at,
                via: Some(via.unwrap_or(reference)),
            },
            Lookup::Broken => Lookup::Broken,
        }
    }

    /// The node at `path`, if present.
    pub fn value(&self, entity: &Entity<'a>, path: &str) -> Option<&'a Node> {
        match self.lookup(entity, path) {
            Lookup::Found { node, .. } => Some(node),
            _ => None,
        }
    }
}

#[cfg(test)]
mod collection_tests {
    use super::Collection;

    #[test]
    fn every_collection_is_read_by_its_name() {
        for c in Collection::ALL {
            let read: Collection =
                serde_json::from_value(serde_json::json!(c.name())).expect("known name");
            assert_eq!(read, *c);
        }
    }
}
