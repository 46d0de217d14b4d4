/* Channel arbitration (TRM 3.2; ARM knowledge article on PL080 arbitration; docs/timing-model.md
 * "Arbitration").
 *
 * One arbiter per master, fixed priority, channel 0 highest. An operation (a run of
 * back-to-back beats of one channel) is never interrupted; a master re-arbitrates when it has no
 * operation, the arbitration cycle being IDLE. A channel runs one operation at a time, and a
 * write piece starts only after the last read's data phase ended.
 *
 * Order inside a step: first every master issues the next beat of its running operation, then
 * the masters without an operation arbitrate. A channel freed by one master's last beat in step
 * s can therefore be picked by the other master in step s (IDLE s+1, NONSEQ s+2), whichever
 * master is numbered first.
 *
 * Burst owner: a channel 0..5 in the middle of a DMA burst that needs more than one piece
 * (memory side: SBSize/DBSize transfers beyond one FIFO; peripheral side: the request being
 * served) becomes the single, global owner when it issues a beat and no other owner exists.
 * Until its burst ends every arbiter serves it first, and the master(s) its unfinished burst
 * runs on stay IDLE for it even while it has nothing ready (read data on the way, a write on the
 * other master). The claim lapses when the owner is halted, disabled, or waits for something
 * outside the DMAC. A memory burst ends when its last transfer's address is issued. Channels 6
 * and 7 never own, so they give the master up after each FIFO-sized piece.
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
#define PA5  0x40000500u   /* data register of the peripheral on line 5 (AHB2) */

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
	cr_assert(tb_run_to(t, c), "already at cycle %llu, wanted %llu",
		  (unsigned long long)tb_cycle(t), (unsigned long long)c);
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

/* Every beat on master @m in cycles @from..@until-1 is channel @ch's (a read in SRC(ch).., a
 * write in DST(ch)..), and there are @n of them */
