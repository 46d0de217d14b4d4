/* The PL081 variant: 2 channels, 1 AHB master. Its IDs, the registers it lacks (channels
 * 2..7, master-select bits, M2), and transfers that put every beat on master 0.
 *
 * Cycle numbers (docs/timing-model.md): 16 words in bursts of 4 on one master, enabled at 0:
 * reads 2..5, IDLE 6 (the FIFO is not full), IDLE 7 (arbitration), writes 8..11, IDLE 12,
 * reads 13..16, IDLE 17-18, writes 19..22, ... the fourth write burst is 41..44, its last data
 * phase is cycle 45, so the TC pin is high from cycle 46.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "tb.h"

static tb *t;

#define W8  PL08X_WIDTH_8
#define W16 PL08X_WIDTH_16
#define W32 PL08X_WIDTH_32
#define CH(n, reg) (PL08X_CH_BASE(n) + PL08X_CH_##reg)
#define SM  (TB_CTL(S, 1) | TB_CTL(D, 1))   /* asks for AHB2: the PL081 has none */

static void setup(void)
{
	t = tb_create(PL08X_VARIANT_PL081);
	cr_assert_not_null(t, "tb_create failed");
}

static void teardown(void)
{
	tb_destroy(t);
	t = NULL;
}

TestSuite(pl081, .init = setup, .fini = teardown, .timeout = 10);

/* The n-th beat on master 0 in direction dir; fails the test when there is none */
static const tb_beat *nth(enum tb_dir dir, size_t n)
{
	const tb_beat *b = tb_nth_beat(t, 0, dir, n);

	cr_assert_not_null(b, "no %s beat #%zu", dir == TB_WRITE ? "write" : "read", n);
	return b;
}

/* Every readable register of the PL081 map */
static size_t pl081_map(uint32_t *off)
{
	static const uint32_t globals[] = { 0x000, 0x004, 0x00C, 0x014, 0x018, 0x01C, 0x020,
					    0x024, 0x028, 0x02C, 0x030, 0x034, 0x500, 0x504,
					    0x508, 0x50C };
	size_t n = 0;

	for (size_t i = 0; i < sizeof globals / sizeof *globals; i++)
		off[n++] = globals[i];
	for (unsigned ch = 0; ch < 2; ch++)
		for (uint32_t r = 0; r <= PL08X_CH_CONFIG; r += 4)
			off[n++] = PL08X_CH_BASE(ch) + r;
	for (uint32_t o = PL08X_PERIPH_ID0; o <= 0xFFC; o += 4)
		off[n++] = o;
	return n;
}

static void assert_beats_all_on_master_0(void)
{
	cr_assert_gt(tb_beat_count(t), 0);
	cr_assert_eq(tb_count_beats(t, 0, TB_EITHER), tb_beat_count(t), "a beat left master 0");
	cr_assert_eq(t->out.htrans[1], PL08X_HTRANS_IDLE);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->stray, 0, "stray access at 0x%08x", (unsigned)t->stray_addr);
}

Test(pl081, has_two_channels_and_one_master)
{
	cr_assert_eq(pl08x_channels(t->dev), 2);
	cr_assert_eq(pl08x_masters(t->dev), 1);
	cr_assert_eq(pl08x_variant_of(t->dev), PL08X_VARIANT_PL081);
}

Test(pl081, id_registers_read_the_pl081_values)
{
	static const uint32_t want[8] = { 0x81, 0x10, 0x04, 0x0A, 0x0D, 0xF0, 0x05, 0xB1 };

	for (unsigned i = 0; i < 8; i++) {
		uint32_t v = tb_rd(t, PL08X_PERIPH_ID0 + 4 * i);

		cr_assert_eq(t->last_access, PL08X_ACCESS_OK);
		cr_assert_eq(v, want[i], "0x%03x reads 0x%02x", PL08X_PERIPH_ID0 + 4 * i, (unsigned)v);
	}
}

