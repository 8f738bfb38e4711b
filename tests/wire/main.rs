//! Behaviour over loopback HTTP: the exact request each call puts on the wire, and what
//! comes back.

mod auth;
mod blocking;
mod capture;
mod errors;
mod fake;
mod query;
mod seed;
mod shapes;
mod surface;
