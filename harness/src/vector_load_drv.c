/* Loading the driver-level parts of a vector: the driver: section, the driver steps (in the
 * stimulus and in descriptors' callbacks) and the driver expectations.
 * See docs/vector-format.md, "Driver-level vectors".
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "harness/sim.h"
#include "dmatest.h"
#include "hx_checkers.h"
#include "vector_drv.h"
#include "vector_parse.h"

#define TIMEOUT_MAX (1ull << 40)
#define DEFAULT_TIMEOUT 100000u
#define CB_MAX 64u

/* In the order of enum hx_vstep_kind from HX_VS_REQUEST */
const char *const hx_ld_drv_step_names[] = { "request", "release", "memcpy", "slave_sg", "cyclic", "submit",
					     "issue_pending", "status", "at", "pause", "resume", "terminate_all",
					     "synchronize", "wait_desc", "resubmit", "dmatest", NULL };

static const char *const status_names[] = { "complete", "in_progress", "paused", "error", "any", NULL };

/* ---- driver: ---- */

/* 1, 4, 8, ... 256 */
static bool ld_burst(hx_ld *ld, struct fy_node *n, const char *field, unsigned *out)
{
	if (!hx_ld_uint(ld, n, field, 1, 256, out))
		return false;
	for (unsigned enc = 0; enc < 8; enc++)
		if ((enc ? 2u << enc : 1u) == *out)
			return true;
	return hx_ld_err(ld, n, field, "expected 1, 4, 8, 16, 32, 64, 128 or 256 (transfers), got %u", *out);
}

/* 8, 16, 32 bits -> bytes */
static bool ld_width(hx_ld *ld, struct fy_node *n, const char *field, unsigned *out)
{
	if (!hx_ld_uint(ld, n, field, 0, 32, out))
		return false;
	if (*out != 8 && *out != 16 && *out != 32)
		return hx_ld_err(ld, n, field, "expected 8, 16 or 32 (bits), got %u", *out);
	*out /= 8;
	return true;
}

static bool ld_pool(hx_ld *ld, struct fy_node *n, hx_vdriver *d)
{
	static const char *const keys[] = { "at", "size", "items", NULL };
	struct fy_node *val[3];
	const char *p = "driver.lli_pool";
	char f[96];
	uint32_t block;

	if (!hx_ld_map(ld, n, p, keys, val, NULL) || !hx_ld_need(ld, n, val[0], p, "at") ||
	    !hx_ld_need(ld, n, val[1], p, "size") ||
	    !hx_ld_u32(ld, val[0], hx_ld_field(f, sizeof(f), p, "at"), 0, UINT32_MAX, &d->lli_at) ||
	    !hx_ld_u32(ld, val[1], hx_ld_field(f, sizeof(f), p, "size"), 1, UINT32_MAX, &d->lli_size))
		return false;
	d->lli_items = 64;
	if (val[2] && !hx_ld_uint(ld, val[2], hx_ld_field(f, sizeof(f), p, "items"), 1, 4096, &d->lli_items))
		return false;
	block = 16u * d->lli_items;
	if (d->lli_at % block)
		return hx_ld_err(ld, val[0], "driver.lli_pool.at", "0x%08" PRIx32 " is not aligned to a block (%" PRIu32
				 " bytes: 16 x items)", d->lli_at, block);
	if (d->lli_size % block || d->lli_size / block > 256)
		return hx_ld_err(ld, val[1], "driver.lli_pool.size", "0x%" PRIx32 " is not 1..256 whole blocks of %" PRIu32
				 " bytes", d->lli_size, block);
	return hx_ld_inside(ld, n, p, d->lli_master + 1, d->lli_at, d->lli_size);
}

static bool ld_mux(hx_ld *ld, struct fy_node *n, hx_vdriver *d)
{
	static const char *const keys[] = { "signal", "lines", NULL };
	struct fy_node *val[2];
	char p[64], f[96];
	size_t count, nl;

	if (!hx_ld_seq(ld, n, "driver.mux", 1, 64, &count))
		return false;
	d->mux = hx_ld_alloc(ld, count * sizeof(*d->mux));
	if (!d->mux)
		return false;
	for (size_t i = 0; i < count; i++) {
		struct fy_node *it = hx_ld_item(n, i);
		hx_vmux *m = &d->mux[i];
		snprintf(p, sizeof(p), "driver.mux[%zu]", i);
		if (!hx_ld_map(ld, it, p, keys, val, NULL) || !hx_ld_need(ld, it, val[0], p, "signal") ||
		    !hx_ld_need(ld, it, val[1], p, "lines") ||
		    !hx_ld_uint(ld, val[0], hx_ld_field(f, sizeof(f), p, "signal"), 0, 255, &m->signal))
			return false;
		for (size_t j = 0; j < i; j++)
			if (d->mux[j].signal == m->signal)
				return hx_ld_err(ld, val[0], f, "signal %u is listed twice", m->signal);
		if (!hx_ld_seq(ld, val[1], hx_ld_field(f, sizeof(f), p, "lines"), 1, 16, &nl))
			return false;
		for (size_t j = 0; j < nl; j++) {
			snprintf(f, sizeof(f), "%s.lines[%zu]", p, j);
			if (!hx_ld_uint(ld, hx_ld_item(val[1], j), f, 0, 15, &m->lines[j]))
				return false;
		}
		m->nlines = (unsigned)nl;
	}
	d->nmux = count;
	return true;
}

