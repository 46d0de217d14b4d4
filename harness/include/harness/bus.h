/* The bus fabric: per AHB master of the DMAC, an address map of slaves that answer its
 * transfers, one HCLK cycle at a time.
 *
 * Slaves: memories (with wait states and byte lanes of either endianness), ERROR regions and
 * windows whose data phases are served by callbacks (peripheral data registers). An address is
 * looked up in the ERROR regions that fault for the access direction, then the windows, then
 * the memories; the first hit in order of creation answers. A transfer that hits nothing
 * answers OKAY (reads return HX_BUS_STRAY_DATA) and is counted as stray.
 *
 * Cycle conventions are those of the model's tests (tests/support/tb.h) and of
 * docs/timing-model.md: cycle c is the cycle in which the model drives the pins written by
 * its c-th step. hx_bus_cycle() is called once per cycle before pl08x_step(): for each master
 * it finishes or stretches the data phase in progress (HREADY, HRESP, HRDATA into @in; a write
 * takes out->hwdata in its last cycle), then, when HREADY is high and HTRANS is NONSEQ or SEQ,
 * accepts the address phase that becomes the next data phase.
 *
 * Byte lanes: little-endian, byte A on bits 8*(A%4)+7..8*(A%4); big-endian (BE-32), byte A on
 * bits 8*(3-A%4)+7..8*(3-A%4). A read returns the whole word holding A; a write stores only the
 * HSIZE bytes at A.
 *
 * Random wait states come from a generator seeded by hx_bus_create(); the same seed and the same
 * traffic give the same wait states. The bus allocates only while it is being built.
 */
#ifndef HX_BUS_H
#define HX_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pl08x/pins.h"

#define HX_BUS_STRAY_DATA      0xDEADBEEFu
#define HX_BUS_WAIT_PATTERN_MAX 32

/* How a slave chooses the wait states of each data phase */
enum hx_bus_wait_kind { HX_BUS_WAIT_FIXED, HX_BUS_WAIT_PATTERN, HX_BUS_WAIT_RANDOM };

/**
 * hx_bus_waits - wait states a slave inserts before it answers a data phase
 * @kind: which of the fields below applies
 * @fixed: HX_BUS_WAIT_FIXED: the same count for every data phase
 * @pattern, @len: HX_BUS_WAIT_PATTERN: counts of successive data phases, cycled
 * @min, @max: HX_BUS_WAIT_RANDOM: uniform in [@min, @max], from the bus's seeded generator
 */
typedef struct hx_bus_waits {
	enum hx_bus_wait_kind kind;
	unsigned fixed;
	uint8_t pattern[HX_BUS_WAIT_PATTERN_MAX];
	unsigned len;
	unsigned min, max;
} hx_bus_waits;

/** hx_bus_waits_fixed - @n wait states on every data phase */
static inline hx_bus_waits hx_bus_waits_fixed(unsigned n)
{
	hx_bus_waits w = { .kind = HX_BUS_WAIT_FIXED, .fixed = n };
	return w;
}

/** hx_bus_lane - bit position on the 32-bit data bus of the byte at @addr (LE or BE-32 lanes) */
static inline unsigned hx_bus_lane(uint32_t addr, bool big_endian)
{
	return 8u * (big_endian ? 3u - (addr & 3u) : addr & 3u);
}

/**
 * hx_lanes_read - the 32-bit bus word of the aligned word holding @addr, from the bytes @data
 * of a region at @base of @size bytes with the given byte lanes; lanes outside the region read 0
 */
uint32_t hx_lanes_read(const uint8_t *data, uint32_t base, uint32_t size, uint32_t addr,
		       bool big_endian);
/**
 * hx_lanes_write - store the @n bytes at @addr that the bus word @word carries into the bytes
 * @data of a region at @base of @size bytes; bytes outside the region are dropped
 */
void hx_lanes_write(uint8_t *data, uint32_t base, uint32_t size, uint32_t addr, unsigned n,
		    uint32_t word, bool big_endian);

/**
 * hx_bus_beat - one transfer: an accepted address phase and its data phase
 * @cycle: the cycle its address phase was driven and accepted
 * @done_cycle: the cycle its data phase ended (HREADY high: OKAY, or the 2nd ERROR cycle)
 * @master, @htrans, @hburst, @hsize, @hprot, @hwrite, @hlock, @addr: address-phase pins
 * @data: HRDATA returned or HWDATA taken
 * @resp: enum pl08x_hresp
 * @slave: index of the slave that answered (hx_bus_slave_name() names it), -1 for stray
 */
typedef struct hx_bus_beat {
	uint64_t cycle, done_cycle;
	uint8_t master, htrans, hburst, hsize, hprot;
	bool hwrite, hlock;
	uint32_t addr, data;
	uint8_t resp;
	int slave;
} hx_bus_beat;

