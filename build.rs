//! Compiles the content into the app. The content directory is
//! `BACKUP_DOCTOR_CONTENT_DIR` (a support team's pack, see README
//! "Content packs"), by default `src/knowledge/data`.
//!
//! The JSON files stay what writers edit. This script parses and validates
//! them with the app's own model and validator (`src/knowledge/model.rs`
//! and `validate.rs`, included below), so a content error fails the build
//! with the validator's message, and writes `OUT_DIR/content.rs`: Rust code
//! that builds the `KnowledgeBase` and the table of interface strings, so
//! the app parses nothing at start-up. The files are also copied to
//! `OUT_DIR/content/` for the native tools and tests, which parse them.

#[allow(dead_code)]
#[path = "src/knowledge/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "src/knowledge/validate.rs"]
mod validate;

use model::*;
use serde::ser::{self, Serialize};
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::PathBuf;

/// Every file the app compiles in.
const FILES: &[&str] = &["meta.json", "causes.json", "questions.json", "fixes.json", "codes.json", "reference.json", "sources.json", "history.json", "ui-strings.json"];
const UI_STRINGS: &str = "ui-strings.json";

fn main() {
    if let Err(e) = run() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    println!("cargo:rerun-if-env-changed=BACKUP_DOCTOR_CONTENT_DIR");
    println!("cargo:rerun-if-changed=src/knowledge/model.rs");
    println!("cargo:rerun-if-changed=src/knowledge/validate.rs");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = match std::env::var_os("BACKUP_DOCTOR_CONTENT_DIR").filter(|v| !v.is_empty()) {
        Some(d) => root.join(d),
        None => root.join("src/knowledge/data"),
    };
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let out = out_dir.join("content");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut texts = Vec::new();
    for name in FILES {
        let from = dir.join(name);
        println!("cargo:rerun-if-changed={}", from.display());
        let text = std::fs::read_to_string(&from)
            .map_err(|e| format!("the content directory {} has no readable {name} ({e}): a content pack holds all of {}", dir.display(), FILES.join(", ")))?;
        std::fs::write(out.join(name), &text).map_err(|e| format!("cannot write {}: {e}", out.join(name).display()))?;
        texts.push((*name, text));
    }
    let (ui, knowledge): (Vec<_>, Vec<_>) = texts.iter().map(|(n, t)| (*n, t.as_str())).partition(|(n, _)| *n == UI_STRINGS);
    let kb = validate::validate_files(&knowledge).map_err(|problems| {
        let lines: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        format!("the content in {} is not valid:\n{}", dir.display(), lines.join("\n"))
    })?;
    let strings: BTreeMap<String, String> = serde_json::from_str(ui.first().map_or("", |(_, t)| *t))
        .map_err(|e| format!("{}: {UI_STRINGS} must hold one JSON object of strings: {e}", dir.display()))?;

    let mut code = String::from("// Written by build.rs from the content's JSON files: do not edit.\n\n");
    code.push_str("pub fn knowledge_base() -> KnowledgeBase {\n    ");
    kb.serialize(Rust(&mut code)).map_err(|e| format!("cannot compile the content: {e}"))?;
    code.push_str("\n}\n\n/// The interface strings, sorted by key.\npub static UI_STRINGS: &[(&str, &str)] = &[\n");
    for (k, v) in &strings {
        let _ = writeln!(code, "    ({k:?}, {v:?}),");
    }
    code.push_str("];\n");
    let target = out_dir.join("content.rs");
    std::fs::write(&target, code).map_err(|e| format!("cannot write {}: {e}", target.display()))
}

