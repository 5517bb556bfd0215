//! The floor of `cargo xtask bench-web`: the smallest Yew app worth
//! measuring, a heading and a counter. Whatever Backup Doctor loads or
//! costs beyond this is its own.

use yew::prelude::*;

#[component]
fn App() -> Html {
    let count = use_state(|| 0u32);
    let add = {
        let count = count.clone();
        Callback::from(move |_| count.set(*count + 1))
    };
    html! {
        <main>
            <h1>{ "An empty Yew app" }</h1>
            <p>{ "The floor that Backup Doctor's first load is measured against." }</p>
            <button type="button" onclick={add}>{ format!("Clicked {} times", *count) }</button>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
