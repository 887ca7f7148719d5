package dev.tenantmigrator.internal.execute;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tenantmigrator.internal.SchemaRef;
import dev.tenantmigrator.testing.PostgresExtension;
import dev.tenantmigrator.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** A release of a lock this session does not hold is PostgreSQL's {@code false}, and an ERROR line of ours. */
@ExtendWith(PostgresExtension.class)
class LockReleaseTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        for (Class<?> type : List.of(SchemaLock.class, WorkerSlot.class)) {
            ((Logger) LoggerFactory.getLogger(type)).addAppender(logged);
        }
    }

    @AfterEach
    void stopListening() {
        for (Class<?> type : List.of(SchemaLock.class, WorkerSlot.class)) {
            ((Logger) LoggerFactory.getLogger(type)).detachAppender(logged);
        }
    }

    private List<String> errors() {
        return logged.list.stream().filter(event -> event.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage)
            .toList();
    }

    @Test
    void releasingLocksThatWereHeldLogsNothing(TestDatabase db) {
        try (Handle handle = db.jdbi().open()) {
            SchemaLock.tryAcquire(handle, SchemaRef.main("t_a")).orElseThrow().close();
            WorkerSlot.acquire(handle, 1, 0, Duration.ofSeconds(1), StopSignal.never()).close();
        }

        assertThat(errors()).isEmpty();
    }

    @Test
    void releasingLocksSomethingElseReleasedFirstIsAnError(TestDatabase db) {
        try (Handle handle = db.jdbi().open()) {
            SchemaLock lock = SchemaLock.tryAcquire(handle, SchemaRef.main("t_a")).orElseThrow();
            WorkerSlot slot = WorkerSlot.acquire(handle, 1, 0, Duration.ofSeconds(1), StopSignal.never());
            handle.createQuery("SELECT pg_advisory_unlock_all()").mapToMap().one();

            slot.close();
            lock.close();
        }

        assertThat(errors()).containsExactly(
            "Worker slot 0 was not held by this session when it was released; this is a bug (or the connection is shared by "
                + "something else, such as a pooler in transaction mode).",
            "The migration lock of schema t_a was not held by this session when it was released; this is a bug (or the "
                + "connection is shared by something else, such as a pooler in transaction mode): check the schema's history "
                + "against its objects.");
    }
}
