/* Testbench for the Criterion tests of the model: one pl08x instance inside a small AHB
 * system (memories, error regions, peripherals on request lines), one HCLK cycle per step.
 *
 * Cycle numbering. Cycle c is the cycle in which the model drives the pins written by its
 * c-th step: while the testbench looks at t->out, pl08x_cycle(t->dev) == tb_cycle(t) == c.
 *  - tb_beat.cycle: the cycle in which the address phase was driven (and accepted, HREADY
 *    high); tb_beat.done_cycle: the cycle whose closing edge ended the data phase (HREADY
 *    high: OKAY with the data, or the second cycle of an ERROR).
 *  - Output edges (DMACCLR, DMACTC, DMACINTR/INTTC/INTERR) are logged at the first cycle the
 *    pin has its new level, so right after tb_run_until_irq() returns true, tb_cycle(t) is
 *    the cycle of the edge.
 *  - Request edges are logged at the first cycle the testbench drives the new level.
 *
 * One tb_step(): for each master, the slave owning the pending data phase answers (HREADY,
 * HRESP, HRDATA; a write takes out.hwdata during its last cycle); then, when HREADY is high
 * and HTRANS is NONSEQ or SEQ, the address phase is accepted and becomes the next data
 * phase; the peripherals drive their request pins; then pl08x_step().
 *
 * Slaves. Each master has its own address map. An address is looked up in the error regions
 * (only those that fault for the access direction), then the peripherals, then the memories;
 * the first hit in order of creation answers. An access that hits nothing answers OKAY with
 * TB_STRAY_DATA and counts in t->stray. Byte lanes: little-endian, byte A on bits
 * 8*(A%4)+7..8*(A%4); big-endian (BE-32, word-invariant), byte A on bits 8*(3-A%4)+7... A
 * memory read returns the whole word holding A; a write stores only the HSIZE bytes at A.
 *
 * Misuse of the testbench itself (a memory helper outside every memory, too many regions,
 * out of memory) prints a message and aborts, which Criterion reports as a crash.
 */
#ifndef TB_H
#define TB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pl08x/model.h"

#define TB_MAX_MEMS         16
#define TB_MAX_ERRS         8
#define TB_MAX_PERIPHS      16
#define TB_WAIT_PATTERN_MAX 32
#define TB_ANY              0xFFu        /* any master / any line in lookups */
#define TB_NONE             UINT64_MAX   /* no such cycle */
#define TB_STRAY_DATA       0xDEADBEEFu

/**
 * tb_waits - wait states a slave inserts before it answers a data phase
 * @fixed: wait states of every data phase when @len is 0
 * @pattern: wait states of successive data phases, cycled, when @len > 0
 * @len: entries used in @pattern; @next: index of the next one (starts at 0)
 */
typedef struct tb_waits {
	unsigned fixed;
	uint8_t pattern[TB_WAIT_PATTERN_MAX];
	unsigned len, next;
} tb_waits;

/**
 * tb_mem - a memory on one master
 * @master, @base, @size: where it answers
 * @big_endian: BE-32 byte lanes (default little-endian)
 * @waits: wait states (tb_add_mem sets @waits.fixed)
 * @data: @size bytes, byte i at address @base + i
 * @reads, @writes: data phases served
 */
typedef struct tb_mem {
	unsigned master;
	uint32_t base, size;
	bool big_endian;
	tb_waits waits;
	uint8_t *data;
	unsigned long reads, writes;
} tb_mem;

/**
 * tb_err - a region answering ERROR (HREADY low + ERROR, then HREADY high + ERROR)
 * @on_read, @on_write: the directions that fault; the other falls through to the regions below
 * @waits: OKAY wait states before the two ERROR cycles
 * @hits: ERROR responses given
 */
typedef struct tb_err {
	unsigned master;
	uint32_t base, size;
	bool on_read, on_write;
	tb_waits waits;
	unsigned long hits;
} tb_err;

/* Request kinds, as bits: a request may raise several pins at once (e.g. TB_BREQ | TB_SREQ) */
enum tb_req_kind { TB_BREQ = 1 << 0, TB_SREQ = 1 << 1, TB_LBREQ = 1 << 2, TB_LSREQ = 1 << 3 };

/** tb_req - a scripted request: raise @kind at cycle @at or later */
typedef struct tb_req {
	unsigned kind;
	uint64_t at;
} tb_req;

