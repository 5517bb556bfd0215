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
#[allow(dead_code)]
#[path = "src/knowledge/lang.rs"]
mod lang;

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
    println!("cargo:rerun-if-changed=src/knowledge/lang.rs");
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
    languages(&root, &dir, &kb, &strings, &out_dir, &mut code)?;
    let target = out_dir.join("content.rs");
    std::fs::write(&target, code).map_err(|e| format!("cannot write {}: {e}", target.display()))
}

/// Checks every translation (a problem fails the build), writes each
/// language's pack to `OUT_DIR/lang/<code>.json` and the list of languages
/// into the generated code. A content pack without a glossary or a `lang`
/// folder uses the built-in ones (a pack that only changes numbers keeps
/// every translation valid).
fn languages(root: &std::path::Path, dir: &std::path::Path, kb: &KnowledgeBase, ui: &BTreeMap<String, String>, out_dir: &std::path::Path, code: &mut String) -> Result<(), String> {
    let default = root.join("src/knowledge/data");
    let pick = |name: &str| if dir.join(name).exists() { dir.join(name) } else { default.join(name) };
    let read = |path: &std::path::Path| {
        println!("cargo:rerun-if-changed={}", path.display());
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let glossary_file = pick("glossary.json");
    #[derive(serde::Deserialize)]
    struct EnglishGlossary {
        labels: Vec<lang::EnglishLabel>,
    }
    let english: EnglishGlossary =
        serde_json::from_str(&read(&glossary_file)?).map_err(|e| format!("{}: not a glossary: {e}", glossary_file.display()))?;
    let lang_dir = pick("lang");
    println!("cargo:rerun-if-changed={}", lang_dir.display());
    let packs = out_dir.join("lang");
    std::fs::create_dir_all(&packs).map_err(|e| format!("cannot create {}: {e}", packs.display()))?;
    let mut listed = vec![("en".to_string(), "English".to_string(), "ltr".to_string(), String::new(), 0usize)];
    let mut problems = Vec::new();
    // Every folder is a language: English first, then by code.
    let mut codes: Vec<String> = match std::fs::read_dir(&lang_dir) {
        Ok(entries) => entries.filter_map(Result::ok).filter(|e| e.path().is_dir()).map(|e| e.file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    codes.sort();
    for code_name in &codes {
        let code_name = code_name.as_str();
        let folder = lang_dir.join(code_name);
        let json = |name: &str| -> Result<String, String> { read(&folder.join(name)) };
        let glossary: lang::Glossary = serde_json::from_str(&json("glossary.json")?).map_err(|e| format!("{}/glossary.json: {e}", folder.display()))?;
        let ui_t: BTreeMap<String, String> = serde_json::from_str(&json("ui.json")?).map_err(|e| format!("{}/ui.json: {e}", folder.display()))?;
        let content: BTreeMap<String, String> = serde_json::from_str(&json("content.json")?).map_err(|e| format!("{}/content.json: {e}", folder.display()))?;
        let t = lang::Translation { code: code_name.to_string(), glossary, ui: ui_t, content };
        let found = lang::check(&t, kb, ui, &english.labels);
        if !found.is_empty() {
            problems.extend(found);
            continue;
        }
        let pack = serde_json::to_string(&lang::pack(&t, kb, ui)).map_err(|e| format!("cannot write the pack of `{code_name}`: {e}"))?;
        let file = format!("lang/{code_name}-{:016x}.json", fnv(pack.as_bytes()));
        let target = packs.join(format!("{code_name}.json"));
        std::fs::write(&target, &pack).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        listed.push((code_name.to_string(), t.glossary.name.clone(), t.glossary.dir.clone(), file, pack.len()));
    }
    if !problems.is_empty() {
        let lines: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        return Err(format!("the translations in {} are not valid:\n{}", lang_dir.display(), lines.join("\n")));
    }
    code.push_str("\n/// The languages shipped: code, own name, direction, the pack's file\n/// (empty for the built-in English) and its size.\npub static LANGS: &[(&str, &str, &str, &str, usize)] = &[\n");
    for (c, name, d, file, len) in &listed {
        let _ = writeln!(code, "    ({c:?}, {name:?}, {d:?}, {file:?}, {len}),");
    }
    let _ = write!(code, "];\n\n/// How many languages the build offers.\npub const LANG_COUNT: usize = {};\n", listed.len());
    code.push_str("\n/// The packs as text (native only: tests and the build's post-step read them).\n#[cfg(not(target_arch = \"wasm32\"))]\npub static PACKS: &[(&str, &str)] = &[\n");
    for (c, ..) in listed.iter().skip(1) {
        let _ = writeln!(code, "    ({c:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/lang/{c}.json\"))),");
    }
    code.push_str("];\n");
    let glossary_copy = out_dir.join("content/glossary.json");
    std::fs::copy(&glossary_file, &glossary_copy).map_err(|e| format!("cannot write {}: {e}", glossary_copy.display()))?;
    Ok(())
}

/// FNV-1a, 64 bits: names a pack by its content, so a new pack is a new file.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
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
