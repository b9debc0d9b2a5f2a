//! One small issue text per layout feature the converter must understand, each test named for
//! its feature.

use lianluo_core::diagnostic::{Diagnostic, Severity};
use lianluo_core::parse::{parse_issue, ParseOptions, ParseOutcome};
use lianluo_core::{Block, BlockKind, Issue};

const MASTHEAD: &str = "联络动态\n\nLIANLUODONGTAI\n\n第 3 期\n\n（总第五百二十三期）\n\n湖南省人大常委会选举任免联络工作委员会编\n\n2017 年 3 月 1 日\n\n";
const NOTE: &str = "【编者按】现将各地做法刊发如下。\n\n";
const BACK: &str = "\n\n送：各市州人大常委会\n各县市区人大常委会\n\n责任编辑：石 韧 吴静波 联系方式：0731—85309270 hnrlddt@163.com\n\n批准文号：湘党简准字〔2000〕第 28 号\n";

/// A complete issue text around `articles`.
fn issue_text(articles: &str) -> String {
    format!("{MASTHEAD}{NOTE}{articles}{BACK}")
}

fn convert(text: &str) -> ParseOutcome {
    parse_issue(text, &ParseOptions::default())
}

fn issue(text: &str) -> (Issue, Vec<Diagnostic>) {
    let outcome = convert(text);
    let issue = outcome
        .issue
        .unwrap_or_else(|| panic!("converts: {:?}", outcome.diagnostics));
    (issue, outcome.diagnostics)
}

fn para(text: &str) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        text: text.to_string(),
    }
}

fn head(text: &str) -> Block {
    Block {
        kind: BlockKind::Heading,
        text: text.to_string(),
    }
}

fn warnings_containing(diagnostics: &[Diagnostic], needle: &str) -> Vec<(usize, usize)> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.message.contains(needle))
        .map(|d| (d.line, d.column))
        .collect()
}

#[test]
fn a_clean_fixture_has_no_diagnostics() {
    let (issue, diagnostics) = issue(&issue_text("长沙市：标题\n\n正文。"));
    assert_eq!(diagnostics, []);
    assert_eq!(issue.id, "2017-3");
    assert_eq!(issue.serial, Some(523));
    assert_eq!(issue.date, "2017-03-01");
    assert_eq!(issue.editor_note.as_deref(), Some("现将各地做法刊发如下。"));
    assert_eq!(
        issue.distribution,
        ["各市州人大常委会", "各县市区人大常委会"]
    );
}

#[test]
fn heading_with_half_width_colon() {
    let (issue, _) = issue(&issue_text("衡阳县:强化领导 严明纪律\n\n正文。"));
    let a = &issue.articles[0];
    assert_eq!(a.title, "强化领导 严明纪律");
    assert_eq!(
        (a.region.prefecture.as_deref(), a.region.county.as_deref()),
        (Some("衡阳市"), Some("衡阳县"))
    );
}

#[test]
fn heading_with_full_width_colon_and_padding() {
    let (issue, _) = issue(&issue_text("\u{3000}\u{3000}湘潭县：标题 \n\n正文。"));
    let a = &issue.articles[0];
    assert_eq!(
        (a.region.printed.as_str(), a.title.as_str()),
        ("湘潭县", "标题")
    );
    assert_eq!(
        a.region.county.as_deref(),
        Some("湘潭县"),
        "湘潭县 is not the prefecture 湘潭"
    );
}

#[test]
fn heading_with_old_county_name() {
    let (issue, _) = issue(&issue_text("邵东县：标题\n\n正文。"));
    let r = &issue.articles[0].region;
    assert_eq!(
        (
            r.printed.as_str(),
            r.prefecture.as_deref(),
            r.county.as_deref()
        ),
        ("邵东县", Some("邵阳市"), Some("邵东市"))
    );
}

