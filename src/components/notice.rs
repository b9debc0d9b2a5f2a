//! Messages in place of content: loading, empty, and failures with a retry button.

use yew::prelude::*;

use crate::error::LoadError;

/// Props for [`Loading`].
#[derive(Properties, PartialEq)]
pub struct LoadingProps {
    /// What is loading, in words.
    pub what: AttrValue,
}

/// A quiet "loading" line, announced to screen readers.
#[function_component]
pub fn Loading(props: &LoadingProps) -> Html {
    html! { <p class="notice" role="status">{ format!("正在加载{}…", props.what) }</p> }
}

/// Props for [`Failure`].
#[derive(Properties, PartialEq)]
pub struct FailureProps {
    /// What went wrong.
    pub error: LoadError,
    /// Try again.
    pub on_retry: Callback<()>,
}

/// A failure, in words, with a retry button.
#[function_component]
pub fn Failure(props: &FailureProps) -> Html {
    let onclick = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="notice notice-error" role="alert">
            <p>{ props.error.message() }</p>
            <button type="button" class="button" {onclick}>{ "重试" }</button>
        </div>
    }
}
