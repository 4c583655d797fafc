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
 * EventProp (Wunderlich and Pehle 2021): the adjoint of the exact simulation, run backwards
 * over the recorded events (docs/exactness.md, "Exact gradients"). Exact for several spikes per neuron,
 * recurrence, delays (one per projection or one per synapse), refractory periods, leak and
 * several receptors; cost proportional to the number of events. Gives each synapse's delay
 * gradient (its arrivals' dL/da) and each projection's: the sensitivity to shifting all its
 * delays together (the sum over its synapses).
 *
 * <p>Costates {@code lamV} and {@code lamI_k} evolve backwards in closed form, homogeneously
 * (the leak does not enter): over a step {@code D} back in time,
 * {@code lamI_k <- lamI_k exp(-D/tau_k) + lamV K_k(D)} and {@code lamV <- lamV exp(-D/tau_mem)},
 * with K the forward kernel. At an arrival of weight w on receptor k:
 * {@code dL/dw += lamI_k} and {@code dL/da = w (lamI_k/tau_k - lamV/tau_mem)}. At a neuron's
 * spike: {@code lamV- = (lamV+ Vdot+ - G) / Vdot-} with G the loss's and the outgoing
 * arrivals' sensitivity to the spike time; {@code lamV} is zero while the neuron is clamped.
 *
 * <p>Delta synapses (docs/exactness.md, "EventProp with delta synapses"): an arrival of weight w
 * that jumps V adds {@code lamV} to dL/dw and {@code w lamV / tau_mem} to dL/da ({@code lamV}
 * is continuous across it). A spike that a jump fired at its arrival time a has
 * {@code t* = a}: its {@code dL/dt* = G - lamV+ Vdot+} goes to that arrival's dL/da (the last
 * delta arrival into the neuron before the spike, in the simulator's order) and
 * {@code lamV- = 0}, as V before the jump no longer matters.
 *
 * <p>Keeps work buffers: one instance per thread.
 */
public final class EventProp implements GradientMethod {
    private final double silentPenalty;
    private double[] lamV = new double[0];
    private double[] lamI = new double[0];
    private double[] lamTime = new double[0];
    /**
     * Per-spike work arrays reused from sample to sample: {@link #SPIKE_LOSS} (the loss's dL/dt
     * of each spike), {@link #TIME_SENSITIVITY} (its arrivals' dL/da summed) and
     * {@link #LAMV_AT_RELEASE} (lamV just after its refractory period).
     */
    private final double[][] perSpike = new double[3][0];
    private static final int SPIKE_LOSS = 0;
    private static final int TIME_SENSITIVITY = 1;
    private static final int LAMV_AT_RELEASE = 2;
    private int[] currentOffset = new int[1];
    /** Each neuron's dynamics, for {@link #network}. */
    private LifDynamics[] dynamicsOf = new LifDynamics[0];
    /** Per population of {@link #network}: its neurons share one dynamics with one receptor. */
    private boolean[] singleReceptor = new boolean[0];
    /**
     * Per projection of {@link #network}: one delay, and every source neuron's row reaches every
     * neuron of the target population, in order.
     */
    private boolean[] dense = new boolean[0];
    /**
     * One bit per neuron, set where a spike or a maximum gives its costates a value (once zero,
     * they stay zero otherwise): every neuron whose costates are not all zero is marked.
     */
    private long[] live = new long[0];
    /**
     * The last two spans costates were brought back over, and their factors: entry {@link #spanNewer}
     * is the more recent. An arrival brings back most of its targets over the same span since the
     * previous arrival, and those that fired in between over spans of their own; two entries keep
     * the common one across them.
     */
    private final LifDynamics[] spanDynamics = new LifDynamics[2];
    private final double[] spanLength = {Double.NaN, Double.NaN};
    private final double[] spanMembraneDecay = new double[2];
    private double[][] spanCurrentDecay = {new double[0], new double[0]};
    private double[][] spanKernel = {new double[0], new double[0]};
    private int spanNewer;
    /** Per spike: the arrival event whose jump fired it, else -1; filled only for networks with delta synapses. */
    private int[] jumpCause = new int[0];
    /** Per neuron: the dL/dt* of its jump-fired spike, owed to the arrival event {@link #owedTo}, or -1. */
    private double[] owed = new double[0];
    private int[] owedTo = new int[0];
    /** Per neuron, while marking: the time and event of the last delta arrival into it. */
    private double[] lastJump = new double[0];
    private int[] lastJumpEvent = new int[0];

    /** EventProp without a silent-label penalty. */
    public EventProp() {
        this(0);
    }

    /**
     * EventProp that, when the label's output neuron stayed silent, adds
     * {@code penalty (threshold - Vmax) / (threshold - leak)} to the loss: its exact gradient
     * (through the neuron's maximum membrane potential) raises the silent neuron towards firing,
     * where a spike-time loss alone has no gradient at all.
     */
    public EventProp(double silentPenalty) {
        this.silentPenalty = org.eventsnn.core.base.Arguments.requireNonNegative(silentPenalty, "silentPenalty");
    }

    /** The silent-label penalty (0: none). */
    double silentPenalty() {
        return silentPenalty;
    }

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
        return "eventprop";
    }

    @Override
    public Gradients compute(SimulationResult forward, int output, SpikeTimeLoss loss, int label) {
        StoredSynapses.require(forward.network(), name());
        FirstSpikes first = new FirstSpikes(forward, output, loss, label);
        double[] spikeLoss = cleared(SPIKE_LOSS, forward.record().count());
        for (int j = 0; j < first.spike.length; j++) {
            if (first.spike[j] >= 0) {
                spikeLoss[first.spike[j]] = first.dLdt[j];
            }
        }
        if (silentPenalty == 0 || first.fired[label]) {
            return backward(forward, spikeLoss, null, null, first.loss);
        }
        MaxVoltage mv = new MaxVoltage(forward, output);
        NeuronParameters p = forward.network().population(output).params(label);
        double scale = p.threshold() - p.leak();
        double[] dLdV = new double[first.fired.length];
        dLdV[label] = -silentPenalty / scale;
        double value = first.loss + silentPenalty * (p.threshold() - mv.value[label]) / scale;
        return backward(forward, spikeLoss, mv, dLdV, value);
    }

    /**
     * Gradients of a loss on every spike of population {@code output} (e.g.
     * {@link SpikeCountCrossEntropy}): each output spike's {@code dL/dt} enters its costate jump
     * like a first spike's does for a spike-time loss. The record must span the whole window.
     * With a silent-label penalty, a label neuron that never fired adds the same penalty as in
     * {@link #compute}.
     */
    @Override
    public Gradients computeAllSpikes(SimulationResult forward, int output, SpikeTrainLoss loss, int label) {
        OutputSpikes spikes = new OutputSpikes(forward, output);
        double[] dLdt = new double[spikes.count()];
        double value = loss.evaluate(spikes, label, dLdt);
        double[] spikeLoss = cleared(SPIKE_LOSS, forward.record().count());
        boolean labelFired = false;
        for (int k = 0; k < spikes.count(); k++) {
            spikeLoss[spikes.recordIndex[k]] = dLdt[k];
            labelFired |= spikes.neuron(k) == label;
        }
        if (silentPenalty == 0 || labelFired) {
            return backward(forward, spikeLoss, null, null, value);
        }
        MaxVoltage mv = new MaxVoltage(forward, output);
        NeuronParameters p = forward.network().population(output).params(label);
        double scale = p.threshold() - p.leak();
        double[] dLdV = new double[spikes.size()];
        dLdV[label] = -silentPenalty / scale;
        return backward(forward, spikeLoss, mv, dLdV, value + silentPenalty * (p.threshold() - mv.value[label]) / scale);
    }

    /**
     * Gradients of a loss on the maximum membrane potential of each neuron of population
     * {@code output} (e.g. {@link MaxVoltageCrossEntropy}): {@code lamV} jumps by dL/dVmax at
     * the time of each maximum; a maximum sitting on an arrival (the slope turns there) also
     * makes that arrival's time matter, through the slope just before it.
     */
    public Gradients computeMaxVoltage(SimulationResult forward, int output, MaxVoltageCrossEntropy loss, int label) {
        StoredSynapses.require(forward.network(), name());
        MaxVoltage mv = new MaxVoltage(forward, output);
        double[] dLdV = new double[mv.value.length];
        double value = loss.evaluate(mv.value, label, dLdV);
        for (int j = 0; j < dLdV.length; j++) {
            if (Double.isNaN(mv.time[j])) {
                dLdV[j] = 0; // fired: its maximum is the threshold
            }
        }
        return backward(forward, cleared(SPIKE_LOSS, forward.record().count()), mv, dLdV, value);
    }

    private Gradients backward(SimulationResult forward, double[] spikeLoss, MaxVoltage mv, double[] dLdV,
                               double lossValue) {
        Network net = forward.network();
        SpikeRecord rec = forward.record();
        prepare(net, forward.duration());
        double[] timeSensitivity = cleared(TIME_SENSITIVITY, rec.count()); // G of each spike: sum of its arrivals' dL/da
        double[] lamVAtRelease = cleared(LAMV_AT_RELEASE, rec.count());
        double[][] dw = weightBuffers.take(net);
        double[][] dd = delayBuffers.forSample(net);
        double[] dDelay = new double[dw.length];
        Injections inject = mv == null ? null : new Injections(mv, dLdV, net.offset(mv.population));
        boolean jumps = findJumpFiredSpikes(net, rec);
        for (int e = rec.eventCount() - 1; e >= 0; e--) {
            int s = rec.eventSpike(e);
            int kind = rec.eventKind(e);
            if (inject != null) {
                inject.before(eventTime(net, rec, e), this);
            }
            switch (kind) {
                case SpikeRecord.ARRIVAL: {
                    int p = rec.eventProjection(e);
                    double[] ddp = dd == null ? null : dd[p]; // null: per-synapse delay gradients left out
                    double dLda = arrival(net, rec, e, p, dw[p], ddp);
                    if (inject != null) {
                        dLda += inject.kinkTerm(e, net, rec, this, ddp);
                    }
                    timeSensitivity[s] += dLda;
                    dDelay[p] += dLda;
                    break;
                }
                case SpikeRecord.RELEASE: {
                    int g = rec.neuron(s);
                    bringBack(g, rec.time(s) + net.population(net.populationOf(g)).params().refractory());
                    lamVAtRelease[s] = lamV[g];
                    lamV[g] = 0;
                    break;
                }
                default:
                    spike(net, rec, s, timeSensitivity[s] + spikeLoss[s], lamVAtRelease[s], jumps ? jumpCause[s] : -1);
            }
        }
        double[][] inputTimes = Gradients.inputTimes(forward, timeSensitivity);
        return new Gradients(lossValue, dw, dDelay, delayBuffers.returned(dd), inputTimes, weightBuffers, delayBuffers);
    }

    private static double eventTime(Network net, SpikeRecord rec, int e) {
        int s = rec.eventSpike(e);
        switch (rec.eventKind(e)) {
            case SpikeRecord.ARRIVAL: {
                Projection pr = net.projection(rec.eventProjection(e));
                int slot = rec.eventSlot(e);
                return rec.time(s) + (slot < 0 ? pr.delay() : pr.rowDelay(slot));
            }
            case SpikeRecord.RELEASE:
                return rec.time(s) + net.population(net.populationOf(rec.neuron(s))).params().refractory();
            default:
                return rec.time(s);
        }
    }

    /** The lamV jumps of a max-voltage loss, applied as the backward walk passes each maximum. */
    private static final class Injections {
        private final MaxVoltage mv;
        private final double[] dLdV;
        private final int offset;
        private final Integer[] order;
        private int next;

        Injections(MaxVoltage mv, double[] dLdV, int offset) {
            this.mv = mv;
            this.dLdV = dLdV;
            this.offset = offset;
            order = new Integer[dLdV.length];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(time(b), time(a)));
        }

        private double time(int j) {
            return mv.kinkEvent[j] >= 0 || dLdV[j] == 0 ? Double.NEGATIVE_INFINITY : mv.time[j];
        }

        /** Applies the jumps of maxima later than an event at time t (interior and end maxima). */
        void before(double t, EventProp ep) {
            while (next < order.length && time(order[next]) > t) {
                int j = order[next++];
                ep.bringBack(offset + j, mv.time[j]);
                ep.lamV[offset + j] += dLdV[j];
                ep.markLive(offset + j);
            }
        }

        /**
         * For a maximum on arrival e: its jump (applied after the arrival) and the arrival-time
         * term, also added (unless {@code dd} is null) to {@code dd} of the arrival's synapse into
         * the maximum's neuron (the first such synapse of the arrival, should several join the
         * same two neurons).
         */
        double kinkTerm(int e, Network net, SpikeRecord rec, EventProp ep, double[] dd) {
            double term = 0;
            for (int j = 0; j < dLdV.length; j++) {
                if (mv.kinkEvent[j] == e && dLdV[j] != 0) {
                    ep.bringBack(offset + j, mv.time[j]);
                    ep.lamV[offset + j] += dLdV[j];
                    ep.markLive(offset + j);
                    double t = dLdV[j] * mv.kinkSlope[j];
                    term += t;
                    if (dd != null) {
                        dd[synapseInto(net, rec, e, j)] += t;
                    }
                }
            }
            return term;
        }

        /** The first synapse of arrival e's row part into neuron j of the arrival's target. */
        private static int synapseInto(Network net, SpikeRecord rec, int e, int j) {
            int s = rec.eventSpike(e);
            Projection pr = net.projection(rec.eventProjection(e));
            int pre = rec.neuron(s) - net.offset(pr.source());
            int slot = rec.eventSlot(e);
            int first = slot < 0 ? pr.rowStart(pre) : slot;
            for (int r = first, end = pr.arrivalEnd(pre, first, rec.time(s)); r < end; r++) {
                if (pr.rowPost(r) == j) {
                    return pr.rowSynapse(r);
                }
            }
            throw new IllegalStateException("arrival " + e + " does not reach neuron " + j);
        }
    }

    /** Per-spike work array {@code which}, zeroed over its first {@code spikes} entries. */
    private double[] cleared(int which, int spikes) {
        double[] a = perSpike[which];
        if (a.length < spikes) {
            a = new double[Math.max(spikes, 2 * a.length)];
            perSpike[which] = a;
        } else {
            Arrays.fill(a, 0, spikes, 0);
        }
        return a;
    }

    private void prepare(Network net, double duration) {
        int n = net.neuronCount();
        if (currentOffset.length != n + 1) {
            currentOffset = new int[n + 1];
            lamV = new double[n];
            lamTime = new double[n];
        }
        if (net != network) {
            dynamicsOf = LifDynamics.perNeuron(net);
            singleReceptor = new boolean[net.populations().size()];
            for (int p = 0; p < singleReceptor.length; p++) {
                Population pop = net.population(p);
                singleReceptor[p] = !pop.isInput() && !pop.hasNeuronParams() && pop.params().receptorCount() == 1;
            }
            dense = new boolean[net.projections().size()];
            for (int p = 0; p < dense.length; p++) {
                dense[p] = isDense(net, net.projection(p));
            }
            live = new long[(n + 63) >>> 6];
            for (int p = 0; p < net.populations().size(); p++) {
                Population pop = net.population(p);
                for (int i = 0; i < pop.size(); i++) {
                    int g = net.offset(p) + i;
                    currentOffset[g + 1] = currentOffset[g] + (pop.isInput() ? 0 : pop.params().receptorCount());
                }
            }
        }
        if (lamI.length != currentOffset[n]) {
            lamI = new double[currentOffset[n]];
        }
        Arrays.fill(lamV, 0);
        Arrays.fill(lamI, 0);
        Arrays.fill(live, 0);
        Arrays.fill(lamTime, duration);
        network = net;
    }

    private Network network;

    /** True if {@code pr} has one delay and every row is the target population's neurons in order. */
    private static boolean isDense(Network net, Projection pr) {
        if (pr.hasSynapseDelays()) {
            return false;
        }
        int size = net.population(pr.target()).size();
        int sources = net.population(pr.source()).size();
        for (int i = 0; i < sources; i++) {
            int first = pr.rowStart(i);
            if (pr.rowStart(i + 1) - first != size) {
                return false;
            }
            for (int j = 0; j < size; j++) {
                if (pr.rowPost(first + j) != j) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Marks neuron g in {@link #live}. */
    private void markLive(int g) {
        live[g >>> 6] |= 1L << g;
    }

    /**
     * Moves neuron g's costates back to time t. Costates that are all zero (a neuron not yet
     * reached by any sensitivity, walking backwards) stay zero, so only their time moves: the
     * full step would give the same zeros (possibly -0 for +0, which no sum, product or
     * comparison downstream tells apart: every gradient starts from +0).
     */
    private void bringBack(int g, double t) {
        double d = lamTime[g] - t;
        if (d <= 0) {
            return;
        }
        LifDynamics dyn = dynamicsOf[g];
        double v = lamV[g];
        int o = currentOffset[g];
        int receptors = dyn.receptorCount();
        if (v == 0 && allZero(o, receptors)) {
            lamTime[g] = t;
            return;
        }
        int i = span(dyn, d);
        double[] currentDecay = spanCurrentDecay[i];
        double[] kernel = spanKernel[i];
        for (int k = 0; k < receptors; k++, o++) {
            lamI[o] = lamI[o] * currentDecay[k] + (v == 0 ? 0 : v * kernel[k]);
        }
        lamV[g] = v * spanMembraneDecay[i];
        lamTime[g] = t;
    }

    private boolean allZero(int from, int count) {
        for (int k = from; k < from + count; k++) {
            if (lamI[k] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The span cache entry for {@code dyn} over {@code d}, computed into the older entry if neither holds it. */
    private int span(LifDynamics dyn, double d) {
        int i = spanNewer;
        if (spanLength[i] == d && spanDynamics[i] == dyn) {
            return i;
        }
        i ^= 1;
        if (!(spanLength[i] == d && spanDynamics[i] == dyn)) {
            setSpan(i, dyn, d);
        }
        spanNewer = i;
        return i;
    }

    /**
     * Computes the decays and kernels of a span into cache entry i: the neurons of a layer are
     * mostly brought back over the same span one after the other, so they share them. The
     * kernel takes the membrane's decay, {@code exp(-alpha d)}, from {@link LifDynamics#membraneDecay}
     * where {@link LifDynamics#kernel(int, double, double)} would compute that same exponential
     * again: the same bits with one exponential fewer.
     */
    private void setSpan(int i, LifDynamics dyn, double d) {
        int n = dyn.receptorCount();
        if (spanKernel[i].length < n) {
            spanKernel[i] = new double[n];
            spanCurrentDecay[i] = new double[n];
        }
        double[] currentDecay = spanCurrentDecay[i];
        double[] kernel = spanKernel[i];
        double membraneDecay = dyn.membraneDecay(d);
        for (int k = 0; k < n; k++) {
            currentDecay[k] = dyn.currentDecay(k, d);
            kernel[k] = dyn.kernel(k, d, currentDecay[k], membraneDecay);
        }
        spanMembraneDecay[i] = membraneDecay;
        spanDynamics[i] = dyn;
        spanLength[i] = d;
    }

    /**
     * Marks the spikes a delta synapse's jump fired ({@link #jumpCause}): a spike of neuron g at
     * t with a delta arrival into g at t logged before it (a crossing of the continuous dynamics at
     * t always comes before t's arrivals). Returns false, doing nothing, without delta synapses.
     */
    private boolean findJumpFiredSpikes(Network net, SpikeRecord rec) {
        boolean any = false;
        for (Population pop : net.populations()) {
            any |= pop.hasDeltaReceptor();
        }
        if (!any) {
            return false;
        }
        int n = net.neuronCount();
        if (owed.length != n) {
            owed = new double[n];
            owedTo = new int[n];
            lastJump = new double[n];
            lastJumpEvent = new int[n];
        }
        Arrays.fill(owedTo, -1);
        if (jumpCause.length < rec.count()) {
            jumpCause = new int[rec.count()];
        }
        Arrays.fill(jumpCause, 0, rec.count(), -1);
        Arrays.fill(lastJump, Double.NaN);
        for (int e = 0; e < rec.eventCount(); e++) {
            int s = rec.eventSpike(e);
            int kind = rec.eventKind(e);
            if (kind == SpikeRecord.ARRIVAL) {
                Projection pr = net.projection(rec.eventProjection(e));
                int base = net.offset(pr.target());
                if (!dynamicsOf[base].isDelta(pr.receptor())) {
                    continue;
                }
                int slot = rec.eventSlot(e);
                int pre = rec.neuron(s) - net.offset(pr.source());
                int first = slot < 0 ? pr.rowStart(pre) : slot;
                double a = rec.time(s) + (slot < 0 ? pr.delay() : pr.rowDelay(slot));
                for (int r = first, end = pr.arrivalEnd(pre, first, rec.time(s)); r < end; r++) {
                    lastJump[base + pr.rowPost(r)] = a;
                    lastJumpEvent[base + pr.rowPost(r)] = e;
                }
            } else if (kind == SpikeRecord.SPIKE) {
                int g = rec.neuron(s);
                if (lastJump[g] == rec.time(s)) {
                    jumpCause[s] = lastJumpEvent[g];
                }
            }
        }
        return true;
    }

    /**
     * Processes arrival event e backwards (a spike's whole row, or the part of the row arriving at
     * one instant), adding each synapse's dL/da to {@code dd} (unless null); returns their sum.
     */
    private double arrival(Network net, SpikeRecord rec, int e, int p, double[] dw, double[] dd) {
        int s = rec.eventSpike(e);
        int slot = rec.eventSlot(e);
        Projection pr = net.projection(p);
        int pre = rec.neuron(s) - net.offset(pr.source());
        int first = slot < 0 ? pr.rowStart(pre) : slot;
        double a = rec.time(s) + (slot < 0 ? pr.delay() : pr.rowDelay(slot));
        int base = net.offset(pr.target());
        int k = pr.receptor();
        if (dynamicsOf[base].isDelta(k)) {
            return jumps(pr, rec, e, pre, first, a, dw, dd);
        }
        int end = pr.arrivalEnd(pre, first, rec.time(s));
        if (singleReceptor[pr.target()]) {
            return dense[p] && slot < 0 ? denseArrival(pr, first, base, end - first, a, dynamicsOf[base], dw, dd)
                    : singleReceptorArrival(pr, first, end, base, a, dynamicsOf[base], dw, dd);
        }
        double dLda = 0;
        for (int r = first; r < end; r++) {
            int g = base + pr.rowPost(r);
            bringBack(g, a);
            double li = lamI[currentOffset[g] + k];
            int syn = pr.rowSynapse(r);
            dw[syn] += li;
            LifDynamics dyn = dynamicsOf[g];
            double term = pr.rowWeight(r) * (li * dyn.beta(k) - lamV[g] * dyn.alpha());
            if (dd != null) {
                dd[syn] += term;
            }
            dLda += term;
        }
        return dLda;
    }

    /**
     * {@link #arrival}'s loop for a target population whose neurons share one dynamics with one
     * receptor (a delta synapse's arrivals are {@link #jumps}), with {@link #bringBack} written
     * out: the same operations in the same order, so the same bits. Targets whose costates are
     * all zero (most of a wide layer's neurons, walking backwards before their spike or if it
     * has no effect) are skipped: their dL/dw and dL/da terms are zeros, and adding a zero
     * (of either sign) to a sum that starts at +0 changes no bit. Their time need not move:
     * {@link #bringBack} sets it once they are no longer zero.
     */
    private double singleReceptorArrival(Projection pr, int first, int end, int base, double a, LifDynamics dyn,
                                         double[] dw, double[] dd) {
        double beta = dyn.beta(0);
        double alpha = dyn.alpha();
        double dLda = 0;
        for (int r = first; r < end; r++) {
            int g = base + pr.rowPost(r);
            if (lamV[g] != 0 || lamI[currentOffset[g]] != 0) { // else skipped, as above
                dLda += target(pr, r, g, a, dyn, beta, alpha, dw, dd);
            }
        }
        return dLda;
    }

    /**
     * {@link #singleReceptorArrival} for a row that reaches every neuron of the target
     * population in order (slot {@code first + j} into neuron j, {@code size} of them): only
     * the neurons marked {@link #live} are visited, in ascending order, which is the row's
     * order, so the sums are the same bits.
     */
    private double denseArrival(Projection pr, int first, int base, int size, double a, LifDynamics dyn,
                                double[] dw, double[] dd) {
        double beta = dyn.beta(0);
        double alpha = dyn.alpha();
        double dLda = 0;
        int last = base + size - 1;
        for (int w = base >>> 6; w <= last >>> 6; w++) {
            long bits = live[w];
            if (w == base >>> 6) {
                bits &= -1L << base; // shifts of a long take the count modulo 64
            }
            if (w == last >>> 6) {
                bits &= -1L >>> (63 - (last & 63));
            }
            for (; bits != 0; bits &= bits - 1) {
                int g = (w << 6) + Long.numberOfTrailingZeros(bits);
                if (lamV[g] != 0 || lamI[currentOffset[g]] != 0) { // else skipped, as in singleReceptorArrival
                    dLda += target(pr, first + g - base, g, a, dyn, beta, alpha, dw, dd);
                }
            }
        }
        return dLda;
    }

    /**
     * One target of {@link #singleReceptorArrival} or {@link #denseArrival}: brings neuron g,
     * whose costates are not all zero, back to the arrival at a through slot r; adds its dL/dw
     * and dL/da to {@code dw} and {@code dd} (unless null); returns the dL/da.
     */
    private double target(Projection pr, int r, int g, double a, LifDynamics dyn, double beta, double alpha,
                          double[] dw, double[] dd) {
        int o = currentOffset[g];
        double v = lamV[g];
        double li = lamI[o];
        double d = lamTime[g] - a;
        if (d > 0) {
            int i = span(dyn, d);
            li = li * spanCurrentDecay[i][0] + (v == 0 ? 0 : v * spanKernel[i][0]);
            v = v * spanMembraneDecay[i];
            lamI[o] = li;
            lamV[g] = v;
            lamTime[g] = a;
        }
        int syn = pr.rowSynapse(r);
        dw[syn] += li;
        double term = pr.rowWeight(r) * (li * beta - v * alpha);
        if (dd != null) {
            dd[syn] += term;
        }
        return term;
    }

    /**
     * {@link #arrival} onto a delta synapse: V jumped by w at a, so dL/dw = lamV and
     * dL/da = w lamV / tau_mem, plus the dL/dt* of a spike this arrival's jump fired.
     */
    private double jumps(Projection pr, SpikeRecord rec, int e, int pre, int first, double a, double[] dw, double[] dd) {
        int base = network.offset(pr.target());
        double dLda = 0;
        for (int r = first, end = pr.arrivalEnd(pre, first, rec.time(rec.eventSpike(e))); r < end; r++) {
            int g = base + pr.rowPost(r);
            bringBack(g, a);
            double lv = lamV[g];
            int syn = pr.rowSynapse(r);
            dw[syn] += lv;
            double term = pr.rowWeight(r) * lv * dynamicsOf[g].alpha();
            if (dd != null) {
                dd[syn] += term;
            }
            dLda += term;
            if (owedTo[g] == e) {
                // the spike this jump fired moves with this synapse's arrival
                if (dd != null) {
                    dd[syn] += owed[g];
                }
                dLda += owed[g];
                owedTo[g] = -1;
            }
        }
        return dLda;
    }

    /**
     * Processes spike s backwards: inputs need nothing; LIF neurons jump their lamV. A spike fired
     * by the jump of arrival event {@code cause} (else -1) leaves its dL/dt* to that arrival.
     */
    private void spike(Network net, SpikeRecord rec, int s, double g, double lamVReleased, int cause) {
        int neuron = rec.neuron(s);
        int p = net.populationOf(neuron);
        Population pop = net.population(p);
        if (pop.isInput()) {
            return;
        }
        NeuronParameters par = dynamicsOf[neuron].params();
        double t = rec.time(s);
        bringBack(neuron, t);
        double vdotMinus = (rec.currentAtSpike(s) - (par.threshold() - par.leak())) / par.tauMem();
        double lamVPlus;
        double vdotPlus;
        if (par.refractory() > 0) {
            lamVPlus = lamVReleased;
            double release = rec.currentAtRelease(s);
            vdotPlus = Double.isNaN(release) ? 0 : (release - (par.reset() - par.leak())) / par.tauMem();
        } else {
            lamVPlus = lamV[neuron];
            vdotPlus = (rec.currentAtSpike(s) - (par.reset() - par.leak())) / par.tauMem();
        }
        if (cause >= 0) {
            owed[neuron] = g - lamVPlus * vdotPlus;
            owedTo[neuron] = cause;
            lamV[neuron] = 0;
            return;
        }
        lamV[neuron] = (lamVPlus * vdotPlus - g) / vdotMinus;
        markLive(neuron);
    }
}
