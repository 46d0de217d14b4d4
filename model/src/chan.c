/* The channel engine (TRM 3.5 address generation, 3.6 scatter/gather, 3.8 data flow).
 *
 * A channel moves an item in pieces: a piece is a run of source reads into the FIFO or of
 * destination writes out of it, issued back to back on one master (see ahb.c). Which piece
 * comes next, and how long it is, is decided here; the policy is written down in
 * docs/timing-model.md (sections 2, 5, 6 and 10). The engine never blocks: it only answers "what
 * would you do next" and applies the effects of beats as they are issued and completed.
 */
#include <stddef.h>
#include <string.h>

#include "internal.h"

static unsigned min_u(unsigned a, unsigned b) { return a < b ? a : b; }

static unsigned lli_master(const pl08x_dev *dev, const pl08x_chan *ch)
{
	return dev->nmasters == 1 ? 0 : PL08X_GET(ch->lli, PL08X_LLI_LM);
}

static bool master_big_endian(const pl08x_dev *dev, unsigned m)
{
	/* M2 sits just above M1 */
	return PL08X_GET(dev->config >> m, PL08X_CONFIG_M1);
}

static uint32_t bswap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24);
}

/* Byte lanes: on a little-endian master the byte at address A travels on lane A % 4; on a
 * big-endian (word-invariant) master on lane 3 - A % 4. These turn bus data into bytes in
 * address order (first byte in bits 7..0) and back, for an aligned transfer at @addr. */
static uint32_t lanes_to_bytes(uint32_t data, uint32_t addr, bool big_endian)
{
	return (big_endian ? bswap32(data) : data) >> (8 * (addr & 3u));
}

static uint32_t bytes_to_lanes(uint32_t bytes, uint32_t addr, bool big_endian)
{
	uint32_t data = bytes << (8 * (addr & 3u));
	return big_endian ? bswap32(data) : data;
}

/* lanes_to_bytes() and bytes_to_lanes() of a word at a word address: one and the same. */
static uint32_t word_lanes(uint32_t v, bool big_endian)
{
	return big_endian ? bswap32(v) : v;
}

/* Transfers of one width that fit before the next 1 KB boundary (AHB bursts may not cross). */
static unsigned beats_to_1k(uint32_t addr, unsigned width)
{
	unsigned n = pl08x_div_width(0x400u - (addr & 0x3FFu), width);
	return n ? n : 1;
}

static void make_op(pl08x_op *op, const pl08x_chan *ch, unsigned n, enum pl08x_beat_kind kind,
		    unsigned width, unsigned beats, bool incrementing)
{
	unsigned hprot = ch->hprot, gen = ch->gen, hburst = PL08X_HBURST_INCR;
	bool hlock = PL08X_GET(ch->cfg, PL08X_CCFG_L); /* kept up to date by a Configuration write */

	/* A fixed-length AHB burst when the piece has that length; otherwise one-beat INCR bursts,
	 * each its own NONSEQ: the PL08x never drives HBURST=SINGLE (ARM knowledge articles 3489
	 * and 11898: 15 words at burst 4 are three INCR4 then three INCR of length one). A fixed
	 * address (peripheral FIFO) always uses the one-beat form, since bursts must increment. */
	if (incrementing && beats == 4)
		hburst = PL08X_HBURST_INCR4;
	else if (incrementing && beats == 8)
		hburst = PL08X_HBURST_INCR8;
	else if (incrementing && beats == 16)
		hburst = PL08X_HBURST_INCR16;
	/* Every field is set (the structs have no padding), as the whole state is compared
	 * byte by byte (quiet cycles); one compound literal lets the compiler merge the stores. */
	*op = (pl08x_op){
		.beat = {
			.valid = true,
			.hlock = hlock,
			.htrans = PL08X_HTRANS_NONSEQ,
			.hwrite = kind == PL08X_BEAT_DST,
			.hsize = (uint8_t)(width >> 1), /* 1, 2, 4 bytes: HSIZE 0, 1, 2 */
			.hburst = (uint8_t)hburst,
			.hprot = (uint8_t)hprot,
			.chan = (uint8_t)n,
			.kind = (uint8_t)kind,
			.gen = (uint16_t)gen,
		},
		.active = true,
		.no_bids = n > PL08X_LAST_BURST_OWNER, /* channels 6 and 7 never own a burst */
		.beats_left = (uint16_t)beats,
	};
}

/* ---- Item start and stop ---- */

static void decode_item(const pl08x_dev *dev, pl08x_chan *ch)
{
	bool one_master = dev->nmasters == 1;

	ch->sw = (uint8_t)pl08x_width_bytes(PL08X_GET(ch->ctl, PL08X_CCTL_SWIDTH));
	ch->dw = (uint8_t)pl08x_width_bytes(PL08X_GET(ch->ctl, PL08X_CCTL_DWIDTH));
	ch->flow = (uint8_t)PL08X_GET(ch->cfg, PL08X_CCFG_FLOW);
	ch->smaster = (uint8_t)(one_master ? 0 : PL08X_GET(ch->ctl, PL08X_CCTL_S));
	ch->dmaster = (uint8_t)(one_master ? 0 : PL08X_GET(ch->ctl, PL08X_CCTL_D));
	ch->hprot = (uint8_t)(PL08X_HPROT_DATA | (PL08X_GET(ch->ctl, PL08X_CCTL_PROT) << 1));
	ch->si = PL08X_GET(ch->ctl, PL08X_CCTL_SI);
	ch->di = PL08X_GET(ch->ctl, PL08X_CCTL_DI);
	ch->sbsize = (uint16_t)pl08x_bsize_transfers(PL08X_GET(ch->ctl, PL08X_CCTL_SBSIZE));
	ch->dbsize = (uint16_t)pl08x_bsize_transfers(PL08X_GET(ch->ctl, PL08X_CCTL_DBSIZE));
}

/* The full pieces of a memory-to-memory item: a whole source DMA burst read into a FIFO with
 * room for it, or a whole destination burst written out of one that holds it. When the burst
 * fits the FIFO, such an op is deferred (see defer_if_m2m) and only its address changes from
 * one to the next, so it is made here once and next_op_of_flow() copies it. HLOCK is kept
 * up to date by a Configuration write; gen, HPROT and the widths do not change in an item. */
