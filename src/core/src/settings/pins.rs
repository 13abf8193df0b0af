//! Pinned exceptions: customers kept on purpose against a method's rule, with the user's
//! reason and the day they were pinned.
//!
//! Two rules can be overridden (the domain's "deliberate exception" and "the user can pin
//! exceptions"): a below-zero customer kept (value classes, class "BZC kept"), and a customer
//! of the bottom of its 5S class not given up (5S straighten). Which customers are pinned is
//! the id lists the methods read, `value.kept_bzc` and `five_s.pinned`, as in earlier
//! versions, so settings files with bare lists still mean what they meant, and an older
//! Tierwise reading a newer file keeps the same classes. The reason and date of each pin are
//! the records of [`Settings::pins`] (JSON `"pins"`), which older versions ignore.
//! [`Settings::normalized`] keeps the two in step: a record's id is in its list; an id in a
//! list without a record is a pin with no reason given.

use super::Settings;
use crate::i18n::Tr;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest reason kept, in characters; a longer one is cut there.
pub const MAX_REASON_CHARS: usize = 500;

/// Which rule a pin overrides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PinKind {
    /// Value classes: kept although its profit is below zero (class "BZC kept").
    #[serde(rename = "bzc")]
    KeepBzc,
    /// 5S straighten: not given up although in the bottom of its class.
    #[serde(rename = "five_s")]
    KeepFiveS,
}

impl PinKind {
    pub const ALL: [PinKind; 2] = [PinKind::KeepBzc, PinKind::KeepFiveS];

    /// Stable key, as in the settings JSON and the export (`bzc`, `five_s`).
    pub fn key(self) -> &'static str {
        match self {
            PinKind::KeepBzc => "bzc",
            PinKind::KeepFiveS => "five_s",
        }
    }

    pub fn from_key(key: &str) -> Option<PinKind> {
        PinKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// What the pin does, as a choice and a list column.
    pub fn name(self) -> Tr {
        match self {
            PinKind::KeepBzc => Tr::new(
                "Keep although below zero (BZC)",
                "负值客户仍保留（BZC）",
                "Conservar aunque esté bajo cero (BZC)",
            ),
            PinKind::KeepFiveS => Tr::new(
                "Keep in the 5S review (not given up)",
                "5S 整顿中保留（不放弃）",
                "Conservar en la revisión 5S (no abandonar)",
            ),
        }
    }

    /// The method whose rule it overrides (`value`, `five_s`).
    pub fn method_key(self) -> &'static str {
        match self {
            PinKind::KeepBzc => "value",
            PinKind::KeepFiveS => "five_s",
        }
    }
}

/// A customer pinned as a strategic exception.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    /// The customer id, as in the data.
    pub id: String,
    pub kind: PinKind,
    /// Why, in the user's words ("draws traffic to the store"); may be empty for a pin made
    /// by an earlier version or by hand.
    #[serde(default)]
    pub reason: String,
    /// The day it was pinned, when known.
    #[serde(default)]
    pub date: Option<NaiveDate>,
}

impl Pin {
    pub fn new(kind: PinKind, id: &str, reason: &str, date: Option<NaiveDate>) -> Pin {
        Pin {
            id: id.trim().to_string(),
            kind,
            reason: clean_reason(reason),
            date,
        }
    }
}

/// A reason as stored: trimmed, line breaks and tabs as spaces, at most
/// [`MAX_REASON_CHARS`] characters.
pub fn clean_reason(reason: &str) -> String {
    let one_line: String = reason
        .trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_REASON_CHARS)
        .collect();
    one_line.trim_end().to_string()
}

impl Settings {
    /// The id list the methods read for `kind`.
    pub fn pin_ids(&self, kind: PinKind) -> &[String] {
        match kind {
            PinKind::KeepBzc => &self.value.kept_bzc,
            PinKind::KeepFiveS => &self.five_s.pinned,
        }
    }

