//! The expansion names everything by absolute path: this crate shadows the prelude, `core`,
//! `std`, `serde` and `seam` before using the macros, and denies every warning.

#![deny(
    warnings,
    missing_docs,
    unused_qualifications,
    unreachable_pub,
    rust_2018_idioms
)]
#![allow(non_upper_case_globals)] // for `params` and `p`, names the expansion must not bind

/// Shadows `Result`.
pub type Result = ();
/// Shadows `Ok`.
pub struct Ok;
/// Shadows `Err`.
pub struct Err;
/// Shadows `Option`.
pub struct Option;
/// Shadows `Some`.
pub struct Some;
/// Shadows `None`.
pub struct None;
/// Shadows `String`.
pub struct String;
/// Shadows `Vec`.
pub struct Vec;
/// Shadows `Box`.
pub struct Box;
/// Shadows `Default`.
pub struct Default;
/// Shadows `Sized`.
pub struct Sized;
/// Shadows `Send`.
pub struct Send;
/// Shadows `Sync`.
pub struct Sync;
/// Shadows `Clone`.
pub struct Clone;
/// Shadows `Copy`.
pub struct Copy;
/// Shadows `From`.
pub struct From;
/// Shadows `Into`.
pub struct Into;
/// Shadows `Iterator`.
pub struct Iterator;
/// Shadows serde's traits.
pub struct Serialize;
/// Shadows serde's traits.
pub struct Deserialize;
/// Shadows names a careless expansion would bind or call.
pub struct Endpoint;
/// Shadows the runtime's client.
pub struct Seam;
/// A constant pattern, were the expansion to bind a parameter of this name.
pub const params: () = ();
/// The same, for a short name.
pub const p: () = ();

/// Shadows `core`.
pub mod core {}
/// Shadows `std`.
pub mod std {}
/// Shadows `serde`.
pub mod serde {}
/// Shadows `seam`.
pub mod seam {}
/// Shadows `seam_runtime`.
pub mod seam_runtime {}

::seam::namespace!(pub widgets);
::seam::namespace!(pub widgets::gizmos);

/// A response.
#[derive(::serde::Deserialize)]
pub struct Gizmo {
    /// Its id.
    pub gizmo_id: ::std::string::String,
}

/// Every kind of field, under a namespace declared above.
#[::seam::seam_endpoint(PATCH "/widgets/gizmos/{gizmo_id}/type", response = Gizmo, key = "gizmo")]
pub struct UpdateGizmo {
    /// A placeholder.
    pub gizmo_id: ::std::string::String,
    /// A header.
    #[seam(header = "x-request-source")]
    pub source: ::core::option::Option<::std::string::String>,
    /// A renamed param.
    #[seam(rename = "type")]
    pub kind: ::std::string::String,
    /// An omittable param.
    pub name: ::core::option::Option<::std::string::String>,
    /// A nullable param.
    pub note: ::seam::Nullable<::std::string::String>,
    /// A list param.
    pub tags: ::std::vec::Vec<::std::string::String>,
}

/// Under one of Seam's namespaces, with a keyword for a method and no fields.
#[::seam::seam_endpoint(POST "/devices/move")]
pub struct MoveDevices {}

/// At the root, through the runtime's attribute.
#[::seam_runtime::seam_endpoint(GET "/health")]
pub struct Health {}

async fn run(seam: ::seam::Seam) -> ::core::result::Result<(), ::seam::Error> {
    let gizmo: Gizmo = seam
        .widgets()
        .gizmos()
        .r#type(UpdateGizmo {
            gizmo_id: "g1".into(),
            source: ::core::option::Option::None,
            kind: "round".into(),
            name: ::core::option::Option::None,
            note: ::seam::Nullable::Null,
            tags: ::std::vec::Vec::new(),
        })
        .await?;
    let _ = gizmo.gizmo_id;
    seam.devices().r#move(MoveDevices {}).await?;
    seam.health(Health {}).await?;
    seam.send(MoveDevices {}).await?;
    ::core::result::Result::Ok(())
}

fn main() {
    let _: Result = ();
    let _ = (
        Ok, Err, Option, Some, None, String, Vec, Box, Default, Sized, Send, Sync,
    );
    let _ = (
        Clone,
        Copy,
        From,
        Into,
        Iterator,
        Serialize,
        Deserialize,
        Endpoint,
        Seam,
    );
    let () = params;
    let _ = run;
}
