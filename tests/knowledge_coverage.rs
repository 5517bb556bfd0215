//! Every item of the source article maps to an entry in the knowledge base.
//! The lists below follow the article's order; each names the entry that
//! carries the item, and, where the article lists content (data kinds,
//! restore steps), a word the entry's text must mention.

use backup_doctor::knowledge::{builtin, KnowledgeBase, TipKind};

fn kb() -> &'static KnowledgeBase {
    builtin().expect("the knowledge base loads")
}

fn has_cause(kb: &KnowledgeBase, id: &str) -> bool {
    kb.causes.iter().any(|c| c.id == id)
}
fn has_fix(kb: &KnowledgeBase, id: &str) -> bool {
    kb.fixes.iter().any(|f| f.id == id)
}

#[test]
fn every_cause_in_the_article_has_an_entry() {
    let kb = kb();
    let article = [
        ("Not Enough iCloud Storage Space", "not-enough-icloud-storage"),
        ("iPhone Software Update Needed", "ios-update-needed"),
        ("WiFi Connection Issues", "wifi-problem"),
        ("Date & Time Settings Incorrect", "wrong-date-time"),
        ("Large Amounts of Data to Backup", "too-much-data"),
        ("Insufficient Power During Backup", "low-battery"),
        ("Incorrect or Forgotten Apple ID Password", "apple-id-password"),
        ("Corrupt Backup Data", "corrupt-backup"),
        // implied by the troubleshooting steps
        ("Disable VPNs and Content Blockers", "vpn-or-content-blocker"),
        ("Restart / sign out and in clears glitches", "software-glitch"),
        ("If all else fails", "something-else"),
    ];
    for (item, id) in article {
        assert!(has_cause(kb, id), "article cause \"{item}\" has no cause `{id}`");
    }
    assert_eq!(kb.causes.len(), article.len());
}

#[test]
fn every_fix_in_the_article_has_an_entry() {
    let kb = kb();
    let how_to_fix = [
        ("Check iCloud Storage Space", "check-icloud-storage"),
        ("Update iOS Software", "update-ios"),
        ("Use a Better WiFi Connection", "better-wifi"),
        ("Adjust Date & Time Settings", "check-date-time"),
        ("Delete Unneeded Data from iPhone", "delete-unneeded-data"),
        ("Charge iPhone to 50% Before Backup", "charge-and-plug-in"),
        ("Verify Apple ID and Password", "verify-apple-id"),
        ("Reset iCloud Backup Data", "delete-icloud-backup"),
        ("Force Restart iPhone", "force-restart"),
        ("Toggle iCloud Backup Off and On", "toggle-icloud-backup"),
        ("Contact Apple Support", "contact-apple-support"),
    ];
    let troubleshooting_steps = [
        ("1. Check Internet Connection", "better-wifi"),
        ("2. Restart Your iPhone", "restart-iphone"),
        ("3. Disable VPNs and Content Blockers", "disable-vpn-content-blockers"),
        ("4. Verify Date and Time", "check-date-time"),
        ("5. Sign Out and In to iCloud", "sign-out-sign-in"),
        ("6. Reset Network Settings", "reset-network-settings"),
        ("7. Check Available iCloud Storage", "check-icloud-storage"),
        ("8. Toggle iCloud Backup Off and On", "toggle-icloud-backup"),
        ("9. Force Quit iTunes and App Store Apps", "force-quit-apps"),
        ("10. Call Apple Support", "contact-apple-support"),
    ];
    // Not in the article, but where a dead end leads (CONTENT-FACTS).
    let way_out = [("Back up to a computer", "computer-backup")];
    for (item, id) in how_to_fix.iter().chain(&troubleshooting_steps).chain(&way_out) {
        assert!(has_fix(kb, id), "article step \"{item}\" has no fix `{id}`");
    }
    // The article's one force-restart method is one of three variants.
    let force = kb.fixes.iter().find(|f| f.id == "force-restart").expect("force-restart");
    assert_eq!(force.variants.len(), 3);
}

