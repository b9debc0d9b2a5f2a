//! Turning a file's bytes into text: UTF-8 with or without a byte-order mark, UTF-16 with one,
//! or GB18030/GBK when the bytes are not valid UTF-8 (or when asked for). Binary data is
//! refused with a message saying so.

use encoding_rs::{GB18030, GBK, UTF_16BE, UTF_16LE};
use lianluo_core::diagnostic::Message;

/// An encoding the user can force with `--encoding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GB18030, the superset of GBK and GB2312.
    #[value(name = "gb18030")]
    Gb18030,
    /// GBK (decoded as its superset GB18030 when undecodable as GBK alone).
    #[value(name = "gbk")]
    Gbk,
}

/// Why bytes could not become text; `line` and `column` (from 1) locate the first bad byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Line of the first offending byte.
    pub line: usize,
    /// Column (in bytes within its line, from 1) of the first offending byte.
    pub column: usize,
    /// What was found and what was expected.
    pub message: Message,
}

/// Line and byte column of `offset` in `bytes`.
fn position(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, offset - line_start + 1)
}

/// Offset of the first byte GB18030 cannot decode, found by feeding the decoder one byte at a
/// time; only used to point at the problem once decoding has failed.
fn first_gb18030_error(bytes: &[u8]) -> usize {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(64);
    let mut consumed = 0;
    for chunk in bytes.chunks(1) {
        out.clear();
        let (result, read) = decoder.decode_to_string_without_replacement(chunk, &mut out, false);
        if let encoding_rs::DecoderResult::Malformed(_, _) = result {
            return consumed;
        }
        consumed += read;
    }
    consumed
}

fn decode_utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let offset = e.valid_up_to() + (bytes.len() - body.len());
            let (line, column) = position(bytes, offset);
            Err(DecodeError {
                line,
                column,
                message: Message::new(
                    "decode-not-utf8",
                    "found bytes that are not UTF-8; expected UTF-8 text (try --encoding gb18030)",
                ),
            })
        }
    }
}

fn decode_gb(
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
) -> Result<String, DecodeError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if !had_errors {
        return Ok(text.into_owned());
    }
    let (line, column) = position(bytes, first_gb18030_error(bytes));
    Err(DecodeError {
        line,
        column,
        message: Message::new(
            "decode-not-encoding",
            format!(
                "found bytes that are not {}; expected text in that encoding",
                encoding.name()
            ),
        )
        .arg("encoding", encoding.name()),
    })
}

/// Share of a file's non-ASCII characters that must decode as UTF-8 for a file with some
/// invalid bytes to count as damaged UTF-8 rather than GB18030, in percent. GB18030 text read
/// as UTF-8 yields almost no valid characters; a UTF-8 file with a stray byte, almost all.
pub const DAMAGED_UTF8_PERCENT: usize = 90;

/// Whether `bytes`, not valid UTF-8, are still overwhelmingly UTF-8 (see
/// [`DAMAGED_UTF8_PERCENT`]): decoding them as GB18030 would turn the whole text to nonsense.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let (mut valid, mut invalid) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if c == '\u{FFFD}' {
            invalid += 1;
        } else {
            valid += 1;
        }
    }
    valid * 100 >= (valid + invalid) * DAMAGED_UTF8_PERCENT
}

/// Decodes `bytes`. Without `forced`: a UTF-16 or UTF-8 byte-order mark decides, then valid
/// UTF-8 is UTF-8, and anything else is tried as GB18030. NUL bytes outside UTF-16 mean
/// binary data and are refused.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<String, DecodeError> {
    for (bom, encoding) in [(&b"\xFF\xFE"[..], UTF_16LE), (&b"\xFE\xFF"[..], UTF_16BE)] {
        if forced.is_none() && bytes.starts_with(bom) {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[2..]);
            if !had_errors {
                return Ok(text.into_owned());
            }
        }
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = position(bytes, offset);
        return Err(DecodeError {
            line,
            column,
            message: Message::new(
                "decode-nul",
                "found a NUL byte: this is binary data, not text; expected an issue's text",
            ),
        });
    }
    match forced {
        Some(Encoding::Utf8) => decode_utf8(bytes),
        Some(Encoding::Gb18030) => decode_gb(bytes, GB18030),
        Some(Encoding::Gbk) => decode_gb(bytes, GBK),
        None => decode_utf8(bytes).or_else(|utf8_error| {
            if mostly_utf8(bytes) {
                return Err(DecodeError {
                    message: Message::new(
                        "decode-damaged-utf8",
                        "found bytes that are not UTF-8 in text that otherwise is; expected UTF-8 throughout (the file may be damaged, or use --encoding)",
                    ),
                    ..utf8_error
                });
            }
            decode_gb(bytes, GB18030).map_err(|_| DecodeError {
                message: Message::new(
                    "decode-neither",
                    "found bytes that are neither UTF-8 nor GB18030; expected an issue's text",
                ),
                ..utf8_error
            })
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("联络".as_bytes(), None).as_deref(), Ok("联络"));
        assert_eq!(
            decode(b"\xEF\xBB\xBF\xE8\x81\x94", None).as_deref(),
            Ok("联")
        );
    }

    #[test]
    fn gb18030_is_detected_when_not_utf8() {
        let (bytes, _, _) = GB18030.encode("联络动态\n第 15 期");
        assert_eq!(decode(&bytes, None).as_deref(), Ok("联络动态\n第 15 期"));
        assert_eq!(
            decode(&bytes, Some(Encoding::Gbk)).as_deref(),
            Ok("联络动态\n第 15 期")
        );
    }

    #[test]
    fn forcing_utf8_on_gb_bytes_points_at_the_first_bad_byte() {
        let (bytes, _, _) = GB18030.encode("ab\n联络");
        let e = decode(&bytes, Some(Encoding::Utf8)).unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
    }

    #[test]
    fn damaged_utf8_is_reported_not_read_as_gb18030() {
        let mut bytes = "联络动态\n第 15 期\n".repeat(20).into_bytes();
        bytes.insert(30, 0xFF);
        let e = decode(&bytes, None).unwrap_err();
        assert_eq!(e.message.id, "decode-damaged-utf8");
        assert_eq!(
            (e.line, e.column),
            (3, 7),
            "byte 30: the 7th byte of line 3"
        );
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("联络".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&bytes, None).as_deref(), Ok("联络"));
    }

    #[test]
    fn nul_bytes_are_binary() {
        let e = decode(b"abc\n\x00\x01", None).unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert_eq!(e.message.id, "decode-nul");
    }
}
