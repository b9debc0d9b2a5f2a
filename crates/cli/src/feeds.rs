//! `sitemap.xml` (sitemaps.org protocol) listing every static page, and `feed.xml` (Atom 1.0)
//! with the newest issues: written only when the data folder's public address is known, since
//! both need absolute addresses.

use std::io;

use lianluo_core::{ArchiveIndex, IssueSummary};
use lianluo_reader::format::issue_label;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::static_html::{issue_page_name, page_url};

/// How many issues the feed carries, newest first. Range 10–50: feed readers show the newest
/// few, and the file is fetched often.
pub const FEED_ISSUES: usize = 20;

/// A document being written into memory.
type Xml = Writer<Vec<u8>>;

/// The sitemap: the archive page and every issue's page, with the issue's date as its last
/// change. `site` is the data folder's address, ending in `/`.
pub fn sitemap(archive: &ArchiveIndex, site: &str) -> String {
    let newest = archive.issues.first().map(|issue| issue.date.as_str());
    let pages = std::iter::once((page_url(Some(site), "index.html"), newest)).chain(
        archive.issues.iter().map(|issue| {
            (
                page_url(Some(site), &issue_page_name(issue)),
                Some(issue.date.as_str()),
            )
        }),
    );
    document(|xml| {
        xml.create_element("urlset")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|xml| {
                for (url, lastmod) in pages {
                    xml.create_element("url").write_inner_content(|xml| {
                        text_element(xml, "loc", &url)?;
                        match lastmod.filter(|date| is_iso_date(date)) {
                            Some(date) => text_element(xml, "lastmod", date),
                            None => Ok(()),
                        }
                    })?;
                }
                Ok(())
            })
            .map(drop)
    })
}

/// The Atom feed of the newest [`FEED_ISSUES`] issues, each titled by the issue, its
/// articles' titles in the summary. `site` is the data folder's address, ending in `/`.
pub fn feed(archive: &ArchiveIndex, site: &str, publisher: &str) -> String {
    let updated = archive
        .issues
        .first()
        .map_or("1970-01-01", |issue| issue.date.as_str());
    let archive_url = page_url(Some(site), "index.html");
    let author = if publisher.is_empty() {
        &archive.title
    } else {
        publisher
    };
    document(|xml| {
        xml.create_element("feed")
            .with_attributes([
                ("xmlns", "http://www.w3.org/2005/Atom"),
                ("xml:lang", "zh-CN"),
            ])
            .write_inner_content(|xml| {
                text_element(xml, "title", &archive.title)?;
                text_element(xml, "id", &archive_url)?;
                xml.create_element("link")
                    .with_attributes([("rel", "self"), ("href", &format!("{site}feed.xml"))])
                    .write_empty()?;
                alternate_link(xml, &archive_url)?;
                text_element(xml, "updated", &timestamp(updated))?;
                xml.create_element("author")
                    .write_inner_content(|xml| text_element(xml, "name", author))?;
                for issue in archive.issues.iter().take(FEED_ISSUES) {
                    entry(xml, archive, issue, site)?;
                }
                Ok(())
            })
            .map(drop)
    })
}

fn entry(
    xml: &mut Xml,
    archive: &ArchiveIndex,
    issue: &IssueSummary,
    site: &str,
) -> io::Result<()> {
    let url = page_url(Some(site), &issue_page_name(issue));
    let title = format!(
        "{} {}",
        archive.title,
        issue_label(issue.number, issue.serial)
    );
    let summary = issue
        .articles
        .iter()
        .map(|article| format!("{}：{}", article.region.printed, article.title))
        .collect::<Vec<_>>()
        .join("；");
    xml.create_element("entry")
        .write_inner_content(|xml| {
            text_element(xml, "title", &title)?;
            text_element(xml, "id", &url)?;
            alternate_link(xml, &url)?;
            text_element(xml, "updated", &timestamp(&issue.date))?;
            text_element(xml, "summary", &summary)
        })
        .map(drop)
}

/// The XML declaration, then what `root` writes, indented two spaces a level and ending in a
/// newline as text files do.
fn document(root: impl FnOnce(&mut Xml) -> io::Result<()>) -> String {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .and_then(|()| root(&mut xml))
        .expect("writing into memory does not fail");
    let mut bytes = xml.into_inner();
    bytes.push(b'\n');
    String::from_utf8(bytes).expect("the document is written from UTF-8 strings")
}

/// `<name>text</name>`, the text escaped.
fn text_element(xml: &mut Xml, name: &str, text: &str) -> io::Result<()> {
    xml.create_element(name)
        .write_text_content(BytesText::new(text))
        .map(drop)
}

fn alternate_link(xml: &mut Xml, url: &str) -> io::Result<()> {
    xml.create_element("link")
        .with_attributes([("rel", "alternate"), ("type", "text/html"), ("href", url)])
        .write_empty()
        .map(drop)
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

#[cfg(test)]
mod tests {
    use super::*;
    use lianluo_core::model::{ArticleSummary, Region};

    /// One issue whose article title, publisher and site address carry XML's markup characters.
    fn archive() -> ArchiveIndex {
        ArchiveIndex {
            format_version: lianluo_core::model::FORMAT_VERSION,
            title: "联络动态".to_owned(),
            issues: vec![IssueSummary {
                id: "2017-15".to_owned(),
                number: 15,
                serial: Some(535),
                date: "2017-08-30".to_owned(),
                path: "issues/2017-15.json".to_owned(),
                articles: vec![ArticleSummary {
                    id: "2017-15-1".to_owned(),
                    title: "A&B <代表> \"之家\" '站'".to_owned(),
                    region: Region {
                        printed: "长沙市".to_owned(),
                        prefecture: None,
                        county: None,
                    },
                }],
            }],
            regions: Vec::new(),
            search: None,
            volumes: None,
        }
    }

    const SITE: &str = "https://example.gov.cn/a&b/data/";

    #[test]
    fn markup_characters_are_read_back_as_written() {
        let feed = feed(&archive(), SITE, "联络<工作>委员会");
        let doc = roxmltree::Document::parse(&feed).expect("the feed is XML");
        let text = |name: &str| {
            doc.descendants()
                .find(|node| node.has_tag_name(name))
                .and_then(|node| node.text())
        };
        assert_eq!(text("summary"), Some("长沙市：A&B <代表> \"之家\" '站'"));
        assert_eq!(text("name"), Some("联络<工作>委员会"));
        let self_link = doc
            .descendants()
            .find(|node| node.attribute("rel") == Some("self"))
            .expect("the feed links to itself");
        assert_eq!(
            self_link.attribute("href"),
            Some("https://example.gov.cn/a&b/data/feed.xml")
        );

        let sitemap = sitemap(&archive(), SITE);
        let doc = roxmltree::Document::parse(&sitemap).expect("the sitemap is XML");
        let locs: Vec<_> = doc
            .descendants()
            .filter(|node| node.has_tag_name("loc"))
            .filter_map(|node| node.text())
            .collect();
        assert_eq!(
            locs,
            [
                "https://example.gov.cn/a&b/data/pages/index.html",
                "https://example.gov.cn/a&b/data/pages/2017-15.html",
            ]
        );
    }

    #[test]
    fn both_files_start_with_the_declaration_and_end_with_a_newline() {
        for xml in [feed(&archive(), SITE, ""), sitemap(&archive(), SITE)] {
            assert!(
                xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"),
                "{xml}"
            );
            assert!(xml.ends_with(">\n") && !xml.ends_with("\n\n"), "{xml}");
        }
    }
}
