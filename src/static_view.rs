//! The reader's views rendered to HTML at build time by the reader's own components, so that
//! the static text and the live reader cannot drift apart. `lianluo build` writes these for
//! every issue: fragments the loader shows before the WebAssembly runs, and static pages for
//! readers and crawlers that never run it.

use std::rc::Rc;

use lianluo_core::{ArchiveIndex, Issue};
use yew::LocalServerRenderer;

use crate::components::app::{App, AppProps};
use crate::components::link::StaticPages;
use crate::route::Route;
use crate::source::DataSource;
use crate::state::{File, FileKey};
use crate::text_size::TextSize;

/// How the rendered view's links are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Reader addresses in the URL hash (`#/issue/2017-15`), for the text shown inside a
    /// reader before it runs.
    Reader,
    /// Static pages beside each other (`2017-15.html`), for the pages served to readers and
    /// crawlers without WebAssembly.
    Pages,
}

/// The archive index read once for every view rendered from it, as the reader reads its file:
/// what is worked out from the index on arrival is not worked out again for each page.
#[derive(Debug, Clone)]
pub struct RenderIndex {
    archive: Rc<ArchiveIndex>,
    file: File,
}

impl RenderIndex {
    /// `archive`, ready to render views from.
    pub fn new(archive: Rc<ArchiveIndex>) -> RenderIndex {
        let file = File::index(archive.clone());
        RenderIndex { archive, file }
    }

    /// The archive index itself.
    pub fn archive(&self) -> &ArchiveIndex {
        &self.archive
    }
}

/// Renders the reader on `route` as it looks once `index` and `issue` (the issue file the
/// view shows, if any) have arrived; with no index, as it looks while the index loads.
pub fn render(
    index: Option<&RenderIndex>,
    issue: Option<&Rc<Issue>>,
    route: Route,
    links: Links,
) -> String {
    let mut files = Vec::new();
    if let Some(index) = index {
        files.push((FileKey::Index, index.file.clone()));
    }
    if let Some(issue) = issue {
        files.push((FileKey::Issue(issue.id.clone()), File::Issue(issue.clone())));
    }
    let pages = match links {
        Links::Pages => Some(StaticPages),
        Links::Reader => None,
    };
    let props = AppProps {
        source: Rc::new(DataSource::built()),
        routing: true,
        initial_route: route,
        text_size: TextSize::default(),
        // The loader turns it on in the static text where the reader would.
        elder_mode: false,
        name: Default::default(),
        files: Rc::new(files),
        pages,
        static_text: true,
        on_ready: Default::default(),
    };
    let renderer = LocalServerRenderer::<App>::with_props(props).hydratable(false);
    futures::executor::block_on(renderer.render())
}

#[cfg(test)]
mod tests {
    use super::*;
    use lianluo_core::archive::build_archive_index;

    fn sample() -> (RenderIndex, Rc<Issue>) {
        let text = include_str!("../www/archive/lianluo-2017-15.txt");
        let parsed = lianluo_core::parse::parse_issue(text, &Default::default());
        let issue = parsed.issue.expect("the sample parses");
        (
            RenderIndex::new(Rc::new(build_archive_index(std::slice::from_ref(&issue)))),
            Rc::new(issue),
        )
    }

    #[test]
    fn an_issue_renders_with_its_text_and_reader_links() {
        let (archive, issue) = sample();
        let html = render(Some(&archive), Some(&issue), Route::Latest, Links::Reader);
        assert!(html.contains("第15期（总第535期）"), "{html}");
        assert!(html.contains("让市"), "the articles' text is there");
        assert!(html.contains("href=\"#/article/2017-15-1\""), "{html}");
        assert!(!html.contains("正在加载"), "nothing waits for a file");
    }

    #[test]
    fn static_pages_link_to_each_other() {
        let (archive, issue) = sample();
        let route = Route::Issue(issue.id.clone());
        let html = render(Some(&archive), Some(&issue), route, Links::Pages);
        assert!(html.contains("href=\"2017-15.html#t-2017-15-1\""), "{html}");
        assert!(html.contains("href=\"index.html\""), "{html}");
        assert!(!html.contains("href=\"#/"), "{html}");
    }

    #[test]
    fn without_an_archive_the_reader_renders_its_waiting_frame() {
        let html = render(None, None, Route::Issues, Links::Reader);
        assert!(html.contains("正在加载目录"), "{html}");
        assert!(html.contains("按地区浏览"), "{html}");
    }
}
