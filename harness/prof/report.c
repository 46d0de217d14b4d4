/* The profiler's text outputs: the CSV of every point, the markdown summary naming the best
 * configuration per case, and writing a file whole or not at all. Nothing here depends on
 * the wall clock or on -j, so two runs of one sweep give identical files.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prof.h"

#define HX_REPORT_ROWS 64

static void hx_report_metric(FILE *f, const hx_prof_result *r, unsigned m)
{
	if (!r->has[m])
		return;
	if (hx_prof_metrics[m].integer)
		fprintf(f, "%.0f", r->m[m]);
	else
		fprintf(f, "%.4f", r->m[m]);
}

/* A CSV field: quoted when it holds a comma, a quote or a line break */
static void hx_report_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
	fputc('"', f);
}

int hx_prof_write_csv(FILE *f, const hx_prof_set *set, const hx_prof_points *pts, const hx_prof_result *res)
{
	char buf[32];

	fputs("sweep", f);
	for (unsigned d = 0; d < HX_PD_COUNT; d++)
		fprintf(f, ",%s", hx_prof_dims[d].name);
	fputs(",status", f);
	for (unsigned m = 0; m < HX_PM_COUNT; m++)
		fprintf(f, ",%s", hx_prof_metrics[m].name);
	fputc('\n', f);
	for (size_t i = 0; i < pts->visible; i++) {
		const hx_prof_point *p = &pts->pts[i];

		fputs(set->sweeps[p->sweep].name, f);
		for (unsigned d = 0; d < HX_PD_COUNT; d++)
			fprintf(f, ",%s", hx_prof_format_value(d, p->v[d], buf, sizeof(buf)));
		fputc(',', f);
		hx_report_field(f, res[i].status);
		for (unsigned m = 0; m < HX_PM_COUNT; m++) {
			fputc(',', f);
			if (res[i].ok)
				hx_report_metric(f, &res[i], m);
		}
		fputc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}

/* Dimensions that take more than one value in sweep @s */
static uint32_t hx_report_varied(const hx_prof_sweep *sw)
{
	uint32_t mask = 0;

	for (unsigned a = 0; a < sw->n_axes; a++)
		if (sw->axes[a].n > 1)
			mask |= sw->axes[a].dims;
	return mask;
}

/* "burst 4, swidth 32" for the dimensions of @mask */
static void hx_report_config(FILE *f, const hx_prof_point *p, uint32_t mask)
{
	char buf[32];
	bool first = true;

	for (unsigned d = 0; d < HX_PD_COUNT; d++)
		if (mask & (1u << d)) {
			fprintf(f, "%s%s %s", first ? "" : ", ", hx_prof_dims[d].name,
				hx_prof_format_value(d, p->v[d], buf, sizeof(buf)));
			first = false;
		}
	if (first)
		fputs("(as fixed)", f);
}

/* Key for grouping the points of a sweep that differ only in their burst */
typedef struct hx_report_key {
	unsigned v[HX_PD_COUNT];
	size_t idx;
} hx_report_key;

static int hx_report_cmp_key(const void *a, const void *b)
{
	const hx_report_key *x = a, *y = b;

	/* numerically, dimension by dimension, so rows come in the order of the values */
	for (unsigned d = 0; d < HX_PD_COUNT; d++)
		if (x->v[d] != y->v[d])
			return x->v[d] < y->v[d] ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Per group of points differing only in burst: which burst(s) gave the most bytes per cycle */
static void hx_report_best_burst(FILE *f, const hx_prof_points *pts, const hx_prof_result *res, unsigned s,
				 uint32_t varied)
{
	uint32_t cols = varied & ~(1u << HX_PD_BURST);
	hx_report_key *keys = malloc(pts->visible * sizeof(*keys));
	size_t n = 0, rows = 0, groups = 0;

	if (!keys)
		return;
	for (size_t i = 0; i < pts->visible; i++)
		if (pts->pts[i].sweep == s && res[i].ok) {
			memcpy(keys[n].v, pts->pts[i].v, sizeof(keys[n].v));
			keys[n].v[HX_PD_BURST] = 0;
			keys[n++].idx = i;
		}
	qsort(keys, n, sizeof(*keys), hx_report_cmp_key);
	fputs("\nBest burst for each configuration (bytes per cycle; every burst listed when several tie):\n\n|", f);
	for (unsigned d = 0; d < HX_PD_COUNT; d++)
		if (cols & (1u << d))
			fprintf(f, " %s |", hx_prof_dims[d].name);
	fputs(" best burst | bytes/cycle | worst burst | bytes/cycle |\n|", f);
	for (unsigned d = 0; d < HX_PD_COUNT; d++)
		if (cols & (1u << d))
			fputs("---|", f);
	fputs("---|---:|---|---:|\n", f);
	for (size_t a = 0, b; a < n; a = b) {
		double best = -1, worst = 1e300;
		size_t worst_i = keys[a].idx;
		char buf[32];
		bool first = true;

		for (b = a; b < n && !memcmp(keys[b].v, keys[a].v, sizeof(keys[a].v)); b++) {
			double v = res[keys[b].idx].m[HX_PM_BPC];

			if (v > best)
				best = v;
			if (v < worst) {
				worst = v;
				worst_i = keys[b].idx;
			}
		}
		groups++;
		if (rows == HX_REPORT_ROWS)
			continue;
		rows++;
		fputc('|', f);
		for (unsigned d = 0; d < HX_PD_COUNT; d++)
			if (cols & (1u << d))
				fprintf(f, " %s |", hx_prof_format_value(d, keys[a].v[d], buf, sizeof(buf)));
		fputc(' ', f);
		for (size_t k = a; k < b; k++)
			if (res[keys[k].idx].m[HX_PM_BPC] == best) {
				fprintf(f, "%s%u", first ? "" : ", ", pts->pts[keys[k].idx].v[HX_PD_BURST]);
				first = false;
			}
		fprintf(f, " | %.3f | %u | %.3f |\n", best, pts->pts[worst_i].v[HX_PD_BURST], worst);
	}
	if (groups > rows)
		fprintf(f, "\n(%zu more configurations in the CSV.)\n", groups - rows);
	free(keys);
}

static void hx_report_sweep(FILE *f, const hx_prof_set *set, const hx_prof_points *pts, const hx_prof_result *res,
			    unsigned s)
{
	const hx_prof_sweep *sw = &set->sweeps[s];
	uint32_t varied = hx_report_varied(sw), fixed = sw->given & ~varied;
	size_t count = 0;
	bool any = false;

	for (size_t i = 0; i < pts->visible; i++)
		count += pts->pts[i].sweep == s;
	fprintf(f, "\n## Sweep `%s` (%zu points)\n\n", sw->name, count);
	if (sw->description)
		fprintf(f, "%s\n\n", sw->description);
	if (fixed) {
		for (size_t i = 0; i < pts->visible; i++)
			if (pts->pts[i].sweep == s) {
				fputs("Fixed: ", f);
				hx_report_config(f, &pts->pts[i], fixed);
				fputs("; other dimensions at their defaults.\n\n", f);
				break;
			}
	}
	fputs("Best configuration per case (most bytes per cycle; on a tie the first in sweep order):\n\n"
	      "| case | configuration | cycles | bytes/cycle | ratio to AHB bound |\n|---|---|---:|---:|---:|\n", f);
	for (unsigned c = 0; c < HX_PROF_CASES; c++) {
		long best = -1;

		for (size_t i = 0; i < pts->visible; i++)
			if (pts->pts[i].sweep == s && pts->pts[i].v[HX_PD_CASE] == c && res[i].ok &&
			    (best < 0 || res[i].m[HX_PM_BPC] > res[best].m[HX_PM_BPC]))
				best = (long)i;
		if (best < 0)
			continue;
		any = true;
		fprintf(f, "| %s | ", hx_prof_case_names[c]);
		hx_report_config(f, &pts->pts[best], varied & ~(1u << HX_PD_CASE));
		fprintf(f, " | %.0f | %.3f | %.3f |\n", res[best].m[HX_PM_CYCLES], res[best].m[HX_PM_BPC],
			res[best].m[HX_PM_RATIO]);
	}
	if (!any)
		fputs("| – | no point ran to the end | | | |\n", f);
	if (any && (varied & (1u << HX_PD_BURST)))
		hx_report_best_burst(f, pts, res, s, varied);
}

int hx_prof_write_summary(FILE *f, const hx_prof_set *set, const hx_prof_points *pts, const hx_prof_result *res,
			  bool plots)
{
	size_t failed = 0;

	for (size_t i = 0; i < pts->visible; i++)
		failed += !res[i].ok;
	fprintf(f, "# pl08x-prof summary\n\nSweep: `%s`; %zu points", set->source, pts->visible);
	if (pts->n > pts->visible)
		fprintf(f, " (and %zu single-item reference points for the LLI overhead)", pts->n - pts->visible);
	fprintf(f, ", %zu failed.", failed);
	if (pts->skipped)
		fprintf(f, " %zu combinations skipped as invalid (first: %s).", pts->skipped, pts->skip_reason);
	fputs(" The columns and plots are explained in docs/profiling.md; every figure is in prof.csv.\n", f);
	if (failed) {
		size_t shown = 0;

		fputs("\nFailed points:\n\n", f);
		for (size_t i = 0; i < pts->visible && shown < 10; i++)
			if (!res[i].ok) {
				fprintf(f, "- %s: ", set->sweeps[pts->pts[i].sweep].name);
				hx_report_config(f, &pts->pts[i], ~0u);
				fprintf(f, ": %s\n", res[i].status);
				shown++;
			}
	}
	for (unsigned s = 0; s < set->n_sweeps; s++)
		hx_report_sweep(f, set, pts, res, s);
	if (plots && set->n_plots) {
		fputs("\n## Plots\n", f);
		for (unsigned p = 0; p < set->n_plots; p++)
			fprintf(f, "\n### %s\n\n![%s](%s.svg)\n", set->plots[p].title, set->plots[p].name, set->plots[p].name);
	}
	return ferror(f) ? -1 : 0;
}

int hx_prof_write_file(const char *path, int (*fn)(FILE *f, void *ctx), void *ctx, char *err, size_t err_len)
{
	size_t len = strlen(path);
	char *tmp = malloc(len + 8);
	FILE *f = NULL;
	int fd, rc = -1;

	if (!tmp) {
		snprintf(err, err_len, "%s: out of memory", path);
		return -1;
	}
	snprintf(tmp, len + 8, "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, err_len, "%s: cannot create a temporary file (%s)", path, strerror(errno));
		free(tmp);
		return -1;
	}
	fchmod(fd, 0644); /* mkstemp makes it private; an output is for everyone to read */
	f = fdopen(fd, "w");
	if (!f) {
		snprintf(err, err_len, "%s: %s", path, strerror(errno));
		close(fd);
	} else if (fn(f, ctx) || fflush(f) || ferror(f)) {
		snprintf(err, err_len, "%s: write failed (%s)", path, strerror(errno));
		fclose(f);
	} else if (fclose(f)) {
		snprintf(err, err_len, "%s: write failed (%s)", path, strerror(errno));
	} else if (rename(tmp, path)) {
		snprintf(err, err_len, "%s: cannot rename into place (%s)", path, strerror(errno));
	} else {
		rc = 0;
	}
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc;
}
