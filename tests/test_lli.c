/* Scatter/gather (TRM 3.6) for memory-to-memory transfers (FlowCntrl 0) on a PL080 with a
 * memory on each master: LLI loads through AHB1 and AHB2 with their exact cycles, chains of
 * several lengths, per-item widths and bursts, registers while a chain runs, the I bit of each
 * item, the end of a chain, TransferSize 0 and 4095 items, and LLIs across a 1 KB boundary.
 * Rules: docs/timing-model.md and the test writers' brief.
 */
#include <criterion/criterion.h>

#include <string.h>

#include "tb.h"

#define MEM_SIZE 0x20000u
#define SRC      0x1000u      /* data sources on AHB1 */
#define DST      0x8000u      /* data destinations on AHB2 */
#define LLI_AT   0x4000u      /* LLI items (on the master named by LM) */
#define STRIDE   0x100u
#define SENTINEL 0xEEu

static tb *t;

static void setup(void)
{
	t = tb_create_m2m(MEM_SIZE);
	cr_assert_not_null(t, "tb_create_m2m failed");
}

static void teardown(void)
{
	tb_destroy(t);
	t = NULL;
}

TestSuite(lli, .init = setup, .fini = teardown, .timeout = 10);

/* ---- helpers ------------------------------------------------------------------------------ */

static const uint32_t CFG_M2M = TB_CFG_M2M;

/* Words, burst 4, AHB1 → AHB2, incrementing */
static uint32_t ctl_words(unsigned ts, bool i)
{
	return tb_ctl(ts, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_32, true, true, i) |
	       TB_CTL(S, 0) | TB_CTL(D, 1);
}

static uint64_t start(const pl08x_lli *first)
{
	cr_assert_eq(tb_program(t, 0, first, CFG_M2M), PL08X_ACCESS_OK);
	return tb_cycle(t);
}

static void finish(void)
{
	cr_assert(tb_run_until_idle(t, 500000), "chain did not finish");
	cr_assert_eq(t->violations, 0, "AHB violation: %s", t->violation);
	cr_assert_eq(t->stray, 0, "stray access at 0x%08x", (unsigned)t->stray_addr);
}

static void run_to(uint64_t c)
{
	cr_assert(tb_run_to(t, c), "already at cycle %llu, wanted %llu",
		  (unsigned long long)tb_cycle(t), (unsigned long long)c);
}

static unsigned item_bytes(const pl08x_lli *it)
{
	return PL08X_GET(it->ctl, PL08X_CCTL_TS) << PL08X_GET(it->ctl, PL08X_CCTL_SWIDTH);
}

/* Source pattern for an item and a sentinel-filled destination (with 8 guard bytes) */
static void prepare_item(const pl08x_lli *it, uint32_t seed)
{
	unsigned sm = PL08X_GET(it->ctl, PL08X_CCTL_S), dm = PL08X_GET(it->ctl, PL08X_CCTL_D);
	unsigned n = item_bytes(it);

	if (n)
		tb_mem_pattern(t, sm, it->src, n, seed);
	tb_mem_fill(t, dm, it->dst, n + 8, SENTINEL);
}

static void check_item(const pl08x_lli *it, unsigned k)
{
	unsigned sm = PL08X_GET(it->ctl, PL08X_CCTL_S), dm = PL08X_GET(it->ctl, PL08X_CCTL_D);
	unsigned n = item_bytes(it);
	long d = n ? tb_mem_cmp(t, sm, it->src, dm, it->dst, n) : -1;

	cr_assert_eq(d, -1, "item %u: destination differs at byte %ld of %u", k, d, n);
	for (unsigned g = 0; g < 8; g++)
		cr_assert_eq(tb_rd8(t, dm, it->dst + n + g), SENTINEL, "item %u: guard byte %u written", k, g);
}

