/* `pl08x-run merge`: the JSON reports of the N shards of one regression become one report,
 * one JUnit file and one summary. Everything is read and checked before anything is written:
 * the reports must share count, total and digest (one regression), each shard 1..N must come
 * exactly once, each unit exactly once, in the shard its place gives it, and the units
 * together must digest to the regression's digest (nothing missing, nothing foreign). The
 * merged report equals the unsharded run's except for wall times and the shard (0 of N).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <libfyaml.h>

#include "run.h"

/* One shard report read back. */
typedef struct hx_shard {
	const char *file;
	unsigned long index, count;
	uint64_t total, digest;
	bool sweep;
	double wall;
	size_t first, n;	/* its units in the merged array */
} hx_shard;

typedef struct hx_mrec {
	hx_run_rec r;
	size_t shard;	/* index into the shard array */
} hx_mrec;

static int hx_merr(const char *file, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: %s: ", file, field);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return -1;
}

static struct fy_node *hx_get(struct fy_node *map, const char *key)
{
	return fy_node_is_mapping(map) ? fy_node_mapping_lookup_by_string(map, key, FY_NT) : NULL;
}

/* The text of @map's scalar @key when it has @style (plain: numbers and booleans; double
 * quoted: strings), else NULL. */
static const char *hx_scalar(struct fy_node *map, const char *key, enum fy_node_style style)
{
	struct fy_node *n = hx_get(map, key);
	return n && fy_node_is_scalar(n) && fy_node_get_style(n) == style ? fy_node_get_scalar0(n) :
									    NULL;
}

static int hx_get_u64(const char *file, const char *field, struct fy_node *map, const char *key,
		      uint64_t *v)
{
	const char *s = hx_scalar(map, key, FYNS_PLAIN);
	char *e;
	errno = 0;
	if (!s || !*s || *s == '-' || (*v = strtoull(s, &e, 10), errno || *e))
		return hx_merr(file, field, "%s: expected a whole number", key);
	return 0;
}

static int hx_get_hex(const char *file, const char *field, struct fy_node *map, const char *key,
		      uint64_t *v)
{
	const char *s = hx_scalar(map, key, FYNS_DOUBLE_QUOTED);
	char *e;
	errno = 0;
	if (!s || strlen(s) != 16 || (*v = strtoull(s, &e, 16), errno || *e))
		return hx_merr(file, field, "%s: expected 16 hex digits in a string", key);
	return 0;
}

static int hx_get_str(const char *file, const char *field, struct fy_node *map, const char *key,
		      char **v)
{
	const char *s = hx_scalar(map, key, FYNS_DOUBLE_QUOTED);
	if (!s)
		return hx_merr(file, field, "%s: expected a string", key);
	*v = strdup(s);
	return *v ? 0 : -1;
}

static int hx_get_bool(const char *file, const char *field, struct fy_node *map, const char *key,
		       bool *v)
{
	const char *s = hx_scalar(map, key, FYNS_PLAIN);
	if (s && strcmp(s, "true") == 0)
		*v = true;
	else if (s && strcmp(s, "false") == 0)
		*v = false;
	else
		return hx_merr(file, field, "%s: expected true or false", key);
	return 0;
}

static int hx_get_double(const char *file, const char *field, struct fy_node *map,
			 const char *key, double *v)
{
	const char *s = hx_scalar(map, key, FYNS_PLAIN);
	char *e;
	if (!s || !*s || (*v = strtod(s, &e), *e))
		return hx_merr(file, field, "%s: expected a number", key);
	return 0;
}

static int hx_read_unit(const char *file, size_t i, struct fy_node *u, hx_run_rec *r)
{
	char field[48];
	snprintf(field, sizeof(field), "units[%zu]", i);
	if (!fy_node_is_mapping(u))
		return hx_merr(file, field, "expected an object");
	int rc = 0;
	rc |= hx_get_str(file, field, u, "vector", &r->vector);
	rc |= hx_get_str(file, field, u, "path", &r->path);
	rc |= hx_get_u64(file, field, u, "seed", &r->seed);
	rc |= hx_get_bool(file, field, u, "passed", &r->passed);
	rc |= hx_get_str(file, field, u, "message", &r->message);
	rc |= hx_get_u64(file, field, u, "cycles", &r->cycles);
	rc |= hx_get_hex(file, field, u, "hash", &r->hash);
	rc |= hx_get_u64(file, field, u, "events", &r->events);
	rc |= hx_get_u64(file, field, u, "beats", &r->beats);
	rc |= hx_get_u64(file, field, u, "irqs", &r->irqs);
	rc |= hx_get_u64(file, field, u, "violations", &r->violations);
	rc |= hx_get_double(file, field, u, "wall_seconds", &r->wall_seconds);
	return rc ? -1 : 0;
}

