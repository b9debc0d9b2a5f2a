//! What `lianluo build` writes, once every issue is read: the data (index, issue files, search
//! index, the views as HTML, static pages, sitemap and feed), each file's `.gz` sibling, and
//! with a reader the whole site around it — all into a staged folder swapped in whole.

use std::collections::HashSet;
use std::io::Write as _;
use std::path::Path;

use lianluo_core::archive::{build_archive_index, issue_path};
use lianluo_core::search::{update_index, IndexUpdate, PreviousIndex, ShardLayout, MANIFEST_PATH};
use lianluo_core::volumes::{self, ISSUES_PER_VOLUME, VOLUMES_DIR};
use lianluo_core::{ArchiveIndex, Issue};

use crate::build::across_cores;
use crate::carried_reader::Reader;
use crate::changes::{compare, Changes, REMOVED_LIST, UPLOAD_LIST};
use crate::feeds::{feed, sitemap};
use crate::output::StagedDir;
use crate::previous_site::PreviousData;
use crate::replace_guard::{SITE_MARKER, SITE_MARKER_CONTENT};
use crate::static_html::{is_shared_page, render_site, HtmlFile, PageSettings};

/// The data folder inside a whole site, where the standalone page and the static pages'
/// default `--reader-script` expect it.
pub const DATA_DIR: &str = "data";

/// How much a build wrote, and what changed since the build it replaced.
pub struct Written {
    /// Files written (the marker and the change lists aside).
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// The files to upload and those gone, compared with the folder replaced.
    pub changes: Changes,
    /// The search index's segments now.
    pub search_segments: usize,
    /// How many of the last build's search segments were merged or written anew.
    pub search_rewritten: usize,
}

/// Writes the archive into a staged folder and swaps it in for `out`: with `reader`, a whole
/// site with the data in [`DATA_DIR`]; without, the data folder alone.
pub fn write_site(
    issues: &[Issue],
    out: &Path,
    settings: &PageSettings,
    reader: Option<&Reader>,
) -> std::io::Result<Written> {
    let mut archive = build_archive_index(issues);
    archive.search = Some(MANIFEST_PATH.to_string());
    let issue_files = issues
        .iter()
        .map(|issue| Ok((issue_path(&issue.id), serde_json::to_vec(issue)?)))
        .collect::<std::io::Result<Vec<(String, Vec<u8>)>>>()?;
    let (search, kept) = search_index(&archive, issues, &issue_files, out);
    let html = render_in_parallel(&archive, issues, settings)?;
    let mut data = index_in_volumes(&archive)?;
    data.extend(issue_files);
    for file in search.files {
        data.push((file.path, file.bytes));
    }
    data.extend(kept);
    if let Some(site) = settings.site_url {
        data.push(("sitemap.xml".into(), sitemap(&archive, site).into_bytes()));
        let publisher = issues.iter().find(|issue| {
            archive
                .issues
                .first()
                .is_some_and(|newest| newest.id == issue.id)
        });
        let publisher = publisher.map_or("", |issue| issue.publisher.as_str());
        data.push((
            "feed.xml".into(),
            feed(&archive, site, publisher).into_bytes(),
        ));
    }
    let page = reader.and_then(|reader| {
        let newest = html.iter().find(|file| file.path == NEWEST_VIEW)?;
        reader.standalone_page(&newest.text)
    });
    data.extend(
        html.into_iter()
            .map(|file| (file.path, file.text.into_bytes())),
    );
    let mut files: Vec<(String, Vec<u8>)> = match reader {
        Some(_) => data
            .into_iter()
            .map(|(path, bytes)| (format!("{DATA_DIR}/{path}"), bytes))
            .collect(),
        None => data,
    };
    files.extend(page.map(|page| (STANDALONE_PAGE.to_owned(), page.into_bytes())));
    let siblings = gzip_siblings(&files, out);
    files.extend(siblings);
    let assets = reader.into_iter().flat_map(Reader::assets);
    files.extend(assets.map(|(path, bytes)| (path.to_owned(), bytes.to_vec())));

    let changes = compare(out, &files, &[SITE_MARKER, UPLOAD_LIST, REMOVED_LIST])?;
    let staged = StagedDir::new(out)?;
    // Written first, it marks the folder as this tool's, to be replaced by the next build; in
    // the staged folder it arrives with the swap, never on a folder half written.
    staged.write(SITE_MARKER, SITE_MARKER_CONTENT.as_bytes())?;
    staged.write(UPLOAD_LIST, changes.upload_list().as_bytes())?;
    staged.write(REMOVED_LIST, changes.removed_list().as_bytes())?;
    let mut written = Written {
        files: 0,
        bytes: 0,
        changes,
        search_segments: search.segments,
        search_rewritten: search.rewritten,
    };
    let to_upload: HashSet<&str> = (written.changes.added.iter())
        .chain(&written.changes.changed)
        .map(String::as_str)
        .collect();
    for (path, bytes) in &files {
        if written.changes.had_previous && !to_upload.contains(path.as_str()) {
            staged.keep(path, &out.join(path), bytes)?;
        } else {
            staged.write(path, bytes)?;
        }
        written.files += 1;
        written.bytes += bytes.len() as u64;
    }
    staged.commit()?;
    Ok(written)
}