/* The 4 reads of an LLI load: beats from log index @i, master @m, INCR4 (or one-beat INCRs) at @addr */
static void expect_lli_load(size_t i, unsigned m, uint32_t addr, bool singles, uint64_t cycle,
			    unsigned gap)
{
	cr_assert_geq(tb_beat_count(t), i + 4);
	for (unsigned j = 0; j < 4; j++) {
		const tb_beat *b = &tb_beats(t)[i + j];
		uint8_t htrans = (singles || !j) ? PL08X_HTRANS_NONSEQ : PL08X_HTRANS_SEQ;

		cr_assert_eq(b->master, m, "LLI word %u on AHB%u", j, b->master + 1);
		cr_assert(!b->hwrite, "LLI word %u is a write", j);
		cr_assert_eq(b->addr, addr + 4 * j, "LLI word %u at 0x%x", j, (unsigned)b->addr);
		cr_assert_eq(b->hsize, PL08X_HSIZE_32, "LLI word %u HSIZE", j);
		cr_assert_eq(b->hburst, singles ? PL08X_HBURST_INCR : PL08X_HBURST_INCR4,
			     "LLI word %u HBURST %u", j, b->hburst);
		cr_assert_eq(b->htrans, htrans, "LLI word %u HTRANS %u", j, b->htrans);
		cr_assert_eq(b->cycle, cycle + (uint64_t)j * gap, "LLI word %u at cycle %llu, expected %llu",
			     j, (unsigned long long)b->cycle, (unsigned long long)(cycle + (uint64_t)j * gap));
	}
}

/* Index in the beat log of the first beat at or after @from with address @addr on @m */
static size_t find_beat(size_t from, unsigned m, uint32_t addr, bool wr)
{
	for (size_t i = from; i < tb_beat_count(t); i++) {
		const tb_beat *b = &tb_beats(t)[i];

		if (b->master == m && b->addr == addr && b->hwrite == wr)
			return i;
	}
	cr_assert_fail("no %s of 0x%x on AHB%u", wr ? "write" : "read", (unsigned)addr, m + 1);
	return 0;
}

/*
 * A chain of @n items: item 0 in the registers, items 1..n-1 at LLI_AT + 16 (k - 1) on master
 * @lm. Item k: AHB1 → AHB2, widths, bursts and length varying with k; only the last has I = 1.
 */
static void build_chain(pl08x_lli *items, unsigned n, unsigned lm)
{
	for (unsigned k = 0; k < n; k++) {
		unsigned sw = k % 3, dw = (k + 1) % 3;
		unsigned ts = (5 + 3 * k) * 4 >> sw;       /* 20 + 12 k bytes */

		items[k] = (pl08x_lli){
			.src = SRC + STRIDE * k,
			.dst = DST + STRIDE * k,
			.lli = k + 1 < n ? (LLI_AT + 16 * k) | lm : 0,
			.ctl = tb_ctl(ts, k % 8, (k + 3) % 8, sw, dw, true, true, k + 1 == n) |
			       TB_CTL(D, 1),
		};
		prepare_item(&items[k], 50 + k);
	}
	if (n > 1)
		tb_write_lli(t, lm, LLI_AT, items + 1, n - 1);
}

static void run_chain(unsigned n, unsigned lm)
{
	pl08x_lli items[32];

	build_chain(items, n, lm);
	start(&items[0]);
	finish();
	for (unsigned k = 0; k < n; k++)
		check_item(&items[k], k);
	size_t lli_reads = 0;
	for (size_t i = 0; i < tb_beat_count(t); i++) {
		const tb_beat *b = &tb_beats(t)[i];

		if (b->addr >= LLI_AT && b->addr < LLI_AT + 16 * (n - 1)) {
			cr_assert_eq(b->master, lm, "LLI read on AHB%u", b->master + 1);
			cr_assert(!b->hwrite);
			lli_reads++;
		}
	}
	cr_assert_eq(lli_reads, 4 * (n - 1), "LLI reads");
	cr_assert_eq(t->rises[TB_EV_INTTC], 1, "only the last item has I = 1");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1u);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0u);
}

/* ---- LLI load timing and master ------------------------------------------------------------ */

/*
 * Item 0: 4 words AHB1 → AHB2 at burst 4: reads t0+2..5, writes t0+8..11, last data phase ends
 * d = t0+12. LLI: IDLE d+1, INCR4 at d+2..d+5, 4th word ends e = d+6; item 1's first read at e+2.
 */
