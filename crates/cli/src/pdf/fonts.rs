//! A PDF font as the text layer needs it: how a shown string splits into codes, each code's
//! text, and each code's advance width.
//!
//! The text comes from the font's `/ToUnicode` map where it has one (lopdf parses it); else
//! from a predefined CJK CMap ([`super::cjk_cmaps`]); else, for simple fonts, from their
//! encoding (lopdf's standard encodings and `/Differences`). A code none of these can name has
//! no text, and the reader counts it rather than guessing.

use lopdf::{Dictionary, Document, Encoding, Object};
use std::sync::OnceLock;

use super::cjk_cmaps::PredefinedCMap;
use super::number;

/// The width of a glyph whose font gives none, in thousandths of the font size: an ideograph's.
const DEFAULT_CID_WIDTH: f64 = 1000.0;

/// How a shown string's bytes split into codes.
enum Codes {
    /// Simple fonts: one byte a code.
    OneByte,
    /// CID fonts by a predefined CMap.
    Predefined(PredefinedCMap),
    /// CID fonts by an embedded CMap stream: two bytes a code, as every such CMap written by
    /// the producers this reader meets uses.
    TwoBytes,
}

/// Widths in text space units per unit of font size.
enum Widths {
    /// `/FirstChar` and `/Widths`, scaled (1/1000, or a Type 3 font's `/FontMatrix`).
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
    /// A CID font's `/W` (CID to width) and `/DW`, scaled by 1/1000.
    Cid {
        widths: std::collections::HashMap<u32, f64>,
        default: f64,
    },
}

/// A font of a page, ready to show strings.
pub struct Font<'a> {
    codes: Codes,
    to_unicode: Option<Encoding<'static>>,
    /// The simple font's encoding, used where it has no `/ToUnicode`.
    simple_encoding: Option<Encoding<'a>>,
    /// Whether a CID font's characters are Adobe-GB1's.
    gb1: bool,
    widths: Widths,
}

/// One code of a shown string.
pub struct Code<'s> {
    pub bytes: &'s [u8],
    /// Its text; `None` when the font cannot say what it is.
    pub text: Option<String>,
    /// Its advance in text space units per unit of font size.
    pub width: f64,
}

