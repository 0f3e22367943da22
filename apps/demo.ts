/**
 * The demo: DPDK's simple_mp pattern in TypeScript on this machine, no NIC.
 * A primary and a secondary (each with a worker lcore) exchange messages
 * through shared rings; their output is shown prefixed by process.
 *
 *   deno task demo
 */
import { runApp } from "./common/cli.ts";
import { Proc } from "./common/process.ts";

const app = new URL("./simple_mp/main.ts", import.meta.url).pathname;
const prefix = `demo_${Deno.pid}`;

function start(role: "primary" | "secondary"): Proc {
  const args = [
    "-l",
    "0-1",
    "--no-pci",
    `--proc-type=${role}`,
    "--file-prefix",
    prefix,
    "--log-level=warning",
  ];
  console.log(`$ deno task simple_mp ${args.join(" ")}`);
  return new Proc(role, Deno.execPath(), ["run", "-A", app, ...args], {
    timeoutMs: 60_000,
    onLine: (line) => {
      const text = line.replace(/^(\s*simple_mp > )+/, "").trim();
      if (text) console.log(`[${role.padEnd(9)}] ${text}`);
    },
  });
}

await runApp("demo", async () => {
  const primary = start("primary");
  await primary.waitFor(/Starting core 1/);
  const secondary = start("secondary");
  try {
    await secondary.waitFor(/Starting core 1/);
    for (
      const [from, to, text] of [
        [primary, secondary, "hello_from_the_primary"],
        [secondary, primary, "hello_from_the_secondary"],
        [primary, secondary, "bye"],
      ] as const
    ) {
      console.log(`> ${from.name}: send ${text}`);
      await from.send(`send ${text}`);
      await to.waitFor(new RegExp(`Received '${text}'`));
    }
  } finally {
    for (const proc of [secondary, primary]) {
      console.log(`> ${proc.name}: quit`);
      await proc.send("quit").catch(() => {});
      const { code } = await proc.status();
      if (code !== 0) throw new Error(`${proc.name} exited with ${code}`);
    }
  }
  console.log("demo: messages went both ways; both processes exited cleanly.");
});
