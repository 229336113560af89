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

pub use crate::check_digit::MAX_INPUT_CHARS;
use crate::check_digit::{Lettered, NumberError, Numbered, Scheme};

/// How many random digits a card has (the eighth place is the check digit).
pub const SERIAL_DIGITS: usize = crate::check_digit::SERIAL_DIGITS as usize;

/// Why a text is not a card number: `Malformed` (not a letter and eight
/// digits) or `Mistyped`.
pub type CardError = NumberError;

/// Cards: `K` (or Cyrillic `К`), then the digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Card {}

impl Scheme for Card {
    const LETTERED: Lettered = Lettered {
        letter: 'K',
        also: &['k', 'К', 'к'],
    };
}

/// A card number whose check digit fits.
pub type CardNumber = Numbered<Card>;

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
            assert_eq!(CardNumber::parse(typed), Err(CardError::Malformed), "{typed}");
            assert!(!pattern.is_match(typed), "{typed}");
        }
        assert!(pattern.is_match(good.as_str()));
        assert!(pattern.is_match("к 1234 5678"));
    }
}
