package org.eventsnn.experiments.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and docs/*.md compiles against the real API (its own
 * imports, plus the training package and {@code java.nio.file}), and every block that does not
 * write files ({@code Path.of}) runs without an exception.
 */
class JavaExamplesTest {
    private static final String[] DEFAULT_IMPORTS = {"org.eventsnn.experiments.train.*", "java.nio.file.*"};

    /** One java block: where it is, and its lines. */
    record Block(String where, List<String> lines) {
    }

    static List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        for (Path page : DocPages.pages()) {
            List<String> lines = DocPages.lines(page);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().equals("```java")) {
                    int start = i + 1;
                    int end = start;
                    while (end < lines.size() && !lines.get(end).strip().startsWith("```")) {
                        end++;
                    }
                    blocks.add(new Block(DocPages.name(page) + ":" + (i + 1), lines.subList(start, end)));
                    i = end;
                }
            }
        }
        return blocks;
    }

    /** The block as a class {@code name} whose static {@code run()} executes its statements. */
    static String asClass(Block b, String name) {
        StringBuilder imports = new StringBuilder();
        for (String i : DEFAULT_IMPORTS) {
            imports.append("import ").append(i).append(";\n");
        }
        StringBuilder body = new StringBuilder();
        for (String l : b.lines()) {
            (l.startsWith("import ") ? imports : body).append(l).append('\n');
        }
        return imports + "public class " + name + " {\n  public static void run() throws Exception {\n" + body + "  }\n}\n";
    }

    @Test
    void javaBlocksCompileAndRun(@TempDir Path tmp) throws Exception {
        List<Block> blocks = blocks();
        assertTrue(blocks.size() >= 2, "expected the README's Java examples, found " + blocks.size());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK (javax.tools compiler)");
        List<String> failures = new ArrayList<>();
        Path classes = Files.createDirectory(tmp.resolve("classes"));
        int ran = 0;
        for (int k = 0; k < blocks.size(); k++) {
            Block b = blocks.get(k);
            String name = "DocExample" + k;
            Path source = tmp.resolve(name + ".java");
            Files.writeString(source, asClass(b, name), StandardCharsets.UTF_8);
            StringWriter messages = new StringWriter();
            boolean compiled = javac.getTask(messages, null, null,
                    List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), "-proc:none"),
                    null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source.toFile()))
                    .call();
            if (!compiled) {
                failures.add(b.where() + " does not compile:\n" + messages);
                continue;
            }
            if (String.join("\n", b.lines()).contains("Path.of(")) {
                continue;
            }
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
                loader.loadClass(name).getMethod("run").invoke(null);
                ran++;
            } catch (ReflectiveOperationException e) {
                failures.add(b.where() + " fails: " + (e.getCause() != null ? e.getCause() : e));
            }
        }
        assertEquals("", String.join("\n", failures));
        assertTrue(ran >= 1, "expected at least the README's simulation example to run");
    }
}
