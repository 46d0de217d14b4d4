/* Tests of hx_vec_run (harness/src/vector_run.c): small vectors run on the real sim, bus and
 * model; passing ones report exact cycles and counts, failing ones the exact messages of
 * docs/vector-format.md ("Failure messages"); determinism of the hash.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness/bus.h"
#include "harness/vector.h"

#define DATA PL08X_SOURCE_DIR "/tests/data/vectors/"
#define EXAMPLES PL08X_SOURCE_DIR "/vectors/examples/"

/* A system of one SRAM on AHB1 (pattern 7 at 0x100) and an ERROR region */
#define SYS                                                                                                    \
	"vector: t\n"                                                                                          \
	"system:\n"                                                                                            \
	"  cpu: {irq_latency: 8}\n"                                                                            \
	"  memories:\n"                                                                                        \
	"    - {name: ram, master: 1, base: 0x0, size: 0x1000, init: [{at: 0x100, pattern: 7, length: 64}]}\n" \
	"  errors:\n"                                                                                          \
	"    - {name: hole, master: 1, base: 0x80000000, size: 0x100}\n"

/* Channel 0 copies 16 words 0x100 -> 0x200 (lines 8..16); TC rises at cycle 70 */
#define COPY                                                                                                  \
	"stimulus:\n"                                                                                         \
	"  - write: {reg: DMACConfiguration, value: 1}\n"                                                     \
	"  - program:\n"                                                                                      \
	"      channel: 0\n"                                                                                  \
	"      src: 0x100\n"                                                                                  \
	"      dst: 0x200\n"                                                                                  \
	"      control: {ts: 16, sbsize: 4, dbsize: 4, swidth: 32, dwidth: 32, si: true, di: true, i: true}\n" \
	"      config: {e: true, itc: true, ie: true}\n"                                                      \
	"  - wait_irq: {line: tc, timeout: 1000}\n"

static hx_vec *load_text(const char *text)
{
	char path[64], err[512];
	snprintf(path, sizeof(path), "/tmp/hx_vec_run_XXXXXX");
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	size_t n = strlen(text);
	cr_assert_eq(write(fd, text, n), (ssize_t)n);
	close(fd);
	hx_vec *v = hx_vec_load(path, err, sizeof(err));
	unlink(path);
	cr_assert_not_null(v, "load: %s", err);
	return v;
}

static hx_vec *load_file(const char *path)
{
	char err[512];
	hx_vec *v = hx_vec_load(path, err, sizeof(err));
	cr_assert_not_null(v, "load: %s", err);
	return v;
}

static void run(const hx_vec *v, uint64_t seed, const char *stem, hx_vec_result *r)
{
	hx_vec_run_opts o = { .seed = seed, .hx_trace_stem = stem };
	cr_assert_eq(hx_vec_run(v, &o, r), 0, "%s", r->message);
}

static void run_text(const char *text, hx_vec_result *r)
{
	hx_vec *v = load_text(text);
	run(v, hx_vec_seed(v), NULL, r);
	hx_vec_free(v);
}

Test(vector_run, memcpy_passes_with_exact_counts)
{
	hx_vec_result r;
	hx_vec *v = load_file(DATA "m2m_words.yaml");

	run(v, hx_vec_seed(v), NULL, &r);
	cr_expect(r.passed, "%s", r.message);
	cr_expect_str_empty(r.message);
	cr_expect_eq(r.cycles, 74);
	cr_expect_eq(r.beats, 32);
	cr_expect_eq(r.irqs, 0);
	cr_expect_eq(r.violations, 0);
	cr_expect_gt(r.events, 32);
	hx_vec_free(v);
}

Test(vector_run, every_sample_and_example_passes)
{
	static const char *const files[] = {
		DATA "m2m_words.yaml", DATA "full_syntax.yaml", DATA "pl081.yaml",
		EXAMPLES "m2m_word_copy.yaml", EXAMPLES "lli_chain.yaml", EXAMPLES "p2m_fifo.yaml",
		EXAMPLES "error_region.yaml",
	};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		hx_vec_result r;
		hx_vec *v = load_file(files[i]);
		run(v, hx_vec_seed(v), NULL, &r);
		cr_expect(r.passed, "%s:\n%s", files[i], r.message);
		hx_vec_free(v);
	}
}

