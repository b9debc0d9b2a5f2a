//! User Timing marks, so that render and search times can be read from the browser's
//! performance timeline (and by the benchmark).

/// Set when the reader is asked for a new view.
pub const NAVIGATE_MARK: &str = "lianluo:navigate";
/// From [`NAVIGATE_MARK`] to the new view in the DOM.
pub const RENDER_MEASURE: &str = "lianluo:render";

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// Marks the start of a navigation.
pub fn mark(name: &str) {
    if let Some(performance) = performance() {
        // Timing is diagnostics: a browser without User Timing simply records nothing.
        let _ = performance.mark(name);
    }
}

/// Marks `name` unless a mark of that name is already waiting to be measured.
pub fn mark_once(name: &str) {
    if let Some(performance) = performance() {
        if performance
            .get_entries_by_name_with_entry_type(name, "mark")
            .length()
            == 0
        {
            let _ = performance.mark(name);
        }
    }
}

/// Measures from `start_mark` to now under `name`, then clears the mark so that each
/// measure covers exactly one navigation. Does nothing when the mark is absent.
pub fn measure(name: &str, start_mark: &str) {
    if let Some(performance) = performance() {
        if performance
            .measure_with_start_mark(name, start_mark)
            .is_ok()
        {
            performance.clear_marks_with_mark_name(start_mark);
        }
    }
}

/// Set when a search is asked for (the end of the typing pause).
pub const SEARCH_MARK: &str = "lianluo:search-start";
/// From [`SEARCH_MARK`] to the query's results in the DOM.
pub const SEARCH_MEASURE: &str = "lianluo:search";
