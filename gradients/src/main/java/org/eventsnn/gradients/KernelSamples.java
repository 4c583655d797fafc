package org.eventsnn.gradients;

import java.util.Arrays;
import org.eventsnn.core.kernel.EqualTausLayer;
import org.eventsnn.core.kernel.KernelLayer;
import org.eventsnn.core.kernel.LayerKernels;
import org.eventsnn.core.kernel.UnequalTausLayer;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SpikeTrains;

/**
 * A sample of a batch run on {@link LayerKernels} instead of the event queue: its first-spike
 * loss and prediction, and its gradients computed on the kernels' state, Fast and Deep's on
 * {@link EqualTausLayer}s ({@link KernelFastAndDeep}) or EventProp's on {@link UnequalTausLayer}s
 * ({@link KernelEventProp}), layer by layer from the output back. Results agree with the queue
 * and the record-based methods within the budgets of docs/exactness.md ("Layer kernels"), not
 * bit for bit.
 *
 * <p>Where the kernels do not apply, {@link #run} returns null and the caller uses the queue: the
 * network; a run that cannot complete; for Fast and Deep a layer with {@code tauSyn != tauMem}
 * or a neuron firing more than once in the window; for EventProp a layer with
 * {@code tauSyn = tauMem}. EventProp's silent-label penalty takes the silent label's maximum
 * from {@link KernelMaxVoltage}. Keeps its buffers: one instance per thread.
 */
final class KernelSamples {
    private LayerKernels kernels;
    /** The kernels' layers in simulation order ({@link LayerKernels#order}, which copies it). */
    private int[] order;
    /** The last network the kernels refused, so that it is not examined again. */
    private Network refused;
    /** True if every layer is an {@link EqualTausLayer}; false if every one is an {@link UnequalTausLayer}. */
    private boolean equalTaus;
    private boolean unequalTaus;
    /** Per population: dL/dt of each spike ({@code neuron * capacity + c}); null for inputs. */
    private double[][] sensitivity;
    private int[] capacity;
    /**
     * Per population: weight gradients by the layer's input slot, then neuron (as its weights);
     * null for inputs and for a layer written straight into its projection's array.
     */
    private double[][] dwLayer;
    /**
     * Per population: the one projection into it if that holds its synapses in the layer's order
     * ({@link KernelLayer#inLayerOrder}), whose array of a sample's gradients the backward pass
     * then fills in place of {@link #dwLayer} and a copy; else -1.
     */
    private int[] direct;
    private KernelSources[] sources;
    /** Per population: it feeds no other, so that a first-spike readout of it needs its first spikes only. */
    private boolean[] feedsNone;
    private final WeightGradientPool weightBuffers = new WeightGradientPool();
    /** The silent label's maximum, for EventProp's silent-label penalty. */
    private final KernelMaxVoltage maxVoltage = new KernelMaxVoltage();
    private final KernelEventProp adjoint = new KernelEventProp();
    /** Scratch for the loss: the output's first spike times (the window's end if silent), whether each fired, dL/dt. */
    private double[] times = new double[0];
    private boolean[] firedOut = new boolean[0];
    private double[] dLdt = new double[0];
    /** Scratch for an input population's spikes. */
    private int[] inputNeurons = new int[0];
    private double[] inputTimes = new double[0];

