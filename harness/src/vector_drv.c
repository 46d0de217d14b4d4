/* Running the driver-level parts of a vector: the driver core (driver/) on the harness port of
 * osal.h (driver/port/hx) on the run's sim, the driver steps of the stimulus, the descriptors'
 * callbacks and their actions, the driver expectations and the checkers' verdicts.
 * docs/vector-format.md ("Driver-level vectors") is the reference; a run owns all its state.
 *
 * The runner is the driver's client: it maps the buffers it gives the driver (osal_dma_map(),
 * the identity in the harness), lets the driver unmap memcpy buffers, and unmaps what stays
 * the client's (slave and cyclic buffers, memcpy with skip_unmap) at the end of the run, after
 * releasing every channel still held. Every callback is recorded (descriptor, cookie, cycle,
 * context, result, residue), then runs the actions the vector gives it.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmac.h"
#include "dmatest.h"
#include "hx_checkers.h"
#include "osal_hx.h"
#include "vector_drv.h"
#include "vector_exec.h"

#define say hx_vrun_say

/**
 * hx_vdinst - one prepared descriptor
 * @desc: its name's index; @prep: the step that prepared it; @gen: resubmits before it in its
 *   lineage (0 for the first)
 * @d: the driver's descriptor (not to be touched after its end); @cookie: 0 until submitted
 */
typedef struct hx_vdinst {
	struct hx_vdrun *dr;
	int desc;
	const hx_vstep *prep;
	unsigned gen;
	struct dmac_desc *d;
	dmac_cookie cookie;
	struct hx_vdinst *next;
} hx_vdinst;

/** hx_vdcall - a recorded callback */
typedef struct hx_vdcall {
	int desc;
	dmac_cookie cookie;
	uint64_t cycle;
	int ctx;
	int result;
	uint32_t residue;
} hx_vdcall;

/** hx_vdmap - a mapping that stays the client's */
typedef struct hx_vdmap {
	uint32_t addr, len;
	enum osal_dma_dir dir;
} hx_vdmap;

/**
 * hx_vdrun - the driver part of a run
 * @chans: the channels by index (NULL: not requested yet, or released)
 * @cur: the latest descriptor prepared under each name
 * @insts: every descriptor prepared (freed at the end)
 * @calls: every callback, in order; @ncalls_of: per descriptor name
 * @maps: the client's mappings still live
 * @line_used: request lines the mux has given out
 * @chk: the lock and DMA-API checkers watching the port and the bus
 */
typedef struct hx_vdrun {
	hx_vrun *r;
	const hx_vdriver *cfg;
	struct osal_dev *od;
	struct dmac_dev *d;
	struct dmac_chan *chans[HX_VD_NAMES_MAX];
	hx_vdinst *cur[HX_VD_NAMES_MAX];
	hx_vdinst *insts;
	hx_vdcall *calls;
	size_t ncalls, cap;
	unsigned long ncalls_of[HX_VD_NAMES_MAX];
	hx_vdmap *maps;
	size_t nmaps, mapcap;
	bool line_used[16];
	hx_checkers *chk;
} hx_vdrun;

static const char *const status_text[] = { "complete", "in_progress", "paused", "error", "any" };
static const char *const ctx_text[] = { "thread", "deferred", "hardirq" };
static const char *const group_text[] = { "lock", "dma_api" };

/* ---- checkers ---- */

_Static_assert(HX_VCHK_KINDS == HX_CHK_KINDS, "vector_drv.h: HX_VCHK_KINDS must follow hx_checkers.h");
_Static_assert(HX_VCHK_LOCK_KINDS == HX_CHK_CALLBACK_UNDER_LOCK + 1, "the lock kinds come first");

/* ---- the mux ---- */

static int mux_get(void *ctx, unsigned signal)
{
	hx_vdrun *dr = ctx;

	for (size_t i = 0; i < dr->cfg->nmux; i++) {
		const hx_vmux *m = &dr->cfg->mux[i];
		if (m->signal != signal)
			continue;
		for (unsigned k = 0; k < m->nlines; k++)
			if (!dr->line_used[m->lines[k]]) {
				dr->line_used[m->lines[k]] = true;
				return (int)m->lines[k];
			}
	}
	return -1;
}

