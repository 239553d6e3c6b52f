// The second pass of `npm test`: the end-to-end practice, daily, anywhere, reminder, mock, peer-mock and server-bank suites and the crash suite again, on a real
// PostgreSQL (TEST_STORE=postgres, see test/helpers/postgres.ts). Skipped with a note where
// PostgreSQL is not installed, except in CI, which installs it.
import { spawn } from 'node:child_process';
import { postgresUnavailable } from './helpers/postgres.ts';

const FILES = [
  'test/e2e/practice.test.ts',
  'test/e2e/daily.test.ts',
  'test/e2e/concurrency.test.ts',
  'test/e2e/anywhere.test.ts',
  'test/e2e/reminders.test.ts',
  'test/e2e/mock.test.ts',
  'test/e2e/peer-mock.test.ts',
  'test/e2e/server-bank.test.ts',
  'test/reliability/crash.test.ts',
];

const unavailable = postgresUnavailable();
if (unavailable) {
  process.stdout.write(`# PostgreSQL pass skipped: ${unavailable}\n`);
} else {
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...FILES], {
    stdio: 'inherit',
    env: { ...process.env, TEST_STORE: 'postgres' },
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
