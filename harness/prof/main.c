/* pl08x-prof: the command line. Reads a sweep (a file or --DIM options), checks all of it
 * before running anything, runs the points on -j threads, then writes prof.csv, summary.md
 * and the SVG plots into the output directory, each file whole or not at all.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "prof.h"

enum { HX_EXIT_OK, HX_EXIT_FAILED_POINTS, HX_EXIT_USAGE, HX_EXIT_OUTPUT };

/* Option codes: dimensions from 1000, aliases from 1100 */
enum { HX_OPT_NO_PLOTS = 256, HX_OPT_NO_PROGRESS, HX_OPT_PROGRESS, HX_OPT_LIST, HX_OPT_GNUPLOT, HX_OPT_DIM = 1000,
       HX_OPT_ALIAS = 1100 };

static void hx_usage(FILE *f)
{
	fputs("usage: pl08x-prof [OPTIONS] [SWEEP.yaml]\n"
	      "       pl08x-prof [OPTIONS] --DIM LIST [--DIM LIST ...]\n"
	      "\n"
	      "Sweeps DMA configurations of a PL080 on the co-verification harness and measures each\n"
	      "one: cycles, bytes per cycle, utilisation of each AHB master, latency to the first beat,\n"
	      "LLI overhead per item, and the ratio to the AHB bound (one beat per cycle per master).\n"
	      "Writes OUT/prof.csv, OUT/summary.md (the best configuration per case) and OUT/NAME.svg\n"
	      "(gnuplot). docs/profiling.md describes the sweep file, every column and every plot.\n"
	      "\n"
	      "The sweep: a YAML file (positional or -f), or one sweep named 'cli' from --DIM options,\n"
	      "each a comma-separated LIST of values (the cross product of all lists is run):\n", f);
	for (unsigned d = 0; d < HX_PD_COUNT; d++) {
		char def[32];

		fprintf(f, "  --%-9s %s (default %s)\n", hx_prof_dims[d].name, hx_prof_dims[d].help,
			hx_prof_format_value(d, hx_prof_dims[d].def, def, sizeof(def)));
	}
	for (const hx_prof_alias *a = hx_prof_aliases; a->name; a++)
		fprintf(f, "  --%-9s %s, one value for all\n", a->name, a->help);
	fputs("\n"
	      "Options:\n"
	      "  -f, --sweep FILE  the sweep file (same as the positional argument)\n"
	      "  -j, --jobs N      threads, 1..256 (default: the number of CPUs); the output does not\n"
	      "                    depend on N\n"
	      "  -o, --out DIR     output directory, created if missing (default build/prof)\n"
	      "      --no-plots    write no SVG (and do not need gnuplot)\n"
	      "      --gnuplot CMD the gnuplot command (default gnuplot)\n"
	      "      --progress    draw the progress bar even when stderr is not a terminal\n"
	      "      --no-progress no progress bar (default: drawn when stderr is a terminal)\n"
	      "      --list        print the points of the sweep (CSV of the dimensions) and exit\n"
	      "  -h, --help        this text\n"
	      "\n"
	      "Result columns (CSV, after the dimensions and 'status'):\n", f);
	for (unsigned m = 0; m < HX_PM_COUNT; m++)
		fprintf(f, "  %-15s %s\n", hx_prof_metrics[m].name, hx_prof_metrics[m].help);
	fputs("\n"
	      "Exit status: 0 all points ran; 1 some point failed (its status says why; outputs are\n"
	      "written); 2 bad command line or sweep file (FILE:LINE:COLUMN: FIELD: problem; nothing is\n"
	      "written); 3 an output could not be written.\n", f);
}

/* Splits @list at commas into values of the dimensions @dims; false with the reason in @err */
static bool hx_cli_values(uint32_t dims, const char *list, unsigned **vals, size_t *n, char *err, size_t err_len)
{
	char *copy = strdup(list), *save = NULL, *tok;
	unsigned dim = 0;

	while (!(dims & (1u << dim)))
		dim++;
	*n = 0;
	*vals = malloc((strlen(list) / 2 + 1) * sizeof(**vals));
	if (!copy || !*vals) {
		free(copy);
		snprintf(err, err_len, "out of memory");
		return false;
	}
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (!hx_prof_parse_value(dim, tok, &(*vals)[(*n)++], err, err_len)) {
			free(copy);
			return false;
		}
	free(copy);
	if (!*n) {
		snprintf(err, err_len, "an empty list");
		return false;
	}
	return true;
}

/* mkdir -p */
static int hx_mkdirs(const char *dir)
{
	char buf[4096];
	size_t len = strlen(dir);

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, dir, len + 1);
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, 0777) && errno != EEXIST)
				return -1;
			*p = '/';
		}
	return mkdir(buf, 0777) && errno != EEXIST ? -1 : 0;
}

