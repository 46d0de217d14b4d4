/* PL080 register map (TRM 3.4, 4): reset values, access types, reserved bits, channel
 * registers of an enabled channel, EnbldChns, names, offset decode and the Soft*Req registers.
 *
 * Cycle numbers follow the rules of docs/timing-model.md: a channel enabled by a write at
 * cycle t on an idle master arbitrates in cycle t+1 (IDLE) and drives its first NONSEQ in t+2.
 */
#include <criterion/criterion.h>
#include <stdio.h>

#include "tb.h"

static tb *t;

static void setup(void)
{
	t = tb_create(PL08X_VARIANT_PL080);
	cr_assert_not_null(t, "tb_create failed");
}

static void teardown(void)
{
	tb_destroy(t);
	t = NULL;
}

TestSuite(regs, .init = setup, .fini = teardown, .timeout = 10);

#define W32 PL08X_WIDTH_32
#define CH(n, reg) (PL08X_CH_BASE(n) + PL08X_CH_##reg)

/* ---- the register map ---------------------------------------------------------------------- */

/* Readable global registers (everything but the two write-only clears) */
static const uint32_t global_readable[] = {
	PL08X_INT_STATUS, PL08X_INT_TC_STATUS, PL08X_INT_ERROR_STATUS, PL08X_RAW_INT_TC_STATUS,
	PL08X_RAW_INT_ERR_STATUS, PL08X_ENBLD_CHNS, PL08X_SOFT_BREQ, PL08X_SOFT_SREQ,
	PL08X_SOFT_LBREQ, PL08X_SOFT_LSREQ, PL08X_CONFIG, PL08X_SYNC,
};

static const uint32_t test_regs[] = { PL08X_ITCR, PL08X_ITOP1, PL08X_ITOP2, PL08X_ITOP3 };

static const uint32_t read_only[] = {
	PL08X_INT_STATUS, PL08X_INT_TC_STATUS, PL08X_INT_ERROR_STATUS, PL08X_RAW_INT_TC_STATUS,
	PL08X_RAW_INT_ERR_STATUS, PL08X_ENBLD_CHNS,
	0xFE0, 0xFE4, 0xFE8, 0xFEC, 0xFF0, 0xFF4, 0xFF8, 0xFFC,
};

/* Offsets with no register behind them (channel gaps are added by unmapped_list()) */
static const uint32_t unmapped_fixed[] = {
	0x038, 0x03C, 0x040, 0x080, 0x0FC, 0x200, 0x204, 0x300, 0x400, 0x4FC,
	0x510, 0x514, 0x600, 0x800, 0xFD8, 0xFDC,
};

#define MAP_MAX 64

/* Every readable register of the PL080: globals, 8 x 5 channel registers, test, IDs */
static size_t map_offsets(uint32_t *off)
{
	size_t n = 0;

	for (size_t i = 0; i < sizeof global_readable / sizeof *global_readable; i++)
		off[n++] = global_readable[i];
	for (unsigned ch = 0; ch < 8; ch++)
		for (uint32_t r = 0; r <= PL08X_CH_CONFIG; r += 4)
			off[n++] = PL08X_CH_BASE(ch) + r;
	for (size_t i = 0; i < 4; i++)
		off[n++] = test_regs[i];
	for (uint32_t o = PL08X_PERIPH_ID0; o <= 0xFFC; o += 4)
		off[n++] = o;
	return n;
}

typedef struct map_snap {
	size_t n;
	uint32_t off[MAP_MAX];
	uint32_t val[MAP_MAX];
} map_snap;

/* Read back every register of the map */
static void snapshot(map_snap *s)
{
	s->n = map_offsets(s->off);
	for (size_t i = 0; i < s->n; i++)
		s->val[i] = tb_rd(t, s->off[i]);
}

static void assert_same_map(const map_snap *before, const char *what)
{
	map_snap after;

	snapshot(&after);
	for (size_t i = 0; i < before->n; i++)
		cr_assert_eq(after.val[i], before->val[i],
			     "%s: register 0x%03x changed from 0x%08x to 0x%08x", what,
			     (unsigned)before->off[i], (unsigned)before->val[i], (unsigned)after.val[i]);
}