/* Appends the report's units to @m (grown as needed). */
static int hx_read_report(const char *file, hx_shard *sh, hx_mrec **m, size_t *n, size_t *cap,
			  size_t shard_no)
{
	FILE *probe = fopen(file, "r");
	if (!probe)
		return hx_merr(file, "report", "cannot read: %s", strerror(errno));
	fclose(probe);
	struct fy_parse_cfg cfg = { .flags = FYPCF_QUIET | FYPCF_JSON_FORCE };
	struct fy_document *d = fy_document_build_from_file(&cfg, file);
	if (!d)
		return hx_merr(file, "report", "not valid JSON");
	struct fy_node *root = fy_document_root(d);
	struct fy_node *tool = hx_get(root, "tool");
	struct fy_node *shard = hx_get(root, "shard");
	struct fy_node *units = hx_get(root, "units");
	uint64_t idx = 0, cnt = 0;
	int rc = 0;
	if (!tool || !fy_node_is_scalar(tool) || strcmp(fy_node_get_scalar0(tool), "pl08x-run") != 0) {
		rc = hx_merr(file, "tool", "not a pl08x-run report");
	} else if (!fy_node_is_mapping(shard)) {
		rc = hx_merr(file, "shard", "expected {\"index\": I, \"count\": N}");
	} else {
		rc |= hx_get_u64(file, "shard", shard, "index", &idx);
		rc |= hx_get_u64(file, "shard", shard, "count", &cnt);
		rc |= hx_get_u64(file, "report", root, "total_units", &sh->total);
		rc |= hx_get_hex(file, "report", root, "digest", &sh->digest);
		rc |= hx_get_bool(file, "report", root, "seed_sweep", &sh->sweep);
		struct fy_node *sum = hx_get(root, "summary");
		rc |= hx_get_double(file, "summary", sum, "wall_seconds", &sh->wall);
		if (rc == 0 && (cnt < 1 || idx > cnt))
			rc = hx_merr(file, "shard", "index %" PRIu64 " of %" PRIu64 " is not a shard", idx, cnt);
		else if (rc == 0 && idx == 0)
			rc = hx_merr(file, "shard", "a merged report, not a shard's");
		if (rc == 0 && !fy_node_is_sequence(units))
			rc = hx_merr(file, "units", "expected a list");
	}
	sh->file = file;
	sh->index = (unsigned long)idx;
	sh->count = (unsigned long)cnt;
	sh->first = *n;
	void *it = NULL;
	struct fy_node *u;
	for (size_t i = 0; rc == 0 && (u = fy_node_sequence_iterate(units, &it)) != NULL; i++) {
		if (*n == *cap) {
			size_t c = *cap ? 2 * *cap : 256;
			hx_mrec *g = realloc(*m, c * sizeof(*g));
			if (!g) {
				rc = -1;
				break;
			}
			*m = g;
			*cap = c;
		}
		hx_mrec *mr = &(*m)[(*n)++];
		*mr = (hx_mrec){ .shard = shard_no };
		rc = hx_read_unit(file, i, u, &mr->r);
	}
	sh->n = *n - sh->first;
	fy_document_destroy(d);
	return rc;
}

/* Unit order: vector name, then seed. */
static int hx_mrec_key_cmp(const hx_mrec *a, const hx_mrec *b)
{
	int c = strcmp(a->r.vector, b->r.vector);
	if (c)
		return c;
	return (a->r.seed > b->r.seed) - (a->r.seed < b->r.seed);
}

/* Unit order, and one unit's copies in the order of the reports given (stable messages). */
static int hx_mrec_cmp(const void *a, const void *b)
{
	const hx_mrec *x = a, *y = b;
	int c = hx_mrec_key_cmp(x, y);
	return c ? c : (x->shard > y->shard) - (x->shard < y->shard);
}

