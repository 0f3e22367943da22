/**
 * l2fwd's per-lcore loop, the same on the main lcore and on workers: drain
 * the TX buffers every ~100 us (`BURST_TX_DRAIN_US`), print the statistics
 * every `-T` seconds on the main lcore, and forward each received burst to
 * the paired port with the MAC rewrite.
 *
 * Fast path: one FFI call per rx burst, one per 32 sent packets, one TSC
 * read per iteration; per packet only typed-array loads and stores, in
 * burst-wide loops (`setAllAddresses`, `TxBuffer.addAll`: the same frames,
 * order and flush points as one `rte_eth_tx_buffer` per packet).
 */
import { TxBuffer } from "../../ffi/eth_queue.ts";
import { EthPort } from "../../ffi/ethdev.ts";
import { EtherAddresses, MacAddress } from "../../ffi/mac.ts";
import { Mempool } from "../../ffi/mempool.ts";
import { PacketBurst } from "../../ffi/packets.ts";
import { rdtsc, tscHz } from "../../ffi/tsc.ts";
import { out } from "../common/console.ts";

/** `MAX_PKT_BURST` */
export const MAX_PKT_BURST = 32;
/** `BURST_TX_DRAIN_US` */
export const BURST_TX_DRAIN_US = 100;
/** The loop reads the TSC on one iteration in TSC_MASK + 1. */
const TSC_MASK = 3;

/** Counters per port, shared by all lcores: [tx, rx, dropped] at 3 * port. */
export const STAT_TX = 0;
/** Index of the rx counter in a port's three. */
export const STAT_RX = 1;
/** Index of the dropped counter in a port's three. */
export const STAT_DROPPED = 2;

/** What one lcore's loop needs (structured-cloneable, for a Worker). */
export interface LoopParams {
  /** The lcore running the loop. */
  lcoreId: number;
  /** Whether it is the main lcore (which prints the statistics). */
  isMain: boolean;
  /** The ports it polls (queue 0 each). */
  rxPorts: number[];
  /** Destination port of every port. */
  dstPorts: number[];
  /** MAC address bytes of every enabled port. */
  macs: (number[] | null)[];
  /** Rewrite MAC addresses. */
  macUpdating: boolean;
  /** Statistics period in seconds (0: none). */
  timerPeriod: number;
  /** Enabled ports (for the statistics screen). */
  portMask: number;
  /** The mbuf pool's name. */
  poolName: string;
  /** Per-port counters (Float64Array over it). */
  stats: SharedArrayBuffer;
}

const num = (n: number, width: number) => String(n).padStart(width);

/** The statistics screen of `dpdk-l2fwd` (clear screen, per port, aggregate). */
export function statsScreen(stats: Float64Array, portMask: number): string {
  let text = "\x1b[2J\x1b[1;1H\nPort statistics ====================================";
  let tx = 0, rx = 0, dropped = 0;
  for (let port = 0; port < 32; port++) {
    if (((portMask >>> port) & 1) === 0) continue;
    const s = stats.subarray(3 * port, 3 * port + 3);
    text += `\nStatistics for port ${port} ------------------------------` +
      `\nPackets sent: ${num(s[STAT_TX], 24)}` +
      `\nPackets received: ${num(s[STAT_RX], 20)}` +
      `\nPackets dropped: ${num(s[STAT_DROPPED], 21)}`;
    tx += s[STAT_TX];
    rx += s[STAT_RX];
    dropped += s[STAT_DROPPED];
  }
  text += "\nAggregate statistics ===============================" +
    `\nTotal packets sent: ${num(tx, 18)}` +
    `\nTotal packets received: ${num(rx, 14)}` +
    `\nTotal packets dropped: ${num(dropped, 15)}` +
    "\n====================================================\n";
  return text;
}

/**
 * Runs the forwarding loop until `stopped()`. Returns at once (after
 * logging it) when the lcore has no port, like the C app.
 */
export function forwardLoop(params: LoopParams, stopped: () => boolean): void {
  const { lcoreId, rxPorts, dstPorts } = params;
  if (rxPorts.length === 0) {
    out(`L2FWD: lcore ${lcoreId} has nothing to do\n`);
    return;
  }
  out(`L2FWD: entering main loop on lcore ${lcoreId}\n`);
  for (const port of rxPorts) out(`L2FWD:  -- lcoreid=${lcoreId} portid=${port}\n`);

  const stats = new Float64Array(params.stats);
  const burst = new PacketBurst(Mempool.lookup(params.poolName), MAX_PKT_BURST);
  const nPorts = rxPorts.length;
  const rxQueues = rxPorts.map((p) => new EthPort(p).rxQueue(0));
  const txBuffers = rxPorts.map((p) => new TxBuffer(new EthPort(dstPorts[p]).txQueue(0), MAX_PKT_BURST));
  const rewrites = rxPorts.map((p) => {
    const dst = dstPorts[p];
    return new EtherAddresses(new MacAddress([2, 0, 0, 0, 0, dst & 0xff]), new MacAddress(params.macs[dst]!));
  });
  const rxIndex = rxPorts.map((p) => 3 * p + STAT_RX);
  const txIndex = rxPorts.map((p) => 3 * dstPorts[p] + STAT_TX);
  const dropIndex = rxPorts.map((p) => 3 * dstPorts[p] + STAT_DROPPED);
  const macUpdating = params.macUpdating;
  const hz = tscHz();
  const drainTsc = Math.floor((hz + 1e6 - 1) / 1e6) * BURST_TX_DRAIN_US;
  const timerPeriod = params.timerPeriod * hz;
  const printer = params.isMain;
  let prevTsc = 0;
  let timerTsc = 0;
  let loops = 0;

  while (!stopped()) {
    // The TSC (an FFI call, ~4x the cost of C's inline rte_rdtsc) is read every TSC_MASK + 1 iterations;
    // an iteration takes well under a microsecond, so TX buffers still drain every ~100 us.
    if ((loops++ & TSC_MASK) === 0) {
      const curTsc = rdtsc();
      const diffTsc = curTsc - prevTsc;
      if (diffTsc > drainTsc) {
        for (let i = 0; i < nPorts; i++) {
          const txb = txBuffers[i];
          const sent = txb.flush();
          if (sent) stats[txIndex[i]] += sent;
          stats[dropIndex[i]] = txb.dropped;
        }
        if (timerPeriod > 0) {
          timerTsc += diffTsc;
          if (timerTsc >= timerPeriod && printer) {
            out(statsScreen(stats, params.portMask));
            timerTsc = 0;
          }
        }
        prevTsc = curTsc;
      }
    }
    for (let i = 0; i < nPorts; i++) {
      const n = rxQueues[i].receive(burst);
      if (n === 0) continue;
      stats[rxIndex[i]] += n;
      if (macUpdating) burst.setAllAddresses(rewrites[i]);
      const txb = txBuffers[i];
      const sent = txb.addAll(burst);
      if (sent) {
        stats[txIndex[i]] += sent;
        stats[dropIndex[i]] = txb.dropped;
      }
    }
  }
}