bool hx_ld_driver(hx_ld *ld, struct fy_node *n)
{
	static const char *const keys[] = { "channels", "lli_master", "mem_masters", "memcpy_burst", "memcpy_width",
					    "lli_pool", "mux", NULL };
	enum { K_CH, K_LLIM, K_MEMM, K_BURST, K_WIDTH, K_POOL, K_MUX };
	struct fy_node *val[7];
	hx_vdriver *d = hx_ld_alloc(ld, sizeof(*d));
	unsigned m;
	size_t count;

	if (!d)
		return false;
	ld->v->drv = d;
	if (!hx_ld_map(ld, n, "driver", keys, val, NULL))
		return false;
	d->mem_masters = 1;
	d->memcpy_burst = 4;
	d->memcpy_width = 4;
	if (val[K_CH] && !hx_ld_uint(ld, val[K_CH], "driver.channels", 0, ld->channels, &d->channels))
		return false;
	if (val[K_LLIM]) {
		if (!hx_ld_master(ld, val[K_LLIM], "driver.lli_master", &m))
			return false;
		d->lli_master = m - 1;
	}
	if (val[K_MEMM]) {
		char f[64];
		if (!hx_ld_seq(ld, val[K_MEMM], "driver.mem_masters", 1, 2, &count))
			return false;
		d->mem_masters = 0;
		for (size_t i = 0; i < count; i++) {
			snprintf(f, sizeof(f), "driver.mem_masters[%zu]", i);
			if (!hx_ld_master(ld, hx_ld_item(val[K_MEMM], i), f, &m))
				return false;
			d->mem_masters |= 1u << (m - 1);
		}
	}
	if (val[K_BURST] && !ld_burst(ld, val[K_BURST], "driver.memcpy_burst", &d->memcpy_burst))
		return false;
	if (val[K_WIDTH] && !ld_width(ld, val[K_WIDTH], "driver.memcpy_width", &d->memcpy_width))
		return false;
	if (!hx_ld_need(ld, n, val[K_POOL], "driver", "lli_pool") || !ld_pool(ld, val[K_POOL], d))
		return false;
	return !val[K_MUX] || ld_mux(ld, val[K_MUX], d);
}

/* ---- names ---- */

static int find_name(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return (int)i;
	return -1;
}

/* A channel named by an earlier request step */
static bool ld_chan_ref(hx_ld *ld, struct fy_node *n, const char *field, unsigned *out)
{
	hx_vdriver *d = ld->v->drv;
	const char *s;
	int i;

	if (!hx_ld_name(ld, n, field, true, 31, &s))
		return false;
	i = find_name(d->chan_names, d->nchans, s);
	if (i < 0)
		return hx_ld_err(ld, n, field, "no channel \"%s\" (a request step before this one names it)", s);
	*out = (unsigned)i;
	return true;
}

/* A descriptor named by an earlier prep step, or, @declare, a new or reused name */
static bool ld_desc_ref(hx_ld *ld, struct fy_node *n, const char *field, bool declare, int *out)
{
	hx_vdriver *d = ld->v->drv;
	const char *s;

	if (!hx_ld_name(ld, n, field, true, 31, &s))
		return false;
	*out = find_name(d->desc_names, d->ndescs, s);
	if (*out >= 0)
		return true;
	if (!declare)
		return hx_ld_err(ld, n, field, "no descriptor \"%s\" (a memcpy, slave_sg or cyclic step before this "
				 "one names it)", s);
	if (d->ndescs == HX_VD_NAMES_MAX)
		return hx_ld_err(ld, n, field, "more than %d descriptor names", HX_VD_NAMES_MAX);
	*out = (int)d->ndescs;
	d->desc_names[d->ndescs++] = s;
	return true;
}

/* ---- steps ---- */

static bool ld_flags(hx_ld *ld, struct fy_node *n, const char *field, unsigned *out)
{
	static const char *const names[] = { "interrupt", "ack", "skip_unmap", NULL };
	char f[192];
	size_t count;

	if (!hx_ld_seq(ld, n, field, 0, 3, &count))
		return false;
	*out = 0;
	for (size_t i = 0; i < count; i++) {
		unsigned x;
		snprintf(f, sizeof(f), "%s[%zu]", field, i);
		if (!hx_ld_enum(ld, hx_ld_item(n, i), f, names, &x))
			return false;
		*out |= 1u << x;
	}
	return true;
}

/* [@at, @at + @len) inside a memory of one of the masters in @mask */
static bool ld_buffer(hx_ld *ld, struct fy_node *n, const char *field, unsigned mask, uint32_t at, uint32_t len)
{
	for (unsigned m = 0; m < 2; m++)
		for (size_t i = 0; (mask >> m & 1u) && i < ld->v->nmems; i++) {
			const hx_vmemory *x = &ld->v->mems[i];
			if (x->master == m + 1 && at >= x->base && (uint64_t)at + len <= (uint64_t)x->base + x->size)
				return true;
		}
	return hx_ld_err(ld, n, field, "0x%08" PRIx32 "+0x%" PRIx32 " is not inside one memory of %s", at, len,
			 mask == 1u ? "master 1" : mask == 2u ? "master 2" : "master 1 or 2");
}

static unsigned lowest(unsigned mask)
{
	return mask & 1u ? 1u : 2u;
}

static unsigned highest(unsigned mask)
{
	return mask & 2u ? 2u : 1u;
}

