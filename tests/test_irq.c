/* Interrupts (TRM 3.7) and the integration test registers (TRM 4): raw and masked TC and
 * error status, the DMACINTTC/DMACINTERR/DMACINTR pins, clearing, the I bit of LLI items, and
 * ITCR/ITOP driving the outputs.
 *
 * Cycle numbers (docs/timing-model.md): a one-word memory copy enabled at cycle t reads at
 * t+2 (IDLE t+1), writes at t+5 (IDLE t+3 while the read data phase runs, IDLE t+4 after
 * arbitration), its write data phase is cycle t+6 and ends the item in step t+6, so the TC
 * pin is high from cycle t+7. An ERROR on the read at t+2 takes cycles t+3 and t+4: the error
 * pin is high from cycle t+5.
 */
#include <criterion/criterion.h>

#include "tb.h"

static tb *t;

#define W32 PL08X_WIDTH_32
#define MEM_BASE 0x1000u
#define SRC(n)   (0x1000u + 0x10u * (n))
#define DST(n)   (0x2000u + 0x10u * (n))
#define LLI_AT   0x3000u
#define ERR_RD   0x8000u   /* ERROR on reads */
#define ERR_WR   0x9000u   /* ERROR on writes */
#define CH(n, reg) (PL08X_CH_BASE(n) + PL08X_CH_##reg)

static void setup(void)
{
	t = tb_create(PL08X_VARIANT_PL080);
	cr_assert_not_null(t, "tb_create failed");
	tb_add_mem(t, 0, MEM_BASE, 0x4000, 0);
	tb_add_error(t, 0, ERR_RD, 0x100, true, false);
	tb_add_error(t, 0, ERR_WR, 0x100, false, true);
	tb_mem_pattern(t, 0, MEM_BASE, 0x1000, 3);
	tb_wr(t, PL08X_CONFIG, 1);
}

static void teardown(void)
{
	tb_destroy(t);
	t = NULL;
}

TestSuite(irq, .init = setup, .fini = teardown, .timeout = 10);

/* The n-th beat on master 0 in direction dir; fails the test when there is none */
static const tb_beat *nth(enum tb_dir dir, size_t n)
{
	const tb_beat *b = tb_nth_beat(t, 0, dir, n);

	cr_assert_not_null(b, "no %s beat #%zu", dir == TB_WRITE ? "write" : "read", n);
	return b;
}

/* A one-word copy on channel n from src to dst, with the I bit and the IE/ITC masks given */
static void start_word(unsigned n, uint32_t src, uint32_t dst, bool i, bool itc, bool ie)
{
	pl08x_lli item = { .src = src, .dst = dst, .lli = 0,
			   .ctl = tb_ctl(1, 0, 0, W32, W32, true, true, i) };

	cr_assert_eq(tb_program(t, n, &item, TB_CCFG(E, 1) | TB_CCFG(ITC, itc) | TB_CCFG(IE, ie)),
		     PL08X_ACCESS_OK);
}

static void copy_word(unsigned n, bool itc)
{
	start_word(n, SRC(n), DST(n), true, itc, true);
}

static void fail_word(unsigned n, bool ie)
{
	start_word(n, ERR_RD + 0x10u * n, DST(n), true, true, ie);
}

static void run_idle(void)
{
	cr_assert(tb_run_until_idle(t, 1000), "not idle after 1000 cycles");
}

/* The pins as the model drives them in the current cycle (not the testbench's copy) */
static pl08x_pins_out pins_now(void)
{
	pl08x_pins_out o;

	pl08x_outputs(t->dev, &o);
	return o;
}

/* ---- terminal count ------------------------------------------------------------------------ */

Test(irq, one_word_copy_raises_inttc_and_intr_in_cycle_7)
{
	copy_word(0, true);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 20), "no TC");
	cr_assert_eq(tb_cycle(t), 7);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_ANY, 0), 7);
	cr_assert_eq(nth(TB_READ, 0)->cycle, 2);
	cr_assert_eq(nth(TB_WRITE, 0)->cycle, 5);
	cr_assert_eq(nth(TB_WRITE, 0)->done_cycle, 6);
	cr_assert(t->out.inttc && t->out.intr && !t->out.interr);
	cr_assert_eq(tb_rd32(t, 0, DST(0)), tb_rd32(t, 0, SRC(0)));
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->stray, 0);
}

