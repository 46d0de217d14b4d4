/* Tests of the harness sim: the per-cycle order, fast-forward, and the CPU contexts with their
 * seeded MMIO costs, interrupt latencies and preemption points (harness/sim.h).
 *
 * Reference timing (docs/timing-model.md, pinned by tests/test_timing.c): a 4-word INCR4
 * memcpy on AHB1 at 0 wait states enabled by a write at cycle t reads at t+2..t+5, writes at
 * t+8..t+11 and raises DMACINTTC and DMACINTR at t+13 (four_word_memcpy_raises_dmacinttc_at_t_plus_13).
 */
#define _POSIX_C_SOURCE 200809L

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/sim.h"

#define CTL(f, v)  PL08X_VAL(PL08X_CCTL_##f, v)
#define CCFG(f, v) PL08X_VAL(PL08X_CCFG_##f, v)
#define CH(n, r)   (PL08X_CH_BASE(n) + PL08X_CH_##r)
#define RISE       13u   /* enable write to DMACINTR high, 4-word memcpy (see the top) */

TestSuite(hx_sim, .timeout = 20);

static hx_sim *make(hx_sim_config cfg)
{
	hx_sim *s = hx_sim_create(&cfg);

	cr_assert_not_null(s);
	cr_assert_geq(hx_bus_add_mem(hx_sim_bus(s), "sram", 0, 0, 0x10000, false, hx_bus_waits_fixed(0)), 0);
	return s;
}

/* Controller on, channel @ch copies @words words on AHB1 from @src to @dst with INCR4, TC
 * interrupt; returns the cycle t of the enabling write */
static uint64_t start_copy(hx_sim *s, unsigned ch, uint32_t src, uint32_t dst, unsigned words)
{
	uint8_t pat[64];

	for (unsigned i = 0; i < 4 * words; i++)
		pat[i] = hx_pattern_byte(ch + 1, i);
	cr_assert_eq(hx_bus_mem_write(hx_sim_bus(s), 0, src, pat, 4 * words), 0);
	hx_sim_mmio_write(s, PL08X_CONFIG, 1);
	hx_sim_mmio_write(s, CH(ch, SRC_ADDR), src);
	hx_sim_mmio_write(s, CH(ch, DEST_ADDR), dst);
	hx_sim_mmio_write(s, CH(ch, LLI), 0);
	hx_sim_mmio_write(s, CH(ch, CONTROL), CTL(TS, words) | CTL(SBSIZE, PL08X_BSIZE_4) | CTL(DBSIZE, PL08X_BSIZE_4) |
			  CTL(SWIDTH, PL08X_WIDTH_32) | CTL(DWIDTH, PL08X_WIDTH_32) | CTL(SI, 1) | CTL(DI, 1) | CTL(I, 1));
	hx_sim_mmio_write(s, CH(ch, CONFIG), CCFG(E, 1) | CCFG(ITC, 1) | CCFG(IE, 1) | CCFG(FLOW, PL08X_FLOW_MEM2MEM));
	return hx_sim_cycle(s);
}

/* ---- what the interrupt handler and the deferred work record ------------------------------- */

struct rec {
	unsigned n;                 /* handler entries */
	uint64_t at[16], left[16];  /* entry and return cycles */
	bool atomic[16], hardirq[16];
	unsigned depth, max_depth;
	bool clear;                 /* the handler clears every TC interrupt */
	unsigned reads;             /* thread register reads done so far */
	unsigned reads_at[16];      /* ... when the handler was entered */
	char log[256];
	unsigned work_done;
};

static void rec_log(struct rec *r, const char *s)
{
	strncat(r->log, s, sizeof(r->log) - strlen(r->log) - 1);
}

static void handler(hx_sim *s, void *arg)
{
	struct rec *r = arg;
	unsigned i = r->n++;

	if (i < 16) {
		r->at[i] = hx_sim_cycle(s);
		r->atomic[i] = hx_sim_in_atomic(s);
		r->hardirq[i] = hx_sim_context(s) == HX_SIM_CTX_HARDIRQ;
		r->reads_at[i] = r->reads;
	}
	if (++r->depth > r->max_depth)
		r->max_depth = r->depth;
	if (r->clear)
		hx_sim_mmio_write(s, PL08X_INT_TC_CLEAR, 0xFF);
	r->depth--;
	if (i < 16)
		r->left[i] = hx_sim_cycle(s);
}

