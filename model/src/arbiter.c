/* Channel arbitration (TRM 3.2; ARM knowledge article on PL080 arbitration).
 *
 * One arbiter per master, run whenever the master has no operation left to issue. Fixed
 * priority, channel 0 highest. A channel 0..5 whose DMA burst needs more than one FIFO-sized
 * piece becomes the burst owner: until the burst ends every arbiter serves it first, and
 * the master(s) its burst runs on wait for it even while it has nothing ready (its read data
 * is still on the way, say). Channels 6 and 7 never own a burst, so a higher-priority
 * channel gets the master after at most one FIFO of theirs. Only one channel owns a burst
 * at a time, so two owners can never wait for each other's master.
 */
#include "internal.h"

/* The owner keeps its claim while it is running its burst; once it waits for something
 * outside the DMAC (a request, a halt), the claim lapses and priorities apply again. */
static bool owner_keeps_claim(const pl08x_dev *dev, unsigned n)
{
	const pl08x_chan *ch = &dev->ch[n];
	pl08x_op op;
	unsigned master;

	if (!pl08x_ch_enabled(ch) || ch->state != PL08X_CHS_RUN || PL08X_GET(ch->cfg, PL08X_CCFG_H) ||
	    !pl08x_chan_burst_masters(dev, n))
		return false;
	return ch->op_master != PL08X_NO_MASTER || ch->reads_in_flight || ch->writes_in_flight ||
	       pl08x_chan_next_op(dev, n, &op, &master);
}

bool pl08x_arbitrate(pl08x_dev *dev, unsigned m, pl08x_op *op)
{
	unsigned owner = dev->burst_owner;
	unsigned master;

	if (owner != PL08X_NO_OWNER && !owner_keeps_claim(dev, owner))
		dev->burst_owner = (uint8_t)(owner = PL08X_NO_OWNER);
	if (owner != PL08X_NO_OWNER) {
		if (pl08x_chan_next_op(dev, owner, op, &master) && master == m)
			return true;
		if (pl08x_chan_burst_masters(dev, owner) & (1u << m))
			return false; /* kept for the owner */
	}
	for (unsigned n = 0; n < dev->nchan; n++)
		if (n != owner && pl08x_chan_next_op(dev, n, op, &master) && master == m)
			return true;
	return false;
}
