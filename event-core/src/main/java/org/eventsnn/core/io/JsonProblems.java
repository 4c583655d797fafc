package org.eventsnn.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says what is wrong with malformed JSON in a user's terms: where (line and column) and what
 * (a NaN, a missing bracket, a duplicate field), without the JSON library's internals.
 */
final class JsonProblems {
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(NaN|Infinity|INF|inf|infinity|nan)");
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private JsonProblems() {
    }

    /** One line: {@code malformed JSON at line L, column C: what}. */
    static String describe(JsonProcessingException e) {
        return "malformed JSON" + where(e.getLocation()) + ": " + what(e);
    }

    private static String where(JsonLocation at) {
        if (at == null || at.getLineNr() < 1) {
            return "";
        }
        return " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static String what(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().replace('\n', ' ');
        String token = firstQuoted(m);
        if (e instanceof JsonEOFException || m.startsWith("Unexpected end-of-input")) {
            return "the file ends before the JSON is complete (a missing ], } or closing quote?)";
        }
        if ((m.startsWith("Non-standard token") || m.startsWith("Unrecognized token"))
                && token != null && NON_FINITE.matcher(token).matches()) {
            return token + " is not a valid number here (JSON numbers must be finite)";
        }
        if (m.startsWith("Unrecognized token") && token != null) {
            return "unexpected text '" + token + "', expected a string, number, array, object, true, false or null";
        }
        if (m.startsWith("Duplicate field") && token != null) {
            return "field \"" + token + "\" is given twice";
        }
        if (m.startsWith("Trailing token")) {
            return "more content after the end of the JSON value";
        }
        if (m.startsWith("Unexpected character") && token != null) {
            return "unexpected character '" + token + "'" + expectation(m);
        }
        if (m.startsWith("Invalid numeric value")) {
            return "invalid number: " + m.substring(m.indexOf(':') + 1).strip();
        }
        return clean(m);
    }

    private static String firstQuoted(String m) {
        Matcher q = QUOTED.matcher(m);
        return q.find() ? q.group(1) : null;
    }

    /** Jackson's "was expecting ..." part, if any, in plain words. */
    private static String expectation(String m) {
        int i = m.indexOf("was expecting");
        if (i < 0) {
            return "";
        }
        String rest = m.substring(i + "was expecting".length()).strip();
        rest = rest.replaceAll("[()]", "").replaceAll("\\s+", " ").strip();
        return rest.isEmpty() ? "" : ", expected " + rest;
    }

    /** Any other message, with source descriptions, feature names and character codes removed. */
    private static String clean(String m) {
        return m.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\][^)]*\\)", "")
                .replaceAll("\\[Source:[^\\]]*\\]", "")
                .replaceAll("\\s*\\(code \\d+\\)", "")
                .replaceAll("[;:]?\\s*[^;:]*`[^`]*`[^;:]*", "")
                .strip();
    }
}
