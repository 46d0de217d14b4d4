/* pl08x-run, tested as users run it: the built binary (PL08X_RUN) on the small vectors in
 * tests/data/runner/ (pass/: three passing copies, one in a subfolder; fail/: one failing by a
 * memory check and one by an interrupt cycle; long/: one failing with a 25-line message; bad/:
 * two malformed vectors; dup/: a second vector named runner_copy_a). Every test works in its
 * own temporary folder.
 */
#define _GNU_SOURCE /* memmem, openpty, mkdtemp */
#include <criterion/criterion.h>
#include <errno.h>
#include <pty.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DATA PL08X_SOURCE_DIR "/tests/data/runner"

static char tmp[256];

static void setup(void)
{
	cr_assert(PL08X_RUN[0], "pl08x-run is not built");
	snprintf(tmp, sizeof(tmp), "/tmp/hx-runner-XXXXXX");
	cr_assert_not_null(mkdtemp(tmp));
	setenv("R", PL08X_RUN, 1);
	setenv("D", DATA, 1);
}

static void teardown(void)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	cr_expect_eq(system(cmd), 0);
}

TestSuite(runner, .init = setup, .fini = teardown, .timeout = 60);

/* Runs a shell command in the temporary folder, stdout to ./out, stderr to ./err. $R is the
 * runner, $D the data folder. Return: the exit status. */
static int sh(const char *fmt, ...)
{
	char args[2048], cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "cd '%s' && { %s ; } >out 2>err", tmp, args);
	int st = system(cmd);
	cr_assert(WIFEXITED(st), "%s: did not exit", args);
	return WEXITSTATUS(st);
}

/* A file of the temporary folder, whole; NULL when missing. The caller frees it. */
static char *slurp(const char *rel)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	cr_assert_not_null(s);
	cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static bool exists(const char *rel)
{
	char path[512];
	struct stat st;
	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	return stat(path, &st) == 0;
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* A report without what may differ between runs of one regression: wall times and the shard
 * (JSON) or time attributes and the shard property (JUnit). */
static char *normalise(char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	cr_assert_not_null(out);
	for (char *line = s; *line;) {
		char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line + 1) : strlen(line);
		if (!memmem(line, len, "\"shard\":", 8) && !memmem(line, len, "name=\"shard\"", 12)) {
			for (size_t i = 0; i < len;) {
				const char *keys[] = { "\"wall_seconds\": ", "time=\"" };
				size_t skip = 0;
				for (int k = 0; k < 2 && !skip; k++) {
					size_t kl = strlen(keys[k]);
					if (i + kl <= len && memcmp(line + i, keys[k], kl) == 0) {
						skip = kl;
						while (i + skip < len && strchr("0123456789.", line[i + skip]))
							skip++;
					}
				}
				if (skip) {
					i += skip;
					continue;
				}
				*o++ = line[i++];
			}
		}
		line += len;
	}
	*o = '\0';
	free(s);
	return out;
}

static void assert_same_file(const char *a, const char *b)
{
	char *x = normalise(slurp(a)), *y = normalise(slurp(b));
	cr_assert_str_eq(x, y, "%s and %s differ", a, b);
	free(x);
	free(y);
}

/* ---- options and exit codes ---------------------------------------------------------------- */

Test(runner, help_documents_every_option_and_the_exit_codes)
{
	cr_assert_eq(sh("\"$R\" --help"), 0);
	char *out = slurp("out");
	const char *opts[] = { "-j, --jobs N", "--shard I/N", "--seed S", "--seeds A..B",
			       "--trace DIR", "--tag T", "--junit FILE", "--json FILE",
			       "--report-dir DIR", "-q, --quiet", "-v, --verbose", "--list",
			       "-h, --help", "--version", "pl08x-run merge", "exit status",
			       "  0  every unit passed", "  1  at least one unit failed",
			       "  2  bad input or usage" };
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		cr_expect(strstr(out, opts[i]), "--help lacks '%s'", opts[i]);
	free(out);
	cr_assert_eq(sh("\"$R\" -h"), 0);
	cr_assert_eq(sh("\"$R\" merge --help"), 0);
}

