#!/usr/bin/env python3
"""PyTorch peer of FlowMatch4j's core benchmark and toy run (same network, batch, optimiser, data).

Written for this repository from the published method (Tong et al. 2023, OT-CFM; TorchCFM's toy settings), not
copied from TorchCFM. Needs Debian's python3-torch; the toy mode also python3-pot and python3-scipy.

  python3 torch_cfm.py bench [--threads N]         -> one JSON object like `flowmatch bench core --json`
  python3 torch_cfm.py toy --steps 5000 --seed 0   -> one JSON object with w2, w2_floor, nfe, straightness
"""
import argparse
import json
import math
import resource
import statistics
import time

import numpy as np
import torch
from torch import nn


def mlp(dim=2, hidden=256, depth=3):
    layers, width = [], dim + 1
    for _ in range(depth):
        layers += [nn.Linear(width, hidden), nn.SiLU()]
        width = hidden
    layers.append(nn.Linear(width, dim))
    return nn.Sequential(*layers)


def moons(n, gen):
    """scikit-learn's two moons (noise 0.2), then x3 - 1, as TorchCFM's sample_moons."""
    outer, inner = n // 2, n - n // 2
    t_out = torch.linspace(0, math.pi, outer, dtype=torch.float64)
    t_in = torch.linspace(0, math.pi, inner, dtype=torch.float64)
    x = torch.cat([torch.stack([torch.cos(t_out), torch.sin(t_out)], 1),
                   torch.stack([1 - torch.cos(t_in), 0.5 - torch.sin(t_in)], 1)])
    x = x[torch.randperm(n, generator=gen)]
    x = x + 0.2 * torch.randn(n, 2, generator=gen, dtype=torch.float64)
    return (x * 3 - 1).float()


def ot_pairs(x0, x1, rng):
    """Exact OT plan (POT's network simplex) on squared distances; pairs drawn from the plan as TorchCFM does."""
    import ot
    a = np.ones(len(x0)) / len(x0)
    plan = ot.emd(a, a, torch.cdist(x0, x1).pow(2).numpy().astype(np.float64))
    p = plan.flatten() / plan.sum()
    choice = rng.choice(p.size, size=len(x0), p=p)
    i, j = np.divmod(choice, plan.shape[1])
    return x0[i], x1[j]


def train(net, steps, batch, coupling, gen, rng, lr=1e-3):
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        x0 = torch.randn(batch, 2, generator=gen)
        x1 = moons(batch, gen)
        if coupling == "ot":
            x0, x1 = ot_pairs(x0, x1, rng)
        t = torch.rand(batch, 1, generator=gen)
        xt = (1 - t) * x0 + t * x1
        loss = (net(torch.cat([xt, t], 1)) - (x1 - x0)).pow(2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        times.append((time.perf_counter() - t0) * 1e3)
    return times


@torch.no_grad()
def euler(net, x, steps):
    h = 1.0 / steps
    for k in range(steps):
        t = torch.full((len(x), 1), k * h)
        x = x + h * net(torch.cat([x, t], 1))
    return x


@torch.no_grad()
def dopri5(net, x, atol=1e-4, rtol=1e-4):
    """scipy's Dormand-Prince RK45 on the flattened state; returns (x1, nfe)."""
    from scipy.integrate import solve_ivp
    shape, nfe = x.shape, [0]

    def f(t, y):
        nfe[0] += 1
        z = torch.from_numpy(y.astype(np.float32)).reshape(shape)
        return net(torch.cat([z, torch.full((shape[0], 1), float(t))], 1)).numpy().ravel().astype(np.float64)

    sol = solve_ivp(f, (0.0, 1.0), x.numpy().ravel().astype(np.float64), method="RK45", atol=atol, rtol=rtol)
    return torch.from_numpy(sol.y[:, -1].astype(np.float32)).reshape(shape), nfe[0]


def w2(a, b):
    import ot
    m = torch.cdist(a.double(), b.double()).pow(2).numpy()
    u = np.ones(len(a)) / len(a)
    return math.sqrt(ot.emd2(u, u, m))


def straightness(net, x0, steps=100):
    xs = [x0]
    h = 1.0 / steps
    with torch.no_grad():
        for k in range(steps):
            xs.append(euler_step(net, xs[-1], k * h, h))
    chord = xs[-1] - xs[0]
    return sum(h * ((chord - (xs[k + 1] - xs[k]) / h).pow(2).sum(1).mean().item()) for k in range(steps))


def euler_step(net, x, t, h):
    return x + h * net(torch.cat([x, torch.full((len(x), 1), t)], 1))


def peak_rss_mb():
    """VmHWM of this process image. (ru_maxrss would also count the parent's RSS inherited through fork/exec, e.g.
    the JVM of `flowmatch bench core --peer`.)"""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def bench(args):
    torch.manual_seed(1)
    gen, rng = torch.Generator().manual_seed(1), np.random.default_rng(1)
    out = {}
    for batch, warm, timed in ((256, 500, 50), (4096, 20, 10)):  # warm-up counts as in CoreBenchmark
        net = mlp()
        out[f"train_ms_b{batch}"] = statistics.median(train(net, warm + timed, batch, "independent", gen, rng)[warm:])
    net, x = mlp(), torch.randn(4096, 2, generator=gen)
    euler(net, x, 100)
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        euler(net, x, 100)
        times.append((time.perf_counter() - t0) * 1e3)
    out["sample_ms_n4096"] = statistics.median(times)
    out["peak_rss_mb"] = peak_rss_mb()
    out["threads"] = torch.get_num_threads()
    out["torch"] = torch.__version__
    print(json.dumps(out))


def toy(args):
    torch.manual_seed(args.seed)
    gen, rng = torch.Generator().manual_seed(args.seed), np.random.default_rng(args.seed)
    net = mlp()
    t0 = time.perf_counter()
    train(net, args.steps, args.batch, args.coupling, gen, rng)
    seconds = time.perf_counter() - t0
    x0 = torch.randn(args.samples, 2, generator=gen)
    ref, ref2 = moons(args.samples, gen), moons(args.samples, gen)
    x1, nfe = dopri5(net, x0)
    print(json.dumps({"w2": w2(x1, ref), "w2_floor": w2(ref2, ref), "nfe": nfe,
                      "straightness": straightness(net, x0), "train_seconds": seconds, "steps": args.steps,
                      "seed": args.seed, "coupling": args.coupling, "torch": torch.__version__}))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["bench", "toy"])
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--steps", type=int, default=5000)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--samples", type=int, default=2000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--coupling", choices=["ot", "independent"], default="ot")
    args = p.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    bench(args) if args.mode == "bench" else toy(args)


if __name__ == "__main__":
    main()
