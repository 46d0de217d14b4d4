/* hx_checkers_priv.h - what the checkers' files share (see hx_checkers.h for the behaviour). */
#ifndef HX_CHECKERS_PRIV_H
#define HX_CHECKERS_PRIV_H

#include "hx_checkers.h"

/* Lock classes and locks held at once, at most (the driver has 2 classes and nests 2 deep) */
#define HX_CHK_MAX_CLASSES 16
#define HX_CHK_MAX_HELD    16
#define HX_CHK_NO_CLASS    0xFFu

/**
 * struct hx_chk_held - a lock held now
 * @lock: the struct osal_lock; @cls: its class; @ctx: the context that took it; @cycle: when
 */
struct hx_chk_held {
	const void *lock;
	unsigned cls;
	enum hx_sim_ctx ctx;
	uint64_t cycle;
};

/**
 * struct hx_chk_class - a lock class and its usage (lockdep's usage bits)
 * @name: as given to osal_lock_init()
 * @in_hardirq, @hardirq_cycle: taken in hard IRQ, first at that cycle
 * @irq_on, @irq_on_cycle, @irq_on_ctx: held outside hard IRQ with the interrupt enabled, first then
 */
struct hx_chk_class {
	const char *name;
	bool in_hardirq;
	uint64_t hardirq_cycle;
	bool irq_on;
	uint64_t irq_on_cycle;
	enum hx_sim_ctx irq_on_ctx;
};

/**
 * struct hx_chk_edge - "@to taken while @from held" was seen (the order graph, per class pair)
 * @seen: at least once; @cycle, @ctx: the first time
 */
struct hx_chk_edge {
	bool seen;
	uint64_t cycle;
	enum hx_sim_ctx ctx;
};

/**
 * struct hx_chk_map - a DMA mapping, live or unmapped
 * @id: its number (order of mapping); @bus, @len, @dir: as mapped
 * @map_cycle, @unmap_cycle: when
 * @dirty: one bit per byte: the DMAC wrote it and the CPU has not synced it since (live only)
 * @dev_write_cycle: the last DMAC write into it
 */
struct hx_chk_map {
	unsigned long id;
	uint32_t bus, len;
	int dir;
	uint64_t map_cycle, unmap_cycle;
	uint8_t *dirty;
	uint64_t dev_write_cycle;
};

/** struct hx_chk_key - a problem already reported: its key, its report (or -1), its hits */
struct hx_chk_key {
	enum hx_chk_kind kind;
	uint64_t k1, k2;
	int report;
	unsigned long hits;
};

/** struct hx_chk_block - an allocated LLI block */
struct hx_chk_block {
	uint32_t addr, len;
};

struct hx_checkers {
	hx_sim *sim;
	struct osal_dev *od;
	bool hooked, observing, finished;

	/* reports */
	unsigned long count[HX_CHK_KINDS];
	hx_chk_report reports[HX_CHK_MAX_REPORTS];
	unsigned n_reports;
	struct hx_chk_key *keys;
	size_t n_keys, cap_keys;

	/* lock checker */
	struct hx_chk_class classes[HX_CHK_MAX_CLASSES];
	unsigned n_classes;
	struct hx_chk_edge edge[HX_CHK_MAX_CLASSES][HX_CHK_MAX_CLASSES];
	struct hx_chk_held held[HX_CHK_MAX_HELD];
	unsigned n_held;

	/* DMA-API checker */
	struct hx_chk_map *live, *dead;
	size_t n_live, cap_live, n_dead, cap_dead;
	unsigned long next_map_id;
	struct hx_chk_block *blocks;
	size_t n_blocks, cap_blocks;
};

/* hx_checkers.c */
const char *hx_chk_ctx_name(enum hx_sim_ctx ctx);
/*
 * Report a problem of @kind with key (@k1, @k2) unless that key was reported before (then only
 * its hits grow). @r gives cycle, ctx, locks, addr and len; the text is printf-formatted after
 * "<kind> cycle <c> <ctx>: ". Returns true when it was new.
 */
bool hx_chk_report_add(hx_checkers *c, enum hx_chk_kind kind, uint64_t k1, uint64_t k2,
		       const hx_chk_report *r, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
/* Grow *@arr (elements of @size) to hold @n + 1; false when out of memory */
bool hx_chk_grow(void **arr, size_t *cap, size_t n, size_t size);

/* hx_check_lock.c */
void hx_chk_lock_event(hx_checkers *c, const osal_hx_event *ev);

/* hx_check_dma.c */
void hx_chk_dma_event(hx_checkers *c, const osal_hx_event *ev);
void hx_chk_dma_beat(void *ctx, const hx_bus_beat *beat);
void hx_chk_dma_finish(hx_checkers *c);
void hx_chk_dma_free(hx_checkers *c);

#endif
