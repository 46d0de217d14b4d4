/* The channel FIFO (TRM 3.8): 4 words, kept as bytes in address order so that packing and
 * unpacking between source and destination widths is a matter of pushing and popping bytes.
 */
#include "internal.h"

void pl08x_fifo_reset(pl08x_fifo *f)
{
	f->head = 0;
	f->count = 0;
	f->reserved = 0;
}

unsigned pl08x_fifo_free(const pl08x_fifo *f)
{
	return PL08X_FIFO_BYTES - f->count - f->reserved;
}

void pl08x_fifo_push(pl08x_fifo *f, uint8_t byte)
{
	PL08X_ASSERT(f->count < PL08X_FIFO_BYTES);
	f->buf[(f->head + f->count) % PL08X_FIFO_BYTES] = byte;
	f->count++;
}

uint8_t pl08x_fifo_pop(pl08x_fifo *f)
{
	PL08X_ASSERT(f->count > 0);
	uint8_t byte = f->buf[f->head];
	f->head = (uint8_t)((f->head + 1) % PL08X_FIFO_BYTES);
	f->count--;
	return byte;
}
