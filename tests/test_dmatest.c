/* dmatest on the driver core (driver/port/hx/dmatest.[ch]) and the pl08x-dmatest program:
 * clean runs with exact counts, broken copies and guards named to the byte, timeouts at the
 * exact cycle, exact no-verify figures, a seed sweep, determinism. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "dmatest.h"

TestSuite(dmatest, .timeout = 120);

static hx_dmatest_rig *rig_make(enum pl08x_variant v, unsigned mem_masters, uint64_t seed)
{
	char err[256];
	hx_dmatest_rig *r = hx_dmatest_rig_create(&(hx_dmatest_rig_config){ .variant = v,
		.mem_masters = mem_masters, .sim_seed = seed }, err, sizeof(err));

	cr_assert_not_null(r, "%s", err);
	return r;
}

/* Nothing left behind: mappings, locks, LLI blocks, a failed sim */
static void no_leaks(hx_dmatest_rig *r)
{
	osal_hx_stats st;

	osal_hx_get_stats(r->od, &st);
	cr_assert_eq(st.maps_live, 0, "%lu mappings left", st.maps_live);
	cr_assert_eq(st.bad_unmaps, 0);
	cr_assert_eq(st.lli_blocks_used, 0, "%lu LLI blocks left", st.lli_blocks_used);
	cr_assert_eq(osal_hx_locks_held(r->od), 0);
	cr_assert_not(hx_sim_failed(r->sim), "%s", hx_sim_failure(r->sim));
}

/* What the hook saw: per thread, the tests issued and their bytes */
typedef struct seen {
	hx_dmatest_rig *rig;
	unsigned long issued[HX_DMATEST_MAX_THREADS], completed[HX_DMATEST_MAX_THREADS];
	uint64_t bytes[HX_DMATEST_MAX_THREADS];
	/* a trace of (thread, test, len, src_off, dst_off) in issue order */
	uint32_t trace[4096][5];
	unsigned n_trace;
	uint64_t issued_cycle;
	/* a corruption to make: at test @test of thread @thread, at the completion */
	bool corrupt;
	unsigned thread;
	unsigned long test;
	int which;              /* 0: dst copy + @off, 1: dst guard after + @off, 2: src guard before + @off,
				 * 3: dst just after the copy (an off-by-one length), 4: src copy + @off */
	uint32_t off;
	uint32_t addr;          /* what was corrupted */
	unsigned master;
	uint8_t was, now;
	/* the log */
	char log[8][HX_DMATEST_MSG];
	unsigned n_log;
	uint64_t log_cycle[8];
} seen;

static void hook(void *ctx, enum hx_dmatest_hook_at at, const hx_dmatest_event *ev)
{
	seen *s = ctx;

	if (at == HX_DMATEST_AT_ISSUED) {
		s->issued[ev->thread]++;
		s->issued_cycle = ev->cycle;
		cr_assert_eq(ev->test, s->issued[ev->thread]);
		if (s->n_trace < 4096) {
			uint32_t *t = s->trace[s->n_trace++];

			t[0] = ev->thread;
			t[1] = (uint32_t)ev->test;
			t[2] = ev->len;
			t[3] = ev->src_off;
			t[4] = ev->dst_off;
		}
		return;
	}
	s->completed[ev->thread]++;
	s->bytes[ev->thread] += ev->len;
	if (!s->corrupt || ev->thread != s->thread || ev->test != s->test)
		return;
	switch (s->which) {
	case 0: s->addr = ev->dst + s->off; s->master = 0; break;
	case 1: s->addr = ev->dst_block + 16 + 1024 + s->off; s->master = 0; break;
	case 2: s->addr = ev->src_block + s->off; s->master = 0; break;
	case 3: s->addr = ev->dst + ev->len; s->master = 0; break;
	default: s->addr = ev->src + s->off; s->master = 0; break;
	}
	{
		uint8_t *p = hx_bus_mem_bytes(hx_sim_bus(s->rig->sim), s->master, s->addr, 1);
		uint8_t *src = hx_bus_mem_bytes(hx_sim_bus(s->rig->sim), 0, ev->src + ev->len - 1, 1);

		cr_assert_not_null(p);
		s->was = *p;
		/* an off-by-one copy writes the next source byte there */
		s->now = s->which == 3 ? src[1] : (uint8_t)(*p ^ 0x10);
		*p = s->now;
	}
}

