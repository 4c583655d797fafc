#!/usr/bin/env python3
"""Reference cases with delta synapses (receptors of time constant 0), at 60 significant digits.

An independent event-driven simulation (mpmath) of eventsnn's neuron with, per population, at
most one current receptor (time constant tauSyn > 0) and any number of delta receptors:

    tauMem du/dt = -u + I(t),   tauSyn dI/dt = -I,   u = V - leak
    arrival of weight w on the current receptor:  I += w
    arrival of weight w on a delta receptor:      u += w   (lost while refractory)
    spike when u reaches theta = threshold - leak; then u := reset - leak, clamped for refractory.

Between events u(x) = (u0 - b) exp(-x/tauMem) + b exp(-x/tauSyn) with b = I0 tauSyn/(tauSyn - tauMem);
a continuous crossing is bracketed by the single critical point of u and bisected to 1e-56 s.

Order of events at one instant (docs/exactness.md, "Delta synapses"): spikes (inputs and
continuous crossings, by population then neuron), arrivals (by spike order, projection, synapse),
releases (by neuron), and last the neurons that a jump took to or above threshold (by population,
then neuron), each of which fires at that instant; its zero-delay arrivals then come before the
next such neuron. So the sum of an instant's jumps decides whether a neuron fires.

Every number of a model or input is taken as the exact binary double it denotes. Writes
delta_recurrent.json (spikes) and delta_ff.json (spikes and dL/dw of a first-spike-linear loss
by central differences at two step sizes, 1e-20 and 1e-22, that must agree to 1e-25 relative,
1e-28 absolute).

Run from this directory: python3 delta_synapses.py   (Debian: python3-mpmath)
"""
import json
import random
from mpmath import mp, mpf, exp, log

mp.dps = 60


def receptors_of(params):
    if "receptors" in params:
        return {k: mpf(float(v)) for k, v in params["receptors"].items()}
    return {"syn": mpf(float(params.get("tauSyn", 0.005)))}


