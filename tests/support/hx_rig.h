/* A minimal system for the harness unit tests: the model, an hx_bus, peripherals and one AHB
 * checker per master, stepped in the order of harness/sim.h (bus, checkers, peripherals,
 * pl08x_step) with the cycle conventions of tests/support/tb.h. Header only (static inline),
 * shared by tests/test_hx_*.c; it does not replace hx_sim.
 */
#ifndef HX_RIG_H
#define HX_RIG_H

#include <stdlib.h>
#include <string.h>

#include "harness/ahb_check.h"
#include "harness/bus.h"
#include "harness/periph.h"
#include "pl08x/model.h"

#define HX_RIG_PERIPHS 4

typedef struct hx_rig {
	pl08x_dev *dev;
	hx_bus *bus;
	pl08x_pins_out out;
	pl08x_pins_in in;
	hx_periph *p[HX_RIG_PERIPHS];
	unsigned np;
	unsigned req_log[64];           /* request bits of each raise, per rig (all peripherals) */
	uint64_t req_cycle[64];
	unsigned n_req, prev_bits[HX_RIG_PERIPHS];
	hx_ahb_check chk[PL08X_MASTERS];
	hx_bus_beat *beats;
	size_t nb, cap;
} hx_rig;

static inline void hx_rig_log_beat(void *ctx, const hx_bus_beat *b)
{
	hx_rig *r = ctx;

	if (r->nb == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 256;
		r->beats = realloc(r->beats, r->cap * sizeof *r->beats);
		if (!r->beats)
			abort();
	}
	r->beats[r->nb++] = *b;
}

static inline hx_rig *hx_rig_create(enum pl08x_variant v, uint64_t seed)
{
	hx_rig *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	r->dev = pl08x_create(v);
	r->bus = hx_bus_create(pl08x_masters(r->dev), seed);
	r->in = pl08x_pins_in_idle();
	for (unsigned m = 0; m < PL08X_MASTERS; m++)
		hx_ahb_check_init(&r->chk[m], m);
	hx_bus_on_beat(r->bus, hx_rig_log_beat, r);
	return r;
}

static inline void hx_rig_destroy(hx_rig *r)
{
	if (!r)
		return;
	for (unsigned i = 0; i < r->np; i++)
		hx_periph_destroy(r->p[i]);
	hx_bus_destroy(r->bus);
	pl08x_destroy(r->dev);
	free(r->beats);
	free(r);
}

static inline uint64_t hx_rig_cycle(const hx_rig *r)
{
	return pl08x_cycle(r->dev);
}

static inline void hx_rig_step(hx_rig *r)
{
	uint64_t c = pl08x_cycle(r->dev);
	uint16_t pins[4] = { 0 };

	hx_bus_cycle(r->bus, c, &r->out, &r->in);
	for (unsigned m = 0; m < pl08x_masters(r->dev); m++)
		hx_ahb_check_step(&r->chk[m], c, &r->out, &r->in);
	for (unsigned i = 0; i < r->np; i++) {
		unsigned bits;

		hx_periph_cycle(r->p[i], c, &r->out, &bits);
		if (bits && !r->prev_bits[i] && r->n_req < 64) {
			r->req_cycle[r->n_req] = c;
			r->req_log[r->n_req++] = bits;
		}
		r->prev_bits[i] = bits;
		for (unsigned k = 0; k < 4; k++)
			if ((bits >> k) & 1u)
				pins[k] |= (uint16_t)(1u << hx_periph_line(r->p[i]));
	}
	r->in.breq = pins[0];
	r->in.sreq = pins[1];
	r->in.lbreq = pins[2];
	r->in.lsreq = pins[3];
	pl08x_step(r->dev, &r->in, &r->out);
}

static inline void hx_rig_run(hx_rig *r, uint64_t n)
{
	while (n--)
		hx_rig_step(r);
}

/* Step until no channel is enabled and the bus is idle, at most @max cycles */
static inline bool hx_rig_run_until_idle(hx_rig *r, uint64_t max)
{
	for (uint64_t i = 0; i <= max; i++) {
		bool busy = pl08x_rd(r->dev, PL08X_ENBLD_CHNS) || !hx_bus_idle(r->bus);

		for (unsigned m = 0; m < PL08X_MASTERS; m++)
			busy |= r->out.htrans[m] != PL08X_HTRANS_IDLE;
		if (!busy)
			return true;
		hx_rig_step(r);
	}
	return false;
}

/* Write a channel's SrcAddr, DestAddr, LLI, Control, then Configuration */
static inline void hx_rig_program(hx_rig *r, unsigned ch, const pl08x_lli *it, uint32_t config)
{
	pl08x_write(r->dev, PL08X_CH_BASE(ch) + PL08X_CH_SRC_ADDR, it->src);
	pl08x_write(r->dev, PL08X_CH_BASE(ch) + PL08X_CH_DEST_ADDR, it->dst);
	pl08x_write(r->dev, PL08X_CH_BASE(ch) + PL08X_CH_LLI, it->lli);
	pl08x_write(r->dev, PL08X_CH_BASE(ch) + PL08X_CH_CONTROL, it->ctl);
	pl08x_write(r->dev, PL08X_CH_BASE(ch) + PL08X_CH_CONFIG, config);
}

static inline unsigned long hx_rig_violations(const hx_rig *r)
{
	return r->chk[0].total + r->chk[1].total;
}

#endif
