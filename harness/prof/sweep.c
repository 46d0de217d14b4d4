/* Sweeps: value lists per dimension, their cross product in a fixed order, and the hidden
 * single-item reference points that the LLI overhead is measured against.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prof.h"

hx_prof_set *hx_prof_set_new(const char *source)
{
	hx_prof_set *set = calloc(1, sizeof(*set));

	if (!set)
		return NULL;
	set->source = strdup(source);
	if (!set->source) {
		free(set);
		return NULL;
	}
	return set;
}

void hx_prof_set_free(hx_prof_set *set)
{
	if (!set)
		return;
	for (unsigned s = 0; s < set->n_sweeps; s++) {
		for (unsigned a = 0; a < set->sweeps[s].n_axes; a++)
			free(set->sweeps[s].axes[a].vals);
		free(set->sweeps[s].description);
	}
	for (unsigned p = 0; p < set->n_plots; p++)
		free(set->plots[p].title);
	free(set->source);
	free(set);
}

bool hx_prof_sweep_add_axis(hx_prof_sweep *sw, uint32_t dims, const unsigned *vals, size_t n, char *err,
			    size_t err_len)
{
	hx_prof_axis *ax;

	if (sw->given & dims) {
		for (unsigned d = 0; d < HX_PD_COUNT; d++)
			if (sw->given & dims & (1u << d)) {
				snprintf(err, err_len, "%s is already given (by itself or by width/waits)",
					 hx_prof_dims[d].name);
				break;
			}
		return false;
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (vals[i] == vals[j]) {
				snprintf(err, err_len, "value %u is listed twice", vals[i]);
				return false;
			}
	ax = &sw->axes[sw->n_axes];
	ax->vals = malloc(n * sizeof(*vals));
	if (!ax->vals) {
		snprintf(err, err_len, "out of memory");
		return false;
	}
	memcpy(ax->vals, vals, n * sizeof(*vals));
	ax->n = n;
	ax->dims = dims;
	sw->n_axes++;
	sw->given |= dims;
	return true;
}

size_t hx_prof_sweep_size(const hx_prof_sweep *sw)
{
	size_t total = 1;

	for (unsigned a = 0; a < sw->n_axes; a++) {
		if (total > SIZE_MAX / sw->axes[a].n)
			return SIZE_MAX;
		total *= sw->axes[a].n;
	}
	return total;
}

void hx_prof_points_free(hx_prof_points *p)
{
	free(p->pts);
	free(p->ref);
	memset(p, 0, sizeof(*p));
}

/* Points are compared on their dimensions only (the sweep is not part of the configuration) */
static int hx_prof_cmp_dims(const hx_prof_point *a, const hx_prof_point *b)
{
	return memcmp(a->v, b->v, sizeof(a->v));
}

/* For qsort of indexes by dimensions; @base is passed through a file-local context struct */
typedef struct hx_prof_sort_ctx {
	const hx_prof_point *pts;
	size_t idx;
} hx_prof_sort_ctx;

