/* The progress line: "[ 37/120] 30.8%  pass 36  fail 1  eta 4s" on stderr, redrawn in place
 * with \r at most ten times a second, and only when stderr is a terminal (a log file or a CI
 * console gets none of it).
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "run.h"

#define HX_PROGRESS_PERIOD 0.1	/* seconds between redraws */

/** hx_now - monotonic host time in seconds (for wall times and the progress line only) */
double hx_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/**
 * hx_progress_format - the text of the line
 * @eta: seconds left, or negative when unknown
 * Return: as snprintf().
 */
int hx_progress_format(char *buf, size_t len, size_t done, size_t total, size_t pass,
		       size_t fail, double eta)
{
	int w = snprintf(NULL, 0, "%zu", total);
	double pct = total ? 100.0 * (double)done / (double)total : 100.0;
	char e[32] = "?";
	if (eta >= 0 && eta < 3600)
		snprintf(e, sizeof(e), "%.0fs", eta);
	else if (eta >= 3600)
		snprintf(e, sizeof(e), "%.0fh%02.0fm", eta / 3600, (double)((long)eta % 3600 / 60));
	return snprintf(buf, len, "[%*zu/%zu] %.1f%%  pass %zu  fail %zu  eta %s", w, done, total,
			pct, pass, fail, e);
}

void hx_progress_init(hx_progress *pr, FILE *f, size_t total)
{
	*pr = (hx_progress){ .on = isatty(fileno(f)) == 1, .total = total };
	pr->t_start = hx_now();
	pr->t_last = -1;
}

static void hx_progress_draw(hx_progress *pr, FILE *f, double now)
{
	double el = now - pr->t_start;
	double eta = pr->done ? el / (double)pr->done * (double)(pr->total - pr->done) : -1;
	char line[128];
	hx_progress_format(line, sizeof(line), pr->done, pr->total, pr->pass, pr->fail, eta);
	fprintf(f, "\r%s\033[K", line);
	fflush(f);
	pr->t_last = now;
	pr->drawn = true;
}

/**
 * hx_progress_update - count one more unit (when @passed is 0 or 1) and redraw when due
 * @passed: 1 pass, 0 fail, -1 count nothing (just redraw, e.g. after other output)
 * @force: redraw even within the period
 */
void hx_progress_update(hx_progress *pr, FILE *f, int passed, bool force)
{
	if (passed == 1)
		pr->pass++;
	if (passed == 0)
		pr->fail++;
	if (passed >= 0)
		pr->done++;
	if (!pr->on)
		return;
	double now = hx_now();
	if (force || pr->t_last < 0 || now - pr->t_last >= HX_PROGRESS_PERIOD)
		hx_progress_draw(pr, f, now);
}

/** hx_progress_clear - erase the line, so that other output starts at column 0 */
void hx_progress_clear(hx_progress *pr, FILE *f)
{
	if (!pr->on || !pr->drawn)
		return;
	fputs("\r\033[K", f);
	fflush(f);
	pr->drawn = false;
}