static void make_full_ops(pl08x_dev *dev, unsigned n)
{
	pl08x_chan *ch = &dev->ch[n];
	pl08x_op *src = &dev->full[n][PL08X_BEAT_SRC], *dst = &dev->full[n][PL08X_BEAT_DST];
	unsigned sw = pl08x_ch_sw(ch), dw = pl08x_ch_dw(ch);
	unsigned sbytes = ch->sbsize * sw, dbytes = ch->dbsize * dw;
	bool m2m = pl08x_ch_flow(ch) == PL08X_FLOW_MEM2MEM;

	make_op(src, ch, n, PL08X_BEAT_SRC, sw, ch->sbsize, ch->si);
	src->deferring = true;
	src->stride = (uint8_t)(ch->si ? sw : 0u);
	make_op(dst, ch, n, PL08X_BEAT_DST, dw, ch->dbsize, ch->di);
	dst->deferring = true;
	dst->stride = (uint8_t)(ch->di ? dw : 0u);
	src->full = dst->full = true;
	/* Words keep their alignment through an item: SWidth and DWidth do not change in it,
	 * and a narrower tail write is never a full piece. */
	src->beat.word_lanes = sw == 4 && !(ch->src & 3u);
	dst->beat.word_lanes = dw == 4 && !(ch->dst & 3u);
	ch->full_src_bytes = (uint8_t)(m2m && sbytes <= PL08X_FIFO_BYTES ? sbytes : 0u);
	ch->full_dst_bytes = (uint8_t)(m2m && dbytes <= PL08X_FIFO_BYTES ? dbytes : 0u);
}

static void start_item(pl08x_dev *dev, unsigned n)
{
	pl08x_chan *ch = &dev->ch[n];
	unsigned ts = PL08X_GET(ch->ctl, PL08X_CCTL_TS);

	decode_item(dev, ch);
	make_full_ops(dev, n);
	ch->state = PL08X_CHS_RUN;
	pl08x_fifo_reset(&ch->fifo);
	ch->src_to_issue = (uint16_t)ts;
	ch->dst_to_issue = ts * pl08x_ch_sw(ch);
	ch->sburst_left = 0;
	ch->dburst_left = 0;
	ch->reads_in_flight = 0;
	ch->writes_in_flight = 0;
	ch->src_last_done = false;
	ch->dst_last_done = false;
	ch->sreq.active = false;
	ch->dreq.active = false;
	ch->lli_words = 0;
	ch->lli_issued = 0;
}

void pl08x_chan_enable(pl08x_dev *dev, unsigned n)
{
	pl08x_chan *ch = &dev->ch[n];

	ch->gen++;
	ch->op_master = PL08X_NO_MASTER;
	pl08x_ahb_drop_chan(dev, n);
	start_item(dev, n);
	pl08x_touch(dev, n);
}

void pl08x_chan_disable(pl08x_dev *dev, unsigned n)
{
	pl08x_chan *ch = &dev->ch[n];

	/* Data in the FIFO is lost; beats already on the bus finish without effect (gen). */
	ch->cfg = PL08X_SET(ch->cfg, PL08X_CCFG_E, 0);
	ch->state = PL08X_CHS_IDLE;
	ch->gen++;
	ch->op_master = PL08X_NO_MASTER;
	pl08x_ahb_drop_chan(dev, n);
	pl08x_fifo_reset(&ch->fifo);
	ch->reads_in_flight = 0;
	ch->writes_in_flight = 0;
	ch->sreq.active = false;
	ch->dreq.active = false;
	if (dev->burst_owner == n)
		dev->burst_owner = PL08X_NO_OWNER;
	pl08x_bump(dev);
}

PL08X_COLD void pl08x_chan_fail(pl08x_dev *dev, unsigned n)
{
	pl08x_chan_disable(dev, n);
	dev->raw_err |= 1u << n;
	dev->irq_outs_stale = true;
}

bool pl08x_chan_active(const pl08x_chan *ch)
{
	return ch->fifo.count + ch->fifo.reserved > 0 || ch->writes_in_flight > 0;
}

/* ---- What the channel would do next ---- */

/* Source transfers that may be issued now, before FIFO room is considered. */
static unsigned src_available(const pl08x_chan *ch, unsigned flow)
{

	if (PL08X_GET(ch->cfg, PL08X_CCFG_H))
		return 0;
	if (pl08x_flow_dmac(flow)) {
		if (pl08x_flow_src_periph(flow))
			return ch->sreq.active ? min_u(ch->sreq.to_issue, ch->src_to_issue) : 0;
		return ch->src_to_issue;
	}
	if (pl08x_flow_src_periph(flow))
		return ch->sreq.active ? ch->sreq.to_issue : 0;
	/* Memory source under destination flow control: read only what the destination's
	 * request still needs beyond what the FIFO holds (no prefetch). */
	if (!ch->dreq.active)
		return 0;
	unsigned need = ch->dreq.to_issue * pl08x_ch_dw(ch);
	unsigned have = ch->fifo.count + ch->fifo.reserved;
	unsigned sw = pl08x_ch_sw(ch);
	return need > have ? pl08x_div_width(need - have + sw - 1, sw) : 0;
}

static bool src_finished(const pl08x_chan *ch, unsigned flow)
{

	if (pl08x_flow_dmac(flow))
		return ch->src_to_issue == 0 && ch->reads_in_flight == 0;
	if (pl08x_flow_src_ctrl(flow))
		return ch->src_last_done && ch->reads_in_flight == 0;
	return false;
}

/* The next destination piece: beats and width, or false when the destination waits. */
static bool dst_piece(const pl08x_chan *ch, unsigned flow, unsigned *beats, unsigned *width)
{
	unsigned dw = pl08x_ch_dw(ch);
	unsigned sw = pl08x_ch_sw(ch);
	unsigned count = ch->fifo.count;
	unsigned limit;

	if (count == 0)
		return false;
	if (pl08x_flow_dst_periph(flow)) {
		if (!ch->dreq.active || ch->dreq.to_issue == 0)
			return false;
		limit = ch->dreq.to_issue;
	} else if (ch->dburst_left) {
		limit = ch->dburst_left;
	} else {
		limit = ch->dbsize;
		if (pl08x_flow_dmac(flow))
			limit = min_u(limit, pl08x_div_width(ch->dst_to_issue, dw));
	}
	unsigned threshold = min_u(limit, pl08x_div_width(PL08X_FIFO_BYTES, dw));
	unsigned n;

	if (threshold && count >= threshold * dw) {
		n = threshold;
	} else {
		/* Less than a burst (or a FIFO) of data: written only when no more is coming. */
		bool finished = src_finished(ch, flow);
		bool stalled = !finished && ch->reads_in_flight == 0 &&
			       (src_available(ch, flow) == 0 || pl08x_fifo_free(&ch->fifo) < sw);

		if ((finished || stalled) && count >= dw && limit) {
			n = min_u(pl08x_div_width(count, dw), limit);
		} else if (finished && count < dw) {
			/* Tail shorter than DWidth: the widest aligned transfers that fit. */
			unsigned w = dw;
			while (w > count || (ch->dst & (w - 1)))
				w >>= 1;
			*beats = 1;
			*width = w;
			return true;
		} else {
			return false;
		}
	}
	if (ch->di)
		n = min_u(n, beats_to_1k(ch->dst, dw));
	*beats = n;
	*width = dw;
	return true;
}

