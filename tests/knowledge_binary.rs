//! The binary form the app carries its content in (`knowledge::binary`):
//! what the build wrote reads back as the validated files, every value
//! survives the round trip exactly, strings are stored once, and damaged
//! bytes give an error (the check sum), never a panic, a wrong knowledge
//! base or an allocation out of proportion to the data.

use backup_doctor::knowledge::binary::{self, Binary};
use backup_doctor::knowledge::{self, validate, IosVersion, KnowledgeBase, Risk, FILES};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn files() -> KnowledgeBase {
    validate::validate_files(FILES).unwrap_or_else(|p| panic!("the data files do not validate: {} problem(s)", p.len()))
}

#[test]
fn the_compiled_bytes_are_the_validated_files_written_by_this_writer() {
    let kb = files();
    assert_eq!(binary::to_bytes(&kb), knowledge::COMPILED, "build.rs wrote something other than the validated files");
    assert_eq!(knowledge::read_compiled(knowledge::COMPILED).expect("the compiled bytes read"), kb);
}

fn round_trip<T: Binary + PartialEq + std::fmt::Debug>(value: T) -> T {
    let back: T = binary::from_bytes(&binary::to_bytes(&value)).expect("reads back");
    assert_eq!(back, value);
    back
}

#[test]
fn every_kind_of_value_survives_the_round_trip_exactly() {
    round_trip(String::new());
    round_trip("Réglages > [ton nom] > iCloud ストレージ".to_string());
    round_trip(vec![Some("a".to_string()), None, Some(String::new())]);
    round_trip(vec![u32::MAX, 0, 127, 128, 300]);
    round_trip(vec![true, false]);
    round_trip(vec![IosVersion::Before10_3, IosVersion::Ios26, IosVersion::Ios15To16]);
    round_trip(vec![Risk::None, Risk::LosesData]);
    let shares = round_trip(BTreeMap::from([("storage".to_string(), 0.1 + 0.2), ("tiny".to_string(), 1e-300), ("zero".to_string(), -0.0)]));
    assert_eq!(shares["storage"].to_bits(), (0.1f64 + 0.2).to_bits(), "a probability must come back bit for bit");
    assert!(shares["zero"].is_sign_negative());
}

#[test]
fn a_string_used_many_times_is_stored_once() {
    let bytes = binary::to_bytes(&vec!["storage-full".to_string(); 50]);
    // The table (one string of 12 bytes), 50 references to it, the sum.
    assert_eq!(bytes.len(), 1 + 1 + 12 + 1 + 50 + 8);
    assert_eq!(&bytes[..2], &[1, 12]);
    assert!(bytes[15..65].iter().all(|&b| b == 0));
}

#[test]
fn a_value_with_bytes_left_over_is_refused() {
    let mut bytes = binary::to_bytes(&"x".to_string());
    bytes.truncate(bytes.len() - 8);
    bytes.push(0);
    let err = binary::from_bytes::<String>(&binary::seal(bytes)).expect_err("a trailing byte is refused");
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
fn each_kind_of_damage_is_named() {
    // Each starts with an empty string table (0), then the value.
    let named = |bytes: &[u8], what: &str, err: binary::Error| assert!(err.0.contains(what), "{bytes:?}: {err}");
    let cases: [(&[u8], &str, fn(&[u8]) -> Option<binary::Error>); 8] = [
        (&[0, 2], "option", |b| binary::from_bytes::<Option<u32>>(b).err()),
        (&[0, 7], "bool", |b| binary::from_bytes::<bool>(b).err()),
        (&[1, 2, 0xff, 0xfe, 0], "UTF-8", |b| binary::from_bytes::<String>(b).err()),
        (&[0, 5], "no such string", |b| binary::from_bytes::<String>(b).err()),
        (&[0, 0xff, 0xff, 0xff, 0xff, 0x0f], "ends too early", |b| binary::from_bytes::<Vec<bool>>(b).err()),
        (&[0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], "too long", |b| binary::from_bytes::<u32>(b).err()),
        (&[0, 0x80, 0x80, 0x80, 0x80, 0x10], "out of range", |b| binary::from_bytes::<u32>(b).err()),
        (&[0, 9], "not a variant of IosVersion", |b| binary::from_bytes::<IosVersion>(b).err()),
    ];
    for (bytes, what, read) in cases {
        let sealed = binary::seal(bytes.to_vec());
        named(bytes, what, read(&sealed).unwrap_or_else(|| panic!("{bytes:?} must not read")));
    }
}

#[test]
fn a_damaged_or_missing_check_sum_is_refused() {
    let mut bytes = binary::to_bytes(&"iCloud".to_string());
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    assert!(binary::from_bytes::<String>(&bytes).expect_err("a wrong sum").0.contains("check sum"));
    assert!(binary::from_bytes::<String>(&[1, 2, 3]).expect_err("shorter than a sum").0.contains("ends too early"));
}

#[test]
fn a_string_repeated_beyond_what_the_data_holds_is_refused() {
    // One string of 1,000 bytes used 20,000 times: 20 MB from 21 KB.
    let mut body = vec![1, 0xe8, 0x07];
    body.extend(std::iter::repeat_n(b'x', 1000));
    body.extend([0xa0, 0x9c, 0x01]);
    body.extend(std::iter::repeat_n(0u8, 20_000));
    let err = binary::from_bytes::<Vec<String>>(&binary::seal(body)).expect_err("a string bomb");
    assert!(err.0.contains("more than the data can hold"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A changed byte anywhere is an error (the check sum), not another
    /// knowledge base.
    #[test]
    fn a_damaged_byte_is_an_error(at in 0usize..knowledge::COMPILED.len(), flip in 1u8..=255) {
        let mut bytes = knowledge::COMPILED.to_vec();
        bytes[at] ^= flip;
        prop_assert!(knowledge::read_compiled(&bytes).is_err());
    }

    /// Bytes that pass the check sum but are not what the build wrote
    /// read as something or fail: never a panic.
    #[test]
    fn damaged_but_sealed_bytes_never_panic(at in 0usize..knowledge::COMPILED.len() - 8, value in any::<u8>()) {
        let mut body = knowledge::COMPILED[..knowledge::COMPILED.len() - 8].to_vec();
        body[at] = value;
        let _ = knowledge::read_compiled(&binary::seal(body));
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = knowledge::read_compiled(&bytes);
        let sealed = binary::seal(bytes);
        let _ = knowledge::read_compiled(&sealed);
        let _ = binary::from_bytes::<Vec<Option<String>>>(&sealed);
    }

    #[test]
    fn any_strings_survive_the_round_trip(list in proptest::collection::vec(".*", 0..20)) {
        let back: Vec<String> = binary::from_bytes(&binary::to_bytes(&list)).expect("reads back");
        prop_assert_eq!(back, list);
    }
}
