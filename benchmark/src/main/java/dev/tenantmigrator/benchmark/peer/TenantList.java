package dev.tenantmigrator.benchmark.peer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads the tenants as our tool does: {@code SELECT slug FROM tenants ORDER BY slug} in the main schema. */
final class TenantList {

    private TenantList() {
    }

    static List<String> read(Connection connection) throws SQLException {
        List<String> tenants = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT slug FROM public.tenants ORDER BY slug")) {
            while (rows.next()) {
                tenants.add(rows.getString(1));
            }
        }
        return tenants;
    }
}
