/* Peripherals (harness/periph.h): FIFO request levels, rate, handshake, underrun and overrun,
 * flow-controller last requests, the scripted kind against tb's, next_change exactness, and
 * transfers with the real model.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "harness/periph.h"
#include "hx_rig.h"
#include "tb.h"

#define CCFG(f, v) PL08X_VAL(PL08X_CCFG_##f, v)
#define CTL(f, v)  PL08X_VAL(PL08X_CCTL_##f, v)
#define PA 0x40000000u

static hx_bus *bus;
static char err[128];

static void setup(void) { bus = hx_bus_create(2, 1); }
static void teardown(void) { hx_bus_destroy(bus); }

TestSuite(hx_periph, .init = setup, .fini = teardown, .timeout = 20);

static hx_periph_config fifo(enum hx_periph_dir dir, unsigned depth, unsigned rate, unsigned wm,
			     bool singles, unsigned long count)
{
	return (hx_periph_config){ .name = "f", .kind = HX_PERIPH_FIFO, .line = 3, .base = PA,
				   .dir = dir, .width = 4, .depth = depth, .rate = rate,
				   .watermark = wm, .singles = singles, .count = count, .data_seed = 5 };
}

/* Step @p alone with outputs @out from cycle @from to @to (exclusive); the bits of the last */
static unsigned run(hx_periph *p, const pl08x_pins_out *out, uint64_t from, uint64_t to)
{
	unsigned bits = 0;

	for (uint64_t c = from; c < to; c++)
		hx_periph_cycle(p, c, out, &bits);
	return bits;
}

static unsigned long level(const hx_periph *p)
{
	hx_periph_stats st;

	hx_periph_get_stats(p, &st);
	return st.level;
}

Test(hx_periph, receiver_raises_breq_only_at_the_watermark_without_singles)
{
	hx_periph_config c = fifo(HX_PERIPH_TO_MEMORY, 8, 3, 4, false, 0);
	hx_periph *p = hx_periph_create(&c, bus, err, sizeof err);
	pl08x_pins_out out = { 0 };

	cr_assert_not_null(p, "%s", err);
	/* arrivals at 3, 6, 9, 12: the 4th makes the watermark */
	cr_assert_eq(run(p, &out, 0, 12), 0);
	cr_assert_eq(level(p), 3);
	cr_assert_eq(run(p, &out, 12, 13), HX_PERIPH_BREQ);
	cr_assert_eq(level(p), 4);
	hx_periph_destroy(p);
}

Test(hx_periph, receiver_with_singles_raises_sreq_at_one_and_both_at_the_watermark)
{
	hx_periph_config c = fifo(HX_PERIPH_TO_MEMORY, 8, 3, 1, true, 0);
	hx_periph *p = hx_periph_create(&c, bus, err, sizeof err);
	hx_periph_config c2 = fifo(HX_PERIPH_TO_MEMORY, 8, 3, 2, true, 0);
	pl08x_pins_out out = { 0 };

	c2.line = 4;
	c2.base = PA + 0x100;
	hx_periph *q = hx_periph_create(&c2, bus, err, sizeof err);
	cr_assert_eq(run(p, &out, 0, 3), 0, "first arrival at @rate");
	cr_assert_eq(run(p, &out, 3, 4), HX_PERIPH_BREQ | HX_PERIPH_SREQ);
	cr_assert_eq(run(q, &out, 0, 3), 0);
	cr_assert_eq(run(q, &out, 3, 4), HX_PERIPH_SREQ, "one element held, watermark 2");
	hx_periph_destroy(p);
	hx_periph_destroy(q);
}

Test(hx_periph, transmitter_requests_on_free_space_at_once)
{
	hx_periph_config c = fifo(HX_PERIPH_FROM_MEMORY, 4, 5, 4, true, 0);
	hx_periph *p = hx_periph_create(&c, bus, err, sizeof err);
	pl08x_pins_out out = { 0 };

	cr_assert_eq(run(p, &out, 0, 1), HX_PERIPH_BREQ | HX_PERIPH_SREQ);
	hx_periph_destroy(p);
}

