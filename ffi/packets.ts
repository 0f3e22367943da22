/**
 * Packets on the fast path: pools of mbufs, typed arrays over a pool's
 * memory, and bursts of packets that C fills and TypeScript reads and
 * rewrites with no FFI call, object, BigInt or allocation per packet.
 *
 * How it works: a receive (or ring dequeue, or allocation) is one FFI call
 * that fills the burst's mbuf table and, for each packet, writes the offset
 * of its data from the pool's base address into `offsets` and its length into
 * `lengths`. Packet bytes are then plain element accesses on one `Uint8Array`
 * / `Uint32Array` created once over the whole pool ({@link PacketMemory}).
 *
 * ```ts
 * const pool = createPktmbufPool("mbufs", 8191, { cacheSize: 256 });
 * const burst = new PacketBurst(pool, 32);
 * const rewrite = new EtherAddresses(MacAddress.parse("02:00:00:00:00:01"), port1.macAddress());
 * const n = rx.receive(burst);
 * for (let i = 0; i < n; i++) {
 *   if (burst.etherType(i) === 0x0800) burst.setAddresses(i, rewrite);
 * }
 * tx.sendAll(burst);
 * ```
 *
 * Whole-burst forms run the same loop once per burst with the values hoisted:
 * `burst.setAllAddresses(rewrite)` and `TxBuffer.addAll(burst)` (what l2fwd
 * uses). Memory: the pool's views detach when the pool is freed, so a stale
 * view reads as empty instead of touching freed memory, and bursts throw
 * `UseAfterFreeError`.
 *
 * Staying fast (what makes V8 leave the fast path):
 * - call the per-packet methods from one loop with the same argument types
 *   every time (numbers; one {@link EtherAddresses} class); V8 inlines them;
 * - do not create objects, closures, strings, subarrays ({@link PacketBurst.bytes})
 *   or BigInts per packet: each one is garbage the GC must collect;
 * - do not mix bursts of other classes, or add properties to a burst: the
 *   accessors stop being monomorphic;
 * - warm the loop up: the first 10 - 20 ms run before V8's top tier, and a
 *   branch taken for the first time may deoptimise once;
 * - keep FFI calls per burst, never per packet;
 * - keep a double that comes from C (a TSC value, a large counter) out of
 *   variables that are sometimes unassigned or mixed with other values on
 *   one path: V8 may box it into a new heap number on every iteration.
 *
 * Packets are reached only inside the burst's pool. A packet whose data lies
 * elsewhere (e.g. an mbuf of another pool received through a ring) has the
 * offset {@link OFFSET_INVALID}: its accessors read `undefined`/0 and writes
 * are ignored. Byte order: x86 (little-endian).
 *
 * @module
 */
import { SOCKET_ID_ANY } from "./constants.ts";
import { cstr } from "./cstring.ts";
import { DpdkError, ObjectError, UsageError, UseAfterFreeError } from "./errors.ts";
import { ffi } from "./library.ts";
import type { EtherAddresses } from "./mac.ts";
import { Mempool } from "./mempool.ts";
import { checkName, lastError } from "./naming.ts";
import { ObjectTable } from "./object_table.ts";
import type { Ring } from "./ring.ts";

const {
  shim_burst_free,
  shim_burst_describe,
  shim_pktmbuf_alloc_bulk,
  shim_burst_set_length,
  shim_ring_dequeue_describe,
} = ffi;

/** `RTE_PKTMBUF_HEADROOM` */
export const RTE_PKTMBUF_HEADROOM = 128;
/** `RTE_MBUF_DEFAULT_BUF_SIZE`: 2048 bytes of data room plus the headroom. */
export const RTE_MBUF_DEFAULT_BUF_SIZE: number = 2048 + RTE_PKTMBUF_HEADROOM;
/** The offset of a packet whose data is not in the burst's pool. */
export const OFFSET_INVALID = 0xffffffff;

/** Options of {@link createPktmbufPool}. */
export interface PktmbufPoolOptions {
  /** Per-lcore cache size. Default 256 (the C examples' `MEMPOOL_CACHE_SIZE`). */
  cacheSize?: number;
  /** Application private area per mbuf, a multiple of 8. Default 0. */
  privateSize?: number;
  /** Data room per mbuf, headroom included. Default {@link RTE_MBUF_DEFAULT_BUF_SIZE}. */
  dataRoomSize?: number;
  /** NUMA socket. Default any. */
  socketId?: number;
}