static void logger(void *ctx, const char *msg)
{
	seen *s = ctx;

	if (s->n_log < 8) {
		snprintf(s->log[s->n_log], HX_DMATEST_MSG, "%s", msg);
		s->log_cycle[s->n_log] = hx_sim_cycle(s->rig->sim);
	}
	s->n_log++;
}

static hx_dmatest_config config(hx_dmatest_rig *r, seen *s, unsigned channels, unsigned threads,
				unsigned long iterations, uint32_t max_len, uint64_t seed)
{
	hx_dmatest_config c = { .channels = channels, .threads = threads, .iterations = iterations,
				.max_len = max_len, .seed = seed, .hook = hook, .log = logger, .ctx = s };

	s->rig = r;
	hx_dmatest_rig_defaults(r, &c);
	return c;
}

static void assert_clean(hx_dmatest_rig *r, const seen *s, const hx_dmatest_result *res, int st,
			 unsigned n_threads, unsigned long iterations)
{
	uint64_t bytes = 0;

	cr_assert_eq(st, HX_DMATEST_PASS, "%s", res->first_failure);
	cr_assert_eq(res->n_threads, n_threads);
	cr_assert_eq(res->tests, n_threads * iterations);
	cr_assert_eq(res->failures, 0);
	cr_assert_str_empty(res->first_failure);
	cr_assert_eq(s->n_log, 0);
	for (unsigned i = 0; i < n_threads; i++) {
		cr_assert_eq(res->thread[i].tests, iterations, "thread %u", i);
		cr_assert_eq(res->thread[i].failures, 0);
		cr_assert_eq(s->issued[i], iterations);
		cr_assert_eq(s->completed[i], iterations);
		cr_assert_eq(res->thread[i].bytes, s->bytes[i]);
		cr_assert_leq(res->thread[i].cycles, res->cycles);
		bytes += s->bytes[i];
	}
	cr_assert_eq(res->bytes, bytes);
	no_leaks(r);
}

Test(dmatest, pl080_four_channels_by_three_threads_pass_with_exact_counts)
{
	hx_dmatest_rig *r = rig_make(PL08X_VARIANT_PL080, 0, 1);
	static seen s;
	hx_dmatest_config c = config(r, &s, 4, 3, 40, 1024, 11);
	hx_dmatest_result res;
	int st = hx_dmatest_run(r->sim, r->d, &c, &res);

	assert_clean(r, &s, &res, st, 12, 40);
	cr_assert_str_eq(res.thread[7].name, "dma0chan2-copy1");
	cr_assert_eq(res.thread[7].chan, 2);
	cr_assert_eq(res.thread[7].index, 1);
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, pl080_two_masters_and_alignment_pass)
{
	hx_dmatest_rig *r = rig_make(PL08X_VARIANT_PL080, 3, 2);
	static seen s;
	hx_dmatest_config c = config(r, &s, 2, 2, 30, 3000, 12);
	hx_dmatest_result res;
	int st;

	cr_assert_eq(c.dst_master, 1);
	c.align = 4;
	c.min_len = 5;
	st = hx_dmatest_run(r->sim, r->d, &c, &res);
	assert_clean(r, &s, &res, st, 4, 30);
	for (unsigned i = 0; i < s.n_trace; i++) {
		cr_assert_eq(s.trace[i][2] % 4, 0);
		cr_assert_geq(s.trace[i][2], 8);
		cr_assert_eq(s.trace[i][3] % 4, 0);
		cr_assert_eq(s.trace[i][4] % 4, 0);
	}
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, pl081_two_channels_by_two_threads_pass)
{
	hx_dmatest_rig *r = rig_make(PL08X_VARIANT_PL081, 0, 3);
	static seen s;
	hx_dmatest_config c = config(r, &s, 2, 2, 50, 2048, 13);
	hx_dmatest_result res;
	int st = hx_dmatest_run(r->sim, r->d, &c, &res);

	assert_clean(r, &s, &res, st, 4, 50);
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, more_channels_than_the_pl081_has_are_virtual_and_pass)
{
	hx_dmatest_rig *r = rig_make(PL08X_VARIANT_PL081, 0, 4);
	static seen s;
	hx_dmatest_config c = config(r, &s, 5, 1, 20, 512, 14);
	hx_dmatest_result res;
	int st = hx_dmatest_run(r->sim, r->d, &c, &res);

	assert_clean(r, &s, &res, st, 5, 20);
	hx_dmatest_rig_destroy(r);
}