Test(vector_run, memory_diff_names_first_address_and_bytes_around)
{
	hx_vec_result r;

	run_text(SYS COPY "expect:\n"
		 "  memory:\n"
		 "    - {master: 1, at: 0x200, pattern: 7, length: 68}\n",
		 &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "expect.memory[0] (line 19): master 1 0x00000200, 68 bytes: 4 differ, first at 0x00000240: "
			 "expected 0xc2, actual 0x00\n"
			 "  expected at 0x0000023c: d0 1a 4a b0 [c2] 61 ea 32\n"
			 "  actual   at 0x0000023c: d0 1a 4a b0 [00] 00 00 00\n");
}

Test(vector_run, interrupt_diff_shows_both_lists_side_by_side)
{
	hx_vec_result r;

	run_text(SYS COPY "expect:\n"
		 "  interrupts:\n"
		 "    - {line: intr, cycle: 70}\n"
		 "    - {line: tc, cycle: [60, 63]}\n"
		 "    - {line: err}\n",
		 &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "expect.interrupts: 3 edges expected, 2 seen; first difference at #1\n"
			 "    #  expected                  actual\n"
			 "    0  intr @ 70                 intr @ 70\n"
			 "  * 1  tc @ 60..63               tc @ 70\n"
			 "  * 2  err @ any                 -\n");
}

Test(vector_run, interrupts_pass_with_exact_cycles)
{
	hx_vec_result r;

	run_text(SYS COPY "expect:\n"
		 "  interrupts:\n"
		 "    - {line: intr, cycle: 70}\n"
		 "    - {line: tc, cycle: [70, 70]}\n",
		 &r);
	cr_expect(r.passed, "%s", r.message);
}

Test(vector_run, empty_interrupt_list_expects_no_edge)
{
	hx_vec_result r;

	run_text(SYS COPY "expect:\n  interrupts: []\n", &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "expect.interrupts: 0 edges expected, 2 seen; first difference at #0\n"
			 "    #  expected                  actual\n"
			 "  * 0  -                         intr @ 70\n"
			 "  * 1  -                         tc @ 70\n");
}

Test(vector_run, register_read_mismatch_names_step_line_and_cycle)
{
	hx_vec_result r;

	run_text(SYS COPY "  - read: {reg: C0Control, expect: 0x10, mask: 0xfff}\n"
		 "  - read: {reg: DMACIntTCStatus, expect: 1}\n",
		 &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "stimulus[3] (line 17): read C0Control at cycle 74 = 0x8c489000, expected 0x00000010 "
			 "(mask 0x00000fff)\n");
}

Test(vector_run, register_expectations_are_read_at_the_end)
{
	hx_vec_result r;

	run_text(SYS COPY "expect:\n"
		 "  registers:\n"
		 "    - {reg: C0Control, expect: 0, mask: 0xfff}\n"
		 "    - {reg: DMACRawIntTCStatus, expect: 0}\n",
		 &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "expect.registers[1] (line 20): DMACRawIntTCStatus = 0x00000001, expected 0x00000000 "
			 "(mask 0xffffffff)\n");
}

/* A copy into the ERROR region: one ERROR response and the error interrupt */
#define ERRCOPY                                                                                               \
	"stimulus:\n"                                                                                         \
	"  - write: {reg: DMACConfiguration, value: 1}\n"                                                     \
	"  - program:\n"                                                                                      \
	"      channel: 1\n"                                                                                  \
	"      src: 0x100\n"                                                                                  \
	"      dst: 0x80000000\n"                                                                             \
	"      control: {ts: 4, sbsize: 4, dbsize: 4, swidth: 32, dwidth: 32, si: true, di: true}\n"          \
	"      config: {e: true, ie: true}\n"                                                                 \
	"  - wait_irq: {line: err, timeout: 1000}\n"

Test(vector_run, expected_bus_error_passes)
{
	hx_vec_result r;

	run_text(SYS ERRCOPY "  - read: {reg: DMACIntErrorStatus, expect: 0x02}\n"
		 "expect:\n"
		 "  bus_errors: 1\n"
		 "  interrupts: [{line: err}]\n"
		 "  registers: [{reg: EnbldChns, expect: 0}]\n",
		 &r);
	cr_expect(r.passed, "%s", r.message);
}