    fn pin_ids_mut(&mut self, kind: PinKind) -> &mut Vec<String> {
        match kind {
            PinKind::KeepBzc => &mut self.value.kept_bzc,
            PinKind::KeepFiveS => &mut self.five_s.pinned,
        }
    }

    pub fn is_pinned(&self, kind: PinKind, id: &str) -> bool {
        self.pin_ids(kind).iter().any(|x| x == id)
    }

    /// Customer `id`'s pin of `kind`, with its reason and date when recorded.
    pub fn exception(&self, kind: PinKind, id: &str) -> Option<Pin> {
        if !self.is_pinned(kind, id) {
            return None;
        }
        Some(
            self.pins
                .iter()
                .find(|p| p.kind == kind && p.id == id)
                .cloned()
                .unwrap_or_else(|| Pin {
                    id: id.to_string(),
                    kind,
                    reason: String::new(),
                    date: None,
                }),
        )
    }

    /// Every pin, BZC keeps first, each kind in its list's order.
    pub fn exceptions(&self) -> Vec<Pin> {
        PinKind::ALL
            .into_iter()
            .flat_map(|k| {
                self.pin_ids(k)
                    .iter()
                    .filter_map(move |id| self.exception(k, id))
            })
            .collect()
    }

    /// Pins `pin.id` (or changes its reason and date when already pinned so).
    pub fn pin(&mut self, pin: Pin) {
        let pin = Pin::new(pin.kind, &pin.id, &pin.reason, pin.date);
        if pin.id.is_empty() {
            return;
        }
        if !self.is_pinned(pin.kind, &pin.id) {
            self.pin_ids_mut(pin.kind).push(pin.id.clone());
        }
        match self
            .pins
            .iter_mut()
            .find(|p| p.kind == pin.kind && p.id == pin.id)
        {
            Some(p) => *p = pin,
            None => self.pins.push(pin),
        }
    }

    /// Removes customer `id`'s pin of `kind`; whether there was one.
    pub fn unpin(&mut self, kind: PinKind, id: &str) -> bool {
        let ids = self.pin_ids_mut(kind);
        let before = ids.len();
        ids.retain(|x| x != id);
        let removed = ids.len() != before;
        self.pins.retain(|p| !(p.kind == kind && p.id == id));
        removed
    }

    /// The default settings with this one's pins: "reset to defaults" resets the rules, not
    /// the user's decisions about particular customers.
    pub fn defaults_keeping_pins(&self) -> Settings {
        let mut s = Settings::default();
        s.value.kept_bzc = self.value.kept_bzc.clone();
        s.five_s.pinned = self.five_s.pinned.clone();
        s.pins = self.pins.clone();
        s
    }

