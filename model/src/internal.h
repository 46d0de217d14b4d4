/* Internal state of the PL080/PL081 model, shared by the files of model/src.
 *
 * The whole state is one plain struct without pointers, so that save/restore is a copy and
 * two instances never share anything. Nothing in here allocates.
 */
#ifndef PL08X_INTERNAL_H
#define PL08X_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pl08x/model.h"

#define PL08X_MAX_CHANNELS 8
#define PL08X_FIFO_BYTES   16u
#define PL08X_NO_MASTER    0xFFu
#define PL08X_NO_OWNER     0xFFu
#define PL08X_LAST_BURST_OWNER 5u /* channels 6 and 7 never keep a master for a whole burst */

/* On the function that runs one cycle: inline everything it calls into one body, so that
 * the compiler keeps the state in registers across what are separate files here. */
#if defined(__GNUC__)
#define PL08X_FLATTEN __attribute__((flatten))
#else
#define PL08X_FLATTEN
#endif
/* On what a busy step seldom runs (errors, LLI loads, requests, other flow types): kept out
 * of the flattened step, whose hot path then needs fewer registers and less code. */
#if defined(__GNUC__)
#define PL08X_COLD __attribute__((noinline, cold))
#else
#define PL08X_COLD
#endif

#ifdef PL08X_DEBUG_ASSERT
#include <assert.h>
#define PL08X_ASSERT(x) assert(x)
#else
#define PL08X_ASSERT(x) ((void)0)
#endif

/* ---- Channel FIFO: 4 words of bytes in address order ----
 * Invariant: count + reserved <= PL08X_FIFO_BYTES. Reads reserve room when their address
 * phase is issued and push when their data arrives; writes pop when their address phase is
 * issued, so HWDATA is known for the data phase.
 * The bytes sit in a 128-bit shift register, the oldest in bits 7..0 of lo; the bits above
 * the last byte are zero, so a push is one OR and a pop one shift, without loops.
 */
typedef struct pl08x_fifo {
	uint64_t lo, hi;
	uint16_t count;     /* not uint8_t: a byte store may alias anything, and costs reloads */
	uint16_t reserved;
} pl08x_fifo;

static inline void pl08x_fifo_reset(pl08x_fifo *f)
{
	f->lo = 0;
	f->hi = 0;
	f->count = 0;
	f->reserved = 0;
}

static inline unsigned pl08x_fifo_free(const pl08x_fifo *f)
{
	return PL08X_FIFO_BYTES - f->count - f->reserved;
}

/* The low @n bytes of @bytes, for n = 1..4. */
static inline uint64_t pl08x_low_bytes(uint32_t bytes, unsigned n)
{
	/* Looked up: a shift by a variable count costs more (moves to and from CL). */
	static const uint32_t mask[5] = { 0, 0xFFu, 0xFFFFu, 0xFFFFFFu, 0xFFFFFFFFu };
	return bytes & mask[n];
}

#if defined(__SIZEOF_INT128__)
/* Where the compiler has a 128-bit integer, the two words are shifted as one: its shifts
 * select the half without a branch (a push at a variable place branched on it). The state
 * keeps two uint64_t, so the struct's layout and alignment do not depend on the compiler. */
typedef unsigned __int128 pl08x_u128;
#define PL08X_FIFO_U128 1
#endif

/* OR @v, @n bytes (1..4), into the register from byte @count on, one half at a time: only
 * a piece that straddles the halves touches both. */
static inline void pl08x_fifo_or_halves(pl08x_fifo *f, uint64_t v, unsigned count, unsigned n)
{
	unsigned at = 8u * count;

	if (at < 64) {
		f->lo |= v << at;
		if (at > 64 - 8 * n)
			f->hi |= v >> (64 - at);    /* straddles the two halves */
	} else {
		f->hi |= v << (at - 64);
	}
}

