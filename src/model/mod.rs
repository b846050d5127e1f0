//! The pack model: a pack's files, its kakunin documents, and what loading them found.

pub mod code;
pub mod entities;
pub mod issue;
pub mod json_schema;
pub mod load;
mod read;
pub mod reference;
pub mod schema;
pub mod summary;
pub mod validate;
pub mod values;

use crate::source::SourceFile;
use crate::yaml::Node;
use schema::Kind;
use std::path::PathBuf;

/// One kakunin document of a pack.
#[derive(Debug)]
pub struct Doc {
    pub file: usize,
    pub kind: Kind,
    pub node: Node,
}

/// A loaded pack: every file below its root, the documents that parsed, and the problems found.
#[derive(Debug)]
pub struct Pack {
    /// The pack root on disk.
    pub root: PathBuf,
    /// The pack's id from `pack.yaml`, or its directory as displayed when there is none.
    pub id: String,
    pub files: Vec<SourceFile>,
    pub docs: Vec<Doc>,
    pub validation: validate::Validation,
}

impl Pack {
    pub fn contract_pack(&self) -> Option<&Doc> {
        self.docs.iter().find(|d| d.kind == Kind::ContractPack)
    }
}
