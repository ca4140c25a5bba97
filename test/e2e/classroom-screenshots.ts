/**
 * `npx tsx test/e2e/classroom-screenshots.ts [outDir]`: the README's classroom pictures, taken against a
 * real classroom server (spawned as `npm run classroom` runs it, on a database of its own). A teacher in
 * presenter mode at 1920×1080 starts a class, steps RFC 9293 figure 6 to B's SYN-RECEIVED and asks for the
 * next segment; one student answers on a 390 px phone in zh-CN, six more answer through the API (a spread
 * of right and wrong answers, so the distribution has something to show). Pictures: the room code, the
 * teacher's panel live and after the reveal, the phone's question and its verdict.
 */
import { mkdirSync } from 'node:fs';
import { build } from 'vite';
import { classroomZh } from '../../src/i18n/classroom';
import { teachEn } from '../../src/i18n/teach';
import { launch } from './browser';
import { dataDir, removeDataDir, startClassroom } from './classroom-server';

const out = process.argv[2] ?? 'docs/screenshots';
mkdirSync(out, { recursive: true });
await build({ logLevel: 'warn' });
const dir = dataDir();
const server = await startClassroom(`${dir}/class.db`);
const browser = await launch();

async function api(path: string, body: unknown, token?: string) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A page in the background gets no animation frames, so its animations (a state pill's change) would stop
 * half-way: bring it to the front, as the phone or projector in a room is, and let them finish.
 */
async function shoot(page: import('playwright-core').Page, path: string) {
  await page.bringToFront();
  await page.waitForTimeout(700);
  await page.screenshot({ path });
}

try {
  const teacherContext = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
    locale: 'en-US',
  });
  await teacherContext.addInitScript(() =>
    localStorage.setItem('synack.prefs', JSON.stringify({ presenter: true, lang: 'en' })),
  );
  const teacher = await teacherContext.newPage();
  await teacher.goto(`${server.url}/`);
  await teacher.getByTestId('narration').waitFor();
  await teacher.getByRole('button', { name: 'Classroom', exact: true }).click();
  await teacher.getByRole('button', { name: 'Start a class', exact: true }).click();
  const code = ((await teacher.getByTestId('class-code').textContent()) ?? '').trim();
  const panel = teacher.getByRole('region', { name: teachEn.region.replace('{code}', code) });
  await panel.waitFor();

  const phoneContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    deviceScaleFactor: 2,
  });
  const phone = await phoneContext.newPage();
  await phone.goto(`${server.url}/?join=${code}`);
  await phone.getByRole('textbox', { name: classroomZh.nickname, exact: true }).fill('小明');
  await phone.getByRole('button', { name: classroomZh.join, exact: true }).click();
  await until(async () => (await phone.getByText(classroomZh.live).count()) > 0, 'the phone to be live');

  // Six more students by the API, as other phones would.
  const names = ['Alice', 'Bob', '李华', 'Chen', 'Dana', '王芳'];
  const tokens: string[] = [];
  for (const nickname of names) {
    const joined = await api(`/api/classes/${code}/join`, { nickname });
    tokens.push(String(joined.studentToken));
  }

  // The room code, as the projector shows it while students join.
  await panel.getByRole('button', { name: teachEn.showForRoom, exact: true }).click();
  await shoot(teacher, `${out}/classroom-room-code-en.png`);
  await teacher.getByRole('button', { name: teachEn.backToPanel, exact: true }).click();

  await teacher.getByRole('button', { name: 'Go to start' }).click();
  for (let i = 0; i < 8; i++) await teacher.getByRole('button', { name: 'Step forward' }).click();
  await panel.getByRole('button', { name: teachEn.ask, exact: true }).click();
  const form = phone.getByRole('form', { name: '预测下一个报文段' });
  await form.waitFor();

  // The phone's answer, by hand from figure 6: B's SYN,ACK <SEQ=300><ACK=101>, no data.
  for (const flag of ['SYN', 'ACK']) await form.getByRole('button', { name: flag, exact: true }).click();
  await form.getByLabel('seq', { exact: true }).fill('300');
  await form.getByLabel('ack', { exact: true }).fill('101');
  await form.getByLabel('len', { exact: true }).fill('0');
  await shoot(phone, `${out}/classroom-student-question-zh-CN.png`);
  await form.getByRole('button', { name: classroomZh.sendAnswer, exact: true }).click();

  const poll = (await (await fetch(`${server.url}/api/classes/${code}/poll?after=0`)).json()) as {
    events: { type: string; data: { id?: number } }[];
  };
  const questionId = poll.events.filter((e) => e.type === 'question').at(-1)?.data.id;
  const answers = [
    { flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 },
    { flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 },
    { flags: ['SYN', 'ACK'], seq: 300, ack: 100, len: 0 },
    { flags: ['ACK'], seq: 101, ack: 301, len: 0 },
    { flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 },
    { flags: ['SYN'], seq: 300, ack: 0, len: 0 },
  ];
  for (const [i, answer] of answers.entries())
    await api(`/api/classes/${code}/answers`, { questionId, answer }, tokens[i]);
  const counted = panel.getByTestId('answered-count');
  await until(async () => (await counted.textContent()) === '7 of 7 answered', 'seven answers');
  await shoot(teacher, `${out}/classroom-teacher-live-en.png`);

  await panel.getByRole('button', { name: teachEn.reveal, exact: true }).click();
  await until(async () => (await phone.getByText(classroomZh.right).count()) > 0, 'the verdict');
  await shoot(teacher, `${out}/classroom-teacher-en.png`);
  await shoot(phone, `${out}/classroom-student-zh-CN.png`);
  console.log(`class ${code}: screenshots in ${out}`);
} finally {
  await browser.close();
  await server.stop();
  removeDataDir(dir);
}