static void lli_load_on(unsigned lm)
{
	pl08x_lli items[2] = {
		{ SRC, DST, LLI_AT | lm, ctl_words(4, false) },
		{ SRC + STRIDE, DST + STRIDE, 0, ctl_words(8, true) },
	};
	uint64_t t0, d, e;
	size_t w;

	prepare_item(&items[0], 1);
	prepare_item(&items[1], 2);
	tb_write_lli(t, lm, LLI_AT, &items[1], 1);
	t0 = start(&items[0]);
	finish();
	check_item(&items[0], 0);
	check_item(&items[1], 1);
	cr_assert_eq(tb_beat_count(t), 8 + 4 + 16);
	w = find_beat(0, 1, DST + 12, true);
	cr_assert_eq(w, 7);
	d = tb_beats(t)[w].done_cycle;
	cr_assert_eq(d, t0 + 12);
	expect_lli_load(8, lm, LLI_AT, false, d + 2, 1);
	e = tb_beats(t)[11].done_cycle;
	cr_assert_eq(e, d + 6);
	cr_assert_eq(tb_beats(t)[12].addr, SRC + STRIDE);
	cr_assert_eq(tb_beats(t)[12].master, 0);
	cr_assert_eq(tb_beats(t)[12].cycle, e + 2, "first read of item 1 at %llu, expected %llu",
		     (unsigned long long)tb_beats(t)[12].cycle, (unsigned long long)(e + 2));
	cr_assert_eq(tb_count_beats(t, lm ^ 1, TB_READ), lm ? 12 : 0, "LLI reads on the other master");
}

Test(lli, lli_through_ahb1_is_an_incr4_on_ahb1_two_cycles_after_the_item_end)
{
	lli_load_on(0);
}

Test(lli, lli_through_ahb2_is_an_incr4_on_ahb2_two_cycles_after_the_item_end)
{
	lli_load_on(1);
}

Test(lli, lli_with_one_wait_state_is_read_every_2_cycles_and_the_next_item_starts_2_after_the_last)
{
	pl08x_lli items[2] = {
		{ SRC, DST, 0x40000u | 1, ctl_words(4, false) },
		{ SRC + STRIDE, DST + STRIDE, 0, ctl_words(4, true) },
	};
	uint64_t d, e;

	tb_add_mem(t, 1, 0x40000u, 0x100, 1);
	prepare_item(&items[0], 3);
	prepare_item(&items[1], 4);
	tb_write_lli(t, 1, 0x40000u, &items[1], 1);
	start(&items[0]);
	finish();
	check_item(&items[0], 0);
	check_item(&items[1], 1);
	d = tb_beats(t)[7].done_cycle;
	expect_lli_load(8, 1, 0x40000u, false, d + 2, 2);
	e = tb_beats(t)[11].done_cycle;
	cr_assert_eq(e, d + 10);
	cr_assert_eq(tb_beats(t)[12].cycle, e + 2);
}

Test(lli, lm_bit_of_each_item_chooses_the_master_of_the_next_load)
{
	pl08x_lli items[4] = {
		{ SRC, DST, LLI_AT | 0, ctl_words(4, false) },
		{ SRC + STRIDE, DST + STRIDE, LLI_AT | 1, ctl_words(4, false) },
		{ SRC + 2 * STRIDE, DST + 2 * STRIDE, (LLI_AT + 16) | 0, ctl_words(4, false) },
		{ SRC + 3 * STRIDE, DST + 3 * STRIDE, 0, ctl_words(4, true) },
	};
	size_t i;

	for (unsigned k = 0; k < 4; k++)
		prepare_item(&items[k], 5 + k);
	tb_write_lli(t, 0, LLI_AT, &items[1], 1);
	tb_write_lli(t, 1, LLI_AT, &items[2], 1);
	tb_write_lli(t, 0, LLI_AT + 16, &items[3], 1);
	start(&items[0]);
	finish();
	for (unsigned k = 0; k < 4; k++)
		check_item(&items[k], k);
	i = find_beat(0, 0, LLI_AT, false);
	expect_lli_load(i, 0, LLI_AT, false, tb_beats(t)[i - 1].done_cycle + 2, 1);
	i = find_beat(0, 1, LLI_AT, false);
	expect_lli_load(i, 1, LLI_AT, false, tb_beats(t)[i - 1].done_cycle + 2, 1);
	i = find_beat(0, 0, LLI_AT + 16, false);
	expect_lli_load(i, 0, LLI_AT + 16, false, tb_beats(t)[i - 1].done_cycle + 2, 1);
}

