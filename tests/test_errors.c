/* AHB ERROR responses (TRM 3.7, 3.4 CnConfiguration IE, IntErrorStatus/IntErrClr; docs/
 * timing-model.md "Errors").
 *
 * The two-cycle ERROR response: in its first cycle (HREADY low) the master drops the failing
 * channel's pending address phase, so the second ERROR cycle is IDLE; at the edge closing the
 * second cycle (step e2) the channel is disabled (E = 0, FIFO lost) and its RawIntErrorStatus
 * bit set; DMACINTERR is high from e2 + 1 when IE = 1. An error on a source read, a destination
 * write or an LLI load behaves alike. The TC status of the failing item is not raised.
 *
 * Reference schedule (4 words, burst 4, word widths, one master, no wait states, enabled at 0):
 * reads 2..5, IDLE 6, IDLE 7 (arbitration), writes 8..11, the last ends at 12; with LLI != 0 the
 * load goes IDLE 13, INCR4 14..17, the last word ends at 18, the next item's first read at 20.
 */
#include <criterion/criterion.h>

#include "tb.h"

#define SRC  0x1000u
#define LLI  0x3000u
#define DST  0x4000u
#define BAD  0x0800u  /* an error region with no memory behind it */
#define AHB1 0u
#define AHB2 1u
#define B32  PL08X_WIDTH_32
#define BS4  PL08X_BSIZE_4

#define CFG_RUN   (TB_CCFG(E, 1) | TB_CCFG(ITC, 1) | TB_CCFG(IE, 1))
#define CFG_NO_IE (TB_CCFG(E, 1) | TB_CCFG(ITC, 1))

static tb *t;

static void setup(void)
{
	t = tb_create(PL08X_VARIANT_PL080);
	cr_assert_not_null(t, "tb_create failed");
	for (unsigned m = AHB1; m <= AHB2; m++) {
		tb_add_mem(t, m, SRC, 0x1000, 0);
		tb_add_mem(t, m, LLI, 0x1000, 0);
		tb_add_mem(t, m, DST, 0x1000, 0);
		tb_mem_pattern(t, m, SRC, 0x1000, 0xe0 + m);
	}
	tb_wr(t, PL08X_CONFIG, 1);
}

static void teardown(void)
{
	tb_destroy(t);
	t = NULL;
}

TestSuite(errors, .init = setup, .fini = teardown, .timeout = 10);

/* Word copy with burst 4, incrementing, I = @irq, on master @m (source and destination) */
static uint32_t ctl_words(unsigned ts, unsigned m, bool irq)
{
	return tb_ctl(ts, BS4, BS4, B32, B32, true, true, irq) | TB_CTL(S, m) | TB_CTL(D, m);
}

static void start(unsigned ch, uint32_t src, uint32_t dst, uint32_t lli, uint32_t ctl, uint32_t cfg)
{
	cr_assert_eq(tb_program(t, ch, &(pl08x_lli){ src, dst, lli, ctl }, cfg), PL08X_ACCESS_OK);
}

static void run_to(uint64_t c)
{
	cr_assert(tb_run_to(t, c), "already at cycle %llu, wanted %llu",
		  (unsigned long long)tb_cycle(t), (unsigned long long)c);
}

static bool enabled(unsigned ch)
{
	return PL08X_GET(tb_ch_rd(t, ch, PL08X_CH_CONFIG), PL08X_CCFG_E);
}

static const tb_beat *nth(unsigned m, enum tb_dir dir, size_t n)
{
	const tb_beat *b = tb_nth_beat(t, m, dir, n);

	cr_assert_not_null(b, "beat %zu on AHB%u missing", n, m + 1);
	return b;
}

