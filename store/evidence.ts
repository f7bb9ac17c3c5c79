// A meeting's evidence (会议记录 and photos, 两表一簿一影像): metadata in Redis, files under DATA_DIR.
import type { Redis } from '../ground/redis/connect.js';
import { storeKeys } from './keys.js';

export interface Evidence {
  id: string;
  meetingId: string;
  kind: 'minutes' | 'photo';
  /** The uploaded file's name as given (shown escaped, never used as a path). */
  name: string;
  /** File name under the evidence folder, chosen by zhibu. */
  file: string;
  mime: string;
  size: number;
  by: string;
  at: number;
}

export interface EvidenceStore {
  add(e: Evidence): Promise<void>;
  list(meetingId: string): Promise<Evidence[]>;
}

export function createEvidenceStore(redis: Redis, prefix: string): EvidenceStore {
  const k = storeKeys(prefix);
  return {
    async add(e) {
      await redis.rpush(k.meetingEvidence(e.meetingId), JSON.stringify(e));
    },
    async list(meetingId) {
      return (await redis.lrange(k.meetingEvidence(meetingId), 0, -1)).map((r) => JSON.parse(r) as Evidence);
    },
  };
}