Test(runner, version_prints_the_tool_and_its_version)
{
	cr_assert_eq(sh("\"$R\" --version"), 0);
	char *out = slurp("out");
	cr_assert(strncmp(out, "pl08x-run ", 10) == 0 && strchr(out, '.'), "%s", out);
	free(out);
}

Test(runner, all_passing_exits_0_with_table_and_reports)
{
	cr_assert_eq(sh("\"$R\" -j 2 \"$D/pass\""), 0);
	char *out = slurp("out"), *json = slurp("pl08x-reports/report.json"),
	     *xml = slurp("pl08x-reports/junit.xml");
	cr_assert_not_null(json);
	cr_assert_not_null(xml);
	/* The table: one row per folder, then the totals and the reports. */
	cr_expect(strstr(out, DATA "/pass "), "%s", out);
	/* The longest folder sets the column: runs, pass, fail, cycles (the timing model's). */
	cr_expect(strstr(out, "\n" DATA "/pass/sub       1       1       0            103 "), "%s", out);
	cr_expect(strstr(out, "       3       3       0            280 "), "%s", out);
	cr_expect(strstr(out, "3 units: 3 passed, 0 failed"), "%s", out);
	cr_expect(strstr(out, "reports: pl08x-reports/report.json pl08x-reports/junit.xml"), "%s", out);
	cr_expect(!strstr(out, "FAIL"), "%s", out);
	cr_expect(strstr(json, "\"summary\": {\"units\": 3, \"passed\": 3, \"failed\": 0"), "%s", json);
	cr_expect(strstr(json, "\"shard\": {\"index\": 1, \"count\": 1}"), "%s", json);
	cr_expect(strstr(json, "\"total_units\": 3"), "%s", json);
	cr_expect_eq(count(json, "\"passed\": true"), 3);
	cr_expect(strstr(xml, "<testsuite name=\"pl08x-run\" tests=\"3\" failures=\"0\""), "%s", xml);
	cr_expect(strstr(xml, "<testcase classname=\"" DATA "/pass/sub\" name=\"runner_copy_c\" time=\""), "%s", xml);
	cr_expect_eq(count(xml, "<testcase "), 3);
	cr_expect(!strstr(xml, "<failure"));
	/* Units in name order, each with its file's seed. */
	char *a = strstr(json, "runner_copy_a"), *b = strstr(json, "runner_copy_b"),
	     *c = strstr(json, "runner_copy_c");
	cr_expect(a && b && c && a < b && b < c);
	cr_expect(strstr(json, "{\"vector\": \"runner_copy_b\", \"path\": \"" DATA "/pass/copy_b.yaml\", \"seed\": 7, \"passed\": true, \"message\": \"\", \"cycles\": "));
	free(out);
	free(json);
	free(xml);
}

Test(runner, a_failing_vector_exits_1_and_its_message_is_printed_and_reported)
{
	cr_assert_eq(sh("\"$R\" -j 2 \"$D\"/pass \"$D/fail\""), 1);
	char *out = slurp("out"), *json = slurp("pl08x-reports/report.json"),
	     *xml = slurp("pl08x-reports/junit.xml");
	cr_expect(strstr(out, "FAIL  runner_fail_irq  seed 5  cycles "), "%s", out);
	cr_expect(strstr(out, "FAIL  runner_fail_mem  seed 5  cycles "), "%s", out);
	cr_expect(strstr(out, "failed: runner_fail_irq runner_fail_mem\n"), "%s", out);
	cr_expect(strstr(out, "5 units: 3 passed, 2 failed"), "%s", out);
	cr_expect(strstr(json, "\"summary\": {\"units\": 5, \"passed\": 3, \"failed\": 2"), "%s", json);
	cr_expect_eq(count(xml, "<failure message=\""), 2);
	cr_expect(strstr(xml, "<testcase classname=\"" DATA "/fail\" name=\"runner_fail_mem\""), "%s", xml);
	free(out);
	free(json);
	free(xml);
}

/* The messages are hx_vec_run()'s (docs/vector-format.md, "Failure messages"); the runner
 * prints them indented under the unit's line. The cycles are the timing model's. */