static void expect_beat(unsigned m, enum tb_dir dir, size_t n, uint64_t cycle, uint32_t addr)
{
	const tb_beat *b = nth(m, dir, n);

	cr_assert_eq(b->cycle, cycle, "AHB%u %s beat %zu at %llu, expected %llu", m + 1,
		     dir == TB_READ ? "read" : "write", n, (unsigned long long)b->cycle,
		     (unsigned long long)cycle);
	cr_assert_eq(b->addr, addr, "AHB%u %s beat %zu at 0x%x, expected 0x%x", m + 1,
		     dir == TB_READ ? "read" : "write", n, b->addr, addr);
}

static void expect_run(unsigned m, enum tb_dir dir, size_t first, size_t n, uint64_t cycle, uint32_t addr)
{
	for (size_t i = 0; i < n; i++)
		expect_beat(m, dir, first + i, cycle + i, addr + 4 * (uint32_t)i);
}

/* Bytes [@from, @to) of the destination on @m are zero */
static void expect_dst_zero(unsigned m, uint32_t from, uint32_t to)
{
	for (uint32_t a = from; a < to; a++)
		cr_assert_eq(tb_rd8(t, m, DST + a), 0, "destination byte %u written", a);
}

/* The last beat logged on master @m */
static const tb_beat *last_beat(unsigned m)
{
	size_t n = tb_count_beats(t, m, TB_EITHER);

	cr_assert(n > 0);
	return nth(m, TB_EITHER, n - 1);
}

/* ---- Error on a source read ---------------------------------------------------------------- */

/* The third read (0x1008, address 4) errors: first ERROR cycle 5, second 6 (e2), so E = 0 and
 * the raw bit read from cycle 7, and DMACINTERR rises at 7 = second ERROR cycle + 1. */
Test(errors, read_error_disables_the_channel_and_raises_interr_at_cycle_7)
{
	tb_add_error(t, AHB1, SRC + 8, 4, true, false);
	start(0, SRC, DST, 0, ctl_words(4, AHB1, true), CFG_RUN);
	run_to(6);
	cr_assert(enabled(0), "E cleared before the second ERROR cycle ended");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0);
	cr_assert_not(t->out.interr);
	run_to(7);
	cr_assert_not(enabled(0));
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 1u);
	cr_assert_eq(tb_rd(t, PL08X_INT_ERROR_STATUS), 1u);
	cr_assert_eq(tb_rd(t, PL08X_INT_STATUS), 1u);
	cr_assert(t->out.interr);
	cr_assert(t->out.intr);
	const tb_beat *e = nth(AHB1, TB_READ, 2);
	cr_assert_eq(e->addr, SRC + 8);
	cr_assert_eq(e->resp, PL08X_HRESP_ERROR);
	cr_assert_eq(e->done_cycle, 6);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_ERR, 0), e->done_cycle + 1);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_ANY, 0), 7);
	cr_assert_eq(t->errs[0].hits, 1);
}

/* The fourth read was pending (SEQ at 0x100C in cycle 5, held by the first ERROR cycle): the
 * master drives IDLE in the second ERROR cycle (6), and no beat of the channel follows. */
Test(errors, read_error_replaces_the_pending_address_phase_with_idle)
{
	tb_add_error(t, AHB1, SRC + 8, 4, true, false);
	start(0, SRC, DST, 0, ctl_words(4, AHB1, true), CFG_RUN);
	run_to(5);
	cr_assert_eq(t->out.htrans[AHB1], PL08X_HTRANS_SEQ);
	cr_assert_eq(t->out.haddr[AHB1], SRC + 12);
	run_to(6);
	cr_assert_eq(t->out.htrans[AHB1], PL08X_HTRANS_IDLE, "pending SEQ not cancelled");
	run_to(100);
	cr_assert_eq(tb_beat_count(t), 3, "beats after the error");
	cr_assert_eq(last_beat(AHB1)->cycle, 4);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_WRITE), 0);
	expect_dst_zero(AHB1, 0, 16);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->early_ends, 0, "a burst ended by ERROR is not an early end");
}