static void expect_only_channel(unsigned m, uint64_t from, uint64_t until, unsigned ch, size_t n)
{
	size_t seen = 0;

	for (size_t i = 0; i < tb_beat_count(t); i++) {
		const tb_beat *b = &tb_beats(t)[i];
		uint32_t base = b->hwrite ? DST(ch) : SRC(ch);

		if (b->master != m || b->cycle < from || b->cycle >= until)
			continue;
		seen++;
		cr_assert(b->addr >= base && b->addr < base + 0x100,
			  "AHB%u %s 0x%x in cycle %llu: only channel %u may use AHB%u in %llu..%llu",
			  m + 1, b->hwrite ? "write" : "read", b->addr, (unsigned long long)b->cycle, ch,
			  m + 1, (unsigned long long)from, (unsigned long long)until - 1);
	}
	cr_assert_eq(seen, n, "AHB%u in %llu..%llu: %zu beats, expected channel %u's %zu", m + 1,
		     (unsigned long long)from, (unsigned long long)until - 1, seen, ch, n);
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

/* Channel 0 reads 16 words on AHB1 and writes them on AHB2 (bursts of 4, one piece each, so it
 * never owns a master); channel 1 copies 4 words on AHB1. Alone, channel 0 reads at 2+10p and
 * writes at 8+10p: the last read of a piece (a+3) ends its data in step a+4, the write is
 * arbitrated on AHB2 there (IDLE a+5, writes a+6..a+9), and AHB2 issues the last write in step
 * a+8, in which AHB1 already sees the channel free: IDLE a+9, next reads a+10.
 * Channel 1 fills the gaps: step 5, channel 0 waits for read data: channel 1 reads 7..10. Step
 * 10: channel 1 waits for its read data (ends step 11), channel 0 reads 12..15, on time. Step
 * 15: channel 0 waits for read data, channel 1 writes 17..20 (ends 21: TC in step 21, pin in
 * 22). Step 20: channel 0 reads 22..25, on time. So channel 0 keeps its lone schedule. */
Test(priority, lower_channel_uses_the_gaps_without_delaying_channel_0)
{
	start(0, ctl_words(16, BS4, BS4, AHB1, AHB2));
	start(1, ctl_words(4, BS4, BS4, AHB1, AHB1));
	run_to(200);
	for (unsigned p = 0; p < 4; p++) {
		expect_piece(AHB1, 2 + 10 * p, 4, false, SRC(0) + 16 * p);
		expect_piece(AHB2, 8 + 10 * p, 4, true, DST(0) + 16 * p);
	}
	expect_piece(AHB1, 7, 4, false, SRC(1));
	expect_piece(AHB1, 17, 4, true, DST(1));
	cr_assert_eq(tb_count_beats(t, AHB1, TB_EITHER), 24);
	cr_assert_eq(tb_count_beats(t, AHB2, TB_EITHER), 16);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 22, "channel 1 TC (step 21)");
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

/* ---- Burst owner: channels 0..5 keep the masters for a whole DMA burst, 6 and 7 do not ------ */

/* Channel @ch copies 16 words from AHB1 to AHB2 in one 16-transfer source burst (SBSize 16, four
 * FIFO-sized pieces); DBSize 4. Alone, it reads on AHB1 at 2, 12, 22, 32 and writes on AHB2 at
 * 8, 18, 28, 38 (4 beats each): reads a..a+3, last data ends in step a+4, writes arbitrated
 * there on AHB2 (IDLE a+5, a+6..a+9); AHB2 issues the last write in step a+8 and AHB1 sees the
 * channel free in that same step: IDLE a+9, next reads a+10. Between two read pieces AHB1 has
 * nothing of this channel to issue. Channel 0 (4 words on AHB1) is enabled at @at. */
static void hold_setup(unsigned ch, uint64_t at)
{
	start(ch, ctl_words(16, BS16, BS4, AHB1, AHB2));
	run_to(at);
	start(0, ctl_words(4, BS4, BS4, AHB1, AHB1));
}

/* Channel 6 or 7 never owns its burst. Channel 0, enabled at 3, takes AHB1 at the first
 * arbitration after the channel's first piece (step 5, the channel waits for its read data):
 * reads 7..10. Step 6: the channel writes on AHB2, 8..11. Step 10: AHB2 issues that piece's
 * last write, AHB1 arbitrates after it: channel 0 still waits for its read data (ends step 11),
 * so the channel reads its second piece 12..15. Step 15: channel 0's writes (ready since step
 * 11) win: 17..20, ends 21, TC pin 22. The channel writes 18..21 (step 16) and then runs alone:
 * reads 22, 32, writes 28, 38. */
static void low_channel_gives_up(unsigned ch)
{
	hold_setup(ch, 3);
	run_to(300);
	expect_piece(AHB1, 2, 4, false, SRC(ch));
	expect_piece(AHB1, 7, 4, false, SRC(0));
	expect_piece(AHB1, 12, 4, false, SRC(ch) + 16);
	expect_piece(AHB1, 17, 4, true, DST(0));
	expect_piece(AHB1, 22, 4, false, SRC(ch) + 32);
	expect_piece(AHB1, 32, 4, false, SRC(ch) + 48);
	expect_piece(AHB2, 8, 4, true, DST(ch));
	expect_piece(AHB2, 18, 4, true, DST(ch) + 16);
	expect_piece(AHB2, 28, 4, true, DST(ch) + 32);
	expect_piece(AHB2, 38, 4, true, DST(ch) + 48);
	cr_assert_eq(tb_beat_count(t), 40);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 22, "channel 0 TC (step 21)");
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

/* Channel 5 in the same situation owns its 16-transfer source burst from its first beat (cycle
 * 2) to its last read address (cycle 35): AHB1 serves only channel 5 until then, even in the
 * steps in which channel 5 has nothing for AHB1 (steps 5, 15, 25: read data on the way; steps
 * 6..9, 16..19, 26..29: its writes on AHB2), so AHB1 is IDLE there and channel 0, ready since
 * step 3, waits. Channel 5 keeps its lone schedule. Step 35: the burst has ended (its last
 * address was issued in step 34), channel 0 reads 37..40, then writes 43..46 (last read data
 * ends in step 41, IDLE 42). TC: channel 5's last write ends in step 42 (RawIntTCStatus 0x20
 * from 43), channel 0's in step 47 (0x21 from 48). */
Test(priority, channel_5_keeps_the_master_until_its_dma_burst_ends)
{
	hold_setup(5, 3);
	run_to(42);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	run_to(43);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x20u);
	run_to(47);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x20u);
	run_to(48);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x21u);
	run_to(300);
	for (unsigned p = 0; p < 4; p++) {
		expect_piece(AHB1, 2 + 10 * p, 4, false, SRC(5) + 16 * p);
		expect_piece(AHB2, 8 + 10 * p, 4, true, DST(5) + 16 * p);
	}
	expect_only_channel(AHB1, 0, 37, 5, 16);
	expect_piece(AHB1, 37, 4, false, SRC(0));
	expect_piece(AHB1, 43, 4, true, DST(0));
	cr_assert_eq(tb_beat_count(t), 40);
	expect_copied(0, AHB1, 16);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC(5), AHB2, DST(5), 64), -1);
	expect_clean();
}

