//! A representative's card number: `K-1234-5678`.
//!
//! Made to be read aloud and typed on a phone: one letter that says "card"
//! (never the start of a phone number or of a licence number, which begin
//! with `UZ`), then eight digits in two groups of four. The last digit is a
//! Damm check digit, which catches every single mistyped digit and every
//! swap of two neighbouring digits: a mistyped card answers "check the
//! number", never another person's card.

/// What a card number may look like as typed, for the OpenAPI document: the
/// letter `K` (Latin or Cyrillic, either case), then eight digits with
/// spaces or dashes anywhere between them. [`CardNumber::parse`] reads
/// exactly these (a unit test holds the two together).
pub const CARD_INPUT_PATTERN: &str = r"^[ ]*[KkКк][ \-]*(?:[0-9][ \-]*){8}$";

/// The longest text read as a card (spaces and dashes included).
pub const MAX_INPUT_CHARS: usize = 64;

/// How many random digits a card has (the ninth place is the check digit).
pub const SERIAL_DIGITS: usize = 7;

/// Why a text is not a card number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardError {
    /// Not the shape of a card number (a letter and eight digits).
    NotACard,
    /// The shape of one, but the check digit does not fit: a digit was
    /// mistyped or two were swapped.
    Mistyped,
}

impl std::fmt::Display for CardError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NotACard => "a card number is K and eight digits, e.g. K-1234-5678",
            Self::Mistyped => "this card number has a mistyped digit: check it against the card",
        })
    }
}

impl std::error::Error for CardError {}

/// A card number whose check digit fits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CardNumber(String);

use crate::check_digit::{self, Lettered};

/// How a card is written: `K` (or Cyrillic `К`), then the digits.
const CARD: Lettered = Lettered {
    letter: 'K',
    also: &['k', 'К', 'к'],
};

impl CardNumber {
    /// The card for a serial number (0 to 9,999,999): its digits and the
    /// check digit after them.
    pub fn from_serial(serial: u32) -> Option<Self> {
        (serial < 10_u32.pow(SERIAL_DIGITS as u32)).then(|| Self::of_stored(serial))
    }

    /// The card of a serial as stored (the database holds it within range;
    /// anything beyond is read modulo the range rather than refused).
    pub fn of_stored(serial: u32) -> Self {
        let serial = serial % 10_u32.pow(SERIAL_DIGITS as u32);
        let text = format!("{serial:07}");
        let mut digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
        digits.push(check_digit::damm(&digits));
        Self::from_digits(&digits)
    }

    fn from_digits(digits: &[u8]) -> Self {
        Self(CARD.spell(digits))
    }

    /// Reads a card number as a person may type it: `K-1234-5678`,
    /// `k 1234 5678`, `К12345678` (Cyrillic К).
    pub fn parse(input: &str) -> Result<Self, CardError> {
        if input.chars().count() > MAX_INPUT_CHARS {
            return Err(CardError::NotACard);
        }
        match CARD.read(input) {
            Some(digits) if check_digit::damm(&digits) == 0 => Ok(Self::from_digits(&digits)),
            Some(_) => Err(CardError::Mistyped),
            None => Err(CardError::NotACard),
        }
    }

    /// Its serial number: the seven digits before the check digit.
    pub fn serial(&self) -> u32 {
        self.0
            .bytes()
            .filter(u8::is_ascii_digit)
            .take(SERIAL_DIGITS)
            .fold(0, |n, d| n * 10 + u32::from(d - b'0'))
    }

    /// The spelling every answer carries: `K-1234-5678`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CardNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_reads_back_in_any_spelling() {
        let card = CardNumber::from_serial(1_234_567).unwrap();
        let digits: String = card.as_str().chars().filter(char::is_ascii_digit).collect();
        for typed in [
            card.as_str().to_owned(),
            format!("k {} {}", &digits[..4], &digits[4..]),
            format!("К{digits}"),
            format!("  K-{digits} "),
        ] {
            assert_eq!(CardNumber::parse(&typed), Ok(card.clone()), "{typed}");
        }
        assert_eq!(CardNumber::from_serial(10_000_000), None);
        assert_eq!(card.serial(), 1_234_567);
        assert_eq!(CardNumber::from_serial(42).unwrap().serial(), 42);
    }

    #[test]
    fn every_single_mistyped_digit_and_every_neighbour_swap_is_caught() {
        for serial in [0, 1, 42, 1_234_567, 9_999_999, 5_550_123] {
            let card = CardNumber::from_serial(serial).unwrap();
            let digits: Vec<u8> = card
                .as_str()
                .bytes()
                .filter(u8::is_ascii_digit)
                .map(|b| b - b'0')
                .collect();
            for place in 0..8 {
                for wrong in 0..10 {
                    if wrong == digits[place] {
                        continue;
                    }
                    let mut typo = digits.clone();
                    typo[place] = wrong;
                    let text: String = typo.iter().map(|d| char::from(b'0' + d)).collect();
                    assert_eq!(
                        CardNumber::parse(&format!("K{text}")),
                        Err(CardError::Mistyped),
                        "{text}"
                    );
                }
            }
            for place in 0..7 {
                if digits[place] == digits[place + 1] {
                    continue;
                }
                let mut swapped = digits.clone();
                swapped.swap(place, place + 1);
                let text: String = swapped.iter().map(|d| char::from(b'0' + d)).collect();
                assert_eq!(
                    CardNumber::parse(&format!("K{text}")),
                    Err(CardError::Mistyped),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn what_is_not_a_card_says_so_and_the_pattern_agrees() {
        let pattern = regex::Regex::new(CARD_INPUT_PATTERN).unwrap();
        let good = CardNumber::from_serial(7).unwrap();
        for typed in [
            "UZ-TK-0123",
            "K-1234-567",
            "K-1234-56789",
            "+998901234567",
            "K1234x5678",
            "",
            "K",
        ] {
            assert_eq!(CardNumber::parse(typed), Err(CardError::NotACard), "{typed}");
            assert!(!pattern.is_match(typed), "{typed}");
        }
        assert!(pattern.is_match(good.as_str()));
        assert!(pattern.is_match("к 1234 5678"));
    }
}
