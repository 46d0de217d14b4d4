/* The bus fabric (see harness/bus.h): per master an address map of memories, ERROR regions
 * and callback windows, answering one pipelined AHB data phase per master and cycle with the
 * conventions of tests/support/tb.c.
 */
#include "harness/bus.h"
#include "prng.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum hx_slave_kind { HX_SLAVE_MEM, HX_SLAVE_ERR, HX_SLAVE_WIN };

static const char *const hx_kind_name[] = { "memory", "error region", "window" };

/* One slave; @next indexes the wait pattern, @data holds a memory's bytes */
typedef struct hx_slave {
	char name[32];
	enum hx_slave_kind kind;
	unsigned master;
	uint32_t base, size;
	bool big_endian, on_read, on_write;
	hx_bus_waits waits;
	unsigned next;
	uint8_t *data;
	hx_bus_window_ops ops;
	void *ctx;
} hx_slave;

/* The data phase in progress on one master */
typedef struct hx_dphase {
	bool active, err_stage;
	int slave;
	unsigned waits;
	hx_bus_beat beat;
} hx_dphase;

struct hx_bus {
	unsigned masters;
	uint64_t rng;                   /* splitmix64 state, advanced per random wait draw */
	hx_slave *s;
	size_t n, cap;
	hx_dphase dp[PL08X_MASTERS];
	hx_bus_stats st;
	void (*on_beat)(void *ctx, const hx_bus_beat *beat);
	void *on_beat_ctx;
	char err[192];
};

/* ---- helpers ------------------------------------------------------------------------------ */

static void hx_bus_fail(hx_bus *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->err, sizeof b->err, fmt, ap);
	va_end(ap);
}

static bool hx_in(uint32_t base, uint32_t size, uint32_t addr)
{
	return addr >= base && addr - base < size;
}

static unsigned hx_bytes(uint8_t hsize)
{
	return hsize <= PL08X_HSIZE_32 ? 1u << hsize : 4u;
}

static bool hx_active(uint8_t htrans)
{
	return htrans == PL08X_HTRANS_NONSEQ || htrans == PL08X_HTRANS_SEQ;
}

/* Wait states of the next data phase answered by @s */
static unsigned hx_next_wait(hx_bus *b, hx_slave *s)
{
	const hx_bus_waits *w = &s->waits;

	switch (w->kind) {
	case HX_BUS_WAIT_PATTERN: {
		unsigned n = w->pattern[s->next];

		s->next = (s->next + 1) % w->len;
		return n;
	}
	case HX_BUS_WAIT_RANDOM:
		return w->min + (unsigned)(hx_splitmix64(&b->rng) % ((uint64_t)w->max - w->min + 1));
	default:
		return w->fixed;
	}
}

uint8_t hx_pattern_byte(uint32_t seed, size_t i)
{
	/* identical to tb_pattern_byte() so that vectors and model tests share their data */
	uint32_t x = seed * 0x9E3779B9u + (uint32_t)i * 0x85EBCA6Bu + 0x27D4EB2Fu;

	x ^= x >> 16;
	x *= 0x7FEB352Du;
	x ^= x >> 15;
	x *= 0x846CA68Bu;
	x ^= x >> 16;
	return (uint8_t)x;
}

/* ---- building ----------------------------------------------------------------------------- */

hx_bus *hx_bus_create(unsigned masters, uint64_t seed)
{
	hx_bus *b;

	if (masters < 1 || masters > PL08X_MASTERS)
		return NULL;
	b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->masters = masters;
	b->rng = seed;
	return b;
}

void hx_bus_destroy(hx_bus *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++)
		free(b->s[i].data);
	free(b->s);
	free(b);
}

const char *hx_bus_error(const hx_bus *b)
{
	return b->err;
}

const char *hx_bus_slave_name(const hx_bus *b, int idx)
{
	if (idx < 0)
		return "stray";
	if ((size_t)idx >= b->n)
		return "?";
	return b->s[idx].name;
}

