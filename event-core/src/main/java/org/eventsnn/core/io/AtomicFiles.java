package org.eventsnn.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers see either the old content or the complete new content, never
 * a half-written file: the data goes to a temporary file beside the target, which is then
 * renamed over it. On failure the temporary file is removed and the target is untouched.
 *
 * <p>A symbolic link is written through: its final target is replaced (atomically, in the
 * target's directory), the link stays. Only regular files are written: a directory, a device,
 * a FIFO or a socket at the path, a parent that is a file, or a location without write
 * permission fails with an {@link OutputException} before anything is written.
 */
public final class AtomicFiles {
    private static final int MAX_LINKS = 40;

    private AtomicFiles() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code target} atomically, creating parent directories; a
     * symbolic link's final target is written instead of the link. The target and its directory
     * are each looked at once and the temporary file is created and opened in one step, private
     * (rw-------) until it is complete: a training run writes four files per epoch.
     */
    public static void write(Path target, Content content) throws IOException {
        Target checked = requireRegularFileTarget(target); // no probe: the temporary file below is one
        Path real = checked.real();
        Path dir = real.getParent();
        if (!checked.directoryExists()) { // creating one that exists costs a system call and an exception
            createDirectories(target, dir);
        }
        FileChannel channel = null;
        Path tmp = null;
        while (channel == null) { // a name taken (by a planted file, say) is tried again with another
            tmp = dir.resolve("." + real.getFileName() + Long.toUnsignedString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try {
                channel = FileChannel.open(tmp, NEW_FILE, privateFile(dir));
            } catch (FileAlreadyExistsException e) {
                // another name
            } catch (IOException e) {
                throw unwritable(target, dir, e);
            }
        }
        boolean moved = false;
        try {
            try (OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
            } catch (OutputException e) {
                throw e;
            } catch (IOException e) {
                throw new OutputException(target, reason(e), e);
            }
            makeReadable(tmp);
            try {
                Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } catch (FileSystemException e) {
            throw new OutputException(target, reason(e), e);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Checks, without writing anything, that {@code target} can be written as a regular file;
     * returns the path that will be replaced (the final target of a symbolic link, absolute).
     * Throws an {@link OutputException} naming the path and the reason otherwise.
     */
    public static Path requireWritable(Path target) throws OutputException {
        Target checked = requireRegularFileTarget(target);
        if (checked.directoryExists()) {
            probe(target, checked.real().getParent());
        }
        return checked.real();
    }

    /** A target's final path (the end of its symbolic links, absolute) and whether its directory exists. */
    private record Target(Path real, boolean directoryExists) {
    }

    /**
     * {@link #requireWritable}'s checks short of writing a probe: the path is, or can be created
     * as, a regular file in a writable directory. Returns the final target of a symbolic link;
     * each path is looked at once.
     */
    private static Target requireRegularFileTarget(Path target) throws OutputException {
        Path real = target.toAbsolutePath();
        BasicFileAttributes a = attributes(real);
        for (int hops = 0; a != null && a.isSymbolicLink(); hops++) {
            if (hops == MAX_LINKS) {
                throw new OutputException(target, "too many levels of symbolic links");
            }
            try {
                real = real.resolveSibling(Files.readSymbolicLink(real)).normalize();
            } catch (IOException e) {
                throw new OutputException(target, "cannot read the symbolic link: " + reason(e));
            }
            a = attributes(real);
        }
        if (a != null && a.isDirectory()) {
            throw new OutputException(target, "it is a directory, expected a file name");
        }
        if (a != null && !a.isRegularFile()) {
            throw new OutputException(target, "it is not a regular file (a device, FIFO or socket);"
                    + " write to a file, or to standard output with -");
        }
        Path dir = real.getParent();
        Path existing = dir;
        BasicFileAttributes e = existing == null ? null : attributes(existing);
        while (e == null && existing != null) {
            existing = existing.getParent();
            e = existing == null ? null : attributes(existing);
        }
        if (existing == null) {
            throw new OutputException(target, "no existing directory above it");
        }
        if (!e.isDirectory()) {
            throw new OutputException(target, existing + " is a file, not a directory");
        }
        if (!Files.isWritable(existing)) {
            throw new OutputException(target, "no permission to write in " + existing);
        }
        return new Target(real, existing.equals(dir));
    }

    /** Creates and removes a temporary file in {@code dir}: permissions alone miss read-only and virtual file systems. */
    private static void probe(Path target, Path dir) throws OutputException {
        try {
            Files.delete(Files.createTempFile(dir, ".eventsnn-probe", ".tmp"));
        } catch (IOException e) {
            throw unwritable(target, dir, e);
        }
    }

    /**
     * Checks that {@code dir} is a directory or can be created as one (its nearest existing
     * ancestor is a writable directory); throws an {@link OutputException} naming it otherwise.
     */
    public static void requireDirectory(Path dir) throws OutputException {
        Path absolute = dir.toAbsolutePath();
        Path existing = absolute;
        while (existing != null && attributes(existing) == null) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new OutputException(dir, "no existing directory above it");
        }
        if (!attributes(existing).isDirectory()) {
            throw new OutputException(dir, existing.equals(absolute) ? "it is a file, expected a directory"
                    : existing + " is a file, not a directory");
        }
        if (!Files.isWritable(existing)) {
            throw new OutputException(dir, "no permission to write in " + existing);
        }
    }

    /** The path's own attributes (not following a link), or null if nothing is there. */
    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static void createDirectories(Path target, Path dir) throws OutputException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw unwritable(target, dir, e);
        }
    }

    private static OutputException unwritable(Path target, Path dir, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new OutputException(target, "no permission to write in " + dir, e);
        }
        if (e instanceof NoSuchFileException) {
            return new OutputException(target, "cannot create a file in " + dir, e);
        }
        return new OutputException(target, reason(e), e);
    }

    /** The operating system's reason without the path that the message already names. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static final Set<StandardOpenOption> NEW_FILE = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    /** The attributes of a temporary file in {@code dir}: private (rw-------) where the file system has permissions. */
    private static FileAttribute<?>[] privateFile(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /** Temporary files are private; the finished file gets the usual rw-r--r--. */
    private static void makeReadable(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