static bool handled(hx_sim *s, void *arg)
{
	(void)s;
	return ((struct rec *)arg)->n > 0;
}

static bool never(hx_sim *s, void *arg)
{
	(void)s;
	(void)arg;
	return false;
}

/* ---- the per-cycle order -------------------------------------------------------------------- */

Test(hx_sim, register_write_at_t_is_acted_on_by_step_t_first_nonseq_at_t_plus_2)
{
	hx_sim *s = make((hx_sim_config){ .seed = 1 });
	uint64_t t = start_copy(s, 0, 0x1000, 0x2000, 4);

	cr_assert_eq(hx_sim_outputs(s)->htrans[0], PL08X_HTRANS_IDLE, "cycle t");
	hx_sim_step(s);
	cr_assert_eq(hx_sim_cycle(s), t + 1);
	cr_assert_eq(hx_sim_outputs(s)->htrans[0], PL08X_HTRANS_IDLE, "t+1: the arbitration cycle");
	hx_sim_step(s);
	cr_assert_eq(hx_sim_outputs(s)->htrans[0], PL08X_HTRANS_NONSEQ, "t+2: first NONSEQ");
	cr_assert_eq(hx_sim_outputs(s)->haddr[0], 0x1000);
	cr_assert_eq(hx_sim_outputs(s)->hburst[0], PL08X_HBURST_INCR4);
	cr_assert(hx_sim_run_to(s, t + RISE - 1));
	cr_assert_not(hx_sim_outputs(s)->intr);
	hx_sim_step(s);
	cr_assert(hx_sim_outputs(s)->intr, "DMACINTR at t+13 as in the model's timing tests");
	cr_assert(hx_sim_outputs(s)->inttc);
	cr_assert_not(hx_sim_run_to(s, t), "t has passed");
	uint8_t a[16], b[16];
	hx_bus_mem_read(hx_sim_bus(s), 0, 0x1000, a, 16);
	hx_bus_mem_read(hx_sim_bus(s), 0, 0x2000, b, 16);
	cr_assert_arr_eq(a, b, 16);
	cr_assert_eq(hx_sim_check(s, 0)->total, 0);
	hx_sim_destroy(s);
}

