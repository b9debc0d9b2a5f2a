//! One article's body: paragraphs and sub-headings, rendered as text, with a search query's
//! matches marked when there is one.

use std::ops::Range;

use lianluo_core::search::{mark_ranges, Query};
use lianluo_core::{Block, BlockKind};
use yew::prelude::*;

/// Props for [`ArticleBody`].
#[derive(Properties, PartialEq)]
pub struct ArticleBodyProps {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// The heading level of sub-headings (3 in an article's own view, 4 inside an issue).
    pub heading_level: u8,
    /// Mark this query's matches.
    #[prop_or_default]
    pub highlight: Option<Query>,
}

/// Paragraphs as `<p>`, sub-headings as headings one level below the article's title.
#[function_component]
pub fn ArticleBody(props: &ArticleBodyProps) -> Html {
    crate::render_count::rendered("ArticleBody");
    let text = |text: &str| match &props.highlight {
        Some(query) => marked(text, &mark_ranges(text, query)),
        None => html! { text.to_owned() },
    };
    let blocks = props.blocks.iter().map(|block| match block.kind {
        BlockKind::Paragraph => html! { <p>{ text(&block.text) }</p> },
        BlockKind::Heading if props.heading_level <= 3 => {
            html! { <h3 class="subheading">{ text(&block.text) }</h3> }
        }
        BlockKind::Heading => html! { <h4 class="subheading">{ text(&block.text) }</h4> },
    });
    html! { <div class="article-body">{ for blocks }</div> }
}

/// `text` with the byte ranges `marks` (increasing, disjoint, on character boundaries) wrapped
/// in `<mark>`; everything as text nodes.
pub fn marked(text: &str, marks: &[Range<usize>]) -> Html {
    let mut parts = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for range in marks {
        let (Some(before), Some(hit)) = (text.get(at..range.start), text.get(range.clone())) else {
            continue;
        };
        parts.push(html! { before.to_owned() });
        parts.push(html! { <mark>{ hit.to_owned() }</mark> });
        at = range.end;
    }
    parts.push(html! { text.get(at..).unwrap_or_default().to_owned() });
    parts.into_iter().collect()
}

/// The region an article reports from, as printed, set before its title.
pub fn region_tag(printed: &str) -> Html {
    html! { <span class="region-tag">{ printed.to_owned() }</span> }
}
