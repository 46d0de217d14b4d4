/* The co-verification system: the per-cycle scheduler with fast-forward, and the simulated CPU
 * contexts (thread, deferred work, hard IRQ) of the software that drives it. See harness/sim.h.
 */
#include "harness/sim.h"
#include "prng.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HX_SIM_NEVER UINT64_MAX

/* Defaults of hx_sim_config (a zero field takes them) */
#define HX_SIM_DEF_MMIO_CYCLES 4u
#define HX_SIM_DEF_LAT_MIN     8u
#define HX_SIM_DEF_LAT_MAX     16u
#define HX_SIM_DEF_STORM       1000u

/* Seed of the bus's generator: a different stream from the sim's own */
#define HX_SIM_BUS_SEED_SALT   0x6275732d77616974ull /* "bus-wait" */

/** hx_sim_work - a deferred work item */
struct hx_sim_work {
	void (*fn)(hx_sim *s, void *arg);
	void *arg;
};

struct hx_sim {
	hx_sim_config cfg;              /* with the defaults filled in */
	pl08x_dev *dev;
	hx_bus *bus;
	hx_trace *trace;
	unsigned masters;
	hx_periph *periphs[HX_SIM_MAX_PERIPHS];
	unsigned n_periphs;
	hx_ahb_check check[PL08X_MASTERS];

	/* pins: inputs of the current and previous cycle, outputs of the current and previous cycle */
	pl08x_pins_in in, prev_in;
	pl08x_pins_out out, prev_out;
	uint64_t skipped;
	uint64_t rng;                   /* splitmix64 state */

	/* the CPU */
	enum hx_sim_ctx ctx;
	bool irqs_on;                   /* interrupts enabled in the running context */
	void (*irq_handler)(hx_sim *s, void *arg);
	void *irq_arg;
	bool irq_level;                 /* DMACINTR as last sampled */
	bool irq_recheck;               /* a handler returned: look at the line at the next sample */
	uint64_t irq_takeable;          /* cycle from which the interrupt may be taken, or NEVER */
	unsigned long irq_count;
	unsigned storm;                 /* entries since the line was last seen low */
	struct hx_sim_work work[HX_SIM_WORK_MAX];
	unsigned work_head, work_len;
	enum pl08x_access last_access;
	void (*on_pins)(void *ctx, uint64_t cycle, const pl08x_pins_out *out);
	void *on_pins_ctx;
	struct hx_sim_beat_obs {
		void (*fn)(void *ctx, const hx_bus_beat *beat);
		void *ctx;
	} beat_obs[HX_SIM_MAX_BEAT_OBSERVERS];
	unsigned n_beat_obs;

	bool failed;
	char failure[256];
};

/* ---- seeded choices ------------------------------------------------------------------------ */

/* Uniform in [0, @n] (the bias of the modulo is below 2^-40 for the small ranges used here) */
static uint64_t hx_sim_draw(hx_sim *s, uint64_t n)
{
	return hx_splitmix64(&s->rng) % (n + 1);
}

static uint64_t hx_sim_irq_latency(hx_sim *s)
{
	unsigned lo = s->cfg.irq_latency_min, hi = s->cfg.irq_latency_max;

	return lo == hi ? lo : lo + hx_sim_draw(s, hi - lo);
}

/* ---- creation ----------------------------------------------------------------------------- */

static void hx_sim_defaults(hx_sim_config *c)
{
	if (!c->mmio_cycles)
		c->mmio_cycles = HX_SIM_DEF_MMIO_CYCLES;
	if (!c->irq_latency_fixed && !c->irq_latency_min && !c->irq_latency_max) {
		c->irq_latency_min = HX_SIM_DEF_LAT_MIN;
		c->irq_latency_max = HX_SIM_DEF_LAT_MAX;
	}
	if (c->irq_latency_max < c->irq_latency_min)
		c->irq_latency_max = c->irq_latency_min;
	if (c->preempt_percent > 100)
		c->preempt_percent = 100;
	if (!c->irq_storm_limit)
		c->irq_storm_limit = HX_SIM_DEF_STORM;
}

static void hx_sim_on_beat(void *ctx, const hx_bus_beat *beat)
{
	hx_sim *s = ctx;

	hx_trace_beat(s->trace, beat, hx_bus_slave_name(s->bus, beat->slave));
	for (unsigned i = 0; i < s->n_beat_obs; i++)
		s->beat_obs[i].fn(s->beat_obs[i].ctx, beat);
}

