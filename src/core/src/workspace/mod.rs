//! The workspace: everything a user did, to survive a reload and to move to another browser in
//! one file. Pure: the browser adapters (`src/storage/`) store the bytes made here.
//!
//! A workspace has three parts, encoded separately so that a settings change or a note does
//! not rewrite the datasets:
//! - [`Data`]: the imported sources (customer table, and the transaction log by column);
//! - [`State`]: name, settings (with the pinned exceptions), notes, strategic exceptions;
//! - reviews ([`review::Review`]): the saved monthly snapshots.
//!
//! The exported file ([`encode_file`]) holds all three. Every blob is wrapped by
//! [`envelope`] (magic, kind, version, length, checksum). The layout is its own set of DTO
//! structs ([`dto`], schema version [`FORMAT_VERSION`]), converted to and from the model, so
//! the in-memory model can change without breaking saved files. Older files are migrated
//! forward on read ([`v1::migrate`]).

pub mod check;
pub mod dto;
pub mod envelope;
pub mod review;
mod ser;
pub mod v1;

pub use envelope::{FormatError, Kind};
pub use review::{
    compare, place, sort_by_date, Comparison, Dimension, Moved, Place, Review, ReviewEntry,
};

use crate::classify::five_s::CoordinationNote;
use crate::import::{ImportError, ImportOptions, Imported, Shape};
use crate::Settings;
use dto::{DataDto, FileDto, ReviewDto, StateDto};
use serde::{de::DeserializeOwned, Serialize};

/// The current schema version.
pub const FORMAT_VERSION: u16 = 2;

/// A customer kept in its class on purpose (a strategic account), with the reason.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StrategicException {
    pub customer_id: String,
    pub reason: String,
}

/// One imported file, borrowed (what the UI holds).
#[derive(Clone, Copy, Debug)]
pub struct SourceRef<'a> {
    pub imported: &'a Imported,
    pub options: &'a ImportOptions,
}

/// One imported file, owned (what a decode returns).
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub imported: Imported,
    pub options: ImportOptions,
}

impl Source {
    pub fn as_ref(&self) -> SourceRef<'_> {
        SourceRef {
            imported: &self.imported,
            options: &self.options,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Data {
    pub master: Option<Source>,
    pub log: Option<Source>,
    pub is_sample: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    pub name: String,
    /// Includes the pinned 5S exceptions (`five_s.pinned`).
    pub settings: Settings,
    /// Per-customer notes (协调: the problem and the help given), one per customer.
    pub notes: Vec<CoordinationNote>,
    pub strategic: Vec<StrategicException>,
    /// The sections the printable report leaves out.
    pub report: ReportChoice,
}

/// Which sections the printable report leaves out, by key (`cover`, `abc`, `staffing`, …).
/// A section not named is included, so a section added later shows in a report chosen
/// before it existed.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ReportChoice {
    pub excluded: Vec<String>,
}

impl ReportChoice {
    pub fn includes(&self, key: &str) -> bool {
        !self.excluded.iter().any(|k| k == key)
    }

    /// Includes or leaves out `key`; the list stays sorted, without repeats.
    pub fn set(&mut self, key: &str, included: bool) {
        self.excluded.retain(|k| k != key);
        if !included {
            let at = self.excluded.partition_point(|k| k.as_str() < key);
            self.excluded.insert(at, key.to_string());
        }
    }
}

impl State {
    pub fn new(name: &str) -> State {
        State {
            name: name.to_string(),
            ..Default::default()
        }
    }

    pub fn note(&self, customer_id: &str) -> Option<&CoordinationNote> {
        self.notes.iter().find(|n| n.customer_id == customer_id)
    }

    /// Sets a customer's note; an empty problem and help removes it. Notes stay sorted by id.
    pub fn set_note(&mut self, note: CoordinationNote) {
        self.notes.retain(|n| n.customer_id != note.customer_id);
        if !note.problem.trim().is_empty() || !note.help.trim().is_empty() {
            let at = self
                .notes
                .partition_point(|n| n.customer_id < note.customer_id);
            self.notes.insert(at, note);
        }
    }
}

/// A whole workspace, as read from a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkspaceFile {
    pub state: State,
    pub data: Data,
    pub reviews: Vec<Review>,
}

