//! Messages in place of content: loading, empty, and failures with a retry button.

use yew::prelude::*;

use crate::error::LoadError;

/// A quiet "loading" line about `what`, announced to screen readers.
pub fn loading(what: &str) -> Html {
    html! { <p class="notice" role="status">{ format!("正在加载{what}…") }</p> }
}

/// A failure, in words, with a retry button.
pub fn failure(error: &LoadError, on_retry: &Callback<()>) -> Html {
    let onclick = on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="notice notice-error" role="alert">
            <p>{ error.message() }</p>
            <button type="button" class="button" {onclick}>{ "重试" }</button>
        </div>
    }
}

/// Issue files of a list that could not be loaded, so that some teasers lack their lines,
/// with a button to try them again.
pub fn unloaded_issues(count: usize, on_retry: &Callback<()>) -> Html {
    let onclick = on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="notice notice-error" role="alert">
            <p>{ format!("有 {count} 期的文件未能加载，其中文章的摘要暂缺。") }</p>
            <button type="button" class="button" {onclick}>{ "重试" }</button>
        </div>
    }
}
