//! The editors' language: every message `lianluo` prints comes from a Fluent catalogue, in
//! Chinese or in English (`i18n/zh.ftl`, `i18n/en.ftl`, built into the binary).
//!
//! Chinese unless the locale asks for English: `--lang zh|en` first, then the first of
//! `LC_ALL`, `LC_MESSAGES`, `LANG` that is set (the POSIX order), then the system's UI language
//! (on Windows, where those variables are usually unset).

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use lianluo_core::diagnostic::{Diagnostic, Severity};
use lianluo_core::validate::Problem;

/// The Chinese catalogue.
pub const ZH_FTL: &str = include_str!("../i18n/zh.ftl");
/// The English catalogue.
pub const EN_FTL: &str = include_str!("../i18n/en.ftl");

/// A language `lianluo` speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// 中文, the default.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `zh` or `en`, as `--lang` takes it; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a locale name asks for (`en_US.UTF-8`, `en-GB`, `zh_CN`, `C`): English
    /// for English locales, Chinese for every other.
    pub fn of_locale(locale: &str) -> Lang {
        let language = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default();
        if language.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

/// The language the environment asks for: the first set and non-empty of `LC_ALL`,
/// `LC_MESSAGES`, `LANG` (read through `var`), else the system's UI language (`system`).
pub fn lang_from_environment(
    var: impl Fn(&str) -> Option<String>,
    system: impl FnOnce() -> Option<String>,
) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()))
        .or_else(system)
        .map_or(Lang::Zh, |locale| Lang::of_locale(&locale))
}

/// The language of this run: `--lang` if given (looked for in the raw arguments, as the help
/// text must be in that language before clap reads them), else the environment's.
pub fn lang_for_run(args: &[String]) -> Lang {
    let mut given = None;
    for (i, arg) in args.iter().enumerate() {
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(lang) = value.and_then(Lang::from_code) {
            given = Some(lang);
        }
    }
    given.unwrap_or_else(|| {
        lang_from_environment(|name| std::env::var(name).ok(), sys_locale::get_locale)
    })
}

/// One language's messages.
pub struct Catalogue {
    bundle: FluentBundle<FluentResource>,
}

impl Catalogue {
    /// The catalogue of `lang`.
    pub fn new(lang: Lang) -> Catalogue {
        let (source, tag) = match lang {
            Lang::Zh => (ZH_FTL, "zh-CN"),
            Lang::En => (EN_FTL, "en-US"),
        };
        // Both files are part of the binary and checked by the tests: they always parse.
        let resource = FluentResource::try_new(source.to_string())
            .unwrap_or_else(|(resource, _errors)| resource);
        let mut bundle = FluentBundle::new_concurrent(vec![tag.parse().unwrap_or_default()]);
        // Without this, placeholders are wrapped in Unicode isolation marks, invisible in a
        // terminal but breaking grep and byte comparisons.
        bundle.set_use_isolating(false);
        let _ = bundle.add_resource(resource);
        Catalogue { bundle }
    }

    /// Message `id` with its placeholders filled from `args`; `None` when there is no such
    /// message.
    pub fn try_message(&self, id: &str, args: &[(&str, String)]) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            // Counts are numbers so that plural forms (English "1 error", "2 errors") work.
            // Fluent keeps numbers as f64: longer digit strings (a phone number quoted in a
            // message) and ones with a leading zero stay text, exactly as written.
            let is_count = value.len() <= 15 && (!value.starts_with('0') || value == "0");
            let value = match value.parse::<u64>() {
                Ok(n) if is_count => FluentValue::from(n),
                _ => FluentValue::from(value.as_str()),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some(text.into_owned())
    }

    /// Message `id` with its placeholders filled from `args`; the id itself when missing (the
    /// catalogue test makes sure no message is).
    pub fn message(&self, id: &str, args: &[(&str, String)]) -> String {
        self.try_message(id, args).unwrap_or_else(|| id.to_string())
    }

    /// A core diagnostic's message in this language (its English wording when the catalogue
    /// does not know its id).
    pub fn diagnostic(&self, d: &Diagnostic) -> String {
        self.try_message(d.id, &d.args)
            .unwrap_or_else(|| d.message.clone())
    }