/// The Rust name of a unit variant, from its name in the data. Every enum
/// of the model is listed here; a new one fails the build until it is.
fn variant(enum_name: &str, data_name: &str) -> Result<String, Error> {
    fn debug<T: fmt::Debug + serde::de::DeserializeOwned>(data_name: &str) -> Option<String> {
        serde_json::from_value::<T>(serde_json::Value::String(data_name.into())).ok().map(|v| format!("{v:?}"))
    }
    let rust = match enum_name {
        "SourceKind" => debug::<SourceKind>(data_name),
        "Effort" => debug::<Effort>(data_name),
        "Risk" => debug::<Risk>(data_name),
        "IosVersion" => debug::<IosVersion>(data_name),
        "ModelFamily" => debug::<ModelFamily>(data_name),
        "FixKind" => debug::<FixKind>(data_name),
        "TipKind" => debug::<TipKind>(data_name),
        _ => return Err(Error(format!("build.rs does not know the enum `{enum_name}`: add it to `variant`"))),
    };
    rust.map(|v| format!("{enum_name}::{v}")).ok_or_else(|| Error(format!("`{data_name}` is not a variant of {enum_name}")))
}

#[derive(Debug)]
struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// A serde serializer that writes a value as the Rust expression that
/// builds it (strings through the generated module's `s`).
struct Rust<'a>(&'a mut String);

/// A sequence, map or struct being written.
struct Compound<'a> {
    out: &'a mut String,
    close: &'static str,
}

fn unsupported(what: &str) -> Error {
    Error(format!("the model uses a {what}, which build.rs cannot write yet"))
}

impl<'a> Rust<'a> {
    /// Writes what opens a list, tuple, map or struct; `close` ends it.
    fn open(self, start: &str, close: &'static str) -> Compound<'a> {
        self.0.push_str(start);
        Compound { out: self.0, close }
    }
    fn put(self, s: &str) -> Result<(), Error> {
        self.0.push_str(s);
        Ok(())
    }
}

/// Integers are written with their type's suffix (`2u32`).
macro_rules! integers {
    ($($method:ident: $ty:ident),*) => {$(
        fn $method(self, v: $ty) -> Result<(), Error> {
            self.put(&format!("{v}{}", stringify!($ty)))
        }
    )*};
}

impl<'a> ser::Serializer for Rust<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.put(&v.to_string())
    }
    integers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.put(&format!("{v:?}f32"))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if !v.is_finite() {
            return Err(Error(format!("the number {v} cannot be compiled")));
        }
        self.put(&format!("{v:?}f64"))
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.put(&format!("{v:?}"))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.put(&format!("s({v:?})"))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(unsupported("byte string"))
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.put("None")
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        self.0.push_str("Some(");
        value.serialize(Rust(self.0))?;
        self.put(")")
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.put("()")
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Error> {
        self.put(name)
    }
    fn serialize_unit_variant(self, name: &'static str, _: u32, variant_name: &'static str) -> Result<(), Error> {
        let v = variant(name, variant_name)?;
        self.put(&v)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, name: &'static str, value: &T) -> Result<(), Error> {
        let _ = write!(self.0, "{name}(");
        value.serialize(Rust(self.0))?;
        self.put(")")
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<(), Error> {
        Err(unsupported("enum variant with data"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open("vec![", "]"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open("(", ")"))
    }
    fn serialize_tuple_struct(self, name: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(&format!("{name}("), ")"))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported("enum variant with data"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.open("BTreeMap::from([", "])"))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        Ok(self.open(&format!("{name} {{"), "}"))
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported("enum variant with data"))
    }
}

impl<'a> Compound<'a> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(Rust(self.out))?;
        self.out.push(',');
        Ok(())
    }
    fn finish(self) -> Result<(), Error> {
        self.out.push_str(self.close);
        Ok(())
    }
}

/// The sequence-like traits: each element written in turn.
macro_rules! sequence {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<'a> ser::$trait for Compound<'a> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        }
    )*};
}

sequence!(SerializeSeq::serialize_element, SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field);

impl<'a> ser::SerializeMap for Compound<'a> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.out.push('(');
        key.serialize(Rust(self.out))?;
        self.out.push(',');
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(Rust(self.out))?;
        self.out.push_str("),");
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

impl<'a> ser::SerializeStruct for Compound<'a> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let _ = write!(self.out, "{key}:");
        self.element(value)
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), Error> {
        let _ = write!(self.out, "{key}:Default::default(),");
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}
