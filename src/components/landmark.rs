//! Names for the reader's landmarks. With two readers on a page every landmark would be named
//! twice, which leaves screen reader users unable to tell them apart; each reader after the
//! first adds its own name to its landmarks.

use yew::prelude::*;

use super::link::Navigator;

/// The reader's own name within the page: empty for the first (or only) reader.
#[derive(Clone, PartialEq, Default)]
pub struct ReaderName(pub AttrValue);

impl ReaderName {
    /// The accessible name of a landmark called `base` in this reader.
    pub fn landmark(&self, base: &str) -> AttrValue {
        if self.0.is_empty() {
            AttrValue::from(base.to_owned())
        } else {
            AttrValue::from(format!("{base}（{}）", self.0))
        }
    }
}

/// This reader's name, from the navigator the app provides.
#[hook]
pub fn use_reader_name() -> ReaderName {
    use_context::<Navigator>()
        .map(|navigator| navigator.reader_name().clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_named_reader_changes_its_landmark_names() {
        assert_eq!(ReaderName::default().landmark("本期目录"), "本期目录");
        let second = ReaderName(AttrValue::from("阅读器 2"));
        assert_eq!(second.landmark("本期目录"), "本期目录（阅读器 2）");
    }
}