/** hx_out_ctx - what the file writers need */
typedef struct hx_out_ctx {
	const hx_prof_set *set;
	const hx_prof_points *pts;
	const hx_prof_result *res;
	bool plots;
} hx_out_ctx;

static int hx_out_csv(FILE *f, void *arg)
{
	hx_out_ctx *c = arg;

	return hx_prof_write_csv(f, c->set, c->pts, c->res);
}

static int hx_out_summary(FILE *f, void *arg)
{
	hx_out_ctx *c = arg;

	return hx_prof_write_summary(f, c->set, c->pts, c->res, c->plots);
}

static double hx_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int hx_list(const hx_prof_set *set, const hx_prof_points *pts)
{
	char buf[32];

	fputs("sweep", stdout);
	for (unsigned d = 0; d < HX_PD_COUNT; d++)
		printf(",%s", hx_prof_dims[d].name);
	putchar('\n');
	for (size_t i = 0; i < pts->visible; i++) {
		fputs(set->sweeps[pts->pts[i].sweep].name, stdout);
		for (unsigned d = 0; d < HX_PD_COUNT; d++)
			printf(",%s", hx_prof_format_value(d, pts->pts[i].v[d], buf, sizeof(buf)));
		putchar('\n');
	}
	return HX_EXIT_OK;
}

