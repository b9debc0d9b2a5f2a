//! One article's body: paragraphs and sub-headings, rendered as text.

use lianluo_core::{Block, BlockKind};
use yew::prelude::*;

/// Props for [`ArticleBody`].
#[derive(Properties, PartialEq)]
pub struct ArticleBodyProps {
    /// The blocks, in order.
    pub blocks: Vec<Block>,
    /// The heading level of sub-headings (3 in an article's own view, 4 inside an issue).
    pub heading_level: u8,
}

/// Paragraphs as `<p>`, sub-headings as headings one level below the article's title.
#[function_component]
pub fn ArticleBody(props: &ArticleBodyProps) -> Html {
    let blocks = props.blocks.iter().map(|block| match block.kind {
        BlockKind::Paragraph => html! { <p>{ block.text.clone() }</p> },
        BlockKind::Heading if props.heading_level <= 3 => {
            html! { <h3 class="subheading">{ block.text.clone() }</h3> }
        }
        BlockKind::Heading => html! { <h4 class="subheading">{ block.text.clone() }</h4> },
    });
    html! { <div class="article-body">{ for blocks }</div> }
}

/// Props for [`RegionTag`].
#[derive(Properties, PartialEq)]
pub struct RegionTagProps {
    /// The region as printed.
    pub printed: AttrValue,
}

/// The region an article reports from, as printed, set before its title.
#[function_component]
pub fn RegionTag(props: &RegionTagProps) -> Html {
    html! { <span class="region-tag">{ props.printed.clone() }</span> }
}
