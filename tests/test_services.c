/* Simulation services of the model (model.h): idle fast-forward (pl08x_quiet_cycles,
 * pl08x_skip), save and restore, reset, independence of instances and determinism.
 *
 * pl08x_quiet_cycles() is PL08X_NEVER exactly when one more step with the given inputs would
 * change nothing, else 0. Save/restore copies the whole state. Tests that need exact control of
 * the inputs drive the model directly (a small zero-wait memory on each master, below); the
 * others use the testbench.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "tb.h"

#define SRC  0x1000u
#define DST  0x4000u
#define B32  PL08X_WIDTH_32
#define BS4  PL08X_BSIZE_4

#define CFG_RUN (TB_CCFG(E, 1) | TB_CCFG(ITC, 1) | TB_CCFG(IE, 1))

TestSuite(services, .timeout = 10);

static uint32_t ctl_words(unsigned ts, unsigned s, unsigned d)
{
	return tb_ctl(ts, BS4, BS4, B32, B32, true, true, true) | TB_CTL(S, s) | TB_CTL(D, d);
}

static bool pins_equal(const pl08x_pins_out *a, const pl08x_pins_out *b)
{
	for (unsigned m = 0; m < PL08X_MASTERS; m++)
		if (a->htrans[m] != b->htrans[m] || a->haddr[m] != b->haddr[m] ||
		    a->hwrite[m] != b->hwrite[m] || a->hsize[m] != b->hsize[m] ||
		    a->hburst[m] != b->hburst[m] || a->hprot[m] != b->hprot[m] ||
		    a->hlock[m] != b->hlock[m] || a->hwdata[m] != b->hwdata[m])
			return false;
	return a->clr == b->clr && a->tc == b->tc && a->intr == b->intr &&
	       a->inttc == b->inttc && a->interr == b->interr;
}

static bool pins_idle(const pl08x_pins_out *o)
{
	static const pl08x_pins_out zero;

	return pins_equal(o, &zero);
}

/* ---- A bare system: the model and one zero-wait memory per master, state as a value ------- */

#define SYS_MEM 0x8000u

typedef struct sys_slaves {
	pl08x_pins_out out;           /* pins of the current cycle */
	bool dp[PL08X_MASTERS];       /* a data phase is pending */
	bool dp_write[PL08X_MASTERS];
	uint8_t dp_size[PL08X_MASTERS];
	uint32_t dp_addr[PL08X_MASTERS];
	uint8_t mem[PL08X_MASTERS][SYS_MEM];
} sys_slaves;

/* One cycle: the slaves answer the pending data phases, accept the address phases, then step */
static void sys_step(pl08x_dev *dev, sys_slaves *s)
{
	pl08x_pins_in in = pl08x_pins_in_idle();

	for (unsigned m = 0; m < PL08X_MASTERS; m++) {
		if (s->dp[m]) {
			uint32_t a = s->dp_addr[m] % SYS_MEM;
			if (s->dp_write[m]) {
				for (unsigned i = 0; i < (1u << s->dp_size[m]); i++)
					s->mem[m][(a + i) % SYS_MEM] =
						(uint8_t)(s->out.hwdata[m] >> (8 * ((a + i) & 3u)));
			} else {
				uint32_t w = a & ~3u;
				in.hrdata[m] = s->mem[m][w] | (uint32_t)s->mem[m][w + 1] << 8 |
					       (uint32_t)s->mem[m][w + 2] << 16 | (uint32_t)s->mem[m][w + 3] << 24;
			}
			s->dp[m] = false;
		}
		if (s->out.htrans[m] == PL08X_HTRANS_NONSEQ || s->out.htrans[m] == PL08X_HTRANS_SEQ) {
			s->dp[m] = true;
			s->dp_write[m] = s->out.hwrite[m];
			s->dp_size[m] = s->out.hsize[m];
			s->dp_addr[m] = s->out.haddr[m];
		}
	}
	pl08x_step(dev, &in, &s->out);
}

