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
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ (bytes.len() as u64);
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut a = [0u8; 8];
        a.copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(a))
            .wrapping_mul(PRIME)
            .rotate_left(23);
    }
    let mut a = [0u8; 8];
    let rest = words.remainder();
    a[..rest.len()].copy_from_slice(rest);
    h = (h ^ u64::from_le_bytes(a))
        .wrapping_mul(PRIME)
        .rotate_left(23);
    h ^ (h >> 29)
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
    head[..8].copy_from_slice(MAGIC);
    head[8] = kind as u8;
    head[9..11].copy_from_slice(&version.to_le_bytes());
    head[11..19].copy_from_slice(&(payload.len() as u64).to_le_bytes());
    head[19..27].copy_from_slice(&checksum(payload).to_le_bytes());
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
