/* Virtual channels over physical channels, and callbacks that re-enter the driver: more
 * clients than channels, 100 resubmits from a callback on its own channel, a callback that
 * terminates another channel, tx_status from a callback. */
#include "dmac_fx.h"
#include "../driver/src/dmac_priv.h"

#define SRC (DFX_RAM + 0x00000u)
#define DST (DFX_RAM + 0x20000u)

TestSuite(dmac_vchan, .timeout = 30);

/* PL081: 2 physical channels, 5 clients with 3 copies each */
typedef struct client {
	dfx *f;
	struct dmac_chan *c;
	unsigned done;
	unsigned max_busy;
} client;

static void client_done(void *arg, const struct dmac_result *r)
{
	client *cl = arg;
	unsigned busy = 0;

	cr_assert_eq(r->result, DMAC_RESULT_OK);
	cl->done++;
	for (unsigned i = 0; i < cl->f->d->n_phy; i++)
		busy += cl->f->d->phy[i].serving != NULL;
	if (busy > cl->max_busy)
		cl->max_busy = busy;
}

Test(dmac_vchan, five_clients_share_the_two_channels_of_a_pl081_in_arrival_order)
{
	dfx *f = dfx_create(&(dfx_opts){ .variant = PL08X_VARIANT_PL081 });
	client cl[5];
	unsigned total = 0;

	dfx_fill(f, 0, SRC, 0x5000, 31);
	for (unsigned i = 0; i < 5; i++) {
		cl[i] = (client){ .f = f, .c = dmac_request_memcpy(f->d) };
		cr_assert_not_null(cl[i].c);
		for (unsigned k = 0; k < 3; k++) {
			uint32_t off = 0x1000u * i + 0x400u * k;
			struct dmac_desc *d = dmac_prep_memcpy(cl[i].c, DST + off, SRC + off, 0x400,
							       DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);

			cr_assert_not_null(d);
			dmac_desc_set_callback(d, client_done, &cl[i]);
			dmac_submit(d);
		}
		dmac_issue_pending(cl[i].c);
	}
	/* clients 0 and 1 hold the channels, 2, 3, 4 wait in that order */
	cr_assert_not_null(cl[0].c->phy);
	cr_assert_not_null(cl[1].c->phy);
	for (unsigned i = 2; i < 5; i++)
		cr_assert(cl[i].c->waiting && !cl[i].c->phy, "client %u waits", i);
	cr_assert_eq(dmac_container_of(f->d->wait.next, struct dmac_chan, wait_node), cl[2].c);
	for (unsigned i = 0; i < 5; i++) {
		dfx_wait(f, &cl[i].done, 3, 200000);
		total += cl[i].done;
		cr_assert_leq(cl[i].max_busy, 2);
	}
	cr_assert_eq(total, 15);
	for (unsigned i = 0; i < 5; i++)
		cr_assert_eq(memcmp(dfx_mem(f, 0, SRC + 0x1000u * i, 0xc00), dfx_mem(f, 0, DST + 0x1000u * i, 0xc00), 0xc00), 0);
	for (unsigned i = 0; i < 2; i++)
		cr_assert_null(f->d->phy[i].serving, "channel %u given back at the end of its queue", i);
	for (unsigned i = 0; i < 5; i++)
		dmac_release_chan(cl[i].c);
	dfx_no_leaks(f);
	dfx_destroy(f);
}

Test(dmac_vchan, twenty_clients_on_eight_channels_all_complete)
{
	dfx *f = dfx_create(&(dfx_opts){ .seed = 5, .preempt_percent = 30, .mmio_jitter = 3 });
	client cl[20];

	dfx_fill(f, 0, SRC, 20 * 0x400, 37);
	for (unsigned i = 0; i < 20; i++) {
		struct dmac_desc *d;

		cl[i] = (client){ .f = f, .c = dmac_request_memcpy(f->d) };
		d = dmac_prep_memcpy(cl[i].c, DST + 0x400u * i, SRC + 0x400u * i, 0x400,
				     DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);
		dmac_desc_set_callback(d, client_done, &cl[i]);
		dmac_submit(d);
		dmac_issue_pending(cl[i].c);
	}
	for (unsigned i = 0; i < 20; i++)
		dfx_wait(f, &cl[i].done, 1, 200000);
	cr_assert_eq(memcmp(dfx_mem(f, 0, SRC, 20 * 0x400), dfx_mem(f, 0, DST, 20 * 0x400), 20 * 0x400), 0);
	for (unsigned i = 0; i < 20; i++)
		dmac_release_chan(cl[i].c);
	dfx_no_leaks(f);
	dfx_destroy(f);
}

/* A callback that prepares, submits and issues the next copy on its own channel */
typedef struct chain {
	dfx *f;
	struct dmac_chan *c;
	unsigned done, want;
	dmac_cookie last;
	unsigned locks_in_cb;
	enum hx_sim_ctx ctx;
} chain;

