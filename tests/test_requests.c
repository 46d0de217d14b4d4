/* The DMA request interface (TRM Appendix B): request-to-bus latency with and without the
 * synchroniser, the DMACCLR/DMACTC handshake, software requests, request kinds, line
 * selection, and the read-back of pending requests.
 *
 * Cycle arithmetic (docs/timing-model.md): a request seen in step s is latched and its
 * operation arbitrated in that step, so cycle s+1 is IDLE and the first NONSEQ is in s+2.
 * With Sync=1 for the line a pin raised in cycle r is seen in step r; with Sync=0 (reset) in
 * step r+2; a Soft*Req write at cycle t is seen in step t. DMACCLR rises the cycle after the
 * last data phase of the served request ends (done+1). The testbench peripheral drops its
 * request in the cycle after it sees CLR high (done+2); the DMAC sees the drop in that step
 * (bypass) or two steps later (synchroniser), and CLR falls in the next cycle: done+3 or
 * done+5. A software request bit clears when served, so its CLR falls at done+2.
 */
#include <criterion/criterion.h>

#include "tb.h"

#define MEM   0x00010000u
#define MEM_SIZE 0x10000u
#define PA(line) (0x40000000u + 0x100u * (line))

static tb *t;

static void setup(void)
{
	t = tb_create(PL08X_VARIANT_PL080);
	cr_assert_not_null(t);
	tb_add_mem(t, 0, MEM, MEM_SIZE, 0);
	tb_add_mem(t, 1, MEM, MEM_SIZE, 0);
	tb_wr(t, PL08X_CONFIG, 1);      /* controller enabled at cycle 0 */
}

static void teardown(void)
{
	tb_destroy(t);
	t = NULL;
}

TestSuite(requests, .init = setup, .fini = teardown, .timeout = 10);

/* ---- helpers ------------------------------------------------------------------------------ */

static uint32_t ccfg(unsigned flow, unsigned src_line, unsigned dst_line)
{
	return TB_CCFG(E, 1) | TB_CCFG(FLOW, flow) | TB_CCFG(SRC_PERIPH, src_line) |
	       TB_CCFG(DEST_PERIPH, dst_line) | TB_CCFG(ITC, 1) | TB_CCFG(IE, 1);
}

/* Channel @ch: peripheral on @line (its window) to memory at @dst, word widths, FlowCntrl 2 */
static void program_p2m(unsigned ch, unsigned line, uint32_t dst, unsigned ts, unsigned sbsize,
			unsigned master)
{
	pl08x_lli it = { .src = PA(line), .dst = dst, .lli = 0,
			 .ctl = tb_ctl(ts, sbsize, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_32,
				       false, true, true) |
				TB_CTL(S, master) | TB_CTL(D, master) };

	cr_assert_eq(tb_program(t, ch, &it, ccfg(PL08X_FLOW_PER2MEM, line, 0)), PL08X_ACCESS_OK);
}

/* Same as program_p2m with FlowCntrl 6 (source peripheral is the flow controller), TS 0 */
static void program_p2m_src_ctrl(unsigned ch, unsigned line, uint32_t dst)
{
	pl08x_lli it = { .src = PA(line), .dst = dst, .lli = 0,
			 .ctl = tb_ctl(0, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32,
				       PL08X_WIDTH_32, false, true, true) };

	cr_assert_eq(tb_program(t, ch, &it, ccfg(PL08X_FLOW_PER2MEM_PER, line, 0)), PL08X_ACCESS_OK);
}

static void run_to(uint64_t c)
{
	cr_assert(tb_run_to(t, c), "already at cycle %llu, wanted %llu",
		  (unsigned long long)tb_cycle(t), (unsigned long long)c);
}

static void bypass(uint32_t lines)
{
	cr_assert_eq(tb_wr(t, PL08X_SYNC, lines), PL08X_ACCESS_OK);
}

static const tb_beat *rd(size_t n) { return tb_nth_beat(t, TB_ANY, TB_READ, n); }
static const tb_beat *wr(size_t n) { return tb_nth_beat(t, TB_ANY, TB_WRITE, n); }

