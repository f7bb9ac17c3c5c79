import type { BenchSuite } from './types.js';

/** Every benchmark suite, run in this order by `npm run bench`. Add new suites here. */
export const suites: Array<() => Promise<BenchSuite>> = [
  () => import('./broadcast.js').then((m) => m.broadcastSuite),
  () => import('./inbound.js').then((m) => m.inboundSuite),
  // After inbound: reuses the corpus index its RSS run built.
  () => import('./channels.js').then((m) => m.channelsSuite),
  () => import('./meetings.js').then((m) => m.meetingsSuite),
  () => import('./knowledge.js').then((m) => m.knowledgeSuite),
  () => import('./web.js').then((m) => m.webSuite),
  () => import('./province.js').then((m) => m.provinceSuite),
  // Last: reads the figures above for its ratios.
  () => import('./queue-baselines.js').then((m) => m.queueBaselinesSuite),
];
