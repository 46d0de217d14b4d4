/* Loading a vector's system: the variant, the CPU, memories, error regions and peripherals,
 * and the byte ranges (init, mem steps, expect.memory) that must lie inside those memories.
 * See docs/vector-format.md, section "system".
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "vector_parse.h"

#define WAIT_MAX 255u

bool hx_ld_master(hx_ld *ld, struct fy_node *n, const char *field, unsigned *out)
{
	uint64_t v;

	if (!hx_ld_u64(ld, n, field, 0, UINT64_MAX, &v))
		return false;
	if (ld->masters == 1 && v != 1)
		return hx_ld_err(ld, n, field, "the pl081 has only master 1 (AHB1), got %" PRIu64, v);
	if (v != 1 && v != 2)
		return hx_ld_err(ld, n, field, "expected master 1 or 2, got %" PRIu64, v);
	*out = (unsigned)v;
	return true;
}

static bool ld_waits(hx_ld *ld, struct fy_node *n, const char *field, hx_bus_waits *w)
{
	static const char *const keys[] = { "random", NULL };
	struct fy_node *val[1], *it;
	char f[192];
	size_t count;

	memset(w, 0, sizeof(*w));
	if (fy_node_is_sequence(n)) {
		if (!hx_ld_seq(ld, n, field, 1, HX_BUS_WAIT_PATTERN_MAX, &count))
			return false;
		w->kind = HX_BUS_WAIT_PATTERN;
		w->len = (unsigned)count;
		for (size_t i = 0; i < count; i++) {
			unsigned x;
			snprintf(f, sizeof(f), "%s[%zu]", field, i);
			if (!hx_ld_uint(ld, hx_ld_item(n, i), f, 0, WAIT_MAX, &x))
				return false;
			w->pattern[i] = (uint8_t)x;
		}
		return true;
	}
	if (fy_node_is_mapping(n)) {
		if (!hx_ld_map(ld, n, field, keys, val, NULL) || !hx_ld_need(ld, n, val[0], field, "random"))
			return false;
		hx_ld_field(f, sizeof(f), field, "random");
		if (!hx_ld_seq(ld, val[0], f, 2, 2, &count))
			return false;
		w->kind = HX_BUS_WAIT_RANDOM;
		snprintf(f, sizeof(f), "%s.random[0]", field);
		if (!hx_ld_uint(ld, hx_ld_item(val[0], 0), f, 0, WAIT_MAX, &w->min))
			return false;
		snprintf(f, sizeof(f), "%s.random[1]", field);
		it = hx_ld_item(val[0], 1);
		if (!hx_ld_uint(ld, it, f, 0, WAIT_MAX, &w->max))
			return false;
		if (w->max < w->min)
			return hx_ld_err(ld, it, f, "maximum %u is below the minimum %u", w->max, w->min);
		return true;
	}
	w->kind = HX_BUS_WAIT_FIXED;
	return hx_ld_uint(ld, n, field, 0, WAIT_MAX, &w->fixed);
}

/* base + size must stay below 4 GB; returns the end (exclusive) */
static bool ld_region(hx_ld *ld, struct fy_node *bn, struct fy_node *sn, const char *path, uint32_t max_size,
		      uint32_t *base, uint32_t *size)
{
	char f[192];

	if (!hx_ld_u32(ld, bn, hx_ld_field(f, sizeof(f), path, "base"), 0, UINT32_MAX, base) ||
	    !hx_ld_u32(ld, sn, hx_ld_field(f, sizeof(f), path, "size"), 1, max_size, size))
		return false;
	if ((uint64_t)*base + *size > 0x100000000ull)
		return hx_ld_err(ld, sn, f, "0x%08" PRIx32 " + 0x%" PRIx32 " ends past 0xFFFFFFFF", *base, *size);
	return true;
}

static bool overlaps(uint32_t b1, uint32_t s1, uint32_t b2, uint32_t s2)
{
	return (uint64_t)b1 < (uint64_t)b2 + s2 && (uint64_t)b2 < (uint64_t)b1 + s1;
}