/**
 * hx_bus_window_ops - callbacks of a window (a peripheral's data registers)
 * @read: data for a read of @bytes (1, 2 or 4) at @addr, as the HRDATA word: the callback
 *   places its bytes on the lanes itself (hx_bus_lane() with the window's endianness)
 * @write: @data of a write of @bytes at @addr, as it was on the bus (the whole HWDATA word)
 * Called once per data phase, in the cycle the data phase ends (after its wait states; never
 * for an address that an ERROR region answers). The window's @big_endian is for the callbacks'
 * owner to use; the bus does not move bytes between lanes for a window.
 */
typedef struct hx_bus_window_ops {
	uint32_t (*read)(void *ctx, uint32_t addr, unsigned bytes, uint64_t cycle);
	void (*write)(void *ctx, uint32_t addr, unsigned bytes, uint32_t data, uint64_t cycle);
} hx_bus_window_ops;

typedef struct hx_bus hx_bus;

/** hx_bus_create - an empty fabric for @masters (1 or 2) masters; @seed drives random waits. NULL when out of memory or @masters is not 1 or 2 */
hx_bus *hx_bus_create(unsigned masters, uint64_t seed);
/** hx_bus_destroy - free the fabric and its memories (NULL accepted) */
void hx_bus_destroy(hx_bus *b);

/*
 * Building the map. Each returns the slave's index (>= 0), or -1 with a message in
 * hx_bus_error() when the region is invalid: master out of range, size 0, wrapping past 4 GB,
 * overlapping another slave of the same kind on the same master, a bad wait pattern, or
 * out of memory. @name is copied (at most 31 characters are kept).
 * Overlaps: memories may not overlap memories, windows windows, and ERROR regions ERROR regions
 * that fault for a common direction; slaves of different kinds may overlap (the lookup order
 * above decides). An ERROR region must fault on at least one direction; a window needs both
 * callbacks. The wait states of an ERROR region are OKAY wait cycles before its two ERROR
 * cycles. Wait patterns and pattern positions are per slave; random waits draw from the one
 * generator of the bus (splitmix64, seeded by hx_bus_create()), in the order data phases are
 * accepted (master 0 before master 1 within a cycle).
 */
int hx_bus_add_mem(hx_bus *b, const char *name, unsigned master, uint32_t base, uint32_t size,
		bool big_endian, hx_bus_waits waits);
int hx_bus_add_error(hx_bus *b, const char *name, unsigned master, uint32_t base, uint32_t size,
		  bool on_read, bool on_write, hx_bus_waits waits);
int hx_bus_add_window(hx_bus *b, const char *name, unsigned master, uint32_t base, uint32_t size,
		   bool big_endian, hx_bus_waits waits, const hx_bus_window_ops *ops, void *ctx);
/** hx_bus_error - the reason of the last failed hx_bus_add_* or hx_bus_mem_* call */
const char *hx_bus_error(const hx_bus *b);
/** hx_bus_slave_name - the name given to slave @idx, or "stray" for -1 */
const char *hx_bus_slave_name(const hx_bus *b, int idx);

/** hx_bus_cycle - one cycle of every master (see the top of this file) */
void hx_bus_cycle(hx_bus *b, uint64_t cycle, const pl08x_pins_out *out, pl08x_pins_in *in);
/** hx_bus_idle - true when no data phase is in progress on any master */
bool hx_bus_idle(const hx_bus *b);
/** hx_bus_on_beat - call @fn for every transfer, when its data phase ends (NULL: off) */
void hx_bus_on_beat(hx_bus *b, void (*fn)(void *ctx, const hx_bus_beat *beat), void *ctx);

/*
 * Backdoor access to memories (no bus cycles, no wait states): byte addresses; the range must
 * lie inside one memory of @master. Return 0, or -1 with a message in hx_bus_error().
 */
int hx_bus_mem_write(hx_bus *b, unsigned master, uint32_t addr, const void *buf, size_t len);
int hx_bus_mem_read(const hx_bus *b, unsigned master, uint32_t addr, void *buf, size_t len);
/** hx_bus_mem_bytes - pointer to the @len bytes at @addr of one memory of @master, or NULL */
uint8_t *hx_bus_mem_bytes(hx_bus *b, unsigned master, uint32_t addr, size_t len);
/** hx_bus_mem_big_endian - the byte lanes of the memory holding @addr on @master */
bool hx_bus_mem_big_endian(const hx_bus *b, unsigned master, uint32_t addr);

/**
 * hx_bus_stats - counters of the run
 * @beats: transfers per master whose data phase has ended (ERROR ones included); @errors: ERROR
 * responses given; @stray: transfers that hit no slave, @stray_addr: the address of the first
 * one; @busy_cycles: cycles per master with a data phase in progress, wait states included (a
 * zero-wait beat counts 1, an ERROR after w waits counts w + 2)
 */
typedef struct hx_bus_stats {
	unsigned long beats[PL08X_MASTERS], errors, stray;
	uint32_t stray_addr;
	uint64_t busy_cycles[PL08X_MASTERS];
} hx_bus_stats;
void hx_bus_get_stats(const hx_bus *b, hx_bus_stats *stats);

/** hx_pattern_byte - byte @i of the deterministic test pattern @seed (vectors and tests share it) */
uint8_t hx_pattern_byte(uint32_t seed, size_t i);

#endif
