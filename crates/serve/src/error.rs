//! Errors of the HTTP API and their answers: a status and `{"error": "..."}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sitrep_store::StoreError;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A parameter or body that does not parse; the message names it.
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    /// No token, or the wrong one. `basic` asks a browser to prompt for it.
    #[error("this needs the server's token: send Authorization: Bearer TOKEN")]
    Unauthorized { basic: bool },
    /// A loopback server was reached under a host name that is not loopback.
    #[error("host {0:?} is not served here; use 127.0.0.1 or localhost")]
    ForeignHost(String),
    /// A body that was read but holds nothing to store.
    #[error("{0}")]
    Unprocessable(String),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::ForeignHost(_) => StatusCode::MISDIRECTED_REQUEST,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::Store(StoreError::BadCursor { .. }) => StatusCode::BAD_REQUEST,
            ApiError::Store(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!("{self}");
        }
        let message = match &self {
            // The store's message names files; the log has it, the client gets the gist.
            ApiError::Store(StoreError::BadCursor { .. }) => self.to_string(),
            ApiError::Store(_) => "the store failed to answer; see the server's log".to_string(),
            _ => self.to_string(),
        };
        let mut res = (status, axum::Json(serde_json::json!({ "error": message }))).into_response();
        if let ApiError::Unauthorized { basic } = self {
            let challenge = if basic {
                "Basic realm=\"sitrep\", charset=\"UTF-8\""
            } else {
                "Bearer realm=\"sitrep\""
            };
            res.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(challenge),
            );
        }
        res
    }
}