Test(hx_periph, receiver_stops_after_count_and_stalls_while_full)
{
	hx_periph_config c = fifo(HX_PERIPH_TO_MEMORY, 2, 1, 2, false, 5);
	hx_periph *p = hx_periph_create(&c, bus, err, sizeof err);
	pl08x_pins_out out = { 0 };
	hx_periph_stats st;

	run(p, &out, 0, 50);
	hx_periph_get_stats(p, &st);
	cr_assert_eq(st.level, 2);
	cr_assert_eq(st.moved, 2, "full: the producer waits");
	cr_assert_eq(hx_periph_next_change(p, 50), UINT64_MAX);
	hx_periph_destroy(p);
}

/* The handshake: CLR seen low then high drops the request the cycle after; a leftover CLR does not */
Test(hx_periph, handshake_drops_the_cycle_after_clr_and_ignores_a_leftover_clr)
{
	hx_periph_req script[2] = { { .at = 2, .bits = HX_PERIPH_SREQ }, { .at = 0, .bits = HX_PERIPH_BREQ } };
	hx_periph_config c = { .name = "s", .kind = HX_PERIPH_SCRIPT, .line = 3, .base = PA,
			       .script = script, .script_len = 2 };
	hx_periph *p = hx_periph_create(&c, bus, err, sizeof err);
	pl08x_pins_out lo = { 0 }, hi = { .clr = 1u << 3 };
	unsigned bits;
	hx_periph_stats st;

	cr_assert_not_null(p, "%s", err);
	cr_assert_eq(run(p, &lo, 0, 2), 0);
	cr_assert_eq(run(p, &lo, 2, 5), HX_PERIPH_SREQ);   /* raised at 2, CLR low 2..4 */
	hx_periph_cycle(p, 5, &hi, &bits);                 /* CLR high at 5 */
	cr_assert_eq(bits, HX_PERIPH_SREQ);
	hx_periph_cycle(p, 6, &hi, &bits);                 /* seen: dropped at 6 */
	cr_assert_eq(bits, 0);
	hx_periph_cycle(p, 7, &hi, &bits);                 /* next request at 7, CLR still high */
	cr_assert_eq(bits, HX_PERIPH_BREQ);
	for (uint64_t cy = 8; cy < 12; cy++) {
		hx_periph_cycle(p, cy, &hi, &bits);
		cr_assert_eq(bits, HX_PERIPH_BREQ, "leftover CLR at %llu", (unsigned long long)cy);
	}
	hx_periph_cycle(p, 12, &lo, &bits);
	hx_periph_cycle(p, 13, &hi, &bits);
	cr_assert_eq(bits, HX_PERIPH_BREQ);
	hx_periph_cycle(p, 14, &hi, &bits);
	cr_assert_eq(bits, 0);
	hx_periph_get_stats(p, &st);
	cr_assert_eq(st.served, 2);
	hx_periph_destroy(p);
}

Test(hx_periph, tc_edges_are_counted)
{
	hx_periph_config c = fifo(HX_PERIPH_TO_MEMORY, 4, 100, 4, false, 0);
	hx_periph *p = hx_periph_create(&c, bus, err, sizeof err);
	pl08x_pins_out lo = { 0 }, tc = { .tc = 1u << 3 }, other = { .tc = 1u << 2 };
	hx_periph_stats st;

	run(p, &tc, 0, 3);
	run(p, &lo, 3, 4);
	run(p, &tc, 4, 5);
	run(p, &other, 5, 6);
	hx_periph_get_stats(p, &st);
	cr_assert_eq(st.tc, 2);
	hx_periph_destroy(p);
}

/* ---- window accesses through the bus: underrun, overrun ----------------------------------- */

static void access_at(uint32_t addr, uint64_t c0, bool wr, uint32_t wdata, uint32_t *rdata)
{
	pl08x_pins_out out = { 0 };
	pl08x_pins_in in;

	out.htrans[0] = PL08X_HTRANS_NONSEQ;
	out.haddr[0] = addr;
	out.hwrite[0] = wr;
	out.hsize[0] = PL08X_HSIZE_32;
	hx_bus_cycle(bus, c0, &out, &in);
	out.htrans[0] = PL08X_HTRANS_IDLE;
	out.hwdata[0] = wdata;
	hx_bus_cycle(bus, c0 + 1, &out, &in);
	cr_assert(in.hready[0]);
	if (rdata)
		*rdata = in.hrdata[0];
}

static void access(uint64_t c0, bool wr, uint32_t wdata, uint32_t *rdata)
{
	access_at(PA, c0, wr, wdata, rdata);
}

