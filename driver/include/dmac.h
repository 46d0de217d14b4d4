/* dmac.h - the PL080/PL081 driver core: platform set-up and the client API.
 *
 * Shaped like the Linux dmaengine client API: request a channel, prepare a descriptor (memcpy,
 * slave scatter-gather, cyclic), set its callback, submit it for a cookie, issue pending work,
 * ask the status and residue of a cookie, pause, resume, terminate, synchronize.
 *
 * Channels are virtual: any number of clients (up to DMAC_MAX_VCHANS) share the physical
 * channels of the controller. A virtual channel with issued work takes a free physical channel,
 * keeps it while its queue lasts, and gives it back when the queue ends; a virtual channel that
 * finds none waits, in order of arrival, and is served as channels free.
 *
 * Locks: each virtual channel has a lock ("vchan"); the device has one ("dev") for the
 * physical channels, the wait queue and the descriptor pool. Order: vchan, then dev; never two
 * vchan locks at once. The functions below take what they need; none may be called with a
 * driver lock held, which only matters for client callbacks: they run in deferred work with no
 * driver lock held, so a callback may call any function marked "deferred" or "any".
 * Contexts: "thread" = may sleep; "deferred" = deferred work or thread; "any" adds hard IRQ.
 *
 * The driver supports the DMAC as flow controller (FlowCntrl 0, 1, 2), as Linux does: a
 * peripheral's last-request lines are not used.
 */
#ifndef DMAC_H
#define DMAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "osal.h"

/* Object counts of one device (no allocator: the device holds its objects) */
#ifndef DMAC_MAX_VCHANS
#define DMAC_MAX_VCHANS 24
#endif
#ifndef DMAC_MAX_DESCS
#define DMAC_MAX_DESCS 64
#endif
#define DMAC_MAX_PHY 8
/* Failed cookies a channel remembers for dmac_tx_status() */
#define DMAC_FAILED_RING 4

/** enum dmac_variant - the controller: PL080 (8 channels, 2 masters), PL081 (2 channels, 1 master) */
enum dmac_variant { DMAC_PL080, DMAC_PL081 };

/** enum dmac_err - return codes (0 success, negative failure) */
enum dmac_err {
	DMAC_OK = 0,
	DMAC_EINVAL = -1,      /* an argument the hardware or this driver cannot do */
	DMAC_EBUSY = -2,       /* no free object (channel, request line) */
	DMAC_ENOMEM = -3,      /* no descriptor or LLI block left */
	DMAC_ETIMEDOUT = -4,   /* the hardware did not reach the state in time (pause) */
};

/** dmac_cookie - a submitted descriptor's id: > 0, or a negative enum dmac_err */
typedef int32_t dmac_cookie;

/** enum dmac_status - state of a cookie (as enum dma_status) */
enum dmac_status { DMAC_COMPLETE, DMAC_IN_PROGRESS, DMAC_PAUSED, DMAC_ERROR };

/** enum dmac_prep_flags - descriptor flags given to the prep functions */
enum dmac_prep_flags {
	DMAC_PREP_INTERRUPT = 1 << 0,  /* call the descriptor's callback when it completes */
	DMAC_CTRL_ACK = 1 << 1,        /* the client keeps no reference: free after completion */
	DMAC_PREP_SKIP_UNMAP = 1 << 2, /* memcpy: the client unmaps its buffers itself */
};

/** enum dmac_dir - direction of a transfer */
enum dmac_dir { DMAC_MEM_TO_MEM, DMAC_MEM_TO_DEV, DMAC_DEV_TO_MEM };

/** enum dmac_result_code - how a descriptor ended, given to its callback */
enum dmac_result_code {
	DMAC_RESULT_OK,        /* completed (or, cyclic, one period done) */
	DMAC_RESULT_FAILED,    /* a bus ERROR ended it; the channel was recovered */
};

/**
 * struct dmac_result - what a callback learns
 * @result: how the descriptor (or period) ended
 * @residue: bytes not transferred: 0 when OK; for FAILED, those of the descriptor that the
 *   channel had not read when it stopped
 */
struct dmac_result {
	enum dmac_result_code result;
	uint32_t residue;
};

/** dmac_callback - a client's completion callback; deferred context, no driver lock held */
typedef void (*dmac_callback)(void *arg, const struct dmac_result *res);

