/* The harness bus fabric (harness/bus.h): wait states, ERROR, byte lanes, lookup order, stray
 * accesses, windows, backdoor, validation, stats; driven by hand-made pins and by the model,
 * whose beats must land on the same cycles as with the model tests' testbench (tests/support/tb).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "harness/bus.h"
#include "hx_rig.h"
#include "tb.h"

/* ---- a hand-made master: pipelined transfers, each started as soon as HREADY allows ------- */

typedef struct xfer {
	uint32_t addr, data;
	bool wr;
	uint8_t hsize;
} xfer;

#define MAXC 256

typedef struct drive_log {
	bool hready[MAXC];
	uint8_t hresp[MAXC];
	uint32_t hrdata[MAXC];
	hx_bus_beat beats[64];
	size_t nb;
	uint64_t cycles;
} drive_log;

static void log_beat(void *ctx, const hx_bus_beat *b)
{
	drive_log *l = ctx;

	cr_assert_lt(l->nb, 64);
	l->beats[l->nb++] = *b;
}

/* Issue @n transfers on master @m as NONSEQ singles, back to back; run until all are done */
static void drive(hx_bus *b, unsigned m, const xfer *x, size_t n, drive_log *l)
{
	pl08x_pins_out out = { 0 };
	pl08x_pins_in in;
	uint32_t wdata = 0;
	size_t i = 0;

	memset(l, 0, sizeof *l);
	hx_bus_on_beat(b, log_beat, l);
	for (uint64_t c = 0; c < MAXC; c++) {
		out.htrans[m] = i < n ? PL08X_HTRANS_NONSEQ : PL08X_HTRANS_IDLE;
		if (i < n) {
			out.haddr[m] = x[i].addr;
			out.hwrite[m] = x[i].wr;
			out.hsize[m] = x[i].hsize;
			out.hburst[m] = PL08X_HBURST_INCR;
		}
		out.hwdata[m] = wdata;
		hx_bus_cycle(b, c, &out, &in);
		l->hready[c] = in.hready[m];
		l->hresp[c] = in.hresp[m];
		l->hrdata[c] = in.hrdata[m];
		if (in.hready[m] && i < n)
			wdata = x[i++].data;
		if (i == n && hx_bus_idle(b) && l->nb == n) {
			l->cycles = c + 1;
			return;
		}
	}
	cr_assert_fail("transfers not done in %d cycles", MAXC);
}

static xfer rd32(uint32_t a) { return (xfer){ .addr = a, .hsize = PL08X_HSIZE_32 }; }
static xfer wr(uint32_t a, uint8_t hsize, uint32_t d) { return (xfer){ .addr = a, .data = d, .wr = true, .hsize = hsize }; }

static hx_bus *bus;

static void setup(void) { bus = hx_bus_create(2, 1); cr_assert_not_null(bus); }
static void teardown(void) { hx_bus_destroy(bus); bus = NULL; }

TestSuite(hx_bus, .init = setup, .fini = teardown, .timeout = 20);

/* ---- wait states -------------------------------------------------------------------------- */

Test(hx_bus, fixed_two_waits_stretch_each_data_phase_by_two_cycles)
{
	drive_log l;
	xfer x[2] = { rd32(0x10), rd32(0x14) };

	cr_assert_geq(hx_bus_add_mem(bus, "m", 0, 0, 0x100, false, hx_bus_waits_fixed(2)), 0);
	cr_assert_eq(hx_bus_mem_write(bus, 0, 0x10, "\x11\x22\x33\x44\x55\x66\x77\x88", 8), 0);
	drive(bus, 0, x, 2, &l);
	/* address 0 accepted; data cycles 1,2 wait, 3 done; 2nd address accepted at 3; 4,5 wait, 6 done */
	bool want[7] = { 1, 0, 0, 1, 0, 0, 1 };
	for (int c = 0; c < 7; c++)
		cr_assert_eq(l.hready[c], want[c], "cycle %d", c);
	cr_assert_eq(l.beats[0].cycle, 0);
	cr_assert_eq(l.beats[0].done_cycle, 3);
	cr_assert_eq(l.beats[1].cycle, 3);
	cr_assert_eq(l.beats[1].done_cycle, 6);
	cr_assert_eq(l.hrdata[3], 0x44332211u);
	cr_assert_eq(l.hrdata[6], 0x88776655u);
	hx_bus_stats st;
	hx_bus_get_stats(bus, &st);
	cr_assert_eq(st.beats[0], 2);
	cr_assert_eq(st.beats[1], 0);
	cr_assert_eq(st.busy_cycles[0], 6);
	cr_assert_eq(st.busy_cycles[1], 0);
}

