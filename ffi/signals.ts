/**
 * The stop flag. The shim owns SIGINT and SIGTERM: a signal sets a flag in C
 * that every loop (on the main thread or a worker lcore) reads through an
 * `Int32Array`, with no FFI call. A second signal while a stop is pending
 * takes the signal's default action.
 *
 * A busy main thread never runs `Deno.addSignalListener` callbacks, and Deno's
 * own handler can end the process mid-cleanup, hence the C handler.
 *
 * @module
 */
import { ffi } from "./library.ts";

const state = new Int32Array(
  Deno.UnsafePointerView.getArrayBuffer(ffi.shim_stop_state()!, 8),
);

/**
 * Installs the shim's SIGINT/SIGTERM handler (replacing Deno's). Call it
 * after the last `await` before a loop that polls {@link stopRequested}, and
 * again after anything that may have installed Deno's handler.
 */
export function installStopSignals(): void {
  if (ffi.shim_signals_install() !== 0) throw new Error("cannot install SIGINT/SIGTERM handlers");
}

/** True once SIGINT/SIGTERM arrived or {@link requestStop} was called, in any thread. */
export function stopRequested(): boolean {
  return Atomics.load(state, 0) !== 0;
}

/** The signal that requested the stop (0 if none, or a stop by {@link requestStop}). */
export function stopSignal(): number {
  return Atomics.load(state, 1);
}

/** Asks every loop to stop, as a signal would. */
export function requestStop(signal = 0): void {
  ffi.shim_stop_request(signal);
}
