/**
 * Removes a process group's hugepage files and runtime folder once no
 * process of the group uses them. Every EAL process holds a lock on the
 * hugepage files it maps (that is how a new primary tells stale files from
 * live ones), so a file nobody locks belongs to nobody; the primary also
 * locks the runtime folder's `config`.
 *
 * @module
 */
import { cstr } from "./cstring.ts";
import { ffi } from "./library.ts";

/** Where a group keeps its files. */
export interface GroupFiles {
  /** `/var/run/dpdk/<file-prefix>` */
  runtimeDir: string;
  /** `--file-prefix` (EAL's default is "rte"). */
  filePrefix: string;
  /** `--huge-dir`, if given; otherwise every hugetlbfs mount. */
  hugeDir?: string;
}

/** The runtime folder EAL uses for a file prefix (as root: `/var/run/dpdk/<prefix>`). */
export function runtimeDirFor(filePrefix: string): string {
  const base = Deno.uid() === 0 ? "/var/run" : Deno.env.get("XDG_RUNTIME_DIR") ?? "/tmp";
  return `${base}/dpdk/${filePrefix}`;
}

/** Whether a primary process of the group runs (it holds a lock on `<runtimeDir>/config`). */
export function primaryAlive(runtimeDir: string): boolean {
  return ffi.shim_file_locked_posix(cstr(`${runtimeDir}/config`)) === 1;
}

/** The mount points of hugetlbfs file systems. */
export function hugetlbfsMounts(): string[] {
  try {
    return Deno.readTextFileSync("/proc/mounts").split("\n")
      .map((line) => line.split(" "))
      .filter((f) => f[2] === "hugetlbfs")
      .map((f) => f[1]);
  } catch {
    return [];
  }
}

/** The group's hugepage files (`<hugedir>/<prefix>map_*`). */
export function groupHugepageFiles(group: GroupFiles): string[] {
  const dirs = group.hugeDir ? [group.hugeDir] : hugetlbfsMounts();
  const files: string[] = [];
  for (const dir of dirs) {
    try {
      for (const entry of Deno.readDirSync(dir)) {
        if (entry.isFile && entry.name.startsWith(`${group.filePrefix}map_`)) {
          files.push(`${dir}/${entry.name}`);
        }
      }
    } catch {
      // a mount we cannot read has none of our files
    }
  }
  return files;
}

/**
 * Removes the group's unused hugepage files; when none is left in use, also
 * its runtime folder. Returns whether the group is gone.
 */
export function removeUnusedGroupFiles(group: GroupFiles): boolean {
  let inUse = 0;
  for (const file of groupHugepageFiles(group)) {
    if (ffi.shim_file_in_use(cstr(file)) === 0) {
      try {
        Deno.removeSync(file);
      } catch {
        inUse++;
      }
    } else {
      inUse++;
    }
  }
  if (inUse > 0 || primaryAlive(group.runtimeDir)) return false;
  try {
    Deno.removeSync(group.runtimeDir, { recursive: true });
  } catch {
    // already gone
  }
  return true;
}