/* ---- Per-op accounting (see pl08x_op) ----
 * Only ops of memory-to-memory channels are deferred. There nothing but the channel's own
 * beats moves the counters that decide its pieces, so an op's beats move them in a fixed
 * way: every beat is issued inside the same source (or destination) DMA burst, with
 * transfers left to issue, and a destination beat never empties the bytes left, as the FIFO
 * never holds more than that. So k beats do k times what one does (issue_src, issue_dst),
 * without the clamps; only the item's last beat clears the DMA burst count, as the one-beat
 * code does when nothing is left. An op is deferred only when none of its beats would bid
 * for burst owner: it is known when the op is made, from the same counters the one-beat
 * code reads after the first beat (burst_needs_another_piece, bids_settled).
 * @kind, @size and @beats are those just given to make_op(), passed again rather than read
 * back from @op, so that each call site's constant kind drops the other kind's code. */
static void defer_if_m2m(pl08x_op *op, const pl08x_chan *ch, unsigned n, unsigned flow,
			 enum pl08x_beat_kind kind, unsigned size, unsigned beats)
{
	unsigned rest = beats - 1u;
	bool bids;

	if (flow != PL08X_FLOW_MEM2MEM)
		return;
	if (kind == PL08X_BEAT_SRC) {
		/* after the first read: the source burst's count, and whether the op covers it */
		unsigned burst = ch->sburst_left ? ch->sburst_left : ch->sbsize;
		unsigned burst_after_first = ch->src_to_issue > 1 ? burst - 1u : 0u;
		bids = ch->dburst_left || burst_after_first > rest;
	} else {
		if (size != pl08x_ch_dw(ch))
			return; /* a narrower tail write: one beat, on the one-beat path */
		unsigned burst = ch->dburst_left ? ch->dburst_left : ch->dbsize;
		unsigned bytes_after_first = ch->dst_to_issue > size ? ch->dst_to_issue - size : 0u;
		unsigned burst_after_first = bytes_after_first < size ? 0u : burst - 1u;
		bids = ch->sburst_left || burst_after_first > rest || bytes_after_first < rest * size;
	}
	if (bids && n <= PL08X_LAST_BURST_OWNER)
		return;
	op->deferring = true;
	op->stride = (uint8_t)((kind == PL08X_BEAT_SRC ? ch->si : ch->di) ? size : 0u);
	op->beat.addr = kind == PL08X_BEAT_SRC ? ch->src : ch->dst;
	op->beat.word_lanes = size == 4 && !(op->beat.addr & 3u);
}

/* A full piece's op (make_full_ops) at the channel's current address. */
static void copy_full_op(const pl08x_dev *dev, unsigned n, enum pl08x_beat_kind kind, uint32_t addr,
			 pl08x_op *op)
{
	memcpy(op, &dev->full[n][kind], sizeof(*op)); /* a block copy, as in pl08x_arbitrate() */
	op->beat.addr = addr;
}

/* Whether @bytes from @addr stay below the next 1 KB boundary (beats_to_1k() of them at least). */
static bool within_1k(uint32_t addr, unsigned bytes)
{
	return (addr & 0x3FFu) + bytes <= 0x400u;
}

/* pl08x_chan_next_op() for a channel that is not in a running item with no op on a bus. */
static bool next_lli_op(const pl08x_dev *dev, unsigned n, pl08x_op *op, unsigned *master)
{
	const pl08x_chan *ch = &dev->ch[n];

	if (ch->op_master != PL08X_NO_MASTER || ch->state != PL08X_CHS_LLI || ch->lli_issued >= 4)
		return false;
	uint32_t addr = (ch->lli & PL08X_LLI_ADDR_MASK) + 4u * ch->lli_issued;
	unsigned beats = 4u - ch->lli_issued;
	*master = lli_master(dev, ch);
	make_op(op, ch, n, PL08X_BEAT_LLI, 4, beats, beats_to_1k(addr, 4) >= beats);
	return true;
}

/* pl08x_chan_next_op() for a channel of flow type @flow: called with a constant for the
 * common memory-to-memory case, so that the compiler drops the other flows' tests there.
 * @full: memory to memory, full pieces copied (make_full_ops); false for the other flows, and
 * to check that the copies are right. */
