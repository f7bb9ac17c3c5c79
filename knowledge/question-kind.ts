// What kind of thing a question asks for, and whether a text contains that kind of thing.
// A question about a fund's amount is not answered by a text that names the fund but gives no amount.
import { normalizeForMatch } from './normalize.js';
import { soundKey } from './pinyin.js';

export type AnswerKind =
  | 'count'
  | 'amount'
  | 'duration'
  | 'frequency'
  | 'contact'
  | 'date'
  | 'place'
  | 'person'
  | 'name'
  | 'penalty'
  | 'material'
  | 'procedure'
  | 'which'
  | 'choice'
  | 'clock'
  | 'age'
  | 'current';

export interface AskedKind {
  kind: AnswerKind;
  /** The bound asked (最多 → upper, 至少 → lower) where the text states only the other: the reply names it missing. */
  bound?: 'upper' | 'lower';
  /** For dates: 什么时候/起算 (an occasion answers). For durations: how soon something is done (及时 answers). */
  relative?: boolean;
  /** For dates: the question asks when a document was adopted, issued or took effect (施行, 印发, 发的). */
  issued?: boolean;
  /** For dates: the latest time something must be done (最晚什么时候), which a time limit answers (一个月内). */
  deadline?: boolean;
  /** For dates: the question asks which year (报哪年的), which a year named relative to the act answers (上年度). */
  year?: boolean;
  /** For counts: a document number (文号多少 ← 宁委办发〔2017〕39号), which never writes the word the member asks with. */
  docNumber?: boolean;
  /**
   * For document numbers: the number of the document at hand (这个文件文号是多少), which a number cited in brackets after
   * another document's title (《…意见》（中办发〔2017〕23号）) does not answer.
   */
  own?: boolean;
  /**
   * For persons: who issued a document (这个文件是哪个单位发的, 条例是谁发布的): its signature or the line that says which
   * body issued or adopted it answers, not any sentence naming a body (the notice's addressees).
   */
  issuer?: boolean;
  /**
   * For persons: who decides or approves (谁说了算, 要谁批准, 谁来定): a sentence saying by whom a matter is decided
   * (必须由上级党组织决定, 经…批准: DECIDES) answers it best; used to rank, not to refuse (every body named may be the one).
   */
  decider?: boolean;
  /**
   * For persons: which body leads or is in charge (哪个部门牵头, 归谁管): a sentence saying by whom the work is led (由市委
   * 组织部牵头: LEADS) answers it best; used to rank, like `decider`.
   */
  leader?: boolean;
  /** For durations: the period something recurs in (每届几年), which 每五年…一次 answers; otherwise 每半年 is a frequency's. */
  recurring?: boolean;
  /** For choices (手写还是打印): the options; the text must name one of them. */
  options?: string[];
  /** For counts: the measure word and the noun counted, e.g. 个 + 入党介绍人. For places: the unit asked (县), '' for any physical place. */
  measure?: string;
  noun?: string;
}

const NUMERAL = '[0-9０-９一二三四五六七八九十百千两半〇零]';
const MEASURES = '个名位次项条种类人批份家所届轮字页篇岁分户遍本张期只台辆套件间楼层';

/** Verbs of staying somewhere a while: 玩几天, 多呆几天, 住几个月 tell how long, they do not ask it. */
const STAYING = /(玩|住|呆|待|歇|逛|躲|耍|溜达|休息|旅游)$/;

/** An age asked: 几岁, 多少岁, 多大年纪, 年龄有什么要求, 多大能/才可以 (多大的, 多大尺寸 ask a size). */
const AGE_ASK =
  /几岁|多少岁|多大(岁数|年纪|年龄)|年龄(多大|多少|有什么|有啥|有没有|要求|限制|上限|下限)|年纪(多大|要求)|多大(就|才)?(能|可以)/;

/** What ends a clause. */
const CLAUSE_BREAK = /[，。？！,?!；;\s]+/;

/** Words that ask something (a later one means an earlier number phrase may be background, not the ask). */
const ASKING = /(怎么|怎样|如何|咋|什么|啥|吗|么|是否|是不是|哪|谁|能不能|可不可以|要不要|有没有|会不会)/;

/**
 * A number phrase that is background rather than the ask: it runs on into the clause (几个人一起违纪，带头的怎么处理)
 * and the question asks something else later. 一年几次？按什么程序 keeps both asks: the phrase ends its clause.
 */
function background(q: string, end: number): boolean {
  const rest = q.slice(end);
  const clauseEnd = rest.search(/[，。？！,?!；;\s]/);
  const tail = clauseEnd < 0 ? rest : rest.slice(0, clauseEnd);
  // A clause the member closed with a question mark (最多能放多少党员？超了要拆吗) asks it.
  if (
    /^[？?]/.test(rest.slice(tail.length)) &&
    !ASKING.test(tail) &&
    /(多少|几)[\u4e00-\u9fff]?$/.test(q.slice(0, end))
  )
    return false;
  // 开多长时间合适 / 交多少为宜: a judgement word closes the ask itself.
  if (ASK_CLOSER.test(tail)) return false;
  // 单位几个老乡党员天天抱团，…，有说法吗: a number phrase running on into a description, then asking whether a rule
  // covers it, tells the situation (几个 is "some") — the question asks about the rule.
  if (tail.length >= 4 && SOURCE_ASK_ONCE.test(rest)) return true;
  // …，有规定吗 / 条例里怎么说 asks where the rule is, not a second question: the phrase before it stays the ask.
  const later = rest.slice(tail.length ? 0 : 1).replace(SOURCE_ASK, '');
  return tail.length >= 2 && (ASKING.test(later) || JUDGING.test(later)) && !/^(呢|啊|吗|呀|了)?$/.test(tail);
}

/** A later ask for a judgement of what was told (…送寿礼、发个贺电，这样妥不妥): the number phrase before it is "some". */
const JUDGING = /妥不妥|妥吗|妥当吗/;

/**
 * A number phrase ending a clause that tells what someone means to do (要离开工作所在地几天), followed by a yes-or-no ask
 * (需要提前跟组织打招呼吗): 几 is "a few", the condition of the ask, not what is asked.
 */
function planned(q: string, start: number, end: number): boolean {
  // The phrase ends its clause: at most its measure (几|天) stands before the comma.
  const after = /^[\u4e00-\u9fff]?[，,]/.exec(q.slice(end));
  if (!after) return false;
  const clause = q.slice(0, start).split(CLAUSE_BREAK).at(-1) ?? '';
  const next = q.slice(end + after[0].length).split(CLAUSE_BREAK)[0] ?? '';
  return PLAN.test(clause) && /(吗|么)$|需不需要|要不要|用不用|是否/.test(next) && !/几|多少|多久/.test(next);
}

/** Telling a plan: 想, 打算, 准备, or 要 + going away (要离开, 要出差) — 要交几次 is "must", an ask. */
const PLAN = /想|打算|准备|计划|要(离开|出去|外出|出差|出国|出境|回|去|请假|休假)/;

/** 不知道去哪了, 也不清楚在哪儿了: what no one knows, told with 了 (不知道去哪报名 still asks). */
const UNKNOWN_TOLD = /不(知道|清楚|晓得)[^，。？！,?!]{0,4}?(哪|哪里|哪儿)[^，。？！,?!]{0,2}?了/g;

