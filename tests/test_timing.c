/* Cycle timing of the PL080 model: the numbers of docs/timing-model.md, one test per claim.
 *
 * Conventions (docs/timing-model.md, "Cycle conventions"): t0 is the cycle at which the
 * stimulus is written (tb_cycle() when the enabling register write or the request is made);
 * every cycle below is relative to it. "step c" is the step that ends cycle c and produces
 * cycle c+1. A tb_beat's cycle is the cycle its address phase was accepted; done_cycle is the
 * cycle whose closing edge ended its data phase. Each test carries the derivation of its
 * numbers from the rules, so a failure says which rule moved.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "tb.h"

static tb *t;
static uint64_t t0;

static void setup(void)
{
	t = tb_create(PL08X_VARIANT_PL080);
	cr_assert_not_null(t, "tb_create failed");
	tb_wr(t, PL08X_CONFIG, 1);
}

static void teardown(void)
{
	tb_destroy(t);
	t = NULL;
}

TestSuite(timing, .init = setup, .fini = teardown, .timeout = 10);

#define B8  PL08X_WIDTH_8
#define B16 PL08X_WIDTH_16
#define B32 PL08X_WIDTH_32
#define NSEQ   PL08X_HTRANS_NONSEQ
#define SEQ    PL08X_HTRANS_SEQ
#define IDLE   PL08X_HTRANS_IDLE
#define INCR1 PL08X_HBURST_INCR /* a one-beat INCR: what the PL08x drives for a lone transfer */
#define INCR4  PL08X_HBURST_INCR4
#define INCR16 PL08X_HBURST_INCR16
#define RD false
#define WR true
#define AHB1 0u
#define AHB2 1u

/* Channel enabled with both interrupt masks open */
#define CFG_RUN (TB_CCFG(E, 1) | TB_CCFG(ITC, 1) | TB_CCFG(IE, 1))
#define CH_CFG(n) (PL08X_CH_BASE(n) + PL08X_CH_CONFIG)

/* 64 KB of memory on each master, @ws wait states per data phase */
static void mems(unsigned ws)
{
	tb_add_mem(t, AHB1, 0x0000, 0x10000, ws);
	tb_add_mem(t, AHB2, 0x0000, 0x10000, ws);
}

/* HTRANS of every cycle since t0, per master, filled by tstep() (0xFF: not traced) */
#define TRACE_LEN 256
static uint8_t ht[PL08X_MASTERS][TRACE_LEN];

/* Start channel @ch with one item at this cycle; t0 becomes this cycle */
static void start(unsigned ch, uint32_t src, uint32_t dst, uint32_t lli, uint32_t ctl, uint32_t cfg)
{
	t0 = tb_cycle(t);
	memset(ht, 0xFF, sizeof ht);
	cr_assert_eq(tb_program(t, ch, &(pl08x_lli){ src, dst, lli, ctl }, cfg), PL08X_ACCESS_OK);
}

/* Cycle relative to t0 */
static long long rel(uint64_t c)
{
	return c == TB_NONE ? -1 : (long long)(c - t0);
}

/* Beat @i of the log (any master, either direction) */
static const tb_beat *beat(size_t i)
{
	const tb_beat *b = tb_nth_beat(t, TB_ANY, TB_EITHER, i);

	cr_assert_not_null(b, "beat %zu was never issued (%zu beats)", i, tb_beat_count(t));
	return b;
}

/* Beat @i has these address-phase pins, accepted at t0 + @cyc, data phase ended at t0 + @done */
static void expect_beat(size_t i, unsigned master, bool wr, uint8_t htrans, uint8_t hburst,
			uint32_t addr, long long cyc, long long done)
{
	const tb_beat *b = beat(i);

	cr_assert_eq(b->master, master, "beat %zu: master %u, expected %u", i, b->master, master);
	cr_assert_eq(b->hwrite, wr, "beat %zu: HWRITE %d, expected %d", i, b->hwrite, wr);
	cr_assert_eq(b->htrans, htrans, "beat %zu: HTRANS %u, expected %u", i, b->htrans, htrans);
	cr_assert_eq(b->hburst, hburst, "beat %zu: HBURST %u, expected %u", i, b->hburst, hburst);
	cr_assert_eq(b->addr, addr, "beat %zu: HADDR 0x%x, expected 0x%x", i, b->addr, addr);
	cr_assert_eq(rel(b->cycle), cyc, "beat %zu (0x%x): address phase at t+%lld, expected t+%lld",
		     i, addr, rel(b->cycle), cyc);
	cr_assert_eq(rel(b->done_cycle), done, "beat %zu (0x%x): data phase ended at t+%lld, expected t+%lld",
		     i, addr, rel(b->done_cycle), done);
}

/* One burst of @n beats from beat index @first: address k at @a0 + k*@size, accepted at
 * t0 + @c0 + k*@gap, data phase ended @lat cycles after its address phase */
static void expect_burst(size_t first, unsigned n, unsigned master, bool wr, uint8_t hburst,
			 uint32_t a0, unsigned size, long long c0, long long gap, long long lat)
{
	for (unsigned k = 0; k < n; k++)
		expect_beat(first + k, master, wr, k && hburst != INCR1 ? SEQ : NSEQ, hburst,
			    a0 + k * size, c0 + k * gap, c0 + k * gap + lat);
}

static void expect_clean(void)
{
	cr_assert_eq(t->violations, 0, "AHB protocol: %s", t->violation);
	cr_assert_eq(t->stray, 0, "%lu data phases hit no slave (last 0x%x)", t->stray, t->stray_addr);
}

/* Step to cycle t0 + @c */
static void run_to(long long c)
{
	cr_assert_geq(t0 + (uint64_t)c, tb_cycle(t), "run_to(t+%lld) but already at t+%lld", c,
		      rel(tb_cycle(t)));
	tb_run(t, t0 + (uint64_t)c - tb_cycle(t));
}

/* One step, recording HTRANS of the new cycle in ht[] */
static void tstep(void)
{
	tb_step(t);
	long long c = rel(tb_cycle(t));
	if (c >= 0 && c < TRACE_LEN)
		for (unsigned m = 0; m < PL08X_MASTERS; m++)
			ht[m][c] = t->out.htrans[m];
}

/* Step to cycle t0 + @c, tracing HTRANS */
static void trun_to(long long c)
{
	while (rel(tb_cycle(t)) < c)
		tstep();
}

/* HTRANS of @master in cycle t0 + @c was @htrans */
static void expect_htrans(unsigned master, long long c, uint8_t htrans)
{
	cr_assert(c >= 0 && c < TRACE_LEN && ht[master][c] != 0xFF, "t+%lld was not traced", c);
	cr_assert_eq(ht[master][c], htrans, "AHB%u t+%lld: HTRANS %u, expected %u", master + 1, c,
		     ht[master][c], htrans);
}

/* Store the second item of the LLI tests at @addr: 4 words 0x1010 -> 0x2010, burst 4, I = 1 */
static void write_item1(unsigned master, uint32_t addr)
{
	const pl08x_lli item = { 0x1010, 0x2010, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1) };

	tb_write_lli(t, master, addr, &item, 1);
}

/* ---- register access ---------------------------------------------------------------------- */