static size_t unmapped_list(uint32_t *off)
{
	size_t n = 0;

	for (size_t i = 0; i < sizeof unmapped_fixed / sizeof *unmapped_fixed; i++)
		off[n++] = unmapped_fixed[i];
	for (unsigned ch = 0; ch < 8; ch++)
		for (uint32_t r = 0x14; r < 0x20; r += 4)
			off[n++] = PL08X_CH_BASE(ch) + r;
	return n;
}

/* The n-th beat on master 0 in direction dir; fails the test when there is none */
static const tb_beat *nth(enum tb_dir dir, size_t n)
{
	const tb_beat *b = tb_nth_beat(t, 0, dir, n);

	cr_assert_not_null(b, "no %s beat #%zu", dir == TB_WRITE ? "write" : "read", n);
	return b;
}

/* ---- small scenarios ----------------------------------------------------------------------- */

/* Enable channel n on a transfer that waits for a peripheral request that never comes
 * (peripheral to memory, DMAC flow, source line n, nothing drives it): it stays enabled. */
static void enable_waiting(unsigned n)
{
	pl08x_lli item = { .src = 0x7000, .dst = 0x1000 + 0x40 * n, .lli = 0,
			   .ctl = tb_ctl(4, PL08X_BSIZE_4, PL08X_BSIZE_4, W32, W32, false, true, true) };

	cr_assert_eq(tb_program(t, n, &item, TB_CCFG(E, 1) | TB_CCFG(SRC_PERIPH, n) |
				TB_CCFG(FLOW, PL08X_FLOW_PER2MEM)), PL08X_ACCESS_OK);
}

/* Non-zero state everywhere it can be: channel 0 finished with TC (ITC on), channel 1
 * failed on an ERROR (IE on), channel 2 waits enabled, controller on, Sync set. */
static void busy_state(void)
{
	tb_add_mem(t, 0, 0x1000, 0x1000, 0);
	tb_add_error(t, 0, 0x8000, 0x100, true, true);
	tb_mem_pattern(t, 0, 0x1000, 4, 1);
	tb_wr(t, PL08X_CONFIG, 1);
	tb_wr(t, PL08X_SYNC, 0x0F0F);
	pl08x_lli ok = { .src = 0x1000, .dst = 0x1800, .lli = 0,
			 .ctl = tb_ctl(1, 0, 0, W32, W32, true, true, true) };
	pl08x_lli bad = { .src = 0x8000, .dst = 0x1900, .lli = 0,
			  .ctl = tb_ctl(1, 0, 0, W32, W32, true, true, true) };
	tb_program(t, 0, &ok, TB_CCFG(E, 1) | TB_CCFG(ITC, 1) | TB_CCFG(IE, 1));
	tb_program(t, 1, &bad, TB_CCFG(E, 1) | TB_CCFG(ITC, 1) | TB_CCFG(IE, 1));
	tb_run(t, 20);
	enable_waiting(2);
	tb_run(t, 2);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x1);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0x2);
	cr_assert_eq(tb_rd(t, PL08X_INT_STATUS), 0x3);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0x4);
}

/* ---- reset values -------------------------------------------------------------------------- */

Test(regs, global_registers_reset_to_zero)
{
	for (size_t i = 0; i < sizeof global_readable / sizeof *global_readable; i++) {
		uint32_t off = global_readable[i];

		cr_assert_eq(tb_rd(t, off), 0, "0x%03x resets to 0x%08x", (unsigned)off, tb_rd(t, off));
		cr_assert_eq(t->last_access, PL08X_ACCESS_OK, "0x%03x access %d", (unsigned)off,
			     t->last_access);
	}
}

