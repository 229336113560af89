//! Loading a data set (demo, synthetic) into the registry.

use diesel_async::AsyncPgConnection;
use serde::Serialize;

use super::feed::Subject;
use super::{change_on, Actor};
use crate::domain::changes::ChangeType;
use crate::seed::Batch;
use crate::usecases::error::UseCaseError;

#[derive(Serialize)]
struct Loaded<'a> {
    data_set: &'a str,
    agencies: usize,
    licenses: usize,
    license_events: usize,
    representatives: usize,
    employers: usize,
    job_orders: usize,
}

/// Loads `batch` in one transaction with one audit record of what was
/// loaded (the data set and its counts), so that bulk loads are audited like
/// every other change. Runs on a connection: seeding happens before a pool
/// exists (start-up, the `seed` command).
pub async fn load(
    conn: &mut AsyncPgConnection,
    actor: &Actor,
    data_set: &str,
    batch: &Batch,
) -> Result<(), UseCaseError> {
    change_on(conn, actor, async |tx| {
        let loaded = Loaded {
            data_set,
            agencies: batch.agencies.len(),
            licenses: batch.licenses.len(),
            license_events: batch.events.len(),
            representatives: batch.representatives.len(),
            employers: batch.employers.len(),
            job_orders: batch.job_orders.len(),
        };
        tx.record(("registry", data_set), "seed", None::<&Loaded>, Some(&loaded))
            .await?;
        batch.insert_rows(tx.conn()).await?;
        for agency in &batch.agencies {
            tx.announce(ChangeType::AgencyRegistered, Subject::Agency(agency.id));
        }
        for license in &batch.licenses {
            tx.announce(ChangeType::LicenseIssued, Subject::License(license.id));
        }
        for card in &batch.representatives {
            tx.announce(ChangeType::RepresentativeRegistered, Subject::Representative(card.id));
        }
        for (id, _) in &batch.employers {
            tx.announce(ChangeType::EmployerRegistered, Subject::Employer(*id));
        }
        for order in &batch.job_orders {
            tx.announce(ChangeType::JobOrderRegistered, Subject::JobOrder(order.id));
        }
        Ok(())
    })
    .await?;
    Ok(())
}
