/* Sweep files (YAML, libfyaml): the format is in docs/profiling.md. Validation stops at the
 * first error, reported as "FILE:LINE:COLUMN: FIELD: problem", FIELD being the path of the key
 * (sweeps[1].burst[2]). Each load has its own document and diagnostic object.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfyaml.h>

#include "prof.h"

/** hx_pl - a load in progress: @path, @err/@err_len of the caller, @failed once an error is recorded */
typedef struct hx_pl {
	const char *path;
	char *err;
	size_t err_len;
	bool failed;
	hx_prof_set *set;
} hx_pl;

/* 1-based line and column of @n: a scalar's own token, a collection's first scalar */
static void hx_pl_mark(struct fy_node *n, int *line, int *col)
{
	void *it = NULL;

	*line = *col = 0;
	while (n && !fy_node_is_scalar(n)) {
		void *it2 = NULL;

		if (fy_node_is_mapping(n)) {
			struct fy_node_pair *p = fy_node_mapping_iterate(n, &it2);

			n = p ? fy_node_pair_key(p) : NULL;
		} else {
			n = fy_node_sequence_iterate(n, &it2);
		}
	}
	(void)it;
	if (!n)
		return;
	struct fy_token *t = fy_node_get_scalar_token(n);
	const struct fy_mark *m = t ? fy_token_start_mark(t) : NULL;

	if (m) {
		*line = m->line + 1;
		*col = m->column + 1;
	}
}

