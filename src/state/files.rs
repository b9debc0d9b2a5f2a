//! The reader's one file cache: every data file it has asked for, keyed by what the file is,
//! whether it is on its way, here, or could not be had.
//!
//! The reducer decides which files are wanted ([`State::files_to_fetch`](super::State)); one
//! effect fetches them and reports each back as [`Action::FileArrived`](super::Action); one
//! action forgets the failures so that they are fetched again.

use std::collections::HashMap;
use std::rc::Rc;

use lianluo_core::{volumes, ArchiveIndex, Issue};

use super::lookup::Lookup;
use crate::error::LoadError;
use crate::search_index::{SearchIndex, ShardFile};

/// What a data file is: the reader knows how to fetch and read each kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FileKey {
    /// `index.json`, at the address the host's markup gives.
    Index,
    /// A volume of older issues that the index names, by its path relative to `index.json`.
    Volume(String),
    /// An issue file, by issue id.
    Issue(String),
    /// The search manifest.
    Manifest,
    /// A search shard, by its path relative to `index.json`.
    Shard(String),
}

/// A data file that arrived, read into the model.
#[derive(Debug, Clone, PartialEq)]
pub enum File {
    /// The archive index, with where each issue and article is in it: worked out once, when
    /// the file is read ([`File::index`]), not by each state that shows it.
    Index(Rc<ArchiveIndex>, Rc<Lookup>),
    /// A volume of the archive index, until every volume is here and joined to the index.
    Volume(Rc<ArchiveIndex>),
    /// One issue.
    Issue(Rc<Issue>),
    /// The search manifest, read by the search engine.
    Manifest(Rc<SearchIndex>),
    /// One search shard.
    Shard(Rc<ShardFile>),
}

impl File {
    /// The archive index as the cache holds it.
    pub fn index(archive: Rc<ArchiveIndex>) -> File {
        let lookup = Rc::new(Lookup::of(&archive));
        File::Index(archive, lookup)
    }
}

/// Something that is being fetched, has arrived, or could not be had.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    /// Requested, not yet here.
    Pending,
    /// Here.
    Ready(T),
    /// Could not be loaded; the reader says why.
    Failed(LoadError),
}

impl<T> Load<T> {
    /// The value, when it has arrived.
    pub fn ready(&self) -> Option<&T> {
        match self {
            Load::Ready(value) => Some(value),
            _ => None,
        }
    }

    /// Whether it arrived or failed: nothing more will happen to it unless retried.
    pub fn settled(&self) -> bool {
        !matches!(self, Load::Pending)
    }
}

/// Every file asked for so far.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Files {
    entries: HashMap<FileKey, Load<File>>,
}

impl Files {
    /// The file's load, once it was asked for.
    pub fn get(&self, key: &FileKey) -> Option<&Load<File>> {
        self.entries.get(key)
    }

    /// Records that the file is on its way (or arrived, or failed).
    pub fn set(&mut self, key: FileKey, load: Load<File>) {
        self.entries.insert(key, load);
    }

    /// How many files are on their way.
    pub fn in_flight(&self) -> usize {
        self.entries.values().filter(|load| !load.settled()).count()
    }

    /// Forgets the failures among `keys`, so that they count as never asked for.
    pub fn forget_failed<'a>(&mut self, keys: impl IntoIterator<Item = &'a FileKey>) {
        for key in keys {
            if matches!(self.entries.get(key), Some(Load::Failed(_))) {
                self.entries.remove(key);
            }
        }
    }

    /// The archive index, once it arrived with every volume it names.
    pub fn archive(&self) -> Option<&Rc<ArchiveIndex>> {
        match self.entries.get(&FileKey::Index)? {
            Load::Ready(File::Index(index, _)) if index.is_whole() => Some(index),
            _ => None,
        }
    }

    /// The volumes named by the index that arrived, while they are not yet joined to it.
    pub fn volumes_wanted(&self) -> Vec<FileKey> {
        match self.entries.get(&FileKey::Index) {
            Some(Load::Ready(File::Index(index, _))) => (index.volumes.iter().flatten())
                .map(|path| FileKey::Volume(path.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Once the index and every volume it names are here, makes them one archive index: the
    /// volumes' issues after the index's own.
    pub fn join_volumes(&mut self) {
        let Some(Load::Ready(File::Index(index, _))) = self.entries.get(&FileKey::Index) else {
            return;
        };
        let mut volumes = Vec::new();
        for key in self.volumes_wanted() {
            match self.entries.get(&key) {
                Some(Load::Ready(File::Volume(volume))) => volumes.push(volume.as_ref().clone()),
                _ => return,
            }
        }
        if volumes.is_empty() {
            return;
        }
        let joined = volumes::join(index.as_ref().clone(), volumes);
        for key in self.volumes_wanted() {
            self.entries.remove(&key);
        }
        let file = File::index(Rc::new(joined));
        self.entries.insert(FileKey::Index, Load::Ready(file));
    }

    /// Where each issue and article of the archive index is, once the index arrived.
    pub fn lookup(&self) -> Option<&Rc<Lookup>> {
        match self.entries.get(&FileKey::Index)? {
            Load::Ready(File::Index(_, lookup)) => Some(lookup),
            _ => None,
        }
    }

    /// The archive index's load, once asked for: pending until its volumes are joined to it,
    /// and failed when one of them failed.
    pub fn index(&self) -> Option<Load<Rc<ArchiveIndex>>> {
        Some(match self.entries.get(&FileKey::Index)? {
            Load::Pending => Load::Pending,
            Load::Failed(error) => Load::Failed(error.clone()),
            Load::Ready(File::Index(index, _)) if index.is_whole() => Load::Ready(index.clone()),
            Load::Ready(_) => {
                let failed = self.volumes_wanted().into_iter().find_map(|key| {
                    match self.entries.get(&key) {
                        Some(Load::Failed(error)) => Some(error.clone()),
                        _ => None,
                    }
                });
                failed.map_or(Load::Pending, Load::Failed)
            }
        })
    }

    /// An issue file's load, once asked for.
    pub fn issue(&self, id: &str) -> Option<Load<Rc<Issue>>> {
        self.typed(&FileKey::Issue(id.to_owned()), |file| match file {
            File::Issue(issue) => Some(issue.clone()),
            _ => None,
        })
    }

    /// The search manifest's load, once asked for.
    pub fn manifest(&self) -> Option<Load<Rc<SearchIndex>>> {
        self.typed(&FileKey::Manifest, |file| match file {
            File::Manifest(manifest) => Some(manifest.clone()),
            _ => None,
        })
    }

    /// A search shard's load, once asked for.
    pub fn shard(&self, path: &str) -> Option<Load<Rc<ShardFile>>> {
        self.typed(&FileKey::Shard(path.to_owned()), |file| match file {
            File::Shard(shard) => Some(shard.clone()),
            _ => None,
        })
    }

    /// A key's load as the type its kind holds. The reducer stores each kind under its own
    /// key only, so the mismatch arm cannot be reached; it reads as "not asked for".
    fn typed<T>(&self, key: &FileKey, pick: impl Fn(&File) -> Option<T>) -> Option<Load<T>> {
        match self.entries.get(key)? {
            Load::Pending => Some(Load::Pending),
            Load::Failed(error) => Some(Load::Failed(error.clone())),
            Load::Ready(file) => pick(file).map(Load::Ready),
        }
    }
}
