package org.eventsnn.core.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An output file that cannot be written where it was asked for: a directory, a device or FIFO,
 * a parent that is a file, a location without write permission, a full disk. The message is one
 * line naming the path and the reason; nothing has been left behind.
 */
public final class OutputException extends IOException {
    private static final long serialVersionUID = 1L;

    /** {@code path: cannot write: reason}. */
    public OutputException(Path path, String reason) {
        super(path + ": cannot write: " + reason);
    }

    OutputException(Path path, String reason, Throwable cause) {
        super(path + ": cannot write: " + reason, cause);
    }
}
