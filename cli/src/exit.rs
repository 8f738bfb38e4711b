//! Exit codes, one per kind of failure, and the one-line error a failed command prints.

use std::fmt;
use std::process::ExitCode;

use seam::Error;

/// How `seam` exits: `0` on success, and a code per kind of failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Exit {
    /// `0`: done.
    Success = 0,
    /// `1`: anything else (output could not be written, the fake could not start).
    Failure = 1,
    /// `2`: the command line is wrong (unknown command, missing or invalid flag), or the
    /// params cannot form a request.
    Usage = 2,
    /// `3`: configuration: no or conflicting credentials, a malformed token, a bad
    /// endpoint, or a route that does not accept this kind of credentials.
    Config = 3,
    /// `4`: Seam rejected the credentials (HTTP 401).
    Unauthorized = 4,
    /// `5`: Seam rejected the request (HTTP 400, `invalid_input` and other 400 errors).
    InvalidInput = 5,
    /// `6`: any other error Seam reported (`*_not_found`, rate limits, a failed action
    /// attempt).
    Api = 6,
    /// `7`: an HTTP error without Seam's error body, a 5xx, or a response that is not
    /// what the route promises.
    Http = 7,
    /// `8`: no answer: connection refused or reset, timeout, TLS.
    Transport = 8,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The kind of failure `error` is.
    pub fn of(error: &Error) -> Exit {
        match error {
            Error::InvalidOptions(_) | Error::InvalidToken(_) | Error::AuthNotAccepted(_) => {
                Exit::Config
            }
            Error::InvalidRequest(_) => Exit::Usage,
            Error::Unauthorized { .. } => Exit::Unauthorized,
            Error::InvalidInput(_) => Exit::InvalidInput,
            Error::Api(api) if api.status.as_u16() == 400 => Exit::InvalidInput,
            Error::Api(api) if api.status.is_server_error() => Exit::Http,
            Error::Api(_) | Error::ActionAttemptFailed(_) | Error::ActionAttemptTimedOut(_) => {
                Exit::Api
            }
            Error::Http(_) | Error::InvalidResponse(_) => Exit::Http,
            Error::Transport(_) => Exit::Transport,
            _ => Exit::Failure,
        }
    }

    /// The table `seam --help` shows.
    pub fn table() -> &'static str {
        "Exit codes:\n  \
         0  success\n  \
         1  other failure (output could not be written, the fake could not start)\n  \
         2  usage: unknown command, missing or invalid flag, params that form no request\n  \
         3  configuration: no or conflicting credentials, bad token or endpoint, auth mode the route refuses\n  \
         4  unauthorized: Seam rejected the credentials (HTTP 401)\n  \
         5  invalid input: Seam rejected the request (HTTP 400)\n  \
         6  other API error: not found, rate limited, action attempt failed\n  \
         7  HTTP error: 5xx, an error body that is not Seam's, an invalid response\n  \
         8  transport: connection refused or reset, timeout, TLS"
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

/// A failed command: how to exit, and the one line to print on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// How to exit.
    pub exit: Exit,
    /// What went wrong, on one line.
    pub message: String,
}

impl Failure {
    /// A failure of kind `exit`.
    pub fn new(exit: Exit, message: impl Into<String>) -> Failure {
        Failure {
            exit,
            message: message.into(),
        }
    }
}

impl From<Error> for Failure {
    /// The error's own line (it names the API's error type, status and request id), with
    /// the error type in front when the line does not already say it.
    fn from(error: Error) -> Failure {
        let text = error.to_string();
        let message = match error.error_type() {
            Some(kind) if !text.contains(kind) => format!("{kind}: {text}"),
            _ => text,
        };
        Failure::new(Exit::of(&error), message)
    }
}

impl fmt::Display for Failure {
    /// `error: <message>`, on one line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line: String = self
            .message
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        write!(f, "error: {line}")
    }
}