/**
 * struct dmac_slave_config - the peripheral side of a slave channel (as struct dma_slave_config)
 * @src_addr: bus address of the peripheral's data register for DMAC_DEV_TO_MEM
 * @dst_addr: bus address of the peripheral's data register for DMAC_MEM_TO_DEV
 * @src_width: bytes per peripheral access for DMAC_DEV_TO_MEM (1, 2 or 4)
 * @dst_width: bytes per peripheral access for DMAC_MEM_TO_DEV (1, 2 or 4)
 * @src_maxburst: peripheral accesses per burst request, DMAC_DEV_TO_MEM (1, 4, 8, ... 256;
 *   another value is rounded down to one of these)
 * @dst_maxburst: the same for DMAC_MEM_TO_DEV
 */
struct dmac_slave_config {
	osal_dma_addr src_addr, dst_addr;
	unsigned src_width, dst_width;
	unsigned src_maxburst, dst_maxburst;
};

/**
 * struct dmac_sg - one buffer of a scatter-gather list
 * @addr: its bus address (mapped by the client)
 * @len: bytes, > 0
 */
struct dmac_sg {
	osal_dma_addr addr;
	uint32_t len;
};

/**
 * struct dmac_platform - what the board says about the controller (after the Linux DT binding
 * arm,pl080 and struct pl08x_platform_data)
 * @variant: PL080 or PL081: gives the number of channels (8 or 2) and of masters (2 or 1)
 * @channels: physical channels the driver may use, 0 = all of the variant (fewer reserves the
 *   highest-numbered ones for others)
 * @lli_master: AHB master (0 = AHB1, 1 = AHB2) through which the DMAC loads LLI items, as
 *   lli-bus-interface-ahbN; the LLI pool of the osal port must be reachable there
 * @mem_masters: bit mask of the masters that reach memory, as mem-bus-interface-ahbN (bit 0 =
 *   AHB1); 0 means AHB1. memcpy reads through the lowest and writes through the highest;
 *   a slave transfer puts memory on a memory master other than the peripheral's when there is one
 * @memcpy_burst: transfers per burst for memcpy (1, 4, 8, ... 256), as memcpy-burst-size
 * @memcpy_width: widest transfer for memcpy in bytes (1, 2 or 4), as memcpy-bus-width
 * @mux_get: for request signals shared between peripherals: returns the request line (0..15)
 *   now given to @signal, or a negative value when none is free; NULL: signal = line. Called
 *   when a physical channel is taken for a slave channel, with the dev lock held (must not sleep)
 * @mux_put: gives the line back when the physical channel is released (dev lock held)
 * @mux_ctx: first argument of the mux callbacks
 */
struct dmac_platform {
	enum dmac_variant variant;
	unsigned channels;
	unsigned lli_master;
	unsigned mem_masters;
	unsigned memcpy_burst;
	unsigned memcpy_width;
	int (*mux_get)(void *ctx, unsigned signal);
	void (*mux_put)(void *ctx, unsigned signal, unsigned line);
	void *mux_ctx;
};

/* ---- objects: the fields are the driver's; clients allocate a struct dmac_dev and use only
 * the functions below ---------------------------------------------------------------------- */

/** struct dmac_list - a node of a circular doubly-linked list (also its head) */
struct dmac_list {
	struct dmac_list *next, *prev;
};

struct dmac_chan;

/**
 * struct dmac_desc - a prepared transfer
 * @node: on one list of its channel (protected by the vchan lock)
 * @chan: the channel it was prepared on
 * @cookie: given by dmac_submit()
 * @flags: enum dmac_prep_flags
 * @callback, @callback_arg: set by dmac_desc_set_callback() before dmac_submit()
 * @lli: the CPU address of its LLI block; @lli_bus its bus address
 * @n_lli: items used in the block
 * @ccfg: the CnConfiguration value (without E and H) it runs with
 * @len: bytes the descriptor moves (per pass, for a cyclic one)
 * @period_items: cyclic: LLI items per period (each period ends with an I bit)
 * @cyclic: the last item links back to the first
 * @failed: ended by a bus ERROR; @residue_at_fail: what dmac_tx_status() and the callback report
 * @periods_due: cyclic: periods completed and not yet called back (vchan lock)
 * @memcpy_src, @memcpy_dst: memcpy buffers the driver unmaps after completion
 * @acked: DMAC_CTRL_ACK given, or dmac_desc_ack() called
 * @retired: completed or terminated; waiting for dmac_desc_ack()
 */
