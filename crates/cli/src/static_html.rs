//! The site's text as HTML, rendered by the reader's own components (`lianluo_reader::
//! static_view`): fragments of each view that the loader shows before the WebAssembly runs
//! (`view/`), and a static page per issue plus an archive page (`pages/`) for readers and
//! crawlers that never run it.

use std::rc::Rc;

use lianluo_core::{ArchiveIndex, BlockKind, Issue, IssueSummary};
use lianluo_reader::components::link::{ARCHIVE_PAGE, LATEST_PAGE};
use lianluo_reader::format::{chinese_date, issue_label};
use lianluo_reader::route::Route;
use lianluo_reader::static_view::{render, Links, RenderIndex};

/// Where the fragments go, relative to the data folder.
pub const VIEW_DIR: &str = "view";
/// Where the static pages go, relative to the data folder.
pub const PAGES_DIR: &str = "pages";
/// The stylesheet static pages link, beside them.
pub const PAGES_STYLESHEET: &str = "pages.css";

/// How many characters of an issue's first lines its page description holds. Range 60–160:
/// search engines show about 80 Chinese characters.
pub const DESCRIPTION_CHARS: usize = 110;

/// The reader's stylesheet and the standalone page's frame: a static page looks like the
/// reader with scripts off, and does not move when the reader takes over.
const STYLESHEET: &str = concat!(
    include_str!("../../../www/lianluo.css"),
    include_str!("../../../www/page.css")
);

/// One file of the rendered site, relative to the data folder.
pub struct HtmlFile {
    /// Its path, `/`-separated.
    pub path: String,
    /// Its text.
    pub text: String,
}

/// What static pages need to know of the site around them.
pub struct PageSettings<'a> {
    /// The reader's loader, relative to the pages folder (`../../lianluo.js`).
    pub reader_script: &'a str,
    /// The data folder's public address, ending in `/`, when known: pages then name their
    /// canonical (and Open Graph) address.
    pub site_url: Option<&'a str>,
}

/// Every fragment and static page of an archive. `issues` are in any order; each is found
/// through the archive index.
pub fn render_site(
    archive: &ArchiveIndex,
    issues: &[Issue],
    settings: &PageSettings,
) -> Vec<HtmlFile> {
    let index = RenderIndex::new(Rc::new(archive.clone()));
    let mut files = vec![
        fragment("shell.html", None, None, Route::Issues),
        page(
            Named::Itself(ARCHIVE_PAGE),
            &index,
            None,
            Route::Issues,
            &archive_head(archive),
            settings,
        ),
    ];
    let newest = archive.issues.first().map(|summary| summary.id.clone());
    for issue in issues {
        let issue = Rc::new(issue.clone());
        let shown = Some(&issue);
        if newest.as_ref() == Some(&issue.id) {
            files.push(fragment("latest.html", Some(&index), shown, Route::Latest));
        }
        let at_issue = Route::Issue(issue.id.clone());
        let name = format!("issue/{}.html", issue.id);
        files.push(fragment(&name, Some(&index), shown, at_issue.clone()));
        for article in &issue.articles {
            let name = format!("article/{}.html", article.id);
            let route = Route::article(article.id.clone());
            files.push(fragment(&name, Some(&index), shown, route));
        }
        let name = format!("{}.html", issue.id);
        let head = issue_head(&issue);
        if newest.as_ref() == Some(&issue.id) {
            let latest = Named::CopyOf(LATEST_PAGE, &name);
            files.push(page(
                latest,
                &index,
                shown,
                at_issue.clone(),
                &head,
                settings,
            ));
        }
        files.push(page(
            Named::Itself(&name),
            &index,
            shown,
            at_issue,
            &head,
            settings,
        ));
    }
    files.push(HtmlFile {
        path: format!("{PAGES_DIR}/{PAGES_STYLESHEET}"),
        text: STYLESHEET.to_owned(),
    });
    files
}

fn fragment(
    name: &str,
    index: Option<&RenderIndex>,
    issue: Option<&Rc<Issue>>,
    route: Route,
) -> HtmlFile {
    HtmlFile {
        path: format!("{VIEW_DIR}/{name}"),
        text: render(index, issue, route, Links::Reader),
    }
}

/// A page's title and description, as text (escaped when written).
struct Head {
    title: String,
    description: String,
}

