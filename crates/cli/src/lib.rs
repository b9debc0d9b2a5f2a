//! The reading side of `lianluo`: a file's bytes to text (`decode`), a Word document's
//! paragraphs (`docx`), a PDF's paragraphs rebuilt from its text layer (`pdf`), JSON to a checked issue or archive index with located diagnostics
//! (`load`), a source file's bytes within bounds (`source_file`), and the message catalogue
//! they speak through (`i18n`). Nothing here prints.
//!
//! It is a library, beside the `lianluo` binary that uses it, so that the fuzz targets in
//! `fuzz/` run exactly the code `convert`, `validate` and `build` run on editors' files.

pub mod decode;
pub mod docx;
pub mod i18n;
pub mod json_location;
pub mod load;
pub mod pdf;
pub mod source_file;
