// Roles: /授权 and /撤销授权, the guard against role claims in questions, and the room-name directory for
// targets. Who has which role is decided in domains/roles/resolve.ts, called by the router.
import { createGrantCommands } from '../handlers/roles/grant-admin.js';
import { consoleLinkCommand } from '../handlers/roles/console-link.js';
import { injectionGuard } from '../handlers/roles/injection-guard.js';
import type { FeatureFactory } from '../types.js';

export const rolesFeature: FeatureFactory = (deps) => {
  const { members, rooms } = deps.stores;
  return {
    name: 'roles',
    commands: [...createGrantCommands(members), consoleLinkCommand],
    async onInbound(msg) {
      // Cached in memory: a Redis write only when a room is new or renamed.
      if (msg.roomId && msg.roomTopic) await rooms.note(msg.roomId, msg.roomTopic);
    },
    // The guard is about what is said to the bot; group chatter never reaches it.
    wantsText: (msg) => msg.addressed,
    onText: injectionGuard,
  };
};
