/* Channel arbitration (TRM 3.2; ARM knowledge article on PL080 arbitration).
 *
 * One arbiter per master, run whenever the master has no operation left to issue. Fixed
 * priority, channel 0 highest. A channel 0..5 that is in the middle of a DMA burst (or of a
 * peripheral request) keeps the master until that burst ends, so it wins over higher
 * priorities; channels 6 and 7 give the master up after every FIFO-sized piece.
 */
#include "internal.h"

#define PL08X_LAST_BURST_HOLDING_CHANNEL 5u

bool pl08x_arbitrate(const pl08x_dev *dev, unsigned m, pl08x_op *op)
{
	bool found = false, found_holds = false;

	for (unsigned n = 0; n < dev->nchan; n++) {
		pl08x_op cand;
		unsigned master;
		if (!pl08x_chan_next_op(dev, n, &cand, &master) || master != m)
			continue;
		bool holds = n <= PL08X_LAST_BURST_HOLDING_CHANNEL && pl08x_chan_mid_burst(dev, n, &cand);
		if (!found || (holds && !found_holds)) {
			*op = cand;
			found = true;
			found_holds = holds;
		}
		if (found_holds)
			break;
	}
	return found;
}
