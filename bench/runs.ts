/**
 * One benchmark run each: l2fwd (C or TypeScript) on a port pair, the ring
 * and FFI micro-benchmarks, and a TypeScript l2fwd under `--trace-gc`.
 * Processes come from the test fixtures (Proc, startApp, startC) and are
 * ended by PID; C apps' leftover group files are removed.
 */
import { DEFAULT_BASE_VIRTADDR } from "../ffi/eal.ts";
import { buildCExample, Proc, removeGroup, ROOT, startApp, startC, uniquePrefix } from "../tests/helpers.ts";

/** Which l2fwd. */
export type Kind = "C" | "TS";
/** Port pair driver. */
export type Driver = "net_null" | "net_ring";

/** What one l2fwd run measured. */
export interface L2fwdSample {
  /** Received packets per second, both ports, in millions. */
  mpps: number;
  /** Spawn to the first line after EAL init ("MAC updating ..."), ms. */
  startupMs: number;
  /** Resident memory while forwarding, MB. */
  rssMb: number;
}

const SCREENS = 5; // the first is printed at once, the second after 1 s of warm-up
let cL2fwd: Promise<string> | undefined;
let cBench: Promise<string> | undefined;

/** Builds bench/cbench.c with pkg-config (once per run of the benchmarks). */
export function cbench(): Promise<string> {
  return cBench ??= (async () => {
    const dir = await Deno.makeTempDir({ prefix: "deno_dpdk_bench_" });
    const flags = await new Deno.Command("pkg-config", { args: ["--cflags", "--libs", "libdpdk"] }).output();
    if (!flags.success) throw new Error("pkg-config libdpdk failed");
    const out = `${dir}/cbench`;
    const cc = await new Deno.Command("cc", {
      args: [
        "-O3",
        "-o",
        out,
        `${ROOT}/bench/cbench.c`,
        ...new TextDecoder().decode(flags.stdout).trim().split(/\s+/),
      ],
      stderr: "piped",
    }).output();
    if (!cc.success) throw new Error(`cannot build cbench: ${new TextDecoder().decode(cc.stderr)}`);
    return out;
  })();
}

