//! The only links the reader makes from data: `tel:` and `mailto:`. Anything that does not look
//! like a phone number or an e-mail address is shown as text and never becomes a link.

/// A `tel:` link for a phone number made of digits, spaces, `+`, `-` and parentheses.
pub fn tel_href(phone: &str) -> Option<String> {
    let phone = phone.trim();
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')');
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (digits >= 3 && phone.chars().all(allowed)).then(|| format!("tel:{}", phone.replace(' ', "")))
}

/// A `mailto:` link for a plain `local@domain.tld` address.
pub fn mailto_href(email: &str) -> Option<String> {
    let email = email.trim();
    let (local, domain) = email.split_once('@')?;
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
    };
    let dotted = domain.split('.').count() >= 2 && domain.split('.').all(|label| !label.is_empty());
    (plain(local) && plain(domain) && dotted).then(|| format!("mailto:{email}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_become_tel_links() {
        assert_eq!(
            tel_href("0731-85309270").as_deref(),
            Some("tel:0731-85309270")
        );
        assert_eq!(
            tel_href(" +86 731 8530 ").as_deref(),
            Some("tel:+867318530")
        );
    }

    #[test]
    fn anything_else_is_not_a_phone_link() {
        for text in [
            "javascript:alert(1)",
            "0731—85309270",
            "12",
            "",
            "tel:110",
            "<b>1234</b>",
        ] {
            assert_eq!(tel_href(text), None, "{text}");
        }
    }

    #[test]
    fn plain_addresses_become_mailto_links() {
        assert_eq!(
            mailto_href("hnrlddt@163.com").as_deref(),
            Some("mailto:hnrlddt@163.com")
        );
    }

    #[test]
    fn scripts_and_odd_addresses_are_not_mail_links() {
        let texts = [
            "javascript:alert(1)",
            "javascript:alert(1)@x.com",
            "a@b",
            "@b.com",
            "a@@b.com",
            "a b@c.com",
            "a@b.com?cc=x",
            "<img src=x onerror=alert(1)>@a.com",
            "a@.com",
        ];
        for text in texts {
            assert_eq!(mailto_href(text), None, "{text}");
        }
    }
}
