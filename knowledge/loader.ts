// Reads the corpus: a folder (or a single file) of .txt/.md/.docx/.pdf documents, as plain text.
import fs from 'node:fs/promises';
import path from 'node:path';

export interface RawDoc {
  /** File name without extension. */
  id: string;
  file: string;
  text: string;
}

export const CORPUS_EXTENSIONS = ['.txt', '.md', '.docx', '.pdf'] as const;

export function isCorpusFile(file: string): boolean {
  return (CORPUS_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

/** Corpus files under a path (a folder is read non-recursively; README/SOURCES notes are skipped), sorted. */
export async function listCorpusFiles(corpusPath: string): Promise<string[]> {
  const stat = await fs.stat(corpusPath);
  if (stat.isFile()) return [path.resolve(corpusPath)];
  const names = await fs.readdir(corpusPath);
  return names
    .filter((n) => isCorpusFile(n) && !/^(readme|sources)\.md$/i.test(n))
    .sort()
    .map((n) => path.resolve(corpusPath, n));
}

async function extractText(file: string): Promise<string> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.docx') {
    const mammoth = await import('mammoth');
    const { value } = await mammoth.extractRawText({ path: file });
    return value;
  }
  if (ext === '.pdf') {
    const { PDFParse } = await import('pdf-parse');
    const parser = new PDFParse({ data: await fs.readFile(file) });
    try {
      return (await parser.getText()).text;
    } finally {
      await parser.destroy();
    }
  }
  return fs.readFile(file, 'utf8');
}

export async function loadDoc(file: string): Promise<RawDoc> {
  const text = (await extractText(file)).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  return { id: path.basename(file, path.extname(file)), file, text };
}

export async function loadCorpus(corpusPath: string): Promise<RawDoc[]> {
  const files = await listCorpusFiles(corpusPath);
  return Promise.all(files.map(loadDoc));
}
