//! A strategy: what to do with the customers of a class, as a stable key (for exports and the
//! printable report), a title and concrete actions from the domain, each in en, zh-CN and es.
//!
//! This file holds only the generic part: the [`Strategy`] type and the `strategy!` macro that
//! declares one as a `pub static`. Each method declares the strategies of its classes in its own
//! file under `methods/`, next to its class enum (5S also those of its flags and of release,
//! the risk watch those of its flags). The `classify` module declares this one `#[macro_use]`
//! before `methods`, so the macro is in scope there.

use crate::i18n::{Lang, Tr};
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Strategy {
    /// Stable key, e.g. `abc.a`.
    pub key: &'static str,
    pub title: Tr,
    pub actions: &'static [Tr],
}

impl Strategy {
    /// The title in `lang`; when the user named the class (`name`), that name in place of
    /// the class's own, which a class's strategy title starts with before its colon
    /// ("Champions: reward them" → "Top buyers: reward them"). A title without a colon is
    /// left as it is.
    pub fn title_named(&self, name: Option<&str>, lang: Lang) -> Cow<'static, str> {
        let title = self.title.get(lang);
        let Some(name) = name else {
            return Cow::Borrowed(title);
        };
        match [": ", "："].iter().filter_map(|c| title.find(c)).min() {
            Some(at) => Cow::Owned(format!("{name}{}", &title[at..])),
            None => Cow::Borrowed(title),
        }
    }
}

/// `strategy!(NAME, "method.class", title, [action, ...])` declares `pub static NAME: Strategy`.
macro_rules! strategy {
    ($name:ident, $key:literal, $title:expr, [$($action:expr),+ $(,)?]) => {
        pub static $name: $crate::classify::strategy::Strategy = $crate::classify::strategy::Strategy {
            key: $key,
            title: $title,
            actions: &[$($action),+],
        };
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{five_s, Method};

    /// Every strategy: those of every registered method's classes (the risk watch's are its
    /// flags), plus 5S's flags and release, which are not classes.
    fn every_strategy() -> Vec<(Option<Method>, &'static Strategy)> {
        let mut v: Vec<(Option<Method>, &'static Strategy)> = Vec::new();
        for &m in Method::REGISTERED {
            v.extend(m.classes().into_iter().map(|c| (Some(m), c.strategy)));
        }
        v.extend(five_s::Flag::ALL.iter().map(|f| (None, f.strategy())));
        v.push((None, five_s::released_strategy()));
        v
    }

    /// A renamed class's strategy title carries the new name: every RFM segment's title
    /// (the classes a user can rename) has its name before a colon in every language.
    #[test]
    fn a_named_class_titles_its_strategy_with_its_name() {
        for c in Method::Rfm.classes() {
            for l in Lang::ALL {
                let t = c.strategy.title_named(Some("Mine"), l);
                assert!(t.starts_with("Mine: ") || t.starts_with("Mine："), "{t}");
                assert_ne!(t, "Mine: ", "{t}");
                assert_eq!(c.strategy.title_named(None, l), c.strategy.title.get(l));
            }
        }
        let champions = Method::Rfm.classes()[0];
        assert_eq!(champions.key, "champions");
        assert_eq!(
            champions
                .strategy
                .title_named(Some("Top buyers"), Lang::ZhCn),
            "Top buyers：回馈"
        );
        assert_eq!(
            champions.strategy.title_named(Some("Top buyers"), Lang::En),
            "Top buyers: reward them"
        );
    }

    #[test]
    fn every_class_has_its_own_strategy_with_actions_in_three_languages() {
        let v = every_strategy();
        // At least the 49 there were when the strategies moved into the method files.
        assert!(v.len() >= 49, "{}", v.len());
        let mut keys: Vec<&str> = v.iter().map(|(_, s)| s.key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), v.len(), "strategy keys are unique");
        for (m, s) in v {
            if let Some(m) = m {
                let prefix = format!("{}.", m.key());
                assert!(
                    s.key.starts_with(&prefix),
                    "{} is not under {prefix}",
                    s.key
                );
            }
            assert!(!s.actions.is_empty(), "{}", s.key);
            for t in std::iter::once(&s.title).chain(s.actions) {
                for l in Lang::ALL {
                    assert!(!t.get(l).trim().is_empty(), "{} {:?}", s.key, l);
                }
            }
        }
    }
}