/* Push @n bytes (1..4) given in address order, the first in bits 7..0. */
static inline void pl08x_fifo_push(pl08x_fifo *f, uint32_t bytes, unsigned n)
{
	PL08X_ASSERT(n >= 1 && n <= 4 && f->count + n <= PL08X_FIFO_BYTES);
	uint64_t v = pl08x_low_bytes(bytes, n);
#ifdef PL08X_FIFO_U128
	pl08x_u128 w = (pl08x_u128)f->hi << 64 | f->lo;

	w |= (pl08x_u128)v << (8u * f->count);
	f->lo = (uint64_t)w;
	f->hi = (uint64_t)(w >> 64);
#else
	pl08x_fifo_or_halves(f, v, f->count, n);
#endif
	f->count = (uint16_t)(f->count + n);
}

/* Pop @n bytes (1..4), returned in address order, the first in bits 7..0. */
static inline uint32_t pl08x_fifo_pop(pl08x_fifo *f, unsigned n)
{
	PL08X_ASSERT(n >= 1 && n <= 4 && f->count >= n);
	unsigned bits = 8u * n;
	uint32_t bytes = (uint32_t)pl08x_low_bytes((uint32_t)f->lo, n);

#ifdef PL08X_FIFO_U128
	/* bits is at most 32: the mask tells the compiler so, and saves the select of a
	 * shift by 64 or more. */
	pl08x_u128 w = ((pl08x_u128)f->hi << 64 | f->lo) >> (bits & 63u);
	f->lo = (uint64_t)w;
	f->hi = (uint64_t)(w >> 64);
#else
	f->lo = (f->lo >> bits) | (f->hi << (64 - bits));
	f->hi >>= bits;
#endif
	f->count = (uint16_t)(f->count - n);
	return bytes;
}

/* pl08x_fifo_push(f, bytes, 4), the common case: no byte mask. */
static inline void pl08x_fifo_push_word(pl08x_fifo *f, uint32_t bytes)
{
	PL08X_ASSERT(f->count + 4u <= PL08X_FIFO_BYTES);
	unsigned count = f->count;

	/* Half by half even with a 128-bit type: a word mostly lands in one half (count 0..4 or
	 * 8..12), one shift and one OR, cheaper than the 128-bit shift and its selects. */
	pl08x_fifo_or_halves(f, bytes, count, 4);
	f->count = (uint16_t)(count + 4u);
}

/* pl08x_fifo_pop(f, 4), the common case: shifts by a constant, no byte mask. */
static inline uint32_t pl08x_fifo_pop_word(pl08x_fifo *f)
{
	PL08X_ASSERT(f->count >= 4);
	/* Shifts, not an 8-byte copy from byte 4: such a load spans the last stores to both
	 * halves (this pop's predecessor, a step before) and would wait for them to reach the
	 * cache (no store-to-load forwarding). */
	uint32_t bytes = (uint32_t)f->lo;

	f->lo = f->lo >> 32 | f->hi << 32;
	f->hi >>= 32;
	f->count = (uint16_t)(f->count - 4u);
	return bytes;
}

/* ---- Bus beats and operations ---- */
enum pl08x_beat_kind { PL08X_BEAT_SRC, PL08X_BEAT_DST, PL08X_BEAT_LLI };

/* One AHB transfer, from its address phase to the end of its data phase. A port's beat
 * that is not valid is all zero, so the pins are copied out of it without a test. */
typedef struct pl08x_beat {
	bool hwrite;
	uint8_t hsize;
	uint8_t hburst;
	uint8_t hprot;
	bool hlock;
	uint8_t htrans;
	bool valid;
	uint8_t chan;
	uint8_t kind;      /* enum pl08x_beat_kind */
	union {
		uint8_t lli_word; /* an LLI beat: which word of the item */
		/* A source or destination beat of a deferring op (chan.c, defer_if_m2m) that moves
		 * a word at a word address: its lanes hold its bytes as they are (swapped on a
		 * big-endian master), and it completes without a look at the flow. 0 otherwise. */
		bool word_lanes;
	};
	uint16_t gen;      /* channel generation: a stale beat completes without effect */
	uint32_t addr;
	uint32_t wdata;
} pl08x_beat;
/* No padding: templates are compared byte by byte (pl08x_quiet_cycles). */
_Static_assert(sizeof(pl08x_beat) == 20, "pl08x_beat has padding");

