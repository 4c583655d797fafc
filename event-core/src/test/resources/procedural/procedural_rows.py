#!/usr/bin/env python3
"""Rows of procedural projections by the algorithm stated in docs/scale.md, written again from
the text alone (not from eventsnn's code): a known-answer check that other tools reproduce
eventsnn's synapses, with either sampler ("inversion", the default, and "ziggurat"). Writes
procedural_rows.json. Python's math.log1p, math.cos, math.exp, math.log and math.sqrt come from
the C library, not fdlibm: they may differ in the last bit, so weights and delays are compared to
1e-14 relative; targets exactly.

Run from this directory: python3 procedural_rows.py
"""
import json
import math
import struct

M = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


class Stream:
    def __init__(self, seed, index):
        self.state = mix64((seed + (index + 1) * GAMMA) & M)

    def next64(self):
        self.state = (self.state + GAMMA) & M
        return mix64(self.state)

    def uniform(self):
        return (self.next64() >> 11) * 2.0 ** -53

    def gaussian(self):
        u1 = self.uniform()
        u2 = self.uniform()
        return math.sqrt(-2 * math.log1p(-u1)) * math.cos(2 * math.pi * u2)

    def exponential(self):
        return -math.log1p(-self.uniform())


class Ziggurat:
    """The documented 256-layer ziggurat for the density f on [0, inf)."""

    def __init__(self, r, v, normal):
        self.r, self.normal = r, normal
        f = self.f
        self.x = [0.0] * 257
        self.fx = [0.0] * 257
        self.x[1], self.fx[1] = r, f(r)
        self.x[0] = v / self.fx[1]
        for i in range(1, 255):
            y = v / self.x[i] + self.fx[i]
            self.x[i + 1] = math.sqrt(-2 * math.log(y)) if normal else -math.log(y)
            self.fx[i + 1] = f(self.x[i + 1])
        self.x[256], self.fx[256] = 0.0, 1.0

    def f(self, z):
        return math.exp(-0.5 * z * z) if self.normal else math.exp(-z)

    def layer_draw(self, s):
        b = s.next64()
        i = b & 0xFF
        return b, i, ((b >> 11) * 2.0 ** -53) * self.x[i]

    def wedge_accepts(self, s, i, z):
        return self.fx[i] + s.uniform() * (self.fx[i + 1] - self.fx[i]) < self.f(z)

    def gaussian(self, s):
        while True:
            b, i, z = self.layer_draw(s)
            if not z < self.x[i + 1]:
                if i == 0:
                    while True:
                        a = -math.log1p(-s.uniform()) / self.r
                        e = -math.log1p(-s.uniform())
                        if e + e > a * a:
                            break
                    z = self.r + a
                elif not self.wedge_accepts(s, i, z):
                    continue
            return z if (b >> 8) & 1 == 0 else -z

    def exponential(self, s):
        offset = 0.0
        while True:
            b, i, z = self.layer_draw(s)
            if z < self.x[i + 1]:
                return offset + z
            if i == 0:
                offset += self.r
            elif self.wedge_accepts(s, i, z):
                return offset + z


ZIG_NORMAL = Ziggurat(3.6541528853610088, 0.0049286732339746545, True)
ZIG_EXPONENTIAL = Ziggurat(7.69711747013104972, 0.003949659822581557, False)


def draws(s, sampler):
    """The (exponential, normal) draw functions of a sampler on stream s."""
    if sampler == "ziggurat":
        return (lambda: ZIG_EXPONENTIAL.exponential(s)), (lambda: ZIG_NORMAL.gaussian(s))
    return s.exponential, s.gaussian


def float32(x):
    """x rounded to the nearest float32 value (IEEE round to nearest even), as a Python float."""
    return struct.unpack("f", struct.pack("f", x))[0]


def row(i, targets, p, seed, wmean, wsd, dmean, dsd, dmin, precision="float64", sampler="inversion"):
    out = []
    if p == 0:
        return out
    s = Stream(seed & M, i)
    exponential, gaussian = draws(s, sampler)
    miss_rate = -math.log1p(-p) if p < 1 else None
    j = -1.0
    while True:
        j += 1 if p == 1 else 1 + math.floor(exponential() / miss_rate)
        if not j < targets:
            return out
        w = wmean
        if wsd > 0:
            while True:
                w = wmean + wsd * gaussian()
                if not (w < 0 if wmean >= 0 else w > 0):
                    break
        d = dmean
        if dsd > 0:
            while True:
                d = dmean + dsd * gaussian()
                if not d < dmin:
                    break
        if precision == "float32":
            w, d = float32(w), float32(d)
        out.append([int(j), w, d])


CASES = [
    dict(probability=0.0443, seed=11, weight=[3.51, 0.351], delay=[0.0015, 0.00075, 0.0001], targets=2068),
    dict(probability=0.3, seed=-7, weight=[-14.05, 1.405], delay=[0.00075, 0.000375, 0.0001], targets=50),
    dict(probability=1.0, seed=123456789, weight=[0.5, 0.0], delay=[0.001, 0.0, 0.0], targets=7),
    dict(probability=0.0443, seed=11, weight=[3.51, 0.351], delay=[0.0015, 0.00075, 0.0001], targets=2068,
         precision="float32"),
    dict(probability=0.3, seed=-7, weight=[-14.05, 1.405], delay=[0.00075, 0.000375, 0.0003], targets=50,
         precision="float32"),
    dict(probability=0.0443, seed=11, weight=[3.51, 0.351], delay=[0.0015, 0.00075, 0.0001], targets=2068,
         sampler="ziggurat"),
    dict(probability=0.3, seed=-7, weight=[-14.05, 1.405], delay=[0.00075, 0.000375, 0.0003], targets=50,
         sampler="ziggurat"),
    dict(probability=0.0443, seed=11, weight=[87.8, 8.78], delay=[0.0015, 0.00075, 0.0001], targets=2068,
         precision="float32", sampler="ziggurat"),
]


def main():
    doc = []
    for c in CASES:
        rows = [row(i, c["targets"], c["probability"], c["seed"], *c["weight"], *c["delay"],
                    c.get("precision", "float64"), c.get("sampler", "inversion")) for i in range(5)]
        doc.append(dict(c, rows=rows))
    with open("procedural_rows.json", "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print([sum(len(r) for r in c["rows"]) for c in doc], "synapses")


if __name__ == "__main__":
    main()