#[test]
fn every_error_code_in_the_article_has_an_entry() {
    let kb = kb();
    let article = [
        ("9006", "not-enough-icloud-storage"),
        ("9007", "wifi-problem"),
        ("9010", "wrong-date-time"),
        ("9011", "apple-id-password"),
        ("9012", "corrupt-backup"),
    ];
    for (code, cause) in article {
        let entry = kb.error_codes.iter().find(|c| c.code == code).unwrap_or_else(|| panic!("no entry for {code}"));
        assert_eq!(entry.cause, cause, "{code}");
        assert!(entry.label.contains(code));
        assert!(entry.article_solution.contains("article"), "{code} must be presented as the article's, not Apple's");
    }
}

#[test]
fn apples_own_alerts_are_matched_to_causes() {
    let kb = kb();
    let phrases = [
        ("not enough iCloud storage", "not-enough-icloud-storage"),
        ("needs a Wi-Fi connection", "wifi-problem"),
        ("the last backup could not be completed", "wifi-problem"),
        ("iCloud Backup is unable to access the account", "apple-id-password"),
    ];
    for (phrase, cause) in phrases {
        let p = phrase.to_lowercase();
        let alert = kb
            .alerts
            .iter()
            .find(|a| a.text.to_lowercase().contains(&p) || a.phrases.iter().any(|x| x.to_lowercase().contains(&p)))
            .unwrap_or_else(|| panic!("no alert for \"{phrase}\""));
        assert_eq!(alert.cause, cause, "{phrase}");
    }
}

fn tip<'a>(kb: &'a KnowledgeBase, id: &str, kind: TipKind) -> &'a backup_doctor::knowledge::Tip {
    let t = kb.tips.iter().find(|t| t.id == id).unwrap_or_else(|| panic!("no tip `{id}`"));
    assert_eq!(t.kind, kind, "{id}");
    t
}

#[test]
fn every_best_practice_has_an_entry() {
    let kb = kb();
    let article = [
        ("Maintain Adequate iCloud Storage Space", "keep-icloud-space"),
        ("Update iOS Software Frequently", "update-ios-often"),
        ("Use Home WiFi for Backups", "home-wifi"),
        ("Charge iPhone Fully Before Backup", "charge-before-backup"),
        ("Delete Apps Not Needed for Backup", "delete-unneeded-apps"),
        ("Know Your Apple ID and Password", "know-apple-id"),
        ("Reset iCloud Backup Regularly", "reset-backup-monthly"),
        ("Avoid Interrupting Backups", "let-backups-finish"),
    ];
    for (_, id) in article {
        tip(kb, id, TipKind::BestPractice);
    }
    assert!(tip(kb, "reset-backup-monthly", TipKind::BestPractice).caution.is_some(), "the monthly reset is bad advice and needs a caution");
    let guide = kb.guides.iter().find(|g| g.id == "best-practices").expect("best-practices guide");
    let listed: Vec<&str> = guide.sections.iter().flat_map(|s| &s.items).filter_map(|i| i.id.as_deref()).collect();
    for (_, id) in article {
        assert!(listed.contains(&id), "best-practices guide lists `{id}`");
    }
}

