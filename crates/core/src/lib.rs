//! The core of the 联络动态 reader: the data model, and the pure logic shared by the publishing
//! tool and the browser reader. Nothing here does I/O or touches a browser.

pub mod model;

pub mod archive;
pub mod calendar;
pub mod diagnostic;
pub mod gazetteer;
pub mod numerals;
pub mod parse;
pub mod search;
pub mod tally;
#[cfg(feature = "test-support")]
pub mod test_support;
pub mod text;
pub mod validate;
pub mod volumes;

pub use model::*;