Test(regs, every_channel_register_of_all_eight_channels_resets_to_zero)
{
	/* Make the test able to see a non-reset state: then reset and look again. */
	for (unsigned ch = 0; ch < 8; ch++)
		for (uint32_t r = 0; r < PL08X_CH_CONFIG; r += 4)
			tb_wr(t, PL08X_CH_BASE(ch) + r, 0x5A5A5A58u);
	pl08x_reset(t->dev);
	for (unsigned ch = 0; ch < 8; ch++)
		for (uint32_t r = 0; r <= PL08X_CH_CONFIG; r += 4) {
			uint32_t v = tb_ch_rd(t, ch, r);

			cr_assert_eq(t->last_access, PL08X_ACCESS_OK, "ch%u reg 0x%02x access", ch, (unsigned)r);
			cr_assert_eq(v, 0, "ch%u reg 0x%02x resets to 0x%08x", ch, (unsigned)r, (unsigned)v);
		}
	cr_assert_eq(tb_cycle(t), 0);
}

Test(regs, test_registers_reset_to_zero)
{
	for (size_t i = 0; i < 4; i++) {
		cr_assert_eq(tb_rd(t, test_regs[i]), 0, "0x%03x", (unsigned)test_regs[i]);
		cr_assert_eq(t->last_access, PL08X_ACCESS_OK);
	}
}

Test(regs, id_registers_read_the_pl080_values)
{
	static const uint32_t want[8] = { 0x80, 0x10, 0x04, 0x0A, 0x0D, 0xF0, 0x05, 0xB1 };

	for (unsigned i = 0; i < 8; i++) {
		uint32_t off = PL08X_PERIPH_ID0 + 4 * i;
		uint32_t v = tb_rd(t, off);

		cr_assert_eq(t->last_access, PL08X_ACCESS_OK, "0x%03x access", (unsigned)off);
		cr_assert_eq(v, want[i], "0x%03x reads 0x%02x, want 0x%02x", (unsigned)off,
			     (unsigned)v, (unsigned)want[i]);
	}
}

Test(regs, pl080_has_eight_channels_and_two_masters)
{
	cr_assert_eq(pl08x_channels(t->dev), 8);
	cr_assert_eq(pl08x_masters(t->dev), 2);
	cr_assert_eq(pl08x_variant_of(t->dev), PL08X_VARIANT_PL080);
}

/* ---- access types -------------------------------------------------------------------------- */

Test(regs, writes_to_read_only_registers_are_ignored_with_read_only_status)
{
	busy_state();
	for (size_t i = 0; i < sizeof read_only / sizeof *read_only; i++) {
		const uint32_t vals[2] = { 0x00000000u, 0xFFFFFFFFu };
		map_snap before;
		char what[64];

		for (unsigned k = 0; k < 2; k++) {
			snapshot(&before);
			cr_assert_eq(tb_wr(t, read_only[i], vals[k]), PL08X_ACCESS_READ_ONLY,
				     "write 0x%08x to 0x%03x", (unsigned)vals[k], (unsigned)read_only[i]);
			snprintf(what, sizeof what, "after writing 0x%08x to 0x%03x",
				 (unsigned)vals[k], (unsigned)read_only[i]);
			assert_same_map(&before, what);
		}
	}
}

Test(regs, reads_of_the_clear_registers_return_zero_with_write_only_status)
{
	busy_state();
	cr_assert_eq(tb_rd(t, PL08X_INT_TC_CLEAR), 0);
	cr_assert_eq(t->last_access, PL08X_ACCESS_WRITE_ONLY);
	cr_assert_eq(tb_rd(t, PL08X_INT_ERR_CLR), 0);
	cr_assert_eq(t->last_access, PL08X_ACCESS_WRITE_ONLY);
	/* A read does not clear anything. */
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_TC_STATUS), 0x1);
	cr_assert_eq(tb_rd(t, PL08X_RAW_INT_ERR_STATUS), 0x2);
}

Test(regs, unmapped_offsets_read_zero_with_unmapped_status)
{
	uint32_t off[64];
	size_t n = unmapped_list(off);

	busy_state();
	/* Non-zero content in every channel register that an alias could show. */
	for (unsigned ch = 3; ch < 8; ch++)
		for (uint32_t r = 0; r < PL08X_CH_CONFIG; r += 4)
			tb_wr(t, PL08X_CH_BASE(ch) + r, 0xC0DE0000u | (ch << 8) | r);
	tb_wr(t, PL08X_ITOP1, 0x1234);
	for (size_t i = 0; i < n; i++) {
		uint32_t v = 0xFFFFFFFFu;

		cr_assert_eq(pl08x_read(t->dev, off[i], &v), PL08X_ACCESS_UNMAPPED, "0x%03x", (unsigned)off[i]);
		cr_assert_eq(v, 0, "0x%03x reads 0x%08x", (unsigned)off[i], (unsigned)v);
	}
}

