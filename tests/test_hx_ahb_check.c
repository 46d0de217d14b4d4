/* The AHB protocol checker (harness/ahb_check.h): a deliberately broken fake master injects each
 * violation class; the real model runs clean; a channel stopped mid-burst is an early end.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "harness/ahb_check.h"
#include "hx_rig.h"
#include "tb.h"

enum { I = PL08X_HTRANS_IDLE, B = PL08X_HTRANS_BUSY, N = PL08X_HTRANS_NONSEQ, S = PL08X_HTRANS_SEQ };
enum { SGL = PL08X_HBURST_SINGLE, INC = PL08X_HBURST_INCR, I4 = PL08X_HBURST_INCR4, W4 = 2 };
enum { OK = PL08X_HRESP_OKAY, ER = PL08X_HRESP_ERROR };

/* One cycle of the fake master and its slave: htrans, haddr, hburst, hsize, hready, hresp */
typedef struct fcyc {
	uint8_t htrans;
	uint32_t haddr;
	uint8_t hburst, hsize;
	bool hready;
	uint8_t hresp;
} fcyc;

static hx_ahb_check chk;

/* Feed @n cycles; return the violations found */
static unsigned feed(const fcyc *f, size_t n)
{
	unsigned v = 0;

	hx_ahb_check_init(&chk, 0);
	for (size_t c = 0; c < n; c++) {
		hx_ahb_pins p = { .htrans = f[c].htrans, .haddr = f[c].haddr, .hburst = f[c].hburst,
				  .hsize = f[c].hsize, .hready = f[c].hready, .hresp = f[c].hresp,
				  .hprot = 1 };
		v += hx_ahb_check_cycle(&chk, c, &p);
	}
	return v;
}

/* Exactly one violation, of class @v, at cycle @cycle */
static void only(enum hx_ahb_violation v, uint64_t cycle)
{
	cr_assert_eq(chk.total, 1, "%lu violations, first: %s", chk.total, chk.first);
	cr_assert_eq(chk.count[v], 1, "class %s not counted; first: %s", hx_ahb_violation_name(v), chk.first);
	cr_assert_eq(chk.first_cycle, cycle, "at %llu: %s", (unsigned long long)chk.first_cycle, chk.first);
	cr_assert(strstr(chk.first, hx_ahb_violation_name(v)), "%s", chk.first);
}

#define W 2     /* HSIZE word */

Test(hx_ahb_check, clean_incr4_and_incr_bursts_with_waits_pass)
{
	const fcyc f[] = {
		{ N, 0x100, I4, W, 1, OK }, { S, 0x104, I4, W, 0, OK }, { S, 0x104, I4, W, 1, OK },
		{ S, 0x108, I4, W, 1, OK }, { S, 0x10C, I4, W, 1, OK }, { N, 0x3F8, INC, W, 1, OK },
		{ S, 0x3FC, INC, W, 1, OK }, { I, 0, 0, 0, 1, OK }, { N, 0x0A, INC, 1, 1, OK },
		{ I, 0, 0, 0, 1, OK },
	};
	cr_assert_eq(feed(f, sizeof f / sizeof f[0]), 0, "%s", chk.first);
	cr_assert_eq(chk.early_ends, 0);
}

Test(hx_ahb_check, seq_without_nonseq_is_htrans)
{
	const fcyc f[] = { { I, 0, 0, 0, 1, OK }, { S, 0x104, I4, W, 1, OK }, { I, 0, 0, 0, 1, OK } };
	cr_assert_eq(feed(f, 3), 1);
	only(HX_AHB_V_HTRANS, 1);
}

Test(hx_ahb_check, seq_after_the_burst_was_ended_by_idle_is_htrans)
{
	const fcyc f[] = { { N, 0x100, INC, W, 1, OK }, { I, 0, 0, 0, 1, OK }, { S, 0x104, INC, W, 1, OK } };
	feed(f, 3);
	only(HX_AHB_V_HTRANS, 2);
}

