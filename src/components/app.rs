//! The reader: holds the state, performs its I/O in effects, and lays out the views.

mod effects;
mod teasers;

use std::rc::Rc;

use lianluo_core::search::parse_query;
use lianluo_core::RegionCount;
use yew::prelude::*;

use effects::{
    use_file_loading, use_hash_following, use_ready_signal, use_remembered_text_size,
    use_search_timing, use_view_settling, view_heading,
};
use teasers::{listed_teasers, region_total, search_outcome, TeaserSources};

use super::article_view::ArticleView;
use super::issue_list::IssueList;
use super::issue_view::IssueView;
use super::landmark::ReaderName;
use super::link::{Link, Navigator, StaticPages};
use super::notice::{failure, loading};
use super::region_picker::RegionPicker;
use super::region_view::RegionView;
use super::search_box::SearchBox;
use super::search_view::SearchView;
use super::teaser::Teaser;
use super::toolbar::Toolbar;
use crate::route::{RegionFilter, Route, SearchRoute, SearchSort};
use crate::source::DataSource;
use crate::state::{Action, File, FileKey, Load, State};
use crate::storage::remember_elder_mode;
use crate::text_size::TextSize;

/// Props for [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Where the archive is.
    pub source: Rc<DataSource>,
    /// Whether the view is kept in the URL hash.
    pub routing: bool,
    /// The view to open with.
    pub initial_route: Route,
    /// The text size to open with.
    #[prop_or_default]
    pub text_size: TextSize,
    /// Whether to open in 长辈模式.
    #[prop_or_default]
    pub elder_mode: bool,
    /// This reader's name within the page, added to its landmarks' names (empty: none).
    #[prop_or_default]
    pub name: AttrValue,
    /// Files already in hand when the reader starts (a static rendering hands over the index
    /// and the issue it shows).
    #[prop_or_default]
    pub files: Rc<Vec<(FileKey, File)>>,
    /// Links as static pages need them, when the view is rendered to one.
    #[prop_or_default]
    pub pages: Option<StaticPages>,
    /// Rendered at build time, as the text shown before the reader runs (a fragment or a
    /// static page): the facts of the whole archive that change with every new issue (the
    /// region counts) are left out, so that an issue's files change only when the issue or
    /// its neighbours do. The region panel is folded there, so its empty list moves nothing.
    #[prop_or_default]
    pub static_text: bool,
    /// Called once, when the first view shows all a static rendering of it shows (the loader
    /// then takes the static text away).
    #[prop_or_default]
    pub on_ready: Callback<()>,
}

/// A callback that sends the reducer the action `f` makes of its argument.
fn send<T: 'static>(dispatcher: &UseReducerDispatcher<State>, f: fn(T) -> Action) -> Callback<T> {
    dispatcher.to_callback().reform(f)
}

/// Everything the views are given to act with, made once per reader: a render hands every
/// child the same callbacks, so a child renders only when what it shows changes. Where a
/// callback depends on where the reader is, the navigator reads it when it is called.
struct Controls {
    navigator: Navigator,
    skip: Callback<MouseEvent>,
    text_size: Callback<TextSize>,
    elder_mode: Callback<bool>,
    first_focus: Callback<()>,
    typing: Callback<String>,
    query: Callback<String>,
    region: Callback<Option<RegionFilter>>,
    retry: Callback<()>,
    more: Callback<()>,
    seen: Callback<Vec<String>>,
    clear: Callback<()>,
    search_region: Callback<Option<RegionFilter>>,
    search_sort: Callback<SearchSort>,
}

impl Controls {
    fn new(navigator: Navigator, dispatcher: &UseReducerDispatcher<State>, root: NodeRef) -> Self {
        let elder_mode = dispatcher.clone();
        let (query, region, clear) = (navigator.clone(), navigator.clone(), navigator.clone());
        let (search_region, search_sort) = (navigator.clone(), navigator.clone());
        Controls {
            skip: Callback::from(move |_| focus_view_heading(&root)),
            text_size: send(dispatcher, Action::SetTextSize),
            elder_mode: Callback::from(move |on| {
                remember_elder_mode(on);
                elder_mode.dispatch(Action::SetElderMode(on));
            }),
            first_focus: send(dispatcher, |()| Action::SearchFocused),
            typing: send(dispatcher, Action::SearchTyped),
            query: Callback::from(move |text| query.search(text)),
            region: Callback::from(move |filter: Option<RegionFilter>| {
                region.go(filter.map_or_else(|| region.return_point(), Route::Region));
            }),
            retry: send(dispatcher, |()| Action::RetryFailed),
            more: send(dispatcher, |()| Action::ShowMore),
            seen: send(dispatcher, Action::ResultsSeen),
            clear: Callback::from(move |()| clear.go(clear.return_point())),
            search_region: Callback::from(move |region| {
                search_region.change_search(|search| SearchRoute { region, ..search })
            }),
            search_sort: Callback::from(move |sort| {
                search_sort.change_search(|search| SearchRoute { sort, ..search })
            }),
            navigator,
        }
    }
}

/// Moves the focus to the current view's heading, as the skip link asks: the page's address
/// is the reader's, so the link cannot be an anchor.
fn focus_view_heading(root: &NodeRef) {
    if let Some(heading) = root
        .cast::<web_sys::Element>()
        .and_then(|root| view_heading(&root))
    {
        heading.focus().ok();
    }
}

