/* Loading expect.beats (bus-beat attributes) and expect.edges (DMACCLR/DMACTC rising edges).
 * See docs/vector-format.md, section "expect". Private to the harness library.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "pl08x/pins.h"
#include "vector_parse.h"

static const char *const htrans_names[] = { "idle", "busy", "nonseq", "seq", NULL };
static const char *const hburst_names[] = { "single", "incr", "incr4", "incr8", "incr16", NULL };
static const uint8_t hburst_codes[] = { PL08X_HBURST_SINGLE, PL08X_HBURST_INCR, PL08X_HBURST_INCR4,
					PL08X_HBURST_INCR8, PL08X_HBURST_INCR16 };
static const char *const resp_names[] = { "okay", "error", NULL };
static const char *const pin_names[] = { "clr", "tc", NULL };

/* addr: A or [lo, hi] */
static bool ld_addr(hx_ld *ld, struct fy_node *n, const char *field, hx_vbeat_check *c)
{
	uint64_t lo, hi;

	if (!hx_ld_bounds(ld, n, field, UINT32_MAX, &lo, &hi))
		return false;
	c->addr_lo = (uint32_t)lo;
	c->addr_hi = (uint32_t)hi;
	return true;
}

static bool ld_beat(hx_ld *ld, struct fy_node *it, const char *p, hx_vbeat_check *c)
{
	static const char *const keys[] = { "master", "write", "addr", "index", "htrans", "hburst", "hsize", "hprot",
					    "hlock", "cycle", "data", "resp", "count", NULL };
	enum { K_MASTER, K_WRITE, K_ADDR, K_INDEX, K_HTRANS, K_HBURST, K_HSIZE, K_HPROT, K_HLOCK, K_CYCLE, K_DATA,
	       K_RESP, K_COUNT };
	struct fy_node *val[13];
	char f[128];
	unsigned x;
	bool b;

	if (!hx_ld_map(ld, it, p, keys, val, NULL))
		return false;
	c->line = hx_ld_line(it);
	c->write = -1;
	c->addr_hi = UINT32_MAX;
	if (val[K_MASTER] && !hx_ld_master(ld, val[K_MASTER], hx_ld_field(f, sizeof(f), p, "master"), &c->master))
		return false;
	if (val[K_WRITE]) {
		if (!hx_ld_bool(ld, val[K_WRITE], hx_ld_field(f, sizeof(f), p, "write"), &b))
			return false;
		c->write = b;
	}
	if (val[K_ADDR] && !ld_addr(ld, val[K_ADDR], hx_ld_field(f, sizeof(f), p, "addr"), c))
		return false;
	if (val[K_INDEX]) {
		c->has_index = true;
		if (!hx_ld_u64(ld, val[K_INDEX], hx_ld_field(f, sizeof(f), p, "index"), 0, UINT32_MAX, &c->index))
			return false;
	}
	if (val[K_COUNT]) {
		if (val[K_INDEX])
			return hx_ld_err(ld, val[K_COUNT], hx_ld_field(f, sizeof(f), p, "count"),
					 "count with index (count counts the beats the filters select)");
		c->has_count = true;
		if (!hx_ld_u64(ld, val[K_COUNT], hx_ld_field(f, sizeof(f), p, "count"), 0, UINT32_MAX, &c->count))
			return false;
	}
	if (val[K_HTRANS]) {
		if (!hx_ld_enum(ld, val[K_HTRANS], hx_ld_field(f, sizeof(f), p, "htrans"), htrans_names + 2, &x))
			return false;
		c->htrans = (uint8_t)(x + PL08X_HTRANS_NONSEQ);
		c->what |= HX_VB_HTRANS;
	}
	if (val[K_HBURST]) {
		if (!hx_ld_enum(ld, val[K_HBURST], hx_ld_field(f, sizeof(f), p, "hburst"), hburst_names, &x))
			return false;
		c->hburst = hburst_codes[x];
		c->what |= HX_VB_HBURST;
	}
	if (val[K_HSIZE]) {
		hx_ld_field(f, sizeof(f), p, "hsize");
		if (!hx_ld_uint(ld, val[K_HSIZE], f, 0, UINT32_MAX, &x))
			return false;
		if (x != 8 && x != 16 && x != 32)
			return hx_ld_err(ld, val[K_HSIZE], f, "expected 8, 16 or 32 (bits), got %u", x);
		c->hsize = (uint8_t)(x == 8 ? PL08X_HSIZE_8 : x == 16 ? PL08X_HSIZE_16 : PL08X_HSIZE_32);
		c->what |= HX_VB_HSIZE;
	}
	if (val[K_HPROT]) {
		if (!hx_ld_uint(ld, val[K_HPROT], hx_ld_field(f, sizeof(f), p, "hprot"), 0, 15, &x))
			return false;
		c->hprot = (uint8_t)x;
		c->what |= HX_VB_HPROT;
	}
	if (val[K_HLOCK]) {
		if (!hx_ld_bool(ld, val[K_HLOCK], hx_ld_field(f, sizeof(f), p, "hlock"), &c->hlock))
			return false;
		c->what |= HX_VB_HLOCK;
	}
	if (val[K_CYCLE]) {
		if (!hx_ld_bounds(ld, val[K_CYCLE], hx_ld_field(f, sizeof(f), p, "cycle"), UINT64_MAX, &c->cmin, &c->cmax))
			return false;
		c->what |= HX_VB_CYCLE;
	}
	if (val[K_DATA]) {
		if (!hx_ld_u32(ld, val[K_DATA], hx_ld_field(f, sizeof(f), p, "data"), 0, UINT32_MAX, &c->data))
			return false;
		c->what |= HX_VB_DATA;
	}
	if (val[K_RESP]) {
		if (!hx_ld_enum(ld, val[K_RESP], hx_ld_field(f, sizeof(f), p, "resp"), resp_names, &x))
			return false;
		c->resp = (uint8_t)(x ? PL08X_HRESP_ERROR : PL08X_HRESP_OKAY);
		c->what |= HX_VB_RESP;
	}
	if (!c->what && !c->has_count)
		return hx_ld_err(ld, it, p, "nothing to check (give count or one of htrans, hburst, hsize, hprot, hlock, "
				 "cycle, data, resp)");
	return true;
}

