//! The reader: holds the state, performs its I/O in effects, and lays out the views.

mod effects;
mod lists;

use std::rc::Rc;

use lianluo_core::RegionCount;
use yew::prelude::*;

use effects::{
    use_hash_following, use_index_loading, use_issue_loading, use_remembered_text_size,
    use_search_loading, use_search_timing, use_view_settling,
};
use lists::{region_entries, search_outcome};

use super::article_view::ArticleView;
use super::issue_list::IssueList;
use super::issue_view::IssueView;
use super::landmark::ReaderName;
use super::link::{Link, Navigator};
use super::notice::{failure, loading};
use super::region_filter::RegionPicker;
use super::region_view::RegionView;
use super::search_box::SearchBox;
use super::search_view::SearchView;
use super::toolbar::Toolbar;
use crate::route::{RegionFilter, Route, SearchRoute, SearchSort};
use crate::source::DataSource;
use crate::state::{Action, Load, State};
use crate::storage::recall_text_size;
use crate::timing;
use lianluo_core::search::parse_query;

/// Props for [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Where the archive is.
    pub source: Rc<DataSource>,
    /// Whether the view is kept in the URL hash.
    pub routing: bool,
    /// The view to open with.
    pub initial_route: Route,
    /// This reader's name within the page, added to its landmarks' names (empty: none).
    #[prop_or_default]
    pub name: AttrValue,
}

/// The whole reader.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(|| State::new(props.initial_route.clone(), recall_text_size()));
    let root = use_node_ref();

    use_index_loading(&state, &props.source);
    use_issue_loading(&state, &props.source);
    use_search_loading(&state, &props.source);
    use_search_timing(&state);
    use_hash_following(&state, props.routing);
    use_view_settling(&state, &root);
    use_remembered_text_size(state.text_size);

    let navigator = Navigator {
        routing: props.routing,
        show: state.dispatcher().to_callback().reform(Action::Navigate),
    };
    let regions = use_memo(state.archive().map(|a| a.regions.len()), {
        let regions = state.archive().map(|archive| archive.regions.clone());
        move |_| Rc::new(regions.unwrap_or_default())
    });
    let on_text_size = state.dispatcher().to_callback().reform(Action::SetTextSize);
    let on_query = {
        let (navigator, route, return_to) = (
            navigator.clone(),
            state.route.clone(),
            state.return_to.clone(),
        );
        Callback::from(move |query: String| {
            timing::mark(timing::SEARCH_MARK);
            match &route {
                Route::Search(_) if query.trim().is_empty() => navigator.go(return_to.clone()),
                Route::Search(search) => {
                    navigator.replace(Route::Search(SearchRoute {
                        query,
                        ..search.clone()
                    }));
                }
                _ if query.trim().is_empty() => {}
                _ => navigator.go(Route::Search(SearchRoute {
                    query,
                    ..SearchRoute::default()
                })),
            }
        })
    };
    let shown_query = match &state.route {
        Route::Search(search) => search.query.clone(),
        _ => String::new(),
    };
    // While the index loads the panel holds its place; it goes when there is nothing to pick.
    let region_panel_shown = match &state.index {
        Load::Pending => true,
        Load::Ready(archive) => !archive.regions.is_empty(),
        Load::Failed(_) => false,
    };
    let active_region = match &state.route {
        Route::Region(filter) => Some(filter.clone()),
        _ => None,
    };
    let on_region = {
        let (navigator, return_to) = (navigator.clone(), state.return_to.clone());
        Callback::from(move |filter: Option<RegionFilter>| {
            navigator.go(filter.map_or_else(|| return_to.clone(), Route::Region));
        })
    };

    html! {
        <ContextProvider<ReaderName> context={ReaderName(props.name.clone())}>
        <ContextProvider<Navigator> context={navigator.clone()}>
            <div ref={root} class={classes!("reader", state.text_size.class())} lang="zh-CN">
                <Toolbar route={state.route.clone()} text_size={state.text_size} {on_text_size}>
                    <SearchBox query={shown_query} {on_query} />
                </Toolbar>
                if region_panel_shown {
                    <RegionPanel regions={(*regions).clone()} active={active_region} on_pick={on_region} />
                }
                <div class="view">{ view(&state, &navigator) }</div>
            </div>
        </ContextProvider<Navigator>>
        </ContextProvider<ReaderName>>
    }
}

/// Props for [`RegionPanel`].
#[derive(Properties, PartialEq)]
struct RegionPanelProps {
    regions: Rc<Vec<RegionCount>>,
    active: Option<RegionFilter>,
    on_pick: Callback<Option<RegionFilter>>,
}

