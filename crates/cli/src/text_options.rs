//! How issue texts are read: the options `convert` and `build` share.

use lianluo_core::parse::ParseOptions;

use crate::decode::Encoding;

/// Options for reading issue texts.
#[derive(Debug, clap::Args)]
pub struct TextOptions {
    /// Treat every warning as an error: write nothing unless the texts are clean.
    #[arg(long)]
    pub strict: bool,
    /// The texts' encoding, when detection (UTF-8, else GB18030) is not wanted.
    #[arg(long, value_enum, value_name = "E")]
    pub encoding: Option<Encoding>,
    /// Keep half-width , : ; between Chinese characters as printed.
    #[arg(long)]
    pub no_cjk_punctuation: bool,
}

impl TextOptions {
    /// The parser's options these stand for.
    pub fn parse_options(&self) -> ParseOptions {
        ParseOptions {
            cjk_punctuation: !self.no_cjk_punctuation,
            strict: self.strict,
        }
    }
}