/* ITCR=1 at t0 (ITOP1..3 set before): the outputs follow ITOP from t0+1, not in t0; ITCR=0 at
 * t0+3: back to the functional values (all low) in t0+4. */
Test(timing, itcr_write_switches_outputs_to_itop_from_the_next_cycle)
{
	tb_wr(t, PL08X_ITOP1, 0x0005);
	tb_wr(t, PL08X_ITOP2, 0x8000);
	tb_wr(t, PL08X_ITOP3, 0x7);
	t0 = tb_cycle(t);
	tb_wr(t, PL08X_ITCR, 1);
	cr_assert_eq(t->out.clr, 0, "DMACCLR changed within the cycle of the write");
	cr_assert_not(t->out.inttc);
	tb_step(t);
	cr_assert_eq(t->out.clr, 0x0005);
	cr_assert_eq(t->out.tc, 0x8000);
	cr_assert(t->out.interr && t->out.inttc && t->out.intr);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 0, true, 0)), 1);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_ERR, 0)), 1);
	tb_run(t, 2);
	tb_wr(t, PL08X_ITCR, 0);
	cr_assert(t->out.inttc, "DMACINTTC dropped within the cycle of the ITCR=0 write");
	tb_step(t);
	cr_assert_eq(rel(tb_cycle(t)), 4);
	cr_assert_eq(t->out.clr, 0);
	cr_assert_eq(t->out.tc, 0);
	cr_assert(!t->out.interr && !t->out.inttc && !t->out.intr);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_INTTC, 0, false, 0)), 4);
}

/* A one-word memcpy raises DMACINTTC; IntTCClear written at t0 clears RawIntTCStatus at once
 * (a read in the same cycle sees 0) and the pins DMACINTTC/DMACINTR drop in t0+1. */
Test(timing, inttc_clear_write_drops_dmacinttc_in_the_next_cycle)
{
	mems(0);
	start(0, 0x1000, 0x2000, 0, tb_ctl(1, 0, 0, B32, B32, 1, 1, 1), CFG_RUN);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 50));
	tb_run(t, 2);
	t0 = tb_cycle(t);
	cr_assert(t->out.inttc && t->out.intr);
	tb_wr(t, PL08X_INT_TC_CLEAR, 1);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_INT_TC_STATUS), 0);
	cr_assert(t->out.inttc, "the pin changed within the cycle of the write");
	tb_step(t);
	cr_assert(!t->out.inttc && !t->out.intr);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_INTTC, 0, false, 0)), 1);
}

/* Four words, INCR4 reads at t+2..t+5 (data ends t+3..t+6). SrcAddr advances when a read's
 * address phase is issued (step c-1 issues the beat of cycle c): 0x1000 at t+1, 0x1004 at t+2,
 * 0x1010 from t+5. TransferSize counts down when a read's data phase ends (step c): 4 up to t+3,
 * 3 at t+4, 2 at t+5, 1 at t+6, 0 at t+7. */
Test(timing, srcaddr_advances_at_address_phase_and_transfersize_at_read_data_end)
{
	static const uint32_t src[8] = { 0x1000, 0x1000, 0x1004, 0x1008, 0x100C, 0x1010, 0x1010, 0x1010 };
	static const uint32_t ts[8] = { 4, 4, 4, 4, 3, 2, 1, 0 };

	mems(0);
	start(0, 0x1000, 0x2000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1), CFG_RUN);
	for (long long c = 0; c < 8; c++) {
		run_to(c);
		cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_SRC_ADDR), src[c], "t+%lld: SrcAddr 0x%x, expected 0x%x",
			     c, tb_ch_rd(t, 0, PL08X_CH_SRC_ADDR), src[c]);
		cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), ts[c],
			     "t+%lld: TransferSize %u, expected %u", c,
			     PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), ts[c]);
	}
}

/* ---- channel enable ----------------------------------------------------------------------- */

/* Enable at t: step t arbitrates, so cycle t+1 drives IDLE and t+2 the first NONSEQ. */
Test(timing, enable_write_gives_idle_then_first_nonseq_at_t_plus_2)
{
	mems(0);
	start(0, 0x1000, 0x2000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1), CFG_RUN);
	cr_assert_eq(t->out.htrans[AHB1], IDLE);
	tb_step(t);
	cr_assert_eq(t->out.htrans[AHB1], IDLE, "t+1 must be the arbitration cycle (IDLE)");
	tb_step(t);
	cr_assert_eq(t->out.htrans[AHB1], NSEQ);
	cr_assert_eq(t->out.haddr[AHB1], 0x1000);
	cr_assert_eq(t->out.hburst[AHB1], INCR4);
	tb_step(t);
	cr_assert_eq(rel(beat(0)->cycle), 2);
}

/* ---- bursts and wait states --------------------------------------------------------------- */

/* 16 bytes, burst 16, 0 wait states. Reads: INCR16 at t+2..t+17 (one per cycle), each data
 * phase ends the cycle after its address (t+3..t+18). Turnaround: last read data ends at
 * L = t+18, step L arbitrates the write, IDLE t+19, writes INCR16 at t+20..t+35, data ends
 * t+21..t+36 = d; DMACINTTC in d+1 = t+37. */
Test(timing, incr16_bytes_at_0_wait_states_one_address_phase_per_cycle)
{
	mems(0);
	tb_mem_pattern(t, AHB1, 0x1000, 16, 1);
	start(0, 0x1000, 0x2000, 0, tb_ctl(16, 3, 3, B8, B8, 1, 1, 1), CFG_RUN);
	trun_to(40);
	cr_assert_eq(tb_beat_count(t), 32);
	expect_htrans(AHB1, 18, IDLE);
	expect_htrans(AHB1, 19, IDLE);
	expect_burst(0, 16, AHB1, RD, INCR16, 0x1000, 1, 2, 1, 1);
	expect_burst(16, 16, AHB1, WR, INCR16, 0x2000, 1, 20, 1, 1);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 37);
	cr_assert_eq(tb_mem_cmp(t, AHB1, 0x1000, AHB1, 0x2000, 16), -1);
	expect_clean();
}

/* Same at 2 wait states: address phases W+1 = 3 cycles apart, t+2, t+5, .., t+47; each data
 * phase lasts 3 cycles and ends when the next address is accepted (t+5 .. t+50). Last read data
 * ends t+50, IDLE t+51, writes at t+52 + 3k (.. t+97), data ends t+55 .. t+100, INTTC t+101. */
Test(timing, incr16_bytes_at_2_wait_states_address_phases_three_cycles_apart)
{
	mems(2);
	tb_mem_pattern(t, AHB1, 0x1000, 16, 2);
	start(0, 0x1000, 0x2000, 0, tb_ctl(16, 3, 3, B8, B8, 1, 1, 1), CFG_RUN);
	trun_to(105);
	cr_assert_eq(tb_beat_count(t), 32);
	expect_htrans(AHB1, 51, IDLE);
	expect_htrans(AHB1, 52, NSEQ);
	expect_burst(0, 16, AHB1, RD, INCR16, 0x1000, 1, 2, 3, 3);
	expect_burst(16, 16, AHB1, WR, INCR16, 0x2000, 1, 52, 3, 3);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 101);
	cr_assert_eq(tb_mem_cmp(t, AHB1, 0x1000, AHB1, 0x2000, 16), -1);
	expect_clean();
}

