/**
 * Test fixtures: unique file prefixes, processes with bounded run time whose
 * output can be awaited line by line, DPDK's C examples built in a temporary
 * folder, and checks that a group left no hugepage file or runtime folder.
 */
import { groupHugepageFiles } from "../ffi/group_files.ts";
import { Proc, type ProcOptions } from "../apps/common/process.ts";

export { Proc, type ProcOptions };

const root = new URL("..", import.meta.url).pathname;
/** The repository's root folder. */
export const ROOT = root.endsWith("/") ? root.slice(0, -1) : root;

let counter = 0;
/** A `--file-prefix` no other test (or test run) uses. */
export function uniquePrefix(name: string): string {
  return `dt_${name}_${Deno.pid}_${counter++}`;
}

/** The hugepage files and runtime folder a group left behind (empty when clean). */
export function groupLeftovers(prefix: string): string[] {
  const left = groupHugepageFiles({ runtimeDir: "", filePrefix: prefix });
  try {
    Deno.statSync(`/var/run/dpdk/${prefix}`);
    left.push(`/var/run/dpdk/${prefix}`);
  } catch {
    // gone
  }
  return left;
}

/** Removes a group's files (DPDK's C apps leave them). */
export function removeGroup(prefix: string): void {
  for (const f of groupLeftovers(prefix)) Deno.removeSync(f, { recursive: true });
}

/** Starts one of this project's apps (`apps/<name>/main.ts`) with the C app's argv. */
export function startApp(app: string, args: string[], timeoutMs = 30000, options: ProcOptions = {}): Proc {
  return new Proc(`ts ${app}`, Deno.execPath(), ["run", "-A", `${ROOT}/apps/${app}/main.ts`, ...args], {
    ...options,
    timeoutMs,
  });
}

/** Starts a C program with line-buffered stdout (it is block-buffered on a pipe otherwise). */
export function startC(
  name: string,
  binary: string,
  args: string[],
  timeoutMs = 30000,
  options: ProcOptions = {},
): Proc {
  return new Proc(`C ${name}`, "stdbuf", ["-oL", "-eL", binary, ...args], { ...options, timeoutMs });
}

const EXAMPLES = "/usr/share/dpdk/examples";
const buildDir = `${Deno.env.get("TMPDIR") ?? "/tmp"}/deno-dpdk-c-examples`;

/**
 * Builds one of DPDK's C examples (e.g. "multi_process/simple_mp") with its
 * own Makefile in a temporary folder, once per machine; returns the binary.
 */
export async function buildCExample(path: string, binary = path.split("/").pop()!): Promise<string> {
  const top = path.split("/")[0];
  const out = `${buildDir}/${path}/build/${binary}`;
  try {
    Deno.statSync(out);
    return out;
  } catch {
    // build it
  }
  await Deno.mkdir(buildDir, { recursive: true });
  const copy = await new Deno.Command("cp", { args: ["-r", `${EXAMPLES}/${top}`, buildDir] }).output();
  if (!copy.success) throw new Error(`cannot copy ${EXAMPLES}/${top}`);
  const make = await new Deno.Command("make", { args: ["-s", "-C", `${buildDir}/${path}`], stderr: "piped" })
    .output();
  if (!make.success) throw new Error(`cannot build ${path}: ${new TextDecoder().decode(make.stderr)}`);
  return out;
}