Test(runner, a_failing_memory_check_shows_the_first_differing_byte)
{
	cr_assert_eq(sh("\"$R\" \"$D/fail/mem.yaml\""), 1);
	char *out = slurp("out"), *json = slurp("pl08x-reports/report.json"),
	     *xml = slurp("pl08x-reports/junit.xml");
	cr_expect(strstr(out,
		"FAIL  runner_fail_mem  seed 5  cycles 74  hash "),
		"%s", out);
	cr_expect(strstr(out,
		"\n    expect.memory[0] (line 20): master 1 0x00000400, 4 bytes: 4 differ, first at 0x00000400: expected 0xde, actual 0x85\n"
		"      expected at 0x00000400: [de] ad be ef\n"
		"      actual   at 0x00000400: [85] 69 a1 55\n"), "%s", out);
	cr_expect(strstr(json,
		"\"message\": \"expect.memory[0] (line 20): master 1 0x00000400, 4 bytes: 4 differ, first at 0x00000400: expected 0xde, actual 0x85\\n"
		"  expected at 0x00000400: [de] ad be ef\\n  actual   at 0x00000400: [85] 69 a1 55\\n\""), "%s", json);
	cr_expect(strstr(xml,
		"<failure message=\"expect.memory[0] (line 20): master 1 0x00000400, 4 bytes: 4 differ, first at 0x00000400: expected 0xde, actual 0x85\" type=\"vector\">"
		"expect.memory[0]"), "%s", xml);
	free(out);
	free(json);
	free(xml);
}

Test(runner, a_failing_interrupt_check_shows_both_lists)
{
	cr_assert_eq(sh("\"$R\" \"$D/fail/irq.yaml\""), 1);
	char *out = slurp("out"), *xml = slurp("pl08x-reports/junit.xml");
	cr_expect(strstr(out,
		"\n    expect.interrupts: 1 edges expected, 1 seen; first difference at #0\n"
		"        #  expected                  actual\n"
		"      * 0  tc @ 3                    tc @ 70\n"), "%s", out);
	/* XML escapes the text; the attribute holds the first line. */
	cr_expect(strstr(xml, "<failure message=\"expect.interrupts: 1 edges expected, 1 seen; first difference at #0\" type=\"vector\">"), "%s", xml);
	free(out);
	free(xml);
}

Test(runner, usage_errors_exit_2)
{
	const char *bad[] = {
		"\"$R\" --frobnicate \"$D/pass\"",
		"\"$R\"",
		"\"$R\" --shard 0/3 \"$D/pass\"",
		"\"$R\" --shard 4/3 \"$D/pass\"",
		"\"$R\" --shard 1/0 \"$D/pass\"",
		"\"$R\" --shard 1 \"$D/pass\"",
		"\"$R\" --shard 1/x \"$D/pass\"",
		"\"$R\" --shard -1/3 \"$D/pass\"",
		"\"$R\" -j 0 \"$D/pass\"",
		"\"$R\" -j two \"$D/pass\"",
		"\"$R\" --seeds 5..1 \"$D/pass\"",
		"\"$R\" --seeds 5 \"$D/pass\"",
		"\"$R\" --seed x \"$D/pass\"",
		"\"$R\" --seed 1 --seeds 1..2 \"$D/pass\"",
		"\"$R\" --json",
		"\"$R\" \"$D/no-such-folder\"",
		"\"$R\" \"$D/pass/*.nothing\"",
		"mkdir empty && \"$R\" empty",
		"\"$R\" --tag no-such-tag \"$D/pass\"",
		"\"$R\" merge",
		"\"$R\" merge --frobnicate x.json",
		"\"$R\" merge no-such-report.json",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_expect_eq(sh("%s", bad[i]), 2, "%s", bad[i]);
		char *err = slurp("err");
		cr_expect(err && err[0], "%s: nothing on stderr", bad[i]);
		free(err);
	}
	cr_expect(!exists("pl08x-reports"), "a usage error wrote a report");
}

