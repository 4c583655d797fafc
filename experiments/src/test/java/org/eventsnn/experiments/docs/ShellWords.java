package org.eventsnn.experiments.docs;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line into words as a POSIX shell would for simple cases: blanks, single and double quotes, backslashes. */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                w = w == null ? new StringBuilder() : w;
            } else if (c == '\\' && i + 1 < line.length()) {
                w = w == null ? new StringBuilder() : w;
                w.append(line.charAt(++i));
            } else if (Character.isWhitespace(c)) {
                if (w != null) {
                    words.add(w.toString());
                    w = null;
                }
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed quote in: " + line);
        }
        if (w != null) {
            words.add(w.toString());
        }
        return words;
    }
}