/* Names are unique among memories, error regions and peripherals */
static bool ld_unique_name(hx_ld *ld, struct fy_node *n, const char *field, const char *name)
{
	const hx_vec *v = ld->v;

	for (size_t i = 0; i < v->nmems; i++)
		if (v->mems[i].name && !strcmp(v->mems[i].name, name))
			return hx_ld_err(ld, n, field, "\"%s\" is already the name of system.memories[%zu]", name, i);
	for (size_t i = 0; i < v->nerrors; i++)
		if (v->errors[i].name && !strcmp(v->errors[i].name, name))
			return hx_ld_err(ld, n, field, "\"%s\" is already the name of system.errors[%zu]", name, i);
	for (size_t i = 0; i < v->nperiphs; i++)
		if (v->periphs[i].cfg.name && !strcmp(v->periphs[i].cfg.name, name))
			return hx_ld_err(ld, n, field, "\"%s\" is already the name of system.peripherals[%zu]", name, i);
	return true;
}

/*
 * The head of a memory, error region or peripheral: the mapping with @keys, its first @nreq keys
 * required, and a unique name (key 0) into *@name
 */
static bool ld_slave_head(hx_ld *ld, struct fy_node *n, const char *path, const char *const keys[], unsigned nreq,
			  struct fy_node **val, const char **name)
{
	char f[192];

	if (!hx_ld_map(ld, n, path, keys, val, NULL))
		return false;
	for (unsigned k = 0; k < nreq; k++)
		if (!hx_ld_need(ld, n, val[k], path, keys[k]))
			return false;
	hx_ld_field(f, sizeof(f), path, keys[0]);
	return hx_ld_name(ld, val[0], f, true, HX_VEC_NAME_MAX, name) && ld_unique_name(ld, val[0], f, *name);
}

static bool ld_endian(hx_ld *ld, struct fy_node *n, const char *field, bool *big)
{
	static const char *const names[] = { "little", "big", NULL };
	unsigned e = 0;

	if (n && !hx_ld_enum(ld, n, field, names, &e))
		return false;
	*big = e == 1;
	return true;
}

static bool ld_memory(hx_ld *ld, struct fy_node *n, const char *path, size_t idx)
{
	static const char *const keys[] = { "name", "master", "base", "size", "waits", "endian", "init", NULL };
	enum { K_NAME, K_MASTER, K_BASE, K_SIZE, K_WAITS, K_ENDIAN, K_INIT };
	struct fy_node *val[7];
	hx_vmemory *m = &ld->v->mems[idx];
	char f[192];
	size_t count;

	if (!ld_slave_head(ld, n, path, keys, K_SIZE + 1, val, &m->name))
		return false;
	ld->v->nmems = idx + 1; /* the name above now counts for uniqueness */
	if (!hx_ld_master(ld, val[K_MASTER], hx_ld_field(f, sizeof(f), path, "master"), &m->master) ||
	    !ld_region(ld, val[K_BASE], val[K_SIZE], path, HX_VEC_MEM_MAX, &m->base, &m->size))
		return false;
	for (size_t i = 0; i < idx; i++) {
		const hx_vmemory *o = &ld->v->mems[i];
		if (o->master == m->master && overlaps(o->base, o->size, m->base, m->size))
			return hx_ld_err(ld, n, path, "0x%08" PRIx32 "..0x%08" PRIx32 " overlaps memory \"%s\" on master %u",
					 m->base, (uint32_t)(m->base + m->size - 1), o->name, o->master);
	}
	m->waits = hx_bus_waits_fixed(0);
	if (val[K_WAITS] && !ld_waits(ld, val[K_WAITS], hx_ld_field(f, sizeof(f), path, "waits"), &m->waits))
		return false;
	if (!ld_endian(ld, val[K_ENDIAN], hx_ld_field(f, sizeof(f), path, "endian"), &m->big_endian))
		return false;
	if (!val[K_INIT])
		return true;
	if (!hx_ld_seq(ld, val[K_INIT], hx_ld_field(f, sizeof(f), path, "init"), 0, 100000, &count))
		return false;
	m->init = hx_ld_alloc(ld, (count + 1) * sizeof(*m->init));
	if (!m->init)
		return false;
	for (size_t i = 0; i < count; i++) {
		snprintf(f, sizeof(f), "%s.init[%zu]", path, i);
		if (!hx_ld_range(ld, hx_ld_item(val[K_INIT], i), f, HX_LDR_INIT, m, &m->init[i]))
			return false;
	}
	m->ninit = count;
	return true;
}

