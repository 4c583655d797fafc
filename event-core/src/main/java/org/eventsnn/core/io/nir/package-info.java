/**
 * NIR interchange: reads and writes the Neuromorphic Intermediate Representation's HDF5 files
 * (through the pure-Java jHDF library) and maps NIR graphs to eventsnn networks and back
 * ({@link org.eventsnn.core.io.nir.NirImport}, {@link org.eventsnn.core.io.nir.NirExport}); the
 * {@link org.eventsnn.core.io.nir.ModelLoader} reads a model file in either format.
 *
 * <p>Depends on {@code base}, {@code model} and {@code io}; never on the engine. docs/nir.md
 * states the mapping equation by equation.
 */
package org.eventsnn.core.io.nir;
