package org.eventsnn.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed JSON is described in the user's terms: line, column and what is wrong, no library internals. */
class JsonMessagesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"a\": NaN}|line 1, column|NaN is not a valid number here",
        "{\"a\": -Infinity}|line 1|-Infinity is not a valid number here",
        "{\"a\": infinity}|line 1|infinity is not a valid number here",
        "{\"a\": [1, 2|line 1|the file ends before the JSON is complete",
        "{\"a\": {\"b\": 1|line 1|the file ends before the JSON is complete",
        "{\"a\": 1, \"a\": 2}|line 1|field \"a\" is given twice",
        "{\"a\": 1} x|line 1|unexpected text 'x'",
        "{\"a\": 01}|line 1|invalid number",
        "{\"a\" 1}|line 1|unexpected character",
    })
    void saysWhatIsWrongWhereWithoutLibraryInternals(String text, String where, String what) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, text);
        FormatException e = assertThrows(FormatException.class, () -> Json.read(f));
        String m = e.getMessage();
        assertTrue(m.startsWith(f + ": malformed JSON at "), m);
        assertTrue(m.contains(where), m);
        assertTrue(m.contains(what), m);
        assertFalse(m.contains("`") || m.contains("Feature") || m.contains("REDACTED") || m.contains("Source:")
                || m.contains("(code "), m);
        assertFalse(m.contains("\n"), m);
    }
}