static bool ld_request(hx_ld *ld, struct fy_node *n, const char *path, hx_vstep *s, struct fy_node **val)
{
	/* val: chan, signal, master, peripheral, config, fails */
	static const char *const ckeys[] = { "addr", "width", "burst", NULL };
	hx_vdriver *d = ld->v->drv;
	hx_vdstep *x = s->drv;
	const hx_vperiph *per = NULL;
	char f[192];
	const char *name;

	if (!hx_ld_need(ld, n, val[0], path, "chan") ||
	    !hx_ld_name(ld, val[0], hx_ld_field(f, sizeof(f), path, "chan"), true, 31, &name))
		return false;
	if (find_name(d->chan_names, d->nchans, name) >= 0)
		return hx_ld_err(ld, val[0], f, "channel \"%s\" is requested twice", name);
	if (d->nchans == HX_VD_NAMES_MAX)
		return hx_ld_err(ld, val[0], f, "more than %d channels", HX_VD_NAMES_MAX);
	x->chan = (unsigned)d->nchans;
	d->chan_req[d->nchans] = x;
	d->chan_names[d->nchans++] = name;
	if (val[3]) {
		const char *pn;
		if (!hx_ld_str(ld, val[3], hx_ld_field(f, sizeof(f), path, "peripheral"), &pn))
			return false;
		for (size_t i = 0; i < ld->v->nperiphs; i++)
			if (!strcmp(ld->v->periphs[i].cfg.name, pn))
				per = &ld->v->periphs[i];
		if (!per)
			return hx_ld_err(ld, val[3], f, "no peripheral named \"%s\"", pn);
		x->slave = true;
		x->has_cfg = true;
		x->signal = per->cfg.line;
		x->periph_master = per->cfg.master - 1;
		x->addr = per->cfg.base;
		x->width = per->cfg.kind == HX_PERIPH_FIFO ? per->cfg.width : 4; /* bytes */
		x->burst = per->cfg.kind == HX_PERIPH_FIFO ? per->cfg.watermark : 1;
	}
	if (val[1]) {
		x->slave = true;
		if (!hx_ld_uint(ld, val[1], hx_ld_field(f, sizeof(f), path, "signal"), 0, d->nmux ? 255 : 15, &x->signal))
			return false;
	}
	if (d->nmux && x->slave) {
		bool found = false;
		for (size_t i = 0; i < d->nmux; i++)
			found |= d->mux[i].signal == x->signal;
		if (!found)
			return hx_ld_err(ld, val[1] ? val[1] : val[3], val[1] ? f : path,
					 "signal %u is not in driver.mux", x->signal);
	}
	if (val[2]) {
		unsigned m;
		if (!x->slave)
			return hx_ld_err(ld, val[2], hx_ld_field(f, sizeof(f), path, "master"),
					 "only for a slave channel (signal or peripheral)");
		if (!hx_ld_master(ld, val[2], hx_ld_field(f, sizeof(f), path, "master"), &m))
			return false;
		x->periph_master = m - 1;
	}
	if (val[4]) {
		struct fy_node *cv[3];
		char cp[192];
		hx_ld_field(cp, sizeof(cp), path, "config");
		if (!x->slave)
			return hx_ld_err(ld, val[4], cp, "only for a slave channel (signal or peripheral)");
		if (!hx_ld_map(ld, val[4], cp, ckeys, cv, NULL))
			return false;
		if (!per)
			for (unsigned k = 0; k < 3; k++)
				if (!hx_ld_need(ld, val[4], cv[k], cp, ckeys[k]))
					return false;
		if (cv[0] && !hx_ld_u32(ld, cv[0], hx_ld_field(f, sizeof(f), cp, "addr"), 0, UINT32_MAX, &x->addr))
			return false;
		if (cv[1] && !ld_width(ld, cv[1], hx_ld_field(f, sizeof(f), cp, "width"), &x->width))
			return false;
		if (cv[2] && !hx_ld_uint(ld, cv[2], hx_ld_field(f, sizeof(f), cp, "burst"), 1, 256, &x->burst))
			return false;
		x->has_cfg = true;
	}
	if (x->slave && !x->has_cfg)
		return hx_ld_err(ld, n, path, "a slave channel needs config (or a peripheral to take it from)");
	return !val[5] || hx_ld_bool(ld, val[5], hx_ld_field(f, sizeof(f), path, "fails"), &x->fails);
}

static bool ld_cb(hx_ld *ld, struct fy_node *n, const char *path, hx_vdstep *x);

