/* The harness's one pseudo-random generator: splitmix64 on a state owned by its user (a bus,
 * a sim), so that every seeded choice is repeatable and instances share nothing. */
#ifndef HX_PRNG_H
#define HX_PRNG_H

#include <stdint.h>

/** hx_splitmix64 - the next number of the sequence whose state is *@state */
static inline uint64_t hx_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

#endif
