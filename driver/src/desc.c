/* desc.c - descriptors and the LLI builder.
 *
 * A descriptor owns one block of the osal LLI pool and describes its whole transfer as LLI
 * items there (16 bytes each, 16-byte aligned: an item never straddles a 1 KB page, so its
 * load is one INCR4). The first item is also written into the channel registers at start.
 *
 * Rules every item obeys (TRM 3.4, 3.5):
 * - TransferSize counts source-width transfers, at most 4095;
 * - the source address is aligned to SWidth, the destination to DWidth;
 * - its byte count is a multiple of both widths (the hardware's behaviour otherwise is not
 *   documented), so the FIFO packs and unpacks whole transfers;
 * - a peripheral side uses the peripheral's width and burst and does not increment.
 * The controller itself splits AHB bursts at 1 KB boundaries, so data items need no 1 KB split.
 * At the end the builder checks that the items add up to the bytes asked for, links them
 * (next = 0 on the last; back to the first for cyclic), and sets I where an interrupt is due.
 */
#include "dmac_priv.h"

/* ---- descriptor pool ------------------------------------------------------------------------ */

struct dmac_desc *dmac_desc_get(struct dmac_chan *c)
{
	struct dmac_dev *d = c->dev;
	struct dmac_desc *desc;
	osal_irqflags f;

	osal_lock_irqsave(&d->lock, &f);
	desc = dmac_first_desc(&d->free_descs);
	if (desc)
		dmac_list_del(&desc->node);
	osal_unlock_irqrestore(&d->lock, f);
	if (!desc)
		return NULL;

	desc->lli = osal_lli_alloc(d->od, &desc->lli_bus);
	if (!desc->lli) {
		osal_lock_irqsave(&d->lock, &f);
		dmac_list_add_tail(&desc->node, &d->free_descs);
		osal_unlock_irqrestore(&d->lock, f);
		return NULL;
	}
	desc->chan = c;
	desc->cookie = 0;
	desc->flags = 0;
	desc->callback = NULL;
	desc->callback_arg = NULL;
	desc->n_lli = 0;
	desc->ccfg = 0;
	desc->len = 0;
	desc->cyclic = false;
	desc->failed = false;
	desc->acked = false;
	desc->retired = false;
	desc->residue_at_fail = 0;
	desc->periods_due = 0;
	desc->memcpy_src = desc->memcpy_dst = 0;
	return desc;
}

void dmac_desc_put(struct dmac_desc *desc)
{
	struct dmac_dev *d = desc->chan->dev;
	osal_irqflags f;

	osal_lli_free(d->od, desc->lli, desc->lli_bus);
	desc->lli = NULL;
	osal_lock_irqsave(&d->lock, &f);
	dmac_list_add_tail(&desc->node, &d->free_descs);
	osal_unlock_irqrestore(&d->lock, f);
}

void dmac_desc_release(struct dmac_desc *desc)
{
	struct dmac_chan *c = desc->chan;
	struct osal_dev *od = c->dev->od;
	bool free_now;
	osal_irqflags f;

	if (!c->slave && !(desc->flags & DMAC_PREP_SKIP_UNMAP)) {
#ifndef DMAC_BUG_MISSING_UNMAP          /* BUG (test variant): the source stays mapped */
		osal_dma_unmap(od, desc->memcpy_src, desc->len, OSAL_DMA_TO_DEVICE);
#endif
#ifdef DMAC_BUG_DOUBLE_UNMAP            /* BUG (test variant): the source unmapped twice */
		osal_dma_unmap(od, desc->memcpy_src, desc->len, OSAL_DMA_TO_DEVICE);
#endif
		osal_dma_unmap(od, desc->memcpy_dst, desc->len, OSAL_DMA_FROM_DEVICE);
	}
	osal_lock_irqsave(&c->lock, &f);
	free_now = desc->acked;
	if (!free_now) {
		desc->retired = true;
		dmac_list_add_tail(&desc->node, &c->retired);
	}
	osal_unlock_irqrestore(&c->lock, f);
	if (free_now)
		dmac_desc_put(desc);
}

void dmac_desc_ack(struct dmac_desc *desc)
{
	struct dmac_chan *c = desc->chan;
	bool free_now;
	osal_irqflags f;

	osal_lock_irqsave(&c->lock, &f);
	desc->acked = true;
	free_now = desc->retired;
	if (free_now)
		dmac_list_del(&desc->node);
	osal_unlock_irqrestore(&c->lock, f);
	if (free_now)
		dmac_desc_put(desc);
}

