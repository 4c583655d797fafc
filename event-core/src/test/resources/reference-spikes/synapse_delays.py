#!/usr/bin/env python3
"""Reference cases with a delay per synapse, computed at 60 significant digits (mpmath).

An independent event-driven simulation of eventsnn's model (docs/model.md sections 1-3) for
LIF populations with one receptor: between events the membrane u = V - leak follows
A exp(-t/tauMem) + b exp(-t/tauSyn) in closed form; its first upward crossing of
threshold - leak is bracketed with the single critical point and bisected to 1e-56 s.
A spike over synapse (i, j) with delay d_ij adds w_ij to I_j at spike time + d_ij. Every
number of a model or input is taken as the exact binary double it denotes (as the shared
fixtures were made).

It first checks itself against the shared fixture recurrent_delay.json (one delay per
projection), then writes synapse_delays_recurrent.json (model, input, expected spikes) and
synapse_delays_ff.json (the same, and a first-spike-linear loss with dL/dw and dL/d(delay) of
every synapse by central differences at two step sizes, 1e-20 and 1e-22, that must agree to
1e-25 relative, 1e-28 absolute).

Run from this directory: python3 synapse_delays.py   (Debian: python3-mpmath)
"""
import json
import random
from mpmath import mp, mpf, exp, log

mp.dps = 60


