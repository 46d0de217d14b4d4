/* The AHB slave port: register decode (TRM 3.4, 4; IDs from the TRM and QEMU read-backs).
 *
 * The table below is the single list of the global registers: decode, access type, write
 * mask and name. Channel registers repeat every 0x20 bytes and are decoded from the offset.
 */
#include <stddef.h>

#include "internal.h"

enum reg_access { RO, WO, RW };

typedef struct pl08x_reg {
	uint16_t off;
	uint8_t acc;
	uint32_t wmask;
	const char *name;
} pl08x_reg;

static const pl08x_reg global_regs[] = {
	{ PL08X_INT_STATUS,         RO, 0,       "DMACIntStatus" },
	{ PL08X_INT_TC_STATUS,      RO, 0,       "DMACIntTCStatus" },
	{ PL08X_INT_TC_CLEAR,       WO, 0xFF,    "DMACIntTCClear" },
	{ PL08X_INT_ERROR_STATUS,   RO, 0,       "DMACIntErrorStatus" },
	{ PL08X_INT_ERR_CLR,        WO, 0xFF,    "DMACIntErrClr" },
	{ PL08X_RAW_INT_TC_STATUS,  RO, 0,       "DMACRawIntTCStatus" },
	{ PL08X_RAW_INT_ERR_STATUS, RO, 0,       "DMACRawIntErrorStatus" },
	{ PL08X_ENBLD_CHNS,         RO, 0,       "DMACEnbldChns" },
	{ PL08X_SOFT_BREQ,          RW, 0xFFFF,  "DMACSoftBReq" },
	{ PL08X_SOFT_SREQ,          RW, 0xFFFF,  "DMACSoftSReq" },
	{ PL08X_SOFT_LBREQ,         RW, 0xFFFF,  "DMACSoftLBReq" },
	{ PL08X_SOFT_LSREQ,         RW, 0xFFFF,  "DMACSoftLSReq" },
	{ PL08X_CONFIG,             RW, 0x7,     "DMACConfiguration" },
	{ PL08X_SYNC,               RW, 0xFFFF,  "DMACSync" },
	{ PL08X_ITCR,               RW, 0x1,     "DMACITCR" },
	{ PL08X_ITOP1,              RW, 0xFFFF,  "DMACITOP1" },
	{ PL08X_ITOP2,              RW, 0xFFFF,  "DMACITOP2" },
	{ PL08X_ITOP3,              RW, 0x7,     "DMACITOP3" },
	{ PL08X_PERIPH_ID0 + 0x0,   RO, 0,       "DMACPeriphID0" },
	{ PL08X_PERIPH_ID0 + 0x4,   RO, 0,       "DMACPeriphID1" },
	{ PL08X_PERIPH_ID0 + 0x8,   RO, 0,       "DMACPeriphID2" },
	{ PL08X_PERIPH_ID0 + 0xC,   RO, 0,       "DMACPeriphID3" },
	{ PL08X_PCELL_ID0 + 0x0,    RO, 0,       "DMACPCellID0" },
	{ PL08X_PCELL_ID0 + 0x4,    RO, 0,       "DMACPCellID1" },
	{ PL08X_PCELL_ID0 + 0x8,    RO, 0,       "DMACPCellID2" },
	{ PL08X_PCELL_ID0 + 0xC,    RO, 0,       "DMACPCellID3" },
};

static const char *const chan_reg_names[5] = {
	"DMACCxSrcAddr", "DMACCxDestAddr", "DMACCxLLI", "DMACCxControl", "DMACCxConfiguration",
};

/* Writable bits of CnConfiguration: everything but A (read-only) and the reserved bits. */
#define CCFG_WMASK (PL08X_MASK(PL08X_CCFG_E) | PL08X_MASK(PL08X_CCFG_SRC_PERIPH) | \
		    PL08X_MASK(PL08X_CCFG_DEST_PERIPH) | PL08X_MASK(PL08X_CCFG_FLOW) | \
		    PL08X_MASK(PL08X_CCFG_IE) | PL08X_MASK(PL08X_CCFG_ITC) | \
		    PL08X_MASK(PL08X_CCFG_L) | PL08X_MASK(PL08X_CCFG_H))
/* Fields of CnConfiguration that take effect while the channel is enabled. */
#define CCFG_LIVE_MASK (PL08X_MASK(PL08X_CCFG_IE) | PL08X_MASK(PL08X_CCFG_ITC) | \
			PL08X_MASK(PL08X_CCFG_L) | PL08X_MASK(PL08X_CCFG_H))

static const uint8_t periph_id_pl080[4] = { 0x80, 0x10, 0x04, 0x0A };
static const uint8_t periph_id_pl081[4] = { 0x81, 0x10, 0x04, 0x0A };
static const uint8_t pcell_id[4] = { 0x0D, 0xF0, 0x05, 0xB1 };