static void sys_program(pl08x_dev *dev, unsigned ch, const pl08x_lli *item, uint32_t cfg)
{
	cr_assert_eq(pl08x_write(dev, PL08X_CH_BASE(ch) + PL08X_CH_SRC_ADDR, item->src), PL08X_ACCESS_OK);
	cr_assert_eq(pl08x_write(dev, PL08X_CH_BASE(ch) + PL08X_CH_DEST_ADDR, item->dst), PL08X_ACCESS_OK);
	cr_assert_eq(pl08x_write(dev, PL08X_CH_BASE(ch) + PL08X_CH_LLI, item->lli), PL08X_ACCESS_OK);
	cr_assert_eq(pl08x_write(dev, PL08X_CH_BASE(ch) + PL08X_CH_CONTROL, item->ctl), PL08X_ACCESS_OK);
	cr_assert_eq(pl08x_write(dev, PL08X_CH_BASE(ch) + PL08X_CH_CONFIG, cfg), PL08X_ACCESS_OK);
}

/* Two channels at work on both masters: channel 0 copies 32 words AHB1 -> AHB2, channel 3
 * copies 24 words AHB2 -> AHB1 through a two-item chain loaded from AHB2. */
static void sys_start(pl08x_dev *dev, sys_slaves *s)
{
	for (unsigned m = 0; m < PL08X_MASTERS; m++)
		for (uint32_t i = 0; i < 0x200; i++)
			s->mem[m][SRC + i] = tb_pattern_byte(0x77 + m, i);
	const pl08x_lli next = { SRC + 0x100, DST + 0x100, 0, ctl_words(8, 1, 0) };
	uint32_t lli = 0x3000;
	const uint32_t w[4] = { next.src, next.dst, next.lli, next.ctl };
	for (unsigned i = 0; i < 16; i++)
		s->mem[1][lli + i] = (uint8_t)(w[i / 4] >> (8 * (i % 4)));
	pl08x_write(dev, PL08X_CONFIG, 1);
	sys_program(dev, 0, &(pl08x_lli){ SRC, DST, 0, ctl_words(32, 0, 1) }, CFG_RUN);
	sys_program(dev, 3, &(pl08x_lli){ SRC, DST, lli | 1u, ctl_words(16, 1, 0) }, CFG_RUN);
}

#define SYS_RUN 220u

/* Run @n cycles from here, recording the pins of every cycle */
static void sys_record(pl08x_dev *dev, sys_slaves *s, pl08x_pins_out *rec, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		sys_step(dev, s);
		rec[i] = s->out;
	}
}

static void expect_same_run(const pl08x_pins_out *a, const pl08x_pins_out *b, unsigned n, uint64_t c0)
{
	for (unsigned i = 0; i < n; i++)
		cr_assert(pins_equal(&a[i], &b[i]), "pins differ in cycle %llu", (unsigned long long)(c0 + i + 1));
}

/* The recorded run really transfers (so the comparisons mean something) and ends at rest */
static void expect_finished(pl08x_dev *dev, const sys_slaves *s)
{
	cr_assert_eq(pl08x_rd(dev, PL08X_ENBLD_CHNS), 0, "transfers still running");
	cr_assert_eq(pl08x_rd(dev, PL08X_RAW_INT_TC_STATUS), 0x9u);
	cr_assert_eq(memcmp(&s->mem[0][SRC], &s->mem[1][DST], 128), 0, "channel 0 data");
	cr_assert_eq(memcmp(&s->mem[1][SRC], &s->mem[0][DST], 64), 0, "channel 3 item 0 data");
	cr_assert_eq(memcmp(&s->mem[1][SRC + 0x100], &s->mem[0][DST + 0x100], 32), 0, "channel 3 item 1 data");
}

/* ---- pl08x_quiet_cycles / pl08x_skip ------------------------------------------------------- */

/* After reset, and with the controller enabled but no channel, nothing ever happens. (The step
 * right after a register write may refresh the model's derived state, so the enabled case is
 * asked one step after the write.) */