static bool ld_error_region(hx_ld *ld, struct fy_node *n, const char *path, size_t idx)
{
	static const char *const keys[] = { "name", "master", "base", "size", "on", "waits", NULL };
	static const char *const ons[] = { "both", "read", "write", NULL };
	enum { K_NAME, K_MASTER, K_BASE, K_SIZE, K_ON, K_WAITS };
	struct fy_node *val[6];
	hx_verror_region *e = &ld->v->errors[idx];
	char f[192];
	unsigned on = 0;

	if (!ld_slave_head(ld, n, path, keys, K_SIZE + 1, val, &e->name))
		return false;
	ld->v->nerrors = idx + 1;
	if (!hx_ld_master(ld, val[K_MASTER], hx_ld_field(f, sizeof(f), path, "master"), &e->master) ||
	    !ld_region(ld, val[K_BASE], val[K_SIZE], path, UINT32_MAX, &e->base, &e->size))
		return false;
	for (size_t i = 0; i < idx; i++) {
		const hx_verror_region *o = &ld->v->errors[i];
		if (o->master == e->master && overlaps(o->base, o->size, e->base, e->size))
			return hx_ld_err(ld, n, path, "overlaps error region \"%s\" on master %u", o->name, o->master);
	}
	if (val[K_ON] && !hx_ld_enum(ld, val[K_ON], hx_ld_field(f, sizeof(f), path, "on"), ons, &on))
		return false;
	e->on_read = on != 2;
	e->on_write = on != 1;
	e->waits = hx_bus_waits_fixed(0);
	return !val[K_WAITS] || ld_waits(ld, val[K_WAITS], hx_ld_field(f, sizeof(f), path, "waits"), &e->waits);
}

/* Request kinds of a script: a name or a list of names, as enum hx_periph_req_bits */
static bool ld_req_bits(hx_ld *ld, struct fy_node *n, const char *field, bool allow_none, unsigned *bits)
{
	static const char *const names[] = { "burst", "single", "last_burst", "last_single", "none", NULL };
	char f[192];
	unsigned k;
	size_t count;

	*bits = 0;
	if (fy_node_is_sequence(n)) {
		if (!hx_ld_seq(ld, n, field, 1, 4, &count))
			return false;
		for (size_t i = 0; i < count; i++) {
			snprintf(f, sizeof(f), "%s[%zu]", field, i);
			if (!hx_ld_enum(ld, hx_ld_item(n, i), f, names, &k))
				return false;
			if (k == 4)
				return hx_ld_err(ld, hx_ld_item(n, i), f, "\"none\" cannot be combined");
			*bits |= 1u << k;
		}
		return true;
	}
	if (!hx_ld_enum(ld, n, field, names, &k))
		return false;
	if (k == 4 && !allow_none)
		return hx_ld_err(ld, n, field, "\"none\" is only for repeat");
	*bits = k == 4 ? 0 : 1u << k;
	return true;
}

static bool ld_script(hx_ld *ld, struct fy_node *n, const char *path, hx_periph_config *c)
{
	static const char *const keys[] = { "at", "kind", NULL };
	struct fy_node *val[2], *it;
	char f[192], p[160];
	size_t count;
	hx_periph_req *reqs;

	if (!hx_ld_seq(ld, n, path, 0, 100000, &count))
		return false;
	reqs = hx_ld_alloc(ld, (count + 1) * sizeof(*reqs));
	if (!reqs)
		return false;
	for (size_t i = 0; i < count; i++) {
		it = hx_ld_item(n, i);
		snprintf(p, sizeof(p), "%s[%zu]", path, i);
		if (!hx_ld_map(ld, it, p, keys, val, NULL) || !hx_ld_need(ld, it, val[0], p, "at") ||
		    !hx_ld_need(ld, it, val[1], p, "kind") ||
		    !hx_ld_u64(ld, val[0], hx_ld_field(f, sizeof(f), p, "at"), 0, UINT64_MAX, &reqs[i].at) ||
		    !ld_req_bits(ld, val[1], hx_ld_field(f, sizeof(f), p, "kind"), false, &reqs[i].bits))
			return false;
		if (i && reqs[i].at < reqs[i - 1].at)
			return hx_ld_err(ld, val[0], hx_ld_field(f, sizeof(f), p, "at"),
					 "%" PRIu64 " is before the previous request's %" PRIu64, reqs[i].at, reqs[i - 1].at);
	}
	c->script = reqs;
	c->script_len = count;
	return true;
}