static void chain_next(void *arg, const struct dmac_result *r)
{
	chain *ch = arg;
	struct dmac_desc *d;
	uint32_t res;

	cr_assert_eq(r->result, DMAC_RESULT_OK);
	ch->locks_in_cb += osal_hx_locks_held(ch->f->od);
	ch->ctx = hx_sim_context(ch->f->sim);
	cr_assert_eq(dmac_tx_status(ch->c, ch->last, &res), DMAC_COMPLETE);
	cr_assert_eq(res, 0);
	if (++ch->done == ch->want)
		return;
	d = dmac_prep_memcpy(ch->c, DST + 64u * ch->done, SRC + 64u * ch->done, 64,
			     DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);
	cr_assert_not_null(d);
	dmac_desc_set_callback(d, chain_next, ch);
	ch->last = dmac_submit(d);
	dmac_issue_pending(ch->c);
}

Test(dmac_vchan, a_callback_resubmits_on_its_own_channel_100_times)
{
	dfx *f = dfx_create(&(dfx_opts){ 0 });
	chain ch = { .f = f, .c = dmac_request_memcpy(f->d), .want = 100 };
	struct dmac_desc *d;
	osal_hx_stats st;

	dfx_fill(f, 0, SRC, 6400, 41);
	d = dmac_prep_memcpy(ch.c, DST, SRC, 64, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);
	dmac_desc_set_callback(d, chain_next, &ch);
	ch.last = dmac_submit(d);
	dmac_issue_pending(ch.c);
	dfx_wait(f, &ch.done, 100, 1000000);
	cr_assert_eq(ch.done, 100);
	cr_assert_eq(ch.locks_in_cb, 0, "callbacks run with no driver lock held");
	cr_assert_eq(ch.ctx, HX_SIM_CTX_DEFERRED);
	cr_assert_eq(ch.last, 100, "cookies 1..100");
	cr_assert_eq(memcmp(dfx_mem(f, 0, SRC, 6400), dfx_mem(f, 0, DST, 6400), 6400), 0);
	osal_hx_get_stats(f->od, &st);
	cr_assert_eq(st.callbacks, 100);
	cr_assert_eq(st.lli_blocks_used, 0);
	dmac_release_chan(ch.c);
	dfx_no_leaks(f);
	dfx_destroy(f);
}

/* A callback of channel A terminates channel B, which is mid-copy */
typedef struct cross {
	struct dmac_chan *other;
	unsigned calls;
} cross;

static void kill_other(void *arg, const struct dmac_result *r)
{
	cross *x = arg;

	(void)r;
	x->calls++;
	dmac_terminate_all(x->other);
}

Test(dmac_vchan, a_callback_terminates_another_channel_mid_copy)
{
	dfx *f = dfx_create(&(dfx_opts){ 0 });
	struct dmac_chan *a = dmac_request_memcpy(f->d), *b = dmac_request_memcpy(f->d);
	cross x = { .other = b };
	dfx_cb cb = { .f = f };
	struct dmac_desc *d;
	dmac_cookie ckb;

	d = dmac_prep_memcpy(b, DST, SRC, 40000, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);
	dmac_desc_set_callback(d, dfx_count, &cb);
	ckb = dmac_submit(d);
	dmac_issue_pending(b);
	d = dmac_prep_memcpy(a, DST + 0x10000, SRC, 64, DMAC_PREP_INTERRUPT | DMAC_CTRL_ACK | DMAC_PREP_SKIP_UNMAP);
	dmac_desc_set_callback(d, kill_other, &x);
	dmac_submit(d);
	dmac_issue_pending(a);
	dfx_wait(f, &x.calls, 1, 10000);
	cr_assert_eq(dmac_tx_status(b, ckb, NULL), DMAC_ERROR);
	cr_assert_null(b->phy);
	dmac_synchronize(b);
	hx_sim_cpu_delay(f->sim, 40000);
	cr_assert_eq(cb.calls, 0);
	dmac_release_chan(a);
	dmac_release_chan(b);
	dfx_no_leaks(f);
	dfx_destroy(f);
}

Test(dmac_vchan, more_clients_than_virtual_channels_get_null)
{
	dfx *f = dfx_create(&(dfx_opts){ 0 });
	struct dmac_chan *c[DMAC_MAX_VCHANS];

	for (unsigned i = 0; i < DMAC_MAX_VCHANS; i++)
		cr_assert_not_null(c[i] = dmac_request_memcpy(f->d));
	cr_assert_null(dmac_request_memcpy(f->d));
	cr_assert_null(dmac_request_slave(f->d, 16, 0), "line 16 without a mux");
	dmac_release_chan(c[3]);
	cr_assert_eq(dmac_request_memcpy(f->d), c[3]);
	for (unsigned i = 0; i < DMAC_MAX_VCHANS; i++)
		dmac_release_chan(c[i]);
	dfx_destroy(f);
}
