/**
 * A child process whose output lines can be awaited, with a bounded run
 * time: what the demo and the tests use to drive apps and DPDK's C apps.
 */

/** How a {@link Proc} is started. */
export interface ProcOptions {
  /** Killed with SIGKILL after this long (default 30 s). */
  timeoutMs?: number;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Working directory. */
  cwd?: string;
  /** Called with each output line as it arrives. */
  onLine?: (line: string) => void;
}

/** A running process whose stdout and stderr lines can be awaited. */
export class Proc {
  readonly child: Deno.ChildProcess;
  readonly lines: string[] = [];
  readonly name: string;
  #waiters: { re: RegExp; from: number; resolve: (l: string) => void }[] = [];
  #stdin: WritableStreamDefaultWriter<Uint8Array> | undefined;
  #status: Promise<Deno.CommandStatus>;
  #timer: ReturnType<typeof setTimeout>;
  #exited = false;
  #onLine: ((line: string) => void) | undefined;

  constructor(
    name: string,
    cmd: string,
    args: string[],
    options: ProcOptions = {},
  ) {
    this.name = name;
    this.#onLine = options.onLine;
    this.child = new Deno.Command(cmd, {
      args,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      env: options.env,
      cwd: options.cwd,
    }).spawn();
    this.#stdin = this.child.stdin.getWriter();
    const pump = async (stream: ReadableStream<Uint8Array>) => {
      const lines = stream.pipeThrough(new TextDecoderStream()).pipeThrough(splitLines());
      for await (const line of lines) this.#push(line);
    };
    const pumped = Promise.all([pump(this.child.stdout), pump(this.child.stderr)]);
    this.#timer = setTimeout(() => {
      this.#push(`[test] ${name} killed after ${options.timeoutMs ?? 30000} ms`);
      this.kill("SIGKILL");
    }, options.timeoutMs ?? 30000);
    this.#status = this.child.status.then(async (s) => {
      this.#exited = true;
      clearTimeout(this.#timer);
      await pumped;
      return s;
    });
  }

  #push(line: string): void {
    this.lines.push(line.replace(/\r$/, ""));
    this.#onLine?.(this.lines[this.lines.length - 1]);
    const i = this.lines.length - 1;
    this.#waiters = this.#waiters.filter((w) => {
      if (i >= w.from && w.re.test(this.lines[i])) {
        w.resolve(this.lines[i]);
        return false;
      }
      return true;
    });
  }

  /** Resolves with the first line (from index `from`) matching `re`; rejects after `timeoutMs` or at exit. */
  waitFor(re: RegExp, timeoutMs = 15000, from = 0): Promise<string> {
    const found = this.lines.slice(from).find((l) => re.test(l));
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w.resolve !== done);
        reject(
          new Error(`${this.name}: no line matching ${re} in ${timeoutMs} ms; output:\n${this.output()}`),
        );
      }, timeoutMs);
      const done = (l: string) => {
        clearTimeout(timer);
        resolve(l);
      };
      this.#waiters.push({ re, from, resolve: done });
      this.#status.then(() => {
        // give the last lines a chance to arrive
        setTimeout(() => {
          if (this.#waiters.some((w) => w.resolve === done)) {
            clearTimeout(timer);
            this.#waiters = this.#waiters.filter((w) => w.resolve !== done);
            reject(new Error(`${this.name}: exited before a line matching ${re}; output:\n${this.output()}`));
          }
        }, 50);
      });
    });
  }

  /** All output so far, one string. */
  output(): string {
    return this.lines.join("\n");
  }

  /** Writes a line to stdin. */
  async send(line: string): Promise<void> {
    await this.#stdin!.write(new TextEncoder().encode(line + "\n"));
  }

  /** Closes stdin (end of input). */
  async closeStdin(): Promise<void> {
    if (this.#stdin) {
      const w = this.#stdin;
      this.#stdin = undefined;
      await w.close().catch(() => {});
    }
  }

  /** Sends a signal, if the process still runs. */
  kill(signal: Deno.Signal = "SIGTERM"): void {
    if (!this.#exited) {
      try {
        this.child.kill(signal);
      } catch {
        // already gone
      }
    }
  }

  /** Waits for exit (bounded by the process's timeout). */
  async status(): Promise<Deno.CommandStatus> {
    await this.closeStdin();
    return await this.#status;
  }
}

function splitLines(): TransformStream<string, string> {
  let rest = "";
  return new TransformStream({
    transform(chunk, controller) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop()!;
      for (const p of parts) controller.enqueue(p);
    },
    flush(controller) {
      if (rest) controller.enqueue(rest);
    },
  });
}
