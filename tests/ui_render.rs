//! The wizard's screens rendered with Yew's server renderer from fixed
//! sessions: what a person would see at each kind of step.

#![cfg(not(target_arch = "wasm32"))]

use backup_doctor::engine::NextStep;
use backup_doctor::knowledge::{builtin, FixKind, Risk};
use backup_doctor::platform::storage::Store;
use backup_doctor::session::{Event, Session};
use backup_doctor::ui::context::AppContext;
use backup_doctor::ui::check::Check;
use backup_doctor::ui::state::{content, AppState};
use backup_doctor::ui::steps::FixStep;
use yew::prelude::*;
use yew::LocalServerRenderer;

#[derive(Properties, PartialEq)]
struct WithState {
    session: Session,
    #[prop_or_default]
    children: Html,
}

#[component]
fn Provide(props: &WithState) -> Html {
    let session = props.session.clone();
    let state = use_reducer(move || AppState::new(session, None, Vec::new()));
    let context = AppContext {
        state,
        store: Store::memory_only("test"),
        announce: Callback::noop(),
        host: Default::default(),
        options: Default::default(),
        root: None,
        asset_base: Default::default(),
        last_step_event: Default::default(),
    };
    html! { <ContextProvider<AppContext> context={context}>{ props.children.clone() }</ContextProvider<AppContext>> }
}

#[derive(Properties, PartialEq)]
struct CheckWith {
    session: Session,
}

#[component]
fn CheckPage(props: &CheckWith) -> Html {
    html! { <Provide session={props.session.clone()}><Check /></Provide> }
}

async fn render_check(session: Session) -> String {
    unescape(&LocalServerRenderer::<CheckPage>::with_props(CheckWith { session }).render().await)
}

fn session(events: Vec<Event>) -> Session {
    let kb = builtin().expect("the knowledge base loads");
    let mut s = Session::new(kb.content_version);
    s.events = events;
    s
}

#[tokio::test]
async fn a_fresh_check_asks_the_engines_first_question_with_every_answer() {
    let (kb, engine) = content().unwrap();
    let s = session(vec![]);
    let NextStep::Ask { question, .. } = s.next(engine).unwrap().next else { panic!("a fresh run starts with a question") };
    let q = &kb.questions[question.0];
    let html = render_check(s).await;
    assert!(html.contains(&q.text), "the question is the heading: {}", q.text);
    assert!(html.contains("id=\"step-heading\""));
    for a in &q.answers {
        assert!(html.contains(&a.label), "answer {} is offered", a.label);
    }
    assert!(html.contains("Why are you asking this?"));
    assert!(html.contains("Step 1"));
    assert!(html.contains("Most likely causes right now"));
    assert!(html.contains("<progress"), "the causes chart has bars");
    assert!(html.contains('%'), "with text values");
    assert!(!html.contains(">Back<"), "nothing to go back to yet");
}

