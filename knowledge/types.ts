// The answering core's contract with the rest of zhibu.

export interface Citation {
  /** Short title as users cite it, e.g. 《实施方案》 */
  doc: string;
  /** Clause label as the document writes it, e.g. 第16条 */
  clause: string;
  /** Verbatim text from the corpus. */
  quote: string;
}

export interface SourceRef {
  chunkId: string;
  doc: string;
  clause: string;
  score: number;
}

export interface Answer {
  /** Plain text for WeChat (no Markdown), within the configured length. */
  text: string;
  citations: Citation[];
  refused: boolean;
  sources: SourceRef[];
  /**
   * Which path produced the text: an answer (llm, extractive), `not-stated` (on-topic, but the documents do not give
   * the specific thing asked; the closest provision is quoted and `refused` is true) or a plain refusal.
   */
  mode: 'llm' | 'extractive' | 'not-stated' | 'refusal';
}

export interface Answerer {
  answer(question: string, opts?: { signal?: AbortSignal }): Promise<Answer>;
}
