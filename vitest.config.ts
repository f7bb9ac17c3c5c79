import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/redis-server.ts'],
    pool: 'forks',
    env: { TZ: 'Asia/Shanghai', LOG_LEVEL: 'silent' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: run test files two at a time; each file gets its own Redis key prefix.
    maxWorkers: 2,
  },
});
