/* pl08x-prof: the burst-configuration profiler. Private to harness/prof/ (and its tests).
 *
 * A point is one DMA configuration, every dimension an unsigned in hx_prof_point.v[]; a sweep
 * is a cross product of value lists (axes) over the dimensions; a set is the sweeps and plots
 * of one run. Each point is simulated on its own hx_sim (point.c), so points run in parallel
 * threads (pool.c) and the results are in the order of the points, whatever -j is.
 *
 * Files: dims.c (the dimensions and metrics, value checks, point validity), sweep.c (sweeps,
 * expansion into points, reference points), sweep_yaml.c (sweep files), point.c (one point on
 * the harness), pool.c (threads and progress bar), report.c (CSV, summary, files written whole),
 * plot.c (gnuplot SVGs), main.c (the command line).
 */
#ifndef HX_PROF_H
#define HX_PROF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Messages and field paths are built in fixed buffers: one cut short is harmless */
#pragma GCC diagnostic ignored "-Wformat-truncation"

/* Transfer kinds: memory to memory, memory to a FIFO peripheral, FIFO peripheral to memory */
enum hx_prof_case { HX_PROF_M2M, HX_PROF_M2P, HX_PROF_P2M, HX_PROF_CASES };

/* The swept dimensions, in CSV order. Widths in bits, masters 1 (AHB1) or 2 (AHB2), sizes in bytes */
enum hx_prof_dim {
	HX_PD_CASE, HX_PD_BURST, HX_PD_SWIDTH, HX_PD_DWIDTH, HX_PD_SWAITS, HX_PD_DWAITS, HX_PD_LWAITS,
	HX_PD_CHANNELS, HX_PD_SMASTER, HX_PD_DMASTER, HX_PD_LMASTER, HX_PD_SIZE, HX_PD_LLI, HX_PD_SYNC,
	HX_PD_PRATE, HX_PD_PDEPTH, HX_PD_COUNT
};

/* Results of a point, in CSV order after the status */
enum hx_prof_metric {
	HX_PM_CYCLES, HX_PM_BYTES, HX_PM_BPC, HX_PM_UTIL1, HX_PM_UTIL2, HX_PM_BEATS1, HX_PM_BEATS2,
	HX_PM_LATENCY, HX_PM_LATENCY_MAX, HX_PM_ITEMS, HX_PM_LLI_GAP, HX_PM_LLI_OVERHEAD, HX_PM_BOUND,
	HX_PM_RATIO, HX_PM_COUNT
};

#define HX_PROF_NAME_MAX   32
#define HX_PROF_MAX_POINTS 1000000u
#define HX_PROF_MAX_SWEEPS 64
#define HX_PROF_MAX_PLOTS  64

/**
 * hx_prof_dim_info - what a dimension is
 * @name: its key in sweep files, its option (--NAME) and its CSV column
 * @def: value when a sweep does not give it
 * @min, @max: range; @pow2_burst: only 1, 4, 8, ... 256; @width: only 8, 16, 32
 * @help: one line for --help and docs/profiling.md
 */
typedef struct hx_prof_dim_info {
	const char *name;
	unsigned def, min, max;
	bool burst, width;
	const char *help;
} hx_prof_dim_info;

/** hx_prof_metric_info - a result column: @name, @integer (printed without decimals), @label for plots, @help */
typedef struct hx_prof_metric_info {
	const char *name;
	bool integer;
	const char *label, *help;
} hx_prof_metric_info;

/** hx_prof_alias - a key that sets several dimensions to the same value (width, waits) */
typedef struct hx_prof_alias {
	const char *name;
	uint32_t dims;
	const char *help;
} hx_prof_alias;

extern const hx_prof_dim_info hx_prof_dims[HX_PD_COUNT];
extern const hx_prof_metric_info hx_prof_metrics[HX_PM_COUNT];
extern const hx_prof_alias hx_prof_aliases[];
extern const char *const hx_prof_case_names[HX_PROF_CASES];

/** hx_prof_point - one configuration: @v per enum hx_prof_dim; @sweep its sweep; @hidden: a reference only */
typedef struct hx_prof_point {
	unsigned v[HX_PD_COUNT];
	unsigned sweep;
	bool hidden;
} hx_prof_point;