Test(services, quiet_is_never_after_reset_with_idle_inputs)
{
	pl08x_dev *dev = pl08x_create(PL08X_VARIANT_PL080);
	pl08x_pins_in in = pl08x_pins_in_idle();
	pl08x_pins_out out;

	cr_assert_not_null(dev);
	cr_assert_eq(pl08x_quiet_cycles(dev, &in), PL08X_NEVER);
	pl08x_step(dev, &in, &out);
	cr_assert_eq(pl08x_quiet_cycles(dev, &in), PL08X_NEVER);
	cr_assert(pins_idle(&out));
	pl08x_write(dev, PL08X_CONFIG, 1);
	pl08x_step(dev, &in, &out);
	cr_assert_eq(pl08x_quiet_cycles(dev, &in), PL08X_NEVER, "an enabled controller with no channel");
	cr_assert(pins_idle(&out));
	pl08x_destroy(dev);
}

/* A 4-word copy enabled at 0: every step from 0 to 12 (TC and E cleared in step 12) changes
 * something; from cycle 13 the model is at rest. */
Test(services, quiet_is_zero_while_a_transfer_runs_and_never_after_it)
{
	tb *t = tb_create(PL08X_VARIANT_PL080);
	pl08x_pins_in idle = pl08x_pins_in_idle();

	tb_add_mem(t, 0, SRC, 0x100, 0);
	tb_add_mem(t, 0, DST, 0x100, 0);
	tb_wr(t, PL08X_CONFIG, 1);
	tb_program(t, 0, &(pl08x_lli){ SRC, DST, 0, ctl_words(4, 0, 0) }, CFG_RUN);
	for (uint64_t c = 0; c <= 12; c++) {
		cr_assert_eq(tb_cycle(t), c);
		cr_assert_eq(pl08x_quiet_cycles(t->dev, &idle), 0, "quiet in cycle %llu", (unsigned long long)c);
		tb_step(t);
	}
	cr_assert_eq(tb_irq_cycle(t, TB_IRQ_TC, 0), 13);
	cr_assert_eq(pl08x_quiet_cycles(t->dev, &idle), PL08X_NEVER);
	tb_destroy(t);
}

/* A peripheral-to-memory channel with no request: at rest from the step after it is enabled
 * (that step arbitrates and finds nothing to do), however long it waits. */
Test(services, quiet_is_never_while_a_peripheral_channel_waits_for_its_request)
{
	pl08x_dev *dev = pl08x_create(PL08X_VARIANT_PL080);
	pl08x_pins_in in = pl08x_pins_in_idle();
	pl08x_pins_out out;

	pl08x_write(dev, PL08X_CONFIG, 1);
	sys_program(dev, 2, &(pl08x_lli){ 0x8000, DST, 0, tb_ctl(4, BS4, BS4, B32, B32, false, true, true) },
		    CFG_RUN | TB_CCFG(SRC_PERIPH, 3) | TB_CCFG(FLOW, PL08X_FLOW_PER2MEM));
	pl08x_step(dev, &in, &out);
	for (unsigned i = 0; i < 5; i++) {
		cr_assert_eq(pl08x_quiet_cycles(dev, &in), PL08X_NEVER, "%u cycles after enable", i + 1);
		pl08x_step(dev, &in, &out);
		cr_assert(pins_idle(&out));
	}
	cr_assert_eq(pl08x_rd(dev, PL08X_ENBLD_CHNS), 1u << 2);
	pl08x_destroy(dev);
}

/* DMACBREQ[3] raised in cycle r (Sync = 0: two flip-flops) for a waiting channel: the steps of
 * r, r+1 (the request moves through the flip-flops) and r+2 (seen, latched, arbitrated) all
 * change state, and so does every step of the transfer that follows. */
Test(services, quiet_is_zero_while_a_request_crosses_the_synchroniser)
{
	pl08x_dev *dev = pl08x_create(PL08X_VARIANT_PL080);
	pl08x_pins_in in = pl08x_pins_in_idle();
	pl08x_pins_out out;

	pl08x_write(dev, PL08X_CONFIG, 1);
	sys_program(dev, 2, &(pl08x_lli){ 0x8000, DST, 0, tb_ctl(4, BS4, BS4, B32, B32, false, true, true) },
		    CFG_RUN | TB_CCFG(SRC_PERIPH, 3) | TB_CCFG(FLOW, PL08X_FLOW_PER2MEM));
	pl08x_step(dev, &in, &out);
	in.breq = 1u << 3;
	for (unsigned i = 0; i < 3; i++) {
		cr_assert_eq(pl08x_quiet_cycles(dev, &in), 0, "quiet %u cycles after the request rose", i);
		pl08x_step(dev, &in, &out);
		cr_assert_eq(out.htrans[0], PL08X_HTRANS_IDLE, "address phase %u cycles after the request", i);
	}
	cr_assert_eq(pl08x_quiet_cycles(dev, &in), 0);
	pl08x_step(dev, &in, &out);
	cr_assert_eq(out.htrans[0], PL08X_HTRANS_NONSEQ, "first read two cycles after the arbitration");
	pl08x_destroy(dev);
}

