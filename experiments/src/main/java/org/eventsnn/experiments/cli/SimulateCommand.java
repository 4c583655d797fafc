package org.eventsnn.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eventsnn.core.engine.ParallelSimulator;
import org.eventsnn.core.engine.SimulationProgress;
import org.eventsnn.core.engine.Simulator;
import org.eventsnn.core.io.FormatException;
import org.eventsnn.core.io.nir.ModelLoader;
import org.eventsnn.core.io.SpikeFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.record.SimulationResult;
import org.eventsnn.core.record.SpikeTrains;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eventsnn simulate}: runs a model on input spikes and writes every LIF population's spikes. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a model exactly on input spikes; write all LIF spikes (time order, ties by neuron).",
                "Without --input the model runs without external spikes (its own initial potentials drive it)"
                        + " and --duration is required.",
                "A run that exceeds --max-spikes stops with exit status 2, naming the population that fired most.",
                "A run that lasts over 10 s reports its progress on standard error every 30 s."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "Model file (eventsnn-model JSON, or NIR recognised by its HDF5 signature).")
    Path model;

    @Option(names = "--input", paramLabel = "SPIKES.json",
            description = "Input spike file (eventsnn-spikes JSON); default: no input spikes.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "OUT.json",
            description = "Output spike file, written atomically; - writes to standard output.")
    Path output;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Simulated time in seconds (default: the input file's duration; required without --input).")
    Double duration;

    @Option(names = "--max-spikes", paramLabel = "N",
            description = "Stop with an error after N spikes, inputs included (default: what a quarter of the maximum heap"
                    + " holds for this model, at least 100000).")
    Long maxSpikes;

    @Option(names = "--stats", description = "Also write run statistics (events, spikes and rate per population,"
            + " wall time, threads, peak memory) to this JSON file, atomically; - writes to standard output"
            + " (default: none).")
    Path stats;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Threads of the simulation: neurons split into T blocks that exchange spikes every minimum"
                    + " delay; the same spikes, bit for bit, for every T (default ${DEFAULT-VALUE}). A model with a"
                    + " zero delay runs on one thread and says so on standard error.")
    int threads;

    @Option(names = "--record", split = ",", paramLabel = "POP",
            description = "Write the spikes of these LIF populations only (comma-separated; default: all).")
    java.util.List<String> record;

    @Override
    public Integer call() throws Exception {
        if (duration != null && (!(duration >= 0) || duration.isInfinite())) {
            throw new IllegalArgumentException("--duration must be a finite number >= 0, got " + duration);
        }
        if (input == null && duration == null) {
            throw new IllegalArgumentException("--duration is required without --input (how long to simulate?)");
        }
        if (maxSpikes != null && maxSpikes < 1) {
            throw new IllegalArgumentException("--max-spikes must be >= 1, got " + maxSpikes);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        OutputFile.check(output);
        if (stats != null) {
            OutputFile.check(stats);
            if (OutputFile.isStdout(stats) ? OutputFile.isStdout(output)
                    : !OutputFile.isStdout(output) && stats.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--stats " + stats + " is also --output: one would overwrite the other;"
                        + " give them different files");
            }
        }
        Network network = ModelLoader.read(model);
        SpikeTrains spikes = input == null ? SpikeTrains.builder(duration).build() : SpikeFiles.read(input);
        if (input != null && duration != null) {
            try {
                spikes = spikes.withDuration(duration);
            } catch (IllegalArgumentException e) {
                throw new FormatException(input + ": " + e.getMessage() + " (--duration " + duration + ")");
            }
        }
        try {
            spikes.requireInputOf(network);
        } catch (IllegalArgumentException e) {
            throw new FormatException(input + ": " + e.getMessage() + " (model " + model + ")");
        }
        long budget = maxSpikes != null ? maxSpikes : SpikeBudget.defaultFor(network);
        if (record != null) {
            RunStatistics.requireLifPopulations(network, record);
        }
        Run run = Run.of(network, budget, threads, stats != null);
        if (run.fallbackReason() != null) {
            spec.commandLine().getErr().println("eventsnn: --threads " + threads + ": " + run.fallbackReason());
        }
        run.reportProgress(new ProgressLines(spec.commandLine().getErr(), spikes.duration(), System::nanoTime));
        long start = System.nanoTime();
        SimulationResult result;
        try {
            result = run.simulate(spikes);
        } catch (org.eventsnn.core.engine.SimulationLimitException e) {
            throw new IllegalArgumentException(model + ": spike budget exceeded (--max-spikes " + budget + "): "
                    + e.getMessage() + (run.threads() > 1 ? " (detected at the end of a window of the minimum delay)" : "")
                    + "; runaway activity? raise --max-spikes if the model is meant to fire that much");
        }
        double wall = (System.nanoTime() - start) * 1e-9;
        SpikeTrains all = result.spikes();
        SpikeTrains written = record == null ? all : RunStatistics.only(network, all, record);
        if (stats != null) {
            OutputFile.write(stats, org.eventsnn.core.io.Json.content(RunStatistics.of(network, all,
                    run.synapticEventCount(), run.driveEventCount(), wall, run.threads())), spec.commandLine().getOut());
        }
        OutputFile.write(output, SpikeFiles.content(written), spec.commandLine().getOut());
        return 0;
    }

    /**
     * The engine of one run: the multi-threaded one on more than one thread, and on one thread
     * for a network with delays and Poisson drive, where its windows, neuron by neuron, beat the
     * global queue (the microcircuit: 1.7x; a sparse network without drive, CUBA with 0.1 ms
     * delays, runs 1.6x faster on the queue); else the layered engine where it applies (the event
     * queue when statistics are wanted: it counts every event). More threads are not used where
     * they would not pay ({@link ParallelSimulator#tooLittleToShare}); {@code fallbackReason}
     * then says why, as it does for a network without delay.
     */
    private record Run(Simulator simulator, ParallelSimulator parallel, String fallbackReason) {
        static Run of(Network network, long budget, int threads, boolean counting) {
            String notShared = threads > 1 ? ParallelSimulator.tooLittleToShare(network) : null;
            if ((threads > 1 && notShared == null) || (network.hasPoissonDrive() && ParallelSimulator.minDelay(network) > 0)) {
                ParallelSimulator parallel = new ParallelSimulator(network, threads, budget);
                return new Run(null, parallel, parallel.fallbackReason());
            }
            Simulator one = counting ? Simulator.withEventQueue(network, budget) : new Simulator(network, budget);
            return new Run(one, null, notShared);
        }

        void reportProgress(SimulationProgress listener) {
            if (parallel != null) {
                parallel.reportProgress(listener);
            } else {
                simulator.reportProgress(listener);
            }
        }

        SimulationResult simulate(SpikeTrains spikes) {
            return parallel != null ? parallel.run(spikes) : simulator.run(spikes);
        }

        int threads() {
            return parallel != null ? parallel.threads() : 1;
        }

        long synapticEventCount() {
            return parallel != null ? parallel.synapticEventCount() : simulator.synapticEventCount();
        }

        long driveEventCount() {
            return parallel != null ? parallel.driveEventCount() : simulator.driveEventCount();
        }
    }
}
