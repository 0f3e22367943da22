/**
 * The Environment Abstraction Layer: `rte_eal_init` from an argv array, the
 * process type, the lcores, and a clean-up that leaves no hugepage file or
 * runtime folder behind when the last process of a group exits.
 *
 * @module
 */
import { stopServingCapture } from "./capture.ts";
import { RTE_MAX_LCORE, RTE_PROC_PRIMARY } from "./constants.ts";
import { cstr, readCString } from "./cstring.ts";
import { AddressWindowError, EalInitError } from "./errors.ts";
import { ffi } from "./library.ts";
import { primaryAlive, removeUnusedGroupFiles, runtimeDirFor } from "./group_files.ts";

/** `primary` or `secondary`, as `rte_eal_process_type()` reports it. */
export type ProcessType = "primary" | "secondary";

/**
 * The `--base-virtaddr` given to EAL unless the user gives one: high enough
 * that V8's own mappings never sit in DPDK's window, so Deno secondaries
 * attach every time.
 */
export const DEFAULT_BASE_VIRTADDR = "0x410000000000";

/** The EAL part of an argv (argv[1] up to, not including, the first `--`). */
function ealPart(argv: readonly string[]): readonly string[] {
  const end = argv.indexOf("--", 1);
  return argv.slice(1, end < 0 ? argv.length : end);
}

/**
 * The value of an EAL option in argv (`--name value` or `--name=value`), or
 * undefined.
 */
export function ealOption(argv: readonly string[], name: string): string | undefined {
  const eal = ealPart(argv);
  for (let i = 0; i < eal.length; i++) {
    if (eal[i] === name) return eal[i + 1];
    if (eal[i].startsWith(`${name}=`)) return eal[i].slice(name.length + 1);
  }
  return undefined;
}

/** argv with `--base-virtaddr` added after argv[0] unless present. */
export function withDefaultBaseVirtaddr(argv: readonly string[]): string[] {
  if (ealOption(argv, "--base-virtaddr") !== undefined) return [...argv];
  return [argv[0], `--base-virtaddr=${DEFAULT_BASE_VIRTADDR}`, ...argv.slice(1)];
}

/** EAL's error lines of the failed init, without their "EAL: " prefixes. */
function initErrorLines(): string[] {
  const buf = new Uint8Array(8192);
  const n = Number(ffi.shim_log_errors(buf, BigInt(buf.length)));
  return new TextDecoder().decode(buf.subarray(0, n)).split("\n")
    .map((l) => l.replace(/^EAL: /, "").replace(/^FATAL: /, "").trim())
    .filter((l) => l.length > 0);
}

/** A secondary's "the primary's addresses are taken in this process" lines. */
const ADDRESS_TAKEN = /Cannot get a virtual area at requested address|please use '--base-virtaddr'/;

function describeInitFailure(errno: number, lines: string[]): string {
  let cause = lines[0] ?? (errno ? readCString(ffi.rte_strerror(errno)) : "invalid EAL arguments");
  if (/hugepage/i.test(cause)) {
    cause += " (reserve hugepages and mount hugetlbfs: see the README's setup)";
  }
  return cause;
}

/** Keeps argv's memory alive for the life of the process, as EAL requires. */
let keptArgv: { strings: Uint8Array[]; pointers: BigUint64Array } | undefined;
let current: Eal | undefined;

/** An initialised EAL. There is at most one per process. */
export class Eal {
  /** The argv given to `rte_eal_init`, argv[0] first. */
  readonly argv: readonly string[];
  /** The application's arguments: what follows the first `--`. */
  readonly appArgs: readonly string[];
  /** Whether this process is the primary or a secondary. */
  readonly processType: ProcessType;
  /** The main lcore's id (the thread that called `init`). */
  readonly mainLcore: number;
  /** The ids of the enabled lcores other than the main one, in order. */
  readonly workerLcores: readonly number[];
  /** The runtime folder, `/var/run/dpdk/<file-prefix>`. */
  readonly runtimeDir: string;
  /**
   * This process's lcore ids that another deno-dpdk process of the group also
   * uses (DPDK's C apps are not seen). Mempool caches are per lcore id, in
   * shared memory: two processes on one id corrupt each other's objects.
   */
  readonly sharedLcores: readonly number[];
  #cleaned = false;

