//! What `lianluo build` writes beside the data: the views as HTML, static pages for every
//! issue and the archive, and with `--site-url` a sitemap and an Atom feed.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use lianluo_core::search::{validate_index, Manifest};
use lianluo_core::{ArchiveIndex, Issue};

const SAMPLE: &str = include_str!("../../core/tests/fixtures/lianluo-2017-15.txt");
const SITE: &str = "https://example.gov.cn/lianluo/data/";

fn build(src: &Path, out: &Path, extra: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_lianluo"))
        .arg("build")
        .arg(src)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("the binary runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The id of the newest issue in the data folder's index.
fn archive_newest(data: &Path) -> String {
    let index: serde_json::Value = serde_json::from_str(&read(&data.join("index.json"))).unwrap();
    index["issues"][0]["id"].as_str().unwrap().to_owned()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `count` issues made from the sample: issue `i` is number `i + 1` of year 2000 + i / 25.
fn archive_of(dir: &Path, count: usize) {
    let sample: Issue = {
        let text = tempfile::tempdir().unwrap();
        let path = text.path().join("sample.txt");
        fs::write(&path, SAMPLE).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_lianluo"))
            .arg("convert")
            .arg(&path)
            .output()
            .expect("the binary runs");
        serde_json::from_slice(&out.stdout).expect("the sample converts")
    };
    for i in 0..count {
        let (year, number) = (2000 + i / 25, i % 25 + 1);
        let mut issue = sample.clone();
        issue.id = format!("{year}-{number}");
        issue.number = number as u32;
        issue.serial = Some(i as u32 + 1);
        issue.date = format!("{year}-{:02}-{:02}", number / 3 + 1, number % 28 + 1);
        for (at, article) in issue.articles.iter_mut().enumerate() {
            article.id = format!("{}-{}", issue.id, at + 1);
        }
        let json = serde_json::to_vec(&issue).unwrap();
        fs::write(dir.join(format!("{}.json", issue.id)), json).unwrap();
    }
}

#[test]
fn every_issue_gets_a_static_page_and_its_views() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    archive_of(src.path(), 60);
    let data = out.path().join("data");
    build(src.path(), &data, &[]);
    let pages: Vec<_> = fs::read_dir(data.join("pages"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| {
            name.ends_with(".html") && !["index.html", "latest.html"].contains(&name.as_str())
        })
        .collect();
    assert_eq!(pages.len(), 60);
    // The newest issue under a name of its own too, which every page's 最新一期 names, so
    // that no other page changes when a newer issue comes.
    assert_eq!(
        read(&data.join("pages/latest.html")),
        read(&data.join("pages/2002-10.html"))
    );
    assert!(read(&data.join("pages/2000-1.html")).contains("href=\"latest.html\""));
    for id in ["2000-1", "2002-10"] {
        let page = read(&data.join(format!("pages/{id}.html")));
        assert_eq!(page.matches("<h1").count(), 1, "one h1");
        assert!(page.contains("<html lang=\"zh-CN\">"));
        assert!(
            !page.contains("rel=\"canonical\""),
            "no site address, no canonical"
        );
        assert!(page.contains("<link rel=\"icon\" href=\"../../favicon.svg\""));
        assert!(page.contains("<meta name=\"description\" content=\"为贯彻落实2015年中央18号文件"));
        assert!(page.contains("<meta property=\"og:title\" content=\"联络动态 第"));
        assert!(
            page.contains(&format!("id=\"t-{id}-2\"")),
            "article anchors"
        );
        assert!(page.contains("<time datetime=\""));
        assert!(page.contains("data-lianluo-src=\"../index.json\""));
        assert!(page.contains("<script type=\"module\" src=\"../../lianluo.js\"></script>"));
        // Nothing inline: the strict Content-Security-Policy holds on static pages.
        assert_eq!(page.matches("<script").count(), 1);
        assert!(!page.contains("<style") && !page.contains(" style="));
        assert!(data.join(format!("view/issue/{id}.html")).is_file());
        assert!(data.join(format!("view/article/{id}-3.html")).is_file());
    }
    let archive_page = read(&data.join("pages/index.html"));
    assert!(archive_page.contains("共 60 期"));
    assert!(archive_page.contains("href=\"2002-10.html\""));
    assert!(read(&data.join("view/latest.html")).contains("第10期（总第60期）"));
    assert!(data.join("view/shell.html").is_file());
    assert!(!data.join("sitemap.xml").exists() && !data.join("feed.xml").exists());
}

#[test]
fn with_a_site_address_the_sitemap_and_feed_are_written_with_absolute_addresses() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    archive_of(src.path(), 30);
    let data = out.path().join("data");
    build(
        src.path(),
        &data,
        &["--site-url", SITE.trim_end_matches('/')],
    );

    let latest = read(&data.join("pages/latest.html"));
    let newest = archive_newest(&data);
    assert!(
        latest.contains(&format!(
            "<link rel=\"canonical\" href=\"{SITE}pages/{newest}.html\">"
        )),
        "the newest issue's copy names its own page as the canonical one: {latest}"
    );

    let sitemap = read(&data.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap is XML");
    let urlset = doc.root_element();
    assert_eq!(urlset.tag_name().name(), "urlset");
    assert_eq!(
        urlset.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let urls: Vec<_> = urlset.children().filter(|n| n.is_element()).collect();
    assert_eq!(urls.len(), 31, "the archive page and one per issue");
    for url in &urls {
        let text = |name: &str| {
            url.children()
                .find(|n| n.tag_name().name() == name)
                .and_then(|n| n.text())
                .unwrap_or_else(|| panic!("<{name}> in every <url>"))
        };
        assert!(
            text("loc").starts_with(&format!("{SITE}pages/")),
            "{}",
            text("loc")
        );
        assert_eq!(text("lastmod").len(), 10);
    }

    let feed = read(&data.join("feed.xml"));
    let doc = roxmltree::Document::parse(&feed).expect("the feed is XML");
    let root = doc.root_element();
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    for required in ["title", "id", "updated", "author"] {
        assert!(
            root.children().any(|n| n.tag_name().name() == required),
            "{required}"
        );
    }
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.tag_name().name() == "entry")
        .collect();
    assert_eq!(entries.len(), 20, "the newest 20");
    fn child<'a, 'input>(
        node: roxmltree::Node<'a, 'input>,
        name: &str,
    ) -> roxmltree::Node<'a, 'input> {
        node.children()
            .find(|n| n.tag_name().name() == name)
            .unwrap_or_else(|| panic!("<{name}>"))
    }
    let newest = entries[0];
    assert_eq!(
        child(newest, "title").text(),
        Some("联络动态 第5期（总第30期）")
    );
    assert_eq!(
        child(newest, "id").text(),
        Some(&*format!("{SITE}pages/2001-5.html"))
    );
    assert_eq!(
        child(newest, "link").attribute("href"),
        Some(&*format!("{SITE}pages/2001-5.html"))
    );
    assert!(child(newest, "updated")
        .text()
        .unwrap()
        .ends_with("T00:00:00+08:00"));
    let summary = child(newest, "summary").text().unwrap();
    assert!(
        summary.contains("衡阳市：") && summary.contains("；"),
        "{summary}"
    );

    let page = read(&data.join("pages/2001-5.html"));
    assert!(page.contains(&format!(
        "<link rel=\"canonical\" href=\"{SITE}pages/2001-5.html\">"
    )));
    assert!(page.contains(&format!(
        "<meta property=\"og:url\" content=\"{SITE}pages/2001-5.html\">"
    )));
}

#[test]
fn a_site_address_that_is_not_one_is_refused_and_nothing_is_written() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    archive_of(src.path(), 1);
    let data = out.path().join("data");
    let output = Command::new(env!("CARGO_BIN_EXE_lianluo"))
        .arg("build")
        .arg(src.path())
        .arg("--out")
        .arg(&data)
        .args(["--site-url", "example.gov.cn/data"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--site-url:1:1:"));
    assert!(!data.exists());
}

#[test]
fn markup_in_the_data_is_text_in_every_page_and_view() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let poison = "<img src=x onerror=alert(1)><script>alert(1)</script>";
    archive_of(src.path(), 1);
    let path = src.path().join("2000-1.json");
    let mut issue: Issue = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    issue.title.push_str(poison);
    issue.editor_note = Some(format!("按语{poison}"));
    issue.articles[0].title.push_str(poison);
    issue.articles[0].region.printed.push_str(poison);
    issue.articles[0].blocks[0].text.push_str(poison);
    issue.email = Some("javascript:alert(1)@x.com".into());
    issue.phone = Some("javascript:alert(1)".into());
    fs::write(&path, serde_json::to_vec(&issue).unwrap()).unwrap();
    let data = out.path().join("data");
    build(src.path(), &data, &["--site-url", SITE]);
    for file in [
        "pages/2000-1.html",
        "pages/index.html",
        "view/latest.html",
        "view/article/2000-1-1.html",
        "feed.xml",
    ] {
        let text = read(&data.join(file));
        assert!(
            !text.contains("<img") && !text.contains("<script>"),
            "{file}"
        );
        assert!(!text.contains("href=\"javascript:"), "{file}");
    }
    assert!(read(&data.join("pages/2000-1.html")).contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn a_tool_carrying_no_reader_writes_the_data_with_gzip_siblings_and_says_so_once() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    archive_of(src.path(), 2);
    let data = out.path().join("data");
    let run = Command::new(env!("CARGO_BIN_EXE_lianluo"))
        .args(["--lang", "en", "build"])
        .arg(src.path())
        .arg("--out")
        .arg(&data)
        .output()
        .expect("the binary runs");
    assert_eq!(run.status.code(), Some(0));
    let said = String::from_utf8_lossy(&run.stderr);
    assert_eq!(said.matches("carries no reader").count(), 1, "{said}");
    assert!(data.join("index.json").is_file() && data.join("pages/2000-2.html").is_file());
    assert!(
        !data.join("data").exists() && !data.join("lianluo.js").exists(),
        "data only"
    );
    let issue = fs::read(data.join("issues/2000-1.json")).unwrap();
    let mut unpacked = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(
            &fs::read(data.join("issues/2000-1.json.gz")).unwrap()[..],
        ),
        &mut unpacked,
    )
    .unwrap();
    assert_eq!(unpacked, issue, "the sibling holds the file's bytes");

    let version = Command::new(env!("CARGO_BIN_EXE_lianluo"))
        .args(["--lang", "en", "--version"])
        .output()
        .expect("the binary runs");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!(
            "lianluo {} (no reader carried: build writes data only)",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn data_only_writes_the_data_folder_and_never_the_note() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    archive_of(src.path(), 1);
    let data = out.path().join("data");
    let run = build(src.path(), &data, &["--lang", "en", "--data-only"]);
    assert!(!String::from_utf8_lossy(&run.stderr).contains("carries no reader"));
    assert!(data.join("view/latest.html").is_file());
}

#[test]
fn a_rebuild_says_what_changed_and_lists_the_files_to_upload() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    archive_of(src.path(), 3);
    let data = out.path().join("data");
    build(src.path(), &data, &["--lang", "en"]);
    let same = build(src.path(), &data, &["--lang", "en"]);
    let said = String::from_utf8_lossy(&same.stderr);
    assert!(
        said.contains("the same as the previous build, byte for byte"),
        "{said}"
    );

    archive_of(src.path(), 4);
    let more = build(src.path(), &data, &["--lang", "en"]);
    let said = String::from_utf8_lossy(&more.stderr);
    assert!(said.contains("since the previous build: "), "{said}");
    let list = read(&data.join(".lianluo-upload.txt"));
    assert!(list.starts_with("# "), "{list}");
    for path in [
        "index.json",
        "issues/2000-4.json",
        "pages/2000-4.html",
        "pages/latest.html",
    ] {
        assert!(list.lines().any(|line| line == path), "{path} in {list}");
    }
    assert!(
        !list.lines().any(|line| line == "issues/2000-1.json"),
        "an unchanged issue is not uploaded again: {list}"
    );
}

#[test]
fn an_unchanged_file_is_kept_as_it_was_with_its_time_and_a_changed_one_is_written() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    archive_of(src.path(), 2);
    let data = out.path().join("data");
    build(src.path(), &data, &["--data-only"]);
    let modified = |path: &str| fs::metadata(data.join(path)).unwrap().modified().unwrap();
    let (unchanged, index) = (modified("issues/2000-1.json"), modified("index.json"));
    // File times are coarse on some file systems; a rewritten file must show a later one.
    std::thread::sleep(std::time::Duration::from_millis(1100));

    archive_of(src.path(), 3);
    build(src.path(), &data, &["--data-only"]);
    assert_eq!(
        modified("issues/2000-1.json"),
        unchanged,
        "kept, not written"
    );
    assert_ne!(modified("index.json"), index, "changed, written anew");
    assert!(data.join("issues/2000-3.json").is_file());
}

/// The search files the upload list names: the manifest, and the shards by segment tag.
fn search_uploads(list: &str) -> (bool, std::collections::BTreeSet<String>) {
    let search: Vec<&str> = list
        .lines()
        .filter_map(|line| line.strip_prefix("search/"))
        .filter(|name| !name.ends_with(".gz"))
        .collect();
    let manifest = search.contains(&"manifest.json");
    let tags = search
        .iter()
        .filter_map(|name| name.strip_suffix(".bin")?.split_once('-'))
        .map(|(_, tag)| tag.to_owned())
        .collect();
    (manifest, tags)
}

/// Every search shard file in `data`, with its bytes.
fn shards(data: &Path) -> Vec<(String, Vec<u8>)> {
    let mut shards: Vec<(String, Vec<u8>)> = fs::read_dir(data.join("search"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "bin"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read(&path).unwrap())
        })
        .collect();
    shards.sort();
    shards
}

/// The search manifest in `data`.
fn search_manifest(data: &Path) -> Manifest {
    serde_json::from_str(&read(&data.join("search/manifest.json"))).unwrap()
}

/// The search index in `data` is sound for its `index.json`: every segment's runs and masks
/// map the archive, and every shard is there, of its segment, holding what its name says.
fn assert_sound_index(data: &Path) {
    let archive: ArchiveIndex = serde_json::from_str(&read(&data.join("index.json"))).unwrap();
    let manifest = search_manifest(data);
    let problems = validate_index(&manifest, &archive, |path| fs::read(data.join(path)).ok());
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_new_issue_adds_a_search_segment_and_leaves_every_shard_alone() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    archive_of(src.path(), 6);
    let data = out.path().join("data");
    build(src.path(), &data, &["--data-only"]);
    let before = shards(&data);

    archive_of(src.path(), 7);
    build(src.path(), &data, &["--data-only"]);
    let (manifest, tags) = search_uploads(&read(&data.join(".lianluo-upload.txt")));
    assert!(manifest, "the manifest is uploaded");
    assert_eq!(tags.len(), 1, "one new segment: {tags:?}");
    let after = shards(&data);
    for shard in &before {
        assert!(after.contains(shard), "{} kept byte for byte", shard.0);
    }
    let segments = search_manifest(&data).segments;
    assert_eq!(segments.len(), 2);
    assert_eq!(segments[1].runs, ["2000-7-1", "2000-7-3"]);
    assert_sound_index(&data);
}

#[test]
fn a_corrected_issue_is_masked_where_it_was_and_indexed_again() {
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    archive_of(src.path(), 6);
    let data = out.path().join("data");
    build(src.path(), &data, &["--data-only"]);

    let path = src.path().join("2000-3.json");
    let mut issue: Issue = serde_json::from_str(&read(&path)).unwrap();
    issue.articles[0].title = "更正后的标题".into();
    fs::write(&path, serde_json::to_vec(&issue).unwrap()).unwrap();
    build(src.path(), &data, &["--data-only"]);
    let segments = search_manifest(&data).segments;
    assert_eq!(segments.len(), 2);
    // Issue 2000-3 is the fourth newest: its three articles follow the nine of three issues.
    assert_eq!(segments[0].masked, [9, 3]);
    assert_eq!(
        segments[0].runs,
        ["2000-6-1", "2000-4-3", "2000-2-1", "2000-1-3"]
    );
    assert_eq!(segments[1].runs, ["2000-3-1", "2000-3-3"]);
    assert_sound_index(&data);
}

#[test]
fn an_unchanged_file_keeps_its_gzip_sibling_and_a_changed_one_gets_a_new_one() {
    use std::io::{Read as _, Write as _};
    let (src, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    archive_of(src.path(), 2);
    let data = out.path().join("data");
    build(src.path(), &data, &["--data-only"]);
    // The same content compressed otherwise: a sibling written by this build would differ.
    let plant = |path: &Path| {
        let raw = fs::read(path.with_extension("")).unwrap();
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(&raw).unwrap();
        let planted = encoder.finish().unwrap();
        fs::write(path, &planted).unwrap();
        planted
    };
    let kept = plant(&data.join("issues/2000-1.json.gz"));
    let index = plant(&data.join("index.json.gz"));

    archive_of(src.path(), 3);
    build(src.path(), &data, &["--data-only"]);
    assert_eq!(fs::read(data.join("issues/2000-1.json.gz")).unwrap(), kept);
    let fresh = fs::read(data.join("index.json.gz")).unwrap();
    assert_ne!(
        fresh, index,
        "index.json changed: its sibling is compressed anew"
    );
    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(&fresh[..])
        .read_to_string(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, read(&data.join("index.json")));
}
