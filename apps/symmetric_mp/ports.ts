/**
 * The primary's port set-up, as `smp_port_init` does it: N rx and tx
 * queues, RSS on IP (masked to what the device supports, saying so), HW
 * checksum offload, and the C app's two retries (without checksum offload
 * on EINVAL, without RSS on ENOTSUP).
 */
import {
  EthdevError,
  type EthPort,
  RTE_ETH_RSS_IP as RSS_IP,
  RTE_ETH_RX_OFFLOAD_CHECKSUM as RX_OFFLOAD_CHECKSUM,
} from "../../ffi/ethdev.ts";
import type { Mempool } from "../../ffi/mempool.ts";
import { out } from "../common/console.ts";

const EINVAL = 22;
const ENOTSUP = 95;
const RX_RING_SIZE = 1024;
const TX_RING_SIZE = 1024;

const hex = (v: bigint) => (v === 0n ? "0" : `0x${v.toString(16)}`);

function configure(port: EthPort, queues: number): void {
  const options = { rss: RSS_IP as bigint | false, rxOffloads: RX_OFFLOAD_CHECKSUM };
  const attempt = () => port.configure(queues, queues, options);
  try {
    attempt();
    return;
  } catch (error) {
    if (!(error instanceof EthdevError) || error.errno !== EINVAL) {
      if (!(error instanceof EthdevError) || error.errno !== ENOTSUP) throw error;
    } else {
      out(`Port ${port.id} configuration failed. Re-attempting with HW checksum disabled.\n`);
      options.rxOffloads = 0n;
      try {
        attempt();
        return;
      } catch (again) {
        if (!(again instanceof EthdevError) || again.errno !== ENOTSUP) throw again;
      }
    }
  }
  out(`Port ${port.id} configuration failed. Re-attempting with HW RSS disabled.\n`);
  options.rss = false;
  attempt();
}

/** Initialises and starts `port` with `queues` rx and tx queues fed from `pool`. @throws {EthdevError} */
export function initPort(port: EthPort, pool: Mempool, queues: number): void {
  out(`# Initialising port ${port.id}... `);
  const info = port.info();
  const configured = RSS_IP & info.rssOffloads;
  if (configured !== RSS_IP) {
    out(
      `Port ${port.id} modified RSS hash function based on hardware support,` +
        `requested:${hex(RSS_IP)} configured:${hex(configured)}\n`,
    );
  }
  configure(port, queues);
  port.setupQueues(queues, queues, { rx: RX_RING_SIZE, tx: TX_RING_SIZE }, pool, { dropWhenFull: true });
  port.promiscuous = true;
  port.start();
}
