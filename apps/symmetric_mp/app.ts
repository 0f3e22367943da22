/**
 * symmetric_mp's main: EAL, options, the mbuf pool (created by the primary,
 * looked up by the others), the primary's port set-up and link check, the
 * port pairs spread over the lcores, then forwarding on every lcore until
 * SIGINT/SIGTERM, which prints the C app's per-port counters and exits 0.
 */
import { Eal } from "../../ffi/eal.ts";
import { DpdkError, UsageError } from "../../ffi/errors.ts";
import { EthPort } from "../../ffi/ethdev.ts";
import { LcoreWorker } from "../../ffi/lcore.ts";
import { Mempool } from "../../ffi/mempool.ts";
import { createPktmbufPool } from "../../ffi/packets.ts";
import {
  beforeBusyLoop,
  installStopSignals,
  listenForStopSignals,
  stopRequested,
  stopSignal,
} from "../../ffi/signals.ts";
import { checkLinks, out } from "../common/console.ts";
import { announce, forward, newPortStats, SMP_MBUF_POOL } from "./forward.ts";
import { assignPorts, parseSymmetricOptions } from "./options.ts";
import { initPort } from "./ports.ts";
import type { WorkerParams } from "./worker.ts";

const NB_MBUFS = 64 * 1024;
const MBUF_CACHE_SIZE = 256;

/** Runs symmetric_mp with the C app's argv (without argv[0]). */
export async function main(args: readonly string[]): Promise<void> {
  installStopSignals(); // a signal during EAL's init only sets the stop flag
  const eal = Eal.init(["symmetric_mp", ...args]);
  listenForStopSignals(); // kept to the end: Deno's handler may take the signals back while we await
  try {
    await run(eal);
  } finally {
    eal.cleanup();
  }
}

async function run(eal: Eal): Promise<void> {
  const primary = eal.processType === "primary";
  if (EthPort.count() === 0) throw new DpdkError("No Ethernet ports - bye");
  const options = parseSymmetricOptions(eal.appArgs, EthPort.ids(), primary);
  const pool = primary
    ? createPktmbufPool(SMP_MBUF_POOL, NB_MBUFS, { cacheSize: MBUF_CACHE_SIZE })
    : Mempool.lookup(SMP_MBUF_POOL);
  const ports = options.ports.map((id) => new EthPort(id));
  if (primary) {
    for (const port of ports) initPort(port, pool, options.numProcs);
    await checkLinks(EthPort.all());
  } else {
    for (const port of ports) {
      const queues = port.info().rxQueues;
      if (options.procId >= queues) {
        throw new UsageError(
          `proc-id ${options.procId} needs queue ${options.procId}, but port ${port.id} has ${queues} ` +
            `(the primary's --num-procs)`,
        );
      }
    }
  }
  const plan = assignPorts([eal.mainLcore, ...eal.workerLcores], options.ports.length);
  out("APP: Finished Process Init.\n");

  const mine = (lcore: number) => {
    const [start, end] = plan.get(lcore)!;
    return options.ports.slice(start, end);
  };
  const module = new URL("./worker.ts", import.meta.url);
  const workers: LcoreWorker[] = [];
  for (const lcore of eal.workerLcores) {
    if (mine(lcore).length === 0) out(`Lcore ${lcore} has nothing to do\n`);
    else {workers.push(
        await LcoreWorker.launch(
          lcore,
          module,
          { ports: mine(lcore), queue: options.procId } satisfies WorkerParams,
        ),
      );}
  }
  const total = newPortStats();
  try {
    const ports = mine(eal.mainLcore);
    if (ports.length === 0) {
      out(`Lcore ${eal.mainLcore} has nothing to do\n`);
      while (!stopRequested()) await new Promise((r) => setTimeout(r, 50));
    } else if (!(await beforeBusyLoop())) {
      out(announce(eal.mainLcore, ports, options.procId));
      total.set(forward(pool, ports, options.procId, stopRequested));
    }
  } finally {
    for (const w of workers) w.stop();
    for (const result of await Promise.allSettled(workers.map((w) => w.wait()))) {
      if (result.status === "fulfilled") {
        (result.value as Float64Array).forEach((v, i) => total[i] += v);
      }
    }
  }
  out(`\nExiting on signal ${stopSignal()}\n\n`);
  for (const p of options.ports) {
    out(`Port ${p}: RX - ${total[3 * p]}, TX - ${total[3 * p + 1]}, Drop - ${total[3 * p + 2]}\n`);
  }
}