Test(hx_bus, pattern_waits_cycle_per_data_phase)
{
	hx_bus_waits w = { .kind = HX_BUS_WAIT_PATTERN, .pattern = { 1, 0, 3 }, .len = 3 };
	drive_log l;
	xfer x[5] = { rd32(0), rd32(4), rd32(8), rd32(12), rd32(16) };
	const unsigned want[5] = { 1, 0, 3, 1, 0 };

	cr_assert_geq(hx_bus_add_mem(bus, "m", 1, 0, 0x100, false, w), 0);
	drive(bus, 1, x, 5, &l);
	for (int i = 0; i < 5; i++)
		cr_assert_eq(l.beats[i].done_cycle - l.beats[i].cycle - 1, want[i], "beat %d", i);
	cr_assert_eq(l.beats[4].done_cycle, 5 + 1 + 0 + 3 + 1 + 0);
}

/* The wait states of @n reads on a fresh bus of @seed with random waits in [0, 7] */
static void random_waits(uint64_t seed, unsigned *w, size_t n)
{
	hx_bus *b = hx_bus_create(1, seed);
	hx_bus_waits rw = { .kind = HX_BUS_WAIT_RANDOM, .min = 0, .max = 7 };
	xfer x[16];
	drive_log l;

	cr_assert_geq(hx_bus_add_mem(b, "m", 0, 0, 0x100, false, rw), 0);
	for (size_t i = 0; i < n; i++)
		x[i] = rd32(4 * (uint32_t)i);
	drive(b, 0, x, n, &l);
	for (size_t i = 0; i < n; i++) {
		w[i] = (unsigned)(l.beats[i].done_cycle - l.beats[i].cycle - 1);
		cr_assert_leq(w[i], 7);
	}
	hx_bus_destroy(b);
}

Test(hx_bus, random_waits_repeat_for_a_seed_and_differ_across_seeds)
{
	unsigned a[16], b[16], c[16];
	bool seen[8] = { 0 };

	random_waits(42, a, 16);
	random_waits(42, b, 16);
	random_waits(43, c, 16);
	cr_assert_arr_eq(a, b, sizeof a);
	cr_assert(memcmp(a, c, sizeof a), "seeds 42 and 43 gave the same 16 wait states");
	for (int i = 0; i < 16; i++)
		seen[a[i]] = true;
	unsigned kinds = 0;
	for (int i = 0; i < 8; i++)
		kinds += seen[i];
	cr_assert_geq(kinds, 4, "16 draws in [0,7] gave only %u values", kinds);
}

Test(hx_bus, random_waits_with_min_equal_max_are_fixed)
{
	hx_bus_waits rw = { .kind = HX_BUS_WAIT_RANDOM, .min = 2, .max = 2 };
	xfer x[3] = { rd32(0), rd32(4), rd32(8) };
	drive_log l;

	cr_assert_geq(hx_bus_add_mem(bus, "m", 0, 0, 0x100, false, rw), 0);
	drive(bus, 0, x, 3, &l);
	for (int i = 0; i < 3; i++)
		cr_assert_eq(l.beats[i].done_cycle - l.beats[i].cycle, 3);
}

/* ---- ERROR -------------------------------------------------------------------------------- */