/** Words that end an ask by judging it: 多长时间合适, 多少比较好, 几次为宜. */
const ASK_CLOSER = /^(才)?(合适|比较合适|比较好|最好|为宜|合理|才对|才行|够)/;
/** A closing ask about the rule itself (有规定吗, 有没有要求, 文件怎么说), not about another thing. */
const SOURCE_ASK =
  /[，,]?(这个|这方面|对此)?(有没有|有啥|有什么|有)(明确|具体)?(规定|要求|说法|讲究)(吗|么|没有|呢)?[？?]?|[，,]?(文件|条例|规定|党章)(里|上)?(怎么|咋|是怎么)(说|讲|规定)的?[？?]?/g;

const SOURCE_ASK_ONCE = new RegExp(SOURCE_ASK.source);

function firstAsk(re: RegExp, q: string): RegExpExecArray | undefined {
  const g = new RegExp(re.source, 'g');
  for (const m of q.matchAll(g)) {
    const end = m.index! + m[0].length;
    // 晚回来了几天，这算违纪吗: a number phrase after a verb's 了 tells what happened (几 is "a few") when the question
    // asks something later.
    // So does one after a verb of staying (去三亚玩几天，算不算…; 多呆几天，会怎么处分): how long someone stayed.
    const before = q.slice(Math.max(0, m.index! - 2), m.index!);
    const told =
      (q[m.index! - 1] === '了' || STAYING.test(before)) &&
      (ASKING.test(q.slice(end)) || /算不算|是不是/.test(q.slice(end)));
    if (!told && !background(q, end) && !planned(q, m.index!, end)) return m as RegExpExecArray;
  }
  return undefined;
}

/** 开一回/几回 count occasions like 一次/几次 (回来, 回复, 一回事 are other words). */
export function withOccasionsAsTimes(text: string): string {
  return text.replace(/([一两几\d])回(?![来去复答家应事])/g, '$1次');
}

/**
 * 二十几个, 十几年, 几十个: a round number told ("twenty-odd"), not asked — the 几 stands beside a ten, a hundred or a
 * digit. Read as 二十多个 / 数十个 so no rule takes it for a count or duration asked.
 */
export function withApproximateNumbers(text: string): string {
  return text.replace(/([十\d])几/g, '$1多').replace(/几([十百千万])/g, '数$1');
}

