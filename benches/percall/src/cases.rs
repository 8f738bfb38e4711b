//! Every per-call case, as one function per side, shared by the criterion benches
//! (`benches/percall.rs`) and by `percall-iter`, which runs one case N times for
//! callgrind's instruction counts.
//!
//! Each case takes its params by value on both sides and drops them inside, so building
//! and freeing the params costs the same on either side (the `seam` call consumes them,
//! the hand-written call borrows them and drops them after).

use std::hint::black_box;

use bytes::Bytes;
use seam::acs::{credentials, users};
use seam::devices;
use seam::models::{AcsUser, Device};
use seam_runtime::Seam;

use crate::hand::{self, Ack, HandClient, HandError, ListDevicesParams, UnassignParams};
use crate::{AcsUsersEnvelope, Canned, DevicesEnvelope, fixtures, runtime, runtime_decode};

/// Every case id, `<group>/<case>`; each has a `seam` and a `hand` side.
pub const PAIRS: &[&str] = &[
    "build/seed",
    "build/get10",
    "call/seed",
    "call/get10",
    "call/acs_users",
    "call/devices",
    "decode/acs_users",
    "decode/devices",
];

/// The clients, params and bodies every case uses, made once.
pub struct Cases {
    rt: tokio::runtime::Runtime,
    hand: HandClient,
    seam_ack: Seam,
    seam_empty: Seam,
    seam_users: Seam,
    seam_devices: Seam,
    ack: Bytes,
    empty: Bytes,
    /// `{"ok": true, "acs_users": [..1,000..], ..}`.
    pub users: Bytes,
    /// `{"ok": true, "devices": [..1,000..], ..}`.
    pub devices: Bytes,
    /// The seed call's params.
    pub seed: credentials::Unassign,
    /// The same, hand-written.
    pub hand_seed: UnassignParams,
    /// `GET /devices/list` with ten params.
    pub get10: devices::List,
    /// The same, hand-written.
    pub hand_get10: ListDevicesParams,
    /// `GET /acs/users/list?limit=1000`.
    pub list_users: users::List,
    /// `GET /devices/list?limit=1000`.
    pub list_devices: devices::List,
    /// The same, hand-written.
    pub hand_list_devices: ListDevicesParams,
}

impl Default for Cases {
    fn default() -> Self {
        Self::new()
    }
}

/// The answer the floor's stand-in network gives: as `Canned` does for the client, the
/// request is kept alive until then and the body is handed over as it is.
async fn answer(
    request: reqwest::Request,
    body: &Bytes,
) -> Result<(http::StatusCode, Bytes), HandError> {
    black_box(&request);
    Ok((http::StatusCode::OK, body.clone()))
}

