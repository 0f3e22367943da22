/**
 * Ethernet ports (`rte_ethdev`): enumeration (PCI and `--vdev` ports alike),
 * device information, configuration with N queues and RSS, queue set-up,
 * start/stop/close, promiscuous mode, MAC address, link status, basic and
 * extended statistics. The data path is in `eth_queue.ts` (get its queues
 * from {@link EthPort.rxQueue} and {@link EthPort.txQueue}).
 *
 * ```ts
 * const pool = createPktmbufPool("mbufs", 8191);
 * for (const port of EthPort.all()) {
 *   port.configure(1, 1);
 *   port.setupRxQueue(0, 1024, pool);
 *   port.setupTxQueue(0, 1024);
 *   port.start();
 * }
 * ```
 *
 * @module
 */
import { serveCapture } from "./capture.ts";
import { RTE_MAX_ETHPORTS } from "./constants.ts";
import { cstr, readCString } from "./cstring.ts";
import { DpdkError, UsageError, UseAfterFreeError } from "./errors.ts";
import { RxQueue, TxQueue } from "./eth_queue.ts";
import { ffi } from "./library.ts";
import { MacAddress } from "./mac.ts";
import type { Mempool } from "./mempool.ts";

/** An ethdev call failed; `errno` is the positive error code. */
export class EthdevError extends DpdkError {}

/** `RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE` */
export const RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE = 1n << 16n;
/** `RTE_ETH_RSS_IP`: IPv4, IPv6 and their fragments and other protocols. */
export const RTE_ETH_RSS_IP: bigint = (1n << 2n) | (1n << 3n) | (1n << 7n) | (1n << 8n) | (1n << 9n) |
  (1n << 13n) | (1n << 15n);
/** `RTE_ETH_RX_OFFLOAD_CHECKSUM`: IPv4, UDP and TCP checksum offload. */
export const RTE_ETH_RX_OFFLOAD_CHECKSUM: bigint = 0xen;
/** `RTE_ETH_RSS_UDP`: UDP over IPv4 and IPv6. */
export const RTE_ETH_RSS_UDP: bigint = (1n << 5n) | (1n << 11n) | (1n << 17n);
/** `RTE_ETH_RSS_TCP`: TCP over IPv4 and IPv6. */
export const RTE_ETH_RSS_TCP: bigint = (1n << 4n) | (1n << 10n) | (1n << 16n);
/** `RTE_PTYPE_UNKNOWN` */
export const RTE_PTYPE_UNKNOWN = 0;

/** What `rte_eth_dev_info_get` reports. */
export interface EthDevInfo {
  /** Driver name, e.g. `net_null`. */
  driverName: string;
  /** Device name, e.g. `net_null0` or a PCI address. */
  name: string;
  /** Maximum receive queues. */
  maxRxQueues: number;
  /** Maximum transmit queues. */
  maxTxQueues: number;
  /** Configured receive queues. */
  rxQueues: number;
  /** Configured transmit queues. */
  txQueues: number;
  /** `RTE_ETH_RX_OFFLOAD_*` capabilities. */
  rxOffloadCapa: bigint;
  /** `RTE_ETH_TX_OFFLOAD_*` capabilities. */
  txOffloadCapa: bigint;
  /** `RTE_ETH_RSS_*` hash functions the device supports. */
  rssOffloads: bigint;
  /** RSS redirection table size. */
  retaSize: number;
  /** RSS hash key size in bytes. */
  hashKeySize: number;
  /** Minimum receive buffer size. */
  minRxBufSize: number;
  /** Maximum receive packet length. */
  maxRxPktLen: number;
  /** Maximum MAC addresses. */
  maxMacAddrs: number;
  /** Maximum receive descriptors per queue. */
  maxRxDesc: number;
  /** Maximum transmit descriptors per queue. */
  maxTxDesc: number;
  /** Minimum MTU. */
  minMtu: number;
  /** Maximum MTU. */
  maxMtu: number;
  /** Host interface index, 0 if none. */
  ifIndex: number;
  /** `RTE_ETH_LINK_SPEED_*` bitmap. */
  speedCapa: number;
  /** NUMA socket of the device (-1 if unknown). */
  socketId: number;
}

/** Options of {@link EthPort.configure}. */
export interface EthConfigureOptions {
  /**
   * RSS hash functions (`RTE_ETH_RSS_*`), used when there is more than one
   * receive queue; masked with what the device supports (as the C examples
   * do). `true` means IP | UDP | TCP. Default: no RSS.
   */
  rss?: bigint | boolean;
  /** `RTE_ETH_RX_OFFLOAD_*` flags. Default 0. */
  rxOffloads?: bigint;
  /** `RTE_ETH_TX_OFFLOAD_*` flags. Default: `MBUF_FAST_FREE` when supported (like l2fwd). */
  txOffloads?: bigint;
}