/** The kinds a question asks for (possibly several: 文号多少 哪天发的 → count + date). */
export function askedKinds(question: string): AskedKind[] {
  // 1次 → 一次, full-width digits: the same normalisation as the corpus's matching text.
  const q = withApproximateNumbers(withOccasionsAsTimes(normalizeForMatch(question)));
  const kinds: AskedKind[] = [];
  // The clauses that ask, joined: where contact details, a duration's noun and papers are asked.
  const asking = askClauses(question, false).join('，');
  // 那几条/这几个 point at things already named, 我们几个/咱几个 are the people speaking: no count asked.
  const count = firstAsk(new RegExp(`(?<![哪第好那这们咱])(?:几|多少)([${MEASURES}])(?=([\\u4e00-\\u9fff]{0,6}))`), q);
  // 打电话帮人拉票，这个违纪吗 tells conduct: a phone call made (打/接/拨/回/通电话) asks for no contact; nor does one
  // that fails (电话不通, 电话也没人接: the member cannot reach someone).
  const calls = /[打接拨回通]电话|电话(?:也|都|一直|老是)?(?:打)?(?:不通|没人接|关机|停机)/g;
  // Contact details are asked in a clause that asks or in the last one (给个电话); 电话微信都找不到人，怎么处理 tells why
  // the member cannot reach someone.
  if (CONTACT.test(`${asking}，${lastClause(q)}`.replace(calls, ''))) kinds.push({ kind: 'contact' });
  else if (
    /(多少钱|金额|比例|费率|标准是多少|交多少|缴多少|多少元|几块钱|百分之几)|(经费|资金|费用|补贴|补助|津贴|工资|奖金|报酬).{0,8}多少|多少.{0,3}(经费|资金|费用|补贴|补助|津贴|钱)|(花|用掉|报销|补|领|拿)多少(?![次个人天年月条项学分名])/.test(
      q,
    )
  )
    kinds.push({ kind: 'amount' });
  // 几年前挨过一次处分 tells when something happened: 几年前/几天前 ask nothing.
  else if (/((多久|多长时间|几年(?!前)|几个月(?!前)|几天(?!前)).{0,10}一次|每隔多久|频次|频率)/.test(q))
    kinds.push({ kind: 'frequency' });
  // 好几年了 / 多年 / 几年前 tell the background, they do not ask for a duration.
  else if (
    firstAsk(
      /(多长时间|多久|多快|(?<!好)几年(?![了前])|(?<!好)几个月(?![了前])|(?<!好)几天(?![了前])|多少天|多少年)/,
      q,
    ) ||
    // 期限, 时长 are nouns: they ask in a clause that asks (期限是多久), not in the background (统计学习时长，…多少学时).
    /期限|时长/.test(asking)
  )
    // 多久组织学/多久上报 asks how soon something is done: 及时/第一时间 answers it, as a number of days does.
    kinds.push({
      kind: 'duration',
      ...(/多(久|快)(内|之内|以内)?(就|要|得|必须|应当|应该)?(组织|学|传达|开展|上报|报|处理|召开|开会|回复|办|整改|改正|纠正|改)/.test(
        q,
      )
        ? { relative: true }
        : {}),
      // 每届几年 asks the period something recurs in: 每五年举行一次 answers it.
      ...(q.includes('每') ? { recurring: true } : {}),
    });
  // 一共是几项来着: a particle after the measure names no noun.
  else if (count)
    kinds.push({
      kind: 'count',
      measure: count[1],
      noun: count[2]?.replace(/^(来着|呢|啊|呀|吗|吧|了|啦).*/, '') || undefined,
    });
  // 文号多少 asks a document number (宁委办发〔2017〕39号), not any numeral (十八届六中全会).
  // …文号也发我下 asks for it as a request.
  else if (
    /文号/.test(q) &&
    (firstAsk(/多少|是啥|是什么|几号/, q) || /文号[^，。？！]{0,3}(发|给|告诉)(我|一下|下)/.test(q))
  )
    kinds.push({
      kind: 'count',
      measure: '号',
      docNumber: true,
      // 中央和省里的文号 asks the numbers the document cites, whatever document is at hand.
      ...(asksDocumentAtHand(question) && !CITED_ISSUER_NUMBER.test(q) ? { own: true } : {}),
    });
  else if (firstAsk(/(?<![哪第好那这])几(?![个名位次项条种类])|多少(?!钱)/, q)) kinds.push({ kind: 'count' });
  if (
    /(哪天|哪一天|什么时候|啥时候|啥时间|哪一年|何时|几月|哪个月|几号(?!文)|日期|哪年|什么时间|(?<!一)起算|开始算|(?<!今天|今儿)(周|星期|礼拜)几)/.test(
      // 重新起算还是累加 offers two ways of counting: an option, not a date asked; so does 从头(重新)开始算 asked alone.
      q.replace(
        /[\u4e00-\u9fff]{0,4}(起算|开始算)还是|还是[\u4e00-\u9fff]{0,4}(起算|开始算)|(从头|重新|重头)(开始算|起算)/g,
        '',
      ),
    )
  ) {
    kinds.push({
      kind: 'date',
      relative: /(什么时候|啥时候|何时|(?<!一)起算|开始算|从哪天)/.test(q),
      issued: ISSUED.test(q),
      ...(/哪一?年/.test(q) ? { year: true } : {}),
      ...(/最晚|最迟|截止|截至/.test(q) ? { deadline: true } : {}),
    });
  }
  // 几点开/几点到 asks a time of day (几点了 asks the time now: below).
  if (/((?<![哪这那])几点(?![了钟])|几点钟(?!了)|什么时间点|几时(?![了候]))/.test(q)) kinds.push({ kind: 'clock' });
  // 多大能入党 / 几岁 asks an age (年满十八岁); 多大的牌子 asks a size.
  if (AGE_ASK.test(q)) {
    // 几岁 is the age, not a count of years.
    const years = kinds.findIndex((k) => k.kind === 'count' && k.measure === '岁');
    if (years >= 0) kinds.splice(years, 1);
    kinds.push({ kind: 'age' });
  }
  // 哪个软件/哪种表格 asks for a particular thing: the text must name that kind of thing. Bodies, places, persons and
  // the source (哪个条例里讲的) are asked and checked above; 哪个/哪些 alone (先撤哪个) asks for nothing particular.
  // 哪个是根基, 哪个最要紧 ask which of the things named is it (a copula, a degree), no particular thing.
  // 哪个app names its thing in Latin letters.
  const which = /哪(?:个|种|款|家|类|一个|一种)(?![是最更较比])([\u4e00-\u9fff]{2}|[A-Za-z]{2,})/.exec(q);
  if (which && !WHICH_ELSEWHERE.test(which[1]!)) kinds.push({ kind: 'which', noun: which[1] });
  // 手写还是打印 ends the question with two options: an answer names one of them. (还是联系不上会怎样 reads 还是 as
  // "still": the words after it run on.)
  const choice = CHOICE.exec(q);
  if (choice && namedOptions(choice[1]!, choice[2]!)) kinds.push({ kind: 'choice', options: [choice[1]!, choice[2]!] });
  // 哪个县委书记 / 哪个市委 / 哪个区长 ask for a person or a body of the place, not the place.
  const place = /哪(?:个|一|条)?(省|市|县|区|镇|乡|村|路|街)(?![委长级直属])/.exec(q);
  // 花在哪/用在哪 asks what money is used for, not a place.
  // 哪里规定的/出自哪个文件 asks for the source, which every answer cites: not a place.
  const usedFor = /(花|用)(在|到)哪|(哪里|哪儿)(规定|说|写|提|讲|有规定)|出自哪|哪(个|份)文件/.test(q);
  // 邻居也不知道去哪了 tells that no one knows where someone went: a place told unknown, not asked.
  const placeQ = q.replace(UNKNOWN_TOLD, '');
  if (place) kinds.push({ kind: 'place', measure: place[1] });
  // 办公室设在哪 asks where an office sits: a body (设在中央组织部) answers it.
  else if (/(设|放|挂)在(哪|什么地方)/.test(placeQ)) kinds.push({ kind: 'place' });
  else if (!usedFor && /(在哪(?![条款章节项篇部份个文几些方])|位于|地址|什么地方|何处|地点)/.test(placeQ))
    kinds.push({ kind: 'place', measure: '' });
  else if (!usedFor && /(哪里|哪儿|(?<![做达想见得遇找])(去|到)哪(?![个些种一条份部几]))/.test(placeQ))
    kinds.push({ kind: 'place' });
  // 是谁/哪位 asks who a person is (a name); 由谁/报给谁/哪个部门/是谁的 asks which body is responsible.
  // 谁发我一下/谁能告诉我 is a request to the group, not a question about a person.
  // 谁给说说/谁来讲讲 asks the group to explain, too.
  const who = q.replace(
    /谁(能|可以|有|来)?(帮忙|帮我)?(发|给|告诉|帮|转|说)(我|下|一下)|谁(能|可以|有|来)?(给|帮)?(我|大家|咱们?)?(说说|讲讲|解释|科普|介绍)/g,
    '',
  );
  // 是谁 asks a name only where it ends the ask (书记是谁？); 是谁来定/是谁批准 asks which body acts.
  // 那个助学计划叫什么名字 asks what a programme is called: its quoted name answers, not a person's.
  const thingNamed = NAMED_THING.test(who) && !ROLE.test(who);
  if (
    !thingNamed &&
    /(是谁(?=[？?。，,！!呀啊呢吗\s]|$)|姓什么|哪位|哪个人|叫什么名|叫啥名|名字(是|叫)?(什么|啥))/.test(who)
  )
    kinds.push({ kind: 'name', noun: ROLE.exec(q)?.[0] });
  else if (ISSUER_ASK.test(who)) kinds.push({ kind: 'person', issuer: true });
  else if (/(谁|什么人|哪个部门|哪个单位|哪些部门)/.test(who))
    kinds.push({
      kind: 'person',
      ...(DECIDER_ASK.test(who) ? { decider: true } : LEADER_ASK.test(who) ? { leader: true } : {}),
    });
  // 是支部说了算还是上面说了算 asks who decides between two bodies (支部开会定了就行，还是得报上面批, too).
  else if (/(说了算|批准|决定|定)[了就行即可，,]{0,5}还是[\u4e00-\u9fff]{1,8}(说了算|批准|决定|定|批)/.test(who))
    kinds.push({ kind: 'person', decider: true });
  if (/((什么|哪些|何种|啥|哪种)(处分|处罚)|(怎么|如何|咋)(处分|处罚|惩处)|给(予)?(什么|啥)处理)/.test(q))
    kinds.push({ kind: 'penalty' });
  // Materials and procedures are asked in a clause that asks (要交什么材料); 写总结材料要引用…，文号是多少 and
  // …有哪些？我准备迎检材料用 tell what the member is doing.
  // 走啥手续 asks the steps to go through (经支部大会讨论决定，并报上级党组织批准), not papers to hand in.
  const steps = asking.replace(/走(?:啥|什么|哪些|个)?手续/g, '走程序');
  // 把材料压着不往上递 tells what is done with papers, not which to hand in.
  if (/(?<![把将])(材料|手续|证明|证件|表格)/.test(steps)) kinds.push({ kind: 'material' });
  if (/(流程|步骤|办理程序|审批程序|走程序|(怎么|如何|怎样)(办理|申请|报名|加入))/.test(steps))
    kinds.push({ kind: 'procedure' });
  // Weather, news, prices; not in a question about the consequence of conduct, where they tell what happened
  // (项目因为台风损失了，负责的要背处分吗).
  if (
    /(天气|下雨|下雪|气温|温度|刮风|台风|新闻|股价|汇率|票价|路况|几点了|今天几号|星期几)/.test(q) &&
    !consequenceAsks(q).length
  )
    kinds.push({ kind: 'current' });
  return kinds;
}