Test(hx_bus, error_region_answers_waits_then_two_error_cycles)
{
	hx_bus_stats st;
	drive_log l;
	xfer x[1] = { rd32(0x804) };

	cr_assert_geq(hx_bus_add_mem(bus, "m", 0, 0, 0x1000, false, hx_bus_waits_fixed(0)), 0);
	int e = hx_bus_add_error(bus, "hole", 0, 0x800, 0x100, true, false, hx_bus_waits_fixed(1));
	cr_assert_geq(e, 0);
	drive(bus, 0, x, 1, &l);
	/* cycle 1: OKAY wait; 2: ERROR, HREADY low; 3: ERROR, HREADY high */
	cr_assert_eq(l.hready[1], false);
	cr_assert_eq(l.hresp[1], PL08X_HRESP_OKAY);
	cr_assert_eq(l.hready[2], false);
	cr_assert_eq(l.hresp[2], PL08X_HRESP_ERROR);
	cr_assert_eq(l.hready[3], true);
	cr_assert_eq(l.hresp[3], PL08X_HRESP_ERROR);
	cr_assert_eq(l.beats[0].done_cycle, 3);
	cr_assert_eq(l.beats[0].resp, PL08X_HRESP_ERROR);
	cr_assert_eq(l.beats[0].slave, e);
	cr_assert_str_eq(hx_bus_slave_name(bus, l.beats[0].slave), "hole");
	hx_bus_get_stats(bus, &st);
	cr_assert_eq(st.errors, 1);
	cr_assert_eq(st.busy_cycles[0], 3);
}

Test(hx_bus, read_only_error_region_lets_writes_through_to_the_memory_below)
{
	drive_log l;
	xfer x[2] = { wr(0x804, PL08X_HSIZE_32, 0xCAFEF00Du), rd32(0x804) };
	uint32_t v = 0;

	cr_assert_geq(hx_bus_add_mem(bus, "m", 0, 0, 0x1000, false, hx_bus_waits_fixed(0)), 0);
	cr_assert_geq(hx_bus_add_error(bus, "hole", 0, 0x800, 0x100, true, false, hx_bus_waits_fixed(0)), 0);
	drive(bus, 0, x, 2, &l);
	cr_assert_eq(l.beats[0].resp, PL08X_HRESP_OKAY);
	cr_assert_eq(l.beats[0].done_cycle, 1);
	cr_assert_eq(l.beats[1].resp, PL08X_HRESP_ERROR);
	cr_assert_eq(l.beats[1].done_cycle, 3);
	cr_assert_eq(l.hrdata[3], 0);
	hx_bus_mem_read(bus, 0, 0x804, &v, 4);
	cr_assert_eq(v, 0xCAFEF00Du);
}

/* ---- byte lanes --------------------------------------------------------------------------- */

/* Write 8-, 16- and 32-bit values, then read the words back on the bus */
static void lanes(bool be, const uint8_t want_bytes[8], uint32_t want_w0, uint32_t want_w1)
{
	drive_log l;
	uint8_t got[8];
	uint32_t b8 = be ? 0x00AA0000u : 0x0000AA00u;                /* byte 0xAA at address 1 */
	uint32_t h16 = be ? 0x0000BBCCu : 0xBBCC0000u;               /* halfword 0xBBCC at 2 */
	/* the other lanes carry junk that must not be stored */
	xfer x[5] = { wr(0x1, PL08X_HSIZE_8, b8 | 0x11000011u), wr(0x2, PL08X_HSIZE_16, h16 | (be ? 0x11110000u : 0x1111u)),
		      wr(0x4, PL08X_HSIZE_32, 0x01020304u), rd32(0x0), rd32(0x4) };

	cr_assert_geq(hx_bus_add_mem(bus, "m", 0, 0, 0x100, be, hx_bus_waits_fixed(0)), 0);
	cr_assert_eq(hx_bus_mem_big_endian(bus, 0, 0x10), be);
	drive(bus, 0, x, 5, &l);
	hx_bus_mem_read(bus, 0, 0, got, 8);
	cr_assert_arr_eq(got, want_bytes, 8);
	cr_assert_eq(l.beats[3].data, want_w0, "word 0 read 0x%08x", l.beats[3].data);
	cr_assert_eq(l.beats[4].data, want_w1, "word 1 read 0x%08x", l.beats[4].data);
	cr_assert_eq(l.beats[0].data, b8 | 0x11000011u, "a write's beat holds HWDATA as driven");
}