int main(int argc, char **argv)
{
	struct option opts[HX_PD_COUNT + 16];
	unsigned n_opts = 0, jobs = 0;
	const char *file = NULL, *out = "build/prof", *gnuplot = "gnuplot";
	bool plots = true, list = false;
	int progress = -1, c, rc = HX_EXIT_USAGE;
	hx_prof_set *set = NULL, *cli = hx_prof_set_new("command line");
	hx_prof_points pts = { 0 };
	hx_prof_result *res = NULL;
	char err[512];
	double t0;

	if (!cli) {
		fputs("pl08x-prof: out of memory\n", stderr);
		return HX_EXIT_USAGE;
	}
	snprintf(cli->sweeps[0].name, sizeof(cli->sweeps[0].name), "cli");
	cli->n_sweeps = 1;
	for (unsigned d = 0; d < HX_PD_COUNT; d++)
		opts[n_opts++] = (struct option){ hx_prof_dims[d].name, required_argument, NULL, HX_OPT_DIM + (int)d };
	for (unsigned a = 0; hx_prof_aliases[a].name; a++)
		opts[n_opts++] = (struct option){ hx_prof_aliases[a].name, required_argument, NULL, HX_OPT_ALIAS + (int)a };
	opts[n_opts++] = (struct option){ "sweep", required_argument, NULL, 'f' };
	opts[n_opts++] = (struct option){ "jobs", required_argument, NULL, 'j' };
	opts[n_opts++] = (struct option){ "out", required_argument, NULL, 'o' };
	opts[n_opts++] = (struct option){ "no-plots", no_argument, NULL, HX_OPT_NO_PLOTS };
	opts[n_opts++] = (struct option){ "gnuplot", required_argument, NULL, HX_OPT_GNUPLOT };
	opts[n_opts++] = (struct option){ "progress", no_argument, NULL, HX_OPT_PROGRESS };
	opts[n_opts++] = (struct option){ "no-progress", no_argument, NULL, HX_OPT_NO_PROGRESS };
	opts[n_opts++] = (struct option){ "list", no_argument, NULL, HX_OPT_LIST };
	opts[n_opts++] = (struct option){ "help", no_argument, NULL, 'h' };
	opts[n_opts] = (struct option){ 0 };

	while ((c = getopt_long(argc, argv, "f:j:o:h", opts, NULL)) != -1) {
		if (c >= HX_OPT_DIM) {
			bool alias = c >= HX_OPT_ALIAS;
			unsigned k = (unsigned)(c - (alias ? HX_OPT_ALIAS : HX_OPT_DIM));
			uint32_t dims = alias ? hx_prof_aliases[k].dims : 1u << k;
			const char *name = alias ? hx_prof_aliases[k].name : hx_prof_dims[k].name;
			unsigned *vals = NULL;
			size_t n = 0;
			bool ok = hx_cli_values(dims, optarg, &vals, &n, err, sizeof(err)) &&
				  hx_prof_sweep_add_axis(&cli->sweeps[0], dims, vals, n, err, sizeof(err));

			free(vals);
			if (!ok) {
				fprintf(stderr, "pl08x-prof: --%s %s: %s\n", name, optarg, err);
				goto out;
			}
			continue;
		}
		switch (c) {
		case 'f':
			file = optarg;
			break;
		case 'j': {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);

			if (*end || v < 1 || v > 256) {
				fprintf(stderr, "pl08x-prof: -j %s: expected 1..256\n", optarg);
				goto out;
			}
			jobs = (unsigned)v;
			break;
		}
		case 'o':
			out = optarg;
			break;
		case HX_OPT_NO_PLOTS:
			plots = false;
			break;
		case HX_OPT_GNUPLOT:
			gnuplot = optarg;
			break;
		case HX_OPT_PROGRESS:
			progress = 1;
			break;
		case HX_OPT_NO_PROGRESS:
			progress = 0;
			break;
		case HX_OPT_LIST:
			list = true;
			break;
		case 'h':
			hx_usage(stdout);
			rc = HX_EXIT_OK;
			goto out;
		default:
			fputs("pl08x-prof: try --help\n", stderr);
			goto out;
		}
	}
	if (optind < argc && !file)
		file = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "pl08x-prof: unexpected argument '%s' (try --help)\n", argv[optind]);
		goto out;
	}
	if (file && cli->sweeps[0].n_axes) {
		fputs("pl08x-prof: give either a sweep file or --DIM options, not both\n", stderr);
		goto out;
	}
	if (!file && !cli->sweeps[0].n_axes) {
		fputs("pl08x-prof: nothing to sweep: give a sweep file (prof/default.yaml is the default sweep) "
		      "or --DIM options (try --help)\n", stderr);
		goto out;
	}
	if (file) {
		set = hx_prof_load(file, err, sizeof(err));
		if (!set) {
			fprintf(stderr, "pl08x-prof: %s\n", err);
			goto out;
		}
	} else {
		set = cli;
		cli = NULL;
	}
	if (!hx_prof_default_plots(set) || !hx_prof_expand(set, &pts, err, sizeof(err))) {
		fprintf(stderr, "pl08x-prof: %s: %s\n", set->source, err);
		goto out;
	}
	if (list) {
		rc = hx_list(set, &pts);
		goto out;
	}
	if (plots && set->n_plots) {
		char cmd[4200];

		snprintf(cmd, sizeof(cmd), "%s --version >/dev/null 2>&1", gnuplot);
		if (system(cmd) != 0) {
			fprintf(stderr, "pl08x-prof: '%s' does not run (scripts/setup.sh installs gnuplot-nox); "
				"or use --no-plots\n", gnuplot);
			goto out;
		}
	}
	if (hx_mkdirs(out)) {
		fprintf(stderr, "pl08x-prof: %s: cannot create the directory (%s)\n", out, strerror(errno));
		rc = HX_EXIT_OUTPUT;
		goto out;
	}
	if (!jobs) {
		long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

		jobs = ncpu > 0 && ncpu <= 256 ? (unsigned)ncpu : 1;
	}
	if (progress < 0)
		progress = isatty(STDERR_FILENO);
	res = calloc(pts.n, sizeof(*res));
	if (!res) {
		fputs("pl08x-prof: out of memory\n", stderr);
		goto out;
	}
	t0 = hx_now();
	hx_prof_run_all(&pts, res, jobs, progress);
	double secs = hx_now() - t0;
	uint64_t sim = 0;
	size_t failed = 0;

	for (size_t i = 0; i < pts.n; i++) {
		sim += res[i].sim_cycles;
		failed += i < pts.visible && !res[i].ok;
	}
	fprintf(stderr,
		"pl08x-prof: %zu points (+%zu references) in %.2f s with -j %u: %.1f points/s, %.2f M simulated cycles/s\n",
		pts.visible, pts.n - pts.visible, secs, jobs, (double)pts.n / secs, (double)sim / secs / 1e6);

	hx_out_ctx ctx = { set, &pts, res, plots };
	char path[4200];

	rc = HX_EXIT_OUTPUT;
	snprintf(path, sizeof(path), "%s/prof.csv", out);
	if (hx_prof_write_file(path, hx_out_csv, &ctx, err, sizeof(err))) {
		fprintf(stderr, "pl08x-prof: %s\n", err);
		goto out;
	}
	if (plots && hx_prof_plot_all(out, gnuplot, set, &pts, res, err, sizeof(err))) {
		fprintf(stderr, "pl08x-prof: %s\n", err);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/summary.md", out);
	if (hx_prof_write_file(path, hx_out_summary, &ctx, err, sizeof(err))) {
		fprintf(stderr, "pl08x-prof: %s\n", err);
		goto out;
	}
	fprintf(stderr, "pl08x-prof: wrote %s/prof.csv, %s/summary.md%s\n", out, out,
		plots && set->n_plots ? " and the SVG plots" : "");
	if (failed)
		fprintf(stderr, "pl08x-prof: %zu points failed (see their status)\n", failed);
	rc = failed ? HX_EXIT_FAILED_POINTS : HX_EXIT_OK;
out:
	free(res);
	hx_prof_points_free(&pts);
	hx_prof_set_free(set);
	hx_prof_set_free(cli);
	return rc;
}
