package org.eventsnn.core.io.nir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.eventsnn.core.io.ModelFiles;
import org.eventsnn.core.model.Network;

/**
 * Reads a model file in either format: a NIR file (recognised by the HDF5 signature in its
 * first bytes, whatever its name) through {@link NirImport}, anything else as eventsnn-model
 * JSON through {@link ModelFiles}. Every command that takes a model reads it here.
 */
public final class ModelLoader {
    private ModelLoader() {
    }

    /** Reads {@code file}; warnings of a NIR import go to standard error as {@code eventsnn: warning: ...}. */
    public static Network read(Path file) {
        return read(file, w -> System.err.println("eventsnn: warning: " + w));
    }

    /** Reads {@code file}, sending warnings of a NIR import to {@code warnings}. */
    public static Network read(Path file, Consumer<String> warnings) {
        if (Files.isRegularFile(file) && NirHdf5.isHdf5(file)) {
            return NirImport.read(file, warnings);
        }
        return ModelFiles.read(file);
    }

    /** True when {@code file} is an HDF5 file (so read as NIR). */
    public static boolean isNir(Path file) {
        return Files.isRegularFile(file) && NirHdf5.isHdf5(file);
    }
}