static bool hx_pl_err(hx_pl *pl, struct fy_node *n, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static bool hx_pl_err(hx_pl *pl, struct fy_node *n, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	int line, col;

	if (pl->failed)
		return false;
	pl->failed = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	hx_pl_mark(n, &line, &col);
	snprintf(pl->err, pl->err_len, "%s:%d:%d: %s: %s", pl->path, line, col, field, msg);
	return false;
}

/* A plain or quoted scalar's text; NULL for collections and nulls */
static const char *hx_pl_text(struct fy_node *n)
{
	if (!n || !fy_node_is_scalar(n))
		return NULL;
	const char *s = fy_node_get_scalar0(n);

	if (!s || (fy_node_get_style(n) == FYNS_PLAIN && (!s[0] || !strcmp(s, "~") || !strcmp(s, "null"))))
		return NULL;
	return s;
}

static bool hx_pl_name(hx_pl *pl, struct fy_node *n, const char *field, char *out)
{
	const char *s = hx_pl_text(n);

	if (!s)
		return hx_pl_err(pl, n, field, "expected a name");
	if (!s[0] || strlen(s) >= HX_PROF_NAME_MAX || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(s))
		return hx_pl_err(pl, n, field, "'%s' is not a name (a-z, 0-9, _ and -, at most %d characters)", s,
				 HX_PROF_NAME_MAX - 1);
	strcpy(out, s);
	return true;
}

static bool hx_pl_string(hx_pl *pl, struct fy_node *n, const char *field, char **out)
{
	const char *s = hx_pl_text(n);

	if (!s)
		return hx_pl_err(pl, n, field, "expected a string");
	free(*out);
	*out = strdup(s);
	return *out ? true : hx_pl_err(pl, n, field, "out of memory");
}

/* One value of the dimensions @dims (an alias's dimensions share their checks) */
static bool hx_pl_value(hx_pl *pl, struct fy_node *n, const char *field, uint32_t dims, unsigned *out)
{
	const char *s = hx_pl_text(n);
	char why[160];

	if (!s)
		return hx_pl_err(pl, n, field, "expected a value");
	for (unsigned d = 0; d < HX_PD_COUNT; d++)
		if (dims & (1u << d)) {
			if (!hx_prof_parse_value(d, s, out, why, sizeof(why)))
				return hx_pl_err(pl, n, field, "%s", why);
			return true;
		}
	return false;
}

/* A scalar or a non-empty list of values into @vals (at most @max) */
static bool hx_pl_values(hx_pl *pl, struct fy_node *n, const char *field, uint32_t dims, unsigned *vals,
			 size_t max, size_t *count)
{
	char f[96];

	if (fy_node_is_sequence(n)) {
		int len = fy_node_sequence_item_count(n);

		if (len < 1)
			return hx_pl_err(pl, n, field, "an empty list");
		if ((size_t)len > max)
			return hx_pl_err(pl, n, field, "more than %zu values", max);
		for (int i = 0; i < len; i++) {
			snprintf(f, sizeof(f), "%s[%d]", field, i);
			if (!hx_pl_value(pl, fy_node_sequence_get_by_index(n, i), f, dims, &vals[i]))
				return false;
		}
		*count = (size_t)len;
		return true;
	}
	*count = 1;
	return hx_pl_value(pl, n, field, dims, &vals[0]);
}

#define HX_PL_MAX_VALUES 4096

static bool hx_pl_sweep(hx_pl *pl, struct fy_node *n, const char *path, hx_prof_sweep *sw)
{
	struct fy_node_pair *p;
	void *it = NULL;
	bool named = false;
	char f[96];
	unsigned *vals;

	if (!fy_node_is_mapping(n))
		return hx_pl_err(pl, n, path, "expected a mapping (name: and dimensions)");
	vals = malloc(HX_PL_MAX_VALUES * sizeof(*vals));
	if (!vals)
		return hx_pl_err(pl, n, path, "out of memory");
	while ((p = fy_node_mapping_iterate(n, &it))) {
		const char *key = hx_pl_text(fy_node_pair_key(p));
		struct fy_node *v = fy_node_pair_value(p);
		uint32_t dims;
		size_t count;
		char why[160];

		snprintf(f, sizeof(f), "%s.%s", path, key ? key : "?");
		if (!key) {
			hx_pl_err(pl, fy_node_pair_key(p), path, "a key must be a name");
			break;
		}
		if (!strcmp(key, "name")) {
			if (!hx_pl_name(pl, v, f, sw->name))
				break;
			named = true;
			continue;
		}
		if (!strcmp(key, "description")) {
			if (!hx_pl_string(pl, v, f, &sw->description))
				break;
			continue;
		}
		dims = hx_prof_key_dims(key);
		if (!dims) {
			hx_pl_err(pl, fy_node_pair_key(p), f, "unknown key (see pl08x-prof --help for the dimensions)");
			break;
		}
		if (!v) {
			hx_pl_err(pl, fy_node_pair_key(p), f, "no value");
			break;
		}
		if (!hx_pl_values(pl, v, f, dims, vals, HX_PL_MAX_VALUES, &count))
			break;
		if (!hx_prof_sweep_add_axis(sw, dims, vals, count, why, sizeof(why))) {
			hx_pl_err(pl, fy_node_pair_key(p), f, "%s", why);
			break;
		}
	}
	free(vals);
	if (!pl->failed && !named)
		hx_pl_err(pl, n, path, "name: missing (required)");
	return !pl->failed;
}

static int hx_pl_sweep_index(const hx_prof_set *set, const char *name)
{
	for (unsigned s = 0; s < set->n_sweeps; s++)
		if (!strcmp(set->sweeps[s].name, name))
			return (int)s;
	return -1;
}

/* series: a key or a list of keys (dimensions or aliases) */
static bool hx_pl_dimlist(hx_pl *pl, struct fy_node *n, const char *field, uint32_t *out)
{
	int len = fy_node_is_sequence(n) ? fy_node_sequence_item_count(n) : 1;
	char f[96];

	*out = 0;
	for (int i = 0; i < len; i++) {
		struct fy_node *item = fy_node_is_sequence(n) ? fy_node_sequence_get_by_index(n, i) : n;
		const char *s = hx_pl_text(item);
		uint32_t d = s ? hx_prof_key_dims(s) : 0;

		snprintf(f, sizeof(f), fy_node_is_sequence(n) ? "%s[%d]" : "%s", field, i);
		if (!d)
			return hx_pl_err(pl, item, f, "'%s' is not a dimension", s ? s : "");
		*out |= d;
	}
	return true;
}

static bool hx_pl_plot(hx_pl *pl, struct fy_node *n, const char *path, hx_prof_plot *plot)
{
	static const char *const keys[] = { "name", "title", "sweep", "x", "y", "series", "where", "logx", NULL };
	struct fy_node *v[8] = { 0 };
	struct fy_node_pair *p;
	void *it = NULL;
	char f[96];
	const char *s;
	int k;

	if (!fy_node_is_mapping(n))
		return hx_pl_err(pl, n, path, "expected a mapping (name, x, ...)");
	while ((p = fy_node_mapping_iterate(n, &it))) {
		const char *key = hx_pl_text(fy_node_pair_key(p));

		for (k = 0; keys[k] && (!key || strcmp(keys[k], key)); k++)
			;
		snprintf(f, sizeof(f), "%s.%s", path, key ? key : "?");
		if (!keys[k])
			return hx_pl_err(pl, fy_node_pair_key(p), f,
					 "unknown key (name, title, sweep, x, y, series, where, logx)");
		if (!fy_node_pair_value(p))
			return hx_pl_err(pl, fy_node_pair_key(p), f, "no value");
		v[k] = fy_node_pair_value(p);
	}
	memset(plot, 0, sizeof(*plot));
	plot->sweep = -1;
	plot->logx = -1;
	plot->y = HX_PM_BPC;
	snprintf(f, sizeof(f), "%s.name", path);
	if (!v[0])
		return hx_pl_err(pl, n, f, "missing (required)");
	if (!hx_pl_name(pl, v[0], f, plot->name))
		return false;
	snprintf(f, sizeof(f), "%s.title", path);
	if (v[1] ? !hx_pl_string(pl, v[1], f, &plot->title) : !(plot->title = strdup(plot->name)))
		return pl->failed ? false : hx_pl_err(pl, n, f, "out of memory");
	snprintf(f, sizeof(f), "%s.sweep", path);
	if (v[2]) {
		s = hx_pl_text(v[2]);
		if (!s || (plot->sweep = hx_pl_sweep_index(pl->set, s)) < 0)
			return hx_pl_err(pl, v[2], f, "'%s' is not the name of a sweep of this file", s ? s : "");
	}
	snprintf(f, sizeof(f), "%s.x", path);
	if (!v[3])
		return hx_pl_err(pl, n, f, "missing (required)");
	s = hx_pl_text(v[3]);
	if (!s || (k = hx_prof_dim_find(s)) < 0)
		return hx_pl_err(pl, v[3], f, "'%s' is not a dimension (an alias is not allowed on x)", s ? s : "");
	plot->x = (unsigned)k;
	snprintf(f, sizeof(f), "%s.y", path);
	if (v[4]) {
		s = hx_pl_text(v[4]);
		if (!s || (k = hx_prof_metric_find(s)) < 0)
			return hx_pl_err(pl, v[4], f, "'%s' is not a result column", s ? s : "");
		plot->y = (unsigned)k;
	}
	snprintf(f, sizeof(f), "%s.series", path);
	if (v[5] && !hx_pl_dimlist(pl, v[5], f, &plot->series))
		return false;
	if (v[6]) {
		struct fy_node_pair *wp;
		void *wit = NULL;

		snprintf(f, sizeof(f), "%s.where", path);
		if (!fy_node_is_mapping(v[6]))
			return hx_pl_err(pl, v[6], f, "expected a mapping of dimension: value");
		while ((wp = fy_node_mapping_iterate(v[6], &wit))) {
			const char *key = hx_pl_text(fy_node_pair_key(wp));
			uint32_t dims = key ? hx_prof_key_dims(key) : 0;
			unsigned val;

			snprintf(f, sizeof(f), "%s.where.%s", path, key ? key : "?");
			if (!dims)
				return hx_pl_err(pl, fy_node_pair_key(wp), f, "not a dimension");
			if (!hx_pl_value(pl, fy_node_pair_value(wp), f, dims, &val))
				return false;
			plot->where |= dims;
			for (unsigned d = 0; d < HX_PD_COUNT; d++)
				if (dims & (1u << d))
					plot->where_val[d] = val;
		}
	}
	if (v[7]) {
		s = hx_pl_text(v[7]);
		snprintf(f, sizeof(f), "%s.logx", path);
		if (!s || (strcmp(s, "true") && strcmp(s, "false")))
			return hx_pl_err(pl, v[7], f, "expected true or false");
		plot->logx = !strcmp(s, "true");
	}
	snprintf(f, sizeof(f), "%s", path);
	if ((plot->series | plot->where) & (1u << plot->x))
		return hx_pl_err(pl, v[3], f, "x is also in series or where");
	if (plot->series & plot->where)
		return hx_pl_err(pl, v[5], f, "a dimension is both in series and in where");
	return true;
}

static bool hx_pl_top(hx_pl *pl, struct fy_node *root)
{
	struct fy_node *sweeps = NULL, *plots = NULL;
	struct fy_node_pair *p;
	void *it = NULL;
	char f[64];

	if (!fy_node_is_mapping(root))
		return hx_pl_err(pl, root, "top level", "expected a mapping with sweeps: (and plots:)");
	while ((p = fy_node_mapping_iterate(root, &it))) {
		const char *key = hx_pl_text(fy_node_pair_key(p));

		if (key && !strcmp(key, "sweeps"))
			sweeps = fy_node_pair_value(p);
		else if (key && !strcmp(key, "plots"))
			plots = fy_node_pair_value(p);
		else if (key && !strcmp(key, "description"))
			continue;
		else
			return hx_pl_err(pl, fy_node_pair_key(p), key ? key : "top level",
					 "unknown key (description, sweeps, plots)");
	}
	if (!sweeps || !fy_node_is_sequence(sweeps) || fy_node_sequence_item_count(sweeps) < 1)
		return hx_pl_err(pl, sweeps ? sweeps : root, "sweeps", "expected a non-empty list of sweeps");
	if (fy_node_sequence_item_count(sweeps) > HX_PROF_MAX_SWEEPS)
		return hx_pl_err(pl, sweeps, "sweeps", "more than %d sweeps", HX_PROF_MAX_SWEEPS);
	for (int i = 0; i < fy_node_sequence_item_count(sweeps); i++) {
		struct fy_node *n = fy_node_sequence_get_by_index(sweeps, i);
		hx_prof_sweep *sw = &pl->set->sweeps[pl->set->n_sweeps];

		snprintf(f, sizeof(f), "sweeps[%d]", i);
		pl->set->n_sweeps++;
		if (!hx_pl_sweep(pl, n, f, sw))
			return false;
		if (hx_pl_sweep_index(pl->set, sw->name) != i) {
			snprintf(f, sizeof(f), "sweeps[%d].name", i);
			return hx_pl_err(pl, fy_node_mapping_lookup_by_string(n, "name", FY_NT), f,
					 "'%s' is the name of an earlier sweep", sw->name);
		}
	}
	if (!plots)
		return true;
	if (!fy_node_is_sequence(plots))
		return hx_pl_err(pl, plots, "plots", "expected a list of plots");
	if (fy_node_sequence_item_count(plots) > HX_PROF_MAX_PLOTS)
		return hx_pl_err(pl, plots, "plots", "more than %d plots", HX_PROF_MAX_PLOTS);
	for (int i = 0; i < fy_node_sequence_item_count(plots); i++) {
		struct fy_node *n = fy_node_sequence_get_by_index(plots, i);
		hx_prof_plot *plot = &pl->set->plots[pl->set->n_plots];

		snprintf(f, sizeof(f), "plots[%d]", i);
		if (!hx_pl_plot(pl, n, f, plot)) {
			free(plot->title);
			plot->title = NULL;
			return false;
		}
		pl->set->n_plots++;
		for (unsigned j = 0; j + 1 < pl->set->n_plots; j++)
			if (!strcmp(pl->set->plots[j].name, plot->name)) {
				snprintf(f, sizeof(f), "plots[%d].name", i);
				return hx_pl_err(pl, fy_node_mapping_lookup_by_string(n, "name", FY_NT), f,
						 "'%s' is the name of an earlier plot", plot->name);
			}
	}
	return true;
}

hx_prof_set *hx_prof_load(const char *path, char *err, size_t err_len)
{
	hx_pl pl = { .path = path, .err = err, .err_len = err_len };
	struct fy_document *doc = NULL;
	struct fy_diag *diag = NULL;
	struct fy_diag_cfg dcfg;
	FILE *fp;
	bool ok = false;

	if (err_len)
		err[0] = '\0';
	fp = fopen(path, "r");
	if (!fp) {
		snprintf(err, err_len, "%s:0:0: file: cannot open (%s)", path, strerror(errno));
		return NULL;
	}
	pl.set = hx_prof_set_new(path);
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.colorize = false;
	diag = pl.set ? fy_diag_create(&dcfg) : NULL;
	if (!diag) {
		snprintf(err, err_len, "%s:0:0: file: out of memory", path);
		goto out;
	}
	fy_diag_set_collect_errors(diag, true);
	struct fy_parse_cfg pcfg = { .flags = FYPCF_QUIET | FYPCF_RESOLVE_DOCUMENT | FYPCF_DEFAULT_VERSION_1_2,
				     .diag = diag };
	doc = fy_document_build_from_fp(&pcfg, fp);
	if (!doc) {
		struct fy_diag_error *e;
		void *it = NULL;

		if ((e = fy_diag_errors_iterate(diag, &it)))
			snprintf(err, err_len, "%s:%d:%d: yaml: %s", path, e->line, e->column, e->msg);
		else
			snprintf(err, err_len, "%s:1:1: top level: empty document", path);
		goto out;
	}
	if (!fy_document_root(doc)) {
		snprintf(err, err_len, "%s:1:1: top level: empty document", path);
		goto out;
	}
	ok = hx_pl_top(&pl, fy_document_root(doc));
out:
	if (doc)
		fy_document_destroy(doc);
	if (diag)
		fy_diag_destroy(diag);
	fclose(fp);
	if (!ok) {
		hx_prof_set_free(pl.set);
		return NULL;
	}
	return pl.set;
}
