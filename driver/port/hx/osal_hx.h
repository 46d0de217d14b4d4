/* osal_hx.h - set-up and observation of the harness port of osal.h (driver/port/hx).
 *
 * One struct osal_dev per DMAC of an hx_sim:
 * - MMIO: hx_sim_mmio_read()/hx_sim_mmio_write(), so each register access costs the sim's CPU
 *   cycles and is an interrupt point;
 * - locks: hx_sim_irq_save()/hx_sim_irq_restore() (one simulated CPU: masking the interrupt is
 *   the whole lock; the release that unmasks takes a pending interrupt);
 * - deferred work: hx_sim_queue_work(), in HX_SIM_CTX_DEFERRED; osal_work_sync() lets
 *   simulated time pass until the item has run;
 * - DMA mapping: identity (CPU addresses given to osal_dma_map() are bus addresses), with a
 *   table of the live mappings;
 * - LLI pool: blocks in a memory of the bus fabric on the configured master, written by the CPU
 *   through hx_bus_mem_bytes() (the CPU has no cache: the writes are visible at once).
 *
 * Every osal call that a checker needs to see passes through one function of osal_hx.c,
 * osal_hx_emit(), which keeps the port's own counters and then calls the hooks: the one set
 * with osal_hx_set_hook(), then those added with osal_hx_add_hook() (the checkers of
 * hx_checkers.h use one), in the order added: lock acquire and release, may-sleep, DMA map,
 * unmap and sync, client callback begin and end, work schedule, begin and end, barriers, LLI
 * alloc and free.
 */
#ifndef OSAL_HX_H
#define OSAL_HX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "harness/sim.h"
#include "osal.h"

/**
 * osal_hx_config - where the port puts things
 * @lli_master: the master whose memory holds the LLI pool (the driver's lli_master)
 * @lli_base: bus address of the pool, aligned to a block
 * @lli_size: bytes of the pool (whole blocks)
 * @lli_items: items per block (default 64: 1 KB blocks, which never cross a 1 KB page)
 * @reg_base: offset added to every register offset (0: the model's slave port)
 */
typedef struct osal_hx_config {
	unsigned lli_master;
	uint32_t lli_base, lli_size;
	unsigned lli_items;
	uint32_t reg_base;
} osal_hx_config;

/** enum osal_hx_ev_kind - what osal_hx_emit() reports */
enum osal_hx_ev_kind {
	OSAL_HX_LOCK_ACQUIRE, OSAL_HX_LOCK_RELEASE, OSAL_HX_MIGHT_SLEEP,
	OSAL_HX_DMA_MAP, OSAL_HX_DMA_UNMAP, OSAL_HX_CALLBACK_BEGIN, OSAL_HX_CALLBACK_END,
	OSAL_HX_WORK_SCHEDULE, OSAL_HX_WORK_BEGIN, OSAL_HX_WORK_END, OSAL_HX_WMB, OSAL_HX_RMB,
	OSAL_HX_LLI_ALLOC, OSAL_HX_LLI_FREE, OSAL_HX_DMA_SYNC_CPU, OSAL_HX_DMA_SYNC_DEVICE,
};

/* Hooks osal_hx_add_hook() accepts, besides the one of osal_hx_set_hook() */
#define OSAL_HX_MAX_HOOKS 4

/**
 * osal_hx_event - one observed osal call
 * @kind: what it was
 * @cycle: hx_sim_cycle() when it happened
 * @ctx: the CPU context (enum hx_sim_ctx); @atomic: hx_sim_in_atomic() at the call (for an
 *   acquire, after the interrupt was masked; for a release, before it is restored)
 * @locks_held: driver locks held before the call (after it for an acquire is one more)
 * @obj: the lock, work item, channel (callbacks) or NULL
 * @name: the lock class or the may-sleep function, else NULL
 * @addr, @len, @dir: DMA map/unmap/sync and LLI blocks (bus address, bytes, enum osal_dma_dir)
 */
typedef struct osal_hx_event {
	enum osal_hx_ev_kind kind;
	uint64_t cycle;
	enum hx_sim_ctx ctx;
	bool atomic;
	unsigned locks_held;
	const void *obj;
	const char *name;
	uint32_t addr, len;
	int dir;
} osal_hx_event;

/**
 * osal_hx_stats - the port's own bookkeeping
 * @maps_live: mappings made and not unmapped; @maps_total: all mappings made
 * @bad_unmaps: unmaps matching no live mapping (double unmap, wrong length or direction)
 * @lli_blocks_used: blocks allocated now; @wmb: write barriers so far
 * @locks_taken: acquires so far; @work_runs: deferred work items run
 * @callbacks: client callbacks called
 */
typedef struct osal_hx_stats {
	unsigned long maps_live, maps_total, bad_unmaps, lli_blocks_used, wmb, locks_taken,
		work_runs, callbacks;
} osal_hx_stats;

/** osal_hx_create - the port for the DMAC of @sim; NULL (and hx_sim_fail) on a bad @cfg */
struct osal_dev *osal_hx_create(hx_sim *sim, const osal_hx_config *cfg);
/** osal_hx_destroy - free it (NULL accepted) */
void osal_hx_destroy(struct osal_dev *od);
/** osal_hx_sim - the sim of @od */
hx_sim *osal_hx_sim(struct osal_dev *od);
/** osal_hx_set_hook - call @fn(@ctx, event) for every event (NULL: none); replaces the last one set here, leaves the added hooks */
void osal_hx_set_hook(struct osal_dev *od, void (*fn)(void *ctx, const osal_hx_event *ev), void *ctx);
/** osal_hx_add_hook - also call @fn(@ctx, event) for every event, after the earlier hooks; 0, or -1 when OSAL_HX_MAX_HOOKS are added */
int osal_hx_add_hook(struct osal_dev *od, void (*fn)(void *ctx, const osal_hx_event *ev), void *ctx);
/** osal_hx_remove_hook - stop calling the hook added with @fn and @ctx (nothing if there is none) */
void osal_hx_remove_hook(struct osal_dev *od, void (*fn)(void *ctx, const osal_hx_event *ev), void *ctx);
/** osal_hx_get_stats - the counters */
void osal_hx_get_stats(const struct osal_dev *od, osal_hx_stats *st);
/** osal_hx_locks_held - driver locks held now */
unsigned osal_hx_locks_held(const struct osal_dev *od);

#endif
