// store/keys.ts builds every Redis key of the records: the key strings stay byte-identical (data already in
// Redis must still be found), and no source file outside store/ and the outbox builds a key under the prefix
// or sends Redis commands itself.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../ground/config.js';
import { storeKeys } from '../../store/keys.js';

/** Source folders scanned; store/ owns the keys, jobs/outbox/ keeps its own (documented in both files). */
const SCANNED = ['app', 'bot', 'cli', 'domains', 'ground', 'jobs', 'knowledge', 'store'];
const ALLOWED = ['store/', 'jobs/outbox/', 'ground/redis/'];

/** A key built from the prefix: `${prefix}…`, `${deps.prefix}…`, `${s.config.redisPrefix}…`, prefix + '…'. */
const BUILDS_KEY = [/\$\{\s*[\w.]*[pP]refix\s*\}/, /\b[\w.]*[pP]refix\s*\+\s*['"`]/];
/** A Redis command sent directly (connections, quit and disconnect are fine). */
const SENDS_COMMAND =
  /\b(?:redis|connection)\.(?:multi|pipeline|eval|evalsha|get|set|getdel|del|incr|incrby|exists|expire|pexpire|[hszlx](?:add|set|get|del|rem|members|range|len|card|incrby|exists|getall|vals|mget|setnx|push|pop|trim|revrange|rangebyscore|ismember))\(/;

function sourceFiles(dir: string): string[] {
  const abs = path.join(PROJECT_ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(PROJECT_ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

function offences(file: string, text: string): string[] {
  if (ALLOWED.some((a) => file.startsWith(a))) return [];
  return text.split('\n').flatMap((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    return BUILDS_KEY.some((re) => re.test(code)) || SENDS_COMMAND.test(code)
      ? [`${file}:${i + 1}: ${line.trim()}`]
      : [];
  });
}

describe('store keys', () => {
  it('no source file outside store/ and jobs/outbox/ builds a key under the prefix or sends Redis commands', () => {
    const files = SCANNED.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => offences(f, fs.readFileSync(path.join(PROJECT_ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('the scan catches what the handlers used to do, and leaves BullMQ options and comments alone', () => {
    const bad = [
      "await ctx.deps.redis.set(`${ctx.deps.prefix}flag:${what}:${ctx.msg.talkerId}`, '1', 'EX', 30 * 86_400, 'NX');",
      'const key = `${opts.prefix}rl:${opts.name}:${userId}:${window}`;',
      'const botId = await s.redis.get(key);',
      'const tx = d.buckets.redis.pipeline();',
      "const k = prefix + 'seen:' + roomId;",
    ];
    for (const line of bad) expect(offences('bot/x.ts', line), line).toHaveLength(1);
    const fine = [
      'const queue = new Queue(name, { connection: deps.redis, prefix: queuePrefix(deps.prefix, name, deps.redis) });',
      '  /** Key prefix for records and BullMQ queues, e.g. "zhibu:". */',
      'await client.quit().catch(() => client.disconnect());',
      'const stores = createStores(deps.redis, deps.prefix); // not `${prefix}x`',
    ];
    for (const line of fine) expect(offences('bot/x.ts', line), line).toEqual([]);
    expect(offences('store/x.ts', bad[0]!)).toEqual([]);
  });

  it('keeps every key string as it was', () => {
    const k = storeKeys('zhibu:');
    expect([
      k.branchSeq,
      k.branches,
      k.branchByName,
      k.roomBranch,
      k.branch('3'),
      k.branchRooms('3'),
      k.branchSecretaries('3'),
      k.secretaryBranches('wx'),
      k.roomTopics,
      k.roomsByTopic('一支部群'),
      k.roomAccount,
      k.memberSeq,
      k.member('5'),
      k.branchMembers('3'),
      k.memberByWechat,
      k.memberByName('张三'),
      k.memberClaimSeq,
      k.memberClaim('2'),
      k.meetingSeq,
      k.meeting('7'),
      k.meetingsByStart,
      k.branchMeetings('3'),
      k.attendance('7'),
      k.expected('7'),
      k.meetingCancelRequest('7', 'wx'),
      k.dueBucket(1700000000000),
      k.dueBucket('1700000000000-n1699999999000'),
      k.seriesSeq,
      k.series('4'),
      k.seriesAll,
      k.seriesOccurrence('4', '2026-03-06'),
      k.hintGiven('bind-hint', 'wx'),
      k.broadcastSeq,
      k.broadcasts,
      k.broadcast('9'),
      k.broadcastRunRooms('9', 'r1'),
      k.broadcastRunReasons('9', 'r1'),
      k.broadcastRunMeta('9', 'r1'),
      k.broadcastDraft('wx'),
      k.botId,
      k.accountIds,
      k.studyCursor('9'),
      k.studyPick('9', 'r1'),
      k.studyGiven('9'),
      k.cadence,
      k.admins,
      k.audit,
      k.lastSeen('room@chatroom'),
      k.lastSeen(),
      k.rateLimit('q', 'wx', 28000000),
      k.edgeRuns,
    ]).toEqual([
      'zhibu:branch:seq',
      'zhibu:branches',
      'zhibu:branch:by-name',
      'zhibu:room:branch',
      'zhibu:branch:3',
      'zhibu:branch:3:rooms',
      'zhibu:branch:3:secretaries',
      'zhibu:secretary:wx:branches',
      'zhibu:room:topic',
      'zhibu:room:by-topic:一支部群',
      'zhibu:room:account',
      'zhibu:member:seq',
      'zhibu:member:5',
      'zhibu:branch:3:members',
      'zhibu:member:by-wechat',
      'zhibu:member:by-name:张三',
      'zhibu:member-claim:seq',
      'zhibu:member-claim:2',
      'zhibu:meeting:seq',
      'zhibu:meeting:7',
      'zhibu:meetings:by-start',
      'zhibu:branch:3:meetings',
      'zhibu:meeting:7:attendance',
      'zhibu:meeting:7:expected',
      'zhibu:meeting:7:cancel-confirm:wx',
      'zhibu:meeting-due:1700000000000',
      'zhibu:meeting-due:1700000000000-n1699999999000',
      'zhibu:series:seq',
      'zhibu:series:4',
      'zhibu:series:all',
      'zhibu:series:4:occurrence:2026-03-06',
      'zhibu:flag:bind-hint:wx',
      'zhibu:broadcast:seq',
      'zhibu:broadcasts',
      'zhibu:broadcast:9',
      'zhibu:broadcast:9:run:r1:rooms',
      'zhibu:broadcast:9:run:r1:reasons',
      'zhibu:broadcast:9:run:r1:meta',
      'zhibu:broadcast:draft:wx',
      'zhibu:broadcast:bot-id',
      'zhibu:broadcast:account-ids',
      'zhibu:study:9:cursor',
      'zhibu:study:9:run:r1',
      'zhibu:study:9:given',
      'zhibu:settings:cadence',
      'zhibu:admins',
      'zhibu:audit',
      'zhibu:seen:room@chatroom',
      'zhibu:seen:private',
      'zhibu:rl:q:wx:28000000',
      'zhibu:edge:runs',
    ]);
  });
});
