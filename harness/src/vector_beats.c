/* expect.beats and expect.edges at run time: the run records every bus beat (a beat observer of
 * the sim) and the rising edges of DMACCLR/DMACTC (from the pin hook of vector_run.c), and
 * checks them at the end. Message formats are those of docs/vector-format.md ("Failure
 * messages"). Recording is only on when the vector has the check (no cost otherwise).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pl08x/pins.h"
#include "vector_exec.h"


static const char *const pin_name[HX_VPINS] = { "clr", "tc" };

/* Room for one more of @size bytes in *@arr holding @n of *@cap (doubling); false (and oom) if none */
static bool grow(hx_vrun *r, void **arr, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? 2 * *cap : 64;
	void *p = realloc(*arr, c * size);
	if (!p) {
		r->oom = true;
		return false;
	}
	*arr = p;
	*cap = c;
	return true;
}

static void on_beat(void *ctx, const hx_bus_beat *b)
{
	hx_vrun *r = ctx;

	if (grow(r, (void **)&r->beats, r->nbeats, &r->beats_cap, sizeof(*r->beats)))
		r->beats[r->nbeats++] = *b;
}

int hx_vbeats_setup(hx_vrun *r, char *err, size_t err_len)
{
	if (r->v->expect.nbeats && hx_sim_add_beat_observer(r->s, on_beat, r)) {
		snprintf(err, err_len, "expect.beats: no free beat observer");
		return -1;
	}
	return 0;
}

void hx_vbeats_pins(hx_vrun *r, uint64_t cycle, const pl08x_pins_out *out)
{
	const uint16_t now[HX_VPINS] = { out->clr, out->tc };

	if (!r->v->expect.has_pedges)
		return;
	for (unsigned p = 0; p < HX_VPINS; p++) {
		uint16_t rise = now[p] & (uint16_t)~r->pin_level[p];
		r->pin_level[p] = now[p];
		for (unsigned l = 0; rise; l++, rise >>= 1) {
			if (!(rise & 1u))
				continue;
			if (grow(r, (void **)&r->pedges, r->npedges, &r->pedges_cap, sizeof(*r->pedges)))
				r->pedges[r->npedges++] = (hx_vpedge){ (uint8_t)p, (uint8_t)l, cycle };
		}
	}
}

/* ---- expect.edges ---- */

/* A request-line edge's key in the shared comparison: pin * 16 + line */
static void pin_edge_name(char *buf, size_t len, unsigned key)
{
	snprintf(buf, len, "%s %u", pin_name[key / 16], key % 16);
}

static void check_edges(hx_vrun *r)
{
	const hx_vexpect *e = &r->v->expect;
	size_t nact = 0;
	hx_vedge_row *act = malloc((r->npedges + 1) * sizeof(*act));
	hx_vedge_row *exp = malloc((e->npedges + 1) * sizeof(*exp));

	if (!act || !exp) {
		r->oom = true;
	} else {
		for (size_t i = 0; i < r->npedges; i++) {
			unsigned key = r->pedges[i].pin * 16u + r->pedges[i].line;

			if (e->pairs_checked & (1u << key))
				act[nact++] = (hx_vedge_row){ key, r->pedges[i].cycle, r->pedges[i].cycle };
		}
		for (size_t i = 0; i < e->npedges; i++)
			exp[i] = (hx_vedge_row){ e->pedges[i].pin * 16u + e->pedges[i].line, e->pedges[i].min,
						 e->pedges[i].max };
		hx_vrun_compare_edges(r, "expect.edges", exp, e->npedges, act, nact, pin_edge_name);
	}
	free(exp);
	free(act);
}

/* ---- expect.beats ---- */

static const char *htrans_text(unsigned t)
{
	static const char *const n[] = { "idle", "busy", "nonseq", "seq" };
	return n[t & 3u];
}

static const char *hburst_text(unsigned b)
{
	static const char *const n[] = { "single", "incr", "wrap4", "incr4", "wrap8", "incr8", "wrap16", "incr16" };
	return n[b & 7u];
}

/* Beats in address-phase order (one address phase per master and cycle: a total order) */
static int beat_cmp(const void *a, const void *b)
{
	const hx_bus_beat *x = a, *y = b;
	if (x->cycle != y->cycle)
		return x->cycle < y->cycle ? -1 : 1;
	return (int)x->master - (int)y->master;
}

static bool selects(const hx_vbeat_check *c, const hx_bus_beat *b)
{
	return (!c->master || b->master + 1u == c->master) && (c->write < 0 || b->hwrite == (c->write > 0)) &&
	       b->addr >= c->addr_lo && b->addr <= c->addr_hi;
}

