//! Pretty JSV: the layout of ServiceStack's `Dump()` / `JsvFormatter.Format`, as shown in
//! ClubReady's documentation (seed 002's request body), as a formatter of the crate's writer.
//!
//! After `{` and `[` a line break and one more tab of indentation; before `}` and `]` a line
//! break at the outer indentation; after `,` a line break; after a property's name `: `. A
//! property holding a non-empty object or list puts the bracket on the next line at the
//! property's indentation; an empty one stays inline (`Key: []`). Values are the compact bytes.
//!
//! Unlike ServiceStack's formatter (which re-scans compact text without tracking quotes) this
//! one never breaks a line inside a quoted string, and it adds a space only after a property's
//! `:`, not after a colon inside a value (a date in a list). Everywhere else the bytes are
//! ServiceStack's.

use std::fmt::{self, Write};

use super::ser::write_field_name;
use crate::ser::{Formatter, Sealed};

/// JSV in the pretty layout of ServiceStack's `Dump()`.
#[derive(Clone, Debug, Default)]
pub struct PrettyFormatter {
    /// Open containers whose brackets have been written.
    depth: usize,
    /// A property's `: ` was just written: an object or list value opens on the next line.
    after_key: bool,
    /// The bracket of a property's object or list value, not written until it has an item
    /// (an empty one stays inline).
    deferred: Option<char>,
}

impl PrettyFormatter {
    fn newline<W: ?Sized + Write>(&self, w: &mut W) -> fmt::Result {
        w.write_char('\n')?;
        for _ in 0..self.depth {
            w.write_char('\t')?;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: char) -> fmt::Result {
        if std::mem::take(&mut self.after_key) {
            self.deferred = Some(bracket);
            return Ok(());
        }
        w.write_char(bracket)?;
        self.depth += 1;
        self.newline(w)
    }

    /// Writes a deferred bracket: its container has an item after all.
    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> fmt::Result {
        if let Some(bracket) = self.deferred.take() {
            self.newline(w)?;
            w.write_char(bracket)?;
            self.depth += 1;
            self.newline(w)?;
        }
        if !first {
            w.write_char(',')?;
            self.newline(w)?;
        }
        Ok(())
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, open: char, close: char) -> fmt::Result {
        if self.deferred.take().is_some() {
            w.write_char(open)?;
            return w.write_char(close);
        }
        self.depth = self.depth.saturating_sub(1);
        self.newline(w)?;
        w.write_char(close)
    }
}

impl Sealed for PrettyFormatter {}

/// Scalars are compact JSV (the trait's defaults); only the layout differs.
impl Formatter for PrettyFormatter {
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> fmt::Result {
        self.open(w, '{')
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> fmt::Result {
        self.close(w, '{', '}')
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> fmt::Result {
        self.item(w, first)
    }
    fn write_field_name<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        name: &'static str,
    ) -> fmt::Result {
        write_field_name(w, name)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> fmt::Result {
        self.after_key = true;
        w.write_str(": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> fmt::Result {
        self.after_key = false;
        Ok(())
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> fmt::Result {
        self.open(w, '[')
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> fmt::Result {
        self.close(w, '[', ']')
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> fmt::Result {
        self.item(w, first)
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use crate::dotnet::DateTime;
    use crate::jsv::{to_string_pretty, Value};

    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Flag {
        #[serde(skip_serializing_if = "Option::is_none")]
        b: Option<bool>,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "PascalCase")]
    struct Doc {
        a: i32,
        l: Vec<Flag>,
        e: Vec<i32>,
        n: Option<i32>,
        d: DateTime,
    }

    #[test]
    fn layout_matches_servicestack_dump() {
        assert_eq!(
            to_string_pretty(&Value::Map(Default::default())).unwrap(),
            "{\n\t\n}"
        );
        let doc = Doc {
            a: 1,
            l: vec![Flag { b: Some(true) }, Flag { b: None }],
            e: vec![],
            n: None,
            d: "2020-01-02T03:04:05Z".parse().unwrap(),
        };
        assert_eq!(
            to_string_pretty(&doc).unwrap(),
            "{\n\tA: 1,\n\tL: \n\t[\n\t\t{\n\t\t\tB: True\n\t\t},\n\t\t{\n\t\t\t\n\t\t}\n\t],\n\tE: [],\n\tD: 2020-01-02T03:04:05Z\n}"
        );
    }

    #[test]
    fn quoted_values_are_left_alone() {
        let value: Value = crate::jsv::from_str("{A:\"x,{y}\"}").unwrap();
        assert_eq!(to_string_pretty(&value).unwrap(), "{\n\tA: \"x,{y}\"\n}");
        let date: DateTime = "2020-01-02T03:04:05Z".parse().unwrap();
        assert_eq!(
            to_string_pretty(&("a:b", date)).unwrap(),
            "[\n\t\"a:b\",\n\t2020-01-02T03:04:05Z\n]"
        );
    }
}