def simulate(model, inputs, duration, weights=None, delays=None):
    """Spike lists per LIF population: [(neuron, time)] in time order."""
    pops = {p["name"]: p for p in model["populations"]}
    names = [p["name"] for p in model["populations"]]
    projs = model["projections"]
    if weights is None:
        weights = [[[mpf(float(w)) for w in row] for row in pr["weights"]] for pr in projs]
    given_delays = delays
    delays = []
    for pr in projs:
        if "delays" in pr:
            delays.append([[mpf(float(d)) for d in row] for row in pr["delays"]])
        else:
            d = mpf(float(pr.get("delay", 0.0)))
            delays.append([[d] * len(row) for row in pr["weights"]])
    if given_delays is not None:
        delays = given_delays
    state = {}
    for n in names:
        p = pops[n]
        if p["type"] == "lif":
            par = {k: mpf(float(v)) for k, v in p["params"].items()}
            state[n] = dict(par=par, u=[mpf(0)] * p["size"], i=[mpf(0)] * p["size"], t=[mpf(0)] * p["size"],
                            clamp=[None] * p["size"])
    # pending arrivals: (time, spike number, projection, row order, target neuron, weight)
    arrivals = []
    spikes = {n: [] for n in names}
    order = 0
    queue = sorted((mpf(float(t)), names.index(n), k, n) for n, tr in inputs.items()
                   for k, t in zip(tr["neuron"], tr["time"]))
    queue = [(t, n, k) for t, _, k, n in queue]

    def evolve(n, j, t):
        s = state[n]
        dt = t - s["t"][j]
        if dt <= 0:
            return
        par = s["par"]
        tm, ts = par["tauMem"], par["tauSyn"]
        i0 = s["i"][j]
        if s["clamp"][j] is None and tm == ts:  # equal rates: u = (u0 + i0 t / tm) exp(-t / tm)
            s["u"][j] = (s["u"][j] + i0 * dt / tm) * exp(-dt / tm)
        elif s["clamp"][j] is None:
            b = i0 * ts / (ts - tm)
            s["u"][j] = (s["u"][j] - b) * exp(-dt / tm) + b * exp(-dt / ts)
        s["i"][j] = i0 * exp(-dt / ts)
        s["t"][j] = t

    def crossing(n, j, horizon):
        """First time > state time at which u reaches threshold - leak, up to horizon, else None."""
        s = state[n]
        if s["clamp"][j] is not None:
            return None
        par = s["par"]
        tm, ts = par["tauMem"], par["tauSyn"]
        theta = par["threshold"] - par["leak"]
        t0, u0, i0 = s["t"][j], s["u"][j], s["i"][j]
        h = horizon - t0
        if h <= 0:
            return None
        points = [mpf(0)]
        if tm == ts:  # equal rates: f = (u0 + i0 x / tm) e^{-x/tm} - theta, f' = 0 at x = tm (1 - u0 / i0)
            f = lambda x: (u0 + i0 * x / tm) * exp(-x / tm) - theta
            xc = tm * (1 - u0 / i0) if i0 != 0 else mpf(-1)
        else:
            b = i0 * ts / (ts - tm)
            a = u0 - b
            f = lambda x: a * exp(-x / tm) + b * exp(-x / ts) - theta
            # f' = -a/tm e^{-x/tm} - b/ts e^{-x/ts} = 0  <=>  e^{x (1/ts - 1/tm)} = -(b tm)/(a ts)
            ratio = -(b * tm) / (a * ts) if a != 0 else mpf(-1)
            xc = log(ratio) / (1 / ts - 1 / tm) if ratio > 0 else mpf(-1)
        if f(0) >= 0:
            return t0
        if 0 < xc < h:
            points.append(xc)
        points.append(h)
        for lo, hi in zip(points, points[1:]):
            if f(lo) < 0 <= f(hi):
                for _ in range(400):
                    mid = (lo + hi) / 2
                    if f(mid) >= 0:
                        hi = mid
                    else:
                        lo = mid
                    if hi - lo < mpf("1e-56"):
                        break
                return t0 + hi
        return None

    while True:
        # candidate events: (time, class, key, payload); class 0 spike, 1 arrival, 2 release
        best = None
        if queue:
            t, n, k = queue[0]
            best = (t, 0, (names.index(n), k), ("input", n, k))
        for n, s in state.items():
            for j in range(len(s["u"])):
                c = s["clamp"][j]
                if c is not None:
                    cand = (c, 2, (names.index(n), j), ("release", n, j))
                else:
                    tc = crossing(n, j, duration if best is None else min(best[0], duration))
                    cand = None if tc is None else (tc, 0, (names.index(n), j), ("lif", n, j))
                if cand is not None and (best is None or cand[:3] < best[:3]):
                    best = cand
        if arrivals:
            a = min(arrivals)
            cand = (a[0], 1, a[1:4], ("arrival", a))
            if best is None or cand[:3] < best[:3]:
                best = cand
        if best is None or best[0] > duration:
            break
        t, cls, _, what = best
        if what[0] == "input":
            queue.pop(0)
            fire = (what[1], what[2])
        elif what[0] == "lif":
            n, j = what[1], what[2]
            evolve(n, j, t)
            s = state[n]
            par = s["par"]
            s["u"][j] = par["reset"] - par["leak"]
            if par["refractory"] > 0:
                s["clamp"][j] = t + par["refractory"]
            fire = (n, j)
        elif what[0] == "release":
            n, j = what[1], what[2]
            evolve(n, j, t)
            state[n]["clamp"][j] = None
            continue
        else:
            arr = what[1]
            arrivals.remove(arr)
            _, _, _, _, n, j, w = arr
            evolve(n, j, t)
            state[n]["i"][j] += w
            continue
        n, j = fire
        spikes[n].append((j, t))
        for p, pr in enumerate(projs):
            if pr["source"] != n:
                continue
            tgt = pr["target"]
            row = weights[p][j]
            # row order: by (delay, synapse number), as eventsnn applies simultaneous arrivals
            slots = sorted(range(len(row)), key=lambda k: (delays[p][j][k], k))
            for r, k in enumerate(slots):
                arrivals.append((t + delays[p][j][k], order, p, r, tgt, k, row[k]))
        order += 1
    return {n: spikes[n] for n in names if pops[n]["type"] == "lif"}


def first_spike_loss(spikes, pop, size, coefficients, duration):
    first = [duration] * size
    for j, t in spikes[pop]:
        if first[j] == duration:
            first[j] = t
    return sum(c * t for c, t in zip(coefficients, first))


