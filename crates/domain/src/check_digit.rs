//! Numbers the registry gives out to be read aloud and typed on a phone
//! (a representative's card `K-1234-5678`, a job order `J-1000-0012`): one
//! letter that says what it is (never the start of a phone number or of a
//! licence number, which begin with `UZ`), then eight digits in two groups of
//! four, the last a Damm check digit. Damm catches every single mistyped
//! digit and every swap of two neighbouring digits, so a mistyped number
//! answers "check the number", never someone else's.

/// The Damm algorithm's quasigroup of order 10 (totally anti-symmetric).
const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/// The Damm digit of `digits` (each 0 to 9): appended, the whole gives 0.
pub fn damm(digits: &[u8]) -> u8 {
    digits
        .iter()
        .fold(0, |interim, &d| DAMM[usize::from(interim)][usize::from(d)])
}

/// How many digits a number has, the check digit included.
pub const DIGITS: usize = 8;

/// A kind of number: its letter, as written, and the other ways people type
/// it (lower case, the Cyrillic letter of the same sound or look).
#[derive(Debug, Clone, Copy)]
pub struct Lettered {
    pub letter: char,
    pub also: &'static [char],
}

impl Lettered {
    /// The number with these digits as every answer writes it: `K-1234-5678`.
    pub fn spell(&self, digits: &[u8]) -> String {
        let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let (first, second) = text.split_at(text.len().min(4));
        format!("{}-{first}-{second}", self.letter)
    }

    /// The digits of a number as typed (`K-1234-5678`, `k 1234 5678`,
    /// `К12345678`), check digit unchecked; `None` if it is not this kind's
    /// shape (its letter, then eight digits with spaces or dashes anywhere).
    pub fn read(&self, input: &str) -> Option<Vec<u8>> {
        let mut chars = input.trim().chars();
        let first = chars.next()?;
        if first != self.letter && !self.also.contains(&first) {
            return None;
        }
        let mut digits = Vec::with_capacity(DIGITS);
        for c in chars {
            match c {
                ' ' | '-' => {}
                '0'..='9' => digits.push(c as u8 - b'0'),
                _ => return None,
            }
        }
        (digits.len() == DIGITS).then_some(digits)
    }
}

/// How many digits before the check digit: the serial the registry draws.
pub const SERIAL_DIGITS: u32 = 7;

/// The longest text read as a number (spaces and dashes included).
pub const MAX_INPUT_CHARS: usize = 64;

/// A kind of number (a card, a job order): how it is written.
pub trait Scheme {
    const LETTERED: Lettered;
}

/// Why a text is not a number of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not its shape (its letter and eight digits).
    Malformed,
    /// Its shape, but the check digit does not fit: a digit was mistyped
    /// or two were swapped.
    Mistyped,
}

impl std::fmt::Display for NumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Malformed => "not a letter and eight digits, e.g. K-1234-5678",
            Self::Mistyped => "a mistyped digit: check it against what was handed over",
        })
    }
}

impl std::error::Error for NumberError {}

/// A number of kind `S` whose check digit fits, as every answer spells it
/// (`K-1234-5678`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Numbered<S>(String, std::marker::PhantomData<S>);

impl<S: Scheme> Numbered<S> {
    /// The number for a serial (0 to 9,999,999): its digits and the check
    /// digit after them.
    pub fn from_serial(serial: u32) -> Option<Self> {
        (serial < 10_u32.pow(SERIAL_DIGITS)).then(|| Self::of_stored(serial))
    }

    /// The number of a serial as stored (the database holds it within
    /// range; anything beyond is read modulo the range rather than refused).
    pub fn of_stored(serial: u32) -> Self {
        let serial = serial % 10_u32.pow(SERIAL_DIGITS);
        let mut digits: Vec<u8> = format!("{serial:07}").bytes().map(|b| b - b'0').collect();
        digits.push(damm(&digits));
        Self(S::LETTERED.spell(&digits), std::marker::PhantomData)
    }

    /// Reads a number as a person may type it (`K-1234-5678`, `k 1234
    /// 5678`, `К12345678`).
    pub fn parse(input: &str) -> Result<Self, NumberError> {
        if input.chars().count() > MAX_INPUT_CHARS {
            return Err(NumberError::Malformed);
        }
        match S::LETTERED.read(input) {
            Some(digits) if damm(&digits) == 0 => Ok(Self(S::LETTERED.spell(&digits), std::marker::PhantomData)),
            Some(_) => Err(NumberError::Mistyped),
            None => Err(NumberError::Malformed),
        }
    }

    /// Its serial: the digits before the check digit.
    pub fn serial(&self) -> u32 {
        self.0
            .bytes()
            .filter(u8::is_ascii_digit)
            .take(SERIAL_DIGITS as usize)
            .fold(0, |n, d| n * 10 + u32::from(d - b'0'))
    }

    /// As every answer spells it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<S> std::fmt::Display for Numbered<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_with_its_check_digit_gives_zero() {
        let mut digits = vec![1, 2, 3, 4, 5, 6, 7];
        digits.push(damm(&digits));
        assert_eq!(damm(&digits), 0);
        let kind = Lettered {
            letter: 'J',
            also: &['j', 'Ж', 'ж'],
        };
        let spelled = kind.spell(&digits);
        assert_eq!(spelled.len(), 11);
        assert!(spelled.starts_with("J-1234-"));
        assert_eq!(kind.read(&spelled), Some(digits.clone()));
        assert_eq!(kind.read(" ж 1234 567 8"), Some(vec![1, 2, 3, 4, 5, 6, 7, 8]));
        assert_eq!(kind.read("K-1234-5678"), None);
        assert_eq!(kind.read("J-1234-567"), None);
        assert_eq!(kind.read("J-1000-0012x"), None);
    }
}
