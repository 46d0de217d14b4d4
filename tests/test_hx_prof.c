/* Tests of pl08x-prof (harness/prof/): its figures against cycles computed by hand from
 * docs/timing-model.md, the sweep expansion, the CSV columns, errors in sweep files and on the
 * command line, nothing half-written, and identical outputs with -j 1 and -j 2.
 *
 * Hand-computed references (timing-model.md; t = the enabling write, cycles = t to DMACINTTC):
 * - 16 words, burst 4, AHB1 to AHB1, 0 ws (section 18 rule): reads a..a+3, writes a+6..a+9,
 *   next reads a+11, a = 2: 4 * 11 + 2 = 46 cycles, 32 beats of one cycle each on AHB1.
 * - the same at 1 wait state: each INCR4 takes 8 cycles, 18 per 16 bytes: 4 * 18 + 3 = 75;
 *   AHB1 busy 2 cycles per beat = 64.
 * - 16 words, burst 4, AHB1 to AHB2: reads 2 + 10p, writes 8 + 10p, DMACINTTC 43; burst 1:
 *   reads 2 + 2k, writes 5 + 2k, DMACINTTC 37 (section 6).
 * - LLI chain of two 4-word items (section 9): item 0 writes end d = t+12, LLI words t+14..t+17,
 *   item 1 reads from t+20, DMACINTTC t+31: 31 cycles; lli_gap = 20 - 12 = 8. One 8-word item:
 *   2 * 11 + 2 = 24; LLI overhead = (31 - 24) / 1 = 7. Beats: 8 + 8 data + 4 LLI = 20.
 * - peripheral to memory, one word (section 11): read at r + 2 with the line's synchroniser
 *   bypassed, r + 4 through it.
 * - memory to peripheral, 4 words, burst 4: the source is read at t+2..t+5 (the peripheral's
 *   request is already up), the last read ends L = t+6, writes from L + 2 = t+8 (section 6).
 * - 1 KB copies (section 18 table): 706, 517, 643, 1155, 2242 cycles.
 */
#define _POSIX_C_SOURCE 200809L

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "prof.h"

TestSuite(hx_prof, .timeout = 60);

/* A point at the defaults, then "dim=value" pairs */
static hx_prof_point point(const char *spec)
{
	hx_prof_point p = { 0 };
	char buf[256], *save = NULL;

	for (unsigned d = 0; d < HX_PD_COUNT; d++)
		p.v[d] = hx_prof_dims[d].def;
	snprintf(buf, sizeof(buf), "%s", spec);
	for (char *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '='), why[160];
		int d;

		cr_assert_not_null(eq, "bad spec %s", tok);
		*eq = '\0';
		d = hx_prof_dim_find(tok);
		cr_assert_geq(d, 0, "no dimension %s", tok);
		cr_assert(hx_prof_parse_value((unsigned)d, eq + 1, &p.v[d], why, sizeof(why)), "%s", why);
	}
	return p;
}

static hx_prof_result run(const char *spec)
{
	hx_prof_point p = point(spec);
	hx_prof_result r;
	char why[160];

	cr_assert(hx_prof_point_valid(&p, why, sizeof(why)), "%s: %s", spec, why);
	hx_prof_run_point(&p, &r);
	cr_assert(r.ok, "%s: %s", spec, r.status);
	return r;
}

Test(hx_prof, memcpy_16_words_burst_4_at_0_wait_states)
{
	hx_prof_result r = run("size=64 burst=4");

	cr_expect_eq(r.m[HX_PM_CYCLES], 46);
	cr_expect_eq(r.m[HX_PM_BYTES], 64);
	cr_expect_float_eq(r.m[HX_PM_BPC], 64.0 / 46, 1e-12);
	cr_expect_eq(r.m[HX_PM_BEATS1], 32);
	cr_expect_eq(r.m[HX_PM_BEATS2], 0);
	cr_expect_float_eq(r.m[HX_PM_UTIL1], 32.0 / 46, 1e-12);
	cr_expect_eq(r.m[HX_PM_UTIL2], 0);
	cr_expect_eq(r.m[HX_PM_LATENCY], 2);
	cr_expect_eq(r.m[HX_PM_LATENCY_MAX], 2);
	cr_expect_eq(r.m[HX_PM_ITEMS], 1);
	cr_expect_eq(r.m[HX_PM_BOUND], 32);
	cr_expect_float_eq(r.m[HX_PM_RATIO], 32.0 / 46, 1e-12);
	cr_expect_not(r.has[HX_PM_LLI_GAP]);
	cr_expect_not(r.has[HX_PM_LLI_OVERHEAD]);
	cr_expect_str_eq(r.status, "ok");
}

