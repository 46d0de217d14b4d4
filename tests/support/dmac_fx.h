/* dmac_fx.h - the driver core's test fixture: an hx_sim with memories, the harness osal port,
 * a dmac_dev on it and its interrupt handler. Header-only (static inline), used by the
 * tests/test_dmac_*.c programs, which link the driver (tests/CMakeLists.txt).
 *
 * Memory map: "ram" at DFX_RAM (256 KB) on AHB1, and on AHB2 too when @mem_masters has bit 1
 * ("ram2", separate storage at the same addresses); the LLI pool in "lli" at DFX_LLI (64 KB)
 * on @lli_master. Register accesses cost 4 cycles, the interrupt latency is a fixed 10 cycles.
 */
#ifndef DMAC_FX_H
#define DMAC_FX_H

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "dmac.h"
#include "harness/sim.h"
#include "osal_hx.h"

#define DFX_RAM      0x10000000u
#define DFX_RAM_SIZE 0x40000u
#define DFX_LLI      0x20000000u
#define DFX_LLI_SIZE 0x10000u
#define DFX_ERR      (DFX_RAM + DFX_RAM_SIZE) /* 4 KB ERROR region right after "ram" on AHB1 */
#define DFX_PERIPH   0x40000000u   /* peripherals' data registers: DFX_PERIPH + 0x100 * k */

/**
 * dfx_opts - what differs between tests (zero fields: PL080, all channels, AHB1 memory, LLIs on
 *   AHB1, memcpy burst 4 width 4, mmio 4 cycles, latency 10)
 */
typedef struct dfx_opts {
	enum pl08x_variant variant;
	unsigned channels, mem_masters, lli_master, memcpy_burst, memcpy_width;
	unsigned lli_items;
	unsigned mem_waits;
	uint64_t seed;
	unsigned preempt_percent, mmio_jitter;
	int (*mux_get)(void *ctx, unsigned signal);
	void (*mux_put)(void *ctx, unsigned signal, unsigned line);
	void *mux_ctx;
} dfx_opts;

typedef struct dfx {
	hx_sim *sim;
	struct osal_dev *od;
	struct dmac_dev *d;
	unsigned irqs;
} dfx;

static inline void dfx_irq(hx_sim *s, void *arg)
{
	dfx *f = arg;

	(void)s;
	f->irqs++;
	dmac_irq(f->d);
}

static inline dfx *dfx_create(const dfx_opts *o)
{
	dfx *f = calloc(1, sizeof(*f));
	hx_sim_config sc = {
		.variant = o->variant, .seed = o->seed, .mmio_cycles = 4, .irq_latency_min = 10,
		.irq_latency_max = 10, .irq_latency_fixed = true, .preempt_percent = o->preempt_percent,
		.mmio_jitter = o->mmio_jitter,
	};
	unsigned mem = o->mem_masters ? o->mem_masters : 1u;
	struct dmac_platform pf = {
		.variant = o->variant == PL08X_VARIANT_PL081 ? DMAC_PL081 : DMAC_PL080,
		.channels = o->channels, .lli_master = o->lli_master, .mem_masters = mem,
		.memcpy_burst = o->memcpy_burst ? o->memcpy_burst : 4,
		.memcpy_width = o->memcpy_width ? o->memcpy_width : 4,
		.mux_get = o->mux_get, .mux_put = o->mux_put, .mux_ctx = o->mux_ctx,
	};
	osal_hx_config pc = { .lli_master = o->lli_master, .lli_base = DFX_LLI,
			      .lli_size = DFX_LLI_SIZE, .lli_items = o->lli_items };
	hx_bus *b;

	cr_assert_not_null(f);
	f->sim = hx_sim_create(&sc);
	cr_assert_not_null(f->sim);
	b = hx_sim_bus(f->sim);
	for (unsigned m = 0; m < 2; m++)
		if (mem & (1u << m))
			cr_assert_geq(hx_bus_add_mem(b, m ? "ram2" : "ram", m, DFX_RAM, DFX_RAM_SIZE, false,
						     hx_bus_waits_fixed(o->mem_waits)), 0);
	cr_assert_geq(hx_bus_add_mem(b, "lli", o->lli_master, DFX_LLI, DFX_LLI_SIZE, false,
				     hx_bus_waits_fixed(0)), 0);
	cr_assert_geq(hx_bus_add_error(b, "err", 0, DFX_ERR, 0x1000, true, true, hx_bus_waits_fixed(0)), 0);
	f->od = osal_hx_create(f->sim, &pc);
	cr_assert_not_null(f->od, "%s", hx_sim_failure(f->sim));
	f->d = calloc(1, sizeof(*f->d));
	cr_assert_not_null(f->d);
	cr_assert_eq(dmac_init(f->d, f->od, &pf), DMAC_OK);
	hx_sim_set_irq_handler(f->sim, dfx_irq, f);
	return f;
}

