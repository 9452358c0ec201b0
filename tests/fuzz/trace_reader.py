#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A seeded random-mutation harness of ours for the trace reader (scripts/trace/binary.py).

Debian 12 packages no atheris (the coverage-guided Python fuzzer), so this is a plain
mutation loop: each round takes one .ftr file of the corpus (tests/host/fixtures/ftr, real
traces of four ABIs), applies 1-8 random mutations (bit flips, bytes and 32/64-bit words
set to boundary values, cuts, duplicated or deleted chunks), and reads it as read.py does:
binary.parse() then binary.records() with the kernel's metadata. The reader's contract is
"damage never raises": any exception is a failure, written out as an input that replays it.

  tests/fuzz/trace_reader.py --time SECONDS --seed N     (or --runs N)
  tests/fuzz/trace_reader.py --replay FILE               one input, the traceback if it raises
"""
import argparse
import glob
import os
import random
import struct
import sys
import time
import traceback

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "scripts"))
from trace import binary, meta as metamod, tables as tbl  # noqa: E402

CORPUS = os.path.join(TOP, "tests/host/fixtures/ftr")
OUT = os.path.join(TOP, "build/fuzz/host")
BOUNDS = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff,
          2**63 - 1, 2**64 - 1, 8, 4096, 4095]


def mutate(data, rng):
    d = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not d:
            break
        op, at = rng.randrange(7), rng.randrange(len(d))
        if op == 0:
            d[at] ^= 1 << rng.randrange(8)
        elif op == 1:
            d[at] = rng.choice((0, 0xff, 0x7f, 0x80, rng.randrange(256)))
        elif op == 2 and at + 4 <= len(d):
            d[at:at + 4] = struct.pack("<I", rng.choice(BOUNDS) & 0xffffffff)
        elif op == 3 and at + 8 <= len(d):
            d[at:at + 8] = struct.pack("<Q", rng.choice(BOUNDS))
        elif op == 4:
            del d[at:]					# cut
        elif op == 5:
            n = rng.randint(1, 256)
            d[at:at] = d[at:at + n]			# duplicate a chunk
        else:
            del d[at:at + rng.randint(1, 256)]		# delete a chunk
    return bytes(d)


def read_one(data, metas, tables):
    raw = binary.parse(data, lambda m: None)
    if raw.header is None:
        return
    m = metas.get(raw.header.get("arch"))
    for _ in binary.records(raw, m, tables, lambda m: None):
        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--time", type=float, default=10)
    ap.add_argument("--runs", type=int)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--replay")
    a = ap.parse_args()
    tables = tbl.load()
    metas = {arch: metamod.load(os.path.join(CORPUS, f"{arch}_meta.json"), lambda m: None)
             for arch in ("x86_64", "arm64")}
    metas.update({"i386": metas["x86_64"], "arm": metas["arm64"]})
    if a.replay:
        with open(a.replay, "rb") as f:
            read_one(f.read(), metas, tables)
        print(f"trace reader: {a.replay} read without an exception")
        return 0
    seed = a.seed if a.seed is not None else random.randrange(1, 10**9)
    rng = random.Random(seed)
    corpus = []
    for p in sorted(glob.glob(os.path.join(CORPUS, "*.ftr"))):
        with open(p, "rb") as f:
            corpus.append(f.read())
    end = time.monotonic() + a.time
    n = 0
    while (n < a.runs) if a.runs else (time.monotonic() < end):
        data = mutate(rng.choice(corpus), rng)
        n += 1
        try:
            read_one(data, metas, tables)
        except Exception:
            os.makedirs(OUT, exist_ok=True)
            path = os.path.join(OUT, f"crash-ftr-seed{seed}-{n}.ftr")
            with open(path, "wb") as f:
                f.write(data)
            print(f"fuzz host trace_reader: seed={seed} executions={n}: FAILED, input {path}\n"
                  + traceback.format_exc())
            return 1
    print(f"fuzz host trace_reader: seed={seed} executions={n}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
