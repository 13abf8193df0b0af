//! Which page is shown, kept in the URL hash (`#/abc`, `#/customers`) so the back button,
//! a reload and a bookmark all work, under any sub-path, with no server routing. Also the
//! customer list's filter, since "show this class's customers" is a navigation.

use leptos::prelude::*;
use tierwise_core::classify::Method;

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Overview,
    Method(Method),
    Customers,
    Staffing,
    Snapshots,
    /// The printable report.
    Report,
}

impl Page {
    /// The method pages in the nav, in domain order. The readiness check lives on the
    /// overview, so it has no page of its own (`MethodDef::PAGE`).
    pub fn methods() -> impl Iterator<Item = Method> {
        Method::ALL.into_iter().filter(|m| m.has_page())
    }

    /// Stable key: the URL hash and the `nav-<key>` / `view-<key>` test ids.
    pub fn key(self) -> &'static str {
        match self {
            Page::Overview => "overview",
            Page::Method(m) => m.key(),
            Page::Customers => "customers",
            Page::Staffing => "staffing",
            Page::Snapshots => "snapshots",
            Page::Report => "report",
        }
    }

    pub fn from_key(key: &str) -> Option<Page> {
        match key {
            "overview" => Some(Page::Overview),
            "customers" => Some(Page::Customers),
            "staffing" => Some(Page::Staffing),
            "snapshots" => Some(Page::Snapshots),
            "report" => Some(Page::Report),
            k => Method::ALL
                .into_iter()
                .find(|m| m.key() == k)
                .map(Page::Method),
        }
    }

    /// The page a URL hash names (`#/abc`); the overview for anything else.
    pub fn from_hash(hash: &str) -> Page {
        let key = hash.trim_start_matches('#').trim_start_matches('/');
        Page::from_key(key).unwrap_or(Page::Overview)
    }

    pub fn hash(self) -> String {
        format!("#/{}", self.key())
    }
}

/// What the customer list shows: a class of one method, and the other filters.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerFilter {
    /// A method and the index of one of its classes (see `classify::lookup`).
    pub class: Option<(Method, u8)>,
    pub owner: Option<String>,
    pub region: Option<String>,
    /// A risk flag index (see `classify::risk::RiskFlag`).
    pub flag: Option<u8>,
    /// Free text, matched against id and name.
    pub query: String,
    /// The table's sort (biggest sales first by default).
    pub sort: tierwise_core::classify::select::Sort,
}

impl CustomerFilter {
    /// The core's row query for this filter.
    pub fn to_query(&self) -> tierwise_core::classify::select::Query {
        tierwise_core::classify::select::Query {
            class: self.class,
            owner: self.owner.clone(),
            region: self.region.clone(),
            flag: self.flag,
            text: self.query.clone(),
        }
    }
}

#[derive(Clone, Copy)]
pub struct PageState(pub RwSignal<Page>);
#[derive(Clone, Copy)]
pub struct CustomerFilterState(pub RwSignal<CustomerFilter>);

fn location_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Puts the page and the customer filter in context, and keeps the page and the URL hash in
/// step both ways.
pub fn provide_nav() {
    // The address names the page; with none (a bookmark of the bare URL), reopen the page
    // shown last in this browser.
    let hash = location_hash();
    let first = if hash.trim_start_matches(['#', '/']).is_empty() {
        crate::storage::prefs::load_last_view()
            .and_then(|k| Page::from_key(&k))
            .unwrap_or(Page::Overview)
    } else {
        Page::from_hash(&hash)
    };
    let page = RwSignal::new(first);
    provide_context(PageState(page));
    provide_context(CustomerFilterState(
        RwSignal::new(CustomerFilter::default()),
    ));
    Effect::new(move |_| {
        let p = page.get();
        if let Err(e) = crate::storage::prefs::save_last_view(p.key()) {
            leptos::logging::warn!("{e}");
        }
        if Page::from_hash(&location_hash()) != p {
            let _ = window().location().set_hash(&p.hash());
        }
    });
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let p = Page::from_hash(&location_hash());
        if page.get_untracked() != p {
            page.set(p);
        }
    });
    on_cleanup(move || handle.remove());
}

pub fn use_page() -> RwSignal<Page> {
    expect_context::<PageState>().0
}

pub fn use_customer_filter() -> RwSignal<CustomerFilter> {
    expect_context::<CustomerFilterState>().0
}

/// Opens the customer list on one class of one method, the other filters cleared.
pub fn show_class(method: Method, class: u8) {
    use_customer_filter().set(CustomerFilter {
        class: Some((method, class)),
        ..CustomerFilter::default()
    });
    use_page().set(Page::Customers);
}

/// Opens the customer list searched for one customer id, the other filters cleared.
pub fn show_customer(id: &str) {
    use_customer_filter().set(CustomerFilter {
        query: id.to_string(),
        ..CustomerFilter::default()
    });
    use_page().set(Page::Customers);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_round_trips_through_its_hash() {
        let mut pages = vec![
            Page::Overview,
            Page::Customers,
            Page::Staffing,
            Page::Snapshots,
            Page::Report,
        ];
        pages.extend(Page::methods().map(Page::Method));
        for p in pages {
            assert_eq!(Page::from_hash(&p.hash()), p, "{p:?}");
        }
        assert_eq!(Page::from_hash(""), Page::Overview);
        assert_eq!(Page::from_hash("#/no-such-page"), Page::Overview);
        assert_eq!(Page::from_hash("#abc"), Page::Method(Method::Abc));
    }
}