#[test]
fn every_avoid_tip_has_an_entry() {
    let kb = kb();
    let article = [
        ("Maintain sufficient iCloud storage space", "avoid-full-storage"),
        ("Use a fast, stable internet connection", "avoid-slow-connection"),
        ("Keep your iPhone charged to at least 50%", "avoid-low-battery"),
        ("Update to the latest version of iOS", "avoid-old-ios"),
        ("Don't interrupt backup processes", "avoid-interrupting"),
        ("Periodically reset and delete your iCloud backup data", "avoid-periodic-reset"),
        ("Disable VPNs, content blockers and other apps", "avoid-vpn-during-backup"),
        ("Ensure proper date & time settings", "avoid-wrong-date-time"),
        ("Know your Apple ID and password", "avoid-forgotten-apple-id"),
    ];
    for (_, id) in article {
        tip(kb, id, TipKind::Avoid);
    }
    assert!(tip(kb, "avoid-periodic-reset", TipKind::Avoid).caution.is_some());
    let guide = kb.guides.iter().find(|g| g.id == "avoid-problems").expect("avoid-problems guide");
    let listed: Vec<&str> = guide.sections.iter().flat_map(|s| &s.items).filter_map(|i| i.id.as_deref()).collect();
    for (_, id) in article {
        assert!(listed.contains(&id), "avoid-problems guide lists `{id}`");
    }
}

/// All the text of a guide, lower-cased, for "does it mention X" checks.
fn guide_text(kb: &KnowledgeBase, id: &str) -> String {
    let g = kb.guides.iter().find(|g| g.id == id).unwrap_or_else(|| panic!("no guide `{id}`"));
    serde_json::to_string(g).expect("serialises").to_lowercase()
}

fn item_text(kb: &KnowledgeBase, guide: &str, item: &str) -> String {
    let g = kb.guides.iter().find(|g| g.id == guide).unwrap_or_else(|| panic!("no guide `{guide}`"));
    let i = g.sections.iter().flat_map(|s| &s.items).find(|i| i.id.as_deref() == Some(item)).unwrap_or_else(|| panic!("{guide} has no item `{item}`"));
    format!("{} {}", i.text, i.detail.clone().unwrap_or_default()).to_lowercase()
}

#[test]
fn every_backed_up_data_kind_is_listed() {
    let kb = kb();
    let article = [
        ("device-settings", "wi-fi"),
        ("device-settings", "wallpaper"),
        ("photos-videos", "photos"),
        ("contacts", "contacts"),
        ("calendars", "calendars"),
        ("reminders", "reminders"),
        ("notes", "notes"),
        ("messages", "imessage"),
        ("messages", "sms"),
        ("messages", "mms"),
        ("app-data", "app"),
        ("health-data", "medical id"),
        ("home-screen", "home screen"),
        ("ringtones", "ringtones"),
        ("visual-voicemail", "voicemail"),
        ("siri-learned", "siri"),
        ("safari-bookmarks", "bookmarks"),
        ("safari-bookmarks", "reading list"),
    ];
    for (item, word) in article {
        assert!(item_text(kb, "what-a-backup-holds", item).contains(word), "`{item}` should mention \"{word}\"");
    }
}

#[test]
fn what_is_not_backed_up_is_listed() {
    let kb = kb();
    let article = [("media-content", "music"), ("media-content", "films"), ("media-content", "tv shows"), ("media-content", "books"), ("apps-themselves", "apps")];
    for (item, word) in article {
        assert!(item_text(kb, "what-a-backup-holds", item).contains(word), "`{item}` should mention \"{word}\"");
    }
    // CONTENT-FACTS: what is already synced to iCloud is not in the backup.
    assert!(item_text(kb, "what-a-backup-holds", "already-in-icloud").contains("icloud photos"));
}

#[test]
fn where_and_how_often_backups_happen_are_covered() {
    let kb = kb();
    let where_ = guide_text(kb, "where-backups-live");
    for word in ["apple's servers", "5 gb", "icloud+", "180 days"] {
        assert!(where_.contains(word), "where-backups-live should mention \"{word}\"");
    }
    let how_often = guide_text(kb, "how-often-backups-run");
    for word in ["once a day", "wi-fi", "power", "locked", "5g", "back up now", "settings > [your name] > icloud > icloud backup"] {
        assert!(how_often.contains(word), "how-often-backups-run should mention \"{word}\"");
    }
}

