/* The pins of the PL080/PL081 block, one HCLK cycle at a time (TRM Appendix A).
 *
 * pl08x_pins_in holds what the block samples at a rising edge of HCLK; pl08x_pins_out holds
 * what it drives during the following cycle. Masters are indexed 0 (AHB1) and 1 (AHB2);
 * the PL081 only uses index 0.
 */
#ifndef PL08X_PINS_H
#define PL08X_PINS_H

#include <stdbool.h>
#include <stdint.h>

#define PL08X_MASTERS   2
#define PL08X_REQ_LINES 16

/* HTRANS encodings */
enum pl08x_htrans { PL08X_HTRANS_IDLE, PL08X_HTRANS_BUSY, PL08X_HTRANS_NONSEQ, PL08X_HTRANS_SEQ };
/* HBURST encodings used by the DMAC */
enum pl08x_hburst {
	PL08X_HBURST_SINGLE = 0, PL08X_HBURST_INCR = 1,
	PL08X_HBURST_INCR4 = 3, PL08X_HBURST_INCR8 = 5, PL08X_HBURST_INCR16 = 7,
};
/* HSIZE encodings (bytes = 1 << hsize) */
enum pl08x_hsize { PL08X_HSIZE_8, PL08X_HSIZE_16, PL08X_HSIZE_32 };
/* HRESP encodings the DMAC understands */
enum pl08x_hresp { PL08X_HRESP_OKAY, PL08X_HRESP_ERROR };
/* HPROT bits */
#define PL08X_HPROT_DATA       0x1u
#define PL08X_HPROT_PRIV       0x2u
#define PL08X_HPROT_BUFFERABLE 0x4u
#define PL08X_HPROT_CACHEABLE  0x8u

/**
 * pl08x_pins_in - inputs sampled at the rising edge that ends a cycle
 * @hready: per master; low stretches the data phase in progress
 * @hresp: per master, enum pl08x_hresp; ERROR takes two cycles (HREADY low, then high)
 * @hrdata: per master, read data of the data phase that completes at this edge
 * @breq: DMACBREQ[15:0], burst request per line
 * @sreq: DMACSREQ[15:0], single request per line
 * @lbreq: DMACLBREQ[15:0], last burst request per line
 * @lsreq: DMACLSREQ[15:0], last single request per line
 */
typedef struct pl08x_pins_in {
	bool hready[PL08X_MASTERS];
	uint8_t hresp[PL08X_MASTERS];
	uint32_t hrdata[PL08X_MASTERS];
	uint16_t breq, sreq, lbreq, lsreq;
} pl08x_pins_in;

/**
 * pl08x_pins_out - outputs driven during one cycle
 * @htrans: per master, enum pl08x_htrans of the address phase
 * @haddr, @hwrite, @hsize, @hburst, @hprot, @hlock: per master, address-phase control
 * @hwdata: per master, write data of the data phase in progress
 * @clr: DMACCLR[15:0], request served
 * @tc: DMACTC[15:0], terminal count of a DMAC-controlled transfer
 * @intr, @inttc, @interr: DMACINTR, DMACINTTC, DMACINTERR
 */
typedef struct pl08x_pins_out {
	uint8_t htrans[PL08X_MASTERS];
	uint32_t haddr[PL08X_MASTERS];
	bool hwrite[PL08X_MASTERS];
	uint8_t hsize[PL08X_MASTERS];
	uint8_t hburst[PL08X_MASTERS];
	uint8_t hprot[PL08X_MASTERS];
	bool hlock[PL08X_MASTERS];
	uint32_t hwdata[PL08X_MASTERS];
	uint16_t clr, tc;
	bool intr, inttc, interr;
} pl08x_pins_out;

/** pl08x_pins_in_idle - inputs of a quiet system: HREADY high, OKAY, no requests */
static inline pl08x_pins_in pl08x_pins_in_idle(void)
{
	pl08x_pins_in in = { .hready = { true, true } };
	return in;
}

#endif
