//! Answers for requests no operation takes: 404 for unknown paths, 405 with
//! `Allow` for known paths asked with another method.

use actix_web::dev::ResourceDef;
use actix_web::http::Method;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::ApiError;

/// The paths of the API and the methods each answers, read from the OpenAPI
/// document so that it can never disagree with the routes.
#[derive(Debug)]
pub struct RouteTable(Vec<(ResourceDef, Vec<Method>)>);

impl RouteTable {
    /// Builds the table from the generated document.
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> Self {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let json = serde_json::to_value(item).unwrap_or_default();
                let mut methods: Vec<Method> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
                    .into_iter()
                    .filter(|m| json.get(*m).is_some())
                    .filter_map(|m| m.to_ascii_uppercase().parse().ok())
                    .collect();
                // HEAD is answered wherever GET is (see `startup`).
                if methods.contains(&Method::GET) && !methods.contains(&Method::HEAD) {
                    methods.insert(1, Method::HEAD);
                }
                (ResourceDef::new(path.as_str()), methods)
            })
            .collect();
        Self(routes)
    }

    fn allowed(&self, path: &str) -> Option<&[Method]> {
        self.0
            .iter()
            .find(|(def, _)| def.is_match(path))
            .map(|(_, methods)| methods.as_slice())
    }
}

/// The default service of the app.
pub async fn fallback(req: HttpRequest, routes: web::Data<RouteTable>) -> Result<HttpResponse, ApiError> {
    Err(match routes.allowed(req.path()) {
        Some(methods) => ApiError::MethodNotAllowed(methods.to_vec()),
        None => ApiError::NotFound(crate::msg!("detail-no-resource", path = format!("{:.200}", req.path()))),
    })
}
