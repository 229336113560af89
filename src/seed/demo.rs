//! A realistic, clearly fictional data set: 60 agencies across all 14
//! regions, named in Uzbek Latin and Cyrillic, holding licences in every
//! status for several destination countries. Contacts use the reserved
//! `.example` domain and taxpayer ids starting with 9; no real agency is meant.

use chrono::{DateTime, Days, Months, NaiveDate, Utc};

use super::{Batch, LicenseSpec, Person};
use crate::db::models::{ChannelHandle, Channels, EmployerFields, JobOrderFields};
use crate::domain::job_order::WagePeriod;
use crate::domain::license_status::{LicenseAction, LicenseStatus};
use crate::domain::region::Region;

/// Uzbek Latin and Cyrillic spellings of the fictional agencies' names.
const NAMES: [(&str, &str); 30] = [
    ("Istiqbolli Avlod", "Истиқболли Авлод"),
    ("Yangi Ufq", "Янги Уфқ"),
    ("Oltin Qanot", "Олтин Қанот"),
    ("Sharq Yulduzi", "Шарқ Юлдузи"),
    ("Ishonchli Hamkor", "Ишончли Ҳамкор"),
    ("Buyuk Ipak Yo'li", "Буюк Ипак Йўли"),
    ("Mehnat Ko'prigi", "Меҳнат Кўприги"),
    ("Baxt Yo'li", "Бахт Йўли"),
    ("Zarafshon Servis", "Зарафшон Сервис"),
    ("Orzu Sari", "Орзу Сари"),
    ("G'alaba Xalqaro", "Ғалаба Халқаро"),
    ("Navro'z Personal", "Наврўз Персонал"),
    ("Tong Nuri", "Тонг Нури"),
    ("Samo Ishchi Kuchi", "Само Ишчи Кучи"),
    ("Qadriyat Plus", "Қадрият Плюс"),
    ("Umid Ko'prik", "Умид Кўприк"),
    ("Xorazm Mehnat", "Хоразм Меҳнат"),
    ("Farg'ona Vodiysi Kadrlar", "Фарғона Водийси Кадрлар"),
    ("Shijoat Group", "Шижоат Гроуп"),
    ("Chorraha Recruitment", "Чорраҳа Рекрутмент"),
    ("Bunyodkor Kadr", "Бунёдкор Кадр"),
    ("Yoshlar Kelajagi", "Ёшлар Келажаги"),
    ("Dunyo Bo'ylab", "Дунё Бўйлаб"),
    ("Oqsaroy Travel Work", "Оқсарой Травел Ворк"),
    ("Nur Safar", "Нур Сафар"),
    ("Vatan Farzandlari", "Ватан Фарзандлари"),
    ("Hunarmand Xizmat", "Ҳунарманд Хизмат"),
    ("Ziyo Kadrlar", "Зиё Кадрлар"),
    ("Sog'lom Avlod Care", "Соғлом Авлод Кеар"),
    ("Qo'qon Ishga", "Қўқон Ишга"),
];

const DESTINATIONS: [&[&str]; 10] = [
    &["KR"],
    &["KR", "JP"],
    &["DE", "GB"],
    &["AE", "SA", "QA"],
    &["TR"],
    &["RU", "KZ"],
    &["PL", "CZ"],
    &["IL"],
    &["JP"],
    &["GB"],
];

const SECTORS: [&[&str]; 8] = [
    &["construction"],
    &["agriculture"],
    &["care", "healthcare"],
    &["hospitality"],
    &["manufacturing"],
    &["domestic_work"],
    &["transport", "construction"],
    &["agriculture", "manufacturing"],
];

const CITIES: [&str; 14] = [
    "Andijon",
    "Buxoro",
    "Farg'ona",
    "Jizzax",
    "Namangan",
    "Navoiy",
    "Qarshi",
    "Nukus",
    "Samarqand",
    "Guliston",
    "Termiz",
    "Toshkent",
    "Nurafshon",
    "Urganch",
];

