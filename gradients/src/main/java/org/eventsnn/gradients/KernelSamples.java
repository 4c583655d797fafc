package org.eventsnn.gradients;

import java.util.Arrays;
import org.eventsnn.core.kernel.EqualTausLayer;
import org.eventsnn.core.kernel.KernelLayer;
import org.eventsnn.core.kernel.LayerKernels;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SpikeTrains;

/**
 * A sample of a batch run on {@link LayerKernels} instead of the event queue, with Fast and
 * Deep's gradients computed on the kernels' shared factors: at a spike at {@code s = t/tauMem}
 * an earlier input at {@code s_j} has {@code e^-(s - s_j)} = the spike's {@code e^-s} times the
 * input's {@code e^(s_j)}, so its kernel {@code (s - s_j) e^-(s - s_j)} and slope need no
 * exponential; {@code dt/dw_j = -K / Vdot}, chained from the output back to the inputs as
 * {@link FastAndDeep} does. Results agree with the queue and {@link FastAndDeep} within the
 * budgets of docs/exactness.md ("Layer kernels"), not bit for bit.
 *
 * <p>Where the kernels do not apply (the network, a run that cannot complete, or, for gradients,
 * a neuron firing more than once in the window), {@link #run} returns null and the caller uses
 * the queue. Keeps its buffers: one instance per thread.
 */
final class KernelSamples {
    private LayerKernels kernels;
    /** True if every layer of {@link #kernels} is an {@link EqualTausLayer}, as Fast and Deep's gradients here need. */
    private boolean equalTaus;
    /** The last network the kernels refused, so that it is not examined again. */
    private Network refused;
    /** Per population: dL/dt of each neuron's first spike; null for inputs. */
    private double[][] dLdt;
    /** Per population: weight gradients by the layer's input slot, then neuron (as its weights); null for inputs. */
    private double[][] dwLayer;
    /** Per projection: each synapse's index into its target's {@link #dwLayer}. */
    private int[][] layerIndex;
    /** Per population and source population: the projection joining them, or -1. */
    private int[][] projectionOf;
    /** Per population and input slot of its layer: the source neuron's population, and its index there. */
    private int[][] slotPopulation;
    private int[][] slotIndex;
    private final WeightGradientPool weightBuffers = new WeightGradientPool();

    /**
     * Sample {@code in} with label {@code label}, its first-spike loss on population
     * {@code output} and, if {@code gradients}, Fast and Deep's gradients; the neurons fired over
     * the whole window if {@code firingOverWindow}, else those fired up to the last first spike
     * of the output (where a run stopped there would end). Null where the kernels do not apply.
     */
    BatchGradients.SampleResult run(Network net, SpikeTrains in, int label, int output, SpikeTimeLoss loss,
                                    boolean gradients, boolean firingOverWindow) {
        if (!ready(net) || gradients && !equalTaus || !kernels.run(in) || gradients && firesTwice()) {
            return null;
        }
        KernelLayer out = kernels.layer(output);
        if (out == null) {
            throw new IllegalArgumentException("output population must be a LIF population of the network, got index "
                    + output);
        }
        int n = out.neurons();
        double[] first = new double[n];
        double[] times = new double[n];
        boolean[] firedOut = new boolean[n];
        double stop = 0;
        for (int j = 0; j < n; j++) {
            firedOut[j] = out.spikeCount(j) > 0;
            first[j] = firedOut[j] ? out.spikeTime(j, 0) : Double.POSITIVE_INFINITY;
            times[j] = firedOut[j] ? first[j] : in.duration();
            stop = Math.max(stop, first[j]);
        }
        double[] dLdtOut = dLdt[output];
        Arrays.fill(dLdtOut, 0);
        double value = loss.evaluate(times, firedOut, label, dLdtOut);
        Gradients g = gradients ? backward(net, in, output, value) : null;
        return new BatchGradients.SampleResult(first, fired(net, in, firingOverWindow ? Double.POSITIVE_INFINITY : stop),
                label, value, g, BatchResult.predict(first));
    }

    /** True once the kernels simulate {@code net}; false if they cannot. */
    private boolean ready(Network net) {
        if (kernels != null && kernels.fits(net)) {
            kernels.useWeightsOf(net);
            return true;
        }
        if (net == refused) {
            return false;
        }
        if (LayerKernels.unsuitedReason(net) != null) {
            refused = net;
            return false;
        }
        kernels = new LayerKernels(net);
        equalTaus = true;
        for (int p : kernels.order()) {
            equalTaus &= kernels.layer(p) instanceof EqualTausLayer;
        }
        int pops = net.populations().size();
        dLdt = new double[pops][];
        dwLayer = new double[pops][];
        projectionOf = new int[pops][pops];
        slotPopulation = new int[pops][];
        slotIndex = new int[pops][];
        for (int p = 0; p < pops; p++) {
            Arrays.fill(projectionOf[p], -1);
            KernelLayer layer = kernels.layer(p);
            if (layer != null) {
                dLdt[p] = new double[layer.neurons()];
                int slots = 0;
                for (int q = 0; q < pops; q++) {
                    slots += layer.slotOf(q, 0) >= 0 ? net.population(q).size() : 0;
                }
                dwLayer[p] = new double[slots * layer.neurons()];
                slotPopulation[p] = new int[slots];
                slotIndex[p] = new int[slots];
                for (int k = 0; k < slots; k++) {
                    int g = layer.slotNeuron(k);
                    slotPopulation[p][k] = net.populationOf(g);
                    slotIndex[p][k] = g - net.offset(slotPopulation[p][k]);
                }
            }
        }
        layerIndex = new int[net.projections().size()][];
        for (int i = 0; i < layerIndex.length; i++) {
            Projection pr = net.projection(i);
            KernelLayer layer = kernels.layer(pr.target());
            projectionOf[pr.target()][pr.source()] = i;
            layerIndex[i] = new int[pr.synapseCount()];
            for (int k = 0; k < pr.synapseCount(); k++) {
                layerIndex[i][k] = layer.slotOf(pr.source(), pr.pre(k)) * layer.neurons() + pr.post(k);
            }
        }
        return true;
    }

