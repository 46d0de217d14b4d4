/* Channel arbitration (TRM 3.2; ARM knowledge article on PL080 arbitration; docs/timing-model.md
 * "Arbitration").
 *
 * One arbiter per master, fixed priority, channel 0 highest. An operation (a run of
 * back-to-back beats of one channel) is never interrupted; a master re-arbitrates when it has no
 * operation, the arbitration cycle being IDLE. A channel 0..5 in the middle of a DMA burst
 * keeps the master until the burst ends; channels 6 and 7 give it up after each FIFO-sized piece
 * when a higher-priority channel wants it. A channel runs one operation at a time, and a write
 * piece starts only after the last read's data phase ended.
 *
 * Channel n copies SRC(n) -> DST(n), 0x100 bytes apart; word widths throughout.
 */
#include <criterion/criterion.h>

#include "tb.h"

#define SRC(n) (0x1000u + 0x100u * (n))
#define DST(n) (0x8000u + 0x100u * (n))
#define AHB1 0u
#define AHB2 1u
#define B8   PL08X_WIDTH_8
#define B32  PL08X_WIDTH_32
#define BS4  PL08X_BSIZE_4
#define BS16 PL08X_BSIZE_16

#define CFG_RUN (TB_CCFG(E, 1) | TB_CCFG(ITC, 1) | TB_CCFG(IE, 1))

static tb *t;

static void setup(void)
{
	t = tb_create(PL08X_VARIANT_PL080);
	cr_assert_not_null(t, "tb_create failed");
	for (unsigned m = AHB1; m <= AHB2; m++) {
		tb_add_mem(t, m, 0x0000, 0x10000, 0);
		tb_mem_pattern(t, m, SRC(0), 0x800, 0x500 + m);
	}
	tb_wr(t, PL08X_CONFIG, 1);
}

static void teardown(void)
{
	tb_destroy(t);
	t = NULL;
}

TestSuite(priority, .init = setup, .fini = teardown, .timeout = 10);

/* Word copy of @ts transfers, bursts @sb/@db, source on @s, destination on @d, I = 1 */
static uint32_t ctl_words(unsigned ts, unsigned sb, unsigned db, unsigned s, unsigned d)
{
	return tb_ctl(ts, sb, db, B32, B32, true, true, true) | TB_CTL(S, s) | TB_CTL(D, d);
}

static void start(unsigned ch, uint32_t ctl)
{
	cr_assert_eq(tb_program(t, ch, &(pl08x_lli){ SRC(ch), DST(ch), 0, ctl }, CFG_RUN),
		     PL08X_ACCESS_OK);
}

static void run_to(uint64_t c)
{
	cr_assert_leq(tb_cycle(t), c);
	tb_run(t, c - tb_cycle(t));
}

/* The beat accepted on master @m in cycle @cycle */
static const tb_beat *beat_at(unsigned m, uint64_t cycle)
{
	for (size_t i = 0; i < tb_beat_count(t); i++)
		if (tb_beats(t)[i].master == m && tb_beats(t)[i].cycle == cycle)
			return &tb_beats(t)[i];
	return NULL;
}

/* @n word beats on master @m in cycles @cycle.., direction @wr, addresses from @addr */
static void expect_piece(unsigned m, uint64_t cycle, unsigned n, bool wr, uint32_t addr)
{
	for (unsigned i = 0; i < n; i++) {
		const tb_beat *b = beat_at(m, cycle + i);

		cr_assert_not_null(b, "no beat on AHB%u in cycle %llu (expected %s 0x%x)", m + 1,
				   (unsigned long long)(cycle + i), wr ? "write" : "read", addr + 4 * i);
		cr_assert_eq(b->hwrite, wr, "AHB%u cycle %llu: direction", m + 1,
			     (unsigned long long)(cycle + i));
		cr_assert_eq(b->addr, addr + 4 * i, "AHB%u cycle %llu: 0x%x, expected 0x%x", m + 1,
			     (unsigned long long)(cycle + i), b->addr, addr + 4 * i);
	}
}

static void expect_copied(unsigned ch, unsigned m, size_t len)
{
	cr_assert_eq(tb_mem_cmp(t, m, SRC(ch), m, DST(ch), len), -1, "channel %u data", ch);
}