Test(hx_prof, memcpy_16_words_burst_4_at_1_wait_state)
{
	hx_prof_result r = run("size=64 burst=4 swaits=1 dwaits=1");

	cr_expect_eq(r.m[HX_PM_CYCLES], 75);
	cr_expect_float_eq(r.m[HX_PM_UTIL1], 64.0 / 75, 1e-12);
	cr_expect_eq(r.m[HX_PM_LATENCY], 2);
}

Test(hx_prof, memcpy_16_words_across_the_masters)
{
	hx_prof_result b4 = run("size=64 burst=4 dmaster=2"), b1 = run("size=64 burst=1 dmaster=2");
	hx_prof_result back = run("size=64 burst=4 smaster=2 dmaster=1");

	cr_expect_eq(b4.m[HX_PM_CYCLES], 43);
	cr_expect_eq(b4.m[HX_PM_BEATS1], 16);
	cr_expect_eq(b4.m[HX_PM_BEATS2], 16);
	cr_expect_eq(b4.m[HX_PM_BOUND], 16);
	cr_expect_float_eq(b4.m[HX_PM_UTIL2], 16.0 / 43, 1e-12);
	cr_expect_eq(b1.m[HX_PM_CYCLES], 37);
	cr_expect_eq(back.m[HX_PM_CYCLES], 43);
}

Test(hx_prof, memcpy_1kb_matches_the_timing_model_table)
{
	cr_expect_eq(run("burst=4").m[HX_PM_CYCLES], 706);
	cr_expect_eq(run("burst=256").m[HX_PM_CYCLES], 706);
	cr_expect_eq(run("burst=1 dmaster=2").m[HX_PM_CYCLES], 517);
	cr_expect_eq(run("burst=4 dmaster=2").m[HX_PM_CYCLES], 643);
	cr_expect_eq(run("burst=4 swaits=1 dwaits=1").m[HX_PM_CYCLES], 1155);
	cr_expect_eq(run("burst=16 swidth=8 dwidth=8").m[HX_PM_CYCLES], 2242);
}

/* Builds a one-sweep set from "dim=v1,v2 ..." (the first key varies slowest) */
static hx_prof_set *sweep(const char *spec)
{
	hx_prof_set *set = hx_prof_set_new("test");
	char buf[256], *save = NULL, err[160];

	cr_assert_not_null(set);
	snprintf(set->sweeps[0].name, sizeof(set->sweeps[0].name), "t");
	set->n_sweeps = 1;
	snprintf(buf, sizeof(buf), "%s", spec);
	for (char *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '='), *s2 = NULL;
		unsigned vals[16];
		size_t n = 0;
		uint32_t dims;

		*eq = '\0';
		dims = hx_prof_key_dims(tok);
		cr_assert(dims, "no key %s", tok);
		for (char *v = strtok_r(eq + 1, ",", &s2); v; v = strtok_r(NULL, ",", &s2)) {
			unsigned d = 0;

			while (!(dims & (1u << d)))
				d++;
			cr_assert(hx_prof_parse_value(d, v, &vals[n++], err, sizeof(err)), "%s", err);
		}
		cr_assert(hx_prof_sweep_add_axis(&set->sweeps[0], dims, vals, n, err, sizeof(err)), "%s", err);
	}
	return set;
}

Test(hx_prof, lli_chain_of_two_items_overhead_and_gap)
{
	hx_prof_set *set = sweep("size=32 lli=16 burst=4");
	hx_prof_points pts;
	hx_prof_result *res;
	char err[160];

	cr_assert(hx_prof_expand(set, &pts, err, sizeof(err)), "%s", err);
	cr_assert_eq(pts.visible, 1);
	cr_assert_eq(pts.n, 2, "the single-item reference is added");
	cr_expect(pts.pts[1].hidden);
	cr_expect_eq(pts.pts[1].v[HX_PD_LLI], 0);
	cr_expect_eq(pts.ref[0], 1);
	res = calloc(pts.n, sizeof(*res));
	hx_prof_run_all(&pts, res, 1, false);
	cr_assert(res[0].ok && res[1].ok);
	cr_expect_eq(res[0].m[HX_PM_CYCLES], 31);
	cr_expect_eq(res[1].m[HX_PM_CYCLES], 24);
	cr_expect_eq(res[0].m[HX_PM_ITEMS], 2);
	cr_expect_eq(res[0].m[HX_PM_LLI_GAP], 8);
	cr_expect_eq(res[0].m[HX_PM_LLI_OVERHEAD], 7);
	cr_expect_eq(res[0].m[HX_PM_BEATS1], 20);
	cr_expect_eq(res[0].m[HX_PM_BOUND], 20);
	free(res);
	hx_prof_points_free(&pts);
	hx_prof_set_free(set);
}