Test(runner, malformed_vectors_name_file_line_and_field_and_touch_no_report)
{
	/* An old report must survive a run that stops on bad input. */
	cr_assert_eq(sh("mkdir old && echo precious > old/report.json"), 0);
	cr_assert_eq(sh("\"$R\" --report-dir old --junit new.xml \"$D/pass\" \"$D/bad\""), 2);
	char *err = slurp("err"), *out = slurp("out"), *old = slurp("old/report.json");
	cr_expect(strstr(err, DATA "/bad/size.yaml:9:"), "%s", err);
	cr_expect(strstr(err, "system.memories[0].size"), "%s", err);
	cr_expect(strstr(err, DATA "/bad/step.yaml:16:"), "%s", err);
	cr_expect(strstr(err, "stimulus[2]"), "%s", err);
	cr_expect(strstr(err, "2 malformed vectors, nothing run"), "%s", err);
	cr_expect_str_empty(out);
	cr_expect_str_eq(old, "precious\n");
	cr_expect(!exists("new.xml"));
	cr_expect(!exists("old/junit.xml"));
	free(err);
	free(out);
	free(old);
}

Test(runner, duplicate_vector_names_exit_2)
{
	cr_assert_eq(sh("\"$R\" \"$D/pass\" \"$D/dup\""), 2);
	char *err = slurp("err");
	cr_expect(strstr(err, "duplicate vector name 'runner_copy_a' in " DATA "/dup/copy_a_again.yaml and " DATA "/pass/copy_a.yaml"), "%s", err);
	free(err);
	cr_expect(!exists("pl08x-reports"));
	/* One file reached twice is one vector, not a duplicate. */
	cr_assert_eq(sh("\"$R\" --list \"$D/pass\" \"$D/pass/copy_a.yaml\""), 0);
	char *out = slurp("out");
	cr_expect_eq(count(out, "runner_copy_a"), 1, "%s", out);
	free(out);
}

/* ---- discovery, selection, listing ----------------------------------------------------------- */

Test(runner, folders_files_and_globs_give_one_sorted_unit_list)
{
	cr_assert_eq(sh("\"$R\" --list \"$D/fail\" \"$D/pass\""), 0);
	char *a = slurp("out");
	cr_assert_eq(sh("\"$R\" --list \"$D/pass/sub/copy_c.yml\" \"$D/pass/copy_?.yaml\" \"$D/fail/*.yaml\""), 0);
	char *b = slurp("out");
	cr_expect_str_eq(a, b);
	cr_expect_str_eq(a, "runner_copy_a\t3\t" DATA "/pass/copy_a.yaml\n"
			    "runner_copy_b\t7\t" DATA "/pass/copy_b.yaml\n"
			    "runner_copy_c\t11\t" DATA "/pass/sub/copy_c.yml\n"
			    "runner_fail_irq\t5\t" DATA "/fail/irq.yaml\n"
			    "runner_fail_mem\t5\t" DATA "/fail/mem.yaml\n");
	cr_expect(!exists("pl08x-reports"), "--list wrote a report");
	free(a);
	free(b);
}

Test(runner, folder_paths_are_normalised_and_link_loops_skipped)
{
	cr_assert_eq(sh("mkdir -p v/a && cp \"$D/pass/copy_a.yaml\" v/a/ && ln -s .. v/a/up && "
			"cp \"$D/pass/copy_b.yaml\" v/.hidden.yaml && touch v/a/notes.txt"), 0);
	cr_assert_eq(sh("\"$R\" --list ././v//"), 0);
	char *out = slurp("out");
	cr_expect_str_eq(out, "runner_copy_a\t3\tv/a/copy_a.yaml\n");
	free(out);
	/* The same file by two names is loaded once (the name sorted first). */
	cr_assert_eq(sh("\"$R\" --list v v/a/../a/copy_a.yaml"), 0);
	out = slurp("out");
	cr_expect_str_eq(out, "runner_copy_a\t3\tv/a/../a/copy_a.yaml\n");
	free(out);
}

Test(runner, tags_select_vectors)
{
	cr_assert_eq(sh("\"$R\" --list --tag smoke --tag deep \"$D/pass\" \"$D/fail\""), 0);
	char *out = slurp("out");
	cr_expect_str_eq(out, "runner_copy_a\t3\t" DATA "/pass/copy_a.yaml\n"
			      "runner_copy_c\t11\t" DATA "/pass/sub/copy_c.yml\n");
	free(out);
	cr_assert_eq(sh("\"$R\" --tag fails \"$D/pass\" \"$D/fail\""), 1);
	out = slurp("out");
	cr_expect(strstr(out, "2 units: 0 passed, 2 failed"), "%s", out);
	free(out);
}

