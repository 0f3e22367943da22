/**
 * `rte_ring`: named lock-free rings shared by every process of a group.
 *
 * @module
 */
import { RING_F_EXACT_SZ, RING_F_SC_DEQ, RING_F_SP_ENQ, SOCKET_ID_ANY } from "./constants.ts";
import { cstr } from "./cstring.ts";
import { ObjectError, UseAfterFreeError } from "./errors.ts";
import { ffi } from "./library.ts";
import type { ObjectTable } from "./object_table.ts";
import { checkName, lastError } from "./naming.ts";
import { type Handle, handleOf, release } from "./handle.ts";

const {
  shim_ring_enqueue_burst,
  shim_ring_dequeue_burst,
  shim_ring_enqueue_bulk,
  shim_ring_dequeue_bulk,
  shim_ring_count,
  shim_ring_free_count,
  shim_ring_capacity,
} = ffi;

/** How a ring is created. */
export interface RingOptions {
  /** NUMA socket; default any. */
  socketId?: number;
  /** Only one thread enqueues (`RING_F_SP_ENQ`). Default: multi-producer. */
  singleProducer?: boolean;
  /** Only one thread dequeues (`RING_F_SC_DEQ`). Default: multi-consumer. */
  singleConsumer?: boolean;
  /** Holds exactly `count` objects (`RING_F_EXACT_SZ`); otherwise count must be a power of two and holds count - 1. */
  exactSize?: boolean;
}

/** A named `rte_ring`. Bursts move pointers between the ring and an {@link ObjectTable}. */
export class Ring {
  /** The ring's name, shared by the process group. */
  readonly name: string;
  readonly #handle: Handle;

  private constructor(name: string, ring: Deno.PointerObject) {
    this.name = name;
    this.#handle = handleOf(ring);
  }

  /**
   * `rte_ring_create`. Only a primary can create.
   * @throws {ObjectError} e.g. when the name exists or memory is short.
   */
  static create(name: string, count: number, options: RingOptions = {}): Ring {
    checkName("ring", name);
    const flags = (options.singleProducer ? RING_F_SP_ENQ : 0) |
      (options.singleConsumer ? RING_F_SC_DEQ : 0) | (options.exactSize ? RING_F_EXACT_SZ : 0);
    const p = ffi.rte_ring_create(cstr(name), count, options.socketId ?? SOCKET_ID_ANY, flags);
    if (p === null) {
      throw new ObjectError(`cannot create ring '${name}': ${lastError()}`, { errno: ffi.shim_errno() });
    }
    return new Ring(name, p);
  }

  /** `rte_ring_lookup`: a ring another process (or this one) created. */
  static lookup(name: string): Ring {
    const p = ffi.rte_ring_lookup(cstr(name));
    if (p === null) throw new ObjectError(`cannot find ring '${name}'`, { errno: ffi.shim_errno() });
    return new Ring(name, p);
  }

  /** The `struct rte_ring *`. @throws {UseAfterFreeError} after {@link free}. */
  get pointer(): Deno.PointerObject {
    const p = this.#handle.pointer;
    if (p === null) throw new UseAfterFreeError(`ring '${this.name}' used after free()`);
    return p;
  }

  /** Enqueues up to n pointers from the table; returns how many went in. */
  enqueueBurst(table: ObjectTable, n: number): number {
    return shim_ring_enqueue_burst(this.pointer, table.pointer, n);
  }

  /** Dequeues up to n pointers into the table; returns how many came out. */
  dequeueBurst(table: ObjectTable, n: number): number {
    return shim_ring_dequeue_burst(this.pointer, table.pointer, n);
  }

  /** Enqueues exactly n pointers or none; returns n or 0. */
  enqueueBulk(table: ObjectTable, n: number): number {
    return shim_ring_enqueue_bulk(this.pointer, table.pointer, n);
  }

  /** Dequeues exactly n pointers or none; returns n or 0. */
  dequeueBulk(table: ObjectTable, n: number): number {
    return shim_ring_dequeue_bulk(this.pointer, table.pointer, n);
  }

  /** Number of objects in the ring. */
  get count(): number {
    return shim_ring_count(this.pointer);
  }

  /** Number of free slots. */
  get freeCount(): number {
    return shim_ring_free_count(this.pointer);
  }

  /** How many objects the ring can hold. */
  get capacity(): number {
    return shim_ring_capacity(this.pointer);
  }

  /** Whether {@link free} was called. */
  get freed(): boolean {
    return this.#handle.pointer === null;
  }

  /** `rte_ring_free`. Any later use (through any `Ring` of it) throws {@link UseAfterFreeError}. */
  free(): void {
    ffi.rte_ring_free(this.pointer);
    release(this.#handle);
  }
}