#[test]
fn heading_with_county_level_city() {
    let (issue, _) = issue(&issue_text("浏阳市：标题\n\n正文。"));
    let r = &issue.articles[0].region;
    assert_eq!(
        (r.prefecture.as_deref(), r.county.as_deref()),
        (Some("长沙市"), Some("浏阳市"))
    );
}

#[test]
fn heading_with_short_prefecture_name() {
    let (issue, _) = issue(&issue_text("湘西州：标题\n\n正文。"));
    assert_eq!(
        issue.articles[0].region.prefecture.as_deref(),
        Some("湘西土家族苗族自治州")
    );
}

#[test]
fn township_heading() {
    let (issue, diagnostics) = issue(&issue_text("望城区乔口镇人大：打造代表之家\n\n正文。"));
    let r = &issue.articles[0].region;
    assert_eq!(r.printed, "望城区乔口镇人大");
    assert_eq!(
        (r.prefecture.as_deref(), r.county.as_deref()),
        (Some("长沙市"), Some("望城区"))
    );
    assert_eq!(diagnostics, []);
}

#[test]
fn unknown_region_is_kept_as_printed_with_a_warning() {
    let text = issue_text("长沙市：第一篇\n\n正文。\n\n某某县：标题\n\n正文。");
    let (issue, diagnostics) = issue(&text);
    let r = &issue.articles[1].region;
    assert_eq!(
        (r.printed.as_str(), r.prefecture.clone(), r.county.clone()),
        ("某某县", None, None)
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("某某县"))
        .expect("present")
        + 1;
    assert_eq!(
        warnings_containing(&diagnostics, "unknown region \"某某县\""),
        [(line, 1)]
    );
}

#[test]
fn unusual_heading_standing_alone_is_kept_with_a_warning() {
    let (issue, diagnostics) = issue(&issue_text(
        "长沙市：第一篇\n\n正文。\n\n省人大代表：履职故事\n\n正文。",
    ));
    assert_eq!(issue.articles.len(), 2);
    assert_eq!(issue.articles[1].region.printed, "省人大代表");
    assert_eq!(warnings_containing(&diagnostics, "省人大代表").len(), 1);
}

#[test]
fn colon_sentence_inside_a_paragraph_is_not_a_heading() {
    let (issue, _) = issue(&issue_text(
        "长沙市：标题\n\n第一句。\n会议指出：要加强领导。",
    ));
    assert_eq!(issue.articles.len(), 1);
    assert_eq!(
        issue.articles[0].blocks,
        [para("第一句。会议指出：要加强领导。")]
    );
}

#[test]
fn blank_lines_separate_paragraphs_and_lines_within_a_block_join() {
    let (issue, _) = issue(&issue_text(
        "长沙市：标题\n\n第一段第一行，\n第一段第二行。\n\n第二段。",
    ));
    assert_eq!(
        issue.articles[0].blocks,
        [para("第一段第一行，第一段第二行。"), para("第二段。")]
    );
}

#[test]
fn page_break_fragment_is_joined_with_nothing_between() {
    let (issue, _) = issue(&issue_text(
        "长沙市：标题\n\n探索建立了制度，让市\n\n领导和市代表多了一条渠道。",
    ));
    assert_eq!(
        issue.articles[0].blocks,
        [para("探索建立了制度，让市领导和市代表多了一条渠道。")]
    );
}

#[test]
fn page_number_lines_are_dropped() {
    let (issue, diagnostics) = issue(&issue_text(
        "长沙市：标题\n\n探索建立了制度，让市\n\n- 2 -\n\n领导带头。\n— 3 —\n下一段。\n\n第 4 页",
    ));
    assert_eq!(
        issue.articles[0].blocks,
        [para("探索建立了制度，让市领导带头。下一段。")]
    );
    assert_eq!(diagnostics, []);
}