static int hx_prof_cmp_sorted(const void *a, const void *b)
{
	const hx_prof_sort_ctx *x = a, *y = b;
	int c = hx_prof_cmp_dims(&x->pts[x->idx], &y->pts[y->idx]);

	return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static long hx_prof_lookup(const hx_prof_sort_ctx *sorted, size_t n, const hx_prof_point *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = hx_prof_cmp_dims(&sorted[mid].pts[sorted[mid].idx], key);

		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !hx_prof_cmp_dims(&sorted[lo].pts[sorted[lo].idx], key) ? (long)sorted[lo].idx : -1;
}

/* The reference of a chained point: the same transfer as one item; false when none can run */
static bool hx_prof_reference(const hx_prof_point *p, hx_prof_point *ref)
{
	char why[160];

	if (hx_prof_items(p) < 2)
		return false;
	*ref = *p;
	ref->v[HX_PD_LLI] = 0;
	ref->v[HX_PD_LWAITS] = 0;
	ref->v[HX_PD_LMASTER] = 1;
	ref->hidden = true;
	return hx_prof_point_valid(ref, why, sizeof(why));
}

/* Adds the references missing from the points (hidden, after the visible ones), and fills @ref */
static bool hx_prof_add_refs(hx_prof_points *out, char *err, size_t err_len)
{
	size_t n = out->n, cap = 2 * n;
	hx_prof_sort_ctx *sorted = malloc(n * sizeof(*sorted));
	hx_prof_point *pts = realloc(out->pts, cap * sizeof(*pts));
	long *ref = malloc(cap * sizeof(*ref));

	if (pts)
		out->pts = pts;
	if (!sorted || !pts || !ref) {
		free(sorted);
		free(ref);
		snprintf(err, err_len, "out of memory");
		return false;
	}
	for (size_t i = 0; i < n; i++)
		sorted[i] = (hx_prof_sort_ctx){ pts, i };
	qsort(sorted, n, sizeof(*sorted), hx_prof_cmp_sorted);
	for (size_t i = 0; i < n; i++) {
		hx_prof_point r;
		long at;

		ref[i] = -1;
		if (!hx_prof_reference(&pts[i], &r))
			continue;
		at = hx_prof_lookup(sorted, n, &r);
		/* a hidden reference added for an earlier point: search those linearly (few) */
		for (size_t j = n; at < 0 && j < out->n; j++)
			if (!hx_prof_cmp_dims(&pts[j], &r))
				at = (long)j;
		if (at < 0) {
			at = (long)out->n;
			pts[out->n] = r;
			ref[out->n++] = -1;
		}
		ref[i] = at;
	}
	free(sorted);
	out->ref = ref;
	return true;
}

bool hx_prof_expand(const hx_prof_set *set, hx_prof_points *out, char *err, size_t err_len)
{
	size_t total = 0;

	memset(out, 0, sizeof(*out));
	for (unsigned s = 0; s < set->n_sweeps; s++) {
		size_t k = hx_prof_sweep_size(&set->sweeps[s]);

		if (k > HX_PROF_MAX_POINTS || total + k > HX_PROF_MAX_POINTS) {
			snprintf(err, err_len, "sweep %s: more than %u points", set->sweeps[s].name, HX_PROF_MAX_POINTS);
			return false;
		}
		total += k;
	}
	out->pts = malloc((total ? total : 1) * sizeof(*out->pts));
	if (!out->pts) {
		snprintf(err, err_len, "out of memory");
		return false;
	}
	for (unsigned s = 0; s < set->n_sweeps; s++) {
		const hx_prof_sweep *sw = &set->sweeps[s];
		size_t k = hx_prof_sweep_size(sw);

		/* the first axis varies slowest: points come in the order the file lists the values */
		for (size_t i = 0; i < k; i++) {
			hx_prof_point p = { .sweep = s };
			size_t rest = i;
			char why[160];

			for (unsigned d = 0; d < HX_PD_COUNT; d++)
				p.v[d] = hx_prof_dims[d].def;
			for (unsigned a = sw->n_axes; a-- > 0;) {
				unsigned v = sw->axes[a].vals[rest % sw->axes[a].n];

				rest /= sw->axes[a].n;
				for (unsigned d = 0; d < HX_PD_COUNT; d++)
					if (sw->axes[a].dims & (1u << d))
						p.v[d] = v;
			}
			if (!hx_prof_point_valid(&p, why, sizeof(why))) {
				if (!out->skipped++)
					snprintf(out->skip_reason, sizeof(out->skip_reason), "sweep %s: %s", sw->name, why);
				continue;
			}
			out->pts[out->n++] = p;
		}
	}
	out->visible = out->n;
	if (!out->n) {
		snprintf(err, err_len, "no valid point (%s)", out->skipped ? out->skip_reason : "empty sweep");
		hx_prof_points_free(out);
		return false;
	}
	if (!hx_prof_add_refs(out, err, err_len)) {
		hx_prof_points_free(out);
		return false;
	}
	return true;
}

bool hx_prof_default_plots(hx_prof_set *set)
{
	for (unsigned s = 0; s < set->n_sweeps && set->n_plots < HX_PROF_MAX_PLOTS; s++) {
		const hx_prof_sweep *sw = &set->sweeps[s];
		hx_prof_plot *pl;
		bool has = false;
		int x = -1, series = -1;
		char title[160];

		for (unsigned p = 0; p < set->n_plots; p++)
			has |= set->plots[p].sweep == (int)s;
		if (has)
			continue;
		/* x: the burst when it varies, else the first varied axis; one curve per value of the next */
		for (unsigned a = 0; a < sw->n_axes; a++)
			if (sw->axes[a].n > 1 && (sw->axes[a].dims & (1u << HX_PD_BURST)))
				x = (int)a;
		for (unsigned a = 0; a < sw->n_axes; a++) {
			if (sw->axes[a].n < 2 || (int)a == x)
				continue;
			if (x < 0)
				x = (int)a;
			else if (series < 0)
				series = (int)a;
		}
		if (x < 0)
			continue;
		pl = &set->plots[set->n_plots];
		memset(pl, 0, sizeof(*pl));
		memcpy(pl->name, sw->name, sizeof(pl->name));
		for (unsigned d = 0; d < HX_PD_COUNT; d++)
			if (sw->axes[x].dims & (1u << d)) {
				pl->x = d;
				break;
			}
		snprintf(title, sizeof(title), "%s: bytes per cycle against %s", sw->name, hx_prof_dims[pl->x].name);
		pl->title = strdup(title);
		if (!pl->title)
			return false;
		pl->sweep = (int)s;
		pl->y = HX_PM_BPC;
		pl->series = series >= 0 ? sw->axes[series].dims : 0;
		pl->logx = -1;
		set->n_plots++;
	}
	return true;
}
