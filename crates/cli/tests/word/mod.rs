//! Word documents for the tests, built here rather than kept as opaque files: a minimal but
//! complete .docx package (content types, relationships, the document part) whose body is
//! written the way Word writes it — text split across runs wherever formatting changes, even
//! inside a word; soft line breaks, tabs and page breaks inside runs; empty paragraphs.

use std::io::Write;

/// One piece of a paragraph, in order.
#[derive(Debug, Clone)]
pub enum Piece {
    /// Text in a run of its own (`w:r`/`w:t`), bold when `bold` (a formatting change is what
    /// makes Word start a new run).
    Run { text: String, bold: bool },
    /// A soft line break (Shift+Enter).
    LineBreak,
    /// A tab.
    Tab,
    /// A page break inside the paragraph: not a break in the text.
    PageBreak,
    /// An inline picture.
    Image,
}

/// A body element.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph of pieces (none: an empty paragraph).
    Paragraph(Vec<Piece>),
    /// A one-cell table holding this text.
    Table(String),
}

/// A paragraph of one run.
pub fn paragraph(text: &str) -> Block {
    Block::Paragraph(runs(text, usize::MAX))
}

/// `text` as runs of at most `size` characters, alternately plain and bold: the split falls
/// inside words and inside sequences like 2017 or 第15期, as Word's runs do after editing.
pub fn runs(text: &str, size: usize) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .chunks(size.max(1))
        .enumerate()
        .map(|(i, chunk)| Piece::Run {
            text: chunk.iter().collect(),
            bold: i % 2 == 1,
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn piece_xml(piece: &Piece) -> String {
    match piece {
        Piece::Run { text, bold } => {
            let props = if *bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
            format!(
                r#"<w:r>{props}<w:t xml:space="preserve">{}</w:t></w:r>"#,
                escape(text)
            )
        }
        Piece::LineBreak => "<w:r><w:br/></w:r>".into(),
        Piece::Tab => "<w:r><w:tab/></w:r>".into(),
        Piece::PageBreak => r#"<w:r><w:br w:type="page"/></w:r>"#.into(),
        Piece::Image => r#"<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="图片 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="photo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId9"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#.into(),
    }
}

/// The `word/document.xml` of `blocks`.
pub fn document_xml(blocks: &[Block]) -> String {
    let mut body = String::new();
    for block in blocks {
        match block {
            Block::Paragraph(pieces) if pieces.is_empty() => body.push_str("<w:p/>"),
            Block::Paragraph(pieces) => {
                // Paragraph properties with tab stops hold `w:tab` elements too, which are
                // not text.
                body.push_str(r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs><w:jc w:val="both"/></w:pPr>"#);
                for piece in pieces {
                    body.push_str(&piece_xml(piece));
                }
                body.push_str("</w:p>");
            }
            Block::Table(text) => body.push_str(&format!(
                r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tr><w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
                escape(text)
            )),
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELATIONSHIPS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A zip archive of `files` (name, content), compressed as Word compresses.
pub fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
    let mut cursor = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut cursor);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        writer.start_file(*name, options).expect("starts a part");
        writer.write_all(content.as_bytes()).expect("writes a part");
    }
    writer.finish().expect("finishes the archive");
    cursor.into_inner()
}

/// The .docx of `blocks`.
pub fn docx(blocks: &[Block]) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELATIONSHIPS),
        ("word/document.xml", &document_xml(blocks)),
    ])
}

/// Whether a text paragraph ends a sentence (the parser's closing punctuation).
fn closed(text: &str) -> bool {
    text.ends_with(['。', '！', '？', '；', '：', '…', '”', '』', '」'])
}

/// The sample issue's text as the Word document it was written in: each blank-line-separated
/// block a paragraph, the parts of a body paragraph that PDF page breaks cut apart joined back
/// (Word has no such cuts), each back-matter line a paragraph of its own, and an empty
/// paragraph between masthead, note, articles and back matter as editors leave them. Runs are
/// split every few characters.
pub fn sample_as_word(text: &str, run_size: usize) -> Vec<Block> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut in_body = false;
    let mut body_open = false;
    let mut in_back_matter = false;
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        in_body |= block.starts_with("【编者按】");
        in_back_matter |= block.starts_with("送：");
        let lines: Vec<&str> = block.lines().map(str::trim).collect();
        if in_back_matter {
            paragraphs.extend(lines.iter().map(|l| l.to_string()));
            continue;
        }
        let joined = lines.concat();
        let heading = joined.chars().take(8).any(|c| c == ':' || c == '：');
        if in_body && body_open {
            if let Some(previous) = paragraphs.last_mut() {
                previous.push_str(&joined);
                body_open = !closed(previous);
                continue;
            }
        }
        body_open = in_body && !heading && !closed(&joined);
        paragraphs.push(joined);
    }
    let mut blocks = Vec::new();
    for p in paragraphs {
        let section_start = p.starts_with("【编者按】") || p.starts_with("送：");
        if section_start {
            blocks.push(Block::Paragraph(Vec::new()));
        }
        blocks.push(Block::Paragraph(runs(&p, run_size)));
    }
    blocks
}
