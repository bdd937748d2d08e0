//! How to render a site beyond its model and theme: the options a build, a check or the
//! preview chooses. Plain data.

/// How to render, beyond the site and theme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// A review copy: a banner on every page, `review.html`, and no indexing by search
    /// engines. Never for publication.
    pub review: bool,
}
