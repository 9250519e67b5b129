//! The integration tests, one binary (autotests = false) to keep link time down.

mod bad_input;
mod cli;
mod data;
mod extraction;
mod saved_queries;
