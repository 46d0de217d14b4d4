/* hx_checkers.h - the lock checker and the DMA-API checker of the driver core on the harness.
 *
 * Attach them to a DMAC's osal port (osal_hx.h) right after osal_hx_create() and before any
 * buffer is mapped; they watch every osal call of the driver (through an osal_hx hook, which
 * other hooks may share) and every bus beat of the DMAC (through an observer of the sim, which
 * does not disturb the trace). They never change the run: they only count and describe.
 *
 * Lock checker (per lock class, as named by osal_lock_init(): "vchan", "dev"):
 *   HX_CHK_LOCK_RECURSIVE     a lock taken by the context that holds it, or by a hard IRQ that
 *                             interrupted its holder (a deadlock on real hardware)
 *   HX_CHK_LOCK_IRQ_UNSAFE    a class taken in hard IRQ and elsewhere held with the interrupt
 *                             enabled (lockdep's {IN-HARDIRQ-W} vs {HARDIRQ-ON-W})
 *   HX_CHK_LOCK_ORDER         taking B while holding A closes a cycle of the acquired-while-
 *                             holding graph of the whole run (B ... -> A was seen before); two
 *                             locks of one class held at once are a cycle of length 1
 *   HX_CHK_SLEEP_IN_ATOMIC    osal_might_sleep() outside thread context, with the interrupt
 *                             masked or with a driver lock held
 *   HX_CHK_CALLBACK_UNDER_LOCK a client callback begins while a driver lock is held (or the
 *                             interrupt is masked, or in hard IRQ)
 * DMA-API checker (mappings made with osal_dma_map(), LLI blocks from osal_lli_alloc()):
 *   HX_CHK_DMA_WRONG_DIR      the DMAC writes into an OSAL_DMA_TO_DEVICE mapping or reads an
 *                             OSAL_DMA_FROM_DEVICE one
 *   HX_CHK_DMA_OUTSIDE        a DMAC beat into memory outside every live mapping and every
 *                             allocated LLI block (reads only: the DMAC never writes LLIs);
 *                             beats answered by a peripheral window or with ERROR are not
 *                             memory accesses and are not checked; stray beats are reported
 *   HX_CHK_DMA_DOUBLE_UNMAP   an unmap of a mapping already unmapped
 *   HX_CHK_DMA_BAD_UNMAP      an unmap that matches no mapping, or a live one with another
 *                             length or direction
 *   HX_CHK_DMA_LEAK           a mapping still live at hx_checkers_finish()
 *   HX_CHK_DMA_CPU_READ       the CPU reads (hx_checkers_cpu_read()) bytes the DMAC wrote into
 *                             a mapping that is still live and was not synced for the CPU
 *                             since (osal_dma_sync_for_cpu())
 *
 * One report per problem: a repeat of the same problem (same kind and key: the lock class or
 * pair, the may-sleep function, the mapping, the 1 KB region of an unmapped address and the
 * beat's direction) only adds to the first report's @hits. hx_checkers_count() counts reports.
 *
 * Use in a driver-level run:
 *	hx_checkers *chk = hx_checkers_attach(sim, od);   // after osal_hx_create()
 *	... run; when the test reads a buffer through the backdoor:
 *	hx_checkers_cpu_read(chk, addr, len);
 *	hx_checkers_finish(chk);                           // end of run: leaks
 *	if (hx_checkers_total(chk)) { char buf[4096]; hx_checkers_report(chk, buf, sizeof buf); ... }
 *	hx_checkers_detach(chk);                           // before osal_hx_destroy()/hx_sim_destroy()
 * docs/checkers.md describes each report and how to read it.
 */
#ifndef HX_CHECKERS_H
#define HX_CHECKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "harness/sim.h"
#include "osal_hx.h"

