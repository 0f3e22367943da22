/**
 * Test fixtures: unique file prefixes, processes with bounded run time whose
 * output can be awaited line by line, DPDK's C examples built in a temporary
 * folder, and checks that a group left no hugepage file or runtime folder.
 */
import { groupHugepageFiles } from "../ffi/group_files.ts";

const root = new URL("..", import.meta.url).pathname;
/** The repository's root folder. */
export const ROOT = root.endsWith("/") ? root.slice(0, -1) : root;

let counter = 0;
/** A `--file-prefix` no other test (or test run) uses. */
export function uniquePrefix(name: string): string {
  return `dt_${name}_${Deno.pid}_${counter++}`;
}

/** The hugepage files and runtime folder a group left behind (empty when clean). */
export function groupLeftovers(prefix: string): string[] {
  const left = groupHugepageFiles({ runtimeDir: "", filePrefix: prefix });
  try {
    Deno.statSync(`/var/run/dpdk/${prefix}`);
    left.push(`/var/run/dpdk/${prefix}`);
  } catch {
    // gone
  }
  return left;
}

/** Removes a group's files (DPDK's C apps leave them). */
export function removeGroup(prefix: string): void {
  for (const f of groupLeftovers(prefix)) Deno.removeSync(f, { recursive: true });
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

  constructor(
    name: string,
    cmd: string,
    args: string[],
    options: { timeoutMs?: number; env?: Record<string, string> } = {},
  ) {
    this.name = name;
    this.child = new Deno.Command(cmd, {
      args,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      env: options.env,
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

/** Starts one of this project's apps (`apps/<name>/main.ts`) with the C app's argv. */
export function startApp(app: string, args: string[], timeoutMs = 30000, env?: Record<string, string>): Proc {
  return new Proc(`ts ${app}`, Deno.execPath(), ["run", "-A", `${ROOT}/apps/${app}/main.ts`, ...args], {
    timeoutMs,
    env,
  });
}

/** Starts a C program with line-buffered stdout (it is block-buffered on a pipe otherwise). */
export function startC(name: string, binary: string, args: string[], timeoutMs = 30000): Proc {
  return new Proc(`C ${name}`, "stdbuf", ["-oL", "-eL", binary, ...args], { timeoutMs });
}

const EXAMPLES = "/usr/share/dpdk/examples";
const buildDir = `${Deno.env.get("TMPDIR") ?? "/tmp"}/deno-dpdk-c-examples`;

/**
 * Builds one of DPDK's C examples (e.g. "multi_process/simple_mp") with its
 * own Makefile in a temporary folder, once per machine; returns the binary.
 */
export async function buildCExample(path: string, binary = path.split("/").pop()!): Promise<string> {
  const top = path.split("/")[0];
  const out = `${buildDir}/${path}/build/${binary}`;
  try {
    Deno.statSync(out);
    return out;
  } catch {
    // build it
  }
  await Deno.mkdir(buildDir, { recursive: true });
  const copy = await new Deno.Command("cp", { args: ["-r", `${EXAMPLES}/${top}`, buildDir] }).output();
  if (!copy.success) throw new Error(`cannot copy ${EXAMPLES}/${top}`);
  const make = await new Deno.Command("make", { args: ["-s", "-C", `${buildDir}/${path}`], stderr: "piped" })
    .output();
  if (!make.success) throw new Error(`cannot build ${path}: ${new TextDecoder().decode(make.stderr)}`);
  return out;
}