Test(hx_prof, lli_items_on_ahb2_cost_the_same_and_count_there)
{
	hx_prof_result r = run("size=32 lli=16 burst=4 lmaster=2");

	cr_expect_eq(r.m[HX_PM_CYCLES], 31);
	cr_expect_eq(r.m[HX_PM_BEATS1], 16);
	cr_expect_eq(r.m[HX_PM_BEATS2], 4);
	cr_expect_eq(r.m[HX_PM_LLI_GAP], 8);
}

Test(hx_prof, peripheral_latency_with_and_without_the_synchroniser)
{
	/* one word: the FIFO's first element arrives at t + 1 and raises SREQ-less BREQ (burst 1) */
	hx_prof_result bypass = run("case=p2m burst=1 size=4 dmaster=1");
	hx_prof_result sync = run("case=p2m burst=1 size=4 sync=1");

	cr_expect_eq(bypass.m[HX_PM_LATENCY], 2);
	cr_expect_eq(sync.m[HX_PM_LATENCY], 4);
	cr_expect_eq(sync.m[HX_PM_CYCLES], bypass.m[HX_PM_CYCLES] + 2);
}

Test(hx_prof, memory_to_peripheral_writes_after_the_prefetch)
{
	hx_prof_result r = run("case=m2p burst=4 size=16");

	cr_expect_eq(r.m[HX_PM_LATENCY], 8);
	cr_expect_eq(r.m[HX_PM_BEATS1], 8);
}

Test(hx_prof, channels_add_up_bytes_and_share_the_masters)
{
	hx_prof_result one = run("size=64 burst=4"), two = run("size=64 burst=4 channels=2");

	cr_expect_eq(two.m[HX_PM_BYTES], 128);
	cr_expect_eq(two.m[HX_PM_BEATS1], 64);
	cr_expect_eq(two.m[HX_PM_BOUND], 64);
	cr_expect_eq(two.m[HX_PM_LATENCY], 2, "channel 0 has the highest priority");
	cr_expect_gt(two.m[HX_PM_LATENCY_MAX], 2);
	cr_expect_gt(two.m[HX_PM_CYCLES], one.m[HX_PM_CYCLES]);
}

Test(hx_prof, invalid_combinations_are_skipped_with_a_reason)
{
	hx_prof_point p = point("size=6 swidth=32");
	char why[160];

	cr_expect_not(hx_prof_point_valid(&p, why, sizeof(why)));
	cr_expect_str_eq(why, "size 6 is not a multiple of the widths (4 bytes)");
	p = point("size=16384 swidth=8 dwidth=8");
	cr_expect_not(hx_prof_point_valid(&p, why, sizeof(why)));
	p = point("size=16384 swidth=8 dwidth=8 lli=4096");
	cr_expect_not(hx_prof_point_valid(&p, why, sizeof(why)), "an item of 4096 bytes is over 4095");
	p = point("size=16384 swidth=8 dwidth=8 lli=4092");
	cr_expect(hx_prof_point_valid(&p, why, sizeof(why)), "%s", why);
	p = point("case=p2m burst=16 size=1000");
	cr_expect_not(hx_prof_point_valid(&p, why, sizeof(why)));
	cr_expect_str_eq(why, "p2m: an item of 250 transfers is not a multiple of the burst 16");

	hx_prof_set *set = sweep("size=6,8 width=32");
	hx_prof_points pts;

	cr_assert(hx_prof_expand(set, &pts, why, sizeof(why)));
	cr_expect_eq(pts.visible, 1);
	cr_expect_eq(pts.skipped, 1);
	cr_expect_str_eq(pts.skip_reason, "sweep t: size 6 is not a multiple of the widths (4 bytes)");
	hx_prof_points_free(&pts);
	hx_prof_set_free(set);
}

