/**
 * Which port forwards to which, and which lcore polls which ports: the
 * rules of DPDK's l2fwd, as pure functions of the options, the ports and the
 * enabled lcores.
 */
import { RTE_MAX_ETHPORTS, RTE_MAX_LCORE } from "../../ffi/constants.ts";
import { UsageError } from "../../ffi/errors.ts";

/** The forwarding plan. */
export interface ForwardingPlan {
  /** Enabled ports after `--portmap` filtering. */
  portMask: number;
  /** dstPorts[p]: where packets received on p are sent. */
  dstPorts: number[];
  /** Lines to print (e.g. "Notice: odd number of ports in portmask."). */
  notices: string[];
}

const enabled = (mask: number, port: number) => port < 32 && ((mask >>> port) & 1) === 1;

/**
 * Checks `--portmap` pairs against the mask and the ports and pairs the
 * ports (default: consecutive enabled ports; odd one out forwards to itself).
 * @throws {UsageError} with the C app's message.
 */
export function planForwarding(
  portMask: number,
  pairs: [number, number][] | undefined,
  ports: readonly number[],
): ForwardingPlan {
  const dstPorts = new Array<number>(RTE_MAX_ETHPORTS).fill(0);
  const notices: string[] = [];
  let mask = portMask;
  if (pairs) {
    let configMask = 0;
    for (const pair of pairs) {
      let pairMask = 0;
      let last = 0;
      for (const port of pair) {
        if (!enabled(mask, port)) throw new UsageError(`port ${port} is not enabled in port mask`);
        if (!ports.includes(port)) throw new UsageError(`port ${port} is not present on the board`);
        pairMask |= 1 << port;
        last = port;
      }
      if (configMask & pairMask) throw new UsageError(`port ${last} is used in other port pairs`);
      configMask |= pairMask;
    }
    mask &= configMask;
  }
  const possible = ports.length >= 32 ? 0xffffffff : (1 << ports.length) - 1;
  if ((mask & ~possible) !== 0) {
    throw new UsageError(`Invalid portmask; possible (0x${possible.toString(16)})`);
  }
  if (pairs) {
    for (const [a, b] of pairs) {
      dstPorts[a] = b;
      dstPorts[b] = a;
    }
  } else {
    let count = 0;
    let last = 0;
    for (const port of ports) {
      if (!enabled(mask, port)) continue;
      if (count % 2) {
        dstPorts[port] = last;
        dstPorts[last] = port;
      } else {
        last = port;
      }
      count++;
    }
    if (count % 2) {
      notices.push("Notice: odd number of ports in portmask.");
      dstPorts[last] = last;
    }
  }
  return { portMask: mask, dstPorts, notices };
}

/** The rx ports of each lcore that has some, in lcore order. */
export interface LcorePlan {
  /** lcore id to its rx ports. */
  rxPorts: Map<number, number[]>;
  /** Number of lcores with ports. */
  lcoreCount: number;
}

/**
 * Gives each enabled port to the first enabled lcore (lowest id first) that
 * has fewer than `perLcore` ports. @throws {UsageError} "Not enough cores"
 */
export function planLcores(
  portMask: number,
  ports: readonly number[],
  lcores: readonly number[],
  perLcore: number,
): LcorePlan {
  const isEnabled = new Set(lcores);
  const rxPorts = new Map<number, number[]>();
  let lcore = 0;
  for (const port of ports) {
    if (!enabled(portMask, port)) continue;
    while (!isEnabled.has(lcore) || (rxPorts.get(lcore)?.length ?? 0) === perLcore) {
      lcore++;
      if (lcore >= RTE_MAX_LCORE) throw new UsageError("Not enough cores");
    }
    const list = rxPorts.get(lcore) ?? [];
    list.push(port);
    rxPorts.set(lcore, list);
  }
  return { rxPorts, lcoreCount: rxPorts.size };
}