Test(hx_ahb_check, busy_without_burst_and_seq_with_other_control_are_htrans)
{
	const fcyc f[] = { { B, 0x100, INC, W, 1, OK }, { N, 0x100, INC, W, 1, OK }, { S, 0x104, I4, W, 1, OK } };
	cr_assert_eq(feed(f, 3), 2);
	cr_assert_eq(chk.count[HX_AHB_V_HTRANS], 2);
	cr_assert_eq(chk.total, 2);
}

Test(hx_ahb_check, wrong_increment_is_addr_incr)
{
	const fcyc f[] = { { N, 0x100, I4, W, 1, OK }, { S, 0x104, I4, W, 1, OK }, { S, 0x10C, I4, W, 1, OK } };
	feed(f, 3);
	only(HX_AHB_V_ADDR_INCR, 2);
}

Test(hx_ahb_check, wrap4_wraps_legally)
{
	const fcyc f[] = { { N, 0x108, W4, W, 1, OK }, { S, 0x10C, W4, W, 1, OK }, { S, 0x100, W4, W, 1, OK },
			   { S, 0x104, W4, W, 1, OK }, { I, 0, 0, 0, 1, OK } };
	cr_assert_eq(feed(f, 5), 0, "%s", chk.first);
}

Test(hx_ahb_check, incr4_crossing_1kb_is_boundary)
{
	const fcyc f[] = { { N, 0x3F8, I4, W, 1, OK }, { S, 0x3FC, I4, W, 1, OK }, { S, 0x400, I4, W, 1, OK },
			   { S, 0x404, I4, W, 1, OK } };
	feed(f, 4);
	only(HX_AHB_V_BOUNDARY_1K, 0);
}

Test(hx_ahb_check, incr_reaching_a_1kb_boundary_is_boundary)
{
	const fcyc f[] = { { N, 0x7FC, INC, W, 1, OK }, { S, 0x800, INC, W, 1, OK } };
	feed(f, 2);
	only(HX_AHB_V_BOUNDARY_1K, 1);
}

Test(hx_ahb_check, address_changed_while_hready_low_is_hold)
{
	const fcyc f[] = { { N, 0x100, INC, W, 1, OK }, { S, 0x104, INC, W, 0, OK }, { S, 0x108, INC, W, 1, OK } };
	feed(f, 3);
	cr_assert_eq(chk.count[HX_AHB_V_HOLD], 1, "%s", chk.first);
	cr_assert_eq(chk.first_cycle, 2);
}

Test(hx_ahb_check, idle_may_change_during_a_wait_state)
{
	const fcyc f[] = { { N, 0x100, INC, W, 1, OK }, { I, 0, 0, 0, 0, OK }, { N, 0x200, INC, W, 1, OK },
			   { I, 0, 0, 0, 1, OK } };
	cr_assert_eq(feed(f, 4), 0, "%s", chk.first);
}

Test(hx_ahb_check, hsize_3_is_hsize)
{
	const fcyc f[] = { { N, 0x100, INC, 3, 1, OK }, { I, 0, 0, 0, 1, OK } };
	feed(f, 2);
	only(HX_AHB_V_HSIZE, 0);
}

Test(hx_ahb_check, unaligned_halfword_is_align)
{
	const fcyc f[] = { { N, 0x101, INC, 1, 1, OK }, { I, 0, 0, 0, 1, OK } };
	feed(f, 2);
	only(HX_AHB_V_ALIGN, 0);
}

Test(hx_ahb_check, incr4_with_5_beats_is_burst_len)
{
	const fcyc f[] = { { N, 0x100, I4, W, 1, OK }, { S, 0x104, I4, W, 1, OK }, { S, 0x108, I4, W, 1, OK },
			   { S, 0x10C, I4, W, 1, OK }, { S, 0x110, I4, W, 1, OK }, { I, 0, 0, 0, 1, OK } };
	feed(f, 6);
	only(HX_AHB_V_BURST_LEN, 4);
}

