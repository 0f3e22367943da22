/**
 * deno-dpdk: DPDK packet processing in TypeScript.
 *
 * Deno loads a thin C shim over DPDK's `librte_*` with `Deno.dlopen`; these
 * modules give EAL, worker lcores, rings, mempools and memzones, with data-
 * path calls that take numbers only and move whole bursts.
 *
 * ```ts
 * import { Eal, Ring, ObjectTable } from "./mod.ts";
 * const eal = Eal.init(["app", "-l", "0-1", "--file-prefix", "demo"]);
 * const ring = Ring.create("R", 1024, { singleProducer: true, singleConsumer: true });
 * const table = new ObjectTable(32);
 * ring.enqueueBurst(table, 32);
 * eal.cleanup();
 * ```
 *
 * @module
 */
export * from "./ffi/constants.ts";
export * from "./ffi/errors.ts";
export { SHIM_ENV, SHIM_FILE, shimCandidates, type ShimLookup } from "./ffi/shim_path.ts";
export {
  DEFAULT_BASE_VIRTADDR,
  Eal,
  ealOption,
  type ProcessType,
  withDefaultBaseVirtaddr,
} from "./ffi/eal.ts";
export { currentLcoreId, type LcoreContext, LcoreWorker, runOnLcore } from "./ffi/lcore.ts";
export {
  beforeBusyLoop,
  installStopSignals,
  listenForStopSignals,
  requestStop,
  stopRequested,
  stopSignal,
} from "./ffi/signals.ts";
export { ObjectTable } from "./ffi/object_table.ts";
export { Ring, type RingOptions } from "./ffi/ring.ts";
export { type MemoryChunk, Mempool, type MempoolOptions } from "./ffi/mempool.ts";
export { Memzone, type MemzoneOptions } from "./ffi/memzone.ts";
export * from "./ffi/layout.ts";
export {
  type GroupFiles,
  groupHugepageFiles,
  hugetlbfsMounts,
  removeUnusedGroupFiles,
} from "./ffi/group_files.ts";
// ---- ethdev and mbuf ----
export * from "./ffi/ethdev.ts";
export { RxQueue, TxBuffer, TxQueue } from "./ffi/eth_queue.ts";
export { EtherAddresses, MacAddress } from "./ffi/mac.ts";
export * from "./ffi/packets.ts";
export { rdtsc, tscHz } from "./ffi/tsc.ts";
// ---- end of ethdev and mbuf ----
