//! Why a file did not land, kept as data so the message follows the language switch: the
//! core's refusal ([`ImportError`], with the first rejected rows when every row was
//! rejected) or the browser's failure to read the file. The message is for the user; the
//! parser's or the browser's own words are the [`Problem::detail`], shown behind a toggle.

use tierwise_core::i18n::{Lang, Tr};
use tierwise_core::import::{ImportError, Rejection};

/// Rejected rows quoted under a refusal.
const QUOTED: usize = 3;

#[derive(Clone, Debug)]
pub enum Problem {
    /// The core refused the file.
    Refused {
        error: ImportError,
        /// The first rejected rows, when no row could be used.
        rejected: Vec<Rejection>,
        /// How many more were rejected.
        more: usize,
    },
    /// The browser could not read the file (it moved, it was deleted, permission).
    Unreadable { file: String, detail: String },
}

const UNREADABLE: Tr = Tr::new(
    "could not be read by the browser (it may have been moved, deleted or locked). Choose it again.",
    "浏览器无法读取该文件（它可能已被移动、删除或锁定）。请重新选择。",
    "no se pudo leer en el navegador (quizá se movió, se borró o está bloqueado). Elíjalo de nuevo.",
);
const AND_MORE: Tr = Tr::new("… and {} more", "……另有 {} 行", "… y {} más");

impl Problem {
    /// A refusal, quoting the first rejected rows of a file with no usable row.
    pub fn refused(error: ImportError) -> Problem {
        let (rejected, more) = match &error {
            ImportError::NoUsableRows { report, .. } => (
                report.rejected.iter().take(QUOTED).cloned().collect(),
                report.rows_rejected().saturating_sub(QUOTED),
            ),
            _ => (Vec::new(), 0),
        };
        Problem::Refused {
            error,
            rejected,
            more,
        }
    }

    /// What the user reads, in `lang`: one line, then the quoted rows indented.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Refused {
                error,
                rejected,
                more,
            } => {
                let mut m = error.message_in(lang);
                for r in rejected {
                    m.push_str("\n  ");
                    m.push_str(&r.message(lang));
                }
                if *more > 0 {
                    m.push_str("\n  ");
                    m.push_str(
                        &AND_MORE
                            .get(lang)
                            .replace("{}", &crate::ui::format::int(*more, lang)),
                    );
                }
                m
            }
            Problem::Unreadable { file, .. } => format!("{file}: {}", UNREADABLE.get(lang)),
        }
    }

    /// The technical words behind the message, if any.
    pub fn detail(&self) -> Option<String> {
        match self {
            Problem::Refused { error, .. } => error.detail().map(str::to_string),
            Problem::Unreadable { detail, .. } => Some(detail.clone()),
        }
    }
}