Test(hx_prof, expansion_order_first_key_slowest_and_aliases_set_every_dimension)
{
	hx_prof_set *set = sweep("burst=1,4 waits=0,2 width=8,32");
	hx_prof_points pts;
	char err[160];

	cr_assert(hx_prof_expand(set, &pts, err, sizeof(err)));
	cr_assert_eq(pts.visible, 8);
	cr_expect_eq(pts.pts[0].v[HX_PD_BURST], 1);
	cr_expect_eq(pts.pts[3].v[HX_PD_BURST], 1);
	cr_expect_eq(pts.pts[4].v[HX_PD_BURST], 4);
	cr_expect_eq(pts.pts[1].v[HX_PD_SWIDTH], 32);
	cr_expect_eq(pts.pts[1].v[HX_PD_DWIDTH], 32);
	cr_expect_eq(pts.pts[2].v[HX_PD_SWAITS], 2);
	cr_expect_eq(pts.pts[2].v[HX_PD_DWAITS], 2);
	cr_expect_eq(pts.pts[2].v[HX_PD_LWAITS], 2);
	cr_expect_eq(pts.pts[2].v[HX_PD_SIZE], 1024, "defaults fill the rest");
	cr_expect_not(hx_prof_sweep_add_axis(&set->sweeps[0], 1u << HX_PD_SWIDTH, (unsigned[]){ 8 }, 1, err, sizeof(err)));
	cr_expect_str_eq(err, "swidth is already given (by itself or by width/waits)");
	hx_prof_points_free(&pts);
	hx_prof_set_free(set);
}

Test(hx_prof, plot_selection_fixes_unplotted_dimensions_at_their_first_value)
{
	hx_prof_set *set = sweep("dmaster=1,2 burst=1,4 width=8,32");
	hx_prof_points pts;
	hx_prof_result *res;
	hx_prof_plot pl = { .sweep = 0, .x = HX_PD_BURST, .y = HX_PM_BPC, .series = 1u << HX_PD_SWIDTH };
	size_t *idx, n;
	unsigned *curve;
	uint32_t fixed;
	char err[160];

	cr_assert(hx_prof_expand(set, &pts, err, sizeof(err)));
	res = calloc(pts.n, sizeof(*res));
	for (size_t i = 0; i < pts.n; i++)
		res[i].ok = true;
	n = hx_prof_plot_select(&pl, &pts, res, &idx, &curve, &fixed);
	/* dmaster and dwidth vary; dwidth moves with swidth (never alone), dmaster is fixed at 1 */
	cr_expect_eq(fixed, (1u << HX_PD_DMASTER));
	cr_assert_eq(n, 4);
	cr_expect_eq(curve[0], 0);
	cr_expect_eq(curve[1], 0);
	cr_expect_eq(curve[2], 1);
	cr_expect_eq(pts.pts[idx[0]].v[HX_PD_SWIDTH], 8);
	cr_expect_eq(pts.pts[idx[0]].v[HX_PD_BURST], 1);
	cr_expect_eq(pts.pts[idx[1]].v[HX_PD_BURST], 4);
	cr_expect_eq(pts.pts[idx[2]].v[HX_PD_SWIDTH], 32);
	for (size_t k = 0; k < n; k++)
		cr_expect_eq(pts.pts[idx[k]].v[HX_PD_DMASTER], 1);
	free(idx);
	free(curve);
	free(res);
	hx_prof_points_free(&pts);
	hx_prof_set_free(set);
}

static int failing_writer(FILE *f, void *ctx)
{
	(void)ctx;
	fputs("half", f);
	return -1;
}

static int good_writer(FILE *f, void *ctx)
{
	fputs(ctx, f);
	return 0;
}

Test(hx_prof, files_are_written_whole_or_not_at_all)
{
	char dir[] = "/tmp/hx_prof_XXXXXX", path[256], err[256], buf[16] = { 0 };
	FILE *f;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/out.csv", dir);
	cr_expect_eq(hx_prof_write_file(path, failing_writer, NULL, err, sizeof(err)), -1);
	cr_expect_neq(access(path, F_OK), 0, "no file after a failed write");
	cr_expect_eq(hx_prof_write_file(path, good_writer, "whole", err, sizeof(err)), 0);
	f = fopen(path, "r");
	cr_assert_not_null(f);
	cr_expect_eq(fread(buf, 1, sizeof(buf) - 1, f), 5);
	fclose(f);
	cr_expect_str_eq(buf, "whole");
	cr_expect_eq(hx_prof_write_file(path, failing_writer, NULL, err, sizeof(err)), -1);
	f = fopen(path, "r");
	cr_assert_not_null(f);
	memset(buf, 0, sizeof(buf));
	cr_expect_eq(fread(buf, 1, sizeof(buf) - 1, f), 5);
	fclose(f);
	cr_expect_str_eq(buf, "whole", "a failed rewrite leaves the old file");
	unlink(path);
	cr_expect_eq(rmdir(dir), 0, "no temporary file left behind");
}

