//! An issue's back matter: distribution list, editors, contact details, approval number.

use lianluo_core::Issue;
use yew::prelude::*;

use crate::contact_links::{mailto_href, tel_href};

/// Props for [`BackMatter`].
#[derive(Properties, PartialEq)]
pub struct BackMatterProps {
    /// The issue whose back matter this is.
    pub issue: std::rc::Rc<Issue>,
}

/// The back matter as a definition list; phone and e-mail are links only when they look like
/// a phone number and an e-mail address.
#[function_component]
pub fn BackMatter(props: &BackMatterProps) -> Html {
    crate::render_count::rendered("BackMatter");
    let issue = &props.issue;
    let link_or_text = |text: &String, href: Option<String>| match href {
        Some(href) => html! { <a {href}>{ text.clone() }</a> },
        None => html! { text.clone() },
    };
    html! {
        <footer class="back-matter" aria-label="本期信息">
            <dl>
                if !issue.distribution.is_empty() {
                    <dt>{ "送" }</dt>
                    <dd><ul class="plain">{ for issue.distribution.iter().map(|group| html! { <li>{ group.clone() }</li> }) }</ul></dd>
                }
                if !issue.editors.is_empty() {
                    <dt>{ "责任编辑" }</dt>
                    <dd>{ issue.editors.join("、") }</dd>
                }
                if let Some(phone) = &issue.phone {
                    <dt>{ "联系电话" }</dt>
                    <dd>{ link_or_text(phone, tel_href(phone)) }</dd>
                }
                if let Some(email) = &issue.email {
                    <dt>{ "电子邮箱" }</dt>
                    <dd>{ link_or_text(email, mailto_href(email)) }</dd>
                }
                if let Some(approval) = &issue.approval {
                    <dt>{ "批准文号" }</dt>
                    <dd>{ approval.clone() }</dd>
                }
            </dl>
        </footer>
    }
}
