//! Reading a source file whole (an issue's text, Word document or JSON), within bounds: a file
//! far larger than any issue, or one that never ends (a device, a pipe), is refused before
//! it can fill the memory.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use lianluo_core::diagnostic::Message;

/// The largest source file read: 64 MiB. An issue's text, Word document or JSON is well under
/// 1 MB (a 15 MB text still converts, in the tests); the limit bounds the memory a run can
/// take, which is a few times the largest file. Sensible from some MiB to a few hundred.
pub const MAX_SOURCE_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The message refusing a file over [`MAX_SOURCE_FILE_BYTES`].
fn too_large() -> Message {
    let mb = MAX_SOURCE_FILE_BYTES / (1024 * 1024);
    Message::new(
        "file-too-large",
        format!("the file is larger than {mb} MB; expected an issue's text, Word document or JSON, which are well under 1 MB"),
    )
    .arg("mb", mb)
}

/// The bytes of the file at `path`, or why they were not read: it cannot be, or it is larger
/// than [`MAX_SOURCE_FILE_BYTES`]. The length the file system gives is checked first; the
/// reading stops one byte past the limit all the same, for files whose length it does not
/// know (or that grow meanwhile).
pub fn read_source_file(path: &Path) -> Result<Vec<u8>, Message> {
    let cannot_read = |e: std::io::Error| {
        Message::new("file-cannot-read", format!("cannot read the file: {e}")).arg("reason", e)
    };
    let file = File::open(path).map_err(cannot_read)?;
    let length = file.metadata().map_err(cannot_read)?.len();
    if length > MAX_SOURCE_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(length).unwrap_or_default());
    file.take(MAX_SOURCE_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_SOURCE_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}