/**
 * hx_prof_result - what a point measured
 * @ok: ran to the end, data correct, no AHB violation; else @status says what failed
 * @m, @has: metric values (per enum hx_prof_metric); @has false: not applicable (empty CSV field)
 * @sim_cycles: cycles the simulation advanced (stepped or skipped), for the speed report
 */
typedef struct hx_prof_result {
	bool ok;
	char status[160];
	double m[HX_PM_COUNT];
	bool has[HX_PM_COUNT];
	uint64_t sim_cycles;
} hx_prof_result;

/** hx_prof_axis - one factor of a sweep: @dims (bit mask) all take each of @vals in turn; @line of the key */
typedef struct hx_prof_axis {
	uint32_t dims;
	unsigned *vals;
	size_t n;
} hx_prof_axis;

/** hx_prof_sweep - a cross product of @axes; dimensions not in any axis take their default */
typedef struct hx_prof_sweep {
	char name[HX_PROF_NAME_MAX];
	char *description;
	hx_prof_axis axes[HX_PD_COUNT];
	unsigned n_axes;
	uint32_t given;
} hx_prof_sweep;

/**
 * hx_prof_plot - one SVG
 * @name: file name without .svg; @title; @sweep: index, or -1 for the points of every sweep
 * @x: dimension on the x axis; @y: metric; @series: dimensions, one curve per combination
 * @where, @where_val: dimensions fixed to a value; @logx: -1 automatic (log2 for sizes and bursts)
 */
typedef struct hx_prof_plot {
	char name[HX_PROF_NAME_MAX];
	char *title;
	int sweep;
	unsigned x, y;
	uint32_t series, where;
	unsigned where_val[HX_PD_COUNT];
	int logx;
} hx_prof_plot;

/** hx_prof_set - what one run sweeps and plots; @source names the file or "command line" */
typedef struct hx_prof_set {
	char *source;
	hx_prof_sweep sweeps[HX_PROF_MAX_SWEEPS];
	unsigned n_sweeps;
	hx_prof_plot plots[HX_PROF_MAX_PLOTS];
	unsigned n_plots;
} hx_prof_set;

/**
 * hx_prof_points - the expansion of a set
 * @pts: visible points in sweep order, then hidden reference points
 * @n: all points; @visible: the first @visible are visible
 * @skipped: combinations left out because invalid; @skip_reason: the first reason
 * @ref: per point, the index of its single-item reference (for LLI overhead) or -1
 */
typedef struct hx_prof_points {
	hx_prof_point *pts;
	size_t n, visible;
	size_t skipped;
	char skip_reason[160];
	long *ref;
} hx_prof_points;

/* ---- dims.c ---- */
/** hx_prof_dim_find - index of dimension @name, or -1 */
int hx_prof_dim_find(const char *name);
/** hx_prof_alias_find - the dimension mask of dimension or alias @name, 0 if neither */
uint32_t hx_prof_key_dims(const char *name);
/** hx_prof_metric_find - index of metric @name, or -1 */
int hx_prof_metric_find(const char *name);
/**
 * hx_prof_parse_value - @text as a value of dimension @dim (a number, or m2m/m2p/p2m for case)
 * Return: true, or false with the reason in @err
 */
bool hx_prof_parse_value(unsigned dim, const char *text, unsigned *out, char *err, size_t err_len);
/** hx_prof_check_value - the range and set checks of @dim; false with the reason in @err */
bool hx_prof_check_value(unsigned dim, unsigned v, char *err, size_t err_len);
/** hx_prof_format_value - @v of @dim as text (case names, numbers) */
const char *hx_prof_format_value(unsigned dim, unsigned v, char *buf, size_t len);
/** hx_prof_point_valid - whether a combination can run; false with the reason in @err */
bool hx_prof_point_valid(const hx_prof_point *p, char *err, size_t err_len);
/** hx_prof_items - LLI items per channel of @p (1 without a chain) */
unsigned hx_prof_items(const hx_prof_point *p);
/** hx_prof_item_bytes - bytes of item @i of @p */
unsigned hx_prof_item_bytes(const hx_prof_point *p, unsigned i);