/// The whole reader.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    crate::render_count::rendered("App");
    let state = use_reducer(|| {
        let mut state = State::new(props.initial_route.clone(), props.text_size);
        state.apply(Action::SetElderMode(props.elder_mode));
        for (key, file) in props.files.iter().cloned() {
            state.apply(Action::FileArrived(key, Ok(file)));
        }
        state
    });
    let root = use_node_ref();

    use_file_loading(&state, &props.source);
    use_search_timing(&state);
    use_view_settling(&state, &root);
    use_remembered_text_size(state.text_size());
    use_ready_signal(state.view_settled(), &props.on_ready);

    let controls = {
        let dispatcher = state.dispatcher();
        let initial = state.route().clone();
        let root = root.clone();
        use_memo(
            (props.routing, props.pages.clone(), props.name.clone()),
            move |(routing, pages, name)| {
                let show = dispatcher.to_callback().reform(Action::Navigate);
                let navigator = Navigator::new(*routing, initial, show)
                    .linking_pages(pages.clone())
                    .named(ReaderName(name.clone()));
                Controls::new(navigator, &dispatcher, root)
            },
        )
    };
    let navigator = &controls.navigator;
    navigator.set_return_point(state.return_point());
    let teasers = use_memo(TeaserSources::of(&state), listed_teasers);
    use_hash_following(navigator);
    let shown_query = match state.route() {
        Route::Search(search) => search.query.clone(),
        _ => String::new(),
    };
    // While the index loads the panel holds its place; it goes when there is nothing to pick.
    let region_panel_shown = match state.index() {
        Load::Pending => true,
        Load::Ready(archive) => !archive.regions.is_empty(),
        Load::Failed(_) => false,
    };
    let region_counts = if props.static_text {
        Rc::default()
    } else {
        state.region_counts().clone()
    };
    let active_region = match state.route() {
        Route::Region(filter) => Some(filter.clone()),
        _ => None,
    };
    let reader = html! {
            <div ref={root} class={classes!("reader", state.text_size().class(), state.elder_mode().then_some("elder"))} lang="zh-CN">
                <button type="button" class="button skip-link" onclick={controls.skip.clone()}>{ "跳到正文" }</button>
                <Toolbar route={state.route().clone()} text_size={state.text_size()} on_text_size={controls.text_size.clone()} elder_mode={state.elder_mode()} on_elder_mode={controls.elder_mode.clone()}>
                    <SearchBox query={shown_query} on_query={controls.query.clone()} on_first_focus={controls.first_focus.clone()} on_typing={controls.typing.clone()} />
                </Toolbar>
                if region_panel_shown {
                    <RegionPanel regions={region_counts} active={active_region} on_pick={controls.region.clone()} />
                }
                <div class="view">{ view(&state, &controls, &teasers) }</div>
            </div>
    };
    html! {
        <ContextProvider<Navigator> context={navigator.clone()}>{ reader }</ContextProvider<Navigator>>
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
    crate::render_count::rendered("RegionPanel");
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

/// The view for the current route; `teasers` are the list's entries, when it shows a list.
fn view(state: &State, callbacks: &Controls, teasers: &Rc<Vec<Teaser>>) -> Html {
    let archive = match state.index() {
        Load::Pending => return loading("目录"),
        Load::Failed(error) => return failure(&error, &callbacks.retry),
        Load::Ready(archive) => archive,
    };
    let on_retry = callbacks.retry.clone();
    let not_found = |message: &str| {
        html! {
            <div class="notice" role="alert">
                <p>{ message.to_owned() }</p>
                <Link class="button" to={Route::Latest}>{ "查看最新一期" }</Link>
            </div>
        }
    };
    match state.route() {
        Route::Latest | Route::Issue(_) => match state.current_issue() {
            Some(summary) => {
                let (newer, older) = state.neighbours(&summary.id);
                html! {
                    <IssueView
                        title={archive.title.clone()}
                        summary={summary.clone()}
                        issue={state.issue(&summary.id)}
                        newer={newer.cloned()}
                        older={older.cloned()}
                        {on_retry}
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
                    issue={state.issue(&summary.id)}
                    {on_retry}
                    highlight={highlight.as_deref().map(parse_query).filter(|query| !query.is_empty())}
                />
            },
            None => not_found("没有找到这篇文章。"),
        },
        Route::Issues => html! { <IssueList {archive} /> },
        Route::NotFound(_) => not_found("没有找到这个页面，链接可能有误或不完整。"),
        Route::Region(filter) => {
            html! {
                <RegionView
                    filter={filter.clone()}
                    entries={teasers.clone()}
                    total={region_total(state)}
                    progress={state.issue_progress()}
                    {on_retry}
                    on_more={callbacks.more.clone()}
                    on_clear={callbacks.clear.clone()}
                />
            }
        }
        Route::Search(search) => html! {
            <SearchView
                search={search.clone()}
                outcome={search_outcome(state, &archive, teasers)}
                facets={state.search().facets()}
                on_region={callbacks.search_region.clone()}
                on_sort={callbacks.search_sort.clone()}
                on_more={callbacks.more.clone()}
                on_clear={callbacks.clear.clone()}
                {on_retry}
                on_seen={callbacks.seen.clone()}
                unloaded={state.issue_progress().failed}
            />
        },
    }
}
