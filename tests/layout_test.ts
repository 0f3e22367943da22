/**
 * Struct layouts against the C compiler: offsets and sizes from `layout.ts`
 * equal `offsetof`/`sizeof` of the same structs compiled with DPDK's headers.
 */
import assert from "node:assert/strict";
import { PortInfo as portInfo } from "../apps/client_server_mp/shared.ts";
import { Shared } from "./fixtures/eal_checks_layout.ts";
import * as constants from "../ffi/constants.ts";
import * as ethdev from "../ffi/ethdev.ts";
import * as packets from "../ffi/packets.ts";

const C_SOURCE = `
#include <stdio.h>
#include <stddef.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_ring.h>
#include "common.h"
struct shared { uint8_t tag; uint64_t counter; uint16_t ids[5];
  struct { uint64_t rx; uint32_t flags; } __rte_cache_aligned stats[3]; };
#define P(s, f) printf(#s "." #f " %zu\\n", offsetof(struct s, f))
int main(void) {
  P(port_info, num_ports); P(port_info, id); P(port_info, rx_stats); P(port_info, tx_stats);
  printf("port_info %zu\\n", sizeof(struct port_info));
  P(shared, tag); P(shared, counter); P(shared, ids); P(shared, stats);
  printf("shared %zu\\n", sizeof(struct shared));
#define K(name) printf(#name " %llu\\n", (unsigned long long)(name))
  K(RTE_MAX_LCORE); K(RTE_MAX_ETHPORTS); K(RTE_CACHE_LINE_SIZE); K(RING_F_SP_ENQ); K(RING_F_SC_DEQ);
  K(RING_F_EXACT_SZ); K(RTE_PROC_PRIMARY); K(RTE_PROC_SECONDARY); K(RTE_PKTMBUF_HEADROOM);
  K(RTE_MBUF_DEFAULT_BUF_SIZE); K(RTE_ETH_RSS_IP); K(RTE_ETH_RSS_UDP); K(RTE_ETH_RSS_TCP);
  K(RTE_ETH_RX_OFFLOAD_CHECKSUM); K(RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE);
  return 0;
}`;

async function cLayout(): Promise<Map<string, number>> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/layout.c`, C_SOURCE);
    const cflags = new TextDecoder().decode(
      (await new Deno.Command("pkg-config", { args: ["--cflags", "libdpdk"] }).output()).stdout,
    ).trim().split(/\s+/);
    const cc = await new Deno.Command("cc", {
      args: [
        ...cflags,
        "-I/usr/share/dpdk/examples/multi_process/client_server_mp/shared",
        "-o",
        `${dir}/layout`,
        `${dir}/layout.c`,
      ],
      stderr: "piped",
    }).output();
    assert.ok(cc.success, new TextDecoder().decode(cc.stderr));
    const out = new TextDecoder().decode((await new Deno.Command(`${dir}/layout`).output()).stdout);
    return new Map(out.trim().split("\n").map((l) => l.split(" ")).map(([k, v]) => [k, Number(v)]));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("struct layouts match the C compiler's (client_server_mp's port_info and a padded struct)", async () => {
  const c = await cLayout();
  for (const field of ["num_ports", "id", "rx_stats", "tx_stats"] as const) {
    assert.equal(portInfo.offsets[field], c.get(`port_info.${field}`), field);
  }
  assert.equal(portInfo.size, c.get("port_info"));
  for (const field of ["tag", "counter", "ids", "stats"] as const) {
    assert.equal(Shared.offsets[field], c.get(`shared.${field}`), field);
  }
  assert.equal(Shared.size, c.get("shared"));
});

Deno.test("constants match DPDK's headers", async () => {
  const c = await cLayout();
  const ours: Record<string, number | bigint> = {
    RTE_MAX_LCORE: constants.RTE_MAX_LCORE,
    RTE_MAX_ETHPORTS: constants.RTE_MAX_ETHPORTS,
    RTE_CACHE_LINE_SIZE: constants.RTE_CACHE_LINE_SIZE,
    RING_F_SP_ENQ: constants.RING_F_SP_ENQ,
    RING_F_SC_DEQ: constants.RING_F_SC_DEQ,
    RING_F_EXACT_SZ: constants.RING_F_EXACT_SZ,
    RTE_PROC_PRIMARY: constants.RTE_PROC_PRIMARY,
    RTE_PROC_SECONDARY: constants.RTE_PROC_SECONDARY,
    RTE_PKTMBUF_HEADROOM: packets.RTE_PKTMBUF_HEADROOM,
    RTE_MBUF_DEFAULT_BUF_SIZE: packets.RTE_MBUF_DEFAULT_BUF_SIZE,
    RTE_ETH_RSS_IP: ethdev.RTE_ETH_RSS_IP,
    RTE_ETH_RSS_UDP: ethdev.RTE_ETH_RSS_UDP,
    RTE_ETH_RSS_TCP: ethdev.RTE_ETH_RSS_TCP,
    RTE_ETH_RX_OFFLOAD_CHECKSUM: ethdev.RTE_ETH_RX_OFFLOAD_CHECKSUM,
    RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE: ethdev.RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE,
  };
  for (const [name, value] of Object.entries(ours)) {
    assert.equal(BigInt(value), BigInt(c.get(name) ?? -1), name);
  }
});
