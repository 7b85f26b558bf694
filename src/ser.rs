//! The one writer: serde's data model to text, generic over a [`Formatter`] that is the dialect
//! (compact JSV, pretty JSV, ServiceStack's JSON, the JSV of form bodies), in the manner of
//! `serde_json`'s `Formatter`. [`jsv::Serializer`](crate::jsv::Serializer) and
//! [`json::Serializer`](crate::json::Serializer) are this writer with their formatter.
//!
//! Rules every dialect shares (ServiceStack's `TypeSerializer`/`JsonSerializer`): objects list
//! their properties in declaration order and leave out those holding null (and dictionary
//! entries holding null); lists keep their null items; a null at the top level writes nothing.
//! A property's name is written only once its value turns out not to be null (the key is
//! *pending* until then), so the writer streams to any [`fmt::Write`] without ever taking
//! bytes back.
//!
//! The .NET types reach the writer through the crate's own serde tokens (newtype-struct names):
//! a [`DateTime`] hands over its ticks and kind (no text to parse back), a
//! [`Decimal`](crate::dotnet::Decimal) its exact text, which the formatter writes in the
//! dialect's form.
//!
//! [`Leaf`] is the one probe of "what is this value" shared by CSV cells and query-string
//! parameters: a string is handed over raw (the caller escapes it), anything else is written in
//! the dialect, and defaults of non-nullable types are recognised.

use std::fmt::{self, Display, Write};
use std::io;

use serde::ser::{self, Impossible, Serialize};

use crate::dotnet::{DateTime, Zone, DATETIME_TOKEN, DECIMAL_TOKEN, VALUETUPLE_TOKEN};
use crate::error::{Error, Result};

mod private {
    /// Keeps [`Formatter`](super::Formatter) implemented by this crate only.
    pub trait Sealed {}
}
pub(crate) use private::Sealed;

/// A dialect of the [`Serializer`]: how scalars and the punctuation of objects and lists are
/// written. Implemented by this crate's formatters only. Every method defaults to compact JSV,
/// the base dialect; the others override what they write differently.
pub trait Formatter: Sealed {
    /// A null list item (JSV writes nothing: `[a,,b]`; JSON writes `null`).
    fn write_null<W: ?Sized + Write>(&mut self, _w: &mut W) -> fmt::Result {
        Ok(())
    }
    /// A bool (`True` in JSV, `true` in JSON).
    fn write_bool<W: ?Sized + Write>(&mut self, w: &mut W, v: bool) -> fmt::Result {
        w.write_str(if v { "True" } else { "False" })
    }
    /// An integer.
    fn write_int<W: ?Sized + Write, I: itoa::Integer>(&mut self, w: &mut W, v: I) -> fmt::Result {
        w.write_str(itoa::Buffer::new().format(v))
    }
    /// A `double`, as .NET's `ToString("R")`.
    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, v: f64) -> fmt::Result {
        crate::jsv::number::write_f64(w, v)
    }
    /// A `float`, as .NET's `ToString("R")`.
    fn write_f32<W: ?Sized + Write>(&mut self, w: &mut W, v: f32) -> fmt::Result {
        crate::jsv::number::write_f32(w, v)
    }
    /// A string (quoted, escaped, encoded as the dialect needs): JSV quotes it when it holds
    /// `" : , { } [ ]` CR LF, doubling inner quotes.
    fn write_str<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> fmt::Result {
        crate::jsv::write_str(w, s)
    }
    /// A number given as exact text (a decimal's `1.00`): written as it is.
    fn write_number<W: ?Sized + Write, D: ?Sized + Display>(
        &mut self,
        w: &mut W,
        d: &D,
    ) -> fmt::Result {
        write!(w, "{d}")
    }
    /// A date, taking `zone` as the local zone of unspecified ones: JSV's shortest XSD form,
    /// never quoted although it may hold `:` (a reader takes a value up to `,` or `}`).
    fn write_datetime<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        d: &DateTime,
        zone: &Zone,
    ) -> fmt::Result {
        d.write_xsd(w, zone)
    }
    /// `{`.
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> fmt::Result {
        w.write_char('{')
    }
    /// `}`.
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> fmt::Result {
        w.write_char('}')
    }
    /// Before a property's name: `,` unless it is the first.
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> fmt::Result {
        if first {
            Ok(())
        } else {
            w.write_char(',')
        }
    }
    /// A dictionary key's text (quoted as a JSV string is).
    fn write_key<W: ?Sized + Write>(&mut self, w: &mut W, key: &str) -> fmt::Result {
        crate::jsv::write_str(w, key)
    }
    /// A struct field's name (a `&'static str`, which a formatter may cache facts about).
    fn write_field_name<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        name: &'static str,
    ) -> fmt::Result {
        self.write_key(w, name)
    }
    /// Between a name and its value: `:`.
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> fmt::Result {
        w.write_char(':')
    }
    /// After a property's value.
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> fmt::Result {
        Ok(())
    }
    /// `[`.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> fmt::Result {
        w.write_char('[')
    }
    /// `]`.
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> fmt::Result {
        w.write_char(']')
    }
    /// Before a list item: `,` unless it is the first.
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> fmt::Result {
        if first {
            Ok(())
        } else {
            w.write_char(',')
        }
    }
    /// After a list item.
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> fmt::Result {
        Ok(())
    }
}

