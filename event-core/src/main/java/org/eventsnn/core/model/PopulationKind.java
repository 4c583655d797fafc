package org.eventsnn.core.model;

/** What a population is: a source of given spikes, or simulated LIF neurons. */
public enum PopulationKind {
    /** Spike sources whose times come from the input spike file. */
    INPUT("input"),
    /** Leaky integrate-and-fire neurons simulated exactly. */
    LIF("lif");

    private final String fileName;

    PopulationKind(String fileName) {
        this.fileName = fileName;
    }

    /** The {@code type} string of the model file. */
    public String fileName() {
        return fileName;
    }

    /** The kind whose {@code type} string is {@code s}, or null. */
    public static PopulationKind fromFileName(String s) {
        for (PopulationKind k : values()) {
            if (k.fileName.equals(s)) {
                return k;
            }
        }
        return null;
    }
}