Test(vector_run, unexpected_bus_error_count_fails)
{
	hx_vec_result r;

	run_text(SYS ERRCOPY "expect:\n  bus_errors: 0\n", &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "expect.bus_errors: 1 ERROR responses, expected 0\n");
}

#define HANDLER_CLEARS                                                                                        \
	"irq_handler:\n"                                                                                      \
	"  - read: {reg: DMACIntTCStatus, expect: 1}\n"                                                       \
	"  - write: {reg: DMACIntTCClear, value: 1}\n"

Test(vector_run, irq_handler_clears_the_interrupt)
{
	hx_vec_result r;

	/* TC at 70, latency 8: the handler runs at 78 and clears; the wait ends later */
	run_text(SYS HANDLER_CLEARS COPY "  - wait: 40\n"
		 "expect:\n"
		 "  interrupts: [{line: tc, cycle: 70}]\n"
		 "  registers: [{reg: DMACRawIntTCStatus, expect: 0}]\n",
		 &r);
	cr_expect(r.passed, "%s", r.message);
	cr_expect_eq(r.irqs, 1);
}

Test(vector_run, irq_handler_that_does_not_clear_storms)
{
	hx_vec_result r;

	run_text(SYS "irq_handler:\n  - read: {reg: DMACIntTCStatus}\n" COPY "  - wait: 100000\n", &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "run failed at cycle 13078: interrupt storm: DMACINTR still high after 1000 handler runs in a row\n");
	cr_expect_eq(r.irqs, 1000);
}

Test(vector_run, wait_timeout_stops_the_run)
{
	hx_vec_result r;

	run_text(SYS "stimulus:\n  - wait_irq: {line: err, timeout: 50}\n  - write: {reg: DMACConfiguration, value: 1}\n",
		 &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "run failed at cycle 50: stimulus[0] (line 9): wait_irq err: timeout after 50 cycles at cycle 50\n");
	cr_expect_eq(r.cycles, 50);
}

Test(vector_run, system_timeout_cuts_every_wait)
{
	hx_vec_result r;

	run_text("vector: t\nsystem: {timeout: 30}\nstimulus:\n  - wait: 10\n  - wait: 100\n", &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "run failed at cycle 30: stimulus[1] (line 5): wait, cut short by system.timeout 30: "
			 "timeout after 20 cycles at cycle 30\n");
}

/* COPY without its wait_irq: the program step ends at cycle 24, TC rises at 70 */
#define COPY_NOWAIT                                                                                           \
	"stimulus:\n"                                                                                         \
	"  - write: {reg: DMACConfiguration, value: 1}\n"                                                     \
	"  - program:\n"                                                                                      \
	"      channel: 0\n"                                                                                  \
	"      src: 0x100\n"                                                                                  \
	"      dst: 0x200\n"                                                                                  \
	"      control: {ts: 16, sbsize: 4, dbsize: 4, swidth: 32, dwidth: 32, si: true, di: true, i: true}\n" \
	"      config: {e: true, itc: true, ie: true}\n"

Test(vector_run, a_tc_edge_before_wait_irq_counts_once)
{
	hx_vec_result r;

	/* the edge at 70 comes during the wait; wait_irq then returns at once */
	run_text(SYS COPY_NOWAIT "  - wait: 100\n  - wait_irq: {line: tc, timeout: 5}\nexpect:\n  end_cycle: 124\n", &r);
	cr_expect(r.passed, "%s", r.message);
	/* consumed by the first wait_irq: a second one times out */
	run_text(SYS COPY_NOWAIT "  - wait: 100\n  - wait_irq: {line: tc, timeout: 5}\n  - wait_irq: {line: tc, timeout: 5}\n",
		 &r);
	cr_expect_str_eq(r.message, "run failed at cycle 129: stimulus[4] (line 18): wait_irq tc: timeout after 5 cycles "
				    "at cycle 129\n");
}

Test(vector_run, poll_reads_until_the_value_or_times_out)
{
	hx_vec_result r;

	run_text(SYS COPY_NOWAIT "  - poll: {reg: DMACEnbldChns, mask: 0xff, equals: 0, timeout: 1000}\n"
		 "expect:\n  end_cycle: 72\n", &r);
	cr_expect(r.passed, "%s", r.message);
	run_text(SYS COPY_NOWAIT "  - poll: {reg: DMACEnbldChns, mask: 0xff, equals: 0, timeout: 10}\n", &r);
	cr_expect_str_eq(r.message, "run failed at cycle 36: stimulus[2] (line 16): poll DMACEnbldChns: 0x00000001 after 12 cycles at "
				    "cycle 36, waiting for (value & 0x000000ff) == 0x00000000\n");
}

