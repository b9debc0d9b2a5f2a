//! Every article from one region across the archive, newest first. Titles come from the
//! archive index at once; each article's opening lines follow as its issue file arrives.

use lianluo_core::{ArticleSummary, IssueSummary};
use yew::prelude::*;

use super::article::region_tag;
use super::landmark::use_reader_name;
use super::link::Link;
use crate::format::{chinese_date, issue_label};
use crate::route::{RegionFilter, Route};

/// How many characters of an article's first paragraph a card shows. Range 40–200: about two
/// lines on a phone at the standard text size.
pub const EXCERPT_CHARS: usize = 72;

/// What a card shows under its title.
#[derive(Debug, Clone, PartialEq)]
pub enum Excerpt {
    /// The issue file is on its way.
    Loading,
    /// The opening of the first paragraph.
    Text(String),
    /// The issue file could not be loaded.
    Unavailable,
}

/// One article in the list.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionEntry {
    /// Its issue.
    pub issue: IssueSummary,
    /// The article.
    pub article: ArticleSummary,
    /// Its opening lines.
    pub excerpt: Excerpt,
}

/// Props for [`RegionView`].
#[derive(Properties, PartialEq)]
pub struct RegionViewProps {
    /// The region shown.
    pub filter: RegionFilter,
    /// The articles listed so far.
    pub entries: Vec<RegionEntry>,
    /// How many articles the region has in all.
    pub total: usize,
    /// Issue files settled and wanted for the listed articles.
    pub progress: (usize, usize),
    /// List more articles.
    pub on_more: Callback<()>,
    /// Leave the region and return to where the reader was.
    pub on_clear: Callback<()>,
}

/// The region's heading, count, loading progress and article cards.
#[function_component]
pub fn RegionView(props: &RegionViewProps) -> Html {
    let reader = use_reader_name();
    let name = match &props.filter.county {
        Some(county) => format!("{} · {}", props.filter.prefecture, county),
        None => props.filter.prefecture.clone(),
    };
    let (settled, wanted) = props.progress;
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
            <button type="button" class="button" onclick={on_clear}>{ "清除地区筛选" }</button>
            <ol class="cards plain">
                { for props.entries.iter().map(|entry| html! { <li><Card entry={entry.clone()} /></li> }) }
            </ol>
            if props.entries.len() < props.total {
                <button type="button" class="button more" onclick={on_more}>
                    { format!("显示更多（还有 {} 篇）", props.total - props.entries.len()) }
                </button>
            }
        </section>
    }
}

/// Props for [`Card`].
#[derive(Properties, PartialEq)]
pub struct CardProps {
    /// The article to show.
    pub entry: RegionEntry,
}

/// An article as a card: title (a link to it), region, issue and date, opening lines.
#[function_component]
pub fn Card(props: &CardProps) -> Html {
    let RegionEntry {
        issue,
        article,
        excerpt,
    } = &props.entry;
    html! {
        <article class="card" aria-label={article.title.clone()}>
            <h3><Link to={Route::article(article.id.clone())}>{ article.title.clone() }</Link></h3>
            <p class="meta">
                { region_tag(&article.region.printed) }
                { format!("{} · {}", issue_label(issue.number, issue.serial), chinese_date(&issue.date)) }
            </p>
            { match excerpt {
                Excerpt::Loading => html! { <p class="excerpt pending">{ "正在加载…" }</p> },
                Excerpt::Text(text) => html! { <p class="excerpt">{ text.clone() }</p> },
                Excerpt::Unavailable => html! { <p class="excerpt">{ "（本期文件暂时无法加载）" }</p> },
            } }
        </article>
    }
}

/// The opening of a paragraph, cut at [`EXCERPT_CHARS`] characters with an ellipsis.
pub fn excerpt_of(paragraph: &str) -> String {
    match paragraph.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &paragraph[..cut]),
        None => paragraph.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_are_cut_on_a_character_boundary() {
        let long = "代".repeat(EXCERPT_CHARS + 5);
        let excerpt = excerpt_of(&long);
        assert_eq!(excerpt.chars().count(), EXCERPT_CHARS + 1);
        assert!(excerpt.ends_with('…'));
        assert_eq!(excerpt_of("短段落。"), "短段落。");
    }
}
