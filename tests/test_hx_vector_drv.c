/* Tests of driver-level vectors (docs/vector-format.md, "Driver-level vectors"): the loader's
 * checks of the driver: section, the driver steps and the driver expectations, each refused with
 * its exact "FILE:LINE:COLUMN: FIELD: problem"; the executor's messages (status, callbacks,
 * checker reports, dmatest, at, wait_desc) and exact cycles; determinism; and every vector of
 * vectors/driver/ passing.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness/vector.h"

/* Write @text to a fresh temporary file; its path goes to @path */
static void write_temp(const char *text, char *path, size_t len)
{
	snprintf(path, len, "/tmp/hx_vec_drv_XXXXXX");
	int fd = mkstemp(path);
	cr_assert(fd >= 0, "mkstemp");
	size_t n = strlen(text);
	cr_assert_eq(write(fd, text, n), (ssize_t)n);
	close(fd);
}

/* ---- the loader ---- */

#define SYS \
	"vector: t\n" \
	"system:\n" \
	"  memories:\n" \
	"    - {name: ram, master: 1, base: 0x10000000, size: 0x10000}\n" \
	"    - {name: ram2, master: 2, base: 0x30000000, size: 0x1000}\n" \
	"    - {name: lli, master: 1, base: 0x20000000, size: 0x2000}\n" \
	"  peripherals:\n" \
	"    - {name: rx, kind: fifo, line: 3, master: 2, base: 0x40000000, direction: to_memory, width: 16, depth: 8, rate: 4}\n"

#define DRV "driver:\n  lli_pool: {at: 0x20000000, size: 0x2000}\n"

struct bad_case {
	const char *name, *text, *want; /* @want: the message after the file's path */
};

