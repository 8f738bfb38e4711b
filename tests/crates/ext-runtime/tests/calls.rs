//! The crate's own routes, called through the same client as Seam's, namespaced, over
//! loopback.

use seam_ext_runtime::{
    CountAccessCodes, CountAccessCodesExt, SpinWidget, SpinWidgetExt, StopWidget, StopWidgetExt,
    WidgetsNsAccess,
};
use seam_fake::FakeSeam;
use seam_runtime::{Error, Seam};

fn client(fake: &FakeSeam) -> Seam {
    Seam::builder()
        .api_key(fake.api_key())
        .endpoint(fake.endpoint())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_route_under_a_seam_namespace() {
    let fake = FakeSeam::start();
    fake.respond_once(
        "/access_codes/count",
        200,
        "application/json",
        r#"{"ok":true,"count":3}"#,
    );
    let seam = client(&fake);
    let count = seam
        .access_codes()
        .count(CountAccessCodes {
            device_id: "d 1".into(),
            kind: None,
        })
        .await
        .unwrap();
    assert_eq!(count, 3);

    let request = &fake.requests()[0];
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/access_codes/count");
    assert_eq!(request.query.as_deref(), Some("device_id=d+1&_strict=true"));
    assert_eq!(
        request.header("authorization"),
        Some(&*format!("Bearer {}", fake.api_key()))
    );
}

#[tokio::test]
async fn routes_under_a_namespace_of_its_own() {
    let fake = FakeSeam::start();
    fake.respond_once("/widgets/spin", 200, "application/json", r#"{"ok":true}"#);
    fake.respond_once(
        "/widgets/stop",
        404,
        "application/json",
        r#"{"ok":false,"error":{"type":"widget_not_found","message":"No such widget"}}"#,
    );
    let seam = client(&fake);
    seam.widgets()
        .spin(SpinWidget {
            widget_id: "w1".into(),
            turns: 3,
        })
        .await
        .unwrap();
    let error = seam
        .widgets()
        .stop(StopWidget {
            widget_id: "w2".into(),
        })
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Api(api) if api.error_type == "widget_not_found"),
        "{error:?}"
    );

    let requests = fake.requests();
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].body_text(), r#"{"widget_id":"w1","turns":3}"#);
    assert_eq!(requests[1].path, "/widgets/stop");
}
#[test]
fn the_routes_are_in_the_registry() {
    let routes: Vec<String> = seam_runtime::endpoints()
        .iter()
        .map(|e| e.route())
        .collect();
    for route in [
        "GET /access_codes/count",
        "POST /widgets/spin",
        "POST /widgets/stop",
    ] {
        assert!(
            routes.iter().any(|r| r == route),
            "{route} missing from {routes:?}"
        );
    }
}
