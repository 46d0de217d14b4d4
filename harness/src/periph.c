/* Peripherals on the request lines (see harness/periph.h): the FIFO peripheral and the
 * scripted one, with the request handshake of tests/support/tb.c.
 */
#include "harness/periph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct hx_periph {
	hx_periph_config cfg;
	char name[32];
	hx_periph_req *script;          /* own copy of cfg.script */
	size_t q_head;
	/* handshake */
	unsigned pins;
	bool armed, prev_clr, prev_tc;
	uint64_t earliest;
	/* FIFO: only the level is kept; a to_memory element's bytes follow from its index */
	unsigned level;
	unsigned long arrived;          /* elements that arrived (to_memory) */
	uint64_t next_move;             /* earliest cycle of the next arrival or departure */
	size_t rd_next;                 /* script: next byte of the read stream */
	uint8_t *cap;
	size_t cap_len, cap_size;
	hx_periph_stats st;
};

/* ---- the data window ---------------------------------------------------------------------- */

static void hx_periph_capture(hx_periph *p, uint32_t addr, unsigned bytes, uint32_t data)
{
	if (p->cap_len + bytes > p->cap_size) {
		size_t n = p->cap_size ? 2 * p->cap_size : 256;
		uint8_t *c;

		while (n < p->cap_len + bytes)
			n *= 2;
		c = realloc(p->cap, n);
		if (!c)
			return;         /* out of memory: the bytes are lost, the run goes on */
		p->cap = c;
		p->cap_size = n;
	}
	for (unsigned i = 0; i < bytes; i++)
		p->cap[p->cap_len++] = (uint8_t)(data >> hx_bus_lane(addr + i, p->cfg.big_endian));
}

static uint32_t hx_periph_read(void *ctx, uint32_t addr, unsigned bytes, uint64_t cycle)
{
	hx_periph *p = ctx;
	uint32_t data = 0;
	unsigned n = bytes;
	size_t first;

	(void)cycle;
	if (p->cfg.kind == HX_PERIPH_SCRIPT) {
		first = p->rd_next;
		p->rd_next += bytes;
	} else {
		if (p->cfg.dir != HX_PERIPH_TO_MEMORY)
			return 0;               /* a transmitter's data register reads 0 */
		p->st.dma++;
		if (!p->level) {
			p->st.underruns++;
			return 0;
		}
		first = (size_t)(p->st.dma - 1 - p->st.underruns) * p->cfg.width;
		p->level--;
		p->st.level = p->level;
		if (n > p->cfg.width)
			n = p->cfg.width;       /* lanes beyond the element read 0 */
	}
	for (unsigned i = 0; i < n; i++)
		data |= (uint32_t)hx_pattern_byte(p->cfg.data_seed, first + i)
			<< hx_bus_lane(addr + i, p->cfg.big_endian);
	return data;
}

static void hx_periph_write(void *ctx, uint32_t addr, unsigned bytes, uint32_t data, uint64_t cycle)
{
	hx_periph *p = ctx;

	(void)cycle;
	hx_periph_capture(p, addr, bytes, data);
	if (p->cfg.kind != HX_PERIPH_FIFO || p->cfg.dir != HX_PERIPH_FROM_MEMORY)
		return;
	p->st.dma++;
	if (p->level == p->cfg.depth) {
		p->st.overruns++;
		return;
	}
	p->level++;
	p->st.level = p->level;
}

static const hx_bus_window_ops hx_periph_ops = { hx_periph_read, hx_periph_write };

/* ---- creation ----------------------------------------------------------------------------- */

