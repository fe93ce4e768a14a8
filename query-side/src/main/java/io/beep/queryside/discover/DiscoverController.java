package io.beep.queryside.discover;

import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.beep.contracts.common.Page;
import io.beep.contracts.server.ServerView;
import io.beep.queryside.platform.consistency.ReadConsistency;
import io.beep.queryside.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Discovering public servers over REST (anyone signed in). */
@RestController
class DiscoverController {

    static final String VIEWS = "server-views";
    private static final int MAX_QUERY = 200;
    private static final int MAX_WORDS = 10;
    private static final long MAX_OFFSET = 10_000;

    private final DiscoverReader reader;
    private final ReadConsistency consistency;

    DiscoverController(DiscoverReader reader, ReadConsistency consistency) {
        this.reader = reader;
        this.consistency = consistency;
    }

    @Operation(summary = "Public servers whose name or description match q, most relevant first.",
            description = "Every word of q must start a word of the name or description (accents and case ignored); "
                    + "name matches rank above description matches, then larger servers first. Without q: all "
                    + "public servers, largest first. Pass nextCursor back as cursor; null at the end.")
    @GetMapping("/api/v1/servers/discover")
    Page<ServerView> discover(@Parameter(description = "search words; at most 200 characters")
                              @RequestParam(required = false) String q,
                              @Parameter(description = "1 to 100, default 50",
                                      schema = @Schema(type = "integer", minimum = "1", maximum = "100",
                                              defaultValue = "50"))
                              @RequestParam(required = false) String limit,
                              @Parameter(description = "nextCursor of the previous page")
                              @RequestParam(required = false) String cursor,
                              @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        if (q != null && q.length() > MAX_QUERY) {
            throw DomainException.invalid("q must be at most " + MAX_QUERY + " characters");
        }
        int size = Paging.limit(limit);
        Long key = Paging.keyOf(cursor);
        long offset = key == null ? 0 : key;
        if (offset < 0 || offset > MAX_OFFSET) {
            throw DomainException.invalid("cursor is not one this API handed out");
        }
        consistency.awaitViews(Consistency.parse(token), VIEWS);
        var rows = reader.search(DiscoverReader.words(q, MAX_WORDS), offset, size);
        var next = rows.size() > size && offset + size <= MAX_OFFSET ? Paging.cursorAfter(offset + size) : null;
        return Page.of(rows.stream().limit(size).toList(), next);
    }
}