/**
 * The clauses that carry an ask (我们支部想选个纪检委员，纪委书记要有几年党龄才能当 → the second), each with the clause
 * before it when it is short (…能不能给他限期改正？最长给多久): background names the member's situation, not what the
 * answer must be about.
 */
export function askClauses(question: string, joinShort = true): string[] {
  const clauses = clausesOf(question);
  return clauses.flatMap((c, i) =>
    !ASK_WORD.test(c.replace(NOTHING_AT_ALL, ''))
      ? []
      : joinShort && c.length <= 6 && i > 0
        ? [clauses[i - 1]! + c]
        : [c],
  );
}

function lastClause(q: string): string {
  return q.split(CLAUSE_BREAK).filter(Boolean).at(-1) ?? '';
}

/** The question's content words (two characters or more) in each clause that carries an ask. */
export function askSubjects(question: string, words: string[]): string[][] {
  // A word the segmenter joined to the ask (多大能, 多少钱) is the ask, not what it is about.
  const content = [...new Set(words)].filter((w) => w.length >= 2 && !/^(多大|多少|几)/.test(w));
  return askClauses(question)
    .map((c) => content.filter((w) => c.includes(w)))
    .filter((ws) => ws.length > 0);
}

/** 一次, 每年, 几个: the ask's own number and measure (多久开一次) say what kind of value is asked, not about what. */
const NUMBER_WORD = /^[0-9一二两三四五六七八九十百几多每半]+[次个年月天周回遍届项条名位种]?$/;

/** The ask subjects without the ask's number words (多久开一次 → 党小组, not 一次): what a value must be about. */
export function valueSubjects(question: string, words: string[]): string[][] {
  const content = subjectWords(question, words);
  const clauses = askClauses(question, false);
  const own = clauses.map((c) => content.filter((w) => c.includes(w) && !VALUE_BOUND.test(w)));
  // An ask with no words of its own (一年要搞几次, 最长能给多长时间) may be about the background told before it, not
  // only about the ask next to it (一般按什么步骤来？一年要搞几次); so may one pointing back at it (作了限期改正，这个期限
  // 最长能给多久: the text writes 限期改正时间).
  const subjects = askSubjects(question, content);
  const told = normalizeForMatch(question);
  const pointsBack = clauses.some((c) => told.indexOf(c) > 0 && POINTS_BACK.test(c));
  const named = pointedThing(told, clauses, content);
  const withNamed = named.length ? [...subjects, named] : subjects;
  return own.some((ws) => !ws.length) || pointsBack
    ? [...withNamed, content.filter((w) => !VALUE_BOUND.test(w))]
    : withNamed;
}

/** The question's clauses as the kind rules read them (round numbers told are no asks). */
function clausesOf(question: string): string[] {
  return withApproximateNumbers(normalizeForMatch(question)).split(CLAUSE_BREAK).filter(Boolean);
}

/**
 * Every word of the question that can say what a value is about, when it opens with a background clause that asks
 * nothing (职务给撤销了，过多久能…); none otherwise.
 */
export function wholeSubject(question: string, words: string[]): string[] {
  const clauses = clausesOf(question);
  // Background is told before the ask; 够不够, 半年还是一年 ask too.
  const first = clauses[0] ?? '';
  if (clauses.length < 2 || ASK_WORD.test(first) || /(.)[不没]\1|还是|[没不否]$/.test(first)) return [];
  return subjectWords(question, words).filter((w) => !VALUE_BOUND.test(w));
}

function subjectWords(question: string, words: string[]): string[] {
  const pointedAt = new Set([...normalizeForMatch(question).matchAll(POINTED_DOCUMENT)].map((m) => m[1]!));
  // 方案里说多久搞一次: the document the member points at is where the value is, not what it is about.
  // 点名学哪位, 具体是谁: how the member wants the value named, not what it is about.
  return [...new Set(words)].filter(
    (w) => w.length >= 2 && !NUMBER_WORD.test(w) && !pointedAt.has(w) && !ASK_MANNER.test(w) && !MODAL_FRAGMENT.test(w),
  );
}

/** 这个会, 那个课: a demonstrative before one character (not 会不会, 会要): it names a thing told before it. */
const POINTED_THING = /(?:这个|那个|这种|那种|这|那)([\u4e00-\u9fff])(?![不没])/g;

/**
 * The word of the background a short demonstrative in an ask points at (…没开过查摆问题的生活会，…这个会一年开几次 →
 * 生活, written before that 会): the value asked is about it, and the whole background would drown it.
 */
function pointedThing(told: string, clauses: string[], content: string[]): string[] {
  const found: string[] = [];
  for (const c of clauses) {
    const at = told.indexOf(c);
    if (at <= 0) continue;
    const before = told.slice(0, at);
    for (const m of c.matchAll(POINTED_THING)) {
      const thing = m[1]!;
      const word = content
        .filter((w) => before.includes(w + thing))
        .sort((a, b) => before.lastIndexOf(b + thing) - before.lastIndexOf(a + thing))[0];
      if (word) found.push(word);
    }
  }
  return found;
}

/** An ask opening with a demonstrative (这个期限, 那个时间) points back at what was told before it. */
const POINTS_BACK = /^(这个|这|那个|那|此|该)[\u4e00-\u9fff]/;

/**
 * 能延, 可拖: the segmenter's new word of a modal and a one-character verb (最多能延多久) names nothing the text would
 * write; real words of that shape (可以, 能力, 要求…) are kept.
 */
const MODAL_FRAGMENT = /^(?!可以|可能|能力|能够|要求|要点|需要|需求|得到|应当|应该)[能可要得需应][\u4e00-\u9fff]$/;

/** 点名, 具体, 明确: the way a value is to be given (by name, precisely), not what it is about. */
const ASK_MANNER = /^(点名|指名|具体|明确|专门|到底|究竟)$/;

/** 最长, 至少, 最晚: the bound of the asked value, not what it is about. */
const VALUE_BOUND = /^(最|至)(长|短|多|少|高|低|晚|迟|早|快|久)$/;

/** A document the member points at (方案里, 条例上, 文件中说): where something is written, not what it is about. */
export const POINTED_DOCUMENT = /(实施方案|方案|文件|条例|党章|准则|规定|党规)(?=[里上中])/g;

/** 啥也没干, 什么都不管, 什么职务都没有: a negative indefinite tells that nothing was done; it asks nothing. */
const NOTHING_AT_ALL = /(啥|什么|谁|哪儿|哪里)[\u4e00-\u9fff]{0,3}?(也|都)(没|不)/g;
// A clause ending in 吧 seeks confirmation (是五年开一次吧？): it asks too.
const ASK_WORD = new RegExp(`${ASKING.source}|几|多少|多大|多长|多久|吧$`);

/**
 * The two alternatives of a question offering a choice (是等下个月再学，还是得马上学): the clause before 还是 (or the
 * part of its own clause before it) and the clause it starts.
 */
export function choiceSides(question: string): [string, string] | undefined {
  const q = normalizeForMatch(question);
  const at = q.indexOf('还是');
  if (at < 0) return undefined;
  const before = q.slice(0, at);
  const after = q.slice(at + 2).split(/[，。？！,?!；;\s]/)[0] ?? '';
  const clauses = before.split(/[，。？！,?!；;\s]/);
  const own = clauses.at(-1) ?? '';
  const left = own.length >= 2 ? own : (clauses.at(-2) ?? '');
  return left.length >= 2 && after.length >= 2 ? [left, after] : undefined;
}

