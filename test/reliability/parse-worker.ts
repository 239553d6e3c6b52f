// Runs the bank parser for bad-input.test.ts in a worker thread, so a case that hangs can be
// stopped (terminate()) and reported instead of freezing the whole test run.
import { parentPort, Worker } from 'node:worker_threads';
import { formatProblem, loadBank, validateQuestions } from '../../src/bank/load.ts';
import { parseBankFile } from '../../src/bank/parse.ts';
import { BANK_TOPICS } from '../helpers/topics.ts';

export type ParseRequest = { kind: 'text'; file: string; text: string } | { kind: 'dir'; dir: string };

export interface ReportedProblem {
  file: string;
  line: number;
  message: string;
  formatted: string;
}

export type ParseReply =
  | { ok: true; ms: number; ids: string[]; problems: ReportedProblem[] }
  | { ok: false; ms: number; error: string };

async function run(req: ParseRequest): Promise<ParseReply> {
  const started = performance.now();
  try {
    let ids: string[] = [];
    let problems: { file: string; line: number; message: string }[];
    if (req.kind === 'dir') {
      const result = await loadBank(req.dir);
      problems = result.problems;
      ids = result.bank?.questions.map((q) => q.id) ?? [];
    } else {
      // What loadBank does for one file: structure first, then every field.
      const parsed = parseBankFile(req.file, req.text);
      const validated = validateQuestions(parsed.questions, BANK_TOPICS);
      problems = [...parsed.problems, ...validated.problems];
      if (problems.length === 0) ids = validated.bank?.questions.map((q) => q.id) ?? [];
    }
    return {
      ok: true,
      ms: performance.now() - started,
      ids,
      problems: problems.map((p) => ({ ...p, formatted: formatProblem(p) })),
    };
  } catch (err) {
    return { ok: false, ms: performance.now() - started, error: String((err as Error)?.stack ?? err) };
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (req: ParseRequest) => {
    void run(req).then((reply) => port.postMessage(reply));
  });
  port.postMessage('ready');
}

export class TimeBoxedParser {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;

  private start(): Promise<void> {
    const api = import.meta.resolve('tsx/esm/api');
    const self = import.meta.url;
    // Workers do not inherit `--import tsx` on Node 20: register it, then load this module.
    const worker = new Worker(
      `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(self)}); })`,
      { eval: true },
    );
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    return this.ready;
  }

  /** The parser's verdict, or 'timeout' after `ms` (the worker is then replaced). */
  async parse(req: ParseRequest, ms: number): Promise<ParseReply | 'timeout'> {
    if (!this.worker) await this.start();
    await this.ready;
    const worker = this.worker!;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        this.worker = undefined;
        void worker.terminate();
        resolve('timeout');
      }, ms);
      const onMessage = (reply: ParseReply) => {
        clearTimeout(timer);
        worker.off('error', onError);
        resolve(reply);
      };
      const onError = (err: Error) => {
        clearTimeout(timer);
        this.worker = undefined;
        reject(err);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(req);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