    private boolean firesTwice() {
        for (int p : kernels.order()) {
            KernelLayer layer = kernels.layer(p);
            for (int h = 0; h < layer.neurons(); h++) {
                if (layer.spikeCount(h) > 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every neuron (network index) with a spike at or before {@code until}, input neurons included. */
    private boolean[] fired(Network net, SpikeTrains in, double until) {
        boolean[] fired = new boolean[net.neuronCount()];
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.population(p);
            int base = net.offset(p);
            if (pop.isInput()) {
                for (int i = 0, c = in.count(pop.name()); i < c; i++) {
                    if (in.time(pop.name(), i) <= until) {
                        fired[base + in.neuron(pop.name(), i)] = true;
                    }
                }
            } else {
                KernelLayer layer = kernels.layer(p);
                for (int h = 0; h < layer.neurons(); h++) {
                    fired[base + h] = layer.spikeCount(h) > 0 && layer.spikeTime(h, 0) <= until;
                }
            }
        }
        return fired;
    }

    /**
     * Fast and Deep's gradients of {@code loss} for the last run, whose neurons each fired at
     * most once, from dL/dt of the output's spikes in {@link #dLdt}.
     */
    private Gradients backward(Network net, SpikeTrains in, int output, double loss) {
        int pops = net.populations().size();
        double[][] inputTimes = new double[pops][];
        for (int p = 0; p < pops; p++) {
            Population pop = net.population(p);
            inputTimes[p] = new double[pop.isInput() ? in.count(pop.name()) : 0];
            if (p != output && dLdt[p] != null) {
                Arrays.fill(dLdt[p], 0);
            }
        }
        double[] dDelay = new double[net.projections().size()];
        int[] order = kernels.order();
        for (int i = order.length - 1; i >= 0; i--) {
            int p = order[i];
            EqualTausLayer layer = (EqualTausLayer) kernels.layer(p);
            double[] dw = dwLayer[p];
            Arrays.fill(dw, 0);
            for (int h = 0; h < layer.neurons(); h++) {
                if (layer.spikeCount(h) > 0 && dLdt[p][h] != 0) {
                    chain(layer, h, dLdt[p][h], dw, inputTimes, dDelay);
                }
            }
        }
        double[][] dwProjection = weightBuffers.take(net);
        for (int j = 0; j < dwProjection.length; j++) {
            double[] dw = dwLayer[net.projection(j).target()];
            int[] index = layerIndex[j];
            double[] to = dwProjection[j];
            for (int k = 0; k < to.length; k++) {
                to[k] = dw[index[k]];
            }
        }
        return new Gradients(loss, dwProjection, dDelay, null, inputTimes, weightBuffers, null);
    }

    /**
     * Adds the gradients of neuron h's first spike, whose dL/dt is {@code dLdtSpike}: to the
     * weights into it, and through each earlier input's arrival to that input spike's dL/dt
     * (a LIF source's, an input train's) and its projection's delay.
     */
    private void chain(EqualTausLayer layer, int h, double dLdtSpike, double[] dw, double[][] inputTimes,
                       double[] dDelay) {
        double t = layer.spikeTime(h, 0);
        double alpha = layer.alpha();
        double factor = dLdtSpike / ((layer.spikeCurrent(h, 0) - layer.theta()) * alpha);
        double decayAtSpike = layer.spikeDecay(h, 0);
        double s = t * alpha;
        int neurons = layer.neurons();
        int p = layer.population();
        int[] sources = projectionOf[p];
        int[] fromPopulation = slotPopulation[p];
        int[] fromIndex = slotIndex[p];
        for (int j = 0, m = layer.inputCount(); j < m && layer.inputTime(j) < t; j++) {
            double decay = decayAtSpike * layer.inputGrowth(j);
            double kernel = (s - layer.inputScaledTime(j)) * decay;
            int slot = layer.inputSlot(j);
            dw[slot * neurons + h] -= factor * kernel;
            double term = factor * layer.weight(slot, h) * alpha * (decay - kernel);
            int q = fromPopulation[slot];
            if (dLdt[q] != null) {
                dLdt[q][fromIndex[slot]] += term;
            } else {
                inputTimes[q][layer.inputOrigin(j)] += term;
            }
            dDelay[sources[q]] += term;
        }
    }
}
