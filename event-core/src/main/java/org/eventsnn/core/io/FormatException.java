package org.eventsnn.core.io;

/**
 * A file that cannot be read as what it claims to be. The message is one line naming the
 * file, the field (a JSON path such as {@code populations[1].params.tauMem}) and the value.
 */
public final class FormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A bad input, {@code message} naming the file, the field and the value. */
    public FormatException(String message) {
        super(message);
    }

    /** As {@link #FormatException(String)}, with the exception that revealed the problem. */
    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
