//! QR codes of licence statements, as SVG and PNG.

use qrcode::render::svg;
use qrcode::{Color, EcLevel, QrCode};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;

/// Where QR codes point: the public check page (`PUBLIC_BASE_URL`).
#[derive(Debug, Clone)]
pub struct PublicBaseUrl(pub String);

/// The image formats of a QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Svg,
    Png,
}

/// QR images already drawn, by what they encode and their format.
///
/// What a code encodes changes only with its licence or at the hour (a
/// statement is the same bytes within an hour), and drawing a PNG costs
/// milliseconds (138 a second at most on two cores), so each image is
/// drawn once and kept until what it encodes changes (at most 32 MB).
pub struct QrCache(moka::sync::Cache<(String, Format), bytes::Bytes>);

impl Default for QrCache {
    fn default() -> Self {
        Self(
            moka::sync::Cache::builder()
                .weigher(|(content, _): &(String, Format), image: &bytes::Bytes| {
                    u32::try_from(content.len() + image.len()).unwrap_or(u32::MAX)
                })
                .max_capacity(32 * 1024 * 1024)
                .time_to_live(std::time::Duration::from_secs(2 * 3600))
                .build(),
        )
    }
}

impl QrCache {
    /// The image of `content` in `format`, drawn now if not drawn before.
    pub fn image(&self, content: String, format: Format) -> Result<bytes::Bytes, ApiError> {
        self.0
            .try_get_with((content.clone(), format), || {
                let drawn = match format {
                    Format::Svg => svg(&content).map(String::into_bytes),
                    Format::Png => png(&content),
                };
                drawn.map(bytes::Bytes::from)
            })
            .map_err(|_| ApiError::Internal)
    }
}

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

/// What a card's code says: the card's check page, with its signed
/// statement after `#` (see [`content`]).
pub fn card_content(base: &PublicBaseUrl, card: &str, statement: &str) -> String {
    format!(
        "{}/check/representative/{card}#{statement}",
        base.0.trim_end_matches('/')
    )
}

/// What a job order's code says: its check page, with its signed statement
/// after `#` (see [`content`]).
pub fn job_order_content(base: &PublicBaseUrl, reference: &str, statement: &str) -> String {
    format!(
        "{}/check/job-orders/{reference}#{statement}",
        base.0.trim_end_matches('/')
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_is_drawn_once_and_served_from_memory_after() {
        let cache = QrCache::default();
        let content = "https://registry.example.uz/check/UZ-TK-0123#a.b.c".to_owned();
        let first = cache.image(content.clone(), Format::Png).unwrap();
        let again = cache.image(content.clone(), Format::Png).unwrap();
        // The same bytes in memory, not a second drawing of equal bytes.
        assert_eq!(first.as_ptr(), again.as_ptr());
        let svg = cache.image(content, Format::Svg).unwrap();
        assert!(svg.starts_with(b"<?xml") || svg.starts_with(b"<svg"));
    }
}