static const pl08x_reg *find_global(uint32_t off)
{
	for (size_t i = 0; i < sizeof(global_regs) / sizeof(global_regs[0]); i++)
		if (global_regs[i].off == off)
			return &global_regs[i];
	return NULL;
}

/* Channel register at @off: the channel through *n and the register offset through *r. */
static bool decode_channel(const pl08x_dev *dev, uint32_t off, unsigned *n, unsigned *r)
{
	if (off < PL08X_CH_BASE(0) || off >= PL08X_CH_BASE(PL08X_MAX_CHANNELS))
		return false;
	*n = (off - PL08X_CH_BASE(0)) / 0x20u;
	*r = off & 0x1Fu;
	return *n < dev->nchan && *r <= PL08X_CH_CONFIG;
}

static uint32_t chan_read(const pl08x_dev *dev, unsigned n, unsigned r)
{
	const pl08x_chan *ch = &dev->ch[n];

	switch (r) {
	case PL08X_CH_SRC_ADDR:  return ch->src;
	case PL08X_CH_DEST_ADDR: return ch->dst;
	case PL08X_CH_LLI:       return ch->lli;
	case PL08X_CH_CONTROL:   return ch->ctl;
	default:                 return PL08X_SET(ch->cfg, PL08X_CCFG_A, pl08x_chan_active(ch));
	}
}

static uint32_t enabled_channels(const pl08x_dev *dev)
{
	uint32_t bits = 0;
	for (unsigned n = 0; n < dev->nchan; n++)
		if (pl08x_ch_enabled(&dev->ch[n]))
			bits |= 1u << n;
	return bits;
}

static uint32_t global_read(const pl08x_dev *dev, uint32_t off)
{
	const uint8_t *pid = dev->variant == PL08X_VARIANT_PL081 ? periph_id_pl081 : periph_id_pl080;

	if (off >= PL08X_PERIPH_ID0 && off < PL08X_PCELL_ID0)
		return pid[(off - PL08X_PERIPH_ID0) / 4];
	if (off >= PL08X_PCELL_ID0)
		return pcell_id[(off - PL08X_PCELL_ID0) / 4];
	switch (off) {
	case PL08X_INT_STATUS:         return pl08x_irq_tc_masked(dev) | pl08x_irq_err_masked(dev);
	case PL08X_INT_TC_STATUS:      return pl08x_irq_tc_masked(dev);
	case PL08X_INT_ERROR_STATUS:   return pl08x_irq_err_masked(dev);
	case PL08X_RAW_INT_TC_STATUS:  return dev->raw_tc;
	case PL08X_RAW_INT_ERR_STATUS: return dev->raw_err;
	case PL08X_ENBLD_CHNS:         return enabled_channels(dev);
	case PL08X_SOFT_BREQ:          return pl08x_req_pending(dev, PL08X_REQ_B);
	case PL08X_SOFT_SREQ:          return pl08x_req_pending(dev, PL08X_REQ_S);
	case PL08X_SOFT_LBREQ:         return pl08x_req_pending(dev, PL08X_REQ_LB);
	case PL08X_SOFT_LSREQ:         return pl08x_req_pending(dev, PL08X_REQ_LS);
	case PL08X_CONFIG:             return dev->config;
	case PL08X_SYNC:               return dev->sync;
	case PL08X_ITCR:               return dev->itcr;
	case PL08X_ITOP1:              return dev->itop1;
	case PL08X_ITOP2:              return dev->itop2;
	case PL08X_ITOP3:              return dev->itop3;
	default:                       return 0;
	}
}

enum pl08x_access pl08x_read(pl08x_dev *dev, uint32_t offset, uint32_t *value)
{
	uint32_t off = offset & 0xFFCu;
	unsigned n, r;

	*value = 0;
	if (offset > 0xFFFu)
		return PL08X_ACCESS_UNMAPPED;
	if (decode_channel(dev, off, &n, &r)) {
		pl08x_chan_settle(dev, n); /* addresses and the A bit of a running op */
		*value = chan_read(dev, n, r);
		return PL08X_ACCESS_OK;
	}
	const pl08x_reg *reg = find_global(off);
	if (!reg)
		return PL08X_ACCESS_UNMAPPED;
	if (reg->acc == WO)
		return PL08X_ACCESS_WRITE_ONLY;
	*value = global_read(dev, off);
	return PL08X_ACCESS_OK;
}

uint32_t pl08x_rd(pl08x_dev *dev, uint32_t offset)
{
	uint32_t v;
	(void)pl08x_read(dev, offset, &v);
	return v;
}