    /**
     * Sample {@code in} with label {@code label}, its first-spike loss on population
     * {@code output} and, if {@code method} is not null, that method's gradients; the neurons
     * fired over the whole window if {@code firingOverWindow}, else those fired up to the last
     * first spike of the output (where a run stopped there would end). Null where the kernels do
     * not apply.
     */
    BatchGradients.SampleResult run(Network net, SpikeTrains in, int label, int output, SpikeTimeLoss loss,
                                    GradientMethod method, boolean firingOverWindow) {
        if (!ready(net)) {
            return null;
        }
        boolean fastAndDeep = method instanceof FastAndDeep;
        boolean eventProp = method instanceof EventProp;
        if (method != null && !(fastAndDeep && equalTaus || eventProp && unequalTaus)) {
            return null;
        }
        if (!kernels.run(in, feedsNone[output] ? output : -1) || fastAndDeep && firesTwice()) {
            return null;
        }
        KernelLayer out = kernels.layer(output);
        int n = out.neurons();
        double[] first = new double[n]; // kept by the result; the loss's arrays are scratch
        if (times.length != n) {
            times = new double[n];
            firedOut = new boolean[n];
            dLdt = new double[n];
        }
        double stop = 0;
        for (int j = 0; j < n; j++) {
            firedOut[j] = out.spikeCount(j) > 0;
            first[j] = firedOut[j] ? out.spikeTime(j, 0) : Double.POSITIVE_INFINITY;
            times[j] = firedOut[j] ? first[j] : in.duration();
            stop = Math.max(stop, first[j]);
        }
        for (int p : order) {
            KernelLayer layer = kernels.layer(p);
            if (capacity[p] != layer.spikeCapacity()) { // it grew
                capacity[p] = layer.spikeCapacity();
                sensitivity[p] = new double[layer.neurons() * capacity[p]];
            } else {
                Arrays.fill(sensitivity[p], 0);
            }
        }
        Arrays.fill(dLdt, 0); // as a fresh array, for a loss that leaves entries alone
        double value = loss.evaluate(times, firedOut, label, dLdt);
        for (int j = 0; j < n; j++) {
            sensitivity[output][j * capacity[output]] = dLdt[j];
        }
        double penalty = eventProp ? ((EventProp) method).silentPenalty() : 0;
        double dLdV = 0;
        if (penalty > 0 && !firedOut[label]) { // as EventProp.compute: the silent label's maximum
            maxVoltage.find((UnequalTausLayer) out, label, in.duration());
            NeuronParameters p = net.population(output).params();
            double scale = p.threshold() - p.leak();
            value += penalty * (p.threshold() - maxVoltage.value) / scale;
            dLdV = -penalty / scale;
        }
        Gradients g = method != null ? backward(net, in, value, fastAndDeep, output, label, dLdV) : null;
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
        order = kernels.order();
        int pops = net.populations().size();
        equalTaus = true;
        unequalTaus = true;
        sensitivity = new double[pops][];
        capacity = new int[pops];
        dwLayer = new double[pops][];
        direct = new int[pops];
        Arrays.fill(direct, -1);
        sources = new KernelSources[pops];
        for (int p : order) {
            KernelLayer layer = kernels.layer(p);
            equalTaus &= layer instanceof EqualTausLayer;
            unequalTaus &= layer instanceof UnequalTausLayer;
            capacity[p] = layer.spikeCapacity();
            sensitivity[p] = new double[layer.neurons() * capacity[p]];
            direct[p] = onlyProjectionInLayerOrder(net, layer);
            dwLayer[p] = direct[p] < 0 ? new double[layer.slotCount() * layer.neurons()] : null;
            sources[p] = new KernelSources(net, layer);
        }
        feedsNone = new boolean[pops];
        Arrays.fill(feedsNone, true);
        for (Projection pr : net.projections()) {
            feedsNone[pr.source()] = false;
        }
        return true;
    }

    /** The one projection into {@code layer} if it holds its synapses in the layer's order, else -1. */
    private static int onlyProjectionInLayerOrder(Network net, KernelLayer layer) {
        int found = -1;
        for (int j = 0; j < net.projections().size(); j++) {
            if (net.projection(j).target() == layer.population()) {
                if (found >= 0) {
                    return -1;
                }
                found = j;
            }
        }
        return found >= 0 && layer.inLayerOrder(found) ? found : -1;
    }

    private boolean firesTwice() {
        for (int p : order) {
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
                int n = in.count(pop.name());
                if (inputNeurons.length < n) {
                    inputNeurons = new int[n];
                    inputTimes = new double[n];
                }
                in.copyInto(pop.name(), inputNeurons, inputTimes, 0);
                for (int i = 0; i < n; i++) {
                    if (inputTimes[i] <= until) {
                        fired[base + inputNeurons[i]] = true;
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
     * The weight gradients of {@code loss} for the last run (a batch sums nothing else), by Fast
     * and Deep's method or EventProp's, from the output spikes' dL/dt in {@link #sensitivity}.
     */
    private Gradients backward(Network net, SpikeTrains in, double loss, boolean fastAndDeep, int output, int label,
                               double dLdV) {
        double[][] dwProjection = weightBuffers.takeToOverwrite(net); // every projection ends in a layer: all written
        for (int i = order.length - 1; i >= 0; i--) {
            int p = order[i];
            KernelLayer layer = kernels.layer(p);
            double[] dw = direct[p] >= 0 ? dwProjection[direct[p]] : dwLayer[p];
            Arrays.fill(dw, 0);
            double[] g = sensitivity[p];
            KernelSources from = sources[p];
            from.sample(sensitivity, capacity);
            for (int h = 0; h < layer.neurons(); h++) {
                if (fastAndDeep) {
                    if (layer.spikeCount(h) > 0 && g[h * capacity[p]] != 0) {
                        KernelFastAndDeep.neuron((EqualTausLayer) layer, h, g[h * capacity[p]], dw, from);
                    }
                } else if (p == output && h == label && dLdV != 0) {
                    adjoint.neuron((UnequalTausLayer) layer, h, g, in.duration(), dw, from, maxVoltage, dLdV);
                } else if (layer.spikeCount(h) > 0) { // a silent neuron's costates stay zero
                    adjoint.neuron((UnequalTausLayer) layer, h, g, in.duration(), dw, from);
                }
            }
        }
        for (int j = 0; j < dwProjection.length; j++) {
            int target = net.projection(j).target();
            if (direct[target] != j) {
                kernels.layer(target).toSynapseOrder(dwLayer[target], j, dwProjection[j]);
            }
        }
        return Gradients.weightsOnly(loss, dwProjection, weightBuffers);
    }
}
