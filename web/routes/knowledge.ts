// 知识库 (admins): the corpus documents and a test box showing the retrieved passages with their scores, the
// decision (answer / not stated / refuse) and the final answer, through the same answerer the chat uses.
// TODO(web/knowledge): upload and removal of documents and a rebuild with progress without restarting need a
// hot-swappable index in knowledge/ (not built yet); the question log (store/, another helper's work) has not
// landed on this branch — its page goes here once it has.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { UserError } from '../../ground/errors.js';
import { assertAdmin } from '../../domains/roles/console-access.js';
import { CORPUS_EXTENSIONS } from '../../knowledge/loader.js';
import { requireViewer, web } from '../auth.js';
import type { WebDeps } from '../deps.js';
import { page } from '../render.js';

const DECISION = { llm: '作答（模型）', extractive: '作答（原文摘录）', 'not-stated': '文件未载明', refusal: '拒答' };

export function registerKnowledgeRoutes(app: FastifyInstance, deps: WebDeps): void {
  function documents() {
    const dir = deps.config.corpusDir;
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((f) => (CORPUS_EXTENSIONS as readonly string[]).includes(path.extname(f).toLowerCase()))
      .map((f) => ({ name: f, kb: Math.ceil(fs.statSync(path.join(dir, f)).size / 1024) }));
  }

  app.get('/knowledge', async (req, reply) => {
    assertAdmin(requireViewer(req));
    return page(reply, 'knowledge', { title: '知识库', docs: documents(), q: '', result: undefined });
  });

  app.post<{ Body: { q?: string } }>('/knowledge/test', async (req, reply) => {
    const v = requireViewer(req);
    assertAdmin(v);
    const q = (req.body.q ?? '').trim().slice(0, 300);
    if (!q) throw new UserError('请输入要测试的问题。');
    if (!deps.answerer) throw new UserError('知识库未加载：测试需要机器人在运行（zhibu start）。');
    const a = await deps.answerer.answer(q);
    await deps.audit.recordBy(web(v), 'knowledge.test', q);
    return page(reply, 'knowledge', {
      title: '知识库',
      docs: documents(),
      q,
      result: { decision: DECISION[a.mode], text: a.text, sources: a.sources },
    });
  });
}
