/* osal.h - the operating-system services the PL08x driver core uses, and nothing else.
 *
 * The driver core (driver/src) reaches its OS only through the functions below. A port supplies
 * them, and a header named "osal_port.h", found first on the include path, that defines the
 * opaque types:
 *   struct osal_dev     one DMAC instance as the OS sees it: where its registers are, its LLI
 *                       pool, its DMA-mapping device (docs/porting.md lists what a port puts here)
 *   struct osal_lock    a spinlock that also masks the DMAC interrupt on the local CPU
 *   osal_irqflags       the saved interrupt state of osal_lock_irqsave()
 *   struct osal_work    a deferred-work item (a tasklet: runs later, in a context that may be
 *                       interrupted, never concurrently with itself)
 *   osal_dma_addr       a bus address as the DMAC drives it on HADDR (32 bits are enough)
 * Ports: driver/port/bare (bare-metal Cortex-M, the freestanding build check) and driver/port/hx
 * (the co-verification harness, the worked example of docs/porting.md).
 *
 * Contexts used in the comments: "any" = thread, deferred work or hard IRQ; "atomic" = hard IRQ
 * or a driver lock held (interrupts masked); "may sleep" = thread context, no lock held.
 */
#ifndef OSAL_H
#define OSAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "osal_port.h"

/* ---- MMIO ---------------------------------------------------------------------------------- */

/**
 * osal_mmio_read32 - read the 32-bit DMAC register at @offset of the AHB slave port
 * @od: the instance
 * @offset: byte offset from the register base (0x000..0xFFC)
 * Context: any. Not ordered against normal memory accesses: use osal_rmb() where that matters.
 */
uint32_t osal_mmio_read32(struct osal_dev *od, uint32_t offset);

/**
 * osal_mmio_write32 - write the 32-bit DMAC register at @offset
 * @od: the instance
 * @offset: byte offset from the register base
 * @value: the value
 * Context: any. Not ordered after earlier normal memory writes: use osal_wmb() first where the
 * device must see them (LLI items before a channel enable).
 */
void osal_mmio_write32(struct osal_dev *od, uint32_t offset, uint32_t value);

/* ---- memory barriers ------------------------------------------------------------------------ */

/**
 * osal_wmb - order every earlier memory write before every later write and MMIO write
 * @od: the instance (a port may record the barrier, e.g. for a checker)
 * Context: any.
 */
void osal_wmb(struct osal_dev *od);

/**
 * osal_rmb - order every earlier read and MMIO read before every later read
 * @od: the instance
 * Context: any.
 */
void osal_rmb(struct osal_dev *od);

/* ---- spinlocks with the interrupt masked ---------------------------------------------------- */

/**
 * osal_lock_init - make @l an unlocked lock of instance @od
 * @od: the instance
 * @l: the lock
 * @name: a static string naming the lock class in reports ("vchan", "dev")
 * Context: may sleep (set-up time).
 */
void osal_lock_init(struct osal_dev *od, struct osal_lock *l, const char *name);

/**
 * osal_lock_irqsave - mask the DMAC interrupt on this CPU, then take @l
 * @l: the lock; never taken twice by one CPU (not recursive)
 * @flags: receives the interrupt state to give back to osal_unlock_irqrestore()
 * Context: any.
 */
void osal_lock_irqsave(struct osal_lock *l, osal_irqflags *flags);

/**
 * osal_unlock_irqrestore - release @l, then restore the interrupt state saved in @flags
 * @l: the lock, held by this CPU
 * @flags: what osal_lock_irqsave() returned; a pending interrupt may be taken here
 * Context: any.
 */
void osal_unlock_irqrestore(struct osal_lock *l, osal_irqflags flags);

/* ---- deferred work -------------------------------------------------------------------------- */

/**
 * osal_work_init - make @w run @fn(@w) when scheduled
 * @od: the instance
 * @w: the work item
 * @fn: the function; it runs with interrupts enabled and no lock held, and never runs twice at
 *   the same time
 * Context: may sleep (set-up time).
 */
void osal_work_init(struct osal_dev *od, struct osal_work *w, void (*fn)(struct osal_work *w));

/**
 * osal_work_schedule - have @w run once, soon after the current context ends
 * @w: the work item; scheduling it again before it runs does nothing, scheduling it while it
 *   runs makes it run once more after
 * Context: any.
 */
void osal_work_schedule(struct osal_work *w);

/**
 * osal_work_sync - return once @w is neither scheduled nor running
 * @w: the work item; it must not be the caller
 * Context: may sleep.
 */
void osal_work_sync(struct osal_work *w);

/* ---- the LLI pool --------------------------------------------------------------------------- */

