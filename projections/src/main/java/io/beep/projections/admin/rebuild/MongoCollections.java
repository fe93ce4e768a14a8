package io.beep.projections.admin.rebuild;

import java.util.List;

/**
 * Collections of the Mongo database, written by the processor alone.
 *
 * @param names the collection names the code uses; the live copy of each is found through
 *              {@link CollectionAliases}
 */
public record MongoCollections(List<String> names) implements ViewStorage {

    public MongoCollections {
        names = List.copyOf(names);
    }
}