/* ---- chains ------------------------------------------------------------------------------- */

Test(lli, chain_of_1_item_copies_exactly)
{
	run_chain(1, 0);
}

Test(lli, chain_of_2_items_copies_exactly)
{
	run_chain(2, 0);
}

Test(lli, chain_of_5_items_loaded_through_ahb2_copies_exactly)
{
	run_chain(5, 1);
}

Test(lli, chain_of_20_items_copies_exactly)
{
	run_chain(20, 0);
}

Test(lli, items_with_their_own_widths_and_bursts_use_them_on_the_bus)
{
	static const struct { unsigned ts, sb, db, sw, dw; } cfg[5] = {
		{ 12, PL08X_BSIZE_16, PL08X_BSIZE_4, PL08X_WIDTH_8, PL08X_WIDTH_32 },
		{ 5, PL08X_BSIZE_4, PL08X_BSIZE_8, PL08X_WIDTH_32, PL08X_WIDTH_16 },
		{ 7, PL08X_BSIZE_1, PL08X_BSIZE_256, PL08X_WIDTH_16, PL08X_WIDTH_8 },
		{ 9, PL08X_BSIZE_256, PL08X_BSIZE_256, PL08X_WIDTH_32, PL08X_WIDTH_32 },
		{ 16, PL08X_BSIZE_8, PL08X_BSIZE_8, PL08X_WIDTH_8, PL08X_WIDTH_16 },
	};
	pl08x_lli items[5];

	for (unsigned k = 0; k < 5; k++) {
		items[k] = (pl08x_lli){ SRC + STRIDE * k, DST + STRIDE * k, k < 4 ? LLI_AT + 16 * k : 0,
					tb_ctl(cfg[k].ts, cfg[k].sb, cfg[k].db, cfg[k].sw, cfg[k].dw, true, true,
					       k == 4) | TB_CTL(D, 1) };
		prepare_item(&items[k], 20 + k);
	}
	tb_write_lli(t, 0, LLI_AT, items + 1, 4);
	start(&items[0]);
	finish();
	for (unsigned k = 0; k < 5; k++) {
		unsigned n = item_bytes(&items[k]);
		size_t reads = 0, writes = 0;

		check_item(&items[k], k);
		for (size_t i = 0; i < tb_beat_count(t); i++) {
			const tb_beat *b = &tb_beats(t)[i];

			if (!b->hwrite && b->master == 0 && b->addr >= items[k].src && b->addr < items[k].src + n) {
				cr_assert_eq(b->hsize, cfg[k].sw, "item %u read HSIZE", k);
				reads++;
			}
			if (b->hwrite && b->master == 1 && b->addr >= items[k].dst && b->addr < items[k].dst + n) {
				cr_assert_eq(b->hsize, cfg[k].dw, "item %u write HSIZE", k);
				writes++;
			}
		}
		cr_assert_eq(reads, cfg[k].ts, "item %u reads", k);
		cr_assert_eq(writes, n >> cfg[k].dw, "item %u writes", k);
	}
	/* item 0's source burst is 16 bytes: one INCR16 per 12-byte item is impossible, so
	 * its 12 reads are a 12-beat run of one-beat INCRs; item 4's are INCR8s */
	cr_assert_eq(tb_nth_beat(t, 0, TB_READ, 0)->hburst, PL08X_HBURST_INCR);
	cr_assert_eq(tb_beats(t)[find_beat(0, 0, SRC + 4 * STRIDE, false)].hburst, PL08X_HBURST_INCR8);
	cr_assert_eq(tb_beats(t)[find_beat(0, 1, DST + 4 * STRIDE, true)].hburst, PL08X_HBURST_INCR8);
}