Test(pl081, registers_of_channels_2_to_7_are_unmapped)
{
	uint32_t off[64], before[64];
	size_t n = pl081_map(off);

	/* Something non-zero in the two real channels and the globals. */
	for (unsigned ch = 0; ch < 2; ch++)
		for (uint32_t r = 0; r < PL08X_CH_CONFIG; r += 4)
			tb_wr(t, PL08X_CH_BASE(ch) + r, 0x3C3C0000u | (ch << 8) | r);
	tb_wr(t, PL08X_SYNC, 0x00FF);
	for (size_t i = 0; i < n; i++)
		before[i] = tb_rd(t, off[i]);
	for (unsigned ch = 2; ch < 8; ch++)
		for (uint32_t r = 0; r < 0x20; r += 4) {
			uint32_t o = PL08X_CH_BASE(ch) + r, v = 0xFFFFFFFFu;

			cr_assert_eq(tb_wr(t, o, 0xFFFFFFFFu), PL08X_ACCESS_UNMAPPED, "write 0x%03x", (unsigned)o);
			cr_assert_eq(pl08x_read(t->dev, o, &v), PL08X_ACCESS_UNMAPPED, "read 0x%03x", (unsigned)o);
			cr_assert_eq(v, 0, "0x%03x reads 0x%08x", (unsigned)o, (unsigned)v);
			cr_assert_null(pl08x_reg_name(t->dev, o), "0x%03x has a name", (unsigned)o);
		}
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(tb_rd(t, off[i]), before[i], "0x%03x changed", (unsigned)off[i]);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_str_eq(pl08x_reg_name(t->dev, CH(1, CONFIG)), "DMACCxConfiguration");
}

Test(pl081, control_s_and_d_bits_read_zero)
{
	for (unsigned ch = 0; ch < 2; ch++) {
		cr_assert_eq(tb_wr(t, CH(ch, CONTROL), 0xFFFFFFFFu), PL08X_ACCESS_OK);
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_CONTROL), 0xFCFFFFFFu, "ch%u reads 0x%08x", ch,
			     tb_ch_rd(t, ch, PL08X_CH_CONTROL));
		tb_wr(t, CH(ch, CONTROL), SM);
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_CONTROL), 0, "ch%u", ch);
	}
}

Test(pl081, lli_lm_bit_reads_zero)
{
	for (unsigned ch = 0; ch < 2; ch++) {
		cr_assert_eq(tb_wr(t, CH(ch, LLI), 0xFFFFFFFFu), PL08X_ACCESS_OK);
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_LLI), 0xFFFFFFFCu, "ch%u reads 0x%08x", ch,
			     tb_ch_rd(t, ch, PL08X_CH_LLI));
	}
}

Test(pl081, configuration_m2_reads_zero)
{
	cr_assert_eq(tb_wr(t, PL08X_CONFIG, 0x7), PL08X_ACCESS_OK);
	cr_assert_eq(tb_rd(t, PL08X_CONFIG), 0x3);
	tb_wr(t, PL08X_CONFIG, 0x4);
	cr_assert_eq(tb_rd(t, PL08X_CONFIG), 0);
}

Test(pl081, memcpy_of_16_words_runs_on_master_0_with_tc_in_cycle_46)
{
	tb_add_mem(t, 0, 0x1000, 0x1000, 0);
	tb_mem_pattern(t, 0, 0x1000, 64, 11);
	tb_mem_fill(t, 0, 0x1800, 72, 0xEE);
	tb_wr(t, PL08X_CONFIG, 1);
	pl08x_lli item = { 0x1000, 0x1800, 0,
			   tb_ctl(16, PL08X_BSIZE_4, PL08X_BSIZE_4, W32, W32, true, true, true) | SM };
	cr_assert_eq(tb_program(t, 0, &item, TB_CCFG(E, 1) | TB_CCFG(ITC, 1)), PL08X_ACCESS_OK);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 200), "no TC");
	cr_assert_eq(tb_cycle(t), 46);
	static const uint64_t reads[4] = { 2, 13, 24, 35 }, writes[4] = { 8, 19, 30, 41 };
	for (unsigned k = 0; k < 4; k++) {
		const tb_beat *r = tb_nth_beat(t, 0, TB_READ, 4 * k);
		const tb_beat *w = tb_nth_beat(t, 0, TB_WRITE, 4 * k);

		cr_assert_not_null(r);
		cr_assert_not_null(w);
		cr_assert_eq(r->cycle, reads[k], "read burst %u at %llu", k, (unsigned long long)r->cycle);
		cr_assert_eq(w->cycle, writes[k], "write burst %u at %llu", k, (unsigned long long)w->cycle);
		cr_assert_eq(r->hburst, PL08X_HBURST_INCR4);
		cr_assert_eq(w->hburst, PL08X_HBURST_INCR4);
	}
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 16);
	cr_assert_eq(tb_count_beats(t, 0, TB_WRITE), 16);
	cr_assert_eq(tb_mem_cmp(t, 0, 0x1000, 0, 0x1800, 64), -1);
	for (uint32_t a = 0x1840; a < 0x1848; a++)
		cr_assert_eq(tb_rd8(t, 0, a), 0xEE, "wrote past the end at 0x%x", (unsigned)a);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_CONTROL) & SM, 0);
	assert_beats_all_on_master_0();
}

