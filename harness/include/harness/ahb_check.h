/* AHB protocol checker for one master port (AMBA 2 AHB / AHB-Lite rules a DMA master must
 * keep). It sees the pins of every cycle and records each violation with its cycle.
 *
 * Burst rules are checked at the cycles whose address phase is sampled (HREADY high), so an
 * address phase held through wait states is judged once. Violation classes
 * (enum hx_ahb_violation):
 * - HTRANS: SEQ or BUSY with no burst in progress (none begun, or the last one ended by an
 *   IDLE), or a SEQ whose HWRITE, HSIZE, HBURST or HPROT differs from the burst's NONSEQ.
 * - ADDR_INCR: a SEQ address that is not the previous one plus the transfer size (for WRAP4/8/16
 *   the wrapped address; wrapping bursts are legal AHB, the DMAC just never uses them).
 * - BOUNDARY_1K: a burst crossing a 1 KB address boundary: a fixed-length INCR burst whose
 *   declared length crosses (reported at its NONSEQ), or an INCR burst reaching a SEQ at a
 *   multiple of 1 KB.
 * - HOLD: address or control (HTRANS, HADDR, HWRITE, HSIZE, HBURST, HPROT, HLOCK) of a NONSEQ or
 *   SEQ changed while HREADY was low (the address phase must be held until accepted). IDLE and
 *   BUSY may change during wait states.
 * - HSIZE: a size wider than the bus (32 bits: HSIZE > 2).
 * - ALIGN: an address not aligned to HSIZE.
 * - BURST_LEN: a fixed-length burst (INCR4/8/16, WRAP4/8/16) with more beats than its length.
 * - ERROR: in the second cycle of an ERROR response (the cycle after HREADY low + ERROR) the master
 *   may only keep its pending address phase or change HTRANS to IDLE (the one exception to
 *   HOLD); anything else is reported here. A response that is not two cycles (ERROR with HREADY
 *   low, then ERROR with HREADY high), or ERROR with no data phase in progress, is also
 *   reported here, as a slave fault seen on this port.
 * Not violations: a fixed-length burst ended before its length without an ERROR, by IDLE or by
 * a new NONSEQ, is counted in @early_ends (AMBA 2 lets a master that loses the bus do that; the
 * PL080 does it when a channel or the controller is disabled mid-burst, docs/timing-model.md
 * section 17, as tests/support/tb.c counts it). After an ERROR the rest of the burst may be
 * cancelled or continued, neither is counted.
 *
 * Use: hx_ahb_check_cycle() once per cycle, after the bus has answered (so @in holds the HREADY
 * and HRESP that end the cycle) with the master's pins of that same cycle.
 */
#ifndef HX_AHB_CHECK_H
#define HX_AHB_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "pl08x/pins.h"

enum hx_ahb_violation {
	HX_AHB_V_HTRANS, HX_AHB_V_ADDR_INCR, HX_AHB_V_BOUNDARY_1K, HX_AHB_V_HOLD, HX_AHB_V_HSIZE, HX_AHB_V_ALIGN,
	HX_AHB_V_BURST_LEN, HX_AHB_V_ERROR, HX_AHB_V_COUNT
};

/**
 * hx_ahb_pins - one master's pins in one cycle
 * @htrans, @haddr, @hwrite, @hsize, @hburst, @hprot, @hlock: driven by the master
 * @hready, @hresp: driven by the slave, ending the cycle
 */
typedef struct hx_ahb_pins {
	uint8_t htrans, hsize, hburst, hprot;
	bool hwrite, hlock;
	uint32_t haddr;
	bool hready;
	uint8_t hresp;
} hx_ahb_pins;

/**
 * hx_ahb_check - checker state of one master (zero-initialise, or hx_ahb_check_init)
 * @count: violations per class; @total: all of them
 * @first_cycle, @first: the first violation's cycle and a one-line description
 * @early_ends: fixed-length bursts ended before their length without an ERROR (legal)
 */
typedef struct hx_ahb_check {
	unsigned master;
	unsigned long count[HX_AHB_V_COUNT], total, early_ends;
	uint64_t first_cycle;
	char first[160];
	/* private: the burst in progress and the previous cycle */
	bool prev_valid, open, err_pending, burst_err, dphase;
	hx_ahb_pins prev;
	uint8_t burst_hburst, burst_hsize, burst_hprot;
	bool burst_hwrite;
	unsigned burst_len, burst_beats;
	uint32_t burst_addr, burst_start;
} hx_ahb_check;

void hx_ahb_check_init(hx_ahb_check *c, unsigned master);
/** hx_ahb_check_cycle - look at cycle @cycle; returns the number of violations it found */
unsigned hx_ahb_check_cycle(hx_ahb_check *c, uint64_t cycle, const hx_ahb_pins *pins);
/** hx_ahb_check_step - hx_ahb_check_cycle() with the pins of master @c->master taken from the model's
 * outputs @out of cycle @cycle and the bus's answer @in of that cycle */
unsigned hx_ahb_check_step(hx_ahb_check *c, uint64_t cycle, const pl08x_pins_out *out,
			   const pl08x_pins_in *in);
/** hx_ahb_violation_name - short name of a class ("htrans", "addr-incr", "1k-boundary", ...) */
const char *hx_ahb_violation_name(enum hx_ahb_violation v);

#endif
