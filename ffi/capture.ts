/**
 * Packet capture with `dpdk-dumpcap` and `dpdk-pdump`: a primary that starts
 * a port serves their requests (`rte_pdump_init`, which DPDK's examples other
 * than testpmd never call); EAL clean-up stops serving. DPDK 22.11 captures
 * the primary's own rx/tx bursts only, not a secondary's.
 *
 * @module
 */
import { RTE_PROC_PRIMARY } from "./constants.ts";
import { ffi } from "./library.ts";

let serving = false;

/** Serves capture requests from now on, if this process is the primary (once; later calls do nothing). */
export function serveCapture(): void {
  if (serving || ffi.rte_eal_process_type() !== RTE_PROC_PRIMARY) return;
  if (ffi.rte_pdump_init() !== 0) {
    console.error("EAL: packet capture unavailable: rte_pdump_init failed");
    return;
  }
  serving = true;
}

/** Stops serving capture requests (before `rte_eal_cleanup`). */
export function stopServingCapture(): void {
  if (!serving) return;
  ffi.rte_pdump_uninit();
  serving = false;
}
