//! The floor: the same calls written by hand with reqwest and serde, as a careful user
//! would write them without any framework. Same wire requests byte for byte (the benches
//! check that once before timing), same decoded types.

use std::future::Future;

use bytes::Bytes;
use http::HeaderValue;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{API_KEY, ENDPOINT};

/// The seed call's params.
#[derive(Clone, Serialize)]
pub struct UnassignParams {
    /// Required.
    pub acs_credential_id: String,
    /// Optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acs_user_id: Option<String>,
    /// Optional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_identity_id: Option<String>,
}

/// `GET /devices/list`'s params, as a hand-written client would type them.
#[derive(Clone, Default)]
pub struct ListDevicesParams {
    pub connected_account_id: Option<String>,
    pub connected_account_ids: Option<Vec<String>>,
    pub customer_key: Option<String>,
    pub device_ids: Option<Vec<String>>,
    pub device_type: Option<&'static str>,
    pub limit: Option<f64>,
    pub manufacturer: Option<&'static str>,
    pub search: Option<String>,
    pub space_id: Option<String>,
    pub user_identifier_key: Option<String>,
}

/// The seed call's params, as [`crate::fixtures::seed`] has them.
pub fn seed() -> UnassignParams {
    let s = crate::fixtures::seed();
    UnassignParams {
        acs_credential_id: s.acs_credential_id,
        acs_user_id: s.acs_user_id,
        user_identity_id: s.user_identity_id,
    }
}

/// The ten params of [`crate::fixtures::get10`].
pub fn get10() -> ListDevicesParams {
    let g = crate::fixtures::get10();
    ListDevicesParams {
        connected_account_id: g.connected_account_id,
        connected_account_ids: g.connected_account_ids,
        customer_key: g.customer_key,
        device_ids: g.device_ids,
        device_type: Some("august_lock"),
        limit: g.limit,
        manufacturer: Some("august"),
        search: g.search,
        space_id: g.space_id,
        user_identifier_key: g.user_identifier_key,
    }
}

/// What went wrong, for the hand-written calls.
#[derive(Debug)]
pub enum HandError {
    /// reqwest refused the request.
    Request(reqwest::Error),
    /// An error status.
    Status(http::StatusCode),
    /// The body did not decode.
    Json(serde_json::Error),
}

/// A hand-written client: reqwest, the headers Seam wants, serde.
pub struct HandClient {
    http: reqwest::Client,
    base: String,
    auth: HeaderValue,
    sdk_name: HeaderValue,
    sdk_version: HeaderValue,
}

impl Default for HandClient {
    fn default() -> Self {
        Self::new()
    }
}

impl HandClient {
    /// A client of `ENDPOINT`, with redirects off as the runtime has them.
    pub fn new() -> Self {
        Self::with_base(ENDPOINT)
    }

    /// A client of `base`.
    pub fn with_base(base: &str) -> Self {
        Self::with_base_and_timeout(base, None)
    }

    /// A client of `base` whose requests time out after `timeout` (reqwest's own timer),
    /// as the `seam` client's do after 30 s by default.
    pub fn with_base_and_timeout(base: &str, timeout: Option<std::time::Duration>) -> Self {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
        let mut builder = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
        if let Some(timeout) = timeout {
            builder = builder.timeout(timeout);
        }
        let http = builder.build().expect("a client");
        let mut auth = HeaderValue::try_from(format!("Bearer {API_KEY}")).expect("a header");
        auth.set_sensitive(true);
        HandClient {
            http,
            base: base.trim_end_matches('/').to_owned(),
            auth,
            sdk_name: HeaderValue::from_static(seam_runtime::SDK_NAME),
            sdk_version: HeaderValue::from_static(seam_runtime::SDK_VERSION),
        }
    }

    /// The underlying reqwest client.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    fn headers(&self, builder: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        builder
            .header(AUTHORIZATION, self.auth.clone())
            .header("seam-sdk-name", self.sdk_name.clone())
            .header("seam-sdk-version", self.sdk_version.clone())
    }

    /// `PATCH /acs/credentials/unassign` with a JSON body.
    pub fn unassign(&self, params: &UnassignParams) -> reqwest::Request {
        let body = serde_json::to_vec(params).expect("JSON");
        self.headers(
            self.http
                .patch(format!("{}/acs/credentials/unassign", self.base)),
        )
        .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
        .body(body)
        .build()
        .expect("a request")
    }

    /// `GET /devices/list` with Seam's query string: names sorted, arrays repeated,
    /// `_strict=true` last. Written out field by field, in order, as a hand-written
    /// client knows its params at compile time.
    pub fn list_devices(&self, p: &ListDevicesParams) -> reqwest::Request {
        let mut url = reqwest::Url::parse(&format!("{}/devices/list", self.base)).expect("a URL");
        {
            let mut q = url.query_pairs_mut();
            if let Some(v) = &p.connected_account_id {
                q.append_pair("connected_account_id", v);
            }
            for v in p.connected_account_ids.iter().flatten() {
                q.append_pair("connected_account_ids", v);
            }
            if let Some(v) = &p.customer_key {
                q.append_pair("customer_key", v);
            }
            for v in p.device_ids.iter().flatten() {
                q.append_pair("device_ids", v);
            }
            if let Some(v) = p.device_type {
                q.append_pair("device_type", v);
            }
            if let Some(v) = p.limit {
                q.append_pair("limit", &v.to_string());
            }
            if let Some(v) = p.manufacturer {
                q.append_pair("manufacturer", v);
            }
            if let Some(v) = &p.search {
                q.append_pair("search", v);
            }
            if let Some(v) = &p.space_id {
                q.append_pair("space_id", v);
            }
            if let Some(v) = &p.user_identifier_key {
                q.append_pair("user_identifier_key", v);
            }
            q.append_pair("_strict", "true");
        }
        self.headers(self.http.get(url)).build().expect("a request")
    }

    /// `GET /acs/users/list?limit=..`.
    pub fn list_acs_users(&self, limit: i64) -> reqwest::Request {
        let mut url = reqwest::Url::parse(&format!("{}/acs/users/list", self.base)).expect("a URL");
        url.query_pairs_mut()
            .append_pair("limit", &limit.to_string())
            .append_pair("_strict", "true");
        self.headers(self.http.get(url)).build().expect("a request")
    }

    /// Sends `request` through `send` (the network, or a stand-in for it) and decodes
    /// a success body into `T`; an error status is an error.
    pub async fn call<T, F, Fut>(&self, request: reqwest::Request, send: F) -> Result<T, HandError>
    where
        T: DeserializeOwned,
        F: FnOnce(reqwest::Request) -> Fut,
        Fut: Future<Output = Result<(http::StatusCode, Bytes), HandError>>,
    {
        let (status, body) = send(request).await?;
        if !status.is_success() {
            return Err(HandError::Status(status));
        }
        serde_json::from_slice(&body).map_err(HandError::Json)
    }

    /// Sends `request` over the network with reqwest and decodes the answer into `T`.
    pub async fn execute<T: DeserializeOwned>(
        &self,
        request: reqwest::Request,
    ) -> Result<T, HandError> {
        self.call(request, |request| async move {
            let response = self
                .http
                .execute(request)
                .await
                .map_err(HandError::Request)?;
            let status = response.status();
            let body = response.bytes().await.map_err(HandError::Request)?;
            Ok((status, body))
        })
        .await
    }
}

/// `{"ok": true}` and nothing else needed: what a void route answers.
#[derive(serde::Deserialize)]
pub struct Ack {
    /// Always `true` on success.
    pub ok: bool,
}