Test(hx_ahb_check, master_changing_its_address_in_the_second_error_cycle_is_error)
{
	/* beat 0x100 gets ERROR in cycles 1-2; SEQ 0x104 pending, then the master jumps elsewhere */
	const fcyc f[] = { { N, 0x100, I4, W, 1, OK }, { S, 0x104, I4, W, 0, ER }, { N, 0x500, INC, W, 1, ER },
			   { I, 0, 0, 0, 1, OK } };
	feed(f, 4);
	only(HX_AHB_V_ERROR, 2);
}

Test(hx_ahb_check, cancelling_to_idle_after_error_is_legal_and_no_early_end)
{
	const fcyc f[] = { { N, 0x100, I4, W, 1, OK }, { S, 0x104, I4, W, 0, ER }, { I, 0, 0, 0, 1, ER },
			   { N, 0x200, SGL, W, 1, OK }, { I, 0, 0, 0, 1, OK } };
	cr_assert_eq(feed(f, 5), 0, "%s", chk.first);
	cr_assert_eq(chk.early_ends, 0);
}

Test(hx_ahb_check, one_cycle_error_from_the_slave_is_error)
{
	const fcyc f[] = { { N, 0x100, INC, W, 1, OK }, { I, 0, 0, 0, 1, ER }, { I, 0, 0, 0, 1, OK } };
	feed(f, 3);
	only(HX_AHB_V_ERROR, 1);
}

Test(hx_ahb_check, error_not_completed_and_error_without_transfer_are_error)
{
	const fcyc f[] = { { N, 0x100, INC, W, 1, OK }, { I, 0, 0, 0, 0, ER }, { I, 0, 0, 0, 1, OK },
			   { I, 0, 0, 0, 0, ER } };
	cr_assert_eq(feed(f, 4), 2);
	cr_assert_eq(chk.count[HX_AHB_V_ERROR], 2);
	cr_assert_eq(chk.first_cycle, 2);
}

Test(hx_ahb_check, incr4_ended_by_idle_or_nonseq_is_an_early_end)
{
	const fcyc f[] = { { N, 0x100, I4, W, 1, OK }, { S, 0x104, I4, W, 1, OK }, { I, 0, 0, 0, 1, OK },
			   { N, 0x200, I4, W, 1, OK }, { N, 0x300, I4, W, 1, OK }, { I, 0, 0, 0, 1, OK } };
	cr_assert_eq(feed(f, 6), 0, "%s", chk.first);
	cr_assert_eq(chk.early_ends, 3);
}

Test(hx_ahb_check, names_of_the_classes)
{
	cr_assert_str_eq(hx_ahb_violation_name(HX_AHB_V_BOUNDARY_1K), "1k-boundary");
	cr_assert_str_eq(hx_ahb_violation_name(HX_AHB_V_ADDR_INCR), "addr-incr");
	cr_assert_str_eq(hx_ahb_violation_name(HX_AHB_V_COUNT), "?");
}

/* ---- the real model ----------------------------------------------------------------------- */

#define CCFG(f, v) PL08X_VAL(PL08X_CCFG_##f, v)
#define CTL(f, v)  PL08X_VAL(PL08X_CCTL_##f, v)

