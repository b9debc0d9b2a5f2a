//! Writing outputs so that nothing is ever half-written: a file goes to a temporary sibling and
//! is renamed over its target; a site's data folder is assembled beside its target and swapped
//! in, the old one removed only once the new one is in place.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The folder holding `path`, `.` for a bare file name.
fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to `path` atomically: an existing file is replaced whole or left untouched.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut temp = tempfile::Builder::new()
        .prefix(".lianluo-")
        .tempfile_in(parent_of(path))?;
    // Temporary files are private (0600); the output keeps the replaced file's permissions,
    // or gets the usual ones of a new file, so that others (a web server) can still read it.
    let permissions = match fs::metadata(path) {
        Ok(existing) => Some(existing.permissions()),
        Err(_) => new_file_permissions(),
    };
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Permissions of a newly written file: readable by all, writable by its owner (Unix); other
/// systems keep what the temporary file was given.
fn new_file_permissions() -> Option<fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// A data folder being assembled beside its final place.
pub struct StagedDir {
    staging: tempfile::TempDir,
    target: PathBuf,
}

impl StagedDir {
    /// Starts a folder that will replace `target` (which may not exist yet).
    pub fn new(target: &Path) -> io::Result<StagedDir> {
        let parent = parent_of(target);
        fs::create_dir_all(&parent)?;
        let staging = tempfile::Builder::new()
            .prefix(".lianluo-build-")
            .tempdir_in(&parent)?;
        // The folder is published as it is: readable by all, like its files.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(staging.path(), fs::Permissions::from_mode(0o755))?;
        }
        Ok(StagedDir {
            staging,
            target: target.to_path_buf(),
        })
    }

    /// Writes a file at `relative` (`/`-separated, no `..`) inside the staged folder.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.staging_path(relative)?;
        fs::write(path, bytes)
    }

    /// Puts at `relative` the file `unchanged`, which holds the same bytes: as a hard link when
    /// the file system allows one (no bytes written, and the file keeps its time, which
    /// `rsync`'s quick check reads), else by writing `bytes`.
    pub fn keep(&self, relative: &str, unchanged: &Path, bytes: &[u8]) -> io::Result<()> {
        let path = self.staging_path(relative)?;
        fs::hard_link(unchanged, &path).or_else(|_| fs::write(path, bytes))
    }

    /// Where `relative` (`/`-separated, no `..`) lies inside the staged folder, its folder made.
    fn staging_path(&self, relative: &str) -> io::Result<PathBuf> {
        let safe = !relative.is_empty()
            && !relative.starts_with('/')
            && relative
                .split('/')
                .all(|part| !part.is_empty() && part != "." && part != "..");
        if !safe {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the data folder: {relative:?}"),
            ));
        }
        let path = self.staging.path().join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        Ok(path)
    }

    /// Puts the staged folder in place of the target. The old target is first moved aside,
    /// and moved back if the new folder cannot take its place.
    pub fn commit(self) -> io::Result<()> {
        let staged = self.staging.keep();
        let target = &self.target;
        if !target.exists() {
            return fs::rename(&staged, target).inspect_err(|_| {
                let _ = fs::remove_dir_all(&staged);
            });
        }
        let aside = tempfile::Builder::new()
            .prefix(".lianluo-old-")
            .tempdir_in(parent_of(target))?
            .keep();
        // `aside` exists as an empty folder; renaming a folder onto an empty one works on Unix,
        // elsewhere remove it first.
        fs::remove_dir(&aside)?;
        fs::rename(target, &aside).inspect_err(|_| {
            let _ = fs::remove_dir_all(&staged);
        })?;
        if let Err(e) = fs::rename(&staged, target) {
            let _ = fs::rename(&aside, target);
            let _ = fs::remove_dir_all(&staged);
            return Err(e);
        }
        fs::remove_dir_all(&aside)
    }
}