static uint64_t clr_rise(unsigned line, size_t n) { return tb_event_cycle(t, TB_EV_CLR, line, true, n); }
static uint64_t clr_fall(unsigned line, size_t n) { return tb_event_cycle(t, TB_EV_CLR, line, false, n); }
static uint64_t tc_rise(unsigned line, size_t n) { return tb_event_cycle(t, TB_EV_TC, line, true, n); }
static uint64_t tc_fall(unsigned line, size_t n) { return tb_event_cycle(t, TB_EV_TC, line, false, n); }

static void assert_clean(void)
{
	cr_assert_eq(t->violations, 0, "AHB violation: %s", t->violation);
	cr_assert_eq(t->stray, 0, "stray access at 0x%08x", (unsigned)t->stray_addr);
}

/* ---- latency ------------------------------------------------------------------------------ */

Test(requests, bypassed_sreq_raised_in_cycle_10_gives_first_nonseq_in_cycle_12)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));

	bypass(1u << 2);
	program_p2m(0, 2, MEM, 4, PL08X_BSIZE_4, 0);
	tb_periph_request(p, TB_SREQ, 10);
	run_to(40);

	cr_assert_eq(tb_event_cycle(t, TB_EV_SREQ, 2, true, 0), 10);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 1);
	cr_assert_eq(rd(0)->cycle, 12);
	cr_assert_eq(rd(0)->addr, PA(2));
	cr_assert_eq(rd(0)->htrans, PL08X_HTRANS_NONSEQ);
	cr_assert_eq(rd(0)->hburst, PL08X_HBURST_INCR);
	assert_clean();
}

Test(requests, synchronised_sreq_raised_in_cycle_10_gives_first_nonseq_in_cycle_14)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));

	cr_assert_eq(tb_rd(t, PL08X_SYNC), 0, "Sync resets to 0 (synchronisers in use)");
	program_p2m(0, 2, MEM, 4, PL08X_BSIZE_4, 0);
	tb_periph_request(p, TB_SREQ, 10);
	run_to(40);

	cr_assert_eq(tb_event_cycle(t, TB_EV_SREQ, 2, true, 0), 10);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 1);
	cr_assert_eq(rd(0)->cycle, 14);
	assert_clean();
}

Test(requests, sync_bit_applies_to_its_own_line_only)
{
	/* Two channels on two masters so they do not compete: line 2 bypassed, line 3 synchronised. */
	tb_periph *p2 = tb_add_periph(t, 2, 0, PA(2));
	tb_periph *p3 = tb_add_periph(t, 3, 1, PA(3));

	bypass(1u << 2);
	program_p2m(0, 2, MEM, 4, PL08X_BSIZE_1, 0);
	program_p2m(1, 3, MEM + 0x100, 4, PL08X_BSIZE_1, 1);
	tb_periph_request(p2, TB_SREQ, 10);
	tb_periph_request(p3, TB_SREQ, 10);
	run_to(40);

	cr_assert_eq(tb_nth_beat(t, 0, TB_READ, 0)->cycle, 12);
	cr_assert_eq(tb_nth_beat(t, 0, TB_READ, 0)->addr, PA(2));
	cr_assert_eq(tb_nth_beat(t, 1, TB_READ, 0)->cycle, 14);
	cr_assert_eq(tb_nth_beat(t, 1, TB_READ, 0)->addr, PA(3));
	assert_clean();
}

Test(requests, request_held_before_enable_is_served_two_cycles_after_the_enable_write)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));
	pl08x_lli it = { .src = PA(2), .dst = MEM,
			 .ctl = tb_ctl(4, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32,
				       PL08X_WIDTH_32, false, true, true) };

	bypass(1u << 2);
	tb_periph_request(p, TB_SREQ, 5);
	run_to(20);
	cr_assert_eq(tb_beat_count(t), 0);
	tb_program(t, 0, &it, ccfg(PL08X_FLOW_PER2MEM, 2, 0));   /* enable at cycle 20 */
	run_to(40);

	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 1);
	cr_assert_eq(rd(0)->cycle, 22);
	assert_clean();
}

/* ---- DMACCLR ------------------------------------------------------------------------------ */

