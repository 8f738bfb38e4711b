//! A namespace Seam does not have, declared one level at a time, with two endpoints
//! under it; and a new level under one of Seam's own namespaces.

use seam::{Seam, namespace, seam_endpoint};

namespace!(pub widgets);
namespace!(pub widgets::gizmos);
namespace!(pub(crate) acs::widgets);

#[seam_endpoint(POST "/widgets/gizmos/spin")]
pub struct SpinGizmo {
    pub gizmo_id: String,
}

#[seam_endpoint(POST "/widgets/gizmos/stop", response = bool, key = "stopped")]
pub struct StopGizmo {
    pub gizmo_id: String,
}

#[seam_endpoint(GET "/widgets/list")]
pub struct ListWidgets {}

#[seam_endpoint(POST "/acs/widgets/attach")]
pub(crate) struct AttachWidget {
    pub(crate) acs_system_id: String,
}

async fn run(seam: Seam) -> Result<(), seam::Error> {
    seam.widgets()
        .gizmos()
        .spin(SpinGizmo {
            gizmo_id: "g1".into(),
        })
        .await?;
    let stopped: bool = seam
        .widgets()
        .gizmos()
        .stop(StopGizmo {
            gizmo_id: "g1".into(),
        })
        .await?;
    let _ = stopped;
    seam.widgets().list(ListWidgets {}).await?;
    seam.acs()
        .widgets()
        .attach(AttachWidget {
            acs_system_id: "s1".into(),
        })
        .await?;
    Ok(())
}

fn main() {
    let _ = run;
}