Test(runner, seed_overrides_and_seeds_sweep)
{
	cr_assert_eq(sh("\"$R\" --list --seed 42 \"$D/pass\""), 0);
	char *out = slurp("out");
	cr_expect_eq(count(out, "\t42\t"), 3, "%s", out);
	free(out);
	cr_assert_eq(sh("\"$R\" --list --seeds 0x10..18 \"$D/pass/copy_a.yaml\""), 0);
	out = slurp("out");
	cr_expect_str_eq(out, "runner_copy_a#16\t16\t" DATA "/pass/copy_a.yaml\n"
			      "runner_copy_a#17\t17\t" DATA "/pass/copy_a.yaml\n"
			      "runner_copy_a#18\t18\t" DATA "/pass/copy_a.yaml\n");
	free(out);
	cr_assert_eq(sh("\"$R\" -q --seeds 1..2 \"$D/pass\""), 0);
	char *json = slurp("pl08x-reports/report.json");
	cr_expect(strstr(json, "\"total_units\": 6"), "%s", json);
	cr_expect(strstr(json, "\"seed_sweep\": true"), "%s", json);
	free(json);
	char *xml = slurp("pl08x-reports/junit.xml");
	cr_expect(strstr(xml, "name=\"runner_copy_b#2\""), "%s", xml);
	free(xml);
}

/* ---- sharding and merge ----------------------------------------------------------------------- */

Test(runner, shards_cover_every_unit_exactly_once)
{
	cr_assert_eq(sh("\"$R\" --list --seeds 1..4 \"$D/pass\" \"$D/fail\" > all"), 0);
	char *all = slurp("all");
	size_t lines = count(all, "\n");
	cr_assert_eq(lines, 20);
	size_t seen = 0;
	for (int i = 1; i <= 3; i++) {
		cr_assert_eq(sh("\"$R\" --list --shard %d/3 --seeds 1..4 \"$D/pass\" \"$D/fail\" > s%d", i, i), 0);
		char name[8];
		snprintf(name, sizeof(name), "s%d", i);
		char *s = slurp(name);
		/* Unit k of the whole list goes to shard (k mod 3) + 1. */
		size_t k = 0, mine = 0;
		for (char *l = all; *l; k++) {
			char *nl = strchr(l, '\n');
			char line[512];
			snprintf(line, sizeof(line), "%.*s", (int)(nl - l + 1), l);
			bool in = strstr(s, line) != NULL;
			cr_expect_eq(in, k % 3 + 1 == (size_t)i, "unit %zu '%s' in shard %d: %d", k, line, i, in);
			mine += in;
			l = nl + 1;
		}
		cr_expect_eq(count(s, "\n"), mine, "shard %d lists a unit twice or a foreign one", i);
		seen += mine;
		free(s);
	}
	cr_expect_eq(seen, lines);
	free(all);
}

Test(runner, merge_of_the_shards_equals_the_unsharded_run)
{
	cr_assert_eq(sh("\"$R\" -q -j 2 --seeds 1..3 --report-dir full \"$D/pass\" \"$D/fail\""), 1);
	for (int i = 1; i <= 3; i++)
		cr_assert_eq(sh("\"$R\" -q -j 1 --shard %d/3 --seeds 1..3 --report-dir shards \"$D/pass\" \"$D/fail\"", i), 1);
	cr_assert(exists("shards/report-1of3.json") && exists("shards/junit-3of3.xml"));
	cr_assert_eq(sh("\"$R\" merge --report-dir merged shards/report-3of3.json shards/report-1of3.json shards/report-2of3.json"), 1);
	char *out = slurp("out");
	cr_expect(strstr(out, "15 units: 9 passed, 6 failed (merged from 3 shards)"), "%s", out);
	cr_expect(strstr(out, "FAIL  runner_fail_mem#2"), "%s", out);
	free(out);
	assert_same_file("full/report.json", "merged/report.json");
	assert_same_file("full/junit.xml", "merged/junit.xml");
	char *m = slurp("merged/report.json");
	cr_expect(strstr(m, "\"shard\": {\"index\": 0, \"count\": 3}"), "%s", m);
	free(m);
	/* --json/--junit choose the merged files. */
	cr_assert_eq(sh("\"$R\" merge -q --json m.json --junit m.xml shards/report-*.json"), 1);
	assert_same_file("full/report.json", "m.json");
	assert_same_file("full/junit.xml", "m.xml");
	/* A passing regression merges to exit 0. */
	for (int i = 1; i <= 2; i++)
		cr_assert_eq(sh("\"$R\" -q --shard %d/2 --report-dir p \"$D/pass\"", i), 0);
	cr_assert_eq(sh("\"$R\" merge --report-dir pm p/report-1of2.json p/report-2of2.json"), 0);
}