/// A property or dictionary key waiting for its value.
#[derive(Copy, Clone)]
enum Pending {
    None,
    /// A struct field's name.
    Field(&'static str),
    /// A dictionary key, whose text is in `Serializer::key`.
    MapKey,
}

/// The serde `Serializer` of every text dialect: writes to a [`fmt::Write`] (a `String`, or an
/// [`io::Write`] through [`IoWrite`]) in the dialect of its [`Formatter`].
pub struct Serializer<W, F> {
    out: W,
    fmt: F,
    zone: Zone,
    /// Write a `ValueTuple` as `{Item1:…,Item2:…}` (what a server binds), not `"(5, User)"`.
    tuple_objects: bool,
    pending: Pending,
    /// Whether the pending key is its object's first written entry.
    pending_first: bool,
    /// The text of a pending dictionary key.
    key: String,
    /// Text of a `collect_str` value, before the dialect quotes it.
    scratch: String,
    /// Open objects and lists.
    depth: usize,
}

impl<W: Write, F: Formatter> Serializer<W, F> {
    /// A serializer writing to `out` in the dialect of `fmt`, unspecified dates at UTC.
    pub(crate) fn with_formatter(out: W, fmt: F) -> Self {
        Serializer {
            out,
            fmt,
            zone: Zone::UTC,
            tuple_objects: false,
            pending: Pending::None,
            pending_first: true,
            key: String::new(),
            scratch: String::new(),
            depth: 0,
        }
    }

    /// Sets the local zone taken for dates of unspecified kind (ServiceStack writes them in the
    /// server's zone; default UTC).
    pub fn with_zone(mut self, zone: Zone) -> Self {
        self.zone = zone;
        self
    }

    /// Writes a `ValueTuple` as the object `{Item1:5,Item2:User}`, which a ServiceStack server
    /// binds, rather than as .NET's text `"(5, User)"`, which ServiceStack writes but no server
    /// reads back (default: the text).
    pub fn with_tuple_objects(mut self, objects: bool) -> Self {
        self.tuple_objects = objects;
        self
    }

    /// The output.
    pub fn into_inner(self) -> W {
        self.out
    }

    /// Writes the pending key, if any: its value turned out not to be null.
    #[inline]
    fn flush(&mut self) -> Result<()> {
        if let Pending::None = self.pending {
            return Ok(());
        }
        self.flush_key()
    }

    fn flush_key(&mut self) -> Result<()> {
        let first = self.pending_first;
        let out = &mut self.out;
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => return Ok(()),
            Pending::Field(name) => {
                self.fmt.begin_object_key(out, first).map_err(fmt_error)?;
                self.fmt.write_field_name(out, name).map_err(fmt_error)?;
            }
            Pending::MapKey => {
                self.fmt.begin_object_key(out, first).map_err(fmt_error)?;
                self.fmt.write_key(out, &self.key).map_err(fmt_error)?;
            }
        }
        self.fmt.begin_object_value(out).map_err(fmt_error)
    }

    /// Writes one entry's value after its key was made pending; true if it was written (not
    /// null).
    #[inline]
    fn entry<T: ?Sized + Serialize>(&mut self, first: bool, value: &T) -> Result<bool> {
        self.pending_first = first;
        value.serialize(&mut *self)?;
        if let Pending::None = self.pending {
            self.fmt
                .end_object_value(&mut self.out)
                .map_err(fmt_error)?;
            Ok(true)
        } else {
            // Null: the property (or dictionary entry) is left out.
            self.pending = Pending::None;
            Ok(false)
        }
    }

    /// Runs a scalar write after flushing the pending key.
    #[inline]
    fn scalar(&mut self, f: impl FnOnce(&mut F, &mut W) -> fmt::Result) -> Result<()> {
        self.flush()?;
        f(&mut self.fmt, &mut self.out).map_err(fmt_error)
    }

    fn null(&mut self) -> Result<()> {
        match self.pending {
            // A property holding null: its key stays unwritten.
            Pending::Field(_) | Pending::MapKey => Ok(()),
            // Nothing at the top level; a list item in the dialect's way.
            Pending::None if self.depth == 0 => Ok(()),
            Pending::None => self.fmt.write_null(&mut self.out).map_err(fmt_error),
        }
    }

