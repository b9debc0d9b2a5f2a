//! Reading a Word document (.docx): the paragraphs of its body, in order, as plain text.
//!
//! A .docx is a zip archive whose `word/document.xml` holds the body: paragraphs (`w:p`) of
//! runs (`w:r`) of text (`w:t`). Word splits a paragraph's text across runs wherever its
//! formatting or editing history changes, even inside a word, so a paragraph's text is its
//! runs' text concatenated. Soft line breaks (`w:br`, `w:cr`) become `\n`, tabs `\t`; tables,
//! images and other drawings are skipped and reported by paragraph number. Headers, footers
//! and footnotes are not part of the issue and are not read.

use std::io::Read;

use lianluo_core::diagnostic::Message;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The body part of a Word document inside its zip archive.
pub const DOCUMENT_PART: &str = "word/document.xml";

/// The most bytes `word/document.xml` may unpack to: 32 MiB. A real issue's body is under
/// 1 MB (the sample issue's is about 50 kB), so this leaves room for any issue and only stops an
/// archive crafted or damaged to unpack into gigabytes; the unpacking stops there, so the
/// memory a document can take stays about three times this (the text, then its paragraphs).
/// Sensible from a few MiB (a long issue with heavy formatting) to a few hundred.
pub const MAX_DOCUMENT_BYTES: u64 = 32 * 1024 * 1024;

/// Something in the document that is not text and was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// A table, placed before the paragraph of this number (from 1).
    Table {
        /// The paragraph after the table.
        before_paragraph: usize,
    },
    /// An image, drawing or embedded object inside this paragraph.
    Image {
        /// The paragraph holding it.
        paragraph: usize,
    },
}

/// The text of a Word document's body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxText {
    /// Every body paragraph in order, empty ones included; soft line breaks as `\n`.
    pub paragraphs: Vec<String>,
    /// What was skipped, in document order.
    pub skipped: Vec<Skipped>,
}

/// The first bytes of a compound file, the container of Word's older .doc format.
const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Reads the paragraphs of the Word document in `bytes`; the error says why it is not one.
pub fn read_docx(bytes: &[u8]) -> Result<DocxText, Message> {
    if bytes.starts_with(OLE_SIGNATURE) {
        return Err(Message::new(
            "docx-old-word",
            "this is a Word 97–2003 document (.doc); expected a .docx (in Word: Save As, Word Document)",
        ));
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        Message::new(
            "docx-not-a-zip",
            "this is not a Word document, or the file is incomplete; expected a file saved by Word as .docx",
        )
    })?;
    let damaged = || {
        Message::new(
            "docx-damaged",
            "the Word document is damaged (its text cannot be unpacked or read); expected a file saved by Word as .docx",
        )
    };
    let part = archive.by_name(DOCUMENT_PART).map_err(|e| match e {
        zip::result::ZipError::FileNotFound => Message::new(
            "docx-no-body",
            "this zip archive holds no Word document body (word/document.xml); expected a file saved by Word as .docx",
        ),
        _ => damaged(),
    })?;
    // Unpacked only up to one byte past the limit: the size the archive declares may lie.
    let capacity = part.size().min(MAX_DOCUMENT_BYTES + 1);
    let mut xml = Vec::with_capacity(usize::try_from(capacity).unwrap_or_default());
    part.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|_| damaged())?;
    if xml.len() as u64 > MAX_DOCUMENT_BYTES {
        let mb = MAX_DOCUMENT_BYTES / (1024 * 1024);
        return Err(Message::new(
            "docx-text-too-large",
            format!("the Word document's text unpacks to more than {mb} MB; a real issue's is under 1 MB, so the file is damaged or not an issue; expected a file saved by Word as .docx"),
        )
        .arg("mb", mb));
    }
    let xml = String::from_utf8(xml).map_err(|_| damaged())?;
    paragraphs_of(&xml).map_err(|_| damaged())
}

/// Whether the element is named `name` (Word's `w:` prefix and the others are fixed in
/// practice: Word, LibreOffice and the libraries that write .docx all use them).
fn is(element: &BytesStart<'_>, name: &[u8]) -> bool {
    element.name().as_ref() == name
}

/// Whether a `w:br` is a line break (a page or column break is not a break in the text).
fn is_line_break(element: &BytesStart<'_>) -> bool {
    element
        .try_get_attribute("w:type")
        .ok()
        .flatten()
        .is_none_or(|kind| kind.value.as_ref() == b"textWrapping")
}

/// Elements skipped whole, with what they are reported as (`true`: a table).
fn skipped_element(element: &BytesStart<'_>) -> Option<bool> {
    match element.name().as_ref() {
        b"w:tbl" => Some(true),
        // Pictures and shapes; `mc:AlternateContent` carries a drawing and its fallback copy,
        // whose text boxes would otherwise be read twice.
        b"w:drawing" | b"w:pict" | b"w:object" | b"mc:AlternateContent" => Some(false),
        _ => None,
    }
}

