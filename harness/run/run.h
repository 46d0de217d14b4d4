/* pl08x-run internals: what the runner's files share. The runner sees the harness only through
 * harness/vector.h; everything here is private to harness/run/.
 *
 *   main.c      entry, `run` and `merge` flows, exit codes
 *   cli.c       options of both commands, --help, --version
 *   discover.c  paths -> vector files, loading and validation, units, sharding, digest
 *   exec.c      the worker threads and the in-order printing of results
 *   progress.c  the terminal progress line
 *   report.c    JSON and JUnit XML reports, atomic writes
 *   table.c     the summary table
 *   merge.c     reading shard reports back and checking that they form one regression
 */
#ifndef HX_RUN_H
#define HX_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "harness/vector.h"

#ifndef PL08X_VERSION
#define PL08X_VERSION "0.0.0"
#endif

/** hx_run_exit - the exit statuses of pl08x-run (documented in --help) */
enum hx_run_exit {
	HX_RUN_EXIT_PASS = 0,	/* every unit passed */
	HX_RUN_EXIT_FAIL = 1,	/* at least one unit failed */
	HX_RUN_EXIT_USAGE = 2,	/* bad option, bad or missing input, report not writable */
};

/** hx_run_verbosity - how much the runner prints per unit */
enum hx_run_verbosity {
	HX_RUN_QUIET = -1,	/* failures (first lines) and the totals line */
	HX_RUN_NORMAL = 0,	/* failures (first lines), progress on a tty, the table */
	HX_RUN_VERBOSE = 1,	/* every unit, failures in full */
};

/**
 * hx_run_opts - the options of `pl08x-run [options] PATH...`
 * @jobs: worker threads (0: number of CPUs)
 * @shard_index, @shard_count: this shard, 1-based (1/1: no sharding)
 * @seed_set, @seed: --seed
 * @sweep, @seed_lo, @seed_hi: --seeds A..B (inclusive)
 * @trace_dir: --trace, or NULL
 * @tags, @ntags: --tag filters (a vector is selected when it has any of them)
 * @junit, @json: report files (NULL: default under @report_dir)
 * @report_dir: --report-dir
 * @verbosity: enum hx_run_verbosity
 * @list: --list
 * @paths, @npaths: the operands
 */
typedef struct hx_run_opts {
	unsigned jobs;
	unsigned long shard_index, shard_count;
	bool seed_set;
	uint64_t seed;
	bool sweep;
	uint64_t seed_lo, seed_hi;
	const char *trace_dir;
	const char **tags;
	size_t ntags;
	const char *junit, *json, *report_dir;
	int verbosity;
	bool list;
	char **paths;
	size_t npaths;
} hx_run_opts;

/**
 * hx_merge_opts - the options of `pl08x-run merge [options] REPORT.json...`
 * @junit, @json, @report_dir, @verbosity: as for a run
 * @reports, @nreports: the shard reports
 */
typedef struct hx_merge_opts {
	const char *junit, *json, *report_dir;
	int verbosity;
	char **reports;
	size_t nreports;
} hx_merge_opts;

/**
 * hx_run_rec - the outcome of one unit as reports and tables see it (from a run or read back
 * from a report). The record owns its strings.
 */
typedef struct hx_run_rec {
	char *vector, *path, *message;
	uint64_t seed;
	bool passed;
	uint64_t cycles, hash, events, beats, irqs, violations;
	double wall_seconds;
} hx_run_rec;

/**
 * hx_run_set - a set of records in unit order plus what identifies their regression
 * @recs, @n: the records
 * @shard_index, @shard_count: 1/1 for a whole run, I/N for a shard, 0/N for a merge of N
 * @total_units: units of the whole (unsharded) regression
 * @digest: hx_run_digest() of the whole regression's unit list
 * @sweep: names carry "#seed" (a --seeds run)
 * @wall_seconds: host time of the whole run
 */
typedef struct hx_run_set {
	hx_run_rec *recs;
	size_t n;
	unsigned long shard_index, shard_count;
	uint64_t total_units, digest;
	bool sweep;
	double wall_seconds;
} hx_run_set;

/* cli.c */
int hx_cli_parse_run(int argc, char **argv, hx_run_opts *o);
int hx_cli_parse_merge(int argc, char **argv, hx_merge_opts *o);
void hx_cli_help(FILE *f);
void hx_cli_opts_free(hx_run_opts *o);

/* discover.c */
/** hx_unit - one (vector, seed) pair of this shard; @k is its place in the whole regression */
typedef struct hx_unit {
	const hx_vec *vec;
	uint64_t seed;
	uint64_t k;
} hx_unit;

/**
 * hx_plan - the loaded vectors and this shard's units
 * @vecs, @nvecs: every selected vector, sorted by name
 * @units, @nunits: this shard's units, in unit order
 * @total_units, @digest: of the whole regression
 */
typedef struct hx_plan {
	hx_vec **vecs;
	size_t nvecs;
	hx_unit *units;
	size_t nunits;
	uint64_t total_units, digest;
} hx_plan;

int hx_plan_build(const hx_run_opts *o, hx_plan *p);
void hx_plan_free(hx_plan *p);
uint64_t hx_run_digest_step(uint64_t h, const char *name, uint64_t seed);
#define HX_RUN_DIGEST_INIT 0xcbf29ce484222325ull

/* exec.c */
int hx_exec(const hx_run_opts *o, const hx_plan *p, hx_run_rec *recs);
void hx_rec_print(FILE *f, const hx_run_rec *r, bool sweep, int verbosity);
void hx_unit_label(char *buf, size_t len, const char *vector, uint64_t seed, bool sweep);

/* progress.c */
typedef struct hx_progress {
	bool on;
	size_t total, done, pass, fail;
	double t_start, t_last;
	bool drawn;
} hx_progress;

double hx_now(void);
void hx_progress_init(hx_progress *pr, FILE *f, size_t total);
void hx_progress_update(hx_progress *pr, FILE *f, int passed, bool force);
void hx_progress_clear(hx_progress *pr, FILE *f);
int hx_progress_format(char *buf, size_t len, size_t done, size_t total, size_t pass,
		       size_t fail, double eta);

/* report.c */
int hx_report_json(const char *path, const hx_run_set *s);
int hx_report_junit(const char *path, const hx_run_set *s);
int hx_mkdirs(const char *dir);
void hx_rec_free(hx_run_rec *r);
char *hx_dirname(const char *path);

/* table.c */
void hx_table_print(FILE *f, const hx_run_set *s, bool per_vector);
void hx_summary_print(FILE *f, const hx_run_set *s, int verbosity, const char *json,
		      const char *junit);

/* merge.c */
int hx_merge_main(const hx_merge_opts *o);

#endif