Test(regs, writes_to_unmapped_offsets_change_no_register)
{
	uint32_t off[64];
	size_t n = unmapped_list(off);
	map_snap before;

	busy_state();
	for (unsigned ch = 3; ch < 8; ch++)
		for (uint32_t r = 0; r < PL08X_CH_CONFIG; r += 4)
			tb_wr(t, PL08X_CH_BASE(ch) + r, 0xC0DE0000u | (ch << 8) | r);
	tb_wr(t, PL08X_ITOP2, 0x00FF);
	snapshot(&before);
	for (size_t i = 0; i < n; i++) {
		cr_assert_eq(tb_wr(t, off[i], 0xFFFFFFFFu), PL08X_ACCESS_UNMAPPED, "0x%03x", (unsigned)off[i]);
		cr_assert_eq(tb_wr(t, off[i], 0), PL08X_ACCESS_UNMAPPED, "0x%03x", (unsigned)off[i]);
	}
	assert_same_map(&before, "after writing the unmapped offsets");
}

/* ---- reserved bits ------------------------------------------------------------------------- */

Test(regs, configuration_keeps_only_e_m1_m2)
{
	cr_assert_eq(tb_wr(t, PL08X_CONFIG, 0xFFFFFFFFu), PL08X_ACCESS_OK);
	cr_assert_eq(tb_rd(t, PL08X_CONFIG), 0x7);
	tb_wr(t, PL08X_CONFIG, 0xFFFFFFFAu);
	cr_assert_eq(tb_rd(t, PL08X_CONFIG), 0x2);
}

Test(regs, sync_keeps_bits_15_to_0)
{
	cr_assert_eq(tb_wr(t, PL08X_SYNC, 0xFFFFFFFFu), PL08X_ACCESS_OK);
	cr_assert_eq(tb_rd(t, PL08X_SYNC), 0xFFFF);
	tb_wr(t, PL08X_SYNC, 0xABCD1234u);
	cr_assert_eq(tb_rd(t, PL08X_SYNC), 0x1234);
}

Test(regs, soft_request_registers_read_back_16_pending_bits)
{
	static const uint32_t soft[4] = { PL08X_SOFT_BREQ, PL08X_SOFT_SREQ, PL08X_SOFT_LBREQ, PL08X_SOFT_LSREQ };

	for (unsigned k = 0; k < 4; k++) {
		pl08x_reset(t->dev);
		cr_assert_eq(tb_wr(t, soft[k], 0xFFFFFFFFu), PL08X_ACCESS_OK);
		for (unsigned j = 0; j < 4; j++)
			cr_assert_eq(tb_rd(t, soft[j]), j == k ? 0xFFFFu : 0u,
				     "after writing 0x%03x, 0x%03x reads 0x%08x", (unsigned)soft[k],
				     (unsigned)soft[j], tb_rd(t, soft[j]));
	}
}

Test(regs, test_registers_keep_their_defined_bits)
{
	static const uint32_t want[4] = { 0x1, 0xFFFF, 0xFFFF, 0x7 };

	for (unsigned i = 0; i < 4; i++) {
		cr_assert_eq(tb_wr(t, test_regs[i], 0xFFFFFFFFu), PL08X_ACCESS_OK);
		cr_assert_eq(tb_rd(t, test_regs[i]), want[i], "0x%03x reads 0x%08x",
			     (unsigned)test_regs[i], tb_rd(t, test_regs[i]));
	}
}

Test(regs, channel_address_and_control_registers_keep_all_32_bits_lli_bit_1_reads_zero)
{
	for (unsigned ch = 0; ch < 8; ch++) {
		for (uint32_t r = 0; r < PL08X_CH_CONFIG; r += 4)
			cr_assert_eq(tb_wr(t, PL08X_CH_BASE(ch) + r, 0xFFFFFFFFu), PL08X_ACCESS_OK);
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_SRC_ADDR), 0xFFFFFFFFu, "ch%u", ch);
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_DEST_ADDR), 0xFFFFFFFFu, "ch%u", ch);
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_LLI), 0xFFFFFFFDu, "ch%u LLI", ch);
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_CONTROL), 0xFFFFFFFFu, "ch%u Control", ch);
	}
}

