//! The binary form the app carries its content in (`knowledge::binary`):
//! what the build wrote reads back as the validated files, every value
//! shape of the model survives the round trip, and damaged bytes give an
//! error, never a panic or a wrong knowledge base.

use backup_doctor::knowledge::{self, binary, validate, KnowledgeBase, FILES};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

fn files() -> KnowledgeBase {
    validate::validate_files(FILES).unwrap_or_else(|p| panic!("the data files do not validate: {} problem(s)", p.len()))
}

#[test]
fn the_compiled_bytes_are_the_validated_files_written_by_this_writer() {
    let kb = files();
    let written = binary::to_bytes(&kb).expect("the knowledge base can be written");
    assert_eq!(written, knowledge::COMPILED, "build.rs wrote something other than the validated files");
    assert_eq!(knowledge::read_compiled(knowledge::COMPILED).expect("the compiled bytes read"), kb);
}

/// Every shape the writer and reader handle, with the model's attributes.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Shapes {
    flag: bool,
    small: u8,
    count: u32,
    big: u64,
    signed: i32,
    most_negative: i64,
    share: f64,
    single: f32,
    letter: char,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    maybe: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    absent: Option<Kind>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    none_listed: Vec<String>,
    list: Vec<Kind>,
    map: BTreeMap<String, f64>,
    pair: (u8, String),
    wrapped: Wrapped,
    nested: Option<Box<Shapes>>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Kind {
    First,
    SecondOne,
    #[serde(rename = "third-renamed")]
    Third,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Wrapped(String);

fn shapes(text: &str, nested: Option<Box<Shapes>>) -> Shapes {
    Shapes {
        flag: true,
        small: 255,
        count: 300,
        big: u64::MAX,
        signed: -129,
        most_negative: i64::MIN,
        share: 0.1 + 0.2,
        single: -1.5,
        letter: 'é',
        text: text.to_string(),
        maybe: Some("Réglages > [ton nom] > iCloud".into()),
        absent: None,
        none_listed: Vec::new(),
        list: vec![Kind::Third, Kind::First, Kind::SecondOne],
        map: BTreeMap::from([("storage-full".to_string(), 0.35), ("設定".to_string(), 1e-300)]),
        pair: (7, String::new()),
        wrapped: Wrapped("iCloud ストレージ".into()),
        nested,
    }
}

#[test]
fn every_shape_survives_the_round_trip_exactly() {
    let value = shapes("outer", Some(Box::new(shapes("inner", None))));
    let bytes = binary::to_bytes(&value).expect("written");
    let back: Shapes = binary::from_bytes(&bytes).expect("read");
    assert_eq!(back, value);
    assert_eq!(back.share.to_bits(), (0.1f64 + 0.2).to_bits(), "a probability must come back bit for bit");
}

#[test]
fn a_value_with_bytes_left_over_is_refused() {
    let mut bytes = binary::to_bytes(&shapes("x", None)).expect("written");
    bytes.push(0);
    let err = binary::from_bytes::<Shapes>(&bytes).expect_err("a trailing byte is refused");
    assert!(err.0.contains("left over"), "{err}");
}

#[test]
fn every_cut_of_the_compiled_content_is_an_error() {
    let bytes = knowledge::COMPILED;
    // Every prefix near both ends, and a spread through the middle.
    let cuts = (0..64).chain((64..bytes.len()).step_by(997)).chain(bytes.len().saturating_sub(64)..bytes.len());
    for cut in cuts {
        let err = knowledge::read_compiled(&bytes[..cut]).expect_err("a cut knowledge base must not read");
        assert_eq!(err.file, "the compiled content");
        assert!(!err.message.is_empty());
    }
}

#[test]
fn a_type_that_needs_a_self_describing_format_gets_a_clear_error() {
    let bytes = binary::to_bytes(&shapes("x", None)).expect("written");
    let err = binary::from_bytes::<serde_json::Value>(&bytes).expect_err("not self-describing");
    assert!(err.0.contains("knowing its type"), "{err}");
}

#[test]
fn a_bad_option_tag_bool_or_string_is_named() {
    assert!(binary::from_bytes::<Option<u8>>(&[2]).expect_err("tag 2").0.contains("option"));
    assert!(binary::from_bytes::<bool>(&[7]).expect_err("bool 7").0.contains("bool"));
    assert!(binary::from_bytes::<String>(&[2, 0xff, 0xfe]).expect_err("not UTF-8").0.contains("UTF-8"));
    assert!(binary::from_bytes::<Vec<u8>>(&[0xff, 0xff, 0xff, 0xff, 0x0f]).expect_err("length beyond the data").0.contains("ends too early"));
    assert!(binary::from_bytes::<u64>(&[0xff; 11]).expect_err("an endless number").0.contains("too long"));
    assert!(binary::from_bytes::<Kind>(&[9]).is_err(), "an unknown variant is refused");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A changed byte anywhere either reads as some knowledge base or is
    /// an error: never a panic, never an allocation the data cannot hold.
    #[test]
    fn a_damaged_byte_never_panics(at in 0usize..knowledge::COMPILED.len(), value in any::<u8>()) {
        let mut bytes = knowledge::COMPILED.to_vec();
        bytes[at] = value;
        let _ = knowledge::read_compiled(&bytes);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = knowledge::read_compiled(&bytes);
        let _ = binary::from_bytes::<Shapes>(&bytes);
    }
}
