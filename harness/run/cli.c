/* pl08x-run command line: the options of a run and of `merge`, --help and --version. Parsing
 * only fills the option structs; nothing is opened or created here.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

/* Limits that keep a typo from asking for absurd work. */
#define HX_CLI_MAX_JOBS 1024
#define HX_CLI_MAX_SHARDS 1000000
#define HX_CLI_MAX_SEEDS 10000000ull

static const char hx_cli_help_text[] =
	"usage: pl08x-run [options] PATH...\n"
	"       pl08x-run merge [--junit FILE] [--json FILE] [--report-dir DIR] [-q|-v] REPORT.json...\n"
	"\n"
	"Runs transfer vectors (docs/vector-format.md). PATH is a vector file, a folder (searched\n"
	"recursively for *.yaml and *.yml) or a glob (expanded here when the shell did not). Every\n"
	"vector is loaded and validated before any runs; a malformed one is reported as\n"
	"FILE:LINE:COLUMN: FIELD: problem and nothing runs. A run unit is one (vector, seed) pair;\n"
	"units are ordered by vector name, then seed, whatever the order of the paths.\n"
	"\n"
	"options:\n"
	"  -j, --jobs N        run N units in parallel (default: the number of CPUs); the output\n"
	"                      and the reports are in unit order whatever the completion order\n"
	"      --shard I/N     run only shard I of N (1-based): unit k (0-based, of the whole\n"
	"                      regression) belongs to shard (k mod N) + 1\n"
	"      --seed S        run every vector with seed S instead of its system.seed\n"
	"      --seeds A..B    run every vector once per seed A, A+1, ..., B\n"
	"      --trace DIR     write DIR/<vector>[.s<seed>].vcd and .jsonl for every unit\n"
	"                      (.s<seed> with --seeds); traces never change a run's hash\n"
	"      --tag T         only vectors tagged T (repeatable: any of the tags)\n"
	"      --junit FILE    JUnit XML report (default: DIR/junit.xml)\n"
	"      --json FILE     JSON report (default: DIR/report.json)\n"
	"      --report-dir DIR  where default reports go (default: pl08x-reports); a shard I of N\n"
	"                      writes report-IofN.json and junit-IofN.xml there\n"
	"  -q, --quiet         no progress line and no table: failures and the totals line only\n"
	"  -v, --verbose       a line for every unit, and every failure's full message (without\n"
	"                      -v a failure shows its first 20 lines)\n"
	"      --list          print this shard's units (name, seed, path) and exit; runs nothing\n"
	"  -h, --help          this text\n"
	"      --version       the version\n"
	"\n"
	"On a terminal, stderr shows a progress line ([done/total] percent, pass, fail, eta).\n"
	"Reports are written whole or not at all (temporary file, then rename), and only after\n"
	"every unit ran; a run that exits 2 before running writes and touches no report.\n"
	"\n"
	"merge: combines the JSON reports of the N shards of one regression into one summary,\n"
	"one JSON report (shard index 0 of N) and one JUnit XML report; it fails (exit 2) when a\n"
	"shard or a unit is missing, a unit is counted twice, or the reports come from different\n"
	"regressions (total or digest differ).\n"
	"\n"
	"exit status:\n"
	"  0  every unit passed (merge: every unit of every shard)\n"
	"  1  at least one unit failed\n"
	"  2  bad input or usage: unknown option, bad shard or seed spec, unreadable path, no\n"
	"     vectors found, malformed or duplicate vector, inconsistent shard reports, or a\n"
	"     report or trace folder that cannot be written\n";

void hx_cli_help(FILE *f)
{
	fputs(hx_cli_help_text, f);
}

static int hx_cli_usage(const char *fmt, const char *arg)
{
	fprintf(stderr, "pl08x-run: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (try --help)\n");
	return -1;
}

/* A whole decimal or 0x number; no sign, no trailing text. */
static int hx_cli_u64(const char *s, const char *end, uint64_t *v)
{
	char buf[32];
	size_t len = end ? (size_t)(end - s) : strlen(s);
	if (len == 0 || len >= sizeof(buf) || s[0] == '-' || s[0] == '+' || s[0] == ' ')
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *e;
	errno = 0;
	unsigned long long x = strtoull(buf, &e, 0);
	if (errno || *e)
		return -1;
	*v = x;
	return 0;
}

static int hx_cli_shard(const char *s, hx_run_opts *o)
{
	const char *slash = strchr(s, '/');
	uint64_t i, n;
	if (!slash || hx_cli_u64(s, slash, &i) || hx_cli_u64(slash + 1, NULL, &n) || n < 1 ||
	    n > HX_CLI_MAX_SHARDS || i < 1 || i > n)
		return hx_cli_usage("bad --shard '%s': want I/N with 1 <= I <= N", s);
	o->shard_index = i;
	o->shard_count = n;
	return 0;
}

static int hx_cli_seeds(const char *s, hx_run_opts *o)
{
	const char *dots = strstr(s, "..");
	uint64_t a, b;
	if (!dots || hx_cli_u64(s, dots, &a) || hx_cli_u64(dots + 2, NULL, &b) || a > b)
		return hx_cli_usage("bad --seeds '%s': want A..B with A <= B", s);
	if (b - a >= HX_CLI_MAX_SEEDS)
		return hx_cli_usage("--seeds '%s': more than 10000000 seeds", s);
	o->sweep = true;
	o->seed_lo = a;
	o->seed_hi = b;
	return 0;
}

