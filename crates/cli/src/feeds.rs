//! `sitemap.xml` (sitemaps.org protocol) listing every static page, and `feed.xml` (Atom 1.0)
//! with the newest issues: written only when the data folder's public address is known, since
//! both need absolute addresses.

use lianluo_core::{ArchiveIndex, IssueSummary};
use lianluo_reader::format::issue_label;

use crate::static_html::{issue_page_name, page_url};

/// How many issues the feed carries, newest first. Range 10–50: feed readers show the newest
/// few, and the file is fetched often.
pub const FEED_ISSUES: usize = 20;

fn xml(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(text).into_owned()
}

/// The sitemap: the archive page and every issue's page, with the issue's date as its last
/// change. `site` is the data folder's address, ending in `/`.
pub fn sitemap(archive: &ArchiveIndex, site: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut entry = |url: String, lastmod: Option<&str>| {
        out.push_str("<url><loc>");
        out.push_str(&xml(&url));
        out.push_str("</loc>");
        if let Some(date) = lastmod.filter(|date| is_iso_date(date)) {
            out.push_str("<lastmod>");
            out.push_str(date);
            out.push_str("</lastmod>");
        }
        out.push_str("</url>\n");
    };
    let newest = archive.issues.first().map(|issue| issue.date.as_str());
    entry(page_url(Some(site), "index.html"), newest);
    for issue in &archive.issues {
        entry(
            page_url(Some(site), &issue_page_name(issue)),
            Some(&issue.date),
        );
    }
    out.push_str("</urlset>\n");
    out
}

/// The Atom feed of the newest [`FEED_ISSUES`] issues, each titled by the issue, its
/// articles' titles in the summary. `site` is the data folder's address, ending in `/`.
pub fn feed(archive: &ArchiveIndex, site: &str, publisher: &str) -> String {
    let updated = archive
        .issues
        .first()
        .map_or_else(|| "1970-01-01".to_owned(), |issue| issue.date.clone());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n\
         <title>{title}</title>\n\
         <id>{id}</id>\n\
         <link rel=\"self\" href=\"{self_url}\"/>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{archive_url}\"/>\n\
         <updated>{updated}</updated>\n\
         <author><name>{author}</name></author>\n",
        title = xml(&archive.title),
        id = xml(&page_url(Some(site), "index.html")),
        self_url = xml(&format!("{site}feed.xml")),
        archive_url = xml(&page_url(Some(site), "index.html")),
        updated = timestamp(&updated),
        author = xml(if publisher.is_empty() {
            &archive.title
        } else {
            publisher
        }),
    );
    for issue in archive.issues.iter().take(FEED_ISSUES) {
        out.push_str(&entry(archive, issue, site));
    }
    out.push_str("</feed>\n");
    out
}

fn entry(archive: &ArchiveIndex, issue: &IssueSummary, site: &str) -> String {
    let url = page_url(Some(site), &issue_page_name(issue));
    let titles: Vec<String> = issue
        .articles
        .iter()
        .map(|article| format!("{}：{}", article.region.printed, article.title))
        .collect();
    format!(
        "<entry>\n\
         <title>{title}</title>\n\
         <id>{url}</id>\n\
         <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n\
         <updated>{updated}</updated>\n\
         <summary>{summary}</summary>\n\
         </entry>\n",
        title = xml(&format!(
            "{} {}",
            archive.title,
            issue_label(issue.number, issue.serial)
        )),
        url = xml(&url),
        updated = timestamp(&issue.date),
        summary = xml(&titles.join("；")),
    )
}

/// An issue date as an Atom timestamp: the start of that day in China Standard Time.
fn timestamp(date: &str) -> String {
    if is_iso_date(date) {
        format!("{date}T00:00:00+08:00")
    } else {
        "1970-01-01T00:00:00+08:00".to_owned()
    }
}

fn is_iso_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(at, byte)| match at {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}
