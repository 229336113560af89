//! Entity tags from the stored state, not from a serialised response.
//!
//! Agencies and licences carry a `version` the database bumps on every
//! update. A tag hashes the versions of every row a representation is built
//! from, plus what the clock decides (a licence's standing today), so it
//! changes exactly when the representation can: a GET sends it as `ETag`,
//! a write compares `If-Match` with it under the row lock, and a new
//! response shape changes no tag.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::db::models::{Agency, Employer, JobOrder, License, Representative};
use crate::domain::license_status::standing;

/// The tag of an agency with all its licences (`GET /v1/agencies/{id}`).
pub fn agency(agency: &Agency, licenses: &[License], today: NaiveDate) -> String {
    let mut hash = Sha256::new();
    hash.update(format!("agency {} v{}", agency.id, agency.version));
    for l in licenses {
        hash.update(license_part(l, today));
    }
    quoted(hash)
}

/// The tag of a licence check (`GET /v1/licenses/{number}`): the licence,
/// its agency, and the day it is checked on (the answer names it).
pub fn license(license: &License, agency: &Agency, today: NaiveDate) -> String {
    let mut hash = Sha256::new();
    hash.update(license_part(license, today));
    hash.update(format!("|agency {} v{}|on {today}", agency.id, agency.version));
    quoted(hash)
}

/// The tag of a representative's card (`GET /v1/representatives/{card}`):
/// the card, its agency and licences, and the day it is checked on (the
/// card's dates and the licences' standing decide what it says).
pub fn representative(r: &Representative, agency: &Agency, licenses: &[License], today: NaiveDate) -> String {
    let mut hash = Sha256::new();
    hash.update(format!("representative {} v{}", r.id, r.version));
    hash.update(format!("|agency {} v{}|on {today}", agency.id, agency.version));
    for l in licenses {
        hash.update(license_part(l, today));
    }
    quoted(hash)
}

/// The tag of an employer (`GET /v1/employers/{id}`): its row alone (its
/// answer reads nothing else, and no date).
pub fn employer(e: &Employer) -> String {
    let mut hash = Sha256::new();
    hash.update(format!("employer {} v{}", e.id, e.version));
    quoted(hash)
}

/// The tag of a job-order check (`GET /v1/job-orders/{reference}`): the
/// order, its agency, licence and employer, and the day it is checked on
/// (its date, the licence's standing and the employer's decide what it says).
pub fn job_order(o: &JobOrder, agency: &Agency, license: &License, employer: &Employer, today: NaiveDate) -> String {
    let mut hash = Sha256::new();
    hash.update(format!("job order {} v{}", o.id, o.version));
    hash.update(format!("|agency {} v{}|on {today}", agency.id, agency.version));
    hash.update(format!("|employer {} v{}", employer.id, employer.version));
    hash.update(license_part(license, today));
    quoted(hash)
}

fn license_part(l: &License, today: NaiveDate) -> String {
    let now = standing(l.status, l.validity(), today);
    format!(
        "|license {} v{} {} {}",
        l.id,
        l.version,
        now.status.as_str(),
        now.can_recruit
    )
}

fn quoted(hash: Sha256) -> String {
    format!("\"{}\"", hex::encode(&hash.finalize()[..16]))
}
