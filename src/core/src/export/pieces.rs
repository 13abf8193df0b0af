//! An in-memory file that grows in pieces of [`PIECE`] bytes, never reallocated: a growing
//! `Vec` would copy itself at each doubling and could hold up to three times the file for a
//! moment. It seeks, as the zip writer goes back to a file's header to write its sizes.

use super::PIECE;
use std::io::{self, Seek, SeekFrom, Write};

#[derive(Debug, Default)]
pub(crate) struct Pieces {
    pieces: Vec<Vec<u8>>,
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

    /// The file in its pieces, in order.
    pub(crate) fn into_pieces(self) -> Vec<Vec<u8>> {
        self.pieces
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
            // A gap past the end is not needed by the zip writer: refuse it.
            Some(p) if p <= self.len => {
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
}