    /// A JSON problem's message, without its path.
    pub fn problem_message(&self, p: &Problem) -> String {
        self.try_message(p.id, &p.args)
            .unwrap_or_else(|| p.message.clone())
    }

    /// A JSON problem as `path: message`.
    pub fn problem(&self, p: &Problem) -> String {
        format!("{}: {}", p.path, self.problem_message(p))
    }

    /// `错误` / `error`, `警告` / `warning`.
    pub fn severity(&self, severity: Severity) -> String {
        self.message(
            match severity {
                Severity::Error => "severity-error",
                Severity::Warning => "severity-warning",
            },
            &[],
        )
    }
}

static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();

/// Chooses the language of this run; the first call wins.
pub fn init(lang: Lang) {
    let _ = CATALOGUE.set(Catalogue::new(lang));
}

/// The catalogue of this run (Chinese if [`init`] was not called).
pub fn catalogue() -> &'static Catalogue {
    CATALOGUE.get_or_init(|| Catalogue::new(Lang::Zh))
}

/// Message `id` of this run's catalogue, placeholders filled from `args`.
pub fn t(id: &str, args: &[(&str, String)]) -> String {
    catalogue().message(id, args)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn chinese_unless_the_locale_asks_for_english() {
        let none = || None;
        assert_eq!(lang_from_environment(env(&[]), none), Lang::Zh);
        assert_eq!(
            lang_from_environment(env(&[("LANG", "en_US.UTF-8")]), none),
            Lang::En
        );
        assert_eq!(
            lang_from_environment(env(&[("LANG", "zh_CN.UTF-8")]), none),
            Lang::Zh
        );
        assert_eq!(lang_from_environment(env(&[("LANG", "C")]), none), Lang::Zh);
        assert_eq!(
            lang_from_environment(env(&[]), || Some("en-GB".into())),
            Lang::En
        );
        assert_eq!(
            lang_from_environment(env(&[]), || Some("zh-Hans-CN".into())),
            Lang::Zh
        );
    }

    #[test]
    fn the_posix_order_decides_between_variables() {
        let none = || None;
        let all_first = env(&[("LC_ALL", "zh_CN"), ("LANG", "en_US")]);
        assert_eq!(lang_from_environment(all_first, none), Lang::Zh);
        let messages = env(&[("LC_ALL", ""), ("LC_MESSAGES", "en_GB"), ("LANG", "zh_CN")]);
        assert_eq!(lang_from_environment(messages, none), Lang::En);
    }

    #[test]
    fn the_lang_option_overrides_the_environment() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(lang_for_run(&args(&["lianluo", "--lang", "en"])), Lang::En);
        assert_eq!(
            lang_for_run(&args(&["lianluo", "convert", "--lang=zh", "x"])),
            Lang::Zh
        );
    }

    #[test]
    fn placeholders_and_plurals_are_filled() {
        let en = Catalogue::new(Lang::En);
        let zh = Catalogue::new(Lang::Zh);
        let counts = |e: &str, w: &str| [("errors", e.to_string()), ("warnings", w.to_string())];
        assert_eq!(
            en.message("summary", &counts("1", "2")),
            "1 error, 2 warnings"
        );
        assert_eq!(
            en.message("summary", &counts("0", "1")),
            "0 errors, 1 warning"
        );
        assert_eq!(
            zh.message("summary", &counts("1", "2")),
            "1 个错误，2 个警告"
        );
        assert_eq!(
            zh.message(
                "build-duplicate-id",
                &[("id", "2017-15".into()), ("file", "a.txt".into())]
            ),
            "期号 2017-15 与 a.txt 相同；每期应只有一个文件"
        );
        assert_eq!(zh.severity(Severity::Error), "错误");
        let digits = |text: &str| [("text", text.to_string())];
        for quoted in ["12345678901234567", "0731", "2017"] {
            assert_eq!(
                en.message("contact-unrecognized", &digits(quoted)),
                format!("found \"{quoted}\" among the contact details; expected a phone number and an e-mail address")
            );
        }
        assert_eq!(en.severity(Severity::Warning), "warning");
    }
}
