/* chan.c - the device, channel allocation, and virtual channels over physical channels.
 *
 * Invariants (vchan lock of c, dev lock for the phy side):
 * - c->phy != NULL  <=>  c->phy->serving == c  <=>  c->active != NULL. A virtual channel keeps
 *   its physical channel while it has a descriptor running; when its queue ends it gives it
 *   back at once.
 * - c->waiting  <=>  c is on d->wait  =>  c->phy == NULL and c->issued is not empty (or was,
 *   until a terminate, which takes it off).
 * - Taking a free physical channel, or joining the wait queue when there is none, is one dev-lock
 *   section; freeing a physical channel is followed (with no lock held) by
 *   dmac_serve_waiters(), so a waiter is never left behind with a channel free.
 */
#include "dmac_priv.h"

/* ---- set-up --------------------------------------------------------------------------------- */

static bool dmac_burst_ok(unsigned burst)
{
	return burst == 1 || (burst >= 4 && burst <= 256 && (burst & (burst - 1)) == 0);
}

int dmac_init(struct dmac_dev *d, struct osal_dev *od, const struct dmac_platform *pf)
{
	unsigned hw_channels = pf->variant == DMAC_PL081 ? 2u : 8u;
	unsigned masters = pf->variant == DMAC_PL081 ? 1u : 2u;
	unsigned mem = pf->mem_masters ? pf->mem_masters : 1u;

	if (pf->variant != DMAC_PL080 && pf->variant != DMAC_PL081)
		return DMAC_EINVAL;
	if (pf->channels > hw_channels || pf->lli_master >= masters || mem >= (1u << masters))
		return DMAC_EINVAL;
	if (!dmac_burst_ok(pf->memcpy_burst))
		return DMAC_EINVAL;
	if (pf->memcpy_width != 1 && pf->memcpy_width != 2 && pf->memcpy_width != 4)
		return DMAC_EINVAL;
	if ((pf->mux_get == NULL) != (pf->mux_put == NULL))
		return DMAC_EINVAL;

	d->od = od;
	d->pf = *pf;
	d->pf.mem_masters = mem;
	d->n_phy = pf->channels ? pf->channels : hw_channels;
	d->masters = masters;
	osal_lock_init(od, &d->lock, "dev");
	dmac_list_init(&d->wait);
	dmac_list_init(&d->free_descs);
	for (unsigned i = 0; i < DMAC_MAX_PHY; i++) {
		d->phy[i].id = i;
		d->phy[i].serving = NULL;
		d->phy[i].line = -1;
	}
	for (unsigned i = 0; i < DMAC_MAX_VCHANS; i++) {
		struct dmac_chan *c = &d->chans[i];

		c->dev = d;
		c->in_use = false;
		osal_lock_init(od, &c->lock, "vchan");
		osal_work_init(od, &c->work, dmac_chan_work);
		dmac_list_init(&c->submitted);
		dmac_list_init(&c->issued);
		dmac_list_init(&c->done);
		dmac_list_init(&c->terminated);
		dmac_list_init(&c->retired);
		dmac_list_init(&c->wait_node);
	}
	for (unsigned i = 0; i < DMAC_MAX_DESCS; i++)
		dmac_list_add_tail(&d->descs[i].node, &d->free_descs);

	/* Channels off and their status cleared before the controller is enabled */
	for (unsigned i = 0; i < d->n_phy; i++)
		osal_mmio_write32(od, DMAC_CH(i, DMAC_CH_CFG), 0);
	osal_mmio_write32(od, DMAC_INT_TC_CLEAR, (1u << d->n_phy) - 1u);
	osal_mmio_write32(od, DMAC_INT_ERR_CLR, (1u << d->n_phy) - 1u);
	osal_mmio_write32(od, DMAC_CONFIG, DMAC_VAL(DMAC_CONFIG_E, 1));
	return DMAC_OK;
}

void dmac_remove(struct dmac_dev *d)
{
	osal_might_sleep(d->od, __func__);
	for (unsigned i = 0; i < d->n_phy; i++)
		dmac_phy_stop(d, &d->phy[i]);
	osal_mmio_write32(d->od, DMAC_CONFIG, 0);
}

/* ---- requesting channels -------------------------------------------------------------------- */