function rssMb(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function stop(proc: Proc, prefix: string): Promise<void> {
  proc.kill("SIGINT");
  const status = await proc.status();
  removeGroup(prefix);
  if (status.code !== 0) throw new Error(`${proc.name} exited ${status.code}:\n${proc.output()}`);
}

async function seedRing(prefix: string): Promise<void> {
  // Every ring is empty and nothing is in flight: one bulk enqueue of 512 mbufs starts the ping-pong.
  const out = await new Deno.Command(await cbench(), {
    args: [
      "seed",
      "--proc-type=secondary",
      "--lcores",
      "5@0",
      "--no-pci",
      "--file-prefix",
      prefix,
      "--log-level=error",
      "--",
      "ETH_RXTX0_net_ring0",
      "mbuf_pool",
      "512",
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`seeding net_ring failed: ${new TextDecoder().decode(out.stderr)}`);
}

/** Common EAL and l2fwd arguments: one lcore forwarding both ports. */
export function l2fwdArgs(driver: Driver, prefix: string): string[] {
  return [
    "-l",
    "1",
    "--no-pci",
    "--vdev",
    `${driver}0`,
    "--vdev",
    `${driver}1`,
    "--file-prefix",
    prefix,
    `--base-virtaddr=${DEFAULT_BASE_VIRTADDR}`,
    "--",
    "-p",
    "3",
    "-q",
    "2",
    "-T",
    "1",
  ];
}

/** Reads the "Total packets received" of each statistics screen as it appears. */
async function screens(proc: Proc, count: number): Promise<{ t: number; rx: number }[]> {
  const samples: { t: number; rx: number }[] = [];
  let from = 0;
  while (samples.length < count) {
    const line = await proc.waitFor(/^Total packets received:\s+\d+$/, 8000, from);
    samples.push({ t: performance.now(), rx: Number(line.split(/\s+/).pop()) });
    from = proc.lines.lastIndexOf(line) + 1;
  }
  return samples;
}

/** One l2fwd run: start, (seed), five statistics screens, RSS, SIGINT. */
export async function l2fwdRun(kind: Kind, driver: Driver): Promise<L2fwdSample> {
  const prefix = uniquePrefix(`bench_${kind}_${driver}`);
  const args = l2fwdArgs(driver, prefix);
  const t0 = performance.now();
  const proc = kind === "C"
    ? startC("l2fwd", await (cL2fwd ??= buildCExample("l2fwd")), args, 60000)
    : startApp("l2fwd", args, 60000);
  try {
    await proc.waitFor(/^MAC updating/, 10000);
    const startupMs = performance.now() - t0;
    if (driver === "net_ring") {
      await proc.waitFor(/entering main loop/, 10000);
      await seedRing(prefix);
    }
    const s = await screens(proc, SCREENS);
    const rss = rssMb(proc.child.pid);
    await stop(proc, prefix);
    const first = s[1];
    const last = s[SCREENS - 1];
    return { mpps: (last.rx - first.rx) / (last.t - first.t) / 1000, startupMs, rssMb: rss };
  } finally {
    proc.kill("SIGKILL");
    await proc.status();
    removeGroup(prefix);
  }
}

async function runTool(name: string, cmd: string, args: string[], pattern: RegExp): Promise<string> {
  const prefix = uniquePrefix(`bench_${name}`);
  const proc = new Proc(name, cmd, [...args.map((a) => a === "PREFIX" ? prefix : a)], { timeoutMs: 60000 });
  try {
    const line = await proc.waitFor(pattern, 50000);
    const status = await proc.status();
    if (status.code !== 0) throw new Error(`${name} exited ${status.code}:\n${proc.output()}`);
    return line;
  } finally {
    proc.kill("SIGKILL");
    await proc.status();
    removeGroup(prefix);
  }
}

const EAL = ["-l", "1", "--no-pci", "--file-prefix", "PREFIX", "--log-level=error"];

/** Ring bursts of 32, SP/SC, one process: million burst operations per second. */
export async function ringRun(kind: Kind, seconds = 1.5): Promise<number> {
  const line = kind === "C"
    ? await runTool("cbench ring", await cbench(), ["ring", ...EAL, "--", String(seconds)], /^ring_mops /)
    : await runTool(
      "ts ring",
      Deno.execPath(),
      ["run", "-A", `${ROOT}/bench/ring_ts.ts`, "ring", ...EAL, "--", String(seconds)],
      /^ring_mops /,
    );
  return Number(line.split(" ")[1]);
}

/** ns per FFI fast call (the call alone: its C side returns a constant), and the detail line. */
export async function ffiRun(): Promise<{ ns: number; detail: string }> {
  const line = await runTool(
    "ts ffi",
    Deno.execPath(),
    ["run", "-A", `${ROOT}/bench/ring_ts.ts`, "ffi", ...EAL],
    /^ffi_ns /,
  );
  return { ns: Number(line.split(" ")[1]), detail: line.slice("ffi_ns ".length) };
}

/** GC lines of a TypeScript l2fwd under --trace-gc: in all, and while forwarding steadily for `seconds`. */
export async function gcRun(seconds = 5): Promise<{ total: number; steady: number }> {
  const prefix = uniquePrefix("bench_gc");
  const proc = new Proc("ts l2fwd --trace-gc", Deno.execPath(), [
    "run",
    "-A",
    "--v8-flags=--trace-gc",
    `${ROOT}/apps/l2fwd/main.ts`,
    ...l2fwdArgs("net_null", prefix),
  ], { timeoutMs: 60000 });
  const isGc = (l: string) => /^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: /.test(l);
  try {
    await screens(proc, 2);
    const from = proc.lines.length;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const steady = proc.lines.slice(from).filter(isGc).length;
    await stop(proc, prefix);
    return { total: proc.lines.filter(isGc).length, steady };
  } finally {
    proc.kill("SIGKILL");
    await proc.status();
    removeGroup(prefix);
  }
}
