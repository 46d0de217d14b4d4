/* residue.c - cookie states and the residue of a running descriptor.
 *
 * Residue of the running descriptor = remaining TransferSize x source width of the current item
 * (the transfers whose read data has not arrived) + the bytes of every item not loaded yet.
 * CnLLI names the next item, so the items from that one to the end of the block are the ones
 * still to come; CnLLI = 0 means the current item is the last, and for a cyclic descriptor
 * CnLLI = the first item means the current item ends the buffer.
 * CnLLI and CnControl are two reads, a few cycles apart: the item may change between them. The
 * channel loads a whole item in one step, so reading CnLLI again and finding it unchanged proves
 * that CnControl belongs to the same item; otherwise read both again.
 */
#include "dmac_priv.h"

/* Reads of the CnLLI, CnControl, CnLLI triple before the last one is taken as it is */
#define DMAC_RESIDUE_TRIES 4u

uint32_t dmac_hw_residue(struct dmac_chan *c, const struct dmac_desc *desc)
{
	struct osal_dev *od = c->dev->od;
	unsigned n = c->phy->id;
	uint32_t lli = osal_mmio_read32(od, DMAC_CH(n, DMAC_CH_LLI));
	uint32_t ctl = 0, next;
	unsigned k;
	uint32_t bytes;

	for (unsigned tries = 0; tries < DMAC_RESIDUE_TRIES; tries++) {
		ctl = osal_mmio_read32(od, DMAC_CH(n, DMAC_CH_CTL));
		next = osal_mmio_read32(od, DMAC_CH(n, DMAC_CH_LLI));
		if (next == lli)
			break;
		lli = next;
	}
	bytes = dmac_item_bytes(ctl);
	next = lli & DMAC_LLI_ADDR;
	if (!next)
		return bytes;
	k = (next - desc->lli_bus) / 16u;
	if (next < desc->lli_bus || k >= desc->n_lli)
		return bytes;                   /* not ours: cannot happen while we own the channel */
	if (k == 0 && desc->cyclic)
		return bytes;
	for (; k < desc->n_lli; k++)
		bytes += dmac_item_bytes(desc->lli[DMAC_LLI_WORDS * k + DMAC_LLI_CTL]);
	return bytes;
}

/* Is @cookie at or before @done, given that @last is the newest cookie (wrapping ids)? */
static bool dmac_cookie_settled(dmac_cookie cookie, dmac_cookie done, dmac_cookie last)
{
	if (done <= last)
		return cookie <= done || cookie > last;
	return cookie <= done && cookie > last;
}

bool dmac_cookie_done(const struct dmac_chan *c, dmac_cookie cookie)
{
	return dmac_cookie_settled(cookie, c->completed, c->cookie);
}

bool dmac_cookie_failed(const struct dmac_chan *c, dmac_cookie cookie)
{
	for (unsigned i = 0; i < DMAC_FAILED_RING; i++)
		if (c->failed[i] == cookie)
			return true;
	return false;
}

static bool dmac_cookie_aborted(const struct dmac_chan *c, dmac_cookie cookie)
{
	if (!c->aborted_hi)
		return false;
	if (c->aborted_lo <= c->aborted_hi)
		return cookie >= c->aborted_lo && cookie <= c->aborted_hi;
	return cookie >= c->aborted_lo || cookie <= c->aborted_hi;
}

static struct dmac_desc *dmac_find(struct dmac_list *h, dmac_cookie cookie)
{
	for (struct dmac_list *n = h->next; n != h; n = n->next)
		if (dmac_desc_of(n)->cookie == cookie)
			return dmac_desc_of(n);
	return NULL;
}

enum dmac_status dmac_tx_status(struct dmac_chan *c, dmac_cookie cookie, uint32_t *residue)
{
	enum dmac_status st;
	uint32_t res = 0;
	osal_irqflags f;

	osal_lock_irqsave(&c->lock, &f);
	if (cookie <= 0) {
		st = DMAC_ERROR;
	} else if (dmac_cookie_failed(c, cookie)) {
		st = DMAC_ERROR;
		for (unsigned i = 0; i < DMAC_FAILED_RING; i++)
			if (c->failed[i] == cookie)
				res = c->failed_residue[i];
	} else if (dmac_cookie_aborted(c, cookie)) {
		st = DMAC_ERROR;
	} else if (dmac_cookie_done(c, cookie)) {
		st = DMAC_COMPLETE;
	} else {
		struct dmac_desc *desc = NULL;

		st = c->paused ? DMAC_PAUSED : DMAC_IN_PROGRESS;
		if (c->active && c->active->cookie == cookie)
			res = dmac_hw_residue(c, c->active);
		else if ((desc = dmac_find(&c->issued, cookie)) || (desc = dmac_find(&c->submitted, cookie)))
			res = desc->len;
	}
	osal_unlock_irqrestore(&c->lock, f);
	if (residue)
		*residue = res;
	return st;
}