static struct dmac_chan *dmac_chan_get(struct dmac_dev *d, bool slave, unsigned signal,
				       unsigned periph_master)
{
	struct dmac_chan *c = NULL;
	osal_irqflags f;

	osal_lock_irqsave(&d->lock, &f);
	for (unsigned i = 0; i < DMAC_MAX_VCHANS; i++) {
		if (!d->chans[i].in_use) {
			c = &d->chans[i];
			c->in_use = true;
			break;
		}
	}
	osal_unlock_irqrestore(&d->lock, f);
	if (!c)
		return NULL;

	/* Not yet visible to anyone else: no vchan lock needed */
	c->slave = slave;
	c->signal = signal;
	c->periph_master = periph_master;
	c->configured = false;
	c->active = NULL;
	c->phy = NULL;
	c->waiting = false;
	c->paused = false;
	c->cookie = 0;
	c->completed = 0;
	c->aborted_lo = c->aborted_hi = 0;
	c->failed_pos = 0;
	for (unsigned i = 0; i < DMAC_FAILED_RING; i++)
		c->failed[i] = 0;
	return c;
}

struct dmac_chan *dmac_request_memcpy(struct dmac_dev *d)
{
	return dmac_chan_get(d, false, 0, 0);
}

struct dmac_chan *dmac_request_slave(struct dmac_dev *d, unsigned signal, unsigned periph_master)
{
	if (periph_master >= d->masters || (!d->pf.mux_get && signal > 15))
		return NULL;
	return dmac_chan_get(d, true, signal, periph_master);
}

void dmac_release_chan(struct dmac_chan *c)
{
	struct dmac_dev *d = c->dev;
	struct dmac_list local;
	osal_irqflags f;

	osal_might_sleep(d->od, __func__);
	dmac_terminate_all(c);
	dmac_synchronize(c);

	/* Descriptors the client never acked: the channel's end is their end */
	dmac_list_init(&local);
#ifdef DMAC_BUG_LOCK_ORDER
	/* BUG (test variant): vchan taken under dev, the reverse of the driver's order */
	osal_irqflags fd;

	osal_lock_irqsave(&d->lock, &fd);
	osal_lock_irqsave(&c->lock, &f);
	dmac_list_splice_tail_init(&c->retired, &local);
	osal_unlock_irqrestore(&c->lock, f);
	osal_unlock_irqrestore(&d->lock, fd);
#else
	osal_lock_irqsave(&c->lock, &f);
	dmac_list_splice_tail_init(&c->retired, &local);
	osal_unlock_irqrestore(&c->lock, f);
#endif
	while (!dmac_list_empty(&local)) {
		struct dmac_desc *desc = dmac_desc_of(local.next);

		dmac_list_del(&desc->node);
		dmac_desc_put(desc);
	}

	osal_lock_irqsave(&d->lock, &f);
	c->in_use = false;
	osal_unlock_irqrestore(&d->lock, f);
}

int dmac_slave_config(struct dmac_chan *c, const struct dmac_slave_config *cfg)
{
	osal_irqflags f;

	if (!c->slave)
		return DMAC_EINVAL;
	for (unsigned i = 0; i < 2; i++) {
		unsigned w = i ? cfg->dst_width : cfg->src_width;
		unsigned b = i ? cfg->dst_maxburst : cfg->src_maxburst;

		if ((w != 1 && w != 2 && w != 4) || b == 0)
			return DMAC_EINVAL;
	}
	osal_lock_irqsave(&c->lock, &f);
	c->cfg = *cfg;
	c->configured = true;
	osal_unlock_irqrestore(&c->lock, f);
	return DMAC_OK;
}

/* ---- physical channels ---------------------------------------------------------------------- */

/* Take a free physical channel for @c (and its request line), or queue @c. Vchan lock held. */
struct dmac_phy *dmac_phy_get_or_wait(struct dmac_chan *c)
{
	struct dmac_dev *d = c->dev;
	struct dmac_phy *got = NULL;
	osal_irqflags f;

	osal_lock_irqsave(&d->lock, &f);
	for (unsigned i = 0; i < d->n_phy && !got; i++) {
		struct dmac_phy *p = &d->phy[i];
		int line = c->slave ? (int)c->signal : -1;

		if (p->serving)
			continue;
		if (c->slave && d->pf.mux_get) {
			line = d->pf.mux_get(d->pf.mux_ctx, c->signal);
			if (line < 0 || line > 15)
				break;          /* no line now: wait like for a channel */
		}
		p->serving = c;
		p->line = line;
		got = p;
	}
	if (!got && !c->waiting) {
		c->waiting = true;
		dmac_list_add_tail(&c->wait_node, &d->wait);
	}
	osal_unlock_irqrestore(&d->lock, f);
	return got;
}

