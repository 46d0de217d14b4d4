/* PL080/PL081 register map (TRM ARM DDI 0196, section 3.4).
 *
 * Offsets are relative to the AHB slave port base. Fields are PL08X_FIELD(shift, width)
 * pairs, read and written with PL08X_GET/PL08X_SET, never with hand-written shifts.
 */
#ifndef PL08X_REGS_H
#define PL08X_REGS_H

#include <stdint.h>

/* A field is the pair "shift, width"; the accessors take it as two macro arguments. */
#define PL08X_FIELD(shift, width) shift, width
#define PL08X_FMASK_(shift, width) ((uint32_t)((((uint64_t)1 << (width)) - 1u) << (shift)))
#define PL08X_GET_(reg, shift, width) (((uint32_t)(reg) >> (shift)) & (uint32_t)(((uint64_t)1 << (width)) - 1u))
#define PL08X_VAL_(shift, width, v) (((uint32_t)(v) << (shift)) & PL08X_FMASK_(shift, width))
#define PL08X_SET_(reg, shift, width, v) (((uint32_t)(reg) & ~PL08X_FMASK_(shift, width)) | PL08X_VAL_(shift, width, v))
/** PL08X_MASK(f) - the in-place mask of field f */
#define PL08X_MASK(...) PL08X_FMASK_(__VA_ARGS__)
/** PL08X_GET(reg, f) - the value of field f in register value reg */
#define PL08X_GET(...) PL08X_GET_(__VA_ARGS__)
/** PL08X_VAL(f, v) - value v placed in field f */
#define PL08X_VAL(...) PL08X_VAL_(__VA_ARGS__)
/** PL08X_SET(reg, f, v) - register value reg with field f replaced by v */
#define PL08X_SET(...) PL08X_SET_(__VA_ARGS__)

/* Global registers */
#define PL08X_INT_STATUS        0x000u /* RO */
#define PL08X_INT_TC_STATUS     0x004u /* RO */
#define PL08X_INT_TC_CLEAR      0x008u /* WO */
#define PL08X_INT_ERROR_STATUS  0x00Cu /* RO */
#define PL08X_INT_ERR_CLR       0x010u /* WO */
#define PL08X_RAW_INT_TC_STATUS 0x014u /* RO */
#define PL08X_RAW_INT_ERR_STATUS 0x018u /* RO */
#define PL08X_ENBLD_CHNS        0x01Cu /* RO */
#define PL08X_SOFT_BREQ         0x020u
#define PL08X_SOFT_SREQ         0x024u
#define PL08X_SOFT_LBREQ        0x028u
#define PL08X_SOFT_LSREQ        0x02Cu
#define PL08X_CONFIG            0x030u
#define PL08X_SYNC              0x034u

#define PL08X_CONFIG_E          PL08X_FIELD(0, 1)  /* controller enable */
#define PL08X_CONFIG_M1         PL08X_FIELD(1, 1)  /* AHB1 big-endian */
#define PL08X_CONFIG_M2         PL08X_FIELD(2, 1)  /* AHB2 big-endian */

/* Channel registers: channel n at PL08X_CH_BASE(n) + register */
#define PL08X_CH_BASE(n)        (0x100u + 0x20u * (unsigned)(n))
#define PL08X_CH_SRC_ADDR       0x00u
#define PL08X_CH_DEST_ADDR      0x04u
#define PL08X_CH_LLI            0x08u
#define PL08X_CH_CONTROL        0x0Cu
#define PL08X_CH_CONFIG         0x10u

#define PL08X_LLI_LM            PL08X_FIELD(0, 1)  /* master that loads the next item */
#define PL08X_LLI_ADDR_MASK     0xFFFFFFFCu

