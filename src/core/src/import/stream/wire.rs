//! The bytes a [`LogPart`] travels in from the worker to the page: the columns as raw
//! little-endian arrays (a copy, not a number-by-number encoding as postcard's varints would
//! be), the names as length-prefixed UTF-8, and the small rest (report, conventions) in
//! postcard. Written through a sink in pieces of at most [`PIECE`] bytes, so the worker can
//! copy them straight into a JS buffer of [`encoded_len`] bytes without a second copy in its
//! own memory; read back the same way ([`decode_from`]), so the page never holds them whole.

use super::super::money::Money;
use super::super::rollup::{CompactLog, LogColumns, LogPart};
use super::super::ImportReport;

const MAGIC: &[u8; 4] = b"TWP1";
/// Bytes handed to the sink at a time.
pub const PIECE: usize = 64 * 1024;

/// Where the bytes go: [`Count`] only counts them.
trait Sink {
    fn put(&mut self, bytes: &[u8]);
    fn put_words<const N: usize, T: Copy>(&mut self, v: &[T], to_le: fn(T) -> [u8; N]) {
        let mut piece = [0u8; 4096];
        for chunk in v.chunks(4096 / N) {
            let mut n = 0;
            for &x in chunk {
                piece[n..n + N].copy_from_slice(&to_le(x));
                n += N;
            }
            self.put(&piece[..n]);
        }
    }
}

struct Count(usize);

impl Sink for Count {
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }
    fn put_words<const N: usize, T: Copy>(&mut self, v: &[T], _: fn(T) -> [u8; N]) {
        self.0 += v.len() * N;
    }
}

/// Gathers bytes into pieces for `out`.
struct Pieces<F: FnMut(&[u8])> {
    buf: Vec<u8>,
    out: F,
}

impl<F: FnMut(&[u8])> Sink for Pieces<F> {
    fn put(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let take = (PIECE - self.buf.len()).min(bytes.len());
            self.buf.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.buf.len() == PIECE {
                (self.out)(&self.buf);
                self.buf.clear();
            }
        }
    }
}

fn put_len(s: &mut impl Sink, n: usize) {
    s.put(&(n as u64).to_le_bytes());
}

fn put_strings(s: &mut impl Sink, v: &[String]) {
    put_len(s, v.len());
    for x in v {
        put_len(s, x.len());
        s.put(x.as_bytes());
    }
}

fn put_money(s: &mut impl Sink, m: &Money) {
    match m {
        Money::Cents(v) => {
            s.put(&[0]);
            put_len(s, v.len());
            s.put_words(v, i32::to_le_bytes);
        }
        Money::Float(v) => {
            s.put(&[1]);
            put_len(s, v.len());
            s.put_words(v, f64::to_le_bytes);
        }
    }
}

fn write_strings(s: &mut impl Sink, l: &CompactLog) {
    put_strings(s, &l.customer_ids);
    put_strings(s, &l.customer_names);
    put_strings(s, &l.products);
}

fn write(s: &mut impl Sink, part: &LogPart, meta: &[u8]) {
    let l = &part.log;
    s.put(MAGIC);
    // The names first, behind their size, so a reader takes them in one piece.
    let mut names = Count(0);
    write_strings(&mut names, l);
    put_len(s, names.0);
    write_strings(s, l);
    for v in [&l.customer, &l.product] {
        put_len(s, v.len());
        s.put_words(v, u32::to_le_bytes);
    }
    for v in [&l.date, &l.due, &l.paid] {
        put_len(s, v.len());
        s.put_words(v, i32::to_le_bytes);
    }
    for m in [&l.amount, &l.profit, &l.cost] {
        put_money(s, m);
    }
    put_len(s, meta.len());
    s.put(meta);
}

fn meta(part: &LogPart) -> Vec<u8> {
    postcard::to_allocvec(&(&part.report, &part.columns)).unwrap_or_default()
}

/// The report and conventions, encoded once for [`encoded_len`] and [`encode`].
pub struct Meta(Vec<u8>);

impl Meta {
    pub fn of(part: &LogPart) -> Meta {
        Meta(meta(part))
    }
}

/// The size of [`encode`]'s output.
pub fn encoded_len(part: &LogPart, meta: &Meta) -> usize {
    let mut c = Count(0);
    write(&mut c, part, &meta.0);
    c.0
}

/// Writes the part to `out` in pieces of at most [`PIECE`] bytes.
pub fn encode(part: &LogPart, meta: &Meta, out: impl FnMut(&[u8])) {
    let mut p = Pieces {
        buf: Vec::with_capacity(PIECE),
        out,
    };
    write(&mut p, part, &meta.0);
    if !p.buf.is_empty() {
        (p.out)(&p.buf);
    }
}

/// The part in one vector.
pub fn to_bytes(part: &LogPart) -> Vec<u8> {
    let meta = Meta::of(part);
    let mut v = Vec::with_capacity(encoded_len(part, &meta));
    encode(part, &meta, |b| v.extend_from_slice(b));
    v
}

/// The names section, read from one slice.
struct Names<'a>(&'a [u8]);

impl Names<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if n > self.0.len() {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }

    fn len(&mut self) -> Option<usize> {
        let b = self.take(8)?;
        usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok()
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        // Each string takes at least its 8-byte length: refuse counts the bytes cannot hold.
        if n > self.0.len() / 8 {
            return None;
        }
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            let len = self.len()?;
            v.push(String::from_utf8(self.take(len)?.to_vec()).ok()?);
        }
        Some(v)
    }
}

/// Reads `len` bytes through `read(at, out)`, which fills `out` with the bytes from `at`:
/// whole sections or pieces of at most [`PIECE`] bytes, never the whole.
struct Reader<F: FnMut(usize, &mut [u8])> {
    len: usize,
    at: usize,
    read: F,
    piece: Vec<u8>,
}