Test(runner, an_empty_shard_passes_and_merges)
{
	/* 3 units in 5 shards: shards 4 and 5 get none, which is a pass, not an error. */
	for (int i = 1; i <= 5; i++)
		cr_assert_eq(sh("\"$R\" -q --shard %d/5 --report-dir s \"$D/pass\"", i), 0);
	char *j = slurp("s/report-5of5.json");
	cr_expect(strstr(j, "\"total_units\": 3,"), "%s", j);
	cr_expect(strstr(j, "\"summary\": {\"units\": 0, \"passed\": 0, \"failed\": 0,"), "%s", j);
	cr_expect(strstr(j, "\"units\": []\n}\n"), "%s", j);
	free(j);
	cr_assert_eq(sh("\"$R\" -q --report-dir full \"$D/pass\""), 0);
	cr_assert_eq(sh("\"$R\" merge -q --report-dir m s/report-*of5.json"), 0);
	assert_same_file("full/report.json", "m/report.json");
}

/* Shard reports for the merge failure tests: 5 units in 3 shards, 1: runner_copy_a and
 * runner_fail_irq, 2: runner_copy_b and runner_fail_mem, 3: runner_copy_c. */
static void make_shards(void)
{
	for (int i = 1; i <= 3; i++)
		cr_assert_eq(sh("\"$R\" -q --shard %d/3 --report-dir s \"$D/pass\" \"$D/fail\"", i),
			     i < 3 ? 1 : 0);
}

static void expect_merge_fails(const char *args, const char *why)
{
	cr_expect_eq(sh("\"$R\" merge --report-dir m %s", args), 2, "merge %s", args);
	char *err = slurp("err");
	cr_expect(strstr(err, why), "merge %s: stderr lacks '%s': %s", args, why, err);
	free(err);
	cr_expect(!exists("m"), "a failed merge wrote a report");
}

Test(runner, merge_detects_a_missing_or_repeated_shard)
{
	make_shards();
	expect_merge_fails("s/report-1of3.json s/report-3of3.json", "shard 2/3 missing");
	expect_merge_fails("s/report-1of3.json s/report-2of3.json s/report-2of3.json s/report-3of3.json",
			   "shard 2/3 given twice");
}

Test(runner, merge_detects_a_missing_unit)
{
	make_shards();
	/* Shard 1 holds units 0 and 3 (runner_copy_a, runner_fail_irq): drop the first. */
	cr_assert_eq(sh("grep -v '\"vector\": \"runner_copy_a\"' s/report-1of3.json > s/cut.json"), 0);
	expect_merge_fails("s/cut.json s/report-2of3.json s/report-3of3.json", "1 of the regression's 5 units missing");
}

Test(runner, merge_detects_a_unit_counted_twice)
{
	make_shards();
	/* runner_copy_b (shard 2) also appears in shard 1's report. */
	cr_assert_eq(sh("grep '\"vector\": \"runner_copy_b\"' s/report-2of3.json > line && "
			"sed '/\"units\": \\[/r line' s/report-1of3.json > s/twice.json"), 0);
	expect_merge_fails("s/twice.json s/report-2of3.json s/report-3of3.json",
			   "unit runner_copy_b#7 counted twice (s/twice.json and s/report-2of3.json)");
}