/** Link state (`struct rte_eth_link`). */
export interface LinkStatus {
  /** Whether the link is up. */
  up: boolean;
  /** Speed in Mbps (0 if unknown). */
  speedMbps: number;
  /** Full duplex. */
  fullDuplex: boolean;
  /** Autonegotiated. */
  autoneg: boolean;
  /** `rte_eth_link_to_str`, e.g. "Link up at 10 Gbps FDX Autoneg". */
  text: string;
}

/** Basic statistics (`struct rte_eth_stats`), as numbers. */
export interface EthStats {
  /** Packets received. */
  ipackets: number;
  /** Packets sent. */
  opackets: number;
  /** Bytes received. */
  ibytes: number;
  /** Bytes sent. */
  obytes: number;
  /** Packets dropped by the hardware (queues full). */
  imissed: number;
  /** Erroneous received packets. */
  ierrors: number;
  /** Failed transmissions. */
  oerrors: number;
  /** Receive mbuf allocation failures. */
  rxNoMbuf: number;
  /** Per-queue received packets (first 16 queues). */
  qIpackets: number[];
  /** Per-queue sent packets (first 16 queues). */
  qOpackets: number[];
}

const QUEUE_STAT_CNTRS = 16;
const XSTAT_NAME_SIZE = 64;

function check(ret: number, what: string, port: number): number {
  if (ret < 0) {
    throw new EthdevError(`cannot ${what} port ${port}: ${readCString(ffi.rte_strerror(-ret))} (${ret})`, {
      errno: -ret,
    });
  }
  return ret;
}

/** An Ethernet port, by id. Cheap to create; any thread can have its own. */
export class EthPort {
  /** The port id. */
  readonly id: number;
  #closed = false;

  /** The port `id`. @throws {EthdevError} if there is no such port. */
  constructor(id: number) {
    if (
      !Number.isInteger(id) || id < 0 || id >= RTE_MAX_ETHPORTS || ffi.rte_eth_dev_is_valid_port(id) !== 1
    ) {
      throw new EthdevError(`port ${id} is not present`);
    }
    this.id = id;
  }

  /** The ids of the available ports in order (`RTE_ETH_FOREACH_DEV`). */
  static ids(): number[] {
    const ids: number[] = [];
    for (let p = ffi.shim_eth_next_port(0); p < RTE_MAX_ETHPORTS; p = ffi.shim_eth_next_port(p + 1)) {
      ids.push(p);
    }
    return ids;
  }

  /** All available ports. */
  static all(): EthPort[] {
    return EthPort.ids().map((id) => new EthPort(id));
  }

  /** `rte_eth_dev_count_avail()` */
  static count(): number {
    return ffi.rte_eth_dev_count_avail();
  }

  /** The port whose device is `name` (e.g. `net_null0`). @throws {EthdevError} */
  static byName(name: string): EthPort {
    const out = new Uint16Array(1);
    const ret = ffi.rte_eth_dev_get_port_by_name(cstr(name), out);
    if (ret < 0) throw new EthdevError(`no port named '${name}'`, { errno: -ret });
    return new EthPort(out[0]);
  }

  #id(): number {
    if (this.#closed) throw new UseAfterFreeError(`port ${this.id} used after close()`);
    return this.id;
  }