/**
 * 巡视和巡察有啥区别, 代表会议跟代表大会是一回事吗: a clause comparing two things. Not 关系: 跟群众的关系 is a topic, not
 * a comparison.
 */
const COMPARISON =
  /^(.+?)(?:和|跟|与|同)(.+?)((?:之间)?(?:不)?(?:有|是)?(?:啥|什么|何|哪些)?(?:区别|不同|差别|两样|一回事|一码事|两回事|两码事|一样))/;

/**
 * The two sides of a clause that compares two things, each an ask of its own: an answer that explains one of them only
 * has not answered the comparison. Not a comparison when a side is a single character (和谁一样).
 */
export function comparedSides(clause: string): [string, string] | undefined {
  const m = comparison(clause);
  return m && [m[1]!, m[2]!];
}

function comparison(clause: string): RegExpExecArray | undefined {
  const m = COMPARISON.exec(clause);
  return m && m[1]!.length >= 2 && m[2]!.length >= 2 ? m : undefined;
}

/**
 * A text with the asking words of its comparisons dropped (巡视和巡察有啥区别 → 巡视和巡察): 区别 asks, it is not what is
 * asked about (the rules' 区别情况作出处理 answers nothing of 党组和党委).
 */
export function withoutComparisonAsk(text: string): string {
  return text
    .split(/(?<=[，。？！,?!；;\s])/)
    .map((part) => {
      const m = comparison(part);
      return m ? `${part.slice(0, m[0].length - m[3]!.length)} ${part.slice(m[0].length)}` : part;
    })
    .join('');
}

/** Whether a piece of a question asks anything (an asking word), or only tells. */
export function asksSomething(text: string): boolean {
  return ASK_WORD.test(normalizeForMatch(text));
}
/**
 * Asks whether party members (or applicants) get a consumer perk (党员坐高铁能打折吗, 老党员门票能免吗, 过政治生日能领
 * 蛋糕券, 积极分子考驾照能加分吗): the documents set members' duties and rights, none of them a discount, a free ticket,
 * a coupon or extra points. Conduct told with such a word (接受开发商的优惠价，算违纪吗) asks what follows from it
 * instead; 打折扣 is an idiom of the rules.
 */
const PERK = /打折(?!扣)|(?<!打)折扣|优惠|免票|免门票|半价|免费|门票|[蛋糕礼品购物优惠代金]券|能免吗|能免不|免单|加分/;
export function asksMemberPerk(question: string): boolean {
  const q = normalizeForMatch(question);
  return /党员|入党|积极分子/.test(q) && PERK.test(q) && !asksWhatFollows(q);
}

/**
 * Asks how to fix or get something fixed (空调坏了找谁修, 投影仪连不上, 打印机卡纸, 密码忘了怎么找回): equipment,
 * accounts and their repair are no matter of the documents. Conduct told with such words (公款维修办公楼违规吗) asks
 * what follows instead.
 */
const REPAIR =
  /坏了|坏掉|修不好|找谁修|谁来修|谁修|报修|维修一下|卡纸|连不上|打不开|开不了机|没画面|死机|蓝屏|没信号|没网了|密码|登录不上|登不上|登录不了|验证码/;
export function asksRepair(question: string): boolean {
  const q = normalizeForMatch(question);
  return REPAIR.test(q) && !asksWhatFollows(q);
}

/**
 * Asks about money and papers of an outing or purchase (团建费用能报销吗, 发票抬头开谁, 租车合同谁签, 要不要买保险): no
 * document deals with reimbursement, invoices, contracts or insurance. Conduct told with such words (叫下面的公司替他报销
 * 私人费用，算啥问题) asks what follows instead.
 */
const PAPERWORK = /报销|发票|开票|抬头|合同|保险/;
export function asksPaperwork(question: string): boolean {
  const q = normalizeForMatch(question);
  return PAPERWORK.test(q) && !asksWhatFollows(q);
}

/**
 * Asks the bot to write something (帮我写一段慰问短信, 给我起草个发言稿): zhibu quotes the documents and writes nothing of
 * its own. A member who mentions writing while asking about the documents (要写个心得，方案里怎么说) asks something.
 */
const COMPOSE = /(帮我|给我|替我|帮忙|麻烦你?|请你?)(写|起草|拟|编|撰写|整理)(一|个|段|篇|首|份|封|条|下|几)/;
export function asksComposition(question: string): boolean {
  const q = normalizeForMatch(question);
  return COMPOSE.test(q) && !ASK_WORD.test(q.replace(COMPOSE, ''));
}

/**
 * Asks the group for a recommendation (推荐一家, 有推荐吗, 去哪吃比较好, 穿什么鞋比较好, 牌子做多大尺寸、用啥材质):
 * restaurants, outings, shows, gear and fittings are no matter of the documents (a colour may be: 党旗的图案是什么颜色).
 * What a document recommends (方案里推荐了哪些红色基地) is asked with 了 or 哪些, and 民主推荐 is a procedure.
 */
const RECOMMENDATION =
  /推荐(一家|一下|下|个|几个|几家|几部|点)|有(什么|啥)?推荐(吗|没|不)|(哪家|哪里|去哪|哪个地方)[\u4e00-\u9fff]{0,6}(比较好|最好|好吃|好玩)|(穿|买|带|吃|用)(什么|啥|哪种|哪个|哪款)[\u4e00-\u9fff]{0,4}(比较好|最好|合适)|(多大|什么|啥|哪种)(尺寸|材质|字体|字号)/;
export function asksRecommendation(question: string): boolean {
  const q = normalizeForMatch(question);
  // 方案里有推荐没 asks what a document recommends.
  return RECOMMENDATION.test(q) && !new RegExp(POINTED_DOCUMENT.source).test(q);
}

/**
 * 这个通知, 那个两学一做常态化的方案: the document at hand, named with a few words of its title between — not one of
 * another issuer (省委那个实施方案, 中央那个文件: a document it cites).
 */
const AT_HAND =
  /(?<!(中央|中办|省委|省里|国家|国务院)[\u4e00-\u9fff]{0,2})(这个|这份|这篇|那个|那份|该|此)[\u4e00-\u9fff“”]{0,14}?(通知|文件|方案|文)/;
const PARTICULAR = /文号|几号文|发文|印发|下发|哪天发|什么时候发|啥时候发|哪个单位发|谁发的|落款/;
/**
 * Asks a particular of the document at hand (这个通知文号多少, 这份文件哪天印发的, 该方案是哪个单位发的): a member points at the
 * notice the group was sent. Its words (通知, 文号) lift little over general Chinese, yet it is about the documents.
 */
export function asksDocumentAtHand(question: string): boolean {
  const q = normalizeForMatch(question);
  return AT_HAND.test(q) && PARTICULAR.test(q);
}

/** A programme, a system or a place of study named by the documents, asked by its name (那个计划叫什么名字). */
const NAMED_THING =
  /(计划|活动|制度|平台|工程|项目|行动|机制|载体|品牌|课堂|工作室|基地|读本|教材|文件|方案|条例)[\u4e00-\u9fff，,]{0,3}(叫什么|叫啥|名字|名称)/;