/* Run with one corruption; returns the result */
static int broken_run(seen *s, int which, unsigned thread, unsigned long test, uint32_t off,
		      hx_dmatest_result *res, hx_dmatest_rig **rp)
{
	hx_dmatest_rig *r = rig_make(PL08X_VARIANT_PL080, 0, 5);
	hx_dmatest_config c;
	int st;

	memset(s, 0, sizeof(*s));
	c = config(r, s, 2, 2, 12, 1024, 21);
	s->corrupt = true;
	s->which = which;
	s->thread = thread;
	s->test = test;
	s->off = off;
	st = hx_dmatest_run(r->sim, r->d, &c, res);
	*rp = r;
	return st;
}

/* The failure counts of a run with exactly one data error, and its message */
static void one_data_error(const seen *s, const hx_dmatest_result *res, int st, const char *want)
{
	cr_assert_eq(st, HX_DMATEST_FAIL);
	cr_assert_eq(res->tests, 48, "the run carries on after a failure");
	cr_assert_eq(res->failures, 1);
	cr_assert_eq(res->data_errors, 1);
	cr_assert_eq(res->first_kind, HX_DMATEST_F_DATA);
	cr_assert_eq(s->n_log, 1);
	cr_assert_str_eq(res->first_failure, want);
	cr_assert_str_eq(s->log[0], want);
}

/* The hook's record of test @test of thread @thread: (thread, test, len, src_off, dst_off) */
static const uint32_t *traced(const seen *s, unsigned thread, unsigned long test)
{
	for (unsigned i = 0; i < s->n_trace; i++)
		if (s->trace[i][0] == thread && s->trace[i][1] == test)
			return s->trace[i];
	cr_assert_fail("thread %u test %lu not traced", thread, test);
	return NULL;
}

/* The message expected for the one corrupted byte of @s, at @where ("dst[0x12]"), @note
 * ("in copy +0x5; ", "" for a guard) */
static void want_msg(char *want, size_t size, const seen *s, const uint32_t *t, const char *where,
		     const char *note)
{
	snprintf(want, size, "dma0chan%u-copy%u: test #%u: %s expected 0x%02x, got 0x%02x "
		 "(%ssrc_off=0x%x dst_off=0x%x len=0x%x; 1 bad byte)", t[0] / 2, t[0] % 2, t[1], where,
		 s->was, s->now, note, t[3], t[4], t[2]);
}

