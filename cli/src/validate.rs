//! `clubready-wire validate`: reads a request and checks every rule ClubReady's pages state
//! (`clubready_wire::validate::Validate`), printing each violation on stdout, one a line
//! (`path: rule: message`), and exiting non-zero if there is any.

use std::io::{Read, Write};

use clap::Args;
use serde::de::DeserializeOwned;

use clubready_wire::validate::Validate;

use crate::convert::report_unknowns;
use crate::error::CliError;
use crate::formats::{self, Doc, InputFormat};
use crate::types;
use crate::unknown::Unknowns;

/// Arguments of `validate`.
#[derive(Args, Debug)]
#[command(after_long_help = types::help())]
pub struct ValidateArgs {
    /// Format of the input.
    #[arg(long, value_enum)]
    pub from: InputFormat,
    /// The request type, by its wire name (`SaleEndpoint`, `SellContractRequest`, ...); only
    /// requests (and their payment methods) have rules.
    #[arg(long = "type", value_name = "TYPE")]
    pub type_name: String,
    /// Refuse a property the type does not know (exit non-zero) instead of warning of it on
    /// stderr.
    #[arg(long)]
    pub strict: bool,
}

/// What checking a document gives.
pub struct Checked {
    /// One line a violation: `path: rule: message`, the path prefixed with the list index
    /// (`[1].ApiKey`) or CSV row (`row 2: ApiKey`) for a list.
    pub lines: Vec<String>,
    /// How many values were checked.
    pub values: usize,
    /// The properties the type did not know.
    pub unknowns: Unknowns,
}

/// Checks a document as one request type.
pub type Check = fn(&[u8], InputFormat) -> Result<Checked, CliError>;

/// Reads `input` as a `T` (or a list of them) and checks each.
pub fn check_as<T: Validate + DeserializeOwned>(
    input: &[u8],
    from: InputFormat,
) -> Result<Checked, CliError> {
    let mut unknowns = Unknowns::default();
    let doc = formats::read::<T>(input, from, false, &mut unknowns)?;
    let mut lines = Vec::new();
    // `item`: the index of a list item, and whether it is a CSV row.
    let mut check = |item: Option<(usize, bool)>, value: &T| {
        for v in value.validate().err().into_iter().flatten() {
            let path = v.path();
            let at = match item {
                None => path.to_owned(),
                Some((i, true)) if path == "." => format!("row {}", i + 1),
                Some((i, true)) => format!("row {}: {path}", i + 1),
                Some((i, false)) if path == "." => format!("[{i}]"),
                Some((i, false)) => format!("[{i}].{path}"),
            };
            lines.push(format!("{at}: {}: {}", v.rule(), v.message()));
        }
    };
    let values = match &doc {
        Doc::One(value) => {
            check(None, value);
            1
        }
        Doc::Many(items, rows) => {
            for (i, item) in items.iter().enumerate() {
                check(Some((i, *rows)), item);
            }
            items.len()
        }
    };
    Ok(Checked {
        lines,
        values,
        unknowns,
    })
}

/// Runs `validate`.
pub fn run(
    args: ValidateArgs,
    mut stdin: impl Read,
    mut stdout: impl Write,
    stderr: impl Write,
) -> Result<(), CliError> {
    let dto = types::find(&args.type_name)?;
    let check = dto.validate.ok_or_else(|| {
        let all = types::all();
        let requests: Vec<&str> = all
            .iter()
            .filter(|t| t.validate.is_some())
            .map(|t| t.name(&all))
            .collect();
        CliError::Usage(format!(
            "`{}` has no rules to check (it is not a request); validate takes {}",
            args.type_name,
            requests.join(", ")
        ))
    })?;
    let mut input = Vec::new();
    stdin.read_to_end(&mut input).map_err(CliError::Io)?;
    let checked = check(&input, args.from)?;
    report_unknowns(&checked.unknowns, args.strict, stderr)?;
    let io = CliError::Io;
    for line in &checked.lines {
        writeln!(stdout, "{line}").map_err(io)?;
    }
    if checked.lines.is_empty() {
        match checked.values {
            1 => writeln!(stdout, "valid"),
            n => writeln!(stdout, "valid ({n} values)"),
        }
        .map_err(io)?;
    }
    stdout.flush().map_err(io)?;
    match checked.lines.len() {
        0 => Ok(()),
        n => Err(CliError::Invalid(n)),
    }
}