impl<'a> Font<'a> {
    /// Reads a font dictionary.
    pub fn new(dict: &'a Dictionary, doc: &'a Document) -> Font<'a> {
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let to_unicode = dict
            .get_deref(b"ToUnicode", doc)
            .is_ok_and(|o| o.as_stream().is_ok())
            .then(|| to_unicode_map(dict, doc))
            .flatten();
        if subtype == b"Type0" {
            let descendant = dict
                .get_deref(b"DescendantFonts", doc)
                .and_then(Object::as_array)
                .ok()
                .and_then(|fonts| fonts.first())
                .and_then(|f| doc.dereference(f).ok())
                .and_then(|(_, f)| f.as_dict().ok());
            let gb1 = descendant
                .and_then(|d| d.get_deref(b"CIDSystemInfo", doc).ok())
                .and_then(|info| info.as_dict().ok())
                .and_then(|info| info.get_deref(b"Ordering", doc).ok())
                .and_then(|o| o.as_str().ok())
                .is_some_and(|ordering| ordering == b"GB1");
            let codes = match dict.get_deref(b"Encoding", doc) {
                Ok(Object::Name(name)) => {
                    PredefinedCMap::named(name).map_or(Codes::TwoBytes, Codes::Predefined)
                }
                _ => Codes::TwoBytes,
            };
            Font {
                codes,
                to_unicode,
                simple_encoding: None,
                gb1,
                widths: cid_widths(descendant, doc),
            }
        } else {
            let scale = if subtype == b"Type3" {
                dict.get_deref(b"FontMatrix", doc)
                    .and_then(Object::as_array)
                    .ok()
                    .and_then(|m| m.first())
                    .and_then(number)
                    .map_or(0.001, f64::abs)
            } else {
                0.001
            };
            Font {
                codes: Codes::OneByte,
                simple_encoding: dict.get_font_encoding(doc).ok(),
                to_unicode,
                gb1: false,
                widths: simple_widths(dict, doc, scale),
            }
        }
    }

    /// The codes of a shown string, in order.
    pub fn codes<'s>(&self, mut bytes: &'s [u8]) -> Vec<Code<'s>> {
        let mut out = Vec::new();
        while !bytes.is_empty() {
            let length = match self.codes {
                Codes::OneByte => 1,
                Codes::Predefined(cmap) => cmap.code_length(bytes),
                Codes::TwoBytes => bytes.len().min(2),
            };
            let (code, rest) = bytes.split_at(length);
            out.push(Code {
                bytes: code,
                text: self.text(code).map(|t| readable(&t)),
                width: self.width(code),
            });
            bytes = rest;
        }
        out
    }

    fn text(&self, code: &[u8]) -> Option<String> {
        if let Some(Encoding::UnicodeMapEncoding(map)) = &self.to_unicode {
            let value = code.iter().fold(0u32, |v, b| v << 8 | u32::from(*b));
            let length = u8::try_from(code.len()).ok()?;
            let units = map.get(value, length)?;
            return String::from_utf16(&units)
                .ok()
                .filter(|t| !t.contains('\u{FFFD}'));
        }
        match (&self.codes, &self.simple_encoding) {
            (Codes::Predefined(cmap), _) => cmap.text(code, self.gb1),
            (Codes::OneByte, Some(encoding)) => encoding
                .bytes_to_string(code)
                .ok()
                .filter(|t| !t.is_empty() && !t.contains('\u{FFFD}')),
            _ => None,
        }
    }

    fn width(&self, code: &[u8]) -> f64 {
        match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .first()
                .and_then(|b| u32::from(*b).checked_sub(*first))
                .and_then(|i| widths.get(usize::try_from(i).ok()?))
                .copied()
                .unwrap_or(*missing),
            Widths::Cid { widths, default } => {
                let cid = match self.codes {
                    Codes::Predefined(cmap) => cmap.cid_for_width(code),
                    _ => Some(code.iter().fold(0u32, |v, b| v << 8 | u32::from(*b))),
                };
                cid.and_then(|cid| widths.get(&cid))
                    .copied()
                    .unwrap_or(*default)
            }
        }
    }
}

/// Unicode's Equivalent_Unified_Ideograph property (UCD 15.0, from Debian's unicode-data;
/// Unicode's terms of use, in the file's header): each Kangxi or CJK radical's ideograph.
static EQUIVALENT_IDEOGRAPHS: &str = include_str!("../../data/EquivalentUnifiedIdeograph.txt");

/// A code's text as a reader means it: the radicals some fonts' maps give for ideographs
/// (Noto CJK draws 工 and ⼯ with one glyph, and Chromium's `/ToUnicode` names the radical)
/// become the ideographs.
fn readable(text: &str) -> String {
    text.chars()
        .map(|c| equivalent_ideograph(c).unwrap_or(c))
        .collect()
}

/// The unified ideograph a radical stands for.
fn equivalent_ideograph(c: char) -> Option<char> {
    static TABLE: OnceLock<Vec<(u32, u32, char)>> = OnceLock::new();
    if !matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{31C0}'..='\u{31EF}') {
        return None;
    }
    let table = TABLE.get_or_init(|| {
        EQUIVALENT_IDEOGRAPHS
            .lines()
            .filter_map(|line| {
                let (codes, ideograph) = line.split('#').next()?.split_once(';')?;
                let (first, last) = codes
                    .trim()
                    .split_once("..")
                    .unwrap_or((codes.trim(), codes.trim()));
                let hex = |h: &str| u32::from_str_radix(h.trim(), 16).ok();
                Some((hex(first)?, hex(last)?, char::from_u32(hex(ideograph)?)?))
            })
            .collect()
    });
    let code = u32::from(c);
    table
        .iter()
        .find(|(first, last, _)| (*first..=*last).contains(&code))
        .map(|(_, _, ideograph)| *ideograph)
}