static inline bool next_op_of_flow(const pl08x_dev *dev, unsigned n, pl08x_op *op, unsigned *master,
				   unsigned flow, bool full)
{
	const pl08x_chan *ch = &dev->ch[n];
	unsigned beats, width;
	/* A running item with no op on a bus, the common case, in one test of the two bytes.
	 * (A channel in an item is enabled: what clears the enable bit ends the item.) */
	static const uint8_t ready[2] = { PL08X_CHS_RUN, PL08X_NO_MASTER };
	_Static_assert(offsetof(pl08x_chan, op_master) == offsetof(pl08x_chan, state) + 1,
		       "pl08x_chan: op_master just after state");

	PL08X_ASSERT(pl08x_ch_enabled(ch) == (ch->state != PL08X_CHS_IDLE));
	if (memcmp(&ch->state, ready, sizeof(ready)))
		return next_lli_op(dev, n, op, master);
	/* A full destination piece, when neither burst is under way and at least a full piece is
	 * left to write: what dst_piece() and defer_if_m2m() give then (its threshold is the
	 * piece, and it bids for nothing). With less in the FIFO while reads are on the way, the
	 * destination waits. */
	unsigned count = ch->fifo.count, full_dst = ch->full_dst_bytes;
	bool no_dst = count == 0; /* what dst_piece() finds first: tested here for a source piece */
	if (full && !no_dst && full_dst && !ch->dburst_left && ch->dst_to_issue >= full_dst) {
		if (count >= full_dst) {
			if (!ch->sburst_left && (!ch->di || within_1k(ch->dst, full_dst))) {
				*master = ch->dmaster;
				copy_full_op(dev, n, PL08X_BEAT_DST, ch->dst, op);
				return true;
			}
		} else {
			no_dst = ch->reads_in_flight > 0;
		}
	}
	if (!no_dst && dst_piece(ch, flow, &beats, &width)) {
		*master = ch->dmaster;
		make_op(op, ch, n, PL08X_BEAT_DST, width, beats,
			ch->di && width == pl08x_ch_dw(ch));
		defer_if_m2m(op, ch, n, flow, PL08X_BEAT_DST, width, beats);
		return true;
	}
	unsigned sw = pl08x_ch_sw(ch), free = pl08x_fifo_free(&ch->fifo);
	/* No room (free / sw is 0), tested first: a full FIFO is the common "nothing" while
	 * reads fly. */
	if (free < sw)
		return false;
	/* A full source piece: room for it, and neither burst under way (then it bids for
	 * nothing), as src_available() and defer_if_m2m() would find. */
	unsigned full_src = ch->full_src_bytes;
	if (full && full_src && free >= full_src &&
	    !ch->sburst_left && !ch->dburst_left && ch->src_to_issue >= ch->sbsize &&
	    !PL08X_GET(ch->cfg, PL08X_CCFG_H) && (!ch->si || within_1k(ch->src, full_src))) {
		*master = ch->smaster;
		copy_full_op(dev, n, PL08X_BEAT_SRC, ch->src, op);
		return true;
	}
	unsigned avail = src_available(ch, flow);
	if (!avail)
		return false;
	beats = min_u(avail, pl08x_div_width(free, sw));
	if (!pl08x_flow_src_periph(flow) && flow != PL08X_FLOW_MEM2PER_PER)
		beats = min_u(beats, ch->sburst_left ? ch->sburst_left : ch->sbsize);
	bool si = ch->si;
	if (si)
		beats = min_u(beats, beats_to_1k(ch->src, sw));
	*master = ch->smaster;
	make_op(op, ch, n, PL08X_BEAT_SRC, sw, beats, si);
	defer_if_m2m(op, ch, n, flow, PL08X_BEAT_SRC, sw, beats);
	return true;
}

PL08X_COLD static bool next_op_of_other_flow(const pl08x_dev *dev, unsigned n, pl08x_op *op,
					     unsigned *master, unsigned flow)
{
	return next_op_of_flow(dev, n, op, master, flow, false);
}

#ifdef PL08X_DEBUG_ASSERT
/* A copied full piece is the op that the general code makes. */
static bool full_op_ok(const pl08x_dev *dev, unsigned n, bool wants, const pl08x_op *op,
		       const unsigned *master)
{
	pl08x_op general;
	unsigned general_master;

	if (!next_op_of_flow(dev, n, &general, &general_master, PL08X_FLOW_MEM2MEM, false))
		return !wants;
	pl08x_op copy = *op;

	copy.full = false; /* only the copies know that they are full pieces */
	return wants && general_master == *master && !memcmp(&general, &copy, sizeof(general));
}
#endif

bool pl08x_chan_next_op(const pl08x_dev *dev, unsigned n, pl08x_op *op, unsigned *master)
{
	unsigned flow = pl08x_ch_flow(&dev->ch[n]);

	if (flow == PL08X_FLOW_MEM2MEM) {
		bool wants = next_op_of_flow(dev, n, op, master, PL08X_FLOW_MEM2MEM, true);
		PL08X_ASSERT(full_op_ok(dev, n, wants, op, master));
		return wants;
	}
	return next_op_of_other_flow(dev, n, op, master, flow);
}

/* Masters on which channel n is in the middle of a DMA burst (memory side: SBSize/DBSize
 * transfers; peripheral side: the request being served), as a bit mask; 0 when none. */
unsigned pl08x_chan_burst_masters(const pl08x_dev *dev, unsigned n)
{
	const pl08x_chan *ch = &dev->ch[n];
	unsigned masters = 0;

	if (ch->sburst_left || (ch->sreq.active && ch->sreq.to_issue < ch->sreq.total))
		masters |= 1u << ch->smaster;
	if (ch->dburst_left || (ch->dreq.active && ch->dreq.to_issue < ch->dreq.total))
		masters |= 1u << ch->dmaster;
	return masters;
}

/* ---- Beats ---- */

/* Whether the DMA burst that @op belongs to still has transfers that @op itself, once the beat
 * being issued is counted, will not issue: only such a burst makes its channel the owner. */
static bool burst_needs_another_piece(const pl08x_chan *ch, const pl08x_op *op)
{
	unsigned flow = pl08x_ch_flow(ch), rest = op->beats_left - 1u;
	unsigned src = pl08x_flow_src_periph(flow) ? (ch->sreq.active ? ch->sreq.to_issue : 0u)
						 : ch->sburst_left;
	unsigned dst = pl08x_flow_dst_periph(flow) ? (ch->dreq.active ? ch->dreq.to_issue : 0u)
						 : ch->dburst_left;

	if (op->beat.kind == PL08X_BEAT_SRC)
		src = src > rest ? src - rest : 0u;
	if (op->beat.kind == PL08X_BEAT_DST)
		dst = dst > rest ? dst - rest : 0u;
	return src || dst;
}

/* Whether, when the first beat of @op did not bid, no later beat of it can; called just
 * after that beat, with @size its size. Only memory-to-memory under DMAC flow is judged,
 * where nothing outside the op moves the counters that burst_needs_another_piece() reads:
 * the other side's DMA burst count is still while the op runs, and this side's drops by one
 * a beat, as the beats left do, so their difference stays 0 until the last beat, unless the
 * count is cut to zero sooner by the end of the item (checked here for the destination; a
 * source op never holds more beats than source transfers are left). */
static bool bids_settled(const pl08x_chan *ch, const pl08x_op *op, unsigned size)
{
	unsigned rest = op->beats_left - 1u;

	if (pl08x_ch_flow(ch) != PL08X_FLOW_MEM2MEM)
		return false;
	if (op->beat.kind == PL08X_BEAT_SRC)
		return true;
	return op->beat.kind == PL08X_BEAT_DST && size == pl08x_ch_dw(ch) &&
	       ch->dst_to_issue >= rest * size;
}