/// Builds the demo data set, dated around `today`.
/// The offers a worker holds in the walk-through of the README: Istiqbol's
/// welder's job in Korea (open, nothing to pay), a factory job in Japan
/// that asks the worker for a fee, and a job it withdrew.
fn job_orders(batch: &mut Batch, istiqbol: (uuid::Uuid, uuid::Uuid), today: NaiveDate) {
    let hanil = batch.employer(EmployerFields {
        legal_name: "Hanil Construction Co., Ltd. (fictional)".into(),
        other_names: vec!["한일건설".into(), "Ханил Констракшн".into()],
        country: "KR".into(),
        registration_number: "110111-0000001".into(),
        sectors: vec!["construction".into()],
        address: Some("Seoul (fictional)".into()),
    });
    let sakura = batch.employer(EmployerFields {
        legal_name: "Sakura Seiki K.K. (fictional)".into(),
        other_names: vec!["Сакура Сейки".into()],
        country: "JP".into(),
        registration_number: "0100-01-000001".into(),
        sectors: vec!["manufacturing".into()],
        address: None,
    });
    let terms = |employer_id, country: &str, sector: &str, position: &str| JobOrderFields {
        employer_id,
        destination_country: country.into(),
        sector: sector.into(),
        position: position.into(),
        workers_needed: 20,
        wage_minor: 2_100_000,
        wage_currency: "KRW".into(),
        wage_period: WagePeriod::Month,
        hours_per_week: 48,
        contract_months: 36,
        worker_fee_minor: 0,
        worker_fee_currency: "KRW".into(),
        employer_provides: vec!["health_insurance".into(), "housing".into(), "visa_and_permit".into()],
        approved_on: today - Days::new(10),
        valid_until: today + Days::new(90),
    };
    batch.job_order(
        istiqbol,
        DEMO_ORDERS[0],
        terms(hanil, "KR", "construction", "Payvandchi (welder)"),
    );
    batch.job_order(
        istiqbol,
        DEMO_ORDERS[1],
        JobOrderFields {
            wage_minor: 1_100,
            wage_currency: "JPY".into(),
            wage_period: WagePeriod::Hour,
            hours_per_week: 40,
            contract_months: 24,
            worker_fee_minor: 80_000,
            worker_fee_currency: "USD".into(),
            employer_provides: vec!["housing".into()],
            ..terms(sakura, "JP", "manufacturing", "Zavod ishchisi (factory worker)")
        },
    );
    batch.job_order(
        istiqbol,
        DEMO_ORDERS[2],
        terms(hanil, "KR", "construction", "Beton quyuvchi (concrete worker)"),
    );
    if let Some(withdrawn) = batch.job_orders.last_mut() {
        let reason = "The employer cancelled the project (fictional)";
        withdrawn.withdrawn = Some((today - Days::new(3), reason.into()));
    }
}

/// The reference serials of the demo's job orders: open, asking a fee, withdrawn.
pub const DEMO_ORDERS: [u32; 3] = [1_000_001, 2_000_002, 3_000_003];

