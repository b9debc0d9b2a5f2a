//! The body between masthead and back matter: the editor's note, then articles, each a
//! heading followed by paragraphs and sub-headings. Lines of a block are joined; a paragraph
//! cut by a page break (it ends without closing punctuation) is joined to the next one.

use super::headings::{heading_parts, is_sub_heading, looks_like_place, MAX_HEADING_CHARS};
use super::lines::{is_page_number, Line};
use crate::diagnostic::{Diagnostic, Message};
use crate::gazetteer::Gazetteer;
use crate::model::{Block, BlockKind, Region};
use crate::text::{is_closing_punctuation, join_lines, normalize};

/// Labels that open the editor's note, tried in order.
const NOTE_LABELS: [&str; 4] = ["【编者按】", "[编者按]", "〔编者按〕", "编者按"];

/// One structural piece of the body, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    /// `地区：标题`.
    ArticleHeading {
        line: usize,
        region: Region,
        title: String,
    },
    /// A sub-heading line.
    SubHeading { text: String },
    /// A paragraph: one or more blocks joined across page breaks.
    Paragraph {
        line: usize,
        column: usize,
        text: String,
    },
}

/// An article as read, before ids are assigned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedArticle {
    /// Line of its heading.
    pub line: usize,
    /// Where it reports from.
    pub region: Region,
    /// Title without the region.
    pub title: String,
    /// Paragraphs and sub-headings.
    pub blocks: Vec<Block>,
}

/// The editor's note and the articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// The note without its label; its paragraphs separated by `\n`.
    pub editor_note: Option<String>,
    /// The articles in order.
    pub articles: Vec<ParsedArticle>,
}

