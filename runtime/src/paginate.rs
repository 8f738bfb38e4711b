//! Paginated list routes: pages by cursor, as a stream of pages or of items, or all at once.

use std::collections::HashSet;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::Deserialize;

use crate::client::Seam;
use crate::endpoint::Endpoint;
use crate::error::{Error, InvalidResponse};
use crate::transport::BoxFuture;

/// A list route that pages with `page_cursor` and answers with `pagination`.
///
/// `#[seam_endpoint(.., paginated)]` implements it; the params struct needs a
/// `page_cursor` field.
pub trait Paginated: Endpoint + Clone + Send + 'static
where
    Self::Response: Send,
{
    /// Asks for the page at `cursor` instead of the first.
    fn set_page_cursor(&mut self, cursor: String);
}

/// Where a list continues, as the API reports it next to a page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Pagination {
    /// Whether there is a page after this one.
    #[serde(default)]
    pub has_next_page: bool,
    /// The cursor of the next page.
    #[serde(default)]
    pub next_page_cursor: Option<String>,
    /// The next page's URL.
    #[serde(default)]
    pub next_page_url: Option<String>,
}

/// One page of a list route.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    /// The items of this page (the route's response, e.g. `Vec<Device>`).
    pub items: T,
    /// Where the list continues; keep [`next_page_cursor`](Pagination::next_page_cursor)
    /// to resume later with [`Paginator::page`].
    pub pagination: Pagination,
}

impl<T> Page<T> {
    /// The cursor of the next page, when there is one.
    pub fn next_cursor(&self) -> Option<&str> {
        if self.pagination.has_next_page {
            self.pagination.next_page_cursor.as_deref()
        } else {
            None
        }
    }
}

/// Pages through a list route: `seam.paginate(params)`.
///
/// ```no_run
/// # use seam_runtime::{Paginated, Seam};
/// # async fn run<E>(seam: Seam, params: E) -> Result<(), seam_runtime::Error>
/// # where E: Paginated, E::Response: IntoIterator + Send, <E::Response as IntoIterator>::Item: Send + 'static {
/// // One page, and where the next one starts.
/// let first = seam.paginate(params.clone()).first_page().await?;
/// if let Some(cursor) = first.next_cursor() {
///     let _second = seam.paginate(params.clone()).page(cursor).await?;
/// }
/// // Everything, up to a cap.
/// let all = seam.paginate(params).collect_all(Some(10_000)).await?;
/// # Ok(()) }
/// ```
pub struct Paginator<E: Paginated>
where
    E::Response: Send,
{
    client: Seam,
    params: E,
}

impl<E: Paginated> fmt::Debug for Paginator<E>
where
    E::Response: Send,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginator")
            .field("route", &E::META.route())
            .finish_non_exhaustive()
    }
}

impl<E: Paginated> Paginator<E>
where
    E::Response: Send,
{
    pub(crate) fn new(client: Seam, params: E) -> Self {
        Paginator { client, params }
    }

    /// The first page.
    pub async fn first_page(&self) -> Result<Page<E::Response>, Error> {
        fetch(self.client.clone(), self.params.clone(), None).await
    }

    /// The page at `cursor` (from a page's [`next_cursor`](Page::next_cursor)).
    pub async fn page(&self, cursor: &str) -> Result<Page<E::Response>, Error> {
        fetch(
            self.client.clone(),
            self.params.clone(),
            Some(cursor.to_owned()),
        )
        .await
    }

    /// Every page, in order. The stream ends after the last page, or with an error if the
    /// API hands back a cursor it already gave (which would loop forever).
    pub fn pages(self) -> Pages<E> {
        Pages {
            client: self.client,
            params: self.params,
            next: Some(None),
            seen: HashSet::new(),
            in_flight: None,
        }
    }

    /// Every item of every page, in order.
    pub fn items(self) -> Items<E>
    where
        E::Response: IntoIterator,
    {
        Items {
            pages: self.pages(),
            current: None,
        }
    }

    /// Every item of every page, stopping after `cap` items when given.
    pub async fn collect_all(
        self,
        cap: Option<usize>,
    ) -> Result<Vec<<E::Response as IntoIterator>::Item>, Error>
    where
        E::Response: IntoIterator,
    {
        let mut all = Vec::new();
        if cap == Some(0) {
            return Ok(all);
        }
        let mut pages = self.pages();
        while let Some(page) = std::future::poll_fn(|cx| Pin::new(&mut pages).poll_next(cx)).await {
            for item in page?.items {
                if cap.is_some_and(|cap| all.len() >= cap) {
                    return Ok(all);
                }
                all.push(item);
            }
            if cap.is_some_and(|cap| all.len() >= cap) {
                return Ok(all);
            }
        }
        Ok(all)
    }
}

