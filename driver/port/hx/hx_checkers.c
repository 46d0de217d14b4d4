/* hx_checkers.c - attaching the checkers, and their reports (see hx_checkers.h). */
#include "hx_checkers_priv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const hx_chk_names[HX_CHK_KINDS] = {
	[HX_CHK_LOCK_RECURSIVE] = "lock-recursive",
	[HX_CHK_LOCK_IRQ_UNSAFE] = "lock-irq-unsafe",
	[HX_CHK_LOCK_ORDER] = "lock-order",
	[HX_CHK_SLEEP_IN_ATOMIC] = "sleep-in-atomic",
	[HX_CHK_CALLBACK_UNDER_LOCK] = "callback-under-lock",
	[HX_CHK_DMA_WRONG_DIR] = "dma-wrong-dir",
	[HX_CHK_DMA_OUTSIDE] = "dma-outside",
	[HX_CHK_DMA_DOUBLE_UNMAP] = "dma-double-unmap",
	[HX_CHK_DMA_BAD_UNMAP] = "dma-bad-unmap",
	[HX_CHK_DMA_LEAK] = "dma-leak",
	[HX_CHK_DMA_CPU_READ] = "dma-cpu-read",
};

const char *hx_chk_kind_name(enum hx_chk_kind kind)
{
	return (unsigned)kind < HX_CHK_KINDS ? hx_chk_names[kind] : "?";
}

int hx_chk_kind_parse(const char *name)
{
	for (int k = 0; k < HX_CHK_KINDS; k++)
		if (name && strcmp(name, hx_chk_names[k]) == 0)
			return k;
	return -1;
}

const char *hx_chk_ctx_name(enum hx_sim_ctx ctx)
{
	switch (ctx) {
	case HX_SIM_CTX_THREAD:   return "thread";
	case HX_SIM_CTX_DEFERRED: return "deferred";
	case HX_SIM_CTX_HARDIRQ:  return "hardirq";
	}
	return "?";
}

bool hx_chk_grow(void **arr, size_t *cap, size_t n, size_t size)
{
	size_t want = *cap ? *cap * 2 : 16;
	void *p;

	if (n < *cap)
		return true;
	p = realloc(*arr, want * size);
	if (!p)
		return false;
	*arr = p;
	*cap = want;
	return true;
}

/* ---- reports ----------------------------------------------------------------------------------- */

bool hx_chk_report_add(hx_checkers *c, enum hx_chk_kind kind, uint64_t k1, uint64_t k2,
		       const hx_chk_report *r, const char *fmt, ...)
{
	struct hx_chk_key *key;
	va_list ap;

	for (size_t i = 0; i < c->n_keys; i++) {
		key = &c->keys[i];
		if (key->kind == kind && key->k1 == k1 && key->k2 == k2) {
			key->hits++;
			if (key->report >= 0)
				c->reports[key->report].hits = key->hits;
			return false;
		}
	}
	c->count[kind]++;
	/* Out of memory for the key: the problem is still counted, a repeat may count again */
	if (!hx_chk_grow((void **)&c->keys, &c->cap_keys, c->n_keys, sizeof(*c->keys)))
		return true;
	key = &c->keys[c->n_keys++];
	*key = (struct hx_chk_key){ kind, k1, k2, -1, 1 };
	if (c->n_reports < HX_CHK_MAX_REPORTS) {
		hx_chk_report *out = &c->reports[c->n_reports];
		int n;

		*out = *r;
		out->kind = kind;
		out->hits = 1;
		n = snprintf(out->text, sizeof(out->text), "%s cycle %llu %s: ", hx_chk_names[kind],
			     (unsigned long long)r->cycle, hx_chk_ctx_name(r->ctx));
		if (n > 0 && (size_t)n < sizeof(out->text)) {
			va_start(ap, fmt);
			vsnprintf(out->text + n, sizeof(out->text) - (size_t)n, fmt, ap);
			va_end(ap);
		}
		key->report = (int)c->n_reports++;
	}
	return true;
}

unsigned long hx_checkers_count(const hx_checkers *c, enum hx_chk_kind kind)
{
	return (unsigned)kind < HX_CHK_KINDS ? c->count[kind] : 0;
}

unsigned long hx_checkers_total(const hx_checkers *c)
{
	unsigned long t = 0;

	for (unsigned k = 0; k < HX_CHK_KINDS; k++)
		t += c->count[k];
	return t;
}

const hx_chk_report *hx_checkers_get(const hx_checkers *c, unsigned idx)
{
	return idx < c->n_reports ? &c->reports[idx] : NULL;
}

/* Append to @buf as snprintf would, keeping the total length in *@len */
static void hx_chk_cat(char *buf, size_t size, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void hx_chk_cat(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(*len < size ? buf + *len : NULL, *len < size ? size - *len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n;
}

size_t hx_checkers_report(const hx_checkers *c, char *buf, size_t size)
{
	size_t len = 0;
	unsigned long total = hx_checkers_total(c);

	if (size)
		buf[0] = '\0';
	for (unsigned i = 0; i < c->n_reports; i++) {
		if (c->reports[i].hits > 1)
			hx_chk_cat(buf, size, &len, "%s (seen %lu times)\n", c->reports[i].text,
				   c->reports[i].hits);
		else
			hx_chk_cat(buf, size, &len, "%s\n", c->reports[i].text);
	}
	if (!total)
		return len;
	if (total > c->n_reports)
		hx_chk_cat(buf, size, &len, "(%lu more reports not kept)\n", total - c->n_reports);
	hx_chk_cat(buf, size, &len, "checkers:");
	for (unsigned k = 0; k < HX_CHK_KINDS; k++)
		if (c->count[k])
			hx_chk_cat(buf, size, &len, " %s=%lu", hx_chk_names[k], c->count[k]);
	hx_chk_cat(buf, size, &len, "\n");
	return len;
}

/* ---- attaching --------------------------------------------------------------------------------- */

static void hx_chk_hook(void *ctx, const osal_hx_event *ev)
{
	hx_checkers *c = ctx;

	hx_chk_lock_event(c, ev);
	hx_chk_dma_event(c, ev);
}

hx_checkers *hx_checkers_attach(hx_sim *sim, struct osal_dev *od)
{
	hx_checkers *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->sim = sim;
	c->od = od;
	c->hooked = osal_hx_add_hook(od, hx_chk_hook, c) == 0;
	c->observing = hx_sim_add_beat_observer(sim, hx_chk_dma_beat, c) == 0;
	if (!c->hooked || !c->observing) {
		hx_checkers_detach(c);
		return NULL;
	}
	return c;
}

void hx_checkers_detach(hx_checkers *c)
{
	if (!c)
		return;
	if (c->hooked)
		osal_hx_remove_hook(c->od, hx_chk_hook, c);
	if (c->observing)
		hx_sim_remove_beat_observer(c->sim, hx_chk_dma_beat, c);
	hx_chk_dma_free(c);
	free(c->keys);
	free(c);
}

void hx_checkers_finish(hx_checkers *c)
{
	if (c->finished)
		return;
	c->finished = true;
	hx_chk_dma_finish(c);
}
