//! The folder a build replaces, as the build reads it: the last build's archive index, search
//! manifest, issue files and shards, so that the search index can carry over the segments of
//! issues that did not change. Whatever cannot be read is simply not carried over.

use std::fs;
use std::path::{Path, PathBuf};

use lianluo_core::search::{Manifest, MANIFEST_PATH};
use lianluo_core::{volumes, ArchiveIndex};

use crate::site::DATA_DIR;

/// The data of the last build in the folder a build writes to.
pub struct PreviousData {
    /// Its data folder: the folder itself (a data-only build) or its `data/` (a whole site).
    dir: PathBuf,
    /// Its `index.json`.
    pub archive: ArchiveIndex,
    /// Its search manifest.
    pub manifest: Manifest,
}

impl PreviousData {
    /// The last build's data in `out`, whichever kind of build wrote it; `None` when there
    /// is none or its index or manifest cannot be read.
    pub fn read(out: &Path) -> Option<PreviousData> {
        [out.join(DATA_DIR), out.to_path_buf()]
            .into_iter()
            .find_map(|dir| {
                let archive = read_archive(&dir)?;
                let manifest =
                    serde_json::from_slice(&fs::read(dir.join(MANIFEST_PATH)).ok()?).ok()?;
                Some(PreviousData {
                    dir,
                    archive,
                    manifest,
                })
            })
    }

    /// A file of the last build's data, by its path relative to `index.json`.
    pub fn file(&self, path: &str) -> Option<Vec<u8>> {
        fs::read(self.dir.join(path)).ok()
    }
}

/// The whole archive index in the data folder `dir`: `index.json` and its volumes.
fn read_archive(dir: &Path) -> Option<ArchiveIndex> {
    let read = |path: &str| -> Option<ArchiveIndex> {
        serde_json::from_slice(&fs::read(dir.join(path)).ok()?).ok()
    };
    let index = read("index.json")?;
    let paths = index.volumes.clone().unwrap_or_default();
    let volumes = paths
        .iter()
        .map(|path| read(path))
        .collect::<Option<Vec<_>>>()?;
    Some(volumes::join(index, volumes))
}
