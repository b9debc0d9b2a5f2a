//! The bar above every view: the way to the newest issue and the issue list, and the text size.

use yew::prelude::*;

use super::landmark::use_reader_name;
use super::link::Link;
use crate::route::Route;
use crate::text_size::TextSize;

/// Props for [`Toolbar`].
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The current view, to mark its link as current.
    pub route: Route,
    /// The text size chosen now.
    pub text_size: TextSize,
    /// A text size was chosen.
    pub on_text_size: Callback<TextSize>,
    /// Anything placed after the links (the search box).
    #[prop_or_default]
    pub children: Html,
}

/// Navigation links, the children, and the text size control.
#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    crate::render_count::rendered("Toolbar");
    let name = use_reader_name();
    let current = |here: bool| here.then(|| AttrValue::from("page"));
    html! {
        <header class="toolbar">
            <nav class="toolbar-links" aria-label={name.landmark("阅读器导航")}>
                <Link class="button" to={Route::Latest} current={current(props.route == Route::Latest)}>{ "最新一期" }</Link>
                <Link class="button" to={Route::Issues} current={current(props.route == Route::Issues)}>{ "往期目录" }</Link>
            </nav>
            { props.children.clone() }
            <div class="text-size" role="group" aria-label="字号">
                { for TextSize::ALL.into_iter().map(|size| {
                    let onclick = props.on_text_size.reform(move |_: MouseEvent| size);
                    let pressed = (size == props.text_size).to_string();
                    html! {
                        <button type="button" class={classes!("chip", size.class())} aria-pressed={pressed} {onclick}>
                            { size.label() }
                        </button>
                    }
                }) }
            </div>
        </header>
    }
}