static void mux_put(void *ctx, unsigned signal, unsigned line)
{
	hx_vdrun *dr = ctx;

	(void)signal;
	if (line < 16)
		dr->line_used[line] = false;
}

/* ---- set-up ---- */

static void drv_irq(hx_sim *s, void *arg)
{
	hx_vrun *r = arg;

	(void)s;
	r->irq_entries++;
	dmac_irq(r->drv->d);
}

int hx_vdrv_setup(hx_vrun *r, char *err, size_t err_len)
{
	const hx_vdriver *c = r->v->drv;
	hx_vdrun *dr = calloc(1, sizeof(*dr));
	osal_hx_config pc = { .lli_master = c->lli_master, .lli_base = c->lli_at, .lli_size = c->lli_size,
			      .lli_items = c->lli_items };
	struct dmac_platform pf = {
		.variant = r->v->variant == PL08X_VARIANT_PL081 ? DMAC_PL081 : DMAC_PL080,
		.channels = c->channels, .lli_master = c->lli_master, .mem_masters = c->mem_masters,
		.memcpy_burst = c->memcpy_burst, .memcpy_width = c->memcpy_width,
	};
	int rc;

	if (!dr) {
		snprintf(err, err_len, "out of memory");
		return -1;
	}
	r->drv = dr;
	dr->r = r;
	dr->cfg = c;
	dr->d = calloc(1, sizeof(*dr->d));
	dr->od = osal_hx_create(r->s, &pc);
	if (!dr->d || !dr->od) {
		snprintf(err, err_len, "driver: %s", dr->d ? hx_sim_failure(r->s) : "out of memory");
		return -1;
	}
	if (c->nmux) {
		pf.mux_get = mux_get;
		pf.mux_put = mux_put;
		pf.mux_ctx = dr;
	}
	dr->chk = hx_checkers_attach(r->s, dr->od);
	if (!dr->chk) {
		snprintf(err, err_len, "driver: cannot attach the checkers (out of memory)");
		return -1;
	}
	rc = dmac_init(dr->d, dr->od, &pf);
	if (rc != DMAC_OK) {
		snprintf(err, err_len, "driver: dmac_init() returned %d (the driver: section is not possible here)", rc);
		return -1;
	}
	hx_sim_set_irq_handler(r->s, drv_irq, r);
	return 0;
}

void hx_vdrv_free(hx_vrun *r)
{
	hx_vdrun *dr = r->drv;

	if (!dr)
		return;
	for (hx_vdinst *i = dr->insts, *n; i; i = n) {
		n = i->next;
		free(i);
	}
	free(dr->calls);
	free(dr->maps);
	hx_checkers_detach(dr->chk);
	osal_hx_destroy(dr->od);
	free(dr->d);
	free(dr);
	r->drv = NULL;
}

/* ---- buffers ---- */

static bool map(hx_vdrun *dr, uint32_t addr, uint32_t len, enum osal_dma_dir dir, bool client, const char *where)
{
	osal_dma_addr bus;

	if (!osal_dma_map(dr->od, addr, len, dir, &bus)) {
		hx_sim_fail(dr->r->s, "%s: cannot map 0x%08" PRIx32 "+0x%" PRIx32 " (too many mappings)", where, addr, len);
		return false;
	}
	if (!client)
		return true;
	if (dr->nmaps == dr->mapcap) {
		size_t cap = dr->mapcap ? 2 * dr->mapcap : 16;
		hx_vdmap *m = realloc(dr->maps, cap * sizeof(*m));
		if (!m) {
			dr->r->oom = true;
			return true;
		}
		dr->maps = m;
		dr->mapcap = cap;
	}
	dr->maps[dr->nmaps++] = (hx_vdmap){ addr, len, dir };
	return true;
}

static void unmap_client(hx_vdrun *dr, uint32_t addr, uint32_t len, enum osal_dma_dir dir)
{
	for (size_t i = dr->nmaps; i-- > 0;)
		if (dr->maps[i].addr == addr && dr->maps[i].len == len && dr->maps[i].dir == dir) {
			dr->maps[i] = dr->maps[--dr->nmaps];
			break;
		}
	osal_dma_unmap(dr->od, addr, len, dir);
}

