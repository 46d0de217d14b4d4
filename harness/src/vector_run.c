/* Running a loaded vector: build its system on a hx_sim, run the stimulus in thread context
 * and the irq_handler in hard-IRQ context, then check the expectations into hx_vec_result.
 * Message formats are those of docs/vector-format.md ("Failure messages"). A run owns all its
 * state (struct hx_vrun on the caller's stack, the sim), so runs go on in parallel threads.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness/sim.h"
#include "vector_drv.h"
#include "vector_exec.h"
#include "vector_internal.h"

#define MAX_ROWS 24     /* rows of the interrupt table */
#define DIFF_CONTEXT 4  /* bytes shown each side of the first difference */

/* ---- messages ---- */

#define say hx_vrun_say

void hx_vrun_say(hx_vrun *r, const char *fmt, ...)
{
	size_t room = sizeof(r->res->message) - r->len;
	va_list ap;
	int n;

	r->res->passed = false;
	if (room <= 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(r->res->message + r->len, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	r->len += (size_t)n < room ? (size_t)n : room - 1;
	if (r->len + 1 < sizeof(r->res->message) && r->res->message[r->len - 1] != '\n') {
		r->res->message[r->len++] = '\n';
		r->res->message[r->len] = '\0';
	}
}

/* ---- interrupt edges ---- */

static void on_pins(void *ctx, uint64_t cycle, const pl08x_pins_out *out)
{
	hx_vrun *r = ctx;
	const bool now[HX_VIRQ_LINES] = { out->intr, out->inttc, out->interr };

	for (unsigned l = 0; l < HX_VIRQ_LINES; l++) {
		if (now[l] && !r->level[l]) {
			if (r->nedges == r->cap) {
				size_t cap = r->cap ? 2 * r->cap : 64;
				hx_vedge *e = realloc(r->edges, cap * sizeof(*e));
				if (!e) {
					r->oom = true;
					continue;
				}
				r->edges = e;
				r->cap = cap;
			}
			r->edges[r->nedges++] = (hx_vedge){ (enum hx_virq_line)l, cycle };
			r->seen[l]++;
		}
		r->level[l] = now[l];
	}
	hx_vbeats_pins(r, cycle, out);
}

/* ---- steps ---- */

static void put_word(uint8_t *p, uint32_t w, bool big)
{
	for (unsigned i = 0; i < 4; i++)
		p[i] = (uint8_t)(w >> (big ? 24 - 8 * i : 8 * i));
}

/* The bytes @d stands for, at @at of @master (the lanes of that memory for words); NULL if OOM */
static uint8_t *data_bytes(hx_vrun *r, const hx_vdata *d, unsigned master, uint32_t at, const uint8_t *snap)
{
	uint8_t *b = malloc(d->length ? d->length : 1);
	bool big = master && hx_bus_mem_big_endian(hx_sim_bus(r->s), master - 1, at);

	if (!b) {
		r->oom = true;
		return NULL;
	}
	for (uint32_t i = 0; i < d->length; i++) {
		switch (d->kind) {
		case HX_VD_PATTERN: b[i] = hx_pattern_byte(d->value, i); break;
		case HX_VD_FILL:    b[i] = (uint8_t)d->value; break;
		case HX_VD_BYTES:   b[i] = d->bytes[i]; break;
		case HX_VD_COPY:    b[i] = snap[i]; break;
		case HX_VD_WORDS:
			if (i % 4 == 0)
				put_word(b + i, d->words[i / 4], big);
			break;
		case HX_VD_CRC32:   b[i] = 0; break;
		}
	}
	return b;
}

static void mem_write(hx_vrun *r, const hx_vrange *g)
{
	uint8_t *b = data_bytes(r, &g->data, g->master, g->at, NULL);

	if (b && hx_bus_mem_write(hx_sim_bus(r->s), g->master - 1, g->at, b, g->data.length))
		hx_sim_fail(r->s, "line %d: %s", g->line, hx_bus_error(hx_sim_bus(r->s)));
	free(b);
}

static void lli_write(hx_vrun *r, const hx_vstep *st)
{
	hx_bus *bus = hx_sim_bus(r->s);
	bool big = hx_bus_mem_big_endian(bus, st->range.master - 1, st->range.at);

	for (size_t i = 0; i < st->nitems; i++) {
		const pl08x_lli *l = &st->items[i];
		uint8_t b[16];
		put_word(b, l->src, big);
		put_word(b + 4, l->dst, big);
		put_word(b + 8, l->lli, big);
		put_word(b + 12, l->ctl, big);
		if (hx_bus_mem_write(bus, st->range.master - 1, st->range.at + 16u * (uint32_t)i, b, 16))
			hx_sim_fail(r->s, "line %d: %s", st->line, hx_bus_error(bus));
	}
}

struct wait_arg {
	hx_vrun *r;
	const hx_vstep *st;
	uint64_t until;
};

static bool pred_irq(hx_sim *s, void *arg)
{
	struct wait_arg *w = arg;
	(void)s;
	return w->r->seen[w->st->irq] > w->r->waited[w->st->irq];
}

static bool pred_cycle(hx_sim *s, void *arg)
{
	return hx_sim_cycle(s) >= ((struct wait_arg *)arg)->until;
}

static bool pred_idle(hx_sim *s, void *arg)
{
	(void)arg;
	return pl08x_rd(hx_sim_dev(s), PL08X_ENBLD_CHNS) == 0 && hx_bus_idle(hx_sim_bus(s));
}

/* A step's timeout, cut to what system.timeout leaves */
static uint64_t budget(hx_vrun *r, uint64_t want)
{
	uint64_t c = hx_sim_cycle(r->s);
	uint64_t left = r->v->timeout > c ? r->v->timeout - c : 0;
	return want < left ? want : left;
}

/* A wait's name for the sim's timeout message, telling when system.timeout cut it short */
static void wait_name(hx_vrun *r, const char *where, const char *kind, uint64_t want, char *buf, size_t len)
{
	if (budget(r, want) < want)
		snprintf(buf, len, "%s: %s, cut short by system.timeout %" PRIu64, where, kind, r->v->timeout);
	else
		snprintf(buf, len, "%s: %s", where, kind);
}

/* Where a step is, for messages: "stimulus[3] (line 12)" or "irq_handler[0] (line 30, entry 2)" */
static void step_where(hx_vrun *r, bool irq, size_t i, const hx_vstep *st, char *buf, size_t len)
{
	if (irq)
		snprintf(buf, len, "irq_handler[%zu] (line %d, entry %lu)", i, st->line, r->irq_entries);
	else
		snprintf(buf, len, "stimulus[%zu] (line %d)", i, st->line);
}

static void run_step(hx_vrun *r, bool irq, size_t i, const hx_vstep *st)
{
	hx_sim *s = r->s;
	char where[96], reg[32], what[160];
	struct wait_arg w = { r, st, 0 };
	uint32_t v;

	step_where(r, irq, i, st, where, sizeof(where));
	hx_vec_reg_label(hx_sim_dev(s), st->reg, reg, sizeof(reg));
	switch (st->kind) {
	case HX_VS_WRITE:
		hx_sim_mmio_write(s, st->reg, st->value);
		break;
	case HX_VS_READ:
		v = hx_sim_mmio_read(s, st->reg);
		if (st->has_expect && (v & st->mask) != (st->value & st->mask))
			say(r, "%s: read %s at cycle %" PRIu64 " = 0x%08" PRIx32 ", expected 0x%08" PRIx32
			    " (mask 0x%08" PRIx32 ")", where, reg, hx_sim_cycle(s), v, st->value, st->mask);
		break;
	case HX_VS_POLL: {
		uint64_t start = hx_sim_cycle(s), limit = budget(r, st->cycles);
		for (;;) {
			v = hx_sim_mmio_read(s, st->reg);
			if ((v & st->mask) == st->value || hx_sim_failed(s))
				break;
			if (hx_sim_cycle(s) - start >= limit) {
				hx_sim_fail(s, "%s: poll %s: 0x%08" PRIx32 " after %" PRIu64 " cycles at cycle %" PRIu64
					    ", waiting for (value & 0x%08" PRIx32 ") == 0x%08" PRIx32, where, reg, v,
					    hx_sim_cycle(s) - start, hx_sim_cycle(s), st->mask, st->value);
				break;
			}
		}
		break;
	}
	case HX_VS_WAIT_IRQ:
		snprintf(reg, sizeof(reg), "wait_irq %s", hx_vec_irq_line_name(st->irq));
		wait_name(r, where, reg, st->cycles, what, sizeof(what));
		if (hx_sim_wait_until(s, pred_irq, &w, budget(r, st->cycles), what))
			r->waited[st->irq] = r->seen[st->irq];
		break;
	case HX_VS_WAIT:
		wait_name(r, where, "wait", st->cycles, what, sizeof(what));
		w.until = hx_sim_cycle(s) + st->cycles;
		hx_sim_wait_until(s, pred_cycle, &w, budget(r, st->cycles), what);
		break;
	case HX_VS_DELAY:
		w.until = budget(r, st->cycles);
		hx_sim_cpu_delay(s, w.until);
		if (w.until < st->cycles)
			hx_sim_fail(s, "%s: delay, cut short by system.timeout %" PRIu64 " at cycle %" PRIu64, where,
				    r->v->timeout, hx_sim_cycle(s));
		break;
	case HX_VS_WAIT_IDLE:
		wait_name(r, where, "wait_idle", st->cycles, what, sizeof(what));
		hx_sim_wait_until(s, pred_idle, &w, budget(r, st->cycles), what);
		break;
	case HX_VS_PROGRAM: {
		uint32_t base = PL08X_CH_BASE(st->channel);
		hx_sim_mmio_write(s, base + PL08X_CH_SRC_ADDR, st->src);
		hx_sim_mmio_write(s, base + PL08X_CH_DEST_ADDR, st->dst);
		hx_sim_mmio_write(s, base + PL08X_CH_LLI, st->lli);
		hx_sim_mmio_write(s, base + PL08X_CH_CONTROL, st->control);
		hx_sim_mmio_write(s, base + PL08X_CH_CONFIG, st->config);
		break;
	}
	case HX_VS_LLI:
		lli_write(r, st);
		break;
	case HX_VS_MEM:
		mem_write(r, &st->range);
		break;
	default:
		hx_vdrv_step(r, st, where);
		break;
	}
	if (!hx_sim_failed(s) && hx_sim_cycle(s) > r->v->timeout)
		hx_sim_fail(s, "system.timeout: cycle %" PRIu64 " passed the limit of %" PRIu64 " cycles in %s",
			    hx_sim_cycle(s), r->v->timeout, where);
}

static void irq_handler(hx_sim *s, void *arg)
{
	hx_vrun *r = arg;

	r->irq_entries++;
	for (size_t i = 0; i < r->v->nirq_handler && !hx_sim_failed(s); i++)
		run_step(r, true, i, &r->v->irq_handler[i]);
}

/* ---- building the system ---- */

static int build(hx_vrun *r, char *err, size_t err_len)
{
	const hx_vec *v = r->v;
	hx_bus *bus = hx_sim_bus(r->s);

	for (size_t i = 0; i < v->nmems; i++) {
		const hx_vmemory *m = &v->mems[i];
		if (hx_bus_add_mem(bus, m->name, m->master - 1, m->base, m->size, m->big_endian, m->waits) < 0)
			goto bus_fail;
		for (size_t k = 0; k < m->ninit; k++)
			mem_write(r, &m->init[k]);
	}
	for (size_t i = 0; i < v->nerrors; i++) {
		const hx_verror_region *e = &v->errors[i];
		if (hx_bus_add_error(bus, e->name, e->master - 1, e->base, e->size, e->on_read, e->on_write, e->waits) < 0)
			goto bus_fail;
	}
	for (size_t i = 0; i < v->nperiphs; i++) {
		hx_periph_config c = v->periphs[i].cfg;
		char perr[160];
		hx_periph *p;
		c.master -= 1;
		p = hx_periph_create(&c, bus, perr, sizeof(perr));
		if (!p) {
			snprintf(err, err_len, "system.peripherals[%zu]: %s", i, perr);
			return -1;
		}
		if (hx_sim_add_periph(r->s, p) < 0) {
			hx_periph_destroy(p);
			snprintf(err, err_len, "system.peripherals: more than %d", HX_SIM_MAX_PERIPHS);
			return -1;
		}
	}
	if (hx_sim_failed(r->s)) {
		snprintf(err, err_len, "%s", hx_sim_failure(r->s));
		return -1;
	}
	/* copy_of sources as they are before the stimulus */
	if (v->expect.nmemory) {
		r->snap = calloc(v->expect.nmemory, sizeof(*r->snap));
		if (!r->snap)
			goto oom;
	}
	for (size_t i = 0; i < v->expect.nmemory; i++) {
		const hx_vdata *d = &v->expect.memory[i].data;
		if (d->kind != HX_VD_COPY)
			continue;
		r->snap[i] = malloc(d->length);
		if (!r->snap[i])
			goto oom;
		if (hx_bus_mem_read(bus, d->copy_master - 1, d->copy_at, r->snap[i], d->length))
			goto bus_fail;
	}
	return 0;
bus_fail:
	snprintf(err, err_len, "system: %s", hx_bus_error(bus));
	return -1;
oom:
	snprintf(err, err_len, "out of memory");
	return -1;
}

/* ---- checks ---- */

static uint32_t crc32_ieee(const uint8_t *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (unsigned k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
	}
	return ~c;
}

static void hexrow(char *buf, size_t len, const uint8_t *b, size_t from, size_t to, size_t mark)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = from; i < to && o + 8 < len; i++)
		o += (size_t)snprintf(buf + o, len - o, i == mark ? "%s[%02x]" : "%s%02x", i > from ? " " : "", b[i]);
}