Test(dmatest, a_corrupted_destination_byte_is_named_with_buffer_offset_and_bytes)
{
	static seen s;
	hx_dmatest_result res;
	hx_dmatest_rig *r;
	int st = broken_run(&s, 0, 3, 7, 5, &res, &r);
	const uint32_t *t = traced(&s, 3, 7);
	char want[HX_DMATEST_MSG], where[32];

	snprintf(where, sizeof(where), "dst[0x%x]", t[4] + 5);
	want_msg(want, sizeof(want), &s, t, where, "in copy +0x5; ");
	cr_assert(strstr(want, "dma0chan1-copy1: test #7: dst["));
	one_data_error(&s, &res, st, want);
	/* a source byte in the copy: bit 7 set, bit 6 set */
	cr_assert_eq(s.was & 0xe0, HX_DMATEST_PAT_SRC | HX_DMATEST_PAT_COPY);
	cr_assert_eq(res.thread[3].failures, 1);
	cr_assert_eq(res.bytes + t[2], s.bytes[0] + s.bytes[1] + s.bytes[2] + s.bytes[3],
		     "the failed test's bytes are not counted");
	no_leaks(r);
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, the_message_format_is_fixed)
{
	static seen s;
	hx_dmatest_result res;
	hx_dmatest_rig *r;
	int st = broken_run(&s, 0, 0, 2, 0, &res, &r);

	one_data_error(&s, &res, st, "dma0chan0-copy0: test #2: dst[0x1a9] expected 0xde, got 0xce "
		       "(in copy +0x0; src_off=0x79 dst_off=0x1a9 len=0x22a; 1 bad byte)");
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, an_off_by_one_length_is_caught_just_after_the_copy)
{
	static seen s;
	hx_dmatest_result res;
	hx_dmatest_rig *r;
	int st = broken_run(&s, 3, 2, 4, 0, &res, &r);
	const uint32_t *t = traced(&s, 2, 4);
	char want[HX_DMATEST_MSG], where[32];

	cr_assert_lt(t[4] + t[2], 1024, "this case's copy does not end at the buffer's end");
	/* the overwritten byte was the destination's own pattern, outside the overwrite region */
	cr_assert_eq(s.was & 0xe0, HX_DMATEST_PAT_DST);
	snprintf(where, sizeof(where), "dst[0x%x]", t[4] + t[2]);
	want_msg(want, sizeof(want), &s, t, where, "outside the copy; ");
	one_data_error(&s, &res, st, want);
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, guard_corruption_is_caught_before_and_after)
{
	static seen s;
	hx_dmatest_result res;
	hx_dmatest_rig *r;
	char want[HX_DMATEST_MSG];
	int st = broken_run(&s, 1, 1, 3, 2, &res, &r);

	want_msg(want, sizeof(want), &s, traced(&s, 1, 3), "dst guard after[0x2]", "");
	cr_assert(strstr(want, "dma0chan0-copy1: test #3: dst guard after[0x2] expected "));
	one_data_error(&s, &res, st, want);
	hx_dmatest_rig_destroy(r);

	st = broken_run(&s, 2, 0, 1, 15, &res, &r);
	want_msg(want, sizeof(want), &s, traced(&s, 0, 1), "src guard before[0xf]", "");
	cr_assert_eq(s.was & 0xe0, HX_DMATEST_PAT_SRC);
	one_data_error(&s, &res, st, want);
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, a_source_changed_after_the_copy_is_caught)
{
	static seen s;
	hx_dmatest_result res;
	hx_dmatest_rig *r;
	char want[HX_DMATEST_MSG], where[32];
	int st = broken_run(&s, 4, 2, 5, 1, &res, &r);
	const uint32_t *t = traced(&s, 2, 5);

	/* the source is checked first: the destination is right, the source is not */
	snprintf(where, sizeof(where), "src[0x%x]", t[3] + 1);
	want_msg(want, sizeof(want), &s, t, where, "in copy +0x1; ");
	cr_assert(strstr(want, "dma0chan1-copy0: test #5: src["));
	one_data_error(&s, &res, st, want);
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, a_timeout_fires_at_the_exact_cycle_and_the_run_carries_on)
{
	hx_dmatest_rig *r = rig_make(PL08X_VARIANT_PL080, 0, 6);
	static seen s;
	hx_dmatest_config c = config(r, &s, 1, 1, 3, 256, 31);
	hx_dmatest_result res;
	int st;

	c.min_len = 256;          /* 64 words: several hundred cycles, more than the timeout */
	c.timeout = 40;
	st = hx_dmatest_run(r->sim, r->d, &c, &res);
	cr_assert_eq(st, HX_DMATEST_FAIL);
	cr_assert_eq(res.tests, 3);
	cr_assert_eq(res.failures, 3);
	cr_assert_eq(res.timeouts, 3);
	cr_assert_eq(res.bytes, 0);
	cr_assert_eq(res.first_kind, HX_DMATEST_F_TIMEOUT);
	cr_assert_str_eq(res.first_failure, "dma0chan0-copy0: test #1: timed out after 40 cycles "
			 "(src_off=0x0 dst_off=0x0 len=0x100)");
	/* the last test timed out exactly 40 cycles after its issue_pending returned */
	cr_assert_eq(s.log_cycle[2], s.issued_cycle + 40);
	/* terminate + synchronize gave back every mapping and LLI block */
	no_leaks(r);
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, slow_memory_times_out_and_aborts_the_other_threads_of_the_channel)
{
	char err[256];
	hx_dmatest_rig *r = hx_dmatest_rig_create(&(hx_dmatest_rig_config){ .mem_waits = 50, .sim_seed = 7 },
						  err, sizeof(err));
	static seen s;
	hx_dmatest_config c = config(r, &s, 1, 3, 2, 512, 32);
	hx_dmatest_result res;
	int st;

	c.min_len = 400;
	c.timeout = 5000;   /* 100+ words at 100+ cycles each: far beyond */
	st = hx_dmatest_run(r->sim, r->d, &c, &res);
	cr_assert_eq(st, HX_DMATEST_FAIL);
	cr_assert_eq(res.tests, 6);
	cr_assert_eq(res.failures, 6);
	/* each round: the first thread to reach its deadline times out, the terminate drops the
	 * other two */
	cr_assert_eq(res.timeouts, 2);
	cr_assert_eq(res.aborted, 4);
	cr_assert(strstr(s.log[1], "aborted: channel terminated after dma0chan0-copy"), "%s", s.log[1]);
	no_leaks(r);
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, back_to_back_memcpy_starves_the_lowest_priority_channel)
{
	hx_dmatest_rig *r = rig_make(PL08X_VARIANT_PL080, 0, 8);
	static seen s;
	hx_dmatest_config c = config(r, &s, 3, 1, 100, 4096, 1);
	hx_dmatest_result res;
	int st;

	c.cpu_free = true;        /* no CPU time between tests: channels 0 and 1 never both idle */
	c.timeout = 100000;
	st = hx_dmatest_run(r->sim, r->d, &c, &res);
	cr_assert_eq(st, HX_DMATEST_FAIL);
	cr_assert_eq(res.failures, res.timeouts);
	cr_assert_gt(res.timeouts, 0);
	no_leaks(r);
	hx_dmatest_rig_destroy(r);

	/* the same with the CPU's time for filling and checking: no starvation */
	r = rig_make(PL08X_VARIANT_PL080, 0, 8);
	memset(&s, 0, sizeof(s));
	c = config(r, &s, 3, 1, 100, 4096, 1);
	c.timeout = 100000;
	st = hx_dmatest_run(r->sim, r->d, &c, &res);
	assert_clean(r, &s, &res, st, 3, 100);
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, a_bus_error_fails_the_test_with_its_residue)
{
	hx_dmatest_rig *r = rig_make(PL08X_VARIANT_PL080, 0, 11);
	static seen s;
	hx_dmatest_config c = config(r, &s, 1, 2, 3, 256, 51);
	hx_dmatest_result res;
	int st;

	/* no_verify touches no byte, so the source may be the rig's ERROR region */
	c.no_verify = true;
	c.src_base = HX_DMATEST_RIG_ERR;
	c.src_size = 0x1000;
	c.min_len = 256;
	st = hx_dmatest_run(r->sim, r->d, &c, &res);
	cr_assert_eq(st, HX_DMATEST_FAIL, "%s", res.first_failure);
	cr_assert_eq(res.tests, 6);
	cr_assert_eq(res.bus_errors, 6);
	cr_assert_eq(res.failures, 6);
	cr_assert_eq(res.bytes, 0);
	cr_assert_eq(res.first_kind, HX_DMATEST_F_BUS_ERROR);
	/* the first read of each copy gets the ERROR: nothing was read */
	cr_assert_str_eq(res.first_failure, "dma0chan0-copy1: test #1: bus error, residue 256 "
			 "(src_off=0x0 dst_off=0x0 len=0x100)");
	no_leaks(r);
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, noverify_figures_are_exact_for_a_fixed_seed)
{
	hx_dmatest_rig *r = rig_make(PL08X_VARIANT_PL080, 0, 9);
	static seen s;
	hx_dmatest_config c = config(r, &s, 2, 2, 50, 4096, 41);
	hx_dmatest_result res;
	char line[256];
	int st;

	c.no_verify = true;
	st = hx_dmatest_run(r->sim, r->d, &c, &res);
	cr_assert_eq(st, HX_DMATEST_PASS);
	cr_assert_eq(res.tests, 200);
	cr_assert_eq(res.bytes, s.bytes[0] + s.bytes[1] + s.bytes[2] + s.bytes[3]);
	cr_assert_eq(res.bytes, 421499);
	cr_assert_eq(res.cycles, 515460, "cycles %lu bytes %lu", (unsigned long)res.cycles, (unsigned long)res.bytes);
	cr_assert_eq(res.hclk_hz, 100000000);
	cr_assert_float_eq(res.tests_per_s, 200.0 * 1e8 / (double)res.cycles, 1e-6);
	cr_assert_float_eq(res.mb_per_s, (double)res.bytes * 1e8 / (double)res.cycles / 1e6, 1e-9);
	hx_dmatest_summary(&res, NULL, st, line, sizeof(line));
	/* 200 / 5.1546 ms = 38800.29/s; 421499 B / 5.1546 ms / 1024 = 79855 KB/s */
	cr_assert_str_eq(line, "total: summary 200 tests, 0 failures 38800.29 iops 79855 KB/s (0)");
	hx_dmatest_summary(&res, &res.thread[1], st, line, sizeof(line));
	cr_assert_str_eq(line, "dma0chan0-copy1: summary 50 tests, 0 failures 18259.37 iops 36760 KB/s (0)");
	hx_dmatest_rig_destroy(r);
}

