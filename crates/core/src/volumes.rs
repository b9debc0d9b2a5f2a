//! The archive index in volumes: the oldest issues are moved out of `index.json` into volume
//! files of a fixed number of issues each, counted from the oldest. A new issue then changes
//! `index.json` alone, which lists at most a volume's worth of issues, and the volumes stay
//! byte for byte what they were: named by their content, they are cached for good and never
//! uploaded again.
//!
//! A volume is itself an archive index (its title and issues, nothing else), so the reader
//! and the check program read it as they read `index.json`.

use crate::model::{ArchiveIndex, VOLUMES_FORMAT_VERSION};

/// How many issues a volume holds: `index.json` lists fewer than this many, at about 650
/// bytes each. Smaller volumes mean a smaller `index.json` to upload and fetch, more files for
/// a reader's first visit to fetch. Range 64–1,024.
pub const ISSUES_PER_VOLUME: usize = 256;

/// Where the volumes go, relative to `index.json`.
pub const VOLUMES_DIR: &str = "volumes";

/// `archive` (newest first, as built) split into the index that lists its newest issues and
/// the volumes holding the others, newest volume first: every volume holds `per_volume`
/// issues, and the index the rest (fewer than `per_volume`). With fewer issues than that
/// there are no volumes and the index is `archive` itself. The index's
/// [`volumes`](ArchiveIndex::volumes) is left for the caller to fill with the volumes' paths.
pub fn split(archive: &ArchiveIndex, per_volume: usize) -> (ArchiveIndex, Vec<ArchiveIndex>) {
    let per_volume = per_volume.max(1);
    let kept = archive.issues.len() % per_volume;
    if kept == archive.issues.len() {
        return (archive.clone(), Vec::new());
    }
    let volumes = archive.issues[kept..]
        .chunks(per_volume)
        .map(|issues| ArchiveIndex {
            format_version: VOLUMES_FORMAT_VERSION,
            title: archive.title.clone(),
            issues: issues.to_vec(),
            regions: Vec::new(),
            search: None,
            volumes: None,
        })
        .collect();
    let index = ArchiveIndex {
        format_version: VOLUMES_FORMAT_VERSION,
        issues: archive.issues[..kept].to_vec(),
        ..archive.clone()
    };
    (index, volumes)
}

/// The whole archive again: `index` with the issues of its volumes (read from the files it
/// names, in its order) after its own, and no volumes.
pub fn join(
    mut index: ArchiveIndex,
    volumes: impl IntoIterator<Item = ArchiveIndex>,
) -> ArchiveIndex {
    for volume in volumes {
        index.issues.extend(volume.issues);
    }
    index.volumes = None;
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::build_archive_index;
    use crate::test_support::{article, bare_issue, paragraph, region};
    use crate::Issue;

    fn issues(count: u32) -> Vec<Issue> {
        (1..=count)
            .map(|n| {
                let id = format!("2000-{n}");
                let date = format!("2000-{n:02}-01");
                let place = region("湘潭市", "湘潭市", None);
                let body = article(&format!("{id}-1"), "标题", place, vec![paragraph("正文")]);
                bare_issue(&id, &date, vec![body])
            })
            .collect()
    }

    fn ids(archive: &ArchiveIndex) -> Vec<&str> {
        archive
            .issues
            .iter()
            .map(|issue| issue.id.as_str())
            .collect()
    }

    #[test]
    fn full_volumes_are_counted_from_the_oldest_and_join_back_into_the_archive() {
        let archive = build_archive_index(&issues(10));
        let (index, volumes) = split(&archive, 4);
        assert_eq!(ids(&index), ["2000-10", "2000-9"]);
        assert_eq!(index.format_version, VOLUMES_FORMAT_VERSION);
        assert_eq!(
            index.regions, archive.regions,
            "the counts stay archive-wide"
        );
        let volume_ids: Vec<Vec<&str>> = volumes.iter().map(ids).collect();
        assert_eq!(
            volume_ids,
            [
                ["2000-8", "2000-7", "2000-6", "2000-5"],
                ["2000-4", "2000-3", "2000-2", "2000-1"],
            ]
        );
        assert!(volumes
            .iter()
            .all(|v| v.regions.is_empty() && v.search.is_none()));
        let joined = join(index, volumes);
        assert_eq!(joined.issues, archive.issues);
        assert_eq!(joined.volumes, None);
    }

    #[test]
    fn a_new_issue_leaves_every_volume_as_it_was() {
        let before = split(&build_archive_index(&issues(9)), 4).1;
        let after = split(&build_archive_index(&issues(10)), 4).1;
        assert_eq!(before, after);
        let filled = split(&build_archive_index(&issues(12)), 4).1;
        assert_eq!(filled.len(), 3, "a full index becomes a volume");
        assert_eq!(filled[1..], after[..]);
    }

    #[test]
    fn an_archive_smaller_than_a_volume_is_not_split() {
        let archive = build_archive_index(&issues(3));
        let (index, volumes) = split(&archive, 4);
        assert_eq!(index, archive);
        assert!(volumes.is_empty());
    }
}
