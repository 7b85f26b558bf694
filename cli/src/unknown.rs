//! Properties a typed read skips because its type does not know them (a misspelt
//! `PaymentAmont` would otherwise vanish without a word): `convert` and `validate` warn of each,
//! `--strict` refuses them.
//!
//! JSON and JSV are read through [`serde_ignored`] wrapped around the library's own
//! deserializers. CSV and query strings are read by the library alone, so their names are checked
//! afterwards: each CSV header, and each structured cell or parameter value (`[{..}]`, `{..}`), is
//! read again as a one-property JSV object `{Name:value}` of the type through `serde_ignored`.
//! (Unknown query parameters themselves are already errors of the library's reader.)
//!
//! Only names are shown, never values: escaped, at most 40 characters, and a name that looks
//! like a credential but is not a plain identifier (so may hold one) only by its length.

use std::collections::HashMap;
use std::fmt::{self, Display, Write as _};

use serde::de::{Deserialize, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde_ignored::Path;

use clubready_wire::{csv, is_sensitive_key, json, jsv, query};

/// Longest name shown in full.
const MAX_NAME: usize = 40;
/// How many unknown properties are listed; the rest are counted.
const MAX_LISTED: usize = 20;

/// One step of a path inside a value.
#[derive(Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// One property the type does not know.
#[derive(Debug)]
struct Unknown {
    /// The CSV data row (from 1), for CSV input.
    row: Option<u64>,
    /// Where the property is: the object holding it.
    parent: Vec<Step>,
    /// Its name (`None`: a value skipped for another reason than its name).
    name: Option<String>,
    /// A CSV header naming no property.
    column: bool,
}

/// The unknown properties met while reading one input.
#[derive(Debug, Default)]
pub struct Unknowns {
    found: Vec<Unknown>,
    /// The CSV row being checked, attached to what is found.
    row: Option<u64>,
}

impl Unknowns {
    /// Whether every property was known.
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// One line each (`unknown property `PaymentAmont` at PaymentMethods[1]`), at most
    /// [`MAX_LISTED`] and then a count of the rest.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .found
            .iter()
            .take(MAX_LISTED)
            .map(ToString::to_string)
            .collect();
        if self.found.len() > MAX_LISTED {
            lines.push(format!(
                "... and {} more unknown properties",
                self.found.len() - MAX_LISTED
            ));
        }
        lines
    }

    /// Notes the value `serde_ignored` reports skipped at `path`.
    fn record(&mut self, path: &Path<'_>) {
        let mut steps = Vec::new();
        steps_of(path, &mut steps);
        let name = match steps.pop() {
            Some(Step::Key(name)) => Some(name),
            last => {
                steps.extend(last);
                None
            }
        };
        self.found.push(Unknown {
            row: self.row,
            parent: steps,
            name,
            column: false,
        });
    }

    /// Checks CSV text already read as `T`: each header names a property of `T` (reported once,
    /// as an unknown column), and the structured cells of the known columns hold only known
    /// properties (reported with their row).
    pub fn check_csv<T: DeserializeOwned>(&mut self, input: &[u8]) {
        let mut columns: HashMap<String, bool> = HashMap::new();
        // Rows are numbered as the library numbers them in errors (an unreadable row counts).
        for (row, cells) in (1..).zip(csv::Reader::<_, Entries>::new(input)) {
            let Ok(cells) = cells else { continue };
            for (name, text) in &cells.0 {
                let known = match columns.get(name) {
                    Some(known) => *known,
                    None => {
                        let known = self.check_column::<T>(name);
                        columns.insert(name.clone(), known);
                        known
                    }
                };
                if known {
                    self.row = Some(row);
                    self.check_structured::<T>(name, text, false);
                    self.row = None;
                }
            }
        }
    }

    /// Checks a query string already bound to `T`: the structured values of its parameters hold
    /// only known properties. (Its unknown parameters are errors of the library's reader.)
    pub fn check_query<T: DeserializeOwned>(&mut self, text: &str) {
        if let Ok(params) = query::from_str::<Entries>(text) {
            for (name, value) in &params.0 {
                // A list may come without its brackets (`{..},{..}`), as the server reads it.
                self.check_structured::<T>(name, value, true);
            }
        }
    }

    /// Whether the CSV header `name` names a property of `T`; notes it if not.
    fn check_column<T: DeserializeOwned>(&mut self, name: &str) -> bool {
        let before = self.found.len();
        // An empty value: a known property may fail to read it, which says nothing here.
        let _ = self.check_text::<T>(name, "");
        for found in &mut self.found[before..] {
            found.column = true;
        }
        self.found.len() == before
    }

    /// Checks `{name:text}` when `text` is a JSV list or object. With `bare_lists`, text not
    /// opening with `[` is first read as the list the server reads it as (`{..},{..}`): when the
    /// property is no list, that read fails and the text is read as given.
    fn check_structured<T: DeserializeOwned>(&mut self, name: &str, text: &str, bare_lists: bool) {
        let trimmed = text.trim_start();
        if !trimmed.starts_with(['[', '{']) {
            return;
        }
        if bare_lists && !trimmed.starts_with('[') {
            let mut list = Unknowns {
                found: Vec::new(),
                row: self.row,
            };
            if list.check_text::<T>(name, &format!("[{text}]")).is_some() {
                self.found.append(&mut list.found);
                return;
            }
        }
        let _ = self.check_text::<T>(name, text);
    }

    /// Reads the JSV object `{name:text}` as a `T`, noting what it skips; `None` if it fails.
    fn check_text<T: DeserializeOwned>(&mut self, name: &str, text: &str) -> Option<()> {
        let key = jsv::to_string(name.trim()).ok()?;
        let doc = format!("{{{key}:{text}}}");
        let mut de = jsv::Deserializer::from_str(&doc);
        serde_ignored::deserialize::<_, _, T>(&mut de, |path| self.record(&path))
            .ok()
            .map(drop)
    }
}

