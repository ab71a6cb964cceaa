//! Support for the system tests in `tests/`: real processes, real databases, simulated
//! devices and a fault-injecting proxy between a real client and a real server.

pub mod device;
pub mod fault_proxy;
pub mod pg;
pub mod server;