Test(hx_periph, reads_pop_pattern_elements_and_an_empty_read_is_an_underrun)
{
	hx_periph_config c = fifo(HX_PERIPH_TO_MEMORY, 4, 2, 1, true, 0);
	hx_periph *p = hx_periph_create(&c, bus, err, sizeof err);
	pl08x_pins_out out = { 0 };
	hx_periph_stats st;
	uint32_t d, want = 0;

	run(p, &out, 0, 5);             /* arrivals at 2 and 4 */
	access(10, false, 0, &d);
	for (unsigned i = 0; i < 4; i++)
		want |= (uint32_t)hx_pattern_byte(5, i) << (8 * i);
	cr_assert_eq(d, want);
	access(12, false, 0, &d);
	access(14, false, 0, &d);
	cr_assert_eq(d, 0);
	hx_periph_get_stats(p, &st);
	cr_assert_eq(st.underruns, 1);
	cr_assert_eq(st.dma, 3);
	cr_assert_eq(st.level, 0);
	hx_periph_destroy(p);
}

Test(hx_periph, writes_are_captured_and_a_full_fifo_counts_an_overrun)
{
	hx_periph_config c = fifo(HX_PERIPH_FROM_MEMORY, 1, 1000, 1, true, 0);
	hx_periph *p = hx_periph_create(&c, bus, err, sizeof err);
	hx_periph_stats st;
	size_t n;

	access(0, true, 0x04030201u, NULL);
	access(2, true, 0x08070605u, NULL);
	const uint8_t *cap = hx_periph_captured(p, &n);
	cr_assert_eq(n, 8);
	cr_assert_arr_eq(cap, ((uint8_t[]){ 1, 2, 3, 4, 5, 6, 7, 8 }), 8);
	hx_periph_get_stats(p, &st);
	cr_assert_eq(st.overruns, 1);
	cr_assert_eq(st.level, 1);
	hx_periph_destroy(p);
}

/* ---- validation --------------------------------------------------------------------------- */

static void refused(hx_periph_config c, const char *what)
{
	hx_periph *p = hx_periph_create(&c, bus, err, sizeof err);

	cr_assert_null(p, "accepted: %s", what);
	cr_assert(strstr(err, what), "message '%s' lacks '%s'", err, what);
}

Test(hx_periph, invalid_configurations_name_the_field)
{
	hx_periph_config c = fifo(HX_PERIPH_TO_MEMORY, 8, 1, 4, true, 0);

	c.line = 17;
	refused(c, "line: 17 is not a request line (0..15)");
	c = fifo(HX_PERIPH_TO_MEMORY, 8, 1, 4, true, 0);
	c.width = 8;
	refused(c, "width: 8");
	refused(fifo(HX_PERIPH_TO_MEMORY, 0, 1, 0, true, 0), "depth");
	refused(fifo(HX_PERIPH_TO_MEMORY, 8, 0, 4, true, 0), "rate");
	refused(fifo(HX_PERIPH_TO_MEMORY, 8, 1, 9, true, 0), "watermark: 9 > depth 8");
	refused(fifo(HX_PERIPH_TO_MEMORY, 8, 1, 0, true, 0), "watermark: 0");
	c = fifo(HX_PERIPH_TO_MEMORY, 8, 1, 4, true, 0);
	c.flow_controller = true;
	refused(c, "count");
	c = fifo(HX_PERIPH_TO_MEMORY, 8, 1, 4, true, 0);
	c.master = 2;
	refused(c, "master");
	c = (hx_periph_config){ .kind = HX_PERIPH_SCRIPT, .script = (hx_periph_req[]){ { 0, 0 } },
				.script_len = 1, .base = PA };
	refused(c, "script[0]");
	cr_assert_not_null(hx_bus_add_mem(bus, "m", 0, PA, 4, false, hx_bus_waits_fixed(0)) >= 0 ? bus : NULL);
	c = fifo(HX_PERIPH_TO_MEMORY, 8, 1, 4, true, 0);
	hx_periph *ok = hx_periph_create(&c, bus, err, sizeof err);
	cr_assert_not_null(ok, "a window over a memory is fine: %s", err);
	hx_periph_destroy(ok);
}

/* ---- next_change exactness ---------------------------------------------------------------- */

typedef struct snap {
	unsigned bits;
	hx_periph_stats st;
} snap;

static bool changed(const snap *a, const snap *b)
{
	return a->bits != b->bits || a->st.level != b->st.level || a->st.moved != b->st.moved;
}

