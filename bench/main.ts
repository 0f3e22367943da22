/**
 * deno-dpdk benchmarks: TypeScript against C in alternating, paired runs
 * (this VM's speed drifts), medians reported with their ratio.
 *
 *   deno task bench                 all of them (about 4 minutes)
 *   deno task bench l2fwd_null      one: l2fwd_null l2fwd_ring ring mp_client_server symmetric_mp ffi gc
 *
 * Never run two benchmarks at once: the machine has two cores.
 */
import { type Driver, ffiRun, gcRun, l2fwdRun, type L2fwdSample, ringRun } from "./runs.ts";
import { clientServerRun, symmetricRun } from "./mp.ts";

const PAIRS = 3;

interface Row {
  name: string;
  c: string;
  ts: string;
  ratio: string;
  target: string;
  met: boolean;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (x: number, digits = 1) => x.toFixed(digits);

async function pairs<T>(run: (kind: "C" | "TS") => Promise<T>): Promise<{ c: T[]; ts: T[] }> {
  const c: T[] = [];
  const ts: T[] = [];
  for (let i = 0; i < PAIRS; i++) {
    c.push(await run("C"));
    ts.push(await run("TS"));
    console.error(`  pair ${i + 1}/${PAIRS} done`);
  }
  return { c, ts };
}

async function l2fwd(driver: Driver, minRatio: number): Promise<Row[]> {
  const { c, ts } = await pairs((kind) => l2fwdRun(kind, driver));
  const m = (xs: L2fwdSample[], k: keyof L2fwdSample) => median(xs.map((x) => x[k]));
  const cMpps = m(c, "mpps");
  const tsMpps = m(ts, "mpps");
  const rows: Row[] = [{
    name: `l2fwd ${driver} pair, -l 1 -q 2 (Mpps)`,
    c: f(cMpps),
    ts: f(tsMpps),
    ratio: f(tsMpps / cMpps, 2),
    target: `>= ${minRatio.toFixed(1)}x`,
    met: tsMpps / cMpps >= minRatio,
  }];
  console.error(`  runs C ${c.map((x) => f(x.mpps)).join(", ")}; TS ${ts.map((x) => f(x.mpps)).join(", ")}`);
  if (driver === "net_null") {
    const cStart = m(c, "startupMs");
    const tsStart = m(ts, "startupMs");
    const cRss = m(c, "rssMb");
    const tsRss = m(ts, "rssMb");
    rows.push({
      name: "start-up to EAL initialised (ms)",
      c: f(cStart, 0),
      ts: f(tsStart, 0),
      ratio: `+${f(tsStart - cStart, 0)} ms`,
      target: "<= C + 25 ms",
      met: tsStart <= cStart + 25,
    }, {
      name: "resident memory while forwarding (MB)",
      c: f(cRss),
      ts: f(tsRss),
      ratio: `+${f(tsRss - cRss)} MB`,
      target: "<= C + 40 MB",
      met: tsRss <= cRss + 40,
    });
  }
  return rows;
}

async function mpRows(name: string, run: (kind: "C" | "TS") => Promise<number>): Promise<Row[]> {
  const { c, ts } = await pairs(run);
  const cm = median(c) / 1e6;
  const tm = median(ts) / 1e6;
  console.error(
    `  runs C ${c.map((x) => f(x / 1e6, 2)).join(", ")}; TS ${ts.map((x) => f(x / 1e6, 2)).join(", ")}`,
  );
  return [{ name, c: f(cm, 2), ts: f(tm, 2), ratio: f(tm / cm, 2), target: ">= 0.9x", met: tm / cm >= 0.9 }];
}

const benches: Record<string, () => Promise<Row[]>> = {
  l2fwd_null: () => l2fwd("net_null", 1.0),
  l2fwd_ring: () => l2fwd("net_ring", 0.9),
  async ring() {
    const { c, ts } = await pairs((kind) => ringRun(kind));
    const cm = median(c);
    const tm = median(ts);
    return [{
      name: "ring SP/SC bursts of 32 (M burst ops/s)",
      c: f(cm),
      ts: f(tm),
      ratio: f(tm / cm, 2),
      target: ">= 0.9x",
      met: tm / cm >= 0.9,
    }];
  },
  mp_client_server: async () => [
    ...await mpRows("mp_server + 1 mp_client, net_null, client's tx (Mpps)", (k) => clientServerRun(k, 2, 1)),
    // three busy processes on two CPUs: the scheduler decides, runs spread widely
    ...await mpRows(
      "mp_server + 2 mp_clients, net_null, clients' tx (Mpps)",
      (k) => clientServerRun(k, 2, 2),
    ),
  ],
  symmetric_mp: () => mpRows("symmetric_mp, 2 processes, net_null, forwarded (Mpps)", symmetricRun),
  async ffi() {
    const runs = [await ffiRun(), await ffiRun(), await ffiRun()];
    const ns = median(runs.map((r) => r.ns));
    console.error(`  ${runs.map((r) => r.detail).join("\n  ")}`);
    return [{
      name: "one FFI fast call, C side empty (ns)",
      c: "-",
      ts: f(ns, 2),
      ratio: "-",
      target: "<= 3.5",
      met: ns <= 3.5,
    }];
  },
  async gc() {
    const r = await gcRun(5);
    return [{
      name: "GCs in 5 s of forwarding (after warm-up; all)",
      c: "-",
      ts: `${r.steady}; ${r.total}`,
      ratio: "-",
      target: "0 steady",
      met: r.steady === 0,
    }];
  },
};

const selected = Deno.args.length ? Deno.args : Object.keys(benches);
for (const name of selected) {
  if (!benches[name]) {
    console.error(`bench: unknown benchmark '${name}' (have: ${Object.keys(benches).join(", ")})`);
    Deno.exit(2);
  }
}
const rows: Row[] = [];
for (const name of selected) {
  console.error(`bench ${name} ...`);
  rows.push(...await benches[name]());
}
const header = ["benchmark", "C", "TypeScript", "TS vs C", "target", "met"];
const table = [header, ...rows.map((r) => [r.name, r.c, r.ts, r.ratio, r.target, r.met ? "yes" : "NO"])];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of table.slice(1)) console.log(line(row));