fn pack<T: Serialize>(kind: Kind, v: &T) -> Vec<u8> {
    let mut out = Vec::new();
    pack_in_pieces(kind, v, &mut out);
    out
}

/// The size of the pieces [`pack_in_pieces`] hands on.
pub const PIECE: usize = 1 << 16;

/// Where [`pack_in_pieces`] writes an encoded blob.
pub trait Sink {
    /// Told the blob's size once, before any bytes.
    fn alloc(&mut self, len: usize);
    /// `bytes` go at offset `at` of the blob.
    fn put(&mut self, at: usize, bytes: &[u8]);
}

impl Sink for Vec<u8> {
    fn alloc(&mut self, len: usize) {
        self.clear();
        self.resize(len, 0);
    }

    fn put(&mut self, at: usize, bytes: &[u8]) {
        self[at..at + bytes.len()].copy_from_slice(bytes);
    }
}

/// Encodes `v` with its header without ever holding the whole blob: the sink is told its size
/// first (from a counting pass), then gets the payload in pieces of at most [`PIECE`] bytes,
/// in order, and the header last, at offset 0. A browser can so write a large save straight
/// into a JavaScript buffer, and WASM memory (which never shrinks) grows by one piece instead
/// of the whole blob.
pub fn pack_in_pieces<T: Serialize>(kind: Kind, v: &T, sink: &mut dyn Sink) {
    // Serialising plain structs of strings, numbers and vectors cannot fail.
    let len =
        postcard::serialize_with_flavor::<T, _, usize>(v, postcard::ser_flavors::Size::default())
            .unwrap_or(0);
    sink.alloc(envelope::HEADER_LEN + len);
    let pieces = Pieces {
        buf: Vec::with_capacity(PIECE.min(len)),
        at: envelope::HEADER_LEN,
        sum: envelope::Checksum::new(len as u64),
        sink: &mut *sink,
    };
    if let Ok(sum) = postcard::serialize_with_flavor::<T, _, u64>(v, pieces) {
        sink.put(0, &envelope::header(kind, FORMAT_VERSION, len as u64, sum));
    }
}

/// A postcard output that passes the bytes on, a piece at a time, summing them as they go.
struct Pieces<'a> {
    buf: Vec<u8>,
    at: usize,
    sum: envelope::Checksum,
    sink: &'a mut dyn Sink,
}

impl Pieces<'_> {
    fn flush(&mut self) {
        if !self.buf.is_empty() {
            self.sum.update(&self.buf);
            self.sink.put(self.at, &self.buf);
            self.at += self.buf.len();
            self.buf.clear();
        }
    }
}

impl postcard::ser_flavors::Flavor for Pieces<'_> {
    type Output = u64;

    fn try_push(&mut self, b: u8) -> postcard::Result<()> {
        if self.buf.len() == PIECE {
            self.flush();
        }
        self.buf.push(b);
        Ok(())
    }

    fn try_extend(&mut self, mut data: &[u8]) -> postcard::Result<()> {
        while !data.is_empty() {
            if self.buf.len() == PIECE {
                self.flush();
            }
            let take = (PIECE - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
        }
        Ok(())
    }

    fn finalize(mut self) -> postcard::Result<u64> {
        self.flush();
        Ok(self.sum.finish())
    }
}

fn unpack<T: DeserializeOwned>(payload: &[u8]) -> Result<T, FormatError> {
    let (v, rest): (T, &[u8]) =
        postcard::take_from_bytes(payload).map_err(|e| FormatError::Corrupt(e.to_string()))?;
    if !rest.is_empty() {
        return Err(FormatError::Corrupt(format!(
            "{} bytes after the end",
            rest.len()
        )));
    }
    Ok(v)
}

/// Opens a part that only exists in the current version.
fn open_current<T: DeserializeOwned>(bytes: &[u8], kind: Kind) -> Result<T, FormatError> {
    match envelope::open(bytes, kind, FORMAT_VERSION)? {
        (FORMAT_VERSION, payload) => unpack(payload),
        (v, _) => Err(FormatError::UnknownVersion(v)),
    }
}