/* ---- steps ---- */

static void run_action(hx_vdrun *dr, const hx_vstep *st, hx_vdinst *self, const char *where);

static void on_callback(void *arg, const struct dmac_result *res)
{
	hx_vdinst *in = arg;
	hx_vdrun *dr = in->dr;
	hx_sim *s = dr->r->s;
	const hx_vdstep *x = in->prep->drv;
	char where[160];

	if (dr->ncalls == dr->cap) {
		size_t cap = dr->cap ? 2 * dr->cap : 64;
		hx_vdcall *c = realloc(dr->calls, cap * sizeof(*c));
		if (!c) {
			dr->r->oom = true;
			return;
		}
		dr->calls = c;
		dr->cap = cap;
	}
	dr->calls[dr->ncalls++] = (hx_vdcall){ in->desc, in->cookie, hx_sim_cycle(s), (int)hx_sim_context(s),
					       res->result == DMAC_RESULT_OK ? HX_VDR_OK : HX_VDR_FAILED, res->residue };
	dr->ncalls_of[in->desc]++;
	for (size_t i = 0; i < x->ncb && !hx_sim_failed(s); i++) {
		snprintf(where, sizeof(where), "callback of %s (cookie %" PRId32 ", call %lu) action[%zu] (line %d)",
			 dr->cfg->desc_names[in->desc], in->cookie, dr->ncalls_of[in->desc], i, x->cb[i].line);
		run_action(dr, &x->cb[i], in, where);
	}
}

static struct dmac_chan *chan_of(hx_vdrun *dr, unsigned idx, const char *where)
{
	struct dmac_chan *c = dr->chans[idx];

	if (!c)
		hx_sim_fail(dr->r->s, "%s: channel %s is not held (its request failed, or it was released)", where,
			    dr->cfg->chan_names[idx]);
	return c;
}

static hx_vdinst *inst_of(hx_vdrun *dr, int desc, const char *where)
{
	hx_vdinst *in = dr->cur[desc];

	if (!in)
		hx_sim_fail(dr->r->s, "%s: descriptor %s has not been prepared", where, dr->cfg->desc_names[desc]);
	return in;
}

static void do_submit(hx_vdrun *dr, hx_vdinst *in, const char *where)
{
	if (in->cookie) {
		hx_sim_fail(dr->r->s, "%s: descriptor %s (cookie %" PRId32 ") is submitted twice", where,
			    dr->cfg->desc_names[in->desc], in->cookie);
		return;
	}
	in->cookie = dmac_submit(in->d);
	if (in->cookie <= 0)
		say(dr->r, "%s: submit %s returned %" PRId32, where, dr->cfg->desc_names[in->desc], in->cookie);
}

static enum osal_dma_dir buf_dir(const hx_vdstep *x)
{
	return x->dir == DMAC_DEV_TO_MEM ? OSAL_DMA_FROM_DEVICE : OSAL_DMA_TO_DEVICE;
}

