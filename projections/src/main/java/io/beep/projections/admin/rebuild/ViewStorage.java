package io.beep.projections.admin.rebuild;

import java.util.List;

/** Where a processor keeps its views: what a rebuild copies. */
public sealed interface ViewStorage permits PostgresTables, MongoCollections {

    /** The names the handler code writes to. */
    List<String> names();
}