/* The channel's side of a source read; returns its address. */
static uint32_t issue_src(pl08x_chan *ch, unsigned size)
{
	unsigned flow = pl08x_ch_flow(ch);
	uint32_t addr = ch->src;

	if (ch->si)
		ch->src += size;
	ch->fifo.reserved = (uint16_t)(ch->fifo.reserved + size);
	ch->reads_in_flight++;
	if (pl08x_flow_dmac(flow) && ch->src_to_issue)
		ch->src_to_issue--;
	if (pl08x_flow_src_periph(flow)) {
		if (ch->sreq.to_issue)
			ch->sreq.to_issue--;
	} else if (flow != PL08X_FLOW_MEM2PER_PER) {
		if (!ch->sburst_left)
			ch->sburst_left = (uint16_t)ch->sbsize;
		ch->sburst_left--;
		if (!ch->src_to_issue)
			ch->sburst_left = 0;
	}
	return addr;
}

/* The channel's side of a destination write; returns its address, and its data in *wdata. */
static uint32_t issue_dst(const pl08x_dev *dev, unsigned m, pl08x_chan *ch, unsigned size, uint32_t *wdata)
{
	unsigned flow = pl08x_ch_flow(ch);
	bool be = master_big_endian(dev, m);
	uint32_t addr = ch->dst;

	*wdata = bytes_to_lanes(pl08x_fifo_pop(&ch->fifo, size), addr, be);
	if (ch->di)
		ch->dst += size;
	ch->writes_in_flight++;
	ch->dst_to_issue = ch->dst_to_issue > size ? ch->dst_to_issue - size : 0;
	if (pl08x_flow_dst_periph(flow)) {
		if (ch->dreq.to_issue)
			ch->dreq.to_issue--;
	} else if (size == pl08x_ch_dw(ch)) {
		if (!ch->dburst_left)
			ch->dburst_left = (uint16_t)ch->dbsize;
		ch->dburst_left--;
		if (pl08x_flow_dmac(flow) && ch->dst_to_issue < size)
			ch->dburst_left = 0;
	}
	return addr;
}

/* Apply the deferred beats of @op to its channel. @full (a constant at each call): @op is a
 * full piece's op that has just issued its last beat, settled in short: it began with no DMA
 * burst under way on either side and covered a whole burst on its own, so the count of its
 * side ends at zero, whatever settles came in between (those left it at what the op had
 * still to issue), and its deferred count is left as it is (the op ends; nothing settles an
 * op that is not active, and its next op is copied over it whole). */
static inline void settle_deferred(pl08x_dev *dev, pl08x_op *op, bool full)
{
	unsigned k = op->deferred;

	if (!full && !k)
		return;
	/* Everything is loaded before the first store: the counters are uint16_t, as is
	 * op->deferred, so a store to one would make the compiler load the others again. */
	unsigned size = 1u << op->beat.hsize, kind = op->beat.kind;
	uint32_t addr = op->beat.addr;
	pl08x_chan *ch = &dev->ch[op->beat.chan];
	/* The in-flight counts and the reservation may have wrapped below zero meanwhile, as
	 * the deferred beats' data phases completed: unsigned sums come out right. */
	if (kind == PL08X_BEAT_SRC) {
		unsigned burst = ch->sburst_left ? ch->sburst_left : ch->sbsize;
		unsigned to_issue = (uint16_t)(ch->src_to_issue - k);
		unsigned reserved = ch->fifo.reserved + k * size, in_flight = ch->reads_in_flight + k;

		ch->src = addr;
		ch->fifo.reserved = (uint16_t)reserved;
		ch->reads_in_flight = (uint16_t)in_flight;
		ch->src_to_issue = (uint16_t)to_issue;
		ch->sburst_left = (uint16_t)(full || !to_issue ? 0u : burst - k);
	} else {
		unsigned burst = ch->dburst_left ? ch->dburst_left : ch->dbsize;
		uint32_t to_issue = ch->dst_to_issue - k * size;
		unsigned in_flight = ch->writes_in_flight + k;

		ch->dst = addr;
		ch->writes_in_flight = (uint16_t)in_flight;
		ch->dst_to_issue = to_issue;
		ch->dburst_left = (uint16_t)(full || to_issue < size ? 0u : burst - k);
	}
	if (!full)
		op->deferred = 0;
}

void pl08x_chan_settle_op(pl08x_dev *dev, pl08x_op *op)
{
	settle_deferred(dev, op, false);
}

/* Bring channel n's counters up to date, for a reader outside its running op. */
void pl08x_chan_settle(pl08x_dev *dev, unsigned n)
{
	unsigned m = dev->ch[n].op_master;

	if (m != PL08X_NO_MASTER)
		pl08x_chan_settle_op(dev, &dev->m[m].op);
}

/* The op's last beat was issued: the channel is free for the arbiters again. */
static void end_op(pl08x_dev *dev, pl08x_op *op, pl08x_chan *ch, unsigned n)
{
	if (op->full)
		settle_deferred(dev, op, true);
	else
		settle_deferred(dev, op, false);
	op->active = false;
	ch->op_master = PL08X_NO_MASTER;
	pl08x_touch_busy(dev, n);
}

/* One beat of @op issued and deferred: one more in @deferred, one less in @beats_left (at
 * least 1); returns the beats left. Where the two counts share a little-endian word this is
 * one add: the low half's wrap carries the one into the high half. */
static inline unsigned op_count_beat(pl08x_op *op)
{
	PL08X_ASSERT(op->beats_left >= 1);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	_Static_assert(offsetof(pl08x_op, deferred) == offsetof(pl08x_op, beats_left) + 2,
		       "pl08x_op: deferred just above beats_left");
	uint32_t w;

	memcpy(&w, &op->beats_left, sizeof(w));
	w += 0xFFFFu;
	memcpy(&op->beats_left, &w, sizeof(w));
	return (uint16_t)w;
#else
	op->deferred++;
	return --op->beats_left;
#endif
}

/* What the caller of issue_deferred_beat() knows of the op's progress: each answer it
 * knows is a test less where it is inlined. */
enum { ANY_BEAT, FIRST_BEAT, LATER_BEAT };

/* A beat of a deferring op: the address, and the data of a write; nothing else. Returns
 * whether it was the op's last beat, which the caller ends (end_op). @known: ANY_BEAT,
 * FIRST_BEAT or LATER_BEAT (the op is past its first beat). */
