//! N synthetic agencies, one licence each, with channels, representatives
//! and job orders (and an employer per five agencies), for benchmarks.

use chrono::{Months, NaiveDate};

use super::{Batch, LicenseSpec, Person};
use crate::db::models::{ChannelHandle, Channels, EmployerFields, JobOrderFields};
use crate::domain::job_order::WagePeriod;
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

/// Job orders of each synthetic agency.
pub const JOB_ORDERS: usize = 3;

/// Synthetic agencies per synthetic employer (100,000 agencies: 20,000 employers).
pub const AGENCIES_PER_EMPLOYER: usize = 5;

/// The jobs synthetic orders offer (what a worker types: any of these words).
pub const POSITIONS: [&str; 12] = [
    "Payvandchi welder",
    "Beton quyuvchi concrete worker",
    "Zavod ishchisi factory worker",
    "Haydovchi driver",
    "Oshpaz cook",
    "Qurilishchi builder",
    "Elektrik electrician",
    "Santexnik plumber",
    "Bogbon gardener",
    "Tikuvchi seamstress",
    "Omborchi warehouse worker",
    "Farrosh cleaner",
];

/// The reference serial of synthetic job order `n`: spread over the range
/// (13 and 10^7 are coprime).
pub fn job_order_serial(n: usize) -> u32 {
    u32::try_from((n as u64 * 13) % 10_000_000).unwrap_or_default()
}

/// The name of synthetic employer `e`.
pub fn employer_name(e: usize) -> String {
    let name: String = (0..3)
        .map(|k| SYLLABLES[(e.wrapping_mul(7) >> (4 * k)) % SYLLABLES.len()])
        .collect::<Vec<_>>()
        .concat();
    format!("{name} Industries {e}")
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
        let license_id = batch.license(
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
        job_orders(&mut batch, i, (license_id, id), today);
    }
    batch
}

/// Agency `i`'s job orders, with employer `i / 5` (which the batch holding
/// agency `5 × (i / 5)`, this one or an earlier one, accredits).
fn job_orders(batch: &mut Batch, i: usize, owner: (uuid::Uuid, uuid::Uuid), today: NaiveDate) {
    let e = i / AGENCIES_PER_EMPLOYER;
    let employer_id = uuid::Uuid::from_u128(0x5e_0000_0000 + e as u128);
    if i.is_multiple_of(AGENCIES_PER_EMPLOYER) {
        batch.employers.push((
            employer_id,
            EmployerFields {
                legal_name: employer_name(e),
                other_names: Vec::new(),
                country: "KR".into(),
                registration_number: format!("SYN-{e:07}"),
                sectors: vec!["construction".into()],
                address: None,
            },
        ));
    }
    for k in 0..JOB_ORDERS {
        let n = i * JOB_ORDERS + k;
        batch.job_order(
            owner,
            job_order_serial(n),
            JobOrderFields {
                employer_id,
                destination_country: "KR".into(),
                sector: "construction".into(),
                position: POSITIONS[n % POSITIONS.len()].into(),
                workers_needed: 10,
                wage_minor: 2_000_000 + (n as i64 % 50) * 10_000,
                wage_currency: "KRW".into(),
                wage_period: WagePeriod::Month,
                hours_per_week: 48,
                contract_months: 36,
                worker_fee_minor: if n.is_multiple_of(10) { 50_000 } else { 0 },
                worker_fee_currency: "USD".into(),
                employer_provides: vec!["housing".into()],
                approved_on: today - Months::new(1),
                valid_until: today + Months::new(6),
            },
        );
    }
}
