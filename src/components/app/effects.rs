//! The reader's side effects, one hook each: loading data files, timing searches, following
//! the URL hash, and settling focus after a change of view.

use std::rc::Rc;

use gloo::events::EventListener;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::link::Navigator;
use crate::data_fetch::fetch_file;
use crate::error::{LoadError, LoadErrorKind};
use crate::route::Route;
use crate::source::DataSource;
use crate::state::{Action, FileKey, State};
use crate::storage::remember_text_size;
use crate::text_size::TextSize;
use crate::timing;

/// Fetches the files the state wants, as many at once as it allows, and reports each back.
#[hook]
pub fn use_file_loading(state: &UseReducerHandle<State>, source: &Rc<DataSource>) {
    let dispatcher = state.dispatcher();
    let wanted: Vec<(FileKey, Result<String, LoadError>)> = state
        .files_to_fetch()
        .into_iter()
        .map(|key| {
            let url = match (&key, state.file_path(&key)) {
                (FileKey::Index, _) => source.index_url.clone(),
                (_, Some(path)) => source.file_url(path),
                // The state wants only files the index names; kept as a failure, not a panic.
                (FileKey::Issue(name) | FileKey::Shard(name) | FileKey::Volume(name), None) => {
                    Err(LoadError::new(name.clone(), LoadErrorKind::NotFound))
                }
                (FileKey::Manifest, None) => Err(LoadError::new("search", LoadErrorKind::NotFound)),
            };
            (key, url)
        })
        .collect();
    use_effect_with(wanted, move |wanted| {
        if wanted.is_empty() {
            return;
        }
        let keys = wanted.iter().map(|(key, _)| key.clone()).collect();
        dispatcher.dispatch(Action::FilesRequested(keys));
        for (key, url) in wanted.iter().cloned() {
            let dispatcher = dispatcher.clone();
            spawn_local(async move {
                let result = match url {
                    Ok(url) => fetch_file(&key, &url).await,
                    Err(error) => Err(error),
                };
                dispatcher.dispatch(Action::FileArrived(key, result));
            });
        }
    });
}

/// Measures each query, from the end of the typing pause (or from the moment a search
/// address is opened) to its results in the DOM.
#[hook]
pub fn use_search_timing(state: &UseReducerHandle<State>) {
    let search = match state.route() {
        Route::Search(search) => Some(search.clone()),
        _ => None,
    };
    let ready = state.search().current().is_some();
    use_effect_with((search, ready), |(search, ready)| match (search, ready) {
        (Some(_), true) => timing::measure(timing::SEARCH_MEASURE, timing::SEARCH_MARK),
        // Typing already set the mark; an address opened directly starts the clock here.
        (Some(_), false) => timing::mark_once(timing::SEARCH_MARK),
        (None, _) => {}
    });
}

/// Follows the URL hash (back, forward, edited or pasted links) when routing.
#[hook]
pub fn use_hash_following(navigator: &Navigator) {
    use_effect_with(navigator.clone(), move |navigator| {
        let window = web_sys::window().filter(|_| navigator.routing());
        let listener = window.map(|window| {
            let (location, navigator) = (window.location(), navigator.clone());
            EventListener::new(&window, "hashchange", move |_| {
                if let Ok(hash) = location.hash() {
                    navigator.address_changed(&hash);
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
    use_effect_with(state.route().clone(), move |_| {
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
        let Some(heading) = view_heading(&root) else {
            return;
        };
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        heading.focus_with_options(&options).ok();
        let (target, block) = match find(".view mark") {
            Some(mark) => (mark, web_sys::ScrollLogicalPosition::Center),
            None => (heading.into(), web_sys::ScrollLogicalPosition::Nearest),
        };
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(block);
        target.scroll_into_view_with_scroll_into_view_options(&options);
    });
}

/// The current view's heading inside the reader's `root`: where the focus goes when the view
/// changes, and where the skip link sends it.
pub fn view_heading(root: &web_sys::Element) -> Option<web_sys::HtmlElement> {
    let heading = root.query_selector(".view .view-heading").ok().flatten()?;
    wasm_bindgen::JsCast::dyn_into(heading).ok()
}

/// Tells the page, once, that the view shows all its static rendering shows.
#[hook]
pub fn use_ready_signal(settled: bool, on_ready: &Callback<()>) {
    let told = use_mut_ref(|| false);
    let on_ready = on_ready.clone();
    use_effect_with(settled, move |settled| {
        if *settled && !std::mem::replace(&mut *told.borrow_mut(), true) {
            on_ready.emit(());
        }
    });
}

/// Remembers the reader's text size for their next visit. An effect, since every change of
/// size is the reader's own; 长辈模式 is remembered by its switch's callback instead, because
/// the host page can set it too, and the host's choice must not be stored as the reader's.
#[hook]
pub fn use_remembered_text_size(size: TextSize) {
    use_effect_with(size, move |size| remember_text_size(*size));
}