static bool hx_waits_ok(hx_bus *b, const char *name, const hx_bus_waits *w)
{
	switch (w->kind) {
	case HX_BUS_WAIT_FIXED:
		return true;
	case HX_BUS_WAIT_PATTERN:
		if (w->len < 1 || w->len > HX_BUS_WAIT_PATTERN_MAX) {
			hx_bus_fail(b, "%s: waits: a pattern of %u entries (1..%d)", name, w->len,
				    HX_BUS_WAIT_PATTERN_MAX);
			return false;
		}
		return true;
	case HX_BUS_WAIT_RANDOM:
		if (w->min > w->max) {
			hx_bus_fail(b, "%s: waits: random min %u > max %u", name, w->min, w->max);
			return false;
		}
		return true;
	}
	hx_bus_fail(b, "%s: waits: unknown kind %d", name, (int)w->kind);
	return false;
}

/* Two error regions collide only when they fault for a common direction */
static bool hx_collide(const hx_slave *a, const hx_slave *n)
{
	if (a->kind != n->kind || a->master != n->master)
		return false;
	if (a->kind == HX_SLAVE_ERR && !((a->on_read && n->on_read) || (a->on_write && n->on_write)))
		return false;
	return (uint64_t)a->base < (uint64_t)n->base + n->size &&
	       (uint64_t)n->base < (uint64_t)a->base + a->size;
}

/* Validate and append @n; the index, or -1 with the message set */
static int hx_add(hx_bus *b, hx_slave *n)
{
	if (n->master >= b->masters) {
		hx_bus_fail(b, "%s: master %u does not exist (0..%u)", n->name, n->master, b->masters - 1);
		return -1;
	}
	if (!n->size) {
		hx_bus_fail(b, "%s: size 0", n->name);
		return -1;
	}
	if ((uint64_t)n->base + n->size > 0x100000000ull) {
		hx_bus_fail(b, "%s: 0x%08x + 0x%x wraps past 4 GB", n->name, (unsigned)n->base,
			    (unsigned)n->size);
		return -1;
	}
	if (!hx_waits_ok(b, n->name, &n->waits))
		return -1;
	for (size_t i = 0; i < b->n; i++) {
		const hx_slave *o = &b->s[i];

		if (hx_collide(o, n)) {
			hx_bus_fail(b, "%s: 0x%08x..0x%08x overlaps %s %s (0x%08x..0x%08x) on master %u",
				    n->name, (unsigned)n->base, (unsigned)(n->base + n->size - 1),
				    hx_kind_name[o->kind], o->name, (unsigned)o->base,
				    (unsigned)(o->base + o->size - 1), o->master);
			return -1;
		}
	}
	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 8;
		hx_slave *s = realloc(b->s, cap * sizeof *s);

		if (!s) {
			hx_bus_fail(b, "%s: out of memory", n->name);
			return -1;
		}
		b->s = s;
		b->cap = cap;
	}
	if (n->kind == HX_SLAVE_MEM) {
		n->data = calloc(n->size, 1);
		if (!n->data) {
			hx_bus_fail(b, "%s: out of memory (%u bytes)", n->name, (unsigned)n->size);
			return -1;
		}
	}
	b->s[b->n] = *n;
	return (int)b->n++;
}

static hx_slave hx_slave_init(enum hx_slave_kind kind, const char *name, unsigned master,
			      uint32_t base, uint32_t size, hx_bus_waits waits)
{
	hx_slave s = { .kind = kind, .master = master, .base = base, .size = size, .waits = waits };

	snprintf(s.name, sizeof s.name, "%s", name ? name : "");
	return s;
}

int hx_bus_add_mem(hx_bus *b, const char *name, unsigned master, uint32_t base, uint32_t size,
		   bool big_endian, hx_bus_waits waits)
{
	hx_slave s = hx_slave_init(HX_SLAVE_MEM, name, master, base, size, waits);

	s.big_endian = big_endian;
	return hx_add(b, &s);
}

int hx_bus_add_error(hx_bus *b, const char *name, unsigned master, uint32_t base, uint32_t size,
		     bool on_read, bool on_write, hx_bus_waits waits)
{
	hx_slave s = hx_slave_init(HX_SLAVE_ERR, name, master, base, size, waits);

	if (!on_read && !on_write) {
		hx_bus_fail(b, "%s: faults on neither reads nor writes", s.name);
		return -1;
	}
	s.on_read = on_read;
	s.on_write = on_write;
	return hx_add(b, &s);
}