    fn open(&mut self, kind: Bracket) -> Result<Compound<'_, W, F>> {
        self.flush()?;
        let out = &mut self.out;
        match kind {
            Bracket::Object => self.fmt.begin_object(out),
            Bracket::Array => self.fmt.begin_array(out),
        }
        .map_err(fmt_error)?;
        self.depth += 1;
        Ok(Compound {
            ser: self,
            first: true,
            shape: kind,
            variant: false,
        })
    }

    /// `{Variant:` then an object or list: the form of enum variants with data.
    fn open_variant(&mut self, variant: &'static str, kind: Bracket) -> Result<Compound<'_, W, F>> {
        self.flush()?;
        self.fmt.begin_object(&mut self.out).map_err(fmt_error)?;
        self.depth += 1;
        self.pending = Pending::Field(variant);
        self.pending_first = true;
        let mut compound = self.open(kind)?;
        compound.variant = true;
        Ok(compound)
    }
}

/// A failed `fmt::Write`: an I/O error behind [`IoWrite`] (which [`IoWrite::finish`] recovers),
/// else a failing `Display` impl.
fn fmt_error(_: fmt::Error) -> Error {
    Error::new(crate::error::ErrorCode::Fmt)
}

/// The brackets a compound writes.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Bracket {
    Object,
    Array,
}

impl<'a, W: Write, F: Formatter> ser::Serializer for &'a mut Serializer<W, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, W, F>;
    type SerializeTuple = Compound<'a, W, F>;
    type SerializeTupleStruct = Compound<'a, W, F>;
    type SerializeTupleVariant = Compound<'a, W, F>;
    type SerializeMap = Compound<'a, W, F>;
    type SerializeStruct = Compound<'a, W, F>;
    type SerializeStructVariant = Compound<'a, W, F>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.scalar(|f, w| f.write_bool(w, v))
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.scalar(|f, w| f.write_int(w, v))
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.scalar(|f, w| f.write_int(w, v))
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.scalar(|f, w| f.write_int(w, v))
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.scalar(|f, w| f.write_int(w, v))
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        self.scalar(|f, w| f.write_int(w, v))
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.scalar(|f, w| f.write_int(w, v))
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.scalar(|f, w| f.write_int(w, v))
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.scalar(|f, w| f.write_int(w, v))
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.scalar(|f, w| f.write_int(w, v))
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        self.scalar(|f, w| f.write_int(w, v))
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.scalar(|f, w| f.write_f32(w, v))
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.scalar(|f, w| f.write_f64(w, v))
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.scalar(|f, w| f.write_str(w, v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.scalar(|f, w| f.write_str(w, v))
    }
    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result<()> {
        self.flush()?;
        // The whole text first: whether (and how) a string is quoted depends on all of it.
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        let result = write!(text, "{value}")
            .and_then(|()| self.fmt.write_str(&mut self.out, &text))
            .map_err(fmt_error);
        self.scratch = text;
        result
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<()> {
        self.null()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.null()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.null()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.scalar(|f, w| f.write_str(w, variant))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == DATETIME_TOKEN {
            if let Some(date) = capture_datetime(value) {
                let zone = self.zone;
                return self.scalar(|f, w| f.write_datetime(w, &date, &zone));
            }
        } else if name == DECIMAL_TOKEN {
            self.flush()?;
            return value.serialize(NumberText {
                out: &mut self.out,
                fmt: &mut self.fmt,
            });
        } else if name == VALUETUPLE_TOKEN && self.tuple_objects {
            return value.serialize(TupleObject { ser: self });
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.flush()?;
        self.fmt.begin_object(&mut self.out).map_err(fmt_error)?;
        self.depth += 1;
        self.pending = Pending::Field(variant);
        self.entry(true, value)?;
        self.depth -= 1;
        self.fmt.end_object(&mut self.out).map_err(fmt_error)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, W, F>> {
        self.open(Bracket::Array)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'a, W, F>> {
        self.open(Bracket::Array)
    }
    fn serialize_tuple_struct(self, _: &'static str, _len: usize) -> Result<Compound<'a, W, F>> {
        self.open(Bracket::Array)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, W, F>> {
        self.open_variant(variant, Bracket::Array)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, W, F>> {
        self.open(Bracket::Object)
    }
    fn serialize_struct(self, _: &'static str, _len: usize) -> Result<Compound<'a, W, F>> {
        self.open(Bracket::Object)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, W, F>> {
        self.open_variant(variant, Bracket::Object)
    }
}

/// An object or list being written.
#[doc(hidden)]
pub struct Compound<'a, W, F> {
    ser: &'a mut Serializer<W, F>,
    first: bool,
    shape: Bracket,
    /// Inside `{Variant:…}`: one more object to close.
    variant: bool,
}

impl<W: Write, F: Formatter> Compound<'_, W, F> {
    #[inline]
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let ser = &mut *self.ser;
        ser.fmt
            .begin_array_value(&mut ser.out, self.first)
            .map_err(fmt_error)?;
        self.first = false;
        value.serialize(&mut *ser)?;
        ser.fmt.end_array_value(&mut ser.out).map_err(fmt_error)
    }

    #[inline]
    fn field<T: ?Sized + Serialize>(&mut self, name: &'static str, value: &T) -> Result<()> {
        self.ser.pending = Pending::Field(name);
        if self.ser.entry(self.first, value)? {
            self.first = false;
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        let ser = self.ser;
        ser.depth -= 1;
        match self.shape {
            Bracket::Object => ser.fmt.end_object(&mut ser.out),
            Bracket::Array => ser.fmt.end_array(&mut ser.out),
        }
        .map_err(fmt_error)?;
        if self.variant {
            ser.depth -= 1;
            ser.fmt.end_object_value(&mut ser.out).map_err(fmt_error)?;
            ser.fmt.end_object(&mut ser.out).map_err(fmt_error)?;
        }
        Ok(())
    }
}

/// Lists, tuples and tuple variants write elements; structs and struct variants write fields.
macro_rules! compound_impls {
    ($($trait:ident::$method:ident => element;)*) => {$(
        impl<W: Write, F: Formatter> ser::$trait for Compound<'_, W, F> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
                self.element(value)
            }
            fn end(self) -> Result<()> {
                self.finish()
            }
        }
    )*};
    ($($trait:ident::$method:ident => field;)*) => {$(
        impl<W: Write, F: Formatter> ser::$trait for Compound<'_, W, F> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
                self.field(key, value)
            }
            fn end(self) -> Result<()> {
                self.finish()
            }
        }
    )*};
}

compound_impls! {
    SerializeSeq::serialize_element => element;
    SerializeTuple::serialize_element => element;
    SerializeTupleStruct::serialize_field => element;
    SerializeTupleVariant::serialize_field => element;
}

compound_impls! {
    SerializeStruct::serialize_field => field;
    SerializeStructVariant::serialize_field => field;
}

impl<W: Write, F: Formatter> ser::SerializeMap for Compound<'_, W, F> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        let ser = &mut *self.ser;
        ser.key.clear();
        key.serialize(KeyText {
            out: &mut ser.key,
            fmt: &mut ser.fmt,
            zone: &ser.zone,
        })?;
        ser.pending = Pending::MapKey;
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        if self.ser.entry(self.first, value)? {
            self.first = false;
        }
        Ok(())
    }
    fn end(self) -> Result<()> {
        self.finish()
    }
}

