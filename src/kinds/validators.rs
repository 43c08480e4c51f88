//! Validated rules (`validate` in a pack): a regex finds digit runs, and a
//! checksum keeps only real identifiers, a mainland resident ID or a bank
//! card number passing Luhn. This kind is a filter: it drops the regex
//! candidates of its rules that fail their checksum.

use crate::error::Error;
use crate::kinds::{Candidate, Kind, Listing, Load, Matched};
use crate::pack::{RuleDef, Validator};

#[derive(Default)]
pub(super) struct Validators {
    /// Per rule index, its validator, if any.
    rules: Vec<Option<Validator>>,
}

impl Kind for Validators {
    fn name(&self) -> &'static str {
        "validate"
    }

    fn compile(&mut self, def: &RuleDef, at: &Load) -> Result<(), Error> {
        if self.rules.len() <= at.rule {
            self.rules.resize(at.rule + 1, None);
        }
        self.rules[at.rule] = def.validate;
        Ok(())
    }

    fn candidates(&self, text: &str, out: &mut Vec<Candidate>) {
        if self.rules.iter().all(Option::is_none) {
            return;
        }
        out.retain(|c| {
            let validator = self.rules.get(c.rule).copied().flatten();
            match validator {
                Some(v) if c.matched == Matched::Regex => is_valid(v, &text[c.start..c.end]),
                _ => true,
            }
        });
    }

    fn describe(&self, rule: usize, listing: &mut Listing) {
        if let Some(v) = self.rules.get(rule).copied().flatten() {
            listing.kinds.push(self.name());
            listing.validate = Some(v);
        }
    }
}

fn is_valid(validator: Validator, candidate: &str) -> bool {
    match validator {
        Validator::IdCard => is_id_card(candidate),
        Validator::Luhn => is_luhn_card(candidate),
    }
}
/// A mainland resident ID: 17 digits, a check character (GB 11643), and a
/// real calendar date of birth.
fn is_id_card(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() != 18 || !chars[..17].iter().all(char::is_ascii_digit) {
        return false;
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'x', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = chars[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    if CHECK[(sum % 11) as usize] != chars[17].to_ascii_lowercase() {
        return false;
    }
    let num = |from: usize, to: usize| -> u32 {
        chars[from..to]
            .iter()
            .fold(0, |acc, c| acc * 10 + c.to_digit(10).unwrap_or(0))
    };
    is_real_date(num(6, 10), num(10, 12), num(12, 14))
}

fn is_real_date(year: u32, month: u32, day: u32) -> bool {
    if !(1900..=2100).contains(&year) || !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= days
}

/// A bank-card number: 16 to 19 digits (separators allowed) passing Luhn.
fn is_luhn_card(s: &str) -> bool {
    let digits: Vec<u32> = s.chars().filter_map(|c| c.to_digit(10)).collect();
    if !(16..=19).contains(&digits.len())
        || s.chars()
            .any(|c| !c.is_ascii_digit() && c != ' ' && c != '-')
    {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let dd = d * 2;
                if dd > 9 {
                    dd - 9
                } else {
                    dd
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_card_needs_check_digit_and_date() {
        assert!(is_id_card("11010519491231002X"));
        assert!(!is_id_card("110105194912310021"));
        assert!(!is_id_card("11010519490230002X"));
    }

    #[test]
    fn luhn() {
        assert!(is_luhn_card("6222021234567890128"));
        assert!(is_luhn_card("6222 0212 3456 7890 128"));
        assert!(!is_luhn_card("6222021234567890123"));
        assert!(!is_luhn_card("4242"));
    }
}
