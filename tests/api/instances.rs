//! Two instances on one database behave as one service: a signing key
//! rotated or retired, or a client disabled, through either instance or the
//! command line, holds on both within a second (pushed by `LISTEN/NOTIFY`,
//! not waited for at a refresh interval).

use std::time::Duration;

use agency_registry::admin;
use agency_registry::cli::{ClientsArgs, ClientsCommand, KeysArgs, KeysCommand};
use agency_registry::config::Settings;
use agency_registry::domain::access::{KeyPurpose, Role};
use reqwest::Method;

use crate::helpers::{eventually, TestApp};

/// Another instance on the app's database: its own process state, its own
/// key store loaded from the database, as a second server would have.
async fn second_instance(app: &TestApp) -> String {
    app.another(Settings::defaults()).await.address
}

fn kid(token: &str) -> String {
    jsonwebtoken::decode_header(token).unwrap().kid.unwrap()
}

async fn token_kids_published(app: &TestApp, address: &str) -> Vec<String> {
    let jwks: serde_json::Value = app
        .client
        .get(format!("{address}/.well-known/jwks.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut kids: Vec<String> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap().to_owned())
        .collect();
    kids.sort();
    kids
}

async fn status_with(app: &TestApp, address: &str, token: &str) -> u16 {
    app.client
        .request(Method::GET, format!("{address}/v1/audit-events/verify"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn keys_and_clients_changed_anywhere_hold_on_every_instance_within_a_second() {
    let app = TestApp::spawn().await;
    let other = second_instance(&app).await;
    let instances = [app.address.clone(), other.clone()];
    let (old_token, _) = app.log_in_at(&app.address, Role::Auditor).await;
    let published = token_kids_published(&app, &other).await;
    assert_eq!(published, token_kids_published(&app, &app.address).await);

    // A rotation made with the command line, as an operator does it.
    admin::keys(KeysArgs {
        database: app.database_args(),
        kek: app.kek_args(),
        command: KeysCommand::Rotate {
            purpose: KeyPurpose::Token,
        },
    })
    .await
    .unwrap();
    for address in &instances {
        let took = eventually("the new key published", Duration::from_secs(5), || async {
            token_kids_published(&app, address).await.len() == published.len() + 1
        })
        .await;
        assert!(
            took < Duration::from_secs(1),
            "{address} published the new key after {took:?}"
        );
    }
    // Both instances now sign with the new key; the old one still verifies.
    let (new_token, client_id) = app.log_in_at(&other, Role::Auditor).await;
    let (from_first, _) = app.log_in_at(&app.address, Role::Auditor).await;
    assert_ne!(kid(&new_token), kid(&old_token));
    assert_eq!(kid(&from_first), kid(&new_token));
    for address in &instances {
        assert_eq!(status_with(&app, address, &old_token).await, 200);
        assert_eq!(status_with(&app, address, &new_token).await, 200);
    }

    // Retiring the old key ends its tokens on both instances.
    admin::keys(KeysArgs {
        database: app.database_args(),
        kek: app.kek_args(),
        command: KeysCommand::Retire { kid: kid(&old_token) },
    })
    .await
    .unwrap();
    for address in &instances {
        let took = eventually("the retired key refused", Duration::from_secs(5), || async {
            status_with(&app, address, &old_token).await == 401
        })
        .await;
        assert!(
            took < Duration::from_secs(1),
            "{address} refused the retired key after {took:?}"
        );
        assert_eq!(status_with(&app, address, &new_token).await, 200);
    }

    // A client disabled anywhere is refused everywhere, at once.
    admin::clients(ClientsArgs {
        database: app.database_args(),
        command: ClientsCommand::Disable { client_id },
    })
    .await
    .unwrap();
    for address in &instances {
        assert_eq!(status_with(&app, address, &new_token).await, 401, "{address}");
    }
}