/* ---- sweep.c ---- */
/** hx_prof_set_new - an empty set from @source; NULL when out of memory */
hx_prof_set *hx_prof_set_new(const char *source);
void hx_prof_set_free(hx_prof_set *set);
/**
 * hx_prof_sweep_add_axis - give @key (a dimension or an alias) the values @vals to sweep @sw
 * Return: true, or false with the reason in @err (conflict with a key already given)
 */
bool hx_prof_sweep_add_axis(hx_prof_sweep *sw, uint32_t dims, const unsigned *vals, size_t n, char *err,
			    size_t err_len);
/** hx_prof_sweep_size - combinations of @sw (saturates at SIZE_MAX) */
size_t hx_prof_sweep_size(const hx_prof_sweep *sw);
/**
 * hx_prof_expand - every combination of every sweep of @set into @out, invalid ones skipped,
 * plus the hidden single-item reference of each chained point
 * Return: true, or false with the reason in @err (too many points, none valid, out of memory)
 */
bool hx_prof_expand(const hx_prof_set *set, hx_prof_points *out, char *err, size_t err_len);
void hx_prof_points_free(hx_prof_points *p);
/** hx_prof_default_plots - one plot per sweep without plots of its own: bytes/cycle against its first varied dimension */
bool hx_prof_default_plots(hx_prof_set *set);

/* ---- sweep_yaml.c ---- */
/**
 * hx_prof_load - read a sweep file (docs/profiling.md)
 * Return: the set, or NULL with "FILE:LINE:COLUMN: FIELD: problem" in @err
 */
hx_prof_set *hx_prof_load(const char *path, char *err, size_t err_len);

/* ---- point.c ---- */
/**
 * hx_prof_run_point - simulate @p and measure it into @r (every field of @r is written)
 * The LLI overhead needs the single-item reference point: hx_prof_finish() fills it in after
 * all points have run.
 */
void hx_prof_run_point(const hx_prof_point *p, hx_prof_result *r);
/** hx_prof_finish - metrics that combine points: the LLI overhead of each chained point */
void hx_prof_finish(const hx_prof_points *pts, hx_prof_result *res);

/* ---- pool.c ---- */
/**
 * hx_prof_run_all - run every point of @pts into @res with @jobs threads, then hx_prof_finish()
 * @progress: draw a progress bar on stderr
 * A thread that cannot be started leaves its points to the others (with none, the caller runs them).
 */
void hx_prof_run_all(const hx_prof_points *pts, hx_prof_result *res, unsigned jobs, bool progress);

/* ---- report.c ---- */
/** hx_prof_write_csv - the CSV of the visible points */
int hx_prof_write_csv(FILE *f, const hx_prof_set *set, const hx_prof_points *pts, const hx_prof_result *res);
/** hx_prof_write_summary - the markdown summary; @plots: the SVG names written (NULL: none) */
int hx_prof_write_summary(FILE *f, const hx_prof_set *set, const hx_prof_points *pts, const hx_prof_result *res,
			  bool plots);
/**
 * hx_prof_write_file - create @path whole or not at all: @fn writes into a temporary file beside
 * it, renamed to @path only when everything succeeded
 * Return: 0, or -1 with the reason in @err
 */
int hx_prof_write_file(const char *path, int (*fn)(FILE *f, void *ctx), void *ctx, char *err, size_t err_len);

/* ---- plot.c ---- */
/**
 * hx_prof_plot_all - an SVG per plot of @set into @dir, made by @gnuplot (a command name or path)
 * Return: 0, or -1 with the reason in @err (the SVGs already renamed into place stay)
 */
int hx_prof_plot_all(const char *dir, const char *gnuplot, const hx_prof_set *set, const hx_prof_points *pts,
		     const hx_prof_result *res, char *err, size_t err_len);
/**
 * hx_prof_plot_select - the points of plot @pl: indexes into @pts in curve order, @curve of each
 * (curves numbered from 0 in order of first appearance), sorted by x within a curve
 * Return: the number of points (0 if none); *@idx and *@curve are malloc'd (caller frees)
 */
size_t hx_prof_plot_select(const hx_prof_plot *pl, const hx_prof_points *pts, const hx_prof_result *res,
			   size_t **idx, unsigned **curve, uint32_t *fixed);

#endif