/// Rejects, in a `Serializer` impl, every method not listed, with `$err`.
macro_rules! reject {
    ($err:expr; $($method:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {$(
        fn $method(self, $($arg: $ty),*) -> std::result::Result<$ret, Self::Error> {
            $(let _ = $arg;)*
            Err($err)
        }
    )*};
}
pub(crate) use reject;

/// Rejects every scalar method (bool to unit variant; not `str`, `char`, `none` or `some`, which
/// serializers of text treat on their own) with `$err`, returning `$ok`.
macro_rules! reject_scalars {
    ($err:expr; $ok:ty) => {
        $crate::ser::reject! { $err;
            serialize_bool(v: bool) -> $ok;
            serialize_i8(v: i8) -> $ok;
            serialize_i16(v: i16) -> $ok;
            serialize_i32(v: i32) -> $ok;
            serialize_i64(v: i64) -> $ok;
            serialize_u8(v: u8) -> $ok;
            serialize_u16(v: u16) -> $ok;
            serialize_u32(v: u32) -> $ok;
            serialize_u64(v: u64) -> $ok;
            serialize_f32(v: f32) -> $ok;
            serialize_f64(v: f64) -> $ok;
            serialize_bytes(v: &[u8]) -> $ok;
            serialize_unit() -> $ok;
            serialize_unit_struct(name: &'static str) -> $ok;
            serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> $ok;
        }
    };
}
pub(crate) use reject_scalars;

/// Rejects every compound and every `*_variant`/`newtype` method not otherwise written.
macro_rules! reject_compounds {
    ($err:expr) => {
        $crate::ser::reject! { $err;
            serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
            serialize_tuple(len: usize) -> Self::SerializeTuple;
            serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
            serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
            serialize_map(len: Option<usize>) -> Self::SerializeMap;
            serialize_struct(name: &'static str, len: usize) -> Self::SerializeStruct;
            serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> std::result::Result<Self::Ok, Self::Error> {
            Err($err)
        }
    };
}
pub(crate) use reject_compounds;

/// The `Impossible` compound types of a scalar-only serializer.
macro_rules! no_compounds {
    ($ok:ty, $err:ty) => {
        type SerializeSeq = Impossible<$ok, $err>;
        type SerializeTuple = Impossible<$ok, $err>;
        type SerializeTupleStruct = Impossible<$ok, $err>;
        type SerializeTupleVariant = Impossible<$ok, $err>;
        type SerializeMap = Impossible<$ok, $err>;
        type SerializeStruct = Impossible<$ok, $err>;
        type SerializeStructVariant = Impossible<$ok, $err>;
    };
}
pub(crate) use no_compounds;

/// "This is not the crate's own token value": the capture falls back to writing it normally.
#[derive(Debug)]
pub(crate) struct NotMine;

impl Display for NotMine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a value of the crate's own token")
    }
}

impl std::error::Error for NotMine {}

impl ser::Error for NotMine {
    fn custom<T: Display>(_msg: T) -> Self {
        NotMine
    }
}

/// The date behind a [`DATETIME_TOKEN`] newtype: [`DateTime`] hands its compact form (ticks and
/// kind as bytes) to a serializer that is not human-readable, as this one is.
pub(crate) fn capture_datetime<T: ?Sized + Serialize>(value: &T) -> Option<DateTime> {
    value.serialize(DateCapture).ok()
}

struct DateCapture;

impl ser::Serializer for DateCapture {
    type Ok = DateTime;
    type Error = NotMine;
    no_compounds!(DateTime, NotMine);

    fn is_human_readable(&self) -> bool {
        false
    }
    fn serialize_bytes(self, v: &[u8]) -> std::result::Result<DateTime, NotMine> {
        DateTime::from_compact_bytes(v).ok_or(NotMine)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> std::result::Result<DateTime, NotMine> {
        value.serialize(self)
    }
    fn serialize_some<T: ?Sized + Serialize>(
        self,
        value: &T,
    ) -> std::result::Result<DateTime, NotMine> {
        value.serialize(self)
    }
    fn collect_str<T: ?Sized + Display>(self, _: &T) -> std::result::Result<DateTime, NotMine> {
        Err(NotMine)
    }
    reject! { NotMine;
        serialize_bool(v: bool) -> DateTime;
        serialize_i8(v: i8) -> DateTime;
        serialize_i16(v: i16) -> DateTime;
        serialize_i32(v: i32) -> DateTime;
        serialize_i64(v: i64) -> DateTime;
        serialize_u8(v: u8) -> DateTime;
        serialize_u16(v: u16) -> DateTime;
        serialize_u32(v: u32) -> DateTime;
        serialize_u64(v: u64) -> DateTime;
        serialize_f32(v: f32) -> DateTime;
        serialize_f64(v: f64) -> DateTime;
        serialize_char(v: char) -> DateTime;
        serialize_str(v: &str) -> DateTime;
        serialize_none() -> DateTime;
        serialize_unit() -> DateTime;
        serialize_unit_struct(name: &'static str) -> DateTime;
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> DateTime;
    }
    reject_compounds!(NotMine);
}

/// Writes the pair behind a [`VALUETUPLE_TOKEN`] newtype (a `ValueTuple` hands its items to a
/// serializer that is not human-readable) as the object `{Item1:…,Item2:…}`.
struct TupleObject<'a, W, F> {
    ser: &'a mut Serializer<W, F>,
}

fn not_a_pair() -> Error {
    Error::data("a ValueTuple's token must hold its two items")
}

impl<'a, W: Write, F: Formatter> ser::Serializer for TupleObject<'a, W, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = TupleFields<'a, W, F>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn is_human_readable(&self) -> bool {
        false
    }
    fn serialize_tuple(self, len: usize) -> Result<TupleFields<'a, W, F>> {
        let object = ser::Serializer::serialize_struct(self.ser, "ValueTuple", len)?;
        Ok(TupleFields { object, index: 0 })
    }
    reject_scalars!(not_a_pair(); ());
    reject! { not_a_pair();
        serialize_char(v: char) -> ();
        serialize_str(v: &str) -> ();
        serialize_none() -> ();
        serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeTupleVariant;
        serialize_map(len: Option<usize>) -> Self::SerializeMap;
        serialize_struct(name: &'static str, len: usize) -> Self::SerializeStruct;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Self::SerializeStructVariant;
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<()> {
        Err(not_a_pair())
    }
}

/// The items of a `ValueTuple`, written as the properties `Item1`, `Item2`.
#[doc(hidden)]
pub struct TupleFields<'a, W, F> {
    object: Compound<'a, W, F>,
    index: usize,
}

impl<W: Write, F: Formatter> ser::SerializeTuple for TupleFields<'_, W, F> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        const NAMES: [&str; 7] = [
            "Item1", "Item2", "Item3", "Item4", "Item5", "Item6", "Item7",
        ];
        let name = NAMES.get(self.index).ok_or_else(not_a_pair)?;
        self.index += 1;
        self.object.field(name, value)
    }
    fn end(self) -> Result<()> {
        self.object.finish()
    }
}

