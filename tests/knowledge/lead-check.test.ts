import { describe, expect, it } from 'vitest';
import { checkLead, chineseNumber, numberFacts } from '../../knowledge/lead-check.js';

// Sentences as they stand in 《党章》.
const PROBATION = ['留党察看最长不超过两年。', '党员在留党察看期间没有表决权、选举权和被选举权。'];
const SPONSORS = [
  '申请入党的人，要填写入党志愿书，要有两名正式党员作介绍人，要经过支部大会通过和上级党组织批准，并且经过预备期的考察，才能成为正式党员。',
];

describe('numbers in a lead', () => {
  it('reads Chinese numerals only where they count something', () => {
    expect(chineseNumber('三十五')).toBe(35);
    expect(chineseNumber('十二')).toBe(12);
    expect(chineseNumber('两')).toBe(2);
    expect(chineseNumber('二〇一七')).toBe(2017);
    expect(numberFacts('统一组织，一律公开')).toEqual([]);
    expect(numberFacts('2017年3月').map((f) => `${f.value}${f.unit}`)).toEqual(['2017年', '3月']);
    expect(numberFacts('三分之二以上').map((f) => f.value)).toEqual([2 / 3]);
    expect(numberFacts('第三十三条').map((f) => `${f.unit}${f.value}`)).toEqual(['第条33']);
    expect(numberFacts('半年').map((f) => f.value)).toEqual([0.5]);
  });
});

describe('checkLead', () => {
  it('keeps a lead whose every fact is in the selected sentences (两 = 二 = 2)', () => {
    expect(checkLead('留党察看最长不超过两年。', PROBATION, '留党察看最长多久')).toEqual({
      ok: true,
      lead: '留党察看最长不超过两年。',
    });
    expect(checkLead('最长不超过二年', PROBATION, '留党察看最长多久')).toEqual({ ok: true, lead: '最长不超过二年。' });
    expect(checkLead('需要两名正式党员作介绍人。', SPONSORS, '入党要几个介绍人').ok).toBe(true);
    expect(checkLead('留党察看期间没有表决权。', PROBATION, '留党察看期间能投票吗').ok).toBe(true);
  });

  it('drops a lead that contradicts its quote: a number, a bound, a period, a modal', () => {
    expect(checkLead('留党察看最长可以三年。', PROBATION, '留党察看最长多久')).toMatchObject({ ok: false });
    expect(checkLead('需要三名正式党员作介绍人。', SPONSORS, '入党要几个介绍人')).toMatchObject({
      ok: false,
      reason: 'number 三名',
    });
    expect(checkLead('至少要有两名正式党员作介绍人。', SPONSORS, '入党要几个介绍人')).toMatchObject({
      ok: false,
      reason: 'at least 至少',
    });
    expect(checkLead('党支部每月召开一次。', ['党支部每季度召开一次党员大会。'], '多久开一次')).toMatchObject({
      ok: false,
    });
    expect(checkLead('可以不经支部大会通过。', SPONSORS, '入党要支部大会通过吗')).toMatchObject({ ok: false });
  });

  it('drops a lead that adds or removes a negation', () => {
    expect(checkLead('留党察看期间有表决权。', PROBATION, '留党察看期间能投票吗')).toMatchObject({
      ok: false,
      reason: 'drops the negation of 表决',
    });
    expect(checkLead('不需要正式党员作介绍人。', SPONSORS, '入党要介绍人吗')).toMatchObject({ ok: false });
  });

  it('drops a lead with an invented requirement, a citation, a quote or several sentences', () => {
    expect(checkLead('还须经所在单位领导签字同意。', SPONSORS, '入党要几个介绍人')).toMatchObject({ ok: false });
    expect(checkLead('要有介绍人，并经所在单位领导签字同意。', SPONSORS, '入党要几个介绍人')).toMatchObject({
      ok: false,
    });
    expect(checkLead('根据《实施方案》第16条，要有两名介绍人。', SPONSORS, '入党要几个介绍人')).toMatchObject({
      ok: false,
      reason: 'quotes or cites',
    });
    expect(checkLead('原文是「要有两名正式党员作介绍人」', SPONSORS, '入党要几个介绍人')).toMatchObject({
      ok: false,
      reason: 'quotes or cites',
    });
    expect(checkLead('要两名介绍人。还要支部大会通过。', SPONSORS, '入党要几个介绍人')).toMatchObject({
      ok: false,
      reason: 'more than one sentence',
    });
    expect(checkLead('要'.repeat(61), SPONSORS, '入党')).toMatchObject({ ok: false, reason: 'too long' });
    expect(checkLead('  ', SPONSORS, '入党')).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkLead('。', SPONSORS, '入党')).toMatchObject({ ok: false, reason: 'empty' });
  });
});
