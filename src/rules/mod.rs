//! Rules: the catalog of rule files and the engine that evaluates them against a pack.

pub mod catalog;
pub mod check;
pub mod emits;
pub mod engine;
mod finder;
pub mod paths;
pub mod reference;
pub mod rule_schema;
pub mod select;
pub mod spec;
mod validate;