#[test]
fn heading_wrapped_onto_a_second_line_is_joined_with_a_warning() {
    let text = issue_text("湘西自治州:多措并举 精准施策\n扎实推进县乡人大工作和建设\n\n正文。");
    let (issue, diagnostics) = issue(&text);
    let a = &issue.articles[0];
    assert_eq!(a.title, "多措并举 精准施策 扎实推进县乡人大工作和建设");
    assert_eq!(a.blocks, [para("正文。")]);
    let line = text
        .lines()
        .position(|l| l.starts_with("扎实推进"))
        .expect("present")
        + 1;
    assert_eq!(
        warnings_containing(&diagnostics, "seems to continue"),
        [(line, 1)]
    );
}

#[test]
fn heading_followed_directly_by_a_paragraph_is_not_extended() {
    let (issue, diagnostics) = issue(&issue_text("长沙市：标题\n第一段。\n\n第二段。"));
    assert_eq!(issue.articles[0].title, "标题");
    assert_eq!(
        issue.articles[0].blocks,
        [para("第一段。"), para("第二段。")]
    );
    assert_eq!(diagnostics, []);
}

#[test]
fn paragraph_ending_in_colon_stays_separate() {
    let (issue, _) = issue(&issue_text(
        "长沙市：标题\n\n主要做法如下：\n\n一是加强领导。",
    ));
    assert_eq!(
        issue.articles[0].blocks,
        [para("主要做法如下："), para("一是加强领导。")]
    );
}

#[test]
fn paragraph_ending_in_closing_quote_stays_separate() {
    let (issue, _) = issue(&issue_text("长沙市：标题\n\n他说：“好。”\n\n下一段。"));
    assert_eq!(issue.articles[0].blocks.len(), 2);
}

#[test]
fn sub_headings_of_each_style_stay_apart() {
    let body = "长沙市：标题\n\n一、加强领导\n正文一。\n\n(二)完善制度\n\n正文二。\n\n（三）强化保障\n正文三。\n\n4. 狠抓落实\n正文四。\n\n5、总结经验\n\n正文五。";
    let (issue, _) = issue(&issue_text(body));
    assert_eq!(
        issue.articles[0].blocks,
        [
            head("一、加强领导"),
            para("正文一。"),
            head("(二)完善制度"),
            para("正文二。"),
            head("（三）强化保障"),
            para("正文三。"),
            head("4. 狠抓落实"),
            para("正文四。"),
            head("5、总结经验"),
            para("正文五。"),
        ]
    );
}

#[test]
fn page_break_fragment_is_never_glued_to_a_sub_heading() {
    let body = "长沙市：标题\n\n一、加强领导\n\n市委高度重视，让市\n\n领导带头。\n\n二、完善制度\n\n正文。";
    let (issue, _) = issue(&issue_text(body));
    assert_eq!(
        issue.articles[0].blocks,
        [
            head("一、加强领导"),
            para("市委高度重视，让市领导带头。"),
            head("二、完善制度"),
            para("正文。")
        ]
    );
}

#[test]
fn unfinished_paragraph_before_a_sub_heading_is_warned_about() {
    let text = issue_text("长沙市：标题\n\n没有句号的段落\n\n一、小标题\n\n正文。");
    let (issue, diagnostics) = issue(&text);
    assert_eq!(issue.articles[0].blocks[0], para("没有句号的段落"));
    assert_eq!(
        warnings_containing(&diagnostics, "no closing punctuation").len(),
        1
    );
}

#[test]
fn spaces_between_chinese_and_digits_are_removed() {
    let (issue, _) = issue(&issue_text(
        "长沙市：标题\n\n增加编制 48 个，比例达到 60% 以上，共 1 500 人。",
    ));
    assert_eq!(
        issue.articles[0].blocks,
        [para("增加编制48个，比例达到60%以上，共1 500人。")]
    );
}

