/* hx_check_lock.c - the lock checker: lockdep's ideas on one simulated CPU.
 *
 * It keeps the locks held now (a stack that hard IRQ entries push onto and pop off again),
 * the usage of each lock class (taken in hard IRQ; held outside it with the interrupt enabled)
 * and the order graph of the whole run: an edge A -> B for "B taken while A held, in the same
 * context". Dependencies are per class, so two instances of "vchan" share one node, and an
 * order seen with two different channels still closes a cycle.
 * The interrupt state comes from each event's @atomic (hx_sim_in_atomic() at the call): a lock
 * still held at an event where the interrupt is enabled outside hard IRQ was "held with the
 * interrupt enabled" (the harness port's acquire masks first, so a correct driver never is).
 */
#include "hx_checkers_priv.h"

#include <string.h>

static unsigned hx_chk_class_of(hx_checkers *c, const char *name)
{
	if (!name)
		name = "?";
	for (unsigned i = 0; i < c->n_classes; i++)
		if (c->classes[i].name == name || strcmp(c->classes[i].name, name) == 0)
			return i;
	if (c->n_classes == HX_CHK_MAX_CLASSES)
		return HX_CHK_NO_CLASS;
	c->classes[c->n_classes] = (struct hx_chk_class){ .name = name };
	return c->n_classes++;
}

static hx_chk_report hx_chk_at(const osal_hx_event *ev)
{
	return (hx_chk_report){ .cycle = ev->cycle, .ctx = ev->ctx };
}

/* Both usages of @cls seen: report once */
static void hx_chk_irq_usage(hx_checkers *c, unsigned cls, const osal_hx_event *ev)
{
	const struct hx_chk_class *k = &c->classes[cls];
	hx_chk_report r = hx_chk_at(ev);

	if (!k->in_hardirq || !k->irq_on)
		return;
	r.lock_a = r.lock_b = k->name;
	hx_chk_report_add(c, HX_CHK_LOCK_IRQ_UNSAFE, cls, 0, &r,
			  "lock '%s' taken in hard IRQ (cycle %llu) and held with the interrupt enabled "
			  "in %s (cycle %llu): an interrupt taken there spins on the lock for ever "
			  "(inconsistent {IN-HARDIRQ} / {HARDIRQ-ON} usage)",
			  k->name, (unsigned long long)k->hardirq_cycle, hx_chk_ctx_name(k->irq_on_ctx),
			  (unsigned long long)k->irq_on_cycle);
}

/* Locks of @ev's context still held while the interrupt is enabled there */
static void hx_chk_irq_on(hx_checkers *c, const osal_hx_event *ev)
{
	if (ev->ctx == HX_SIM_CTX_HARDIRQ || ev->atomic)
		return;
	for (unsigned i = 0; i < c->n_held; i++) {
		struct hx_chk_held *h = &c->held[i];
		struct hx_chk_class *k;

		if (h->ctx != ev->ctx || h->cls == HX_CHK_NO_CLASS)
			continue;
		k = &c->classes[h->cls];
		if (!k->irq_on) {
			k->irq_on = true;
			k->irq_on_cycle = ev->cycle;
			k->irq_on_ctx = ev->ctx;
		}
		hx_chk_irq_usage(c, h->cls, ev);
	}
}

/* Is @to reachable from @from in the order graph? Fills @path (classes, from first) */
static bool hx_chk_reach(const hx_checkers *c, unsigned from, unsigned to, bool *seen,
			 unsigned *path, unsigned *len)
{
	path[(*len)++] = from;
	if (from == to)
		return true;
	seen[from] = true;
	for (unsigned n = 0; n < c->n_classes; n++)
		if (c->edge[from][n].seen && !seen[n] && hx_chk_reach(c, n, to, seen, path, len))
			return true;
	(*len)--;
	return false;
}