/* Keys each kind of peripheral takes (beyond the common ones) */
static const char *const periph_keys[] = { "name", "kind", "line", "master", "base", "size", "endian", "waits",
					  "data_seed", "direction", "width", "depth", "rate", "watermark", "singles",
					  "count", "flow_controller", "start", "requests", "repeat", NULL };
enum {
	P_NAME, P_KIND, P_LINE, P_MASTER, P_BASE, P_SIZE, P_ENDIAN, P_WAITS, P_SEED, P_DIR, P_WIDTH, P_DEPTH, P_RATE,
	P_WATERMARK, P_SINGLES, P_COUNT, P_FLOW, P_START, P_REQUESTS, P_REPEAT, P_NKEYS
};

static bool ld_fifo(hx_ld *ld, struct fy_node *n, struct fy_node **val, const char *path, hx_periph_config *c)
{
	static const char *const dirs[] = { "to_memory", "from_memory", NULL };
	char f[192];
	unsigned dir, width;

	for (unsigned k = P_DIR; k <= P_RATE; k++)
		if (!hx_ld_need(ld, n, val[k], path, periph_keys[k]))
			return false;
	if (!hx_ld_enum(ld, val[P_DIR], hx_ld_field(f, sizeof(f), path, "direction"), dirs, &dir))
		return false;
	c->dir = dir ? HX_PERIPH_FROM_MEMORY : HX_PERIPH_TO_MEMORY;
	if (!hx_ld_uint(ld, val[P_WIDTH], hx_ld_field(f, sizeof(f), path, "width"), 0, 32, &width))
		return false;
	if (width != 8 && width != 16 && width != 32)
		return hx_ld_err(ld, val[P_WIDTH], f, "expected 8, 16 or 32 (bits), got %u", width);
	c->width = width / 8;
	if (!hx_ld_uint(ld, val[P_DEPTH], hx_ld_field(f, sizeof(f), path, "depth"), 1, 4096, &c->depth) ||
	    !hx_ld_uint(ld, val[P_RATE], hx_ld_field(f, sizeof(f), path, "rate"), 1, 1000000, &c->rate))
		return false;
	c->watermark = c->depth / 2 ? c->depth / 2 : 1;
	if (val[P_WATERMARK] &&
	    !hx_ld_uint(ld, val[P_WATERMARK], hx_ld_field(f, sizeof(f), path, "watermark"), 1, c->depth, &c->watermark))
		return false;
	c->singles = true;
	if (val[P_SINGLES] && !hx_ld_bool(ld, val[P_SINGLES], hx_ld_field(f, sizeof(f), path, "singles"), &c->singles))
		return false;
	if (val[P_FLOW] &&
	    !hx_ld_bool(ld, val[P_FLOW], hx_ld_field(f, sizeof(f), path, "flow_controller"), &c->flow_controller))
		return false;
	c->count = 0;
	if (val[P_COUNT]) {
		uint64_t cnt;
		if (!hx_ld_u64(ld, val[P_COUNT], hx_ld_field(f, sizeof(f), path, "count"), c->flow_controller ? 1 : 0,
			       0xFFFFFFFFu, &cnt))
			return false;
		c->count = (unsigned long)cnt;
	} else if (c->flow_controller) {
		return hx_ld_need(ld, n, NULL, path, "count");
	}
	if (val[P_START] && !hx_ld_u64(ld, val[P_START], hx_ld_field(f, sizeof(f), path, "start"), 0, 1ull << 40, &c->start))
		return false;
	return true;
}

