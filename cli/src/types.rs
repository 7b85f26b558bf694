//! The ClubReady types `--type` names, each with its typed conversion and, for requests, its
//! validation: one table over the library's [`for_each_dto!`](clubready_wire::for_each_dto)
//! list. `clubready-wire types` prints it.

use std::io::Write;
use std::marker::PhantomData;

use serde::de::DeserializeOwned;

use clubready_wire::dto::{self, WireType};
use clubready_wire::validate::Validate;

use crate::convert::{self, Convert};
use crate::error::CliError;
use crate::validate::{self, Check};

/// One type the command knows.
#[derive(Clone, Copy)]
pub struct DtoType {
    /// Its ServiceStack name.
    pub wire: &'static str,
    /// Its Rust name in `clubready_wire::dto`.
    pub rust: &'static str,
    /// Converts a document as this type.
    pub convert: Convert,
    /// Checks a document as this type, if it has rules (the requests).
    pub validate: Option<Check>,
}

impl DtoType {
    /// The name the command shows: the wire name, or the Rust name where two of `types` share
    /// one.
    pub fn name(&self, types: &[DtoType]) -> &'static str {
        if types.iter().filter(|t| t.wire == self.wire).count() > 1 {
            self.rust
        } else {
            self.wire
        }
    }
}

/// Stands for `T` when choosing its validation: [`Rules`] applies where `T: Validate`, else
/// method resolution falls back to [`NoRules`] on `&Probe<T>` (autoref specialization; the
/// types are concrete where the table is built).
struct Probe<T>(PhantomData<T>);

trait Rules {
    fn check(&self) -> Option<Check>;
}

impl<T: Validate + DeserializeOwned> Rules for Probe<T> {
    fn check(&self) -> Option<Check> {
        Some(validate::check_as::<T>)
    }
}

trait NoRules {
    fn check(&self) -> Option<Check>;
}

impl<T> NoRules for &Probe<T> {
    fn check(&self) -> Option<Check> {
        None
    }
}

/// Every DTO of the library, in its order.
macro_rules! dto_table {
    ($($ty:ident),* $(,)?) => {
        vec![$(DtoType {
            wire: <dto::$ty as WireType>::WIRE_NAME,
            rust: stringify!($ty),
            convert: convert::typed::<dto::$ty>,
            validate: (&Probe::<dto::$ty>(PhantomData)).check(),
        }),*]
    };
}

/// Every type the command knows, in the library's order.
pub fn all() -> Vec<DtoType> {
    clubready_wire::for_each_dto!(dto_table)
}

/// The type `name` names: a Rust name first (so `SalePaymentMethodDto` picks its shape), then a
/// wire name.
pub fn find(name: &str) -> Result<DtoType, CliError> {
    let types = all();
    types
        .iter()
        .find(|t| t.rust == name)
        .or_else(|| types.iter().find(|t| t.wire == name))
        .copied()
        .ok_or_else(|| {
            let known: Vec<&str> = types.iter().map(|t| t.name(&types)).collect();
            CliError::Usage(format!(
                "unknown type `{name}`; known: {} (`clubready-wire types` lists them)",
                known.join(", ")
            ))
        })
}

/// One line a type: its name, and its wire name where that differs.
fn lines() -> Vec<String> {
    let types = all();
    types
        .iter()
        .map(|t| match t.name(&types) {
            name if name == t.wire => name.to_owned(),
            name => format!("{name} (wire name {})", t.wire),
        })
        .collect()
}

/// The list for `--help`.
pub fn help() -> String {
    format!(
        "Types (--type; wire names, or the Rust name where two share one):\n  {}",
        lines().join("\n  ")
    )
}

/// `clubready-wire types`: every type `--type` takes, one a line.
pub fn run(mut stdout: impl Write) -> Result<(), CliError> {
    for line in lines() {
        writeln!(stdout, "{line}").map_err(CliError::Io)?;
    }
    stdout.flush().map_err(CliError::Io)
}