/* The edge @from -> @to (taking @to while holding @from): report the cycle it closes */
static void hx_chk_order(hx_checkers *c, unsigned from, unsigned to, const osal_hx_event *ev)
{
	struct hx_chk_edge *e = &c->edge[from][to];
	hx_chk_report r = hx_chk_at(ev);
	bool seen[HX_CHK_MAX_CLASSES] = { false };
	unsigned path[HX_CHK_MAX_CLASSES + 1], len = 0;
	char chain[160];
	size_t off = 0;

	if (e->seen)
		return;
	r.lock_a = c->classes[from].name;
	r.lock_b = c->classes[to].name;
	if (from == to) {
		hx_chk_report_add(c, HX_CHK_LOCK_ORDER, from, to, &r,
				  "lock '%s' taken while another '%s' lock is held: two locks of one class "
				  "at once, in no fixed order (a cycle of length 1)",
				  r.lock_b, r.lock_a);
	} else if (hx_chk_reach(c, to, from, seen, path, &len)) {
		const struct hx_chk_edge *back = &c->edge[path[0]][path[1]];

		chain[0] = '\0';
		for (unsigned i = 0; i < len && off < sizeof(chain); i++) {
			int n = snprintf(chain + off, sizeof(chain) - off, "%s'%s'", i ? " -> " : "",
					 c->classes[path[i]].name);
			if (n < 0)
				break;
			off += (size_t)n;
		}
		hx_chk_report_add(c, HX_CHK_LOCK_ORDER, from, to, &r,
				  "lock '%s' taken while holding '%s', but the order %s was seen before "
				  "('%s' -> '%s' first at cycle %llu, %s): two CPUs taking them in these "
				  "orders deadlock",
				  r.lock_b, r.lock_a, chain, c->classes[path[0]].name, c->classes[path[1]].name,
				  (unsigned long long)back->cycle, hx_chk_ctx_name(back->ctx));
	}
	e->seen = true;
	e->cycle = ev->cycle;
	e->ctx = ev->ctx;
}

static void hx_chk_acquire(hx_checkers *c, const osal_hx_event *ev)
{
	unsigned cls = hx_chk_class_of(c, ev->name);
	hx_chk_report r = hx_chk_at(ev);

	r.lock_a = r.lock_b = ev->name;
	for (unsigned i = 0; i < c->n_held; i++) {
		const struct hx_chk_held *h = &c->held[i];

		if (h->lock == ev->obj) {
			hx_chk_report_add(c, HX_CHK_LOCK_RECURSIVE, cls, 0, &r,
					  "lock '%s' taken again while held (taken at cycle %llu in %s): "
					  "the CPU spins on a lock it holds, a deadlock on real hardware",
					  ev->name ? ev->name : "?", (unsigned long long)h->cycle,
					  hx_chk_ctx_name(h->ctx));
			continue;
		}
		/* Dependencies only within one context: an interrupt does not order its locks
		 * after those of the code it interrupted (as lockdep's irq_context) */
		if (h->ctx == ev->ctx && cls != HX_CHK_NO_CLASS && h->cls != HX_CHK_NO_CLASS)
			hx_chk_order(c, h->cls, cls, ev);
	}
	if (cls != HX_CHK_NO_CLASS && ev->ctx == HX_SIM_CTX_HARDIRQ && !c->classes[cls].in_hardirq) {
		c->classes[cls].in_hardirq = true;
		c->classes[cls].hardirq_cycle = ev->cycle;
		hx_chk_irq_usage(c, cls, ev);
	}
	/* Pushed even when recursive, so that the two releases balance */
	if (c->n_held < HX_CHK_MAX_HELD)
		c->held[c->n_held++] = (struct hx_chk_held){ ev->obj, cls, ev->ctx, ev->cycle };
}

