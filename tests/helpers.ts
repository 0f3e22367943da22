/**
 * Test fixtures: unique file prefixes, processes with bounded run time whose
 * output can be awaited line by line, DPDK's C examples built in a temporary
 * folder, and checks that a group left no hugepage file or runtime folder.
 */
import assert from "node:assert/strict";
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

/**
 * Ends a test's group: with a C peer in it, removes the files the C apps
 * leave; with TypeScript processes only, asserts they left none.
 */
export function finishGroup(prefix: string, withCPeer: boolean): void {
  if (withCPeer) removeGroup(prefix);
  else assert.deepEqual(groupLeftovers(prefix), [], "no hugepage file or runtime folder left");
}

/** Removes a group's files (DPDK's C apps leave them). */
export function removeGroup(prefix: string): void {
  for (const f of groupLeftovers(prefix)) Deno.removeSync(f, { recursive: true });
}

/**
 * Asserts that a process failed the way bad input must: a non-zero exit, a
 * last line `<app>: <cause>` matching `cause`, and no stack trace.
 */
export async function expectOneLineFailure(proc: Proc, app: string, cause: RegExp): Promise<void> {
  await proc.closeStdin();
  const status = await proc.status();
  assert.notEqual(status.code, 0, proc.output());
  const ours = proc.lines.filter((l) => l.startsWith(`${app}: `));
  assert.ok(ours.length > 0, `a line names the cause:\n${proc.output()}`);
  assert.match(ours.at(-1)!, cause, proc.output());
  assert.ok(
    !proc.lines.some((l) => /^\s+at |Uncaught|panicked/.test(l)),
    `no stack trace:\n${proc.output()}`,
  );
}

/** EAL arguments for an app that only needs ports to exist: `-l 0`, n net_null ports, no PCI. */
export function nullPortsEal(prefix: string, ports = 2): string[] {
  const vdevs = Array.from({ length: ports }, (_, k) => ["--vdev", `net_null${k}`]).flat();
  return ["-l", "0", "--no-pci", ...vdevs, "--file-prefix", prefix];
}

/**
 * symmetric_mp's argv for process `id` of 2 on lcore `id`, `--proc-type=auto`;
 * the ports' `--vdev`s go to process 0 only (secondaries see the primary's).
 */
export function symmetricMpArgs(prefix: string, id: number, vdevs: readonly string[]): string[] {
  return [
    "-l",
    String(id),
    "--proc-type=auto",
    "--no-pci",
    "--file-prefix",
    prefix,
    ...(id === 0 ? vdevs : []),
    "--",
    "-p",
    "3",
    "--num-procs",
    "2",
    "--proc-id",
    String(id),
  ];
}

/**
 * Runs one named check of a fixture (`tests/fixtures/<fixture>.ts <check>
 * <EAL args>`) in its own process with its own file prefix, and asserts it
 * passed and left no hugepage file or runtime folder.
 */
export async function runFixtureCheck(
  fixture: string,
  check: string,
  ealArgs: string[],
  env?: Record<string, string>,
): Promise<void> {
  const prefix = uniquePrefix(check);
  const proc = new Proc(check, Deno.execPath(), [
    "run",
    "-A",
    `${ROOT}/tests/fixtures/${fixture}.ts`,
    check,
    "--no-pci",
    "--file-prefix",
    prefix,
    "--log-level=warning",
    ...ealArgs,
  ], { timeoutMs: 30000, env });
  const status = await proc.status();
  assert.equal(status.code, 0, proc.output());
  assert.ok(proc.lines.includes(`${check} ok`), proc.output());
  assert.deepEqual(groupLeftovers(prefix), [], "no hugepage file or runtime folder left");
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
