package org.eventsnn.gradients;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.engine.SimulationLimitException;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.record.SpikeRecord;
import org.eventsnn.core.record.SpikeTrains;

/**
 * Central finite differences of a simulated loss. A difference is returned only where it is
 * trustworthy: across the five runs (steps -2h..2h) every neuron fires the same number of
 * times and sees the same number of arrivals before each of its spikes and releases (an
 * arrival crossing a spike of its target is a kink in the loss, however small), and the
 * estimates with steps h and 2h agree to 1e-4 (else NaN: the draw is skipped). The value
 * returned is their Richardson extrapolation, accurate to O(h^4): the central difference
 * alone would keep an O(h^2) error that the 1e-4 agreement test lets reach 3e-5 relative.
 */
final class FiniteDifferences {
    private final long maxSpikes;
    private final ToDoubleFunction<SimulationResult> lossOf;

    /** Differences of {@code lossOf} a run; runs of more than {@code maxSpikes} spikes give NaN. */
    FiniteDifferences(long maxSpikes, ToDoubleFunction<SimulationResult> lossOf) {
        this.maxSpikes = maxSpikes;
        this.lossOf = lossOf;
    }

    /** Differences of a spike-time loss on the first spikes of population {@code output}. */
    static FiniteDifferences ofFirstSpikes(int output, SpikeTimeLoss loss, int label) {
        return new FiniteDifferences(50_000, r -> new FirstSpikes(r, output, loss, label).loss);
    }

    /** Loss and event-order signature of one run; null if the run hit the spike limit. */
    private Object[] run(Network net, SpikeTrains in) {
        try {
            SimulationResult r = new Simulator(net, maxSpikes).run(in);
            return new Object[] {lossOf.applyAsDouble(r), orderSignature(r)};
        } catch (SimulationLimitException e) {
            return null;
        }
    }

    /**
     * Per neuron, the number of arrivals it had received at each of its spikes and releases.
     * Equal signatures mean no arrival changed sides with a spike or release of its target.
     */
    private static List<IntArrayList> orderSignature(SimulationResult r) {
        Network net = r.network();
        SpikeRecord rec = r.record();
        int n = net.neuronCount();
        int[] arrived = new int[n];
        List<IntArrayList> signature = new ArrayList<>(n);
        for (int g = 0; g < n; g++) {
            signature.add(new IntArrayList());
        }
        for (int e = 0; e < rec.eventCount(); e++) {
            int spike = rec.eventSpike(e);
            int g = rec.neuron(spike);
            if (rec.eventKind(e) == SpikeRecord.ARRIVAL) {
                Projection p = net.projection(rec.eventProjection(e));
                int pre = g - net.offset(p.source());
                int slot = rec.eventSlot(e);
                int first = slot < 0 ? p.rowStart(pre) : slot;
                for (int row = first; row < p.arrivalEnd(pre, first, rec.time(spike)); row++) {
                    arrived[net.offset(p.target()) + p.rowPost(row)]++;
                }
            } else {
                signature.get(g).add(arrived[g]);
            }
        }
        return signature;
    }

    /** d(loss)/dx at x0 where {@code at(x)} builds the perturbed (network, input). */
    double derivative(double x0, double h, Function<Double, Object[]> at) {
        double[] values = new double[5];
        Object base = null;
        double[] steps = {-2 * h, -h, 0, h, 2 * h};
        for (int i = 0; i < 5; i++) {
            Object[] setup = at.apply(x0 + steps[i]);
            if (setup == null) {
                return Double.NaN;
            }
            Object[] r = run((Network) setup[0], (SpikeTrains) setup[1]);
            if (r == null) {
                return Double.NaN;
            }
            values[i] = (Double) r[0];
            if (base == null) {
                base = r[1];
            } else if (!base.equals(r[1])) {
                return Double.NaN;
            }
        }
        return extrapolate(values[0], values[1], values[3], values[4], h);
    }

    /**
     * {@link #derivative} where the loss is smooth around x0: NaN unless the derivatives just
     * left and right of it (at x0 -+ 3h) exist and agree to 1e-4 relative plus {@code floor}.
     * Simultaneous arrivals are kinks in each one's delay (a spike or a maximum follows whichever
     * comes last, and EventProp gives a one-sided derivative there) that keep the event counts
     * the same on both sides, so {@link #derivative}'s checks do not see them.
     */
    double smoothDerivative(double x0, double h, double floor, Function<Double, Object[]> at) {
        double d = derivative(x0, h, at);
        if (Double.isNaN(d)) {
            return d;
        }
        double left = derivative(x0 - 3 * h, h, at);
        double right = derivative(x0 + 3 * h, h, at);
        boolean smooth = Math.abs(left - right) <= 1e-4 * Math.max(Math.abs(left), Math.abs(right)) + floor;
        return smooth ? d : Double.NaN;
    }

    /**
     * d/dx from values at x - 2h, x - h, x + h, x + 2h: NaN unless the central differences with
     * steps h and 2h agree to 1e-4, else their Richardson extrapolation (the five-point stencil).
     */
    private static double extrapolate(double minus2h, double minusH, double plusH, double plus2h, double h) {
        double d1 = (plusH - minusH) / (2 * h);
        double d2 = (plus2h - minus2h) / (4 * h);
        if (Math.abs(d1 - d2) > 1e-4 * Math.abs(d1) + 1e-9) {
            return Double.NaN;
        }
        // the h^2 error terms of d1 and d2 cancel
        return (4 * d1 - d2) / 3;
    }
}
