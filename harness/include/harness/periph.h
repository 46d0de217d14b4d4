/* Peripherals on the DMAC's request lines: each owns one request line and a data window on
 * one master of the bus fabric.
 *
 * Handshake (TRM 3.x, "DMA request and response"): a request is raised, held until DMACCLR of
 * its line is seen high after having been seen low while the request was up (a DMACCLR left
 * over from the previous request does not count), and dropped in the cycle after that; the
 * next request is raised no earlier than one cycle after the drop. Same rules as the model
 * tests' scripted peripheral (tests/support/tb.h).
 *
 * Kinds:
 * - HX_PERIPH_FIFO: a FIFO of @depth elements of @width bytes, like a UART or SSP.
 *   HX_PERIPH_TO_MEMORY (the peripheral is the DMA source, e.g. a receiver): one element arrives
 *   every @rate cycles until @count have arrived; data are hx_pattern_byte(@data_seed, i) for the
 *   i-th byte. A burst request is raised while at least @watermark elements are held, a single
 *   request (if @singles) while at least one is held. A DMA read pops one element; a read of an
 *   empty FIFO returns 0 and counts an underrun.
 *   HX_PERIPH_FROM_MEMORY (the DMA destination, e.g. a transmitter): one element leaves every
 *   @rate cycles while any is held; requests as above on the free space; each DMA write pushes
 *   one element, kept in the capture buffer; a write to a full FIFO counts an overrun.
 *   With @flow_controller the peripheral also ends the transfer after @count elements (for
 *   FlowCntrl values 4-7): the request for the last burst adds DMACLBREQ, and when fewer than
 *   @watermark elements remain it uses single requests, the last with DMACLSREQ.
 * - HX_PERIPH_SCRIPT: raises the listed requests at their cycles (or later, by the handshake),
 *   then @repeat_kind again and again (0: nothing). Its window reads return the bytes
 *   hx_pattern_byte(@data_seed, i) in order and captures what is written.
 */
#ifndef HX_PERIPH_H
#define HX_PERIPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "harness/bus.h"
#include "pl08x/pins.h"

/* Request pins, as bits, so that one request can raise several (HX_PERIPH_BREQ | HX_PERIPH_SREQ) */
enum hx_periph_req_bits { HX_PERIPH_BREQ = 1 << 0, HX_PERIPH_SREQ = 1 << 1, HX_PERIPH_LBREQ = 1 << 2, HX_PERIPH_LSREQ = 1 << 3 };

enum hx_periph_kind { HX_PERIPH_FIFO, HX_PERIPH_SCRIPT };
enum hx_periph_dir { HX_PERIPH_TO_MEMORY, HX_PERIPH_FROM_MEMORY };

/** hx_periph_req - a scripted request: raise @bits (enum hx_periph_req_bits) at cycle @at or later */
typedef struct hx_periph_req {
	uint64_t at;
	unsigned bits;
} hx_periph_req;

/**
 * hx_periph_config - what a peripheral is; see the top of this file for the fields' meaning.
 * @size: window size in bytes (0 means 4); @waits: the window's wait states.
 * @script, @script_len: copied by hx_periph_create().
 */
typedef struct hx_periph_config {
	const char *name;
	enum hx_periph_kind kind;
	unsigned line, master;
	uint32_t base, size;
	bool big_endian;
	hx_bus_waits waits;
	enum hx_periph_dir dir;
	unsigned width, depth, rate, watermark;
	bool singles, flow_controller;
	unsigned long count;
	uint32_t data_seed;
	const hx_periph_req *script;
	size_t script_len;
	unsigned repeat_kind;
} hx_periph_config;

typedef struct hx_periph hx_periph;

/**
 * hx_periph_create - a peripheral whose window is added to @b
 * Return: the peripheral, or NULL with a message of at most @err_len bytes in @err naming the
 * field at fault (e.g. "line: 17 is not a request line (0..15)").
 */
hx_periph *hx_periph_create(const hx_periph_config *cfg, hx_bus *b, char *err, size_t err_len);
void hx_periph_destroy(hx_periph *p);
const char *hx_periph_name(const hx_periph *p);
unsigned hx_periph_line(const hx_periph *p);

/**
 * hx_periph_cycle - the request pins of cycle @cycle
 * @out: the model's outputs of cycle @cycle - 1 (DMACCLR, DMACTC)
 * @bits: receives this peripheral's pins (enum hx_periph_req_bits) for cycle @cycle
 * The FIFO's fill and drain for the cycle happen here too.
 */
void hx_periph_cycle(hx_periph *p, uint64_t cycle, const pl08x_pins_out *out, unsigned *bits);
/**
 * hx_periph_next_change - the first cycle >= @cycle at which the peripheral may change its pins
 * or its FIFO while the model's outputs stay as they are (UINT64_MAX: never)
 */
uint64_t hx_periph_next_change(const hx_periph *p, uint64_t cycle);

/**
 * hx_periph_stats - @served requests ended by DMACCLR, @tc DMACTC seen, @moved elements that
 * arrived (TO_MEMORY) or left (FROM_MEMORY), @underruns, @overruns, @level elements held
 */
typedef struct hx_periph_stats {
	unsigned long served, tc, moved, underruns, overruns, level;
} hx_periph_stats;
void hx_periph_get_stats(const hx_periph *p, hx_periph_stats *st);
/** hx_periph_captured - the bytes written to the window, in order; *@len receives their number */
const uint8_t *hx_periph_captured(const hx_periph *p, size_t *len);

#endif
