// The secretaries' monthly 三会一课 digest: sent on the first workday of each month, and /本月情况 on demand.
import { startDigestJobs } from '../../domains/digest/job.js';
import { createMonthlyDigestCommand } from '../handlers/digest/monthly-digest.js';
import type { FeatureFactory } from '../types.js';

export const digestFeature: FeatureFactory = (deps) => {
  let jobs: ReturnType<typeof startDigestJobs> | undefined;
  return {
    name: 'digest',
    commands: [createMonthlyDigestCommand()],
    async start() {
      jobs = startDigestJobs(deps);
      await jobs.ready;
    },
    async stop() {
      await jobs?.close();
    },
  };
};