Test(runner, merge_refuses_shards_of_different_regressions)
{
	make_shards();
	cr_assert_eq(sh("\"$R\" -q --shard 2/3 --seed 9 --report-dir o \"$D/pass\" \"$D/fail\""), 1);
	expect_merge_fails("s/report-1of3.json o/report-2of3.json s/report-3of3.json",
			   "come from different regressions");
	cr_assert_eq(sh("echo '{\"tool\": \"other\"}' > other.json"), 0);
	expect_merge_fails("other.json", "not a pl08x-run report");
	cr_assert_eq(sh("echo '{' > broken.json"), 0);
	expect_merge_fails("broken.json", "not valid JSON");
}

/* ---- determinism ------------------------------------------------------------------------------ */

Test(runner, jobs_1_and_2_give_the_same_hashes_and_order)
{
	cr_assert_eq(sh("\"$R\" -j 1 --seeds 1..3 --report-dir j1 \"$D/pass\" \"$D/fail\" | grep ^FAIL | cut -d' ' -f1-7 > f1"), 0);
	cr_assert_eq(sh("\"$R\" -j 2 --seeds 1..3 --report-dir j2 \"$D/pass\" \"$D/fail\" | grep ^FAIL | cut -d' ' -f1-7 > f2"), 0);
	assert_same_file("j1/report.json", "j2/report.json");
	assert_same_file("f1", "f2");
	char *f = slurp("f1");
	cr_expect_eq(count(f, "\n"), 6, "%s", f);
	free(f);
	/* And hashes differ between seeds, so the comparison above compares something. */
	char *j = slurp("j1/report.json");
	cr_expect_eq(count(j, "\"hash\": \"0000000000000000\""), 0);
	free(j);
}

Test(runner, trace_writes_files_and_changes_no_hash)
{
	cr_assert_eq(sh("\"$R\" -q --report-dir plain \"$D/pass\""), 0);
	cr_assert_eq(sh("\"$R\" -q --trace tr/deep --report-dir traced \"$D/pass\""), 0);
	assert_same_file("plain/report.json", "traced/report.json");
	const char *files[] = { "tr/deep/runner_copy_a.vcd", "tr/deep/runner_copy_a.jsonl",
				"tr/deep/runner_copy_c.vcd", "tr/deep/runner_copy_c.jsonl" };
	for (size_t i = 0; i < 4; i++) {
		char *s = slurp(files[i]);
		cr_expect(s && s[0], "%s missing or empty", files[i]);
		free(s);
	}
	cr_assert_eq(sh("\"$R\" -q --seeds 2..3 --trace sw \"$D/pass/copy_b.yaml\""), 0);
	cr_expect(exists("sw/runner_copy_b.s2.vcd") && exists("sw/runner_copy_b.s3.jsonl"));
	cr_expect(!exists("sw/runner_copy_b.vcd"));
}

/* ---- output ----------------------------------------------------------------------------------- */

Test(runner, quiet_and_verbose)
{
	cr_assert_eq(sh("\"$R\" -q \"$D/pass\" \"$D/fail\""), 1);
	char *out = slurp("out");
	cr_expect(!strstr(out, "folder"), "-q printed the table: %s", out);
	cr_expect(strstr(out, "FAIL  runner_fail_mem"), "-q hid a failure: %s", out);
	cr_expect(strstr(out, "5 units: 3 passed, 2 failed"), "%s", out);
	free(out);
	cr_assert_eq(sh("\"$R\" -v \"$D/pass\""), 0);
	out = slurp("out");
	cr_expect(strstr(out, "PASS  runner_copy_a  seed 3  cycles "), "%s", out);
	cr_expect(strstr(out, "\nvector "), "-v gives one row per vector: %s", out);
	cr_expect(strstr(out, "\nrunner_copy_c "), "%s", out);
	free(out);
}