Test(regs, channel_configuration_a_and_reserved_bits_read_zero)
{
	/* E=0 written: bits 1-4, 6-9, 11-16 and 18 stay; A (17), 5, 10, 19-31 read 0. */
	for (unsigned ch = 0; ch < 8; ch++) {
		cr_assert_eq(tb_wr(t, CH(ch, CONFIG), 0xFFFFFFFEu), PL08X_ACCESS_OK);
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_CONFIG), 0x0005FBDEu, "ch%u reads 0x%08x", ch,
			     tb_ch_rd(t, ch, PL08X_CH_CONFIG));
		tb_wr(t, CH(ch, CONFIG), PL08X_MASK(PL08X_CCFG_A));
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_CONFIG), 0, "ch%u: A written", ch);
	}
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
}

Test(regs, each_channel_register_is_decoded_to_its_own_channel)
{
	for (unsigned ch = 0; ch < 8; ch++) {
		tb_wr(t, CH(ch, SRC_ADDR), 0xA0000000u | (ch << 8));
		tb_wr(t, CH(ch, DEST_ADDR), 0xB0000004u | (ch << 8));
		tb_wr(t, CH(ch, LLI), 0xC0000008u | (ch << 8) | 1u);
		tb_wr(t, CH(ch, CONTROL), 0xD000000Cu | (ch << 8));
		tb_wr(t, CH(ch, CONFIG), TB_CCFG(SRC_PERIPH, ch) | TB_CCFG(DEST_PERIPH, 15 - ch) |
					 TB_CCFG(FLOW, ch));
	}
	for (unsigned ch = 0; ch < 8; ch++) {
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_SRC_ADDR), 0xA0000000u | (ch << 8), "ch%u", ch);
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_DEST_ADDR), 0xB0000004u | (ch << 8), "ch%u", ch);
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_LLI), 0xC0000009u | (ch << 8), "ch%u", ch);
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_CONTROL), 0xD000000Cu | (ch << 8), "ch%u", ch);
		cr_assert_eq(tb_ch_rd(t, ch, PL08X_CH_CONFIG),
			     TB_CCFG(SRC_PERIPH, ch) | TB_CCFG(DEST_PERIPH, 15 - ch) | TB_CCFG(FLOW, ch),
			     "ch%u", ch);
	}
}

/* ---- an enabled channel -------------------------------------------------------------------- */

Test(regs, writes_to_address_lli_control_of_an_enabled_channel_are_ignored_busy)
{
	tb_wr(t, PL08X_CONFIG, 1);
	enable_waiting(0);
	tb_run(t, 5);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0x1);
	uint32_t before[4];
	for (unsigned r = 0; r < 4; r++)
		before[r] = tb_ch_rd(t, 0, 4 * r);
	for (unsigned r = 0; r < 4; r++) {
		cr_assert_eq(tb_wr(t, PL08X_CH_BASE(0) + 4 * r, 0x12345670u), PL08X_ACCESS_CHANNEL_BUSY,
			     "reg 0x%02x", 4 * r);
		cr_assert_eq(tb_ch_rd(t, 0, 4 * r), before[r], "reg 0x%02x changed", 4 * r);
	}
	/* A disabled channel next to it still takes writes. */
	cr_assert_eq(tb_wr(t, CH(1, SRC_ADDR), 0x12345670u), PL08X_ACCESS_OK);
	cr_assert_eq(tb_ch_rd(t, 1, PL08X_CH_SRC_ADDR), 0x12345670u);
	cr_assert_eq(t->violations, 0);
}