hx_sim *hx_sim_create(const hx_sim_config *cfg)
{
	hx_sim *s = calloc(1, sizeof(*s));
	uint64_t bus_seed;

	if (!s)
		return NULL;
	s->cfg = *cfg;
	hx_sim_defaults(&s->cfg);
	s->rng = s->cfg.seed;
	bus_seed = s->cfg.seed ^ HX_SIM_BUS_SEED_SALT;
	s->dev = pl08x_create(s->cfg.variant);
	if (s->dev) {
		s->masters = pl08x_masters(s->dev);
		s->bus = hx_bus_create(s->masters, hx_splitmix64(&bus_seed));
	}
	s->trace = hx_trace_create();
	if (!s->dev || !s->bus || !s->trace) {
		hx_sim_destroy(s);
		return NULL;
	}
	hx_bus_on_beat(s->bus, hx_sim_on_beat, s);
	for (unsigned m = 0; m < PL08X_MASTERS; m++)
		hx_ahb_check_init(&s->check[m], m);
	pl08x_outputs(s->dev, &s->out);
	s->prev_out = s->out;
	hx_trace_pins(s->trace, 0, &s->out, NULL, s->masters);
	s->ctx = HX_SIM_CTX_THREAD;
	s->irqs_on = true;
	s->irq_takeable = HX_SIM_NEVER;
	s->last_access = PL08X_ACCESS_OK;
	return s;
}

void hx_sim_destroy(hx_sim *s)
{
	if (!s)
		return;
	for (unsigned i = 0; i < s->n_periphs; i++)
		hx_periph_destroy(s->periphs[i]);
	hx_bus_destroy(s->bus);
	hx_trace_destroy(s->trace);
	pl08x_destroy(s->dev);
	free(s);
}

pl08x_dev *hx_sim_dev(hx_sim *s)
{
	return s->dev;
}

hx_bus *hx_sim_bus(hx_sim *s)
{
	return s->bus;
}

hx_trace *hx_sim_trace(hx_sim *s)
{
	return s->trace;
}

int hx_sim_add_periph(hx_sim *s, hx_periph *p)
{
	if (s->n_periphs == HX_SIM_MAX_PERIPHS)
		return -1;
	s->periphs[s->n_periphs++] = p;
	return 0;
}

hx_periph *hx_sim_periph(hx_sim *s, unsigned idx)
{
	return idx < s->n_periphs ? s->periphs[idx] : NULL;
}

unsigned hx_sim_periph_count(const hx_sim *s)
{
	return s->n_periphs;
}

const hx_ahb_check *hx_sim_check(const hx_sim *s, unsigned master)
{
	return master < PL08X_MASTERS ? &s->check[master] : NULL;
}

uint64_t hx_sim_cycle(const hx_sim *s)
{
	return pl08x_cycle(s->dev);
}

const pl08x_pins_out *hx_sim_outputs(const hx_sim *s)
{
	return &s->out;
}

uint64_t hx_sim_skipped(const hx_sim *s)
{
	return s->skipped;
}

/* ---- the scheduler ------------------------------------------------------------------------ */

static bool hx_sim_in_equal(const pl08x_pins_in *a, const pl08x_pins_in *b)
{
	for (unsigned m = 0; m < PL08X_MASTERS; m++)
		if (a->hready[m] != b->hready[m] || a->hresp[m] != b->hresp[m] || a->hrdata[m] != b->hrdata[m])
			return false;
	return a->breq == b->breq && a->sreq == b->sreq && a->lbreq == b->lbreq && a->lsreq == b->lsreq;
}

/* The outputs that move when the model does (a model at rest drives the same pins twice) */
static bool hx_sim_out_settled(const pl08x_pins_out *a, const pl08x_pins_out *b)
{
	for (unsigned m = 0; m < PL08X_MASTERS; m++)
		if (a->htrans[m] != b->htrans[m] || a->haddr[m] != b->haddr[m] || a->hwdata[m] != b->hwdata[m])
			return false;
	return a->clr == b->clr && a->tc == b->tc && a->intr == b->intr;
}

