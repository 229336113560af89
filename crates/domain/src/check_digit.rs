//! Numbers the registry gives out to be read aloud and typed on a phone
//! (a representative's card `K-1234-5678`, a job order `J-1234-5678`): one
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
        assert_eq!(kind.read("J-1234-5678x"), None);
    }
}
