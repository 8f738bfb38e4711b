//! A library author's crate that depends only on `seam-runtime` and declares routes the
//! project does not have: one under a namespace Seam already has, and two under a new one.

use seam_runtime::{namespace, seam_endpoint};

/// Counts the codes on a lock: a route under Seam's `access_codes` namespace.
#[seam_endpoint(GET "/access_codes/count", response = u64, key = "count")]
pub struct CountAccessCodes {
    /// The lock whose codes to count.
    pub device_id: String,
    /// Only codes of this kind.
    pub kind: Option<String>,
}

namespace!(pub widgets);

/// Spins a widget: a route under a namespace of this crate's own.
#[seam_endpoint(POST "/widgets/spin")]
pub struct SpinWidget {
    /// The widget to spin.
    pub widget_id: String,
    /// How many turns.
    pub turns: u32,
}

/// Stops a widget.
#[seam_endpoint(POST "/widgets/stop")]
pub struct StopWidget {
    /// The widget to stop.
    pub widget_id: String,
}