/// `index.json` and its volumes (see [`lianluo_core::volumes`]), each volume named by its
/// content so that it can be cached for good.
fn index_in_volumes(archive: &ArchiveIndex) -> serde_json::Result<Vec<(String, Vec<u8>)>> {
    let (mut index, volumes) = volumes::split(archive, ISSUES_PER_VOLUME);
    let mut files = Vec::with_capacity(volumes.len() + 1);
    for volume in &volumes {
        let bytes = serde_json::to_vec(volume)?;
        let mut crc = flate2::Crc::new();
        crc.update(&bytes);
        let path = format!("{VOLUMES_DIR}/{:08x}.json", crc.sum());
        files.push((path, bytes));
    }
    if !volumes.is_empty() {
        index.volumes = Some(files.iter().map(|(path, _)| path.clone()).collect());
    }
    files.insert(0, ("index.json".into(), serde_json::to_vec(&index)?));
    Ok(files)
}

/// The search index of `archive`, carrying over from the last build in `out` the segments of
/// issues whose files (`issue_files`) are byte for byte what they were; with the files of the
/// segments kept, read from there. Anything of the last build that cannot be read makes the
/// whole index anew.
fn search_index(
    archive: &ArchiveIndex,
    issues: &[Issue],
    issue_files: &[(String, Vec<u8>)],
    out: &Path,
) -> (IndexUpdate, Vec<(String, Vec<u8>)>) {
    let layout = ShardLayout::default();
    let Some(previous) = PreviousData::read(out) else {
        return (update_index(archive, issues, None, layout), Vec::new());
    };
    let unchanged_ids: HashSet<&str> = issues
        .iter()
        .zip(issue_files)
        .filter(|(_, (path, bytes))| previous.file(path).as_ref() == Some(bytes))
        .map(|(issue, _)| issue.id.as_str())
        .collect();
    let unchanged = |id: &str| unchanged_ids.contains(id);
    let last = PreviousIndex {
        manifest: &previous.manifest,
        archive: &previous.archive,
        unchanged: &unchanged,
    };
    let update = update_index(archive, issues, Some(&last), layout);
    let kept: Option<Vec<(String, Vec<u8>)>> = update
        .kept
        .iter()
        .map(|path| Some((path.clone(), previous.file(path)?)))
        .collect();
    match kept {
        Some(kept) => (update, kept),
        None => (update_index(archive, issues, None, layout), Vec::new()),
    }
}

/// The standalone page at the site's top.
const STANDALONE_PAGE: &str = "index.html";

/// The newest issue's view among the rendered files, which the standalone page holds.
const NEWEST_VIEW: &str = "view/latest.html";

/// A `.gz` sibling (`path.gz`) of each of `files` that it makes smaller, compressed across
/// the cores: static servers send it instead of compressing on every request
/// (docs/hosting.md). The reader's own files come with their siblings already. A file the
/// build in `previous` wrote with the same bytes keeps that build's sibling.
fn gzip_siblings(files: &[(String, Vec<u8>)], previous: &Path) -> Vec<(String, Vec<u8>)> {
    let runs = across_cores(files, |_, part| {
        part.iter()
            .filter_map(|(path, bytes)| {
                let name = format!("{path}.gz");
                if let Some(kept) = kept_sibling(previous, path, bytes) {
                    return Some((name, kept));
                }
                let packed = gzip(bytes);
                (packed.len() < bytes.len()).then_some((name, packed))
            })
            .collect()
    });
    runs.into_iter().flatten().flatten().collect()
}

/// The `.gz` sibling the build in `previous` wrote for `path`, when it wrote the same `bytes`
/// there: the gzip is deterministic, so it is what compressing again would give, read in a
/// fraction of the time (compressing is most of a large archive's build).
fn kept_sibling(previous: &Path, path: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let old = std::fs::read(previous.join(path)).ok()?;
    if old != bytes {
        return None;
    }
    std::fs::read(previous.join(format!("{path}.gz"))).ok()
}

/// `bytes` gzipped at [`GZIP_LEVEL`], with no name or time in the header, so that the same
/// bytes always give the same file.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder =
        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(GZIP_LEVEL));
    encoder
        .write_all(bytes)
        .expect("writing to a Vec cannot fail");
    encoder.finish().expect("writing to a Vec cannot fail")
}

/// The gzip level of the data's siblings: 0 (stored) to 9 (smallest, slowest). 9 costs the
/// build little on files of this size and every reader gains from it.
const GZIP_LEVEL: u32 = 9;

