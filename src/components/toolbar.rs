//! The bar above every view: the way to the newest issue and the issue list, the text size,
//! and 长辈模式.

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
    /// Whether 长辈模式 is on.
    #[prop_or_default]
    pub elder_mode: bool,
    /// 长辈模式 was turned on or off.
    #[prop_or_default]
    pub on_elder_mode: Callback<bool>,
    /// Anything placed after the links (the search box).
    #[prop_or_default]
    pub children: Html,
}

/// Navigation links, the children, the text size control, the 长辈模式 switch, and 朗读 where
/// there is text to read.
#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    crate::render_count::rendered("Toolbar");
    let name = use_reader_name();
    let current = |here: bool| here.then(|| AttrValue::from("page"));
    let elder_mode = props.elder_mode;
    let toggle_elder_mode = props.on_elder_mode.reform(move |_: MouseEvent| !elder_mode);
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
                    html! {
                        <button type="button" class={classes!("chip", size.class())} aria-pressed={super::pressed(size == props.text_size)} {onclick}>
                            { size.label() }
                        </button>
                    }
                }) }
            </div>
            <button type="button" class="chip elder-switch" aria-pressed={super::pressed(elder_mode)} onclick={toggle_elder_mode}>
                { "长辈模式" }
            </button>
            // Shown by the loader where the browser speaks Chinese, which also answers a press.
            if matches!(props.route, Route::Latest | Route::Issue(_) | Route::Article { .. }) {
                <button type="button" class="chip read-aloud-start">{ "朗读" }</button>
            }
        </header>
    }
}