Test(vector_run, wait_takes_interrupts_at_their_cycle_and_delay_at_its_end)
{
	hx_vec_result r;

	/* TC at 70 + latency 8: taken at 78 while waiting; the handler's read costs 4 cycles */
	run_text(SYS "irq_handler:\n  - read: {reg: DMACIntTCStatus, expect: 2}\n  - write: {reg: DMACIntTCClear, value: 1}\n"
		 COPY_NOWAIT "  - wait: 100\n", &r);
	cr_expect_str_eq(r.message, "irq_handler[0] (line 9, entry 1): read DMACIntTCStatus at cycle 82 = 0x00000001, "
				    "expected 0x00000002 (mask 0xffffffff)\n");
	/* busy in a delay until 124: taken only then */
	run_text(SYS "irq_handler:\n  - read: {reg: DMACIntTCStatus, expect: 2}\n  - write: {reg: DMACIntTCClear, value: 1}\n"
		 COPY_NOWAIT "  - delay: 100\n", &r);
	cr_expect_str_eq(r.message, "irq_handler[0] (line 9, entry 1): read DMACIntTCStatus at cycle 128 = 0x00000001, "
				    "expected 0x00000002 (mask 0xffffffff)\n");
}

Test(vector_run, stray_access_fails_by_default)
{
	hx_vec_result r;

	run_text(SYS "stimulus:\n"
		 "  - write: {reg: DMACConfiguration, value: 1}\n"
		 "  - program: {channel: 0, src: 0x100, dst: 0x9000,\n"
		 "              control: {ts: 1, swidth: 32, dwidth: 32}, config: {e: true}}\n"
		 "  - wait_idle:\n",
		 &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message,
			 "expect.stray_accesses: 1 transfers hit no slave (the first at 0x00009000), expected 0\n");
}

Test(vector_run, counts_that_differ_are_reported)
{
	hx_vec_result r;

	run_text(SYS COPY "expect:\n"
		 "  protocol_violations: 1\n"
		 "  end_cycle: [0, 10]\n"
		 "  underruns: 1\n",
		 &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "expect.protocol_violations: 0 AHB protocol violations, expected 1\n"
				    "expect.end_cycle: the stimulus ended at cycle 70, expected 0..10\n"
				    "expect.underruns: 0 FIFO underruns and overruns, expected 1\n");
}

Test(vector_run, crc32_is_zlib_crc32)
{
	hx_vec_result r;

	/* crc32("123456789") = 0xCBF43926, the standard check value */
	run_text("vector: t\nsystem:\n  memories: [{name: r, master: 1, base: 0, size: 16,\n"
		 "    init: [{at: 0, bytes: [0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39]}]}]\n"
		 "stimulus: []\n"
		 "expect:\n  memory:\n    - {master: 1, at: 0, crc32: 0xCBF43926, length: 9}\n"
		 "    - {master: 1, at: 0, crc32: 0xCBF43927, length: 9}\n",
		 &r);
	cr_expect_str_eq(r.message, "expect.memory[1] (line 9): master 1 0x00000000, 9 bytes: crc32 0xcbf43926, "
				    "expected 0xcbf43927\n");
}

Test(vector_run, words_follow_the_memory_lanes)
{
	hx_vec_result r;

	run_text("vector: t\nsystem:\n  memories:\n"
		 "    - {name: le, master: 1, base: 0, size: 16, init: [{at: 0, words: [0x11223344]}]}\n"
		 "    - {name: be, master: 1, base: 16, size: 16, endian: big, init: [{at: 16, words: [0x11223344]}]}\n"
		 "stimulus: []\n"
		 "expect:\n  memory:\n    - {master: 1, at: 0, bytes: [0x44, 0x33, 0x22, 0x11]}\n"
		 "    - {master: 1, at: 16, bytes: [0x11, 0x22, 0x33, 0x44]}\n",
		 &r);
	cr_expect(r.passed, "%s", r.message);
}