/// The site's HTML, the issues shared out over the available cores (each run renders its
/// issues' pages; the archive page and the shell come from the first run alone).
fn render_in_parallel(
    archive: &ArchiveIndex,
    issues: &[Issue],
    settings: &PageSettings,
) -> std::io::Result<Vec<HtmlFile>> {
    let runs = across_cores(issues, |at, part| {
        let mut files = render_site(archive, part, settings);
        if at > 0 {
            files.retain(|file| !is_shared_page(&file.path));
        }
        files
    });
    let mut files = Vec::new();
    for run in runs {
        files.extend(run.ok_or_else(|| std::io::Error::other("rendering the pages failed"))?);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lianluo_core::parse::parse_issue;

    fn sample() -> Issue {
        let text = include_str!("../../../www/archive/lianluo-2017-15.txt");
        parse_issue(text, &Default::default())
            .issue
            .expect("the sample parses")
    }

    fn settings() -> PageSettings<'static> {
        PageSettings {
            reader_script: "../../lianluo.js",
            site_url: None,
        }
    }

    static READER: [(&str, &[u8]); 3] = [
        (
            "index.html",
            b"<div data-lianluo-src=\"data/index.json\"><!--lianluo:text--></div>",
        ),
        ("lianluo.js", b"export {};"),
        ("lianluo.js.gz", b"packed"),
    ];

    fn read(path: &Path) -> Vec<u8> {
        std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn with_a_reader_the_site_has_it_at_the_top_the_text_in_its_page_and_the_data_beneath() {
        let out = tempfile::tempdir().unwrap();
        let site = out.path().join("site");
        let reader = Reader::of(&READER).unwrap();
        let written = write_site(&[sample()], &site, &settings(), Some(&reader)).unwrap();
        assert_eq!(read(&site.join("lianluo.js")), b"export {};");
        assert_eq!(
            read(&site.join("lianluo.js.gz")),
            b"packed",
            "carried as it is"
        );
        let page = String::from_utf8(read(&site.join("index.html"))).unwrap();
        assert!(page.contains("data-lianluo-shows=\"#/\""), "{page}");
        assert!(
            page.contains("第15期（总第535期）") && page.contains("让市"),
            "{page}"
        );
        assert!(!page.contains("<!--lianluo:text-->"));
        assert!(site.join("index.html.gz").is_file());
        for data in [
            "index.json",
            "issues/2017-15.json",
            "view/latest.html",
            "pages/2017-15.html",
        ] {
            assert!(site.join(DATA_DIR).join(data).is_file(), "{data}");
            assert!(!site.join(data).exists(), "{data} only under data/");
        }
        assert!(
            site.join(SITE_MARKER).is_file(),
            "the marker at the site's top"
        );
        let files = walk(&site);
        assert_eq!(
            written.files + 3,
            files.len(),
            "every file counted, the marker and the change lists aside"
        );
        assert_eq!(
            written.changes.added.len(),
            written.files,
            "a first build adds all"
        );
    }

    #[test]
    fn without_a_reader_only_the_data_is_written() {
        let out = tempfile::tempdir().unwrap();
        let data = out.path().join("data");
        write_site(&[sample()], &data, &settings(), None).unwrap();
        assert!(data.join("index.json").is_file() && data.join("index.json.gz").is_file());
        assert!(!data.join("index.html").exists() && !data.join(DATA_DIR).exists());
    }

    #[test]
    fn a_second_build_of_the_same_issues_changes_nothing_and_lists_nothing() {
        let out = tempfile::tempdir().unwrap();
        let reader = Reader::of(&READER).unwrap();
        let site = out.path().join("site");
        write_site(&[sample()], &site, &settings(), Some(&reader)).unwrap();
        let again = write_site(&[sample()], &site, &settings(), Some(&reader)).unwrap();
        assert!(again.changes.had_previous);
        assert_eq!(again.changes.added.len() + again.changes.changed.len(), 0);
        assert!(again.changes.removed.is_empty());
        let list = String::from_utf8(read(&site.join(UPLOAD_LIST))).unwrap();
        assert_eq!(list.lines().count(), 1, "the comment alone: {list}");
    }

    #[test]
    fn the_same_issues_give_the_same_bytes() {
        let out = tempfile::tempdir().unwrap();
        let reader = Reader::of(&READER).unwrap();
        let (one, two) = (out.path().join("one"), out.path().join("two"));
        write_site(&[sample()], &one, &settings(), Some(&reader)).unwrap();
        write_site(&[sample()], &two, &settings(), Some(&reader)).unwrap();
        let (first, second) = (walk(&one), walk(&two));
        assert_eq!(first.len(), second.len());
        for (relative, bytes) in &first {
            assert_eq!(second.get(relative), Some(bytes), "{relative}");
        }
    }

    /// Every file under `dir` by its path relative to it, with its bytes.
    fn walk(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
        let mut files = std::collections::BTreeMap::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(folder) = pending.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else {
                    let relative = path.strip_prefix(dir).unwrap().display().to_string();
                    files.insert(relative, read(&path));
                }
            }
        }
        files
    }
}
