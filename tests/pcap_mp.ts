/**
 * net_pcap ports for multi-process tests.
 *
 * Two quirks of net_pcap shape this: a secondary re-opens the pcap files
 * named in the primary's device arguments, which it reads back from shared
 * memory truncated to 63 characters (so the names are short and relative,
 * and every process runs in the files' folder); and it opens every tx file
 * for writing, which truncates the files other processes write. So once a
 * process is up, {@link PcapPorts.keep} renames the tx files of its queue:
 * the process keeps writing to the renamed file, and a later process creates
 * fresh files under the old names.
 */
import { makeFrames, readPcap, writePcap } from "../apps/common/pcap.ts";
import { type Proc, startApp, startC } from "./helpers.ts";

/** A folder of per-queue pcap files for `ports` ports. */
export class PcapPorts {
  readonly dir: string;
  readonly ports: number;
  readonly rxQueues: number;
  readonly txQueues: number;
  /** Input frames by port, all rx queues together. */
  readonly inputs: Uint8Array[][] = [];
  #kept = 0;

  private constructor(dir: string, ports: number, rxQueues: number, txQueues: number) {
    this.dir = dir;
    this.ports = ports;
    this.rxQueues = rxQueues;
    this.txQueues = txQueues;
  }

  /** Writes `frames` frames per rx queue of each port (distinct per port and queue). */
  static create(ports: number, rxQueues: number, txQueues: number, frames: number): PcapPorts {
    const p = new PcapPorts(Deno.makeTempDirSync({ prefix: "mp_pcap_" }), ports, rxQueues, txQueues);
    for (let port = 0; port < ports; port++) {
      const all: Uint8Array[] = [];
      for (let q = 0; q < rxQueues; q++) {
        const f = makeFrames(port * 16 + q, frames);
        writePcap(`${p.dir}/${port}r${q}`, f);
        all.push(...f);
      }
      p.inputs.push(all);
    }
    return p;
  }

  /** The `--vdev` options. */
  vdevs(): string[] {
    return Array.from({ length: this.ports }, (_, port) => {
      const rx = Array.from({ length: this.rxQueues }, (_, q) => `rx_pcap=${port}r${q}`);
      const tx = Array.from({ length: this.txQueues }, (_, q) => `tx_pcap=${port}t${q}`);
      return ["--vdev", `net_pcap${port},${[...rx, ...tx].join(",")}`];
    }).flat();
  }

  /** Moves the tx files of `queue` out of later processes' way (see the module doc). */
  keep(queue: number): void {
    const n = this.#kept++;
    for (let port = 0; port < this.ports; port++) {
      Deno.renameSync(`${this.dir}/${port}t${queue}`, `${this.dir}/${port}t${queue}.kept${n}`);
    }
  }

  /**
   * Every frame sent on `port`, from all kept files (or only those of the
   * `kept`-th {@link PcapPorts.keep} call). While processes run, a file may
   * lack its header or end inside a record: `partial` counts what can be read
   * so far instead of throwing.
   */
  output(port: number, partial = false, kept?: number): Uint8Array[] {
    const frames: Uint8Array[] = [];
    for (const e of Deno.readDirSync(this.dir)) {
      if (!e.name.startsWith(`${port}t`) || !e.name.includes(`.kept${kept ?? ""}`)) continue;
      try {
        frames.push(...readPcap(`${this.dir}/${e.name}`));
      } catch (error) {
        if (!partial) throw error;
      }
    }
    return frames;
  }

  /** Starts a TypeScript app in the folder. */
  startApp(app: string, args: string[], timeoutMs = 30000): Proc {
    return startApp(app, args, timeoutMs, { cwd: this.dir });
  }

  /** Starts a C app (line-buffered) in the folder. */
  startC(name: string, binary: string, args: string[], timeoutMs = 30000): Proc {
    return startC(name, binary, args, timeoutMs, { cwd: this.dir });
  }

  /** Removes the folder. */
  remove(): void {
    Deno.removeSync(this.dir, { recursive: true });
  }
}

const key = (f: Uint8Array) => Array.from(f.subarray(0, 24)).join(",") + `/${f.length}`;

/**
 * Checks that `out` holds exactly the frames of `input` (any order, byte for
 * byte); returns a description of the difference, or "" when equal.
 */
export function sameFrames(out: readonly Uint8Array[], input: readonly Uint8Array[]): string {
  const want = new Map<string, Uint8Array[]>();
  for (const f of input) want.set(key(f), [...(want.get(key(f)) ?? []), f]);
  let extra = 0;
  for (const f of out) {
    const list = want.get(key(f));
    const i = list?.findIndex((g) => g.length === f.length && g.every((b, k) => b === f[k])) ?? -1;
    if (i < 0) extra++;
    else list!.splice(i, 1);
  }
  const missing = [...want.values()].reduce((n, l) => n + l.length, 0);
  return extra === 0 && missing === 0
    ? ""
    : `${missing} frames missing, ${extra} unexpected (of ${input.length})`;
}

/** Polls `check` every 100 ms until it returns true; throws with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean, timeoutMs = 15000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