Test(requests, clr_rises_the_cycle_after_the_last_beat_of_a_burst_request)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));

	bypass(1u << 2);
	program_p2m(0, 2, MEM, 8, PL08X_BSIZE_4, 0);
	tb_periph_request(p, TB_BREQ, 10);
	run_to(40);

	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 4);
	for (size_t i = 0; i < 4; i++)
		cr_assert_eq(rd(i)->cycle, 12 + i, "read %zu", i);
	cr_assert_eq(rd(3)->done_cycle, 16);
	cr_assert_eq(clr_rise(2, 0), 17);
	cr_assert_eq(t->rises[TB_EV_CLR], 1, "one CLR pulse for one burst request");
	cr_assert_eq(t->rises[TB_EV_TC], 0, "4 of 8 transfers: no DMACTC");
	assert_clean();
}

Test(requests, bypassed_clr_falls_the_cycle_after_the_drop_is_driven)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));

	bypass(1u << 2);
	program_p2m(0, 2, MEM, 4, PL08X_BSIZE_4, 0);
	tb_periph_request(p, TB_SREQ, 10);
	run_to(40);

	cr_assert_eq(rd(0)->done_cycle, 13);
	cr_assert_eq(clr_rise(2, 0), 14);
	cr_assert_eq(tb_event_cycle(t, TB_EV_SREQ, 2, false, 0), 15, "peripheral drops after CLR");
	cr_assert_eq(clr_fall(2, 0), 16);
	cr_assert_eq(p->served, 1);
	assert_clean();
}

Test(requests, synchroniser_keeps_clr_high_two_cycles_longer)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));

	program_p2m(0, 2, MEM, 4, PL08X_BSIZE_4, 0);
	tb_periph_request(p, TB_SREQ, 10);
	run_to(40);

	cr_assert_eq(rd(0)->cycle, 14);
	cr_assert_eq(rd(0)->done_cycle, 15);
	cr_assert_eq(clr_rise(2, 0), 16);
	cr_assert_eq(tb_event_cycle(t, TB_EV_SREQ, 2, false, 0), 17);
	cr_assert_eq(clr_fall(2, 0), 20, "drop seen in step 19 through the synchroniser");
	assert_clean();
}

Test(requests, a_held_bypassed_request_is_not_served_again_while_clr_is_high)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));

	bypass(1u << 2);
	program_p2m(0, 2, MEM, 4, PL08X_BSIZE_4, 0);
	tb_periph_request(p, TB_SREQ, 10);
	run_to(60);

	/* The pin is still high in cycle 14 (CLR's first cycle); it must not start a second read. */
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 1);
	cr_assert_eq(t->rises[TB_EV_CLR], 1);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 3);
	assert_clean();
}

Test(requests, a_request_still_in_the_synchroniser_is_not_served_again_while_clr_is_high)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));

	program_p2m(0, 2, MEM, 4, PL08X_BSIZE_4, 0);
	tb_periph_request(p, TB_SREQ, 10);
	run_to(60);

	/* The synchronised request stays high in steps 16..18 while CLR is high. */
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 1);
	cr_assert_eq(t->rises[TB_EV_CLR], 1);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 3);
	assert_clean();
}

Test(requests, next_request_raised_after_the_drop_is_served_at_its_own_r_plus_2)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));

	bypass(1u << 2);
	program_p2m(0, 2, MEM, 4, PL08X_BSIZE_4, 0);
	tb_periph_request(p, TB_SREQ, 10);
	tb_periph_request(p, TB_SREQ, 10);
	run_to(60);

	cr_assert_eq(tb_event_cycle(t, TB_EV_SREQ, 2, true, 1), 16, "raised the cycle after the drop (15)");
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 2);
	cr_assert_eq(rd(0)->cycle, 12);
	cr_assert_eq(rd(1)->cycle, 18);
	cr_assert_eq(clr_rise(2, 0), 14);
	cr_assert_eq(clr_rise(2, 1), 20);
	cr_assert_eq(clr_fall(2, 1), 22);
	assert_clean();
}

/* ---- DMACTC ------------------------------------------------------------------------------- */

