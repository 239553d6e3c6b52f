// `npm run sandbox` end to end: the real entry point in a child process, driven through piped stdin.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..');

function sandbox(
  db: string,
  script: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/sandbox/main.ts', '--db', db], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the sandbox did not exit within 30 s\n${stdout}\n${stderr}`));
    }, 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(`${script.join('\n')}\n`);
  });
}

test('given a piped practice script when the sandbox runs it then the real bot answers each step and it exits 0 at EOF', {
  timeout: 40_000,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { code, stdout, stderr } = await sandbox(join(dir, 'sandbox.sqlite'), [
    '/question id:dicom-basics',
    '2', // Show answer
    // The bot gives no points on a day the answer was shown first, so answer it "tomorrow".
    ':time +1d',
    '/question id:dicom-basics',
    ':press Answer', // the newest Answer button, which opens the form; the next line fills it
    'DICOM is the standard file format and network protocol for medical images, with patient, study, series and instance UIDs in tagged headers.',
    ':press Nailed it',
    '/stats',
  ]);

  assert.equal(code, 0, stderr);
  assert.equal(stderr, '', 'no warnings from the bot');
  assert.doesNotMatch(stdout, /\x1b\[/, 'no colour when stdout is not a terminal');
  assert.doesNotMatch(stdout, /^error:/m);
  assert.match(
    stdout,
    /── bot · reply to \/question\n {3}▌ What is DICOM\? Explain its significance in medical imaging\./,
  );
  assert.match(stdout, /\[1\] Answer {3}\[2\] Show answer/);
  assert.match(stdout, /Model answer: What is DICOM\?/);
  assert.match(stdout, /▌ Key points\n/);
  assert.match(stdout, /opened a form: Your answer \(dicom-basics\)/);
  assert.match(stdout, /Key points you covered: \d of 6/);
  assert.match(stdout, /Graded Nailed it: \+3 points\. Total 3 points, streak 1 day/);
  assert.match(stdout, /▌ Streak: 1 day \(longest 1\)/);
  assert.match(stdout, /▌ Points: 3 all time/);
  assert.match(stdout, /\[file\] practice\.png \(image\/png/);
  assert.match(stdout, /bye\n$/);
});

test('given mistakes and a form left open at EOF when the sandbox runs then each mistake is one error line and it still exits 0', {
  timeout: 40_000,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { code, stdout } = await sandbox(join(dir, 'sandbox.sqlite'), [
    '/nope',
    '/question colour:blue',
    ':press 7',
    '/as alice',
    '/daily status',
    '/question id:dicom-basics',
    ':press Answer',
  ]);
  assert.equal(code, 0);
  assert.match(stdout, /^error: unknown command "\/nope"/m);
  assert.match(stdout, /^error: \/question has no option "colour"/m);
  assert.match(stdout, /^error: there is no button \[7\]/m);
  assert.match(stdout, /You need the Manage Server permission/);
  assert.match(stdout, /form closed without sending\nbye\n$/);
});

test('given :dm when the sandbox runs a practice script there then it is personal practice, apart from the server', {
  timeout: 40_000,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { code, stdout, stderr } = await sandbox(join(dir, 'sandbox.sqlite'), [
    ':dm',
    '/question id:dicom-basics',
    ':press Answer',
    'DICOM is the standard file format and network protocol for medical images, with patient, study, series and instance UIDs in tagged headers.',
    ':press Partly',
    '/leaderboard',
    ':dm',
    '/stats',
  ]);

  assert.equal(code, 0, stderr);
  assert.match(stdout, /DM with the bot › /);
  assert.match(stdout, /Graded Partly: \+2 points\. Total 2 points, streak 1 day/);
  assert.match(stdout, /error: \/leaderboard is not offered in DMs/);
  assert.match(stdout, /#general › \/stats\n[^\n]*\n {3}You have no answers stored in this server yet/);
});

test('given a streak reminder set in the DM when sandbox days pass then the reminder DM is shown as it arrives', {
  timeout: 40_000,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const practise = [
    '/question id:dicom-basics',
    ':press Answer',
    'DICOM is the standard file format and network protocol for medical images, with patient, study, series and instance UIDs in tagged headers.',
  ];
  const { code, stdout, stderr } = await sandbox(join(dir, 'sandbox.sqlite'), [
    ':dm',
    // 00:00 in the personal timezone (UTC): due at any time of a day without practice.
    '/settings remind:00:00',
    ...practise,
    ':time +1d',
    ...practise,
    ':time +1d',
  ]);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /Streak reminder: (\*\*)?00:00(\*\*)? \(UTC\)/);
  assert.match(stdout, /── bot · sent you a DM\n {3}Your 2-day streak ends at midnight/);
});

test('given :elsewhere when the sandbox answers there then replies are private and count in the personal practice', {
  timeout: 40_000,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { code, stdout, stderr } = await sandbox(join(dir, 'sandbox.sqlite'), [
    ':elsewhere',
    '/question id:dicom-basics',
    ':press Answer',
    'DICOM is the standard file format and network protocol for medical images, with patient, study, series and instance UIDs in tagged headers.',
    ':press Partly',
    ':elsewhere',
    ':dm',
    '/stats',
  ]);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /#lounge \(Book club, no bot\) › /);
  assert.match(stdout, /── bot · reply to \/question · only you can see this/);
  assert.match(stdout, /Graded Partly: \+2 points/);
  assert.match(stdout, /▌ Points: 2 all time/);
});

test('given two members in the sandbox when one invites the other to a peer mock interview then it runs in a private thread with the rubric, the checklist menu and the feedback', {
  timeout: 40_000,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const { code, stdout, stderr } = await sandbox(join(dir, 'sandbox.sqlite'), [
    '/as bob',
    '/help',
    '/as alice',
    '/mock pair partner:@bob length:1',
    '/as bob',
    ':press Accept',
    ':press Rubric (interviewer)',
    ':press Key points the candidate covered',
    '1 3',
    ':press Score this answer',
    'Good structure; say why.',
    '/as alice',
    ':press My feedback (candidate)',
  ]);
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '', 'no warnings from the bot');
  assert.match(stdout, /bot opened a discussion thread "Mock interview"/);
  assert.match(stdout, /posted in #general › Mock interview/);
  assert.match(stdout, /you picked 1, 3 in \[\d+\] Key points the candidate covered/);
  assert.match(stdout, /2 of \d+ key points ticked/);
  assert.match(stdout, /@bob earned \+5 points for interviewing/);
  assert.match(stdout, /Your answer: 2 of \d+ key points/);
  assert.match(stdout, /Good structure; say why\./);
});

test('given :attach with a bank file when an admin imports it in the sandbox then the questions join the server and /question asks them', {
  timeout: 40_000,
}, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-e2e-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'ours.md');
  writeFileSync(
    file,
    [
      '## How do you check a segmentation model on our own scans?',
      '',
      '- id: `our-segmentation-check`',
      '- topics: segmentation',
      '- difficulty: medium',
      '',
      '### Key points',
      '- Compare with expert contours on a held-out set from our scanners',
      '- Report Dice and a boundary distance per structure',
      '- Look at the worst cases with the clinicians who use it',
      '',
      '### Answer',
      'Hold out recent scans from our own scanners, have experts contour them, and compare: Dice for overlap, HD95 or surface distance for boundaries, per structure. Then review the worst cases with the clinicians.',
      '',
    ].join('\n'),
  );
  const { code, stdout, stderr } = await sandbox(join(dir, 'sandbox.sqlite'), [
    `:attach ${file}`,
    '/bank import file:ours.md',
    '/question id:srv.our-segmentation-check',
  ]);
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '', 'no warnings from the bot');
  assert.match(stdout, /attached ours\.md/);
  assert.match(stdout, /Imported 1 question: 1 new, 0 updated/);
  assert.match(stdout, /How do you check a segmentation model on our own scans\?/);
});