bool hx_ld_expect_beats(hx_ld *ld, struct fy_node *n, hx_vexpect *e)
{
	char p[64];
	size_t count;

	if (!hx_ld_seq(ld, n, "expect.beats", 0, 10000, &count))
		return false;
	e->beats = hx_ld_alloc(ld, (count + 1) * sizeof(*e->beats));
	if (!e->beats)
		return false;
	for (size_t i = 0; i < count; i++) {
		snprintf(p, sizeof(p), "expect.beats[%zu]", i);
		if (!ld_beat(ld, hx_ld_item(n, i), p, &e->beats[i]))
			return false;
	}
	e->nbeats = count;
	return true;
}

bool hx_ld_expect_edges(hx_ld *ld, struct fy_node *n, hx_vexpect *e)
{
	static const char *const keys[] = { "pin", "line", "cycle", NULL };
	struct fy_node *val[3];
	char p[64], f[96];
	size_t count;

	if (!hx_ld_seq(ld, n, "expect.edges", 0, 100000, &count))
		return false;
	e->has_pedges = true;
	e->pedges = hx_ld_alloc(ld, (count + 1) * sizeof(*e->pedges));
	if (!e->pedges)
		return false;
	e->pairs_checked = count ? 0 : UINT32_MAX;
	for (size_t i = 0; i < count; i++) {
		struct fy_node *it = hx_ld_item(n, i);
		hx_vpin_edge *x = &e->pedges[i];
		unsigned pin;
		snprintf(p, sizeof(p), "expect.edges[%zu]", i);
		if (!hx_ld_map(ld, it, p, keys, val, NULL) || !hx_ld_need(ld, it, val[0], p, "pin") ||
		    !hx_ld_need(ld, it, val[1], p, "line") ||
		    !hx_ld_enum(ld, val[0], hx_ld_field(f, sizeof(f), p, "pin"), pin_names, &pin) ||
		    !hx_ld_uint(ld, val[1], hx_ld_field(f, sizeof(f), p, "line"), 0, 15, &x->line))
			return false;
		x->pin = (enum hx_vpin)pin;
		e->pairs_checked |= 1u << (pin * 16 + x->line);
		x->min = 0;
		x->max = UINT64_MAX;
		if (val[2] && !hx_ld_bounds(ld, val[2], hx_ld_field(f, sizeof(f), p, "cycle"), UINT64_MAX, &x->min, &x->max))
			return false;
	}
	e->npedges = count;
	return true;
}
