//! N synthetic agencies, one licence each, for benchmarks.

use chrono::{Months, NaiveDate};

use super::{Batch, LicenseSpec};
use crate::domain::license_status::LicenseStatus;
use crate::domain::region::Region;

const SYLLABLES: [&str; 16] = [
    "ist", "iq", "bol", "yan", "gi", "uf", "ol", "tin", "sha", "rq", "meh", "nat", "zar", "ba", "kor", "nur",
];

/// The licence number of synthetic agency `i`, e.g. `SY-000042`.
pub fn license_number(i: usize) -> String {
    format!("SY-{i:06}")
}

/// Builds `count` agencies, starting at index `first`.
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