  /** The device name (`rte_eth_dev_get_name_by_port`). */
  get name(): string {
    const buf = new Uint8Array(64);
    check(ffi.rte_eth_dev_get_name_by_port(this.#id(), buf), "get the name of", this.id);
    return readCString(Deno.UnsafePointer.of(buf));
  }

  /** NUMA socket of the device, or -1 (`SOCKET_ID_ANY`) if unknown. */
  get socketId(): number {
    return ffi.rte_eth_dev_socket_id(this.#id());
  }

  /** `rte_eth_dev_info_get`. @throws {EthdevError} */
  info(): EthDevInfo {
    const out = new BigUint64Array(18);
    const driver = new Uint8Array(64);
    check(ffi.shim_eth_dev_info(this.#id(), out, driver, BigInt(driver.length)), "get info of", this.id);
    const n = (i: number) => Number(out[i]);
    return {
      driverName: readCString(Deno.UnsafePointer.of(driver)),
      name: this.name,
      maxRxQueues: n(0),
      maxTxQueues: n(1),
      rxQueues: n(2),
      txQueues: n(3),
      rxOffloadCapa: out[4],
      txOffloadCapa: out[5],
      rssOffloads: out[6],
      retaSize: n(7),
      hashKeySize: n(8),
      minRxBufSize: n(9),
      maxRxPktLen: n(10),
      maxMacAddrs: n(11),
      maxRxDesc: n(12),
      maxTxDesc: n(13),
      minMtu: n(14),
      maxMtu: n(15),
      ifIndex: n(16),
      speedCapa: n(17),
      socketId: this.socketId,
    };
  }

  /**
   * `rte_eth_dev_configure` with `rxQueues` receive and `txQueues` transmit
   * queues. With RSS and several receive queues, packets are spread over
   * the queues by hash. @throws {EthdevError}
   */
  configure(rxQueues: number, txQueues: number, options: EthConfigureOptions = {}): void {
    const info = this.info();
    if (rxQueues > info.maxRxQueues || txQueues > info.maxTxQueues) {
      throw new UsageError(
        `port ${this.id} has at most ${info.maxRxQueues} rx and ${info.maxTxQueues} tx queues ` +
          `(asked for ${rxQueues} and ${txQueues})`,
      );
    }
    const wanted = options.rss === true
      ? RTE_ETH_RSS_IP | RTE_ETH_RSS_UDP | RTE_ETH_RSS_TCP
      : options.rss === false || options.rss === undefined
      ? 0n
      : options.rss;
    const rss = rxQueues > 1 ? wanted & info.rssOffloads : 0n;
    const tx = options.txOffloads ?? (info.txOffloadCapa & RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE);
    const ret = ffi.shim_eth_configure(this.#id(), rxQueues, txQueues, rss, options.rxOffloads ?? 0n, tx);
    check(ret, "configure", this.id);
  }

  /**
   * `rte_eth_dev_adjust_nb_rx_tx_desc`: the descriptor counts the device
   * accepts, nearest to the ones asked for.
   */
  adjustDescriptors(rx: number, tx: number): { rx: number; tx: number } {
    const counts = new Uint16Array([rx, tx]);
    check(ffi.shim_eth_adjust_desc(this.#id(), counts), "adjust descriptors of", this.id);
    return { rx: counts[0], tx: counts[1] };
  }

  /**
   * The usual queue set-up after {@link configure}: descriptor counts
   * adjusted to the device, then `rxQueues` rx queues fed from `pool` and
   * `txQueues` tx queues. Returns the descriptor counts used.
   */
  setupQueues(
    rxQueues: number,
    txQueues: number,
    descriptors: { rx: number; tx: number },
    pool: Mempool,
    options: { dropWhenFull?: boolean } = {},
  ): { rx: number; tx: number } {
    const desc = this.adjustDescriptors(descriptors.rx, descriptors.tx);
    for (let q = 0; q < rxQueues; q++) this.setupRxQueue(q, desc.rx, pool, options);
    for (let q = 0; q < txQueues; q++) this.setupTxQueue(q, desc.tx);
    return desc;
  }

  /**
   * `rte_eth_rx_queue_setup` with the device's default configuration; mbufs
   * come from `pool`. `dropWhenFull` sets `rx_drop_en` (drop packets when no
   * descriptor is free instead of back-pressuring the port), as symmetric_mp does.
   */
  setupRxQueue(
    queue: number,
    descriptors: number,
    pool: Mempool,
    options: { socketId?: number; dropWhenFull?: boolean } = {},
  ): void {
    const ret = ffi.shim_eth_rx_queue_setup(
      this.#id(),
      queue,
      descriptors,
      (options.socketId ?? this.socketId) >>> 0,
      pool.pointer,
      options.dropWhenFull ? 1 : 0,
    );
    check(ret, `set up rx queue ${queue} of`, this.id);
  }

  /** `rte_eth_tx_queue_setup` with the device's default configuration. */
  setupTxQueue(queue: number, descriptors: number, socketId: number = this.socketId): void {
    const ret = ffi.rte_eth_tx_queue_setup(this.#id(), queue, descriptors, socketId >>> 0, null);
    check(ret, `set up tx queue ${queue} of`, this.id);
  }

  /** `rte_eth_dev_set_ptypes(port, RTE_PTYPE_UNKNOWN, NULL, 0)`: no packet type parsing. Returns success. */
  disablePtypeParsing(): boolean {
    return ffi.rte_eth_dev_set_ptypes(this.#id(), RTE_PTYPE_UNKNOWN, null, 0) >= 0;
  }

  /** Receive queue `queue` (for the data path). */
  rxQueue(queue: number): RxQueue {
    return new RxQueue(this.#id(), queue);
  }

  /** Transmit queue `queue` (for the data path). */
  txQueue(queue: number): TxQueue {
    return new TxQueue(this.#id(), queue);
  }

  /**
   * `rte_eth_dev_start`. In a primary, the first start also makes the process
   * serve `dpdk-dumpcap` and `dpdk-pdump` (`rte_pdump_init`).
   */
  start(): void {
    check(ffi.rte_eth_dev_start(this.#id()), "start", this.id);
    serveCapture();
  }

  /** `rte_eth_dev_stop` */
  stop(): void {
    check(ffi.rte_eth_dev_stop(this.#id()), "stop", this.id);
  }

  /** `rte_eth_dev_close`: releases the port; this handle can no longer be used. */
  close(): void {
    check(ffi.rte_eth_dev_close(this.#id()), "close", this.id);
    this.#closed = true;
  }

  /** Whether {@link close} was called on this handle. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Promiscuous mode (`rte_eth_promiscuous_get`). */
  get promiscuous(): boolean {
    return check(ffi.rte_eth_promiscuous_get(this.#id()), "get promiscuous mode of", this.id) === 1;
  }

  /** `rte_eth_promiscuous_enable` / `_disable`. @throws {EthdevError} */
  set promiscuous(on: boolean) {
    const id = this.#id();
    check(
      on ? ffi.rte_eth_promiscuous_enable(id) : ffi.rte_eth_promiscuous_disable(id),
      "set promiscuous",
      id,
    );
  }

  /** `rte_eth_macaddr_get` */
  macAddress(): MacAddress {
    const buf = new Uint8Array(6);
    check(ffi.rte_eth_macaddr_get(this.#id(), buf), "get the MAC address of", this.id);
    return new MacAddress(buf);
  }

  /** `rte_eth_link_get_nowait` */
  link(): LinkStatus {
    const out = new Uint32Array(4);
    const text = new Uint8Array(128);
    check(ffi.shim_eth_link(this.#id(), out, text, BigInt(text.length)), "get the link of", this.id);
    return {
      speedMbps: out[0],
      fullDuplex: out[1] === 1,
      autoneg: out[2] === 1,
      up: out[3] === 1,
      text: readCString(Deno.UnsafePointer.of(text)),
    };
  }

  /** Polls the link every `intervalMs` until it is up or `timeoutMs` passed; returns the last state. */
  async waitForLink(timeoutMs = 9000, intervalMs = 100): Promise<LinkStatus> {
    const end = Date.now() + timeoutMs;
    let link = this.link();
    while (!link.up && Date.now() < end) {
      await new Promise((r) => setTimeout(r, intervalMs));
      link = this.link();
    }
    return link;
  }

  /** `rte_eth_stats_get` */
  stats(): EthStats {
    const s = new BigUint64Array(8 + 5 * QUEUE_STAT_CNTRS);
    check(ffi.rte_eth_stats_get(this.#id(), s), "get stats of", this.id);
    const q = (k: number) =>
      Array.from(s.subarray(8 + k * QUEUE_STAT_CNTRS, 8 + (k + 1) * QUEUE_STAT_CNTRS), Number);
    return {
      ipackets: Number(s[0]),
      opackets: Number(s[1]),
      ibytes: Number(s[2]),
      obytes: Number(s[3]),
      imissed: Number(s[4]),
      ierrors: Number(s[5]),
      oerrors: Number(s[6]),
      rxNoMbuf: Number(s[7]),
      qIpackets: q(0),
      qOpackets: q(1),
    };
  }

  /** `rte_eth_stats_reset` */
  resetStats(): void {
    check(ffi.rte_eth_stats_reset(this.#id()), "reset stats of", this.id);
  }

  /** `rte_eth_xstats_get_names` + `rte_eth_xstats_get`: extended statistics by name. */
  xstats(): Map<string, bigint> {
    const id = this.#id();
    const count = check(ffi.rte_eth_xstats_get_names(id, new Uint8Array(8), 0), "get xstats of", id);
    const names = new Uint8Array(count * XSTAT_NAME_SIZE);
    const values = new BigUint64Array(count * 2);
    const n = Math.min(
      check(ffi.rte_eth_xstats_get_names(id, names, count), "get xstats of", id),
      check(ffi.rte_eth_xstats_get(id, values, count), "get xstats of", id),
    );
    const decoder = new TextDecoder();
    const result = new Map<string, bigint>();
    for (let i = 0; i < n; i++) {
      const raw = names.subarray(i * XSTAT_NAME_SIZE, (i + 1) * XSTAT_NAME_SIZE);
      const end = raw.indexOf(0);
      result.set(decoder.decode(raw.subarray(0, end < 0 ? raw.length : end)), values[2 * i + 1]);
    }
    return result;
  }

  /** `rte_eth_xstats_reset` */
  resetXstats(): void {
    check(ffi.rte_eth_xstats_reset(this.#id()), "reset xstats of", this.id);
  }
}
