package org.eventsnn.core.io;

/** The {@code format} and {@code version} fields every eventsnn JSON file starts with. */
public final class FormatHeader {
    private FormatHeader() {
    }

    /** Checks that the document declares {@code format} and {@code version}. */
    public static void require(NodeReader root, String format, int version) {
        NodeReader f = root.field("format");
        if (!format.equals(f.asText())) {
            throw f.error("expected \"" + format + "\"");
        }
        NodeReader v = root.field("version");
        if (v.asInt() != version) {
            throw v.error("unsupported version, this eventsnn reads version " + version);
        }
    }
}