/* The interrupt controller samples DMACINTR of the current cycle (after each step) */
static void hx_sim_irq_sample(hx_sim *s)
{
	bool level = s->out.intr;

	if (!level) {
		s->irq_takeable = HX_SIM_NEVER;        /* level-sensitive: a dropped line is gone */
		s->storm = 0;
		s->irq_recheck = false;
	} else if (!s->irq_level || s->irq_recheck) {
		if (s->irq_takeable == HX_SIM_NEVER)
			s->irq_takeable = hx_sim_cycle(s) + hx_sim_irq_latency(s);
		s->irq_recheck = false;
	}
	s->irq_level = level;
}

/*
 * The first cycle after @c at which anything may change if nothing is stepped, capped at @limit;
 * c + 1 when the sim must step (see "Fast-forward" in sim.h). Called with the inputs of cycle @c.
 */
static uint64_t hx_sim_quiet_until(hx_sim *s, uint64_t c, uint64_t limit)
{
	uint64_t until = limit;

	/* cheap tests first; the outputs of cycle c - 1 also keep a busy model from the trial step */
	if (s->cfg.no_fast_forward || limit <= c + 1 || s->irq_recheck || !hx_bus_idle(s->bus) ||
	    !hx_sim_out_settled(&s->out, &s->prev_out) || !hx_sim_in_equal(&s->in, &s->prev_in))
		return c + 1;
	for (unsigned i = 0; i < s->n_periphs && until > c + 1; i++) {
		uint64_t x = hx_periph_next_change(s->periphs[i], c + 1);

		if (x < until)
			until = x;
	}
	if (until <= c + 1 || pl08x_quiet_cycles(s->dev, &s->in) != PL08X_NEVER)
		return c + 1;
	return until;
}

/* Cycle c = hx_sim_cycle(): steps 1-4 of sim.h, or a fast-forward to at most @limit (> c) */
static void hx_sim_tick(hx_sim *s, uint64_t limit)
{
	uint64_t c = hx_sim_cycle(s);
	uint16_t req[4] = { 0 };
	uint64_t until;

	s->prev_in = s->in;
	hx_bus_cycle(s->bus, c, &s->out, &s->in);
	for (unsigned m = 0; m < s->masters; m++)
		hx_ahb_check_step(&s->check[m], c, &s->out, &s->in);
	for (unsigned i = 0; i < s->n_periphs; i++) {
		unsigned bits = 0;
		uint16_t line = (uint16_t)(1u << hx_periph_line(s->periphs[i]));

		hx_periph_cycle(s->periphs[i], c, &s->out, &bits);
		for (unsigned k = 0; k < 4; k++)
			if ((bits >> k) & 1u)
				req[k] |= line;
	}
	s->in.breq = req[0];
	s->in.sreq = req[1];
	s->in.lbreq = req[2];
	s->in.lsreq = req[3];
	hx_trace_pins(s->trace, c, NULL, &s->in, s->masters);

	until = hx_sim_quiet_until(s, c, limit);
	s->prev_out = s->out;
	if (until > c + 1) {
		pl08x_skip(s->dev, until - c);
		s->skipped += until - c;
		return;
	}
	pl08x_step(s->dev, &s->in, &s->out);
	hx_trace_pins(s->trace, c + 1, &s->out, NULL, s->masters);
	if (s->on_pins)
		s->on_pins(s->on_pins_ctx, c + 1, &s->out);
	hx_sim_irq_sample(s);
}

void hx_sim_step(hx_sim *s)
{
	hx_sim_tick(s, hx_sim_cycle(s) + 1);
}

bool hx_sim_run_to(hx_sim *s, uint64_t cycle)
{
	if (hx_sim_cycle(s) > cycle)
		return false;
	while (hx_sim_cycle(s) < cycle)
		hx_sim_tick(s, cycle);
	return true;
}

/* ---- the CPU: interrupts and deferred work -------------------------------------------------- */

enum hx_sim_ctx hx_sim_context(const hx_sim *s)
{
	return s->ctx;
}

bool hx_sim_in_atomic(const hx_sim *s)
{
	return s->ctx == HX_SIM_CTX_HARDIRQ || !s->irqs_on;
}

unsigned long hx_sim_irq_count(const hx_sim *s)
{
	return s->irq_count;
}

enum pl08x_access hx_sim_last_access(const hx_sim *s)
{
	return s->last_access;
}

void hx_sim_set_irq_handler(hx_sim *s, void (*handler)(hx_sim *s, void *arg), void *arg)
{
	s->irq_handler = handler;
	s->irq_arg = arg;
}

