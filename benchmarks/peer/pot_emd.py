#!/usr/bin/env python3
"""POT's exact solver (ot.emd, network simplex) on the cases of ExactOtBenchmark: N(0, I) and N(1, I) clouds in
2-D, squared Euclidean cost precomputed (not timed). Prints the median of 7 runs per size. Needs python3-pot."""
import sys
import time

import numpy as np
import ot

for n in [int(a) for a in sys.argv[1:]] or [256, 1024, 2048]:
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(n, 2)), rng.normal(size=(n, 2)) + 1
    m = ((x[:, None, :] - y[None, :, :]) ** 2).sum(-1)
    a = np.full(n, 1.0 / n)
    ot.emd(a, a, m)
    times = []
    for _ in range(7):
        t = time.perf_counter()
        ot.emd(a, a, m)
        times.append(time.perf_counter() - t)
    print(f"n={n} ot.emd median {1000 * sorted(times)[3]:.1f} ms")