/// The font's `/ToUnicode` map, parsed by lopdf.
fn to_unicode_map(dict: &Dictionary, doc: &Document) -> Option<Encoding<'static>> {
    // lopdf reads `/ToUnicode` only for fonts without an `/Encoding` or with Identity, so a
    // copy of the dictionary without `/Encoding` asks it for the map alone.
    let mut bare = dict.clone();
    bare.remove(b"Encoding");
    match bare.get_font_encoding(doc) {
        Ok(Encoding::UnicodeMapEncoding(map)) => Some(Encoding::UnicodeMapEncoding(map)),
        _ => None,
    }
}

fn simple_widths(dict: &Dictionary, doc: &Document, scale: f64) -> Widths {
    let first = dict
        .get_deref(b"FirstChar", doc)
        .ok()
        .and_then(number)
        .map_or(0, |f| f.max(0.0) as u32);
    let widths = dict
        .get_deref(b"Widths", doc)
        .and_then(Object::as_array)
        .map(|ws| {
            ws.iter()
                .map(|w| doc.dereference(w).ok().and_then(|(_, w)| number(w)))
                .map(|w| w.unwrap_or(0.0) * scale)
                .collect()
        })
        .unwrap_or_default();
    let missing = dict
        .get_deref(b"FontDescriptor", doc)
        .and_then(Object::as_dict)
        .ok()
        .and_then(|d| d.get_deref(b"MissingWidth", doc).ok())
        .and_then(number)
        .map_or(0.5, |w| w * scale);
    Widths::Simple {
        first,
        widths,
        missing,
    }
}

/// A CID font's `/W` array: `c [w1 w2 …]` gives CIDs from c on their widths, `c1 c2 w` gives
/// the CIDs c1 to c2 one width.
fn cid_widths(descendant: Option<&Dictionary>, doc: &Document) -> Widths {
    let default = descendant
        .and_then(|d| d.get_deref(b"DW", doc).ok())
        .and_then(number)
        .unwrap_or(DEFAULT_CID_WIDTH)
        / 1000.0;
    let mut widths = std::collections::HashMap::new();
    let entries = descendant
        .and_then(|d| d.get_deref(b"W", doc).ok())
        .and_then(|w| w.as_array().ok())
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut i = 0;
    while i < entries.len() {
        let Some(first) = number(&entries[i]).map(|f| f.max(0.0) as u32) else {
            break;
        };
        match (entries.get(i + 1), entries.get(i + 2)) {
            (Some(Object::Array(list)), _) => {
                for (n, w) in list.iter().enumerate() {
                    if let (Some(w), Ok(n)) = (number(w), u32::try_from(n)) {
                        widths.insert(first.saturating_add(n), w / 1000.0);
                    }
                }
                i += 2;
            }
            (Some(last), Some(w)) => {
                if let (Some(last), Some(w)) = (number(last), number(w)) {
                    // A range wider than any collection is damage; take its start only.
                    let last = (last.max(0.0) as u32).min(first.saturating_add(65_535));
                    for cid in first..=last {
                        widths.insert(cid, w / 1000.0);
                    }
                }
                i += 3;
            }
            _ => break,
        }
    }
    Widths::Cid { widths, default }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_read_as_their_ideographs_and_other_text_as_it_is() {
        // ⼯ (Kangxi), ⻛ (CJK Radicals Supplement), ⺟ (a range of one).
        assert_eq!(readable("⼯作作⻛⺟"), "工作作风母");
        assert_eq!(readable("2017 年, A"), "2017 年, A");
    }
}