/**
 * tb_periph - a peripheral on request line @line with a data register window on @master
 * @addr, @size: the window (tb_add_periph sets @size to 4; widen it before the first access)
 * @big_endian, @waits: as for tb_mem
 * @next: next byte of the read stream (the seed; each byte read takes one, then adds 1)
 * @cap, @cap_len: bytes written to the window, in order, HSIZE bytes per write
 * @queue, @q_head, @q_len: scripted requests; @q_head is the next to raise
 * @repeat_kind: when the queue is empty, raise this kind again and again (0: off)
 * @pins: kinds driven in the current cycle
 * @served: requests dropped after DMACCLR
 * @reads, @writes: data phases served
 *
 * A request is raised at its cycle or later, but no earlier than one cycle after the previous
 * one dropped. It is held until DMACCLR for @line is seen high after having been seen low
 * while the request was up (a DMACCLR left over from the previous request does not count),
 * and dropped in the cycle after that.
 */
typedef struct tb_periph {
	unsigned line, master;
	uint32_t addr, size;
	bool big_endian;
	tb_waits waits;
	uint8_t next;
	uint8_t *cap;
	size_t cap_len, cap_size;
	tb_req *queue;
	size_t q_head, q_len, q_size;
	unsigned repeat_kind;
	unsigned pins;
	bool armed;
	uint64_t earliest;
	unsigned long served, reads, writes;
} tb_periph;

/**
 * tb_beat - one accepted address phase and its data phase
 * @cycle: the cycle the address phase was driven (see the top of this file)
 * @master, @htrans, @hburst, @hsize, @hprot, @hwrite, @hlock, @addr: address-phase pins
 * @data: HRDATA given (read) or HWDATA taken (write), when the data phase is done
 * @done_cycle: the cycle the data phase ended, TB_NONE while pending
 * @resp: enum pl08x_hresp of the data phase
 */
typedef struct tb_beat {
	uint64_t cycle;
	uint8_t master, htrans, hburst, hsize, hprot;
	bool hwrite, hlock;
	uint32_t addr;
	uint32_t data;
	uint64_t done_cycle;
	uint8_t resp;
} tb_beat;

/* Event kinds of the edge log. The first three are the interrupt outputs. */
enum tb_ev_kind {
	TB_EV_INTR, TB_EV_INTTC, TB_EV_INTERR,  /* model outputs, line 0 */
	TB_EV_CLR, TB_EV_TC,                    /* model outputs, per line */
	TB_EV_BREQ, TB_EV_SREQ, TB_EV_LBREQ, TB_EV_LSREQ, /* testbench outputs, per line */
	TB_EV_COUNT
};
/* Interrupt outputs for tb_irq_cycle() and tb_run_until_irq() */
enum tb_irq { TB_IRQ_ANY = TB_EV_INTR, TB_IRQ_TC = TB_EV_INTTC, TB_IRQ_ERR = TB_EV_INTERR };

/** tb_event - a pin changed: @kind on @line went @high (or low) at @cycle */
typedef struct tb_event {
	uint64_t cycle;
	uint8_t kind, line;
	bool high;
} tb_event;

/* Direction filter of the beat lookups */
enum tb_dir { TB_READ, TB_WRITE, TB_EITHER };

/* Private: a data phase in progress on one master */
typedef struct tb_dphase {
	bool active;
	uint8_t target, err_stage;
	unsigned idx, waits, cycles;
	size_t beat;
	uint32_t wdata;
} tb_dphase;

/* Private: protocol-checker state of one master (the burst in progress) */
typedef struct tb_chk {
	bool open, err, hwrite;
	uint8_t hburst, hsize;
	unsigned len, beats;
	uint32_t addr;
} tb_chk;

/**
 * tb - the testbench; fields are for reading, except where a comment says otherwise
 * @dev: the model
 * @out: the pins the model drives in the current cycle (all zero before the first step)
 * @prev_out: the pins of the previous cycle
 * @in: the inputs given to the last step
 * @mems, @errs, @periphs: the slaves, @n_mems, @n_errs, @n_periphs of each
 * @beats, @n_beats: every accepted address phase, in order
 * @events, @n_events: every pin edge, in order
 * @rises: rising edges counted per enum tb_ev_kind
 * @stray, @stray_addr: data phases that hit no slave, and the address of the last one
 * @violations, @violation: AHB protocol violations seen, and the first one described
 * @early_ends: fixed-length bursts that ended before their length without an ERROR (legal in
 *   AMBA 2 AHB, where a master may lose the bus; the model does it when a channel stops)
 * @last_access: status of the last tb_wr/tb_rd
 */
