//! The predefined CMaps of simplified Chinese (ISO 32000-1 §9.7.5.2) and the Adobe-GB1 character
//! collection, for CID fonts without a `/ToUnicode` map: what 公文 typesetting systems write.
//!
//! A code is turned into text the way the CMap defines it: the Unicode CMaps' codes are UTF-16,
//! the EUC CMaps' codes are GB 2312 or GBK bytes (decoded by encoding_rs), and Identity's codes
//! are CIDs of Adobe-GB1, looked up in Adobe's own CID-to-Unicode table. The CID a code selects
//! is needed only for its width; see [`PredefinedCMap::cid_for_width`].

/// Adobe-GB1's CIDs (0 to 30283), each its Unicode code point as a little-endian u32 (0 for
/// none). Made by `data/make_adobe_gb1.py` from Adobe's Adobe-GB1-UCS2 as poppler-data carries
/// it (BSD-3-Clause; notice in `data/ADOBE-CMAP-LICENSE`).
static ADOBE_GB1_UNICODE: &[u8] = include_bytes!("../../data/adobe-gb1-unicode.bin");

/// The text of a CID of Adobe-GB1, or `None` where the collection has no such CID.
pub fn adobe_gb1_text(cid: u32) -> Option<char> {
    let at = usize::try_from(cid).ok()?.checked_mul(4)?;
    let bytes = ADOBE_GB1_UNICODE.get(at..at + 4)?;
    let code_point = u32::from_le_bytes(bytes.try_into().ok()?);
    char::from_u32(code_point).filter(|c| !matches!(c, '\0' | '\u{FFFD}'))
}

/// A predefined CMap this reader decodes without its data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PredefinedCMap {
    /// `Identity-H`/`-V`: two-byte codes that are the CIDs themselves.
    Identity,
    /// `UniGB-UCS2-H`/`-V`: two-byte UCS-2 codes.
    Ucs2,
    /// `UniGB-UTF16-H`/`-V`: UTF-16 codes, two bytes or a four-byte surrogate pair.
    Utf16,
    /// `GBK-EUC-H`/`-V`, `GBpc-EUC-H`, `GBK2K-H`: one byte below 0x81, else two bytes of GBK.
    Gbk,
    /// `GB-EUC-H`/`-V`: one byte below 0xA1, else two bytes of GB 2312 (within GBK).
    GbEuc,
}

impl PredefinedCMap {
    /// The CMap a font's `/Encoding` names, if it is one of these.
    pub fn named(name: &[u8]) -> Option<Self> {
        Some(match name {
            b"Identity-H" | b"Identity-V" => Self::Identity,
            b"UniGB-UCS2-H" | b"UniGB-UCS2-V" => Self::Ucs2,
            b"UniGB-UTF16-H" | b"UniGB-UTF16-V" => Self::Utf16,
            b"GBK-EUC-H" | b"GBK-EUC-V" | b"GBpc-EUC-H" | b"GBpc-EUC-V" | b"GBK2K-H"
            | b"GBK2K-V" => Self::Gbk,
            b"GB-EUC-H" | b"GB-EUC-V" => Self::GbEuc,
            _ => return None,
        })
    }

    /// The length in bytes of the code starting `bytes` (never more than there are).
    pub fn code_length(self, bytes: &[u8]) -> usize {
        let length = match self {
            Self::Identity | Self::Ucs2 => 2,
            Self::Utf16 => match bytes {
                [0xD8..=0xDB, _, 0xDC..=0xDF, _, ..] => 4,
                _ => 2,
            },
            Self::Gbk => match bytes.first() {
                Some(0x81..=0xFE) => 2,
                _ => 1,
            },
            Self::GbEuc => match bytes.first() {
                Some(0xA1..=0xFE) => 2,
                _ => 1,
            },
        };
        length.min(bytes.len()).max(1)
    }

