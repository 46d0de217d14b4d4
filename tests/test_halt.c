/* Halt, disable and pause of a running channel, and wait states (TRM 3.4 CnConfiguration H/A/E,
 * DMACConfiguration E; docs/timing-model.md "Halt", "Disable", "Wait states").
 *
 * Conventions: registers are written between steps; a write made at tb_cycle() == c is seen by
 * step c, whose outputs are those of cycle c + 1. A tb_beat's cycle is the cycle its address
 * phase was accepted, done_cycle the cycle whose closing edge ended its data phase.
 *
 * Reference schedule (16 words, SBSize = DBSize = 4, word widths, source and destination on
 * AHB1, no wait states, enabled at cycle 0): every operation is followed by one IDLE
 * (arbitration) cycle, and a write piece starts only after the last read's data phase ended:
 *   reads 2..5, writes 8..11, reads 13..16, writes 19..22, reads 24..27, writes 30..33,
 *   reads 35..38, writes 41..44 (last data phase ends 45: TC in step 45, DMACINTTC high at 46).
 */
#include <criterion/criterion.h>

#include "tb.h"

#define SRC  0x1000u
#define DST  0x4000u
#define AHB1 0u
#define B8   PL08X_WIDTH_8
#define B32  PL08X_WIDTH_32
#define BS1  PL08X_BSIZE_1
#define BS4  PL08X_BSIZE_4

/* Channel enabled with both interrupt masks open */
#define CFG_RUN (TB_CCFG(E, 1) | TB_CCFG(ITC, 1) | TB_CCFG(IE, 1))

static tb *t;
static tb_mem *src_mem, *dst_mem;

static void setup(void)
{
	t = tb_create(PL08X_VARIANT_PL080);
	cr_assert_not_null(t, "tb_create failed");
	src_mem = tb_add_mem(t, AHB1, SRC, 0x1000, 0);
	dst_mem = tb_add_mem(t, AHB1, DST, 0x1000, 0);
	tb_mem_pattern(t, AHB1, SRC, 0x1000, 0x4a17);
	tb_wr(t, PL08X_CONFIG, 1);
}

static void teardown(void)
{
	tb_destroy(t);
	t = NULL;
}

TestSuite(halt, .init = setup, .fini = teardown, .timeout = 10);

/* Word memcpy SRC -> DST on AHB1, I = 1 */
static uint32_t ctl_words(unsigned ts, unsigned sb, unsigned db)
{
	return tb_ctl(ts, sb, db, B32, B32, true, true, true);
}

static void start(unsigned ch, uint32_t ctl, uint32_t cfg)
{
	cr_assert_eq(tb_program(t, ch, &(pl08x_lli){ SRC, DST, 0, ctl }, cfg), PL08X_ACCESS_OK);
}

static void run_to(uint64_t c)
{
	cr_assert(tb_run_to(t, c), "already at cycle %llu, wanted %llu",
		  (unsigned long long)tb_cycle(t), (unsigned long long)c);
}

static uint32_t ccfg(unsigned ch)
{
	return tb_ch_rd(t, ch, PL08X_CH_CONFIG);
}

static bool active(unsigned ch)
{
	return PL08X_GET(ccfg(ch), PL08X_CCFG_A);
}

static bool enabled(unsigned ch)
{
	return PL08X_GET(ccfg(ch), PL08X_CCFG_E);
}

/* Write CnConfiguration with H changed (A is read-only: written back as read, ignored) */
static void set_halt(unsigned ch, bool h)
{
	cr_assert_eq(tb_wr(t, PL08X_CH_BASE(ch) + PL08X_CH_CONFIG, PL08X_SET(ccfg(ch), PL08X_CCFG_H, h)),
		     PL08X_ACCESS_OK);
}

static void set_enable(unsigned ch, bool e)
{
	cr_assert_eq(tb_wr(t, PL08X_CH_BASE(ch) + PL08X_CH_CONFIG, PL08X_SET(ccfg(ch), PL08X_CCFG_E, e)),
		     PL08X_ACCESS_OK);
}

/* The @n-th beat in @dir on AHB1 was accepted at @cycle with address @addr */
static void expect_beat(enum tb_dir dir, size_t n, uint64_t cycle, uint32_t addr)
{
	const tb_beat *b = tb_nth_beat(t, AHB1, dir, n);

	cr_assert_not_null(b, "%s beat %zu missing", dir == TB_READ ? "read" : "write", n);
	cr_assert_eq(b->cycle, cycle, "%s beat %zu at cycle %llu, expected %llu",
		     dir == TB_READ ? "read" : "write", n, (unsigned long long)b->cycle,
		     (unsigned long long)cycle);
	cr_assert_eq(b->addr, addr, "%s beat %zu at 0x%x, expected 0x%x",
		     dir == TB_READ ? "read" : "write", n, b->addr, addr);
}

