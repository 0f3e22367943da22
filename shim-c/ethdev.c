/* Ethdev and mbuf wrappers: the inline burst functions, the structs Deno FFI
 * cannot pass (rte_eth_conf, rte_eth_dev_info, rte_eth_link), and a TSC clock
 * returned as a double (a u64 result would be a BigInt).
 *
 * A receive burst also writes, for each packet, the offset of its data from
 * the mempool's base address and its length into arrays the TypeScript side
 * reads, so TypeScript reaches packet bytes through one typed array over the
 * pool without an FFI call per packet. */
#define ALLOW_EXPERIMENTAL_API /* rte_eth_link_to_str */
#include <string.h>
#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_prefetch.h>
#include <rte_ring.h>
#include "shim.h"

uint16_t shim_eth_next_port(uint16_t from)
{
	return (uint16_t)rte_eth_find_next_owned_by(from, RTE_ETH_DEV_NO_OWNER);
}

/* out[SHIM_ETH_INFO_FIELDS], in the order of enum shim_eth_info_field */
int shim_eth_dev_info(uint16_t port, uint64_t *out, char *driver, size_t cap)
{
	struct rte_eth_dev_info info;
	int ret = rte_eth_dev_info_get(port, &info);
	if (ret != 0)
		return ret;
	out[0] = info.max_rx_queues;
	out[1] = info.max_tx_queues;
	out[2] = info.nb_rx_queues;
	out[3] = info.nb_tx_queues;
	out[4] = info.rx_offload_capa;
	out[5] = info.tx_offload_capa;
	out[6] = info.flow_type_rss_offloads;
	out[7] = info.reta_size;
	out[8] = info.hash_key_size;
	out[9] = info.min_rx_bufsize;
	out[10] = info.max_rx_pktlen;
	out[11] = info.max_mac_addrs;
	out[12] = info.rx_desc_lim.nb_max;
	out[13] = info.tx_desc_lim.nb_max;
	out[14] = info.min_mtu;
	out[15] = info.max_mtu;
	out[16] = info.if_index;
	out[17] = info.speed_capa;
	snprintf(driver, cap, "%s", info.driver_name ? info.driver_name : "");
	return 0;
}

int shim_eth_configure(uint16_t port, uint16_t nb_rx, uint16_t nb_tx, uint64_t rss_hf,
		       uint64_t rx_offloads, uint64_t tx_offloads)
{
	struct rte_eth_conf conf;
	memset(&conf, 0, sizeof(conf));
	conf.txmode.mq_mode = RTE_ETH_MQ_TX_NONE;
	conf.txmode.offloads = tx_offloads;
	conf.rxmode.offloads = rx_offloads;
	if (rss_hf != 0) {
		conf.rxmode.mq_mode = RTE_ETH_MQ_RX_RSS;
		conf.rx_adv_conf.rss_conf.rss_hf = rss_hf;
	}
	return rte_eth_dev_configure(port, nb_rx, nb_tx, &conf);
}

/* rte_eth_rx_queue_setup with the device's default rxconf, rx_drop_en set as
 * asked (rte_eth_rxconf cannot cross FFI) */
int shim_eth_rx_queue_setup(uint16_t port, uint16_t queue, uint16_t nb_desc, uint32_t socket,
			    void *pool, uint8_t drop_en)
{
	struct rte_eth_dev_info info;
	int ret = rte_eth_dev_info_get(port, &info);
	if (ret != 0)
		return ret;
	struct rte_eth_rxconf conf = info.default_rxconf;
	conf.rx_drop_en = drop_en;
	return rte_eth_rx_queue_setup(port, queue, nb_desc, socket, &conf, pool);
}

/* rx_tx[0], rx_tx[1]: descriptor counts, adjusted in place */
int shim_eth_adjust_desc(uint16_t port, uint16_t *rx_tx)
{
	return rte_eth_dev_adjust_nb_rx_tx_desc(port, &rx_tx[0], &rx_tx[1]);
}

