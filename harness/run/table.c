/* The summary table printed at the end of a run or a merge: one row per folder (or per
 * vector with -v), sorted, with runs, passes, failures, simulated cycles and the host time the
 * units took, then the totals.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

typedef struct hx_row {
	char *key;
	size_t runs, pass;
	uint64_t cycles;
	double wall;
} hx_row;

/* Host time readable from microseconds (one quick vector) to hours (a regression). */
static const char *hx_wall(char *buf, size_t len, double s)
{
	if (s < 1e-3)
		snprintf(buf, len, "%.0fus", s * 1e6);
	else if (s < 1)
		snprintf(buf, len, "%.1fms", s * 1e3);
	else
		snprintf(buf, len, "%.2fs", s);
	return buf;
}

static int hx_row_cmp(const void *a, const void *b)
{
	return strcmp(((const hx_row *)a)->key, ((const hx_row *)b)->key);
}

/**
 * hx_table_print - the table and the totals line
 * @per_vector: one row per vector instead of per folder
 */
void hx_table_print(FILE *f, const hx_run_set *s, bool per_vector)
{
	hx_row *rows = calloc(s->n ? s->n : 1, sizeof(*rows));
	size_t nrows = 0, width = strlen(per_vector ? "vector" : "folder");
	if (!rows)
		return;
	for (size_t i = 0; i < s->n; i++) {
		const hx_run_rec *r = &s->recs[i];
		char *key = per_vector ? strdup(r->vector) : hx_dirname(r->path);
		if (!key)
			continue;
		hx_row *row = NULL;
		/* Units of one vector are adjacent, so the last row is the usual hit. */
		for (size_t j = nrows; j-- > 0 && !row;)
			if (strcmp(rows[j].key, key) == 0)
				row = &rows[j];
		if (row) {
			free(key);
		} else {
			row = &rows[nrows++];
			row->key = key;
			if (strlen(key) > width)
				width = strlen(key);
		}
		row->runs++;
		row->pass += r->passed;
		row->cycles += r->cycles;
		row->wall += r->wall_seconds;
	}
	qsort(rows, nrows, sizeof(*rows), hx_row_cmp);
	int w = (int)(width > 60 ? 60 : width);
	fprintf(f, "%-*s %7s %7s %7s %14s %10s\n", w, per_vector ? "vector" : "folder", "runs",
		"pass", "fail", "cycles", "wall");
	hx_row tot = { .key = "total" };
	char wb[32];
	for (size_t j = 0; j < nrows; j++) {
		const hx_row *row = &rows[j];
		fprintf(f, "%-*s %7zu %7zu %7zu %14" PRIu64 " %10s\n", w, row->key, row->runs,
			row->pass, row->runs - row->pass, row->cycles, hx_wall(wb, sizeof(wb), row->wall));
		tot.runs += row->runs;
		tot.pass += row->pass;
		tot.cycles += row->cycles;
		tot.wall += row->wall;
		free(row->key);
	}
	fprintf(f, "%-*s %7zu %7zu %7zu %14" PRIu64 " %10s\n", w, tot.key, tot.runs, tot.pass,
		tot.runs - tot.pass, tot.cycles, hx_wall(wb, sizeof(wb), tot.wall));
	free(rows);
}

/**
 * hx_summary_print - the end of a run or merge: table (unless quiet), the failed units, the
 * totals line and where the reports are
 * @json, @junit: the reports written (NULL: none)
 */
void hx_summary_print(FILE *f, const hx_run_set *s, int verbosity, const char *json,
		      const char *junit)
{
	size_t passed = 0;
	for (size_t i = 0; i < s->n; i++)
		passed += s->recs[i].passed;
	if (verbosity > HX_RUN_QUIET) {
		fputc('\n', f);
		hx_table_print(f, s, verbosity >= HX_RUN_VERBOSE);
	}
	if (passed < s->n) {
		fprintf(f, "failed:");
		size_t shown = 0;
		for (size_t i = 0; i < s->n && shown < 20; i++) {
			if (s->recs[i].passed)
				continue;
			char label[512];
			hx_unit_label(label, sizeof(label), s->recs[i].vector, s->recs[i].seed, s->sweep);
			fprintf(f, " %s", label);
			shown++;
		}
		fprintf(f, "%s\n", s->n - passed > shown ? " ..." : "");
	}
	fprintf(f, "%zu unit%s: %zu passed, %zu failed", s->n, s->n == 1 ? "" : "s", passed,
		s->n - passed);
	if (s->shard_index > 0 && s->shard_count > 1)
		fprintf(f, " (shard %lu/%lu of %" PRIu64 " units)", s->shard_index, s->shard_count,
			s->total_units);
	else if (s->shard_index == 0)
		fprintf(f, " (merged from %lu shards)", s->shard_count);
	fprintf(f, " in %.2fs\n", s->wall_seconds);
	if (json || junit)
		fprintf(f, "reports: %s%s%s\n", json ? json : "", json && junit ? " " : "",
			junit ? junit : "");
}
