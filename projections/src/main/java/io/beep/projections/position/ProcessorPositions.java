package io.beep.projections.position;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * The in-memory progress of this service's streaming processors: the tokens of the segments each
 * one holds, advanced only after a batch has committed.
 */
@Component
public class ProcessorPositions {

    private final EventProcessingConfiguration processing;

    public ProcessorPositions(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** The names of every streaming processor of this service. */
    public Set<String> names() {
        var names = new TreeSet<String>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                names.add(name);
            }
        });
        return names;
    }

    /**
     * The current tokens of each named processor's segments. A processor that does not hold every
     * segment here (another instance holds some, or none is claimed yet) has an empty list: its
     * progress cannot be known from this instance.
     */
    public Map<String, List<TrackingToken>> snapshot(Collection<String> names) {
        var tokens = new HashMap<String, List<TrackingToken>>();
        for (var name : names) {
            var processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow(() -> new IllegalArgumentException("unknown processor " + name));
            var segments = new ArrayList<TrackingToken>();
            double share = 0;
            for (var status : processor.processingStatus().values()) {
                segments.add(status.getTrackingToken());
                share += 1.0 / (status.getSegment().getMask() + 1);
            }
            tokens.put(name, Math.abs(share - 1.0) < 1e-9 ? segments : List.of());
        }
        return tokens;
    }

    /** Whether every segment of every processor in the snapshot covers {@code position}. */
    public static boolean covers(Map<String, List<TrackingToken>> snapshot, long position) {
        for (var segments : snapshot.values()) {
            if (segments.isEmpty()) {
                return position <= 0;
            }
            for (var token : segments) {
                if (!Coverage.covers(token, position)) {
                    return false;
                }
            }
        }
        return true;
    }
}
