package org.eventsnn.gradients;

import java.util.Arrays;
import org.eventsnn.core.solver.LifDynamics;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.NeuronParameters;
import org.eventsnn.core.model.Population;
import org.eventsnn.core.model.Projection;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeRecord;

/**
 * Fast and Deep (Goltz et al. 2021): analytic first-spike-time gradients by the implicit
 * function theorem, for feed-forward networks whose neurons fire at most once. At a spike
 * {@code V(t_s) = threshold}, so {@code dt_s/dw_i = -K(t_s - a_i) / Vdot} and
 * {@code dt_s/da_i = w_i K'(t_s - a_i) / Vdot} for every arrival {@code a_i < t_s}, chained from
 * the output layer back to the inputs; a synapse's delay gradient is its arrival's
 * {@code dL/da}. Any tauMem/tauSyn ratio, several receptors, one delay per projection or one per
 * synapse (a projection's delay gradient is the sensitivity to shifting all its delays together).
 * Refuses records outside its assumptions (recurrence, a neuron firing twice).
 *
 * <p>Keeps work buffers: one instance per thread.
 */
public final class FastAndDeep implements GradientMethod {
    /** The network of the last record, and each of its neurons' dynamics. */
    private Network network;
    private LifDynamics[] dynamicsOf;
    private int[] spikeOf = new int[0];
    /** Per recorded spike: dL/dt, and dL/dt / Vdot for LIF spikes. */
    private double[] dLdt = new double[0];
    private double[] factor = new double[0];
    /**
     * Per population: the synaptic rate beta of its neurons when they share one receptor and
     * {@code beta * duration <= FACTORED_DECAY_LIMIT}, else NaN. Their kernels' decays
     * {@code exp(-beta (t - a))} are then products of a factor per spike ({@link #spikeDecay})
     * and one per arrival: two exponentials per spike instead of one per synapse and spike.
     */
    private double[] factoredRate = new double[0];
    /** Per recorded spike of a population with a factored rate beta: {@code exp(-beta t)}. */
    private double[] spikeDecay = new double[0];

    /**
     * Largest {@code beta * t} for which a decay is factored: the arguments' rounding then adds
     * at most about 100 ulp to its relative error, against about 1 ulp for a single exponential.
     */
    private static final double FACTORED_DECAY_LIMIT = 50;

    /** Where each sample's per-synapse delay gradients go. */
    private final SynapseDelayBuffers delayBuffers = new SynapseDelayBuffers();
    /** Where each sample's weight gradients come from, and go back to once summed. */
    private final WeightGradientPool weightBuffers = new WeightGradientPool();

    @Override
    public GradientMethod withoutSynapseDelayGradients() {
        delayBuffers.stopReturning();
        return this;
    }

    @Override
    public String name() {
        return "fastdeep";
    }

    @Override
    public Gradients compute(SimulationResult forward, int output, SpikeTimeLoss loss, int label) {
        Network net = forward.network();
        SpikeRecord rec = forward.record();
        prepare(net, rec.count(), forward.duration());
        int[] spikeOf = this.spikeOf;
        double[] dLdt = this.dLdt;
        double[] factor = this.factor;
        LifDynamics[] dyn = dynamicsOf;
        for (int s = 0; s < rec.count(); s++) {
            int g = rec.neuron(s);
            if (dyn[g] != null) { // a LIF neuron
                if (spikeOf[g] >= 0) {
                    Population pop = net.population(net.populationOf(g));
                    throw new IllegalArgumentException("fastdeep needs every neuron to fire at most once: neuron "
                            + (g - net.offset(net.populationOf(g))) + " of " + pop.name() + " fired at "
                            + rec.time(spikeOf[g]) + " s and " + rec.time(s) + " s (use eventprop)");
                }
                spikeOf[g] = s;
            }
        }
        FirstSpikes first = new FirstSpikes(forward, output, loss, label);
        for (int j = 0; j < first.spike.length; j++) {
            if (first.spike[j] >= 0) {
                dLdt[first.spike[j]] += first.dLdt[j];
            }
        }
        double[][] dw = weightBuffers.take(net);
        double[] dDelay = new double[dw.length];
        double[][] dd = delayBuffers.forSample(net);
        // Walk the event log backwards: a neuron's spike comes before (in this walk) every arrival
        // into it, and after every arrival of its own outgoing spikes, so dL/dt of its spike is
        // complete whenever an arrival into it needs it.
        for (int e = rec.eventCount() - 1; e >= 0; e--) {
            int s = rec.eventSpike(e);
            int kind = rec.eventKind(e);
            if (kind == SpikeRecord.SPIKE) {
                int g = rec.neuron(s);
                if (dyn[g] != null) {
                    NeuronParameters par = dyn[g].params();
                    double vdot = (rec.currentAtSpike(s) - (par.threshold() - par.leak())) / par.tauMem();
                    factor[s] = dLdt[s] / vdot;
                    double rate = factoredRate[net.populationOf(g)];
                    if (rate == rate && factor[s] != 0) { // arrivals skip a spike with factor 0
                        spikeDecay[s] = Math.exp(-rate * rec.time(s));
                    }
                }
            } else if (kind == SpikeRecord.ARRIVAL) {
                int j = rec.eventProjection(e);
                Projection pr = net.projection(j);
                int slot = rec.eventSlot(e);
                double a = rec.time(s) + (slot < 0 ? pr.delay() : pr.rowDelay(slot));
                int base = net.offset(pr.target());
                int k = pr.receptor();
                int pre = rec.neuron(s) - net.offset(pr.source());
                int firstSlot = slot < 0 ? pr.rowStart(pre) : slot;
                double dLda = 0;
                double rate = factoredRate[pr.target()];
                int end = pr.arrivalEnd(pre, firstSlot, rec.time(s));
                double[] dwj = dw[j];
                double[] ddj = dd == null ? null : dd[j]; // null: per-synapse delay gradients left out
                if (rate == rate && dyn[base].alpha() - rate == 0) {
                    dLda = equalRatesArrival(pr, firstSlot, end, base, a, Math.exp(rate * a), dyn[base].alpha(), rec, dwj,
                            ddj);
                } else {
                    double arrivalGrowth = rate == rate ? Math.exp(rate * a) : Double.NaN;
                    for (int r = firstSlot; r < end; r++) {
                        int target = spikeOf[base + pr.rowPost(r)];
                        if (target < 0 || factor[target] == 0) {
                            continue;
                        }
                        double lag = rec.time(target) - a;
                        if (!(lag > 0)) {
                            continue; // arrived at or after the spike: no influence on it
                        }
                        LifDynamics d = dyn[base + pr.rowPost(r)];
                        double decay = rate == rate ? spikeDecay[target] * arrivalGrowth : d.currentDecay(k, lag);
                        double kernel = d.kernel(k, lag, decay);
                        double slope = d.kernelSlope(kernel, decay);
                        int syn = pr.rowSynapse(r);
                        dwj[syn] -= factor[target] * kernel;
                        double term = factor[target] * pr.rowWeight(r) * slope;
                        if (ddj != null) {
                            ddj[syn] += term;
                        }
                        dLda += term;
                    }
                }
                dLdt[s] += dLda;
                dDelay[j] += dLda;
            }
        }
        double[][] inputTimes = Gradients.inputTimes(forward, dLdt);
        return new Gradients(first.loss, dw, dDelay, delayBuffers.returned(dd), inputTimes, weightBuffers, delayBuffers);
    }