static inline bool issue_deferred_beat(pl08x_dev *dev, unsigned m, pl08x_op *op, pl08x_beat *beat,
				       unsigned known)
{
	unsigned n = op->beat.chan;
	pl08x_chan *ch = &dev->ch[n];
	uint32_t addr = op->beat.addr, wdata = 0;

	if (op->beat.hwrite) {
		bool be = master_big_endian(dev, m);

		if (op->beat.word_lanes)
			wdata = word_lanes(pl08x_fifo_pop_word(&ch->fifo), be);
		else
			wdata = bytes_to_lanes(pl08x_fifo_pop(&ch->fifo, 1u << op->beat.hsize), addr, be);
	}
	*beat = op->beat;
	beat->wdata = wdata;
	op->beat.addr = addr + op->stride;
	unsigned left = op_count_beat(op);
	PL08X_ASSERT(known == ANY_BEAT || (known == LATER_BEAT) == op->started);
	if (known == FIRST_BEAT || (known == ANY_BEAT && !op->started)) {
		op->started = true;
		if (op->beat.hburst != PL08X_HBURST_INCR)
			op->beat.htrans = PL08X_HTRANS_SEQ; /* the rest of a fixed-length burst */
#ifdef PL08X_DEBUG_ASSERT
		/* What defer_if_m2m() foresaw: the one-beat code would not let this op bid
		 * (judged with the beat counted in, as the one-beat code does). */
		pl08x_chan_settle_op(dev, op);
		op->beats_left++;
		PL08X_ASSERT(n > PL08X_LAST_BURST_OWNER ||
			     (!burst_needs_another_piece(ch, op) &&
			      bids_settled(ch, op, 1u << op->beat.hsize)));
		op->beats_left--;
#endif
	}
	return left == 0;
}

static void issue_deferred(pl08x_dev *dev, unsigned m, pl08x_op *op, pl08x_beat *beat)
{
	if (issue_deferred_beat(dev, m, op, beat, ANY_BEAT))
		end_op(dev, op, &dev->ch[op->beat.chan], op->beat.chan);
}

void pl08x_chan_issue(pl08x_dev *dev, unsigned m, pl08x_beat *beat)
{
	pl08x_op *op = &dev->m[m].op;

	if (op->deferring) {
		issue_deferred(dev, m, op, beat);
		return;
	}
	unsigned n = op->beat.chan, kind = op->beat.kind, size = 1u << op->beat.hsize;
	pl08x_chan *ch = &dev->ch[n];
	uint32_t addr = 0, wdata = 0;
	unsigned lli_word = 0;

	/* The beat's own fields are worked out in locals and stored last: a byte store may
	 * alias anything, and would make the compiler reload the channel after each one. */
	switch (kind) {
	case PL08X_BEAT_SRC:
		addr = issue_src(ch, size);
		break;
	case PL08X_BEAT_DST:
		addr = issue_dst(dev, m, ch, size, &wdata);
		break;
	case PL08X_BEAT_LLI:
		lli_word = ch->lli_issued;
		ch->lli_issued = (uint8_t)(lli_word + 1);
		addr = (ch->lli & PL08X_LLI_ADDR_MASK) + 4u * lli_word;
		ch->reads_in_flight++;
		break;
	}
	*beat = op->beat;
	beat->lli_word = (uint8_t)lli_word;
	beat->addr = addr;
	beat->wdata = wdata;
	PL08X_ASSERT(!op->no_bids || n > PL08X_LAST_BURST_OWNER || !burst_needs_another_piece(ch, op));
	if (!op->no_bids) {
		if (burst_needs_another_piece(ch, op))
			dev->owner_bids = (uint8_t)(dev->owner_bids | (1u << n));
		else if (!op->started)
			op->no_bids = bids_settled(ch, op, size);
	}
	if (!op->started) {
		op->started = true;
		if (op->beat.hburst != PL08X_HBURST_INCR)
			op->beat.htrans = PL08X_HTRANS_SEQ; /* the rest of a fixed-length burst */
		/* defer_if_m2m() lets no op by that could have been deferred */
		PL08X_ASSERT(!op->no_bids || op->beats_left < 2 || pl08x_ch_flow(ch) != PL08X_FLOW_MEM2MEM ||
			     kind == PL08X_BEAT_LLI || (kind == PL08X_BEAT_DST && size != pl08x_ch_dw(ch)));
	}
	/* Only the op's last beat bumps: before it no arbitration can answer differently.
	 * While op_master is set the channel's own answer is "no op", no other channel's
	 * answer reads this channel, and as an owner it keeps its claim (op_master set) on
	 * burst masters that a beat can add to but not take from. */
	if (--op->beats_left == 0)
		end_op(dev, op, ch, n);
}

static void side_request_done(pl08x_dev *dev, pl08x_preq *req, unsigned line, bool *last_done)
{
	if (--req->to_done)
		return;
	req->active = false;
	if (req->last)
		*last_done = true;
	pl08x_req_done(dev, line, req->final);
}

/* The data of source read @beat, completed on master @m with @hrdata, into the FIFO of its
 * channel @ch. Loaded before any store, for the reason given in pl08x_chan_issue(). */
static inline void complete_read_data(pl08x_dev *dev, unsigned m, pl08x_chan *ch,
				      const pl08x_beat *beat, uint32_t hrdata)
{
	bool be = master_big_endian(dev, m);

	if (beat->word_lanes) {
		ch->reads_in_flight--;
		ch->fifo.reserved = (uint16_t)(ch->fifo.reserved - 4u);
		pl08x_fifo_push_word(&ch->fifo, word_lanes(hrdata, be));
		return;
	}
	unsigned size = 1u << beat->hsize;
	uint32_t addr = beat->addr;

	ch->reads_in_flight--;
	ch->fifo.reserved = (uint16_t)(ch->fifo.reserved - size);
	pl08x_fifo_push(&ch->fifo, lanes_to_bytes(hrdata, addr, be), size);
}