enum {
	HX_OPT_SHARD = 256,
	HX_OPT_SEED,
	HX_OPT_SEEDS,
	HX_OPT_TRACE,
	HX_OPT_TAG,
	HX_OPT_JUNIT,
	HX_OPT_JSON,
	HX_OPT_REPORT_DIR,
	HX_OPT_LIST,
	HX_OPT_VERSION,
};

static const struct option hx_cli_long[] = {
	{ "jobs", required_argument, NULL, 'j' },
	{ "shard", required_argument, NULL, HX_OPT_SHARD },
	{ "seed", required_argument, NULL, HX_OPT_SEED },
	{ "seeds", required_argument, NULL, HX_OPT_SEEDS },
	{ "trace", required_argument, NULL, HX_OPT_TRACE },
	{ "tag", required_argument, NULL, HX_OPT_TAG },
	{ "junit", required_argument, NULL, HX_OPT_JUNIT },
	{ "json", required_argument, NULL, HX_OPT_JSON },
	{ "report-dir", required_argument, NULL, HX_OPT_REPORT_DIR },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "list", no_argument, NULL, HX_OPT_LIST },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, HX_OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

/* Reports getopt's complaint about argv[optind - 1] in our words. */
static int hx_cli_bad(int argc, char **argv, int c)
{
	const char *arg = optind - 1 < argc ? argv[optind - 1] : "?";
	if (c == ':')
		return hx_cli_usage("option '%s' needs an argument", arg);
	return hx_cli_usage("unknown option '%s'", arg);
}

/* The options a run and a merge share (reports, verbosity). Return: true when @c was one. */
static bool hx_cli_common(int c, const char **junit, const char **json, const char **report_dir,
			  int *verbosity)
{
	switch (c) {
	case HX_OPT_JUNIT:
		*junit = optarg;
		return true;
	case HX_OPT_JSON:
		*json = optarg;
		return true;
	case HX_OPT_REPORT_DIR:
		*report_dir = optarg;
		return true;
	case 'q':
		*verbosity = HX_RUN_QUIET;
		return true;
	case 'v':
		*verbosity = HX_RUN_VERBOSE;
		return true;
	default:
		return false;
	}
}

/*
 * Return: 0 to go on, 1 when --help or --version was answered (exit 0), -1 on a usage error
 * (already reported; exit 2).
 */
int hx_cli_parse_run(int argc, char **argv, hx_run_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->shard_index = o->shard_count = 1;
	o->report_dir = "pl08x-reports";
	optind = 1;
	opterr = 0;
	int c;
	uint64_t v;
	while ((c = getopt_long(argc, argv, ":j:qvh", hx_cli_long, NULL)) != -1) {
		if (hx_cli_common(c, &o->junit, &o->json, &o->report_dir, &o->verbosity))
			continue;
		switch (c) {
		case 'j':
			if (hx_cli_u64(optarg, NULL, &v) || v < 1 || v > HX_CLI_MAX_JOBS)
				return hx_cli_usage("bad -j '%s': want 1..1024", optarg);
			o->jobs = (unsigned)v;
			break;
		case HX_OPT_SHARD:
			if (hx_cli_shard(optarg, o))
				return -1;
			break;
		case HX_OPT_SEED:
			if (hx_cli_u64(optarg, NULL, &o->seed))
				return hx_cli_usage("bad --seed '%s': want a number", optarg);
			o->seed_set = true;
			break;
		case HX_OPT_SEEDS:
			if (hx_cli_seeds(optarg, o))
				return -1;
			break;
		case HX_OPT_TRACE:
			o->trace_dir = optarg;
			break;
		case HX_OPT_TAG: {
			const char **t = realloc(o->tags, (o->ntags + 1) * sizeof(*t));
			if (!t)
				return hx_cli_usage("%s", "out of memory");
			o->tags = t;
			o->tags[o->ntags++] = optarg;
			break;
		}
		case HX_OPT_LIST:
			o->list = true;
			break;
		case 'h':
			hx_cli_help(stdout);
			return 1;
		case HX_OPT_VERSION:
			printf("pl08x-run %s\n", PL08X_VERSION);
			return 1;
		default:
			return hx_cli_bad(argc, argv, c);
		}
	}
	if (o->seed_set && o->sweep)
		return hx_cli_usage("%s", "--seed and --seeds exclude each other");
	if (optind >= argc)
		return hx_cli_usage("%s", "no PATH given");
	o->paths = argv + optind;
	o->npaths = (size_t)(argc - optind);
	return 0;
}

void hx_cli_opts_free(hx_run_opts *o)
{
	free(o->tags);
	o->tags = NULL;
}

/* Same return convention as hx_cli_parse_run(); argv[0] is "merge". */
int hx_cli_parse_merge(int argc, char **argv, hx_merge_opts *o)
{
	static const struct option lopts[] = {
		{ "junit", required_argument, NULL, HX_OPT_JUNIT },
		{ "json", required_argument, NULL, HX_OPT_JSON },
		{ "report-dir", required_argument, NULL, HX_OPT_REPORT_DIR },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	memset(o, 0, sizeof(*o));
	o->report_dir = "pl08x-reports";
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, ":qvh", lopts, NULL)) != -1) {
		if (hx_cli_common(c, &o->junit, &o->json, &o->report_dir, &o->verbosity))
			continue;
		switch (c) {
		case 'h':
			hx_cli_help(stdout);
			return 1;
		default:
			return hx_cli_bad(argc, argv, c);
		}
	}
	if (optind >= argc)
		return hx_cli_usage("%s", "merge: no REPORT.json given");
	o->reports = argv + optind;
	o->nreports = (size_t)(argc - optind);
	return 0;
}