/* A run of back-to-back beats for one channel on one master: one AHB burst, or a run of
 * one-beat INCR bursts. @beat is what all its beats share (channel, kind, generation, size,
 * burst, protection, and the lock, which a Configuration write updates in a running op), so
 * issuing one is a copy; addresses come from the channel's pointers.
 *
 * Per-op accounting: an op of a memory-to-memory channel whose beats cannot bid for burst
 * owner is "deferred" (decided when the op is made, chan.c): its beats only advance
 * beat.addr (the next beat's address), pop the FIFO for a write, and count themselves in
 * @deferred; their effect on the channel's counters (addresses, FIFO reservation, beats in
 * flight, transfers left, DMA burst left) is applied in one go by pl08x_chan_settle(): at the
 * op's end, when it is dropped, and before anything outside the op reads those counters
 * (channel register reads, the burst owner's claim). pl08x_save() copies an op as it is. */
typedef struct pl08x_op {
	pl08x_beat beat;   /* from the second beat on, its HTRANS is that of the later beats */
	bool active;
	bool started;      /* first beat issued; the cycle after arbitration is IDLE */
	bool no_bids;      /* known at the first beat: no beat of the op bids for burst owner */
	bool deferring;    /* its beats are counted in @deferred, see above */
	uint16_t beats_left;
	uint16_t deferred; /* beats issued whose effect on the channel is not applied yet */
	uint8_t stride;    /* address step of a deferring op: the size, or 0 at a fixed address */
	bool full;         /* a full piece's op (chan.c, make_full_ops): it ends its DMA burst */
	uint8_t spare[2];
} pl08x_op;
/* No padding: pl08x_quiet_cycles compares the state byte by byte. */
_Static_assert(sizeof(pl08x_op) == 32, "pl08x_op has padding");

typedef struct pl08x_master {
	pl08x_beat addr_phase; /* driven in the current cycle */
	pl08x_beat data_phase; /* in its data phase in the current cycle */
	pl08x_op op;
	bool error_seen;       /* first cycle of a two-cycle ERROR response seen */
	bool idle_known;       /* arbitration found nothing at epoch idle_epoch */
	uint32_t idle_epoch;
} pl08x_master;

/* ---- Peripheral side of a channel: the request being served ---- */
typedef struct pl08x_preq {
	bool active;
	bool last;         /* LBREQ/LSREQ under peripheral flow control */
	bool final;        /* DMAC flow: this request moves the item's last transfers (DMACTC) */
	uint16_t to_issue; /* transfers of this request not yet issued */
	uint16_t to_done;  /* transfers of this request not yet completed */
	uint16_t total;
} pl08x_preq;

/* ---- Arbiter cache (arbiter.c) ----
 * Per channel, the last answer of pl08x_chan_next_op(). It stays true until the channel's
 * state changes, and every such change marks the channel stale (pl08x_touch, pl08x_bump_chan,
 * pl08x_bump), so the arbiters only work out again the channels that moved.
 */
typedef struct pl08x_arb {
	pl08x_op op[PL08X_MAX_CHANNELS];  /* next op of each channel in want */
	uint16_t stale;                   /* channels whose op must be worked out again */
	uint32_t want;                    /* bit n + 8m: channel n has a next op on master m */
} pl08x_arb;

enum pl08x_chan_state {
	PL08X_CHS_IDLE,     /* disabled */
	PL08X_CHS_RUN,      /* moving an item's data */
	PL08X_CHS_LLI,     /* loading the next item */
};

