package org.eventsnn.experiments.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes each epoch's files on a background thread while the next epoch trains: one write at a
 * time, in epoch order; {@link #submit} first waits for the previous write, so at most one
 * epoch's files are in flight, and a failed write surfaces at the next submit or at
 * {@link #close}. Every file is written atomically (temp file, then move), so a reader, or a run
 * resumed after a crash, sees one whole epoch's files.
 */
final class EpochWriter implements AutoCloseable {
    /** One epoch's writing, from a snapshot of everything it writes. */
    interface Write {
        void run() throws IOException;
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "eventsnn-epoch-writer");
        t.setDaemon(true);
        return t;
    });
    private Future<?> pending;

    /** Waits for the previous write (rethrowing its failure), then starts {@code write}. */
    void submit(Write write) throws IOException {
        await();
        pending = thread.submit(() -> {
            try {
                write.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Waits for the write in flight, if any; rethrows its failure. */
    void await() throws IOException {
        Future<?> f = pending;
        pending = null;
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing an epoch's files", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UncheckedIOException) {
                throw ((UncheckedIOException) c).getCause();
            }
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new IllegalStateException(c);
        }
    }

    /** Waits for the last write (its failure is rethrown) and stops the thread. */
    @Override
    public void close() throws IOException {
        try {
            await();
        } finally {
            thread.shutdown();
        }
    }
}