Test(hx_bus, little_endian_lanes_for_8_16_32_bit_accesses)
{
	const uint8_t want[8] = { 0x00, 0xAA, 0xCC, 0xBB, 0x04, 0x03, 0x02, 0x01 };

	lanes(false, want, 0xBBCCAA00u, 0x01020304u);
}

Test(hx_bus, big_endian_be32_lanes_for_8_16_32_bit_accesses)
{
	const uint8_t want[8] = { 0x00, 0xAA, 0xBB, 0xCC, 0x01, 0x02, 0x03, 0x04 };

	lanes(true, want, 0x00AABBCCu, 0x01020304u);
}

Test(hx_bus, lane_helper_matches_the_two_conventions)
{
	cr_assert_eq(hx_bus_lane(0x101, false), 8);
	cr_assert_eq(hx_bus_lane(0x101, true), 16);
	cr_assert_eq(hx_bus_lane(0x103, false), 24);
	cr_assert_eq(hx_bus_lane(0x103, true), 0);
}

/* ---- lookup order, stray, windows --------------------------------------------------------- */

typedef struct win {
	unsigned reads, writes;
	uint32_t last_addr, last_data;
	unsigned last_bytes;
	uint64_t last_cycle;
} win;

static uint32_t win_read(void *ctx, uint32_t addr, unsigned bytes, uint64_t cycle)
{
	win *w = ctx;

	w->reads++;
	w->last_addr = addr;
	w->last_bytes = bytes;
	w->last_cycle = cycle;
	return 0x5A5A0000u | addr;
}

static void win_write(void *ctx, uint32_t addr, unsigned bytes, uint32_t data, uint64_t cycle)
{
	win *w = ctx;

	w->writes++;
	w->last_addr = addr;
	w->last_bytes = bytes;
	w->last_data = data;
	w->last_cycle = cycle;
}

static const hx_bus_window_ops wops = { win_read, win_write };

Test(hx_bus, errors_then_windows_then_memories_answer_in_that_order)
{
	win w = { 0 };
	drive_log l;
	/* memory 0..0xFFF; window 0x400..0x4FF on top; write-only ERROR 0x480..0x48F on top of it */
	int mem = hx_bus_add_mem(bus, "m", 0, 0, 0x1000, false, hx_bus_waits_fixed(0));
	int wi = hx_bus_add_window(bus, "w", 0, 0x400, 0x100, false, hx_bus_waits_fixed(1), &wops, &w);
	int er = hx_bus_add_error(bus, "e", 0, 0x480, 0x10, false, true, hx_bus_waits_fixed(0));
	xfer x[4] = { rd32(0x3FC), rd32(0x400), rd32(0x484), wr(0x484, PL08X_HSIZE_16, 0x12345678u) };

	cr_assert(mem >= 0 && wi >= 0 && er >= 0);
	drive(bus, 0, x, 4, &l);
	cr_assert_eq(l.beats[0].slave, mem);
	cr_assert_eq(l.beats[1].slave, wi);
	cr_assert_eq(l.beats[1].data, 0x5A5A0400u);
	cr_assert_eq(l.beats[1].done_cycle, 3, "the window's wait state");
	cr_assert_eq(l.beats[2].slave, wi, "a read passes the write-only ERROR region");
	cr_assert_eq(l.beats[3].slave, er);
	cr_assert_eq(l.beats[3].resp, PL08X_HRESP_ERROR);
	cr_assert_eq(w.reads, 2);
	cr_assert_eq(w.writes, 0, "an ERROR'd write never reaches the window");
	cr_assert_eq(w.last_addr, 0x484);
	cr_assert_eq(w.last_bytes, 4);
	cr_assert_eq(w.last_cycle, l.beats[2].done_cycle, "called in the cycle the data phase ends");
}