static void check_memory(hx_vrun *r, size_t idx)
{
	const hx_vrange *g = &r->v->expect.memory[idx];
	const hx_vdata *d = &g->data;
	uint8_t *exp = NULL, *act = NULL;
	const uint8_t *got;
	char what[96];
	size_t n = d->length;

	if (g->periph >= 0) {
		size_t clen;
		got = hx_periph_captured(hx_sim_periph(r->s, (unsigned)g->periph), &clen);
		snprintf(what, sizeof(what), "peripheral %s", r->v->periphs[g->periph].cfg.name);
		if (clen != n) {
			say(r, "expect.memory[%zu] (line %d): %s captured %zu bytes, expected %zu", idx, g->line, what, clen, n);
			if (clen < n)
				n = clen;
		}
	} else {
		act = malloc(n);
		if (!act || hx_bus_mem_read(hx_sim_bus(r->s), g->master - 1, g->at, act, n)) {
			r->oom = true;
			free(act);
			return;
		}
		got = act;
		snprintf(what, sizeof(what), "master %u 0x%08" PRIx32, g->master, g->at);
	}
	if (d->kind == HX_VD_CRC32) {
		uint32_t c = crc32_ieee(got, n);
		if (c != d->value)
			say(r, "expect.memory[%zu] (line %d): %s, %" PRIu32 " bytes: crc32 0x%08" PRIx32 ", expected 0x%08" PRIx32,
			    idx, g->line, what, d->length, c, d->value);
		free(act);
		return;
	}
	exp = data_bytes(r, d, g->master, g->at, r->snap ? r->snap[idx] : NULL);
	if (!exp) {
		free(act);
		return;
	}
	size_t first = n, ndiff = 0;
	for (size_t i = 0; i < n; i++)
		if (exp[i] != got[i]) {
			ndiff++;
			if (first == n)
				first = i;
		}
	if (ndiff) {
		size_t from = first > DIFF_CONTEXT ? first - DIFF_CONTEXT : 0;
		size_t to = first + DIFF_CONTEXT + 1 < n ? first + DIFF_CONTEXT + 1 : n;
		char e[64], a[64], at[32], row[32];
		hexrow(e, sizeof(e), exp, from, to, first);
		hexrow(a, sizeof(a), got, from, to, first);
		if (g->periph >= 0) {
			snprintf(at, sizeof(at), "byte %zu", first);
			snprintf(row, sizeof(row), "byte %zu", from);
		} else {
			snprintf(at, sizeof(at), "0x%08" PRIx32, g->at + (uint32_t)first);
			snprintf(row, sizeof(row), "0x%08" PRIx32, g->at + (uint32_t)from);
		}
		say(r, "expect.memory[%zu] (line %d): %s, %" PRIu32 " bytes: %zu differ, first at %s: expected 0x%02x, "
		    "actual 0x%02x\n  expected at %s: %s\n  actual   at %s: %s",
		    idx, g->line, what, d->length, ndiff, at, exp[first], got[first], row, e, row, a);
	}
	free(exp);
	free(act);
}

