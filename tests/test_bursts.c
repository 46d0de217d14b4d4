/* Memory-to-memory AHB burst structure (FlowCntrl 0) on a PL080 with a memory on each master:
 * how SBSize/DBSize and the widths turn into AHB pieces (INCR4/8/16 or one-beat INCRs), the FIFO bound,
 * ARM's 15-word example, the 1 KB boundary split, and the exact address-phase cycles with and
 * without wait states. Rules: docs/timing-model.md and the test writers' brief.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "tb.h"

#define MEM_SIZE 0x20000u
#define SRC      0x1000u
#define DST      0x8000u

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

TestSuite(bursts, .init = setup, .fini = teardown, .timeout = 10);

/* ---- helpers ------------------------------------------------------------------------------ */

static const uint32_t CFG_M2M = TB_CFG_M2M;

static const char *const bsize_name[8] = { "1", "4", "8", "16", "32", "64", "128", "256" };

static unsigned bsize_transfers(unsigned enc)
{
	return enc ? 2u << enc : 1u;
}

static uint8_t hburst_of(unsigned beats)
{
	switch (beats) {
	case 4: return PL08X_HBURST_INCR4;
	case 8: return PL08X_HBURST_INCR8;
	case 16: return PL08X_HBURST_INCR16;
	default: return PL08X_HBURST_INCR;
	}
}

static uint64_t start(uint32_t src, uint32_t dst, uint32_t ctl)
{
	pl08x_lli it = { .src = src, .dst = dst, .lli = 0, .ctl = ctl };

	cr_assert_eq(tb_program(t, 0, &it, CFG_M2M), PL08X_ACCESS_OK);
	return tb_cycle(t);
}

static void finish(void)
{
	cr_assert(tb_run_until_idle(t, 200000), "transfer did not finish");
	cr_assert_eq(t->violations, 0, "AHB violation: %s", t->violation);
	cr_assert_eq(t->stray, 0, "stray access at 0x%08x", (unsigned)t->stray_addr);
}

static void copy_ok(unsigned sm, uint32_t src, unsigned dm, uint32_t dst, size_t len)
{
	long d = tb_mem_cmp(t, sm, src, dm, dst, len);

	cr_assert_eq(d, -1, "destination differs at byte %ld of %zu", d, len);
}

/*
 * One expected piece: @n beats from log index *@i on master @m, reads or writes (@wr), from
 * @addr by @step bytes, HSIZE @hsize, HBURST @hburst (HTRANS NONSEQ then SEQ for a burst,
 * NONSEQ for one-beat INCRs). When @cycle is not TB_NONE, beat j was accepted at @cycle + j * @gap.
 */
static void expect_op(size_t *i, unsigned m, bool wr, uint32_t addr, unsigned step, unsigned n,
		      uint8_t hsize, uint8_t hburst, uint64_t cycle, unsigned gap, const char *what)
{
	cr_assert_geq(tb_beat_count(t), *i + n, "%s: only %zu beats logged", what, tb_beat_count(t));
	for (unsigned j = 0; j < n; j++) {
		const tb_beat *b = &tb_beats(t)[*i + j];
		uint8_t htrans = (hburst != PL08X_HBURST_INCR && j) ? PL08X_HTRANS_SEQ
								       : PL08X_HTRANS_NONSEQ;

		cr_assert_eq(b->master, m, "%s beat %u: master %u", what, j, b->master);
		cr_assert_eq(b->hwrite, wr, "%s beat %u: HWRITE %d", what, j, b->hwrite);
		cr_assert_eq(b->addr, addr + j * step, "%s beat %u: address 0x%x, expected 0x%x", what, j,
			     (unsigned)b->addr, (unsigned)(addr + j * step));
		cr_assert_eq(b->hsize, hsize, "%s beat %u: HSIZE %u", what, j, b->hsize);
		cr_assert_eq(b->hburst, hburst, "%s beat %u: HBURST %u, expected %u", what, j, b->hburst,
			     hburst);
		cr_assert_eq(b->htrans, htrans, "%s beat %u: HTRANS %u, expected %u", what, j, b->htrans,
			     htrans);
		if (cycle != TB_NONE)
			cr_assert_eq(b->cycle, cycle + (uint64_t)j * gap, "%s beat %u: cycle %llu, expected %llu",
				     what, j, (unsigned long long)b->cycle,
				     (unsigned long long)(cycle + (uint64_t)j * gap));
	}
	*i += n;
}