Test(regs, configuration_written_while_enabled_changes_only_ie_itc_l_h)
{
	uint32_t base = TB_CCFG(E, 1) | TB_CCFG(SRC_PERIPH, 0) | TB_CCFG(FLOW, PL08X_FLOW_PER2MEM);
	uint32_t live = TB_CCFG(IE, 1) | TB_CCFG(ITC, 1) | TB_CCFG(L, 1) | TB_CCFG(H, 1);

	tb_wr(t, PL08X_CONFIG, 1);
	enable_waiting(0);
	tb_run(t, 3);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_CONFIG), base);
	cr_assert_eq(tb_wr(t, CH(0, CONFIG), TB_CCFG(E, 1) | TB_CCFG(SRC_PERIPH, 9) |
				TB_CCFG(DEST_PERIPH, 7) | TB_CCFG(FLOW, PL08X_FLOW_PER2MEM_PER) | live),
		     PL08X_ACCESS_OK);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_CONFIG), base | live, "reads 0x%08x",
		     tb_ch_rd(t, 0, PL08X_CH_CONFIG));
	tb_wr(t, CH(0, CONFIG), base);
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_CONFIG), base, "live bits not cleared: 0x%08x",
		     tb_ch_rd(t, 0, PL08X_CH_CONFIG));
	/* Writing E=0 disables; the other fields keep their values. */
	tb_wr(t, CH(0, CONFIG), base & ~TB_CCFG(E, 1));
	cr_assert_eq(tb_ch_rd(t, 0, PL08X_CH_CONFIG), base & ~TB_CCFG(E, 1));
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
}

Test(regs, enbldchns_mirrors_the_e_bit_of_each_channel)
{
	tb_wr(t, PL08X_CONFIG, 1);
	for (unsigned ch = 0; ch < 8; ch++) {
		enable_waiting(ch);
		tb_run(t, 3);
		cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), (2u << ch) - 1u, "after enabling ch%u: 0x%02x",
			     ch, tb_rd(t, PL08X_ENBLD_CHNS));
	}
	tb_run(t, 50);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0xFF);
	/* Disable 3, then 0, then 7: each bit follows its channel's E. */
	static const unsigned order[3] = { 3, 0, 7 };
	uint32_t want = 0xFF;
	for (unsigned i = 0; i < 3; i++) {
		unsigned ch = order[i];
		uint32_t cfg = tb_ch_rd(t, ch, PL08X_CH_CONFIG);

		cr_assert(PL08X_GET(cfg, PL08X_CCFG_E), "ch%u E", ch);
		tb_wr(t, CH(ch, CONFIG), PL08X_SET(cfg, PL08X_CCFG_E, 0));
		want &= ~(1u << ch);
		cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), want, "after disabling ch%u: 0x%02x", ch,
			     tb_rd(t, PL08X_ENBLD_CHNS));
	}
	cr_assert_eq(t->n_beats, 0);
}

Test(regs, e_clears_in_the_step_that_ends_the_last_write)
{
	/* 4 words, bursts of 4: reads 2..5, IDLE 6 (FIFO not full), IDLE 7 (arbitration),
	 * writes 8..11, the last data phase is cycle 12: E reads 0 from cycle 13. */
	tb_add_mem(t, 0, 0x1000, 0x1000, 0);
	tb_mem_pattern(t, 0, 0x1000, 16, 7);
	tb_wr(t, PL08X_CONFIG, 1);
	pl08x_lli item = { .src = 0x1000, .dst = 0x1800, .lli = 0,
			   .ctl = tb_ctl(4, PL08X_BSIZE_4, PL08X_BSIZE_4, W32, W32, true, true, false) };
	tb_program(t, 0, &item, TB_CCFG(E, 1));
	tb_run(t, 12);
	cr_assert_eq(tb_cycle(t), 12);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 1);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONFIG), PL08X_CCFG_E), 1);
	tb_step(t);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONFIG), PL08X_CCFG_E), 0);
	cr_assert_eq(tb_count_beats(t, 0, TB_WRITE), 4);
	cr_assert_eq(nth(TB_WRITE, 3)->cycle, 11);
	cr_assert_eq(nth(TB_WRITE, 3)->done_cycle, 12);
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONTROL), PL08X_CCTL_TS), 0);
	cr_assert_eq(tb_mem_cmp(t, 0, 0x1000, 0, 0x1800, 16), -1);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->stray, 0);
}

