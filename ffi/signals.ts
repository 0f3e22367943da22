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
 * Installs the shim's SIGINT/SIGTERM handler (replacing Deno's). Deno takes
 * the signals back on its own (its handler is installed lazily, e.g. about
 * half a second after start-up while the event loop runs), so an app whose
 * main thread alternates between the event loop and a busy loop uses
 * {@link listenForStopSignals} for the whole run and {@link beforeBusyLoop}
 * before each busy loop.
 */
export function installStopSignals(): void {
  if (ffi.shim_signals_install() !== 0) throw new Error("cannot install SIGINT/SIGTERM handlers");
}

/**
 * For apps whose main thread stays in the event loop (a prompt, timers):
 * SIGINT and SIGTERM request a stop through Deno's signal listeners, which
 * also keep Deno from exiting mid-cleanup. Calls `onStop` too, if given.
 * Returns a function that removes the listeners.
 */
export function listenForStopSignals(onStop?: (signal: number) => void): () => void {
  const handlers = (["SIGINT", "SIGTERM"] as const).map((name) => {
    const signo = name === "SIGINT" ? 2 : 15;
    const handler = () => {
      requestStop(signo);
      onStop?.(signo);
    };
    Deno.addSignalListener(name, handler);
    return [name, handler] as const;
  });
  return () => handlers.forEach(([name, handler]) => Deno.removeSignalListener(name, handler));
}

/**
 * Call before a loop that never yields to the event loop (and so never runs
 * Deno's signal listeners): installs the shim's handler, then lets the event
 * loop turn for a few milliseconds, so that a signal Deno's handler took just
 * before reaches its listener. Resolves to {@link stopRequested}: skip the
 * loop if it is true.
 */
export async function beforeBusyLoop(): Promise<boolean> {
  installStopSignals();
  await new Promise((resolve) => setTimeout(resolve, 10));
  return stopRequested();
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