typedef struct tb {
	pl08x_dev *dev;
	pl08x_pins_out out, prev_out;
	pl08x_pins_in in;
	tb_mem mems[TB_MAX_MEMS];
	tb_err errs[TB_MAX_ERRS];
	tb_periph periphs[TB_MAX_PERIPHS];
	unsigned n_mems, n_errs, n_periphs;
	tb_beat *beats;
	size_t n_beats, beats_size;
	tb_event *events;
	size_t n_events, events_size;
	unsigned long rises[TB_EV_COUNT];
	unsigned long stray;
	uint32_t stray_addr;
	unsigned long violations;
	unsigned long early_ends;
	char violation[160];
	enum pl08x_access last_access;
	tb_dphase dp[PL08X_MASTERS];
	tb_chk chk[PL08X_MASTERS];
} tb;

/** tb_create - a testbench around a new model in reset; NULL when out of memory */
tb *tb_create(enum pl08x_variant variant);
/** tb_destroy - free the testbench, its model and its slaves (NULL is accepted) */
void tb_destroy(tb *t);
/**
 * tb_create_m2m - the common memory-to-memory system: a PL080 with a zero-wait memory of
 * @mem_size bytes at address 0 on each master (mems[0] on AHB1, mems[1] on AHB2) and the
 * controller enabled; NULL when out of memory
 */
tb *tb_create_m2m(uint32_t mem_size);
/* CnConfiguration of an enabled memory-to-memory channel with both interrupts unmasked */
#define TB_CFG_M2M (TB_CCFG(E, 1) | TB_CCFG(IE, 1) | TB_CCFG(ITC, 1) | \
		    TB_CCFG(FLOW, PL08X_FLOW_MEM2MEM))
/** tb_cycle - the current cycle, pl08x_cycle(t->dev) */
uint64_t tb_cycle(const tb *t);

/** tb_add_mem - a zero-filled memory of @size bytes at @base on @master */
tb_mem *tb_add_mem(tb *t, unsigned master, uint32_t base, uint32_t size, unsigned wait_states);
/** tb_add_error - an ERROR region on @master; @on_read/@on_write select the directions */
tb_err *tb_add_error(tb *t, unsigned master, uint32_t base, uint32_t size, bool on_read, bool on_write);
/** tb_add_periph - a peripheral on request @line, data register at @addr on @master */
tb_periph *tb_add_periph(tb *t, unsigned line, unsigned master, uint32_t addr);
/** tb_periph_request - queue a request of @kind (enum tb_req_kind bits) for cycle @at or later */
void tb_periph_request(tb_periph *p, unsigned kind, uint64_t at);
/** tb_waits_set - give @w a pattern of @n wait-state counts, cycled per data phase */
void tb_waits_set(tb_waits *w, const uint8_t *pattern, unsigned n);

/* Memory helpers: byte addresses, the range must lie inside one memory of @master */
/** tb_mem_write - copy @len bytes of @buf to @addr */
void tb_mem_write(tb *t, unsigned master, uint32_t addr, const void *buf, size_t len);
/** tb_mem_read - copy @len bytes at @addr to @buf */
void tb_mem_read(tb *t, unsigned master, uint32_t addr, void *buf, size_t len);
/** tb_mem_fill - set @len bytes at @addr to @byte */
void tb_mem_fill(tb *t, unsigned master, uint32_t addr, size_t len, uint8_t byte);
/** tb_mem_pattern - write tb_pattern_byte(@seed, i) at @addr + i, for i < @len */
void tb_mem_pattern(tb *t, unsigned master, uint32_t addr, size_t len, uint32_t seed);
/** tb_pattern_byte - byte @i of the deterministic pattern @seed */
uint8_t tb_pattern_byte(uint32_t seed, size_t i);
/** tb_mem_cmp - -1 if the @len bytes at @a on @ma equal those at @b on @mb, else the first differing offset */
long tb_mem_cmp(tb *t, unsigned ma, uint32_t a, unsigned mb, uint32_t b, size_t len);
/** tb_rd8 - the byte at @addr (a value, as a byte read on the bus would return it) */
uint8_t tb_rd8(tb *t, unsigned master, uint32_t addr);
/** tb_rd16 - the halfword a 16-bit bus read at @addr returns (the memory's byte lanes) */
uint16_t tb_rd16(tb *t, unsigned master, uint32_t addr);
/** tb_rd32 - the word a 32-bit bus read at @addr returns (the memory's byte lanes) */
uint32_t tb_rd32(tb *t, unsigned master, uint32_t addr);
/** tb_wr32 - store @v as a 32-bit bus write at @addr would (region's byte lanes) */
void tb_wr32(tb *t, unsigned master, uint32_t addr, uint32_t v);

