//! The reader: holds the state, performs its I/O in effects, and lays out the views.

use std::rc::Rc;

use gloo::events::EventListener;
use lianluo_core::{ArchiveIndex, Issue, RegionCount};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::article_view::ArticleView;
use super::issue_list::IssueList;
use super::issue_view::IssueView;
use super::landmark::ReaderName;
use super::link::{Link, Navigator};
use super::notice::{failure, loading};
use super::region_filter::RegionPicker;
use super::region_view::{opening, RegionView};
use super::search_box::SearchBox;
use super::search_view::{Outcome, SearchView};
use super::teaser::{Excerpt, Teaser};
use super::toolbar::Toolbar;
use crate::load::{fetch_data, fetch_manifest, fetch_shard};
use crate::route::{RegionFilter, Route, SearchRoute, SearchSort};
use crate::source::DataSource;
use crate::state::{check_manifest, Action, Load, State};
use crate::storage::{recall_text_size, remember_text_size};
use crate::timing;
use lianluo_core::search::{mark_ranges, parse_query, snippet};

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
    {
        let size = state.text_size;
        use_effect_with(size, move |size| remember_text_size(*size));
    }

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
                />
            }
        }
    }
}

/// The current search's results as the view shows them, snippets from the issue files here.
fn search_outcome(state: &State) -> Outcome {
    let Some((search, query)) = state.search() else {
        return Outcome::NoQuery;
    };
    let typed = &search.query;
    if !state.has_search() {
        return Outcome::NoIndex;
    }
    if query.is_empty() {
        return Outcome::NoQuery;
    }
    let page = match state.search_page() {
        None => return Outcome::Searching,
        Some(Err(error)) => return Outcome::Failed(error),
        Some(Ok(page)) => page,
    };
    let cards = page
        .listed
        .iter()
        .map(|entry| {
            let excerpt = match state.issues.get(&entry.issue.id) {
                Some(Load::Ready(issue)) => {
                    let article = issue.articles.iter().find(|a| a.id == entry.article.id);
                    let blocks: Vec<&str> = article
                        .map(|a| a.blocks.iter().map(|b| b.text.as_str()).collect())
                        .unwrap_or_default();
                    snippet(&blocks, &query).map_or(Excerpt::Unavailable, Excerpt::Ready)
                }
                Some(Load::Failed(_)) => Excerpt::Unavailable,
                _ => Excerpt::Loading,
            };
            Teaser {
                title_marks: mark_ranges(&entry.article.title, &query),
                highlight: Some(typed.clone()),
                ..Teaser::new(entry.issue, entry.article, excerpt)
            }
        })
        .collect();
    Outcome::Found {
        cards,
        total: page.total,
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

/// The region's articles as teasers, as many as the state lists, and the region's total.
fn region_entries(state: &State, filter: &RegionFilter) -> (Vec<Teaser>, usize) {
    let all = state.region_articles(filter);
    let entries = all
        .iter()
        .take(state.region_limit)
        .map(|(issue, article)| {
            let excerpt = match state.issues.get(&issue.id) {
                Some(Load::Ready(loaded)) => loaded
                    .articles
                    .iter()
                    .find(|a| a.id == article.id)
                    .and_then(|a| {
                        a.blocks
                            .iter()
                            .find(|b| b.kind == lianluo_core::BlockKind::Paragraph)
                    })
                    .map_or(Excerpt::Unavailable, |block| {
                        Excerpt::Ready(opening(&block.text))
                    }),
                Some(Load::Failed(_)) => Excerpt::Unavailable,
                _ => Excerpt::Loading,
            };
            Teaser::new(issue, article, excerpt)
        })
        .collect();
    (entries, all.len())
}

/// Loads `index.json` once per attempt.
#[hook]
fn use_index_loading(state: &UseReducerHandle<State>, source: &Rc<DataSource>) {
    let dispatcher = state.dispatcher();
    let source = source.clone();
    use_effect_with(state.index_attempt, move |_| {
        spawn_local(async move {
            let result = match &source.index_url {
                Ok(url) => fetch_data::<ArchiveIndex>(url).await,
                Err(error) => Err(error.clone()),
            };
            dispatcher.dispatch(Action::IndexLoaded(result));
        });
    });
}

/// Fetches the issue files the state asks for.
#[hook]
fn use_issue_loading(state: &UseReducerHandle<State>, source: &Rc<DataSource>) {
    let dispatcher = state.dispatcher();
    let wanted: Vec<(String, String)> = state
        .issues_to_fetch()
        .into_iter()
        .map(|id| {
            let path = state.issue_path(&id).unwrap_or_default().to_owned();
            (id, path)
        })
        .collect();
    let source = source.clone();
    use_effect_with(wanted, move |wanted| {
        for (id, path) in wanted.iter().cloned() {
            dispatcher.dispatch(Action::IssueRequested(id.clone()));
            let (dispatcher, source) = (dispatcher.clone(), source.clone());
            spawn_local(async move {
                let result = match source.file_url(&path) {
                    Ok(url) => fetch_data::<Issue>(&url).await,
                    Err(error) => Err(error),
                };
                dispatcher.dispatch(Action::IssueLoaded(id, result));
            });
        }
    });
}

/// Fetches the search manifest and the shards the current query needs.
#[hook]
fn use_search_loading(state: &UseReducerHandle<State>, source: &Rc<DataSource>) {
    let manifest = state.manifest_to_fetch().map(str::to_owned);
    let archive = state.index.ready().cloned();
    let dispatcher = state.dispatcher();
    let source_for_manifest = source.clone();
    use_effect_with(manifest, move |manifest| {
        if let Some(path) = manifest.clone() {
            dispatcher.dispatch(Action::ManifestRequested);
            spawn_local(async move {
                let result = match source_for_manifest.file_url(&path) {
                    Ok(url) => fetch_manifest(&url).await,
                    Err(error) => Err(error),
                };
                let checked = result.and_then(|m| check_manifest(m, archive.as_deref(), &path));
                dispatcher.dispatch(Action::ManifestLoaded(checked));
            });
        }
    });
    let dispatcher = state.dispatcher();
    let source = source.clone();
    use_effect_with(state.shards_to_fetch(), move |paths| {
        for path in paths.iter().cloned() {
            dispatcher.dispatch(Action::ShardRequested(path.clone()));
            let (dispatcher, source) = (dispatcher.clone(), source.clone());
            spawn_local(async move {
                let result = match source.file_url(&path) {
                    Ok(url) => fetch_shard(&url).await,
                    Err(error) => Err(error),
                };
                dispatcher.dispatch(Action::ShardLoaded(path, result));
            });
        }
    });
}

/// Measures each query, from the end of the typing pause (or from the moment a search
/// address is opened) to its results in the DOM.
#[hook]
fn use_search_timing(state: &UseReducerHandle<State>) {
    let search = state.search().map(|(search, _)| search.clone());
    let ready = state.search_settled();
    use_effect_with((search, ready), |(search, ready)| match (search, ready) {
        (Some(_), true) => timing::measure(timing::SEARCH_MEASURE, timing::SEARCH_MARK),
        // Typing already set the mark; an address opened directly starts the clock here.
        (Some(_), false) => timing::mark_once(timing::SEARCH_MARK),
        (None, _) => {}
    });
}

/// Follows the URL hash (back, forward, edited or pasted links) when routing.
#[hook]
fn use_hash_following(state: &UseReducerHandle<State>, routing: bool) {
    let dispatcher = state.dispatcher();
    use_effect_with(routing, move |routing| {
        let window = web_sys::window().filter(|_| *routing);
        let listener = window.map(|window| {
            let location = window.location();
            EventListener::new(&window, "hashchange", move |_| {
                let route = location
                    .hash()
                    .ok()
                    .and_then(|hash| Route::from_hash(&hash));
                if let Some(route) = route {
                    timing::mark(timing::NAVIGATE_MARK);
                    dispatcher.dispatch(Action::Navigate(route));
                }
            })
        });
        move || drop(listener)
    });
}

/// After a change of view: records the render time and moves focus to the new view's heading,
/// unless the reader is typing in the search box.
/// The view is brought on screen only as far as needed (the reader may sit mid-page), and
/// to the first marked search match when there is one. The first render is left alone: the
/// page decides where it starts.
#[hook]
fn use_view_settling(state: &UseReducerHandle<State>, root: &NodeRef) {
    let first = use_mut_ref(|| true);
    let root = root.clone();
    use_effect_with(state.route.clone(), move |_| {
        timing::measure(timing::RENDER_MEASURE, timing::NAVIGATE_MARK);
        if std::mem::replace(&mut *first.borrow_mut(), false) {
            return;
        }
        let Some(root) = root.cast::<web_sys::Element>() else {
            return;
        };
        let find = |selector: &str| root.query_selector(selector).ok().flatten();
        // Results that change as the reader types leave the focus, and the page, where they
        // are: the next keystroke belongs to the box. (Enter hands the focus over.)
        if find("input[type=search]:focus").is_some() {
            return;
        }
        let Some(heading) = find(".view-heading") else {
            return;
        };
        if let Ok(heading) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading.clone())
        {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            heading.focus_with_options(&options).ok();
        }
        let (target, block) = match find(".view mark") {
            Some(mark) => (mark, web_sys::ScrollLogicalPosition::Center),
            None => (heading, web_sys::ScrollLogicalPosition::Nearest),
        };
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(block);
        target.scroll_into_view_with_scroll_into_view_options(&options);
    });
}