/* Channel 0 enabled at 10: step 10 is the step in which AHB2 issues the last write of the
 * channel's first piece and AHB1 arbitrates with the channel's second read piece (mid-burst)
 * ready. Channel 5 owns its burst and wins (reads 12..15); channel 7 does not own and loses
 * (channel 0 reads 12..15). */
Test(priority, channel_5_mid_burst_wins_an_arbitration_against_channel_0)
{
	hold_setup(5, 10);
	run_to(16);
	expect_piece(AHB1, 12, 4, false, SRC(5) + 16);
}

Test(priority, channel_7_mid_burst_loses_an_arbitration_against_channel_0)
{
	hold_setup(7, 10);
	run_to(16);
	expect_piece(AHB1, 12, 4, false, SRC(0));
}

/* The owner's claim lapses when it is halted. Channel 5 as above, channel 0 enabled at 3; H := 1
 * written for channel 5 at 13, inside its second read piece (12..15, arbitrated in step 10),
 * which completes. Step 15: channel 5 still has read data on the way and 8 transfers of its
 * burst left, which would keep AHB1 for it, but it is halted: the claim lapses and channel 0
 * reads 17..20 (writes 23..26, ends 27, TC pin 28). Channel 5's FIFO drains on AHB2 (step 16:
 * 18..21) and it issues no read while halted. H := 0 at 40: step 40 arbitrates its third piece,
 * IDLE 41, reads 42..45, writes 48..51, reads 52..55, writes 58..61. */
Test(priority, halting_the_owner_mid_burst_gives_its_master_to_another_channel)
{
	hold_setup(5, 3);
	run_to(13);
	cr_assert_eq(tb_wr(t, PL08X_CH_BASE(5) + PL08X_CH_CONFIG, CFG_RUN | TB_CCFG(H, 1)),
		     PL08X_ACCESS_OK);
	run_to(40);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 5, PL08X_CH_CONTROL), PL08X_CCTL_TS), 8);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 5, PL08X_CH_CONFIG), PL08X_CCFG_A), 0);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0x20u);
	cr_assert_eq(tb_wr(t, PL08X_CH_BASE(5) + PL08X_CH_CONFIG, CFG_RUN), PL08X_ACCESS_OK);
	run_to(300);
	expect_piece(AHB1, 2, 4, false, SRC(5));
	expect_piece(AHB1, 12, 4, false, SRC(5) + 16);
	expect_piece(AHB1, 17, 4, false, SRC(0));
	expect_piece(AHB1, 23, 4, true, DST(0));
	expect_piece(AHB1, 42, 4, false, SRC(5) + 32);
	expect_piece(AHB1, 52, 4, false, SRC(5) + 48);
	expect_piece(AHB2, 8, 4, true, DST(5));
	expect_piece(AHB2, 18, 4, true, DST(5) + 16);
	expect_piece(AHB2, 48, 4, true, DST(5) + 32);
	expect_piece(AHB2, 58, 4, true, DST(5) + 48);
	cr_assert_eq(tb_beat_count(t), 40);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 28, "channel 0 TC (step 27)");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x21u);
	expect_copied(0, AHB1, 16);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC(5), AHB2, DST(5), 64), -1);
	expect_clean();
}