/// Fetches one page: the generic part is setting the cursor and decoding.
fn fetch<E: Paginated>(
    client: Seam,
    mut params: E,
    cursor: Option<String>,
) -> BoxFuture<'static, Result<Page<E::Response>, Error>>
where
    E::Response: Send,
{
    if let Some(cursor) = cursor {
        params.set_page_cursor(cursor);
    }
    let request = client.send(params);
    Box::pin(request.into_page())
}

/// The stream of [`Paginator::pages`].
#[must_use = "streams do nothing unless polled"]
pub struct Pages<E: Paginated>
where
    E::Response: Send,
{
    client: Seam,
    params: E,
    /// The cursor of the next page to fetch (`Some(None)` is the first page); `None` when
    /// done.
    next: Option<Option<String>>,
    seen: HashSet<String>,
    in_flight: Option<BoxFuture<'static, Result<Page<E::Response>, Error>>>,
}

impl<E: Paginated> fmt::Debug for Pages<E>
where
    E::Response: Send,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("route", &E::META.route())
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl<E: Paginated> Unpin for Pages<E> where E::Response: Send {}

impl<E: Paginated> Stream for Pages<E>
where
    E::Response: Send,
{
    type Item = Result<Page<E::Response>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.in_flight.is_none() {
            let Some(cursor) = this.next.take() else {
                return Poll::Ready(None);
            };
            this.in_flight = Some(fetch(this.client.clone(), this.params.clone(), cursor));
        }
        let Some(in_flight) = this.in_flight.as_mut() else {
            return Poll::Ready(None);
        };
        let result = match in_flight.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        this.in_flight = None;
        let page = match result {
            Ok(page) => page,
            Err(error) => return Poll::Ready(Some(Err(error))),
        };
        if let Some(cursor) = page.next_cursor() {
            if !this.seen.insert(cursor.to_owned()) {
                return Poll::Ready(Some(Err(Error::InvalidResponse(Box::new(
                    InvalidResponse {
                        status: http::StatusCode::OK,
                        route: E::META.route(),
                        reason: format!(
                            "the API returned the page cursor `{cursor}` twice; stopping instead of looping"
                        ),
                        snippet: String::new(),
                        request_id: None,
                        attempts: 1,
                    },
                )))));
            }
            this.next = Some(Some(cursor.to_owned()));
        }
        Poll::Ready(Some(Ok(page)))
    }
}

/// The stream of [`Paginator::items`].
#[must_use = "streams do nothing unless polled"]
pub struct Items<E: Paginated>
where
    E::Response: Send + IntoIterator,
{
    pages: Pages<E>,
    current: Option<<E::Response as IntoIterator>::IntoIter>,
}

impl<E: Paginated> fmt::Debug for Items<E>
where
    E::Response: Send + IntoIterator,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}

impl<E: Paginated> Unpin for Items<E> where E::Response: Send + IntoIterator {}

impl<E: Paginated> Stream for Items<E>
where
    E::Response: Send + IntoIterator,
{
    type Item = Result<<E::Response as IntoIterator>::Item, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.current.as_mut().and_then(Iterator::next) {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Ok(page))) => this.current = Some(page.items.into_iter()),
            }
        }
    }
}
