package dev.tenantmigrator.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Counts the connections asked of a data source, refused ones too: how a test sees that a migrator tried again. */
public final class ConnectionAttempts {

    private final AtomicInteger count = new AtomicInteger();

    /** {@code target}, every {@code getConnection} counted before it is tried. */
    public DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
                if (method.getName().equals("getConnection")) {
                    count.incrementAndGet();
                }
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    public int count() {
        return count.get();
    }
}