static bool ld_periph(hx_ld *ld, struct fy_node *n, const char *path, size_t idx)
{
	static const char *const kinds[] = { "fifo", "script", NULL };
	struct fy_node *val[P_NKEYS];
	hx_periph_config *c = &ld->v->periphs[idx].cfg;
	char f[192];
	unsigned kind;

	if (!ld_slave_head(ld, n, path, periph_keys, P_BASE + 1, val, &c->name))
		return false;
	ld->v->nperiphs = idx + 1;
	if (!hx_ld_enum(ld, val[P_KIND], hx_ld_field(f, sizeof(f), path, "kind"), kinds, &kind))
		return false;
	c->kind = kind ? HX_PERIPH_SCRIPT : HX_PERIPH_FIFO;
	if (!hx_ld_uint(ld, val[P_LINE], hx_ld_field(f, sizeof(f), path, "line"), 0, PL08X_REQ_LINES - 1, &c->line))
		return false;
	for (size_t i = 0; i < idx; i++)
		if (ld->v->periphs[i].cfg.line == c->line)
			return hx_ld_err(ld, val[P_LINE], f, "line %u is already used by peripheral \"%s\"", c->line,
					 ld->v->periphs[i].cfg.name);
	if (!hx_ld_master(ld, val[P_MASTER], hx_ld_field(f, sizeof(f), path, "master"), &c->master))
		return false;
	c->size = 4;
	if (val[P_SIZE] ? !ld_region(ld, val[P_BASE], val[P_SIZE], path, 0x100000u, &c->base, &c->size)
			: !hx_ld_u32(ld, val[P_BASE], hx_ld_field(f, sizeof(f), path, "base"), 0, 0xFFFFFFFCu, &c->base))
		return false;
	for (size_t i = 0; i < idx; i++) {
		const hx_periph_config *o = &ld->v->periphs[i].cfg;
		if (o->master == c->master && overlaps(o->base, o->size, c->base, c->size))
			return hx_ld_err(ld, n, path, "window overlaps peripheral \"%s\" on master %u", o->name, o->master);
	}
	if (!ld_endian(ld, val[P_ENDIAN], hx_ld_field(f, sizeof(f), path, "endian"), &c->big_endian))
		return false;
	c->waits = hx_bus_waits_fixed(0);
	if (val[P_WAITS] && !ld_waits(ld, val[P_WAITS], hx_ld_field(f, sizeof(f), path, "waits"), &c->waits))
		return false;
	c->data_seed = c->line;
	if (val[P_SEED] &&
	    !hx_ld_u32(ld, val[P_SEED], hx_ld_field(f, sizeof(f), path, "data_seed"), 0, UINT32_MAX, &c->data_seed))
		return false;
	/* keys of the other kind are errors, like unknown keys */
	unsigned first = c->kind == HX_PERIPH_FIFO ? P_REQUESTS : P_DIR;
	unsigned last = c->kind == HX_PERIPH_FIFO ? P_REPEAT : P_START;
	for (unsigned k = first; k <= last; k++)
		if (val[k]) {
			char g[192];
			snprintf(g, sizeof(g), "%s.%s", path, periph_keys[k]);
			return hx_ld_err(ld, val[k], g, "not a key of a %s peripheral", kinds[kind]);
		}
	if (c->kind == HX_PERIPH_FIFO)
		return ld_fifo(ld, n, val, path, c);
	if (!hx_ld_need(ld, n, val[P_REQUESTS], path, "requests") ||
	    !ld_script(ld, val[P_REQUESTS], hx_ld_field(f, sizeof(f), path, "requests"), c))
		return false;
	return !val[P_REPEAT] ||
	       ld_req_bits(ld, val[P_REPEAT], hx_ld_field(f, sizeof(f), path, "repeat"), true, &c->repeat_kind);
}

static bool ld_cpu(hx_ld *ld, struct fy_node *n)
{
	static const char *const keys[] = { "mmio_cycles", "mmio_jitter", "preempt_percent", "irq_latency", NULL };
	struct fy_node *val[4];
	hx_vec *v = ld->v;
	size_t count;

	if (!hx_ld_map(ld, n, "system.cpu", keys, val, NULL))
		return false;
	if (val[0] && !hx_ld_uint(ld, val[0], "system.cpu.mmio_cycles", 1, 1000, &v->mmio_cycles))
		return false;
	if (val[1] && !hx_ld_uint(ld, val[1], "system.cpu.mmio_jitter", 0, 1000, &v->mmio_jitter))
		return false;
	if (val[2] && !hx_ld_uint(ld, val[2], "system.cpu.preempt_percent", 0, 100, &v->preempt_percent))
		return false;
	if (!val[3])
		return true;
	if (!fy_node_is_sequence(val[3])) {
		if (!hx_ld_uint(ld, val[3], "system.cpu.irq_latency", 0, 100000, &v->irq_latency_min))
			return false;
		v->irq_latency_max = v->irq_latency_min;
		return true;
	}
	if (!hx_ld_seq(ld, val[3], "system.cpu.irq_latency", 2, 2, &count) ||
	    !hx_ld_uint(ld, hx_ld_item(val[3], 0), "system.cpu.irq_latency[0]", 0, 100000, &v->irq_latency_min) ||
	    !hx_ld_uint(ld, hx_ld_item(val[3], 1), "system.cpu.irq_latency[1]", 0, 100000, &v->irq_latency_max))
		return false;
	if (v->irq_latency_max < v->irq_latency_min)
		return hx_ld_err(ld, hx_ld_item(val[3], 1), "system.cpu.irq_latency[1]",
				 "maximum %u is below the minimum %u", v->irq_latency_max, v->irq_latency_min);
	return true;
}

