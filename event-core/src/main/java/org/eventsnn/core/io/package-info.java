/**
 * File formats: model and spike files (JSON, validated field by field with file, path and
 * value in every error), atomic writes (temporary file, then rename) and the shared JSON
 * helpers.
 *
 * <p>Depends on {@code base}, {@code model} and {@code record}; never on the engine.
 */
package org.eventsnn.core.io;
