//! The seed call, end to end: unassign a credential from an access system user.
//!
//! ```sh
//! cargo run --example quickstart
//! ```
//!
//! With no `SEAM_API_KEY` in the environment it starts the in-process fake Seam server,
//! creates an access system user and a credential, assigns it, lists, unassigns it with
//! `seam.acs().credentials().unassign(..)`, and lists again.
//!
//! With `SEAM_API_KEY` (and optionally `SEAM_ENDPOINT`) set it talks to that server and
//! only reads, unless you name what to change:
//!
//! ```sh
//! SEAM_API_KEY=seam_… cargo run --example quickstart -- <acs_credential_id> <acs_user_id>
//! ```

use seam::acs::{credentials, systems, users};
use seam::models::AccessMethodKind;
use seam::prelude::*;
use seam_fake::FakeSeam;

#[tokio::main]
async fn main() {
    if let Err(error) = run().await {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if std::env::var_os("SEAM_API_KEY").is_some() {
        let seam = Seam::from_env()?;
        println!("Using {} from SEAM_API_KEY.", seam.endpoint());
        return match args.as_slice() {
            [credential, user] => unassign_on_real_server(&seam, credential, user).await,
            [] => read_only_tour(&seam).await,
            _ => Err(Error::InvalidOptions(
                "expected no arguments, or `<acs_credential_id> <acs_user_id>`".into(),
            )),
        };
    }

    let fake = FakeSeam::start();
    println!(
        "No SEAM_API_KEY: started the fake Seam server at {}.",
        fake.endpoint()
    );
    let seam = fake.client();

    let systems = seam.acs().systems().list(systems::List::default()).await?;
    let system = &systems[0];
    println!(
        "1. Found access system {:?} ({}).",
        system.name, system.acs_system_id
    );

    let user = seam
        .acs()
        .users()
        .create(users::Create {
            email_address: Some("jane@example.com".into()),
            ..users::Create::new(&*system.acs_system_id, "Jane Doe")
        })
        .await?;
    println!(
        "2. Created user {:?} ({}).",
        user.display_name, user.acs_user_id
    );

    let credential = seam
        .acs()
        .credentials()
        .create(credentials::Create {
            acs_system_id: Some(system.acs_system_id.clone()),
            code: Some("1234".into()),
            ..credentials::Create::new(AccessMethodKind::Code)
        })
        .await?;
    println!(
        "3. Created credential {:?} ({}), held by no one.",
        credential.code.as_deref().unwrap_or(""),
        credential.acs_credential_id
    );

    seam.acs()
        .credentials()
        .assign(credentials::Assign {
            acs_user_id: Some(user.acs_user_id.clone()),
            ..credentials::Assign::new(&*credential.acs_credential_id)
        })
        .await?;
    println!("4. Assigned it to {}.", user.display_name);

    list_held(&seam, &user.acs_user_id, 5).await?;

    seam.acs()
        .credentials()
        .unassign(credentials::Unassign {
            acs_credential_id: credential.acs_credential_id.clone(),
            acs_user_id: Some(user.acs_user_id.clone()),
            user_identity_id: None,
        })
        .await?;
    println!("6. Unassigned it: PATCH /acs/credentials/unassign answered void.");

    list_held(&seam, &user.acs_user_id, 7).await?;

    let unassign = fake
        .requests()
        .into_iter()
        .find(|r| r.path == "/acs/credentials/unassign")
        .expect("the fake recorded the unassign call");
    println!(
        "\nOn the wire: {} {} {}",
        unassign.method,
        unassign.path,
        unassign.body_text()
    );
    Ok(())
}

/// Lists the credentials a user holds, as step `step`.
async fn list_held(seam: &Seam, acs_user_id: &str, step: u32) -> Result<(), Error> {
    let held = seam
        .acs()
        .credentials()
        .list(credentials::List {
            acs_user_id: Some(acs_user_id.to_owned()),
            ..Default::default()
        })
        .await?;
    let ids: Vec<&str> = held.iter().map(|c| c.acs_credential_id.as_str()).collect();
    println!(
        "{step}. The user holds {} credential(s): {ids:?}.",
        held.len()
    );
    Ok(())
}

/// Against a real workspace: reads, and changes only what the command line names.
async fn unassign_on_real_server(seam: &Seam, credential: &str, user: &str) -> Result<(), Error> {
    list_held(seam, user, 1).await?;
    seam.acs()
        .credentials()
        .unassign(credentials::Unassign {
            acs_credential_id: credential.to_owned(),
            acs_user_id: Some(user.to_owned()),
            user_identity_id: None,
        })
        .await?;
    println!("2. Unassigned {credential} from {user}.");
    list_held(seam, user, 3).await
}

/// Against a real workspace with no IDs given: lists, changes nothing.
async fn read_only_tour(seam: &Seam) -> Result<(), Error> {
    let systems = seam.acs().systems().list(systems::List::default()).await?;
    println!("1. {} access system(s).", systems.len());
    let users = seam.acs().users().list(users::List::default()).await?;
    println!("2. {} access system user(s).", users.len());
    let credentials = seam
        .acs()
        .credentials()
        .list(credentials::List::default())
        .await?;
    println!("3. {} credential(s).", credentials.len());
    println!("Pass `<acs_credential_id> <acs_user_id>` to unassign one.");
    Ok(())
}
