//! Namespaces: `seam.acs().credentials().unassign(..)`.
//!
//! A namespace is an [`Ns`] value tagged with a marker type. Seam's own namespaces are
//! built in: their markers live in [`ns`](crate::ns) and their accessors are inherent
//! methods, so they need no import. Each endpoint adds its method to its namespace through
//! the extension trait `#[seam_endpoint]` emits. A namespace Seam does not have is declared
//! once with [`namespace!`](crate::namespace).

use std::fmt;
use std::marker::PhantomData;

use crate::Endpoint;

/// A client that namespaced methods can call through: the async [`Seam`](crate::Seam) (and
/// any other client kind), each with its own [`Call`](Caller::Call) type.
pub trait Caller {
    /// What a call returns: a [`Request`](crate::Request) to `.await` for the async client.
    type Call<E: Endpoint>;

    /// Calls `endpoint`.
    fn call<E: Endpoint>(&self, endpoint: E) -> Self::Call<E>;
}

/// A namespace of the API on a client `C`, e.g. `seam.acs().credentials()`.
pub struct Ns<'c, C, M> {
    client: &'c C,
    _marker: PhantomData<fn() -> M>,
}

impl<'c, C, M> Ns<'c, C, M> {
    /// The namespace `M` on `client`.
    #[doc(hidden)]
    pub fn new(client: &'c C) -> Self {
        Ns {
            client,
            _marker: PhantomData,
        }
    }

    /// A child namespace.
    #[doc(hidden)]
    pub fn child<N>(&self) -> Ns<'c, C, N> {
        Ns::new(self.client)
    }

    /// The client this namespace calls through.
    pub fn client(&self) -> &'c C {
        self.client
    }
}

/// A namespace `M` on some client: what the namespaced methods' traits extend.
#[doc(hidden)]
pub trait InNs<M> {
    /// What a call returns on this client.
    type Call<E: Endpoint>;

    /// Calls `endpoint`.
    fn __call<E: Endpoint>(&self, endpoint: E) -> Self::Call<E>;
}

impl<C: Caller, M> InNs<M> for Ns<'_, C, M> {
    type Call<E: Endpoint> = C::Call<E>;

    fn __call<E: Endpoint>(&self, endpoint: E) -> C::Call<E> {
        self.client.call(endpoint)
    }
}

/// What a namespaced method of namespace `M` returns on `N`.
#[doc(hidden)]
pub type NsCall<N, M, E> = <N as InNs<M>>::Call<E>;

impl<C, M> Clone for Ns<'_, C, M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C, M> Copy for Ns<'_, C, M> {}

impl<C, M> fmt::Debug for Ns<'_, C, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Ns")
            .field(&std::any::type_name::<M>())
            .finish()
    }
}

/// The markers of Seam's namespaces, one per path prefix (`acs/credentials` is
/// [`AcsCredentials`](ns::AcsCredentials)).
pub mod ns {
    seam_macros::__define_namespaces!();
}

seam_macros::__define_namespaces!(for crate::Seam);