/// Writes the exact text behind a [`DECIMAL_TOKEN`] newtype as the dialect writes numbers.
struct NumberText<'o, W, F> {
    out: &'o mut W,
    fmt: &'o mut F,
}

impl<W: Write, F: Formatter> ser::Serializer for NumberText<'_, W, F> {
    type Ok = ();
    type Error = Error;
    no_compounds!((), Error);

    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result<()> {
        self.fmt.write_number(self.out, value).map_err(fmt_error)
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.fmt.write_number(self.out, v).map_err(fmt_error)
    }
    reject_scalars!(not_a_number(); ());
    reject! { not_a_number();
        serialize_char(v: char) -> ();
        serialize_none() -> ();
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    reject_compounds!(not_a_number());
}

fn not_a_number() -> Error {
    Error::data("a decimal's token must hold its text")
}

/// The text of a dictionary key (or of a CSV header or query name taken from a map): strings
/// as they are, numbers and bools as the dialect writes them, dates in the dialect's form.
pub(crate) struct KeyText<'o, F> {
    pub(crate) out: &'o mut String,
    pub(crate) fmt: &'o mut F,
    pub(crate) zone: &'o Zone,
}

fn not_text() -> Error {
    Error::data("a dictionary key must be text (a string, number, bool, date or enum)")
}