/* A list section of system: allocate, then parse each item with @fn */
static bool ld_list(hx_ld *ld, struct fy_node *n, const char *name, size_t elem, void **arr,
		    bool (*fn)(hx_ld *, struct fy_node *, const char *, size_t))
{
	char f[160];
	size_t count;

	snprintf(f, sizeof(f), "system.%s", name);
	if (!hx_ld_seq(ld, n, f, 0, 256, &count))
		return false;
	*arr = hx_ld_alloc(ld, (count + 1) * elem);
	if (!*arr)
		return false;
	for (size_t i = 0; i < count; i++) {
		snprintf(f, sizeof(f), "system.%s[%zu]", name, i);
		if (!fn(ld, hx_ld_item(n, i), f, i))
			return false;
	}
	return true;
}

bool hx_ld_system(hx_ld *ld, struct fy_node *n)
{
	static const char *const keys[] = { "variant", "seed", "timeout", "cpu", "memories", "errors", "peripherals",
					    NULL };
	static const char *const variants[] = { "pl080", "pl081", NULL };
	enum { K_VARIANT, K_SEED, K_TIMEOUT, K_CPU, K_MEMS, K_ERRORS, K_PERIPHS };
	struct fy_node *val[7];
	hx_vec *v = ld->v;
	unsigned variant = 0;

	if (!hx_ld_map(ld, n, "system", keys, val, NULL))
		return false;
	if (val[K_VARIANT] && !hx_ld_enum(ld, val[K_VARIANT], "system.variant", variants, &variant))
		return false;
	v->variant = variant ? PL08X_VARIANT_PL081 : PL08X_VARIANT_PL080;
	ld->dev = pl08x_create(v->variant);
	if (!ld->dev)
		return hx_ld_err(ld, n, "system", "out of memory");
	ld->masters = pl08x_masters(ld->dev);
	ld->channels = pl08x_channels(ld->dev);
	v->seed = 1;
	v->timeout = 1000000;
	v->mmio_cycles = 4;
	v->irq_latency_min = 8;
	v->irq_latency_max = 16;
	if (val[K_SEED] && !hx_ld_u64(ld, val[K_SEED], "system.seed", 0, UINT64_MAX, &v->seed))
		return false;
	if (val[K_TIMEOUT] && !hx_ld_u64(ld, val[K_TIMEOUT], "system.timeout", 1, 1ull << 40, &v->timeout))
		return false;
	if (val[K_CPU] && !ld_cpu(ld, val[K_CPU]))
		return false;
	if (val[K_MEMS] && !ld_list(ld, val[K_MEMS], "memories", sizeof(hx_vmemory), (void **)&v->mems, ld_memory))
		return false;
	if (val[K_ERRORS] &&
	    !ld_list(ld, val[K_ERRORS], "errors", sizeof(hx_verror_region), (void **)&v->errors, ld_error_region))
		return false;
	if (val[K_PERIPHS] &&
	    !ld_list(ld, val[K_PERIPHS], "peripherals", sizeof(hx_vperiph), (void **)&v->periphs, ld_periph))
		return false;
	return true;
}

/* ---- byte ranges ---- */

bool hx_ld_inside(hx_ld *ld, struct fy_node *n, const char *field, unsigned master, uint32_t at, uint64_t len)
{
	for (size_t i = 0; i < ld->v->nmems; i++) {
		const hx_vmemory *m = &ld->v->mems[i];
		if (m->master == master && at >= m->base && (uint64_t)at + len <= (uint64_t)m->base + m->size)
			return true;
	}
	return hx_ld_err(ld, n, field, "0x%08" PRIx32 "..0x%08" PRIx64 " is not inside one memory of master %u", at,
			 (uint64_t)at + len - 1, master);
}