/* memcpy, slave_sg, cyclic: prepare (and submit, issue) a descriptor of @st */
static void do_prep(hx_vdrun *dr, const hx_vstep *st, unsigned gen, const char *where)
{
	const hx_vdstep *x = st->drv;
	struct dmac_chan *c = chan_of(dr, x->chan, where);
	struct dmac_desc *d = NULL;
	bool skip = x->flags & HX_VDF_SKIP;
	hx_vdinst *in;

	if (!c)
		return;
	switch (st->kind) {
	case HX_VS_MEMCPY:
		if (!map(dr, x->src, x->len, OSAL_DMA_TO_DEVICE, skip, where) ||
		    !map(dr, x->dst, x->len, OSAL_DMA_FROM_DEVICE, skip, where))
			return;
		d = dmac_prep_memcpy(c, x->dst, x->src, x->len, x->flags);
		if (!d && !skip) {
			osal_dma_unmap(dr->od, x->src, x->len, OSAL_DMA_TO_DEVICE);
			osal_dma_unmap(dr->od, x->dst, x->len, OSAL_DMA_FROM_DEVICE);
		} else if (!d) {
			unmap_client(dr, x->src, x->len, OSAL_DMA_TO_DEVICE);
			unmap_client(dr, x->dst, x->len, OSAL_DMA_FROM_DEVICE);
		}
		break;
	case HX_VS_SLAVE_SG: {
		struct dmac_sg sg[1024];
		for (size_t i = 0; i < x->nsg; i++) {
			if (!map(dr, x->sg[i].at, x->sg[i].len, buf_dir(x), true, where))
				return;
			sg[i] = (struct dmac_sg){ x->sg[i].at, x->sg[i].len };
		}
		d = dmac_prep_slave_sg(c, sg, (unsigned)x->nsg, (enum dmac_dir)x->dir, x->flags);
		if (!d)
			for (size_t i = 0; i < x->nsg; i++)
				unmap_client(dr, x->sg[i].at, x->sg[i].len, buf_dir(x));
		break;
	}
	case HX_VS_CYCLIC:
		if (!map(dr, x->buf, x->len, buf_dir(x), true, where))
			return;
		d = dmac_prep_cyclic(c, x->buf, x->len, x->period, (enum dmac_dir)x->dir, x->flags);
		if (!d)
			unmap_client(dr, x->buf, x->len, buf_dir(x));
		break;
	default:
		return;
	}
	if (!d) {
		if (!x->fails)
			say(dr->r, "%s: prep of %s returned NULL", where, dr->cfg->desc_names[x->desc]);
		return;
	}
	if (x->fails)
		say(dr->r, "%s: prep of %s succeeded, expected NULL", where, dr->cfg->desc_names[x->desc]);
	in = calloc(1, sizeof(*in));
	if (!in) {
		dr->r->oom = true;
		return;
	}
	*in = (hx_vdinst){ .dr = dr, .desc = x->desc, .prep = st, .gen = gen, .d = d, .next = dr->insts };
	dr->insts = in;
	dr->cur[x->desc] = in;
	dmac_desc_set_callback(d, on_callback, in);
	if (x->submit)
		do_submit(dr, in, where);
	if (x->issue)
		dmac_issue_pending(c);
}

static void do_request(hx_vdrun *dr, const hx_vdstep *x, const char *where)
{
	struct dmac_chan *c;

	if (!x->slave) {
		c = dmac_request_memcpy(dr->d);
	} else {
		c = dmac_request_slave(dr->d, x->signal, x->periph_master);
		if (c) {
			struct dmac_slave_config sc = { x->addr, x->addr, x->width, x->width, x->burst, x->burst };
			int rc = dmac_slave_config(c, &sc);
			if (rc != DMAC_OK)
				say(dr->r, "%s: dmac_slave_config of %s returned %d", where, dr->cfg->chan_names[x->chan], rc);
		}
	}
	if (!c && !x->fails)
		say(dr->r, "%s: request of %s returned NULL", where, dr->cfg->chan_names[x->chan]);
	if (c && x->fails)
		say(dr->r, "%s: request of %s succeeded, expected NULL", where, dr->cfg->chan_names[x->chan]);
	dr->chans[x->chan] = c;
}

static void do_status(hx_vdrun *dr, const hx_vdstep *x, const char *where)
{
	hx_vdinst *in = inst_of(dr, x->desc, where);
	struct dmac_chan *c;
	enum dmac_status st;
	uint64_t at = hx_sim_cycle(dr->r->s);
	uint32_t res = 0;

	if (!in || !(c = chan_of(dr, in->prep->drv->chan, where)))
		return;
	if (!in->cookie) {
		hx_sim_fail(dr->r->s, "%s: descriptor %s has not been submitted", where, dr->cfg->desc_names[x->desc]);
		return;
	}
	st = dmac_tx_status(c, in->cookie, &res);
	if ((x->status != HX_VDS_ANY && (int)st != (int)x->status) ||
	    (x->has_residue && (res < x->res_min || res > x->res_max))) {
		char want[64] = "";
		if (x->has_residue && x->res_min == x->res_max)
			snprintf(want, sizeof(want), " residue %" PRIu64, x->res_min);
		else if (x->has_residue)
			snprintf(want, sizeof(want), " residue %" PRIu64 "..%" PRIu64, x->res_min, x->res_max);
		say(dr->r, "%s: status %s (cookie %" PRId32 ") at cycle %" PRIu64 ": %s residue %" PRIu32 ", expected %s%s",
		    where, dr->cfg->desc_names[x->desc], in->cookie, at, status_text[st], res, status_text[x->status], want);
	}
}