def simulate(model, inputs, duration, weights=None):
    """Spike lists per LIF population: [(neuron, time)] in time order."""
    names = [p["name"] for p in model["populations"]]
    pops = {p["name"]: p for p in model["populations"]}
    projs = model["projections"]
    if weights is None:
        weights = [[[mpf(float(w)) for w in row] for row in pr["weights"]] for pr in projs]
    state = {}
    for n in names:
        p = pops[n]
        if p["type"] != "lif":
            continue
        par = p["params"]
        recs = receptors_of(par)
        current = [k for k, tau in recs.items() if tau != 0]
        assert len(current) <= 1, "the oracle handles one current receptor per population"
        get = lambda key, default: mpf(float(par.get(key, default)))
        st = dict(tm=get("tauMem", 0.01), ts=recs[current[0]] if current else None,
                  current=current[0] if current else None, recs=recs,
                  theta=get("threshold", 0.6) - get("leak", 0.0), ureset=get("reset", 0.0) - get("leak", 0.0),
                  refractory=get("refractory", 0.0), size=p["size"])
        st["u"] = [mpf(float(v)) - get("leak", 0.0) for v in p["initialV"]] if "initialV" in p else [mpf(0)] * p["size"]
        st["i"] = [mpf(0)] * p["size"]
        st["t"] = [mpf(0)] * p["size"]
        st["clamp"] = [None] * p["size"]
        state[n] = st
    arrivals = []  # (time, spike number, projection, row position, target neuron, weight)
    spikes = {n: [] for n in names}
    order = 0
    queue = sorted((mpf(float(t)), names.index(n), k) for n, tr in inputs.items()
                   for k, t in zip(tr["neuron"], tr["time"]))

    def evolve(s, j, t):
        dt = t - s["t"][j]
        if dt <= 0:
            return
        i0 = s["i"][j]
        if s["clamp"][j] is None:
            if s["ts"] is None or i0 == 0:
                s["u"][j] = s["u"][j] * exp(-dt / s["tm"])
            else:
                b = i0 * s["ts"] / (s["ts"] - s["tm"])
                s["u"][j] = (s["u"][j] - b) * exp(-dt / s["tm"]) + b * exp(-dt / s["ts"])
        if s["ts"] is not None:
            s["i"][j] = i0 * exp(-dt / s["ts"])
        s["t"][j] = t

    def crossing(s, j, horizon):
        """(time, class) of the neuron's next firing before horizon: class 3 if a jump put it at or above theta."""
        if s["clamp"][j] is not None:
            return None
        t0, u0, i0, tm, ts, theta = s["t"][j], s["u"][j], s["i"][j], s["tm"], s["ts"], s["theta"]
        if u0 >= theta:
            return (t0, 3)
        h = horizon - t0
        if h <= 0:
            return None
        b = mpf(0) if ts is None or i0 == 0 else i0 * ts / (ts - tm)
        a = u0 - b
        f = lambda x: a * exp(-x / tm) + (b * exp(-x / ts) if b != 0 else 0) - theta
        points = [mpf(0)]
        if b != 0 and a != 0:
            ratio = -(b * tm) / (a * ts)
            if ratio > 0:
                xc = log(ratio) / (1 / ts - 1 / tm)
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
                return (t0 + hi, 0)
        return None

    while True:
        best = None  # (time, class, key, action)
        if queue:
            t, p, k = queue[0]
            best = (t, 0, (p, k), ("input", names[p], k))
        if arrivals:
            a = min(arrivals)
            cand = (a[0], 1, a[1:4], ("arrival", a))
            if best is None or cand[:3] < best[:3]:
                best = cand
        for n, s in state.items():
            for j in range(s["size"]):
                c = s["clamp"][j]
                if c is not None:
                    cand = (c, 2, (names.index(n), j), ("release", n, j))
                else:
                    hit = crossing(s, j, duration if best is None else min(best[0], duration))
                    cand = None if hit is None else (hit[0], hit[1], (names.index(n), j), ("lif", n, j))
                if cand is not None and (best is None or cand[:3] < best[:3]):
                    best = cand
        if best is None or best[0] > duration:
            break
        t, cls, _, what = best
        if what[0] == "input":
            queue.pop(0)
            fire = (what[1], what[2])
        elif what[0] == "lif":
            n, j = what[1], what[2]
            s = state[n]
            evolve(s, j, t)
            s["u"][j] = s["ureset"]
            if s["refractory"] > 0:
                s["clamp"][j] = t + s["refractory"]
            fire = (n, j)
        elif what[0] == "release":
            n, j = what[1], what[2]
            s = state[n]
            evolve(s, j, t)
            s["clamp"][j] = None
            continue
        else:
            arr = what[1]
            arrivals.remove(arr)
            _, _, p, _, j, w = arr
            s = state[projs[p]["target"]]
            evolve(s, j, t)
            rec = projs[p].get("receptor", s["current"] or next(iter(s["recs"])))
            if s["recs"][rec] == 0:
                if s["clamp"][j] is None:
                    s["u"][j] += w
            else:
                s["i"][j] += w
            continue
        n, j = fire
        spikes[n].append((j, t))
        for p, pr in enumerate(projs):
            if pr["source"] != n:
                continue
            d = mpf(float(pr.get("delay", 0.0)))
            for k, w in enumerate(weights[p][j]):
                arrivals.append((t + d, order, p, k, k, w))
        order += 1
    return {n: spikes[n] for n in names if pops[n]["type"] == "lif"}


def first_spike_loss(spikes, pop, size, coefficients, duration):
    first = [duration] * size
    for j, t in spikes[pop]:
        if first[j] == duration:
            first[j] = t
    return sum(c * t for c, t in zip(coefficients, first))


def gradient(model, inputs, duration, loss):
    base = [[[mpf(float(w)) for w in row] for row in pr["weights"]] for pr in model["projections"]]
    size = next(p["size"] for p in model["populations"] if p["name"] == loss["population"])
    coeff = [mpf(float(c)) for c in loss["coefficients"]]

    def value(ws):
        return first_spike_loss(simulate(model, inputs, duration, ws), loss["population"], size, coeff, duration)

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


