//! A page's content stream run for its text: every glyph shown, where it stands on the page,
//! how large and wide it is, and its text (ISO 32000-1 §9.4, text objects and operators).
//! Form XObjects are entered; what is painted otherwise matters only as "there were images".

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::fonts::Font;
use super::number;

/// How deep Form XObjects may nest inside each other; deeper ones (or a form drawing itself)
/// are damage and are not entered.
const MAX_FORM_DEPTH: usize = 8;

/// The most operations and glyphs a document may take to run, together: 10,000,000. An issue
/// takes some tens of thousands; the bound keeps a crafted file (a stream of text operators,
/// a form drawn again and again) from taking the memory or the time. Sensible from 1,000,000
/// to 100,000,000.
pub const MAX_WORK: usize = 10_000_000;

/// Why a page's text could not be had.
#[derive(Debug)]
pub enum PageFailure {
    /// The content cannot be read.
    Unreadable,
    /// A stream of it unpacks past the bound.
    TooLarge,
    /// The document takes more than [`MAX_WORK`] operations and glyphs.
    TooMuch,
}

/// A glyph shown on a page, in the page's default space (points, y up).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Where its origin stands on the baseline.
    pub x: f64,
    pub y: f64,
    /// Its advance along the baseline.
    pub width: f64,
    /// The font size as drawn (text and current transformation matrices applied).
    pub size: f64,
    /// What it reads as; `None` when its font cannot say.
    pub text: Option<String>,
}

/// What one page shows.
#[derive(Debug, Default)]
pub struct PageText {
    pub glyphs: Vec<Glyph>,
    /// Whether images were painted on it (a page of images and no text is a scan).
    pub has_images: bool,
}

/// A row-vector affine matrix `[a b c d e f]`, as PDF writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translation(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` then `then`.
    fn then(self, then: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = then.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }
}

/// The text state parameters (§9.3) that the graphics state carries.
#[derive(Clone)]
struct TextState {
    font: Option<Vec<u8>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    horizontal_scale: f64,
    leading: f64,
    rise: f64,
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    text: TextState,
}

/// Runs content streams, keeping the fonts it has read.
pub struct Interpreter<'a> {
    doc: &'a Document,
    /// The most any one stream may unpack to.
    max_stream_bytes: usize,
    /// Operations run and glyphs shown so far, over every page.
    work: usize,
    fonts: BTreeMap<ObjectId, Font<'a>>,
    /// Fonts given inline in a resource dictionary rather than by reference, by their name.
    inline_fonts: Vec<(Vec<u8>, Font<'a>)>,
}

