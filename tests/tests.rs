//! The integration tests, one binary (autotests = false) to keep link time down.

mod cli;
mod data;
mod extraction;
mod saved_queries;