Test(vector_run, peripheral_capture_is_checked)
{
	hx_vec_result r;

	run_text(SYS "  peripherals:\n"
		 "    - {name: tx, kind: fifo, line: 2, master: 1, base: 0x40000000, direction: from_memory,\n"
		 "       width: 32, depth: 8, rate: 2, watermark: 4}\n"
		 "stimulus:\n"
		 "  - write: {reg: DMACConfiguration, value: 1}\n"
		 "  - program:\n"
		 "      channel: 0\n"
		 "      src: 0x100\n"
		 "      dst: 0x40000000\n"
		 "      control: {ts: 8, sbsize: 4, dbsize: 4, swidth: 32, dwidth: 32, si: true, i: true}\n"
		 "      config: {e: true, dst_periph: 2, flow: m2p, itc: true}\n"
		 "  - wait_irq: {line: tc, timeout: 1000}\n"
		 "expect:\n"
		 "  memory:\n"
		 "    - {peripheral: tx, pattern: 7, length: 32}\n"
		 "    - {peripheral: tx, pattern: 7, length: 36}\n"
		 "  underruns: 0\n",
		 &r);
	cr_expect_str_eq(r.message, "expect.memory[1] (line 23): peripheral tx captured 32 bytes, expected 36\n");
}

Test(vector_run, same_seed_same_hash_and_trace_changes_nothing)
{
	hx_vec *v = load_file(DATA "full_syntax.yaml");
	hx_vec_result a, b, c, d;
	char stem[64], path[80];
	struct stat st;

	run(v, 5, NULL, &a);
	run(v, 5, NULL, &b);
	snprintf(stem, sizeof(stem), "/tmp/hx_vec_trace_%d", (int)getpid());
	run(v, 5, stem, &c);
	run(v, 6, NULL, &d);
	cr_expect(a.passed && c.passed, "%s%s", a.message, c.message);
	cr_expect_eq(a.hash, b.hash);
	cr_expect_eq(a.hash, c.hash);
	cr_expect_eq(a.cycles, c.cycles);
	cr_expect_eq(a.events, c.events);
	cr_expect_neq(a.hash, d.hash, "seeds 5 and 6 draw different jitter and waits");
	snprintf(path, sizeof(path), "%s.jsonl", stem);
	cr_expect_eq(stat(path, &st), 0);
	cr_expect_gt(st.st_size, 0);
	unlink(path);
	snprintf(path, sizeof(path), "%s.vcd", stem);
	cr_expect_eq(stat(path, &st), 0);
	cr_expect_gt(st.st_size, 0);
	unlink(path);
	hx_vec_free(v);
}

Test(vector_run, unwritable_trace_is_an_error_before_the_run)
{
	hx_vec *v = load_file(DATA "m2m_words.yaml");
	hx_vec_run_opts o = { .seed = 1, .hx_trace_stem = "/nonexistent/dir/t" };
	hx_vec_result r;

	cr_expect_eq(hx_vec_run(v, &o, &r), -1);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "cannot write the trace /nonexistent/dir/t.jsonl/.vcd");
	hx_vec_free(v);
}

struct thread_run {
	const hx_vec *v;
	uint64_t hash[8];
};

static void *thread_main(void *arg)
{
	struct thread_run *t = arg;
	for (unsigned i = 0; i < 8; i++) {
		hx_vec_run_opts o = { .seed = i };
		hx_vec_result r;
		hx_vec_run(t->v, &o, &r);
		t->hash[i] = r.hash;
	}
	return NULL;
}

