package org.eventsnn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JfrHotMethods} counts self time at the top frame and total time once per sample and method. */
class JfrHotMethodsTest {
    @Test
    void selfAtTheTopTotalOncePerSample() {
        JfrHotMethods hot = new JfrHotMethods();
        hot.add(List.of("A.leaf", "B.mid", "C.main"));
        hot.add(List.of("A.leaf", "A.leaf", "C.main")); // recursion: A counts once in total
        hot.add(List.of("B.mid", "C.main"));
        hot.add(List.of());
        String report = hot.report(2);
        assertTrue(report.startsWith("4 execution samples\n"), report);
        String self = report.substring(report.indexOf("self"), report.indexOf("total"));
        String total = report.substring(report.indexOf("total"));
        assertEquals(List.of(" 50.0%       2  A.leaf", " 25.0%       1  B.mid"), rows(self));
        assertEquals(List.of(" 75.0%       3  C.main", " 50.0%       2  A.leaf"), rows(total));
    }

    private static List<String> rows(String table) {
        List<String> lines = table.strip().lines().toList();
        return lines.subList(1, lines.size());
    }
}
