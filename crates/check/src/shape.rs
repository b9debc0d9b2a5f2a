//! serde's messages about a data file's shape, told in Chinese, with the field they are about
//! when [`crate::locate`] found it.

/// Says in Chinese what serde found wrong, and where when `path` is known (`articles[1].title`):
/// "字段 title 应为文字，实为数字 5". Messages of another form are kept as they are.
pub fn shape_problem(message: &str, path: Option<&str>) -> String {
    let field = match path {
        Some(path) => format!("字段 {path} "),
        None => "有字段".to_owned(),
    };
    if let Some(rest) = message.strip_prefix("missing field `") {
        let missing = rest.split('`').next().unwrap_or_default();
        return match path {
            Some(path) => format!("{path} 缺少字段 {missing}"),
            None => format!("缺少字段 {missing}"),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "{field}应为{}，实为{}",
            kind_expected(expected),
            kind_found(found)
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default();
        return format!("{field}的取值“{value}”不是规定的取值之一");
    }
    if message.starts_with("invalid value") || message.starts_with("invalid length") {
        return format!("{field}的取值不对");
    }
    format!("内容无法读取（{message}）")
}

/// serde's "expected …" in words.
fn kind_expected(expected: &str) -> &'static str {
    if expected.contains("string") || expected.contains("char") {
        "文字"
    } else if expected.contains("bool") {
        "真假值"
    } else if ["u8", "u16", "u32", "u64", "i32", "i64", "integer"]
        .iter()
        .any(|t| expected.contains(t))
    {
        "整数"
    } else if expected.contains("sequence") {
        "数组"
    } else if expected.contains("struct") || expected.contains("map") {
        "对象"
    } else {
        "另一种类型"
    }
}

/// serde's "invalid type: …" in words, with the value when it is short.
fn kind_found(found: &str) -> String {
    let quoted = |text: &str| text.split('`').nth(1).unwrap_or_default().to_owned();
    if found.starts_with("integer") || found.starts_with("floating point") {
        // JSON numbers reach serde as floating point: 5 comes as `5.0`.
        let number = quoted(found);
        format!("数字 {}", number.strip_suffix(".0").unwrap_or(&number))
    } else if found.starts_with("boolean") {
        format!("真假值 {}", quoted(found))
    } else if found.starts_with("string") {
        "文字".to_owned()
    } else if found.starts_with("sequence") {
        "数组".to_owned()
    } else if found.starts_with("map") {
        "对象".to_owned()
    } else if found.starts_with("unit") || found.starts_with("null") || found.starts_with("Option")
    {
        "空值".to_owned()
    } else {
        "其他类型".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::shape_problem;

    #[test]
    fn serde_messages_are_told_in_chinese_with_the_field() {
        let wrong = "invalid type: floating point `5.0`, expected a string";
        assert_eq!(
            shape_problem(wrong, Some("articles[1].title")),
            "字段 articles[1].title 应为文字，实为数字 5"
        );
        assert_eq!(
            shape_problem("invalid type: string \"x\", expected u32", None),
            "有字段应为整数，实为文字"
        );
        assert_eq!(
            shape_problem("invalid type: null, expected a sequence", Some("issues")),
            "字段 issues 应为数组，实为空值"
        );
        assert_eq!(
            shape_problem("missing field `title`", Some("issues[2]")),
            "issues[2] 缺少字段 title"
        );
        assert_eq!(
            shape_problem("missing field `title`", None),
            "缺少字段 title"
        );
        assert_eq!(
            shape_problem(
                "unknown variant `table`, expected `paragraph` or `heading`",
                Some("articles[0].blocks[3].kind")
            ),
            "字段 articles[0].blocks[3].kind 的取值“table”不是规定的取值之一"
        );
        assert_eq!(shape_problem("odd", None), "内容无法读取（odd）");
    }
}