Test(requests, dmactc_rises_and_falls_with_the_clr_of_the_final_request_only)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));

	bypass(1u << 2);
	program_p2m(0, 2, MEM, 2, PL08X_BSIZE_1, 0);
	tb_periph_request(p, TB_SREQ, 10);
	tb_periph_request(p, TB_SREQ, 10);
	run_to(60);

	cr_assert_eq(t->rises[TB_EV_CLR], 2);
	cr_assert_eq(t->rises[TB_EV_TC], 1, "TC with the second request only");
	cr_assert_eq(clr_rise(2, 1), rd(1)->done_cycle + 1);
	cr_assert_eq(tc_rise(2, 0), clr_rise(2, 1));
	cr_assert_eq(tc_fall(2, 0), clr_fall(2, 1));
	cr_assert_eq(tc_fall(2, 0), clr_rise(2, 1) + 2);
	assert_clean();
}

Test(requests, synchronised_dmactc_lasts_four_cycles_like_its_clr)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));

	program_p2m(0, 2, MEM, 1, PL08X_BSIZE_1, 0);
	tb_periph_request(p, TB_SREQ, 10);
	run_to(60);

	/* read 14, done 15: CLR/TC high 16..19 */
	cr_assert_eq(tc_rise(2, 0), 16);
	cr_assert_eq(clr_rise(2, 0), 16);
	cr_assert_eq(tc_fall(2, 0), 20);
	cr_assert_eq(clr_fall(2, 0), 20);
	assert_clean();
}

/* ---- software requests -------------------------------------------------------------------- */

Test(requests, soft_sreq_is_seen_at_the_next_step_without_the_synchroniser)
{
	tb_add_periph(t, 2, 0, PA(2));   /* data window only: software requests */
	/* Sync stays 0: software requests join after the synchroniser. */
	program_p2m(0, 2, MEM, 4, PL08X_BSIZE_4, 0);
	run_to(10);
	cr_assert_eq(tb_wr(t, PL08X_SOFT_SREQ, 1u << 2), PL08X_ACCESS_OK);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_SREQ), 1u << 2);
	run_to(40);

	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 1);
	cr_assert_eq(rd(0)->cycle, 12);
	cr_assert_eq(rd(0)->done_cycle, 13);
	cr_assert_eq(clr_rise(2, 0), 14);
	cr_assert_eq(clr_fall(2, 0), 15, "the soft bit clears when served: CLR lasts one cycle");
	assert_clean();
}

Test(requests, soft_sreq_bit_reads_one_until_served_then_zero)
{
	tb_add_periph(t, 2, 0, PA(2));   /* data window only: software requests */
	program_p2m(0, 2, MEM, 4, PL08X_BSIZE_4, 0);
	run_to(10);
	tb_wr(t, PL08X_SOFT_SREQ, 1u << 2);
	run_to(13);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_SREQ), 1u << 2, "read in flight: still pending");
	run_to(14);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_SREQ), 0, "served at the end of cycle 13");
	run_to(40);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 1);
	assert_clean();
}

Test(requests, soft_breq_moves_a_burst_and_its_clr_lasts_one_cycle)
{
	tb_add_periph(t, 2, 0, PA(2));   /* data window only: software requests */
	program_p2m(0, 2, MEM, 8, PL08X_BSIZE_4, 0);
	run_to(10);
	tb_wr(t, PL08X_SOFT_BREQ, 1u << 2);
	run_to(40);

	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 4);
	cr_assert_eq(rd(0)->cycle, 12);
	cr_assert_eq(rd(3)->done_cycle, 16);
	cr_assert_eq(clr_rise(2, 0), 17);
	cr_assert_eq(clr_fall(2, 0), 18);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_BREQ), 0);
	assert_clean();
}

