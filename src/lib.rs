//! kakunin (確認): a compliance linter for contract packs of medical information systems,
//! checking them against the 2024 MHLW/MIC/METI role-sharing checklist.

// Only the binary writes to the terminal; the library returns values and rendered text.
#![deny(clippy::print_stdout, clippy::print_stderr)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod app;
pub mod baseline;
pub mod cli;
pub mod config;
pub mod confine;
pub mod discover;
pub mod finding;
pub mod form;
pub mod i18n;
pub mod init;
pub mod limits;
pub mod model;
pub mod policy;
pub mod report;
pub mod rules;
pub mod source;
pub mod waiver;
pub mod yaml;
pub mod yaml_words;
