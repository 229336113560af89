//! The registry's sentences in its four languages.
//!
//! Messages live in Project Fluent files, one per language
//! (`src/i18n/locales/<tag>/registry.ftl`), compiled into the binary; plural
//! forms are Fluent's (CLDR rules), never ours. A test holds the four files
//! to the same messages with the same variables.
//!
//! The language of a request is chosen once, by middleware, and kept for the
//! request's task ([`scope`]), so that an error answered deep in a use case
//! speaks the language of the request that caused it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::future::Future;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{static_loader, LanguageIdentifier, Loader};

use crate::domain::language::Lang;

mod message;

pub use message::{Arg, Message};

static_loader! {
    static LOCALES = {
        locales: "./src/i18n/locales",
        fallback_language: "en",
        // No Unicode isolation marks around values: they show as boxes on
        // old phones and break copying a licence number.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static IDS: LazyLock<[LanguageIdentifier; 4]> =
    LazyLock::new(|| Lang::ALL.map(|lang| lang.tag().parse().unwrap_or_default()));

tokio::task_local! {
    static CURRENT: Lang;
}

/// Runs `work` with `lang` as the language of everything it says.
pub async fn scope<F: Future>(lang: Lang, work: F) -> F::Output {
    CURRENT.scope(lang, work).await
}

/// Runs the synchronous `work` with `lang` as its language (the part of a
/// service call that runs before its future is first polled).
pub fn sync_scope<R>(lang: Lang, work: impl FnOnce() -> R) -> R {
    CURRENT.sync_scope(lang, work)
}

/// The language of the request being answered (the default outside one).
pub fn current() -> Lang {
    CURRENT.try_with(|lang| *lang).unwrap_or_default()
}

fn id(lang: Lang) -> &'static LanguageIdentifier {
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or_default();
    &IDS[index]
}

/// Message `message` in `lang`.
pub fn text(lang: Lang, message: &str) -> String {
    LOCALES.lookup(id(lang), message)
}

/// Message `message` in `lang`, with its variables.
pub fn text_with(lang: Lang, message: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
        .collect();
    LOCALES.lookup_with_args(id(lang), message, &args)
}

/// The name of the country `code` (ISO 3166-1 alpha-2) in `lang`. The
/// files name the countries workers are sent to; any other country is its
/// ISO name in English and its code in the other languages, never a guess.
pub fn country_name(lang: Lang, code: &str) -> String {
    LOCALES
        .try_lookup(id(lang), &format!("country-{code}"))
        .or_else(|| {
            (lang == Lang::En)
                .then(|| {
                    isocountry::CountryCode::for_alpha2(code)
                        .ok()
                        .map(|c| c.name().to_owned())
                })
                .flatten()
        })
        .unwrap_or_else(|| code.to_owned())
}

/// The countries `codes` by name in `lang`, as a list in a sentence.
pub fn country_names(lang: Lang, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| country_name(lang, c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sectors `codes` by name in `lang`, as a list in a sentence.
pub fn sector_names(lang: Lang, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| {
            LOCALES
                .try_lookup(id(lang), &format!("sector-{c}"))
                .unwrap_or_else(|| c.replace('_', " "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A number for a message (plural forms are chosen by it).
pub fn number(n: i64) -> FluentValue<'static> {
    FluentValue::from(n)
}

/// A text for a message.
pub fn string(s: impl Into<String>) -> FluentValue<'static> {
    FluentValue::from(s.into())
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;

    /// Every message id of a file, with the variables it uses.
    fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
        let path = format!(
            "{}/src/i18n/locales/{}/registry.ftl",
            env!("CARGO_MANIFEST_DIR"),
            lang.tag()
        );
        let source = std::fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(_, errors)| panic!("{path}: {errors:?}"));
        let mut found = BTreeMap::new();
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    pattern_variables(pattern, &mut variables);
                }
                found.insert(message.id.name.clone(), variables);
            }
        }
        found
    }

    fn pattern_variables(pattern: &ast::Pattern<String>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_variables(expression, out);
            }
        }
    }

    fn expression_variables(expression: &ast::Expression<String>, out: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_variables(selector, out);
                for variant in variants {
                    pattern_variables(&variant.value, out);
                }
            }
            ast::Expression::Inline(inline) => inline_variables(inline, out),
        }
    }

    fn inline_variables(inline: &ast::InlineExpression<String>, out: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.clone());
            }
            ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
            _ => {}
        }
    }

    #[test]
    fn every_language_has_every_message_with_the_same_variables() {
        let reference = messages(Lang::En);
        assert!(reference.len() > 30, "{reference:?}");
        for lang in Lang::ALL {
            assert_eq!(messages(lang), reference, "{} differs from en", lang.tag());
        }
    }

    /// Every message id the code names (a literal such as
    /// `"reason-email"`), from every source file.
    fn ids_in_code() -> BTreeSet<String> {
        let pattern =
            regex::Regex::new(r#""((?:detail|reason|title|word|verdict|heading|label)-[a-z0-9-]+)""#).unwrap();
        let mut found = BTreeSet::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).unwrap();
                    found.extend(pattern.captures_iter(&source).map(|c| c[1].to_owned()));
                }
            }
        }
        found
    }

    #[test]
    fn every_message_the_code_names_exists() {
        let known = messages(Lang::En);
        let named = ids_in_code();
        assert!(named.len() > 80, "{named:?}");
        let missing: Vec<_> = named.iter().filter(|id| !known.contains_key(*id)).collect();
        assert!(
            missing.is_empty(),
            "named in the code, missing in the .ftl files: {missing:?}"
        );
    }

    #[test]
    fn every_sector_has_a_name_and_countries_fall_back_to_their_code() {
        for lang in Lang::ALL {
            for sector in crate::domain::sector::Sector::ALL {
                let name = sector_names(lang, &[sector.as_str().to_owned()]);
                assert!(!name.contains('_') && !name.is_empty(), "{lang:?} {name}");
            }
        }
        let codes = ["KR".to_owned(), "RU".to_owned(), "BR".to_owned()];
        assert_eq!(country_names(Lang::En, &codes), "South Korea, Russia, Brazil");
        assert_eq!(country_names(Lang::Ru, &codes), "Южная Корея, Россия, BR");
        assert_eq!(country_names(Lang::UzLatn, &codes), "Janubiy Koreya, Rossiya, BR");
        assert_eq!(country_names(Lang::UzCyrl, &codes), "Жанубий Корея, Россия, BR");
    }

    #[test]
    fn messages_speak_each_language_with_its_plurals() {
        let count = |lang, n| text_with(lang, "verdict-complaints", &[("count", number(n))]);
        assert!(count(Lang::Ru, 1).contains("1 жалобу"));
        assert!(count(Lang::Ru, 3).contains("3 жалобы"));
        assert!(count(Lang::Ru, 5).contains("5 жалоб"));
        assert!(count(Lang::Ru, 21).contains("21 жалобу"));
        assert!(count(Lang::En, 1).contains("1 complaint about"));
        assert!(count(Lang::En, 2).contains("2 complaints"));
        assert!(count(Lang::UzLatn, 2).contains("2 ta shikoyat"));
        assert!(count(Lang::UzCyrl, 2).contains("2 та шикоят"));
        let not_found = |lang| text_with(lang, "detail-license-not-found", &[("number", string("UZ-TK-9999"))]);
        assert!(not_found(Lang::UzLatn).starts_with("UZ-TK-9999 raqamli"));
        assert!(not_found(Lang::En).starts_with("No licence UZ-TK-9999 is registered"));
    }
}
