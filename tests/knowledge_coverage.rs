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
