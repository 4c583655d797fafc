package org.eventsnn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<Path> listing() throws Exception {
        try (var s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesThroughASymbolicLinkToItsTarget() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real")).resolve("target.json");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real", "target.json"));
        AtomicFiles.write(link, bytes("new"));
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(real));
        try (var s = Files.list(real.getParent())) {
            assertEquals(1, s.count(), "no temporary file left beside the target");
        }
    }

    @Test
    void writesADanglingLinksTarget() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), dir.resolve("sub/new.json"));
        AtomicFiles.write(link, bytes("x"));
        assertEquals("x", Files.readString(dir.resolve("sub/new.json")));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void refusesADirectory() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d"));
        OutputException e = assertThrows(OutputException.class, () -> AtomicFiles.write(d, bytes("x")));
        assertTrue(e.getMessage().contains("is a directory") && e.getMessage().contains(d.toString()), e.getMessage());
        assertTrue(Files.isDirectory(d));
        assertEquals(List.of(d), listing());
    }

    @Test
    void refusesAParentThatIsAFile() throws Exception {
        Path file = dir.resolve("existing.json");
        Files.writeString(file, "keep");
        OutputException e = assertThrows(OutputException.class,
                () -> AtomicFiles.write(file.resolve("o.json"), bytes("x")));
        assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
        assertEquals("keep", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void refusesDevicesAndFifos() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull));
        // checked without writing, so that a regression could never turn the device into a file
        OutputException e = assertThrows(OutputException.class, () -> AtomicFiles.requireWritable(devNull));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
        assertTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "the device is still a device");
        Path fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0);
        assertThrows(OutputException.class, () -> AtomicFiles.write(fifo, bytes("x")));
        assertFalse(Files.isRegularFile(fifo), "the FIFO was not replaced by a file");
    }

    @Test
    void refusesALinkToADevice() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/null")));
        Path link = Files.createSymbolicLink(dir.resolve("null.json"), Path.of("/dev/null"));
        assertThrows(OutputException.class, () -> AtomicFiles.requireWritable(link));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void anUnwritableLocationIsAnOutputException() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        OutputException e = assertThrows(OutputException.class,
                () -> AtomicFiles.write(Path.of("/proc/foo.json"), bytes("x")));
        assertTrue(e.getMessage().startsWith("/proc/foo.json: cannot write"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aDirectoryOptionThatIsAFileIsRefused() throws Exception {
        Path file = dir.resolve("model.json");
        Files.writeString(file, "{}");
        OutputException e = assertThrows(OutputException.class, () -> AtomicFiles.requireDirectory(file));
        assertTrue(e.getMessage().contains("it is a file, expected a directory"), e.getMessage());
        AtomicFiles.requireDirectory(dir.resolve("new/deeper"));
    }

    @Test
    void aFailingWriterLeavesTheOldFile() throws Exception {
        Path target = dir.resolve("o.json");
        Files.writeString(target, "old");
        assertThrows(OutputException.class, () -> AtomicFiles.write(target, out -> {
            out.write('x');
            throw new java.io.IOException("No space left on device");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void aWrittenFileIsReadableByAllAndNoTemporaryFileStays() throws Exception {
        Path target = dir.resolve("sub").resolve("m.json");
        for (int i = 0; i < 3; i++) { // a new file, then one replaced
            AtomicFiles.write(target, ("v" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals("v2", Files.readString(target));
        try (var files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void aRuntimeFailureWhileWritingLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("r.json");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, out -> {
            out.write('x');
            throw new IllegalStateException("a bug in the writer");
        }));
        assertEquals(List.of(), listing());
    }
}