void dmac_desc_set_callback(struct dmac_desc *desc, dmac_callback cb, void *arg)
{
	desc->callback = cb;
	desc->callback_arg = arg;
}

/* ---- LLI builder ---------------------------------------------------------------------------- */

/* SWidth/DWidth encoding of a width in bytes (1, 2, 4) */
static unsigned dmac_width_code(unsigned bytes)
{
	return bytes == 4 ? 2u : bytes == 2 ? 1u : 0u;
}

/* SBSize/DBSize encoding of a burst in transfers, rounded down to 1, 4, 8, ... 256 */
static unsigned dmac_bsize_code(unsigned burst)
{
	unsigned code = 0;

	if (burst >= 4)
		for (code = 1; code < 7 && (4u << code) <= burst; code++)
			;
	return code;
}

uint32_t dmac_item_bytes(uint32_t ctl)
{
	return DMAC_GET(ctl, DMAC_CCTL_TS) << DMAC_GET(ctl, DMAC_CCTL_SWIDTH);
}

/* Widest width <= @max that @addr is aligned to and that @bytes is a multiple of */
static unsigned dmac_fit_width(uint32_t addr, uint32_t bytes, unsigned max)
{
	unsigned w = max;

	while (w > 1 && ((addr & (w - 1u)) || (bytes & (w - 1u))))
		w >>= 1;
	return w;
}

/**
 * struct dmac_side - one end of a transfer as the builder sees it
 * @addr: next address; @inc: increments (memory); @master: AHB master; @width: fixed width in
 *   bytes for a peripheral, 0 for memory (chosen per item); @bsize: SBSize/DBSize code
 */
struct dmac_side {
	uint32_t addr;
	bool inc;
	unsigned master;
	unsigned width;
	unsigned bsize;
};

/**
 * struct dmac_build - a descriptor's items being built
 * @desc: the descriptor; @max: items its block holds; @bytes: bytes encoded so far
 * @overflow: an item did not fit
 */
struct dmac_build {
	struct dmac_desc *desc;
	unsigned max;
	uint32_t bytes;
	bool overflow;
};

static void dmac_build_item(struct dmac_build *b, const struct dmac_side *src,
			    const struct dmac_side *dst, uint32_t bytes, unsigned sw, unsigned dw)
{
	struct dmac_desc *desc = b->desc;
	uint32_t *item;

	if (desc->n_lli == b->max) {
		b->overflow = true;
		return;
	}
	item = desc->lli + DMAC_LLI_WORDS * desc->n_lli++;
	item[DMAC_LLI_SRC] = src->addr;
	item[DMAC_LLI_DST] = dst->addr;
	item[DMAC_LLI_NEXT] = 0;
	item[DMAC_LLI_CTL] = DMAC_VAL(DMAC_CCTL_TS, bytes / sw) |
			     DMAC_VAL(DMAC_CCTL_SBSIZE, src->bsize) |
			     DMAC_VAL(DMAC_CCTL_DBSIZE, dst->bsize) |
			     DMAC_VAL(DMAC_CCTL_SWIDTH, dmac_width_code(sw)) |
			     DMAC_VAL(DMAC_CCTL_DWIDTH, dmac_width_code(dw)) |
			     DMAC_VAL(DMAC_CCTL_S, src->master) |
			     DMAC_VAL(DMAC_CCTL_D, dst->master) |
			     DMAC_VAL(DMAC_CCTL_SI, src->inc) |
			     DMAC_VAL(DMAC_CCTL_DI, dst->inc);
	b->bytes += bytes;
}

/*
 * Items for @len bytes from @src to @dst. A memory side takes the widest width (up to
 * @mem_max) its address and the remaining length allow; while the source is not aligned to
 * @mem_max, an item stops where it becomes aligned, so the bulk runs at full width.
 */
static void dmac_build_run(struct dmac_build *b, struct dmac_side *src, struct dmac_side *dst,
			   uint32_t len, unsigned mem_max)
{
	while (len && !b->overflow) {
		uint32_t limit = len;
		unsigned sw, dw, unit;
		uint32_t bytes;

		/* A memory source off @mem_max alignment: stop where it becomes aligned, if the
		 * destination's fixed width allows an item of that length */
		if (!src->width && (src->addr & (mem_max - 1u))) {
			uint32_t head = mem_max - (src->addr & (mem_max - 1u));

			if (head < len && (!dst->width || head % dst->width == 0))
				limit = head;
		}
		sw = src->width ? src->width : dmac_fit_width(src->addr, limit < mem_max ? limit : mem_max, mem_max);
		dw = dst->width ? dst->width : dmac_fit_width(dst->addr, limit < mem_max ? limit : mem_max, mem_max);
		unit = sw > dw ? sw : dw;
		bytes = limit < DMAC_TS_MAX * sw ? limit : DMAC_TS_MAX * sw;
		bytes -= bytes % unit;
		if (!bytes) {
			b->overflow = true;     /* cannot happen: both widths fit in the limit */
			return;
		}
		dmac_build_item(b, src, dst, bytes, sw, dw);
		if (src->inc)
			src->addr += bytes;
		if (dst->inc)
			dst->addr += bytes;
		len -= bytes;
	}
}