/// The region control, folded away until wanted (open while a region is shown). It is there
/// from the first paint, so that nothing below it moves when the archive arrives.
#[function_component]
fn RegionPanel(props: &RegionPanelProps) -> Html {
    html! {
        <details class="region-panel" open={props.active.is_some()}>
            <summary>{ "按地区浏览" }</summary>
            <RegionPicker
                regions={props.regions.clone()}
                active={props.active.clone()}
                on_pick={props.on_pick.clone()}
                label="按地区浏览"
            />
        </details>
    }
}

/// The view for the current route.
fn view(state: &UseReducerHandle<State>, navigator: &Navigator) -> Html {
    let archive = match &state.index {
        Load::Pending => return loading("目录"),
        Load::Failed(error) => {
            let on_retry = state
                .dispatcher()
                .to_callback()
                .reform(|()| Action::RetryIndex);
            return failure(error, &on_retry);
        }
        Load::Ready(archive) => archive.clone(),
    };
    let retry_issue = |id: &str| {
        let id = id.to_owned();
        state
            .dispatcher()
            .to_callback()
            .reform(move |()| Action::RetryIssue(id.clone()))
    };
    match &state.route {
        Route::Latest | Route::Issue(_) => match state.current_issue() {
            Some(summary) => {
                let (newer, older) = state.neighbours(&summary.id);
                html! {
                    <IssueView
                        title={archive.title.clone()}
                        summary={summary.clone()}
                        issue={state.issues.get(&summary.id).cloned()}
                        newer={newer.cloned()}
                        older={older.cloned()}
                        on_retry={retry_issue(&summary.id)}
                    />
                }
            }
            None if archive.issues.is_empty() => {
                html! { <p class="notice">{ "目前还没有任何一期。" }</p> }
            }
            None => not_found("没有找到这一期。"),
        },
        Route::Article { id, highlight } => match state.article_summary(id) {
            Some((summary, _)) => html! {
                <ArticleView
                    summary={summary.clone()}
                    article_id={id.clone()}
                    issue={state.issues.get(&summary.id).cloned()}
                    on_retry={retry_issue(&summary.id)}
                    highlight={highlight.as_deref().map(parse_query).filter(|query| !query.is_empty())}
                />
            },
            None => not_found("没有找到这篇文章。"),
        },
        Route::Issues => html! { <IssueList {archive} /> },
        Route::NotFound(_) => not_found("没有找到这个页面，链接可能有误或不完整。"),
        Route::Region(filter) => {
            let (entries, total) = region_entries(state, filter);
            let on_more = state
                .dispatcher()
                .to_callback()
                .reform(|()| Action::ShowMoreRegionArticles);
            let on_clear = {
                let (navigator, back) = (navigator.clone(), state.return_to.clone());
                Callback::from(move |()| navigator.go(back.clone()))
            };
            html! {
                <RegionView
                    filter={filter.clone()}
                    {entries}
                    {total}
                    progress={state.wanted_progress()}
                    unloaded={state.unloaded_wanted()}
                    on_retry={state.dispatcher().to_callback().reform(|()| Action::RetryFailedIssues)}
                    {on_more}
                    {on_clear}
                />
            }
        }
        Route::Search(search) => {
            let on_region = {
                let search = search.clone();
                let navigator = navigator.clone();
                Callback::from(move |region: Option<RegionFilter>| {
                    timing::mark(timing::SEARCH_MARK);
                    navigator.replace(Route::Search(SearchRoute {
                        region,
                        ..search.clone()
                    }));
                })
            };
            let on_sort = {
                let search = search.clone();
                let navigator = navigator.clone();
                Callback::from(move |sort: SearchSort| {
                    timing::mark(timing::SEARCH_MARK);
                    navigator.replace(Route::Search(SearchRoute {
                        sort,
                        ..search.clone()
                    }));
                })
            };
            let on_clear = {
                let (navigator, back) = (navigator.clone(), state.return_to.clone());
                Callback::from(move |()| navigator.go(back.clone()))
            };
            html! {
                <SearchView
                    search={search.clone()}
                    outcome={search_outcome(state)}
                    facets={state.search_facets()}
                    {on_region}
                    {on_sort}
                    on_more={state.dispatcher().to_callback().reform(|()| Action::ShowMoreResults)}
                    {on_clear}
                    on_retry={state.dispatcher().to_callback().reform(|()| Action::RetrySearch)}
                    on_seen={state.dispatcher().to_callback().reform(Action::ResultsSeen)}
                    unloaded={state.unloaded_wanted()}
                    on_retry_issues={state.dispatcher().to_callback().reform(|()| Action::RetryFailedIssues)}
                />
            }
        }
    }
}

fn not_found(message: &str) -> Html {
    html! {
        <div class="notice" role="alert">
            <p>{ message.to_owned() }</p>
            <Link class="button" to={Route::Latest}>{ "查看最新一期" }</Link>
        </div>
    }
}
