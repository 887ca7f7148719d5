package dev.tenantmigrator.benchmark.ours;

import dev.tenantmigrator.benchmark.db.BenchDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the example service's {@code config.yml} for one benchmark database: the database, the
 * two migration folders, the tenant query, one connection attempt, an uncached health check, logs
 * on stderr at WARN, and the server's two ports.
 */
final class OurConfig {

    private OurConfig() {
    }

    static void write(Path file, BenchDatabase database, Path mainFolder, Path tenantFolder, int applicationPort,
                      int adminPort) throws IOException {
        String yaml = String.join("\n",
            "server:",
            "  applicationConnectors:",
            "    - type: http",
            "      bindHost: 127.0.0.1",
            "      port: " + applicationPort,
            "  adminConnectors:",
            "    - type: http",
            "      bindHost: 127.0.0.1",
            "      port: " + adminPort,
            "  requestLog:",
            "    appenders: []",
            "database:",
            "  driverClass: org.postgresql.Driver",
            "  url: " + quote(database.url().toString()),
            "  user: " + quote(database.user()),
            "  password: " + quote(database.password()),
            "migrator:",
            "  migrations: " + quote("filesystem:" + mainFolder.toAbsolutePath()),
            "  tenantMigrations: " + quote("filesystem:" + tenantFolder.toAbsolutePath()),
            "  tenantsQuery: \"SELECT slug FROM tenants ORDER BY slug\"",
            "  connectAttempts: 1",
            "  healthCheckCache: 0s",
            "logging:",
            "  level: WARN",
            "  appenders:",
            "    - type: console",
            "      target: stderr",
            "");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
    }

    /** A YAML double-quoted scalar (JSON's string syntax is valid YAML). */
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