/* The checks that make N reports one regression; each problem is reported. */
static int hx_merge_check(hx_shard *sh, size_t nsh, hx_mrec *m, size_t n)
{
	int rc = 0;
	const hx_shard *a = &sh[0];
	for (size_t i = 1; i < nsh; i++) {
		const hx_shard *b = &sh[i];
		if (b->count != a->count || b->total != a->total || b->digest != a->digest ||
		    b->sweep != a->sweep) {
			fprintf(stderr,
				"pl08x-run merge: %s and %s come from different regressions "
				"(shards of %lu and %lu, %" PRIu64 " and %" PRIu64
				" units, digests %016" PRIx64 " and %016" PRIx64 ")\n",
				a->file, b->file, a->count, b->count, a->total, b->total, a->digest,
				b->digest);
			return -1;
		}
	}
	unsigned long count = a->count;
	const hx_shard **seen = calloc(count, sizeof(*seen));
	if (!seen)
		return -1;
	for (size_t i = 0; i < nsh; i++) {
		const hx_shard **s = &seen[sh[i].index - 1];
		if (*s) {
			fprintf(stderr, "pl08x-run merge: shard %lu/%lu given twice (%s and %s)\n",
				sh[i].index, count, (*s)->file, sh[i].file);
			rc = -1;
		}
		*s = &sh[i];
	}
	for (unsigned long i = 0; i < count; i++) {
		if (!seen[i]) {
			fprintf(stderr, "pl08x-run merge: shard %lu/%lu missing\n", i + 1, count);
			rc = -1;
		}
	}
	free(seen);
	if (rc)
		return rc;

	qsort(m, n, sizeof(*m), hx_mrec_cmp);
	for (size_t k = 1; k < n; k++) {
		if (hx_mrec_key_cmp(&m[k - 1], &m[k]) == 0) {
			char label[512];
			hx_unit_label(label, sizeof(label), m[k].r.vector, m[k].r.seed, true);
			fprintf(stderr, "pl08x-run merge: unit %s counted twice (%s and %s)\n", label,
				sh[m[k - 1].shard].file, sh[m[k].shard].file);
			rc = -1;
		}
	}
	if (rc == 0 && n != a->total) {
		fprintf(stderr, "pl08x-run merge: %" PRIu64 " of the regression's %" PRIu64 " units %s\n",
			n < a->total ? a->total - n : n - a->total, a->total,
			n < a->total ? "missing" : "too many");
		rc = -1;
	}
	uint64_t digest = HX_RUN_DIGEST_INIT;
	for (size_t k = 0; rc == 0 && k < n; k++) {
		const hx_run_rec *r = &m[k].r;
		unsigned long want = (unsigned long)(k % count) + 1;
		if (sh[m[k].shard].index != want) {
			char label[512];
			hx_unit_label(label, sizeof(label), r->vector, r->seed, true);
			fprintf(stderr, "pl08x-run merge: unit %s is in shard %lu (%s) but its place gives shard %lu: units are missing or foreign\n",
				label, sh[m[k].shard].index, sh[m[k].shard].file, want);
			rc = -1;
		}
		digest = hx_run_digest_step(digest, r->vector, r->seed);
	}
	if (rc == 0 && digest != a->digest) {
		fprintf(stderr, "pl08x-run merge: the units are not the regression's (digest %016" PRIx64
			", expected %016" PRIx64 ")\n", digest, a->digest);
		rc = -1;
	}
	return rc;
}

/**
 * hx_merge_main - read, check, write, summarise
 * Return: the exit status (0 all passed, 1 a unit failed, 2 bad or inconsistent reports).
 */
int hx_merge_main(const hx_merge_opts *o)
{
	hx_shard *sh = calloc(o->nreports, sizeof(*sh));
	hx_mrec *m = NULL;
	size_t n = 0, cap = 0;
	int rc = sh ? 0 : -1;
	for (size_t i = 0; i < o->nreports && sh; i++)
		rc |= hx_read_report(o->reports[i], &sh[i], &m, &n, &cap, i);
	if (rc == 0)
		rc = hx_merge_check(sh, o->nreports, m, n);
	hx_run_rec *recs = rc == 0 ? calloc(n ? n : 1, sizeof(*recs)) : NULL;
	int status = HX_RUN_EXIT_USAGE;
	if (recs) {
		double wall = 0;
		size_t failed = 0;
		for (size_t i = 0; i < o->nreports; i++)
			wall = sh[i].wall > wall ? sh[i].wall : wall;
		for (size_t i = 0; i < n; i++) {
			recs[i] = m[i].r;
			failed += !recs[i].passed;
		}
		hx_run_set s = { .recs = recs, .n = n, .shard_index = 0,
				 .shard_count = sh[0].count, .total_units = sh[0].total,
				 .digest = sh[0].digest, .sweep = sh[0].sweep, .wall_seconds = wall };
		size_t dl = strlen(o->report_dir) + 16;
		char *json = o->json ? strdup(o->json) : malloc(dl);
		char *junit = o->junit ? strdup(o->junit) : malloc(dl);
		if (json && !o->json)
			snprintf(json, dl, "%s/report.json", o->report_dir);
		if (junit && !o->junit)
			snprintf(junit, dl, "%s/junit.xml", o->report_dir);
		if (json && junit && hx_report_json(json, &s) == 0 && hx_report_junit(junit, &s) == 0) {
			for (size_t i = 0; i < n; i++)
				if (!recs[i].passed)
					hx_rec_print(stdout, &recs[i], s.sweep, o->verbosity);
			hx_summary_print(stdout, &s, o->verbosity, json, junit);
			status = failed ? HX_RUN_EXIT_FAIL : HX_RUN_EXIT_PASS;
		}
		free(json);
		free(junit);
		free(recs);
	}
	for (size_t i = 0; i < n; i++)
		hx_rec_free(&m[i].r);
	free(m);
	free(sh);
	return status;
}
