//! `new` only with `constructor`: then it takes the required fields (`impl Into` each)
//! and leaves the others omitted; without it the struct's name space is the user's own.

use seam::{Nullable, seam_endpoint};

#[seam_endpoint(POST "/acs/users/create", constructor)]
pub struct CreateUser {
    pub acs_system_id: String,
    pub full_name: String,
    pub email_address: Option<String>,
    pub phone_number: Nullable<String>,
}

#[seam_endpoint(POST "/acs/users/delete", constructor = true)]
pub struct DeleteUser {
    pub acs_user_id: String,
}

// No option: no `new`, so a struct may have one of its own.
#[seam_endpoint(POST "/acs/users/suspend")]
pub struct SuspendUser {
    pub acs_user_id: String,
    pub reason: Option<String>,
}

impl SuspendUser {
    pub fn new(acs_user_id: &str) -> Self {
        Self { acs_user_id: acs_user_id.to_owned(), reason: Some("ours".into()) }
    }
}

#[seam_endpoint(POST "/acs/users/unsuspend", constructor = false)]
pub struct UnsuspendUser {
    pub acs_user_id: String,
}

impl UnsuspendUser {
    pub fn new() -> Self {
        Self { acs_user_id: String::new() }
    }
}

fn main() {
    let create = CreateUser::new("sys", String::from("Jane"));
    assert_eq!(create.acs_system_id, "sys");
    assert_eq!(create.full_name, "Jane");
    assert_eq!(create.email_address, None);
    assert!(matches!(create.phone_number, Nullable::Omitted));
    let with_email = CreateUser { email_address: Some("j@example.com".into()), ..CreateUser::new("sys", "Jane") };
    assert_eq!(with_email.email_address.as_deref(), Some("j@example.com"));
    assert_eq!(DeleteUser::new("u").acs_user_id, "u");
    assert_eq!(SuspendUser::new("u").reason.as_deref(), Some("ours"));
    assert_eq!(UnsuspendUser::new().acs_user_id, "");
}