/* @n consecutive word beats from @cycle and @addr */
static void expect_run(enum tb_dir dir, size_t first, size_t n, uint64_t cycle, uint32_t addr)
{
	for (size_t i = 0; i < n; i++)
		expect_beat(dir, first + i, cycle + i, addr + 4 * (uint32_t)i);
}

/* The destination holds the first @len source bytes and zeros after them, up to @span */
static void expect_dst_prefix(size_t len, size_t span)
{
	uint8_t got[256];

	cr_assert_leq(span, sizeof got);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC, AHB1, DST, len), -1, "destination differs from source");
	tb_mem_read(t, AHB1, DST + (uint32_t)len, got, span - len);
	for (size_t i = 0; i < span - len; i++)
		cr_assert_eq(got[i], 0, "destination byte %zu written (0x%02x), expected untouched",
			     len + i, got[i]);
}

static uint64_t last_beat_cycle(void)
{
	size_t n = tb_beat_count(t);

	return n ? tb_beats(t)[n - 1].cycle : TB_NONE;
}

/* ---- Halt ---------------------------------------------------------------------------------- */

/* H written at 14, during the second read piece (13..16): that piece finishes, no further read;
 * the 16 bytes drain as writes 19..22, the last data phase ends at 23, so A reads 1 up to
 * cycle 23 and 0 from cycle 24, and E stays 1. */
Test(halt, halt_mid_read_finishes_the_piece_drains_the_fifo_and_clears_a_at_cycle_24)
{
	start(0, ctl_words(16, BS4, BS4), CFG_RUN);
	run_to(14);
	set_halt(0, true);
	for (uint64_t c = 14; c <= 40; c++) {
		run_to(c);
		cr_assert_eq(active(0), c < 24, "A = %d at cycle %llu", active(0), (unsigned long long)c);
		cr_assert(enabled(0), "E cleared at cycle %llu by a halt", (unsigned long long)c);
	}
	run_to(200);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_READ), 8, "source reads after the halt");
	cr_assert_eq(tb_count_beats(t, AHB1, TB_WRITE), 8);
	expect_run(TB_READ, 4, 4, 13, SRC + 16);
	expect_run(TB_WRITE, 4, 4, 19, DST + 16);
	cr_assert_eq(tb_nth_beat(t, AHB1, TB_WRITE, 7)->done_cycle, 23);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1u, "EnbldChns during the halt");
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 8, "TransferSize left");
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_SRC_ADDR), SRC + 32);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_DEST_ADDR), DST + 32);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0, "TC raised during a halt");
	expect_dst_prefix(32, 64);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->stray, 0);
}

/* Resume (H = 0) at 100: arbitration in step 100, reads 102..105, writes 108..111, reads
 * 113..116, writes 119..122; last data phase ends 123, DMACINTTC high at 124. */
Test(halt, resume_after_halt_completes_byte_exactly_with_inttc_at_124)
{
	start(0, ctl_words(16, BS4, BS4), CFG_RUN);
	run_to(14);
	set_halt(0, true);
	run_to(100);
	cr_assert_eq(tb_beat_count(t), 16);
	set_halt(0, false);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 200), "no TC after resume");
	cr_assert_eq(tb_cycle(t), 124);
	expect_run(TB_READ, 8, 4, 102, SRC + 32);
	expect_run(TB_WRITE, 8, 4, 108, DST + 32);
	expect_run(TB_READ, 12, 4, 113, SRC + 48);
	expect_run(TB_WRITE, 12, 4, 119, DST + 48);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_EITHER), 32);
	cr_assert_not(enabled(0));
	expect_dst_prefix(64, 128);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->stray, 0);
}

static bool a_clear(tb *tt, void *arg)
{
	(void)tt;
	return !active(*(unsigned *)arg);
}

/* The TRM's lossless stop: H = 1, wait until A reads 0, then E = 0. Everything read before the
 * halt (8 words) is at the destination, nothing else is. */
