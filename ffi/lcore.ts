/**
 * TypeScript on worker lcores. EAL's thread for the lcore is parked in C; a
 * Deno Worker takes over the lcore id (so `rte_lcore_id()` and per-lcore
 * mempool caches work), pins itself to the lcore's CPU set and names itself
 * `rte-worker-N`. `rte_thread_register` is not used: it would disable
 * multi-process.
 *
 * Main thread:
 * ```ts
 * const worker = await LcoreWorker.launch(1, new URL("./recv.ts", import.meta.url), { ring: "R" });
 * await worker.wait();
 * ```
 * Worker module (`recv.ts`):
 * ```ts
 * runOnLcore<{ ring: string }>((lcore) => { while (!lcore.stopped()) {...} });
 * ```
 *
 * @module
 */
import { DpdkError } from "./errors.ts";
import { ffi } from "./library.ts";
import { stopRequested } from "./signals.ts";

/** What a worker module's main function is given. */
export interface LcoreContext<P> {
  /** The lcore this thread now is. */
  readonly lcoreId: number;
  /** The parameters given to {@link LcoreWorker.launch} (structured-cloned). */
  readonly params: P;
  /** True once this worker was asked to stop, or SIGINT/SIGTERM arrived. */
  stopped(): boolean;
}

interface StartMessage {
  lcoreId: number;
  params: unknown;
  stop: SharedArrayBuffer;
}

type WorkerReply =
  | { kind: "ready" }
  | { kind: "done"; result: unknown }
  | { kind: "failed"; message: string };

/** A worker lcore running a TypeScript module in a Deno Worker. */
export class LcoreWorker {
  /** The lcore id. */
  readonly lcoreId: number;
  readonly #worker: Worker;
  readonly #stop: Int32Array;
  readonly #done: Promise<unknown>;
  #joined = false;

  private constructor(lcoreId: number, worker: Worker, stop: Int32Array, done: Promise<unknown>) {
    this.lcoreId = lcoreId;
    this.#worker = worker;
    this.#stop = stop;
    this.#done = done;
  }

  /**
   * Parks EAL's thread for `lcoreId` and starts `module` in a Worker that
   * takes over the lcore. Resolves once the Worker runs as that lcore.
   * The module must call {@link runOnLcore}.
   */
  static launch(lcoreId: number, module: string | URL, params?: unknown): Promise<LcoreWorker> {
    const rc = ffi.shim_lcore_park(lcoreId);
    if (rc !== 0) {
      return Promise.reject(
        new DpdkError(`cannot launch on lcore ${lcoreId}: it is not an idle worker lcore`, { errno: -rc }),
      );
    }
    const stop = new SharedArrayBuffer(4);
    const worker = new Worker(module, { type: "module", name: `rte-worker-${lcoreId}` });
    let ready!: () => void;
    let fail!: (e: Error) => void;
    const started = new Promise<void>((res, rej) => [ready, fail] = [res, rej]);
    const done = new Promise<unknown>((resolve, reject) => {
      const finish = (error?: Error, result?: unknown) => {
        ffi.shim_lcore_release(lcoreId);
        worker.terminate();
        if (error) {
          fail(error);
          reject(error);
        } else resolve(result);
      };
      worker.onmessage = (e: MessageEvent<WorkerReply>) => {
        const msg = e.data;
        if (msg.kind === "ready") ready();
        else if (msg.kind === "done") finish(undefined, msg.result);
        else finish(new DpdkError(`lcore ${lcoreId}: ${msg.message}`));
      };
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        finish(new DpdkError(`lcore ${lcoreId}: ${e.message}`));
      };
    });
    done.catch(() => {});
    worker.postMessage({ lcoreId, params, stop } satisfies StartMessage);
    return started.then(() => new LcoreWorker(lcoreId, worker, new Int32Array(stop), done));
  }

  /** Asks this worker to stop: its `stopped()` turns true. */
  stop(): void {
    Atomics.store(this.#stop, 0, 1);
  }

  /**
   * Waits for the worker's main function to return, then joins EAL's thread
   * for the lcore (`rte_eal_wait_lcore`). Resolves to what the function returned.
   */
  async wait(): Promise<unknown> {
    try {
      return await this.#done;
    } finally {
      if (!this.#joined) {
        this.#joined = true;
        ffi.rte_eal_wait_lcore(this.lcoreId);
      }
    }
  }
}

/**
 * Called once by a worker module: when {@link LcoreWorker.launch} starts it,
 * takes over the lcore and runs `main`. What `main` returns (structured-
 * cloneable) is what `wait()` resolves to; what it throws, `wait()` rejects with.
 */
export function runOnLcore<P = unknown, R = unknown>(main: (lcore: LcoreContext<P>) => R | Promise<R>): void {
  const scope = self as unknown as {
    onmessage: ((e: MessageEvent<StartMessage>) => void) | null;
    postMessage(msg: WorkerReply): void;
    close(): void;
  };
  scope.onmessage = async (e) => {
    scope.onmessage = null;
    const { lcoreId, params, stop } = e.data;
    const rc = ffi.shim_lcore_adopt(lcoreId);
    if (rc !== 0) {
      scope.postMessage({ kind: "failed", message: `cannot take over lcore ${lcoreId} (${rc})` });
      return;
    }
    const stopFlag = new Int32Array(stop);
    const context: LcoreContext<P> = {
      lcoreId,
      params: params as P,
      stopped: () => Atomics.load(stopFlag, 0) !== 0 || stopRequested(),
    };
    scope.postMessage({ kind: "ready" });
    try {
      const result = await main(context);
      scope.postMessage({ kind: "done", result });
    } catch (error) {
      scope.postMessage({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };
}

/** `rte_lcore_id()` of the calling thread (`LCORE_ID_ANY` = 0xffffffff on non-EAL threads). */
export function currentLcoreId(): number {
  return ffi.shim_lcore_id();
}
