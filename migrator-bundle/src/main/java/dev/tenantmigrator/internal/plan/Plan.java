package dev.tenantmigrator.internal.plan;

import dev.tenantmigrator.Operation;
import java.util.List;

/**
 * What one phase of an operation will do, schema by schema, in the order the schemas are taken:
 * the main schema alone, or the tenant schemas. Made by the {@link Planner}; run by the executor,
 * which plans each schema again under its lock towards the same {@link Target}.
 *
 * @param target what the phase aims at
 * @param steps one step per schema, including schemas with nothing to do
 */
public record Plan(Target target, List<SchemaStep> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }

    /** Up or down. */
    public Operation operation() {
        return target.operation();
    }

    /** The steps with something to do. */
    public List<SchemaStep> withWork() {
        return steps.stream().filter(SchemaStep::hasWork).toList();
    }

    /** How many migrations the plan runs in all. */
    public int migrationCount() {
        return steps.stream().mapToInt(step -> step.migrations().size()).sum();
    }
}
