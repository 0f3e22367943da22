/**
 * The client's data path: take bursts from the client's ring and send each
 * packet out of the port paired with the one it arrived on (`mbuf->port`),
 * through a TX buffer per port on the client's own queue; sent and dropped
 * packets are counted in the client's `tx_stats` in `port_info`.
 */
import { RTE_MAX_ETHPORTS } from "../../ffi/constants.ts";
import { TxBuffer } from "../../ffi/eth_queue.ts";
import { EthPort } from "../../ffi/ethdev.ts";
import type { Mempool } from "../../ffi/mempool.ts";
import { PacketBurst, PacketMemory } from "../../ffi/packets.ts";
import type { Ring } from "../../ffi/ring.ts";
import { BURST_SIZE, type SharedCounters, txDropOffset, txOffset } from "../client_server_mp/shared.ts";

/** `offsetof(struct rte_mbuf, port)` in DPDK 22.11 (checked against the C compiler in the tests). */
export const MBUF_PORT_OFFSET = 22;
const TWO_32 = 4294967296;

/** Forwards one client's packets. */
export class ClientForwarder {
  readonly #ring: Ring;
  readonly #burst: PacketBurst;
  readonly #orphans: PacketBurst;
  readonly #bytes: Uint8Array<ArrayBuffer>;
  readonly #base: number;
  readonly #words: Uint32Array<ArrayBuffer>;
  /** Output port by input port id, for any 16-bit `mbuf->port` (-1: not ours). */
  readonly #outPort = new Int32Array(65536).fill(-1);
  /** TX buffer by output port id. */
  readonly #tx: TxBuffer[] = [];
  readonly #portIds: number[];
  readonly #dropped = new Float64Array(RTE_MAX_ETHPORTS);
  readonly #counters: SharedCounters;
  readonly #client: number;
  #needFlush = false;

  /** `portIds`: `port_info.id` (pairs 0-1, 2-3, ...). */
  constructor(
    client: number,
    ring: Ring,
    pool: Mempool,
    portIds: readonly number[],
    counters: SharedCounters,
  ) {
    const memory = PacketMemory.of(pool);
    this.#client = client;
    this.#ring = ring;
    this.#burst = new PacketBurst(memory, BURST_SIZE);
    this.#orphans = new PacketBurst(memory, BURST_SIZE);
    this.#bytes = memory.bytes;
    this.#base = memory.address;
    this.#words = this.#burst.table.words;
    this.#counters = counters;
    this.#portIds = [...portIds];
    for (let i = 0; i + 1 < portIds.length; i += 2) {
      this.#outPort[portIds[i]] = portIds[i + 1];
      this.#outPort[portIds[i + 1]] = portIds[i];
    }
    const dummy = new TxBuffer(new EthPort(portIds[0]).txQueue(client));
    for (let p = 0; p < RTE_MAX_ETHPORTS; p++) {
      this.#tx.push(this.#outPort[p] >= 0 ? new TxBuffer(new EthPort(p).txQueue(client)) : dummy);
    }
  }

  /** Handles one ring burst (or flushes the TX buffers when the ring is empty); returns packets taken. */
  poll(): number {
    const burst = this.#burst;
    const n = burst.dequeue(this.#ring);
    if (n === 0) {
      if (this.#needFlush) this.flush();
      return 0;
    }
    const words = this.#words;
    const bytes = this.#bytes;
    const base = this.#base;
    for (let i = 0; i < n; i++) {
      const at = words[2 * i] + words[2 * i + 1] * TWO_32 - base + MBUF_PORT_OFFSET;
      const out = this.#outPort[bytes[at] | (bytes[at + 1] << 8)];
      if (out < 0) {
        this.#orphans.push(burst, i);
        continue;
      }
      const sent = this.#tx[out].add(burst, i);
      if (sent > 0) this.#counters.add(txOffset(this.#client, out), sent);
    }
    burst.count = 0;
    if (this.#orphans.count > 0) this.#orphans.free();
    this.#syncDrops();
    this.#needFlush = true;
    return n;
  }

  /** Sends what the TX buffers hold. */
  flush(): void {
    for (const p of this.#portIds) {
      const sent = this.#tx[p].flush();
      if (sent > 0) this.#counters.add(txOffset(this.#client, p), sent);
    }
    this.#syncDrops();
    this.#needFlush = false;
  }

  #syncDrops(): void {
    for (const p of this.#portIds) {
      const d = this.#tx[p].dropped - this.#dropped[p];
      if (d > 0) {
        this.#counters.add(txDropOffset(this.#client, p), d);
        this.#dropped[p] += d;
      }
    }
  }
}
