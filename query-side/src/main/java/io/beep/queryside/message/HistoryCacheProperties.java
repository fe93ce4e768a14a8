package io.beep.queryside.message;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sizes of the in-memory history cache ({@link HistoryPages}): how many history pages (up to
 * {@link io.beep.contracts.message.MessageViewKeys#PAGE_SIZE} messages each) and how many message
 * places (id to number) an instance keeps; 0 pages turns the cache off; for how long a channel
 * counter just read answers requests WITHOUT a consistency token too (0: every request reads it).
 */
@ConfigurationProperties("beep.history-cache")
public record HistoryCacheProperties(Integer pages, Integer places, Integer counterReuseMs) {

    public HistoryCacheProperties {
        pages = pages == null || pages < 0 ? 1_000 : pages;
        places = places == null || places < 0 ? 100_000 : places;
        counterReuseMs = counterReuseMs == null || counterReuseMs < 0 ? 50 : counterReuseMs;
    }
}
