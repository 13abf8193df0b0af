//! The envelope around every encoded part: magic, kind, schema version, payload length and a
//! checksum, then the payload (postcard). A file that is not ours, cut short, edited by hand
//! or written by a newer Tierwise is refused with a [`FormatError`] before anything is used.
//!
//! ```text
//! offset 0   8 bytes  "TIERWISE"
//!        8   1 byte   kind (0 file, 1 data, 2 state, 3 reviews)
//!        9   2 bytes  schema version, little-endian
//!       11   8 bytes  payload length, little-endian
//!       19   8 bytes  checksum of the payload ([`checksum`]), little-endian
//!       27   …        payload
//! ```

use std::fmt;

pub const MAGIC: &[u8; 8] = b"TIERWISE";
pub const HEADER_LEN: usize = 27;

/// What an encoded blob holds. The file holds the three others.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File = 0,
    Data = 1,
    State = 2,
    Reviews = 3,
}

impl Kind {
    fn from_u8(b: u8) -> Option<Kind> {
        Some(match b {
            0 => Kind::File,
            1 => Kind::Data,
            2 => Kind::State,
            3 => Kind::Reviews,
            _ => return None,
        })
    }
}

/// Why a workspace file (or a stored part) was refused. Nothing is changed when this is
/// returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// The bytes do not start with the Tierwise header: another kind of file.
    NotAWorkspace,
    /// A Tierwise blob of another kind (e.g. a stored part given as a file).
    WrongKind,
    /// Written by a newer Tierwise than this one.
    NewerVersion { found: u16, supported: u16 },
    /// A version this build does not know how to read (0, or a retired one).
    UnknownVersion(u16),
    /// The file is shorter or longer than its header says: cut short or appended to.
    Truncated { expected: u64, found: u64 },
    /// The payload does not match its checksum: edited or damaged.
    Checksum,
    /// The payload does not decode.
    Corrupt(String),
    /// The payload decodes but is inconsistent (columns of different lengths, indices out of
    /// range …).
    Invalid(String),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::NotAWorkspace => f.write_str("not a Tierwise workspace file"),
            FormatError::WrongKind => f.write_str("a Tierwise file of another kind"),
            FormatError::NewerVersion { found, supported } => write!(
                f,
                "written by a newer Tierwise (format {found}; this one reads up to {supported})"
            ),
            FormatError::UnknownVersion(v) => write!(f, "unknown format version {v}"),
            FormatError::Truncated { expected, found } => write!(
                f,
                "the file is damaged: {found} bytes of content where {expected} were written"
            ),
            FormatError::Checksum => {
                f.write_str("the file was modified or damaged (checksum mismatch)")
            }
            FormatError::Corrupt(e) => write!(f, "the file is damaged: {e}"),
            FormatError::Invalid(e) => write!(f, "the file is inconsistent: {e}"),
        }
    }
}

impl std::error::Error for FormatError {}

/// A 64-bit checksum over 8-byte words (FNV-style multiply, with a rotation). Each step is a
/// bijection of the state, so changing any one word, or the length, always changes the result.
/// It detects damage and hand edits, not a deliberate forgery.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut c = Checksum::new(bytes.len() as u64);
    c.update(bytes);
    c.finish()
}

/// [`checksum`] over bytes given in pieces; the total length is known up front.
#[derive(Clone, Debug)]
pub struct Checksum {
    h: u64,
    pending: [u8; 8],
    filled: usize,
}

impl Checksum {
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    pub fn new(len: u64) -> Checksum {
        Checksum {
            h: 0xcbf2_9ce4_8422_2325 ^ len,
            pending: [0; 8],
            filled: 0,
        }
    }

    fn word(&mut self, w: [u8; 8]) {
        self.h = (self.h ^ u64::from_le_bytes(w))
            .wrapping_mul(Self::PRIME)
            .rotate_left(23);
    }

