// Verified directory identity: a platform channel's sender id (`{kind}:{account}:{platform user id}`, as every
// platform channel qualifies it) is looked up among the directory ids the roster carries (企业微信 userid, 钉钉
// userid, 飞书 open_id / user_id). A match is the member, at once and without a /我是 claim: the platform has
// verified the person. Bare WeChat ids (Wechaty, the console) have no directory and still go through claims.
import type { MemberStore } from '../../store/members.js';
import type { DirectoryKind, Member } from '../../store/types.js';

/** Which roster directories a platform's sender id can be, in the order they are tried. */
const DIRECTORIES_OF: Record<string, DirectoryKind[]> = {
  wecom: ['wecom'],
  dingtalk: ['dingtalk'],
  // The sender id is the open_id; a user_id column is matched through the alias the channel passes (bindByAlias).
  feishu: ['feishu-open'],
};

/** The platform user id of a qualified sender id and the directories it may belong to; none for other ids. */
export function directoryIdOf(talkerId: string): { kinds: DirectoryKind[]; id: string } | undefined {
  const m = /^(wecom|dingtalk|feishu):[^:]+:(.+)$/s.exec(talkerId);
  const kinds = m ? DIRECTORIES_OF[m[1]!] : undefined;
  return kinds && m ? { kinds, id: m[2]! } : undefined;
}

/** The roster member whose verified directory id this sender carries, if any. */
export async function memberByDirectory(
  members: Pick<MemberStore, 'getByDirectory'>,
  talkerId: string,
): Promise<Member | undefined> {
  const dir = directoryIdOf(talkerId);
  if (!dir) return undefined;
  for (const kind of dir.kinds) {
    const member = await members.getByDirectory(kind, dir.id);
    if (member) return member;
  }
  return undefined;
}

/**
 * Who this sender is on the roster: the member bound to the id (roster, claim, nickname), else a directory match.
 * A directory match of an entry bound to no one is bound to this sender at once, so everything keyed by bound ids
 * (secretary sets, recipients, check-in) knows them from the first message; an entry already bound elsewhere (the
 * same person on WeChat) stays bound there and is still recognised here.
 */
export async function memberOfSpeaker(
  members: Pick<MemberStore, 'getByWechat' | 'getByDirectory' | 'bindWechat' | 'unbindWechat'>,
  talkerId: string,
): Promise<Member | undefined> {
  const bound = await members.getByWechat(talkerId);
  if (bound && !contradicted(bound, talkerId)) return bound;
  // The roster now gives this member another id on this platform (a corrected row): the old binding goes.
  if (bound) await members.unbindWechat(bound.id);
  const match = await memberByDirectory(members, talkerId);
  if (match && !match.wechatId) return members.bindWechat(match.id, talkerId);
  return match;
}

/**
 * A second id the platform verified for this sender (飞书 user_id beside the open_id it sends as): the roster entry
 * carrying it, if bound to no one, is bound to this sender, so every later message is known by the bound id. An
 * entry already bound elsewhere stays there (as with a first-id match, the binding is not moved silently).
 */
export async function bindByAlias(
  members: Pick<MemberStore, 'getByWechat' | 'getByDirectory' | 'bindWechat'>,
  talkerId: string,
  alias: { kind: DirectoryKind; id: string },
): Promise<Member | undefined> {
  if (await members.getByWechat(talkerId)) return undefined;
  const match = await members.getByDirectory(alias.kind, alias.id);
  return match && !match.wechatId ? members.bindWechat(match.id, talkerId) : undefined;
}

/** The member's roster entry names a different id in the very directory this sender's id comes from. */
function contradicted(member: Member, talkerId: string): boolean {
  const dir = directoryIdOf(talkerId);
  const listed = dir ? member.directoryIds?.[dir.kinds[0]!] : undefined;
  return !!listed && listed !== dir!.id;
}