int hx_bus_add_window(hx_bus *b, const char *name, unsigned master, uint32_t base, uint32_t size,
		      bool big_endian, hx_bus_waits waits, const hx_bus_window_ops *ops, void *ctx)
{
	hx_slave s = hx_slave_init(HX_SLAVE_WIN, name, master, base, size, waits);

	if (!ops || !ops->read || !ops->write) {
		hx_bus_fail(b, "%s: a window needs read and write callbacks", s.name);
		return -1;
	}
	s.big_endian = big_endian;
	s.ops = *ops;
	s.ctx = ctx;
	return hx_add(b, &s);
}

/* ---- memories ----------------------------------------------------------------------------- */

uint32_t hx_lanes_read(const uint8_t *data, uint32_t base, uint32_t size, uint32_t addr,
		       bool big_endian)
{
	uint32_t w = 0;

	for (uint32_t a = addr & ~3u, i = 0; i < 4; i++)
		if (hx_in(base, size, a + i))
			w |= (uint32_t)data[a + i - base] << hx_bus_lane(a + i, big_endian);
	return w;
}

void hx_lanes_write(uint8_t *data, uint32_t base, uint32_t size, uint32_t addr, unsigned n,
		    uint32_t word, bool big_endian)
{
	for (unsigned i = 0; i < n; i++)
		if (hx_in(base, size, addr + i))
			data[addr + i - base] = (uint8_t)(word >> hx_bus_lane(addr + i, big_endian));
}

static uint32_t hx_word(const hx_slave *m, uint32_t addr)
{
	return hx_lanes_read(m->data, m->base, m->size, addr, m->big_endian);
}

static void hx_store(hx_slave *m, uint32_t addr, unsigned n, uint32_t data)
{
	hx_lanes_write(m->data, m->base, m->size, addr, n, data, m->big_endian);
}

/* The memory of @master holding [@addr, @addr + @len), or NULL */
static hx_slave *hx_find_mem(const hx_bus *b, unsigned master, uint32_t addr, size_t len)
{
	for (size_t i = 0; i < b->n; i++) {
		hx_slave *m = &b->s[i];

		if (m->kind == HX_SLAVE_MEM && m->master == master && hx_in(m->base, m->size, addr) &&
		    len <= (size_t)(m->size - (addr - m->base)))
			return m;
	}
	return NULL;
}

static hx_slave *hx_need_mem(hx_bus *b, unsigned master, uint32_t addr, size_t len)
{
	hx_slave *m = hx_find_mem(b, master, addr, len);

	if (!m)
		hx_bus_fail(b, "master %u 0x%08x + %zu bytes is not inside one memory", master,
			    (unsigned)addr, len);
	return m;
}

int hx_bus_mem_write(hx_bus *b, unsigned master, uint32_t addr, const void *buf, size_t len)
{
	hx_slave *m = hx_need_mem(b, master, addr, len);

	if (!m)
		return -1;
	memmove(m->data + (addr - m->base), buf, len);
	return 0;
}

int hx_bus_mem_read(const hx_bus *b, unsigned master, uint32_t addr, void *buf, size_t len)
{
	hx_slave *m = hx_need_mem((hx_bus *)b, master, addr, len);

	if (!m)
		return -1;
	memmove(buf, m->data + (addr - m->base), len);
	return 0;
}

uint8_t *hx_bus_mem_bytes(hx_bus *b, unsigned master, uint32_t addr, size_t len)
{
	hx_slave *m = hx_find_mem(b, master, addr, len);

	return m ? m->data + (addr - m->base) : NULL;
}

bool hx_bus_mem_big_endian(const hx_bus *b, unsigned master, uint32_t addr)
{
	const hx_slave *m = hx_find_mem(b, master, addr, 1);

	return m && m->big_endian;
}

/* ---- cycles ------------------------------------------------------------------------------- */

/* The slave answering a transfer of master @m at @a: ERROR regions for the direction, then
 * windows, then memories, each in order of creation; -1 when none */
