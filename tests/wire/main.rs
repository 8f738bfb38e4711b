//! Behaviour over loopback HTTP: the exact request each call puts on the wire, and what
//! comes back.

mod capture;
mod seed;
