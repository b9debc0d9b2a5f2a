//! Opening the preview in the editor's default browser, where there is a screen to show it.

use std::ffi::OsString;

use crate::i18n::t;
use crate::report::to_stderr;

/// Whether a browser window can be shown: on Linux and the BSDs only in a graphical session
/// (`DISPLAY` or `WAYLAND_DISPLAY` set, read through `var`); on Windows and macOS always.
pub fn has_display(var: impl Fn(&str) -> Option<OsString>) -> bool {
    if cfg!(any(windows, target_os = "macos")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| var(name).is_some_and(|value| !value.is_empty()))
}

/// Opens `url` in the default browser, or says why not.
pub fn open(url: &str) {
    if !has_display(|name| std::env::var_os(name)) {
        to_stderr(format_args!("{}", t("serve-no-display", &[])));
        return;
    }
    if let Err(e) = opener::open_browser(url) {
        let reason = e.to_string();
        to_stderr(format_args!(
            "{}",
            t("serve-no-browser", &[("reason", reason)])
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graphical_session_has_a_display() {
        let only =
            |set: &'static str| move |name: &str| (name == set).then(|| OsString::from(":0"));
        assert!(has_display(only("DISPLAY")));
        assert!(has_display(only("WAYLAND_DISPLAY")));
        let none = |_: &str| None;
        let empty = |_: &str| Some(OsString::new());
        let elsewhere = cfg!(any(windows, target_os = "macos"));
        assert_eq!(has_display(none), elsewhere);
        assert_eq!(has_display(empty), elsewhere);
    }
}