/* The figures of one run with @seed (sim seed too) */
static void one_run(uint64_t seed, unsigned preempt, hx_dmatest_result *res, seen *s)
{
	char err[256];
	hx_dmatest_rig *r = hx_dmatest_rig_create(&(hx_dmatest_rig_config){ .sim_seed = seed,
		.preempt_percent = preempt, .mmio_jitter = preempt ? 3 : 0 }, err, sizeof(err));
	hx_dmatest_config c;
	int st;

	cr_assert_not_null(r, "%s", err);
	memset(s, 0, sizeof(*s));
	c = config(r, s, 2, 2, 4, 600, seed);
	st = hx_dmatest_run(r->sim, r->d, &c, res);
	cr_assert_eq(st, HX_DMATEST_PASS, "seed %lu: %s", (unsigned long)seed, res->first_failure);
	cr_assert_eq(res->tests, 16);
	no_leaks(r);
	hx_dmatest_rig_destroy(r);
}

Test(dmatest, two_hundred_seeds_pass)
{
	static seen s;
	hx_dmatest_result res;

	for (uint64_t seed = 1; seed <= 200; seed++)
		one_run(seed, seed % 2 ? 30 : 0, &res, &s);
}

Test(dmatest, same_seed_same_cycles_and_a_thread_tests_the_same_whatever_the_interleaving)
{
	static seen a, b;
	hx_dmatest_result ra, rb;

	one_run(77, 30, &ra, &a);
	one_run(77, 30, &rb, &b);
	cr_assert_eq(ra.cycles, rb.cycles);
	cr_assert_eq(ra.bytes, rb.bytes);
	for (unsigned i = 0; i < 4; i++)
		cr_assert_eq(ra.thread[i].cycles, rb.thread[i].cycles);
	cr_assert_eq(a.n_trace, b.n_trace);
	cr_assert_eq(memcmp(a.trace, b.trace, sizeof(a.trace[0]) * a.n_trace), 0);

	/* without preemption the interleaving differs, the cycles too, but not what each thread tests */
	one_run(77, 0, &rb, &b);
	cr_assert_neq(ra.cycles, rb.cycles);
	for (unsigned th = 0; th < 4; th++) {
		unsigned ia = 0, ib = 0;

		for (unsigned k = 0; k < 4; k++) {
			while (a.trace[ia][0] != th)
				ia++;
			while (b.trace[ib][0] != th)
				ib++;
			cr_assert_eq(memcmp(a.trace[ia], b.trace[ib], sizeof(a.trace[0])), 0, "thread %u test %u", th, k);
			ia++;
			ib++;
		}
	}
}