static bool hx_periph_check(const hx_periph_config *c, char *err, size_t len)
{
#define HX_BAD(...) do { snprintf(err, len, __VA_ARGS__); return false; } while (0)
	if (c->line >= PL08X_REQ_LINES)
		HX_BAD("line: %u is not a request line (0..%d)", c->line, PL08X_REQ_LINES - 1);
	if (c->master >= PL08X_MASTERS)
		HX_BAD("master: %u does not exist (0..%d)", c->master, PL08X_MASTERS - 1);
	if (c->kind == HX_PERIPH_SCRIPT) {
		if (c->script_len && !c->script)
			HX_BAD("script: %zu requests but no list", c->script_len);
		for (size_t i = 0; i < c->script_len; i++)
			if (!c->script[i].bits || c->script[i].bits > 0xFu)
				HX_BAD("script[%zu]: request bits 0x%x (1..0xF)", i, c->script[i].bits);
		if (c->repeat_kind > 0xFu)
			HX_BAD("repeat_kind: request bits 0x%x (0..0xF)", c->repeat_kind);
		return true;
	}
	if (c->kind != HX_PERIPH_FIFO)
		HX_BAD("kind: %d is neither fifo nor script", (int)c->kind);
	if (c->dir != HX_PERIPH_TO_MEMORY && c->dir != HX_PERIPH_FROM_MEMORY)
		HX_BAD("dir: %d is neither to_memory nor from_memory", (int)c->dir);
	if (c->width != 1 && c->width != 2 && c->width != 4)
		HX_BAD("width: %u bytes is not 1, 2 or 4", c->width);
	if (c->depth < 1)
		HX_BAD("depth: 0 elements");
	if (c->rate < 1)
		HX_BAD("rate: 0 cycles per element (at least 1)");
	if (c->watermark < 1)
		HX_BAD("watermark: 0 elements (at least 1)");
	if (c->watermark > c->depth)
		HX_BAD("watermark: %u > depth %u", c->watermark, c->depth);
	if (c->flow_controller && !c->count)
		HX_BAD("count: 0 for a flow controller (the transfer length, at least 1)");
	return true;
#undef HX_BAD
}

hx_periph *hx_periph_create(const hx_periph_config *cfg, hx_bus *b, char *err, size_t err_len)
{
	char dummy[8];
	hx_periph *p;

	if (!err || !err_len) {
		err = dummy;
		err_len = sizeof dummy;
	}
	err[0] = '\0';
	if (!hx_periph_check(cfg, err, err_len))
		return NULL;
	p = calloc(1, sizeof *p);
	if (!p) {
		snprintf(err, err_len, "out of memory");
		return NULL;
	}
	p->cfg = *cfg;
	if (!p->cfg.size)
		p->cfg.size = 4;
	snprintf(p->name, sizeof p->name, "%s", cfg->name ? cfg->name : "");
	p->cfg.name = p->name;
	if (cfg->kind == HX_PERIPH_SCRIPT && cfg->script_len) {
		p->script = malloc(cfg->script_len * sizeof *p->script);
		if (!p->script) {
			snprintf(err, err_len, "out of memory");
			free(p);
			return NULL;
		}
		memcpy(p->script, cfg->script, cfg->script_len * sizeof *p->script);
	}
	p->cfg.script = p->script;
	p->next_move = cfg->start + cfg->rate;
	if (hx_bus_add_window(b, p->name, cfg->master, cfg->base, p->cfg.size, cfg->big_endian,
			      cfg->waits, &hx_periph_ops, p) < 0) {
		snprintf(err, err_len, "%s", hx_bus_error(b));
		hx_periph_destroy(p);
		return NULL;
	}
	return p;
}

void hx_periph_destroy(hx_periph *p)
{
	if (!p)
		return;
	free(p->script);
	free(p->cap);
	free(p);
}

const char *hx_periph_name(const hx_periph *p)
{
	return p->name;
}

unsigned hx_periph_pins(const hx_periph *p)
{
	return p->pins;
}

unsigned hx_periph_line(const hx_periph *p)
{
	return p->cfg.line;
}

/* ---- requests ----------------------------------------------------------------------------- */

/* Elements the FIFO could move for the DMA now: held (to_memory) or free (from_memory) */
static unsigned hx_fifo_avail(const hx_periph *p)
{
	return p->cfg.dir == HX_PERIPH_TO_MEMORY ? p->level : p->cfg.depth - p->level;
}