/* A request on a line no channel uses still moves through the flip-flops (r, r+1, r+2: the
 * synchronised level changes), then the model is at rest. */
Test(services, quiet_returns_to_never_once_an_unused_request_is_synchronised)
{
	pl08x_dev *dev = pl08x_create(PL08X_VARIANT_PL080);
	pl08x_pins_in in = pl08x_pins_in_idle();
	pl08x_pins_out out;

	pl08x_write(dev, PL08X_CONFIG, 1);
	in.sreq = 1u << 9;
	for (unsigned i = 0; i < 3; i++) {
		cr_assert_eq(pl08x_quiet_cycles(dev, &in), 0, "quiet %u cycles after the request rose", i);
		pl08x_step(dev, &in, &out);
	}
	cr_assert_eq(pl08x_quiet_cycles(dev, &in), PL08X_NEVER);
	cr_assert_eq(pl08x_rd(dev, PL08X_SOFT_SREQ), 1u << 9, "request pending as seen by software");
	pl08x_destroy(dev);
}

/* A halted channel whose FIFO has drained (A = 0) is at rest. */
Test(services, quiet_is_never_once_a_halted_channel_has_drained)
{
	tb *t = tb_create(PL08X_VARIANT_PL080);
	pl08x_pins_in idle = pl08x_pins_in_idle();

	tb_add_mem(t, 0, SRC, 0x100, 0);
	tb_add_mem(t, 0, DST, 0x100, 0);
	tb_wr(t, PL08X_CONFIG, 1);
	tb_program(t, 0, &(pl08x_lli){ SRC, DST, 0, ctl_words(16, 0, 0) }, CFG_RUN);
	tb_run(t, 14);
	tb_wr(t, PL08X_CH_BASE(0) + PL08X_CH_CONFIG, CFG_RUN | TB_CCFG(H, 1));
	tb_run(t, 9);
	cr_assert_eq(pl08x_quiet_cycles(t->dev, &idle), 0, "cycle 23: the last write is in its data phase");
	tb_step(t);
	cr_assert_eq(pl08x_quiet_cycles(t->dev, &idle), PL08X_NEVER, "cycle 24: drained");
	cr_assert_eq(PL08X_GET(tb_ch_rd(t, 0, PL08X_CH_CONFIG), PL08X_CCFG_A), 0);
	tb_destroy(t);
}

/* Nothing enabled: skip 1000 cycles, then a 4-word copy enabled at 1000 runs the usual schedule
 * from there (reads 1002..1005, writes 1008..1011, DMACINTTC at 1013). */
Test(services, skip_adds_cycles_and_the_next_step_continues_normally)
{
	tb *t = tb_create(PL08X_VARIANT_PL080);

	tb_add_mem(t, 0, SRC, 0x100, 0);
	tb_add_mem(t, 0, DST, 0x100, 0);
	tb_mem_pattern(t, 0, SRC, 0x100, 3);
	tb_wr(t, PL08X_CONFIG, 1);
	tb_run(t, 5);
	cr_assert_eq(pl08x_quiet_cycles(t->dev, &t->in), PL08X_NEVER);
	pl08x_skip(t->dev, 995);
	cr_assert_eq(tb_cycle(t), 1000);
	cr_assert_eq(pl08x_rd(t->dev, PL08X_CONFIG), 1u);
	tb_program(t, 0, &(pl08x_lli){ SRC, DST, 0, ctl_words(4, 0, 0) }, CFG_RUN);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 100));
	cr_assert_eq(tb_cycle(t), 1013);
	cr_assert_eq(tb_nth_beat(t, 0, TB_READ, 0)->cycle, 1002);
	cr_assert_eq(tb_nth_beat(t, 0, TB_WRITE, 0)->cycle, 1008);
	cr_assert_eq(tb_mem_cmp(t, 0, SRC, 0, DST, 16), -1);
	cr_assert_eq(t->violations, 0, "%s", t->violation);
	tb_destroy(t);
}