Test(dmatest, impossible_configurations_are_refused)
{
	hx_dmatest_rig *r = rig_make(PL08X_VARIANT_PL080, 0, 10);
	static seen s;
	hx_dmatest_config c = config(r, &s, 8, 9, 1, 64, 1);
	hx_dmatest_result res;

	cr_assert_eq(hx_dmatest_run(r->sim, r->d, &c, &res), HX_DMATEST_EINVAL);
	cr_assert_str_eq(res.first_failure, "8 x 9 threads: at most 64");
	c = config(r, &s, 8, 8, 1, 16384, 1);
	cr_assert_eq(hx_dmatest_run(r->sim, r->d, &c, &res), HX_DMATEST_EINVAL);
	cr_assert(strstr(res.first_failure, "do not fit the source region"), "%s", res.first_failure);
	c = config(r, &s, 1, 1, 1, 64, 1);
	c.align = 3;
	cr_assert_eq(hx_dmatest_run(r->sim, r->d, &c, &res), HX_DMATEST_EINVAL);
	c.align = 64;
	c.min_len = 1;
	c.max_len = 63;
	cr_assert_eq(hx_dmatest_run(r->sim, r->d, &c, &res), HX_DMATEST_EINVAL);
	cr_assert_str_eq(res.first_failure, "no length in [1, 63] is a multiple of 64");
	c = config(r, &s, 1, 1, 1, 64, 1);
	c.src_base = 0x50000000;
	cr_assert_eq(hx_dmatest_run(r->sim, r->d, &c, &res), HX_DMATEST_EINVAL);
	cr_assert(strstr(res.first_failure, "not in a memory of master 0"), "%s", res.first_failure);
	no_leaks(r);
	hx_dmatest_rig_destroy(r);
}

