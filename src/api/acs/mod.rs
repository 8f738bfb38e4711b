//! `/acs`: access control systems, their users, credentials and entrances.

pub mod credentials;
pub mod systems;
pub mod users;