/// Reads a `T` from `input` with the library's deserializer of `$format`, noting the properties
/// it skips; on failure, the error is the library's own read's (the same text, position added
/// as the library adds it).
macro_rules! tracked_reader {
    ($(#[$doc:meta])* $name:ident, $format:ident) => {
        $(#[$doc])*
        pub fn $name<T: DeserializeOwned>(
            input: &[u8],
            unknowns: &mut Unknowns,
        ) -> Result<T, clubready_wire::Error> {
            let read = $format::Deserializer::from_slice(input).and_then(|mut de| {
                let value = serde_ignored::deserialize(&mut de, |path| unknowns.record(&path))?;
                de.end().map(|()| value)
            });
            read.map_err(|e| $format::from_slice::<T>(input).err().unwrap_or(e))
        }
    };
}

tracked_reader!(
    /// Reads a `T` from JSV, noting unknown properties.
    from_jsv,
    jsv
);
tracked_reader!(
    /// Reads a `T` from ServiceStack JSON, noting unknown properties.
    from_json,
    json
);

/// The path steps of a `serde_ignored` path, outermost first (options and newtypes are no step).
fn steps_of(path: &Path<'_>, out: &mut Vec<Step>) {
    match path {
        Path::Root => {}
        Path::Seq { parent, index } => {
            steps_of(parent, out);
            out.push(Step::Index(*index));
        }
        Path::Map { parent, key } => {
            steps_of(parent, out);
            out.push(Step::Key(key.clone()));
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => steps_of(parent, out),
    }
}

impl Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.name, self.column) {
            (Some(name), true) => write!(f, "unknown column `{}`", Shown(name))?,
            (Some(name), false) => write!(f, "unknown property `{}`", Shown(name))?,
            (None, _) => f.write_str("skipped value")?,
        }
        if self.row.is_none() && self.parent.is_empty() {
            return Ok(());
        }
        f.write_str(" at ")?;
        if let Some(row) = self.row {
            write!(f, "row {row}")?;
            if !self.parent.is_empty() {
                f.write_str(", ")?;
            }
        }
        for (i, step) in self.parent.iter().enumerate() {
            match step {
                Step::Key(key) if i == 0 => write!(f, "{}", Shown(key))?,
                Step::Key(key) => write!(f, ".{}", Shown(key))?,
                Step::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A name from the input as a warning shows it: a plain identifier of at most [`MAX_NAME`]
/// characters as it is; a longer one (a token pasted where a name goes), or one that names a
/// credential without being a plain identifier (`ApiKey=secret`), by its first letters and its
/// length; anything else with every character but printable ASCII escaped.
struct Shown<'a>(&'a str);

impl Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.0;
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let len = name.chars().count();
        let is_plain = name.chars().all(plain);
        if len > MAX_NAME || (!is_plain && is_sensitive_key(name)) {
            let start: String = name.chars().take_while(|c| plain(*c)).take(6).collect();
            return write!(f, "{start}… ({len} characters)");
        }
        for c in name.chars() {
            if c == ' ' || (c.is_ascii_graphic() && c != '`' && c != '\\') {
                f.write_char(c)?;
            } else {
                write!(f, "{}", c.escape_unicode())?;
            }
        }
        Ok(())
    }
}

/// The raw text of each CSV cell or query parameter, by name and in order: what is checked for
/// nested unknown properties.
#[derive(Debug, Default)]
struct Entries(Vec<(String, String)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Entries, D::Error> {
        struct EntriesVisitor;

        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("names and values")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, String>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }

        deserializer.deserialize_map(EntriesVisitor)
    }
}