/* The last write ends its data phase at d = its address cycle + 1: INTTC rises in d + 1 */
static void check_tc(unsigned wb, unsigned bs)
{
	const tb_beat *last = &tb_beats(t)[tb_beat_count(t) - 1];

	cr_assert(last->hwrite);
	cr_assert_eq(last->done_cycle, last->cycle + 1);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, t->rises[TB_EV_INTTC] - 1), last->done_cycle + 1,
		     "width %u burst %s: INTTC", wb, bsize_name[bs]);
}

/*
 * Same width @w (enum pl08x_width) and burst size @bs on both sides, source and destination on
 * AHB1, @n transfers. Pieces are P = min(burst, F) beats, F = 16 bytes / width (the FIFO).
 * Every op is followed by one IDLE (the arbitration for the next op) when the next is ready.
 *  - P == F: the FIFO is full after one read piece. Read piece k at r_k..r_k+P-1 with
 *    r_k = t0 + 2 + k (2P + 3); its last data phase ends at r_k + P, the write piece is
 *    arbitrated then (IDLE r_k + P + 1) and starts at r_k + P + 2.
 *  - P < F: after the first read piece the FIFO does not yet hold a destination burst (its last
 *    beat is still in its data phase) but has room, so a second read piece follows; after it
 *    the destination is ready twice. Groups R R W W of P-beat pieces, each P + 1 cycles apart:
 *    group g starts at t0 + 2 + 4 (P + 1) g. (P = 1 is the same: one-beat INCRs every 2 cycles.)
 */
static void check_same_master(unsigned w, unsigned bs, unsigned n, uint32_t src, uint32_t dst)
{
	unsigned wb = 1u << w, f = 16 / wb;
	unsigned p = bsize_transfers(bs) < f ? bsize_transfers(bs) : f;
	uint32_t ctl = tb_ctl(n, bs, bs, w, w, true, true, true);
	size_t i = tb_beat_count(t);
	uint64_t t0;
	char what[64];

	tb_mem_pattern(t, 0, src, n * wb, 100 + 8 * w + bs);
	t0 = start(src, dst, ctl);
	finish();
	copy_ok(0, src, 0, dst, n * wb);
	cr_assert_eq(tb_beat_count(t) - i, 2 * n, "width %u burst %s: beats", wb, bsize_name[bs]);
	if (p == f) {
		for (unsigned k = 0; k < n / p; k++) {
			uint64_t r = t0 + 2 + (uint64_t)k * (2 * p + 3);

			snprintf(what, sizeof what, "width %u burst %s read piece %u", wb, bsize_name[bs], k);
			expect_op(&i, 0, false, src + k * p * wb, wb, p, (uint8_t)w, hburst_of(p), r, 1, what);
			snprintf(what, sizeof what, "width %u burst %s write piece %u", wb, bsize_name[bs], k);
			expect_op(&i, 0, true, dst + k * p * wb, wb, p, (uint8_t)w, hburst_of(p), r + p + 2, 1,
				  what);
		}
	} else {
		for (unsigned g = 0; g < n / (2 * p); g++) {
			uint64_t base = t0 + 2 + (uint64_t)g * 4 * (p + 1);

			for (unsigned k = 0; k < 2; k++) {
				snprintf(what, sizeof what, "width %u burst %s group %u read %u", wb,
					 bsize_name[bs], g, k);
				expect_op(&i, 0, false, src + (2 * g + k) * p * wb, wb, p, (uint8_t)w, hburst_of(p),
					  base + k * (p + 1), 1, what);
			}
			for (unsigned k = 0; k < 2; k++) {
				snprintf(what, sizeof what, "width %u burst %s group %u write %u", wb,
					 bsize_name[bs], g, k);
				expect_op(&i, 0, true, dst + (2 * g + k) * p * wb, wb, p, (uint8_t)w, hburst_of(p),
					  base + (2 + k) * (p + 1), 1, what);
			}
		}
	}
	check_tc(wb, bs);
}

