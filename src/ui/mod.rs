//! Leptos components. Thin: they read state from context (see [`state`]) and call `core`.
//!
//! - [`app`]: the root, header and layout.
//! - [`import_panel`]: file input, drag and drop, sample, import report.
//! - [`overview`]: key counts and the tier bars.
//! - [`abc_view`]: the ABC / Pareto view with its chart and class table.
//! - [`controls`]: labelled, keyboard-usable sliders bound to the settings.
//! - [`pareto_chart`]: drawing the Pareto curve with plotters-canvas.
//! - [`workspace`]: restore, save, tab sync and the workspace actions; [`workspace_panel`]
//!   shows them; [`snapshots_view`] compares saved reviews and keeps customer notes.

pub mod abc_view;
pub mod app;
pub mod controls;
pub mod format;
pub mod import_panel;
pub mod overview;
pub mod pareto_chart;
pub mod sample;
pub mod snapshots_view;
pub mod state;
pub mod text;
pub mod workspace;
pub mod workspace_panel;

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