/* ---- registers while the chain runs -------------------------------------------------------- */

/*
 * Item 0 (4 words) ends at d = t0+12; the LLI of item 1 is read at t0+14..17 and ends at
 * e = t0+18, where item 1 is loaded: from cycle t0+19 the registers show item 1. Its reads are
 * issued at t0+20..23 (SrcAddr advances at each address phase) and end at t0+21..24 (TransferSize
 * counts down in the next cycle); its writes are issued at t0+26..29.
 */
Test(lli, registers_show_the_current_item_and_the_next_lli_while_the_chain_runs)
{
	pl08x_lli items[3] = {
		{ SRC, DST, LLI_AT, ctl_words(4, false) },
		{ SRC + STRIDE, DST + STRIDE, LLI_AT + 16, ctl_words(8, false) },
		{ SRC + 2 * STRIDE, DST + 2 * STRIDE, 0, ctl_words(4, true) },
	};
	uint64_t t0;

	for (unsigned k = 0; k < 3; k++)
		prepare_item(&items[k], 30 + k);
	tb_write_lli(t, 0, LLI_AT, items + 1, 2);
	t0 = start(&items[0]);

	run_to(t0 + 18);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_LLI), LLI_AT, "item 0 still current");
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_SRC_ADDR), SRC + 16);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_DEST_ADDR), DST + 16);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 0);

	run_to(t0 + 19);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_LLI), LLI_AT + 16, "CnLLI: the next item");
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_SRC_ADDR), SRC + STRIDE);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_DEST_ADDR), DST + STRIDE);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_CONTROL), items[1].ctl);

	run_to(t0 + 21);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_SRC_ADDR), SRC + STRIDE + 8, "two reads issued");
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 8, "none ended yet");

	run_to(t0 + 22);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 7);

	run_to(t0 + 25);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_SRC_ADDR), SRC + STRIDE + 16);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 4);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_DEST_ADDR), DST + STRIDE, "no write issued yet");
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_LLI), LLI_AT + 16);

	run_to(t0 + 29);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_DEST_ADDR), DST + STRIDE + 16, "four writes issued");

	finish();
	for (unsigned k = 0; k < 3; k++)
		check_item(&items[k], k);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_LLI), 0);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_SRC_ADDR), SRC + 2 * STRIDE + 16);
}

/* ---- the I bit and the end of the chain ---------------------------------------------------- */

Test(lli, only_the_item_with_its_i_bit_set_raises_tc_one_cycle_after_its_last_write)
{
	pl08x_lli items[3] = {
		{ SRC, DST, LLI_AT, ctl_words(4, false) },
		{ SRC + STRIDE, DST + STRIDE, LLI_AT + 16, ctl_words(4, true) },
		{ SRC + 2 * STRIDE, DST + 2 * STRIDE, 0, ctl_words(4, false) },
	};
	uint64_t d;

	for (unsigned k = 0; k < 3; k++)
		prepare_item(&items[k], 40 + k);
	tb_write_lli(t, 0, LLI_AT, items + 1, 2);
	start(&items[0]);
	finish();
	for (unsigned k = 0; k < 3; k++)
		check_item(&items[k], k);
	d = tb_beats(t)[find_beat(0, 1, DST + STRIDE + 12, true)].done_cycle;
	cr_assert_eq(t->rises[TB_EV_INTTC], 1);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), d + 1, "INTTC at %llu, expected %llu",
		     (unsigned long long)tb_irq_cycle(t, TB_IRQ_TC, 0), (unsigned long long)(d + 1));
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1u);
	/* the chain went on after the TC */
	cr_assert_gt(tb_beats(t)[tb_beat_count(t) - 1].cycle, d + 1);
}

Test(lli, item_without_i_in_the_middle_and_at_the_end_raises_no_tc)
{
	pl08x_lli items[2] = {
		{ SRC, DST, LLI_AT, ctl_words(4, false) },
		{ SRC + STRIDE, DST + STRIDE, 0, ctl_words(4, false) },
	};

	prepare_item(&items[0], 45);
	prepare_item(&items[1], 46);
	tb_write_lli(t, 0, LLI_AT, &items[1], 1);
	start(&items[0]);
	finish();
	check_item(&items[0], 0);
	check_item(&items[1], 1);
	cr_assert_eq(t->rises[TB_EV_INTTC], 0);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0u);
}