struct until {
	hx_vdrun *dr;
	const hx_vdstep *x;
	hx_vdinst *in;
	uint64_t cycle;
};

static bool reached(hx_sim *s, void *arg)
{
	return hx_sim_cycle(s) >= ((struct until *)arg)->cycle;
}

/* wait_desc: @count callbacks of the name, or its latest descriptor's cookie settled (either may
 * be prepared by a callback while the thread waits) */
static bool desc_done(hx_sim *s, void *arg)
{
	struct until *u = arg;
	const hx_vdinst *in = u->dr->cur[u->x->desc];
	const struct dmac_chan *c;

	(void)s;
	if (u->x->count)
		return u->dr->ncalls_of[u->x->desc] >= u->x->count;
	if (!in || !in->cookie)
		return false;
	c = u->dr->chans[in->prep->drv->chan];
	return !c || c->completed - in->cookie >= 0;
}

/* Idle until cycle @at (interrupts and deferred work run meanwhile at their cycles) */
static void idle_to(hx_vdrun *dr, uint64_t at, const char *where)
{
	hx_sim *s = dr->r->s;
	uint64_t now = hx_sim_cycle(s);
	struct until u = { .cycle = at };
	char what[192];

	if (now > at) {
		hx_sim_fail(s, "%s: at %" PRIu64 ": the run is already at cycle %" PRIu64, where, at, now);
		return;
	}
	if (at > dr->r->v->timeout) {
		hx_sim_fail(s, "%s: at %" PRIu64 ": beyond system.timeout %" PRIu64, where, at, dr->r->v->timeout);
		return;
	}
	snprintf(what, sizeof(what), "%s: at", where);
	hx_sim_wait_until(s, reached, &u, at - now, what);
}

/* dmatest: hx_dmatest_run() with the step's options, then its expectations */
static void do_dmatest(hx_vdrun *dr, const hx_vdmatest *t, const char *where)
{
	static const char *const count_names[] = { "tests", "failures", "timeouts", "aborted", "bus_errors",
						   "data_errors" };
	hx_dmatest_config cfg = {
		.channels = t->channels, .threads = t->threads, .iterations = t->iterations, .min_len = t->min_len,
		.max_len = t->max_len, .align = t->align, .guard = t->guard, .no_guard = t->no_guard,
		.src_master = (dr->cfg->mem_masters & 1u) ? 0 : 1, .dst_master = (dr->cfg->mem_masters & 2u) ? 1 : 0,
		.src_base = t->src_at, .src_size = t->src_size, .dst_base = t->dst_at, .dst_size = t->dst_size,
		.seed = t->has_seed ? t->seed : dr->r->seed, .timeout = t->timeout, .no_verify = t->no_verify,
		.hclk_hz = t->hclk_hz, .cpu_cycles_per_kib = t->cpu_kib, .cpu_free = t->cpu_free,
	};
	hx_dmatest_result *res = calloc(1, sizeof(*res));
	long want[6] = { t->tests, t->failures, t->timeouts, t->aborted, t->bus_errors, t->data_errors };
	unsigned long got[6];
	int rc;

	if (!res) {
		dr->r->oom = true;
		return;
	}
	rc = hx_dmatest_run(dr->r->s, dr->d, &cfg, res);
	got[0] = res->tests;
	got[1] = res->failures;
	got[2] = res->timeouts;
	got[3] = res->aborted;
	got[4] = res->bus_errors;
	got[5] = res->data_errors;
	if (rc < 0) {
		say(dr->r, "%s: dmatest could not run (%d): %s", where, rc, res->first_failure);
	} else {
		if (rc != t->result)
			say(dr->r, "%s: dmatest %s, expected %s: %lu tests, %lu failures%s%s", where, rc ? "failed" : "passed",
			    t->result ? "fail" : "pass", res->tests, res->failures, res->first_failure[0] ? "; the first: " : "",
			    res->first_failure);
		for (unsigned k = 0; k < 6; k++)
			if (want[k] >= 0 && got[k] != (unsigned long)want[k])
				say(dr->r, "%s: dmatest %s %lu, expected %ld", where, count_names[k], got[k], want[k]);
		if (t->has_kbps && (res->kb_per_s < (double)t->kbps_min || res->kb_per_s > (double)t->kbps_max + 1.0))
			say(dr->r, "%s: dmatest %.1f KB/s, expected %" PRIu64 "..%" PRIu64, where, res->kb_per_s, t->kbps_min,
			    t->kbps_max);
		if (t->first_failure && !strstr(res->first_failure, t->first_failure))
			say(dr->r, "%s: dmatest first failure \"%s\", expected it to contain \"%s\"", where,
			    res->first_failure, t->first_failure);
	}
	free(res);
}

