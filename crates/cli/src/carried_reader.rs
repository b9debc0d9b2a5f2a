//! The reader `lianluo` carries (see `build.rs`): its loader, programs, styles with their
//! compressed siblings, icon and server settings, written at the top of every site `build`
//! makes, so that a site's static HTML and its WebAssembly always come from one version; and
//! the standalone page, written with the newest issue's text inside.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::i18n::t;
use crate::report::to_stderr;

mod files {
    include!(concat!(env!("OUT_DIR"), "/carried_reader.rs"));
}

/// The standalone page among the carried files: a template, written with the newest issue's
/// text in place of [`TEXT_PLACE`], never as it is.
const PAGE_TEMPLATE: &str = "index.html";

/// Where the standalone page's template takes the newest issue's text: inside the element
/// that carries `data-lianluo-src`.
const TEXT_PLACE: &str = "<!--lianluo:text-->";

/// The reader address the standalone page's own text shows (the newest issue), as the loader
/// reads it from `data-lianluo-shows`: for any other address it fetches that view's text.
const TEXT_SHOWS: &str = "#/";

/// A reader's built files, by path at the site's top.
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    files: &'static [(&'static str, &'static [u8])],
}

impl Reader {
    /// The reader this build of `lianluo` carries, if any.
    pub fn carried() -> Option<Reader> {
        Reader::of(files::FILES)
    }

    /// A reader of `files`; `None` when there are none.
    pub fn of(files: &'static [(&'static str, &'static [u8])]) -> Option<Reader> {
        (!files.is_empty()).then_some(Reader { files })
    }

    /// The files written as they are, by their path at the site's top.
    pub fn assets(&self) -> impl Iterator<Item = (&'static str, &'static [u8])> {
        self.files
            .iter()
            .copied()
            .filter(|(path, _)| *path != PAGE_TEMPLATE)
    }

    /// The standalone page with `text` (the newest issue's view, as HTML the reader's own
    /// components rendered) in its reader's element, so that the text paints from the first
    /// response; `None` when the reader has no page.
    pub fn standalone_page(&self, text: &str) -> Option<String> {
        let (_, template) = self.files.iter().find(|(path, _)| *path == PAGE_TEMPLATE)?;
        let template = std::str::from_utf8(template).ok()?;
        Some(page_with_text(template, text))
    }
}

/// The carried reader's version (`0.1.0+<hash of its files>`), when there is one.
pub fn version() -> Option<&'static str> {
    Some(env!("LIANLUO_READER_VERSION")).filter(|v| !v.is_empty())
}

/// What `lianluo --version` says: the tool's version and the reader's it carries.
pub fn version_line() -> String {
    let tool = env!("CARGO_PKG_VERSION").to_owned();
    match version() {
        Some(reader) => t(
            "version-with-reader",
            &[("tool", tool), ("reader", reader.to_owned())],
        ),
        None => t("version-no-reader", &[("tool", tool)]),
    }
}

/// `template` with `text` in place of [`TEXT_PLACE`], in the element the loader takes as the
/// view's own text.
fn page_with_text(template: &str, text: &str) -> String {
    let own_text =
        format!("<div class=\"lianluo\" data-lianluo-shows=\"{TEXT_SHOWS}\">{text}</div>");
    template.replacen(TEXT_PLACE, &own_text, 1)
}

/// Says, once a run, that this build carries no reader and so writes data only.
pub fn say_data_only_once() {
    static SAID: AtomicBool = AtomicBool::new(false);
    if !SAID.swap(true, Ordering::Relaxed) {
        to_stderr(format_args!("{}", t("build-no-reader", &[])));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_goes_inside_the_readers_element_once() {
        let template = "<div data-lianluo-src=\"data/index.json\"><!--lianluo:text--></div>";
        let page = page_with_text(template, "<p>让市</p>");
        assert_eq!(
            page,
            "<div data-lianluo-src=\"data/index.json\"><div class=\"lianluo\" \
             data-lianluo-shows=\"#/\"><p>让市</p></div></div>"
        );
    }

    #[test]
    fn the_template_is_written_with_the_text_and_never_as_it_is() {
        static FILES: [(&str, &[u8]); 2] = [
            ("index.html", b"<main><!--lianluo:text--></main>"),
            ("lianluo.js", b"export {}"),
        ];
        let reader = Reader::of(&FILES).expect("files");
        let paths: Vec<&str> = reader.assets().map(|(path, _)| path).collect();
        assert_eq!(paths, ["lianluo.js"]);
        let page = reader.standalone_page("<p>文</p>").expect("a page");
        assert!(page.contains("<p>文</p></div></main>"), "{page}");
        assert!(Reader::of(&[]).is_none());
    }

    #[test]
    fn a_version_is_named_exactly_when_files_are_carried() {
        assert_eq!(version().is_some(), Reader::carried().is_some());
        if let Some(version) = version() {
            assert!(version.starts_with(env!("CARGO_PKG_VERSION")), "{version}");
        }
    }
}