Test(hx_sim, trace_gets_register_accesses_beats_pins_and_contexts)
{
	char path[] = "/tmp/hx_sim_trace.XXXXXX";
	int fd = mkstemp(path);
	struct rec r = { .clear = true };
	hx_sim *s = make((hx_sim_config){ .seed = 1, .irq_latency_fixed = true });
	char want[256], *text;
	FILE *f;
	long n;

	cr_assert_geq(fd, 0);
	close(fd);
	cr_assert_eq(hx_trace_open(hx_sim_trace(s), path, NULL, 2), 0);
	hx_sim_set_irq_handler(s, handler, &r);
	uint64_t t = start_copy(s, 0, 0x1000, 0x2000, 4);
	cr_assert(hx_sim_wait_until(s, handled, &r, 100, "irq"));
	cr_assert_eq(hx_trace_close(hx_sim_trace(s)), 0);
	f = fopen(path, "r");
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	cr_assert_eq(fread(text, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	snprintf(want, sizeof(want), "{\"cycle\":%llu,\"ev\":\"reg\",\"op\":\"write\",\"off\":\"0x110\",\"name\":\"DMACCxConfiguration\"",
		 (unsigned long long)t);
	cr_assert(strstr(text, want), "%s", text);
	snprintf(want, sizeof(want), "{\"cycle\":%llu,\"ev\":\"beat\",\"m\":1,\"addr\":\"0x00001000\",\"write\":false,\"size\":2,\"burst\":3,\"trans\":2",
		 (unsigned long long)(t + 2));
	cr_assert(strstr(text, want), "%s", text);
	snprintf(want, sizeof(want), "{\"cycle\":%llu,\"ev\":\"irq\",\"pin\":\"intr\",\"level\":1}\n"
		 "{\"cycle\":%llu,\"ev\":\"irq\",\"pin\":\"inttc\",\"level\":1}\n"
		 "{\"cycle\":%llu,\"ev\":\"ctx\",\"kind\":\"hardirq-enter\",\"text\":\"\"}\n",
		 (unsigned long long)(t + RISE), (unsigned long long)(t + RISE), (unsigned long long)(t + RISE));
	cr_assert(strstr(text, want), "latency 0: the handler runs in the cycle DMACINTR rises\n%s", text);
	cr_assert(strstr(text, "\"slave\":\"sram\""));
	free(text);
	unlink(path);
	hx_sim_destroy(s);
}

/* ---- MMIO cost and jitter ------------------------------------------------------------------- */

Test(hx_sim, mmio_costs_exactly_mmio_cycles)
{
	hx_sim *s = make((hx_sim_config){ .seed = 1, .mmio_cycles = 7 });

	cr_assert_eq(hx_sim_cycle(s), 0);
	hx_sim_mmio_write(s, PL08X_CONFIG, 1);
	cr_assert_eq(hx_sim_cycle(s), 7);
	cr_assert_eq(hx_sim_mmio_read(s, PL08X_CONFIG), 1);
	cr_assert_eq(hx_sim_cycle(s), 14);
	cr_assert_eq(hx_sim_last_access(s), PL08X_ACCESS_OK);
	hx_sim_mmio_write(s, PL08X_ENBLD_CHNS, 1);
	cr_assert_eq(hx_sim_last_access(s), PL08X_ACCESS_READ_ONLY);
	cr_assert_eq(hx_sim_cycle(s), 21);
	cr_assert_not(hx_sim_failed(s), "a refused access is traced, not a failure");
	hx_sim_destroy(s);

	s = make((hx_sim_config){ .seed = 1 });
	hx_sim_mmio_read(s, PL08X_CONFIG);
	cr_assert_eq(hx_sim_cycle(s), 4, "default mmio_cycles");
	hx_sim_destroy(s);
}

static void costs(uint64_t seed, unsigned *out, unsigned n)
{
	hx_sim *s = make((hx_sim_config){ .seed = seed, .mmio_cycles = 4, .mmio_jitter = 5 });

	for (unsigned i = 0; i < n; i++) {
		uint64_t c = hx_sim_cycle(s);

		hx_sim_mmio_read(s, PL08X_ENBLD_CHNS);
		out[i] = (unsigned)(hx_sim_cycle(s) - c);
	}
	hx_sim_destroy(s);
}

Test(hx_sim, mmio_jitter_is_repeatable_per_seed_and_within_its_range)
{
	unsigned a[200], b[200], c[200], seen[10] = { 0 };

	costs(11, a, 200);
	costs(11, b, 200);
	costs(12, c, 200);
	cr_assert_arr_eq(a, b, sizeof(a), "same seed, same costs");
	cr_assert(memcmp(a, c, sizeof(a)), "another seed, other costs");
	for (unsigned i = 0; i < 200; i++) {
		cr_assert(a[i] >= 4 && a[i] <= 9, "cost %u out of 4..9", a[i]);
		seen[a[i]]++;
	}
	for (unsigned k = 4; k <= 9; k++)
		cr_assert_gt(seen[k], 0, "cost %u never drawn in 200 accesses", k);
}

Test(hx_sim, preemption_delays_only_thread_accesses_by_1_to_mmio_cycles)
{
	hx_sim *s = make((hx_sim_config){ .seed = 5, .preempt_percent = 100 });
	unsigned seen[8] = { 0 };

	for (unsigned i = 0; i < 100; i++) {
		uint64_t c = hx_sim_cycle(s);

		hx_sim_mmio_read(s, PL08X_ENBLD_CHNS);
		unsigned d = (unsigned)(hx_sim_cycle(s) - c);
		cr_assert(d >= 5 && d <= 8, "access + preemption took %u", d);
		seen[d - 5]++;
	}
	for (unsigned k = 0; k < 4; k++)
		cr_assert_gt(seen[k], 0);
	hx_sim_destroy(s);

	s = make((hx_sim_config){ .seed = 5, .preempt_percent = 0 });
	hx_sim_mmio_read(s, PL08X_ENBLD_CHNS);
	hx_sim_mmio_read(s, PL08X_ENBLD_CHNS);
	cr_assert_eq(hx_sim_cycle(s), 8);
	hx_sim_destroy(s);
}

/* ---- interrupt latency and where it is taken ------------------------------------------------ */

/* The copy, then a wait for the handler: its entry cycle */
static uint64_t entry_when_waiting(hx_sim_config cfg, uint64_t *t)
{
	struct rec r = { .clear = true };
	hx_sim *s = make(cfg);
	uint64_t at;

	hx_sim_set_irq_handler(s, handler, &r);
	*t = start_copy(s, 0, 0x1000, 0x2000, 4);
	cr_assert(hx_sim_wait_until(s, handled, &r, 1000, "irq"));
	cr_assert_eq(r.n, 1);
	cr_assert(r.atomic[0] && r.hardirq[0]);
	at = r.at[0];
	cr_assert_eq(hx_sim_cycle(s), at + 4, "the handler's one write");
	hx_sim_destroy(s);
	return at;
}

Test(hx_sim, irq_is_taken_at_the_exact_takeable_cycle_while_waiting)
{
	uint64_t t;

	cr_assert_eq(entry_when_waiting((hx_sim_config){ .seed = 1, .irq_latency_min = 10, .irq_latency_max = 10 }, &t),
		     t + RISE + 10);
	cr_assert_eq(entry_when_waiting((hx_sim_config){ .seed = 1, .irq_latency_fixed = true }, &t), t + RISE);
	cr_assert_eq(entry_when_waiting((hx_sim_config){ .seed = 1, .irq_latency_min = 7, .irq_latency_fixed = true }, &t),
		     t + RISE + 7, "max below min is min");
}

Test(hx_sim, irq_latency_is_seeded_within_its_bounds)
{
	uint64_t t, lat[24];
	unsigned distinct = 0;

	for (unsigned i = 0; i < 24; i++) {
		lat[i] = entry_when_waiting((hx_sim_config){ .seed = 100 + i / 2 }, &t) - (t + RISE);
		cr_assert(lat[i] >= 8 && lat[i] <= 16, "default latency 8..16, got %llu", (unsigned long long)lat[i]);
		if (i % 2)
			cr_assert_eq(lat[i], lat[i - 1], "same seed, same latency");
	}
	for (unsigned i = 0; i < 24; i += 2) {
		bool dup = false;

		for (unsigned j = 0; j < i; j += 2)
			dup |= lat[j] == lat[i];
		distinct += !dup;
	}
	cr_assert_geq(distinct, 4, "12 seeds gave only %u latencies", distinct);
}

Test(hx_sim, irq_is_taken_right_after_the_mmio_access_that_reaches_it)
{
	struct rec r = { .clear = true };
	hx_sim *s = make((hx_sim_config){ .seed = 1, .irq_latency_min = 10, .irq_latency_max = 10 });
	uint64_t t;

	hx_sim_set_irq_handler(s, handler, &r);
	t = start_copy(s, 0, 0x1000, 0x2000, 4);
	while (!r.n && r.reads < 100) {
		hx_sim_mmio_read(s, PL08X_ENBLD_CHNS);
		r.reads++;
	}
	/* takeable at t+23; the reads end at t+4k: the 6th, at t+24, is followed by the handler */
	cr_assert_eq(r.at[0], t + 24);
	cr_assert_eq(r.reads_at[0], 5, "the handler ran inside the 6th read, after its access");
	cr_assert_eq(r.reads, 6);
	hx_sim_destroy(s);
}

Test(hx_sim, irq_is_taken_at_the_end_of_a_cpu_delay_not_during_it)
{
	struct rec r = { .clear = true };
	hx_sim *s = make((hx_sim_config){ .seed = 1, .irq_latency_min = 10, .irq_latency_max = 10 });
	uint64_t t;

	hx_sim_set_irq_handler(s, handler, &r);
	t = start_copy(s, 0, 0x1000, 0x2000, 4);
	hx_sim_cpu_delay(s, 100);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.at[0], t + 100);
	cr_assert_eq(hx_sim_cycle(s), t + 104);
	hx_sim_destroy(s);
}

Test(hx_sim, masked_interrupt_is_taken_at_the_restore_that_unmasks_it)
{
	struct rec r = { .clear = true };
	hx_sim *s = make((hx_sim_config){ .seed = 1, .irq_latency_min = 10, .irq_latency_max = 10 });
	unsigned long f1, f2;
	uint64_t t;

	hx_sim_set_irq_handler(s, handler, &r);
	cr_assert_not(hx_sim_in_atomic(s));
	f1 = hx_sim_irq_save(s);
	cr_assert(hx_sim_in_atomic(s));
	t = start_copy(s, 0, 0x1000, 0x2000, 4);
	hx_sim_cpu_delay(s, 50);
	for (unsigned i = 0; i < 3; i++)
		hx_sim_mmio_read(s, PL08X_ENBLD_CHNS);
	f2 = hx_sim_irq_save(s);
	hx_sim_irq_restore(s, f2);               /* still masked: nothing */
	cr_assert_eq(r.n, 0, "masked through the delay and the accesses");
	hx_sim_irq_restore(s, f1);
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.at[0], t + 62, "at the restore, in the cycle it was made");
	cr_assert_not(hx_sim_in_atomic(s));
	hx_sim_destroy(s);
}

