//! The editors' language: Chinese by default, English when the locale or `--lang en` asks,
//! the `FILE:LINE:COL: 级别: …` shape in both.

use std::path::Path;
use std::process::{Command, Output};

const SAMPLE: &str = include_str!("../../core/tests/fixtures/lianluo-2017-15.txt");

/// Runs `lianluo` with exactly the locale variables given (the others removed).
fn lianluo_in(locale: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lianluo"));
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(name);
    }
    command
        .envs(locale.iter().copied())
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The sample without its date line: one error.
fn undated(dir: &Path) -> String {
    let path = dir.join("无日期.txt");
    std::fs::write(&path, SAMPLE.replace("2017 年 8 月 30 日", "")).expect("writes");
    path.to_str().expect("UTF-8 path").to_string()
}

#[test]
fn chinese_by_default_and_for_chinese_and_c_locales() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = undated(dir.path());
    let expected = format!(
        "{input}:11:1: 错误: 报头中没有日期；第一篇文章之前应有日期一行，如“2017年8月30日”\nlianluo: 1 个错误，0 个警告\n"
    );
    for locale in [&[][..], &[("LANG", "zh_CN.UTF-8")], &[("LANG", "C.UTF-8")]] {
        let out = lianluo_in(locale, &["convert", &input]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(stderr(&out), expected, "{locale:?}");
    }
}

#[test]
fn english_when_the_locale_or_the_option_asks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = undated(dir.path());
    let expected = format!(
        "{input}:11:1: error: the masthead has no date; expected a line such as 2017年8月30日 before the first article\nlianluo: 1 error, 0 warnings\n"
    );
    let english = [
        lianluo_in(&[("LANG", "en_US.UTF-8")], &["convert", &input]),
        lianluo_in(
            &[("LC_MESSAGES", "en_GB.UTF-8"), ("LANG", "zh_CN.UTF-8")],
            &["convert", &input],
        ),
        lianluo_in(&[], &["--lang", "en", "convert", &input]),
        lianluo_in(
            &[("LANG", "zh_CN.UTF-8")],
            &["convert", &input, "--lang=en"],
        ),
    ];
    for out in english {
        assert_eq!(stderr(&out), expected);
    }
    let chinese = lianluo_in(
        &[("LC_ALL", "en_US.UTF-8")],
        &["--lang", "zh", "convert", &input],
    );
    assert!(
        stderr(&chinese).contains(": 错误: 报头中没有日期"),
        "{}",
        stderr(&chinese)
    );
}

#[test]
fn help_is_in_the_run_language() {
    let zh = lianluo_in(&[], &["--help"]);
    assert_eq!(zh.status.code(), Some(0));
    let text = String::from_utf8_lossy(&zh.stdout);
    assert!(
        text.starts_with("把《联络动态》各期的文本、Word 文档或 PDF 转换为 JSON"),
        "{text}"
    );
    for line in [
        "用法：lianluo",
        "命令：",
        "选项：",
        "convert   把一期刊物的文本、Word 文档或 PDF 转换为 JSON。",
        "显示帮助。",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    let convert = lianluo_in(&[], &["convert", "--help"]);
    let text = String::from_utf8_lossy(&convert.stdout);
    for line in [
        "参数：",
        "<INPUT>",
        "一期刊物：Word 文档（.docx）",
        "--encoding <E>",
        "utf-8、gb18030 或 gbk",
        "--lang <zh|en>",
    ] {
        assert!(text.contains(line), "{line}: {text}");
    }
    assert!(!text.contains("Possible values"), "{text}");
    let en = lianluo_in(&[("LANG", "en_US.UTF-8")], &["build", "--help"]);
    let text = String::from_utf8_lossy(&en.stdout);
    assert!(text.contains("Usage: lianluo build"), "{text}");
    assert!(
        text.contains("Folder of issue Word documents (.docx)"),
        "{text}"
    );
}

#[test]
fn usage_errors_are_in_the_run_language() {
    let out = lianluo_in(&[], &["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "lianluo: 错误: 没有“frobnicate”这个命令；应为 convert、validate、build 或 serve\n用法：lianluo [OPTIONS] <COMMAND>\n详细说明请运行“lianluo --help”或“lianluo 命令 --help”。\n"
    );
    let out = lianluo_in(&[], &["convert", "x.txt", "--encoding", "latin1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("lianluo: 错误: “latin1”不是 --encoding <E> 可取的值；应为以下之一：utf-8, gb18030, gbk\n"),
        "{}",
        stderr(&out)
    );
    let out = lianluo_in(&[], &["convert", "a.txt", "-o", "x", "-o", "y"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .starts_with("lianluo: 错误: “--output <OUT>”的写法有误；请查看该命令的 --help\n"),
        "{}",
        stderr(&out)
    );
    let out = lianluo_in(&[("LANG", "en_US.UTF-8")], &["convert"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("lianluo: error: missing <INPUT>\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn file_errors_and_validate_lines_are_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("没有这个文件.txt");
    let out = lianluo_in(&[], &["convert", missing.to_str().expect("UTF-8")]);
    let text = stderr(&out);
    assert!(
        text.contains("没有这个文件.txt:1:1: 错误: 无法读取文件："),
        "{text}"
    );
    let issue = dir.path().join("2017-15.json");
    let golden = include_str!("../../core/tests/golden/lianluo-2017-15.json");
    std::fs::write(
        &issue,
        golden.replace("\"id\": \"2017-15\",", "\"id\": \"2017-16\","),
    )
    .expect("writes");
    let out = lianluo_in(&[], &["validate", issue.to_str().expect("UTF-8")]);
    assert!(
        stderr(&out).contains(": 错误: id：为“2017-16”；应为“2017-15”（年份-期号）"),
        "{}",
        stderr(&out)
    );
    std::fs::write(&issue, golden).expect("writes");
    let out = lianluo_in(&[], &["validate", issue.to_str().expect("UTF-8")]);
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .ends_with("2017-15.json：刊物数据有效，2017-15（3 篇文章）\n"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