impl<'a> Interpreter<'a> {
    pub fn new(doc: &'a Document, max_stream_bytes: usize) -> Interpreter<'a> {
        Interpreter {
            doc,
            max_stream_bytes,
            work: 0,
            fonts: BTreeMap::new(),
            inline_fonts: Vec::new(),
        }
    }

    /// The text of a page.
    pub fn page(&mut self, page_id: ObjectId) -> Result<PageText, PageFailure> {
        let content = self
            .doc
            .get_page_content_with_limit(page_id, self.max_stream_bytes)
            .map_err(failure)?;
        let (direct, inherited) = self
            .doc
            .get_page_resources(page_id)
            .map_err(|_| PageFailure::Unreadable)?;
        self.inline_fonts.clear();
        let mut resources: Vec<&'a Dictionary> = direct.into_iter().collect();
        for id in inherited {
            if let Ok(dict) = self.doc.get_dictionary(id) {
                resources.push(dict);
            }
        }
        let mut page = PageText::default();
        let state = GraphicsState {
            ctm: Matrix::IDENTITY,
            text: TextState {
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                horizontal_scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
        };
        self.run(&content, &resources, state, 0, &mut page)?;
        Ok(page)
    }

    /// Runs one content stream, operation by operation as they are parsed (a stream's
    /// operations are never all held at once).
    fn run(
        &mut self,
        content: &[u8],
        resources: &[&'a Dictionary],
        mut state: GraphicsState,
        depth: usize,
        page: &mut PageText,
    ) -> Result<(), PageFailure> {
        let mut saved = Vec::new();
        let mut text_matrix = Matrix::IDENTITY;
        let mut line_matrix = Matrix::IDENTITY;
        for op in Content::decode_iter(content) {
            let op = op.map_err(|_| PageFailure::Unreadable)?;
            self.work += 1;
            if self.work > MAX_WORK {
                return Err(PageFailure::TooMuch);
            }
            let operands = &op.operands;
            let n = |i: usize| operands.get(i).and_then(number).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => saved.push(state.clone()),
                "Q" => {
                    if let Some(s) = saved.pop() {
                        state = s;
                    }
                }
                "cm" if operands.len() == 6 => {
                    state.ctm = Matrix([n(0), n(1), n(2), n(3), n(4), n(5)]).then(state.ctm);
                }
                "BT" => {
                    text_matrix = Matrix::IDENTITY;
                    line_matrix = Matrix::IDENTITY;
                }
                "Tf" => {
                    state.text.font = operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .map(<[u8]>::to_vec);
                    state.text.size = n(1);
                }
                "Tc" => state.text.char_spacing = n(0),
                "Tw" => state.text.word_spacing = n(0),
                "Tz" => state.text.horizontal_scale = n(0) / 100.0,
                "TL" => state.text.leading = n(0),
                "Ts" => state.text.rise = n(0),
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        state.text.leading = -n(1);
                    }
                    line_matrix = Matrix::translation(n(0), n(1)).then(line_matrix);
                    text_matrix = line_matrix;
                }
                "Tm" if operands.len() == 6 => {
                    line_matrix = Matrix([n(0), n(1), n(2), n(3), n(4), n(5)]);
                    text_matrix = line_matrix;
                }
                "T*" | "'" | "\"" => {
                    if op.operator == "\"" {
                        state.text.word_spacing = n(0);
                        state.text.char_spacing = n(1);
                    }
                    line_matrix = Matrix::translation(0.0, -state.text.leading).then(line_matrix);
                    text_matrix = line_matrix;
                    if let Some(Ok(bytes)) = operands.last().map(Object::as_str) {
                        if op.operator != "T*" {
                            self.show(bytes, &state, &mut text_matrix, resources, page);
                        }
                    }
                }
                "Tj" => {
                    if let Some(Ok(bytes)) = operands.first().map(Object::as_str) {
                        self.show(bytes, &state, &mut text_matrix, resources, page);
                    }
                }
                "TJ" => {
                    let items = operands.first().and_then(|o| o.as_array().ok());
                    for item in items.map(Vec::as_slice).unwrap_or_default() {
                        if let Ok(bytes) = item.as_str() {
                            self.show(bytes, &state, &mut text_matrix, resources, page);
                        } else if let Some(adjust) = number(item) {
                            let t = &state.text;
                            let tx = -adjust / 1000.0 * t.size * t.horizontal_scale;
                            text_matrix = Matrix::translation(tx, 0.0).then(text_matrix);
                        }
                    }
                }
                "BI" => page.has_images = true,
                "Do" => {
                    let name = operands.first().and_then(|o| o.as_name().ok());
                    if let Some(name) = name {
                        self.draw_xobject(name, resources, &state, depth, page)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn draw_xobject(
        &mut self,
        name: &[u8],
        resources: &[&'a Dictionary],
        state: &GraphicsState,
        depth: usize,
        page: &mut PageText,
    ) -> Result<(), PageFailure> {
        let doc = self.doc;
        let Some(stream) = resources.iter().find_map(|r| {
            let xobjects = r.get_deref(b"XObject", doc).ok()?.as_dict().ok()?;
            xobjects.get_deref(name, doc).ok()?.as_stream().ok()
        }) else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => page.has_images = true,
            Ok(b"Form") if depth < MAX_FORM_DEPTH => {
                let content = stream
                    .decompressed_content_with_limit(self.max_stream_bytes)
                    .map_err(failure)?;
                let mut inner = state.clone();
                if let Ok(m) = stream.dict.get(b"Matrix").and_then(Object::as_array) {
                    let m: Vec<f64> = m.iter().filter_map(number).collect();
                    if let [a, b, c, d, e, f] = m[..] {
                        inner.ctm = Matrix([a, b, c, d, e, f]).then(inner.ctm);
                    }
                }
                let own = stream
                    .dict
                    .get_deref(b"Resources", doc)
                    .and_then(Object::as_dict);
                let mut scope: Vec<&'a Dictionary> = own.into_iter().collect();
                scope.extend_from_slice(resources);
                self.run(&content, &scope, inner, depth + 1, page)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Shows a string: each code becomes a glyph, and the text matrix moves past it.
    fn show(
        &mut self,
        bytes: &[u8],
        state: &GraphicsState,
        text_matrix: &mut Matrix,
        resources: &[&'a Dictionary],
        page: &mut PageText,
    ) {
        // A string has at most as many codes as bytes: bounding by its length first keeps a
        // crafted string of millions of codes from being split at all.
        self.work += bytes.len();
        if self.work > MAX_WORK {
            return;
        }
        let t = &state.text;
        let Some(font) = t
            .font
            .as_deref()
            .and_then(|name| self.font(name, resources))
        else {
            return;
        };
        let parameters = Matrix([t.size * t.horizontal_scale, 0.0, 0.0, t.size, 0.0, t.rise]);
        for code in font.codes(bytes) {
            let render = parameters.then(*text_matrix).then(state.ctm);
            let [_, _, c, d, x, y] = render.0;
            let space = if code.bytes == b" " {
                t.word_spacing
            } else {
                0.0
            };
            let advance = (code.width * t.size + t.char_spacing + space) * t.horizontal_scale;
            let scale = (advance.abs() > 0.0).then(|| {
                let moved = Matrix::translation(advance, 0.0)
                    .then(*text_matrix)
                    .then(state.ctm);
                (moved.0[4] - x).hypot(moved.0[5] - y)
            });
            page.glyphs.push(Glyph {
                x,
                y,
                width: scale.unwrap_or(0.0),
                size: c.hypot(d),
                text: code.text,
            });
            *text_matrix = Matrix::translation(advance, 0.0).then(*text_matrix);
        }
    }

    /// The font a resource name stands for, read once per font object.
    fn font(&mut self, name: &[u8], resources: &[&'a Dictionary]) -> Option<&Font<'a>> {
        let doc = self.doc;
        let entry = resources.iter().find_map(|r| {
            let fonts = r.get_deref(b"Font", doc).ok()?.as_dict().ok()?;
            fonts.get(name).ok()
        })?;
        match entry {
            Object::Reference(id) => {
                if !self.fonts.contains_key(id) {
                    let dict = doc.get_dictionary(*id).ok()?;
                    self.fonts.insert(*id, Font::new(dict, doc));
                }
                self.fonts.get(id)
            }
            Object::Dictionary(dict) => {
                let at = match self.inline_fonts.iter().position(|(n, _)| n == name) {
                    Some(at) => at,
                    None => {
                        self.inline_fonts
                            .push((name.to_vec(), Font::new(dict, doc)));
                        self.inline_fonts.len() - 1
                    }
                };
                self.inline_fonts.get(at).map(|(_, font)| font)
            }
            _ => None,
        }
    }
}

/// What a lopdf error reading a stream means for the page.
fn failure(error: lopdf::Error) -> PageFailure {
    match error {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            PageFailure::TooLarge
        }
        _ => PageFailure::Unreadable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_as_pdf_row_vectors_do() {
        // Scale by 2, then move by (10, 20): the origin lands at (10, 20), (1, 0) at (12, 20).
        let m = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]).then(Matrix::translation(10.0, 20.0));
        assert_eq!(m, Matrix([2.0, 0.0, 0.0, 2.0, 10.0, 20.0]));
        let moved = Matrix::translation(1.0, 0.0).then(m);
        assert_eq!((moved.0[4], moved.0[5]), (12.0, 20.0));
    }
}