/* out4: speed (Mbps), full duplex, autoneg, up; text: rte_eth_link_to_str */
int shim_eth_link(uint16_t port, uint32_t *out4, char *text, size_t cap)
{
	struct rte_eth_link link;
	memset(&link, 0, sizeof(link));
	int ret = rte_eth_link_get_nowait(port, &link);
	if (ret < 0)
		return ret;
	out4[0] = link.link_speed;
	out4[1] = link.link_duplex;
	out4[2] = link.link_autoneg;
	out4[3] = link.link_status;
	rte_eth_link_to_str(text, cap, &link);
	return 0;
}

static inline void describe(struct shim_burst *b, uint32_t from, uint32_t n)
{
	for (uint32_t i = from; i < n; i++) {
		struct rte_mbuf *m = b->mbufs[i];
		char *data = rte_pktmbuf_mtod(m, char *);
		uint64_t off = (uint64_t)(uintptr_t)data - b->base;
		rte_prefetch0(data);
		b->offsets[i] = off + m->data_len <= b->limit ? (uint32_t)off : SHIM_OFFSET_INVALID;
		b->lengths[i] = m->data_len;
	}
}

uint16_t shim_eth_rx_burst(uint16_t port, uint16_t queue, struct shim_burst *b, uint16_t n)
{
	uint16_t got = rte_eth_rx_burst(port, queue, (struct rte_mbuf **)b->mbufs, n);
	describe(b, 0, got);
	return got;
}

/* rte_eth_rx_burst into b->mbufs only, for apps that do not read packets */
uint16_t shim_eth_rx_burst_opaque(uint16_t port, uint16_t queue, struct shim_burst *b, uint16_t n)
{
	return rte_eth_rx_burst(port, queue, (struct rte_mbuf **)b->mbufs, n);
}

/* sends b->mbufs[from, from + n) */
uint16_t shim_eth_tx_burst(uint16_t port, uint16_t queue, struct shim_burst *b, uint16_t from, uint16_t n)
{
	return rte_eth_tx_burst(port, queue, (struct rte_mbuf **)&b->mbufs[from], n);
}

/* rte_eth_tx_buffer_flush with rte_eth_tx_buffer_count_callback: sends n,
 * frees what the queue did not take, returns how many were sent. */
uint16_t shim_eth_tx_flush(uint16_t port, uint16_t queue, void **pkts, uint16_t n)
{
	uint16_t sent = rte_eth_tx_burst(port, queue, (struct rte_mbuf **)pkts, n);
	if (sent < n)
		rte_pktmbuf_free_bulk((struct rte_mbuf **)&pkts[sent], n - sent);
	return sent;
}

/* frees b->mbufs[from, from + n) */
void shim_burst_free(struct shim_burst *b, uint32_t from, uint32_t n)
{
	rte_pktmbuf_free_bulk((struct rte_mbuf **)&b->mbufs[from], n);
}

void shim_burst_describe(struct shim_burst *b, uint32_t from, uint32_t n)
{
	describe(b, from, n);
}

int shim_pktmbuf_alloc_bulk(void *pool, struct shim_burst *b, uint32_t n)
{
	int ret = rte_pktmbuf_alloc_bulk(pool, (struct rte_mbuf **)b->mbufs, n);
	if (ret == 0)
		describe(b, 0, n);
	return ret;
}

/* Sets a one-segment packet's length; returns 0, or -1 if it does not fit. */
int shim_burst_set_length(struct shim_burst *b, uint32_t i, uint16_t len)
{
	struct rte_mbuf *m = b->mbufs[i];
	if (len > rte_pktmbuf_tailroom(m) + m->data_len)
		return -1;
	m->data_len = len;
	m->pkt_len = len;
	b->lengths[i] = len;
	return 0;
}

uint32_t shim_ring_dequeue_describe(void *ring, struct shim_burst *b, uint32_t n)
{
	uint32_t got = rte_ring_dequeue_burst(ring, b->mbufs, n, NULL);
	describe(b, 0, got);
	return got;
}

double shim_rdtsc(void)
{
	return (double)rte_rdtsc();
}

double shim_tsc_hz(void)
{
	return (double)rte_get_tsc_hz();
}