/* The owner's claim lapses when it waits for a peripheral request. Channel 5 copies 16 words
 * from memory (AHB1, one 16-transfer source burst) to the peripheral on line 5 (AHB2, fixed
 * address, FlowCntrl 1, DBSize 4, synchroniser bypassed); channel 0 is enabled at 3. Channel 5
 * prefetches 2..5 and owns its source burst. Step 5: its read data is on the way, so AHB1 stays
 * IDLE for it although channel 0 is ready. Step 6: its FIFO is full and the destination waits
 * for a request: nothing running, nothing in flight, nothing ready: the claim lapses, channel 0
 * reads 8..11 (IDLE 7) and writes 14..17 (ends 18, TC pin 19). BREQ raised at 20, 40, 60, 80
 * (each seen in its step): 4 NONSEQ one-beat INCR writes at r+2..r+5; AHB2 issues the last in step
 * r+4 and AHB1 arbitrates the next prefetch there: reads r+6..r+9 (the last request reads
 * nothing). */
Test(priority, owner_waiting_for_a_peripheral_request_gives_up_its_claim)
{
	tb_periph *p = tb_add_periph(t, 5, AHB2, PA5);

	cr_assert_eq(tb_wr(t, PL08X_SYNC, 1u << 5), PL08X_ACCESS_OK);
	for (unsigned k = 0; k < 4; k++)
		tb_periph_request(p, TB_BREQ, 20 + 20 * k);
	cr_assert_eq(tb_program(t, 5, &(pl08x_lli){ SRC(5), PA5, 0,
				tb_ctl(16, BS16, BS4, B32, B32, true, false, true) | TB_CTL(D, AHB2) },
				CFG_RUN | TB_CCFG(FLOW, PL08X_FLOW_MEM2PER) | TB_CCFG(DEST_PERIPH, 5)),
		     PL08X_ACCESS_OK);
	run_to(3);
	start(0, ctl_words(4, BS4, BS4, AHB1, AHB1));
	run_to(300);
	expect_piece(AHB1, 2, 4, false, SRC(5));
	expect_piece(AHB1, 8, 4, false, SRC(0));
	expect_piece(AHB1, 14, 4, true, DST(0));
	for (unsigned k = 0; k < 4; k++) {
		uint64_t r = 20 + 20 * k;
		for (unsigned i = 0; i < 4; i++) {
			const tb_beat *b = beat_at(AHB2, r + 2 + i);
			cr_assert_not_null(b, "request %u: no write in cycle %llu", k,
					   (unsigned long long)(r + 2 + i));
			cr_assert(b->hwrite && b->addr == PA5 && b->hburst == PL08X_HBURST_INCR &&
				  b->htrans == PL08X_HTRANS_NONSEQ, "request %u: write %u", k, i);
		}
		if (k < 3)
			expect_piece(AHB1, r + 6, 4, false, SRC(5) + 16 * (k + 1));
	}
	cr_assert_eq(tb_beat_count(t), 40);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 19, "channel 0 TC (step 18)");
	cr_assert_eq(p->served, 4);
	cr_assert_eq(p->cap_len, 64);
	uint8_t src[64];
	tb_mem_read(t, AHB1, SRC(5), src, sizeof src);
	cr_assert_arr_eq(p->cap, src, sizeof src);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x21u);
	expect_copied(0, AHB1, 16);
	expect_clean();
}