static const struct bad_case bad_cases[] = {
	{ "at_in_cb", SYS DRV "stimulus:\n" "  - request: {chan: a}\n" "  - memcpy: {chan: a, desc: d, src: 0x10000000, dst: 0x10001000, len: 4, callback: [pause: {chan: a, at: 5}]}\n",
	  ":13:106: stimulus[1].memcpy.callback[0].pause.at: not allowed in a callback" },
	{ "bad_burst", SYS DRV "  memcpy_burst: 2\n" "stimulus: []\n",
	  ":11:17: driver.memcpy_burst: expected 1, 4, 8, 16, 32, 64, 128 or 256 (transfers), got 2" },
	{ "bad_flag", SYS DRV "stimulus:\n" "  - request: {chan: a}\n" "  - memcpy: {chan: a, desc: d, src: 0x10000000, dst: 0x10001000, len: 4, flags: [interrupt, later]}\n",
	  ":13:93: stimulus[1].memcpy.flags[1]: expected one of interrupt, ack, skip_unmap, got \"later\"" },
	{ "bad_width", SYS DRV "  memcpy_width: 4\n" "stimulus: []\n",
	  ":11:17: driver.memcpy_width: expected 8, 16 or 32 (bits), got 4" },
	{ "cbs_no_driver", SYS "stimulus: []\n" "expect:\n" "  callbacks: []\n",
	  ":11:14: expect.callbacks: needs a driver: section" },
	{ "cyclic_period", SYS DRV "stimulus:\n" "  - request: {chan: r, peripheral: rx}\n" "  - cyclic: {chan: r, desc: d, dir: dev_to_mem, buf: 0x10000000, len: 100, period: 30}\n",
	  ":13:84: stimulus[1].cyclic.period: len 100 must be a multiple of the period, and the period of the peripheral width (2 bytes)" },
	{ "dmatest_small", SYS DRV "stimulus:\n" "  - dmatest: {threads: 2, src: {at: 0x10000000, size: 0x1000}, dst: {at: 0x10001000, size: 0x1000}}\n",
	  ":12:14: stimulus[0].dmatest: src and dst must each hold 2 blocks of 4128 bytes (guards and max_len): 0x2040 bytes" },
	{ "dst_master", SYS "driver:\n" "  mem_masters: [1, 2]\n" "  lli_pool: {at: 0x20000000, size: 0x2000}\n" "stimulus:\n" "  - request: {chan: a}\n" "  - memcpy: {chan: a, desc: d, src: 0x10000000, dst: 0x10001000, len: 4}\n",
	  ":14:54: stimulus[1].memcpy.dst: 0x10001000+0x4 is not inside one memory of master 2" },
	{ "irq_with_driver", SYS DRV "stimulus: []\n" "irq_handler: []\n",
	  ":12:14: irq_handler: not with a driver: section (the driver's handler takes the interrupt)" },
	{ "issue_no_submit", SYS DRV "stimulus:\n" "  - request: {chan: a}\n" "  - memcpy: {chan: a, desc: d, src: 0x10000000, dst: 0x10001000, len: 4, issue: true}\n",
	  ":13:81: stimulus[1].memcpy.issue: issue needs submit: true" },
	{ "mux_signal", SYS DRV "  mux: [{signal: 20, lines: [3]}]\n" "stimulus:\n" "  - request: {chan: r, signal: 21, master: 2, config: {addr: 0x40000000, width: 16, burst: 4}}\n",
	  ":13:32: stimulus[0].request.signal: signal 21 is not in driver.mux" },
	{ "no_driver", SYS "stimulus:\n" "  - request: {chan: a}\n",
	  ":10:5: stimulus[0].request: a driver step needs a driver: section" },
	{ "pool_align", SYS "driver:\n" "  lli_pool: {at: 0x20000010, size: 0x2000}\n" "stimulus: []\n",
	  ":10:18: driver.lli_pool.at: 0x20000010 is not aligned to a block (1024 bytes: 16 x items)" },
	{ "pool_missing", SYS "driver:\n" "  memcpy_burst: 4\n" "stimulus: []\n",
	  ":10:3: driver.lli_pool: missing (required)" },
	{ "pool_outside", SYS "driver:\n" "  lli_pool: {at: 0x20000000, size: 0x4000}\n" "stimulus: []\n",
	  ":10:13: driver.lli_pool: 0x20000000..0x20003fff is not inside one memory of master 1" },
	{ "report_key", SYS DRV "stimulus: []\n" "expect:\n" "  checker_reports: {dma-leaks: 0}\n",
	  ":13:21: expect.checker_reports.dma-leaks: unknown key (expected one of lock, dma_api, lock-recursive, lock-irq-unsafe, lock-order, sleep-in-atomic, callback-under-lock, dma-wrong-dir, dma-outside, dma-double-unmap, dma-bad-unmap, dma-leak, dma-cpu-read)" },
	{ "resubmit_stim", SYS DRV "stimulus:\n" "  - resubmit: 3\n",
	  ":12:5: stimulus[0].resubmit: only in a callback" },
	{ "sg_on_memcpy", SYS DRV "stimulus:\n" "  - request: {chan: a}\n" "  - slave_sg: {chan: a, desc: d, dir: dev_to_mem, sg: [{at: 0x10000000, len: 4}]}\n",
	  ":13:22: stimulus[1].slave_sg.chan: channel \"a\" is a memcpy channel" },
	{ "sg_width", SYS DRV "stimulus:\n" "  - request: {chan: r, peripheral: rx}\n" "  - slave_sg: {chan: r, desc: d, dir: dev_to_mem, sg: [{at: 0x10000000, len: 5}]}\n",
	  ":13:78: stimulus[1].slave_sg.sg[0].len: 5 is not a multiple of the peripheral width (2 bytes)" },
	{ "slave_no_cfg", SYS DRV "stimulus:\n" "  - request: {chan: r, signal: 3}\n",
	  ":12:14: stimulus[0].request: a slave channel needs config (or a peripheral to take it from)" },
	{ "status_name", SYS DRV "stimulus:\n" "  - request: {chan: a}\n" "  - memcpy: {chan: a, desc: d, src: 0x10000000, dst: 0x10001000, len: 4}\n" "  - status: {desc: d, expect: done}\n",
	  ":14:31: stimulus[2].status.expect: expected one of complete, in_progress, paused, error, any, got \"done\"" },
	{ "sync_in_cb", SYS DRV "stimulus:\n" "  - request: {chan: a}\n" "  - memcpy: {chan: a, desc: d, src: 0x10000000, dst: 0x10001000, len: 4, callback: [synchronize: a]}\n",
	  ":13:85: stimulus[1].memcpy.callback[0].synchronize: not allowed in a callback (deferred context cannot wait or sleep)" },
	{ "twice", SYS DRV "stimulus:\n" "  - request: {chan: a}\n" "  - request: {chan: a}\n",
	  ":13:21: stimulus[1].request.chan: channel \"a\" is requested twice" },
	{ "unknown_chan", SYS DRV "stimulus:\n" "  - request: {chan: a}\n" "  - issue_pending: b\n",
	  ":13:20: stimulus[1].issue_pending: no channel \"b\" (a request step before this one names it)" },
	{ "unknown_desc", SYS DRV "stimulus:\n" "  - request: {chan: a}\n" "  - status: {desc: d}\n",
	  ":13:20: stimulus[1].status.desc: no descriptor \"d\" (a memcpy, slave_sg or cyclic step before this one names it)" },
};

