//! QR codes of licence statements, as SVG and PNG.

use qrcode::render::svg;
use qrcode::{Color, EcLevel, QrCode};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;

/// Where QR codes point: the public check page (`PUBLIC_BASE_URL`).
#[derive(Debug, Clone)]
pub struct PublicBaseUrl(pub String);

/// A compact JWS (`header.payload.signature`, base64url).
#[derive(Debug, Serialize, ToSchema)]
#[schema(
    value_type = String,
    pattern = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$",
    example = "eyJ0eXAiOiJsaWNlbmNlLXN0YXRlbWVudCtqd3QiLCJhbGciOiJFZERTQSIsImtpZCI6IjBhMWIyYzNkNGU1ZjYwNzEifQ.eyJzdWIiOiJVWi1USy0wMTIzIn0.c2lnbmF0dXJl"
)]
pub struct CompactJws(pub String);

/// An SVG image.
#[derive(Debug, Serialize, ToSchema)]
#[schema(value_type = String)]
pub struct SvgImage(pub String);

/// A PNG image.
#[derive(Debug, Serialize, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct PngImage(pub Vec<u8>);

/// What the code says: the check page of the licence, with the statement
/// after `#`, which a browser never sends to a server.
pub fn content(base: &PublicBaseUrl, number: &str, statement: &str) -> String {
    format!("{}/check/{number}#{statement}", base.0.trim_end_matches('/'))
}

fn code(content: &str) -> Result<QrCode, ApiError> {
    // M: a quarter of the code may be smudged or torn, as on an office door.
    QrCode::with_error_correction_level(content.as_bytes(), EcLevel::M).map_err(ApiError::internal)
}

/// The code as an SVG drawing.
pub fn svg(content: &str) -> Result<String, ApiError> {
    Ok(code(content)?
        .render::<svg::Color<'_>>()
        .min_dimensions(320, 320)
        .quiet_zone(true)
        .build())
}

/// Pixels per module, and modules of white margin (the standard's quiet zone).
const SCALE: usize = 6;
const QUIET: usize = 4;

/// The code as a greyscale PNG.
pub fn png(content: &str) -> Result<Vec<u8>, ApiError> {
    let code = code(content)?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = ((i % modules + QUIET) * SCALE, (i / modules + QUIET) * SCALE);
            for row in y..y + SCALE {
                pixels[row * side + x..row * side + x + SCALE].fill(0);
            }
        }
    }
    let mut out = Vec::new();
    let side = u32::try_from(side).map_err(ApiError::internal)?;
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(ApiError::internal)?;
    writer.write_image_data(&pixels).map_err(ApiError::internal)?;
    writer.finish().map_err(ApiError::internal)?;
    Ok(out)
}