/* A peripheral channel waits (quiet); 500 cycles are skipped; a software burst request written
 * at 503 is seen by step 503: four one-beat INCR reads of the peripheral 505..508, the last ends at
 * 509, DMACCLR (and DMACTC: the item's last transfers) high in 510 only (the soft bit cleared
 * when served), writes 511..514, DMACINTTC at 516. */
Test(services, skip_while_a_channel_waits_then_a_request_is_served_normally)
{
	tb *t = tb_create(PL08X_VARIANT_PL080);
	tb_periph *p = tb_add_periph(t, 5, 0, 0x8000);

	tb_add_mem(t, 0, DST, 0x100, 0);
	tb_wr(t, PL08X_CONFIG, 1);
	tb_program(t, 1, &(pl08x_lli){ 0x8000, DST, 0, tb_ctl(4, BS4, BS4, B32, B32, false, true, true) },
		   CFG_RUN | TB_CCFG(SRC_PERIPH, 5) | TB_CCFG(FLOW, PL08X_FLOW_PER2MEM));
	tb_run(t, 3);
	cr_assert_eq(pl08x_quiet_cycles(t->dev, &t->in), PL08X_NEVER);
	pl08x_skip(t->dev, 500);
	cr_assert_eq(tb_cycle(t), 503);
	tb_wr(t, PL08X_SOFT_BREQ, 1u << 5);
	cr_assert(tb_run_until_irq(t, TB_IRQ_TC, 100));
	cr_assert_eq(tb_cycle(t), 516);
	for (unsigned i = 0; i < 4; i++) {
		const tb_beat *b = tb_nth_beat(t, 0, TB_READ, i);
		cr_assert_eq(b->cycle, 505 + i);
		cr_assert_eq(b->addr, 0x8000);
		cr_assert_eq(b->hburst, PL08X_HBURST_INCR);
	}
	cr_assert_eq(tb_nth_beat(t, 0, TB_WRITE, 0)->cycle, 511);
	cr_assert_eq(tb_event_cycle(t, TB_EV_CLR, 5, true, 0), 510);
	cr_assert_eq(tb_event_cycle(t, TB_EV_CLR, 5, false, 0), 511);
	cr_assert_eq(tb_event_cycle(t, TB_EV_TC, 5, true, 0), 510);
	for (unsigned i = 0; i < 16; i++)
		cr_assert_eq(tb_rd8(t, 0, DST + i), i, "byte %u of the peripheral stream", i);
	cr_assert_eq(p->reads, 4);
	tb_destroy(t);
}

/* ---- Save and restore ---------------------------------------------------------------------- */

Test(services, state_size_is_positive_and_a_save_restores_to_the_same_bytes)
{
	size_t n = pl08x_state_size();
	pl08x_dev *dev = pl08x_create(PL08X_VARIANT_PL080);
	pl08x_dev *two = pl08x_create(PL08X_VARIANT_PL080);
	sys_slaves *s = calloc(1, sizeof *s);

	cr_assert_gt(n, 0);
	uint8_t *a = malloc(n), *b = malloc(n);
	cr_assert(a && b && s);
	sys_start(dev, s);
	for (unsigned i = 0; i < 37; i++)
		sys_step(dev, s);
	pl08x_save(dev, a);
	pl08x_restore(two, a);
	pl08x_save(two, b);
	cr_assert_eq(memcmp(a, b, n), 0, "save(restore(x)) != x");
	cr_assert_eq(pl08x_cycle(two), 37);
	free(a);
	free(b);
	free(s);
	pl08x_destroy(dev);
	pl08x_destroy(two);
}

/* Save at cycle 37 (both channels mid-transfer), run to the end recording the pins; restore the
 * state into a new instance and run again from the saved slave state: the same pins in every
 * cycle and the same cycle count; then the same again in the original instance. */