Test(irq, tc_with_itc_set_shows_in_raw_masked_and_int_status)
{
	copy_word(2, true);
	run_idle();
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x04);
	cr_assert_eq(tb_rd(t, PL08X_INT_TC_STATUS), 0x04);
	cr_assert_eq(tb_rd(t, PL08X_INT_STATUS), 0x04);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_INT_ERROR_STATUS), 0);
	cr_assert(t->out.inttc && t->out.intr && !t->out.interr);
}

Test(irq, tc_with_itc_clear_sets_only_the_raw_status)
{
	copy_word(2, false);
	run_idle();
	tb_run(t, 5);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x04);
	cr_assert_eq(tb_rd(t, PL08X_INT_TC_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_INT_STATUS), 0);
	cr_assert_eq(t->rises[TB_EV_INTTC], 0);
	cr_assert_eq(t->rises[TB_EV_INTR], 0);
	cr_assert(!t->out.inttc && !t->out.intr);
}

Test(irq, item_with_i_clear_raises_no_tc)
{
	start_word(1, SRC(1), DST(1), false, true, true);
	run_idle();
	tb_run(t, 5);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(t->rises[TB_EV_INTTC], 0);
	cr_assert_eq(tb_rd32(t, 0, DST(1)), tb_rd32(t, 0, SRC(1)), "the copy did not happen");
}

Test(irq, setting_itc_unmasks_a_pending_tc_from_the_next_cycle)
{
	copy_word(3, false);
	run_idle();
	uint64_t c = tb_cycle(t);
	uint32_t cfg = tb_ch_rd(t, 3, PL08X_CH_CONFIG);
	tb_wr(t, CH(3, CONFIG), PL08X_SET(cfg, PL08X_CCFG_ITC, 1));
	cr_assert_eq(tb_rd(t, PL08X_INT_TC_STATUS), 0x08, "status reads at once");
	cr_assert(!pins_now().inttc, "pin changed within the cycle of the write");
	tb_step(t);
	cr_assert(t->out.inttc && t->out.intr);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), c + 1);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_ANY, 0), c + 1);
}

Test(irq, clearing_itc_masks_a_pending_tc_from_the_next_cycle)
{
	copy_word(3, true);
	run_idle();
	cr_assert(t->out.inttc);
	uint64_t c = tb_cycle(t);
	uint32_t cfg = tb_ch_rd(t, 3, PL08X_CH_CONFIG);
	tb_wr(t, CH(3, CONFIG), PL08X_SET(cfg, PL08X_CCFG_ITC, 0));
	cr_assert_eq(tb_rd(t, PL08X_INT_TC_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x08);
	cr_assert(pins_now().inttc);
	tb_step(t);
	cr_assert(!t->out.inttc && !t->out.intr);
	cr_assert_eq(tb_event_cycle(t, TB_EV_INTTC, TB_ANY, false, 0), c + 1);
}

Test(irq, tc_pin_stays_high_until_cleared)
{
	copy_word(0, true);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 20));
	tb_run(t, 100);
	cr_assert(t->out.inttc);
	cr_assert_eq(t->rises[TB_EV_INTTC], 1);
	cr_assert_eq(tb_event_cycle(t, TB_EV_INTTC, TB_ANY, false, 0), TB_NONE);
}

Test(irq, int_tc_clear_of_one_channel_leaves_the_others)
{
	copy_word(0, true);
	copy_word(1, true);
	copy_word(6, true);
	run_idle();
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x43);
	cr_assert_eq(tb_wr(t, PL08X_INT_TC_CLEAR, 0x02), PL08X_ACCESS_OK);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x41);
	cr_assert_eq(tb_rd(t, PL08X_INT_TC_STATUS), 0x41);
	tb_wr(t, PL08X_INT_TC_CLEAR, 0x40);
	tb_run(t, 3);
	cr_assert_eq(tb_rd(t, PL08X_INT_TC_STATUS), 0x01);
	cr_assert(t->out.inttc, "pin dropped with channel 0 still pending");
	/* Writing 0 clears nothing; clearing the error status leaves TC status alone. */
	tb_wr(t, PL08X_INT_TC_CLEAR, 0);
	tb_wr(t, PL08X_INT_ERR_CLR, 0xFF);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x01);
}