/* ---- the program ---- */

/* Runs pl08x-prof with @args (a shell fragment), stderr into @errbuf; returns its exit status */
static int prof(const char *args, char *errbuf, size_t len)
{
	char cmd[2048], errfile[] = "/tmp/hx_prof_err_XXXXXX";
	int fd = mkstemp(errfile), st;
	FILE *f;
	size_t n;

	cr_assert_geq(fd, 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "cd %s && %s %s >/dev/null 2>%s", PL08X_SOURCE_DIR, PL08X_PROF, args, errfile);
	st = system(cmd);
	f = fopen(errfile, "r");
	n = f ? fread(errbuf, 1, len - 1, f) : 0;
	errbuf[n] = '\0';
	if (f)
		fclose(f);
	unlink(errfile);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long len;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)len + 1);
	if (fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static void tmpdir(char *buf)
{
	strcpy(buf, "/tmp/hx_prof_out_XXXXXX");
	cr_assert_not_null(mkdtemp(buf));
}

static void rmtree(const char *dir)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_expect_eq(system(cmd), 0);
}

Test(hx_prof, csv_columns_and_a_row)
{
	char dir[64], args[256], err[1024], path[128];
	char *csv;

	tmpdir(dir);
	snprintf(args, sizeof(args), "--no-plots --no-progress -o %s --burst 4 --size 64", dir);
	cr_assert_eq(prof(args, err, sizeof(err)), 0, "%s", err);
	snprintf(path, sizeof(path), "%s/prof.csv", dir);
	csv = slurp(path);
	cr_assert_not_null(csv);
	cr_expect_str_eq(csv,
		"sweep,case,burst,swidth,dwidth,swaits,dwaits,lwaits,channels,smaster,dmaster,lmaster,size,lli,sync,"
		"prate,pdepth,status,cycles,bytes,bytes_per_cycle,util_ahb1,util_ahb2,beats_ahb1,beats_ahb2,latency,"
		"latency_max,lli_items,lli_gap,lli_overhead,ahb_bound,ahb_ratio\n"
		"cli,m2m,4,32,32,0,0,0,1,1,1,1,64,0,0,1,16,ok,46,64,1.3913,0.6957,0.0000,32,0,2,2,1,,,32,0.6957\n");
	free(csv);
	snprintf(path, sizeof(path), "%s/summary.md", dir);
	csv = slurp(path);
	cr_assert_not_null(csv);
	cr_expect_not_null(strstr(csv, "| m2m | (as fixed) | 46 | 1.391 | 0.696 |"), "%s", csv);
	free(csv);
	rmtree(dir);
}

/* A sweep file with @yaml must fail with exit 2, @msg on stderr, and write nothing */
static void bad_file(const char *yaml, const char *msg)
{
	char dir[64], file[96], args[256], err[1024];
	FILE *f;

	tmpdir(dir);
	snprintf(file, sizeof(file), "%s/bad.yaml", dir);
	f = fopen(file, "w");
	cr_assert_not_null(f);
	fputs(yaml, f);
	fclose(f);
	snprintf(args, sizeof(args), "--no-plots --no-progress -o %s/out %s", dir, file);
	cr_expect_eq(prof(args, err, sizeof(err)), 2, "%s", err);
	cr_expect_not_null(strstr(err, msg), "expected \"%s\" in \"%s\"", msg, err);
	snprintf(file, sizeof(file), "%s/out", dir);
	cr_expect_neq(access(file, F_OK), 0, "nothing written for a bad sweep");
	rmtree(dir);
}

