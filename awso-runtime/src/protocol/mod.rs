//! Layer 2, the protocols (sans-IO): an operation's HTTP request from its input, its output or
//! error from the HTTP response, for each AWS protocol (awsJson1_0/1_1, restJson1 and restXml
//! with their HTTP bindings, awsQuery, ec2Query, rpcv2Cbor), and SigV4 signing and
//! presigning. Pure computation over the `http` crate's types; the client sends them.

pub mod bindings;
pub mod checksum;
pub mod operation;
pub mod rest;
pub mod rpcv2_cbor;
pub mod sigv4;
