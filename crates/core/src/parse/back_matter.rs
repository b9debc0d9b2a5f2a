//! The back matter: the distribution list (送：…, one group per line), the responsible editors
//! (责任编辑：…), contact phone and e-mail (联系方式：…, possibly on the editors' line) and the
//! approval number (批准文号：…).

use super::lines::{is_page_number, Line};
use crate::diagnostic::{Diagnostic, Message};
use crate::text::{is_han, is_space, normalize, without_spaces};

/// What a back-matter label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Distribution,
    Editors,
    Contact,
    Approval,
}

/// The labels, longest first so `抄送` is not read as `送`. Each is followed by a colon.
const LABELS: [(&str, Label); 12] = [
    ("电子邮箱", Label::Contact),
    ("联系方式", Label::Contact),
    ("联系电话", Label::Contact),
    ("责任编辑", Label::Editors),
    ("批准文号", Label::Approval),
    ("E-mail", Label::Contact),
    ("抄送", Label::Distribution),
    ("电话", Label::Contact),
    ("邮箱", Label::Contact),
    ("编辑", Label::Editors),
    ("送", Label::Distribution),
    ("报", Label::Distribution),
];

/// The back matter as read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BackMatter {
    /// One group per printed line.
    pub distribution: Vec<String>,
    /// Names, padding removed.
    pub editors: Vec<String>,
    /// With an ASCII dash.
    pub phone: Option<String>,
    /// As printed.
    pub email: Option<String>,
    /// Spaces between Chinese and digits removed.
    pub approval: Option<String>,
}

/// The label `text` starts with and the byte length of label plus colon.
fn label_at(text: &str) -> Option<(Label, usize)> {
    LABELS.iter().find_map(|&(name, label)| {
        let rest = text.strip_prefix(name)?;
        let rest = rest.trim_start_matches(is_space);
        let colon = rest.chars().next().filter(|c| matches!(c, '：' | ':'))?;
        Some((label, text.len() - rest.len() + colon.len_utf8()))
    })
}

/// Whether `line` starts a back-matter field.
pub fn is_back_matter_line(line: &Line) -> bool {
    starts_back_matter_field(&line.text)
}

/// Whether `text` starts with a back-matter field's label and its colon (送：, 责任编辑：,
/// 联系方式：, 批准文号：…): such a printed line is a line of its own.
pub fn starts_back_matter_field(text: &str) -> bool {
    label_at(text).is_some()
}

/// Cuts a line into labelled segments; text before the first label is returned with `None`.
fn segments(text: &str) -> Vec<(Option<Label>, &str)> {
    let mut out = Vec::new();
    let mut current: Option<Label> = None;
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        let at_word_start = i == 0 || text[..i].ends_with(is_space);
        if let Some((label, len)) = label_at(&text[i..]).filter(|_| at_word_start) {
            if i > start || current.is_some() {
                out.push((current, text[start..i].trim_matches(is_space)));
            }
            current = Some(label);
            i += len;
            start = i;
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out.push((current, text[start..].trim_matches(is_space)));
    out
}

/// Whether `c` is a dash of any width as used in phone numbers.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '－' | '一')
}

/// Finds a phone number (`0731—85309270`, `0731 - 85309270`, `13800000000`) and returns it
/// with an ASCII dash, with the rest of the text.
fn take_phone(text: &str) -> (Option<String>, String) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut phone = String::new();
        let mut digits = 0;
        let mut j = i;
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() {
                phone.push(c);
                digits += 1;
                j += 1;
            } else if is_dash(c) || is_space(c) {
                // A dash, possibly doubled and spaced, between two runs of digits.
                let mut k = j;
                while k < chars.len() && (is_dash(chars[k]) || is_space(chars[k])) {
                    k += 1;
                }
                let dashed = chars[j..k].iter().any(|&c| is_dash(c));
                if dashed && chars.get(k).is_some_and(char::is_ascii_digit) && !phone.ends_with('-')
                {
                    phone.push('-');
                    j = k;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        if digits >= 7
            && !chars
                .get(j)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '@')
        {
            let rest: String = chars[..start].iter().chain(&chars[j..]).collect();
            return (Some(phone), rest);
        }
        i = j.max(i + 1);
    }
    (None, text.to_string())
}

/// Finds an e-mail address and returns it with the rest of the text.
fn take_email(text: &str) -> (Option<String>, String) {
    let words: Vec<&str> = text.split(is_space).collect();
    let trim = |w: &str| {
        w.trim_matches(|c: char| !(c.is_ascii_alphanumeric() || "@._-+".contains(c)))
            .to_string()
    };
    let found = words.iter().position(|w| {
        let w = trim(w);
        w.split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    });
    match found {
        Some(index) => {
            let rest: Vec<&str> = words
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != index)
                .map(|(_, w)| *w)
                .collect();
            (Some(trim(words[index])), rest.join(" "))
        }
        None => (None, text.to_string()),
    }
}

