//! Every article from one region across the archive, newest first. Titles come from the
//! archive index at once; each article's opening lines follow as its issue file arrives.

use std::rc::Rc;

use lianluo_core::search::Snippet;
use yew::prelude::*;

use super::link::use_navigator;
use super::notice::unloaded_issues;
use super::teaser::{teaser, Teaser};
use crate::route::RegionFilter;
use crate::state::Progress;

/// How many characters of an article's first paragraph a card shows. Range 40–200: about two
/// lines on a phone at the standard text size.
pub const EXCERPT_CHARS: usize = 72;

/// Props for [`RegionView`].
#[derive(Properties, PartialEq)]
pub struct RegionViewProps {
    /// The region shown.
    pub filter: RegionFilter,
    /// The articles listed so far.
    pub entries: Rc<Vec<Teaser>>,
    /// How many articles the region has in all.
    pub total: usize,
    /// How the issue files of the listed articles stand.
    pub progress: Progress,
    /// Try the issue files that could not be loaded again.
    #[prop_or_default]
    pub on_retry: Callback<()>,
    /// List more articles.
    pub on_more: Callback<()>,
    /// Leave the region and return to where the reader was.
    pub on_clear: Callback<()>,
}

/// The region's heading, count, loading progress and article cards.
#[function_component]
pub fn RegionView(props: &RegionViewProps) -> Html {
    crate::render_count::rendered("RegionView");
    let navigator = use_navigator();
    let reader = navigator.reader_name();
    let name = match &props.filter.county {
        Some(county) => format!("{} · {}", props.filter.prefecture, county),
        None => props.filter.prefecture.clone(),
    };
    let Progress {
        settled,
        wanted,
        failed,
    } = props.progress;
    let on_more = props.on_more.reform(|_: MouseEvent| ());
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <section class="region-view" aria-label={reader.landmark(&name)}>
            <h2 id="region-title" class="view-heading" tabindex="-1">{ name.clone() }</h2>
            <p class="summary" role="status">
                { format!("{name}：共 {} 篇", props.total) }
                if settled < wanted {
                    <span class="progress">{ format!("（正在加载，{settled}/{wanted} 期）") }</span>
                }
            </p>
            if settled < wanted {
                <progress max={wanted.to_string()} value={settled.to_string()} aria-label="加载进度"></progress>
            }
            if failed > 0 {
                { unloaded_issues(failed, &props.on_retry) }
            }
            <button type="button" class="button" onclick={on_clear}>{ "清除地区筛选" }</button>
            <ol class="cards plain">
                { for props.entries.iter().map(|entry| html! { <li>{ teaser(entry, &navigator) }</li> }) }
            </ol>
            if props.entries.len() < props.total {
                <button type="button" class="button more" onclick={on_more}>
                    { format!("显示更多（还有 {} 篇）", props.total - props.entries.len()) }
                </button>
            }
        </section>
    }
}

/// The opening of a paragraph, [`EXCERPT_CHARS`] characters of it at most.
pub fn opening(paragraph: &str) -> Snippet {
    let cut = paragraph
        .char_indices()
        .nth(EXCERPT_CHARS)
        .map_or(paragraph.len(), |(at, _)| at);
    Snippet {
        block: 0,
        text: paragraph[..cut].to_owned(),
        marks: Vec::new(),
        cut_before: false,
        cut_after: cut < paragraph.len(),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_are_cut_on_a_character_boundary() {
        let long = "代".repeat(EXCERPT_CHARS + 5);
        let excerpt = opening(&long);
        assert_eq!(excerpt.text.chars().count(), EXCERPT_CHARS);
        assert!(excerpt.cut_after);
        let short = opening("短段落。");
        assert_eq!(short.text, "短段落。");
        assert!(!short.cut_after);
    }
}