impl Cases {
    /// Builds the fixtures (the two 1,000-item bodies take a moment).
    pub fn new() -> Self {
        let ack = Bytes::from_static(br#"{"ok":true}"#);
        let empty = Bytes::from_static(br#"{"ok":true,"devices":[]}"#);
        let users = Bytes::from(fixtures::acs_users_body(1000));
        let devices = Bytes::from(fixtures::devices_body(1000));
        Cases {
            rt: runtime(),
            hand: HandClient::new(),
            seam_ack: crate::seam_client(Canned::new(ack.clone())),
            seam_empty: crate::seam_client(Canned::new(empty.clone())),
            seam_users: crate::seam_client(Canned::new(users.clone())),
            seam_devices: crate::seam_client(Canned::new(devices.clone())),
            ack,
            empty,
            users,
            devices,
            seed: fixtures::seed(),
            hand_seed: hand::seed(),
            get10: fixtures::get10(),
            hand_get10: hand::get10(),
            list_users: fixtures::list_acs_users(),
            list_devices: fixtures::list_devices(),
            hand_list_devices: ListDevicesParams {
                limit: Some(1000.0),
                ..Default::default()
            },
        }
    }

    // build/*: params to a request, nothing sent. The client's side is `seam.send(params)`,
    // which encodes at once (body or query, URL, headers) into its prepared request; the
    // hand-written side builds a `reqwest::Request`. Not like for like: the client turns
    // its request into a `reqwest::Request` later, in the transport (see call/*).

    /// `seam.send(seed)`, unsent.
    pub fn build_seed_seam(&self, p: credentials::Unassign) {
        let _ = black_box(self.seam_ack.send(p));
    }

    /// `reqwest::Request` of the seed call.
    pub fn build_seed_hand(&self, p: UnassignParams) {
        black_box(self.hand.unassign(&p));
    }

    /// `seam.send(get10)`, unsent.
    pub fn build_get10_seam(&self, p: devices::List) {
        let _ = black_box(self.seam_empty.send(p));
    }

    /// `reqwest::Request` of the ten-param `GET`.
    pub fn build_get10_hand(&self, p: ListDevicesParams) {
        black_box(self.hand.list_devices(&p));
    }

    // call/*: a whole call with the network stood in for, on a current-thread runtime.
    // Both sides end with a `reqwest::Request` handed to the network and the answer decoded.

    /// The seed call, answered `{"ok":true}`.
    pub fn call_seed_seam(&self, p: credentials::Unassign) {
        let seam = &self.seam_ack;
        self.rt.block_on(async { seam.send(p).await }).unwrap();
    }

    /// The same, hand-written.
    pub fn call_seed_hand(&self, p: UnassignParams) {
        let ack = self
            .rt
            .block_on(async {
                let request = self.hand.unassign(&p);
                self.hand
                    .call::<Ack, _, _>(request, |r| answer(r, &self.ack))
                    .await
            })
            .unwrap();
        assert!(ack.ok);
    }

    /// The ten-param `GET`, answered with no devices.
    pub fn call_get10_seam(&self, p: devices::List) {
        let seam = &self.seam_empty;
        black_box(self.rt.block_on(async { seam.send(p).await }).unwrap());
    }

    /// The same, hand-written.
    pub fn call_get10_hand(&self, p: ListDevicesParams) {
        black_box(
            self.rt
                .block_on(async {
                    let request = self.hand.list_devices(&p);
                    self.hand
                        .call::<DevicesEnvelope, _, _>(request, |r| answer(r, &self.empty))
                        .await
                })
                .unwrap(),
        );
    }

    /// `GET /acs/users/list?limit=1000`, answered with 1,000 users.
    pub fn call_acs_users_seam(&self, p: users::List) {
        let seam = &self.seam_users;
        black_box(self.rt.block_on(async { seam.send(p).await }).unwrap());
    }

    /// The same, hand-written (its params are one integer).
    pub fn call_acs_users_hand(&self, limit: i64) {
        black_box(
            self.rt
                .block_on(async {
                    let request = self.hand.list_acs_users(limit);
                    self.hand
                        .call::<AcsUsersEnvelope, _, _>(request, |r| answer(r, &self.users))
                        .await
                })
                .unwrap(),
        );
    }

    /// `GET /devices/list?limit=1000`, answered with 1,000 devices.
    pub fn call_devices_seam(&self, p: devices::List) {
        let seam = &self.seam_devices;
        black_box(self.rt.block_on(async { seam.send(p).await }).unwrap());
    }

    /// The same, hand-written.
    pub fn call_devices_hand(&self, p: ListDevicesParams) {
        black_box(
            self.rt
                .block_on(async {
                    let request = self.hand.list_devices(&p);
                    self.hand
                        .call::<DevicesEnvelope, _, _>(request, |r| answer(r, &self.devices))
                        .await
                })
                .unwrap(),
        );
    }

    // decode/*: decoding alone, from the body's bytes to the typed list.

    /// The runtime's envelope decoder into `Vec<AcsUser>`.
    pub fn decode_acs_users_seam(&self) {
        black_box(runtime_decode::<Vec<AcsUser>>(black_box(&self.users), "acs_users").unwrap());
    }

    /// `serde_json::from_slice` into a hand-written envelope holding `Vec<AcsUser>`.
    pub fn decode_acs_users_hand(&self) {
        black_box(serde_json::from_slice::<AcsUsersEnvelope>(black_box(&self.users)).unwrap());
    }

    /// The runtime's envelope decoder into `Vec<Device>`.
    pub fn decode_devices_seam(&self) {
        black_box(runtime_decode::<Vec<Device>>(black_box(&self.devices), "devices").unwrap());
    }

    /// `serde_json::from_slice` into a hand-written envelope holding `Vec<Device>`.
    pub fn decode_devices_hand(&self) {
        black_box(serde_json::from_slice::<DevicesEnvelope>(black_box(&self.devices)).unwrap());
    }

    /// Runs `<pair>/<side>` once, params built (cloned) and dropped inside, as
    /// `percall-iter` does for callgrind. `false` for an unknown id.
    pub fn run_once(&self, id: &str) -> bool {
        match id {
            "build/seed/seam" => self.build_seed_seam(self.seed.clone()),
            "build/seed/hand" => self.build_seed_hand(self.hand_seed.clone()),
            "build/get10/seam" => self.build_get10_seam(self.get10.clone()),
            "build/get10/hand" => self.build_get10_hand(self.hand_get10.clone()),
            "call/seed/seam" => self.call_seed_seam(self.seed.clone()),
            "call/seed/hand" => self.call_seed_hand(self.hand_seed.clone()),
            "call/get10/seam" => self.call_get10_seam(self.get10.clone()),
            "call/get10/hand" => self.call_get10_hand(self.hand_get10.clone()),
            "call/acs_users/seam" => self.call_acs_users_seam(self.list_users.clone()),
            "call/acs_users/hand" => self.call_acs_users_hand(black_box(1000)),
            "call/devices/seam" => self.call_devices_seam(self.list_devices.clone()),
            "call/devices/hand" => self.call_devices_hand(self.hand_list_devices.clone()),
            "decode/acs_users/seam" => self.decode_acs_users_seam(),
            "decode/acs_users/hand" => self.decode_acs_users_hand(),
            "decode/devices/seam" => self.decode_devices_seam(),
            "decode/devices/hand" => self.decode_devices_hand(),
            _ => return false,
        }
        true
    }
}
