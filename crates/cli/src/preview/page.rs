//! The preview's own pages and files: the live-reload script put into every HTML page, the
//! page that stands in while no build has succeeded, and the words of a missing page.

use html_escape::encode_text;

use super::builds::BuildStatus;
use crate::i18n::t;

/// Where the live-reload script is served, beside the site's own files.
pub const SCRIPT_PATH: &str = "/__lianluo/preview.js";
/// Where the page asks for the builds' status.
pub const STATUS_PATH: &str = "/__lianluo/status";

/// The live-reload script, its words in the run's language.
pub fn preview_script() -> String {
    let text = serde_json::json!({
        "failed": t("serve-panel-failed", &[]),
        "warnings": t("serve-panel-warnings", &[]),
        "hide": t("serve-panel-hide", &[]),
    });
    include_str!("preview.js").replace("__LIANLUO_TEXT__", &text.to_string())
}

/// `html` with the live-reload script added just before `</body>` (else `</head>`, else at
/// the end), told the number of the build the page comes from.
pub fn with_preview_script(html: &str, served: u64) -> String {
    let tag = format!(r#"<script src="{SCRIPT_PATH}?served={served}"></script>"#);
    // ASCII lowercasing keeps every byte where it was, so the positions hold in `html`.
    let lower = html.to_ascii_lowercase();
    let at = lower
        .rfind("</body>")
        .or_else(|| lower.rfind("</head>"))
        .unwrap_or(html.len());
    format!("{}{tag}{}", &html[..at], &html[at..])
}

/// A whole page of the preview's own: a heading, lines of text, and the live-reload script.
fn own_page(title: &str, intro: &str, lines: &[String]) -> String {
    let items: String = lines
        .iter()
        .map(|line| format!("<li>{}</li>\n", encode_text(line)))
        .collect();
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\
         body{{font:18px/1.6 system-ui,sans-serif;margin:2em;color:#000;background:#fff}}\
         h1{{color:#7a0000}}li{{font-family:monospace;white-space:pre-wrap;overflow-wrap:anywhere}}\
         </style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{intro}</p>\n<ul>\n{items}</ul>\n</body>\n</html>\n",
        title = encode_text(title),
        intro = encode_text(intro),
    );
    // 0: not a build's page, so that any new build reloads it.
    with_preview_script(&html, 0)
}

/// The page served while no build has succeeded: the newest build's problems.
pub fn problems_page(status: &BuildStatus) -> String {
    own_page(
        &t("serve-problems-title", &[]),
        &t("serve-problems-intro", &[]),
        &status.problems,
    )
}

/// The page for an address that names no file of the build.
pub fn not_found_page(path: &str) -> String {
    own_page(
        &t("serve-not-found", &[("path", path.to_string())]),
        &t("serve-not-found-intro", &[]),
        &[],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let page = with_preview_script("<html><head></head><BODY><p>x</p></BODY></html>", 7);
        assert_eq!(
            page,
            "<html><head></head><BODY><p>x</p><script src=\"/__lianluo/preview.js?served=7\"></script></BODY></html>"
        );
    }

    #[test]
    fn without_a_body_the_script_goes_in_the_head_or_at_the_end() {
        assert_eq!(
            with_preview_script("<head><title>t</title></head>", 1),
            "<head><title>t</title><script src=\"/__lianluo/preview.js?served=1\"></script></head>"
        );
        assert_eq!(
            with_preview_script("纯文字", 2),
            "纯文字<script src=\"/__lianluo/preview.js?served=2\"></script>"
        );
    }

    #[test]
    fn the_problems_page_lists_the_problems_escaped() {
        let status = BuildStatus {
            build: 1,
            problems: vec!["稿件/第15期.docx:1:1: 错误: <不是> Word 文档".to_string()],
            ..BuildStatus::default()
        };
        let page = problems_page(&status);
        assert!(
            page.contains("<li>稿件/第15期.docx:1:1: 错误: &lt;不是&gt; Word 文档</li>"),
            "{page}"
        );
        assert!(page.contains("preview.js?served=0"), "{page}");
    }

    #[test]
    fn the_script_carries_its_words_as_json() {
        let script = preview_script();
        assert!(!script.contains("__LIANLUO_TEXT__"));
        let start = script.find("const TEXT = ").expect("the words") + "const TEXT = ".len();
        let end = start + script[start..].find(";\n").expect("the statement's end");
        let text: serde_json::Value = serde_json::from_str(&script[start..end]).expect("JSON");
        assert_eq!(text["hide"], t("serve-panel-hide", &[]));
        assert_eq!(text["failed"], t("serve-panel-failed", &[]));
    }
}
