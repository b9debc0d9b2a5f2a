//! The search box: always at hand, searching as the reader types after a short pause.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::landmark::use_reader_name;

/// How long typing must pause before the query runs, in milliseconds. Range 100–500: shorter
/// fetches shards for half-typed words, longer feels sluggish.
pub const TYPING_PAUSE_MS: u32 = 250;

/// Props for [`SearchBox`].
#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    /// The query shown (the current search's, or empty).
    pub query: AttrValue,
    /// The reader asked for this query (after a pause in typing, or at once on Enter).
    pub on_query: Callback<String>,
    /// The box got the focus for the first time.
    pub on_first_focus: Callback<()>,
    /// The text in the box changed (before the typing pause ends).
    pub on_typing: Callback<String>,
}

/// A labelled `<input type="search">` in a search landmark.
#[function_component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    crate::render_count::rendered("SearchBox");
    let name = use_reader_name();
    let pending: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let input_ref = use_node_ref();
    // The queries this box asked for since its text was last set from outside.
    let asked: Rc<RefCell<Vec<String>>> = use_mut_ref(Vec::new);
    // The box shows the current query when the query changes (a link, back and forward, a
    // reload), and is otherwise left to the reader. A query the box itself asked for comes
    // back as a new route some time later (after `hashchange` for the first one): by then
    // the reader may have typed on, and putting that query back would drop what they typed.
    {
        let (input_ref, asked) = (input_ref.clone(), asked.clone());
        use_effect_with(props.query.clone(), move |query| {
            if asked.borrow().iter().any(|own| own == query.as_str()) {
                return;
            }
            asked.borrow_mut().clear();
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                if input.value() != query.as_str() {
                    input.set_value(query);
                }
            }
        });
    }
    // Asks for a query, remembering it as the box's own.
    let on_query = {
        let (asked, on_query) = (asked, props.on_query.clone());
        Callback::from(move |query: String| {
            asked.borrow_mut().push(query.clone());
            on_query.emit(query);
        })
    };
    let oninput = {
        let (pending, on_query) = (pending.clone(), on_query.clone());
        let on_typing = props.on_typing.clone();
        Callback::from(move |event: InputEvent| {
            let value = event.target_unchecked_into::<HtmlInputElement>().value();
            // Mid-composition the box holds an input method's spelling (pinyin), not words:
            // nothing worth fetching for.
            // (An `input` event a script dispatches may be a plain `Event`, with no such flag.)
            let plain: &wasm_bindgen::JsValue = event.as_ref();
            let composing = plain
                .dyn_ref::<InputEvent>()
                .is_some_and(InputEvent::is_composing);
            if !composing {
                on_typing.emit(value.clone());
            }
            let on_query = on_query.clone();
            // Replacing the timeout cancels the previous one: only the last pause counts.
            *pending.borrow_mut() =
                Some(Timeout::new(TYPING_PAUSE_MS, move || on_query.emit(value)));
        })
    };
    let onsubmit = {
        let (pending, input_ref) = (pending, input_ref.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            pending.borrow_mut().take();
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                // Enter means "show me": the focus goes on to the results (and a phone's
                // keyboard closes), where typing that pauses keeps it in the box.
                input.blur().ok();
                on_query.emit(input.value());
            }
        })
    };
    let focused = use_mut_ref(|| false);
    let onfocus = {
        let on_first_focus = props.on_first_focus.clone();
        Callback::from(move |_: FocusEvent| {
            if !std::mem::replace(&mut *focused.borrow_mut(), true) {
                on_first_focus.emit(());
            }
        })
    };
    html! {
        <form class="search-box" role="search" aria-label={name.landmark("搜索")} {onsubmit}>
            <label for="lianluo-search" class="sr-only">{ "搜索全部文章" }</label>
            <input
                ref={input_ref}
                id="lianluo-search"
                type="search"
                enterkeyhint="search"
                autocomplete="off"
                placeholder="搜索全部文章，如：代表工作室"
                {oninput}
                {onfocus}
            />
        </form>
    }
}