enum { R_AT, R_MASTER, R_PERIPH, R_PATTERN, R_BYTES, R_WORDS, R_FILL, R_COPY, R_CRC, R_LENGTH, R_NKEYS };
static const char *const range_keys[] = { "at", "master", "peripheral", "pattern", "bytes", "words", "fill",
					  "copy_of", "crc32", "length", NULL };

/* The data keys: exactly one of pattern, bytes, words, fill, copy_of, crc32 */
static bool ld_data(hx_ld *ld, struct fy_node *n, struct fy_node **val, const char *path, hx_vrange *r)
{
	char f[192];
	int kind = -1;
	size_t count;
	hx_vdata *d = &r->data;

	for (int k = R_PATTERN; k <= R_CRC; k++) {
		if (!val[k])
			continue;
		if (kind >= 0)
			return hx_ld_err(ld, val[k], hx_ld_field(f, sizeof(f), path, range_keys[k]),
					 "only one of pattern, bytes, words, fill%s may be given (%s is)",
					 val[R_COPY] || val[R_CRC] ? ", copy_of, crc32" : "", range_keys[kind]);
		kind = k;
	}
	if (kind < 0)
		return hx_ld_err(ld, n, path, "no data (one of pattern, bytes, words, fill%s is needed)",
				 val[R_COPY] || val[R_CRC] || val[R_PERIPH] ? ", copy_of, crc32" : "");
	hx_ld_field(f, sizeof(f), path, range_keys[kind]);
	bool listed = kind == R_BYTES || kind == R_WORDS;
	if (listed && val[R_LENGTH])
		return hx_ld_err(ld, val[R_LENGTH], hx_ld_field(f, sizeof(f), path, "length"),
				 "not allowed with %s (the list gives the length)", range_keys[kind]);
	if (!listed) {
		if (!hx_ld_need(ld, n, val[R_LENGTH], path, "length"))
			return false;
		char lf[192];
		if (!hx_ld_u32(ld, val[R_LENGTH], hx_ld_field(lf, sizeof(lf), path, "length"), 1, HX_VEC_MEM_MAX, &d->length))
			return false;
	}
	switch (kind) {
	case R_PATTERN:
		d->kind = HX_VD_PATTERN;
		return hx_ld_u32(ld, val[kind], f, 0, UINT32_MAX, &d->value);
	case R_FILL:
		d->kind = HX_VD_FILL;
		return hx_ld_u32(ld, val[kind], f, 0, 255, &d->value);
	case R_CRC:
		d->kind = HX_VD_CRC32;
		return hx_ld_u32(ld, val[kind], f, 0, UINT32_MAX, &d->value);
	case R_BYTES:
		d->kind = HX_VD_BYTES;
		if (!hx_ld_seq(ld, val[kind], f, 1, HX_VEC_MEM_MAX, &count))
			return false;
		d->bytes = hx_ld_alloc(ld, count);
		if (!d->bytes)
			return false;
		for (size_t i = 0; i < count; i++) {
			char g[200];
			uint32_t b;
			snprintf(g, sizeof(g), "%s[%zu]", f, i);
			if (!hx_ld_u32(ld, hx_ld_item(val[kind], i), g, 0, 255, &b))
				return false;
			d->bytes[i] = (uint8_t)b;
		}
		d->length = (uint32_t)count;
		return true;
	case R_WORDS:
		d->kind = HX_VD_WORDS;
		if (r->periph >= 0)
			return hx_ld_err(ld, val[kind], f, "not for a peripheral (its bytes have no word lanes)");
		if (r->at % 4)
			return hx_ld_err(ld, val[R_AT], hx_ld_field(f, sizeof(f), path, "at"),
					 "0x%08" PRIx32 " is not word-aligned (words need it)", r->at);
		if (!hx_ld_seq(ld, val[kind], f, 1, HX_VEC_MEM_MAX / 4, &count))
			return false;
		d->words = hx_ld_alloc(ld, count * 4);
		if (!d->words)
			return false;
		for (size_t i = 0; i < count; i++) {
			char g[200];
			snprintf(g, sizeof(g), "%s[%zu]", f, i);
			if (!hx_ld_u32(ld, hx_ld_item(val[kind], i), g, 0, UINT32_MAX, &d->words[i]))
				return false;
		}
		d->length = (uint32_t)count * 4;
		return true;
	default: { /* R_COPY */
		static const char *const ckeys[] = { "master", "at", NULL };
		struct fy_node *cv[2];
		char g[200];
		d->kind = HX_VD_COPY;
		if (!hx_ld_map(ld, val[kind], f, ckeys, cv, NULL) || !hx_ld_need(ld, val[kind], cv[1], f, "at"))
			return false;
		d->copy_master = 1;
		if (cv[0] && !hx_ld_master(ld, cv[0], hx_ld_field(g, sizeof(g), f, "master"), &d->copy_master))
			return false;
		if (!hx_ld_u32(ld, cv[1], hx_ld_field(g, sizeof(g), f, "at"), 0, UINT32_MAX, &d->copy_at))
			return false;
		return hx_ld_inside(ld, val[kind], f, d->copy_master, d->copy_at, d->length);
	}
	}
}

