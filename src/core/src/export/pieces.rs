//! An in-memory file that grows in pieces of [`PIECE`] bytes, never reallocated: a growing
//! `Vec` would copy itself at each doubling and could hold up to three times the file for a
//! moment. It is only appended to (the CSV writer and the XLSX's zip never go back), so its
//! full pieces can be handed out as the file grows ([`Pieces::take_full`]): the caller keeps
//! them elsewhere (the page, in a `Blob`) and this memory holds a piece or two at any time.

use super::PIECE;
use std::io::{self, Write};

#[derive(Debug, Default)]
pub(crate) struct Pieces {
    /// The pieces not handed out yet; only the last may be partly filled.
    pieces: Vec<Vec<u8>>,
    /// Bytes written (the end of the file), handed out or not.
    len: u64,
}

impl Pieces {
    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }

    /// The file as one buffer (the pieces not handed out): allocated once at its size, each
    /// piece freed once copied.
    pub(crate) fn into_vec(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.pieces.iter().map(Vec::len).sum());
        for p in self.pieces {
            out.extend_from_slice(&p);
        }
        out
    }

    /// The file in its pieces, in order (those not handed out yet).
    pub(crate) fn into_pieces(self) -> Vec<Vec<u8>> {
        self.pieces
    }

    /// Hands out the full pieces, in order: the file's bytes so far but for a last piece not
    /// yet full.
    pub(crate) fn take_full(&mut self) -> Vec<Vec<u8>> {
        let full = self.pieces.iter().take_while(|p| p.len() == PIECE).count();
        self.pieces.drain(..full).collect()
    }
}

impl Write for Pieces {
    fn write(&mut self, mut buf: &[u8]) -> io::Result<usize> {
        let n = buf.len();
        while !buf.is_empty() {
            let room = match self.pieces.last() {
                Some(p) if p.len() < PIECE => PIECE - p.len(),
                _ => {
                    self.pieces.push(Vec::with_capacity(PIECE));
                    PIECE
                }
            };
            let take = buf.len().min(room);
            if let Some(p) = self.pieces.last_mut() {
                p.extend_from_slice(&buf[..take]);
            }
            buf = &buf[take..];
        }
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_across_pieces() {
        let mut p = Pieces::default();
        let data: Vec<u8> = (0..PIECE * 2 + 10).map(|k| (k % 251) as u8).collect();
        p.write_all(&data[..5]).unwrap();
        p.write_all(&data[5..]).unwrap();
        p.write_all(&[9]).unwrap();
        let mut want = data.clone();
        want.push(9);
        assert_eq!(p.len(), want.len());
        assert_eq!(p.pieces.len(), 3);
        let pieces_total: usize = {
            let mut q = Pieces::default();
            q.write_all(&want).unwrap();
            q.into_pieces().iter().map(Vec::len).sum()
        };
        assert_eq!(pieces_total, want.len());
        assert_eq!(p.into_vec(), want);
    }

    #[test]
    fn full_pieces_are_handed_out_and_the_rest_follows() {
        let data: Vec<u8> = (0..PIECE * 3 + 7).map(|k| (k % 249) as u8).collect();
        let mut p = Pieces::default();
        let mut got: Vec<u8> = Vec::new();
        for chunk in data.chunks(PIECE / 3 + 5) {
            p.write_all(chunk).unwrap();
            for piece in p.take_full() {
                assert_eq!(piece.len(), PIECE);
                got.extend_from_slice(&piece);
            }
        }
        assert_eq!(got.len(), PIECE * 3, "every full piece, once");
        assert!(p.take_full().is_empty());
        assert_eq!(
            p.len(),
            data.len(),
            "the length counts the bytes handed out"
        );
        got.extend(p.into_pieces().concat());
        assert_eq!(got, data);
    }
}