static inline void dfx_destroy(dfx *f)
{
	if (!f)
		return;
	free(f->d);
	osal_hx_destroy(f->od);
	hx_sim_destroy(f->sim);
	free(f);
}

/* Add a FIFO peripheral (request line @line, window DFX_PERIPH + 0x100 * @line on @master)
 * that raises SREQ as well as BREQ, like the PrimeCell UART, so a stream that ends in less than
 * a burst still drains */
static inline hx_periph *dfx_fifo(dfx *f, unsigned line, unsigned master, enum hx_periph_dir dir,
				  unsigned width, unsigned depth, unsigned rate, unsigned watermark,
				  unsigned long count, uint32_t seed)
{
	char err[128];
	hx_periph_config pc = {
		.name = dir == HX_PERIPH_TO_MEMORY ? "rx" : "tx", .kind = HX_PERIPH_FIFO, .line = line,
		.master = master, .base = DFX_PERIPH + 0x100u * line, .size = 0x100,
		.waits = hx_bus_waits_fixed(0), .dir = dir, .width = width, .depth = depth,
		.rate = rate, .watermark = watermark, .singles = true, .count = count,
		.data_seed = seed, .start = hx_sim_cycle(f->sim),
	};
	hx_periph *p = hx_periph_create(&pc, hx_sim_bus(f->sim), err, sizeof(err));

	cr_assert_not_null(p, "%s", err);
	cr_assert_geq(hx_sim_add_periph(f->sim, p), 0);
	return p;
}

static inline uint8_t *dfx_mem(dfx *f, unsigned master, uint32_t addr, size_t len)
{
	uint8_t *p = hx_bus_mem_bytes(hx_sim_bus(f->sim), master, addr, len);

	cr_assert_not_null(p, "0x%x+%zu not in the memory of master %u", addr, len, master);
	return p;
}

static inline void dfx_fill(dfx *f, unsigned master, uint32_t addr, size_t len, uint32_t seed)
{
	uint8_t *p = dfx_mem(f, master, addr, len);

	for (size_t i = 0; i < len; i++)
		p[i] = hx_pattern_byte(seed, i);
}

/* Map @len bytes at @addr (CPU address = bus address in the harness) */
static inline osal_dma_addr dfx_map(dfx *f, uint32_t addr, size_t len, enum osal_dma_dir dir)
{
	osal_dma_addr bus = 0;

	cr_assert(osal_dma_map(f->od, addr, len, dir, &bus));
	cr_assert_eq(bus, addr);
	return bus;
}

/* A counting callback */
typedef struct dfx_cb {
	unsigned calls, failed;
	uint32_t last_residue;
	uint64_t cycle[64];
	dfx *f;
} dfx_cb;

static inline void dfx_count(void *arg, const struct dmac_result *r)
{
	dfx_cb *cb = arg;

	if (cb->calls < 64)
		cb->cycle[cb->calls] = hx_sim_cycle(cb->f->sim);
	cb->calls++;
	cb->failed += r->result == DMAC_RESULT_FAILED;
	cb->last_residue = r->residue;
}

typedef struct dfx_wait_arg {
	const unsigned *counter;
	unsigned want;
} dfx_wait_arg;

static inline bool dfx_counter_reached(hx_sim *s, void *arg)
{
	const dfx_wait_arg *w = arg;

	(void)s;
	return *w->counter >= w->want;
}

/* Let simulated time pass until *@counter >= @want; fails the test after @timeout cycles */
static inline void dfx_wait(dfx *f, const unsigned *counter, unsigned want, uint64_t timeout)
{
	dfx_wait_arg w = { counter, want };

	cr_assert(hx_sim_wait_until(f->sim, dfx_counter_reached, &w, timeout, "dfx_wait"),
		  "waiting for %u (have %u): %s", want, *counter, hx_sim_failure(f->sim));
}

static inline void dfx_no_leaks(dfx *f)
{
	osal_hx_stats st;

	osal_hx_get_stats(f->od, &st);
	cr_assert_eq(st.maps_live, 0, "%lu mappings left", st.maps_live);
	cr_assert_eq(st.bad_unmaps, 0);
	cr_assert_eq(osal_hx_locks_held(f->od), 0);
	cr_assert_not(hx_sim_failed(f->sim), "%s", hx_sim_failure(f->sim));
}

#endif
