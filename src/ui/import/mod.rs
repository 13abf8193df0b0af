//! Loading data: the file input, drag and drop, the sample, and per source its import report
//! (rows read = rows used + rows rejected, the rejected rows listed and downloadable), its
//! column mapping with sample values, its sheet, its shape and the questions the data left
//! open. Any change there reads the file again with the new options.
//!
//! - [`controller`]: the import state in context, each source's origin, the sample, loading
//!   files and reading a source again; no view.
//! - [`pipeline`]: reading one file in chunks into the streaming importer, and the split of a
//!   large log with a worker; no view.
//! - [`problem`]: why a file did not land, in the user's language, with the parser's words
//!   as a detail.
//! - [`panel`]: the import panel with its progress bar; [`report`]: each source's report,
//!   questions and mapping summary, the join notes and the totals.
//! - [`mapping`]: the column mapping dialog, with how sure each guess is; guesses held back
//!   until confirmed.

mod controller;
mod mapping;
mod panel;
mod pipeline;
mod problem;
mod report;

pub use controller::{clear_data, forget_origins, load_sample, provide_import, Origins};
pub use mapping::{column_for, open_mapping, MappingDialog};
pub use panel::ImportPanel;
pub use pipeline::{yield_to_browser, ImportJob};
pub use problem::Problem;