/* At 2 wait states the next address is driven from the cycle after its predecessor was
 * accepted and held through the wait states: SEQ 0x1001 is on the bus in t+3, t+4, t+5
 * (HREADY low in t+3, t+4), accepted in t+5; SEQ 0x1002 then shows from t+6. */
Test(timing, next_address_is_driven_early_and_held_during_wait_states)
{
	static const uint32_t addr[8] = { 0, 0, 0x1000, 0x1001, 0x1001, 0x1001, 0x1002, 0x1002 };
	static const uint8_t tr[8] = { IDLE, IDLE, NSEQ, SEQ, SEQ, SEQ, SEQ, SEQ };
	static const bool hready[8] = { true, true, true, false, false, true, false, false };

	mems(2);
	start(0, 0x1000, 0x2000, 0, tb_ctl(16, 3, 3, B8, B8, 1, 1, 1), CFG_RUN);
	for (long long c = 1; c < 8; c++) {
		tb_step(t);
		/* t->in now holds the inputs of cycle c - 1 */
		cr_assert_eq(t->in.hready[AHB1], hready[c - 1], "HREADY at the end of t+%lld", c - 1);
		cr_assert_eq(t->out.htrans[AHB1], tr[c], "t+%lld: HTRANS %u, expected %u", c,
			     t->out.htrans[AHB1], tr[c]);
		cr_assert_eq(t->out.haddr[AHB1], addr[c], "t+%lld: HADDR 0x%x, expected 0x%x", c,
			     t->out.haddr[AHB1], addr[c]);
	}
	tb_step(t);
	cr_assert_eq(t->in.hready[AHB1], hready[7], "HREADY at the end of t+7");
	cr_assert_eq(rel(beat(1)->cycle), 5);
	cr_assert_eq(rel(beat(0)->done_cycle), 5);
	expect_clean();
}

/* Four words, burst 4, 1 wait state: reads INCR4 at t+2, 4, 6, 8 (data ends 2 cycles later:
 * t+4..t+10); write IDLE t+11; writes at t+12, 14, 16, 18 (ends t+14..t+20); INTTC t+21. */
Test(timing, incr4_words_at_1_wait_state_two_cycles_per_beat)
{
	mems(1);
	tb_mem_pattern(t, AHB1, 0x1000, 16, 3);
	start(0, 0x1000, 0x2000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1), CFG_RUN);
	trun_to(25);
	cr_assert_eq(tb_beat_count(t), 8);
	expect_htrans(AHB1, 11, IDLE);
	expect_burst(0, 4, AHB1, RD, INCR4, 0x1000, 4, 2, 2, 2);
	expect_burst(4, 4, AHB1, WR, INCR4, 0x2000, 4, 12, 2, 2);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 21);
	cr_assert_eq(tb_mem_cmp(t, AHB1, 0x1000, AHB1, 0x2000, 16), -1);
	expect_clean();
}

/* Read -> write turnaround in one channel: reads INCR4 at a..a+3 (a = t+2), the last data ends
 * at a+4 = t+6; writes pop the FIFO at their address phase, so the write op is arbitrated in
 * step a+4: cycle a+5 = t+7 is IDLE and the first write NONSEQ is at a+6 = t+8. */
Test(timing, read_to_write_turnaround_is_one_idle_after_last_read_data)
{
	mems(0);
	start(0, 0x1000, 0x2000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1), CFG_RUN);
	run_to(6);
	cr_assert_eq(t->out.htrans[AHB1], IDLE, "t+6: the last read is in its data phase, nothing to issue");
	tb_step(t);
	cr_assert_eq(t->out.htrans[AHB1], IDLE, "t+7: arbitration cycle");
	tb_step(t);
	cr_assert_eq(t->out.htrans[AHB1], NSEQ);
	cr_assert(t->out.hwrite[AHB1]);
	cr_assert_eq(t->out.haddr[AHB1], 0x2000);
	tb_run(t, 2);
	cr_assert_eq(rel(beat(3)->done_cycle), 6);
	cr_assert_eq(rel(beat(4)->cycle), 8);
	cr_assert(beat(4)->hwrite);
}

/* A whole 4-word memcpy at 0 wait states: reads t+2..t+5, writes t+8..t+11 (data ends
 * t+9..t+12 = d); TC status in step d, DMACINTTC and DMACINTR high in t+13. */
Test(timing, four_word_memcpy_raises_dmacinttc_at_t_plus_13)
{
	mems(0);
	tb_mem_pattern(t, AHB1, 0x1000, 16, 4);
	start(0, 0x1000, 0x2000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1), CFG_RUN);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 100));
	cr_assert_eq(rel(tb_cycle(t)), 13);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_ANY, 0)), 13);
	expect_burst(0, 4, AHB1, RD, INCR4, 0x1000, 4, 2, 1, 1);
	expect_burst(4, 4, AHB1, WR, INCR4, 0x2000, 4, 8, 1, 1);
	cr_assert_eq(tb_mem_cmp(t, AHB1, 0x1000, AHB1, 0x2000, 16), -1);
	expect_clean();
}

/* ---- end of an item: TC, LLI ------------------------------------------------------------- */

/* The last write's data phase ends at d = t+12: RawIntTCStatus and EnbldChns still read 1/1 at
 * cycle d and 1/0 from d+1, when DMACINTTC rises (TC status and E=0 both happen in step d). */
Test(timing, item_end_sets_tc_status_and_clears_e_in_the_step_of_the_last_write_data)
{
	mems(0);
	start(0, 0x1000, 0x2000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1), CFG_RUN);
	run_to(12);
	cr_assert_eq(beat(7)->done_cycle, TB_NONE, "the last write's data phase ends with step t+12");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1);
	cr_assert_not(t->out.inttc);
	tb_step(t);
	cr_assert_eq(rel(beat(7)->done_cycle), 12);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert(t->out.inttc);
}

/* Two items: item 0 (I=0) ends at d = t+12 (last write data). The LLI load is arbitrated in
 * step d: IDLE t+13, INCR4 of the 4 LLI words at t+14..t+17 (data ends t+15..t+18 = e). Step e
 * loads the item and arbitrates its first read: IDLE t+19, NONSEQ t+20. Item 1 (I=1) then runs
 * like item 0 shifted by 18: writes t+26..t+29, INTTC t+31 (no INTTC for item 0). */
Test(timing, lli_load_starts_two_cycles_after_item_end_and_next_item_two_after_its_last_word)
{
	mems(0);
	tb_mem_pattern(t, AHB1, 0x1000, 32, 5);
	write_item1(AHB1, 0x3000);
	start(0, 0x1000, 0x2000, 0x3000, tb_ctl(4, 1, 1, B32, B32, 1, 1, 0), CFG_RUN);
	trun_to(18);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_SRC_ADDR), 0x1010, "SrcAddr after the item 0 reads");
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_LLI), 0x3000, "item 1 loaded before step t+18");
	trun_to(19);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_SRC_ADDR), 0x1010);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_LLI), 0, "item 1 not loaded in step t+18");
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_I), 1);
	trun_to(35);
	cr_assert_eq(tb_beat_count(t), 20);
	expect_htrans(AHB1, 13, IDLE);
	expect_htrans(AHB1, 19, IDLE);
	expect_burst(0, 4, AHB1, RD, INCR4, 0x1000, 4, 2, 1, 1);
	expect_burst(4, 4, AHB1, WR, INCR4, 0x2000, 4, 8, 1, 1);
	expect_burst(8, 4, AHB1, RD, INCR4, 0x3000, 4, 14, 1, 1);
	expect_burst(12, 4, AHB1, RD, INCR4, 0x1010, 4, 20, 1, 1);
	expect_burst(16, 4, AHB1, WR, INCR4, 0x2010, 4, 26, 1, 1);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 31);
	cr_assert_eq(tb_mem_cmp(t, AHB1, 0x1000, AHB1, 0x2000, 32), -1);
	expect_clean();
}

