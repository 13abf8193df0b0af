//! Leptos components. Thin: they read state from context (see [`state`]) and call `core`.
//!
//! - [`app`]: the root, header and layout; [`crash`]: the message should anything panic.
//! - [`import`]: the import controller and the chunked read of a file (no view), and the panel:
//!   file input, drag and drop, sample, import report; [`read_worker`]: the Web Worker that
//!   reads a file's chunks while the page parses; [`part_worker`]: the Web Worker that parses
//!   the second part of a large log; [`book_worker`]: the one that reads a workbook;
//!   [`fit_worker`]: the one that fits the lifetime-value models of a large log.
//! - [`nav`]: the page shown (kept in the URL hash) and the customer list's filter;
//!   [`nav_bar`]: the sticky grouped navigation and the skip link; [`shortcuts`]: Ctrl+Z and
//!   Ctrl+Shift+Z for undo and redo.
//! - [`overview`]: key counts and the tier bars.
//! - [`views`]: a page per method, the staffing plan, class tables, "what changed".
//! - [`methods`]: one file per method with its controls, chart and extra sections.
//! - [`customers`]: the customer table (virtualised), its filters and the explain drawer.
//! - [`pins`]: pinned exceptions: the drawer's pin form, the list on the value-classes and
//!   5S pages, the table's pin button and marker.
//! - [`controls`]: labelled, keyboard-usable sliders bound to the settings.
//! - [`charts`]: the charts, drawn with plotters-canvas, each with "Save as PNG".
//! - [`export`]: the customers as CSV or XLSX, in slices with progress and Cancel;
//!   [`download`] saves a file the page made through a Blob.
//! - [`report`]: the printable report (`#/report`) and its section choice.
//! - [`workspace`]: restore, save, tab sync and the workspace actions; [`workspace_panel`]
//!   shows them; [`snapshots_view`] compares saved reviews and keeps customer notes.
//! - [`warm_up`]: the import and classification path run once on generated rows while the
//!   page is idle, so that a user's first import runs optimised code.

pub mod app;
pub mod book_worker;
pub mod charts;
pub mod controls;
pub mod crash;
pub mod customers;
pub mod download;
pub mod export;
pub mod fit_worker;
pub mod format;
pub mod import;
pub mod methods;
pub mod nav;
pub mod nav_bar;
pub mod overview;
pub mod part_worker;
pub mod pins;
pub mod read_worker;
pub mod report;
pub mod sample;
pub mod shortcuts;
pub mod snapshots_view;
pub mod state;
pub mod text;
pub mod views;
pub mod warm_up;
pub mod workspace;
pub mod workspace_panel;

/// Mounts the app on `<body>`.
pub fn mount() {
    crash::install();
    // The page's loading shell (index.html) goes as the app comes.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