/** tb_wr - register write through pl08x_write(); the status is also kept in t->last_access */
enum pl08x_access tb_wr(tb *t, uint32_t off, uint32_t v);
/** tb_rd - register read through pl08x_read(); the status goes to t->last_access */
uint32_t tb_rd(tb *t, uint32_t off);
/** tb_ch_rd - register @reg (PL08X_CH_*) of channel @ch */
uint32_t tb_ch_rd(tb *t, unsigned ch, uint32_t reg);
/**
 * tb_program - write SrcAddr, DestAddr, LLI, Control from @item, then Configuration = @config
 * (the caller includes E). Return: the first status that was not PL08X_ACCESS_OK, or OK.
 */
enum pl08x_access tb_program(tb *t, unsigned ch, const pl08x_lli *item, uint32_t config);
/** tb_write_lli - store @n items at @addr (16 bytes each) as 32-bit words of the region's endianness */
void tb_write_lli(tb *t, unsigned master, uint32_t addr, const pl08x_lli *items, size_t n);
/** tb_ctl - a CnControl value (S, D, Prot are 0: OR in TB_CTL(S, 1) etc.) */
uint32_t tb_ctl(unsigned ts, unsigned sbsize, unsigned dbsize, unsigned swidth, unsigned dwidth,
		bool si, bool di, bool i);
/** TB_CTL / TB_CCFG - value @v in field @f of CnControl / CnConfiguration, e.g. TB_CTL(TS, 4) */
#define TB_CTL(f, v)  PL08X_VAL(PL08X_CCTL_##f, v)
#define TB_CCFG(f, v) PL08X_VAL(PL08X_CCFG_##f, v)

/** tb_step - one cycle (see the top of this file) */
void tb_step(tb *t);
/** tb_run - @n cycles */
void tb_run(tb *t, uint64_t n);
/** tb_run_to - step until tb_cycle() == @cycle; false (and no step) if @cycle has passed */
bool tb_run_to(tb *t, uint64_t cycle);
/**
 * tb_run_until - step until @pred(@t, @arg) holds, checking before each step
 * Return: true when it held (after at most @max_cycles steps), false otherwise
 */
bool tb_run_until(tb *t, bool (*pred)(tb *t, void *arg), void *arg, uint64_t max_cycles);
/** tb_run_until_irq - step until a new rising edge of @which (enum tb_irq) */
bool tb_run_until_irq(tb *t, enum tb_irq which, uint64_t max_cycles);
/** tb_run_until_idle - step until EnbldChns == 0, no data phase pending and HTRANS idle */
bool tb_run_until_idle(tb *t, uint64_t max_cycles);

/** tb_beat_count - number of logged beats */
size_t tb_beat_count(const tb *t);
/** tb_beats - the beat log (valid until the next step) */
const tb_beat *tb_beats(const tb *t);
/** tb_count_beats - beats on @master (or TB_ANY) in direction @dir */
size_t tb_count_beats(const tb *t, unsigned master, enum tb_dir dir);
/** tb_nth_beat - the @n-th (from 0) beat on @master (or TB_ANY) in @dir, or NULL */
const tb_beat *tb_nth_beat(const tb *t, unsigned master, enum tb_dir dir, size_t n);
/** tb_event_cycle - cycle of the @n-th (from 0) edge of @kind on @line (or TB_ANY) to level @high, or TB_NONE */
uint64_t tb_event_cycle(const tb *t, enum tb_ev_kind kind, unsigned line, bool high, size_t n);
/** tb_irq_cycle - cycle of the @n-th (from 0) rising edge of interrupt output @which, or TB_NONE */
uint64_t tb_irq_cycle(const tb *t, enum tb_irq which, size_t n);

#endif