Test(hx_bus, window_write_gets_the_whole_hwdata_word_in_its_last_cycle)
{
	win w = { 0 };
	drive_log l;
	xfer x[1] = { wr(0x42, PL08X_HSIZE_8, 0x00AB0000u) };

	cr_assert_geq(hx_bus_add_window(bus, "w", 1, 0x40, 4, false, hx_bus_waits_fixed(2), &wops, &w), 0);
	drive(bus, 1, x, 1, &l);
	cr_assert_eq(w.writes, 1);
	cr_assert_eq(w.last_data, 0x00AB0000u);
	cr_assert_eq(w.last_bytes, 1);
	cr_assert_eq(w.last_cycle, 3);
}

Test(hx_bus, stray_access_answers_okay_with_deadbeef_and_counts)
{
	hx_bus_stats st;
	drive_log l;
	xfer x[3] = { rd32(0x2000), wr(0x3000, PL08X_HSIZE_32, 1), rd32(0x0) };

	cr_assert_geq(hx_bus_add_mem(bus, "m", 1, 0, 0x100, false, hx_bus_waits_fixed(3)), 0);
	drive(bus, 1, x, 3, &l);
	cr_assert_eq(l.beats[0].slave, -1);
	cr_assert_str_eq(hx_bus_slave_name(bus, -1), "stray");
	cr_assert_eq(l.beats[0].data, HX_BUS_STRAY_DATA);
	cr_assert_eq(l.beats[0].done_cycle, 1, "stray data phases have no wait state");
	cr_assert_eq(l.beats[0].resp, PL08X_HRESP_OKAY);
	hx_bus_get_stats(bus, &st);
	cr_assert_eq(st.stray, 2);
	cr_assert_eq(st.stray_addr, 0x2000, "the first stray address is kept");
	cr_assert_eq(st.beats[1], 3);
}

Test(hx_bus, masters_have_separate_maps)
{
	drive_log l;
	xfer x[1] = { rd32(0x10) };

	cr_assert_geq(hx_bus_add_mem(bus, "m0", 0, 0, 0x100, false, hx_bus_waits_fixed(0)), 0);
	drive(bus, 1, x, 1, &l);
	cr_assert_eq(l.beats[0].slave, -1, "master 1 does not see master 0's memory");
	cr_assert_eq(l.beats[0].master, 1);
}

/* ---- backdoor ----------------------------------------------------------------------------- */

Test(hx_bus, backdoor_reads_and_writes_inside_one_memory_only)
{
	uint8_t buf[4] = { 1, 2, 3, 4 }, got[4] = { 0 };

	cr_assert_geq(hx_bus_add_mem(bus, "a", 0, 0x1000, 0x100, false, hx_bus_waits_fixed(0)), 0);
	cr_assert_geq(hx_bus_add_mem(bus, "b", 0, 0x1100, 0x100, true, hx_bus_waits_fixed(0)), 0);
	cr_assert_eq(hx_bus_mem_write(bus, 0, 0x10FC, buf, 4), 0);
	cr_assert_eq(hx_bus_mem_read(bus, 0, 0x10FC, got, 4), 0);
	cr_assert_arr_eq(got, buf, 4);
	cr_assert_eq(hx_bus_mem_bytes(bus, 0, 0x10FC, 4)[3], 4);
	cr_assert_eq(hx_bus_mem_write(bus, 0, 0x10FE, buf, 4), -1, "straddles two memories");
	cr_assert(strstr(hx_bus_error(bus), "0x000010fe"), "message: %s", hx_bus_error(bus));
	cr_assert_eq(hx_bus_mem_read(bus, 1, 0x1000, got, 1), -1, "not on master 1");
	cr_assert_null(hx_bus_mem_bytes(bus, 0, 0x11FF, 2));
	cr_assert_not_null(hx_bus_mem_bytes(bus, 0, 0x11FF, 1));
	cr_assert_eq(hx_bus_mem_big_endian(bus, 0, 0x1100), true);
	cr_assert_eq(hx_bus_mem_big_endian(bus, 0, 0x1000), false);
}