  private constructor(argv: string[], parsed: number) {
    this.argv = argv;
    this.appArgs = argv.slice(parsed + 1);
    this.processType = ffi.rte_eal_process_type() === RTE_PROC_PRIMARY ? "primary" : "secondary";
    this.mainLcore = ffi.rte_get_main_lcore();
    const workers: number[] = [];
    for (
      let id = ffi.rte_get_next_lcore(-1 >>> 0, 1, 0);
      id < RTE_MAX_LCORE;
      id = ffi.rte_get_next_lcore(id, 1, 0)
    ) {
      workers.push(id);
    }
    this.workerLcores = workers;
    this.runtimeDir = readCString(ffi.rte_eal_get_runtime_dir());
    this.sharedLcores = [this.mainLcore, ...workers].filter((id) =>
      ffi.shim_hold_lock(cstr(`${this.runtimeDir}/lcore_${id}.lock`)) === -1
    );
    if (this.sharedLcores.length > 0) {
      console.error(
        `EAL: lcore ${this.sharedLcores.join(",")} also used by another process of this group: mempool ` +
          `caches are per lcore id, so their objects may be corrupted; give each process its own lcore ids ` +
          `(e.g. --lcores 2@1)`,
      );
    }
  }

  /**
   * Initialises EAL with `argv` (argv[0] is the program name, EAL options
   * follow, then `--` and the application's options). A primary gets
   * `--base-virtaddr=0x410000000000` unless argv names one.
   *
   * @throws {EalInitError} with EAL's own error line, e.g. "Cannot create lock
   * on '/var/run/dpdk/x/config'. Is another primary process running?"
   * @throws {AddressWindowError} in a secondary whose address space already
   * holds part of the primary's (see the class): run the program again in a
   * new process, as the apps do (`apps/common/relaunch.ts`).
   */
  static init(argv: readonly string[]): Eal {
    if (current) throw new EalInitError("EAL is already initialised in this process");
    const full = withDefaultBaseVirtaddr(argv.length ? argv : ["deno-dpdk"]);
    const filePrefix = ealOption(full, "--file-prefix") ?? "rte";
    const runtimeDir = runtimeDirFor(filePrefix);
    if (ealOption(full, "--proc-type") === "secondary" && !primaryAlive(runtimeDir)) {
      // EAL would wait forever on a config file that a dead primary left behind
      throw new EalInitError(
        `cannot init EAL: no primary process is running with file prefix '${filePrefix}'`,
      );
    }
    const strings = full.map(cstr);
    const pointers = new BigUint64Array(strings.length + 1);
    strings.forEach((s, i) => pointers[i] = BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(s))));
    keptArgv = { strings, pointers };
    ffi.shim_log_capture();
    ffi.shim_log_clear_errors();
    const parsed = ffi.rte_eal_init(strings.length, keptArgv.pointers);
    if (parsed < 0) {
      const errno = ffi.shim_errno();
      const lines = initErrorLines();
      const message = describeInitFailure(errno, lines);
      removeUnusedGroupFiles({ runtimeDir, filePrefix, hugeDir: ealOption(full, "--huge-dir") });
      const addressTaken = ffi.rte_eal_process_type() !== RTE_PROC_PRIMARY &&
        lines.some((l) => ADDRESS_TAKEN.test(l));
      if (addressTaken) {
        throw new AddressWindowError(
          `cannot init EAL: ${message} (this process already uses the primary's addresses: start the ` +
            `primary with --base-virtaddr=${DEFAULT_BASE_VIRTADDR}, as deno-dpdk primaries are)`,
          { errno },
        );
      }
      throw new EalInitError(`cannot init EAL: ${message}`, { errno });
    }
    current = new Eal(full, parsed);
    return current;
  }

  /** The EAL of this process, if initialised. */
  static get current(): Eal | undefined {
    return current;
  }

  /** Number of enabled lcores, the main one included. */
  get lcoreCount(): number {
    return ffi.rte_lcore_count();
  }

  /** The NUMA socket of the calling thread (`rte_socket_id()`). */
  get socketId(): number {
    return ffi.rte_socket_id();
  }

  /** The CPU an lcore runs on. */
  cpuOf(lcoreId: number): number {
    return ffi.rte_lcore_to_cpu_id(lcoreId);
  }

  /** The value of an EAL option in this process's argv, or undefined. */
  option(name: string): string | undefined {
    return ealOption(this.argv, name);
  }

  /**
   * `rte_eal_cleanup`, then removes this group's hugepage files and runtime
   * folder if no other process of the group uses them. Worker lcores must
   * have been waited for. Safe to call twice.
   */
  cleanup(): void {
    if (this.#cleaned) return;
    this.#cleaned = true;
    stopServingCapture();
    ffi.rte_eal_cleanup();
    removeUnusedGroupFiles({
      runtimeDir: this.runtimeDir,
      filePrefix: this.option("--file-prefix") ?? "rte",
      hugeDir: this.option("--huge-dir"),
    });
  }
}
