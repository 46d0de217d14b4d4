/* dmac_priv.h - what the driver core's files share: the PL08x register map (TRM ARM DDI 0196,
 * section 3.4; the driver has its own copy, it knows nothing of the model), intrusive lists,
 * and the functions one file offers the others.
 */
#ifndef DMAC_PRIV_H
#define DMAC_PRIV_H

#include "dmac.h"

/* Deliberate bugs. The checkers' tests (tests/checkers/, driver/CMakeLists.txt
 * pl08x_driver_variant) compile this core again with one of these macros defined, to show each
 * checker catching its bug class; no real build defines them. Each site is marked "BUG (test
 * variant)": DMAC_BUG_CALLBACK_UNDER_LOCK, DMAC_BUG_RECURSIVE_LOCK, DMAC_BUG_IRQ_UNSAFE,
 * DMAC_BUG_LOCK_ORDER, DMAC_BUG_SLEEP_IN_ATOMIC, DMAC_BUG_MISSING_UNMAP, DMAC_BUG_DOUBLE_UNMAP,
 * DMAC_BUG_WRONG_DIRECTION, DMAC_BUG_OUTSIDE_MAPPING, DMAC_BUG_UNMAP_AFTER_CALLBACK. */

/* ---- registers ------------------------------------------------------------------------------ */

/* A field is "shift, width"; DMAC_GET/DMAC_VAL take it as two arguments */
#define DMAC_FIELD(shift, width) shift, width
#define DMAC_FMASK_(shift, width) ((uint32_t)((((uint64_t)1 << (width)) - 1u) << (shift)))
#define DMAC_GET_(reg, shift, width) (((uint32_t)(reg) >> (shift)) & (uint32_t)((((uint64_t)1 << (width)) - 1u)))
#define DMAC_VAL_(shift, width, v) (((uint32_t)(v) << (shift)) & DMAC_FMASK_(shift, width))
#define DMAC_MASK(...) DMAC_FMASK_(__VA_ARGS__)
#define DMAC_GET(...) DMAC_GET_(__VA_ARGS__)
#define DMAC_VAL(...) DMAC_VAL_(__VA_ARGS__)

#define DMAC_INT_TC_STATUS      0x004u /* RO, masked */
#define DMAC_INT_TC_CLEAR       0x008u /* WO */
#define DMAC_INT_ERROR_STATUS   0x00Cu /* RO, masked */
#define DMAC_INT_ERR_CLR        0x010u /* WO */
#define DMAC_ENBLD_CHNS         0x01Cu /* RO */
#define DMAC_CONFIG             0x030u
#define DMAC_CONFIG_E           DMAC_FIELD(0, 1)

#define DMAC_CH(n, reg)         (0x100u + 0x20u * (unsigned)(n) + (reg))
#define DMAC_CH_SRC             0x00u
#define DMAC_CH_DST             0x04u
#define DMAC_CH_LLI             0x08u
#define DMAC_CH_CTL             0x0Cu
#define DMAC_CH_CFG             0x10u

#define DMAC_LLI_LM             DMAC_FIELD(0, 1)
#define DMAC_LLI_ADDR           0xFFFFFFFCu

#define DMAC_CCTL_TS            DMAC_FIELD(0, 12)
#define DMAC_CCTL_SBSIZE        DMAC_FIELD(12, 3)
#define DMAC_CCTL_DBSIZE        DMAC_FIELD(15, 3)
#define DMAC_CCTL_SWIDTH        DMAC_FIELD(18, 3)
#define DMAC_CCTL_DWIDTH        DMAC_FIELD(21, 3)
#define DMAC_CCTL_S             DMAC_FIELD(24, 1)
#define DMAC_CCTL_D             DMAC_FIELD(25, 1)
#define DMAC_CCTL_SI            DMAC_FIELD(26, 1)
#define DMAC_CCTL_DI            DMAC_FIELD(27, 1)
#define DMAC_CCTL_I             DMAC_FIELD(31, 1)
#define DMAC_TS_MAX             4095u

