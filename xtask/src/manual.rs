//! The 编辑手册 (`docs/publishing.zh.md`) as one HTML page for the release archives: an editor
//! opens it with a double click, with no Markdown viewer and no network.

use anyhow::{Context, Result};
use pulldown_cmark::{html, Options, Parser};
use std::fs;
use std::path::Path;

/// The manual's name inside each archive.
pub const MANUAL_FILE: &str = "编辑手册.html";

/// The page's own styles: readable type and tables, nothing fetched. Inline, since the page is
/// opened from a folder, not served.
const STYLE: &str = "body{max-width:46em;margin:2em auto;padding:0 1em;line-height:1.7;\
font-family:\"Microsoft YaHei\",\"PingFang SC\",\"Noto Sans CJK SC\",sans-serif;color:#1f1f1f}\
h1,h2,h3{line-height:1.3}table{border-collapse:collapse}th,td{border:1px solid #bbb;\
padding:.3em .6em;vertical-align:top}code,pre{font-family:Consolas,monospace;background:#f3f1ec}\
pre{padding:.8em;overflow-x:auto}";

/// The manual of the repository at `root`, as a whole HTML page.
pub fn manual_page(root: &Path) -> Result<String> {
    let path = root.join("docs").join("publishing.zh.md");
    let markdown =
        fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok(page(&markdown))
}

/// `markdown` rendered into a page titled by its first heading.
fn page(markdown: &str) -> String {
    let title = markdown
        .lines()
        .find_map(|line| line.strip_prefix("# "))
        .unwrap_or("编辑手册");
    let mut body = String::new();
    html::push_html(&mut body, Parser::new_ext(markdown, Options::ENABLE_TABLES));
    let title = html_text(title);
    format!(
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

/// `text` with the characters HTML gives meaning to escaped.
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manual_becomes_a_page_with_its_title_headings_and_tables() {
        let page = page("# 编辑手册 <一>\n\n## 一、取得工具\n\n| 命令 | 用途 |\n| --- | --- |\n| build | 生成网站 |\n");
        assert!(
            page.contains("<title>编辑手册 &lt;一&gt;</title>"),
            "{page}"
        );
        assert!(page.contains("<h2>一、取得工具</h2>"), "{page}");
        assert!(page.contains("<td>生成网站</td>"), "{page}");
        assert!(page.starts_with("<!doctype html>"));
    }

    #[test]
    fn the_repositorys_manual_renders() {
        let page = manual_page(&crate::paths::repo_root()).expect("the manual");
        assert!(
            page.contains("<h1>编辑手册"),
            "{}",
            &page[..200.min(page.len())]
        );
    }
}
