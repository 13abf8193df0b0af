//! The page navigation: *Overview · Methods ▾ · Customers · Staffing plan · Monthly reviews ·
//! Report*, sticky at the top, every page one or two clicks away at any width. The method
//! pages sit behind a disclosure button (the WAI-ARIA disclosure-navigation pattern: a button
//! with `aria-expanded` and a list of plain links), so the bar fits a 390 px phone, and the
//! button names the method shown. Links are plain URL hashes: they work with the keyboard,
//! the back button and "open in new tab". Also the skip link, the first tab stop.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::nav::{use_page, Page};
use super::state::use_lang;
use super::text::{self, Tr};

/// The id of the element the skip link moves focus to (`<main>`).
pub const MAIN_ID: &str = "main-content";

/// "Skip to content": hidden until focused, it moves focus past the header and the navigation
/// to the page itself. Not a `#main-content` link, which the hash routing would take for a page.
#[component]
pub fn SkipLink() -> impl IntoView {
    let lang = use_lang();
    view! {
        <a
            class="skip-link"
            href=format!("#{MAIN_ID}")
            data-testid="skip-link"
            on:click=move |ev| {
                ev.prevent_default();
                if let Some(el) = document()
                    .get_element_by_id(MAIN_ID)
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.focus();
                    el.scroll_into_view();
                }
            }
        >
            {move || text::SKIP_TO_CONTENT.get(lang.get())}
        </a>
    }
}

/// One link of the bar or of the methods list.
fn page_link(p: Page, name: Tr, on_pick: impl Fn() + Copy + 'static) -> impl IntoView {
    let page = use_page();
    let lang = use_lang();
    view! {
        <li>
            <a
                href=p.hash()
                data-testid=format!("nav-{}", p.key())
                aria-current=move || (page.get() == p).then_some("page")
                on:click=move |_| on_pick()
            >
                {move || name.get(lang.get())}
            </a>
        </li>
    }
}

/// The links of the open methods list, for arrow-key moves between them.
fn method_links(list: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let nodes = list.get_elements_by_tag_name("a");
    (0..nodes.length())
        .filter_map(|i| nodes.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

#[component]
pub fn NavBar() -> impl IntoView {
    let page = use_page();
    let lang = use_lang();
    let open = RwSignal::new(false);
    let menu = NodeRef::<html::Li>::new();
    let button = NodeRef::<html::Button>::new();
    let list = NodeRef::<html::Ul>::new();
    let close = move || open.set(false);
    let on_method = Memo::new(move |_| match page.get() {
        Page::Method(m) => Some(m),
        _ => None,
    });

    // A click or tap anywhere outside the methods menu closes it.
    let handle = window_event_listener(leptos::ev::pointerdown, move |ev| {
        if !open.get_untracked() {
            return;
        }
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(menu.get_untracked())
            .is_some_and(|(t, m)| m.contains(Some(&t)));
        if !inside {
            open.set(false);
        }
    });
    on_cleanup(move || handle.remove());

    let focus_link = move |pick: &dyn Fn(usize, Option<usize>) -> usize| {
        let Some(list) = list.get_untracked() else {
            return;
        };
        let links = method_links(&list);
        if links.is_empty() {
            return;
        }
        let active = document().active_element();
        let at = links.iter().position(|l| {
            active
                .as_ref()
                .is_some_and(|a| a == l.unchecked_ref::<web_sys::Element>())
        });
        let i = pick(links.len(), at).min(links.len() - 1);
        let _ = links[i].focus();
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Escape" if open.get_untracked() => {
            ev.prevent_default();
            open.set(false);
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
        "ArrowDown" => {
            ev.prevent_default();
            let next = |n: usize, at: Option<usize>| at.map_or(0, |i| (i + 1) % n);
            if open.get_untracked() {
                // The list is shown: move now, so a quick run of keys lands where it adds up to.
                focus_link(&next);
            } else {
                open.set(true);
                // The list is shown by this update before the next frame; focus it then.
                request_animation_frame(move || focus_link(&next));
            }
        }
        "ArrowUp" if open.get_untracked() => {
            ev.prevent_default();
            focus_link(&|n, at| at.map_or(n - 1, |i| (i + n - 1) % n));
        }
        "Home" if open.get_untracked() => {
            ev.prevent_default();
            focus_link(&|_, _| 0);
        }
        "End" if open.get_untracked() => {
            ev.prevent_default();
            focus_link(&|n, _| n - 1);
        }
        _ => {}
    };
    // Focus leaving the menu (Tab past its last link) closes it.
    let on_focusout = move |ev: web_sys::FocusEvent| {
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if let (Some(to), Some(m)) = (to, menu.get_untracked()) {
            if !m.contains(Some(&to)) {
                open.set(false);
            }
        }
    };

    view! {
        <nav class="pages" aria-label=move || text::NAV_LABEL.get(lang.get())>
            <ul class="nav-bar">
                {page_link(Page::Overview, text::OVERVIEW, close)}
                <li
                    class="nav-methods"
                    node_ref=menu
                    on:keydown=on_keydown
                    on:focusout=on_focusout
                >
                    <button
                        type="button"
                        node_ref=button
                        data-testid="nav-methods"
                        aria-expanded=move || open.get().to_string()
                        aria-controls="nav-methods-list"
                        class:current=move || on_method.get().is_some()
                        on:click=move |_| open.update(|o| *o = !*o)
                    >
                        <span>{move || text::NAV_METHODS.get(lang.get())}</span>
                        {move || {
                            on_method
                                .get()
                                .map(|m| {
                                    view! {
                                        <span class="nav-current" data-testid="nav-current-method">
                                            {m.name().get(lang.get())}
                                        </span>
                                    }
                                })
                        }}
                        <span class="caret" aria-hidden="true">"▾"</span>
                    </button>
                    <ul
                        id="nav-methods-list"
                        class="nav-methods-list"
                        node_ref=list
                        hidden=move || !open.get()
                    >
                        {Page::methods()
                            .map(|m| page_link(Page::Method(m), m.name(), close))
                            .collect_view()}
                    </ul>
                </li>
                {page_link(Page::Customers, text::NAV_CUSTOMERS, close)}
                {page_link(Page::Staffing, text::NAV_STAFFING, close)}
                {page_link(Page::Snapshots, text::NAV_SNAPSHOTS, close)}
                {page_link(Page::Report, super::report::NAV_REPORT, close)}
            </ul>
        </nav>
    }
}
