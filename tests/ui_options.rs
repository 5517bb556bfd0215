//! Embedding options: every value validated, invalid ones reported with
//! the default kept.

use backup_doctor::ui::options::{is_origin, parse, query_pairs, EmbedOptions, Handover, Scheme, StartPage, DEFAULT_CONTACT_URL};

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

#[test]
fn valid_options_are_taken() {
    let (o, problems) = parse(&pairs(&[
        ("start", "codes/9006"),
        ("code", "9007"),
        ("ns", "portal_1"),
        ("accent", "#c2410c"),
        ("font", "\"Inter\", Arial, sans-serif"),
        ("radius", "4"),
        ("scheme", "dark"),
        ("contact_label", "Open a ticket"),
        ("contact_url", "https://portal.example.com/tickets/new"),
        ("origins", "https://portal.example.com, http://127.0.0.1:8081"),
        ("handover", "self-service"),
    ]));
    assert_eq!(problems, vec![]);
    assert_eq!(o.handover, Handover::SelfService);
    assert_eq!(o.handover.name(), "self-service");
    assert_eq!(o.start, StartPage::Code("9006".into()));
    assert_eq!(o.start.path(), "/codes/9006");
    assert_eq!(o.code.as_deref(), Some("9007"));
    assert_eq!(o.ns, "portal_1");
    assert_eq!(o.accent.as_deref(), Some("#c2410c"));
    assert_eq!(o.radius, Some(4));
    assert_eq!(o.scheme, Scheme::Dark);
    assert_eq!(o.contact_label, "Open a ticket");
    assert_eq!(o.origins, vec!["https://portal.example.com", "http://127.0.0.1:8081"]);
}

#[test]
fn invalid_values_fall_back_and_are_reported() {
    let table = [
        ("start", "admin"),
        ("code", "90 06"),
        ("ns", "../etc"),
        ("accent", "red;x"),
        ("accent", "#12345"),
        ("font", "x;}body{display:none"),
        ("radius", "999"),
        ("radius", "-1"),
        ("scheme", "purple"),
        ("contact_label", ""),
        ("contact_url", "javascript:alert(1)"),
        ("contact_url", "http://insecure.example"),
        ("origins", "*"),
        ("origins", "https://a.example/path"),
        ("colour", "#fff"),
        ("handover", "never"),
        ("handover", "Quick"),
    ];
    for (name, value) in table {
        let (o, problems) = parse(&pairs(&[(name, value)]));
        assert_eq!(problems.len(), 1, "{name}={value:?} must be reported");
        assert_eq!(problems[0].option, name);
        assert!(problems[0].to_string().contains("using the default"));
        let d = EmbedOptions::default();
        assert_eq!((o.start, o.code, o.ns, o.accent, o.font, o.radius, o.scheme), (d.start, d.code, d.ns, d.accent, d.font, d.radius, d.scheme));
        assert_eq!(o.contact_url, DEFAULT_CONTACT_URL);
        assert!(o.origins.is_empty());
        assert_eq!(o.handover, Handover::Balanced);
    }
}

#[test]
fn origins_are_exact() {
    for ok in ["https://portal.example.com", "http://127.0.0.1:8080", "https://x.example:443"] {
        assert!(is_origin(ok), "{ok}");
    }
    for bad in ["portal.example.com", "https://", "https://a.example/", "ftp://a.example", "https://a.example:99999x", "*", "null"] {
        assert!(!is_origin(bad), "{bad}");
    }
}

#[test]
fn query_strings_are_decoded() {
    let p = query_pairs("?accent=%23c2410c&contact_label=Open+a+ticket&bad=%zz&&empty=");
    assert_eq!(p[0], ("accent".into(), "#c2410c".into()));
    assert_eq!(p[1], ("contact_label".into(), "Open a ticket".into()));
    assert_eq!(p[2], ("bad".into(), "%zz".into()));
    assert_eq!(p[3], ("empty".into(), "".into()));
    assert!(query_pairs("").is_empty());
    // Any bytes at all: no panic.
    for s in ["%", "%%", "%e2%82", "=", "a=%", "\u{0}=\u{ffff}"] {
        let _ = query_pairs(s);
    }
}

#[test]
fn a_portal_accent_is_adjusted_to_keep_aa_contrast_in_both_schemes() {
    use backup_doctor::ui::options::contrast;
    let rgb = |h: &str| {
        let h = h.trim_start_matches('#');
        let c = |i| f64::from(u8::from_str_radix(&h[i..i + 2], 16).unwrap());
        [c(0), c(2), c(4)]
    };
    for accent in ["#c2410c", "#ffcc00", "#000000", "#ffffff", "#1d5fd1", "#0f0"] {
        let (o, _) = parse(&pairs(&[("accent", accent)]));
        let props: std::collections::HashMap<_, _> = o.theme_properties().into_iter().collect();
        let light = rgb(&props["--bd-portal-accent"]);
        let dark = rgb(&props["--bd-portal-accent-dark"]);
        let on = rgb(&props["--bd-portal-on-accent"]);
        for bg in [[246.0, 248.0, 251.0], [255.0, 255.0, 255.0]] {
            assert!(contrast(light, bg) >= 4.5, "{accent}: light accent on light background");
        }
        for bg in [[15.0, 23.0, 36.0], [23.0, 34.0, 51.0]] {
            assert!(contrast(dark, bg) >= 4.5, "{accent}: dark-scheme accent on dark background");
        }
        assert!(contrast(on, light) >= 4.5, "{accent}: button text on the accent");
        assert!(contrast([11.0, 22.0, 48.0], dark) >= 4.5, "{accent}: dark-scheme button text");
    }
    let (o, _) = parse(&pairs(&[("radius", "4"), ("font", "Inter, sans-serif"), ("scheme", "light")]));
    let props = o.theme_properties();
    assert!(props.contains(&("--bd-radius", "4px".to_string())));
    assert!(props.contains(&("--bd-font", "Inter, sans-serif".to_string())));
    assert_eq!(o.scheme_attribute(), Some("light"));
    assert_eq!(EmbedOptions::default().theme_properties(), vec![]);
}

#[test]
fn every_handover_setting_is_read_by_its_name() {
    assert_eq!(EmbedOptions::default().handover, Handover::Balanced);
    for h in Handover::ALL {
        let (o, problems) = parse(&pairs(&[("handover", h.name())]));
        assert_eq!(problems, vec![]);
        assert_eq!(o.handover, h);
    }
}

#[test]
fn outcomes_are_off_unless_asked_for() {
    assert!(!EmbedOptions::default().outcomes);
    let (o, problems) = parse(&pairs(&[("outcomes", "1")]));
    assert!(o.outcomes && problems.is_empty());
    let (o, problems) = parse(&pairs(&[("outcomes", "yes")]));
    assert!(!o.outcomes);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].option, "outcomes");
}

#[test]
fn a_bad_value_is_quoted_and_escaped_in_the_warning() {
    let (_, problems) = parse(&pairs(&[("accent", "red\";\nx")]));
    let text = problems[0].to_string();
    assert!(text.contains(r#"option `accent` = "red\";\nx" is not valid"#), "{text}");
    let long = "#".repeat(200);
    let (_, problems) = parse(&pairs(&[("accent", &long)]));
    assert!(problems[0].to_string().contains(&format!("\"{}\"", "#".repeat(80))), "cut to 80 characters");
}
