//! The last resort: should anything still panic (a WebAssembly trap: the app cannot go on),
//! the page says so instead of freezing with a progress bar that never ends. The message is
//! built with plain DOM calls, not Leptos (whose state the panic may have left half
//! updated), in the page's language, with the panic's words behind a "Details" toggle and a
//! button that reloads the page. Nothing is saved after a panic: the workspace stored before
//! it (the previous data) is what the reload brings back.
//!
//! Test hook: a page where `window.__tierwisePanicOnImport` is `true` panics in the next
//! file import, after the file is read and before it lands (the end-to-end test sets it
//! with an init script; nothing in the app sets it).

use tierwise_core::i18n::{Lang, Tr};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const TITLE: Tr = Tr::new("Something went wrong", "出错了", "Algo ha fallado");
const BODY: Tr = Tr::new(
    "Tierwise hit an internal error and stopped. Your saved data is unchanged: reload the page to continue with it. If it happens again with the same file, the details below say where.",
    "Tierwise 遇到内部错误，已停止运行。您已保存的数据没有变化：重新加载页面即可继续使用。如果同一文件再次出现此问题，下面的详细信息会说明出错位置。",
    "Tierwise encontró un error interno y se detuvo. Sus datos guardados no han cambiado: recargue la página para seguir con ellos. Si vuelve a pasar con el mismo archivo, los detalles de abajo indican dónde.",
);
const RELOAD: Tr = Tr::new("Reload the page", "重新加载页面", "Recargar la página");
const DETAILS: Tr = Tr::new("Details", "详细信息", "Detalles");

/// Installs the panic hook: the browser console gets the panic as before, the page gets
/// [`show`].
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Puts the message over the page (once). `detail` is the panic's own words.
pub fn show(detail: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("tierwise-crash").is_some() {
        return;
    }
    let lang = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|t| Lang::from_tag(&t))
        .unwrap_or_default();
    let _ = build(&doc, lang, detail);
}

fn build(doc: &web_sys::Document, lang: Lang, detail: &str) -> Result<(), JsValue> {
    let el = |tag: &str, text: Option<&str>| -> Result<web_sys::Element, JsValue> {
        let e = doc.create_element(tag)?;
        if let Some(t) = text {
            e.set_text_content(Some(t));
        }
        Ok(e)
    };
    let root = el("div", None)?;
    root.set_id("tierwise-crash");
    root.set_class_name("crash");
    root.set_attribute("role", "alertdialog")?;
    root.set_attribute("aria-modal", "true")?;
    root.set_attribute("aria-labelledby", "tierwise-crash-title")?;
    root.set_attribute("data-testid", "crash-message")?;
    let card = el("div", None)?;
    card.set_class_name("crash-card");
    let title = el("h2", Some(TITLE.get(lang)))?;
    title.set_id("tierwise-crash-title");
    card.append_child(&title)?;
    let body = el("p", Some(BODY.get(lang)))?;
    card.append_child(&body)?;
    let button = el("button", Some(RELOAD.get(lang)))?;
    button.set_attribute("type", "button")?;
    button.set_class_name("button");
    button.set_attribute("data-testid", "crash-reload")?;
    let reload = Closure::<dyn FnMut()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref())?;
    reload.forget();
    card.append_child(&button)?;
    let details = el("details", None)?;
    details.set_attribute("data-testid", "crash-detail")?;
    let summary = el("summary", Some(DETAILS.get(lang)))?;
    details.append_child(&summary)?;
    let code = el("code", Some(detail))?;
    details.append_child(&code)?;
    card.append_child(&details)?;
    root.append_child(&card)?;
    doc.body()
        .ok_or_else(|| JsValue::from_str("no body"))?
        .append_child(&root)?;
    if let Some(b) = button.dyn_ref::<web_sys::HtmlElement>() {
        let _ = b.focus();
    }
    Ok(())
}

/// The test hook (see the module's docs): panics when the page asked for it.
pub fn panic_if_asked() {
    let asked = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__tierwisePanicOnImport".into()).ok())
        .is_some_and(|v| v.is_truthy());
    if asked {
        panic!("test panic on import (window.__tierwisePanicOnImport)");
    }
}