/* From cycle @c0 with outputs fixed at @out: after the first cycle has shown them to the
 * peripheral, every next_change must be the first cycle that changes something */
static void exact(hx_periph *p, const pl08x_pins_out *out, uint64_t c0, uint64_t c1, unsigned min_changes)
{
	snap s = { 0 }, t;
	unsigned changes = 0;
	uint64_t nc;

	hx_periph_cycle(p, c0, out, &s.bits);
	cr_assert_eq(s.bits, hx_periph_pins(p));
	hx_periph_get_stats(p, &s.st);
	nc = hx_periph_next_change(p, c0 + 1);
	for (uint64_t c = c0 + 1; c < c1; c++) {
		hx_periph_cycle(p, c, out, &t.bits);
		hx_periph_get_stats(p, &t.st);
		if (changed(&s, &t)) {
			cr_assert_eq(c, nc, "change at %llu, next_change said %llu",
				     (unsigned long long)c, (unsigned long long)nc);
			changes++;
		} else {
			cr_assert_neq(c, nc, "next_change said %llu, nothing changed", (unsigned long long)c);
		}
		s = t;
		if (c >= nc || c + 1 == c1)
			nc = hx_periph_next_change(p, c + 1);
	}
	cr_assert_geq(changes, min_changes, "segment %llu..%llu: %u changes", (unsigned long long)c0, (unsigned long long)c1, changes);
}

Test(hx_periph, next_change_is_exact_for_fifos_and_scripts)
{
	pl08x_pins_out lo = { 0 }, hi = { .clr = 1u << 3 };
	hx_periph_config a = fifo(HX_PERIPH_TO_MEMORY, 4, 7, 3, false, 6);
	hx_periph_config b = fifo(HX_PERIPH_FROM_MEMORY, 4, 5, 2, true, 0);
	hx_periph_req script[3] = { { 10, HX_PERIPH_SREQ }, { 12, HX_PERIPH_BREQ }, { 40, HX_PERIPH_LBREQ } };
	hx_periph_config s = { .name = "s", .kind = HX_PERIPH_SCRIPT, .line = 3, .base = PA + 0x200,
			       .script = script, .script_len = 3, .repeat_kind = HX_PERIPH_SREQ };
	hx_periph *pa, *pb, *ps;

	a.start = 3;
	b.base = PA + 0x100;
	pa = hx_periph_create(&a, bus, err, sizeof err);
	pb = hx_periph_create(&b, bus, err, sizeof err);
	ps = hx_periph_create(&s, bus, err, sizeof err);
	cr_assert(pa && pb && ps, "%s", err);
	exact(pa, &lo, 0, 100, 4);              /* arrivals at 10, 17, 24 (BREQ), 31 (full) */
	cr_assert_eq(level(pa), 4);
	exact(pa, &hi, 100, 110, 2);            /* CLR high: dropped at 101, raised again at 102 */
	cr_assert_eq(hx_periph_pins(pa), HX_PERIPH_BREQ, "4 held: a new burst request");
	access(110, false, 0, NULL);
	exact(pa, &lo, 112, 200, 0);            /* room again: the 5th arrives at once (112) */
	cr_assert_eq(level(pa), 4);
	/* transmitter: fill by two writes, then it drains at rate 5 */
	access_at(PA + 0x100, 0, true, 1, NULL);
	access_at(PA + 0x100, 2, true, 2, NULL);
	exact(pb, &lo, 4, 60, 2);               /* leaves at 5 and 10 */
	cr_assert_eq(level(pb), 0);
	/* script: raise at 10; CLR pulses drop it; then the next, the repeat */
	exact(ps, &lo, 0, 20, 1);
	exact(ps, &hi, 20, 25, 2);
	exact(ps, &lo, 25, 30, 0);
	exact(ps, &hi, 30, 45, 2);
	exact(ps, &lo, 45, 50, 0);
	exact(ps, &hi, 50, 60, 2);
	hx_periph_destroy(pa);
	hx_periph_destroy(pb);
	hx_periph_destroy(ps);
}

/* ---- the scripted peripheral behaves as tb's ---------------------------------------------- */