    pub fn update(&mut self, mut bytes: &[u8]) {
        if self.filled > 0 {
            let take = (8 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 8 {
                return;
            }
            self.word(self.pending);
            self.filled = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut a = [0u8; 8];
            a.copy_from_slice(w);
            self.word(a);
        }
        let rest = words.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    /// The last, partial (possibly empty) word, zero-padded, then a final mix.
    pub fn finish(mut self) -> u64 {
        let mut a = [0u8; 8];
        a[..self.filled].copy_from_slice(&self.pending[..self.filled]);
        self.word(a);
        self.h ^ (self.h >> 29)
    }
}

/// The header for a payload of `len` bytes with checksum `sum`.
pub fn header(kind: Kind, version: u16, len: u64, sum: u64) -> [u8; HEADER_LEN] {
    let mut head = [0u8; HEADER_LEN];
    head[..8].copy_from_slice(MAGIC);
    head[8] = kind as u8;
    head[9..11].copy_from_slice(&version.to_le_bytes());
    head[11..19].copy_from_slice(&len.to_le_bytes());
    head[19..27].copy_from_slice(&sum.to_le_bytes());
    head
}

/// Header and payload in one buffer.
pub fn seal(kind: Kind, version: u16, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.resize(HEADER_LEN, 0);
    out.extend_from_slice(payload);
    seal_in_place(kind, version, &mut out);
    out
}

/// Writes the header into the first [`HEADER_LEN`] bytes of `buf`, for the payload after
/// them. `buf` shorter than a header is left alone.
pub fn seal_in_place(kind: Kind, version: u16, buf: &mut [u8]) {
    if buf.len() < HEADER_LEN {
        return;
    }
    let (head, payload) = buf.split_at_mut(HEADER_LEN);
    head.copy_from_slice(&header(
        kind,
        version,
        payload.len() as u64,
        checksum(payload),
    ));
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

/// Checks the header, length and checksum; returns the version and the payload.
pub fn open(bytes: &[u8], kind: Kind, supported: u16) -> Result<(u16, &[u8]), FormatError> {
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return Err(FormatError::NotAWorkspace);
    }
    if Kind::from_u8(bytes[8]) != Some(kind) {
        return Err(FormatError::WrongKind);
    }
    let version = u16::from_le_bytes([bytes[9], bytes[10]]);
    if version > supported {
        return Err(FormatError::NewerVersion {
            found: version,
            supported,
        });
    }
    if version == 0 {
        return Err(FormatError::UnknownVersion(0));
    }
    let expected = u64_at(bytes, 11);
    let payload = &bytes[HEADER_LEN..];
    if payload.len() as u64 != expected {
        return Err(FormatError::Truncated {
            expected,
            found: payload.len() as u64,
        });
    }
    if checksum(payload) != u64_at(bytes, 19) {
        return Err(FormatError::Checksum);
    }
    Ok((version, payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_in_pieces_equals_the_checksum_at_once() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7919 % 251) as u8).collect();
        for len in [0, 1, 7, 8, 9, 16, 999, 1000] {
            let b = &bytes[..len];
            for cuts in [
                vec![],
                vec![1],
                vec![3, 5],
                vec![7, 8, 9],
                vec![0, 0, 13, 500],
            ] {
                let mut c = Checksum::new(len as u64);
                let mut at = 0;
                for &cut in &cuts {
                    let cut = cut.min(len).max(at);
                    c.update(&b[at..cut]);
                    at = cut;
                }
                c.update(&b[at..]);
                assert_eq!(c.finish(), checksum(b), "len {len} cuts {cuts:?}");
            }
        }
    }

    #[test]
    fn any_single_byte_change_is_caught() {
        let payload: Vec<u8> = (0..100u8).collect();
        let sealed = seal(Kind::State, 2, &payload);
        assert_eq!(open(&sealed, Kind::State, 2).unwrap(), (2, &payload[..]));
        for i in HEADER_LEN..sealed.len() {
            for bit in [0x01u8, 0x80] {
                let mut t = sealed.clone();
                t[i] ^= bit;
                assert_eq!(open(&t, Kind::State, 2), Err(FormatError::Checksum), "{i}");
            }
        }
    }

    #[test]
    fn header_errors() {
        let sealed = seal(Kind::Data, 2, b"abc");
        assert_eq!(
            open(b"hello", Kind::Data, 2),
            Err(FormatError::NotAWorkspace)
        );
        assert_eq!(open(&sealed, Kind::File, 2), Err(FormatError::WrongKind));
        assert_eq!(
            open(&sealed, Kind::Data, 1),
            Err(FormatError::NewerVersion {
                found: 2,
                supported: 1
            })
        );
        assert_eq!(
            open(&sealed[..sealed.len() - 1], Kind::Data, 2),
            Err(FormatError::Truncated {
                expected: 3,
                found: 2
            })
        );
        let mut longer = sealed.clone();
        longer.push(0);
        assert!(matches!(
            open(&longer, Kind::Data, 2),
            Err(FormatError::Truncated { .. })
        ));
    }
}
