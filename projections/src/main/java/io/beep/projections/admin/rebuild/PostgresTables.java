package io.beep.projections.admin.rebuild;

import java.util.List;

/**
 * Tables of the views database, written by the processor alone.
 *
 * @param names the table names, unqualified (they live in the views connection's schema)
 */
public record PostgresTables(List<String> names) implements ViewStorage {

    public PostgresTables {
        names = List.copyOf(names);
    }
}
