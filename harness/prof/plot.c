/* SVG plots through gnuplot: per plot, the points it selects become one inline data block per
 * curve, and gnuplot (`set terminal svg`) writes the SVG under a temporary name that is
 * renamed into place when gnuplot succeeded.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prof.h"

/** hx_plot_sel - a selected point: its index, curve and x for sorting */
typedef struct hx_plot_sel {
	size_t idx;
	unsigned curve, x;
} hx_plot_sel;

static int hx_plot_cmp(const void *a, const void *b)
{
	const hx_plot_sel *x = a, *y = b;

	if (x->curve != y->curve)
		return x->curve < y->curve ? -1 : 1;
	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Same values of the dimensions in @mask? */
static bool hx_plot_same(const hx_prof_point *a, const hx_prof_point *b, uint32_t mask)
{
	for (unsigned d = 0; d < HX_PD_COUNT; d++)
		if ((mask & (1u << d)) && a->v[d] != b->v[d])
			return false;
	return true;
}

size_t hx_prof_plot_select(const hx_prof_plot *pl, const hx_prof_points *pts, const hx_prof_result *res,
			   size_t **idx_out, unsigned **curve_out, uint32_t *fixed)
{
	hx_plot_sel *sel = malloc((pts->visible ? pts->visible : 1) * sizeof(*sel));
	size_t n = 0, kept, *rep = NULL, nrep = 0;
	uint32_t free_dims = ~(pl->series | pl->where | (1u << pl->x)) & ((1u << HX_PD_COUNT) - 1);
	unsigned *renum = NULL;

	*idx_out = NULL;
	*curve_out = NULL;
	*fixed = 0;
	if (!sel)
		return 0;
	hx_prof_point where = { 0 };

	memcpy(where.v, pl->where_val, sizeof(where.v));
	for (size_t i = 0; i < pts->visible; i++) {
		const hx_prof_point *p = &pts->pts[i];

		if (res[i].ok && (pl->sweep < 0 || p->sweep == (unsigned)pl->sweep) && hx_plot_same(p, &where, pl->where))
			sel[n++] = (hx_plot_sel){ .idx = i };
	}
	rep = malloc((n ? n : 1) * sizeof(*rep));
	renum = malloc((n ? n : 1) * sizeof(*renum));
	*idx_out = malloc((n ? n : 1) * sizeof(**idx_out));
	*curve_out = malloc((n ? n : 1) * sizeof(**curve_out));
	if (!rep || !renum || !*idx_out || !*curve_out) {
		n = 0;
		goto out;
	}
	/* curves in order of first appearance */
	for (size_t k = 0; k < n; k++) {
		const hx_prof_point *p = &pts->pts[sel[k].idx];
		unsigned c;

		for (c = 0; c < nrep && !hx_plot_same(&pts->pts[rep[c]], p, pl->series); c++)
			;
		if (c == nrep)
			rep[nrep++] = sel[k].idx;
		sel[k].curve = c;
		sel[k].x = p->v[pl->x];
	}
	qsort(sel, n, sizeof(*sel), hx_plot_cmp);
	/*
	 * A dimension that still varies between points of one curve at one x (neither x, a series
	 * nor fixed by where): keep only its first value, so that each curve is one line.
	 */
	for (unsigned d = 0; d < HX_PD_COUNT && n; d++) {
		unsigned first = pts->pts[sel[0].idx].v[d];
		bool varies = false;

		if (!(free_dims & (1u << d)))
			continue;
		for (size_t k = 1; k < n && !varies; k++)
			varies = sel[k].curve == sel[k - 1].curve && sel[k].x == sel[k - 1].x &&
				 pts->pts[sel[k].idx].v[d] != pts->pts[sel[k - 1].idx].v[d];
		if (!varies)
			continue;
		*fixed |= 1u << d;
		kept = 0;
		for (size_t k = 0; k < n; k++)
			if (pts->pts[sel[k].idx].v[d] == first)
				sel[kept++] = sel[k];
		n = kept;
	}
	/* the same x twice in a curve (the same point in two sweeps): keep the first; curves renumbered */
	for (size_t c = 0; c < nrep; c++)
		renum[c] = UINT32_MAX;
	nrep = 0;
	kept = 0;
	for (size_t k = 0; k < n; k++) {
		if (k && sel[k].curve == sel[k - 1].curve && sel[k].x == sel[k - 1].x)
			continue;
		if (renum[sel[k].curve] == UINT32_MAX)
			renum[sel[k].curve] = (unsigned)nrep++;
		(*idx_out)[kept] = sel[k].idx;
		(*curve_out)[kept++] = renum[sel[k].curve];
	}
	n = kept;
out:
	free(rep);
	free(renum);
	free(sel);
	if (!n) {
		free(*idx_out);
		free(*curve_out);
		*idx_out = NULL;
		*curve_out = NULL;
	}
	return n;
}

/* A gnuplot double-quoted string */
static void hx_plot_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

/* "swidth 32, dmaster 2" of the dimensions in @mask, for titles and curve names */
static void hx_plot_dims(char *buf, size_t len, const hx_prof_point *p, uint32_t mask, const unsigned *vals)
{
	size_t at = 0;
	char v[32];

	buf[0] = '\0';
	for (unsigned d = 0; d < HX_PD_COUNT && at < len; d++)
		if (mask & (1u << d))
			at += (size_t)snprintf(buf + at, len - at, "%s%s %s", at ? ", " : "", hx_prof_dims[d].name,
					       hx_prof_format_value(d, vals ? vals[d] : p->v[d], v, sizeof(v)));
}

static bool hx_plot_logx(const hx_prof_plot *pl)
{
	if (pl->logx >= 0)
		return pl->logx;
	return pl->x == HX_PD_BURST || pl->x == HX_PD_SIZE || pl->x == HX_PD_LLI || pl->x == HX_PD_PRATE ||
	       pl->x == HX_PD_PDEPTH;
}

/* The gnuplot script of one plot, data inline */
static void hx_plot_script(FILE *g, const char *out, const hx_prof_plot *pl, const hx_prof_points *pts,
			   const hx_prof_result *res, const size_t *idx, const unsigned *curve, size_t n, uint32_t fixed)
{
	char title[512], dims[256];
	unsigned curves = n ? curve[n - 1] + 1 : 0, xs[64], nx = 0;
	bool log = hx_plot_logx(pl);

	fprintf(g, "set terminal svg size 860,520 dynamic font 'sans,11' background '#ffffff'\nset output ");
	hx_plot_str(g, out);
	snprintf(title, sizeof(title), "%s", pl->title);
	if (pl->where | fixed) {
		hx_plot_dims(dims, sizeof(dims), NULL, pl->where, pl->where_val);
		if (fixed) {
			size_t at = strlen(dims);

			hx_plot_dims(dims + at + (at ? 2 : 0), sizeof(dims) - at - 2, &pts->pts[idx[0]], fixed, NULL);
			if (at)
				memcpy(dims + at, ", ", 2);
		}
		snprintf(title + strlen(title), sizeof(title) - strlen(title), "\n(%s)", dims);
	}
	fputs("\nset title ", g);
	hx_plot_str(g, title);
	fputs(" noenhanced\nset xlabel ", g);
	hx_plot_str(g, hx_prof_dims[pl->x].name);
	fputs(" noenhanced\nset ylabel ", g);
	hx_plot_str(g, hx_prof_metrics[pl->y].label);
	fputs(" noenhanced\nset key outside right top noenhanced\nset grid\nset yrange [0:*]\nset offsets graph 0.02, graph 0.02, graph 0.05, 0\n", g);
	if (log && pts->pts[idx[0]].v[pl->x] > 0)
		fputs("set logscale x 2\n", g);
	for (size_t k = 0; k < n; k++) {
		unsigned x = pts->pts[idx[k]].v[pl->x], j;

		for (j = 0; j < nx && xs[j] != x; j++)
			;
		if (j == nx && nx < 64)
			xs[nx++] = x;
	}
	if (nx <= 16) {
		/* ticks at the values swept, in order */
		for (unsigned a = 1; a < nx; a++)
			for (unsigned b = a; b > 0 && xs[b - 1] > xs[b]; b--) {
				unsigned t = xs[b];
				xs[b] = xs[b - 1];
				xs[b - 1] = t;
			}
		fputs("set xtics (", g);
		for (unsigned j = 0; j < nx; j++)
			fprintf(g, "%s%u", j ? ", " : "", xs[j]);
		fputs(")\n", g);
	}
	for (unsigned c = 0; c < curves; c++) {
		fprintf(g, "$d%u << EOD\n", c);
		for (size_t k = 0; k < n; k++)
			if (curve[k] == c)
				fprintf(g, "%u %.6f\n", pts->pts[idx[k]].v[pl->x], res[idx[k]].m[pl->y]);
		fputs("EOD\n", g);
	}
	fputs("plot ", g);
	for (unsigned c = 0; c < curves; c++) {
		size_t first = 0;

		while (curve[first] != c)
			first++;
		hx_plot_dims(dims, sizeof(dims), &pts->pts[idx[first]], pl->series, NULL);
		fprintf(g, "%s$d%u using 1:2 with linespoints pt %u title ", c ? ", \\\n     " : "", c, 1 + c % 13);
		hx_plot_str(g, pl->series ? dims : hx_prof_metrics[pl->y].name);
	}
	fputc('\n', g);
}

int hx_prof_plot_all(const char *dir, const char *gnuplot, const hx_prof_set *set, const hx_prof_points *pts,
		     const hx_prof_result *res, char *err, size_t err_len)
{
	for (unsigned p = 0; p < set->n_plots; p++) {
		const hx_prof_plot *pl = &set->plots[p];
		size_t *idx, n;
		unsigned *curve;
		uint32_t fixed;
		char path[4096], tmp[4096 + 8];
		FILE *g;
		int fd, st;

		n = hx_prof_plot_select(pl, pts, res, &idx, &curve, &fixed);
		if (!n) {
			free(idx);
			free(curve);
			fprintf(stderr, "pl08x-prof: plot %s: no point to plot (skipped)\n", pl->name);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s.svg", dir, pl->name);
		snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
		fd = mkstemp(tmp);
		if (fd < 0) {
			snprintf(err, err_len, "%s: cannot create a temporary file (%s)", path, strerror(errno));
			free(idx);
			free(curve);
			return -1;
		}
		close(fd);
		g = popen(gnuplot, "w");
		if (!g) {
			snprintf(err, err_len, "cannot run %s (%s)", gnuplot, strerror(errno));
			unlink(tmp);
			free(idx);
			free(curve);
			return -1;
		}
		hx_plot_script(g, tmp, pl, pts, res, idx, curve, n, fixed);
		st = pclose(g);
		free(idx);
		free(curve);
		if (st != 0) {
			snprintf(err, err_len, "plot %s: %s failed (status %d)", pl->name, gnuplot, st);
			unlink(tmp);
			return -1;
		}
		chmod(tmp, 0644);
		if (rename(tmp, path)) {
			snprintf(err, err_len, "%s: cannot rename into place (%s)", path, strerror(errno));
			unlink(tmp);
			return -1;
		}
	}
	return 0;
}