#define DMAC_CCFG_E             DMAC_FIELD(0, 1)
#define DMAC_CCFG_SRC_PERIPH    DMAC_FIELD(1, 4)
#define DMAC_CCFG_DST_PERIPH    DMAC_FIELD(6, 4)
#define DMAC_CCFG_FLOW          DMAC_FIELD(11, 3)
#define DMAC_CCFG_IE            DMAC_FIELD(14, 1)
#define DMAC_CCFG_ITC           DMAC_FIELD(15, 1)
#define DMAC_CCFG_A             DMAC_FIELD(17, 1) /* RO */
#define DMAC_CCFG_H             DMAC_FIELD(18, 1)

/* FlowCntrl values the driver uses (DMAC is flow controller) */
#define DMAC_FLOW_MEM2MEM       0u
#define DMAC_FLOW_MEM2PER       1u
#define DMAC_FLOW_PER2MEM       2u

/* LLI item words (16 bytes, little-endian words as the DMAC loads them) */
#define DMAC_LLI_WORDS          4u
#define DMAC_LLI_SRC            0u
#define DMAC_LLI_DST            1u
#define DMAC_LLI_NEXT           2u
#define DMAC_LLI_CTL            3u

/* Polls of A after setting H before dmac_pause() gives up */
#define DMAC_PAUSE_POLLS        1000u

/* ---- lists ---------------------------------------------------------------------------------- */

#define dmac_container_of(ptr, type, member) ((type *)(void *)((char *)(ptr) - offsetof(type, member)))

static inline void dmac_list_init(struct dmac_list *h)
{
	h->next = h->prev = h;
}

static inline bool dmac_list_empty(const struct dmac_list *h)
{
	return h->next == h;
}

static inline void dmac_list_add_tail(struct dmac_list *n, struct dmac_list *h)
{
	n->prev = h->prev;
	n->next = h;
	h->prev->next = n;
	h->prev = n;
}

static inline void dmac_list_del(struct dmac_list *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = n;
}

/* Move every node of @from to the tail of @to; @from ends empty */
static inline void dmac_list_splice_tail_init(struct dmac_list *from, struct dmac_list *to)
{
	if (dmac_list_empty(from))
		return;
	from->next->prev = to->prev;
	to->prev->next = from->next;
	from->prev->next = to;
	to->prev = from->prev;
	dmac_list_init(from);
}

static inline struct dmac_desc *dmac_desc_of(struct dmac_list *n)
{
	return dmac_container_of(n, struct dmac_desc, node);
}

/* The first descriptor of @h, or NULL */
static inline struct dmac_desc *dmac_first_desc(struct dmac_list *h)
{
	return dmac_list_empty(h) ? NULL : dmac_desc_of(h->next);
}

/* ---- between the files ---------------------------------------------------------------------- */

/* chan.c: physical channels and the virtual channels' queues */
void dmac_phy_stop(struct dmac_dev *d, struct dmac_phy *p);
struct dmac_phy *dmac_phy_get_or_wait(struct dmac_chan *c); /* vchan lock held */
void dmac_phy_put(struct dmac_chan *c);                    /* vchan lock held */
void dmac_start_next(struct dmac_chan *c);                 /* vchan lock held */
void dmac_chan_queue_ended(struct dmac_chan *c);           /* vchan lock held */
void dmac_serve_waiters(struct dmac_dev *d);               /* no lock held */
void dmac_chan_work(struct osal_work *w);

/* desc.c: descriptors and the LLI builder */
struct dmac_desc *dmac_desc_get(struct dmac_chan *c);
void dmac_desc_put(struct dmac_desc *desc);                /* no lock held: frees LLI block */
void dmac_desc_release(struct dmac_desc *desc);            /* unmaps, then frees or retires */
uint32_t dmac_item_bytes(uint32_t ctl);

/* residue.c */
uint32_t dmac_hw_residue(struct dmac_chan *c, const struct dmac_desc *desc); /* vchan lock held */
bool dmac_cookie_done(const struct dmac_chan *c, dmac_cookie cookie);
bool dmac_cookie_failed(const struct dmac_chan *c, dmac_cookie cookie);

#endif
