/* Channel arbitration (TRM 3.2; ARM knowledge article on PL080 arbitration).
 *
 * One arbiter per master, run whenever the master has no operation left to issue. Fixed
 * priority, channel 0 highest. A channel 0..5 that is in the middle of a DMA burst (or of a
 * peripheral request) keeps the master until that burst ends, so it wins over higher
 * priorities; channels 6 and 7 give the master up after every FIFO-sized piece.
 */
#include "internal.h"

#define PL08X_LAST_BURST_HOLDING_CHANNEL 5u

/* Cheap pre-check: could channel n be in the middle of a DMA burst at all? */
static bool may_hold(const pl08x_chan *ch)
{
	return ch->sburst_left || ch->dburst_left ||
	       (ch->sreq.active && ch->sreq.to_issue < ch->sreq.total) ||
	       (ch->dreq.active && ch->dreq.to_issue < ch->dreq.total);
}

bool pl08x_arbitrate(const pl08x_dev *dev, unsigned m, pl08x_op *op)
{
	bool found = false;

	for (unsigned n = 0; n < dev->nchan; n++) {
		pl08x_op cand;
		unsigned master;
		/* Past the first candidate only a burst-holding channel can still win. */
		if (found && (n > PL08X_LAST_BURST_HOLDING_CHANNEL || !may_hold(&dev->ch[n])))
			continue;
		if (!pl08x_chan_next_op(dev, n, &cand, &master) || master != m)
			continue;
		bool holds = n <= PL08X_LAST_BURST_HOLDING_CHANNEL && pl08x_chan_mid_burst(dev, n, &cand);
		if (!found || holds) {
			*op = cand;
			if (holds)
				return true;
			found = true;
		}
	}
	return found;
}
