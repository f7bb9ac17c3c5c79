// Every Redis key of the project's records, in one place. All live under the configured prefix (e.g. "zhibu:").
// Only modules in store/ use these; everything else calls a store function.
//
// Two exceptions keep their own key builders, because they are machinery rather than records:
// - the outbox (jobs/outbox/keys.ts): `{prefix}outbox:{botId}:…` (sent markers, daily counters, dead letters);
// - BullMQ's own keys, under `queuePrefix(prefix, queue, connection)` (jobs/outbox/keys.ts) and the queue name, which BullMQ builds.
// tests/store/keys.test.ts fails when a source file elsewhere builds a key under the prefix.
export function storeKeys(prefix: string) {
  return {
    // Branches, rooms, secretaries
    branchSeq: `${prefix}branch:seq`,
    branches: `${prefix}branches`,
    branchByName: `${prefix}branch:by-name`,
    roomBranch: `${prefix}room:branch`,
    branch: (id: string) => `${prefix}branch:${id}`,
    branchRooms: (id: string) => `${prefix}branch:${id}:rooms`,
    branchSecretaries: (id: string) => `${prefix}branch:${id}:secretaries`,
    secretaryBranches: (wx: string) => `${prefix}secretary:${wx}:branches`,
    roomTopics: `${prefix}room:topic`,
    /** Room id → the channel account in it (`{kind}:{account}`), for the outbox's routing. */
    roomAccount: `${prefix}room:account`,
    roomsByTopic: (topic: string) => `${prefix}room:by-topic:${topic}`,
    // Members and their /我是 claims awaiting a secretary
    memberSeq: `${prefix}member:seq`,
    member: (id: string) => `${prefix}member:${id}`,
    branchMembers: (branchId: string) => `${prefix}branch:${branchId}:members`,
    memberByWechat: `${prefix}member:by-wechat`,
    /** `{directory kind}:{platform user id}` → member id (verified directory ids from the roster). */
    memberByDirectory: `${prefix}member:by-directory`,
    memberByName: (name: string) => `${prefix}member:by-name:${name}`,
    memberClaimSeq: `${prefix}member-claim:seq`,
    memberClaim: (id: string) => `${prefix}member-claim:${id}`,
    // Meetings, attendance, series, due buckets
    meetingSeq: `${prefix}meeting:seq`,
    meeting: (id: string) => `${prefix}meeting:${id}`,
    meetingsByStart: `${prefix}meetings:by-start`,
    branchMeetings: (branchId: string) => `${prefix}branch:${branchId}:meetings`,
    /** Outbox sends of the meeting's reminders in flight (a cancel waits for them: OutboxCondition.fence). */
    meetingSending: (meetingId: string) => `${prefix}meeting:${meetingId}:sending`,
    attendance: (meetingId: string) => `${prefix}meeting:${meetingId}:attendance`,
    expected: (meetingId: string) => `${prefix}meeting:${meetingId}:expected`,
    meetingCancelRequest: (meetingId: string, wechatId: string) =>
      `${prefix}meeting:${meetingId}:cancel-confirm:${wechatId}`,
    /** The meeting a sender last asked to cancel, so a bare 确认 can confirm it. */
    meetingCancelPending: (wechatId: string) => `${prefix}meeting-cancel-pending:${wechatId}`,
    dueBucket: (bucket: string | number) => `${prefix}meeting-due:${bucket}`,
    seriesSeq: `${prefix}series:seq`,
    series: (id: string) => `${prefix}series:${id}`,
    seriesAll: `${prefix}series:all`,
    seriesOccurrence: (id: string, day: string) => `${prefix}series:${id}:occurrence:${day}`,
    /** A hint told to a person once (e.g. how to bind before checking in). */
    hintGiven: (what: string, wechatId: string) => `${prefix}flag:${what}:${wechatId}`,
    // Broadcasts and 每日一学
    broadcastSeq: `${prefix}broadcast:seq`,
    broadcasts: `${prefix}broadcasts`,
    broadcast: (id: string) => `${prefix}broadcast:${id}`,
    broadcastRunRooms: (id: string, run: string) => `${prefix}broadcast:${id}:run:${run}:rooms`,
    broadcastRunReasons: (id: string, run: string) => `${prefix}broadcast:${id}:run:${run}:reasons`,
    broadcastRunMeta: (id: string, run: string) => `${prefix}broadcast:${id}:run:${run}:meta`,
    broadcastDraft: (senderId: string) => `${prefix}broadcast:draft:${senderId}`,
    /** Which bot account carries the outbox (the CLI follows it). */
    botId: `${prefix}broadcast:bot-id`,
    /** Every channel account of the bot, each with its outbox (the CLI follows all of them). */
    accountIds: `${prefix}broadcast:account-ids`,
    studyCursor: (broadcastId: string) => `${prefix}study:${broadcastId}:cursor`,
    studyPick: (broadcastId: string, run: string) => `${prefix}study:${broadcastId}:run:${run}`,
    studyGiven: (broadcastId: string) => `${prefix}study:${broadcastId}:given`,
    // Settings, admins, audit
    cadence: `${prefix}settings:cadence`,
    /** Imported holiday schedules, one field per year (store/holidays.ts). */
    holidays: `${prefix}settings:holidays`,
    admins: `${prefix}admins`,
    audit: `${prefix}audit`,
    // The web console: one-time sign-in links and sessions, both stored by the SHA-256 of their token
    webLink: (hash: string) => `${prefix}web:link:${hash}`,
    webLinkUsed: (hash: string) => `${prefix}web:link-used:${hash}`,
    webSession: (hash: string) => `${prefix}web:session:${hash}`,
    /** A meeting's evidence (minutes, photos) uploaded in the web console. */
    meetingEvidence: (meetingId: string) => `${prefix}meeting:${meetingId}:evidence`,
    // The chat edge: last seen per room, per-user rate limits
    lastSeen: (roomId?: string) => `${prefix}seen:${roomId ?? 'private'}`,
    rateLimit: (name: string, userId: string, window: number) => `${prefix}rl:${name}:${userId}:${window}`,
    /** Runs of the chat edge (member: run start, score: last heartbeat): when check-ins could be collected. */
    edgeRuns: `${prefix}edge:runs`,
    // The question log (what members asked, what the documents could not answer) and its per-install salt
    questions: `${prefix}questions`,
    questionSalt: `${prefix}questions:salt`,
  };
}
export type StoreKeys = ReturnType<typeof storeKeys>;