/* ---- every burst size on every width, exact cycles (one master) ---------------------------- */

Test(bursts, every_burst_size_on_words_gives_incr4_pieces_or_singles_at_exact_cycles)
{
	for (unsigned bs = 0; bs < 8; bs++) {
		check_same_master(PL08X_WIDTH_32, bs, 16, SRC + 0x400 * bs, DST + 0x400 * bs);
		tb_wr(t, PL08X_INT_TC_CLEAR, 1);
	}
}

Test(bursts, every_burst_size_on_halfwords_gives_incr4_incr8_pieces_or_singles_at_exact_cycles)
{
	for (unsigned bs = 0; bs < 8; bs++) {
		check_same_master(PL08X_WIDTH_16, bs, 32, SRC + 0x400 * bs, DST + 0x400 * bs);
		tb_wr(t, PL08X_INT_TC_CLEAR, 1);
	}
}

Test(bursts, every_burst_size_on_bytes_gives_incr4_incr8_incr16_pieces_or_singles_at_exact_cycles)
{
	for (unsigned bs = 0; bs < 8; bs++) {
		check_same_master(PL08X_WIDTH_8, bs, 64, SRC + 0x400 * bs, DST + 0x400 * bs);
		tb_wr(t, PL08X_INT_TC_CLEAR, 1);
	}
}

Test(bursts, words_burst_4_on_one_master_take_11_cycles_per_4_words_and_raise_tc_at_t_plus_46)
{
	uint32_t ctl = tb_ctl(16, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_32,
			      true, true, true) | TB_CTL(S, 1) | TB_CTL(D, 1);
	size_t i = 0;
	uint64_t t0;

	tb_mem_pattern(t, 1, SRC, 64, 1);
	t0 = start(SRC, DST, ctl);
	finish();
	copy_ok(1, SRC, 1, DST, 64);
	for (unsigned k = 0; k < 4; k++) {
		expect_op(&i, 1, false, SRC + 16 * k, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4,
			  t0 + 2 + 11 * k, 1, "read");
		expect_op(&i, 1, true, DST + 16 * k, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4,
			  t0 + 8 + 11 * k, 1, "write");
	}
	/* last write: address t0 + 41 + 3 = t0 + 44, data phase ends t0 + 45, INTTC in t0 + 46 */
	cr_assert_eq(tb_beats(t)[31].done_cycle, t0 + 45);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), t0 + 46);
}

/* ---- burst structure across the two masters ------------------------------------------------ */

