//! The reader's components. Each renders part of the state it is given and reports what the
//! reader did through callbacks; only [`app::App`] holds state and performs I/O.

pub mod app;
pub mod article;
pub mod article_view;
pub mod back_matter;
pub mod issue_list;
pub mod issue_view;
pub mod landmark;
pub mod link;
pub mod masthead;
pub mod notice;
pub mod region_filter;
pub mod region_view;
pub mod search_box;
pub mod search_view;
pub mod teaser;
pub mod toolbar;
