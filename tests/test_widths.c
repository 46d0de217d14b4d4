/* Memory-to-memory data path (FlowCntrl 0) on a PL080 with a memory on each master: width
 * packing and unpacking through the FIFO, the tail of a transfer that is not a multiple of the
 * destination width, TransferSize in source units, fixed addresses, big-endian masters, and the
 * HPROT/HLOCK pins. Rules: docs/timing-model.md and the test writers' brief.
 */
#include <criterion/criterion.h>

#include <string.h>

#include "tb.h"

#define MEM_SIZE 0x20000u
#define SRC      0x1000u     /* source buffer on AHB1 */
#define DST      0x2000u     /* destination buffer on AHB2 */
#define GUARD    16u         /* bytes after the destination that must stay untouched */
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

TestSuite(widths, .init = setup, .fini = teardown, .timeout = 10);

/* ---- helpers ------------------------------------------------------------------------------ */

/* Channel 0, memory to memory under DMAC flow control, interrupts unmasked */
static const uint32_t CFG_M2M = TB_CFG_M2M;

static unsigned wbytes(unsigned w)
{
	return 1u << w;
}

/* Program channel 0 and enable it; returns the cycle of the enabling write */
static uint64_t start(uint32_t src, uint32_t dst, uint32_t ctl, uint32_t cfg_extra)
{
	pl08x_lli it = { .src = src, .dst = dst, .lli = 0, .ctl = ctl };

	cr_assert_eq(tb_program(t, 0, &it, CFG_M2M | cfg_extra), PL08X_ACCESS_OK);
	return tb_cycle(t);
}

static void finish(void)
{
	cr_assert(tb_run_until_idle(t, 200000), "transfer did not finish");
	cr_assert_eq(t->violations, 0, "AHB violation: %s", t->violation);
	cr_assert_eq(t->stray, 0, "stray access at 0x%08x", (unsigned)t->stray_addr);
}

/* The destination [dst, dst + len) equals the source; the GUARD bytes after it are intact */
static void check_copy(unsigned sm, uint32_t src, unsigned dm, uint32_t dst, size_t len)
{
	long d = tb_mem_cmp(t, sm, src, dm, dst, len);

	cr_assert_eq(d, -1, "destination differs at byte %ld of %zu", d, len);
	for (uint32_t i = 0; i < GUARD; i++)
		cr_assert_eq(tb_rd8(t, dm, dst + (uint32_t)len + i), SENTINEL,
			     "byte %u after the destination was written", (unsigned)i);
}

static void prepare(unsigned sm, uint32_t src, unsigned dm, uint32_t dst, size_t len, uint32_t seed)
{
	tb_mem_pattern(t, sm, src, len, seed);
	tb_mem_fill(t, dm, dst, len + GUARD, SENTINEL);
}

/* Copy @total bytes from AHB1 to AHB2 with the given widths; check data and sizes */
static void copy_widths(unsigned sw, unsigned dw, unsigned total)
{
	unsigned ts = total / wbytes(sw);
	uint32_t ctl = tb_ctl(ts, PL08X_BSIZE_4, PL08X_BSIZE_4, sw, dw, true, true, false) |
		       TB_CTL(S, 0) | TB_CTL(D, 1);

	prepare(0, SRC, 1, DST, total, sw * 3 + dw);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, total);

	cr_assert_eq(tb_count_beats(t, 0, TB_READ), ts, "source reads");
	cr_assert_eq(tb_count_beats(t, 0, TB_WRITE), 0);
	cr_assert_eq(tb_count_beats(t, 1, TB_READ), 0);
	cr_assert_eq(tb_count_beats(t, 1, TB_WRITE), total / wbytes(dw), "destination writes");
	for (size_t i = 0; i < ts; i++) {
		const tb_beat *b = tb_nth_beat(t, 0, TB_READ, i);

		cr_assert_eq(b->hsize, sw, "read %zu HSIZE", i);
		cr_assert_eq(b->addr, SRC + i * wbytes(sw), "read %zu address", i);
	}
	for (size_t i = 0; i < total / wbytes(dw); i++) {
		const tb_beat *b = tb_nth_beat(t, 1, TB_WRITE, i);

		cr_assert_eq(b->hsize, dw, "write %zu HSIZE", i);
		cr_assert_eq(b->addr, DST + i * wbytes(dw), "write %zu address", i);
	}
	/* TransferSize counted down to 0 */
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 0);
}