def case(name, model, inputs, loss=None, methods=None):
    duration = mpf(float(inputs["duration"]))
    sp = simulate(model, inputs["populations"], duration)
    doc = {"name": name, "model": model, "input": inputs,
           "expected": {n: {"neuron": [j for j, _ in v], "time": [s(t) for _, t in v]} for n, v in sp.items()}}
    if loss is not None:
        value, grads = gradient(model, inputs["populations"], duration, loss)
        doc["gradient"] = {"loss": loss, "methods": methods, "value": s(value),
                           "weights": [[[s(v) for v in row] for row in m] for m in grads]}
    with open(name + ".json", "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(name, {n: len(v) for n, v in sp.items()}, "spikes")


def matrix(rnd, rows, cols, lo, hi):
    return [[round(rnd.uniform(lo, hi), 6) for _ in range(cols)] for _ in range(rows)]


def main():
    rnd = random.Random(23)
    # recurrent: hidden has a current and a delta receptor; out only a delta receptor and a leak
    # above threshold, so it also fires without input (a continuous crossing with no current)
    hidden = {"tauMem": 0.01, "receptors": {"exc": 0.004, "d": 0.0}, "threshold": 0.9, "leak": 0.1,
              "reset": -0.2, "refractory": 0.001}
    out = {"tauMem": 0.02, "receptors": {"d": 0.0}, "threshold": 1.0, "leak": 1.02, "reset": 0.0,
           "refractory": 0.0005}
    model = {"format": "eventsnn-model", "version": 1, "populations": [
        {"name": "in", "type": "input", "size": 3},
        {"name": "hidden", "type": "lif", "size": 5, "params": hidden},
        {"name": "out", "type": "lif", "size": 3, "params": out, "initialV": [0.2, 0.5, 0.8]}],
        "projections": [
            {"source": "in", "target": "hidden", "receptor": "exc", "delay": 0.0, "weights": matrix(rnd, 3, 5, 0.2, 1.6)},
            {"source": "in", "target": "hidden", "receptor": "d", "delay": 0.0, "weights": matrix(rnd, 3, 5, -0.1, 0.5)},
            {"source": "hidden", "target": "hidden", "receptor": "d", "delay": 0.0005,
             "weights": matrix(rnd, 5, 5, -0.3, 0.45)},
            {"source": "hidden", "target": "out", "receptor": "d", "delay": 0.0, "weights": matrix(rnd, 5, 3, -0.4, 0.3)},
            {"source": "out", "target": "hidden", "receptor": "exc", "delay": 0.001,
             "weights": matrix(rnd, 3, 5, -0.5, 0.8)}]}
    times = sorted(round(rnd.uniform(0.0005, 0.04), 5) for _ in range(14))
    inputs = {"format": "eventsnn-spikes", "version": 1, "duration": 0.05,
              "populations": {"in": {"neuron": [rnd.randrange(3) for _ in times], "time": times}}}
    case("delta_recurrent", model, inputs)

    # feed-forward with a gradient: hidden fires by jumps and by continuous crossings after jumps
    # and currents; out (delta receptor only, leak above threshold, starting below it) by jumps or by
    # its rise towards the leak, advanced by earlier jumps
    hid = {"tauMem": 0.01, "receptors": {"syn": 0.005, "d": 0.0}, "threshold": 0.6, "leak": 0.0, "reset": 0.0,
           "refractory": 1.0}
    outp = {"tauMem": 0.01, "receptors": {"d": 0.0}, "threshold": 0.9, "leak": 0.95, "reset": 0.0, "refractory": 1.0}
    ff = {"format": "eventsnn-model", "version": 1, "populations": [
        {"name": "in", "type": "input", "size": 3},
        {"name": "hidden", "type": "lif", "size": 4, "params": hid},
        {"name": "out", "type": "lif", "size": 2, "params": outp, "initialV": [0.3, 0.0]}],
        "projections": [
            {"source": "in", "target": "hidden", "receptor": "syn", "delay": 0.0, "weights": matrix(rnd, 3, 4, 0.6, 1.6)},
            {"source": "in", "target": "hidden", "receptor": "d", "delay": 0.0004, "weights": matrix(rnd, 3, 4, 0.0, 0.25)},
            {"source": "hidden", "target": "out", "receptor": "d", "delay": 0.0007, "weights": matrix(rnd, 4, 2, 0.02, 0.1)}]}
    ffin = {"format": "eventsnn-spikes", "version": 1, "duration": 0.04,
            "populations": {"in": {"neuron": [1, 0, 2, 0], "time": [0.0011, 0.00237, 0.00402, 0.006]}}}
    case("delta_ff", ff, ffin, {"kind": "first-spike-linear", "population": "out", "coefficients": [1.0, -0.7]},
         ["eventprop"])


if __name__ == "__main__":
    main()
