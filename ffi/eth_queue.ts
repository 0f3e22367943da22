/**
 * The ethdev data path: receive into and send from {@link PacketBurst}s,
 * and a TX buffer with the semantics of `rte_eth_tx_buffer` (send when 32
 * packets are buffered, or on `flush()`; free and count what the queue
 * refused). One FFI call per burst, numbers and pre-made pointers only.
 *
 * @module
 */
import { UsageError } from "./errors.ts";
import { ffi } from "./library.ts";
import { ObjectTable } from "./object_table.ts";
import type { PacketBurst } from "./packets.ts";

const { shim_eth_rx_burst, shim_eth_rx_burst_opaque, shim_eth_tx_burst, shim_eth_tx_flush, shim_burst_free } =
  ffi;

/** Receive queue `queue` of port `port`. Any thread may use it; one thread per queue. */
export class RxQueue {
  /** Port id. */
  readonly port: number;
  /** Queue id. */
  readonly queue: number;

  /** The queue (no check: get it from `EthPort.rxQueue`). */
  constructor(port: number, queue: number) {
    this.port = port;
    this.queue = queue;
  }

  /**
   * `rte_eth_rx_burst` into `burst` (up to its capacity): fills its mbufs,
   * offsets and lengths; returns and stores the count. The burst must be
   * empty (its packets sent, enqueued or freed), or they leak.
   * @throws {UseAfterFreeError} if the burst's pool was freed.
   */
  receive(burst: PacketBurst): number {
    if (burst.memory.words.length === 0) burst.memory.check();
    const n = shim_eth_rx_burst(this.port, this.queue, burst.pointer, burst.capacity);
    burst.count = n;
    return n;
  }

  /**
   * Like {@link receive}, for code that moves packets without reading them
   * (forwarding by queue, distributing to rings): only the mbuf table is
   * filled, the packets' offsets and lengths are not (their accessors read
   * stale values), and no packet data is touched or prefetched.
   */
  receiveOpaque(burst: PacketBurst): number {
    if (burst.memory.words.length === 0) burst.memory.check();
    const n = shim_eth_rx_burst_opaque(this.port, this.queue, burst.pointer, burst.capacity);
    burst.count = n;
    return n;
  }
}

/** Transmit queue `queue` of port `port`. One thread per queue. */
export class TxQueue {
  /** Port id. */
  readonly port: number;
  /** Queue id. */
  readonly queue: number;

  /** The queue (no check: get it from `EthPort.txQueue`). */
  constructor(port: number, queue: number) {
    this.port = port;
    this.queue = queue;
  }

  /**
   * `rte_eth_tx_burst` of packets [from, from + n) of the burst; returns how
   * many the queue took (they now belong to the driver). The rest stay in
   * the burst: retry, or free them with `burst.free(from + sent)`.
   */
  send(burst: PacketBurst, from = 0, n: number = burst.count - from): number {
    return shim_eth_tx_burst(this.port, this.queue, burst.pointer, from, n);
  }

  /** Sends the whole burst, frees what the queue refused, empties the burst; returns the number sent. */
  sendAll(burst: PacketBurst): number {
    const sent = shim_eth_tx_flush(this.port, this.queue, burst.table.pointer, burst.count);
    burst.count = 0;
    return sent;
  }
}

/**
 * Buffered transmission like `rte_eth_tx_buffer`: {@link add} stores a
 * packet's mbuf and sends the buffer when it holds `size` packets;
 * {@link flush} sends what is buffered. Packets the queue refuses are freed
 * and counted in {@link dropped} (`rte_eth_tx_buffer_count_callback`).
 */
export class TxBuffer {
  /** The queue the buffer sends to. */
  readonly tx: TxQueue;
  /** Packets that trigger a send. */
  readonly size: number;
  /** Packets freed because the queue was full. */
  dropped = 0;
  /** Packets waiting in the buffer. */
  length = 0;
  readonly #table: ObjectTable;
  readonly #words: Uint32Array<ArrayBuffer>;
  readonly #pointer: Deno.PointerObject;
  readonly #port: number;
  readonly #queue: number;

  /** A buffer of `size` packets (default 32, `MAX_PKT_BURST`) for `tx`. */
  constructor(tx: TxQueue, size = 32) {
    if (!Number.isInteger(size) || size < 1 || size > 65535) {
      throw new UsageError(`bad TX buffer size ${size}`);
    }
    this.tx = tx;
    this.size = size;
    this.#table = new ObjectTable(size);
    this.#words = this.#table.words;
    this.#pointer = this.#table.pointer;
    this.#port = tx.port;
    this.#queue = tx.queue;
  }

  /**
   * Buffers packet i of `burst` (the mbuf now belongs to the buffer). When
   * the buffer is full it is sent: returns the number sent, else 0.
   */
  add(burst: PacketBurst, i: number): number {
    const src = burst.table.words;
    const n = this.length;
    this.#words[2 * n] = src[2 * i];
    this.#words[2 * n + 1] = src[2 * i + 1];
    this.length = n + 1;
    return n + 1 < this.size ? 0 : this.flush();
  }

  /**
   * {@link add} of packets [from, count) of the burst, in order (sending
   * whenever the buffer fills, exactly as one `add` per packet would);
   * returns the number sent. The burst is left empty.
   */
  addAll(burst: PacketBurst, from = 0): number {
    const size = this.size;
    const end = burst.count;
    let i = from;
    let sent = 0;
    // An empty buffer would fill up with the next `size` packets and be sent at once: send them
    // straight from the burst's table (copying mbuf pointers costs more than the send).
    while (this.length === 0 && end - i >= size) {
      const k = shim_eth_tx_burst(this.#port, this.#queue, burst.pointer, i, size);
      if (k < size) {
        shim_burst_free(burst.pointer, i + k, size - k);
        this.dropped += size - k;
      }
      sent += k;
      i += size;
    }
    const src = burst.table.words;
    const dst = this.#words;
    let n = this.length;
    for (; i < end; i++) {
      dst[2 * n] = src[2 * i];
      dst[2 * n + 1] = src[2 * i + 1];
      if (++n === size) {
        this.length = n;
        sent += this.flush();
        n = 0;
      }
    }
    this.length = n;
    burst.count = 0;
    return sent;
  }

  /** Sends the buffered packets (`rte_eth_tx_buffer_flush`); returns the number sent. */
  flush(): number {
    const n = this.length;
    if (n === 0) return 0;
    const sent = shim_eth_tx_flush(this.#port, this.#queue, this.#pointer, n);
    this.length = 0;
    this.dropped += n - sent;
    return sent;
  }
}
