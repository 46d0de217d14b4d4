/* osal_hx.c - the harness port of osal.h (see osal_hx.h). */
#include "osal_hx.h"

#include <stdlib.h>
#include <string.h>

#define OSAL_HX_DEF_ITEMS   64u
#define OSAL_HX_MAX_BLOCKS  256u
#define OSAL_HX_MAX_MAPS    1024u
/* Cycles osal_work_sync() waits for a work item before failing the run */
#define OSAL_HX_SYNC_LIMIT  1000000u

struct osal_hx_map {
	osal_dma_addr bus;
	uint32_t len;
	int dir;
	bool live;
};

struct osal_dev {
	hx_sim *sim;
	osal_hx_config cfg;
	uint8_t *lli_mem;               /* the pool's bytes in the bus memory */
	unsigned lli_blocks;
	bool lli_used[OSAL_HX_MAX_BLOCKS];
	struct osal_hx_map maps[OSAL_HX_MAX_MAPS];
	unsigned n_maps;                /* slots ever used */
	unsigned locks, locks_held;
	void (*hook)(void *ctx, const osal_hx_event *ev);
	void *hook_ctx;
	struct osal_hx_hook {
		void (*fn)(void *ctx, const osal_hx_event *ev);
		void *ctx;
	} hooks[OSAL_HX_MAX_HOOKS];
	unsigned n_hooks;
	osal_hx_stats st;
};

/* ---- the one place every observed call passes through ---------------------------------------- */

static void osal_hx_emit_at(struct osal_dev *od, enum osal_hx_ev_kind kind, const void *obj,
			  const char *name, uint32_t addr, uint32_t len, int dir)
{
	osal_hx_event ev = {
		.kind = kind, .cycle = hx_sim_cycle(od->sim), .ctx = hx_sim_context(od->sim),
		.atomic = hx_sim_in_atomic(od->sim), .locks_held = od->locks_held, .obj = obj,
		.name = name, .addr = addr, .len = len, .dir = dir,
	};

	switch (kind) {
	case OSAL_HX_LOCK_ACQUIRE:   od->st.locks_taken++; break;
	case OSAL_HX_CALLBACK_BEGIN: od->st.callbacks++; break;
	case OSAL_HX_WORK_BEGIN:     od->st.work_runs++; break;
	case OSAL_HX_WMB:            od->st.wmb++; break;
	default: break;
	}
	if (od->hook)
		od->hook(od->hook_ctx, &ev);
	for (unsigned i = 0; i < od->n_hooks; i++)
		od->hooks[i].fn(od->hooks[i].ctx, &ev);
}

static void osal_hx_emit(struct osal_dev *od, enum osal_hx_ev_kind kind, const void *obj,
			  const char *name)
{
	osal_hx_emit_at(od, kind, obj, name, 0, 0, 0);
}

/* ---- set-up ------------------------------------------------------------------------------------ */

struct osal_dev *osal_hx_create(hx_sim *sim, const osal_hx_config *cfg)
{
	struct osal_dev *od = calloc(1, sizeof(*od));
	unsigned items = cfg->lli_items ? cfg->lli_items : OSAL_HX_DEF_ITEMS;
	uint32_t block = 16u * items;

	if (!od)
		return NULL;
	od->sim = sim;
	od->cfg = *cfg;
	od->cfg.lli_items = items;
	od->lli_blocks = cfg->lli_size / block;
	if (cfg->lli_base % block || od->lli_blocks == 0 || od->lli_blocks > OSAL_HX_MAX_BLOCKS) {
		hx_sim_fail(sim, "osal_hx: LLI pool 0x%x+0x%x: not whole blocks of %u bytes (at most %u)",
			    cfg->lli_base, cfg->lli_size, block, OSAL_HX_MAX_BLOCKS);
		free(od);
		return NULL;
	}
	od->lli_mem = hx_bus_mem_bytes(hx_sim_bus(sim), cfg->lli_master, cfg->lli_base,
				       (size_t)od->lli_blocks * block);
	if (!od->lli_mem) {
		hx_sim_fail(sim, "osal_hx: LLI pool 0x%x+0x%x is not inside one memory of master %u",
			    cfg->lli_base, cfg->lli_size, cfg->lli_master);
		free(od);
		return NULL;
	}
	return od;
}

void osal_hx_destroy(struct osal_dev *od)
{
	free(od);
}

hx_sim *osal_hx_sim(struct osal_dev *od)
{
	return od->sim;
}

void osal_hx_set_hook(struct osal_dev *od, void (*fn)(void *ctx, const osal_hx_event *ev), void *ctx)
{
	od->hook = fn;
	od->hook_ctx = ctx;
}

int osal_hx_add_hook(struct osal_dev *od, void (*fn)(void *ctx, const osal_hx_event *ev), void *ctx)
{
	if (!fn || od->n_hooks == OSAL_HX_MAX_HOOKS)
		return -1;
	od->hooks[od->n_hooks++] = (struct osal_hx_hook){ fn, ctx };
	return 0;
}