/** Who decides or approves: 谁说了算, 谁批准, 要谁同意, 谁来定, 由谁决定, 哪个部门审批. */
const DECIDER_ASK =
  /(谁|哪个部门|哪个单位|哪一级|哪级)(来|去|能|可以)?(说了算|批准|审批|决定|定|拍板|同意|批|做主|认定)|(由|归|要|得|经)谁(来)?(批|定|决定|审批|同意|认定)/;

/**
 * A sentence saying by whom a matter is decided or approved (必须由上级党组织决定, 经支部大会讨论通过和上级党组织批准).
 * A submission for approval (报上一级党委批准) and other verbs (审批, 同意, 备案) were measured wider and not kept: they
 * cost a first hit on a never-read set (holdout15) while adding one on a read set (tune14).
 */
export const DECIDES = /(由|经)[^，。；：]{1,30}(决定|批准)/;

/** Asks which body leads or is in charge of a work: 哪个部门牵头, 谁来负责, 归谁管, 谁主管. */
const LEADER_ASK =
  /(谁|哪个部门|哪个单位|哪家|哪些部门)(来|在)?(牵头|负责|主管|主抓|抓|管)|(归|由)(谁|哪个部门|哪个单位)(来)?(管|负责|领导|牵头)/;
/** A sentence saying by whom a work is led or which body is in charge (由市委组织部牵头组织实施, 归…领导). */
export const LEADS = /(由|归)[^，。；：]{1,30}(牵头|负责|主管|领导|管理)/;

const CONTACT = /(电话|手机号|联系方式|邮箱|网址|二维码|微信号)/;

/** 中央和省里的文号: the document numbers of higher issuers, which the document at hand cites. */
const CITED_ISSUER_NUMBER = /(中央|中办|省委|省里|国家|国务院|上级|上面)[^，。？！,?!]{0,6}文号/;

/** Who issued or adopted a document: 哪个单位发的, 谁印发的, 发文单位, 是谁制定的. */
const ASKED_BODY = '(?:谁|哪个?(?:单位|部门|机关|机构)|什么(?:单位|部门|机关|机构)|哪里|哪儿)';
const ISSUER_ASK = new RegExp(
  `${ASKED_BODY}(?:印|下|颁)?发(?:布)?的|(?:发文|印发|制发)(?:单位|机关|部门)|(?:由|是)?${ASKED_BODY}(?:印发|下发|发布|颁布|制定|出台|通过)`,
);
/**
 * A document's own record of who issued or adopted it: its title as a notice (中共南京市委办公厅印发《…》的通知), the
 * bracketed line under a title (（2023年12月19日中共中央发布）), or a signature (a line that is only a body's name) —
 * not a provision that mentions issuing (中共中央发布或者批准发布的其他党内法规).
 */
const ISSUING_BODY = /(中共|中央|代表大会|委员会|办公厅|办公室|[省市县区]委)/;
const ISSUED_RECORD = [
  /^[\u4e00-\u9fff]{2,30}(印发|下发|转发)《[^》]+》的通知$/,
  /^[（(][^（）()]*(发布|通过|批准|修订|修改)[^（）()]*[）)]$/,
  /^[\u4e00-\u9fff]{2,20}(办公厅|办公室|委员会|[省市县区]委)$/,
];

/**
 * Asks for the consequence of conduct (会怎么处理, 要担什么责任, 这算违纪吗): what disciplinary rules answer. Members
 * tell the conduct in their own words, so few of the question's words are the documents' own.
 */
const CONSEQUENCE =
  /(怎么|如何|咋|怎样|会不会|要不要|会|要)(被)?(处理|处分|处罚|惩处|追究|问责)|(受|挨|背|吃)(个|上|了)?(处[分份]|处罚)|(处理|处分|处罚)(得)?(轻点|轻一点|轻些|从轻|减轻)|(从轻|减轻)(处理|处分|发落)|会(怎|咋)(么样|样|么办|办|么着)|(什么|啥|哪些)(后果|责任|处分|处理|处罚)|算不算违|违不违|是不是违|(违纪|违规|违反纪律|违法)(吗|么|不|了没)/g;

/**
 * What the rules say about conduct told (纪律上怎么说, 有说法吗, 管不管, 违反哪条, 谁担责): answered, like a consequence,
 * by the penalty.
 */
const RULES_SAY =
  /(怎么|咋)(说|规定|讲)|(纪律|党纪|规定|条例)上?(怎么|咋)(算|看|定性)|(违反|违背|触犯)了?(哪|什么|啥)|(谁|哪些人|哪个人)(来)?(担责|负责任|承担责任|担责任)|有(啥|什么)?说法|(有没有|有)(啥|什么)?规定|管不管|管吗|管得(着|了)|有没有问题|有问题吗|算(什么|啥)问题|(什么|啥)性质|合规吗|合不合规/;

/** The question asks what follows from conduct: its consequence, or what the rules say about it. */
export function asksWhatFollows(question: string): boolean {
  return consequenceAsks(question).length > 0 || RULES_SAY.test(normalizeForMatch(question));
}

/**
 * Asks the threshold at which conduct told before becomes a violation (占多久算违纪, 收多少钱才算违规): the value is about
 * that conduct, which members tell in their own words, not about the verdict the value decides.
 */
const THRESHOLD = /(多久|多长时间|多少|几[次回天年个]?)[\u4e00-\u9fff]{0,3}?(才)?算(是)?(违纪|违规|违法)/;
export function asksThreshold(question: string): boolean {
  return THRESHOLD.test(normalizeForMatch(question));
}

/**
 * Asks whether conduct is allowed or what it does to a member (这个我能参加吗, 这样妥不妥, 选举权还算不算, 会不会影响
 * 提拔): the rules answer with what they forbid or impose, in their own words.
 */
const PERMISSION =
  /可不可以|能不能|行不行|行吗|可以吗|能吗|允许|准不准|让不让|妥不妥|妥吗|妥当吗|合适吗|合不合适|(?:能|可以)[\u4e00-\u9fff]{1,4}吗|还算不算|算不算数|会不会影响|影响[\u4e00-\u9fff]{0,4}吗|轻一点|轻点/;
export function asksPermission(question: string): boolean {
  return PERMISSION.test(normalizeForMatch(question));
}

/** The permission asks of a question (这个我能参加吗 → 能参加吗), empty when it asks none. */
export function permissionAsks(question: string): string[] {
  return [...normalizeForMatch(question).matchAll(new RegExp(PERMISSION.source, 'g'))].map((m) => m[0]);
}

/** The consequence asks of a question (empty when it asks none). */
export function consequenceAsks(question: string): string[] {
  return [...normalizeForMatch(question).matchAll(CONSEQUENCE)].map((m) => m[0]);
}

/** A date question about a document's adoption, issue or entry into force (dates such as 2022年10月22日通过 answer it). */
// 哪年定的 is 制定的 (规定的, 确定的 say what is laid down, not when).
const ISSUED =
  /(通过|印发|发布|施行|实行|执行|生效|修改|修订|制定|出台|颁布|发的|下发|发文|成文|落款|签发|(?<![规确决约认评指否肯固稳选])定的)/;
