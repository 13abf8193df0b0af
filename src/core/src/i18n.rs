//! Languages and compile-time-checked texts. A [`Tr`] must carry all three languages, so a
//! missing translation is a compile error, not a blank on screen.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::ZhCn, Lang::Es];

    /// BCP 47 tag, as used by `<html lang>` and `Intl`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
            Lang::Es => "es",
        }
    }

    /// The language's own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
            Lang::Es => "Español",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        let t = tag.to_ascii_lowercase();
        if t.starts_with("zh") {
            Some(Lang::ZhCn)
        } else if t.starts_with("es") {
            Some(Lang::Es)
        } else if t.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// One text in the three languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    pub en: &'static str,
    pub zh: &'static str,
    pub es: &'static str,
}

impl Tr {
    pub const fn new(en: &'static str, zh: &'static str, es: &'static str) -> Tr {
        Tr { en, zh, es }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::ZhCn => self.zh,
            Lang::Es => self.es,
        }
    }
}

/// A word that changes with its count: "1 month", "2 months"; "1 mes", "2 meses"; Chinese
/// has one form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plural {
    pub one: Tr,
    pub other: Tr,
}

impl Plural {
    pub const fn new(one: Tr, other: Tr) -> Plural {
        Plural { one, other }
    }

    /// The form for `n` (English and Spanish take the singular for exactly one).
    pub fn get(&self, n: f64, lang: Lang) -> &'static str {
        if n == 1.0 {
            self.one.get(lang)
        } else {
            self.other.get(lang)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms() {
        let months = Plural::new(
            Tr::new("month", "个月", "mes"),
            Tr::new("months", "个月", "meses"),
        );
        assert_eq!(months.get(1.0, Lang::En), "month");
        assert_eq!(months.get(2.0, Lang::Es), "meses");
        assert_eq!(months.get(0.0, Lang::En), "months");
        assert_eq!(months.get(1.0, Lang::ZhCn), "个月");
    }

    #[test]
    fn tags_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.tag()), Some(l));
        }
        assert_eq!(Lang::from_tag("es-MX"), Some(Lang::Es));
        assert_eq!(Lang::from_tag("zh-TW"), Some(Lang::ZhCn));
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