static bool item1_loaded(tb *tt, void *arg)
{
	(void)arg;
	return (tb_ch_rd(tt, 1, PL08X_CH_LLI) & ~1u) == 0x2810;
}

Test(pl081, lli_chain_naming_ahb2_runs_on_master_0_byte_exact)
{
	/* Three items: 8 words, 7 bytes, 5 halfwords (42 bytes), LLIs and data on master 0 only;
	 * every LLI word and Control asks for AHB2 (LM, S, D). */
	tb_add_mem(t, 0, 0x1000, 0x2000, 0);
	tb_mem_pattern(t, 0, 0x1000, 0x100, 21);
	tb_mem_fill(t, 0, 0x2000, 0x40, 0xEE);
	pl08x_lli items[2] = {
		/* item 1: 7 bytes */
		{ 0x1020, 0x2020, 0x2810 | 1u, tb_ctl(7, PL08X_BSIZE_4, PL08X_BSIZE_4, W8, W8, true, true, false) | SM },
		/* item 2: 5 halfwords from an even address, written as bytes from an odd one */
		{ 0x1028, 0x2027, 0, tb_ctl(5, PL08X_BSIZE_4, PL08X_BSIZE_4, W16, W8, true, true, true) | SM },
	};
	tb_write_lli(t, 0, 0x2800, items, 2);
	tb_wr(t, PL08X_CONFIG, 1);
	pl08x_lli first = { 0x1000, 0x2000, 0x2800 | 1u,
			    tb_ctl(8, PL08X_BSIZE_4, PL08X_BSIZE_4, W32, W32, true, true, false) | SM };
	cr_assert_eq(tb_program(t, 1, &first, TB_CCFG(E, 1) | TB_CCFG(ITC, 1)), PL08X_ACCESS_OK);
	cr_assert_eq(tb_ch_rd(t, 1, PL08X_CH_LLI), 0x2800);
	/* Once item 1 is loaded, its LLI word (0x2811) reads back without LM. */
	cr_assert(tb_run_until(t, item1_loaded, NULL, 200), "item 1 never loaded");
	cr_assert_eq(tb_ch_rd(t, 1, PL08X_CH_LLI), 0x2810);
	cr_assert_eq(tb_ch_rd(t, 1, PL08X_CH_CONTROL) & SM, 0, "loaded Control kept S/D");
	cr_assert(tb_run_until_idle(t, 500), "chain not done in 500 cycles");
	uint8_t want[0x40], got[0x40];
	memset(want, 0xEE, sizeof want);
	tb_mem_read(t, 0, 0x1000, want, 32);           /* item 0: 0x1000..0x101F -> 0x2000 */
	tb_mem_read(t, 0, 0x1020, want + 0x20, 7);     /* item 1: 0x1020..0x1026 -> 0x2020 */
	tb_mem_read(t, 0, 0x1028, want + 0x27, 10);    /* item 2: 0x1028..0x1031 -> 0x2027 */
	tb_mem_read(t, 0, 0x2000, got, sizeof got);
	for (size_t i = 0; i < sizeof got; i++)
		cr_assert_eq(got[i], want[i], "byte 0x%zx: 0x%02x, want 0x%02x", i, got[i], want[i]);
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 8 + 7 + 5 + 8);
	cr_assert_eq(tb_count_beats(t, 0, TB_WRITE), 8 + 7 + 10);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x2);
	cr_assert_eq(t->rises[TB_EV_INTTC], 1);
	cr_assert_eq(tb_ch_rd(t, 1, PL08X_CH_CONTROL) & SM, 0, "loaded Control kept S/D");
	cr_assert_eq(tb_ch_rd(t, 1, PL08X_CH_LLI), 0);
	assert_beats_all_on_master_0();
}