/* IE = 0: the raw bit is set, the masked status and DMACINTERR/DMACINTR stay low. */
Test(errors, error_with_ie_clear_sets_only_the_raw_status)
{
	tb_add_error(t, AHB1, SRC + 8, 4, true, false);
	start(0, SRC, DST, 0, ctl_words(4, AHB1, true), CFG_NO_IE);
	run_to(100);
	cr_assert_not(enabled(0));
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 1u);
	cr_assert_eq(tb_rd(t, PL08X_INT_ERROR_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_INT_STATUS), 0);
	cr_assert_eq(t->rises[TB_EV_INTERR], 0);
	cr_assert_eq(t->rises[TB_EV_INTR], 0);
}

/* The failing item has I = 1 and ITC = 1: no TC status, no DMACINTTC, ever. */
Test(errors, error_does_not_raise_terminal_count)
{
	tb_add_error(t, AHB1, SRC + 8, 4, true, false);
	start(0, SRC, DST, 0, ctl_words(4, AHB1, true), CFG_RUN);
	run_to(200);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_INT_TC_STATUS), 0);
	cr_assert_eq(t->rises[TB_EV_INTTC], 0);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 2,
		     "TransferSize: two reads ended with OKAY");
}

/* OKAY wait states before the ERROR: the third read (address 4) waits in 5 and 6, the ERROR
 * cycles are 7 and 8, DMACINTERR rises at 9; the pending SEQ is held through 5..7, IDLE at 8. */
Test(errors, error_after_wait_states_raises_interr_after_the_second_error_cycle)
{
	tb_err *e = tb_add_error(t, AHB1, SRC + 8, 4, true, false);

	e->waits.fixed = 2;
	start(0, SRC, DST, 0, ctl_words(4, AHB1, true), CFG_RUN);
	run_to(7);
	cr_assert_eq(t->out.htrans[AHB1], PL08X_HTRANS_SEQ, "pending SEQ dropped before the ERROR");
	run_to(8);
	cr_assert_eq(t->out.htrans[AHB1], PL08X_HTRANS_IDLE);
	cr_assert(tb_run_until_irq(t, TB_IRQ_ERR, 100));
	cr_assert_eq(tb_cycle(t), 9);
	cr_assert_eq(nth(AHB1, TB_READ, 2)->done_cycle, 8);
	run_to(100);
	cr_assert_eq(tb_beat_count(t), 3);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

/* ---- Error on a destination write ---------------------------------------------------------- */

/* The second write (0x4004, address 9) errors: ERROR cycles 10 and 11, the pending SEQ of the
 * third write is replaced by IDLE in 11, DMACINTERR at 12. Only the first word arrived. */
Test(errors, write_error_leaves_one_word_written_and_raises_interr_at_12)
{
	tb_add_error(t, AHB1, DST + 4, 4, false, true);
	start(0, SRC, DST, 0, ctl_words(4, AHB1, true), CFG_RUN);
	run_to(10);
	cr_assert_eq(t->out.htrans[AHB1], PL08X_HTRANS_SEQ);
	cr_assert_eq(t->out.haddr[AHB1], DST + 8);
	run_to(11);
	cr_assert_eq(t->out.htrans[AHB1], PL08X_HTRANS_IDLE);
	cr_assert(enabled(0));
	cr_assert(tb_run_until_irq(t, TB_IRQ_ERR, 100));
	cr_assert_eq(tb_cycle(t), 12);
	cr_assert_not(enabled(0));
	run_to(100);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_WRITE), 2);
	expect_run(AHB1, TB_WRITE, 0, 2, 8, DST);
	cr_assert_eq(nth(AHB1, TB_WRITE, 1)->resp, PL08X_HRESP_ERROR);
	cr_assert_eq(nth(AHB1, TB_WRITE, 1)->done_cycle, 11);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC, AHB1, DST, 4), -1);
	expect_dst_zero(AHB1, 4, 16);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 1u);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

/* ---- Error on an LLI load ------------------------------------------------------------------ */

/* Item 0 (I = 0) completes; the load of the item at BAD starts at 14 and errors: ERROR cycles
 * 15 and 16 (the SEQ of word 1 replaced by IDLE in 16), DMACINTERR at 17. CnLLI still names the
 * item that could not be loaded, and no TC was raised. */