Test(bursts, words_burst_4_sixteen_words_alternate_incr4_reads_on_ahb1_and_incr4_writes_on_ahb2)
{
	uint32_t ctl = tb_ctl(16, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_32,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;
	uint64_t t0;

	tb_mem_pattern(t, 0, SRC, 64, 2);
	t0 = start(SRC, DST, ctl);
	finish();
	copy_ok(0, SRC, 1, DST, 64);
	cr_assert_eq(tb_beat_count(t), 32);
	for (unsigned k = 0; k < 4; k++) {
		expect_op(&i, 0, false, SRC + 16 * k, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4,
			  k ? TB_NONE : t0 + 2, 1, "read");
		expect_op(&i, 1, true, DST + 16 * k, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4,
			  k ? TB_NONE : t0 + 8, 1, "write");
	}
}

Test(bursts, bytes_burst_16_move_as_incr16_reads_and_incr16_writes)
{
	uint32_t ctl = tb_ctl(48, PL08X_BSIZE_16, PL08X_BSIZE_16, PL08X_WIDTH_8, PL08X_WIDTH_8,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, SRC, 48, 3);
	start(SRC, DST, ctl);
	finish();
	copy_ok(0, SRC, 1, DST, 48);
	cr_assert_eq(tb_beat_count(t), 96);
	for (unsigned k = 0; k < 3; k++) {
		expect_op(&i, 0, false, SRC + 16 * k, 1, 16, PL08X_HSIZE_8, PL08X_HBURST_INCR16, TB_NONE, 1,
			  "read");
		expect_op(&i, 1, true, DST + 16 * k, 1, 16, PL08X_HSIZE_8, PL08X_HBURST_INCR16, TB_NONE, 1,
			  "write");
	}
}

Test(bursts, halfwords_burst_8_move_as_incr8_reads_and_incr8_writes)
{
	uint32_t ctl = tb_ctl(24, PL08X_BSIZE_8, PL08X_BSIZE_8, PL08X_WIDTH_16, PL08X_WIDTH_16,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, SRC, 48, 4);
	start(SRC, DST, ctl);
	finish();
	copy_ok(0, SRC, 1, DST, 48);
	cr_assert_eq(tb_beat_count(t), 48);
	for (unsigned k = 0; k < 3; k++) {
		expect_op(&i, 0, false, SRC + 16 * k, 2, 8, PL08X_HSIZE_16, PL08X_HBURST_INCR8, TB_NONE, 1,
			  "read");
		expect_op(&i, 1, true, DST + 16 * k, 2, 8, PL08X_HSIZE_16, PL08X_HBURST_INCR8, TB_NONE, 1,
			  "write");
	}
}

Test(bursts, burst_size_1_moves_every_transfer_as_a_nonseq_single)
{
	uint32_t ctl = tb_ctl(12, PL08X_BSIZE_1, PL08X_BSIZE_1, PL08X_WIDTH_32, PL08X_WIDTH_32,
			      true, true, false) | TB_CTL(D, 1);

	tb_mem_pattern(t, 0, SRC, 48, 5);
	start(SRC, DST, ctl);
	finish();
	copy_ok(0, SRC, 1, DST, 48);
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 12);
	cr_assert_eq(tb_count_beats(t, 1, TB_WRITE), 12);
	for (size_t i = 0; i < tb_beat_count(t); i++) {
		cr_assert_eq(tb_beats(t)[i].hburst, PL08X_HBURST_INCR, "beat %zu", i);
		cr_assert_eq(tb_beats(t)[i].htrans, PL08X_HTRANS_NONSEQ, "beat %zu", i);
	}
	for (size_t i = 0; i < 12; i++) {
		cr_assert_eq(tb_nth_beat(t, 0, TB_READ, i)->addr, SRC + 4 * i);
		cr_assert_eq(tb_nth_beat(t, 1, TB_WRITE, i)->addr, DST + 4 * i);
	}
}

static void fifo_bound(unsigned bs)
{
	uint32_t ctl = tb_ctl(64, bs, bs, PL08X_WIDTH_32, PL08X_WIDTH_32, true, true, false) |
		       TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, SRC, 256, 6 + bs);
	start(SRC, DST, ctl);
	finish();
	copy_ok(0, SRC, 1, DST, 256);
	cr_assert_eq(tb_beat_count(t), 128);
	for (unsigned k = 0; k < 16; k++) {
		expect_op(&i, 0, false, SRC + 16 * k, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4, TB_NONE, 1,
			  "read");
		expect_op(&i, 1, true, DST + 16 * k, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4, TB_NONE, 1,
			  "write");
	}
}

Test(bursts, word_burst_32_is_cut_into_incr4_pieces_by_the_fifo)
{
	fifo_bound(PL08X_BSIZE_32);
}

Test(bursts, word_burst_64_is_cut_into_incr4_pieces_by_the_fifo)
{
	fifo_bound(PL08X_BSIZE_64);
}

Test(bursts, word_burst_128_is_cut_into_incr4_pieces_by_the_fifo)
{
	fifo_bound(PL08X_BSIZE_128);
}

Test(bursts, word_burst_256_is_cut_into_incr4_pieces_by_the_fifo)
{
	fifo_bound(PL08X_BSIZE_256);
}

