/**
 * The one symbol table of deno-dpdk: the shim's exports and the `librte_*`
 * functions reached through it (the shim links them, so `dlsym` on the shim
 * finds them).
 *
 * Data-path symbols take numbers and pointers only and are never
 * `nonblocking`: Deno turns them into ~3 ns fast calls.
 *
 * @module
 */

export const symbols = {
  // shim: ABI, logs, signals, lcores
  shim_abi_version: { parameters: [], result: "i32" },
  shim_log_capture: { parameters: [], result: "i32" },
  shim_log_clear_errors: { parameters: [], result: "void" },
  shim_log_errors: { parameters: ["buffer", "usize"], result: "usize" },
  shim_signals_install: { parameters: [], result: "i32" },
  shim_stop_state: { parameters: [], result: "pointer" },
  shim_stop_request: { parameters: ["i32"], result: "void" },
  shim_errno: { parameters: [], result: "i32" },
  shim_lcore_id: { parameters: [], result: "u32" },
  shim_lcore_park: { parameters: ["u32"], result: "i32" },
  shim_lcore_release: { parameters: ["u32"], result: "void" },
  shim_lcore_adopt: { parameters: ["u32"], result: "i32" },
  shim_file_in_use: { parameters: ["buffer"], result: "i32" },
  shim_file_locked_posix: { parameters: ["buffer"], result: "i32" },
  shim_hold_lock: { parameters: ["buffer"], result: "i32" },

  // shim: inline ring, mempool and memzone functions
  shim_ring_enqueue_burst: { parameters: ["pointer", "pointer", "u32"], result: "u32" },
  shim_ring_dequeue_burst: { parameters: ["pointer", "pointer", "u32"], result: "u32" },
  shim_ring_enqueue_bulk: { parameters: ["pointer", "pointer", "u32"], result: "u32" },
  shim_ring_dequeue_bulk: { parameters: ["pointer", "pointer", "u32"], result: "u32" },
  shim_ring_count: { parameters: ["pointer"], result: "u32" },
  shim_ring_free_count: { parameters: ["pointer"], result: "u32" },
  shim_ring_capacity: { parameters: ["pointer"], result: "u32" },
  shim_mempool_get_bulk: { parameters: ["pointer", "pointer", "u32"], result: "i32" },
  shim_mempool_put_bulk: { parameters: ["pointer", "pointer", "u32"], result: "void" },
  shim_mempool_chunks: { parameters: ["pointer", "buffer", "buffer", "u32"], result: "u32" },
  shim_mempool_sizes: { parameters: ["pointer", "buffer"], result: "void" },
  shim_memzone_addr: { parameters: ["pointer"], result: "pointer" },
  shim_memzone_len: { parameters: ["pointer"], result: "u64" },

  // librte_eal
  rte_eal_init: { parameters: ["i32", "buffer"], result: "i32" },
  rte_eal_cleanup: { parameters: [], result: "i32" },
  rte_eal_process_type: { parameters: [], result: "i32" },
  rte_eal_get_runtime_dir: { parameters: [], result: "pointer" },
  rte_strerror: { parameters: ["i32"], result: "pointer" },
  rte_lcore_count: { parameters: [], result: "u32" },
  rte_get_main_lcore: { parameters: [], result: "u32" },
  rte_get_next_lcore: { parameters: ["u32", "i32", "i32"], result: "u32" },
  rte_lcore_to_cpu_id: { parameters: ["i32"], result: "i32" },
  rte_socket_id: { parameters: [], result: "i32" },
  rte_eal_wait_lcore: { parameters: ["u32"], result: "i32" },
  rte_memzone_reserve: { parameters: ["buffer", "usize", "i32", "u32"], result: "pointer" },
  rte_memzone_lookup: { parameters: ["buffer"], result: "pointer" },
  rte_memzone_free: { parameters: ["pointer"], result: "i32" },

  // librte_ring
  rte_ring_create: { parameters: ["buffer", "u32", "i32", "u32"], result: "pointer" },
  rte_ring_lookup: { parameters: ["buffer"], result: "pointer" },
  rte_ring_free: { parameters: ["pointer"], result: "void" },

  // librte_mempool
  rte_mempool_create: {
    parameters: [
      "buffer",
      "u32",
      "u32",
      "u32",
      "u32",
      "pointer",
      "pointer",
      "pointer",
      "pointer",
      "i32",
      "u32",
    ],
    result: "pointer",
  },
  rte_mempool_lookup: { parameters: ["buffer"], result: "pointer" },
  rte_mempool_free: { parameters: ["pointer"], result: "void" },
  rte_mempool_avail_count: { parameters: ["pointer"], result: "u32" },
  rte_mempool_in_use_count: { parameters: ["pointer"], result: "u32" },
  // ---- ethdev and mbuf (shim-c/ethdev.c, librte_ethdev, librte_mbuf) ----
  shim_eth_next_port: { parameters: ["u16"], result: "u16" },
  shim_eth_dev_info: { parameters: ["u16", "buffer", "buffer", "usize"], result: "i32" },
  shim_eth_configure: { parameters: ["u16", "u16", "u16", "u64", "u64", "u64"], result: "i32" },
  shim_eth_adjust_desc: { parameters: ["u16", "buffer"], result: "i32" },
  shim_eth_link: { parameters: ["u16", "buffer", "buffer", "usize"], result: "i32" },
  shim_eth_rx_burst: { parameters: ["u16", "u16", "pointer", "u16"], result: "u16" },
  shim_eth_rx_burst_opaque: { parameters: ["u16", "u16", "pointer", "u16"], result: "u16" },
  shim_eth_tx_burst: { parameters: ["u16", "u16", "pointer", "u16", "u16"], result: "u16" },
  shim_eth_tx_flush: { parameters: ["u16", "u16", "pointer", "u16"], result: "u16" },
  shim_burst_free: { parameters: ["pointer", "u32", "u32"], result: "void" },
  shim_burst_describe: { parameters: ["pointer", "u32", "u32"], result: "void" },
  shim_pktmbuf_alloc_bulk: { parameters: ["pointer", "pointer", "u32"], result: "i32" },
  shim_burst_set_length: { parameters: ["pointer", "u32", "u16"], result: "i32" },
  shim_ring_dequeue_describe: { parameters: ["pointer", "pointer", "u32"], result: "u32" },
  shim_rdtsc: { parameters: [], result: "f64" },
  shim_tsc_hz: { parameters: [], result: "f64" },
  rte_eth_dev_count_avail: { parameters: [], result: "u16" },
  rte_eth_dev_is_valid_port: { parameters: ["u16"], result: "i32" },
  rte_eth_dev_socket_id: { parameters: ["u16"], result: "i32" },
  rte_eth_dev_get_name_by_port: { parameters: ["u16", "buffer"], result: "i32" },
  rte_eth_dev_get_port_by_name: { parameters: ["buffer", "buffer"], result: "i32" },
  rte_eth_dev_start: { parameters: ["u16"], result: "i32" },
  rte_eth_dev_stop: { parameters: ["u16"], result: "i32" },
  rte_eth_dev_close: { parameters: ["u16"], result: "i32" },
  rte_eth_promiscuous_enable: { parameters: ["u16"], result: "i32" },
  rte_eth_promiscuous_disable: { parameters: ["u16"], result: "i32" },
  rte_eth_promiscuous_get: { parameters: ["u16"], result: "i32" },
  rte_eth_macaddr_get: { parameters: ["u16", "buffer"], result: "i32" },
  rte_eth_stats_get: { parameters: ["u16", "buffer"], result: "i32" },
  rte_eth_stats_reset: { parameters: ["u16"], result: "i32" },
  rte_eth_xstats_get_names: { parameters: ["u16", "buffer", "u32"], result: "i32" },
  rte_eth_xstats_get: { parameters: ["u16", "buffer", "u32"], result: "i32" },
  rte_eth_xstats_reset: { parameters: ["u16"], result: "i32" },
  shim_eth_rx_queue_setup: { parameters: ["u16", "u16", "u16", "u32", "pointer", "u8"], result: "i32" },
  rte_eth_tx_queue_setup: { parameters: ["u16", "u16", "u16", "u32", "pointer"], result: "i32" },
  rte_eth_dev_set_ptypes: { parameters: ["u16", "u32", "pointer", "i32"], result: "i32" },
  rte_pktmbuf_pool_create: { parameters: ["buffer", "u32", "u32", "u16", "u16", "i32"], result: "pointer" },
  rte_pktmbuf_free_bulk: { parameters: ["pointer", "u32"], result: "void" },
  // ---- end of ethdev and mbuf ----

  // librte_pdump (capture.ts)
  rte_pdump_init: { parameters: [], result: "i32" },
  rte_pdump_uninit: { parameters: [], result: "i32" },
} as const satisfies Deno.ForeignLibraryInterface;

/** The symbols as loaded by `Deno.dlopen`. */
export type Symbols = Deno.DynamicLibrary<typeof symbols>["symbols"];
