//! Response handling: arbitrary status, headers and body for a void, a typed and a
//! paginated route give a result or a typed error that describes the answer, never a
//! panic. The crate-private decoding is reached through the public API, with a
//! `Transport` that returns the fuzzed response.
#![no_main]

use arbitrary::Arbitrary;
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use libfuzzer_sys::fuzz_target;
use seam::{BoxFuture, Error, Seam, Transport, TransportError, devices};

#[derive(Debug, Arbitrary)]
struct Input {
    route: u8,
    status: u16,
    headers: Vec<(u8, Vec<u8>)>,
    body: Vec<u8>,
}

#[derive(Debug, Clone)]
struct Canned {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Transport for Canned {
    fn send(
        &self,
        _: seam::HttpRequest,
    ) -> BoxFuture<'_, Result<http::Response<Bytes>, TransportError>> {
        let mut response = http::Response::new(self.body.clone());
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        Box::pin(std::future::ready(Ok(response)))
    }
}

const NAMES: [&str; 6] = [
    "seam-request-id",
    "retry-after",
    "content-type",
    "content-length",
    "location",
    "x-other",
];

thread_local! {
    static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
}

fuzz_target!(|input: Input| {
    let Ok(status) = StatusCode::from_u16(input.status) else {
        return;
    };
    let mut headers = HeaderMap::new();
    for (name, value) in input.headers {
        if let Ok(value) = HeaderValue::from_bytes(&value) {
            let name = NAMES[usize::from(name) % NAMES.len()];
            headers.append(HeaderName::from_static(name), value);
        }
    }
    let canned = Canned {
        status,
        headers,
        body: Bytes::from(input.body),
    };
    let seam = Seam::builder()
        .api_key("seam_k")
        .endpoint("http://127.0.0.1:1")
        .transport(canned.clone())
        .max_retries(0)
        .timeout(None)
        .build()
        .unwrap();
    let outcome = RUNTIME.with(|rt| {
        rt.block_on(async {
            match input.route % 3 {
                0 => seam
                    .send(devices::ReportProviderMetadata { devices: vec![] })
                    .await
                    .map(drop),
                1 => seam
                    .send(devices::Get {
                        device_id: Some("d1".into()),
                        name: None,
                    })
                    .await
                    .map(drop),
                _ => seam
                    .paginate(devices::List::default())
                    .first_page()
                    .await
                    .map(drop),
            }
        })
    });
    check(&canned, outcome);
});

/// What holds of every answer: a success only for 2xx; otherwise the error that fits
/// the status, carrying it, one attempt, and the header's request id.
fn check(canned: &Canned, outcome: Result<(), Error>) {
    let status = canned.status;
    let error = match outcome {
        Ok(()) => {
            assert!(status.is_success(), "{status} taken for a success");
            return;
        }
        Err(error) => error,
    };
    let text = error.to_string();
    let _ = format!("{error:?}");
    let fits = match &error {
        Error::InvalidResponse(_) => status.is_success(),
        Error::Unauthorized { .. } => status == StatusCode::UNAUTHORIZED,
        Error::Api(_) | Error::InvalidInput(_) | Error::Http(_) => {
            !status.is_success() && status != StatusCode::UNAUTHORIZED
        }
        _ => false,
    };
    assert!(fits, "{status} gave {error:?}");
    assert_eq!(error.status(), Some(status));
    assert_eq!(error.attempts(), Some(1));
    let header_id = canned
        .headers
        .get("seam-request-id")
        .and_then(|v| v.to_str().ok());
    if let Some(id) = header_id {
        assert_eq!(error.request_id(), Some(id));
        assert!(text.contains(id), "{text}");
    }
}