static void expect_clean(void)
{
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->stray, 0);
}

/* ---- Fixed priority ------------------------------------------------------------------------ */

/* Channels 0 and 1 (programmed in the order 1, 0) are enabled at 0 on AHB1, 4 words each. Channel
 * 0 wins the first arbitration: reads 2..5. In step 5 channel 0 has nothing to issue (its last
 * read is in flight), so channel 1 reads 7..10; in step 10 channel 0's writes win (12..15), in
 * step 15 channel 1's writes (17..20). TC: channel 0 in step 16, channel 1 in step 21. */
Test(priority, channel_0_wins_and_channel_1_takes_the_gaps_piece_by_piece)
{
	start(1, ctl_words(4, BS4, BS4, AHB1, AHB1));
	start(0, ctl_words(4, BS4, BS4, AHB1, AHB1));
	run_to(16);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	run_to(17);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1u);
	run_to(21);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1u);
	run_to(22);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 3u);
	run_to(100);
	expect_piece(AHB1, 2, 4, false, SRC(0));
	expect_piece(AHB1, 7, 4, false, SRC(1));
	expect_piece(AHB1, 12, 4, true, DST(0));
	expect_piece(AHB1, 17, 4, true, DST(1));
	cr_assert_eq(tb_beat_count(t), 16);
	expect_copied(0, AHB1, 16);
	expect_copied(1, AHB1, 16);
	expect_clean();
}

/* Channel 0 reads 16 words on AHB1 and writes them on AHB2 (bursts of 4); channel 1 copies 4
 * words on AHB1. Channel 0's reads keep their lone schedule (2, 13, 24, 35) while channel 1
 * reads in the gap 7..10 (step 5) and writes in the gap 18..21 (step 16); in step 11 both want
 * AHB1 and channel 0 wins. */
Test(priority, lower_channel_uses_the_gaps_without_delaying_channel_0)
{
	start(0, ctl_words(16, BS4, BS4, AHB1, AHB2));
	start(1, ctl_words(4, BS4, BS4, AHB1, AHB1));
	run_to(200);
	for (unsigned p = 0; p < 4; p++) {
		expect_piece(AHB1, 2 + 11 * p, 4, false, SRC(0) + 16 * p);
		expect_piece(AHB2, 8 + 11 * p, 4, true, DST(0) + 16 * p);
	}
	expect_piece(AHB1, 7, 4, false, SRC(1));
	expect_piece(AHB1, 18, 4, true, DST(1));
	cr_assert_eq(tb_count_beats(t, AHB1, TB_EITHER), 24);
	cr_assert_eq(tb_count_beats(t, AHB2, TB_EITHER), 16);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 23, "channel 1 TC (step 22)");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 3u);
	expect_copied(1, AHB1, 16);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC(0), AHB2, DST(0), 64), -1);
	expect_clean();
}

/* An operation in progress is never interrupted: channel 7's 16-byte INCR16 read (2..17) runs
 * to its end though channel 0 is enabled at 4; channel 0 reads 19..22 (step 17), channel 7
 * writes its INCR16 24..39 (step 22), channel 0 writes 41..44 (step 39). */
Test(priority, running_operation_is_not_preempted)
{
	start(7, tb_ctl(16, BS16, BS16, B8, B8, true, true, true));
	run_to(4);
	start(0, ctl_words(4, BS4, BS4, AHB1, AHB1));
	run_to(200);
	for (unsigned i = 0; i < 16; i++) {
		const tb_beat *b = beat_at(AHB1, 2 + i);
		cr_assert_not_null(b, "channel 7 read %u missing", i);
		cr_assert_eq(b->addr, SRC(7) + i);
		cr_assert_eq(b->hburst, PL08X_HBURST_INCR16);
	}
	expect_piece(AHB1, 19, 4, false, SRC(0));
	cr_assert_eq(beat_at(AHB1, 24)->addr, DST(7));
	cr_assert_eq(beat_at(AHB1, 39)->addr, DST(7) + 15);
	expect_piece(AHB1, 41, 4, true, DST(0));
	cr_assert_eq(tb_beat_count(t), 40);
	expect_copied(7, AHB1, 16);
	expect_copied(0, AHB1, 16);
	expect_clean();
}