pub fn encode_data(
    master: Option<SourceRef<'_>>,
    log: Option<SourceRef<'_>>,
    is_sample: bool,
) -> Vec<u8> {
    pack(Kind::Data, &ser::DataSer::new(master, log, is_sample))
}

/// [`encode_data`] in pieces (see [`pack_in_pieces`]).
pub fn encode_data_in_pieces(
    master: Option<SourceRef<'_>>,
    log: Option<SourceRef<'_>>,
    is_sample: bool,
    sink: &mut dyn Sink,
) {
    pack_in_pieces(Kind::Data, &ser::DataSer::new(master, log, is_sample), sink)
}

pub fn decode_data(bytes: &[u8]) -> Result<Data, FormatError> {
    let data = open_current::<DataDto>(bytes, Kind::Data)?
        .into_model()
        .map_err(FormatError::Invalid)?;
    check_data(&data)?;
    Ok(data)
}

/// A workbook's import as the book worker sends it to the page (`src/book_worker.rs`): a tag
/// byte, then the imported source as [`encode_data`] writes it (so that the page checks it as
/// it checks a stored workspace), or the [`ImportError`] in postcard.
pub fn encode_import(r: &Result<Imported, ImportError>, options: &ImportOptions) -> Vec<u8> {
    match r {
        Ok(imported) => {
            let source = Some(SourceRef { imported, options });
            let data = match imported.shape {
                Shape::Customers => encode_data(source, None, false),
                Shape::Transactions => encode_data(None, source, false),
            };
            let mut out = Vec::with_capacity(data.len() + 1);
            out.push(0);
            out.extend_from_slice(&data);
            out
        }
        Err(e) => {
            let mut out = vec![1];
            out.extend(postcard::to_allocvec(e).unwrap_or_default());
            out
        }
    }
}

/// Reads what [`encode_import`] wrote; `Err` when the bytes are not such a message.
pub fn decode_import(bytes: &[u8]) -> Result<Result<Imported, ImportError>, FormatError> {
    match bytes.split_first() {
        Some((0, data)) => {
            let data = decode_data(data)?;
            data.master
                .or(data.log)
                .map(|s| Ok(s.imported))
                .ok_or_else(|| FormatError::Invalid("an import without its source".into()))
        }
        Some((1, error)) => postcard::from_bytes(error)
            .map(Err)
            .map_err(|e| FormatError::Invalid(e.to_string())),
        _ => Err(FormatError::Invalid("not an import".into())),
    }
}

/// Every source of the data is consistent ([`check::source`]).
fn check_data(data: &Data) -> Result<(), FormatError> {
    for (which, s) in [("customer table", &data.master), ("order log", &data.log)] {
        if let Some(s) = s {
            check::source(which, s).map_err(FormatError::Invalid)?;
        }
    }
    Ok(())
}

fn check_reviews(reviews: &[Review]) -> Result<(), FormatError> {
    reviews
        .iter()
        .try_for_each(check::review)
        .map_err(FormatError::Invalid)
}

pub fn encode_state(s: &State) -> Vec<u8> {
    pack(Kind::State, &StateDto::from_model(s))
}

pub fn decode_state(bytes: &[u8]) -> Result<State, FormatError> {
    open_current::<StateDto>(bytes, Kind::State)?
        .into_model()
        .map_err(FormatError::Invalid)
}

pub fn encode_reviews(reviews: &[Review]) -> Vec<u8> {
    let dto: Vec<ReviewDto> = reviews.iter().map(ReviewDto::from_model).collect();
    pack(Kind::Reviews, &dto)
}

pub fn decode_reviews(bytes: &[u8]) -> Result<Vec<Review>, FormatError> {
    let reviews: Vec<Review> = open_current::<Vec<ReviewDto>>(bytes, Kind::Reviews)?
        .into_iter()
        .map(ReviewDto::into_model)
        .collect::<Result<_, _>>()
        .map_err(FormatError::Invalid)?;
    check_reviews(&reviews)?;
    Ok(reviews)
}