Test(irq, clearing_the_last_raw_tc_drops_the_pins_in_the_next_cycle)
{
	copy_word(5, true);
	run_idle();
	tb_run(t, 4);
	uint64_t c = tb_cycle(t);
	tb_wr(t, PL08X_INT_TC_CLEAR, 0x20);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_INT_STATUS), 0);
	cr_assert(pins_now().inttc && pins_now().intr, "pins dropped in the cycle of the write");
	tb_step(t);
	cr_assert(!t->out.inttc && !t->out.intr);
	cr_assert_eq(tb_event_cycle(t, TB_EV_INTTC, TB_ANY, false, 0), c + 1);
	cr_assert_eq(tb_event_cycle(t, TB_EV_INTR, TB_ANY, false, 0), c + 1);
}

Test(irq, all_eight_channels_raise_tc_and_one_write_clears_them)
{
	for (unsigned n = 0; n < 8; n++)
		copy_word(n, true);
	run_idle();
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0xFF);
	cr_assert_eq(tb_rd(t, PL08X_INT_TC_STATUS), 0xFF);
	for (unsigned n = 0; n < 8; n++)
		cr_assert_eq(tb_rd32(t, 0, DST(n)), tb_rd32(t, 0, SRC(n)), "ch%u", n);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->stray, 0);
	tb_wr(t, PL08X_INT_TC_CLEAR, 0xFF);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	tb_step(t);
	cr_assert(!t->out.inttc);
}

Test(irq, lli_i_bits_0_1_0_give_one_tc_edge_at_the_end_of_the_second_item)
{
	/* Item 0 (registers, I=0): read 2, write 5, data 6 -> LLI load: IDLE 7, INCR4 8..11,
	 * data ends 12; item 1 (I=1): IDLE 13, read 14, IDLE 15-16, write 17, data 18 -> TC
	 * high in 19. Item 2 (I=0): LLI 20..23, read 26, write 29, data 30: disabled at 31. */
	pl08x_lli items[2] = {
		{ SRC(1), DST(1), LLI_AT + 16, tb_ctl(1, 0, 0, W32, W32, true, true, true) },
		{ SRC(2), DST(2), 0, tb_ctl(1, 0, 0, W32, W32, true, true, false) },
	};
	tb_write_lli(t, 0, LLI_AT, items, 2);
	pl08x_lli first = { SRC(0), DST(0), LLI_AT, tb_ctl(1, 0, 0, W32, W32, true, true, false) };
	tb_program(t, 0, &first, TB_CCFG(E, 1) | TB_CCFG(ITC, 1));
	tb_run(t, 19);
	cr_assert_eq(t->rises[TB_EV_INTTC], 1);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 19);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1, "the chain stopped at the TC");
	tb_run(t, 11);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1);
	tb_step(t);
	cr_assert_eq(tb_cycle(t), 31);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	tb_run(t, 20);
	cr_assert_eq(t->rises[TB_EV_INTTC], 1);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x01);
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 3 + 8);
	cr_assert_eq(tb_count_beats(t, 0, TB_WRITE), 3);
	cr_assert_eq(nth(TB_WRITE, 1)->cycle, 17);
	cr_assert_eq(nth(TB_WRITE, 2)->cycle, 29);
	for (unsigned n = 0; n < 3; n++)
		cr_assert_eq(tb_rd32(t, 0, DST(n)), tb_rd32(t, 0, SRC(n)), "item %u", n);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->stray, 0);
}

/* ---- errors -------------------------------------------------------------------------------- */

Test(irq, error_on_a_read_disables_the_channel_and_raises_interr_in_cycle_5)
{
	fail_word(0, true);
	cr_assert(tb_run_until_irq(t, TB_IRQ_ERR, 20), "no error interrupt");
	cr_assert_eq(tb_cycle(t), 5);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_ANY, 0), 5);
	const tb_beat *b = nth(TB_READ, 0);
	cr_assert_eq(b->cycle, 2);
	cr_assert_eq(b->done_cycle, 4);
	cr_assert_eq(b->resp, PL08X_HRESP_ERROR);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0x01);
	cr_assert_eq(tb_rd(t, PL08X_INT_ERROR_STATUS), 0x01);
	cr_assert_eq(tb_rd(t, PL08X_INT_STATUS), 0x01);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert(t->out.interr && t->out.intr && !t->out.inttc);
	tb_run(t, 20);
	cr_assert_eq(tb_count_beats(t, TB_ANY, TB_WRITE), 0);
	cr_assert_eq(t->errs[0].hits, 1);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

