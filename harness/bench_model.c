/* pl08x-bench-model: simulated HCLK cycles per second of wall time for the bare C model.
 *
 * A PL080 with every channel in use (8 by default) copying memory to memory: words, bursts of
 * 4, TransferSize 4095, source on AHB1 and destination on AHB2, each channel re-programmed
 * as soon as its terminal count comes, so all stay busy for the whole run. The memories are
 * the zero-wait slaves of harness/demo.c cut to the bone: one small array per master, with
 * the address masked, no checks and no logging, so the time measured is the model's.
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
#include "pl08x/model.h"

#define MEM_WORDS 16384u /* 64 KiB per master; addresses wrap */

static uint32_t mem[PL08X_MASTERS][MEM_WORDS];

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pl08x-bench-model [--channels N] [--cycles N]\n"
		"  Simulated cycles per second of the PL080 model with N busy channels doing\n"
		"  memory-to-memory copies (words, burst 4, TransferSize 4095, zero wait states).\n"
		"  --channels N  busy channels, 1..8 (default 8)\n"
		"  --cycles N    cycles to simulate (default 20000000)\n"
		"Output: a line 'cycles/s: <number>' then a one-line summary.\n");
}

int main(int argc, char **argv)
{
	uint64_t cycles = 20000000, channels = 8;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--cycles") && i + 1 < argc) {
			if (!bench_parse_u64(argv[++i], &cycles) || cycles == 0) {
				fprintf(stderr, "pl08x-bench-model: --cycles wants a positive number, not '%s'\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "--channels") && i + 1 < argc) {
			if (!bench_parse_u64(argv[++i], &channels) || channels < 1 || channels > 8) {
				fprintf(stderr, "pl08x-bench-model: --channels wants 1..8, not '%s'\n", argv[i]);
				return 2;
			}
		} else {
			fprintf(stderr, "pl08x-bench-model: unknown argument '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}

	pl08x_dev *dev = pl08x_create(PL08X_VARIANT_PL080);
	if (!dev) {
		fprintf(stderr, "pl08x-bench-model: out of memory\n");
		return 1;
	}
	for (uint32_t i = 0; i < MEM_WORDS; i++)
		mem[0][i] = i * 0x9e3779b9u;

	pl08x_write(dev, PL08X_CONFIG, PL08X_VAL(PL08X_CONFIG_E, 1));
	for (unsigned n = 0; n < channels; n++)
		bench_start_copy(dev, n);

	/* Zero-wait slaves: HREADY always high, so an address phase always becomes the data
	 * phase of the next cycle (see harness/demo.c for the protocol in full). Each master's
	 * data phase is kept as the word it reaches (NULL: none) and its direction, in locals
	 * the compiler keeps in registers across pl08x_step(): the loop is overhead on the
	 * figure, so it is kept to what a zero-wait slave needs. */
	pl08x_pins_in in = pl08x_pins_in_idle();
	pl08x_pins_out out = { 0 };
	uint32_t *dp0 = NULL, *dp1 = NULL;
	bool dp0_write = false, dp1_write = false;
	uint64_t beats = 0, transfers = 0;
	struct timespec t0, t1;

	_Static_assert(PL08X_MASTERS == 2, "one data phase per master");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Counted down: a decrement and its flags, where counting up compared with a count
	 * kept on the stack. */
	for (uint64_t left = cycles; left != 0; left--) {
		/* word transfers only in this bench */
		if (dp0) {
			if (dp0_write)
				*dp0 = out.hwdata[0];
			else
				in.hrdata[0] = *dp0;
			beats++;
		}
		if (dp1) {
			if (dp1_write)
				*dp1 = out.hwdata[1];
			else
				in.hrdata[1] = *dp1;
			beats++;
		}
		pl08x_step(dev, &in, &out);
		dp0 = out.htrans[0] >= PL08X_HTRANS_NONSEQ ? &mem[0][(out.haddr[0] >> 2) % MEM_WORDS] : NULL;
		dp1 = out.htrans[1] >= PL08X_HTRANS_NONSEQ ? &mem[1][(out.haddr[1] >> 2) % MEM_WORDS] : NULL;
		dp0_write = out.hwrite[0];
		dp1_write = out.hwrite[1];

		if (out.inttc) { /* re-arm every channel that finished */
			uint32_t tc = pl08x_rd(dev, PL08X_INT_TC_STATUS);

			pl08x_write(dev, PL08X_INT_TC_CLEAR, tc);
			for (unsigned n = 0; n < channels; n++) {
				if (tc & (1u << n)) {
					bench_start_copy(dev, n);
					transfers++;
				}
			}
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
	double rate = secs > 0 ? (double)cycles / secs : 0.0;
	printf("cycles/s: %.0f\n", rate);
	printf("pl08x-bench-model: PL080, %" PRIu64 " busy channel%s, %" PRIu64
	       " cycles in %.3f s = %.2f M cycles/s; %" PRIu64 " beats (%.2f per cycle), %" PRIu64
	       " transfers of 4095 words completed\n",
	       channels, channels == 1 ? "" : "s", cycles, secs, rate / 1e6, beats,
	       (double)beats / (double)cycles, transfers);
	pl08x_destroy(dev);
	if (beats == 0) {
		/* No bus traffic: the figure above measured an idle model, not a busy one. */
		fprintf(stderr, "pl08x-bench-model: the channels moved no data\n");
		return 1;
	}
	return 0;
}
