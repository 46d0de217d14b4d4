/* api.c - the client's queue operations: submit, issue pending, pause, resume, terminate,
 * synchronize. Status and residue are in residue.c, the preps in desc.c.
 */
#include "dmac_priv.h"

/* ---- the client's queue operations ---------------------------------------------------------- */

dmac_cookie dmac_submit(struct dmac_desc *desc)
{
	struct dmac_chan *c = desc->chan;
	osal_irqflags f;
	dmac_cookie cookie;

	osal_lock_irqsave(&c->lock, &f);
	cookie = c->cookie == INT32_MAX ? 1 : c->cookie + 1;
	c->cookie = cookie;
	desc->cookie = cookie;
	dmac_list_add_tail(&desc->node, &c->submitted);
	osal_unlock_irqrestore(&c->lock, f);
	return cookie;
}

void dmac_issue_pending(struct dmac_chan *c)
{
	osal_irqflags f;

	osal_lock_irqsave(&c->lock, &f);
	dmac_list_splice_tail_init(&c->submitted, &c->issued);
	if (!c->phy && !c->waiting && !dmac_list_empty(&c->issued)) {
		c->phy = dmac_phy_get_or_wait(c);
		if (c->phy)
			dmac_start_next(c);
	}
	osal_unlock_irqrestore(&c->lock, f);
}

int dmac_pause(struct dmac_chan *c)
{
	struct osal_dev *od = c->dev->od;
	int ret = DMAC_OK;
	osal_irqflags f;

	osal_lock_irqsave(&c->lock, &f);
	if (!c->paused && c->phy) {
		uint32_t reg = DMAC_CH(c->phy->id, DMAC_CH_CFG);
		uint32_t cfg = osal_mmio_read32(od, reg);

		/* E = 0: the last item has ended and its interrupt is on the way; nothing to halt.
		 * The channel may also end between this read and the write: the write would enable
		 * it again (the same window as Linux's read-modify-write). */
		if (DMAC_GET(cfg, DMAC_CCFG_E)) {
			unsigned polls = 0;

#ifdef DMAC_BUG_SLEEP_IN_ATOMIC
			/* BUG (test variant): a sleeping wait for A = 0 under the vchan lock */
			osal_might_sleep(od, "dmac_pause_wait_idle");
#endif
			osal_mmio_write32(od, reg, cfg | DMAC_VAL(DMAC_CCFG_H, 1));
			while (DMAC_GET(osal_mmio_read32(od, reg), DMAC_CCFG_A)) {
				if (++polls == DMAC_PAUSE_POLLS) {
					ret = DMAC_ETIMEDOUT;
					break;
				}
			}
		}
	}
	c->paused = true;
	osal_unlock_irqrestore(&c->lock, f);
	return ret;
}

int dmac_resume(struct dmac_chan *c)
{
	struct osal_dev *od = c->dev->od;
	osal_irqflags f;

	osal_lock_irqsave(&c->lock, &f);
	if (c->paused && c->phy) {
		uint32_t reg = DMAC_CH(c->phy->id, DMAC_CH_CFG);

		osal_mmio_write32(od, reg, osal_mmio_read32(od, reg) & ~DMAC_MASK(DMAC_CCFG_H));
	}
	c->paused = false;
	osal_unlock_irqrestore(&c->lock, f);
	return DMAC_OK;
}

int dmac_terminate_all(struct dmac_chan *c)
{
	struct dmac_dev *d = c->dev;
	bool freed = false;
	osal_irqflags f, fd;

	osal_lock_irqsave(&c->lock, &f);
#ifdef DMAC_BUG_RECURSIVE_LOCK
	/* BUG (test variant): the status of the last cookie asked with the vchan lock held */
	(void)dmac_tx_status(c, c->cookie, NULL);
#endif
	if (c->phy) {
		dmac_phy_stop(d, c->phy);
		dmac_list_add_tail(&c->active->node, &c->terminated);
		c->active = NULL;
		dmac_phy_put(c);
		freed = true;
	}
	if (c->waiting) {
		osal_lock_irqsave(&d->lock, &fd);
		dmac_list_del(&c->wait_node);
		c->waiting = false;
		osal_unlock_irqrestore(&d->lock, fd);
	}
	dmac_list_splice_tail_init(&c->done, &c->terminated);
	dmac_list_splice_tail_init(&c->issued, &c->terminated);
	dmac_list_splice_tail_init(&c->submitted, &c->terminated);
	/* Every cookie given so far is settled: those not completed count as dropped */
	if (c->completed != c->cookie) {
		c->aborted_lo = c->completed == INT32_MAX ? 1 : c->completed + 1;
		c->aborted_hi = c->cookie;
		c->completed = c->cookie;
	}
	c->paused = false;
#ifdef DMAC_BUG_IRQ_UNSAFE
	/* BUG (test variant): dev taken under vchan, then vchan released first with its flags:
	 * the interrupt is enabled while dev, a lock of the IRQ handler, is still held */
	osal_lock_irqsave(&d->lock, &fd);
	osal_unlock_irqrestore(&c->lock, f);
	osal_unlock_irqrestore(&d->lock, f);
#else
	osal_unlock_irqrestore(&c->lock, f);
#endif
	/* Freed in the channel's work (or dmac_synchronize), outside every lock */
	osal_work_schedule(&c->work);
	if (freed)
		dmac_serve_waiters(d);
	return DMAC_OK;
}

void dmac_synchronize(struct dmac_chan *c)
{
	osal_might_sleep(c->dev->od, __func__);
	/* The work frees the terminated descriptors; after it has run, none of its callbacks runs */
	osal_work_schedule(&c->work);
	osal_work_sync(&c->work);
}
