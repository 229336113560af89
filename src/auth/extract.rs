//! The `Principal` extractor: `Authorization: Bearer <token>` to a caller.

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;

use super::jwt;
use super::keys::KeyStore;
use super::Principal;
use crate::db::models::{ApiClient, NewAuditEvent};
use crate::db::DbPool;
use crate::domain::access::Role;
use crate::error::ApiError;

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req);
        let keys = req.app_data::<web::Data<KeyStore>>().cloned();
        let pool = req.app_data::<web::Data<DbPool>>().cloned();
        let request_id = req
            .extensions()
            .get::<crate::routes::observe::RequestId>()
            .map(|id| id.to_string());
        Box::pin(async move {
            let token = token?;
            let (Some(keys), Some(pool)) = (keys, pool) else {
                return Err(ApiError::internal("the key store or pool is not configured"));
            };
            let mut conn = pool.get().await?;
            if keys.refresh_due() {
                // Keys rotated or retired with the CLI take effect within the refresh interval.
                keys.reload(&mut conn).await.map_err(ApiError::internal)?;
            }
            let claims = jwt::verify(&keys, &token).map_err(|e| {
                ApiError::Unauthorized(match e {
                    jwt::TokenError::Expired => crate::msg!("detail-token-expired"),
                    // The technical reason, for the developer of the client.
                    other => crate::msg!("detail-token-refused", reason = other.to_string()),
                })
            })?;
            // Disabling a client ends its tokens at once, not at their expiry.
            if !ApiClient::is_enabled(&mut conn, &claims.sub).await? {
                return Err(ApiError::Unauthorized(crate::msg!("detail-token-client-disabled")));
            }
            Ok(Principal {
                client_id: claims.sub,
                role: claims.role,
                organization: claims.org,
                request_id,
            })
        })
    }
}

fn bearer_token(req: &HttpRequest) -> Result<String, ApiError> {
    let header = req
        .headers()
        .get(AUTHORIZATION)
        .ok_or_else(|| ApiError::Unauthorized(crate::msg!("detail-token-missing")))?;
    let value = header
        .to_str()
        .map_err(|_| ApiError::Unauthorized(crate::msg!("detail-authorization-unreadable")))?;
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") && !token.trim().is_empty() => {
            Ok(token.trim().to_owned())
        }
        _ => Err(ApiError::Unauthorized(crate::msg!("detail-authorization-not-bearer"))),
    }
}

impl Principal {
    /// An audit record of a change this caller made in this request.
    pub fn audit(
        &self,
        resource: (&str, &str),
        action: &str,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> NewAuditEvent {
        let (resource_type, resource_id) = resource;
        NewAuditEvent {
            actor: self.client_id.clone(),
            actor_role: self.role.as_str().to_owned(),
            resource_type: resource_type.to_owned(),
            resource_id: resource_id.to_owned(),
            action: action.to_owned(),
            before,
            after,
            request_id: self.request_id.clone(),
        }
    }
}

/// A set of roles an operation admits.
pub trait RoleSet {
    /// The roles.
    const ROLES: &'static [Role];
}

/// Ministry staff systems only.
pub struct Ministry;
impl RoleSet for Ministry {
    const ROLES: &'static [Role] = &[Role::Ministry];
}

/// Auditors only.
pub struct Auditor;
impl RoleSet for Auditor {
    const ROLES: &'static [Role] = &[Role::Auditor];
}

/// A caller whose role is in `R`: 401 without a valid token, 403 with another
/// role, decided before the request body is read.
pub struct Authorized<R: RoleSet>(pub Principal, std::marker::PhantomData<R>);

impl<R: RoleSet> std::ops::Deref for Authorized<R> {
    type Target = Principal;
    fn deref(&self) -> &Principal {
        &self.0
    }
}

impl<R: RoleSet + 'static> FromRequest for Authorized<R> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let principal = Principal::from_request(req, payload);
        Box::pin(async move {
            let principal = principal.await?;
            principal.require(R::ROLES)?;
            Ok(Self(principal, std::marker::PhantomData))
        })
    }
}

/// Those who file complaints: NGOs and the ministry.
pub struct Filer;
impl RoleSet for Filer {
    const ROLES: &'static [Role] = &[Role::Ngo, Role::Ministry];
}

/// NGOs only.
pub struct Ngo;
impl RoleSet for Ngo {
    const ROLES: &'static [Role] = &[Role::Ngo];
}

/// Every client of the API (NGOs above all check the audit trail's heads
/// they kept).
pub struct AnyClient;
impl RoleSet for AnyClient {
    const ROLES: &'static [Role] = &[Role::Ngo, Role::Ministry, Role::Auditor];
}

impl Principal {
    /// Which complaints this caller may see: all for the ministry, its own
    /// organisation's for an NGO.
    pub fn complaint_visibility(&self) -> crate::db::models::Visibility {
        match (self.role, &self.organization) {
            (Role::Ministry, _) => crate::db::models::Visibility::All,
            (_, Some(org)) => crate::db::models::Visibility::Organization(org.clone()),
            // An NGO token always carries its organisation; without one, see nothing.
            (_, None) => crate::db::models::Visibility::Organization(String::new()),
        }
    }
}

impl Principal {
    /// Refuses the request (403) unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            let names: Vec<_> = roles.iter().map(|r| r.as_str()).collect();
            Err(ApiError::Forbidden(crate::msg!(
                "detail-role-needed",
                needed = names.join(", "),
                role = self.role.as_str()
            )))
        }
    }
}
