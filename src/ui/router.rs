//! Follows the address: in the address bar after `#` (the standalone
//! page), or in memory (mounted in a host page, whose address is not the
//! app's, and the build-time pre-render). [`Router`] provides the current
//! [`Location`] and a [`Navigator`]; [`Link`] is an `<a>` to a route.
//!
//! The app's own, instead of yew-router: routes are parsed by
//! `Route::parse` (a match on two path segments), and the history is
//! `platform::history` or a list in memory. yew-router and its helpers
//! (gloo-history, route-recognizer, urlencoding), with what they brought
//! of std and core, were 58 KB of the wasm (BENCHMARKS.md).

use super::route::Route;
use crate::platform::history;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Where the app is.
#[derive(Clone, PartialEq, Debug)]
pub struct Location {
    pub route: Route,
    /// The entry was added by a step of the check: the check's Back can
    /// then be the browser's Back.
    pub step_entry: bool,
}

impl Location {
    fn of(path: &str, step_entry: bool) -> Location {
        Location { route: Route::parse(path), step_entry }
    }
}

/// The entries of an in-memory history, and which one is shown.
struct Memory {
    entries: Vec<Location>,
    at: usize,
}

/// Moves between addresses.
#[derive(Clone)]
pub struct Navigator {
    /// `None`: the browser's history.
    memory: Option<Rc<RefCell<Memory>>>,
    set: Rc<dyn Fn(Location)>,
}

impl PartialEq for Navigator {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.set, &other.set)
    }
}

impl Navigator {
    /// Adds an entry for `to`.
    pub fn push(&self, to: &Route) {
        self.go(to, true, false);
    }

    /// Adds an entry for `to`, marked as a step of the check.
    pub fn push_step(&self, to: &Route) {
        self.go(to, true, true);
    }

    /// Shows `to` in place of the current entry.
    pub fn replace(&self, to: &Route) {
        self.go(to, false, false);
    }

    fn go(&self, to: &Route, push: bool, step: bool) {
        let location = Location { route: to.clone(), step_entry: step };
        // An entry is a step only if it was written: when the browser
        // refuses, the check's Back must undo in place, not leave.
        let written = match &self.memory {
            Some(memory) => {
                let mut m = memory.borrow_mut();
                if push {
                    m.at += 1;
                    let at = m.at;
                    m.entries.truncate(at);
                    m.entries.push(location.clone());
                } else {
                    let at = m.at;
                    m.entries[at] = location.clone();
                }
                true
            }
            None => history::write(&to.path(), step, push),
        };
        (self.set)(Location { step_entry: step && written, ..location });
    }

    /// The previous entry (nothing before the first one).
    pub fn back(&self) {
        let Some(memory) = &self.memory else {
            // The browser tells the router where it went (`popstate`).
            history::back();
            return;
        };
        let location = {
            let mut m = memory.borrow_mut();
            if m.at == 0 {
                return;
            }
            m.at -= 1;
            m.entries[m.at].clone()
        };
        (self.set)(location);
    }

    /// Whether this history is in memory (links must not change the host
    /// page's address).
    fn in_memory(&self) -> bool {
        self.memory.is_some()
    }
}

#[derive(Clone, PartialEq)]
struct RouterContext {
    location: Location,
    navigator: Navigator,
}

#[derive(Properties, PartialEq)]
pub struct RouterProps {
    /// In memory, starting at this address; `None`: the address bar.
    #[prop_or_default]
    pub memory: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

/// Provides the location and the navigator to everything inside.
#[component]
pub fn Router(props: &RouterProps) -> Html {
    let start = props.memory.clone();
    let location = {
        let start = start.clone();
        use_state_eq(move || match &start {
            Some(path) => Location::of(path, false),
            None => {
                let (path, step) = history::current();
                Location::of(&path, step)
            }
        })
    };
    let navigator = {
        let setter = location.setter();
        let first = (*location).clone();
        use_memo((), move |_| Navigator {
            memory: start.map(|_| Rc::new(RefCell::new(Memory { entries: vec![first], at: 0 }))),
            set: Rc::new(move |l| setter.set(l)),
        })
    };
    // The address bar: follow the person's Back, Forward and typed
    // addresses.
    {
        let setter = location.setter();
        let in_memory = navigator.in_memory();
        use_effect_with((), move |_| {
            let listener = (!in_memory).then(|| {
                history::on_move(move || {
                    let (path, step) = history::current();
                    setter.set(Location::of(&path, step));
                })
            });
            move || drop(listener)
        });
    }
    let context = RouterContext { location: (*location).clone(), navigator: (*navigator).clone() };
    html! {
        <ContextProvider<RouterContext> {context}>{ props.children.clone() }</ContextProvider<RouterContext>>
    }
}

/// The navigator, inside a [`Router`].
#[hook]
pub fn use_navigator() -> Option<Navigator> {
    use_context::<RouterContext>().map(|c| c.navigator)
}

/// The location, inside a [`Router`].
#[hook]
pub fn use_location() -> Option<Location> {
    use_context::<RouterContext>().map(|c| c.location)
}

/// The current route, inside a [`Router`].
#[hook]
pub fn use_route() -> Option<Route> {
    use_location().map(|l| l.route)
}

#[derive(Properties, PartialEq)]
pub struct LinkProps {
    pub to: Route,
    #[prop_or_default]
    pub classes: Classes,
    #[prop_or_default]
    pub children: Html,
}

/// A link to a route. A plain click moves in the app's history; with a
/// modifier key (a new tab, a new window) the browser follows the `#`
/// address itself.
#[component]
pub fn Link(props: &LinkProps) -> Html {
    let navigator = use_navigator();
    let onclick = {
        let to = props.to.clone();
        Callback::from(move |e: MouseEvent| {
            let plain = e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key());
            if let (Some(n), true) = (&navigator, plain) {
                e.prevent_default();
                n.push(&to);
            }
        })
    };
    html! {
        <a class={props.classes.clone()} href={format!("#{}", props.to.path())} {onclick}>{ props.children.clone() }</a>
    }
}