ParameterizedTestParameters(vector_drv, malformed)
{
	static size_t idx[sizeof(bad_cases) / sizeof(bad_cases[0])];
	for (size_t i = 0; i < sizeof(idx) / sizeof(idx[0]); i++)
		idx[i] = i;
	return cr_make_param_array(size_t, idx, sizeof(idx) / sizeof(idx[0]));
}

ParameterizedTest(size_t *i, vector_drv, malformed)
{
	const struct bad_case *c = &bad_cases[*i];
	char path[64], err[768], want[768];

	write_temp(c->text, path, sizeof(path));
	hx_vec *v = hx_vec_load(path, err, sizeof(err));
	snprintf(want, sizeof(want), "%s%s", path, c->want);
	unlink(path);
	cr_assert_null(v, "%s: loaded", c->name);
	cr_expect_str_eq(err, want, "\n  %s:\n    got  %s\n    want %s\n", c->name, err, want);
}

/* ---- the executor ---- */

#define RSYS                                                                                                     \
	"vector: t\n"                                                                                            \
	"system:\n"                                                                                              \
	"  cpu: {irq_latency: 10}\n"                                                                             \
	"  memories:\n"                                                                                          \
	"    - {name: ram, master: 1, base: 0x10000000, size: 0x40000, init: [{at: 0x10000000, pattern: 3, length: 0x1000}]}\n" \
	"    - {name: lli, master: 1, base: 0x20000000, size: 0x10000}\n"                                      \
	"driver:\n"                                                                                              \
	"  lli_pool: {at: 0x20000000, size: 0x10000}\n"

/* One 1 KB copy on channel a: enable at 72, TC at 778, callback at 800 (vectors/driver/memcpy/one_copy) */
#define COPY                                                                                                 \
	"stimulus:\n"                                                                                        \
	"  - request: {chan: a}\n"                                                                           \
	"  - memcpy: {chan: a, desc: d, src: 0x10000000, dst: 0x10020000, len: 1024, submit: true, issue: true}\n"

static void run_text(const char *text, uint64_t seed, hx_vec_result *res)
{
	char path[64], err[512];
	hx_vec_run_opts o = { .seed = seed };

	write_temp(text, path, sizeof(path));
	hx_vec *v = hx_vec_load(path, err, sizeof(err));
	unlink(path);
	cr_assert_not_null(v, "%s", err);
	cr_assert_eq(hx_vec_run(v, seed ? &o : NULL, res), 0, "%s", res->message);
	hx_vec_free(v);
}