void osal_hx_remove_hook(struct osal_dev *od, void (*fn)(void *ctx, const osal_hx_event *ev), void *ctx)
{
	for (unsigned i = 0; i < od->n_hooks; i++) {
		if (od->hooks[i].fn != fn || od->hooks[i].ctx != ctx)
			continue;
		/* keep the others in the order they were added */
		for (unsigned j = i + 1; j < od->n_hooks; j++)
			od->hooks[j - 1] = od->hooks[j];
		od->n_hooks--;
		return;
	}
}

void osal_hx_get_stats(const struct osal_dev *od, osal_hx_stats *st)
{
	*st = od->st;
}

unsigned osal_hx_locks_held(const struct osal_dev *od)
{
	return od->locks_held;
}

/* ---- MMIO and barriers ------------------------------------------------------------------------- */

uint32_t osal_mmio_read32(struct osal_dev *od, uint32_t offset)
{
	return hx_sim_mmio_read(od->sim, od->cfg.reg_base + offset);
}

void osal_mmio_write32(struct osal_dev *od, uint32_t offset, uint32_t value)
{
	hx_sim_mmio_write(od->sim, od->cfg.reg_base + offset, value);
}

void osal_wmb(struct osal_dev *od)
{
	/* The simulated CPU writes memory in program order and has no cache: only recorded */
	osal_hx_emit(od, OSAL_HX_WMB, NULL, NULL);
}

void osal_rmb(struct osal_dev *od)
{
	osal_hx_emit(od, OSAL_HX_RMB, NULL, NULL);
}

/* ---- locks ------------------------------------------------------------------------------------- */

void osal_lock_init(struct osal_dev *od, struct osal_lock *l, const char *name)
{
	l->od = od;
	l->name = name;
	l->id = od->locks++;
	l->held = false;
}

void osal_lock_irqsave(struct osal_lock *l, osal_irqflags *flags)
{
	struct osal_dev *od = l->od;

	*flags = hx_sim_irq_save(od->sim);
	osal_hx_emit(od, OSAL_HX_LOCK_ACQUIRE, l, l->name);
	if (l->held)    /* on hardware this CPU would spin for ever */
		hx_sim_fail(od->sim, "osal_hx: lock '%s' taken again by its holder (deadlock)", l->name);
	l->held = true;
	od->locks_held++;
}

void osal_unlock_irqrestore(struct osal_lock *l, osal_irqflags flags)
{
	struct osal_dev *od = l->od;

	l->held = false;
	od->locks_held--;
	osal_hx_emit(od, OSAL_HX_LOCK_RELEASE, l, l->name);
	hx_sim_irq_restore(od->sim, flags);
}

/* ---- deferred work ----------------------------------------------------------------------------- */

void osal_work_init(struct osal_dev *od, struct osal_work *w, void (*fn)(struct osal_work *w))
{
	w->od = od;
	w->fn = fn;
	w->queued = false;
	w->running = false;
}

static void osal_hx_work_run(hx_sim *s, void *arg)
{
	struct osal_work *w = arg;

	(void)s;
	w->queued = false;              /* a schedule from now on runs it once more */
	w->running = true;
	osal_hx_emit(w->od, OSAL_HX_WORK_BEGIN, w, NULL);
	w->fn(w);
	osal_hx_emit(w->od, OSAL_HX_WORK_END, w, NULL);
	w->running = false;
}

void osal_work_schedule(struct osal_work *w)
{
	struct osal_dev *od = w->od;

	osal_hx_emit(od, OSAL_HX_WORK_SCHEDULE, w, NULL);
	if (w->queued)
		return;
	if (hx_sim_queue_work(od->sim, osal_hx_work_run, w) < 0) {
		hx_sim_fail(od->sim, "osal_hx: the sim's work queue is full");
		return;
	}
	w->queued = true;
}

static bool osal_hx_work_idle(hx_sim *s, void *arg)
{
	const struct osal_work *w = arg;

	(void)s;
	return !w->queued && !w->running;
}

void osal_work_sync(struct osal_work *w)
{
	struct osal_dev *od = w->od;

	osal_might_sleep(od, __func__);
	if (w->running && hx_sim_context(od->sim) == HX_SIM_CTX_DEFERRED) {
		hx_sim_fail(od->sim, "osal_hx: osal_work_sync() from deferred work on work that is running");
		return;
	}
	if (osal_hx_work_idle(od->sim, w))
		return;
	if (hx_sim_context(od->sim) != HX_SIM_CTX_THREAD) {
		hx_sim_fail(od->sim, "osal_hx: osal_work_sync() outside thread context would wait for ever");
		return;
	}
	/* Queued work runs at the thread's next interrupt point: let one cycle pass at a time */
	for (unsigned n = 0; !osal_hx_work_idle(od->sim, w) && !hx_sim_failed(od->sim); n++) {
		if (n == OSAL_HX_SYNC_LIMIT) {
			hx_sim_fail(od->sim, "osal_hx: osal_work_sync(): work still pending after %u cycles", n);
			return;
		}
		hx_sim_cpu_delay(od->sim, 1);
	}
}