Test(halt, halt_wait_a_then_disable_loses_no_byte_already_read)
{
	unsigned ch = 0;

	start(ch, ctl_words(16, BS4, BS4), CFG_RUN);
	run_to(14);
	set_halt(ch, true);
	cr_assert(tb_run_until(t, a_clear, &ch, 100), "A never cleared");
	cr_assert_eq(tb_cycle(t), 24, "A cleared at cycle %llu", (unsigned long long)tb_cycle(t));
	set_enable(ch, false);
	cr_assert_not(enabled(ch));
	run_to(200);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_READ), 8);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_WRITE), 8);
	expect_dst_prefix(32, 64);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

/* Byte reads (SBSize 1: one read per operation, at cycles 2, 4, 6, ...), word writes. H at 12
 * after the sixth read (at 12) was issued: 6 bytes arrive, the stalled source lets the FIFO write
 * one word (IDLE 14, write 15), and the 2 bytes left, shorter than DWidth, stay: A stays 1.
 * Resume at 60: ten byte reads at 62, 64, ..., 80; the last ends at 81, the 12 bytes leave as
 * three one-beat INCR word writes 83..85 (the rest of the 4-transfer destination burst); the last ends
 * at 86, DMACINTTC high at 87. */
Test(halt, sub_word_leftover_keeps_a_set_until_resume_then_completes_exactly)
{
	start(0, tb_ctl(16, BS1, BS4, B8, B32, true, true, true), CFG_RUN);
	run_to(12);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_READ), 5);
	cr_assert_eq(t->out.htrans[AHB1], PL08X_HTRANS_NONSEQ, "sixth read not driven in cycle 12");
	set_halt(0, true);
	run_to(60);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_READ), 6, "reads after the halt");
	cr_assert_eq(tb_count_beats(t, AHB1, TB_WRITE), 1, "words drained by the halt");
	expect_beat(TB_WRITE, 0, 15, DST);
	cr_assert(active(0), "A cleared with 2 bytes in the FIFO");
	cr_assert(enabled(0));
	expect_dst_prefix(4, 16);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 10);

	set_halt(0, false);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 200), "no TC after resume");
	cr_assert_eq(tb_cycle(t), 87);
	cr_assert_eq(tb_nth_beat(t, AHB1, TB_READ, 6)->cycle, 62);
	cr_assert_eq(tb_nth_beat(t, AHB1, TB_READ, 15)->cycle, 80);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_WRITE), 4);
	expect_run(TB_WRITE, 1, 3, 83, DST + 4);
	expect_dst_prefix(16, 32);
	cr_assert_not(active(0));
	cr_assert_not(enabled(0));
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

/* Enabled with H already set: no beat at all, A = 0, E = 1. H cleared at 50: the transfer
 * runs as if enabled then (first read 52, DMACINTTC at 50 + 13 for 4 words). */
Test(halt, channel_enabled_halted_issues_nothing_until_h_clears)
{
	start(0, ctl_words(4, BS4, BS4), CFG_RUN | TB_CCFG(H, 1));
	run_to(50);
	cr_assert_eq(tb_beat_count(t), 0, "beats while halted from the start");
	cr_assert_not(active(0));
	cr_assert(enabled(0));
	set_halt(0, false);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 100));
	cr_assert_eq(tb_cycle(t), 63);
	expect_run(TB_READ, 0, 4, 52, SRC);
	expect_dst_prefix(16, 32);
}

/* ---- Disable (channel E = 0) --------------------------------------------------------------- */

/* E cleared at 16, while the last beat of the second read burst (13..16) is driven: that beat
 * completes on the bus (data phase ends 17) but nothing follows; the 12..16 bytes read are lost
 * with the FIFO; E and A read 0 at once; no TC. */
Test(halt, disable_mid_transfer_stops_at_once_and_loses_the_fifo)
{
	start(0, ctl_words(16, BS4, BS4), CFG_RUN);
	run_to(16);
	set_enable(0, false);
	cr_assert_not(enabled(0), "E reads 1 right after being cleared");
	cr_assert_not(active(0), "A = 1 after disable: the FIFO should be gone");
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	run_to(17);
	cr_assert_eq(t->out.htrans[AHB1], PL08X_HTRANS_IDLE, "address phase after disable");
	run_to(200);
	cr_assert_eq(tb_beat_count(t), 12, "beats: 4 reads, 4 writes, 4 reads");
	cr_assert_eq(last_beat_cycle(), 16);
	cr_assert_eq(tb_nth_beat(t, AHB1, TB_READ, 7)->done_cycle, 17, "driven beat did not complete");
	cr_assert_eq(tb_count_beats(t, AHB1, TB_WRITE), 4);
	expect_dst_prefix(16, 64);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(t->rises[TB_EV_INTTC], 0);
	cr_assert_eq(t->early_ends, 0, "the driven beat was the last of its burst");
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

/* E cleared at 10, during the first write burst (8..11): the write driven in cycle 10 still
 * completes (its data phase in cycle 11 writes the third word), the fourth is never issued.
 * The destination holds exactly 3 words. */
Test(halt, disable_mid_write_leaves_the_destination_partially_written)
{
	start(0, ctl_words(16, BS4, BS4), CFG_RUN);
	run_to(10);
	set_enable(0, false);
	cr_assert_not(enabled(0));
	run_to(100);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_READ), 4);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_WRITE), 3);
	expect_run(TB_WRITE, 0, 3, 8, DST);
	cr_assert_eq(tb_nth_beat(t, AHB1, TB_WRITE, 2)->done_cycle, 11);
	expect_dst_prefix(12, 64);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(t->early_ends, 1, "the INCR4 write burst cut after 3 beats");
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->stray, 0);
}

