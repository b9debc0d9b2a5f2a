//! What a build changes in its output folder, compared with the build it replaces: the files to
//! upload (added or changed) and those gone, listed in the new folder for an upload tool
//! (`rsync --files-from`, a script around `ossutil` or `aws s3 cp`, an FTP client's queue;
//! docs/hosting.md shows each).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

/// The list of files added or changed since the previous build, one path a line, relative to
/// the output folder, `/`-separated, after one comment line starting with `#`.
pub const UPLOAD_LIST: &str = ".lianluo-upload.txt";

/// The list of files the previous build wrote and this one does not, in the same form.
pub const REMOVED_LIST: &str = ".lianluo-removed.txt";

/// How a build's files differ from those of the folder it replaces.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files the previous folder did not have.
    pub added: Vec<String>,
    /// Files whose bytes differ.
    pub changed: Vec<String>,
    /// Files of the previous folder that this build does not write.
    pub removed: Vec<String>,
    /// The bytes of the added and changed files: what an upload sends.
    pub upload_bytes: u64,
    /// Whether there was a previous folder to compare with.
    pub had_previous: bool,
}

impl Changes {
    /// The upload list's text: a comment line, then every added or changed file by path, the
    /// entry files ([`ENTRY_FILES`]) last, so that a tool working down the list never publishes
    /// a page before the files it points to.
    pub fn upload_list(&self) -> String {
        list(
            "# lianluo build: files added or changed since the previous build",
            self.added.iter().chain(&self.changed),
        )
    }

    /// The removed list's text.
    pub fn removed_list(&self) -> String {
        list(
            "# lianluo build: files of the previous build this one no longer writes",
            &self.removed,
        )
    }
}

/// The files whose names stay the same from build to build and which point to the others: the
/// standalone page and the loader (with their compressed siblings).
const ENTRY_FILES: [&str; 2] = ["index.html", "lianluo.js"];

/// Whether `path` is one of [`ENTRY_FILES`] or a sibling of one.
fn is_entry(path: &str) -> bool {
    ENTRY_FILES.iter().any(|entry| {
        path == *entry
            || path
                .strip_prefix(entry)
                .is_some_and(|rest| rest.starts_with('.'))
    })
}

fn list<'a>(comment: &str, paths: impl IntoIterator<Item = &'a String>) -> String {
    let mut sorted: Vec<&String> = paths.into_iter().collect();
    sorted.sort_by_key(|path| (is_entry(path), path.as_str()));
    let mut text = format!("{comment}\n");
    for path in sorted {
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// Compares `files` (relative paths with their bytes) with the folder `previous`, which may not
/// exist; the files named in `ignored` (the marker, the lists) count on neither side.
pub fn compare(
    previous: &Path,
    files: &[(String, Vec<u8>)],
    ignored: &[&str],
) -> io::Result<Changes> {
    let mut changes = Changes::default();
    let mut old = BTreeSet::new();
    if previous.is_dir() {
        changes.had_previous = true;
        collect(previous, "", &mut old)?;
    }
    for (path, bytes) in files {
        if ignored.contains(&path.as_str()) {
            continue;
        }
        if !old.remove(path) {
            changes.added.push(path.clone());
        } else if !same_bytes(&previous.join(path), bytes)? {
            changes.changed.push(path.clone());
        } else {
            continue;
        }
        changes.upload_bytes += bytes.len() as u64;
    }
    changes.removed = old
        .into_iter()
        .filter(|path| !ignored.contains(&path.as_str()))
        .collect();
    Ok(changes)
}

/// Whether the file at `path` holds exactly `bytes` (its length is checked first).
fn same_bytes(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if fs::metadata(path)?.len() != bytes.len() as u64 {
        return Ok(false);
    }
    Ok(fs::read(path)? == bytes)
}

/// Every file under `dir`, by its `/`-separated path after `prefix`.
fn collect(dir: &Path, prefix: &str, into: &mut BTreeSet<String>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{prefix}{name}");
        if entry.file_type()?.is_dir() {
            collect(&entry.path(), &format!("{path}/"), into)?;
        } else {
            into.insert(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> (String, Vec<u8>) {
        (path.to_owned(), text.as_bytes().to_vec())
    }

    #[test]
    fn added_changed_kept_and_removed_files_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("data/issues")).unwrap();
        fs::write(dir.path().join("data/index.json"), "[1]").unwrap();
        fs::write(dir.path().join("data/issues/1.json"), "one").unwrap();
        fs::write(dir.path().join("data/issues/old.json"), "gone").unwrap();
        fs::write(dir.path().join(".lianluo-site"), "marker").unwrap();
        let files = [
            file("data/index.json", "[1,2]"),
            file("data/issues/1.json", "one"),
            file("data/issues/2.json", "two"),
            file(".lianluo-site", "marker, again"),
        ];
        let changes = compare(dir.path(), &files, &[".lianluo-site"]).unwrap();
        assert_eq!(changes.added, ["data/issues/2.json"]);
        assert_eq!(changes.changed, ["data/index.json"]);
        assert_eq!(changes.removed, ["data/issues/old.json"]);
        assert_eq!(changes.upload_bytes, 5 + 3);
        assert!(changes.had_previous);
        assert_eq!(
            changes.upload_list(),
            "# lianluo build: files added or changed since the previous build\n\
             data/index.json\ndata/issues/2.json\n"
        );
    }

    #[test]
    fn the_entry_files_come_last_in_the_upload_list() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            file("index.html", "<p>"),
            file("index.html.gz", "gz"),
            file("lianluo.js", "import"),
            file("lianluo-0123456789.js", "glue"),
            file("data/index.json", "[]"),
        ];
        let changes = compare(&dir.path().join("absent"), &files, &[]).unwrap();
        let listed: Vec<String> = changes
            .upload_list()
            .lines()
            .skip(1)
            .map(str::to_owned)
            .collect();
        assert_eq!(
            listed,
            [
                "data/index.json",
                "lianluo-0123456789.js",
                "index.html",
                "index.html.gz",
                "lianluo.js"
            ]
        );
    }

    #[test]
    fn without_a_previous_folder_everything_is_added() {
        let dir = tempfile::tempdir().unwrap();
        let files = [file("index.html", "<p>"), file("data/index.json", "[]")];
        let changes = compare(&dir.path().join("absent"), &files, &[]).unwrap();
        assert_eq!(changes.added.len(), 2);
        assert!(changes.changed.is_empty() && changes.removed.is_empty());
        assert!(!changes.had_previous);
    }
}
