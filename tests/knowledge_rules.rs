//! One test per validation rule: take the real files, break one thing, and
//! check that the validator names the file, the id and the rule.

use backup_doctor::knowledge::validate::{validate_files, Problem};
use backup_doctor::knowledge::FILES;
use serde_json::{json, Value};

/// The real files as editable JSON, by name.
fn files() -> Vec<(String, Value)> {
    FILES.iter().map(|(name, text)| (name.to_string(), serde_json::from_str(text).expect("real file parses"))).collect()
}

fn file<'a>(files: &'a mut [(String, Value)], name: &str) -> &'a mut Value {
    &mut files.iter_mut().find(|(n, _)| n == name).expect("file exists").1
}

/// The entry with this id (or code) in a top-level list.
fn entry<'a>(files: &'a mut [(String, Value)], name: &str, field: &str, id: &str) -> &'a mut Value {
    file(files, name)[field]
        .as_array_mut()
        .expect("a list")
        .iter_mut()
        .find(|e| e["id"] == id || e["code"] == id)
        .unwrap_or_else(|| panic!("{field} has {id}"))
}

fn run(files: &[(String, Value)]) -> Vec<Problem> {
    let texts: Vec<(String, String)> = files.iter().map(|(n, v)| (n.clone(), v.to_string())).collect();
    let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    match validate_files(&refs) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

/// Breaks the real files with `edit`, and asserts a problem in `file` for
/// `id` whose message contains `needle`.
fn expect_problem(edit: impl FnOnce(&mut Vec<(String, Value)>), file: &str, id: &str, needle: &str) {
    let mut f = files();
    edit(&mut f);
    let problems = run(&f);
    let found = problems.iter().any(|p| p.file == file && p.id == id && p.message.contains(needle));
    let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert!(found, "expected `{file}: {id}: ...{needle}...`, got:\n{}", list.join("\n"));
    let shown = problems.iter().find(|p| p.file == file && p.id == id && p.message.contains(needle)).map(|p| p.to_string());
    assert!(shown.is_some_and(|s| s.starts_with(&format!("{file}: {id}: "))));
}

#[test]
fn the_unbroken_files_have_no_problems() {
    assert_eq!(run(&files()), Vec::<Problem>::new());
}

// --- an id repeats

#[test]
fn a_repeated_fix_id_is_reported() {
    expect_problem(|f| entry(f, "fixes.json", "fixes", "update-ios")["id"] = json!("better-wifi"), "fixes.json", "better-wifi", "more than once");
}

#[test]
fn a_repeated_answer_id_is_reported() {
    expect_problem(
        |f| entry(f, "questions.json", "questions", "battery-power")["answers"][1]["id"] = json!("plugged-in"),
        "questions.json",
        "battery-power/plugged-in",
        "more than once",
    );
}

#[test]
fn a_repeated_cause_id_is_reported() {
    expect_problem(|f| entry(f, "causes.json", "causes", "ios-update-needed")["id"] = json!("wifi-problem"), "causes.json", "wifi-problem", "more than once");
}

// --- a reference does not resolve

#[test]
fn a_tip_naming_an_unknown_cause_is_reported() {
    expect_problem(
        |f| entry(f, "reference.json", "tips", "home-wifi")["causes"] = json!(["wifi-problems"]),
        "reference.json",
        "home-wifi",
        "`wifi-problems` does not exist",
    );
}

#[test]
fn a_likelihood_naming_an_unknown_cause_is_reported() {
    expect_problem(
        |f| entry(f, "questions.json", "questions", "vpn-on")["answers"][0]["likelihoods"]["vpn"] = json!(0.5),
        "questions.json",
        "vpn-on/yes",
        "`vpn`, which does not exist",
    );
}

#[test]
fn an_unknown_seed_question_is_reported() {
    expect_problem(|f| file(f, "meta.json")["seed_question"] = json!("what-the-screen-says"), "meta.json", "seed_question", "does not exist");
}

#[test]
fn an_error_code_with_an_unknown_cause_is_reported() {
    expect_problem(|f| entry(f, "codes.json", "error_codes", "9010")["cause"] = json!("wrong-time"), "codes.json", "9010", "`wrong-time` does not exist");
}

#[test]
fn a_see_also_that_goes_nowhere_is_reported() {
    expect_problem(
        |f| entry(f, "reference.json", "faq", "back-up-without-icloud")["see_also"] = json!(["itunes-backup"]),
        "reference.json",
        "back-up-without-icloud",
        "`itunes-backup`",
    );
}

#[test]
fn an_alert_naming_a_missing_seed_answer_is_reported() {
    expect_problem(|f| entry(f, "codes.json", "alerts", "needs-wifi")["answer"] = json!("no-wifi"), "codes.json", "needs-wifi", "`no-wifi` is not an answer");
}

// --- a probability is outside (0, 1]

#[test]
fn a_fix_probability_above_one_is_reported() {
    expect_problem(
        |f| entry(f, "fixes.json", "fixes", "update-ios")["fixes"]["ios-update-needed"] = json!(1.5),
        "fixes.json",
        "update-ios",
        "outside (0, 1]",
    );
}

#[test]
fn a_zero_likelihood_is_reported() {
    expect_problem(
        |f| entry(f, "codes.json", "alerts", "needs-wifi")["likelihoods"]["*"] = json!(0.0),
        "codes.json",
        "needs-wifi",
        "outside (0, 1]",
    );
}

#[test]
fn a_negative_prior_is_reported() {
    expect_problem(|f| entry(f, "causes.json", "causes", "something-else")["prior"] = json!(-0.04), "causes.json", "something-else", "outside (0, 1]");
}

// --- the priors do not sum to 1

#[test]
fn priors_that_do_not_sum_to_one_are_reported() {
    expect_problem(|f| entry(f, "causes.json", "causes", "not-enough-icloud-storage")["prior"] = json!(0.31), "causes.json", "(priors)", "sum to");
}

// --- a cause no fix can fix

#[test]
fn a_cause_that_only_support_can_fix_is_reported() {
    expect_problem(
        |f| {
            for fix in file(f, "fixes.json")["fixes"].as_array_mut().expect("list") {
                if fix.get("kind").is_none() {
                    let map = fix["fixes"].as_object_mut().expect("map");
                    map.remove("*");
                    map.remove("wrong-date-time");
                }
            }
        },
        "causes.json",
        "wrong-date-time",
        "no fix can fix this cause",
    );
}

// --- an answer with no likelihoods

#[test]
fn an_answer_without_likelihoods_is_reported() {
    expect_problem(
        |f| {
            let answer = &mut entry(f, "questions.json", "questions", "battery-power")["answers"][0];
            answer.as_object_mut().expect("object").remove("likelihoods");
        },
        "questions.json",
        "battery-power/plugged-in",
        "no likelihoods",
    );
}

#[test]
fn an_answer_missing_a_cause_is_reported() {
    expect_problem(
        |f| {
            let answer = &mut entry(f, "questions.json", "questions", "battery-power")["answers"][0]["likelihoods"];
            answer.as_object_mut().expect("object").remove("*");
        },
        "questions.json",
        "battery-power/plugged-in",
        "no likelihood for the cause `wifi-problem`",
    );
}

#[test]
fn likelihoods_that_do_not_sum_to_one_are_reported() {
    expect_problem(
        |f| entry(f, "questions.json", "questions", "vpn-on")["answers"][0]["likelihoods"]["vpn-or-content-blocker"] = json!(0.5),
        "questions.json",
        "vpn-on",
        "`vpn-or-content-blocker` sum to",
    );
}

// --- exactly one "not sure" answer

#[test]
fn a_question_without_a_not_sure_answer_is_reported() {
    expect_problem(
        |f| {
            let answers = entry(f, "questions.json", "questions", "vpn-on")["answers"].as_array_mut().expect("list");
            answers.retain(|a| a.get("unsure").is_none());
        },
        "questions.json",
        "vpn-on",
        "exactly one \"not sure\" answer",
    );
}

#[test]
fn a_question_with_two_not_sure_answers_is_reported() {
    expect_problem(
        |f| {
            let answers = entry(f, "questions.json", "questions", "date-time")["answers"].as_array_mut().expect("list");
            answers.push(json!({ "id": "no-idea", "label": "No idea", "unsure": true }));
        },
        "questions.json",
        "date-time",
        "has 2",
    );
}

// --- P(not sure | cause) on the "not sure" answer

/// The vpn-on question with P(not sure | cause) on its "not sure" answer:
/// 0.2 for every cause, the informative answers scaled to the 0.8 left.
fn vpn_with_unsure(f: &mut [(String, Value)], unsure: Value) {
    let answers = entry(f, "questions.json", "questions", "vpn-on")["answers"].as_array_mut().expect("list");
    for a in answers.iter_mut() {
        if a.get("unsure").is_some() {
            a["likelihoods"] = unsure.clone();
        } else {
            let lik = a["likelihoods"].as_object_mut().expect("map");
            for v in lik.values_mut() {
                *v = json!(v.as_f64().expect("number") * 0.8);
            }
        }
    }
}

#[test]
fn not_sure_may_carry_its_own_likelihoods() {
    let mut f = files();
    vpn_with_unsure(&mut f, json!({ "*": 0.2 }));
    assert_eq!(run(&f), Vec::<Problem>::new());
}

#[test]
fn not_sure_likelihoods_must_name_every_cause() {
    expect_problem(
        |f| vpn_with_unsure(f, json!({ "vpn-or-content-blocker": 0.2 })),
        "questions.json",
        "vpn-on/unsure",
        "no P(not sure | cause) for the cause",
    );
}

#[test]
fn not_sure_likelihoods_must_leave_room_for_an_answer() {
    expect_problem(|f| vpn_with_unsure(f, json!({ "*": 0.95 })), "questions.json", "vpn-on/unsure", "must be between 0 and 0.9");
}

#[test]
fn informative_answers_must_fit_what_not_sure_leaves() {
    // 0.8 is left by P(not sure) = 0.2, not by 0.3.
    expect_problem(|f| vpn_with_unsure(f, json!({ "*": 0.3 })), "questions.json", "vpn-on", "sum to");
}

// --- a fix with a risk has no warning

#[test]
fn a_risky_fix_without_a_warning_is_reported() {
    expect_problem(
        |f| {
            entry(f, "fixes.json", "fixes", "reset-network-settings").as_object_mut().expect("object").remove("warning");
        },
        "fixes.json",
        "reset-network-settings",
        "no warning",
    );
}

#[test]
fn a_risky_fix_without_a_risky_step_is_reported() {
    expect_problem(
        |f| {
            for v in entry(f, "fixes.json", "fixes", "delete-icloud-backup")["variants"].as_array_mut().expect("list") {
                for s in v["steps"].as_array_mut().expect("list") {
                    s.as_object_mut().expect("object").remove("risky");
                }
            }
        },
        "fixes.json",
        "delete-icloud-backup",
        "marked risky",
    );
}

// --- a variant set leaves a supported iOS version or model uncovered

#[test]
fn a_force_restart_missing_the_iphone_7_is_reported() {
    expect_problem(
        |f| {
            let variants = entry(f, "fixes.json", "fixes", "force-restart")["variants"].as_array_mut().expect("list");
            variants.retain(|v| v["applies"]["model"] != json!(["iphone7"]));
        },
        "fixes.json",
        "force-restart",
        "ios26 + iphone7",
    );
}

#[test]
fn help_missing_an_old_ios_is_reported() {
    expect_problem(
        |f| {
            let help = entry(f, "questions.json", "questions", "icloud-storage-full")["help"].as_array_mut().expect("list");
            help.retain(|h| h["applies"]["ios"] != json!(["before10-3"]));
        },
        "questions.json",
        "icloud-storage-full",
        "before10-3 + face-id",
    );
}

#[test]
fn restore_steps_missing_ios_26_are_reported() {
    expect_problem(
        |f| {
            let steps = entry(f, "reference.json", "guides", "how-to-restore")["sections"][0]["steps"].as_array_mut().expect("list");
            steps.retain(|v| v["applies"]["ios"] != json!(["ios26", "ios18"]));
        },
        "reference.json",
        "how-to-restore/section 1",
        "ios26 + face-id, ios26 + home-button8-later, ios26 + iphone7, ios26 + iphone6s-earlier, ios18 + face-id",
    );
}

// --- variants not listed newest iOS first

#[test]
fn variants_with_old_ios_first_are_reported() {
    expect_problem(
        |f| entry(f, "fixes.json", "fixes", "verify-apple-id")["variants"].as_array_mut().expect("list").reverse(),
        "fixes.json",
        "verify-apple-id",
        "newest iOS first",
    );
}

// --- sources

#[test]
fn a_fix_variant_without_sources_is_reported() {
    expect_problem(
        |f| entry(f, "fixes.json", "fixes", "check-date-time")["variants"][0]["sources"] = json!([]),
        "fixes.json",
        "check-date-time/variant 1",
        "has no sources",
    );
}

#[test]
fn question_help_without_sources_is_reported() {
    expect_problem(
        |f| {
            let help = &mut entry(f, "questions.json", "questions", "wifi-signal")["help"][0];
            help.as_object_mut().expect("object").remove("sources");
        },
        "questions.json",
        "wifi-signal/help 1",
        "has no sources",
    );
}

#[test]
fn a_guide_faq_or_alert_without_sources_is_reported() {
    expect_problem(|f| entry(f, "reference.json", "guides", "where-backups-live")["sources"] = json!([]), "reference.json", "where-backups-live", "has no sources");
    expect_problem(|f| entry(f, "reference.json", "faq", "fails-halfway")["sources"] = json!([]), "reference.json", "fails-halfway", "has no sources");
    expect_problem(|f| entry(f, "codes.json", "alerts", "needs-wifi")["sources"] = json!([]), "codes.json", "needs-wifi", "has no sources");
}

#[test]
fn an_unknown_source_is_reported() {
    expect_problem(
        |f| entry(f, "reference.json", "faq", "security-delay")["sources"] = json!(["apple-nowhere"]),
        "reference.json",
        "security-delay",
        "the source `apple-nowhere`, which is not in sources.json",
    );
}

#[test]
fn a_page_source_without_address_or_date_is_reported() {
    expect_problem(
        |f| entry(f, "sources.json", "sources", "apple-stolen-device-protection")["url"] = json!("http://support.apple.com/120340"),
        "sources.json",
        "apple-stolen-device-protection",
        "starting with https://",
    );
    expect_problem(
        |f| entry(f, "sources.json", "sources", "apple-stolen-device-protection")["checked"] = json!("1 Dec 2026"),
        "sources.json",
        "apple-stolen-device-protection",
        "as YYYY-MM-DD",
    );
}

#[test]
fn a_repeated_source_id_is_reported() {
    expect_problem(
        |f| entry(f, "sources.json", "sources", "unverified-buttons")["id"] = json!("article"),
        "sources.json",
        "article",
        "more than once",
    );
}

// --- Stolen Device Protection only where iOS has it

#[test]
fn a_stolen_device_protection_note_before_ios_17_is_reported() {
    expect_problem(
        |f| {
            entry(f, "fixes.json", "fixes", "verify-apple-id")["variants"][2]["stolen_device_protection"] = json!("A Security Delay may start.")
        },
        "fixes.json",
        "verify-apple-id",
        "needs iOS 17.3 or later",
    );
}

// --- the history of earlier content versions

#[test]
fn an_answer_change_for_an_answer_that_still_exists_is_reported() {
    expect_problem(
        |f| file(f, "history.json")["answer_changes"][0]["answer"] = json!("ios26"),
        "history.json",
        "ios-version/ios26",
        "still exists",
    );
}

#[test]
fn an_answer_change_into_an_unknown_answer_is_reported() {
    expect_problem(
        |f| file(f, "history.json")["answer_changes"][0]["becomes"][0]["answer"] = json!("maybe"),
        "history.json",
        "ios-version/ios15-current",
        "`software-update/maybe`, which is no answer",
    );
}

#[test]
fn an_earlier_layout_as_new_as_the_content_is_reported() {
    expect_problem(
        |f| file(f, "history.json")["earlier_layouts"][0]["content_version"] = json!(2),
        "history.json",
        "version 2",
        "not older than the content version 2",
    );
}

#[test]
fn an_answer_change_as_new_as_the_content_is_reported() {
    expect_problem(
        |f| file(f, "history.json")["answer_changes"][0]["until_version"] = json!(2),
        "history.json",
        "ios-version/ios15-current",
        "until_version 2 is not older than the content version 2",
    );
}

#[test]
fn an_earlier_layout_listed_twice_is_reported() {
    expect_problem(
        |f| {
            let layouts = &mut file(f, "history.json")["earlier_layouts"];
            let first = layouts[0].clone();
            layouts.as_array_mut().expect("a list").push(first);
        },
        "history.json",
        "version 1",
        "listed more than once",
    );
}

// --- any text field is empty

#[test]
fn an_empty_summary_is_reported() {
    expect_problem(|f| entry(f, "causes.json", "causes", "low-battery")["summary"] = json!(""), "causes.json", "low-battery", "`summary` is empty");
}

#[test]
fn an_empty_step_deep_in_a_fix_is_reported() {
    expect_problem(
        |f| entry(f, "fixes.json", "fixes", "check-date-time")["variants"][0]["steps"][1]["text"] = json!("  "),
        "fixes.json",
        "check-date-time",
        "`variants[1].steps[2].text` is empty",
    );
}

#[test]
fn an_empty_faq_paragraph_is_reported() {
    expect_problem(|f| entry(f, "reference.json", "faq", "fails-halfway")["answer"][1] = json!(""), "reference.json", "fails-halfway", "`answer[2]` is empty");
}

// --- evidence must point to its own cause

#[test]
fn an_error_code_that_points_elsewhere_is_reported() {
    expect_problem(
        |f| entry(f, "codes.json", "error_codes", "9010")["likelihoods"]["wrong-date-time"] = json!(0.05),
        "codes.json",
        "9010",
        "at least as likely as its own cause",
    );
}

// --- the file is named, wherever a field lives

#[test]
fn a_field_moved_to_another_file_is_reported_in_that_file() {
    let mut f = files();
    let tips = file(&mut f, "reference.json").as_object_mut().expect("object").remove("tips").expect("tips");
    f.push(("tips.json".into(), json!({ "tips": tips })));
    assert_eq!(run(&f), Vec::<Problem>::new(), "moving a field to a new file is fine");
    entry(&mut f, "tips.json", "tips", "home-wifi")["title"] = json!("");
    let problems = run(&f);
    assert!(problems.iter().any(|p| p.file == "tips.json" && p.id == "home-wifi"), "{problems:?}");
}

#[test]
fn broken_json_names_the_file() {
    let mut texts: Vec<(String, String)> = files().into_iter().map(|(n, v)| (n, v.to_string())).collect();
    texts[2].1.push('}');
    let name = texts[2].0.clone();
    let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let problems = validate_files(&refs).expect_err("broken JSON");
    assert!(problems.iter().any(|p| p.file == name && p.message.contains("not valid JSON")), "{problems:?}");
}

#[test]
fn a_wrong_type_names_the_file_and_entry() {
    expect_problem(|f| entry(f, "fixes.json", "fixes", "update-ios")["risk"] = json!("some"), "fixes.json", "update-ios", "unknown variant `some`");
}

#[test]
fn a_field_set_twice_is_reported() {
    expect_problem(|f| file(f, "reference.json")["causes"] = json!([]), "reference.json", "causes", "already set in causes.json");
}