#[test]
fn every_restore_step_is_covered_with_todays_paths() {
    let kb = kb();
    let g = kb.guides.iter().find(|g| g.id == "how-to-restore").expect("how-to-restore");
    let section = g.sections.iter().find(|s| !s.steps.is_empty()).expect("restore steps");
    assert!(section.warning.as_deref().is_some_and(|w| w.contains("erases")), "restoring wipes the iPhone: warn");
    let article = [
        "erase all content and settings",
        "erases itself",
        "icloud backup",
        "and password",
        "pick the backup",
        "restarts when it's done",
        "settings, data and apps come back",
    ];
    for variant in &section.steps {
        assert_eq!(variant.steps.len(), article.len(), "seven steps, as in the article");
        for (step, word) in variant.steps.iter().zip(article) {
            assert!(step.text.to_lowercase().contains(word), "restore step \"{}\" should mention \"{word}\"", step.text);
        }
        assert!(variant.steps[0].risky);
    }
    let paths: Vec<&str> = section.steps.iter().filter_map(|v| v.steps[0].path.as_deref()).collect();
    assert!(paths.contains(&"Settings > General > Transfer or Reset iPhone > Erase All Content and Settings"));
    assert!(paths.contains(&"Settings > General > Reset > Erase All Content and Settings"));
}

#[test]
fn checking_backups_names_both_storage_labels() {
    let text = guide_text(kb(), "check-backups-work");
    assert!(text.contains("manage account storage"));
    assert!(text.contains("> manage storage"));
}

#[test]
fn every_faq_question_in_the_article_has_an_entry() {
    let kb = kb();
    let article = [
        ("Why does my iPhone say backup failed?", "why-backup-failed"),
        ("How can I troubleshoot an iPhone backup failure?", "how-to-troubleshoot"),
        ("What should I do if my iPhone won't back up to iCloud?", "wont-back-up-to-icloud"),
        ("Why does my iPhone backup fail halfway?", "fails-halfway"),
        ("How can I tell if my iPhone is backing up properly?", "is-it-backing-up"),
    ];
    for (q, id) in article {
        assert!(kb.faq.iter().any(|f| f.id == id), "FAQ \"{q}\" has no entry `{id}`");
    }
}

#[test]
fn the_articles_corrections_are_in_the_data() {
    let kb = kb();
    let fix_text = |id: &str| serde_json::to_string(kb.fixes.iter().find(|f| f.id == id).expect("fix")).expect("json").to_lowercase();
    assert!(fix_text("better-wifi").contains("no ethernet port"));
    assert!(fix_text("reset-network-settings").contains("transfer or reset iphone > reset > reset network settings"));
    assert!(fix_text("reset-network-settings").contains("settings > general > reset > reset network settings"));
    assert!(fix_text("toggle-icloud-backup").contains("settings > icloud > backup"));
    assert!(fix_text("force-quit-apps").contains("swipe up from the bottom"));
    assert!(fix_text("force-quit-apps").contains("double-click the home button"));
    assert!(fix_text("delete-icloud-backup").contains("back up to a computer first"));
    let restart = fix_text("force-restart");
    for word in ["volume up", "volume down button and the sleep/wake", "home button and the sleep/wake"] {
        assert!(restart.contains(word), "force-restart should mention \"{word}\"");
    }
}

// --- Content version 2: the iPhones people have in December 2026.

use backup_doctor::knowledge::{Applies, IosVersion};

/// Every text written for some devices, with the iOS versions it is for.
fn texts_by_ios(kb: &KnowledgeBase) -> Vec<(String, Vec<IosVersion>)> {
    let mut out = Vec::new();
    let ios = |a: &Applies| a.ios.clone();
    for q in &kb.questions {
        for h in &q.help {
            out.push((format!("{}: {}", q.id, h.text), ios(&h.applies)));
        }
    }
    let steps = |id: &str, v: &backup_doctor::knowledge::StepVariant| {
        let mut t: Vec<String> = v.steps.iter().map(|s| format!("{} {}", s.text, s.path.clone().unwrap_or_default())).collect();
        t.extend(v.stolen_device_protection.clone());
        format!("{id}: {}", t.join(" "))
    };
    for f in &kb.fixes {
        for v in &f.variants {
            out.push((steps(&f.id, v), ios(&v.applies)));
        }
    }
    for g in &kb.guides {
        for v in g.sections.iter().flat_map(|s| &s.steps) {
            out.push((steps(&g.id, v), ios(&v.applies)));
        }
    }
    out
}

