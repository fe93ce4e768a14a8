package io.beep.projections.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.beep.projections.admin.events.ReplayRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;

/**
 * The admin routes read request bodies through the converters {@link StrictRequestJson} leaves:
 * wrong JSON types are refused ({@link ProblemAdvice} answers 400 {@code VALIDATION_FAILED}), the
 * documented forms still read, and the application's own mapper (Axon's) is left as it was.
 */
class StrictRequestJsonTest {

    private final MappingJackson2HttpMessageConverter bootDefault =
            new MappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder.json().build());

    private MappingJackson2HttpMessageConverter configured() {
        List<HttpMessageConverter<?>> converters = new ArrayList<>(List.of(new StringHttpMessageConverter(), bootDefault));
        new StrictRequestJson().extendMessageConverters(converters);
        assertThat(converters.get(0)).isInstanceOf(StringHttpMessageConverter.class);
        return (MappingJackson2HttpMessageConverter) converters.get(1);
    }

    private static ReplayRequest read(MappingJackson2HttpMessageConverter converter, String body) throws Exception {
        var message = new MockHttpInputMessage(body.getBytes(StandardCharsets.UTF_8));
        message.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        return (ReplayRequest) converter.read(ReplayRequest.class, message);
    }

    @Test
    void wronglyTypedReplayBodiesAreRefused() {
        var converter = configured();
        for (var body : List.of("{\"target\":5}", "{\"target\":true}", "{\"target\":1.5}", "{\"target\":[\"t\"]}",
                "{\"target\":{\"name\":\"t\"}}", "{\"target\":\"t\",\"filters\":\"all\"}",
                "{\"target\":\"t\",\"filters\":{\"types\":[5]}}", "{\"target\":\"t\",\"filters\":{\"types\":\"A\"}}",
                "{\"target\":\"t\",\"filters\":{\"aggregateId\":7}}", "{\"target\":\"t\",\"filters\":{\"since\":17}}",
                "{\"target\":\"t\",\"filters\":{\"from\":true}}", "{\"target\":\"t\",\"filters\":{\"to\":2.5}}",
                "{\"target\":\"t\",\"filters\":{\"limit\":[1]}}", "{\"target\":\"a\",\"target\":\"b\"}")) {
            assertThatThrownBy(() -> read(converter, body)).as(body).isInstanceOf(HttpMessageNotReadableException.class);
        }
    }

    @Test
    void positionsAndLimitReadAsJsonIntegersOrStrings() throws Exception {
        var request = read(configured(), "{\"target\":\"beep.test.t\",\"filters\":{\"types\":[\"MessageSentEvent\"],"
                + "\"from\":5,\"to\":\"9\",\"limit\":3,\"since\":\"2026-01-01T00:00:00Z\"}}");
        assertThat(request.target()).isEqualTo("beep.test.t");
        var query = request.filters().query();
        assertThat(query.from()).isEqualTo(5L);
        assertThat(query.to()).isEqualTo(9L);
        assertThat(query.limit()).isEqualTo(3L);
        assertThat(query.types()).containsExactly("MessageSentEvent");
    }

    @Test
    void theApplicationMapperStillCoercesAsBefore() throws Exception {
        configured();
        assertThat(read(bootDefault, "{\"target\":5}").target()).isEqualTo("5");
    }
}
