//! Paginated list routes: first page, a page by cursor, the streams of pages and items,
//! collect-all with and without a cap, and the guard against a repeated cursor.

use std::future::poll_fn;
use std::pin::Pin;

use futures_core::Stream;
use seam::prelude::*;
use seam::{acs, devices};
use seam_fake::FakeSeam;

use crate::lines;

/// The next item of a stream.
async fn next<S: Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    poll_fn(|cx| Pin::new(&mut *stream).poll_next(cx)).await
}

/// A fake with five locks: "Front Door" and "Lock 1" to "Lock 4", in that order.
fn five_locks() -> FakeSeam {
    let fake = FakeSeam::start();
    for n in 1..=4 {
        fake.add_device(&format!("Lock {n}"));
    }
    fake
}

fn by_two() -> devices::List {
    devices::List {
        limit: Some(2.0),
        ..Default::default()
    }
}

fn names(devices: &[seam::models::Device]) -> Vec<&str> {
    devices.iter().map(|d| d.display_name.as_str()).collect()
}

const ALL: [&str; 5] = ["Front Door", "Lock 1", "Lock 2", "Lock 3", "Lock 4"];

#[tokio::test]
async fn first_page_then_pages_by_cursor() {
    let fake = five_locks();
    let seam = fake.client();
    let paginator = seam.paginate(by_two());

    let first = paginator.first_page().await.unwrap();
    assert_eq!(names(&first.items), ["Front Door", "Lock 1"]);
    assert!(first.pagination.has_next_page);
    let cursor = first.next_cursor().unwrap().to_owned();
    let url = first.pagination.next_page_url.clone().unwrap();
    assert!(
        url.starts_with(&format!("{}/devices/list?", fake.endpoint())),
        "{url}"
    );
    assert!(url.contains(&format!("page_cursor={cursor}")), "{url}");
    assert!(url.contains("limit=2"), "{url}");

    let second = paginator.page(&cursor).await.unwrap();
    assert_eq!(names(&second.items), ["Lock 2", "Lock 3"]);
    let third = paginator.page(second.next_cursor().unwrap()).await.unwrap();
    assert_eq!(names(&third.items), ["Lock 4"]);
    assert_eq!(third.next_cursor(), None);
    assert!(!third.pagination.has_next_page);

    let requests = fake.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.path == "/devices/list"));
    let query = requests[1].query.as_deref().unwrap();
    assert!(query.contains(&format!("page_cursor={cursor}")), "{query}");
    assert!(query.contains("limit=2"), "{query}");
    assert!(
        !requests[0]
            .query
            .as_deref()
            .unwrap()
            .contains("page_cursor")
    );
}

#[tokio::test]
async fn the_pages_stream_ends_after_the_last_page() {
    let fake = five_locks();
    let mut pages = fake.client().paginate(by_two()).pages();
    let mut sizes = Vec::new();
    while let Some(page) = next(&mut pages).await {
        sizes.push(page.unwrap().items.len());
    }
    assert_eq!(sizes, [2, 2, 1]);
    assert!(next(&mut pages).await.is_none());
    assert_eq!(lines(&fake).len(), 3);
}

#[tokio::test]
async fn the_items_stream_yields_every_item_in_order() {
    let fake = five_locks();
    let mut items = fake.client().paginate(by_two()).items();
    let mut seen = Vec::new();
    while let Some(device) = next(&mut items).await {
        seen.push(device.unwrap().display_name);
    }
    assert_eq!(seen, ALL);
    assert_eq!(lines(&fake).len(), 3);
}

#[tokio::test]
async fn collect_all_with_and_without_a_cap() {
    let fake = five_locks();
    let seam = fake.client();
    let all = seam.paginate(by_two()).collect_all(None).await.unwrap();
    assert_eq!(names(&all), ALL);
    assert_eq!(fake.requests().len(), 3);

    fake.clear_requests();
    let capped = seam.paginate(by_two()).collect_all(Some(3)).await.unwrap();
    assert_eq!(names(&capped), ["Front Door", "Lock 1", "Lock 2"]);
    assert_eq!(fake.requests().len(), 2, "stops fetching at the cap");

    fake.clear_requests();
    let none = seam.paginate(by_two()).collect_all(Some(0)).await.unwrap();
    assert!(none.is_empty());
    assert!(fake.requests().is_empty(), "a cap of zero fetches nothing");
}

#[tokio::test]
async fn a_repeated_cursor_is_an_error_not_a_loop() {
    let fake = five_locks();
    fake.repeat_page_cursor("/devices/list");
    let seam = fake.client();

    let mut pages = seam.paginate(by_two()).pages();
    let first = next(&mut pages).await.unwrap().unwrap();
    assert_eq!(first.items.len(), 2);
    let error = next(&mut pages).await.unwrap().unwrap_err();
    let Error::InvalidResponse(invalid) = &error else {
        panic!("expected InvalidResponse, got {error:?}");
    };
    assert_eq!(invalid.route, "GET /devices/list");
    assert!(invalid.reason.contains("twice"), "{}", invalid.reason);
    assert!(next(&mut pages).await.is_none());
    assert_eq!(fake.requests().len(), 2);

    fake.clear_requests();
    let error = seam.paginate(by_two()).collect_all(None).await.unwrap_err();
    assert!(matches!(error, Error::InvalidResponse(_)), "{error:?}");
    assert_eq!(fake.requests().len(), 2);
}

#[tokio::test]
async fn access_system_lists_paginate_the_same_way() {
    let fake = FakeSeam::start();
    for name in ["Ann", "Bob", "Cy"] {
        let user = fake.add_acs_user(fake.acs_system_id(), name);
        fake.add_acs_credential(&user, "1234");
    }
    let seam = fake.client();
    let users = seam
        .paginate(acs::users::List {
            limit: Some(1),
            ..Default::default()
        })
        .collect_all(None)
        .await
        .unwrap();
    let users: Vec<_> = users.iter().map(|u| u.display_name.as_str()).collect();
    assert_eq!(users, ["Ann", "Bob", "Cy"]);
    assert_eq!(lines(&fake), vec!["GET /acs/users/list".to_owned(); 3]);

    fake.clear_requests();
    let mut pages = seam
        .paginate(acs::credentials::List {
            limit: Some(2.0),
            ..Default::default()
        })
        .pages();
    let mut sizes = Vec::new();
    while let Some(page) = next(&mut pages).await {
        sizes.push(page.unwrap().items.len());
    }
    assert_eq!(sizes, [2, 1]);
    assert_eq!(
        lines(&fake),
        vec!["GET /acs/credentials/list".to_owned(); 2]
    );
}