#[test]
fn ios_18_and_26_say_apple_account_and_older_ios_says_apple_id() {
    let kb = kb();
    let new = [IosVersion::Ios26, IosVersion::Ios18];
    let mut account_texts = 0;
    for (text, ios) in texts_by_ios(kb) {
        let only_new = !ios.is_empty() && ios.iter().all(|v| new.contains(v));
        let only_old = !ios.is_empty() && ios.iter().all(|v| !new.contains(v));
        if only_new && text.contains("Apple ID") {
            assert!(text.contains("Apple Account (formerly Apple ID)"), "iOS 18 and 26 say Apple Account: {text}");
        }
        if only_new && text.contains("Apple Account") {
            account_texts += 1;
        }
        assert!(!(only_old && text.contains("Apple Account")), "iOS 17 and older say Apple ID: {text}");
    }
    assert!(account_texts >= 4, "the iOS 18 and 26 variants name the Apple Account");
}

#[test]
fn the_ios_question_covers_todays_versions_and_says_where_to_look() {
    let kb = kb();
    let q = kb.questions.iter().find(|q| q.id == "ios-version").expect("ios-version");
    assert!(q.help.iter().any(|h| h.text.contains("Settings > General > About")));
    let sets: Vec<IosVersion> = q.answers.iter().filter_map(|a| a.sets_ios).collect();
    assert_eq!(sets, IosVersion::ALL.to_vec(), "one answer per version group, newest first");
    for label in ["iOS 26", "iOS 18", "iOS 17", "iOS 15 or 16"] {
        assert!(q.answers.iter().any(|a| a.label == label), "{label}");
    }
    // The update question, split from it.
    assert!(kb.questions.iter().any(|q| q.id == "software-update"));
}

#[test]
fn stolen_device_protection_is_named_before_the_steps_it_can_stop() {
    let kb = kb();
    for id in ["verify-apple-id", "sign-out-sign-in"] {
        let f = kb.fixes.iter().find(|f| f.id == id).expect("fix");
        for ios in [IosVersion::Ios26, IosVersion::Ios18, IosVersion::Ios17] {
            let v = f.variants.iter().find(|v| v.applies.ios.contains(&ios)).expect("a variant for iOS 17 and later");
            let note = v.stolen_device_protection.as_deref().unwrap_or_else(|| panic!("{id} on {ios:?} needs the note")).to_lowercase();
            for word in ["face id or touch id", "hour", "security delay", "wait", "home"] {
                assert!(note.contains(word), "{id}: the note should mention \"{word}\"");
            }
        }
        assert!(f.variants.iter().filter(|v| v.applies.ios.contains(&IosVersion::Ios15To16)).all(|v| v.stolen_device_protection.is_none()));
    }
    assert!(guide_text(kb, "how-to-restore").contains("stolen device protection"));
    assert!(kb.faq.iter().any(|f| f.id == "security-delay"));
}

#[test]
fn what_a_backup_holds_follows_apple() {
    let kb = kb();
    let holds = |item: &str| item_text(kb, "what-a-backup-holds", item);
    assert!(holds("visual-voicemail").contains("password"), "Apple backs up the Visual Voicemail password, not the messages");
    assert!(holds("visual-voicemail").contains("same sim"));
    for (item, word) in [("apple-watch-backups", "apple watch"), ("purchase-history", "purchase"), ("home-configuration", "home")] {
        assert!(holds(item).contains(word), "{item}");
    }
    for (item, word) in [
        ("already-in-icloud", "icloud photos"),
        ("already-in-icloud", "messages in icloud"),
        ("already-in-icloud", "health"),
        ("mail-data", "mail"),
        ("apple-pay", "apple pay"),
        ("face-id-touch-id", "face id and touch id"),
        ("media-content", "icloud music library"),
        ("media-content", "app store"),
    ] {
        assert!(holds(item).contains(word), "`{item}` should mention \"{word}\"");
    }
}

