// 知识库 (admins): the corpus documents and a test box showing the retrieved passages with their scores, the
// decision (answer / not stated / refuse) and the final answer, through the same answerer the chat uses.
// Documents are uploaded into and removed from CORPUS_DIR; a rebuild (knowledge/live.ts) swaps the new index in
// without restarting the bot, its progress shown while it runs. A document's members' words (<name>.keywords.tsv,
// knowledge/unit-keywords.ts) are uploaded the same way, checked against the document's units first.
// 问答记录 (secretaries for their branches, admins for all): the question log by branch and week, optionally only
// the unanswered (not stated / refused), the asker shown as the log's hash.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { UserError } from '../../ground/errors.js';
import { formatDateTime } from '../../ground/time/format.js';
import { assertAdmin } from '../../domains/roles/console-access.js';
import { randomBytes } from 'node:crypto';
import { CORPUS_EXTENSIONS, loadDoc } from '../../knowledge/loader.js';
import { chunkDoc } from '../../knowledge/chunker.js';
import { checkUnitKeywords, KEYWORDS_SUFFIX } from '../../knowledge/unit-keywords.js';
import { addDays, dayKey, mondayOf, today } from '../../ground/time/zoned.js';
import { requireViewer, web } from '../auth.js';
import { branchScope } from '../branch-scope.js';
import { branchQuestions, UNANSWERED, weekOf, weekRange } from '../questions.js';
import type { WebDeps } from '../deps.js';
import { page } from '../render.js';

const PHASE = { chunk: '切分条款', embed: '计算向量', index: '建立索引', save: '保存' };
const MAGIC: Record<string, number[]> = { '.pdf': [0x25, 0x50, 0x44, 0x46], '.docx': [0x50, 0x4b, 0x03, 0x04] };

/** A file name safe to write into the corpus folder: the upload's own name when it is plain, else a random one. */
function safeName(uploaded: string, ext: string): string {
  const base = path
    .basename(uploaded, path.extname(uploaded))
    .replace(/[^\p{L}\p{N}_\-（）()《》·]/gu, '')
    .slice(0, 80);
  return `${base || `upload-${randomBytes(4).toString('hex')}`}${ext}`;
}

const OUTCOME = { answer: '已作答', 'not-stated': '文件未载明', refusal: '拒答' } as const;
const DECISION = { llm: '作答（模型）', extractive: '作答（原文摘录）', 'not-stated': '文件未载明', refusal: '拒答' };