/* ---- Burst holding: channels 0..5 keep the master, 6 and 7 do not ------------------------- */

/* Channel @ch copies 16 words from AHB1 to AHB2 in one 16-transfer source burst (SBSize 16, four
 * FIFO-sized pieces); DBSize 4. Alone, it reads on AHB1 at 2, 13, 24, 35 and writes on AHB2 at
 * 8, 19, 30, 41 (4 beats each): between two read pieces the FIFO drains on AHB2 and AHB1 has
 * nothing of this channel to issue. Channel 0 (4 words on AHB1) is enabled at @at. */
static void hold_setup(unsigned ch, uint64_t at)
{
	start(ch, ctl_words(16, BS16, BS4, AHB1, AHB2));
	run_to(at);
	start(0, ctl_words(4, BS4, BS4, AHB1, AHB1));
}

/* Channel 6 or 7: channel 0, enabled at 3, takes AHB1 at the first arbitration after the first
 * piece (step 5): reads 7..10; in step 11 channel 0's writes (ready) beat the channel's second
 * read piece: 13..16; then the channel goes on: reads 18, 29, 40 on AHB1, writes 8, 24, 35, 46
 * on AHB2. */
static void low_channel_gives_up(unsigned ch)
{
	hold_setup(ch, 3);
	run_to(300);
	expect_piece(AHB1, 2, 4, false, SRC(ch));
	expect_piece(AHB1, 7, 4, false, SRC(0));
	expect_piece(AHB1, 13, 4, true, DST(0));
	expect_piece(AHB1, 18, 4, false, SRC(ch) + 16);
	expect_piece(AHB1, 29, 4, false, SRC(ch) + 32);
	expect_piece(AHB1, 40, 4, false, SRC(ch) + 48);
	expect_piece(AHB2, 8, 4, true, DST(ch));
	expect_piece(AHB2, 24, 4, true, DST(ch) + 16);
	expect_piece(AHB2, 35, 4, true, DST(ch) + 32);
	expect_piece(AHB2, 46, 4, true, DST(ch) + 48);
	cr_assert_eq(tb_beat_count(t), 40);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 18, "channel 0 TC (step 17)");
	expect_copied(0, AHB1, 16);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC(ch), AHB2, DST(ch), 64), -1);
	expect_clean();
}

Test(priority, channel_7_gives_up_the_master_after_one_piece_of_its_burst)
{
	low_channel_gives_up(7);
}

Test(priority, channel_6_gives_up_the_master_after_one_piece_of_its_burst)
{
	low_channel_gives_up(6);
}

/* Channel 5 in the same situation keeps AHB1 until its 16-transfer source burst ends (TRM digest:
 * "their current DMA burst completes before re-arbitration"): its four read pieces keep their
 * lone schedule (2, 13, 24, 35..38), channel 0 waits and is arbitrated in step 38: reads
 * 40..43; its writes go after its last read ended (step 44): 46..49. */
Test(priority, channel_5_keeps_the_master_until_its_dma_burst_ends)
{
	hold_setup(5, 3);
	run_to(300);
	for (unsigned p = 0; p < 4; p++) {
		expect_piece(AHB1, 2 + 11 * p, 4, false, SRC(5) + 16 * p);
		expect_piece(AHB2, 8 + 11 * p, 4, true, DST(5) + 16 * p);
	}
	for (size_t i = 0; i < tb_beat_count(t); i++) {
		const tb_beat *b = &tb_beats(t)[i];
		cr_assert(!(b->addr >= SRC(0) && b->addr < SRC(0) + 16 && b->cycle < 40),
			  "channel 0 read 0x%x on AHB%u in cycle %llu, inside channel 5's source burst "
			  "(2..38)", b->addr, b->master + 1, (unsigned long long)b->cycle);
	}
	expect_piece(AHB1, 40, 4, false, SRC(0));
	expect_piece(AHB1, 46, 4, true, DST(0));
	cr_assert_eq(tb_beat_count(t), 40);
	expect_copied(0, AHB1, 16);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC(5), AHB2, DST(5), 64), -1);
	expect_clean();
}