/**
 * 哪个 + these asks for a body, a place, a person or the source: other kinds (and other checks) cover them. 算哪种问题
 * /哪类行为 asks how the rules class conduct, which they do by the article, never by naming 问题; 哪个层级 is answered by
 * a level (省部级主要领导干部), not by the word 层级. 学和做哪个要紧 weighs the two named before it: the text answers in its
 * own words (基础在学，关键在做), never with 要紧.
 */
const WHICH_ELSEWHERE =
  /^(部门|单位|组织|机关|支部|党委|人员|同志|领导|地方|地区|省份|城市|县市|文件|条例|规定|办法|方案|准则|章程|部分|方面|条款|章节|阶段|时间|时候|月份|年份|问题|情况|行为|错误|性质|层级|级别|层次|要紧|重要|优先|更好|好些|合适|靠前|为主|在先)/;
/**
 * Two options a text can name: not …还是咋弄 (an ask, not an option), nor 学要紧还是做要紧, where the two differ by one
 * character the options' shared ending leaves (a text says 学 and 做 in its own words).
 */
function namedOptions(a: string, b: string): boolean {
  // 是两码事还是合一起搞 compares two things; 码事/回事 is no option.
  if (/咋|怎|什么|啥|如何|哪|干嘛|[码回]事/.test(a + b)) return false;
  // 教育了几次还是这样: 还是 is "still" before 这样/那样, and a number phrase (几次) names no option.
  if (/^[这那一]样|^[这那]么/.test(b) || /几|多少/.test(a)) return false;
  let shared = 0;
  while (shared < Math.min(a.length, b.length) && a.at(-1 - shared) === b.at(-1 - shared)) shared++;
  return shared === 0 || Math.min(a.length, b.length) - shared >= 2;
}
/** 备案就行, 备案即可: the option is 备案; what follows says it would suffice. */
const CHOICE =
  /([\u4e00-\u9fff]{2})还是(?:可以|能|要|用|得|该)?([\u4e00-\u9fff]{2,4}?)(?:就(?:行|好|可以|够|成)了?|即可)?(?:呢|啊|呀|好)?(?:[？?！。，,\s]|$)/;
/** A date of adoption, issue or entry into force: 2022年10月22日通过, 自2019年5月6日起施行. */
const ISSUE_DATE =
  /\d{4}年\d{1,2}月\d{1,2}日[^，。；]{0,16}?(通过|印发|发布|施行|修订|修正|制定|批准)|(印发|发布|施行)[^，。；]{0,6}\d{4}年\d{1,2}月\d{1,2}日/g;

const NUM_RE = new RegExp(`${NUMERAL}+`);
/** Whether the text names two or more items of the kind counted in a row (政治意识、大局意识 for 几个意识). */
export function namesItemsOf(text: string, noun: string): boolean {
  const head = noun.slice(-2);
  return new RegExp(`[\\u4e00-\\u9fff]{1,4}${head}、[\\u4e00-\\u9fff]{1,4}${head}`).test(text);
}
/** An office held by a person. */
const ROLE =
  /(?:[省市县区镇乡村]委|支部|党委|党组|党小组)?(?:书记|主任|部长|组长|局长|市长|县长|委员|负责人|主席|校长|厂长|领导)/;
/** A body that can receive, decide or lead. */
const ORGAN = /(委员会|党委|党组|组织部|宣传部|纪委|党组织|部门|机关|支部|政府|单位)/;
/** A named place: an administrative unit or a venue. */
const PLACE =
  /[\u4e00-\u9fff]{2}(省|市|县|区|镇|乡|村|街道|馆|园|基地|中心|会堂|广场|旧址|故居|陵园|纪念地)(?![委级长直属里])/;

function isDateLine(text: string): boolean {
  return text.length <= 25 && /^[\s（(]*\d{4}年\d{1,2}月(\d{1,2}日)?[\s）)]*$/.test(text);
}

/** A document number cited in brackets after another document's title: （中办发〔2017〕23号）. */
const CITED_NUMBER = /[（(][^（）()]{0,20}〔\d{4}〕\d+号[^（）()]{0,5}[）)]/g;

/** A period that a frequency counts in (每半年, 每两年, 每个月). */
const EVERY_PERIOD = new RegExp(`每${NUMERAL}*(个)?(年|月|天|日|周|星期|小时)`, 'g');

/**
 * An option as typed and as the text would write it: without a leading adverb (只备案, 先报批) and without the
 * measure word a speaker puts inside a verb and its object (备个案, 开个会 → 备案, 开会).
 */
function optionForms(option: string): string[] {
  const bare = option.replace(/^[只就先再都还光仅]/, '');
  return [...new Set([option, bare, bare.replace(/([\u4e00-\u9fff])个([\u4e00-\u9fff])/, '$1$2')])].filter(
    (f) => f.length >= 2,
  );
}

