/**
 * TypeScript side of the ring and FFI-call benchmarks:
 *   ring_ts.ts ring <EAL args> -- SECONDS   prints "ring_mops <value>" (burst operations of 32, enqueues
 *                                           plus dequeues, in millions per second), as cbench.c does
 *   ring_ts.ts ffi <EAL args>               prints "ffi_ns <value>" for data-path calls
 */
import { Eal, ObjectTable, rdtsc, Ring } from "../mod.ts";
import { ffi } from "../ffi/library.ts";

const { shim_ring_count } = ffi;

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

function ffiBench(): void {
  const ring = Ring.create("TSBENCH_FFI", 1024, { singleProducer: true, singleConsumer: true });
  const calls = 20_000_000;
  const time = (f: () => number) => {
    f(); // warm up
    const t0 = performance.now();
    const r = f();
    return { ns: (performance.now() - t0) * 1e6 / calls, r };
  };
  const loopTsc = () => {
    let x = 0;
    for (let i = 0; i < calls; i++) x += rdtsc() > 0 ? 1 : 0;
    return x;
  };
  const loopCount = () => {
    let x = 0;
    for (let i = 0; i < calls; i++) x += ring.count;
    return x;
  };
  const pointer = ring.pointer;
  const loopRaw = () => {
    let x = 0;
    for (let i = 0; i < calls; i++) x += shim_ring_count(pointer);
    return x;
  };
  const empty = () => {
    let x = 0;
    for (let i = 0; i < calls; i++) x += i & 1;
    return x;
  };
  const [a, b, c, e] = [loopTsc, loopCount, loopRaw, empty].map((f) => {
    time(f);
    return time(f);
  });
  console.log(
    `ffi_ns ${c.ns.toFixed(2)} (pointer)->u32 call; Ring.count ${b.ns.toFixed(2)}, rdtsc() ${
      a.ns.toFixed(2)
    }, ` +
      `empty loop ${e.ns.toFixed(2)}`,
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