#[test]
fn half_width_punctuation_between_chinese_is_an_option() {
    let text = issue_text("长沙市：标题\n\n会上,3个县发言;会后:总结。");
    let (on, _) = issue(&text);
    assert_eq!(
        on.articles[0].blocks,
        [para("会上，3个县发言；会后：总结。")]
    );
    let off = parse_issue(
        &text,
        &ParseOptions {
            cjk_punctuation: false,
            strict: false,
        },
    );
    let off = off.issue.expect("converts");
    assert_eq!(off.articles[0].blocks, [para("会上,3个县发言;会后:总结。")]);
    assert!(!off.normalization.cjk_punctuation);
}

#[test]
fn crlf_cr_bom_form_feed_and_trailing_spaces_are_tolerated() {
    let lf = issue_text("长沙市：标题\n\n让市\n\n领导带头。");
    let (expected, _) = issue(&lf);
    let crlf = format!("\u{FEFF}{}", lf.replace('\n', " \u{3000}\r\n"));
    assert_eq!(issue(&crlf).0, expected);
    let cr = lf.replace('\n', "\r");
    assert_eq!(issue(&cr).0, expected);
    let form_feed = lf.replace("让市\n\n领导", "让市\n\u{C}\n领导");
    assert_eq!(issue(&form_feed).0, expected);
}

#[test]
fn line_numbers_count_crlf_once() {
    let text = issue_text("长沙市：标题\n\n正文。\n\n某某县：标题\n\n正文。").replace('\n', "\r\n");
    let (_, diagnostics) = issue(&text);
    let line = text
        .split("\r\n")
        .position(|l| l.starts_with("某某县"))
        .expect("present")
        + 1;
    assert_eq!(warnings_containing(&diagnostics, "某某县"), [(line, 1)]);
}

#[test]
fn missing_editors_note_is_a_warning() {
    let text = format!("{MASTHEAD}长沙市：标题\n\n正文。{BACK}");
    let (issue, diagnostics) = issue(&text);
    assert_eq!(issue.editor_note, None);
    assert_eq!(
        warnings_containing(&diagnostics, "no editor's note").len(),
        1
    );
}

#[test]
fn unlabelled_text_before_the_first_article_is_kept_as_the_note() {
    let text = format!("{MASTHEAD}现将材料刊发。\n\n长沙市：标题\n\n正文。{BACK}");
    let (issue, diagnostics) = issue(&text);
    assert_eq!(issue.editor_note.as_deref(), Some("现将材料刊发。"));
    assert_eq!(
        warnings_containing(&diagnostics, "does not start with 【编者按】").len(),
        1
    );
}

#[test]
fn chinese_numeral_date_and_combined_number_line() {
    let text = "联络动态\n第 7 期（总第 600 期）\n某委员会编\n二〇一九年十二月三十一日\n\n长沙市：标题\n\n正文。";
    let (issue, _) = issue(text);
    assert_eq!(
        (issue.number, issue.serial, issue.date.as_str()),
        (7, Some(600), "2019-12-31")
    );
    assert_eq!(issue.id, "2019-7");
}

#[test]
fn publisher_and_date_on_one_line_and_a_labelled_masthead_line() {
    let text = "联络动态 LIANLUODONGTAI\n第 7 期\n（总第 600 期）\n主办：某委员会\n某委员会编        2019 年 5 月 6 日\n\n长沙市：标题\n\n正文。";
    let (issue, diagnostics) = issue(text);
    assert_eq!(
        (
            issue.title.as_str(),
            issue.publisher.as_str(),
            issue.date.as_str()
        ),
        ("联络动态", "某委员会", "2019-05-06")
    );
    assert_eq!(
        warnings_containing(&diagnostics, "in the masthead"),
        [(4, 1)],
        "the 主办 line is reported, not taken for an article"
    );
    assert_eq!(issue.articles.len(), 1);
}

#[test]
fn stray_back_matter_lines_are_reported_and_do_not_overwrite_fields() {
    let text = format!("{}\n多余的一行", issue_text("长沙市：标题\n\n正文。"));
    let (issue, diagnostics) = issue(&text);
    assert_eq!(issue.approval.as_deref(), Some("湘党简准字〔2000〕第28号"));
    assert_eq!(
        warnings_containing(&diagnostics, "in the back matter"),
        [(text.lines().count(), 1)]
    );
}

