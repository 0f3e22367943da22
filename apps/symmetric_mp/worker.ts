/** symmetric_mp on a worker lcore: forwards its ports until the process stops; returns its counters. */
import { runOnLcore } from "../../ffi/lcore.ts";
import { Mempool } from "../../ffi/mempool.ts";
import { out } from "../common/console.ts";
import { announce, forward, SMP_MBUF_POOL } from "./forward.ts";

/** What the main lcore gives a worker. */
export interface WorkerParams {
  /** The worker's ports. */
  ports: number[];
  /** This process's queue. */
  queue: number;
}

runOnLcore<WorkerParams, Float64Array>(({ lcoreId, params, stopped }) => {
  const pool = Mempool.lookup(SMP_MBUF_POOL);
  out(announce(lcoreId, params.ports, params.queue));
  return forward(pool, params.ports, params.queue, stopped);
});