/* Give @c's physical channel back (it is stopped). Vchan lock held. */
void dmac_phy_put(struct dmac_chan *c)
{
	struct dmac_dev *d = c->dev;
	struct dmac_phy *p = c->phy;
	osal_irqflags f;

	osal_lock_irqsave(&d->lock, &f);
	if (p->line >= 0 && d->pf.mux_put)
		d->pf.mux_put(d->pf.mux_ctx, c->signal, (unsigned)p->line);
	p->line = -1;
	p->serving = NULL;
	osal_unlock_irqrestore(&d->lock, f);
	c->phy = NULL;
}

void dmac_phy_stop(struct dmac_dev *d, struct dmac_phy *p)
{
	/* E = 0 stops at once (FIFO data lost); then no stale status may complete the next user */
	osal_mmio_write32(d->od, DMAC_CH(p->id, DMAC_CH_CFG), 0);
	osal_mmio_write32(d->od, DMAC_INT_TC_CLEAR, 1u << p->id);
	osal_mmio_write32(d->od, DMAC_INT_ERR_CLR, 1u << p->id);
}

/* Program @desc on @c's physical channel and enable it. Vchan lock held. */
static void dmac_phy_program(struct dmac_chan *c, struct dmac_desc *desc)
{
	struct osal_dev *od = c->dev->od;
	unsigned n = c->phy->id;
	uint32_t cfg = desc->ccfg;
	const uint32_t *first = desc->lli;

	if (c->slave) {
		unsigned flow = DMAC_GET(cfg, DMAC_CCFG_FLOW);
		unsigned line = (unsigned)c->phy->line;

		cfg |= flow == DMAC_FLOW_PER2MEM ? DMAC_VAL(DMAC_CCFG_SRC_PERIPH, line)
						 : DMAC_VAL(DMAC_CCFG_DST_PERIPH, line);
	}
	if (c->paused)
		cfg |= DMAC_VAL(DMAC_CCFG_H, 1);
	osal_mmio_write32(od, DMAC_INT_TC_CLEAR, 1u << n);
	osal_mmio_write32(od, DMAC_INT_ERR_CLR, 1u << n);
	/* The first item goes straight into the registers; the rest is loaded from the pool */
	osal_mmio_write32(od, DMAC_CH(n, DMAC_CH_SRC), first[DMAC_LLI_SRC]);
	osal_mmio_write32(od, DMAC_CH(n, DMAC_CH_DST), first[DMAC_LLI_DST]);
	osal_mmio_write32(od, DMAC_CH(n, DMAC_CH_LLI), first[DMAC_LLI_NEXT]);
	osal_mmio_write32(od, DMAC_CH(n, DMAC_CH_CTL), first[DMAC_LLI_CTL]);
	/* LLI items written by the CPU must reach memory before the channel can load them */
	osal_wmb(od);
	osal_mmio_write32(od, DMAC_CH(n, DMAC_CH_CFG), cfg | DMAC_VAL(DMAC_CCFG_E, 1));
}

void dmac_start_next(struct dmac_chan *c)
{
	struct dmac_desc *desc = dmac_first_desc(&c->issued);

	if (!desc) {
		c->active = NULL;
		return;
	}
	dmac_list_del(&desc->node);
	c->active = desc;
	dmac_phy_program(c, desc);
}

void dmac_chan_queue_ended(struct dmac_chan *c)
{
	if (c->active || !c->phy)
		return;
	dmac_phy_put(c);
}

void dmac_serve_waiters(struct dmac_dev *d)
{
	for (;;) {
		struct dmac_chan *c = NULL;
		bool any_free = false;
		osal_irqflags f, fc;

		osal_lock_irqsave(&d->lock, &f);
		for (unsigned i = 0; i < d->n_phy; i++)
			any_free |= d->phy[i].serving == NULL;
		if (any_free && !dmac_list_empty(&d->wait)) {
			c = dmac_container_of(d->wait.next, struct dmac_chan, wait_node);
			dmac_list_del(&c->wait_node);
			c->waiting = false;
		}
		osal_unlock_irqrestore(&d->lock, f);
		if (!c)
			return;

		osal_lock_irqsave(&c->lock, &fc);
		if (!c->phy && !dmac_list_empty(&c->issued)) {
			c->phy = dmac_phy_get_or_wait(c);
			if (c->phy) {
				dmac_start_next(c);
			} else {
				/* the channel went to someone else, or no request line: back to the front */
				osal_lock_irqsave(&d->lock, &f);
				dmac_list_del(&c->wait_node);
				c->wait_node.next = d->wait.next;
				c->wait_node.prev = &d->wait;
				d->wait.next->prev = &c->wait_node;
				d->wait.next = &c->wait_node;
				osal_unlock_irqrestore(&d->lock, f);
				osal_unlock_irqrestore(&c->lock, fc);
				return;
			}
		}
		osal_unlock_irqrestore(&c->lock, fc);
	}
}