/**
 * `rte_pktmbuf_pool_create`: a {@link Mempool} of `count` mbufs.
 * @throws {ObjectError} e.g. when the name exists or hugepage memory is short.
 */
export function createPktmbufPool(name: string, count: number, options: PktmbufPoolOptions = {}): Mempool {
  checkName("mempool", name);
  const p = ffi.rte_pktmbuf_pool_create(
    cstr(name),
    count,
    options.cacheSize ?? 256,
    options.privateSize ?? 0,
    options.dataRoomSize ?? RTE_MBUF_DEFAULT_BUF_SIZE,
    options.socketId ?? SOCKET_ID_ANY,
  );
  if (p === null) {
    throw new ObjectError(`cannot create mbuf pool '${name}': ${lastError()}`, { errno: ffi.shim_errno() });
  }
  return new Mempool(name, p);
}

/** A pool's memory cannot be reached through one typed array. */
export class PacketMemoryError extends DpdkError {}

const memories = new WeakMap<Mempool, PacketMemory>();

/**
 * A mbuf pool's memory as one `Uint8Array` and one `Uint32Array`, created
 * once per pool. The pool must lie in one virtually contiguous range (its
 * chunks adjacent), as `rte_pktmbuf_pool_create` makes it on hugepages.
 * `free()` on the pool detaches the arrays: afterwards they are empty (never
 * a dangling pointer) and bursts over the pool throw {@link UseAfterFreeError}.
 * Views are per thread: a pool freed in another thread or process is not
 * seen here.
 */
export class PacketMemory {
  /** The pool. */
  readonly pool: Mempool;
  /** Virtual address of the first byte. */
  readonly address: number;
  /** The memory's bytes. */
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** The same bytes as 32-bit words (index = byte offset / 4). */
  readonly words: Uint32Array<ArrayBuffer>;
  /** The same bytes as 64-bit words (index = byte offset / 8). */
  readonly quads: BigUint64Array<ArrayBuffer>;

  private constructor(pool: Mempool) {
    const chunks = pool.memory;
    if (chunks.length !== 1) {
      throw new PacketMemoryError(
        `mempool '${pool.name}' lies in ${chunks.length} separate memory ranges; packet views need one ` +
          `contiguous range (create fewer or smaller mbufs, or use larger hugepages)`,
      );
    }
    const first = chunks[0];
    if (first.address % 8 !== 0) {
      throw new PacketMemoryError(`mempool '${pool.name}' memory is not 8-byte aligned`);
    }
    // the pool's own view, which Mempool.free() detaches
    const buffer = first.bytes.buffer;
    this.pool = pool;
    this.address = first.address;
    this.bytes = new Uint8Array(buffer);
    this.words = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
    this.quads = new BigUint64Array(buffer, 0, Math.floor(buffer.byteLength / 8));
  }

  /** The memory of `pool` (one object per pool). @throws {PacketMemoryError} */
  static of(pool: Mempool): PacketMemory {
    let m = memories.get(pool);
    if (!m) {
      m = new PacketMemory(pool);
      memories.set(pool, m);
    }
    return m;
  }

  /** Bytes in the memory (0 once the pool is freed). */
  get length(): number {
    return this.bytes.length;
  }

  /** Whether the pool was freed (the views are detached). */
  get freed(): boolean {
    return this.words.length === 0;
  }

  /** Checks that the pool still exists. @throws {UseAfterFreeError} if it was freed. */
  check(): void {
    if (this.words.length === 0) {
      throw new UseAfterFreeError(`mbuf pool '${this.pool.name}' used after free()`);
    }
  }
}

/**
 * A burst of packets of one mbuf pool: the mbuf pointers (an
 * {@link ObjectTable}, so a burst can go through a {@link Ring}), and the
 * data offset and length of each packet. Filled by `RxQueue.receive`,
 * {@link dequeue} and {@link alloc}; `count` is the number of packets in it.
 *
 * The per-packet methods are the fast path: numbers in, numbers out.
 */
export class PacketBurst {
  /** Maximum packets. */
  readonly capacity: number;
  /** The pool's memory that the offsets point into. */
  readonly memory: PacketMemory;
  /** The mbuf pointers (`struct rte_mbuf *[capacity]`). */
  readonly table: ObjectTable;
  /** Data offset of packet i from `memory`'s start ({@link OFFSET_INVALID} if outside). */
  readonly offsets: Uint32Array<ArrayBuffer>;
  /** Data length of packet i. */
  readonly lengths: Uint16Array<ArrayBuffer>;
  /** `struct shim_burst *` for the shim's burst functions. */
  readonly pointer: Deno.PointerObject;
  /** Number of packets in the burst. */
  count = 0;
  readonly #bytes: Uint8Array<ArrayBuffer>;
  readonly #words: Uint32Array<ArrayBuffer>;
  readonly #quads: BigUint64Array<ArrayBuffer>;
  readonly #control: BigUint64Array<ArrayBuffer>;