fn issue_head(issue: &Issue) -> Head {
    let first_lines = issue.editor_note.iter().chain(
        issue
            .articles
            .iter()
            .flat_map(|article| &article.blocks)
            .filter(|block| block.kind == BlockKind::Paragraph)
            .map(|block| &block.text),
    );
    let mut description: String = first_lines
        .flat_map(|text| text.chars().chain(std::iter::once(' ')))
        .take(DESCRIPTION_CHARS)
        .collect();
    description = description.trim_end().to_owned();
    Head {
        title: format!(
            "{} {} · {}",
            issue.title,
            issue_label(issue.number, issue.serial),
            chinese_date(&issue.date)
        ),
        description,
    }
}

fn archive_head(archive: &ArchiveIndex) -> Head {
    let span = match (archive.issues.last(), archive.issues.first()) {
        (Some(oldest), Some(newest)) => format!(
            "，{}至{}",
            chinese_date(&oldest.date),
            chinese_date(&newest.date)
        ),
        _ => String::new(),
    };
    Head {
        title: format!("{} · 往期目录", archive.title),
        description: format!(
            "《{}》往期目录：共 {} 期{span}，按年份排列。",
            archive.title,
            archive.issues.len()
        ),
    }
}

/// The address of a static page: absolute under the site when known, else beside the page.
pub fn page_url(site_url: Option<&str>, name: &str) -> String {
    match site_url {
        Some(site) => format!("{site}{PAGES_DIR}/{name}"),
        None => name.to_owned(),
    }
}

/// A static page's file name, and the page whose address is its canonical one.
#[derive(Clone, Copy)]
enum Named<'a> {
    /// A page of its own.
    Itself(&'a str),
    /// A page under the first name showing what the page of the second shows (the newest
    /// issue under [`LATEST_PAGE`]), which search engines are pointed to.
    CopyOf(&'a str, &'a str),
}

fn page(
    named: Named,
    index: &RenderIndex,
    issue: Option<&Rc<Issue>>,
    route: Route,
    head: &Head,
    settings: &PageSettings,
) -> HtmlFile {
    let (name, canonical) = match named {
        Named::Itself(name) => (name, name),
        Named::CopyOf(name, original) => (name, original),
    };
    let body = render(Some(index), issue, route.clone(), Links::Pages);
    let text_of = |text: &str| html_escape::encode_text(text).into_owned();
    let attr = |text: &str| html_escape::encode_double_quoted_attribute(text).into_owned();
    // A canonical address must be absolute to count; without the site's address the page
    // names none rather than a relative one search engines would ignore.
    let canonical = match settings.site_url {
        Some(site) => {
            let url = attr(&page_url(Some(site), canonical));
            format!(
                "\n<link rel=\"canonical\" href=\"{url}\">\n<meta property=\"og:url\" content=\"{url}\">"
            )
        }
        None => String::new(),
    };
    // The site's icon beside the loader, so that browsers do not ask for a missing one.
    let icon = match settings.reader_script.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/favicon.svg"),
        None => "favicon.svg".to_owned(),
    };
    let text = format!(
        r#"<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">{canonical}
<meta property="og:type" content="{og_type}">
<meta property="og:title" content="{title_attr}">
<meta property="og:description" content="{description}">
<meta property="og:locale" content="zh_CN">
<meta name="color-scheme" content="light dark">
<link rel="icon" href="{icon}" type="image/svg+xml">
<link rel="stylesheet" href="{stylesheet}">
<script type="module" src="{script}"></script>
</head>
<body>
<header class="site">
<h1>{site_title}</h1>
<p>湖南省人大常委会选举任免联络工作委员会</p>
</header>
<main>
<div class="reader-host" data-lianluo-src="../index.json" data-lianluo-view="{view}"><div class="lianluo">{body}</div></div>
</main>
</body>
</html>
"#,
        title = text_of(&head.title),
        title_attr = attr(&head.title),
        description = attr(&head.description),
        icon = attr(&icon),
        og_type = if issue.is_some() {
            "article"
        } else {
            "website"
        },
        stylesheet = PAGES_STYLESHEET,
        script = attr(settings.reader_script),
        site_title = text_of(&index.archive().title),
        view = attr(&route.to_hash()),
    );
    HtmlFile {
        path: format!("{PAGES_DIR}/{name}"),
        text,
    }
}

/// Whether a rendered file belongs to the whole archive rather than to one issue.
pub fn is_shared_page(path: &str) -> bool {
    [
        format!("{VIEW_DIR}/shell.html"),
        format!("{PAGES_DIR}/index.html"),
        format!("{PAGES_DIR}/{PAGES_STYLESHEET}"),
    ]
    .iter()
    .any(|shared| shared == path)
}

/// The static page of an issue, relative to the pages folder.
pub fn issue_page_name(issue: &IssueSummary) -> String {
    format!("{}.html", issue.id)
}
