//! Reliability: the client against servers that fail on purpose (the fault matrix), under
//! load, and with hostile input (security); plus property tests of the code the fuzz
//! targets in `fuzz/` run for longer. `RELIABILITY.md` lists every case and its outcome.

mod load;
mod matrix;
mod props;
mod props_query;
mod props_webhook;
mod security;
mod server;
mod wire;

#[path = "../support/alone.rs"]
mod alone;
#[path = "../support/capture.rs"]
mod capture;
#[path = "../support/query_oracle.rs"]
mod query_oracle;
pub(crate) use alone::run_alone;

use std::time::Duration;

use seam::{Seam, SeamBuilder, namespace, seam_endpoint};
use serde::Deserialize;

/// The API key every test client uses; no output may ever show it.
pub(crate) const TOKEN: &str = "seam_faults_k3y_d0_not_print";

namespace!(pub widgets);

/// What the test routes answer with.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct Widget {
    pub(crate) widget_id: String,
}

/// An idempotent, typed route.
#[seam_endpoint(GET "/widgets/get", response = Widget, key = "widget")]
#[derive(Debug, Clone)]
pub(crate) struct GetWidget {
    pub(crate) widget_id: String,
}

/// A non-idempotent, typed route.
#[seam_endpoint(POST "/widgets/create", response = Widget, key = "widget")]
#[derive(Debug, Clone)]
pub(crate) struct CreateWidget {
    pub(crate) name: String,
}

/// A non-idempotent, void route.
#[seam_endpoint(POST "/widgets/poke")]
#[derive(Debug, Clone)]
pub(crate) struct PokeWidget {
    pub(crate) widget_id: String,
}

/// A route with a placeholder in its path.
#[seam_endpoint(GET "/widgets/{widget_id}/describe", response = Widget, key = "widget")]
#[derive(Debug, Clone)]
pub(crate) struct DescribeWidget {
    pub(crate) widget_id: String,
}

/// A paginated route.
#[seam_endpoint(GET "/widgets/list", response = Vec<Widget>, key = "widgets", paginated)]
#[derive(Debug, Clone, Default)]
pub(crate) struct ListWidgets {
    pub(crate) page_cursor: Option<String>,
}

/// A builder for a client of `endpoint` with [`TOKEN`] and a timeout that no healthy
/// loopback call comes near.
pub(crate) fn builder(endpoint: &str) -> SeamBuilder {
    Seam::builder()
        .api_key(TOKEN)
        .endpoint(endpoint)
        .timeout(Duration::from_secs(20))
}

pub(crate) fn client(endpoint: &str) -> Seam {
    builder(endpoint).build().unwrap()
}

/// The `GET` every matrix case sends.
pub(crate) fn get() -> GetWidget {
    GetWidget {
        widget_id: "w1".into(),
    }
}

/// The `POST` every matrix case sends.
pub(crate) fn create() -> CreateWidget {
    CreateWidget {
        name: "gizmo".into(),
    }
}

/// The success body of the widget routes.
pub(crate) const WIDGET: &str = r#"{"ok":true,"widget":{"widget_id":"w1"}}"#;