typedef struct pl08x_chan {
	/* programmer's view; src/dst/lli advance as the transfer runs */
	uint32_t src, dst, lli, ctl, cfg;
	/* Control and Configuration decoded when an item starts: they cannot change during it. */
	uint8_t sw, dw, flow, smaster, dmaster, hprot;
	bool si, di;
	uint16_t sbsize, dbsize;
	uint8_t state;
	uint8_t op_master;       /* master running an op of this channel, or PL08X_NO_MASTER */
	uint16_t gen;
	pl08x_fifo fifo;
	uint16_t src_to_issue;   /* DMAC flow: source transfers whose address is not yet issued */
	uint32_t dst_to_issue;   /* DMAC flow: bytes not yet issued to the destination */
	uint16_t sburst_left;    /* memory source: transfers left in the current DMA burst */
	uint16_t dburst_left;    /* memory destination: likewise */
	uint16_t reads_in_flight;
	uint16_t writes_in_flight;
	bool src_last_done;      /* source-controlled flow: the last request has been read */
	bool dst_last_done;      /* destination-controlled flow: the last request has been written */
	pl08x_preq sreq, dreq;
	uint8_t lli_words;       /* LLI words received */
	uint8_t lli_issued;      /* LLI words whose address phase was issued */
	uint32_t lli_buf[4];
	/* Memory to memory: the bytes of a full source or destination piece, whose op is made
	 * when the item starts (pl08x_dev.full); 0 when such pieces would not fit the FIFO. */
	uint8_t full_src_bytes, full_dst_bytes;
	/* 128 bytes in all make &dev->ch[n] a shift; the step works it out at every turn. */
	uint8_t spare[6];
} pl08x_chan;
_Static_assert(sizeof(pl08x_chan) == 128, "pl08x_chan: resize spare[] to keep 128 bytes");

/* The output pins worked out from registers (and the CLR/TC handshake), as the last step left
 * them: they follow a register write only from the next step, so they are kept. The bus pins
 * are not: they are worked out from the masters' address and data phases, which nothing but
 * a step changes (pl08x_ahb_outputs). */
typedef struct pl08x_irq_pins {
	uint16_t clr, tc;
	bool intr, inttc, interr;
	uint8_t spare;
} pl08x_irq_pins;

struct pl08x_dev {
	uint8_t variant;
	uint8_t nchan;
	uint8_t nmasters;
	/* Something the interrupt and CLR/TC outputs are worked out from may have changed (a
	 * register write, a handshake, an item's end, an error): the step works them out
	 * again. Not compared by pl08x_quiet_cycles(), as working out again changes nothing. */
	bool irq_outs_stale;
	uint64_t cycle;
	/* global registers */
	uint32_t config;
	uint32_t sync;           /* 1 = synchroniser bypassed for the line */
	uint32_t raw_tc, raw_err;
	uint16_t soft[4];        /* SoftBReq, SoftSReq, SoftLBReq, SoftLSReq */
	uint32_t itcr, itop1, itop2, itop3;
	/* request interface: two flip-flops per line and kind, then CLR/TC handshake */
	uint16_t sync1[4], sync2[4];
	uint16_t req_hw[4];      /* hardware requests after the synchroniser, this cycle */
	uint16_t clr, tc;        /* DMACCLR/DMACTC, held until the line's request drops */
	bool req_any;            /* some request (pin or software) is up this cycle */
	bool req_idle;           /* sync1, sync2, req_hw, soft and clr all zero (pl08x_req_update_idle) */
	/* The next step may be the quick one (step.c): the last step issued, on each master, a
	 * beat of its deferring op with beats left after it, and the data phase of the next step
	 * is empty or a beat of that op; no request is up or on its way. Written once by a full
	 * step, after its fast beats, and by a quick step that ends an op; read as one byte at
	 * the next step's start (a wider load over separately stored bytes would wait for them
	 * to reach the cache). Cleared by a register write and by a change of the request state
	 * (pl08x_req_update_idle). A cache flag: false is always right, so pl08x_quiet_cycles()
	 * does not compare it. */
	bool quick;
	uint8_t spare;           /* epoch aligned without padding */
	/* Derived state kept for speed; every change that could alter an arbitration result
	 * bumps epoch, and channels whose item may have ended are flagged in touched. */
	uint32_t epoch;
	uint16_t touched;        /* bits 0..7; bits 8..15 see pl08x_touch_busy() */
	uint8_t itc_mask, ie_mask;
	/* The channel (0..5) in the middle of a multi-piece DMA burst, which the arbiters serve
	 * before any other until the burst ends (PL08X_NO_OWNER: none). */
	uint8_t burst_owner;
	uint8_t owner_bids;      /* channels that issued a beat of such a burst in this step */
	pl08x_arb arb;
	pl08x_chan ch[PL08X_MAX_CHANNELS];
	pl08x_master m[PL08X_MASTERS];
	pl08x_irq_pins irq_pins;
	/* Per channel, the ops of a full source and destination piece of its memory-to-memory
	 * item (chan.c, make_full_ops), but for their address: most of its ops are copies. */
	pl08x_op full[PL08X_MAX_CHANNELS][2];
};