/* ---- names and decode ---------------------------------------------------------------------- */

Test(regs, reg_name_gives_the_trm_names)
{
	static const struct { uint32_t off; const char *name; } names[] = {
		{ 0x000, "DMACIntStatus" }, { 0x004, "DMACIntTCStatus" }, { 0x008, "DMACIntTCClear" },
		{ 0x00C, "DMACIntErrorStatus" }, { 0x010, "DMACIntErrClr" },
		{ 0x014, "DMACRawIntTCStatus" }, { 0x018, "DMACRawIntErrorStatus" },
		{ 0x01C, "DMACEnbldChns" }, { 0x020, "DMACSoftBReq" }, { 0x024, "DMACSoftSReq" },
		{ 0x028, "DMACSoftLBReq" }, { 0x02C, "DMACSoftLSReq" }, { 0x030, "DMACConfiguration" },
		{ 0x034, "DMACSync" },
		{ 0x100, "DMACCxSrcAddr" }, { 0x104, "DMACCxDestAddr" }, { 0x108, "DMACCxLLI" },
		{ 0x10C, "DMACCxControl" }, { 0x110, "DMACCxConfiguration" },
		{ 0x1E0, "DMACCxSrcAddr" }, { 0x1F0, "DMACCxConfiguration" }, { 0x16C, "DMACCxControl" },
		{ 0x500, "DMACITCR" }, { 0x504, "DMACITOP1" }, { 0x508, "DMACITOP2" }, { 0x50C, "DMACITOP3" },
		{ 0xFE0, "DMACPeriphID0" }, { 0xFE4, "DMACPeriphID1" }, { 0xFE8, "DMACPeriphID2" },
		{ 0xFEC, "DMACPeriphID3" }, { 0xFF0, "DMACPCellID0" }, { 0xFF4, "DMACPCellID1" },
		{ 0xFF8, "DMACPCellID2" }, { 0xFFC, "DMACPCellID3" },
	};
	uint32_t off[64];
	size_t n = unmapped_list(off);

	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const char *got = pl08x_reg_name(t->dev, names[i].off);

		cr_assert_not_null(got, "0x%03x has no name", (unsigned)names[i].off);
		cr_assert_str_eq(got, names[i].name, "0x%03x", (unsigned)names[i].off);
	}
	for (size_t i = 0; i < n; i++)
		cr_assert_null(pl08x_reg_name(t->dev, off[i]), "unmapped 0x%03x has a name",
			       (unsigned)off[i]);
}

Test(regs, the_low_two_offset_bits_are_ignored)
{
	for (uint32_t lo = 0; lo < 4; lo++) {
		tb_wr(t, CH(2, SRC_ADDR) + lo, 0x11110000u + lo);
		for (uint32_t rlo = 0; rlo < 4; rlo++)
			cr_assert_eq(tb_rd(t, CH(2, SRC_ADDR) + rlo), 0x11110000u + lo,
				     "written at +%u, read at +%u", (unsigned)lo, (unsigned)rlo);
		cr_assert_eq(tb_ch_rd(t, 2, PL08X_CH_DEST_ADDR), 0, "+%u leaked into DestAddr", (unsigned)lo);
	}
	cr_assert_eq(tb_wr(t, PL08X_SYNC + 3, 0x00A5), PL08X_ACCESS_OK);
	cr_assert_eq(tb_rd(t, PL08X_SYNC), 0x00A5);
	cr_assert_eq(tb_rd(t, PL08X_SYNC + 1), 0x00A5);
	cr_assert_eq(tb_rd(t, PL08X_PERIPH_ID0 + 2), 0x80);
	cr_assert_eq(tb_wr(t, PL08X_ENBLD_CHNS + 1, 0xFF), PL08X_ACCESS_READ_ONLY);
	cr_assert_eq(tb_rd(t, PL08X_INT_TC_CLEAR + 3), 0);
	cr_assert_eq(t->last_access, PL08X_ACCESS_WRITE_ONLY);
	cr_assert_eq(tb_rd(t, 0x03B), 0);
	cr_assert_eq(t->last_access, PL08X_ACCESS_UNMAPPED);
	cr_assert_str_eq(pl08x_reg_name(t->dev, 0x10E), "DMACCxControl");
}

