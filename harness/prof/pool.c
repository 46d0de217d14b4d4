/* Running the points: N threads take the next point from a shared counter and write its
 * result into its own slot, so the results are in the order of the points whatever the
 * threads do. The calling thread draws the progress bar while it waits.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "prof.h"

#define HX_POOL_MAX_JOBS 256
#define HX_POOL_BAR      40

/** hx_pool - the shared state of one hx_prof_run_all() */
typedef struct hx_pool {
	const hx_prof_points *pts;
	hx_prof_result *res;
	atomic_size_t next, done;
} hx_pool;

static void *hx_pool_worker(void *arg)
{
	hx_pool *pool = arg;
	size_t i;

	while ((i = atomic_fetch_add(&pool->next, 1)) < pool->pts->n) {
		hx_prof_run_point(&pool->pts->pts[i], &pool->res[i]);
		atomic_fetch_add(&pool->done, 1);
	}
	return NULL;
}

static double hx_pool_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void hx_pool_bar(size_t done, size_t total, double elapsed)
{
	unsigned fill = total ? (unsigned)(HX_POOL_BAR * done / total) : HX_POOL_BAR;
	char bar[HX_POOL_BAR + 1];

	for (unsigned i = 0; i < HX_POOL_BAR; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[HX_POOL_BAR] = '\0';
	fprintf(stderr, "\r[%s] %zu/%zu points  %.1f s", bar, done, total, elapsed);
	fflush(stderr);
}

void hx_prof_run_all(const hx_prof_points *pts, hx_prof_result *res, unsigned jobs, bool progress)
{
	hx_pool pool = { .pts = pts, .res = res };
	pthread_t tid[HX_POOL_MAX_JOBS];
	unsigned started = 0;
	double t0 = hx_pool_now();

	atomic_init(&pool.next, 0);
	atomic_init(&pool.done, 0);
	if (jobs < 1)
		jobs = 1;
	if (jobs > HX_POOL_MAX_JOBS)
		jobs = HX_POOL_MAX_JOBS;
	if (jobs > pts->n)
		jobs = (unsigned)pts->n;
	/* a thread that cannot be started leaves its share to the others (or to this thread) */
	if (jobs > 1)
		for (; started < jobs; started++)
			if (pthread_create(&tid[started], NULL, hx_pool_worker, &pool))
				break;
	if (!started) {
		double shown = t0;
		size_t i;

		while ((i = atomic_fetch_add(&pool.next, 1)) < pts->n) {
			hx_prof_run_point(&pts->pts[i], &res[i]);
			atomic_fetch_add(&pool.done, 1);
			if (progress && hx_pool_now() - shown >= 0.1) {
				shown = hx_pool_now();
				hx_pool_bar(atomic_load(&pool.done), pts->n, shown - t0);
			}
		}
	}
	while (started && atomic_load(&pool.done) < pts->n) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };

		if (progress)
			hx_pool_bar(atomic_load(&pool.done), pts->n, hx_pool_now() - t0);
		nanosleep(&ts, NULL);
	}
	for (unsigned k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
	if (progress) {
		hx_pool_bar(pts->n, pts->n, hx_pool_now() - t0);
		fputc('\n', stderr);
	}
	hx_prof_finish(pts, res);
}
