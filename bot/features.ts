import type { FeatureFactory } from './types.js';
import { meetingsFeature } from './features/meetings.js';

/**
 * Every feature of the bot, in start order. Each lives in bot/features/<name>.ts and exports one factory.
 * Add a line here to install one; nothing else registers commands or workers.
 */
export const featureFactories: FeatureFactory[] = [
  meetingsFeature,
];
