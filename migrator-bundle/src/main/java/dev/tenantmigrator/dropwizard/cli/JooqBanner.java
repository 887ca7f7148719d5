package dev.tenantmigrator.dropwizard.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * jOOQ logs a banner, a tip and a note on the database version at INFO the first time it runs SQL,
 * which would land in every command's output. Those loggers are set to WARN once Dropwizard has
 * configured logging, unless the application's {@code logging.loggers} names a level for them.
 */
public final class JooqBanner {

    private static final List<String> LOGGERS = List.of("org.jooq.Constants", "org.jooq.impl.DefaultExecuteContext");

    private JooqBanner() {
    }

    /** Quiets each of those loggers whose level the application left unset. */
    public static void quiet() {
        for (String name : LOGGERS) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger && logger.getLevel() == null) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