Test(errors, lli_load_error_stops_the_channel_with_interr_at_17)
{
	tb_add_error(t, AHB1, BAD, 16, true, false);
	start(0, SRC, DST, BAD, ctl_words(4, AHB1, false), CFG_RUN);
	run_to(15);
	cr_assert_eq(t->out.htrans[AHB1], PL08X_HTRANS_SEQ);
	cr_assert_eq(t->out.haddr[AHB1], BAD + 4);
	run_to(16);
	cr_assert_eq(t->out.htrans[AHB1], PL08X_HTRANS_IDLE);
	cr_assert(tb_run_until_irq(t, TB_IRQ_ERR, 100));
	cr_assert_eq(tb_cycle(t), 17);
	run_to(100);
	cr_assert_eq(tb_beat_count(t), 9, "4 reads, 4 writes, 1 LLI word");
	const tb_beat *l = nth(AHB1, TB_EITHER, 8);
	cr_assert_eq(l->cycle, 14);
	cr_assert_eq(l->addr, BAD);
	cr_assert_eq(l->hburst, PL08X_HBURST_INCR4);
	cr_assert_eq(l->resp, PL08X_HRESP_ERROR);
	cr_assert_not(enabled(0));
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_LLI), BAD);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 1u);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC, AHB1, DST, 16), -1, "item 0 did not complete");
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

/* A chain A -> B -> C where B's source errors: A completes (writes end at 12), B loads from
 * LLI (14..17, ends 18), B's first read at 20 errors (ERROR cycles 21, 22), DMACINTERR at 23.
 * The channel stops with B's registers: CnLLI names C, which is never read. */
Test(errors, error_mid_chain_stops_the_chain_with_cnlli_naming_the_next_item)
{
	const pl08x_lli b = { BAD, DST + 16, LLI + 16, ctl_words(4, AHB1, true) };
	const pl08x_lli c = { SRC + 32, DST + 32, 0, ctl_words(4, AHB1, true) };

	tb_write_lli(t, AHB1, LLI, &b, 1);
	tb_write_lli(t, AHB1, LLI + 16, &c, 1);
	tb_add_error(t, AHB1, BAD, 16, true, false);
	start(0, SRC, DST, LLI, ctl_words(4, AHB1, false), CFG_RUN);
	cr_assert(tb_run_until_irq(t, TB_IRQ_ERR, 200));
	cr_assert_eq(tb_cycle(t), 23);
	run_to(200);
	expect_run(AHB1, TB_EITHER, 8, 4, 14, LLI);
	expect_beat(AHB1, TB_EITHER, 12, 20, BAD);
	cr_assert_eq(tb_beat_count(t), 13, "beats after the error");
	for (size_t i = 0; i < tb_beat_count(t); i++)
		cr_assert(tb_beats(t)[i].addr < LLI + 16 || tb_beats(t)[i].addr >= LLI + 32,
			  "item C was read at 0x%x", tb_beats(t)[i].addr);
	cr_assert_not(enabled(0));
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_LLI), LLI + 16);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_CONTROL), b.ctl, "B's Control (nothing read)");
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_DEST_ADDR), DST + 16);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC, AHB1, DST, 16), -1);
	expect_dst_zero(AHB1, 16, 48);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 1u);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

/* ---- Other channels ------------------------------------------------------------------------ */

/* Channel 1 runs 16 words on AHB2 while channel 0 fails on AHB1 at cycle 6: channel 1 keeps its
 * schedule (reads 2, 13, 24, 35; writes 8, 19, 30, 41, four beats each), its last write ends at
 * 45 and DMACINTTC rises at 46; only channel 0's error bit is set. */
