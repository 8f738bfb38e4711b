//! Every documented route of the Seam API, one declaration each, in modules that mirror
//! its namespaces.

pub mod acs;

/// The namespaced-method traits of every route, imported anonymously.
pub(crate) mod prelude {
    pub use super::acs::credentials::{
        AssignExt as _, CreateExt as _, DeleteExt as _, GetExt as _, ListExt as _, UnassignExt as _,
    };
    pub use super::acs::systems::{GetExt as _, ListExt as _};
    pub use super::acs::users::{CreateExt as _, DeleteExt as _, GetExt as _, ListExt as _};
}
