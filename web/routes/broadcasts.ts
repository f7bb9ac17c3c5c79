// 广播 (admins): compose with the chat's preview (the same request parser and preview text), confirm, the
// live per-group delivery report, cancel; recurring broadcasts and 每日一学 show their next run.
import type { FastifyInstance } from 'fastify';
import { UserError } from '../../ground/errors.js';
import { formatDateTime } from '../../ground/time/format.js';
import { formatListItem, formatPreview } from '../../domains/broadcasts/preview.js';
import { prepareBroadcast } from '../../domains/broadcasts/request.js';
import { assertAdmin, type ConsoleViewer } from '../../domains/roles/console-access.js';
import { requireViewer, web } from '../auth.js';
import type { WebDeps } from '../deps.js';
import { page } from '../render.js';

type Body = Record<string, string | undefined>;

export function registerBroadcastRoutes(app: FastifyInstance, deps: WebDeps): void {
  const tz = deps.config.timeZone;

  function service(v: ConsoleViewer) {
    assertAdmin(v);
    if (!deps.broadcasts)
      throw new UserError('广播需要机器人在运行：请用 zhibu start 启动（控制台随机器人一起启动）。');
    return deps.broadcasts;
  }

  async function prepare(v: ConsoleViewer, b: Body) {
    const text = (b.text ?? '').replace(/\r\n/g, '\n').trim();
    const args = `${(b.when ?? '').trim() || '立即'} ${(b.targets ?? '').trim().replace(/\s+/g, '、')} ${text}`;
    return prepareBroadcast(args, { id: v.wechatId, name: `${v.name}（网页）`, reportTo: v.wechatId }, deps);
  }

  app.get('/broadcasts', async (req, reply) => {
    const v = requireViewer(req);
    const list = await service(v).list(30);
    return page(reply, 'broadcasts', {
      title: '广播',
      list: list.map((b) => ({ id: b.id, line: formatListItem(b, tz) })),
      form: { when: '立即', targets: '全部', text: '' },
    });
  });

  app.post<{ Body: Body }>('/broadcasts/preview', async (req, reply) => {
    const v = requireViewer(req);
    service(v);
    const { input } = await prepare(v, req.body);
    await deps.audit.recordBy(web(v), 'broadcast.draft', `${input.text}（${input.rooms.length} 个群，网页）`);
    const preview = formatPreview(input, await deps.stores.rooms.topics(input.rooms), tz, deps.clock.now())
      .split('\n')
      .filter((l) => !l.startsWith('回复“确认”'));
    return page(reply, 'broadcast-preview', { title: '广播预览', preview, form: req.body, rooms: input.rooms.length });
  });

  app.post<{ Body: Body }>('/broadcasts', async (req, reply) => {
    const v = requireViewer(req);
    const svc = service(v);
    if (req.body.confirm !== 'yes') throw new UserError('请先预览并确认。广播未发送。');
    const { input } = await prepare(v, req.body);
    const now = deps.clock.now();
    const b = await svc.create(
      input.schedule.type === 'once' && input.schedule.at < now
        ? { ...input, schedule: { type: 'once', at: now } }
        : input,
    );
    return reply.redirect(`/broadcasts/${b.id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/broadcasts/:id', async (req, reply) => {
    const v = requireViewer(req);
    const st = await service(v).status(req.params.id);
    const b = st.broadcast;
    const topics = await deps.stores.rooms.topics([
      ...new Set([...b.rooms, ...Object.keys(st.report?.failures ?? {})]),
    ]);
    const r = st.report;
    const running = b.status === 'active' && (!r || r.queued > 0 || r.sent + r.failed + r.skipped < r.total);
    return page(reply, 'broadcast', {
      title: `广播 #${b.id}`,
      b: { ...b, created: formatDateTime(b.createdAt, tz) },
      line: formatListItem(b, tz),
      report: r,
      failures: Object.entries(r?.failures ?? {}).map(([room, reason]) => ({ room: topics.get(room) ?? room, reason })),
      rooms: b.rooms.map((id) => topics.get(id) ?? id),
      next: st.next ? formatDateTime(st.next, tz) : '',
      refresh: running,
    });
  });

  app.post<{ Params: { id: string } }>('/broadcasts/:id/cancel', async (req, reply) => {
    const v = requireViewer(req);
    await service(v).cancel(req.params.id, { id: v.wechatId, name: `${v.name}（网页）` });
    return reply.redirect(`/broadcasts/${req.params.id}`, 303);
  });
}
