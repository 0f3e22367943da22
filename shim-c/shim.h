/* deno-dpdk shim: the few things Deno FFI cannot reach in DPDK directly.
 * Inline DPDK functions get an exported wrapper; the shim also owns EAL log
 * capture, SIGINT/SIGTERM, and the parking of EAL worker lcores. */
#ifndef DENO_DPDK_SHIM_H
#define DENO_DPDK_SHIM_H

#include <stddef.h>
#include <stdint.h>

#define SHIM_ABI_VERSION 1

int shim_abi_version(void);

/* log.c: tee EAL's log to stdout and keep its error lines */
int shim_log_capture(void);
void shim_log_clear_errors(void);
size_t shim_log_errors(char *out, size_t cap);

/* signal.c: SIGINT/SIGTERM set a flag that the loops read */
int shim_signals_install(void);
int32_t *shim_stop_state(void);
void shim_stop_request(int32_t signo);

/* lcore.c: EAL helpers that are inline or thread-local, and lcore parking */
int shim_errno(void);
unsigned shim_lcore_id(void);
int shim_lcore_park(unsigned lcore_id);
void shim_lcore_release(unsigned lcore_id);
int shim_lcore_adopt(unsigned lcore_id);

/* files.c: is a group's file still used by a process? */
int shim_file_in_use(const char *path);
int shim_file_locked_posix(const char *path);
int shim_hold_lock(const char *path);

/* ring_mempool.c: inline ring, mempool and memzone accessors */
uint32_t shim_ring_enqueue_burst(void *ring, void *table, uint32_t n);
uint32_t shim_ring_dequeue_burst(void *ring, void *table, uint32_t n);
uint32_t shim_ring_enqueue_bulk(void *ring, void *table, uint32_t n);
uint32_t shim_ring_dequeue_bulk(void *ring, void *table, uint32_t n);
uint32_t shim_ring_count(void *ring);
uint32_t shim_ring_free_count(void *ring);
uint32_t shim_ring_capacity(void *ring);
int shim_mempool_get_bulk(void *mp, void *table, uint32_t n);
void shim_mempool_put_bulk(void *mp, void *table, uint32_t n);
uint32_t shim_mempool_chunks(void *mp, uint64_t *addrs, uint64_t *lens, uint32_t max);
void shim_mempool_sizes(void *mp, uint32_t *out4);
void *shim_memzone_addr(const void *mz);
uint64_t shim_memzone_len(const void *mz);

/* ---- ethdev and mbuf (ethdev.c) ---- */
/* A burst of mbufs as the TypeScript side holds it: the mbuf pointers, and
 * for each packet its data offset from `base` (SHIM_OFFSET_INVALID when the
 * data is not inside [base, base + limit)) and its data length. */
#define SHIM_OFFSET_INVALID 0xffffffffu
struct shim_burst {
	void **mbufs;
	uint32_t *offsets;
	uint16_t *lengths;
	uint64_t base;
	uint64_t limit;
};

uint16_t shim_eth_next_port(uint16_t from);
int shim_eth_dev_info(uint16_t port, uint64_t *out, char *driver, size_t cap);
int shim_eth_configure(uint16_t port, uint16_t nb_rx, uint16_t nb_tx, uint64_t rss_hf,
		       uint64_t rx_offloads, uint64_t tx_offloads);
int shim_eth_adjust_desc(uint16_t port, uint16_t *rx_tx);
int shim_eth_link(uint16_t port, uint32_t *out4, char *text, size_t cap);
int shim_eth_rx_queue_setup(uint16_t port, uint16_t queue, uint16_t nb_desc, uint32_t socket,
			    void *pool, uint8_t drop_en);
uint16_t shim_eth_rx_burst(uint16_t port, uint16_t queue, struct shim_burst *b, uint16_t n);
uint16_t shim_eth_rx_burst_opaque(uint16_t port, uint16_t queue, struct shim_burst *b, uint16_t n);
uint16_t shim_eth_tx_burst(uint16_t port, uint16_t queue, struct shim_burst *b, uint16_t from, uint16_t n);
uint16_t shim_eth_tx_flush(uint16_t port, uint16_t queue, void **pkts, uint16_t n);
void shim_burst_free(struct shim_burst *b, uint32_t from, uint32_t n);
void shim_burst_describe(struct shim_burst *b, uint32_t from, uint32_t n);
int shim_pktmbuf_alloc_bulk(void *pool, struct shim_burst *b, uint32_t n);
int shim_burst_set_length(struct shim_burst *b, uint32_t i, uint16_t len);
uint32_t shim_ring_dequeue_describe(void *ring, struct shim_burst *b, uint32_t n);
double shim_rdtsc(void);
double shim_tsc_hz(void);
/* ---- end of ethdev and mbuf ---- */

#endif
