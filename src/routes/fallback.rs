//! Answers for requests no operation takes: 404 for unknown paths, 405 with
//! `Allow` for known paths asked with another method.

use actix_web::dev::ResourceDef;
use actix_web::http::Method;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::ApiError;

/// The paths of the API, the methods each answers and the query parameters
/// each GET takes, read from the OpenAPI document so that it can never
/// disagree with the routes.
#[derive(Debug)]
pub struct RouteTable(Vec<Route>);

#[derive(Debug)]
struct Route {
    path: ResourceDef,
    methods: Vec<Method>,
    /// The query parameters its GET takes (`lang` among them).
    parameters: Vec<String>,
}

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
                let parameters = json["get"]["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|p| p["in"] == "query")
                    .filter_map(|p| p["name"].as_str().map(str::to_owned))
                    .collect();
                Route {
                    path: ResourceDef::new(path.as_str()),
                    methods,
                    parameters,
                }
            })
            .collect();
        Self(routes)
    }

    fn route(&self, path: &str) -> Option<&Route> {
        self.0.iter().find(|r| r.path.is_match(path))
    }

    fn allowed(&self, path: &str) -> Option<&[Method]> {
        self.route(path).map(|r| r.methods.as_slice())
    }

    /// 400 when a GET of the JSON API carries a query parameter its
    /// operation does not take. A parameter nobody reads would only make
    /// another URL of the same answer: `?bust=1` would walk past every
    /// cache. The unknown name is never quoted; what the operation takes is.
    /// The HTML pages ignore such parameters instead (see `routes::check`).
    pub fn refuse_unknown_parameters(&self, method: &Method, path: &str, query: &str) -> Result<(), ApiError> {
        let json_api = path.starts_with("/v1/") || path.starts_with("/.well-known/");
        if query.is_empty() || !json_api || !(method == Method::GET || method == Method::HEAD) {
            return Ok(());
        }
        let Some(route) = self.route(path) else {
            return Ok(());
        };
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        if pairs.iter().all(|(name, _)| route.parameters.contains(name)) {
            return Ok(());
        }
        let takes = route.parameters.join(", ");
        Err(ApiError::invalid_parameter(
            "query",
            crate::msg!("reason-unknown-parameter-takes", names = takes),
        ))
    }
}

/// Middleware: refuses unknown query parameters of the JSON API's GETs
/// ([`RouteTable::refuse_unknown_parameters`]).
pub fn parameters<S>(
    req: actix_web::dev::ServiceRequest,
    srv: &S,
    routes: &RouteTable,
) -> futures_util::future::Either<
    S::Future,
    std::future::Ready<Result<actix_web::dev::ServiceResponse, actix_web::Error>>,
>
where
    S: actix_web::dev::Service<
        actix_web::dev::ServiceRequest,
        Response = actix_web::dev::ServiceResponse,
        Error = actix_web::Error,
    >,
{
    match routes.refuse_unknown_parameters(req.method(), req.path(), req.query_string()) {
        Ok(()) => futures_util::future::Either::Left(srv.call(req)),
        Err(refusal) => futures_util::future::Either::Right(std::future::ready(Ok(req.error_response(refusal)))),
    }
}

/// The default service of the app.
pub async fn fallback(req: HttpRequest, routes: web::Data<RouteTable>) -> Result<HttpResponse, ApiError> {
    Err(match routes.allowed(req.path()) {
        Some(methods) => ApiError::MethodNotAllowed(methods.to_vec()),
        None => ApiError::NotFound(crate::msg!("detail-no-resource", path = format!("{:.200}", req.path()))),
    })
}
