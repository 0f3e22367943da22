/**
 * simple_mp's worker lcore: prints every message that arrives on the receive
 * ring and returns its buffer to the pool.
 */
import { runOnLcore } from "../../ffi/lcore.ts";
import { Mempool } from "../../ffi/mempool.ts";
import { ObjectTable } from "../../ffi/object_table.ts";
import { Ring } from "../../ffi/ring.ts";
import { MSG_POOL, STR_TOKEN_SIZE } from "./shared.ts";

const decoder = new TextDecoder();
const idle = new Int32Array(new SharedArrayBuffer(4));

runOnLcore<{ recvRing: string }>(({ lcoreId, params, stopped }) => {
  const ring = Ring.lookup(params.recvRing);
  const pool = Mempool.lookup(MSG_POOL);
  const table = new ObjectTable(1);
  console.log(`Starting core ${lcoreId}`);
  while (!stopped()) {
    if (ring.dequeueBurst(table, 1) === 0) {
      Atomics.wait(idle, 0, 0, 0.005); // usleep(5), as the C app
      continue;
    }
    const bytes = pool.bytesAt(table.get(0), STR_TOKEN_SIZE);
    const end = bytes.indexOf(0);
    console.log(
      `core ${lcoreId}: Received '${decoder.decode(bytes.subarray(0, end < 0 ? bytes.length : end))}'`,
    );
    pool.putBulk(table, 1);
  }
});
