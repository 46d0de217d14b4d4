/* hx_check_dma.c - the DMA-API checker: mappings from the port's events, the DMAC's accesses
 * from the sim's bus beats, the CPU's reads from hx_checkers_cpu_read().
 *
 * Live mappings carry one dirty bit per byte: set by a DMAC write, cleared by
 * osal_dma_sync_for_cpu(); the CPU may read a live mapping's bytes only while they are clean.
 * Unmapped mappings are kept (without their bits) to tell a double unmap from an unmap of
 * nothing, and to say "after its unmap" for a late access. Allocation happens at map time, not
 * per beat; a beat looks at the live mappings and the allocated LLI blocks only.
 */
#include "hx_checkers_priv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *hx_chk_dir_name(int dir)
{
	switch (dir) {
	case OSAL_DMA_TO_DEVICE:      return "TO_DEVICE";
	case OSAL_DMA_FROM_DEVICE:    return "FROM_DEVICE";
	case OSAL_DMA_BIDIRECTIONAL:  return "BIDIRECTIONAL";
	}
	return "?";
}

static hx_chk_report hx_chk_now(const hx_checkers *c)
{
	return (hx_chk_report){ .cycle = hx_sim_cycle(c->sim), .ctx = hx_sim_context(c->sim) };
}

/* ---- mappings ---------------------------------------------------------------------------------- */

static void hx_chk_map(hx_checkers *c, const osal_hx_event *ev)
{
	struct hx_chk_map *m;

	if (!hx_chk_grow((void **)&c->live, &c->cap_live, c->n_live, sizeof(*c->live)))
		return;
	m = &c->live[c->n_live];
	*m = (struct hx_chk_map){ .id = c->next_map_id++, .bus = ev->addr, .len = ev->len,
				  .dir = ev->dir, .map_cycle = ev->cycle };
	m->dirty = calloc((ev->len + 7u) / 8u, 1);
	if (m->dirty || !ev->len)
		c->n_live++;
}

static bool hx_chk_dirty_bit(const struct hx_chk_map *m, uint32_t off)
{
	return (m->dirty[off / 8u] >> (off % 8u)) & 1u;
}

/* Dirty bits of @m for [@lo, @hi) (bus addresses, clipped to @m) set or cleared */
static void hx_chk_dirty_set(struct hx_chk_map *m, uint64_t lo, uint64_t hi, bool on)
{
	uint64_t end = (uint64_t)m->bus + m->len;

	if (lo < m->bus)
		lo = m->bus;
	if (hi > end)
		hi = end;
	for (uint64_t a = lo; a < hi; a++) {
		uint32_t off = (uint32_t)(a - m->bus);

		if (on)
			m->dirty[off / 8u] |= (uint8_t)(1u << (off % 8u));
		else
			m->dirty[off / 8u] &= (uint8_t)~(1u << (off % 8u));
	}
}

static void hx_chk_unmap(hx_checkers *c, const osal_hx_event *ev)
{
	hx_chk_report r = hx_chk_now(c);

	r.addr = ev->addr;
	r.len = ev->len;
	for (size_t i = 0; i < c->n_live; i++) {
		struct hx_chk_map *m = &c->live[i];

		if (m->bus != ev->addr || m->len != ev->len || m->dir != ev->dir)
			continue;
		free(m->dirty);
		m->dirty = NULL;
		m->unmap_cycle = ev->cycle;
		if (hx_chk_grow((void **)&c->dead, &c->cap_dead, c->n_dead, sizeof(*c->dead)))
			c->dead[c->n_dead++] = *m;
		c->live[i] = c->live[--c->n_live];
		return;
	}
	for (size_t i = 0; i < c->n_live; i++) {
		const struct hx_chk_map *m = &c->live[i];

		if (m->bus != ev->addr)
			continue;
		hx_chk_report_add(c, HX_CHK_DMA_BAD_UNMAP, ev->addr, ev->len, &r,
				  "unmap of 0x%x+%u %s, but the mapping there (cycle %llu) is 0x%x+%u %s: "
				  "wrong length or direction",
				  ev->addr, ev->len, hx_chk_dir_name(ev->dir),
				  (unsigned long long)m->map_cycle, m->bus, m->len, hx_chk_dir_name(m->dir));
		return;
	}
	for (size_t i = c->n_dead; i-- > 0;) {
		const struct hx_chk_map *m = &c->dead[i];

		if (m->bus != ev->addr)
			continue;
		hx_chk_report_add(c, HX_CHK_DMA_DOUBLE_UNMAP, ev->addr, ev->len, &r,
				  "unmap of 0x%x+%u %s, already unmapped at cycle %llu (mapped at cycle %llu)",
				  ev->addr, ev->len, hx_chk_dir_name(ev->dir),
				  (unsigned long long)m->unmap_cycle, (unsigned long long)m->map_cycle);
		return;
	}
	hx_chk_report_add(c, HX_CHK_DMA_BAD_UNMAP, ev->addr, ev->len, &r,
			  "unmap of 0x%x+%u %s, which was never mapped", ev->addr, ev->len,
			  hx_chk_dir_name(ev->dir));
}

