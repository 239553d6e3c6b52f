// A server's own questions next to the shared bank: added, imported, edited, removed and exported by
// its editors, suggested by its members. Each server's set is loaded once into memory (its shard's
// process serves it) and changed there under the server's lock, so the merged bank a command sees
// is a plain synchronous lookup.

import { serverQuestionId, slugOf } from '../core/bank.ts';
import { UserError } from '../core/errors.ts';
import type { ServerQuestionRecord, StoredQuestion, SuggestionRecord } from '../core/model.ts';
import type { FormProblem, LineProblem, QuestionForm, QuestionRules } from '../core/question-form.ts';
import { isPersonalScope } from '../core/scope.ts';
import type { Bank, Question } from '../core/types.ts';
import type { Staged, Store } from '../store/ports.ts';
import type { Clock } from './clock.ts';
import { newId } from './ids.ts';

/** The most questions one server may keep (an import of 1,000 fits, with room to grow). */
export const MAX_SERVER_QUESTIONS = 2000;

/** A form that does not make a valid question: its problems, per field. */
export class FormError extends UserError {
  constructor(readonly problems: FormProblem[]) {
    super(problems.map((p) => p.message).join('; '));
    this.name = 'FormError';
  }
}

/** An import that does not make a valid bank file: its problems, `line: message`. */
export class ImportError extends UserError {
  constructor(readonly problems: LineProblem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the file`);
    this.name = 'ImportError';
  }
}

interface Loaded {
  records: Map<string, ServerQuestionRecord>;
  /** Active questions (asked), then every one by id (removed ones too, for what exists). */
  active: Question[];
  byId: Map<string, Question>;
  merged?: { shared: Bank; bank: Bank };
}

export class ServerBankService {
  private readonly loaded = new Map<string, Promise<Loaded>>();
  private readonly ready = new Map<string, Loaded>();
  /** What a member last typed in a refused form, to reopen it filled in ("Fix and send again"). */
  private readonly drafts = new Map<string, QuestionForm>();

  rememberDraft(key: string, form: QuestionForm): void {
    this.drafts.delete(key);
    this.drafts.set(key, form);
    // Bounded: the oldest draft goes first.
    if (this.drafts.size > 1000) this.drafts.delete(this.drafts.keys().next().value as string);
  }

  draft(key: string): QuestionForm | undefined {
    return this.drafts.get(key);
  }

  constructor(
    private readonly store: Store,
    private readonly deps: { shared: () => Bank; clock: Clock; rules: QuestionRules },
  ) {}

  /** Loads a server's questions once (a failed read is retried on the next call). */
  async ensure(scopeId: string): Promise<void> {
    if (isPersonalScope(scopeId) || this.ready.has(scopeId)) return;
    let loading = this.loaded.get(scopeId);
    if (!loading) {
      loading = this.store.serverQuestions.listGuild(scopeId).then((records) => {
        const loaded = this.build(new Map(records.map((r) => [r.slug, r])));
        this.ready.set(scopeId, loaded);
        return loaded;
      });
      loading.catch(() => this.loaded.delete(scopeId));
      this.loaded.set(scopeId, loading);
    }
    await loading;
  }

  /** The bank a scope sees: the shared bank, plus the server's own questions once loaded. */
  bankFor(scopeId: string | undefined): Bank {
    const shared = this.deps.shared();
    const loaded = scopeId ? this.ready.get(scopeId) : undefined;
    if (!loaded || loaded.byId.size === 0) return shared;
    if (loaded.merged?.shared !== shared) {
      const byId = new Map(shared.byId);
      const retired = new Map(shared.retired ?? []);
      const active = new Set(loaded.active);
      for (const [id, q] of loaded.byId) {
        if (active.has(q)) byId.set(id, q);
        else retired.set(id, q);
      }
      loaded.merged = {
        shared,
        bank: { questions: [...shared.questions, ...loaded.active], byId, topics: shared.topics, retired },
      };
    }
    return loaded.merged.bank;
  }

  /** The server's own questions that are asked (not removed). */
  async list(guildId: string): Promise<readonly Question[]> {
    await this.ensure(guildId);
    return this.ready.get(guildId)?.active ?? [];
  }

  async add(guildId: string, authorId: string, form: QuestionForm, suggestedBy?: string): Promise<Question> {
    return this.change(guildId, async (loaded) => {
      const slug = uniqueSlug(this.deps.rules.slugFromTitle(form.title), loaded.records);
      const question = this.validForm(form, slug);
      this.assertRoom(loaded, 1);
      const record = this.record(guildId, slug, question, authorId, undefined, suggestedBy);
      return { writes: [record], result: record };
    }).then((r) => this.questionOf(r));
  }

  async edit(guildId: string, id: string, form: QuestionForm): Promise<Question> {
    return this.change(guildId, async (loaded) => {
      const current = this.activeRecord(loaded, id);
      const question = this.validForm(form, current.slug);
      const record = this.record(
        guildId,
        current.slug,
        question,
        current.authorId,
        current,
        current.suggestedBy,
      );
      return { writes: [record], result: record };
    }).then((r) => this.questionOf(r));
  }

  /** Takes the question out of rotation; members' answers to it keep showing it. */
  async remove(guildId: string, id: string): Promise<Question> {
    return this.change(guildId, async (loaded) => {
      const current = this.activeRecord(loaded, id);
      const now = this.deps.clock.now().toISOString();
      const record = { ...current, removedAt: now, updatedAt: now };
      return { writes: [record], result: record };
    }).then((r) => this.questionOf(r));
  }

  /**
   * A bank file's questions, all or nothing: new slugs are added, known ones updated (a removed one
   * comes back). One commit.
   */
  async importFile(
    guildId: string,
    authorId: string,
    text: string,
  ): Promise<{ added: number; updated: number }> {
    const { questions, problems } = this.deps.rules.validateImport(text, this.deps.shared().topics);
    if (!questions) throw new ImportError(problems);
    return this.change(guildId, async (loaded) => {
      const added = questions.filter((q) => !loaded.records.has(q.id)).length;
      this.assertRoom(loaded, added);
      const writes = questions.map((q) => {
        const current = loaded.records.get(q.id);
        const record = this.record(
          guildId,
          q.id,
          q,
          current?.authorId ?? authorId,
          current,
          current?.suggestedBy,
        );
        return { ...record, removedAt: undefined };
      });
      return { writes, result: { added, updated: questions.length - added } };
    });
  }

  /** The server's asked questions as one bank file (`bank:check` accepts it). */
  async exportFile(guildId: string, serverName: string): Promise<{ markdown: string; count: number }> {
    const questions = await this.list(guildId);
    return {
      markdown: this.deps.rules.bankFile(`Questions of ${serverName}`, questions),
      count: questions.length,
    };
  }

  async formFor(guildId: string, id: string): Promise<QuestionForm> {
    await this.ensure(guildId);
    const loaded = this.ready.get(guildId);
    if (!loaded) throw new UserError(unknownQuestion(id));
    return this.deps.rules.formOf(this.questionOf(this.activeRecord(loaded, id)));
  }

  // --- suggestions ----------------------------------------------------------------------------

  /** A member's proposal, validated like a question, waiting for an editor. */
  async suggest(guildId: string, authorId: string, form: QuestionForm): Promise<SuggestionRecord> {
    const question = this.validForm(form, this.deps.rules.slugFromTitle(form.title));
    const now = this.deps.clock.now();
    const pending = (await this.store.suggestions.listGuild(guildId)).filter(
      (s) => s.state === 'pending' && s.authorId === authorId,
    );
    if (pending.length >= MAX_PENDING_PER_MEMBER) {
      throw new UserError(
        `You have ${pending.length} suggestions waiting for the editors, the most at once. Thank you: suggest more once they are reviewed.`,
      );
    }
    const suggestion: SuggestionRecord = {
      v: 1,
      id: newId(now),
      guildId,
      authorId,
      question: stored(question),
      at: now.toISOString(),
      state: 'pending',
    };
    await this.store.suggestions.set([guildId, suggestion.id], suggestion);
    return suggestion;
  }

  /** Pending suggestions, oldest first. */
  async queue(guildId: string): Promise<SuggestionRecord[]> {
    return (await this.store.suggestions.listGuild(guildId)).filter((s) => s.state === 'pending');
  }

  /** Approves a pending suggestion: it becomes a server question crediting its author. */
  async approve(
    guildId: string,
    editorId: string,
    suggestionId: string,
  ): Promise<{ question: Question; suggestion: SuggestionRecord }> {
    return this.change(guildId, async (loaded) => {
      const suggestion = await this.pending(guildId, suggestionId);
      const draft = this.questionFromStored(suggestion.question, 'draft');
      const slug = uniqueSlug(this.deps.rules.slugFromTitle(draft.title), loaded.records);
      this.assertRoom(loaded, 1);
      const record = this.record(guildId, slug, draft, editorId, undefined, suggestion.authorId);
      const now = this.deps.clock.now().toISOString();
      const reviewed: SuggestionRecord = {
        ...suggestion,
        state: 'approved',
        reviewedBy: editorId,
        reviewedAt: now,
        questionId: serverQuestionId(slug),
      };
      return {
        writes: [record],
        also: [this.store.suggestions.stage([guildId, suggestion.id], reviewed)],
        result: { record, reviewed },
      };
    }).then(({ record, reviewed }) => ({ question: this.questionOf(record), suggestion: reviewed }));
  }

  async reject(guildId: string, editorId: string, suggestionId: string): Promise<SuggestionRecord> {
    return this.store.suggestions.update([guildId, suggestionId], (current) => {
      if (current?.state !== 'pending') throw new UserError(ALREADY_REVIEWED);
      const reviewed: SuggestionRecord = {
        ...current,
        state: 'rejected',
        reviewedBy: editorId,
        reviewedAt: this.deps.clock.now().toISOString(),
      };
      return { next: reviewed, result: reviewed };
    });
  }

  /**
   * /forget-me: the member's suggestions go; questions approved from them stay (the server's now)
   * without the credit. Returns staged writes for the member's one commit.
   */
  async stageForget(guildId: string, userId: string): Promise<Staged[]> {
    if (isPersonalScope(guildId)) return [];
    const suggestions = (await this.store.suggestions.listGuild(guildId)).filter(
      (s) => s.authorId === userId,
    );
    const writes: Staged[] = suggestions.map((s) => this.store.suggestions.stageDelete([guildId, s.id]));
    await this.store.serverQuestions.locked([guildId, LOCK_KEY], async () => {
      await this.ensure(guildId);
      const loaded = this.ready.get(guildId) as Loaded;
      const credited = [...loaded.records.values()].filter((r) => r.suggestedBy === userId);
      if (credited.length === 0) return;
      // Dropped from memory at once (under the server's lock): if the commit fails the member
      // retries, and until then no edit can write the credit back.
      const records = new Map(loaded.records);
      for (const r of credited) {
        const { suggestedBy: _, ...rest } = r;
        records.set(r.slug, rest);
        writes.push(this.store.serverQuestions.stage([guildId, r.slug], rest));
      }
      this.ready.set(guildId, this.build(records));
    });
    return writes;
  }

  // ---------------------------------------------------------------------------------------------

  private async pending(guildId: string, id: string): Promise<SuggestionRecord> {
    const s = await this.store.suggestions.get(guildId, id);
    if (s?.state !== 'pending') throw new UserError(ALREADY_REVIEWED);
    return s;
  }

  /** Runs a change of the server's questions under its lock; the in-memory set follows the commit. */
  private async change<R>(
    guildId: string,
    fn: (loaded: Loaded) => Promise<{ writes: ServerQuestionRecord[]; also?: Staged[]; result: R }>,
  ): Promise<R> {
    if (isPersonalScope(guildId)) {
      throw new UserError('Server questions belong to a server that has added the bot.');
    }
    return this.store.serverQuestions.locked([guildId, LOCK_KEY], async () => {
      await this.ensure(guildId);
      const loaded = this.ready.get(guildId) as Loaded;
      const { writes, also = [], result } = await fn(loaded);
      await this.store.commit([
        ...writes.map((r) => this.store.serverQuestions.stage([guildId, r.slug], r)),
        ...also,
      ]);
      const records = new Map(loaded.records);
      for (const r of writes) records.set(r.slug, r);
      this.ready.set(guildId, this.build(records));
      return result;
    });
  }

  private build(records: Map<string, ServerQuestionRecord>): Loaded {
    const byId = new Map<string, Question>();
    const active: Question[] = [];
    const names = this.topicNames();
    for (const r of [...records.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
      const q = this.questionOf(r, names);
      byId.set(q.id, q);
      if (r.removedAt === undefined) active.push(q);
    }
    return { records, active, byId };
  }

  private topicNames(): Map<string, string> {
    return new Map(this.deps.shared().topics.map((t) => [t.slug, t.name]));
  }

  private questionOf(r: ServerQuestionRecord, names = this.topicNames()): Question {
    return {
      ...r.question,
      id: serverQuestionId(r.slug),
      topicNames: r.question.topics.map((t) => names.get(t) ?? t),
      ...(r.suggestedBy ? { suggestedBy: r.suggestedBy } : {}),
      source: { file: `server ${r.guildId}`, line: 1 },
    };
  }

  private questionFromStored(q: StoredQuestion, slug: string): Question {
    return { ...q, id: slug, source: { file: 'suggestion', line: 1 } };
  }

  private validForm(form: QuestionForm, slug: string): Question {
    const { question, problems } = this.deps.rules.validateForm(form, slug, this.deps.shared().topics);
    if (!question) throw new FormError(problems);
    return question;
  }

  private activeRecord(loaded: Loaded, id: string): ServerQuestionRecord {
    const record = loaded.records.get(slugOf(id.trim()));
    if (!record || record.removedAt !== undefined) throw new UserError(unknownQuestion(id));
    return record;
  }

  private assertRoom(loaded: Loaded, adding: number): void {
    const active = loaded.active.length;
    if (active + adding > MAX_SERVER_QUESTIONS) {
      throw new UserError(
        `This server has ${active} questions; ${adding} more would pass the limit of ${MAX_SERVER_QUESTIONS}. Remove some first.`,
      );
    }
  }

  private record(
    guildId: string,
    slug: string,
    question: Question,
    authorId: string,
    current: ServerQuestionRecord | undefined,
    suggestedBy: string | undefined,
  ): ServerQuestionRecord {
    const now = this.deps.clock.now().toISOString();
    return {
      v: 1,
      slug,
      guildId,
      question: stored(question),
      authorId,
      ...(suggestedBy ? { suggestedBy } : {}),
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
  }
}

const LOCK_KEY = '~lock';
const MAX_PENDING_PER_MEMBER = 5;
const ALREADY_REVIEWED = 'That suggestion has already been reviewed (or was withdrawn).';

function unknownQuestion(id: string): string {
  return `This server has no question \`${id.slice(0, 70)}\`. Start typing in the \`id\` option to search its questions.`;
}

function uniqueSlug(base: string, taken: ReadonlyMap<string, unknown>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const slug = `${base.slice(0, 56)}-${i}`;
    if (!taken.has(slug)) return slug;
  }
}

function stored(q: Question): StoredQuestion {
  return {
    title: q.title,
    topics: [...q.topics],
    difficulty: q.difficulty,
    kind: q.kind,
    keyPoints: q.keyPoints.map((k) => ({
      text: k.text,
      synonyms: [...k.synonyms],
      ...(k.needs ? { needs: k.needs.map((g) => [...g]) } : {}),
      ...(k.stage ? { stage: k.stage } : {}),
    })),
    answer: q.answer,
    ...(q.followUps ? { followUps: [...q.followUps] } : {}),
    ...(q.redFlags ? { redFlags: [...q.redFlags] } : {}),
  };
}
