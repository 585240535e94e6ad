#!/usr/bin/env python3
"""Context for the earth-science NLL table (README, issue 4): per data set, the share of test points that coincide
exactly with a training point, and the test NLL of a von Mises-Fisher kernel density estimate whose concentration is
chosen on the validation set. Five random 80/10/10 splits (numpy seeds 0-4, not the Java splits); NLL in nats w.r.t.
area on the unit sphere, as `sphere train` reports it. Needs numpy and scipy. Usage: benchmarks/sphere-kde.py [names]"""
import sys
import numpy as np
from scipy.special import logsumexp


def load(name):
    d = np.loadtxt(f"data/sphere/{name}.csv", delimiter=",", skiprows=1)
    lat, lon = np.radians(d[:, 0]), np.radians(d[:, 1])
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], 1)


def vmf_log_norm(k):
    """log C(k) of the vMF density C(k) exp(k <mu, x>) on S^2: log k - log(2 pi) - k - log(1 - exp(-2k))."""
    return np.log(k) - np.log(2 * np.pi) - k - np.log1p(-np.exp(-2 * k))


def kde_nll(points, train, k):
    return -np.mean(logsumexp(k * (points @ train.T - 1), axis=1) + k - np.log(len(train)) + vmf_log_norm(k))


def main(names):
    print("| data | test points equal to a training point | vMF KDE test NLL (5 splits) |")
    print("|---|---|---|")
    for name in names:
        x = load(name)
        n, dup, nll = len(x), [], []
        for seed in range(5):
            p = np.random.default_rng(seed).permutation(n)
            tr, va, te = x[p[:int(.8 * n)]], x[p[int(.8 * n):int(.9 * n)]], x[p[int(.9 * n):]]
            dup.append(np.mean((te @ tr.T).max(1) > 1 - 1e-12))
            kappas = np.exp(np.linspace(np.log(10), np.log(1e6), 60))
            best = min(kappas, key=lambda k: kde_nll(va, tr, k))
            nll.append(kde_nll(te, tr, best))
        print(f"| {name} | {np.mean(dup):.0%} | {np.mean(nll):.2f} ± {np.std(nll, ddof=1):.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:] or ["volcano", "earthquake", "flood", "fire"])