Test(requests, soft_lbreq_under_source_flow_control_moves_a_burst_and_ends_the_item)
{
	tb_add_periph(t, 2, 0, PA(2))->next = 0x30;
	program_p2m_src_ctrl(0, 2, MEM);
	run_to(10);
	tb_wr(t, PL08X_SOFT_LBREQ, 1u << 2);
	run_to(40);

	/* reads 12..15 (done 16), INCR4 write 18..21 (done 22): item ends in step 22 */
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 4);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_WRITE), 4);
	cr_assert_eq(wr(0)->cycle, 18);
	cr_assert_eq(wr(3)->done_cycle, 22);
	cr_assert_eq(clr_rise(2, 0), 17);
	cr_assert_eq(clr_fall(2, 0), 18);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 23);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_eq(tb_rd32(t, 0, MEM), 0x33323130u);
	cr_assert_eq(tb_rd32(t, 0, MEM + 12), 0x3f3e3d3cu);
	cr_assert_eq(tb_rd32(t, 0, MEM + 16), 0);
	assert_clean();
}

Test(requests, soft_lsreq_under_source_flow_control_moves_one_word_and_ends_the_item)
{
	tb_add_periph(t, 2, 0, PA(2))->next = 0x30;
	program_p2m_src_ctrl(0, 2, MEM);
	run_to(10);
	tb_wr(t, PL08X_SOFT_BREQ, 1u << 2);
	run_to(30);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1, "a burst request does not end the item");
	tb_wr(t, PL08X_SOFT_LSREQ, 1u << 2);
	run_to(60);

	/* read 32 (done 33), one-beat INCR write 35 (done 36): TC status in step 36 */
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 5);
	cr_assert_eq(rd(4)->cycle, 32);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_WRITE), 5);
	cr_assert_eq(wr(4)->cycle, 35);
	cr_assert_eq(wr(4)->hburst, PL08X_HBURST_INCR);
	cr_assert_eq(clr_rise(2, 1), 34);
	cr_assert_eq(clr_fall(2, 1), 35);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 37);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_eq(tb_rd32(t, 0, MEM + 16), 0x43424140u);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_LSREQ), 0);
	assert_clean();
}

Test(requests, soft_lbreq_under_dmac_flow_is_ignored_and_stays_pending)
{
	program_p2m(0, 2, MEM, 8, PL08X_BSIZE_4, 0);
	run_to(10);
	tb_wr(t, PL08X_SOFT_LBREQ, 1u << 2);
	tb_wr(t, PL08X_SOFT_LSREQ, 1u << 2);
	run_to(60);

	cr_assert_eq(tb_beat_count(t), 0);
	cr_assert_eq(t->rises[TB_EV_CLR], 0);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_LBREQ), 1u << 2);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_LSREQ), 1u << 2);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 8);
	assert_clean();
}

/* ---- request kinds and lines -------------------------------------------------------------- */

Test(requests, sreq_with_breq_moves_a_burst)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));

	bypass(1u << 2);
	program_p2m(0, 2, MEM, 8, PL08X_BSIZE_4, 0);
	tb_periph_request(p, TB_SREQ | TB_BREQ, 10);
	run_to(40);

	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 4);
	cr_assert_eq(rd(3)->cycle, 15);
	cr_assert_eq(clr_rise(2, 0), 17);
	cr_assert_eq(t->rises[TB_EV_CLR], 1);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 4);
	assert_clean();
}

Test(requests, soft_sreq_with_soft_breq_moves_a_burst)
{
	tb_add_periph(t, 2, 0, PA(2));   /* data window only: software requests */
	program_p2m(0, 2, MEM, 8, PL08X_BSIZE_4, 0);
	run_to(10);
	tb_wr(t, PL08X_SOFT_SREQ, 1u << 2);
	tb_wr(t, PL08X_SOFT_BREQ, 1u << 2);
	run_to(40);

	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 4);
	cr_assert_eq(clr_rise(2, 0), 17);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_SREQ), 0, "both bits clear when the request is served");
	cr_assert_eq(tb_rd(t, PL08X_SOFT_BREQ), 0);
	assert_clean();
}

