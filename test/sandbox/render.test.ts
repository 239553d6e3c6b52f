import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { questionMessage } from '../../src/discord/views/question.ts';
import type { EmuMessage } from '../../tools/emulator/types.ts';
import {
  formatDuration,
  inline,
  type RenderOptions,
  relativeTime,
  renderMessage,
} from '../../tools/sandbox/render.ts';
import { realBank } from '../helpers/build.ts';

const NOW = new Date('2026-03-02T12:00:00Z');
const names = {
  channel: (id: string) => ({ '100000000000000011': 'daily' })[id],
  role: (id: string) => ({ '100000000000000020': 'Study group' })[id],
  user: (id: string) => ({ '200000000000000001': 'alice' })[id],
};
const plain: RenderOptions = { colour: false, now: NOW, names, firstButton: 1, timeZone: 'UTC' };
const ANSI = /\x1b\[/;

function message(extra: Partial<EmuMessage>): EmuMessage {
  return {
    id: '1',
    channel_id: '100000000000000010',
    author: { id: '3', username: 'bot', discriminator: '0', global_name: null, avatar: null, bot: true },
    content: '',
    embeds: [],
    components: [],
    flags: 0,
    attachments: [],
    type: 0,
    timestamp: NOW.toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    ...extra,
  };
}

/** The bot's real question message, as discord.js serialises it. */
async function questionPost(): Promise<EmuMessage> {
  const q = (await realBank()).byId.get('dicom-basics')!;
  const payload = questionMessage(q);
  // through JSON, as the emulator receives it
  const wire = JSON.parse(JSON.stringify({ embeds: payload.embeds, components: payload.components }));
  return message(wire);
}

describe('renderMessage', () => {
  it('given the question message when rendered without colour then title, description, footer and numbered buttons show', async () => {
    const out = renderMessage(
      await questionPost(),
      { what: 'reply to /question', ephemeral: false },
      { ...plain, firstButton: 5 },
    );
    const text = out.lines.join('\n');
    assert.match(out.lines[0]!, /^── bot · reply to \/question$/);
    assert.match(text, /What is DICOM\?/);
    assert.match(text, /press Answer to write yours/, 'bold markers are dropped');
    assert.doesNotMatch(text, /\*\*/);
    assert.match(text, /id: dicom-basics/);
    assert.match(text, /\[5\] Answer {3}\[6\] Show answer {3}\[7\] Report a problem/);
    assert.deepEqual(
      out.buttons.map((b) => [b.n, b.customId, b.label]),
      [
        [5, 'answer:dicom-basics', 'Answer'],
        [6, 'show:dicom-basics', 'Show answer'],
        [7, 'report:dicom-basics', 'Report a problem'],
      ],
    );
    assert.doesNotMatch(text, ANSI);
  });

  it('given colour on when rendered then the same text carries ANSI styles', async () => {
    const out = renderMessage(
      await questionPost(),
      { what: 'x', ephemeral: false },
      { ...plain, colour: true },
    );
    const text = out.lines.join('\n');
    assert.match(text, ANSI);
    assert.equal(
      text.replace(/\x1b\[[\d;]*m/g, ''),
      renderMessage(await questionPost(), { what: 'x', ephemeral: false }, plain).lines.join('\n'),
    );
  });

  it('given an ephemeral update with unchanged embeds when rendered then it is marked and the embeds are not repeated', async () => {
    const before = await questionPost();
    const after = { ...before, content: 'Graded **Nailed it**: +3 points.', components: [] };
    const out = renderMessage(
      after,
      { what: 'reply to Nailed it', ephemeral: true, updated: true },
      { ...plain, previous: before },
    );
    assert.deepEqual(out.lines, [
      '── bot · reply to Nailed it · only you can see this · updated',
      '   Graded Nailed it: +3 points.',
      '   (embed as above)',
    ]);
  });

  it('given fields, an image, an attachment, a link and a disabled button when rendered then each is listed', () => {
    const out = renderMessage(
      message({
        embeds: [
          {
            title: 'Stats for alice',
            fields: [
              { name: 'Streak', value: '2 days (longest 2)', inline: true },
              { name: 'Mastery', value: 'DICOM: **good**\nMRI: weak' },
            ],
            image: { url: 'attachment://practice.png' },
            footer: { text: 'Days are counted in UTC.' },
          },
        ],
        attachments: [
          {
            id: '9',
            filename: 'practice.png',
            size: 2048,
            content_type: 'image/png',
            url: 'http://x/practice.png',
            proxy_url: '',
          },
        ],
        components: [
          {
            type: 1,
            components: [
              { type: 2, style: 2, custom_id: 'lb:prev', label: 'Previous', disabled: true },
              { type: 2, style: 5, url: 'https://example.org', label: 'Docs' },
            ],
          },
        ],
      }),
      { what: 'reply to /stats', ephemeral: true },
      plain,
    );
    const text = out.lines.join('\n');
    assert.match(text, /── bot · reply to \/stats · only you can see this/);
    assert.match(text, /▌ Streak: 2 days \(longest 2\)/);
    assert.match(text, /▌ Mastery\n.*▌ {3}DICOM: good\n.*▌ {3}MRI: weak/);
    assert.match(text, /\[image\] practice\.png/);
    assert.match(text, /\[file\] practice\.png \(image\/png, 2\.0 kB\) http:\/\/x\/practice\.png/);
    assert.match(text, /\[1\] Previous \(disabled\) {3}\[link\] Docs https:\/\/example\.org/);
    assert.equal(out.buttons.length, 1, 'link buttons cannot be pressed, so they get no number');
  });

  it('given an empty message when rendered then it says so', () => {
    assert.deepEqual(renderMessage(message({}), { what: 'x', ephemeral: false }, plain).lines.slice(1), [
      '   (empty message)',
    ]);
  });
});

describe('inline', () => {
  it('given mentions, timestamps and markdown when rendered then names and readable times appear', () => {
    const at = Math.floor(NOW.getTime() / 1000) + 3 * 86_400;
    assert.equal(
      inline(
        `<@&100000000000000020> in <#100000000000000011> for <@200000000000000001> **now** \`id\` next <t:${at}:R>`,
        plain,
      ),
      '@Study group in #daily for @alice now `id` next in 3 days',
    );
    assert.equal(inline(`<t:${at}:f>`, plain), 'Thu, 5 Mar 2026, 12:00 UTC');
    assert.equal(inline('<#999999999999999999> \\*not bold\\*', plain), '#999999999999999999 *not bold*');
  });
});

describe('time texts', () => {
  it('given times around now when described then they read like Discord relative times', () => {
    assert.equal(relativeTime(new Date(NOW.getTime() + 10 * 60_000), NOW), 'in 10 minutes');
    assert.equal(relativeTime(new Date(NOW.getTime() - 86_400_000), NOW), '1 day ago');
    assert.equal(relativeTime(NOW, NOW), 'in less than a minute');
    assert.equal(formatDuration(90_000_000), '1d 1h');
    assert.equal(formatDuration(5_400_000), '1h 30m');
  });
});