/* Only one channel owns a burst at a time. Channel 2 copies 16 words on AHB1 (SBSize = DBSize =
 * 16) from 0; channel 3 copies 32 words on AHB2 (one 32-transfer source burst, DBSize 4) from
 * 1; channel 0 (4 words on AHB2) is enabled at 3, channel 1 (4 words on AHB2) at 46.
 * Channel 2 issues first (cycle 2) and owns its burst until its last write address (44): it
 * runs its lone schedule on AHB1, reads 2+11p, writes 8+11p. Channel 3's first beat (cycle 3)
 * finds an owner, so channel 3 does not own: step 6 (channel 3 waits for read data) gives AHB2
 * to channel 0 (reads 8..11); step 11 channel 3 writes (13..16, channel 0 waits for data); step
 * 16 channel 0's writes beat channel 3's ready read (18..21, TC pin 23). Channel 3 then reads
 * 23, 34, writes 29, 40. Step 43: channel 2's burst has ended, its claim lapses; channel 3's
 * next beat (cycle 45) makes it the owner: channel 1, ready from step 46, gets no AHB2 beat at
 * step 48 (channel 3 waits for read data) or at any later point of the burst. Channel 3 reads
 * 45, 56, 67, 78, 89, writes 51, 62, 73, 84. Its last read address (92) ends the burst: step 92
 * gives AHB2 to channel 1 (reads 94..97); step 97 channel 3's write (99..102; channel 1 waits for
 * data), step 102 channel 1's write (104..107). */
Test(priority, only_one_channel_owns_a_burst_at_a_time)
{
	start(2, ctl_words(16, BS16, BS16, AHB1, AHB1));
	run_to(1);
	cr_assert_eq(tb_program(t, 3, &(pl08x_lli){ SRC(3), DST(3), 0,
				ctl_words(32, PL08X_BSIZE_32, BS4, AHB2, AHB2) }, CFG_RUN),
		     PL08X_ACCESS_OK);
	run_to(3);
	start(0, ctl_words(4, BS4, BS4, AHB2, AHB2));
	run_to(46);
	start(1, ctl_words(4, BS4, BS4, AHB2, AHB2));
	run_to(300);
	expect_only_channel(AHB2, 45, 94, 3, 36);
	for (unsigned p = 0; p < 4; p++) {
		expect_piece(AHB1, 2 + 11 * p, 4, false, SRC(2) + 16 * p);
		expect_piece(AHB1, 8 + 11 * p, 4, true, DST(2) + 16 * p);
	}
	expect_piece(AHB2, 3, 4, false, SRC(3));
	expect_piece(AHB2, 8, 4, false, SRC(0));
	expect_piece(AHB2, 13, 4, true, DST(3));
	expect_piece(AHB2, 18, 4, true, DST(0));
	for (unsigned p = 1; p < 8; p++)
		expect_piece(AHB2, 23 + 11 * (p - 1), 4, false, SRC(3) + 16 * p);
	for (unsigned p = 1; p < 7; p++)
		expect_piece(AHB2, 29 + 11 * (p - 1), 4, true, DST(3) + 16 * p);
	expect_piece(AHB2, 94, 4, false, SRC(1));
	expect_piece(AHB2, 99, 4, true, DST(3) + 112);
	expect_piece(AHB2, 104, 4, true, DST(1));
	cr_assert_eq(tb_beat_count(t), 112);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 23, "channel 0 TC (step 22)");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x0Fu);
	for (unsigned ch = 0; ch < 2; ch++)
		expect_copied(ch, AHB2, 16);
	expect_copied(2, AHB1, 64);
	expect_copied(3, AHB2, 128);
	expect_clean();
}