static void hx_chk_release(hx_checkers *c, const osal_hx_event *ev)
{
	/* The innermost hold of that lock; releases need not be in reverse order */
	for (unsigned i = c->n_held; i-- > 0;) {
		if (c->held[i].lock != ev->obj)
			continue;
		memmove(&c->held[i], &c->held[i + 1], (c->n_held - i - 1) * sizeof(c->held[0]));
		c->n_held--;
		return;
	}
}

/* The held locks as "'a', 'b'" for a report */
static void hx_chk_held_names(const hx_checkers *c, char *buf, size_t size)
{
	size_t off = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < c->n_held && off < size; i++) {
		unsigned cls = c->held[i].cls;
		int n = snprintf(buf + off, size - off, "%s'%s'", i ? ", " : "",
				 cls == HX_CHK_NO_CLASS ? "?" : c->classes[cls].name);
		if (n < 0)
			break;
		off += (size_t)n;
	}
}

/* Why @ev's context is atomic, or NULL when it may sleep; @held gets the held locks */
static const char *hx_chk_atomic_why(const hx_checkers *c, const osal_hx_event *ev, char *held,
				     size_t size)
{
	held[0] = '\0';
	if (c->n_held) {
		hx_chk_held_names(c, held, size);
		return "with driver locks held";
	}
	if (ev->ctx == HX_SIM_CTX_HARDIRQ)
		return "in hard IRQ";
	if (ev->atomic)
		return "with the interrupt masked";
	return NULL;
}

static void hx_chk_might_sleep(hx_checkers *c, const osal_hx_event *ev)
{
	char held[96];
	const char *why = hx_chk_atomic_why(c, ev, held, sizeof(held));
	const char *what = ev->name ? ev->name : "?";
	hx_chk_report r = hx_chk_at(ev);
	uint64_t key = 1469598103934665603ull;    /* FNV-1a of the function's name */

	if (!why && ev->ctx != HX_SIM_CTX_THREAD)
		why = "in deferred work (a tasklet: atomic)";
	if (!why)
		return;
	for (const char *p = what; *p; p++)
		key = (key ^ (uint8_t)*p) * 1099511628211ull;
	if (c->n_held && c->held[c->n_held - 1].cls != HX_CHK_NO_CLASS)
		r.lock_a = c->classes[c->held[c->n_held - 1].cls].name;
	hx_chk_report_add(c, HX_CHK_SLEEP_IN_ATOMIC, key, 0, &r,
			  "%s() may sleep, called %s%s%s%s: sleeping there stalls the CPU or deadlocks",
			  what, why, held[0] ? " (" : "", held, held[0] ? ")" : "");
}

static void hx_chk_callback(hx_checkers *c, const osal_hx_event *ev)
{
	char held[96];
	const char *why = hx_chk_atomic_why(c, ev, held, sizeof(held));
	hx_chk_report r = hx_chk_at(ev);
	unsigned top = c->n_held ? c->held[c->n_held - 1].cls : HX_CHK_NO_CLASS;

	if (!why)
		return;
	if (top != HX_CHK_NO_CLASS)
		r.lock_a = c->classes[top].name;
	hx_chk_report_add(c, HX_CHK_CALLBACK_UNDER_LOCK, top, ev->ctx, &r,
			  "a client callback called %s%s%s%s: a callback that submits, queries or "
			  "terminates takes them again and deadlocks",
			  why, held[0] ? " (" : "", held, held[0] ? ")" : "");
}

void hx_chk_lock_event(hx_checkers *c, const osal_hx_event *ev)
{
	hx_chk_irq_on(c, ev);
	switch (ev->kind) {
	case OSAL_HX_LOCK_ACQUIRE:   hx_chk_acquire(c, ev); break;
	case OSAL_HX_LOCK_RELEASE:   hx_chk_release(c, ev); break;
	case OSAL_HX_MIGHT_SLEEP:    hx_chk_might_sleep(c, ev); break;
	case OSAL_HX_CALLBACK_BEGIN: hx_chk_callback(c, ev); break;
	default: break;
	}
}