void pl08x_chan_complete(pl08x_dev *dev, unsigned m, const pl08x_beat *beat, uint32_t hrdata)
{
	/* Loaded before any store, for the reason given in pl08x_chan_issue(); what only one
	 * kind of beat needs is loaded in its branch, once, before that branch's stores. */
	unsigned n = beat->chan, kind = beat->kind;
	pl08x_chan *ch = &dev->ch[n];
	unsigned flow = pl08x_ch_flow(ch);

	if (beat->gen != ch->gen)
		return;
	/* While an op of the channel runs, its item cannot end and no arbitration can answer
	 * differently (see pl08x_chan_issue); a request that ends bumps all (pl08x_req_done). */
	if (ch->op_master == PL08X_NO_MASTER)
		pl08x_touch(dev, n);
	/* Tested in the order of their frequency: reads, writes, LLI words. */
	if (kind == PL08X_BEAT_SRC) {
		/* A read of the current generation completes on the master it was issued on,
		 * the item's source master (m, a constant where this is inlined). */
		PL08X_ASSERT(ch->smaster == m);
		complete_read_data(dev, m, ch, beat, hrdata);
		/* TransferSize counts the source transfers not yet read, in place: TS is the
		 * low field, so while it is not zero the decrement stays inside it. Memory to
		 * memory, the common case, is tested first: one test instead of two flow tests. */
		if (flow == PL08X_FLOW_MEM2MEM) {
			if (PL08X_GET(ch->ctl, PL08X_CCTL_TS))
				ch->ctl--;
		} else {
			if (pl08x_flow_dmac(flow) && PL08X_GET(ch->ctl, PL08X_CCTL_TS))
				ch->ctl--;
			if (pl08x_flow_src_periph(flow) && ch->sreq.active)
				side_request_done(dev, &ch->sreq, PL08X_GET(ch->cfg, PL08X_CCFG_SRC_PERIPH),
						  &ch->src_last_done);
		}
	} else if (kind == PL08X_BEAT_DST) {
		ch->writes_in_flight--;
		if (flow != PL08X_FLOW_MEM2MEM && pl08x_flow_dst_periph(flow) && ch->dreq.active)
			side_request_done(dev, &ch->dreq, PL08X_GET(ch->cfg, PL08X_CCFG_DEST_PERIPH),
					  &ch->dst_last_done);
	} else {
		unsigned lli_word = beat->lli_word;

		ch->reads_in_flight--;
		ch->lli_buf[lli_word & 3] = hrdata;
		ch->lli_words++;
	}
}

/* What pl08x_chan_complete() does with a data phase @beat of a memory-to-memory channel
 * @ch, but for the generation test and the touch: its read data into the FIFO and the
 * TransferSize count, or one write less in flight. */
static inline void complete_m2m_data(pl08x_dev *dev, unsigned m, pl08x_chan *ch, const pl08x_beat *beat,
				     uint32_t hrdata)
{
	PL08X_ASSERT(pl08x_ch_flow(ch) == PL08X_FLOW_MEM2MEM);
	if (beat->kind == PL08X_BEAT_SRC) {
		PL08X_ASSERT(ch->smaster == m);
		complete_read_data(dev, m, ch, beat, hrdata);
		if (PL08X_GET(ch->ctl, PL08X_CCTL_TS))
			ch->ctl--;
	} else {
		ch->writes_in_flight--;
	}
}

/* Master m's data phase, a beat of its running op (a deferring memory-to-memory op),
 * completed in short: the channel runs an op (no touch), its flow is memory to memory, and a
 * read came in on its source master, m. */
static inline void complete_own_beat(pl08x_dev *dev, unsigned m, const pl08x_pins_in *in)
{
	pl08x_master *port = &dev->m[m];
	pl08x_beat *dp = &port->data_phase;
	pl08x_chan *ch = &dev->ch[port->op.beat.chan];

	PL08X_ASSERT(dp->gen == ch->gen && ch->op_master == m);
	port->error_seen = false;
	complete_m2m_data(dev, m, ch, dp, in->hrdata[m]);
}

/* pl08x_chan_complete() of a data phase of a deferring op (word_lanes set): the flow is
 * memory to memory. Most come here after their op ended (its last two beats). */
static inline void complete_deferred(pl08x_dev *dev, unsigned m, const pl08x_beat *beat, uint32_t hrdata)
{
	unsigned n = beat->chan;
	pl08x_chan *ch = &dev->ch[n];

	if (beat->gen != ch->gen)
		return;
	bool no_op = ch->op_master == PL08X_NO_MASTER;
	complete_m2m_data(dev, m, ch, beat, hrdata);
	/* pl08x_chan_complete()'s touch, its flag only where pl08x_chan_update() could act:
	 * nothing of the channel left on a bus. Until the step looks (after both captures,
	 * before any issue) that count only falls, and a completion that ends it flags. */
	if (no_op) {
		pl08x_bump_chan(dev, n);
		if (!(ch->reads_in_flight | ch->writes_in_flight))
			dev->touched = (uint16_t)(dev->touched | (1u << n));
	}
}

/* Master m's capture when both masters' HREADY is high and neither ends a data phase with
 * ERROR (the caller tests it), the common case, and in the common step of a master running
 * a memory-to-memory op also its issue. Returns 1 when the data phase was completed and the
 * address phase moved on (pl08x_ahb_issue runs as usual), 2 when the op's next beat was
 * issued too or the master has no op (nothing to issue), 3 when that was the op's last
 * beat: the op then ends at the master's issue (pl08x_chan_end_op), as it would have, after
 * the item checks of this step.
 * The op's beat is issued here when the op is deferring: past its first beat in short (no
 * halt test, no HTRANS change), its first beat after the capture of a data phase. Issuing
 * early, before the other master's capture, the item checks and (master 1) master 0's
 * issue, changes nothing: those never read or change a running op of another channel, its
 * FIFO pop commutes with a push of the other master (whole bytes, count enough for the
 * pop), a halt or enable bit does not change inside a step, and the op stays active until
 * the issue slot (only an ERROR on the other master could drop it, a failed channel being
 * disabled).
 * A data phase of the op's own channel, kind and generation (most are) completes in short
 * (complete_own_beat).
 * Every return sets *@streaming: whether the master streams into the next step (what
 * pl08x_dev.quick asks of each master). */