/* A driver step in the stimulus (@self NULL) or in a callback of @self */
static void run_action(hx_vdrun *dr, const hx_vstep *st, hx_vdinst *self, const char *where)
{
	const hx_vdstep *x = st->drv;
	hx_sim *s = dr->r->s;
	struct dmac_chan *c;
	hx_vdinst *in;
	int rc;

	if (x->has_at) {
		idle_to(dr, x->at, where);
		if (hx_sim_failed(s))
			return;
	}
	switch (st->kind) {
	case HX_VS_REQUEST:
		do_request(dr, x, where);
		break;
	case HX_VS_RELEASE:
		if ((c = chan_of(dr, x->chan, where))) {
			dmac_release_chan(c);
			dr->chans[x->chan] = NULL;
		}
		break;
	case HX_VS_MEMCPY:
	case HX_VS_SLAVE_SG:
	case HX_VS_CYCLIC:
		do_prep(dr, st, 0, where);
		break;
	case HX_VS_RESUBMIT:
		if (self && self->gen < x->count)
			do_prep(dr, self->prep, self->gen + 1, where);
		if (self && self->gen < x->count && dr->cur[self->desc] && dr->cur[self->desc]->gen == self->gen + 1) {
			in = dr->cur[self->desc];
			if (!in->cookie)
				do_submit(dr, in, where);
			if ((c = chan_of(dr, self->prep->drv->chan, where)))
				dmac_issue_pending(c);
		}
		break;
	case HX_VS_SUBMIT:
		if ((in = inst_of(dr, x->desc, where)))
			do_submit(dr, in, where);
		break;
	case HX_VS_ISSUE:
		if ((c = chan_of(dr, x->chan, where)))
			dmac_issue_pending(c);
		break;
	case HX_VS_STATUS:
		do_status(dr, x, where);
		break;
	case HX_VS_AT:
		break;
	case HX_VS_PAUSE:
	case HX_VS_RESUME:
	case HX_VS_TERMINATE:
		if (!(c = chan_of(dr, x->chan, where)))
			break;
		rc = st->kind == HX_VS_PAUSE ? dmac_pause(c) : st->kind == HX_VS_RESUME ? dmac_resume(c)
											: dmac_terminate_all(c);
		if (rc != DMAC_OK)
			say(dr->r, "%s: %s %s returned %d", where, hx_ld_drv_step_names[st->kind - HX_VS_FIRST_DRV],
			    dr->cfg->chan_names[x->chan], rc);
		break;
	case HX_VS_SYNC:
		if ((c = chan_of(dr, x->chan, where)))
			dmac_synchronize(c);
		break;
	case HX_VS_WAIT_DESC: {
		struct until u = { dr, x, NULL, 0 };
		uint64_t now = hx_sim_cycle(s), left = dr->r->v->timeout > now ? dr->r->v->timeout - now : 0;
		char what[192];
		snprintf(what, sizeof(what), "%s: wait_desc %s", where, dr->cfg->desc_names[x->desc]);
		hx_sim_wait_until(s, desc_done, &u, x->timeout < left ? x->timeout : left, what);
		break;
	}
	case HX_VS_DMATEST:
		do_dmatest(dr, x->dmatest, where);
		break;
	default:
		break;
	}
}

