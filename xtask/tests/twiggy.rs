//! The by-crate summary of twiggy's output.

use xtask::{bytes_by_crate, crate_of, csv_fields};

#[test]
fn names_are_attributed_to_their_crate() {
    assert_eq!(crate_of("serde_json::de::from_str"), "serde_json");
    assert_eq!(crate_of("<serde_json::de::Deserializer<R> as serde::de::Deserializer>::deserialize_any"), "serde_json");
    assert_eq!(crate_of("<&mut yew::html::Scope as core::fmt::Debug>::fmt"), "yew");
    assert_eq!(crate_of("backup_doctor::engine::Engine::next"), "backup_doctor");
    assert_eq!(crate_of("data[3]"), "(data segments: strings, tables)");
    assert_eq!(crate_of("__wbindgen_malloc"), "wasm-bindgen");
    assert_eq!(crate_of("code[12]"), "(other: shims, tables, unnamed)");
    assert_eq!(crate_of("core[c5930c85a12de822]::fmt::float::float_to_decimal_common_shortest::<f64>"), "core");
    assert_eq!(crate_of("<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<X>>::malloc"), "dlmalloc");
    assert_eq!(crate_of("custom section '__wasm_bindgen_unstable'"), xtask::CUSTOM_SECTIONS);
    assert_eq!(crate_of("\"function names\" subsection"), xtask::CUSTOM_SECTIONS);
}

#[test]
fn quoted_fields_keep_their_commas() {
    assert_eq!(csv_fields(r#""a<b, c>",12,1.5"#), vec!["a<b, c>", "12", "1.5"]);
    assert_eq!(csv_fields(r#""say ""hi""",3,0.1"#), vec![r#"say "hi""#, "3", "0.1"]);
}

#[test]
fn sizes_are_summed_by_crate_largest_first() {
    let csv = "Name,ShallowSize,ShallowSizePercent\nyew::a,10,1.0\n\"<serde::b<X, Y> as serde::C>::d\",30,3.0\nyew::e,25,2.5\ndata[0],5,0.5\n";
    assert_eq!(
        bytes_by_crate(csv),
        vec![("yew".to_string(), 35), ("serde".to_string(), 30), ("(data segments: strings, tables)".to_string(), 5)]
    );
}