Test(hx_periph, script_gives_the_same_cycles_as_the_testbench_peripheral)
{
	tb *t = tb_create(PL08X_VARIANT_PL080);
	hx_rig *r = hx_rig_create(PL08X_VARIANT_PL080, 1);
	hx_periph_req script[3] = { { 10, HX_PERIPH_SREQ }, { 10, HX_PERIPH_BREQ }, { 60, HX_PERIPH_SREQ } };
	hx_periph_config c = { .name = "s", .kind = HX_PERIPH_SCRIPT, .line = 3, .master = 1, .base = PA,
			       .script = script, .script_len = 3 };
	pl08x_lli it = { .src = PA, .dst = 0x100, .ctl = CTL(TS, 6) | CTL(SBSIZE, 1) | CTL(DBSIZE, 1) |
			 CTL(SWIDTH, 2) | CTL(DWIDTH, 2) | CTL(DI, 1) | CTL(S, 1) };
	uint32_t cfg = CCFG(E, 1) | CCFG(FLOW, PL08X_FLOW_PER2MEM) | CCFG(SRC_PERIPH, 3) | CCFG(ITC, 1);

	tb_add_mem(t, 0, 0, 0x1000, 1);
	tb_periph *tp = tb_add_periph(t, 3, 1, PA);
	tb_periph_request(tp, TB_SREQ, 10);
	tb_periph_request(tp, TB_BREQ, 10);
	tb_periph_request(tp, TB_SREQ, 60);
	tb_wr(t, PL08X_CONFIG, 1);
	cr_assert_eq(tb_program(t, 0, &it, cfg), PL08X_ACCESS_OK);
	cr_assert_geq(hx_bus_add_mem(r->bus, "m", 0, 0, 0x1000, false, hx_bus_waits_fixed(1)), 0);
	r->p[r->np++] = hx_periph_create(&c, r->bus, err, sizeof err);
	cr_assert_not_null(r->p[0], "%s", err);
	pl08x_write(r->dev, PL08X_CONFIG, 1);
	hx_rig_program(r, 0, &it, cfg);
	cr_assert(tb_run_until_idle(t, 1000));
	cr_assert(hx_rig_run_until_idle(r, 1000));
	tb_run(t, 10);
	hx_rig_run(r, 10);
	cr_assert_eq(hx_rig_cycle(r), tb_cycle(t));
	cr_assert_eq(r->nb, tb_beat_count(t));
	for (unsigned m = 0; m < 2; m++)
		for (size_t i = 0, j = 0; i < r->nb; i++) {
			if (r->beats[i].master != m)
				continue;
			const tb_beat *b = tb_nth_beat(t, m, TB_EITHER, j++);
			cr_assert_eq(r->beats[i].cycle, b->cycle);
			cr_assert_eq(r->beats[i].done_cycle, b->done_cycle);
		}
	cr_assert_eq(r->n_req, 3);
	for (unsigned k = 0; k < 3; k++) {
		cr_assert_eq(r->req_cycle[k], tb_event_cycle(t, k == 1 ? TB_EV_BREQ : TB_EV_SREQ, 3, true, k == 2),
			     "request %u", k);
	}
	hx_periph_stats st;
	hx_periph_get_stats(r->p[0], &st);
	cr_assert_eq(st.served, tp->served);
	cr_assert_eq(st.tc, 1);
	uint8_t got[24];
	hx_bus_mem_read(r->bus, 0, 0x100, got, 24);
	for (unsigned i = 0; i < 24; i++)
		cr_assert_eq(got[i], hx_pattern_byte(0, i), "byte %u", i);
	hx_rig_destroy(r);
	tb_destroy(t);
}

/* ---- FIFO peripherals with the model ------------------------------------------------------ */

/* A channel between a FIFO peripheral on line 3 (AHB2, 0x40000000) and memory 0x100 on AHB1 */
static hx_rig *fifo_rig(hx_periph_config *c, unsigned flow, unsigned ts, unsigned bsize)
{
	hx_rig *r = hx_rig_create(PL08X_VARIANT_PL080, 1);
	bool to = c->dir == HX_PERIPH_TO_MEMORY;
	pl08x_lli it = { .src = to ? PA : 0x100, .dst = to ? 0x100 : PA,
			 .ctl = CTL(TS, ts) | CTL(SBSIZE, bsize) | CTL(DBSIZE, bsize) | CTL(SWIDTH, 2) |
				CTL(DWIDTH, 2) | CTL(SI, !to) | CTL(DI, to) | CTL(S, to) | CTL(D, !to) };
	uint32_t cfg = CCFG(E, 1) | CCFG(FLOW, flow) | CCFG(ITC, 1) |
		       (to ? CCFG(SRC_PERIPH, 3) : CCFG(DEST_PERIPH, 3));

	c->master = 1;
	cr_assert_geq(hx_bus_add_mem(r->bus, "m", 0, 0, 0x1000, false, hx_bus_waits_fixed(0)), 0);
	for (unsigned i = 0; i < 256; i++)
		hx_bus_mem_bytes(r->bus, 0, 0x100 + i, 1)[0] = hx_pattern_byte(5, i);
	r->p[r->np++] = hx_periph_create(c, r->bus, err, sizeof err);
	cr_assert_not_null(r->p[0], "%s", err);
	pl08x_write(r->dev, PL08X_CONFIG, 1);
	pl08x_write(r->dev, PL08X_SYNC, 0xFFFF);
	hx_rig_program(r, 0, &it, cfg);
	return r;
}

