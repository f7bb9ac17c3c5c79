// 队列: bull-board on the BullMQ queues (admins only; the check is in the server's preHandler).
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../deps.js';

export async function mountQueues(app: FastifyInstance, deps: WebDeps): Promise<void> {
  const queues = deps.queues ?? [deps.meetings.queue];
  const adapter = new FastifyAdapter();
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: '支部助手 队列' } },
  });
  adapter.setBasePath('/queues');
  await app.register(adapter.registerPlugin(), { prefix: '/queues' });
}