void hx_vdrv_step(hx_vrun *r, const hx_vstep *st, const char *where)
{
	run_action(r->drv, st, NULL, where);
}

/* ---- checks ---- */

static void call_text(hx_vdrun *dr, char *buf, size_t len, const hx_vdcall *c)
{
	snprintf(buf, len, "%s #%" PRId32 " @ %" PRIu64 " %s%s%s", dr->cfg->desc_names[c->desc], c->cookie, c->cycle,
		 c->result == HX_VDR_OK ? "ok" : "failed", c->ctx == HX_SIM_CTX_DEFERRED ? "" : " in ",
		 c->ctx == HX_SIM_CTX_DEFERRED ? "" : ctx_text[c->ctx]);
}

static void exp_text(hx_vdrun *dr, char *buf, size_t len, const hx_vcb_expect *e)
{
	char cyc[48];

	if (e->min == 0 && e->max == UINT64_MAX)
		snprintf(cyc, sizeof(cyc), "any");
	else if (e->min == e->max)
		snprintf(cyc, sizeof(cyc), "%" PRIu64, e->min);
	else
		snprintf(cyc, sizeof(cyc), "%" PRIu64 "..%" PRIu64, e->min, e->max);
	snprintf(buf, len, "%s @ %s%s", dr->cfg->desc_names[e->desc], cyc,
		 e->result == HX_VDR_OK ? " ok" : e->result == HX_VDR_FAILED ? " failed" : "");
}

static bool cb_match(const hx_vcb_expect *e, const hx_vdcall *c)
{
	return c->desc == e->desc && c->cycle >= e->min && c->cycle <= e->max &&
	       (e->result == HX_VDR_ANY || (int)e->result == c->result) &&
	       (!e->has_residue || e->residue == c->residue) &&
	       (e->context < 0 ? c->ctx == HX_SIM_CTX_DEFERRED : e->context == c->ctx);
}

static void check_callbacks(hx_vdrun *dr, const hx_vdexpect *e)
{
	size_t nexp = 0, bad = SIZE_MAX;
	const hx_vcb_expect **exp;

	for (size_t i = 0; i < e->ncbs; i++)
		nexp += e->cbs[i].repeat;
	exp = malloc((nexp + 1) * sizeof(*exp));
	if (!exp) {
		dr->r->oom = true;
		return;
	}
	for (size_t i = 0, k = 0; i < e->ncbs; i++)
		for (unsigned j = 0; j < e->cbs[i].repeat; j++)
			exp[k++] = &e->cbs[i];
	for (size_t i = 0; i < (nexp > dr->ncalls ? nexp : dr->ncalls) && bad == SIZE_MAX; i++)
		if (i >= nexp || i >= dr->ncalls || !cb_match(exp[i], &dr->calls[i]))
			bad = i;
	if (bad != SIZE_MAX) {
		size_t rows = nexp > dr->ncalls ? nexp : dr->ncalls;
		size_t from = bad > 12 ? bad - 12 : 0, to = from + 24 < rows ? from + 24 : rows;
		say(dr->r, "expect.callbacks: %zu callbacks expected, %zu seen; first difference at #%zu", nexp, dr->ncalls,
		    bad);
		say(dr->r, "    #    expected                       actual");
		for (size_t i = from; i < to; i++) {
			char a[96] = "-", b[96] = "-";
			bool ok = i < nexp && i < dr->ncalls && cb_match(exp[i], &dr->calls[i]);
			if (i < nexp)
				exp_text(dr, a, sizeof(a), exp[i]);
			if (i < dr->ncalls)
				call_text(dr, b, sizeof(b), &dr->calls[i]);
			say(dr->r, "  %c %-5zu%-31s%s", ok ? ' ' : '*', i, a, b);
		}
		if (to < rows)
			say(dr->r, "    ... %zu more", rows - to);
	}
	free(exp);
}