static void hx_chk_sync_cpu(hx_checkers *c, const osal_hx_event *ev)
{
	for (size_t i = 0; i < c->n_live; i++)
		if (c->live[i].len)
			hx_chk_dirty_set(&c->live[i], ev->addr, (uint64_t)ev->addr + ev->len, false);
}

/* ---- LLI blocks -------------------------------------------------------------------------------- */

static void hx_chk_lli(hx_checkers *c, const osal_hx_event *ev, bool alloc)
{
	if (alloc) {
		if (hx_chk_grow((void **)&c->blocks, &c->cap_blocks, c->n_blocks, sizeof(*c->blocks)))
			c->blocks[c->n_blocks++] = (struct hx_chk_block){ ev->addr, ev->len };
		return;
	}
	for (size_t i = 0; i < c->n_blocks; i++) {
		if (c->blocks[i].addr == ev->addr) {
			c->blocks[i] = c->blocks[--c->n_blocks];
			return;
		}
	}
}

void hx_chk_dma_event(hx_checkers *c, const osal_hx_event *ev)
{
	switch (ev->kind) {
	case OSAL_HX_DMA_MAP:      hx_chk_map(c, ev); break;
	case OSAL_HX_DMA_UNMAP:    hx_chk_unmap(c, ev); break;
	case OSAL_HX_DMA_SYNC_CPU: hx_chk_sync_cpu(c, ev); break;
	case OSAL_HX_LLI_ALLOC:    hx_chk_lli(c, ev, true); break;
	case OSAL_HX_LLI_FREE:     hx_chk_lli(c, ev, false); break;
	default: break;
	}
}

/* ---- the DMAC's beats -------------------------------------------------------------------------- */

static bool hx_chk_inside(uint32_t base, uint32_t len, uint32_t addr, uint32_t bytes)
{
	return addr >= base && (uint64_t)addr + bytes <= (uint64_t)base + len;
}

static void hx_chk_outside(hx_checkers *c, const hx_bus_beat *b, uint32_t bytes, const char *why)
{
	hx_chk_report r = hx_chk_now(c);

	r.cycle = b->done_cycle;
	r.addr = b->addr;
	r.len = bytes;
	hx_chk_report_add(c, HX_CHK_DMA_OUTSIDE, b->addr >> 10, b->hwrite, &r,
			  "DMAC %s of %u bytes at 0x%x on AHB%u (address phase at cycle %llu): %s",
			  b->hwrite ? "write" : "read", bytes, b->addr, b->master + 1u,
			  (unsigned long long)b->cycle, why);
}

/* A beat that hit no live mapping and no LLI block: say what was there */
static void hx_chk_unmapped_beat(hx_checkers *c, const hx_bus_beat *b, uint32_t bytes)
{
	char why[160];

	if (b->slave >= 0 && !hx_bus_mem_bytes(hx_sim_bus(c->sim), b->master, b->addr, 1))
		return;                 /* a peripheral window: not memory */
	if (b->slave < 0) {
		hx_chk_outside(c, b, bytes, "no slave answers there (a stray access)");
		return;
	}
	for (size_t i = 0; i < c->n_blocks; i++) {
		if (hx_chk_inside(c->blocks[i].addr, c->blocks[i].len, b->addr, bytes) && b->hwrite) {
			hx_chk_outside(c, b, bytes, "a write into an LLI block (the DMAC only reads them)");
			return;
		}
	}
	for (size_t i = c->n_dead; i-- > 0;) {
		const struct hx_chk_map *m = &c->dead[i];

		if (m->len && b->addr >= m->bus && b->addr - m->bus < m->len) {
			snprintf(why, sizeof(why), "in 0x%x+%u %s, unmapped at cycle %llu", m->bus,
				 m->len, hx_chk_dir_name(m->dir), (unsigned long long)m->unmap_cycle);
			hx_chk_outside(c, b, bytes, why);
			return;
		}
	}
	for (size_t i = 0; i < c->n_live; i++) {
		const struct hx_chk_map *m = &c->live[i];

		if (b->addr >= m->bus && b->addr - m->bus < m->len) {
			snprintf(why, sizeof(why), "runs past the end of mapping 0x%x+%u %s", m->bus,
				 m->len, hx_chk_dir_name(m->dir));
			hx_chk_outside(c, b, bytes, why);
			return;
		}
	}
	for (size_t i = 0; i < c->n_live; i++) {
		const struct hx_chk_map *m = &c->live[i];
		uint64_t end = (uint64_t)m->bus + m->len;

		if (b->addr >= end && b->addr - end < 1024u) {
			char after[32] = "right";

			if (b->addr != end)
				snprintf(after, sizeof(after), "%u bytes", (unsigned)(b->addr - end));
			snprintf(why, sizeof(why), "%s after the end of mapping 0x%x+%u %s", after,
				 m->bus, m->len, hx_chk_dir_name(m->dir));
			hx_chk_outside(c, b, bytes, why);
			return;
		}
	}
	hx_chk_outside(c, b, bytes, "memory that is neither mapped nor an allocated LLI block");
}