/* The request a FIFO peripheral raises in its current state (0: none); see periph.h */
static unsigned hx_fifo_want(const hx_periph *p)
{
	const hx_periph_config *c = &p->cfg;
	unsigned avail = hx_fifo_avail(p);
	unsigned bits = 0;

	if (c->flow_controller) {
		unsigned long rem = p->st.dma < c->count ? c->count - p->st.dma : 0;

		if (!rem)
			return 0;
		if (rem >= c->watermark && avail >= c->watermark)
			return HX_PERIPH_BREQ | (rem == c->watermark ? HX_PERIPH_LBREQ : 0u);
		if (avail >= 1 && (rem < c->watermark || c->singles))
			return HX_PERIPH_SREQ | (rem == 1 ? HX_PERIPH_LSREQ : 0u);
		return 0;
	}
	if (c->dir == HX_PERIPH_FROM_MEMORY && c->count && p->st.dma >= c->count)
		return 0;
	if (avail >= c->watermark)
		bits |= HX_PERIPH_BREQ;
	if (c->singles && avail >= 1)
		bits |= HX_PERIPH_SREQ;
	return bits;
}

/* The request to raise now, if the handshake allows one; the script advances when it does */
static unsigned hx_periph_want(const hx_periph *p, bool *from_script)
{
	*from_script = false;
	if (p->cfg.kind == HX_PERIPH_FIFO)
		return hx_fifo_want(p);
	if (p->q_head < p->cfg.script_len) {
		*from_script = true;
		return p->script[p->q_head].bits;
	}
	return p->cfg.repeat_kind;
}

/* The cycle the FIFO moves an element next, UINT64_MAX if only the DMA can change that */
static uint64_t hx_fifo_next_move(const hx_periph *p, uint64_t cycle)
{
	const hx_periph_config *c = &p->cfg;
	uint64_t at = p->next_move > cycle ? p->next_move : cycle;

	if (c->kind != HX_PERIPH_FIFO)
		return UINT64_MAX;
	if (c->dir == HX_PERIPH_TO_MEMORY)
		return p->level < c->depth && (!c->count || p->arrived < c->count) ? at : UINT64_MAX;
	return p->level ? at : UINT64_MAX;
}

static void hx_fifo_cycle(hx_periph *p, uint64_t cycle)
{
	if (hx_fifo_next_move(p, cycle) != cycle)
		return;
	if (p->cfg.dir == HX_PERIPH_TO_MEMORY) {
		p->level++;
		p->arrived++;
	} else {
		p->level--;
	}
	p->st.moved++;
	p->st.level = p->level;
	p->next_move = cycle + p->cfg.rate;
}

void hx_periph_cycle(hx_periph *p, uint64_t cycle, const pl08x_pins_out *out, unsigned *bits)
{
	uint16_t bit = (uint16_t)(1u << p->cfg.line);
	bool clr = out->clr & bit, tc = out->tc & bit;

	if (tc && !p->prev_tc)
		p->st.tc++;
	hx_fifo_cycle(p, cycle);
	if (p->pins) {
		/* drop after DMACCLR seen high in the previous cycle, once seen low before */
		if (p->armed && p->prev_clr) {
			p->pins = 0;
			p->earliest = cycle + 1;
			p->st.served++;
		} else if (!clr) {
			p->armed = true;
		}
	}
	if (!p->pins && cycle >= p->earliest) {
		bool from_script;
		unsigned want = hx_periph_want(p, &from_script);

		if (from_script && cycle < p->script[p->q_head].at)
			want = 0;
		if (want) {
			p->pins = want;
			p->armed = !clr;        /* a DMACCLR still high from before does not count */
			p->q_head += from_script;
		}
	}
	p->prev_clr = clr;
	p->prev_tc = tc;
	*bits = p->pins;
}

uint64_t hx_periph_next_change(const hx_periph *p, uint64_t cycle)
{
	uint64_t next = hx_fifo_next_move(p, cycle);
	uint64_t raise = cycle > p->earliest ? cycle : p->earliest;
	bool from_script;
	unsigned want;

	if (p->pins)
		/* with the outputs as they are, only a drop already due can change the pins */
		return p->armed && p->prev_clr ? cycle : next;
	want = hx_periph_want(p, &from_script);
	if (!want)
		return next;
	if (from_script && raise < p->script[p->q_head].at)
		raise = p->script[p->q_head].at;
	return raise < next ? raise : next;
}

void hx_periph_get_stats(const hx_periph *p, hx_periph_stats *st)
{
	*st = p->st;
}

const uint8_t *hx_periph_captured(const hx_periph *p, size_t *len)
{
	*len = p->cap_len;
	return p->cap;
}