Test(hx_prof, bad_sweep_files_name_file_line_column_and_field)
{
	bad_file("sweeps:\n  - name: a\n    burst: [1, 3]\n", "bad.yaml:3:16: sweeps[0].burst[1]: 3 is not a burst size");
	bad_file("sweeps:\n  - name: a\n    bursts: 4\n", "bad.yaml:3:5: sweeps[0].bursts: unknown key");
	bad_file("sweeps:\n  - burst: 4\n", "bad.yaml:2:5: sweeps[0]: name: missing (required)");
	bad_file("sweeps:\n  - name: a\n  - name: a\n", "bad.yaml:3:11: sweeps[1].name: 'a' is the name of an earlier sweep");
	bad_file("sweeps:\n  - name: a\n    width: 32\n    swidth: 8\n",
		 "bad.yaml:4:5: sweeps[0].swidth: swidth is already given");
	bad_file("sweeps:\n  - name: a\n    case: [m2m, p2p]\n", "bad.yaml:3:17: sweeps[0].case[1]: 'p2p' is not a case");
	bad_file("sweeps:\n  - name: a\n    channels: 9\n", "bad.yaml:3:15: sweeps[0].channels: 9 is out of range (1..8)");
	bad_file("sweeps:\n  - name: a\n    size: []\n", "sweeps[0].size: an empty list");
	bad_file("sweeps:\n  - name: a\nplots:\n  - name: p\n    x: bytes\n",
		 "bad.yaml:5:8: plots[0].x: 'bytes' is not a dimension");
	bad_file("sweeps:\n  - name: a\nplots:\n  - name: p\n    x: burst\n    sweep: b\n",
		 "bad.yaml:6:12: plots[0].sweep: 'b' is not the name of a sweep");
	bad_file("sweeps: [\n", "bad.yaml:");
	bad_file("oops: 1\n", "bad.yaml:1:1: oops: unknown key");
	bad_file("sweeps:\n  - name: a\n    size: 6\n", "no valid point (sweep a: size 6 is not a multiple of the widths");
}

Test(hx_prof, bad_command_lines)
{
	char err[1024];

	cr_expect_eq(prof("--burst 1,3", err, sizeof(err)), 2);
	cr_expect_not_null(strstr(err, "--burst 1,3: 3 is not a burst size"), "%s", err);
	cr_expect_eq(prof("--burst 4 --burst 8", err, sizeof(err)), 2);
	cr_expect_not_null(strstr(err, "burst is already given"), "%s", err);
	cr_expect_eq(prof("", err, sizeof(err)), 2);
	cr_expect_not_null(strstr(err, "nothing to sweep"), "%s", err);
	cr_expect_eq(prof("-j 0 --burst 4", err, sizeof(err)), 2);
	cr_expect_eq(prof("prof/default.yaml --burst 4", err, sizeof(err)), 2);
	cr_expect_not_null(strstr(err, "either a sweep file or --DIM options"), "%s", err);
	cr_expect_eq(prof("--help", err, sizeof(err)), 0);
	cr_expect_eq(prof("--burst 1,4 -o /nonexistent/dir --gnuplot /nonexistent/gnuplot", err, sizeof(err)), 2);
	cr_expect_not_null(strstr(err, "does not run"), "%s", err);
}

Test(hx_prof, same_outputs_with_one_and_two_threads, .timeout = 120)
{
	const char *names[] = { "prof.csv", "summary.md", "cli.svg" };
	char d1[64], d2[64], args[512], err[1024];
	const char *sweep_args = "--case m2m,m2p,p2m --burst 1,4,16 --width 8,32 --channels 1,3 --lli 0,64 --size 256 --dmaster 1,2";

	tmpdir(d1);
	tmpdir(d2);
	snprintf(args, sizeof(args), "--no-progress -j 1 -o %s %s", d1, sweep_args);
	cr_assert_eq(prof(args, err, sizeof(err)), 0, "%s", err);
	snprintf(args, sizeof(args), "--no-progress -j 2 -o %s %s", d2, sweep_args);
	cr_assert_eq(prof(args, err, sizeof(err)), 0, "%s", err);
	for (unsigned i = 0; i < 3; i++) {
		char p1[128], p2[128];
		char *a, *b;

		snprintf(p1, sizeof(p1), "%s/%s", d1, names[i]);
		snprintf(p2, sizeof(p2), "%s/%s", d2, names[i]);
		a = slurp(p1);
		b = slurp(p2);
		cr_assert_not_null(a, "%s", p1);
		cr_assert_not_null(b, "%s", p2);
		cr_expect_str_eq(a, b, "%s differs between -j 1 and -j 2", names[i]);
		if (i == 0) {
			size_t lines = 0, ok = 0;

			for (const char *c = a; (c = strchr(c, '\n')); c++)
				lines++;
			for (const char *c = a; (c = strstr(c, ",ok,")); c++)
				ok++;
			cr_expect_eq(lines, 1 + 3 * 3 * 2 * 2 * 2 * 2, "header and every point");
			cr_expect_eq(ok, lines - 1, "every point ran");
		}
		free(a);
		free(b);
	}
	rmtree(d1);
	rmtree(d2);
}
