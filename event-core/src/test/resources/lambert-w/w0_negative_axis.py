"""Coefficients of LambertW.w0OnNegativeAxis (event-core), printed as Java.

W0 on [-1/e, 0]: above z = -0.0805 as z (1 + z h(z)), h of degree 11 in z; below as
-1 + p + p^2 q(p) in p = sqrt(2 (e z + 1)), q of degree 9 in t = p - (middle of the quarter)
on each quarter of [0, 1.25). h and q interpolate 50-digit values of W (mpmath.lambertw) at
Chebyshev nodes; the coefficients are then rounded to doubles. LambertWTest checks the rounded
code against its own BigDecimal references. Run: python3 w0_negative_axis.py (mpmath 1.3).
"""
from math import comb

import mpmath as mp

mp.mp.dps = 50
NEAR_ZERO = mp.mpf('-0.0805')


def chebyshev(f, a, b, degree, shift):
    """Coefficients (constant first) in x - shift of f's interpolant at Chebyshev nodes of [a, b]."""
    c, h, n = (a + b) / 2, (b - a) / 2, degree + 1
    nodes = [mp.cos(mp.pi * (k + mp.mpf(1) / 2) / n) for k in range(n)]
    values = [f(c + h * x) for x in nodes]
    cheb = [2 * sum(values[k] * mp.cos(mp.pi * j * (k + mp.mpf(1) / 2) / n) for k in range(n)) / n
            for j in range(n)]
    cheb[0] /= 2
    t = [[mp.mpf(1)], [mp.mpf(0), mp.mpf(1)]]  # Chebyshev polynomials in x, constant first
    for j in range(2, n):
        nxt = [mp.mpf(0)] + [2 * v for v in t[-1]]
        for i, v in enumerate(t[-2]):
            nxt[i] -= v
        t.append(nxt)
    in_x = [sum(cheb[j] * t[j][i] for j in range(i, n)) for i in range(n)]
    in_u = [in_x[i] / h ** i for i in range(n)]  # in u = y - c for y in [a, b]
    d = c - shift  # in v = y - shift = u + d
    return [sum(in_u[i] * comb(i, k) * (-d) ** (i - k) for i in range(k, n)) for k in range(n)]


def h(z):
    return mp.mpf(-1) if z == 0 else (mp.lambertw(z) / z - 1) / z


def q(p):
    return mp.mpf(-1) / 3 if p == 0 else (mp.lambertw((p * p / 2 - 1) / mp.e) + 1 - p) / (p * p)


print('h:', ', '.join(repr(float(v)) for v in chebyshev(h, NEAR_ZERO, mp.mpf(0), 11, 0)))
for piece in range(5):
    a, b = mp.mpf(piece) / 4, mp.mpf(piece + 1) / 4
    print(f'q on [{float(a)}, {float(b)}):',
          ', '.join(repr(float(v)) for v in chebyshev(q, a, b, 9, (a + b) / 2)))