#[test]
fn missing_back_matter_fields_are_warnings() {
    let text = format!("{MASTHEAD}{NOTE}长沙市：标题\n\n正文。\n\n责任编辑：李 明");
    let (issue, diagnostics) = issue(&text);
    assert_eq!(issue.editors, ["李明"]);
    for what in ["distribution list", "phone", "e-mail", "approval number"] {
        assert_eq!(warnings_containing(&diagnostics, what).len(), 1, "{what}");
    }
}

#[test]
fn no_back_matter_is_one_warning() {
    let text = format!("{MASTHEAD}{NOTE}长沙市：标题\n\n正文。\n\n");
    let (issue, diagnostics) = issue(&text);
    assert_eq!((issue.distribution.len(), issue.phone.clone()), (0, None));
    // Reported at the last line with text, not after the final line ends.
    let last = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "正文。")
        .last()
        .expect("present")
        .0
        + 1;
    assert_eq!(
        warnings_containing(&diagnostics, "no back matter"),
        [(last, 1)]
    );
}

#[test]
fn masthead_without_articles_is_an_error() {
    let outcome = convert(&format!("{MASTHEAD}{NOTE}"));
    assert_eq!(outcome.issue, None);
    let errors: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.starts_with("no articles"),
        "{}",
        errors[0].message
    );
}

#[test]
fn missing_number_and_date_are_errors() {
    let outcome = convert("联络动态\n\n长沙市：标题\n\n正文。");
    let errors: Vec<_> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains("issue number") && errors[1].contains("date"),
        "{errors:?}"
    );
    assert_eq!(outcome.issue, None);
}

#[test]
fn impossible_date_is_an_error_at_its_line() {
    let text =
        MASTHEAD.replace("2017 年 3 月 1 日", "2017 年 2 月 30 日") + "长沙市：标题\n\n正文。";
    let outcome = convert(&text);
    let line = text
        .lines()
        .position(|l| l.contains("2 月 30 日"))
        .expect("present")
        + 1;
    let first = outcome
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .expect("an error");
    assert_eq!(first.line, line);
    assert!(
        first.message.contains("does not exist"),
        "{}",
        first.message
    );
}

#[test]
fn binary_garbage_is_an_error() {
    let outcome = convert("\u{1}\u{2}\u{3}联络\u{4}\u{5}\u{FFFD}\u{FFFD}");
    assert_eq!(outcome.issue, None);
    assert!(outcome.diagnostics[0].message.contains("binary"));
    assert_eq!(convert("abc\0def").diagnostics[0].severity, Severity::Error);
}

#[test]
fn empty_text_is_an_error() {
    for text in ["", "  \n\u{3000}\r\n"] {
        let outcome = convert(text);
        assert_eq!(outcome.issue, None);
        assert_eq!(outcome.diagnostics.len(), 1);
        assert!(outcome.diagnostics[0].message.contains("empty"));
    }
}

#[test]
fn strict_turns_warnings_into_errors() {
    let text = format!("{MASTHEAD}长沙市：标题\n\n正文。{BACK}");
    let strict = parse_issue(
        &text,
        &ParseOptions {
            strict: true,
            ..ParseOptions::default()
        },
    );
    assert_eq!(strict.issue, None);
    assert!(!strict.diagnostics.is_empty());
    assert!(strict
        .diagnostics
        .iter()
        .all(|d| d.severity == Severity::Error));
}

#[test]
fn article_ids_follow_the_issue_id() {
    let (issue, _) = issue(&issue_text(
        "长沙市：一\n\n正文。\n\n株洲市：二\n\n正文。\n\n湘潭市：三\n\n正文。",
    ));
    let ids: Vec<_> = issue.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["2017-3-1", "2017-3-2", "2017-3-3"]);
}