/* The writes of the transfer, as (address, HSIZE) pairs in order */
static void expect_writes(unsigned m, const uint32_t *addr, const uint8_t *hsize, size_t n)
{
	cr_assert_eq(tb_count_beats(t, m, TB_WRITE), n, "number of writes");
	for (size_t i = 0; i < n; i++) {
		const tb_beat *b = tb_nth_beat(t, m, TB_WRITE, i);

		cr_assert_eq(b->addr, addr[i], "write %zu at 0x%x, expected 0x%x", i, (unsigned)b->addr,
			     (unsigned)addr[i]);
		cr_assert_eq(b->hsize, hsize[i], "write %zu HSIZE %u, expected %u", i, b->hsize, hsize[i]);
	}
}

/* ---- the nine width pairs ------------------------------------------------------------------ */

Test(widths, byte_to_byte_copies_64_bytes_exactly)
{
	copy_widths(PL08X_WIDTH_8, PL08X_WIDTH_8, 64);
}

Test(widths, byte_to_halfword_packs_64_bytes_into_32_halfword_writes)
{
	copy_widths(PL08X_WIDTH_8, PL08X_WIDTH_16, 64);
}

Test(widths, byte_to_word_packs_64_bytes_into_16_word_writes)
{
	copy_widths(PL08X_WIDTH_8, PL08X_WIDTH_32, 64);
}

Test(widths, halfword_to_byte_unpacks_32_halfwords_into_64_byte_writes)
{
	copy_widths(PL08X_WIDTH_16, PL08X_WIDTH_8, 64);
}

Test(widths, halfword_to_halfword_copies_64_bytes_exactly)
{
	copy_widths(PL08X_WIDTH_16, PL08X_WIDTH_16, 64);
}

Test(widths, halfword_to_word_packs_32_halfwords_into_16_word_writes)
{
	copy_widths(PL08X_WIDTH_16, PL08X_WIDTH_32, 64);
}

Test(widths, word_to_byte_unpacks_16_words_into_64_byte_writes)
{
	copy_widths(PL08X_WIDTH_32, PL08X_WIDTH_8, 64);
}

Test(widths, word_to_halfword_unpacks_16_words_into_32_halfword_writes)
{
	copy_widths(PL08X_WIDTH_32, PL08X_WIDTH_16, 64);
}

Test(widths, word_to_word_copies_64_bytes_exactly)
{
	copy_widths(PL08X_WIDTH_32, PL08X_WIDTH_32, 64);
}

/* ---- totals that are not a multiple of the destination width ------------------------------- */

Test(widths, seven_bytes_to_words_end_with_a_word_a_halfword_and_a_byte)
{
	uint32_t ctl = tb_ctl(7, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_8, PL08X_WIDTH_32,
			      true, true, false) | TB_CTL(D, 1);
	const uint32_t addr[] = { DST, DST + 4, DST + 6 };
	const uint8_t hsize[] = { PL08X_HSIZE_32, PL08X_HSIZE_16, PL08X_HSIZE_8 };

	prepare(0, SRC, 1, DST, 7, 11);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, 7);
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 7);
	expect_writes(1, addr, hsize, 3);
}

Test(widths, seven_bytes_to_halfwords_end_with_three_halfwords_and_a_byte)
{
	uint32_t ctl = tb_ctl(7, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_8, PL08X_WIDTH_16,
			      true, true, false) | TB_CTL(D, 1);
	const uint32_t addr[] = { DST, DST + 2, DST + 4, DST + 6 };
	const uint8_t hsize[] = { PL08X_HSIZE_16, PL08X_HSIZE_16, PL08X_HSIZE_16, PL08X_HSIZE_8 };

	prepare(0, SRC, 1, DST, 7, 12);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, 7);
	expect_writes(1, addr, hsize, 4);
}