/* ---- validation --------------------------------------------------------------------------- */

static void expect_error(int r, const char *what)
{
	cr_assert_eq(r, -1, "accepted: %s", what);
	cr_assert(strstr(hx_bus_error(bus), what), "message '%s' lacks '%s'", hx_bus_error(bus), what);
}

Test(hx_bus, invalid_regions_are_refused_with_a_message)
{
	hx_bus_waits w0 = hx_bus_waits_fixed(0);
	hx_bus_waits empty = { .kind = HX_BUS_WAIT_PATTERN, .len = 0 };
	hx_bus_waits big = { .kind = HX_BUS_WAIT_PATTERN, .len = 33 };
	hx_bus_waits inv = { .kind = HX_BUS_WAIT_RANDOM, .min = 4, .max = 3 };
	win w;

	cr_assert_eq(hx_bus_add_mem(bus, "ram", 0, 0x1000, 0x1000, false, w0), 0);
	expect_error(hx_bus_add_mem(bus, "ram2", 0, 0x1FFC, 8, false, w0), "overlaps memory ram");
	cr_assert_eq(hx_bus_add_mem(bus, "ram3", 1, 0x1FFC, 8, false, w0), 1, "other master: no overlap");
	cr_assert_eq(hx_bus_add_mem(bus, "ram4", 0, 0x2000, 8, false, w0), 2, "adjacent: no overlap");
	expect_error(hx_bus_add_mem(bus, "z", 0, 0x8000, 0, false, w0), "z: size 0");
	expect_error(hx_bus_add_mem(bus, "top", 0, 0xFFFFF000u, 0x2000, false, w0), "wraps past 4 GB");
	cr_assert_geq(hx_bus_add_error(bus, "end", 0, 0xFFFFF000u, 0x1000, true, true, w0), 0,
		      "a region may end at 4 GB");
	expect_error(hx_bus_add_mem(bus, "m2", 2, 0, 4, false, w0), "master 2 does not exist");
	expect_error(hx_bus_add_mem(bus, "p", 0, 0x9000, 4, false, empty), "pattern of 0 entries");
	expect_error(hx_bus_add_mem(bus, "p", 0, 0x9000, 4, false, big), "pattern of 33 entries");
	expect_error(hx_bus_add_mem(bus, "r", 0, 0x9000, 4, false, inv), "min 4 > max 3");
	expect_error(hx_bus_add_error(bus, "e", 0, 0x9000, 4, false, false, w0), "neither");
	cr_assert_geq(hx_bus_add_error(bus, "er", 0, 0x1000, 0x100, true, false, w0), 0);
	cr_assert_geq(hx_bus_add_error(bus, "ew", 0, 0x1000, 0x100, false, true, w0), 0,
		      "error regions of different directions may overlap");
	expect_error(hx_bus_add_error(bus, "eb", 0, 0x10F0, 0x100, true, true, w0), "overlaps error region er");
	expect_error(hx_bus_add_window(bus, "w", 0, 0x9000, 4, false, w0, NULL, &w), "callbacks");
	cr_assert_geq(hx_bus_add_window(bus, "w1", 0, 0x1000, 4, false, w0, &wops, &w), 0,
		      "a window may sit on a memory");
	expect_error(hx_bus_add_window(bus, "w2", 0, 0x1002, 4, false, w0, &wops, &w), "overlaps window w1");
	cr_assert_null(hx_bus_create(0, 1));
	cr_assert_null(hx_bus_create(3, 1));
}