/* ---- nesting, deferred work, level and storms ------------------------------------------------- */

static bool intr_high(hx_sim *s, void *arg)
{
	(void)arg;
	return hx_sim_outputs(s)->intr;
}

/* First entry: clear, start channel 1, wait inside the handler for its interrupt, return with
 * it pending; second entry: clear */
static void nesting_handler(hx_sim *s, void *arg)
{
	struct rec *r = arg;
	unsigned i = r->n++;

	r->at[i] = hx_sim_cycle(s);
	if (++r->depth > r->max_depth)
		r->max_depth = r->depth;
	hx_sim_mmio_write(s, PL08X_INT_TC_CLEAR, 0xFF);
	if (i == 0) {
		start_copy(s, 1, 0x3000, 0x4000, 4);
		cr_assert(hx_sim_wait_until(s, intr_high, NULL, 100, "ch1"));
		hx_sim_cpu_delay(s, 60);             /* well past its latency */
	}
	r->depth--;
	r->left[i] = hx_sim_cycle(s);
}

Test(hx_sim, hard_irqs_do_not_nest_a_pending_one_is_taken_when_the_handler_returns)
{
	struct rec r = { 0 };
	hx_sim *s = make((hx_sim_config){ .seed = 1, .irq_latency_min = 3, .irq_latency_max = 3 });

	hx_sim_set_irq_handler(s, nesting_handler, &r);
	start_copy(s, 0, 0x1000, 0x2000, 4);
	cr_assert(hx_sim_wait_until(s, handled, &r, 1000, "irq"));
	cr_assert_eq(r.n, 2, "n %u at %llu left %llu now %llu", r.n, (unsigned long long)r.at[0], (unsigned long long)r.left[0], (unsigned long long)hx_sim_cycle(s));
	cr_assert_eq(r.max_depth, 1);
	cr_assert_eq(r.at[1], r.left[0], "taken at once when the first handler returns");
	cr_assert_eq(hx_sim_irq_count(s), 2);
	hx_sim_cpu_delay(s, 100);
	cr_assert_eq(r.n, 2, "cleared: no third entry");
	hx_sim_destroy(s);
}