Test(errors, channel_on_the_other_master_continues_and_completes_exactly)
{
	tb_add_error(t, AHB1, SRC + 8, 4, true, false);
	start(1, SRC, DST, 0, ctl_words(16, AHB2, true), CFG_RUN);
	start(0, SRC, DST, 0, ctl_words(4, AHB1, true), CFG_RUN);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 200), "channel 1 did not finish");
	cr_assert_eq(tb_cycle(t), 46);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_ERR, 0), 7);
	for (unsigned p = 0; p < 4; p++) {
		expect_run(AHB2, TB_READ, 4 * p, 4, 2 + 11 * p, SRC + 16 * p);
		expect_run(AHB2, TB_WRITE, 4 * p, 4, 8 + 11 * p, DST + 16 * p);
	}
	cr_assert_eq(tb_count_beats(t, AHB2, TB_EITHER), 32);
	cr_assert_eq(tb_mem_cmp(t, AHB2, SRC, AHB2, DST, 64), -1);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 2u);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 1u);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_EITHER), 3);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

/* Channel 1 waits on the same master: its arbitration happens in step 5 (the first ERROR cycle;
 * channel 0 has nothing left to issue), IDLE 6, reads 7..10, writes 13..16, DMACINTTC at 18. */
Test(errors, channel_on_the_same_master_takes_over_after_the_error)
{
	tb_add_error(t, AHB1, SRC + 8, 4, true, false);
	start(0, SRC, DST, 0, ctl_words(4, AHB1, true), CFG_RUN);
	start(1, SRC + 0x100, DST + 0x100, 0, ctl_words(4, AHB1, true), CFG_RUN);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 200));
	cr_assert_eq(tb_cycle(t), 18);
	expect_run(AHB1, TB_READ, 3, 4, 7, SRC + 0x100);
	expect_run(AHB1, TB_WRITE, 0, 4, 13, DST + 0x100);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC + 0x100, AHB1, DST + 0x100, 16), -1);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 2u);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 1u);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

/* ---- Clearing and running again ------------------------------------------------------------ */

/* IntErrClr written at 20 clears the raw and masked bits at once; DMACINTERR and DMACINTR fall
 * in cycle 21. */
Test(errors, interrclr_clears_the_status_and_interr_falls_next_cycle)
{
	tb_add_error(t, AHB1, SRC + 8, 4, true, false);
	start(0, SRC, DST, 0, ctl_words(4, AHB1, true), CFG_RUN);
	run_to(20);
	cr_assert(t->out.interr);
	cr_assert_eq(tb_wr(t, PL08X_INT_ERR_CLR, 1u), PL08X_ACCESS_OK);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_INT_ERROR_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_INT_STATUS), 0);
	cr_assert(t->out.interr, "the pins of cycle 20 were already driven");
	run_to(21);
	cr_assert_not(t->out.interr);
	cr_assert_not(t->out.intr);
	cr_assert_eq(tb_event_cycle(t, TB_EV_INTERR, 0, false, 0), 21);
	cr_assert_eq(tb_event_cycle(t, TB_EV_INTR, 0, false, 0), 21);
}

/* After the error and IntErrClr, the same channel is programmed again at 30 with good
 * addresses: it runs the reference schedule from there (reads 32..35, DMACINTTC at 43). */
Test(errors, channel_is_reprogrammed_and_runs_after_an_error)
{
	tb_add_error(t, AHB1, SRC + 8, 4, true, false);
	start(0, SRC, DST, 0, ctl_words(4, AHB1, true), CFG_RUN);
	run_to(30);
	tb_wr(t, PL08X_INT_ERR_CLR, 1u);
	start(0, SRC + 0x40, DST + 0x40, 0, ctl_words(4, AHB1, true), CFG_RUN);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1u);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 100));
	cr_assert_eq(tb_cycle(t), 43);
	expect_run(AHB1, TB_READ, 3, 4, 32, SRC + 0x40);
	expect_run(AHB1, TB_WRITE, 0, 4, 38, DST + 0x40);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC + 0x40, AHB1, DST + 0x40, 16), -1);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1u);
	cr_assert_eq(t->rises[TB_EV_INTERR], 1);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}
