#!/usr/bin/env python3
"""Reference cases for integer ratios tauMem / tauSyn (4, 7, 20, and 1), computed at 60 significant
digits by synapse_delays.py's independent simulation (mpmath), which first reproduces the
shared fixture recurrent_delay.json. eventsnn solves these ratios as polynomials in
exp(-t/tauMem) (docs/exactness.md, "Integer ratios"); these cases check the route against
values that share none of its arithmetic.

Writes ratio4_recurrent.json (the Yin-Yang eventprop preset's ratio, recurrent with delays),
ratio7_ff.json and ratio20_ff.json (the microcircuit's ratio), and ratio1_recurrent.json (equal
rates, which eventsnn solves through Lambert W).

Run from this directory: python3 integer_ratios.py   (Debian: python3-mpmath)
"""
import random

from synapse_delays import case, check_against_shared_fixture


def params(tau_mem, tau_syn, refractory):
    return {"tauMem": tau_mem, "tauSyn": tau_syn, "threshold": 0.6, "leak": 0.0, "reset": 0.0,
            "refractory": refractory}


def weights(rnd, rows, cols, lo, hi):
    return [[round(rnd.uniform(lo, hi), 6) for _ in range(cols)] for _ in range(rows)]


def inputs(rnd, size, count, duration):
    times = sorted(round(rnd.uniform(0.0002, duration / 3), 7) for _ in range(count))
    return {"format": "eventsnn-spikes", "version": 1, "duration": duration,
            "populations": {"in": {"neuron": [rnd.randrange(size) for _ in times], "time": times}}}


def feed_forward(rnd, name, tau_mem, tau_syn, scale):
    p = params(tau_mem, tau_syn, 0.002)
    model = {"format": "eventsnn-model", "version": 1, "populations": [
        {"name": "in", "type": "input", "size": 3},
        {"name": "hidden", "type": "lif", "size": 5, "params": p},
        {"name": "out", "type": "lif", "size": 2, "params": p}],
        "projections": [
            {"source": "in", "target": "hidden", "delay": 0.0002, "weights": weights(rnd, 3, 5, 1.0 * scale, 4.0 * scale)},
            {"source": "hidden", "target": "out", "delay": 0.0005, "weights": weights(rnd, 5, 2, 0.3 * scale, 1.5 * scale)}]}
    case(name, model, inputs(rnd, 3, 6, 0.04), 0.04)


def main():
    check_against_shared_fixture()
    rnd = random.Random(21)
    p = params(0.02, 0.005, 0.001)
    recurrent = {"format": "eventsnn-model", "version": 1, "populations": [
        {"name": "in", "type": "input", "size": 3},
        {"name": "hidden", "type": "lif", "size": 5, "params": p},
        {"name": "out", "type": "lif", "size": 2, "params": p}],
        "projections": [
            {"source": "in", "target": "hidden", "delay": 0.001, "weights": weights(rnd, 3, 5, 2.0, 9.0)},
            {"source": "hidden", "target": "hidden", "delay": 0.0003, "weights": weights(rnd, 5, 5, -3.0, 1.5)},
            {"source": "hidden", "target": "out", "delay": 0.0005, "weights": weights(rnd, 5, 2, 1.0, 6.0)}]}
    case("ratio4_recurrent", recurrent, inputs(rnd, 3, 8, 0.06), 0.06)
    feed_forward(rnd, "ratio7_ff", 0.014, 0.002, 5.0)
    feed_forward(rnd, "ratio20_ff", 0.01, 0.0005, 12.0)
    equal_rates(random.Random(1))


def equal_rates(rnd):
    """tauMem = tauSyn (the fastdeep preset's ratio, solved through Lambert W): a
    recurrent network with delays whose hidden neurons fire repeatedly."""
    p = params(0.01, 0.01, 0.001)
    model = {"format": "eventsnn-model", "version": 1, "populations": [
        {"name": "in", "type": "input", "size": 3},
        {"name": "hidden", "type": "lif", "size": 6, "params": p},
        {"name": "out", "type": "lif", "size": 2, "params": p}],
        "projections": [
            {"source": "in", "target": "hidden", "delay": 0.001, "weights": weights(rnd, 3, 6, 0.5, 2.5)},
            {"source": "hidden", "target": "hidden", "delay": 0.0003, "weights": weights(rnd, 6, 6, -1.0, 0.5)},
            {"source": "hidden", "target": "out", "delay": 0.0005, "weights": weights(rnd, 6, 2, 0.2, 1.2)}]}
    case("ratio1_recurrent", model, inputs(rnd, 3, 10, 0.06), 0.06)


if __name__ == "__main__":
    main()
