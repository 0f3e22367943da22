/**
 * TypeScript side of the ring and FFI-call benchmarks:
 *   ring_ts.ts ring <EAL args> -- SECONDS   prints "ring_mops <value>" (burst operations of 32, enqueues
 *                                           plus dequeues, in millions per second), as cbench.c does
 *   ring_ts.ts ffi <EAL args>               prints "ffi_ns <value>" for data-path calls
 */
import { Eal, ObjectTable, rdtsc, Ring } from "../mod.ts";
import { ffi } from "../ffi/library.ts";

const { shim_ring_count, rte_lcore_to_cpu_id, shim_abi_version } = ffi;

const BURST = 32;

function ringBench(seconds: number): void {
  const ring = Ring.create("TSBENCH_RING", 1024, { singleProducer: true, singleConsumer: true });
  const table = new ObjectTable(BURST);
  for (let i = 0; i < BURST; i++) table.set(i, i + 1);
  let ops = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) {
    for (let k = 0; k < 1024; k++) {
      ring.enqueueBurst(table, BURST);
      ring.dequeueBurst(table, BURST);
    }
    ops += 2 * 1024;
  }
  const secs = (performance.now() - start) / 1000;
  console.log(`ring_mops ${(ops / secs / 1e6).toFixed(2)}`);
  ring.free();
}

const CALLS = 20_000_000;

function loopRaw(pointer: Deno.PointerObject): number {
  let x = 0;
  for (let i = 0; i < CALLS; i++) x += shim_ring_count(pointer);
  return x;
}

/** A call whose C side only returns a constant: the cost of the FFI call itself. */
function loopBare(): number {
  let x = 0;
  for (let i = 0; i < CALLS; i++) x += shim_abi_version();
  return x;
}

function loopNumbers(): number {
  let x = 0;
  for (let i = 0; i < CALLS; i++) x += rte_lcore_to_cpu_id(1);
  return x;
}

function loopCount(ring: Ring): number {
  let x = 0;
  for (let i = 0; i < CALLS; i++) x += ring.count;
  return x;
}

function loopTsc(): number {
  let x = 0;
  for (let i = 0; i < CALLS; i++) x += rdtsc() > 0 ? 1 : 0;
  return x;
}

function loopEmpty(): number {
  let x = 0;
  for (let i = 0; i < CALLS; i++) x += i & 1;
  return x;
}

/** Median ns per iteration of three timed runs after one warm-up. */
function nsPerCall(f: () => number): number {
  f();
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    f();
    runs.push((performance.now() - t0) * 1e6 / CALLS);
  }
  return runs.sort((a, b) => a - b)[1];
}

function ffiBench(): void {
  const ring = Ring.create("TSBENCH_FFI", 1024, { singleProducer: true, singleConsumer: true });
  const pointer = ring.pointer;
  const bare = nsPerCall(loopBare);
  const numbers = nsPerCall(loopNumbers);
  const raw = nsPerCall(() => loopRaw(pointer));
  const count = nsPerCall(() => loopCount(ring));
  const tsc = nsPerCall(loopTsc);
  const empty = nsPerCall(loopEmpty);
  const detail =
    `(i32)->i32 ${numbers.toFixed(2)}, Ring.count ${count.toFixed(2)}, rdtsc() ${tsc.toFixed(2)}, ` +
    `empty loop ${empty.toFixed(2)}`;
  console.log(
    `ffi_ns ${bare.toFixed(2)} bare call (C returns a constant); rte_ring_count (pointer)->u32 ${
      raw.toFixed(2)
    }, ` +
      detail,
  );
  ring.free();
}

const [mode, ...rest] = Deno.args;
const eal = Eal.init(["ring_ts", ...rest]);
try {
  if (mode === "ring") ringBench(Number(eal.appArgs[0] ?? 1));
  else if (mode === "ffi") ffiBench();
  else throw new Error(`unknown mode ${mode}`);
} finally {
  eal.cleanup();
}