/* LM=1: the same LLI load runs on AHB2 at the same cycles (t+14..t+17), data stays on AHB1. */
Test(timing, lli_load_with_lm_set_runs_on_ahb2_at_the_same_cycles)
{
	mems(0);
	write_item1(AHB2, 0x3000);
	start(0, 0x1000, 0x2000, 0x3000 | 1u, tb_ctl(4, 1, 1, B32, B32, 1, 1, 0), CFG_RUN);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 100));
	expect_burst(8, 4, AHB2, RD, INCR4, 0x3000, 4, 14, 1, 1);
	expect_burst(12, 4, AHB1, RD, INCR4, 0x1010, 4, 20, 1, 1);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 31);
	expect_clean();
}

/* An LLI at 0x3FF8 would cross 0x4000 as an INCR4: its 4 words go as 4 back-to-back NONSEQ
 * one-beat INCRs at the same cycles (t+14..t+17), and the next item still starts at t+20. */
Test(timing, lli_load_across_1k_boundary_uses_four_back_to_back_singles)
{
	mems(0);
	write_item1(AHB1, 0x3FF8);
	start(0, 0x1000, 0x2000, 0x3FF8, tb_ctl(4, 1, 1, B32, B32, 1, 1, 0), CFG_RUN);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 100));
	expect_burst(8, 4, AHB1, RD, INCR1, 0x3FF8, 4, 14, 1, 1);
	expect_burst(12, 4, AHB1, RD, INCR4, 0x1010, 4, 20, 1, 1);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 31);
	expect_clean();
}

/* An empty item (TransferSize 0, I = 1) loaded mid-chain. Item 0 as in the LLI test above
 * (reads t+2..t+5, writes t+8..t+11, d = t+12, I = 0), LLI load at t+14..t+17, its 4th word ends
 * in step e = t+18, where the empty item is loaded (phase 4). Nothing looks at a loaded item
 * again in that step: it finishes in step e+1 = t+19 (RawIntTCStatus 1 from t+20, DMACINTTC at
 * t+20) and its LLI load is arbitrated there: IDLE t+20, LLI words at e+3 = t+21..t+24, the last
 * ends in step t+25, the third item (4 words, I = 1) reads t+27..t+30, writes t+33..t+36. */
Test(timing, empty_item_loaded_mid_chain_ends_one_step_after_its_load)
{
	const pl08x_lli items[2] = {
		{ 0x1100, 0x2100, 0x3010, tb_ctl(0, 1, 1, B32, B32, 1, 1, 1) },
		{ 0x1010, 0x2010, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1) },
	};

	mems(0);
	tb_mem_pattern(t, AHB1, 0x1000, 32, 6);
	tb_write_lli(t, AHB1, 0x3000, items, 2);
	start(0, 0x1000, 0x2000, 0x3000, tb_ctl(4, 1, 1, B32, B32, 1, 1, 0), CFG_RUN);
	trun_to(19);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_LLI), 0x3010, "empty item loaded in step t+18");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0, "empty item not finished in its load step");
	trun_to(20);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1u, "empty item finished in step t+19");
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_LLI), 0x3010);
	trun_to(40);
	expect_htrans(AHB1, 19, IDLE);
	expect_htrans(AHB1, 20, IDLE);
	cr_assert_eq(tb_beat_count(t), 24);
	expect_burst(8, 4, AHB1, RD, INCR4, 0x3000, 4, 14, 1, 1);
	expect_burst(12, 4, AHB1, RD, INCR4, 0x3010, 4, 21, 1, 1);
	expect_burst(16, 4, AHB1, RD, INCR4, 0x1010, 4, 27, 1, 1);
	expect_burst(20, 4, AHB1, WR, INCR4, 0x2010, 4, 33, 1, 1);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 20);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_eq(tb_mem_cmp(t, AHB1, 0x1000, AHB1, 0x2000, 32), -1);
	expect_clean();
}

/* ---- FIFO flush at the end of a transfer --------------------------------------------------- */

/* 7 bytes (byte source, burst 4) to a word destination. Reads: INCR4 at t+2..t+5; the next
 * read op needs only FIFO room, so it is arbitrated in step t+5: IDLE t+6, then the 3 remaining
 * bytes as NONSEQ one-beat INCRs t+7..t+9. Step t+9: no source transfer left to issue and 4 bytes in
 * the FIFO: one word write, IDLE t+10, one-beat INCR at t+11 (ends t+12). The 3-byte tail is written
 * as the widest aligned pieces, each its own op: halfword at 0x2004 at t+13, byte at 0x2006 at
 * t+15 (ends t+16 = d); INTTC t+17. */
Test(timing, seven_bytes_to_word_destination_flush_word_then_halfword_then_byte)
{
	mems(0);
	tb_mem_pattern(t, AHB1, 0x1000, 7, 6);
	start(0, 0x1000, 0x2000, 0, tb_ctl(7, 1, 1, B8, B32, 1, 1, 1), CFG_RUN);
	trun_to(20);
	cr_assert_eq(tb_beat_count(t), 10);
	expect_htrans(AHB1, 6, IDLE);
	expect_htrans(AHB1, 10, IDLE);
	expect_htrans(AHB1, 12, IDLE);
	expect_htrans(AHB1, 14, IDLE);
	expect_burst(0, 4, AHB1, RD, INCR4, 0x1000, 1, 2, 1, 1);
	expect_burst(4, 3, AHB1, RD, INCR1, 0x1004, 1, 7, 1, 1);
	expect_beat(7, AHB1, WR, NSEQ, INCR1, 0x2000, 11, 12);
	expect_beat(8, AHB1, WR, NSEQ, INCR1, 0x2004, 13, 14);
	expect_beat(9, AHB1, WR, NSEQ, INCR1, 0x2006, 15, 16);
	cr_assert_eq(beat(7)->hsize, PL08X_HSIZE_32);
	cr_assert_eq(beat(8)->hsize, PL08X_HSIZE_16);
	cr_assert_eq(beat(9)->hsize, PL08X_HSIZE_8);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 17);
	cr_assert_eq(tb_mem_cmp(t, AHB1, 0x1000, AHB1, 0x2000, 7), -1);
	cr_assert_eq(tb_rd8(t, AHB1, 0x2007), 0, "a byte past the total was written");
	expect_clean();
}

/* ---- peripheral requests, DMACCLR and DMACTC ---------------------------------------------- */

