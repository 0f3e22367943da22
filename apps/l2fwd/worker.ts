/** l2fwd's loop on a worker lcore (started by `LcoreWorker.launch`). */
import { runOnLcore } from "../../ffi/lcore.ts";
import { forwardLoop, type LoopParams } from "./forward.ts";

runOnLcore<LoopParams>((lcore) => forwardLoop(lcore.params, () => lcore.stopped()));
