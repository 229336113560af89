//! N synthetic agencies, one licence each, for benchmarks.

use chrono::{Months, NaiveDate};

use super::{Batch, LicenseSpec, Person};
use crate::db::models::{ChannelHandle, Channels};
use crate::domain::license_status::LicenseStatus;
use crate::domain::region::Region;

const SYLLABLES: [&str; 16] = [
    "ist", "iq", "bol", "yan", "gi", "uf", "ol", "tin", "sha", "rq", "meh", "nat", "zar", "ba", "kor", "nur",
];

/// The licence number of synthetic agency `i`, e.g. `SY-000042`.
pub fn license_number(i: usize) -> String {
    format!("SY-{i:06}")
}

/// Representatives of each synthetic agency.
pub const REPRESENTATIVES: usize = 5;

/// The card serial of synthetic representative `n`: spread over the range
/// (7 and 10^7 are coprime, so no two share one below 10^7).
pub fn card_serial(n: usize) -> u32 {
    u32::try_from((n as u64 * 7) % 10_000_000).unwrap_or_default()
}

/// The phone of synthetic agency `i` (E.164).
pub fn agency_phone(i: usize) -> String {
    format!("+99855{:07}", i % 10_000_000)
}

/// Builds `count` agencies, starting at index `first`, each with three
/// channels (a phone, a Telegram account, a site) and five representatives
/// (the fifth withdrawn).
pub fn batch(first: usize, count: usize, today: NaiveDate) -> Batch {
    let mut batch = Batch::default();
    for i in first..first + count {
        let name: String = (0..3)
            .map(|k| SYLLABLES[(i >> (4 * k)) % SYLLABLES.len()])
            .collect::<Vec<_>>()
            .concat();
        let region = Region::ALL[i % Region::ALL.len()];
        let id = batch.agency(
            &format!("{name} Synthetic {i}"),
            &[],
            &format!("8{i:08}"),
            region.code(),
            None,
            None,
            None,
            None,
        );
        batch.channels(
            id,
            Channels {
                phones: vec![agency_phone(i)],
                handles: vec![ChannelHandle {
                    platform: "telegram".into(),
                    name: format!("syn{i}"),
                }],
                websites: vec![format!("syn{i}.example")],
                ..Channels::default()
            },
        );
        for k in 0..REPRESENTATIVES {
            let n = i * REPRESENTATIVES + k;
            let phone = format!("+99833{:07}", n % 10_000_000);
            let handle = format!("syn{i}_{k}");
            batch.representative(
                id,
                card_serial(n),
                Person {
                    full_name: &format!("Synthetic Person {i}-{k}"),
                    regions: &[region.code()],
                    phones: &[phone.as_str()],
                    telegram: &[handle.as_str()],
                    valid_from: today - Months::new(6),
                    withdrawn: (k == 4).then_some((today, "Synthetic withdrawal")),
                },
            );
        }
        let number = license_number(i);
        batch.license(
            LicenseSpec {
                agency_id: id,
                number: &number,
                status: if i % 10 == 0 {
                    LicenseStatus::Suspended
                } else {
                    LicenseStatus::Active
                },
                valid_from: today - Months::new(12),
                valid_until: today + Months::new(24),
                destinations: &["KR"],
                sectors: &["construction"],
                status_reason: None,
            },
            &[],
        );
    }
    batch
}