static void work2(hx_sim *s, void *arg)
{
	struct rec *r = arg;

	cr_assert_eq(hx_sim_context(s), HX_SIM_CTX_DEFERRED);
	rec_log(r, "W2[]");
	r->work_done++;
}

static bool second_irq(hx_sim *s, void *arg);

static void work1(hx_sim *s, void *arg)
{
	struct rec *r = arg;
	char buf[32];

	cr_assert_eq(hx_sim_context(s), HX_SIM_CTX_DEFERRED);
	cr_assert_not(hx_sim_in_atomic(s));
	snprintf(buf, sizeof(buf), "W1@%llu[", (unsigned long long)hx_sim_cycle(s));
	rec_log(r, buf);
	start_copy(s, 1, 0x3000, 0x4000, 4);
	cr_assert(hx_sim_wait_until(s, second_irq, r, 1000, "second irq"));
	cr_assert_eq(hx_sim_context(s), HX_SIM_CTX_DEFERRED, "back in deferred context after the handler");
	rec_log(r, "]");
	r->work_done++;
}

static void queuing_handler(hx_sim *s, void *arg)
{
	struct rec *r = arg;
	char buf[32];
	unsigned i = r->n++;

	snprintf(buf, sizeof(buf), "H%u@%llu[", i + 1, (unsigned long long)hx_sim_cycle(s));
	rec_log(r, buf);
	hx_sim_mmio_write(s, PL08X_INT_TC_CLEAR, 0xFF);
	cr_assert_eq(hx_sim_queue_work(s, i == 0 ? work1 : work2, r), 0);
	snprintf(buf, sizeof(buf), "]@%llu", (unsigned long long)hx_sim_cycle(s));
	rec_log(r, buf);
}