Test(hx_ahb_check, model_copies_with_bursts_waits_a_1kb_split_and_an_error_are_clean)
{
	hx_rig *r = hx_rig_create(PL08X_VARIANT_PL080, 3);
	hx_bus_waits rnd = { .kind = HX_BUS_WAIT_RANDOM, .min = 0, .max = 3 };
	uint32_t cfg = CCFG(E, 1) | CCFG(ITC, 1) | CCFG(IE, 1);

	cr_assert_geq(hx_bus_add_mem(r->bus, "m0", 0, 0, 0x10000, false, rnd), 0);
	cr_assert_geq(hx_bus_add_mem(r->bus, "m1", 1, 0, 0x10000, true, hx_bus_waits_fixed(1)), 0);
	cr_assert_geq(hx_bus_add_error(r->bus, "hole", 1, 0x8000, 0x100, false, true, hx_bus_waits_fixed(0)), 0);
	pl08x_write(r->dev, PL08X_CONFIG, 1);
	hx_rig_program(r, 0, &(pl08x_lli){ .src = 0x3E0, .dst = 0x1000, .ctl = CTL(TS, 64) |
		CTL(SBSIZE, 3) | CTL(DBSIZE, 2) | CTL(SWIDTH, 2) | CTL(DWIDTH, 2) | CTL(SI, 1) |
		CTL(DI, 1) | CTL(D, 1) }, cfg);
	hx_rig_program(r, 1, &(pl08x_lli){ .src = 0x20, .dst = 0x2001, .ctl = CTL(TS, 50) |
		CTL(SBSIZE, 2) | CTL(DBSIZE, 4) | CTL(SWIDTH, 0) | CTL(DWIDTH, 0) | CTL(SI, 1) |
		CTL(DI, 1) }, cfg);
	hx_rig_program(r, 2, &(pl08x_lli){ .src = 0x100, .dst = 0x8000, .ctl = CTL(TS, 8) |
		CTL(SBSIZE, 1) | CTL(DBSIZE, 1) | CTL(SWIDTH, 2) | CTL(DWIDTH, 2) | CTL(SI, 1) |
		CTL(DI, 1) | CTL(D, 1) }, cfg);
	cr_assert(hx_rig_run_until_idle(r, 50000));
	hx_bus_stats st;
	hx_bus_get_stats(r->bus, &st);
	cr_assert_eq(st.errors, 1, "channel 2 hits the write-only hole");
	cr_assert_gt(st.beats[0] + st.beats[1], 200);
	cr_assert_eq(hx_rig_violations(r), 0, "AHB1: %s / AHB2: %s", r->chk[0].first, r->chk[1].first);
	cr_assert_eq(r->chk[0].early_ends + r->chk[1].early_ends, 0);
	hx_rig_destroy(r);
}

Test(hx_ahb_check, channel_disabled_mid_incr4_counts_an_early_end_like_tb)
{
	hx_rig *r = hx_rig_create(PL08X_VARIANT_PL080, 1);
	tb *t = tb_create(PL08X_VARIANT_PL080);
	pl08x_lli it = { .src = 0x100, .dst = 0x800, .ctl = CTL(TS, 16) | CTL(SBSIZE, 1) |
			 CTL(DBSIZE, 1) | CTL(SWIDTH, 2) | CTL(DWIDTH, 2) | CTL(SI, 1) | CTL(DI, 1) };
	uint32_t cfg = CCFG(E, 1) | CCFG(ITC, 1) | CCFG(IE, 1);

	cr_assert_geq(hx_bus_add_mem(r->bus, "m0", 0, 0, 0x1000, false, hx_bus_waits_fixed(2)), 0);
	tb_add_mem(t, 0, 0, 0x1000, 2);
	pl08x_write(r->dev, PL08X_CONFIG, 1);
	tb_wr(t, PL08X_CONFIG, 1);
	hx_rig_program(r, 0, &it, cfg);
	tb_program(t, 0, &it, cfg);
	/* reads INCR4 from cycle 2, 3 cycles a beat: disable the channel inside the burst */
	hx_rig_run(r, 6);
	tb_run(t, 6);
	cr_assert_eq(r->out.htrans[0], PL08X_HTRANS_SEQ, "inside the INCR4 at cycle 6");
	pl08x_write(r->dev, PL08X_CH_BASE(0) + PL08X_CH_CONFIG, 0);
	tb_wr(t, PL08X_CH_BASE(0) + PL08X_CH_CONFIG, 0);
	hx_rig_run(r, 30);
	tb_run(t, 30);
	cr_assert_eq(r->chk[0].early_ends, 1);
	cr_assert_eq(r->chk[0].early_ends, t->early_ends);
	cr_assert_eq(r->chk[0].total, 0, "%s", r->chk[0].first);
	cr_assert_eq(t->violations, 0);
	hx_rig_destroy(r);
	tb_destroy(t);
}