Test(widths, fifteen_bytes_to_words_end_with_three_words_a_halfword_and_a_byte)
{
	uint32_t ctl = tb_ctl(15, PL08X_BSIZE_16, PL08X_BSIZE_4, PL08X_WIDTH_8, PL08X_WIDTH_32,
			      true, true, false) | TB_CTL(D, 1);
	const uint32_t addr[] = { DST, DST + 4, DST + 8, DST + 12, DST + 14 };
	const uint8_t hsize[] = { PL08X_HSIZE_32, PL08X_HSIZE_32, PL08X_HSIZE_32, PL08X_HSIZE_16,
				  PL08X_HSIZE_8 };

	prepare(0, SRC, 1, DST, 15, 13);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, 15);
	expect_writes(1, addr, hsize, 5);
}

Test(widths, three_halfwords_to_words_end_with_a_word_and_a_halfword)
{
	uint32_t ctl = tb_ctl(3, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_16, PL08X_WIDTH_32,
			      true, true, false) | TB_CTL(D, 1);
	const uint32_t addr[] = { DST, DST + 4 };
	const uint8_t hsize[] = { PL08X_HSIZE_32, PL08X_HSIZE_16 };

	prepare(0, SRC, 1, DST, 6, 14);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, 6);
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 3);
	expect_writes(1, addr, hsize, 2);
}

/* ---- TransferSize counts source transfers -------------------------------------------------- */

Test(widths, transfer_size_3_halfwords_moves_6_bytes_and_no_more)
{
	uint32_t ctl = tb_ctl(3, PL08X_BSIZE_1, PL08X_BSIZE_1, PL08X_WIDTH_16, PL08X_WIDTH_16,
			      true, true, false) | TB_CTL(D, 1);

	prepare(0, SRC, 1, DST, 6, 15);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, 6);
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 3);
	cr_assert_eq(tb_count_beats(t, 1, TB_WRITE), 3);
}

Test(widths, transfer_size_5_words_to_bytes_moves_20_bytes_as_20_byte_writes)
{
	uint32_t ctl = tb_ctl(5, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_8,
			      true, true, false) | TB_CTL(D, 1);

	prepare(0, SRC, 1, DST, 20, 16);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, 20);
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 5);
	cr_assert_eq(tb_count_beats(t, 1, TB_WRITE), 20);
}

Test(widths, transfer_size_9_bytes_to_halfwords_reads_9_bytes_and_writes_5_beats)
{
	uint32_t ctl = tb_ctl(9, PL08X_BSIZE_8, PL08X_BSIZE_8, PL08X_WIDTH_8, PL08X_WIDTH_16,
			      true, true, false) | TB_CTL(D, 1);
	const uint32_t addr[] = { DST, DST + 2, DST + 4, DST + 6, DST + 8 };
	const uint8_t hsize[] = { PL08X_HSIZE_16, PL08X_HSIZE_16, PL08X_HSIZE_16, PL08X_HSIZE_16,
				  PL08X_HSIZE_8 };

	prepare(0, SRC, 1, DST, 9, 17);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, 9);
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 9);
	expect_writes(1, addr, hsize, 5);
}

/* ---- fixed addresses ----------------------------------------------------------------------- */

Test(widths, source_increment_off_reads_every_transfer_at_the_same_address)
{
	uint32_t ctl = tb_ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_32,
			      false, true, false) | TB_CTL(D, 1);
	uint32_t word;

	prepare(0, SRC, 1, DST, 32, 18);
	word = tb_rd32(t, 0, SRC);
	start(SRC, DST, ctl, 0);
	finish();
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 8);
	for (size_t i = 0; i < 8; i++) {
		const tb_beat *b = tb_nth_beat(t, 0, TB_READ, i);

		cr_assert_eq(b->addr, SRC, "read %zu at 0x%x", i, (unsigned)b->addr);
		cr_assert_eq(b->hburst, PL08X_HBURST_INCR, "read %zu of a fixed address is a one-beat INCR", i);
		cr_assert_eq(b->htrans, PL08X_HTRANS_NONSEQ);
		cr_assert_eq(tb_rd32(t, 1, DST + 4 * (uint32_t)i), word, "word %zu", i);
	}
	cr_assert_eq(SRC, tb_ch_rd(t, 0, PL08X_CH_SRC_ADDR), "SrcAddr must not advance");
	cr_assert_eq(tb_rd8(t, 1, DST + 32), SENTINEL);
}

