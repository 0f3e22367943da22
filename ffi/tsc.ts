/**
 * The CPU's time-stamp counter, as DPDK's loops use it for cheap timers
 * (`rte_rdtsc`, `rte_get_tsc_hz`). Returned as a double, so a read is a
 * ~3 ns FFI call with no BigInt.
 *
 * @module
 */
import { ffi } from "./library.ts";

const { shim_rdtsc } = ffi;

/** `rte_rdtsc()`: the current TSC value, exact below 2^53 cycles. */
export function rdtsc(): number {
  return shim_rdtsc();
}

/** `rte_get_tsc_hz()`: TSC cycles per second. */
export function tscHz(): number {
  return ffi.shim_tsc_hz();
}
