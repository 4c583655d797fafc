package org.eventsnn.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The project's JSON settings: strict reading (no NaN, no trailing garbage, duplicate keys
 * rejected), and doubles written in their shortest form that reads back to the same double
 * (Jackson's Schubfach writer).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /** The shared mapper (thread-safe). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A new empty JSON object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Reads a JSON document; any problem becomes a {@link FormatException} naming the file. */
    public static JsonNode read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode node = MAPPER.readTree(in);
            if (node == null || node.isMissingNode()) {
                throw new FormatException(file + ": empty file, expected a JSON object");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new FormatException(file + ": no such file");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FormatException(file + ": " + JsonProblems.describe(e));
        } catch (IOException e) {
            throw new FormatException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Writes {@code node} to {@code file} atomically, ending with a newline. */
    public static void write(Path file, JsonNode node) throws IOException {
        AtomicFiles.write(file, content(node));
    }

    /** {@code node} as file content: indented JSON ending with a newline; the stream is left open. */
    public static AtomicFiles.Content content(JsonNode node) {
        return out -> {
            MAPPER.writeValue(new NonClosing(out), node);
            out.write('\n');
        };
    }

    /** Shortest decimal form of {@code x} that reads back to the same double. */
    public static String shortest(double x) {
        return com.fasterxml.jackson.core.io.NumberOutput.toString(x, true);
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
