/* pl08x-demo: a PL080 copies 420 bytes through a three-item LLI chain, and we watch it.
 *
 * A stand-in for the co-verification harness: one SRAM per AHB master, zero wait states,
 * little-endian byte lanes (the byte at address A travels on HRDATA/HWDATA bits
 * 8*(A%4)+7..8*(A%4)). The source and the LLIs sit in SRAM1 on AHB1, the destination in SRAM2
 * on AHB2. The memory answers the model's pins exactly as every testbench does:
 *
 *   - keep the outputs of the previous step (the pins driven during the current cycle);
 *   - per master, a data phase captured at the previous edge completes now (HREADY high;
 *     a read puts its data on HRDATA, a write takes HWDATA from the current outputs,
 *     since the master drives write data during the data phase);
 *   - an address phase (NONSEQ or SEQ) seen with HREADY high becomes the next data phase;
 *   - step the model with these inputs.
 *
 * Exit status: 0 when the destination equals the source, 1 otherwise.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pl08x/model.h"

#define SRAM_SIZE   0x10000u
#define SRAM1_BASE  0x20000000u /* on AHB1 (master 0) */
#define SRAM2_BASE  0x30000000u /* on AHB2 (master 1) */
#define TIMEOUT     100000u     /* cycles; the copy needs far fewer */

#define SRC         (SRAM1_BASE + 0x1000u)
#define DST         (SRAM2_BASE + 0x1000u)
#define LLI_AT      (SRAM1_BASE + 0x0100u)
#define N_ITEMS     3

static const uint32_t item_bytes[N_ITEMS] = { 256, 100, 64 };

/** struct sram - one memory on one master */
struct sram {
	uint32_t base;
	uint8_t bytes[SRAM_SIZE];
};

/** struct data_phase - an address phase the slave accepted, completing in the next cycle */
struct data_phase {
	bool valid;
	bool write;
	uint32_t addr;
	uint8_t size;
};

/** struct bus - the slave side of one AHB master, with what the demo counts */
struct bus {
	struct sram *mem;
	struct data_phase dp;
	uint64_t reads, writes, bytes_written, stray;
};

static uint8_t *sram_at(struct sram *m, uint32_t addr, uint32_t len)
{
	if (addr < m->base || addr - m->base > SRAM_SIZE - len)
		return NULL;
	return &m->bytes[addr - m->base];
}

