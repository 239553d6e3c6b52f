// `npm run bank:reports [-- <QUESTIONS_DIR>]`: members' problem reports on the shared bank, from the
// store named by DATABASE_URL (environment or .env, as for npm start), one `file:line: …` item per
// report so a maintainer's editor jumps to the question. Newest first.
import dotenv from 'dotenv';
import { ReportService } from './app/reports.ts';
import { formatProblem, loadBank } from './bank/load.ts';
import { parseConfig } from './config.ts';
import { questionVersion } from './core/bank.ts';
import { openStore } from './store/open.ts';
import { redactUrl } from './store/postgres-pool.ts';
import { createStore } from './store/store.ts';

async function main(argv: readonly string[]): Promise<number> {
  dotenv.config({ quiet: true });
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    return 1;
  }
  const dir = argv[0] ?? parsed.config.questionsDir;
  const { bank } = await loadBank(dir);
  const kv = await openStore(parsed.config.databaseUrl, { poolSize: 2 }).catch((err: Error) => {
    throw new Error(`DATABASE_URL=${redactUrl(parsed.config.databaseUrl)}: ${err.message}`);
  });
  try {
    const reports = await new ReportService(createStore(kv), { clock: { now: () => new Date() } }).all();
    for (const r of reports) {
      const now = bank?.byId.get(r.questionId);
      const source = now?.source ?? r.source ?? { file: dir, line: 1 };
      const state = !now
        ? 'no longer in the bank'
        : questionVersion(now) === r.bankVersion
          ? 'unchanged since'
          : 'changed since';
      const text = r.text.replace(/\s+/g, ' ');
      process.stdout.write(
        `${formatProblem({ file: source.file, line: source.line, message: `[${r.questionId}] ${text} (reported ${r.at}; ${state})` })}\n`,
      );
    }
    process.stderr.write(`${reports.length} report${reports.length === 1 ? '' : 's'}\n`);
    return 0;
  } finally {
    await kv.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