/// Text that is in the XML but not on the page: a tracked change's moved-away original
/// (`w:moveFrom`; deletions use `w:delText`, which is never read) and the pronunciation shown
/// above characters by Word's phonetic guide (`w:rt` of a `w:ruby`).
fn is_unprinted_text(element: &BytesStart<'_>) -> bool {
    matches!(element.name().as_ref(), b"w:moveFrom" | b"w:rt")
}

/// The body's paragraphs from `word/document.xml`.
pub fn paragraphs_of(xml: &str) -> Result<DocxText, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut text = DocxText::default();
    let mut paragraph: Option<String> = None;
    let mut in_run = false;
    let mut in_text = false;
    loop {
        let event = reader.read_event()?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event, Event::Empty(_));
                if is_unprinted_text(e) {
                    if !empty {
                        reader.read_to_end(e.name())?;
                    }
                } else if let Some(table) = skipped_element(e) {
                    let number = text.paragraphs.len() + 1;
                    let skipped = if table {
                        Skipped::Table {
                            before_paragraph: number,
                        }
                    } else {
                        Skipped::Image { paragraph: number }
                    };
                    // One report per paragraph and kind is enough: an image's parts nest.
                    if text.skipped.last() != Some(&skipped) {
                        text.skipped.push(skipped);
                    }
                    if !empty {
                        reader.read_to_end(e.name())?;
                    }
                } else if is(e, b"w:p") {
                    if empty {
                        text.paragraphs.push(String::new());
                    } else {
                        paragraph = Some(String::new());
                    }
                } else if is(e, b"w:r") {
                    in_run = !empty;
                } else if is(e, b"w:t") {
                    in_text = !empty;
                } else if let (Some(p), true) = (paragraph.as_mut(), in_run) {
                    match e.name().as_ref() {
                        b"w:br" if is_line_break(e) => p.push('\n'),
                        b"w:cr" => p.push('\n'),
                        b"w:tab" => p.push('\t'),
                        b"w:noBreakHyphen" => p.push('-'),
                        _ => {}
                    }
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:p" => text.paragraphs.extend(paragraph.take()),
                b"w:r" => in_run = false,
                b"w:t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&t.unescape()?);
                }
            }
            Event::CData(t) if in_text => {
                if let Some(p) = paragraph.as_mut() {
                    p.push_str(&String::from_utf8_lossy(t));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{inner}<w:sectPr/></w:body></w:document>"#
        )
    }

    #[test]
    fn runs_join_and_breaks_and_tabs_are_kept() {
        let xml = body(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>湘潭</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>市：加强</w:t></w:r><w:r><w:t xml:space="preserve"> 领导&amp;</w:t><w:tab/><w:t>x</w:t><w:br/><w:t>y</w:t><w:br w:type="page"/></w:r></w:p><w:p/><w:p><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>"#,
        );
        let text = paragraphs_of(&xml).expect("parses");
        assert_eq!(text.paragraphs, ["湘潭市：加强 领导&\tx\ny", "", ""]);
        assert!(text.skipped.is_empty());
    }

    #[test]
    fn deleted_moved_away_and_phonetic_text_is_not_read() {
        let xml = body(
            r#"<w:p><w:r><w:t>选举</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:ins><w:r><w:t>任免</w:t></w:r></w:ins><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:r><w:ruby><w:rt><w:r><w:t>lián</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>联</w:t></w:r></w:rubyBase></w:ruby></w:r><w:hyperlink><w:r><w:t>络</w:t></w:r></w:hyperlink></w:p>"#,
        );
        let text = paragraphs_of(&xml).expect("parses");
        assert_eq!(text.paragraphs, ["选举任免联络"]);
    }

    #[test]
    fn tables_and_images_are_skipped_and_located() {
        let xml = body(
            r#"<w:p><w:r><w:t>一</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>表</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>二</w:t></w:r><w:r><w:drawing><wp:inline><a:p>图</a:p></wp:inline></w:drawing></w:r></w:p>"#,
        );
        let text = paragraphs_of(&xml).expect("parses");
        assert_eq!(text.paragraphs, ["一", "二"]);
        assert_eq!(
            text.skipped,
            [
                Skipped::Table {
                    before_paragraph: 2
                },
                Skipped::Image { paragraph: 2 }
            ]
        );
    }

    #[test]
    fn not_a_word_document_is_said_so() {
        assert_eq!(read_docx(b"hello").unwrap_err().id, "docx-not-a-zip");
        assert_eq!(
            read_docx(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest")
                .unwrap_err()
                .id,
            "docx-old-word"
        );
        let mut zipped = std::io::Cursor::new(Vec::new());
        let mut writer = zip::ZipWriter::new(&mut zipped);
        writer
            .start_file("notes.txt", zip::write::SimpleFileOptions::default())
            .expect("starts");
        std::io::Write::write_all(&mut writer, b"x").expect("writes");
        writer.finish().expect("finishes");
        let bytes = zipped.into_inner();
        assert_eq!(read_docx(&bytes).unwrap_err().id, "docx-no-body");
        assert_eq!(
            read_docx(&bytes[..bytes.len() / 2]).unwrap_err().id,
            "docx-not-a-zip"
        );
    }
}
