package dev.tenantmigrator.support;

import dev.tenantmigrator.Migrator;
import dev.tenantmigrator.MigratorSettings;
import dev.tenantmigrator.TenantSource;
import java.util.Arrays;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs {@code up} in a process of its own, so a test can kill it as Kubernetes kills a pod:
 * {@code ChildUp <jdbc url> <user> <password> <main location> <tenant location> <tenant>...}.
 */
public final class ChildUp {

    private ChildUp() {
    }

    public static void main(String[] args) {
        Migrator migrator = new Migrator(Jdbi.create(args[0], args[1], args[2]), MigratorSettings.builder()
            .mainLocation(args[3])
            .tenantLocation(args[4])
            .tenantSource(TenantSource.of(Arrays.asList(args).subList(5, args.length)))
            .build());
        System.out.println(migrator.up().summary());
    }
}