/// Reads an article heading from `line` when it is one. `standalone` says the line is a block
/// of its own, which lets a heading whose region is not a known place stand (with a warning).
fn article_heading(
    line: &Line,
    text: &str,
    standalone: bool,
    cjk_punctuation: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Item> {
    let parts = heading_parts(text)?;
    let region = Gazetteer::hunan().resolve(parts.region);
    let known = region.prefecture.is_some();
    if !known && !looks_like_place(parts.region) && !standalone {
        return None;
    }
    if !known {
        let (id, expected) = if looks_like_place(parts.region) {
            (
                "heading-unknown-region",
                "a prefecture, county or township of Hunan; kept as printed",
            )
        } else {
            (
                "heading-not-a-place",
                "a place name (…市, …县, …镇人大) before the colon; read as an article heading because it stands alone",
            )
        };
        let english = format!(
            "unknown region {:?} in the article heading; expected {expected}",
            parts.region
        );
        diagnostics.push(Diagnostic::warning(
            line.number,
            line.column,
            Message::new(id, english).arg("region", parts.region),
        ));
    }
    Some(Item::ArticleHeading {
        line: line.number,
        region,
        title: normalize(parts.title, cjk_punctuation),
    })
}

/// Appends `next` to the heading's title when it is the title's continuation: a long title
/// wrapped onto a second short, unpunctuated line with a blank line after it. Says whether it
/// did (with a warning, as this is a guess).
fn continue_title(
    heading: &mut Item,
    next: &Line,
    cjk_punctuation: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let Item::ArticleHeading { title, line, .. } = heading else {
        return false;
    };
    let rest = normalize(&next.text, cjk_punctuation);
    let fits = title.chars().count() + rest.chars().count() <= MAX_HEADING_CHARS;
    let unpunctuated = !rest.contains(['。', '，', '；', '：', ',', ';', ':'])
        && !rest.ends_with(is_closing_punctuation);
    if rest.is_empty() || !fits || !unpunctuated || is_sub_heading(&rest) {
        return false;
    }
    // Titles set phrases apart with spaces (加强领导 上下协同); a wrap falls between two.
    let separator = if title.contains(' ') { " " } else { "" };
    diagnostics.push(Diagnostic::warning(
        next.number,
        next.column,
        Message::new(
            "heading-continues",
            format!("the heading on line {line} seems to continue on this line; joined as its title \"{title}{separator}{rest}\" (expected a blank line after a heading)"),
        )
        .arg("line", line)
        .arg("title", format!("{title}{separator}{rest}")),
    ));
    title.push_str(separator);
    title.push_str(&rest);
    true
}

/// Cuts the body lines into headings, sub-headings and paragraph blocks (lines joined).
fn items(lines: &[Line], cjk_punctuation: bool, diagnostics: &mut Vec<Diagnostic>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut block: Vec<&Line> = Vec::new();
    let flush = |block: &mut Vec<&Line>, items: &mut Vec<Item>| {
        if let Some(first) = block.first() {
            let text = normalize(
                &join_lines(block.iter().map(|l| l.text.as_str())),
                cjk_punctuation,
            );
            items.push(Item::Paragraph {
                line: first.number,
                column: first.column,
                text,
            });
            block.clear();
        }
    };
    let lines: Vec<&Line> = lines.iter().filter(|l| !is_page_number(&l.text)).collect();
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index];
        index += 1;
        if line.text.is_empty() {
            flush(&mut block, &mut items);
            continue;
        }
        let starts_block = block
            .last()
            .is_none_or(|l| l.text.ends_with(is_closing_punctuation));
        if starts_block {
            let text = normalize(&line.text, false);
            let next_is_blank = |i: usize| lines.get(i).is_none_or(|next| next.text.is_empty());
            let standalone = block.is_empty() && next_is_blank(index);
            if let Some(mut heading) =
                article_heading(line, &text, standalone, cjk_punctuation, diagnostics)
            {
                flush(&mut block, &mut items);
                if let (Some(next), true) = (lines.get(index), next_is_blank(index + 1)) {
                    if continue_title(&mut heading, next, cjk_punctuation, diagnostics) {
                        index += 1;
                    }
                }
                items.push(heading);
                continue;
            }
            if is_sub_heading(&text) {
                flush(&mut block, &mut items);
                items.push(Item::SubHeading {
                    text: normalize(&text, cjk_punctuation),
                });
                continue;
            }
        }
        block.push(line);
    }
    flush(&mut block, &mut items);
    items
}

/// Joins each paragraph that ends mid-sentence (a page break) to the paragraph after it.
/// Headings and sub-headings are never joined, on either side.
fn join_page_breaks(items: Vec<Item>, cjk_punctuation: bool) -> Vec<Item> {
    // Fragments are appended as they come and each joined paragraph is normalised once at the
    // end (normalising is idempotent), so a long run of fragments costs linear time.
    let mut out: Vec<(Item, bool)> = Vec::with_capacity(items.len());
    for item in items {
        if let (
            Some((Item::Paragraph { text: previous, .. }, joined)),
            Item::Paragraph { text, .. },
        ) = (out.last_mut(), &item)
        {
            if !previous.ends_with(is_closing_punctuation) {
                previous.push_str(text);
                *joined = true;
                continue;
            }
        }
        out.push((item, false));
    }
    out.into_iter()
        .map(|(item, joined)| match item {
            Item::Paragraph { line, column, text } if joined => Item::Paragraph {
                line,
                column,
                text: normalize(&text, cjk_punctuation),
            },
            other => other,
        })
        .collect()
}

/// Warns about a paragraph left ending mid-sentence: nothing followed it to join.
fn warn_unfinished(items: &[Item], diagnostics: &mut Vec<Diagnostic>) {
    for item in items {
        if let Item::Paragraph { line, column, text } = item {
            if !text.ends_with(is_closing_punctuation) {
                let tail: String = text
                    .chars()
                    .rev()
                    .take(8)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                diagnostics.push(Diagnostic::warning(
                    *line,
                    *column,
                    Message::new(
                        "paragraph-unfinished",
                        format!("the paragraph ending \"…{tail}\" has no closing punctuation and nothing follows it to join; expected 。 or the rest of the sentence"),
                    )
                    .arg("tail", &tail),
                ));
            }
        }
    }
}