#define PL08X_CCTL_TS           PL08X_FIELD(0, 12) /* TransferSize, source-width units */
#define PL08X_CCTL_SBSIZE       PL08X_FIELD(12, 3)
#define PL08X_CCTL_DBSIZE       PL08X_FIELD(15, 3)
#define PL08X_CCTL_SWIDTH       PL08X_FIELD(18, 3)
#define PL08X_CCTL_DWIDTH       PL08X_FIELD(21, 3)
#define PL08X_CCTL_S            PL08X_FIELD(24, 1) /* source master */
#define PL08X_CCTL_D            PL08X_FIELD(25, 1) /* destination master */
#define PL08X_CCTL_SI           PL08X_FIELD(26, 1)
#define PL08X_CCTL_DI           PL08X_FIELD(27, 1)
#define PL08X_CCTL_PROT         PL08X_FIELD(28, 3) /* [0] privileged [1] bufferable [2] cacheable */
#define PL08X_CCTL_I            PL08X_FIELD(31, 1)
#define PL08X_TS_MAX            4095u

#define PL08X_CCFG_E            PL08X_FIELD(0, 1)
#define PL08X_CCFG_SRC_PERIPH   PL08X_FIELD(1, 4)
#define PL08X_CCFG_DEST_PERIPH  PL08X_FIELD(6, 4)
#define PL08X_CCFG_FLOW         PL08X_FIELD(11, 3)
#define PL08X_CCFG_IE           PL08X_FIELD(14, 1) /* error interrupt unmasked */
#define PL08X_CCFG_ITC          PL08X_FIELD(15, 1) /* terminal count interrupt unmasked */
#define PL08X_CCFG_L            PL08X_FIELD(16, 1)
#define PL08X_CCFG_A            PL08X_FIELD(17, 1) /* RO: FIFO holds data */
#define PL08X_CCFG_H            PL08X_FIELD(18, 1)

/* SBSize/DBSize encodings: 1, 4, 8, ... 256 transfers */
enum pl08x_bsize {
	PL08X_BSIZE_1, PL08X_BSIZE_4, PL08X_BSIZE_8, PL08X_BSIZE_16,
	PL08X_BSIZE_32, PL08X_BSIZE_64, PL08X_BSIZE_128, PL08X_BSIZE_256,
};
/* SWidth/DWidth encodings */
enum pl08x_width { PL08X_WIDTH_8, PL08X_WIDTH_16, PL08X_WIDTH_32 };

/* FlowCntrl: transfer type and flow controller */
enum pl08x_flow {
	PL08X_FLOW_MEM2MEM,          /* DMAC */
	PL08X_FLOW_MEM2PER,          /* DMAC */
	PL08X_FLOW_PER2MEM,          /* DMAC */
	PL08X_FLOW_SRC2DST,          /* DMAC */
	PL08X_FLOW_SRC2DST_DST,      /* destination peripheral */
	PL08X_FLOW_MEM2PER_PER,      /* destination peripheral */
	PL08X_FLOW_PER2MEM_PER,      /* source peripheral */
	PL08X_FLOW_SRC2DST_SRC,      /* source peripheral */
};

/* Test registers (TRM chapter 4) */
#define PL08X_ITCR              0x500u
#define PL08X_ITOP1             0x504u /* [15:0] DMACCLR */
#define PL08X_ITOP2             0x508u /* [15:0] DMACTC */
#define PL08X_ITOP3             0x50Cu /* [0] DMACINTERR [1] DMACINTTC [2] DMACINTR */
#define PL08X_ITOP3_INTERR      PL08X_FIELD(0, 1)
#define PL08X_ITOP3_INTTC       PL08X_FIELD(1, 1)
#define PL08X_ITOP3_INTR        PL08X_FIELD(2, 1)

/* Identification registers */
#define PL08X_PERIPH_ID0        0xFE0u
#define PL08X_PCELL_ID0         0xFF0u

/* An LLI item as it sits in memory: four little-endian words */
typedef struct pl08x_lli {
	uint32_t src;
	uint32_t dst;
	uint32_t lli;
	uint32_t ctl;
} pl08x_lli;

#endif