/* Peripheral on line 3 at AHB2 0x8000, peripheral -> memory, DMAC flow, 2 words */
static tb_periph *per2mem(bool bypass)
{
	tb_periph *p;

	mems(0);
	p = tb_add_periph(t, 3, AHB2, 0x8000);
	if (bypass)
		tb_wr(t, PL08X_SYNC, 1u << 3);
	start(0, 0x8000, 0x2000, 0,
	      tb_ctl(2, 1, 1, B32, B32, 0, 1, 1) | TB_CTL(S, 1),
	      CFG_RUN | TB_CCFG(SRC_PERIPH, 3) | TB_CCFG(FLOW, PL08X_FLOW_PER2MEM));
	tb_run(t, 5);
	t0 = tb_cycle(t);
	memset(ht, 0xFF, sizeof ht);
	return p;
}

/* Sync bypassed, SREQ raised at r = t+10: latched in step r, IDLE r+1, one-beat INCR read on AHB2 at
 * r+2 (ends r+3 = e). The FIFO word is written as soon as the source stalls: arbitrated in step
 * e, IDLE r+4, write on AHB1 at r+5. */
Test(timing, request_without_synchroniser_gives_first_address_at_r_plus_2)
{
	tb_periph *p = per2mem(true);

	tb_periph_request(p, TB_SREQ, t0 + 10);
	trun_to(20);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_SREQ, 3, true, 0)), 10);
	expect_htrans(AHB2, 11, IDLE);
	expect_htrans(AHB1, 14, IDLE);
	expect_beat(0, AHB2, RD, NSEQ, INCR1, 0x8000, 12, 13);
	expect_beat(1, AHB1, WR, NSEQ, INCR1, 0x2000, 15, 16);
	expect_clean();
}

/* Sync in use (reset value): the request raised at r = t+10 goes through two flip-flops and is
 * seen in step r+2: IDLE r+3, read NONSEQ at r+4 (ends r+5). */
Test(timing, request_through_synchroniser_gives_first_address_at_r_plus_4)
{
	tb_periph *p = per2mem(false);

	tb_periph_request(p, TB_SREQ, t0 + 10);
	trun_to(20);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_SREQ, 3, true, 0)), 10);
	expect_htrans(AHB2, 13, IDLE);
	expect_htrans(AHB1, 16, IDLE);
	expect_beat(0, AHB2, RD, NSEQ, INCR1, 0x8000, 14, 15);
	expect_beat(1, AHB1, WR, NSEQ, INCR1, 0x2000, 17, 18);
	expect_clean();
}

/* Bypass: read data ends e = t+13, DMACCLR high from e+1 = t+14; the testbench drops SREQ in
 * the cycle after it sees CLR (t+15); the drop is seen in step t+15, CLR low in t+16. The second
 * SREQ (t+30) moves the item's last transfer: read t+32 (ends t+33), CLR and DMACTC high in t+34,
 * SREQ low t+35, both low t+36; the write ends t+36, DMACINTTC in t+37. */
Test(timing, clr_rises_after_last_data_and_falls_the_cycle_after_the_drop_is_seen)
{
	tb_periph *p = per2mem(true);

	tb_periph_request(p, TB_SREQ, t0 + 10);
	tb_periph_request(p, TB_SREQ, t0 + 30);
	tb_run(t, 45);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 3, true, 0)), 14);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_SREQ, 3, false, 0)), 15);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 3, false, 0)), 16);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_TC, 3, true, 0)), 34, "DMACTC only with the last request");
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_SREQ, 3, true, 1)), 30);
	expect_beat(2, AHB2, RD, NSEQ, INCR1, 0x8000, 32, 33);
	expect_beat(3, AHB1, WR, NSEQ, INCR1, 0x2004, 35, 36);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 3, true, 1)), 34);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_SREQ, 3, false, 1)), 35);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 3, false, 1)), 36);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_TC, 3, false, 0)), 36);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 37);
	cr_assert_eq(t->rises[TB_EV_TC], 1);
	expect_clean();
}

/* Through the synchroniser: read ends e = t+15, CLR high t+16, SREQ dropped t+17, the drop is
 * seen two steps later (step t+19): CLR low t+20. Last request at t+30: CLR and TC high t+36,
 * low t+40; DMACINTTC t+39 (write ends t+38). */
Test(timing, clr_falls_two_cycles_later_through_the_synchroniser)
{
	tb_periph *p = per2mem(false);

	tb_periph_request(p, TB_SREQ, t0 + 10);
	tb_periph_request(p, TB_SREQ, t0 + 30);
	tb_run(t, 45);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 3, true, 0)), 16);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_SREQ, 3, false, 0)), 17);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 3, false, 0)), 20);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_SREQ, 3, true, 1)), 30);
	expect_beat(2, AHB2, RD, NSEQ, INCR1, 0x8000, 34, 35);
	expect_beat(3, AHB1, WR, NSEQ, INCR1, 0x2004, 37, 38);
	cr_assert_eq(t->rises[TB_EV_TC], 1);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 3, true, 1)), 36);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_TC, 3, true, 0)), 36);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 3, false, 1)), 40);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_TC, 3, false, 0)), 40);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 39);
	expect_clean();
}

/* Memory -> peripheral (line 5 on AHB2, DMAC flow, 4 words, burst 4, Sync bypassed). The
 * memory is prefetched at once: INCR4 at t+2..t+5. BREQ raised at r = t+20 moves the 4 words as
 * back-to-back NONSEQ one-beat INCRs to the fixed address at r+2..r+5 (ends r+3..r+6 = e). This
 * request moves the item's last transfer: DMACCLR, DMACTC and DMACINTTC all rise in e+1 = r+7;
 * BREQ dropped r+8; CLR and TC low r+9. */
Test(timing, burst_request_to_peripheral_destination_moves_four_singles_then_clr_and_tc)
{
	tb_periph *p;

	mems(0);
	p = tb_add_periph(t, 5, AHB2, 0x8000);
	tb_wr(t, PL08X_SYNC, 1u << 5);
	start(0, 0x1000, 0x8000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 0, 1) | TB_CTL(D, 1),
	      CFG_RUN | TB_CCFG(DEST_PERIPH, 5) | TB_CCFG(FLOW, PL08X_FLOW_MEM2PER));
	tb_periph_request(p, TB_BREQ, t0 + 20);
	tb_run(t, 40);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_BREQ, 5, true, 0)), 20);
	cr_assert_eq(tb_beat_count(t), 8);
	expect_burst(0, 4, AHB1, RD, INCR4, 0x1000, 4, 2, 1, 1);
	for (unsigned k = 0; k < 4; k++)
		expect_beat(4 + k, AHB2, WR, NSEQ, INCR1, 0x8000, 22 + k, 23 + k);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 5, true, 0)), 27);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_TC, 5, true, 0)), 27);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 27);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_BREQ, 5, false, 0)), 28);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 5, false, 0)), 29);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_TC, 5, false, 0)), 29);
	cr_assert_eq(p->cap_len, 16);
	expect_clean();
}

/* SoftSReq for line 3 written at s: no synchroniser, seen in step s: IDLE s+1, read at s+2
 * (ends s+3 = e). The soft bit clears when the request is served (step e: SoftSReq reads the bit
 * at e, 0 from e+1), so DMACCLR is high for the single cycle e+1 = s+4. Write at s+5. */
