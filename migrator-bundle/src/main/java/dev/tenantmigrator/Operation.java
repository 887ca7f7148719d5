package dev.tenantmigrator;

/** What the migrator was doing when something failed. */
public enum Operation {
    UP,
    DOWN
}