static bool second_irq(hx_sim *s, void *arg)
{
	(void)s;
	return ((struct rec *)arg)->n >= 2;
}

static bool all_work_done(hx_sim *s, void *arg)
{
	(void)s;
	return ((struct rec *)arg)->work_done == 2;
}

Test(hx_sim, deferred_work_runs_when_the_handler_returns_to_thread_and_can_be_interrupted)
{
	struct rec r = { 0 };
	hx_sim *s = make((hx_sim_config){ .seed = 1, .irq_latency_min = 2, .irq_latency_max = 2 });
	char want[128];
	uint64_t t, h1, h2;

	hx_sim_set_irq_handler(s, queuing_handler, &r);
	t = start_copy(s, 0, 0x1000, 0x2000, 4);
	cr_assert(hx_sim_wait_until(s, all_work_done, &r, 2000, "work"));
	h1 = t + RISE + 2;
	/* work1 starts the channel-1 copy with 6 writes from h1 + 4: enabled at h1 + 28 */
	h2 = h1 + 4 + 24 + RISE + 2;
	snprintf(want, sizeof(want), "H1@%llu[]@%lluW1@%llu[H2@%llu[]@%llu]W2[]", (unsigned long long)h1,
		 (unsigned long long)(h1 + 4), (unsigned long long)(h1 + 4), (unsigned long long)h2,
		 (unsigned long long)(h2 + 4));
	cr_assert_str_eq(r.log, want);
	hx_sim_destroy(s);
}

Test(hx_sim, work_queued_in_thread_context_runs_at_the_next_interrupt_point_in_order)
{
	struct rec r = { 0 };
	hx_sim *s = make((hx_sim_config){ .seed = 1 });
	unsigned i;

	for (i = 0; i < HX_SIM_WORK_MAX; i++)
		cr_assert_eq(hx_sim_queue_work(s, work2, &r), 0);
	cr_assert_eq(hx_sim_queue_work(s, work2, &r), -1, "the queue holds HX_SIM_WORK_MAX items");
	cr_assert_eq(r.work_done, 0);
	hx_sim_mmio_read(s, PL08X_CONFIG);
	cr_assert_eq(r.work_done, HX_SIM_WORK_MAX);
	cr_assert_eq(hx_sim_context(s), HX_SIM_CTX_THREAD);
	cr_assert_eq(hx_sim_cycle(s), 4, "work items cost no time of their own");
	cr_assert_eq(hx_sim_queue_work(s, work2, &r), 0, "room again");
	hx_sim_destroy(s);
}

static void lazy_handler(hx_sim *s, void *arg)
{
	struct rec *r = arg;

	if (r->n < 16)
		r->at[r->n] = hx_sim_cycle(s);
	r->n++;
}

Test(hx_sim, a_line_left_high_is_taken_again_until_the_storm_limit)
{
	struct rec r = { 0 };
	hx_sim *s = make((hx_sim_config){ .seed = 1, .irq_latency_min = 3, .irq_latency_max = 3, .irq_storm_limit = 5 });
	uint64_t t;

	hx_sim_set_irq_handler(s, lazy_handler, &r);
	t = start_copy(s, 0, 0x1000, 0x2000, 4);
	cr_assert_not(hx_sim_wait_until(s, never, NULL, 1000, "forever"));
	cr_assert_eq(r.n, 5, "the handler runs irq_storm_limit times");
	cr_assert_eq(hx_sim_irq_count(s), 5);
	/* each re-entry: the line is looked at in the cycle after the return, then 3 cycles */
	for (unsigned i = 0; i < 5; i++)
		cr_assert_eq(r.at[i], t + RISE + 3 + 4 * i, "entry %u", i);
	cr_assert(hx_sim_failed(s));
	cr_assert(strstr(hx_sim_failure(s), "interrupt storm"), "%s", hx_sim_failure(s));
	cr_assert_eq(hx_sim_cycle(s), t + RISE + 3 + 4 * 5, "the wait ends at the refused entry");
	hx_sim_destroy(s);
}