struct dmac_desc {
	struct dmac_list node;
	struct dmac_chan *chan;
	dmac_cookie cookie;
	unsigned flags;
	dmac_callback callback;
	void *callback_arg;
	uint32_t *lli;
	osal_dma_addr lli_bus;
	unsigned n_lli;
	uint32_t ccfg;
	uint32_t len;
	bool cyclic;
	bool failed;
	bool acked;
	bool retired;
	uint32_t residue_at_fail;
	unsigned periods_due;
	osal_dma_addr memcpy_src, memcpy_dst;
};

struct dmac_dev;

/**
 * struct dmac_phy - a physical channel
 * @id: its number (register block and status bit)
 * @serving: the virtual channel using it, or NULL when free (dev lock to change; the serving
 *   channel's vchan lock to use)
 * @line: request line taken through the mux for the slave channel it serves, or -1
 */
struct dmac_phy {
	unsigned id;
	struct dmac_chan *serving;
	int line;
};

/**
 * struct dmac_chan - a virtual channel (a client's handle)
 * @dev: its device
 * @lock: the vchan lock: protects every field below except @in_use and @wait_node
 * @work: its deferred work: callbacks of completed descriptors, freeing of terminated ones
 * @in_use: requested and not released (dev lock)
 * @slave: a slave channel (else memcpy); @signal its request signal; @periph_master the master
 *   its peripheral sits on
 * @cfg, @configured: the last dmac_slave_config()
 * @submitted, @issued, @done, @terminated, @retired: descriptor lists (dmaengine states)
 * @active: the descriptor running on @phy, or NULL
 * @phy: the physical channel it holds, or NULL
 * @waiting: on the device's wait queue (@wait_node, dev lock)
 * @paused: dmac_pause() is in force
 * @cookie: last cookie given; @completed: last cookie completed, failed or dropped
 * @failed, @failed_residue: ring of recently failed cookies and their residues, @failed_pos
 *   its next slot
 * @aborted_lo, @aborted_hi: the cookies the last dmac_terminate_all() dropped (0, 0: none)
 */
struct dmac_chan {
	struct dmac_dev *dev;
	struct osal_lock lock;
	struct osal_work work;
	bool in_use;
	bool slave;
	unsigned signal;
	unsigned periph_master;
	struct dmac_slave_config cfg;
	bool configured;
	struct dmac_list submitted, issued, done, terminated, retired;
	struct dmac_desc *active;
	struct dmac_phy *phy;
	bool waiting;
	struct dmac_list wait_node;
	bool paused;
	dmac_cookie cookie, completed;
	dmac_cookie failed[DMAC_FAILED_RING];
	uint32_t failed_residue[DMAC_FAILED_RING];
	unsigned failed_pos;
	dmac_cookie aborted_lo, aborted_hi;
};

/**
 * struct dmac_dev - one controller
 * @od: its OS instance
 * @pf: the platform description (copied)
 * @n_phy: physical channels in use; @masters: AHB masters of the variant
 * @lock: the dev lock: protects @phy[].serving, @phy[].line, @wait, @free_descs, chan @in_use
 * @phy: the physical channels
 * @wait: virtual channels waiting for a physical channel, oldest first
 * @chans: the virtual channels
 * @descs, @free_descs: the descriptor pool
 */
struct dmac_dev {
	struct osal_dev *od;
	struct dmac_platform pf;
	unsigned n_phy, masters;
	struct osal_lock lock;
	struct dmac_phy phy[DMAC_MAX_PHY];
	struct dmac_list wait;
	struct dmac_chan chans[DMAC_MAX_VCHANS];
	struct dmac_desc descs[DMAC_MAX_DESCS];
	struct dmac_list free_descs;
};

/* ---- set-up --------------------------------------------------------------------------------- */

/**
 * dmac_init - set up @d and the controller: every channel disabled, interrupts cleared,
 *   the controller enabled (little-endian masters)
 * @d: the device, storage owned by the caller
 * @od: its OS instance, set up by the port
 * @pf: the platform description (copied)
 * Return: DMAC_OK, or DMAC_EINVAL for an impossible @pf (a master the variant lacks, a burst
 * or width the hardware cannot encode).
 * Context: thread; no lock held.
 */