/* memcpy, slave_sg, cyclic: val = chan, desc, flags, submit, issue, callback, fails, then per kind */
static bool ld_prep(hx_ld *ld, struct fy_node *n, const char *path, hx_vstep *s, struct fy_node **val)
{
	static const char *const dirs[] = { "mem_to_dev", "dev_to_mem", NULL };
	hx_vdriver *d = ld->v->drv;
	hx_vdstep *x = s->drv;
	const hx_vdstep *req;
	char f[192];

	if (!hx_ld_need(ld, n, val[0], path, "chan") || !hx_ld_need(ld, n, val[1], path, "desc") ||
	    !ld_chan_ref(ld, val[0], hx_ld_field(f, sizeof(f), path, "chan"), &x->chan) ||
	    !ld_desc_ref(ld, val[1], hx_ld_field(f, sizeof(f), path, "desc"), true, &x->desc))
		return false;
	req = d->chan_req[x->chan];
	if (req->slave != (s->kind != HX_VS_MEMCPY))
		return hx_ld_err(ld, val[0], hx_ld_field(f, sizeof(f), path, "chan"), "channel \"%s\" is a %s channel",
				 d->chan_names[x->chan], req->slave ? "slave" : "memcpy");
	x->flags = HX_VDF_INTERRUPT | HX_VDF_ACK;
	if (val[2] && !ld_flags(ld, val[2], hx_ld_field(f, sizeof(f), path, "flags"), &x->flags))
		return false;
	if (val[3] && !hx_ld_bool(ld, val[3], hx_ld_field(f, sizeof(f), path, "submit"), &x->submit))
		return false;
	if (val[4] && !hx_ld_bool(ld, val[4], hx_ld_field(f, sizeof(f), path, "issue"), &x->issue))
		return false;
	if (x->issue && !x->submit)
		return hx_ld_err(ld, val[4], f, "issue needs submit: true");
	if (val[6] && !hx_ld_bool(ld, val[6], hx_ld_field(f, sizeof(f), path, "fails"), &x->fails))
		return false;
	if (x->fails && (x->submit || val[5]))
		return hx_ld_err(ld, val[6], f, "a prep that fails has no submit or callback");
	if (s->kind == HX_VS_MEMCPY) {
		/* val[7..9]: src, dst, len */
		for (unsigned k = 7; k < 10; k++)
			if (!hx_ld_need(ld, n, val[k], path, k == 7 ? "src" : k == 8 ? "dst" : "len"))
				return false;
		if (!hx_ld_u32(ld, val[9], hx_ld_field(f, sizeof(f), path, "len"), 1, 0x4000000, &x->len) ||
		    !hx_ld_u32(ld, val[7], hx_ld_field(f, sizeof(f), path, "src"), 0, UINT32_MAX, &x->src) ||
		    !ld_buffer(ld, val[7], f, 1u << (lowest(d->mem_masters) - 1), x->src, x->len) ||
		    !hx_ld_u32(ld, val[8], hx_ld_field(f, sizeof(f), path, "dst"), 0, UINT32_MAX, &x->dst) ||
		    !ld_buffer(ld, val[8], f, 1u << (highest(d->mem_masters) - 1), x->dst, x->len))
			return false;
	} else {
		unsigned dir;
		if (!hx_ld_need(ld, n, val[7], path, "dir") ||
		    !hx_ld_enum(ld, val[7], hx_ld_field(f, sizeof(f), path, "dir"), dirs, &dir))
			return false;
		x->dir = dir + 1;
		if (x->flags & HX_VDF_SKIP)
			return hx_ld_err(ld, val[2], hx_ld_field(f, sizeof(f), path, "flags"),
					 "skip_unmap is for memcpy (slave buffers stay the client's)");
	}
	if (s->kind == HX_VS_SLAVE_SG) {
		size_t count;
		char p[192];
		if (!hx_ld_need(ld, n, val[8], path, "sg") ||
		    !hx_ld_seq(ld, val[8], hx_ld_field(f, sizeof(f), path, "sg"), 1, 1024, &count))
			return false;
		x->sg = hx_ld_alloc(ld, count * sizeof(*x->sg));
		if (!x->sg)
			return false;
		for (size_t i = 0; i < count; i++) {
			static const char *const skeys[] = { "at", "len", NULL };
			struct fy_node *it = hx_ld_item(val[8], i), *sv[2];
			snprintf(p, sizeof(p), "%s.sg[%zu]", path, i);
			if (!hx_ld_map(ld, it, p, skeys, sv, NULL) || !hx_ld_need(ld, it, sv[0], p, "at") ||
			    !hx_ld_need(ld, it, sv[1], p, "len") ||
			    !hx_ld_u32(ld, sv[0], hx_ld_field(f, sizeof(f), p, "at"), 0, UINT32_MAX, &x->sg[i].at) ||
			    !hx_ld_u32(ld, sv[1], hx_ld_field(f, sizeof(f), p, "len"), 1, 0x4000000, &x->sg[i].len))
				return false;
			if (!x->fails && x->sg[i].len % req->width)
				return hx_ld_err(ld, sv[1], f, "%" PRIu32 " is not a multiple of the peripheral width (%u bytes)",
						 x->sg[i].len, req->width);
			if (!ld_buffer(ld, it, p, d->mem_masters, x->sg[i].at, x->sg[i].len))
				return false;
		}
		x->nsg = count;
	}
	if (s->kind == HX_VS_CYCLIC) {
		/* val[8..10]: buf, len, period */
		for (unsigned k = 8; k < 11; k++)
			if (!hx_ld_need(ld, n, val[k], path, k == 8 ? "buf" : k == 9 ? "len" : "period"))
				return false;
		if (!hx_ld_u32(ld, val[8], hx_ld_field(f, sizeof(f), path, "buf"), 0, UINT32_MAX, &x->buf) ||
		    !hx_ld_u32(ld, val[9], hx_ld_field(f, sizeof(f), path, "len"), 1, 0x4000000, &x->len) ||
		    !hx_ld_u32(ld, val[10], hx_ld_field(f, sizeof(f), path, "period"), 1, 0x4000000, &x->period))
			return false;
		if (!x->fails && (x->len % x->period || x->period % req->width))
			return hx_ld_err(ld, val[10], f, "len %" PRIu32 " must be a multiple of the period, and the period "
					 "of the peripheral width (%u bytes)", x->len, req->width);
		if (!ld_buffer(ld, val[8], hx_ld_field(f, sizeof(f), path, "buf"), d->mem_masters, x->buf, x->len))
			return false;
	}
	if (val[5]) {
		if (!(x->flags & HX_VDF_INTERRUPT))
			return hx_ld_err(ld, val[5], hx_ld_field(f, sizeof(f), path, "callback"),
					 "a callback needs the interrupt flag");
		if (!ld_cb(ld, val[5], hx_ld_field(f, sizeof(f), path, "callback"), x))
			return false;
	}
	return true;
}

static bool ld_drv_body(hx_ld *ld, struct fy_node *n, const char *path, bool in_cb, hx_vstep *s);

/* A region {at, size} inside one memory of @master (any addresses when @anywhere) */
static bool ld_region_of(hx_ld *ld, struct fy_node *n, const char *path, unsigned master, bool anywhere,
			 uint32_t *at, uint32_t *size)
{
	static const char *const keys[] = { "at", "size", NULL };
	struct fy_node *val[2];
	char f[192];

	if (!hx_ld_map(ld, n, path, keys, val, NULL) || !hx_ld_need(ld, n, val[0], path, "at") ||
	    !hx_ld_need(ld, n, val[1], path, "size") ||
	    !hx_ld_u32(ld, val[0], hx_ld_field(f, sizeof(f), path, "at"), 0, UINT32_MAX, at) ||
	    !hx_ld_u32(ld, val[1], hx_ld_field(f, sizeof(f), path, "size"), 1, UINT32_MAX, size))
		return false;
	if ((uint64_t)*at + *size > 0x100000000ull)
		return hx_ld_err(ld, n, path, "0x%08" PRIx32 "+0x%" PRIx32 " passes 0xFFFFFFFF", *at, *size);
	return anywhere || hx_ld_inside(ld, n, path, master, *at, *size);
}