static void check_status(hx_vdrun *dr, const hx_vdexpect *e)
{
	for (size_t i = 0; i < e->nstats && !hx_sim_failed(dr->r->s); i++) {
		const hx_vstat_expect *x = &e->stats[i];
		hx_vdinst *in = dr->cur[x->desc];
		struct dmac_chan *c = in ? dr->chans[in->prep->drv->chan] : NULL;
		uint32_t res = 0;
		enum dmac_status st;

		if (!in || !in->cookie || !c) {
			say(dr->r, "expect.status[%zu] (line %d): %s was %s", i, x->line, dr->cfg->desc_names[x->desc],
			    !in ? "never prepared" : !in->cookie ? "never submitted" : "on a released channel");
			continue;
		}
		st = dmac_tx_status(c, in->cookie, &res);
		if ((x->status != HX_VDS_ANY && (int)st != (int)x->status) ||
		    (x->has_residue && (res < x->res_min || res > x->res_max)))
			say(dr->r, "expect.status[%zu] (line %d): %s (cookie %" PRId32 ") is %s residue %" PRIu32
			    ", expected %s residue %" PRIu64 "..%" PRIu64, i, x->line, dr->cfg->desc_names[x->desc],
			    in->cookie, status_text[st], res, status_text[x->status], x->has_residue ? x->res_min : 0,
			    x->has_residue ? x->res_max : UINT32_MAX);
	}
}

/* expect.checker_reports (all zero by default); a mismatch lists the checkers' reports */
static void check_reports(hx_vdrun *dr, const hx_vdexpect *e)
{
	unsigned long group[HX_VCHK_GROUPS] = { 0 }, total = hx_checkers_total(dr->chk);
	bool bad = false;
	char *text;

	for (unsigned k = 0; k < HX_VCHK_KINDS; k++) {
		unsigned long n = hx_checkers_count(dr->chk, (enum hx_chk_kind)k);
		long want = e ? e->kind[k] : 0;
		group[k < HX_VCHK_LOCK_KINDS ? HX_VCHK_LOCK : HX_VCHK_DMA_API] += n;
		if (want >= 0 && n != (unsigned long)want) {
			say(dr->r, "expect.checker_reports.%s: %lu reports, expected %ld", hx_chk_kind_name((enum hx_chk_kind)k),
			    n, want);
			bad = true;
		}
	}
	for (unsigned g = 0; e && g < HX_VCHK_GROUPS; g++)
		if (e->group[g] >= 0 && group[g] != (unsigned long)e->group[g]) {
			say(dr->r, "expect.checker_reports.%s: %lu reports, expected %ld", group_text[g], group[g], e->group[g]);
			bad = true;
		}
	if (e && e->total >= 0 && total != (unsigned long)e->total) {
		say(dr->r, "expect.checker_reports: %lu reports, expected %ld", total, e->total);
		bad = true;
	}
	if (!bad || !total)
		return;
	text = malloc(HX_VEC_MSG_MAX);
	if (!text) {
		dr->r->oom = true;
		return;
	}
	hx_checkers_report(dr->chk, text, HX_VEC_MSG_MAX);
	for (char *line = text, *nl; *line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		else
			nl = line + strlen(line);
		say(dr->r, "  %s", line);
	}
	free(text);
}

void hx_vdrv_check(hx_vrun *r)
{
	hx_vdrun *dr = r->drv;
	const hx_vdexpect *e = r->v->expect.drv;
	bool failed = hx_sim_failed(r->s);

	if (!dr)
		return;
	if (e)
		check_status(dr, e);
	if (e && e->has_cbs)
		check_callbacks(dr, e);
	/* clean-up as a client would: release every channel, then unmap what is the client's */
	for (size_t i = 0; i < dr->cfg->nchans && !failed; i++)
		if (dr->chans[i]) {
			dmac_release_chan(dr->chans[i]);
			dr->chans[i] = NULL;
		}
	while (dr->nmaps && !failed) {
		hx_vdmap m = dr->maps[dr->nmaps - 1];
		unmap_client(dr, m.addr, m.len, m.dir);
	}
	if (hx_sim_failed(r->s) && !failed)
		say(r, "clean-up (releasing the channels) failed at cycle %" PRIu64 ": %s", hx_sim_cycle(r->s),
		    hx_sim_failure(r->s));
	if (!failed)
		hx_checkers_finish(dr->chk);
	check_reports(dr, e);
}