Test(services, save_mid_transfer_and_restore_replays_identical_pins)
{
	pl08x_dev *dev = pl08x_create(PL08X_VARIANT_PL080);
	sys_slaves *s = calloc(1, sizeof *s), *snap = calloc(1, sizeof *snap);
	pl08x_pins_out *rec = calloc(SYS_RUN, sizeof *rec), *again = calloc(SYS_RUN, sizeof *again);
	uint8_t *state = malloc(pl08x_state_size());

	cr_assert(dev && s && snap && rec && again && state);
	sys_start(dev, s);
	for (unsigned i = 0; i < 37; i++)
		sys_step(dev, s);
	cr_assert_neq(pl08x_rd(dev, PL08X_ENBLD_CHNS), 0);
	pl08x_save(dev, state);
	*snap = *s;
	sys_record(dev, s, rec, SYS_RUN);
	expect_finished(dev, s);
	uint64_t end = pl08x_cycle(dev);
	cr_assert_eq(end, 37 + SYS_RUN);

	pl08x_dev *two = pl08x_create(PL08X_VARIANT_PL080);
	cr_assert_not_null(two);
	pl08x_restore(two, state);
	cr_assert_eq(pl08x_cycle(two), 37);
	*s = *snap;
	pl08x_pins_out now;
	pl08x_outputs(two, &now);
	cr_assert(pins_equal(&now, &snap->out), "restored outputs differ from the saved cycle's");
	sys_record(two, s, again, SYS_RUN);
	expect_same_run(rec, again, SYS_RUN, 37);
	cr_assert_eq(pl08x_cycle(two), end);
	expect_finished(two, s);

	pl08x_restore(dev, state);
	cr_assert_eq(pl08x_cycle(dev), 37);
	*s = *snap;
	memset(again, 0, SYS_RUN * sizeof *again);
	sys_record(dev, s, again, SYS_RUN);
	expect_same_run(rec, again, SYS_RUN, 37);
	cr_assert_eq(pl08x_cycle(dev), end);
	expect_finished(dev, s);

	pl08x_destroy(two);
	pl08x_destroy(dev);
	free(state);
	free(rec);
	free(again);
	free(s);
	free(snap);
}

/* ---- Instances, reset, determinism --------------------------------------------------------- */

/* Program A: channel 0 copies 16 words on AHB1 with a wait pattern. Program B: channel 3 copies
 * 8 words AHB2 -> AHB1 and hits an error region on its last word. */
static tb *make_tb(bool program_b)
{
	static const uint8_t pat[] = { 0, 2, 1 };
	tb *t = tb_create(PL08X_VARIANT_PL080);

	cr_assert_not_null(t);
	for (unsigned m = 0; m < PL08X_MASTERS; m++) {
		tb_mem *mem = tb_add_mem(t, m, 0, 0x8000, 0);
		tb_waits_set(&mem->waits, pat, 3);
		tb_mem_pattern(t, m, SRC, 0x100, 0x33 + m);
	}
	tb_wr(t, PL08X_CONFIG, 1);
	if (program_b) {
		tb_add_error(t, 1, SRC + 28, 4, true, false);
		tb_program(t, 3, &(pl08x_lli){ SRC, DST, 0, ctl_words(8, 1, 0) }, CFG_RUN);
	} else {
		tb_program(t, 0, &(pl08x_lli){ SRC, DST, 0, ctl_words(16, 0, 0) }, CFG_RUN);
	}
	return t;
}

static void expect_same_log(const tb *a, const tb *b)
{
	cr_assert_eq(tb_beat_count(a), tb_beat_count(b), "beat counts differ");
	for (size_t i = 0; i < tb_beat_count(a); i++) {
		const tb_beat *x = &tb_beats(a)[i], *y = &tb_beats(b)[i];
		cr_assert(x->cycle == y->cycle && x->master == y->master && x->htrans == y->htrans &&
			  x->hburst == y->hburst && x->hsize == y->hsize && x->hprot == y->hprot &&
			  x->hwrite == y->hwrite && x->hlock == y->hlock && x->addr == y->addr &&
			  x->data == y->data && x->done_cycle == y->done_cycle && x->resp == y->resp,
			  "beat %zu differs", i);
	}
	cr_assert_eq(a->n_events, b->n_events, "event counts differ");
	for (size_t i = 0; i < a->n_events; i++)
		cr_assert(a->events[i].cycle == b->events[i].cycle && a->events[i].kind == b->events[i].kind &&
			  a->events[i].line == b->events[i].line && a->events[i].high == b->events[i].high,
			  "event %zu differs", i);
}