static void config_write(pl08x_dev *dev, unsigned n, uint32_t v)
{
	pl08x_chan *ch = &dev->ch[n];
	bool was_on = pl08x_ch_enabled(ch);
	bool on = PL08X_GET(v, PL08X_CCFG_E);

	v &= CCFG_WMASK;
	if (!was_on) {
		ch->cfg = v;
		pl08x_irq_masks_update(dev);
		if (on)
			pl08x_chan_enable(dev, n);
		return;
	}
	/* Enabled: only the masks, lock and halt change; clearing E stops the channel. */
	ch->cfg = (ch->cfg & ~CCFG_LIVE_MASK) | (v & CCFG_LIVE_MASK);
	pl08x_irq_masks_update(dev);
	/* The beats of a running op take HLOCK from its template, and so do the item's full
	 * pieces (chan.c). (Cached next ops are made again: every write marks them all stale.) */
	bool lock = PL08X_GET(ch->cfg, PL08X_CCFG_L);
	if (ch->op_master != PL08X_NO_MASTER)
		dev->m[ch->op_master].op.beat.hlock = lock;
	dev->full[n][PL08X_BEAT_SRC].beat.hlock = lock;
	dev->full[n][PL08X_BEAT_DST].beat.hlock = lock;
	if (!on)
		pl08x_chan_disable(dev, n);
}

static enum pl08x_access chan_write(pl08x_dev *dev, unsigned n, unsigned r, uint32_t v)
{
	pl08x_chan *ch = &dev->ch[n];
	bool single_master = dev->nmasters == 1;

	if (r == PL08X_CH_CONFIG) {
		config_write(dev, n, v);
		return PL08X_ACCESS_OK;
	}
	if (pl08x_ch_enabled(ch))
		return PL08X_ACCESS_CHANNEL_BUSY;
	switch (r) {
	case PL08X_CH_SRC_ADDR:
		ch->src = v;
		break;
	case PL08X_CH_DEST_ADDR:
		ch->dst = v;
		break;
	case PL08X_CH_LLI:
		v &= ~2u; /* reserved, write as zero */
		ch->lli = single_master ? PL08X_SET(v, PL08X_LLI_LM, 0) : v;
		break;
	default:
		if (single_master)
			v = PL08X_SET(PL08X_SET(v, PL08X_CCTL_S, 0), PL08X_CCTL_D, 0);
		ch->ctl = v;
		break;
	}
	return PL08X_ACCESS_OK;
}

static void global_write(pl08x_dev *dev, uint32_t off, uint32_t v)
{
	uint32_t chmask = (1u << dev->nchan) - 1u;

	switch (off) {
	case PL08X_INT_TC_CLEAR: dev->raw_tc &= ~(v & chmask); break;
	case PL08X_INT_ERR_CLR:  dev->raw_err &= ~(v & chmask); break;
	case PL08X_SOFT_BREQ:    dev->soft[PL08X_REQ_B] |= (uint16_t)v; pl08x_req_update_idle(dev); break;
	case PL08X_SOFT_SREQ:    dev->soft[PL08X_REQ_S] |= (uint16_t)v; pl08x_req_update_idle(dev); break;
	case PL08X_SOFT_LBREQ:   dev->soft[PL08X_REQ_LB] |= (uint16_t)v; pl08x_req_update_idle(dev); break;
	case PL08X_SOFT_LSREQ:   dev->soft[PL08X_REQ_LS] |= (uint16_t)v; pl08x_req_update_idle(dev); break;
	case PL08X_CONFIG:
		/* The PL081 has no AHB2, so no M2 bit. */
		dev->config = v & (dev->nmasters == 1 ? 0x3u : 0x7u);
		break;
	case PL08X_SYNC:         dev->sync = v; break;
	case PL08X_ITCR:         dev->itcr = v; break;
	case PL08X_ITOP1:        dev->itop1 = v; break;
	case PL08X_ITOP2:        dev->itop2 = v; break;
	case PL08X_ITOP3:        dev->itop3 = v; break;
	default:                 break;
	}
}

enum pl08x_access pl08x_write(pl08x_dev *dev, uint32_t offset, uint32_t value)
{
	uint32_t off = offset & 0xFFCu;
	unsigned n, r;

	pl08x_bump(dev);
	dev->irq_outs_stale = true;
	/* A write may stop, drop or change a running op: the next step is a full one. */
	dev->quick = false;
	if (offset > 0xFFFu)
		return PL08X_ACCESS_UNMAPPED;
	if (decode_channel(dev, off, &n, &r))
		return chan_write(dev, n, r, value);
	const pl08x_reg *reg = find_global(off);
	if (!reg)
		return PL08X_ACCESS_UNMAPPED;
	if (reg->acc == RO)
		return PL08X_ACCESS_READ_ONLY;
	global_write(dev, off, value & reg->wmask);
	return PL08X_ACCESS_OK;
}

const char *pl08x_reg_name(const pl08x_dev *dev, uint32_t offset)
{
	unsigned n, r;

	if (offset > 0xFFFu)
		return NULL;
	if (decode_channel(dev, offset & 0xFFCu, &n, &r))
		return chan_reg_names[r / 4];
	const pl08x_reg *reg = find_global(offset & 0xFFCu);
	return reg ? reg->name : NULL;
}
