// User flows through the emulator, shared by the e2e suites.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Grade } from '../../src/core/types.ts';
import type { EmuResponse, EmuUser, InteractionHandle } from '../../tools/emulator/index.ts';
import type { Harness } from './build.ts';

export const GOOD_ANSWER =
  'DICOM is the standard file format and network protocol for medical images with metadata. It organises data by patient, study, series and instance with UIDs, and tags hold the header fields.';

const GRADE_LABEL: Record<Grade, string> = { nailed: 'Nailed it', partly: 'Partly', missed: 'Missed it' };

export function buttonId(response: EmuResponse, label: string): string {
  const rows = (response.data?.components ?? []) as { components: { custom_id: string; label: string }[] }[];
  const button = rows.flatMap((row) => row.components).find((c) => c.label === label);
  assert.ok(button, `a ${label} button`);
  return button.custom_id;
}

/**
 * The responses of an interaction once its real answer arrived: a deferral (5, 6) alone is not an
 * answer, and under load the edit that follows it can come later than settled()'s idle window.
 */
export async function finalResponses(ix: InteractionHandle, timeoutMs = 15_000): Promise<EmuResponse[]> {
  await ix.waitFor(
    (r) => !(r.kind === 'callback' && (r.callbackType === 5 || r.callbackType === 6)),
    timeoutMs,
  );
  return ix.settled();
}

/** Where a flow runs: the test server (default), the user's DM with the bot, or another server. */
export interface Place {
  dm?: boolean;
  guildId?: string;
}

/** /question id:..., press Answer, submit text; returns every response of the submit. */
export async function answer(
  h: Harness,
  user: EmuUser,
  questionId: string,
  text = GOOD_ANSWER,
  place: Place = {},
) {
  const posted = await h.emu
    .slash({ user, name: 'question', options: { id: questionId }, ...place })
    .firstResponse();
  const modal = await h.emu
    .click({ user, message: posted.message!, customId: `answer:${questionId}` })
    .firstResponse();
  assert.equal(modal.callbackType, 9, 'Answer opens a modal');
  const responses = await finalResponses(
    h.emu.submitModal({ user, customId: modal.data.custom_id, fields: { text }, message: posted.message! }),
  );
  return { responses, final: responses.at(-1)! };
}

/** Answers and grades one question; returns the grade's final message. */
export async function answerAndGrade(
  h: Harness,
  user: EmuUser,
  questionId: string,
  grade: Grade,
  place: Place = {},
) {
  const { final } = await answer(h, user, questionId, GOOD_ANSWER, place);
  const graded = await finalResponses(
    h.emu.click({ user, message: final.message!, customId: buttonId(final, GRADE_LABEL[grade]) }),
  );
  return graded.at(-1)!;
}

/**
 * Accepted POSTs of messages to a channel. The emulator merges repeated sends with one nonce into
 * one message, so "exactly once" is judged by sends, not by the messages it holds.
 */
export function channelSends(h: Harness, channelId: string): number {
  return h.emu.requests.filter(
    (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages` && r.status < 300,
  ).length;
}

/** A temporary folder removed when the test ends. */
export function tempDir(t: { after: (fn: () => void) => void }, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
