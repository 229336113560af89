//! Representatives as the model keeps them. Half a million cards (5 for each
//! of 100,000 agencies) are most of the model's rows: kept as
//! `Representative`s, with ten allocations each and a `String` key per phone
//! and handle in the lookup, they tripled its memory. A [`CardRow`] is one
//! small record and one allocation, turned back into a `Representative` only
//! for an answer.

use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::db::models::agency::channel_key;
use crate::db::models::{ChannelHandle, Representative, Withdrawal};
use crate::domain::representative::RepresentativeStatus;

/// Between the texts of `CardRow::packed`: Postgres stores no NUL in a text
/// or a JSON value, so no text read from it holds one.
const SEP: char = '\0';

/// A representative in one record (see the module documentation).
#[derive(Debug)]
pub struct CardRow {
    id: Uuid,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
    withdrawn_on: Option<NaiveDate>,
    serial: u32,
    /// How many regions, phones and handles `packed` holds.
    counts: [u32; 3],
    status: RepresentativeStatus,
    has_reason: bool,
    /// Between `SEP`s: the full name, the withdrawal reason (empty for none),
    /// the regions, the phones, each handle's platform and name, and the
    /// history as JSON (empty for none).
    packed: Box<str>,
}

impl CardRow {
    /// The row of `r`.
    pub fn new(r: Representative) -> Self {
        let history = if r.history.is_empty() {
            String::new()
        } else {
            // A list of dates and strings always serialises.
            serde_json::to_string(&r.history).unwrap_or_default()
        };
        let mut texts: Vec<&str> = vec![&r.full_name, r.withdrawal_reason.as_deref().unwrap_or("")];
        texts.extend(r.regions.iter().map(String::as_str));
        texts.extend(r.phones.iter().map(String::as_str));
        for h in &r.handles {
            texts.extend([h.platform.as_str(), h.name.as_str()]);
        }
        texts.push(&history);
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            id: r.id,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
            valid_from: r.valid_from,
            valid_until: r.valid_until,
            withdrawn_on: r.withdrawn_on,
            serial: r.card().serial(),
            counts: [count(r.regions.len()), count(r.phones.len()), count(r.handles.len())],
            status: r.status,
            has_reason: r.withdrawal_reason.is_some(),
            packed: texts.join(&SEP.to_string()[..]).into_boxed_str(),
        }
    }

    /// The card's serial (its number without the check digit).
    pub fn serial(&self) -> u32 {
        self.serial
    }

    fn texts(&self) -> Texts<'_> {
        let mut all = self.packed.split(SEP);
        let mut next = || all.next().unwrap_or_default();
        let full_name = next();
        let reason = next();
        let [regions, phones, handles] = self.counts;
        let regions = (0..regions).map(|_| next()).collect();
        let phones = (0..phones).map(|_| next()).collect();
        let handles = (0..handles).map(|_| (next(), next())).collect();
        let history = next();
        Texts {
            full_name,
            reason,
            regions,
            phones,
            handles,
            history,
        }
    }

    /// The keys of its phones and handles (`channel_key`).
    pub fn keys(&self) -> Vec<String> {
        let t = self.texts();
        let phones = t.phones.iter().map(|p| channel_key::phone(p));
        let handles = t
            .handles
            .iter()
            .map(|(platform, name)| channel_key::handle(platform, name));
        phones.chain(handles).collect()
    }

    /// Whether one of its phones or handles has this key, compared in
    /// place: the lookup asks this of every card its hash leads to.
    pub fn holds(&self, key: &str) -> bool {
        let [regions, phones, handles] = self.counts.map(|n| n as usize);
        let after = self.packed.split(SEP).skip(2 + regions);
        match channel_key::read(key) {
            Some(channel_key::Key::Phone(phone)) => after.take(phones).any(|p| p == phone),
            Some(channel_key::Key::Handle { platform, name }) => {
                let mut texts = after.skip(phones);
                (0..handles).any(|_| (texts.next(), texts.next()) == (Some(platform), Some(name)))
            }
            _ => false,
        }
    }

    /// The representative, of the agency `agency_id`, as stored.
    pub fn representative(&self, agency_id: Uuid) -> Representative {
        let t = self.texts();
        let owned = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        Representative {
            id: self.id,
            agency_id,
            card_serial: i32::try_from(self.serial).unwrap_or_default(),
            full_name: t.full_name.to_owned(),
            regions: owned(&t.regions),
            phones: owned(&t.phones),
            handles: t
                .handles
                .iter()
                .map(|(platform, name)| ChannelHandle {
                    platform: (*platform).to_owned(),
                    name: (*name).to_owned(),
                })
                .collect(),
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            status: self.status,
            withdrawn_on: self.withdrawn_on,
            withdrawal_reason: self.has_reason.then(|| t.reason.to_owned()),
            history: history_of(t.history),
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

fn history_of(json: &str) -> Vec<Withdrawal> {
    if json.is_empty() {
        return Vec::new();
    }
    // Written by `CardRow::new` from the same type.
    serde_json::from_str(json).unwrap_or_default()
}

/// A row's texts, borrowed.
struct Texts<'a> {
    full_name: &'a str,
    reason: &'a str,
    regions: Vec<&'a str>,
    phones: Vec<&'a str>,
    handles: Vec<(&'a str, &'a str)>,
    history: &'a str,
}

/// A representative with these phones and handles (the model's unit tests).
#[cfg(test)]
pub(super) fn test_person(serial: u32, phones: &[&str], handles: &[(&str, &str)]) -> Representative {
    let at = DateTime::<Utc>::UNIX_EPOCH;
    let day = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap_or_default();
    Representative {
        id: Uuid::from_u128(u128::from(serial)),
        agency_id: Uuid::nil(),
        card_serial: i32::try_from(serial).unwrap(),
        full_name: "Aliyev Jasur".into(),
        regions: vec!["UZ-TK".into(), "UZ-SA".into()],
        phones: phones.iter().map(|p| (*p).to_owned()).collect(),
        handles: handles
            .iter()
            .map(|(platform, name)| ChannelHandle {
                platform: (*platform).into(),
                name: (*name).into(),
            })
            .collect(),
        valid_from: day,
        valid_until: Some(day),
        status: RepresentativeStatus::Active,
        withdrawn_on: None,
        withdrawal_reason: None,
        history: Vec::new(),
        version: 3,
        created_at: at,
        updated_at: at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &Representative, b: &Representative) {
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }

    #[test]
    fn a_row_gives_back_the_representative_it_was_made_of() {
        let mut r = test_person(
            1_234_567,
            &["+998901234567", "+998711112233"],
            &[("telegram", "jasur_1")],
        );
        let row = CardRow::new(r.clone());
        same(&row.representative(r.agency_id), &r);
        // Empty texts, no lists, a reason and a history each keep their place.
        r.regions.clear();
        r.phones.clear();
        r.handles = vec![ChannelHandle {
            platform: "x".into(),
            name: "j".into(),
        }];
        r.status = RepresentativeStatus::Withdrawn;
        r.withdrawal_reason = Some("Left the agency; \"moved\"".into());
        r.history = vec![Withdrawal {
            withdrawn_on: r.valid_from,
            reason: "first".into(),
            reactivated_on: r.valid_from,
        }];
        same(&CardRow::new(r.clone()).representative(r.agency_id), &r);
        r.withdrawal_reason = None;
        r.history.clear();
        same(&CardRow::new(r.clone()).representative(r.agency_id), &r);
    }

    #[test]
    fn a_row_holds_its_own_keys_and_no_other() {
        let row = CardRow::new(test_person(7, &["+998901234567"], &[("telegram", "jasur_1")]));
        assert_eq!(row.keys(), ["phone:+998901234567", "handle:telegram:jasur_1"]);
        assert!(row.holds("phone:+998901234567"));
        assert!(row.holds("handle:telegram:jasur_1"));
        for other in [
            "phone:+99890123456",
            "handle:instagram:jasur_1",
            "handle:telegram:jasur",
            "site:a.uz",
            "",
        ] {
            assert!(!row.holds(other), "{other}");
        }
    }
}