unsigned pl08x_chan_fast_beat(pl08x_dev *dev, unsigned m, const pl08x_pins_in *in, bool *streaming)
{
	pl08x_master *port = &dev->m[m];
	pl08x_op *op = &port->op;
	pl08x_beat *dp = &port->data_phase;
	/* active, started and deferring (no_bids, between them, either way) in one test */
	_Static_assert(offsetof(pl08x_op, started) == offsetof(pl08x_op, active) + 1 &&
		       offsetof(pl08x_op, no_bids) == offsetof(pl08x_op, active) + 2 &&
		       offsetof(pl08x_op, deferring) == offsetof(pl08x_op, active) + 3 && sizeof(bool) == 1,
		       "pl08x_op: active, started, no_bids, deferring side by side");
	static const uint8_t fast_op[4] = { 1, 1, 0, 1 }, fast_mask[4] = { 0xFF, 0xFF, 0, 0xFF };
	uint32_t flags, want, mask;

	memcpy(&flags, &op->active, sizeof(flags));
	memcpy(&want, fast_op, sizeof(want));
	memcpy(&mask, fast_mask, sizeof(mask));
	uint32_t config = dev->config; /* a completion does not change it */
	if ((flags & mask) != want || !PL08X_GET(config, PL08X_CONFIG_E)) {
		/* What pl08x_ahb_capture() does with HREADY high and no ERROR. */
		if (dp->valid) {
			port->error_seen = false;
			if (dp->kind != PL08X_BEAT_LLI && dp->word_lanes)
				complete_deferred(dev, m, dp, in->hrdata[m]);
			else
				pl08x_chan_complete(dev, m, dp, in->hrdata[m]);
		}
		*dp = port->addr_phase;
		/* The first beat of a deferring op, unless a halt set during the arbitration
		 * cycle stops a source op before it (pl08x_ahb_issue drops the op then). */
		if (op->active && op->deferring && PL08X_GET(config, PL08X_CONFIG_E) &&
		    !(op->beat.kind == PL08X_BEAT_SRC && PL08X_GET(dev->ch[op->beat.chan].cfg, PL08X_CCFG_H))) {
			/* An op's first beat follows its arbitration's IDLE: the next data phase
			 * is empty. */
			PL08X_ASSERT(!op->started && !dp->valid);
			bool last = issue_deferred_beat(dev, m, op, &port->addr_phase, FIRST_BEAT);
			*streaming = !last;
			return last ? 3u : 2u;
		}
		port->addr_phase = (pl08x_beat){ 0 };
		*streaming = false;
		return op->active ? 1u : 2u; /* without an op, pl08x_ahb_issue() does nothing */
	}
	_Static_assert(offsetof(pl08x_beat, gen) + sizeof(uint16_t) - offsetof(pl08x_beat, valid) == 6,
		       "valid, chan, kind, lli_word and gen side by side");
	if (memcmp(&dp->valid, &op->beat.valid, 6) == 0) {
		complete_own_beat(dev, m, in);
	} else if (dp->valid) {
		port->error_seen = false;
		pl08x_chan_complete(dev, m, dp, in->hrdata[m]);
	}
	*dp = port->addr_phase;
	bool last = issue_deferred_beat(dev, m, op, &port->addr_phase, LATER_BEAT);
	*streaming = !last;
	return last ? 3u : 2u;
}

/* The quick step's half for master m (step.c): pl08x_chan_fast_beat() where the op is known
 * to be running past its first beat and the data phase to be empty or a beat of that op
 * (pl08x_dev.quick). Returns whether that was the op's last beat, as issue_deferred_beat(). */
bool pl08x_chan_stream_beat(pl08x_dev *dev, unsigned m, const pl08x_pins_in *in)
{
	pl08x_master *port = &dev->m[m];
	pl08x_op *op = &port->op;
	pl08x_beat *dp = &port->data_phase;

	PL08X_ASSERT(op->active && op->started && op->deferring && PL08X_GET(dev->config, PL08X_CONFIG_E));
	PL08X_ASSERT(!dp->valid || memcmp(&dp->valid, &op->beat.valid, 6) == 0);
	if (dp->valid)
		complete_own_beat(dev, m, in);
	*dp = port->addr_phase;
	return issue_deferred_beat(dev, m, op, &port->addr_phase, LATER_BEAT);
}

/* The end of an op whose last beat pl08x_chan_fast_beat() issued. */
void pl08x_chan_end_op(pl08x_dev *dev, unsigned m)
{
	pl08x_op *op = &dev->m[m].op;

	end_op(dev, op, &dev->ch[op->beat.chan], op->beat.chan);
}

/* ---- End of an item ---- */

/* Whether a running item whose beats are all done (pl08x_chan_update) is complete. */
static bool item_done(const pl08x_chan *ch)
{
	if (pl08x_flow_dst_ctrl(pl08x_ch_flow(ch)))
		return ch->dst_last_done;
	return src_finished(ch, pl08x_ch_flow(ch)) && ch->fifo.count == 0 && ch->fifo.reserved == 0;
}

PL08X_COLD static void load_next_item(pl08x_dev *dev, pl08x_chan *ch)
{
	uint32_t lli = ch->lli_buf[2] & ~2u;
	uint32_t ctl = ch->lli_buf[3];

	if (dev->nmasters == 1) {
		lli = PL08X_SET(lli, PL08X_LLI_LM, 0);
		ctl = PL08X_SET(PL08X_SET(ctl, PL08X_CCTL_S, 0), PL08X_CCTL_D, 0);
	}
	ch->src = ch->lli_buf[0];
	ch->dst = ch->lli_buf[1];
	ch->lli = lli;
	ch->ctl = ctl;
	start_item(dev, (unsigned)(ch - dev->ch));
	pl08x_touch(dev, (unsigned)(ch - dev->ch));
}

/* The item is complete: TC status, then the next LLI item or the channel's end. */
PL08X_COLD static void end_item(pl08x_dev *dev, pl08x_chan *ch, unsigned n)
{
	pl08x_bump(dev);
	if (PL08X_GET(ch->ctl, PL08X_CCTL_I)) {
		dev->raw_tc |= 1u << n;
		dev->irq_outs_stale = true;
	}
	if (ch->lli & PL08X_LLI_ADDR_MASK) {
		ch->state = PL08X_CHS_LLI;
		ch->lli_words = 0;
		ch->lli_issued = 0;
	} else {
		ch->cfg = PL08X_SET(ch->cfg, PL08X_CCFG_E, 0);
		ch->state = PL08X_CHS_IDLE;
	}
}

void pl08x_chan_update(pl08x_dev *dev, unsigned n)
{
	pl08x_chan *ch = &dev->ch[n];

	/* Whatever the flow, an item or an LLI load can only end once nothing of it is on a bus
	 * or running: tested first, as it is the common answer. (An LLI load issues no writes,
	 * and its words can all be in only after its op ended: no op follows the fourth word.) */
	if (ch->op_master != PL08X_NO_MASTER || (ch->reads_in_flight | ch->writes_in_flight) ||
	    !pl08x_ch_enabled(ch))
		return;
	if (ch->state == PL08X_CHS_LLI) {
		if (ch->lli_words == 4)
			load_next_item(dev, ch);
		return;
	}
	if (ch->state == PL08X_CHS_RUN && item_done(ch))
		end_item(dev, ch, n);
}
