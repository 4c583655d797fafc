"""Writes the foreign NIR test files with the NIR reference package (neuromorphs/NIR), and the
spike times of recurrent_cubalif.nir computed independently at 50 significant digits.

Run from this directory with Debian's python3-h5py, python3-numpy and python3-mpmath and the
reference package's source on the path (it was not pip-installed, so its version is set below
to the release the snapshot builds on):

    PYTHONPATH=/path/to/NIR /usr/bin/python3 make_nir_files.py

The spike-time reference follows NIR's CubaLIF equations literally (tau_syn dI/dt = -I + w_in S,
tau_mem dv/dt = (v_leak - v) + r I, spike when v crosses v_threshold, then v := v_reset),
event by event with closed-form free evolution and a bracketed root search, using none of
eventsnn's code or its weight conversion.
"""
import json
import heapq

import mpmath as mp
import numpy as np

import nir

if not hasattr(nir, "version"):
    nir.version = "1.0.7"  # snapshot 7232ada = tag v1.0.7 + 9 commits, run from source

mp.mp.dps = 50


def recurrent_cubalif():
    """Input(2) -> Linear -> Delay -> CubaLIF 'lif'(3) (recurrent through Linear -> Delay) -> Linear -> CubaLIF 'out'(2)."""
    lif = nir.CubaLIF(
        tau_syn=np.array([5e-3, 4e-3, 6e-3]),
        tau_mem=np.array([1e-2, 7e-3, 2e-2]),  # neuron 0 has tau_mem = 2 tau_syn
        r=np.array([2.0, 0.5, 1.5]),
        v_leak=np.array([0.1, -0.05, 0.2]),
        v_threshold=np.array([1.0, 0.8, 1.2]),
        v_reset=np.array([-0.1, 0.0, 0.05]),
        w_in=np.array([0.5, 2.0, 1.25]),
    )
    out = nir.CubaLIF(
        tau_syn=np.array([3e-3, 3e-3]),
        tau_mem=np.array([9e-3, 9e-3]),
        r=np.array([1.5, 1.5]),
        v_leak=np.array([0.0, 0.0]),
        v_threshold=np.array([0.5, 0.7]),
        v_reset=np.array([0.0, -0.2]),
        w_in=np.array([0.8, 0.8]),
    )
    nodes = {
        "in": nir.Input(input_type=np.array([2])),
        "w_in_lif": nir.Linear(weight=np.array([[0.012, 0.004], [0.003, 0.0021], [0.002, 0.009]])),
        "d_in_lif": nir.Delay(delay=np.array([1.5e-3, 1.5e-3, 1.5e-3])),
        "lif": lif,
        "w_rec": nir.Linear(weight=np.array([[0.0, 0.002, -0.003], [0.0015, 0.0, 0.001], [-0.002, 0.004, 0.0]])),
        "d_rec": nir.Delay(delay=np.array([1e-3, 1e-3, 1e-3])),
        "w_out": nir.Linear(weight=np.array([[0.004, 0.003, -0.001], [0.001, 0.002, 0.003]])),
        "out": out,
        "output": nir.Output(output_type=np.array([2])),
    }
    edges = [("in", "w_in_lif"), ("w_in_lif", "d_in_lif"), ("d_in_lif", "lif"), ("lif", "w_rec"),
             ("w_rec", "d_rec"), ("d_rec", "lif"), ("lif", "w_out"), ("w_out", "out"), ("out", "output")]
    return nir.NIRGraph(nodes=nodes, edges=edges)


class Neuron:
    def __init__(self, node, i):
        f = lambda a: mp.mpf(float(np.asarray(a).reshape(-1)[i]))
        self.ts, self.tm, self.r = f(node.tau_syn), f(node.tau_mem), f(node.r)
        self.leak, self.thr, self.reset, self.w_in = f(node.v_leak), f(node.v_threshold), f(node.v_reset), f(node.w_in)
        self.v = self.leak  # at rest
        self.i = mp.mpf(0)

    def state_after(self, dt):
        b = self.r * self.i * self.ts / (self.ts - self.tm)
        a = (self.v - self.leak) - b
        return self.leak + a * mp.exp(-dt / self.tm) + b * mp.exp(-dt / self.ts), self.i * mp.exp(-dt / self.ts)

    def advance(self, dt):
        self.v, self.i = self.state_after(dt)

    def first_crossing(self, horizon):
        """First dt in (0, horizon] where v reaches v_threshold from below, else None."""
        b = self.r * self.i * self.ts / (self.ts - self.tm)
        a = (self.v - self.leak) - b
        f = lambda t: a * mp.exp(-t / self.tm) + b * mp.exp(-t / self.ts) - (self.thr - self.leak)
        points = [mp.mpf(0)]
        if a * b < 0:  # one critical point of f
            tc = mp.log(-(b * self.tm) / (a * self.ts)) / (1 / self.ts - 1 / self.tm)
            if 0 < tc < horizon:
                points.append(tc)
        points.append(horizon)
        for lo, hi in zip(points, points[1:]):
            if f(lo) < 0 <= f(hi):
                for _ in range(400):  # bisection to far below 1e-50 s
                    mid = (lo + hi) / 2
                    if f(mid) < 0:
                        lo = mid
                    else:
                        hi = mid
                return hi
        return None


