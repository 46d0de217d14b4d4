/* AHB protocol checker for one master port (see harness/ahb_check.h); the burst rules follow
 * tb_check_burst() and tb_check_hold() of tests/support/tb.c.
 */
#include "harness/ahb_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const hx_ahb_names[HX_AHB_V_COUNT] = {
	[HX_AHB_V_HTRANS] = "htrans", [HX_AHB_V_ADDR_INCR] = "addr-incr",
	[HX_AHB_V_BOUNDARY_1K] = "1k-boundary", [HX_AHB_V_HOLD] = "hold", [HX_AHB_V_HSIZE] = "hsize",
	[HX_AHB_V_ALIGN] = "align", [HX_AHB_V_BURST_LEN] = "burst-len", [HX_AHB_V_ERROR] = "error",
};

/* AHB HBURST codes, wrapping ones included (the DMAC itself never drives those) */
enum { HX_WRAP4 = 2, HX_WRAP8 = 4, HX_WRAP16 = 6 };

const char *hx_ahb_violation_name(enum hx_ahb_violation v)
{
	return (unsigned)v < HX_AHB_V_COUNT ? hx_ahb_names[v] : "?";
}

void hx_ahb_check_init(hx_ahb_check *c, unsigned master)
{
	memset(c, 0, sizeof *c);
	c->master = master;
}

static bool hx_ahb_active(uint8_t htrans)
{
	return htrans == PL08X_HTRANS_NONSEQ || htrans == PL08X_HTRANS_SEQ;
}

/* Beats of a fixed-length burst; 0 for INCR (undefined length) */
static unsigned hx_ahb_burst_len(uint8_t hburst)
{
	switch (hburst) {
	case PL08X_HBURST_SINGLE: return 1;
	case PL08X_HBURST_INCR4: case HX_WRAP4: return 4;
	case PL08X_HBURST_INCR8: case HX_WRAP8: return 8;
	case PL08X_HBURST_INCR16: case HX_WRAP16: return 16;
	default: return 0;
	}
}

static bool hx_ahb_wrapping(uint8_t hburst)
{
	return hburst == HX_WRAP4 || hburst == HX_WRAP8 || hburst == HX_WRAP16;
}

static void hx_ahb_violation(hx_ahb_check *c, unsigned *n, uint64_t cycle, enum hx_ahb_violation v,
			     uint32_t addr, const char *fmt, ...)
{
	va_list ap;

	c->count[v]++;
	(*n)++;
	if (c->total++)
		return;
	c->first_cycle = cycle;
	int k = snprintf(c->first, sizeof c->first, "cycle %llu AHB%u 0x%08x %s: ",
			 (unsigned long long)cycle, c->master + 1, (unsigned)addr, hx_ahb_names[v]);
	if (k < 0 || (size_t)k >= sizeof c->first)
		return;
	va_start(ap, fmt);
	vsnprintf(c->first + k, sizeof c->first - (size_t)k, fmt, ap);
	va_end(ap);
}

static bool hx_ahb_same_phase(const hx_ahb_pins *a, const hx_ahb_pins *b)
{
	return a->htrans == b->htrans && a->haddr == b->haddr && a->hwrite == b->hwrite &&
	       a->hsize == b->hsize && a->hburst == b->hburst && a->hprot == b->hprot &&
	       a->hlock == b->hlock;
}

/* The slave's side: ERROR is two cycles, and only answers a data phase */
static void hx_ahb_check_resp(hx_ahb_check *c, unsigned *n, uint64_t cy, const hx_ahb_pins *p)
{
	bool err = p->hresp == PL08X_HRESP_ERROR;

	if (c->err_pending) {
		if (!err || !p->hready)
			hx_ahb_violation(c, n, cy, HX_AHB_V_ERROR, p->haddr,
					 "2nd cycle of an ERROR response has HREADY %d HRESP %s",
					 p->hready, err ? "ERROR" : "OKAY");
		c->err_pending = false;
	} else if (err) {
		if (!c->dphase)
			hx_ahb_violation(c, n, cy, HX_AHB_V_ERROR, p->haddr,
					 "ERROR with no data phase in progress");
		else if (p->hready)
			hx_ahb_violation(c, n, cy, HX_AHB_V_ERROR, p->haddr,
					 "one-cycle ERROR (HREADY high in its first cycle)");
		else
			c->err_pending = true;
	}
	if (err)
		c->burst_err = true;
}

/* The master's side while the previous cycle's address phase was not accepted */
static void hx_ahb_check_hold(hx_ahb_check *c, unsigned *n, uint64_t cy, const hx_ahb_pins *p)
{
	const hx_ahb_pins *q = &c->prev;

	if (!c->prev_valid || q->hready || !hx_ahb_active(q->htrans) || hx_ahb_same_phase(p, q))
		return;
	if (q->hresp != PL08X_HRESP_ERROR)
		hx_ahb_violation(c, n, cy, HX_AHB_V_HOLD, p->haddr,
				 "address/control changed while HREADY was low (was %u 0x%08x)",
				 q->htrans, (unsigned)q->haddr);
	else if (p->htrans != PL08X_HTRANS_IDLE)
		hx_ahb_violation(c, n, cy, HX_AHB_V_ERROR, p->haddr,
				 "2nd ERROR cycle: address phase changed other than to IDLE (was %u 0x%08x)",
				 q->htrans, (unsigned)q->haddr);
}