Test(vector_run, parallel_threads_give_the_same_hashes)
{
	hx_vec *v = load_file(DATA "full_syntax.yaml");
	struct thread_run t[2] = { { .v = v }, { .v = v } };
	pthread_t th[2];

	for (unsigned i = 0; i < 2; i++)
		cr_assert_eq(pthread_create(&th[i], NULL, thread_main, &t[i]), 0);
	for (unsigned i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	for (unsigned i = 0; i < 8; i++)
		cr_expect_eq(t[0].hash[i], t[1].hash[i], "seed %u", i);
	hx_vec_free(v);
}

/* ---- expect.beats and expect.edges ---- */

/* The word a 32-bit read of a little-endian memory returns at @at, pattern 7 from 0x100 */
static uint32_t pattern7_word(uint32_t at)
{
	uint32_t w = 0;
	for (unsigned j = 0; j < 4; j++)
		w |= (uint32_t)hx_pattern_byte(7, at - 0x100 + j) << (8 * j);
	return w;
}

/* COPY (t = 24, timing-model s7 and s18): piece p reads at 26 + 11p..29 + 11p, writes at
 * 32 + 11p..35 + 11p, all INCR4 words on AHB1 with HPROT 1 (Prot 0, data) */
Test(vector_run, beats_pass_with_exact_attributes)
{
	hx_vec_result r;
	char text[4096];

	snprintf(text, sizeof(text),
		 SYS COPY "expect:\n"
		 "  beats:\n"
		 "    - {write: false, count: 16, hburst: incr4, hsize: 32, hprot: 1, hlock: false, resp: okay}\n"
		 "    - {write: true, count: 16, hburst: incr4, hsize: 32, hprot: 1, hlock: false, resp: okay}\n"
		 "    - {write: false, index: 0, htrans: nonseq, cycle: 26, data: 0x%08x}\n"
		 "    - {write: false, index: 1, htrans: seq, cycle: 27, data: 0x%08x}\n"
		 "    - {write: true, index: 4, htrans: nonseq, cycle: 43}\n"
		 "    - {write: true, index: 15, htrans: seq, cycle: [68, 68], data: 0x%08x}\n"
		 "    - {addr: 0x23c, write: true, cycle: 68}\n"
		 "    - {addr: [0x100, 0x13f], count: 16, cycle: [26, 62]}\n"
		 "    - {master: 2, count: 0}\n"
		 "    - {master: 1, count: 32}\n",
		 pattern7_word(0x100), pattern7_word(0x104), pattern7_word(0x13c));
	run_text(text, &r);
	cr_expect(r.passed, "%s", r.message);
}

Test(vector_run, beat_attribute_mismatch_names_the_beat)
{
	hx_vec_result r;

	run_text(SYS COPY "expect:\n"
		 "  beats:\n"
		 "    - {write: true, index: 4, hburst: incr8, htrans: nonseq, cycle: 42}\n"
		 "    - {write: false, hsize: 16, hlock: false}\n"
		 "    - {write: false, addr: [0x110, 0x13f], htrans: seq, hprot: 1}\n",
		 &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message,
			 "expect.beats[0] (line 19): beat #4 (cycle 43, master 1, write 0x00000210) of 16: hburst incr4, "
			 "expected incr8; cycle 43, expected 42\n"
			 "expect.beats[1] (line 20): 16 of 16 beats differ, the first #0 (cycle 26, master 1, read "
			 "0x00000100): hsize 32, expected 16\n"
			 "expect.beats[2] (line 21): 3 of 12 beats differ, the first #0 (cycle 37, master 1, read "
			 "0x00000110): htrans nonseq, expected seq\n");
}

Test(vector_run, beat_count_and_missing_beats_fail)
{
	hx_vec_result r;

	run_text(SYS COPY "expect:\n"
		 "  beats:\n"
		 "    - {write: true, addr: [0x200, 0x20f], count: 5}\n"
		 "    - {master: 1, index: 32, cycle: 0}\n"
		 "    - {addr: 0x300, hburst: incr4}\n"
		 "    - {addr: 0x300, count: 0, hburst: incr4}\n",
		 &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message,
			 "expect.beats[0] (line 19): 4 beats match, expected 5\n"
			 "expect.beats[1] (line 20): no beat #32, 32 beats match\n"
			 "expect.beats[2] (line 21): no beat matches\n");
}

/* timing-model s11, Sync bypassed, t = 28: two SREQs on line 3 (at 38 and 58); DMACCLR[3] rises
 * at t+14 = 42 and t+34 = 62, DMACTC[3] at 62 (vectors/beats/periph_clr_tc_edges.yaml) */
#define PSYS                                                                                                  \
	"vector: t\n"                                                                                         \
	"system:\n"                                                                                           \
	"  memories:\n"                                                                                       \
	"    - {name: ram1, master: 1, base: 0x0, size: 0x10000}\n"                                           \
	"  peripherals:\n"                                                                                    \
	"    - {name: rx3, kind: script, line: 3, master: 2, base: 0x40000300,\n"                             \
	"       requests: [{at: 38, kind: single}, {at: 58, kind: single}]}\n"                                \
	"stimulus:\n"                                                                                         \
	"  - write: {reg: DMACConfiguration, value: 1}\n"                                                     \
	"  - write: {reg: DMACSync, value: 0xffff}\n"                                                         \
	"  - program: {channel: 0, src: 0x40000300, dst: 0x2000, control: {ts: 2, sbsize: 4, dbsize: 4,\n"    \
	"              swidth: 32, dwidth: 32, di: true, s: 2, d: 1, i: true},\n"                             \
	"              config: {e: true, flow: p2m, src_periph: 3, ie: true, itc: true}}\n"                   \
	"  - wait_irq: {line: tc, timeout: 500}\n"

Test(vector_run, edges_pass_with_exact_cycles)
{
	hx_vec_result r;

	run_text(PSYS "expect:\n"
		 "  interrupts: [{line: tc, cycle: 65}]\n"
		 "  edges:\n"
		 "    - {pin: clr, line: 3, cycle: 42}\n"
		 "    - {pin: clr, line: 3, cycle: [62, 62]}\n"
		 "    - {pin: tc, line: 3, cycle: 62}\n"
		 "    - {pin: tc, line: 0}\n"
		 "  beats:\n"
		 "    - {master: 2, index: 1, write: false, cycle: 60, htrans: nonseq, hburst: incr}\n",
		 &r);
	cr_expect_not(r.passed);
	/* the last item names line 0 of DMACTC, which has no edge */
	cr_expect_str_eq(r.message, "expect.edges: 4 edges expected, 3 seen; first difference at #3\n"
			 "    #  expected                  actual\n"
			 "    0  clr 3 @ 42                clr 3 @ 42\n"
			 "    1  clr 3 @ 62                clr 3 @ 62\n"
			 "    2  tc 3 @ 62                 tc 3 @ 62\n"
			 "  * 3  tc 0 @ any                -\n");
	run_text(PSYS "expect:\n"
		 "  edges:\n"
		 "    - {pin: clr, line: 3, cycle: 42}\n"
		 "    - {pin: clr, line: 3, cycle: 62}\n"
		 "    - {pin: tc, line: 3, cycle: 62}\n"
		 "    - {pin: clr, line: 0, cycle: 0}\n"
		 "    - {pin: tc, line: 0, cycle: 0}\n"
		 "  beats:\n"
		 "    - {master: 2, index: 1, write: false, cycle: 60, htrans: nonseq, hburst: incr}\n",
		 &r);
	cr_expect_not(r.passed);
	run_text(PSYS "expect:\n"
		 "  edges:\n"
		 "    - {pin: clr, line: 3, cycle: 42}\n"
		 "    - {pin: clr, line: 3, cycle: 62}\n"
		 "    - {pin: tc, line: 3, cycle: 62}\n"
		 "  beats:\n"
		 "    - {master: 2, index: 1, write: false, cycle: 60, htrans: nonseq, hburst: incr}\n",
		 &r);
	cr_expect(r.passed, "%s", r.message);
}

Test(vector_run, edge_diff_shows_both_lists_side_by_side)
{
	hx_vec_result r;

	run_text(PSYS "expect:\n"
		 "  edges:\n"
		 "    - {pin: clr, line: 3, cycle: 42}\n"
		 "    - {pin: tc, line: 3, cycle: [60, 61]}\n",
		 &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "expect.edges: 2 edges expected, 3 seen; first difference at #1\n"
			 "    #  expected                  actual\n"
			 "    0  clr 3 @ 42                clr 3 @ 42\n"
			 "  * 1  tc 3 @ 60..61             clr 3 @ 62\n"
			 "  * 2  -                         tc 3 @ 62\n");
}

Test(vector_run, empty_edge_list_expects_no_request_line_edge)
{
	hx_vec_result r;

	run_text(SYS COPY "expect:\n  edges: []\n", &r);
	cr_expect(r.passed, "%s", r.message);
	run_text(PSYS "expect:\n  edges: []\n", &r);
	cr_expect_not(r.passed);
	cr_expect_str_eq(r.message, "expect.edges: 0 edges expected, 3 seen; first difference at #0\n"
			 "    #  expected                  actual\n"
			 "  * 0  -                         clr 3 @ 42\n"
			 "  * 1  -                         clr 3 @ 62\n"
			 "  * 2  -                         tc 3 @ 62\n");
}