void hx_sim_on_pins(hx_sim *s, void (*fn)(void *ctx, uint64_t cycle, const pl08x_pins_out *out), void *ctx)
{
	s->on_pins = fn;
	s->on_pins_ctx = ctx;
}

int hx_sim_add_beat_observer(hx_sim *s, void (*fn)(void *ctx, const hx_bus_beat *beat), void *ctx)
{
	if (!fn || s->n_beat_obs == HX_SIM_MAX_BEAT_OBSERVERS)
		return -1;
	s->beat_obs[s->n_beat_obs++] = (struct hx_sim_beat_obs){ fn, ctx };
	return 0;
}

void hx_sim_remove_beat_observer(hx_sim *s, void (*fn)(void *ctx, const hx_bus_beat *beat), void *ctx)
{
	for (unsigned i = 0; i < s->n_beat_obs; i++) {
		if (s->beat_obs[i].fn != fn || s->beat_obs[i].ctx != ctx)
			continue;
		for (unsigned j = i + 1; j < s->n_beat_obs; j++)
			s->beat_obs[j - 1] = s->beat_obs[j];
		s->n_beat_obs--;
		return;
	}
}

int hx_sim_queue_work(hx_sim *s, void (*fn)(hx_sim *s, void *arg), void *arg)
{
	if (s->work_len == HX_SIM_WORK_MAX)
		return -1;
	s->work[(s->work_head + s->work_len++) % HX_SIM_WORK_MAX] = (struct hx_sim_work){ fn, arg };
	return 0;
}

/* Can the running context take an interrupt (leaving aside whether one is due)? */
static bool hx_sim_irq_open(const hx_sim *s)
{
	return s->irq_handler && !s->failed && s->ctx != HX_SIM_CTX_HARDIRQ && s->irqs_on;
}

static void hx_sim_take_irq(hx_sim *s)
{
	enum hx_sim_ctx ctx = s->ctx;
	bool on = s->irqs_on;

	s->irq_takeable = HX_SIM_NEVER;        /* acknowledged: a new rise or a re-check re-arms */
	s->irq_recheck = false;
	if (s->storm >= s->cfg.irq_storm_limit) {
		hx_sim_fail(s, "interrupt storm: DMACINTR still high after %u handler runs in a row",
			    s->cfg.irq_storm_limit);
		return;
	}
	s->storm++;
	s->irq_count++;
	s->ctx = HX_SIM_CTX_HARDIRQ;
	s->irqs_on = false;
	hx_trace_note(s->trace, hx_sim_cycle(s), "hardirq-enter", NULL);
	s->irq_handler(s, s->irq_arg);
	hx_trace_note(s->trace, hx_sim_cycle(s), "hardirq-leave", NULL);
	s->ctx = ctx;
	s->irqs_on = on;
	if (s->irq_level)
		s->irq_recheck = true;          /* level-triggered: look again at the next sample */
}

static void hx_sim_run_work(hx_sim *s)
{
	while (s->work_len && !s->failed) {
		struct hx_sim_work w = s->work[s->work_head];

		s->work_head = (s->work_head + 1) % HX_SIM_WORK_MAX;
		s->work_len--;
		s->ctx = HX_SIM_CTX_DEFERRED;
		hx_trace_note(s->trace, hx_sim_cycle(s), "deferred-enter", NULL);
		w.fn(s, w.arg);
		hx_trace_note(s->trace, hx_sim_cycle(s), "deferred-leave", NULL);
		s->ctx = HX_SIM_CTX_THREAD;
		if (!s->irqs_on) {
			hx_sim_fail(s, "deferred work returned with interrupts masked");
			s->irqs_on = true;
		}
	}
}

/* An interrupt point: take a due interrupt, then run deferred work when back in thread context */
static void hx_sim_irq_point(hx_sim *s)
{
	while (!s->failed) {
		if (hx_sim_irq_open(s) && s->irq_takeable <= hx_sim_cycle(s))
			hx_sim_take_irq(s);
		else if (s->ctx == HX_SIM_CTX_THREAD && s->irqs_on && s->work_len)
			hx_sim_run_work(s);
		else
			break;
	}
}

unsigned long hx_sim_irq_save(hx_sim *s)
{
	unsigned long flags = s->irqs_on;

	s->irqs_on = false;
	return flags;
}

void hx_sim_irq_restore(hx_sim *s, unsigned long flags)
{
	bool was_on = s->irqs_on;

	s->irqs_on = flags != 0;
	if (s->irqs_on && !was_on)
		hx_sim_irq_point(s);
}

