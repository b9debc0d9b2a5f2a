//! Search results: the count, region facets, order, and cards with the densest snippet of
//! each article, its matches marked. Snippets need the article's issue file, which is fetched
//! only once its card comes on screen.

use std::rc::Rc;

use lianluo_core::RegionCount;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry};
use yew::prelude::*;

use super::link::use_navigator;
use super::notice::{failure, loading, unloaded_issues};
use super::region_picker::RegionPicker;
use super::teaser::{teaser, Teaser};
use crate::error::LoadError;
use crate::route::{RegionFilter, SearchRoute, SearchSort};

/// The results as far as they are known.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The query has no terms.
    NoQuery,
    /// The archive was published without a search index.
    NoIndex,
    /// Waiting for index files.
    Searching,
    /// The index could not answer.
    Failed(LoadError),
    /// The results listed so far, and how many there are in all.
    Found {
        /// The results listed.
        cards: Rc<Vec<Teaser>>,
        /// All results (in the chosen region).
        total: usize,
    },
}

/// Props for [`SearchView`].
#[derive(Properties, PartialEq)]
pub struct SearchViewProps {
    /// The search.
    pub search: SearchRoute,
    /// Its results.
    pub outcome: Outcome,
    /// Result counts per region, whatever region is chosen.
    pub facets: Rc<Vec<RegionCount>>,
    /// A region was chosen or cleared.
    pub on_region: Callback<Option<RegionFilter>>,
    /// An order was chosen.
    pub on_sort: Callback<SearchSort>,
    /// List more results.
    pub on_more: Callback<()>,
    /// Leave the search.
    pub on_clear: Callback<()>,
    /// Fetch the files that failed (index files, or issue files for snippets) again.
    pub on_retry: Callback<()>,
    /// How many issue files of the listed results could not be loaded (for their snippets).
    #[prop_or_default]
    pub unloaded: usize,
    /// Cards of these issues are on screen.
    pub on_seen: Callback<Vec<String>>,
}

/// The results view.
#[function_component]
pub fn SearchView(props: &SearchViewProps) -> Html {
    crate::render_count::rendered("SearchView");
    let navigator = use_navigator();
    let list_ref = use_node_ref();
    use_cards_on_screen(&list_ref, &props.outcome, &props.on_seen);
    let query = &props.search.query;
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    let body = match &props.outcome {
        Outcome::NoQuery => {
            html! { <p class="notice" role="status">{ "请输入要搜索的词语。" }</p> }
        }
        Outcome::NoIndex => {
            html! { <p class="notice" role="status">{ "本站数据没有附带搜索索引，暂时无法搜索。" }</p> }
        }
        Outcome::Searching => loading("搜索索引"),
        Outcome::Failed(error) => failure(error, &props.on_retry),
        Outcome::Found { cards, total } => {
            let on_more = props.on_more.reform(|_: MouseEvent| ());
            html! {
                <>
                    <p class="summary" role="status">
                        { if *total == 0 { format!("没有找到包含“{query}”的文章。") } else { format!("共 {total} 篇") } }
                    </p>
                    if props.unloaded > 0 {
                        { unloaded_issues(props.unloaded, &props.on_retry) }
                    }
                    <SortControl sort={props.search.sort} on_sort={props.on_sort.clone()} />
                    <ol ref={list_ref.clone()} class="cards plain">
                        { for cards.iter().map(|card| html! {
                            <li data-issue={card.issue_id.clone()}>{ teaser(card, &navigator) }</li>
                        }) }
                    </ol>
                    if cards.len() < *total {
                        <button type="button" class="button more" onclick={on_more}>
                            { format!("显示更多（还有 {} 篇）", total - cards.len()) }
                        </button>
                    }
                </>
            }
        }
    };
    html! {
        <section class="search-view" aria-label={navigator.reader_name().landmark("搜索结果")}>
            <h2 id="search-title" class="view-heading" tabindex="-1">{ format!("搜索：{query}") }</h2>
            if !props.facets.is_empty() {
                <RegionPicker
                    regions={props.facets.clone()}
                    active={props.search.region.clone()}
                    on_pick={props.on_region.clone()}
                    label="按地区筛选搜索结果"
                />
            }
            { body }
            <button type="button" class="button" onclick={on_clear}>{ "清除搜索" }</button>
        </section>
    }
}

/// Props for [`SortControl`].
#[derive(Properties, PartialEq)]
struct SortControlProps {
    sort: SearchSort,
    on_sort: Callback<SearchSort>,
}

/// Best match first, or newest first.
#[function_component]
fn SortControl(props: &SortControlProps) -> Html {
    crate::render_count::rendered("SortControl");
    let button = |sort: SearchSort, label: &str| {
        let onclick = props.on_sort.reform(move |_: MouseEvent| sort);
        html! { <button type="button" class="chip" aria-pressed={super::pressed(props.sort == sort)} {onclick}>{ label.to_owned() }</button> }
    };
    html! {
        <div class="chips sort" role="group" aria-label="排序">
            { button(SearchSort::Relevance, "最相关") }
            { button(SearchSort::Newest, "最新") }
        </div>
    }
}

/// Reports the issues of result cards as they come on screen (all at once where the browser
/// has no IntersectionObserver).
#[hook]
fn use_cards_on_screen(list: &NodeRef, outcome: &Outcome, on_seen: &Callback<Vec<String>>) {
    let cards: Vec<String> = match outcome {
        Outcome::Found { cards, .. } => cards.iter().map(|card| card.id.clone()).collect(),
        _ => Vec::new(),
    };
    let (list, on_seen) = (list.clone(), on_seen.clone());
    use_effect_with(cards, move |_| {
        let items = list.cast::<Element>().map(|list| list.children());
        let report = on_seen.clone();
        let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let seen: Vec<String> = entries
                .iter()
                .filter_map(|entry| entry.dyn_into::<IntersectionObserverEntry>().ok())
                .filter(IntersectionObserverEntry::is_intersecting)
                .filter_map(|entry| entry.target().get_attribute("data-issue"))
                .collect();
            if !seen.is_empty() {
                report.emit(seen);
            }
        });
        let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref()).ok();
        if let Some(items) = &items {
            let all = (0..items.length()).filter_map(|i| items.item(i));
            match &observer {
                Some(observer) => all.for_each(|item| observer.observe(&item)),
                None => on_seen.emit(
                    all.filter_map(|item| item.get_attribute("data-issue"))
                        .collect(),
                ),
            }
        }
        move || {
            if let Some(observer) = observer {
                observer.disconnect();
            }
            drop(callback);
        }
    });
}