    /// The pin records cleaned and in step with the id lists (see the module's comment):
    /// ids and reasons trimmed, one record per kind and id (the last), and each record's
    /// id in its list.
    pub(super) fn normalize_pins(&mut self) {
        let mut pins: Vec<Pin> = Vec::with_capacity(self.pins.len());
        for p in std::mem::take(&mut self.pins) {
            let p = Pin::new(p.kind, &p.id, &p.reason, p.date);
            if p.id.is_empty() {
                continue;
            }
            match pins.iter_mut().find(|q| q.kind == p.kind && q.id == p.id) {
                Some(q) => *q = p,
                None => pins.push(p),
            }
        }
        for p in &pins {
            if !self.is_pinned(p.kind, &p.id) {
                self.pin_ids_mut(p.kind).push(p.id.clone());
            }
        }
        self.pins = pins;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 5, d)
    }

    #[test]
    fn a_pin_goes_in_the_list_the_method_reads_and_unpins() {
        let mut s = Settings::default();
        s.pin(Pin::new(
            PinKind::KeepBzc,
            " C7 ",
            "  draws\ntraffic ",
            day(3),
        ));
        assert_eq!(s.value.kept_bzc, vec!["C7".to_string()]);
        assert!(s.five_s.pinned.is_empty());
        let p = s.exception(PinKind::KeepBzc, "C7").unwrap();
        assert_eq!((p.reason.as_str(), p.date), ("draws traffic", day(3)));
        assert_eq!(s.exception(PinKind::KeepFiveS, "C7"), None);

        // Pinning again changes the reason, not the list.
        s.pin(Pin::new(PinKind::KeepBzc, "C7", "sells our spares", day(4)));
        assert_eq!(s.value.kept_bzc.len(), 1);
        assert_eq!(s.pins.len(), 1);
        assert_eq!(s.pins[0].reason, "sells our spares");

        s.pin(Pin::new(
            PinKind::KeepFiveS,
            "C9",
            "new branch opening",
            day(4),
        ));
        assert_eq!(s.five_s.pinned, vec!["C9".to_string()]);
        let all: Vec<(PinKind, String)> =
            s.exceptions().into_iter().map(|p| (p.kind, p.id)).collect();
        assert_eq!(
            all,
            vec![
                (PinKind::KeepBzc, "C7".into()),
                (PinKind::KeepFiveS, "C9".into())
            ]
        );

        let mut moved = s.clone();
        moved.abc.a_pct = 60.0;
        moved.value.mvc_pct = 30.0;
        let reset = moved.defaults_keeping_pins();
        assert_eq!(reset.abc, Settings::default().abc);
        assert_eq!(reset.value.mvc_pct, 20.0);
        assert_eq!(reset.exceptions(), s.exceptions());

        assert!(s.unpin(PinKind::KeepBzc, "C7"));
        assert!(!s.unpin(PinKind::KeepBzc, "C7"));
        assert!(s.value.kept_bzc.is_empty());
        assert_eq!(s.pins.len(), 1);
        assert_eq!(s.clone().normalized(), s);
    }

    #[test]
    fn old_settings_with_bare_id_lists_still_load_as_pins_without_a_reason() {
        let s = Settings::from_json(
            r#"{"version":1,"value":{"kept_bzc":["K1"]},"five_s":{"pinned":["P1","P2"]}}"#,
        )
        .unwrap();
        assert!(s.pins.is_empty());
        let all = s.exceptions();
        assert_eq!(all.len(), 3);
        assert_eq!(all[0], Pin::new(PinKind::KeepBzc, "K1", "", None));
        assert_eq!(all[2], Pin::new(PinKind::KeepFiveS, "P2", "", None));
        // Nothing to normalise: the stored form is unchanged (a workspace's check passes).
        assert_eq!(crate::workspace::check::settings(&s), Ok(()));
    }

    #[test]
    fn pins_round_trip_through_the_settings_file_and_an_older_reader_keeps_the_lists() {
        let mut s = Settings::default();
        s.pin(Pin::new(PinKind::KeepBzc, "K1", "draws traffic", day(1)));
        s.pin(Pin::new(PinKind::KeepFiveS, "P1", "", None));
        let text = s.to_json();
        assert!(text.contains(r#""kind": "bzc""#), "{text}");
        assert!(text.contains(r#""date": "2026-05-01""#), "{text}");
        assert_eq!(Settings::from_json(&text).unwrap(), s);
        // What an earlier version reads: the lists, with the records ignored.
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["value"]["kept_bzc"], serde_json::json!(["K1"]));
        assert_eq!(v["five_s"]["pinned"], serde_json::json!(["P1"]));
    }

    #[test]
    fn a_record_alone_pins_and_duplicates_and_blanks_are_dropped() {
        let s = Settings::from_json(
            r#"{"pins":[
                {"id":"A","kind":"five_s","reason":"first"},
                {"id":" ","kind":"bzc","reason":"blank id"},
                {"id":"A","kind":"five_s","reason":"second","date":"2026-05-02"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(s.five_s.pinned, vec!["A".to_string()]);
        assert_eq!(
            s.pins,
            vec![Pin::new(PinKind::KeepFiveS, "A", "second", day(2))]
        );
        let long = "x".repeat(MAX_REASON_CHARS + 10);
        assert_eq!(clean_reason(&long).chars().count(), MAX_REASON_CHARS);
        assert_eq!(PinKind::from_key("five_s"), Some(PinKind::KeepFiveS));
    }
}