/* Channel 0 enabled at 11, the step in which the channel's second read piece (mid-burst) becomes
 * ready on AHB1: channel 5 wins that arbitration (reads 13..16), channel 7 loses it (channel 0
 * reads 13..16). */
Test(priority, channel_5_mid_burst_wins_an_arbitration_against_channel_0)
{
	hold_setup(5, 11);
	run_to(17);
	expect_piece(AHB1, 13, 4, false, SRC(5) + 16);
}

Test(priority, channel_7_mid_burst_loses_an_arbitration_against_channel_0)
{
	hold_setup(7, 11);
	run_to(17);
	expect_piece(AHB1, 13, 4, false, SRC(0));
}

/* ---- Many channels, two masters ------------------------------------------------------------ */

/* All eight channels copy 4 words on AHB1, enabled at 0. Channels go in pairs (2k, 2k+1), 20
 * cycles a pair from 20k: reads of 2k at +2, reads of 2k+1 at +7, writes of 2k at +12, writes of
 * 2k+1 at +17. The last write (channel 7) is at 80, its data phase ends at 81. */
Test(priority, eight_channels_complete_byte_exactly_in_priority_order)
{
	for (unsigned ch = 8; ch-- > 0;)
		start(ch, ctl_words(4, BS4, BS4, AHB1, AHB1));
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0xFFu);
	cr_assert(tb_run_until_idle(t, 500), "channels still running");
	for (unsigned k = 0; k < 4; k++) {
		uint64_t base = 20 * k;
		expect_piece(AHB1, base + 2, 4, false, SRC(2 * k));
		expect_piece(AHB1, base + 7, 4, false, SRC(2 * k + 1));
		expect_piece(AHB1, base + 12, 4, true, DST(2 * k));
		expect_piece(AHB1, base + 17, 4, true, DST(2 * k + 1));
	}
	cr_assert_eq(tb_beat_count(t), 64);
	cr_assert_eq(tb_beats(t)[63].cycle, 80);
	cr_assert_eq(tb_beats(t)[63].done_cycle, 81);
	for (unsigned ch = 0; ch < 8; ch++)
		expect_copied(ch, AHB1, 16);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0xFFu);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	expect_clean();
}

/* Channel 0 copies on AHB2 from 0 (reads 2..5, writes 8..11); channel 1 copies on AHB1 from 6
 * (reads 8..11, writes 14..17): in cycles 8..11 AHB1 reads for channel 1 while AHB2 writes for
 * channel 0. */
Test(priority, two_masters_serve_two_channels_in_the_same_cycles)
{
	start(0, ctl_words(4, BS4, BS4, AHB2, AHB2));
	run_to(6);
	start(1, ctl_words(4, BS4, BS4, AHB1, AHB1));
	run_to(100);
	expect_piece(AHB2, 2, 4, false, SRC(0));
	expect_piece(AHB2, 8, 4, true, DST(0));
	expect_piece(AHB1, 8, 4, false, SRC(1));
	expect_piece(AHB1, 14, 4, true, DST(1));
	cr_assert_eq(tb_beat_count(t), 16);
	expect_copied(0, AHB2, 16);
	expect_copied(1, AHB1, 16);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 3u);
	expect_clean();
}

/* Channel 0 copies AHB1 -> AHB2 and channel 1 AHB2 -> AHB1, both enabled at 0: each master
 * arbitrates for itself, so both read in 2..5 and both write in 8..11. */
Test(priority, crossed_channels_run_fully_in_parallel_on_the_two_masters)
{
	start(0, ctl_words(4, BS4, BS4, AHB1, AHB2));
	start(1, ctl_words(4, BS4, BS4, AHB2, AHB1));
	cr_assert(tb_run_until_idle(t, 100));
	expect_piece(AHB1, 2, 4, false, SRC(0));
	expect_piece(AHB2, 2, 4, false, SRC(1));
	expect_piece(AHB2, 8, 4, true, DST(0));
	expect_piece(AHB1, 8, 4, true, DST(1));
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 13);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 3u);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC(0), AHB2, DST(0), 16), -1);
	cr_assert_eq(tb_mem_cmp(t, AHB2, SRC(1), AHB1, DST(1), 16), -1);
	expect_clean();
}