enum { PL08X_REQ_B, PL08X_REQ_S, PL08X_REQ_LB, PL08X_REQ_LS };

/* Field helpers on a channel */
static inline unsigned pl08x_width_bytes(unsigned w) { return w > 2 ? 4u : 1u << w; }
static inline unsigned pl08x_bsize_transfers(unsigned b) { return b == 0 ? 1u : 1u << (b + 1); }
/* x / w for a width w of 1, 2 or 4 bytes, without a division */
static inline unsigned pl08x_div_width(unsigned x, unsigned w) { return x >> (w >> 1); }
/* The number of the lowest set bit of @mask (not 0) */
static inline unsigned pl08x_lowest_bit(unsigned mask)
{
#if defined(__GNUC__)
	return (unsigned)__builtin_ctz(mask);
#else
	unsigned n = 0;
	for (; !(mask & 1u); mask >>= 1)
		n++;
	return n;
#endif
}
/* Decoded fields of the running item (see pl08x_chan) */
static inline unsigned pl08x_ch_flow(const pl08x_chan *ch) { return ch->flow; }
static inline unsigned pl08x_ch_sw(const pl08x_chan *ch) { return ch->sw; }
static inline unsigned pl08x_ch_dw(const pl08x_chan *ch) { return ch->dw; }
static inline bool pl08x_ch_enabled(const pl08x_chan *ch) { return PL08X_GET(ch->cfg, PL08X_CCFG_E); }
/* FlowCntrl classes as bit sets over the 8 values: one shift and test each. */
static inline bool pl08x_flow_in(unsigned flow, unsigned set) { return (set >> flow) & 1u; }
static inline bool pl08x_flow_src_periph(unsigned flow) { return pl08x_flow_in(flow, 0xDCu); } /* 2 3 4 6 7 */
static inline bool pl08x_flow_dst_periph(unsigned flow) { return pl08x_flow_in(flow, 0xBAu); } /* 1 3 4 5 7 */
static inline bool pl08x_flow_dmac(unsigned flow) { return flow <= 3; }
static inline bool pl08x_flow_src_ctrl(unsigned flow) { return pl08x_flow_in(flow, 0xC0u); }   /* 6 7 */
static inline bool pl08x_flow_dst_ctrl(unsigned flow) { return pl08x_flow_in(flow, 0x30u); }   /* 4 5 */

/* Something changed that may change what an arbiter picks. */
static inline void pl08x_bump(pl08x_dev *dev)
{
	dev->epoch++;
	dev->arb.stale = (uint16_t)((1u << dev->nchan) - 1u);
}
/* Likewise, when the change is in channel n only. */
static inline void pl08x_bump_chan(pl08x_dev *dev, unsigned n)
{
	dev->epoch++;
	dev->arb.stale = (uint16_t)(dev->arb.stale | (1u << n));
}
/* Channel n may have finished its item: look at it in the next step. */
static inline void pl08x_touch(pl08x_dev *dev, unsigned n)
{
	dev->touched = (uint16_t)(dev->touched | (1u << n));
	pl08x_bump_chan(dev, n);
}

/* Likewise, for channel n whose last beat has just been issued: its item cannot end before
 * that beat completes, which touches it, so the next step need not look at it. Its bit is
 * set above the channels' (which that step clears without a look), as pl08x_quiet_cycles()
 * must still see that this step changed something. */