def gradient(model, inputs, duration, loss, of_delays=False):
    """dL/dw (or, with of_delays, dL/d(delay) of each synapse) by central differences."""
    if of_delays:
        base = [[[mpf(float(d)) for d in row] for row in pr["delays"]] for pr in model["projections"]]
    else:
        base = [[[mpf(float(w)) for w in row] for row in pr["weights"]] for pr in model["projections"]]
    size = next(p["size"] for p in model["populations"] if p["name"] == loss["population"])
    coeff = [mpf(float(c)) for c in loss["coefficients"]]

    def value(xs):
        sp = simulate(model, inputs, duration, delays=xs) if of_delays else simulate(model, inputs, duration, xs)
        return first_spike_loss(sp, loss["population"], size, coeff, duration)

    out = []
    for p, m in enumerate(base):
        rows = []
        for i, row in enumerate(m):
            vals = []
            for k in range(len(row)):
                est = []
                for h in (mpf("1e-20"), mpf("1e-22")):
                    plus = [[list(r) for r in q] for q in base]
                    minus = [[list(r) for r in q] for q in base]
                    plus[p][i][k] += h
                    minus[p][i][k] -= h
                    est.append((value(plus) - value(minus)) / (2 * h))
                assert abs(est[0] - est[1]) <= mpf("1e-25") * abs(est[0]) + mpf("1e-28"), (p, i, k, est)
                vals.append(est[0])
            rows.append(vals)
        out.append(rows)
    return value(base), out


def s(x):
    return mp.nstr(x, 33, min_fixed=-40, max_fixed=40, strip_zeros=False)


def expected_json(spikes):
    return {n: {"neuron": [j for j, _ in sp], "time": [s(t) for _, t in sp]} for n, sp in spikes.items()}


def check_against_shared_fixture():
    with open("recurrent_delay.json") as f:
        fx = json.load(f)
    got = simulate(fx["model"], fx["input"]["populations"], mpf(float(fx["input"]["duration"])))
    for n, e in fx["expected"].items():
        assert [j for j, _ in got[n]] == e["neuron"], n
        err = max(abs(t - mpf(r)) for (_, t), r in zip(got[n], e["time"]))
        assert err < mpf("1e-28"), (n, err)
    print("recurrent_delay.json reproduced")


def case(name, model, inputs, duration, loss=None, methods=None):
    sp = simulate(model, inputs["populations"], mpf(float(duration)))
    doc = {"name": name, "model": model, "input": inputs, "expected": expected_json(sp)}
    if loss is not None:
        value, grads = gradient(model, inputs["populations"], mpf(float(duration)), loss)
        _, delay_grads = gradient(model, inputs["populations"], mpf(float(duration)), loss, of_delays=True)
        doc["gradient"] = {"loss": loss, "methods": methods, "value": s(value),
                           "weights": [[[s(v) for v in row] for row in m] for m in grads],
                           "delays": [[[s(v) for v in row] for row in m] for m in delay_grads]}
    with open(name + ".json", "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(name, {n: len(v) for n, v in sp.items()}, "spikes")


def with_delays(model, rnd, lo, hi):
    for pr in model["projections"]:
        pr.pop("delay", None)
        pr["delays"] = [[round(rnd.uniform(lo, hi), 5) for _ in row] for row in pr["weights"]]
    return model


def main():
    check_against_shared_fixture()
    rnd = random.Random(20)
    with open("recurrent_delay.json") as f:
        fx = json.load(f)
    rec = with_delays(fx["model"], rnd, 0.0001, 0.002)
    case("synapse_delays_recurrent", rec, fx["input"], fx["input"]["duration"])
    params = {"tauMem": 0.01, "tauSyn": 0.005, "threshold": 0.6, "leak": 0.0, "reset": 0.0, "refractory": 1.0}
    ff = {"format": "eventsnn-model", "version": 1, "populations": [
        {"name": "in", "type": "input", "size": 3},
        {"name": "hidden", "type": "lif", "size": 4, "params": params},
        {"name": "out", "type": "lif", "size": 2, "params": params}],
        "projections": [
            {"source": "in", "target": "hidden",
             "weights": [[round(rnd.uniform(0.8, 2.2), 6) for _ in range(4)] for _ in range(3)]},
            {"source": "hidden", "target": "out",
             "weights": [[round(rnd.uniform(0.6, 1.8), 6) for _ in range(2)] for _ in range(4)]}]}
    ff = with_delays(ff, rnd, 0.0, 0.003)
    inputs = {"format": "eventsnn-spikes", "version": 1, "duration": 0.04,
              "populations": {"in": {"neuron": [1, 0, 2], "time": [0.0011, 0.00237, 0.00402]}}}
    case("synapse_delays_ff", ff, inputs, 0.04,
         {"kind": "first-spike-linear", "population": "out", "coefficients": [1.0, -0.7]}, ["eventprop", "fastdeep"])


if __name__ == "__main__":
    main()