Test(hx_sim, a_handler_that_clears_the_line_is_not_taken_again_even_at_latency_0)
{
	struct rec r = { .clear = true };
	hx_sim *s = make((hx_sim_config){ .seed = 1, .irq_latency_fixed = true, .irq_storm_limit = 1 });
	uint64_t t;

	hx_sim_set_irq_handler(s, handler, &r);
	t = start_copy(s, 0, 0x1000, 0x2000, 4);
	cr_assert_not(hx_sim_wait_until(s, never, NULL, 200, "quiet"));
	cr_assert_eq(r.n, 1);
	cr_assert_eq(r.at[0], t + RISE);
	cr_assert(strstr(hx_sim_failure(s), "quiet: timeout after 200 cycles"), "%s", hx_sim_failure(s));
	hx_sim_destroy(s);
}

/* ---- failure ---------------------------------------------------------------------------------- */

Test(hx_sim, wait_timeout_fails_at_the_exact_cycle_and_failed_runs_unwind_at_once)
{
	hx_sim *s = make((hx_sim_config){ .seed = 1 });
	char want[96];

	cr_assert_str_eq(hx_sim_failure(s), "");
	hx_sim_mmio_write(s, PL08X_CONFIG, 1);
	cr_assert_not(hx_sim_wait_until(s, never, NULL, 500, "dma"));
	cr_assert_eq(hx_sim_cycle(s), 504);
	snprintf(want, sizeof(want), "dma: timeout after 500 cycles at cycle 504");
	cr_assert_str_eq(hx_sim_failure(s), want);
	hx_sim_fail(s, "second %d", 2);
	cr_assert_str_eq(hx_sim_failure(s), want, "the first failure is kept");
	cr_assert_not(hx_sim_wait_until(s, never, NULL, 500, "again"));
	hx_sim_cpu_delay(s, 1000);
	cr_assert_eq(hx_sim_cycle(s), 504, "waits and delays return at once");
	hx_sim_destroy(s);
}

/* ---- fast-forward ------------------------------------------------------------------------------ */

struct ff_run {
	uint64_t hash, cycle, skipped, events, irq_at;
	uint8_t dst[12];
};

static bool channel_done(hx_sim *s, void *arg)
{
	struct rec *r = arg;

	return r->n > 0 && pl08x_rd(hx_sim_dev(s), PL08X_ENBLD_CHNS) == 0;
}