static inline void pl08x_touch_busy(pl08x_dev *dev, unsigned n)
{
	dev->touched = (uint16_t)(dev->touched | (1u << (n + PL08X_MAX_CHANNELS)));
	pl08x_bump_chan(dev, n);
}

/* chan.c: the channel engine */
void pl08x_chan_enable(pl08x_dev *dev, unsigned n);
void pl08x_chan_disable(pl08x_dev *dev, unsigned n);
void pl08x_chan_fail(pl08x_dev *dev, unsigned n);
bool pl08x_chan_next_op(const pl08x_dev *dev, unsigned n, pl08x_op *op, unsigned *master);
unsigned pl08x_chan_burst_masters(const pl08x_dev *dev, unsigned n);
void pl08x_chan_issue(pl08x_dev *dev, unsigned master, pl08x_beat *beat);
void pl08x_chan_complete(pl08x_dev *dev, unsigned m, const pl08x_beat *beat, uint32_t hrdata);
unsigned pl08x_chan_fast_beat(pl08x_dev *dev, unsigned m, const pl08x_pins_in *in, bool *streaming);
bool pl08x_chan_stream_beat(pl08x_dev *dev, unsigned m, const pl08x_pins_in *in);
void pl08x_chan_end_op(pl08x_dev *dev, unsigned m);
void pl08x_chan_update(pl08x_dev *dev, unsigned n);
bool pl08x_chan_active(const pl08x_chan *ch);
void pl08x_chan_settle(pl08x_dev *dev, unsigned n);
void pl08x_chan_settle_op(pl08x_dev *dev, pl08x_op *op);

/* ahb.c: the master ports */
void pl08x_ahb_capture(pl08x_dev *dev, unsigned m, const pl08x_pins_in *in);
void pl08x_ahb_issue(pl08x_dev *dev, unsigned m);
void pl08x_ahb_arbitrate(pl08x_dev *dev, unsigned m);
void pl08x_ahb_outputs(const pl08x_dev *dev, unsigned m, pl08x_pins_out *out);
void pl08x_ahb_drop_chan(pl08x_dev *dev, unsigned n);

/* step.c */
void pl08x_refresh_outputs(pl08x_dev *dev);
void pl08x_copy_irq_pins(const pl08x_irq_pins *pins, pl08x_pins_out *out);

/* arbiter.c */
bool pl08x_arbitrate(pl08x_dev *dev, unsigned m, pl08x_op *op);

/* request.c: request lines, synchronisers and the CLR/TC handshake */
/* No request pin up: the four request words of the pins, read as one. */
static inline bool pl08x_req_pins_low(const pl08x_pins_in *in)
{
	_Static_assert(offsetof(pl08x_pins_in, lsreq) - offsetof(pl08x_pins_in, breq) == 6 &&
		       offsetof(pl08x_pins_in, sreq) - offsetof(pl08x_pins_in, breq) == 2 &&
		       offsetof(pl08x_pins_in, lbreq) - offsetof(pl08x_pins_in, breq) == 4,
		       "the request words of pl08x_pins_in are not side by side");
	uint64_t pins;

	memcpy(&pins, (const unsigned char *)in + offsetof(pl08x_pins_in, breq), sizeof(pins));
	return !pins;
}

void pl08x_req_sample(pl08x_dev *dev, const pl08x_pins_in *in);
void pl08x_req_latch(pl08x_dev *dev, unsigned n);
void pl08x_req_done(pl08x_dev *dev, unsigned line, bool tc);
void pl08x_req_update_idle(pl08x_dev *dev);
uint16_t pl08x_req_pending(const pl08x_dev *dev, unsigned kind);

/* irq.c */
uint32_t pl08x_irq_tc_masked(const pl08x_dev *dev);
uint32_t pl08x_irq_err_masked(const pl08x_dev *dev);
void pl08x_irq_masks_update(pl08x_dev *dev);
void pl08x_irq_outputs(const pl08x_dev *dev, pl08x_irq_pins *pins);

#endif