/* Link the items, set I on the last one, check the total */
static bool dmac_build_finish(struct dmac_build *b, uint32_t want, bool cyclic)
{
	struct dmac_desc *desc = b->desc;
	struct dmac_dev *d = desc->chan->dev;
	uint32_t lm = DMAC_VAL(DMAC_LLI_LM, d->pf.lli_master);
	uint32_t total = 0;

	if (b->overflow || !desc->n_lli || b->bytes != want)
		return false;
	for (unsigned k = 0; k < desc->n_lli; k++) {
		uint32_t *item = desc->lli + DMAC_LLI_WORDS * k;
		bool last = k + 1 == desc->n_lli;

		if (!last)
			item[DMAC_LLI_NEXT] = (desc->lli_bus + 16u * (k + 1)) | lm;
		else if (cyclic)
			item[DMAC_LLI_NEXT] = desc->lli_bus | lm;
		if (last)
			item[DMAC_LLI_CTL] |= DMAC_VAL(DMAC_CCTL_I, 1);
		total += dmac_item_bytes(item[DMAC_LLI_CTL]);
	}
	/* The encoded TransferSizes must give back exactly the bytes asked for */
	if (total != want)
		return false;
	desc->len = want;
	desc->cyclic = cyclic;
	desc->ccfg |= DMAC_VAL(DMAC_CCFG_IE, 1) | DMAC_VAL(DMAC_CCFG_ITC, 1);
	return true;
}

static struct dmac_desc *dmac_build_begin(struct dmac_chan *c, unsigned flags, struct dmac_build *b)
{
	struct dmac_desc *desc = dmac_desc_get(c);

	if (!desc)
		return NULL;
	desc->flags = flags;
	desc->acked = (flags & DMAC_CTRL_ACK) != 0;
	b->desc = desc;
	b->max = osal_lli_block_items(c->dev->od);
	b->bytes = 0;
	b->overflow = false;
	return desc;
}

static struct dmac_desc *dmac_build_end(struct dmac_build *b, bool ok)
{
	if (ok)
		return b->desc;
	dmac_desc_put(b->desc);
	return NULL;
}

/* ---- prep ----------------------------------------------------------------------------------- */

static unsigned dmac_lowest_master(unsigned mask)
{
	return (mask & 1u) ? 0u : 1u;
}

static unsigned dmac_highest_master(unsigned mask)
{
	return (mask & 2u) ? 1u : 0u;
}

struct dmac_desc *dmac_prep_memcpy(struct dmac_chan *c, osal_dma_addr dst, osal_dma_addr src,
				   uint32_t len, unsigned flags)
{
	struct dmac_dev *d = c->dev;
	unsigned bsize = dmac_bsize_code(d->pf.memcpy_burst);
#if defined(DMAC_BUG_WRONG_DIRECTION)
	/* BUG (test variant): source and destination swapped in the items */
	struct dmac_side s = { dst, true, dmac_lowest_master(d->pf.mem_masters), 0, bsize };
	struct dmac_side t = { src, true, dmac_highest_master(d->pf.mem_masters), 0, bsize };
#elif defined(DMAC_BUG_OUTSIDE_MAPPING)
	/* BUG (test variant): the destination one word too far, so the copy runs past its end */
	struct dmac_side s = { src, true, dmac_lowest_master(d->pf.mem_masters), 0, bsize };
	struct dmac_side t = { dst + 4u, true, dmac_highest_master(d->pf.mem_masters), 0, bsize };
#else
	struct dmac_side s = { src, true, dmac_lowest_master(d->pf.mem_masters), 0, bsize };
	struct dmac_side t = { dst, true, dmac_highest_master(d->pf.mem_masters), 0, bsize };
#endif
	struct dmac_build b;
	struct dmac_desc *desc;

	if (c->slave || !len)
		return NULL;
	desc = dmac_build_begin(c, flags, &b);
	if (!desc)
		return NULL;
	desc->memcpy_src = src;
	desc->memcpy_dst = dst;
	desc->ccfg = DMAC_VAL(DMAC_CCFG_FLOW, DMAC_FLOW_MEM2MEM);
	dmac_build_run(&b, &s, &t, len, d->pf.memcpy_width);
	return dmac_build_end(&b, dmac_build_finish(&b, len, false));
}