/* A fixed-length burst left before its length without an ERROR: a legal early end */
static void hx_ahb_close(hx_ahb_check *c)
{
	if (c->open && c->burst_len && c->burst_beats < c->burst_len && !c->burst_err)
		c->early_ends++;
	c->open = false;
}

/* Burst rules at a cycle whose address phase is sampled (HREADY high) */
static void hx_ahb_check_burst(hx_ahb_check *c, unsigned *n, uint64_t cy, const hx_ahb_pins *p)
{
	uint32_t a = p->haddr;
	unsigned size = 1u << (p->hsize & 7u);

	if (p->htrans == PL08X_HTRANS_BUSY) {
		if (!c->open)
			hx_ahb_violation(c, n, cy, HX_AHB_V_HTRANS, a, "BUSY with no burst in progress");
		return;
	}
	if (p->htrans == PL08X_HTRANS_IDLE) {
		hx_ahb_close(c);
		return;
	}
	if (p->hsize > PL08X_HSIZE_32)
		hx_ahb_violation(c, n, cy, HX_AHB_V_HSIZE, a, "HSIZE %u wider than the 32-bit bus",
				 p->hsize);
	else if (a & (size - 1))
		hx_ahb_violation(c, n, cy, HX_AHB_V_ALIGN, a, "address not aligned to %u bytes", size);
	if (p->htrans == PL08X_HTRANS_NONSEQ) {
		hx_ahb_close(c);
		c->open = true;
		c->burst_err = false;
		c->burst_hburst = p->hburst;
		c->burst_hsize = p->hsize;
		c->burst_hprot = p->hprot;
		c->burst_hwrite = p->hwrite;
		c->burst_len = hx_ahb_burst_len(p->hburst);
		c->burst_beats = 1;
		c->burst_addr = c->burst_start = a;
		if (c->burst_len && !hx_ahb_wrapping(p->hburst) &&
		    (uint64_t)(a & 0x3FFu) + (uint64_t)c->burst_len * size > 0x400u)
			hx_ahb_violation(c, n, cy, HX_AHB_V_BOUNDARY_1K, a,
					 "%u-beat burst of %u bytes crosses a 1 KB boundary",
					 c->burst_len, size);
		return;
	}
	if (!c->open) {
		hx_ahb_violation(c, n, cy, HX_AHB_V_HTRANS, a, "SEQ with no burst in progress");
		return;
	}
	if (p->hwrite != c->burst_hwrite || p->hburst != c->burst_hburst ||
	    p->hsize != c->burst_hsize || p->hprot != c->burst_hprot)
		hx_ahb_violation(c, n, cy, HX_AHB_V_HTRANS, a, "SEQ control differs from its NONSEQ");

	unsigned bsize = 1u << (c->burst_hsize & 7u);
	uint32_t want = c->burst_addr + bsize;

	if (hx_ahb_wrapping(c->burst_hburst)) {
		uint32_t span = c->burst_len * bsize;

		want = (c->burst_addr & ~(span - 1)) | (want & (span - 1));
	}
	if (a != want)
		hx_ahb_violation(c, n, cy, HX_AHB_V_ADDR_INCR, a,
				 "SEQ address is not 0x%08x (previous + %u)", (unsigned)want, bsize);
	else if (c->burst_hburst == PL08X_HBURST_INCR && !(a & 0x3FFu))
		hx_ahb_violation(c, n, cy, HX_AHB_V_BOUNDARY_1K, a, "INCR burst crosses a 1 KB boundary");
	if (c->burst_len && c->burst_beats >= c->burst_len)
		hx_ahb_violation(c, n, cy, HX_AHB_V_BURST_LEN, a, "beat %u of a %u-beat burst",
				 c->burst_beats + 1, c->burst_len);
	c->burst_beats++;
	c->burst_addr = a;
}

unsigned hx_ahb_check_cycle(hx_ahb_check *c, uint64_t cycle, const hx_ahb_pins *pins)
{
	unsigned n = 0;

	hx_ahb_check_resp(c, &n, cycle, pins);
	hx_ahb_check_hold(c, &n, cycle, pins);
	if (pins->hready) {
		hx_ahb_check_burst(c, &n, cycle, pins);
		c->dphase = hx_ahb_active(pins->htrans);   /* accepted: its data phase is next */
	}
	c->prev = *pins;
	c->prev_valid = true;
	return n;
}

unsigned hx_ahb_check_step(hx_ahb_check *c, uint64_t cycle, const pl08x_pins_out *out,
			   const pl08x_pins_in *in)
{
	unsigned m = c->master;
	hx_ahb_pins p = {
		.htrans = out->htrans[m], .hsize = out->hsize[m], .hburst = out->hburst[m],
		.hprot = out->hprot[m], .hwrite = out->hwrite[m], .hlock = out->hlock[m],
		.haddr = out->haddr[m], .hready = in->hready[m], .hresp = in->hresp[m],
	};

	return hx_ahb_check_cycle(c, cycle, &p);
}