/* ---- LLI pool ---------------------------------------------------------------------------------- */

unsigned osal_lli_block_items(struct osal_dev *od)
{
	return od->cfg.lli_items;
}

void *osal_lli_alloc(struct osal_dev *od, osal_dma_addr *bus)
{
	uint32_t block = 16u * od->cfg.lli_items;

	for (unsigned i = 0; i < od->lli_blocks; i++) {
		if (od->lli_used[i])
			continue;
		od->lli_used[i] = true;
		od->st.lli_blocks_used++;
		*bus = od->cfg.lli_base + i * block;
		osal_hx_emit_at(od, OSAL_HX_LLI_ALLOC, NULL, NULL, *bus, block, 0);
		return od->lli_mem + (size_t)i * block;
	}
	return NULL;
}

void osal_lli_free(struct osal_dev *od, void *cpu, osal_dma_addr bus)
{
	uint32_t block = 16u * od->cfg.lli_items;
	unsigned i = (unsigned)(((uint8_t *)cpu - od->lli_mem) / block);

	if (i >= od->lli_blocks || !od->lli_used[i] || bus != od->cfg.lli_base + i * block) {
		hx_sim_fail(od->sim, "osal_hx: LLI block 0x%x freed but not allocated", bus);
		return;
	}
	od->lli_used[i] = false;
	od->st.lli_blocks_used--;
	osal_hx_emit_at(od, OSAL_HX_LLI_FREE, NULL, NULL, bus, block, 0);
}

/* ---- DMA mapping ------------------------------------------------------------------------------- */

bool osal_dma_map(struct osal_dev *od, uintptr_t cpu, size_t len, enum osal_dma_dir dir,
		  osal_dma_addr *bus)
{
	struct osal_hx_map *m = NULL;

	if (!len || cpu > UINT32_MAX || len > UINT32_MAX - cpu + 1)
		return false;
	for (unsigned i = 0; i < od->n_maps && !m; i++)
		if (!od->maps[i].live)
			m = &od->maps[i];
	if (!m) {
		if (od->n_maps == OSAL_HX_MAX_MAPS)
			return false;
		m = &od->maps[od->n_maps++];
	}
	*m = (struct osal_hx_map){ (osal_dma_addr)cpu, (uint32_t)len, (int)dir, true };
	*bus = (osal_dma_addr)cpu;
	od->st.maps_live++;
	od->st.maps_total++;
	osal_hx_emit_at(od, OSAL_HX_DMA_MAP, NULL, NULL, m->bus, m->len, m->dir);
	return true;
}

void osal_dma_unmap(struct osal_dev *od, osal_dma_addr bus, size_t len, enum osal_dma_dir dir)
{
	osal_hx_emit_at(od, OSAL_HX_DMA_UNMAP, NULL, NULL, bus, (uint32_t)len, (int)dir);
	for (unsigned i = 0; i < od->n_maps; i++) {
		struct osal_hx_map *m = &od->maps[i];

		if (m->live && m->bus == bus && m->len == len && m->dir == (int)dir) {
			m->live = false;
			od->st.maps_live--;
			return;
		}
	}
	od->st.bad_unmaps++;
}

void osal_dma_sync_for_cpu(struct osal_dev *od, osal_dma_addr bus, size_t len,
			   enum osal_dma_dir dir)
{
	/* No cache in the harness: only observed (the DMA-API checker tracks who owns the bytes) */
	osal_hx_emit_at(od, OSAL_HX_DMA_SYNC_CPU, NULL, NULL, bus, (uint32_t)len, (int)dir);
}

void osal_dma_sync_for_device(struct osal_dev *od, osal_dma_addr bus, size_t len,
			      enum osal_dma_dir dir)
{
	osal_hx_emit_at(od, OSAL_HX_DMA_SYNC_DEVICE, NULL, NULL, bus, (uint32_t)len, (int)dir);
}

/* ---- annotations ------------------------------------------------------------------------------- */

void osal_might_sleep(struct osal_dev *od, const char *what)
{
	osal_hx_emit(od, OSAL_HX_MIGHT_SLEEP, NULL, what);
}

void osal_callback_begin(struct osal_dev *od, const void *chan)
{
	osal_hx_emit(od, OSAL_HX_CALLBACK_BEGIN, chan, NULL);
}

void osal_callback_end(struct osal_dev *od, const void *chan)
{
	osal_hx_emit(od, OSAL_HX_CALLBACK_END, chan, NULL);
}
