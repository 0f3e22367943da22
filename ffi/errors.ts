/**
 * Error classes. Every failure of a DPDK call becomes a {@link DpdkError}
 * (or a subclass) whose message names the cause, in one line.
 *
 * @module
 */

/** Options of {@link DpdkError}. */
export interface DpdkErrorOptions extends ErrorOptions {
  /** `rte_errno` (or the negative return value) of the failed call, if any. */
  errno?: number;
}

/** A DPDK call failed. `errno` is `rte_errno` or the call's error code. */
export class DpdkError extends Error {
  /** `rte_errno` (or the negative return value) of the failed call; 0 if unknown. */
  readonly errno: number;
  /** An error whose message is one line naming the cause. */
  constructor(message: string, options: DpdkErrorOptions = {}) {
    super(message, options);
    this.name = new.target.name;
    this.errno = options.errno ?? 0;
  }
}

/** The shim library could not be found or loaded. */
export class ShimLoadError extends DpdkError {}

/** `rte_eal_init` failed; the message carries EAL's own error lines. */
export class EalInitError extends DpdkError {}

/**
 * A secondary could not map the primary's shared memory at the primary's
 * addresses because this process already uses some of them (V8 maps its heaps
 * at random addresses, now and then inside DPDK's default window). A new
 * process has a new layout: running the program again attaches.
 */
export class AddressWindowError extends EalInitError {}

/** A named object (ring, mempool, memzone) could not be created or found. */
export class ObjectError extends DpdkError {}

/** An object was used after `free()`. */
export class UseAfterFreeError extends DpdkError {}

/** Invalid arguments given by the user (options, masks, sizes). */
export class UsageError extends DpdkError {}
