// Roles: admins from ADMIN_IDS and those promoted with /授权 (resolved before any other feature's roles),
// /授权 and /撤销授权, the guard against role claims in questions, and the room-name directory for targets.
import { createAdminStore } from '../../store/admins.js';
import { createMemberStore } from '../../store/members.js';
import { createRoomDirectory } from '../../store/room-directory.js';
import { createGrantCommands } from '../handlers/roles/grant-admin.js';
import { injectionGuard } from '../handlers/roles/injection-guard.js';
import type { FeatureFactory } from '../types.js';

export const rolesFeature: FeatureFactory = (deps) => {
  const admins = createAdminStore(deps.redis, deps.prefix, deps.config.adminIds);
  const rooms = createRoomDirectory(deps.redis, deps.prefix);
  return {
    name: 'roles',
    commands: createGrantCommands(admins, createMemberStore(deps.redis, deps.prefix), deps.config.adminIds),
    async onInbound(msg) {
      // Cached in memory: a Redis write only when a room is new or renamed.
      if (msg.roomId && msg.roomTopic) await rooms.note(msg.roomId, msg.roomTopic);
    },
    async resolveRole(msg) {
      return (await admins.isAdmin(msg.talkerId)) ? 'admin' : undefined;
    },
    // The guard is about what is said to the bot; group chatter never reaches it.
    wantsText: (msg) => msg.addressed,
    onText: injectionGuard,
    async seedDemo(demo) {
      await rooms.note(demo.roomId, demo.topic);
    },
  };
};