/// The note's text without its label, when it starts with one.
fn strip_note_label(text: &str) -> Option<&str> {
    NOTE_LABELS.iter().find_map(|label| {
        let rest = text.strip_prefix(label)?;
        Some(rest.trim_start_matches(['：', ':', ' ']))
    })
}

/// Reads the body lines (between masthead and back matter). `page_breaks`: the text may have
/// paragraphs cut by page breaks, to be joined (text exported from a PDF); a Word document's
/// paragraphs are whole and are not.
pub fn read_body(
    lines: &[Line],
    cjk_punctuation: bool,
    page_breaks: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Body {
    let items = items(lines, cjk_punctuation, diagnostics);
    let items = if page_breaks {
        join_page_breaks(items, cjk_punctuation)
    } else {
        items
    };
    warn_unfinished(&items, diagnostics);
    let first_heading = items
        .iter()
        .position(|i| matches!(i, Item::ArticleHeading { .. }))
        .unwrap_or(items.len());
    let (note_items, article_items) = items.split_at(first_heading);
    let mut body = Body {
        editor_note: read_note(note_items, diagnostics),
        articles: Vec::new(),
    };
    if body.editor_note.is_none() {
        let line = article_items.iter().find_map(|i| match i {
            Item::ArticleHeading { line, .. } => Some(*line),
            _ => None,
        });
        diagnostics.push(Diagnostic::warning(
            line.or(lines.first().map(|l| l.number)).unwrap_or(1),
            1,
            Message::new(
                "no-editor-note",
                "no editor's note; expected a paragraph starting 【编者按】 after the masthead",
            ),
        ));
    }
    for item in article_items {
        match item {
            Item::ArticleHeading {
                line,
                region,
                title,
                ..
            } => body.articles.push(ParsedArticle {
                line: *line,
                region: region.clone(),
                title: title.clone(),
                blocks: Vec::new(),
            }),
            Item::SubHeading { text } => push_block(&mut body, BlockKind::Heading, text),
            Item::Paragraph { text, .. } => push_block(&mut body, BlockKind::Paragraph, text),
        }
    }
    for article in &body.articles {
        if !article
            .blocks
            .iter()
            .any(|b| b.kind == BlockKind::Paragraph)
        {
            diagnostics.push(Diagnostic::warning(
                article.line,
                1,
                Message::new(
                    "article-no-paragraphs",
                    format!(
                        "the article {:?} has no paragraphs; expected text after its heading",
                        article.title
                    ),
                )
                .arg("title", &article.title),
            ));
        }
    }
    body
}

fn push_block(body: &mut Body, kind: BlockKind, text: &str) {
    if let Some(article) = body.articles.last_mut() {
        article.blocks.push(Block {
            kind,
            text: text.to_string(),
        });
    }
}

/// The editor's note from the items before the first article.
fn read_note(items: &[Item], diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let mut paragraphs: Vec<&str> = Vec::new();
    for item in items {
        match item {
            Item::Paragraph { line, column, text } if paragraphs.is_empty() => {
                match strip_note_label(text) {
                    Some(rest) => paragraphs.push(rest),
                    None => {
                        diagnostics.push(Diagnostic::warning(
                            *line,
                            *column,
                            Message::new(
                                "note-without-label",
                                "text before the first article does not start with 【编者按】; kept as the editor's note",
                            ),
                        ));
                        paragraphs.push(text);
                    }
                }
            }
            Item::Paragraph { text, .. } | Item::SubHeading { text } => paragraphs.push(text),
            Item::ArticleHeading { .. } => {}
        }
    }
    let note = paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    (!note.is_empty()).then_some(note)
}