Test(widths, destination_increment_off_writes_every_transfer_at_the_same_address_and_last_wins)
{
	uint32_t ctl = tb_ctl(6, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_32,
			      true, false, false) | TB_CTL(D, 1);

	prepare(0, SRC, 1, DST, 24, 19);
	start(SRC, DST, ctl, 0);
	finish();
	cr_assert_eq(tb_count_beats(t, 1, TB_WRITE), 6);
	for (size_t i = 0; i < 6; i++) {
		const tb_beat *b = tb_nth_beat(t, 1, TB_WRITE, i);

		cr_assert_eq(b->addr, DST, "write %zu at 0x%x", i, (unsigned)b->addr);
		cr_assert_eq(b->hburst, PL08X_HBURST_INCR, "write %zu of a fixed address is a one-beat INCR", i);
		cr_assert_eq(b->htrans, PL08X_HTRANS_NONSEQ);
		cr_assert_eq(b->data, tb_rd32(t, 0, SRC + 4 * (uint32_t)i), "HWDATA of write %zu", i);
	}
	cr_assert_eq(tb_mem_cmp(t, 0, SRC + 20, 1, DST, 4), -1, "the last word must win");
	cr_assert_eq(tb_rd8(t, 1, DST + 4), SENTINEL, "nothing written past the fixed word");
	cr_assert_eq(DST, tb_ch_rd(t, 0, PL08X_CH_DEST_ADDR), "DestAddr must not advance");
}

Test(widths, fixed_byte_source_to_fixed_word_destination_packs_four_reads_per_write)
{
	uint32_t ctl = tb_ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_1, PL08X_WIDTH_8, PL08X_WIDTH_32,
			      false, false, false) | TB_CTL(D, 1);
	uint8_t b0 = 0x11;

	tb_mem_write(t, 0, SRC, &b0, 1);
	tb_mem_fill(t, 1, DST, 4 + GUARD, SENTINEL);
	start(SRC, DST, ctl, 0);
	finish();
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 8);
	cr_assert_eq(tb_count_beats(t, 1, TB_WRITE), 2);
	for (size_t i = 0; i < 2; i++) {
		const tb_beat *b = tb_nth_beat(t, 1, TB_WRITE, i);

		cr_assert_eq(b->addr, DST);
		cr_assert_eq(b->data, 0x11111111u, "write %zu data 0x%08x", i, (unsigned)b->data);
	}
	cr_assert_eq(tb_rd8(t, 1, DST + 4), SENTINEL);
}

/* ---- endianness ---------------------------------------------------------------------------- */

static void big_endian_setup(bool m1, bool m2, bool src_be, bool dst_be)
{
	t->mems[0].big_endian = src_be;
	t->mems[1].big_endian = dst_be;
	tb_wr(t, PL08X_CONFIG, PL08X_VAL(PL08X_CONFIG_E, 1) | PL08X_VAL(PL08X_CONFIG_M1, m1) |
				       PL08X_VAL(PL08X_CONFIG_M2, m2));
}

Test(widths, big_endian_masters_copy_bytes_to_words_in_address_order)
{
	uint32_t ctl = tb_ctl(32, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_8, PL08X_WIDTH_32,
			      true, true, false) | TB_CTL(D, 1);
	uint8_t b[4];
	const tb_beat *w;

	big_endian_setup(true, true, true, true);
	prepare(0, SRC, 1, DST, 32, 21);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, 32);
	/* BE-32 lanes: the byte at the lowest address travels on HWDATA[31:24] */
	tb_mem_read(t, 0, SRC, b, 4);
	w = tb_nth_beat(t, 1, TB_WRITE, 0);
	cr_assert_eq(w->data, (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3],
		     "HWDATA 0x%08x", (unsigned)w->data);
}