/* ---- the program ---- */

static int program(const char *args, char *out, size_t size)
{
	char cmd[512];
	FILE *p;
	size_t n;
	int st;

	snprintf(cmd, sizeof(cmd), "%s %s 2>&1", PL08X_DMATEST, args);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	st = pclose(p);
	cr_assert(WIFEXITED(st));
	return WEXITSTATUS(st);
}

Test(dmatest, program_prints_linux_summaries_and_exits_0_1_2)
{
	static char out[65536];

	cr_assert_eq(program("--channels 2 --threads 2 --iterations 10 --seed 3", out, sizeof(out)), 0, "%s", out);
	cr_assert(strstr(out, "dma0chan1-copy1: summary 10 tests, 0 failures "), "%s", out);
	cr_assert(strstr(out, "total: summary 40 tests, 0 failures "), "%s", out);
	cr_assert(strstr(out, " KB/s (0)\n"), "%s", out);
	cr_assert_eq(program("--variant pl081 --channels 3 --iterations 5 --seeds 1..4 --max-len 256", out,
			     sizeof(out)), 0, "%s", out);
	cr_assert(strstr(out, "seed 4: total: summary 15 tests, 0 failures"), "%s", out);
	cr_assert(strstr(out, "seeds 1..4: 4 runs, 0 failed\n"), "%s", out);
	cr_assert_eq(program("--iterations 2 --min-len 256 --max-len 256 --timeout 40", out, sizeof(out)), 1, "%s", out);
	cr_assert(strstr(out, "dma0chan0-copy0: test #1: timed out after 40 cycles"), "%s", out);
	cr_assert(strstr(out, "total: summary 2 tests, 2 failures "), "%s", out);
	cr_assert(strstr(out, " iops 0 KB/s (1)\n"), "%s", out);
	cr_assert_eq(program("--channels 0", out, sizeof(out)), 2, "%s", out);
	cr_assert_eq(program("--bogus", out, sizeof(out)), 2, "%s", out);
	cr_assert_eq(program("--variant pl082", out, sizeof(out)), 2, "%s", out);
	cr_assert_eq(program("--channels 9 --threads 8", out, sizeof(out)), 2, "%s", out);
	cr_assert_eq(program("--help", out, sizeof(out)), 0, "%s", out);
	cr_assert(strstr(out, "--noverify"), "%s", out);
}
