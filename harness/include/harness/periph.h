/* Peripherals on the DMAC's request lines: each owns one request line and a data window on
 * one master of the bus fabric.
 *
 * Handshake (TRM Appendix B, KA3493): a request is raised, held until DMACCLR of its line is
 * seen high after having been seen low while the request was up (a DMACCLR left over from the
 * previous request does not count), and dropped in the cycle after that; the next request is
 * raised no earlier than one cycle after the drop. The peripheral is registered: its pins of
 * cycle c depend on the model's outputs of cycles before c only. Same rules and cycles as the
 * model tests' scripted peripheral (tests/support/tb.h); test_hx_periph.c compares them.
 *
 * Kinds:
 * - HX_PERIPH_FIFO: a FIFO of @depth elements of @width bytes (1, 2 or 4), like a UART or SSP.
 *   Only its level is kept. The FIFO moves at most one element per cycle, the first no earlier
 *   than cycle @start + @rate, then each no earlier than @rate cycles after the previous one.
 *   HX_PERIPH_TO_MEMORY (the peripheral is the DMA source, e.g. a receiver): one element arrives
 *   every @rate cycles until @count have arrived (@count 0: without end); an arrival that finds
 *   the FIFO full waits for room (the producer stalls, nothing is lost). Element k holds the
 *   bytes hx_pattern_byte(@data_seed, k * @width + j), j < @width. A DMA read pops one element
 *   whatever its size, the element's bytes on the lanes of addr, addr + 1, ... (lanes beyond
 *   @width read 0); a read of an empty FIFO returns 0 and counts an underrun.
 *   HX_PERIPH_FROM_MEMORY (the DMA destination, e.g. a transmitter): one element leaves every
 *   @rate cycles while any is held (an element written into an empty FIFO whose timer has run
 *   out leaves in the same cycle: the transmitter takes it at once). Each DMA write pushes one
 *   element; the bytes of the write are kept in the capture buffer; a write to a full FIFO is
 *   captured but counts an overrun (the element is lost). With @count > 0 requests stop once
 *   @count elements have been written. Reads of its window return 0.
 *   Requests (not flow controller): raised when the handshake allows, from the state of that
 *   cycle (after the cycle's arrival or departure), with "avail" = elements held (to_memory) or
 *   free (from_memory): BREQ when avail >= @watermark, plus SREQ when @singles and avail >= 1
 *   (like the PrimeCell UART, which drives both). The kind stays as raised until the handshake
 *   drops it. @watermark should equal the channel's burst size on the peripheral side
 *   (SBSize/DBSize, in transfers of @width): a burst request moves that many elements.
 *   With @flow_controller (FlowCntrl 4-7, the peripheral ends the transfer after @count
 *   elements) it counts what the DMA has moved so far (reads or writes of its data register)
 *   and, with rem = @count - moved, raises:
 *     rem >= @watermark and avail >= @watermark: BREQ, plus LBREQ when rem == @watermark;
 *     else avail >= 1 and (rem < @watermark or @singles): SREQ, plus LSREQ when rem == 1;
 *     rem == 0: nothing more.
 *   This fits the model (model/src/request.c, latch_side): under peripheral flow control the
 *   controlling side's BREQ or LBREQ moves one burst of SBSize/DBSize transfers and SREQ or LSREQ
 *   one transfer; LBREQ/LSREQ make that request the item's last (the channel then finishes the
 *   item, or loads the next LLI). Every request is served completely before the next is raised
 *   (DMACCLR follows the last data phase, docs/timing-model.md section 11), so "moved" is exact
 *   when a request is chosen. E.g. @count 10, @watermark 4: BREQ, BREQ, SREQ, SREQ|LSREQ;
 *   @count 8: BREQ, BREQ|LBREQ. (Under DMAC flow control, FlowCntrl 0-3, the model ignores
 *   LBREQ/LSREQ, so such a peripheral then behaves as a plain FIFO that stops after @count.)
 * - HX_PERIPH_SCRIPT: raises the listed requests at their cycles (or later, by the handshake),
 *   then @repeat_kind again and again (0: nothing). Its window reads return the bytes
 *   hx_pattern_byte(@data_seed, i) in order, i counting every byte read (the access's bytes on
 *   the lanes of addr, addr + 1, ...), and captures what is written.
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
 * @start: the FIFO's time origin (first element moves at @start + @rate at the earliest)
 * @script, @script_len: copied by hx_periph_create().
 * Validation (hx_periph_create): line < 16, master < 2, width 1/2/4, depth >= 1, rate >= 1,
 * 1 <= watermark <= depth, count >= 1 for a flow controller, script bits 1..0xF.
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
	uint64_t start;
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
 * @out: the model's outputs of cycle @cycle, i.e. pl08x_cycle() == @cycle and @out is what the
 *   last pl08x_step() wrote (DMACCLR, DMACTC); the peripheral keeps them and acts on them from
 *   cycle @cycle + 1 on (registered), exactly as tb_step() does with t->out / t->prev_out
 * @bits: receives this peripheral's pins (enum hx_periph_req_bits) for cycle @cycle, the
 *   request inputs of pl08x_step() number @cycle
 * Call once per cycle, after hx_bus_cycle() of that cycle (a DMA access of the cycle counts
 * before the request decision); cycles may be skipped only as hx_periph_next_change() allows.
 * The FIFO's fill and drain for the cycle happen here too.
 */
void hx_periph_cycle(hx_periph *p, uint64_t cycle, const pl08x_pins_out *out, unsigned *bits);
/** hx_periph_pins - the pins (enum hx_periph_req_bits) given by the last hx_periph_cycle() */
unsigned hx_periph_pins(const hx_periph *p);
/**
 * hx_periph_next_change - the first cycle >= @cycle at which the peripheral may change its pins
 * or its FIFO while the model's outputs stay as they were at the last hx_periph_cycle() and no
 * DMA access reaches its window (UINT64_MAX: never). Exact: the pins or the FIFO level do
 * change at the cycle returned (when it is not UINT64_MAX), and at no cycle before it.
 */
uint64_t hx_periph_next_change(const hx_periph *p, uint64_t cycle);

/**
 * hx_periph_stats - @served requests ended by DMACCLR, @tc rising edges of DMACTC of the line,
 * @moved elements that arrived (TO_MEMORY) or left (FROM_MEMORY), @underruns, @overruns,
 * @level elements held, @dma FIFO data-register accesses of the DMA in the FIFO's direction
 * (reads of a to_memory FIFO, underruns included; writes of a from_memory one, overruns included)
 */
typedef struct hx_periph_stats {
	unsigned long served, tc, moved, underruns, overruns, level, dma;
} hx_periph_stats;
void hx_periph_get_stats(const hx_periph *p, hx_periph_stats *st);
/** hx_periph_captured - the bytes written to the window, in order; *@len receives their number */
const uint8_t *hx_periph_captured(const hx_periph *p, size_t *len);

#endif