/* A receiver FIFO delivering one word every 100000 cycles, read by channel 0 into memory */
static void slow_fifo(bool no_ff, uint64_t seed, struct ff_run *out)
{
	struct rec r = { .clear = true };
	hx_sim *s = make((hx_sim_config){ .seed = seed, .no_fast_forward = no_ff, .irq_latency_min = 5,
					  .irq_latency_max = 40, .mmio_jitter = 3 });
	hx_periph_config pc = {
		.name = "uart_rx", .kind = HX_PERIPH_FIFO, .line = 0, .master = 0, .base = 0x40000000,
		.waits = hx_bus_waits_fixed(1), .dir = HX_PERIPH_TO_MEMORY, .width = 4, .depth = 4,
		.rate = 100000, .watermark = 1, .singles = true, .count = 3, .data_seed = 5,
	};
	char err[128];
	hx_periph *p = hx_periph_create(&pc, hx_sim_bus(s), err, sizeof(err));

	cr_assert_not_null(p, "%s", err);
	cr_assert_eq(hx_sim_add_periph(s, p), 0);
	hx_sim_set_irq_handler(s, handler, &r);
	hx_sim_mmio_write(s, PL08X_CONFIG, 1);
	hx_sim_mmio_write(s, CH(0, SRC_ADDR), 0x40000000);
	hx_sim_mmio_write(s, CH(0, DEST_ADDR), 0x2000);
	hx_sim_mmio_write(s, CH(0, LLI), 0);
	hx_sim_mmio_write(s, CH(0, CONTROL), CTL(TS, 3) | CTL(SBSIZE, PL08X_BSIZE_1) | CTL(DBSIZE, PL08X_BSIZE_1) |
			  CTL(SWIDTH, PL08X_WIDTH_32) | CTL(DWIDTH, PL08X_WIDTH_32) | CTL(DI, 1) | CTL(I, 1));
	hx_sim_mmio_write(s, CH(0, CONFIG), CCFG(E, 1) | CCFG(ITC, 1) | CCFG(SRC_PERIPH, 0) |
			  CCFG(FLOW, PL08X_FLOW_PER2MEM));
	cr_assert(hx_sim_wait_until(s, channel_done, &r, 1000000, "slow fifo"), "%s", hx_sim_failure(s));
	hx_sim_cpu_delay(s, 1000);
	out->hash = hx_trace_hash(hx_sim_trace(s));
	out->cycle = hx_sim_cycle(s);
	out->skipped = hx_sim_skipped(s);
	out->events = hx_trace_events(hx_sim_trace(s));
	out->irq_at = r.at[0];
	hx_bus_mem_read(hx_sim_bus(s), 0, 0x2000, out->dst, sizeof(out->dst));
	cr_assert_eq(r.n, 1);
	hx_sim_destroy(s);
}

Test(hx_sim, fast_forward_skips_a_slow_peripheral_and_changes_nothing)
{
	struct ff_run ff, step;

	slow_fifo(false, 9, &ff);
	slow_fifo(true, 9, &step);
	cr_assert_gt(ff.cycle, 300000);
	cr_assert_eq(step.skipped, 0);
	cr_assert_gt(ff.skipped, ff.cycle - 1000, "skipped %llu of %llu cycles",
		     (unsigned long long)ff.skipped, (unsigned long long)ff.cycle);
	cr_assert_eq(ff.cycle, step.cycle);
	cr_assert_eq(ff.irq_at, step.irq_at);
	cr_assert_eq(ff.events, step.events);
	cr_assert_eq(ff.hash, step.hash);
	for (unsigned i = 0; i < sizeof(ff.dst); i++)
		cr_assert_eq(ff.dst[i], hx_pattern_byte(5, i), "byte %u", i);
}

/* ---- seeds ------------------------------------------------------------------------------------- */

struct mix {
	uint64_t hash;
	unsigned reads_at;
};

/* The thread polls while the copy runs; where the handler lands depends on the seed */
static struct mix mixed_run(uint64_t seed)
{
	struct rec r = { .clear = true };
	hx_sim *s = make((hx_sim_config){ .seed = seed, .mmio_jitter = 3, .preempt_percent = 50,
					  .irq_latency_min = 2, .irq_latency_max = 30 });
	struct mix m;

	hx_sim_set_irq_handler(s, handler, &r);
	start_copy(s, 0, 0x1000, 0x2000, 4);
	for (r.reads = 0; r.reads < 20; r.reads++)
		hx_sim_mmio_read(s, PL08X_RAW_INT_TC_STATUS);
	cr_assert_eq(r.n, 1);
	m.hash = hx_trace_hash(hx_sim_trace(s));
	m.reads_at = r.reads_at[0];
	hx_sim_destroy(s);
	return m;
}

Test(hx_sim, same_seed_same_run_other_seeds_other_interleavings)
{
	struct mix m[10];
	unsigned distinct = 0;

	for (unsigned i = 0; i < 10; i++)
		m[i] = mixed_run(1000 + i);
	cr_assert_eq(mixed_run(1000).hash, m[0].hash);
	cr_assert_eq(mixed_run(1000).reads_at, m[0].reads_at);
	for (unsigned i = 0; i < 10; i++) {
		bool dup = false;

		for (unsigned j = 0; j < i; j++) {
			cr_assert_neq(m[i].hash, m[j].hash, "seeds %u and %u hash alike", 1000 + i, 1000 + j);
			dup |= m[i].reads_at == m[j].reads_at;
		}
		distinct += !dup;
	}
	cr_assert_geq(distinct, 3, "the handler landed after only %u different reads", distinct);
}