Test(bursts, arm_example_15_words_at_burst_4_read_as_three_incr4_and_three_singles)
{
	uint32_t ctl = tb_ctl(15, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_32,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, SRC, 60, 7);
	start(SRC, DST, ctl);
	finish();
	copy_ok(0, SRC, 1, DST, 60);
	cr_assert_eq(tb_beat_count(t), 30);
	for (unsigned k = 0; k < 3; k++) {
		expect_op(&i, 0, false, SRC + 16 * k, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4, TB_NONE, 1,
			  "read");
		expect_op(&i, 1, true, DST + 16 * k, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4, TB_NONE, 1,
			  "write");
	}
	expect_op(&i, 0, false, SRC + 48, 4, 3, PL08X_HSIZE_32, PL08X_HBURST_INCR, TB_NONE, 1,
		  "last reads");
	expect_op(&i, 1, true, DST + 48, 4, 3, PL08X_HSIZE_32, PL08X_HBURST_INCR, TB_NONE, 1,
		  "last writes");
}

/* ---- different source and destination burst sizes ----------------------------------------- */

Test(bursts, byte_sbsize_4_dbsize_16_reads_four_incr4_then_writes_one_incr16)
{
	uint32_t ctl = tb_ctl(32, PL08X_BSIZE_4, PL08X_BSIZE_16, PL08X_WIDTH_8, PL08X_WIDTH_8,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, SRC, 32, 8);
	start(SRC, DST, ctl);
	finish();
	copy_ok(0, SRC, 1, DST, 32);
	cr_assert_eq(tb_beat_count(t), 64);
	for (unsigned k = 0; k < 2; k++) {
		for (unsigned r = 0; r < 4; r++)
			expect_op(&i, 0, false, SRC + 16 * k + 4 * r, 1, 4, PL08X_HSIZE_8, PL08X_HBURST_INCR4,
				  TB_NONE, 1, "read");
		expect_op(&i, 1, true, DST + 16 * k, 1, 16, PL08X_HSIZE_8, PL08X_HBURST_INCR16, TB_NONE, 1,
			  "write");
	}
}

Test(bursts, byte_sbsize_16_dbsize_4_reads_one_incr16_then_writes_four_incr4)
{
	uint32_t ctl = tb_ctl(32, PL08X_BSIZE_16, PL08X_BSIZE_4, PL08X_WIDTH_8, PL08X_WIDTH_8,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, SRC, 32, 9);
	start(SRC, DST, ctl);
	finish();
	copy_ok(0, SRC, 1, DST, 32);
	cr_assert_eq(tb_beat_count(t), 64);
	for (unsigned k = 0; k < 2; k++) {
		expect_op(&i, 0, false, SRC + 16 * k, 1, 16, PL08X_HSIZE_8, PL08X_HBURST_INCR16, TB_NONE, 1,
			  "read");
		for (unsigned w = 0; w < 4; w++)
			expect_op(&i, 1, true, DST + 16 * k + 4 * w, 1, 4, PL08X_HSIZE_8, PL08X_HBURST_INCR4,
				  TB_NONE, 1, "write");
	}
}

Test(bursts, bytes_burst_16_into_words_burst_4_read_incr16_and_write_incr4)
{
	uint32_t ctl = tb_ctl(32, PL08X_BSIZE_16, PL08X_BSIZE_4, PL08X_WIDTH_8, PL08X_WIDTH_32,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, SRC, 32, 10);
	start(SRC, DST, ctl);
	finish();
	copy_ok(0, SRC, 1, DST, 32);
	cr_assert_eq(tb_beat_count(t), 32 + 8);
	for (unsigned k = 0; k < 2; k++) {
		expect_op(&i, 0, false, SRC + 16 * k, 1, 16, PL08X_HSIZE_8, PL08X_HBURST_INCR16, TB_NONE, 1,
			  "read");
		expect_op(&i, 1, true, DST + 16 * k, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4, TB_NONE, 1,
			  "write");
	}
}

Test(bursts, words_burst_4_into_bytes_burst_16_read_incr4_and_write_incr16)
{
	uint32_t ctl = tb_ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_16, PL08X_WIDTH_32, PL08X_WIDTH_8,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, SRC, 32, 11);
	start(SRC, DST, ctl);
	finish();
	copy_ok(0, SRC, 1, DST, 32);
	cr_assert_eq(tb_beat_count(t), 8 + 32);
	for (unsigned k = 0; k < 2; k++) {
		expect_op(&i, 0, false, SRC + 16 * k, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4, TB_NONE, 1,
			  "read");
		expect_op(&i, 1, true, DST + 16 * k, 1, 16, PL08X_HSIZE_8, PL08X_HBURST_INCR16, TB_NONE, 1,
			  "write");
	}
}