def reference_spikes(graph, inputs, duration):
    pops = {name: [Neuron(graph.nodes[name], i) for i in range(len(graph.nodes[name].v_threshold))]
            for name in ("lif", "out")}
    # (source, linear, delay, target) routes of the graph above
    routes = {"in": [("w_in_lif", 1.5e-3, "lif")], "lif": [("w_rec", 1e-3, "lif"), ("w_out", 0.0, "out")], "out": []}
    arrivals = []
    seq = 0

    def emit(src, j, t):
        nonlocal seq
        for lin, d, tgt in routes[src]:
            w = graph.nodes[lin].weight
            for k in range(w.shape[0]):
                if w[k, j] != 0:
                    heapq.heappush(arrivals, (t + mp.mpf(d), seq, tgt, k, mp.mpf(float(w[k, j]))))
                    seq += 1

    for j, t in inputs:
        emit("in", j, mp.mpf(t))
    now = mp.mpf(0)
    end = mp.mpf(duration)
    spikes = {"lif": [], "out": []}
    while True:
        horizon = min(arrivals[0][0], end) if arrivals else end
        best = None
        for name, ns in pops.items():
            for k, n in enumerate(ns):
                dt = n.first_crossing(horizon - now)
                if dt is not None and (best is None or dt < best[0]):
                    best = (dt, name, k)
        if best is not None:
            dt, name, k = best
            for ns in pops.values():
                for n in ns:
                    n.advance(dt)
            now += dt
            pops[name][k].v = pops[name][k].reset
            spikes[name].append((k, now))
            emit(name, k, now)
            continue
        for ns in pops.values():
            for n in ns:
                n.advance(horizon - now)
        now = horizon
        if not arrivals or now >= end:
            break
        while arrivals and arrivals[0][0] == now:
            _, _, tgt, k, w = heapq.heappop(arrivals)
            n = pops[tgt][k]
            n.i += n.w_in * w / n.ts  # a Dirac of weight w through w_in: I jumps by w_in w / tau_syn
    return spikes


def main():
    g = recurrent_cubalif()
    nir.write("recurrent_cubalif.nir", g)
    rng = np.random.default_rng(23)
    times = np.sort(rng.uniform(0.0, 0.04, 24))
    neurons = rng.integers(0, 2, 24)
    inputs = [(int(j), float(t)) for j, t in zip(neurons, times)]
    duration = 0.06
    spikes = reference_spikes(nir.read("recurrent_cubalif.nir"), inputs, duration)
    with open("recurrent_cubalif.expected.json", "w") as f:
        json.dump({"duration": duration,
                   "input": {"population": "in", "neurons": [j for j, _ in inputs], "times": [t for _, t in inputs]},
                   "spikes": {p: [[k, mp.nstr(t, 40)] for k, t in s] for p, s in spikes.items()}}, f, indent=1)
        f.write("\n")

    rng = np.random.default_rng(5)
    conv = nir.NIRGraph(nodes={
        "img": nir.Input(input_type=np.array([2, 6, 5])),
        "conv": nir.Conv2d(input_shape=(6, 5), weight=rng.normal(0, 0.004, (3, 2, 3, 2)), stride=(1, 2),
                           padding=(1, 0), dilation=(2, 1), groups=1, bias=np.array([0.0, 0.0, 0.0])),
        "c1": nir.CubaLIF(tau_syn=np.full((3, 4, 2), 5e-3), tau_mem=np.full((3, 4, 2), 1e-2), r=np.full((3, 4, 2), 1.0),
                          v_leak=np.zeros((3, 4, 2)), v_threshold=np.full((3, 4, 2), 0.5), w_in=np.full((3, 4, 2), 1.0)),
        "pool": nir.SumPool2d(kernel_size=np.array([2, 2]), stride=np.array([2, 2]), padding=np.array([0, 0])),
        "flat": nir.Flatten(input_type={"input": np.array([3, 2, 1])}, start_dim=0, end_dim=-1),
        "aff": nir.Affine(weight=rng.normal(0, 0.01, (2, 6)), bias=np.array([0.02, -0.01])),
        "c2": nir.CubaLIF(tau_syn=np.array([4e-3, 6e-3]), tau_mem=np.array([8e-3, 8e-3]), r=np.array([2.0, 1.0]),
                          v_leak=np.array([0.0, 0.1]), v_threshold=np.array([0.6, 0.6]), w_in=np.array([1.0, 0.5])),
        "output": nir.Output(output_type=np.array([2])),
    }, edges=[("img", "conv"), ("conv", "c1"), ("c1", "pool"), ("pool", "flat"), ("flat", "aff"), ("aff", "c2"),
              ("c2", "output")])
    nir.write("conv2d_pool_affine.nir", conv)

    conv1 = nir.NIRGraph(nodes={
        "seq": nir.Input(input_type=np.array([2, 9])),
        "conv": nir.Conv1d(input_shape=9, weight=rng.normal(0, 0.004, (4, 2, 3)), stride=2, padding=1, dilation=2,
                           groups=1, bias=np.zeros(4)),
        "scale": nir.Scale(scale=np.linspace(0.5, 2.0, 16).reshape(4, 4)),
        "delay": nir.Delay(delay=np.full((4, 4), 2e-3)),
        "lif": nir.CubaLIF(tau_syn=np.full((4, 4), 5e-3), tau_mem=np.full((4, 4), 1e-2), r=np.full((4, 4), 1.0),
                           v_leak=np.zeros((4, 4)), v_threshold=np.full((4, 4), 0.3), w_in=np.full((4, 4), 1.0)),
        "output": nir.Output(output_type=np.array([4, 4])),
    }, edges=[("seq", "conv"), ("conv", "scale"), ("scale", "delay"), ("delay", "lif"), ("lif", "output")])
    nir.write("conv1d_scale_delay.nir", conv1)

    # the reference package reading what eventsnn wrote and writing it again (gzip, variable-length strings)
    nir.write("eventsnn_rewritten_by_reference.nir", nir.read("eventsnn_written.nir"))


if __name__ == "__main__":
    main()
