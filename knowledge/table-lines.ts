// Reads a large text table (jieba's dictionary or IDF table, 5–6 MB) line by line through one 64 KB buffer. Reading
// it whole put a buffer of its size on the C heap, which the allocator kept after it was freed: +8–15 MB of RSS for the
// rest of the process, for tables of which only a few entries are kept.
import fs from 'node:fs';

const CHUNK = 1 << 16;

/** Calls fn with each line's bytes: `bytes[start..end)`, without the newline; `bytes` is reused between calls. */
export function forEachLine(file: string, fn: (bytes: Buffer, start: number, end: number) => void): void {
  const fd = fs.openSync(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(CHUNK);
    let kept = 0;
    for (;;) {
      if (kept === buf.length) {
        // A line longer than the buffer: grow it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, kept);
        buf = bigger;
      }
      const read = fs.readSync(fd, buf, kept, buf.length - kept, null);
      const filled = kept + read;
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(0x0a, start);
        if (nl < 0 || nl >= filled) break;
        fn(buf, start, nl);
        start = nl + 1;
      }
      if (read === 0) {
        if (start < filled) fn(buf, start, filled);
        return;
      }
      buf.copy(buf, 0, start, filled);
      kept = filled - start;
    }
  } finally {
    fs.closeSync(fd);
  }
}
