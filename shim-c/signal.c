/* SIGINT and SIGTERM set stop_state[0] (and the signal in stop_state[1]);
 * the TypeScript loops read it through an Int32Array. A signal that comes
 * more than a second after the first takes the default action, so a stuck
 * process can still be interrupted; repeats within that second are the same
 * Ctrl-C delivered twice (`deno task` forwards the terminal's SIGINT to its
 * child, which has received it already) and are ignored. */
#include <signal.h>
#include <string.h>
#include <time.h>
#include "shim.h"

static volatile int32_t stop_state[2];
static struct timespec first_signal;

static void on_stop_signal(int signo)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (stop_state[0]) {
		long long ms = (now.tv_sec - first_signal.tv_sec) * 1000LL +
			       (now.tv_nsec - first_signal.tv_nsec) / 1000000;
		if (ms < 1000)
			return;
		signal(signo, SIG_DFL);
		raise(signo);
		return;
	}
	first_signal = now;
	stop_state[1] = signo;
	stop_state[0] = 1;
}

int shim_signals_install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0)
		return -1;
	return 0;
}

int32_t *shim_stop_state(void)
{
	return (int32_t *)stop_state;
}

void shim_stop_request(int32_t signo)
{
	stop_state[1] = signo;
	stop_state[0] = 1;
}

int shim_abi_version(void)
{
	return SHIM_ABI_VERSION;
}