static bool ld_dmatest_expect(hx_ld *ld, struct fy_node *n, const char *path, hx_vdmatest *t)
{
	static const char *const keys[] = { "result", "tests", "failures", "timeouts", "aborted", "bus_errors",
					    "data_errors", "kb_per_s", "first_failure", NULL };
	static const char *const results[] = { "pass", "fail", NULL };
	long *counts[] = { &t->tests, &t->failures, &t->timeouts, &t->aborted, &t->bus_errors, &t->data_errors };
	struct fy_node *val[9];
	char f[192];
	unsigned r;

	if (!hx_ld_map(ld, n, path, keys, val, NULL))
		return false;
	if (val[0]) {
		if (!hx_ld_enum(ld, val[0], hx_ld_field(f, sizeof(f), path, "result"), results, &r))
			return false;
		t->result = (int)r;
	}
	for (unsigned k = 0; k < 6; k++) {
		uint64_t x;
		if (!val[k + 1])
			continue;
		if (!hx_ld_u64(ld, val[k + 1], hx_ld_field(f, sizeof(f), path, keys[k + 1]), 0, UINT32_MAX, &x))
			return false;
		*counts[k] = (long)x;
	}
	if (val[7]) {
		t->has_kbps = true;
		if (!hx_ld_bounds(ld, val[7], hx_ld_field(f, sizeof(f), path, "kb_per_s"), UINT32_MAX, &t->kbps_min,
			       &t->kbps_max))
			return false;
	}
	return !val[8] || hx_ld_str(ld, val[8], hx_ld_field(f, sizeof(f), path, "first_failure"), &t->first_failure);
}

/* dmatest: the options of hx_dmatest_config (dmatest.h), checked here so the run cannot refuse them */
static bool ld_dmatest(hx_ld *ld, struct fy_node *n, const char *path, hx_vdstep *x)
{
	static const char *const keys[] = { "channels", "threads", "iterations", "min_len", "max_len", "align",
					    "guard", "src", "dst", "seed", "timeout", "no_verify", "cpu_cycles_per_kib",
					    "hclk_hz", "expect", NULL };
	enum { K_CH, K_TH, K_IT, K_MIN, K_MAX, K_ALIGN, K_GUARD, K_SRC, K_DST, K_SEED, K_TIMEOUT, K_NOVERIFY, K_CPU,
	       K_HCLK, K_EXPECT };
	const hx_vdriver *d = ld->v->drv;
	struct fy_node *val[15];
	hx_vdmatest *t = hx_ld_alloc(ld, sizeof(*t));
	char f[192];
	uint64_t block, need;

	if (!t)
		return false;
	x->dmatest = t;
	*t = (hx_vdmatest){ .channels = 1, .threads = 1, .iterations = 100, .min_len = 1, .max_len = 4096,
			    .align = 1, .guard = 16, .timeout = 1000000, .hclk_hz = 100000000, .cpu_kib = 256,
			    .tests = -1, .failures = -1, .timeouts = -1, .aborted = -1, .bus_errors = -1,
			    .data_errors = -1 };
	if (!hx_ld_map(ld, n, path, keys, val, NULL) || !hx_ld_need(ld, n, val[K_SRC], path, "src") ||
	    !hx_ld_need(ld, n, val[K_DST], path, "dst"))
		return false;
	if ((val[K_CH] && !hx_ld_uint(ld, val[K_CH], hx_ld_field(f, sizeof(f), path, "channels"), 1, DMAC_MAX_VCHANS,
				      &t->channels)) ||
	    (val[K_TH] && !hx_ld_uint(ld, val[K_TH], hx_ld_field(f, sizeof(f), path, "threads"), 1, 64, &t->threads)))
		return false;
	if (t->channels * t->threads > HX_DMATEST_MAX_THREADS)
		return hx_ld_err(ld, n, path, "%u channels x %u threads is more than %d threads", t->channels, t->threads,
				 HX_DMATEST_MAX_THREADS);
	if (val[K_IT]) {
		uint64_t it;
		if (!hx_ld_u64(ld, val[K_IT], hx_ld_field(f, sizeof(f), path, "iterations"), 1, 10000000, &it))
			return false;
		t->iterations = (unsigned long)it;
	}
	if ((val[K_MAX] && !hx_ld_u32(ld, val[K_MAX], hx_ld_field(f, sizeof(f), path, "max_len"), 1, 0x1000000,
				      &t->max_len)) ||
	    (val[K_MIN] && !hx_ld_u32(ld, val[K_MIN], hx_ld_field(f, sizeof(f), path, "min_len"), 1, t->max_len,
				      &t->min_len)) ||
	    (val[K_ALIGN] && !hx_ld_u32(ld, val[K_ALIGN], hx_ld_field(f, sizeof(f), path, "align"), 1, 4096, &t->align)) ||
	    (val[K_GUARD] && !hx_ld_u32(ld, val[K_GUARD], hx_ld_field(f, sizeof(f), path, "guard"), 0, 65536, &t->guard)))
		return false;
	if (t->align & (t->align - 1))
		return hx_ld_err(ld, val[K_ALIGN], hx_ld_field(f, sizeof(f), path, "align"), "%" PRIu32
				 " is not a power of two", t->align);
	if (t->min_len % t->align || t->max_len % t->align)
		return hx_ld_err(ld, n, path, "min_len and max_len must be multiples of align (%" PRIu32 ")", t->align);
	t->no_guard = t->guard == 0;
	if (val[K_NOVERIFY] && !hx_ld_bool(ld, val[K_NOVERIFY], hx_ld_field(f, sizeof(f), path, "no_verify"),
					   &t->no_verify))
		return false;
	if (!ld_region_of(ld, val[K_SRC], hx_ld_field(f, sizeof(f), path, "src"), lowest(d->mem_masters),
			  t->no_verify, &t->src_at, &t->src_size) ||
	    !ld_region_of(ld, val[K_DST], hx_ld_field(f, sizeof(f), path, "dst"), highest(d->mem_masters),
			  t->no_verify, &t->dst_at, &t->dst_size))
		return false;
	block = ((uint64_t)t->guard * 2 + t->max_len + 3) & ~3ull;
	need = block * t->channels * t->threads;
	if (t->src_size < need || t->dst_size < need)
		return hx_ld_err(ld, n, path, "src and dst must each hold %u blocks of %" PRIu64 " bytes (guards and "
				 "max_len): 0x%" PRIx64 " bytes", t->channels * t->threads, block, need);
	if (val[K_SEED]) {
		t->has_seed = true;
		if (!hx_ld_u64(ld, val[K_SEED], hx_ld_field(f, sizeof(f), path, "seed"), 0, UINT64_MAX, &t->seed))
			return false;
	}
	if (val[K_TIMEOUT] && !hx_ld_u64(ld, val[K_TIMEOUT], hx_ld_field(f, sizeof(f), path, "timeout"), 1,
					 TIMEOUT_MAX, &t->timeout))
		return false;
	if (val[K_CPU] && !hx_ld_u32(ld, val[K_CPU], hx_ld_field(f, sizeof(f), path, "cpu_cycles_per_kib"), 0, 1000000,
				     &t->cpu_kib))
		return false;
	t->cpu_free = t->cpu_kib == 0;
	if (val[K_HCLK] && !hx_ld_u64(ld, val[K_HCLK], hx_ld_field(f, sizeof(f), path, "hclk_hz"), 1, 100000000000ull,
				      &t->hclk_hz))
		return false;
	return !val[K_EXPECT] || ld_dmatest_expect(ld, val[K_EXPECT], hx_ld_field(f, sizeof(f), path, "expect"), t);
}

