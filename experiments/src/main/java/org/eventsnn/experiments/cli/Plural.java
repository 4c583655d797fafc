package org.eventsnn.experiments.cli;

/** Counted nouns for messages: "1 epoch", "3 epochs". */
final class Plural {
    private Plural() {
    }

    /** {@code n} followed by {@code noun}, with an s unless n is 1. */
    static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
