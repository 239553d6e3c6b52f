import {
  clearLine,
  createInterface,
  cursorTo,
  type Interface,
  type AsyncCompleter as ReadlineCompleter,
} from 'node:readline';

/** Lines queued as they arrive, so input typed (or piped) during an interaction waits its turn. */
class LineQueue {
  private readonly lines: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;
  private ended = false;

  constructor(rl: Interface) {
    rl.on('line', (line) => {
      const w = this.waiting;
      this.waiting = undefined;
      if (w) w(line);
      else this.lines.push(line);
    });
    rl.on('close', () => {
      this.ended = true;
      this.waiting?.(undefined);
      this.waiting = undefined;
    });
  }

  next(): Promise<string | undefined> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }
}

export type AsyncCompleter = (line: string) => Promise<[string[], string]>;

/**
 * The prompt, for a person (readline editing, history, Tab) or a pipe (no editing; each line read
 * is echoed after its prompt, so the output reads like a transcript).
 */
export class Terminal {
  private readonly rl: Interface;
  private readonly queue: LineQueue;
  private promptShowing = false;

  constructor(
    private readonly output: NodeJS.WritableStream,
    input: NodeJS.ReadableStream,
    private readonly interactive: boolean,
    complete?: AsyncCompleter,
  ) {
    const completer: ReadlineCompleter | undefined = complete
      ? (line, cb) => {
          complete(line).then(
            (r) => cb(null, r),
            () => cb(null, [[], line]),
          );
        }
      : undefined;
    this.rl = createInterface({
      input,
      output,
      terminal: interactive,
      ...(interactive && completer ? { completer } : {}),
    });
    this.queue = new LineQueue(this.rl);
    // Ctrl+C leaves like Ctrl+D: the session shuts the bot down cleanly.
    this.rl.on('SIGINT', () => this.rl.close());
  }

  /** The next line, or undefined once input ended. */
  async ask(prompt: string): Promise<string | undefined> {
    if (this.interactive) {
      this.rl.setPrompt(prompt);
      this.rl.prompt();
      this.promptShowing = true;
    }
    const line = await this.queue.next();
    this.promptShowing = false;
    if (!this.interactive && line !== undefined) this.output.write(`${prompt}${line}\n`);
    if (this.interactive && line === undefined) this.output.write('\n');
    return line;
  }

  /** Safe while the prompt is showing: async posts (cron, sweeps) must not garble what is being typed. */
  print(lines: string[]): void {
    const redraw = this.interactive && this.promptShowing;
    if (redraw) {
      clearLine(this.output, 0);
      cursorTo(this.output, 0);
    }
    this.output.write(`${lines.join('\n')}\n`);
    if (redraw) this.rl.prompt(true);
  }

  close(): void {
    this.rl.close();
  }
}