int dmac_init(struct dmac_dev *d, struct osal_dev *od, const struct dmac_platform *pf);

/**
 * dmac_remove - stop every channel, disable the controller; channels must be released
 * @d: the device
 * Context: thread; no lock held.
 */
void dmac_remove(struct dmac_dev *d);

/**
 * dmac_irq - the interrupt handler: reads the status once, clears what it handles, completes
 *   or fails descriptors, starts the next ones, schedules the callbacks
 * @d: the device
 * Return: true when it found a channel interrupt to handle.
 * Context: hard IRQ (the DMAC's combined DMACINTR line). Takes vchan and dev locks.
 */
bool dmac_irq(struct dmac_dev *d);

/* ---- channels ------------------------------------------------------------------------------- */

/**
 * dmac_request_memcpy - a virtual channel for memory-to-memory copies
 * @d: the device
 * Return: the channel, or NULL when all DMAC_MAX_VCHANS are in use.
 * Context: deferred; takes the dev lock.
 */
struct dmac_chan *dmac_request_memcpy(struct dmac_dev *d);

/**
 * dmac_request_slave - a virtual channel for a peripheral
 * @d: the device
 * @signal: the peripheral's request signal: a request line 0..15 without a mux, else what the
 *   mux callbacks understand
 * @periph_master: the AHB master the peripheral's data register sits on (0 on the PL081)
 * Return: the channel, or NULL when none is free or the arguments are impossible.
 * Context: deferred; takes the dev lock.
 */
struct dmac_chan *dmac_request_slave(struct dmac_dev *d, unsigned signal, unsigned periph_master);

/**
 * dmac_release_chan - terminate, synchronize and give the channel back
 * @c: the channel; its descriptors are freed; no callback of it runs after the return
 * Context: thread (may sleep); no lock held.
 */
void dmac_release_chan(struct dmac_chan *c);

/**
 * dmac_slave_config - set the peripheral side of a slave channel for later preps
 * @c: a slave channel
 * @cfg: copied
 * Return: DMAC_OK, or DMAC_EINVAL (memcpy channel, width not 1/2/4, burst 0).
 * Context: deferred; takes the vchan lock.
 */
int dmac_slave_config(struct dmac_chan *c, const struct dmac_slave_config *cfg);

/* ---- descriptors ---------------------------------------------------------------------------- */

/**
 * dmac_prep_memcpy - a copy of @len bytes from @src to @dst (bus addresses mapped by the client)
 * @c: a memcpy channel
 * @dst: destination, on the platform's highest memory master
 * @src: source, on its lowest memory master
 * @len: bytes, > 0
 * @flags: enum dmac_prep_flags; without DMAC_PREP_SKIP_UNMAP the driver unmaps @src
 *   (OSAL_DMA_TO_DEVICE) and @dst (OSAL_DMA_FROM_DEVICE), @len bytes each, once the copy has
 *   completed, failed or been terminated, before the callback
 * Return: the descriptor, or NULL (no descriptor or LLI block free, @len 0 or too long for one
 * LLI block).
 * Context: deferred; takes the vchan and dev locks.
 */
struct dmac_desc *dmac_prep_memcpy(struct dmac_chan *c, osal_dma_addr dst, osal_dma_addr src,
				   uint32_t len, unsigned flags);

/**
 * dmac_prep_slave_sg - a transfer between memory buffers and the configured peripheral
 * @c: a slave channel with a dmac_slave_config()
 * @sg: the buffers (mapped by the client, which also unmaps them); each length must be a
 *   multiple of the peripheral width of @dir
 * @n: number of buffers, > 0
 * @dir: DMAC_DEV_TO_MEM or DMAC_MEM_TO_DEV
 * @flags: enum dmac_prep_flags (DMAC_PREP_SKIP_UNMAP is implied)
 * Return: the descriptor, or NULL.
 * Context: deferred; takes the vchan and dev locks.
 */
struct dmac_desc *dmac_prep_slave_sg(struct dmac_chan *c, const struct dmac_sg *sg, unsigned n,
				     enum dmac_dir dir, unsigned flags);

