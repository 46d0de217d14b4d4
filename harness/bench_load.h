/* What the two speed benchmarks share, so that pl08x-bench-model and pl08x-bench-harness put the
 * same load on the model and their figures can be set side by side (scripts/bench.sh). */
#ifndef PL08X_BENCH_LOAD_H
#define PL08X_BENCH_LOAD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "pl08x/model.h"

/** bench_parse_u64 - a decimal number with nothing after it (no sign) */
static inline bool bench_parse_u64(const char *s, uint64_t *v)
{
	char *end;

	if (!s || !*s || *s == '-')
		return false;
	*v = strtoull(s, &end, 10);
	return *end == '\0';
}

/**
 * bench_copy_ctl - CnControl of the load: @ts words in bursts of 4, source on AHB1 (incremented
 * when @src_inc), destination on AHB2 incremented, TC interrupt
 */
static inline uint32_t bench_copy_ctl(unsigned ts, bool src_inc)
{
	return PL08X_VAL(PL08X_CCTL_TS, ts) | PL08X_VAL(PL08X_CCTL_SBSIZE, PL08X_BSIZE_4) |
	       PL08X_VAL(PL08X_CCTL_DBSIZE, PL08X_BSIZE_4) |
	       PL08X_VAL(PL08X_CCTL_SWIDTH, PL08X_WIDTH_32) |
	       PL08X_VAL(PL08X_CCTL_DWIDTH, PL08X_WIDTH_32) | PL08X_VAL(PL08X_CCTL_D, 1) |
	       PL08X_VAL(PL08X_CCTL_SI, src_inc) | PL08X_VAL(PL08X_CCTL_DI, 1) |
	       PL08X_VAL(PL08X_CCTL_I, 1);
}

/** bench_start_copy - (re)start channel @n on a 4095-word memory-to-memory copy of the load */
static inline void bench_start_copy(pl08x_dev *dev, unsigned n)
{
	const uint32_t ch = PL08X_CH_BASE(n);

	pl08x_write(dev, ch + PL08X_CH_SRC_ADDR, 0x2000u * n);
	pl08x_write(dev, ch + PL08X_CH_DEST_ADDR, 0x2000u * n);
	pl08x_write(dev, ch + PL08X_CH_LLI, 0);
	pl08x_write(dev, ch + PL08X_CH_CONTROL, bench_copy_ctl(PL08X_TS_MAX, true));
	pl08x_write(dev, ch + PL08X_CH_CONFIG,
		    PL08X_VAL(PL08X_CCFG_FLOW, PL08X_FLOW_MEM2MEM) | PL08X_VAL(PL08X_CCFG_ITC, 1) |
		    PL08X_VAL(PL08X_CCFG_E, 1));
}

#endif