/* A DMA burst that fits in one piece never takes the claim. Channel 0 copies 4 words on AHB2
 * (burst 4: one piece) from 0, reads 2..5, writes 8..11 (TC pin 13). Channel 2 copies 16 words
 * on AHB1 in one 16-transfer burst from 1: its first beat (cycle 3) is issued while channel 0
 * is in its piece, but channel 0 is no owner, so channel 2 owns from cycle 3 to its last write
 * address (45) and runs its lone schedule: reads 3+11p, writes 9+11p. Channel 1 (4 words on
 * AHB1), ready from step 3, gets AHB1 only at step 45: reads 47..50, writes 53..56. */
Test(priority, a_burst_that_fits_in_one_piece_never_takes_the_claim)
{
	start(0, ctl_words(4, BS4, BS4, AHB2, AHB2));
	run_to(1);
	start(2, ctl_words(16, BS16, BS16, AHB1, AHB1));
	run_to(3);
	start(1, ctl_words(4, BS4, BS4, AHB1, AHB1));
	run_to(300);
	expect_only_channel(AHB1, 0, 47, 2, 32);
	expect_piece(AHB2, 2, 4, false, SRC(0));
	expect_piece(AHB2, 8, 4, true, DST(0));
	for (unsigned p = 0; p < 4; p++) {
		expect_piece(AHB1, 3 + 11 * p, 4, false, SRC(2) + 16 * p);
		expect_piece(AHB1, 9 + 11 * p, 4, true, DST(2) + 16 * p);
	}
	expect_piece(AHB1, 47, 4, false, SRC(1));
	expect_piece(AHB1, 53, 4, true, DST(1));
	cr_assert_eq(tb_beat_count(t), 48);
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 13, "channel 0 TC (step 12)");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x07u);
	expect_copied(0, AHB2, 16);
	expect_copied(1, AHB1, 16);
	expect_copied(2, AHB1, 64);
	expect_clean();
}

/* ---- Hand-off between the masters ---------------------------------------------------------- */

/* 16 words from one master to the other, channel 0 alone, in both directions; the cycles must
 * not depend on which master is numbered first. Burst 1: every beat is its own op. Read at a
 * (arbitrated in step a-2); step a: the read's data phase runs and the channel is free, FIFO
 * room left: next read arbitrated, IDLE a+1, read a+2; step a+1: the read data is in, the write
 * is arbitrated on the other master: IDLE a+2, write a+3; that master issues it in step a+2 and
 * the source master, arbitrating after it, sees the channel free: read a+4. Reads 2+2k, writes
 * 5+2k (k < 16): the last write (35) ends in step 36, TC pin 37. Burst 4: reads 2+10p, writes
 * 8+10p (see hold_setup), the last write (41) ends in step 42, TC pin 43. */
static void cross_copy(unsigned src_m, unsigned dst_m, unsigned bsize)
{
	tb_destroy(t);
	setup();
	start(0, ctl_words(16, bsize, bsize, src_m, dst_m));
	run_to(200);
	if (bsize == PL08X_BSIZE_1) {
		for (unsigned k = 0; k < 16; k++) {
			const tb_beat *r = beat_at(src_m, 2 + 2 * k), *w = beat_at(dst_m, 5 + 2 * k);
			cr_assert_not_null(r, "AHB%u -> AHB%u: read %u missing", src_m + 1, dst_m + 1, k);
			cr_assert_not_null(w, "AHB%u -> AHB%u: write %u missing", src_m + 1, dst_m + 1, k);
			cr_assert(!r->hwrite && r->addr == SRC(0) + 4 * k && r->hburst == PL08X_HBURST_INCR);
			cr_assert(w->hwrite && w->addr == DST(0) + 4 * k && w->hburst == PL08X_HBURST_INCR);
		}
		cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 37, "AHB%u -> AHB%u, burst 1", src_m + 1,
			     dst_m + 1);
	} else {
		for (unsigned p = 0; p < 4; p++) {
			expect_piece(src_m, 2 + 10 * p, 4, false, SRC(0) + 16 * p);
			expect_piece(dst_m, 8 + 10 * p, 4, true, DST(0) + 16 * p);
		}
		cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 43, "AHB%u -> AHB%u, burst 4", src_m + 1,
			     dst_m + 1);
	}
	cr_assert_eq(tb_beat_count(t), 32);
	cr_assert_eq(tb_count_beats(t, src_m, TB_READ), 16);
	cr_assert_eq(tb_count_beats(t, dst_m, TB_WRITE), 16);
	cr_assert_eq(tb_mem_cmp(t, src_m, SRC(0), dst_m, DST(0), 64), -1);
	expect_clean();
}