/* The two sides of a slave transfer from the channel's configuration; false if impossible */
static bool dmac_slave_sides(struct dmac_chan *c, enum dmac_dir dir, struct dmac_side *mem,
			     struct dmac_side *per)
{
	struct dmac_dev *d = c->dev;
	unsigned mem_mask = d->pf.mem_masters;
	osal_irqflags f;
	struct dmac_slave_config cfg;
	bool configured;

	osal_lock_irqsave(&c->lock, &f);
	cfg = c->cfg;
	configured = c->configured;
	osal_unlock_irqrestore(&c->lock, f);
	if (!c->slave || !configured || (dir != DMAC_DEV_TO_MEM && dir != DMAC_MEM_TO_DEV))
		return false;

	per->inc = false;
	per->master = c->periph_master;
	per->addr = dir == DMAC_DEV_TO_MEM ? cfg.src_addr : cfg.dst_addr;
	per->width = dir == DMAC_DEV_TO_MEM ? cfg.src_width : cfg.dst_width;
	per->bsize = dmac_bsize_code(dir == DMAC_DEV_TO_MEM ? cfg.src_maxburst : cfg.dst_maxburst);
	mem->inc = true;
	mem->width = 0;
	mem->bsize = per->bsize;
	/* Memory on a master other than the peripheral's when the platform has one */
	if (mem_mask & ~(1u << per->master))
		mem_mask &= ~(1u << per->master);
	mem->master = dmac_lowest_master(mem_mask);
	return true;
}

struct dmac_desc *dmac_prep_slave_sg(struct dmac_chan *c, const struct dmac_sg *sg, unsigned n,
				     enum dmac_dir dir, unsigned flags)
{
	struct dmac_side mem, per;
	struct dmac_build b;
	struct dmac_desc *desc;
	uint32_t total = 0;

	if (!n || !dmac_slave_sides(c, dir, &mem, &per))
		return NULL;
	for (unsigned i = 0; i < n; i++) {
		if (!sg[i].len || sg[i].len % per.width || total + sg[i].len < total)
			return NULL;
		total += sg[i].len;
	}
	desc = dmac_build_begin(c, flags | DMAC_PREP_SKIP_UNMAP, &b);
	if (!desc)
		return NULL;
	desc->ccfg = DMAC_VAL(DMAC_CCFG_FLOW, dir == DMAC_DEV_TO_MEM ? DMAC_FLOW_PER2MEM : DMAC_FLOW_MEM2PER);
	for (unsigned i = 0; i < n; i++) {
		mem.addr = sg[i].addr;
		if (dir == DMAC_DEV_TO_MEM)
			dmac_build_run(&b, &per, &mem, sg[i].len, 4);
		else
			dmac_build_run(&b, &mem, &per, sg[i].len, 4);
	}
	return dmac_build_end(&b, dmac_build_finish(&b, total, false));
}

struct dmac_desc *dmac_prep_cyclic(struct dmac_chan *c, osal_dma_addr buf, uint32_t buf_len,
				   uint32_t period_len, enum dmac_dir dir, unsigned flags)
{
	struct dmac_side mem, per;
	struct dmac_build b;
	struct dmac_desc *desc;
	if (!period_len || !buf_len || buf_len % period_len || !dmac_slave_sides(c, dir, &mem, &per))
		return NULL;
	if (period_len % per.width)
		return NULL;
	desc = dmac_build_begin(c, flags | DMAC_PREP_SKIP_UNMAP, &b);
	if (!desc)
		return NULL;
	desc->ccfg = DMAC_VAL(DMAC_CCFG_FLOW, dir == DMAC_DEV_TO_MEM ? DMAC_FLOW_PER2MEM : DMAC_FLOW_MEM2PER);
	for (uint32_t off = 0; off < buf_len && !b.overflow; off += period_len) {
		mem.addr = buf + off;
		if (dir == DMAC_DEV_TO_MEM)
			dmac_build_run(&b, &per, &mem, period_len, 4);
		else
			dmac_build_run(&b, &mem, &per, period_len, 4);
		/* A period ends with a TC interrupt */
		if (!b.overflow)
			desc->lli[DMAC_LLI_WORDS * (desc->n_lli - 1) + DMAC_LLI_CTL] |= DMAC_VAL(DMAC_CCTL_I, 1);
	}
	return dmac_build_end(&b, dmac_build_finish(&b, buf_len, true));
}