macro_rules! key_ints {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<()> {
            self.fmt.write_int(self.out, v).map_err(fmt_error)
        }
    )*};
}

impl<F: Formatter> ser::Serializer for KeyText<'_, F> {
    type Ok = ();
    type Error = Error;
    no_compounds!((), Error);

    key_ints!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128
    );
    fn serialize_bool(self, v: bool) -> Result<()> {
        self.fmt.write_bool(self.out, v).map_err(fmt_error)
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.fmt.write_f32(self.out, v).map_err(fmt_error)
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.fmt.write_f64(self.out, v).map_err(fmt_error)
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.out.push(v);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.out.push_str(v);
        Ok(())
    }
    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result<()> {
        write!(self.out, "{value}").map_err(fmt_error)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.out.push_str(variant);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == DATETIME_TOKEN {
            if let Some(date) = capture_datetime(value) {
                return self
                    .fmt
                    .write_datetime(self.out, &date, self.zone)
                    .map_err(fmt_error);
            }
        }
        value.serialize(self)
    }
    reject! { not_text();
        serialize_bytes(v: &[u8]) -> ();
        serialize_none() -> ();
        serialize_unit() -> ();
        serialize_unit_struct(name: &'static str) -> ();
    }
    reject_compounds!(not_text());
}

/// What a CSV cell's or a query parameter's value turned out to be.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Leaf {
    /// Null (`None`, unit): nothing was written.
    Null,
    /// A string, written raw (the caller escapes it as its container needs).
    Text,
    /// Text from a `Display` impl (`collect_str`), written raw.
    Display,
    /// Anything else, written in the dialect; `default` when it is the default of a
    /// non-nullable .NET value type (`0`, `false`, `0.00`, `DateTime.MinValue`), which the C#
    /// client leaves out of query strings.
    Value { default: bool },
}

/// Writes `value` into the serializer's `String` (appending) as a [`Leaf`]: a string raw, anything
/// else in the serializer's dialect. Returns what it was.
pub(crate) fn write_leaf<T: ?Sized + Serialize, F: Formatter>(
    value: &T,
    ser: &mut Serializer<String, F>,
) -> Result<Leaf> {
    let mut kind = Leaf::Null;
    value.serialize(LeafSerializer {
        ser,
        kind: &mut kind,
        nullable: false,
    })?;
    Ok(kind)
}

impl<F> Serializer<String, F> {
    /// The text written so far.
    pub(crate) fn text(&self) -> &str {
        &self.out
    }

    /// Empties the output (keeping its buffer).
    pub(crate) fn clear(&mut self) {
        self.out.clear();
    }
}

struct LeafSerializer<'a, F> {
    ser: &'a mut Serializer<String, F>,
    kind: &'a mut Leaf,
    /// Inside `Some`: a nullable type, whose defaults are values like any other.
    nullable: bool,
}

impl<F> LeafSerializer<'_, F> {
    fn value(&mut self, is_default: bool) {
        *self.kind = Leaf::Value {
            default: is_default && !self.nullable,
        };
    }
}

macro_rules! leaf_ints {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(mut self, v: $ty) -> Result<()> {
            self.value(v == 0);
            self.ser.$method(v)
        }
    )*};
}

macro_rules! leaf_compounds {
    ($($method:ident($($arg:ident: $ty:ty),*) -> $ret:ident;)*) => {$(
        fn $method(mut self, $($arg: $ty),*) -> Result<Self::$ret> {
            self.value(false);
            self.ser.$method($($arg),*)
        }
    )*};
}