/** Whether `text` contains the kind of thing asked for. */
export function containsKind(text: string, k: AskedKind): boolean {
  switch (k.kind) {
    case 'amount':
      return /\d+(\.\d+)?\s*(%|％|元|万元)|百分之|[一二三四五六七八九十百千万]+元/.test(text);
    case 'duration': {
      // 即知即改 (correct as soon as known) answers how soon, as 立即 does.
      if (k.relative && /及时|第一时间|立即|随时|马上|即[\u4e00-\u9fff]即/.test(text)) return true;
      const undated = text.replace(/\d{4}年\d{1,2}月\d{1,2}日/g, '');
      // 每半年…1次 is how often, not how long (能留多久 is not answered by 每半年至少联系1次).
      const spans = k.recurring ? undated : undated.replace(EVERY_PERIOD, '');
      return new RegExp(`${NUMERAL}+(个)?(年|月|天|日|周|星期|小时)(?!\\d)`).test(spans);
    }
    case 'date': {
      // 什么时候开 is answered by the occasion the text names (在必要时召集, 任期届满时).
      if (k.relative && /之日|之时|起施行|必要时|需要时|届满|期满/.test(text)) return true;
      // 最晚什么时候办 is answered by a time limit counted from the event (在一个月内办理).
      if (k.deadline && new RegExp(`${NUMERAL}+(个)?(年|月|天|日|周|星期)(内|之内|以内)`).test(text)) return true;
      if (k.year && /[上下本当次前](一)?年度|上一年|当年|次年/.test(text)) return true;
      // When a document was adopted or issued answers only a question about that, not 哪天开幕/哪一年结束; a short
      // line that is only a date is a document's own date (its signature).
      const dates = k.issued || k.issued === undefined ? text : isDateLine(text) ? '' : text.replace(ISSUE_DATE, '');
      // 每周几 is answered by a weekday (每周三, 星期五).
      // A year may be written in characters (一九八〇年), as the documents' histories do.
      return /\d{4}年|[一二三四五六七八九〇零]{4}年|\d{1,2}月\d{1,2}日|[一二三四五六七八九十]+月[一二三四五六七八九十]+日|(周|星期|礼拜)[一二三四五六日天]/.test(
        dates,
      );
    }
    case 'which':
      return !k.noun || text.includes(k.noun);
    case 'choice':
      return (k.options ?? []).some((o) => optionForms(o).some((f) => text.includes(f)));
    case 'count': {
      if (k.own) text = text.replace(CITED_NUMBER, '');
      // Numbers inside titles and quoted terms (《…》, “两学一做”, “六个一”) name things; they count nothing.
      if (!k.measure) return NUM_RE.test(text.replace(/《[^》]*》|“[^”]{1,12}”/g, ''));
      // How many kinds/items is answered by listing them: （一）…（二）…
      if (/[种类项条]/.test(k.measure) && /（一）[\s\S]*（二）/.test(text)) return true;
      // 还有几个性 / 几个意识 is answered by naming them: 政治性、时代性、原则性.
      if (k.noun && namesItemsOf(text, k.noun)) return true;
      // The counted noun's head is its end (入党介绍人 → 介绍人); its start may be left out in the text.
      const heads = k.noun ? [...new Set([k.noun.slice(0, 2), k.noun.length >= 3 ? k.noun.slice(-3) : k.noun])] : [''];
      // 个 is the general classifier: 几个介绍人 is answered by 两名…介绍人.
      const measure = /[个名位人]/.test(k.measure) ? '[个名位人]' : k.measure;
      // Legal texts also put the noun first: 有正式党员三人以上的, 委员会委员七人. A noun that is itself a unit takes
      // no classifier: 几个学时 is answered by 不少于32学时. Its qualifiers may stand between (不少于一次下级党组织领导班子
      // 民主生活会: nine characters).
      return (
        heads.some(
          (head) =>
            new RegExp(`${NUMERAL}+${measure}(以上|以下|左右)?[\\u4e00-\\u9fff]{0,12}?${head}`).test(text) ||
            (head !== '' && new RegExp(`${head}[\\u4e00-\\u9fff]{0,4}?${NUMERAL}+${measure}`).test(text)) ||
            (head !== '' && new RegExp(`${NUMERAL}+${head}`).test(text)),
        ) ||
        (!!k.noun && countsSoundAlike(text, k.noun))
      );
    }
    case 'frequency':
      // 每年/每季度…, 每五年举行一次, 两年一次.
      return /(每[一二三四五六七八九十两\d]*(年|半年|季度|个月|月|周|星期|天|日)|[一二三四五六七八九十两\d]+(年|个月|月|周|天)[\u4e00-\u9fff]{0,4}一次)/.test(
        text,
      );
    case 'contact':
      return /(\d{3,4}-?\d{7,8}|1\d{10}|@[\w.]+|https?:\/\/|www\.)/.test(text);
    case 'material':
      return /(材料|手续|证明|证件|表格|介绍信|登记表|志愿书|申请书)/.test(text);
    case 'procedure':
      return /(程序|步骤|流程|首先|然后|办理|提交|填写|审查|审批|批准|报请|报送|备案|申请)/.test(text);
    case 'age':
      return new RegExp(`${NUMERAL}+(周)?岁`).test(text);
    case 'clock':
      // 三点要求, 这一点 count points: a time of day has a part of the day before it or 钟/半/分 after it.
      return /\d{1,2}[:：]\d{2}|(上午|下午|晚上|早上|中午|凌晨|傍晚)[\d一二三四五六七八九十两]+点|[\d一二三四五六七八九十两]+点(钟|半|\d+分|[一二三四五六七八九十]+分)/.test(
        text,
      );
    case 'current':
      return /(天气|下雨|降雨|雨天|下雪|气温|温度|新闻|股价|汇率|票价|路况)/.test(text);
    case 'place':
      // 哪个县 needs a county's name; 哪里 may be answered by a place or by a body (报哪里 → 上级党组织).
      if (k.measure) return new RegExp(`[\\u4e00-\\u9fff]{2}${k.measure}(?![委级长直属里线径子])`).test(text);
      // 在哪/地址 asks where something is: a place; 报哪里/交到哪儿 may be answered by a body (上级党组织).
      return PLACE.test(text) || (k.measure === undefined && ORGAN.test(text));
    case 'name':
      // Who holds an office: the text must name someone in that office (县委书记廖俊波同志).
      // With the office asked, the name follows it (领导干部…廖俊波同志 names no 领导).
      if (k.noun) return new RegExp(`${k.noun}[\\u4e00-\\u9fff]{2,3}同志`).test(text);
      return /[\u4e00-\u9fff]{2,3}同志|同志[\u4e00-\u9fff]{2,3}[，。、]/.test(text);
    case 'penalty':
      // A regulation's name (纪律处分条例) mentions a penalty without imposing one.
      return /(处分|警告|撤销|留党察看|开除|组织处理|问责|追责|责令|免职|降职)/.test(
        text.replace(/[\u4e00-\u9fff]{2,10}(条例|准则|规定|办法)/g, ''),
      );
    case 'person':
      if (k.issuer) return ISSUING_BODY.test(text) && ISSUED_RECORD.some((re) => re.test(text.trim()));
      // 谁担责 is answered by the rules' 直接责任者和领导责任者.
      return /(同志|书记|主任|部长|负责人|责任者|责任人|党员|干部|群众|中央|省|市委)/.test(text) || ORGAN.test(text);
  }
}

const ASKS_UPPER = /(最多|最长|最高|最晚|上限|顶多|封顶|至多)/;
const ASKS_LOWER = /(最少|至少|最短|最低|下限|起码)/;

/** 最多能算多少, 最长多久: the ask wants an upper bound; 至少要几次, 最少多久: a lower one. */
export function askedBound(question: string): 'upper' | 'lower' | undefined {
  // Every asking clause must want it: in 最多能留多久？多久联系一次 the second ask has no bound.
  const bounds = new Set(
    askClauses(question, false).map((c) => (ASKS_UPPER.test(c) ? 'upper' : ASKS_LOWER.test(c) ? 'lower' : 'none')),
  );
  const [only] = bounds;
  return bounds.size === 1 && only !== 'none' ? (only as 'upper' | 'lower') : undefined;
}

const LOWER_BOUND = /(以上|不少于|不低于|至少|最少|起码)/;
const UPPER_BOUND = /(不超过|不能超过|不得超过|以内|以下|最多|最长|至多|不高于|为限)/;

/**
 * A text that states only the other bound (不少于32学时, 三人以上) does not give the bound asked (最多能算多少, 最多能有几人):
 * quoting it as the answer would turn a minimum into a maximum.
 */
export function statesOnlyOtherBound(text: string, bound: 'upper' | 'lower' | undefined): boolean {
  if (!bound) return false;
  const lower = LOWER_BOUND.test(text);
  const upper = UPPER_BOUND.test(text);
  return bound === 'upper' ? lower && !upper : upper && !lower;
}

/**
 * A number followed by a word read like the counted noun (多少个学识 typed for 学时: 不少于32学时): the member's
 * homophone of a real word, which the typo reader leaves since the dictionary knows both.
 */
function countsSoundAlike(text: string, noun: string): boolean {
  const key = soundKey(noun);
  if (!key || noun.length < 2 || noun.length > 3) return false;
  const after = new RegExp(`${NUMERAL}+([\\u4e00-\\u9fff]{${noun.length}})`, 'g');
  return [...text.matchAll(after)].some((m) => soundKey(m[1]!) === key);
}