bool hx_ld_range(hx_ld *ld, struct fy_node *n, const char *path, enum hx_ldr_where where, const hx_vmemory *mem,
		 hx_vrange *r)
{
	struct fy_node *val[R_NKEYS];
	const char *keys[R_NKEYS + 1];
	char f[192];
	unsigned nk = 0;

	/* the keys this place takes, in the order of range_keys so that val[] lines up */
	for (unsigned k = 0; k < R_NKEYS; k++) {
		bool ok = true;
		if (k == R_PERIPH || k == R_COPY || k == R_CRC)
			ok = where == HX_LDR_EXPECT;
		if (k == R_MASTER)
			ok = where != HX_LDR_INIT;
		if (ok)
			keys[nk++] = range_keys[k];
	}
	keys[nk] = NULL;
	struct fy_node *got_vals[R_NKEYS];
	if (!hx_ld_map(ld, n, path, keys, got_vals, NULL))
		return false;
	for (unsigned k = 0, j = 0; k < R_NKEYS; k++)
		val[k] = (j < nk && !strcmp(keys[j], range_keys[k])) ? got_vals[j++] : NULL;

	memset(r, 0, sizeof(*r));
	r->periph = -1;
	r->line = hx_ld_line(n);
	if (val[R_PERIPH]) {
		const char *name;
		hx_ld_field(f, sizeof(f), path, "peripheral");
		if (val[R_AT] || val[R_MASTER])
			return hx_ld_err(ld, val[R_AT] ? val[R_AT] : val[R_MASTER],
					 hx_ld_field(f, sizeof(f), path, val[R_AT] ? "at" : "master"),
					 "not allowed with peripheral");
		if (!hx_ld_str(ld, val[R_PERIPH], f, &name))
			return false;
		for (size_t i = 0; i < ld->v->nperiphs; i++)
			if (!strcmp(ld->v->periphs[i].cfg.name, name))
				r->periph = (int)i;
		if (r->periph < 0)
			return hx_ld_err(ld, val[R_PERIPH], f, "no peripheral named \"%s\"", name);
		return ld_data(ld, n, val, path, r);
	}
	if (!hx_ld_need(ld, n, val[R_AT], path, "at") ||
	    !hx_ld_u32(ld, val[R_AT], hx_ld_field(f, sizeof(f), path, "at"), 0, UINT32_MAX, &r->at))
		return false;
	if (where == HX_LDR_INIT)
		r->master = mem->master;
	else if (!hx_ld_need(ld, n, val[R_MASTER], path, "master") ||
		 !hx_ld_master(ld, val[R_MASTER], hx_ld_field(f, sizeof(f), path, "master"), &r->master))
		return false;
	if (!ld_data(ld, n, val, path, r))
		return false;
	if (where == HX_LDR_INIT) {
		if (r->at < mem->base || (uint64_t)r->at + r->data.length > (uint64_t)mem->base + mem->size)
			return hx_ld_err(ld, n, path,
					 "0x%08" PRIx32 "..0x%08" PRIx64 " is outside memory \"%s\" (0x%08" PRIx32
					 "..0x%08" PRIx32 ")",
					 r->at, (uint64_t)r->at + r->data.length - 1, mem->name, mem->base,
					 (uint32_t)(mem->base + mem->size - 1));
		return true;
	}
	return hx_ld_inside(ld, n, path, r->master, r->at, r->data.length);
}