export function registerKnowledgeRoutes(app: FastifyInstance, deps: WebDeps): void {
  const isDocument = (f: string) => (CORPUS_EXTENSIONS as readonly string[]).includes(path.extname(f).toLowerCase());
  /** The corpus documents, each with its members' words file when it has one. */
  function documents() {
    const dir = deps.config.corpusDir;
    if (!fs.existsSync(dir)) return [];
    const names = fs.readdirSync(dir);
    return names.filter(isDocument).map((f) => {
      const words = `${path.basename(f, path.extname(f))}${KEYWORDS_SUFFIX}`;
      return {
        name: f,
        kb: Math.ceil(fs.statSync(path.join(dir, f)).size / 1024),
        words: names.includes(words) ? words : undefined,
      };
    });
  }

  /** Saves a members' words file for an existing document, after checking every line names one of its units. */
  async function saveWords(filename: string, buf: Buffer): Promise<string> {
    const docId = filename.slice(0, -KEYWORDS_SUFFIX.length);
    const doc = documents().find((d) => path.basename(d.name, path.extname(d.name)) === docId);
    if (!doc)
      throw new UserError(
        `没有与之对应的文件“${docId}”：成员用语表的文件名应为“文件名${KEYWORDS_SUFFIX}”，文件名与已上传的文件相同。未保存。`,
      );
    const text = buf.toString('utf8');
    if (!buf.length || buf.includes(0) || text.includes('\uFFFD'))
      throw new UserError('成员用语表应为 UTF-8 文本文件，内容为空或不是文本。未保存。');
    const { chunks } = chunkDoc(await loadDoc(path.join(deps.config.corpusDir, doc.name)));
    const check = checkUnitKeywords(text, new Set(chunks.map((c) => c.unit)));
    const first = check.problems[0];
    if (first)
      throw new UserError(
        first.unit
          ? `第${first.line}行：条款编号 ${first.unit} 在《${doc.name}》中不存在（共 ${check.problems.length} 处问题）。未保存。`
          : `第${first.line}行格式不对，应为“条款编号<Tab>词语 词语 …”（如 a12、c3；共 ${check.problems.length} 处问题）。未保存。`,
      );
    if (!check.units) throw new UserError('成员用语表里没有任何条款的用语。未保存。');
    const name = `${docId}${KEYWORDS_SUFFIX}`;
    fs.writeFileSync(path.join(deps.config.corpusDir, name), buf);
    return `${name}（${check.units} 个条款）`;
  }

  function view(extra: Record<string, unknown>) {
    const st = deps.knowledge?.state();
    return {
      title: '知识库',
      docs: documents(),
      q: '',
      result: undefined,
      live: !!deps.knowledge,
      state: st && {
        ...st,
        phaseLabel: st.phase ? PHASE[st.phase] : '',
        loaded: formatDateTime(st.loadedAt, deps.config.timeZone),
      },
      ...extra,
    };
  }

  app.get<{ Querystring: { branch?: string; week?: string; unanswered?: string } }>(
    '/questions',
    async (req, reply) => {
      const scope = await branchScope(deps.stores, requireViewer(req), req.query.branch);
      const tz = deps.config.timeZone;
      const now = deps.clock.now();
      const monday = weekOf(req.query.week, now, tz);
      const unanswered = req.query.unanswered === '1';
      const rows = await branchQuestions(deps.stores, scope.branch.id, weekRange(monday, tz), unanswered);
      // The weeks within retention, newest first, for the picker.
      const thisMonday = mondayOf(today(now, tz));
      const weeks = Array.from({ length: Math.ceil(deps.config.questionLog.retentionDays / 7) + 1 }, (_, i) =>
        dayKey(addDays(thisMonday, -7 * i)),
      );
      return page(reply, 'questions', {
        title: `问答记录 · ${scope.branch.name}`,
        scope,
        week: dayKey(monday),
        weeks,
        unanswered,
        rows: rows.reverse().map((r) => ({
          when: formatDateTime(r.at, tz),
          asker: r.asker,
          question: r.question,
          outcome: OUTCOME[r.outcome] ?? r.outcome,
          unanswered: UNANSWERED.has(r.outcome),
          cited: r.cited.join('、'),
        })),
      });
    },
  );

  app.get<{ Querystring: { notice?: string } }>('/knowledge', async (req, reply) => {
    assertAdmin(requireViewer(req));
    return page(reply, 'knowledge', view({ notice: req.query.notice }));
  });

  app.post('/knowledge/upload', async (req, reply) => {
    const v = requireViewer(req);
    assertAdmin(v);
    const file = await req.file();
    if (!file) throw new UserError('请选择文件。');
    if (file.filename.toLowerCase().endsWith(KEYWORDS_SUFFIX)) {
      const buf = await file.toBuffer();
      if (file.file.truncated) throw new UserError('文件太大，未保存。');
      const saved = await saveWords(path.basename(file.filename), buf);
      await deps.audit.recordBy(web(v), 'knowledge.upload', saved);
      return reply.redirect(`/knowledge?notice=${encodeURIComponent(`已上传 ${saved}。点“重建索引”后生效。`)}`, 303);
    }
    const ext = path.extname(file.filename).toLowerCase();
    if (!(CORPUS_EXTENSIONS as readonly string[]).includes(ext))
      throw new UserError(`只接受 .docx、.pdf、.md、.txt 文件，或成员用语表（文件名${KEYWORDS_SUFFIX}）。文件未保存。`);
    const buf = await file.toBuffer();
    if (file.file.truncated) throw new UserError('文件太大，未保存。');
    const magic = MAGIC[ext];
    if (!buf.length || (magic && !magic.every((b, i) => buf[i] === b)) || (!magic && buf.includes(0)))
      throw new UserError(`文件内容与扩展名 ${ext} 不符或为空，未保存。`);
    const name = safeName(file.filename, ext);
    fs.mkdirSync(deps.config.corpusDir, { recursive: true });
    fs.writeFileSync(path.join(deps.config.corpusDir, name), buf);
    await deps.audit.recordBy(web(v), 'knowledge.upload', `${name}（${buf.length} 字节）`);
    return reply.redirect(`/knowledge?notice=${encodeURIComponent(`已上传 ${name}。点“重建索引”后生效。`)}`, 303);
  });

  app.post<{ Body: { name?: string } }>('/knowledge/remove', async (req, reply) => {
    const v = requireViewer(req);
    assertAdmin(v);
    const name = req.body.name ?? '';
    // A document goes with its members' words; the words alone can be removed too.
    const doc = documents().find((d) => d.name === name || d.words === name);
    if (!doc) throw new UserError('没有这个文件。');
    const removed = doc.words === name ? [name] : [doc.name, ...(doc.words ? [doc.words] : [])];
    for (const f of removed) fs.rmSync(path.join(deps.config.corpusDir, f));
    await deps.audit.recordBy(web(v), 'knowledge.remove', removed.join('、'));
    return reply.redirect(
      `/knowledge?notice=${encodeURIComponent(`已删除 ${removed.join('、')}。点“重建索引”后生效。`)}`,
      303,
    );
  });

  app.post('/knowledge/rebuild', async (req, reply) => {
    const v = requireViewer(req);
    assertAdmin(v);
    if (!deps.knowledge) throw new UserError('重建需要机器人在运行：请用 zhibu start 启动（控制台随机器人一起启动）。');
    if (!deps.knowledge.state().running) {
      await deps.audit.recordBy(web(v), 'knowledge.rebuild', `${documents().length} 个文件`);
      void deps.knowledge.rebuild();
    }
    return reply.redirect('/knowledge', 303);
  });

  app.post<{ Body: { q?: string } }>('/knowledge/test', async (req, reply) => {
    const v = requireViewer(req);
    assertAdmin(v);
    const q = (req.body.q ?? '').trim().slice(0, 300);
    if (!q) throw new UserError('请输入要测试的问题。');
    if (!deps.answerer) throw new UserError('知识库未加载：测试需要机器人在运行（zhibu start）。');
    const a = deps.knowledge ? await deps.knowledge.answerDetailed(q) : await deps.answerer.answer(q);
    await deps.audit.recordBy(web(v), 'knowledge.test', q);
    const reason = 'reason' in a ? String(a.reason) : '';
    return page(
      reply,
      'knowledge',
      view({ q, result: { decision: DECISION[a.mode], reason, text: a.text, sources: a.sources } }),
    );
  });
}