/* ---- the CPU: time -------------------------------------------------------------------------- */

/* Let @n cycles pass without an interrupt point (the CPU is busy) */
static void hx_sim_busy(hx_sim *s, uint64_t n)
{
	uint64_t c = hx_sim_cycle(s);

	hx_sim_run_to(s, n > HX_SIM_NEVER - c ? HX_SIM_NEVER : c + n);
}

/* The cost of one register access, paid before it */
static void hx_sim_mmio_cost(hx_sim *s)
{
	uint64_t n = s->cfg.mmio_cycles;

	if (s->cfg.mmio_jitter)
		n += hx_sim_draw(s, s->cfg.mmio_jitter);
	hx_sim_busy(s, n);
}

/* After a register access: an interrupt point, then perhaps a seeded preemption of the thread */
static void hx_sim_after_access(hx_sim *s)
{
	hx_sim_irq_point(s);
	if (s->ctx != HX_SIM_CTX_THREAD || !s->cfg.preempt_percent || s->failed)
		return;
	if (hx_sim_draw(s, 99) >= s->cfg.preempt_percent)
		return;
	unsigned span = s->cfg.mmio_cycles > s->cfg.mmio_jitter ? s->cfg.mmio_cycles : s->cfg.mmio_jitter;
	uint64_t n = 1 + hx_sim_draw(s, span - 1);
	char text[32];

	snprintf(text, sizeof(text), "%" PRIu64, n);
	hx_trace_note(s->trace, hx_sim_cycle(s), "thread-preempt", text);
	hx_sim_busy(s, n);
	hx_sim_irq_point(s);
}

uint32_t hx_sim_mmio_read(hx_sim *s, uint32_t offset)
{
	uint32_t value;

	hx_sim_mmio_cost(s);
	s->last_access = pl08x_read(s->dev, offset, &value);
	hx_trace_reg(s->trace, hx_sim_cycle(s), false, offset, pl08x_reg_name(s->dev, offset), value,
		     (int)s->last_access);
	hx_sim_after_access(s);
	return value;
}

void hx_sim_mmio_write(hx_sim *s, uint32_t offset, uint32_t value)
{
	hx_sim_mmio_cost(s);
	s->last_access = pl08x_write(s->dev, offset, value);
	hx_trace_reg(s->trace, hx_sim_cycle(s), true, offset, pl08x_reg_name(s->dev, offset), value,
		     (int)s->last_access);
	hx_sim_after_access(s);
}

void hx_sim_cpu_delay(hx_sim *s, uint64_t cycles)
{
	if (s->failed)
		return;
	hx_sim_busy(s, cycles);
	hx_sim_irq_point(s);
}

bool hx_sim_wait_until(hx_sim *s, bool (*pred)(hx_sim *s, void *arg), void *arg, uint64_t timeout,
		    const char *what)
{
	uint64_t start = hx_sim_cycle(s);
	uint64_t deadline = timeout > HX_SIM_NEVER - start ? HX_SIM_NEVER : start + timeout;

	for (;;) {
		uint64_t c, limit = deadline;

		hx_sim_irq_point(s);
		if (s->failed)
			return false;
		if (pred(s, arg))
			return true;
		c = hx_sim_cycle(s);
		if (c >= deadline) {
			hx_sim_fail(s, "%s: timeout after %" PRIu64 " cycles at cycle %" PRIu64,
				    what ? what : "wait", timeout, c);
			return false;
		}
		/* stop a fast-forward at the cycle an interrupt becomes takeable */
		if (hx_sim_irq_open(s) && s->irq_takeable > c && s->irq_takeable < limit)
			limit = s->irq_takeable;
		hx_sim_tick(s, limit);
	}
}

/* ---- failure ------------------------------------------------------------------------------ */

void hx_sim_fail(hx_sim *s, const char *fmt, ...)
{
	va_list ap;

	if (s->failed)
		return;
	s->failed = true;
	va_start(ap, fmt);
	vsnprintf(s->failure, sizeof(s->failure), fmt, ap);
	va_end(ap);
	hx_trace_note(s->trace, hx_sim_cycle(s), "fail", s->failure);
}

bool hx_sim_failed(const hx_sim *s)
{
	return s->failed;
}

const char *hx_sim_failure(const hx_sim *s)
{
	return s->failed ? s->failure : "";
}
