/**
 * symmetric_mp's data path, the same on every lcore: receive a burst on
 * this process's queue of each port and send it on the same queue of the
 * paired port (0 <-> 1, 2 <-> 3, ...); what the queue refuses is freed and
 * counted as dropped.
 */
import { RTE_MAX_ETHPORTS } from "../../ffi/constants.ts";
import { EthPort } from "../../ffi/ethdev.ts";
import type { Mempool } from "../../ffi/mempool.ts";
import { PacketBurst } from "../../ffi/packets.ts";

/** Packets per burst (`PKT_BURST`). */
export const PKT_BURST = 32;
/** Name of the shared mbuf pool. */
export const SMP_MBUF_POOL = "SMP_MBUF_POOL";

/** Per port id: rx at [3p], tx at [3p + 1], drop at [3p + 2]. */
export type PortStats = Float64Array;

/** A zeroed {@link PortStats}. */
export function newPortStats(): PortStats {
  return new Float64Array(3 * RTE_MAX_ETHPORTS);
}

/**
 * Forwards ports[start, end) (pairs) on `queue` until `stopped()`; returns
 * this lcore's counters.
 */
export function forward(
  pool: Mempool,
  ports: readonly number[],
  queue: number,
  stopped: () => boolean,
): PortStats {
  const stats = newPortStats();
  const burst = new PacketBurst(pool, PKT_BURST);
  const rx = ports.map((p) => new EthPort(p).rxQueue(queue));
  const tx = ports.map((_, i) => new EthPort(ports[i ^ 1]).txQueue(queue));
  const src = ports.map((p) => 3 * p);
  const dst = ports.map((_, i) => 3 * ports[i ^ 1]);
  const n = ports.length;
  while (!stopped()) {
    for (let i = 0; i < n; i++) {
      const got = rx[i].receiveOpaque(burst);
      if (got === 0) continue;
      stats[src[i]] += got;
      const sent = tx[i].sendAll(burst);
      stats[dst[i] + 1] += sent;
      stats[dst[i] + 2] += got - sent;
    }
  }
  return stats;
}

/** The C app's opening lines for an lcore. */
export function announce(lcore: number, ports: readonly number[], queue: number): string {
  return `Lcore ${lcore} using ports ${ports.map((p) => `${p} `).join("")}\n` +
    `lcore ${lcore} using queue ${queue} of each port\n`;
}
