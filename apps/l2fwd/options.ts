/**
 * l2fwd's application options, parsed as DPDK's `dpdk-l2fwd` parses them:
 * `-p PORTMASK`, `-P`, `-q NQ`, `-T PERIOD`, `--[no-]mac-updating`,
 * `--portmap "(a,b),(c,d)"`. A bad option prints the usage on stdout, as the
 * C app does, and throws a {@link UsageError} with its one-line reason.
 *
 * Options are read the way glibc's `getopt_long` reads them (see
 * `apps/common/getopt.ts`).
 */
import { RTE_MAX_ETHPORTS } from "../../ffi/constants.ts";
import { UsageError } from "../../ffi/errors.ts";
import { parseHexMask } from "../common/cli.ts";
import { getopt, type LongOption } from "../common/getopt.ts";

/** `MAX_RX_QUEUE_PER_LCORE` */
export const MAX_RX_QUEUE_PER_LCORE = 16;
/** `MAX_TIMER_PERIOD`: one day. */
export const MAX_TIMER_PERIOD = 86400;

/** The parsed options. */
export interface L2fwdOptions {
  /** Enabled ports (`-p`); 0 when not given. */
  portMask: number;
  /** `-P` */
  promiscuous: boolean;
  /** `-q`: rx ports per lcore. */
  rxPortsPerLcore: number;
  /** `-T`: seconds between statistics screens (0: none). */
  timerPeriod: number;
  /** MAC rewrite (default on). */
  macUpdating: boolean;
  /** `--portmap` pairs, or undefined for the default pairing. */
  portPairs?: [number, number][];
}

/** The usage text of `dpdk-l2fwd`. */
export function usage(program: string): string {
  return `${program} [EAL options] -- -p PORTMASK [-P] [-q NQ]
  -p PORTMASK: hexadecimal bitmask of ports to configure
  -P : Enable promiscuous mode
  -q NQ: number of queue (=ports) per lcore (default is 1)
  -T PERIOD: statistics will be refreshed each PERIOD seconds (0 to disable, 10 default, 86400 maximum)
  --no-mac-updating: Disable MAC addresses updating (enabled by default)
      When enabled:
       - The source MAC address is replaced by the TX port MAC address
       - The destination MAC address is replaced by 02:00:00:00:00:TX_PORT_ID
  --portmap: Configure forwarding port pair mapping
	      Default: alternate port pairs

`;
}

/** `strtoul(s, &end, 0)` on a whole field (leading blanks allowed), or NaN. */
function cNumber(field: string): number {
  const s = field.trim();
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^0[0-7]*$/.test(s)) return parseInt(s, 8);
  if (/^[1-9]\d*$/.test(s)) return parseInt(s, 10);
  return NaN;
}

/** Parses `--portmap "(0,1),(2,3)"`. @throws {UsageError} "Invalid config" */
export function parsePortmap(text: string): [number, number][] {
  const pairs: [number, number][] = [];
  const re = /\(([^)]*)\)/g;
  const opened = (text.match(/\(/g) ?? []).length;
  for (const m of text.matchAll(re)) {
    const fields = m[1].split(",");
    if (fields.length !== 2) throw new UsageError(`Invalid config '${text}'`);
    const [a, b] = fields.map(cNumber);
    if (!(a < RTE_MAX_ETHPORTS) || !(b < RTE_MAX_ETHPORTS)) throw new UsageError(`Invalid config '${text}'`);
    if (pairs.length >= RTE_MAX_ETHPORTS / 2) {
      throw new UsageError(`exceeded max number of port pair params: ${pairs.length}`);
    }
    pairs.push([a, b]);
  }
  if (pairs.length !== opened) throw new UsageError(`Invalid config '${text}'`);
  return pairs;
}

function decimal(value: string, what: string, max: number, min: number): number {
  const n = /^\s*[+-]?\d+$/.test(value) ? parseInt(value, 10) : NaN;
  if (!(n >= min && n < max)) throw new UsageError(`invalid ${what} '${value}'`);
  return n;
}

/** l2fwd's options: `getopt_long(argc, argv, "p:Pq:T:", ...)`. */
const SHORT = "p:Pq:T:";
const LONG: LongOption[] = [
  { name: "no-mac-updating", hasArg: false },
  { name: "mac-updating", hasArg: false },
  { name: "portmap", hasArg: true },
];

/**
 * Parses the arguments after EAL's. Prints the usage (like the C app) and
 * throws a {@link UsageError} on a bad one.
 */
export function parseL2fwdArgs(args: readonly string[], program = "l2fwd"): L2fwdOptions {
  const options: L2fwdOptions = {
    portMask: 0,
    promiscuous: false,
    rxPortsPerLcore: 1,
    timerPeriod: 10,
    macUpdating: true,
  };
  try {
    for (const { name, value } of getopt(args, SHORT, LONG)) {
      switch (name) {
        case "p":
          options.portMask = parseHexMask(value, "portmask");
          break;
        case "P":
          options.promiscuous = true;
          break;
        case "q":
          options.rxPortsPerLcore = decimal(value, "queue number", MAX_RX_QUEUE_PER_LCORE, 1);
          break;
        case "T":
          options.timerPeriod = decimal(value, "timer period", MAX_TIMER_PERIOD, 0);
          break;
        case "mac-updating":
          options.macUpdating = true;
          break;
        case "no-mac-updating":
          options.macUpdating = false;
          break;
        case "portmap":
          options.portPairs = parsePortmap(value);
          break;
      }
    }
  } catch (error) {
    console.log(usage(program).trimEnd() + "\n");
    throw error;
  }
  return options;
}
