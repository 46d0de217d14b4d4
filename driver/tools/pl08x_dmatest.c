/* pl08x-dmatest - Linux's dmatest for the driver core on the model (docs/dmatest.md).
 *
 *   pl08x-dmatest --channels 4 --threads 2 --iterations 1000 --seed 7
 *
 * Each run builds a fresh system (hx_dmatest_rig_create(): sim, memories, harness osal port,
 * driver) and calls hx_dmatest_run(). Prints each failure as it happens, then a summary line per
 * thread and a total, like dmatest's. Exit: 0 every test passed, 1 a test failed, 2 bad usage or
 * a run that could not be made.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmatest.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: pl08x-dmatest [options]\n"
		"  --variant pl080|pl081  the controller (default pl080)\n"
		"  --channels N           memcpy channels (default 1)        [max_channels]\n"
		"  --threads N            threads per channel (default 1)    [threads_per_chan]\n"
		"  --iterations N         tests per thread (default 100)     [iterations]\n"
		"  --min-len N            shortest copy in bytes (default 1)\n"
		"  --max-len N            longest copy and buffer size (default 4096) [test_buf_size]\n"
		"  --align N              lengths and offsets multiples of N (default 1) [alignment]\n"
		"  --guard N              guard bytes before and after each buffer (default 16; 0: none)\n"
		"  --seed S               seed of lengths, offsets, patterns, scheduling and the sim (default 1)\n"
		"  --seeds A..B           one run per seed A to B (per-seed totals only)\n"
		"  --timeout C            simulated cycles per test before it fails (default 1000000) [timeout]\n"
		"  --noverify             no filling or checking: figures only [noverify]\n"
		"  --mem-masters M        1: memory on AHB1; 3: read on AHB1, write on AHB2 (PL080 only)\n"
		"  --mem-waits W          wait states of the memories (default 0)\n"
		"  --burst B, --width W   the platform's memcpy burst (default 4) and width in bytes (4)\n"
		"  --hclk HZ              clock for iops and KB/s (default 100000000)\n"
		"  --cpu-cost C           CPU cycles per KiB filled or verified (default 256; 0: free)\n"
		"  --quiet                no per-thread lines, no failure messages\n"
		"  --help                 this text\n"
		"Output: one 'NAME: summary T tests, F failures I iops K KB/s (S)' line per thread and a\n"
		"total, in simulated time. Exit status: 0 all passed, 1 failures, 2 usage or set-up error.\n");
}

static int parse_u64(const char *opt, const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	if (!s || !*s || *s == '-') {
		fprintf(stderr, "pl08x-dmatest: %s needs a number\n", opt);
		return -1;
	}
	*v = strtoull(s, &end, 0);
	if (errno || *end) {
		fprintf(stderr, "pl08x-dmatest: %s: bad number '%s'\n", opt, s);
		return -1;
	}
	return 0;
}

static void print_failure(void *ctx, const char *msg)
{
	(void)ctx;
	printf("%s\n", msg);
}

struct opts {
	hx_dmatest_config dt;
	hx_dmatest_rig_config rig;
	uint64_t seed_lo, seed_hi;
	bool sweep, quiet;
};

/* One run of @o with @seed; 0, 1 or 2 as the exit status */
static int run_one(const struct opts *o, uint64_t seed, bool per_thread)
{
	hx_dmatest_rig_config rc = o->rig;
	hx_dmatest_config c = o->dt;
	hx_dmatest_result *res = malloc(sizeof(*res));
	hx_dmatest_rig *rig;
	char err[256], line[256];
	int st;

	if (!res)
		return 2;
	rc.sim_seed = seed;
	c.seed = seed;
	rig = hx_dmatest_rig_create(&rc, err, sizeof(err));
	if (!rig) {
		fprintf(stderr, "pl08x-dmatest: %s\n", err);
		free(res);
		return 2;
	}
	hx_dmatest_rig_defaults(rig, &c);
	if (!o->quiet)
		c.log = print_failure;
	st = hx_dmatest_run(rig->sim, rig->d, &c, res);
	if (st < 0) {
		fprintf(stderr, "pl08x-dmatest: seed %" PRIu64 ": %s\n", seed, res->first_failure);
		if (st == HX_DMATEST_EINVAL) {
			hx_dmatest_rig_destroy(rig);
			free(res);
			return 2;
		}
	}
	if (per_thread && !o->quiet)
		for (unsigned i = 0; i < res->n_threads; i++) {
			hx_dmatest_summary(res, &res->thread[i], st, line, sizeof(line));
			printf("%s\n", line);
		}
	hx_dmatest_summary(res, NULL, st, line, sizeof(line));
	if (o->sweep)
		printf("seed %" PRIu64 ": %s\n", seed, line);
	else
		printf("%s\n", line);
	hx_dmatest_rig_destroy(rig);
	free(res);
	return st == HX_DMATEST_PASS ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct opts o = { .dt = { .seed = 1 }, .rig = { .variant = PL08X_VARIANT_PL080 } };
	unsigned long failed = 0;
	int worst = 0;

	o.seed_lo = o.seed_hi = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		uint64_t n = 0;

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--noverify")) {
			o.dt.no_verify = true;
			continue;
		} else if (!strcmp(a, "--quiet")) {
			o.quiet = true;
			continue;
		} else if (!strcmp(a, "--variant")) {
			if (v && !strcmp(v, "pl080"))
				o.rig.variant = PL08X_VARIANT_PL080;
			else if (v && !strcmp(v, "pl081"))
				o.rig.variant = PL08X_VARIANT_PL081;
			else {
				fprintf(stderr, "pl08x-dmatest: --variant pl080|pl081\n");
				return 2;
			}
		} else if (!strcmp(a, "--seeds")) {
			const char *dots = v ? strstr(v, "..") : NULL;
			char lo[32];

			if (!dots || (size_t)(dots - v) >= sizeof(lo)) {
				fprintf(stderr, "pl08x-dmatest: --seeds A..B\n");
				return 2;
			}
			memcpy(lo, v, (size_t)(dots - v));
			lo[dots - v] = '\0';
			if (parse_u64(a, lo, &o.seed_lo) || parse_u64(a, dots + 2, &o.seed_hi))
				return 2;
			if (o.seed_hi < o.seed_lo) {
				fprintf(stderr, "pl08x-dmatest: --seeds A..B with A <= B\n");
				return 2;
			}
			o.sweep = true;
		} else if (!strcmp(a, "--guard")) {
			if (parse_u64(a, v, &n) || n > UINT32_MAX)
				return 2;
			o.dt.guard = (uint32_t)n;
			o.dt.no_guard = n == 0;
		} else {
			static const char *const names[] = { "--channels", "--threads", "--iterations",
				"--min-len", "--max-len", "--align", "--seed", "--timeout", "--mem-masters",
				"--mem-waits", "--burst", "--width", "--hclk", "--cpu-cost" };
			unsigned k = 0;

			while (k < sizeof(names) / sizeof(names[0]) && strcmp(a, names[k]))
				k++;
			if (k == sizeof(names) / sizeof(names[0])) {
				fprintf(stderr, "pl08x-dmatest: unknown option '%s'\n", a);
				usage(stderr);
				return 2;
			}
			if (parse_u64(a, v, &n))
				return 2;
			if (k != 6 && k != 7 && k != 12 && k != 13 && (n == 0 || n > UINT32_MAX)) {
				fprintf(stderr, "pl08x-dmatest: %s %s: out of range\n", a, v);
				return 2;
			}
			switch (k) {
			case 0: o.dt.channels = (unsigned)n; break;
			case 1: o.dt.threads = (unsigned)n; break;
			case 2: o.dt.iterations = (unsigned long)n; break;
			case 3: o.dt.min_len = (uint32_t)n; break;
			case 4: o.dt.max_len = (uint32_t)n; break;
			case 5: o.dt.align = (uint32_t)n; break;
			case 6: o.seed_lo = o.seed_hi = n; break;
			case 7: o.dt.timeout = n; break;
			case 8: o.rig.mem_masters = (unsigned)n; break;
			case 9: o.rig.mem_waits = (unsigned)n; break;
			case 10: o.rig.memcpy_burst = (unsigned)n; break;
			case 11: o.rig.memcpy_width = (unsigned)n; break;
			case 12: o.dt.hclk_hz = n; break;
			case 13: o.dt.cpu_cycles_per_kib = (uint32_t)n; o.dt.cpu_free = n == 0; break;
			}
		}
		i++;
	}
	for (uint64_t s = o.seed_lo;; s++) {
		int st = run_one(&o, s, !o.sweep);

		if (st == 2)
			return 2;
		failed += st != 0;
		if (st > worst)
			worst = st;
		if (s == o.seed_hi)
			break;
	}
	if (o.sweep)
		printf("seeds %" PRIu64 "..%" PRIu64 ": %" PRIu64 " runs, %lu failed\n", o.seed_lo, o.seed_hi,
		       o.seed_hi - o.seed_lo + 1, failed);
	return worst;
}