  /** An empty burst of up to `capacity` packets of `pool`. @throws {PacketMemoryError} */
  constructor(pool: Mempool | PacketMemory, capacity = 32) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 65535) {
      throw new UsageError(`bad burst capacity ${capacity}`);
    }
    this.memory = pool instanceof PacketMemory ? pool : PacketMemory.of(pool);
    this.memory.check();
    this.capacity = capacity;
    this.table = new ObjectTable(capacity);
    this.offsets = new Uint32Array(new ArrayBuffer(capacity * 4));
    this.lengths = new Uint16Array(new ArrayBuffer(Math.max(capacity * 2, 8)));
    this.#bytes = this.memory.bytes;
    this.#words = this.memory.words;
    this.#quads = this.memory.quads;
    const address = (a: ArrayBufferView) => BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(a)));
    this.#control = new BigUint64Array(new ArrayBuffer(40));
    this.#control[0] = address(this.table.words);
    this.#control[1] = address(this.offsets);
    this.#control[2] = address(this.lengths);
    this.#control[3] = BigInt(this.memory.address);
    this.#control[4] = BigInt(this.memory.length);
    this.pointer = Deno.UnsafePointer.of(this.#control)!;
  }

  /** Data length of packet i. */
  length(i: number): number {
    return this.lengths[i];
  }

  /** Whether packet i's data is inside the pool (and so reachable). */
  valid(i: number): boolean {
    return this.offsets[i] !== OFFSET_INVALID;
  }

  /** Byte k of packet i. */
  byte(i: number, k: number): number {
    return this.#bytes[this.offsets[i] + k];
  }

  /** Sets byte k of packet i. */
  setByte(i: number, k: number, value: number): void {
    this.#bytes[this.offsets[i] + k] = value;
  }

  /** Big-endian 16-bit value at byte k of packet i. */
  u16(i: number, k: number): number {
    const o = this.offsets[i] + k;
    return (this.#bytes[o] << 8) | this.#bytes[o + 1];
  }

  /** Stores a big-endian 16-bit value at byte k of packet i. */
  setU16(i: number, k: number, value: number): void {
    const o = this.offsets[i] + k;
    this.#bytes[o] = value >>> 8;
    this.#bytes[o + 1] = value;
  }

  /** The Ethernet type of packet i (bytes 12-13). */
  etherType(i: number): number {
    return this.u16(i, 12);
  }

  /** Sets the Ethernet type of packet i. */
  setEtherType(i: number, type: number): void {
    this.setU16(i, 12, type);
  }

  /** The destination address of packet i, as a 48-bit number (first byte most significant). */
  dstMac(i: number): number {
    return this.#mac(this.offsets[i]);
  }

  /** The source address of packet i, as a 48-bit number. */
  srcMac(i: number): number {
    return this.#mac(this.offsets[i] + 6);
  }

  /** Sets the destination address of packet i from a 48-bit number. */
  setDstMac(i: number, mac: number): void {
    this.#setMac(this.offsets[i], mac);
  }

  /** Sets the source address of packet i from a 48-bit number. */
  setSrcMac(i: number, mac: number): void {
    this.#setMac(this.offsets[i] + 6, mac);
  }

  #mac(o: number): number {
    const b = this.#bytes;
    return (((b[o] << 8) | b[o + 1]) * 4294967296) +
      (((b[o + 2] << 24) | (b[o + 3] << 16) | (b[o + 4] << 8) | b[o + 5]) >>> 0);
  }

  #setMac(o: number, mac: number): void {
    const b = this.#bytes;
    const hi = Math.floor(mac / 4294967296);
    const lo = mac >>> 0;
    b[o] = hi >>> 8;
    b[o + 1] = hi;
    b[o + 2] = lo >>> 24;
    b[o + 3] = lo >>> 16;
    b[o + 4] = lo >>> 8;
    b[o + 5] = lo;
  }

  /**
   * Rewrites packet i's destination and source addresses: a 64-bit and a
   * 32-bit store when the data is 8-byte aligned (the usual case: mbuf data
   * starts on a cache line), three 32-bit stores when 4-byte aligned, bytes
   * otherwise. (A constant `bigint` stored into a `BigUint64Array` allocates
   * nothing.)
   */
  setAddresses(i: number, a: EtherAddresses): void {
    const o = this.offsets[i];
    if ((o & 7) === 0) {
      this.#quads[o >>> 3] = a.quad0;
      this.#words[(o >>> 2) + 2] = a.word2i;
    } else if ((o & 3) === 0) {
      const w = this.#words;
      const k = o >>> 2;
      w[k] = a.word0;
      w[k + 1] = a.word1;
      w[k + 2] = a.word2;
    } else {
      this.#bytes.set(a.dst.bytes, o);
      this.#bytes.set(a.src.bytes, o + 6);
    }
  }

  /** {@link setAddresses} on every packet of the burst (one loop, values hoisted). */
  setAllAddresses(a: EtherAddresses): void {
    const n = this.count;
    const offsets = this.offsets;
    const q = this.#quads;
    const w = this.#words;
    const q0 = a.quad0;
    const w2 = a.word2i;
    for (let i = 0; i < n; i++) {
      const o = offsets[i];
      if ((o & 7) === 0) {
        q[o >>> 3] = q0;
        w[(o >>> 2) + 2] = w2;
      } else {
        this.setAddresses(i, a);
      }
    }
  }

  /**
   * Packet i's bytes as a new `Uint8Array` over the pool (not the fast path:
   * it allocates). @throws {UseAfterFreeError} if the pool was freed.
   */
  bytes(i: number): Uint8Array<ArrayBuffer> {
    this.memory.check();
    if (i >= this.count) throw new RangeError(`packet ${i} is not in the burst (${this.count} packets)`);
    const o = this.offsets[i];
    if (o === OFFSET_INVALID) {
      throw new RangeError(`packet ${i} is not in mbuf pool '${this.memory.pool.name}'`);
    }
    return this.#bytes.subarray(o, o + this.lengths[i]);
  }

  /**
   * Sets packet i's length (one-segment packets). @throws {RangeError} when
   * it exceeds the mbuf's room.
   */
  setLength(i: number, length: number): void {
    if (shim_burst_set_length(this.pointer, i, length) !== 0) {
      throw new RangeError(`packet length ${length} does not fit the mbuf`);
    }
  }

  /**
   * `rte_pktmbuf_alloc_bulk`: fills the burst with n fresh, empty packets of
   * the pool. Returns false (and leaves the burst empty) if the pool is short.
   */
  alloc(n: number): boolean {
    this.memory.check();
    if (n > this.capacity) {
      throw new RangeError(`cannot allocate ${n} packets in a burst of ${this.capacity}`);
    }
    const ok = shim_pktmbuf_alloc_bulk(this.memory.pool.pointer, this.pointer, n) === 0;
    this.count = ok ? n : 0;
    return ok;
  }

  /** Frees packets [from, count) back to their pools (`rte_pktmbuf_free_bulk`); count becomes `from`. */
  free(from = 0): void {
    if (from < this.count) shim_burst_free(this.pointer, from, this.count - from);
    this.count = Math.min(from, this.count);
  }

  /**
   * Enqueues the burst's packets to a ring; returns how many went in. The
   * others stay at [sent, count): free them with `free(sent)` or retry.
   */
  enqueue(ring: Ring): number {
    return ring.enqueueBurst(this.table, this.count);
  }

  /** Dequeues up to `max` packets from a ring into the burst; returns the count. */
  dequeue(ring: Ring, max: number = this.capacity): number {
    this.memory.check();
    const n = shim_ring_dequeue_describe(
      ring.pointer,
      this.pointer,
      max < this.capacity ? max : this.capacity,
    );
    this.count = n;
    return n;
  }

  /**
   * Recomputes offsets and lengths of packets [from, to) after their mbuf
   * pointers were put in `table` by other means (e.g. `Ring.dequeueBurst`).
   */
  describe(from: number, to: number): void {
    shim_burst_describe(this.pointer, from, to);
  }

  /**
   * Appends packet i of `from` (its mbuf, which now belongs to this burst)
   * without a copy of its data; returns false when full.
   */
  push(from: PacketBurst, i: number): boolean {
    const n = this.count;
    if (n === this.capacity) return false;
    const src = from.table.words;
    const dst = this.table.words;
    dst[2 * n] = src[2 * i];
    dst[2 * n + 1] = src[2 * i + 1];
    this.offsets[n] = from.memory === this.memory ? from.offsets[i] : OFFSET_INVALID;
    this.lengths[n] = from.lengths[i];
    this.count = n + 1;
    return true;
  }
}
