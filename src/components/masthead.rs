//! An issue's masthead: title, number, serial, date and publisher.

use yew::prelude::*;

use crate::format::{chinese_date, issue_label};

/// Props for [`Masthead`].
#[derive(Properties, PartialEq)]
pub struct MastheadProps {
    /// The newsletter's title (`联络动态`).
    pub title: AttrValue,
    /// Number within the year.
    pub number: u32,
    /// Running serial, when printed.
    pub serial: Option<u32>,
    /// ISO date.
    pub date: AttrValue,
    /// The publisher, once the issue file is here.
    #[prop_or_default]
    pub publisher: Option<AttrValue>,
}

/// The masthead, as the view's heading.
#[function_component]
pub fn Masthead(props: &MastheadProps) -> Html {
    crate::render_count::rendered("Masthead");
    html! {
        <header class="masthead">
            <h2 id="issue-title" class="view-heading" tabindex="-1">
                <span class="masthead-title">{ props.title.clone() }</span>
                <span class="masthead-number">{ issue_label(props.number, props.serial) }</span>
            </h2>
            <p class="dateline">
                <time datetime={props.date.clone()}>{ chinese_date(&props.date) }</time>
                // The line is kept while the publisher is unknown, so nothing moves when it comes.
                <span class="publisher">{ props.publisher.clone().unwrap_or_else(|| AttrValue::from("\u{a0}")) }</span>
            </p>
        </header>
    }
}