/**
 * dmac_prep_cyclic - a ring buffer of @buf_len bytes in periods of @period_len, repeated until
 *   terminated, with the callback called once per completed period
 * @c: a slave channel with a dmac_slave_config()
 * @buf: bus address of the buffer
 * @buf_len: a multiple of @period_len
 * @period_len: > 0, a multiple of the peripheral width
 * @dir: DMAC_DEV_TO_MEM or DMAC_MEM_TO_DEV
 * @flags: enum dmac_prep_flags
 * Return: the descriptor, or NULL. The callback runs once per period interrupt handled: two
 * periods ending before the interrupt is served give one TC status bit, so one call (as on Linux).
 * Context: deferred; takes the vchan and dev locks.
 */
struct dmac_desc *dmac_prep_cyclic(struct dmac_chan *c, osal_dma_addr buf, uint32_t buf_len,
				   uint32_t period_len, enum dmac_dir dir, unsigned flags);

/**
 * dmac_desc_set_callback - the function called when @desc completes (or per period)
 * @desc: a prepared, not yet submitted descriptor
 * @cb: the callback, NULL for none; called only with DMAC_PREP_INTERRUPT
 * @arg: its first argument
 * Context: any; no lock (the descriptor is the caller's until submitted).
 */
void dmac_desc_set_callback(struct dmac_desc *desc, dmac_callback cb, void *arg);

/**
 * dmac_submit - queue @desc on its channel (it runs after dmac_issue_pending())
 * @desc: a prepared descriptor
 * Return: its cookie (> 0).
 * Context: deferred (also from a callback); takes the vchan lock.
 */
dmac_cookie dmac_submit(struct dmac_desc *desc);

/**
 * dmac_desc_ack - the client drops its reference to a descriptor prepared without
 *   DMAC_CTRL_ACK; it is freed now if it has ended, else when it ends
 * @desc: the descriptor
 * Context: deferred; takes the vchan and dev locks.
 */
void dmac_desc_ack(struct dmac_desc *desc);

/**
 * dmac_issue_pending - start the submitted descriptors: on the channel's physical channel,
 *   on a free one, or, with none free, when one frees
 * @c: the channel
 * Context: deferred (also from a callback); takes the vchan and dev locks.
 */
void dmac_issue_pending(struct dmac_chan *c);

/**
 * dmac_tx_status - state of @cookie and the bytes it still has to move
 * @c: the channel
 * @cookie: a cookie of @c
 * @residue: NULL, or receives the residue in bytes: for the running descriptor the remaining
 *   TransferSize times the source width plus the items not yet loaded, read from the
 *   hardware at this moment (also mid-item and while paused; a cyclic one counts to the end of
 *   the buffer); the whole length for one still queued; 0 once complete; for a failed one
 *   what its callback got
 * Return: DMAC_COMPLETE, DMAC_ERROR (failed, or dropped by the last dmac_terminate_all(), with
 * residue 0), DMAC_PAUSED (running or next to run on a paused channel) or DMAC_IN_PROGRESS.
 * Context: any; takes the vchan lock.
 */
enum dmac_status dmac_tx_status(struct dmac_chan *c, dmac_cookie cookie, uint32_t *residue);

/**
 * dmac_pause - halt the channel: set H, wait until its FIFO is empty (A = 0)
 * @c: the channel; paused with nothing running, the next descriptor starts halted
 * Return: DMAC_OK, or DMAC_ETIMEDOUT when A stayed 1 (a peripheral that takes no more data);
 * the channel stays halted either way.
 * Context: deferred; takes the vchan lock, polls the hardware under it.
 */
int dmac_pause(struct dmac_chan *c);

/**
 * dmac_resume - clear H; the channel carries on where it stopped
 * @c: the channel
 * Return: DMAC_OK.
 * Context: deferred; takes the vchan lock.
 */
int dmac_resume(struct dmac_chan *c);

/**
 * dmac_terminate_all - stop the channel at once and drop every descriptor not yet called back
 * @c: the channel; no callback is called for what is dropped; their memory is freed in
 *   dmac_synchronize() or the channel's deferred work
 * Return: DMAC_OK.
 * Context: deferred (also from a callback of this or another channel); takes the vchan and dev
 * locks.
 */
int dmac_terminate_all(struct dmac_chan *c);

/**
 * dmac_synchronize - wait until no callback of @c runs any more, free what was terminated
 * @c: the channel; never from its own callback
 * Context: thread (may sleep); no lock held.
 */
void dmac_synchronize(struct dmac_chan *c);

#endif