static bool ld_cb(hx_ld *ld, struct fy_node *n, const char *path, hx_vdstep *x)
{
	char f[192];

	if (!hx_ld_seq(ld, n, path, 0, CB_MAX, &x->ncb))
		return false;
	x->cb = hx_ld_alloc(ld, (x->ncb + 1) * sizeof(*x->cb));
	if (!x->cb)
		return false;
	for (size_t i = 0; i < x->ncb; i++) {
		snprintf(f, sizeof(f), "%s[%zu]", path, i);
		if (!ld_drv_body(ld, hx_ld_item(n, i), f, true, &x->cb[i]))
			return false;
		if (x->cb[i].kind < HX_VS_FIRST_DRV)
			return hx_ld_err(ld, hx_ld_item(n, i), f, "only driver steps run in a callback");
	}
	return true;
}

/* A step in a callback: one of the driver steps (the loader of vector_load_steps.c does the rest) */
static bool ld_drv_body(hx_ld *ld, struct fy_node *n, const char *path, bool in_cb, hx_vstep *s)
{
	struct fy_node_pair *p;
	void *it = NULL;
	char g[64];
	const char *k;
	unsigned i;

	s->line = hx_ld_line(n);
	if (!n || !fy_node_is_mapping(n) || fy_node_mapping_item_count(n) != 1)
		return hx_ld_err(ld, n, path, "expected a step: a mapping of one key");
	p = fy_node_mapping_iterate(n, &it);
	k = fy_node_pair_key(p) && fy_node_is_scalar(fy_node_pair_key(p)) ? fy_node_get_scalar0(fy_node_pair_key(p))
									   : NULL;
	for (i = 0; k && hx_ld_drv_step_names[i]; i++)
		if (!strcmp(k, hx_ld_drv_step_names[i]))
			break;
	if (!k || !hx_ld_drv_step_names[i]) {
		snprintf(g, sizeof(g), "%s", k ? k : "?");
		return hx_ld_err(ld, fy_node_pair_key(p), path, "unknown callback step \"%s\" (expected one of memcpy, "
				 "slave_sg, cyclic, submit, issue_pending, status, pause, resume, terminate_all, resubmit)",
				 g);
	}
	s->kind = (enum hx_vstep_kind)(HX_VS_FIRST_DRV + i);
	return hx_ld_drv_step(ld, fy_node_pair_key(p), fy_node_pair_value(p), path, in_cb, s);
}

/* Steps whose body may be just a channel name */
static bool chan_only(enum hx_vstep_kind k)
{
	return k == HX_VS_RELEASE || k == HX_VS_ISSUE || k == HX_VS_PAUSE || k == HX_VS_RESUME ||
	       k == HX_VS_TERMINATE || k == HX_VS_SYNC;
}