Test(widths, big_endian_masters_copy_words_to_bytes_in_address_order)
{
	uint32_t ctl = tb_ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_8,
			      true, true, false) | TB_CTL(D, 1);
	uint8_t b[4];

	big_endian_setup(true, true, true, true);
	prepare(0, SRC, 1, DST, 32, 22);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, 32);
	/* Each byte write carries its byte on the BE-32 lane of its address */
	tb_mem_read(t, 0, SRC, b, 4);
	for (size_t i = 0; i < 4; i++) {
		const tb_beat *w = tb_nth_beat(t, 1, TB_WRITE, i);

		cr_assert_eq((w->data >> (8 * (3 - i))) & 0xFFu, b[i], "byte write %zu HWDATA 0x%08x", i,
			     (unsigned)w->data);
	}
}

Test(widths, big_endian_source_to_little_endian_destination_keeps_byte_order_word_to_word)
{
	uint32_t ctl = tb_ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_32,
			      true, true, false) | TB_CTL(D, 1);

	big_endian_setup(true, false, true, false);
	prepare(0, SRC, 1, DST, 32, 23);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, 32);
}

Test(widths, big_endian_source_to_little_endian_destination_keeps_byte_order_halfword_to_byte)
{
	uint32_t ctl = tb_ctl(12, PL08X_BSIZE_8, PL08X_BSIZE_16, PL08X_WIDTH_16, PL08X_WIDTH_8,
			      true, true, false) | TB_CTL(D, 1);

	big_endian_setup(true, false, true, false);
	prepare(0, SRC, 1, DST, 24, 24);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, 24);
}

/* ---- HPROT and HLOCK ----------------------------------------------------------------------- */

Test(widths, hprot_follows_prot_for_each_of_the_8_values_on_every_beat)
{
	for (unsigned prot = 0; prot < 8; prot++) {
		uint32_t src = SRC + 0x100 * prot, dst = DST + 0x100 * prot;
		uint32_t ctl = tb_ctl(6, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_16, PL08X_WIDTH_32,
				      true, true, false) | TB_CTL(D, 1) | TB_CTL(PROT, prot);
		size_t first = tb_beat_count(t);
		uint8_t want = (uint8_t)(PL08X_HPROT_DATA | prot << 1);

		prepare(0, src, 1, dst, 12, 30 + prot);
		start(src, dst, ctl, 0);
		finish();
		check_copy(0, src, 1, dst, 12);
		cr_assert_eq(tb_beat_count(t) - first, 6 + 3, "Prot %u: beats", prot);
		for (size_t i = first; i < tb_beat_count(t); i++)
			cr_assert_eq(tb_beats(t)[i].hprot, want, "Prot %u: beat %zu HPROT 0x%x, expected 0x%x",
				     prot, i - first, tb_beats(t)[i].hprot, want);
	}
}

Test(widths, hlock_is_high_on_every_beat_of_a_locked_channel)
{
	uint32_t ctl = tb_ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_16,
			      true, true, false) | TB_CTL(D, 1);

	prepare(0, SRC, 1, DST, 32, 40);
	start(SRC, DST, ctl, TB_CCFG(L, 1));
	finish();
	check_copy(0, SRC, 1, DST, 32);
	cr_assert_eq(tb_beat_count(t), 8 + 16);
	for (size_t i = 0; i < tb_beat_count(t); i++)
		cr_assert(tb_beats(t)[i].hlock, "beat %zu without HLOCK", i);
}

Test(widths, hlock_is_low_on_every_beat_of_an_unlocked_channel)
{
	uint32_t ctl = tb_ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, PL08X_WIDTH_32, PL08X_WIDTH_16,
			      true, true, false) | TB_CTL(D, 1);

	prepare(0, SRC, 1, DST, 32, 41);
	start(SRC, DST, ctl, 0);
	finish();
	check_copy(0, SRC, 1, DST, 32);
	cr_assert_eq(tb_beat_count(t), 8 + 16);
	for (size_t i = 0; i < tb_beat_count(t); i++)
		cr_assert(!tb_beats(t)[i].hlock, "beat %zu with HLOCK", i);
}
