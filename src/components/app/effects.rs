//! The reader's side effects, one hook each: loading the index, issue files and search
//! files, timing searches, following the URL hash, and settling focus after a change of view.

use std::rc::Rc;

use gloo::events::EventListener;
use lianluo_core::{ArchiveIndex, Issue};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::load::{fetch_data, fetch_manifest, fetch_shard};
use crate::route::Route;
use crate::source::DataSource;
use crate::state::{check_manifest, Action, State};
use crate::storage::remember_text_size;
use crate::text_size::TextSize;
use crate::timing;

/// Loads `index.json` once per attempt.
#[hook]
pub fn use_index_loading(state: &UseReducerHandle<State>, source: &Rc<DataSource>) {
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
pub fn use_issue_loading(state: &UseReducerHandle<State>, source: &Rc<DataSource>) {
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
pub fn use_search_loading(state: &UseReducerHandle<State>, source: &Rc<DataSource>) {
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
pub fn use_search_timing(state: &UseReducerHandle<State>) {
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
pub fn use_hash_following(state: &UseReducerHandle<State>, routing: bool) {
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
pub fn use_view_settling(state: &UseReducerHandle<State>, root: &NodeRef) {
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

/// Remembers the reader's text size for their next visit.
#[hook]
pub fn use_remembered_text_size(size: TextSize) {
    use_effect_with(size, move |size| remember_text_size(*size));
}