/** enum hx_chk_kind - what a report is about (see the top of this file) */
enum hx_chk_kind {
	HX_CHK_LOCK_RECURSIVE,
	HX_CHK_LOCK_IRQ_UNSAFE,
	HX_CHK_LOCK_ORDER,
	HX_CHK_SLEEP_IN_ATOMIC,
	HX_CHK_CALLBACK_UNDER_LOCK,
	HX_CHK_DMA_WRONG_DIR,
	HX_CHK_DMA_OUTSIDE,
	HX_CHK_DMA_DOUBLE_UNMAP,
	HX_CHK_DMA_BAD_UNMAP,
	HX_CHK_DMA_LEAK,
	HX_CHK_DMA_CPU_READ,
	HX_CHK_KINDS
};

/* Reports kept in full (more are counted, not kept) */
#define HX_CHK_MAX_REPORTS 64
/* Bytes of a report's text */
#define HX_CHK_TEXT 256

/**
 * hx_chk_report - one problem found
 * @kind: what it is
 * @cycle: hx_sim_cycle() when it was first seen
 * @ctx: the CPU context then (enum hx_sim_ctx); for a bus beat, the context that was running
 * @lock_a, @lock_b: lock classes involved (held / taken), or NULL
 * @addr, @len: the bus address and bytes involved (beat, mapping, unmap, CPU read), else 0
 * @hits: how many times it was seen (1 for the first)
 * @text: one line: kind, cycle, context, names, and a short explanation
 */
typedef struct hx_chk_report {
	enum hx_chk_kind kind;
	uint64_t cycle;
	enum hx_sim_ctx ctx;
	const char *lock_a, *lock_b;
	uint32_t addr, len;
	unsigned long hits;
	char text[HX_CHK_TEXT];
} hx_chk_report;

typedef struct hx_checkers hx_checkers;

/**
 * hx_checkers_attach - start both checkers on the DMAC of @sim driven through @od
 * @sim: the sim (its bus beats are watched)
 * @od: the harness osal port of that DMAC (its events are watched)
 * Return: the checkers, or NULL when out of memory or when the port or the sim has no free
 * hook/observer slot. Attach before the first osal_dma_map() and osal_lli_alloc().
 */
hx_checkers *hx_checkers_attach(hx_sim *sim, struct osal_dev *od);

/** hx_checkers_detach - stop watching and free (NULL accepted); before the sim or port goes */
void hx_checkers_detach(hx_checkers *c);

/**
 * hx_checkers_finish - the run has ended: report every mapping still live (HX_CHK_DMA_LEAK)
 * @c: the checkers; calling it again reports nothing new
 */
void hx_checkers_finish(hx_checkers *c);

/**
 * hx_checkers_cpu_read - the CPU reads @len bytes at @addr (a test or dmatest reading a buffer
 *   through the bus backdoor, hx_bus_mem_bytes()/hx_bus_mem_read(), says so here)
 * @c: the checkers
 * @addr: the CPU (= bus) address
 * @len: bytes
 * Reports HX_CHK_DMA_CPU_READ when a live mapping holds bytes of that range that the DMAC has
 * written and that were not synced for the CPU since.
 */
void hx_checkers_cpu_read(hx_checkers *c, uint32_t addr, size_t len);

/** hx_checkers_count - reports of @kind so far (0 for a kind out of range) */
unsigned long hx_checkers_count(const hx_checkers *c, enum hx_chk_kind kind);

/** hx_checkers_total - reports of every kind so far */
unsigned long hx_checkers_total(const hx_checkers *c);

/** hx_checkers_get - report @idx (0 = first found), or NULL past the kept ones */
const hx_chk_report *hx_checkers_get(const hx_checkers *c, unsigned idx);

/**
 * hx_checkers_report - every kept report as text, one line each, then a line of counts per kind
 *   when there is any report ("" when there is none)
 * @c: the checkers
 * @buf: where to write, NUL-terminated, cut at @size - 1
 * @size: bytes of @buf (0: nothing written)
 * Return: the length the whole text has (as snprintf).
 */
size_t hx_checkers_report(const hx_checkers *c, char *buf, size_t size);

/** hx_chk_kind_name - the kind's short name ("lock-recursive", "dma-leak", ...), "?" out of range */
const char *hx_chk_kind_name(enum hx_chk_kind kind);

/** hx_chk_kind_parse - the kind of short name @name, or -1 (for vector expectations) */
int hx_chk_kind_parse(const char *name);

#endif
