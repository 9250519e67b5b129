//! The integration tests, one binary (autotests = false) to keep link time down.

mod bad_input;
mod cli;
mod crash;
mod data;
mod errors;
mod exports;
mod extraction;
mod hostile_queries;
mod inputs;
mod language;
mod manners;
mod properties;
mod saved_queries;
mod serve;
mod shacl;
mod summary;
