import { describe, expect, it } from 'vitest';
import { askedValue, givesValue, imposesPenalty } from '../../knowledge/answer-type.js';

const weigher = { idf: () => 1 };

describe('answer-type matching', () => {
  it('reads the value a question asks for and the words of the clause that asks it', () => {
    expect(askedValue('支部里重点工作一共有几项', ['支部', '重点', '工作'])?.kinds.map((k) => k.kind)).toEqual([
      'count',
    ]);
    expect(askedValue('支部重点工作是啥', ['支部', '重点', '工作'])).toBeUndefined();
    // Bodies and persons are named in nearly every sentence: no value to match.
    expect(askedValue('这事找谁', ['这事'])).toBeUndefined();
  });

  it('finds a sentence giving that kind of value about what is asked, not one that only names it', () => {
    const asked = askedValue('支部重点工作一共有几项', ['支部', '重点', '工作'])!;
    expect(givesValue(asked, '抓好支部7项重点工作。', weigher)).toBe(true);
    expect(givesValue(asked, '每年研究确定支部若干重点工作。', weigher)).toBe(false);
    // A value about something else does not count: the numbers here are not of the work asked about.
    expect(givesValue(asked, '选举三名委员。支部重点工作要抓实。', weigher)).toBe(false);
  });

  it('reads who decides as a value: the sentence saying by whom, not one naming a body (thirteenth round)', () => {
    const asked = askedValue('想再成立一个新支部，谁说了算', ['成立', '一个', '支部'])!;
    expect(asked.kinds).toEqual([{ kind: 'person', decider: true }]);
    expect(givesValue(asked, '凡是成立党的新组织，必须由上级党组织决定。', weigher)).toBe(true);
    expect(givesValue(asked, '上级党组织要指导支部成立工作。', weigher)).toBe(false);
    // The matter decided must be the one asked about.
    expect(givesValue(asked, '处分决定须由上级党组织批准。', weigher)).toBe(false);
  });

  it('reads which body leads a work as a value: the sentence saying by whom it is led (sixteenth round)', () => {
    const asked = askedValue('学习教育常态化是哪个部门牵头', ['学习教育', '常态化', '部门', '牵头'])!;
    expect(asked.kinds).toEqual([{ kind: 'person', leader: true }]);
    expect(givesValue(asked, '学习教育常态化工作由市委组织部牵头组织实施。', weigher)).toBe(true);
    expect(givesValue(asked, '推进学习教育常态化，市委组织部要加强指导。', weigher)).toBe(false);
  });
});

describe('imposesPenalty', () => {
  it('tells an article that imposes a penalty from one that only names a regulation or a penalty', () => {
    expect(imposesPenalty('制造、散布、传播政治谣言，破坏党的团结统一的，给予警告或者严重警告处分。')).toBe(true);
    expect(imposesPenalty('以讲课费、课题费等名义变相送礼的，依照前款规定处理。')).toBe(true);
    expect(imposesPenalty('党员应当主动学网用网，自觉接受党组织的教育管理。')).toBe(false);
    expect(imposesPenalty('深入学习纪律处分条例，牢记处分种类。')).toBe(false);
  });
});
