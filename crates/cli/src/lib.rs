//! The reading side of `lianluo`: a file's bytes to text (`decode`), and JSON to a checked
//! issue or archive index with located diagnostics (`load`). Nothing here does I/O or prints.
//!
//! It is a library, beside the `lianluo` binary that uses it, so that the fuzz targets in
//! `fuzz/` run exactly the code `convert`, `validate` and `build` run on editors' files.

pub mod decode;
pub mod json_location;
pub mod load;
