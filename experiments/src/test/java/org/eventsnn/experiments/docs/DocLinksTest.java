package org.eventsnn.experiments.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md and docs/*.md points to a file of the repository and, if it
 * names an anchor, to a heading of that file; no link leaves the repository for the
 * development notes users cannot see.
 */
class DocLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void relativeLinksReachAFileAndHeading() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : DocPages.pages()) {
            List<String> lines = DocPages.lines(page);
            boolean[] code = DocPages.inCode(lines);
            for (int i = 0; i < lines.size(); i++) {
                if (code[i]) {
                    continue;
                }
                Matcher m = LINK.matcher(lines.get(i));
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("[a-z]+:.*")) {
                        continue; // http:, https:, mailto:
                    }
                    checked++;
                    String where = DocPages.name(page) + ":" + (i + 1) + ": (" + target + ")";
                    int hash = target.indexOf('#');
                    String file = hash < 0 ? target : target.substring(0, hash);
                    Path to = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                    if (!to.startsWith(DocPages.root()) || !Files.exists(to)) {
                        broken.add(where + " no such file in the repository");
                    } else if (hash >= 0 && !DocPages.anchors(to).contains(target.substring(hash + 1))) {
                        broken.add(where + " no such heading; headings: " + DocPages.anchors(to));
                    }
                }
            }
        }
        assertTrue(checked > 10, "expected links in README.md and docs/, found " + checked);
        assertEquals(List.of(), broken, "broken links");
    }

    @Test
    void readmeLinksEveryDocsPage() {
        String readme = String.join("\n", DocPages.lines(DocPages.root().resolve("README.md")));
        List<String> missing = new ArrayList<>();
        for (Path page : DocPages.pages()) {
            String name = DocPages.name(page);
            if (name.startsWith("docs") && !readme.contains("(" + name + ")") && !readme.contains("(" + name + "#")) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "docs pages README.md's Documentation table does not link");
    }

    @Test
    void noPagePointsAtTheDevelopmentNotes() {
        List<String> found = new ArrayList<>();
        for (Path page : DocPages.pages()) {
            List<String> lines = DocPages.lines(page);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("shared/docs") || lines.get(i).contains("/work/")) {
                    found.add(DocPages.name(page) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), found, "users cannot see the development notes; say it in docs/ instead");
    }

    @Test
    void anchorsFollowGitHubsRules() {
        assertEquals("calibration-eventsnn-calibration-version-1", DocPages.slug("Calibration (eventsnn-calibration, version 1)"));
        assertEquals("eventsnn-train", DocPages.slug("eventsnn train"));
        assertEquals("what-the-less-obvious-ones-do", DocPages.slug("What the less obvious ones do"));
    }
}