    /// The text of one code, or `None` when it is not a character. `gb1` says whether the
    /// font's characters are Adobe-GB1's (needed for Identity, whose codes mean nothing else).
    pub fn text(self, code: &[u8], gb1: bool) -> Option<String> {
        match self {
            Self::Identity => gb1
                .then(|| adobe_gb1_text(u32::from(u16::from_be_bytes(two(code)?))))
                .flatten()
                .map(String::from),
            Self::Ucs2 | Self::Utf16 => {
                let units: Vec<u16> = code
                    .chunks_exact(2)
                    .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                    .collect();
                String::from_utf16(&units).ok()
            }
            Self::Gbk | Self::GbEuc => {
                let (text, _, malformed) = encoding_rs::GBK.decode(code);
                (!malformed).then(|| text.into_owned())
            }
        }
    }

    /// The CID whose width a code is drawn with, as far as it matters for layout: codes of
    /// the ASCII range select the collection's proportional Latin CIDs (1 to 95, or 814 to 907
    /// and 7716 in the EUC CMaps), Identity's codes are CIDs; anything else is an ideograph or
    /// a full-width form, drawn with the font's default width, so `None`.
    pub fn cid_for_width(self, code: &[u8]) -> Option<u32> {
        match (self, code) {
            (Self::Identity, _) => two(code).map(|pair| u32::from(u16::from_be_bytes(pair))),
            (Self::Ucs2 | Self::Utf16, [0, low @ 0x20..=0x7E]) => Some(u32::from(*low) - 0x1F),
            (Self::Gbk | Self::GbEuc, [0x20]) => Some(7716),
            (Self::Gbk | Self::GbEuc, [byte @ 0x21..=0x7E]) => Some(u32::from(*byte) + 781),
            _ => None,
        }
    }
}

fn two(code: &[u8]) -> Option<[u8; 2]> {
    code.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adobe_gb1_cids_are_read_from_adobes_table() {
        // CID 1 is the space, 814 the EUC CMaps' '!', 575 the ideographic comma; 30,283 is
        // the last CID.
        assert_eq!(adobe_gb1_text(1), Some(' '));
        assert_eq!(adobe_gb1_text(814), Some('!'));
        assert_eq!(adobe_gb1_text(0x023F), Some('、'));
        assert_eq!(adobe_gb1_text(30_284), None);
        assert_eq!(adobe_gb1_text(0), None);
    }

    #[test]
    fn each_cmap_splits_and_decodes_its_codes() {
        let bytes = b"\xc1\xaa\xc2\xe72";
        assert_eq!(PredefinedCMap::Gbk.code_length(bytes), 2);
        assert_eq!(PredefinedCMap::Gbk.code_length(&bytes[4..]), 1);
        assert_eq!(
            PredefinedCMap::Gbk.text(&bytes[..2], false).as_deref(),
            Some("联")
        );
        assert_eq!(
            PredefinedCMap::GbEuc.text(b"2", false).as_deref(),
            Some("2")
        );
        assert_eq!(
            PredefinedCMap::Ucs2.text(&[0x80, 0x54], false).as_deref(),
            Some("联")
        );
        let pair = [0xD8, 0x40, 0xDC, 0x87];
        assert_eq!(PredefinedCMap::Utf16.code_length(&pair), 4);
        assert_eq!(
            PredefinedCMap::Utf16.text(&pair, false).as_deref(),
            Some("\u{20087}")
        );
        assert_eq!(
            PredefinedCMap::Identity
                .text(&[0x02, 0x3F], true)
                .as_deref(),
            Some("、")
        );
        assert_eq!(PredefinedCMap::Identity.text(&[0x02, 0x3F], false), None);
        assert_eq!(PredefinedCMap::Identity.code_length(&[0x02]), 1);
    }

    #[test]
    fn latin_codes_are_given_the_proportional_cids_for_their_widths() {
        assert_eq!(PredefinedCMap::Ucs2.cid_for_width(&[0, b'2']), Some(19));
        assert_eq!(PredefinedCMap::Gbk.cid_for_width(b"!"), Some(814));
        assert_eq!(PredefinedCMap::Gbk.cid_for_width(b" "), Some(7716));
        assert_eq!(PredefinedCMap::Ucs2.cid_for_width(&[0x80, 0x54]), None);
    }
}