Test(vector_drv, a_copy_passes_with_its_exact_edge_and_callback)
{
	hx_vec_result r;

	run_text(RSYS COPY "  - wait_desc: {desc: d, calls: 1}\n"
		 "expect:\n"
		 "  callbacks: [{desc: d, cycle: 800, result: ok, residue: 0, context: deferred}]\n"
		 "  interrupts: [{line: tc, cycle: 778}]\n"
		 "  memory: [{master: 1, at: 0x10020000, pattern: 3, length: 1024}]\n", 0, &r);
	cr_assert(r.passed, "%s", r.message);
	cr_expect_eq(r.cycles, 800);
	cr_expect_eq(r.irqs, 1);
	cr_expect_eq(r.violations, 0);
}

Test(vector_drv, a_status_mismatch_names_step_cycle_and_values)
{
	hx_vec_result r;

	run_text(RSYS COPY "  - status: {desc: d, expect: paused, residue: 832, at: 182}\n"
		 "  - wait_desc: {desc: d, calls: 1}\n", 0, &r);
	cr_assert_not(r.passed);
	cr_expect_str_eq(r.message, "stimulus[2] (line 12): status d (cookie 1) at cycle 182: in_progress residue 848, "
			 "expected paused residue 832\n");
}

Test(vector_drv, the_callback_table_shows_expected_and_actual)
{
	hx_vec_result r;

	run_text(RSYS COPY "  - wait_desc: {desc: d, calls: 1}\n"
		 "expect:\n  callbacks: [{desc: d, cycle: 801}, {desc: d}]\n", 0, &r);
	cr_assert_not(r.passed);
	cr_expect_str_eq(r.message, "expect.callbacks: 2 callbacks expected, 1 seen; first difference at #0\n"
			 "    #    expected                       actual\n"
			 "  * 0    d @ 801                        d #1 @ 800 ok\n"
			 "  * 1    d @ any                        -\n");
}

Test(vector_drv, a_callback_action_reports_where_it_ran)
{
	hx_vec_result r;

	run_text(RSYS "stimulus:\n"
		 "  - request: {chan: a}\n"
		 "  - memcpy: {chan: a, desc: d, src: 0x10000000, dst: 0x10020000, len: 1024, submit: true, issue: true, "
		 "callback: [status: {desc: d, expect: in_progress}]}\n"
		 "  - wait_desc: {desc: d, calls: 1}\n", 0, &r);
	cr_assert_not(r.passed);
	cr_expect_str_eq(r.message, "callback of d (cookie 1, call 1) action[0] (line 11): status d (cookie 1) at cycle "
			 "800: complete residue 0, expected in_progress\n");
}

Test(vector_drv, at_a_past_cycle_and_wait_desc_timeout_fail_the_run)
{
	hx_vec_result r;

	run_text(RSYS COPY "  - wait_desc: {desc: d, calls: 1}\n  - status: {desc: d, at: 500}\n", 0, &r);
	cr_assert_not(r.passed);
	cr_expect_str_eq(r.message, "run failed at cycle 800: stimulus[3] (line 13): at 500: the run is already at cycle "
			 "800\n");
	run_text(RSYS COPY "  - wait_desc: {desc: d, calls: 2, timeout: 1000}\n", 0, &r);
	cr_assert_not(r.passed);
	cr_expect_str_eq(r.message, "run failed at cycle 1072: stimulus[2] (line 12): wait_desc d: timeout after 1000 "
			 "cycles at cycle 1072\n");
}

Test(vector_drv, final_status_is_checked)
{
	hx_vec_result r;

	run_text(RSYS COPY "  - wait_desc: {desc: d, calls: 1}\nexpect:\n  status: [{desc: d, status: error, residue: 0}]\n",
		 0, &r);
	cr_assert_not(r.passed);
	cr_expect_str_eq(r.message, "expect.status[0] (line 14): d (cookie 1) is complete residue 0, expected error "
			 "residue 0..0\n");
}

