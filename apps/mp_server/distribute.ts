/**
 * The server's data path: read a burst from each port in turn (queue 0)
 * and hand the packets round-robin to the clients' rings, a bulk enqueue
 * per client per burst; a client whose ring is full loses the whole lot
 * (freed, counted in its rx_drop), as in the C server.
 */
import type { RxQueue } from "../../ffi/eth_queue.ts";
import type { Mempool } from "../../ffi/mempool.ts";
import { PacketBurst, PacketMemory } from "../../ffi/packets.ts";
import type { Ring } from "../../ffi/ring.ts";
import { BURST_SIZE, rxOffset, type SharedCounters } from "../client_server_mp/shared.ts";

/** Round-robin distribution of port packets to client rings. */
export class Distributor {
  readonly #rx: RxQueue[];
  readonly #rings: Ring[];
  readonly #burst: PacketBurst;
  readonly #perClient: PacketBurst[];
  readonly #counters: SharedCounters;
  readonly #clientStats: Float64Array;
  #port = 0;
  #client = 0;

  /**
   * `rx`: queue 0 of each port, in `port_info.id` order; `rings`: one per
   * client; `clientStats`: [rx, rx_drop] per client.
   */
  constructor(
    pool: Mempool,
    rx: RxQueue[],
    rings: Ring[],
    counters: SharedCounters,
    clientStats: Float64Array,
  ) {
    const memory = PacketMemory.of(pool);
    this.#rx = rx;
    this.#rings = rings;
    this.#burst = new PacketBurst(memory, BURST_SIZE);
    this.#perClient = rings.map(() => new PacketBurst(memory, BURST_SIZE));
    this.#counters = counters;
    this.#clientStats = clientStats;
  }

  /** Polls the next port once; returns the packets received. */
  poll(): number {
    const port = this.#port;
    const burst = this.#burst;
    const n = this.#rx[port].receiveOpaque(burst);
    if (++this.#port === this.#rx.length) this.#port = 0;
    if (n === 0) return 0;
    this.#counters.add(rxOffset(port), n);
    const clients = this.#perClient;
    let c = this.#client;
    for (let i = 0; i < n; i++) {
      clients[c].push(burst, i);
      if (++c === clients.length) c = 0;
    }
    this.#client = c;
    burst.count = 0;
    for (let k = 0; k < clients.length; k++) this.#flush(k);
    return n;
  }

  #flush(k: number): void {
    const b = this.#perClient[k];
    const n = b.count;
    if (n === 0) return;
    if (this.#rings[k].enqueueBulk(b.table, n) === 0) {
      b.free();
      this.#clientStats[2 * k + 1] += n;
    } else {
      this.#clientStats[2 * k] += n;
    }
    b.count = 0;
  }
}