/* A read drives the whole aligned word: the master picks the lanes it asked for. */
static uint32_t bus_read(struct bus *b, uint32_t addr)
{
	const uint8_t *p = sram_at(b->mem, addr & ~3u, 4);

	b->reads++;
	if (!p) {
		b->stray++; /* nothing mapped there: counted, read as zero */
		return 0;
	}
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A write stores only the bytes of its size, each from its own lane. */
static void bus_write(struct bus *b, uint32_t addr, uint8_t size, uint32_t hwdata)
{
	uint32_t len = 1u << size;
	uint8_t *p = sram_at(b->mem, addr, len);

	b->writes++;
	if (!p) {
		b->stray++;
		return;
	}
	for (uint32_t i = 0; i < len; i++)
		p[i] = (uint8_t)(hwdata >> (8 * ((addr + i) % 4)));
	b->bytes_written += len;
}

static void sram_put32(struct sram *m, uint32_t addr, uint32_t v)
{
	uint8_t *p = sram_at(m, addr, 4);

	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* One cycle of the zero-wait slaves, then one model step. */
static void cycle(pl08x_dev *dev, struct bus bus[], unsigned masters, pl08x_pins_out *out)
{
	pl08x_pins_in in = pl08x_pins_in_idle();

	for (unsigned m = 0; m < masters; m++) {
		struct bus *b = &bus[m];

		if (b->dp.valid) {
			if (b->dp.write)
				bus_write(b, b->dp.addr, b->dp.size, out->hwdata[m]);
			else
				in.hrdata[m] = bus_read(b, b->dp.addr);
			b->dp.valid = false;
		}
		if ((out->htrans[m] == PL08X_HTRANS_NONSEQ || out->htrans[m] == PL08X_HTRANS_SEQ) &&
		    in.hready[m])
			b->dp = (struct data_phase){ .valid = true, .write = out->hwrite[m],
						     .addr = out->haddr[m], .size = out->hsize[m] };
	}
	pl08x_step(dev, &in, out);
}

int main(void)
{
	static struct sram sram1 = { .base = SRAM1_BASE }, sram2 = { .base = SRAM2_BASE };
	struct bus bus[PL08X_MASTERS] = { { .mem = &sram1 }, { .mem = &sram2 } };
	pl08x_lli lli[N_ITEMS];
	uint32_t total = 0;

	pl08x_dev *dev = pl08x_create(PL08X_VARIANT_PL080);
	if (!dev) {
		fprintf(stderr, "pl08x-demo: out of memory\n");
		return 1;
	}

	/* Source pattern, and a destination filled with a marker to spot stray or short writes. */
	for (uint32_t i = 0; i < SRAM_SIZE; i++)
		sram1.bytes[i] = (uint8_t)(i * 7u + 3u);
	memset(sram2.bytes, 0xee, sizeof(sram2.bytes));

	/* The chain: consecutive pieces of one 420-byte copy, words, bursts of 4, LLIs loaded
	 * through AHB1 (LM=0); only the last item raises terminal count (I=1). */
	for (unsigned k = 0; k < N_ITEMS; k++) {
		bool last = k == N_ITEMS - 1;

		lli[k] = (pl08x_lli){
			.src = SRC + total,
			.dst = DST + total,
			.lli = last ? 0 : LLI_AT + 16u * (k + 1),
			.ctl = PL08X_VAL(PL08X_CCTL_TS, item_bytes[k] / 4) |
			       PL08X_VAL(PL08X_CCTL_SBSIZE, PL08X_BSIZE_4) |
			       PL08X_VAL(PL08X_CCTL_DBSIZE, PL08X_BSIZE_4) |
			       PL08X_VAL(PL08X_CCTL_SWIDTH, PL08X_WIDTH_32) |
			       PL08X_VAL(PL08X_CCTL_DWIDTH, PL08X_WIDTH_32) |
			       PL08X_VAL(PL08X_CCTL_S, 0) | PL08X_VAL(PL08X_CCTL_D, 1) |
			       PL08X_VAL(PL08X_CCTL_SI, 1) | PL08X_VAL(PL08X_CCTL_DI, 1) |
			       PL08X_VAL(PL08X_CCTL_I, last),
		};
		sram_put32(&sram1, LLI_AT + 16u * k + 0, lli[k].src);
		sram_put32(&sram1, LLI_AT + 16u * k + 4, lli[k].dst);
		sram_put32(&sram1, LLI_AT + 16u * k + 8, lli[k].lli);
		sram_put32(&sram1, LLI_AT + 16u * k + 12, lli[k].ctl);
		total += item_bytes[k];
	}

	/* Programming order of the TRM: controller on, channel status clear, the first item
	 * into the channel registers (as a driver does), then the configuration with E=1. */
	const uint32_t ch = PL08X_CH_BASE(0);
	pl08x_write(dev, PL08X_CONFIG, PL08X_VAL(PL08X_CONFIG_E, 1));
	pl08x_write(dev, PL08X_INT_TC_CLEAR, 1);
	pl08x_write(dev, PL08X_INT_ERR_CLR, 1);
	pl08x_write(dev, ch + PL08X_CH_SRC_ADDR, lli[0].src);
	pl08x_write(dev, ch + PL08X_CH_DEST_ADDR, lli[0].dst);
	pl08x_write(dev, ch + PL08X_CH_LLI, lli[0].lli);
	pl08x_write(dev, ch + PL08X_CH_CONTROL, lli[0].ctl);
	pl08x_write(dev, ch + PL08X_CH_CONFIG,
		    PL08X_VAL(PL08X_CCFG_FLOW, PL08X_FLOW_MEM2MEM) | PL08X_VAL(PL08X_CCFG_IE, 1) |
		    PL08X_VAL(PL08X_CCFG_ITC, 1) | PL08X_VAL(PL08X_CCFG_E, 1));

	/* Run: the register writes above are seen by the first step. */
	pl08x_pins_out out = { 0 }; /* all IDLE before the first step */
	uint64_t t0 = pl08x_cycle(dev), first_addr = PL08X_NEVER, done[N_ITEMS];
	uint32_t lli_reg = pl08x_rd(dev, ch + PL08X_CH_LLI);
	unsigned item = 0;
	bool tc = false;

	while (pl08x_cycle(dev) - t0 < TIMEOUT) {
		cycle(dev, bus, pl08x_masters(dev), &out);
		uint64_t now = pl08x_cycle(dev);

		if (first_addr == PL08X_NEVER &&
		    (out.htrans[0] == PL08X_HTRANS_NONSEQ || out.htrans[1] == PL08X_HTRANS_NONSEQ))
			first_addr = now;
		/* A new value in CnLLI means the next item was loaded: the previous one is done. */
		uint32_t v = pl08x_rd(dev, ch + PL08X_CH_LLI);
		if (v != lli_reg && item < N_ITEMS - 1)
			done[item++] = now;
		lli_reg = v;
		if (out.interr) {
			fprintf(stderr, "pl08x-demo: DMACINTERR at cycle %" PRIu64 "\n", now);
			break;
		}
		if (out.inttc) {
			done[item++] = now; /* the last item ends with terminal count */
			tc = true;
			break;
		}
	}

	uint64_t cycles = pl08x_cycle(dev) - t0;
	printf("PL080 memcpy: %" PRIu32 " bytes in %u LLI items, words, bursts of 4, zero wait states\n",
	       total, N_ITEMS);
	printf("  SRAM1 @0x%08" PRIx32 " on AHB1 (source, LLIs), SRAM2 @0x%08" PRIx32 " on AHB2 (destination)\n",
	       (uint32_t)SRAM1_BASE, (uint32_t)SRAM2_BASE);
	if (first_addr != PL08X_NEVER)
		printf("  first address phase   cycle %" PRIu64 "\n", first_addr - t0);
	for (unsigned k = 0; k < item; k++)
		printf("  item %u (%3" PRIu32 " bytes) done  cycle %" PRIu64 "%s\n", k + 1,
		       item_bytes[k], done[k] - t0,
		       k < N_ITEMS - 1 ? " (next item loaded)" : " (DMACINTTC)");
	printf("  total                 %" PRIu64 " cycles%s\n", cycles,
	       tc ? " (enable to DMACINTTC)" : " (no DMACINTTC)");
	printf("  bytes moved           %" PRIu64 " (%.3f bytes/cycle)\n", bus[1].bytes_written,
	       cycles ? (double)bus[1].bytes_written / (double)cycles : 0.0);
	for (unsigned m = 0; m < pl08x_masters(dev); m++)
		printf("  AHB%u beats            %" PRIu64 " reads, %" PRIu64 " writes\n",
		       m + 1, bus[m].reads, bus[m].writes);

	int bad = 0;
	if (!tc) {
		fprintf(stderr, "pl08x-demo: no terminal count within %u cycles\n", TIMEOUT);
		bad = 1;
	}
	if (bus[0].stray || bus[1].stray) {
		fprintf(stderr, "pl08x-demo: %" PRIu64 " accesses outside the memories\n",
			bus[0].stray + bus[1].stray);
		bad = 1;
	}
	bool same = memcmp(sram_at(&sram2, DST, total), sram_at(&sram1, SRC, total), total) == 0;
	if (!same)
		bad = 1;
	const uint8_t *after = sram_at(&sram2, DST + total, 4);
	if (after[0] != 0xee || after[1] != 0xee || after[2] != 0xee || after[3] != 0xee) {
		fprintf(stderr, "pl08x-demo: write past the end of the destination\n");
		bad = 1;
	}
	printf("  destination %s source\n", same ? "equals" : "DIFFERS from");

	pl08x_destroy(dev);
	return bad;
}
