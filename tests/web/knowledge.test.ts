// 知识库 in the browser on the real knowledge core: upload a .docx, rebuild without restarting the bot, and a
// question only that document answers is answered in the test box and then in the group.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { chromium, type Browser, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSignInLink } from '../../domains/roles/console-access.js';
import { PROJECT_ROOT } from '../../ground/config.js';
import { rolesFeature } from '../../bot/features/roles.js';
import { defaultSpec, startTestBot, type TestBot } from '../helpers/mock-wechaty.js';
import { CHROMIUM, SHOT_DIR } from '../helpers/web-world.js';

const ROOM = 'room-1@chatroom';
let t: TestBot;
let browser: Browser;
let corpus: string;

async function docx(file: string, paragraphs: string[]): Promise<void> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
}

beforeAll(async () => {
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'zhibu-webcorpus-'));
  fs.cpSync(path.join(PROJECT_ROOT, 'knowledge', 'corpus'), corpus, { recursive: true });
  const spec = defaultSpec();
  spec.contacts.push({ id: 'wxid_admin', name: '管理员' });
  t = await startTestBot({
    spec,
    features: [rolesFeature],
    env: { ADMIN_IDS: 'wxid_admin', CORPUS_DIR: corpus },
    web: { port: 0, host: '127.0.0.1' },
  });
  const web = t.app.web!;
  Object.assign(web.deps.config, { web: { ...web.deps.config.web, publicUrl: web.url } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
  fs.rmSync(corpus, { recursive: true, force: true });
});

/** Presses 重建索引 and waits until the page shows the new index again (it shows progress while rebuilding). */
async function rebuild(page: Page, url: string): Promise<void> {
  await page.getByRole('button', { name: '重建索引' }).click();
  await expect
    .poll(
      async () => {
        await page.goto(`${url}/knowledge`);
        return page.locator('#chunks').count();
      },
      { timeout: 60_000, interval: 500 },
    )
    .toBe(1);
}

describe('知识库', () => {
  it('uploads a .docx, rebuilds in place, and answers from it in the test box and in the group', async () => {
    const web = t.app.web!;
    const file = path.join(corpus, '..', `reading-${process.pid}.docx`);
    await docx(file, [
      '关于支部读书角管理的规定',
      '第一条 支部读书角每周三下午开放，由组织委员负责借阅登记。',
      '第二条 借阅期限为两周，逾期须续借。',
    ]);
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto((await issueSignInLink(web.deps, 'wxid_admin')).url);
    await page.getByRole('button', { name: '登录' }).click();
    await page.goto(`${web.url}/knowledge`);
    const before = Number(await page.locator('#chunks').innerText());
    await page.setInputFiles('input[type=file]', file);
    await page.getByRole('button', { name: '上传文件' }).click();
    await page.waitForURL(/notice=/);
    expect(await page.locator('#docs').innerText()).toContain(path.basename(file));
    await rebuild(page, web.url);
    expect(Number(await page.locator('#chunks').innerText())).toBeGreaterThan(before);

    await page.fill('input[name=q]', '支部读书角的借阅登记由谁负责？');
    await page.getByRole('button', { name: '测试' }).click();
    const result = await page.locator('#test-result').innerText();
    expect(result).toMatch(/判定：作答/);
    expect(result).toContain('由组织委员负责借阅登记');
    expect(result).toContain('第一条');
    await page.screenshot({ path: path.join(SHOT_DIR, 'knowledge-test.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    t.ask('张三', ROOM, '支部读书角的借阅登记由谁负责？');
    const answer = await t.waitFor((s) => s.roomId === ROOM && s.text.includes('读书角'), 20_000);
    expect(answer.text).toContain('由组织委员负责借阅登记');
    await ctx.close();
    fs.rmSync(file, { force: true });
  }, 120_000);

  it("uploads a document's members' words after checking them against its units, and finds the article by them", async () => {
    const web = t.app.web!;
    const stem = `dining-${process.pid}`;
    const doc = path.join(corpus, '..', `${stem}.md`);
    fs.writeFileSync(
      doc,
      '# 关于机关食堂就餐的若干规定\n来源: 测试\n\n第一条　工作人员就餐应当按标准交纳伙食费。\n第二条　不得在食堂内设置高档包间，不得以工作餐名义安排宴请。\n',
    );
    const words = (name: string, text: string) => {
      const file = path.join(corpus, '..', name);
      fs.writeFileSync(file, text);
      return file;
    };
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto((await issueSignInLink(web.deps, 'wxid_admin')).url);
    await page.getByRole('button', { name: '登录' }).click();
    await page.goto(`${web.url}/knowledge`);
    const upload = async (file: string) => {
      await page.setInputFiles('input[type=file]', file);
      await page.getByRole('button', { name: '上传文件' }).click();
      await page.waitForLoadState();
      return page.locator('body').innerText();
    };
    // Words for a document that is not there, or naming a unit the document lacks: a Chinese error, nothing saved.
    expect(await upload(words(`${stem}.keywords.tsv`, 'a2\t小灶 吃小灶\n'))).toContain('没有与之对应的文件');
    await page.goto(`${web.url}/knowledge`);
    await upload(doc);
    await page.goto(`${web.url}/knowledge`);
    expect(await upload(words(`${stem}.keywords.tsv`, 'a2\t小灶 吃小灶\na9\t不存在\n'))).toContain(
      '第2行：条款编号 a9',
    );
    expect(fs.existsSync(path.join(corpus, `${stem}.keywords.tsv`))).toBe(false);
    await page.goto(`${web.url}/knowledge`);
    expect(await upload(words(`${stem}.keywords.tsv`, '# 成员用语\na2\t小灶 吃小灶 开小灶\n'))).toContain(
      `已上传 ${stem}.keywords.tsv（1 个条款）`,
    );
    expect(await page.locator('#docs').innerText()).toContain(`成员用语表：${stem}.keywords.tsv`);

    await rebuild(page, web.url);
    await page.fill('input[name=q]', '机关食堂能开小灶吗');
    await page.getByRole('button', { name: '测试' }).click();
    const result = await page.locator('#test-result').innerText();
    expect(result).toMatch(/判定：作答/);
    expect(result).toContain('不得在食堂内设置高档包间');
    expect(result).not.toContain('吃小灶');

    // Removing the words leaves the document; removing the document takes its words along.
    const row = page.locator('#docs tr', { hasText: `${stem}.md` });
    await row.getByRole('button', { name: '删除用语表' }).click();
    await page.waitForURL(/notice=/);
    expect(fs.existsSync(path.join(corpus, `${stem}.keywords.tsv`))).toBe(false);
    expect(fs.existsSync(path.join(corpus, `${stem}.md`))).toBe(true);
    await ctx.close();
    for (const f of [doc, path.join(corpus, '..', `${stem}.keywords.tsv`)]) fs.rmSync(f, { force: true });
  }, 120_000);
});