static void check_done(hx_rig *r, unsigned long dma, bool to)
{
	hx_periph_stats st;
	uint8_t got[256];
	size_t n;

	cr_assert(hx_rig_run_until_idle(r, 20000));
	hx_rig_run(r, 5);
	hx_periph_get_stats(r->p[0], &st);
	cr_assert_eq(st.dma, dma);
	cr_assert_eq(st.underruns + st.overruns, 0);
	cr_assert_eq(hx_rig_violations(r), 0);
	if (to) {
		hx_bus_mem_read(r->bus, 0, 0x100, got, dma * 4);
	} else {
		const uint8_t *cap = hx_periph_captured(r->p[0], &n);
		cr_assert_eq(n, dma * 4);
		memcpy(got, cap, n);
	}
	for (unsigned i = 0; i < dma * 4; i++)
		cr_assert_eq(got[i], hx_pattern_byte(5, i), "byte %u", i);
}

Test(hx_periph, model_reads_a_receiver_fifo_into_memory_under_dmac_flow)
{
	hx_periph_config c = fifo(HX_PERIPH_TO_MEMORY, 8, 4, 4, false, 12);
	hx_rig *r = fifo_rig(&c, PL08X_FLOW_PER2MEM, 12, 1);

	check_done(r, 12, true);
	cr_assert_eq(r->n_req, 3);
	hx_periph_stats st;
	hx_periph_get_stats(r->p[0], &st);
	cr_assert_eq(st.served, 3);
	cr_assert_eq(st.tc, 1);
	hx_rig_destroy(r);
}

Test(hx_periph, model_writes_memory_into_a_transmitter_fifo_under_dmac_flow)
{
	hx_periph_config c = fifo(HX_PERIPH_FROM_MEMORY, 8, 6, 4, true, 10);
	hx_rig *r = fifo_rig(&c, PL08X_FLOW_MEM2PER, 10, 1);

	check_done(r, 10, false);
	hx_rig_destroy(r);
}

Test(hx_periph, flow_controller_receiver_ends_with_lsreq_after_count)
{
	hx_periph_config c = fifo(HX_PERIPH_TO_MEMORY, 8, 2, 4, false, 10);
	c.flow_controller = true;
	hx_rig *r = fifo_rig(&c, PL08X_FLOW_PER2MEM_PER, 0, 1);

	check_done(r, 10, true);
	cr_assert_eq(r->n_req, 4);
	cr_assert_eq(r->req_log[0], HX_PERIPH_BREQ);
	cr_assert_eq(r->req_log[1], HX_PERIPH_BREQ);
	cr_assert_eq(r->req_log[2], HX_PERIPH_SREQ);
	cr_assert_eq(r->req_log[3], HX_PERIPH_SREQ | HX_PERIPH_LSREQ);
	cr_assert_eq(pl08x_rd(r->dev, PL08X_ENBLD_CHNS), 0, "the last request ended the item");
	hx_rig_destroy(r);
}

Test(hx_periph, flow_controller_transmitter_ends_with_lbreq)
{
	hx_periph_config c = fifo(HX_PERIPH_FROM_MEMORY, 8, 3, 4, false, 8);
	c.flow_controller = true;
	hx_rig *r = fifo_rig(&c, PL08X_FLOW_MEM2PER_PER, 0, 1);

	check_done(r, 8, false);
	cr_assert_eq(r->n_req, 2);
	cr_assert_eq(r->req_log[0], HX_PERIPH_BREQ);
	cr_assert_eq(r->req_log[1], HX_PERIPH_BREQ | HX_PERIPH_LBREQ);
	hx_rig_destroy(r);
}