impl<'a, F: Formatter> ser::Serializer for LeafSerializer<'a, F> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, String, F>;
    type SerializeTuple = Compound<'a, String, F>;
    type SerializeTupleStruct = Compound<'a, String, F>;
    type SerializeTupleVariant = Compound<'a, String, F>;
    type SerializeMap = Compound<'a, String, F>;
    type SerializeStruct = Compound<'a, String, F>;
    type SerializeStructVariant = Compound<'a, String, F>;

    leaf_ints!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128
    );

    fn serialize_bool(mut self, v: bool) -> Result<()> {
        self.value(!v);
        self.ser.serialize_bool(v)
    }
    fn serialize_f32(mut self, v: f32) -> Result<()> {
        self.value(v == 0.0);
        self.ser.serialize_f32(v)
    }
    fn serialize_f64(mut self, v: f64) -> Result<()> {
        self.value(v == 0.0);
        self.ser.serialize_f64(v)
    }
    fn serialize_char(self, v: char) -> Result<()> {
        *self.kind = Leaf::Text;
        self.ser.out.push(v);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        *self.kind = Leaf::Text;
        self.ser.out.push_str(v);
        Ok(())
    }
    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result<()> {
        *self.kind = Leaf::Display;
        write!(self.ser.out, "{value}").map_err(fmt_error)
    }
    fn serialize_bytes(mut self, v: &[u8]) -> Result<()> {
        self.value(false);
        self.ser.serialize_bytes(v)
    }
    fn serialize_none(self) -> Result<()> {
        *self.kind = Leaf::Null;
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(LeafSerializer {
            nullable: true,
            ..self
        })
    }
    fn serialize_unit(self) -> Result<()> {
        *self.kind = Leaf::Null;
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        *self.kind = Leaf::Null;
        Ok(())
    }
    fn serialize_unit_variant(
        mut self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.value(false);
        self.ser.serialize_unit_variant(name, index, variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        mut self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name == DATETIME_TOKEN {
            if let Some(date) = capture_datetime(value) {
                // `DateTime.Equals` compares ticks only: `MinValue` of any kind is the default.
                self.value(date.ticks() == 0);
                let zone = self.ser.zone;
                return self.ser.scalar(|f, w| f.write_datetime(w, &date, &zone));
            }
        } else if name == DECIMAL_TOKEN {
            let start = self.ser.out.len();
            self.ser.serialize_newtype_struct(name, value)?;
            // `decimal` equality ignores scale: `0.00` is the default.
            let zero = self.ser.out[start..]
                .bytes()
                .all(|c| matches!(c, b'0' | b'-' | b'+' | b'.'));
            self.value(zero);
            return Ok(());
        } else if name == VALUETUPLE_TOKEN && self.ser.tuple_objects {
            self.value(false);
            return self.ser.serialize_newtype_struct(name, value);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        mut self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.value(false);
        self.ser
            .serialize_newtype_variant(name, index, variant, value)
    }
    leaf_compounds! {
        serialize_seq(len: Option<usize>) -> SerializeSeq;
        serialize_tuple(len: usize) -> SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> SerializeTupleVariant;
        serialize_map(len: Option<usize>) -> SerializeMap;
        serialize_struct(name: &'static str, len: usize) -> SerializeStruct;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> SerializeStructVariant;
    }
}

/// Whether a newtype-struct name is one of the crate's tokens (a date, a decimal, a tuple): a
/// single value, not a wrapper.
pub(crate) fn is_token(name: &str) -> bool {
    name == DATETIME_TOKEN || name == DECIMAL_TOKEN || name == VALUETUPLE_TOKEN
}

/// What a value is, for the layout of a whole document in CSV or a query string.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub(crate) enum Shape {
    /// `None`, unit.
    Null,
    /// A struct or (`map`) a dictionary: a row.
    Object { map: bool },
    /// A list.
    List,
    /// Anything else: a cell.
    Cell,
}

/// The shape of `value`, from the first call its `Serialize` makes (compounds are not
/// entered: the shape is returned as the "error" that ends the probe).
pub(crate) fn shape<T: ?Sized + Serialize>(value: &T) -> Shape {
    match value.serialize(ShapeProbe) {
        Ok(shape) | Err(ShapeOf(shape)) => shape,
    }
}

#[derive(Debug)]
struct ShapeOf(Shape);

impl std::fmt::Display for ShapeOf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::error::Error for ShapeOf {}

impl ser::Error for ShapeOf {
    fn custom<T: std::fmt::Display>(_msg: T) -> Self {
        ShapeOf(Shape::Cell)
    }
}

struct ShapeProbe;

macro_rules! cell_shapes {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method(self, $($arg: $ty),*) -> std::result::Result<Shape, ShapeOf> {
            $(let _ = $arg;)*
            Ok(Shape::Cell)
        }
    )*};
}

impl ser::Serializer for ShapeProbe {
    type Ok = Shape;
    type Error = ShapeOf;
    type SerializeSeq = Impossible<Shape, ShapeOf>;
    type SerializeTuple = Impossible<Shape, ShapeOf>;
    type SerializeTupleStruct = Impossible<Shape, ShapeOf>;
    type SerializeTupleVariant = Impossible<Shape, ShapeOf>;
    type SerializeMap = Impossible<Shape, ShapeOf>;
    type SerializeStruct = Impossible<Shape, ShapeOf>;
    type SerializeStructVariant = Impossible<Shape, ShapeOf>;