/// Splits an editors' line into names. Two-character names are printed padded to the width
/// of three (`石 韧`): a run of single characters is paired up (or kept whole when it is three
/// characters, a spaced-out three-character name).
fn editor_names(text: &str) -> Vec<String> {
    let tokens: Vec<&str> = text
        .split(|c: char| is_space(c) || "、，,；;/".contains(c))
        .filter(|t| !t.is_empty())
        .collect();
    let mut names = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let single = |t: &&&str| t.chars().count() == 1 && t.chars().all(is_han);
        let run = tokens[i..].iter().take_while(single).count();
        match run {
            0 => {
                names.push(tokens[i].to_string());
                i += 1;
            }
            3 => {
                names.push(tokens[i..i + 3].concat());
                i += 3;
            }
            _ => {
                for pair in tokens[i..i + run].chunks(2) {
                    names.push(pair.concat());
                }
                i += run;
            }
        }
    }
    names
}

/// Reads the back matter. Missing fields are warned about at `end_line`, the last line of
/// the text.
pub fn read_back_matter(
    lines: &[Line],
    end_line: usize,
    cjk_punctuation: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> BackMatter {
    let mut back = BackMatter::default();
    let mut current: Option<Label> = None;
    for line in lines
        .iter()
        .filter(|l| !l.text.is_empty() && !is_page_number(&l.text))
    {
        for (label, value) in segments(&line.text) {
            // Only the distribution list runs on over unlabelled lines, one group per line.
            let label = label.or(current.filter(|l| *l == Label::Distribution));
            current = label;
            match label {
                Some(Label::Distribution) => {
                    if !value.is_empty() {
                        back.distribution.push(normalize(value, cjk_punctuation));
                    }
                }
                Some(Label::Editors) | Some(Label::Contact) => {
                    let (phone, rest) = take_phone(value);
                    let (email, rest) = take_email(&rest);
                    back.phone = back.phone.take().or(phone);
                    back.email = back.email.take().or(email);
                    if label == Some(Label::Editors) {
                        back.editors.extend(editor_names(&rest));
                    } else if !rest.trim_matches(is_space).is_empty() {
                        diagnostics.push(Diagnostic::warning(
                            line.number,
                            line.column,
                            Message::new(
                                "contact-unrecognized",
                                format!("found {:?} among the contact details; expected a phone number and an e-mail address", rest.trim()),
                            )
                            .arg("text", rest.trim()),
                        ));
                    }
                }
                Some(Label::Approval) => {
                    if !value.is_empty() {
                        back.approval = Some(without_spaces(&normalize(value, cjk_punctuation)));
                    }
                }
                None => diagnostics.push(Diagnostic::warning(
                    line.number,
                    line.column,
                    Message::new(
                        "back-matter-unlabelled",
                        format!("found {value:?} in the back matter; expected a line starting 送：, 责任编辑：, 联系方式： or 批准文号："),
                    )
                    .arg("text", value),
                )),
            }
        }
    }
    let missing = [
        (
            back.distribution.is_empty(),
            "back-matter-no-distribution",
            "the distribution list (送：…)",
        ),
        (
            back.editors.is_empty(),
            "back-matter-no-editors",
            "the responsible editors (责任编辑：…)",
        ),
        (
            back.phone.is_none(),
            "back-matter-no-phone",
            "a contact phone number (联系方式：…)",
        ),
        (
            back.email.is_none(),
            "back-matter-no-email",
            "a contact e-mail address",
        ),
        (
            back.approval.is_none(),
            "back-matter-no-approval",
            "the approval number (批准文号：…)",
        ),
    ];
    for (is_missing, id, what) in missing {
        if is_missing {
            diagnostics.push(Diagnostic::warning(
                end_line,
                1,
                Message::new(
                    id,
                    format!("the back matter lacks {what}; expected it after the last article"),
                ),
            ));
        }
    }
    back
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_and_contact_share_a_line() {
        let segs = segments("责任编辑：石 韧 吴静波 联系方式：0731—85309270 hnrlddt@163.com");
        assert_eq!(
            segs,
            [
                (Some(Label::Editors), "石 韧 吴静波"),
                (Some(Label::Contact), "0731—85309270 hnrlddt@163.com")
            ]
        );
    }

    #[test]
    fn phone_dashes_of_any_width_become_ascii() {
        for printed in [
            "0731—85309270",
            "0731－85309270",
            "0731 —— 85309270",
            "0731-85309270",
        ] {
            assert_eq!(
                take_phone(printed).0.as_deref(),
                Some("0731-85309270"),
                "{printed}"
            );
        }
        assert_eq!(
            take_phone("电话 13800000000 x").0.as_deref(),
            Some("13800000000")
        );
        assert_eq!(take_phone("第28号").0, None);
    }

    #[test]
    fn email_is_found_among_words() {
        let (email, rest) = take_email("0731 hnrlddt@163.com。");
        assert_eq!(email.as_deref(), Some("hnrlddt@163.com"));
        assert_eq!(rest, "0731");
    }

    #[test]
    fn padded_two_character_names_are_joined() {
        assert_eq!(editor_names("石 韧 吴静波"), ["石韧", "吴静波"]);
        assert_eq!(editor_names("石　韧、李 明"), ["石韧", "李明"]);
        assert_eq!(editor_names("王 小 明"), ["王小明"]);
    }
}
