/* Testbench for the Criterion tests of the model: see tb.h for the cycle conventions. */
#include "tb.h"

#include "harness/bus.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Which slave owns a data phase */
enum { TB_T_STRAY, TB_T_MEM, TB_T_ERR, TB_T_PERIPH };

/* ---- small helpers ------------------------------------------------------------------------ */

static void tb_fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("tb: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* Make room for @need elements in the array @p of capacity *@cap */
static void *tb_grow(void *p, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 256;
	void *q;

	if (need <= *cap)
		return p;
	while (n < need)
		n *= 2;
	q = realloc(p, n * elem);
	if (!q)
		tb_fatal("out of memory (%zu elements)", n);
	*cap = n;
	return q;
}

static bool tb_in(uint32_t base, uint32_t size, uint32_t addr)
{
	return addr >= base && addr - base < size;
}

static unsigned tb_bytes(uint8_t hsize)
{
	return hsize <= PL08X_HSIZE_32 ? 1u << hsize : 4u;
}

static bool tb_active(uint8_t htrans)
{
	return htrans == PL08X_HTRANS_NONSEQ || htrans == PL08X_HTRANS_SEQ;
}

static unsigned tb_next_wait(tb_waits *w)
{
	if (!w->len)
		return w->fixed;
	w->next %= w->len;
	return w->pattern[w->next++];
}

static void tb_log(tb *t, unsigned kind, unsigned line, bool high, uint64_t cycle)
{
	t->events = tb_grow(t->events, &t->events_size, t->n_events + 1, sizeof *t->events);
	t->events[t->n_events++] = (tb_event){ .cycle = cycle, .kind = (uint8_t)kind,
					       .line = (uint8_t)line, .high = high };
	if (high)
		t->rises[kind]++;
}

static void tb_violation(tb *t, uint64_t cycle, unsigned m, uint32_t addr, const char *what)
{
	if (!t->violations++)
		snprintf(t->violation, sizeof t->violation, "cycle %llu AHB%u 0x%08x: %s",
			 (unsigned long long)cycle, m + 1, (unsigned)addr, what);
}

/* ---- creation and slaves ------------------------------------------------------------------ */

tb *tb_create(enum pl08x_variant variant)
{
	tb *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->dev = pl08x_create(variant);
	if (!t->dev) {
		free(t);
		return NULL;
	}
	t->in = pl08x_pins_in_idle();   /* the "previous cycle" of the first step: nothing held */
	return t;
}

tb *tb_create_m2m(uint32_t mem_size)
{
	tb *t = tb_create(PL08X_VARIANT_PL080);
	if (!t)
		return NULL;
	tb_add_mem(t, 0, 0, mem_size, 0);
	tb_add_mem(t, 1, 0, mem_size, 0);
	tb_wr(t, PL08X_CONFIG, PL08X_VAL(PL08X_CONFIG_E, 1));
	return t;
}

void tb_destroy(tb *t)
{
	if (!t)
		return;
	for (unsigned i = 0; i < t->n_mems; i++)
		free(t->mems[i].data);
	for (unsigned i = 0; i < t->n_periphs; i++) {
		free(t->periphs[i].cap);
		free(t->periphs[i].queue);
	}
	free(t->beats);
	free(t->events);
	pl08x_destroy(t->dev);
	free(t);
}

uint64_t tb_cycle(const tb *t)
{
	return pl08x_cycle(t->dev);
}

static void tb_check_master(unsigned master)
{
	if (master >= PL08X_MASTERS)
		tb_fatal("master %u does not exist", master);
}

tb_mem *tb_add_mem(tb *t, unsigned master, uint32_t base, uint32_t size, unsigned wait_states)
{
	tb_mem *m;

	tb_check_master(master);
	if (t->n_mems == TB_MAX_MEMS)
		tb_fatal("more than %d memories", TB_MAX_MEMS);
	m = &t->mems[t->n_mems++];
	*m = (tb_mem){ .master = master, .base = base, .size = size,
		       .waits = { .fixed = wait_states } };
	m->data = calloc(size ? size : 1, 1);
	if (!m->data)
		tb_fatal("out of memory (a memory of %u bytes)", (unsigned)size);
	return m;
}

tb_err *tb_add_error(tb *t, unsigned master, uint32_t base, uint32_t size, bool on_read, bool on_write)
{
	tb_err *e;

	tb_check_master(master);
	if (t->n_errs == TB_MAX_ERRS)
		tb_fatal("more than %d error regions", TB_MAX_ERRS);
	e = &t->errs[t->n_errs++];
	*e = (tb_err){ .master = master, .base = base, .size = size,
		       .on_read = on_read, .on_write = on_write };
	return e;
}

tb_periph *tb_add_periph(tb *t, unsigned line, unsigned master, uint32_t addr)
{
	tb_periph *p;

	tb_check_master(master);
	if (line >= PL08X_REQ_LINES)
		tb_fatal("request line %u does not exist", line);
	if (t->n_periphs == TB_MAX_PERIPHS)
		tb_fatal("more than %d peripherals", TB_MAX_PERIPHS);
	p = &t->periphs[t->n_periphs++];
	*p = (tb_periph){ .line = line, .master = master, .addr = addr, .size = 4 };
	return p;
}

void tb_periph_request(tb_periph *p, unsigned kind, uint64_t at)
{
	p->queue = tb_grow(p->queue, &p->q_size, p->q_len + 1, sizeof *p->queue);
	p->queue[p->q_len++] = (tb_req){ .kind = kind & 0xFu, .at = at };
}

void tb_waits_set(tb_waits *w, const uint8_t *pattern, unsigned n)
{
	if (n > TB_WAIT_PATTERN_MAX)
		tb_fatal("wait pattern of %u entries (max %d)", n, TB_WAIT_PATTERN_MAX);
	memcpy(w->pattern, pattern, n);
	w->len = n;
	w->next = 0;
}

/* ---- memory helpers ----------------------------------------------------------------------- */

/* The memory of @master holding [@addr, @addr + @len), or abort */
static tb_mem *tb_need_mem(tb *t, unsigned master, uint32_t addr, size_t len)
{
	for (unsigned i = 0; i < t->n_mems; i++) {
		tb_mem *m = &t->mems[i];

		if (m->master == master && tb_in(m->base, m->size, addr) &&
		    len <= (size_t)(m->size - (addr - m->base)))
			return m;
	}
	tb_fatal("no memory holds AHB%u 0x%08x + %zu", master + 1, (unsigned)addr, len);
	return NULL;
}

/* The bytes of [@addr, @addr + @len) on @master, or abort */
static uint8_t *tb_need(tb *t, unsigned master, uint32_t addr, size_t len)
{
	tb_mem *m = tb_need_mem(t, master, addr, len);

	return m->data + (addr - m->base);
}

void tb_mem_write(tb *t, unsigned master, uint32_t addr, const void *buf, size_t len)
{
	memmove(tb_need(t, master, addr, len), buf, len);
}

void tb_mem_read(tb *t, unsigned master, uint32_t addr, void *buf, size_t len)
{
	memmove(buf, tb_need(t, master, addr, len), len);
}

void tb_mem_fill(tb *t, unsigned master, uint32_t addr, size_t len, uint8_t byte)
{
	memset(tb_need(t, master, addr, len), byte, len);
}

/* The harness's pattern, so vectors and the model tests name the same bytes by a seed */
uint8_t tb_pattern_byte(uint32_t seed, size_t i)
{
	return hx_pattern_byte(seed, i);
}

void tb_mem_pattern(tb *t, unsigned master, uint32_t addr, size_t len, uint32_t seed)
{
	uint8_t *p = tb_need(t, master, addr, len);

	for (size_t i = 0; i < len; i++)
		p[i] = tb_pattern_byte(seed, i);
}

long tb_mem_cmp(tb *t, unsigned ma, uint32_t a, unsigned mb, uint32_t b, size_t len)
{
	const uint8_t *pa = tb_need(t, ma, a, len), *pb = tb_need(t, mb, b, len);

	for (size_t i = 0; i < len; i++)
		if (pa[i] != pb[i])
			return (long)i;
	return -1;
}

/* The byte lanes are the harness bus fabric's (harness/bus.h), so both agree by construction */
static uint32_t tb_word(const tb_mem *m, uint32_t addr)
{
	return hx_lanes_read(m->data, m->base, m->size, addr, m->big_endian);
}

static void tb_store(tb_mem *m, uint32_t addr, unsigned n, uint32_t data)
{
	hx_lanes_write(m->data, m->base, m->size, addr, n, data, m->big_endian);
}

/* Shift of a value of @n bytes at @addr within the bus word */
static unsigned tb_shift(uint32_t addr, unsigned n, bool big_endian)
{
	return big_endian ? 8u * (4u - n - (addr & (4u - n))) : 8u * (addr & (4u - n));
}

uint8_t tb_rd8(tb *t, unsigned master, uint32_t addr)
{
	tb_mem *m = tb_need_mem(t, master, addr, 1);

	return (uint8_t)(tb_word(m, addr) >> tb_shift(addr, 1, m->big_endian));
}

uint16_t tb_rd16(tb *t, unsigned master, uint32_t addr)
{
	tb_mem *m = tb_need_mem(t, master, addr, 2);

	return (uint16_t)(tb_word(m, addr) >> tb_shift(addr, 2, m->big_endian));
}

uint32_t tb_rd32(tb *t, unsigned master, uint32_t addr)
{
	return tb_word(tb_need_mem(t, master, addr, 4), addr);
}

void tb_wr32(tb *t, unsigned master, uint32_t addr, uint32_t v)
{
	tb_store(tb_need_mem(t, master, addr, 4), addr, 4, v);
}

/* ---- registers ---------------------------------------------------------------------------- */

enum pl08x_access tb_wr(tb *t, uint32_t off, uint32_t v)
{
	t->last_access = pl08x_write(t->dev, off, v);
	return t->last_access;
}

uint32_t tb_rd(tb *t, uint32_t off)
{
	uint32_t v;

	t->last_access = pl08x_read(t->dev, off, &v);
	return v;
}

uint32_t tb_ch_rd(tb *t, unsigned ch, uint32_t reg)
{
	return tb_rd(t, PL08X_CH_BASE(ch) + reg);
}

enum pl08x_access tb_program(tb *t, unsigned ch, const pl08x_lli *item, uint32_t config)
{
	const uint32_t off[5] = { PL08X_CH_SRC_ADDR, PL08X_CH_DEST_ADDR, PL08X_CH_LLI,
				  PL08X_CH_CONTROL, PL08X_CH_CONFIG };
	const uint32_t val[5] = { item->src, item->dst, item->lli, item->ctl, config };
	enum pl08x_access first = PL08X_ACCESS_OK;

	for (unsigned i = 0; i < 5; i++) {
		enum pl08x_access r = tb_wr(t, PL08X_CH_BASE(ch) + off[i], val[i]);

		if (first == PL08X_ACCESS_OK)
			first = r;
	}
	return first;
}

void tb_write_lli(tb *t, unsigned master, uint32_t addr, const pl08x_lli *items, size_t n)
{
	for (size_t i = 0; i < n; i++, addr += 16) {
		tb_wr32(t, master, addr + 0, items[i].src);
		tb_wr32(t, master, addr + 4, items[i].dst);
		tb_wr32(t, master, addr + 8, items[i].lli);
		tb_wr32(t, master, addr + 12, items[i].ctl);
	}
}

uint32_t tb_ctl(unsigned ts, unsigned sbsize, unsigned dbsize, unsigned swidth, unsigned dwidth,
		bool si, bool di, bool i)
{
	return TB_CTL(TS, ts) | TB_CTL(SBSIZE, sbsize) | TB_CTL(DBSIZE, dbsize) |
	       TB_CTL(SWIDTH, swidth) | TB_CTL(DWIDTH, dwidth) | TB_CTL(SI, si) | TB_CTL(DI, di) |
	       TB_CTL(I, i);
}

/* ---- AHB protocol checker ----------------------------------------------------------------- */

/* Address and control must hold while a transfer waits for HREADY (t->in: previous cycle) */
static void tb_check_hold(tb *t, unsigned m, uint64_t c)
{
	const pl08x_pins_out *o = &t->out, *p = &t->prev_out;

	if (t->in.hready[m] || !tb_active(p->htrans[m]))
		return;
	if (t->in.hresp[m] == PL08X_HRESP_ERROR && o->htrans[m] == PL08X_HTRANS_IDLE)
		return;                 /* cancelled in the second ERROR cycle: allowed */
	if (o->htrans[m] != p->htrans[m] || o->haddr[m] != p->haddr[m] ||
	    o->hwrite[m] != p->hwrite[m] || o->hsize[m] != p->hsize[m] ||
	    o->hburst[m] != p->hburst[m] || o->hprot[m] != p->hprot[m] || o->hlock[m] != p->hlock[m])
		tb_violation(t, c, m, o->haddr[m], "address/control changed while HREADY was low");
}

/* Beats of a fixed-length burst, 0 for INCR (unbounded) */
static unsigned tb_burst_len(uint8_t hburst)
{
	switch (hburst) {
	case PL08X_HBURST_SINGLE: return 1;
	case PL08X_HBURST_INCR4: return 4;
	case PL08X_HBURST_INCR8: return 8;
	case PL08X_HBURST_INCR16: return 16;
	default: return 0;
	}
}

/* Burst rules, at a cycle where HREADY is high (the address phase is sampled) */
static void tb_check_burst(tb *t, unsigned m, uint64_t c)
{
	tb_chk *k = &t->chk[m];
	const pl08x_pins_out *o = &t->out;
	uint32_t a = o->haddr[m];
	unsigned n = tb_bytes(o->hsize[m]);
	bool cut = k->open && k->len && k->beats < k->len && !k->err;

	if (o->htrans[m] == PL08X_HTRANS_BUSY)
		return;
	/* AMBA 2 AHB lets a master end a fixed-length burst early (it may lose the bus); the
	 * model does so when a channel or the controller is disabled mid-burst. Counted apart. */
	if (o->htrans[m] == PL08X_HTRANS_IDLE) {
		if (cut)
			t->early_ends++;
		k->open = false;
		return;
	}
	if (o->hsize[m] > PL08X_HSIZE_32)
		tb_violation(t, c, m, a, "HSIZE wider than the 32-bit bus");
	if (a & (n - 1))
		tb_violation(t, c, m, a, "address not aligned to HSIZE");
	if (o->hburst[m] != PL08X_HBURST_INCR && o->hburst[m] != PL08X_HBURST_SINGLE &&
	    !tb_burst_len(o->hburst[m]))
		tb_violation(t, c, m, a, "wrapping HBURST");
	if (o->htrans[m] == PL08X_HTRANS_NONSEQ) {
		if (cut)
			t->early_ends++;
		*k = (tb_chk){ .open = true, .hwrite = o->hwrite[m], .hburst = o->hburst[m],
			       .hsize = o->hsize[m], .len = tb_burst_len(o->hburst[m]),
			       .beats = 1, .addr = a };
		if (k->len && (a & 0x3FFu) + k->len * n > 0x400u)
			tb_violation(t, c, m, a, "burst crosses a 1 KB boundary");
		return;
	}
	if (!k->open) {
		tb_violation(t, c, m, a, "SEQ without a NONSEQ before it");
		return;
	}
	if (o->hwrite[m] != k->hwrite || o->hburst[m] != k->hburst || o->hsize[m] != k->hsize)
		tb_violation(t, c, m, a, "SEQ control differs from its NONSEQ");
	if (a != k->addr + tb_bytes(k->hsize))
		tb_violation(t, c, m, a, "SEQ address is not previous address + size");
	else if (!k->len && !(a & 0x3FFu))
		tb_violation(t, c, m, a, "burst crosses a 1 KB boundary");
	if (k->len && k->beats >= k->len)
		tb_violation(t, c, m, a, "more beats than HBURST allows");
	k->beats++;
	k->addr = a;
}

/* ---- AHB slaves --------------------------------------------------------------------------- */

static void tb_bind(tb_dphase *d, uint8_t target, unsigned idx, tb_waits *w)
{
	d->target = target;
	d->idx = idx;
	d->waits = tb_next_wait(w);
}

/* Pick the slave of data phase @d: master @m, address @a, read or write (@wr) */
static void tb_slave(tb *t, unsigned m, uint32_t a, bool wr, tb_dphase *d)
{
	for (unsigned i = 0; i < t->n_errs; i++) {
		tb_err *e = &t->errs[i];

		if (e->master == m && tb_in(e->base, e->size, a) && (wr ? e->on_write : e->on_read)) {
			tb_bind(d, TB_T_ERR, i, &e->waits);
			return;
		}
	}
	for (unsigned i = 0; i < t->n_periphs; i++) {
		tb_periph *p = &t->periphs[i];

		if (p->master == m && tb_in(p->addr, p->size, a)) {
			tb_bind(d, TB_T_PERIPH, i, &p->waits);
			return;
		}
	}
	for (unsigned i = 0; i < t->n_mems; i++) {
		tb_mem *mm = &t->mems[i];

		if (mm->master == m && tb_in(mm->base, mm->size, a)) {
			tb_bind(d, TB_T_MEM, i, &mm->waits);
			return;
		}
	}
	d->target = TB_T_STRAY;
}

/* Accept the address phase of master @m in cycle @c: log it, it becomes the data phase */
static void tb_capture(tb *t, unsigned m, uint64_t c)
{
	const pl08x_pins_out *o = &t->out;
	tb_dphase *d = &t->dp[m];

	t->beats = tb_grow(t->beats, &t->beats_size, t->n_beats + 1, sizeof *t->beats);
	t->beats[t->n_beats] = (tb_beat){
		.cycle = c, .master = (uint8_t)m, .htrans = o->htrans[m], .hburst = o->hburst[m],
		.hsize = o->hsize[m], .hprot = o->hprot[m], .hwrite = o->hwrite[m],
		.hlock = o->hlock[m], .addr = o->haddr[m], .done_cycle = TB_NONE };
	*d = (tb_dphase){ .active = true, .beat = t->n_beats++ };
	tb_slave(t, m, o->haddr[m], o->hwrite[m], d);
}

/* The bytes of a peripheral access: the read stream, or the capture buffer */
static uint32_t tb_periph_access(tb_periph *p, const tb_beat *b, uint32_t wdata)
{
	unsigned n = tb_bytes(b->hsize);
	uint32_t data = 0;

	if (b->hwrite) {
		p->cap = tb_grow(p->cap, &p->cap_size, p->cap_len + n, 1);
		for (unsigned i = 0; i < n; i++)
			p->cap[p->cap_len++] = (uint8_t)(wdata >> hx_bus_lane(b->addr + i, p->big_endian));
		p->writes++;
		return wdata;
	}
	for (unsigned i = 0; i < n; i++)
		data |= (uint32_t)p->next++ << hx_bus_lane(b->addr + i, p->big_endian);
	p->reads++;
	return data;
}

/* Master @m's inputs for cycle @c: the answer to its pending data phase, if any */
static void tb_dphase_cycle(tb *t, unsigned m, uint64_t c)
{
	tb_dphase *d = &t->dp[m];
	tb_beat *b;
	uint32_t data;

	t->in.hready[m] = true;
	t->in.hresp[m] = PL08X_HRESP_OKAY;
	t->in.hrdata[m] = 0;
	if (!d->active)
		return;
	b = &t->beats[d->beat];
	data = b->hwrite ? t->out.hwdata[m] : 0;
	if (b->hwrite && d->target != TB_T_ERR && d->cycles && data != d->wdata)
		tb_violation(t, c, m, b->addr, "HWDATA changed during a wait state");
	d->wdata = data;
	d->cycles++;
	if (d->waits) {
		d->waits--;
		t->in.hready[m] = false;
		return;
	}
	switch (d->target) {
	case TB_T_ERR:
		t->in.hresp[m] = PL08X_HRESP_ERROR;
		if (!d->err_stage) {
			d->err_stage = 1;
			t->in.hready[m] = false;
			t->chk[m].err = true;
			return;
		}
		t->errs[d->idx].hits++;
		b->resp = PL08X_HRESP_ERROR;
		break;
	case TB_T_MEM: {
		tb_mem *mm = &t->mems[d->idx];

		if (b->hwrite) {
			tb_store(mm, b->addr, tb_bytes(b->hsize), data);
			mm->writes++;
		} else {
			data = tb_word(mm, b->addr);
			mm->reads++;
		}
		break;
	}
	case TB_T_PERIPH:
		data = tb_periph_access(&t->periphs[d->idx], b, data);
		break;
	default:
		t->stray++;
		t->stray_addr = b->addr;
		if (!b->hwrite)
			data = TB_STRAY_DATA;
		break;
	}
	if (!b->hwrite)
		t->in.hrdata[m] = data;
	b->data = data;
	b->done_cycle = c;
	d->active = false;
}

/* ---- peripherals' request pins ------------------------------------------------------------ */

static void tb_periph_drive(tb *t, tb_periph *p, unsigned kind, uint64_t c)
{
	for (unsigned k = 0; k < 4; k++)
		if (((p->pins ^ kind) >> k) & 1u)
			tb_log(t, TB_EV_BREQ + k, p->line, (kind >> k) & 1u, c);
	p->pins = kind;
}

/* Request pins of cycle @c: drop after DMACCLR (of cycle @c - 1), raise the next request */
static void tb_periph_cycle(tb *t, uint64_t c)
{
	uint16_t pins[4] = { 0 };

	for (unsigned i = 0; i < t->n_periphs; i++) {
		tb_periph *p = &t->periphs[i];
		uint16_t bit = (uint16_t)(1u << p->line);

		if (p->pins) {
			if (p->armed && (t->prev_out.clr & bit)) {
				tb_periph_drive(t, p, 0, c);
				p->earliest = c + 1;
				p->served++;
			} else if (!(t->out.clr & bit)) {
				p->armed = true;
			}
		}
		if (!p->pins && c >= p->earliest) {
			unsigned kind = 0;

			if (p->q_head < p->q_len && c >= p->queue[p->q_head].at)
				kind = p->queue[p->q_head++].kind;
			else if (p->q_head == p->q_len)
				kind = p->repeat_kind;
			if (kind) {
				tb_periph_drive(t, p, kind, c);
				p->armed = !(t->out.clr & bit);
			}
		}
		for (unsigned k = 0; k < 4; k++)
			if ((p->pins >> k) & 1u)
				pins[k] |= bit;
	}
	t->in.breq = pins[0];
	t->in.sreq = pins[1];
	t->in.lbreq = pins[2];
	t->in.lsreq = pins[3];
}

/* ---- running ------------------------------------------------------------------------------ */

/* Edges of the outputs between t->prev_out and t->out, which is cycle @c */
static void tb_log_outputs(tb *t, uint64_t c)
{
	const pl08x_pins_out *o = &t->out, *p = &t->prev_out;

	if (o->intr != p->intr)
		tb_log(t, TB_EV_INTR, 0, o->intr, c);
	if (o->inttc != p->inttc)
		tb_log(t, TB_EV_INTTC, 0, o->inttc, c);
	if (o->interr != p->interr)
		tb_log(t, TB_EV_INTERR, 0, o->interr, c);
	for (unsigned l = 0; l < PL08X_REQ_LINES; l++) {
		if (((o->clr ^ p->clr) >> l) & 1u)
			tb_log(t, TB_EV_CLR, l, (o->clr >> l) & 1u, c);
		if (((o->tc ^ p->tc) >> l) & 1u)
			tb_log(t, TB_EV_TC, l, (o->tc >> l) & 1u, c);
	}
}

void tb_step(tb *t)
{
	uint64_t c = pl08x_cycle(t->dev);
	unsigned nm = pl08x_masters(t->dev);

	for (unsigned m = 0; m < nm; m++)
		tb_check_hold(t, m, c);         /* before t->in (last cycle's) is replaced */
	for (unsigned m = 0; m < PL08X_MASTERS; m++) {
		tb_dphase_cycle(t, m, c);
		if (m >= nm || !t->in.hready[m])
			continue;
		tb_check_burst(t, m, c);
		if (tb_active(t->out.htrans[m]))
			tb_capture(t, m, c);
	}
	tb_periph_cycle(t, c);
	t->prev_out = t->out;
	pl08x_step(t->dev, &t->in, &t->out);
	tb_log_outputs(t, pl08x_cycle(t->dev));
}

void tb_run(tb *t, uint64_t n)
{
	while (n--)
		tb_step(t);
}

bool tb_run_to(tb *t, uint64_t cycle)
{
	if (tb_cycle(t) > cycle)
		return false;
	tb_run(t, cycle - tb_cycle(t));
	return true;
}

bool tb_run_until(tb *t, bool (*pred)(tb *t, void *arg), void *arg, uint64_t max_cycles)
{
	for (uint64_t i = 0;; i++) {
		if (pred(t, arg))
			return true;
		if (i == max_cycles)
			return false;
		tb_step(t);
	}
}

struct tb_irq_wait {
	enum tb_irq which;
	unsigned long rises;
};

static bool tb_irq_rose(tb *t, void *arg)
{
	const struct tb_irq_wait *w = arg;

	return t->rises[w->which] > w->rises;
}

bool tb_run_until_irq(tb *t, enum tb_irq which, uint64_t max_cycles)
{
	struct tb_irq_wait w = { which, t->rises[which] };

	return tb_run_until(t, tb_irq_rose, &w, max_cycles);
}

static bool tb_idle(tb *t, void *arg)
{
	uint32_t en;

	(void)arg;
	pl08x_read(t->dev, PL08X_ENBLD_CHNS, &en);
	if (en)
		return false;
	for (unsigned m = 0; m < PL08X_MASTERS; m++)
		if (t->dp[m].active || tb_active(t->out.htrans[m]))
			return false;
	return true;
}

bool tb_run_until_idle(tb *t, uint64_t max_cycles)
{
	return tb_run_until(t, tb_idle, NULL, max_cycles);
}

/* ---- logs --------------------------------------------------------------------------------- */

size_t tb_beat_count(const tb *t)
{
	return t->n_beats;
}

const tb_beat *tb_beats(const tb *t)
{
	return t->beats;
}

static bool tb_beat_match(const tb_beat *b, unsigned master, enum tb_dir dir)
{
	return (master == TB_ANY || b->master == master) &&
	       (dir == TB_EITHER || b->hwrite == (dir == TB_WRITE));
}

size_t tb_count_beats(const tb *t, unsigned master, enum tb_dir dir)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n_beats; i++)
		n += tb_beat_match(&t->beats[i], master, dir);
	return n;
}

const tb_beat *tb_nth_beat(const tb *t, unsigned master, enum tb_dir dir, size_t n)
{
	for (size_t i = 0; i < t->n_beats; i++)
		if (tb_beat_match(&t->beats[i], master, dir) && !n--)
			return &t->beats[i];
	return NULL;
}

uint64_t tb_event_cycle(const tb *t, enum tb_ev_kind kind, unsigned line, bool high, size_t n)
{
	for (size_t i = 0; i < t->n_events; i++) {
		const tb_event *e = &t->events[i];

		if (e->kind == kind && (line == TB_ANY || e->line == line) && e->high == high && !n--)
			return e->cycle;
	}
	return TB_NONE;
}

uint64_t tb_irq_cycle(const tb *t, enum tb_irq which, size_t n)
{
	return tb_event_cycle(t, (enum tb_ev_kind)which, TB_ANY, true, n);
}
