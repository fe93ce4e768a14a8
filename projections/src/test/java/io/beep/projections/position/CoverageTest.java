package io.beep.projections.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class CoverageTest {

    private static GapAwareTrackingToken token(long index, Long... gaps) {
        return GapAwareTrackingToken.newInstance(index, Set.of(gaps));
    }

    @Test
    void coversEveryPositionUpToTheTokensIndex() {
        assertThat(Coverage.covers(token(10), 1)).isTrue();
        assertThat(Coverage.covers(token(10), 10)).isTrue();
    }

    @Test
    void doesNotCoverAPositionPastTheToken() {
        assertThat(Coverage.covers(token(10), 11)).isFalse();
    }

    @Test
    void doesNotCoverAPositionThatIsStillAGap() {
        assertThat(Coverage.covers(token(10, 7L), 7)).isFalse();
    }

    @Test
    void coversAPositionDespiteAnOlderGapWhereAxonsCoversWouldNot() {
        var withOlderGap = token(10, 3L);
        assertThat(Coverage.covers(withOlderGap, 8)).isTrue();
        assertThat(withOlderGap.covers(GapAwareTrackingToken.newInstance(8, Set.of())))
                .as("Axon's covers() also demands no gap below the position")
                .isFalse();
    }

    @Test
    void aProcessorThatHandledNothingYetCoversNothingButPositionZero() {
        assertThat(Coverage.covers(null, 1)).isFalse();
        assertThat(Coverage.covers(null, 0)).isTrue();
    }

    @Test
    void duringAReplayOnlyWhatTheReplayReachedIsCovered() {
        TrackingToken replay = ReplayToken.createReplayToken(token(100), token(40));
        assertThat(Coverage.covers(replay, 40)).isTrue();
        assertThat(Coverage.covers(replay, 41)).isFalse();
    }

    @Test
    void aMergingTokenCoversOnlyWhatBothHalvesCovered() {
        var merged = new MergedTrackingToken(token(50), token(20));
        assertThat(Coverage.covers(merged, 20)).isTrue();
        assertThat(Coverage.covers(merged, 21)).isFalse();
    }

    @Test
    void allSegmentsOfAllNamedProcessorsMustCover() {
        var snapshot = Map.<String, List<TrackingToken>>of(
                "server-views", List.of(token(10)),
                "messages", List.of(token(10), token(6)));
        assertThat(ProcessorPositions.covers(snapshot, 6)).isTrue();
        assertThat(ProcessorPositions.covers(snapshot, 7)).isFalse();
    }

    @Test
    void aProcessorWithoutItsSegmentsHereCoversNothing() {
        var snapshot = Map.<String, List<TrackingToken>>of("messages", List.of());
        assertThat(ProcessorPositions.covers(snapshot, 1)).isFalse();
    }
}
