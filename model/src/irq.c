/* Interrupt outputs (TRM 3.7) and the integration-test override of the outputs (TRM 4).
 * Levels are worked out from the raw status and the per-channel masks (cached from the
 * CnConfiguration registers) by the step after anything they depend on may have changed
 * (irq_outs_stale), and kept until then.
 */
#include "internal.h"

void pl08x_irq_masks_update(pl08x_dev *dev)
{
	dev->itc_mask = 0;
	dev->ie_mask = 0;
	for (unsigned n = 0; n < dev->nchan; n++) {
		if (PL08X_GET(dev->ch[n].cfg, PL08X_CCFG_ITC))
			dev->itc_mask = (uint8_t)(dev->itc_mask | (1u << n));
		if (PL08X_GET(dev->ch[n].cfg, PL08X_CCFG_IE))
			dev->ie_mask = (uint8_t)(dev->ie_mask | (1u << n));
	}
}

uint32_t pl08x_irq_tc_masked(const pl08x_dev *dev)
{
	return dev->raw_tc & dev->itc_mask;
}

uint32_t pl08x_irq_err_masked(const pl08x_dev *dev)
{
	return dev->raw_err & dev->ie_mask;
}

void pl08x_irq_outputs(const pl08x_dev *dev, pl08x_irq_pins *out)
{
	if (dev->itcr & 1u) {
		out->clr = (uint16_t)dev->itop1;
		out->tc = (uint16_t)dev->itop2;
		out->interr = PL08X_GET(dev->itop3, PL08X_ITOP3_INTERR);
		out->inttc = PL08X_GET(dev->itop3, PL08X_ITOP3_INTTC);
		out->intr = PL08X_GET(dev->itop3, PL08X_ITOP3_INTR);
		return;
	}
	out->clr = dev->clr;
	out->tc = dev->tc;
	bool inttc = pl08x_irq_tc_masked(dev) != 0, interr = pl08x_irq_err_masked(dev) != 0;
	out->inttc = inttc;
	out->interr = interr;
	out->intr = inttc || interr;
}
