//! The app's addresses (`ui::route`): every route is written and read
//! back the same, every address the app has ever given out still opens
//! its page, and a broken or strange address is the not-found page, never
//! a panic.

use backup_doctor::ui::route::Route;
use proptest::prelude::*;

fn every_route() -> Vec<Route> {
    vec![
        Route::Home,
        Route::Check,
        Route::CheckStep { step: 0 },
        Route::CheckStep { step: 12 },
        Route::Share { token: "AQID-_x.y~z".into() },
        Route::Codes,
        Route::Code { code: "4013".into() },
        Route::Alert { id: "not-enough-storage".into() },
        Route::Fixes,
        Route::Fix { id: "check-icloud-storage".into() },
        Route::Faq,
        Route::FaqEntry { id: "how-long".into() },
        Route::Guides,
        Route::Guide { id: "free-up-icloud".into() },
        Route::PanicTest,
        Route::NotFound,
    ]
}

#[test]
fn every_route_reads_back_from_its_own_address() {
    for route in every_route() {
        assert_eq!(Route::parse(&route.path()), route, "{}", route.path());
    }
}

#[test]
fn the_addresses_given_out_so_far_open_their_pages() {
    let table = [
        ("/", Route::Home),
        ("/check", Route::Check),
        ("/check/3", Route::CheckStep { step: 3 }),
        ("/codes", Route::Codes),
        ("/codes/4013", Route::Code { code: "4013".into() }),
        ("/fixes/sign-out-sign-in", Route::Fix { id: "sign-out-sign-in".into() }),
        ("/alerts/no-verified-email", Route::Alert { id: "no-verified-email".into() }),
        ("/faq/how-long", Route::FaqEntry { id: "how-long".into() }),
        ("/guides", Route::Guides),
        ("/share/AbC_-9", Route::Share { token: "AbC_-9".into() }),
        ("/__panic-test", Route::PanicTest),
        ("/not-found", Route::NotFound),
        // A final slash and a query are ignored.
        ("/codes/", Route::Codes),
        ("/faq?from=portal", Route::Faq),
        ("/codes/4013?x=1", Route::Code { code: "4013".into() }),
        // So is an anchor, but an anchor on the FAQ names its entry (with
        // or without the entries' element id prefix).
        ("/guides/what-a-backup-holds#steps", Route::Guide { id: "what-a-backup-holds".into() }),
        ("/codes#", Route::Codes),
        ("/codes/#x", Route::Codes),
        ("/faq#how-long", Route::FaqEntry { id: "how-long".into() }),
        ("/faq/#faq-how-long", Route::FaqEntry { id: "how-long".into() }),
        ("/faq#", Route::Faq),
        ("/faq#how-long?from=portal", Route::FaqEntry { id: "how-long".into() }),
        ("/faq/how-long#other", Route::FaqEntry { id: "how-long".into() }),
    ];
    for (path, route) in table {
        assert_eq!(Route::parse(path), route, "{path:?}");
    }
}

#[test]
fn broken_addresses_are_not_found() {
    for path in ["main", "/nowhere", "/check/x", "/check/-1", "/check/99999999999999999999999", "/codes/4013/more", "/codes//", "//", "/share", "/alerts", "/Check", "/guides/a/b"] {
        let route = Route::parse(path);
        // "//" is "/" with a final slash: home.
        if path == "//" {
            assert_eq!(route, Route::Home);
            continue;
        }
        assert_eq!(route, Route::NotFound, "{path:?}");
    }
}

#[test]
fn parameters_are_percent_encoded_and_decoded() {
    let code = Route::Code { code: "é 40/13?".into() };
    assert_eq!(code.path(), "/codes/%C3%A9%2040%2F13%3F");
    assert_eq!(Route::parse(&code.path()), code);
    // A typed address with an escape, or a broken one, keeps what it can.
    assert_eq!(Route::parse("/codes/40%31%33"), Route::Code { code: "4013".into() });
    assert_eq!(Route::parse("/codes/%ZZ"), Route::Code { code: "%ZZ".into() });
    assert_eq!(Route::parse("/codes/%+1"), Route::Code { code: "%+1".into() });
    assert_eq!(Route::parse("/codes/%FF"), Route::Code { code: "%FF".into() }, "not UTF-8: kept as typed");
    assert_eq!(Route::parse("/codes/50%"), Route::Code { code: "50%".into() });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_address_makes_routing_panic(path in ".*") {
        let _ = Route::parse(&path);
    }

    #[test]
    fn any_parameter_survives_the_round_trip(id in ".+") {
        let route = Route::Guide { id };
        prop_assert_eq!(Route::parse(&route.path()), route);
    }
}
