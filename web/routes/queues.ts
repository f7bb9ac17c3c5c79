// 队列: bull-board on the BullMQ queues (admins only; the check is in the server's preHandler). bull-board is
// about 17 MB of code that most processes never show, so it is loaded on the first request to /queues into an
// inner Fastify instance, and requests are handed to it in-process (inject).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Fastify from 'fastify';
import type { WebDeps } from '../deps.js';

async function buildBoard(deps: WebDeps): Promise<FastifyInstance> {
  const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter }] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/fastify'),
  ]);
  const queues = deps.queues ?? [deps.meetings.queue];
  const adapter = new FastifyAdapter();
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: '支部助手 队列' } },
  });
  adapter.setBasePath('/queues');
  const inner = Fastify({ logger: false });
  await inner.register(adapter.registerPlugin(), { prefix: '/queues' });
  await inner.ready();
  return inner;
}

export async function mountQueues(app: FastifyInstance, deps: WebDeps): Promise<void> {
  let board: Promise<FastifyInstance> | undefined;
  app.addHook('onClose', async () => {
    if (board) await (await board).close();
  });
  // bull-board's API takes JSON bodies; keep them as text and pass them on unchanged.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    const forward = async (req: FastifyRequest, reply: FastifyReply) => {
      board ??= buildBoard(deps);
      const inner = await board;
      const headers = { ...req.headers };
      delete headers.cookie;
      const res = await inner.inject({
        method: req.method as 'GET',
        url: req.url,
        headers,
        payload: req.body as Buffer | undefined,
      });
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined && !['content-length', 'transfer-encoding', 'connection'].includes(k.toLowerCase()))
          reply.header(k, v as string);
      return reply.code(res.statusCode).send(res.rawPayload);
    };
    scope.all('/queues', forward);
    scope.all('/queues/*', forward);
  });
}