static bool edge_row_ok(const hx_vedge_row *a, const hx_vedge_row *x)
{
	return a->key == x->key && a->min >= x->min && a->min <= x->max;
}

static void edge_row_text(char *buf, size_t len, const hx_vedge_row *e,
			  void (*name)(char *buf, size_t len, unsigned key))
{
	char n[32];

	name(n, sizeof(n), e->key);
	if (e->min == 0 && e->max == UINT64_MAX)
		snprintf(buf, len, "%s @ any", n);
	else if (e->min == e->max)
		snprintf(buf, len, "%s @ %" PRIu64, n, e->min);
	else
		snprintf(buf, len, "%s @ %" PRIu64 "..%" PRIu64, n, e->min, e->max);
}

void hx_vrun_compare_edges(hx_vrun *r, const char *what, const hx_vedge_row *exp, size_t nexp,
			   const hx_vedge_row *act, size_t nact,
			   void (*name)(char *buf, size_t len, unsigned key))
{
	size_t rows = nact > nexp ? nact : nexp, bad = SIZE_MAX;

	for (size_t i = 0; i < rows && bad == SIZE_MAX; i++)
		if (i >= nact || i >= nexp || !edge_row_ok(&act[i], &exp[i]))
			bad = i;
	if (bad == SIZE_MAX)
		return;
	size_t from = bad > MAX_ROWS / 2 ? bad - MAX_ROWS / 2 : 0;
	size_t to = from + MAX_ROWS < rows ? from + MAX_ROWS : rows;
	say(r, "%s: %zu edges expected, %zu seen; first difference at #%zu", what, nexp, nact, bad);
	say(r, "    #  expected                  actual");
	for (size_t i = from; i < to; i++) {
		char x[48] = "-", y[48] = "-";
		bool ok = i < nact && i < nexp && edge_row_ok(&act[i], &exp[i]);

		if (i < nexp)
			edge_row_text(x, sizeof(x), &exp[i], name);
		if (i < nact)
			edge_row_text(y, sizeof(y), &act[i], name);
		say(r, "  %c %-3zu%-26s%s", ok ? ' ' : '*', i, x, y);
	}
	if (to < rows)
		say(r, "    ... %zu more", rows - to);
}