Test(irq, error_on_a_write_sets_the_error_status_not_tc)
{
	start_word(4, SRC(4), ERR_WR, true, true, true);
	cr_assert(tb_run_until_irq(t, TB_IRQ_ERR, 30), "no error interrupt");
	/* write at 5, ERROR in 6 and 7: pin high in 8 */
	cr_assert_eq(tb_cycle(t), 8);
	cr_assert_eq(nth(TB_WRITE, 0)->cycle, 5);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0x10);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(t->rises[TB_EV_INTTC], 0);
	cr_assert_eq(t->errs[1].hits, 1);
}

Test(irq, masked_error_still_sets_the_raw_status)
{
	fail_word(2, false);
	run_idle();
	tb_run(t, 5);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0x04);
	cr_assert_eq(tb_rd(t, PL08X_INT_ERROR_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_INT_STATUS), 0);
	cr_assert_eq(t->rises[TB_EV_INTERR], 0);
	cr_assert_eq(t->rises[TB_EV_INTR], 0);
	/* Unmasking it raises the pins in the next cycle. */
	uint64_t c = tb_cycle(t);
	tb_wr(t, CH(2, CONFIG), PL08X_SET(tb_ch_rd(t, 2, PL08X_CH_CONFIG), PL08X_CCFG_IE, 1));
	cr_assert_eq(tb_rd(t, PL08X_INT_ERROR_STATUS), 0x04);
	tb_step(t);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_ERR, 0), c + 1);
	cr_assert(t->out.interr && t->out.intr);
}

Test(irq, int_err_clr_of_one_channel_leaves_the_others)
{
	fail_word(0, true);
	fail_word(3, true);
	run_idle();
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0x09);
	cr_assert_eq(tb_wr(t, PL08X_INT_ERR_CLR, 0x08), PL08X_ACCESS_OK);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0x01);
	tb_wr(t, PL08X_INT_TC_CLEAR, 0xFF);
	tb_wr(t, PL08X_INT_ERR_CLR, 0);
	tb_run(t, 2);
	cr_assert_eq(tb_rd(t, PL08X_INT_ERROR_STATUS), 0x01);
	cr_assert(t->out.interr);
	uint64_t c = tb_cycle(t);
	tb_wr(t, PL08X_INT_ERR_CLR, 0x01);
	cr_assert(pins_now().interr);
	tb_step(t);
	cr_assert(!t->out.interr && !t->out.intr);
	cr_assert_eq(tb_event_cycle(t, TB_EV_INTERR, TB_ANY, false, 0), c + 1);
}

Test(irq, int_status_is_the_or_of_masked_tc_and_masked_error)
{
	copy_word(0, true);                              /* TC, unmasked */
	fail_word(1, true);                              /* error, unmasked */
	start_word(2, SRC(2), DST(2), true, false, true); /* TC, masked */
	fail_word(3, false);                             /* error, masked */
	run_idle();
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x05);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0x0A);
	cr_assert_eq(tb_rd(t, PL08X_INT_TC_STATUS), 0x01);
	cr_assert_eq(tb_rd(t, PL08X_INT_ERROR_STATUS), 0x02);
	cr_assert_eq(tb_rd(t, PL08X_INT_STATUS), 0x03);
	cr_assert(t->out.inttc && t->out.interr && t->out.intr);
	/* Clearing the TC leaves DMACINTR up through the error. */
	tb_wr(t, PL08X_INT_TC_CLEAR, 0x01);
	tb_step(t);
	cr_assert_eq(tb_rd(t, PL08X_INT_STATUS), 0x02);
	cr_assert(!t->out.inttc && t->out.interr && t->out.intr);
	cr_assert_eq(tb_rd32(t, 0, DST(0)), tb_rd32(t, 0, SRC(0)), "channel 0 did not copy");
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->stray, 0);
}

