//! The exit-code policy, in one place for every subcommand: 0 nothing at
//! error level, 1 an error-level finding, 2 a usage or input problem (which
//! wins: a run that could not read everything has not passed).

use std::process::ExitCode;

/// What a run found, as far as the exit code cares.
#[derive(Default, Clone, Copy)]
pub struct Outcome {
    /// Some input could not be read, parsed or checked.
    pub problems: bool,
    /// Some checked input has an error-level finding.
    pub failed: bool,
}

impl Outcome {
    pub fn code(self) -> u8 {
        if self.problems {
            USAGE
        } else if self.failed {
            1
        } else {
            0
        }
    }

    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(self.code())
    }
}

/// A usage or input error ends the run with this code.
pub const USAGE: u8 = 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_outranks_a_failure() {
        let code = |problems, failed| Outcome { problems, failed }.code();
        assert_eq!(code(false, false), 0);
        assert_eq!(code(false, true), 1);
        assert_eq!(code(true, false), 2);
        assert_eq!(code(true, true), 2);
    }
}
