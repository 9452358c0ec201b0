// SPDX-License-Identifier: GPL-2.0
/*
 * A stand-in for the guest: writes FTR_SYSCALL records (104 bytes, no captures) into ring 0
 * of a ring file the way include/uapi/linux/ferry_trace.h says the kernel does, so that
 * scripts/trace/drain_bench.py can measure the host's drain against a writer faster than
 * any guest. Built and run by drain_bench.py:
 *
 *   ring_writer FILE COUNT RATE     RATE records per second (0: as fast as the ring allows)
 *
 * A full ring: with RATE 0 the writer waits for room (the drain's throughput is measured);
 * with a RATE it drops the record and counts it in the ring's 'dropped', as the guest does.
 * Prints "written N dropped M seconds S".
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "../../include/uapi/linux/ferry_trace.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct ftr_file_header *h;
	struct ftr_ring_ctl *ctl;
	char *data;
	uint64_t count, head = 0, written = 0, dropped = 0, seq = 0;
	double rate, t0, t;
	struct stat st;
	int fd;

	if (argc != 4)
		return fprintf(stderr, "usage: ring_writer FILE COUNT RATE\n"), 2;
	count = strtoull(argv[2], NULL, 0);
	rate = strtod(argv[3], NULL);
	fd = open(argv[1], O_RDWR);
	if (fd < 0 || fstat(fd, &st))
		return perror(argv[1]), 1;
	h = mmap(NULL, st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (h == MAP_FAILED)
		return perror("mmap"), 1;
	ctl = (void *)((char *)h + FTR_HEADER_SIZE);
	data = (char *)ctl + FTR_RING_CTL_SIZE;
	const uint64_t size = h->ring_size, rec = sizeof(struct ftr_syscall);

	t0 = now();
	while (written + dropped < count) {
		uint64_t off = head & (size - 1), need = rec;
		uint64_t tail = __atomic_load_n(&ctl->tail, __ATOMIC_ACQUIRE);

		if (rate > 0 && (written + dropped) > (now() - t0) * rate)
			continue;			/* paced: not yet */
		if (size - off < rec)
			need += size - off;		/* a pad first */
		if (need > size - (head - tail)) {
			if (rate > 0) {
				dropped++;
				__atomic_store_n(&ctl->dropped, dropped, __ATOMIC_RELAXED);
			}
			continue;			/* unpaced: wait for the drain */
		}
		if (need > rec) {
			struct ftr_hdr pad = { FTR_PAD, FTR_VERSION, size - off, 0, 0 };

			memcpy(data + off, &pad, sizeof(pad));
			head += size - off;
			off = 0;
		}
		struct ftr_syscall *r = (void *)(data + off);
		struct ftr_hdr hdr = { FTR_SYSCALL, FTR_VERSION, rec, 0, 0 };

		r->hdr = hdr;
		r->seq = ++seq;
		r->ts = seq * 100;
		r->cost = 50;
		r->pid = r->tid = 1;
		r->nr = 39;
		r->abi = FTR_ABI_X86_64;
		r->route = FTR_ROUTE_SYSCALL64;
		r->nr_captures = 0;
		memset(r->args, 0, sizeof(r->args));
		r->ret = 1;
		head += rec;
		written++;
		__atomic_store_n(&ctl->records, written, __ATOMIC_RELAXED);
		__atomic_store_n(&ctl->head, head, __ATOMIC_RELEASE);
	}
	t = now() - t0;
	h->ready = 1;
	printf("written %llu dropped %llu seconds %.6f\n", (unsigned long long)written,
	       (unsigned long long)dropped, t);
	return 0;
}
