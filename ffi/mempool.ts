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

/** A named `rte_mempool`. */
export class Mempool {
  /** The pool's name, shared by the process group. */
  readonly name: string;
  #pool: Deno.PointerObject | null;
  #chunks: MemoryChunk[] | undefined;

  /** Wraps an existing `struct rte_mempool *` (from another API that returns one). */
  constructor(name: string, pool: Deno.PointerObject) {
    this.name = name;
    this.#pool = pool;
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
    if (this.#pool === null) throw new UseAfterFreeError(`mempool '${this.name}' used after free()`);
    return this.#pool;
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
   * The pool's memory, one byte view per contiguous range, created once.
   * The views are detached by {@link free}, so they read as empty instead of
   * touching freed memory.
   */
  get memory(): readonly MemoryChunk[] {
    if (this.#chunks) return this.#chunks;
    const max = 64;
    const addrs = new BigUint64Array(max);
    const lens = new BigUint64Array(max);
    const n = Math.min(ffi.shim_mempool_chunks(this.pointer, addrs, lens, max), max);
    const chunks: MemoryChunk[] = [];
    for (let i = 0; i < n; i++) {
      const ptr = Deno.UnsafePointer.create(addrs[i])!;
      const length = Number(lens[i]);
      chunks.push({
        address: Number(addrs[i]),
        length,
        bytes: new Uint8Array(Deno.UnsafePointerView.getArrayBuffer(ptr, length)),
      });
    }
    this.#chunks = chunks;
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
    return this.#pool === null;
  }

  /** `rte_mempool_free`; detaches the memory views. */
  free(): void {
    ffi.rte_mempool_free(this.pointer);
    this.#pool = null;
    for (const c of this.#chunks ?? []) c.bytes.buffer.transfer(0);
    this.#chunks = undefined;
  }
}