static void irq_line_name(char *buf, size_t len, unsigned key)
{
	snprintf(buf, len, "%s", hx_vec_irq_line_name((enum hx_virq_line)key));
}

static void check_irqs(hx_vrun *r)
{
	const hx_vexpect *e = &r->v->expect;
	size_t nact = 0;
	hx_vedge_row *act = malloc((r->nedges + 1) * sizeof(*act));
	hx_vedge_row *exp = malloc((e->nirqs + 1) * sizeof(*exp));

	if (!act || !exp) {
		r->oom = true;
	} else {
		for (size_t i = 0; i < r->nedges; i++)
			if (e->lines_checked & (1u << r->edges[i].line))
				act[nact++] = (hx_vedge_row){ r->edges[i].line, r->edges[i].cycle, r->edges[i].cycle };
		for (size_t i = 0; i < e->nirqs; i++)
			exp[i] = (hx_vedge_row){ e->irqs[i].line, e->irqs[i].min, e->irqs[i].max };
		hx_vrun_compare_edges(r, "expect.interrupts", exp, e->nirqs, act, nact, irq_line_name);
	}
	free(exp);
	free(act);
}

static void check_all(hx_vrun *r)
{
	const hx_vec *v = r->v;
	const hx_vexpect *e = &v->expect;
	hx_bus_stats bs;
	unsigned long viol = 0, under = 0;

	hx_bus_get_stats(hx_sim_bus(r->s), &bs);
	for (size_t i = 0; i < e->nmemory; i++)
		check_memory(r, i);
	if (e->has_irqs)
		check_irqs(r);
	hx_vbeats_check(r);
	for (size_t i = 0; i < e->nregs; i++) {
		const hx_vreg_check *c = &e->regs[i];
		uint32_t val = pl08x_rd(hx_sim_dev(r->s), c->reg);
		char reg[32];
		if ((val & c->mask) == (c->value & c->mask))
			continue;
		hx_vec_reg_label(hx_sim_dev(r->s), c->reg, reg, sizeof(reg));
		say(r, "expect.registers[%zu] (line %d): %s = 0x%08" PRIx32 ", expected 0x%08" PRIx32 " (mask 0x%08" PRIx32 ")",
		    i, c->line, reg, val, c->value, c->mask);
	}
	if (e->has_bus_errors && bs.errors != e->bus_errors)
		say(r, "expect.bus_errors: %lu ERROR responses, expected %lu", bs.errors, e->bus_errors);
	if (bs.stray != e->stray_accesses)
		say(r, "expect.stray_accesses: %lu transfers hit no slave (the first at 0x%08" PRIx32 "), expected %lu",
		    bs.stray, bs.stray_addr, e->stray_accesses);
	for (unsigned m = 0; m < pl08x_masters(hx_sim_dev(r->s)); m++)
		viol += hx_sim_check(r->s, m)->total;
	r->res->violations = viol;
	if (viol != e->protocol_violations) {
		say(r, "expect.protocol_violations: %lu AHB protocol violations, expected %lu", viol, e->protocol_violations);
		for (unsigned m = 0; m < pl08x_masters(hx_sim_dev(r->s)); m++) {
			const hx_ahb_check *c = hx_sim_check(r->s, m);
			if (c->total)
				say(r, "  AHB%u: %lu, the first at cycle %" PRIu64 ": %s", m + 1, c->total, c->first_cycle,
				    c->first);
		}
	}
	if (e->has_end && (r->res->cycles < e->end_min || r->res->cycles > e->end_max))
		say(r, "expect.end_cycle: the stimulus ended at cycle %" PRIu64 ", expected %" PRIu64 "..%" PRIu64,
		    r->res->cycles, e->end_min, e->end_max);
	for (unsigned i = 0; i < hx_sim_periph_count(r->s); i++) {
		hx_periph_stats st;
		hx_periph_get_stats(hx_sim_periph(r->s, i), &st);
		under += st.underruns + st.overruns;
	}
	if (e->has_underruns && under != e->underruns)
		say(r, "expect.underruns: %lu FIFO underruns and overruns, expected %lu", under, e->underruns);
}