/* ---- the 1 KB boundary --------------------------------------------------------------------- */

/* Every address of [base, base + len) appears exactly once among the beats of @m/@dir */
static void covers_once(unsigned m, enum tb_dir dir, uint32_t base, unsigned len, unsigned step)
{
	size_t n = tb_count_beats(t, m, dir);

	cr_assert_eq(n, len / step, "beats");
	for (size_t k = 0; k < n; k++)
		cr_assert_eq(tb_nth_beat(t, m, dir, k)->addr, base + step * k, "beat %zu address 0x%x", k,
			     (unsigned)tb_nth_beat(t, m, dir, k)->addr);
}

Test(bursts, word_source_from_0x3f8_at_burst_4_is_split_at_0x400_into_singles)
{
	uint32_t ctl = tb_ctl(12, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_32,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, 0x3F8, 48, 12);
	start(0x3F8, DST, ctl);
	finish();
	copy_ok(0, 0x3F8, 1, DST, 48);
	covers_once(0, TB_READ, 0x3F8, 48, 4);
	covers_once(1, TB_WRITE, DST, 48, 4);
	/* the first DMA burst of 4: two one-beat INCRs up to the boundary, two after it */
	expect_op(&i, 0, false, 0x3F8, 4, 2, PL08X_HSIZE_32, PL08X_HBURST_INCR, TB_NONE, 1, "below 1K");
	expect_op(&i, 0, false, 0x400, 4, 2, PL08X_HSIZE_32, PL08X_HBURST_INCR, TB_NONE, 1, "above 1K");
	expect_op(&i, 1, true, DST, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4, TB_NONE, 1, "write");
	expect_op(&i, 0, false, 0x408, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4, TB_NONE, 1, "read");
}

Test(bursts, word_destination_from_0x3f8_at_burst_4_is_split_at_0x400_into_singles)
{
	uint32_t ctl = tb_ctl(12, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_32,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, SRC, 48, 13);
	start(SRC, 0x3F8, ctl);
	finish();
	copy_ok(0, SRC, 1, 0x3F8, 48);
	covers_once(0, TB_READ, SRC, 48, 4);
	covers_once(1, TB_WRITE, 0x3F8, 48, 4);
	expect_op(&i, 0, false, SRC, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4, TB_NONE, 1, "read");
	expect_op(&i, 1, true, 0x3F8, 4, 2, PL08X_HSIZE_32, PL08X_HBURST_INCR, TB_NONE, 1, "below 1K");
	expect_op(&i, 1, true, 0x400, 4, 2, PL08X_HSIZE_32, PL08X_HBURST_INCR, TB_NONE, 1, "above 1K");
}

Test(bursts, byte_source_from_0x3f8_at_burst_16_reads_an_incr8_below_0x400_and_an_incr8_above)
{
	uint32_t ctl = tb_ctl(32, PL08X_BSIZE_16, PL08X_BSIZE_16, PL08X_WIDTH_8, PL08X_WIDTH_8,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, 0x3F8, 32, 14);
	start(0x3F8, DST, ctl);
	finish();
	copy_ok(0, 0x3F8, 1, DST, 32);
	covers_once(0, TB_READ, 0x3F8, 32, 1);
	expect_op(&i, 0, false, 0x3F8, 1, 8, PL08X_HSIZE_8, PL08X_HBURST_INCR8, TB_NONE, 1, "below 1K");
	expect_op(&i, 0, false, 0x400, 1, 8, PL08X_HSIZE_8, PL08X_HBURST_INCR8, TB_NONE, 1, "above 1K");
	expect_op(&i, 1, true, DST, 1, 16, PL08X_HSIZE_8, PL08X_HBURST_INCR16, TB_NONE, 1, "write");
	expect_op(&i, 0, false, 0x408, 1, 16, PL08X_HSIZE_8, PL08X_HBURST_INCR16, TB_NONE, 1, "read");
}

