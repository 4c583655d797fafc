package org.eventsnn.experiments.cli;

import picocli.CommandLine;

/** The software version, from the jar manifest (or "development" when run from classes). */
public final class Version implements CommandLine.IVersionProvider {
    /** The version string recorded in results. */
    public static String current() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"eventsnn " + current()};
    }
}