/// The rendered HTML with entities decoded, so texts compare as written.
fn unescape(html: &str) -> String {
    html.replace("&quot;", "\"").replace("&#34;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[derive(Properties, PartialEq)]
struct FixWith {
    fix: usize,
}

#[component]
fn FixPage(props: &FixWith) -> Html {
    let (_, engine) = content().unwrap();
    let s = session(vec![]);
    let outcome = s.next(engine).unwrap();
    let why = backup_doctor::engine::TryWhy { p_fixes: 0.2, cost: 10.0, efficiency: 0.02, ecr: 30.0, next_best: None, best_question: None };
    let variants = engine.variants(backup_doctor::engine::FixIx(props.fix), &outcome.device);
    html! {
        <Provide session={s}>
            <FixStep fix={props.fix} shown={variants.shown} labelled={variants.labelled} why={why} device={outcome.device} beliefs={outcome.beliefs.iter().map(|(c, p)| (c.0, *p)).collect::<Vec<_>>()} />
        </Provide>
    }
}

#[tokio::test]
async fn a_data_losing_fix_shows_its_warning_and_hides_the_steps_until_confirmed() {
    let (kb, _) = content().unwrap();
    let (ix, fix) = kb.fixes.iter().enumerate().find(|(_, f)| f.id == "delete-icloud-backup").unwrap();
    assert_eq!(fix.risk, Risk::LosesData);
    let html = unescape(&LocalServerRenderer::<FixPage>::with_props(FixWith { fix: ix }).render().await);
    assert!(html.contains("Careful: this step can delete data."));
    assert!(html.contains(fix.warning.as_deref().unwrap()));
    assert!(html.contains("I understand, show me the steps"));
    let risky_step = fix.variants.iter().flat_map(|v| &v.steps).find(|s| s.risky).unwrap();
    assert!(!html.contains(&risky_step.text), "the risky step stays hidden until confirmed");
    assert!(html.contains("I couldn't do this"));
    assert!(!html.contains("Yes, it backed up"), "no outcome before the steps are seen");
}

#[tokio::test]
async fn a_safe_fix_with_model_variants_shows_each_labelled_and_a_way_to_say_which_iphone() {
    let (kb, _) = content().unwrap();
    let (ix, fix) = kb.fixes.iter().enumerate().find(|(_, f)| f.id == "force-restart").unwrap();
    let html = unescape(&LocalServerRenderer::<FixPage>::with_props(FixWith { fix: ix }).render().await);
    for v in &fix.variants {
        assert!(html.contains(v.label.as_deref().unwrap()), "variant {:?} is labelled", v.label);
    }
    assert!(html.contains("Tell us:"), "offers to say which iPhone");
    assert!(html.contains("Yes, it backed up") && html.contains("No, still failing"));
    assert!(html.contains(&fix.verify));
}

#[tokio::test]
async fn a_fix_that_worked_ends_resolved_with_prevention_tips() {
    let html = render_check(session(vec![
        Event::Answered { question: "icloud-storage-full".into(), answer: "full".into() },
        Event::FixWorked { fix: "check-icloud-storage".into() },
    ]))
    .await;
    assert!(html.contains("Your backup is working again"));
    assert!(html.contains("What fixed it:"));
    assert!(html.contains("Keep it working"), "tips for the cause");
    assert!(html.contains("Start a new check"));
}

#[tokio::test]
async fn the_resolved_screen_follows_the_fix_that_worked() {
    // A force restart fixes a passing glitch far more often than anything
    // else: that is the cause named, with its tips, not the storage ones.
    let html = render_check(session(vec![Event::FixWorked { fix: "force-restart".into() }])).await;
    assert!(html.contains("It was most likely A passing software glitch ("), "{html}");
    assert!(!html.contains("Keep free space in iCloud"));
}

#[tokio::test]
async fn the_handover_lists_fixes_still_worth_a_try_at_home() {
    // A person who is never sure and for whom nothing works, up to the
    // hand-over, as the engine leads them.
    let (kb, engine) = content().unwrap();
    let mut s = session(Vec::new());
    let outcome = loop {
        let out = s.next(engine).unwrap();
        match out.next {
            NextStep::Ask { question, .. } => {
                let q = &kb.questions[question.0];
                let a = q.answers.iter().find(|a| a.unsure).unwrap();
                s.push(Event::Answered { question: q.id.clone(), answer: a.id.clone() });
            }
            NextStep::Try { fix, .. } => s.push(Event::FixFailed { fix: kb.fixes[fix.0].id.clone() }),
            _ => break out,
        }
    };
    assert!(!outcome.alternatives.is_empty());
    let html = render_check(s).await;
    assert!(html.contains("Still worth a try at home"));
    for alt in &outcome.alternatives {
        assert!(html.contains(&format!("Try this: {}", kb.fixes[alt.fix.0].title)), "{}", kb.fixes[alt.fix.0].id);
    }
}

#[tokio::test]
async fn a_dead_end_hands_over_to_apple_support_with_a_summary_and_the_computer_backup() {
    let (kb, _) = content().unwrap();
    let mut events = vec![Event::Answered { question: "battery-power".into(), answer: "plugged-in".into() }];
    events.extend(kb.fixes.iter().filter(|f| f.kind == FixKind::Fix).map(|f| Event::FixFailed { fix: f.id.clone() }));
    let html = render_check(session(events)).await;
    assert!(html.contains("Time to ask Apple for help"));
    assert!(html.contains("Summary for Apple Support"));
    assert!(html.contains("Copy summary") && html.contains("Print summary"));
    let way_out = kb.fixes.iter().find(|f| f.kind == FixKind::WayOut).unwrap();
    assert!(html.contains(&way_out.title));
    assert!(html.contains("did not help"), "the summary lists the fixes tried");
    let q = kb.questions.iter().find(|q| q.id == "battery-power").unwrap();
    assert!(html.contains(&q.text), "the summary lists the answers");
}

#[test]
fn every_interface_string_the_code_uses_exists() {
    let strings: std::collections::BTreeMap<String, String> = serde_json::from_str(backup_doctor::ui::text::FILE).unwrap();
    let mut missing = Vec::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let code = std::fs::read_to_string(&path).unwrap();
        for piece in code.split('"').collect::<Vec<_>>().windows(2) {
            let (before, key) = (piece[0], piece[1]);
            let quoted_key = key.contains('.') && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
            let looks_used = before.ends_with("t(") || before.ends_with("tf(") || before.ends_with("between(") || before.ends_with("=> (") || before.ends_with("=> ") || before.ends_with(", ");
            if quoted_key && looks_used && !key.ends_with(".json") && !strings.contains_key(key) {
                missing.push(format!("{}: {key}", path.display()));
            }
        }
    }
    assert!(missing.is_empty(), "strings used but not in ui-strings.json:\n{}", missing.join("\n"));
    assert!(strings.values().all(|v| !v.trim().is_empty()), "no empty string");
}
