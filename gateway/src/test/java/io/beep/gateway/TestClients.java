package io.beep.gateway;

import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

/** A plain client for the gateway under test: real socket, no compression, no connection reuse tricks. */
final class TestClients {

    private TestClients() {
    }

    static WebTestClient gateway(int port) {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create().compress(false)))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(15))
                .build();
    }
}