Test(timing, soft_request_gives_first_address_at_s_plus_2_and_a_one_cycle_clr)
{
	per2mem(false);
	tb_wr(t, PL08X_SOFT_SREQ, 1u << 3);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_SREQ), 1u << 3);
	trun_to(3);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_SREQ), 1u << 3);
	tstep();
	cr_assert_eq(tb_rd(t, PL08X_SOFT_SREQ), 0);
	trun_to(10);
	expect_htrans(AHB2, 1, IDLE);
	expect_beat(0, AHB2, RD, NSEQ, INCR1, 0x8000, 2, 3);
	expect_beat(1, AHB1, WR, NSEQ, INCR1, 0x2000, 5, 6);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 3, true, 0)), 4);
	cr_assert_eq(rel(tb_event_cycle(t, TB_EV_CLR, 3, false, 0)), 5);
	cr_assert_eq(t->rises[TB_EV_TC], 0, "1 of 2 transfers moved: no DMACTC");
	expect_clean();
}

/* ---- errors -------------------------------------------------------------------------------- */

/* Error on the first read of an INCR4 (NONSEQ at t+2): the slave answers ERROR with HREADY low
 * in t+3 (the SEQ to 0x4004 is on the bus, not accepted) and ERROR with HREADY high in t+4. The
 * first ERROR cycle cancels the pending address: IDLE in t+4. At the edge ending t+4 (e2) the
 * channel is disabled and its raw error bit set: DMACINTERR and DMACINTR high in e2+1 = t+5. */
Test(timing, error_on_read_cancels_the_pending_address_and_raises_interr_at_t_plus_5)
{
	mems(0);
	tb_add_error(t, AHB1, 0x4000, 0x100, true, true);
	start(0, 0x4000, 0x2000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1), CFG_RUN);
	run_to(3);
	cr_assert_eq(t->out.htrans[AHB1], SEQ);
	cr_assert_eq(t->out.haddr[AHB1], 0x4004);
	tb_step(t);
	cr_assert_eq(t->out.htrans[AHB1], IDLE, "t+4: the address after the failing beat is cancelled");
	cr_assert_not(t->out.interr);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_CONFIG) & 1u, 1, "still enabled during the ERROR response");
	tb_step(t);
	cr_assert(t->out.interr && t->out.intr);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_ERR, 0)), 5);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 1);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	tb_run(t, 10);
	cr_assert_eq(tb_beat_count(t), 1);
	expect_beat(0, AHB1, RD, NSEQ, INCR4, 0x4000, 2, 4);
	cr_assert_eq(beat(0)->resp, PL08X_HRESP_ERROR);
	expect_clean();
}

/* Error on a write: reads t+2..t+5, write NONSEQ t+8, ERROR in t+9 (HREADY low) and t+10:
 * DMACINTERR in t+11. */
Test(timing, error_on_write_raises_interr_the_cycle_after_the_second_error_cycle)
{
	mems(0);
	tb_add_error(t, AHB1, 0x4000, 0x100, true, true);
	start(0, 0x1000, 0x4000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1), CFG_RUN);
	tb_run(t, 20);
	cr_assert_eq(tb_beat_count(t), 5);
	expect_beat(4, AHB1, WR, NSEQ, INCR4, 0x4000, 8, 10);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_ERR, 0)), 11);
	cr_assert_eq(t->rises[TB_EV_INTTC], 0);
	expect_clean();
}

/* Error on the LLI load: item 0 ends at t+12, LLI NONSEQ at t+14 faults (t+15, t+16):
 * DMACINTERR in t+17, no TC (item 0 has I=0) and the channel is off. */
Test(timing, error_on_lli_load_raises_interr_at_t_plus_17)
{
	mems(0);
	tb_add_error(t, AHB1, 0x4000, 0x100, true, true);
	start(0, 0x1000, 0x2000, 0x4000, tb_ctl(4, 1, 1, B32, B32, 1, 1, 0), CFG_RUN);
	tb_run(t, 25);
	cr_assert_eq(tb_beat_count(t), 9);
	expect_beat(8, AHB1, RD, NSEQ, INCR4, 0x4000, 14, 16);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_ERR, 0)), 17);
	cr_assert_eq(t->rises[TB_EV_INTTC], 0);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	expect_clean();
}

/* ---- halt ---------------------------------------------------------------------------------- */

/* 16 words, burst 4; H=1 written at t+3 while the first INCR4 read (t+2..t+5) runs. The read op
 * finishes, the FIFO drains (writes t+8..t+11, last data ends t+12), no further read is issued.
 * A reads 1 up to t+12 and 0 from t+13 (writes_in_flight drops in step t+12); TransferSize stays
 * 12. Clearing H at t+40 restarts reads: IDLE t+41, NONSEQ t+42. */
Test(timing, halt_lets_the_started_burst_finish_and_a_drops_after_the_last_write)
{
	uint32_t cfg = CFG_RUN;

	mems(0);
	start(0, 0x1000, 0x2000, 0, tb_ctl(16, 1, 1, B32, B32, 1, 1, 1), cfg);
	run_to(3);
	tb_wr(t, CH_CFG(0), cfg | TB_CCFG(H, 1));
	for (long long c = 3; c <= 12; c++) {
		run_to(c);
		cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONFIG), PL08X_CCFG_A), 1,
			     "t+%lld: A dropped early", c);
	}
	run_to(13);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONFIG), PL08X_CCFG_A), 0, "t+13: A still 1");
	run_to(40);
	cr_assert_eq(tb_beat_count(t), 8);
	expect_burst(0, 4, AHB1, RD, INCR4, 0x1000, 4, 2, 1, 1);
	expect_burst(4, 4, AHB1, WR, INCR4, 0x2000, 4, 8, 1, 1);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 12);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1);
	tb_wr(t, CH_CFG(0), cfg);
	trun_to(44);
	expect_htrans(AHB1, 41, IDLE);
	expect_beat(8, AHB1, RD, NSEQ, INCR4, 0x1010, 42, 43);
	expect_clean();
}

/* ---- arbitration and channel switches ------------------------------------------------------ */

/* Channels 0 and 1 enabled in the same cycle, 4 words each, burst 4, same master. Channel 0
 * reads t+2..t+5; step t+5 finds channel 0 waiting for its read data and grants channel 1:
 * IDLE t+6, channel 1 reads t+7..t+10; step t+10 grants channel 0's writes (IDLE t+11, t+12..
 * t+15), step t+15 channel 1's (IDLE t+16, t+17..t+20). One IDLE cycle at every switch. */
Test(timing, channel_switch_between_bursts_costs_one_idle_cycle)
{
	mems(0);
	start(0, 0x1000, 0x2000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1), CFG_RUN);
	cr_assert_eq(tb_program(t, 1, &(pl08x_lli){ 0x1100, 0x3000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1) },
				CFG_RUN), PL08X_ACCESS_OK);
	trun_to(25);
	cr_assert_eq(tb_beat_count(t), 16);
	expect_htrans(AHB1, 1, IDLE);
	expect_htrans(AHB1, 6, IDLE);
	expect_htrans(AHB1, 11, IDLE);
	expect_htrans(AHB1, 16, IDLE);
	expect_burst(0, 4, AHB1, RD, INCR4, 0x1000, 4, 2, 1, 1);
	expect_burst(4, 4, AHB1, RD, INCR4, 0x1100, 4, 7, 1, 1);
	expect_burst(8, 4, AHB1, WR, INCR4, 0x2000, 4, 12, 1, 1);
	expect_burst(12, 4, AHB1, WR, INCR4, 0x3000, 4, 17, 1, 1);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 17);
	expect_clean();
}