    cell_shapes! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }
    fn serialize_none(self) -> std::result::Result<Shape, ShapeOf> {
        Ok(Shape::Null)
    }
    fn serialize_unit(self) -> std::result::Result<Shape, ShapeOf> {
        Ok(Shape::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> std::result::Result<Shape, ShapeOf> {
        Ok(Shape::Null)
    }
    fn serialize_some<T: ?Sized + Serialize>(
        self,
        value: &T,
    ) -> std::result::Result<Shape, ShapeOf> {
        value.serialize(self)
    }
    fn collect_str<T: ?Sized + std::fmt::Display>(
        self,
        _: &T,
    ) -> std::result::Result<Shape, ShapeOf> {
        Ok(Shape::Cell)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> std::result::Result<Shape, ShapeOf> {
        if is_token(name) {
            return Ok(Shape::Cell);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> std::result::Result<Shape, ShapeOf> {
        Ok(Shape::Cell)
    }
    fn serialize_seq(self, _: Option<usize>) -> std::result::Result<Self::SerializeSeq, ShapeOf> {
        Err(ShapeOf(Shape::List))
    }
    fn serialize_tuple(self, _: usize) -> std::result::Result<Self::SerializeTuple, ShapeOf> {
        Err(ShapeOf(Shape::List))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeTupleStruct, ShapeOf> {
        Err(ShapeOf(Shape::List))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeTupleVariant, ShapeOf> {
        Err(ShapeOf(Shape::Cell))
    }
    fn serialize_map(self, _: Option<usize>) -> std::result::Result<Self::SerializeMap, ShapeOf> {
        Err(ShapeOf(Shape::Object { map: true }))
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeStruct, ShapeOf> {
        Err(ShapeOf(Shape::Object { map: false }))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> std::result::Result<Self::SerializeStructVariant, ShapeOf> {
        Err(ShapeOf(Shape::Cell))
    }
}

/// An [`io::Write`] as the [`fmt::Write`] the writer needs: text is gathered in a buffer of
/// 8 KiB and written out whole; the first I/O error is kept for [`finish`](Self::finish).
pub(crate) struct IoWrite<W> {
    inner: W,
    buf: String,
    error: Option<io::Error>,
}

const IO_BUFFER: usize = 8 * 1024;

impl<W: io::Write> IoWrite<W> {
    pub(crate) fn new(inner: W) -> Self {
        IoWrite {
            inner,
            buf: String::with_capacity(IO_BUFFER),
            error: None,
        }
    }

    fn drain(&mut self) -> fmt::Result {
        if let Err(e) = self.inner.write_all(self.buf.as_bytes()) {
            self.error = Some(e);
            return Err(fmt::Error);
        }
        self.buf.clear();
        Ok(())
    }

    /// Writes what is buffered; turns the outcome of a serialization into the crate's error,
    /// with the I/O error itself when writing failed.
    pub(crate) fn finish(mut self, result: Result<()>) -> Result<()> {
        if let Some(e) = self.error.take() {
            return Err(Error::io(e));
        }
        result?;
        if self.drain().is_err() {
            return Err(Error::io(self.error.take().unwrap_or_else(|| {
                io::Error::other("writing the buffered output failed")
            })));
        }
        Ok(())
    }
}

impl<W: io::Write> Write for IoWrite<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.error.is_some() {
            return Err(fmt::Error);
        }
        if self.buf.len() + s.len() > IO_BUFFER {
            self.drain()?;
            if s.len() > IO_BUFFER {
                return self.inner.write_all(s.as_bytes()).map_err(|e| {
                    self.error = Some(e);
                    fmt::Error
                });
            }
        }
        self.buf.push_str(s);
        Ok(())
    }
}

/// What the format modules' options set on a [`Serializer`].
#[derive(Copy, Clone, Debug, Default)]
pub(crate) struct WriterOptions {
    pub(crate) zone: Zone,
    pub(crate) tuple_objects: bool,
}

impl<W: Write, F: Formatter> Serializer<W, F> {
    fn with_options(self, options: WriterOptions) -> Self {
        self.with_zone(options.zone)
            .with_tuple_objects(options.tuple_objects)
    }
}

/// Serializes `value` with `ser` built over an [`IoWrite`] of `writer`.
pub(crate) fn to_io<W, F, T>(writer: W, fmt: F, options: WriterOptions, value: &T) -> Result<()>
where
    W: io::Write,
    F: Formatter,
    T: ?Sized + Serialize,
{
    let mut out = IoWrite::new(writer);
    let mut ser = Serializer::with_formatter(&mut out, fmt).with_options(options);
    let result = value.serialize(&mut ser);
    out.finish(result)
}

/// The capacity a new output `String` starts with: a ClubReady sale request is one to two
/// kilobytes, which then take no reallocation on the way (from 256 bytes they took three).
const OUTPUT_CAPACITY: usize = 2048;

/// Serializes `value` into a new `String`.
pub(crate) fn to_string<F, T>(fmt: F, options: WriterOptions, value: &T) -> Result<String>
where
    F: Formatter,
    T: ?Sized + Serialize,
{
    let out = String::with_capacity(OUTPUT_CAPACITY);
    let mut ser = Serializer::with_formatter(out, fmt).with_options(options);
    value.serialize(&mut ser)?;
    Ok(ser.out)
}