/* A channel programmed by hand bypasses the driver: the DMA-API checker reports its beats */
#define BYPASS                                                                                                   \
	"stimulus:\n"                                                                                            \
	"  - program: {channel: 7, src: 0x10000000, dst: 0x10010000, control: {ts: 16, swidth: 32, dwidth: 32, "  \
	"si: true, di: true, sbsize: 4, dbsize: 4}, config: {e: true}}\n"                                      \
	"  - wait: 200\n"

Test(vector_drv, checker_reports_are_zero_by_default_and_listed_when_not)
{
	hx_vec_result r;

	run_text(RSYS BYPASS, 0, &r);
	cr_assert_not(r.passed);
	cr_expect(!strncmp(r.message, "expect.checker_reports.dma-outside: 2 reports, expected 0\n"
			   "  dma-outside cycle 67 thread: DMAC read of 4 bytes at 0x10000000 on AHB1", 120), "%s", r.message);
	cr_expect(strstr(r.message, "  checkers: dma-outside=2\n"), "%s", r.message);
	run_text(RSYS BYPASS "expect:\n  checker_reports: {dma-outside: 2}\n", 0, &r);
	cr_expect(r.passed, "%s", r.message);
	run_text(RSYS BYPASS "expect:\n  checker_reports: {dma_api: 2, lock: 0}\n", 0, &r);
	cr_expect(r.passed, "%s", r.message);
	run_text(RSYS BYPASS "expect:\n  checker_reports: 2\n", 0, &r);
	cr_expect(r.passed, "%s", r.message);
	run_text(RSYS BYPASS "expect:\n  checker_reports: {lock: 2}\n", 0, &r);
	cr_assert_not(r.passed);
	cr_expect(strstr(r.message, "expect.checker_reports.dma-outside: 2 reports, expected 0\n"), "%s", r.message);
	cr_expect(strstr(r.message, "expect.checker_reports.lock: 0 reports, expected 2\n"), "%s", r.message);
}

Test(vector_drv, a_prep_expected_to_fail_that_succeeds_is_reported)
{
	hx_vec_result r;

	run_text(RSYS "stimulus:\n  - request: {chan: a}\n"
		 "  - memcpy: {chan: a, desc: d, src: 0x10000000, dst: 0x10020000, len: 1024, fails: true}\n", 0, &r);
	cr_assert_not(r.passed);
	cr_expect(!strncmp(r.message, "stimulus[1] (line 11): prep of d succeeded, expected NULL\n", 58), "%s", r.message);
}

Test(vector_drv, dmatest_counts_are_compared)
{
	hx_vec_result r;
	const char *dt = RSYS "stimulus:\n  - dmatest: {iterations: 5, max_len: 256, src: {at: 0x10000000, size: 0x1000}, "
			      "dst: {at: 0x10010000, size: 0x1000}, seed: 2, expect: {tests: %s, failures: %s}}\n";
	char text[1024];

	snprintf(text, sizeof(text), dt, "5", "0");
	run_text(text, 0, &r);
	cr_expect(r.passed, "%s", r.message);
	snprintf(text, sizeof(text), dt, "6", "1");
	run_text(text, 0, &r);
	cr_assert_not(r.passed);
	cr_expect_str_eq(r.message, "stimulus[0] (line 10): dmatest tests 5, expected 6\n"
			 "stimulus[0] (line 10): dmatest failures 0, expected 1\n");
}

