//! An in-memory file that grows in pieces of [`PIECE`] bytes, never reallocated: a growing
//! `Vec` would copy itself at each doubling and could hold up to three times the file for a
//! moment. Its full pieces can be handed out as the file grows ([`Pieces::take_full`]), so
//! that the caller keeps them elsewhere (the page, in a `Blob`) and this memory holds one piece
//! or two at any time. It seeks within the bytes it still holds.

use super::PIECE;
use std::io::{self, Seek, SeekFrom, Write};

#[derive(Debug, Default)]
pub(crate) struct Pieces {
    /// The pieces not handed out yet: the first is piece number `taken`.
    pieces: Vec<Vec<u8>>,
    /// Pieces handed out by [`Pieces::take_full`].
    taken: usize,
    /// Bytes written (the end of the file).
    len: u64,
    /// Where the next write goes.
    pos: u64,
}

impl Pieces {
    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }

    /// The file as one buffer: allocated once at its size, each piece freed once copied.
    pub(crate) fn into_vec(self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len as usize);
        for p in self.pieces {
            out.extend_from_slice(&p);
        }
        out
    }

    /// The file in its pieces, in order (those not handed out yet).
    pub(crate) fn into_pieces(self) -> Vec<Vec<u8>> {
        self.pieces
    }

    /// Hands out the full pieces before the one the next write goes to, in order: the file's
    /// bytes so far, but for its last piece. They can no longer be sought to.
    pub(crate) fn take_full(&mut self) -> Vec<Vec<u8>> {
        let current = (self.pos / PIECE as u64) as usize;
        let n = current.saturating_sub(self.taken).min(self.pieces.len());
        self.taken += n;
        self.pieces.drain(..n).collect()
    }
}

impl Write for Pieces {
    fn write(&mut self, mut buf: &[u8]) -> io::Result<usize> {
        let n = buf.len();
        while !buf.is_empty() {
            let (k, at) = (
                (self.pos / PIECE as u64) as usize,
                (self.pos % PIECE as u64) as usize,
            );
            let Some(k) = k.checked_sub(self.taken) else {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "a write into bytes handed out",
                ));
            };
            if k == self.pieces.len() {
                self.pieces.push(Vec::with_capacity(PIECE));
            }
            let piece = &mut self.pieces[k];
            let take = buf.len().min(PIECE - at);
            // Overwrite what is there, append the rest.
            let over = take.min(piece.len().saturating_sub(at));
            piece[at..at + over].copy_from_slice(&buf[..over]);
            piece.extend_from_slice(&buf[over..take]);
            buf = &buf[take..];
            self.pos += take as u64;
            self.len = self.len.max(self.pos);
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Seek for Pieces {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        match pos {
            // A gap past the end is not needed: refuse it, and a place handed out.
            Some(p) if p <= self.len && p >= (self.taken * PIECE) as u64 => {
                self.pos = p;
                Ok(p)
            }
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "seek outside the written bytes",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_across_pieces_and_overwrites_after_a_seek() {
        let mut p = Pieces::default();
        let data: Vec<u8> = (0..PIECE * 2 + 10).map(|k| (k % 251) as u8).collect();
        p.write_all(&data[..5]).unwrap();
        p.write_all(&data[5..]).unwrap();
        assert_eq!(p.len(), data.len());
        assert_eq!(p.pieces.len(), 3);
        // Patch bytes that straddle the first two pieces.
        p.seek(SeekFrom::Start(PIECE as u64 - 2)).unwrap();
        p.write_all(&[1, 2, 3, 4]).unwrap();
        p.seek(SeekFrom::End(0)).unwrap();
        p.write_all(&[9]).unwrap();
        let mut want = data.clone();
        want[PIECE - 2..PIECE + 2].copy_from_slice(&[1, 2, 3, 4]);
        want.push(9);
        assert!(p.seek(SeekFrom::Current(1)).is_err());
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
        // Bytes handed out are out of reach; those still held are not.
        assert!(p.seek(SeekFrom::Start(10)).is_err());
        p.seek(SeekFrom::Start((PIECE * 3) as u64)).unwrap();
        p.write_all(&data[PIECE * 3..PIECE * 3 + 2]).unwrap();
        p.seek(SeekFrom::End(0)).unwrap();
        assert_eq!(p.len(), data.len());
        got.extend(p.into_pieces().concat());
        assert_eq!(got, data);
    }
}