pub fn batch(today: NaiveDate) -> Batch {
    let mut batch = Batch::default();
    let at = |d: NaiveDate| -> DateTime<Utc> { d.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc() };
    let years = |n: u32| Months::new(12 * n);

    // The agency from the job-seeker's story in docs/integrators.md: licence UZ-TK-0123.
    let istiqbol = batch.agency(
        "Istiqbol Recruitment MChJ",
        &["Истиқбол Рекрутмент", "Istiqbol"],
        "900000001",
        "UZ-TK",
        Some("Toshkent, Demo ko'chasi 1 (fictional)".into()),
        Some("+998 71 200-00-01".into()),
        Some("info@istiqbol.example".into()),
        Some("https://istiqbol.example".into()),
    );
    let from = today - years(1);
    let istiqbol_licence = batch.license(
        LicenseSpec {
            agency_id: istiqbol,
            number: "UZ-TK-0123",
            status: LicenseStatus::Active,
            valid_from: from,
            valid_until: today + years(2),
            destinations: &["KR", "JP"],
            sectors: &["construction", "manufacturing"],
            status_reason: None,
        },
        &[(LicenseAction::Issued, None, at(from))],
    );

    // Who contacts a worker for Istiqbol: its own numbers and pages, a
    // representative whose card is valid, and one the agency withdrew (the
    // walk-through in docs/integrators.md).
    batch.channels(
        istiqbol,
        Channels {
            phones: vec!["+998712000001".into()],
            handles: vec![ChannelHandle {
                platform: "telegram".into(),
                name: "istiqbol_jobs".into(),
            }],
            websites: vec!["istiqbol.example".into()],
            addresses: vec!["Toshkent, Demo ko'chasi 1 (fictional)".into()],
            ..Channels::default()
        },
    );
    let tashkent = &["UZ-TK", "UZ-TO"][..];
    batch.representative(
        istiqbol,
        1_234_567,
        Person {
            full_name: "Aliyev Jasur Karimovich (fictional)",
            regions: tashkent,
            phones: &["+998901234567"],
            telegram: &["jasur_istiqbol"],
            valid_from: from,
            withdrawn: None,
        },
    );
    batch.representative(
        istiqbol,
        7_654_321,
        Person {
            full_name: "Karimov Bobur Alisherovich (fictional)",
            regions: tashkent,
            phones: &["+998937654321"],
            telegram: &[],
            valid_from: from,
            withdrawn: Some((today - Days::new(30), "No longer works for the agency")),
        },
    );

    job_orders(&mut batch, (istiqbol_licence, istiqbol), today);

    for i in 0..59usize {
        let (latin, cyrillic) = NAMES[i % NAMES.len()];
        let (latin_suffix, cyrillic_suffix) = if i < NAMES.len() {
            ("MChJ", "МЧЖ")
        } else {
            ("Xalqaro Bandlik", "Халқаро Бандлик")
        };
        let region = Region::ALL[i % Region::ALL.len()];
        let slug: String = latin
            .to_ascii_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let slug = format!("{slug}{}", i / NAMES.len() + 1);
        let id = batch.agency(
            &format!("{latin} {latin_suffix}"),
            &[&format!("{cyrillic} {cyrillic_suffix}")],
            &format!("9{:08}", 1000 + i),
            region.code(),
            Some(format!(
                "{}, Namuna ko'chasi {} (fictional)",
                CITIES[i % CITIES.len()],
                i + 2
            )),
            Some(format!("+998 {} 300-{:02}-{:02}", 70 + i % 30, i % 100, (i * 7) % 100)),
            Some(format!("info@{slug}.example")),
            (i % 3 != 0).then(|| format!("https://{slug}.example")),
        );
        let number = format!("{}-{:04}", region.code(), 200 + i * 13);
        let destinations = DESTINATIONS[i % DESTINATIONS.len()];
        let sectors = SECTORS[i % SECTORS.len()];
        let issued = today - Months::new(6 + (i as u32 % 30));
        let spec = |status, valid_from: NaiveDate, valid_until: NaiveDate, reason| LicenseSpec {
            agency_id: id,
            number: &number,
            status,
            valid_from,
            valid_until,
            destinations,
            sectors,
            status_reason: reason,
        };
        let issued_event = (LicenseAction::Issued, None, at(issued));
        match i % 10 {
            // Lapsed: stored active, but its validity ended yesterday or earlier.
            3 => batch.license(
                spec(
                    LicenseStatus::Active,
                    issued - years(2),
                    today - Days::new(1 + i as u64),
                    None,
                ),
                &[(LicenseAction::Issued, None, at(issued - years(2)))],
            ),
            5 => {
                let reason = "Charged workers recruitment fees (inspection of the demo ministry)";
                batch.license(
                    spec(LicenseStatus::Suspended, issued, issued + years(3), Some(reason)),
                    &[
                        issued_event,
                        (LicenseAction::Suspended, Some(reason), at(today - Days::new(20))),
                    ],
                )
            }
            7 => {
                let reason = "Sent workers to a country not on its licence";
                batch.license(
                    spec(LicenseStatus::Revoked, issued, issued + years(3), Some(reason)),
                    &[
                        issued_event,
                        (
                            LicenseAction::Suspended,
                            Some("Under investigation"),
                            at(today - Days::new(90)),
                        ),
                        (LicenseAction::Revoked, Some(reason), at(today - Days::new(30))),
                    ],
                )
            }
            8 => batch.license(
                spec(
                    LicenseStatus::Surrendered,
                    issued,
                    issued + years(3),
                    Some("Agency closed its business"),
                ),
                &[
                    issued_event,
                    (
                        LicenseAction::Surrendered,
                        Some("Agency closed its business"),
                        at(today - Days::new(10)),
                    ),
                ],
            ),
            9 => {
                let old_from = issued - years(3);
                batch.license(
                    spec(LicenseStatus::Expired, old_from, issued - Days::new(1), None),
                    &[
                        (LicenseAction::Issued, None, at(old_from)),
                        (LicenseAction::Expired, None, at(issued)),
                    ],
                )
            }
            _ => {
                let renewed = i % 4 == 0;
                let mut history = vec![issued_event];
                if renewed {
                    history.push((
                        LicenseAction::Suspended,
                        Some("Missing insurance documents"),
                        at(issued + Days::new(60)),
                    ));
                    history.push((
                        LicenseAction::Reinstated,
                        Some("Documents provided"),
                        at(issued + Days::new(75)),
                    ));
                    history.push((LicenseAction::Renewed, None, at(today - Days::new(5))));
                }
                batch.license(spec(LicenseStatus::Active, issued, issued + years(3), None), &history)
            }
        };
        // Some agencies also hold an older, expired licence.
        if i % 6 == 1 {
            let old_number = format!("{}-{:04}-A", region.code(), 200 + i * 13);
            let old_from = issued - years(4);
            batch.license(
                LicenseSpec {
                    number: &old_number,
                    ..spec(LicenseStatus::Expired, old_from, old_from + years(3), None)
                },
                &[
                    (LicenseAction::Issued, None, at(old_from)),
                    (LicenseAction::Expired, None, at(old_from + years(3))),
                ],
            );
        }
    }
    batch
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::license_status::{standing, LicenseStatus};
    use std::collections::HashSet;

    #[test]
    fn covers_every_region_and_status_with_unique_keys() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let b = batch(today);
        assert_eq!(b.agencies.len(), 60);
        let regions: HashSet<_> = b.agencies.iter().map(|a| a.region.as_str()).collect();
        assert_eq!(regions.len(), 14);
        let statuses: HashSet<_> = b
            .licenses
            .iter()
            .map(|l| {
                let stored = l.status;
                let validity = crate::domain::license_status::Validity {
                    from: l.valid_from,
                    until: l.valid_until,
                    suspended_until: None,
                };
                standing(stored, validity, today).status
            })
            .collect();
        assert_eq!(statuses.len(), LicenseStatus::ALL.len());
        let keys: HashSet<_> = b.licenses.iter().map(|l| l.lookup_key.as_str()).collect();
        assert_eq!(keys.len(), b.licenses.len());
        let taxpayers: HashSet<_> = b.agencies.iter().map(|a| a.taxpayer_id.as_str()).collect();
        assert_eq!(taxpayers.len(), 60);
    }
}