    /**
     * The inner loop above for a target population with a factored rate equal to its membrane
     * rate alpha (tauMem = tauSyn, as in every Fast and Deep preset): {@link LifDynamics#kernel(int,
     * double, double)} is then {@code alpha lag decay} and its slope {@code alpha (decay - kernel)},
     * written out here with the same operations, so the gradients are the same to the bit.
     * Adds the weight and delay gradients of slots {@code [from, end)} to {@code dwj} and
     * {@code ddj} (if not null); returns dL/da, their delay gradients' sum.
     */
    private double equalRatesArrival(Projection pr, int from, int end, int base, double a, double arrivalGrowth,
                                     double alpha, SpikeRecord rec, double[] dwj, double[] ddj) {
        int[] spikeOf = this.spikeOf;
        double[] factor = this.factor;
        double[] spikeDecay = this.spikeDecay;
        double dLda = 0;
        for (int r = from; r < end; r++) {
            int target = spikeOf[base + pr.rowPost(r)];
            if (target < 0) {
                continue;
            }
            double f = factor[target];
            if (f == 0) {
                continue;
            }
            double lag = rec.time(target) - a;
            if (!(lag > 0)) {
                continue; // arrived at or after the spike: no influence on it
            }
            double decay = spikeDecay[target] * arrivalGrowth;
            double kernel = alpha * lag * decay;
            double slope = alpha * (decay - kernel);
            int syn = pr.rowSynapse(r);
            dwj[syn] -= f * kernel;
            double term = f * pr.rowWeight(r) * slope;
            if (ddj != null) {
                ddj[syn] += term;
            }
            dLda += term;
        }
        return dLda;
    }

    /** Refuses a network outside this method's assumptions (checked once per network). */
    private void requireSuited(Network net) {
        StoredSynapses.require(net, name());
        for (Population pop : net.populations()) {
            DeltaSynapses.refuse(pop, name());
        }
        if (!net.isFeedForward()) {
            throw new IllegalArgumentException("fastdeep needs a feed-forward network: this model has recurrent or"
                    + " self connections (use eventprop)");
        }
    }

    /**
     * Sizes the work buffers for {@code net} and a record of {@code spikes} spikes over a window
     * of {@code duration}, and clears them.
     */
    private void prepare(Network net, int spikes, double duration) {
        if (net != network) {
            requireSuited(net);
            network = net;
            dynamicsOf = LifDynamics.perNeuron(net);
            spikeOf = new int[net.neuronCount()];
            factoredRate = new double[net.populations().size()];
        }
        for (int p = 0; p < factoredRate.length; p++) {
            Population pop = net.population(p);
            double rate = pop.isInput() || pop.hasNeuronParams() || pop.params().receptorCount() != 1 ? Double.NaN
                    : dynamicsOf[net.offset(p)].beta(0);
            factoredRate[p] = rate * duration <= FACTORED_DECAY_LIMIT ? rate : Double.NaN;
        }
        if (dLdt.length < spikes) {
            dLdt = new double[spikes];
            factor = new double[spikes];
            spikeDecay = new double[spikes];
        }
        Arrays.fill(spikeOf, -1);
        Arrays.fill(dLdt, 0, spikes, 0);
        Arrays.fill(factor, 0, spikes, 0);
    }
}