/* ---- test registers ------------------------------------------------------------------------ */

Test(irq, itcr_drives_clr_tc_and_interrupts_from_itop_from_the_next_cycle)
{
	tb_run(t, 3);
	tb_wr(t, PL08X_ITOP1, 0xA5A5);
	tb_wr(t, PL08X_ITOP2, 0x5A5A);
	tb_wr(t, PL08X_ITOP3, 0x5);      /* INTERR and INTR */
	tb_step(t);
	cr_assert_eq(t->out.clr, 0, "ITOP drove the pins with ITCR=0");
	cr_assert(!t->out.interr && !t->out.intr);
	uint64_t c = tb_cycle(t);
	tb_wr(t, PL08X_ITCR, 1);
	cr_assert_eq(pins_now().clr, 0, "ITCR took effect within the cycle of the write");
	tb_step(t);
	cr_assert_eq(t->out.clr, 0xA5A5);
	cr_assert_eq(t->out.tc, 0x5A5A);
	cr_assert(t->out.interr);
	cr_assert(!t->out.inttc);
	cr_assert(t->out.intr);
	cr_assert_eq(tb_event_cycle(t, TB_EV_CLR, 0, true, 0), c + 1);
	cr_assert_eq(tb_event_cycle(t, TB_EV_TC, 1, true, 0), c + 1);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_ERR, 0), c + 1);
	/* Status registers keep their function. */
	cr_assert_eq(tb_rd(t, PL08X_INT_STATUS), 0);
}

Test(irq, itop3_bits_0_1_2_drive_interr_inttc_intr)
{
	tb_wr(t, PL08X_ITCR, 1);
	for (unsigned b = 0; b < 3; b++) {
		tb_wr(t, PL08X_ITOP3, 1u << b);
		tb_step(t);
		cr_assert_eq(t->out.interr, b == 0, "ITOP3 bit %u", b);
		cr_assert_eq(t->out.inttc, b == 1, "ITOP3 bit %u", b);
		cr_assert_eq(t->out.intr, b == 2, "ITOP3 bit %u", b);
	}
	tb_wr(t, PL08X_ITOP3, 0);
	tb_step(t);
	cr_assert(!t->out.interr && !t->out.inttc && !t->out.intr);
}

Test(irq, itop_changes_under_itcr_follow_in_the_next_cycle)
{
	tb_wr(t, PL08X_ITCR, 1);
	tb_step(t);
	cr_assert_eq(t->out.clr, 0);
	for (unsigned line = 0; line < 16; line++) {
		tb_wr(t, PL08X_ITOP1, 1u << line);
		tb_wr(t, PL08X_ITOP2, 0x8000u >> line);
		cr_assert_eq(pins_now().clr, line ? 1u << (line - 1) : 0u);
		tb_step(t);
		cr_assert_eq(t->out.clr, 1u << line, "line %u", line);
		cr_assert_eq(t->out.tc, 0x8000u >> line, "line %u", line);
	}
}

Test(irq, itcr_0_returns_the_outputs_to_their_normal_function)
{
	copy_word(0, true);
	run_idle();
	cr_assert(t->out.inttc);
	tb_wr(t, PL08X_ITOP1, 0x00F0);
	tb_wr(t, PL08X_ITOP3, 0);
	uint64_t c = tb_cycle(t);
	tb_wr(t, PL08X_ITCR, 1);
	tb_step(t);
	cr_assert(!t->out.inttc && !t->out.intr, "ITOP3=0 did not override the TC");
	cr_assert_eq(t->out.clr, 0x00F0);
	cr_assert_eq(tb_event_cycle(t, TB_EV_INTTC, TB_ANY, false, 0), c + 1);
	tb_run(t, 3);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x01, "test mode cleared the status");
	c = tb_cycle(t);
	tb_wr(t, PL08X_ITCR, 0);
	cr_assert(!pins_now().inttc);
	tb_step(t);
	cr_assert(t->out.inttc && t->out.intr);
	cr_assert_eq(t->out.clr, 0);
	cr_assert_eq(t->out.tc, 0);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 1), c + 1);
}