Test(priority, memcpy_across_the_masters_takes_the_same_cycles_in_both_directions)
{
	cross_copy(AHB1, AHB2, PL08X_BSIZE_1);
	cross_copy(AHB2, AHB1, PL08X_BSIZE_1);
	cross_copy(AHB1, AHB2, BS4);
	cross_copy(AHB2, AHB1, BS4);
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

/* Two 16-word bursts (SBSize = DBSize 16) start in the same cycle, channel 2 on one master and
 * channel 3 on the other; channel 1 (higher priority) asks for channel 2's master at cycle 3.
 * Channels 2 and 3 issue their first beat in the same step; the owner is settled after the
 * issue pass, lowest channel first, so channel 2 owns whichever master it runs on, and channel 1
 * waits for its burst. Mirroring the masters must mirror the whole schedule: each channel's TC
 * comes at the same cycle in both layouts. Raw TC is read after each step. */
static void tc_cycles_of_two_bursts(unsigned m2, uint64_t tc[3])
{
	unsigned m3 = 1u - m2;
	tb_mem_pattern(t, m2, SRC(2), 64, 0x22);
	tb_mem_pattern(t, m3, SRC(3), 64, 0x33);
	tb_mem_pattern(t, m2, SRC(1), 16, 0x11);
	start(2, ctl_words(16, BS16, BS16, m2, m2));
	start(3, ctl_words(16, BS16, BS16, m3, m3));
	tc[0] = tc[1] = tc[2] = TB_NONE;
	for (unsigned c = 0; c < 400 && (tc[0] == TB_NONE || tc[1] == TB_NONE || tc[2] == TB_NONE); c++) {
		if (tb_cycle(t) == 3)
			start(1, ctl_words(4, BS4, BS4, m2, m2));
		tb_step(t);
		uint32_t raw = tb_rd(t, PL08X_RAW_INT_TC_STATUS);
		for (unsigned i = 0; i < 3; i++)
			if (tc[i] == TB_NONE && (raw & (1u << (1 + i))))
				tc[i] = tb_cycle(t);
	}
	cr_assert_eq(tb_mem_cmp(t, m2, SRC(1), m2, DST(1), 16), -1);
	cr_assert_eq(tb_mem_cmp(t, m2, SRC(2), m2, DST(2), 64), -1);
	cr_assert_eq(tb_mem_cmp(t, m3, SRC(3), m3, DST(3), 64), -1);
	expect_clean();
}

Test(priority, simultaneous_bursts_on_mirrored_masters_give_mirrored_schedules)
{
	uint64_t a[3], b[3];

	tc_cycles_of_two_bursts(AHB1, a);
	teardown();
	setup();
	tc_cycles_of_two_bursts(AHB2, b);
	for (unsigned i = 0; i < 3; i++)
		cr_assert_eq(a[i], b[i], "channel %u: TC at %llu with channel 2 on AHB1, %llu on AHB2",
			     i + 1, (unsigned long long)a[i], (unsigned long long)b[i]);
	/* Channel 3 runs alone on its master; channel 1 comes after channel 2's whole burst. */
	cr_assert_eq(a[2], 46);
	cr_assert_eq(a[1], 46);
	cr_assert_eq(a[0], 57);
}
