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

#endif