/* ---- Pause (DMACConfiguration E = 0) ------------------------------------------------------- */

/* Controller disabled at 12, the IDLE cycle after the second read piece was arbitrated: no beat
 * while paused, registers keep their values (E = 1, TransferSize 12, addresses +16). Enabled
 * again at 50: arbitration in step 50, then the reference schedule shifted by 39 cycles from
 * the second read piece (13 -> 52): reads 52..55, ..., last write 83, DMACINTTC at 85. */
Test(halt, controller_pause_between_pieces_resumes_and_finishes_exactly)
{
	start(0, ctl_words(16, BS4, BS4), CFG_RUN);
	run_to(12);
	tb_wr(t, PL08X_CONFIG, 0);
	run_to(50);
	cr_assert_eq(tb_beat_count(t), 8, "beats while the controller is disabled");
	cr_assert_eq(last_beat_cycle(), 11);
	cr_assert(enabled(0), "channel E lost while paused");
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1u);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 12);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_SRC_ADDR), SRC + 16);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_DEST_ADDR), DST + 16);
	tb_wr(t, PL08X_CONFIG, 1);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 200), "no TC after the controller came back");
	cr_assert_eq(tb_cycle(t), 85);
	expect_run(TB_READ, 4, 4, 52, SRC + 16);
	expect_run(TB_WRITE, 4, 4, 58, DST + 16);
	expect_run(TB_WRITE, 12, 4, 80, DST + 48);
	expect_dst_prefix(64, 128);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

/* Controller disabled at 14, in the second read burst (13..16): the beat driven in cycle 14
 * completes (data at 15), no new beat is issued. Enabled again at 50: the two reads left of the
 * 4-transfer source burst go as one-beat INCRs 52, 53 (IDLE 51); the 16 bytes then leave as INCR4
 * writes 56..59; then reads 61..64, writes 67..70, reads 72..75, writes 78..81; the last ends at
 * 82, DMACINTTC at 83. */
Test(halt, controller_pause_mid_burst_completes_the_current_beat_and_resumes_exactly)
{
	start(0, ctl_words(16, BS4, BS4), CFG_RUN);
	run_to(14);
	tb_wr(t, PL08X_CONFIG, 0);
	run_to(50);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_READ), 6, "reads while paused");
	cr_assert_eq(last_beat_cycle(), 14);
	cr_assert_eq(tb_nth_beat(t, AHB1, TB_READ, 5)->done_cycle, 15);
	cr_assert(enabled(0));
	cr_assert(active(0), "A = 0 with 8 bytes in the FIFO");
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 10);
	tb_wr(t, PL08X_CONFIG, 1);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 200));
	cr_assert_eq(tb_cycle(t), 83);
	expect_beat(TB_READ, 6, 52, SRC + 24);
	expect_beat(TB_READ, 7, 53, SRC + 28);
	cr_assert_eq(tb_nth_beat(t, AHB1, TB_READ, 6)->hburst, PL08X_HBURST_INCR);
	expect_run(TB_WRITE, 4, 4, 56, DST + 16);
	expect_run(TB_WRITE, 12, 4, 78, DST + 48);
	expect_dst_prefix(64, 128);
	cr_assert_eq(t->early_ends, 1, "the INCR4 read burst cut after 2 beats");
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

/* ---- Wait states --------------------------------------------------------------------------- */

/* 4 words, burst 4, W wait states on every data phase: reads W+1 apart from 2, the last ends at
 * 6 + 4W; IDLE, writes from 8 + 4W, W+1 apart; the last ends at 12 + 8W; DMACINTTC at 13 + 8W. */
