// Reads slices of a file for the page (src/ui/read_worker.rs) on this worker's thread.
//
// Why: a `Blob.slice(..).arrayBuffer()` read started on the page only makes progress while the
// page's thread is free, and the page is busy parsing the previous chunk. Read here, each chunk
// is ready when the parser wants it, and arrives as a transferred buffer (not copied).
//
// Messages from the page, all carrying the job's number:
// - {job, file, from, stop, first, chunk, ahead}: read file[from..stop], the first slice
//   `first` bytes long, each next one twice as long up to `chunk`, with at most `ahead`
//   slices the page has not taken yet; any earlier job is dropped;
// - {job, ack: true}: the page took a slice, so one more may be read;
// - {job, stop}: read no further than `stop`;
// - {job, cancel: true}: stop.
// To the page: {job, at, end, buf} per slice (buf transferred), or {job, error}.
let current = null;

self.onmessage = (e) => {
  const m = e.data;
  if (m.file) {
    current = { ...m, at: m.from, size: m.first, reading: false };
    pump(current);
    return;
  }
  const job = current;
  if (!job || job.job !== m.job) return;
  if (m.cancel) {
    current = null;
    return;
  }
  if (m.ack) job.ahead += 1;
  if (m.stop !== undefined) job.stop = Math.min(job.stop, m.stop);
  pump(job);
};

async function pump(job) {
  if (job.reading) return;
  job.reading = true;
  while (current === job && job.ahead > 0 && job.at < job.stop) {
    const at = job.at;
    const end = Math.min(at + job.size, job.stop);
    job.at = end;
    job.size = Math.min(job.size * 2, job.chunk);
    job.ahead -= 1;
    let buf;
    try {
      buf = await job.file.slice(at, end).arrayBuffer();
    } catch (err) {
      if (current === job) self.postMessage({ job: job.job, error: String(err) });
      current = null;
      break;
    }
    if (current !== job) break;
    self.postMessage({ job: job.job, at, end, buf }, [buf]);
  }
  job.reading = false;
}
