//! Support for the system tests in `tests/`: real processes, real files and a
//! fault-injecting proxy between a real client and a real server.

pub mod fault_proxy;
