//! The crate's single integration-test binary (linking is slow on small machines, so every
//! concern is a module here rather than a binary of its own).

mod counting;
mod support;

mod csv_vectors;
mod dotnet_values;
pub(crate) mod dto_vectors;
mod errors;
mod fuzz_replay;
mod json_reader;
mod json_values;
mod jsv_errors;
mod jsv_reader;
mod jsv_values;
mod jsv_writer;
mod memory;
mod ops_binding;
mod ops_requests;
mod ops_responses;
mod query_binding;
pub(crate) mod query_vectors;
pub(crate) mod seed_samples;
mod validate;
mod valuetuple_binding;
