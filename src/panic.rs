//! A panic anywhere in the reader becomes a message inside every reader on the page, with the
//! details in the console, instead of a frozen or blank element.

use std::cell::RefCell;

use web_sys::Element;

thread_local! {
    /// The containers of every reader mounted on this page.
    static CONTAINERS: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
}

/// What a reader shows after a panic.
pub const PANIC_MESSAGE: &str =
    "阅读器遇到内部错误，已停止运行。请刷新页面重试；如果问题仍然存在，请告知网站管理员。";

/// Registers a reader's container and, on the first call, installs the panic hook.
pub fn install(container: &Element) {
    let first = CONTAINERS.with(|containers| {
        let mut containers = containers.borrow_mut();
        containers.push(container.clone());
        containers.len() == 1
    });
    if first {
        yew::set_custom_panic_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("联络动态阅读器：{info}").into());
            CONTAINERS.with(|containers| {
                for container in containers.borrow().iter() {
                    show_message(container);
                }
            });
        }));
    }
}

fn show_message(container: &Element) {
    let Some(document) = container.owner_document() else {
        return;
    };
    let Ok(message) = document.create_element("p") else {
        return;
    };
    message.set_class_name("notice notice-error");
    message.set_attribute("role", "alert").ok();
    message.set_text_content(Some(PANIC_MESSAGE));
    container.set_text_content(None);
    container.append_child(&message).ok();
}