impl<F: FnMut(usize, &mut [u8])> Reader<F> {
    fn bytes(&mut self, n: usize) -> Option<Vec<u8>> {
        if n > self.len - self.at {
            return None;
        }
        let mut v = vec![0; n];
        (self.read)(self.at, &mut v);
        self.at += n;
        Some(v)
    }

    fn len(&mut self) -> Option<usize> {
        let b = self.bytes(8)?;
        usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok()
    }

    fn words<const N: usize, T>(&mut self, from_le: fn([u8; N]) -> T) -> Option<Vec<T>> {
        let n = self.len()?;
        let mut left = n.checked_mul(N)?;
        if left > self.len - self.at {
            return None;
        }
        let mut v = Vec::with_capacity(n);
        while left > 0 {
            let take = left.min(PIECE / N * N);
            self.piece.resize(take, 0);
            (self.read)(self.at, &mut self.piece);
            self.at += take;
            left -= take;
            v.extend(
                self.piece
                    .chunks_exact(N)
                    .map(|c| from_le(c.try_into().unwrap_or([0; N]))),
            );
        }
        Some(v)
    }

    fn money(&mut self) -> Option<Money> {
        match self.bytes(1)?.as_slice() {
            [0] => Some(Money::Cents(self.words(i32::from_le_bytes)?)),
            [1] => Some(Money::Float(self.words(f64::from_le_bytes)?)),
            _ => None,
        }
    }
}

/// The part, when the bytes hold a whole and consistent one ([`LogPart::is_consistent`]).
pub fn decode(bytes: &[u8]) -> Option<LogPart> {
    decode_from(bytes.len(), |at, out| {
        out.copy_from_slice(&bytes[at..at + out.len()]);
    })
}

/// The same, from `len` bytes that `read(at, out)` copies into `out` from `at` on (never past
/// `len`): the page reads the worker's buffer this way, so it never holds it whole.
pub fn decode_from(len: usize, read: impl FnMut(usize, &mut [u8])) -> Option<LogPart> {
    let mut r = Reader {
        len,
        at: 0,
        read,
        piece: Vec::new(),
    };
    if r.bytes(4)? != MAGIC {
        return None;
    }
    let names_len = r.len()?;
    let names = r.bytes(names_len)?;
    let mut n = Names(&names);
    let customer_ids = n.strings()?;
    let customer_names = n.strings()?;
    let products = n.strings()?;
    if !n.0.is_empty() {
        return None;
    }
    drop(names);
    let customer = r.words(u32::from_le_bytes)?;
    let product = r.words(u32::from_le_bytes)?;
    let date = r.words(i32::from_le_bytes)?;
    let due = r.words(i32::from_le_bytes)?;
    let paid = r.words(i32::from_le_bytes)?;
    let amount = r.money()?;
    let profit = r.money()?;
    let cost = r.money()?;
    let meta_len = r.len()?;
    let (report, columns): (ImportReport, LogColumns) =
        postcard::from_bytes(&r.bytes(meta_len)?).ok()?;
    if r.at != r.len {
        return None;
    }
    let part = LogPart {
        log: CompactLog {
            customer_ids,
            customer_names,
            products,
            customer,
            date,
            amount,
            profit,
            cost,
            product,
            due,
            paid,
        },
        report,
        columns,
    };
    part.is_consistent().then_some(part)
}

#[cfg(test)]
mod tests {
    use super::super::part::PartReader;
    use super::super::StreamImporter;
    use super::*;
    use crate::import::ImportOptions;

    #[test]
    fn a_part_travels_whole_in_pieces() {
        let head: String = (0..3000)
            .map(|i| {
                format!(
                    "C{},Name {},2024-01-{:02},{i}.5,P{}\n",
                    i % 50,
                    i % 50,
                    i % 28 + 1,
                    i % 3
                )
            })
            .collect();
        let mut s = StreamImporter::new("f.csv", ImportOptions::default());
        s.push(format!("Customer,Name,Date,Amount,Product\n{head}").as_bytes());
        let h = s.handoff().unwrap();
        let mut p = PartReader::new(&h, 100).unwrap();
        // A new customer, a product-less row, a rejected row and an amount that is not cents.
        p.push("C7,Name 7,2024-02-01,10\nC99,客户,2024-02-02,0.125,\nC1,x,bad,1,P1\n".as_bytes());
        let part = p.finish().unwrap();
        let meta = Meta::of(&part);
        let len = encoded_len(&part, &meta);
        let mut pieces = Vec::new();
        encode(&part, &meta, |b| pieces.push(b.to_vec()));
        assert!(pieces.iter().all(|b| b.len() <= PIECE));
        let bytes = pieces.concat();
        assert_eq!(bytes.len(), len);
        // Read back in pieces, never more than one at a time.
        let mut reads = Vec::new();
        let back = decode_from(len, |at, out| {
            reads.push(out.len());
            out.copy_from_slice(&bytes[at..at + out.len()]);
        })
        .unwrap();
        assert!(reads.iter().all(|&n| n <= PIECE), "{reads:?}");
        assert_eq!(decode(&bytes).unwrap().log, part.log);
        assert_eq!(back.log, part.log);
        assert_eq!(back.report, part.report);
        assert!(matches!(back.log.amount, Money::Float(_)));
        assert_eq!(back.log.customer_ids, ["C7", "C99"]);
        assert_eq!(back.report.rejected.len(), 1);
        // Cut anywhere, or with a byte more, it is refused.
        for cut in [0, 3, 4, 20, len / 2, len - 1] {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut more = bytes.clone();
        more.push(0);
        assert!(decode(&more).is_none());
    }
}
