// Splits long texts into ordered parts under the per-message limit, at sentence boundaries when possible.
export const PART_MAX_CHARS = 1500;

const SENTENCE_END = /[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)]*|\n+|$)/g;

function sentences(text: string): string[] {
  return (text.match(SENTENCE_END) ?? []).filter((s) => s.length > 0);
}

/** Ordered parts, each at most `max` characters; a single over-long sentence is cut hard. */
export function splitText(text: string, max = PART_MAX_CHARS): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) parts.push(current.trim());
    current = '';
  };
  for (const s of sentences(text)) {
    if (current.length + s.length <= max) {
      current += s;
      continue;
    }
    flush();
    for (let i = 0; i < s.length; i += max) {
      const piece = s.slice(i, i + max);
      if (piece.length === max) parts.push(piece.trim());
      else current = piece;
    }
  }
  flush();
  return parts;
}