Test(pl081, both_channels_run_at_once)
{
	tb_add_mem(t, 0, 0x1000, 0x2000, 0);
	tb_mem_pattern(t, 0, 0x1000, 0x200, 5);
	tb_wr(t, PL08X_CONFIG, 1);
	pl08x_lli a = { 0x1000, 0x2000, 0, tb_ctl(40, PL08X_BSIZE_8, PL08X_BSIZE_8, W32, W32, true, true, true) };
	pl08x_lli b = { 0x1100, 0x2100, 0, tb_ctl(50, PL08X_BSIZE_4, PL08X_BSIZE_4, W16, W32, true, true, true) };
	tb_program(t, 0, &a, TB_CCFG(E, 1) | TB_CCFG(ITC, 1));
	tb_program(t, 1, &b, TB_CCFG(E, 1) | TB_CCFG(ITC, 1));
	tb_run(t, 40);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0x3, "a channel finished too early or never ran");
	cr_assert_gt(tb_count_beats(t, 0, TB_EITHER), 0);
	cr_assert(tb_run_until_idle(t, 2000), "not idle");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x3);
	cr_assert_eq(tb_mem_cmp(t, 0, 0x1000, 0, 0x2000, 160), -1);
	cr_assert_eq(tb_mem_cmp(t, 0, 0x1100, 0, 0x2100, 100), -1);
	assert_beats_all_on_master_0();
}

Test(pl081, channel_0_wins_over_channel_1)
{
	/* Both enabled in the same cycle (channel 1 programmed first), 4 words each, burst 4:
	 * channel 0 reads 2..5, channel 1 reads 7..10, channel 0 writes 12..15 (done at 17),
	 * channel 1 writes 17..20 (done at 22). */
	tb_add_mem(t, 0, 0x1000, 0x2000, 0);
	tb_mem_pattern(t, 0, 0x1000, 0x100, 9);
	tb_wr(t, PL08X_CONFIG, 1);
	pl08x_lli c1 = { 0x1080, 0x2080, 0, tb_ctl(4, PL08X_BSIZE_4, PL08X_BSIZE_4, W32, W32, true, true, true) };
	pl08x_lli c0 = { 0x1000, 0x2000, 0, tb_ctl(4, PL08X_BSIZE_4, PL08X_BSIZE_4, W32, W32, true, true, true) };
	tb_program(t, 1, &c1, TB_CCFG(E, 1) | TB_CCFG(ITC, 1));
	tb_program(t, 0, &c0, TB_CCFG(E, 1) | TB_CCFG(ITC, 1));
	tb_run(t, 16);
	cr_assert_eq(nth(TB_READ, 0)->cycle, 2);
	cr_assert_eq(nth(TB_READ, 0)->addr, 0x1000, "channel 1 went first");
	cr_assert_eq(nth(TB_READ, 4)->cycle, 7);
	cr_assert_eq(nth(TB_READ, 4)->addr, 0x1080);
	cr_assert_eq(nth(TB_WRITE, 0)->cycle, 12);
	cr_assert_eq(nth(TB_WRITE, 0)->addr, 0x2000, "channel 1 wrote first");
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	tb_step(t);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x1, "channel 0 not done at cycle 17");
	tb_run(t, 4);
	cr_assert_not_null(tb_nth_beat(t, 0, TB_WRITE, 4));
	cr_assert_eq(nth(TB_WRITE, 4)->cycle, 17);
	cr_assert_eq(nth(TB_WRITE, 4)->addr, 0x2080);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x1);
	tb_step(t);
	cr_assert_eq(tb_cycle(t), 22);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x3);
	cr_assert_eq(tb_mem_cmp(t, 0, 0x1000, 0, 0x2000, 16), -1);
	cr_assert_eq(tb_mem_cmp(t, 0, 0x1080, 0, 0x2080, 16), -1);
	assert_beats_all_on_master_0();
}

Test(pl081, enbldchns_and_interrupt_clears_cover_only_two_channels)
{
	tb_wr(t, PL08X_CONFIG, 1);
	for (unsigned ch = 0; ch < 2; ch++) {
		pl08x_lli item = { 0x7000, 0x1000, 0, tb_ctl(4, 0, 0, W32, W32, false, true, false) };
		tb_program(t, ch, &item, TB_CCFG(E, 1) | TB_CCFG(SRC_PERIPH, ch) |
					 TB_CCFG(FLOW, PL08X_FLOW_PER2MEM));
	}
	tb_run(t, 10);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0x3);
	cr_assert_eq(tb_beat_count(t), 0, "moved data without a request");
	tb_wr(t, CH(1, CONFIG), 0);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0x1);
	tb_wr(t, PL08X_INT_TC_CLEAR, 0xFF);
	tb_wr(t, PL08X_INT_ERR_CLR, 0xFF);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0);
}