Test(hx_bus, long_names_are_cut_to_31_characters)
{
	int i = hx_bus_add_mem(bus, "0123456789012345678901234567890123456789", 0, 0, 4, false,
			       hx_bus_waits_fixed(0));

	cr_assert_str_eq(hx_bus_slave_name(bus, i), "0123456789012345678901234567890");
}

/* The testbench now calls hx_pattern_byte, so the two cannot drift apart; what must not change
 * is the pattern itself, which vectors and tests name by seed (CRCs, hand-written bytes). */
Test(hx_bus, pattern_byte_values_are_fixed)
{
	static const struct { uint32_t seed; uint8_t b[8]; } want[] = {
		{ 0, { 0x58, 0x35, 0x64, 0x38, 0x20, 0x3f, 0xcc, 0x7c } },
		{ 1, { 0xb2, 0x68, 0x9e, 0x03, 0x58, 0x09, 0xf3, 0x9c } },
		{ 7, { 0x4e, 0x6b, 0xfd, 0x12, 0x23, 0x6d, 0x2e, 0xd2 } },
		{ 977, { 0x5b, 0x46, 0x09, 0x52, 0xb7, 0xf7, 0x80, 0xb2 } },
	};

	for (size_t k = 0; k < sizeof(want) / sizeof(want[0]); k++)
		for (size_t i = 0; i < 8; i++) {
			cr_assert_eq(hx_pattern_byte(want[k].seed, i), want[k].b[i], "seed %u byte %zu",
				     want[k].seed, i);
			cr_assert_eq(tb_pattern_byte(want[k].seed, i), want[k].b[i]);
		}
}

/* ---- with the model: same cycles as the testbench ----------------------------------------- */

#define CCFG(f, v) PL08X_VAL(PL08X_CCFG_##f, v)
#define CTL(f, v)  PL08X_VAL(PL08X_CCTL_##f, v)

typedef struct copy_case {
	unsigned waits0, waits1;        /* fixed waits of the memories on master 0 / 1 */
	const uint8_t *pattern0;        /* or a pattern on master 0 */
	unsigned plen;
	unsigned ts, sbsize, dbsize, swidth, dwidth, smaster, dmaster;
	uint32_t src, dst;
} copy_case;

static uint32_t copy_ctl(const copy_case *k)
{
	return CTL(TS, k->ts) | CTL(SBSIZE, k->sbsize) | CTL(DBSIZE, k->dbsize) |
	       CTL(SWIDTH, k->swidth) | CTL(DWIDTH, k->dwidth) | CTL(SI, 1) | CTL(DI, 1) | CTL(I, 1) |
	       CTL(S, k->smaster) | CTL(D, k->dmaster);
}

