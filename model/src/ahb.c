/* The AHB master ports (TRM 3.3, Appendix A): pipelined address and data phases.
 *
 * Each port holds the beat in its address phase and the beat in its data phase. At a rising
 * edge with HREADY high the data phase completes and the address phase moves into the data
 * phase; with HREADY low both are held. The two-cycle ERROR response cancels the failing
 * channel's next address phase in its first cycle (AHB allows the master to drive IDLE
 * there) and fails the channel in its second.
 */
#include "internal.h"

PL08X_COLD static void drop_op(pl08x_dev *dev, pl08x_master *port)
{
	if (!port->op.active)
		return;
	pl08x_chan_settle_op(dev, &port->op);
	pl08x_chan *ch = &dev->ch[port->op.beat.chan];
	if (ch->op_master != PL08X_NO_MASTER && &dev->m[ch->op_master] == port)
		ch->op_master = PL08X_NO_MASTER;
	port->op.active = false;
	pl08x_touch(dev, port->op.beat.chan);
}

void pl08x_ahb_drop_chan(pl08x_dev *dev, unsigned n)
{
	for (unsigned m = 0; m < dev->nmasters; m++)
		if (dev->m[m].op.active && dev->m[m].op.beat.chan == n)
			drop_op(dev, &dev->m[m]);
}

void pl08x_ahb_capture(pl08x_dev *dev, unsigned m, const pl08x_pins_in *in)
{
	pl08x_master *port = &dev->m[m];
	pl08x_beat *dp = &port->data_phase;

	if (!in->hready[m]) {
		if (dp->valid && in->hresp[m] == PL08X_HRESP_ERROR && !port->error_seen) {
			port->error_seen = true;
			if (port->addr_phase.valid && port->addr_phase.chan == dp->chan)
				port->addr_phase = (pl08x_beat){ 0 };
			if (port->op.active && port->op.beat.chan == dp->chan)
				drop_op(dev, port);
		}
		return;
	}
	if (dp->valid) {
		port->error_seen = false;
		if (in->hresp[m] == PL08X_HRESP_ERROR) {
			pl08x_chan *ch = &dev->ch[dp->chan];
			if (dp->gen == ch->gen && pl08x_ch_enabled(ch))
				pl08x_chan_fail(dev, dp->chan);
		} else {
			pl08x_chan_complete(dev, m, dp, in->hrdata[m]);
		}
	}
	/* The address phase, or the lack of one (all zero), moves into the data phase. */
	*dp = port->addr_phase;
	port->addr_phase = (pl08x_beat){ 0 };
}

void pl08x_ahb_issue(pl08x_dev *dev, unsigned m)
{
	pl08x_master *port = &dev->m[m];
	bool running = PL08X_GET(dev->config, PL08X_CONFIG_E);

	if (port->addr_phase.valid || !port->op.active)
		return; /* held by a wait state, or nothing to issue */
	const pl08x_chan *ch = &dev->ch[port->op.beat.chan];
	/* A halt set during the arbitration cycle stops a source piece before its first beat. */
	bool halted_before_start = !port->op.started && port->op.beat.kind == PL08X_BEAT_SRC &&
				   PL08X_GET(ch->cfg, PL08X_CCFG_H);
	/* An op is dropped when its channel is disabled or re-enabled (pl08x_chan_disable,
	 * pl08x_chan_enable), and an item cannot end while one runs: the channel is still on. */
	PL08X_ASSERT(pl08x_ch_enabled(ch) && port->op.beat.gen == ch->gen && ch->op_master == m);
	if (running && !halted_before_start)
		pl08x_chan_issue(dev, m, &port->addr_phase);
	else
		drop_op(dev, port);
}

/* Runs after every master has issued, so a channel freed by one master's last beat in this
 * step can be picked by the other in the same step, whichever is numbered first. */
void pl08x_ahb_arbitrate(pl08x_dev *dev, unsigned m)
{
	pl08x_master *port = &dev->m[m];

	if (port->addr_phase.valid || port->op.active || !PL08X_GET(dev->config, PL08X_CONFIG_E))
		return;
	/* Nothing changed since the arbiter last found no work: it would find none again. */
	if (port->idle_known && port->idle_epoch == dev->epoch)
		return;
	if (pl08x_arbitrate(dev, m, &port->op)) {
		unsigned n = port->op.beat.chan;
		port->idle_known = false;
		dev->ch[n].op_master = (uint8_t)m;
		/* No epoch bump: pl08x_arbitrate() took the channel out of its cache itself, and
		 * a pick cannot give work to another master that found none. It clears only the
		 * channel's bit for m, and the burst owner's claim stands as it was (the owner
		 * picked keeps it while its op runs, as it did while it had the op to offer). */
	} else {
		port->idle_known = true;
		port->idle_epoch = dev->epoch;
	}
}

void pl08x_ahb_outputs(const pl08x_dev *dev, unsigned m, pl08x_pins_out *out)
{
	const pl08x_beat *ap = &dev->m[m].addr_phase;

	/* No address phase is an all-zero beat: IDLE, and zero on every other pin. */
	out->htrans[m] = ap->htrans;
	out->haddr[m] = ap->addr;
	out->hwrite[m] = ap->hwrite;
	out->hsize[m] = ap->hsize;
	out->hburst[m] = ap->hburst;
	out->hprot[m] = ap->hprot;
	out->hlock[m] = ap->hlock;
	/* wdata is zero in read beats and in an empty data phase */
	out->hwdata[m] = dev->m[m].data_phase.wdata;
}
