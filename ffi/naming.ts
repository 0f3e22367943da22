/**
 * Checks shared by the named DPDK objects.
 *
 * @module
 */
import { RTE_NAME_MAX } from "./constants.ts";
import { byteLength, readCString } from "./cstring.ts";
import { UsageError } from "./errors.ts";
import { ffi } from "./library.ts";

/** Throws a {@link UsageError} unless `name` fits DPDK's 32-byte names. */
export function checkName(kind: string, name: string): void {
  const n = byteLength(name);
  if (n === 0 || n > RTE_NAME_MAX) {
    throw new UsageError(`${kind} name '${name}' must be 1 to ${RTE_NAME_MAX} bytes`);
  }
}

/** `rte_strerror(rte_errno)` of the calling thread. */
export function lastError(): string {
  return readCString(ffi.rte_strerror(ffi.shim_errno()));
}
