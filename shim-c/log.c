/* EAL's log goes to stdout as DPDK's default stream does; lines logged at
 * ERR or worse are also kept, so that a failed rte_eal_init can be reported
 * with its real cause (rte_errno is 0 for "another primary is running"). */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <pthread.h>
#include <rte_log.h>
#include "shim.h"

#define ERR_CAP 8192
static char err_buf[ERR_CAP];
static size_t err_len;
static pthread_mutex_t err_mu = PTHREAD_MUTEX_INITIALIZER;
static FILE *tee_stream;

static ssize_t tee_write(void *cookie, const char *buf, size_t size)
{
	(void)cookie;
	fwrite(buf, 1, size, stdout);
	fflush(stdout);
	if (rte_log_cur_msg_loglevel() <= (int)RTE_LOG_ERR) {
		pthread_mutex_lock(&err_mu);
		size_t n = size < ERR_CAP - err_len ? size : ERR_CAP - err_len;
		memcpy(err_buf + err_len, buf, n);
		err_len += n;
		pthread_mutex_unlock(&err_mu);
	}
	return (ssize_t)size;
}

int shim_log_capture(void)
{
	if (tee_stream == NULL) {
		cookie_io_functions_t io = { .write = tee_write };
		tee_stream = fopencookie(NULL, "w", io);
		if (tee_stream == NULL)
			return -1;
		setvbuf(tee_stream, NULL, _IONBF, 0);
	}
	return rte_openlog_stream(tee_stream);
}

void shim_log_clear_errors(void)
{
	pthread_mutex_lock(&err_mu);
	err_len = 0;
	pthread_mutex_unlock(&err_mu);
}

size_t shim_log_errors(char *out, size_t cap)
{
	pthread_mutex_lock(&err_mu);
	size_t n = err_len < cap ? err_len : cap;
	memcpy(out, err_buf, n);
	pthread_mutex_unlock(&err_mu);
	return n;
}