Test(bursts, byte_source_from_0x3fa_at_burst_16_reads_6_singles_below_0x400_and_10_singles_above)
{
	uint32_t ctl = tb_ctl(32, PL08X_BSIZE_16, PL08X_BSIZE_16, PL08X_WIDTH_8, PL08X_WIDTH_8,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, 0x3FA, 32, 17);
	start(0x3FA, DST, ctl);
	finish();
	copy_ok(0, 0x3FA, 1, DST, 32);
	covers_once(0, TB_READ, 0x3FA, 32, 1);
	/* 6 beats fit below the boundary; the rest of the DMA burst (10) is no AHB burst length */
	expect_op(&i, 0, false, 0x3FA, 1, 6, PL08X_HSIZE_8, PL08X_HBURST_INCR, TB_NONE, 1, "below 1K");
	expect_op(&i, 0, false, 0x400, 1, 10, PL08X_HSIZE_8, PL08X_HBURST_INCR, TB_NONE, 1, "above 1K");
	expect_op(&i, 1, true, DST, 1, 16, PL08X_HSIZE_8, PL08X_HBURST_INCR16, TB_NONE, 1, "write");
	expect_op(&i, 0, false, 0x40A, 1, 16, PL08X_HSIZE_8, PL08X_HBURST_INCR16, TB_NONE, 1, "read");
}

Test(bursts, word_burst_ending_exactly_at_0x400_stays_an_incr4)
{
	uint32_t ctl = tb_ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_32,
			      true, true, false) | TB_CTL(D, 1);
	size_t i = 0;

	tb_mem_pattern(t, 0, 0x3F0, 32, 15);
	start(0x3F0, DST, ctl);
	finish();
	copy_ok(0, 0x3F0, 1, DST, 32);
	expect_op(&i, 0, false, 0x3F0, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4, TB_NONE, 1, "read 1");
	expect_op(&i, 1, true, DST, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4, TB_NONE, 1, "write 1");
	expect_op(&i, 0, false, 0x400, 4, 4, PL08X_HSIZE_32, PL08X_HBURST_INCR4, TB_NONE, 1, "read 2");
}

/* ---- exact cycles of an INCR16 byte burst with wait states --------------------------------- */

/*
 * 16 bytes, burst 16, source on AHB1 and destination on AHB2, W wait states on both: the reads
 * are accepted at t0 + 2 + k (W + 1); the last ends its data phase W + 1 cycles after its address
 * phase, the writes are arbitrated then (one IDLE) and start 2 cycles later, again W + 1 apart;
 * the TC interrupt follows the end of the last write's data phase by one cycle.
 */
static void incr16_cycles(unsigned w)
{
	uint32_t ctl = tb_ctl(16, PL08X_BSIZE_16, PL08X_BSIZE_16, PL08X_WIDTH_8, PL08X_WIDTH_8,
			      true, true, true) | TB_CTL(D, 1);
	uint64_t t0, last_read, first_write, last_done;
	size_t i = 0;

	t->mems[0].waits.fixed = w;
	t->mems[1].waits.fixed = w;
	tb_mem_pattern(t, 0, SRC, 16, 16 + w);
	t0 = start(SRC, DST, ctl);
	finish();
	copy_ok(0, SRC, 1, DST, 16);
	last_read = t0 + 2 + 15 * (w + 1);
	first_write = last_read + (w + 1) + 2;
	last_done = first_write + 15 * (w + 1) + (w + 1);
	expect_op(&i, 0, false, SRC, 1, 16, PL08X_HSIZE_8, PL08X_HBURST_INCR16, t0 + 2, w + 1, "read");
	cr_assert_eq(tb_beats(t)[15].done_cycle, last_read + w + 1);
	expect_op(&i, 1, true, DST, 1, 16, PL08X_HSIZE_8, PL08X_HBURST_INCR16, first_write, w + 1,
		  "write");
	cr_assert_eq(tb_beats(t)[31].done_cycle, last_done);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), last_done + 1);
}

Test(bursts, incr16_byte_burst_with_0_wait_states_reads_at_t_plus_2_to_17_and_writes_at_20_to_35)
{
	incr16_cycles(0);
}

Test(bursts, incr16_byte_burst_with_2_wait_states_reads_every_3_cycles_from_t_plus_2_and_writes_from_52)
{
	incr16_cycles(2);
}
