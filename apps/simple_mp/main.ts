/**
 * simple_mp: a drop-in for DPDK's `dpdk-simple_mp`. Run it as primary and
 * secondary (or `--proc-type=auto`); `send <msg>` at the `simple_mp > `
 * prompt reaches the other process's worker lcores.
 *
 *   deno task -q simple_mp -l 0-1 --proc-type=primary --file-prefix x
 *   deno task -q simple_mp -l 0-1 --proc-type=secondary --file-prefix x
 */
import { createInterface } from "node:readline";
import process from "node:process";
import { runApp } from "../common/cli.ts";
import { Eal } from "../../ffi/eal.ts";
import { LcoreWorker } from "../../ffi/lcore.ts";
import { listenForStopSignals, stopRequested } from "../../ffi/signals.ts";
import { attachObjects, ringNames } from "./shared.ts";
import { Commands, PROMPT } from "./commands.ts";

/** Reads commands until `quit`, end of input, or a stop (SIGINT/SIGTERM). */
async function interact(commands: Commands, onStop: (stop: () => void) => void): Promise<void> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  onStop(() => rl.close());
  if (stopRequested()) rl.close();
  try {
    rl.setPrompt(PROMPT);
    rl.prompt();
    for await (const line of rl) {
      if (commands.run(line) === "quit") break;
      rl.prompt();
    }
  } finally {
    rl.close();
  }
}

await runApp("simple_mp", async () => {
  let stopPrompt = () => {};
  const unlisten = listenForStopSignals(() => stopPrompt());
  const eal = Eal.init(["simple_mp", ...Deno.args]);
  const objects = attachObjects(eal.processType);
  console.log("APP: Finished Process Init.");
  const receiver = new URL("./receiver.ts", import.meta.url);
  const workers = await Promise.all(
    eal.workerLcores.map((id) =>
      LcoreWorker.launch(id, receiver, { recvRing: ringNames(eal.processType).recv })
    ),
  );
  try {
    await interact(new Commands(objects), (stop) => stopPrompt = stop);
  } finally {
    for (const w of workers) w.stop();
    await Promise.allSettled(workers.map((w) => w.wait()));
    eal.cleanup();
    unlisten();
  }
});