/* A low channel (@low, 16 words, burst 16, both sides on AHB1) runs from t; channel 0 (4 words)
 * is enabled at t+7. @low reads t+2..t+5 and writes t+8..t+11 (alone on the master: reads a..a+3,
 * last data ends in step a+4, IDLE a+5, writes a+6..a+9, IDLE a+10, next reads a+11). At step
 * t+11 both have a read ready. */
static void contend(unsigned low)
{
	mems(0);
	start(low, 0x1000, 0x2000, 0, tb_ctl(16, 3, 3, B32, B32, 1, 1, 0), CFG_RUN);
	run_to(7);
	cr_assert_eq(tb_program(t, 0, &(pl08x_lli){ 0x1100, 0x3000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1) },
				CFG_RUN), PL08X_ACCESS_OK);
	cr_assert(tb_run_until_idle(t, 200));
	expect_burst(0, 4, AHB1, RD, INCR4, 0x1000, 4, 2, 1, 1);
	expect_burst(4, 4, AHB1, WR, INCR4, 0x2000, 4, 8, 1, 1);
}

/* Channel 1's 16-transfer DMA burst needs four pieces, so channel 1 owns AHB1 from its first
 * beat (t+2) to its last write address (t+44): at every arbitration in between AHB1 serves only
 * channel 1, and it stays IDLE while channel 1 waits for its read data (steps t+16, t+27, t+38)
 * although channel 0 has a read ready from step t+7. Channel 1 keeps its lone schedule: reads
 * t+2+11p, writes t+8+11p (p < 4). Step t+44: the burst has ended, channel 0 reads t+46..t+49
 * (IDLE t+45), its last read data ends in step t+50, writes t+52..t+55 (ends t+56): DMACINTTC
 * (channel 0 only, channel 1 has I = 0) at t+57. */
Test(timing, channel_1_mid_dma_burst_keeps_the_master_over_channel_0)
{
	contend(1);
	for (unsigned p = 1; p < 4; p++) {
		expect_burst(8 * p, 4, AHB1, RD, INCR4, 0x1000 + 16 * p, 4, 2 + 11 * p, 1, 1);
		expect_burst(8 * p + 4, 4, AHB1, WR, INCR4, 0x2000 + 16 * p, 4, 8 + 11 * p, 1, 1);
	}
	expect_burst(32, 4, AHB1, RD, INCR4, 0x1100, 4, 46, 1, 1);
	expect_burst(36, 4, AHB1, WR, INCR4, 0x3000, 4, 52, 1, 1);
	cr_assert_eq(tb_beat_count(t), 40);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 57);
	expect_clean();
}

/* Channel 6 never owns its burst and gives the master up after every piece: at step t+11
 * channel 0 wins (reads t+13..t+16); step t+16 finds channel 0 waiting for its read data and
 * channel 6 reads next (t+18..t+21); step t+21 channel 0's ready writes win: t+23..t+26 (ends
 * t+27): DMACINTTC at t+28, 29 cycles earlier than behind channel 1. */
Test(timing, channel_6_yields_to_channel_0_after_one_fifo)
{
	contend(6);
	expect_burst(8, 4, AHB1, RD, INCR4, 0x1100, 4, 13, 1, 1);
	expect_burst(12, 4, AHB1, RD, INCR4, 0x1010, 4, 18, 1, 1);
	expect_burst(16, 4, AHB1, WR, INCR4, 0x3000, 4, 23, 1, 1);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 28);
	expect_clean();
}

/* ---- controller disable -------------------------------------------------------------------- */

/* DMACConfiguration.E cleared at t+6 (after the read burst's last address, t+5): the last read
 * still completes (data ends t+6) but nothing is arbitrated: no beat through t+10. E set again
 * at t+10: step t+10 arbitrates the writes, IDLE t+11, writes t+12..t+15, DMACINTTC t+17. The
 * registers kept their values meanwhile (TransferSize 0, E of the channel still 1). */
Test(timing, controller_disable_between_bursts_pauses_and_resumes_two_cycles_after_e)
{
	mems(0);
	tb_mem_pattern(t, AHB1, 0x1000, 16, 7);
	start(0, 0x1000, 0x2000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1), CFG_RUN);
	run_to(6);
	tb_wr(t, PL08X_CONFIG, 0);
	run_to(10);
	cr_assert_eq(tb_beat_count(t), 4);
	cr_assert_eq(rel(beat(3)->done_cycle), 6);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 0);
	tb_wr(t, PL08X_CONFIG, 1);
	trun_to(20);
	expect_htrans(AHB1, 11, IDLE);
	expect_burst(4, 4, AHB1, WR, INCR4, 0x2000, 4, 12, 1, 1);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 17);
	cr_assert_eq(tb_mem_cmp(t, AHB1, 0x1000, AHB1, 0x2000, 16), -1);
	expect_clean();
}

/* E cleared at t+3, inside the INCR4 read (t+2, t+3 issued): the beat on the bus completes,
 * no new beat is issued, so the INCR4 ends after 2 beats (an early burst end, counted apart
 * from violations). E set at t+13: the 2 remaining reads are one 2-beat piece, hence NONSEQ
 * one-beat INCRs at t+15, t+16 (ends t+17); the writes INCR4 at t+19..t+22, DMACINTTC t+24. */
Test(timing, controller_disable_mid_burst_stops_after_the_current_beat)
{
	mems(0);
	tb_mem_pattern(t, AHB1, 0x1000, 16, 8);
	start(0, 0x1000, 0x2000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1), CFG_RUN);
	run_to(3);
	tb_wr(t, PL08X_CONFIG, 0);
	tb_step(t);
	cr_assert_eq(t->out.htrans[AHB1], IDLE);
	run_to(13);
	cr_assert_eq(tb_beat_count(t), 2);
	tb_wr(t, PL08X_CONFIG, 1);
	trun_to(26);
	expect_htrans(AHB1, 14, IDLE);
	cr_assert_eq(tb_beat_count(t), 8);
	expect_burst(0, 2, AHB1, RD, INCR4, 0x1000, 4, 2, 1, 1);
	expect_burst(2, 2, AHB1, RD, INCR1, 0x1008, 4, 15, 1, 1);
	expect_burst(4, 4, AHB1, WR, INCR4, 0x2000, 4, 19, 1, 1);
	cr_assert_eq(rel(tb_irq_cycle(t, TB_IRQ_TC, 0)), 24);
	cr_assert_eq(t->early_ends, 1);
	cr_assert_eq(tb_mem_cmp(t, AHB1, 0x1000, AHB1, 0x2000, 16), -1);
	expect_clean();
}

/* ---- choices where the sources are silent -------------------------------------------------- */

/* Writing SrcAddr/DestAddr/LLI/Control of an enabled channel (at t+3, mid-read) is refused with
 * PL08X_ACCESS_CHANNEL_BUSY and changes nothing: the copy keeps the cycles of
 * four_word_memcpy_raises_dmacinttc_at_t_plus_13 (writes t+8..t+11, INTTC t+13). */