Test(runner, long_messages_show_20_lines_unless_verbose)
{
	/* long/: 25 failed reads, one line each. */
	cr_assert_eq(sh("\"$R\" \"$D/long\""), 1);
	char *out = slurp("out");
	cr_expect(strstr(out, "\n    stimulus[19] (line 27): read DMACEnbldChns at cycle 80 = 0x00000000, expected 0x00000001 (mask 0xffffffff)\n"
			      "    ... 5 more lines (-v shows all)\n"), "%s", out);
	cr_expect(!strstr(out, "stimulus[20]"), "%s", out);
	free(out);
	char *json = slurp("pl08x-reports/report.json");
	cr_expect(strstr(json, "stimulus[24] (line 32)"), "the report holds the whole message");
	free(json);
	cr_assert_eq(sh("\"$R\" -v \"$D/long\""), 1);
	out = slurp("out");
	cr_expect(strstr(out, "\n    stimulus[24] (line 32): read DMACEnbldChns at cycle 100 = 0x00000000, expected 0x00000001 (mask 0xffffffff)\n"), "%s", out);
	cr_expect(!strstr(out, "more lines"), "%s", out);
	free(out);
}

Test(runner, no_progress_line_when_stderr_is_not_a_terminal)
{
	cr_assert_eq(sh("\"$R\" \"$D/pass\""), 0);
	char *err = slurp("err");
	cr_expect_str_empty(err);
	free(err);
}

/* Runs the runner with stderr on a pseudo-terminal; returns what the terminal received. */
static char *run_on_pty(const char *args, int *status, double *seconds)
{
	int master, slave;
	cr_assert_eq(openpty(&master, &slave, NULL, NULL, NULL), 0);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid_t pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		close(master);
		dup2(slave, 2);
		if (chdir(tmp) != 0)
			_exit(127);
		char cmd[2048];
		snprintf(cmd, sizeof(cmd), "exec \"$R\" %s >out", args);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(slave);
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap);
	for (;;) {
		if (len + 4096 > cap)
			buf = realloc(buf, cap *= 2);
		ssize_t n = read(master, buf + len, 4096);
		if (n <= 0)
			break;	/* EIO once the child has gone */
		len += (size_t)n;
	}
	buf[len] = '\0';
	waitpid(pid, status, 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	*seconds = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) * 1e-9;
	close(master);
	return buf;
}

Test(runner, progress_line_on_a_terminal)
{
	int st;
	double secs;
	char *tty = run_on_pty("-j 1 \"$D/pass\" \"$D/fail\"", &st, &secs);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 1, "%s", tty);
	/* Drawn at the first result, erased before the table. */
	cr_expect(strstr(tty, "\r[1/5] 20.0%  pass 1  fail 0  eta "), "%s", tty);
	cr_expect(strstr(tty, "\r\033[K"), "%s", tty);
	free(tty);
	/* Many quick units: at most ~10 redraws a second. */
	tty = run_on_pty("-j 2 --seeds 1..100 \"$D/pass\"", &st, &secs);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	size_t draws = count(tty, "\r[");
	cr_expect(draws >= 1 && draws <= (size_t)(secs * 10) + 2, "%zu redraws in %.2fs", draws, secs);
	free(tty);
	/* -q: none. */
	tty = run_on_pty("-q \"$D/pass\"", &st, &secs);
	cr_expect(!strstr(tty, "\r["), "%s", tty);
	free(tty);
}

Test(runner, reports_are_replaced_whole)
{
	cr_assert_eq(sh("\"$R\" -q --json r/a.json --junit r/a.xml \"$D/pass\""), 0);
	cr_assert_eq(sh("\"$R\" -q --json r/a.json --junit r/a.xml \"$D/pass/copy_a.yaml\""), 0);
	char *j = slurp("r/a.json");
	cr_expect(strstr(j, "\"total_units\": 1"), "%s", j);
	cr_expect(j[strlen(j) - 2] == '}', "%s", j);
	free(j);
	/* No temporary file is left behind, and no default report was written. */
	cr_assert_eq(sh("ls r"), 0);
	char *ls = slurp("out");
	cr_expect_str_eq(ls, "a.json\na.xml\n");
	free(ls);
	cr_expect(!exists("pl08x-reports"));
	/* A report that cannot be written is exit 2. */
	cr_assert_eq(sh("touch file"), 0);
	cr_expect_eq(sh("\"$R\" -q --json file/a.json --report-dir r2 \"$D/pass\""), 2);
}
