package org.eventsnn.experiments.sweep;

import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/** Sends everything Spark logs (through Log4j 2, its logging) to one file instead of the terminal. */
final class SparkLogging {
    private SparkLogging() {
    }

    /**
     * From now on every log line of Spark goes to {@code file} (appended). The logging context
     * reconfigured is that of Spark's class loader, which under spark-submit is not this class's.
     */
    static void toFile(Path file) {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.setStatusLevel(Level.ERROR);
        b.setConfigurationName("eventsnn-sweep");
        b.add(b.newAppender("sparkLog", "File").addAttribute("fileName", file.toString()).addAttribute("append", true)
                .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d{yyyy-MM-dd HH:mm:ss} %-5p %c{1}: %m%n%ex")));
        b.add(b.newRootLogger(Level.INFO).add(b.newAppenderRef("sparkLog")));
        ((LoggerContext) LogManager.getContext(SparkConf.class.getClassLoader(), false)).reconfigure(b.build());
    }
}
