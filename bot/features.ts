import type { FeatureFactory } from './types.js';
import { meetingsFeature } from './features/meetings.js';
import { rolesFeature } from './features/roles.js';
import { broadcastsFeature } from './features/broadcasts.js';
import { digestFeature } from './features/digest.js';

/**
 * Every feature of the bot, in start order. Each lives in bot/features/<name>.ts and exports one factory.
 * Add a line here to install one; nothing else registers commands or workers.
 */
export const featureFactories: FeatureFactory[] = [
  // Before meetings: promoted admins (/授权) must resolve before the roster's roles.
  rolesFeature,
  meetingsFeature,
  broadcastsFeature,
  digestFeature,
];