static void memcpy4_with_waits(unsigned w, uint64_t inttc)
{
	src_mem->waits.fixed = w;
	dst_mem->waits.fixed = w;
	start(0, ctl_words(4, BS4, BS4), CFG_RUN);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 200), "no TC");
	cr_assert_eq(tb_cycle(t), inttc, "W=%u: DMACINTTC at %llu, expected %llu", w,
		     (unsigned long long)tb_cycle(t), (unsigned long long)inttc);
	for (unsigned i = 0; i < 4; i++) {
		expect_beat(TB_READ, i, 2 + i * (w + 1), SRC + 4 * i);
		expect_beat(TB_WRITE, i, 8 + 4 * w + i * (w + 1), DST + 4 * i);
	}
	cr_assert_eq(tb_nth_beat(t, AHB1, TB_WRITE, 3)->done_cycle, 12 + 8 * w);
	expect_dst_prefix(16, 32);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

Test(halt, memcpy_4_words_no_wait_state_raises_inttc_at_13)
{
	memcpy4_with_waits(0, 13);
}

Test(halt, memcpy_4_words_1_wait_state_raises_inttc_at_21)
{
	memcpy4_with_waits(1, 21);
}

Test(halt, memcpy_4_words_3_wait_states_raises_inttc_at_37)
{
	memcpy4_with_waits(3, 37);
}

/* Source waits 1, 0, 2, 1 (pattern 1, 0, 2 cycled): reads accepted at 2, 4, 5, 8, the last
 * ends at 10; IDLE 11, writes 12..15, the last ends at 16: DMACINTTC at 17. */
Test(halt, per_beat_wait_pattern_sets_the_exact_schedule)
{
	static const uint8_t pat[] = { 1, 0, 2 };

	tb_waits_set(&src_mem->waits, pat, 3);
	start(0, ctl_words(4, BS4, BS4), CFG_RUN);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 200));
	cr_assert_eq(tb_cycle(t), 17);
	expect_beat(TB_READ, 0, 2, SRC);
	expect_beat(TB_READ, 1, 4, SRC + 4);
	expect_beat(TB_READ, 2, 5, SRC + 8);
	expect_beat(TB_READ, 3, 8, SRC + 12);
	cr_assert_eq(tb_nth_beat(t, AHB1, TB_READ, 3)->done_cycle, 10);
	expect_run(TB_WRITE, 0, 4, 12, DST);
	expect_dst_prefix(16, 32);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}

/* Wait states change timing only: 37 bytes, byte reads and word writes (a tail shorter than a
 * word), with per-beat patterns on both memories, arrive byte-exactly with nothing extra. */
Test(halt, wait_patterns_do_not_change_the_data)
{
	static const uint8_t sp[] = { 2, 0, 1, 3 };
	static const uint8_t dp[] = { 0, 3, 1 };

	tb_waits_set(&src_mem->waits, sp, 4);
	tb_waits_set(&dst_mem->waits, dp, 3);
	start(0, tb_ctl(37, BS4, BS4, B8, B32, true, true, true), CFG_RUN);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 2000), "no TC");
	cr_assert(tb_run_until_idle(t, 100));
	expect_dst_prefix(37, 64);
	cr_assert_eq(tb_count_beats(t, AHB1, TB_READ), 37);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 1u);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->stray, 0);
}

/* Halt written in the arbitration cycle (cycle 1, after step 0 picked the first read piece):
 * step 1 drops the piece before its first beat, so no address phase at all; resuming at cycle 10
 * re-arbitrates in step 10 (IDLE 11) and the first read comes at 12. */
Test(halt, halt_in_the_arbitration_cycle_stops_the_piece_before_its_first_beat)
{
	start(0, ctl_words(4, BS4, BS4), CFG_RUN);
	run_to(1);
	tb_wr(t, PL08X_CH_BASE(0) + PL08X_CH_CONFIG, CFG_RUN | TB_CCFG(H, 1));
	run_to(10);
	cr_assert_eq(tb_beat_count(t), 0, "a beat was issued after the halt");
	cr_assert(enabled(0));
	cr_assert_not(active(0));
	tb_wr(t, PL08X_CH_BASE(0) + PL08X_CH_CONFIG, CFG_RUN);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 200));
	const tb_beat *first = tb_nth_beat(t, AHB1, TB_READ, 0);
	cr_assert_not_null(first);
	cr_assert_eq(first->cycle, 12);
	cr_assert_eq(first->hburst, PL08X_HBURST_INCR4);
	cr_assert_eq(tb_mem_cmp(t, AHB1, SRC, AHB1, DST, 16), -1);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
}