Test(services, two_instances_stepped_interleaved_match_separate_runs)
{
	tb *a = make_tb(false), *b = make_tb(true);
	tb *ra = make_tb(false), *rb = make_tb(true);

	for (unsigned i = 0; i < 300; i++) {
		tb_step(a);
		tb_step(b);
		if (i % 7 == 0)
			tb_step(b);   /* b runs ahead now and then */
	}
	tb_run(b, 300 + 300 / 7 + 1 - pl08x_cycle(b->dev));
	tb_run(ra, 300);
	tb_run(rb, pl08x_cycle(b->dev));
	cr_assert_eq(pl08x_cycle(a->dev), pl08x_cycle(ra->dev));
	cr_assert_eq(pl08x_cycle(b->dev), pl08x_cycle(rb->dev));
	cr_assert_eq(tb_beat_count(ra), 32, "program A: 16 reads and 16 writes");
	cr_assert_eq(pl08x_rd(rb->dev, PL08X_RAW_INT_ERR_STATUS), 1u << 3, "program B did not fail");
	expect_same_log(a, ra);
	expect_same_log(b, rb);
	cr_assert_eq(tb_mem_cmp(a, 0, SRC, 0, DST, 64), -1, "program A data");
	tb_destroy(a);
	tb_destroy(b);
	tb_destroy(ra);
	tb_destroy(rb);
}

Test(services, same_program_twice_gives_the_same_beat_log)
{
	tb *x = make_tb(false), *y = make_tb(false);

	tb_program(x, 3, &(pl08x_lli){ SRC + 0x80, DST + 0x80, 0, ctl_words(8, 1, 1) }, CFG_RUN);
	tb_program(y, 3, &(pl08x_lli){ SRC + 0x80, DST + 0x80, 0, ctl_words(8, 1, 1) }, CFG_RUN);
	cr_assert(tb_run_until_idle(x, 1000));
	cr_assert(tb_run_until_idle(y, 1000));
	cr_assert_eq(tb_cycle(x), tb_cycle(y));
	cr_assert_eq(tb_beat_count(x), 48);
	expect_same_log(x, y);
	tb_destroy(x);
	tb_destroy(y);
}

/* Every register the PL080 has, with its reset value */
static uint32_t reset_value(uint32_t off)
{
	static const uint8_t ids[8] = { 0x80, 0x10, 0x04, 0x0A, 0x0D, 0xF0, 0x05, 0xB1 };

	return off >= PL08X_PERIPH_ID0 ? ids[(off - PL08X_PERIPH_ID0) / 4] : 0;
}

static const uint32_t readable[] = {
	PL08X_INT_STATUS, PL08X_INT_TC_STATUS, PL08X_INT_ERROR_STATUS, PL08X_RAW_INT_TC_STATUS,
	PL08X_RAW_INT_ERR_STATUS, PL08X_ENBLD_CHNS, PL08X_SOFT_BREQ, PL08X_SOFT_SREQ,
	PL08X_SOFT_LBREQ, PL08X_SOFT_LSREQ, PL08X_CONFIG, PL08X_SYNC, PL08X_ITCR, PL08X_ITOP1,
	PL08X_ITOP2, PL08X_ITOP3,
	0xFE0, 0xFE4, 0xFE8, 0xFEC, 0xFF0, 0xFF4, 0xFF8, 0xFFC,
};

/* Dirty every register (a finished transfer with TC, a failed one, a running one, soft requests,
 * Sync, both endianness bits, test outputs), reset, and read everything back. */
