//! Synthetic issues printed as PDFs the way a 公文 typesetting system prints them: A4, 28
//! characters of 16 pt a line, the CID font STSong-Light by `UniGB-UCS2-H`, not embedded and
//! without `/ToUnicode`; masthead centred, publisher and date on one line, body paragraphs
//! indented two characters, headings centred, larger and set apart, back matter in 14 pt, a page
//! number under each page. For the back-catalogue benchmark: `lianluo build` of many PDFs.

use lianluo_core::numerals::write_number;
use lianluo_core::{BlockKind, Issue};
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream, StringFormat};

const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const BODY_SIZE: f32 = 16.0;
const TEXT_WIDTH: f32 = 28.0 * BODY_SIZE;
const LEFT: f32 = (PAGE_WIDTH - TEXT_WIDTH) / 2.0;
const TOP: f32 = PAGE_HEIGHT - 100.0;
const BOTTOM: f32 = 100.0;
const LEADING: f32 = 29.0;
const BACK_SIZE: f32 = 14.0;
/// Headings are set larger than the body, as in print, and smaller where a long one would not
/// fit on its line.
const HEADING_SIZE: f32 = 18.0;

/// A character's advance in ems: the font's proportional Latin is declared half an em wide.
fn advance(c: char) -> f32 {
    if c.is_ascii() {
        0.5
    } else {
        1.0
    }
}

fn width(text: &str, size: f32) -> f32 {
    text.chars().map(advance).sum::<f32>() * size
}

/// Lines of `text` at `size` no wider than the type area, the first `indent` points in.
fn wrap(text: &str, size: f32, indent: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = indent;
    for c in text.chars() {
        let w = advance(c) * size;
        if used + w > TEXT_WIDTH + 0.01 && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0.0;
        }
        line.push(c);
        used += w;
    }
    lines.push(line);
    lines
}

/// Pages of drawing operations, written top to bottom.
struct Printer {
    pages: Vec<Vec<Operation>>,
    y: f32,
}

impl Printer {
    fn new() -> Printer {
        Printer {
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    fn show(&mut self, text: &str, size: f32, x: f32) {
        if self.y < BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP;
        }
        let ucs2: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let page = self.pages.last_mut().expect("a page");
        page.push(Operation::new("BT", vec![]));
        page.push(Operation::new("Tf", vec!["F1".into(), size.into()]));
        page.push(Operation::new(
            "Tm",
            vec![
                1.into(),
                0.into(),
                0.into(),
                1.into(),
                x.into(),
                self.y.into(),
            ],
        ));
        page.push(Operation::new(
            "Tj",
            vec![Object::String(ucs2, StringFormat::Hexadecimal)],
        ));
        page.push(Operation::new("ET", vec![]));
    }

    fn centred(&mut self, text: &str, size: f32) {
        self.show(text, size, (PAGE_WIDTH - width(text, size)) / 2.0);
    }

    fn paragraph(&mut self, text: &str) {
        for (i, line) in wrap(text, BODY_SIZE, 2.0 * BODY_SIZE).iter().enumerate() {
            let indent = if i == 0 { 2.0 * BODY_SIZE } else { 0.0 };
            self.show(line, BODY_SIZE, LEFT + indent);
            self.y -= LEADING;
        }
    }
}

/// The issue printed, its back matter as `back_lines` (the lines from 送： on, as printed).
pub fn issue_pdf(issue: &Issue, back_lines: &[&str]) -> Vec<u8> {
    let mut p = Printer::new();
    let serial = issue.serial.map(write_number).unwrap_or_default();
    let (year, rest) = issue.date.split_once('-').unwrap_or_default();
    let (month, day) = rest.split_once('-').unwrap_or_default();
    let date = format!(
        "{year}年{}月{}日",
        month.trim_start_matches('0'),
        day.trim_start_matches('0')
    );
    for (text, size) in [
        (issue.title.clone(), 40.0),
        ("LIANLUODONGTAI".to_owned(), 14.0),
        (format!("第{}期", issue.number), 16.0),
        (format!("(总第{serial}期)"), 14.0),
    ] {
        p.centred(&text, size);
        p.y -= size * 1.8;
    }
    p.y -= 10.0;
    p.show(&format!("{}编", issue.publisher), BACK_SIZE, LEFT);
    p.show(
        &date,
        BACK_SIZE,
        LEFT + TEXT_WIDTH - width(&date, BACK_SIZE),
    );
    p.y -= 8.0 + LEADING + 6.0;
    if let Some(note) = &issue.editor_note {
        p.paragraph(&format!("【编者按】{note}"));
    }
    for article in &issue.articles {
        let heading = format!("{}：{}", article.region.printed, article.title);
        let size = HEADING_SIZE.min(TEXT_WIDTH / width(&heading, 1.0));
        p.y -= LEADING / 2.0;
        p.centred(&heading, size);
        p.y -= LEADING * 1.5;
        for block in &article.blocks {
            match block.kind {
                BlockKind::Paragraph | BlockKind::Heading => p.paragraph(&block.text),
            }
        }
    }
    p.y -= LEADING / 2.0;
    for line in back_lines {
        let hanging = !line.starts_with(['送', '责', '批']);
        p.show(line, BACK_SIZE, LEFT + if hanging { 28.0 } else { 0.0 });
        p.y -= 22.0;
    }
    document(p.pages)
}

/// The PDF of the pages, each with its page number.
fn document(pages: Vec<Vec<Operation>>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "STSong-Light",
        "Flags" => 6,
        "FontBBox" => vec![(-25).into(), (-254).into(), 1000.into(), 880.into()],
        "ItalicAngle" => 0,
        "Ascent" => 880,
        "Descent" => -120,
        "CapHeight" => 880,
        "StemV" => 93,
    });
    let cid_font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType0",
        "BaseFont" => "STSong-Light",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"),
            "Supplement" => 2,
        },
        "FontDescriptor" => descriptor,
        "DW" => 1000,
        "W" => vec![1.into(), 95.into(), 500.into()],
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "STSong-Light",
        "Encoding" => "UniGB-UCS2-H",
        "DescendantFonts" => vec![cid_font.into()],
    });
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font },
    });
    let count = pages.len();
    let mut kids = Vec::new();
    for (n, mut operations) in pages.into_iter().enumerate() {
        let mut footer = Printer {
            pages: vec![Vec::new()],
            y: 60.0,
        };
        footer.centred(&format!("— {} —", n + 1), BACK_SIZE);
        operations.append(&mut footer.pages[0]);
        let content = Content { operations }.encode().expect("content encodes");
        let stream = doc.add_object(Stream::new(dictionary! {}, content));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
            "Contents" => stream,
            "Resources" => resources,
        });
        kids.push(page.into());
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count as i64,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.compress();
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("a PDF in memory is written");
    bytes
}