Test(vector_drv, resubmit_chain_gives_every_callback_and_runs_are_deterministic)
{
	hx_vec_result a, b, c;

	run_text(RSYS "stimulus:\n  - request: {chan: a}\n"
		 "  - memcpy: {chan: a, desc: d, src: 0x10000000, dst: 0x10020000, len: 256, submit: true, issue: true, "
		 "callback: [resubmit: 100]}\n"
		 "  - wait_desc: {desc: d, calls: 101, timeout: 50000}\n"
		 "expect:\n  callbacks: [{desc: d, cycle: 272}, {desc: d, repeat: 99}, {desc: d, cycle: 23072}]\n", 0, &a);
	cr_assert(a.passed, "%s", a.message);
	cr_expect_eq(a.cycles, 23072);
	run_text(RSYS "stimulus:\n  - request: {chan: a}\n"
		 "  - memcpy: {chan: a, desc: d, src: 0x10000000, dst: 0x10020000, len: 256, submit: true, issue: true, "
		 "callback: [resubmit: 100]}\n"
		 "  - wait_desc: {desc: d, calls: 101, timeout: 50000}\n"
		 "expect:\n  callbacks: [{desc: d, cycle: 272}, {desc: d, repeat: 99}, {desc: d, cycle: 23072}]\n", 0, &b);
	cr_expect_eq(a.hash, b.hash);
	/* one resubmit fewer: one callback fewer */
	run_text(RSYS "stimulus:\n  - request: {chan: a}\n"
		 "  - memcpy: {chan: a, desc: d, src: 0x10000000, dst: 0x10020000, len: 256, submit: true, issue: true, "
		 "callback: [resubmit: 99]}\n"
		 "  - wait_desc: {desc: d, calls: 100, timeout: 50000}\n  - wait: 1000\n"
		 "expect:\n  callbacks: [{desc: d, repeat: 100}]\n", 0, &c);
	cr_expect(c.passed, "%s", c.message);
}

Test(vector_drv, seeds_change_the_interleaving_of_a_sweep_vector_not_its_verdict)
{
	char err[512];
	hx_vec *v = hx_vec_load(PL08X_SOURCE_DIR "/vectors/driver/callbacks/resubmit_100_sweep.yaml", err, sizeof(err));
	hx_vec_result r1, r2, r1b;

	cr_assert_not_null(v, "%s", err);
	cr_assert_eq(hx_vec_run(v, &(hx_vec_run_opts){ .seed = 1 }, &r1), 0);
	cr_assert_eq(hx_vec_run(v, &(hx_vec_run_opts){ .seed = 2 }, &r2), 0);
	cr_assert_eq(hx_vec_run(v, &(hx_vec_run_opts){ .seed = 1 }, &r1b), 0);
	cr_expect(r1.passed && r2.passed, "%s%s", r1.message, r2.message);
	cr_expect_neq(r1.hash, r2.hash);
	cr_expect_eq(r1.hash, r1b.hash);
	cr_expect_eq(r1.cycles, r1b.cycles);
	hx_vec_free(v);
}

/* Every vector of vectors/driver/ loads and passes with its own seed */
static void run_dir(const char *dir, unsigned *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	cr_assert_not_null(d, "%s", dir);
	while ((e = readdir(d))) {
		char path[512], err[512];
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (n > 5 && !strcmp(e->d_name + n - 5, ".yaml")) {
			hx_vec_result r;
			hx_vec *v = hx_vec_load(path, err, sizeof(err));
			cr_assert_not_null(v, "%s", err);
			cr_assert_eq(hx_vec_run(v, NULL, &r), 0, "%s: %s", path, r.message);
			cr_expect(r.passed, "%s:\n%s", path, r.message);
			hx_vec_free(v);
			(*count)++;
		} else if (!strchr(e->d_name, '.')) {
			run_dir(path, count);
		}
	}
	closedir(d);
}

Test(vector_drv, every_driver_vector_passes, .timeout = 120)
{
	unsigned n = 0;

	run_dir(PL08X_SOURCE_DIR "/vectors/driver", &n);
	cr_expect_geq(n, 60, "%u driver-level vectors", n);
}
