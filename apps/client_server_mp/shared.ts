/**
 * What mp_server and mp_client share with DPDK's C client_server_mp
 * (`shared/common.h`): the names of the pool, rings and memzone, and the
 * `port_info` struct with the C layout.
 */
import { RTE_MAX_ETHPORTS } from "../../ffi/constants.ts";
import { aligned, array, struct, u16, u64 } from "../../ffi/layout.ts";

/** `MAX_CLIENTS` */
export const MAX_CLIENTS = 16;
/** `PKTMBUF_POOL_NAME` */
export const PKTMBUF_POOL_NAME = "MProc_pktmbuf_pool";
/** `MZ_PORT_INFO` */
export const MZ_PORT_INFO = "MProc_port_info";
/** Size of each client's receive ring (`CLIENT_QUEUE_RINGSIZE`). */
export const CLIENT_QUEUE_RINGSIZE = 128;
/** Packets per burst, from a port or a ring (`PACKET_READ_SIZE`, `PKT_READ_SIZE`). */
export const BURST_SIZE = 32;

/** `MP_CLIENT_RXQ_NAME` ("MProc_Client_%u_RX") for a client id. */
export function clientRingName(id: number): string {
  return `MProc_Client_${id}_RX`;
}

/** `struct rx_stats` (cache aligned). */
export const RxStats = aligned(struct({ rx: array(u64, RTE_MAX_ETHPORTS) }), 64);
/** `struct tx_stats` (cache aligned). */
export const TxStats = aligned(
  struct({ tx: array(u64, RTE_MAX_ETHPORTS), tx_drop: array(u64, RTE_MAX_ETHPORTS) }),
  64,
);
/** `struct port_info`, the `MProc_port_info` memzone. */
export const PortInfo = struct({
  num_ports: u16,
  id: array(u16, RTE_MAX_ETHPORTS),
  rx_stats: RxStats,
  tx_stats: array(TxStats, MAX_CLIENTS),
});

/** Byte offset of `rx_stats.rx[i]` in `port_info`. */
export function rxOffset(i: number): number {
  return PortInfo.offsets.rx_stats + RxStats.offsets.rx + 8 * i;
}

/** Byte offset of `tx_stats[client].tx[port]` in `port_info`. */
export function txOffset(client: number, port: number): number {
  return PortInfo.offsets.tx_stats + client * TxStats.size + TxStats.offsets.tx + 8 * port;
}

/** Byte offset of `tx_stats[client].tx_drop[port]` in `port_info`. */
export function txDropOffset(client: number, port: number): number {
  return PortInfo.offsets.tx_stats + client * TxStats.size + TxStats.offsets.tx_drop + 8 * port;
}

const TWO_32 = 4294967296;

/**
 * `uint64_t` counters in shared memory updated with plain numbers (no
 * BigInt on the data path): each counter is two 32-bit words. Like the C
 * apps' `+=` on volatile counters, an update is not atomic; one writer per
 * counter.
 */
export class SharedCounters {
  readonly #words: Uint32Array<ArrayBuffer>;

  /** Counters in `bytes` (a `port_info`, 8-byte aligned). */
  constructor(bytes: Uint8Array<ArrayBuffer>) {
    this.#words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
  }

  /** Adds n (< 2^32) to the counter at byte offset `at`. */
  add(at: number, n: number): void {
    const w = this.#words;
    const k = at >>> 2;
    const lo = w[k] + n;
    if (lo >= TWO_32) {
      w[k] = lo - TWO_32;
      w[k + 1] = w[k + 1] + 1;
    } else {
      w[k] = lo;
    }
  }

  /** The counter at byte offset `at`, as a number. */
  get(at: number): number {
    const k = at >>> 2;
    return this.#words[k] + this.#words[k + 1] * TWO_32;
  }
}