/* ---- software requests --------------------------------------------------------------------- */

Test(regs, soft_request_bits_stay_pending_while_nothing_serves_them)
{
	tb_wr(t, PL08X_CONFIG, 1);
	tb_wr(t, PL08X_SOFT_SREQ, 0x8001);
	tb_wr(t, PL08X_SOFT_LBREQ, 0x0100);
	tb_run(t, 10);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_SREQ), 0x8001);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_LBREQ), 0x0100);
	/* Writes accumulate: a later 1 adds a bit, a 0 clears nothing. */
	tb_wr(t, PL08X_SOFT_SREQ, 0x0010);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_SREQ), 0x8011);
	tb_wr(t, PL08X_SOFT_SREQ, 0);
	tb_wr(t, PL08X_SOFT_LBREQ, 0xFEFF);
	tb_run(t, 2);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_SREQ), 0x8011);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_LBREQ), 0xFFFF);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_BREQ), 0);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_LSREQ), 0);
	cr_assert_eq(t->out.clr, 0);
}

Test(regs, soft_burst_request_reads_pending_until_served_then_clears_with_one_cycle_clr)
{
	/* Memory to peripheral (line 5), DMAC flow, one word, burst 1. Enabled at 0, the word is
	 * prefetched (read 2, data 3). SoftBReq written at T=6 is seen in step 6: IDLE 7, write
	 * NONSEQ 8, data phase 9: the request is served in step 9, so the bit reads 0 from
	 * cycle 10, where DMACCLR[5] (and DMACTC[5], last transfer) is high for one cycle. */
	tb_add_mem(t, 0, 0x1000, 0x100, 0);
	tb_periph *p = tb_add_periph(t, 5, 0, 0x4000);
	tb_wr32(t, 0, 0x1000, 0xCAFEF00Du);
	tb_wr(t, PL08X_CONFIG, 1);
	pl08x_lli item = { .src = 0x1000, .dst = 0x4000, .lli = 0,
			   .ctl = tb_ctl(1, 0, 0, W32, W32, true, false, true) };
	tb_program(t, 0, &item, TB_CCFG(E, 1) | TB_CCFG(DEST_PERIPH, 5) |
				 TB_CCFG(FLOW, PL08X_FLOW_MEM2PER));
	tb_run(t, 6);
	cr_assert_eq(tb_count_beats(t, 0, TB_READ), 1);
	cr_assert_eq(tb_count_beats(t, 0, TB_WRITE), 0, "wrote without a request");
	cr_assert_eq(tb_wr(t, PL08X_SOFT_BREQ, 1u << 5), PL08X_ACCESS_OK);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_BREQ), 1u << 5);
	tb_wr(t, PL08X_SOFT_BREQ, 0);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_BREQ), 1u << 5, "writing 0 cleared the request");
	for (uint64_t c = 7; c <= 9; c++) {
		tb_step(t);
		cr_assert_eq(tb_rd(t, PL08X_SOFT_BREQ), 1u << 5, "cycle %llu", (unsigned long long)c);
	}
	tb_step(t);
	cr_assert_eq(tb_cycle(t), 10);
	cr_assert_eq(tb_rd(t, PL08X_SOFT_BREQ), 0);
	const tb_beat *w = tb_nth_beat(t, 0, TB_WRITE, 0);
	cr_assert_not_null(w);
	cr_assert_eq(w->cycle, 8);
	cr_assert_eq(w->addr, 0x4000);
	cr_assert_eq(w->data, 0xCAFEF00Du);
	cr_assert_eq(tb_event_cycle(t, TB_EV_CLR, 5, true, 0), 10);
	cr_assert_eq(tb_event_cycle(t, TB_EV_TC, 5, true, 0), 10);
	tb_step(t);
	cr_assert_eq(tb_event_cycle(t, TB_EV_CLR, 5, false, 0), 11);
	cr_assert_eq(t->out.clr, 0);
	cr_assert_eq(p->cap_len, 4);
	cr_assert_eq(tb_rd(t, PL08X_ENBLD_CHNS), 0);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	cr_assert_eq(t->stray, 0);
}
