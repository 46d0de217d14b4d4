/* AHB protocol checker for one master port (AMBA 2 AHB / AHB-Lite rules a DMA master must
 * keep). It sees the pins of every cycle and records each violation with its cycle.
 *
 * Violation classes (enum hx_ahb_violation):
 * - HTRANS: SEQ (or BUSY) with no burst in progress, or SEQ whose control differs from the
 *   burst's NONSEQ; NONSEQ in the middle of an INCR4/8/16 that has not ended (allowed only
 *   after an ERROR or when the master gives up the burst: counted apart as an early end).
 * - ADDR_INCR: a SEQ address that is not the previous one plus the transfer size.
 * - BOUNDARY_1K: a burst crossing a 1 KB address boundary.
 * - HOLD: address or control (HTRANS, HADDR, HWRITE, HSIZE, HBURST, HPROT, HLOCK) changed while
 *   HREADY was low (the address phase must be held until accepted).
 * - HSIZE: a size wider than the bus (32 bits) or a reserved encoding.
 * - ALIGN: an address not aligned to HSIZE.
 * - BURST_LEN: a fixed-length burst (INCR4/8/16) with more beats than its length.
 * - ERROR: in the first cycle of an ERROR response (HREADY low, HRESP ERROR) the master may
 *   only keep its address phase or change HTRANS to IDLE (the one exception to HOLD); a
 *   response that is not two cycles (ERROR with HREADY low, then with HREADY high) is also
 *   reported here, as a slave fault seen on this port.
 *
 * Use: hx_ahb_check_cycle() once per cycle, after the bus has answered (so @in holds the HREADY
 * and HRESP that end the cycle) with the master's pins of that same cycle.
 */
#ifndef HX_AHB_CHECK_H
#define HX_AHB_CHECK_H

#include <stdbool.h>
#include <stdint.h>

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
	bool prev_valid, open, err_pending;
	hx_ahb_pins prev;
	uint8_t burst_hburst, burst_hsize;
	bool burst_hwrite;
	unsigned burst_len, burst_beats;
	uint32_t burst_addr, burst_start;
} hx_ahb_check;

void hx_ahb_check_init(hx_ahb_check *c, unsigned master);
/** hx_ahb_check_cycle - look at cycle @cycle; returns the number of violations it found */
unsigned hx_ahb_check_cycle(hx_ahb_check *c, uint64_t cycle, const hx_ahb_pins *pins);
/** hx_ahb_violation_name - short name of a class ("htrans", "addr-incr", "1k-boundary", ...) */
const char *hx_ahb_violation_name(enum hx_ahb_violation v);

#endif
