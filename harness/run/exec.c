/* Parallel execution: N worker threads take units in order from a shared cursor and run them
 * with hx_vec_run(); each result lands in its unit's slot, and whoever completes a unit prints
 * every finished unit from the print cursor on, so the output is in unit order whatever the
 * completion order. One mutex guards the cursors, the slots' done flags, stdout and the
 * progress line; runs themselves go on outside it.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run.h"

/* Lines of a failure's message shown without -v. */
#define HX_EXEC_MSG_LINES 20

typedef struct hx_pool {
	pthread_mutex_t mu;	/* guards everything below and stdout/stderr */
	const hx_run_opts *o;
	const hx_plan *p;
	hx_run_rec *recs;
	bool *done;
	size_t next, printed;
	hx_progress pr;
} hx_pool;

/** hx_unit_label - "vector" or, in a --seeds sweep, "vector#seed" */
void hx_unit_label(char *buf, size_t len, const char *vector, uint64_t seed, bool sweep)
{
	if (sweep)
		snprintf(buf, len, "%s#%" PRIu64, vector, seed);
	else
		snprintf(buf, len, "%s", vector);
}

/**
 * hx_rec_print - one unit's line, and a failure's message indented below it
 * @verbosity: verbose prints passes too and whole messages; otherwise failures only, their
 *   first HX_EXEC_MSG_LINES lines
 */
void hx_rec_print(FILE *f, const hx_run_rec *r, bool sweep, int verbosity)
{
	if (r->passed && verbosity < HX_RUN_VERBOSE)
		return;
	char label[512];
	hx_unit_label(label, sizeof(label), r->vector, r->seed, sweep);
	fprintf(f, "%s  %s  seed %" PRIu64 "  cycles %" PRIu64 "  hash %016" PRIx64 "  %.3fs  (%s)\n",
		r->passed ? "PASS" : "FAIL", label, r->seed, r->cycles, r->hash, r->wall_seconds,
		r->path);
	if (r->passed)
		return;
	const char *m = r->message;
	unsigned lines = 0;
	while (*m) {
		const char *nl = strchr(m, '\n');
		size_t len = nl ? (size_t)(nl - m) : strlen(m);
		if (verbosity < HX_RUN_VERBOSE && lines == HX_EXEC_MSG_LINES) {
			unsigned more = 0;
			for (const char *q = m; *q; q++)
				more += *q == '\n';
			more += m[strlen(m) - 1] != '\n';
			fprintf(f, "    ... %u more line%s (-v shows all)\n", more, more == 1 ? "" : "s");
			break;
		}
		fprintf(f, "    %.*s\n", (int)len, m);
		lines++;
		m += len + (nl != NULL);
	}
}

static void hx_pool_flush(hx_pool *pl)
{
	bool printed = false;
	while (pl->printed < pl->p->nunits && pl->done[pl->printed]) {
		const hx_run_rec *r = &pl->recs[pl->printed++];
		if (r->passed && pl->o->verbosity < HX_RUN_VERBOSE)
			continue;
		if (!printed)
			hx_progress_clear(&pl->pr, stderr);
		hx_rec_print(stdout, r, pl->o->sweep, pl->o->verbosity);
		printed = true;
	}
	if (printed)
		fflush(stdout);
}

static void hx_pool_run(hx_pool *pl, size_t i, hx_vec_result *res)
{
	const hx_unit *u = &pl->p->units[i];
	const char *name = hx_vec_name(u->vec);
	char *stem = NULL;
	hx_vec_run_opts ro = { .seed = u->seed };
	if (pl->o->trace_dir) {
		size_t len = strlen(pl->o->trace_dir) + strlen(name) + 32;
		stem = malloc(len);
		if (stem) {
			if (pl->o->sweep)
				snprintf(stem, len, "%s/%s.s%" PRIu64, pl->o->trace_dir, name, u->seed);
			else
				snprintf(stem, len, "%s/%s", pl->o->trace_dir, name);
		}
		ro.hx_trace_stem = stem;
	}
	memset(res, 0, sizeof(*res));
	double t0 = hx_now();
	int rc = (pl->o->trace_dir && !stem) ? -1 : hx_vec_run(u->vec, &ro, res);
	if (rc != 0) {
		res->passed = false;
		if (!res->message[0])
			snprintf(res->message, sizeof(res->message), "could not run (out of memory?)");
	}
	if (res->wall_seconds <= 0)
		res->wall_seconds = hx_now() - t0;
	free(stem);

	hx_run_rec *r = &pl->recs[i];
	*r = (hx_run_rec){
		.vector = strdup(name),
		.path = strdup(hx_vec_path(u->vec)),
		.message = strdup(res->passed ? "" : res->message),
		.seed = u->seed,
		.passed = res->passed,
		.cycles = res->cycles,
		.hash = res->hash,
		.events = res->events,
		.beats = res->beats,
		.irqs = res->irqs,
		.violations = res->violations,
		.wall_seconds = res->wall_seconds,
	};
	if (!r->vector || !r->path || !r->message) {
		r->passed = false;	/* out of memory: never report a pass we cannot show */
	}
}

static void *hx_worker(void *arg)
{
	hx_pool *pl = arg;
	/* The result is big (its message buffer): one per thread, on the heap. */
	hx_vec_result *res = malloc(sizeof(*res));
	pthread_mutex_lock(&pl->mu);
	while (pl->next < pl->p->nunits) {
		size_t i = pl->next++;
		pthread_mutex_unlock(&pl->mu);
		if (res) {
			hx_pool_run(pl, i, res);
		} else {
			pl->recs[i] = (hx_run_rec){ .vector = strdup(hx_vec_name(pl->p->units[i].vec)),
						    .path = strdup(hx_vec_path(pl->p->units[i].vec)),
						    .message = strdup("out of memory"),
						    .seed = pl->p->units[i].seed };
		}
		pthread_mutex_lock(&pl->mu);
		pl->done[i] = true;
		hx_pool_flush(pl);
		hx_progress_update(&pl->pr, stderr, pl->recs[i].passed, false);
	}
	pthread_mutex_unlock(&pl->mu);
	free(res);
	return NULL;
}

/**
 * hx_exec - run this shard's units on o->jobs threads
 * @recs: p->nunits records, filled in unit order
 * Return: 0, or -1 when no thread could be started.
 */
int hx_exec(const hx_run_opts *o, const hx_plan *p, hx_run_rec *recs)
{
	hx_pool pl = { .o = o, .p = p, .recs = recs };
	pl.done = calloc(p->nunits ? p->nunits : 1, sizeof(*pl.done));
	if (!pl.done)
		return -1;
	pthread_mutex_init(&pl.mu, NULL);
	unsigned jobs = o->jobs;
	if (jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n > 0 ? (unsigned)n : 1;
	}
	if (jobs > p->nunits)
		jobs = p->nunits ? (unsigned)p->nunits : 1;
	hx_progress_init(&pl.pr, stderr, p->nunits);
	if (o->verbosity == HX_RUN_QUIET)
		pl.pr.on = false;
	pthread_t *t = calloc(jobs, sizeof(*t));
	unsigned started = 0;
	for (unsigned i = 0; t && i < jobs; i++) {
		if (pthread_create(&t[i], NULL, hx_worker, &pl) != 0)
			break;
		started++;
	}
	if (started == 0)
		hx_worker(&pl);	/* no thread at all: run here rather than give up */
	for (unsigned i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	hx_progress_clear(&pl.pr, stderr);	/* the table follows */
	free(t);
	pthread_mutex_destroy(&pl.mu);
	free(pl.done);
	return 0;
}
