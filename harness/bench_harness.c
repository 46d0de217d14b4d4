/* pl08x-bench-harness: simulated HCLK cycles per second of wall time through the whole
 * co-verification system (hx_sim: bus fabric, peripherals, AHB checkers, trace hash), to set
 * beside pl08x-bench-model's figure for the bare model.
 *
 *   busy: a PL080 with N channels copying memory to memory as in pl08x-bench-model (words,
 *         bursts of 4, TransferSize 4095, zero-wait memories on AHB1 and AHB2), each channel
 *         re-armed at its terminal count through the register port between two cycles.
 *   idle: one channel reading a receiver FIFO that delivers one word every --rate cycles
 *         (a slow peripheral); nearly every cycle is fast-forwarded.
 */
#define _POSIX_C_SOURCE 200809L

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_load.h"
#include "harness/sim.h"

#define MEM_SIZE 0x10000u

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pl08x-bench-harness [--mode busy|idle] [--channels N] [--cycles N] [--rate N]\n"
		"  Simulated cycles per second through hx_sim (bus, peripherals, checkers, trace hash).\n"
		"  --mode busy    N channels copying memory to memory, all the time (default)\n"
		"  --mode idle    one channel waiting on a receiver FIFO of one word per --rate cycles\n"
		"  --channels N   busy channels, 1..8 (default 8)\n"
		"  --cycles N     cycles to simulate (default 5000000 busy, 1000000000 idle)\n"
		"  --rate N       idle: cycles between two words of the FIFO (default 1000000)\n"
		"Output: a line 'cycles/s: <number>' then a one-line summary.\n");
}

static void die(const char *what, const char *why)
{
	fprintf(stderr, "pl08x-bench-harness: %s: %s\n", what, why);
	exit(1);
}

int main(int argc, char **argv)
{
	uint64_t cycles = 0, channels = 8, rate = 1000000;
	bool idle = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--mode") && v) {
			if (strcmp(v, "busy") && strcmp(v, "idle")) {
				fprintf(stderr, "pl08x-bench-harness: --mode wants busy or idle, not '%s'\n", v);
				return 2;
			}
			idle = !strcmp(v, "idle");
			i++;
		} else if ((!strcmp(a, "--cycles") || !strcmp(a, "--channels") || !strcmp(a, "--rate")) && v) {
			uint64_t n;

			if (!bench_parse_u64(v, &n) || n == 0 || (!strcmp(a, "--channels") && n > 8)) {
				fprintf(stderr, "pl08x-bench-harness: %s wants a number%s, not '%s'\n", a,
					strcmp(a, "--channels") ? " above 0" : " in 1..8", v);
				return 2;
			}
			*(!strcmp(a, "--cycles") ? &cycles : !strcmp(a, "--channels") ? &channels : &rate) = n;
			i++;
		} else {
			fprintf(stderr, "pl08x-bench-harness: unknown argument '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (!cycles)
		cycles = idle ? 1000000000ull : 5000000ull; /* idle: the channel is still waiting at the end */

	hx_sim *s = hx_sim_create(&(hx_sim_config){ .variant = PL08X_VARIANT_PL080, .seed = 1 });
	if (!s)
		die("sim", "out of memory");
	hx_bus *b = hx_sim_bus(s);
	pl08x_dev *dev = hx_sim_dev(s);
	for (unsigned m = 0; m < 2; m++)
		if (hx_bus_add_mem(b, m ? "ahb2" : "ahb1", m, 0, MEM_SIZE, false, hx_bus_waits_fixed(0)) < 0)
			die("memory", hx_bus_error(b));
	pl08x_write(dev, PL08X_CONFIG, PL08X_VAL(PL08X_CONFIG_E, 1));

	uint64_t transfers = 0;
	struct timespec t0, t1;

	if (idle) {
		char err[160];
		hx_periph *p = hx_periph_create(&(hx_periph_config){
			.name = "slow_rx", .kind = HX_PERIPH_FIFO, .line = 0, .master = 0,
			.base = 0x40000000, .waits = hx_bus_waits_fixed(0), .dir = HX_PERIPH_TO_MEMORY,
			.width = 4, .depth = 4, .rate = (unsigned)(rate > UINT32_MAX ? UINT32_MAX : rate),
			.watermark = 4, .singles = true, .data_seed = 1 }, b, err, sizeof(err));
		if (!p || hx_sim_add_periph(s, p) < 0)
			die("peripheral", p ? "too many" : err);
		const uint32_t ch = PL08X_CH_BASE(0);
		pl08x_write(dev, ch + PL08X_CH_SRC_ADDR, 0x40000000);
		pl08x_write(dev, ch + PL08X_CH_DEST_ADDR, 0);
		pl08x_write(dev, ch + PL08X_CH_LLI, 0);
		pl08x_write(dev, ch + PL08X_CH_CONTROL,
			    bench_copy_ctl(PL08X_TS_MAX, false) & ~PL08X_MASK(PL08X_CCTL_D));
		pl08x_write(dev, ch + PL08X_CH_CONFIG,
			    PL08X_VAL(PL08X_CCFG_FLOW, PL08X_FLOW_PER2MEM) | PL08X_VAL(PL08X_CCFG_E, 1));
		clock_gettime(CLOCK_MONOTONIC, &t0);
		hx_sim_run_to(s, cycles);
		clock_gettime(CLOCK_MONOTONIC, &t1);
	} else {
		for (unsigned n = 0; n < channels; n++)
			bench_start_copy(dev, n);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (uint64_t c = 0; c < cycles; c++) {
			hx_sim_step(s);
			if (hx_sim_outputs(s)->inttc) { /* re-arm every channel that finished */
				uint32_t tc = pl08x_rd(dev, PL08X_INT_TC_STATUS);

				pl08x_write(dev, PL08X_INT_TC_CLEAR, tc);
				for (unsigned n = 0; n < channels; n++)
					if (tc & (1u << n)) {
						bench_start_copy(dev, n);
						transfers++;
					}
			}
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
	}

	hx_bus_stats st;
	hx_bus_get_stats(b, &st);
	uint64_t beats = st.beats[0] + st.beats[1];
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
	double per_s = secs > 0 ? (double)hx_sim_cycle(s) / secs : 0.0;
	printf("cycles/s: %.0f\n", per_s);
	if (idle)
		printf("pl08x-bench-harness: idle on a FIFO of one word per %" PRIu64 " cycles, %" PRIu64
		       " cycles (%" PRIu64 " fast-forwarded) in %.3f s = %.3g cycles/s; %" PRIu64 " beats\n",
		       rate, hx_sim_cycle(s), hx_sim_skipped(s), secs, per_s, beats);
	else
		printf("pl08x-bench-harness: PL080 in hx_sim, %" PRIu64 " busy channel%s, %" PRIu64
		       " cycles in %.3f s = %.2f M cycles/s; %" PRIu64 " beats, %" PRIu64
		       " transfers completed, %lu protocol violations\n",
		       channels, channels == 1 ? "" : "s", hx_sim_cycle(s), secs, per_s / 1e6, beats,
		       transfers, hx_sim_check(s, 0)->total + hx_sim_check(s, 1)->total);
	hx_sim_destroy(s);
	if (beats == 0) {
		fprintf(stderr, "pl08x-bench-harness: no data moved, the figure measured nothing\n");
		return 1;
	}
	return 0;
}
