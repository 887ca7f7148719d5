package dev.tenantmigrator.example;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.util.Set;
import java.util.stream.Collectors;

/** The commands {@code java -jar example-service.jar} accepts, gathered as {@code Application.run} gathers them. */
final class ServiceCommands extends NotesApplication {

    static Set<String> names() {
        ServiceCommands application = new ServiceCommands();
        Bootstrap<NotesConfiguration> bootstrap = new Bootstrap<>(application);
        application.addDefaultCommands(bootstrap);   // server, check
        application.initialize(bootstrap);           // the bundle's db-up, db-ensure-up, ...
        return bootstrap.getCommands().stream().map(Command::getName).collect(Collectors.toSet());
    }
}