/// The whole workspace as one file.
pub fn encode_file(
    state: &State,
    master: Option<SourceRef<'_>>,
    log: Option<SourceRef<'_>>,
    is_sample: bool,
    reviews: &[Review],
) -> Vec<u8> {
    pack(
        Kind::File,
        &ser::FileSer {
            state: StateDto::from_model(state),
            data: ser::DataSer::new(master, log, is_sample),
            reviews: reviews.iter().map(ReviewDto::from_model).collect(),
        },
    )
}

/// Reads a workspace file of this version or an older one. An error changes nothing: the
/// caller gets either the whole workspace or a reason. Beyond its integrity, the content is
/// checked for consistency ([`check`]): each source's rows balance and match what it holds,
/// customer ids are non-blank and unique, the settings are within their ranges.
pub fn decode_file(bytes: &[u8]) -> Result<WorkspaceFile, FormatError> {
    let dto = match envelope::open(bytes, Kind::File, FORMAT_VERSION)? {
        (1, payload) => {
            v1::migrate(unpack::<v1::FileV1>(payload)?).map_err(FormatError::Invalid)?
        }
        (FORMAT_VERSION, payload) => unpack::<FileDto>(payload)?,
        (v, _) => return Err(FormatError::UnknownVersion(v)),
    };
    let invalid = FormatError::Invalid;
    // The settings as written, before `into_model` normalises them.
    if let Ok(raw) = serde_json::from_str::<Settings>(&dto.state.settings_json) {
        check::settings(&raw).map_err(invalid)?;
    }
    let file = WorkspaceFile {
        state: dto.state.into_model().map_err(invalid)?,
        data: dto.data.into_model().map_err(invalid)?,
        reviews: dto
            .reviews
            .into_iter()
            .map(ReviewDto::into_model)
            .collect::<Result<_, _>>()
            .map_err(invalid)?,
    };
    check_data(&file.data)?;
    check_reviews(&file.reviews)?;
    Ok(file)
}

/// A workspace file refused, named: what the user reads is [`fmt::Display`]
/// ("backup.tierwise was modified or damaged: …"); [`WorkspaceError::detail`] keeps what a
/// decoder said, for a "details" toggle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceError {
    pub file: String,
    pub error: FormatError,
}

impl WorkspaceError {
    /// The decoder's own words, when there are any beyond the message.
    pub fn detail(&self) -> Option<&str> {
        match &self.error {
            FormatError::Corrupt(e) => Some(e),
            _ => None,
        }
    }
}

impl std::fmt::Display for WorkspaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = &self.file;
        match &self.error {
            FormatError::NotAWorkspace => write!(f, "{file} is not a Tierwise workspace file."),
            FormatError::WrongKind => write!(
                f,
                "{file} is a Tierwise file of another kind, not an exported workspace."
            ),
            FormatError::NewerVersion { found, supported } => write!(
                f,
                "{file} was written by a newer Tierwise (format {found}); this one reads up \
                 to format {supported}."
            ),
            FormatError::UnknownVersion(v) => {
                write!(
                    f,
                    "{file} has a format version ({v}) this Tierwise cannot read."
                )
            }
            FormatError::Truncated { expected, found } => write!(
                f,
                "{file} is damaged: it holds {found} bytes of content where {expected} were \
                 written (cut short or added to)."
            ),
            FormatError::Checksum => write!(
                f,
                "{file} was modified or damaged: its content does not match its checksum."
            ),
            FormatError::Corrupt(_) => {
                write!(f, "{file} is damaged: its content cannot be read.")
            }
            FormatError::Invalid(e) => write!(f, "{file} is inconsistent: {e}."),
        }
    }
}

impl std::error::Error for WorkspaceError {}

/// [`decode_file`] of a file the user chose, its refusal naming the file.
pub fn decode_file_named(file: &str, bytes: &[u8]) -> Result<WorkspaceFile, WorkspaceError> {
    decode_file(bytes).map_err(|error| WorkspaceError {
        file: file.to_string(),
        error,
    })
}

/// Writes a version 1 file (to make the migration fixture and test it).
pub fn encode_v1(file: &v1::FileV1) -> Vec<u8> {
    let payload = postcard::to_allocvec(file).unwrap_or_default();
    envelope::seal(Kind::File, 1, &payload)
}
