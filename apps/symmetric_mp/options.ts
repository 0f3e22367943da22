/**
 * symmetric_mp's options, as the C app's getopt_long reads them:
 * `-p PORTMASK --num-procs N --proc-id K` (also `-pMASK`, `--num-procs=N`).
 */
import { UsageError } from "../../ffi/errors.ts";
import { maskBits, parseHexMask, parseUint } from "../common/cli.ts";
import { getopt, type LongOption } from "../common/getopt.ts";

const LONG: LongOption[] = [{ name: "num-procs", hasArg: true }, { name: "proc-id", hasArg: true }];

/** What one symmetric_mp process was asked to do. */
export interface SymmetricOptions {
  /** Port ids to use (from the mask, among the available ports), in order. */
  ports: number[];
  /** Number of processes (= queues per port); 0 when not given (a secondary may omit it). */
  numProcs: number;
  /** This process's id: the queue it uses on each port. */
  procId: number;
}

/** Parses the app's arguments. @throws {UsageError} */
export function parseSymmetricOptions(
  args: readonly string[],
  available: readonly number[],
  primary: boolean,
): SymmetricOptions {
  let mask: number | undefined;
  let numProcs: number | undefined;
  let procId: number | undefined;
  for (const { name, value } of getopt(args, "p:", LONG)) {
    if (name === "p") mask = parseHexMask(value, "port mask");
    else if (name === "num-procs") numProcs = parseUint(value, "num-procs", 1024);
    else procId = parseUint(value, "proc-id", 1023);
  }
  if (procId === undefined) throw new UsageError("invalid or missing proc-id parameter");
  if (primary && !numProcs) throw new UsageError("invalid or missing num-procs parameter");
  if (mask === undefined) throw new UsageError("invalid or missing port mask");
  if (numProcs && procId >= numProcs) {
    throw new UsageError(`proc-id ${procId} is not below num-procs ${numProcs}`);
  }
  const ports = maskBits(mask).filter((p) => available.includes(p));
  if (ports.length === 0) throw new UsageError(`port mask '${mask.toString(16)}' names no available port`);
  if (ports.length % 2 !== 0) throw new UsageError("Application must use an even number of ports");
  return { ports, numProcs: numProcs ?? 0, procId };
}

/**
 * `assign_ports_to_cores`: port pairs spread over the lcores in id order;
 * returns, per lcore, the indexes [start, end) into the port list.
 */
export function assignPorts(lcores: readonly number[], numPorts: number): Map<number, [number, number]> {
  const pairs = numPorts / 2;
  const perLcore = Math.floor(pairs / lcores.length);
  let extra = pairs % lcores.length;
  let next = 0;
  const plan = new Map<number, [number, number]>();
  for (const lcore of [...lcores].sort((a, b) => a - b)) {
    let count = perLcore * 2;
    if (extra > 0) {
      count += 2;
      extra--;
    }
    plan.set(lcore, [next, next + count]);
    next += count;
  }
  return plan;
}