static int hx_lookup(const hx_bus *b, unsigned m, uint32_t a, bool wr)
{
	static const enum hx_slave_kind order[3] = { HX_SLAVE_ERR, HX_SLAVE_WIN, HX_SLAVE_MEM };

	for (unsigned k = 0; k < 3; k++)
		for (size_t i = 0; i < b->n; i++) {
			const hx_slave *s = &b->s[i];

			if (s->kind != order[k] || s->master != m || !hx_in(s->base, s->size, a))
				continue;
			if (s->kind == HX_SLAVE_ERR && !(wr ? s->on_write : s->on_read))
				continue;
			return (int)i;
		}
	return -1;
}

/* Accept master @m's address phase of cycle @c: it becomes the data phase */
static void hx_accept(hx_bus *b, unsigned m, uint64_t c, const pl08x_pins_out *o)
{
	hx_dphase *d = &b->dp[m];

	*d = (hx_dphase){ .active = true };
	d->beat = (hx_bus_beat){ .cycle = c, .master = (uint8_t)m, .htrans = o->htrans[m],
				 .hburst = o->hburst[m], .hsize = o->hsize[m], .hprot = o->hprot[m],
				 .hwrite = o->hwrite[m], .hlock = o->hlock[m], .addr = o->haddr[m] };
	d->slave = hx_lookup(b, m, o->haddr[m], o->hwrite[m]);
	d->beat.slave = d->slave;
	if (d->slave >= 0)
		d->waits = hx_next_wait(b, &b->s[d->slave]);
}

/* Master @m's answer in cycle @c to its data phase in progress */
static void hx_answer(hx_bus *b, unsigned m, uint64_t c, const pl08x_pins_out *o, pl08x_pins_in *in)
{
	hx_dphase *d = &b->dp[m];
	hx_bus_beat *bt = &d->beat;
	unsigned n = hx_bytes(bt->hsize);
	uint32_t data = bt->hwrite ? o->hwdata[m] : 0;

	b->st.busy_cycles[m]++;
	if (d->waits) {
		d->waits--;
		in->hready[m] = false;
		return;
	}
	if (d->slave < 0) {
		if (!b->st.stray++)
			b->st.stray_addr = bt->addr;
		if (!bt->hwrite)
			data = HX_BUS_STRAY_DATA;
	} else {
		hx_slave *s = &b->s[d->slave];

		switch (s->kind) {
		case HX_SLAVE_ERR:
			in->hresp[m] = PL08X_HRESP_ERROR;
			if (!d->err_stage) {
				d->err_stage = true;    /* 1st ERROR cycle: HREADY low */
				in->hready[m] = false;
				return;
			}
			b->st.errors++;
			bt->resp = PL08X_HRESP_ERROR;
			data = 0;
			break;
		case HX_SLAVE_MEM:
			if (bt->hwrite)
				hx_store(s, bt->addr, n, data);
			else
				data = hx_word(s, bt->addr);
			break;
		case HX_SLAVE_WIN:
			if (bt->hwrite)
				s->ops.write(s->ctx, bt->addr, n, data, c);
			else
				data = s->ops.read(s->ctx, bt->addr, n, c);
			break;
		}
	}
	if (!bt->hwrite)
		in->hrdata[m] = data;
	bt->data = data;
	bt->done_cycle = c;
	d->active = false;
	b->st.beats[m]++;
	if (b->on_beat)
		b->on_beat(b->on_beat_ctx, bt);
}

void hx_bus_cycle(hx_bus *b, uint64_t cycle, const pl08x_pins_out *out, pl08x_pins_in *in)
{
	for (unsigned m = 0; m < PL08X_MASTERS; m++) {
		in->hready[m] = true;
		in->hresp[m] = PL08X_HRESP_OKAY;
		in->hrdata[m] = 0;
		if (m >= b->masters)
			continue;
		if (b->dp[m].active)
			hx_answer(b, m, cycle, out, in);
		if (in->hready[m] && hx_active(out->htrans[m]))
			hx_accept(b, m, cycle, out);
	}
}

bool hx_bus_idle(const hx_bus *b)
{
	for (unsigned m = 0; m < b->masters; m++)
		if (b->dp[m].active)
			return false;
	return true;
}

void hx_bus_on_beat(hx_bus *b, void (*fn)(void *ctx, const hx_bus_beat *beat), void *ctx)
{
	b->on_beat = fn;
	b->on_beat_ctx = ctx;
}

void hx_bus_get_stats(const hx_bus *b, hx_bus_stats *stats)
{
	*stats = b->st;
}
