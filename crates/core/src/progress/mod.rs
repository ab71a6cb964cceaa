//! Progress against the standard, computed from the store on demand.

mod certs;
mod compute;
mod milestones;
mod model;

pub(crate) use compute::compute;
pub use model::*;
