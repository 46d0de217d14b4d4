/* irq.c - the interrupt handler and the deferred completion work.
 *
 * Hard IRQ: read IntErrorStatus and IntTCStatus once each, clear exactly those bits, then per
 * channel under its vchan lock: a finished descriptor moves to the done list (its cookie is
 * complete from then on), a failed one is marked and moved the same way, the next issued
 * descriptor starts, or the physical channel goes back (and a waiting channel gets it).
 * Deferred work, one per virtual channel: takes one done descriptor (or one cyclic period) at a
 * time under the vchan lock, drops the lock, unmaps and calls the client. One at a time, so a
 * callback that terminates its channel stops the callbacks that would have followed.
 */
#include "dmac_priv.h"

/* A descriptor has ended (vchan lock held): to the done list, cookie settled, work scheduled */
static void dmac_desc_ended(struct dmac_chan *c, struct dmac_desc *desc)
{
	c->active = NULL;
	c->completed = desc->cookie;
	if (desc->failed) {
		c->failed[c->failed_pos] = desc->cookie;
		c->failed_residue[c->failed_pos] = desc->residue_at_fail;
		c->failed_pos = (c->failed_pos + 1) % DMAC_FAILED_RING;
	}
	dmac_list_add_tail(&desc->node, &c->done);
	osal_work_schedule(&c->work);
}

/* Channel interrupt of @c's physical channel; vchan lock held. Returns true if it freed it. */
static bool dmac_chan_irq(struct dmac_chan *c, bool err, bool tc)
{
	struct dmac_desc *desc = c->active;

	if (err) {
		/* The hardware has disabled the channel; its registers show where it stopped */
		desc->failed = true;
		desc->residue_at_fail = dmac_hw_residue(c, desc);
		dmac_phy_stop(c->dev, c->phy);          /* recovered: off, status clear */
		dmac_desc_ended(c, desc);
	} else if (tc && desc->cyclic) {
		desc->periods_due++;
		osal_work_schedule(&c->work);
		return false;
	} else if (tc) {
		dmac_desc_ended(c, desc);
	}
	dmac_start_next(c);
	dmac_chan_queue_ended(c);
	return c->phy == NULL;
}

bool dmac_irq(struct dmac_dev *d)
{
	struct osal_dev *od = d->od;
	uint32_t mask = (1u << d->n_phy) - 1u;
	uint32_t err = osal_mmio_read32(od, DMAC_INT_ERROR_STATUS) & mask;
	uint32_t tc = osal_mmio_read32(od, DMAC_INT_TC_STATUS) & mask;
	bool freed = false;

	if (!err && !tc)
		return false;
	/* Cleared before handling: a TC that comes while we work raises the line again */
	if (err)
		osal_mmio_write32(od, DMAC_INT_ERR_CLR, err);
	if (tc)
		osal_mmio_write32(od, DMAC_INT_TC_CLEAR, tc);

	for (unsigned n = 0; n < d->n_phy; n++) {
		struct dmac_phy *p = &d->phy[n];
		struct dmac_chan *c;
		osal_irqflags f;

		if (!(((err | tc) >> n) & 1u))
			continue;
		osal_lock_irqsave(&d->lock, &f);
		c = p->serving;
		osal_unlock_irqrestore(&d->lock, f);
		if (!c)
			continue;               /* terminated meanwhile */
		osal_lock_irqsave(&c->lock, &f);
		if (c->phy == p && c->active)   /* still the same user of the channel */
			freed |= dmac_chan_irq(c, (err >> n) & 1u, (tc >> n) & 1u);
		osal_unlock_irqrestore(&c->lock, f);
	}
	if (freed)
		dmac_serve_waiters(d);
	return true;
}

/* ---- deferred work -------------------------------------------------------------------------- */

static void dmac_call(struct dmac_chan *c, dmac_callback cb, void *arg, const struct dmac_result *r)
{
	struct osal_dev *od = c->dev->od;

	osal_callback_begin(od, c);
	cb(arg, r);
	osal_callback_end(od, c);
}

void dmac_chan_work(struct osal_work *w)
{
	struct dmac_chan *c = dmac_container_of(w, struct dmac_chan, work);
	struct dmac_list dropped;
	osal_irqflags f;

	for (;;) {
		struct dmac_desc *desc;
		dmac_callback cb = NULL;
		void *arg = NULL;

		osal_lock_irqsave(&c->lock, &f);
		desc = c->active;
		if (desc && desc->cyclic && desc->periods_due) {
			desc->periods_due--;
			if (desc->flags & DMAC_PREP_INTERRUPT) {
				cb = desc->callback;
				arg = desc->callback_arg;
			}
			osal_unlock_irqrestore(&c->lock, f);
			if (cb) {
				struct dmac_result r = { DMAC_RESULT_OK, 0 };

				dmac_call(c, cb, arg, &r);
			}
			continue;
		}
		desc = dmac_first_desc(&c->done);
		if (!desc)
			break;                  /* still locked */
		dmac_list_del(&desc->node);
#ifdef DMAC_BUG_CALLBACK_UNDER_LOCK
		/* BUG (test variant): the callback called before the vchan lock is dropped */
		if ((desc->flags & DMAC_PREP_INTERRUPT) && desc->callback)
			dmac_call(c, desc->callback, desc->callback_arg,
				  &(struct dmac_result){ desc->failed ? DMAC_RESULT_FAILED : DMAC_RESULT_OK,
							 desc->residue_at_fail });
		desc->callback = NULL;
#endif
		osal_unlock_irqrestore(&c->lock, f);

		struct dmac_result r = { DMAC_RESULT_OK, 0 };

		if (desc->failed) {
			r.result = DMAC_RESULT_FAILED;
			r.residue = desc->residue_at_fail;
		}
		cb = (desc->flags & DMAC_PREP_INTERRUPT) ? desc->callback : NULL;
		arg = desc->callback_arg;
#ifdef DMAC_BUG_UNMAP_AFTER_CALLBACK
		/* BUG (test variant): the client is called while its buffers are still mapped */
		if (cb)
			dmac_call(c, cb, arg, &r);
		dmac_desc_release(desc);
#else
		/* Unmapped (and perhaps freed) before the callback: the client may read the buffer */
		dmac_desc_release(desc);
		if (cb)
			dmac_call(c, cb, arg, &r);
#endif
	}

	/* Terminated descriptors: no callback, unmapped and freed here, outside the lock */
	dmac_list_init(&dropped);
	dmac_list_splice_tail_init(&c->terminated, &dropped);
	osal_unlock_irqrestore(&c->lock, f);
	while (!dmac_list_empty(&dropped)) {
		struct dmac_desc *desc = dmac_desc_of(dropped.next);

		dmac_list_del(&desc->node);
		dmac_desc_release(desc);
	}
}