/* The differing attributes of @b, "hburst incr4, expected incr8; ..." into @buf; false if none */
static bool differs(const hx_vbeat_check *c, const hx_bus_beat *b, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
#define DIFF(...)                                                                                       \
	do {                                                                                            \
		if (o < len)                                                                            \
			o += (size_t)snprintf(buf + o, len - o, "%s", o ? "; " : "");                  \
		if (o < len)                                                                            \
			o += (size_t)snprintf(buf + o, len - o, __VA_ARGS__);                           \
	} while (0)
	if ((c->what & HX_VB_HTRANS) && b->htrans != c->htrans)
		DIFF("htrans %s, expected %s", htrans_text(b->htrans), htrans_text(c->htrans));
	if ((c->what & HX_VB_HBURST) && b->hburst != c->hburst)
		DIFF("hburst %s, expected %s", hburst_text(b->hburst), hburst_text(c->hburst));
	if ((c->what & HX_VB_HSIZE) && b->hsize != c->hsize)
		DIFF("hsize %u, expected %u", 8u << b->hsize, 8u << c->hsize);
	if ((c->what & HX_VB_HPROT) && b->hprot != c->hprot)
		DIFF("hprot %u, expected %u", (unsigned)b->hprot, (unsigned)c->hprot);
	if ((c->what & HX_VB_HLOCK) && b->hlock != c->hlock)
		DIFF("hlock %s, expected %s", b->hlock ? "true" : "false", c->hlock ? "true" : "false");
	if ((c->what & HX_VB_CYCLE) && (b->cycle < c->cmin || b->cycle > c->cmax)) {
		if (c->cmin == c->cmax)
			DIFF("cycle %" PRIu64 ", expected %" PRIu64, b->cycle, c->cmin);
		else
			DIFF("cycle %" PRIu64 ", expected %" PRIu64 "..%" PRIu64, b->cycle, c->cmin, c->cmax);
	}
	if ((c->what & HX_VB_DATA) && b->data != c->data)
		DIFF("data 0x%08" PRIx32 ", expected 0x%08" PRIx32, b->data, c->data);
	if ((c->what & HX_VB_RESP) && b->resp != c->resp)
		DIFF("resp %s, expected %s", b->resp ? "error" : "okay", c->resp ? "error" : "okay");
#undef DIFF
	return o > 0;
}

static void check_beat(hx_vrun *r, size_t idx, const hx_bus_beat *beats, size_t n)
{
	const hx_vbeat_check *c = &r->v->expect.beats[idx];
	size_t match = 0, ndiff = 0, first = 0, first_k = 0;
	char d[320] = "", fd[320] = "";

	for (size_t i = 0; i < n; i++) {
		if (!selects(c, &beats[i]))
			continue;
		if (c->what && (!c->has_index || match == c->index) && differs(c, &beats[i], d, sizeof(d))) {
			if (!ndiff++) {
				first = i;
				first_k = match;
				memcpy(fd, d, sizeof(fd));
			}
		}
		match++;
	}
	if (c->has_count && match != c->count)
		hx_vrun_say(r, "expect.beats[%zu] (line %d): %zu beats match, expected %" PRIu64, idx, c->line, match,
			    c->count);
	if (!c->what)
		return;
	if (c->has_index && c->index >= match) {
		hx_vrun_say(r, "expect.beats[%zu] (line %d): no beat #%" PRIu64 ", %zu beats match", idx, c->line, c->index,
			    match);
		return;
	}
	if (!match && !c->has_count) {
		hx_vrun_say(r, "expect.beats[%zu] (line %d): no beat matches", idx, c->line);
		return;
	}
	if (!ndiff)
		return;
	const hx_bus_beat *b = &beats[first];
	char where[96];
	snprintf(where, sizeof(where), "#%zu (cycle %" PRIu64 ", master %u, %s 0x%08" PRIx32 ")", first_k, b->cycle,
		 b->master + 1u, b->hwrite ? "write" : "read", b->addr);
	if (c->has_index)
		hx_vrun_say(r, "expect.beats[%zu] (line %d): beat %s of %zu: %s", idx, c->line, where, match, fd);
	else
		hx_vrun_say(r, "expect.beats[%zu] (line %d): %zu of %zu beats differ, the first %s: %s", idx, c->line,
			    ndiff, match, where, fd);
}

void hx_vbeats_check(hx_vrun *r)
{
	const hx_vexpect *e = &r->v->expect;

	if (e->has_pedges)
		check_edges(r);
	if (!e->nbeats)
		return;
	if (r->nbeats)
		qsort(r->beats, r->nbeats, sizeof(*r->beats), beat_cmp);
	for (size_t i = 0; i < e->nbeats; i++)
		check_beat(r, i, r->beats, r->nbeats);
}

void hx_vbeats_free(hx_vrun *r)
{
	free(r->beats);
	free(r->pedges);
	r->beats = NULL;
	r->pedges = NULL;
}