/*
 * Item 1 (4 words, loaded at e = t0+18) reads at t0+20..23, writes at t0+26..29; its last
 * write ends at d = t0+30 and, with LLI = 0, E clears in that step: E reads 1 in cycle d and
 * 0 from d+1.
 */
Test(lli, last_item_with_lli_0_clears_e_in_the_step_its_last_write_ends)
{
	pl08x_lli items[2] = {
		{ SRC, DST, LLI_AT, ctl_words(4, false) },
		{ SRC + STRIDE, DST + STRIDE, 0, ctl_words(4, false) },
	};
	uint64_t t0;

	prepare_item(&items[0], 47);
	prepare_item(&items[1], 48);
	tb_write_lli(t, 0, LLI_AT, &items[1], 1);
	t0 = start(&items[0]);
	run_to(t0 + 30);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1u, "still enabled in cycle d");
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONFIG), PL08X_CCFG_E), 1);
	run_to(t0 + 31);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0u, "disabled from d+1");
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONFIG), PL08X_CCFG_E), 0);
	finish();
	check_item(&items[1], 1);
	cr_assert_eq(tb_beat_count(t), 8 + 4 + 8);
	cr_assert_eq(tb_beats(t)[12].cycle, t0 + 20);
	cr_assert_eq(tb_beats(t)[19].cycle, t0 + 29);
	cr_assert_eq(tb_beats(t)[19].done_cycle, t0 + 30);
	run_to(tb_cycle(t) + 20);
	cr_assert_eq(tb_beat_count(t), 20, "no beat after the chain ended");
}

/* ---- TransferSize 0 and 4095 --------------------------------------------------------------- */

Test(lli, transfer_size_0_items_move_nothing_raise_their_tc_and_the_chain_goes_on)
{
	pl08x_lli items[4] = {
		{ SRC, DST, LLI_AT, ctl_words(4, false) },
		{ SRC + STRIDE, DST + STRIDE, LLI_AT + 16, ctl_words(0, true) },
		{ SRC + 2 * STRIDE, DST + 2 * STRIDE, LLI_AT + 32, ctl_words(0, false) },
		{ SRC + 3 * STRIDE, DST + 3 * STRIDE, 0, ctl_words(4, false) },
	};

	for (unsigned k = 0; k < 4; k++)
		prepare_item(&items[k], 60 + k);
	tb_write_lli(t, 0, LLI_AT, items + 1, 3);
	start(&items[0]);
	finish();
	check_item(&items[0], 0);
	check_item(&items[3], 3);
	for (unsigned k = 1; k < 3; k++)
		cr_assert_eq(tb_rd8(t, 1, items[k].dst), SENTINEL, "TS 0 item %u wrote", k);
	/* 8 data beats, 3 LLI loads, 8 data beats: nothing for the empty items */
	cr_assert_eq(tb_beat_count(t), 8 + 12 + 8);
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 4 + 12 + 4);
	cr_assert_eq(t->rises[TB_EV_INTTC], 1, "the TS 0 item with I = 1 raises TC");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1u);
}

/* Registers hold an empty item: it ends in the step that sees the enable (t0), so the LLI
 * load is arbitrated there: IDLE t0+1, LLI NONSEQ t0+2, as a first transfer would be. */
Test(lli, empty_item_in_the_registers_loads_the_first_lli_at_t_plus_2)
{
	pl08x_lli first = { 0, 0, LLI_AT | 1, ctl_words(0, false) };
	pl08x_lli item = { SRC, DST, 0, ctl_words(8, true) };
	uint64_t t0, e;

	prepare_item(&item, 70);
	tb_write_lli(t, 1, LLI_AT, &item, 1);
	t0 = start(&first);
	finish();
	check_item(&item, 0);
	expect_lli_load(0, 1, LLI_AT, false, t0 + 2, 1);
	e = tb_beats(t)[3].done_cycle;
	cr_assert_eq(e, t0 + 6);
	cr_assert_eq(tb_beats(t)[4].cycle, e + 2);
	cr_assert_eq(tb_beat_count(t), 4 + 16);
}

