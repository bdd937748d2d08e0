//! Why a command failed: the errors at the library's boundary, as types a caller can match
//! on (the command line picks its exit code by them; tests assert on them) rather than
//! strings. Content problems are a [`Report`] of diagnostics with their files and positions;
//! the rest say what could not be done and carry the underlying error as their source.
//!
//! Nothing here decides whether something failed; the stages do, and hand their failure up.

use crate::diag::Report;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The content (or theme) has errors; warnings are included.
    #[error("{}", .0.lines().join("\n"))]
    Content(Report),
    /// The command cannot run as asked.
    #[error(transparent)]
    Usage(#[from] Usage),
    /// Reading or writing failed for a reason outside the content.
    #[error(transparent)]
    Io(#[from] IoFailure),
}

/// A command that cannot run as asked: the user can fix the command line.
#[derive(Debug, thiserror::Error)]
pub enum Usage {
    #[error("the site folder {} does not exist", .0.display())]
    NoSiteFolder(PathBuf),
    /// An output folder opvolg will not write into, with the reason.
    #[error("{0}")]
    OutputRefused(String),
    #[error("the site has no page {0}")]
    NoSuchPage(String),
    #[error("{0} is a file of the site, not a page")]
    NotAPage(String),
    #[error("a project opened to render once cannot be updated")]
    UpdateAfterOnce,
    #[error("could not listen on {address}: {source}; choose another port with --port")]
    CannotListen {
        address: SocketAddr,
        source: std::io::Error,
    },
}

/// What could not be read or written. Errors from the file system name their path (fs-err).
#[derive(Debug, thiserror::Error)]
pub enum IoFailure {
    #[error("{0}")]
    Read(#[source] std::io::Error),
    #[error("{0}")]
    Write(#[source] std::io::Error),
    #[error("could not start the server: {0}")]
    StartServer(#[source] std::io::Error),
    #[error("the server stopped: {0}")]
    Server(#[source] std::io::Error),
    #[error("could not write the page's context as JSON: {0}")]
    Json(#[from] serde_json::Error),
}
