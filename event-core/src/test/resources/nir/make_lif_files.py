"""Writes recurrent_lif.nir with the NIR reference package (neuromorphs/NIR), and its spike times
computed independently at 50 significant digits (recurrent_lif.expected.json).

Run from this directory with Debian's python3-h5py, python3-numpy and python3-mpmath and the
reference package's source on the path (not pip-installed, so its version is set below):

    PYTHONPATH=/path/to/NIR /usr/bin/python3 make_lif_files.py

The reference follows NIR's LIF equations literally (tau dv/dt = (v_leak - v) + r I with I a sum
of Dirac deltas of weight W after the Linear/Affine/Delay nodes, so v jumps by r W / tau at each;
an Affine bias b is a constant I, so v relaxes towards v_leak + r b; spike when v passes
v_threshold, then v := v_reset), event by event with closed-form relaxation, the Diracs of one
instant added before the threshold is compared, and each Delay's value taken per element. It
uses none of eventsnn's code or its weight conversion. The graph starts at rest (v = v_leak +
r b), as eventsnn does.
"""
import json
import heapq

import mpmath as mp
import numpy as np

import nir

if not hasattr(nir, "version"):
    nir.version = "1.0.7"  # snapshot 7232ada = tag v1.0.7 + 9 commits, run from source

mp.mp.dps = 50


def recurrent_lif():
    """Input(2) -> Linear -> Delay (per element) -> LIF 'lif'(3), recurrent through Linear -> Delay
    (per element) -> Affine (bias) -> LIF 'out'(2) -> Output."""
    lif = nir.LIF(
        tau=np.array([1e-2, 7e-3, 2e-2]),
        r=np.array([2.0, 0.5, 1.5]),  # r != tau: the jump is r W / tau
        v_leak=np.array([0.1, -0.05, 0.2]),
        v_threshold=np.array([1.0, 0.8, 1.2]),
        v_reset=np.array([-0.1, 0.0, 0.05]),
    )
    out = nir.LIF(
        tau=np.array([9e-3, 9e-3]),
        r=np.array([1.5, 1.5]),
        v_leak=np.array([0.0, 0.3]),
        v_threshold=np.array([0.5, 0.7]),
        v_reset=np.array([0.0, -0.2]),
    )
    nodes = {
        "in": nir.Input(input_type=np.array([2])),
        "w_in_lif": nir.Linear(weight=np.array([[0.004, 0.0015], [0.006, 0.0021], [0.0012, 0.009]])),
        "d_in_lif": nir.Delay(delay=np.array([1.5e-3, 1e-3, 2e-3])),
        "lif": lif,
        "w_rec": nir.Linear(weight=np.array([[0.0, 0.002, -0.003], [0.0045, 0.0, 0.001], [-0.002, 0.006, 0.0]])),
        "d_rec": nir.Delay(delay=np.array([1e-3, 5e-4, 1.5e-3])),
        "w_out": nir.Affine(weight=np.array([[0.002, 0.0015, -0.001], [0.001, 0.001, 0.0015]]), bias=np.array([0.0, 0.3])),
        "out": out,
        "output": nir.Output(output_type=np.array([2])),
    }
    edges = [("in", "w_in_lif"), ("w_in_lif", "d_in_lif"), ("d_in_lif", "lif"), ("lif", "w_rec"),
             ("w_rec", "d_rec"), ("d_rec", "lif"), ("lif", "w_out"), ("w_out", "out"), ("out", "output")]
    return nir.NIRGraph(nodes=nodes, edges=edges)


class Neuron:
    def __init__(self, node, i, bias=0.0):
        f = lambda a: mp.mpf(float(np.asarray(a).reshape(-1)[i]))
        self.tau, self.r, self.thr, self.reset = f(node.tau), f(node.r), f(node.v_threshold), f(node.v_reset)
        self.rest = f(node.v_leak) + self.r * mp.mpf(float(bias))  # where v relaxes to under the constant input
        self.v = self.rest

    def advance(self, dt):
        self.v = self.rest + (self.v - self.rest) * mp.exp(-dt / self.tau)

    def first_crossing(self, horizon):
        """First dt in (0, horizon] where the relaxation takes v up to v_threshold, else None."""
        if not (self.rest > self.thr and self.v < self.thr):
            return None
        dt = self.tau * mp.log((self.v - self.rest) / (self.thr - self.rest))
        return dt if dt <= horizon else None


def reference_spikes(graph, inputs, duration):
    bias = np.asarray(graph.nodes["w_out"].bias)
    pops = {"lif": [Neuron(graph.nodes["lif"], i) for i in range(3)],
            "out": [Neuron(graph.nodes["out"], i, bias[i]) for i in range(2)]}
    # (linear, delay node or None, target) routes of the graph above
    routes = {"in": [("w_in_lif", "d_in_lif", "lif")], "lif": [("w_rec", "d_rec", "lif"), ("w_out", None, "out")],
              "out": []}
    arrivals = []
    seq = 0

    def emit(src, j, t):
        nonlocal seq
        for lin, delay, tgt in routes[src]:
            w = graph.nodes[lin].weight
            for k in range(w.shape[0]):
                if w[k, j] != 0:
                    d = mp.mpf(0) if delay is None else mp.mpf(float(graph.nodes[delay].delay[k]))
                    heapq.heappush(arrivals, (t + d, seq, tgt, k, mp.mpf(float(w[k, j]))))
                    seq += 1

    spikes = {"lif": [], "out": []}

    def fire_reached(now):
        """Fires every neuron at or above threshold at this instant; returns whether any fired."""
        fired = False
        for name in ("lif", "out"):
            for k, n in enumerate(pops[name]):
                if n.v >= n.thr:
                    n.v = n.reset
                    spikes[name].append((k, now))
                    emit(name, k, now)
                    fired = True
        return fired

    for j, t in inputs:
        emit("in", j, mp.mpf(t))
    now = mp.mpf(0)
    end = mp.mpf(duration)
    fire_reached(now)  # at rest above threshold: fires at once
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
            n = pops[name][k]
            n.v = n.reset
            spikes[name].append((k, now))
            emit(name, k, now)
            continue
        for ns in pops.values():
            for n in ns:
                n.advance(horizon - now)
        now = horizon
        if not arrivals or now >= end:
            break
        while arrivals and arrivals[0][0] == now:  # every Dirac of this instant, then the threshold
            while arrivals and arrivals[0][0] == now:
                _, _, tgt, k, w = heapq.heappop(arrivals)
                n = pops[tgt][k]
                n.v += n.r * w / n.tau  # a Dirac of weight w: tau dv = r w
            fire_reached(now)
    return spikes


def main():
    g = recurrent_lif()
    nir.write("recurrent_lif.nir", g)
    rng = np.random.default_rng(29)
    times = np.sort(rng.uniform(0.0, 0.04, 30))
    neurons = rng.integers(0, 2, 30)
    inputs = [(int(j), float(t)) for j, t in zip(neurons, times)]
    duration = 0.06
    spikes = reference_spikes(nir.read("recurrent_lif.nir"), inputs, duration)
    with open("recurrent_lif.expected.json", "w") as f:
        json.dump({"duration": duration,
                   "input": {"population": "in", "neurons": [j for j, _ in inputs], "times": [t for _, t in inputs]},
                   "spikes": {p: [[k, mp.nstr(t, 40)] for k, t in s] for p, s in spikes.items()}}, f, indent=1)
        f.write("\n")
    print({p: len(s) for p, s in spikes.items()}, "spikes")


if __name__ == "__main__":
    main()
