//! The reader's text size choice, and how it is remembered.

/// Text sizes a reader can choose. The pixel sizes live in the stylesheet, keyed by
/// [`TextSize::class`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextSize {
    /// 17 px body text.
    #[default]
    Standard,
    /// 20 px body text.
    Large,
    /// 23 px body text.
    Largest,
}

impl TextSize {
    /// Every size, smallest first, as offered in the control.
    pub const ALL: [TextSize; 3] = [TextSize::Standard, TextSize::Large, TextSize::Largest];

    /// The control's label for this size.
    pub fn label(self) -> &'static str {
        match self {
            TextSize::Standard => "标准",
            TextSize::Large => "大",
            TextSize::Largest => "特大",
        }
    }

    /// The class on the reader's root element, and the value remembered in storage.
    pub fn class(self) -> &'static str {
        match self {
            TextSize::Standard => "size-standard",
            TextSize::Large => "size-large",
            TextSize::Largest => "size-largest",
        }
    }

    /// Reads a remembered value; anything unknown is `None`.
    pub fn from_class(value: &str) -> Option<TextSize> {
        TextSize::ALL.into_iter().find(|size| size.class() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_values_round_trip_and_junk_is_refused() {
        for size in TextSize::ALL {
            assert_eq!(TextSize::from_class(size.class()), Some(size));
        }
        assert_eq!(TextSize::from_class("huge"), None);
        assert_eq!(TextSize::from_class(""), None);
    }
}