Test(timing, writes_to_an_enabled_channel_are_refused_and_leave_the_timing_alone)
{
	mems(0);
	tb_mem_pattern(t, AHB1, 0x1000, 16, 9);
	start(0, 0x1000, 0x2000, 0, tb_ctl(4, 1, 1, B32, B32, 1, 1, 1), CFG_RUN);
	run_to(3);
	cr_assert_eq(tb_wr(t, PL08X_CH_BASE(0) + PL08X_CH_SRC_ADDR, 0x5000), PL08X_ACCESS_CHANNEL_BUSY);
	cr_assert_eq(tb_wr(t, PL08X_CH_BASE(0) + PL08X_CH_DEST_ADDR, 0x6000), PL08X_ACCESS_CHANNEL_BUSY);
	cr_assert_eq(tb_wr(t, PL08X_CH_BASE(0) + PL08X_CH_LLI, 0x7000), PL08X_ACCESS_CHANNEL_BUSY);
	cr_assert_eq(tb_wr(t, PL08X_CH_BASE(0) + PL08X_CH_CONTROL, tb_ctl(1, 0, 0, B8, B8, 0, 0, 0)),
		     PL08X_ACCESS_CHANNEL_BUSY);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 50));
	cr_assert_eq(rel(tb_cycle(t)), 13);
	expect_burst(4, 4, AHB1, WR, INCR4, 0x2000, 4, 8, 1, 1);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_LLI), 0);
	cr_assert_eq(tb_mem_cmp(t, AHB1, 0x1000, AHB1, 0x2000, 16), -1);
	expect_clean();
}

/* HTRANS is never BUSY, and HBURST is never SINGLE (KA3489: a lone transfer goes out as a
 * one-beat INCR): every cycle of a run with bursts, lone transfers, an LLI load and a tail
 * (7 bytes to a word destination, then a 4-word item) shows IDLE, NONSEQ or SEQ only. */
Test(timing, htrans_is_never_busy_and_hburst_never_single)
{
	mems(1);
	write_item1(AHB2, 0x3000);
	start(0, 0x1000, 0x2000, 0x3000 | 1u, tb_ctl(7, 1, 1, B8, B32, 1, 1, 0), CFG_RUN);
	for (unsigned c = 0; c < 200 && !t->rises[TB_EV_INTTC]; c++) {
		tb_step(t);
		for (unsigned m = 0; m < PL08X_MASTERS; m++)
		{
			cr_assert_neq(t->out.htrans[m], PL08X_HTRANS_BUSY, "BUSY on AHB%u at t+%lld", m + 1,
				      rel(tb_cycle(t)));
			if (t->out.htrans[m] != PL08X_HTRANS_IDLE)
				cr_assert_neq(t->out.hburst[m], PL08X_HBURST_SINGLE,
					      "HBURST SINGLE on AHB%u at t+%lld", m + 1, rel(tb_cycle(t)));
		}
	}
	cr_assert_eq(t->rises[TB_EV_INTTC], 1);
	cr_assert_eq(tb_beat_count(t), 22);
	expect_clean();
}

/* ---- throughput ---------------------------------------------------------------------------- */

/* 1 KB memcpy, cycles from the enabling write to the DMACINTTC rise (docs/timing-model.md,
 * "Throughput"). Derivations at 0 wait states on one master:
 *  - words, burst >= 4: reads a..a+3, turnaround (last data a+4, IDLE a+5), writes a+6..a+9,
 *    IDLE a+10, next reads a+11: 64 pieces x 11 + 2 (enable) = 706;
 *  - words, burst 1: every beat is its own op with its own IDLE: 256 x 4 + 2 = 1026;
 *  - bytes, INCR16: reads a..a+15, writes a+18..a+33, next reads a+35: 64 x 35 + 2 = 2242;
 *  - halfwords, INCR8: reads a..a+7, writes a+10..a+17, next a+19: 64 x 19 + 2 = 1218;
 *  - words, burst 4, 1 wait state: reads a, a+2, a+4, a+6 (last data a+8), writes a+10..a+16,
 *    next reads a+18: 64 x 18 + 2, plus 1 for the last 2-cycle data phase = 1155.
 * Source and destination on different masters (either way round: the masters issue before any
 * arbitrates, so the source master sees the channel freed by the destination master's last
 * write in the same step):
 *  - words, burst >= 4: reads a..a+3, writes a+6..a+9 on the other master, whose last write is
 *    issued in step a+8: IDLE a+9, next reads a+10: the last reads at 2 + 63 x 10 = 632, writes
 *    638..641, ends 642: 643;
 *  - words, burst 1: read at a; step a (FIFO room) arbitrates the next read (a+2), step a+1 (data
 *    in) the write on the other master (IDLE a+2, write a+3), which is issued in step a+2 before
 *    the source master arbitrates the read after next (a+4): reads 2+2k, writes 5+2k; the last
 *    write 515 ends 516: 256 x 2 + 5 = 517. */
struct thr_case {
	unsigned width, bsize, ws, smaster, dmaster;
	uint64_t cycles;
};

static const struct thr_case thr_cases[] = {
	{ B8,  PL08X_BSIZE_1,   0, 0, 0, 4098 },
	{ B8,  PL08X_BSIZE_4,   0, 0, 0, 2562 },
	{ B8,  PL08X_BSIZE_16,  0, 0, 0, 2242 },
	{ B16, PL08X_BSIZE_8,   0, 0, 0, 1218 },
	{ B32, PL08X_BSIZE_1,   0, 0, 0, 1026 },
	{ B32, PL08X_BSIZE_4,   0, 0, 0, 706 },
	{ B32, PL08X_BSIZE_256, 0, 0, 0, 706 },
	{ B32, PL08X_BSIZE_1,   0, 0, 1, 517 },
	{ B32, PL08X_BSIZE_1,   0, 1, 0, 517 },
	{ B32, PL08X_BSIZE_4,   0, 0, 1, 643 },
	{ B32, PL08X_BSIZE_4,   0, 1, 0, 643 },
	{ B32, PL08X_BSIZE_1,   1, 0, 0, 1027 },
	{ B32, PL08X_BSIZE_4,   1, 0, 0, 1155 },
};

Test(timing, memcpy_1kb_cycles_per_width_burst_and_wait_states)
{
	for (size_t i = 0; i < sizeof thr_cases / sizeof *thr_cases; i++) {
		const struct thr_case *k = &thr_cases[i];
		unsigned n = 1024u >> k->width;

		tb_destroy(t);
		setup();
		mems(k->ws);
		tb_mem_pattern(t, k->smaster, 0x1000, 1024, (uint32_t)i);
		start(0, 0x1000, 0x8000, 0,
		      tb_ctl(n, k->bsize, k->bsize, k->width, k->width, 1, 1, 1) | TB_CTL(S, k->smaster) |
		      TB_CTL(D, k->dmaster), CFG_RUN);
		cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 10000), "case %zu: no TC", i);
		cr_assert_eq(rel(tb_cycle(t)), (long long)k->cycles,
			     "case %zu (width %u, bsize %u, %u ws, AHB%u -> AHB%u): %lld cycles, expected %llu",
			     i, 1u << k->width, k->bsize, k->ws, k->smaster + 1, k->dmaster + 1,
			     rel(tb_cycle(t)), (unsigned long long)k->cycles);
		cr_assert_eq(tb_mem_cmp(t, k->smaster, 0x1000, k->dmaster, 0x8000, 1024), -1,
			     "case %zu: data", i);
		expect_clean();
	}
}
