/**
 * `deno task compile`: one self-contained executable per app in `dist/`,
 * with the shim embedded (and a copy beside them, which the lookup prefers).
 *
 * `deno compile` downloads Deno's runtime for executables (denort) unless
 * `DENORT_BIN` names a local copy; where neither works this says so in one
 * line and exits 1.
 */
import { runApp } from "./common/cli.ts";
import { SHIM_FILE } from "../ffi/shim_path.ts";

const root = new URL("..", import.meta.url).pathname;
const shim = `${root}shim-c/build/${SHIM_FILE}`;
const dist = `${root}dist`;

/** Each app's entry and the modules it starts as Workers (invisible to `deno compile`'s analysis). */
const APPS: Record<string, string[]> = {
  simple_mp: ["apps/simple_mp/receiver.ts"],
  l2fwd: ["apps/l2fwd/"],
  symmetric_mp: ["apps/symmetric_mp/"],
  mp_server: ["apps/mp_server/"],
  mp_client: ["apps/mp_client/"],
};

async function compile(app: string, includes: string[]): Promise<void> {
  const args = ["compile", "-A", "--quiet", "--include", shim];
  for (const path of includes) args.push("--include", `${root}${path}`);
  args.push("--output", `${dist}/${app}`, `${root}apps/${app}/main.ts`);
  const { success, stderr } = await new Deno.Command(Deno.execPath(), { args, stderr: "piped" }).output();
  if (success) return;
  const text = new TextDecoder().decode(stderr);
  if (/denort|base binary|error sending request/i.test(text)) {
    throw new Error(
      "cannot download Deno's runtime for compiled executables (denort) from this machine; " +
        "run 'deno task compile' where it can, or set DENORT_BIN to a local denort binary",
    );
  }
  throw new Error(
    `deno compile ${app} failed: ${text.trim().split("\n").find((l) => /error/i.test(l)) ?? text}`,
  );
}

await runApp("compile", async () => {
  await Deno.mkdir(dist, { recursive: true });
  const apps = Object.entries(APPS).filter(([app]) => {
    try {
      return Deno.statSync(`${root}apps/${app}/main.ts`).isFile;
    } catch {
      return false;
    }
  });
  for (const [app, includes] of apps) {
    await compile(app, includes);
    console.log(`compile: dist/${app}`);
  }
  await Deno.copyFile(shim, `${dist}/${SHIM_FILE}`);
  console.log(`compile: dist/${SHIM_FILE}`);
});
