//! Issues from PDF files, as printed: lopdf reads the file's structure; [`content`] runs each
//! page's content stream for its glyphs and their places; [`fonts`] and [`cjk_cmaps`] give
//! each glyph its text, `/ToUnicode` or not; [`layout`] rebuilds the paragraphs from where the
//! lines stand. The result is the paragraphs the issue parser reads from a Word document, each
//! with its page and line for the diagnostics.
//!
//! What cannot give a faithful issue is refused with the pages it concerns: a file cut off or
//! damaged, one locked by a password, pages that are images only (a scan), and pages whose
//! fonts give no text for their glyphs.

mod cjk_cmaps;
mod content;
mod fonts;
mod layout;

use lianluo_core::diagnostic::Message;
use lopdf::{Document, LoadOptions};

pub use layout::Paragraph;

/// The most any one stream may unpack to: 64 MiB. An issue's page content is some kilobytes;
/// the bound keeps a compressed bomb from taking the memory. Sensible from 8 MiB to 256 MiB.
const MAX_STREAM_BYTES: usize = 64 * 1024 * 1024;

/// The share of a page's glyphs that may lack text before the page is refused rather than
/// read with gaps. Range 0–0.05: a symbol font's bullet is tolerable, a page of them is not.
const MAX_UNDECODED_SHARE: f64 = 0.02;

/// How far from the end of the file its `%%EOF` marker may stand, in bytes: writers end
/// with it (and a line end); a file cut off in transfer lacks it.
const EOF_WINDOW: usize = 1024;

/// What a PDF says: its paragraphs, and what was left out of them.
#[derive(Debug)]
pub struct PdfText {
    pub paragraphs: Vec<Paragraph>,
    /// Lines some of whose glyphs had no text and were left out: (page, line, how many).
    pub gaps: Vec<(usize, usize, usize)>,
}

/// Reads an issue's PDF into paragraphs, or says why it cannot be read faithfully.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfText, Message> {
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(Message::new(
            "pdf-cut-off",
            "the PDF ends before its end marker (%%EOF): it is cut off or damaged; expected the whole file (copy or download it again)",
        ));
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => locked(),
        e => Message::new(
            "pdf-damaged",
            format!("the PDF cannot be read ({e}); expected a PDF as a word processor or typesetting system saves it"),
        )
        .arg("reason", e),
    })?;
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err(locked());
    }
    let mut interpreter = content::Interpreter::new(&doc, MAX_STREAM_BYTES);
    let mut pages = Vec::new();
    let mut unreadable = Vec::new();
    let mut scanned = Vec::new();
    let mut undecoded = Vec::new();
    for (number, id) in doc.get_pages() {
        let number = number as usize;
        let page = match interpreter.page(id) {
            Ok(page) => page,
            Err(content::PageFailure::Unreadable) => {
                unreadable.push(number);
                continue;
            }
            Err(content::PageFailure::TooMuch) => return Err(too_much()),
            Err(content::PageFailure::TooLarge) => return Err(too_large(number)),
        };
        let glyphs = page.glyphs.len();
        if glyphs == 0 && page.has_images {
            scanned.push(number);
        }
        let missing = page.glyphs.iter().filter(|g| g.text.is_none()).count();
        if glyphs > 0 && missing as f64 > MAX_UNDECODED_SHARE * glyphs as f64 {
            undecoded.push(number);
        }
        pages.push(layout::lines(number, &page.glyphs));
    }
    refuse_pages(&unreadable, "pdf-pages-unreadable", "the content of {pages} cannot be read; expected a PDF as a word processor or typesetting system saves it")?;
    refuse_pages(&scanned, "pdf-pages-scanned", "{pages} are images with no text (a scan); expected a PDF with its text, as saved from Word, WPS or the typesetting system (a scan needs OCR first)")?;
    refuse_pages(&undecoded, "pdf-pages-undecodable", "the fonts of {pages} do not say which characters they draw (no /ToUnicode and no known encoding); expected a PDF whose text can be copied (save it again from the source document)")?;
    let pages = layout::without_running_lines(pages);
    let gaps = pages
        .iter()
        .flatten()
        .filter(|l| l.undecoded > 0)
        .map(|l| (l.page, l.number, l.undecoded))
        .collect();
    let paragraphs = layout::paragraphs(&pages);
    if paragraphs.is_empty() {
        return Err(Message::new(
            "pdf-no-text",
            "the PDF has no text; expected an issue's PDF as saved from Word, WPS or the typesetting system",
        ));
    }
    Ok(PdfText { paragraphs, gaps })
}

fn too_large(page: usize) -> Message {
    let mb = MAX_STREAM_BYTES / (1024 * 1024);
    Message::new(
        "pdf-page-too-large",
        format!("page {page} unpacks to more than {mb} MB, far more than any issue's page; expected one issue's PDF"),
    )
    .arg("page", page)
    .arg("mb", mb)
}

fn too_much() -> Message {
    let most = content::MAX_WORK;
    Message::new(
        "pdf-too-much",
        format!("the PDF takes more than {most} characters and drawing operations to read, far more than any issue; expected one issue's PDF"),
    )
    .arg("most", most)
}

fn locked() -> Message {
    Message::new(
        "pdf-locked",
        "the PDF is locked with a password; expected an unlocked PDF (open it with its password and save or print it as a new PDF)",
    )
}

/// Refuses with `message` (its `{pages}` filled in) when `pages` is not empty.
fn refuse_pages(pages: &[usize], id: &'static str, message: &str) -> Result<(), Message> {
    if pages.is_empty() {
        return Ok(());
    }
    let numbers = pages
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let english = if pages.len() == 1 {
        format!("page {numbers}")
    } else {
        format!("pages {numbers}")
    };
    Err(Message::new(id, message.replace("{pages}", &english))
        .arg("pages", numbers)
        .arg("count", pages.len()))
}

/// A PDF number object's value.
fn number(object: &lopdf::Object) -> Option<f64> {
    match object {
        lopdf::Object::Integer(i) => Some(*i as f64),
        lopdf::Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}
