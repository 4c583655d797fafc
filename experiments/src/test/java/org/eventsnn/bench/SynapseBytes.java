package org.eventsnn.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;
import org.eventsnn.core.model.Projection;

/**
 * Prints how a model's stored synapses are held: per projection its synapse count, encodings
 * and bytes ({@link Projection#storedBytes}), then the bytes per stored synapse of the whole
 * model, with and without the row starts (4 bytes per source neuron and projection). Run it as a
 * single-file program on a built jar:
 * <pre>
 * java -cp experiments/target/eventsnn.jar experiments/src/test/java/org/eventsnn/bench/SynapseBytes.java MODEL.json
 * </pre>
 */
public final class SynapseBytes {
    private SynapseBytes() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: SynapseBytes MODEL.json");
            System.exit(2);
        }
        Network net = ModelFiles.read(Path.of(args[0]));
        long synapses = 0;
        long bytes = 0;
        long rowStarts = 0;
        for (Projection pr : net.projections()) {
            if (!pr.isStored()) {
                System.out.printf(Locale.ROOT, "%s -> %s: generated, none stored%n", net.population(pr.source()).name(),
                        net.population(pr.target()).name());
                continue;
            }
            long starts = 4L * (net.population(pr.source()).size() + 1);
            System.out.printf(Locale.ROOT, "%s -> %s: %d synapses, %s, %d bytes (%.2f per synapse without row starts)%n",
                    net.population(pr.source()).name(), net.population(pr.target()).name(), pr.synapseCount(),
                    pr.storage(), pr.storedBytes(), (pr.storedBytes() - starts) / Math.max(1.0, pr.synapseCount()));
            synapses += pr.synapseCount();
            bytes += pr.storedBytes();
            rowStarts += starts;
        }
        System.out.printf(Locale.ROOT, "total: %d stored synapses, %d bytes: %.3f bytes per synapse (%.3f without the"
                + " row starts)%n", synapses, bytes, bytes / Math.max(1.0, synapses),
                (bytes - rowStarts) / Math.max(1.0, synapses));
    }
}