/* Copy once through tb and once through hx_bus; every beat must match, cycle for cycle */
static void same_as_tb(const copy_case *k)
{
	tb *t = tb_create(PL08X_VARIANT_PL080);
	hx_rig *r = hx_rig_create(PL08X_VARIANT_PL080, 7);
	hx_bus_waits w0 = hx_bus_waits_fixed(k->waits0);
	pl08x_lli it = { .src = k->src, .dst = k->dst, .ctl = copy_ctl(k) };
	uint32_t cfg = CCFG(E, 1) | CCFG(ITC, 1) | CCFG(IE, 1);
	unsigned bytes = k->ts << k->swidth;
	uint8_t want[4096], got[4096];

	if (k->plen) {
		w0.kind = HX_BUS_WAIT_PATTERN;
		memcpy(w0.pattern, k->pattern0, k->plen);
		w0.len = k->plen;
	}
	tb_mem *m0 = tb_add_mem(t, 0, 0, 0x10000, k->waits0);
	if (k->plen)
		tb_waits_set(&m0->waits, k->pattern0, k->plen);
	tb_add_mem(t, 1, 0, 0x10000, k->waits1);
	cr_assert_geq(hx_bus_add_mem(r->bus, "m0", 0, 0, 0x10000, false, w0), 0);
	cr_assert_geq(hx_bus_add_mem(r->bus, "m1", 1, 0, 0x10000, false, hx_bus_waits_fixed(k->waits1)), 0);
	for (unsigned i = 0; i < bytes; i++)
		want[i] = hx_pattern_byte(9, i);
	tb_mem_write(t, k->smaster, k->src, want, bytes);
	cr_assert_eq(hx_bus_mem_write(r->bus, k->smaster, k->src, want, bytes), 0);
	tb_wr(t, PL08X_CONFIG, 1);
	pl08x_write(r->dev, PL08X_CONFIG, 1);
	tb_run(t, 3);
	hx_rig_run(r, 3);
	cr_assert_eq(tb_program(t, 0, &it, cfg), PL08X_ACCESS_OK);
	hx_rig_program(r, 0, &it, cfg);
	cr_assert(tb_run_until_idle(t, 20000));
	cr_assert(hx_rig_run_until_idle(r, 20000));
	cr_assert_eq(hx_rig_cycle(r), tb_cycle(t), "idle at %llu, tb at %llu",
		     (unsigned long long)hx_rig_cycle(r), (unsigned long long)tb_cycle(t));
	cr_assert_eq(r->nb, tb_beat_count(t));
	for (unsigned m = 0; m < 2; m++) {
		size_t j = 0;

		for (size_t i = 0; i < r->nb; i++) {
			const hx_bus_beat *h = &r->beats[i];
			const tb_beat *b;

			if (h->master != m)
				continue;
			b = tb_nth_beat(t, m, TB_EITHER, j++);
			cr_assert_not_null(b);
			cr_assert_eq(h->cycle, b->cycle, "AHB%u beat %zu", m + 1, j);
			cr_assert_eq(h->done_cycle, b->done_cycle, "AHB%u beat %zu", m + 1, j);
			cr_assert_eq(h->addr, b->addr);
			cr_assert_eq(h->hwrite, b->hwrite);
			cr_assert_eq(h->htrans, b->htrans);
			cr_assert_eq(h->hburst, b->hburst);
			cr_assert_eq(h->hsize, b->hsize);
			cr_assert_eq(h->data, b->data);
		}
	}
	cr_assert_eq(hx_bus_mem_read(r->bus, k->dmaster, k->dst, got, bytes), 0);
	cr_assert_arr_eq(got, want, bytes, "the copy arrived");
	cr_assert_eq(hx_rig_violations(r), 0);
	hx_rig_destroy(r);
	tb_destroy(t);
}

Test(hx_bus, model_word_copy_burst_4_one_master_matches_tb_cycle_for_cycle)
{
	copy_case k = { .ts = 16, .sbsize = 1, .dbsize = 1, .swidth = 2, .dwidth = 2,
			.src = 0x100, .dst = 0x800 };
	same_as_tb(&k);
}

Test(hx_bus, model_copy_across_masters_with_wait_states_matches_tb)
{
	copy_case k = { .waits0 = 1, .waits1 = 2, .ts = 24, .sbsize = 2, .dbsize = 1, .swidth = 2,
			.dwidth = 2, .smaster = 0, .dmaster = 1, .src = 0x3F0, .dst = 0x1000 };
	same_as_tb(&k);
}

Test(hx_bus, model_byte_to_halfword_copy_with_a_wait_pattern_matches_tb)
{
	static const uint8_t pat[4] = { 0, 2, 1, 3 };
	copy_case k = { .pattern0 = pat, .plen = 4, .ts = 37, .sbsize = 3, .dbsize = 2, .swidth = 0,
			.dwidth = 1, .smaster = 0, .dmaster = 0, .src = 0x201, .dst = 0x2000 };
	same_as_tb(&k);
}

Test(hx_bus, model_copy_from_master_2_into_master_1_matches_tb)
{
	copy_case k = { .waits1 = 1, .ts = 9, .sbsize = 0, .dbsize = 0, .swidth = 2, .dwidth = 2,
			.smaster = 1, .dmaster = 0, .src = 0x40, .dst = 0x80 };
	same_as_tb(&k);
}
