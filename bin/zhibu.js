#!/usr/bin/env node
// Entry point for `npx zhibu`: runs the TypeScript sources through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