void hx_chk_dma_beat(void *ctx, const hx_bus_beat *b)
{
	hx_checkers *c = ctx;
	uint32_t bytes = 1u << (b->hsize & 3u);
	int forbid = b->hwrite ? OSAL_DMA_TO_DEVICE : OSAL_DMA_FROM_DEVICE;
	struct hx_chk_map *wrong = NULL;
	bool ok = false;

	if (b->resp == PL08X_HRESP_ERROR)
		return;                 /* answered ERROR: no memory was touched */
	for (size_t i = 0; i < c->n_live; i++) {
		struct hx_chk_map *m = &c->live[i];

		if (!hx_chk_inside(m->bus, m->len, b->addr, bytes))
			continue;
		if (m->dir == forbid) {
			wrong = m;
			continue;
		}
		ok = true;
		if (b->hwrite) {
			hx_chk_dirty_set(m, b->addr, (uint64_t)b->addr + bytes, true);
			m->dev_write_cycle = b->done_cycle;
		}
	}
	if (ok)
		return;
	if (wrong) {
		hx_chk_report r = hx_chk_now(c);

		r.cycle = b->done_cycle;
		r.addr = b->addr;
		r.len = bytes;
		hx_chk_report_add(c, HX_CHK_DMA_WRONG_DIR, wrong->id, b->hwrite, &r,
				  "DMAC %s of %u bytes at 0x%x on AHB%u, inside mapping 0x%x+%u %s (cycle "
				  "%llu): the device may only %s it",
				  b->hwrite ? "write" : "read", bytes, b->addr, b->master + 1u, wrong->bus,
				  wrong->len, hx_chk_dir_name(wrong->dir),
				  (unsigned long long)wrong->map_cycle, b->hwrite ? "read" : "write");
		return;
	}
	if (!b->hwrite)
		for (size_t i = 0; i < c->n_blocks; i++)
			if (hx_chk_inside(c->blocks[i].addr, c->blocks[i].len, b->addr, bytes))
				return;
	hx_chk_unmapped_beat(c, b, bytes);
}

/* ---- the CPU's reads, the end of the run ------------------------------------------------------- */

void hx_checkers_cpu_read(hx_checkers *c, uint32_t addr, size_t len)
{
	uint64_t end = (uint64_t)addr + len;

	for (size_t i = 0; i < c->n_live; i++) {
		const struct hx_chk_map *m = &c->live[i];
		uint64_t lo = addr > m->bus ? addr : m->bus;
		uint64_t hi = end < (uint64_t)m->bus + m->len ? end : (uint64_t)m->bus + m->len;

		for (uint64_t a = lo; a < hi; a++) {
			hx_chk_report r;

			if (!hx_chk_dirty_bit(m, (uint32_t)(a - m->bus)))
				continue;
			r = hx_chk_now(c);
			r.addr = addr;
			r.len = (uint32_t)len;
			hx_chk_report_add(c, HX_CHK_DMA_CPU_READ, m->id, 0, &r,
					  "CPU read of 0x%x+%zu: byte 0x%x was written by the DMAC (last "
					  "write at cycle %llu) into mapping 0x%x+%u %s, still mapped and not "
					  "synced for the CPU: with caches the CPU reads stale data",
					  addr, len, (uint32_t)a, (unsigned long long)m->dev_write_cycle, m->bus,
					  m->len, hx_chk_dir_name(m->dir));
			break;
		}
	}
}

void hx_chk_dma_finish(hx_checkers *c)
{
	for (size_t i = 0; i < c->n_live; i++) {
		const struct hx_chk_map *m = &c->live[i];
		hx_chk_report r = hx_chk_now(c);

		r.addr = m->bus;
		r.len = m->len;
		hx_chk_report_add(c, HX_CHK_DMA_LEAK, m->id, 0, &r,
				  "mapping 0x%x+%u %s (mapped at cycle %llu) never unmapped", m->bus,
				  m->len, hx_chk_dir_name(m->dir), (unsigned long long)m->map_cycle);
	}
}

void hx_chk_dma_free(hx_checkers *c)
{
	for (size_t i = 0; i < c->n_live; i++)
		free(c->live[i].dirty);
	free(c->live);
	free(c->dead);
	free(c->blocks);
}