Test(services, reset_returns_every_register_to_its_reset_value)
{
	pl08x_dev *dev = pl08x_create(PL08X_VARIANT_PL080);
	sys_slaves *s = calloc(1, sizeof *s);
	pl08x_pins_in in = pl08x_pins_in_idle();
	pl08x_pins_out out;

	cr_assert(dev && s);
	sys_start(dev, s);
	for (unsigned i = 0; i < 30; i++)
		sys_step(dev, s);
	pl08x_write(dev, PL08X_CONFIG, 7);
	pl08x_write(dev, PL08X_SYNC, 0xFFFF);
	pl08x_write(dev, PL08X_SOFT_BREQ, 0x8000);
	pl08x_write(dev, PL08X_SOFT_SREQ, 0x4000);
	pl08x_write(dev, PL08X_SOFT_LBREQ, 0x2000);
	pl08x_write(dev, PL08X_SOFT_LSREQ, 0x1000);
	for (unsigned ch = 5; ch < 8; ch++)
		sys_program(dev, ch, &(pl08x_lli){ 0x11110000u * ch, 0x2222000u * ch, 0x3330u, 0x7FFFFFFFu },
			    TB_CCFG(SRC_PERIPH, 15) | TB_CCFG(DEST_PERIPH, 14) | TB_CCFG(FLOW, 7) |
			    TB_CCFG(IE, 1) | TB_CCFG(ITC, 1) | TB_CCFG(L, 1) | TB_CCFG(H, 1));
	pl08x_write(dev, PL08X_CH_BASE(4) + PL08X_CH_CONTROL, tb_ctl(4, 0, 0, B32, B32, true, true, true));
	pl08x_write(dev, PL08X_CH_BASE(4) + PL08X_CH_CONFIG, CFG_RUN);
	for (unsigned i = 0; i < 40; i++)
		pl08x_step(dev, &in, &out);  /* channel 4 reads 0 and writes to 0 (no slave here) */
	pl08x_write(dev, PL08X_ITCR, 1);
	pl08x_write(dev, PL08X_ITOP1, 0xA5A5);
	pl08x_write(dev, PL08X_ITOP2, 0x5A5A);
	pl08x_write(dev, PL08X_ITOP3, 7);
	pl08x_step(dev, &in, &out);
	cr_assert_neq(pl08x_rd(dev, PL08X_RAW_INT_TC_STATUS), 0, "no TC before the reset");
	cr_assert_neq(pl08x_rd(dev, PL08X_ENBLD_CHNS), 0, "nothing enabled before the reset");
	cr_assert_eq(out.clr, 0xA5A5);

	pl08x_reset(dev);
	cr_assert_eq(pl08x_cycle(dev), 0);
	for (size_t i = 0; i < sizeof readable / sizeof readable[0]; i++)
		cr_assert_eq(pl08x_rd(dev, readable[i]), reset_value(readable[i]),
			     "%s (0x%03x) = 0x%x after reset", pl08x_reg_name(dev, readable[i]), readable[i],
			     pl08x_rd(dev, readable[i]));
	for (unsigned ch = 0; ch < 8; ch++)
		for (uint32_t r = 0; r <= PL08X_CH_CONFIG; r += 4)
			cr_assert_eq(pl08x_rd(dev, PL08X_CH_BASE(ch) + r), 0,
				     "channel %u register 0x%02x = 0x%x after reset", ch, r,
				     pl08x_rd(dev, PL08X_CH_BASE(ch) + r));
	pl08x_outputs(dev, &out);
	cr_assert(pins_idle(&out), "outputs after reset");
	cr_assert_eq(pl08x_quiet_cycles(dev, &in), PL08X_NEVER);
	cr_assert_eq(pl08x_channels(dev), 8);
	cr_assert_eq(pl08x_masters(dev), 2);

	/* And it works like a new one: the same program gives the same pins as a fresh instance */
	pl08x_dev *fresh = pl08x_create(PL08X_VARIANT_PL080);
	sys_slaves *f = calloc(1, sizeof *f);
	cr_assert(fresh && f);
	memset(s, 0, sizeof *s);
	sys_start(dev, s);
	sys_start(fresh, f);
	for (unsigned i = 0; i < SYS_RUN + 37; i++) {
		sys_step(dev, s);
		sys_step(fresh, f);
		cr_assert(pins_equal(&s->out, &f->out), "pins differ from a fresh instance in cycle %u", i + 1);
	}
	expect_finished(dev, s);
	pl08x_destroy(fresh);
	free(f);
	free(s);
	pl08x_destroy(dev);
}
