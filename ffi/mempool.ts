/**
 * `rte_mempool`: named pools of fixed-size objects shared by a process group.
 *
 * @module
 */
import { SOCKET_ID_ANY } from "./constants.ts";
import { cstr } from "./cstring.ts";
import { ObjectError, UseAfterFreeError } from "./errors.ts";
import { ffi } from "./library.ts";
import type { ObjectTable } from "./object_table.ts";
import { checkName, lastError } from "./naming.ts";
import { type Handle, handleOf, release } from "./handle.ts";

const { shim_mempool_get_bulk, shim_mempool_put_bulk } = ffi;

/** How a mempool is created (the parameters of `rte_mempool_create`). */
export interface MempoolOptions {
  /** Per-lcore cache size (0 for none). Default 0. */
  cacheSize?: number;
  /** Private data size after the pool header. Default 0. */
  privateDataSize?: number;
  /** NUMA socket; default any. */
  socketId?: number;
  /** `MEMPOOL_F_*` flags. Default 0. */
  flags?: number;
}

/** One contiguous range of a pool's memory. */
export interface MemoryChunk {
  /** Virtual address of the range. */
  address: number;
  /** Bytes in the range. */
  length: number;
  /** The range's bytes (detached when the pool is freed). */
  bytes: Uint8Array<ArrayBuffer>;
}

/** The memory views of each pool, shared by every `Mempool` object of it in this thread. */
const memoryByPool = new WeakMap<Handle, MemoryChunk[]>();

/** A named `rte_mempool`. */
export class Mempool {
  /** The pool's name, shared by the process group. */
  readonly name: string;
  readonly #handle: Handle;

  /** Wraps an existing `struct rte_mempool *` (from another API that returns one). */
  constructor(name: string, pool: Deno.PointerObject) {
    this.name = name;
    this.#handle = handleOf(pool);
  }

  /** `rte_mempool_create` with no constructors. @throws {ObjectError} */
  static create(name: string, count: number, elementSize: number, options: MempoolOptions = {}): Mempool {
    checkName("mempool", name);
    const p = ffi.rte_mempool_create(
      cstr(name),
      count,
      elementSize,
      options.cacheSize ?? 0,
      options.privateDataSize ?? 0,
      null,
      null,
      null,
      null,
      options.socketId ?? SOCKET_ID_ANY,
      options.flags ?? 0,
    );
    if (p === null) {
      throw new ObjectError(`cannot create mempool '${name}': ${lastError()}`, { errno: ffi.shim_errno() });
    }
    return new Mempool(name, p);
  }

  /** `rte_mempool_lookup`. @throws {ObjectError} if there is no such pool. */
  static lookup(name: string): Mempool {
    const p = ffi.rte_mempool_lookup(cstr(name));
    if (p === null) throw new ObjectError(`cannot find mempool '${name}'`, { errno: ffi.shim_errno() });
    return new Mempool(name, p);
  }

  /** The `struct rte_mempool *`. @throws {UseAfterFreeError} after {@link free}. */
  get pointer(): Deno.PointerObject {
    const p = this.#handle.pointer;
    if (p === null) throw new UseAfterFreeError(`mempool '${this.name}' used after free()`);
    return p;
  }

  /** Takes n objects into the table, all or none; returns whether it did. */
  getBulk(table: ObjectTable, n: number): boolean {
    return shim_mempool_get_bulk(this.pointer, table.pointer, n) === 0;
  }

  /** Returns n objects from the table to the pool. */
  putBulk(table: ObjectTable, n: number): void {
    shim_mempool_put_bulk(this.pointer, table.pointer, n);
  }

  /** Objects available (in the ring and the caches). */
  get availCount(): number {
    return ffi.rte_mempool_avail_count(this.pointer);
  }

  /** Objects taken out. */
  get inUseCount(): number {
    return ffi.rte_mempool_in_use_count(this.pointer);
  }

  /** Element, header and trailer sizes and the number of elements. */
  get sizes(): { elementSize: number; headerSize: number; trailerSize: number; count: number } {
    const out = new Uint32Array(4);
    ffi.shim_mempool_sizes(this.pointer, out);
    return { elementSize: out[0], headerSize: out[1], trailerSize: out[2], count: out[3] };
  }

  /**
   * The pool's memory, one byte view per virtually contiguous range (adjacent
   * chunks of the pool are merged), created once. The views are detached by
   * {@link free}, so they read as empty instead of touching freed memory.
   */
  get memory(): readonly MemoryChunk[] {
    const pointer = this.pointer;
    const known = memoryByPool.get(this.#handle);
    if (known) return known;
    const max = 64;
    const addrs = new BigUint64Array(max);
    const lens = new BigUint64Array(max);
    const n = Math.min(ffi.shim_mempool_chunks(pointer, addrs, lens, max), max);
    const ranges = Array.from(
      { length: n },
      (_, i) => ({ address: Number(addrs[i]), length: Number(lens[i]) }),
    )
      .sort((a, b) => a.address - b.address);
    const merged: { address: number; length: number }[] = [];
    for (const r of ranges) {
      const last = merged.at(-1);
      if (last && last.address + last.length === r.address) last.length += r.length;
      else merged.push({ ...r });
    }
    const chunks = merged.map(({ address, length }) => ({
      address,
      length,
      bytes: new Uint8Array(
        Deno.UnsafePointerView.getArrayBuffer(Deno.UnsafePointer.create(BigInt(address))!, length),
      ),
    }));
    memoryByPool.set(this.#handle, chunks);
    this.#handle.views = chunks.map((c) => c.bytes.buffer);
    return chunks;
  }

  /** The byte view of the object at `address` (`length` bytes), or throws if outside the pool. */
  bytesAt(address: number, length: number): Uint8Array<ArrayBuffer> {
    for (const c of this.memory) {
      if (address >= c.address && address + length <= c.address + c.length) {
        return c.bytes.subarray(address - c.address, address - c.address + length);
      }
    }
    throw new RangeError(`address 0x${address.toString(16)} is not in mempool '${this.name}'`);
  }

  /** Whether {@link free} was called. */
  get freed(): boolean {
    return this.#handle.pointer === null;
  }

  /** `rte_mempool_free`; detaches the memory views (of every `Mempool` object of this pool in this thread). */
  free(): void {
    ffi.rte_mempool_free(this.pointer);
    release(this.#handle);
  }
}