#[test]
fn what_was_missing_is_there() {
    let kb = kb();
    assert!(kb.alerts.iter().any(|a| a.id == "no-verified-email" && a.text.contains("verified email address")));
    assert!(kb.questions.iter().any(|q| q.id == "apple-system-status"));
    let support = serde_json::to_string(kb.fixes.iter().find(|f| f.id == "contact-apple-support").unwrap()).unwrap();
    assert!(support.contains("Apple System Status"));
    assert!(guide_text(kb, "where-backups-live").contains("12 tb"));
    let restore = guide_text(kb, "how-to-restore");
    for word in ["a size and a date", "update ios first", "find my", "apple account password"] {
        assert!(restore.contains(word), "how-to-restore should mention \"{word}\"");
    }
}

#[test]
fn honest_advice_says_what_apple_says_and_keeps_the_articles_facts() {
    let kb = kb();
    let fix_text = |id: &str| serde_json::to_string(kb.fixes.iter().find(|f| f.id == id).expect("fix")).expect("json").to_lowercase();
    let charge = fix_text("charge-and-plug-in");
    for word in ["50%", "the article", "apple gives no number", "connected to power, locked and on wi-fi"] {
        assert!(charge.contains(word), "charge-and-plug-in should mention \"{word}\"");
    }
    assert!(fix_text("update-ios").contains("the article says you need the latest ios"));
    assert!(fix_text("better-wifi").contains("the article suggests a wired connection"));
    assert!(fix_text("better-wifi").contains("back up over cellular"));
    assert!(fix_text("disable-vpn-content-blockers").contains("apple doesn't mention them"));
    let reset = fix_text("reset-network-settings");
    for word in ["wi-fi network", "vpn", "cellular", "data stay"] {
        assert!(reset.contains(word), "reset-network-settings should say what it resets: \"{word}\"");
    }
    let delete = kb.fixes.iter().find(|f| f.id == "delete-icloud-backup").unwrap();
    assert!(delete.warning.as_deref().unwrap().contains("turns iCloud Backup off"));
    for v in &delete.variants {
        assert!(v.steps.iter().any(|s| s.text.contains("turns iCloud Backup off for this iPhone")), "{:?}", v.label);
    }
    assert!(fix_text("delete-icloud-backup").contains("turn off and delete from icloud"));
    assert!(fix_text("computer-backup").contains("apple devices app"));
}

#[test]
fn every_instruction_names_its_sources_and_apples_pages_come_first() {
    let kb = kb();
    let apple = |id: &String| kb.source(id).and_then(|s| s.url.as_deref()).is_some_and(|u| u.starts_with("https://support.apple.com/"));
    // The facts Apple states are backed by Apple's pages.
    let sdp = kb.fixes.iter().find(|f| f.id == "verify-apple-id").unwrap();
    assert!(sdp.variants[0].sources.iter().any(apple));
    let holds = kb.guides.iter().find(|g| g.id == "what-a-backup-holds").unwrap();
    assert!(apple(&holds.sources[0]));
    for s in &kb.sources {
        assert_eq!(s.url.is_some(), s.kind == backup_doctor::knowledge::SourceKind::Page, "{}", s.id);
        if s.kind == backup_doctor::knowledge::SourceKind::NotVerified {
            assert!(s.note.starts_with("Looked for"), "a not-verified source says what was looked for: {}", s.id);
            assert!(s.title.starts_with("Not verified"), "{}", s.id);
        }
    }
}
