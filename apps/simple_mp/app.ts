/** simple_mp's main: EAL, the shared objects, a receiver per worker lcore, the prompt. */
import { createInterface } from "node:readline";
import process from "node:process";
import { Eal } from "../../ffi/eal.ts";
import { LcoreWorker } from "../../ffi/lcore.ts";
import { listenForStopSignals, stopRequested } from "../../ffi/signals.ts";
import { attachObjects, ringNames } from "./shared.ts";
import { Commands, PROMPT } from "./commands.ts";

/** Reads commands until `quit`, end of input, or a stop (SIGINT/SIGTERM). */
async function interact(commands: Commands, onStop: (stop: () => void) => void): Promise<void> {
  if (stopRequested()) return; // a signal came during start-up
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  onStop(() => rl.close());
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

/** Runs simple_mp with the C app's argv (without argv[0]). */
export async function main(args: readonly string[]): Promise<void> {
  let stopPrompt = () => {};
  const unlisten = listenForStopSignals(() => stopPrompt());
  const eal = Eal.init(["simple_mp", ...args]);
  const objects = attachObjects(eal);
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
}
