import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { listCorpusFiles, loadCorpus } from '../../knowledge/loader.js';
import { chunkDoc } from '../../knowledge/chunker.js';
import { tempDir, removeTempDirs } from './fixtures.js';

async function writeDocx(file: string, paragraphs: string[]): Promise<void> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
}

/** A one-page PDF with a line of ASCII text (Helvetica). */
function writePdf(file: string, line: string): void {
  const stream = `BT /F1 12 Tf 72 720 Td (${line}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  fs.writeFileSync(file, pdf, 'latin1');
}

describe('loading the corpus folder', () => {
  it('reads .txt, .md, .docx and .pdf files, skipping notes and other files', async () => {
    const dir = tempDir('zhibu-loader-');
    fs.writeFileSync(path.join(dir, 'a.txt'), '\uFEFF关于开展测试的通知\r\n\r\n第一条　测试。\r\n');
    fs.writeFileSync(path.join(dir, 'b.md'), '# 中国共产党测试条例\n来源: 测试\n\n第一条　本条例用于测试。\n');
    fs.writeFileSync(path.join(dir, 'README.md'), '# notes');
    fs.writeFileSync(path.join(dir, 'c.json'), '{}');
    await writeDocx(path.join(dir, 'd.docx'), [
      '关于加强支部建设的意见',
      '第一条　支部每月开展一次主题党日。',
      '第二条　支部书记每年述职。',
    ]);
    writePdf(path.join(dir, 'e.pdf'), 'Article 1 Branches meet every month.');
    expect((await listCorpusFiles(dir)).map((f) => path.basename(f))).toEqual(['a.txt', 'b.md', 'd.docx', 'e.pdf']);
    const docs = await loadCorpus(dir);
    expect(docs.find((d) => d.id === 'a')!.text).toBe('关于开展测试的通知\n\n第一条　测试。\n');
    const docx = chunkDoc(docs.find((d) => d.id === 'd')!);
    expect(docx.title).toBe('关于加强支部建设的意见');
    expect(docx.chunks.map((c) => c.clause)).toEqual(['第一条', '第二条']);
    expect(docx.chunks[0]!.short).toBe('《意见》');
    expect(docs.find((d) => d.id === 'e')!.text).toContain('Branches meet every month.');
    expect((await listCorpusFiles(path.join(dir, 'b.md'))).map((f) => path.basename(f))).toEqual(['b.md']);
  });
});

afterAll(removeTempDirs);