bool hx_ld_drv_step(hx_ld *ld, struct fy_node *key, struct fy_node *body, const char *path, bool in_cb,
		    hx_vstep *s)
{
	static const char *const req_keys[] = { "chan", "signal", "master", "peripheral", "config", "fails", "at",
						NULL };
	static const char *const mc_keys[] = { "chan", "desc", "flags", "submit", "issue", "callback", "fails",
					       "src", "dst", "len", "at", NULL };
	static const char *const sg_keys[] = { "chan", "desc", "flags", "submit", "issue", "callback", "fails",
					       "dir", "sg", "at", NULL };
	static const char *const cy_keys[] = { "chan", "desc", "flags", "submit", "issue", "callback", "fails",
					       "dir", "buf", "len", "period", "at", NULL };
	static const char *const ch_keys[] = { "chan", "at", NULL };
	static const char *const sub_keys[] = { "desc", "at", NULL };
	static const char *const st_keys[] = { "desc", "expect", "residue", "at", NULL };
	static const char *const wd_keys[] = { "desc", "calls", "timeout", "at", NULL };
	const char *name = hx_ld_drv_step_names[s->kind - HX_VS_FIRST_DRV];
	const char *const *keys = NULL;
	struct fy_node *val[16] = { 0 };
	hx_vdstep *x;
	char f[192], fp[192];
	unsigned nk = 0, at_idx = 0;

	hx_ld_field(fp, sizeof(fp), path, name);
	if (!ld->v->drv)
		return hx_ld_err(ld, key, fp, "a driver step needs a driver: section");
	x = hx_ld_alloc(ld, sizeof(*x));
	if (!x)
		return false;
	s->drv = x;
	x->desc = -1;
	x->status = HX_VDS_ANY;
	if (in_cb && (s->kind == HX_VS_REQUEST || s->kind == HX_VS_RELEASE || s->kind == HX_VS_AT ||
		      s->kind == HX_VS_SYNC || s->kind == HX_VS_WAIT_DESC || s->kind == HX_VS_DMATEST))
		return hx_ld_err(ld, key, fp, "not allowed in a callback (deferred context cannot wait or sleep)");
	if (!in_cb && s->kind == HX_VS_RESUBMIT)
		return hx_ld_err(ld, key, fp, "only in a callback");
	if (hx_ld_is_null(body))
		return hx_ld_err(ld, body && !fy_node_is_null(body) ? body : key, fp, "no value");
	switch (s->kind) {
	case HX_VS_AT:
		x->has_at = true;
		return hx_ld_u64(ld, body, fp, 0, TIMEOUT_MAX, &x->at);
	case HX_VS_RESUBMIT:
		return hx_ld_uint(ld, body, fp, 1, 100000, &x->count);
	case HX_VS_DMATEST:
		return ld_dmatest(ld, body, fp, x);
	default:
		break;
	}
	if (chan_only(s->kind) && !fy_node_is_mapping(body))
		return ld_chan_ref(ld, body, fp, &x->chan);
	if (s->kind == HX_VS_SUBMIT && !fy_node_is_mapping(body))
		return ld_desc_ref(ld, body, fp, false, &x->desc);
	switch (s->kind) {
	case HX_VS_REQUEST: keys = req_keys; break;
	case HX_VS_MEMCPY: keys = mc_keys; break;
	case HX_VS_SLAVE_SG: keys = sg_keys; break;
	case HX_VS_CYCLIC: keys = cy_keys; break;
	case HX_VS_SUBMIT: keys = sub_keys; break;
	case HX_VS_STATUS: keys = st_keys; break;
	case HX_VS_WAIT_DESC: keys = wd_keys; break;
	default: keys = ch_keys; break;
	}
	while (keys[nk]) {
		if (!strcmp(keys[nk], "at"))
			at_idx = nk;
		nk++;
	}
	if (!hx_ld_map(ld, body, fp, keys, val, NULL))
		return false;
	if (val[at_idx]) {
		if (in_cb)
			return hx_ld_err(ld, val[at_idx], hx_ld_field(f, sizeof(f), fp, "at"), "not allowed in a callback");
		x->has_at = true;
		if (!hx_ld_u64(ld, val[at_idx], hx_ld_field(f, sizeof(f), fp, "at"), 0, TIMEOUT_MAX, &x->at))
			return false;
	}
	switch (s->kind) {
	case HX_VS_REQUEST:
		return ld_request(ld, body, fp, s, val);
	case HX_VS_MEMCPY:
	case HX_VS_SLAVE_SG:
	case HX_VS_CYCLIC:
		return ld_prep(ld, body, fp, s, val);
	case HX_VS_SUBMIT:
		return hx_ld_need(ld, body, val[0], fp, "desc") &&
		       ld_desc_ref(ld, val[0], hx_ld_field(f, sizeof(f), fp, "desc"), false, &x->desc);
	case HX_VS_STATUS: {
		unsigned st;
		if (!hx_ld_need(ld, body, val[0], fp, "desc") ||
		    !ld_desc_ref(ld, val[0], hx_ld_field(f, sizeof(f), fp, "desc"), false, &x->desc))
			return false;
		if (val[1]) {
			if (!hx_ld_enum(ld, val[1], hx_ld_field(f, sizeof(f), fp, "expect"), status_names, &st))
				return false;
			x->status = (enum hx_vdstatus)st;
		}
		if (val[2]) {
			x->has_residue = true;
			if (!hx_ld_bounds(ld, val[2], hx_ld_field(f, sizeof(f), fp, "residue"), UINT32_MAX, &x->res_min,
				       &x->res_max))
				return false;
		}
		return true;
	}
	case HX_VS_WAIT_DESC:
		x->timeout = DEFAULT_TIMEOUT;
		if (!hx_ld_need(ld, body, val[0], fp, "desc") ||
		    !ld_desc_ref(ld, val[0], hx_ld_field(f, sizeof(f), fp, "desc"), false, &x->desc))
			return false;
		if (val[1] && !hx_ld_uint(ld, val[1], hx_ld_field(f, sizeof(f), fp, "calls"), 1, 1000000, &x->count))
			return false;
		return !val[2] || hx_ld_u64(ld, val[2], hx_ld_field(f, sizeof(f), fp, "timeout"), 1, TIMEOUT_MAX,
					     &x->timeout);
	default:
		return hx_ld_need(ld, body, val[0], fp, "chan") &&
		       ld_chan_ref(ld, val[0], hx_ld_field(f, sizeof(f), fp, "chan"), &x->chan);
	}
}

/* ---- expect ---- */

static bool ld_exp_cbs(hx_ld *ld, struct fy_node *n, hx_vdexpect *e)
{
	static const char *const keys[] = { "desc", "cycle", "repeat", "result", "residue", "context", NULL };
	static const char *const results[] = { "ok", "failed", NULL };
	static const char *const ctxs[] = { "thread", "deferred", "hardirq", NULL };
	struct fy_node *val[6];
	char p[64], f[96];
	size_t count;

	if (!hx_ld_seq(ld, n, "expect.callbacks", 0, 100000, &count))
		return false;
	e->has_cbs = true;
	e->cbs = hx_ld_alloc(ld, (count + 1) * sizeof(*e->cbs));
	if (!e->cbs)
		return false;
	for (size_t i = 0; i < count; i++) {
		struct fy_node *it = hx_ld_item(n, i);
		hx_vcb_expect *c = &e->cbs[i];
		unsigned x;
		snprintf(p, sizeof(p), "expect.callbacks[%zu]", i);
		if (!hx_ld_map(ld, it, p, keys, val, NULL) || !hx_ld_need(ld, it, val[0], p, "desc") ||
		    !ld_desc_ref(ld, val[0], hx_ld_field(f, sizeof(f), p, "desc"), false, &c->desc))
			return false;
		c->line = hx_ld_line(it);
		c->min = 0;
		c->max = UINT64_MAX;
		c->repeat = 1;
		c->result = HX_VDR_ANY;
		c->context = -1;
		if (val[1] && !hx_ld_bounds(ld, val[1], hx_ld_field(f, sizeof(f), p, "cycle"), UINT64_MAX, &c->min, &c->max))
			return false;
		if (val[2] && !hx_ld_uint(ld, val[2], hx_ld_field(f, sizeof(f), p, "repeat"), 1, 1000000, &c->repeat))
			return false;
		if (val[3]) {
			if (!hx_ld_enum(ld, val[3], hx_ld_field(f, sizeof(f), p, "result"), results, &x))
				return false;
			c->result = (enum hx_vdresult)x;
		}
		if (val[4]) {
			c->has_residue = true;
			if (!hx_ld_u32(ld, val[4], hx_ld_field(f, sizeof(f), p, "residue"), 0, UINT32_MAX, &c->residue))
				return false;
		}
		if (val[5]) {
			if (!hx_ld_enum(ld, val[5], hx_ld_field(f, sizeof(f), p, "context"), ctxs, &x))
				return false;
			c->context = (int)x;
		}
	}
	e->ncbs = count;
	return true;
}