/**
 * osal_lli_block_items - how many 16-byte LLI items one block of the pool holds
 * @od: the instance
 * Context: any.
 */
unsigned osal_lli_block_items(struct osal_dev *od);

/**
 * osal_lli_alloc - a block of LLI items, reachable by the DMAC through its LLI master
 * @od: the instance
 * @bus: receives the block's bus address (16-byte aligned, inside one 1 KB page when the block
 *   is at most 1 KB; item k is at @bus + 16 * k)
 * Return: the CPU address of the block, or NULL when the pool is empty. The CPU writes items
 * there; they reach the DMAC after osal_wmb().
 * Context: any but hard IRQ; does not sleep.
 */
void *osal_lli_alloc(struct osal_dev *od, osal_dma_addr *bus);

/**
 * osal_lli_free - give a block back to the pool
 * @od: the instance
 * @cpu: what osal_lli_alloc() returned
 * @bus: its bus address
 * Context: any but hard IRQ; does not sleep.
 */
void osal_lli_free(struct osal_dev *od, void *cpu, osal_dma_addr bus);

/* ---- DMA mapping ---------------------------------------------------------------------------- */

/** enum osal_dma_dir - who writes a mapped buffer (as the Linux DMA API) */
enum osal_dma_dir {
	OSAL_DMA_TO_DEVICE = 1,     /* the CPU wrote it, the device reads it */
	OSAL_DMA_FROM_DEVICE = 2,   /* the device writes it, the CPU reads it after the unmap */
	OSAL_DMA_BIDIRECTIONAL = 3,
};

/**
 * osal_dma_map - hand @len bytes at CPU address @cpu to the device
 * @od: the instance
 * @cpu: the buffer's CPU address (an integer, so that a port whose CPU addresses are bus
 *   addresses maps by identity)
 * @len: bytes, > 0
 * @dir: the direction
 * @bus: receives the bus address the DMAC uses
 * Return: true when mapped. Clients map; the driver core only unmaps (memcpy buffers, see
 * DMAC_PREP_SKIP_UNMAP in dmac.h).
 * Context: any but hard IRQ.
 */
bool osal_dma_map(struct osal_dev *od, uintptr_t cpu, size_t len, enum osal_dma_dir dir,
		  osal_dma_addr *bus);

/**
 * osal_dma_unmap - give the buffer back to the CPU
 * @od: the instance
 * @bus: what osal_dma_map() gave
 * @len: the mapped length
 * @dir: the mapped direction
 * Context: any but hard IRQ.
 */
void osal_dma_unmap(struct osal_dev *od, osal_dma_addr bus, size_t len, enum osal_dma_dir dir);

/**
 * osal_dma_sync_for_cpu - let the CPU read @len bytes at @bus of a live mapping that the device
 *   writes (a cyclic receive buffer read period by period, which stays mapped)
 * @od: the instance
 * @bus: inside a live mapping of direction @dir
 * @len: bytes
 * @dir: the mapping's direction (OSAL_DMA_FROM_DEVICE or OSAL_DMA_BIDIRECTIONAL)
 * After it the CPU sees what the device wrote there; with caches, the lines are invalidated.
 * The driver core does not call it: clients do (as dma_sync_single_for_cpu()).
 * Context: any.
 */
void osal_dma_sync_for_cpu(struct osal_dev *od, osal_dma_addr bus, size_t len,
			   enum osal_dma_dir dir);

/**
 * osal_dma_sync_for_device - hand @len bytes at @bus of a live mapping back to the device after
 *   the CPU read or wrote them (as dma_sync_single_for_device())
 * @od: the instance
 * @bus: inside a live mapping of direction @dir
 * @len: bytes
 * @dir: the mapping's direction
 * With caches, TO_DEVICE lines are cleaned. Context: any.
 */
void osal_dma_sync_for_device(struct osal_dev *od, osal_dma_addr bus, size_t len,
			      enum osal_dma_dir dir);

/* ---- annotations for checkers (no-ops on most ports) ---------------------------------------- */

/**
 * osal_might_sleep - the caller may sleep here: it must be in thread context with no lock held
 * @od: the instance
 * @what: the function that may sleep, for reports
 */
void osal_might_sleep(struct osal_dev *od, const char *what);

/**
 * osal_callback_begin - a client callback is about to be called; no driver lock may be held
 * @od: the instance
 * @chan: the channel whose callback it is (for reports)
 */
void osal_callback_begin(struct osal_dev *od, const void *chan);

/**
 * osal_callback_end - the client callback called after osal_callback_begin() has returned
 * @od: the instance
 * @chan: the same channel
 */
void osal_callback_end(struct osal_dev *od, const void *chan);

#endif