Test(requests, requests_on_other_lines_are_ignored)
{
	tb_periph *p1 = tb_add_periph(t, 1, 0, PA(1));
	tb_periph *p3 = tb_add_periph(t, 3, 0, PA(3));

	bypass(0xFFFF);
	program_p2m(0, 2, MEM, 8, PL08X_BSIZE_4, 0);
	tb_periph_request(p1, TB_BREQ, 10);
	tb_periph_request(p3, TB_SREQ, 10);
	run_to(20);
	tb_wr(t, PL08X_SOFT_BREQ, 0xFFFFu & ~(1u << 2));
	tb_wr(t, PL08X_SOFT_SREQ, 0xFFFFu & ~(1u << 2));
	run_to(80);

	cr_assert_eq(tb_beat_count(t), 0);
	cr_assert_eq(t->rises[TB_EV_CLR], 0);
	cr_assert_eq(p1->served + p3->served, 0);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 8);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1);
	assert_clean();
}

Test(requests, two_channels_on_different_lines_are_both_served)
{
	tb_periph *p1 = tb_add_periph(t, 1, 0, PA(1));
	tb_periph *p4 = tb_add_periph(t, 4, 0, PA(4));

	p1->next = 0x10;
	p4->next = 0x80;
	bypass((1u << 1) | (1u << 4));
	program_p2m(0, 1, MEM, 1, PL08X_BSIZE_1, 0);
	program_p2m(1, 4, MEM + 0x100, 1, PL08X_BSIZE_1, 0);
	tb_periph_request(p1, TB_SREQ, 10);
	tb_periph_request(p4, TB_SREQ, 10);
	run_to(60);

	/* Both single requests are seen and latched in step 10; AHB1 arbitrates there: channel 0
	 * (priority) reads in 12 (IDLE 11). A single request is a one-transfer DMA burst, one piece,
	 * so channel 0 never owns AHB1 (the burst owner rule needs a burst of more than one piece).
	 * Step 12: channel 0 only waits for its read data (ends in step 13), channel 1 is ready:
	 * IDLE 13, channel 1 reads in 14. Channel 0's request ends in step 13: CLR/TC (its only
	 * transfer) from 14; channel 0 writes in 16 (step 14, IDLE 15). Channel 1's read ends in
	 * step 15: CLR/TC on line 4 from 16; it writes in 18 (step 16, IDLE 17). */
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_READ), 2);
	cr_assert_eq(rd(0)->addr, PA(1));
	cr_assert_eq(rd(0)->cycle, 12);
	cr_assert_eq(rd(1)->addr, PA(4));
	cr_assert_eq(rd(1)->cycle, 14);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_WRITE), 2);
	cr_assert_eq(wr(0)->addr, MEM);
	cr_assert_eq(wr(0)->cycle, 16);
	cr_assert_eq(wr(1)->addr, MEM + 0x100);
	cr_assert_eq(wr(1)->cycle, 18);
	cr_assert_eq(clr_rise(1, 0), 14);
	cr_assert_eq(clr_rise(4, 0), 16);
	cr_assert_eq(tc_rise(1, 0), 14);
	cr_assert_eq(tc_rise(4, 0), 16);
	cr_assert_eq(tb_rd32(t, 0, MEM), 0x13121110u);
	cr_assert_eq(tb_rd32(t, 0, MEM + 0x100), 0x83828180u);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 3);
	assert_clean();
}

/* ---- read-back of pending requests -------------------------------------------------------- */

Test(requests, soft_request_registers_read_pins_or_software)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));   /* no channel: held for ever */

	bypass(1u << 2);
	tb_periph_request(p, TB_BREQ | TB_LSREQ, 10);
	run_to(10);
	tb_wr(t, PL08X_SOFT_BREQ, 1u << 5);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_BREQ), 1u << 5, "pin not sampled yet");
	run_to(11);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_BREQ), (1u << 2) | (1u << 5));
	cr_assert_eq(tb_rd(t, PL08X_SOFT_LSREQ), 1u << 2);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_SREQ), 0);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_LBREQ), 0);
	assert_clean();
}

Test(requests, synchronised_pin_shows_in_softbreq_two_cycles_later)
{
	tb_periph *p = tb_add_periph(t, 2, 0, PA(2));

	tb_periph_request(p, TB_BREQ, 10);
	run_to(12);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_BREQ), 0);
	run_to(13);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_BREQ), 1u << 2);
	assert_clean();
}