static bool ld_exp_stats(hx_ld *ld, struct fy_node *n, hx_vdexpect *e)
{
	static const char *const keys[] = { "desc", "status", "residue", NULL };
	struct fy_node *val[3];
	char p[64], f[96];
	size_t count;

	if (!hx_ld_seq(ld, n, "expect.status", 0, 1000, &count))
		return false;
	e->stats = hx_ld_alloc(ld, (count + 1) * sizeof(*e->stats));
	if (!e->stats)
		return false;
	for (size_t i = 0; i < count; i++) {
		struct fy_node *it = hx_ld_item(n, i);
		hx_vstat_expect *c = &e->stats[i];
		unsigned x;
		snprintf(p, sizeof(p), "expect.status[%zu]", i);
		if (!hx_ld_map(ld, it, p, keys, val, NULL) || !hx_ld_need(ld, it, val[0], p, "desc") ||
		    !hx_ld_need(ld, it, val[1], p, "status") ||
		    !ld_desc_ref(ld, val[0], hx_ld_field(f, sizeof(f), p, "desc"), false, &c->desc) ||
		    !hx_ld_enum(ld, val[1], hx_ld_field(f, sizeof(f), p, "status"), status_names, &x))
			return false;
		c->status = (enum hx_vdstatus)x;
		c->line = hx_ld_line(it);
		if (val[2]) {
			c->has_residue = true;
			if (!hx_ld_bounds(ld, val[2], hx_ld_field(f, sizeof(f), p, "residue"), UINT32_MAX, &c->res_min,
				       &c->res_max))
				return false;
		}
	}
	e->nstats = count;
	return true;
}

/* expect.checker_reports: a total, or a mapping of groups (lock, dma_api) and kinds */
static bool ld_reports(hx_ld *ld, struct fy_node *n, hx_vdexpect *e)
{
	static const char *const groups[] = { "lock", "dma_api" };
	struct fy_node_pair *p;
	void *it = NULL;
	char f[96];
	uint64_t x;
	bool given[HX_VCHK_KINDS] = { false };

	if (!fy_node_is_mapping(n)) {
		if (!hx_ld_u64(ld, n, "expect.checker_reports", 0, UINT32_MAX, &x))
			return false;
		e->total = (long)x;
		for (unsigned k = 0; k < HX_VCHK_KINDS; k++)
			e->kind[k] = -1;
		return true;
	}
	while ((p = fy_node_mapping_iterate(n, &it))) {
		struct fy_node *k = fy_node_pair_key(p), *val = fy_node_pair_value(p);
		const char *ks = k && fy_node_is_scalar(k) ? fy_node_get_scalar0(k) : NULL;
		int kind = hx_chk_kind_parse(ks), g = -1;

		for (int i = 0; i < HX_VCHK_GROUPS && ks; i++)
			if (!strcmp(ks, groups[i]))
				g = i;
		snprintf(f, sizeof(f), "expect.checker_reports.%s", ks ? ks : "?");
		if (kind < 0 && g < 0) {
			char list[400] = "lock, dma_api";
			for (int i = 0; i < HX_VCHK_KINDS; i++) {
				size_t l = strlen(list);
				snprintf(list + l, sizeof(list) - l, ", %s", hx_chk_kind_name((enum hx_chk_kind)i));
			}
			return hx_ld_err(ld, k, f, "unknown key (expected one of %s)", list);
		}
		if (hx_ld_is_null(val))
			return hx_ld_err(ld, val && !fy_node_is_null(val) ? val : k, f, "no value");
		if (!hx_ld_u64(ld, val, f, 0, UINT32_MAX, &x))
			return false;
		if (g >= 0) {
			e->group[g] = (long)x;
			for (int i = g ? HX_VCHK_LOCK_KINDS : 0; i < (g ? HX_VCHK_KINDS : HX_VCHK_LOCK_KINDS); i++)
				if (!given[i])
					e->kind[i] = -1;
		} else {
			e->kind[kind] = (long)x;
			given[kind] = true;
		}
	}
	return true;
}

bool hx_ld_drv_expect(hx_ld *ld, struct fy_node *cbs, struct fy_node *stats, struct fy_node *reports)
{
	hx_vdexpect *e;
	struct fy_node *n = cbs ? cbs : stats ? stats : reports;

	if (!ld->v->drv) {
		if (n)
			return hx_ld_err(ld, n, cbs ? "expect.callbacks" : stats ? "expect.status" : "expect.checker_reports",
					 "needs a driver: section");
		return true;
	}
	e = ld->v->expect.drv = hx_ld_alloc(ld, sizeof(*e));
	if (!e)
		return false;
	e->total = -1;
	for (unsigned g = 0; g < HX_VCHK_GROUPS; g++)
		e->group[g] = -1;
	if (cbs && !ld_exp_cbs(ld, cbs, e))
		return false;
	if (stats && !ld_exp_stats(ld, stats, e))
		return false;
	return !reports || ld_reports(ld, reports, e);
}