/* ---- the run ---- */

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int hx_vec_run(const hx_vec *v, const hx_vec_run_opts *opts, hx_vec_result *res)
{
	hx_vrun r = { .v = v, .res = res };
	hx_sim_config cfg = {
		.variant = v->variant,
		.seed = opts ? opts->seed : v->seed,
		.mmio_cycles = v->mmio_cycles,
		.mmio_jitter = v->mmio_jitter,
		.preempt_percent = v->preempt_percent,
		.irq_latency_min = v->irq_latency_min,
		.irq_latency_max = v->irq_latency_max,
		.irq_latency_fixed = true,
	};
	double t0 = now_seconds();
	char err[HX_VEC_MSG_MAX / 2];
	int rc = 0;

	memset(res, 0, sizeof(*res));
	res->passed = true;
	r.seed = cfg.seed;
	r.s = hx_sim_create(&cfg);
	if (!r.s) {
		snprintf(res->message, sizeof(res->message), "out of memory");
		res->passed = false;
		return -1;
	}
	if (build(&r, err, sizeof(err))) {
		snprintf(res->message, sizeof(res->message), "%s", err);
		res->passed = false;
		rc = -1;
		goto out;
	}
	if (opts && opts->hx_trace_stem) {
		size_t n = strlen(opts->hx_trace_stem) + 8;
		char *jp = malloc(n), *vp = malloc(n);
		int ok = -1;
		if (jp && vp) {
			snprintf(jp, n, "%s.jsonl", opts->hx_trace_stem);
			snprintf(vp, n, "%s.vcd", opts->hx_trace_stem);
			ok = hx_trace_open(hx_sim_trace(r.s), jp, vp, pl08x_masters(hx_sim_dev(r.s)));
		}
		free(jp);
		free(vp);
		if (ok) {
			snprintf(res->message, sizeof(res->message), "cannot write the trace %s.jsonl/.vcd", opts->hx_trace_stem);
			res->passed = false;
			rc = -1;
			goto out;
		}
	}
	hx_sim_on_pins(r.s, on_pins, &r);
	if (hx_vbeats_setup(&r, err, sizeof(err))) {
		snprintf(res->message, sizeof(res->message), "%s", err);
		res->passed = false;
		rc = -1;
		goto out;
	}
	if (v->drv && hx_vdrv_setup(&r, err, sizeof(err))) {
		snprintf(res->message, sizeof(res->message), "%s", err);
		res->passed = false;
		rc = -1;
		goto out;
	}
	if (v->has_irq_handler)
		hx_sim_set_irq_handler(r.s, irq_handler, &r);

	for (size_t i = 0; i < v->nstimulus && !hx_sim_failed(r.s); i++)
		run_step(&r, false, i, &v->stimulus[i]);
	res->cycles = hx_sim_cycle(r.s);

	if (hx_sim_failed(r.s))
		say(&r, "run failed at cycle %" PRIu64 ": %s", res->cycles, hx_sim_failure(r.s));
	check_all(&r);
	if (v->drv)
		hx_vdrv_check(&r);
	if (r.oom)
		say(&r, "out of memory while running");

	hx_bus_stats bs;
	hx_bus_get_stats(hx_sim_bus(r.s), &bs);
	for (unsigned m = 0; m < PL08X_MASTERS; m++)
		res->beats += bs.beats[m];
	res->irqs = hx_sim_irq_count(r.s);
	res->hash = hx_trace_hash(hx_sim_trace(r.s));
	res->events = hx_trace_events(hx_sim_trace(r.s));
	if (opts && opts->hx_trace_stem && hx_trace_close(hx_sim_trace(r.s)))
		say(&r, "writing the trace %s.jsonl/.vcd failed", opts->hx_trace_stem);
out:
	hx_vdrv_free(&r);
	hx_sim_destroy(r.s);
	if (r.snap)
		for (size_t i = 0; i < v->expect.nmemory; i++)
			free(r.snap[i]);
	free(r.snap);
	free(r.edges);
	hx_vbeats_free(&r);
	res->wall_seconds = now_seconds() - t0;
	return rc;
}