Test(lli, item_of_4095_words_loaded_from_an_lli_copies_exactly)
{
	pl08x_lli items[2] = {
		{ SRC, DST, LLI_AT, ctl_words(4, false) },
		{ 0x10000u, 0x10000u, 0, ctl_words(PL08X_TS_MAX, true) },
	};

	prepare_item(&items[0], 80);
	prepare_item(&items[1], 81);
	tb_write_lli(t, 0, LLI_AT, &items[1], 1);
	start(&items[0]);
	finish();
	check_item(&items[0], 0);
	check_item(&items[1], 1);
	cr_assert_eq(tb_count_beats(t, 1, TB_WRITE), 4 + 4095);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_DEST_ADDR), 0x10000u + 4 * 4095);
	cr_assert_eq(t->rises[TB_EV_INTTC], 1);
}

Test(lli, item_of_4095_bytes_into_words_copies_exactly_with_a_halfword_and_byte_tail)
{
	pl08x_lli items[2] = {
		{ SRC, DST, LLI_AT, ctl_words(4, false) },
		{ 0x10000u, 0x10000u, 0,
		  tb_ctl(PL08X_TS_MAX, PL08X_BSIZE_16, PL08X_BSIZE_4, PL08X_WIDTH_8, PL08X_WIDTH_32, true, true,
			 true) | TB_CTL(D, 1) },
	};
	const tb_beat *b;

	prepare_item(&items[0], 82);
	prepare_item(&items[1], 83);
	tb_write_lli(t, 0, LLI_AT, &items[1], 1);
	start(&items[0]);
	finish();
	check_item(&items[1], 1);
	cr_assert_eq(tb_count_beats(t, 1, TB_WRITE), 4 + 1023 + 2);
	b = tb_nth_beat(t, 1, TB_WRITE, 4 + 1023);
	cr_assert_eq(b->addr, 0x10000u + 4092);
	cr_assert_eq(b->hsize, PL08X_HSIZE_16);
	b = tb_nth_beat(t, 1, TB_WRITE, 4 + 1024);
	cr_assert_eq(b->addr, 0x10000u + 4094);
	cr_assert_eq(b->hsize, PL08X_HSIZE_8);
}

/* ---- LLIs at a 1 KB boundary --------------------------------------------------------------- */

Test(lli, lli_whose_words_cross_1k_is_read_as_four_singles_at_d_plus_2_to_5)
{
	pl08x_lli items[2] = {
		{ SRC, DST, 0x3F8u, ctl_words(4, false) },
		{ SRC + STRIDE, DST + STRIDE, 0, ctl_words(4, true) },
	};
	uint64_t d, e;

	prepare_item(&items[0], 90);
	prepare_item(&items[1], 91);
	tb_write_lli(t, 0, 0x3F8u, &items[1], 1);
	start(&items[0]);
	finish();
	check_item(&items[1], 1);
	d = tb_beats(t)[7].done_cycle;
	expect_lli_load(8, 0, 0x3F8u, true, d + 2, 1);
	e = tb_beats(t)[11].done_cycle;
	cr_assert_eq(e, d + 6);
	cr_assert_eq(tb_beats(t)[12].cycle, e + 2);
}

Test(lli, lli_ending_exactly_at_1k_is_read_as_an_incr4)
{
	pl08x_lli items[2] = {
		{ SRC, DST, 0x3F0u | 1, ctl_words(4, false) },
		{ SRC + STRIDE, DST + STRIDE, 0, ctl_words(4, true) },
	};

	prepare_item(&items[0], 92);
	prepare_item(&items[1], 93);
	tb_write_lli(t, 1, 0x3F0u, &items[1], 1);
	start(&items[0]);
	finish();
	check_item(&items[1], 1);
	expect_lli_load(8, 1, 0x3F0u, false, tb_beats(t)[7].done_cycle + 2, 1);
}
