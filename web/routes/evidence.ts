// A meeting's evidence: 会议记录 (.docx/.pdf/.txt) and photos (.jpg/.png), checked by size, extension and
// content, stored under DATA_DIR/evidence with names zhibu chooses, and always served as a download
// with its fixed type (never as HTML).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UserError } from '../../ground/errors.js';
import type { Meeting } from '../../store/types.js';
import { requireViewer, web } from '../auth.js';
import type { WebDeps } from '../deps.js';

interface Kind {
  ext: string;
  mime: string;
  kind: 'minutes' | 'photo';
  /** The file's first bytes, when the format has a signature. */
  magic?: number[];
}

const KINDS: Kind[] = [
  { ext: '.jpg', mime: 'image/jpeg', kind: 'photo', magic: [0xff, 0xd8, 0xff] },
  { ext: '.jpeg', mime: 'image/jpeg', kind: 'photo', magic: [0xff, 0xd8, 0xff] },
  { ext: '.png', mime: 'image/png', kind: 'photo', magic: [0x89, 0x50, 0x4e, 0x47] },
  { ext: '.pdf', mime: 'application/pdf', kind: 'minutes', magic: [0x25, 0x50, 0x44, 0x46] },
  {
    ext: '.docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    kind: 'minutes',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  { ext: '.txt', mime: 'text/plain; charset=utf-8', kind: 'minutes' },
];

export function evidenceDir(dataDir: string, meetingId: string): string {
  return path.join(dataDir, 'evidence', meetingId);
}

export function registerEvidenceRoutes(
  app: FastifyInstance,
  deps: WebDeps,
  meetingFor: (req: FastifyRequest) => Promise<Meeting>,
): void {
  app.post<{ Params: { id: string } }>('/meetings/:id/evidence', async (req, reply) => {
    const v = requireViewer(req);
    const m = await meetingFor(req);
    const file = await req.file();
    if (!file) throw new UserError('请选择要上传的文件。');
    const kind = KINDS.find((k) => k.ext === path.extname(file.filename).toLowerCase());
    if (!kind) throw new UserError('只接受会议记录（.docx、.pdf、.txt）和照片（.jpg、.png）。文件未保存。');
    const buf = await file.toBuffer();
    if (file.file.truncated) throw new UserError('文件太大，未保存。');
    if (!buf.length) throw new UserError('文件是空的，未保存。');
    if (kind.magic && !kind.magic.every((b, i) => buf[i] === b))
      throw new UserError(`文件内容与扩展名 ${kind.ext} 不符，未保存。`);
    if (!kind.magic && buf.includes(0)) throw new UserError('文本文件里有二进制内容，未保存。');
    const id = randomBytes(8).toString('hex');
    const dir = evidenceDir(deps.config.dataDir, m.id);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, id + kind.ext), buf);
    const name = path.basename(file.filename).slice(0, 120);
    await deps.stores.evidence.add({
      id,
      meetingId: m.id,
      kind: kind.kind,
      name,
      file: id + kind.ext,
      mime: kind.mime,
      size: buf.length,
      by: v.wechatId,
      at: deps.clock.now(),
    });
    await deps.audit.recordBy(
      web(v),
      'meeting.evidence',
      `#${m.id} ${kind.kind === 'photo' ? '照片' : '会议记录'} ${name}`,
    );
    return reply.redirect(`/meetings/${m.id}?notice=${encodeURIComponent(`已上传：${name}`)}`, 303);
  });

  app.get<{ Params: { id: string; eid: string } }>('/meetings/:id/evidence/:eid', async (req, reply) => {
    const m = await meetingFor(req);
    const e = (await deps.stores.evidence.list(m.id)).find((x) => x.id === req.params.eid);
    if (!e) throw new UserError('没有这个文件。');
    const body = fs.readFileSync(path.join(evidenceDir(deps.config.dataDir, m.id), e.file));
    return reply
      .type(e.mime)
      .header('Content-Disposition', `attachment; filename="${e.file}"; filename*=UTF-8''${encodeURIComponent(e.name)}`)
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .send(body);
  });
}
